"""Duplicates across a whole run: exact (same normalised title and text) and near (MinHash LSH on word
shingles). Nothing is dropped: a duplicate keeps its record and points at the first copy with `duplicate_of`.

MinHash is written here with numpy rather than taken from datasketch because the hashes must be stable
across processes and machines (workers and Ray partitions compare signatures), and because the band keys
are needed as plain values to group by when the run is split across partitions.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
import unicodedata
import zlib
from dataclasses import dataclass
from functools import cache

import numpy as np

MAX_HASH = np.uint32((1 << 32) - 1)
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class DedupConfig:
    threshold: float = 0.8
    """Jaccard similarity of word shingles at or above which two documents are near-duplicates."""
    num_perm: int = 128
    shingle_words: int = 5
    seed: int = 1


@cache
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Multiply-add hash functions modulo 2**32 (odd multipliers): uint32 arithmetic wraps, so no division."""
    generator = np.random.RandomState(seed)
    a = generator.randint(0, 1 << 31, size=num_perm, dtype=np.uint64).astype(np.uint32) * 2 + 1
    b = generator.randint(0, 1 << 32, size=num_perm, dtype=np.uint64).astype(np.uint32)
    return a, b


@cache
def lsh_bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows) minimising the false positive and negative areas around the threshold, as datasketch does."""
    best, best_error = (1, num_perm), float("inf")
    grid = np.linspace(0.0, 1.0, 201)
    for bands in range(1, num_perm + 1):
        rows = num_perm // bands
        probability = 1 - (1 - grid**rows) ** bands
        false_positive = np.trapezoid(probability[grid < threshold], grid[grid < threshold])
        false_negative = np.trapezoid(1 - probability[grid >= threshold], grid[grid >= threshold])
        if false_positive + false_negative < best_error:
            best, best_error = (bands, rows), false_positive + false_negative
    return best


SHINGLE_MIXERS = np.array(
    [0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D, 0x27D4EB2F, 0x165667B1, 0xD3A2646C, 0xFD7046C5, 0xB55A4F09], dtype=np.uint32
)
"""Odd multipliers that mix a shingle's word hashes position by position (so "a b" and "b a" differ)."""


def shingle_hashes(text: str, size: int) -> np.ndarray:
    """32-bit hashes of the distinct word `size`-grams of the normalised text (one gram for shorter texts).

    Each word is hashed once (crc32) and the grams are combined with numpy, instead of joining and hashing
    every gram as a string: that was most of the cost of deduplication.
    """
    words = WORD.findall(unicodedata.normalize("NFKC", text).casefold())
    if not words:
        return np.empty(0, dtype=np.uint32)
    word_hashes = np.fromiter(map(zlib.crc32, map(str.encode, words)), dtype=np.uint32, count=len(words))
    width = min(size, len(words), len(SHINGLE_MIXERS))
    count = len(words) - width + 1
    combined = np.zeros(count, dtype=np.uint32)
    for position in range(width):
        combined ^= word_hashes[position : position + count] * SHINGLE_MIXERS[position]
    return np.unique(combined)


def signature(text: str, config: DedupConfig) -> np.ndarray:
    """The MinHash signature of the text's word shingles (stable: crc32 and a seeded permutation family)."""
    hashed = shingle_hashes(text, config.shingle_words)
    a, b = _permutations(config.num_perm, config.seed)
    if hashed.size == 0:
        return np.full(config.num_perm, MAX_HASH, dtype=np.uint32)
    return (np.outer(hashed, a) + b).min(axis=0)


def band_keys(sig: np.ndarray, config: DedupConfig) -> list[bytes]:
    bands, rows = lsh_bands(config.threshold, config.num_perm)
    return [bytes([band]) + sig[band * rows : (band + 1) * rows].tobytes() for band in range(bands)]


@dataclass(frozen=True)
class Fingerprint:
    """What deduplication needs of a document, computed where the document is built (in a worker), so the
    run-wide index only compares."""

    doc_id: str
    content_hash: str
    signature: np.ndarray


def fingerprint(doc_id: str, content_hash: str, text: str, config: DedupConfig) -> Fingerprint:
    return Fingerprint(doc_id, content_hash, signature(text, config))


MERGE_EVERY = 1 << 16
FLUSH_RECORDS = 1 << 12
DIGEST_BYTES = 32
DOC_ID_BYTES = 64
"""A record's doc id field: a length byte and up to 63 bytes of UTF-8 (document ids are 20 characters)."""


class _SortedMultimap:
    """32-bit key → the ordinals added under it, in the order added, in two flat numpy arrays.

    A dict of Python objects costs a few hundred bytes per entry; this costs the key and four bytes. The
    latest additions wait in a small dict and are merged into the sorted arrays in bulk, in linear time.
    """

    def __init__(self) -> None:
        self._keys = np.empty(0, dtype=np.uint32)
        self._ordinals = np.empty(0, dtype=np.uint32)
        self._recent: dict[int, list[int]] = {}
        self._recent_count = 0

    def get_many(self, keys: np.ndarray) -> list[list[int]]:
        """The ordinals under each key: one vectorised search for all of a document's keys, since a search per
        key (numpy's call overhead) was most of the index's time."""
        starts, ends = self._keys.searchsorted(keys, "left"), self._keys.searchsorted(keys, "right")
        found: list[list[int]] = []
        for key, start, end in zip(keys.tolist(), starts.tolist(), ends.tolist(), strict=True):
            merged = self._ordinals[start:end].tolist() if end > start else []
            found.append(merged + self._recent[key] if key in self._recent else merged)
        return found

    def add(self, key: int, ordinal: int) -> None:
        self._recent.setdefault(key, []).append(ordinal)
        self._recent_count += 1
        if self._recent_count >= MERGE_EVERY:
            self._merge()

    def _merge(self) -> None:
        pairs = [(key, ordinal) for key, ordinals in self._recent.items() for ordinal in ordinals]
        keys = np.array([key for key, _ in pairs], dtype=self._keys.dtype)
        ordinals = np.array([ordinal for _, ordinal in pairs], dtype=np.uint32)
        order = np.lexsort((ordinals, keys))
        keys, ordinals = keys[order], ordinals[order]
        # Every new ordinal is above every merged one: inserting after equal keys keeps each key's ordinals sorted.
        at = np.searchsorted(self._keys, keys, "right")
        self._keys, self._ordinals = np.insert(self._keys, at, keys), np.insert(self._ordinals, at, ordinals)
        self._recent, self._recent_count = {}, 0


class _RecordFile:
    """Fixed-size records by ordinal in an unnamed temporary file, appended in buffered blocks and read back
    with `os.pread`. What is read back (a signature, a content digest, a doc id) is needed only when a key
    matches, which is rare; kept on disk, it lives in the operating system's page cache instead of the process,
    so the index's own memory is a few keys per document."""

    def __init__(self, record_size: int) -> None:
        # Unlinked as it is created: gone when the index is, however the run ends; no `with` can span a run.
        self._file = tempfile.TemporaryFile(prefix="builder-dedup-")  # noqa: SIM115
        self._size = record_size
        self._buffer = bytearray()
        self._flushed = 0
        self.count = 0

    def append(self, record: bytes) -> int:
        self._buffer += record
        self.count += 1
        if self.count - self._flushed >= FLUSH_RECORDS:
            self._file.write(self._buffer)
            self._file.flush()
            self._buffer.clear()
            self._flushed = self.count
        return self.count - 1

    def read(self, ordinal: int) -> bytes:
        if ordinal >= self._flushed:
            start = (ordinal - self._flushed) * self._size
            return bytes(self._buffer[start : start + self._size])
        return os.pread(self._file.fileno(), self._size, ordinal * self._size)


class DuplicateIndex:
    """What the run has seen so far; `check` answers which earlier document a new one duplicates.

    Held compactly because it grows with every document of the run. Each document kept for comparison gets an
    ordinal; its content digest, signature and doc id go to a record file on disk (`_RecordFile`), and memory
    keeps only 32-bit keys with 32-bit ordinals in sorted arrays: one for the content hash and one per band, 80
    bytes a document where Python dicts of bytes took 3 KB. Keys are folds, so every hit is checked against the
    stored record: the answers are exactly those of comparing the content hashes and band rows themselves. At
    32 bits a key shared by chance costs one extra read of a record now and then (one document in a hundred at
    four million keys), which is cheaper than the memory twice as wide keys would hold for the whole run.
    """

    def __init__(self, config: DedupConfig | None = None) -> None:
        self.config = config or DedupConfig()
        self._bands, self._rows = lsh_bands(self.config.threshold, self.config.num_perm)
        # Odd 64-bit multipliers that fold a band's rows into one integer key (uint64 arithmetic wraps).
        generator = np.random.RandomState(self.config.seed)
        self._mixers = generator.randint(1, 1 << 62, size=self._rows, dtype=np.int64).astype(np.uint64) | np.uint64(1)
        self._exact = _SortedMultimap()
        self._band_index = _SortedMultimap()
        self._signature_bytes = self.config.num_perm * 4
        self._records = _RecordFile(DIGEST_BYTES + self._signature_bytes + DOC_ID_BYTES)
        self._roots: dict[str, str] = {}

    def check(self, seen: Fingerprint) -> tuple[str | None, str | None]:
        """Record the document; return (`duplicate_of`, kind `exact`/`near`), or (None, None) when it is new.

        Duplicates point at the first document of their cluster, so a chain of near-duplicates is one star.
        """
        digest = hashlib.sha256(seen.content_hash.encode()).digest()
        content_key = int.from_bytes(digest[:4], "little")
        same_key = self._exact.get_many(np.array([content_key], dtype=np.uint32))[0]
        earlier = next((ordinal for ordinal in same_key if self._digest(ordinal) == digest), None)
        if earlier is not None and (first := self._doc_id(earlier)) != seen.doc_id:
            return self._roots.get(first, first), "exact"
        keys = self._band_keys(seen.signature)
        match = self._near_match(seen.signature, keys)
        ordinal = self._store(seen, digest)
        if earlier is None:
            self._exact.add(content_key, ordinal)
        for key in keys.tolist():
            self._band_index.add(key, ordinal)
        if match is None:
            return None, None
        root = self._roots.get(match, match)
        self._roots[seen.doc_id] = root
        return root, "near"

    def _band_keys(self, sig: np.ndarray) -> np.ndarray:
        rows = sig[: self._bands * self._rows].reshape(self._bands, self._rows).astype(np.uint64)
        folded = (rows * self._mixers).sum(axis=1, dtype=np.uint64)
        # The high half: a multiplicative fold mixes its high bits best.
        return (folded >> np.uint64(32)).astype(np.uint32) ^ np.arange(self._bands, dtype=np.uint32)

    def _store(self, seen: Fingerprint, digest: bytes) -> int:
        doc_id = seen.doc_id.encode()
        if len(doc_id) >= DOC_ID_BYTES:
            raise ValueError(f"doc id longer than {DOC_ID_BYTES - 1} bytes: {seen.doc_id[:80]}")
        padded = bytes([len(doc_id)]) + doc_id.ljust(DOC_ID_BYTES - 1, b"\0")
        return self._records.append(digest + seen.signature.astype(np.uint32).tobytes() + padded)

    def _digest(self, ordinal: int) -> bytes:
        return self._records.read(ordinal)[:DIGEST_BYTES]

    def _signature(self, ordinal: int) -> np.ndarray:
        record = self._records.read(ordinal)
        return np.frombuffer(record, dtype=np.uint32, count=self.config.num_perm, offset=DIGEST_BYTES)

    def _doc_id(self, ordinal: int) -> str:
        field = self._records.read(ordinal)[DIGEST_BYTES + self._signature_bytes :]
        return field[1 : 1 + field[0]].decode()

    def _near_match(self, sig: np.ndarray, keys: np.ndarray) -> str | None:
        """The first earlier document, in band order then in the order seen, that shares a band (all its rows)
        and agrees on at least `threshold` of the signature."""
        tried: set[str] = set()
        for band, ordinals in enumerate(self._band_index.get_many(keys)):
            rows = slice(band * self._rows, (band + 1) * self._rows)
            for ordinal in ordinals:
                stored = self._signature(ordinal)
                if not np.array_equal(stored[rows], sig[rows]):
                    continue
                candidate = self._doc_id(ordinal)
                if candidate in tried:
                    continue
                tried.add(candidate)
                if float(np.mean(stored == sig)) >= self.config.threshold:
                    return candidate
        return None
