"""Title, site name and publication date of an HTML page, read from its head: Open Graph and other meta
tags, JSON-LD, `<time>`, `<h1>`, `<title>`.

Kept apart from text extraction, as trafilatura does. It is written here rather than taken from trafilatura's
own metadata extraction because that one costs more than the text extraction itself (it searches the whole
page for dates and authors), which would put HTML ingest below the speed target; the head of a news page
almost always states these three things outright.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from lxml.html import HtmlElement

WHITESPACE = re.compile(r"\s+")
TITLE_META = ("og:title", "twitter:title", "title", "headline", "dc.title", "sailthru.title", "parsely-title")
SITE_META = ("og:site_name", "application-name", "publisher", "twitter:site", "dc.publisher")
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
    site: str | None = None
    published: str | None = None


def page_metadata(tree: HtmlElement) -> PageMetadata:
    metas = _meta_values(tree)
    linked: dict[str, str] = {}
    for field_name, value in _json_ld(tree):
        # The first article object is the page's own, as the first meta tag is: the related articles some
        # pages describe after it must not override its headline and date.
        linked.setdefault(field_name, value)
    title = linked.get("headline") or _first(metas, TITLE_META) or _text(tree.find(".//h1")) or _title_tag(tree)
    site = _first(metas, SITE_META) or linked.get("publisher")
    published = (
        _first(metas, DATE_META)
        or linked.get("datePublished")
        or next((value for value in tree.xpath("//time/@datetime") if value.strip()), None)
    )
    return PageMetadata(_clean(title), _clean(site), _clean(published))


def _meta_values(tree: HtmlElement) -> dict[str, str]:
    values: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        content = meta.get("content")
        if key and content and content.strip() and key not in values:
            values[key] = content
    return values


def _json_ld(tree: HtmlElement) -> Iterator[tuple[str, str]]:
    """(field, value) pairs of the page's JSON-LD article objects: headline, datePublished, publisher name."""
    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            data = json.loads(script)
        except json.JSONDecodeError:
            continue
        for item in _objects(data):
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if not any(isinstance(kind, str) and kind.lower() in ARTICLE_TYPES for kind in kinds):
                continue
            for field in ("headline", "datePublished"):
                if isinstance(item.get(field), str):
                    yield field, item[field]
            publisher = item.get("publisher")
            if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
                yield "publisher", publisher["name"]


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


def _text(element: HtmlElement | None) -> str | None:
    return element.text_content() if element is not None else None


def _title_tag(tree: HtmlElement) -> str | None:
    titles = tree.xpath("//head/title/text()") or tree.xpath("//title/text()")
    return titles[0] if titles else None


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    cleaned = WHITESPACE.sub(" ", value).strip()
    return cleaned or None
