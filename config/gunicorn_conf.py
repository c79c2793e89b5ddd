"""Gunicorn settings for OHS Online (a WSGI server: Django under ASGI measured ~8x slower here)."""

import os

wsgi_app = "config.wsgi:application"
bind = os.environ.get("OHS_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("OHS_WEB_WORKERS", "3"))
threads = int(os.environ.get("OHS_WEB_THREADS", "4"))
worker_class = "gthread"
timeout = 60
keepalive = 5
accesslog = "-"
max_requests = 5000
max_requests_jitter = 500
