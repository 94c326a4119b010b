#!/usr/bin/env bash
# Sets up .venv from the lock file. Usage: bash scripts/setup.sh [--dev]
#   --dev  also installs the test and packaging tools (requirements-dev.lock).
# On Debian it first installs the system libraries Qt needs (needs root or sudo).
set -euo pipefail
cd "$(dirname "$0")/.."

lock=requirements.lock
[ "${1:-}" = "--dev" ] && lock=requirements-dev.lock

# System libraries for Qt (offscreen and X11), fonts, PDF page rendering, and venv.
apt_pkgs="python3-venv libgl1 libegl1 libxkbcommon0 libfontconfig1 libglib2.0-0 libdbus-1-3
  fonts-dejavu-core libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
  libxkbcommon-x11-0 xvfb xauth poppler-utils"
if command -v dpkg-query >/dev/null 2>&1; then
  missing=""
  for p in $apt_pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
  if [ -n "$missing" ]; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "Installing system packages:$missing"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
  fi
fi

py=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$py" -m venv .venv
fi
# A failed install stops here with its command and pip's own error (pipefail); only
# pip's harmless "WARNING: Location" lines are dropped from what it prints.
pip_install() {
  echo "+ pip install $*"
  .venv/bin/python -m pip install -q --disable-pip-version-check "$@" 2>&1 \
    | sed '/^WARNING: Location/d'
}
pip_install --upgrade "pip>=24"
pip_install --require-hashes -r "$lock"
pip_install --no-deps -e .
.venv/bin/python -c "import engine, pydantic, PySide6" || { echo "setup failed: imports do not work" >&2; exit 1; }
echo "Ready: .venv ($lock)"
