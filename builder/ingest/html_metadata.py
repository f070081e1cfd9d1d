"""Title, site name and publication date of an HTML page, read from its head: Open Graph and other meta
tags, JSON-LD, `<time>`, `<h1>`, `<title>`.

Kept apart from text extraction, as trafilatura does. It is written here rather than taken from trafilatura's
own metadata extraction because that one costs more than the text extraction itself (it searches the whole
page for dates and authors), which would put HTML ingest below the speed target; the head of a news page
almost always states these three things outright.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml import etree
from lxml.html import HtmlElement

from builder.ingest.pages import web_url
from builder.ingest.pagetext_lines import labelled_times, published_text

WHITESPACE = re.compile(r"\s+")
TITLE_META = ("og:title", "twitter:title", "title", "headline", "dc.title", "sailthru.title", "parsely-title")
SITE_META = ("og:site_name", "application-name", "publisher", "dc.publisher")
HANDLE_META = ("twitter:site",)
"""The site's social media handle ("@cartalk"): its name only when nothing else names it (see `_site_in_title`)."""
_SITE_SEPARATOR = re.compile(r"\s[|\-–—·•]\s")
SITE_MAX_WORDS = 5
SITE_MAX_CHARS = 40
SITE_FIRST_MAX_WORDS = 2
"""A site printed before the title is a word or two ("Psychiatry.org - What Are ..."): a longer first part is more
often the title itself, in title case ("10 Free Accounting Tools | ...")."""
DATE_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "publish-date",
    "publishdate",
    "pubdate",
    "date",
    "dc.date",
    "dc.date.issued",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "article.published",
    "published_time",
    "release_date",
    "cxenseparse:recs:publishtime",
)
UPDATE_META = (
    "article:modified_time",
    "og:updated_time",
    "datemodified",
    "dcterms.modified",
    "last-modified",
    "parsely-modified-date",
)
"""Where a page's head states its last update (schema.org's `dateModified` in JSON-LD too)."""
ARTICLE_TYPES = {
    "newsarticle",
    "article",
    "reportagenewsarticle",
    "blogposting",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "webpage",
    "report",
}


@dataclass(frozen=True)
class PageMetadata:
    title: str | None = None
    """The title the page states for itself: its JSON-LD headline, else a meta title (Open Graph's first)."""
    site: str | None = None
    published: str | None = None
    updated: str | None = None
    """When the page says the article was last updated."""
    title_tag: str | None = None
    """The `<title>`, often the title with the site name after it."""
    headlines: tuple[str, ...] = ()
    """The texts of the page's `<h1>` elements, in page order: the headline printed on the page, and on many
    sites the site's or blog's name as well."""
    address: str | None = None
    """The address the page states for itself: its canonical link, else Open Graph's `og:url` (absolute http(s)
    URLs only)."""


def page_metadata(tree: HtmlElement) -> PageMetadata:
    metas = _meta_values(tree)
    linked: dict[str, str] = {}
    dated: dict[str, str] | None = None
    for article in _json_ld(tree):
        # The first article object is the page's own, as the first meta tag is: the related articles some
        # pages describe after it must not override its headline and date.
        for field_name, value in article.items():
            linked.setdefault(field_name, value)
        # Its update is that of the first object dated, never another's: a related article's update is not the
        # page's when the page's own object gives no update.
        if dated is None and article.keys() & {"datePublished", "dateModified"}:
            dated = article
    title_tag = _clean(_title_tag(tree), unescape=True)
    site = _first(metas, SITE_META) or linked.get("publisher")
    if site is None and (handle := _first(metas, HANDLE_META)):
        site = _site_in_title(title_tag) or handle
    published = (
        _first(metas, DATE_META)
        or linked.get("datePublished")
        or next((value for value in tree.xpath("//time/@datetime") if value.strip()), None)
    )
    headlines = (_clean(shown_text(heading)) for heading in tree.iter("h1"))
    return PageMetadata(
        title=_clean(linked.get("headline") or _first(metas, TITLE_META), unescape=True),
        site=_clean(site, unescape=True),
        published=_clean(published),
        updated=_clean(_first(metas, UPDATE_META) or (dated or {}).get("dateModified")),
        title_tag=title_tag,
        headlines=tuple(headline for headline in headlines if headline),
        address=_stated_address(tree, metas),
    )


def _stated_address(tree: HtmlElement, metas: dict[str, str]) -> str | None:
    """The page's canonical link or `og:url`, when it is an absolute http(s) URL: a saved page's file holds no
    other trace of where it was, and the document needs one to be found again."""
    canonical = tree.xpath('//link[translate(@rel, "CANONIL", "canonil")="canonical"]/@href')
    for value in (*canonical, metas.get("og:url")):
        if (address := web_url(value)) is not None:
            return address
    return None


def shown_text(element: HtmlElement) -> str:
    """The element's text as a browser shows it on one line: a line break (`<br>`) between two words is a space
    ("Top MBA Programs of 2025 (US)<br>Your Guide" is not "(US)Your"), which `text_content` leaves out; the
    text of comments and scripts is none."""
    parts = [element.text or ""]
    for child in element:
        if child.tag == "br":
            parts.append(" ")
        elif isinstance(child.tag, str) and child.tag not in ("script", "style"):
            parts.append(shown_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


PRINTED_DATE_TEXTS = 20
"""How many pieces of text after the headline a printed date is looked for in: a kicker, the byline, its
labels and the date itself (on the WCXB pages, 15 found as many dates as 30, and 60 two more of 143)."""
_TEXTS_AFTER = etree.XPath(
    "following::text()[normalize-space()][not(ancestor::script or ancestor::style)]"
    f"[position() <= {PRINTED_DATE_TEXTS}]"
)


def printed_date(tree: HtmlElement, headline: str) -> tuple[str | None, str | None]:
    """The date printed by the `<h1>` that reads `headline` (as `page_metadata` cleans it; the headline may have
    lost the site name printed after it), as the page-text extractor reads one by a title ("By Ann Lee | Mar 11,
    2023"), for a page whose head states none: a quarter of the WCXB pages, where it finds the truth's date on 77
    of 143 and another on 13 (an update's). As (publication, update), told apart by their labels
    (`labelled_times`): an update's time is looked past for the publication's."""
    updated = None
    for heading in tree.iter("h1"):
        if not (_clean(shown_text(heading)) or "").startswith(headline):
            continue
        before = ""
        for text in _TEXTS_AFTER(heading):
            line = WHITESPACE.sub(" ", text).strip()
            if found := published_text(line):
                published, update = labelled_times(line, found, before)
                updated = updated or update
                if published:
                    return published, updated
            before = line
        return None, updated
    return None, None


def _meta_values(tree: HtmlElement) -> dict[str, str]:
    values: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        content = meta.get("content")
        if key and content and content.strip() and key not in values:
            values[key] = content
    return values


def _json_ld(tree: HtmlElement) -> Iterator[dict[str, str]]:
    """The page's JSON-LD article objects, in page order, with the fields read: headline, datePublished,
    dateModified, publisher (its name)."""
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            items = list(_objects(json.loads(script)))
        except (json.JSONDecodeError, RecursionError):
            # Broken JSON-LD, or arrays nested past Python's recursion limit: no metadata, not a lost page.
            continue
        for item in items:
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if not any(isinstance(kind, str) and kind.lower() in ARTICLE_TYPES for kind in kinds):
                continue
            fields = {
                field: item[field]
                for field in ("headline", "datePublished", "dateModified")
                if isinstance(item.get(field), str)
            }
            publisher = item.get("publisher")
            if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
                fields["publisher"] = publisher["name"]
            yield fields


def _objects(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _objects(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _objects(data["@graph"])


def _first(values: dict[str, str], keys: tuple[str, ...]) -> str | None:
    return next((values[key] for key in keys if key in values), None)


def _site_in_title(title_tag: str | None) -> str | None:
    """The site's name as its `<title>` prints it beside the page's title ("Best EVs of 2026 - Car Talk",
    "Psychiatry.org - What Are the Latest Trends"): the last part, else the first, that is a few words with a
    letter in them (not a date); the first only when it is a word or two, shorter than the rest.
    Read only for a page that names its site by a handle alone, so the `<title>` has a site to name."""
    parts = [part.strip() for part in _SITE_SEPARATOR.split(title_tag)] if title_tag else []
    if len(parts) < 2:
        return None
    if _may_name_a_site(parts[-1]):
        return parts[-1]
    if (
        _may_name_a_site(parts[0])
        and len(parts[0].split()) <= SITE_FIRST_MAX_WORDS
        and len(parts[0]) < len(" ".join(parts[1:]))
    ):
        return parts[0]
    return None


_SITE_SMALL_WORDS = frozenset({"of", "the", "and", "for", "by", "&", "-", "on", "in", "de"})
"""Lower-case words a site's name may hold ("CO- by U.S. Chamber of Commerce")."""


def _may_name_a_site(part: str) -> bool:
    """A few words written as a name: each capitalised (or a small joining word) and not a date, as a site's name
    is; "here's what's new" after a dash is the rest of a title, "March 5, 2026" its date."""
    words = part.split()
    return (
        0 < len(words) <= SITE_MAX_WORDS
        and len(part) <= SITE_MAX_CHARS
        and any(character.isalpha() for character in part)
        and all(word[0].isupper() or word[0].isdigit() or word in _SITE_SMALL_WORDS for word in words)
        and published_text(part) is None
    )


def _title_tag(tree: HtmlElement) -> str | None:
    titles = tree.xpath("//head/title/text()") or tree.xpath("//title/text()")
    return titles[0] if titles else None


ESCAPED_AGAIN = 2
"""How many more times a stated value may have been HTML-escaped than the page's markup needs: WordPress escapes
`og:title` and its JSON-LD once more than an attribute needs ("M&amp;#038;A" decodes to "M&#038;A"), and some
themes do it twice ("finally&amp;amp;#8230;"). JSON-LD, inside a script, is never decoded by the parser."""


def _clean(value: str | None, *, unescape: bool = False) -> str | None:
    if value is None:
        return None
    for _ in range(ESCAPED_AGAIN if unescape else 0):
        if "&" not in value:
            break
        value = html.unescape(value)
    cleaned = WHITESPACE.sub(" ", value).strip()
    return cleaned or None
