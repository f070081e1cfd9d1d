"""Compressed files, told by their magic bytes whatever their names say: gzip, bzip2 and xz (the standard
library) and Zstandard (`.jsonl.zst`, as corpus exports and Hugging Face datasets often ship, which `datasets`
reads too). Every one is read through the same file API, so a reader does not care which it is.

Zstandard comes from the standard library's `compression.zstd` (Python 3.14) or its backport, `backports.zstd`:
the same API as `gzip`, `bz2` and `lzma`, and it reports data cut short, which python-zstandard's stream reader
passes over in silence (a truncated file read as shorter, with no rejection).

gzip is read through zlib here (`_GzipMembers`), not the `gzip` module: its file refused a whole file for bytes
after its last member, and each stream is read a decompression at a time where what was decompressed before a
break matters (`read_at_most`).
"""

from __future__ import annotations

import bz2
import io
import lzma
import sys
import zlib
from pathlib import Path
from typing import IO, TYPE_CHECKING

if sys.version_info >= (3, 14):
    from compression import zstd
else:
    from backports import zstd

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

MAGIC_BYTES = {
    "gzip": b"\x1f\x8b",
    "bzip2": b"BZh",
    "xz": b"\xfd7zXZ\x00",
    "zstd": b"\x28\xb5\x2f\xfd",
}
SUFFIXES = frozenset({".gz", ".bz2", ".xz", ".zst"})
"""Compression suffixes, which say nothing of the format inside (`page.txt.zst` is page text)."""
_OPEN = {"bzip2": bz2.open, "xz": lzma.open, "zstd": zstd.open}
BROKEN_DATA_ERRORS = (EOFError, zlib.error, lzma.LZMAError, zstd.ZstdError)
"""What decompressing raises on data cut short or corrupt; bzip2 raises a plain `OSError` without an errno too
(see `is_broken_data`)."""
GZIP_MAGIC = b"\x1f\x8b"
GZIP_WBITS = 16 + zlib.MAX_WBITS
"""zlib's window bits for a gzip member, header and trailer (its CRC-32 and length checked) included."""
READ_CHUNK_BYTES = 1 << 16


class BrokenCompressedDataError(Exception):
    """Compressed data that ends early or is corrupt."""

    def __init__(self, compression: str, message: str) -> None:
        super().__init__(message)
        self.compression = compression

    @property
    def code(self) -> str:
        """The quarantine's reason code: `truncated_gzip`, as it has always been for gzip, else
        `truncated_compressed`."""
        return "truncated_gzip" if self.compression == "gzip" else "truncated_compressed"


class TrailingDataError(BrokenCompressedDataError):
    """Bytes after the end of the compressed data that start no other member: what came before them was read
    whole, and they are passed over, as `gzip -d` does ("trailing garbage ignored"). Raised at the end of the data,
    after all of it was read, so that a reader that meets it has read every record and notes it with them."""

    def __init__(self, compression: str, offset: int, size: int) -> None:
        super().__init__(
            compression,
            f"{size:,} byte{'s' * (size != 1)} of non-{compression} data after the end of the compressed data, at"
            f" byte {offset:,} of the file, ignored",
        )
        self.offset = offset
        """Where the bytes start in the file as stored (they are no part of the decompressed data)."""

    @property
    def code(self) -> str:
        return "trailing_data"


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
    if isinstance(error, BrokenCompressedDataError):
        return error
    if compression is None or not is_broken_data(error):
        return None
    return BrokenCompressedDataError(compression, f"the {compression} data is truncated or corrupt ({error})")


def open_compressed(path: Path, compression: str | None) -> IO[bytes]:
    """Open for reading, decompressing with `compression` (see `compression_of`; None: as stored)."""
    if compression is None:
        return path.open("rb")
    return _opened(path, compression)


def _opened(file: Path | IO[bytes], compression: str) -> IO[bytes]:
    """A file's or a stream's compressed data, decompressed as it is read."""
    if compression == "gzip":
        return io.BufferedReader(_GzipMembers(file), READ_CHUNK_BYTES)
    return _OPEN[compression](file, "rb")  # type: ignore[no-any-return]


def read_at_most(stream: IO[bytes], limit: int) -> tuple[bytes, Exception | None]:
    """Up to `limit` bytes of the stream, and the error that stopped it short of them, if any. Read a
    decompression at a time (`read1`): `read(limit)` loops over them, and an error in a later one drops what the
    earlier ones gave (a gzip file cut short in its first 8 KB lost the lines before the cut, where a larger one
    kept them)."""
    chunks: list[bytes] = []
    size = 0
    try:
        while size < limit and (chunk := stream.read1(limit - size)):
            chunks.append(chunk)
            size += len(chunk)
    except Exception as error:
        return b"".join(chunks), error
    return b"".join(chunks), None


def decompressed(data: bytes, limit: int) -> tuple[bytes, TrailingDataError | None]:
    """The bytes decompressed when they are compressed, else as they are; at most `limit` bytes, so that a small
    file that decompresses to gigabytes (a bomb, or a whole crawl in one file) costs no more memory than that. With
    them, the bytes after the compressed data, if any (read whole before them).

    Raises `BrokenCompressedDataError` when they do not decompress."""
    compression = compression_of(data)
    if compression is None:
        return data[:limit], None
    with _opened(io.BytesIO(data), compression) as stream:
        read, error = read_at_most(stream, limit)
    if error is None or isinstance(error, TrailingDataError):
        return read, error
    if broken := broken_data(error, compression):
        raise broken from error
    raise error


def gzip_member_end(stream: IO[bytes], member: int) -> int | None:
    """Where the gzip member starting at byte `member` of the stream ends, when it ends whole; None when it breaks
    or is cut short. For a .warc.gz, whose members fastwarc reads itself and whose end it does not say."""
    stream.seek(member)
    inflater = zlib.decompressobj(GZIP_WBITS)
    read = member
    try:
        while not inflater.eof and (chunk := stream.read(READ_CHUNK_BYTES)):
            read += len(chunk)
            # Each chunk's output is dropped: only where the member ends is wanted.
            inflater.decompress(chunk)
    except zlib.error:
        return None
    return read - len(inflater.unused_data) if inflater.eof else None


def trailing_data(stream: IO[bytes], end: int) -> TrailingDataError | None:
    """The bytes from `end` (where a file's gzip data ends, no member following) to the end of the stream as
    `TrailingDataError`; None when there are none, or only NUL bytes pad the file, as gzip passes them over."""
    size = stream.seek(0, io.SEEK_END) - end
    stream.seek(end)
    first = stream.read(READ_CHUNK_BYTES)
    if size <= len(first) and not first.strip(b"\0"):
        return None
    return TrailingDataError("gzip", end, size)


class _GzipMembers(io.RawIOBase):
    """A gzip file's data, member after member (concatenated members are one gzip file, as `cat a.gz b.gz` and
    parallel compressors write them), decompressed by zlib. What was decompressed before the data breaks off is
    given before the error. Bytes after the last member that start no other are `TrailingDataError` at the end,
    where the `gzip` module refused the whole file ("Not a gzipped file"); NUL bytes padding it (as tape blocks and
    `dd` leave them) are passed over, as gzip does."""

    def __init__(self, file: Path | IO[bytes]) -> None:
        self._file = file.open("rb") if isinstance(file, Path) else file
        self._inflater = zlib.decompressobj(GZIP_WBITS)
        self._input = b""
        """Bytes read from the file that the inflater has not taken yet."""
        self._read = 0
        self._error: TrailingDataError | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        view = memoryview(buffer).cast("B")
        while True:
            if self._inflater.eof and not self._next_member():
                return 0
            ended = not self._input and not self._more()
            data = self._inflater.decompress(self._input, len(view))
            self._input = self._inflater.unused_data if self._inflater.eof else self._inflater.unconsumed_tail
            if data:
                view[: len(data)] = data
                return len(data)
            if ended and not self._inflater.eof:
                raise EOFError("Compressed file ended before the end-of-stream marker was reached")

    def _more(self) -> bool:
        chunk = self._file.read(READ_CHUNK_BYTES)
        self._read += len(chunk)
        self._input += chunk
        return bool(chunk)

    def _next_member(self) -> bool:
        """Start the member after the one ended, if one follows (False at the end of the file); raise
        `TrailingDataError` for bytes that are none."""
        if self._error is not None:
            raise self._error
        self._input = self._input.lstrip(b"\0")
        while len(self._input) < len(GZIP_MAGIC) and self._more():
            self._input = self._input.lstrip(b"\0")
        if not self._input:
            return False
        if self._input.startswith(GZIP_MAGIC):
            self._inflater = zlib.decompressobj(GZIP_WBITS)
            return True
        offset = self._read - len(self._input)
        # Measured by reading on, not seeking: an archive's member or a remote file may not seek.
        while self._more():
            self._input = b""
        self._error = TrailingDataError("gzip", offset, self._read - offset)
        raise self._error

    def close(self) -> None:
        if not self.closed:
            self._file.close()
        super().close()
