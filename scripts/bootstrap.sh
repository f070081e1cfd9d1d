#!/usr/bin/env bash
# Create (or reuse) the project's virtualenv in .venv and install the project into it with its dev and ray extras.
# Sourced by the README's two commands, so a fresh clone needs nothing but python3 (>= 3.11).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "Creating .venv with $($PYTHON --version)"
  "$PYTHON" -m venv .venv
fi
stamp=.venv/.installed-$(cat pyproject.toml | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ]; then
  echo "Installing the project and its dev tools into .venv (first run takes a few minutes)"
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e '.[dev,ray]'
  rm -f .venv/.installed-*
  touch "$stamp"
fi
