"""From what an extractor found to a validated, enriched `Document`: join the text, compute the spans, run the
enrichment functions, give it its ids and provenance. Pure: parts and page in, document out."""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
import json
import re
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from builder import __version__
from builder.enrich.claims import find_claims
from builder.enrich.language import detect_language
from builder.enrich.quotes import find_quotes
from builder.enrich.sentences import split_sentences
from builder.enrich.targets import TargetMatcher
from builder.ingest.characters import visible
from builder.ingest.cleanup import (
    EDITORS_NOTE,
    is_copyright_notice,
    split_credit,
    split_credit_line,
    split_dateline,
    split_staff_credit,
    without_promotions,
    without_sponsored_sections,
)
from builder.ingest.dates import parse_published
from builder.ingest.furniture import (
    is_stray,
    lone_dateline,
    without_leading_furniture,
    without_related_links,
    without_trailing_furniture,
)
from builder.ingest.ids import content_hash, doc_id, page_id
from builder.ingest.pages import DocumentTooLargeError, Page
from builder.ingest.pagetext import AMBIGUOUS_NUMERIC_DATE, NoArticleError
from builder.ingest.parts import ArticleParts
from builder.ingest.sources import stored_length
from builder.records import Dateline, Document, DocumentRole, Paragraph, ParagraphKind, SourceFormat, Span

EXTRACTOR_VERSION = f"builder-{__version__}"
"""Recorded on every document and pre-annotation, so a push can tell when the extractor changed."""
PARAGRAPH_SEPARATOR = "\n\n"
_MONTHS_IN_URLS = "january february march april may june july august september october november december"
_URL_MONTHS = {
    name: number for number, month in enumerate(_MONTHS_IN_URLS.split(), start=1) for name in (month, month[:3])
}
_URL_DATE = re.compile(
    r"/(?P<year>(?:19|20)\d{2})(?:/(?P<month>0[1-9]|1[0-2]|" + "|".join(_URL_MONTHS) + r")/"
    r"(?P<day>0[1-9]|[12]\d|3[01])(?=[/.]|$)"
    r"|(?P<separator>-?)(?P<dashed_month>0[1-9]|1[0-2])(?P=separator)(?P<dashed_day>0[1-9]|[12]\d|3[01])(?=[/._-]|$))",
    re.IGNORECASE,
)
"""A day in a URL's path, as news sites file their stories: "/2025/07/05/", "/2023/october/03/", "/2025-07-05-slug",
"/20250705/". A day between slashes is a whole part of the path: "/2025/07/10-best-laptops/" files a numbered list
under July."""


def page_identity(page: Page) -> str:
    """The page's id (`ids.page_id`): the same page of a file of the same name, read from any folder, has the same
    one. The file's name keeps apart the pages of two copies of an export (`a.jsonl`, `a.jsonl.gz`), whose
    articles are then exact duplicates, marked, rather than one page read twice (`dedup.REPEATED`)."""
    crawled = page.crawled_at.isoformat() if page.crawled_at is not None else None
    fields = json.dumps(page.fields, sort_keys=True, ensure_ascii=False, default=str)
    file_name = page.source.shown.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]
    return page_id(file_name, page.own_id, page.content, page.url, crawled, fields)


def tidy(parts: ArticleParts, language: str = "en") -> ArticleParts:
    """Read the paragraphs, captions and title as readers see them (`visible`); take the site's promotions of
    itself (a newsletter sign-up, an affiliate disclosure) and the page's furniture (`builder.ingest.furniture`)
    out from between, before and after the paragraphs, in English and in the article's `language`, and make a
    paragraph that is only a photo credit ("Photo by Jane Doe on Unsplash") a caption; then take a dateline off the
    first paragraph (or the paragraph that is one on its own), a copyright notice below the story off its end, and
    its wire and staff credits off the last paragraph, if the extractor left them (a sign-up or a photo above or
    below the story hid them)."""
    # A caption that is only an icon font's glyph or control characters (a camera icon) is none.
    captions = [
        caption.model_copy(update={"text": shown, "credit": _shown(caption.credit)})
        for caption in parts.captions
        if (shown := visible(caption.text).strip())
    ]
    paragraphs: list[tuple[str, ParagraphKind]] = []
    # As a reader sees them (`visible`): a paragraph that is only an icon font's glyphs (a row of share buttons)
    # goes.
    seen = [(visible(text).strip(), kind) for text, kind in parts.paragraphs]
    # A line of code is the code's, whatever it looks like ("}", "print('Sign up')").
    kept = [(text, kind) for text, kind in seen if text and (kind is ParagraphKind.code or not is_stray(text, kind))]
    for text, kind in without_promotions(without_sponsored_sections(without_related_links(kept)), language):
        if kind is not ParagraphKind.code and (caption := split_credit_line(text)):
            captions.append(caption)
        else:
            paragraphs.append((text, kind))
    paragraphs = without_leading_furniture(paragraphs, language)
    dateline, credit = _shown_dateline(parts.dateline), _shown(parts.credit)
    # An editor's note above the story ("Editor's note: This story has been updated ...") is its text, and the
    # dateline opens the paragraph after it.
    opening = 1 if len(paragraphs) > 1 and EDITORS_NOTE.match(paragraphs[0][0]) else 0
    if dateline is None and len(paragraphs) > opening and paragraphs[opening][1] is ParagraphKind.body:
        dateline, rest = split_dateline(paragraphs[opening][0])
        if dateline is None and (dateline := lone_dateline(paragraphs, opening)) is not None:
            rest = ""
        paragraphs[opening] = (rest, ParagraphKind.body)
    paragraphs = without_trailing_furniture(paragraphs, language)
    while paragraphs and paragraphs[-1][1] is ParagraphKind.body and is_copyright_notice(paragraphs[-1][0]):
        # The footer's notice below the story ("© 2025 Reuters. All rights reserved."), above which its credits stand.
        paragraphs.pop()
    if credit is None and paragraphs and paragraphs[-1][1] is ParagraphKind.body:
        credit, paragraphs = _wire_credits(paragraphs)
    paragraphs = [(text.strip(), kind) for text, kind in paragraphs if text.strip()]
    paragraphs = without_trailing_furniture(paragraphs, language)
    title = visible(parts.title).strip() or parts.title
    return dataclasses.replace(
        parts,
        title=title,
        paragraphs=paragraphs,
        source=_shown(parts.source),
        published_text=_shown(parts.published_text),
        updated_text=_shown(parts.updated_text),
        searched_date=_shown(parts.searched_date),
        dateline=dateline,
        credit=credit,
        captions=captions,
    )


def _shown(value: str | None) -> str | None:
    """An optional field as a reader sees it (`visible`), or None when nothing of it is left: every field a
    document writes is read by people, and a control character in an outlet's name ("\\u0000Daily\\u0007") is
    as unseen there as in its text."""
    return (visible(value).strip() or None) if value else None


def _shown_dateline(dateline: Dateline | None) -> Dateline | None:
    """The dateline as a reader sees it (`_shown`), or None when nothing of its text or place is left."""
    if dateline is None:
        return None
    raw, place = _shown(dateline.raw), _shown(dateline.place)
    if raw is None or place is None:
        return None
    return dateline.model_copy(update={"raw": raw, "place": place, "date_text": _shown(dateline.date_text)})


def _wire_credits(
    paragraphs: list[tuple[str, ParagraphKind]],
) -> tuple[str | None, list[tuple[str, ParagraphKind]]]:
    """The credits closing a story, taken off its last paragraphs: an agency's ("— Reuters") and its staff's
    ("(Reporting by Jane Doe; Editing by John Smith)"), in either order, after the last paragraph or run onto it
    when the story came on one line; joined with "; ", the agency first."""
    agency = staff = None
    # Twice at most: a credit that was a paragraph of its own leaves the other on the paragraph above it.
    for _ in range(2):
        if not paragraphs or paragraphs[-1][1] is not ParagraphKind.body:
            break
        text = paragraphs[-1][0]
        found_staff, text = split_staff_credit(text) if staff is None else (None, text)
        found_agency, text = split_credit(text) if agency is None else (None, text)
        if found_staff is None and found_agency is None:
            break
        staff, agency = staff or found_staff, agency or found_agency
        paragraphs = [*paragraphs[:-1], (text, ParagraphKind.body)] if text.strip() else paragraphs[:-1]
    return "; ".join(found for found in (agency, staff) if found) or None, paragraphs


def join_paragraphs(paragraphs: Sequence[tuple[str, ParagraphKind]]) -> tuple[str, list[Paragraph]]:
    spans: list[Paragraph] = []
    position = 0
    for text, kind in paragraphs:
        spans.append(Paragraph(start=position, end=position + len(text), kind=kind))
        position += len(text) + len(PARAGRAPH_SEPARATOR)
    return PARAGRAPH_SEPARATOR.join(text for text, _ in paragraphs), spans


def date_in_url(url: str | None, crawled_at: datetime | None = None) -> str | None:
    """The day a URL's path files its page under, as "YYYY-MM-DD", or None: the date of a scraped text that came
    with its URL and without a date (HTML pages have htmldate read the URL, among other places). A day after the
    crawl (or after today, without one) is an event's date, not the page's, as htmldate judges too."""
    if not url:
        return None
    path = urlsplit(url).path  # `pages.web_url` let through only addresses urlsplit reads
    latest = (crawled_at or datetime.now(UTC)).date()
    for match in _URL_DATE.finditer(path):
        with contextlib.suppress(ValueError):
            month, day_of_month = match["month"] or match["dashed_month"], match["day"] or match["dashed_day"]
            number = _URL_MONTHS.get(month.lower()) or int(month)
            day = datetime(int(match["year"]), number, int(day_of_month)).date()
            return day.isoformat() if day <= latest else None
    return None


def day_first_of(
    published_text: str | None, told: bool | None, url: str | None, crawled_at: datetime | None = None
) -> bool | None:
    """Whether a date printed in numbers is read day first: as the page `told` (`ArticleParts.day_first`), else,
    for a date that reads both ways ("03/10/2023"), as the day its URL files it under says ("/2023/october/03/"
    makes it 3 October); None, dateutil's month first, when neither tells."""
    if told is not None or not published_text or not AMBIGUOUS_NUMERIC_DATE.search(published_text):
        return told
    filed = date_in_url(url, crawled_at)
    if filed is None:
        return None
    for day_first in (True, False):
        moment = parse_published(published_text, crawled_at, day_first=day_first)
        if moment is not None and moment.date().isoformat() == filed:
            return day_first
    return None


DOCUMENT_MAX_CHARS = 1_000_000
"""The longest article text built: twenty times the longest WCXB article (49,264 characters). The spans, quotes
and claims of an article take about 50 bytes of memory for each of its characters (a 10 MB page dump read as one
article took 450 MB, and its record was 45 MB), so a run's memory is bounded by this, whatever it reads."""


def without_code(parts: ArticleParts) -> ArticleParts:
    """The article without its code blocks (paragraphs of kind `code`, as the extractor told them): what a run for
    annotators who read prose only gives (`builder ingest --drop-code`), tidied then as prose alone.

    Raises NoArticleError when the article is code and nothing else."""
    prose = [(text, kind) for text, kind in parts.paragraphs if kind is not ParagraphKind.code]
    if parts.paragraphs and not prose:
        raise NoArticleError("the article is code and nothing else, which --drop-code leaves out")
    return dataclasses.replace(parts, paragraphs=prose)


def build_document(
    parts: ArticleParts, page: Page, index: int, targets: TargetMatcher | None, site: str | None = None
) -> tuple[Document, str]:
    """The document for the `index`-th article of `page`, and its content hash (for exact deduplication).

    Raises pydantic's ValidationError when the result breaks a record invariant, DocumentTooLargeError past
    DOCUMENT_MAX_CHARS.
    """
    tidied = tidy(parts)
    text, paragraphs = join_paragraphs(tidied.paragraphs)
    if len(text) > DOCUMENT_MAX_CHARS:
        raise DocumentTooLargeError(
            f"the {parts.role.value} article {parts.title[:60]!r} has {len(text):,} characters of text, more than an "
            f"article may have ({DOCUMENT_MAX_CHARS:,}): a book, a data dump or many pages read as one article"
        )
    # Before the quotes: their speakers are found with the language's speech verbs and pronouns.
    language = _language_code(_text_field(page, "lang")) or detect_language(text)
    if language != "en":
        # The language is read from the text tidied in English; the promotions in it go once it is known.
        again = tidy(parts, language)
        if again.paragraphs != tidied.paragraphs:
            tidied = again
            text, paragraphs = join_paragraphs(tidied.paragraphs)
    parts = tidied
    if not parts.paragraphs:
        raise NoArticleError("the article holds nothing but the site's promotion of itself (a newsletter sign-up)")
    sentences = split_sentences(text, paragraphs)
    # A string in a line of code is no one's words.
    quotes = find_quotes(
        text, [paragraph for paragraph in paragraphs if paragraph["kind"] != ParagraphKind.code], sentences, language
    )
    the_page = page_identity(page)
    # What the page states of itself (a title, an address, a date) is its main article's, not the related articles'.
    main = parts.role is DocumentRole.main
    title = (_text_field(page, "title") if main else None) or parts.title
    # Of the title written: two records that state one title over the same text are exact duplicates, whatever
    # the extractor would have read as their titles.
    content = content_hash(title, text)
    url = parts.url or (page.url if main else None)
    stated = _text_field(page, "published") if main else None
    # A page dump's stated date (a post's front matter, Jina Reader's header) is surer than the time it prints
    # ("2 hours ago"); elsewhere what the extractor reads of the page (trafilatura's date) comes first, as before.
    stated_update = _text_field(page, "updated") if main else None
    if page.format is SourceFormat.pagetext:
        published_text = stated or parts.published_text
        updated_text = stated_update or parts.updated_text
    else:
        published_text = parts.published_text or stated
        updated_text = parts.updated_text or stated_update
    if not published_text and page.fields.get("published") in (None, ""):
        # Found rather than stated: only where the record states no date at all (a value it states that cannot be
        # read, a date object of some API, is a date all the same, which a guess must not stand in for).
        published_text = parts.searched_date or date_in_url(url, page.crawled_at)
    # A page dump holds several articles: point at this one's first byte. Other formats have one per page.
    offset, line = page.offset, page.line or parts.line
    if page.markdown is not None:
        line, start = page.markdown.start_of(page.content, parts.offset)
        offset += page.bom_bytes + stored_length(page.markdown.text[:start], page.encoding, page.replacements)
    elif page.format is SourceFormat.pagetext:
        offset += page.bom_bytes + stored_length(page.content[: parts.offset], page.encoding, page.replacements)
    published_at, published_text = _dated(published_text, parts, page, url, language)
    updated_at, updated_text = _dated(updated_text, parts, page, url, language)
    document = Document.create(
        doc_id=doc_id(content, the_page, parts.role.value, index),
        page_id=the_page,
        role=parts.role,
        title=title,
        text=text,
        paragraphs=paragraphs,
        sentences=sentences,
        source=parts.source or _text_field(page, "source"),
        site=site,
        url=url,
        dateline=parts.dateline,
        credit=parts.credit,
        published_at=published_at,
        published_text=published_text,
        updated_at=updated_at,
        updated_text=updated_text,
        lang=language,
        captions=parts.captions,
        quotes=quotes,
        claims=find_claims(text, body_sentences(sentences, paragraphs), quotes, language),
        targets=targets.find(text, language) if targets else [],
        extractor_version=EXTRACTOR_VERSION,
        provenance={
            "path": page.source.shown,
            "format": page.format,
            "offset": offset,
            "line": line,
            "record": page.record,
            "sha256": page.file_sha256,
            "crawled_at": page.crawled_at,
        },
    )
    return document, content


def body_sentences(sentences: Sequence[Span], paragraphs: Sequence[Paragraph]) -> list[Span]:
    """The sentences of the body paragraphs: claim candidates. A subheading labels what follows ("3. GLP-1 Drugs
    Steal the Spotlight", "Create a Budget"), which the body then says; given as a claim, it is one more item for
    an annotator to dismiss (7.7% of the candidates of the WCXB page dumps were headings). A line of code claims
    nothing, though a query's "LIMIT 20 OFFSET 10000;" scored as check-worthy as a figure in a sentence."""
    others = [
        (paragraph["start"], paragraph["end"]) for paragraph in paragraphs if paragraph["kind"] != ParagraphKind.body
    ]
    if not others:
        return list(sentences)
    # Both are sorted, and a sentence lies inside one paragraph: a sentence is in a heading or code when it starts
    # inside the last such paragraph starting at or before it.
    starts = [start for start, _ in others]
    return [
        sentence
        for sentence in sentences
        if (index := bisect.bisect_right(starts, sentence["start"]) - 1) < 0 or sentence["start"] >= others[index][1]
    ]


def _moment(printed: str | None, parts: ArticleParts, page: Page, url: str | None, language: str) -> datetime | None:
    """The time a printed or stated date means, read in the page's language and order of day and month."""
    return parse_published(
        printed, page.crawled_at, language, day_first_of(printed, parts.day_first, url, page.crawled_at)
    )


CAPTURE_MARGIN = timedelta(days=1)
"""How far past the page's capture a date it gives may lie and still be its own: a day printed without a time zone
is read as UTC midnight, a day ahead of the crawl's UTC date in time zones east of it."""


def _dated(
    printed: str | None, parts: ArticleParts, page: Page, url: str | None, language: str
) -> tuple[datetime | None, str | None]:
    """The time a printed or stated date of publication or update means (`_moment`) and the text, or (None, None)
    when it lies after the page was captured (or after now, when its input does not say when): a page cannot have
    been published after it was fetched, so such a date is an event's the page announces, not the page's."""
    moment = _moment(printed, parts, page, url, language)
    if moment is not None and moment > (page.crawled_at or datetime.now(UTC)) + CAPTURE_MARGIN:
        return None, None
    return moment, printed


def _text_field(page: Page, name: str) -> str | None:
    """A field the page states (its title, outlet, dates), as a reader sees it (`_shown`)."""
    value = page.fields.get(name)
    return _shown(value) if isinstance(value, str) else None


def _language_code(value: str | None) -> str | None:
    """ "en", "en-US" or "EN_gb" as the ISO 639 code; None for anything else (then it is detected)."""
    if not value:
        return None
    code = re.split(r"[-_]", value.strip().lower(), maxsplit=1)[0]
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None
