# Helpers shared by bin/test and the benchmarks: install Debian packages and make sure the
# local services answer, starting them the way the machine image does when they are down.

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

ensure_debian_packages() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  if [ "${#missing[@]}" -gt 0 ]; then
    echo "installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# Print the PostgreSQL URL to test against, starting the local server if it is installed but down.
postgres_url() {
  if [ -n "${DATABASE_URL:-}" ]; then echo "$DATABASE_URL"; return 0; fi
  if ! port_open 127.0.0.1 5432 && command -v pg_ctlcluster >/dev/null 2>&1; then
    as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start >/dev/null 2>&1 || true
    for _ in 1 2 3 4 5 6 7 8 9 10; do port_open 127.0.0.1 5432 && break; sleep 1; done
  fi
  port_open 127.0.0.1 5432 || return 1
  echo "postgres://postgres@127.0.0.1:5432/ohs"
}
