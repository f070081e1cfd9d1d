"""Benchmark: `builder release` against writing the same tables with pyarrow directly, in the same run.

Target (issue 5): releasing 100,000 documents with 300,000 claims takes at most 2x the time of the pyarrow
baseline. The input is generated in-process: the real sample page, ingested, repeated under new ids (two
documents per page, so groups and splits are real), each document keeping 3 of its candidate claims. The
claims are released as marked machine labels, the path a documents-only release takes.

- release: `release_records` on the documents in memory: splits with the ledger and leak check, rows from
  the models, the Parquet files of every config and split, plot, card, manifest (sha256 of every file and
  of the input), changelog, and the git commit and tag.
- pyarrow: the same two tables (documents, claims: the same columns and values) built from the same
  records by hand-written row dicts, `pa.Table.from_pylist` and `pq.write_table`, one file per table and
  nothing else (labels stay strings: no ClassLabel encoding, no splits, card, manifest or git).

Reading and validating the input JSONL is the same for both and measured by scripts/bench_validate.py;
it is printed here too, as the `builder release` command pays it.

    .venv/bin/python scripts/bench_release.py [--documents 100000] [--claims-per-document 3]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from bisect import bisect_right
from dataclasses import replace
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from benchlib import Figure, local_ray, peak_rss_mb, report

from builder.jsonl import AtomicJsonlWriter
from builder.records import CheckWorthiness, Document
from builder.release.build import ReleaseOptions, make_release, release_records
from builder.release.inputs import read_documents

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "daily8-putin-trump-call.txt"
TARGETS = SAMPLE.parent.parent / "annotations" / "targets.yaml"
WORTHINESS = list(CheckWorthiness)


def synthetic_documents(count: int, claims_per_document: int, scratch: Path) -> list[Document]:
    """The sample page through the real `builder ingest` command, repeated under new ids."""
    command = [sys.executable, "-m", "builder.cli", "ingest", str(SAMPLE), "--out", str(scratch)]
    subprocess.run([*command, "--targets", str(TARGETS)], check=True, capture_output=True)
    samples = list(read_documents(scratch / "documents.jsonl"))
    documents = []
    for index in range(count):
        sample = samples[index % len(samples)]
        documents.append(
            sample.model_copy(
                update={
                    "doc_id": f"doc_{index:016x}",
                    "page_id": f"page_{index // 2:016x}",
                    "claims": sample.claims[:claims_per_document],
                }
            )
        )
    return documents


def pyarrow_baseline(documents: list[Document], folder: Path) -> int:
    """The same two tables, same columns and values, by hand: a dict per row straight from the record (labels
    left as strings, the group taken to be the page, the claim's sentence found by bisection, its speaker
    and cue from the first quote inside it), `from_pylist`, `write_table`. No splits, card or git."""
    document_rows, claim_rows = [], []
    for document in documents:
        document_rows.append(
            {
                "schema_version": document.schema_version,
                "doc_id": document.doc_id,
                "page_id": document.page_id,
                "group_id": document.page_id,
                "duplicate_of": document.duplicate_of,
                "role": document.role.value,
                "title": document.title,
                "text": document.text,
                "paragraphs": document.paragraphs,
                "sentences": document.sentences,
                "source": document.source,
                "site": document.site,
                "url": document.url,
                "dateline": document.dateline.raw if document.dateline else None,
                "credit": document.credit,
                "published_at": document.published_at,
                "updated_at": document.updated_at,
                "lang": document.lang,
            }
        )
        starts = [sentence["start"] for sentence in document.sentences]
        for claim in document.claims:
            start, end = claim["start"], claim["end"]
            sentence = document.sentences[max(0, bisect_right(starts, start) - 1)]
            target = next((m["target_id"] for m in document.targets if start <= m["start"] and m["end"] <= end), None)
            quote = next((q for q in document.quotes if start <= q["start"] and q["end"] <= end), None)
            speaker, cue = (quote.get("speaker"), quote.get("cue")) if quote else (None, None)
            claim_rows.append(
                {
                    "schema_version": document.schema_version,
                    "claim_id": f"{document.doc_id}:{target or ''}:{start}-{end}",
                    "doc_id": document.doc_id,
                    "target_id": target,
                    "start": start,
                    "end": end,
                    "text": claim["text"],
                    "sentence": document.text[sentence["start"] : sentence["end"]],
                    "checkworthiness": claim["suggested"].value,
                    "checkworthiness_soft": [float(claim["suggested"] == label) for label in WORTHINESS],
                    "stance": None,
                    "stance_soft": [0.0, 0.0, 0.0],
                    "speaker": speaker["text"] if speaker else None,
                    "cue": cue["text"] if cue else None,
                    "num_annotators": 0,
                    "machine_label": True,
                }
            )
    pq.write_table(pa.Table.from_pylist(document_rows), folder / "documents.parquet")
    pq.write_table(pa.Table.from_pylist(claim_rows), folder / "claims.parquet")
    return len(claim_rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--claims-per-document", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="10,000 documents instead of 100,000.")
    parser.add_argument("--json", type=Path, help="Also write the figures here, for scripts/bench.py.")
    args = parser.parse_args()
    if args.quick:
        args.documents = 10_000
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        started = time.perf_counter()
        documents = synthetic_documents(args.documents, args.claims_per_document, root / "ingest")
        print(f"generated {len(documents):,} documents in {time.perf_counter() - started:.1f} s")
        input_path = root / "documents.jsonl"
        with AtomicJsonlWriter(input_path) as writer:
            for document in documents:
                writer.write(document)
        started = time.perf_counter()
        claims = pyarrow_baseline(documents, root)
        baseline = time.perf_counter() - started
        options = ReleaseOptions(input_path, None, root / "release", version="1.0.0", include_machine_labels=True)
        started = time.perf_counter()
        result = release_records(documents, [], {}, options)
        released = time.perf_counter() - started
        started = time.perf_counter()
        reread = sum(1 for _ in read_documents(input_path))
        reading = time.perf_counter() - started
        megabytes = sum(p.stat().st_size for p in (root / "release").rglob("*.parquet")) / 1e6
        rss_release = peak_rss_mb(lambda: release_records(documents, [], {}, replace(options, out=root / "rss")))
        (root / "rss-pyarrow").mkdir()
        rss_baseline = peak_rss_mb(lambda: pyarrow_baseline(documents, root / "rss-pyarrow"))
        local_file, on_ray = engines_from_the_file(options, root)
    counts = {config: sum(splits.values()) for config, splits in result.counts.items()}
    print(f"input: {reread:,} documents ({input_path.name}), {claims:,} claims")
    print(f"released rows: {counts}; Parquet {megabytes:,.0f} MB")
    print(f"pyarrow directly (2 tables):          {baseline:7.2f} s")
    print(f"reading + validating the JSONL input: {reading:7.2f} s  (paid by the CLI on top)")
    figures = [
        Figure(
            f"builder release, {reread:,} documents and {claims:,} claims",
            released,
            "s",
            "the same tables with pyarrow directly",
            baseline,
            "<= 2x pyarrow",
            released / baseline <= 2,
        ),
        Figure("peak RSS, builder release (documents in memory)", rss_release, "MB", "pyarrow directly", rss_baseline),
    ]
    if on_ray is not None:
        figures.append(
            Figure(
                f"builder release --engine ray from the file ({os.cpu_count()} CPUs)",
                on_ray,
                "s",
                "local engine from the file",
                local_file,
            )
        )
    report("release", figures, args.json)


def engines_from_the_file(options: ReleaseOptions, root: Path) -> tuple[float, float | None]:
    """Seconds of `make_release` reading the documents file, with the local engine and (when Ray's extra is
    installed) on a local Ray using every core, already started: its start-up is not the engine's cost."""
    started = time.perf_counter()
    make_release(replace(options, out=root / "from-file"))
    local = time.perf_counter() - started
    session = local_ray()
    if session is None:
        return local, None
    with session:
        started = time.perf_counter()
        make_release(replace(options, out=root / "on-ray", engine="ray"))
        return local, time.perf_counter() - started


if __name__ == "__main__":
    main()
