"""News feeds (RSS 2.0, RSS 1.0 and Atom): one article per item, as feeds with the full story carry it
(`content:encoded`, Atom `content`), else its summary (`description`, `summary`).

Each item becomes a page of the item's HTML, with its title, link, date and the feed's title as the outlet; the
HTML then goes through the same extraction as a scraper record's. The file is streamed item by item, so a feed
archive of any size reads in flat memory; its XML is parsed without resolving entities or fetching anything (a
feed is untrusted input: no entity expansion bombs, no external entities), its ampersands repaired on the way
(`_RepairedReferences`).
"""

from __future__ import annotations

import codecs
import html as html_entities
import re
from collections import deque
from collections.abc import Callable, Iterator
from html.entities import html5
from typing import IO, Any
from urllib.parse import urljoin

from lxml import etree
from lxml import html as lxml_html

from builder.compression import TrailingDataError, broken_data, compression_of_file, open_compressed
from builder.ingest.dates import parse_published
from builder.ingest.pages import Page, Rejection, url_rejection, web_url
from builder.ingest.scraper import without_outlet
from builder.ingest.sources import REPAIRED_UTF8, SNIPPET_CHARS, UTF8_BOM, InputFile, snippet, wide_encoding
from builder.ingest.streamed_text import EMPTY, READ_CHUNK_BYTES, streamed_reading
from builder.records import SourceFormat

ATOM = "{http://www.w3.org/2005/Atom}"
RSS1 = "{http://purl.org/rss/1.0/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
DUBLIN_CORE = "{http://purl.org/dc/elements/1.1/}"
ITEM_TAGS = ("item", f"{RSS1}item", f"{ATOM}entry")
FEED_TITLE_TAGS = frozenset({"title", f"{RSS1}title", f"{ATOM}title"})
FEED_PARENTS = frozenset({"channel", f"{RSS1}channel", f"{ATOM}feed"})
FEED_ROOTS = frozenset({"rss", "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}RDF", f"{ATOM}feed"})
FEED_LEVEL = FEED_PARENTS | FEED_ROOTS
"""Parents of the items and of what stands beside them (the feed's title, image, links; RSS 1.0's channel)."""
READ = "ingest.read"
_XML_DECLARATION = re.compile(rb"""\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")


def feed_pages(source: InputFile, digest: str) -> Iterator[Page | Rejection]:
    """The pages of a feed's items, then a rejection if the XML breaks off or is refused (an entity expansion bomb
    is), the items before it being kept."""
    outlet: str | None = None
    position = 0
    compression = compression_of_file(source.path)
    reading = streamed_reading(source.path, compression, _declared)
    if reading == EMPTY:
        yield Rejection(READ, source.shown, "empty", "the feed is empty or holds only white space or NUL bytes")
        return
    with open_compressed(source.path, compression) as handle:
        starts = _ItemStarts(handle)
        decoded: _TransformedStream = starts
        if reading not in (None, "utf-8"):
            decoded = _Recoded(starts, "utf-8" if reading == REPAIRED_UTF8 else reading)
        stream = _RepairedReferences(decoded)
        events = etree.iterparse(
            stream,
            events=("end",),
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
            encoding="utf-8" if reading else None,  # overrides the XML declaration
        )
        try:
            for _, element in events:
                tag = element.tag
                if tag in ITEM_TAGS:
                    position += 1
                    offset = starts.offset_of(element.sourceline)
                    yield from _item_pages(source, digest, element, position, outlet, offset)
                    _forget(element)
                elif (parent := _parent_tag(element)) in FEED_LEVEL:
                    if outlet is None and tag in FEED_TITLE_TAGS and parent in FEED_PARENTS:
                        outlet = _text(element)
                    _drop(element)
            if position == 0:
                yield _no_items(source, events.root)
        except etree.XMLSyntaxError as error:
            message, line = error.msg, error.position[0] if error.position else 0
            # An undeclared entity (`&nbsp;`) is raised as "no element found" at line 0; the log holds the real error.
            if not line and (logged := events.error_log.last_error) is not None:
                message, line = logged.message, logged.line
            reason = f"the feed's XML is broken after {position} item(s): {message}"
            # Lines start at 1: 0 is the parser's "unknown".
            yield Rejection(READ, source.shown, "broken_feed", reason, line=line or None)
        except TrailingDataError as error:
            yield Rejection(READ, source.shown, error.code, f"after {position} item(s): {error}", offset=error.offset)
        except Exception as error:
            broken = broken_data(error, compression)
            if broken is None:
                raise
            yield Rejection(READ, source.shown, broken.code, f"{broken} after {position} item(s)")


def _drop(element: Any) -> None:
    """Free an element beside the items once read: the feed's title, its image, or anything else. Kept, they made
    the tree grow with the feed: 100 MB of `<a/>` in a channel (97 KB gzipped) took 3 GB of memory. Told by its
    parent, one look-up, rather than by an item among its ancestors, which slowed a feed's parse by half; what is
    inside such an element is freed with it, at its end."""
    parent = element.getparent()
    if parent is not None:
        parent.remove(element)


def _parent_tag(element: Any) -> str | None:
    parent = element.getparent()
    return None if parent is None else str(parent.tag)


def _no_items(source: InputFile, root: Any) -> Rejection:
    """Why a feed that parsed gave nothing: it holds no item, or it is no feed at all (a `.rss` holding a title)."""
    if root.tag in FEED_ROOTS:
        reason = "the feed holds no RSS item or Atom entry"
    else:
        reason = f"no RSS item or Atom entry in the file, whose root element is <{etree.QName(root).localname}>"
    return Rejection(READ, source.shown, "no_items_in_feed", reason)


def _declared(head: bytes) -> str | None:
    """The charset the XML declaration names (Python's name for it), or None: none named, or one unknown."""
    found = _XML_DECLARATION.match(head.removeprefix(UTF8_BOM))
    try:
        return codecs.lookup(found[1].decode("ascii")).name if found else None
    except LookupError:
        return None


class _TransformedStream:
    """A byte stream for the XML parser, which reads it in pieces, each piece of the stream below changed on the way
    by `_transform` (given whether it is the last). Never b"" before the end (the parser takes it for the end, and
    a piece may be held back whole), never more than asked for."""

    def __init__(self, handle: IO[bytes] | _TransformedStream) -> None:
        self._handle = handle
        self._pending = b""
        self._done = False

    def _transform(self, chunk: bytes, final: bool) -> bytes:
        raise NotImplementedError

    def read(self, size: int = -1) -> bytes:
        while not self._pending and not self._done:
            # A decompression at a time (see `read_at_most`): the items decompressed before a break are parsed before
            # the break is raised. A small gzip feed cut short lost every item.
            chunk = self._handle.read1(size if size > 0 else READ_CHUNK_BYTES)
            self._done = not chunk
            self._pending = self._transform(chunk, self._done)
        size = size if size > 0 else len(self._pending)
        piece, self._pending = self._pending[:size], self._pending[size:]
        return piece

    read1 = read  # it reads the stream below only while it has nothing to give: nothing read is held from an error


_ITEM_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:item|entry)(?=[\s/>])")
"""An item's start tag, `<item` or `<entry`, maybe with a namespace prefix (`<rss:item`, `<atom:entry`), its name
whole (not RSS 1.0's `<items>`)."""
TAG_START_MAX_BYTES = 64
"""The most of a start tag's opening (`<`, a prefix and the name) a chunk's end may cut."""
START_TAG_MAX_BYTES = 4096
"""The most of an item's whole start tag, attributes and line breaks in it included, that a chunk's end may cut and
the next chunk is scanned with: an item whose start tag is longer has no offset (0) when it straddles two chunks."""


class _ItemStarts(_TransformedStream):
    """The feed's bytes as they are, told where each item starts, for its provenance's byte offset, which the XML
    parser does not give: its start tag's byte offset in the (decompressed) file, as a JSON Lines record's offset is
    its line's, told by the line the tag ends on, which is the line the parser gives the element (a start tag over
    several lines, `<item` and its attributes each on a line, is the parser's on its last). Tags in CDATA sections
    and comments are text. Told in a stream whose bytes are ASCII's (not UTF-16 or UTF-32, whose items are given
    offset 0). The start is told when the chunk holding it is read, so before the parser reaches the item's end."""

    def __init__(self, handle: IO[bytes]) -> None:
        super().__init__(handle)
        self._starts: deque[tuple[int, int]] = deque()
        self._carry = b""
        self._carry_offset = 0
        self._carry_line = 1
        self._closing: bytes | None = None
        self._wide: bool | None = None

    def _transform(self, chunk: bytes, final: bool) -> bytes:
        if self._wide is None:
            self._wide = wide_encoding(chunk[:4]) is not None
        if not self._wide:
            self._scan(chunk, final)
        return chunk

    def _scan(self, chunk: bytes, final: bool) -> None:
        data = self._carry + chunk
        keep = len(data)
        if not final:
            # A start tag or a section's marker the chunk's end may cut is scanned with the next chunk.
            bracket = data.rfind(b"<", max(0, len(data) - TAG_START_MAX_BYTES))
            keep = bracket if bracket != -1 else keep
            keep = min(keep, len(data.rstrip(b"]-")))  # and a "]]>" or "-->" cut after its first bytes
            # and an item's start tag whose end is not read yet, to tell the line it ends on
            unclosed = data.rfind(b"<", max(0, len(data) - START_TAG_MAX_BYTES))
            if unclosed != -1 and b">" not in data[unclosed:] and _ITEM_START.match(data, unclosed):
                keep = min(keep, unclosed)
        scanned, self._carry = data[:keep], data[keep:]
        position, line, counted = 0, self._carry_line, 0
        while position < len(scanned):
            if self._closing is not None:
                end = scanned.find(self._closing, position)
                if end == -1:
                    break
                position, self._closing = end + len(self._closing), None
                continue
            opened = _SECTION_OPEN.search(scanned, position)
            stop = len(scanned) if opened is None else opened.start()
            for found in _ITEM_START.finditer(scanned, position, stop):
                line += scanned.count(b"\n", counted, found.start())
                counted = found.start()
                tag_end = scanned.find(b">", found.end())
                ends_on = line + scanned.count(b"\n", found.end(), tag_end if tag_end != -1 else found.end())
                self._starts.append((ends_on, self._carry_offset + found.start()))
            if opened is None:
                break
            position, self._closing = opened.end(), _CLOSE_OF[opened.group()]
        self._carry_line = line + scanned.count(b"\n", counted)
        self._carry_offset += len(scanned)

    def offset_of(self, line: int | None) -> int:
        """The byte offset of the item whose start tag the parser puts on `line`: the first start told ending on that
        line, those ending on lines before it passed over (another namespace's `<item>`); 0 when none is known."""
        while self._starts and line is not None and self._starts[0][0] < line:
            self._starts.popleft()
        if self._starts and self._starts[0][0] == line:
            return self._starts.popleft()[1]
        return 0


class _Recoded(_TransformedStream):
    """A byte stream in a legacy charset written as UTF-8, a byte the charset lacks read as U+FFFD; or in UTF-8 with
    broken sequences, each read as U+FFFD (the parser stops at the first). Lines stay where they were, so an item's
    line is still its line in the file."""

    def __init__(self, handle: IO[bytes] | _TransformedStream, encoding: str) -> None:
        super().__init__(handle)
        self._decoder = codecs.getincrementaldecoder(encoding)("replace")

    def _transform(self, chunk: bytes, final: bool) -> bytes:
        # The decoder holds back a character the chunk's end cuts in two.
        return self._decoder.decode(chunk, final=final).encode("utf-8")


_REFERENCE = re.compile(
    rb"&(?:([A-Za-z][A-Za-z0-9]{1,31});|#([0-9]{1,8});|#x([0-9A-Fa-f]{1,8});"
    rb"|([A-Za-z][A-Za-z0-9]{1,31})(?![A-Za-z0-9=]))?"
)
"""An ampersand and the reference it may start: a name, a decimal or a hexadecimal character number; or a name
without its semicolon, whole (not followed by a letter or digit) and not followed by "=" (a link's "?a=1&copy=2")."""
_XML_ENTITIES = frozenset({b"amp", b"lt", b"gt", b"quot", b"apos"})
ENTITY_MAX_BYTES = 34
"""The longest reference `_REFERENCE` reads, "&" and ";" (or the byte after a name without one) included: what a
chunk's end may cut."""
WINDOWS_1252_NUMBERS = (0x80, 0x9F)
"""Character numbers that are C1 controls in Unicode and, in a browser, the Windows-1252 characters of those bytes."""
CDATA_OPEN, CDATA_CLOSE = b"<![CDATA[", b"]]>"
COMMENT_OPEN, COMMENT_CLOSE = b"<!--", b"-->"
_CLOSE_OF = {CDATA_OPEN: CDATA_CLOSE, COMMENT_OPEN: COMMENT_CLOSE}
_SECTION_OPEN = re.compile(rb"<!\[CDATA\[|<!--")
"""What opens a stretch left as it is: a CDATA section, or a comment, whose text may hold "<![CDATA[" (a
commented-out item) and, taken for a section's start, left every ampersand after it unrepaired."""


class _RepairedReferences(_TransformedStream):
    """A feed's byte stream with the ampersands XML refuses made into what a browser shows. Each of them ended the
    feed at its item, and every item after it was lost:

    - HTML's named references that XML does not know (`&nbsp;`, `&eacute;`, `&mdash;`, common in feeds written by
      hand or by templates) become the numeric references XML does (`&#160;`), and so do those HTML reads without
      their semicolon (`&copy 2024`, `&amp `, `&eacute`: its legacy names, the Latin-1 ones and XML's), where a
      browser reads them in an attribute: not followed by a letter, a digit or "=" ("&copyright", a link's
      "?a=1&copy=2" or "&region=us" are text);
    - a name neither knows (`&bogus;`, or one the feed declares itself, which is not expanded anyway: see `_text`),
      a number that is no character XML allows (`&#0;`) and a bare ampersand ("AT&T", a link's "?a=1&b=2") become
      text (`&amp;`);
    - Windows-1252's numbers for its curly quotes and dashes (`&#146;`) become those characters (see
      WINDOWS_1252_NUMBERS).

    Inside CDATA sections nothing is changed: there an ampersand is text already, and a link written in one would
    be changed; nor inside comments, which are dropped. UTF-16 and UTF-32 streams are passed through: their bytes
    are not ASCII's. Lines stay where they were."""

    def __init__(self, handle: IO[bytes] | _TransformedStream) -> None:
        super().__init__(handle)
        self._carry = b""
        self._wide: bool | None = None
        self._closing: bytes | None = None
        """What ends the CDATA section or comment the stream is in (CDATA_CLOSE, COMMENT_CLOSE), or None."""

    def _transform(self, chunk: bytes, final: bool) -> bytes:
        if self._wide is None:
            self._wide = wide_encoding(chunk[:4]) is not None
        if self._wide:
            return chunk
        data, self._carry = self._carry + chunk, b""
        if not final:
            data, self._carry = _without_cut_tail(data)
        pieces: list[bytes] = []
        position = 0
        while position < len(data):
            if self._closing is not None:
                end = data.find(self._closing, position)
                stop = len(data) if end == -1 else end + len(self._closing)
                pieces.append(data[position:stop])
                self._closing = self._closing if end == -1 else None
            else:
                opened = _SECTION_OPEN.search(data, position)
                stop = len(data) if opened is None else opened.end()
                pieces.append(_REFERENCE.sub(_repaired_reference, data[position:stop]))
                self._closing = None if opened is None else _CLOSE_OF[opened.group()]
            position = stop
        return b"".join(pieces)


def _without_cut_tail(data: bytes) -> tuple[bytes, bytes]:
    """`data` and its tail held back for the next chunk: what the chunk's end may cut in two, a reference (an
    ampersand with no semicolon after it yet) or a CDATA section's or comment's opening or closing marker."""
    keep = len(data)
    ampersand = data.rfind(b"&", max(0, len(data) - ENTITY_MAX_BYTES))
    if ampersand != -1 and b";" not in data[ampersand:]:
        keep = ampersand
    bracket = data.rfind(b"<", max(0, len(data) - len(CDATA_OPEN) + 1))
    if bracket != -1:
        keep = min(keep, bracket)
    tail = data[-len(CDATA_CLOSE) + 1 :]
    keep = min(keep, len(data) - (len(tail) - len(tail.rstrip(b"]-"))))
    return data[:keep], data[keep:]


def _repaired_reference(reference: re.Match[bytes]) -> bytes:
    name, decimal, hexadecimal, unended_name = reference.groups()
    if name is not None:
        if name in _XML_ENTITIES:
            return reference.group(0)
        text = html5.get(name.decode("ascii") + ";")
        if text is not None:
            return _numeric_references(text)
    elif unended_name is not None:
        # HTML's table holds, without the semicolon, the names browsers read without one ("&copy 2024", "&amp "):
        # the Latin-1 ones and XML's but "apos".
        text = html5.get(unended_name.decode("ascii"))
        if text is not None:
            return _numeric_references(text)
    elif decimal is not None or hexadecimal is not None:
        number = int(decimal) if decimal is not None else int(hexadecimal, 16)
        if WINDOWS_1252_NUMBERS[0] <= number <= WINDOWS_1252_NUMBERS[1]:
            # Feeds written on Windows number their curly quotes and dashes in Windows-1252 ("&#146;"): in XML
            # invisible control characters, which browsers, as HTML says, read as the Windows-1252 ones.
            return f"&#{ord(html_entities.unescape(f'&#{number};'))};".encode("ascii")
        if _xml_character(number):
            return reference.group(0)
    return b"&amp;" + reference.group(0)[1:]


def _numeric_references(text: str) -> bytes:
    """The text as XML's numeric references, which need no declaration (`&#169;`)."""
    return "".join(f"&#{ord(char)};" for char in text).encode("ascii")


def _xml_character(number: int) -> bool:
    """Whether XML allows the character: its Char production."""
    return (
        number in (0x9, 0xA, 0xD)
        or 0x20 <= number <= 0xD7FF
        or 0xE000 <= number <= 0xFFFD
        or 0x10000 <= number <= 0x10FFFF
    )


def _item_pages(
    source: InputFile, digest: str, item: Any, position: int, outlet: str | None, offset: int
) -> Iterator[Page | Rejection]:
    """The item's page, or why it has none. A relative link is resolved against the feed's `xml:base` (Atom's
    way of making links short); one that is still no absolute http(s) URL is quarantined on its own and the page
    kept without it (see `url_rejection`)."""
    html = _first_text(item, f"{CONTENT}encoded", f"{ATOM}content", "description", f"{RSS1}description", read=_content)
    html = html or _first_text(item, f"{ATOM}summary", read=_content)
    link = _link(item)
    own_id = _first_text(item, "guid", f"{ATOM}id")
    record = own_id or link or f"item {position}"
    if not html:
        reason = (
            "a feed item with no content or description (looked for content:encoded, description, content, summary)"
        )
        yield Rejection(
            READ, source.shown, "no_text", reason, line=item.sourceline, offset=offset, record=record, field="text"
        )
        return
    if (links_only := _links_only(html)) is not None:
        reason = (
            f"the item holds only links to articles ({links_only}), as a news aggregator's feed gives them (Google"
            " News): no article text to annotate; ingest the linked pages instead"
        )
        yield Rejection(
            READ,
            source.shown,
            "links_only",
            reason,
            line=item.sourceline,
            offset=offset,
            record=record,
            field="text",
            snippet=snippet(html),
        )
        return
    more = CONTINUE_LINK_END.search(html)
    if more or EXCERPT_END.search(html):
        ending = (
            f'a link to read on, "{more["label"].strip()}"'
            if more
            else 'a bracketed ellipsis, "[…]", as WordPress ends an excerpt'
        )
        reason = (
            f"the feed gives only the start of the article (its text ends with {ending}): no article to annotate;"
            " ingest the page at the item's link instead"
        )
        yield Rejection(
            READ,
            source.shown,
            "cut_text",
            reason,
            line=item.sourceline,
            offset=offset,
            record=record,
            field="text",
            snippet=snippet(html[-SNIPPET_CHARS:]),
        )
        return
    url = web_url(link)
    if link is not None and link.strip() and url is None:
        url = _resolved(item.base, link.strip())
        if url is None:
            yield url_rejection(READ, source.shown, link, line=item.sourceline, offset=offset, record=record)
    fields: dict[str, Any] = {}
    title = _first_text(item, "title", f"{RSS1}title", f"{ATOM}title")
    published = _first_text(item, "pubDate", f"{DUBLIN_CORE}date", f"{ATOM}published")
    # Atom requires an entry's last update, and makes its publication optional: a feed that gives only the update
    # gives no publication date, as a page that prints only "Updated ..." does.
    updated = _first_text(item, f"{ATOM}updated")
    if (
        updated is not None
        and published is not None
        and parse_published(updated, None) == parse_published(published, None)
    ):
        # Atom requires <updated>, and an entry never changed gives its publication again: no update of its own.
        updated = None
    # RSS's <source> names the outlet an item came from, where a feed gathers several (an aggregator's).
    outlet = _first_text(item, "source") or outlet
    # An aggregator's headlines end in their outlet's name ("Story - Reuters", as Google News gives them).
    title = title and without_outlet(_without_tags(title), outlet)
    for name, value in (("title", title), ("published", published), ("updated", updated), ("source", outlet)):
        if value:
            fields[name] = value
    yield Page(
        source,
        SourceFormat.feed,
        digest,
        html,
        # Many feeds give a summary as plain text: it is the text, as a scraper record's text field is.
        content_is_html=_MARKUP.search(html) is not None,
        offset=offset,
        line=item.sourceline,
        record=record,
        own_id=own_id,
        url=url,
        fields=fields,
    )


EXCERPT_END = re.compile(r"\[\s*(?:…|\.\.\.|&#8230;|&hellip;|&#x2026;)\s*\]\s*(?:</\w+>\s*)*$", re.IGNORECASE)
"""The bracketed ellipsis that ends an item's text when a feed gives an excerpt of the article ("[…]",
WordPress's `the_excerpt_rss`, which cuts the article after 55 words), with the closing tags after it."""
CONTINUE_LINK_END = re.compile(
    r"<a\b[^>]*>\s*(?P<label>(?:continue reading|read more|keep reading|read the (?:full|rest of the) "
    r"(?:story|article|post)|read (?:the )?full (?:story|article|post))\b[^<]{0,60})</a>\s*(?:</\w+>\s*)*$",
    re.IGNORECASE,
)
"""A link to the rest of the article ending an item's text ("Continue reading...", "Read more »", as The Guardian's
and many WordPress feeds end a summary), with the closing tags after it."""
LINKS_ONLY_MAX_WORDS = 8
"""Words outside its links that an item's HTML may hold and still be only links: the outlets' names beside them
("Reuters", "AP News The Guardian"), or "Read the story at"."""


def _links_only(html: str) -> str | None:
    """What an item's HTML holds when it is links to articles and hardly any text besides ("2 links, 1 word
    beside them"), else None: an aggregator's item is its headline linked to the article, or a list of related
    headlines, each with its outlet's name (Google News); extracted, it became a document of headlines."""
    if "<a" not in html.lower():
        return None
    try:
        fragment = lxml_html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return None
    links = fragment.xpath(".//a")
    # Counted text node by text node: the text of neighbouring elements runs together ("NewsHamas").
    linked = sum(len(text.split()) for text in fragment.xpath(".//a//text()"))
    beside = sum(len(text.split()) for text in fragment.xpath(".//text()[not(ancestor::a)]"))
    if not links or not linked or beside > LINKS_ONLY_MAX_WORDS:
        return None
    return f"{len(links)} link{'s' * (len(links) > 1)}, {beside} word{'s' * (beside != 1)} beside them"


def _resolved(base: str | None, link: str) -> str | None:
    """A relative link against the feed's base, when that makes a web address; None otherwise, a link that
    `urljoin` cannot even parse ("//[broken/x") among them."""
    if not base:
        return None
    try:
        return web_url(urljoin(base, link))
    except ValueError:
        return None


def _first_text(item: Any, *tags: str, read: Callable[[Any], str | None] | None = None) -> str | None:
    """The text of the first of `tags` the item has with any (`read` by `_text`, or `_html` for content)."""
    for tag in tags:
        found = item.find(tag)
        if found is not None and (text := (read or _text)(found)):
            return text
    return None


def _text(element: Any) -> str | None:
    """The element's whole text, its children's included: an entity reference, which is not expanded, is a child
    node (kept as `&name;`), and so is a comment (left out). `.text` alone stops at the first child."""
    return "".join(element.itertext()).strip() or None


ATOM_TEXT_TYPES = (None, "text")
"""An Atom content or summary of these types (none given means "text") is text, to be read as it is."""


def _content(element: Any) -> str | None:
    """An item's content (see `_html`), with the HTML references of one that holds no markup read: RSS gives HTML
    in its descriptions, so a summary of plain text comes escaped ("Tom &amp; Jerry", often inside CDATA, where
    the XML parser leaves it so), and was kept as "Tom &amp; Jerry". Not an Atom text construct, whose text is
    meant as it is."""
    content = _html(element)
    if content is None or _MARKUP.search(content) is not None:
        return content
    if element.tag in (f"{ATOM}content", f"{ATOM}summary") and element.get("type") in ATOM_TEXT_TYPES:
        return content
    return html_entities.unescape(content).strip() or None


def _html(element: Any) -> str | None:
    """An item's content as HTML. Escaped HTML (`&lt;p&gt;`, CDATA) is the element's text; HTML written in the
    feed unescaped, as Atom's XHTML content is and many RSS descriptions are, is its child elements, serialised;
    an entity reference is kept as one (an HTML entity such as `&eacute;` the HTML parser reads) and a comment
    dropped. The text between children is their tails, escaped HTML as the element's own text is."""
    if element.get("type") == "xhtml":
        return "".join(etree.tostring(child, encoding="unicode") for child in element).strip() or None
    parts = [element.text or ""]
    for child in element:
        if child.tag is not etree.Comment and child.tag is not etree.ProcessingInstruction:
            parts.append(etree.tostring(child, encoding="unicode", with_tail=False))
        parts.append(child.tail or "")
    return "".join(parts).strip() or None


def _link(item: Any) -> str | None:
    """The item's address: RSS's `link`, else Atom's alternate link, else a permalink `guid`."""
    link = _first_text(item, "link", f"{RSS1}link")
    if link:
        return link
    for atom_link in item.iterfind(f"{ATOM}link"):
        if atom_link.get("rel", "alternate") == "alternate" and atom_link.get("href"):
            return str(atom_link.get("href"))
    guid = item.find("guid")
    if guid is not None and guid.get("isPermaLink", "true") == "true" and (text := _text(guid)):
        return text if text.startswith(("http://", "https://")) else None
    return None


_TAG = re.compile(r"<[^>]+>")
_MARKUP = re.compile(r"<[a-zA-Z][^>]*>")
"""An HTML element's opening tag: what tells an item's HTML content from a plain-text summary."""


def _without_tags(text: str) -> str:
    """A title as text: Atom's `type="html"` titles carry markup, and many feeds escape their titles twice."""
    return " ".join(html_entities.unescape(_TAG.sub(" ", text)).split())


def _forget(element: Any) -> None:
    """Free an item once read, and the siblings before it, so that memory stays flat over a long feed."""
    element.clear()
    parent = element.getparent()
    while parent is not None and element.getprevious() is not None:
        del parent[0]
