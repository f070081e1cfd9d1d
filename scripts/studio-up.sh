#!/usr/bin/env bash
# Install Label Studio on first use (its own virtualenv, about 1 GB, a few minutes) and start it on 127.0.0.1 for
# the tests and for annotators; exit 0 once it answers /health. Progress goes to stderr and the URL alone to
# stdout, so `url=$(bash scripts/studio-up.sh)` works. Safe to run again: a server already running from the
# same data directory is reused.
#
# Settings, all optional; the defaults are fixed test credentials, fit only for a server bound to 127.0.0.1:
#   BUILDER_STUDIO_PORT      8080
#   BUILDER_STUDIO_DATA      .studio/data (database, log and the state file the tests read)
#   BUILDER_STUDIO_VENV      ~/.cache/news-stance-builder/label-studio-<version>, shared by every clone
#   BUILDER_STUDIO_USER      admin@example.com
#   BUILDER_STUDIO_PASSWORD  a fixed test password
#   LABEL_STUDIO_API_KEY     the admin's API token (the name label-studio-sdk reads); a fixed test token
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
PYTHON=.venv/bin/python
[ -x "$PYTHON" ] || PYTHON=python3  # builder.studio.server needs only the standard library
PYTHONPATH=. "$PYTHON" - <<'PY'
import os
import sys
from pathlib import Path

from builder.studio import server

env = os.environ.get
venv_dir = Path(env("BUILDER_STUDIO_VENV") or server.default_venv_dir())
data_dir = Path(env("BUILDER_STUDIO_DATA") or ".studio/data")
token = env("LABEL_STUDIO_API_KEY") or "builder-test-token-0123456789"
try:
    executable = server.ensure_installed(venv_dir, lambda message: print(message, file=sys.stderr, flush=True))
    print(f"Starting Label Studio from {data_dir} unless it runs (a first start migrates: about a minute)", file=sys.stderr)
    info = server.start(
        data_dir,
        int(env("BUILDER_STUDIO_PORT") or 8080),
        env("BUILDER_STUDIO_USER") or "admin@example.com",
        env("BUILDER_STUDIO_PASSWORD") or "builder-test-password",
        token,
        executable=executable,
    )
except (server.StudioError, ValueError) as error:
    sys.exit(f"studio-up: {error}")
print(f"Label Studio {info.version} is up at {info.url} (pid {info.pid}, user {info.username}, "
      f"token {server.mask_token(info.token)}, log {data_dir / server.LOG_FILE})", file=sys.stderr)
print(info.url)
PY
