"""Line features of a page-text dump: what `builder.ingest.pagetext` decides everything from.

Each non-blank line is measured once (`read_lines`): how much it reads like prose (length, sentence punctuation,
share of function words), repetition within the page and across the run, and whether it is a byline, a date,
a section label or a whole article captured on one line.

Function words are those of the page's language (`page_writing`): the project's English list, and jusText's list
for another language with English's beside it (jusText ships lists for about 100 languages inside its package;
it is trafilatura's own dependency); with no list for the language, none, and prose is told by its length and
punctuation alone. Words are counted in characters in languages written without spaces (Chinese, Japanese,
Thai). Dates are read in the page's language too (`builder.ingest.local_dates`), and section labels in the
languages listed in `_SECTION_END_ELSEWHERE`; bylines are read in English only, so other languages lose that
refinement, not their articles: an English-only prose test found no prose at all on a German or Chinese page,
which gave no article.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from heapq import nlargest
from typing import NamedTuple

from builder.enrich.function_words import STOP_WORDS, language_function_words
from builder.enrich.language import UNDETERMINED, detect_language, function_word_share_is_english
from builder.enrich.unspaced import UNSPACED_LANGUAGES, unspaced_words
from builder.ingest.cleanup import MONTH, split_caption
from builder.ingest.code_lines import code_runs, is_code_line
from builder.ingest.dates import parse_published
from builder.ingest.local_dates import find_local_date, find_relative_time
from builder.ingest.pages import PageTooLargeError
from builder.ingest.text_browsers import (
    drawn_by_text_browser,
    drawn_table_rows,
    has_list_mark,
    is_frame,
    link_list_lines,
    without_widgets,
)
from builder.ingest.wrapping import Wrap, column_wraps, joint, wrap_width, wrapped_before

_TOKEN = re.compile(r"\w+(?:['’]\w+)*")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ASCII_WORD_OR_APOSTROPHE_BYTES = bytes(
    byte if chr(byte).isalnum() or chr(byte) in "_'" or byte >= 0x80 else 0x20 for byte in range(256)
)
"""Every ASCII byte that is neither a word character nor an apostrophe as a space; UTF-8 lead and continuation
bytes (0x80 and up) left as they are."""
_SENTENCE_MARK = r"[.!?…。！？][\"”’')\]」』）]*"
"""A sentence's closing mark and the closing quotes and brackets after it."""
SENTENCE_END = re.compile(_SENTENCE_MARK + "$")
SENTENCE_ENDS = re.compile(_SENTENCE_MARK + r"(?:\s|$)")
"""Every place a sentence ends inside a text: its mark before white space or the text's end."""
BYLINE = re.compile(r"^(?:by|written by|words by|posted by|author)\b:?\s*(?=\S|$)", re.IGNORECASE)
"""The labels that open a byline, in English ("Posted on", "Updated" were tried and lost more titles); a match
ends where the name starts."""
_COMMENT_LABELS = "|".join(
    (
        r"comments?|responses?(?!\s*:)|replies|(?:leave|add|post|write) (?:a |your )?(?:reply|comment)",
        r"add a new comment|be the first to comment|(?:view|show) (?:all |more )?comments",
        r"comments are closed",
        "join the (?:discussion|conversation)",
        # Substack's: the label over its comments and the row of their tabs, run together ("CommentsRestacks").
        r"discussion about this (?:post|article|story|episode)|comments\s*restacks",
        # German, French, Spanish, Italian, Portuguese, Dutch, Russian, Ukrainian, Polish, Chinese, Japanese.
        "kommentare|commentaires|comentarios|commenti|comentários|reacties|комментарии|коментарі|komentarze|评论",
        "コメント",
    )
)
"""The labels of a comment section, in English and the other languages whose pages are read."""
_SECTION_END_ELSEWHERE = "|".join(
    (
        # German, French, Spanish, Italian, Portuguese, Dutch.
        "mehr zum thema|zum thema|lesen sie auch|das könnte sie auch interessieren|auch interessant|weitere artikel",
        "ähnliche artikel|lire aussi|à lire aussi|à lire également|voir aussi|sur le même sujet",
        "articles similaires|les plus lus|leer más|te puede interesar|también te puede interesar",
        "noticias relacionadas|más noticias|lo más leído|leggi anche|articoli correlati",
        "potrebbe interessarti|i più letti|leia também|veja também|notícias relacionadas|mais lidas",
        "lees ook|gerelateerde artikelen|meer nieuws",
        # Russian, Ukrainian, Polish, Chinese, Japanese.
        "читайте также|смотрите также|новости по теме|по теме|похожие новости|читайте також",
        "схожі новини|czytaj także|czytaj też|zobacz także|podobne artykuły",
        "相关新闻|相关阅读|相关文章|延伸阅读|热门推荐|関連記事|関連ニュース|おすすめ記事",
    )
)
"""The labels of `_SECTION_END` other than comments' as the press of other languages prints them ("Mehr zum
Thema", "Lire aussi", "Читайте также", "相关新闻"): a related teaser below them, a title over an excerpt with no
time, would otherwise read as the article going on."""
_LABEL_END = r")\b\W*(?:\(\d+\))?\s*$"
_SECTION_END = re.compile(
    rf"^(?:\d+\s+)?(?:{_COMMENT_LABELS}"
    r"|related(?: articles| posts| stories| content| reading| topics)?"
    r"|recent posts|tags|categories|next post|previous post|back to top|explore more"
    r"|(?:you )?(?:may|might) also like|read (?:more|next)|more (?:stories|articles) from"
    r"|recommended(?: for you| articles| posts| stories| reading)?"
    r"|(?:more|latest|popular|trending|top) (?:stories|articles|posts|news)|about the author"
    # The same labels in the other languages whose pages are read (see `_SECTION_END_ELSEWHERE`).
    rf"|{_SECTION_END_ELSEWHERE}{_LABEL_END}",
    re.IGNORECASE,
)
_COMMENTS_LABEL = re.compile(rf"^(?:\d+\s+)?(?:{_COMMENT_LABELS}{_LABEL_END}", re.IGNORECASE)
_COMMENT_COUNT = re.compile(r"^\d+\s+(?:comments?|responses?|replies|thoughts)\b(?:\s+(?:on|to)\b.*)?$", re.IGNORECASE)
"""Labels of the sections that follow an article ("Related Articles", "Leave a Reply", "59 Comments on ..."). A
small list of generic English UI words, which the line features cannot tell from a subheading (both are short
and title-like); it names no site. "Response:", with its colon, labels an answer in a transcript inside the article
(on WCXB page 0383 it cut the article in two)."""


def opens_comments(line: Line) -> bool:
    """Whether the line is a section label that opens reader comments ("23 Comments", "Leave a Reply",
    "Kommentare"), not related stories."""
    return line.section_end and (
        _COMMENTS_LABEL.match(line.text) is not None or _COMMENT_COUNT.match(line.text) is not None
    )


_DIGIT = re.compile(r"\d")
_UNDATED_TIME = re.compile(r"\b(?:just now|yesterday|an? (?:minute|hour|day|week|month|year) ago)\b", re.IGNORECASE)
READING_TIME = re.compile(
    r"\b\d+\s*min(?:ute)?s?\s+read\b|\bread(?:ing)? time\b\W*(?:about\s+)?\d+\s*min(?:ute)?s?\b", re.IGNORECASE
)
"""A reading time, as "5 min read" or "Reading time: 2 minutes": metadata, never a headline."""
_BULLET_CHARS = frozenset("•·▪●◦‣∙*+-–—o")
_SENTENCE_BREAKS = (". ", "? ", "! ", '." ', ".” ")
"""How sentences meet inside a line; counted with `str.count`, which is much faster than a regex."""
BULLET = re.compile(r"^(?:[•·▪●◦‣∙*+\-–—]|o(?=\s))\s+")
_NESTED_LIST_MARKS = frozenset("□■○☆")
"""How w3m marks the items of a nested list ("□", then "☆"): no headline. Read for the shape only, not taken off
the line's key as a bullet is: a table of contents' entry ("□ The Three States") would then be a second printing
of the article's heading, and a heading printed twice was taken for a menu's, which cut the article (WCXB 0426 in
w3m's dump, F1 0.81 -> 0.67)."""
_GLUED_ICON = re.compile(r"^[a-z]{2,}(?=\d)")
"""An icon's name glued to the text after it by a text capture ("time31 minutes ago", "calendar2025-07-05")."""
_RELATIVE_TIME = re.compile(
    r"\b(?:\d+|an?|one)\s+(?:sec(?:ond)?|min(?:ute)?|h(?:ou)?r|day|week|month|year)s?\s+ago\b"
    r"|\b(?:just now|yesterday)\b",
    re.IGNORECASE,
)
_DATE_START = r"(?:\b|(?<=[a-z])(?-i:(?=[A-Z])))"
"""Where a date may start: at a word boundary, or glued to the lower-case end of a name before it ("By Kathryn
GiuffridaMar 5, 2025"), when the date opens with a capital."""
_ABSOLUTE_TIME = re.compile(
    rf"{_DATE_START}(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:[,.]?\s+\d{{4}})?|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}(?:,?\s+\d{{4}})?"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|\d{{1,2}}\.\d{{1,2}}\.\d{{4}}"
    rf"|\d{{4}}[./]\d{{1,2}}[./]\d{{1,2}}\b|\d{{1,2}}[.\-]{MONTH}-?\d{{4}}"
    r"|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)"
    r"(?:,?\s+(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?-i:\s+[A-Z]{2,4}\b)?|\s*\d{1,2}時\d{1,2}分)?",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True, eq=False)
class Writing:
    """How a page's language is written, as far as measuring its lines needs. Compared and hashed by identity: there
    is one per language (`ENGLISH`, `_writing`), and lines' shapes are cached by it."""

    language: str
    function_words: frozenset[str]
    """The language's function words; when none are known, prose is not tested for them."""
    spaced: bool = True
    """Words are separated by spaces; else they are counted in characters (`unspaced_words`)."""


ENGLISH = Writing("en", STOP_WORDS)
LANGUAGE_SAMPLE_LINES = 3
"""The page's language is told from its longest lines: its paragraphs rather than its menus."""


def page_writing(texts: Sequence[str]) -> Writing:
    """How the language of a page whose lines are `texts` is written: English when it is English or cannot be told
    (a page of short lines), as the features were first tuned on it."""
    sample = " ".join(nlargest(LANGUAGE_SAMPLE_LINES, texts, key=len))
    words = sample[:STOP_SAMPLE_CHARS].casefold().split()
    # Most pages are in English, and English prose is a third or more function words while other languages share
    # few of them (German "in", "was"; French "a", "on"): those pages are settled without identifying the language.
    if words and function_word_share_is_english(words):
        return ENGLISH
    language = detect_language(sample)
    if language in (ENGLISH.language, UNDETERMINED):
        return ENGLISH
    return _writing(language)


@cache
def _writing(language: str) -> Writing:
    if language in UNSPACED_LANGUAGES:
        return Writing(language, frozenset(), spaced=False)
    # Casefolded, as line keys are.
    function_words = frozenset(word.casefold() for word in language_function_words(language))
    # English ones too: pages in other languages quote English, and sites print English articles in a shell in
    # their own language (an English article on a German agency's site was lost when its German footer told
    # the page's language).
    return Writing(language, STOP_WORDS | function_words if function_words else frozenset())


# Line features.
PROSE_MIN_WORDS = 8
"""A line shorter than this is a heading, a label or a link, whatever its punctuation."""
PROSE_MIN_STOP_SHARE = 0.2
"""Prose has at least this share of function words; menus and link lists have next to none."""
STOP_SAMPLE_CHARS = 400
"""The share of function words is read from a line's first characters only: as telling, and cheap."""
WRAPPED_MIN_CHARS = 40
"""A line at least this long that stops mid-sentence, followed by one starting in lower case, was wrapped."""
TITLE_CASE_MIN_CHARS = 4
"""Words of at least this length count for `title_case`: short words stay lower case in title case too."""
HEADLINE_MAX_WORDS = 30
"""The most words a headline runs to."""
MENU_RUN_TITLE_CASE = 0.8
"""Share of capitalised words (`title_case`) from which a line longer than a headline that ends no sentence is a
menu run together."""
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


MAX_TITLE_PRINTINGS = 3
"""A page prints an article's title two or three times; a label printed more often ("View All") is a widget."""


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
    published: str | None
    """The date or time the line prints as a byline or dateline would (see `published_text`)."""
    relative_time: bool
    """That time is told relative to now ("31 minutes ago", "vor 3 Stunden"), as news apps and cards print it."""

    score: float
    """The line's contribution to a body that includes it (see `line_score`)."""
    heading: bool
    """Marked a heading by the dump itself (see `read_lines`); a browser's copy of a page marks none."""
    opening_words: frozenset[str] | None = None
    """Cache of `opening_words`, filled when titles are looked for."""
    path_parts: tuple[str, ...] | None = None
    """Cache of `pagetext_titles.path_parts`, filled when titles are looked for."""
    code: bool = False
    """A line of a code block (see `mark_code`)."""
    contents: bool = False
    """A line of the page's table of contents: its label or an entry (see `table_of_contents`)."""
    list_entry: bool = False
    """A list item that would be headline-shaped without its mark ("* How to shop for a smart home hub"): never a
    headline itself, but an entry of a list of headings, as a text browser draws a table of contents."""


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


def without_bullet(text: str) -> str:
    """The line without the bullet it opens with, if any."""
    return BULLET.sub("", text) if text[:1] in _BULLET_CHARS else text


def normalise_key(text: str) -> str:
    """The form under which two lines count as the same line: bullets, case and spacing ignored."""
    folded = without_bullet(text).casefold()
    # Splitting and joining a line's words cost as much as the rest of measuring it: a line whose only white space
    # is single spaces inside it is its own key. Every white space character but the space is unprintable.
    if folded.isprintable() and "  " not in folded and folded[:1] != " " and folded[-1:] != " ":
        return folded
    return " ".join(folded.split())


def content_words(text: str) -> set[str]:
    """The words of a text that carry its subject: its lowercased words (`_TOKEN`: punctuation dropped, apostrophes
    kept, so "won't" stays one word), all but the function words.

    Not `_TOKEN.findall`, whose match per word cost most of reading a line's opening words: every character that
    is neither a word character (`\\w`, which is `str.isalnum` or "_") nor an apostrophe becomes a space (the
    ASCII ones by one `bytes.translate`, the few others by `str.replace`), so splitting the text gives the runs of
    word characters and apostrophes that `_TOKEN`'s matches lie in, which are its words but for the few runs
    holding an apostrophe, which `_TOKEN` itself reads ("'won't'" -> "won't"). Half the time on a paragraph's
    opening."""
    lowered = text.lower()
    if not lowered.isascii():
        for character in set(_NON_ASCII.findall(lowered)):
            if not character.isalnum() and character != "’":
                lowered = lowered.replace(character, " ")
    spaced = lowered.encode().translate(_ASCII_WORD_OR_APOSTROPHE_BYTES).decode()
    words = set(spaced.split())
    if "'" in spaced or "’" in spaced:
        with_apostrophe = [word for word in words if "'" in word or "’" in word]
        words.difference_update(with_apostrophe)
        for run in with_apostrophe:
            words.update(_TOKEN.findall(run))
    return words - STOP_WORDS


OPENING_CHARS = 400
"""How much of a line its opening words are read from (all of a title-like line, which is shorter)."""


def opening_words(line: Line) -> frozenset[str]:
    """Content words of the line's first OPENING_CHARS characters, measured once per line: a line is read for
    several candidates (the four-line openings of neighbouring candidates overlap) and several blocks."""
    if line.opening_words is None:
        line.opening_words = frozenset(content_words(line.text[:OPENING_CHARS]))
    return line.opening_words


PAGE_MAX_LINES = 50_000
"""More lines than this are no page dump (the longest of the 711 WCXB pages, dumped by a text browser, has 2,759):
many pages in one file, or a list, whose lines, each measured, took gigabytes of memory (a million one-letter
lines took 550 MB). Counted as `str.splitlines` counts them: a carriage return or a line separator breaks a line
too."""


def _wrapped_above(
    chunks: Sequence[str],
    stripped_chunks: Sequence[str],
    index: int,
    wrap: Wrap | None,
    column: Wrap | None,
    code: Collection[int],
) -> bool:
    """Whether line `index` carries on the line above it at the column the dump was wrapped at (`wrap`), or at the
    narrower `column` of the run of lines it lies in (`column_wraps`). A run read at its own column may be code, whose
    lines in lower case do not carry on one another."""
    if wrap is not None and wrapped_before(chunks[index - 1], chunks[index], wrap):
        return True
    return (
        column is not None
        and index - 1 not in code
        and index not in code
        and wrapped_before(chunks[index - 1], chunks[index], column)
        and not is_code_line(stripped_chunks[index])
        and not is_code_line(stripped_chunks[index - 1])
    )


def read_lines(
    text: str, common_lines: Collection[str], headings: Collection[int] = (), code: Collection[int] = ()
) -> list[Line]:
    """Split the dump into non-blank lines, rejoin lines that were wrapped (mid-sentence, or at the column of a
    hard-wrapped dump: `builder.ingest.wrapping`), and measure each one.

    A line is a `heading` when the dump marks it so: one of `headings` (0-based line numbers: a Markdown page's
    headings, see `builder.ingest.markdown_text`), or, in a text browser's dump, a line set as one
    (`browser_headings`). A line is `code` when the dump marks it so (one of `code`: a Markdown code block's line,
    never joined to another) or it lies in a run of lines that read as code (`code_runs`)."""
    chunks = text.splitlines(keepends=True)
    if len(chunks) > PAGE_MAX_LINES:
        raise PageTooLargeError(
            f"{len(chunks):,} lines, more than the {PAGE_MAX_LINES:,} any page dump has: many pages in one file (split "
            "it, or give it as JSON Lines or a WARC, which are read record by record), or no page"
        )
    wrap = wrap_width(chunks)
    # A narrower column inside the dump (a layout table's cell) is wrapped at its own width.
    columns = column_wraps(chunks, wrap)
    if wrap is None and not drawn_by_text_browser(chunks):
        stripped_chunks = [chunk.strip() for chunk in chunks]
    else:
        # Wrapped at a column or drawn with list marks: a text browser's dump, whose form controls, unnamed images and
        # opening list of the page's links are its own drawing, not the page's text (`builder.ingest.text_browsers`).
        skipped = link_list_lines(chunks)
        stripped_chunks = [""] * skipped + [without_widgets(chunk.strip()) for chunk in chunks[skipped:]]
        if "│" in text:
            for index, row in drawn_table_rows(chunks).items():
                stripped_chunks[index] = row
    # The language first: whether a line carries on the one above depends on it ("vor 3 Stunden" is a time).
    writing = page_writing(stripped_chunks)
    raw: list[tuple[int, int, list[str]]] = []
    offset = 0
    joinable = False
    for number, (chunk, stripped) in enumerate(zip(chunks, stripped_chunks, strict=True), start=1):
        if not stripped:
            joinable = False
        elif (
            joinable
            and number - 1 not in code
            and is_continuation(stripped, writing.language)
            # A statement in lower case ("result = db.execute(query)") does not carry on the line above it.
            and not is_code_line(stripped)
            and not is_code_line(raw[-1][2][-1])
        ) or (
            number > 1
            and stripped_chunks[number - 2]
            and _wrapped_above(chunks, stripped_chunks, number - 1, wrap, columns.get(number - 1), code)
            and not stands_apart(stripped_chunks[number - 2], stripped, writing.language)
        ):
            # A hard-wrapped paragraph: the line before stopped mid-sentence and this one carries on in lower case,
            # or the whole dump was wrapped at a column this line's first word did not fit in. One logical line,
            # positioned where it starts.
            parts = raw[-1][2]
            parts += (joint(parts[-1], stripped), stripped)
        else:
            # Where its text starts; a table's row read from its cells (`drawn_table_rows`) starts at its first.
            start = chunk.find(stripped[0])
            raw.append((number, offset + (start if start >= 0 else len(chunk) - len(chunk.lstrip())), [stripped]))
        if stripped:
            # A line in title case is a headline or a label, whose next line in lower case is a tag or a kicker
            # ("Framing the Landscape" / "making images"), not the rest of it: a wrapped headline goes on in title
            # case, and wrapped prose is in sentence case.
            joinable = (
                number - 1 not in code
                and len(stripped) >= WRAPPED_MIN_CHARS
                and not SENTENCE_END.search(stripped[-4:])
                and title_case(stripped) < 1.0
            )
        offset += len(chunk)
    # A rejoined line's parts are joined once: a paragraph wrapped over thousands of lines was copied anew at each.
    texts = ["".join(parts) for _, _, parts in raw]
    marked = frozenset(headings) or (browser_headings(chunks, raw, wrap) if wrap else frozenset())
    if wrap is not None and any(map(is_frame, texts)):
        # Whole, as the address of a frame is wrapped over lines like any other.
        kept = [index for index, text in enumerate(texts) if not is_frame(text)]
        raw, texts = [raw[index] for index in kept], [texts[index] for index in kept]
    shapes = [line_shape(stripped, writing) for stripped in texts]
    counts = Counter(shape.key for shape in shapes)
    common = _normalised(frozenset(common_lines))
    lines = [
        measure(number, start, stripped, shape, counts[shape.key], shape.key in common, number - 1 in marked)
        for (number, start, _), stripped, shape in zip(raw, texts, shapes, strict=True)
    ]
    for run in code_runs(texts, [line.prose for line in lines], [line.metadata for line in lines]):
        for index in run:
            mark_code(lines[index])
    if code:
        for line in lines:
            if line.number - 1 in code:
                mark_code(line)
    for index in table_of_contents(lines):
        lines[index].contents = True
        # Neither adds to nor costs a body: the contents often stand between an article's opening paragraphs and
        # its first section, and an entry costing as a repeated line would cut the opening off.
        lines[index].score = 0.0
    return lines


def mark_code(line: Line) -> None:
    """Make the line one of a code block (see `builder.ingest.code_lines`): it neither adds to nor costs a body
    that takes it in, is kept whole in a body that does, and is no headline, byline or date, whatever it looks like
    ("FROM users u", "WHERE day > '2024-01-01'")."""
    line.code = True
    line.score = 0.0
    line.title_like = False
    line.metadata = False
    line.published = None
    line.relative_time = False


TABLE_ROW_CELLS = 3


def is_table_row(text: str) -> bool:
    """Whether the line is a row of a table of TABLE_ROW_CELLS cells or more, which a browser's copy of a page sets
    apart by tabs ("1\tChicago Booth School of Business\t37% / 40%\t$175,000"). On the WCXB page-text dumps, 966 of
    the 1,413 rows of three cells or more with text are the truth's text."""
    return text.count("\t") >= TABLE_ROW_CELLS - 1


_TABLE_OF_CONTENTS_LABEL = (
    r"table of contents\b|(?:contents|in this article|on this page|jump to(?: a)?(?: section| chapter)?)\W*$"
)
TABLE_OF_CONTENTS_LABEL = re.compile(_TABLE_OF_CONTENTS_LABEL, re.IGNORECASE)
"""The label of a table of contents ("Table of Contents [Show]", "Contents:", "In this article", "Jump to ↓",
"Jump to chapter"): only as the whole line, but for "Table of Contents" itself ("In this article, we examine:"
introduces a list of the story's)."""
CONTENTS_LABEL = re.compile(
    rf"(?:{_TABLE_OF_CONTENTS_LABEL}|skip to (?:main )?content\b|you are here\W*$)", re.IGNORECASE
)
"""A table of contents' or a breadcrumb's label, or a skip link: the page's, never the story's."""
CONTENTS_LISTED = 2
"""How many entries below a contents' label must head sections further down the page for them to be its contents."""
CONTENTS_MAX_PRINTINGS = 3
"""The most times an entry of a table of contents is printed: in the contents (a desktop and a mobile copy) and
over its section. A line printed more often is a widget's ("Learn More", "Apply Today" under every course)."""
SECTION_PROSE_REACH = 2
"""How many lines below a section's heading its prose starts at the latest (a photo's caption may come between)."""


def table_of_contents(lines: Sequence[Line]) -> list[int]:
    """The indexes of the lines of the page's tables of contents: a label ("Table of Contents", "In this article")
    over a run of headline-like lines, at least CONTENTS_LISTED of which, and at least half, are printed again
    further down as the headings of sections (with prose right below). The run is marked up to its last listed
    entry: the heading of the first section may end it.

    Both the label and the repetition are asked for: a mega-menu lists its panels' headings as a table of contents
    lists sections, but under no such label."""
    marked: list[int] = []
    printings: dict[str, list[int]] | None = None
    for label, line in enumerate(lines):
        if line.prose or not TABLE_OF_CONTENTS_LABEL.match(line.text):
            continue
        end = label + 1
        while end < len(lines) and _may_be_listed(lines[end]):
            end += 1
        if end - label <= CONTENTS_LISTED:
            continue
        if printings is None:
            printings = {}
            for index, other in enumerate(lines):
                if 1 < other.repeats <= CONTENTS_MAX_PRINTINGS:
                    printings.setdefault(other.key, []).append(index)
        entries = range(label + 1, end)
        listed = [index for index in entries if _heads_section_below(lines, printings.get(lines[index].key, ()), end)]
        if len({lines[index].key for index in listed}) >= max(
            CONTENTS_LISTED, len({lines[index].key for index in entries}) / 2
        ):
            marked.extend(range(label, listed[-1] + 1))
    return marked


def _may_be_listed(line: Line) -> bool:
    # An entry may read as prose: a question in full ("DIY solar panels: Can you install solar panels yourself?").
    return line.title_like and not line.code


def _heads_section_below(lines: Sequence[Line], printings: Sequence[int], end: int) -> bool:
    """Whether one of a line's `printings` at or past `end` has prose within SECTION_PROSE_REACH lines below."""
    return any(
        printing >= end and any(line.prose for line in lines[printing + 1 : printing + 1 + SECTION_PROSE_REACH])
        for printing in printings
    )


INDENTED_DUMP_SHARE = 0.6
"""Share of a wrapped dump's non-blank lines that must be set in for its lines at the margin to be its headings:
lynx sets in 94% of them on the median WCXB page (past 0.6 on 708 of 711 pages), w3m a third (its lists and
quotes; past 0.6 on 97 pages)."""


def browser_headings(chunks: Sequence[str], raw: Sequence[tuple[int, int, list[str]]], wrap: Wrap) -> frozenset[int]:
    """The 0-based numbers of the lines (`raw`: where each rejoined line starts, and its parts) that a text browser's
    dump of `chunks`, wrapped at `wrap`, sets as headings. In a dump whose lines are mostly set in, those at the
    margin, and a line of its own centred on the screen: lynx sets headings at the margin, centres some, and sets
    all else three columns in. In another, a line that is a block of its own, between blank lines: w3m sets headings
    so, and prints a menu's or a card's items line after line; a heading longer than its columns is such a block of
    two lines."""
    printed = [chunk for chunk in chunks if chunk.strip()]
    alone: list[int] = []
    for number, _, parts in raw:
        first, last = number - 1, number - 1 + len(parts) // 2
        if len(parts) > 3 or not _stands_alone(chunks, first, last):
            continue
        # A headline too long for the line is wrapped onto a second; so are a paragraph of two lines, which ends
        # with a full stop, and a standfirst, right below its headline.
        if len(parts) == 1 or not (parts[-1].endswith(".") or (alone and alone[-1] == first - 2)):
            alone.append(first)
    if printed and sum(map(_is_set_in, printed)) >= INDENTED_DUMP_SHARE * len(printed):
        at_margin = (number - 1 for number, _, _ in raw if not _is_set_in(chunks[number - 1]))
        return frozenset(at_margin).union(index for index in alone if _is_centred(chunks[index], wrap))
    return frozenset(alone)


LYNX_SCREEN_MARGIN = 6
"""How many columns short of its screen lynx wraps text (at -width 60, 80 and 100 alike): the screen it centres a
heading on is this much wider than the dump's wrap."""


def _is_centred(chunk: str, wrap: Wrap) -> bool:
    """Whether a line is centred on lynx's screen: set in further than the body's three columns, as far from the
    screen's right edge as from its left, within a column (lynx rounds down), and no list item."""
    text = chunk.strip()
    indent = len(chunk) - len(chunk.lstrip())
    screen = wrap.width + LYNX_SCREEN_MARGIN
    return indent > 3 and abs(2 * indent + wrap.measure(text) - screen) <= 1 and not has_list_mark(text)


def _is_set_in(chunk: str) -> bool:
    return chunk[:1] in (" ", "\t")


def _stands_alone(chunks: Sequence[str], first: int, last: int) -> bool:
    """Whether the dump's 0-based lines `first` to `last` have a blank line, or either end, above and below them."""
    return _is_blank(chunks, first - 1) and _is_blank(chunks, last + 1)


def _is_blank(chunks: Sequence[str], index: int) -> bool:
    """Whether the dump's 0-based line `index` is blank, or past either end."""
    return not 0 <= index < len(chunks) or not chunks[index].strip()


def title_case(text: str) -> float:
    """The share of the words of `text` of TITLE_CASE_MIN_CHARS letters or more that start with a capital."""
    initials = [word[0] for word in text.split() if len(word) >= TITLE_CASE_MIN_CHARS and word[0].isalpha()]
    return sum(map(str.isupper, initials)) / len(initials) if initials else 0.0


def is_continuation(text: str, language: str = "en") -> bool:
    """Whether a line can carry on a paragraph wrapped above it: it starts in lower case, and is not a
    lower-case byline or time (in the page's `language`), nor one bare token (a user name, tag list or URL under
    a headline) unless that token ends the sentence, as the last word of a wrapped paragraph does."""
    return (
        text[0].islower()
        and (" " in text or bool(SENTENCE_END.search(text[-4:])))
        and not is_metadata(text, language)
        and not _GLUED_ICON.match(text)
    )


@lru_cache(maxsize=8)
def _normalised(common_lines: frozenset[str]) -> frozenset[str]:
    """The run's common lines under `normalise_key`, computed once per run rather than once per page."""
    return frozenset(normalise_key(line) for line in common_lines)


class LineShape(NamedTuple):
    """What a line's text alone tells of it (see `Line`), before its printings on the page and across the run
    are known: `prose` and `title_like` lines are these, unless they are the run's shell."""

    key: str
    words: int
    reads_as_prose: bool
    headline_shaped: bool
    metadata: bool
    section_end: bool
    whole_article: bool
    published: str | None
    relative_time: bool
    list_entry: bool


def measure(number: int, offset: int, text: str, shape: LineShape, repeats: int, common: bool, heading: bool) -> Line:
    """Measure one line (see `Line`) from its shape and its printings."""
    prose = not common and shape.reads_as_prose
    # A table's row neither adds to nor costs a body: an article's table (rankings, prices, a schedule) is its text,
    # and costing each row as a short line cut the article at its table or lost it to a menu's blurbs.
    score = 0.0 if not prose and is_table_row(text) else line_score(prose, shape.words, shape.metadata, repeats, common)
    return Line(
        number=number,
        offset=offset,
        text=text,
        key=shape.key,
        words=shape.words,
        repeats=repeats,
        common=common,
        prose=prose,
        title_like=not common and shape.headline_shaped,
        metadata=shape.metadata,
        section_end=shape.section_end,
        whole_article=shape.whole_article,
        published=shape.published,
        relative_time=shape.relative_time,
        score=score,
        heading=heading,
        list_entry=not common and shape.list_entry,
    )


SHAPES_KEPT = 4096
"""Shapes of short lines kept for the lines printed again, on the page (a menu for desktop and mobile) or on
the run's next pages (the site's or app's shell): a third of the WCXB pages' lines, nearly all of an app's
shell. At most some 2 MB: only lines of up to SHORT_LINE_CHARS are kept, and prose lines rarely come back."""
SHORT_LINE_CHARS = 250
"""Longer lines are no byline, date or headline, and are not kept among the shapes."""


def line_shape(text: str, writing: Writing = ENGLISH) -> LineShape:
    """The shape of a stripped line of a page written as `writing` says, measured once for a short line printed
    again (see `SHAPES_KEPT`)."""
    return _kept_shape(text, writing) if len(text) <= SHORT_LINE_CHARS else _shape(text, writing)


_INITIALISM_END = re.compile(r"(?:^|\s)(?:[A-Z]\.){2,}$")
INITIALISM_MAX_CHARS = 12
"""A headline may end with an initialism's full stop ("The Hottest Real Estate Markets in the U.S."), never with a
sentence's: a line ending so is still headline-shaped."""


_TITLE_BEFORE_DATE_ENDS = frozenset({"on", "since", "until", "from", "to", "by", "in", "at", "as", "of"})
"""Words a line's text before its date cannot end with to be a title: the date would be its own ("Updated on",
"Effective as of") or the line a sentence cut short."""
TITLE_BEFORE_DATE_MIN_WORDS = 2
"""Fewer words before a date make a label or a name ("Video December 19, 2025"), not a title with its date."""


def is_titled_date(text: str, published: str | None, names_someone: bool) -> bool:
    """Whether a short line that ends with its date is a title with the date printed after it ("Backup Strategy
    January 22nd, 2019", a blog's headline and its date floated right, as w3m sets them on one line; "Wine styles
    to pair with your Thanksgiving dinner - 20 November 2025"): at least TITLE_BEFORE_DATE_MIN_WORDS words
    before it, which neither open as a byline or dateline does nor end with a label's colon or a word that leads into
    the date."""
    if published is None or names_someone or not text.endswith(published) or METADATA_OPENER.match(text):
        return False
    head = text[: -len(published)].rstrip(" |/·•–—-")
    words = head.split()
    return (
        len(words) >= TITLE_BEFORE_DATE_MIN_WORDS
        # A label's colon ("Last checked: 2025-10-28") makes the date the label's value.
        and not head.endswith(":")
        and _DIGIT.search(words[-1]) is None
        and words[-1].casefold() not in _DANGLING
        and words[-1].casefold() not in _TITLE_BEFORE_DATE_ENDS
    )


def _shape(text: str, writing: Writing) -> LineShape:
    key = normalise_key(text)
    # The key is the line casefolded with single spaces: its words are its spaces plus one, without splitting it.
    # Each feature is measured only as far as the line's decision needs it: most lines of a page are short
    # (menus, links), and a line that cannot be prose need not have its function words counted.
    count = key.count(" ") + 1 if writing.spaced else unspaced_words(key)
    function_words = writing.function_words
    # Without function words to tell a long headline from a sentence, a sentence must end like one.
    ends_sentence = SENTENCE_END.search(text[-4:]) is not None
    reads_as_prose = (
        count >= PROSE_MIN_WORDS
        and ((count >= 2 * PROSE_MIN_WORDS and bool(function_words)) or ends_sentence)
        and (not function_words or stop_share(key, function_words) >= PROSE_MIN_STOP_SHARE)
        # A line of capitalised words too long for a headline, with no comma and ending no sentence, is a menu's
        # links run together ("Advertise with us Mini Marathon 2025 Find a House Find a Job Competitions ..."), not
        # prose; a list of a post's categories has its commas.
        and (ends_sentence or count <= HEADLINE_MAX_WORDS or "," in text or title_case(text) < MENU_RUN_TITLE_CASE)
        and not is_cut_headline(text)
    )
    short = len(text) <= SHORT_LINE_CHARS
    published = published_text(text, writing.language) if short else None
    # `is_metadata` with the printed time already looked for: a byline, that time, or a reading time; but not a
    # sentence that opens with "By" over a lower-case word ("By mail, send the form ..."), which names no one.
    byline = BYLINE.match(text) if short else None
    names_someone = byline is not None and not (reads_as_prose and text[byline.end() : byline.end() + 1].islower())
    metadata = short and (published is not None or names_someone or READING_TIME.search(text) is not None)
    headline_shaped = (
        short
        and 2 <= count <= HEADLINE_MAX_WORDS
        # A date makes a line metadata, but a title may carry its date after it.
        and (not metadata or is_titled_date(text, published, names_someone))
        and (
            not text.endswith((".", ":", ",", ";")) or _INITIALISM_END.search(text[-INITIALISM_MAX_CHARS:]) is not None
        )
        # Nor with a full stop inside a closing bracket or quote: a caption's sentence in brackets ("Climbing Gear
        # Review (Tor McNamara counting the fish she will catch.)"), a quoted sentence; no WCXB title ends so.
        and not text.endswith((".)", '."', ".”", ".’", ".'", ".]"))
        and (writing is not ENGLISH or key[:STOP_SAMPLE_CHARS].rsplit(None, 1)[-1].strip("\"'’”)!?") not in _DANGLING)
        and not BULLET.match(text)
        and not (text[:1] in _NESTED_LIST_MARKS and text[1:2].isspace())
        and split_caption(text) is None
    )
    whole_article = len(text) >= WHOLE_ARTICLE_CHARS and holds_sentences(text, WHOLE_ARTICLE_SENTENCES)
    section_end = (count <= 6 and bool(_SECTION_END.match(text))) or (
        # Its pattern opens with a digit (`\d` is `str.isdecimal`): most lines need not be matched.
        short and text[:1].isdecimal() and bool(_COMMENT_COUNT.match(text))
    )
    relative_time = published is not None and (
        is_relative_time(published)
        or (writing is not ENGLISH and find_relative_time(published, writing.language) == published)
    )
    # A list item is no headline, but a text browser draws a table of contents' entries as list items.
    bullet = BULLET.match(text) if not headline_shaped and text[:1] in _BULLET_CHARS else None
    list_entry = bullet is not None and _shape(text[bullet.end() :], writing).headline_shaped
    return LineShape(
        key,
        count,
        reads_as_prose,
        headline_shaped,
        metadata,
        section_end,
        whole_article,
        published,
        relative_time,
        list_entry,
    )


_kept_shape = lru_cache(maxsize=SHAPES_KEPT)(_shape)


CUT_HEADLINE_TITLE_CASE = 0.75
"""A line cut short by an ellipsis with at least this share of its words capitalised is a headline, not prose."""


def is_cut_headline(text: str) -> bool:
    """Whether the line is a headline a teaser list cut short, an ellipsis glued to its last word ("Yes, Deer: How
    to Live in Harmony With the Notorious…", as "Popular posts" print them): its words are capitalised as a title's
    are, where a sentence trailing off is in sentence case."""
    return (
        text.endswith(("…", "...")) and text.rstrip(".…")[-1:].isalnum() and title_case(text) >= CUT_HEADLINE_TITLE_CASE
    )


def holds_sentences(text: str, needed: int) -> bool:
    """Whether sentences meet inside the line (`_SENTENCE_BREAKS`) at least `needed` times. Counted one kind of
    break at a time until there are enough: the full stops of a long line mostly settle it, and each count reads
    the whole line."""
    found = 0
    for separator in _SENTENCE_BREAKS:
        found += text.count(separator)
        if found >= needed:
            return True
    return False


def stop_share(key: str, function_words: frozenset[str] = STOP_WORDS) -> float:
    """The share of function words among the words of a line's key, read from its first STOP_SAMPLE_CHARS
    characters only: as telling as the whole, and cheap on a whole article. Words keep their punctuation, which
    rarely sticks to a function word, and a regex would cost twice as much."""
    sample = key[:STOP_SAMPLE_CHARS].split()
    return sum(map(function_words.__contains__, sample)) / len(sample) if sample else 0.0


_DANGLING = frozenset({"a", "an", "the", "our", "your", "my", "their", "its", "of", "and", "or", "with", "for"})
"""Words that cannot end an English headline: a line ending in one is cut short ("Learn about our"). Only on
English pages: a German headline may end in "an" ("Russland greift mit Drohnen an")."""


APART_MAX_CHARS = 40
"""How long a date or byline line may be to stand apart from the sentence above it (see `stands_apart`): a longer
one is more often a sentence about a date ("Discount and Gift will be valid from January 16, 2025 at 7:00 AM")."""


def stands_apart(above: str, line: str, language: str) -> bool:
    """Whether `line` (stripped), below `above` that ends a sentence in a hard-wrapped dump, is an element of its own
    rather than the paragraph wrapped onto it: a short date or byline, or a label in capitals ("ADVERTISEMENT"). A
    text browser sets a caption's date or an ad slot's label on the line below the paragraph, with no blank line
    between, where the line's first word would not have fitted (lynx's dump of WCXB 0263: "April 28, 2025" run
    into the photo's caption; 4115: "ADVERTISEMENT" into a paragraph)."""
    if not SENTENCE_END.search(above[-4:]):
        return False
    if line.isalpha() and line.isupper() and len(line) > 1:
        return True
    return len(line) <= APART_MAX_CHARS and is_metadata(line, language)


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


def is_metadata(text: str, language: str = "en") -> bool:
    """A byline, a date or time (in English, in numbers, or with `language`'s month names), or a reading time:
    the furniture between a headline and its story."""
    if BYLINE.match(text):
        return True
    # Dates, times and reading times all hold a digit, bar a few words: check that before the regexes.
    if not _DIGIT.search(text) and not (may_tell_time_in_words(text) and _UNDATED_TIME.search(text)):
        # Other languages say yesterday in a word ("gestern", "hier"), without a digit.
        return language != ENGLISH.language and published_text(text, language) is not None
    return bool(READING_TIME.search(text) or published_text(text, language))


def may_tell_time_in_words(text: str) -> bool:
    """Whether the text holds a word every match of `_UNDATED_TIME` and `_RELATIVE_TIME` holds ("ago", "just now",
    "yesterday"): three substring searches settle most lines, where those case-blind regexes try every position.
    Casefolded as the regexes compare: "ſ" matches "s" there."""
    folded = text.casefold()
    return "ago" in folded or "just now" in folded or "yesterday" in folded


def is_relative_time(text: str) -> bool:
    """Whether a published time is told relative to now ("31 minutes ago", "yesterday"), as news apps do."""
    return _RELATIVE_TIME.fullmatch(text) is not None


METADATA_OPENER = re.compile(r"^(?:by\b|posted\b|published\b|(?:last\s+)?(?:updated|modified)\b)", re.IGNORECASE)
"""How a byline or a dateline of a post opens: such a line may run long with names, sections and comment counts
("Posted by BeauHD on Friday December 19, 2025 @08:00PM from the skewed-job-market dept.")."""
PUBLISHED_LINE_CHARS = 80
PUBLISHED_LONG_LINE_CHARS = 160
DATELINE_DATE_REACH = 24
"""In a line longer than PUBLISHED_LONG_LINE_CHARS, how far from its start the date of a post's dateline begins
("Posted on November 25, 2024 in ...", "Last updated: Nov 25, 2024 | ...")."""
DATE_CHARS = 40
"""Room for a whole date and time after where it begins."""


def published_text(text: str, language: str = "en") -> str | None:
    """The date or time printed in a short metadata line ("time31 minutes ago" -> "31 minutes ago"), or in a
    longer one that opens as a byline does ("By Ann Lee | Mar 11, 2023 | Brakes | 0 comments"); a date glued to
    the name before it is read too ("By Kathryn GiuffridaMar 5, 2025"). Past PUBLISHED_LONG_LINE_CHARS, only a
    post's dateline gives one, its date right after its label (DATELINE_DATE_REACH)."""
    if len(text) > PUBLISHED_LINE_CHARS:
        opener = METADATA_OPENER.match(text)
        if opener is None:
            return None
        if len(text) > PUBLISHED_LONG_LINE_CHARS:
            # A post's dateline may run on with its categories ("Posted on November 25, 2024 in College of
            # Health Sciences, General, ..."): its date right after its label, which a sentence seldom has. A
            # long line opening with "By" is a sentence ("By March 5, 2025, the council must ...").
            if opener[0].casefold() == "by":
                return None
            date = _ABSOLUTE_TIME.search(text, 0, DATELINE_DATE_REACH + DATE_CHARS)
            return date.group(0).strip() if date is not None and date.start() <= DATELINE_DATE_REACH else None
    bare = _GLUED_ICON.sub("", text)
    relative = _RELATIVE_TIME.search(bare) if may_tell_time_in_words(bare) else None
    # Every absolute date holds a digit: most lines (menus, headlines) are settled without the regex.
    match = relative or (_ABSOLUTE_TIME.search(bare) if _DIGIT.search(bare) else None)
    if match:
        # A date glued to the end of another: a space before it lets the pattern see where it starts.
        after = " " + bare[match.end() : match.end() + DATE_CHARS]
        if relative is None and (glued := _ABSOLUTE_TIME.match(after, 1)) is not None:
            return earlier_of(match.group(0).strip(), glued.group(0).strip())
        return match.group(0).strip()
    if language == ENGLISH.language:
        return None
    return find_local_date(bare, language) or _alone(find_relative_time(bare, language), bare)


def earlier_of(first: str, second: str) -> str:
    """Of two dates printed glued together ("May 21, 2025April 24, 2025 by The Ritualist", "On January 12,
    2025January 22, 2025"), the earlier: a post's publication and its last update, which themes print side by side
    and style one of them away. The first when either is not a whole date (a day without its year cannot be
    placed without the crawl's time)."""
    one, other = parse_published(first, None), parse_published(second, None)
    if one is None or other is None:
        return first
    return second if other < one else first


UPDATE_LABELS = {
    "en": r"(?:last\s+|latest\s+)?(?:updated|modified|edited|revised)(?:\s+(?:on|at))?|content current as of",
    "de": r"(?:zuletzt\s+)?aktualisiert(?:\s+am)?",
    "fr": r"mise?\s+à\s+jour(?:\s+le)?|modifié\s+le|actualisé\s+le",
    "es": r"actualizado(?:\s+el)?|última\s+actualización",
    "it": r"aggiornato(?:\s+il)?|ultimo\s+aggiornamento",
    "pt": r"atualizado(?:\s+em)?|última\s+atualização",
    "nl": r"(?:laatst\s+)?bijgewerkt(?:\s+op)?",
    "ru": r"обновлено|обновлен[оа]?|изменено",
    "uk": r"оновлено",
    "pl": r"zaktualizowano|aktualizacja",
    "zh": r"更新时间|更新於|更新于|最后更新",
    "ja": r"最終更新|更新日時|更新日",
}
"""What a page prints before the time of an article's last update, by language: "Updated", "Last updated on:",
"Page last modified", "Content current as of:", "Aktualisiert am", "Mis à jour le", "Обновлено", "更新时间：", in
English and the other languages whose pages are read."""
PUBLICATION_LABELS = {
    "en": r"(?:(?:first|originally)\s+)?(?:published|posted)(?:\s+on)?",
    "de": r"veröffentlicht(?:\s+am)?",
    "fr": r"publié\s+le",
    "es": r"publicado(?:\s+el)?",
    "it": r"pubblicato(?:\s+il)?",
    "pt": r"publicado(?:\s+em)?",
    "nl": r"gepubliceerd(?:\s+op)?",
    "ru": r"опубликовано",
    "uk": r"опубліковано",
    "pl": r"opublikowano",
    "zh": r"发布时间|发布于|發佈時間",
    "ja": r"公開日|投稿日",
}
"""What a page prints before the time an article came out, where it prints its update's beside it."""


def _label(words: str, language: str, tail: str) -> re.Pattern[str]:
    # A label in a language written without spaces stands glued to what precedes it: no word boundary to look for.
    boundary = "" if language in UNSPACED_LANGUAGES else r"\b"
    return re.compile(rf"{boundary}(?:{words}){tail}", re.IGNORECASE)


UPDATE_LABEL = re.compile(
    "|".join(_label(words, language, r"\W*$").pattern for language, words in UPDATE_LABELS.items()), re.IGNORECASE
)
"""An update's label, in any of the languages, ending where a time follows it ("ByRhonda Krause Updated")."""
_LABELS_AFTER = {
    kind: [(language, _label(words, language, r"\W*")) for language, words in labels.items()]
    for kind, labels in (("update", UPDATE_LABELS), ("publication", PUBLICATION_LABELS))
}
"""The labels of a second time on a line, after the first, by language: the update's after the publication's, or
the other way ("Veröffentlicht am 3. Juli 2025, aktualisiert am 5. Juli 2025")."""
LABEL_REACH = 40
"""How far before a printed time its label is looked for."""
SECOND_TIME_REACH = 30
"""How far after the first time on a line the label of a second one may begin ("Published Dec 1, 2025 | Updated
Dec 3, 2025")."""


def labelled_times(text: str, found: str, above: str = "") -> tuple[str | None, str | None]:
    """(publication, update): the time `found` that a metadata line prints (`published_text`) as one or the other,
    by the label before it on the line, or on the line `above` when the time stands alone ("Updated:" over
    "June 18, 2025"); and a second time on the line after the other label ("Published Dec 1, 2025 | Updated Dec 3,
    2025"), read in the label's language. A time with no update's label is the publication's, as before updates
    were told apart."""
    at = text.find(found)
    before = text[max(at - LABEL_REACH, 0) : at] if at > 0 else ""
    if at >= 0 and not before.strip(" \t·•|–—-:,"):
        before = above[-LABEL_REACH:]
    first_is_update = UPDATE_LABEL.search(before) is not None
    second = _second_time(text[at + len(found) :], "publication" if first_is_update else "update") if at >= 0 else None
    return (second, found) if first_is_update else (found, second)


def _second_time(rest: str, kind: str) -> str | None:
    """The time right after the first label of `kind` ("update" or "publication") in `rest`, what follows a line's
    first time, read in the label's language."""
    labels = [
        (found, language)
        for language, label in _LABELS_AFTER[kind]
        if (found := label.search(rest, 0, SECOND_TIME_REACH))
    ]
    if not labels:
        return None
    # The first label; of two that start alike (Spanish and Portuguese "publicado"), the longer ("publicado em").
    label, language = min(labels, key=lambda pair: (pair[0].start(), -pair[0].end()))
    following = rest[label.end() :]
    second = published_text(following, language)
    return second if second is not None and following.find(second) <= 1 else None


RELATIVE_TIME_COMPANY_WORDS = 3
"""Words a relative time in another language may share its line with ("Reuters · vor 3 Stunden", "hier, 18:30"):
more, and the line is a headline or a sentence that mentions a time ("Ce qui s'est passé hier à Paris")."""


def _alone(found: str | None, text: str) -> str | None:
    if found is None:
        return None
    rest = [word for word in text.replace(found, " ").split() if any(character.isalpha() for character in word)]
    return found if len(rest) <= RELATIVE_TIME_COMPANY_WORDS else None
