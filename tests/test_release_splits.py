"""Split stability under growth, as properties: whatever documents a later version adds (new pages, more
documents on released pages, near-duplicates of released documents), no released document changes split
and no group straddles two splits; and the one growth that cannot be resolved, a bridge between groups
released in different splits, is exactly what the leak check reports."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder.records import Document
from builder.release.build import ReleaseOptions, make_release
from builder.release.inputs import ReleaseInputError
from builder.release.splits import SPLITS, SplitLedger, assign_splits, document_groups, hashed_split, leak_check
from builder.release.tables import DocumentKey
from tests.release_support import _hex, disguised, ingest_samples, write_documents, write_ledger
from tests.test_schemas import run_builder

SALT = "property-tests"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Document:
    return ingest_samples(tmp_path_factory.mktemp("ingest"))[0]


def doc(template: Document, name: str, page: str, duplicate_of: str | None = None) -> Document:
    return template.model_copy(
        update={"doc_id": f"doc_{_hex(name)}", "page_id": f"page_{_hex(page)}", "duplicate_of": duplicate_of}
    )


# A base version: pages with 1-3 documents each. Growth: steps that each add one document, either on a new
# page, on a released page, or on a new page as a near-duplicate of a released document.
base_pages = st.lists(st.integers(1, 3), min_size=1, max_size=12)
growth = st.lists(
    st.tuples(st.sampled_from(["new_page", "same_page", "duplicate"]), st.integers(0, 10_000)), max_size=25
)


def build(template: Document, pages: list[int], steps: list[tuple[str, int]]) -> tuple[list[Document], list[Document]]:
    base = [doc(template, f"b{p}.{i}", f"p{p}") for p, count in enumerate(pages) for i in range(count)]
    added = []
    for number, (kind, pick) in enumerate(steps):
        if kind == "new_page":
            added.append(doc(template, f"g{number}", f"new{number}"))
        elif kind == "same_page":
            added.append(doc(template, f"g{number}", f"p{pick % len(pages)}"))
        else:
            original = base[pick % len(base)]
            added.append(doc(template, f"g{number}", f"new{number}", duplicate_of=original.doc_id))
    return base, added


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pages=base_pages, steps=growth)
def test_growth_never_moves_a_released_document_nor_splits_a_group(
    template: Document, pages: list[int], steps: list[tuple[str, int]]
) -> None:
    base, added = build(template, pages, steps)
    ledger = SplitLedger(SALT)
    first, _ = assign_splits(base, ledger)
    second, groups = assign_splits(base + added, ledger)
    assert {doc_id: second[doc_id] for doc_id in first} == first
    assert leak_check(base + added, second) == []
    by_group: dict[str, set[str]] = {}
    for doc_id, group in groups.items():
        by_group.setdefault(group, set()).add(second[doc_id])
    assert all(len(splits) == 1 for splits in by_group.values())


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pages=st.lists(st.integers(1, 2), min_size=2, max_size=10), left=st.integers(0, 99), right=st.integers(0, 99))
def test_a_bridge_between_released_groups_leaks_exactly_when_their_splits_differ(
    template: Document, pages: list[int], left: int, right: int
) -> None:
    base, _ = build(template, pages, [])
    ledger = SplitLedger(SALT)
    first, _ = assign_splits(base, ledger)
    one, other = base[left % len(base)], base[right % len(base)]
    bridge = doc(template, "bridge", "unused", duplicate_of=other.doc_id).model_copy(update={"page_id": one.page_id})
    second, _ = assign_splits([*base, bridge], ledger)
    leaks = leak_check([*base, bridge], second)
    assert bool(leaks) == (first[one.doc_id] != first[other.doc_id])
    assert {doc_id: second[doc_id] for doc_id in first} == first, "even a leak never moves a released document"


def test_groups_join_pages_and_near_duplicate_chains(template: Document) -> None:
    a = doc(template, "a", "p1")
    b = doc(template, "b", "p2", duplicate_of=a.doc_id)
    c = doc(template, "c", "p3", duplicate_of=b.doc_id)
    d = doc(template, "d", "p3")
    e = doc(template, "e", "p4")
    groups = document_groups([a, b, c, d, e])
    assert groups[a.doc_id] == groups[b.doc_id] == groups[c.doc_id] == groups[d.doc_id]
    assert groups[e.doc_id] == e.page_id


def test_copies_from_separate_ingest_runs_are_grouped_by_their_text(template: Document) -> None:
    """Groups followed `duplicate_of`, which links only the documents of one ingest run: a page ingested again in
    a later batch (a byte-identical copy, or one with a few words changed) was no one's duplicate and could land in
    another split than its original. Documents that share a similarity key (the same title and text, or a MinHash
    band) are one group; another text is not."""
    original = doc(template, "a", "p1")
    copy = doc(template, "b", "p2")
    words = template.text.split(" ")
    words[3], words[40] = words[40], words[3]
    edited = template.model_copy(
        update={"doc_id": f"doc_{'c' * 16}", "page_id": f"page_{'c' * 16}", "text": " ".join(words)}
    )
    other = disguised(doc(template, "d", "p4"), 7)
    keys = [DocumentKey.of(document) for document in (original, copy, edited, other)]
    groups = document_groups(keys)
    pages = (original.page_id, copy.page_id, edited.page_id)
    assert groups[original.doc_id] == groups[copy.doc_id] == groups[edited.doc_id] == min(pages)
    assert groups[other.doc_id] == other.page_id
    # Without the keys, as `Document`s carry none, the copies were three groups.
    assert len(set(document_groups([original, copy, edited, other]).values())) == 4


def test_hashed_split_follows_the_ratios() -> None:
    counts = {split: 0 for split in SPLITS}
    for number in range(20_000):
        counts[hashed_split(f"group{number}", SALT)] += 1
    assert counts["train"] / 20_000 == pytest.approx(0.8, abs=0.01)
    assert counts["validation"] / 20_000 == pytest.approx(0.1, abs=0.01)
    assert hashed_split("group1", SALT) == hashed_split("group1", SALT)
    # Another salt (another dataset) splits the same groups differently.
    assert [hashed_split(f"group{n}", "other") for n in range(200)] != [
        hashed_split(f"group{n}", SALT) for n in range(200)
    ]


def released_splits(release_dir: Path) -> dict[str, tuple[str, str]]:
    """doc_id to (split, group_id) as the released Parquet files say."""
    found = {}
    for path in sorted((release_dir / "documents").glob("*.parquet")):
        split = path.name.split("-")[0]
        for row in pq.read_table(path, columns=["doc_id", "group_id"]).to_pylist():
            found[row["doc_id"]] = (split, row["group_id"])
    return found


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pages=base_pages, steps=growth)
def test_released_versions_keep_every_row_in_its_split(
    template: Document, pages: list[int], steps: list[tuple[str, int]]
) -> None:
    """The same property through two real releases (Parquet, card, git tags), not just the split functions."""
    base, added = build(template, pages, steps)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        out = root / "release"
        ledger = write_ledger(root / "annotations", [])
        for version, documents in (("1.0.0", base), ("1.1.0", base + added)):
            path = write_documents(root / f"{version}.jsonl", documents)
            options = ReleaseOptions(path, ledger, out, version=version, salt=SALT)
            if version == "1.0.0":
                make_release(options)
                before = released_splits(out)
            elif added:
                make_release(options)
        after = released_splits(out)
    assert {doc_id: after[doc_id] for doc_id in before} == before
    group_splits: dict[str, set[str]] = {}
    for split, group in after.values():
        group_splits.setdefault(group, set()).add(split)
    assert all(len(splits) == 1 for splits in group_splits.values())


def test_a_damaged_split_ledger_is_refused_naming_the_file_and_the_field(template: Document, tmp_path: Path) -> None:
    """splits.json was read as a plain dict: a ledger edited or damaged by hand (a field missing, an entry of the
    wrong type) ended `builder release` with a KeyError or TypeError traceback, and bad JSON was refused without
    the file's name; each is now a refusal naming the ledger, the field and how to restore it."""
    documents = [doc(template, "a", "p"), doc(template, "b", "q")]
    release = tmp_path / "release"
    assert make_release(
        ReleaseOptions(
            documents=write_documents(tmp_path / "documents.jsonl", documents),
            annotations=None,
            out=release,
            version="1.0.0",
            include_machine_labels=True,
        )
    ).made
    ledger_path = release / "splits.json"
    written = json.loads(ledger_path.read_text(encoding="utf-8"))
    first = next(iter(written["documents"]))
    damaged = {
        "documents": ({**written, "documents": None}, "documents: Input should be a valid dictionary"),
        "entry": (
            {**written, "documents": {**written["documents"], first: ["test"]}},
            f"documents.{first}: Input should be a valid dictionary or instance of SplitAssignment",
        ),
        "salt": ({k: v for k, v in written.items() if k != "salt"}, "salt: Field required"),
    }
    for name, (ledger, said) in damaged.items():
        ledger_path.write_text(json.dumps(ledger), encoding="utf-8")
        with pytest.raises(ReleaseInputError) as refused:
            SplitLedger.load(release, SALT)
        assert str(refused.value).startswith(f"{ledger_path}: the split ledger of the release is damaged"), name
        assert str(refused.value).endswith(said), name

    ledger_path.write_text(json.dumps(written)[:-40], encoding="utf-8")
    result = run_builder(
        "release", "--documents", str(tmp_path / "documents.jsonl"), "--out", str(release), "--bump", "patch"
    )
    assert (result.returncode, "Traceback" in result.stderr) == (1, False), result.stderr
    assert f"{ledger_path}: the split ledger of the release is damaged" in " ".join(result.stderr.split())
    assert "bad JSON: " in result.stderr
