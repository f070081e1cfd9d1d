"""Duplicates across a whole run: exact (same normalised title and text) and near (MinHash LSH on word
shingles). Nothing is dropped: a duplicate keeps its record and points at the first copy with `duplicate_of`.

MinHash is written here with numpy rather than taken from datasketch because the hashes must be stable
across processes and machines (workers and Ray partitions compare signatures), and because the band keys
are needed as plain values to group by when the run is split across partitions.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from dataclasses import dataclass
from functools import cache
from typing import Any

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
SIGNATURE_CHUNK_ROWS = 1 << 14


class _SortedMultimap:
    """Fixed-width key → the ordinals added under it, in the order added, in two flat numpy arrays.

    A dict of Python objects costs a few hundred bytes per entry; this costs the key and four bytes. The
    latest additions wait in a small dict and are merged into the sorted arrays in bulk, in linear time.
    """

    def __init__(self, dtype: str) -> None:
        self._keys = np.empty(0, dtype=dtype)
        self._ordinals = np.empty(0, dtype=np.uint32)
        self._recent: dict[Any, list[int]] = {}
        self._recent_count = 0

    def get(self, key: Any) -> list[int]:
        # Convert the key once, explicitly: searching with a Python bytes key measured 240 µs a lookup, this 5 µs.
        probe = np.array(key, dtype=self._keys.dtype)
        start, end = self._keys.searchsorted(probe, "left"), self._keys.searchsorted(probe, "right")
        return self._ordinals[start:end].tolist() + self._recent.get(key, [])

    def add(self, key: Any, ordinal: int) -> None:
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


class DuplicateIndex:
    """What the run has seen so far; `check` answers which earlier document a new one duplicates.

    Held compactly because it grows with every document of the run: each document kept for comparison gets an
    ordinal, its signature sits in a chunked uint32 array, and content hashes and bands are fixed-width keys in
    sorted arrays (about 0.7 KB a document instead of 3 KB as Python dicts and bytes). A content hash is keyed by
    its 32-byte sha256, so two keys are equal only when the hashes are. A band is keyed by a 64-bit fold of its
    rows and every hit is checked against the stored rows, so the answers are exactly those of comparing the
    band bytes themselves.
    """

    def __init__(self, config: DedupConfig | None = None) -> None:
        self.config = config or DedupConfig()
        self._bands, self._rows = lsh_bands(self.config.threshold, self.config.num_perm)
        # Odd 64-bit multipliers that fold a band's rows into one integer key (uint64 arithmetic wraps).
        generator = np.random.RandomState(self.config.seed)
        self._mixers = generator.randint(1, 1 << 62, size=self._rows, dtype=np.int64).astype(np.uint64) | np.uint64(1)
        self._exact = _SortedMultimap("S32")
        self._band_index = _SortedMultimap("uint64")
        self._doc_ids: list[str] = []
        self._signature_chunks: list[np.ndarray] = []
        self._roots: dict[str, str] = {}

    def check(self, seen: Fingerprint) -> tuple[str | None, str | None]:
        """Record the document; return (`duplicate_of`, kind `exact`/`near`), or (None, None) when it is new.

        Duplicates point at the first document of their cluster, so a chain of near-duplicates is one star.
        """
        content_key = hashlib.sha256(seen.content_hash.encode()).digest()
        earlier = self._exact.get(content_key)
        if earlier and self._doc_ids[earlier[0]] != seen.doc_id:
            first = self._doc_ids[earlier[0]]
            return self._roots.get(first, first), "exact"
        keys = self._band_keys(seen.signature)
        match = self._near_match(seen.signature, keys)
        ordinal = self._store(seen)
        if not earlier:
            self._exact.add(content_key, ordinal)
        for key in keys:
            self._band_index.add(key, ordinal)
        if match is None:
            return None, None
        root = self._roots.get(match, match)
        self._roots[seen.doc_id] = root
        return root, "near"

    def _band_keys(self, sig: np.ndarray) -> list[int]:
        rows = sig[: self._bands * self._rows].reshape(self._bands, self._rows).astype(np.uint64)
        folded = (rows * self._mixers).sum(axis=1, dtype=np.uint64)
        return (folded ^ np.arange(self._bands, dtype=np.uint64)).tolist()

    def _store(self, seen: Fingerprint) -> int:
        ordinal = len(self._doc_ids)
        self._doc_ids.append(seen.doc_id)
        if ordinal % SIGNATURE_CHUNK_ROWS == 0:
            self._signature_chunks.append(np.empty((SIGNATURE_CHUNK_ROWS, self.config.num_perm), dtype=np.uint32))
        self._signature_chunks[-1][ordinal % SIGNATURE_CHUNK_ROWS] = seen.signature
        return ordinal

    def _signature(self, ordinal: int) -> np.ndarray:
        return self._signature_chunks[ordinal // SIGNATURE_CHUNK_ROWS][ordinal % SIGNATURE_CHUNK_ROWS]

    def _near_match(self, sig: np.ndarray, keys: list[int]) -> str | None:
        """The first earlier document, in band order then in the order seen, that shares a band (all its rows)
        and agrees on at least `threshold` of the signature."""
        tried: set[str] = set()
        for band, key in enumerate(keys):
            rows = slice(band * self._rows, (band + 1) * self._rows)
            for ordinal in self._band_index.get(key):
                stored = self._signature(ordinal)
                candidate = self._doc_ids[ordinal]
                if candidate in tried or not np.array_equal(stored[rows], sig[rows]):
                    continue
                tried.add(candidate)
                if float(np.mean(stored == sig)) >= self.config.threshold:
                    return candidate
        return None
