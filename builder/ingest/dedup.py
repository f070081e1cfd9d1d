"""Duplicates across a whole run: exact (same normalised title and text) and near (MinHash LSH on word
shingles). Nothing is dropped: a duplicate keeps its record and points at the first copy with `duplicate_of`.

MinHash is written here with numpy rather than taken from datasketch because the hashes must be stable
across processes and machines (workers and Ray partitions compare signatures), and because the band keys
are needed as plain values to group by when the run is split across partitions.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from dataclasses import dataclass, field
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


@dataclass
class DuplicateIndex:
    """What the run has seen so far; `check` answers which earlier document a new one duplicates."""

    config: DedupConfig = field(default_factory=DedupConfig)
    _exact: dict[str, str] = field(default_factory=dict)
    _bands: dict[bytes, list[str]] = field(default_factory=dict)
    _signatures: dict[str, np.ndarray] = field(default_factory=dict)
    _roots: dict[str, str] = field(default_factory=dict)

    def check(self, seen: Fingerprint) -> tuple[str | None, str | None]:
        """Record the document; return (`duplicate_of`, kind `exact`/`near`), or (None, None) when it is new.

        Duplicates point at the first document of their cluster, so a chain of near-duplicates is one star.
        """
        first = self._exact.setdefault(seen.content_hash, seen.doc_id)
        if first != seen.doc_id:
            return self._roots.get(first, first), "exact"
        keys = band_keys(seen.signature, self.config)
        match = self._near_match(seen.signature, keys)
        for key in keys:
            self._bands.setdefault(key, []).append(seen.doc_id)
        self._signatures[seen.doc_id] = seen.signature
        if match is None:
            return None, None
        root = self._roots.get(match, match)
        self._roots[seen.doc_id] = root
        return root, "near"

    def _near_match(self, sig: np.ndarray, keys: list[bytes]) -> str | None:
        candidates = dict.fromkeys(candidate for key in keys for candidate in self._bands.get(key, ()))
        for candidate in candidates:
            if float(np.mean(self._signatures[candidate] == sig)) >= self.config.threshold:
                return candidate
        return None
