#!/usr/bin/env bash
# The test command: install, make PostgreSQL answer, lint, then the whole suite, whose
# storage tests run on SQLite and on PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
bash scripts/install.sh
# shellcheck source=scripts/ensure-postgres.sh
source scripts/ensure-postgres.sh
export SOCIALBOT_REQUIRE_PG=1
"$PYTHON" -m ruff check .
"$PYTHON" -m pytest "$@"
