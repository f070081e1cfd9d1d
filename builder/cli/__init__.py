"""The `builder` command: a thin layer that parses flags, calls the stages and prints what they counted."""

from __future__ import annotations

import typer

from builder import __version__
from builder.cli import ingest_cmd, release_cmd, schemas_cmd, studio_cmd, validate_cmd

app = typer.Typer(
    name="builder",
    help="Turn raw news dumps into annotated, schema-validated, versioned NLP datasets.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
app.add_typer(schemas_cmd.app, name="schemas")
app.add_typer(studio_cmd.app, name="studio")
app.command("ingest", epilog=ingest_cmd.EXAMPLES)(ingest_cmd.ingest)
app.command("validate", epilog=validate_cmd.EXAMPLES)(validate_cmd.validate)
app.add_typer(release_cmd.release_app, name="release")
app.command("agreement", epilog=release_cmd.AGREEMENT_EXAMPLES)(release_cmd.agreement)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"builder {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version."),
) -> None:
    """Turn raw news dumps into annotated, schema-validated, versioned NLP datasets."""


def main() -> None:
    app()
