"""`builder validate`: check JSONL files against the record models, streaming, in constant memory, and the reports
written as one JSON document (report.json, agreement.json, splits.json) against theirs."""

from __future__ import annotations

import sys
import time
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from builder.cli.console import err
from builder.records import RECORD_KINDS

if TYPE_CHECKING:
    from builder.validate import FileStats

EXAMPLES = """Examples:

  builder validate out/documents.jsonl

  builder validate annotations/*.jsonl.gz --kind annotation

  builder validate out/report.json release/agreement.json release/splits.json release-review.jsonl

Each problem is printed as `path:line: field: message` (a report's as `path: field: message`); the exit code is 1
when any line or report is invalid. A file named *.json whose first line is no JSON value of its own is one JSON
document (the reports are written so), validated whole; any other file is JSON Lines."""

RecordKind = StrEnum("RecordKind", {kind: kind for kind in RECORD_KINDS})  # type: ignore[misc]
PROGRESS_EVERY_LINES = 2000


def validate(
    files: Annotated[
        list[Path],
        typer.Argument(
            exists=True,
            dir_okay=False,
            readable=True,
            help="JSONL files or reports (report.json, agreement.json, splits.json), plain or compressed (.gz, .bz2,"
            " .xz, .zst).",
        ),
    ],
    kind: Annotated[
        RecordKind | None,  # type: ignore[valid-type]
        typer.Option(
            "--kind",
            help="Kind of every line (or report); by default each line's (or report's) own `kind` field decides.",
        ),
    ] = None,
) -> None:
    """Validate records line by line, and reports whole, against the models; print every problem and a summary."""
    # Imported here, like every command's own machinery, so that `builder --help` and the other commands do not
    # import the validator.
    from builder.compression import compression_of_file
    from builder.validate import FileStats, RecordValidator, is_json_document, validate_document, validate_file

    validator = RecordValidator(kind.value if kind else None)
    all_stats: list[FileStats] = []
    started = time.perf_counter()
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as progress:
        for path in files:
            stats = FileStats(path)
            all_stats.append(stats)
            size = None if compression_of_file(path) else path.stat().st_size
            bar = progress.add_task(f"validating {path.name}", total=size)
            shown = 0
            check_file = validate_document if is_json_document(path, kind.value if kind else None) else validate_file
            for problem in check_file(path, validator, stats):
                sys.stdout.write(f"{problem}\n")
                if stats.lines - shown >= PROGRESS_EVERY_LINES:
                    progress.update(bar, completed=stats.bytes_read)
                    shown = stats.lines
            progress.update(bar, completed=stats.bytes_read)
    sys.stdout.flush()
    err.print(_summary(all_stats, time.perf_counter() - started))
    if not all(stats.ok for stats in all_stats):
        raise typer.Exit(1)


def _summary(all_stats: list[FileStats], seconds: float) -> Table:
    table = Table(title=f"builder validate ({seconds:.2f} s)")
    for column, justify in (
        ("file", "left"),
        ("kinds", "left"),
        ("records", "right"),
        ("valid", "right"),
        ("invalid", "right"),
        ("status", "left"),
    ):
        # A path is folded, never cut: a CI log is 80 columns wide, and cut paths of one folder all read alike.
        overflow = "fold" if column == "file" else "ellipsis"
        table.add_column(column, justify=justify, overflow=overflow)  # type: ignore[arg-type]
    for stats in all_stats:
        kinds = ", ".join(f"{name} {count:,}" for name, count in sorted(stats.kinds.items())) or "-"
        status = (
            f"[red]unreadable: {escape(stats.unreadable)}[/]"
            if stats.unreadable
            else "[red]invalid[/]"
            if stats.invalid
            else "[green]ok[/]"
        )
        table.add_row(str(stats.path), kinds, f"{stats.lines:,}", f"{stats.valid:,}", f"{stats.invalid:,}", status)
    if len(all_stats) > 1:
        table.add_row(
            "total",
            "",
            f"{sum(s.lines for s in all_stats):,}",
            f"{sum(s.valid for s in all_stats):,}",
            f"{sum(s.invalid for s in all_stats):,}",
            "",
        )
    return table
