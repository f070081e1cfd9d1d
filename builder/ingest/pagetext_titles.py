"""The title of an article body in a page-text dump: the title-like line near the body that scores best on
weighted clues (how much of the story it announces, where it stands, what stands between it and the body)."""

from __future__ import annotations

import itertools
import operator
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property

from builder.ingest.pagetext_blocks import Block
from builder.ingest.pagetext_lines import Line, content_words, is_header, opening_words

TITLE_WINDOW = 150
"""How many lines above a body its title may be: headers carry a kicker, byline, dates, share buttons, and a
table of contents or a listicle's summary can stand between a headline and the body that the blocks find."""
TITLE_INSIDE = 60
"""How many lines into a block its title may be (below a teaser or notice that the block took in)."""
STORY_CHARS = 20000
"""How much of a block's prose a title candidate's words are looked up in (bounds the cost on huge pages)."""
TITLE_WEIGHTS = {
    "overlap": 1.7,
    "coverage": 3.6,
    "metadata": 1.0,
    "distance": -3.7,
    "skipped": -4.2,
    "long": 2.0,
    "printed_twice": 2.6,
    "inside": -2.3,
    "metadata_next": 2.0,
    "words": 3.8,
    "topmost": 1.4,
    "shouting": -1.5,
    "path": -2.4,
    "in_path": 2.7,
    "prose": -1.7,
    "wordy": -2.9,
}
"""Weights of the title clues (see `TitleClues`), fitted on the WCXB dev half as a conditional logit (the
softmax over one block's candidates of their weighted clues, maximising the likelihood of the truth title;
`scripts/eval_pagetext.py --fit-titles` refits and prints them) and rounded. Clues are scaled to about [0, 1]
(see `clue_values`), so the weights compare. Prose just above or below, a standfirst below, title case, the
line's place on the page, how many candidates stand above it and being printed more than once were tried and
added nothing; a colon and a leading number helped on dev but describe listicles, not news, and were left out."""
_BARE_BYLINE = re.compile(r"^(?:by|written by|words by|posted by|author)\W*$", re.IGNORECASE)
"""A byline label whose name is on the next line ("By" alone, "By :"); a byline with its name ("By : Acme")
can sit right above the headline."""
_PATH_SEPARATOR = re.compile(r"\s[>»›|/\-–—]\s")
"""What separates the parts of a breadcrumb ("Home > Blog > Title") or a title with its site ("Title | Site")."""
_PATH_MARKS = frozenset(">»›|/-–—")
PATH_MAX_CHARS = 250
"""Longer lines are prose, not breadcrumbs: their parts are not looked for."""
TITLE_MIN_SCORE = 2.5
"""A best candidate scoring below this is no title: the block is left out (set on the dev half's word F1: the
blocks left out are mostly teasers and widgets; from 4 up, articles with plain headlines go too)."""
METADATA_NEXT_LINES = 3
"""How close below a headline its byline or date is printed."""


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
    inside: bool
    """It lies inside the block, with the block's prose above it: a subheading more often than a headline."""
    metadata_next: bool
    """A byline or date within METADATA_NEXT_LINES lines below: headlines carry them, subheadings do not."""
    words: int
    """How many words: headlines run longer than section headings and menu items."""
    topmost: bool
    """The highest candidate: a headline comes before the subheadings of its story."""
    shouting: bool
    """All in capitals: labels and buttons are, headlines rarely."""
    path: bool
    """A breadcrumb or a title with its site and section ("Home > Blog > Title"): two separators or more."""
    in_path: bool
    """A part of such a line near the body: the title is the last crumb of its breadcrumb."""
    prose: bool
    """Reads as running text (see `Line.prose`): a standfirst or a caption more often than a headline."""
    wordy: bool
    """More than WORDY words: past that length a title-like line is a standfirst; `words` alone would favour it."""


def title_clues(lines: Sequence[Line], block: Block, index: int, prose_after: int, context: TitleContext) -> TitleClues:
    """Measure the clues for line `index`, whose following prose starts at `prose_after` (all but `coverage`,
    measured only when it can change the choice, and `topmost`, known once all candidates are found)."""
    line = lines[index]
    words = opening_words(line)
    opening = context.opening(prose_after)
    between = lines[index + 1 : prose_after]
    skipped = context.prose_words_before(index)
    return TitleClues(
        overlap=len(words & opening) / len(words) if words else 0.0,
        coverage=0.0,
        metadata=any(other.metadata for other in between),
        distance=sum(1 for other in between if other.key != line.key),
        skipped=skipped / block.words if block.words else 0.0,
        long=line.words >= 4,
        printed_twice=is_header(lines, index) or (index > 0 and is_header(lines, index - 1)),
        inside=index >= block.first and skipped > 0,
        metadata_next=any(other.metadata for other in lines[index + 1 : index + 1 + METADATA_NEXT_LINES]),
        words=line.words,
        topmost=False,
        shouting=line.text.isupper(),
        path=len(path_parts(line)) > 2,
        in_path=line.key in context.path_parts,
        prose=line.prose,
        wordy=line.words > WORDY,
    )


def path_parts(line: Line) -> tuple[str, ...]:
    """The parts of a line cut at path separators (one part when it has none), measured once per line."""
    if line.path_parts is None:
        if len(line.key) <= PATH_MAX_CHARS and not _PATH_MARKS.isdisjoint(line.key):
            line.path_parts = tuple(part.strip() for part in _PATH_SEPARATOR.split(line.key))
        else:
            line.path_parts = (line.key,)
    return line.path_parts


class TitleContext:
    """What every title candidate of one block is compared with, computed once per block."""

    def __init__(self, lines: Sequence[Line], block: Block, floor: int) -> None:
        self.lines = lines
        self.block = block
        # The lines a title is looked for in: `first` to `last`, inclusive.
        self.first = max(floor, block.first - TITLE_WINDOW)
        self.last = min(block.last, block.first + TITLE_INSIDE)
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

    @cached_property
    def path_parts(self) -> set[str]:
        """The parts of the breadcrumbs and site-suffixed titles among the lines where the title is looked for."""
        parts: set[str] = set()
        for line in self.lines[self.first : self.last + 1]:
            found = path_parts(line)
            if len(found) > 1:
                parts.update(found)
        return parts

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


WORDY = 18
"""Headlines rarely run longer; standfirsts without a closing full stop do."""
DISTANCE_SCALE = 20
WORDS_SCALE = 15
"""Distance and word counts are scaled to [0, 1] at these values and capped there: beyond, they tell no more."""


def clue_values(clues: TitleClues) -> tuple[float, ...]:
    """The clues as numbers of about [0, 1], in the order of TITLE_WEIGHTS."""
    return (
        clues.overlap,
        clues.coverage,
        float(clues.metadata),
        min(clues.distance, DISTANCE_SCALE) / DISTANCE_SCALE,
        clues.skipped,
        float(clues.long),
        float(clues.printed_twice),
        float(clues.inside),
        float(clues.metadata_next),
        min(clues.words, WORDS_SCALE) / WORDS_SCALE,
        float(clues.topmost),
        float(clues.shouting),
        float(clues.path),
        float(clues.in_path),
        float(clues.prose),
        float(clues.wordy),
    )


_WEIGHT_VALUES = tuple(TITLE_WEIGHTS.values())


def title_score(clues: TitleClues) -> float:
    """Weigh the clues (see TITLE_WEIGHTS)."""
    return sum(map(operator.mul, _WEIGHT_VALUES, clue_values(clues)))


def title_candidates(context: TitleContext) -> list[tuple[int, TitleClues]]:
    """Title-like lines from TITLE_WINDOW lines above the block (not above the floor) to TITLE_INSIDE lines into
    it, with their clues but for `coverage` (see `find_title`).

    The title may sit inside the block: a teaser, a notice or a standfirst above it can read as prose and open
    the block, and a headline can itself be a sentence.
    """
    lines, block = context.lines, context.block
    candidates = []
    prose_after = context.last
    for index in range(prose_after, context.first - 1, -1):
        line = lines[index]
        if line.prose and not line.title_like:
            prose_after = index
        elif (
            line.title_like
            and prose_after > index
            # A name under a bare "By" line is an author, however title-like it looks.
            and not (index and _BARE_BYLINE.match(lines[index - 1].text))
            and not is_first_of_two(lines, index, prose_after)
        ):
            candidates.append((index, title_clues(lines, block, index, prose_after, context)))
    if candidates:
        # Found from the bottom up: the last one found is the highest.
        index, clues = candidates[-1]
        candidates[-1] = (index, replace(clues, topmost=True))
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
    context = TitleContext(lines, block, floor)
    candidates = [(title_score(clues), index, clues) for index, clues in title_candidates(context)]
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
