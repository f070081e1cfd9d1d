"""What changed since the previous release: documents added and removed, labels added, removed, relabelled.

The previous state is read from the Parquet files the release repository holds before the new version is
written, so the changelog describes what users of the last version will see differ, not what the inputs did.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.parquet as pq

from builder.records import CheckWorthiness, Stance
from builder.release.tables import WrittenTables

CHANGELOG_FILE = "CHANGELOG.md"
LABEL_COLUMNS = {
    "label": [member.value for member in Stance],
    "stance": [member.value for member in Stance],
    "checkworthiness": [member.value for member in CheckWorthiness],
}
"""Label columns compared between versions, with their ClassLabel names in index order."""
SHOWN_IDS = 10


@dataclass(frozen=True)
class Snapshot:
    """The identities and labels of one version: enough to compare two versions."""

    documents: frozenset[str] = frozenset()
    stance: dict[tuple[str, str | None], str] = field(default_factory=dict)
    claims: dict[str, tuple[str, str | None]] = field(default_factory=dict)


def snapshot_of_written(doc_ids: Iterable[str], written: WrittenTables) -> Snapshot:
    """The snapshot of the version being written (labels compared by their names)."""
    return Snapshot(frozenset(doc_ids), dict(written.stance), dict(written.claims))


def snapshot_of_release(release_dir: Path) -> Snapshot | None:
    """The snapshot of the release currently in the folder, or None when there is none yet."""
    if not (release_dir / "documents").is_dir():
        return None

    def read(config: str, columns: list[str]) -> list[dict]:
        """Rows with ClassLabel indexes turned back into names, as `snapshot_of_written` sees them."""
        files = sorted((release_dir / config).glob("*.parquet"))
        rows = [row for path in files for row in pq.read_table(path, columns=columns).to_pylist()]
        for row in rows:
            for column, labels in LABEL_COLUMNS.items():
                if row.get(column) is not None:
                    row[column] = labels[row[column]]
        return rows

    return Snapshot(
        frozenset(row["doc_id"] for row in read("documents", ["doc_id"])),
        {(r["doc_id"], r["target_id"]): r["label"] for r in read("stance", ["doc_id", "target_id", "label"])},
        {
            r["claim_id"]: (r["checkworthiness"], r["stance"])
            for r in read("claims", ["claim_id", "checkworthiness", "stance"])
        },
    )


@dataclass(frozen=True)
class Changes:
    documents_added: list[str]
    documents_removed: list[str]
    stance_added: int
    stance_removed: int
    stance_relabelled: list[tuple[str, str | None]]
    claims_added: int
    claims_removed: int
    claims_relabelled: list[str]
    first_release: bool


def compare(previous: Snapshot | None, current: Snapshot) -> Changes:
    before = previous or Snapshot()
    relabelled_stance = [
        key for key, label in current.stance.items() if key in before.stance and before.stance[key] != label
    ]
    relabelled_claims = [
        key for key, labels in current.claims.items() if key in before.claims and before.claims[key] != labels
    ]
    return Changes(
        documents_added=sorted(current.documents - before.documents),
        documents_removed=sorted(before.documents - current.documents),
        stance_added=len(current.stance.keys() - before.stance.keys()),
        stance_removed=len(before.stance.keys() - current.stance.keys()),
        stance_relabelled=sorted(relabelled_stance, key=str),
        claims_added=len(current.claims.keys() - before.claims.keys()),
        claims_removed=len(before.claims.keys() - current.claims.keys()),
        claims_relabelled=sorted(relabelled_claims),
        first_release=previous is None,
    )


def summary(changes: Changes) -> str:
    """The short Markdown list shown in the card and in the changelog entry."""
    if changes.first_release:
        return (
            f"- First release: {len(changes.documents_added):,} documents, {changes.stance_added:,} stance labels, "
            f"{changes.claims_added:,} claims."
        )
    return "\n".join(
        [
            f"- Documents: {len(changes.documents_added):,} added, {len(changes.documents_removed):,} removed.",
            f"- Stance labels: {changes.stance_added:,} added, {changes.stance_removed:,} removed, "
            f"{len(changes.stance_relabelled):,} relabelled.",
            f"- Claims: {changes.claims_added:,} added, {changes.claims_removed:,} removed, "
            f"{len(changes.claims_relabelled):,} relabelled.",
        ]
    )


def entry(version: str, changes: Changes, today: datetime.date) -> str:
    lines = [f"## v{version} ({today.isoformat()})", "", summary(changes)]
    for title, ids in (
        ("Added documents", changes.documents_added),
        ("Removed documents", changes.documents_removed),
        ("Relabelled stance (doc_id, target_id)", [f"{d} {t}" for d, t in changes.stance_relabelled]),
        ("Relabelled claims", changes.claims_relabelled),
    ):
        if ids and not (changes.first_release and title == "Added documents"):
            shown = ", ".join(f"`{i}`" for i in ids[:SHOWN_IDS])
            more = f" and {len(ids) - SHOWN_IDS:,} more" if len(ids) > SHOWN_IDS else ""
            lines.append(f"- {title}: {shown}{more}")
    return "\n".join(lines) + "\n"


def prepend_entry(release_dir: Path, text: str) -> None:
    """Newest entry first, under the file's title."""
    path = release_dir / CHANGELOG_FILE
    title = "# Changelog\n\n"
    previous = path.read_text(encoding="utf-8").removeprefix(title) if path.exists() else ""
    path.write_text(title + text + ("\n" + previous if previous else ""), encoding="utf-8")
