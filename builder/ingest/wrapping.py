"""Hard-wrapped page dumps: text browsers (`lynx -dump`, `w3m -dump`), mail archives and plain-text converters
break every paragraph into lines no wider than a fixed column. Read line by line, such a dump is a heap of short
lines: a headline loses its last word, a quote its attribution, a sentence its end, and an annotator reads
"according to a June report" and "by the University of Chicago" as two paragraphs.

The column is read off the dump (`wrap_width`), and a line break is a wrap when the next line's first word would
not have fitted on the line (`wrapped_before`), which is how every wrapper decides where to break: a short line
above (a heading, a menu item, a paragraph's last line) is a real break whatever follows it.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence

WRAP_MAX_WIDTH = 160
"""A dump whose lines run longer than this was not wrapped (text browsers wrap at 72 to 80 columns, converters at
78): paragraphs on one line each run to hundreds of characters."""
OVERLONG_SHARE = 0.02
"""The share of lines allowed past the column: preformatted code and tables are not wrapped."""
WRAPPED_MIN_BREAKS = 5
WRAPPED_MIN_SHARE = 0.25
"""A dump is wrapped when at least WRAPPED_MIN_BREAKS of its full lines that stop mid-sentence, and WRAPPED_MIN_SHARE
of them, go on in lower case on the next line: the sentence carries on there. A menu that reaches the width of its
page's longest line (a page with no paragraph to speak of) goes on with another capitalised item."""
_STOPS_A_SENTENCE = re.compile(r"[.!?…:;\"”’')\]]$")
_TABLE_GAP = "   "
"""Three spaces inside a line lay out a table's columns, which are not wrapped prose."""
_BULLET = re.compile(r"[*+•·o\-–]\s+|\d{1,3}[.)]\s+")
"""A list item's marker: its wrapped lines are indented past it."""


def wrap_width(lines: Sequence[str]) -> int | None:
    """The column the dump's `lines` were wrapped at, or None when they were not wrapped.

    The column is the narrowest that all lines but OVERLONG_SHARE of them fit in (counting those with a space to
    break at after their indentation: one long word or address is never broken); the dump is wrapped when its
    full lines read as sentences that go on below (WRAPPED_MIN_BREAKS)."""
    widths = [len(line) for line in map(str.rstrip, lines) if " " in line.strip()]
    if not widths:
        return None
    allowed = max(1, int(len(widths) * OVERLONG_SHARE))
    counts = Counter(widths)
    overlong = 0
    width = 0
    for length in sorted(counts, reverse=True):
        overlong += counts[length]
        if overlong > allowed:
            width = length
            break
    if not width or width > WRAP_MAX_WIDTH:
        return None
    mid_sentence = lower_next = 0
    for line, below in itertools.pairwise(lines):
        line, below = line.rstrip(), below.strip()
        if not below or not line.strip() or _STOPS_A_SENTENCE.search(line):
            continue
        if len(line) + 1 + len(below.split(maxsplit=1)[0]) > width:
            mid_sentence += 1
            lower_next += below[0].islower()
    return width if lower_next >= max(WRAPPED_MIN_BREAKS, WRAPPED_MIN_SHARE * mid_sentence) else None


def wrapped_before(line: str, below: str, width: int) -> bool:
    """Whether the break between `line` and the `below` it (both unstripped, neither blank) is a wrap at `width`:
    the first word below would not have fitted, and both lines belong to one paragraph or list item (the same
    indentation, or `below` indented past the list marker that opens `line`)."""
    text, next_text = line.strip(), below.strip()
    if _TABLE_GAP in text or _TABLE_GAP in next_text or _BULLET.match(next_text):
        return False
    line = line.rstrip()
    if len(line) + 1 + len(next_text.split(maxsplit=1)[0]) <= width:
        return False
    indent = len(line) - len(line.lstrip())
    next_indent = len(below) - len(below.lstrip())
    if next_indent == indent:
        return True
    marker = _BULLET.match(text)
    return marker is not None and next_indent == indent + marker.end()


_BROKEN_AT_HYPHEN = re.compile(r"[^\W\d_]-$")


def rejoined(line: str, below: str) -> str:
    """The stripped `line` and the `below` that carries it on, as one: with a space, or without one after a word's
    hyphen, where wrappers break compounds ("three-year-" / "old conflict")."""
    if _BROKEN_AT_HYPHEN.search(line) and below[:1].isalpha():
        return line + below
    return line + " " + below
