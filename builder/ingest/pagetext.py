"""Extract articles from a page-text dump: the visible text of a news page, captured line by line.

A dump has no markup, so everything is decided from features of the lines themselves:

- how much a line reads like prose (length, sentence punctuation, share of function words);
- repetition: within the page (a title printed twice, a menu shown for desktop and mobile) and across the run
  (`common_lines`: lines seen on many pages of the same site or app are its shell, never an article);
- position: a title sits above its body, outlet and time sit between title and body.

The page is cut into segments at article headers (a title printed twice); in each segment, bodies are the runs
of lines that maximise prose words minus the cost of the boilerplate lines they take in. Each body with a title
is an article: the first substantial one is the main article (taking in the bodies that closely follow it),
later ones are the related articles shown with it. Paragraph-level furniture (datelines, credits, captions) is
handled by `builder.ingest.cleanup`, which the HTML and JSONL extractors share.

Weights and thresholds were set on the WCXB dev pages rendered to text (scripts/render_wcxb.py and
scripts/eval_pagetext.py); English function words and a short list of generic English section labels are the
only word lists, so other languages get the structural features only.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache

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


_TOKEN = re.compile(r"\w+(?:['’]\w+)*")
_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*$")
_BYLINE = re.compile(r"^(?:by|written by|words by|posted by|author)\b:?\s*(?:\S|$)", re.IGNORECASE)
"""The labels that open a byline, in English ("Posted on", "Updated" were tried and lost more titles)."""
_SECTION_END = re.compile(
    r"^(?:\d+\s+)?(?:comments?|responses?|replies|leave a (?:reply|comment)|post a comment|add a comment"
    r"|join the (?:discussion|conversation)|related(?: articles| posts| stories| content| reading| topics)?"
    r"|recent posts|tags|categories|next post|previous post|back to top|explore more"
    r"|(?:you )?(?:may|might) also like|read (?:more|next)|more (?:stories|articles) from|recommended(?: for you)?"
    r"|(?:more|latest|popular|trending|top) (?:stories|articles|posts|news)|about the author)\b\W*(?:\(\d+\))?\s*$",
    re.IGNORECASE,
)
_COMMENT_COUNT = re.compile(r"^\d+\s+(?:comments?|responses?|replies|thoughts)\b(?:\s+(?:on|to)\b.*)?$", re.IGNORECASE)
"""Labels of the sections that follow an article ("Related Articles", "Leave a Reply", "59 Comments on ..."). A
small list of generic English UI words, which the line features cannot tell from a subheading (both are short
and title-like); it names no site."""
_DIGIT = re.compile(r"\d")
_UNDATED_TIME = re.compile(r"\b(?:just now|yesterday|an? (?:minute|hour|day|week|month|year) ago)\b", re.IGNORECASE)
_READING_TIME = re.compile(r"\b\d+\s*min(?:ute)?s?\s+read\b", re.IGNORECASE)
_BULLET_CHARS = frozenset("•·▪●◦‣∙*-–—")
_SENTENCE_BREAKS = (". ", "? ", "! ", '." ', ".” ")
"""How sentences meet inside a line; counted with `str.count`, which is much faster than a regex."""
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
    rf"\b(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}})?|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}(?:,?\s+\d{{4}})?"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s+[A-Z]{2,4})?)?",
    re.IGNORECASE,
)

# Line features.
PROSE_MIN_WORDS = 8
"""A line shorter than this is a heading, a label or a link, whatever its punctuation."""
PROSE_MIN_STOP_SHARE = 0.2
"""Prose has at least this share of function words; menus and link lists have next to none."""
STOP_SAMPLE_CHARS = 400
"""The share of function words is read from a line's first characters only: as telling, and cheap."""
WRAPPED_MIN_CHARS = 40
"""A line at least this long that stops mid-sentence, followed by one starting in lower case, was wrapped."""
WHOLE_ARTICLE_CHARS = 1500
WHOLE_ARTICLE_SENTENCES = 8
"""A line this long with this many sentences is a whole article, not a paragraph: web paragraphs rarely pass
a few hundred characters, and one holding eight sentences is an article whose breaks the capture lost."""

# Bodies: the run of lines with the largest sum of prose words minus the costs of the other lines in it, so a
# few headings and list items are taken in when prose follows them, a long menu or widget area is not (Finn et
# al.'s body-text extraction, on lines instead of tags).
SHORT_COST = 1.5
"""What a non-prose line (subheading, list item, label, link) costs a body that includes it."""
REPEATED_COST = 4.0
MAX_REPEATS_COUNTED = 6
"""A line repeated on the page or common to the run costs REPEATED_COST plus its repeats, up to this many."""
METADATA_COST = 25.0
"""A date or byline inside a body is rare; a comment section has one per comment."""
MIN_ARTICLE_WORDS = 25
"""Fewer prose words than this make a teaser or a notice, not an article."""
MERGE_GAP_LINES = 40
"""The longest gap (in lines) between two blocks that can still be one article."""
MAIN_SHARE = 0.3
"""The main article is the first block with at least this share of the largest block's words: related articles
can be longer than the main one, but teasers above it are short."""

# Titles.
MAX_TITLE_PRINTINGS = 3
"""A page prints an article's title two or three times; a label printed more often ("View All") is a widget."""
TITLE_WINDOW = 60
"""How many lines above a body its title may be; headers carry a kicker, byline, dates, share buttons."""
TITLE_INSIDE = 60
"""How many lines into a block its title may be (below a teaser or notice that the block took in)."""
STORY_CHARS = 20000
"""How much of a block's prose a title candidate's words are looked up in (bounds the cost on huge pages)."""
TITLE_WEIGHTS = {
    "overlap": 1.0,
    "coverage": 1.0,
    "metadata": 1.0,
    "distance": 0.05,
    "skipped": 16.0,
    "long": 1.0,
}
"""Weights of the title clues, set by a grid search over the WCXB dev pages (top-1 accuracy of the title among
the candidates). Being printed twice, prose just above, a standfirst below, and any block prose above were
tried as clues and added nothing."""
TITLE_MIN_SCORE = 0.2
"""A best candidate scoring below this is no title: the block is left out."""


@dataclass(slots=True)
class Line:
    """A non-blank line of the dump with the features every decision reads, measured once (not frozen only
    because a frozen dataclass is several times slower to build, and a page has hundreds of lines)."""

    number: int
    offset: int
    text: str
    key: str
    words: int
    repeats: int
    common: bool
    prose: bool
    """Reads like running text: long enough, grammatical, and not part of the site's shell."""
    title_like: bool
    """Could be a headline: a few words, no closing full stop, not the shell, not a date, byline or caption."""
    metadata: bool
    """A byline, a date or time, or a reading time."""
    section_end: bool
    """The label that opens what follows an article: comments, related or recommended stories."""
    whole_article: bool
    """A line that holds many sentences: a whole article captured on one line, as aggregator cards are."""

    score: float
    """The line's contribution to a body that includes it (see `line_score`)."""


def line_score(prose: bool, words: int, metadata: bool, repeats: int, common: bool) -> float:
    """A line's contribution to a body that includes it: its words if prose, a cost otherwise."""
    if prose:
        return float(words)
    if metadata:
        # A date or byline inside a body is rare; a comment section has one per comment.
        return -METADATA_COST
    if common or repeats > 1:
        # Lines that come back many times (a "Reply" under every comment) cost more each time.
        return -REPEATED_COST - min(repeats, MAX_REPEATS_COUNTED)
    return -SHORT_COST


def normalise_key(text: str) -> str:
    """The form under which two lines count as the same line: bullets, case and spacing ignored."""
    if text[:1] in _BULLET_CHARS:
        text = _BULLET.sub("", text)
    return " ".join(text.casefold().split())


def tokens(text: str) -> list[str]:
    """Lowercased words, punctuation dropped (apostrophes kept, so "won't" stays one word)."""
    return _TOKEN.findall(text.lower())


def content_words(text: str) -> set[str]:
    """The words of a text that carry its subject: all but the function words."""
    return set(tokens(text)) - STOP_WORDS


def read_lines(text: str, common_lines: Collection[str]) -> list[Line]:
    """Split the dump into non-blank lines, rejoin lines that were wrapped mid-sentence, and measure each one."""
    raw: list[tuple[int, int, str]] = []
    offset = 0
    joinable = False
    for number, chunk in enumerate(text.splitlines(keepends=True), start=1):
        stripped = chunk.strip()
        if not stripped:
            joinable = False
        elif joinable and stripped[0].islower() and not is_metadata(stripped) and not _GLUED_ICON.match(stripped):
            # A hard-wrapped paragraph: the line before stopped mid-sentence and this one carries on in
            # lower case (and is not a lower-case byline or time). One logical line, positioned where it starts.
            first, start, before = raw[-1]
            raw[-1] = (first, start, before + " " + stripped)
        else:
            raw.append((number, offset + chunk.index(stripped[0]), stripped))
        if stripped:
            joinable = len(stripped) >= WRAPPED_MIN_CHARS and not _SENTENCE_END.search(stripped[-4:])
        offset += len(chunk)
    keys = [normalise_key(stripped) for _, _, stripped in raw]
    counts = Counter(keys)
    common = _normalised(frozenset(common_lines))
    return [
        measure(number, start, stripped, key, counts[key], key in common)
        for (number, start, stripped), key in zip(raw, keys, strict=True)
    ]


@lru_cache(maxsize=8)
def _normalised(common_lines: frozenset[str]) -> frozenset[str]:
    """The run's common lines under `normalise_key`, computed once per run rather than once per page."""
    return frozenset(normalise_key(line) for line in common_lines)


def measure(number: int, offset: int, text: str, key: str, repeats: int, common: bool) -> Line:
    """Measure one line (see `Line`)."""
    # The key is the line lowercased with single spaces: split it rather than the text. The share of function
    # words comes from the start of the line only, as telling as the whole and cheap on a whole article; words
    # keep their punctuation, which rarely sticks to a function word and a regex would cost twice as much.
    if len(key) <= STOP_SAMPLE_CHARS:
        sample = key.split()
        count = len(sample)
    else:
        sample = key[:STOP_SAMPLE_CHARS].split()
        count = key.count(" ") + 1
    stop_share = sum(map(STOP_WORDS.__contains__, sample)) / len(sample) if sample else 0.0
    sentence_end = bool(_SENTENCE_END.search(text[-4:]))
    prose = (
        not common
        and count >= PROSE_MIN_WORDS
        and stop_share >= PROSE_MIN_STOP_SHARE
        and (sentence_end or count >= 2 * PROSE_MIN_WORDS)
    )
    short = len(text) <= 250
    metadata = short and is_metadata(text)
    title_like = (
        short
        and 2 <= count <= 30
        and not common
        and not metadata
        and not text.endswith((".", ":", ",", ";"))
        and sample[-1].strip("\"'’”)!?") not in _DANGLING
        and not _BULLET.match(text)
        and split_caption(text) is None
    )
    whole_article = (
        len(text) >= WHOLE_ARTICLE_CHARS and sum(map(text.count, _SENTENCE_BREAKS)) >= WHOLE_ARTICLE_SENTENCES
    )
    return Line(
        number=number,
        offset=offset,
        text=text,
        key=key,
        words=count,
        repeats=repeats,
        common=common,
        prose=prose,
        title_like=title_like,
        metadata=metadata,
        section_end=(count <= 6 and bool(_SECTION_END.match(text))) or (short and bool(_COMMENT_COUNT.match(text))),
        whole_article=whole_article,
        score=line_score(prose, count, metadata, repeats, common),
    )


_DANGLING = frozenset({"a", "an", "the", "our", "your", "my", "their", "its", "of", "and", "or", "with", "for"})
"""Words that cannot end an English headline: a line ending in one is cut short ("Learn about our")."""


def is_header(lines: Sequence[Line], index: int) -> bool:
    """A title-like line printed again right below itself: how aggregators and many news sites open an article
    card, and the surest sign that a new article starts here."""
    line = lines[index]
    return (
        1 < line.repeats <= MAX_TITLE_PRINTINGS
        and index + 1 < len(lines)
        and lines[index + 1].text == line.text
        and (index == 0 or lines[index - 1].key != line.key)
        and line.title_like
    )


@dataclass(frozen=True, slots=True)
class Block:
    """A run of lines (indexes into the line list, inclusive) that reads as one article body."""

    first: int
    last: int
    words: int


def find_segments(lines: Sequence[Line]) -> list[tuple[int, int]]:
    """Cut the page at article headers and section labels ("Comments", "Related Articles"), and after a whole
    article on one line under a header (an article card: nothing after its one body line belongs to it). No
    body spans a cut: a comment section can hold more prose than any cost would outweigh.

    Returns `[start, end)` index ranges. A segment that starts with a header starts with its article's title.
    """
    cuts = [0]
    for index, line in enumerate(lines):
        if index > cuts[-1] and (is_header(lines, index) or line.section_end):
            cuts.append(index)
        elif line.whole_article and index + 1 < len(lines) and is_header(lines, cuts[-1]):
            cuts.append(index + 1)
    cuts.append(len(lines))
    return [(start, end) for start, end in itertools.pairwise(cuts) if start < end]


def best_run(lines: Sequence[Line], start: int, end: int) -> Block | None:
    """The run of lines in `[start, end)` with the largest total score (Kadane's maximum subarray).

    Costs grow linearly with the number of non-prose lines: making a long gap cost more than its length (tried
    on WCXB) cut the lists inside articles more than the footers after them.
    """
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


@dataclass(frozen=True, slots=True)
class TitleClues:
    """What speaks for or against a line being the title of the body below it; `title_score` weighs them."""

    overlap: float
    """Share of the line's content words found in the prose that follows it: a headline announces its story."""
    coverage: float
    """Share of its content words found anywhere in the block: a headline names the whole story, a section
    heading only its section, a menu item none of it."""
    metadata: bool
    """A date, byline or reading time stands between it and the prose: that is where a headline stands."""
    distance: int
    """Lines between it and the prose it heads."""
    skipped: float
    """Share of the block's prose that lies above it: choosing it would throw that prose away."""
    long: bool
    """Four words or more: labels and menu items are shorter."""


def is_metadata(text: str) -> bool:
    """A byline, a date or time, or a reading time: the furniture between a headline and its story."""
    if _BYLINE.match(text):
        return True
    # Dates, times and reading times all hold a digit, bar a few words: check that before the regexes.
    if not _DIGIT.search(text) and not _UNDATED_TIME.search(text):
        return False
    return bool(_READING_TIME.search(text) or published_text(text))


def title_clues(lines: Sequence[Line], block: Block, index: int, prose_after: int, context: TitleContext) -> TitleClues:
    """Measure the clues for line `index`, whose following prose starts at `prose_after`."""
    line = lines[index]
    words = content_words(line.text)
    opening = context.opening(prose_after)
    between = lines[index + 1 : prose_after]
    skipped = context.prose_words_before(index)
    return TitleClues(
        overlap=len(words & opening) / len(words) if words else 0.0,
        coverage=len(words & context.story) / len(words) if words else 0.0,
        metadata=any(other.metadata for other in between),
        distance=sum(1 for other in between if other.key != line.key),
        skipped=skipped / block.words if block.words else 0.0,
        long=line.words >= 4,
    )


class TitleContext:
    """What every title candidate of one block is compared with, computed once per block."""

    def __init__(self, lines: Sequence[Line], block: Block) -> None:
        self.lines = lines
        self.block = block
        prose = " ".join(line.key for line in lines[block.first : block.last + 1] if line.prose)
        # Bounded, so that a page holding a book costs no more than a long article.
        self.story = content_words(prose[:STORY_CHARS])
        self._openings: dict[int, set[str]] = {}

    def opening(self, start: int) -> set[str]:
        """Content words of the (first 400 characters of the) four lines from `start`."""
        if start not in self._openings:
            following = self.lines[start : start + 4]
            self._openings[start] = content_words(" ".join(line.text[:400] for line in following))
        return self._openings[start]

    def prose_words_before(self, index: int) -> int:
        """Prose words in the block above line `index`."""
        return sum(line.words for line in self.lines[self.block.first : index] if line.prose)


def title_score(clues: TitleClues) -> float:
    """Weigh the clues; the weights were set on the WCXB dev pages (see scripts/eval_pagetext.py)."""
    return (
        TITLE_WEIGHTS["overlap"] * clues.overlap
        + TITLE_WEIGHTS["coverage"] * clues.coverage
        + TITLE_WEIGHTS["metadata"] * clues.metadata
        - TITLE_WEIGHTS["distance"] * min(clues.distance, 20)
        - TITLE_WEIGHTS["skipped"] * clues.skipped
        + TITLE_WEIGHTS["long"] * clues.long
    )


def title_candidates(lines: Sequence[Line], block: Block, floor: int) -> list[tuple[int, TitleClues]]:
    """Title-like lines from TITLE_WINDOW lines above the block to TITLE_INSIDE lines into it, with their clues.

    The title may sit inside the block: a teaser, a notice or a standfirst above it can read as prose and open
    the block, and a headline can itself be a sentence.
    """
    context = TitleContext(lines, block)
    candidates = []
    prose_after = min(block.last, block.first + TITLE_INSIDE)
    for index in range(prose_after, max(floor, block.first - TITLE_WINDOW) - 1, -1):
        line = lines[index]
        if line.prose and not line.title_like:
            prose_after = index
        elif line.title_like and prose_after > index and not (index and _BYLINE.match(lines[index - 1].text)):
            # A name under a bare "By" line is an author, however title-like it looks.
            candidates.append((index, title_clues(lines, block, index, prose_after, context)))
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
        following = body[position + 1] if position + 1 < len(body) else None
        if line.title_like and following is not None and following.prose:
            # A heading, even when printed again elsewhere (a table of contents lists every heading).
            paragraphs.append((line.text, ParagraphKind.heading))
        elif line.words >= 3 and line.repeats == 1:
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
    segments = find_segments(lines)
    blocks = [
        (block, segment) for segment, (start, end) in enumerate(segments) for block in find_blocks(lines, start, end)
    ]
    if not blocks:
        raise NoArticleError(f"no run of {MIN_ARTICLE_WORDS}+ words of prose among {len(lines)} lines")
    largest = max(block.words for block, _ in blocks)
    main: tuple[Block, int, int] | None = None
    rest: list[tuple[Block, int | None, int]] = []
    floor = 0
    for block, segment in blocks:
        start = segments[segment][0]
        opens_with_header = is_header(lines, start)
        if opens_with_header and floor < start:
            floor = start
        if main is None and block.words < MAIN_SHARE * largest:
            # Teasers and notices above the main article are no article, and must not hide its title.
            continue
        # A segment opened by a header (a title printed twice) names its first article. A segment cut at a
        # section label does not: the title above the label may still be this body's ("6 Comments" under it).
        title = start if opens_with_header and floor == start else find_title(lines, block, floor)
        body = block if title is None else trim_block(lines, block, title)
        # A headline and standfirst alone can read as a block of prose; their article is the next block,
        # which may then take the same title, so the floor only moves past real articles.
        if body.words < MIN_ARTICLE_WORDS:
            continue
        if main is not None:
            rest.append((body, title, segment))
        elif title is not None:
            main = (body, title, segment)
        if title is not None:
            floor = block.last + 1
    if main is None:
        raise NoArticleError(f"no titled run of {MIN_ARTICLE_WORDS}+ words of prose among {len(lines)} lines")
    main_block, main_title, main_segment = main
    # Blocks that follow the main one closely, in the same segment, continue it: a listicle's items or a
    # table cut the article into runs, while comments and related stories sit behind a long gap or a label.
    while rest and continues(lines, main_block, rest[0][0]) and rest[0][2] == main_segment:
        following = rest.pop(0)[0]
        main_block = Block(main_block.first, following.last, main_block.words + following.words)
    articles = [article_parts(lines, main_block, main_title, DocumentRole.main)] + [
        article_parts(lines, block, title, DocumentRole.related) for block, title, _ in rest if title is not None
    ]
    return [article for article in articles if article.paragraphs]


def continues(lines: Sequence[Line], block: Block, following: Block) -> bool:
    """Whether `following` continues `block`: a short gap between them, with none of the run's shell in it."""
    gap = lines[block.last + 1 : following.first]
    return len(gap) <= MERGE_GAP_LINES and not any(line.common for line in gap)


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
