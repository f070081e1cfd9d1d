"""Article bodies in a page-text dump: the page cut into segments at article headers, section labels and posts
(comments), and in each segment the runs of lines that maximise prose words minus the cost of the boilerplate
they take in (Finn et al.'s body-text extraction, on lines instead of tags). What closes an article without a
label (an author box, a sign-up box) is cut off its body afterwards."""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, replace

from builder.enrich.function_words import STOP_WORDS
from builder.ingest.pagetext_lines import BYLINE, Line, is_header, opening_words

MIN_ARTICLE_WORDS = 25
"""Fewer prose words than this make a teaser or a notice, not an article."""


@dataclass(frozen=True, slots=True)
class Block:
    """A run of lines (indexes into the line list, inclusive) that reads as one article body."""

    first: int
    last: int
    words: int
    left_out: tuple[range, ...] = ()
    """Runs of lines inside the block that are not its text: a widget of teasers between two numbered sections of
    a listicle that the block joins (see `pagetext.numbers_next_section`)."""

    def text_lines(self) -> Sequence[int]:
        """The indexes of the block's lines but those `left_out`."""
        every = range(self.first, self.last + 1)
        if not self.left_out:
            return every
        return [index for index in every if not any(index in run for run in self.left_out)]


POST_SPAN = 40
"""The most lines from one post's stamp to the next in a thread of posts."""
POST_RUN = 3
"""So many stamped posts in a row make a thread: an article header has one stamp (or two: published, updated)."""
POST_PROSE_LINES = 3
"""How close below its stamp a post's text starts (after the author's name, a score, a "Reply" link)."""
_CLOCK = re.compile(r"\d{1,2}:\d{2}|\bago\b", re.IGNORECASE)
"""A time of day or a relative time: comments are stamped to the minute, articles and event lists to the day."""


def find_bodies(lines: Sequence[Line]) -> list[Block]:
    """Every body on the page in page order, but for the posts of a comment thread: each post is a segment of
    its own, and the block that opens it is the post, not an article."""
    posts = find_posts(lines)
    return [
        block
        for start, end in find_segments(lines, posts)
        for block in find_blocks(lines, start, end)
        if not (start in posts and block.first - start <= POST_SPAN)
    ]


def find_posts(lines: Sequence[Line]) -> set[int]:
    """The stamps (metadata lines holding a time) of a thread of posts: POST_RUN or more, each with prose right
    below it, each within POST_SPAN lines of the next and no article header between them.

    A comment section is many short texts by different people, each under a byline and a time: its prose
    outweighs any cost its stamps and "Reply" links carry, so a body would run from the article into the
    comments. Aggregator cards are stamped too, but each opens with a header.
    """
    starts = [index for index in range(len(lines)) if is_post_stamp(lines, index)]
    posts: set[int] = set()
    for position in range(len(starts) - POST_RUN + 1):
        run = starts[position : position + POST_RUN]
        if all(
            second - first <= POST_SPAN and not any(is_header(lines, index) for index in range(first, second))
            for first, second in itertools.pairwise(run)
        ):
            posts.update(run)
    return posts


def is_post_stamp(lines: Sequence[Line], index: int) -> bool:
    """A byline or date holding a time of day or a relative time, with prose within POST_PROSE_LINES below."""
    line = lines[index]
    return (
        line.metadata
        and not line.prose
        and _CLOCK.search(line.text) is not None
        and any(other.prose for other in lines[index + 1 : index + 1 + POST_PROSE_LINES])
    )


def find_segments(lines: Sequence[Line], posts: Collection[int]) -> list[tuple[int, int]]:
    """Cut the page at article headers (a title printed twice, or over its time and prose: `is_card_header`),
    section labels ("Comments", "Related Articles") and the stamps of
    `posts`, and after a whole article on one line under a header (an article card: nothing after its one body
    line belongs to it). No body spans a cut: a comment section can hold more prose than any cost would
    outweigh.

    Returns `[start, end)` index ranges. A segment that starts with a header starts with its article's title.
    """
    cuts = [0]
    for index, line in enumerate(lines):
        if index > cuts[-1] and (
            is_header(lines, index)
            or line.section_end
            or index in posts
            or is_card_header(lines, index)
            or opens_card_list(lines, index)
        ):
            cuts.append(index)
        elif line.whole_article and index + 1 < len(lines) and is_header(lines, cuts[-1]):
            cuts.append(index + 1)
    cuts.append(len(lines))
    return [(start, end) for start, end in itertools.pairwise(cuts) if start < end]


def is_card_header(lines: Sequence[Line], index: int) -> bool:
    """A title-like line, a relative time on the next line and prose right below: an article's header, as a
    related article's card prints it ("Russland greift an" / "vor 3 Stunden" / its excerpt). Pages label their
    related articles in their own language; this needs no label. An absolute date there is as often an item of a
    listicle ("Web Summit" / "Date: 10 November 2026" / its description), which goes on with the article."""
    return (
        index + 2 < len(lines)
        and lines[index].title_like
        and lines[index + 1].relative_time
        and not lines[index + 1].prose
        and lines[index + 2].prose
    )


CARD_LIST_RUN = 3
"""How many teaser cards in a row (a title, its excerpt, its date) make a list of them."""
CARD_LINES = 3
"""The lines of one such card: its title, its excerpt and its date."""


def opens_card_list(lines: Sequence[Line], index: int) -> bool:
    """Whether line `index` opens CARD_LIST_RUN teaser cards in a row, each a title-like line over one line of
    prose (its excerpt) over its date: a blog's list of its latest posts below the article, with no label a
    segment could be cut at ("Blog." / "Gift for an electronics fan: ..." / "Finding the perfect gift ..." /
    "Feb 26, 2026"). On the WCXB pages, 10 such lists of 3 to 8 cards, none of whose excerpts the truth keeps as
    the article's text."""
    # The card at `index` first: it settles nearly every line of a page, which this is asked of.
    return (
        is_card(lines, index)
        and not is_card(lines, index - CARD_LINES)
        and all(is_card(lines, index + CARD_LINES * card) for card in range(1, CARD_LIST_RUN))
    )


def is_card(lines: Sequence[Line], index: int) -> bool:
    """Whether a teaser card (a title-like line, one line of prose, a date) starts at line `index`."""
    return (
        index >= 0
        and index + 2 < len(lines)
        and lines[index].title_like
        and not lines[index].prose
        and lines[index + 1].prose
        and lines[index + 2].published is not None
        and not lines[index + 2].prose
    )


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


AUTHOR_BOX_SHARE = 2 / 3
"""An author box follows the article: at least this share of the block's prose lies above it."""
AFTER_AUTHOR_BOX_SHARE = 0.1
"""At most this share of the block's prose lies below the biography (a teaser or two of the author's posts)."""
BIO_LINES = 2
"""How close below the name the biography starts (a job title may sit between)."""


def without_author_box(lines: Sequence[Line], block: Block, is_notice: Callable[[Line], bool]) -> Block:
    """The block without the author box at its end: the author's name on a line, and a biography that starts
    with the name ("Jane Doe" / "Jane is a reporter who ..."), or the biography alone, opening with the full name of
    a byline of the page ("By Jane Doe" above the article; "Jane Doe is a reporter who ..."). It reads as prose,
    and sits right below the article with no label a segment could be cut at. The site's notices below it
    (`is_notice`: "Support us! Donate ...") are cut off with it, however long."""
    above = 0
    text_lines = block.text_lines()
    authors: list[tuple[str, ...]] | None = None
    for index in text_lines:
        if above >= AUTHOR_BOX_SHARE * block.words:
            line = lines[index]
            if line.prose:
                if authors is None:
                    authors = byline_names(lines)
                starts = index if opens_with_author(line.text, authors) else None
            else:
                starts = index + 1 if is_author_box(lines, index) else None
            if starts is not None:
                below = starts + 1
                while below <= block.last and lines[below].prose:
                    below += 1
                after = (lines[other] for other in text_lines if other >= below)
                if sum(line.words for line in after if line.prose and not is_notice(line)) <= (
                    AFTER_AUTHOR_BOX_SHARE * block.words
                ):
                    return replace(block, last=index - 1, words=above)
        above += lines[index].words if lines[index].prose else 0
    return block


_HANDLE = re.compile(r"\s*\([^()]*\)$")
"""A handle or site name in brackets after a name ("Jean-Luc Aufranc (CNXSoft)")."""
_BY_LABEL = r"(?:\w+\s+)?by\b"
"""The label of a byline or a credit: "By", "Written by", "Reviewed by"."""
_NAME_LABEL = re.compile(rf"^(?:about(?:\s+the\s+(?:author|writer))?\b|{_BY_LABEL})\W*", re.IGNORECASE)
"""The label before an author's name on the line over their biography, or opening it: "About Sara Harberson",
"About the author: Craig Hull is ...", "By Sam O'Brien", "Reviewed by, Brian Stormont"."""
_BYLINE_OR_CREDIT = re.compile(rf"^{_BY_LABEL}", re.IGNORECASE)
"""A line where the author's name is printed again: "By Jane Doe", "Reviewed by: Jane Doe"."""
NAME_LINE_MAX_WORDS = 8
"""The most words of a line naming the author over their biography, with a role after the name ("Rasmus Barslund
Founder & Lead Reviewer", "Emma Ryan Writer", "Brian Stormont, CFP®")."""


def is_author_box(lines: Sequence[Line], index: int) -> bool:
    """A name over prose that opens with its first word, printed again on the page or inside a byline or credit: a
    heading that opens its own paragraph ("Apache Spark" / "Apache Spark is ...") is as common in listicles, but
    their items are not bylines. The name is two capitalised words or more, after a label or none ("About Sara
    Harberson", "By Sam O'Brien") and before a role or none ("Rasmus Barslund Founder & Lead Reviewer")."""
    line = lines[index]
    if line.prose:
        return False
    # A handle in brackets after the name is no word of it: "Jean-Luc Aufranc (CNXSoft)".
    text = _HANDLE.sub("", line.text)
    label = _NAME_LABEL.match(text)
    words = text[label.end() :].split() if label else text.split()
    if (
        not 2 <= len(words) <= NAME_LINE_MAX_WORDS
        or not all(word[:1].isupper() or not word[:1].isalpha() for word in words)
        # A name opens with no function word: "The Bottom Line" over "The ways in which ..." is a section's heading.
        or words[0].casefold() in STOP_WORDS
    ):
        return False
    bio = next((other for other in lines[index + 1 : index + 1 + BIO_LINES] if other.prose), None)
    if bio is None or bio.text.split()[0].removesuffix("’s").removesuffix("'s") != words[0]:
        return False
    if line.repeats > 1:
        return True
    name = " ".join(word.rstrip(",") for word in words[:2]).casefold()
    return any(
        (other.metadata or _BYLINE_OR_CREDIT.match(other.text)) and other is not line and name in other.key
        for other in lines
    )


def byline_names(lines: Sequence[Line]) -> list[tuple[str, ...]]:
    """The words of the names the page's bylines print after their label ("By Jane Doe" gives ("Jane", "Doe")):
    the capitalised words up to one in lower case, a figure or the fifth (a date may follow: "By Jane Doe May 5")."""
    names = []
    for line in lines:
        if line.metadata and (label := BYLINE.match(line.text)):
            words = tuple(itertools.takewhile(_is_name_word, line.text[label.end() :].split()[:BYLINE_NAME_WORDS]))
            if len(words) >= 2:
                names.append(words)
    return names


BYLINE_NAME_WORDS = 4
"""The most words of a byline read as its name."""


def _is_name_word(word: str) -> bool:
    return word[:1].isupper() and word.replace("-", "").replace("'", "").replace("’", "").isalpha()


def opens_with_author(text: str, authors: Collection[tuple[str, ...]]) -> bool:
    """Whether a paragraph is an author's biography with no name over it: it opens with the full name of one of
    the page's bylines (`authors`: two words or more of it), after an "About the author:" label or none, and goes
    on in lower case ("Jane Doe is a reporter who ...")."""
    if not authors:
        return False
    label = _NAME_LABEL.match(text) if text[:1] in "Aa" else None
    words = (text[label.end() :] if label else text).split(maxsplit=BYLINE_NAME_WORDS + 1)
    named = len(list(itertools.takewhile(_is_name_word, words)))
    return (
        2 <= named < len(words)
        and words[named][:1].islower()
        and any(tuple(words[:named]) == name[:named] for name in authors)
    )


TAIL_MIN_SHARE = 0.8
"""A tail is looked for only below this share of the block's prose: the article itself is most of its block."""
TAIL_WEIGHTS = (0.12, -3.94, 0.57, 2.55)
"""Weights of `tail_score`: constant, topic overlap, log of the gap's lines, tenths of prose share above 0.9.
A logistic fit on the WCXB dev half (gaps in main blocks, labelled by whether the prose below them is the
article's), its cut-off folded into the constant."""


def without_tail(lines: Sequence[Line], block: Block) -> Block:
    """The block cut at the first gap (non-prose lines between two prose lines) that `tail_score` says ends the
    article. Below an article and above the page footer sit notices that read as prose and take no label a
    segment could be cut at: a newsletter box, a sign-up form, a cookie notice, the author's bio."""
    prose = [index for index in block.text_lines() if lines[index].prose]
    # Where each content word is first and last used in the block: the article's words above a gap are those
    # first used above it, the tail's those last used below it. Cheaper than a set per gap on a long article.
    # Found at the first gap that may end the article, if any: most blocks have none low enough, and reading
    # the words of every prose line was most of what this cost.
    uses: tuple[dict[str, int], dict[str, int]] | None = None
    above = 0
    for position, (index, following) in enumerate(itertools.pairwise(prose)):
        above += lines[index].words
        gap = following - index - 1
        if not gap or above < TAIL_MIN_SHARE * block.words:
            continue
        if uses is None:
            uses = word_uses(lines, prose)
        first_use, last_use = uses
        tail = [word for word, last in last_use.items() if last > position]
        overlap = sum(first_use[word] <= position for word in tail) / len(tail) if tail else 0.0
        if tail_score(above / block.words, gap, overlap) > 0:
            return replace(block, last=index, words=above)
    return block


def word_uses(lines: Sequence[Line], prose: Sequence[int]) -> tuple[dict[str, int], dict[str, int]]:
    """Where each content word (of a line's opening) is first and where last used, as positions in `prose`, the
    indexes of a block's prose lines."""
    first_use: dict[str, int] = {}
    last_use: dict[str, int] = {}
    for position, index in enumerate(prose):
        for word in opening_words(lines[index]):
            first_use.setdefault(word, position)
            last_use[word] = position
    return first_use, last_use


def tail_score(share: float, gap: int, overlap: float) -> float:
    """How surely the prose below a gap of `gap` lines is no longer the article, as a logit: few of its content
    words are the article's (`overlap`, the share of them used above the gap too; a closing paragraph sums up
    the article, a sign-up box speaks of the site), the gap is long (a row of share buttons, a form), and little
    of the block lies below it (`share` of its prose words lie above)."""
    constant, by_overlap, by_gap, by_share = TAIL_WEIGHTS
    return constant + by_overlap * overlap + by_gap * math.log(gap) + by_share * 10 * (share - 0.9)
