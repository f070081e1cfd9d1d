"""What an extractor finds in one article before enrichment: the common output of every input format."""

from __future__ import annotations

from dataclasses import dataclass, field

from builder.records import Caption, Dateline, DocumentRole, ParagraphKind


@dataclass(frozen=True)
class ArticleParts:
    """One article found in an input: clean paragraphs and metadata, positions in the input for provenance.

    `paragraphs` hold only body text and subheadings: the dateline, captions, wire credit, title, outlet and
    times have been taken out into their own fields.
    """

    role: DocumentRole
    title: str
    paragraphs: list[tuple[str, ParagraphKind]]
    source: str | None = None
    published_text: str | None = None
    updated_text: str | None = None
    """When the article was last updated, as printed or stated apart from its publication."""
    searched_date: str | None = None
    """A date found by searching the page (htmldate on HTML) rather than stated or printed by the headline: the
    article's date only when neither the page nor the record it came in states one."""
    day_first: bool | None = None
    """Whether the page writes dates in numbers day first ("03/10/2023" is 3 October), told from its other dates;
    None when it does not tell, and month first is assumed as in English."""
    dateline: Dateline | None = None
    credit: str | None = None
    captions: list[Caption] = field(default_factory=list)
    url: str | None = None
    line: int | None = None
    """1-based line in the input where the article starts, for line-based inputs."""
    offset: int = 0
    """Character offset in the decoded input where the article starts."""
