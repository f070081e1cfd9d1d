"""HTML pages (files, WARC responses, scraper records with HTML): main text and metadata with trafilatura.

trafilatura finds the article; this module only turns its output tree into paragraphs with their kinds and
tidies the metadata (a title that repeats the site name, for one).
"""

from __future__ import annotations

import re
from html import unescape
from urllib.parse import urlsplit

import htmldate
import lxml.html
import trafilatura
from lxml import etree
from lxml.etree import _Element
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from builder.enrich.function_words import STOP_WORDS
from builder.ingest.characters import visible
from builder.ingest.html_metadata import PageMetadata, page_metadata, printed_date
from builder.ingest.pagetext import without_header
from builder.ingest.pagetext_lines import is_metadata
from builder.ingest.pagetext_titles import LINK_SOURCE, TITLE_LABEL, TITLED_MIN_WORDS
from builder.ingest.parts import ArticleParts
from builder.records import DocumentRole, ParagraphKind

WHITESPACE = re.compile(r"\s+")
WORD = re.compile(r"\w+")
TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·•]\s+")
BLOCKS = {"p", "head", "quote", "list", "item", "table", "row", "cell", "div", "code"}


_UNSHOWABLE_REFERENCE = re.compile(
    r"&#(?:[xX]0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F]|[fF]{3}[eEfF])|0*(?:[0-8]|1[124-9]|2[0-9]|3[01]|6553[45]));"
)
"""A numeric character reference to a C0 control but tab, line feed and carriage return, or to U+FFFE or U+FFFF."""


def extract_html(html: str, url: str | None = None) -> ArticleParts | None:
    """The page's main article, or None when trafilatura finds no article text.

    Comments are left out (readers' comments are not the article; the WCXB truth agrees); tables are kept,
    since news text often sits in layout tables. `favor_recall` because of what it skips: with it, trafilatura
    accepts its own extraction when that is long (ten times its minimum size) instead of also running
    readability on a copy of the page and comparing. On the 711 WCXB pages that costs a quarter less CPU at the
    same word F1 (0.936 against 0.937 without it, both above `trafilatura.extract`'s 0.930;
    `scripts/eval_html.py`).
    """
    # A reference to a control character or a noncharacter ("&#x1;", "&#xFFFF;") names nothing a page can show,
    # and one anywhere made trafilatura find no article in the whole page.
    if "&#" in html:
        html = _UNSHOWABLE_REFERENCE.sub("", html)
    # trafilatura refuses as no HTML a fragment without an <html> tag that parses to fewer than two elements: a
    # feed item's or a scraper record's content of one paragraph ("<p>…</p>") gave no article, however long.
    tree = load_html(html)
    if tree is None:
        tree = load_html(f"<html><body>{html}</body></html>")
    if tree is None:
        return None
    # Before extraction, which prunes the tree it is given.
    metadata = page_metadata(tree)
    # A saved page's file says where it was only in its head: its canonical link, its `og:url`.
    url = url or metadata.address
    _buttons_in_text_as_text(tree)
    title = page_title(metadata, urlsplit(url).hostname if url else None)
    printed, printed_update = printed_date(tree, title) if metadata.published is None else (None, None)
    published = metadata.published or printed
    searched = found_date(tree, url) if published is None else None
    document = trafilatura.bare_extraction(
        tree, url=url, include_comments=False, include_images=False, favor_recall=True
    )
    if document is None or document.body is None:
        return None
    paragraphs = list(_paragraphs(document.body))
    if not paragraphs:
        return None
    if len(paragraphs) > 1 and paragraphs[0][1] is ParagraphKind.heading and _same_text(paragraphs[0][0], title):
        # The headline kept inside the article (an <h1> in <article>, a fifth of the WCXB pages): it is the
        # title, not body text, and it stood before the paragraph a dateline opens.
        paragraphs = paragraphs[1:]
    paragraphs, header_date, header_update = without_header(paragraphs, title)
    if not paragraphs:
        return None
    return ArticleParts(
        role=DocumentRole.main,
        title=title or paragraphs[0][0][:120],
        paragraphs=paragraphs,
        source=metadata.site,
        published_text=published or header_date,
        updated_text=metadata.updated or printed_update or header_update,
        searched_date=searched,
        url=url,
    )


def found_date(tree: HtmlElement, url: str | None) -> str | None:
    """The publication date htmldate finds in the URL ("/2025/09/04/"), the page's elements or its text, as
    "YYYY-MM-DD", for a page whose head and header state none (a feed item or scraper record that states one keeps
    that: see `ArticleParts.searched_date`).

    Only then: of the 55 WCXB pages with a truth date where `page_metadata` and `printed_date` found none, its date
    was right on 32 and wrong on 7, so that dates were right on 84.8% of the 586 dated pages (was 79.9%) and wrong
    on 11.9% (was 10.8%); trafilatura's metadata, which asks htmldate first, 85.0% and 14.7%
    (`scripts/eval_html.py`). The fast search: the extensive one was right on 38 of the 55 but wrong on 16. It
    copies the tree it is given, so the text extraction after it sees the page whole, and costs 4% of HTML
    ingest's time."""
    return htmldate.find_date(tree, extensive_search=False, original_date=True, url=url)


def _paragraphs(body: _Element) -> list[tuple[str, ParagraphKind]]:
    """Flatten trafilatura's output tree into paragraphs: each block (and each line break inside one) starts a
    new paragraph, inline elements (`hi`, `ref`) stay in their paragraph, nested blocks come out in order."""
    return _flatten(body, BLOCKS, frozenset({"head"}), "lb")


HTML_BLOCKS = frozenset(
    {"p", "div", "section", "article", "blockquote", "pre", "ul", "ol", "li", "dl", "dt", "dd", "table", "tr", "td"}
    | {"th", "figure", "figcaption", "header", "footer", "aside", "h1", "h2", "h3", "h4", "h5", "h6", "hr"}
)
HTML_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
UNSHOWN = ("script", "style", "noscript", "template", "iframe", "object", "svg")
_HTML_TAG = re.compile(
    r"<(?:p|br|div|span|a|b|i|em|strong|ul|ol|li|h[1-6]|blockquote|figure|figcaption|img|table|tr|td)\b[^>]*>",
    re.IGNORECASE,
)
"""A common HTML element's tag: what tells a record's text written in HTML from plain text, where a name in angle
brackets ("<john@example.com>") is not one."""


def is_html_text(text: str) -> bool:
    """Whether a record's text field holds HTML (a CMS export's `content` with its `<p>` tags)."""
    return _HTML_TAG.search(text) is not None


def fragment_paragraphs(fragment: str) -> list[tuple[str, ParagraphKind]]:
    """A record's text written in HTML as paragraphs, all of its text kept (it is the article already: no
    extraction throws a short paragraph away), scripts and styles out, headings as headings."""
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return []
    etree.strip_elements(root, *UNSHOWN, with_tail=False)
    return _flatten(root, HTML_BLOCKS, HTML_HEADINGS, "br")


def _flatten(
    root: _Element, blocks: frozenset[str], headings: frozenset[str], line_break: str
) -> list[tuple[str, ParagraphKind]]:
    """Each block (and each line break inside one) starts a new paragraph, inline elements stay in their
    paragraph, nested blocks come out in order."""
    found: list[tuple[str, ParagraphKind]] = []

    def emit(pieces: list[str], kind: ParagraphKind) -> None:
        text = WHITESPACE.sub(" ", "".join(pieces)).strip()
        if text:
            found.append((text, kind))

    def walk(element: _Element, kind: ParagraphKind) -> None:
        pieces = [element.text or ""]
        for child in element:
            if child.tag in blocks or child.tag == line_break:
                emit(pieces, kind)
                pieces = []
                if child.tag != line_break:
                    walk(child, ParagraphKind.heading if child.tag in headings else ParagraphKind.body)
            elif isinstance(child.tag, str):  # not a comment
                pieces.append("".join(child.itertext()))
            pieces.append(child.tail or "")
        emit(pieces, kind)

    walk(root, ParagraphKind.body)
    return found


def _same_text(first: str, second: str) -> bool:
    return first.casefold().split() == second.casefold().split()


HEADLINE_AGREEMENT = 0.5
"""The least share of a `<h1>`'s content words that the page's stated titles must hold for it to be the headline
(see `page_title`). On the WCXB dev half, 0.5 chose the title on the most pages (0.6 and 0.75 on fewer)."""


def page_title(metadata: PageMetadata, host: str | None = None) -> str:
    """The headline printed on the page, when a `<h1>` agrees with the titles the page states; else the stated
    title (its JSON-LD or meta title, else its `<title>`) without the site name (see `_clean_title`; `host` is
    the page's, from its address).

    Sites state an SEO title in Open Graph, JSON-LD and `<title>` ("Top 11 SEO Strategies for 2025 | Site")
    and print another over the article ("11 SEO Strategies for 2025 to Boost Rankings and Stay Ahead"): the
    printed one is what readers saw, and what the page-text extractor, which sees only the page, finds. But a
    page's first `<h1>` is often the site's or blog's name, or a label ("Our BLOG"), so the `<h1>` taken is the
    one whose content words the stated titles hold the largest share of, at least HEADLINE_AGREEMENT. A
    headline typed in capitals gives way to the stated title: the same words in their case, or a section's label
    set in capitals over the article ("SUPPORTING GAAP COMPLIANCE" over "GAAP Compliance: Applying Accounting Best
    Practices To Your Business", WCXB page 0118).

    On the 709 WCXB pages the title is the truth on 85.0% of the dev half and 80.8% of the test half, where
    the stated title alone did on 71.5% and 68.2% (`scripts/eval_html.py`)."""
    stated_as = metadata.title or metadata.title_tag
    stated = _clean_title(stated_as, metadata.site, host) if stated_as else None
    stated_words = _content_words(stated or "") | _content_words(
        _clean_title(metadata.title_tag or "", metadata.site, host)
    )
    best, best_share = None, HEADLINE_AGREEMENT
    for headline in metadata.headlines:
        words = _content_words(headline)
        if not words or (metadata.site and headline.casefold() == metadata.site.casefold()):
            continue
        share = len(words & stated_words) / len(words)
        if share > best_share or (best is None and share == best_share):
            best, best_share = headline, share
    # Set in capitals: more than one, as a headline of one letter or initial is no label.
    if best is not None and stated and best.isupper() and sum(map(str.isupper, best)) > 1:
        return stated
    if best is not None and stated and _byline_after(best, stated):
        return stated
    if best is not None:
        return _clean_title(best, metadata.site, host)
    return stated or _clean_title(next(iter(metadata.headlines), ""), metadata.site, host)


def _content_words(text: str) -> set[str]:
    return {word for word in WORD.findall(text.casefold()) if word not in STOP_WORDS}


def _byline_after(headline: str, stated: str) -> bool:
    """Whether the headline is the stated title with a byline or date after it: a `<h1>` that holds the post's
    meta line ("Top Strategies to Optimize Blockchain … Posted on July 1, 2024 by …")."""
    folded, title = headline.casefold(), stated.casefold()
    return folded.startswith(title) and len(folded) > len(title) and is_metadata(headline[len(stated) :].strip())


def _tidy_title(title: str) -> str:
    """A stated or printed title as readers saw it: its references read (metadata escaped twice, "&#x26;"), its
    characters mended where UTF-8 was read as Latin-1 or Windows-1252 ("JOHNSONâ\x80\x99SÂ®", `visible`), without a
    label before it or a linked story's domain after it, with its points ("(latimes.com) 87", `LINK_SOURCE`)."""
    title = WHITESPACE.sub(" ", title).strip()
    if "&" in title:
        title = unescape(title)
    title = visible(title)
    return LINK_SOURCE.sub("", TITLE_LABEL.sub("", title))


def _clean_title(title: str, site: str | None, host: str | None = None) -> str:
    """Drop a site name that the page's <title> appends or prepends ("Story | Outlet", "Outlet - Story"), once the
    title is tidied (`_tidy_title`): the name the page states, or, where it states none or another, a name after
    the last bar or dash that names the page's host (`names_host`: "Checklist | Bridgestone Tires" on
    tires.bridgestone.com, "Software in 2026 | DianaHR" on getdianahr.com)."""
    title = _tidy_title(title)
    separators = list(TITLE_SEPARATORS.finditer(title))
    if not separators:
        return title
    last, first = separators[-1], separators[0]
    if site:
        folded_site = site.casefold()
        if _names_site(title[last.end() :], folded_site):
            return title[: last.start()].strip()
        if _names_site(title[: first.start()], folded_site):
            return title[first.end() :].strip()
    head, suffix = title[: last.start()].strip(), title[last.end() :]
    if host and last.group().strip() != ":" and len(head.split()) >= TITLED_MIN_WORDS and names_host(suffix, host):
        return head
    return title


SITE_NAME_MAX_WORDS = 4
_GENERIC_SITE_WORDS = ("news", "online", "com", "daily", "today")
"""Words a site's name adds to its domain's ("BBC News" on bbc.co.uk, "Politico Online")."""
SPELLED_MIN_CHARS = 4
"""The fewest letters of a name found inside a host's rather than as one of its labels: "AP" is in many."""


def names_host(name: str, host: str | None) -> bool:
    """Whether a short name is the site's whose host (the URL's) it is on: its letters and digits, without a
    leading "The", are a label of the host ("The Guardian", theguardian.com; "Al Jazeera", aljazeera.com), or such
    a label and a generic word ("BBC News", bbc.co.uk), or are in the host's labels run together ("DianaHR",
    getdianahr.com; "JOHNSON'S®", johnsonsbaby.com), or each of its words is ("Bridgestone Tires",
    tires.bridgestone.com). "www" and the top-level domain are left out."""
    if not name or not host or len(name.split()) > SITE_NAME_MAX_WORDS:
        return False
    named = host.casefold().removeprefix("www.").split(".")[:-1]
    run_together = "".join(named)
    labels = [label for label in named if len(label) >= 3]
    squashed = re.sub(r"[^0-9a-z]", "", name.casefold())
    for candidate in (squashed, squashed.removeprefix("the")):
        if candidate in labels or any(candidate == label + word for label in labels for word in _GENERIC_SITE_WORDS):
            return True
    words = [word for word in (re.sub(r"[^0-9a-z]", "", word) for word in name.casefold().split()) if word]
    return len(squashed) >= SPELLED_MIN_CHARS and (
        squashed in run_together or all(len(word) >= 3 and word in run_together for word in words)
    )


def _names_site(part: str, folded_site: str) -> bool:
    folded = part.casefold().strip()
    return bool(folded) and (folded in folded_site or folded_site in folded)


BUTTON_NAME_MIN_WORDS = 2
_CONTROL_CLASS = re.compile(r"share|copy|toggle|close|menu|play|expand|collapse|more|search|submit", re.IGNORECASE)
"""Classes of the buttons that are controls, not words of the text."""
_CONTROL_LABEL = re.compile(
    r"(?:read|show|share|copy|sign|subscribe|follow|download|print|email|save|like|reply|load|view|see|open|close)\b",
    re.IGNORECASE,
)
"""What a control's label starts with ("Read More", "Show All")."""
TEXT_PARENTS = frozenset({"p", "li", "blockquote", "td", "dd", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6"})
"""Elements whose buttons are words of their text."""


def _buttons_in_text_as_text(tree: _Element) -> None:
    """Make a `<button>` inside a paragraph plain text: some sites print a name as a button that opens a side note
    ("said MIT Sloan professor<button class="sidenote-button">Thomas W. Malone,</button> the founding director"),
    and trafilatura drops buttons, and elements of such classes, as page furniture, leaving the sentence without
    its speaker. A button is set apart from the words around it on the page, so it keeps a space on each side."""
    for button in list(tree.iter("button")):
        parent = button.getparent()
        words = (button.text or "").split()
        # A control inside a paragraph ("Share", "Copy link", "Read More") says what it does in its label or
        # class; a name is a few capitalised words.
        if (
            parent is None
            or parent.tag not in TEXT_PARENTS
            or len(button)
            or len(words) < BUTTON_NAME_MIN_WORDS
            or not all(word[:1].isupper() for word in words)
            or _CONTROL_LABEL.match(words[0])
            or _CONTROL_CLASS.search(button.get("class", ""))
        ):
            continue
        previous = button.getprevious()
        before = (previous.tail if previous is not None else parent.text) or ""
        button.tag = "span"
        button.attrib.clear()
        if before and not before[-1].isspace():
            button.text = " " + (button.text or "")
        if button.tail and button.tail[0].isalnum():
            button.tail = " " + button.tail
