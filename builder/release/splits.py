"""Stable train/validation/test splits: a salted hash of a group key, pinned by a persisted ledger.

The group is the connected set of documents that share a page, a near-duplicate link (`duplicate_of`) or a
similarity key (`dedup.similarity_keys`: copies given by separate ingest runs, which `duplicate_of` does not link),
so a story and its copies never straddle splits (a leak that inflates test scores). The hash alone would already
be stable, but a group can grow or merge as data is added; the ledger records every released document's split,
so a released document keeps its split whatever happens later, and the leak check catches the one case that
cannot be resolved silently: a merge of groups released in different splits.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, get_args

import numpy as np
from pydantic import ValidationError

from builder.records import SCHEMA_VERSION, SplitAssignment, SplitLedgerFile
from builder.records.reports import SplitName
from builder.release.inputs import ReleaseInputError
from builder.validate import NotJsonError, error_fields, read_json

SPLITS: tuple[str, ...] = get_args(SplitName)


class LinkedDocument(Protocol):
    """What splitting needs of a document: a `Document`, or the small key the Ray engine keeps of one."""

    @property
    def doc_id(self) -> str: ...
    @property
    def page_id(self) -> str: ...
    @property
    def duplicate_of(self) -> str | None: ...


DEFAULT_RATIOS = (0.8, 0.1, 0.1)
LEDGER_FILE = "splits.json"


@dataclass
class SplitLedger:
    """The salt and every document ever released with its split and group; entries are never removed."""

    salt: str
    ratios: tuple[float, float, float] = DEFAULT_RATIOS
    documents: dict[str, str] = field(default_factory=dict)
    """doc_id to split."""
    groups: dict[str, str] = field(default_factory=dict)
    """doc_id to the group id it was released under, so a growing group keeps its name."""

    @classmethod
    def load(cls, release_dir: Path, salt: str) -> SplitLedger:
        """The release's ledger, or a new one with `salt` (used once: the ledger keeps the first release's)."""
        path = release_dir / LEDGER_FILE
        if not path.exists():
            return cls(salt=salt)
        ledger = _read_ledger_file(path)
        entries = ledger.documents
        return cls(
            ledger.salt,
            ledger.ratios,
            {doc_id: entry.split for doc_id, entry in entries.items()},
            {doc_id: entry.group for doc_id, entry in entries.items()},
        )

    def save(self, release_dir: Path) -> None:
        """One document per line, sorted, so the ledger's git diff between versions shows exactly the additions.

        The ledger is validated as a `SplitLedgerFile`, then its entries are formatted directly (a json.dumps per
        entry doubles the cost of this at 100,000 documents): the model holds ids and group ids to
        `[a-z]+_[0-9a-f]{16}` and splits to fixed words, so nothing needs escaping."""
        ledger = SplitLedgerFile.create(
            salt=self.salt,
            ratios=self.ratios,
            documents={
                doc_id: SplitAssignment(split=split, group=self.groups[doc_id])  # type: ignore[arg-type]
                for doc_id, split in sorted(self.documents.items())
            },
        )
        head = ledger.model_dump(mode="json", exclude={"documents"})
        entries = ",\n".join(
            f'"{doc_id}": {{"split": "{entry.split}", "group": "{entry.group}"}}'
            for doc_id, entry in ledger.documents.items()
        )
        text = f'{json.dumps(head)[:-1]}, "documents": {{\n{entries}\n}}}}\n'
        (release_dir / LEDGER_FILE).write_text(text, encoding="utf-8")


_DAMAGED = (
    "the split ledger of the release is damaged (restore it from the release's git history, e.g. "
    "`git checkout splits.json` in the release folder)"
)


def _read_ledger_file(path: Path) -> SplitLedgerFile:
    """The release's splits.json through its model, or ReleaseInputError naming the file and its problems: read
    as a dict, a ledger that was edited or damaged (bad JSON, a missing or mistyped field) ended the release with a
    KeyError or TypeError traceback. The ledger of a release made before 0.33.0 has no `kind` nor
    `schema_version`, and must still give each of its documents its split: they are taken as today's."""
    try:
        data = read_json(path.read_bytes(), whole_document=True)
    except (OSError, NotJsonError) as error:
        raise ReleaseInputError(f"{path}: {_DAMAGED}: {error}") from error
    if isinstance(data, dict):
        data = {"kind": "splits", "schema_version": SCHEMA_VERSION, **data}
    try:
        return SplitLedgerFile.model_validate(data)
    except ValidationError as error:
        problems = "; ".join(f"{field}: {message}" if field else message for field, message in error_fields(error))
        raise ReleaseInputError(f"{path}: {_DAMAGED}: {problems}") from error


def hashed_split(group_id: str, salt: str, ratios: Sequence[float] = DEFAULT_RATIOS) -> str:
    digest = hashlib.sha256(f"{salt}:{group_id}".encode()).digest()
    point = int.from_bytes(digest[:8], "big") / 2**64
    cumulative = 0.0
    for name, ratio in zip(SPLITS, ratios, strict=True):
        cumulative += ratio
        if point < cumulative:
            return name
    return SPLITS[-1]


def document_groups(documents: Sequence[LinkedDocument]) -> dict[str, str]:
    """doc_id to its component: the smallest page id among the documents linked by page or `duplicate_of`.

    Union-find over pages, not documents: documents of a page are together by definition, so only the
    (few) near-duplicate links need unions, and a release of 100,000 documents stays a dictionary pass."""
    parent: dict[str, str] = {}

    def root(node: str) -> str:
        while (up := parent.get(node, node)) != node:
            parent[node] = parent.get(up, up)
            node = up
        return node

    def union(page: str, other: str) -> None:
        a, b = root(page), root(other)
        if a != b:
            parent[max(a, b)] = min(a, b)

    page_of = {document.doc_id: document.page_id for document in documents}
    for document in documents:
        if document.duplicate_of:
            union(document.page_id, page_of.get(document.duplicate_of, document.duplicate_of))
    for page, other in _pages_sharing_a_key(documents):
        union(page, other)
    smallest: dict[str, str] = {}
    for page in sorted(set(page_of.values())):
        smallest.setdefault(root(page), page)
    return {doc_id: smallest[root(page)] for doc_id, page in page_of.items()}


def _pages_sharing_a_key(documents: Sequence[LinkedDocument]) -> Iterator[tuple[str, str]]:
    """Pairs of pages whose documents share a similarity key (`similar`, which a `DocumentKey` carries and a
    `Document` does not), each page paired with the first that has the key: sorted as one array of (key,
    document), ten keys a document, rather than a dictionary of every key."""
    keyed = [(key, index) for index, document in enumerate(documents) for key in getattr(document, "similar", ())]
    if not keyed:
        return
    pairs = np.array(keyed, dtype=np.int64)
    pairs = pairs[np.lexsort((pairs[:, 1], pairs[:, 0]))]
    keys, owners = pairs[:, 0], pairs[:, 1]
    shared = np.flatnonzero(keys[1:] == keys[:-1]) + 1
    first = np.maximum.accumulate(np.where(np.r_[True, keys[1:] != keys[:-1]], np.arange(len(keys)), 0))
    for at in shared.tolist():
        yield documents[int(owners[first[at]])].page_id, documents[int(owners[at])].page_id


def assign_splits(documents: Sequence[LinkedDocument], ledger: SplitLedger) -> tuple[dict[str, str], dict[str, str]]:
    """(doc_id to split, doc_id to group id) and the ledger updated in place with the new documents.

    A released document keeps its ledger split; a new one joins its group's released split if the group has
    one (several would be a leak, left for `leak_check` to report), else the salted hash of the group. A group
    with released members keeps the (smallest) group id they were released under.
    """
    components = document_groups(documents)
    released: dict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    for doc_id, component in components.items():
        if doc_id in ledger.documents:
            released[component].add(ledger.documents[doc_id])
            names[component] = min(names.get(component, ledger.groups[doc_id]), ledger.groups[doc_id])
    splits, groups = {}, {}
    for doc_id, component in components.items():
        group = names.get(component, component)
        known = ledger.documents.get(doc_id)
        if known is None:
            known = min(released[component]) if released[component] else hashed_split(group, ledger.salt, ledger.ratios)
            ledger.documents[doc_id] = known
        ledger.groups[doc_id] = group
        splits[doc_id], groups[doc_id] = known, group
    return splits, groups


@dataclass(frozen=True)
class Leak:
    group: str
    splits: dict[str, list[str]]

    def __str__(self) -> str:
        spread = "; ".join(f"{split}: {', '.join(docs[:3])}" for split, docs in sorted(self.splits.items()))
        return f"group {self.group} spans {len(self.splits)} splits ({spread})"


def leak_check(documents: Sequence[LinkedDocument], splits: dict[str, str]) -> list[Leak]:
    """Every group (page or near-duplicate cluster) whose documents lie in more than one split.

    Recomputes the groups from the documents rather than trusting the assignment, so it also catches a
    ledger written by another version of this code."""
    by_group: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for doc_id, group in document_groups(documents).items():
        by_group[group][splits[doc_id]].append(doc_id)
    return [Leak(group, dict(spread)) for group, spread in sorted(by_group.items()) if len(spread) > 1]
