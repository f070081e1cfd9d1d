"""Compressed files, told by their magic bytes whatever their names say: gzip, bzip2 and xz (the standard
library) and Zstandard (`.jsonl.zst`, as corpus exports and Hugging Face datasets often ship, which `datasets`
reads too). Every one is read through the same file API, so a reader does not care which it is.

Zstandard comes from the standard library's `compression.zstd` (Python 3.14) or its backport, `backports.zstd`:
the same API as `bz2` and `lzma`, and it reports data cut short, which python-zstandard's stream reader passes
over in silence (a truncated file read as shorter, with no rejection).

Every compression is read through its decompressor object here (`_Streams`), not the `gzip`, `bz2`, `lzma` or
`zstd` file: they differ on bytes after the last stream (gzip's refused the whole file, bz2's and lzma's dropped
them in silence, Zstandard's called them broken data), and each stream is read a decompression at a time where
what was decompressed before a break matters (`read_at_most`).
"""

from __future__ import annotations

import bz2
import io
import lzma
import sys
import zlib
from pathlib import Path
from typing import IO, TYPE_CHECKING, Protocol

if sys.version_info >= (3, 14):
    from compression import zstd
else:
    from backports import zstd

if TYPE_CHECKING:
    from collections.abc import Callable

    from _typeshed import WriteableBuffer

MAGIC_BYTES = {
    "gzip": b"\x1f\x8b",
    "bzip2": b"BZh",
    "xz": b"\xfd7zXZ\x00",
    "zstd": b"\x28\xb5\x2f\xfd",
}
SUFFIXES = frozenset({".gz", ".bz2", ".xz", ".zst"})
"""Compression suffixes, which say nothing of the format inside (`page.txt.zst` is page text)."""
BROKEN_DATA_ERRORS = (EOFError, zlib.error, lzma.LZMAError, zstd.ZstdError)
"""What decompressing raises on data cut short or corrupt; bzip2 raises a plain `OSError` without an errno too
(see `is_broken_data`)."""
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
    return _Decompressed(_Streams(file, compression), READ_CHUNK_BYTES)


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


def gzip_trailing_data(stream: IO[bytes], near: int) -> TrailingDataError | None:
    """The bytes after a stream's gzip data, read member after member to its end from the member at byte `near` if
    one starts there (a .warc.gz has a member a record), else from the start (a WARC gzipped whole is one member,
    which its records' positions fall inside), the output dropped: None when there are none, or only NUL bytes pad
    the file. For a .warc.gz, whose members fastwarc reads itself and whose end it does not say.

    Raises `BrokenCompressedDataError` when a member breaks or is cut short."""
    stream.seek(near)
    start = near if stream.read(len(MAGIC_BYTES["gzip"])) == MAGIC_BYTES["gzip"] else 0
    stream.seek(start)
    members = _Streams(stream, "gzip", start=start, borrowed=True)
    dropped = bytearray(READ_CHUNK_BYTES)  # a chunk's worth at a time: a member may be a bomb
    try:
        while members.readinto(dropped):
            pass
    except TrailingDataError as trailing:
        return trailing
    except Exception as error:
        if broken := broken_data(error, "gzip"):
            raise broken from error
        raise
    return None


class _Decompressed(io.BufferedReader):
    """A buffered decompressed stream whose `read(size)` gives what was decompressed before an error, and the
    error at the next read: `io.BufferedReader.read` drops what earlier decompressions gave when a later one raises,
    and fastwarc reads so (a .warc.bz2's last records were lost to the bytes after them)."""

    _error: Exception | None = None

    def read(self, size: int | None = -1) -> bytes:
        if self._error is not None:
            error, self._error = self._error, None
            raise error
        chunks: list[bytes] = []
        left = None if size is None or size < 0 else size
        try:
            while left is None or left > 0:
                # At most a buffer a time: `read1` makes room for all it is asked for.
                chunk = self.read1(READ_CHUNK_BYTES if left is None else min(left, READ_CHUNK_BYTES))
                if not chunk:
                    break
                chunks.append(chunk)
                if left is not None:
                    left -= len(chunk)
        except Exception as error:
            if not chunks:
                raise
            self._error = error
        return b"".join(chunks)


class _Decompressor(Protocol):
    """What zlib's, bz2's, lzma's and Zstandard's decompressor objects share: one stream's decompression."""

    @property
    def eof(self) -> bool: ...
    @property
    def unused_data(self) -> bytes: ...
    def decompress(self, data: bytes, max_length: int, /) -> bytes: ...


_DECOMPRESSORS: dict[str, Callable[[], _Decompressor]] = {
    "gzip": lambda: zlib.decompressobj(GZIP_WBITS),
    "bzip2": bz2.BZ2Decompressor,
    "xz": lzma.LZMADecompressor,
    "zstd": zstd.ZstdDecompressor,
}
"""A decompressor of one stream (gzip member, bzip2 or xz stream, Zstandard frame) of each compression."""
_STREAM_HEAD_BYTES = 6
"""Enough bytes to tell whether another stream starts (xz's magic is the longest, a skippable frame's 4)."""


class _Streams(io.RawIOBase):
    """A compressed file's data, stream after stream: concatenated streams are one file, as `cat a.gz b.gz` and
    parallel compressors (pigz, pbzip2, `xz -T`, pzstd) write them; a Zstandard skippable frame gives no data. What
    was decompressed before the data breaks off is given before the error, as soon as the decompressor gives it:
    zlib and xz a little at a time, Zstandard a block (up to 128 KB of data) at a time, bzip2 only a whole block
    (100 to 900 KB) at a time, so the part of a block before a cut is lost. Bytes after the last stream that start
    no other are `TrailingDataError` at the end: the `gzip` module refused the whole file for them ("Not a gzipped
    file"), bz2 and lzma passed over them in silence, and Zstandard's file called them broken data. NUL bytes
    padding the file (as tape blocks and `dd` leave them, and xz's stream padding) are passed over, as gzip and xz
    do."""

    def __init__(self, file: Path | IO[bytes], compression: str, *, start: int = 0, borrowed: bool = False) -> None:
        """`start`: the byte of `file` where the compressed data starts, which it is read from (offsets are the
        file's); `borrowed`: the file is the caller's, left open."""
        self._file = file.open("rb") if isinstance(file, Path) else file
        self._start = start
        self._borrowed = borrowed
        self._compression = compression
        self._new_decompressor = _DECOMPRESSORS[compression]
        # zlib keeps the input past `max_length`'s output in `unconsumed_tail`; the others keep it themselves and
        # say with `needs_input` whether they can give more without any.
        self._keeps_input = compression != "gzip"
        self._rewind()

    def _rewind(self) -> None:
        self._decompressor = self._new_decompressor()
        self._input = b""
        """Bytes read from the file that the decompressor has not taken yet."""
        self._read = self._start
        self._position = 0
        """Where reading is in the decompressed data."""
        self._error: TrailingDataError | None = None

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        view = memoryview(buffer).cast("B")
        if not view:
            return 0  # zlib reads a `max_length` of 0 as no limit
        while True:
            if self._decompressor.eof and not self._next_stream():
                return 0
            wants_input = not self._input and (not self._keeps_input or self._decompressor.needs_input)  # type: ignore[attr-defined]
            ended = wants_input and not self._more()
            data = self._decompressor.decompress(self._input, len(view))
            if self._decompressor.eof:
                self._input = self._decompressor.unused_data
            else:
                self._input = b"" if self._keeps_input else self._decompressor.unconsumed_tail  # type: ignore[attr-defined]
            if data:
                view[: len(data)] = data
                self._position += len(data)
                return len(data)
            if ended and not self._decompressor.eof:
                raise EOFError("Compressed file ended before the end-of-stream marker was reached")

    def _more(self) -> bool:
        chunk = self._file.read(READ_CHUNK_BYTES)
        self._read += len(chunk)
        self._input += chunk
        return bool(chunk)

    def _next_stream(self) -> bool:
        """Start the stream after the one ended, if one follows (False at the end of the file); raise
        `TrailingDataError` for bytes that are none."""
        if self._error is not None:
            raise self._error
        self._input = self._input.lstrip(b"\0")
        while len(self._input) < _STREAM_HEAD_BYTES and self._more():
            self._input = self._input.lstrip(b"\0")
        if not self._input:
            return False
        if compression_of(self._input) == self._compression:
            self._decompressor = self._new_decompressor()
            return True
        offset = self._read - len(self._input)
        # Measured by reading on, not seeking: an archive's member or a remote file may not seek.
        while self._more():
            self._input = b""
        self._error = TrailingDataError(self._compression, offset, self._read - offset)
        raise self._error

    def seekable(self) -> bool:
        return self._file.seekable()

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        """Seek in the decompressed data, as the `bz2` and `lzma` files do, which a WARC's reader does to read on
        past a broken record: by reading on to it, from the start again when it lies behind."""
        if not self.seekable():
            raise io.UnsupportedOperation("the compressed file cannot seek")
        skipped = bytearray(READ_CHUNK_BYTES)
        if whence == io.SEEK_END:
            while self.readinto(skipped):
                pass
        if whence != io.SEEK_SET:
            offset += self._position
        if offset < self._position:
            self._file.seek(self._start)
            self._rewind()
        while self._position < offset and self.readinto(memoryview(skipped)[: offset - self._position]):
            pass
        return self._position

    def close(self) -> None:
        if not self.closed and not self._borrowed:
            self._file.close()
        super().close()
