"""What readers produce: pages to extract articles from, and rejections of what could not be read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from builder.ingest.sources import SNIPPET_CHARS, InputFile
from builder.records import QuarantineItem, SourceFormat
from builder.records.document import WEB_URL_PATTERN


@dataclass(frozen=True)
class Page:
    """One unit of input to extract articles from, with where it came from."""

    source: InputFile
    format: SourceFormat
    file_sha256: str
    content: str
    """Decoded page text or HTML; for scraper records, the text or HTML field."""
    content_is_html: bool = False
    offset: int = 0
    line: int | None = None
    record: str | None = None
    """What the input calls the page, for finding it again: its own id (`own_id`), or where it is ("[3]", "row 7")."""
    own_id: str | None = None
    """The id the input gives the page, if any: a WARC record's, a feed item's guid, a scraper record's "id". Part
    of the page's identity (`build.page_identity`), which a mere position is not."""
    url: str | None = None
    crawled_at: datetime | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    """Metadata a scraper record carried (title, published, source, ...), under our names."""
    encoding: str = "utf-8"
    """What the bytes were decoded as: a codec name, or "utf-8 (repaired)" (`sources.REPAIRED_UTF8`) when
    undecodable bytes were replaced."""
    bom_bytes: int = 0
    """Bytes of a byte-order mark before `content`, which decoding dropped."""
    replacements: tuple[tuple[int, int], ...] = ()
    """Where undecodable bytes were replaced (`DecodedText.replacements`), for exact offsets into the file."""
    markdown: MarkdownSource | None = None
    """The page as written, when `content` is the visible text of a page dump in Markdown (`markdown_text`)."""
    text_is_markdown: bool = False
    """A scraper record's text is Markdown by its field's name (`scraper.MARKDOWN_KEY`), however little markup."""


@dataclass(frozen=True)
class MarkdownSource:
    """A page dump in Markdown as decoded, and where each line of its visible text came from."""

    text: str
    source_lines: tuple[int, ...]
    """For each line of the page's content, the 0-based line of `text` it came from."""
    headings: frozenset[int] = frozenset()
    """The 0-based lines of the page's content that are Markdown headings, a clue to its titles."""
    code: frozenset[int] = frozenset()
    """The 0-based lines of the page's content that are a Markdown code block's."""

    def start_of(self, content: str, offset: int) -> tuple[int, int]:
        """The 1-based line of `text` that the character `offset` of the page's `content` came from, and the
        character offset in `text` where that line starts (an article starts at the start of a line)."""
        content_line = content.count("\n", 0, offset)
        line = self.source_lines[min(content_line, len(self.source_lines) - 1)] if self.source_lines else 0
        start = 0
        for _ in range(line):
            start = self.text.index("\n", start) + 1
        return line + 1, start


@dataclass(frozen=True)
class Rejection:
    """An input, or a part of one, that cannot be used, with what a person needs to find and fix it."""

    stage: str
    source: str
    code: str
    reason: str
    line: int | None = None
    offset: int | None = None
    record: str | None = None
    field: str | None = None
    snippet: str = ""

    def to_record(self) -> QuarantineItem:
        return QuarantineItem.create(
            stage=self.stage,
            source=self.source,
            line=self.line,
            offset=self.offset,
            record=self.record,
            field=self.field,
            reason_code=self.code,
            reason=self.reason,
            snippet=self.snippet[:SNIPPET_CHARS],
        )


@dataclass(frozen=True)
class PassedOver:
    """A record of an input that holds no page and is no fault either, counted in the report by `code` rather than
    quarantined: a crawl's images, scripts and PDFs (`not_html`), its redirects (`redirect`) and error pages
    (`http_error`)."""

    code: str


@dataclass(frozen=True)
class RecordRead:
    """A scraper record read (a JSON object of a JSON Lines line or array, a CSV, Parquet or Arrow row), with the
    names of the `--field` overrides whose path holds a value in it. Given only under `--field`: the report counts
    them, to warn of a path that holds nothing in any record of the run, as a typo's does (every record was read
    without that field, in silence)."""

    fields_found: frozenset[str]


@dataclass(frozen=True)
class FormatDoubt:
    """Given first for a file read in the format `--format` forced whose first bytes plainly are another format's
    (`sources.forced_format_note`): each of its rejections says so, and the run's warnings name the file. The
    format forced is still read, as the user may know better; but a page dump forced as HTML gave a document of
    its cookie notice, and an HTML page forced as page text no article, without a word of why."""

    note: str
    """"read as HTML because of --format html, but it looks like page text"."""


ReadItem = Page | Rejection | PassedOver | RecordRead | FormatDoubt
"""What reading an input gives, item by item."""


_WEB_URL = re.compile(WEB_URL_PATTERN)
FIELD_ONLY_CODES = frozenset({"invalid_url", "invalid_crawl_time", "value_out_of_range", "duplicate_column"})
"""Rejections of one field's value, whose article is kept without it (see `url_rejection`; a record's capture time
that is no time; a Parquet or Arrow date that Python cannot hold), or of the values of a CSV export's column whose
name an earlier column has, read only where the earlier is empty."""


def web_url(value: object) -> str | None:
    """The page address a document can carry: an absolute http(s) URL, without the white space around it or the
    angle brackets some WARC/1.0 writers put around a target URI; None for anything else."""
    if not isinstance(value, str):
        return None
    url = value.strip()
    if url.startswith("<") and url.endswith(">"):
        url = url[1:-1].strip()
    if not _WEB_URL.match(url):
        return None
    # One urlsplit cannot read ("https://example.com[0]/", the unclosed IPv6 host of "https://[broken/x") is no
    # address either: taking a page's host or its path's date from it raised, and lost the page.
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return url if host else None


def url_rejection(
    stage: str,
    source: str,
    value: object,
    *,
    line: int | None = None,
    offset: int | None = None,
    record: str | None = None,
) -> Rejection:
    """The rejection of an address that is no absolute http(s) URL ("/news/a", "n/a", a number): the article is
    kept without it, rather than lost for a field a scraper got wrong, and the value is quarantined."""
    shown = value if isinstance(value, str) else repr(value)
    return Rejection(
        stage,
        source,
        "invalid_url",
        f"the page address {shown[:100]!r} is not an absolute http(s) URL: the article is kept without one",
        line=line,
        offset=offset,
        record=record,
        field="url",
        snippet=shown,
    )


class PageTooLargeError(ValueError):
    """A page far larger than any page (a page dump's lines, an HTML page's elements): the message says how much,
    for the quarantine report (`page_too_large`)."""


class DocumentTooLargeError(ValueError):
    """An article far longer than any article (`build.DOCUMENT_MAX_CHARS`), or whose record is longer than a JSON
    Lines line may be (`builder.jsonl.LINE_MAX_BYTES`, past which `builder validate` reads no further): the message
    says how much, for the quarantine report (`document_too_large`)."""
