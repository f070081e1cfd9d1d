"""Pages in Markdown (what Firecrawl, Jina Reader and crawl4ai give of a page, boilerplate and all, and what their
exports carry as a record's text) as the visible text a browser's `innerText` gives of the page: each block on a
line of its own, a paragraph set off by a blank line, a table's cells by tabs, the markup taken out. Links keep
their text; images and raw HTML tags go, as neither is text a reader sees. The page-text extractor then reads it
as any page dump.

Parsed by markdown-it-py (CommonMark, with tables and strikethrough), not by regexes: emphasis, nested brackets,
escapes and code spans are a grammar, and a stray asterisk or underscore in a headline is no markup. Each line of
the text keeps the line of the Markdown it came from, for the document's provenance.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})


def spaced_link(state: StateInline, silent: bool) -> bool:
    """A link or image whose address holds spaces, which CommonMark reads as no link but crawlers write as one:
    turndown writes an `href` as it is, and share buttons' are unencoded ("[](mailto:?subject=Check this out)",
    "[Jump](#Choosing from the top)"). Tried after CommonMark's own link and image rules, on one line, the address's
    brackets balanced. The link keeps its text, the image is no text, as elsewhere; addresses are not kept."""
    start = state.pos
    image = state.src.startswith("![", start)
    opening = start + image
    if state.src[opening] != "[":
        return False
    label_end = state.md.helpers.parseLinkLabel(state, opening, True)
    if label_end < 0 or not state.src.startswith("(", label_end + 1):
        return False
    end = _closing_parenthesis(state.src, label_end + 1, state.posMax)
    if end < 0:
        return False
    if not silent and not image:
        state.pos, state.posMax, maximum = opening + 1, label_end, state.posMax
        state.push("link_open", "a", 1)
        state.linkLevel += 1
        state.md.inline.tokenize(state)
        state.linkLevel -= 1
        state.push("link_close", "a", -1)
        state.posMax = maximum
    state.pos = end + 1
    return True


def _closing_parenthesis(text: str, opening: int, limit: int) -> int:
    """Where the parenthesis at `opening` closes, on the same line and before `limit`; -1 when it does not."""
    depth = 0
    for position in range(opening, limit):
        character = text[position]
        if character == "\n":
            return -1
        depth += (character == "(") - (character == ")")
        if depth == 0:
            return position
    return -1


_PARSER = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
_PARSER.inline.ruler.after("image", "spaced_link", spaced_link)
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


def markdown_text(markdown: str) -> MarkdownText:
    """The visible text of a Markdown text (see the module's docstring)."""
    lines: list[str] = []
    sources: list[int] = []
    headings: set[int] = set()
    cells: list[str] = []
    row_line = 0

    def add(text: str, source: int) -> None:
        lines.append(text)
        sources.append(source)

    tokens = _PARSER.parse(markdown)
    for index, token in enumerate(tokens):
        first = token.map[0] if token.map else (sources[-1] if sources else 0)
        if token.type == "inline":
            parent = tokens[index - 1].type if index else ""
            if parent in ("th_open", "td_open"):
                cells.append(" ".join(_inline_text(token.children or [], first)[0][0].split()))
                continue
            for text, source in _inline_text(token.children or [], first):
                if parent == "heading_open":
                    headings.add(len(lines))
                add(" ".join(text.split()), source)
        elif token.type == "paragraph_close" and not token.hidden:
            add("", sources[-1] if sources else 0)
        elif token.type == "tr_open":
            cells, row_line = [], first
        elif token.type == "tr_close":
            add("\t".join(cells), row_line)
        elif token.type in ("fence", "code_block"):
            start = first + (token.type == "fence")  # a fence's first line is its opening ```
            for number, text in enumerate(token.content.splitlines()):
                add(text.rstrip(), start + number)
        elif token.type == "html_block":
            for number, text in enumerate(token.content.splitlines()):
                if visible := " ".join(_TAG.sub(" ", text).split()):
                    add(visible, first + number)
    return MarkdownText("\n".join(lines), tuple(sources), frozenset(headings))


def _inline_text(children: list[Token], first_line: int) -> list[tuple[str, int]]:
    """The text of a block's inline tokens, a piece for each line a hard break starts, with its source line: a soft
    break is a space, as a browser shows it; an image and raw HTML are no text; what is left of a link that blank
    lines broke is taken out (see `without_link_remnants`)."""
    pieces: list[tuple[str, int]] = []
    current: list[str] = []
    line = piece_line = first_line
    for child in children:
        if child.type == "text":
            current.append(without_link_remnants(child.content))
        elif child.type == "code_inline":
            current.append(child.content)
        elif child.type == "softbreak":
            current.append(" ")
            line += 1
        elif child.type == "hardbreak":
            pieces.append(("".join(current), piece_line))
            current = []
            line += 1
            piece_line = line
    pieces.append(("".join(current), piece_line))
    return pieces


_LINK_REMNANT = re.compile(r"\]\((?=[^\s)])[^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)|^\s*\[\s*(?=[^\]]*$)|(?<!\S)\[\s*$")
"""The ends of a link that blank lines broke: "](address)", and a "[" that opens a line and is never closed on it or
that ends a line."""


def without_link_remnants(text: str) -> str:
    """Text without what is left of links around blocks (a teaser card: an image, a headline and an excerpt), which
    turndown and the crawlers built on it write as "[", the blocks, then "](address)", so that blank lines break
    them, and CommonMark reads the ends as text: "[" alone or ending the line before, "Headline ](/story) [", "](#)"
    alone. Text that holds no "[" or "](" is as it was."""
    if "[" not in text and "](" not in text:
        return text
    return _LINK_REMNANT.sub("", text)
