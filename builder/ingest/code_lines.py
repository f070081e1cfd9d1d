"""Lines of program code in a page dump: a browser's `innerText` keeps a `<pre>` block's lines as the page sets
them, one statement a line, and a technical article interleaves its prose with such blocks.

Read line by line, a code block looks like the page's shell: short lines that are not prose, some title-like
("FROM users u"), some dated ("WHERE created_at > '2024-01-01'"), each costing the body that would take it in.
Twenty of them between two paragraphs cut the article there (WCXB 4414 kept 122 of its 1,698 words). A run of
lines that are mostly code is therefore told apart (`code_runs`), and the extractor lets a body run through it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_CODE_END = re.compile(r"(?:[{}(\[]|[)}\]][;,])$")
"""A line's end that marks code: a block opened or closed, a call or a list going on, a statement's end."""
_CODE_OPENING = re.compile(
    r"(?:--|//|#!|>>>|\$ )"  # SQL and C comments, a shebang, a prompt
    r"|(?:def|class|import|from \S+ import|return|const|let|var|function|fn|pub|func|package|public|private"
    r"|if \(|for \(|while \(|else|elif|try:|except|SELECT|INSERT INTO|UPDATE \w+ SET"
    r"|(?:CREATE|DROP|ALTER)(?: UNIQUE)? (?:TABLE|INDEX|VIEW|DATABASE|SCHEMA|FUNCTION|TRIGGER|EXTENSION))\b"
)
"""A line's opening that marks code: a comment marker, a prompt, a keyword lines of code open with (SQL's with
what it acts on: a button shouts "CREATE ACCOUNT")."""
_CODE_OPERATOR = re.compile(r"==|!=|=>|->|:=|::|&&|\|\||\+=|</|/>|/\*|\*/| = ")
"""Operators prose never writes, and an assignment (one search: its alternatives all open with a character of a
few, which the regex engine scans for)."""
_KEYWORD_ARGUMENT = re.compile(r"\b[a-z_]\w*=[\w'\"(\[{]")
_CALL = re.compile(r"[\w\]]\.[a-z_]\w*\(|\b[a-z_]\w*\((?:\)|[\"'\[{]|[^()\s]*[.,'\"_=\d][^()\s]*\))")
"""A method call, an empty call, a call given a string, a list or a dict, or code for its arguments: not a form's
"Email(Required)"."""
_GLUED_BRACKET = re.compile(r"\w\(")
"""A bracket right after a word, which every call has: a cheap search that spares most lines `_CALL`'s."""

CODE_LINE_MAX_CHARS = 300
"""Longer lines are not code but text run together (a whole article on one line), and are not searched."""
CODE_RUN_MIN_LINES = 3
"""A code block has at least this many lines: one or two lines with a bracket are as often a label or a price."""
CODE_SHARE = 0.5
"""At least this share of a run's lines show a mark of code (`is_code_line`): a block holds lines that show none
("FROM users u", a closing keyword), a menu or a footer holds few that show any."""
DATED_SHARE = 0.2
"""At most this share of a code block's lines read as a byline or a date (a date in a query, "WHERE day >
'2024-01-01'"): a thread of comments, each stamped, is not code, whatever markup its text quotes."""


def is_code_line(text: str) -> bool:
    """Whether the line (stripped) shows a mark of code, at its end, its opening or inside it: punctuation that
    ends statements or opens blocks, comment markers and keywords, the operators of programming languages, calls.
    """
    # A regex only on a line holding the character it needs: one search with every mark as an alternative cost a
    # tenth of reading a page's lines.
    return len(text) <= CODE_LINE_MAX_CHARS and (
        _CODE_END.search(text[-2:]) is not None
        or _CODE_OPENING.match(text) is not None
        or _CODE_OPERATOR.search(text) is not None
        or ("=" in text and _KEYWORD_ARGUMENT.search(text) is not None)
        or ("(" in text and _GLUED_BRACKET.search(text) is not None and _CALL.search(text) is not None)
    )


def code_runs(texts: Sequence[str], prose: Sequence[bool], metadata: Sequence[bool]) -> list[range]:
    """The runs of lines (indexes into `texts`) that are code blocks: between two prose lines (or the ends of the
    page), from the first line showing a mark of code to the last, at least CODE_RUN_MIN_LINES lines, CODE_SHARE
    or more of them showing one, DATED_SHARE or fewer reading as a byline or a date (`metadata`). A prose line ends
    a run, unless it is a comment (`comment_lines`: a long one reads as prose)."""
    runs: list[range] = []
    comments = comment_lines(texts)
    start = 0
    for index in range(len(texts) + 1):
        if index < len(texts) and (not prose[index] or index in comments):
            continue
        # From its first line of code to its last: a heading above or below the block is the article's. Most gaps
        # between prose lines are shorter than a block: their lines are not read.
        marked = (
            [line for line in range(start, index) if is_code_line(texts[line])]
            if index - start >= CODE_RUN_MIN_LINES
            else []
        )
        if marked:
            run = range(marked[0], marked[-1] + 1)
            dated = sum(metadata[line] for line in run)
            if (
                len(run) >= CODE_RUN_MIN_LINES
                and len(marked) >= CODE_SHARE * len(run)
                and dated <= DATED_SHARE * len(run)
            ):
                runs.append(run)
        start = index + 1
    return runs


_LINE_COMMENT = re.compile(r"//|/\*.*\*/$")
"""A comment on a line of its own: "// Shift arguments over.", "/* the default */"."""
BLOCK_COMMENT_MAX_LINES = 12
"""The most lines a block comment ("/**" ... "*/") runs over: past that, a "/*" opened none."""


def comment_lines(texts: Sequence[str]) -> set[int]:
    """The indexes of the lines (stripped) that are comments of code: opening with "//", or inside a block comment,
    from a line opening with "/*" to the next line ending with "*/" within BLOCK_COMMENT_MAX_LINES. A comment in
    words reads as prose ("// We're using the token, NOT the formatted token, to determine the control flow.",
    a docblock's sentence), and cut its code block in two, leaving itself a paragraph that claims were looked for in."""
    found: set[int] = set()
    for index, text in enumerate(texts):
        if not text.startswith("/"):
            continue
        if _LINE_COMMENT.match(text):
            found.add(index)
        elif text.startswith("/*"):
            end = next(
                (
                    other
                    for other in range(index, min(index + BLOCK_COMMENT_MAX_LINES, len(texts)))
                    if texts[other].endswith("*/")
                ),
                None,
            )
            if end is not None:
                found.update(range(index, end + 1))
    return found
