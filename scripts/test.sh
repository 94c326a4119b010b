#!/usr/bin/env bash
# Sets up .venv with the dev lock and runs the whole test suite headless.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --dev
export QT_QPA_PLATFORM=offscreen LANG=C.UTF-8 DBUS_SESSION_BUS_ADDRESS=disabled:
exec .venv/bin/python -m pytest "$@"
