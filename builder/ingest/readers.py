"""Reading one input file into pages: one per page dump or HTML file, per WARC response record, per scraper
line. A part of a file that cannot be read becomes a `Rejection`, and reading goes on with the next part.

Large inputs (WARC, scraper JSONL) are streamed; page dumps and HTML files are read whole, being page-sized.
"""

from __future__ import annotations

import errno
import glob
import hashlib
import os
import re
import stat
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path, PurePath, PurePosixPath
from typing import IO

from fastwarc.warc import ArchiveIterator, WarcRecordType

from builder.compression import (
    BrokenCompressedDataError,
    TrailingDataError,
    broken_data,
    compression_of_file,
    gzip_trailing_data,
    open_compressed,
)
from builder.ingest.archives import (
    Member,
    archive_kind,
    climbs_out,
    has_file,
    is_archive,
    list_archive,
    member_of,
    member_sizes,
)
from builder.ingest.columnar import arrow_pages, parquet_pages
from builder.ingest.csv_export import csv_pages
from builder.ingest.feeds import feed_pages
from builder.ingest.markdown_text import front_matter, is_markdown, markdown_text, reader_header, without_header
from builder.ingest.pages import (
    FormatDoubt,
    MarkdownSource,
    Page,
    PassedOver,
    ReadItem,
    Rejection,
    url_rejection,
    web_url,
)
from builder.ingest.saved_pages import ArchivedPage, root_html, saved_page_of_asset, webarchive_html
from builder.ingest.scraper import (
    JSON_WHOLE_MAX_BYTES,
    FieldMap,
    JsonLayout,
    json_document_pages,
    json_layout,
    scraper_pages,
)
from builder.ingest.sources import (
    SNIFF_BYTES,
    DecodedText,
    InputFile,
    UnreadableInputError,
    decode,
    decompress,
    detect_format,
    forced_format_note,
    http_body,
    is_mhtml,
    is_webarchive,
    local_copy,
    not_a_page,
    read_decompressed,
    read_head,
    snippet,
    wide_encoding,
)
from builder.jsonl import InputError, iter_raw_lines
from builder.records import SourceFormat

HASH_CHUNK = 1 << 20
LINE_FORMATS = {
    SourceFormat.jsonl: "JSON Lines files must be UTF-8",
    SourceFormat.csv: "CSV files must be UTF-8 or a legacy charset",
}
"""Formats read line by line at their newline bytes, which UTF-16 and UTF-32 do not have alone; what they must be."""
READ = "ingest.read"
BOMB_RATIO = 100
"""An archive member of more than PAGE_MAX_BYTES that unpacks to more than this many times its packed size is a
decompression bomb: text, HTML and WARCs pack about ten times, runs of one byte a thousand times."""
PAGE_MAX_BYTES = 32 << 20
"""A page dump, HTML page or saved page is read whole, and its text takes about ten times its size in memory on
its way through extraction: past this size (decompressed) it is no page but a bomb or many pages in one file."""


def read_pages(
    source: InputFile, forced: SourceFormat | None = None, field_map: FieldMap | None = None
) -> Iterator[ReadItem]:
    """Yield the pages of one input file (a path, or an fsspec URL read from a local copy), or rejections for
    what cannot be read."""
    member = member_of(source.location)
    if member is not None and (refused := _member_rejection(source, member)) is not None:
        yield refused
        return
    with ExitStack() as cleanup:
        try:
            readable = cleanup.enter_context(local_copy(source))
        except Exception as error:  # each fsspec back end raises its own errors (s3fs, gcsfs, ...)
            doing = f"extract the file from its {member.kind} archive" if member else "fetch the file"
            yield Rejection(READ, source.shown, "unreadable", f"cannot {doing}: {error}")
            return
        items = _read_local(readable, forced, field_map)
        yield from items if forced is None else _format_doubt_first(items, readable.path, forced)


def _format_doubt_first(items: Iterator[ReadItem], path: Path, forced: SourceFormat) -> Iterator[ReadItem]:
    """The items of a file read in the format `--format` forced, after its `FormatDoubt` when the file plainly is of
    another format (`forced_format_note`): told before anything is read, as a file that gives no rejection needs
    it too (a page dump forced as HTML gave a document of its cookie notice)."""
    note = _forced_note(path, forced)
    if note is not None:
        yield FormatDoubt(note)
    yield from items


def _forced_note(path: Path, forced: SourceFormat) -> str | None:
    try:
        return forced_format_note(read_head(path), forced)
    except (UnreadableInputError, OSError):
        return None  # a file that cannot be read says so in its own rejection


def _read_local(source: InputFile, forced: SourceFormat | None, field_map: FieldMap | None) -> Iterator[ReadItem]:
    if is_archive(source.path):
        yield _archive_rejection(source)
        return
    if source.path.is_dir():
        yield _folder_rejection(source)
        return
    page = saved_page_of_asset(source.path)
    if page is not None:
        yield _asset_rejection(source, page)
        return
    if forced is None and (kind := not_a_page(source.path)) is not None:
        hint = ": convert it to text or HTML to read it" if kind.startswith("a document") else ""
        yield Rejection(READ, source.shown, "not_a_page", f"{kind}, not a page, crawl or export{hint}")
        return
    try:
        status = source.path.stat()
        if not stat.S_ISREG(status.st_mode):
            reason = "not a file but a pipe, socket or device: not read (reading it could wait forever or never end)"
            yield Rejection(READ, source.shown, "not_a_file", reason)
            return
        head = read_head(source.path)
        file_format = forced or detect_format(source.path, head)
        if file_format is None:
            reason = "cannot tell the format from the file name or its first bytes (binary or empty?)"
            yield Rejection(READ, source.shown, "unknown_format", reason, snippet=snippet(head))
            return
        if file_format is SourceFormat.warc:
            yield from _warc_pages(source, file_sha256(source.path))
        elif file_format in LINE_FORMATS and (wide := wide_encoding(head)) is not None:
            # Read line by line, UTF-16 split at its newline bytes would turn every line into a rejection (JSON Lines
            # is UTF-8 by definition): one rejection of the file, with the fix, says it better.
            reason = f"{LINE_FORMATS[file_format]}; this one is {wide[0].upper()}: convert it (iconv -t UTF-8)"
            yield Rejection(READ, source.shown, "not_utf8", reason, snippet=snippet(head))
        elif file_format is SourceFormat.jsonl:
            yield from _scraper_export_pages(source, head, field_map)
        elif file_format is SourceFormat.feed:
            yield from feed_pages(source, file_sha256(source.path))
        elif file_format is SourceFormat.csv:
            yield from csv_pages(source, head, file_sha256(source.path), field_map)
        elif file_format is SourceFormat.parquet:
            yield from parquet_pages(source, file_sha256(source.path), field_map)
        elif file_format is SourceFormat.arrow:
            yield from arrow_pages(source, head, file_sha256(source.path), field_map)
        else:
            # A page or an HTML file is read whole anyway: hash the bytes read rather than read the file again.
            if status.st_size > PAGE_MAX_BYTES:
                yield _too_large(source, "is")
                return
            raw = source.path.read_bytes()
            digest = hashlib.sha256(raw).hexdigest()
            data, trailing = decompress(raw, PAGE_MAX_BYTES + 1)
            if len(data) > PAGE_MAX_BYTES:
                yield _too_large(source, "decompresses to")
                return
            if trailing is not None:
                yield _trailing_rejection(source, trailing)
            if file_format is SourceFormat.html and is_mhtml(data[:SNIFF_BYTES]):
                yield from _archived_page(source, digest, root_html(data))
                return
            # Any binary property list (Safari's key may lie past the first bytes), or one in XML that is a web archive.
            if file_format is SourceFormat.html and (data.startswith(b"bplist00") or is_webarchive(data[:SNIFF_BYTES])):
                yield from _archived_page(source, digest, webarchive_html(data))
                return
            decoded = decode(data)
            if file_format is SourceFormat.pagetext and is_markdown(source.path, decoded.text):
                yield _markdown_page(source, digest, decoded)
                return
            yield Page(
                source,
                file_format,
                digest,
                decoded.text,
                file_format is SourceFormat.html,
                encoding=decoded.encoding,
                bom_bytes=decoded.bom_bytes,
                replacements=decoded.replacements,
            )
    except UnreadableInputError as error:
        yield Rejection(READ, source.shown, error.code, error.reason, snippet=error.snippet)
    except InputError as error:
        yield Rejection(READ, source.shown, error.code, error.message, line=error.line, offset=error.offset)
    except OSError as error:
        reason = f"cannot read the file: {error.strerror or error}"
        if error.errno == errno.ELOOP:
            reason = f"a symbolic link that loops: it points to {os.readlink(source.path)}, which leads back to it"
        elif source.path.is_symlink() and not source.path.exists():
            reason = f"a broken symbolic link: it points to {os.readlink(source.path)}, which does not exist"
        elif error.errno == errno.ENOENT and glob.escape(source.shown) != source.shown:
            reason = "no file matches this pattern"
        yield Rejection(READ, source.shown, "unreadable", reason)


def _markdown_page(source: InputFile, digest: str, decoded: DecodedText) -> Page | Rejection:
    """A page dump in Markdown as the text it shows (`markdown_text`), what a Jina Reader header or a post's front
    matter states of it (its address, date and title, for its main article); a dataset card is no page."""
    header = reader_header(decoded.text) or front_matter(decoded.text)
    if header is not None and header.fields.get("card"):
        reason = (
            "a Hugging Face dataset card (README.md with its YAML header): it describes the data set, whose rows are"
            " in its data files"
        )
        return Rejection(READ, source.shown, "dataset_card", reason, snippet=snippet(decoded.text))
    fields = {
        name: value
        for name, value in (header.fields if header else {}).items()
        if name in ("published", "updated", "title")
    }
    visible = markdown_text(without_header(decoded.text, header) if header else decoded.text)
    return Page(
        source,
        SourceFormat.pagetext,
        digest,
        visible.text,
        encoding=decoded.encoding,
        bom_bytes=decoded.bom_bytes,
        replacements=decoded.replacements,
        markdown=MarkdownSource(decoded.text, visible.source_lines, visible.headings, visible.code),
        url=web_url(header.fields.get("url")) if header else None,
        fields=fields,
    )


def _trailing_rejection(source: InputFile, trailing: TrailingDataError) -> Rejection:
    """The note of bytes after a file's compressed data, which was read whole before them."""
    return Rejection(READ, source.shown, trailing.code, str(trailing), offset=trailing.offset)


def _too_large(source: InputFile, how: str) -> Rejection:
    reason = (
        f"the file {how} more than {PAGE_MAX_BYTES >> 20} MB, far more than any page: a decompression bomb, or many "
        "pages in one file (split it, or give it as JSON Lines or a WARC, which are read record by record)"
    )
    return Rejection(READ, source.shown, "page_too_large", reason)


def _member_rejection(source: InputFile, member: Member) -> Rejection | None:
    """Why an archive member is not read, told from its path in the archive, before it is extracted; None to read
    it."""
    if climbs_out(member.name):
        reason = (
            f"a file whose path in the {member.kind} archive climbs out of it ({member.name!r}): not extracted, as"
            " unpacking it by that path would write outside the folder it is unpacked into"
        )
        return Rejection(READ, source.shown, "path_traversal", reason)
    sizes = member_sizes(member)
    if sizes is not None and sizes[1] > PAGE_MAX_BYTES and sizes[1] > BOMB_RATIO * max(sizes[0], 1):
        reason = (
            f"a file that unpacks from {sizes[0]:,} to {sizes[1]:,} bytes, {sizes[1] // max(sizes[0], 1):,} times"
            " its size: a decompression bomb, not extracted (text and HTML pack ten times or so)"
        )
        return Rejection(READ, source.shown, "compression_bomb", reason)
    if is_archive(Path(member.name)):
        # Members are not listed recursively; extracted, this one would pass for an archive given as a URL.
        reason = (
            f"an archive inside a {member.kind} archive: archives in archives are not read; unpack the outer one and"
            " ingest the inner archive (or its files)"
        )
        return Rejection(READ, source.shown, "nested_archive", reason)
    # The rule is checked on the path in the archive: the extracted copy has no assets folder above it.
    page = saved_page_of_asset(PurePosixPath(member.name), lambda page: has_file(member, str(page)))
    if page is not None:
        return _asset_rejection(source, page)
    return None


def _asset_rejection(source: InputFile, page: PurePath) -> Rejection:
    reason = f"a file of the page saved as {page.name} (its images, scripts and frames), not a page of its own"
    return Rejection(READ, source.shown, "saved_page_asset", reason)


def _folder_rejection(source: InputFile) -> Rejection:
    """Why a folder reached the reader: `discover` could not list it (see `sources._files_under`), or it was a
    file then. Listing it again names the error; a folder that lists now was made readable, or put in the file's
    place, in between, and is read by the next run."""
    try:
        with os.scandir(source.path):
            reason = (
                "a folder that could not be listed when the run started, or was a file then and changed since; run"
                " again to read its files"
            )
    except OSError as error:
        reason = f"cannot list the folder, so none of its files were read: {error.strerror or error}"
    return Rejection(READ, source.shown, "unreadable", reason)


def _archive_rejection(source: InputFile) -> Rejection:
    """Why an archive reached the reader as a file rather than as its files: it cannot be read (wholly, or past
    the files listed before its break), it has no file to read, or it was given as a URL (only a local archive's
    files are listed)."""
    kind = archive_kind(source.path)
    listing = list_archive(source.path, source.shown)
    if listing.broken is not None:
        where = f"past its first {len(listing.files):,} file(s), which were read" if listing.files else "at all"
        reason = f"a {kind} archive that cannot be read {where}: {listing.broken}"
        return Rejection(READ, source.shown, "broken_archive", reason)
    if not listing.files:
        reason = (
            f"a {kind} archive with no file to read: it is empty, or holds only folders, links, dotfiles and macOS's"
            " __MACOSX entries, which are left out"
        )
        return Rejection(READ, source.shown, "empty_archive", reason)
    reason = f"a {kind} archive given as a URL: its files are read from a local copy only; download it and ingest that"
    return Rejection(READ, source.shown, "archive_at_url", reason)


def _archived_page(source: InputFile, digest: str, archived: ArchivedPage) -> Iterator[Page | Rejection]:
    """The page an MHTML archive or a web archive saved, with the address it was saved from (unless it is none
    a document can carry, such as a file:// one) and when."""
    decoded = decode(archived.html, declared=archived.charset)
    url = web_url(archived.url)
    if archived.url is not None and url is None:
        yield url_rejection(READ, source.shown, archived.url, offset=archived.offset)
    yield Page(
        source,
        SourceFormat.html,
        digest,
        decoded.text,
        content_is_html=True,
        offset=archived.offset,
        url=url,
        crawled_at=archived.saved_at,
        encoding=decoded.encoding,
    )


def _scraper_export_pages(source: InputFile, head: bytes, field_map: FieldMap | None) -> Iterator[ReadItem]:
    layout = json_layout(source.path, head)
    if layout is not JsonLayout.whole:
        lines = iter_raw_lines(source.path)
        array = layout is JsonLayout.array_lines
        yield from scraper_pages(source, lines, file_sha256(source.path), field_map, array=array)
        return
    data, trailing = read_decompressed(source.path, JSON_WHOLE_MAX_BYTES + 1)
    if trailing is not None:
        yield _trailing_rejection(source, trailing)
    if len(data) > JSON_WHOLE_MAX_BYTES:
        reason = (
            f"a JSON document of more than {JSON_WHOLE_MAX_BYTES >> 20} MB that is not one object a line is too "
            f"large to read whole: convert it to JSON Lines (jq -c '.[]' {source.path.name} > export.jsonl)"
        )
        yield Rejection(READ, source.shown, "json_too_large", reason, snippet=snippet(data))
        return
    yield from json_document_pages(source, data, file_sha256(source.path), field_map)


def file_sha256(path: Path) -> str:
    """sha256 of the file's bytes as stored, read in chunks so memory stays flat."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


WARC_PAGE_RECORDS = WarcRecordType.response | WarcRecordType.resource | WarcRecordType.conversion
"""The records that may hold a page: a crawl's HTTP responses; a file archived as it was fetched, without HTTP
headers (warcit, ArchiveWeb.page); and the text converted from a response, as Common Crawl's WET files hold it."""
_CHARSET_PARAMETER = re.compile(r";\s*charset=[\"']?([^\s;\"']+)", re.IGNORECASE)
WARC_RECORD_START = b"\nWARC/1."
"""The version line that opens every WARC record, after the blank line that ends the one before."""
GZIP_MEMBER_START = b"\x1f\x8b\x08"
"""The start of a gzip member: a .warc.gz holds one for each record, as crawlers write it."""
RESYNC_CHUNK = 1 << 16
TRUNCATED_RECORD = "broken_warc_record"
LF_ONLY_HEADER = "its header lines end in a line feed alone, where WARC requires a carriage return and a line feed"
"""Why fastwarc cannot read a record written with Unix line ends: it fails on one in two ways (a broken stream, a
record of no type), each quarantined with this same explanation."""


def _warc_pages(source: InputFile, digest: str) -> Iterator[ReadItem]:
    """The response records of a WARC file. Where the stream breaks (a record whose Content-Length is wrong, bytes
    between records), the break is quarantined with where it lies, and reading goes on from the next record."""
    # fastwarc reads gzip (record by record, as crawlers write it) by itself; other compressions are undone here.
    compression = compression_of_file(source.path)
    gzipped = compression == "gzip"
    marker = GZIP_MEMBER_START if gzipped else WARC_RECORD_START
    start: int | None = 0
    # Records by kind, to say why a file gave nothing: one of only requests and metadata, or none at all, was
    # neither a document nor a rejection, and the run said every input was rejected over an empty quarantine.
    pages = others = unreadable = 0
    while start is not None:
        with open_compressed(source.path, None if gzipped else compression) as handle:
            handle.seek(start)
            # The start of the last record read: a break lies past it. At least `start`, so that each pass moves on.
            last = start
            truncated = False
            try:
                for record in ArchiveIterator(handle, parse_http=True):
                    last = record.stream_pos
                    if record.record_type == WarcRecordType.unknown:
                        unknown = _unreadable_record(source, record)
                        unreadable += isinstance(unknown, Rejection)
                        others += isinstance(unknown, PassedOver)
                        yield unknown
                        continue
                    if not record.record_type & WARC_PAGE_RECORDS:
                        others += 1
                        continue
                    pages += 1
                    for item in _warc_page(source, digest, record):
                        truncated = isinstance(item, Rejection) and item.code == TRUNCATED_RECORD
                        yield item
                # A record cut short by the end of the file took in what followed it: the records a Content-Length
                # too large swallowed are read on their own (at the real end of a file, none is found).
                start = _next_record_start(handle, last + 1, marker) if truncated else None
            except Exception as error:  # fastwarc raises plain exceptions on a corrupt stream
                # An xz, bzip2 or Zstandard stream that ends early or breaks has nothing readable past the break
                # (gzip's members are read one by one by fastwarc, which resyncs below). Bytes after their data are
                # met once the last record was read.
                if isinstance(error, TrailingDataError):
                    yield _trailing_rejection(source, error)
                    return
                if not gzipped and (broken := broken_data(error, compression)) is not None:
                    reason = f"{broken} past WARC byte {last}: the records before it are kept"
                    yield Rejection(READ, source.shown, broken.code, reason, offset=last)
                    return
                start = _next_record_start(handle, last + 1, marker)
                if gzipped and start is None:
                    try:
                        trailing = gzip_trailing_data(handle, last)
                    except BrokenCompressedDataError:
                        pass  # a member breaks: the stream is broken, as said below
                    else:
                        # The gzip data ends whole and no member follows: what fastwarc failed on is bytes a download
                        # appended (or NUL bytes padding the file, passed over as gzip does).
                        if trailing is not None:
                            yield _trailing_rejection(source, trailing)
                        continue
                where = "compressed " if gzipped else ""
                reason = f"the WARC stream is broken past {where}byte {last}: {error}"
                if not gzipped and _lines_end_in_lf(handle, last):
                    reason += f" (the record at byte {last} cannot be read: {LF_ONLY_HEADER})"
                if start is None:
                    reason += "; the rest of the file holds no other record"
                else:
                    reason += f"; read on from the next record, at {where}byte {start}"
                unreadable += 1
                yield Rejection(READ, source.shown, "broken_warc", reason, offset=last)
    if not pages and not unreadable:
        kinds = f"{others:,} record" + ("s" if others != 1 else "")
        held = f"holds {kinds}, none a response, resource or conversion" if others else "holds no record"
        yield Rejection(READ, source.shown, "no_pages" if others else "empty", f"the WARC file {held}: no page to read")


def _unreadable_record(source: InputFile, record: object) -> ReadItem:
    """What to make of a record fastwarc gives as of an unknown type: one whose header it could not read, its lines
    ending in a line feed alone (WARC requires a carriage return before it), is quarantined; one of a type no WARC
    version defines (a tool's own) holds no page, and is passed over as requests and metadata are."""
    declared = record.headers.get("WARC-Type") or ""  # type: ignore[attr-defined]
    if declared and "\n" not in declared:
        return PassedOver("unknown_warc_type")
    offset = record.stream_pos  # type: ignore[attr-defined]
    why = LF_ONLY_HEADER if declared else "it has no WARC-Type header"
    return Rejection(
        READ, source.shown, TRUNCATED_RECORD, f"the WARC record at byte {offset} cannot be read: {why}", offset=offset
    )


def _lines_end_in_lf(handle: IO[bytes], offset: int) -> bool:
    """Whether the WARC record at `offset` of the stream ends its version line in a line feed alone."""
    handle.seek(offset)
    head = handle.read(16)
    return head.startswith(b"WARC/1.") and b"\n" in head and b"\r\n" not in head


def _next_record_start(handle: IO[bytes], after: int, marker: bytes) -> int | None:
    """Where the next record starts at or past byte `after` of the stream (see WARC_RECORD_START and
    GZIP_MEMBER_START), or None when none does."""
    handle.seek(after)
    position, carried = after, b""
    while chunk := handle.read(RESYNC_CHUNK):
        window = carried + chunk
        found = window.find(marker)
        if found != -1:
            # The WARC marker opens with the newline before the record; a gzip member's is its first byte.
            return position - len(carried) + found + (1 if marker == WARC_RECORD_START else 0)
        carried = window[-(len(marker) - 1) :]
        position += len(chunk)
    return None


def _warc_page(source: InputFile, digest: str, record: object) -> Iterator[ReadItem]:
    """The page of a response or resource record with HTML, or of a conversion or resource record with plain text:
    the page text that Common Crawl's WET files hold, its title on the first line, then the text of each of its
    blocks on a line, menus and footers and all, as a page dump has them; read as one."""
    record_id = record.record_id  # type: ignore[attr-defined]
    offset = record.stream_pos  # type: ignore[attr-defined]
    http_headers = record.http_headers  # type: ignore[attr-defined]
    # Read no further than a page may go: a record of hundreds of megabytes (a video, a disk image, a crawl of a
    # crawl) is no page, and read whole it took gigabytes of memory. The iterator skips the rest as it moves on.
    payload = record.reader.read(PAGE_MAX_BYTES + 1)  # type: ignore[attr-defined]
    if len(payload) > PAGE_MAX_BYTES:
        reason = (
            f"WARC record {record_id} holds more than {PAGE_MAX_BYTES >> 20} MB, far more than any page "
            f"({record.content_length:,} bytes)"  # type: ignore[attr-defined]
        )
        yield Rejection(READ, source.shown, "page_too_large", reason, offset=offset, record=record_id)
        return
    is_response = record.record_type == WarcRecordType.response  # type: ignore[attr-defined]
    if (is_response and http_headers is None) or len(payload) < record.content_length:  # type: ignore[attr-defined]
        reason = f"WARC record {record_id} is truncated: its payload is shorter than its Content-Length"
        yield Rejection(READ, source.shown, TRUNCATED_RECORD, reason, offset=offset, record=record_id)
        return
    # A response says what it holds in its HTTP headers; a resource or conversion record, in its own.
    headers = http_headers if is_response else record.headers  # type: ignore[attr-defined]
    content_type = (headers.get("Content-Type") or "").lower()
    is_html = "html" in content_type
    if not is_html and (is_response or not content_type.startswith("text/plain")):
        yield PassedOver("not_html")  # images, PDFs and scripts in a crawl are not pages, and not errors either
        return
    status = (http_headers.status_code or 200) if is_response else 200
    if not 200 <= status < 300:
        # Nor are redirects and error pages ("Moved Permanently", "Page not found"): no article to find.
        yield PassedOver("redirect" if 300 <= status < 400 else "http_error")
        return
    try:
        if is_response:
            body = http_body(
                payload, http_headers.get("Transfer-Encoding"), http_headers.get("Content-Encoding"), PAGE_MAX_BYTES
            )
            decoded = decode(body, declared=record.http_charset)  # type: ignore[attr-defined]
        else:
            declared = _CHARSET_PARAMETER.search(content_type)
            decoded = decode(payload, declared=declared[1] if declared else None)
    except UnreadableInputError as error:
        yield Rejection(
            READ, source.shown, error.code, error.reason, offset=offset, record=record_id, snippet=error.snippet
        )
        return
    target = record.headers.get("WARC-Target-URI")  # type: ignore[attr-defined]
    url = web_url(target)
    if target is not None and url is None:
        yield url_rejection(READ, source.shown, target, offset=offset, record=record_id)
    yield Page(
        source,
        SourceFormat.warc,
        digest,
        decoded.text,
        content_is_html=is_html,
        offset=offset,
        record=record_id,
        own_id=record_id,
        url=url,
        crawled_at=record.record_date,  # type: ignore[attr-defined]
        encoding=decoded.encoding,
    )
