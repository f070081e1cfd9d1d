"""The compact duplicate index answers exactly as the plain algorithm it stores differently.

`DuplicateIndex` keeps 64-bit keys in sorted numpy arrays merged in bulk and the rest in a record file, to stay
small over a long run. The reference below is the plain dict version of the same rules: exact duplicates by
content hash first, then the first earlier document (band order, then order seen) that shares a whole band and
agrees on at least `threshold` of the signature; every duplicate points at its cluster's root.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

from builder.ingest import dedup
from builder.ingest.dedup import DedupConfig, DuplicateIndex, Fingerprint, band_keys, signature
from builder.ingest.pipeline import mark_duplicate
from builder.records import Document
from tests.samples_support import sample_documents


class ReferenceIndex:
    def __init__(self, config: DedupConfig) -> None:
        self.config = config
        self.exact: dict[str, str] = {}
        self.bands: dict[bytes, list[str]] = {}
        self.signatures: dict[str, np.ndarray] = {}
        self.roots: dict[str, str] = {}

    def check(self, seen: Fingerprint) -> tuple[str | None, str | None]:
        first = self.exact.setdefault(seen.content_hash, seen.doc_id)
        if first != seen.doc_id:
            return self.roots.get(first, first), "exact"
        keys = band_keys(seen.signature, self.config)
        candidates = dict.fromkeys(candidate for key in keys for candidate in self.bands.get(key, ()))
        match = next(
            (c for c in candidates if np.mean(self.signatures[c] == seen.signature) >= self.config.threshold), None
        )
        for key in keys:
            self.bands.setdefault(key, []).append(seen.doc_id)
        self.signatures[seen.doc_id] = seen.signature
        if match is None:
            return None, None
        root = self.roots.get(match, match)
        self.roots[seen.doc_id] = root
        return root, "near"


def _fingerprints(count: int, seed: int, config: DedupConfig) -> list[Fingerprint]:
    """Random documents with exact copies and near copies (a few words changed) mixed in."""
    generator = np.random.default_rng(seed)
    vocabulary = [f"word{index}" for index in range(400)]
    texts: list[str] = []
    for _ in range(count):
        roll = generator.random()
        if texts and roll < 0.15:
            texts.append(texts[int(generator.integers(len(texts)))])
        elif texts and roll < 0.45:
            words = texts[int(generator.integers(len(texts)))].split()
            for _ in range(int(generator.integers(1, 4))):
                words[int(generator.integers(len(words)))] = str(generator.choice(vocabulary))
            texts.append(" ".join(words))
        else:
            texts.append(" ".join(generator.choice(vocabulary, size=int(generator.integers(60, 120)))))
    return [
        Fingerprint(f"doc_{index:016x}", hashlib.sha256(text.encode()).hexdigest(), signature(text, config))
        for index, text in enumerate(texts)
    ]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_compact_index_matches_the_reference(monkeypatch: pytest.MonkeyPatch, seed: int) -> None:
    # Tiny merge and flush sizes, so that bulk merges and reads from the record file happen within the test.
    monkeypatch.setattr(dedup, "MERGE_EVERY", 7)
    monkeypatch.setattr(dedup, "FLUSH_RECORDS", 16)
    config = DedupConfig()
    compact, reference = DuplicateIndex(config), ReferenceIndex(config)
    answers = [(compact.check(seen), reference.check(seen)) for seen in _fingerprints(400, seed, config)]
    assert [mine for mine, _ in answers] == [theirs for _, theirs in answers]
    kinds = {kind for (_, kind), _ in answers}
    assert kinds == {None, "exact", "near"}


def test_marking_a_duplicate_on_its_json_line_equals_setting_the_field(tmp_path: Path) -> None:
    # A title with the very key in it: inside a JSON string its quotes are escaped, so the mark cannot land there.
    first, second = sample_documents(tmp_path)[:2]
    document = second.model_copy(update={"title": 'He said "duplicate_of":null twice'})
    root = first.doc_id
    marked = mark_duplicate(document.model_dump_json(), root)
    assert Document.model_validate_json(marked) == document.model_copy(update={"duplicate_of": root})
    assert marked == document.model_copy(update={"duplicate_of": root}).model_dump_json()
    with pytest.raises(ValueError, match="not a document line without duplicate_of"):
        mark_duplicate(marked, root)
