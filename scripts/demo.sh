#!/usr/bin/env bash
# The main job: install into .venv (scripts/install.sh), then run the whole flow against
# the local sandbox with the venv's socialbot.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
exec .venv/bin/socialbot demo "$@"
