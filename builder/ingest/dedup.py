"""Duplicates across a whole run: exact (same normalised title and text) and near (MinHash LSH on word
shingles). Nothing is dropped: a duplicate keeps its record and points at the first copy with `duplicate_of`.

MinHash is written here with numpy rather than taken from datasketch because the hashes must be stable
across processes and machines (workers and Ray partitions compare signatures), and because the band keys
are needed as plain values to group by when the run is split across partitions.
"""

from __future__ import annotations

import bisect
import hashlib
import os
import re
import tempfile
import threading
import zlib
from array import array
from dataclasses import dataclass
from functools import cache

import numpy as np

from builder.enrich.unspaced import UNSPACED_CHARACTER
from builder.ingest.ids import content_hash, folded

MAX_HASH = np.uint32((1 << 32) - 1)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ASCII_WORD_BYTES = bytes(
    byte if chr(byte).isalnum() or byte == ord("_") or byte >= 0x80 else 0x20 for byte in range(256)
)
"""Every ASCII byte that is not a word character (`\\w`: alphanumeric or "_") as a space; UTF-8 lead and
continuation bytes (0x80 and up) left as they are."""
SIGNATURE_ROWS = 512
"""Shingles hashed by all the permutations at a time: bounds the scratch matrix at 256 KB (128 permutations), so
that it and the tiled permutations (`_permutation_rows`) stay in a core's cache; blocks of 2048 took a fifth
longer on long articles."""


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
def _permutation_rows(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The permutations' multipliers and addends, each repeated on `SIGNATURE_ROWS` rows (read-only, 256 KB each
    for 128 permutations, shared by every thread): a block of shingles then meets them as operands of its shape."""
    a, b = _permutations(num_perm, seed)
    multipliers, addends = np.tile(a, (SIGNATURE_ROWS, 1)), np.tile(b, (SIGNATURE_ROWS, 1))
    multipliers.flags.writeable = addends.flags.writeable = False
    return multipliers, addends


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


def words(text: str) -> list[bytes]:
    """The UTF-8 bytes of the words of the normalised text: the runs of word characters (`\\w`, which is
    `str.isalnum` or "_") of its NFKC case-folded form (`folded`, which the content hash has usually just made),
    and each letter of the scripts written without spaces (`UNSPACED_CHARACTER`) on its own.

    Not `re.findall(r"\\w+")`: a regex match per word was the largest cost of a signature. The few non-ASCII
    characters that are not word characters (curly quotes, dashes, no-break spaces) become spaces by
    `str.replace`, the ASCII ones by one `bytes.translate`, and `bytes.split` cuts the rest into the same words,
    already encoded for crc32.
    """
    normalised = folded(text)
    if not normalised.isascii():
        if UNSPACED_CHARACTER.search(normalised):
            # Chinese, Japanese or Thai: no spaces between words, so each letter is a word, and a shingle of
            # five of them about two words; a run between punctuation marks, a whole clause, was one word, and
            # a clause changed by one letter shared nothing with its copy.
            normalised = UNSPACED_CHARACTER.sub(r" \g<0> ", normalised)
        for char in set(_NON_ASCII.findall(normalised)):
            if not char.isalnum():
                normalised = normalised.replace(char, " ")
    return normalised.encode().translate(_ASCII_WORD_BYTES).split()


def shingle_hashes(text: str, size: int) -> np.ndarray:
    """32-bit hashes of the word `size`-grams of the normalised text (one gram for shorter texts), in text order
    and not deduplicated: a repeated gram changes no minimum, so the signature need not pay for `np.unique`.

    Each word is hashed once (crc32) and the grams are combined with numpy, instead of joining and hashing
    every gram as a string: that was most of the cost of deduplication.
    """
    found = words(text)
    if not found:
        return np.empty(0, dtype=np.uint32)
    # A list of Python ints becomes an array of C unsigned ints (32 bits) three times faster by `array` than by
    # numpy's conversion, and `np.fromiter` over the map is slower still.
    word_hashes = np.frombuffer(array("I", list(map(zlib.crc32, found))), dtype=np.uintc)
    width = min(size, len(found), len(SHINGLE_MIXERS))
    count = len(found) - width + 1
    combined = word_hashes[:count] * SHINGLE_MIXERS[0]
    for position in range(1, width):
        combined ^= word_hashes[position : position + count] * SHINGLE_MIXERS[position]
    return combined


class _Scratch(threading.local):
    """A thread's matrix for hashing a block of shingles by every permutation, kept between documents: taking a
    new one for every document cost about as much as the arithmetic done in it."""

    matrix: np.ndarray | None = None


_SCRATCH = _Scratch()


def signature(text: str, config: DedupConfig) -> np.ndarray:
    """The MinHash signature of the text's word shingles (stable: crc32 and a seeded permutation family)."""
    hashed = shingle_hashes(text, config.shingle_words)
    if hashed.size == 0:
        return np.full(config.num_perm, MAX_HASH, dtype=np.uint32)
    multipliers, addends = _permutation_rows(config.num_perm, config.seed)
    matrix = _SCRATCH.matrix
    if matrix is None or matrix.shape[1] != config.num_perm:
        matrix = _SCRATCH.matrix = np.empty((SIGNATURE_ROWS, config.num_perm), dtype=np.uint32)
    result = np.full(config.num_perm, MAX_HASH, dtype=np.uint32)
    for start in range(0, hashed.size, SIGNATURE_ROWS):
        block = hashed[start : start + SIGNATURE_ROWS]
        rows = matrix[: block.size]
        # rows[i, p] = block[i] * a[p] + b[p] (mod 2**32), as `np.multiply.outer(block, a) + b` computes it, but with
        # operands of one shape: numpy's integer loops are vectorised over those, while a broadcast operand costs a
        # short loop per row. Copying the shingles into every column and multiplying and adding by the tiled rows
        # takes three quarters of the time.
        rows[...] = block[:, None]
        rows *= multipliers[: block.size]
        rows += addends[: block.size]
        np.minimum(result, rows.min(axis=0), out=result)
    return result


def band_keys(sig: np.ndarray, config: DedupConfig) -> list[bytes]:
    bands, rows = lsh_bands(config.threshold, config.num_perm)
    return [bytes([band]) + sig[band * rows : (band + 1) * rows].tobytes() for band in range(bands)]


def similarity_keys(title: str, text: str, config: DedupConfig | None = None) -> tuple[int, ...]:
    """64-bit keys that two documents share when they are exact duplicates (their normalised title and text) or
    candidate near duplicates (one MinHash LSH band of their signatures at the threshold, which documents at or
    above it share nine times in ten and more): what a release groups documents by across ingest runs, whose
    `duplicate_of` links only the documents of one run. Signed, as Arrow's int64 holds them."""
    config = config or DedupConfig()
    keys = [bytes.fromhex(content_hash(title, text))[:8]]
    sig = signature(text, config)
    # A text of fewer words than a shingle has no signature to compare: all such texts would share every band.
    if not (sig == MAX_HASH).all():
        keys += [hashlib.blake2b(band, digest_size=8).digest() for band in band_keys(sig, config)]
    return tuple(int.from_bytes(key, "little", signed=True) for key in keys)


@dataclass(frozen=True)
class Fingerprint:
    """What deduplication needs of a document, computed where the document is built (in a worker), so the
    run-wide index only compares."""

    doc_id: str
    content_hash: str
    signature: np.ndarray


def fingerprint(doc_id: str, content_hash: str, text: str, config: DedupConfig) -> Fingerprint:
    return Fingerprint(doc_id, content_hash, signature(text, config))


MERGE_EVERY = 1 << 14
"""Entries that wait in a key table's dict of recent additions before they are merged into its sorted arrays."""
SPILL_EVERY = 1 << 18
"""Entries a key table holds in its sorted arrays in memory (2 MB) before they are merged into its run on disk."""
ENTRY_BYTES = 8
ORDINAL_BITS = 32
ORDINAL_MASK = (1 << ORDINAL_BITS) - 1
RUN_BLOCK_ENTRIES = 512
"""Entries of a run on disk per block, the unit a lookup reads: 4 KB."""
RUN_CHUNK_ENTRIES = 1 << 17
"""Entries of a run read at a time while it is rewritten with new entries merged in: 1 MB."""
EXACT_FILTER_BITS = 1 << 22
BAND_FILTER_BITS = 1 << 25
"""Sizes of the bitmaps of the keys on disk (0.5 and 4 MB). At 2 GB of page dumps (400,000 documents kept, nine
band keys each) a band key that is not on disk still finds its bit clear nine times in ten."""
FLUSH_RECORDS = 1 << 12
DIGEST_BYTES = 32
ROOT_BYTES = 4
DOC_ID_BYTES = 64
"""A record's doc id field: a length byte and up to 63 bytes of UTF-8 (document ids are 20 characters)."""


class _SortedRun:
    """Entries (a 32-bit key and a 32-bit ordinal packed in one 64-bit integer, the key high, so that entries
    sort by key, then ordinal) sorted in an unnamed temporary file.

    Memory keeps only the first entry of every block of `RUN_BLOCK_ENTRIES` (8 bytes per 4 KB of run), which
    tells the one block (rarely two) a key's entries can be in; that block is read with `os.pread`. What is read
    sits in the operating system's page cache, not in the process.
    """

    def __init__(self) -> None:
        # Unlinked as it is created: gone when the index is, however the run ends; no `with` can span a run.
        self._file = tempfile.TemporaryFile(prefix="builder-dedup-keys-")  # noqa: SIM115
        self._block_firsts = array("Q")
        self.count = 0

    def get(self, key: int) -> list[int]:
        """The ordinals under the key, in order."""
        low, high = key << ORDINAL_BITS, (key + 1) << ORDINAL_BITS
        # The key's entries start in the last block that begins at or below `low` and end in the last block that
        # begins below `high`.
        first = max(bisect.bisect_right(self._block_firsts, low) - 1, 0)
        last = bisect.bisect_left(self._block_firsts, high) - 1
        if last < first:
            return []
        block_bytes = RUN_BLOCK_ENTRIES * ENTRY_BYTES
        data = os.pread(self._file.fileno(), (last + 1 - first) * block_bytes, first * block_bytes)
        # bisect over a memoryview: for one lookup in a few hundred entries, cheaper than numpy's calls.
        entries = memoryview(data).cast("Q")
        start, end = bisect.bisect_left(entries, low), bisect.bisect_left(entries, high)
        return [entry & ORDINAL_MASK for entry in entries[start:end]]

    def merge(self, entries: np.ndarray) -> None:
        """Rewrite the run with these sorted entries merged in, all of whose ordinals are above the run's.

        The run is read and written a chunk at a time, so a merge holds a chunk, never the run.
        """
        merged_file = tempfile.TemporaryFile(prefix="builder-dedup-keys-")  # noqa: SIM115  (replaces self._file)
        block_firsts = array("Q")
        written = taken = 0
        # One pass even over an empty run, so that the new entries are written.
        for start in range(0, max(self.count, 1), RUN_CHUNK_ENTRIES):
            data = os.pread(self._file.fileno(), RUN_CHUNK_ENTRIES * ENTRY_BYTES, start * ENTRY_BYTES)
            old = np.frombuffer(data, dtype=np.uint64)
            # New entries above this chunk's last belong with a later chunk (or after the run's last).
            is_last = start + RUN_CHUNK_ENTRIES >= self.count
            upto = len(entries) if is_last else taken + int(entries[taken:].searchsorted(old[-1]))
            new = entries[taken:upto]
            chunk = np.empty(len(old) + len(new), dtype=np.uint64)
            chunk[np.arange(len(old)) + new.searchsorted(old)] = old
            chunk[np.arange(len(new)) + old.searchsorted(new)] = new
            merged_file.write(chunk.data)
            block_firsts.extend(chunk[-written % RUN_BLOCK_ENTRIES :: RUN_BLOCK_ENTRIES].tolist())
            written, taken = written + len(chunk), upto
        merged_file.flush()
        self._file.close()
        self._file, self._block_firsts, self.count = merged_file, block_firsts, written


class _KeyTable:
    """32-bit key → the ordinals added under it, in the order added, in memory that does not grow with the keys.

    The latest additions wait in a small dict; they are merged in bulk into two flat numpy arrays sorted by key
    (keys and ordinals, in linear time), and those, once they hold `SPILL_EVERY` entries, into a sorted run on
    disk. A fixed-size bitmap of the keys on disk answers most lookups of a key that is not there without reading
    the run: a document's keys are nearly all new, and a read costs a system call.
    """

    def __init__(self, filter_bits: int) -> None:
        self._recent: dict[int, list[int]] = {}
        self._recent_count = 0
        self._keys = np.empty(0, dtype=np.uint32)
        self._ordinals = np.empty(0, dtype=np.uint32)
        self._run = _SortedRun()
        # A zeroed bytearray is written in full as it is made: the bitmap is resident from the start, rather than
        # adding to the process's memory page by page as keys are spilled.
        self._on_disk = bytearray(filter_bits // 8)
        self._filter_mask = filter_bits - 1

    def get_many(self, keys: np.ndarray) -> list[list[int]]:
        """The ordinals under each key: one vectorised search of the arrays for all of a document's keys, since a
        search per key (numpy's call overhead) was most of the index's time."""
        starts, ends = self._keys.searchsorted(keys, "left"), self._keys.searchsorted(keys, "right")
        found: list[list[int]] = []
        for key, start, end in zip(keys.tolist(), starts.tolist(), ends.tolist(), strict=True):
            bit = key & self._filter_mask
            ordinals = self._run.get(key) if self._on_disk[bit >> 3] >> (bit & 7) & 1 else []
            if end > start:
                ordinals += self._ordinals[start:end].tolist()
            if key in self._recent:
                ordinals += self._recent[key]
            found.append(ordinals)
        return found

    def add(self, key: int, ordinal: int) -> None:
        """File the ordinal under the key; it must be above every ordinal added before."""
        self._recent.setdefault(key, []).append(ordinal)
        self._recent_count += 1
        if self._recent_count >= MERGE_EVERY:
            self._merge()

    def _merge(self) -> None:
        pairs = [(key, ordinal) for key, ordinals in self._recent.items() for ordinal in ordinals]
        keys = np.array([key for key, _ in pairs], dtype=np.uint32)
        ordinals = np.array([ordinal for _, ordinal in pairs], dtype=np.uint32)
        order = np.lexsort((ordinals, keys))
        keys, ordinals = keys[order], ordinals[order]
        # Every new ordinal is above every merged one: inserting after equal keys keeps each key's ordinals sorted.
        at = np.searchsorted(self._keys, keys, "right")
        self._keys, self._ordinals = np.insert(self._keys, at, keys), np.insert(self._ordinals, at, ordinals)
        self._recent, self._recent_count = {}, 0
        if len(self._keys) >= SPILL_EVERY:
            self._spill()

    def _spill(self) -> None:
        self._run.merge(self._keys.astype(np.uint64) << np.uint64(ORDINAL_BITS) | self._ordinals)
        bits = self._keys & np.uint32(self._filter_mask)
        bit_in_byte = (np.uint32(1) << (bits & np.uint32(7))).astype(np.uint8)
        np.bitwise_or.at(np.frombuffer(self._on_disk, dtype=np.uint8), bits >> np.uint32(3), bit_in_byte)
        self._keys, self._ordinals = np.empty(0, dtype=np.uint32), np.empty(0, dtype=np.uint32)


class _RecordFile:
    """Fixed-size records by ordinal in an unnamed temporary file, appended in buffered blocks and read back
    with `os.pread`. What is read back (a signature, a content digest, a doc id) is needed only when a key
    matches, which is rare; kept on disk, it lives in the operating system's page cache instead of the process."""

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


@dataclass(frozen=True)
class _Record:
    """What the index keeps of a document it may have to point at, read back from the record file."""

    digest: bytes
    signature: np.ndarray
    root: int
    """The ordinal of the first document of its cluster: its own when it duplicates no earlier document."""
    doc_id: str


BAND_COPIES_FILED = 16
"""Documents filed under one band's key past which a near duplicate is not filed there too (see `check`)."""
REPEATED = "repeated"
"""`DuplicateIndex.check`'s kind for a document whose id it has recorded before."""


class DuplicateIndex:
    """What the run has seen so far; `check` answers which earlier document a new one duplicates.

    Its memory does not grow with the run. Each document kept for comparison gets an ordinal; its content
    digest, signature, cluster root and doc id go to a record file on disk (`_RecordFile`), and its 32-bit keys
    (one for the content hash, one per band) to two key tables (`_KeyTable`) that keep a bounded part in memory
    and the rest in sorted runs on disk. Keys are folds, so every hit is checked against the stored record: the
    answers are exactly those of comparing the content hashes and band rows themselves. At 32 bits a key shared
    by chance costs one extra read of a record now and then (one document in a hundred at four million keys).
    """

    def __init__(self, config: DedupConfig | None = None) -> None:
        self.config = config or DedupConfig()
        self._bands, self._rows = lsh_bands(self.config.threshold, self.config.num_perm)
        # Odd 64-bit multipliers that fold a band's rows into one integer key (uint64 arithmetic wraps).
        generator = np.random.RandomState(self.config.seed)
        self._mixers = generator.randint(1, 1 << 62, size=self._rows, dtype=np.int64).astype(np.uint64) | np.uint64(1)
        self._exact = _KeyTable(EXACT_FILTER_BITS)
        self._band_index = _KeyTable(BAND_FILTER_BITS)
        self._signature_bytes = self.config.num_perm * 4
        self._records = _RecordFile(DIGEST_BYTES + self._signature_bytes + ROOT_BYTES + DOC_ID_BYTES)

    def check(self, seen: Fingerprint) -> tuple[str | None, str | None]:
        """Record the document; return (`duplicate_of`, kind `exact`/`near`), or (None, None) when it is new, or
        (its own id, REPEATED) when the same document (the same id) was recorded before, which is not recorded again.

        Duplicates point at the first document of their cluster, so a chain of near-duplicates is one star.
        """
        digest = hashlib.sha256(seen.content_hash.encode()).digest()
        content_key = int.from_bytes(digest[:4], "little")
        same_key = self._exact.get_many(np.array([content_key], dtype=np.uint32))[0]
        earlier = next((record for record in map(self._record, same_key) if record.digest == digest), None)
        if earlier is not None:
            # The same id is the same content on the same page: the input holds a page twice, under one id ("id": 42
            # on two lines, a feed item's guid, a WARC record id) or none (a file given twice), which one document is.
            if earlier.doc_id == seen.doc_id:
                return earlier.doc_id, REPEATED
            return self._record(earlier.root).doc_id, "exact"
        keys = self._band_keys(seen.signature)
        filed = self._band_index.get_many(keys)
        match = self._near_match(seen.signature, filed)
        ordinal = self._records.count
        # Each record names its cluster's root by ordinal, so no table of roots grows with the near-duplicates.
        root = ordinal if match is None else match.root
        self._store(seen, digest, root)
        if earlier is None:
            self._exact.add(content_key, ordinal)
        for key, ordinals in zip(keys.tolist(), filed, strict=True):
            # A near duplicate is filed under a band only while few documents are: past them, the earlier ones lead
            # a later copy to the cluster. Filing every copy made a cluster of n copies (an export's records that
            # differ by a number) cost n reads a lookup, and the run time grow as n squared.
            if match is None or len(ordinals) < BAND_COPIES_FILED:
                self._band_index.add(key, ordinal)
        if match is None:
            return None, None
        return self._record(root).doc_id, "near"

    def _band_keys(self, sig: np.ndarray) -> np.ndarray:
        rows = sig[: self._bands * self._rows].reshape(self._bands, self._rows).astype(np.uint64)
        mixed = (rows * self._mixers).sum(axis=1, dtype=np.uint64)
        # The high half: a multiplicative fold mixes its high bits best.
        return (mixed >> np.uint64(32)).astype(np.uint32) ^ np.arange(self._bands, dtype=np.uint32)

    def _store(self, seen: Fingerprint, digest: bytes, root: int) -> None:
        doc_id = seen.doc_id.encode()
        if len(doc_id) >= DOC_ID_BYTES:
            raise ValueError(f"doc id longer than {DOC_ID_BYTES - 1} bytes: {seen.doc_id[:80]}")
        padded = bytes([len(doc_id)]) + doc_id.ljust(DOC_ID_BYTES - 1, b"\0")
        signature_bytes = seen.signature.astype(np.uint32).tobytes()
        self._records.append(digest + signature_bytes + root.to_bytes(ROOT_BYTES, "little") + padded)

    def _record(self, ordinal: int) -> _Record:
        data = self._records.read(ordinal)
        root_at = DIGEST_BYTES + self._signature_bytes
        doc_id_at = root_at + ROOT_BYTES
        return _Record(
            digest=data[:DIGEST_BYTES],
            signature=np.frombuffer(data, dtype=np.uint32, count=self.config.num_perm, offset=DIGEST_BYTES),
            root=int.from_bytes(data[root_at:doc_id_at], "little"),
            doc_id=data[doc_id_at + 1 : doc_id_at + 1 + data[doc_id_at]].decode(),
        )

    def _near_match(self, sig: np.ndarray, filed: list[list[int]]) -> _Record | None:
        """The first earlier document, in band order then in the order seen, that shares a band (all its rows)
        and agrees on at least `threshold` of the signature; `filed` holds the documents under each band's key."""
        # By ordinal: doc ids are unique within a run (a document's id includes its page's), so an ordinal is a
        # document, and a document compared once is not compared again.
        compared: set[int] = set()
        for band, ordinals in enumerate(filed):
            rows = slice(band * self._rows, (band + 1) * self._rows)
            for ordinal in ordinals:
                if ordinal in compared:
                    continue
                record = self._record(ordinal)
                if not np.array_equal(record.signature[rows], sig[rows]):
                    continue
                compared.add(ordinal)
                # The share of equal rows as np.mean gives it (both divide the exact count, correctly rounded),
                # without its float reduction's overhead, six times the cost of the count.
                if np.count_nonzero(record.signature == sig) / sig.size >= self.config.threshold:
                    return record
        return None
