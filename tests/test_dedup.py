"""The compact duplicate index answers exactly as the plain algorithm it stores differently.

`DuplicateIndex` keeps 32-bit keys in key tables (a dict, sorted numpy arrays merged in bulk, a sorted run on
disk behind a bitmap) and the rest in a record file, so that its memory does not grow over a long run. The
reference below is the plain dict version of the same rules: exact duplicates by content hash first, then the
first earlier document (band order, then order seen) that shares a whole band and agrees on at least
`threshold` of the signature; every duplicate points at its cluster's root.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from pathlib import Path

import numpy as np
import pytest

from builder.enrich.unspaced import UNSPACED_LETTERS
from builder.ingest import dedup
from builder.ingest.dedup import DedupConfig, DuplicateIndex, Fingerprint, band_keys, signature
from builder.ingest.pipeline import mark_duplicate
from builder.records import Document
from tests.samples_support import sample_documents

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


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


def _tiny_tables(monkeypatch: pytest.MonkeyPatch, filter_bits: int) -> None:
    """Tiny sizes, so that within a test keys go from the dict to the arrays to runs on disk, runs are merged a
    few entries at a time, a key's entries span blocks and chunks, and records are read back from the file."""
    monkeypatch.setattr(dedup, "MERGE_EVERY", 7)
    monkeypatch.setattr(dedup, "SPILL_EVERY", 20)
    monkeypatch.setattr(dedup, "RUN_BLOCK_ENTRIES", 4)
    monkeypatch.setattr(dedup, "RUN_CHUNK_ENTRIES", 16)
    monkeypatch.setattr(dedup, "FLUSH_RECORDS", 16)
    monkeypatch.setattr(dedup, "EXACT_FILTER_BITS", filter_bits)
    monkeypatch.setattr(dedup, "BAND_FILTER_BITS", filter_bits)


# 64 bits: every bit soon set, so every lookup reads the runs; 2**20: most lookups are answered by the bitmap.
@pytest.mark.parametrize("filter_bits", [64, 1 << 20])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_compact_index_matches_the_reference(monkeypatch: pytest.MonkeyPatch, seed: int, filter_bits: int) -> None:
    _tiny_tables(monkeypatch, filter_bits)
    config = DedupConfig()
    compact, reference = DuplicateIndex(config), ReferenceIndex(config)
    answers = [(compact.check(seen), reference.check(seen)) for seen in _fingerprints(400, seed, config)]
    assert [mine for mine, _ in answers] == [theirs for _, theirs in answers]
    kinds = {kind for (_, kind), _ in answers}
    assert kinds == {None, "exact", "near"}


@pytest.mark.parametrize("filter_bits", [64, 1 << 20])
def test_key_table_returns_every_ordinal_in_the_order_added(monkeypatch: pytest.MonkeyPatch, filter_bits: int) -> None:
    # Few distinct keys, so that one key has many ordinals across the dict, the arrays, and blocks and chunks of
    # the run; the largest keys test the top of the 32-bit range.
    _tiny_tables(monkeypatch, filter_bits)
    generator = np.random.default_rng(4)
    choices = np.array([*range(40), (1 << 32) - 2, (1 << 32) - 1], dtype=np.uint32)
    table, expected = dedup._KeyTable(filter_bits), dict[int, list[int]]()
    for ordinal in range(600):
        key = int(generator.choice(choices))
        table.add(key, ordinal)
        expected.setdefault(key, []).append(ordinal)
        if ordinal % 37 == 0:
            probe = np.array([*choices, 1000, 77777], dtype=np.uint32)
            assert table.get_many(probe) == [expected.get(int(key), []) for key in probe]


def test_duplicates_of_duplicates_point_at_the_root(monkeypatch: pytest.MonkeyPatch) -> None:
    # The root is kept by ordinal in each record: follow it through a near copy of a near copy, and an exact copy
    # of a near copy, after all of them have gone to disk.
    _tiny_tables(monkeypatch, 64)
    config = DedupConfig()
    index = DuplicateIndex(config)
    generator = np.random.default_rng(5)
    original = generator.integers(0, 1 << 32, size=config.num_perm, dtype=np.uint32)
    near = original.copy()
    near[:20] += 1  # bands 0 and 1 differ from the original: 108 of 128 rows agree
    near_of_near = near.copy()
    near_of_near[28:48] += 1  # bands 2 and 3 differ from the near copy, and 88 rows agree with the original
    unrelated = [generator.integers(0, 1 << 32, size=config.num_perm, dtype=np.uint32) for _ in range(50)]

    def seen(doc_id: str, content: str, sig: np.ndarray) -> Fingerprint:
        return Fingerprint(doc_id, hashlib.sha256(content.encode()).hexdigest(), sig)

    assert index.check(seen("doc_a", "a", original)) == (None, None)
    assert index.check(seen("doc_b", "b", near)) == ("doc_a", "near")
    for number, sig in enumerate(unrelated):
        assert index.check(seen(f"doc_u{number}", f"u{number}", sig)) == (None, None)
    assert index.check(seen("doc_c", "c", near_of_near)) == ("doc_a", "near")
    assert index.check(seen("doc_d", "b", near)) == ("doc_a", "exact")
    assert index.check(seen("doc_e", "u7", unrelated[7])) == ("doc_u7", "exact")


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


def _reference_signature(text: str, config: DedupConfig) -> np.ndarray:
    """MinHash as first written: the words by regex (each letter of a script written without spaces a word), each
    gram's hash, the distinct grams, all permutations at once."""
    words = re.findall(
        rf"[{UNSPACED_LETTERS}]|[^\W{UNSPACED_LETTERS}]+", unicodedata.normalize("NFKC", text).casefold()
    )
    if not words:
        return np.full(config.num_perm, dedup.MAX_HASH, dtype=np.uint32)
    word_hashes = np.array([zlib.crc32(word.encode()) for word in words], dtype=np.uint32)
    width = min(config.shingle_words, len(words), len(dedup.SHINGLE_MIXERS))
    count = len(words) - width + 1
    combined = np.zeros(count, dtype=np.uint32)
    for position in range(width):
        combined ^= word_hashes[position : position + count] * dedup.SHINGLE_MIXERS[position]
    a, b = dedup._permutations(config.num_perm, config.seed)
    return (np.outer(np.unique(combined), a) + b).min(axis=0)


@pytest.mark.parametrize("config", [DedupConfig(), DedupConfig(num_perm=64, shingle_words=3, seed=7)])
def test_signature_equals_the_plain_minhash(config: DedupConfig) -> None:
    """The signature splits words without a regex, keeps repeated grams and hashes them in blocks (all faster);
    it must give the signatures the plain computation gives, on any text: non-ASCII letters, digits and
    punctuation, "_", no-break spaces, texts shorter than a shingle and longer than a block."""
    generator = np.random.default_rng(3)
    alphabet = [*"ab cXYZ_-.,’“”\u00a0\t\n١éßǅﬁ!", "word ", "Straße ", "e.g. "]
    texts = ["", "a", "a b", "__ -- ..", "ß" * 10, "١٢٣ abc٣", "x\x1cy\x85z", "word " * (dedup.SIGNATURE_ROWS + 9)]
    texts += [
        "莫斯科不会放弃在乌克兰的目标。NATO和EU表示，2025年",
        "ロシアはウクライナでの目標を放棄しない",
        "ภาษาไทย abc",
    ]
    texts += ["".join(generator.choice(alphabet, size=int(generator.integers(0, 400)))) for _ in range(300)]
    texts += [path.read_text(encoding="utf-8") for path in SAMPLES.glob("*.txt")]
    for text in texts:
        assert np.array_equal(signature(text, config), _reference_signature(text, config)), text[:80]


def test_chinese_articles_a_character_apart_are_near_duplicates() -> None:
    """Chinese is written without spaces: its words are its letters, so two copies of an article a character
    apart share most shingles, as two English copies a word apart do, and their signatures agree past the
    threshold (a clause was one word, one changed letter made it another, and the copies shared little)."""
    article = (
        "俄罗斯总统普京周四在电话中告诉美国总统特朗普，莫斯科不会放弃在乌克兰的目标。克里姆林宫表示，通话持续了近"
        "一个小时。乌克兰总统泽连斯基周四正在访问盟友丹麦。一名乌克兰高级官员告诉记者，特朗普和泽连斯基计划周五通话。"
    )
    config = DedupConfig()
    agreement = np.mean(signature(article, config) == signature(article.replace("周五", "周六"), config))
    assert agreement >= config.threshold


def test_a_cluster_of_many_copies_files_few_of_them_under_each_band(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every near copy was filed under each of its bands: 20,000 records of an export that differ by a number made
    each lookup read every copy before it, and took 42 s where 10,000 took 13 s. Past BAND_COPIES_FILED documents
    under a band, a copy is filed only under its bands no one else has; every copy still finds the cluster."""
    _tiny_tables(monkeypatch, 1 << 20)
    config = DedupConfig()
    index, reference = DuplicateIndex(config), ReferenceIndex(config)
    body = " ".join(f"word{number % 97} line{number % 13}" for number in range(300))
    copies = [
        Fingerprint(
            f"doc_{number:016x}",
            hashlib.sha256(f"{number}".encode()).hexdigest(),
            signature(f"{body} {number}", config),
        )
        for number in range(300)
    ]
    answers = [index.check(copy) for copy in copies]
    assert answers == [reference.check(copy) for copy in copies]
    assert answers[1:] == [("doc_0000000000000000", "near")] * 299
    filed = index._band_index.get_many(index._band_keys(copies[0].signature))
    assert max(len(ordinals) for ordinals in filed) <= dedup.BAND_COPIES_FILED
