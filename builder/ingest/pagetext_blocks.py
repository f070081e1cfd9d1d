"""Article bodies in a page-text dump: the page cut into segments at article headers and section labels, and
in each segment the runs of lines that maximise prose words minus the cost of the boilerplate they take in
(Finn et al.'s body-text extraction, on lines instead of tags)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

from builder.ingest.pagetext_lines import Line, is_header

MIN_ARTICLE_WORDS = 25
"""Fewer prose words than this make a teaser or a notice, not an article."""


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
