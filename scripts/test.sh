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
echo "== pytest"
.venv/bin/python -m pytest "$@"
