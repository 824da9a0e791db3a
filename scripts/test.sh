#!/usr/bin/env bash
# The test command (CI runs it too): install into .venv, make PostgreSQL answer, lint,
# then the suite, whose storage tests run on SQLite and on PostgreSQL, spread over one
# worker per core (pytest-xdist), the 15 slowest tests listed at the end.
# Under CI (CI set) or with SOCIALBOT_SLOW=1 everything runs, the kill -9 crash trials
# included; otherwise those (marked `slow`, minutes each) are left to CI.
# Extra arguments go to pytest (e.g. `-k approval`, `-n 0` for one process).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
PYTHON=$PWD/.venv/bin/python  # ensure-postgres.sh needs psycopg, which lives in the venv
# shellcheck source=scripts/ensure-postgres.sh
source scripts/ensure-postgres.sh
export SOCIALBOT_REQUIRE_PG=1
"$PYTHON" -m ruff check .
select=()
if [ -z "${CI:-}" ] && [ "${SOCIALBOT_SLOW:-}" != 1 ]; then
  select=(-m "not slow")
  echo "test: the slow crash trials run under CI=1 or SOCIALBOT_SLOW=1" >&2
fi
# Timings depend on what else the machine runs: say so next to them.
echo "test: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start" >&2
status=0
"$PYTHON" -m pytest -n auto --durations=15 "${select[@]}" "$@" || status=$?
echo "test: load average $(cut -d' ' -f1-3 /proc/loadavg) at the end" >&2
exit "$status"
