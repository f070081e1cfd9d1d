"""`builder schemas export|check`: keep `schemas/` equal to the record models."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from builder.cli.console import err, out
from builder.records import SCHEMA_VERSION

app = typer.Typer(help="Write or check the JSON Schemas generated from the record models.", no_args_is_help=True)

DirectoryOption = typer.Option(Path("schemas"), "--dir", help="Folder holding the *.schema.json files.")


@app.command(epilog="Example: builder schemas export --dir schemas")
def export(directory: Path = DirectoryOption) -> None:
    """Write one JSON Schema (draft 2020-12) per record kind into the folder."""
    from builder.schemas import export_schemas  # here, so that the other commands do not import it

    written = export_schemas(directory)
    table = Table(title=f"JSON Schemas, version {SCHEMA_VERSION}")
    table.add_column("file")
    table.add_column("bytes", justify="right")
    for path in written:
        table.add_row(str(path), f"{path.stat().st_size:,}")
    err.print(table)


@app.command(epilog="Example: builder schemas check   # exits 1 and prints a diff when schemas/ drifted")
def check(directory: Path = DirectoryOption) -> None:
    """Exit 1, showing the differences, when the checked-in schemas differ from the models."""
    from builder.schemas import check_schemas  # here, so that the other commands do not import it

    drifts = check_schemas(directory)
    for drift in drifts:
        out.print(f"{drift.path}: {drift.problem}")
        if drift.diff:
            out.print(drift.diff, markup=False)
    if drifts:
        if directory.is_dir():  # else exporting is not the cure: the folder was named wrong, as the line says
            err.print(
                f"[red]{len(drifts)} schema file(s) out of date.[/] Run `builder schemas export` and commit the result."
            )
        raise typer.Exit(1)
    err.print(f"[green]schemas/ matches the models[/] (version {SCHEMA_VERSION}).")
