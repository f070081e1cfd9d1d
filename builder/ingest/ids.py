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


def page_id(shown_path: str, file_sha256: str, position: str) -> str:
    """One page of one input: the file (by name and content) and where in it (WARC record, line)."""
    return hashed_id("page", shown_path, file_sha256, position)


def doc_id(content: str, page: str, role: str, index: int) -> str:
    """A document: its normalised content on its page. The page is part of it so that the same article on
    two pages gives two records (the second marked `duplicate_of` the first) rather than one id twice."""
    return hashed_id("doc", content, page, role, str(index))
