"""`builder ingest`: raw dumps in, `documents.jsonl` (or shards with `--engine ray`), `quarantine.jsonl` and
`report.json` out.

The ingest stages pull in trafilatura, lxml and numpy (most of a second to import), so they are imported inside
the command: `builder --help` and the other commands do not pay for them."""

from __future__ import annotations

import time
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from builder.cli.choices import Engine
from builder.cli.console import complain, err, warn
from builder.records import SourceFormat

if TYPE_CHECKING:
    from builder.ingest.pipeline import IngestOptions, IngestTally

EXAMPLES = """Examples:

  builder ingest samples --out out

  builder ingest 'crawl/*.warc.gz' scraper.jsonl --out out --targets annotations/targets.yaml --workers 2

  builder ingest export.jsonl --format jsonl --field title=meta.headline --out out

  builder ingest 'news-dataset/data/*.parquet' --field text=article --out out   (a Hugging Face data set)

  builder ingest crawl/markdown/ --out out   (pages in Markdown, as Firecrawl or Jina Reader writes them)

  builder ingest crawl/markdown/ --out out --drop-code   (prose only: the pages' code blocks left out)

  builder ingest 'gs://bucket/dumps/*.txt.gz' --out out --workers 2   (with gcsfs installed)

  builder ingest 's3://bucket/dumps/' --engine ray --ray-address auto --out /shared/out

Text is read as UTF-8, UTF-16 or UTF-32 (Windows' "Unicode" files), or in the legacy encoding detected; a \
UTF-8 file with a few broken bytes is repaired. Pages a browser saved as one file (.mhtml, .webarchive) are \
read as the HTML they hold, and pages in Markdown (Firecrawl, Jina Reader) as the text they show. WARC \
responses are read as sent (chunked, gzip, deflate, brotli, Zstandard); redirects, error pages and non-HTML \
records are passed over; the page texts of Common Crawl's WET files are read as page dumps. Each item of an RSS \
or Atom feed is a document, and each row \
of a CSV or TSV export (its header naming the columns) or of a Parquet or Arrow export. Scraper JSONL must be \
UTF-8. Any input may be compressed (gzip, bzip2, xz, Zstandard); each file in a .zip or .tar(.gz, .bz2, .xz, \
.zst) archive is an input of its own.

With --engine ray the documents are written as shards documents-00000.jsonl, ... (read in name order, they are \
the local engine's documents.jsonl); `pip install 'news-stance-builder\\[ray]'` first."""


InputFormat = StrEnum("InputFormat", {"auto": "auto", **{kind.value: kind.value for kind in SourceFormat}})  # type: ignore[misc]


def ingest(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Files, directories (recursive) or globs, as paths or fsspec URLs (s3://, gs://); compressed files"
            " are read as is."
        ),
    ],
    out: Annotated[
        Path,
        typer.Option(
            "--out", help="Folder for documents.jsonl (shards with --engine ray), quarantine.jsonl, report.json."
        ),
    ],
    input_format: Annotated[
        InputFormat, typer.Option("--format", help="Input format; `auto` decides per file.")  # type: ignore[valid-type]
    ] = "auto",  # type: ignore[assignment]
    targets: Annotated[
        Path | None, typer.Option("--targets", exists=True, dir_okay=False, help="YAML/JSON file of stance targets.")
    ] = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Worker processes.")] = 1,
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 when anything was rejected.")] = False,
    fields: Annotated[
        list[str] | None,
        typer.Option(
            "--field",
            help="Where a record's field is (a JSON key, a CSV or Parquet column): NAME=PATH, e.g. title=meta.h1.",
        ),
    ] = None,
    near_duplicate: Annotated[
        float, typer.Option("--near-duplicate", min=0.0, max=1.0, help="Jaccard threshold for near-duplicates.")
    ] = 0.8,
    engine: Annotated[
        Engine, typer.Option("--engine", help="`local`: this process (and --workers); `ray`: Ray Data, sharded output.")
    ] = Engine.local,
    drop_code: Annotated[
        bool,
        typer.Option(
            "--drop-code",
            help="Leave code blocks out of the documents' text (kept by default, as paragraphs of kind `code`).",
        ),
    ] = False,
    ray_address: Annotated[
        str | None,
        typer.Option(
            "--ray-address", help="Ray cluster to join (e.g. `auto`, `ray://head:10001`); default: start Ray here."
        ),
    ] = None,
) -> None:
    """Turn raw news dumps (page text or Markdown, HTML, WARC, JSONL, CSV, Parquet, feeds) into enriched documents."""
    from builder.ingest.dedup import DedupConfig
    from builder.ingest.pipeline import IngestOptions
    from builder.ingest.scraper import parse_field_overrides
    from builder.ingest.sources import InputListingError
    from builder.targets import TargetsFileError, load_targets

    try:
        target_list = tuple(load_targets(targets)) if targets else ()
        field_map = parse_field_overrides(fields or [])
    except (TargetsFileError, ValueError) as error:
        complain(str(error))
        raise typer.Exit(2) from error
    if any(not given.strip() for given in inputs):
        # `Path("")` is the current folder: an empty argument (an unset shell variable) read everything under it.
        complain("an input is empty: name a file, a folder or a glob")
        raise typer.Exit(2)
    if engine is Engine.local and ray_address:
        complain("--ray-address needs --engine ray")
        raise typer.Exit(2)
    if out.exists() and not out.is_dir():
        complain(f"--out {out}: a file is there; --out names the folder the run writes its files into")
        raise typer.Exit(2)
    if engine is Engine.ray and workers > 1:
        complain("--workers is for the local engine: with --engine ray, Ray uses every CPU of the cluster")
        raise typer.Exit(2)
    chosen = None if input_format == "auto" else SourceFormat(input_format)
    options = IngestOptions(chosen, target_list, field_map, DedupConfig(threshold=near_duplicate), drop_code=drop_code)
    started = time.perf_counter()
    try:
        if engine is Engine.ray:
            report, documents_output = _ingest_on_ray(inputs, options, out, ray_address)
        else:
            report, documents_output = _ingest_locally(inputs, options, out, workers)
        report.write_json(out / "report.json", documents_output, str(out / "quarantine.jsonl"))
    except InputListingError as error:
        complain(str(error))
        raise typer.Exit(1) from error
    except OSError as error:
        # Inputs that cannot be read are quarantined file by file: what reaches here is the output folder's fault
        # (not a folder, not writable, a full disk), which no traceback explains better than its own words.
        where = f" ({error.filename})" if error.filename else ""
        complain(f"--out {out}: the run's files cannot be written there{where}: {error.strerror or error}")
        raise typer.Exit(1) from error
    err.print(_summary_table(report, time.perf_counter() - started, out))
    for warning in report.warnings:
        warn(warning)
    pages = report.stages.get("read", {}).get("pages", 0)
    if report.documents == 0 and pages == 0:
        complain("Nothing could be read: every input was rejected (see quarantine.jsonl).")
        raise typer.Exit(1)
    if strict and sum(report.rejected.values()):
        complain(f"--strict: {sum(report.rejected.values())} item(s) rejected (see quarantine.jsonl).")
        raise typer.Exit(1)


def _no_inputs(inputs: list[str]) -> typer.Exit:
    complain(f"No input files found in {' '.join(inputs)}")
    return typer.Exit(1)


def _ingest_locally(inputs: list[str], options: IngestOptions, out: Path, workers: int) -> tuple[IngestTally, str]:
    """Run in this process (or its worker pool) into one `documents.jsonl`; returns the report and its path."""
    from builder.ingest.pages import Rejection
    from builder.ingest.pipeline import FileOutcome, run_ingest
    from builder.ingest.sources import discover
    from builder.jsonl import AtomicJsonlWriter

    files = list(discover(inputs, out))
    if not files:
        raise _no_inputs(inputs)
    out.mkdir(parents=True, exist_ok=True)
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
        bar = progress.add_task("ingest", total=len(files), current="")

        def advance(outcome: FileOutcome) -> None:
            progress.update(bar, advance=1, current=outcome.path[-50:])

        items, report = run_ingest(inputs, options, workers, advance, files)
        documents_path, quarantine_path = out / "documents.jsonl", out / "quarantine.jsonl"
        with AtomicJsonlWriter(documents_path) as documents, AtomicJsonlWriter(quarantine_path) as quarantine:
            for item in items:
                if isinstance(item, Rejection):
                    quarantine.write(item.to_record())
                else:
                    documents.write_line(item.line)
    for stale in out.glob("documents-*.jsonl"):
        stale.unlink()  # shards of an earlier --engine ray run would read as part of this one
    return report, str(documents_path)


def _ingest_on_ray(
    inputs: list[str], options: IngestOptions, out: Path, address: str | None
) -> tuple[IngestTally, list[str]]:
    """Run on Ray into shards; returns the report and the shards' paths, in input order."""
    try:
        from builder.ingest.ray_engine import discover_locations, run_ingest_ray
    except ImportError as error:
        complain(f"--engine ray needs Ray Data ({error.name} is missing): pip install 'news-stance-builder[ray]'")
        raise typer.Exit(2) from error
    locations = discover_locations(inputs, out)
    if not locations:
        raise _no_inputs(inputs)
    with Progress(
        SpinnerColumn(),
        TextColumn("ingest on Ray: {task.fields[stage]}"),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task("ingest", total=None, stage="starting Ray")
        result = run_ingest_ray(
            inputs, options, out, address, lambda stage: progress.update(task, stage=stage), locations
        )
    return result.report, [str(shard) for shard in result.shards]


def _summary_table(report: IngestTally, seconds: float, out: Path) -> Table:
    from builder.ingest.pages import FIELD_ONLY_CODES

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
        table.add_row(
            f"  {code}" + (" (value dropped, article kept)" if code in FIELD_ONLY_CODES else ""), f"{count:,}"
        )
    if passed_over := report.passed_over:
        table.add_row("records holding no page (passed over)", f"{passed_over.total():,}")
        for code, count in passed_over.most_common():
            table.add_row(f"  {code}", f"{count:,}")
    if code_left_out := stages.get("build", {}).get("code_paragraphs_left_out", 0):
        table.add_row("code paragraphs left out (--drop-code)", f"{code_left_out:,}")
    table.add_row("documents/s (start-up included)", f"{documents / seconds:,.0f}" if seconds else "-")
    return table
