"""Pages in Markdown (what Firecrawl, Jina Reader and crawl4ai give of a page, boilerplate and all, and what their
exports carry as a record's text) as the visible text a browser's `innerText` gives of the page: each block on a
line of its own, a paragraph set off by a blank line, a table's cells by tabs, the markup taken out. Links keep
their text; images and raw HTML tags go, as neither is text a reader sees. The page-text extractor then reads it
as any page dump.

Parsed by pyromark (pulldown-cmark's CommonMark parser, with tables, in Rust: its events with their places in the
Markdown, in time linear in the text; markdown-it-py's parse took 40% of a run over Markdown pages), not by
regexes: emphasis, nested brackets, escapes and code spans are a grammar, and a stray asterisk or underscore in a
headline is no markup. Each line of the text keeps the line of the Markdown it came from, for the document's
provenance.
"""

from __future__ import annotations

import bisect
import datetime
import re
from dataclasses import dataclass
from pathlib import Path

import pyromark
import yaml

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
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
    code: frozenset[int] = frozenset()
    """The lines of `text` that are a code block's."""


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
FRONT_MATTER_UPDATES = ("lastmod", "updated", "modified", "lastModified", "updatedDate")
"""And its last update's (Hugo's `lastmod`, Eleventy's and Astro's `updated`)."""


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
    for name, keys in (("published", FRONT_MATTER_DATES), ("updated", FRONT_MATTER_UPDATES)):
        date = next((values[key] for key in keys if values.get(key)), None)
        if date is not None:
            fields[name] = date.isoformat() if isinstance(date, datetime.date) else str(date)
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
    """The visible text of a Markdown text (see the module's docstring); a lone surrogate (half of an emoji a
    scraper cut in two), which no parser in Rust takes, reads as U+FFFD."""
    try:
        return _VisibleText(markdown).read()
    except UnicodeEncodeError:
        return _VisibleText(_SURROGATE.sub("\ufffd", markdown)).read()


_OPTIONS = pyromark.Options.ENABLE_TABLES
"""Tables, as crawlers write a page's tables. Not pulldown-cmark's strikethrough, which takes single tildes too and
so struck "#:~:text=" out of addresses printed as text: a struck run's doubled tildes go with `_UNPAIRED_MARKS`."""
_NEWLINE = re.compile(b"\n")
_SURROGATE = re.compile("[\ud800-\udfff]")
_UNPAIRED_MARKS = re.compile(r"\*{2,}|~{2,}")
"""Asterisks or tildes in twos or more that the parser left as text: bold that CommonMark cannot close, as turndown
writes a bold run that ends with a space ("**Choose your accommodation **– Rent a car", "Audience****:**"), and
struck text ("~~was $20~~"). A browser showed the text, not the marks; marks a page prints are written escaped
("\\*\\*"), and stay."""
_BACKSLASH = ord("\\")
_ESCAPED_MARKS = str.maketrans({"*": "\x01", "~": "\x02"})
"""Escaped marks stand in for themselves as control characters while `_UNPAIRED_MARKS` is applied."""
_MARKS_AGAIN = str.maketrans({"\x01": "*", "\x02": "~"})
_INLINE_MARKUP = frozenset({"Link", "Emphasis", "Strong", "Image"})
"""Markup around text: a run of text (see `without_link_remnants`) ends at its edges."""
_CONTAINERS = frozenset({"Item", "BlockQuote"})
_TEXT_BLOCKS = frozenset({"Paragraph", "Heading", "TableCell"})
_RAW_BLOCKS = frozenset({"CodeBlock", "HtmlBlock"})


class _VisibleText:
    """The visible text of a Markdown text, written line by line as the parser's events come: one pass, without
    recursion, so that markup nested 300,000 deep is read as any other."""

    def __init__(self, markdown: str) -> None:
        self.markdown = markdown
        self.source = markdown.encode("utf-8")
        # The events place their markup by byte: a line is found among the bytes that start lines.
        self.line_starts = [0] + [newline.end() for newline in _NEWLINE.finditer(self.source)]
        self.lines: list[str] = []
        self.sources: list[int] = []
        self.headings: set[int] = set()
        self.code: set[int] = set()
        self.containers: list[int] = []
        """The first lines of the list items and block quotes around what is read."""
        self.reading = False
        """Whether a block's text is being read, into `pieces`, `current` and `run`."""
        self.pieces: list[tuple[str, int]] = []
        """The text read, a piece for each line a hard break starts, with its line."""
        self.current: list[str] = []
        self.run: list[str] = []
        """The text since the last markup, cleaned as one: what is left of a link spans pieces of text."""
        self.piece_line = 0
        self.cells: list[str] = []
        self.raw: list[str] | None = None
        """A code block's or an HTML block's text, while one is read."""
        self.block_line = 0
        self.images = 0
        """How deep inside images, whose text (their alt text) is no text."""

    def line_of(self, offset: int) -> int:
        """The 0-based line of the Markdown that byte `offset` is on."""
        return bisect.bisect_right(self.line_starts, offset) - 1

    def add(self, text: str, source: int) -> None:
        """A line of visible text, from line `source` of the Markdown."""
        self.lines.append(text)
        self.sources.append(source)

    def read(self) -> MarkdownText:
        for event, place in pyromark.events_with_range(self.markdown, options=_OPTIONS):
            start = place["start"]
            if event == "SoftBreak":  # a space, as a browser shows it
                self.append(" ", start)
            elif event == "HardBreak":
                self.begin_text(start)
                self.end_run()
                self.pieces.append(("".join(self.current), self.piece_line))
                self.current, self.piece_line = [], self.line_of(start) + 1
            elif isinstance(event, dict):
                ((kind, value),) = event.items()
                if kind == "Start":
                    self.start(value, start)
                elif kind == "End":
                    self.end(value)
                elif self.raw is not None and kind in ("Text", "Html"):
                    self.raw.append(value)
                elif self.images:
                    continue
                elif kind == "Text":
                    self.begin_text(start)
                    self.run.append(self.with_escapes_kept(value, start, place["end"]))
                elif kind == "Code":
                    self.append(value, start)
                # The other events hold no text: raw HTML inside text ("<b>", and the tag inside an address that the
                # parser left as text, "data:image/svg+xml,<svg>", which must not end the run around it), a rule.
        self.write_text()
        return MarkdownText("\n".join(self.lines), tuple(self.sources), frozenset(self.headings), frozenset(self.code))

    def start(self, tag: str | dict[str, object], start: int) -> None:
        """Markup opening at byte `start`."""
        name = tag if isinstance(tag, str) else next(iter(tag))
        if name in _INLINE_MARKUP:
            self.begin_text(start)
            self.end_run()
            self.images += name == "Image"
            return
        self.write_text()
        if name in _CONTAINERS:
            self.containers.append(self.line_of(start))
        elif name in _TEXT_BLOCKS:
            if name == "Heading":
                self.headings.add(len(self.lines))
            self.begin_text(start, self.line_of(start))
        elif name in ("TableHead", "TableRow"):
            self.cells, self.block_line = [], self.line_of(start)
        elif name in _RAW_BLOCKS:
            self.raw, self.block_line = [], self.line_of(start)
            if isinstance(tag, dict) and isinstance(tag.get("CodeBlock"), dict):
                self.block_line += 1  # a fenced block's first line is its opening ```

    def end(self, tag: str | dict[str, object]) -> None:
        """Markup closing."""
        name = tag if isinstance(tag, str) else next(iter(tag))
        if name in _INLINE_MARKUP:
            self.end_run()
            self.images -= name == "Image"
        elif name == "TableCell":
            pieces = self.take_text()
            self.cells.append(" ".join(pieces[0][0].split()) if pieces else "")
        elif name in ("TableHead", "TableRow"):
            self.add("\t".join(self.cells), self.block_line)
        elif name in _RAW_BLOCKS:
            for number, text in enumerate("".join(self.raw or []).splitlines()):
                if name == "CodeBlock":
                    self.code.add(len(self.lines))
                    self.add(text.rstrip(), self.block_line + number)
                elif visible := " ".join(_TAG.sub(" ", text).split()):
                    self.add(visible, self.block_line + number)
            self.raw = None
        else:
            self.write_text()
            if name in _CONTAINERS:
                self.containers.pop()
            elif name == "Paragraph":
                self.add("", self.sources[-1] if self.sources else 0)

    def with_escapes_kept(self, text: str, start: int, end: int) -> str:
        """The text of the bytes `start:end` with the marks the Markdown escaped kept from `_UNPAIRED_MARKS`: an
        entity ("&ast;") is text unlike its source; an escaped mark ("\\*") is a text's first character, its
        backslash just before."""
        if "*" not in text and "~" not in text:  # most text: nothing to keep, and no source to compare
            return text
        if self.source[start:end].decode("utf-8", "replace") != text:
            return text.translate(_ESCAPED_MARKS)
        if start and self.source[start - 1] == _BACKSLASH:
            return text[:1].translate(_ESCAPED_MARKS) + text[1:]
        return text

    def begin_text(self, start: int, line: int | None = None) -> None:
        """Text begins, if it has not: a block's, on the block's first line `line`; or a tight list item's, which
        holds its text without a paragraph around it, on the item's first line."""
        if not self.reading:
            self.reading, self.pieces, self.current, self.run = True, [], [], []
            if line is None:
                line = self.containers[-1] if self.containers else self.line_of(start)
            self.piece_line = line

    def append(self, text: str, start: int) -> None:
        """Text that ends the run before it: a soft break's space, a code span."""
        self.begin_text(start)
        self.end_run()
        self.current.append(text)

    def end_run(self) -> None:
        """The run of text so far onto the piece, its bold's unpaired marks and its links' remnants taken out."""
        if self.run:
            run = "".join(self.run)
            if "*" in run or "~" in run:
                run = _UNPAIRED_MARKS.sub("", run)
            self.current.append(without_link_remnants(run).translate(_MARKS_AGAIN))
            self.run = []

    def take_text(self) -> list[tuple[str, int]]:
        """The text read since it began, in pieces; then no text is being read."""
        if not self.reading:
            return []
        self.end_run()
        self.reading = False
        return [*self.pieces, ("".join(self.current), self.piece_line)]

    def write_text(self) -> None:
        """The text read since it began, written on its lines."""
        for text, source in self.take_text():
            self.add(" ".join(text.split()), source)


_ADDRESS = r"\((?=[^\s)])[^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)"
"""A link's address in parentheses, its own parentheses balanced, on one line: what follows "]" in a link."""
_UNREAD_LINK = re.compile(r"(!?)\[([^\[\]\n]*)\]" + _ADDRESS)
"""A link or image that the parser left as text: its address holds spaces, which CommonMark reads as no link but
crawlers write as one (turndown writes an `href` as it is, and share buttons' are unencoded: "[](mailto:?subject=Check
this out)", "[Jump](#Choosing from the top)"), and so does a link around such an image."""
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
        # The innermost first: "[![icon](/share icon.svg)](mailto:?subject=A story)" is a link once its image is
        # gone.
        text, found = _UNREAD_LINK.subn(lambda link: "" if link.group(1) else link.group(2), text)
        if not found:
            break
    text = _LINK_END.sub("", text)
    # Only after the last "]" is a "[" never closed: found so, not by looking ahead from each "[" (which took
    # minutes over a line of a million brackets).
    last_close = max(text.rfind("]"), 0)
    return text[:last_close] + _LINK_OPENER.sub("", text[last_close:])
