"""Scraper exports: one article per line (JSON Lines), or a JSON document (an array of articles, one article, an
API response holding the list), under whatever field names the scraper chose.

The common names are recognised (case-insensitive); `--field name=path` overrides them, with dotted paths
for nested objects (`--field title=meta.headline`).
"""

from __future__ import annotations

import datetime
import html as html_entities
import json
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from builder.ingest.dates import parse_published
from builder.ingest.html import TITLE_SEPARATORS, names_host
from builder.ingest.pages import Page, ReadItem, RecordRead, Rejection, url_rejection, web_url
from builder.ingest.sources import REPLACEMENT_SHARE_LIMIT, SNIPPET_CHARS, InputFile, format_suffix, snippet
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
        "markdown",
        "paragraphs",
        "articlebody",
        "article_body",
    ),
    "html": ("html", "raw_html", "content_html", "body_html", "page_html"),
    "title": ("title", "headline", "heading"),
    "url": ("url", "link", "href", "source_url", "canonical_url", "uri", "sourceurl", "canonicalurl", "pageurl"),
    "published": (
        "published",
        "published_at",
        "publish_date",
        "date_published",
        "datepublished",
        "pubdate",
        # WordPress's REST API gives the post's time in UTC as `date_gmt` and in the site's zone, unmarked, as `date`.
        "date_gmt",
        "date",
        "date_publish",
        "published_date",
        "publishedat",
        "created_at",
        "time",
        "publishedtime",
        "article:published_time",
    ),
    "updated": (
        "updated",
        "updated_at",
        "date_modify",
        "date_modified",
        "datemodified",
        "dateupdated",
        "last_modified",
        "lastmod",
        "updatedat",
        "modifiedtime",
        "article:modified_time",
        # WordPress's REST API, as for `date_gmt` and `date`.
        "modified_gmt",
        "modified",
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
        "publication",
        "media_name",
        "ogsitename",
        "og:site_name",
    ),
    "lang": ("lang", "language", "languagecode"),
    "crawled": (
        "crawled_at",
        "crawled",
        "crawl_date",
        "crawl_time",
        "date_crawled",
        "fetched_at",
        "fetch_time",
        "fetch_date",
        "scraped_at",
        "scrape_date",
        "date_scraped",
        "retrieved_at",
        "downloaded_at",
        # news-please's.
        "date_download",
    ),
}
"""Our name → the scraper names tried, in order. Among them are the fields of news-please (maintext,
date_publish, date_modify, source_domain), trafilatura's JSON (raw_text, sitename, hostname), newspaper
(publish_date) and NewsAPI (publishedAt, content, and source as an object with its name), the Markdown of Firecrawl
and crawl4ai (markdown, sourceURL, publishedTime, ogSiteName), Apify's crawlers (canonicalUrl, languageCode),
Diffbot (pageUrl), schema.org's NewsArticle as a page's JSON-LD gives it (headline, articleBody, datePublished,
dateModified, publisher by its name), and the news corpora of stance research: All the News (publication), Media
Cloud's story lists (media_name, publish_date) and the Fake News Challenge's bodies (articleBody)."""
METADATA_KEYS = frozenset({"metadata", "meta"})
"""Objects in which crawlers give the page's own facts beside its text (Firecrawl's, crawl4ai's and Apify's
`metadata`: its title, address, date): a field not found in the record is looked for in them."""
OUR_NAMES = tuple(FIELD_NAMES)


def parse_field_overrides(pairs: Iterable[str]) -> dict[str, str]:
    """`["title=meta.headline"]` → `{"title": "meta.headline"}`; raises ValueError naming a bad pair."""
    overrides: dict[str, str] = {}
    for pair in pairs:
        name, sep, path = pair.partition("=")
        if not sep or not path or name not in FIELD_NAMES:
            raise ValueError(f"--field {pair!r}: expected NAME=PATH with NAME one of {', '.join(OUR_NAMES)}")
        if "" in path.split("."):
            raise ValueError(f"--field {pair!r}: a dotted path names a key between each two dots")
        if name in overrides:
            # The last one silently won: a run meant to read one of two places read the other.
            raise ValueError(f"--field {pair!r}: {name} is given twice (also --field {name}={overrides[name]})")
        overrides[name] = path
    return overrides


def unmatched_fields(overrides: FieldMap, records: int, fields_found: Mapping[str, int]) -> list[str]:
    """A warning for each `--field` whose path held a value in no record of the run (`fields_found` counts the
    records each held one in, of `records` read): a typo in a path is no error of any one record, and the run read
    every record without that field, saying nothing."""
    if not records:
        return [
            f"--field {name}={path} was given, but the run read no JSON, CSV, Parquet or Arrow record to apply it to"
            for name, path in overrides.items()
        ]
    return [
        f"--field {name}={path} matched no record in {records:,} record{'s' * (records != 1)} (a typo in the path?)"
        for name, path in overrides.items()
        if not fields_found.get(name)
    ]


_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F]|\xed[\xa0-\xbf]")
"""A surrogate as JSON escapes it, or as its three bytes, which `json.loads` lets through."""
_A_SURROGATE = re.compile("[\ud800-\udfff]")


def loads_json(raw: bytes) -> Any:
    """`json.loads`, repairing what a scraper's damage leaves readable, as page dumps are repaired:

    - a few bytes that are not UTF-8 (a character cut in two, a stray Windows-1252 quote) read as U+FFFD, within
      the share `REPLACEMENT_SHARE_LIMIT` that page text allows; more raise `UnicodeDecodeError` as before;
    - a lone UTF-16 surrogate ("\\ud83d", half of an emoji a JavaScript scraper cut in two) reads as U+FFFD.
      JSON allows one, and `json.loads` also lets through the three bytes a surrogate takes in UTF-8 when a
      writer encoded one, but no UTF-8 text can hold it: it made the document impossible to write. Only records
      that hold either are walked; two surrogates that make a pair join into their character.
    """
    try:
        try:
            value = _json_value(raw)
        except UnicodeDecodeError:
            text = raw.decode("utf-8", errors="replace").removeprefix("\ufeff")
            if text.count("\ufffd") - raw.count("\ufffd".encode()) > len(text) * REPLACEMENT_SHARE_LIMIT:
                raise
            value = _json_value(text)
    except RecursionError:
        # Arrays or objects nested past Python's recursion limit (about a thousand levels): valid JSON, but no
        # scraper's record, and a bad line of its file rather than a fault of the whole run.
        raise json.JSONDecodeError("nested too deeply to read (over a thousand levels)", "", 0) from None
    except TooLongIntegerError as error:
        if _SURROGATE.search(raw):
            error.document = _without_lone_surrogates(error.document)
        raise
    return _without_lone_surrogates(value) if _SURROGATE.search(raw) else value


@dataclass(frozen=True)
class TooLongInteger:
    """An integer JSON holds that has more digits than Python converts (`sys.get_int_max_str_digits()`, 4,300 by
    default), in place of its value."""

    digits: int


class TooLongIntegerError(json.JSONDecodeError):
    """JSON holding an integer longer than Python converts. Valid JSON, but `json.loads` raised a bare ValueError
    for it, which was a fault of the builder's and lost the whole file. `document` is the JSON read with each such
    integer as a `TooLongInteger`, so that the other records of a document holding it can be read."""

    def __init__(self, text: str, document: Any) -> None:
        field, integer = too_long_integer_in(document) or ("", TooLongInteger(0))
        in_field = f" in {field!r}" if field else ""
        limit = sys.get_int_max_str_digits()
        digits = re.search(rf"\d{{{limit + 1},}}", text)
        message = f"an integer of {integer.digits:,} digits{in_field}, more than Python reads ({limit:,})"
        super().__init__(message, text, digits.start() if digits else 0)
        self.document = document
        self.field = field or None


def _json_value(raw: bytes | str) -> Any:
    """`json.loads`, raising TooLongIntegerError for JSON that holds an integer longer than Python converts."""
    try:
        return json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise
    except ValueError:
        # The only other error `json.loads` raises: an integer past Python's limit of digits (a guard against
        # denial of service), raised as the integer is read. Read again with each such integer as a marker (any
        # other error is raised again).
        document = json.loads(raw, parse_int=_integer)
        text = raw if isinstance(raw, str) else raw.decode("utf-8", errors="replace")
        raise TooLongIntegerError(text, document) from None


def _integer(digits: str) -> int | TooLongInteger:
    try:
        return int(digits)
    except ValueError:
        return TooLongInteger(len(digits.lstrip("-")))


def too_long_integer_in(value: Any, path: str = "") -> tuple[str, TooLongInteger] | None:
    """The first `TooLongInteger` in a JSON value read by `loads_json`, with the dotted path of its field ("views",
    "stats.views"; "" when the value is the integer), or None."""
    if isinstance(value, TooLongInteger):
        return path, value
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        if (found := too_long_integer_in(item, f"{path}.{key}" if path else str(key))) is not None:
            return found
    return None


def _without_lone_surrogates(value: Any) -> Any:
    if isinstance(value, str):
        if _A_SURROGATE.search(value) is None:
            return value
        # Through UTF-16, two surrogates that make a pair (written as six bytes) join into their character.
        return value.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    if isinstance(value, list):
        return [_without_lone_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {_without_lone_surrogates(key): _without_lone_surrogates(item) for key, item in value.items()}
    return value


_TEXT_FIELDS = frozenset(FIELD_NAMES["text"] + FIELD_NAMES["html"])
"""The names of a record's text, in whatever form: a record that has one but no text in it is told so."""


def map_fields(record: Mapping[str, Any], overrides: FieldMap) -> dict[str, Any]:
    """Our field names to values found in the record (missing ones left out)."""
    folded: dict[str, Any] = {}
    _fold_into(folded, record)
    for key, nested in record.items():
        if isinstance(key, str) and key.lower() in METADATA_KEYS and isinstance(nested, Mapping):
            _fold_into(folded, nested)
    found: dict[str, Any] = {}
    for name, candidates in FIELD_NAMES.items():
        if name in overrides:
            value = _at_path(record, overrides[name])
        else:
            value = next((folded[key] for key in candidates if _usable(name, folded.get(key))), None)
        if name == "source" and isinstance(value, Mapping) and isinstance(value.get("name"), str):
            value = value["name"]  # news APIs name the outlet in an object: {"id": "reuters", "name": "Reuters"}
        # WordPress's REST API gives each text field as an object (the content rendered as HTML, which is read as
        # a text field written in HTML is).
        value = _rendered(value)
        if _present(value):
            found[name] = value
    return found


def _fold_into(folded: dict[str, Any], fields: Mapping[Any, Any]) -> None:
    """Add the fields by their lower-cased names where `folded` has no value present yet: keys that differ only in
    case ("Title" and "title") give the first value present, as the names tried do, and a crawler's metadata only
    what the record lacks."""
    for key, value in fields.items():
        if isinstance(key, str) and not _present(folded.get(folded_key := key.lower())):
            folded[folded_key] = value


def _rendered(value: Any) -> Any:
    """The text of a field as WordPress's REST API gives each one, `{"rendered": "...", ...}` (the content as HTML,
    the title with character references); any other value as it is."""
    if isinstance(value, Mapping) and isinstance(rendered := value.get("rendered"), str):
        return rendered
    return value


def scraper_pages(
    source: InputFile,
    lines: Iterable[tuple[int, bytes]],
    digest: str,
    overrides: FieldMap | None,
    *,
    array: bool = False,
) -> Iterator[ReadItem]:
    """The pages of a scraper's JSONL export, from its lines with their line endings (`iter_raw_lines`), so that
    each record's byte offset holds whether its lines end in LF or CRLF.

    `array`: the file is a JSON array written one object a line, as Scrapy's `-o items.json` writes it ("[",
    then "{...}," lines, then "]"): the array's brackets and commas around each line's object are dropped."""
    offset = 0
    records = 0
    for line_number, line in lines:
        position = offset
        offset += len(line)
        raw = line.rstrip(b"\r\n")
        if array:
            raw = _array_item(raw)
        if not raw.strip():
            continue  # blank lines separate nothing in JSONL; skipping them loses no record
        records += 1
        try:
            record = loads_json(raw)
        except (json.JSONDecodeError, UnicodeDecodeError) as error:
            yield _bad_json(source, error, line_number, position, raw)
            continue
        yield from record_pages(source, record, digest, overrides, line=line_number, offset=position, raw=raw)
    if not records:
        # An empty export gave neither a document nor a rejection, and the run said every input was rejected.
        yield Rejection(
            "ingest.read",
            source.shown,
            "empty",
            "the export holds no record (no line but blank ones, or an empty array)",
        )


def record_pages(
    source: InputFile,
    record: Any,
    digest: str,
    overrides: FieldMap | None,
    *,
    line: int | None,
    offset: int,
    raw: bytes | str,
    position: str | None = None,
    source_format: SourceFormat = SourceFormat.jsonl,
) -> Iterator[ReadItem]:
    """The page of one scraper record, or why it has none; `position` names it where it has no line (an item of
    a JSON array read whole: "[12]"). A url that is no absolute http(s) URL is rejected on its own (see
    `url_rejection`) and the page kept without it."""

    def rejection(code: str, reason: str, record_key: str | None, field: str | None = None) -> Rejection:
        return Rejection(
            "ingest.read",
            source.shown,
            code,
            reason,
            line=line,
            offset=offset,
            record=record_key,
            field=field,
            snippet=snippet(raw),
        )

    if not isinstance(record, dict):
        yield rejection("not_an_object", f"expected a JSON object, got {type(record).__name__}", position)
        return
    if overrides:
        yield RecordRead(frozenset(name for name, path in overrides.items() if _at_path(record, path) is not None))
    fields = map_fields(record, overrides or {})
    for name in ("title", "source"):
        if isinstance(fields.get(name), str):
            fields[name] = unescape_references(fields[name])
    for name in ("published", "updated"):
        if (stated := epoch_date(fields.get(name))) is not None:
            fields[name] = stated
    crawled_value = fields.pop("crawled", None)
    crawled_at = capture_time(crawled_value)
    body = fields.pop("text", None)
    if isinstance(body, list) and body and all(isinstance(item, str) for item in body):
        body = "\n\n".join(item.strip() for item in body if item.strip())  # the text as a list of its paragraphs
    html = fields.pop("html", None)
    if isinstance(body, str) and is_html_page(body):
        # A whole page under a text field's name (a crawler's `content` or `body`) was read as a text written in
        # HTML, all its text kept: its menus and footer became the article ("Skip to main content" its title). It
        # is the record's page, its article extracted as from `html`, which comes first when the record has both.
        html = html if isinstance(html, str) else body
        body = None
    if not isinstance(body, str) and not isinstance(html, str):
        tried = ", ".join(looked_for("text", overrides) + looked_for("html", overrides))
        reason = f"no text or HTML field (looked for {tried})"
        if not overrides or not overrides.keys() & {"text", "html"}:
            # A field by a known name that holds nothing, or no text: say so, and name it, not that none is there.
            named = next((key for key in record if isinstance(key, str) and key.lower() in _TEXT_FIELDS), None)
            if named is not None:
                value = _rendered(record[named])
                held = f"is empty ({value!r})" if not _present(value) else f"holds {_json_kind(value)}, not text"
                reason = f"its {named!r} field {held}: no text or HTML to read"
        summary = next((key for key in record if isinstance(key, str) and key.lower() in SUMMARY_KEYS), None)
        if summary is not None and _present(record[summary]):
            # NewsAPI gives `content: null` and a `description` for many articles: say why that is not read.
            reason += f"; its {summary!r} is a summary of the article, not its text: ingest the page at its url"
        yield rejection("no_text", reason, position, "text")
        return
    own_id = str(record["id"]) if record.get("id") is not None else None
    key = own_id or position
    cut = TEXT_CUT_MARK.search(body) if isinstance(body, str) else None
    if cut is not None and not isinstance(html, str):
        left_out = int(cut["left_out"].replace(",", ""))
        reason = (
            f"the text is cut short by the service that exported it: it ends {cut[0].strip()!r}, {left_out:,}"
            " characters of the article left out; ingest the page at the record's url instead"
        )
        yield rejection("cut_text", reason, key, "text")
        return
    use_html = cut is not None or not isinstance(body, str)
    content = html if use_html else body
    given_url = fields.pop("url", None)
    url = web_url(given_url)
    if given_url is not None and url is None:
        yield url_rejection("ingest.read", source.shown, given_url, line=line, offset=offset, record=key)
    if crawled_value is not None and crawled_at is None:
        shown = crawled_value if isinstance(crawled_value, str) else repr(crawled_value)
        reason = f"the capture time {shown[:100]!r} is no date and time: the article is kept without one"
        yield rejection("invalid_crawl_time", reason, key, "crawled")
    if isinstance(fields.get("title"), str):
        outlet = fields.get("source")
        fields["title"] = without_outlet(fields["title"], outlet if isinstance(outlet, str) else None, url, content)
    yield Page(
        source,
        source_format,
        digest,
        str(content),
        content_is_html=use_html,
        offset=offset,
        line=line,
        record=key,
        own_id=own_id,
        url=url,
        crawled_at=crawled_at,
        fields=fields,
        text_is_markdown=not use_html and _held_in(record, MARKDOWN_KEY, overrides, body),
    )


_HTML_PAGE_START = re.compile(r"\s*(?:<!doctype\s+html|<html[\s>])", re.IGNORECASE)
_HTML_PAGE_TAG = re.compile(r"<(?:head|body)[\s>]", re.IGNORECASE)
HTML_PAGE_SNIFF_CHARS = 512
"""How far into a text a page's `<head>` or `<body>` tag is looked for, as far as `sources.detect_format` looks
into a file's first bytes."""


def is_html_page(text: str) -> bool:
    """Whether a text is a whole HTML page: it opens with a doctype or `<html>`, or holds a `<head>` or `<body>` tag
    near its start. A CMS's fragment (`<p>…</p><h2>…`) does neither. Stricter than `sources.detect_format`, which
    asks whether a file is HTML at all and takes `<header` for `<head`: a fragment may open with its `<header>`."""
    start = text.lstrip("\ufeff")[:HTML_PAGE_SNIFF_CHARS]
    return _HTML_PAGE_START.match(start) is not None or _HTML_PAGE_TAG.search(start) is not None


def without_outlet(title: str, outlet: str | None, url: str | None = None, text: str | None = None) -> str:
    """The title without the outlet's name after it, as news APIs, aggregators and scrapers of `<title>` give
    headlines ("Story - Reuters", "Story | BBC News"): the outlet's whole name, ignoring case ("US - China talks"
    from "US News" keeps its "US"), the name of the site its URL is on ("Story – The Guardian" from
    theguardian.com, "Story - BBC News" from bbc.co.uk; `names_host`), or a site's name of a few words after a
    bar or a dash when the `text` prints the rest as a line of its own, its headline (a crawler's Markdown of the
    page under its `<title>`: "# Story" below "Story | City News"; `prints_headline`)."""
    separators = list(TITLE_SEPARATORS.finditer(title))
    if not separators:
        return title
    separator = separators[-1]
    head, last = title[: separator.start()].strip(), title[separator.end() :].strip()
    if (outlet and last.casefold() == outlet.strip().casefold()) or (url and names_host(last, urlsplit(url).hostname)):
        return head
    site_named = separator.group().strip() != ":" and len(last.split()) <= SITE_NAME_WORDS
    return head if text and head and site_named and prints_headline(text, head) else title


SITE_NAME_WORDS = 4
"""The most words of a site's name after a title ("City News", "The Daily Star"): more are the title's own."""
HEADLINE_REACH_CHARS = 20_000
"""How far into a text its headline is looked for: a page's menus come before it, its story after."""
_HEADING_MARKS = "#*_ \t"


def prints_headline(text: str, headline: str) -> bool:
    """Whether `text` prints `headline` as a whole line within HEADLINE_REACH_CHARS (a Markdown heading's marks
    aside), ignoring case."""
    wanted = headline.casefold()
    return any(line.strip(_HEADING_MARKS) == wanted for line in text[:HEADLINE_REACH_CHARS].casefold().splitlines())


SUMMARY_KEYS = frozenset({"description", "summary", "abstract", "excerpt", "snippet", "lead", "teaser"})
"""Fields in which news APIs and feeds give an article's summary, which is no text to annotate."""
TEXT_CUT_MARK = re.compile(r"\s*\[\+?(?P<left_out>\d[\d,]*) chars\]\s*$")
"""How news APIs end a text they cut short ("… [+2345 chars]" from NewsAPI, "... [1234 chars]" from GNews): the
first 200 characters or so of an article are no article to annotate."""


MARKDOWN_KEY = "markdown"
"""The field in which Firecrawl and crawl4ai give a page's text, in Markdown."""


def _held_in(record: Mapping[str, Any], name: str, overrides: FieldMap | None, value: Any) -> bool:
    """Whether the record's text is `value` held under the key `name` (any case), or the `--field` path naming it."""
    path = (overrides or {}).get("text")
    if path is not None:
        return path.rsplit(".", 1)[-1].lower() == name
    return any(isinstance(key, str) and key.lower() == name and item is value for key, item in record.items())


EPOCH_SECONDS = (1e8, 1e10)
"""Unix times in seconds a published date may be (1973 to 2286); the same times in milliseconds are a thousand
times these, as JavaScript scrapers write them."""


def epoch_date(value: Any) -> str | None:
    """A published date stated as a Unix time (1720000000, 1720000000000, or those digits as text), in ISO 8601
    UTC; None for anything else. It was no text to read a date from, and the record's date was lost."""
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    low, high = EPOCH_SECONDS
    seconds = value if low <= value < high else value / 1000 if low * 1000 <= value < high * 1000 else None
    if seconds is None:
        return None
    return datetime.datetime.fromtimestamp(seconds, tz=datetime.UTC).isoformat().replace("+00:00", "Z")


def capture_time(value: Any) -> datetime.datetime | None:
    """The time a record says its page was captured (`crawled_at`, news-please's `date_download`): ISO 8601 or a
    printed date and time, or a Unix time; taken as UTC without a zone. None for no value or one that is no time."""
    if value is None:
        return None
    stated = epoch_date(value) or (value if isinstance(value, str) else None)
    return parse_published(stated, None) if stated else None


_CHARACTER_REFERENCE = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,31}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")


def unescape_references(text: str) -> str:
    """Text with HTML's character references read ("Tom &amp; Jerry&#8217;s" as "Tom & Jerry’s"): scrapers that
    take a title or a text out of HTML or a feed often leave them. Only whole references, with their semicolon:
    "AT&T" and "R&D" are text."""
    if "&" not in text:
        return text
    return _CHARACTER_REFERENCE.sub(lambda reference: html_entities.unescape(reference.group()), text)


def _array_item(raw: bytes) -> bytes:
    """A line of a JSON array written one object a line, without the array's punctuation around the object."""
    item = raw.strip()
    if item.startswith(b"["):
        item = item[1:].lstrip()
    # An object's line ends with its closing brace: a bracket after it closes the array.
    if item.endswith(b"]"):
        item = item[:-1].rstrip()
    return item.removesuffix(b",").rstrip()


JSON_WHOLE_MAX_BYTES = 256 << 20
"""A JSON document that is not one object a line is parsed whole; past this size it is not (it would take
several times its size in memory): it is rejected with the command that converts it to JSON Lines."""
_ITEM_SEPARATOR = re.compile(rb"}\s*,\s*{")


class JsonLayout(Enum):
    """How a scraper export lays its records out."""

    lines = "lines"
    """JSON Lines: one object a line."""
    array_lines = "array_lines"
    """A JSON array written one object a line (Scrapy's `-o items.json`)."""
    whole = "whole"
    """Any other JSON document: an array, one article as an object (news-please writes a file per article), or
    an object holding the list of articles (an API response: `{"status": "ok", "articles": [...]}`)."""


def json_layout(path: Path, head: bytes) -> JsonLayout:
    """The layout of a scraper export from its name and first bytes."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    first_line, newline, rest = start.partition(b"\n")
    # A whole JSON value on the first line with more lines after it ("[]", then objects) opens JSON Lines: one
    # document would have ended with that line.
    first_of_lines = bool(newline and rest.strip()) and _is_json(first_line)
    if start.startswith(b"[") and not first_of_lines:
        item = first_line[1:].strip() or rest.lstrip().partition(b"\n")[0].strip()
        one_a_line = item.startswith(b"{") and not _ITEM_SEPARATOR.search(item)
        if one_a_line and (item.rstrip(b",]").rstrip().endswith(b"}") or len(item) >= len(start) - 2):
            return JsonLayout.array_lines
        return JsonLayout.whole
    if format_suffix(path) == ".json" and not (newline and first_line.rstrip().endswith(b"}")) and not first_of_lines:
        return JsonLayout.whole
    return JsonLayout.lines


def _is_json(raw: bytes) -> bool:
    """Whether `raw` is one whole JSON value: a first line that is one ("[]", "[1, 2]") with more lines after it
    opens JSON Lines, which an array on every line of its own would end before the second."""
    try:
        _json_value(raw)
    except TooLongIntegerError:
        return True
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError):
        return False
    return True


def _bad_json(source: InputFile, error: ValueError, line: int | None, offset: int | None, raw: bytes) -> Rejection:
    if isinstance(error, TooLongIntegerError):
        reason, field = f"JSON that cannot be read: {error}", error.field  # valid JSON all the same
    else:
        reason, field = f"not valid JSON: {error}", None
    return Rejection(
        "ingest.read", source.shown, "bad_json", reason, line=line, offset=offset, field=field, snippet=snippet(raw)
    )


def json_document_pages(source: InputFile, data: bytes, digest: str, overrides: FieldMap | None) -> Iterator[ReadItem]:
    """The pages of a scraper export that is one JSON document (see `JsonLayout.whole`)."""
    too_long: TooLongIntegerError | None = None
    try:
        document = loads_json(data)
    except TooLongIntegerError as error:
        # An integer too long to read loses the record holding it, not the others.
        document, too_long = error.document, error
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        # Where it breaks: JSON's error counts lines; a decoding error, bytes (its first bad one).
        if isinstance(error, json.JSONDecodeError):
            line, offset = error.lineno, None
        else:
            line, offset = data.count(b"\n", 0, error.start) + 1, error.start
        yield _bad_json(source, error, line, offset, data)
        return
    records = _records_in(document, overrides)
    if records is None:
        if too_long is not None:
            yield _bad_json(source, too_long, too_long.lineno, None, data)
            return
        yield from record_pages(source, document, digest, overrides, line=None, offset=0, raw=data)
        return
    if not records:
        # An export of nothing ("[]"): said, as an empty file is, rather than a file that gave nothing unexplained.
        yield Rejection("ingest.read", source.shown, "empty", "the JSON document is an empty array: it holds no record")
        return
    for index, record in enumerate(records):
        if too_long is not None and (found := too_long_integer_in(record)) is not None:
            yield _too_long_integer_item(source, record, index, *found)
            continue
        # As JSON, whatever the item: the snippet shows the export's text (`null`, `"x"`), not Python's (`None`).
        raw = json.dumps(record, ensure_ascii=False, default=str)[:SNIPPET_CHARS]
        yield from record_pages(source, record, digest, overrides, line=None, offset=0, raw=raw, position=f"[{index}]")


def _too_long_integer_item(
    source: InputFile, record: Any, index: int, field: str, integer: TooLongInteger
) -> Rejection:
    """The rejection of an item of a JSON document holding an integer too long to read (`TooLongInteger`)."""
    reason = (
        f"JSON that cannot be read: item [{index}] holds an integer of {integer.digits:,} digits"
        f"{f' in {field!r}' if field else ''}, more than Python reads ({sys.get_int_max_str_digits():,}): the"
        " record is left out, the others are read"
    )
    raw = json.dumps(record, ensure_ascii=False, default=repr)
    return Rejection(
        "ingest.read", source.shown, "bad_json", reason, record=f"[{index}]", field=field or None, snippet=snippet(raw)
    )


def _records_in(document: Any, overrides: FieldMap | None) -> list[Any] | None:
    """The records of a JSON document: its items when it is an array, the list of objects an object holds when
    it holds exactly one and no article of its own, else None (the document is one record)."""
    if isinstance(document, list):
        return document
    if not isinstance(document, dict):
        return None
    fields = map_fields(document, overrides or {})
    if "text" in fields or "html" in fields:
        return None
    lists = [
        value
        for value in document.values()
        if isinstance(value, list) and value and all(isinstance(item, dict) for item in value)
    ]
    return lists[0] if len(lists) == 1 else None


def looked_for(name: str, overrides: FieldMap | None) -> tuple[str, ...]:
    """The record fields tried for one of our fields: the `--field` path given for it, or the common names."""
    return (overrides[name],) if overrides and name in overrides else FIELD_NAMES[name]


def field_of_column(column: str, overrides: FieldMap) -> str | None:
    """Which of our fields (`text`, `title`, ...) an export's column can fill, or None. A `--field` path names its
    column whole or by its first part (a struct column's field); the common names are recognised in any case."""
    for ours, path in overrides.items():
        if column in (path, path.split(".", 1)[0]):
            return ours
    folded = column.lower()
    return next((ours for ours, names in FIELD_NAMES.items() if ours not in overrides and folded in names), None)


def no_text_column(columns: Sequence[str], overrides: FieldMap | None, kind: str) -> str | None:
    """Why an export whose columns are `columns` holds no article, or None when one may hold the text or HTML:
    known from its header or schema, this is one rejection of the file rather than one of every row."""
    if any(field_of_column(column, overrides or {}) in ("text", "html") for column in columns):
        return None
    tried = ", ".join(looked_for("text", overrides) + looked_for("html", overrides))
    named = ", ".join(column for column in columns if column) or "none"
    return (
        f"the {kind} has no text or HTML column (looked for {tried}); its columns are {named}: name the one"
        " holding the articles with --field text=COLUMN"
    )


def _at_path(record: Mapping[str, Any], path: str) -> Any:
    """The value at a `--field` path: the key that is the whole path, where there is one (a CSV export's column
    "text.1", a flattened record's "source.name"), else the dotted path through nested objects."""
    if path in record:
        return record[path]
    value: Any = record
    for part in path.split("."):
        if not isinstance(value, Mapping) or part not in value:
            return None
        value = value[part]
    return value


def _json_kind(value: Any) -> str:
    """What a JSON value is, as a person reading the record would say it ("an object", "a number")."""
    if isinstance(value, Mapping):
        return "an object"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):
        return "true or false"
    return "a number" if isinstance(value, int | float) else f"a {type(value).__name__}"


def _present(value: Any) -> bool:
    return value is not None and value != "" and value != []


def _usable(name: str, value: Any) -> bool:
    """Present, and for the outlet not a URL: trafilatura's JSON puts the page URL under "source" and the site's
    name under "source-hostname"."""
    if name == "source" and isinstance(value, str) and value.startswith(("http://", "https://")):
        return False
    return _present(value)
