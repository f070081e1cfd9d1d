"""What readers produce: pages to extract articles from, and rejections of what could not be read."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from builder.ingest.sources import InputFile
from builder.records import QuarantineItem, SourceFormat

SNIPPET_CHARS = 200


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


def snippet(data: bytes | str) -> str:
    """The start of a rejected input, readable whatever its bytes."""
    text = data[:SNIPPET_CHARS].decode("utf-8", errors="replace") if isinstance(data, bytes) else data
    return text[:SNIPPET_CHARS]
