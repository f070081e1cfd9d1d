"""`builder studio serve | push | pull`: run the local Label Studio, send it tasks, bring annotations back.

The server and token come from --url/--token, else from LABEL_STUDIO_URL/LABEL_STUDIO_API_KEY (the SDK's own
variables), else from the local server `builder studio serve` started. The token is shown masked, never whole.

The client, push and pull are imported inside the commands: label-studio-sdk loads pandas and more (about two
seconds), which `builder --help`, `builder studio serve` and the other commands do not need.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from pydantic import ValidationError
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from builder.cli.console import complain, err, out
from builder.jsonl import InputError, iter_lines
from builder.records import Document, Target
from builder.studio import server
from builder.studio.guidelines import DEFAULT_GUIDELINES
from builder.studio.sqlite_read import DatabaseReadError, ReadVia

if TYPE_CHECKING:
    from builder.studio.client import StudioClient
    from builder.studio.pull import PullReport
    from builder.studio.push import PushReport

EXAMPLES = """Examples:

  builder studio serve                      # start the local server (installs it on first use)

  builder studio push out/documents.jsonl --project news-stance --targets annotations/targets.yaml --overlap 2

  builder studio pull --project news-stance --out annotations/

  builder studio pull --project news-stance --out annotations/ --via api   # never read the local database

  LABEL_STUDIO_URL=https://ls.example.org LABEL_STUDIO_API_KEY=... builder studio pull --project news-stance"""

DEFAULT_USER = "admin@example.com"
DEFAULT_PASSWORD = "builder-test-password"
DEFAULT_TOKEN = "builder-test-token-0123456789"
"""The fixed test credentials scripts/studio-up.sh uses; fit only for a server bound to 127.0.0.1."""

app = typer.Typer(help="Label Studio: the local server, pushing tasks and pulling annotations.", no_args_is_help=True)

UrlOption = Annotated[
    str | None, typer.Option("--url", help="Label Studio URL (default: $LABEL_STUDIO_URL, else the local server).")
]
TokenOption = Annotated[
    str | None,
    typer.Option(
        "--token",
        help="API token (default: $LABEL_STUDIO_API_KEY, else the local server's). Prefer the variable: "
        "other users can see command lines.",
    ),
]
ProjectOption = Annotated[str, typer.Option("--project", help="Project title; created by push when missing.")]
PulledProjectOption = Annotated[str, typer.Option("--project", help="Title of the project to pull, as pushed.")]


def _data_dir() -> Path:
    return Path(os.environ.get("BUILDER_STUDIO_DATA") or ".studio/data")


@app.command("serve", epilog=EXAMPLES)
def serve(
    port: Annotated[
        int,
        typer.Option(
            "--port",
            envvar="BUILDER_STUDIO_PORT",
            show_envvar=False,
            help="Port on 127.0.0.1 (default: $BUILDER_STUDIO_PORT, as scripts/studio-up.sh reads it, or 8080).",
        ),
    ] = 8080,
    data_dir: Annotated[
        Path | None,
        typer.Option("--data-dir", help="Database, log and state (default: $BUILDER_STUDIO_DATA or .studio/data)."),
    ] = None,
    stop: Annotated[bool, typer.Option("--stop", help="Stop the server running from the data directory.")] = False,
    show_status: Annotated[bool, typer.Option("--status", help="Say whether a server runs, and where.")] = False,
) -> None:
    """Start a local Label Studio in the background (installed into its own virtualenv on first use)."""
    folder = data_dir or _data_dir()
    try:
        if stop:
            out.print("Label Studio stopped" if server.stop(folder) else f"No Label Studio was running from {folder}")
            return
        if show_status:
            info = server.status(folder)
            if info is None:
                out.print(f"No Label Studio is running from {folder}")
                raise typer.Exit(1)
            _print_login(info)
            return
        venv = Path(os.environ.get("BUILDER_STUDIO_VENV") or server.default_venv_dir())
        executable = server.ensure_installed(venv, lambda message: err.print(message))
        err.print(f"Starting Label Studio from {folder} unless it runs (a first start migrates: about a minute)")
        info = server.start(
            folder,
            port,
            os.environ.get("BUILDER_STUDIO_USER") or DEFAULT_USER,
            os.environ.get("BUILDER_STUDIO_PASSWORD") or DEFAULT_PASSWORD,
            os.environ.get("LABEL_STUDIO_API_KEY") or DEFAULT_TOKEN,
            executable=executable,
        )
    except (server.StudioError, ValueError) as error:
        complain(str(error))
        raise typer.Exit(1) from error
    _print_login(info)


def _print_login(info: server.ServerInfo) -> None:
    password = os.environ.get("BUILDER_STUDIO_PASSWORD")
    shown = "from $BUILDER_STUDIO_PASSWORD" if password else f"{DEFAULT_PASSWORD} (the default test password)"
    out.print(f"Label Studio {info.version} runs at {info.url} (pid {info.pid})")
    out.print(f"  log in as {info.username}, password {shown}")
    out.print(
        f"  API token {server.mask_token(info.token)}: in {info.data_dir / server.STATE_FILE} (readable by you only), "
        "or $LABEL_STUDIO_API_KEY if you set it"
    )


@app.command("push", epilog=EXAMPLES)
def push_command(
    documents: Annotated[
        Path, typer.Argument(exists=True, dir_okay=False, help="documents.jsonl from `builder ingest`.")
    ],
    project: ProjectOption,
    targets: Annotated[
        Path | None,
        typer.Option("--targets", exists=True, dir_okay=False, help="Targets file; without it, one task per document."),
    ] = None,
    overlap: Annotated[
        int | None, typer.Option("--overlap", min=1, help="Annotators per task (the project's maximum_annotations).")
    ] = None,
    guidelines: Annotated[
        Path, typer.Option("--guidelines", exists=True, dir_okay=False, help="Markdown shown as the instructions.")
    ] = DEFAULT_GUIDELINES,
    url: UrlOption = None,
    token: TokenOption = None,
    via: Annotated[
        ReadVia,
        typer.Option(
            "--via",
            help="auto: list the tasks already there from the local server's database (read-only) when the URL is "
            "the server `builder studio serve` runs and its schema is the one expected, the API otherwise; api: "
            "always the API.",
        ),
    ] = ReadVia.auto,
) -> None:
    """Create or update a project and import one task per (document, target it mentions), with pre-annotations.
    Running it again adds only tasks not yet there, refreshes predictions from a newer extractor, and shows a
    target's changed text on its tasks nobody has annotated yet (the summary warns of those already annotated)."""
    from builder.studio.client import StudioConnectionError
    from builder.studio.guidelines import render_guidelines
    from builder.studio.push import push
    from builder.targets import TargetsFileError, load_targets

    try:
        target_list = load_targets(targets) if targets else None
        docs = _read_documents(documents)
    except (TargetsFileError, InputError, ValueError) as error:
        complain(str(error))
        raise typer.Exit(2) from error
    client = _connect(url, token)
    instructions = render_guidelines(guidelines.read_text(encoding="utf-8"))
    started = time.perf_counter()
    with _progress("push", "tasks") as progress:
        bar = progress.add_task("push", total=None)
        try:
            report = push(
                client,
                docs,
                project,
                target_list,
                instructions,
                overlap,
                on_batch=lambda done, total: progress.update(bar, completed=done, total=total),
                local_server=_local_server(),
                via=via,
            )
        except (StudioConnectionError, DatabaseReadError) as error:
            complain(str(error))
            raise typer.Exit(1) from None
    err.print(_push_table(report, project, client.url, time.perf_counter() - started, target_list))
    # A line of its own, not a row: a row of words widened the table's count column to its length.
    err.print(Text(f"tasks already there listed from: {report.listed_via}"), soft_wrap=True)
    for warning in _target_change_warnings(report):
        err.print(Text(warning, style="yellow"), soft_wrap=True)


@app.command("pull", epilog=EXAMPLES)
def pull_command(
    project: PulledProjectOption,
    out_dir: Annotated[Path, typer.Option("--out", help="Folder of the ledger, its state and quarantine.")] = Path(
        "annotations"
    ),
    url: UrlOption = None,
    token: TokenOption = None,
    via: Annotated[
        ReadVia,
        typer.Option(
            "--via",
            help="auto: read the local server's database (read-only) when the URL is the server `builder studio "
            "serve` runs and its schema is the one expected, the API otherwise; api: always the API.",
        ),
    ] = ReadVia.auto,
) -> None:
    """Append the annotations made or changed since the last pull to OUT/annotations.jsonl (append-only)."""
    from builder.studio.client import StudioConnectionError
    from builder.studio.pull import ProjectNotFoundError, pull

    client = _connect(url, token)
    started = time.perf_counter()
    with _progress("pull", "tasks") as progress:
        bar = progress.add_task("pull", total=None)
        try:
            report = pull(
                client,
                project,
                out_dir,
                lambda done, total: progress.update(bar, completed=done, total=total),
                local_server=_local_server(),
                via=via,
            )
        except (StudioConnectionError, DatabaseReadError, ProjectNotFoundError) as error:
            complain(str(error))
            raise typer.Exit(1) from None
    err.print(_pull_table(report, project, out_dir, time.perf_counter() - started))


def _connect(url: str | None, token: str | None) -> StudioClient:
    from builder.studio.client import StudioClient, StudioConnectionError

    url = url or os.environ.get("LABEL_STUDIO_URL")
    token = token or os.environ.get("LABEL_STUDIO_API_KEY")
    if not (url and token):
        local = server.status(_data_dir())
        if local is None:
            complain(
                "No Label Studio to talk to: set LABEL_STUDIO_URL and LABEL_STUDIO_API_KEY, pass --url and --token, "
                f"or start the local one with `builder studio serve` (looked in {_data_dir()})."
            )
            raise typer.Exit(2)
        url, token = url or local.url, token or local.token
    client = StudioClient(url, token, predictions_apart=_is_fast_local_server(url))
    try:
        client.check_access()
    except StudioConnectionError as error:
        complain(str(error))
        raise typer.Exit(1) from None
    return client


def _is_fast_local_server(url: str) -> bool:
    """True when `url` is the local server and it imports predictions fastest apart from their tasks."""
    local = _local_server()
    return local is not None and local.fast_prediction_import and local.url == url.rstrip("/")


def _local_server() -> server.ServerInfo | None:
    """The server `builder studio serve` runs from the data directory, if any; an unreadable state file counts as
    none (the API works without it)."""
    try:
        return server.status(_data_dir())
    except server.StudioError:
        return None


def _read_documents(path: Path) -> list[Document]:
    """Every document of the file, or a ValueError naming the first bad line (`builder validate` lists all)."""
    documents = []
    for line, raw in iter_lines(path):
        if not raw.strip():
            continue
        try:
            documents.append(Document.model_validate_json(raw))
        except ValidationError as error:
            raise ValueError(
                f"{path}:{line}: not a valid document ({error.error_count()} problem(s)); "
                f"`builder validate {path}` lists them"
            ) from None
    return documents


def _progress(verb: str, unit: str) -> Progress:
    return Progress(
        TextColumn(verb),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn(unit),
        TimeElapsedColumn(),
        console=err,
        transient=True,
        disable=not sys.stderr.isatty(),
    )


def _push_table(report: PushReport, project: str, url: str, seconds: float, targets: list[Target] | None) -> Table:
    created = "created" if report.project_created else "existing"
    table = Table(
        title=f"builder studio push → {project!r} ({created}, id {report.project_id}) at {url} ({seconds:.1f} s)"
    )
    table.add_column("what")
    table.add_column("count", justify="right")
    rows = [
        ("documents read", report.documents),
        ("  duplicates skipped", report.duplicates_skipped),
        (
            "  mentioning no target (skipped)" if targets is not None else "  mentioning no target",
            report.without_target,
        ),
        ("tasks", report.tasks),
        ("  imported (new)", report.imported),
        ("  already in the project", report.already_there),
        ("  predictions refreshed (newer extractor)", report.refreshed),
        ("  predictions restored (a push stopped halfway)", report.predictions_restored),
        ("  changed target shown (not yet annotated)", sum(c.updated for c in report.target_changes.values())),
        ("  old target kept (already annotated)", sum(c.kept_annotated for c in report.target_changes.values())),
        ("import batches", report.batches),
    ]
    for label, count in rows:
        table.add_row(label, f"{count:,}")
    table.add_row("tasks/s imported", f"{report.imported / seconds:,.0f}" if seconds else "-")
    return table


def _target_change_warnings(report: PushReport) -> list[str]:
    """One line per target whose text or description differs from what its tasks already there showed."""
    warnings = []
    for target_id, change in sorted(report.target_changes.items()):
        (before, _), (now, _) = change.shown_before, change.shown_now
        what = (
            f"text was {before!r} when its tasks were pushed and is now {now!r}"
            if before != now
            else ("description changed since its tasks were pushed")
        )
        # A warning when annotated tasks keep the old text (something to decide); a note when all show the new.
        said = [f"{'warning' if change.kept_annotated else 'note'}: target {target_id!r}: its {what}."]
        if change.updated:
            said.append(f"{change.updated:,} task(s) not yet annotated now show the new one.")
        if change.kept_annotated:
            said.append(
                f"{change.kept_annotated:,} annotated task(s) keep showing the old one, which their annotations "
                "judged, yet `builder release` will give those answers the new text: if the meaning changed, give "
                "the target a new target_id instead (its tasks then start afresh)."
            )
        warnings.append(" ".join(said))
    return warnings


def _pull_table(report: PullReport, project: str, out_dir: Path, seconds: float) -> Table:
    table = Table(title=f"builder studio pull ← {project!r} (id {report.project_id}) → {out_dir} ({seconds:.1f} s)")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("read from", report.read_path)
    rows: list[tuple[str, int | str]] = [
        ("tasks changed since the last pull", report.tasks_changed),
        ("  not pushed by the builder (ignored)", report.tasks_not_pushed_by_builder),
        ("annotations seen", report.annotations_seen),
        ("  unchanged (already in the ledger)", report.unchanged),
    ]
    rows += [(f"  new version: {status}", count) for status, count in sorted(report.written.items())]
    rows.append(("quarantined (annotations.quarantine.jsonl)", sum(report.quarantined.values())))
    rows += [(f"  {code}", count) for code, count in report.quarantined.most_common()]
    for label, count in rows:
        table.add_row(label, f"{count:,}" if isinstance(count, int) else count)
    table.add_row("watermark", report.watermark_after or "-")
    if report.repaired_partial_line:
        table.add_row("repaired", "cut a partial last line an interrupted pull left")
    return table
