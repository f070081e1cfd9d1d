#!/usr/bin/env bash
# Stop the Label Studio that scripts/studio-up.sh started (same BUILDER_STUDIO_DATA); exit 0 whether or not it ran.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON=.venv/bin/python
[ -x "$PYTHON" ] || PYTHON=python3
PYTHONPATH=. "$PYTHON" - <<'PY'
import os
from pathlib import Path

from builder.studio import server

data_dir = Path(os.environ.get("BUILDER_STUDIO_DATA") or ".studio/data")
print("Label Studio stopped" if server.stop(data_dir) else f"no Label Studio was running from {data_dir}")
PY
