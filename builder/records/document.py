"""The `Document` record: one clean article with its metadata, structure and machine enrichment."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, ClassVar, Literal

from pydantic import Field, model_validator

from builder.records.base import DocId, NonEmptyStr, PageId, Record, SchemaVersion, Sha256, StrictModel, Timestamp
from builder.records.labels import DocumentRole, SourceFormat
from builder.records.spans import (
    Claim,
    Paragraph,
    Quote,
    Span,
    TargetMention,
    TextSpan,
    check_span,
    check_text_span,
)

WEB_URL_PATTERN = r"^https?://\S+$"
"""What a document's `url` must be: an absolute http(s) URL."""


class Dateline(StrictModel):
    """The dateline that opened the article ("MOSCOW :", "CAIRO, July 5 —"), removed from `text`."""

    raw: NonEmptyStr = Field(description="The dateline as printed, with its punctuation.")
    place: NonEmptyStr
    date_text: str | None = Field(default=None, description="The date as printed in the dateline, if any.")


class Caption(StrictModel):
    """A photo caption shown with the article, kept out of `text`."""

    text: NonEmptyStr
    credit: str | None = Field(default=None, description='The photo credit, e.g. "AP" from "(AP pic)".')


class Provenance(StrictModel):
    """Where the document came from, precisely enough to find it again in the raw dump."""

    path: NonEmptyStr = Field(description="The input file as given on the command line (or its URL).")
    format: SourceFormat
    offset: Annotated[int, Field(ge=0, description="Byte offset in the (decompressed) input where it starts.")]
    line: Annotated[int, Field(ge=1)] | None = Field(default=None, description="1-based line, for line formats.")
    record: str | None = Field(default=None, description="WARC record id or scraper record key, if any.")
    sha256: Sha256 = Field(description="sha256 of the input file's bytes.")
    crawled_at: Timestamp | None = Field(
        default=None,
        description="When the page was captured, as its input says: a WARC record's WARC-Date, a saved page's "
        "time of saving, a scraper record's crawl time (`crawled_at`, `fetched_at`, news-please's `date_download`); "
        "records 1.6.",
    )


class Document(Record):
    """One article: the main one of a page or one of the related articles shown on it.

    Invariants beyond types (checked by the model and `builder validate`; JSON Schema cannot express them): every
    span satisfies
    `0 <= start < end <= len(text)`, every span that carries text equals `text[start:end]`, paragraphs and
    sentences are sorted and do not overlap, and a document is not a duplicate of itself.
    """

    record_kind: ClassVar[str] = "document"

    kind: Literal["document"]
    schema_version: SchemaVersion
    doc_id: DocId
    page_id: PageId
    role: DocumentRole
    title: NonEmptyStr
    text: NonEmptyStr = Field(description="Clean body; paragraphs joined by a blank line.")
    paragraphs: list[Paragraph]
    sentences: list[Span]
    source: str | None = Field(default=None, description="The outlet that published the article.")
    site: str | None = Field(default=None, description="The site or app where the page was captured.")
    url: Annotated[str, Field(pattern=WEB_URL_PATTERN)] | None = None
    dateline: Dateline | None = None
    credit: str | None = Field(default=None, description='Wire agency credited, e.g. "Reuters".')
    published_at: Timestamp | None = None
    published_text: str | None = Field(default=None, description="The publication date or time as printed.")
    updated_at: Timestamp | None = Field(
        default=None,
        description="When the article was last updated, if the page says so apart from its publication "
        '("Updated June 18, 2025"): a page that prints only an update has it here and no `published_at`.',
    )
    updated_text: str | None = Field(default=None, description="The time of the last update as printed or stated.")
    lang: Annotated[str, Field(pattern=r"^([a-z]{2,3}|und)$", description="ISO 639 code, `und` if unknown.")]
    captions: list[Caption] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    targets: list[TargetMention] = Field(default_factory=list)
    duplicate_of: DocId | None = Field(default=None, description="The document this one duplicates, if any.")
    extractor_version: NonEmptyStr = Field(description="Version of the extractor that produced the record.")
    provenance: Provenance

    @model_validator(mode="after")
    def _spans_match_text(self) -> Document:
        # Runs on every line `builder validate` reads, so the common (valid) case is one tight loop per
        # list; the slow path that names the offending span runs only once something is wrong.
        text = self.text
        size = len(text)
        _check_ordered("paragraphs", self.paragraphs, size)
        _check_ordered("sentences", self.sentences, size)
        for field, spans in (("quotes", self.quotes), ("claims", self.claims), ("targets", self.targets)):
            for index, span in enumerate(spans):
                if not _fits(span, text, size):
                    check_text_span(f"{field}[{index}]", span, text, size)
        for index, quote in enumerate(self.quotes):
            for part in ("speaker", "cue"):
                inner = quote.get(part)
                if inner is not None and not _fits(inner, text, size):
                    check_text_span(f"quotes[{index}].{part}", inner, text, size)
        if self.duplicate_of == self.doc_id:
            raise ValueError(f"duplicate_of: a document cannot duplicate itself ({self.doc_id})")
        return self


def _fits(span: TextSpan, text: str, size: int) -> bool:
    start, end = span["start"], span["end"]
    return start < end <= size and text[start:end] == span["text"]


def _check_ordered(field: str, spans: Sequence[Span] | Sequence[Paragraph], size: int) -> None:
    previous_end = 0
    for span in spans:
        start, end = span["start"], span["end"]
        if start < previous_end or end <= start or end > size:
            break
        previous_end = end
    else:
        return
    previous_end = 0
    for index, span in enumerate(spans):
        check_span(f"{field}[{index}]", span["start"], span["end"], size)
        if span["start"] < previous_end:
            raise ValueError(
                f"{field}[{index}]: starts at {span['start']}, before the previous one ends ({previous_end})"
            )
        previous_end = span["end"]
