#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what the tests need (a virtual environment with the
# locked Python packages, Debian's chromium for the browser tests, axe-core and eslint from npm), runs the
# code-quality tools (ruff, mypy, eslint: a finding fails the run), then pytest. Extra arguments go to pytest.
#
#   bash tests/run.sh                  the locked versions of requirements/test.txt, in .venv/
#   bash tests/run.sh --latest [...]   the newest releases pyproject.toml's ranges allow, in .venv-latest/,
#                                      to see a new release break something before a lock refresh does
set -euo pipefail
cd "$(dirname "$0")/.."

venv=.venv
latest=false
if [ "${1:-}" = "--latest" ]; then
  latest=true
  venv=.venv-latest
  shift
fi

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the browser tests…"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi

# axe-core and eslint at the exact versions tests/package-lock.json pins; installed again when the lock changed.
if ! cmp -s tests/package-lock.json tests/node_modules/.installed-from-lock 2>/dev/null; then
  command -v npm >/dev/null || { echo "npm is missing: install Node.js (Debian: apt-get install nodejs npm)" >&2; exit 1; }
  npm ci --prefix tests --silent --no-audit --no-fund
  cp tests/package-lock.json tests/node_modules/.installed-from-lock
fi

python3 -m venv "$venv"
if $latest; then
  "$venv/bin/python" -m pip install -q --upgrade --upgrade-strategy eager -e '.[test,lint]'
  "$venv/bin/python" -m pip list --format=freeze | sed 's/^/  /'
else
  # The lock (requirements/README.md says how it is made): exact versions, every file checked by its hash.
  "$venv/bin/python" -m pip install -q --require-hashes -r requirements/test.txt
  "$venv/bin/python" -m pip install -q --no-deps --no-build-isolation -e .
fi

echo "ruff, mypy and eslint…"
"$venv/bin/ruff" check --quiet generator tests benchmarks
"$venv/bin/ruff" format --check --quiet generator tests benchmarks
"$venv/bin/mypy" --no-error-summary
tests/node_modules/.bin/eslint --config tests/eslint.config.mjs overrides/assets/javascripts

exec "$venv/bin/python" -m pytest "$@"
