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
import shutil
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from builder import __version__
from builder.records import SCHEMA_VERSION, Annotation, CheckWorthiness, Document, Stance
from builder.release import changelog, repo
from builder.release.adjudication import AdjudicationConfig, ReviewItem, adjudicate
from builder.release.agreement import AgreementReport, agreement_report
from builder.release.card import CardInputs, render_card
from builder.release.features import rows_to_table
from builder.release.inputs import (
    fingerprint,
    latest_answers,
    ledger_files,
    read_annotations,
    read_documents,
    read_targets,
)
from builder.release.plot import label_distribution_png
from builder.release.splits import SPLITS, SplitLedger, assign_splits, leak_check
from builder.release.tables import CONFIGS, ReleaseTables, build_tables, config_features

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


def make_release(options: ReleaseOptions, step: Callable[[str], None] = lambda _: None) -> ReleaseResult:
    """Read the inputs named in `options` and release them (see `release_records`)."""
    resolve_version(options.out, options.version, options.bump)
    step("reading documents")
    documents = list(read_documents(options.documents))
    step("reading annotations")
    ledger_dir = options.annotations if options.annotations is not None and options.annotations.is_dir() else None
    answers = latest_answers(read_annotations(ledger_dir)) if ledger_dir else []
    targets = {t.target_id: t.text for t in read_targets(ledger_dir)} if ledger_dir else {}
    return release_records(documents, answers, targets, options, step)


def release_records(
    documents: list[Document],
    answers: list[Annotation],
    targets: dict[str, str],
    options: ReleaseOptions,
    step: Callable[[str], None] = lambda _: None,
) -> ReleaseResult:
    """Release records already in memory: `answers` are the latest submitted ones (`inputs.latest_answers`),
    `targets` maps target ids to their text. `options.documents` and `options.annotations` are only
    fingerprinted into the manifest here."""
    out = options.out
    version = resolve_version(out, options.version, options.bump)
    if not documents:
        raise ReleaseRefusedError(f"{options.documents}: no documents to release")
    repeated = [doc_id for doc_id, count in Counter(d.doc_id for d in documents).items() if count > 1]
    if repeated:
        raise ReleaseRefusedError(f"{options.documents}: {len(repeated)} doc_id(s) appear twice, e.g. {repeated[0]}")
    step("agreement")
    report = agreement_report(answers)
    check_min_alpha(report, options.min_alpha)
    step("splits")
    repo.ensure_repo(out)
    ledger = SplitLedger.load(out, options.salt or options.name)
    splits, groups = assign_splits(documents, ledger)
    leaks = leak_check(documents, splits)
    if leaks:
        shown = "; ".join(str(leak) for leak in leaks[:5])
        raise ReleaseRefusedError(f"split leak: {len(leaks)} group(s) span several splits: {shown}")
    step("adjudication")
    decided = adjudicate(answers, options.adjudication)
    tables = build_tables(documents, splits, groups, decided, answers, targets, options.include_machine_labels)
    changes = changelog.compare(changelog.snapshot_of_release(out), changelog.snapshot_of_rows(tables.rows))
    step("writing Parquet")
    previous_data = _data_hashes(out)
    data_bytes = _write_parquet(out, tables)
    result = ReleaseResult(version, out, made=False, counts=tables.counts(), agreement=report, review=decided.review)
    result.changes, result.machine_labels = changes, tables.machine_claims
    if tables.orphan_answers:
        result.notes.append(f"{tables.orphan_answers} answer(s) are about documents not in {options.documents}")
    if options.review is not None:
        _write_review(options.review, decided.review)
    if options.bump and previous_data and previous_data == _data_hashes(out):
        result.notes.append("the data equals the latest release: no new version made")
        return result
    step("card, manifest, changelog")
    ledger.save(out)
    (out / AGREEMENT_FILE).write_text(json.dumps(report.to_json(), indent=2) + "\n", encoding="utf-8")
    label_distribution_png(label_distributions(tables), out / PLOT_FILE)
    changelog.prepend_entry(out, changelog.entry(version, changes, datetime.date.today()))
    card = CardInputs(
        name=options.name,
        version=version,
        license=options.license,
        languages=sorted({d.lang for d in documents if d.lang != "und"}),
        features=config_features(),
        counts=result.counts,
        bytes_per_split=data_bytes,
        agreement=report.overall if answers else None,
        agreement_by_target=report.by_target,
        machine_labels=tables.machine_claims,
        machine_labels_included=options.include_machine_labels,
        human_answers=len(answers),
        sources=Counter(d.source or d.site or "unknown" for d in documents),
        pages=len({d.page_id for d in documents}),
        targets=targets,
        changelog=changelog.summary(changes),
        guidelines_url=options.guidelines_url,
        plot=PLOT_FILE,
        min_annotators=options.adjudication.min_annotators,
        review_items=len(decided.review),
    )
    (out / "README.md").write_text(render_card(card, str(out)), encoding="utf-8")
    _write_manifest(out, options, version, result, documents)
    step("git commit and tag")
    result.commit = repo.commit_and_tag(out, version, f"Release v{version}\n\n{changelog.summary(changes)}")
    result.made = True
    return result


def label_distributions(tables: ReleaseTables) -> dict[str, dict[str, dict[str, int]]]:
    """Panel title to split to label name to count, labels in ClassLabel order."""
    panels: dict[str, dict[str, dict[str, int]]] = {}
    for title, config, column, labels in (
        ("document stance", "stance", "label", list(Stance)),
        ("claim check-worthiness", "claims", "checkworthiness", list(CheckWorthiness)),
    ):
        panels[title] = {}
        for split in SPLITS:
            rows = tables.rows[config].get(split)
            if rows:
                counts = Counter(row[column] for row in rows)
                panels[title][split] = {label.value: counts[label] for label in labels}
    return panels


def _write_parquet(out: Path, tables: ReleaseTables) -> dict[str, dict[str, int]]:
    """Replace every config folder with one Parquet file per non-empty split; returns Arrow bytes per config
    and split. A config without rows gets no folder and no card entry: `datasets` cannot load an empty split
    ("corresponds to no data"), so listing one would break `load_dataset` for that config."""
    features = config_features()
    sizes: dict[str, dict[str, int]] = {}
    for config in CONFIGS:
        folder = out / config
        shutil.rmtree(folder, ignore_errors=True)
        by_split = {split: rows for split, rows in tables.rows[config].items() if rows}
        tables.rows[config] = by_split
        if not by_split:
            continue
        folder.mkdir(parents=True)
        sizes[config] = {}
        for split in SPLITS:
            if split in by_split:
                table = rows_to_table(by_split[split], features[config])
                pq.write_table(table, folder / f"{split}-00000-of-00001.parquet")
                sizes[config][split] = table.nbytes
    return sizes


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
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for item in items:
            handle.write(json.dumps(item.to_json(), ensure_ascii=False) + "\n")


def _write_manifest(
    out: Path, options: ReleaseOptions, version: str, result: ReleaseResult, documents: list[Document]
) -> None:
    inputs = [options.documents]
    if options.annotations is not None and options.annotations.is_dir():
        inputs += ledger_files(options.annotations)
    files = {
        str(path.relative_to(out)): {"sha256": _sha256(path), "bytes": path.stat().st_size}
        for path in sorted(out.rglob("*"))
        if path.is_file() and ".git" not in path.relative_to(out).parts and path.name != MANIFEST_FILE
    }
    manifest: dict[str, Any] = {
        "name": options.name,
        "version": version,
        "schema_version": SCHEMA_VERSION,
        "builder_version": __version__,
        "created": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine_labels_included": options.include_machine_labels,
        "machine_labels": result.machine_labels,
        "counts": result.counts,
        "documents": len(documents),
        "human_answers": result.agreement.overall.answers if result.agreement else 0,
        "adjudication": asdict(options.adjudication),
        "inputs": [asdict(print_) for print_ in fingerprint(inputs)],
        "files": files,
    }
    (out / MANIFEST_FILE).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
