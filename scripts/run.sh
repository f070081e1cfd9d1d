#!/usr/bin/env bash
# The main job on the embedded default: ingest the sample dumps shipped in samples/ into out/, start the local
# Label Studio (installed into its own virtualenv on first use), push the documents to it as tasks with
# pre-annotations, release the samples as a versioned Hugging Face dataset (machine labels marked as such, until
# people have annotated), and print where to log in and how to load the release. Running it again reuses the
# server, adds no duplicate task and makes no new release version while the data is unchanged.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bash scripts/bootstrap.sh
.venv/bin/builder ingest samples --out out --targets annotations/targets.yaml
.venv/bin/builder validate out/documents.jsonl out/quarantine.jsonl
echo "Documents: out/documents.jsonl   Rejected: out/quarantine.jsonl   Report: out/report.json"
# The local server, with the data directory and credentials of scripts/studio-up.sh (BUILDER_STUDIO_* settings).
.venv/bin/builder studio serve >/dev/null
project="${BUILDER_STUDIO_PROJECT:-news-stance samples}"
.venv/bin/builder studio push out/documents.jsonl --project "$project" --targets annotations/targets.yaml
# Annotations pulled so far (none on a first run) plus the unconfirmed machine labels, clearly marked.
.venv/bin/builder release --documents out/documents.jsonl --annotations annotations --out out/release \
  --bump minor --include-machine-labels --name news-stance-samples
echo
echo "Annotate project \"$project\" in Label Studio:"
.venv/bin/builder studio serve --status
echo "Then bring the annotations back with: .venv/bin/builder studio pull --project \"$project\" --out annotations/"
