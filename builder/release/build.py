"""`make_release`: documents and the annotation ledger in, one new tagged version of the release repository out.

The order matters for what a refusal leaves behind: everything that can refuse (version, agreement floor,
split leak) is decided before a file in the release repository is touched, and the commit and tag come last,
so a failed release leaves the repository at its previous version (plus, at worst, an uncommitted tree that
the next release overwrites).
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

from builder import __version__
from builder.jsonl import AtomicJsonlWriter
from builder.records import AgreementReport, Annotation, Document, ReleaseManifest, ReviewItem
from builder.release import changelog, repo
from builder.release.adjudication import Adjudication, AdjudicationConfig, adjudicate
from builder.release.agreement import agreement_json, agreement_report
from builder.release.card import CardInputs, render_card
from builder.release.inputs import (
    document_files,
    fingerprint,
    latest_answers,
    ledger_files,
    read_annotations,
    read_documents,
    read_targets,
)
from builder.release.parquet import clear_configs, write_config
from builder.release.plot import label_distribution_png
from builder.release.splits import SPLITS, SplitLedger, assign_splits, leak_check
from builder.release.tables import CONFIGS, DocumentKey, WrittenTables, build_tables, config_features
from builder.targets import load_targets

MANIFEST_FILE = "MANIFEST.json"
AGREEMENT_FILE = "agreement.json"
PLOT_FILE = "images/label_distribution.png"


class ReleaseRefusedError(Exception):
    """The release cannot be made as asked; the message says why, with the figures behind it."""


@dataclass(frozen=True)
class ReleaseOptions:
    documents: Path
    annotations: Path | None
    out: Path
    version: str | None = None
    bump: str | None = None
    min_alpha: float | None = None
    include_machine_labels: bool = False
    name: str = "news-stance"
    license: str = "other"
    guidelines_url: str | None = None
    adjudication: AdjudicationConfig = field(default_factory=AdjudicationConfig)
    review: Path | None = None
    salt: str | None = None
    """Split salt of a first release (default: the name, so a rebuilt dataset splits the same way)."""
    engine: Literal["local", "ray"] = "local"
    ray_address: str | None = None
    """The Ray cluster to join (default: a running session, else a local Ray on this machine's cores)."""
    chunk_bytes: int = 32 << 20
    """Ray engine: bytes of the documents file per task (a gzip file is one task)."""
    targets: Path | None = None
    """The targets file giving each target's text (default: the one kept beside the ledger, if any)."""


@dataclass
class ReleaseResult:
    version: str
    out: Path
    made: bool
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    agreement: AgreementReport | None = None
    review: list[ReviewItem] = field(default_factory=list)
    changes: changelog.Changes | None = None
    machine_labels: int = 0
    commit: str | None = None
    notes: list[str] = field(default_factory=list)

    def load_line(self, config: str = "claims") -> str:
        return f'datasets.load_dataset("{self.out}", "{config}")'


def resolve_version(out: Path, version: str | None, bump: str | None) -> str:
    """The version to release: given, or the latest tag bumped; an existing or older version is refused."""
    if (version is None) == (bump is None):
        raise ReleaseRefusedError("give exactly one of --version X.Y.Z and --bump major|minor|patch")
    released = repo.released_versions(out)
    latest = released[-1] if released else None
    chosen = repo.parse_version(version) if version is not None else repo.bump(latest, bump or "")
    if chosen in released:
        raise ReleaseRefusedError(
            f"version {repo.format_version(chosen)} is already released (tag v{repo.format_version(chosen)})"
        )
    if latest is not None and chosen < latest:
        raise ReleaseRefusedError(
            f"version {repo.format_version(chosen)} is older than the latest release v{repo.format_version(latest)}"
        )
    return repo.format_version(chosen)


def check_min_alpha(report: AgreementReport, min_alpha: float | None) -> None:
    if min_alpha is None:
        return
    alpha = report.overall.stance_alpha
    if alpha is not None and alpha >= min_alpha:
        return
    by_target = ", ".join(
        f"{target} {'n/a' if f.stance_alpha is None else f'{f.stance_alpha:.3f}'} ({f.tasks} tasks)"
        for target, f in report.by_target.items()
    )
    shown = "undefined (no task with two or more annotators, or no variation)" if alpha is None else f"{alpha:.3f}"
    raise ReleaseRefusedError(
        f"stance agreement below --min-alpha {min_alpha}: Krippendorff's alpha (nominal) is {shown} over "
        f"{report.overall.multiply_annotated_tasks} multiply annotated tasks, {report.overall.answers} answers; "
        f"per target: {by_target or 'none'}"
    )


@dataclass
class ReleasePlan:
    """Everything decided before a Parquet file is touched: a refusal can only come from here."""

    version: str
    agreement: AgreementReport
    ledger: SplitLedger
    splits: dict[str, str]
    groups: dict[str, str]
    decided: Adjudication
    previous: changelog.Snapshot | None
    previous_data: dict[str, str]


def make_release(options: ReleaseOptions, step: Callable[[str], None] = lambda _: None) -> ReleaseResult:
    """Read the inputs named in `options` and release them, on the engine the options name."""
    resolve_version(options.out, options.version, options.bump)
    if options.engine == "ray":
        from builder.release.ray_engine import release_on_ray  # Ray is an optional extra

        return release_on_ray(options, step)
    step("reading documents")
    documents = list(read_documents(options.documents))
    answers, targets = read_answers(options)
    return release_records(documents, answers, targets, options, step)


def read_answers(options: ReleaseOptions) -> tuple[list[Annotation], dict[str, str]]:
    """The latest submitted answers of the ledger and the target texts kept beside it (none without a ledger)."""
    ledger_dir = options.annotations if options.annotations is not None and options.annotations.is_dir() else None
    if ledger_dir is None:
        return [], {}
    answers = latest_answers(read_annotations(ledger_dir))
    targets = load_targets(options.targets) if options.targets is not None else read_targets(ledger_dir)
    return answers, {t.target_id: t.text for t in targets}


def release_records(
    documents: list[Document],
    answers: list[Annotation],
    targets: dict[str, str],
    options: ReleaseOptions,
    step: Callable[[str], None] = lambda _: None,
) -> ReleaseResult:
    """Release records already in memory (the local engine): `answers` are the latest submitted ones
    (`inputs.latest_answers`), `targets` maps target ids to their text. `options.documents` and
    `options.annotations` are only fingerprinted into the manifest here."""
    keys = [DocumentKey.of(document) for document in documents]
    plan = plan_release(keys, answers, options, step)
    tables = build_tables(
        documents, plan.splits, plan.groups, plan.decided, answers, targets, options.include_machine_labels
    )
    step("writing Parquet")
    written = WrittenTables(machine_claims=tables.machine_claims, orphan_answers=tables.orphan_answers)
    clear_configs(options.out)
    features = config_features()
    for config in CONFIGS:
        write_config(options.out, config, tables.rows.get(config, {}), features[config], written)
    return finish_release(plan, written, keys, answers, targets, options, step)


def plan_release(
    keys: Sequence[DocumentKey], answers: list[Annotation], options: ReleaseOptions, step: Callable[[str], None]
) -> ReleasePlan:
    """Version, agreement, splits, leak check and adjudication: every refusal, before any file is written."""
    out = options.out
    version = resolve_version(out, options.version, options.bump)
    if not keys:
        raise ReleaseRefusedError(f"{options.documents}: no documents to release")
    repeated = [doc_id for doc_id, count in Counter(key.doc_id for key in keys).items() if count > 1]
    if repeated:
        raise ReleaseRefusedError(f"{options.documents}: {len(repeated)} doc_id(s) appear twice, e.g. {repeated[0]}")
    step("agreement")
    # Of the documents released only: answers about others (a ledger ahead of the documents given) are noted as
    # such, and made the card's figures, the --min-alpha gate and the review list speak of tasks not released.
    released_ids = {key.doc_id for key in keys}
    answers = [answer for answer in answers if answer.doc_id in released_ids]
    report = agreement_report(answers)
    check_min_alpha(report, options.min_alpha)
    step("splits")
    repo.ensure_repo(out)
    ledger = SplitLedger.load(out, options.salt or options.name)
    splits, groups = assign_splits(keys, ledger)
    leaks = leak_check(keys, splits)
    if leaks:
        shown = "; ".join(str(leak) for leak in leaks[:5])
        raise ReleaseRefusedError(f"split leak: {len(leaks)} group(s) span several splits: {shown}")
    step("adjudication")
    decided = adjudicate(answers, options.adjudication)
    return ReleasePlan(
        version, report, ledger, splits, groups, decided, changelog.snapshot_of_release(out), _data_hashes(out)
    )


def finish_release(
    plan: ReleasePlan,
    written: WrittenTables,
    keys: Sequence[DocumentKey],
    answers: list[Annotation],
    targets: dict[str, str],
    options: ReleaseOptions,
    step: Callable[[str], None],
) -> ReleaseResult:
    """With the Parquet files written: review list, card, manifest, changelog, commit and tag (or no new
    version when `--bump` finds the data unchanged)."""
    out = options.out
    changes = changelog.compare(plan.previous, changelog.snapshot_of_written((key.doc_id for key in keys), written))
    result = ReleaseResult(
        plan.version, out, made=False, counts=written.counts, agreement=plan.agreement, review=plan.decided.review
    )
    result.changes, result.machine_labels = changes, written.machine_claims
    if written.orphan_answers:
        result.notes.append(f"{written.orphan_answers} answer(s) are about documents not in {options.documents}")
    empty = [split for split in SPLITS if not written.counts.get("documents", {}).get(split)]
    if empty:
        # A few groups can all hash away from a split (31 groups left test empty one time in thirty): a model
        # evaluated on it would be evaluated on nothing, which the release should not leave to the card to show.
        result.notes.append(
            f"no document in the {' and '.join(empty)} split(s): {len(set(plan.groups.values())):,} split group(s) "
            "are too few for every split to get some; add documents, or use the splits that have them"
        )
    untold = sorted({answer.target_id for answer in answers if answer.target_id and answer.target_id not in targets})
    if untold:
        # The card listed no target and each stance row gave its target's id for its text, without a word.
        result.notes.append(
            f"{len(untold)} target(s) have no text ({', '.join(untold[:3])}): the stance rows give their ids; "
            "give --targets, or keep targets.yaml beside the annotation ledger"
        )
    if options.review is not None:
        _write_review(options.review, plan.decided.review)
    if options.bump and plan.previous_data and plan.previous_data == _data_hashes(out):
        result.notes.append("the data equals the latest release: no new version made")
        return result
    step("card, manifest, changelog")
    plan.ledger.save(out)
    report = plan.agreement
    # The answers about documents released: the others are the tables' orphans.
    released_answers = len(answers) - written.orphan_answers
    (out / AGREEMENT_FILE).write_text(agreement_json(report), encoding="utf-8")
    label_distribution_png(written.distributions(), out / PLOT_FILE)
    changelog.prepend_entry(out, changelog.entry(plan.version, changes, datetime.date.today()))
    card = CardInputs(
        name=options.name,
        version=plan.version,
        license=options.license,
        languages=sorted({key.lang for key in keys if key.lang != "und"}),
        features=config_features(),
        counts=written.counts,
        bytes_per_split=written.bytes,
        agreement=report.overall if released_answers else None,
        agreement_by_target=report.by_target,
        machine_labels=written.machine_claims,
        machine_labels_included=options.include_machine_labels,
        human_answers=released_answers,
        sources=Counter(key.outlet for key in keys),
        pages=len({key.page_id for key in keys}),
        targets=targets,
        changelog=changelog.summary(changes),
        guidelines_url=options.guidelines_url,
        plot=PLOT_FILE,
        min_annotators=options.adjudication.min_annotators,
        review_items=len(plan.decided.review),
    )
    (out / "README.md").write_text(render_card(card, str(out)), encoding="utf-8")
    _write_manifest(out, options, plan.version, result, len(keys))
    step("git commit and tag")
    result.commit = repo.commit_and_tag(out, plan.version, f"Release v{plan.version}\n\n{changelog.summary(changes)}")
    result.made = True
    return result


def _data_hashes(out: Path) -> dict[str, str]:
    return {
        str(path.relative_to(out)): _sha256(path)
        for config in CONFIGS
        for path in sorted((out / config).glob("*.parquet"))
    }


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _write_review(path: Path, items: list[ReviewItem]) -> None:
    with AtomicJsonlWriter(path) as writer:
        for item in items:
            writer.write(item)


def _write_manifest(out: Path, options: ReleaseOptions, version: str, result: ReleaseResult, documents: int) -> None:
    inputs = document_files(options.documents)
    if options.annotations is not None and options.annotations.is_dir():
        inputs += ledger_files(options.annotations)
    files = {
        str(path.relative_to(out)): {"sha256": _sha256(path), "bytes": path.stat().st_size}
        for path in sorted(out.rglob("*"))
        if path.is_file() and ".git" not in path.relative_to(out).parts and path.name != MANIFEST_FILE
    }
    manifest = ReleaseManifest.create(
        name=options.name,
        version=version,
        builder_version=__version__,
        created=datetime.datetime.now(datetime.UTC).replace(microsecond=0),
        machine_labels_included=options.include_machine_labels,
        machine_labels=result.machine_labels,
        counts=result.counts,
        documents=documents,
        human_answers=result.agreement.overall.answers if result.agreement else 0,
        adjudication=asdict(options.adjudication),
        inputs=[asdict(print_) for print_ in fingerprint(inputs)],
        files=files,
    )
    (out / MANIFEST_FILE).write_text(json.dumps(manifest.model_dump(mode="json"), indent=2) + "\n", encoding="utf-8")
