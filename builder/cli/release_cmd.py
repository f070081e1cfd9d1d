"""`builder agreement` and `builder release [push]`: figures, a versioned dataset folder, and its publication.

The release modules pull in `datasets`, matplotlib and huggingface_hub (seconds to import), and even the
ledger reader loads the validator, so they are imported inside the commands: every other `builder` command
starts as fast as before. (`builder.release.repo`, the standard library only, gives the `--bump` choices.)
"""

from __future__ import annotations

import tempfile
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from builder.cli.choices import Engine
from builder.cli.console import complain, err, out
from builder.release.repo import BUMPS, ReleaseRepoError

if TYPE_CHECKING:
    from builder.records import AgreementReport
    from builder.release.build import ReleaseOptions, ReleaseResult

AGREEMENT_EXAMPLES = """Examples:

  builder agreement --annotations annotations/

  builder agreement --annotations annotations/ --by annotator --out reports/agreement

Writes agreement.json and agreement.png into --out; exits 1 when the ledger holds no submitted answer."""

RELEASE_EXAMPLES = """Examples:

  builder release --documents out/documents.jsonl --annotations annotations/ --out release --version 1.0.0

  builder release --documents docs.jsonl --annotations annotations/ --out release --bump minor --min-alpha 0.667

  builder release --documents out/documents.jsonl --out release --bump patch --include-machine-labels

  builder release --documents out/ --out release --bump minor --engine ray --ray-address auto

  builder release push --out release --repo-id my-org/news-stance --tag v1.0.0

The release folder is a git repository: each release is a commit and an annotated tag vX.Y.Z.
--documents may be the ingest folder: its documents.jsonl or its documents-00000.jsonl, ... shards.
With --engine ray, Ray tasks read, join and write the documents and claims (numbered Parquet parts).
Then: datasets.load_dataset("release", "claims")."""


class Slice(StrEnum):
    target = "target"
    annotator = "annotator"


Bump = StrEnum("Bump", {part: part for part in BUMPS})  # type: ignore[misc]


def _figure(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def agreement(
    annotations: Annotated[
        Path, typer.Option("--annotations", exists=True, file_okay=False, help="Folder of the annotation ledger.")
    ],
    by: Annotated[
        Slice, typer.Option("--by", help="Break the figures down per target or per annotator.")
    ] = Slice.target,
    out_dir: Annotated[Path, typer.Option("--out", help="Folder for agreement.json and agreement.png.")] = Path(
        "agreement"
    ),
) -> None:
    """Inter-annotator agreement: Krippendorff's alpha, claim span F1, speaker links, stance confusion."""
    from builder.release.agreement import agreement_json, agreement_report
    from builder.release.inputs import ReleaseInputError, latest_answers, read_annotations
    from builder.release.plot import agreement_png

    _refuse_a_file_as_folder(out_dir, "the folder agreement.json and agreement.png are written into")
    try:
        answers = latest_answers(read_annotations(annotations))
    except ReleaseInputError as error:
        complain(str(error))
        raise typer.Exit(1) from error
    if not answers:
        complain(f"{annotations}: no submitted annotation in the ledger: nothing to measure.")
        raise typer.Exit(1)
    report = agreement_report(answers)
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "agreement.json").write_text(agreement_json(report), encoding="utf-8")
    agreement_png(report, out_dir / "agreement.png")
    err.print(_agreement_table(report, by))
    err.print(f"Report: {out_dir / 'agreement.json'}   Plot: {out_dir / 'agreement.png'}")


def _refuse_a_file_as_folder(out_dir: Path, what: str) -> None:
    """A usage error (exit 2) when --out names a file: making the folder raised FileExistsError, a traceback."""
    if out_dir.exists() and not out_dir.is_dir():
        complain(f"--out {out_dir}: a file is there; --out names {what}")
        raise typer.Exit(2)


def _agreement_table(report: AgreementReport, by: Slice) -> Table:
    overall = report.overall
    table = Table(
        title=f"Agreement: {overall.answers} answers, {overall.annotators} annotators, {overall.tasks} tasks "
        f"({overall.multiply_annotated_tasks} multiply annotated)"
    )
    if by is Slice.target:
        for column in (
            "target",
            "tasks",
            "stance α",
            "check-worthiness α",
            "span F1 exact",
            "span F1 overlap",
            "speaker",
        ):
            table.add_column(column, justify="left" if column == "target" else "right")
        for name, figures in [*report.by_target.items(), ("all", overall)]:
            table.add_row(
                name,
                f"{figures.tasks:,}",
                _figure(figures.stance_alpha),
                _figure(figures.checkworthiness_alpha),
                _figure(figures.claim_f1_exact),
                _figure(figures.claim_f1_overlap),
                _figure(figures.speaker_link_agreement),
            )
        return table
    for column in ("annotator", "answers", "shared tasks", "stance agreement", "span F1 exact", "span F1 overlap"):
        table.add_column(column, justify="left" if column == "annotator" else "right")
    for name, person in report.by_annotator.items():
        table.add_row(
            name,
            f"{person.answers:,}",
            f"{person.shared_tasks:,}",
            _figure(person.stance_pairwise_agreement),
            _figure(person.claim_f1_exact),
            _figure(person.claim_f1_overlap),
        )
    return table


release_app = typer.Typer(
    help="Release a versioned Hugging Face dataset folder (a git repository), or push a tagged release.",
    invoke_without_command=True,
    no_args_is_help=True,
    rich_markup_mode="rich",
)


@release_app.callback(epilog=RELEASE_EXAMPLES)
def release(
    context: typer.Context,
    documents: Annotated[
        Path | None,
        typer.Option("--documents", exists=True, help="documents.jsonl from ingest, or the ingest folder (shards)."),
    ] = None,
    annotations: Annotated[
        Path | None, typer.Option("--annotations", file_okay=False, help="Annotation ledger folder (may be absent).")
    ] = None,
    out_dir: Annotated[Path | None, typer.Option("--out", help="The release repository (created if missing).")] = None,
    targets: Annotated[
        Path | None,
        typer.Option(
            "--targets", exists=True, dir_okay=False, help="Targets file (default: targets.yaml beside the ledger)."
        ),
    ] = None,
    version: Annotated[str | None, typer.Option("--version", help="Version to release, X.Y.Z.")] = None,
    bump: Annotated[
        Bump | None,  # type: ignore[valid-type]
        typer.Option("--bump", help="Bump the latest release instead; no new version when the data is unchanged."),
    ] = None,
    min_alpha: Annotated[
        float | None, typer.Option("--min-alpha", help="Refuse unless document-stance alpha reaches this.")
    ] = None,
    include_machine_labels: Annotated[
        bool, typer.Option("--include-machine-labels", help="Release unconfirmed machine labels, marked as such.")
    ] = False,
    name: Annotated[str, typer.Option("--name", help="Dataset name shown in the card.")] = "news-stance",
    license_id: Annotated[str, typer.Option("--license", help="Hub license id of the card.")] = "other",
    guidelines: Annotated[str | None, typer.Option("--guidelines", help="URL of the annotation guidelines.")] = None,
    min_annotators: Annotated[int, typer.Option("--min-annotators", min=1, help="Fewer answers: sent to review.")] = 2,
    review: Annotated[
        Path | None, typer.Option("--review", help="Review list JSONL (default: OUT-review.jsonl beside OUT).")
    ] = None,
    engine: Annotated[
        Engine, typer.Option("--engine", help="`local`: this process; `ray`: documents and claims on Ray Data.")
    ] = Engine.local,
    ray_address: Annotated[
        str | None,
        typer.Option("--ray-address", help="Ray cluster to join (e.g. `auto`); default: start Ray here."),
    ] = None,
) -> None:
    """Agreement, adjudication and a new tagged version of the dataset folder that load_dataset loads as is."""
    if context.invoked_subcommand is not None:
        return
    from builder.release import changelog
    from builder.release.adjudication import AdjudicationConfig
    from builder.release.build import ReleaseOptions, ReleaseRefusedError, make_release
    from builder.release.inputs import ReleaseInputError

    if documents is None or out_dir is None:
        complain("builder release needs --documents and --out (see builder release --help)")
        raise typer.Exit(2)
    if engine is Engine.local and ray_address:
        complain("--ray-address needs --engine ray")
        raise typer.Exit(2)
    _refuse_a_file_as_folder(out_dir, "the release repository")
    review = review or out_dir.parent / f"{out_dir.name}-review.jsonl"
    if review.is_dir():
        # Written after the Parquet files: the os.replace onto a folder ended the run half done, with a traceback.
        complain(f"--review {review}: a folder is there; --review names the JSONL file the review list is written to")
        raise typer.Exit(2)
    options = ReleaseOptions(
        documents=documents,
        annotations=annotations,
        out=out_dir,
        version=version,
        bump=bump.value if bump else None,
        min_alpha=min_alpha,
        include_machine_labels=include_machine_labels,
        name=name,
        license=license_id,
        guidelines_url=guidelines,
        adjudication=AdjudicationConfig(min_annotators=min_annotators),
        review=review,
        engine=engine.value,
        ray_address=ray_address,
        targets=targets,
    )
    with Progress(
        SpinnerColumn(), TextColumn("release: {task.description}"), TimeElapsedColumn(), console=err, transient=True
    ) as progress:
        task = progress.add_task("starting")
        try:
            result = make_release(options, lambda step: progress.update(task, description=step))
        except (ReleaseRefusedError, ReleaseInputError, ReleaseRepoError, ValueError) as error:
            progress.stop()
            complain(f"release refused: {error}")
            raise typer.Exit(1) from error
    err.print(_release_table(result, options))
    if result.made and result.changes is not None:
        err.print(changelog.summary(result.changes))
    err.print(f"Review list: {options.review}")
    for note in result.notes:
        err.print(f"note: {note}")
    for config in result.counts:
        out.print(result.load_line(config))


def _release_table(result: ReleaseResult, options: ReleaseOptions) -> Table:
    made = f"v{result.version}" if result.made else "no new version"
    table = Table(title=f"builder release → {result.out} ({made})")
    for column in ("config", "train", "validation", "test"):
        table.add_column(column, justify="left" if column == "config" else "right")
    for config, splits in result.counts.items():
        table.add_row(config, *(f"{splits.get(split, 0):,}" for split in ("train", "validation", "test")))
    overall = result.agreement.overall if result.agreement else None
    if overall and overall.answers:
        table.add_row("stance α", _figure(overall.stance_alpha), "", "")
        table.add_row("check-worthiness α", _figure(overall.checkworthiness_alpha), "", "")
    table.add_row(
        "machine labels" + (" (marked)" if options.include_machine_labels else ""), f"{result.machine_labels:,}", "", ""
    )
    table.add_row("review items", f"{len(result.review):,}", "", "")
    if result.commit:
        table.add_row("commit", result.commit[:12], "", "")
    return table


@release_app.command(
    "push", epilog="Example: builder release push --out release --repo-id my-org/news-stance --tag v1.0.0"
)
def push_release(
    repo_id: Annotated[str, typer.Option("--repo-id", help="Hub dataset repository, ORG/NAME.")],
    out_dir: Annotated[
        Path, typer.Option("--out", exists=True, file_okay=False, help="The release repository.")
    ] = Path("release"),
    tag: Annotated[str | None, typer.Option("--tag", help="Release to publish, vX.Y.Z (default: the latest).")] = None,
) -> None:
    """Publish the tree at a release tag to the Hugging Face Hub (upload_folder, then create_tag).

    Uses the token of `hf auth login` or HF_TOKEN."""
    from huggingface_hub import HfApi
    from huggingface_hub.errors import HfHubHTTPError

    from builder.release.publish import PushError, plan_push, push

    with tempfile.TemporaryDirectory(prefix="builder-push-") as workdir:
        try:
            plan = plan_push(out_dir, repo_id, tag, Path(workdir))
        except (PushError, ReleaseRepoError) as error:
            complain(str(error))
            raise typer.Exit(2) from error
        err.print(f"Pushing {plan.tag} ({len(plan.files)} files) to datasets/{plan.repo_id}")
        try:
            url = push(plan, HfApi())
        except (HfHubHTTPError, OSError) as error:
            complain(f"push failed: {error}")
            raise typer.Exit(1) from error
    err.print(f"Published {plan.tag}: {url}")
    out.print(f'datasets.load_dataset("{plan.repo_id}", revision="{plan.tag}")')
