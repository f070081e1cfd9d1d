"""HTML pages (files, WARC responses, scraper records with HTML): main text and metadata with trafilatura.

trafilatura finds the article; this module only turns its output tree into paragraphs with their kinds and
tidies the metadata (a title that repeats the site name, for one).
"""

from __future__ import annotations

import re

import trafilatura
from lxml.etree import _Element

from builder.ingest.parts import ArticleParts
from builder.records import DocumentRole, ParagraphKind

WHITESPACE = re.compile(r"\s+")
TITLE_SEPARATORS = re.compile(r"\s+[|\-–—:·•]\s+")
BLOCKS = {"p", "head", "quote", "item", "cell"}


def extract_html(html: str, url: str | None = None) -> ArticleParts | None:
    """The page's main article, or None when trafilatura finds no article text."""
    document = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False, include_images=False
    )
    if document is None or document.body is None:
        return None
    paragraphs = list(_paragraphs(document.body))
    if not paragraphs:
        return None
    title = _clean_title(document.title or "", document.sitename)
    return ArticleParts(
        role=DocumentRole.main,
        title=title or paragraphs[0][0][:120],
        paragraphs=paragraphs,
        source=document.sitename or None,
        published_text=document.date or None,
        url=document.url or url,
    )


def _paragraphs(body: _Element) -> list[tuple[str, ParagraphKind]]:
    found = []
    for element in body.iter():
        if element.tag not in BLOCKS or any(child.tag in BLOCKS for child in element):
            continue
        text = WHITESPACE.sub(" ", "".join(element.itertext())).strip()
        if text:
            found.append((text, ParagraphKind.heading if element.tag == "head" else ParagraphKind.body))
    return found


def _clean_title(title: str, site: str | None) -> str:
    """Drop a site name that the page's <title> appends or prepends ("Story | Outlet", "Outlet - Story")."""
    title = WHITESPACE.sub(" ", title).strip()
    if not site:
        return title
    folded_site = site.casefold()
    separators = list(TITLE_SEPARATORS.finditer(title))
    if separators:
        last, first = separators[-1], separators[0]
        if _names_site(title[last.end() :], folded_site):
            return title[: last.start()].strip()
        if _names_site(title[: first.start()], folded_site):
            return title[first.end() :].strip()
    return title


def _names_site(part: str, folded_site: str) -> bool:
    folded = part.casefold().strip()
    return bool(folded) and (folded in folded_site or folded_site in folded)
