"""Benchmark: `builder validate` against merely parsing the same JSONL with `json.loads`, in the same run.

Target (issue 2): validation at no less than 0.8x the parse-only rate. The documents are the real page dump
shipped in samples/, ingested: several KB of text each, with sentences, quotes, claims and target mentions.

    .venv/bin/python scripts/bench_validate.py [--documents 10000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchlib import Figure, peak_rss_mb, report

from builder.ingest.pipeline import IngestOptions, ingest_file
from builder.ingest.sources import InputFile
from builder.records import Document
from builder.targets import load_targets
from builder.validate import FileStats, RecordValidator, validate_file

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "daily8-putin-trump-call.txt"
TARGETS = SAMPLE.parent.parent / "annotations" / "targets.yaml"


def realistic_documents(count: int) -> list[str]:
    """`count` JSON lines of real documents: the sample page ingested (main and related articles, 3-7 KB of
    text each, with paragraphs, sentences, quotes, claims and target mentions), repeated under new ids."""
    source = InputFile(SAMPLE, str(SAMPLE))
    options = IngestOptions(targets=tuple(load_targets(TARGETS)))
    documents = [Document.model_validate_json(built.line) for built in ingest_file(source, options).documents]
    lines = []
    for index in range(count):
        document = documents[index % len(documents)]
        lines.append(document.model_copy(update={"doc_id": f"doc_{index:016x}"}).model_dump_json())
    return lines


def parse_only(path: Path) -> int:
    count = 0
    with path.open("rb") as handle:
        for raw in handle:
            json.loads(raw)
            count += 1
    return count


def builder_validate(path: Path) -> int:
    stats = FileStats(path)
    problems = list(validate_file(path, RecordValidator(), stats))
    if problems:
        raise SystemExit(f"benchmark input is invalid: {problems[0]}")
    return stats.valid


def best_times(repeat: int, runs: dict[str, Callable[[Path], int]], path: Path) -> dict[str, tuple[float, int]]:
    """Best wall time of each run, interleaved so that a burst of load on a shared machine hits both alike."""
    best: dict[str, tuple[float, int]] = {}
    for _ in range(repeat):
        for name, run in runs.items():
            started = time.process_time()
            count = run(path)
            elapsed = time.process_time() - started
            if name not in best or elapsed < best[name][0]:
                best[name] = (elapsed, count)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", type=Path, help="Also write the figures here, for scripts/bench.py.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "documents.jsonl"
        path.write_text("\n".join(realistic_documents(args.documents)) + "\n", encoding="utf-8")
        megabytes = path.stat().st_size / 1e6
        best = best_times(args.repeat, {"json.loads": parse_only, "builder validate": builder_validate}, path)
        rss_validate, rss_json = peak_rss_mb(lambda: builder_validate(path)), peak_rss_mb(lambda: parse_only(path))
    (baseline, count), (measured, valid) = best["json.loads"], best["builder validate"]
    assert valid == count
    print(f"{count:,} documents, {megabytes:.1f} MB ({megabytes * 1000 / count:.1f} KB each), best of {args.repeat}")
    ratio = baseline / measured
    report(
        "validate",
        [
            Figure(
                "builder validate",
                count / measured,
                "records/s",
                "json.loads",
                count / baseline,
                ">= 0.8x json.loads",
                ratio >= 0.8,
            ),
            Figure("builder validate", megabytes / measured, "MB/s", "json.loads", megabytes / baseline),
            Figure("peak RSS, builder validate", rss_validate, "MB", "json.loads", rss_json),
        ],
        args.json,
    )


if __name__ == "__main__":
    main()
