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
from typing import NamedTuple

from builder.enrich.unspaced import UNSPACED_LETTERS

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
_STOPS_A_SENTENCE = re.compile(r"[.!?…:;\"”’')\]。！？」』）]$")
_WIDE = re.compile(
    "[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3"
    "\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]"
)
"""Characters a terminal gives two columns (East Asian wide and fullwidth: CJK, kana, hangul, fullwidth forms), as
w3m counts them when it wraps."""
_UNSPACED_EDGE = re.compile(f"[{UNSPACED_LETTERS}\u3000-\u303f\uff00-\uffef]")
"""A letter of a script written without spaces, or its punctuation: a wrapper breaks between any two, and a line
of them has no space to break at."""
_TABLE_GAP = "   "
"""Three spaces inside a line lay out a table's columns, which are not wrapped prose."""
_BULLET = re.compile(r"[*+•·o\-–]\s+|\d{1,3}[.)]\s+")
"""A list item's marker: its wrapped lines are indented past it."""


class Wrap(NamedTuple):
    """How a dump was wrapped: at `width`, counted in characters, or in terminal columns when `wide` (`columns`)."""

    width: int
    wide: bool

    def measure(self, text: str) -> int:
        return columns(text) if self.wide else len(text)


def wrap_width(lines: Sequence[str]) -> Wrap | None:
    """How the dump's `lines` were wrapped, or None when they were not.

    The column is the narrowest that all lines but OVERLONG_SHARE of them fit in (counting those with a place to
    break at after their indentation: one long word or address is never broken); the dump is wrapped when its
    full lines read as sentences that go on below (WRAPPED_MIN_BREAKS). Counted in characters, as lynx and most
    wrappers count, or in terminal columns, as w3m counts (a Chinese character takes two), whichever finds more
    wraps: a page in English and Chinese is wrapped in one or the other."""
    # A table's row is laid out in columns, not wrapped: a wide table (w3m sets one row to a line, as wide as its
    # cells) would otherwise put more lines past the column than OVERLONG_SHARE allows.
    breakable = [
        line for line in map(str.rstrip, lines) if _breakable(text := line.lstrip()) and _TABLE_GAP not in text
    ]
    if not breakable:
        return None
    by_characters = Wrap(_narrowest(list(map(len, breakable))), wide=False)
    # Most dumps are not wrapped, and their paragraphs of hundreds of characters tell so at the first count.
    if by_characters.width > WRAP_MAX_WIDTH:
        return None
    candidates = [by_characters]
    if any(_WIDE.search(line) for line in breakable):
        in_columns = Wrap(_narrowest(list(map(columns, breakable))), wide=True)
        if in_columns.width <= WRAP_MAX_WIDTH:
            candidates.append(in_columns)
    # The count under which more of the lines are wraps: in characters, a page of English and Chinese wrapped in
    # columns has its English lines full and its Chinese ones half so; in columns, the reverse for lynx's.
    # A tie (a page all in Chinese wraps alike in both counts) goes to characters, as most wrappers count.
    breaks, _, wrap = max((_breaks(lines, candidate), not candidate.wide, candidate) for candidate in candidates)
    return wrap if breaks else None


COLUMN_MIN_LINES = 4
COLUMN_MARGIN = 8
COLUMN_MIN_WIDTH = 20
COLUMN_MIN_BREAKS = 2
COLUMN_LINE_MIN_WORDS = 3
"""A run of at least COLUMN_MIN_LINES lines at one indentation, none reaching within COLUMN_MARGIN characters of
the dump's column, is set in a narrower column of its own (a layout table's cell that lynx and w3m wrap at its
width; one narrower than COLUMN_MIN_WIDTH holds no prose), and wrapped when COLUMN_MIN_BREAKS of its full lines
of COLUMN_LINE_MIN_WORDS words or more (a line of code's key and value has two), and half of them, stop
mid-sentence and go on below in lower case: see `column_wraps`."""


def column_wraps(lines: Sequence[str], wrap: Wrap | None) -> dict[int, Wrap]:
    """The narrower column of each line (by index in `lines`) that a run of lines was wrapped at inside a dump
    wrapped at `wrap`: a run of COLUMN_MIN_LINES lines or more at one indentation whose longest line falls
    COLUMN_MARGIN short of the dump's column, and whose full lines (by the run's own width) go on below in lower
    case as wrapped sentences do (a menu's items, however narrow, each open with a capital; a short label over a
    user name or an image's address is no full line). Read at the dump's column, such a run's lines look like
    short lines of their own. In a dump not wrapped as a whole (`wrap` None), only an indented run is read so: a
    text browser indents the cell that holds a page's whole text, where a copy of a page's text sets its lines
    flush left, each a paragraph."""
    reference = wrap or Wrap(WRAP_MAX_WIDTH, wide=False)
    found: dict[int, Wrap] = {}
    start = 0
    while start < len(lines):
        first = lines[start].rstrip()
        if not first.strip():
            start += 1
            continue
        indent = len(first) - len(first.lstrip())
        end = start + 1
        while end < len(lines) and lines[end].strip() and len(lines[end]) - len(lines[end].lstrip()) == indent:
            end += 1
        if end - start < COLUMN_MIN_LINES or (wrap is None and indent == 0):
            start = end
            continue
        run = [line.rstrip() for line in lines[start:end]]
        column = Wrap(max(map(reference.measure, run)), reference.wide)
        if COLUMN_MIN_WIDTH <= column.width <= reference.width - COLUMN_MARGIN:
            # Full lines of words that stop mid-sentence, and those of them that go on below in lower case.
            full = [
                _goes_on(below)
                for line, below in itertools.pairwise(run)
                if len(line.split()) >= COLUMN_LINE_MIN_WORDS
                and not _STOPS_A_SENTENCE.search(line)
                and _overflows(line, below.strip(), column)
            ]
            if sum(full) >= max(COLUMN_MIN_BREAKS, len(full) / 2):
                found.update(dict.fromkeys(range(start, end), column))
        start = end
    return found


_WORD_PUNCTUATION = ",.;:!?()\"'“”‘’"
"""What opens or closes a word, stripped before it is read (`_goes_on`)."""


def _goes_on(below: str) -> bool:
    """Whether the line carries on a sentence from the line above: it opens with a word in lower case, not a
    token of letters and digits (an image's address, a user name's hash)."""
    first = below.split(maxsplit=1)[0].strip(_WORD_PUNCTUATION)
    return first[:1].islower() and first.replace("-", "").replace("'", "").replace("’", "").isalpha()


def _breaks(lines: Sequence[str], wrap: Wrap) -> int:
    """How many of the dump's full lines go on below as the sentence they stop in, or 0 when too few or too small a
    share of them do to call the dump wrapped (see WRAPPED_MIN_BREAKS)."""
    mid_sentence = going_on = 0
    for line, below in itertools.pairwise(lines):
        line, below = line.rstrip(), below.strip()
        if not below or not line.strip() or _STOPS_A_SENTENCE.search(line):
            continue
        if _overflows(line, below, wrap):
            mid_sentence += 1
            # The sentence goes on: in lower case, or in a script without case or spaces (Chinese, Japanese, Thai).
            going_on += below[0].islower() or _between_unspaced(line, below)
    return going_on if going_on >= max(WRAPPED_MIN_BREAKS, WRAPPED_MIN_SHARE * mid_sentence) else 0


def _breakable(text: str) -> bool:
    return " " in text or (not text.isascii() and _UNSPACED_EDGE.search(text) is not None)


def _narrowest(widths: list[int]) -> int:
    """The narrowest width that all of `widths` but OVERLONG_SHARE of them fit in."""
    allowed = max(1, int(len(widths) * OVERLONG_SHARE))
    counts = Counter(widths)
    overlong = 0
    for length in sorted(counts, reverse=True):
        overlong += counts[length]
        if overlong > allowed:
            return length
    return 0


def columns(text: str) -> int:
    """The terminal columns `text` takes: two for an East Asian wide or fullwidth character (`_WIDE`)."""
    return len(text) if text.isascii() else len(text) + len(_WIDE.findall(text))


def _overflows(line: str, next_text: str, wrap: Wrap) -> bool:
    """Whether what opens `next_text` (its first word; one letter of a script without spaces) would not have fitted
    on `line`, with the space between them (none between two such letters)."""
    if _UNSPACED_EDGE.match(next_text):
        needed = wrap.measure(next_text[0]) + (0 if _between_unspaced(line, next_text) else 1)
    else:
        needed = 1 + wrap.measure(next_text.split(maxsplit=1)[0])
    return wrap.measure(line) + needed > wrap.width


def wrapped_before(line: str, below: str, wrap: Wrap) -> bool:
    """Whether the break between `line` and the `below` it (both unstripped, neither blank) is a wrap (`wrap`):
    what opens the line below would not have fitted, and both lines belong to one paragraph or list item (the same
    indentation, or `below` indented past the list marker that opens `line`)."""
    text, next_text = line.strip(), below.strip()
    if _TABLE_GAP in text or _TABLE_GAP in next_text or _BULLET.match(next_text):
        return False
    line = line.rstrip()
    if not _overflows(line, next_text, wrap):
        return False
    indent = len(line) - len(line.lstrip())
    next_indent = len(below) - len(below.lstrip())
    if next_indent == indent:
        return True
    marker = _BULLET.match(text)
    return marker is not None and next_indent == indent + marker.end()


_BROKEN_AT_HYPHEN = re.compile(r"[^\W\d_]-$")


def joint(line: str, below: str) -> str:
    """What joins the stripped `line` to the `below` that carries it on: a space, or nothing after a word's hyphen,
    where wrappers break compounds ("three-year-" / "old conflict"), or between two letters of a script written
    without spaces ("…的唯" / "一可行出路")."""
    if (_BROKEN_AT_HYPHEN.search(line) and below[:1].isalpha()) or _between_unspaced(line, below):
        return ""
    return " "


def _between_unspaced(line: str, below: str) -> bool:
    """Whether `line` ends and `below` opens with a letter (or a mark) of a script written without spaces."""
    return _UNSPACED_EDGE.match(line[-1:]) is not None and _UNSPACED_EDGE.match(below) is not None
