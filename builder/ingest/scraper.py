"""Scraper JSONL exports: one article per line, under whatever field names the scraper chose.

The common names are recognised (case-insensitive); `--field name=path` overrides them, with dotted paths
for nested objects (`--field title=meta.headline`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from builder.ingest.pages import Page, Rejection, snippet
from builder.ingest.sources import InputFile
from builder.records import SourceFormat

FieldMap = Mapping[str, str]

FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "text": (
        "text",
        "content",
        "body",
        "article",
        "article_text",
        "maintext",
        "full_text",
        "plain_text",
        "raw_text",
    ),
    "html": ("html", "raw_html", "content_html", "body_html", "page_html"),
    "title": ("title", "headline", "heading"),
    "url": ("url", "link", "href", "source_url", "canonical_url", "uri"),
    "published": (
        "published",
        "published_at",
        "publish_date",
        "date_published",
        "datepublished",
        "pubdate",
        "date",
        "date_publish",
        "published_date",
        "created_at",
        "time",
    ),
    "source": (
        "source",
        "site",
        "publisher",
        "outlet",
        "source_name",
        "site_name",
        "sitename",
        "source-hostname",
        "domain",
        "source_domain",
        "hostname",
    ),
    "lang": ("lang", "language"),
}
"""Our name → the scraper names tried, in order. Among them are the fields of news-please (maintext,
date_publish, source_domain), trafilatura's JSON (raw_text, sitename, hostname) and newspaper (publish_date)."""
OUR_NAMES = tuple(FIELD_NAMES)


def parse_field_overrides(pairs: Iterable[str]) -> dict[str, str]:
    """`["title=meta.headline"]` → `{"title": "meta.headline"}`; raises ValueError naming a bad pair."""
    overrides = {}
    for pair in pairs:
        name, sep, path = pair.partition("=")
        if not sep or not path or name not in FIELD_NAMES:
            raise ValueError(f"--field {pair!r}: expected NAME=PATH with NAME one of {', '.join(OUR_NAMES)}")
        overrides[name] = path
    return overrides


def map_fields(record: Mapping[str, Any], overrides: FieldMap) -> dict[str, Any]:
    """Our field names to values found in the record (missing ones left out)."""
    folded = {key.lower(): value for key, value in record.items() if isinstance(key, str)}
    found: dict[str, Any] = {}
    for name, candidates in FIELD_NAMES.items():
        if name in overrides:
            value = _at_path(record, overrides[name])
        else:
            value = next((folded[key] for key in candidates if _usable(name, folded.get(key))), None)
        if _present(value):
            found[name] = value
    return found


def scraper_pages(
    source: InputFile, lines: Iterable[tuple[int, bytes]], digest: str, overrides: FieldMap | None
) -> Iterator[Page | Rejection]:
    """The pages of a scraper's JSONL export, from its lines with their line endings (`iter_raw_lines`), so that
    each record's byte offset holds whether its lines end in LF or CRLF."""
    offset = 0
    for line_number, line in lines:
        position = offset
        offset += len(line)
        raw = line.rstrip(b"\r\n")
        if not raw.strip():
            continue  # blank lines separate nothing in JSONL; skipping them loses no record
        try:
            record = json.loads(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            yield Rejection(
                "ingest.read",
                source.shown,
                "bad_json",
                f"not valid JSON: {error}",
                line=line_number,
                offset=position,
                snippet=snippet(raw),
            )
            continue
        if not isinstance(record, dict):
            yield Rejection(
                "ingest.read",
                source.shown,
                "not_an_object",
                f"expected a JSON object, got {type(record).__name__}",
                line=line_number,
                offset=position,
                snippet=snippet(raw),
            )
            continue
        fields = map_fields(record, overrides or {})
        body = fields.pop("text", None)
        html = fields.pop("html", None)
        if not isinstance(body, str) and not isinstance(html, str):
            tried = ", ".join(_looked_for("text", overrides) + _looked_for("html", overrides))
            yield Rejection(
                "ingest.read",
                source.shown,
                "no_text",
                f"no text or HTML field (looked for {tried})",
                line=line_number,
                offset=position,
                field="text",
                snippet=snippet(raw),
            )
            continue
        use_html = not isinstance(body, str)
        content = html if use_html else body
        yield Page(
            source,
            SourceFormat.jsonl,
            digest,
            str(content),
            content_is_html=use_html,
            offset=position,
            line=line_number,
            record=str(record.get("id")) if record.get("id") is not None else None,
            url=_text(fields.pop("url", None)),
            fields=fields,
        )


def _looked_for(name: str, overrides: FieldMap | None) -> tuple[str, ...]:
    """The record fields tried for one of our fields: the `--field` path given for it, or the common names."""
    return (overrides[name],) if overrides and name in overrides else FIELD_NAMES[name]


def _at_path(record: Mapping[str, Any], path: str) -> Any:
    value: Any = record
    for part in path.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def _present(value: Any) -> bool:
    return value is not None and value != "" and value != []


def _usable(name: str, value: Any) -> bool:
    """Present, and for the outlet not a URL: trafilatura's JSON puts the page URL under "source" and the site's
    name under "source-hostname"."""
    if name == "source" and isinstance(value, str) and value.startswith(("http://", "https://")):
        return False
    return _present(value)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None
