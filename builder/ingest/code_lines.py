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

_CODE_MARKS = re.compile(
    r"(?:[{}(\[]|[)}\]][;,])\s*$"  # a block opened or closed, a call or a list going on, a statement's end
    r"|==|!=|=>|->|:=|::|&&|\|\||\+=|</|/>|/\*|\*/"  # operators prose never writes
    r"|\s=\s|\b[a-z_]\w*=[\w'\"(\[{]"  # an assignment, a keyword argument
    # A method call, an empty call, a call with code for its arguments: not a form's "Email(Required)".
    r"|[\w\]]\.[a-z_]\w*\(|\b[a-z_]\w*\(\)|\b[a-z_]\w*\([^()\s]*[.,'\"_=\d][^()\s]*\)"
    r"|^(?:--|//|#!|>>>|\$ )"  # SQL and C comments, a shebang, a prompt
    r"|^(?:def|class|import|from \S+ import|return|const|let|var|function|fn|pub|func|package|public|private"
    r"|if \(|for \(|while \(|else|elif|try:|except|SELECT|INSERT|UPDATE \w+ SET|CREATE|DROP|ALTER)\b"
)
"""What marks a line as code rather than prose or a menu: punctuation that ends statements or opens blocks, the
operators of programming languages, calls, comment markers and the keywords lines of code open with."""

CODE_RUN_MIN_LINES = 3
"""A code block has at least this many lines: one or two lines with a bracket are as often a label or a price."""
CODE_SHARE = 0.5
"""At least this share of a run's lines show `_CODE_MARKS`: a block holds lines that show none ("FROM users u",
a closing keyword), a menu or a footer holds few that show any."""
DATED_SHARE = 0.2
"""At most this share of a code block's lines read as a byline or a date (a date in a query, "WHERE day >
'2024-01-01'"): a thread of comments, each stamped, is not code, whatever markup its text quotes."""


def is_code_line(text: str) -> bool:
    """Whether the line shows a mark of code (see `_CODE_MARKS`)."""
    return _CODE_MARKS.search(text) is not None


def code_runs(texts: Sequence[str], prose: Sequence[bool], metadata: Sequence[bool]) -> list[range]:
    """The runs of lines (indexes into `texts`) that are code blocks: between two prose lines (or the ends of the
    page), from the first line showing a mark of code to the last, at least CODE_RUN_MIN_LINES lines, CODE_SHARE
    or more of them showing one, DATED_SHARE or fewer reading as a byline or a date (`metadata`). A prose line (a
    long comment can read as one) ends a run."""
    runs: list[range] = []
    start = 0
    for index in range(len(texts) + 1):
        if index < len(texts) and not prose[index]:
            continue
        # From its first line of code to its last: a heading above or below the block is the article's.
        marked = [line for line in range(start, index) if is_code_line(texts[line])]
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
