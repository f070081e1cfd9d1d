"""The HTML inside a page a browser saved as one file, with the address it was saved from.

- MHTML, what Chrome and Edge write for "Save as: Webpage, Single File" (`.mhtml`, `.mht`): a MIME
  multipart/related message (RFC 2557) whose root part is the page's HTML, followed by its images, style sheets
  and frames, each in its own part.
- Safari's web archive (`.webarchive`): a binary property list whose main resource is the page's HTML, its
  subresources and subframes beside it.

And the folder of assets a browser saves beside a page saved complete (`saved_page_of_asset`), which holds no
page of its own.

Of an MHTML archive only the root part is decoded. The asset parts, mostly base64 images (a saved news page is often
5 to 20 MB of them), are stepped over by their boundaries without being parsed, which an `email` parse of the whole
message would do. Read as plain text instead, an archive gave a document whose title and body were quoted-printable
HTML ("=E2=80=9D said ... <a href=3D").
"""

from __future__ import annotations

import binascii
import plistlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from email.message import Message
from email.parser import BytesHeaderParser
from email.policy import default as default_policy
from email.utils import parsedate_to_datetime
from pathlib import Path, PurePath

from builder.ingest.sources import UnreadableInputError

_BLANK_LINE = re.compile(rb"\r?\n\r?\n")
_HEADER_PARSER = BytesHeaderParser(policy=default_policy)


@dataclass(frozen=True, slots=True)
class ArchivedPage:
    """The page's HTML in an archive, with what the archive says of where and when it was saved."""

    html: bytes
    charset: str | None
    offset: int
    """Byte offset of the HTML in the archive (0 in a web archive, whose parts have no offsets of their own)."""
    url: str | None
    saved_at: datetime | None


def root_html(archive: bytes) -> ArchivedPage:
    """The archive's root HTML part, decoded from its transfer encoding.

    The root is the part the archive's `start` parameter names, else the part saved from the page's own address
    (`Snapshot-Content-Location`), else the first HTML part, as RFC 2557 has it; other HTML parts are frames.

    Raises `UnreadableInputError` for an archive without boundary or HTML part, or whose HTML part is undecodable.
    """
    headers, body_start = _headers_at(archive, 0)
    boundary = headers.get_param("boundary")
    if not isinstance(boundary, str) or not boundary:
        raise UnreadableInputError("broken_mhtml", "an MHTML archive without a part boundary in its headers", archive)
    snapshot_url = _header(headers, "Snapshot-Content-Location")
    start = headers.get_param("start")
    html_parts = [
        part for part in _parts(archive, body_start, boundary.encode()) if part[0].get_content_type() == "text/html"
    ]
    if not html_parts:
        raise UnreadableInputError("no_html_in_mhtml", "an MHTML archive with no HTML part: no page to read", archive)
    part_headers, part_start, part_end = next(
        (
            part
            for part in html_parts
            if (isinstance(start, str) and _header(part[0], "Content-ID") == start)
            or (snapshot_url and _header(part[0], "Content-Location") == snapshot_url)
        ),
        html_parts[0],
    )
    location = _header(part_headers, "Content-Location")
    return ArchivedPage(
        html=_transfer_decoded(archive[part_start:part_end], _header(part_headers, "Content-Transfer-Encoding")),
        charset=part_headers.get_content_charset(),
        offset=part_start,
        url=snapshot_url or (location if location and not location.startswith("cid:") else None),
        saved_at=_date(_header(headers, "Date")),
    )


def webarchive_html(archive: bytes) -> ArchivedPage:
    """The main resource of a Safari web archive: its HTML, declared encoding and address.

    Raises `UnreadableInputError` for a file that is no property list, or one without an HTML main resource.
    """
    try:
        root = plistlib.loads(archive)
    # RecursionError: a property list nested thousands deep (plistlib reads it recursively).
    except (plistlib.InvalidFileException, ValueError, TypeError, KeyError, OverflowError, RecursionError) as error:
        raise UnreadableInputError(
            "broken_webarchive", f"a web archive that does not parse: {error}", archive
        ) from None
    main = root.get("WebMainResource") if isinstance(root, dict) else None
    data = main.get("WebResourceData") if isinstance(main, dict) else None
    if not isinstance(data, bytes) or "html" not in str(main.get("WebResourceMIMEType", "")).lower():
        reason = "a web archive with no HTML page as its main resource: no page to read"
        raise UnreadableInputError("no_html_in_webarchive", reason, archive)
    charset, url = main.get("WebResourceTextEncodingName"), main.get("WebResourceURL")
    return ArchivedPage(
        html=data,
        charset=charset if isinstance(charset, str) else None,
        offset=0,
        url=url if isinstance(url, str) else None,
        saved_at=None,
    )


SAVED_PAGE_SUFFIXES = (".html", ".htm", ".xhtml")
ASSETS_FOLDER_SUFFIX = "_files"


def saved_page_of_asset(path: PurePath, is_file: Callable[[PurePath], bool] | None = None) -> PurePath | None:
    """The page a file belongs to when it lies in the folder of assets a browser saves beside a page ("Web Page,
    complete": `Story.html` and `Story_files/`), else None. The folder holds the page's style sheets, scripts,
    images and frames; a frame is an HTML file too, an advert's or a video player's, and read as a page it became
    a document ("Win a free cruise to the Bahamas!").

    `is_file` tells whether the page is there: a local file by default; a zip member's path is given with a test
    on its archive's entries (its extracted copy has no folder beside it)."""
    for folder in path.parents:
        if folder.name.endswith(ASSETS_FOLDER_SUFFIX):
            stem = folder.name.removesuffix(ASSETS_FOLDER_SUFFIX)
            for suffix in SAVED_PAGE_SUFFIXES:
                page = folder.with_name(stem + suffix)
                if is_file(page) if is_file is not None else Path(page).is_file():
                    return page
    return None


def _headers_at(data: bytes, start: int) -> tuple[Message, int]:
    """The header block starting at byte `start`, parsed, and the offset of the body after its blank line."""
    blank = _BLANK_LINE.search(data, start)
    end = blank.end() if blank else len(data)
    return _HEADER_PARSER.parsebytes(data[start:end]), end


def _parts(archive: bytes, start: int, boundary: bytes) -> list[tuple[Message, int, int]]:
    """(headers, body start, body end) of each part: bodies end where the line break before the next boundary line
    begins, which belongs to the boundary (RFC 2046)."""
    delimiter = b"\n--" + boundary
    found = []
    position = archive.find(b"--" + boundary, start)
    while position >= 0:
        line_end = archive.find(b"\n", position)
        if line_end < 0 or archive.startswith(b"--", position + 2 + len(boundary)):
            break  # the closing boundary, or a last line cut off
        headers, body_start = _headers_at(archive, line_end + 1)
        following = archive.find(delimiter, body_start)
        body_end = len(archive) if following < 0 else following
        if body_end > body_start and archive[body_end - 1 : body_end] == b"\r":
            body_end -= 1
        found.append((headers, body_start, body_end))
        position = following + 1 if following >= 0 else -1
    return found


def _transfer_decoded(body: bytes, transfer_encoding: str | None) -> bytes:
    encoding = (transfer_encoding or "7bit").strip().lower()
    try:
        if encoding == "quoted-printable":
            return binascii.a2b_qp(body)
        if encoding == "base64":
            return binascii.a2b_base64(body)
    except binascii.Error as error:
        reason = f"the HTML part of the MHTML archive is not valid {encoding}: {error}"
        raise UnreadableInputError("broken_mhtml", reason, body) from None
    if encoding in ("7bit", "8bit", "binary"):
        return body
    reason = f"the HTML part of the MHTML archive is in an unknown transfer encoding: {transfer_encoding}"
    raise UnreadableInputError("broken_mhtml", reason, body)


def _header(headers: Message, name: str) -> str | None:
    value = headers.get(name)
    return str(value).strip() or None if value is not None else None


def _date(value: str | None) -> datetime | None:
    """The archive's `Date` header (when the page was saved), or None when absent or unreadable."""
    if not value:
        return None
    try:
        saved = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    # "-0000" says the zone is unknown, and Python gives a naive time: read, as every time without a zone, as UTC.
    return saved if saved.tzinfo is not None else saved.replace(tzinfo=UTC)
