"""Extract articles from a page-text dump: the visible text of a news page, captured line by line.

A dump has no markup, so everything is decided from features of the lines themselves:

- how much a line reads like prose (length, sentence punctuation, share of function words);
- repetition: within the page (a title printed twice, a menu shown for desktop and mobile) and across the run
  (`common_lines`: lines seen on many pages of the same site or app are its shell, never an article);
- position: a title sits above its body, outlet and time sit between title and body.

The page is cut into blocks of prose; gaps of boilerplate and article headers (a title printed twice) separate
them. Each block with a title is an article: the first substantial one is the main article, later ones are the
related articles shown with it. Paragraph-level furniture (datelines, credits, captions) is handled by
`builder.ingest.cleanup`, which the HTML and JSONL extractors share.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from builder.ingest.cleanup import (
    STOP_WORDS,
    split_caption,
    split_credit,
    split_dateline,
    split_leading_caption,
    split_paragraphs,
    strip_trailing_fragment,
)
from builder.ingest.parts import ArticleParts
from builder.records import Caption, Dateline, DocumentRole, ParagraphKind


class NoArticleError(ValueError):
    """The page holds no article: the message says why, for the quarantine report."""


_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$")
_INNER_SENTENCE_END = re.compile(r"[.!?][\"”’')]*\s+[\"“‘'(]?[A-Z]")
_BYLINE = re.compile(r"^(?:by|written by|words by|author:?)\s+\S", re.IGNORECASE)
_BULLET = re.compile(r"^[•·▪●◦‣∙*\-–—]\s+")
_GLUED_ICON = re.compile(r"^[a-z]{2,}(?=\d)")
"""An icon's name glued to the text after it by a text capture ("time31 minutes ago", "calendar2025-07-05")."""
_RELATIVE_TIME = re.compile(
    r"\b(?:\d+|an?|one)\s+(?:sec(?:ond)?|min(?:ute)?|h(?:ou)?r|day|week|month|year)s?\s+ago\b"
    r"|\b(?:just now|yesterday)\b",
    re.IGNORECASE,
)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
_ABSOLUTE_TIME = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+\d{{4}})?"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?",
    re.IGNORECASE,
)

PROSE_MIN_WORDS = 8
"""A line shorter than this is a heading, a label or a link, whatever its punctuation."""
PROSE_MIN_STOP_SHARE = 0.2
REPEATED_COST = 4.0
"""What a line repeated on the page or common to the run costs a body that includes it."""
SHORT_COST = 1.5
"""What any other non-prose line (subheading, list item, label, link) costs a body that includes it. A body is
the run of lines with the largest sum of prose words minus these costs, so a few headings and list items are
taken in when prose follows them, a long menu or widget area is not (Finn et al.'s body-text extraction, on
lines instead of tags)."""
WHOLE_ARTICLE_CHARS = 1500
WHOLE_ARTICLE_SENTENCES = 8
"""A line this long with this many sentences is a whole article, not a paragraph: web paragraphs rarely pass
a few hundred characters, and one holding eight sentences is an article whose breaks the capture lost."""
MIN_ARTICLE_WORDS = 25
TITLE_INSIDE = 60
"""How many lines into a block its title may be (below a teaser or notice that the block took in)."""
TITLE_WINDOW = 25
"""How many lines above a body its title may be; headers carry a kicker, byline, dates and a caption or two."""
TITLE_WEIGHTS = {
    "overlap": 2.0,
    "shared": 0.0,
    "repeated": 1.0,
    "metadata": 0.0,
    "distance": 0.08,
    "skipped": 0.0,
    "long": 0.5,
}
TITLE_MIN_SCORE = 0.2
MAIN_SHARE = 0.3
"""The main article is the first block with at least this share of the largest block's words: related articles
can be longer than the main one, but teasers above it are short."""


@dataclass(frozen=True, slots=True)
class Line:
    """A non-blank line of the dump with the features every decision reads."""

    number: int
    offset: int
    text: str
    key: str
    words: int
    stop_share: float
    sentence_end: bool
    repeats: int
    common: bool
    whole_article: bool
    """A line that holds many sentences: a whole article captured on one line, as aggregator cards are."""

    @property
    def prose(self) -> bool:
        """Reads like running text: long enough, grammatical, and not part of the site's shell."""
        return (
            not self.common
            and self.words >= PROSE_MIN_WORDS
            and self.stop_share >= PROSE_MIN_STOP_SHARE
            and (self.sentence_end or self.words >= 2 * PROSE_MIN_WORDS)
        )

    @property
    def score(self) -> float:
        """The line's contribution to a body that includes it: its words if prose, a cost otherwise."""
        if self.prose:
            return float(self.words)
        if self.common or self.repeats > 1:
            return -REPEATED_COST
        return -SHORT_COST


def normalise_key(text: str) -> str:
    """The form under which two lines count as the same line: bullets, case and spacing ignored."""
    return " ".join(_BULLET.sub("", text).casefold().split())


def read_lines(text: str, common_lines: Collection[str]) -> list[Line]:
    """Split the dump into non-blank lines and measure each one."""
    raw: list[tuple[int, int, str]] = []
    offset = 0
    for number, chunk in enumerate(text.splitlines(keepends=True), start=1):
        stripped = chunk.strip()
        if stripped:
            raw.append((number, offset + chunk.index(stripped[0]), stripped))
        offset += len(chunk)
    keys = [normalise_key(stripped) for _, _, stripped in raw]
    counts = Counter(keys)
    common = {normalise_key(line) for line in common_lines}
    lines = []
    for (number, start, stripped), key in zip(raw, keys, strict=True):
        words = _WORD.findall(stripped)
        stops = sum(1 for word in words if word.casefold() in STOP_WORDS)
        lines.append(
            Line(
                number=number,
                offset=start,
                text=stripped,
                key=key,
                words=len(words),
                stop_share=stops / len(words) if words else 0.0,
                sentence_end=bool(_SENTENCE_END.search(stripped)),
                repeats=counts[key],
                common=key in common,
                whole_article=len(stripped) >= WHOLE_ARTICLE_CHARS
                and len(_INNER_SENTENCE_END.findall(stripped)) >= WHOLE_ARTICLE_SENTENCES,
            )
        )
    return lines


def is_title_like(line: Line) -> bool:
    """Could be a headline: a few words, no closing full stop, not the site's shell, not a date or a caption."""
    return (
        2 <= line.words <= 30
        and len(line.text) <= 250
        and not line.common
        and not line.text.endswith((".", ":", ",", ";"))
        and not _BULLET.match(line.text)
        and published_text(line.text) is None
        and split_caption(line.text) is None
    )


def is_header(lines: Sequence[Line], index: int) -> bool:
    """A title-like line printed again right below itself: how aggregators and many news sites open an article
    card, and the surest sign that a new article starts here."""
    line = lines[index]
    return (
        line.repeats > 1
        and index + 1 < len(lines)
        and lines[index + 1].text == line.text
        and (index == 0 or lines[index - 1].key != line.key)
        and is_title_like(line)
    )


@dataclass(frozen=True, slots=True)
class Block:
    """A run of lines (indexes into the line list, inclusive) that reads as one article body."""

    first: int
    last: int
    words: int


def find_segments(lines: Sequence[Line]) -> list[tuple[int, int]]:
    """Cut the page at article headers and after whole articles on one line: no body spans such a cut.

    Returns `[start, end)` index ranges. A segment that starts with a header starts with its article's title.
    """
    cuts = [0]
    for index, line in enumerate(lines):
        if index > cuts[-1] and is_header(lines, index):
            cuts.append(index)
        elif line.whole_article and index + 1 < len(lines):
            cuts.append(index + 1)
    cuts.append(len(lines))
    return [(start, end) for start, end in itertools.pairwise(cuts) if start < end]


def best_run(lines: Sequence[Line], start: int, end: int) -> Block | None:
    """The run of lines in `[start, end)` with the largest total score (Kadane's maximum subarray)."""
    best: tuple[float, int, int] | None = None
    total, first = 0.0, start
    for index in range(start, end):
        if total <= 0.0:
            total, first = 0.0, index
        total += lines[index].score
        if total > 0.0 and (best is None or total > best[0]):
            best = (total, first, index)
    if best is None:
        return None
    _, first, last = best
    words = sum(line.words for line in lines[first : last + 1] if line.prose)
    return Block(first, last, words)


def find_blocks(lines: Sequence[Line], start: int, end: int) -> list[Block]:
    """Every body in `[start, end)` in page order: the best run, then the best runs left and right of it."""
    block = best_run(lines, start, end)
    if block is None or block.words < MIN_ARTICLE_WORDS:
        return []
    return [*find_blocks(lines, start, block.first), block, *find_blocks(lines, block.last + 1, end)]


def content_words(text: str) -> set[str]:
    return {word.casefold() for word in _WORD.findall(text) if word.casefold() not in STOP_WORDS}


@dataclass(frozen=True, slots=True)
class TitleClues:
    """What speaks for a line being the title of the body below it; `title_score` weighs them."""

    overlap: float
    """Share of the line's content words found in the prose that follows it: a headline announces its story."""
    shared: int
    """How many content words it shares with that prose, capped: a one-word label can share all of its one."""
    repeated: bool
    """Printed more than once on the page (breadcrumb, sticky header, a title printed twice)."""
    metadata: bool
    """A date, time or byline follows it before the prose does: that is where a headline stands."""
    distance: int
    """Lines between it and the prose it heads."""
    skipped: float
    """Share of the block's prose that lies above it: choosing it would throw that prose away."""
    long: bool
    """Four words or more: labels and menu items are shorter."""


def title_clues(lines: Sequence[Line], block: Block, index: int, prose_after: int) -> TitleClues:
    """Measure the clues for line `index`, whose following prose starts at `prose_after`."""
    line = lines[index]
    words = content_words(line.text)
    opening = content_words(
        " ".join(lines[at].text[:400] for at in range(prose_after, min(prose_after + 4, len(lines))))
    )
    shared = len(words & opening)
    between = lines[index + 1 : prose_after]
    skipped = sum(other.words for other in lines[block.first : index] if other.prose)
    return TitleClues(
        overlap=shared / len(words) if words else 0.0,
        shared=min(shared, 4),
        repeated=line.repeats > 1,
        metadata=any(published_text(other.text) or _BYLINE.match(other.text) for other in between[:6]),
        distance=sum(1 for other in between if other.key != line.key),
        skipped=skipped / block.words if block.words else 0.0,
        long=line.words >= 4,
    )


def title_score(clues: TitleClues) -> float:
    """Weigh the clues; the weights were set on the WCXB dev pages (see scripts/eval_pagetext.py)."""
    return (
        TITLE_WEIGHTS["overlap"] * clues.overlap
        + TITLE_WEIGHTS["shared"] * clues.shared
        + TITLE_WEIGHTS["repeated"] * clues.repeated
        + TITLE_WEIGHTS["metadata"] * clues.metadata
        - TITLE_WEIGHTS["distance"] * clues.distance
        - TITLE_WEIGHTS["skipped"] * clues.skipped
        + TITLE_WEIGHTS["long"] * clues.long
    )


def title_candidates(lines: Sequence[Line], block: Block, floor: int) -> list[tuple[int, TitleClues]]:
    """Title-like lines from TITLE_WINDOW lines above the block to TITLE_INSIDE lines into it, with their clues.

    The title may sit inside the block: a teaser, a notice or a standfirst above it can read as prose and open
    the block, and a headline can itself be a sentence.
    """
    candidates = []
    prose_after = min(block.last, block.first + TITLE_INSIDE)
    for index in range(prose_after, max(floor, block.first - TITLE_WINDOW) - 1, -1):
        line = lines[index]
        if line.prose and not is_title_like(line):
            prose_after = index
        elif is_title_like(line) and prose_after > index:
            candidates.append((index, title_clues(lines, block, index, prose_after)))
    return candidates


def find_title(lines: Sequence[Line], block: Block, floor: int) -> int | None:
    """The index of the block's title (not above `floor`), or None when no line scores as one."""
    scored = [(title_score(clues), index) for index, clues in title_candidates(lines, block, floor)]
    if not scored:
        return None
    score, index = max(scored)
    return index if score >= TITLE_MIN_SCORE else None


def published_text(text: str) -> str | None:
    """The date or time printed in a short metadata line ("time31 minutes ago" -> "31 minutes ago")."""
    if len(text) > 80:
        return None
    bare = _GLUED_ICON.sub("", text)
    match = _RELATIVE_TIME.search(bare) or _ABSOLUTE_TIME.search(bare)
    return match.group(0).strip() if match else None


@dataclass(frozen=True, slots=True)
class Header:
    """What sits between a title and its body: outlet, time and captions."""

    source: str | None
    published_text: str | None
    captions: list[Caption]


def read_header(lines: Sequence[Line], title: int, block: Block) -> Header:
    """Read outlet, time and captions from the lines between the title and the body.

    The outlet is a short line printed twice in the header (as a label and again as a bullet, say) or shown
    as a bullet: a lone short line could as well be a kicker or a "Contents" link.
    """
    between = [line for line in lines[title + 1 : block.first] if line.key != lines[title].key]
    time = next((found for line in between if (found := published_text(line.text))), None)
    captions = [caption for line in between if (caption := split_caption(line.text))]
    counts = Counter(line.key for line in between)
    source = next(
        (
            _BULLET.sub("", line.text)
            for line in between
            if line.words <= 5
            and (counts[line.key] > 1 or _BULLET.match(line.text))
            and not _SENTENCE_END.search(line.text)
            and published_text(line.text) is None
        ),
        None,
    )
    return Header(source=source, published_text=time, captions=captions)


def body_paragraphs(
    lines: Sequence[Line], block: Block, title: Line | None
) -> tuple[list[tuple[str, ParagraphKind]], list[Caption]]:
    """The block's paragraphs with boilerplate and captions taken out, subheadings marked, and a whole article
    captured on one line cut back into its paragraphs (after dropping a widget label glued to its end)."""
    paragraphs: list[tuple[str, ParagraphKind]] = []
    captions: list[Caption] = []
    body = lines[block.first : block.last + 1]
    for position, line in enumerate(body):
        if line.common or (title is not None and line.key == title.key):
            continue
        caption = split_caption(line.text)
        if caption is not None:
            captions.append(caption)
            continue
        if line.whole_article:
            caption, text = split_leading_caption(strip_trailing_fragment(line.text))
            captions.extend([caption] if caption else [])
            paragraphs.extend(split_paragraphs(text))
            continue
        if line.prose:
            paragraphs.append((line.text, ParagraphKind.body))
            continue
        if line.repeats > 1:
            continue
        following = body[position + 1] if position + 1 < len(body) else None
        if is_title_like(line) and following is not None and following.prose:
            paragraphs.append((line.text, ParagraphKind.heading))
        elif line.words >= 3:
            # Short lines between prose lines that are not headings are list items and short paragraphs.
            paragraphs.append((line.text, ParagraphKind.body))
    return paragraphs, captions


def clean_article(
    paragraphs: list[tuple[str, ParagraphKind]],
) -> tuple[list[tuple[str, ParagraphKind]], Dateline | None, str | None]:
    """Take the dateline off the first paragraph and the credit off the last."""
    dateline = None
    if paragraphs:
        dateline, text = split_dateline(paragraphs[0][0])
        paragraphs[0] = (text, paragraphs[0][1])
    credit = None
    if paragraphs:
        credit, text = split_credit(paragraphs[-1][0])
        paragraphs[-1] = (text, paragraphs[-1][1])
    return [(text, kind) for text, kind in paragraphs if text.strip()], dateline, credit


def extract_pagetext(text: str, common_lines: Collection[str] = ()) -> list[ArticleParts]:
    """Every article on the page: the main one first, then the related ones in page order.

    `common_lines` are lines seen on many pages of the run (the app or site shell); they are never article text.
    Raises NoArticleError when nothing on the page reads as an article.
    """
    lines = read_lines(text, common_lines)
    found: list[tuple[Block, int]] = []
    for start, end in find_segments(lines):
        floor = start
        for block in find_blocks(lines, start, end):
            # A segment opened by a header (a title printed twice) names its first article.
            title = start if floor == start and is_header(lines, start) else find_title(lines, block, floor)
            if title is not None:
                found.append((trim_block(lines, block, title), title))
            floor = block.last + 1
    if not found:
        raise NoArticleError(f"no titled run of {MIN_ARTICLE_WORDS}+ words of prose among {len(lines)} lines")
    largest = max(block.words for block, _ in found)
    main = next(index for index, (block, _) in enumerate(found) if block.words >= MAIN_SHARE * largest)
    articles = [
        article_parts(lines, block, title, DocumentRole.main if index == main else DocumentRole.related)
        for index, (block, title) in enumerate(found[main:], start=main)
    ]
    return [article for article in articles if article.paragraphs]


def trim_block(lines: Sequence[Line], block: Block, title: int) -> Block:
    """The block without its title and whatever precedes it, when the title was found inside the block."""
    if title < block.first:
        return block
    first = title + 1
    while first < block.last and lines[first].key == lines[title].key:
        first += 1
    return Block(first, block.last, sum(line.words for line in lines[first : block.last + 1] if line.prose))


def article_parts(lines: Sequence[Line], block: Block, title_index: int, role: DocumentRole) -> ArticleParts:
    """Assemble one article from its body block and title line."""
    title = lines[title_index]
    # The article starts at the first printing of its title, when it is printed more than once in a row.
    first = title_index
    while first > 0 and title_index - first < 3 and lines[first - 1].key == title.key:
        first -= 1
    header = read_header(lines, first, block)
    paragraphs, captions = body_paragraphs(lines, block, title)
    paragraphs, dateline, credit = clean_article(paragraphs)
    return ArticleParts(
        role=role,
        title=title.text,
        paragraphs=paragraphs,
        source=header.source,
        published_text=header.published_text,
        dateline=dateline,
        credit=credit,
        captions=header.captions + captions,
        line=lines[first].number,
        offset=lines[first].offset,
    )
