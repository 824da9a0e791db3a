#!/usr/bin/env bash
# The main job: install, then run the whole flow against the local sandbox.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
exec socialbot demo "$@"
