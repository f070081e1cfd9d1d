"""The shipped sample page through the real `builder ingest` command: the documents most tests work on."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from builder.records import Document
from tests.paths import REPO, SAMPLES

TARGETS = REPO / "annotations" / "targets.yaml"


def ingest_samples(out: Path) -> Path:
    """Ingest samples/ with the shipped targets into `out`; the documents.jsonl it wrote."""
    command = [
        sys.executable,
        "-m",
        "builder.cli",
        "ingest",
        str(SAMPLES),
        "--out",
        str(out),
        "--targets",
        str(TARGETS),
    ]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return out / "documents.jsonl"


def sample_documents(out: Path) -> list[Document]:
    lines = ingest_samples(out).read_text(encoding="utf-8").splitlines()
    return [Document.model_validate_json(line) for line in lines]
