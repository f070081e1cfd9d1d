"""Compressed files, told by their magic bytes whatever their names say: gzip, bzip2 and xz (the standard
library) and Zstandard (`.jsonl.zst`, as corpus exports and Hugging Face datasets often ship, which `datasets`
reads too). Every one is read through the same file API, so a reader does not care which it is.

Zstandard comes from the standard library's `compression.zstd` (Python 3.14) or its backport, `backports.zstd`:
the same API as `gzip`, `bz2` and `lzma`, and it reports data cut short, which python-zstandard's stream reader
passes over in silence (a truncated file read as shorter, with no rejection).
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import sys
import zlib
from pathlib import Path
from typing import IO

if sys.version_info >= (3, 14):
    from compression import zstd
else:
    from backports import zstd

MAGIC_BYTES = {
    "gzip": b"\x1f\x8b",
    "bzip2": b"BZh",
    "xz": b"\xfd7zXZ\x00",
    "zstd": b"\x28\xb5\x2f\xfd",
}
SUFFIXES = frozenset({".gz", ".bz2", ".xz", ".zst"})
"""Compression suffixes, which say nothing of the format inside (`page.txt.zst` is page text)."""
_OPEN = {"gzip": gzip.open, "bzip2": bz2.open, "xz": lzma.open, "zstd": zstd.open}
BROKEN_DATA_ERRORS = (EOFError, gzip.BadGzipFile, zlib.error, lzma.LZMAError, zstd.ZstdError)
"""What decompressing raises on data cut short or corrupt; bzip2 raises a plain `OSError` without an errno too
(see `is_broken_data`)."""


class BrokenCompressedDataError(Exception):
    """Compressed data that ends early or is corrupt."""

    def __init__(self, compression: str, error: BaseException) -> None:
        super().__init__(f"the {compression} data is truncated or corrupt ({error})")
        self.compression = compression

    @property
    def code(self) -> str:
        """The quarantine's reason code: `truncated_gzip`, as it has always been for gzip, else
        `truncated_compressed`."""
        return "truncated_gzip" if self.compression == "gzip" else "truncated_compressed"


ZSTD_SKIPPABLE_FRAME = b"\x2a\x4d\x18"
"""Bytes 1 to 3 of a Zstandard skippable frame (its magic is 0x184D2A50 to 0x184D2A5F, little-endian), which
pzstd writes first to note the sizes of the frames that follow."""


def compression_of(head: bytes) -> str | None:
    """The compression of data starting with `head` ("gzip", "bzip2", "xz", "zstd"), or None."""
    if head[1:4] == ZSTD_SKIPPABLE_FRAME and head[:1] and head[0] & 0xF0 == 0x50:
        return "zstd"
    return next((name for name, magic in MAGIC_BYTES.items() if head.startswith(magic)), None)


def compression_of_file(path: Path) -> str | None:
    with path.open("rb") as handle:
        return compression_of(handle.read(8))


def is_broken_data(error: BaseException) -> bool:
    """Whether an error raised while reading compressed data says the data is broken rather than the file
    unreadable: a file system's `OSError` carries an errno, bzip2's "Invalid data stream" does not."""
    return isinstance(error, BROKEN_DATA_ERRORS) or (isinstance(error, OSError) and error.errno is None)


def broken_data(error: BaseException, compression: str | None) -> BrokenCompressedDataError | None:
    """The error as broken `compression` data, when it says so (see `is_broken_data`); None for any other error,
    or for data that is not compressed, which the caller re-raises."""
    if compression is None or not is_broken_data(error):
        return None
    return BrokenCompressedDataError(compression, error)


def open_compressed(path: Path, compression: str | None) -> IO[bytes]:
    """Open for reading, decompressing with `compression` (see `compression_of`; None: as stored)."""
    if compression is None:
        return path.open("rb")
    return _OPEN[compression](path, "rb")  # type: ignore[no-any-return]


def decompressed(data: bytes, limit: int) -> bytes:
    """The bytes decompressed when they are compressed, else as they are; at most `limit` bytes, so that a small
    file that decompresses to gigabytes (a bomb, or a whole crawl in one file) costs no more memory than that.

    Raises `BrokenCompressedDataError` when they do not decompress."""
    compression = compression_of(data)
    if compression is None:
        return data[:limit]
    try:
        with _OPEN[compression](io.BytesIO(data), "rb") as stream:
            return stream.read(limit)  # type: ignore[no-any-return]
    except Exception as error:
        if broken := broken_data(error, compression):
            raise broken from error
        raise
