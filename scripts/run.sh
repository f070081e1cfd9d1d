#!/usr/bin/env bash
# The main job on the embedded default: ingest the sample dumps shipped in samples/ into out/.
# Later stages (Label Studio push and pull, release) join this script as they land.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/bootstrap.sh
.venv/bin/builder ingest samples --out out --targets annotations/targets.yaml
.venv/bin/builder validate out/documents.jsonl out/quarantine.jsonl
echo "Documents: out/documents.jsonl   Rejected: out/quarantine.jsonl   Report: out/report.json"
