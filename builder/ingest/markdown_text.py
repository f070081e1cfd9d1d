"""Pages in Markdown (what Firecrawl, Jina Reader and crawl4ai give of a page, boilerplate and all, and what their
exports carry as a record's text) as the visible text a browser's `innerText` gives of the page: each block on a
line of its own, a paragraph set off by a blank line, a table's cells by tabs, the markup taken out. Links keep
their text; images and raw HTML tags go, as neither is text a reader sees. The page-text extractor then reads it
as any page dump.

Parsed by markdown-it-pyrs (markdown-it's CommonMark grammar, with tables and strikethrough, in Rust: 15 times as
fast as markdown-it-py, which took 40% of the time of a run over Markdown pages), not by regexes: emphasis, nested
brackets, escapes and code spans are a grammar, and a stray asterisk or underscore in a headline is no markup. Each
line of the text keeps the line of the Markdown it came from, for the document's provenance.
"""

from __future__ import annotations

import bisect
import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import markdown_it_pyrs
import yaml

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})


_PARSER = markdown_it_pyrs.MarkdownIt("commonmark").enable_many(["table", "strikethrough"])
_TAG = re.compile(r"<[^>]*>")
_MARKED_LINE = re.compile(r"^(?:#{1,6}[ \t]+\S.*|.*(?:\]\((?:https?://|/|#|mailto:)|!\[[^\]\n]*\]\().*)$", re.MULTILINE)
"""A line with a link or image in Markdown's syntax, or a Markdown heading."""
SNIFF_CHARS = 65536
"""How much of a text is looked at to tell Markdown: its links, images and headings come early, in the menus."""
MIN_MARKED_LINES = 3
MIN_MARKED_SHARE = 0.1
"""A text is Markdown when at least this many of its lines, and this share of those not blank, hold a link, an
image or a heading in Markdown's syntax: a crawler's Markdown of a page marks up its menus, where visible page
text has none, or a few cited as written (a page listing "Retrieved from [osha.gov](https://www.osha.gov)" among
330 lines was read as Markdown, and its lines run together into paragraphs)."""


@dataclass(frozen=True)
class MarkdownText:
    """A Markdown text as visible text, with where each of its lines came from."""

    text: str
    source_lines: tuple[int, ...]
    """For each line of `text`, the 0-based line of the Markdown it came from."""
    headings: frozenset[int]
    """The lines of `text` that are headings."""


@dataclass(frozen=True)
class ReaderHeader:
    """What is written above a page's Markdown about the page: Jina Reader's header, or YAML front matter."""

    fields: dict[str, str]
    """`title`, `url` and `published`, those given; `card` for a data set's card."""
    lines: int
    """Lines the header takes, its last ("Markdown Content:", "---") included."""


_READER_FIELDS = {"URL Source": "url", "Published Time": "published"}
"""Jina Reader's header lines kept: not its "Title", the page's <title> with the site's name, which the
extractor's headline is better than."""
_READER_LINE = re.compile(r"^(Title|URL Source|Published Time|Warning|Description):[ \t]*(.*)$")
READER_HEADER_LINES = 20
"""How far down the "Markdown Content:" line that ends a Jina Reader header may be."""


def reader_header(text: str) -> ReaderHeader | None:
    """The header Jina Reader (r.jina.ai) writes above a page's Markdown, when the text opens with one: "Title:",
    "URL Source:", maybe "Published Time:" and warnings, then "Markdown Content:"."""
    if not text.startswith("Title:"):
        return None
    fields: dict[str, str] = {}
    for number, line in enumerate(text.split("\n", READER_HEADER_LINES)[:READER_HEADER_LINES]):
        if line.strip() == "Markdown Content:":
            return ReaderHeader(fields, number + 1) if "url" in fields else None
        if match := _READER_LINE.match(line.strip()):
            name = _READER_FIELDS.get(match.group(1))
            if name and match.group(2).strip():
                fields[name] = match.group(2).strip()
        elif line.strip():
            return None
    return None


_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
DATASET_CARD_KEYS = frozenset({"dataset_info", "configs", "task_categories", "task_ids", "size_categories"})
"""Keys of a Hugging Face dataset card's YAML header, which no article's front matter has."""
FRONT_MATTER_DATES = ("date", "published", "publishDate", "pubDate")
"""Where a static site (Hugo, Jekyll, Astro) puts a post's date in its front matter."""


def front_matter(text: str) -> ReaderHeader | None:
    """The YAML front matter a Markdown file opens with (a static site's post: its `title` and `date`; a Hugging
    Face dataset card: `dataset_info` and `configs`), as a header: its fields (`card` when it is a dataset's card)
    and its lines. None when the text opens with none, or with YAML that does not parse into a mapping."""
    found = _FRONT_MATTER.match(text)
    if found is None:
        return None
    try:
        try:
            values = yaml.safe_load(found.group(1))
        except ValueError:
            # A timestamp YAML reads as one but no calendar has ("date: 2025-13-45"): every value as written.
            values = yaml.load(found.group(1), Loader=yaml.BaseLoader)
    except yaml.YAMLError:
        return None
    if not isinstance(values, dict):
        return None
    fields: dict[str, str] = {}
    if DATASET_CARD_KEYS & set(map(str, values)):
        fields["card"] = "dataset"
    if isinstance(values.get("title"), str):
        fields["title"] = values["title"]
    date = next((values[key] for key in FRONT_MATTER_DATES if values.get(key)), None)
    if date is not None:
        fields["published"] = date.isoformat() if isinstance(date, datetime.date) else str(date)
    return ReaderHeader(fields, found.group(0).count("\n") + (not found.group(0).endswith("\n")))


def without_header(text: str, header: ReaderHeader) -> str:
    """The text with its reader header's lines blank: the page's Markdown, on the lines it has in the file."""
    parts = text.split("\n", header.lines)
    rest = parts[header.lines] if len(parts) > header.lines else ""
    return "\n" * (len(parts) - 1) + rest


def is_markdown(path: Path | None, text: str) -> bool:
    """Whether a page or a record's text is Markdown: by a `.md` name, a Jina Reader header, or the lines that hold
    Markdown's links, images and headings in its first `SNIFF_CHARS` (see `MIN_MARKED_SHARE`)."""
    if (path is not None and path.suffix.lower() in MARKDOWN_SUFFIXES) or reader_header(text) is not None:
        return True
    head = text[:SNIFF_CHARS]
    if "](" not in head:  # most texts, and a text whose only marks are "#" (a "# 1" at a line's start)
        return False
    marked = len(_MARKED_LINE.findall(head))
    lines = sum(1 for line in head.splitlines() if line.strip())
    return marked >= MIN_MARKED_LINES and marked >= MIN_MARKED_SHARE * lines


MAX_NESTING = 1000
"""Deeper than this, markup is not read (see `nests_too_deep`): a page's nests a few levels deep, and the parser's
tree of a text nested 50,000 deep (block quotes, emphasis) crashed the process as it was freed."""
_CONTAINER_PREFIX = re.compile(r"^(?:[ \t]*(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t])))+", re.MULTILINE)
"""The block quote marks and list markers a line opens with, and the indentation between: each may open a level."""
MAX_REFERENCES = 2000
"""More link reference definitions ("[1]: https://...") than this, and the text is not parsed: the parser's time grows
with the square of their number when they follow each other (16,000 took 8 s, 2,000 take 0.1 s)."""
_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:", re.MULTILINE)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_EMPHASIS_MARKS = "*_~"


def markdown_text(markdown: str) -> MarkdownText:
    """The visible text of a Markdown text (see the module's docstring); the text as written when its markup nests
    deeper than any page's (see `nests_too_deep`) or it defines more link references than any (`MAX_REFERENCES`)."""
    if nests_too_deep(markdown) or len(_REFERENCE.findall(markdown)) > MAX_REFERENCES:
        return MarkdownText(markdown, tuple(range(markdown.count("\n") + 1)), frozenset())
    return _VisibleText(markdown).read()


def nests_too_deep(markdown: str) -> bool:
    """Whether the markup could nest deeper than MAX_NESTING: a line opening with so many block quote marks, list
    markers and indentation, or a paragraph holding twice as many emphasis marks. Bounds, not a parse: cheap, and
    never short of the depth."""
    if any(len(found[0]) + found[0].count("\t") > MAX_NESTING for found in _CONTAINER_PREFIX.finditer(markdown)):
        return True
    if sum(markdown.count(mark) for mark in _EMPHASIS_MARKS) <= 2 * MAX_NESTING:
        return False
    return any(
        sum(paragraph.count(mark) for mark in _EMPHASIS_MARKS) > 2 * MAX_NESTING
        for paragraph in _BLANK_LINE.split(markdown)
    )


_NEWLINE = re.compile(b"\n")
_CONTAINERS = frozenset({"bullet_list", "ordered_list", "list_item", "blockquote"})
_INLINE = frozenset(
    {"text", "text_special", "softbreak", "hardbreak", "link", "image", "em", "strong", "strikethrough"}
    | {"code_inline", "html_inline", "autolink"}
)


class _VisibleText:
    """The walk over a Markdown text's syntax tree that writes its visible text, line by line. Iterative, not
    recursive: block quotes nested a thousand deep are within the parser's reach and past Python's stack."""

    def __init__(self, markdown: str) -> None:
        self.markdown = markdown
        # The tree places its nodes by byte: a line is found among the bytes that start lines.
        self.line_starts = [0] + [newline.end() for newline in _NEWLINE.finditer(markdown.encode("utf-8"))]
        self.lines: list[str] = []
        self.sources: list[int] = []
        self.headings: set[int] = set()

    def read(self) -> MarkdownText:
        # What is left to write, the next last: a block, or the inline nodes a tight list item holds without a
        # paragraph around them (on the item's first line).
        pending: list[markdown_it_pyrs.Node | tuple[list[markdown_it_pyrs.Node], int]] = []
        self.push_children(pending, _PARSER.tree(self.markdown).children, 0)
        while pending:
            item = pending.pop()
            if isinstance(item, tuple):
                self.inline(*item)
            elif item.name in _CONTAINERS:
                self.push_children(pending, item.children, self.line_of(item))
            else:
                self.block(item)
        return MarkdownText("\n".join(self.lines), tuple(self.sources), frozenset(self.headings))

    @staticmethod
    def push_children(
        pending: list[markdown_it_pyrs.Node | tuple[list[markdown_it_pyrs.Node], int]],
        children: Sequence[markdown_it_pyrs.Node],
        first: int,
    ) -> None:
        """A container's children onto `pending`, the first on top; runs of inline nodes together."""
        items: list[markdown_it_pyrs.Node | tuple[list[markdown_it_pyrs.Node], int]] = []
        for child in children:
            if child.name not in _INLINE:
                items.append(child)
            elif items and isinstance(items[-1], tuple):
                items[-1][0].append(child)
            else:
                items.append(([child], first))
        pending.extend(reversed(items))

    def line_of(self, node: markdown_it_pyrs.Node) -> int:
        """The 0-based line of the Markdown that `node` starts on."""
        start = node.srcmap[0] if node.srcmap else 0
        return bisect.bisect_right(self.line_starts, start) - 1

    def add(self, text: str, source: int) -> None:
        """A line of visible text, from line `source` of the Markdown."""
        self.lines.append(text)
        self.sources.append(source)

    def block(self, node: markdown_it_pyrs.Node) -> None:
        """The visible text of one block: a paragraph or heading, a table, code or raw HTML (a rule has none)."""
        name, first = node.name, self.line_of(node)
        if name in ("paragraph", "heading", "lheading"):  # an lheading is underlined ("Title" over "---")
            if name != "paragraph":
                self.headings.add(len(self.lines))
            self.inline(node.children, first)
            if name == "paragraph":
                self.add("", self.sources[-1] if self.sources else 0)
        elif name == "table":
            for row in (row for part in node.children for row in part.children):
                cells = [" ".join(_inline_text(cell.children, 0, self)[0][0].split()) for cell in row.children]
                self.add("\t".join(cells), self.line_of(row))
        elif name in ("fence", "code_block"):
            start = first + (name == "fence")  # a fence's first line is its opening ```
            for number, text in enumerate(str(node.meta.get("content", "")).splitlines()):
                self.add(text.rstrip(), start + number)
        elif name == "html_block":
            for number, text in enumerate(str(node.meta.get("content", "")).splitlines()):
                if visible := " ".join(_TAG.sub(" ", text).split()):
                    self.add(visible, first + number)

    def inline(self, nodes: Sequence[markdown_it_pyrs.Node], first: int) -> None:
        """The text of `nodes` on lines, from their block's first line (their own places are not always right)."""
        for text, source in _inline_text(nodes, first, self):
            self.add(" ".join(text.split()), source)


def _inline_text(
    nodes: Sequence[markdown_it_pyrs.Node], first_line: int, reader: _VisibleText
) -> list[tuple[str, int]]:
    """The text of a block's inline nodes, a piece for each line a hard break starts, with its source line: a soft
    break is a space, as a browser shows it; an image and raw HTML are no text; what is left of a link that blank
    lines broke, or of one it left as text, is taken out (see `without_link_remnants`)."""
    pieces: list[tuple[str, int]] = []
    current: list[str] = []
    run: list[str] = []  # text between markup, cleaned as one: what is left of a link may span text and escapes
    piece_line = first_line

    def end_run() -> None:
        if run:
            current.append(without_link_remnants("".join(run)))
            run.clear()

    # Depth first, the next node last; None ends the run of text inside a link or emphasis after its children.
    pending: list[markdown_it_pyrs.Node | None] = list(reversed(nodes))
    while pending:
        child = pending.pop()
        if child is None:
            end_run()
            continue
        name = child.name
        if name == "text":
            run.append(_UNPAIRED_STRONG.sub("", str(child.meta.get("content", ""))))
            continue
        if name == "text_special":  # an escaped mark ("\\*") or an entity ("&amp;"): text as written
            run.append(str(child.meta.get("content", "")))
            continue
        if name == "html_inline":
            # No text, but no markup either: a tag inside an address ("data:image/svg+xml,<svg ...>") is in it.
            continue
        end_run()
        if name == "code_inline":
            current.append("".join(str(part.meta.get("content", "")) for part in child.children))
        elif name == "softbreak":
            current.append(" ")
        elif name == "hardbreak":
            pieces.append(("".join(current), piece_line))
            current = []
            piece_line = reader.line_of(child) + 1
        elif name in ("link", "autolink", "em", "strong", "strikethrough"):
            pending.append(None)
            pending.extend(reversed(child.children))
    end_run()
    pieces.append(("".join(current), piece_line))
    return pieces


_UNPAIRED_STRONG = re.compile(r"\*{2,}")
"""Asterisks in twos or more that the parser left as text: bold that CommonMark cannot close, as turndown writes
a bold run that ends with a space ("**Choose your accommodation **– Rent a car", "Audience****:**"). A browser showed
them bold, not as asterisks; asterisks a page prints are written escaped ("\\*\\*")."""
_ADDRESS = r"\((?=[^\s)])[^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)"
"""A link's address in parentheses, its own parentheses balanced, on one line: what follows "]" in a link."""
_UNREAD_LINK = re.compile(r"(!?)\[([^\[\]\n]*)\]" + _ADDRESS)
"""A link or image that the parser left as text: its address holds spaces, which CommonMark reads as no link but
crawlers write as one (turndown writes an `href` as it is, and share buttons' are unencoded: "[](mailto:?subject=Check
this out)", "[Jump](#Choosing from the top)"), or it is one markdown-it will not link to ("javascript:", an image's
"data:image/svg+xml,...": a lazy-loaded picture's placeholder, and so the link around it)."""
UNREAD_LINK_DEPTH = 3
"""How deep links and images the parser left as text are taken apart inside each other (a share button: an icon's
image inside a link)."""
_LINK_END = re.compile(r"\]" + _ADDRESS)
"""The end of a link that blank lines or markup inside broke: "](address)"."""
_LINK_OPENER = re.compile(r"(?:^|(?<=\s))\[")
"""A "[" opening text or after a space: the start of a link whose end was taken off, when no "]" follows it."""


def without_link_remnants(text: str) -> str:
    """Text without the markup of links the parser did not read as links. One whose address holds spaces or that
    it will not link to keeps its text, an image's goes (see `_UNREAD_LINK`). Of a link around blocks (a teaser
    card: an image, a headline and an excerpt), the ends go: turndown and the crawlers built on it write it as "[",
    the blocks, then "](address)", so that blank lines break it ("[" alone or ending the line before, "Headline
    ](/story) [", "](#)" alone). Text that holds no "[" or "](" is as it was."""
    if "[" not in text and "](" not in text:
        return text
    for _ in range(UNREAD_LINK_DEPTH):
        # The innermost first: "[![icon](data:image/svg+xml,...)](mailto:?subject=A story)" is a link once its
        # image is gone.
        text, found = _UNREAD_LINK.subn(lambda link: "" if link.group(1) else link.group(2), text)
        if not found:
            break
    text = _LINK_END.sub("", text)
    # Only after the last "]" is a "[" never closed: found so, not by looking ahead from each "[" (which took
    # minutes over a line of a million brackets).
    closed = text.rfind("]") + 1
    return text[: max(closed - 1, 0)] + _LINK_OPENER.sub("", text[max(closed - 1, 0) :])
