#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what the tests need (a virtual environment with the
# Python packages, Debian's chromium for the browser tests, axe-core from npm for the accessibility test),
# then runs pytest. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the browser tests…"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

# axe-core, for the accessibility test, at the exact version tests/package-lock.json pins.
if [ ! -d tests/node_modules ]; then
  command -v npm >/dev/null || { echo "npm is missing: install Node.js (Debian: apt-get install nodejs npm)" >&2; exit 1; }
  npm ci --prefix tests --silent --no-audit --no-fund
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'
exec .venv/bin/python -m pytest "$@"
