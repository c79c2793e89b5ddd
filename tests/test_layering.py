"""House rules checked on the source tree."""

from __future__ import annotations

import ast
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RULE_MODULES = sorted(ROOT.glob("ohs/*/rules/*.py"))


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_rules_modules_import_no_django() -> None:
    """Pure rules (exposure, schedules, classification, draws, discretion) stay plain Python."""
    assert RULE_MODULES
    offenders = {
        str(p.relative_to(ROOT)): sorted(n for n in _imports(p) if n.split(".")[0] == "django") for p in RULE_MODULES
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_rules_modules_import_only_rules() -> None:
    """A rules module may use another app's rules, never its models or services."""
    bad = {}
    for path in RULE_MODULES:
        wrong = sorted(n for n in _imports(path) if n.startswith("ohs.") and ".rules" not in n)
        if wrong:
            bad[str(path.relative_to(ROOT))] = wrong
    assert bad == {}


CATALOGUES = sorted(
    p
    for p in ROOT.glob("**/locale/zh_Hans/LC_MESSAGES/django.po")
    if ".venv" not in p.parts and "node_modules" not in p.parts
)


def test_translations_complete_and_compiled(tmp_path: Path) -> None:
    """Every message has its Chinese text (none fuzzy), and each committed .mo is its compiled .po."""
    assert CATALOGUES
    for po in CATALOGUES:
        text = po.read_text(encoding="utf-8")
        entries = text.split("\n\n")[1:]
        untranslated = [
            e for e in entries if 'msgstr ""' in e and '\n"' not in e.split("msgstr", 1)[1] and "#~" not in e
        ]
        assert untranslated == [], po
        assert "#, fuzzy" not in text, f"{po}: fuzzy entries are not compiled"
        compiled = tmp_path / "django.mo"
        subprocess.run(["msgfmt", "--check-format", "-o", str(compiled), str(po)], check=True)
        assert compiled.read_bytes() == po.with_suffix(".mo").read_bytes(), f"{po}: run compilemessages"
