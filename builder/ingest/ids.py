"""Stable ids: the same input gives the same ids on every run and every machine."""

from __future__ import annotations

import functools
import hashlib
import unicodedata


@functools.lru_cache(maxsize=2)
def folded(text: str) -> str:
    """The text NFKC-normalised and case-folded, the form that both identity (`normalise`) and near-duplicate
    shingles (`builder.ingest.dedup.words`) start from. The last two texts are kept: a document's title and text
    are folded for its content hash, and its text is folded again for its dedup fingerprint right after."""
    return unicodedata.normalize("NFKC", text).casefold()


def normalise(text: str) -> str:
    """Text as compared for identity: NFKC, case-folded, white space collapsed."""
    # split() and a regex's \s agree on what white space is (str.isspace); splitting and joining is 3x faster.
    return " ".join(folded(text).split())


def content_hash(title: str, text: str) -> str:
    """Hash of an article's normalised title and text: equal for exact duplicates wherever they appear."""
    return hashlib.sha256(f"{normalise(title)}\n{normalise(text)}".encode()).hexdigest()


def hashed_id(prefix: str, *parts: str) -> str:
    """`prefix_` and 16 hex digits of the sha256 of the parts."""
    return f"{prefix}_{hashlib.sha256(chr(31).join(parts).encode()).hexdigest()[:16]}"


def page_id(
    file_name: str, own_id: str | None, content: str, url: str | None, crawled_at: str | None, fields: str
) -> str:
    """One page: the name of its file (not its folder), the id its input gives it, if any, and what it holds (its
    text or HTML, address, capture time and the metadata its record carried, as JSON); not where the file was
    read from nor what else it holds, so that the same page keeps its id read from another folder or from an
    export that has grown since."""
    return hashed_id("page", file_name, own_id or "", content_digest(content), url or "", crawled_at or "", fields)


@functools.lru_cache(maxsize=1)
def content_digest(content: str) -> str:
    """sha256 of a page's content: kept for the page's next document (a page dump holds several)."""
    return hashlib.sha256(content.encode("utf-8", "surrogatepass")).hexdigest()


def doc_id(content: str, page: str, role: str, index: int) -> str:
    """A document: its normalised content on its page. The page is part of it so that the same article on
    two pages gives two records (the second marked `duplicate_of` the first) rather than one id twice; a page
    given twice is one page, whose documents are written once (`dedup.REPEATED`)."""
    return hashed_id("doc", content, page, role, str(index))
