"""The title of an article body in a page-text dump: the title-like line near the body that scores best on
weighted clues (how much of the story it announces, where it stands, what stands between it and the body)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from builder.ingest.pagetext_blocks import Block
from builder.ingest.pagetext_lines import BYLINE, Line, content_words, is_header, opening_words

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
    "printed_twice": 1.0,
}
"""Weights of the title clues, set by a grid search over the WCXB pages (top-1 accuracy of the title among the
candidates), before they were split into dev and test halves. `printed_twice` was a verdict before (a header
line was the title, unscored) and is now a clue, set by hand on the dev half. Prose just above, a standfirst
below, any block prose above, title case, reading as a sentence, and being quoted inside other lines were
tried as clues and added nothing on the dev half."""
TITLE_MIN_SCORE = 0.2
"""A best candidate scoring below this is no title: the block is left out."""


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
    printed_twice: bool
    """Printed again right below itself, as aggregators and many sites print a headline (see `is_header`); but
    so are menu items shown for desktop and mobile, so it is a clue among others, not a verdict."""


def title_clues(lines: Sequence[Line], block: Block, index: int, prose_after: int, context: TitleContext) -> TitleClues:
    """Measure the clues for line `index`, whose following prose starts at `prose_after`."""
    line = lines[index]
    words = opening_words(line)
    opening = context.opening(prose_after)
    between = lines[index + 1 : prose_after]
    skipped = context.prose_words_before(index)
    return TitleClues(
        overlap=len(words & opening) / len(words) if words else 0.0,
        coverage=0.0,  # filled in by `find_title` for the candidates that need it
        metadata=any(other.metadata for other in between),
        distance=sum(1 for other in between if other.key != line.key),
        skipped=skipped / block.words if block.words else 0.0,
        long=line.words >= 4,
        printed_twice=is_header(lines, index) or (index > 0 and is_header(lines, index - 1)),
    )


class TitleContext:
    """What every title candidate of one block is compared with, computed once per block."""

    def __init__(self, lines: Sequence[Line], block: Block) -> None:
        self.lines = lines
        self.block = block
        self._openings: dict[int, frozenset[str]] = {}
        # Running totals of prose words from the block's first line, so each candidate's count is one lookup.
        self._prose_words = list(
            itertools.accumulate(
                (line.words if line.prose else 0 for line in lines[block.first : block.last + 1]), initial=0
            )
        )

    @cached_property
    def story(self) -> set[str]:
        """Content words of the block's prose: the costliest thing to measure, so measured only when needed."""
        prose = " ".join(line.key for line in self.lines[self.block.first : self.block.last + 1] if line.prose)
        # Bounded, so that a page holding a book costs no more than a long article.
        return content_words(prose[:STORY_CHARS])

    def with_coverage(self, line: Line, clues: TitleClues) -> TitleClues:
        """The clues with `coverage` measured."""
        words = opening_words(line)
        return replace(clues, coverage=len(words & self.story) / len(words) if words else 0.0)

    def opening(self, start: int) -> frozenset[str]:
        """Content words of the (first OPENING_CHARS characters of the) four lines from `start`."""
        if start not in self._openings:
            # Line by line, from the cache: the openings of neighbouring candidates share three lines of four.
            following = self.lines[start : start + 4]
            self._openings[start] = frozenset().union(*map(opening_words, following))
        return self._openings[start]

    def prose_words_before(self, index: int) -> int:
        """Prose words in the block above line `index`."""
        return self._prose_words[min(max(index - self.block.first, 0), len(self._prose_words) - 1)]


def title_score(clues: TitleClues) -> float:
    """Weigh the clues; the weights were set on the WCXB dev pages (see scripts/eval_pagetext.py)."""
    return (
        TITLE_WEIGHTS["overlap"] * clues.overlap
        + TITLE_WEIGHTS["coverage"] * clues.coverage
        + TITLE_WEIGHTS["metadata"] * clues.metadata
        - TITLE_WEIGHTS["distance"] * min(clues.distance, 20)
        - TITLE_WEIGHTS["skipped"] * clues.skipped
        + TITLE_WEIGHTS["long"] * clues.long
        + TITLE_WEIGHTS["printed_twice"] * clues.printed_twice
    )


def title_candidates(
    lines: Sequence[Line], block: Block, floor: int, context: TitleContext
) -> list[tuple[int, TitleClues]]:
    """Title-like lines from TITLE_WINDOW lines above the block to TITLE_INSIDE lines into it, with their clues
    but for `coverage` (see `find_title`).

    The title may sit inside the block: a teaser, a notice or a standfirst above it can read as prose and open
    the block, and a headline can itself be a sentence.
    """
    candidates = []
    prose_after = min(block.last, block.first + TITLE_INSIDE)
    for index in range(prose_after, max(floor, block.first - TITLE_WINDOW) - 1, -1):
        line = lines[index]
        if line.prose and not line.title_like:
            prose_after = index
        elif (
            line.title_like
            and prose_after > index
            # A name under a bare "By" line is an author, however title-like it looks.
            and not (index and BYLINE.match(lines[index - 1].text))
            and not is_first_of_two(lines, index, prose_after)
        ):
            candidates.append((index, title_clues(lines, block, index, prose_after, context)))
    return candidates


COVERAGE_MARGIN = 1e-9
"""Slack for rounding when deciding that a candidate cannot win whatever its coverage."""


def is_first_of_two(lines: Sequence[Line], index: int, prose_after: int) -> bool:
    """Whether line `index` is the first of exactly two printings of a line that is not prose, both candidates.

    Its second printing then has the same clues, wins the tie, and leads to the same article: scoring only the
    second halves the cost of a page whose every title is printed twice, as an aggregator's are.
    """
    line = lines[index]
    return (
        index + 1 < prose_after
        and lines[index + 1].text == line.text
        and not line.prose
        and (index + 2 >= len(lines) or lines[index + 2].key != line.key)
        and (index == 0 or lines[index - 1].key != line.key)
    )


def find_title(lines: Sequence[Line], block: Block, floor: int) -> int | None:
    """The index of the block's title (not above `floor`), or None when no line scores as one.

    Coverage needs the words of the whole block, the costliest clue, and adds at most its weight to a score:
    it is measured only for the candidates that can still win with it, and not at all when one candidate wins
    whatever the coverage. The choice is the same as when measuring it for every candidate.
    """
    context = TitleContext(lines, block)
    candidates = [(title_score(clues), index, clues) for index, clues in title_candidates(lines, block, floor, context)]
    if not candidates:
        return None
    leading = max(score for score, _, _ in candidates)
    reach = TITLE_WEIGHTS["coverage"] + COVERAGE_MARGIN
    contenders = [(score, index, clues) for score, index, clues in candidates if score + reach >= leading]
    if len(contenders) == 1 and leading >= TITLE_MIN_SCORE:
        return contenders[0][1]
    score, index = max(
        (title_score(context.with_coverage(lines[index], clues)), index) for _, index, clues in contenders
    )
    return index if score >= TITLE_MIN_SCORE else None
