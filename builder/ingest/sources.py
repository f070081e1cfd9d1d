"""Finding the input files, telling their format, and turning their bytes into text.

Everything here is about the edges: paths, globs, fsspec URLs, compression, encodings. Nothing here knows what an
article is.
"""

from __future__ import annotations

import codecs
import glob
import locale
import os
import re
import tempfile
import unicodedata
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import cache
from pathlib import Path

import brotli
from charset_normalizer import CharsetMatch, from_bytes

from builder.compression import SUFFIXES as COMPRESSION_SUFFIXES
from builder.compression import (
    BrokenCompressedDataError,
    TrailingDataError,
    broken_data,
    compression_of_file,
    decompressed,
    open_compressed,
    read_at_most,
    zstd,
)
from builder.enrich.function_words import language_function_words
from builder.enrich.language import detect_language
from builder.ingest.archives import extract_member, is_archive, list_archive, member_of
from builder.records import SourceFormat

EXTENSIONS: dict[str, SourceFormat] = {
    ".txt": SourceFormat.pagetext,
    ".md": SourceFormat.pagetext,
    ".markdown": SourceFormat.pagetext,
    ".html": SourceFormat.html,
    ".htm": SourceFormat.html,
    ".mhtml": SourceFormat.html,
    ".mht": SourceFormat.html,
    ".webarchive": SourceFormat.html,
    ".warc": SourceFormat.warc,
    # Common Crawl's WET files (`.warc.wet.gz`): told by name, a big one is split among the workers, and the run's
    # sample of page dumps does not read it through.
    ".wet": SourceFormat.warc,
    ".jsonl": SourceFormat.jsonl,
    ".rss": SourceFormat.feed,
    ".atom": SourceFormat.feed,
    ".ndjson": SourceFormat.jsonl,
    ".jl": SourceFormat.jsonl,
    ".json": SourceFormat.jsonl,
    ".csv": SourceFormat.csv,
    ".tsv": SourceFormat.csv,
    ".parquet": SourceFormat.parquet,
    ".pq": SourceFormat.parquet,
    ".arrow": SourceFormat.arrow,
    ".feather": SourceFormat.arrow,
}
NOT_PAGES: dict[str, tuple[str, ...]] = {
    "a style sheet": (".css", ".scss", ".sass", ".less"),
    "a script": (".js", ".mjs", ".cjs", ".map"),
    "an image": (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".bmp", ".ico", ".svg", ".tif", ".tiff", ".heic"),
    "a font": (".woff", ".woff2", ".ttf", ".otf", ".eot"),
    "audio or video": (".mp3", ".m4a", ".ogg", ".wav", ".mp4", ".m4v", ".webm", ".mov", ".avi", ".m3u8"),
    "a document": (".pdf", ".doc", ".docx", ".odt", ".rtf", ".epub", ".xls", ".xlsx", ".ods", ".ppt", ".pptx"),
}
"""What a file is by its suffix, when it is no page, crawl or export: a site mirrored with wget or HTTrack holds
thousands of them beside its pages, and read as page text, a style sheet or a script with a licence comment could
pass for an article."""
_NOT_PAGE_SUFFIXES = {suffix: kind for kind, suffixes in NOT_PAGES.items() for suffix in suffixes}


def not_a_page(path: Path) -> str | None:
    """What the file is when its suffix says it is no page, crawl or export ("a style sheet (.css)"), else None."""
    suffix = format_suffix(path)
    kind = _NOT_PAGE_SUFFIXES.get(suffix or "")
    return None if kind is None else f"{kind} ({suffix})"


PARQUET_MAGIC = b"PAR1"
"""The four bytes a Parquet file starts (and ends) with."""
ARROW_FILE_MAGIC = b"ARROW1"
"""The bytes an Arrow IPC file (a Feather file) starts with; the stream format (`save_to_disk`) has none."""
URL = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*://")
"""An fsspec URL (s3://, gs://, hf://, file://, memory://) rather than a local path."""
COPY_CHUNK_BYTES = 1 << 20
SNIFF_BYTES = 8192
UTF8_BOM = b"\xef\xbb\xbf"
UTF8_REPLACEMENT_CHARACTER = "\ufffd".encode()
WIDE_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)
"""Byte-order marks of the wide Unicode encodings, UTF-32 first (its little-endian mark starts with UTF-16's)."""
WIDE_ZERO_SHARE = 0.5
"""A text without a byte-order mark is taken as UTF-16 when more than this share of its even (big-endian) or odd
(little-endian) bytes are zero and almost none of the others are: the high bytes of Latin characters."""
REPAIRED_UTF8 = "utf-8 (repaired)"
"""The encoding a text is said to have when it was decoded as UTF-8 with undecodable bytes replaced."""
SEVEN_BIT_CODECS = ("iso2022", "utf-7", "hz")
"""Python's names of the encodings that write other scripts in ASCII bytes with escape sequences."""
REPLACEMENT_SHARE_LIMIT = 0.01
"""Above this share of undecodable characters a text is not worth annotating: it is quarantined."""
_MIME_HEAD = re.compile(rb"^(?:[\w-]+:[^\n]*\n(?:[ \t][^\n]*\n)*)*?content-type:\s*multipart/related", re.IGNORECASE)
"""A MIME header block, folded lines and all, that declares a multipart/related message before its first blank
line: how an MHTML archive starts, whatever other headers ("From: <Saved by Blink>", "MIME-Version") come first."""
_FEED_ROOT = re.compile(rb"<(?:rss\b|rdf:RDF\b|feed\b[^>]*\bxmlns=[\"']http://www\.w3\.org/2005/Atom)")
"""How a feed's root element opens."""


@dataclass(frozen=True, slots=True, init=False)
class InputFile:
    """An input file: a local path, or an fsspec URL that `local_copy` makes readable. A run lists all of its
    inputs before it starts (112,466 files for 2 GB of page dumps), so the path is kept as a string, a fifth of
    the memory of a `Path` (which keeps its parts as a list)."""

    location: str
    """The path or URL to read the file at."""
    shown: str
    """The path as the user will recognise it in reports (relative to where they pointed)."""

    def __init__(self, path: Path | str, shown: str) -> None:
        location = str(path)
        object.__setattr__(self, "location", location)
        # A name's bytes that are not UTF-8 come as surrogates (Python's file-system encoding), which no record can
        # hold: they are shown as escapes ("bad\xff.txt"), readable and writable, while `location` still opens it.
        if not shown.isascii():
            shown = shown.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        # One string for both when they are equal, as they are for every file that `discover` finds.
        object.__setattr__(self, "shown", location if shown == location else shown)

    @property
    def path(self) -> Path:
        return Path(self.location)


class InputListingError(Exception):
    """An input URL whose files cannot be listed (no back end for its protocol, no access): the run cannot know
    what it holds, so it does not start."""


SNIPPET_CHARS = 200
"""How much of a rejected input its quarantine entry shows."""


def snippet(data: bytes | str) -> str:
    """The start of a rejected input, readable whatever its bytes: a byte that is no UTF-8 and a control character
    but a line break or a tab are written as escapes ("\\x8f", "\\x07"), so that the start of a binary file shows
    what it holds rather than replacement marks, and prints without moving a terminal's cursor."""
    # Bytes enough for the characters shown, so that a character cut at the end is past them, not shown as escapes.
    start = data[: SNIPPET_CHARS * 4] if isinstance(data, bytes) else data[:SNIPPET_CHARS]
    text = start.decode("utf-8", errors="backslashreplace") if isinstance(start, bytes) else start
    return _CONTROL.sub(lambda control: f"\\x{ord(control.group()):02x}", text)[:SNIPPET_CHARS]


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters (C0 and C1) but the tab and the line feed."""


class UnreadableInputError(Exception):
    """The input cannot be turned into text; `code` is the quarantine reason code."""

    def __init__(self, code: str, reason: str, data: bytes = b"") -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason
        self.snippet = snippet(data)


def is_url(location: str) -> bool:
    return URL.match(location) is not None


def discover(inputs: Iterable[str], outputs: Path | None = None) -> Iterator[InputFile]:
    """Expand files, directories (recursively) and globs, local or fsspec URLs, into files, sorted within each
    input, each once; not the files in the run's own `outputs` folder that a folder or glob takes in.

    A directory is walked as its files are taken, holding one directory's listing at a time rather than a `Path`
    for every file under it; what grows with the files is the set of their resolved paths, to yield each once.
    """
    seen: set[str] = set()
    # `builder ingest data --out data/out` run twice would read the first run's documents, quarantine and report
    # as scraper records; a file inside it named on its own is still read, being asked for.
    skipped = os.path.realpath(outputs) + os.sep if outputs is not None else None
    for given in inputs:
        if is_url(given):
            for url in _files_at_url(given):
                if url not in seen:
                    seen.add(url)
                    yield InputFile(url, url)
            continue
        path = Path(given)
        if path.is_dir():
            candidates: Iterable[Path] = _files_under(path, skipped)
        elif path.exists():
            candidates = [path]
        else:
            candidates = sorted(
                Path(match)
                for match in glob.glob(given, recursive=True)
                if (Path(match).is_file() or (os.path.islink(match) and not os.path.exists(match)))
                and not (skipped and os.path.realpath(match).startswith(skipped))
            )
            if not candidates:
                # A path named that is not there, or a pattern that matches no file: read, it is quarantined as
                # unreadable with the system's reason, rather than vanishing from a run that reads the other inputs.
                candidates = [path]
        for candidate in candidates:
            resolved = os.path.realpath(candidate)
            if resolved in seen:
                continue
            seen.add(resolved)
            if not is_archive(candidate):
                yield InputFile(candidate, str(candidate))
                continue
            listing = list_archive(candidate, str(candidate))
            yield from (InputFile(location, shown) for location, shown in listing.files)
            if listing.broken is not None or not listing.files:
                # An archive that cannot be read, or has no file to read, or is cut short after some (a tar), is
                # an input too, so that reading it quarantines it with why.
                yield InputFile(candidate, str(candidate))


def _files_under(directory: Path, skipped: str | None = None) -> Iterator[Path]:
    """The files under the directory, but not those whose names start with a dot, nor those in the folder
    `skipped` (a resolved path ending with a separator), in the order of `sorted(directory.rglob("*"))`: by
    name at each level, a subdirectory's files in its place. Symbolic links to files are files; those to
    directories are not followed, as `rglob` does not follow them. A broken link, a link that loops, and a folder
    that cannot be listed, are listed too, so that reading them fails with a reason in quarantine rather than
    their files vanishing unseen. Walked with a stack of listings rather than by recursion, which a tree a
    thousand folders deep exhausted."""
    # Each listing with its folder's resolved path: a subfolder reached without following a link resolves to its
    # parent's and its name, where resolving each folder anew took time in the square of the tree's depth.
    listings: list[_Listing] = []
    unlisted = _open_listing(directory, os.path.realpath(directory), skipped, listings)
    if unlisted is not None:
        yield unlisted
    while listings:
        entries, resolved, left_out = listings[-1]
        entry = next(entries, None)
        if entry is None:
            listings.pop()
        elif entry.is_dir(follow_symlinks=False):
            folder = Path(entry.path)
            if (unlisted := _open_listing(folder, os.path.join(resolved, entry.name), skipped, listings)) is not None:
                yield unlisted
        elif _is_file_or_odd_link(entry) and not entry.name.startswith(".") and entry.name not in left_out:
            yield Path(entry.path)


_Listing = tuple[Iterator[os.DirEntry[str]], str, frozenset[str]]
"""A folder's entries still to walk, its resolved path, and the names of its files that are left out."""
SAVED_DATASET_METADATA = frozenset({"dataset_info.json", "state.json"})
"""What a Hugging Face `save_to_disk` writes beside its `.arrow` files: the data set's description and the list
of its files, no article. Left out of a folder that holds `.arrow` files, where each was quarantined as a record
without text."""


def _open_listing(directory: Path, resolved: str, skipped: str | None, listings: list[_Listing]) -> Path | None:
    """Push the directory's entries, sorted by name, onto `listings`; the directory itself when it cannot be
    listed (an input of the run like a file: reading it quarantines it with the listing's error)."""
    if skipped and resolved + os.sep == skipped:
        return None
    try:
        with os.scandir(directory) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError:
        return directory
    saved_dataset = any(entry.name.endswith(".arrow") for entry in entries)
    listings.append((iter(entries), resolved, SAVED_DATASET_METADATA if saved_dataset else frozenset()))
    return None


def _is_file_or_odd_link(entry: os.DirEntry[str]) -> bool:
    """Anything but a folder: a file, a link to one, a link that leads nowhere (broken, or looping: "a -> b -> a",
    which `is_file` raises on rather than answers), or a pipe, socket or device, which reading quarantines."""
    try:
        return not entry.is_dir()
    except OSError:
        return entry.is_symlink()


def _files_at_url(given: str) -> list[str]:
    """The files at an fsspec URL: the file itself, a folder's files searched recursively (not those whose
    names start with a dot, as locally), or a glob's files; sorted, each as a URL of the same protocol."""
    # fsspec is imported here, not above: it costs a tenth of a second that runs over local files never need.
    import fsspec

    protocol = given.split("://", 1)[0]
    # A chained URL ("zip://page.txt::file:///data/dumps.zip") names its files inside what follows "::": each
    # found file keeps that chain, or it would be looked for against the working directory.
    chain = given.split("::", 1)[1] if "::" in given else None
    try:
        file_system, path = fsspec.core.url_to_fs(given)
        if file_system.isdir(path):
            found = sorted(name for name in file_system.find(path) if not name.rsplit("/", 1)[-1].startswith("."))
        elif file_system.exists(path):
            found = [path]
        else:
            found = sorted(name for name in file_system.glob(path) if file_system.isfile(name))
    except ImportError as error:  # fsspec names the package to install: "Install s3fs to access S3"
        raise InputListingError(f"cannot read {given}: {error}") from error
    except Exception as error:  # each back end raises its own errors (unknown protocol, credentials, network)
        raise InputListingError(f"cannot list {given}: {error}") from error
    urls = [f"{protocol}://{name.removeprefix(f'{protocol}://')}" for name in found]
    return [f"{url}::{chain}" for url in urls] if chain else urls


@contextmanager
def local_copy(source: InputFile) -> Iterator[InputFile]:
    """The input as a local file: itself, or a URL's file streamed to a temporary folder under its own name
    (whose suffixes tell its format as they would locally), removed afterwards. The reader needs a real file:
    it seeks and sniffs, reads WARC records and hashes the bytes; `shown` stays the URL."""
    if (member := member_of(source.location)) is not None:
        with tempfile.TemporaryDirectory(prefix="builder-input-") as folder:
            yield InputFile(extract_member(member, Path(folder)), source.shown)
        return
    if not is_url(source.location):
        yield source
        return
    import fsspec

    with tempfile.TemporaryDirectory(prefix="builder-input-") as folder:
        # Named by the file's own URL, before a chain's "::" (the archive it is read from).
        copy = Path(folder) / source.location.split("::", 1)[0].rstrip("/").rsplit("/", 1)[-1]
        with fsspec.open(source.location, "rb") as remote, copy.open("wb") as local:
            while chunk := remote.read(COPY_CHUNK_BYTES):
                local.write(chunk)
        yield InputFile(copy, source.shown)


def read_head(path: Path) -> bytes:
    """The first bytes of the (decompressed) file, enough to tell its format. Compressed data that breaks within
    them gives the bytes before the break, for the reader to read what it can and quarantine the break after it
    (refused here, a small gzip file cut short lost the lines before its cut); unreadable when none comes before."""
    compression = compression_of_file(path)
    with open_compressed(path, compression) as handle:
        head, error = read_at_most(handle, SNIFF_BYTES)
    if error is None or (head and broken_data(error, compression) is not None):
        return head
    if broken := broken_data(error, compression):
        raise UnreadableInputError(broken.code, str(broken)) from error
    raise error


def read_decompressed(path: Path, limit: int) -> tuple[bytes, TrailingDataError | None]:
    """Up to `limit` bytes of the (decompressed) file, and what follows its compressed data, if anything does
    (see `TrailingDataError`); broken compressed data is unreadable."""
    compression = compression_of_file(path)
    with open_compressed(path, compression) as handle:
        data, error = read_at_most(handle, limit)
    if error is None or isinstance(error, TrailingDataError):
        return data, error
    if broken := broken_data(error, compression):
        raise UnreadableInputError(broken.code, str(broken)) from error
    raise error


def decompress(raw: bytes, limit: int) -> tuple[bytes, TrailingDataError | None]:
    """A file's bytes as stored, decompressed when they are compressed whatever its name, up to `limit` bytes, and
    what follows its compressed data, if anything does; broken compressed data is unreadable."""
    try:
        return decompressed(raw, limit)
    except BrokenCompressedDataError as error:
        raise UnreadableInputError(error.code, str(error)) from error


def http_body(body: bytes, transfer_encoding: str | None, content_encoding: str | None, limit: int) -> bytes:
    """An HTTP response body as the page was written: chunked transfer undone, then gzip, deflate, brotli or
    Zstandard content coding, each coding a header lists undone in the reverse of its order ("gzip, br": brotli
    was applied last, RFC 9110, section 8.4). WARCs written by wget, warcprox or Browsertrix keep the response as it
    came over the wire; FastWARC hands it over undecoded (Common Crawl's come decoded, their headers renamed).

    No coding is undone past `limit` bytes: a body that decodes to more is `page_too_large` (a megabyte of gzip can
    hold a gigabyte of one repeated byte, which decoded whole took gigabytes of memory)."""
    if transfer_encoding and "chunked" in transfer_encoding.lower():
        body = _dechunked(body)
    codings = [coding.strip().lower() for coding in (content_encoding or "").split(",")]
    for coding in reversed([coding for coding in codings if coding not in {"identity", ""}]):
        body = _decoded(body, coding, limit)
        if len(body) > limit:
            raise UnreadableInputError(
                "page_too_large",
                f"the body's {coding} content coding decodes to more than {limit >> 20} MB, far more than any page",
                body,
            )
    return body


BROTLI_INPUT_CHUNK = 1024
"""Brotli's decompressor has no cap on what it writes: it is fed this much at a time and stopped past the limit."""


def _decoded(body: bytes, coding: str, limit: int) -> bytes:
    """The body with one content coding undone, up to `limit` + 1 bytes (enough to tell that it holds more)."""
    try:
        if coding in {"gzip", "x-gzip", "deflate"}:
            if coding != "deflate" and body[:2] != b"\x1f\x8b":
                return body  # without gzip's magic bytes the crawler decoded the body already and kept the header
            if coding == "deflate":
                # Servers send zlib-wrapped or raw deflate under the same name; browsers accept both.
                wbits = zlib.MAX_WBITS if body[:1] == b"\x78" else -zlib.MAX_WBITS
            else:
                wbits = zlib.MAX_WBITS | 16
            inflater = zlib.decompressobj(wbits=wbits)
            decoded = inflater.decompress(body, limit + 1)
            finished = inflater.eof
        elif coding == "br":
            decompressor = brotli.Decompressor()
            written: list[bytes] = []
            size = 0
            for start in range(0, len(body), BROTLI_INPUT_CHUNK):
                written.append(decompressor.process(body[start : start + BROTLI_INPUT_CHUNK]))
                size += len(written[-1])
                if size > limit:
                    break
            decoded, finished = b"".join(written), decompressor.is_finished()
        elif coding == "zstd":
            # Browsers ask for it since 2024 (Chrome 123, Firefox 126), and CDNs send it.
            unzstd = zstd.ZstdDecompressor()
            decoded, finished = unzstd.decompress(body, max_length=limit + 1), unzstd.eof
        else:
            raise UnreadableInputError(
                "unsupported_content_encoding", f"content coding {coding!r} is not supported", body
            )
    except (zlib.error, brotli.error, zstd.ZstdError) as error:
        raise UnreadableInputError(
            "broken_content_encoding", f"the body's {coding} content coding is corrupt ({error})", body
        ) from error
    if not finished and len(decoded) <= limit:
        raise UnreadableInputError(
            "broken_content_encoding", f"the body's {coding} content coding is corrupt (it ends early)", body
        )
    return decoded  # type: ignore[no-any-return]


def _dechunked(body: bytes) -> bytes:
    """A chunked transfer-coded body joined (RFC 9112, section 7.1); chunk extensions and trailers are dropped."""
    chunks: list[bytes] = []
    position = 0
    while True:
        line_end = body.find(b"\r\n", position)
        size_text = body[position : line_end if line_end >= 0 else len(body)].split(b";", 1)[0].strip()
        try:
            size = int(size_text, 16)
        except ValueError:
            raise UnreadableInputError(
                "broken_chunked_body", f"a chunk size is not a hex number at byte {position}", body
            ) from None
        if size == 0:
            return b"".join(chunks)
        start = line_end + 2
        if line_end < 0 or start + size > len(body):
            raise UnreadableInputError("broken_chunked_body", f"the chunk at byte {position} is cut short", body)
        chunks.append(body[start : start + size])
        position = start + size + 2


def format_suffix(path: Path) -> str | None:
    """The file name's last suffix that is not a compression's, lower-cased: `.txt` for `Page.TXT.gz`."""
    suffixes = [suffix.lower() for suffix in path.suffixes if suffix.lower() not in COMPRESSION_SUFFIXES]
    return suffixes[-1] if suffixes else None


def detect_format(path: Path, head: bytes) -> SourceFormat | None:
    """The format from the name (ignoring a compression suffix), else from the first bytes; None when neither
    tells."""
    suffix = format_suffix(path)
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    return content_format(head)


def content_format(head: bytes) -> SourceFormat | None:
    """The format the first bytes of a file tell, whatever its name; None for binary data or an empty file. Any
    text of no other format's is page text."""
    if head.startswith(PARQUET_MAGIC):
        return SourceFormat.parquet
    if head.startswith(ARROW_FILE_MAGIC):
        return SourceFormat.arrow
    start = _text_start(head)
    lowered = start[:512].lower()
    if start.startswith(b"WARC/"):
        return SourceFormat.warc
    if is_webarchive(start):
        return SourceFormat.html
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<body" in lowered or b"<head" in lowered:
        return SourceFormat.html
    if is_mhtml(start):
        return SourceFormat.html
    if is_feed(start):
        return SourceFormat.feed
    if start.startswith(b"{") or re.match(rb"\[\s*[{\]]", start):
        return SourceFormat.jsonl
    # NULs padding the end of a short file (an interrupted write) are repaired by `decode`, not a sign of binary.
    if (text := start.rstrip(b"\x00")) and not looks_binary(text):
        return SourceFormat.pagetext
    return None


def _text_start(head: bytes) -> bytes:
    """The first bytes of a file as ASCII-compatible text (UTF-16 and UTF-32 read so), without a byte-order mark
    or the white space before the first character."""
    wide = wide_encoding(head)
    if wide is not None:
        codec, bom_bytes = wide
        head = head[bom_bytes:].decode(codec, errors="ignore").encode()
    return head.lstrip(b"\xef\xbb\xbf \t\r\n")[:SNIFF_BYTES]


FORMAT_NAMES = {
    SourceFormat.pagetext: "page text",
    SourceFormat.html: "HTML",
    SourceFormat.warc: "WARC",
    SourceFormat.jsonl: "JSON Lines",
    SourceFormat.feed: "an RSS or Atom feed",
    SourceFormat.csv: "CSV",
    SourceFormat.parquet: "Parquet",
    SourceFormat.arrow: "Arrow",
}


def forced_format_note(head: bytes, forced: SourceFormat) -> str | None:
    """What to add to the rejections of a file read in the format `--format` forced when its first bytes plainly
    are another format's ("read as WARC because of --format warc, but it looks like page text"); None when they
    may start a file of the forced format, or tell no format. The forced format is still read: the user may know
    better, but a rejection for a WARC record that a page dump never had made no sense without it."""
    looks = content_format(head)
    if looks is None or looks is forced or _may_start(head, forced):
        return None
    return f"read as {FORMAT_NAMES[forced]} because of --format {forced.value}, but it looks like {FORMAT_NAMES[looks]}"


def _may_start(head: bytes, file_format: SourceFormat) -> bool:
    """Whether the first bytes of a file may be those of a file in `file_format`, told leniently: CSV may be any
    text, page text any that is of no other format (a doctype, a WARC header, a feed's root are not what a browser
    copies from a page), HTML any with a tag, a feed any XML; binary formats by their magic bytes."""
    if file_format is SourceFormat.pagetext:
        return content_format(head) in (None, SourceFormat.pagetext)
    start = _text_start(head)
    if file_format is SourceFormat.warc:
        return start.startswith(b"WARC/")
    if file_format is SourceFormat.jsonl:
        return start.startswith((b"{", b"["))
    if file_format is SourceFormat.feed:
        return start.startswith(b"<")
    if file_format is SourceFormat.html:
        return b"<" in start
    if file_format is SourceFormat.parquet:
        return head.startswith(PARQUET_MAGIC)
    if file_format is SourceFormat.arrow:
        # The stream format has no magic bytes: anything but text may be one.
        return content_format(head) in (None, SourceFormat.arrow)
    return True


def is_mhtml(head: bytes) -> bool:
    """Whether the first bytes of a file are the headers of an MHTML archive."""
    return _MIME_HEAD.match(head.lstrip().replace(b"\r\n", b"\n")) is not None


def is_feed(head: bytes) -> bool:
    """Whether the first bytes of a file (without a byte-order mark or leading space) are those of an RSS or Atom
    feed: its root element within the first 2 KB, after any XML declaration, comments or style sheet."""
    return head.startswith(b"<") and _FEED_ROOT.search(head[:2048]) is not None


_XML_PLIST = re.compile(rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!DOCTYPE plist[^>]*>\s*)?<plist\b")


def is_webarchive(head: bytes) -> bool:
    """Whether the first bytes of a file are those of a Safari web archive: a property list, binary as Safari
    writes it or XML as `plutil -convert xml1` does, whose top-level keys include WebMainResource."""
    return (head.startswith(b"bplist00") or _XML_PLIST.match(head) is not None) and b"WebMainResource" in head


CONTROL_BYTES = bytes([*range(9), *range(14, 32)])
"""Control characters other than tab, line feed, vertical tab, form feed and carriage return."""


def wide_encoding(head: bytes) -> tuple[str, int] | None:
    """`(codec, byte-order mark length)` of a UTF-16 or UTF-32 text (as Windows tools save "Unicode" text), or
    None. Told by its byte-order mark, or for UTF-16 without one by the zero bytes of its Latin characters."""
    for bom, codec in WIDE_BOMS:
        if head.startswith(bom):
            return codec, len(bom)
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even_zeros, odd_zeros = head[0 : 2 * pairs : 2].count(0), head[1 : 2 * pairs : 2].count(0)
    if odd_zeros > pairs * WIDE_ZERO_SHARE and even_zeros < pairs * 0.05:
        return "utf-16-le", 0
    if even_zeros > pairs * WIDE_ZERO_SHARE and odd_zeros < pairs * 0.05:
        return "utf-16-be", 0
    return None


NUL_SHARE_LIMIT = 0.01
"""Text holds a stray NUL byte or two (a scraper's C string, a damaged sector), which `decode` repairs; images,
archives and executables hold NULs by the hundred in their first kilobytes. One NUL is stray however short the
text."""


def looks_binary(head: bytes) -> bool:
    """More than a stray NUL byte, or many control characters: an image, archive or executable, not text."""
    # Deleting the control bytes in C and comparing lengths counts them without a Python loop over the bytes.
    controls = len(head) - len(head.translate(None, CONTROL_BYTES))
    return head.count(0) > max(1, len(head) * NUL_SHARE_LIMIT) or controls > len(head) * 0.05


NOT_WEB_ENCODINGS = re.compile(r"^(cp(437|7\d\d|8[5-6]\d|1125)|mac_\w+|hp_roman8)$")
"""DOS and classic Mac OS code pages, and HP's Roman-8 (its printers' and terminals'): charset-normalizer ranks them
as high as the Windows code page that web pages use (a Windows-1252 news page with curly quotes came out as Baltic
DOS, cp775: "won't ægive up'"; a Finnish one as Roman-8, "esittðð lisðð rahaa", a Portuguese one "Cãmara")."""
EQUALLY_CLEAN = 0.01
"""How much more noise (charset-normalizer's chaos) a web encoding may show than the best guess and still win."""


MOST_WEB_ENCODING = "cp1252"
"""Windows-1252, the legacy charset most web pages were written in (and how HTML reads a "latin1" label)."""
TEXT_RUN = re.compile(rb"[^<>\r\n]+")
"""A run of text between line breaks and markup (a page's HTML, a feed's XML): a line of a page dump or a CSV
export, an element's text."""
LETTERS_SAMPLE_BYTES = 1 << 16
"""How much of the runs of text that hold other bytes than ASCII's `web_encoding` weighs its guesses' letters on:
a long page's first 64 KB of them say as much as the rest, and reading all of a 1.2 MB page in each guess took
130 ms, where charset-normalizer's own detection takes 35."""
NON_ASCII = re.compile(r"[^\x00-\x7f]")


def web_encoding(body: bytes) -> CharsetMatch | None:
    """charset-normalizer's best guess, but a web encoding before a DOS or Mac one that reads as cleanly, and
    Windows-1252 before another one that reads as cleanly and as coherently; then, of the web encodings it finds and
    the code pages of the text's language that it left out but that read as cleanly (`_language_readings`), the one
    whose letters are most those of the language (`_letters_fit`), that guess on a tie, unless another legacy web
    code page that writes all of the language's letters fits them better (`_better_fitting_reading`). When the
    text's ASCII letters tell no language with a legacy charset (Greek, Cyrillic), the reading in a web encoding
    that makes far more of its language's function words than that guess does instead (`_reading_in_words`).

    The second is a tie charset-normalizer breaks by its own order: a French feed's "à" (the one letter where
    Windows-1250 and 1252 differ) came out as Central European "ŕ" when English markup and text made every Latin
    code page equally likely. The last is where its noise measure misleads it: it counts a word half of whose
    letters bear acute, grave or circumflex accents as noise ("Déjà") but not one with Baltic or Central European
    ogoneks and carons, so a French paragraph with one "déjà" came out as Baltic (cp1257: "Déją", "ministčre"), and
    a Lithuanian or Turkish one as Windows-1252 ("sumaþëjo", "Saðlýk"). Its one guess is weighed too: it may be a
    multi-byte code page that made it try no other (`_language_readings`)."""
    guesses = list(from_bytes(body))
    if not guesses:
        return None
    choice = _cleanest_web_encoding(guesses)
    rivals = [guess for guess in guesses if guess is not choice and not NOT_WEB_ENCODINGS.match(guess.encoding)]
    sample = _runs_with_other_bytes(body)
    # The sample's ASCII letters, which every guess reads alike, tell its language: not the one a misreading looks
    # like. Dropping the other letters ("prsident") leaves py3langid enough: of 1,797 short news texts in 14
    # languages written in Latin script, it named the language of 1,792 and found 5 too short.
    language = detect_language(sample.decode("ascii", errors="ignore"))
    charset = _language_charset(language)
    if charset is None:
        return _reading_in_words(body, sample, choice, rivals)
    letters = _language_letters(language, charset)
    weighed = [choice, *rivals, *_language_readings(body, charset, guesses, choice)]
    fits = [_letters_fit(sample.decode(guess.encoding, errors="replace"), charset, letters) for guess in weighed]
    # `max` keeps the first of equals: the guess by charset-normalizer's measures, when no rival fits better.
    best = max(range(len(weighed)), key=fits.__getitem__)
    return _better_fitting_reading(body, sample, charset, letters, weighed, fits[best]) or weighed[best]


def _cleanest_web_encoding(guesses: list[CharsetMatch]) -> CharsetMatch:
    """`web_encoding`'s choice by charset-normalizer's measures alone: its noise (chaos) and coherence."""
    best = guesses[0]
    chosen = next(
        (
            guess
            for guess in guesses
            if not NOT_WEB_ENCODINGS.match(guess.encoding) and guess.chaos <= best.chaos + EQUALLY_CLEAN
        ),
        best,
    )
    return next(
        (
            guess
            for guess in guesses
            if guess.encoding == MOST_WEB_ENCODING
            and guess.chaos <= chosen.chaos
            and guess.coherence >= chosen.coherence
        ),
        chosen,
    )


def _runs_with_other_bytes(body: bytes) -> bytes:
    """The runs of text (`TEXT_RUN`) that hold bytes other than ASCII's, the bytes guesses read differently, a line
    each, up to `LETTERS_SAMPLE_BYTES`."""
    runs: list[bytes] = []
    size = 0
    for match in TEXT_RUN.finditer(body):
        if match.group().isascii():
            continue
        runs.append(match.group())
        size += len(runs[-1])
        if size >= LETTERS_SAMPLE_BYTES:
            break
    return b"\n".join(runs)


def _language_readings(
    body: bytes, charset: str, guesses: list[CharsetMatch], choice: CharsetMatch
) -> list[CharsetMatch]:
    """charset-normalizer's readings of the body in the language's charset and in its Windows sibling, those of
    them its guesses lack, when they read as cleanly as its choice.

    It leaves code pages out: those like one it has found once it has a few (ISO-8859-2, when ISO-8859-10, 14 and 4
    read a Polish text as cleanly: "przyjąģ", "ķrodę"), and every single-byte one once a multi-byte one reads a few
    byte pairs without noise (a German sentence's "für" and "fünf" read as Big5, "f僡" and "f𤦂f"). As clean as
    its choice, not just clean enough for its list: Chinese read as Latin letters is noisy, and must not win by
    holding more of the Latin letters that the ASCII words' language is written with."""
    found = {codecs.lookup(guess.encoding).name for guess in guesses}
    missing = [name for name in dict.fromkeys((_windows_sibling(charset), charset)) if name and name not in found]
    # One code page a call: given both, charset-normalizer skips ISO-8859-2 as like Windows-1250 when that one reads
    # a Polish text's "ą" as a noisy "±", and finds neither.
    return [
        reading
        for name in missing
        for reading in from_bytes(body, cp_isolation=[name])
        if reading.chaos <= choice.chaos + EQUALLY_CLEAN
    ]


def _better_fitting_reading(
    body: bytes, sample: bytes, charset: str, letters: frozenset[str], weighed: list[CharsetMatch], fit: int
) -> CharsetMatch | None:
    """charset-normalizer's reading of the body in a legacy web code page other than those `weighed` that writes
    every one of the language's `letters`, when its letters fit the language better than `fit` (`_letters_fit`)
    and it reads as cleanly as the first of `weighed` (charset-normalizer's choice); None when there is none.

    `_language_readings` adds the language's own charset and its Windows sibling, but a language was written in
    others too, which charset-normalizer may not try: once a code page reads a text coherently, it tries seven more
    of the same script that read it as cleanly and no others. So Turkish in ISO-8859-3 (which writes "ş", "ı" and
    "ğ" at other bytes than ISO-8859-9) came out as Windows-1252's "ºehir" and "k¹z", and Hungarian in ISO-8859-16
    as Windows-1250's "fřtés". Such a code page's letters are weighed from the sample's counts of bytes, each read
    as one character, which costs far less than reading the sample in each; charset-normalizer reads the body only
    in the one that fits best."""
    found = {codecs.lookup(guess.encoding).name for guess in weighed}
    counts = Counter(sample.translate(None, ASCII_BYTES))
    best: str | None = None
    for page in LEGACY_WEB_CODE_PAGES:
        if codecs.lookup(page).name in found or not all(_writes(page, letter) for letter in letters):
            continue
        try:
            characters = bytes(counts).decode(page)
        except UnicodeDecodeError:  # a byte the code page leaves undefined: not the text's code page
            continue
        page_fit = _characters_fit(dict(zip(characters, counts.values(), strict=True)), charset, letters)
        if page_fit > fit:
            best, fit = page, page_fit
    if best is None:
        return None
    choice = weighed[0]
    return next(
        (reading for reading in from_bytes(body, cp_isolation=[best]) if reading.chaos <= choice.chaos + EQUALLY_CLEAN),
        None,
    )


ASCII_BYTES = bytes(range(0x80))
"""The bytes every legacy web code page reads as ASCII does."""


WINDOWS_CODE_PAGES = tuple(f"cp{number}" for number in range(1250, 1259))
"""Windows' code pages for the scripts of Europe, Turkey and Vietnam, which most legacy web pages were written in."""


LEGACY_WEB_CODE_PAGES = (
    *WINDOWS_CODE_PAGES,
    "cp874",
    *(f"iso8859_{number}" for number in (2, 3, 4, 5, 6, 7, 8, 10, 13, 14, 15, 16)),
    "koi8_r",
    "koi8_u",
)
"""The single-byte code pages web pages were written in (WHATWG's encodings, less the DOS and Mac ones that
`NOT_WEB_ENCODINGS` puts last, and ISO-8859-1, 9 and 11, which browsers read as Windows' 1252, 1254 and 874),
Windows' first: ties between their readings go to the code page most pages were written in."""
SENSE_SAMPLE_BYTES = 1 << 11
"""How much of the runs of text that hold other bytes than ASCII's `_reading_in_words` reads in each code page: a
page of text, dozens of function words in a right reading; reading it in `LEGACY_WEB_CODE_PAGES` and weighing each
reading takes about 3 ms."""
FUNCTION_WORDS_TO_SWITCH = 3
"""How many more of its language's function words a reading must make than charset-normalizer's choice to replace
it: a short sentence's worth. Of the Greek and Cyrillic news sentences in `scripts/eval_charsets.py`, each right
reading makes 3 or more, and a reading in a wrong script up to 4 by chance (Greek read as KOI8-R's Cyrillic makes
Russian "о", "том" and "та" of its "ο", "Τον" and "τα"), which a right reading of a longer text outnumbers by far."""


def _reading_in_words(body: bytes, sample: bytes, choice: CharsetMatch, rivals: list[CharsetMatch]) -> CharsetMatch:
    """charset-normalizer's choice, or the reading of the text in one of its rivals or in a legacy web code page
    that makes `FUNCTION_WORDS_TO_SWITCH` more function words of the language it reads as (`_function_words_read`):
    for a text whose ASCII letters tell no language, mostly one in another script than Latin, where
    `_language_readings` has no language to weigh letters by. Of readings that make as many, the first wins:
    charset-normalizer's own, then Windows' code pages.

    charset-normalizer skips code pages it thinks cannot win, and here they are the right ones. Once a code page
    reads the text with letters about as frequent as a language's (a coherence of a half), it tries no code page
    for another script: Greek in Windows-1253 read as Windows-1251's or KOI8-R's Cyrillic ("П хрпхсгьт", "о
    УПОУЯЦЭР") made it skip Greek's. Once a multi-byte code page reads a few byte pairs without noise, it tries no
    single-byte one: KOI8-R's and KOI8-U's lower-case Cyrillic letters are Shift JIS's half-width katakana, and an
    upper-case one with the next byte a kanji, so Russian, Ukrainian and Bulgarian came out as Japanese ("翡ﾎﾙ ﾎﾁ
    ﾐﾒﾏﾄﾕﾋﾔﾙ"). Neither misreading makes words: a language's function words are a third of its prose ("и", "в",
    "на"; "και", "της"), and another script's letters read from its bytes hold few, while real Japanese or Chinese
    holds none, parting no words with spaces."""
    head = sample[:SENSE_SAMPLE_BYTES]
    fewest = _function_words_read(_head_read(head, choice.encoding, "replace")) + FUNCTION_WORDS_TO_SWITCH
    best: CharsetMatch | str = choice
    counted: dict[str, int] = {}
    tried = {codecs.lookup(choice.encoding).name}
    for candidate in [*rivals, *LEGACY_WEB_CODE_PAGES]:
        encoding = candidate if isinstance(candidate, str) else candidate.encoding
        if (name := codecs.lookup(encoding).name) in tried:
            continue
        tried.add(name)
        try:
            reading = _head_read(head, encoding)
        except UnicodeDecodeError:  # a byte the code page leaves undefined: not the text's code page
            continue
        if reading not in counted:
            counted[reading] = _function_words_read(reading)
        if counted[reading] >= fewest:
            best, fewest = candidate, counted[reading] + 1
    if isinstance(best, CharsetMatch):
        return best
    # charset-normalizer's reading of the whole body, as for its own guesses; none when it finds it too noisy.
    return next(iter(from_bytes(body, cp_isolation=[best])), choice)


def _head_read(head: bytes, encoding: str, errors: str = "strict") -> str:
    """The start of a sample read in the encoding, but for a multi-byte character its end cuts in two."""
    return codecs.getincrementaldecoder(encoding)(errors).decode(head)


WRITTEN_WORD = re.compile(r"[^\W\d_](?:\S*[^\W\d_])?")
"""A word as spaces part it, from its first letter to its last: without the punctuation, digits and symbols at its
ends ("(в", "«και»"), and whole when a misreading turned a letter inside it into a symbol ("р¦к")."""


def _function_words_read(text: str) -> int:
    """How many of the text's words written with other letters than ASCII's are function words of the language
    the text reads as (jusText's lists). A misreading that turns a letter into a symbol (Ukrainian "і" into "¦" in
    KOI8-R) spoils its word rather than making two of it (`WRITTEN_WORD`), nor makes a word of the symbol."""
    function_words = language_function_words(detect_language(text))
    return sum(1 for word in WRITTEN_WORD.findall(text.lower()) if word in function_words and not word.isascii())


@cache
def _windows_sibling(charset: str) -> str | None:
    """The Windows code page that writes every letter the single-byte charset writes (Windows-1250 for ISO-8859-2,
    1252 for ISO-8859-1 and 15, 1254 for ISO-8859-9), or None. Pages declared or thought to be in the ISO charset
    were mostly written in the Windows one, which adds curly quotes, dashes and a few letters in ISO's control
    bytes."""
    letters = {
        character
        for byte in range(0x80, 0x100)
        for character in bytes([byte]).decode(charset, errors="ignore")
        if unicodedata.category(character)[0] == "L"
    }
    if not letters:  # a multi-byte charset (Chinese GB2312): a byte alone is no character
        return None
    return next((page for page in WINDOWS_CODE_PAGES if all(_writes(page, letter) for letter in letters)), None)


def _language_charset(language: str) -> str | None:
    """The legacy charset a language is written in, as the C library's locale names have it
    (`locale.locale_alias`: French ISO-8859-1, Polish ISO-8859-2, Lithuanian ISO-8859-13), or None: the language
    is undetermined ("und"), or written in a charset that has every letter (Russian is UTF-8 there) or Python
    lacks."""
    name = locale.locale_alias.get(language, "").partition(".")[2].partition("@")[0]
    if not name:
        return None
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return None if codec.startswith("utf") else codec


LANGUAGE_LETTER_MIN_WORDS = 3
"""In how many of a language's function words a letter must stand to be the language's own: jusText's Estonian list
holds a loanword's "ç" and "ã" once each, which no Estonian code page but ISO-8859-15 writes, so ISO-8859-4 was
never weighed for Estonian; Czech "ď" stands in three."""


@cache
def _language_letters(language: str, charset: str) -> frozenset[str]:
    """The letters other than ASCII's that the language writes its own words with, in both cases: those of its
    function words (jusText's list) that its legacy charset writes; none when jusText has no list for it.

    Function words are a language's most common words, and hold its letters (Czech "že", "ať", "však"; Polish
    "się", "już", "właśnie"): Czech's list has all of "áčďéěíňóřšťúůýž" and no "ą", Polish's "ąćęłńóśźż" and no
    "š". The charset leaves out the odd foreign letter a list holds (a Cyrillic "и" in the Estonian one)."""
    words_with = Counter(
        character
        for word in language_function_words(language)
        for character in set(unicodedata.normalize("NFC", word.lower()))
        if not character.isascii() and unicodedata.category(character)[0] in "LM"
    )
    letters = {
        written
        for character, words in words_with.items()
        if words >= LANGUAGE_LETTER_MIN_WORDS
        for written in (character, character.upper())
    }
    return frozenset(letter for letter in letters if _writes(charset, letter))


def _letters_fit(text: str, charset: str, letters: frozenset[str]) -> int:
    """How many of the text's letters other than ASCII's the charset of its language writes, less how many it
    cannot, less its control characters, plus how many are the language's own `letters` again. A misreading turns
    the language's letters into another language's ("à" into Baltic "ą"), into symbols (Polish "ł" into "³"), into
    combining accents (Windows-1258 reads Italian "ì" as "i" and an accent, which counts as a letter here) or into
    control characters (ISO-8859 reads the bytes of Windows' curly quotes and of "œ" so). A letter the charset lacks
    but its Windows sibling has (French "œ", not in ISO-8859-1) counts against the right reading, but no less
    against every other reading of its byte.

    The language's own letters count twice because a charset serves several languages: a Czech text in ISO-8859-2
    read as Windows-1250 turns "š" and "ž" into "ą" and "ľ", Polish and Slovak letters that ISO-8859-2 writes as
    well, and "ť", "Š" and "Ž" into symbols ("»", "©", "®"), which count neither way; the charset alone found the
    two readings as fit. A letter of the charset that the language's words do not hold (Dutch "ö" in "coördinatie",
    a name's "ñ") still counts once, as before: the right reading of its byte has it, a wrong one something else."""
    return _characters_fit(Counter(NON_ASCII.findall(text)), charset, letters)


def _characters_fit(counts: Mapping[str, int], charset: str, letters: frozenset[str]) -> int:
    """`_letters_fit` of a text whose characters other than ASCII's are `counts`."""
    fit = 0
    for character, count in counts.items():
        kind = unicodedata.category(character)
        if kind == "Cc":
            fit -= count
        elif kind[0] in "LM":
            fit += count if _writes(charset, character) else -count
            if character in letters:
                fit += count
    return fit


def _writes(charset: str, character: str) -> bool:
    try:
        character.encode(charset)
    except UnicodeEncodeError:
        return False
    return True


@dataclass(frozen=True)
class DecodedText:
    text: str
    encoding: str
    replacements: tuple[tuple[int, int], ...] = ()
    """Where undecodable bytes were replaced with U+FFFD: (the U+FFFD's index in `text`, how many bytes it stands
    for), so that offsets into the file stay exact past a repair."""
    bom_bytes: int = 0
    """Bytes of a byte-order mark before the text, dropped by decoding."""


def decode(data: bytes, declared: str | None = None) -> DecodedText:
    """Decode text: as UTF-8 when it is valid so, else as `declared` (an HTTP charset); as UTF-8 with the undecodable
    bytes replaced when it is UTF-8 with a few damaged bytes (refused with more); else in the encoding
    charset-normalizer finds; else as repaired UTF-8 again if few enough bytes are undecodable.

    NUL bytes are repaired: those padding the end of a file (an interrupted write leaves them) are dropped, and a
    stray one inside the text reads as a space, which takes as many bytes in every encoding, so offsets into the
    file stay exact. Raises `UnreadableInputError` for empty, binary, or mostly undecodable input, and for a text
    that holds too many U+FFFD already.
    """
    wide = wide_encoding(data[:SNIFF_BYTES])
    if wide is not None:
        return _without_nul(_decode_wide(data, *wide))
    data = data.rstrip(b"\x00")
    if not data.strip():
        raise UnreadableInputError("empty", "the input is empty or holds only white space or NUL bytes")
    decoded = _decode_narrow(data, declared)
    # A strict decoding writes no U+FFFD, and a repair lists those it writes: the rest were in the text.
    _refuse_held_replacements(decoded.text.count("\ufffd") - len(decoded.replacements), len(decoded.text), data)
    return _without_nul(decoded)


def _refuse_held_replacements(held: int, characters: int, data: bytes) -> None:
    """Raise `UnreadableInputError` when more than REPLACEMENT_SHARE_LIMIT of a text's characters are U+FFFD that it
    held already, as valid characters: an earlier conversion wrote them for bytes it could not read, and those are
    as lost to a reader as the bytes a repair here replaces, which the same limit bounds."""
    if held > characters * REPLACEMENT_SHARE_LIMIT:
        raise UnreadableInputError(
            "undecodable",
            f"{held} of {characters} characters ({held / characters:.1%}) are U+FFFD that the text already held (an"
            f" earlier conversion wrote them for bytes it could not read), more than {REPLACEMENT_SHARE_LIMIT:.0%}",
            data,
        )


def _without_nul(decoded: DecodedText) -> DecodedText:
    if "\x00" not in decoded.text:
        return decoded
    return replace(decoded, text=decoded.text.replace("\x00", " "))


def _decode_narrow(data: bytes, declared: str | None) -> DecodedText:
    """`decode` for an encoding whose characters take one byte or more (UTF-8, a legacy code page)."""
    if declared and data.isascii() and (seven_bit := _seven_bit(data, declared)) is not None:
        return DecodedText(seven_bit, declared)  # before the binary test: its escape sequences are control bytes
    if looks_binary(data[:SNIFF_BYTES]):
        raise UnreadableInputError("binary", "the input is binary (it has NUL or control bytes), not text", data)
    body = data.removeprefix(UTF8_BOM)
    bom_bytes = len(data) - len(body)
    # Valid UTF-8 wins over a declared charset: servers often send "charset=ISO-8859-1" with UTF-8 pages, and a
    # legacy text with non-ASCII letters almost never happens to be valid UTF-8.
    for encoding in dict.fromkeys(filter(None, ("utf-8", declared))):
        try:
            return DecodedText(body.decode(encoding), encoding, bom_bytes=bom_bytes)
        except (LookupError, UnicodeError, ValueError):
            # No such codec, bytes it cannot read, a codec that reads nothing ("undefined") or a name with a NUL.
            continue
    # Counted on Python's own repair, where each undecodable span reads as one U+FFFD and the text's own U+FFFDs are
    # valid UTF-8: `repaired_utf8` gives the same text but, raising an error that copies the rest of the bytes at
    # each span, took 13 s for a 1 MB legacy text, which is mostly such spans and is read in its code page instead.
    text = body.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd") - body.count(UTF8_REPLACEMENT_CHARACTER)
    few_enough = replaced <= len(text) * REPLACEMENT_SHARE_LIMIT
    # Valid multi-byte sequences as many as the broken ones or more mean UTF-8 with damage (a cut character, a stray
    # byte), not a legacy code page: there, almost every non-ASCII byte breaks UTF-8. Asking charset-normalizer
    # would read the whole page as some code page that takes every byte (cp775, mac_iceland): mojibake throughout
    # ("votÃĐ"), however much or little is broken. Too much broken is quarantined, never read so.
    valid_non_ascii = len(text) - len(text.encode("ascii", errors="ignore")) - replaced
    if valid_non_ascii >= replaced:
        if not few_enough:
            broken_bytes = len(body) - (len(text.encode("utf-8")) - 3 * replaced)
            raise UnreadableInputError(
                "undecodable",
                f"the text is UTF-8 ({valid_non_ascii} of its characters beyond ASCII are valid UTF-8), but"
                f" {broken_bytes} of its {len(body)} bytes ({broken_bytes / len(body):.1%}) are broken: {replaced} of"
                f" {len(text)} characters would be U+FFFD, more than {REPLACEMENT_SHARE_LIMIT:.0%}",
                data,
            )
        return DecodedText(text, REPAIRED_UTF8, repaired_utf8(body)[1], bom_bytes)
    guess = web_encoding(body)
    if guess is not None and guess.encoding not in {"utf_8", "ascii"}:
        return DecodedText(str(guess), guess.encoding, bom_bytes=bom_bytes)
    if not few_enough:
        raise UnreadableInputError(
            "undecodable",
            f"{replaced} of {len(text)} characters are not valid in UTF-8 or any encoding detected",
            data,
        )
    return DecodedText(text, REPAIRED_UTF8, repaired_utf8(body)[1], bom_bytes)


def _seven_bit(body: bytes, declared: str) -> str | None:
    """The text of an all-ASCII body in a declared 7-bit encoding that reads it otherwise than ASCII does
    (ISO-2022-JP, UTF-7: escape sequences for other scripts), or None: such a body is valid UTF-8 too, and
    reading it as UTF-8 would keep the escapes as text."""
    try:
        if not codecs.lookup(declared).name.startswith(SEVEN_BIT_CODECS):
            return None  # UTF-16, say, would read ASCII bytes as other characters: a wrong declaration, not text
        text = body.decode(declared)
    except (LookupError, UnicodeError, ValueError):  # as in `decode`: a declaration is the page's word, not ours
        return None
    return text if text != body.decode("ascii") else None


def _decode_wide(data: bytes, codec: str, bom_bytes: int) -> DecodedText:
    """A UTF-16 or UTF-32 text; a broken code unit (a lone surrogate, an odd last byte) becomes U+FFFD, within
    the same limit as UTF-8 repairs."""
    text = data[bom_bytes:].decode(codec, errors="replace")
    held = data[bom_bytes:].count("\ufffd".encode(codec))
    replaced = text.count("\ufffd") - held
    if replaced > len(text) * REPLACEMENT_SHARE_LIMIT:
        raise UnreadableInputError("undecodable", f"{replaced} of {len(text)} characters are not valid {codec}", data)
    _refuse_held_replacements(held, len(text), data)
    return DecodedText(text, codec, bom_bytes=bom_bytes)


def repaired_utf8(data: bytes) -> tuple[str, tuple[tuple[int, int], ...]]:
    """`data.decode("utf-8", errors="replace")`, and where each U+FFFD went with how many bytes it replaced.

    The decoder's own error spans are used (a strict decode stops at the same span the "replace" handler is given),
    so the text is the one "replace" gives; a real U+FFFD in the file is valid UTF-8 and is not listed."""
    view = memoryview(data)
    pieces: list[str] = []
    replacements: list[tuple[int, int]] = []
    position = characters = 0
    while True:
        try:
            pieces.append(codecs.utf_8_decode(view[position:], "strict", True)[0])
            break
        except UnicodeDecodeError as error:
            valid = codecs.utf_8_decode(view[position : position + error.start], "strict", True)[0]
            characters += len(valid)
            pieces += (valid, "\ufffd")
            replacements.append((characters, error.end - error.start))
            characters += 1
            position += error.end
    return "".join(pieces), tuple(replacements)


def stored_length(prefix: str, encoding: str, replacements: Sequence[tuple[int, int]] = ()) -> int:
    """How many bytes `prefix`, the start of a text decoded as `encoding`, took in the file: a repaired text's
    U+FFFD counts the bytes it replaced, not its own three. A codec that cannot encode what it decoded (none is
    known to) falls back to UTF-8's length, near rather than exact."""
    if encoding == REPAIRED_UTF8:
        return len(prefix.encode("utf-8")) + sum(count - 3 for at, count in replacements if at < len(prefix))
    try:
        return len(prefix.encode(encoding))
    except (LookupError, UnicodeEncodeError):
        return len(prefix.encode("utf-8", errors="replace"))
