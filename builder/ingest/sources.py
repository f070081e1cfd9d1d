"""Finding the input files, telling their format, and turning their bytes into text.

Everything here is about the edges: paths, globs, gzip, encodings. Nothing here knows what an article is.
"""

from __future__ import annotations

import glob
import gzip
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from builder.records import SourceFormat

EXTENSIONS: dict[str, SourceFormat] = {
    ".txt": SourceFormat.pagetext,
    ".html": SourceFormat.html,
    ".htm": SourceFormat.html,
    ".warc": SourceFormat.warc,
    ".jsonl": SourceFormat.jsonl,
    ".ndjson": SourceFormat.jsonl,
}
SNIFF_BYTES = 8192
REPLACEMENT_SHARE_LIMIT = 0.01
"""Above this share of undecodable characters a text is not worth annotating: it is quarantined."""


@dataclass(frozen=True)
class InputFile:
    path: Path
    shown: str
    """The path as the user will recognise it in reports (relative to where they pointed)."""


class UnreadableInputError(Exception):
    """The input cannot be turned into text; `code` is the quarantine reason code."""

    def __init__(self, code: str, reason: str, data: bytes = b"") -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason
        self.snippet = data[:200].decode("utf-8", errors="replace")


def discover(inputs: Iterable[str]) -> Iterator[InputFile]:
    """Expand files, directories (recursively) and globs into files, sorted within each input, each once."""
    seen: set[Path] = set()
    for given in inputs:
        path = Path(given)
        if path.is_dir():
            candidates = sorted(item for item in path.rglob("*") if item.is_file() and not item.name.startswith("."))
            base = path
        elif path.exists():
            candidates, base = [path], path.parent
        else:
            candidates = sorted(Path(match) for match in glob.glob(given, recursive=True) if Path(match).is_file())
            base = Path(".")
        for candidate in candidates:
            resolved = candidate.resolve()
            if resolved not in seen:
                seen.add(resolved)
                yield InputFile(candidate, _shown(candidate, base, path))


def _shown(candidate: Path, base: Path, given: Path) -> str:
    if given.is_dir():
        return str(given / candidate.relative_to(base))
    return str(candidate)


def read_head(path: Path) -> bytes:
    """The first bytes of the (decompressed) file, enough to tell its format."""
    with path.open("rb") as handle:
        raw = handle.read(SNIFF_BYTES)
    if raw[:2] != b"\x1f\x8b":
        return raw
    try:
        with gzip.open(path, "rb") as handle:
            return handle.read(SNIFF_BYTES)
    except (EOFError, gzip.BadGzipFile, zlib.error) as error:
        raise UnreadableInputError("truncated_gzip", f"the gzip data is truncated or corrupt ({error})") from error


def decompress(raw: bytes) -> bytes:
    """A file's bytes as stored, decompressed when they are gzip whatever its name; a broken gzip is unreadable."""
    if raw[:2] != b"\x1f\x8b":
        return raw
    try:
        return gzip.decompress(raw)
    except (EOFError, gzip.BadGzipFile, zlib.error) as error:
        raise UnreadableInputError("truncated_gzip", f"the gzip data is truncated or corrupt ({error})") from error


def detect_format(path: Path, head: bytes) -> SourceFormat | None:
    """The format from the name (ignoring `.gz`), else from the first bytes; None when neither tells."""
    suffixes = [suffix.lower() for suffix in path.suffixes if suffix.lower() != ".gz"]
    if suffixes and suffixes[-1] in EXTENSIONS:
        return EXTENSIONS[suffixes[-1]]
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:SNIFF_BYTES]
    lowered = start[:512].lower()
    if start.startswith(b"WARC/"):
        return SourceFormat.warc
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<body" in lowered or b"<head" in lowered:
        return SourceFormat.html
    if start.startswith(b"{"):
        return SourceFormat.jsonl
    if start and not looks_binary(start):
        return SourceFormat.pagetext
    return None


CONTROL_BYTES = bytes([*range(9), *range(14, 32)])
"""Control characters other than tab, line feed, vertical tab, form feed and carriage return."""


def looks_binary(head: bytes) -> bool:
    """NUL bytes or many control characters: an image, archive or executable, not text."""
    if b"\x00" in head:
        return True
    # Deleting the control bytes in C and comparing lengths counts them without a Python loop over the bytes.
    controls = len(head) - len(head.translate(None, CONTROL_BYTES))
    return controls > len(head) * 0.05


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    repaired: int
    """How many characters could not be decoded and were replaced with U+FFFD."""


def decode(data: bytes, declared: str | None = None) -> DecodedText:
    """Decode text: as `declared` (an HTTP charset) or UTF-8 when it is valid so, else in the encoding
    charset-normalizer finds, else as UTF-8 with the undecodable bytes replaced.

    Raises `UnreadableInputError` for empty, binary, or mostly undecodable input.
    """
    if not data.strip():
        raise UnreadableInputError("empty", "the input is empty or holds only white space")
    if looks_binary(data[:SNIFF_BYTES]):
        raise UnreadableInputError("binary", "the input is binary (it has NUL or control bytes), not text", data)
    body = data.removeprefix(b"\xef\xbb\xbf")
    for encoding in dict.fromkeys(filter(None, (declared, "utf-8"))):
        try:
            return DecodedText(body.decode(encoding), encoding, 0)
        except (LookupError, UnicodeDecodeError):
            continue
    guess = from_bytes(body).best()
    if guess is not None and guess.encoding not in {"utf_8", "ascii"}:
        return DecodedText(str(guess), guess.encoding, 0)
    text = body.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd")
    if replaced > len(text) * REPLACEMENT_SHARE_LIMIT:
        raise UnreadableInputError(
            "undecodable",
            f"{replaced} of {len(text)} characters are not valid in UTF-8 or any encoding detected",
            data,
        )
    return DecodedText(text, "utf-8 (repaired)", replaced)
