"""`builder release --engine ray` gives the local engine's release: the same rows in every config and split
(loaded with the real `datasets.load_dataset`), the same splits ledger and counts, with the documents file cut
into several chunks so that the join of documents with splits, groups and claims runs across Ray tasks."""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import tests.ray_support  # noqa: F401  (first: skips the module without Ray)

# isort: split
import datasets
import pytest

from builder.records import Document
from builder.release.build import ReleaseOptions, make_release
from builder.release.inputs import ReleaseInputError
from builder.release.ray_engine import document_chunks
from tests.paths import REPO
from tests.release_support import grown, ingest_samples, panel_answers, write_documents, write_ledger

CHUNK_BYTES = 60_000
"""Small enough that the documents file gives several chunks (a sample document is about 10 KB)."""


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, list[Document]]:
    """Documents on 30 pages, a near-duplicate linking two pages (a group the split must keep together) and
    a ledger of several annotators' answers on the sample page."""
    tmp = tmp_path_factory.mktemp("ray-release")
    samples = ingest_samples(tmp / "ingest")
    documents = samples + [doc for page in range(30) for doc in grown(samples, page, 2)]
    documents += grown(samples, 99, 1, duplicate_of=documents[10].doc_id)
    ledger = write_ledger(tmp / "ledger", panel_answers(samples))
    return write_documents(tmp / "documents.jsonl", documents), ledger, documents


def _options(documents: Path, ledger: Path, out: Path, **changes: object) -> ReleaseOptions:
    options = ReleaseOptions(documents, ledger, out, version="1.0.0", include_machine_labels=True)
    return replace(options, **changes)


def _load(release: Path, config: str, cache: Path) -> dict[str, list[dict]]:
    loaded = datasets.load_dataset(str(release), config, cache_dir=str(cache))
    return {split: list(loaded[split]) for split in loaded}


def test_ray_release_equals_the_local_release(
    ray_address: str, inputs: tuple[Path, Path, list[Document]], tmp_path: Path
) -> None:
    documents, ledger, records = inputs
    assert len(document_chunks([documents], CHUNK_BYTES)) >= 4
    local = make_release(_options(documents, ledger, tmp_path / "local"))
    on_ray = make_release(
        _options(documents, ledger, tmp_path / "ray", engine="ray", ray_address=ray_address, chunk_bytes=CHUNK_BYTES)
    )
    assert local.made
    assert on_ray.made
    assert on_ray.counts == local.counts
    assert on_ray.machine_labels == local.machine_labels > 0
    assert sum(local.counts["documents"].values()) == len(records)
    for config in local.counts:
        assert _load(tmp_path / "ray", config, tmp_path / "cache-ray") == _load(
            tmp_path / "local", config, tmp_path / "cache-local"
        ), config
    for name in ("splits.json", "agreement.json"):
        assert (tmp_path / "ray" / name).read_text() == (tmp_path / "local" / name).read_text()
    parts = sorted(path.name for path in (tmp_path / "ray" / "documents").glob("train-*.parquet"))
    assert len(parts) > 1, "the documents were written by several tasks"
    assert parts[0] == f"train-00000-of-{len(parts):05d}.parquet"
    assert not list((tmp_path / "ray").glob(".parts-*")), "the staging folder is removed"


def test_an_invalid_document_is_reported_with_its_file_and_line(
    ray_address: str, inputs: tuple[Path, Path, list[Document]], tmp_path: Path
) -> None:
    documents, ledger, _ = inputs
    lines = documents.read_text(encoding="utf-8").splitlines()
    broken = json.loads(lines[20])
    del broken["text"]
    lines[20] = json.dumps(broken)
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "release"
    options = _options(bad, ledger, out, engine="ray", ray_address=ray_address, chunk_bytes=CHUNK_BYTES)
    # One line naming the field, as `builder validate` does, not pydantic's dump of the whole input.
    with pytest.raises(ReleaseInputError, match=r"^\S*bad\.jsonl:21: not a valid document: text: Field required$"):
        make_release(options)
    assert not (out / "documents").exists(), "nothing is written before every document is valid"


def test_a_gzipped_documents_file_cut_short_is_reported_with_its_file_and_line(
    ray_address: str, inputs: tuple[Path, Path, list[Document]], tmp_path: Path
) -> None:
    """A compressed file is one chunk read whole in a Ray task: the reader's InputError at the cut escaped the
    task's catch and ended the release in a Ray traceback; it is now the release's refusal, naming the line."""
    documents, ledger, _ = inputs
    cut = tmp_path / "documents.jsonl.gz"
    cut.write_bytes(gzip.compress(documents.read_bytes())[:-30])
    out = tmp_path / "release"
    options = _options(cut, ledger, out, engine="ray", ray_address=ray_address, chunk_bytes=CHUNK_BYTES)
    with pytest.raises(ReleaseInputError, match=r"^\S*documents\.jsonl\.gz:\d+: the gzip data ends or breaks here"):
        make_release(options)
    assert not (out / "documents").exists(), "nothing is written before every document is read"


def test_cli_releases_the_shards_of_a_ray_ingest_folder(
    ray_address: str, inputs: tuple[Path, Path, list[Document]], tmp_path: Path
) -> None:
    documents, ledger, records = inputs
    folder = tmp_path / "ingested"
    folder.mkdir()
    lines = documents.read_text(encoding="utf-8").splitlines(keepends=True)
    for shard, start in enumerate(range(0, len(lines), 25)):
        (folder / f"documents-{shard:05d}.jsonl").write_text("".join(lines[start : start + 25]), encoding="utf-8")
    out = tmp_path / "release"
    made = subprocess.run(
        [
            *(sys.executable, "-m", "builder.cli", "release", "--documents", str(folder), "--annotations", str(ledger)),
            *("--out", str(out), "--version", "1.0.0", "--engine", "ray", "--ray-address", ray_address),
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert made.returncode == 0, made.stderr
    assert f'datasets.load_dataset("{out}", "documents")' in made.stdout
    manifest = json.loads((out / "MANIFEST.json").read_text(encoding="utf-8"))
    assert manifest["documents"] == len(records)
    shards = [Path(entry["path"]).name for entry in manifest["inputs"]][:2]
    assert shards == ["documents-00000.jsonl", "documents-00001.jsonl"]
