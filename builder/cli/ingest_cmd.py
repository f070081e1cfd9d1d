"""`builder ingest`: raw dumps in, `documents.jsonl`, `quarantine.jsonl` and `report.json` out."""

from __future__ import annotations

import json
import time
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from builder.cli.console import complain, err
from builder.ingest.dedup import DedupConfig
from builder.ingest.pages import Rejection
from builder.ingest.pipeline import FileOutcome, IngestOptions, IngestReport, run_ingest
from builder.ingest.scraper import parse_field_overrides
from builder.ingest.sources import discover
from builder.jsonl import AtomicJsonlWriter
from builder.records import SourceFormat
from builder.targets import TargetsFileError, load_targets

EXAMPLES = """Examples:

  builder ingest samples --out out

  builder ingest 'crawl/*.warc.gz' scraper.jsonl --out out --targets annotations/targets.yaml --workers 2

  builder ingest export.jsonl --format jsonl --field title=meta.headline --out out"""

InputFormat = StrEnum("InputFormat", {"auto": "auto", **{kind.value: kind.value for kind in SourceFormat}})  # type: ignore[misc]


def ingest(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories (recursive) or globs; .gz is read as is.")],
    out: Annotated[Path, typer.Option("--out", help="Folder for documents.jsonl, quarantine.jsonl, report.json.")],
    input_format: Annotated[
        InputFormat, typer.Option("--format", help="Input format; `auto` decides per file.")  # type: ignore[valid-type]
    ] = "auto",  # type: ignore[assignment]
    targets: Annotated[
        Path | None, typer.Option("--targets", exists=True, dir_okay=False, help="YAML/JSON file of stance targets.")
    ] = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Worker processes.")] = 1,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 when anything was rejected.")] = False,
    fields: Annotated[
        list[str] | None, typer.Option("--field", help="Scraper JSONL field override NAME=PATH, e.g. title=meta.h1.")
    ] = None,
    near_duplicate: Annotated[
        float, typer.Option("--near-duplicate", min=0.0, max=1.0, help="Jaccard threshold for near-duplicates.")
    ] = 0.8,
) -> None:
    """Turn raw news dumps (page text, HTML, WARC, scraper JSONL) into validated, enriched documents."""
    try:
        target_list = tuple(load_targets(targets)) if targets else ()
        field_map = parse_field_overrides(fields or [])
    except (TargetsFileError, ValueError) as error:
        complain(str(error))
        raise typer.Exit(2) from error
    chosen = None if input_format == "auto" else SourceFormat(input_format)
    options = IngestOptions(chosen, target_list, field_map, DedupConfig(threshold=near_duplicate))
    total_files = sum(1 for _ in discover(inputs))
    if total_files == 0:
        complain(f"No input files found in {' '.join(inputs)}")
        raise typer.Exit(1)
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with Progress(
        TextColumn("ingest"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files"),
        TimeElapsedColumn(),
        TextColumn("{task.fields[current]}"),
        console=err,
        transient=True,
    ) as progress:
        bar = progress.add_task("ingest", total=total_files, current="")

        def advance(outcome: FileOutcome) -> None:
            progress.update(bar, advance=1, current=outcome.path[-50:])

        items, report = run_ingest(inputs, options, workers, advance)
        documents_path, quarantine_path = out / "documents.jsonl", out / "quarantine.jsonl"
        with AtomicJsonlWriter(documents_path) as documents, AtomicJsonlWriter(quarantine_path) as quarantine:
            for item in items:
                if isinstance(item, Rejection):
                    quarantine.write(item.to_record())
                else:
                    documents.write_line(item.line)
    summary = report.to_json() | {"outputs": {"documents": str(documents_path), "quarantine": str(quarantine_path)}}
    (out / "report.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    err.print(_summary_table(report, time.perf_counter() - started, out))
    pages = report.stages.get("read", {}).get("pages", 0)
    if report.documents == 0 and pages == 0:
        complain("Nothing could be read: every input was rejected (see quarantine.jsonl).")
        raise typer.Exit(1)
    if strict and sum(report.rejected.values()):
        complain(f"--strict: {sum(report.rejected.values())} item(s) rejected (see quarantine.jsonl).")
        raise typer.Exit(1)


def _summary_table(report: IngestReport, seconds: float, out: Path) -> Table:
    stages = report.stages
    table = Table(title=f"builder ingest → {out} ({seconds:.1f} s)")
    table.add_column("what")
    table.add_column("count", justify="right")
    documents = report.documents
    rows = [
        ("input files", stages.get("read", {}).get("files", 0)),
        ("pages read", stages.get("read", {}).get("pages", 0)),
        ("articles found", stages.get("extract", {}).get("articles", 0)),
        ("documents written", documents),
        ("  exact duplicates (kept, marked)", report.duplicates.get("exact", 0)),
        ("  near duplicates (kept, marked)", report.duplicates.get("near", 0)),
    ]
    for label, count in rows:
        table.add_row(label, f"{count:,}")
    rejected = report.rejected
    table.add_row("rejected (quarantine.jsonl)", f"{sum(rejected.values()):,}")
    for code, count in rejected.most_common():
        table.add_row(f"  {code}", f"{count:,}")
    table.add_row("documents/s", f"{documents / seconds:,.0f}" if seconds else "-")
    return table
