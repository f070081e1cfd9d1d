"""What a text browser prints of a page that no reader of the page sees as text: `lynx -dump` and `w3m -dump`
draw form controls ("(BUTTON) Search", a text field as "____" or "[          ]", a check box as "[ ]"), name an
image without alt text by its file ("[logo-white.png]"), and lynx lists the page's `<link>` titles first
("#Site » Feed Site » Comments Feed") and draws an embedded frame as its address ("IFRAME:
https://www.youtube.com/embed/…"). Left in, they reach titles ("AI agent for news (BUTTON) (BUTTON)") and,
as lines of their own, read as menu items; taken out, a text browser's dump reads as a browser's copy of the page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from builder.ingest.wrapping import joint

_WIDGET = re.compile(
    r"\s?(?:\(BUTTON\)|_{6,}|\[\s{4,}\]"
    r"|\[(?:IMG|INLINE|EMBED|image|svg|gif|png|jpe?g|webp)\]"
    r"|\[[^\[\]\s]{1,80}\.(?:png|jpe?g|gif|svg|webp|ico)(?:\?[^\[\]\s]*)?\]|\[[^\[\]\s?]*\?[^\[\]\s=]*=[^\[\]\s]*\]"
    r"|\[(?!\d{4}-\d\d-\d\d\])(?=[^\[\]\s]{0,9}[\-_\d])[^\[\]\s]{10}\]"
    r"|(?:(?<=\s)|^)(?:\[[ X*]\]|\([ *]\))(?=\s|$))"
)
"""A button ("(BUTTON)"), a text field (a run of underscores, or w3m's brackets around spaces), an image named by
type or by file or address ("[IMG]", "[svg]", "[logo-white.png]", "[tr?id=14&ev=PageView]") or by its file name
cut to ten characters as w3m names it ("[pin-it-ico]", "[67a37bb508]": one with a hyphen, an underscore or a digit,
which a word an editor puts in brackets, "[particular]", seldom has, but no date), a check box or radio
button ("[ ]", "[X]", "( )", "(*)") standing apart. None is written in an article: brackets around a file name or
spaces, a word in capitals in brackets, and six underscores are a browser's drawing of the page. Each run of
characters it repeats stops at what follows it ("[" is never inside an address in brackets, one space at most is
taken before a widget): a line of "[a?" or of spaces thousands long took seconds to search otherwise."""
_MAY_HOLD_WIDGET = ("[", "___", "(BUTTON)", "( )", "(*)")
"""What every widget holds: a line without any is left alone without a regex search. An opening parenthesis alone
would not do: a paragraph's "(" sent every long line through the pattern, which tries each of its branches at every
character (a tenth of the time of reading a page's lines)."""
_FRAME = re.compile(r"I?FRAME: \S")
"""lynx's drawing of an embedded frame (a video, a map, a form's hidden target) by its address or name: a reader
sees the frame's content there, never the address."""
_AVATAR = re.compile(
    r"(?:[^\W\d][\w.-]*\s+){0,3}[^\W\d][\w.-]*['’]s avatar|(?i:(?:author|user|profile)\s+avatar)"
    r"|[Aa]vatar\s+(?:photo|image|picture)|avatar|(?:[A-Z][\w.-]*\s+){1,3}Avatar"
)
"""A picture of a person named by its alt text alone on a line ("Paul Iusztin's avatar", "Samuel Horti Avatar",
"author avatar", "Avatar photo"), which a text browser prints where the picture is: the page shows a face there,
and the words stood between a headline and its byline, a line further than a browser's copy of the page has them.
A film's title is left alone: "Avatar" capitalised and alone, "James Cameron's Avatar"."""
_DRAWN_RULE = re.compile(r"[\u2500-\u257f][\u2500-\u257f ]*")
"""A line of box-drawing characters alone: w3m's drawing of a horizontal rule ("━━━━━━━━", 776 lines of its WCXB
dumps) or of a table's border ("├───┼─────┤", 256). Left in, it was joined to the line above or below as one
paragraph ("Find a Mover ━━━━━━━━━━━━", 91 paragraphs of the documents of its dumps). A diagram a page draws
with them in a code block loses its borders in a text browser's dump (8 lines of the WCXB pages)."""
_LIST_MARK = re.compile(r"[*+•◦▪‣∙●○■□☆·]\s+(?=\S)")
"""The mark a text browser prints before a list's item: lynx "*", then "+" for a nested list, w3m "•", then "□"
and "☆". A browser's copy of the page (innerText leaves list marks out), the HTML's text and the Markdown's give
the item alone, and so must the text of a document, whichever way its page was dumped. lynx's third level, "o",
is left: a line of Portuguese or Spanish may open with the word. So are dashes, which open a wrapped line's rest
("– 26, but then ...") and an attribution ("— Yann LeCun")."""
LINK_LIST = re.compile(r"#\S")
"""The start of lynx's list of the page's `<link>` titles, which opens its dump."""


def without_widgets(text: str) -> str:
    """The line `text` without the form controls and unnamed images a text browser draws (`_WIDGET`); "" when
    nothing else was on it; "" too for a picture of a person named by its alt text (`_AVATAR`) and for a rule or a
    table's border drawn with box-drawing characters (`_DRAWN_RULE`)."""
    if ("vatar" in text or "VATAR" in text) and _AVATAR.fullmatch(text):
        return ""
    if "\u2500" <= text[:1] <= "\u257f" and _DRAWN_RULE.fullmatch(text):
        return ""
    if not any(mark in text for mark in _MAY_HOLD_WIDGET):
        return text
    return _WIDGET.sub("", text).strip()


def without_list_mark(text: str) -> str:
    """The line `text` without the mark a text browser prints before a list's item (`_LIST_MARK`)."""
    mark = _LIST_MARK.match(text)
    return text[mark.end() :] if mark else text


_SET_IN_LIST_MARK = re.compile(r" {1,6}[*+•◦▪‣∙●○■□☆·] \S")
"""A list's item as a text browser sets it: its mark a few columns in ("   * Home", "  • Meet the Team")."""
DRAWN_LIST_ITEMS = 3
"""So many list items set in with their marks make a dump a text browser's (see `drawn_by_text_browser`)."""


def drawn_by_text_browser(lines: Sequence[str]) -> bool:
    """Whether a dump whose lines were not found wrapped at a column is still a text browser's: it sets
    DRAWN_LIST_ITEMS list items or more in with their marks, as lynx and w3m draw lists, and a browser's copy of a
    page (innerText) never does (on the WCXB pages: 677 of 711 dumps of either browser, none of the plain dumps
    or Chromium's). Its form controls and unnamed images are then its drawing too (a w3m dump of short lines,
    whose check box reached a title: "Free Advising Session [ ]")."""
    found = 0
    for line in lines:
        if line[:1] == " " and _SET_IN_LIST_MARK.match(line):
            found += 1
            if found >= DRAWN_LIST_ITEMS:
                return True
    return False


def has_list_mark(text: str) -> bool:
    """Whether the line `text` opens with the mark a text browser prints before a list's item (`_LIST_MARK`)."""
    return _LIST_MARK.match(text) is not None


def is_frame(line: str) -> bool:
    """Whether the (rejoined) line is lynx's drawing of an embedded frame, "IFRAME: https://…" (see `_FRAME`)."""
    return _FRAME.match(line) is not None


def link_list_lines(lines: Sequence[str]) -> int:
    """How many of the dump's first `lines` are lynx's list of `<link>` titles ("#Site » Feed …", wrapped over a
    few lines, then a blank one), which a reader never sees on the page: 0 when the dump does not open with one."""
    first = next((index for index, line in enumerate(lines) if line.strip()), None)
    if first is None or not LINK_LIST.match(lines[first].lstrip()):
        return 0
    end = first
    while end < len(lines) and lines[end].strip():
        end += 1
    return end


_TABLE_ROW_LINE = re.compile(r"│.*│")
"""A line of a table w3m draws with borders: its cells' text between vertical bars."""
_ROW_BORDERS = ("┌", "├", "└")
"""The first character of the borders w3m draws above a table, between its rows and below it."""


def drawn_table_rows(lines: Sequence[str]) -> dict[int, str]:
    """The rows of the tables w3m draws with box-drawing borders, as a browser's copy of the page gives them: each
    row on one line, its cells' text apart by tabs. A cell's text is wrapped over the lines of its row inside its
    column ("│Mobile applications provide a more       │Particularly for several platforms │" / "│dynamic and
    intuitive user interface than│(iOS and Android), developing and  │"), and read line by line it interleaves the
    cells. Given by the 0-based number of each row's first line, and its other lines as blank ones ("").

    The lines between two borders are one row when one of the borders lies inside the table ("├"); a table with
    borders only above and below has no line known to carry on another, and each of its lines is a row. A row whose
    lines do not all have the same number of cells (a cell spanning columns, a wrapped bar) is left as it is."""
    rows: dict[int, str] = {}
    run: list[int] = []
    above = ""
    for index, line in enumerate([*lines, ""]):
        text = line.strip()
        if _TABLE_ROW_LINE.fullmatch(text):
            run.append(index)
            continue
        if run:
            below = text[:1]
            one_row = below in _ROW_BORDERS and above in _ROW_BORDERS and "├" in (above, below)
            for row in [run] if one_row else [[number] for number in run]:
                cells = _row_cells([lines[number].strip() for number in row])
                if cells is not None:
                    rows[row[0]] = "\t".join(cells)
                    rows.update(dict.fromkeys(row[1:], ""))
            run = []
        above = text[:1]
    return rows


def _row_cells(row_lines: Sequence[str]) -> list[str] | None:
    """The cells' texts of one row drawn over `row_lines`, each cell's parts joined as a wrapped line's are."""
    split = [line[1:-1].split("│") for line in row_lines]
    if len({len(parts) for parts in split}) != 1:
        return None
    cells = []
    for column in zip(*split, strict=True):
        text = ""
        for part in (part.strip() for part in column):
            if part:
                text = f"{text}{joint(text, part)}{part}" if text else part
        cells.append(without_widgets(text))
    return cells
