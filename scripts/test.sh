#!/usr/bin/env bash
# The whole test suite, as the README states it and as CI runs it: install, lint, schema drift, tests.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/bootstrap.sh
echo "== ruff"
.venv/bin/ruff check builder tests scripts
.venv/bin/ruff format --check builder tests scripts
echo "== builder schemas check"
.venv/bin/builder schemas check
echo "== Label Studio (installed into its own virtualenv on first use, then started on 127.0.0.1)"
bash scripts/studio-up.sh >/dev/null
if [ ! -x /usr/bin/chromium ]; then
  # The browser test drives Debian's chromium package (Playwright never downloads a browser here).
  echo "== chromium (Debian package, for the browser test)"
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
echo "== pytest"
.venv/bin/python -m pytest "$@"
