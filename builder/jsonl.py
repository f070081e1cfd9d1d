"""Reading JSONL files (plain or compressed: see `builder.compression`) and writing them (plain or gzip) one line
at a time, so memory stays flat at any size."""

from __future__ import annotations

import gzip
import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING

from pydantic import BaseModel

from builder.compression import TrailingDataError, broken_data, compression_of_file, open_compressed

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer


class InputError(Exception):
    """An input that cannot be read on from `line` on (truncated compressed data, unreadable file)."""

    def __init__(self, path: Path, line: int | None, message: str, code: str, offset: int | None = None) -> None:
        super().__init__(f"{path}{f':{line}' if line else ''}: {message}")
        self.path = path
        self.line = line
        self.message = message
        self.code = code
        """The quarantine's reason code: `truncated_gzip`, `truncated_compressed`, `trailing_data`, `line_too_long`
        or `unreadable`."""
        self.offset = offset
        """Where reading stopped: the byte of the decompressed data the line cut short starts at, or the byte of
        the file where bytes after its compressed data start."""


def iter_lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """Yield `(line_number, raw_bytes)` with the line ending removed; raise `InputError` where reading fails."""
    for line_number, raw in iter_raw_lines(path):
        yield line_number, raw.rstrip(b"\r\n")


LINE_MAX_BYTES = 64 << 20
"""The longest line read: a record longer than this is none (a JSON record of a whole page, HTML and all, is a
few MB), and a longer line, read whole, took memory without bound: a file whose lines end in a bare carriage
return, or binary data, is one line."""


def iter_raw_lines(path: Path, *, returns_end_lines: bool = False) -> Iterator[tuple[int, bytes]]:
    """Yield `(line_number, raw_bytes)` with the line ending kept, for byte offsets that hold in files whose lines
    end in CRLF; raise `InputError` where reading fails, or at a line longer than LINE_MAX_BYTES.

    `returns_end_lines`: the file's lines end in a bare carriage return (as Excel for Mac writes CSV), each read
    as a line feed, byte for byte, so that line numbers and byte offsets hold."""
    line_number = offset = 0
    compression = None
    try:
        compression = compression_of_file(path)
        with open_compressed(path, compression) as handle:
            stream = io.BufferedReader(_ReturnsAsLineFeeds(handle)) if returns_end_lines else handle
            while raw := stream.readline(LINE_MAX_BYTES + 1):
                line_number += 1
                offset += len(raw)
                if len(raw) > LINE_MAX_BYTES:
                    message = (
                        f"a line longer than {LINE_MAX_BYTES >> 20} MB, which no record is (lines that end in a bare"
                        " carriage return, or binary data?): the file is read no further"
                    )
                    raise InputError(path, line_number, message, "line_too_long")
                yield line_number, raw
    except Exception as error:
        if isinstance(error, InputError):
            raise
        if isinstance(error, TrailingDataError):
            raise InputError(path, None, f"after line {line_number:,}: {error}", error.code, error.offset) from error
        if broken := broken_data(error, compression):
            message = f"the {compression} data ends or breaks here ({error})"
            raise InputError(path, line_number + 1, message, broken.code, offset) from error
        if isinstance(error, OSError):
            raise InputError(path, None, f"cannot read: {error.strerror or error}", "unreadable") from error
        raise


class _ReturnsAsLineFeeds(io.RawIOBase):
    """A stream read with each carriage return as a line feed, for `readline` to end lines at them."""

    def __init__(self, stream: IO[bytes]) -> None:
        self._stream = stream

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        view = memoryview(buffer).cast("B")
        # One decompression at a time: `read` loops over them, and a break in a later one lost the lines before it.
        data = self._stream.read1(len(view)).replace(b"\r", b"\n")
        view[: len(data)] = data
        return len(data)


_LINE_BREAKS_ESCAPED = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


class AtomicJsonlWriter:
    """Write records to a temporary file that replaces `path` only when the block ends without an error:
    a crash or an interrupt leaves the previous file or the new one, never half a file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.temporary = path.with_name(f".{path.name}.tmp")
        self.count = 0

    def __enter__(self) -> AtomicJsonlWriter:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._handle: IO[bytes] = (
            gzip.open(self.temporary, "wb") if self.path.suffix == ".gz" else self.temporary.open("wb")
        )
        return self

    def write(self, record: BaseModel) -> None:
        self.write_line(record.model_dump_json())

    def write_line(self, line: str) -> None:
        """Write one record already serialised as JSON (without its line ending)."""
        # JSON lets these stand unescaped in a string, but `str.splitlines` and many a reader of lines end a line at
        # them: escaped, every record is one line to any reader.
        if "\u2028" in line or "\u2029" in line or "\x85" in line:
            line = line.translate(_LINE_BREAKS_ESCAPED)
        self._handle.write(line.encode("utf-8") + b"\n")
        self.count += 1

    def __exit__(self, kind: object, error: object, traceback: object) -> None:
        try:
            # Closing flushes the last block: on a full disk it is what fails, and the half file must go too.
            self._handle.close()
        except OSError:
            self.temporary.unlink(missing_ok=True)
            raise
        if kind is None:
            os.replace(self.temporary, self.path)
        else:
            self.temporary.unlink(missing_ok=True)
