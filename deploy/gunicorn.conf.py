"""Gunicorn for CAMS e-learning, behind the proxy (deploy/nginx.conf.template buffers slow
clients, so sync workers are right): `gunicorn -c deploy/gunicorn.conf.py elearning.wsgi`."""

import multiprocessing
import os

bind = os.environ.get("CAMS_GUNICORN_BIND", "127.0.0.1:8001")
# One per core and one more: the database and Redis usually share the machine.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() + 1))
worker_class = "sync"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))  # under the proxy's 75 s read timeout
graceful_timeout = 30
keepalive = 5
# Workers are replaced now and then, so a slow leak never grows without bound.
max_requests = 2000
max_requests_jitter = 200
# Only the proxy on this machine may set X-Forwarded-*.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
accesslog = "-"
errorlog = "-"
