#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster (Debian's postgresql) on loopback:
#   scripts/with-postgres.sh make test-only
# The cluster lives in a temporary folder and is removed afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-system-deps.sh postgresql
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
PG_PORT=${PG_PORT:-54329}
PG_DIR=$(mktemp -d /tmp/elearning-pg.XXXXXX)
as_postgres=()
if [ "$(id -u)" -eq 0 ]; then
  chown postgres:postgres "$PG_DIR"
  as_postgres=(runuser -u postgres --)
fi
stop() {
  "${as_postgres[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$PG_DIR"
}
trap stop EXIT
"${as_postgres[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 >/dev/null
"${as_postgres[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w start \
  -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null
"${as_postgres[@]}" "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres elearning
export DATABASE_URL="postgres://postgres@127.0.0.1:${PG_PORT}/elearning"
# For checks that restart the server under load (scripts/deploy_check.py).
export ELEARNING_PG_BIN="$PG_BIN" ELEARNING_PG_DATA="$PG_DIR/data" ELEARNING_PG_LOG="$PG_DIR/server.log"
export ELEARNING_PG_AS_POSTGRES="${as_postgres[*]:-}"
echo "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:${PG_PORT}"
"$@"
