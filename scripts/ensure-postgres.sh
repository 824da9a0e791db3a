#!/usr/bin/env bash
# Source this: makes a PostgreSQL server answer on 127.0.0.1:5432 for the test suite and
# exports SOCIALBOT_TEST_PG_URL. Uses the running server when there is one; otherwise
# installs Debian's package, starts its cluster and gives the postgres role a password.
PYTHON=${PYTHON:-python3}
: "${SOCIALBOT_TEST_PG_URL:=postgresql+psycopg://postgres@127.0.0.1:5432/test}"

pg_answers() {
  "$PYTHON" - "$1" <<'PY' >/dev/null 2>&1
import sys
import psycopg
url = sys.argv[1].replace("postgresql+psycopg://", "postgresql://")
psycopg.connect(url, connect_timeout=3).close()
PY
}

if pg_answers "$SOCIALBOT_TEST_PG_URL"; then
  echo "postgres: using the server at 127.0.0.1:5432" >&2
else
  echo "postgres: none answers; installing and starting Debian's postgresql" >&2
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq postgresql >/dev/null
  fi
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  # Already running is fine too: the loop below checks that it answers.
  pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null \
    || pg_ctlcluster "$version" main start 2>/dev/null || true
  for _ in $(seq 1 30); do
    runuser -u postgres -- psql -qAtc "select 1" >/dev/null 2>&1 && break
    sleep 1
  done
  runuser -u postgres -- psql -qc "ALTER ROLE postgres PASSWORD 'socialbot-test'" >/dev/null
  SOCIALBOT_TEST_PG_URL="postgresql+psycopg://postgres:socialbot-test@127.0.0.1:5432/postgres"
  pg_answers "$SOCIALBOT_TEST_PG_URL" || { echo "postgres: still not answering" >&2; exit 1; }
fi
export SOCIALBOT_TEST_PG_URL
