"""`builder ingest` end to end through the real command: the shipped sample page, every input format, and
every kind of bad input going to quarantine with a reason while the run goes on."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import struct
import subprocess
import sys
import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from builder.compression import zstd
from builder.ingest.build import without_code
from builder.ingest.pages import Page, Rejection
from builder.ingest.pagetext import NoArticleError, extract_pagetext
from builder.ingest.parts import ArticleParts
from builder.ingest.pipeline import SPLIT_BYTES, DocumentLine, IngestOptions, read_by_parent, run_ingest
from builder.ingest.readers import read_pages
from builder.ingest.sources import InputFile
from builder.records import DocumentRole, ParagraphKind
from tests.paths import REPO, SAMPLES

SAMPLE_PAGE = SAMPLES / "daily8-putin-trump-call.txt"
TARGETS = REPO / "annotations" / "targets.yaml"
SAMPLE_TITLES = [
    "Putin tells Trump Russia won't ‘give up' aims in Ukraine",
    "Trump Administration Moves To Curb AI Chip Exports To Malaysia, Thailand",
    "Hamas accepts Trump Gaza ceasefire deal as hostage negotiations set to resume",
    "Trump, Zelensky discuss weapons and escalating Russian strikes",
]


def ingest(*args: str, timeout: float | None = None) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "builder.cli", "ingest", *args]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False, timeout=timeout)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def titles_by_path(out: Path) -> dict[str, list[str]]:
    """The titles of a run's documents, by the path their provenance names (an archive's member's included)."""
    titles: dict[str, list[str]] = {}
    for document in read_jsonl(out / "documents.jsonl"):
        titles.setdefault(document["provenance"]["path"], []).append(document["title"])
    return titles


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sample")
    result = ingest(str(SAMPLE_PAGE), "--out", str(out), "--targets", str(TARGETS))
    assert result.returncode == 0, result.stderr
    return out


def test_sample_page_gives_main_and_three_related_documents(sample_run: Path) -> None:
    documents = read_jsonl(sample_run / "documents.jsonl")
    assert [doc["title"] for doc in documents] == SAMPLE_TITLES
    assert [(doc["role"], doc["source"]) for doc in documents] == [
        ("main", None),
        ("related", "BusinessToday"),
        ("related", "Malay Mail"),
        ("related", "Free Malaysia Today"),
    ]
    assert len({doc["page_id"] for doc in documents}) == 1
    assert len({doc["doc_id"] for doc in documents}) == 4
    assert all(doc["lang"] == "en" for doc in documents)
    assert [doc["published_text"] for doc in documents[1:]] == ["31 minutes ago", "2 hours ago", "2 hours ago"]


def test_sample_metadata_is_structured_and_out_of_the_body(sample_run: Path) -> None:
    main, chips, gaza, zelensky = read_jsonl(sample_run / "documents.jsonl")
    assert main["dateline"]["place"] == "MOSCOW"
    assert main["text"].startswith("Russian leader Vladimir Putin told US President Donald Trump by telephone")
    assert main["captions"][0]["credit"] == "AP"
    assert main["captions"][0]["text"].startswith("Russian President Vladimir Putin attends a wreath-laying")
    assert main["text"].endswith(
        "Russia has consistently called for Western countries to stop sending weapons to Kyiv."
    )
    headings = [main["text"][p["start"] : p["end"]] for p in main["paragraphs"] if p["kind"] == "heading"]
    assert headings == ["Zelensky in Denmark"]
    assert gaza["dateline"] == {"raw": "CAIRO, July 5 —", "place": "CAIRO", "date_text": "July 5"}
    assert gaza["credit"] == "Reuters"
    assert not gaza["text"].endswith("Reuters")
    assert zelensky["dateline"]["place"] == "WASHINGTON"
    assert zelensky["captions"][0]["credit"] == "AFP"
    assert zelensky["text"].startswith("Ukrainian President Volodymyr Zelensky said he discussed air defences")
    assert chips["dateline"] is None
    assert not chips["text"].endswith("Related")
    for document in (main, chips, gaza, zelensky):
        assert len(document["paragraphs"]) > 3, document["title"]
        for boilerplate in (
            "DOWNLOAD THE APP",
            "No comments yet",
            "Related Articles",
            "time31",
            "(AP pic)",
            "app-store",
        ):
            assert boilerplate not in document["text"]


def test_sample_quotes_are_attributed(sample_run: Path) -> None:
    main, _, gaza, _ = read_jsonl(sample_run / "documents.jsonl")
    by_text = {quote["text"]: quote for quote in main["quotes"]}
    ushakov = by_text[
        "'Vladimir Putin said that we are continuing to look for a political, negotiated solution to the conflict,'"
    ]
    assert ushakov["speaker"]["text"] == "Ushakov"
    assert ushakov["cue"]["text"] == "said"
    continuation = by_text["'Russia will not give up on these aims.'"]
    assert continuation["speaker_name"] == "Yuri Ushakov"
    assert all(not quote["text"].startswith("'s ") for quote in main["quotes"])
    gaza_speakers = {quote["speaker_name"] or (quote["speaker"] or {}).get("text") for quote in gaza["quotes"]}
    assert "Gideon Rosenberg" in gaza_speakers
    # "a post by Trump from his Truth Social platform that read, '…'": the post's author, not the platform.
    post = next(quote for quote in gaza["quotes"] if quote["text"].startswith('"MAKE THE DEAL IN GAZA'))
    assert (post["speaker"]["text"], post["cue"]["text"]) == ("Trump", "read")


def test_a_single_quoted_continuation_of_a_one_line_article_is_one_paragraph_and_one_quote(sample_run: Path) -> None:
    # The related article arrives on one line; its quote over two sentences opens a paragraph of its own after
    # the unclosed quote before it, as wire copy sets a quote that runs on.
    zelensky = read_jsonl(sample_run / "documents.jsonl")[3]
    paragraphs = [zelensky["text"][span["start"] : span["end"]] for span in zelensky["paragraphs"]]
    continuation = "'We had a very detailed discussion on joint production. We need it, America needs it.'"
    assert continuation in paragraphs
    assert paragraphs[paragraphs.index(continuation) - 1].endswith(
        "'arrange a meeting between our teams to strengthen air defences."
    )
    quote = next(quote for quote in zelensky["quotes"] if quote["text"].startswith("'We had"))
    assert (quote["text"], quote["speaker_name"]) == (continuation, "Zelensky")


def test_sample_targets_claims_and_provenance(sample_run: Path) -> None:
    main, chips, gaza, _ = read_jsonl(sample_run / "documents.jsonl")
    assert "ukraine-ceasefire" in {mention["target_id"] for mention in main["targets"]}
    assert "ai-chip-export-curbs" in {mention["target_id"] for mention in chips["targets"]}
    assert "gaza-ceasefire" in {mention["target_id"] for mention in gaza["targets"]}
    assert main["claims"]
    assert all(0.0 <= claim["score"] <= 1.0 for claim in main["claims"])
    assert main["provenance"]["format"] == "pagetext"
    raw = SAMPLE_PAGE.read_bytes()
    for document in read_jsonl(sample_run / "documents.jsonl"):
        start = document["provenance"]["offset"]
        assert raw[start:].decode("utf-8").startswith(document["title"])


def test_subheadings_are_not_claim_candidates(tmp_path: Path) -> None:
    body = (
        "Researchers at the city hospital said on Monday that 4,200 patients were treated for heat stroke in July. "
        "The figure is twice the number recorded in the same month of 2023, according to the health ministry."
    )
    heading = "3. Weight-Loss Drugs Steal the Spotlight in 2025 Hospital Budgets"
    page = f"Heat wave fills city hospitals\n\n{body}\n\n{heading}\n\n{body.replace('July', 'August')}\n"
    (tmp_path / "page.txt").write_text(page, encoding="utf-8")
    items, _ = run_ingest([str(tmp_path)], IngestOptions())
    (document,) = [json.loads(item.line) for item in items if isinstance(item, DocumentLine)]
    kinds = {document["text"][p["start"] : p["end"]]: p["kind"] for p in document["paragraphs"]}
    assert kinds[heading] == "heading"
    claimed = [document["text"][claim["start"] : claim["end"]] for claim in document["claims"]]
    assert not [claim for claim in claimed if claim in heading]
    # The body's sentences are all still candidates.
    assert any("4,200 patients" in claim for claim in claimed)
    assert any("in August" in claim for claim in claimed)


def validate(records: Path) -> subprocess.CompletedProcess[str]:
    """`builder validate` on a records file, as CI runs it."""
    return subprocess.run(
        [sys.executable, "-m", "builder.cli", "validate", str(records)], capture_output=True, text=True, check=False
    )


def test_sample_run_is_valid_reproducible_and_reported(sample_run: Path, tmp_path: Path) -> None:
    validated = validate(sample_run / "documents.jsonl")
    assert validated.returncode == 0, validated.stdout
    again = tmp_path / "again"
    assert ingest(str(SAMPLE_PAGE), "--out", str(again), "--targets", str(TARGETS)).returncode == 0
    assert (again / "documents.jsonl").read_bytes() == (sample_run / "documents.jsonl").read_bytes()
    report = json.loads((sample_run / "report.json").read_text())
    assert report["documents"] == 4
    assert report["files"][0]["path"].endswith("daily8-putin-trump-call.txt")


def _warc_record(url: str, html: bytes, record: int, headers: str = "", status: str = "200 OK") -> bytes:
    """A WARC response record of the page; `headers` are HTTP header lines ("Name: value\\r\\n") to add, the
    body being given as they say it was sent."""
    http = f"HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\n{headers}\r\n".encode() + html
    head = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{record:012d}>\r\n"
        f"WARC-Date: 2025-07-05T10:00:00Z\r\nWARC-Target-URI: {url}\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n"
    ).encode()
    return head + http + b"\r\n\r\n"


def _article_html(title: str, paragraphs: list[str]) -> bytes:
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return (
        f"<html><head><title>{title} | Free Malaysia Today</title></head><body><nav><a href='/'>Home</a>"
        f"<a href='/news'>News</a></nav><article><h1>{title}</h1>{body}</article>"
        "<footer>Copyright 2025 FMT. All rights reserved.</footer></body></html>"
    ).encode()


def _related_paragraphs() -> list[str]:
    """The Zelensky article's sentences from the sample page, as paragraphs."""
    line = next(line for line in SAMPLE_PAGE.read_text(encoding="utf-8").splitlines() if "defend the sky" in line)
    return [sentence + "." for sentence in line.split(". ")[2:12]]


def test_every_format_and_every_bad_input_is_accounted_for(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    paragraphs = _related_paragraphs()
    html = _article_html("Trump, Zelensky discuss weapons", paragraphs)
    (inputs / "page.html").write_bytes(html)
    good = _warc_record("https://www.freemalaysiatoday.com/a", html, 1)
    broken = _warc_record("https://www.freemalaysiatoday.com/b", html, 2)
    (inputs / "crawl.warc.gz").write_bytes(gzip.compress(good + broken[:-200]))
    scraper_lines = [
        json.dumps(
            {
                "headline": "Zelensky and Trump talk air defence",
                "content": "\n\n".join(paragraphs),
                "pubDate": "2025-07-05T09:00:00+08:00",
                "publisher": "FMT",
                "link": "https://fmt.example/z",
            }
        ),
        "{not json",
        json.dumps({"headline": "No body here"}),
    ]
    (inputs / "scraped.jsonl").write_text("\n".join(scraper_lines) + "\n", encoding="utf-8")
    (inputs / "copy-of-sample.txt").write_bytes(SAMPLE_PAGE.read_bytes())
    (inputs / "windows-1252.txt").write_bytes(SAMPLE_PAGE.read_text(encoding="utf-8").encode("cp1252"))
    (inputs / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "menu-only.txt").write_text("Home\nNews\nSport\nLogin\nSubscribe\n", encoding="utf-8")
    (inputs / "truncated.txt.gz").write_bytes(gzip.compress(SAMPLE_PAGE.read_bytes())[:300])
    out = tmp_path / "out"

    result = ingest(str(inputs), "--out", str(out))

    assert result.returncode == 0, result.stderr
    report = json.loads((out / "report.json").read_text())
    assert sorted(Path(row["path"]).name for row in report["files"]) == sorted(p.name for p in inputs.iterdir())
    quarantine = read_jsonl(out / "quarantine.jsonl")
    reasons = {(Path(item["source"]).name, item["reason_code"], item.get("line")) for item in quarantine}
    assert reasons == {
        ("crawl.warc.gz", "broken_warc_record", None),
        ("scraped.jsonl", "bad_json", 2),
        ("scraped.jsonl", "no_text", 3),
        ("image.txt", "binary", None),
        ("empty.txt", "empty", None),
        ("menu-only.txt", "no_article", None),
        ("truncated.txt.gz", "truncated_gzip", None),
    }
    assert all(item["reason"] for item in quarantine)
    # A binary file's start is shown as escapes, not as replacement marks and raw control bytes.
    image = next(item for item in quarantine if item["source"].endswith("image.txt"))
    assert image["snippet"].startswith("\\x89PNG\\x0d\n\\x1a\n\\x00\\x00\\x00\\x0dIHDR\\x00\\x01")
    assert report["rejected"] == {code: sum(1 for r in reasons if r[1] == code) for _, code, _ in reasons}
    documents = read_jsonl(out / "documents.jsonl")
    by_format: dict[str, list[dict[str, Any]]] = {}
    for document in documents:
        by_format.setdefault(document["provenance"]["format"], []).append(document)
    assert by_format["html"][0]["title"] == "Trump, Zelensky discuss weapons"
    assert by_format["warc"][0]["url"] == "https://www.freemalaysiatoday.com/a"
    scraped = by_format["jsonl"][0]
    assert (scraped["title"], scraped["source"], scraped["url"]) == (
        "Zelensky and Trump talk air defence",
        "FMT",
        "https://fmt.example/z",
    )
    assert scraped["published_at"] == "2025-07-05T09:00:00+08:00"
    assert len(by_format["pagetext"]) == 8  # the sample twice: once as UTF-8, once as Windows-1252
    cp1252 = [d for d in by_format["pagetext"] if d["provenance"]["path"].endswith("windows-1252.txt")]
    # Its curly quote is one byte (0x91) that DOS code pages read as a letter: decoded as a web page's would be.
    assert cp1252[0]["title"] == "Putin tells Trump Russia won't ‘give up' aims in Ukraine"
    # The same article on two pages: kept twice, the later copy marked, never silently dropped.
    copies = [d for d in by_format["pagetext"] if d["title"].startswith("Trump Administration Moves")]
    assert [d["duplicate_of"] for d in copies] == [None, copies[0]["doc_id"]]
    assert report["duplicates"]["exact"] >= 3
    assert report["duplicates"]["near"] >= 1


def _with_content_length(record: bytes, change: int) -> bytes:
    """The record with its WARC Content-Length off by `change` bytes, as a broken crawler writes it."""
    head, separator, rest = record.partition(b"\r\n\r\n")
    length = int(head.rsplit(b"Content-Length: ", 1)[1])
    return head.replace(b"Content-Length: %d" % length, b"Content-Length: %d" % (length + change)) + separator + rest


def test_the_capture_time_is_kept_and_bounds_the_publication_date(tmp_path: Path) -> None:
    """The crawl date of a WARC record, and a scraper record's `crawled_at` or news-please's `date_download`, were
    only a reference for "3 hours ago" and never written: a document now carries it as `provenance.crawled_at`,
    and a date of publication after it (an event the page announces) is not the page's. A capture time that is no
    time is quarantined as the field's value, and its article kept."""
    paragraphs = _related_paragraphs()
    announced = _article_html("Trump, Zelensky discuss weapons", ["Summit: December 3, 2025", *paragraphs])
    (tmp_path / "crawl.warc").write_bytes(_warc_record("https://www.freemalaysiatoday.com/a", announced, 1))
    records = [
        {"title": "Talks", "text": "\n\n".join(paragraphs), "crawled_at": "2025-07-06T08:00:00+08:00"},
        {"title": "Talks again", "text": "\n\n".join(paragraphs[2:]), "date_download": "2025-07-07 09:30:00"},
        {"title": "Talks, a third time", "text": "\n\n".join(paragraphs[4:]), "fetched_at": "last Tuesday"},
    ]
    (tmp_path / "export.jsonl").write_text("".join(json.dumps(record) + "\n" for record in records), "utf-8")
    out = tmp_path / "out"

    assert ingest(str(tmp_path / "crawl.warc"), str(tmp_path / "export.jsonl"), "--out", str(out)).returncode == 0

    documents = read_jsonl(out / "documents.jsonl")
    assert [document["provenance"]["crawled_at"] for document in documents] == [
        "2025-07-05T10:00:00Z",
        "2025-07-06T08:00:00+08:00",
        "2025-07-07T09:30:00Z",
        None,
    ]
    assert (documents[0]["published_at"], documents[0]["published_text"]) == (None, None)
    [rejection] = read_jsonl(out / "quarantine.jsonl")
    assert (rejection["reason_code"], rejection["field"], rejection["line"]) == ("invalid_crawl_time", "crawled", 3)
    assert "'last Tuesday'" in rejection["reason"]
    assert validate(out / "documents.jsonl").returncode == 0


def test_a_break_in_a_warc_stream_loses_no_record_after_it(tmp_path: Path) -> None:
    """A record whose Content-Length is too long or too short, or bytes between two records, break the stream at
    one place: it is quarantined with its offset, and every intact record after it is read, in a .warc and in a
    .warc.gz alike. A Content-Length far past the end of the file swallows no record either."""
    html = _article_html("Trump, Zelensky discuss weapons", _related_paragraphs())
    pages = [_warc_record(f"https://example.org/{number}", html, number) for number in range(1, 5)]
    breaks = {
        "too-long": [pages[0], _with_content_length(pages[1], 300), *pages[2:]],
        "too-short": [pages[0], _with_content_length(pages[1], -300), *pages[2:]],
        "garbage": [pages[0], pages[1], b"GARBAGE LINE\r\n\r\n", *pages[2:]],
        "past-the-end": [pages[0], _with_content_length(pages[1], 10**9), *pages[2:]],
    }
    for name, records in breaks.items():
        (tmp_path / f"{name}.warc").write_bytes(b"".join(records))
        (tmp_path / f"{name}.warc.gz").write_bytes(b"".join(gzip.compress(record) for record in records))
    out = tmp_path / "out"

    assert ingest(str(tmp_path), "--out", str(out)).returncode == 0

    read: dict[str, set[str]] = {}
    for document in read_jsonl(out / "documents.jsonl"):
        read.setdefault(Path(document["provenance"]["path"]).name, set()).add(document["url"].rsplit("/", 1)[1])
    # The broken record itself is lost, or read with the bytes its length took in, but never one after it.
    assert all({"1", "3", "4"} <= found <= {"1", "2", "3", "4"} for found in read.values()), read
    assert sorted(read) == sorted(f"{name}.warc{gz}" for name in breaks for gz in ("", ".gz"))
    rejected = read_jsonl(out / "quarantine.jsonl")
    # Each file says where it broke (the garbage, a gzip member of its own in a .warc.gz, breaks it twice).
    assert {Path(item["source"]).name for item in rejected} == set(read)
    assert all(item["offset"] is not None for item in rejected), rejected
    assert {item["reason_code"] for item in rejected} == {"broken_warc", "broken_warc_record"}


def test_warc_records_that_cannot_be_read_and_warcs_without_pages_are_quarantined(tmp_path: Path) -> None:
    """A record whose header lines end in a line feed alone was skipped without a trace (fastwarc gives it as of
    an unknown type, and only page records were asked for), and a WARC of requests and metadata alone, or of no
    record, gave neither a document nor a rejection, while the run said every input was rejected."""
    html = _article_html("Trump, Zelensky discuss weapons", _related_paragraphs())
    good = _warc_record("https://www.freemalaysiatoday.com/a", html, 1)
    lf_only = _warc_record("https://www.freemalaysiatoday.com/b", html, 2).replace(b"\r\n", b"\n")
    (tmp_path / "crawl.warc").write_bytes(good + lf_only + good.replace(b"0001>", b"0003>"))
    # Last in its file, fastwarc reads the record's header as one line, a WARC-Type of the type's name and the rest.
    (tmp_path / "ends-badly.warc").write_bytes(good.replace(b"0001>", b"0004>") + lf_only)
    request = good.replace(b"WARC-Type: response", b"WARC-Type: request")
    (tmp_path / "requests.warc").write_bytes(request + request.replace(b"0001>", b"0002>"))
    (tmp_path / "empty.warc").write_bytes(b"")
    out = tmp_path / "out"

    ingest(str(tmp_path), "--out", str(out))

    assert [document["provenance"]["offset"] for document in read_jsonl(out / "documents.jsonl")] == [
        0,
        len(good) + len(lf_only),
        0,
    ]
    reasons = {
        (Path(item["source"]).name, item["reason_code"], item["offset"]): item["reason"]
        for item in read_jsonl(out / "quarantine.jsonl")
    }
    assert reasons == {
        ("crawl.warc", "broken_warc", len(good)): f"the WARC stream is broken past byte {len(good)}: Invalid WARC "
        f"header (the record at byte {len(good)} cannot be read: its header lines end in a line feed alone, where "
        f"WARC requires a carriage return and a line feed); read on from the next record, at byte "
        f"{len(good) + len(lf_only)}",
        ("empty.warc", "empty", None): "the WARC file holds no record: no page to read",
        ("ends-badly.warc", "broken_warc_record", len(good)): f"the WARC record at byte {len(good)} cannot be read: "
        "its header lines end in a line feed alone, where WARC requires a carriage return and a line feed",
        ("requests.warc", "no_pages", None): "the WARC file holds 2 records, none a response, resource or "
        "conversion: no page to read",
    }


def test_warc_bodies_sent_chunked_and_compressed_are_decoded(tmp_path: Path) -> None:
    """wget, warcprox and Browsertrix keep a response as it came over the wire: chunked, gzip, deflate, brotli or
    Zstandard, or several codings in turn. Each is read as the page; a broken one is quarantined with the coding
    named; redirects and error pages are not pages."""
    import zlib

    import brotli

    html = _article_html("Trump, Zelensky discuss weapons", _related_paragraphs())
    gzipped = gzip.compress(html)
    chunked = b"".join(b"%x;name=value\r\n%s\r\n" % (len(part), part) for part in (gzipped[:100], gzipped[100:]))
    sent = {
        "chunked-gzip": ("Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n", chunked + b"0\r\n\r\n"),
        "deflate": ("Content-Encoding: deflate\r\n", zlib.compress(html)),
        "raw-deflate": ("Content-Encoding: deflate\r\n", zlib.compress(html, wbits=-15)),
        "brotli": ("Content-Encoding: br\r\n", brotli.compress(html)),
        "zstandard": ("Content-Encoding: zstd\r\n", zstd.compress(html)),
        "gzip-then-brotli": ("Content-Encoding: gzip, br\r\n", brotli.compress(gzip.compress(html))),
        "already-decoded": ("Content-Encoding: gzip\r\n", html),
        "cut-chunk": ("Transfer-Encoding: chunked\r\n", b"ffff\r\n" + html[:100]),
        "broken-gzip": ("Content-Encoding: gzip\r\n", gzipped[:60]),
        "compress": ("Content-Encoding: compress\r\n", html),
    }
    crawl = b"".join(
        _warc_record(f"https://example.org/{name}", body, number, headers)
        for number, (name, (headers, body)) in enumerate(sent.items(), start=1)
    )
    # A redirect and an error page carry HTML too, but no article: passed over like images, and counted.
    crawl += _warc_record("https://example.org/old", html, 11, "Location: /new\r\n", "301 Moved Permanently")
    crawl += _warc_record("https://example.org/gone", html, 12, status="404 Not Found")
    image = _warc_record("https://example.org/logo.png", b"\x89PNG\r\n\x1a\n", 13)
    crawl += image.replace(b"Content-Type: text/html; charset=utf-8", b"Content-Type: image/png              ")
    (tmp_path / "crawl.warc").write_bytes(crawl)
    out = tmp_path / "out"
    result = ingest(str(tmp_path / "crawl.warc"), "--out", str(out))
    assert result.returncode == 0
    passed_over = {"redirect": 1, "http_error": 1, "not_html": 1}
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert (report["passed_over"], report["files"][0]["passed_over"]) == (passed_over, passed_over)
    assert "records holding no page (passed over)" in result.stderr
    documents = read_jsonl(out / "documents.jsonl")
    assert {d["url"].rsplit("/", 1)[1] for d in documents} == {
        "chunked-gzip",
        "deflate",
        "raw-deflate",
        "brotli",
        "zstandard",
        "gzip-then-brotli",
        "already-decoded",
    }
    assert {d["title"] for d in documents} == {"Trump, Zelensky discuss weapons"}
    rejected = {item["record"].rstrip(">")[-2:]: item for item in read_jsonl(out / "quarantine.jsonl")}
    assert {number: item["reason_code"] for number, item in rejected.items()} == {
        "08": "broken_chunked_body",
        "09": "broken_content_encoding",
        "10": "unsupported_content_encoding",
    }
    assert "gzip" in rejected["09"]["reason"]
    assert "'compress'" in rejected["10"]["reason"]


def test_warc_bodies_that_decode_past_a_pages_size_are_page_too_large_and_none_is_decoded_whole(
    tmp_path: Path,
) -> None:
    """A body of 40 KB of gzip, brotli or Zstandard can decode to 40 MB (and a megabyte to a gigabyte): decoded
    whole, it took gigabytes of memory. Decoding stops past the 32 MB a page may have; a coding cut short is still
    broken; a record longer than that is not read at all."""
    import zlib

    import brotli

    from builder.ingest.readers import PAGE_MAX_BYTES

    flood = b"<html><body><p>" + b"a" * (PAGE_MAX_BYTES + 1024) + b"</p></body></html>"
    html = _article_html("Trump, Zelensky discuss weapons", _related_paragraphs())
    sent = {
        "gzip-bomb": ("Content-Encoding: gzip\r\n", gzip.compress(flood)),
        "deflate-bomb": ("Content-Encoding: deflate\r\n", zlib.compress(flood)),
        "brotli-bomb": ("Content-Encoding: br\r\n", brotli.compress(flood, quality=1)),
        "zstd-bomb": ("Content-Encoding: zstd\r\n", zstd.compress(flood)),
        "cut-brotli": ("Content-Encoding: br\r\n", brotli.compress(html)[:200]),
        "cut-zstd": ("Content-Encoding: zstd\r\n", zstd.compress(html)[:200]),
        "page": ("Content-Encoding: gzip\r\n", gzip.compress(html)),
    }
    crawl = b"".join(
        gzip.compress(_warc_record(f"https://example.org/{name}", body, number, headers))
        for number, (name, (headers, body)) in enumerate(sent.items(), start=1)
    )
    crawl += gzip.compress(_warc_record("https://example.org/huge", flood, 8))
    (tmp_path / "crawl.warc.gz").write_bytes(crawl)
    out = tmp_path / "out"
    assert ingest(str(tmp_path / "crawl.warc.gz"), "--out", str(out)).returncode == 0
    assert [d["url"] for d in read_jsonl(out / "documents.jsonl")] == ["https://example.org/page"]
    rejected = {item["record"].rstrip(">")[-1:]: item for item in read_jsonl(out / "quarantine.jsonl")}
    assert {number: item["reason_code"] for number, item in rejected.items()} == {
        "1": "page_too_large",
        "2": "page_too_large",
        "3": "page_too_large",
        "4": "page_too_large",
        "5": "broken_content_encoding",
        "6": "broken_content_encoding",
        "8": "page_too_large",
    }
    assert "more than 32 MB" in rejected["8"]["reason"]


def _wet_record(kind: str, body: bytes, record: int, content_type: str) -> bytes:
    """A WARC record without HTTP headers, gzipped on its own as Common Crawl writes each record."""
    head = (
        f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: https://daily8.example/{record}\r\n"
        f"WARC-Date: 2025-07-05T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:00000000-0000-0000-0000-{record:012d}>\r\n"
        f"Content-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode()
    return gzip.compress(head + body + b"\r\n\r\n")


def test_the_page_text_of_common_crawl_wet_records_is_read_as_a_page_dump(tmp_path: Path, sample_run: Path) -> None:
    """A WET file holds, in conversion records, each page's text as Common Crawl extracted it: the title tag's
    text on the first line, then a line a block, menus and all, no blank line between. Each is read as a page
    dump is, with the record's address and crawl date (which dates the related articles' "31 minutes ago"); its
    warcinfo record and a conversion to another format are passed over, and a page with no article is
    quarantined with its record. A resource record (a file archived without HTTP headers, as warcit writes one)
    with HTML is read as a response's HTML is, in the charset its Content-Type names."""
    lines = [line for line in SAMPLE_PAGE.read_text(encoding="utf-8").splitlines() if line.strip()]
    text = "\n".join([f"{SAMPLE_TITLES[0]} | Daily8", *lines]).encode()
    wet = _wet_record("warcinfo", b"Software-Info: ia-web-commons\r\n", 0, "application/warc-fields")
    wet += _wet_record("conversion", text, 1, "text/plain")
    wet += _wet_record("conversion", b'{"links": []}', 2, "application/json")
    wet += _wet_record("conversion", b"Sign in\nMenu\nSearch\n", 3, "text/plain")
    html = _article_html(SAMPLE_TITLES[0], _related_paragraphs()).decode().encode("cp1252")
    wet += _wet_record("resource", html, 4, "text/html; charset=windows-1252")
    wet_file = tmp_path / "CC-NEWS-0001.warc.wet.gz"
    wet_file.write_bytes(wet)
    # Told a WARC by its name, a WET file of Common Crawl's size (hundreds of MB) is split among the workers.
    assert read_by_parent(InputFile(str(wet_file), wet_file.name), SPLIT_BYTES + 1, IngestOptions())
    out = tmp_path / "out"

    assert ingest(str(tmp_path), "--out", str(out)).returncode == 0
    documents = read_jsonl(out / "documents.jsonl")
    assert [d["title"] for d in documents] == [*SAMPLE_TITLES, SAMPLE_TITLES[0]]
    assert documents[-1]["text"].startswith(_related_paragraphs()[0])
    documents = documents[:-1]
    # The same articles as the page dump gives, to the quote.
    page_dump = read_jsonl(sample_run / "documents.jsonl")
    assert [(d["text"], d["quotes"], d["dateline"], d["source"]) for d in documents] == [
        (d["text"], d["quotes"], d["dateline"], d["source"]) for d in page_dump
    ]
    assert {(d["url"], d["provenance"]["format"], d["provenance"]["record"]) for d in documents[:1]} == {
        ("https://daily8.example/1", "warc", "<urn:uuid:00000000-0000-0000-0000-000000000001>")
    }
    assert documents[1]["published_at"] == "2025-07-05T09:29:00Z"  # "31 minutes ago" at the crawl
    assert [(q["reason_code"], q["record"]) for q in read_jsonl(out / "quarantine.jsonl")] == [
        ("no_article", "<urn:uuid:00000000-0000-0000-0000-000000000003>")
    ]


def test_a_mirrored_site_s_style_sheets_scripts_images_and_documents_are_no_pages(tmp_path: Path) -> None:
    """A site mirrored with wget or HTTrack: beside its pages lie style sheets, scripts, images, fonts and PDFs,
    each quarantined as `not_a_page` saying what it is, not read as page text (a script's licence comment is prose
    enough to pass for an article), in a folder or a zip archive alike; the page is read."""
    licence = (
        "/*! Permission is hereby granted, free of charge, to any person obtaining a copy of this software and"
        " associated documentation files, to deal in the Software without restriction, including without"
        " limitation the rights to use, copy, modify, merge, publish and distribute it. */\n"
    )
    site = tmp_path / "site"
    for name, data in {
        "css/site.css": b"body { color: #222; }\n",
        "js/vendor.min.js": (licence + "var a=1;\n").encode(),
        "img/logo.svg": b'<svg xmlns="http://www.w3.org/2000/svg"></svg>',
        "img/photo.jpg": b"\xff\xd8\xff\xe0" + bytes(200),
        "fonts/body.woff2": b"wOF2" + bytes(100),
        "reports/annual.pdf": b"%PDF-1.7\n" + bytes(100),
        "news/story.txt": SAMPLE_PAGE.read_bytes(),
    }.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_bytes(data)
    with zipfile.ZipFile(tmp_path / "mirror.zip", "w") as packed:
        packed.write(site / "js/vendor.min.js", "js/vendor.min.js")
    out = tmp_path / "out"

    assert ingest(str(site), str(tmp_path / "mirror.zip"), "--out", str(out)).returncode == 0
    assert [d["title"] for d in read_jsonl(out / "documents.jsonl")] == SAMPLE_TITLES
    rejected = {
        item["source"].removeprefix(f"{tmp_path}/"): (item["reason_code"], item["reason"])
        for item in read_jsonl(out / "quarantine.jsonl")
    }
    assert rejected == {
        "site/css/site.css": ("not_a_page", "a style sheet (.css), not a page, crawl or export"),
        "site/js/vendor.min.js": ("not_a_page", "a script (.js), not a page, crawl or export"),
        "mirror.zip/js/vendor.min.js": ("not_a_page", "a script (.js), not a page, crawl or export"),
        "site/img/logo.svg": ("not_a_page", "an image (.svg), not a page, crawl or export"),
        "site/img/photo.jpg": ("not_a_page", "an image (.jpg), not a page, crawl or export"),
        "site/fonts/body.woff2": ("not_a_page", "a font (.woff2), not a page, crawl or export"),
        "site/reports/annual.pdf": (
            "not_a_page",
            "a document (.pdf), not a page, crawl or export: convert it to text or HTML to read it",
        ),
    }


def test_help_shows_the_examples_and_the_ray_install_line_whole() -> None:
    """The epilog is rich markup: "[ray]" unescaped was taken for a tag and vanished from the install line."""
    shown = subprocess.run(
        [sys.executable, "-m", "builder.cli", "ingest", "--help"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "COLUMNS": "200"},
    ).stdout
    assert "builder ingest samples --out out" in shown
    assert "pip install 'news-stance-builder[ray]'" in shown


def test_strict_fails_on_rejections_and_nothing_readable_fails(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = ingest(str(tmp_path / "empty.txt"), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert "Nothing could be read" in result.stderr
    mixed = ingest(str(SAMPLE_PAGE), str(tmp_path / "empty.txt"), "--out", str(tmp_path / "out2"), "--strict")
    assert mixed.returncode == 1
    assert "--strict" in mixed.stderr


def test_bad_targets_file_names_the_entry_and_field(tmp_path: Path) -> None:
    targets = tmp_path / "targets.yaml"
    targets.write_text("- target_id: Bad Id\n  text: x\n  type: topic\n  description: d\n", encoding="utf-8")
    result = ingest(str(SAMPLE_PAGE), "--out", str(tmp_path / "out"), "--targets", str(targets))
    assert result.returncode == 2
    assert f"{targets}:1: target 1 (Bad Id): target_id: String should match pattern" in result.stderr


def test_discover_walks_in_name_order_skips_dotfiles_and_yields_each_file_once(tmp_path: Path) -> None:
    from builder.ingest.sources import discover

    root = tmp_path / "dumps"
    (root / "b").mkdir(parents=True)
    (root / "a.txt").write_text("a")
    (root / "b" / "c.txt").write_text("c")
    (root / "b.txt").write_text("b")
    (root / ".hidden.txt").write_text("hidden")
    (root / "linked.txt").symlink_to(root / "a.txt")
    (root / "broken.txt").symlink_to(root / "missing.txt")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "x.txt").write_text("x")
    (root / "z-dir-link").symlink_to(outside, target_is_directory=True)

    shown = [found.shown for found in discover([str(root)])]
    # A directory's files come in its place by name ("b" before "b.txt"); a link to a file is that file, read
    # once; a dotfile and a linked directory are not inputs; a broken link is, for reading it to quarantine it.
    broken = root / "broken.txt"
    assert shown == [str(root / "a.txt"), str(root / "b" / "c.txt"), str(root / "b.txt"), str(broken)]
    overlapping = [found.shown for found in discover([str(root / "b"), str(root), str(root / "*.txt")])]
    assert overlapping == [str(root / "b" / "c.txt"), str(root / "a.txt"), str(root / "b.txt"), str(broken)]
    assert [found.path for found in discover([str(root / "*.txt")])] == [root / "a.txt", root / "b.txt", broken]


def test_a_second_run_into_an_output_folder_inside_the_input_reads_the_same_inputs(tmp_path: Path) -> None:
    """`--out` inside the input folder: the second run must not read the first one's documents, quarantine and
    report as inputs (they read as scraper records and bad JSON); a file in it named on its own is read."""
    inputs = tmp_path / "dumps"
    inputs.mkdir()
    (inputs / "page.txt").write_text(SAMPLE_PAGE.read_text(encoding="utf-8"), encoding="utf-8")
    out = inputs / "out"
    runs = []
    for glob_or_folder in (str(inputs), str(inputs), f"{inputs}/**/*.*"):
        assert ingest(glob_or_folder, "--out", str(out)).returncode == 0
        report = json.loads((out / "report.json").read_text(encoding="utf-8"))
        files = sorted(row["path"] for row in report["files"])
        runs.append((report["documents"], files, read_jsonl(out / "quarantine.jsonl")))
    assert runs == [(4, [str(inputs / "page.txt")], [])] * 3
    named = ingest(str(out / "documents.jsonl"), "--out", str(tmp_path / "again"))
    assert named.returncode == 0
    assert len(read_jsonl(tmp_path / "again" / "documents.jsonl")) == 4


def test_fsspec_urls_are_inputs_of_the_local_engine(tmp_path: Path) -> None:
    """A folder and a glob given as file:// URLs give the documents a path gives, with the URL as provenance, at
    one worker and at two."""
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    (dumps / "page.txt").write_text(SAMPLE_PAGE.read_text(encoding="utf-8"), encoding="utf-8")
    (dumps / "page.txt.gz").write_bytes(gzip.compress(b"A page without an article"))
    (dumps / "broken.txt.gz").write_bytes(gzip.compress(SAMPLE_PAGE.read_bytes())[:300])
    by_path = tmp_path / "by-path"
    assert ingest(str(dumps), "--out", str(by_path)).returncode == 0
    expected = read_jsonl(by_path / "documents.jsonl")
    assert len(expected) == 4

    for name, url, workers in [("folder", dumps.as_uri(), "1"), ("glob", f"{dumps.as_uri()}/*.gz", "2")]:
        out = tmp_path / name
        result = ingest(url, "--out", str(out), "--workers", workers)
        assert result.returncode == 0, result.stderr
        documents = read_jsonl(out / "documents.jsonl")
        report = json.loads((out / "report.json").read_text(encoding="utf-8"))
        shown = [row["path"] for row in report["files"]]
        if name == "folder":
            assert [document["title"] for document in documents] == [document["title"] for document in expected]
            assert [document["text"] for document in documents] == [document["text"] for document in expected]
            assert {document["provenance"]["path"] for document in documents} == {f"{url}/page.txt"}
            assert shown == [f"{url}/{file}" for file in ("broken.txt.gz", "page.txt", "page.txt.gz")]
        else:
            assert shown == [f"{dumps.as_uri()}/{file}" for file in ("broken.txt.gz", "page.txt.gz")]
        quarantine = read_jsonl(out / "quarantine.jsonl")
        assert [(item["source"], item["reason_code"]) for item in quarantine] == [
            (f"{dumps.as_uri()}/broken.txt.gz", "truncated_gzip"),
            (f"{dumps.as_uri()}/page.txt.gz", "no_article"),
        ]


def test_a_chained_fsspec_url_reads_inside_the_archive_it_names(tmp_path: Path) -> None:
    """ "zip://a/*.txt::file:///data/d.zip" names files inside an archive: each found file keeps the chain. It
    lost it, and was looked for as "a/page.txt" against the working directory."""
    archive = tmp_path / "d.zip"
    with zipfile.ZipFile(archive, "w") as packed:
        packed.writestr("a/page.txt", SAMPLE_PAGE.read_bytes())
    for name, url in [
        ("file", f"zip://a/page.txt::{archive.as_uri()}"),
        ("glob", f"zip://a/*.txt::{archive.as_uri()}"),
    ]:
        out = tmp_path / name
        result = ingest(url, "--out", str(out))
        assert result.returncode == 0, result.stderr
        documents = read_jsonl(out / "documents.jsonl")
        assert [document["title"] for document in documents] == SAMPLE_TITLES
        assert {document["provenance"]["path"] for document in documents} == {f"zip://a/page.txt::{archive.as_uri()}"}


def test_a_url_that_cannot_be_fetched_is_quarantined_not_fatal() -> None:
    """A file listed at a URL but gone when it is read (another fsspec file system: memory://) is rejected with
    a reason, under its URL, and the other files are read."""
    import fsspec

    from builder.ingest.pipeline import IngestOptions, ingest_file
    from builder.ingest.sources import discover

    memory = fsspec.filesystem("memory")
    memory.pipe("/dumps/a-page.txt", SAMPLE_PAGE.read_bytes())
    memory.pipe("/dumps/b-gone.txt", b"A page that is deleted after it was listed.")
    try:
        found = list(discover(["memory://dumps"]))
        memory.rm("/dumps/b-gone.txt")
        page, gone = (ingest_file(source, IngestOptions()) for source in found)
    finally:
        memory.rm("/dumps", recursive=True)
    assert [source.shown for source in found] == ["memory:///dumps/a-page.txt", "memory:///dumps/b-gone.txt"]
    assert len(page.documents) == 4
    assert not page.rejections
    assert not gone.documents
    assert [(item.source, item.code) for item in gone.rejections] == [("memory:///dumps/b-gone.txt", "unreadable")]
    assert gone.rejections[0].reason.startswith("cannot fetch the file")


def test_a_url_that_cannot_be_listed_stops_the_run_with_one_clear_line(tmp_path: Path) -> None:
    result = ingest("nosuch://bucket/dumps/", "--out", str(tmp_path))
    assert result.returncode == 1
    assert "cannot list nosuch://bucket/dumps/: Protocol not known: nosuch" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("printed", "crawled", "expected"),
    [
        ("5 July 2025 10:00", None, "2025-07-05T10:00:00+00:00"),
        ("2025-07-05T10:00:00+02:00", None, "2025-07-05T10:00:00+02:00"),
        # No date printed, only a weekday or a time: unknown, not a day in 2000.
        ("Monday, 12:30 PM", "2025-07-06T12:00:00+00:00", None),
        ("12:30 PM", "2025-07-06T12:00:00+00:00", None),
        # A day and month: the latest such day up to the crawl, unknown without a crawl date.
        ("July 5", "2025-07-06T12:00:00+00:00", "2025-07-05T00:00:00+00:00"),
        ("December 30", "2025-07-06T12:00:00+00:00", "2024-12-30T00:00:00+00:00"),
        ("July 5", None, None),
        ("July 2025", None, None),
        ("2 hours ago", "2025-07-06T12:00:00+00:00", "2025-07-06T10:00:00+00:00"),
        # Zone names news pages print; one dateutil does not know is read as UTC, without a warning.
        ("July 5, 2025 10:00 AM EST", None, "2025-07-05T10:00:00-05:00"),
        ("5 July 2025 09:00 MYT", None, "2025-07-05T09:00:00+08:00"),
        ("5 July 2025 09:00 XYZT", None, "2025-07-05T09:00:00+00:00"),
        # "@" before the time, "UTC" between the date and the time.
        ("on Friday December 19, 2025 @08:00PM", None, "2025-12-19T20:00:00+00:00"),
        ("2025-12-17UTC07:30:00+00:00", None, "2025-12-17T07:30:00+00:00"),
        ("news@example.com", None, None),
    ],
)
def test_a_published_date_is_what_was_printed_never_a_filled_in_default(
    printed: str, crawled: str | None, expected: str | None
) -> None:
    from datetime import datetime

    from builder.ingest.dates import parse_published

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        found = parse_published(printed, datetime.fromisoformat(crawled) if crawled else None)
    assert (found.isoformat() if found else None) == expected


def test_a_file_that_fails_while_read_is_unreadable_not_truncated(tmp_path: Path) -> None:
    """The JSONL reader's two failures keep their own reason codes (a directory stands in for a read that
    fails: the operating system refuses to read it, a real error rather than a mock)."""
    from builder.jsonl import InputError, iter_lines

    with pytest.raises(InputError) as unreadable:
        list(iter_lines(tmp_path))
    assert unreadable.value.code == "unreadable"
    broken = tmp_path / "broken.jsonl.gz"
    broken.write_bytes(gzip.compress(b'{"title": "t", "text": "x"}\n' * 200)[:60])
    with pytest.raises(InputError) as truncated:
        list(iter_lines(broken))
    assert truncated.value.code == "truncated_gzip"


def test_scraper_records_point_at_their_bytes_whatever_the_line_endings(tmp_path: Path) -> None:
    """Each scraper record's provenance offset is where its line starts in the file, with LF or CRLF endings
    (counting one byte an ending put every record of a CRLF file one byte further back per line above it)."""
    records = [
        json.dumps({"title": f"Story {number}", "text": f"Paragraph one of story {number}. It says something."})
        for number in range(3)
    ]
    for name, ending in [("lf.jsonl", b"\n"), ("crlf.jsonl", b"\r\n")]:
        data = ending.join(record.encode() for record in records) + ending
        (tmp_path / name).write_bytes(data)
        out = tmp_path / f"out-{name}"
        assert ingest(str(tmp_path / name), "--out", str(out)).returncode == 0
        documents = read_jsonl(out / "documents.jsonl")
        offsets = [document["provenance"]["offset"] for document in documents]
        assert [data[offset:].split(ending, 1)[0].decode() for offset in offsets] == records


def test_a_reference_to_a_control_character_does_not_lose_the_page(tmp_path: Path) -> None:
    """One `&#x1;` or `&#xFFFF;` in a paragraph made trafilatura find no article in the whole page (no_article),
    though the raw character in its place was read: such a reference names nothing a page shows."""
    paragraphs = _related_paragraphs()
    for name, reference in (("control.html", "&#x1;"), ("decimal.html", "&#31;"), ("noncharacter.html", "&#xFFFF;")):
        marked = [paragraphs[0].replace(" ", f" {reference}", 1), *paragraphs[1:]]
        (tmp_path / name).write_bytes(_article_html("Trump, Zelensky discuss weapons", marked))
    out = tmp_path / "out"

    assert ingest(str(tmp_path), "--out", str(out)).returncode == 0

    assert read_jsonl(out / "quarantine.jsonl") == []
    documents = read_jsonl(out / "documents.jsonl")
    assert [document["text"].split("\n\n")[0] for document in documents] == [paragraphs[0]] * 3


def test_a_saved_page_carries_the_address_its_head_states(tmp_path: Path) -> None:
    """An HTML file's documents had no url, though the page states its address in its head: its canonical link,
    else `og:url`; a relative one or one urlsplit cannot read is none, and a WARC's target stays the document's."""
    html = _article_html("Trump, Zelensky discuss weapons", _related_paragraphs()).decode()
    canonical = '<link rel="Canonical" href="https://www.freemalaysiatoday.com/category/world/2025/07/05/a/">'
    og_url = '<meta property="og:url" content="https://www.freemalaysiatoday.com/b">'
    heads = {
        "canonical.html": canonical + og_url,
        "og.html": og_url,
        "relative.html": '<link rel="canonical" href="/c">',
        # An unclosed IPv6 host: urlsplit raises on it, which lost the page.
        "broken-host.html": '<link rel="canonical" href="https://[broken/c">',
    }
    for name, head in heads.items():
        (tmp_path / name).write_text(html.replace("<head>", f"<head>{head}"), encoding="utf-8")
    (tmp_path / "crawl.warc").write_bytes(
        _warc_record("https://fmt.example/d", html.replace("<head>", f"<head>{og_url}").encode(), 1)
    )
    out = tmp_path / "out"

    assert ingest(str(tmp_path), "--out", str(out)).returncode == 0

    urls = {
        Path(document["provenance"]["path"]).name: document["url"] for document in read_jsonl(out / "documents.jsonl")
    }
    assert urls == {
        "canonical.html": "https://www.freemalaysiatoday.com/category/world/2025/07/05/a/",
        "og.html": "https://www.freemalaysiatoday.com/b",
        "relative.html": None,
        "broken-host.html": None,
        "crawl.warc": "https://fmt.example/d",
    }


def test_an_html_headline_inside_the_article_is_its_title_not_its_first_paragraph(tmp_path: Path) -> None:
    """trafilatura keeps an <h1> that sits inside <article> as the text's first block (a fifth of the WCXB
    pages): it is the title, and the dateline is read from the paragraph after it."""
    title = SAMPLE_TITLES[3]
    paragraphs = _related_paragraphs()
    (tmp_path / "story.html").write_bytes(_article_html(title, [f"KYIV, July 5 — {paragraphs[0]}", *paragraphs[1:]]))
    out = tmp_path / "out"
    assert ingest(str(tmp_path / "story.html"), "--out", str(out)).returncode == 0
    (document,) = read_jsonl(out / "documents.jsonl")
    assert document["title"] == title
    assert document["text"].startswith(paragraphs[0])
    assert document["dateline"]["place"] == "KYIV"


def test_html_metadata_takes_the_first_json_ld_article_the_page_s_own() -> None:
    """A page whose JSON-LD describes its article and then a related one keeps its own headline, date and last
    update."""
    from lxml import html as lxml_html

    from builder.ingest.html_metadata import page_metadata

    def metadata_of(*articles: dict[str, str]) -> tuple[str | None, ...]:
        page = (
            '<html><head><script type="application/ld+json">'
            + json.dumps({"@graph": list(articles)})
            + "</script></head><body><h1>Hamas accepts Gaza deal</h1><p>Text.</p></body></html>"
        )
        found = page_metadata(lxml_html.fromstring(page))
        return found.title, found.published, found.updated

    own = {"@type": "NewsArticle", "headline": "Hamas accepts Gaza deal", "datePublished": "2025-07-05T09:00:00Z"}
    related = {"@type": "NewsArticle", "headline": "Markets rally", "datePublished": "2025-07-01T08:00:00Z"}
    related_updated = related | {"dateModified": "2025-07-02T08:00:00Z"}
    assert metadata_of(own, related_updated) == (own["headline"], own["datePublished"], None)
    updated = own | {"dateModified": "2025-07-06T10:00:00Z"}
    assert metadata_of(updated, related) == (own["headline"], own["datePublished"], "2025-07-06T10:00:00Z")


def test_json_ld_nested_past_the_recursion_limit_is_no_metadata_not_a_lost_page() -> None:
    """JSON-LD of arrays nested thousands deep made Python's JSON reader raise RecursionError, which lost the page
    as a fault of the builder's: it is now JSON-LD that says nothing, as broken JSON-LD is."""
    from lxml import html as lxml_html

    from builder.ingest.html_metadata import page_metadata

    deep = "[" * 5000 + "]" * 5000
    page = (
        f'<html><head><script type="application/ld+json">{deep}</script><title>Gaza deal</title></head>'
        "<body><h1>Hamas accepts Gaza deal</h1><p>Text.</p></body></html>"
    )
    assert page_metadata(lxml_html.fromstring(page)).published is None


@pytest.mark.parametrize(
    ("head", "headings", "title"),
    [
        # The printed headline, not the SEO title the head states, and not the blog's name in the first <h1>.
        (
            '<meta property="og:title" content="Top 11 SEO Strategies for 2025 | Lucca">'
            '<meta property="og:site_name" content="Lucca">',
            ["Lucca Marketing Blog", "11 SEO Strategies for 2025 to Boost Rankings and Stay Ahead"],
            "11 SEO Strategies for 2025 to Boost Rankings and Stay Ahead",
        ),
        # The site's name as the only <h1>: the stated title, without the site name.
        (
            "<title>Travel Insurance For Yoga Retreats | Ambuja Yoga</title>"
            '<meta property="og:site_name" content="Ambuja Yoga">',
            ["Ambuja Yoga"],
            "Travel Insurance For Yoga Retreats",
        ),
        # A headline typed in capitals gives way to the same words in their case.
        (
            '<meta property="og:title" content="Tips for Online Success">',
            ["TIPS FOR ONLINE SUCCESS"],
            "Tips for Online Success",
        ),
        # And so does a section's label in capitals that shares words with the stated title.
        (
            '<meta property="og:title" content="GAAP Compliance: Applying Accounting Best Practices">',
            ["SUPPORTING GAAP COMPLIANCE"],
            "GAAP Compliance: Applying Accounting Best Practices",
        ),
        # No title stated at all (a feed item's HTML): the <h1>.
        ("", ["Council extends the night buses"], "Council extends the night buses"),
        # A meta title escaped once and twice more than its markup needs (WordPress), and no <h1>.
        (
            '<meta property="og:title" content="M&amp;amp;A Roundup: And finally&amp;amp;#8230; 45 deals">',
            [],
            "M&A Roundup: And finally… 45 deals",
        ),
        # UTF-8 read as Latin-1 where the site wrote its metadata, mended; its name then comes off.
        (
            '<meta property="og:title" content="Toddlers and Sleep | JOHNSON\u00e2\u0080\u0099S\u00c2\u00ae">'
            '<meta property="og:site_name" content="JOHNSON\u2019S\u00ae">',
            [],
            "Toddlers and Sleep",
        ),
        # An aggregator's credit of the linked story's domain, and a label before the title.
        (
            '<meta property="og:title" content="Grads Find Degrees No Longer Guarantee Jobs (latimes.com)">',
            [],
            "Grads Find Degrees No Longer Guarantee Jobs",
        ),
        # The same printed as a headline, with the story's points (WCXB page 0396).
        (
            "",
            ["Grads Find Degrees No Longer Guarantee Jobs (latimes.com) 87"],
            "Grads Find Degrees No Longer Guarantee Jobs",
        ),
        # A line break inside the headline is a space (WCXB page 0022).
        (
            "",
            ["Top MBA Programs of 2025 (US)<br>Your Guide to the Best Business Schools"],
            "Top MBA Programs of 2025 (US) Your Guide to the Best Business Schools",
        ),
        ("<title>Title:Merging Language Models</title>", [], "Merging Language Models"),
        # A <h1> that holds the post's meta line after the headline: the stated title.
        (
            '<meta property="og:title" content="Top Strategies to Optimize Blockchain Security">',
            ["Top Strategies to Optimize Blockchain Security <span>Posted on July 1, 2024 by Ivy</span>"],
            "Top Strategies to Optimize Blockchain Security",
        ),
    ],
)
def test_an_html_page_s_title_is_its_printed_headline_when_the_stated_titles_agree(
    head: str, headings: list[str], title: str
) -> None:
    from lxml import html as lxml_html

    from builder.ingest.html import page_title
    from builder.ingest.html_metadata import page_metadata

    body = "".join(f"<h1>{heading}</h1>" for heading in headings)
    page = f"<html><head>{head}</head><body>{body}<p>Text of the article.</p></body></html>"
    assert page_title(page_metadata(lxml_html.fromstring(page))) == title


@pytest.mark.parametrize(
    ("stated", "host", "title"),
    [
        # WCXB pages 4182 and 4304, which state no site name: their address spells the one after the bar.
        (
            "The Ultimate Car Maintenance Checklist | Bridgestone Tires",
            "tires.bridgestone.com",
            "The Ultimate Car Maintenance Checklist",
        ),
        (
            "Top 5 HR Management Software in 2026 | DianaHR",
            "www.getdianahr.com",
            "Top 5 HR Management Software in 2026",
        ),
        # A part of the title that another site's address does not spell stays, and so does a subtitle.
        (
            "The Ultimate Car Maintenance Checklist | Bridgestone Tires",
            "www.example.com",
            "The Ultimate Car Maintenance Checklist | Bridgestone Tires",
        ),
        (
            "Rust in Production: Lessons from Cloudflare",
            "blog.cloudflare.com",
            "Rust in Production: Lessons from Cloudflare",
        ),
        ("Why We Chose Postgres | Engineering", "engineering.example.com", "Why We Chose Postgres"),
        ("Postgres | Engineering", "engineering.example.com", "Postgres | Engineering"),
    ],
)
def test_a_site_name_the_page_s_address_spells_comes_off_its_title(stated: str, host: str, title: str) -> None:
    from lxml import html as lxml_html

    from builder.ingest.html import page_title
    from builder.ingest.html_metadata import page_metadata

    page = f"<html><head><title>{stated}</title></head><body><p>Text of the article.</p></body></html>"
    assert page_title(page_metadata(lxml_html.fromstring(page)), host) == title


def test_an_html_page_without_a_stated_date_takes_the_one_printed_by_its_headline() -> None:
    """A quarter of the pages state no date in their head; the byline under the headline prints it. Script text
    after the headline is not read, and a page whose head states a date keeps that one."""
    from builder.ingest.html import extract_html

    paragraphs = _related_paragraphs()
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    page = (
        "<html><head><title>Trump, Zelensky discuss weapons | FMT</title></head><body><article>"
        "<h1>Trump, Zelensky discuss weapons</h1><script>var built = 'June 1, 2020';</script>"
        "<div class='byline'><span>By Ana Ruiz</span> | <span>July 5, 2025</span></div>"
        f"{body}</article></body></html>"
    )
    article = extract_html(page)
    assert article is not None
    assert article.published_text == "July 5, 2025"
    # A headline printed with the site's name after it, which the title loses.
    suffixed = page.replace(
        "<h1>Trump, Zelensky discuss weapons</h1>", "<h1>Trump, Zelensky discuss weapons | FMT</h1>"
    )
    assert (found := extract_html(suffixed.replace("<title>", '<meta property="og:site_name" content="FMT"><title>')))
    assert (found.title, found.published_text) == ("Trump, Zelensky discuss weapons", "July 5, 2025")
    stated = page.replace("</title>", '</title><meta property="article:published_time" content="2025-07-04">')
    assert (found := extract_html(stated)) is not None
    assert (found.published_text, found.updated_text) == ("2025-07-04", None)
    # A date printed as the last update's is that: the article's publication is then looked for past it.
    updated = page.replace("<span>July 5, 2025</span>", "<span>Updated:</span> <span>July 9, 2025</span>")
    assert (found := extract_html(updated)) is not None
    assert (found.published_text, found.updated_text) == (None, "July 9, 2025")
    both = updated.replace("</div>", "<p>Published July 5, 2025</p></div>")
    assert (found := extract_html(both)) is not None
    assert (found.published_text, found.updated_text) == ("July 5, 2025", "July 9, 2025")
    # Or stated in the page's head.
    modified = '</title><meta property="article:modified_time" content="2025-07-09T08:00:00Z">'
    assert (found := extract_html(stated.replace("</title>", modified))) is not None
    assert (found.published_text, found.updated_text) == ("2025-07-04", "2025-07-09T08:00:00Z")


def test_an_html_article_loses_the_header_trafilatura_keeps_above_its_body() -> None:
    """A reading time, byline and date set as paragraphs under the headline are the article's header, not its text,
    as in a page dump or a scraper's record; the date stands in where the page states none."""
    from builder.ingest.html import extract_html

    paragraphs = _related_paragraphs()
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    header = "<p>3 minute read</p><p>By Ana Ruiz</p><p>July 5, 2025</p>"
    page = (
        "<html><head><title>Trump, Zelensky discuss weapons | FMT</title></head><body><article>"
        f"<h1>Trump, Zelensky discuss weapons</h1>{header}{body}</article></body></html>"
    )
    article = extract_html(page)
    assert article is not None
    assert [text for text, _ in article.paragraphs] == paragraphs
    assert article.published_text == "July 5, 2025"
    # A date the page states wins over the printed one.
    stated = page.replace("</title>", '</title><meta property="article:published_time" content="2025-07-04">')
    assert (found := extract_html(stated)) is not None
    assert ([text for text, _ in found.paragraphs], found.published_text) == (paragraphs, "2025-07-04")
    # A dated line that leads into what follows is text.
    lead = page.replace(header, "<p>Effective beginning July 5, 2025:</p>")
    assert (found := extract_html(lead)) is not None
    assert [text for text, _ in found.paragraphs] == ["Effective beginning July 5, 2025:", *paragraphs]


def test_an_html_page_that_states_and_prints_no_date_by_its_headline_takes_one_htmldate_finds() -> None:
    """No date in the head nor by the headline: htmldate reads one from the URL, else from the page's elements (a
    dated element above the headline), kept apart as a searched date, which a date stated by a feed item or scraper
    record beats (`tests/test_ingest_feeds.py`); a page that states one keeps it, and a page with none anywhere has
    none (no date is made up)."""
    from builder.ingest.html import extract_html

    body = "".join(f"<p>{paragraph}</p>" for paragraph in _related_paragraphs())
    page = f"<html><head><title>Weapons talks</title></head><body><article><h1>Weapons talks</h1>{body}</article>"
    undated = page + "</body></html>"
    dated_url = "https://news.example.com/2025/07/05/weapons-talks/"
    assert (found := extract_html(undated, dated_url)) is not None
    assert (found.published_text, found.searched_date) == (None, "2025-07-05")
    timed = undated.replace("<article>", '<div class="entry-date">July 4, 2025</div><article>')
    assert (found := extract_html(timed, "https://news.example.com/weapons-talks")) is not None
    assert (found.published_text, found.searched_date) == (None, "2025-07-04")
    stated = undated.replace("</title>", '</title><meta property="article:published_time" content="2025-07-01">')
    assert (found := extract_html(stated, dated_url)) is not None
    assert (found.published_text, found.searched_date) == ("2025-07-01", None)
    assert (found := extract_html(undated, "https://news.example.com/weapons-talks")) is not None
    assert (found.published_text, found.searched_date) == (None, None)


def test_page_dump_offsets_count_the_file_s_own_bytes_in_every_encoding(tmp_path: Path) -> None:
    """Each article's provenance offset is its first byte in the file as stored: after a UTF-8 byte-order mark,
    in a Windows-1252 page (curly quotes and dashes one byte each, not UTF-8's three), in a UTF-8 page with a
    character cut in two near the top (two bytes that decoding replaces with one U+FFFD of three), and in UTF-16
    and UTF-32 pages (Windows' "Unicode" text, with a byte-order mark or, for UTF-16, without). A stray NUL byte
    near the top (which used to make the page "binary") and NULs padding the end (an interrupted write) are
    repaired, and the offsets still count them."""
    sample = SAMPLE_PAGE.read_text(encoding="utf-8")
    first_line, rest = sample.split("\n", 1)
    files = {
        "bom.txt": (b"\xef\xbb\xbf" + sample.encode("utf-8"), "utf-8"),
        "legacy.txt": (sample.encode("cp1252", errors="replace"), "cp1252"),
        "damaged.txt": (first_line.encode("utf-8") + "’".encode()[:2] + b"\n" + rest.encode("utf-8"), "utf-8"),
        "utf16.txt": (b"\xff\xfe" + sample.encode("utf-16-le"), "utf-16-le"),
        "utf16be-no-bom.txt": (sample.encode("utf-16-be"), "utf-16-be"),
        "utf32.txt": (b"\xff\xfe\x00\x00" + sample.encode("utf-32-le"), "utf-32-le"),
        "stray-nul.txt": (first_line.encode("utf-8") + b"\n\x00\n" + rest.encode("utf-8"), "utf-8"),
        "nul-padded.txt": (sample.encode("utf-8") + bytes(4096), "utf-8"),
    }
    for name, (data, codec) in files.items():
        (tmp_path / name).write_bytes(data)
        out = tmp_path / f"out-{name}"
        assert ingest(str(tmp_path / name), "--out", str(out)).returncode == 0
        documents = read_jsonl(out / "documents.jsonl")
        assert [d["title"] for d in documents] == SAMPLE_TITLES, name
        for document in documents:
            title = document["title"].encode(codec)
            start = document["provenance"]["offset"]
            assert data[start : start + len(title)] == title, (name, document["title"])


def test_scraper_exports_by_their_own_field_names_and_by_field_overrides(tmp_path: Path) -> None:
    """news-please and trafilatura exports are read by their own field names; a nested export by `--field`
    paths, a record without the path named is quarantined naming it, and a bad `--field` stops the command."""
    body = " ".join(_related_paragraphs())
    news_please = {
        "title": "Zelensky and Trump talk air defence",
        "maintext": body,
        "date_publish": "2025-07-05 09:00:00",
        "date_modify": "2025-07-06 10:30:00",
        "source_domain": "www.freemalaysiatoday.com",
        "url": "https://www.freemalaysiatoday.com/a",
    }
    trafilatura_json = {
        "title": "Trump and Zelensky discuss weapons",
        "raw_text": body,
        "source": "https://www.freemalaysiatoday.com/b",
        "source-hostname": "Free Malaysia Today",
        "date": "2025-07-05",
    }
    (tmp_path / "known.jsonl").write_text(f"{json.dumps(news_please)}\n{json.dumps(trafilatura_json)}\n")
    out = tmp_path / "known"
    assert ingest(str(tmp_path / "known.jsonl"), "--out", str(out)).returncode == 0
    documents = read_jsonl(out / "documents.jsonl")
    assert [(d["title"], d["source"], d["published_text"], d["updated_text"]) for d in documents] == [
        (news_please["title"], "www.freemalaysiatoday.com", "2025-07-05 09:00:00", "2025-07-06 10:30:00"),
        (trafilatura_json["title"], "Free Malaysia Today", "2025-07-05", None),
    ]
    assert all(d["text"].startswith(body[:40]) for d in documents)

    nested = [{"meta": {"headline": "Air defence talks"}, "body": {"plain": body}}, {"meta": {"headline": "Empty"}}]
    (tmp_path / "nested.jsonl").write_text("".join(json.dumps(record) + "\n" for record in nested))
    out = tmp_path / "nested"
    overrides = ["--field", "title=meta.headline", "--field", "text=body.plain"]
    assert ingest(str(tmp_path / "nested.jsonl"), "--out", str(out), *overrides).returncode == 0
    assert [d["title"] for d in read_jsonl(out / "documents.jsonl")] == ["Air defence talks"]
    [missing] = read_jsonl(out / "quarantine.jsonl")
    assert (missing["line"], missing["reason_code"], missing["field"]) == (2, "no_text", "text")
    assert "body.plain" in missing["reason"]

    bad = ingest(str(tmp_path / "nested.jsonl"), "--out", str(out), "--field", "headline=meta.headline")
    assert bad.returncode == 2
    assert "--field 'headline=meta.headline'" in bad.stderr
    # A path with an empty key, and a field given twice (the last one silently won), stop it too.
    for pair, said in (
        (["title=meta..headline"], "names a key between each two dots"),
        (["title=meta.headline", "title=meta.h1"], "title is given twice"),
    ):
        twice = [argument for value in pair for argument in ("--field", value)]
        refused = ingest(str(tmp_path / "nested.jsonl"), "--out", str(out), *twice)
        assert refused.returncode == 2
        assert said in " ".join(refused.stderr.split())


def _ingest_pages(folder: Path, pages: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    """Write each page as `NAME.txt` into `folder`, ingest the folder, and give each page's documents by NAME."""
    for name, text in pages.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    out = folder / "out"
    assert ingest(str(folder), "--out", str(out)).returncode == 0
    documents: dict[str, list[dict[str, Any]]] = {name: [] for name in pages}
    for document in read_jsonl(out / "documents.jsonl"):
        documents[Path(document["provenance"]["path"]).stem].append(document)
    return documents


def test_an_outlet_is_a_name_by_the_time_never_a_button_or_an_author(tmp_path: Path) -> None:
    """A page's outlet is the name an app prints by a relative time ("Reuters · 3 hours ago") or as a label and
    a bullet beside the time (the sample); "Reply" and "Table of Contents" printed twice by a date, and a blog's
    author before a date, are no outlet."""
    body = "\n\n".join(_related_paragraphs())
    headers = {
        "app": "Reuters · 3 hours ago",
        "buttons": "Reply\n\nJuly 5, 2025\n\nReply\n\nTable of Contents\n\nTable of Contents",
        "blog": "Marta Aguilar · 2025-07-05",
    }
    title = SAMPLE_TITLES[3]
    pages = {name: f"Menu\n\n{title}\n\n{header}\n\n{body}\n" for name, header in headers.items()}
    found = {name: [(d["title"], d["source"]) for d in docs] for name, docs in _ingest_pages(tmp_path, pages).items()}
    assert found == {"app": [(title, "Reuters")], "buttons": [(title, None)], "blog": [(title, None)]}


def test_the_published_time_is_read_above_the_title_and_from_long_or_glued_bylines(tmp_path: Path) -> None:
    """Many sites print the date over the headline, in a byline that runs long or glues the date to the author's
    name, or on a line of its own among the body's first; each is the article's published time, but for one
    labelled as its last update ("Updated Dec 19, 2025"), which is that. A date above the previous article's prose
    is neither."""
    paragraphs = _related_paragraphs()
    body = "\n\n".join(paragraphs)
    title = SAMPLE_TITLES[3]
    headers = {
        "above": (f"September 4, 2025\n\nWorld\n\n{title}", ("September 4, 2025", None)),
        "glued": (f"{title}\n\nByKathryn GiuffridaMar 5, 2025 | 6 comments", ("Mar 5, 2025", None)),
        "long": (
            f"{title}\n\nBy Ann Lee, CFP – Updated Dec 19, 2025 at 4:28 PM EST | Fact-checked by Frank Bass",
            (None, "Dec 19, 2025 at 4:28 PM EST"),
        ),
        # A time zone is written in capitals: the "by" after a time is the byline's, not a zone.
        "time-then-by": (
            f"{title}\n\nPosted on Dec 19, 2025 at 4:28 pm by Ann Lee",
            ("Dec 19, 2025 at 4:28 pm", None),
        ),
        "prose-between": (f"July 1, 2025\n\n{paragraphs[0]}\n\n{title}", (None, None)),
    }
    atop_body = "\n\n".join([*paragraphs[:2], "Published: Nov 24, 2025", *paragraphs[2:]])
    pages = {name: f"Menu\n\n{header}\n\n{body}\n" for name, (header, _) in headers.items()}
    pages["atop-body"] = f"Menu\n\n{title}\n\n{atop_body}\n"
    found = {
        name: [(d["published_text"], d["updated_text"]) for d in docs if d["title"] == title]
        for name, docs in _ingest_pages(tmp_path, pages).items()
    }
    assert found == {name: [want] for name, (_, want) in headers.items()} | {"atop-body": [("Nov 24, 2025", None)]}


def test_an_article_that_says_when_it_was_first_published_is_dated_so(tmp_path: Path) -> None:
    """A page prints its last update by the headline and says in the body when the article first came out: that
    is its published time, and the other its update's. "First published in" followed by no date changes nothing:
    the article's only date is its update's."""
    paragraphs = _related_paragraphs()
    title = SAMPLE_TITLES[3]
    header = f"{title}\n\nBy Ann Lee | Updated Dec 19, 2025"
    notes = {
        "original": ("This story was originally published on Wednesday, March 2, 2022.", "March 2, 2022"),
        "no-date": ("The finding was first published in the journal Nature in 2019.", None),
    }
    pages = {
        name: "Menu\n\n" + "\n\n".join([header, *paragraphs[:4], note, *paragraphs[4:]]) + "\n"
        for name, (note, _) in notes.items()
    }
    # Or says so under the headline, beside its last update.
    pages["header"] = "Menu\n\n" + "\n\n".join([f"{header} Originally published March 2, 2022", *paragraphs]) + "\n"
    found = {
        name: [
            (d["published_text"], d["published_at"], d["updated_text"], d["updated_at"])
            for d in docs
            if d["title"] == title
        ]
        for name, docs in _ingest_pages(tmp_path, pages).items()
    }
    update = ("Dec 19, 2025", "2025-12-19T00:00:00Z")
    assert found == {
        "original": [("March 2, 2022", "2022-03-02T00:00:00Z", *update)],
        "no-date": [(None, None, *update)],
        "header": [("March 2, 2022", "2022-03-02T00:00:00Z", *update)],
    }


def test_a_date_in_numbers_is_read_in_the_order_the_page_writes_its_dates(tmp_path: Path) -> None:
    """ "03/10/2023" is 3 October on a page that writes its other dates day first ("19/12/2025", "13 October
    2023"), 10 March on one that writes them month first, and 10 March (dateutil's reading) where nothing tells."""
    paragraphs = _related_paragraphs()
    title = SAMPLE_TITLES[3]
    others = {"day-first": "19/12/2025", "worded-day-first": "13 October 2023", "month-first": "October 13, 2023"}
    pages = {
        name: "\n\n".join(["Menu", title, "03/10/2023", *paragraphs, f"Updated {other} by the desk"]) + "\n"
        for name, other in others.items()
    }
    pages["untold"] = "\n\n".join(["Menu", title, "03/10/2023", *paragraphs]) + "\n"
    found = {
        name: [(d["published_text"], d["published_at"][:10]) for d in docs if d["title"] == title]
        for name, docs in _ingest_pages(tmp_path, pages).items()
    }
    october, march = [("03/10/2023", "2023-10-03")], [("03/10/2023", "2023-03-10")]
    assert found == {"day-first": october, "worded-day-first": october, "month-first": march, "untold": march}


HOSTILE_INPUT_SECONDS = 300
"""A bound on an ingest of the hostile inputs below, about five seconds all together now: it only stops a run that
does not end (each took minutes or never ended when a pattern's work grew with the square of a run's length), and
is sixty times what they take, so a slow shared machine does not trip it."""


def test_long_runs_of_white_space_or_speech_verbs_do_not_stall_a_run(tmp_path: Path) -> None:
    """A run of 200,000 spaces in a record's last paragraph, of 100,000 in a page dump's, of 20,000 speech verbs
    before a Chinese quote, and runs without spaces (64,000 initials or hyphenated names before "he said", 512,000
    dashes after a German quote), and a paragraph of 11,000 quotes "…," he said with no full stop (946,000 characters,
    under DOCUMENT_MAX_CHARS), are each read in linear time: one such record must not stall a whole run."""
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    body = " ".join(_related_paragraphs())
    spaced = {
        "title": SAMPLE_TITLES[3],
        "url": "https://example.com/a",
        "text": f"{body}\n\nThe call ended{' ' * 200_000}late.",
    }
    cues = "中国外交部发言人毛宁在记者会上表示，中方愿同各方一道推动和平谈判。" * 10
    chinese = {
        "title": "外交部发言人表示",
        "url": "https://example.com/zh",
        "text": f"{cues}\n\n{'说' * 20_000}!“中国政府将继续推动谈判进程。”",
    }
    quote = "“We are going to build the new park before the summer starts, and everyone can use it,” he said."
    unspaced = [
        {"title": f"Park {name}", "url": f"https://example.com/{name}", "text": f"{body}\n\n{run}\n\n{quote}"}
        for name, run in (("initials", "A." * 64_000), ("names", "Smith-" * 64_000))
    ]
    dashes = {
        "title": "Stadtrat plant neuen Park",
        "url": "https://example.com/de",
        "lang": "de",
        "text": "Der Stadtrat hat am Dienstag über den Park beraten.\n\n„Wir bauen den Park vor dem Sommer“"
        + "-" * 512_000
        + " und danach ging die Sitzung weiter.",
    }
    # One "sentence" (no full stop) of 11,000 quotes "…," he said: each pronoun looked back over all of it.
    said = "John Smith spoke about the park, “we will build the new park before summer,” he said, " * 11_000
    council = "The council met on Tuesday to discuss the budget for next year and the plans for the new park in town."
    pronouns = {"title": "Park pronouns", "url": "https://example.com/he", "text": f"{council}\n\n{said}and left."}
    records = [spaced, chinese, *unspaced, dashes, pronouns]
    (inputs / "records.jsonl").write_text("".join(json.dumps(record) + "\n" for record in records), "utf-8")
    lines = SAMPLE_PAGE.read_text(encoding="utf-8").splitlines()
    last_body = max(index for index, line in enumerate(lines) if "Ukraine" in line and len(line) > 80)
    lines[last_body] = lines[last_body].replace(" ", " " * 100_000, 1)
    (inputs / "page.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = ingest(str(inputs), "--out", str(out), timeout=HOSTILE_INPUT_SECONDS)

    assert result.returncode == 0, result.stderr
    documents = read_jsonl(out / "documents.jsonl")
    assert {Path(d["provenance"]["path"]).name for d in documents} == {"records.jsonl", "page.txt"}
    assert [d["title"] for d in documents if d["provenance"]["path"].endswith("records.jsonl")] == [
        SAMPLE_TITLES[3],
        "外交部发言人表示",
        "Park initials",
        "Park names",
        "Stadtrat plant neuen Park",
        "Park pronouns",
    ]


def test_a_teaser_below_the_articles_is_no_related_document(tmp_path: Path) -> None:
    """Related articles are whole articles: a teaser's two-sentence excerpt under the page's articles is no
    document of its own, so annotators never get it."""
    teaser = (
        "Oil slides as Opec+ agrees to raise output again\n\n"
        "Oil prices fell on Monday after the producer group agreed to a larger than expected increase in output "
        "for August, adding to worries about a glut as demand slows. Brent crude futures were down 1.2% in early "
        "trade in Asia, while US crude fell by a similar margin."
    )
    sample = SAMPLE_PAGE.read_text(encoding="utf-8")
    page = sample.replace("DOWNLOAD THE APP", f"{teaser}\n\nDOWNLOAD THE APP", 1)
    assert page != sample
    (tmp_path / "page.txt").write_text(page, encoding="utf-8")
    out = tmp_path / "out"
    assert ingest(str(tmp_path / "page.txt"), "--out", str(out)).returncode == 0
    assert [d["title"] for d in read_jsonl(out / "documents.jsonl")] == SAMPLE_TITLES


def test_a_broken_link_in_a_folder_is_quarantined_and_a_link_to_a_read_file_is_read_once(tmp_path: Path) -> None:
    """Every input is accounted for: a broken symbolic link is an unreadable input with its target named, not a
    file that vanishes from the run; a link to a file the run reads anyway does not read it twice."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "page.txt").write_bytes(SAMPLE_PAGE.read_bytes())
    (inputs / "again.txt").symlink_to(inputs / "page.txt")
    (inputs / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    out = tmp_path / "out"
    assert ingest(str(inputs), "--out", str(out)).returncode == 0
    report = json.loads((out / "report.json").read_text())
    # The link sorts first, so the page is read once, under the link's name.
    assert sorted(Path(row["path"]).name for row in report["files"]) == ["again.txt", "gone.txt"]
    [broken] = read_jsonl(out / "quarantine.jsonl")
    assert (Path(broken["source"]).name, broken["reason_code"]) == ("gone.txt", "unreadable")
    assert "nowhere.txt" in broken["reason"]
    assert len(read_jsonl(out / "documents.jsonl")) == 4


def test_utf16_jsonl_is_one_rejection_with_the_fix(tmp_path: Path) -> None:
    """JSON Lines is UTF-8 by definition: a UTF-16 export is rejected once, naming its encoding, rather than as
    one bad_json per line."""
    record = json.dumps({"title": "Putin tells Trump", "text": SAMPLE_PAGE.read_text(encoding="utf-8")[:2000]})
    (tmp_path / "export.jsonl").write_bytes((record + "\n" + record + "\n").encode("utf-16"))
    out = tmp_path / "out"
    assert ingest(str(tmp_path / "export.jsonl"), "--out", str(out)).returncode == 1  # nothing readable
    [rejection] = read_jsonl(out / "quarantine.jsonl")
    assert rejection["reason_code"] == "not_utf8"
    assert "UTF-16" in rejection["reason"]


def test_utf8_with_a_few_broken_bytes_is_repaired_not_read_as_a_code_page() -> None:
    """One stray byte in a UTF-8 page used to send the whole page to charset-normalizer, which read it as Baltic
    DOS (cp775): every curly quote and dash three junk letters. Now only the broken byte is lost."""
    from builder.ingest.sources import REPAIRED_UTF8, decode

    sample = SAMPLE_PAGE.read_text(encoding="utf-8")
    first_line, rest = sample.split("\n", 1)
    decoded = decode(first_line.encode("utf-8") + b"\xff\n" + rest.encode("utf-8"))
    assert decoded.encoding == REPAIRED_UTF8
    assert decoded.text == first_line + "\ufffd\n" + rest
    assert decoded.replacements == ((len(first_line), 1),)
    # A legacy page breaks UTF-8 at almost every non-ASCII byte: still decoded in its own code page.
    legacy = "Zażółć gęślą jaźń, powiedział w środę minister. " * 4
    assert decode(legacy.encode("cp1250")).text == legacy


def test_valid_utf8_wins_over_a_wrong_declared_charset() -> None:
    """A server that says ISO-8859-1 for a UTF-8 page (common) does not turn its curly quotes into "â€™"; a
    page that is not valid UTF-8, or is in a 7-bit encoding, is read in the charset declared for it."""
    from builder.ingest.sources import decode

    headline = "Putin won’t ‘give up’ aims — Kremlin"
    assert decode(headline.encode("utf-8"), declared="iso-8859-1").text == headline
    legacy = decode("Café crème, déjà vu".encode("cp1252"), declared="cp1252")
    assert (legacy.text, legacy.encoding) == ("Café crème, déjà vu", "cp1252")
    # A 7-bit encoding is all ASCII, and so valid UTF-8 too: declared, it is read as declared.
    japanese = "東京で首脳会談が開かれた。"
    assert decode(japanese.encode("iso-2022-jp"), declared="iso-2022-jp").text == japanese
    assert decode(b"Plain ASCII news.", declared="iso-2022-jp").encoding == "utf-8"
    assert decode(b"Plain ASCII news.", declared="utf-16").text == "Plain ASCII news."


@given(st.lists(st.sampled_from([b"a", b" ", b"\n", "é".encode(), "’".encode(), b"\xff", b"\xe2\x80", b"\xc3"])))
def test_repaired_utf8_is_replace_decoding_with_exact_byte_lengths(chunks: list[bytes]) -> None:
    """The text is what `errors="replace"` gives, and every prefix of it maps back to the bytes that decode to it."""
    from builder.ingest.sources import REPAIRED_UTF8, repaired_utf8, stored_length

    data = b"".join(chunks)
    text, replacements = repaired_utf8(data)
    assert text == data.decode("utf-8", errors="replace")
    for end in range(len(text) + 1):
        length = stored_length(text[:end], REPAIRED_UTF8, replacements)
        assert data[:length].decode("utf-8", errors="replace") == text[:end]


def test_a_folder_that_cannot_be_listed_is_quarantined_not_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every input is accounted for: a folder the run may not list is an unreadable input that names the error,
    not files that vanish from the run while the readable ones are read."""
    inputs = tmp_path / "in"
    locked = inputs / "locked"
    locked.mkdir(parents=True)
    (inputs / "page.txt").write_bytes(SAMPLE_PAGE.read_bytes())
    (locked / "hidden.txt").write_bytes(SAMPLE_PAGE.read_bytes())
    locked.chmod(0)
    if os.geteuid() == 0:
        # root lists any folder whatever its mode: the fault cannot be caused for real, so the listing fails here.
        listing = os.scandir

        def refusing(path: Any = ".") -> Any:
            if Path(path) == locked:
                raise PermissionError(13, "Permission denied", str(path))
            return listing(path)

        monkeypatch.setattr(os, "scandir", refusing)
    try:
        items, report = run_ingest([str(inputs)], IngestOptions())
        rejections = [item for item in items if isinstance(item, Rejection)]
    finally:
        locked.chmod(0o755)
    assert report.documents == 4
    assert [(Path(rejection.source), rejection.code) for rejection in rejections] == [(locked, "unreadable")]
    assert "Permission denied" in rejections[0].reason
    assert sorted(Path(row["path"]).name for row in report.files) == ["locked", "page.txt"]


def _one_faulty_file(tmp_path: Path) -> tuple[list[Rejection], dict[str, int]]:
    """Ingest the sample page as a.txt and as b.txt, marked FAULTY, on which the test makes the builder fail: the
    run goes on, and b.txt is quarantined with the error and where it was raised."""
    (tmp_path / "a.txt").write_bytes(SAMPLE_PAGE.read_bytes())
    (tmp_path / "b.txt").write_text("FAULTY\n" + SAMPLE_PAGE.read_text(encoding="utf-8"), encoding="utf-8")
    items, report = run_ingest([str(tmp_path)], IngestOptions())
    rejections = [item for item in items if isinstance(item, Rejection)]
    assert report.documents == 4
    assert [(Path(rejection.source).name, rejection.code) for rejection in rejections] == [("b.txt", "builder_fault")]
    assert "test_ingest.py:" in rejections[0].reason
    return rejections, dict(report.rejected)


def test_a_fault_of_the_builder_on_one_page_is_quarantined_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bug met on one page of a long run quarantines that page, with the error and where it was raised, rather
    than ending the run. The fault is made here: once found, a real one is fixed, so none is left to cause."""
    from builder.ingest import pipeline

    def failing_on_one_page(
        text: str, common: frozenset[str] = frozenset(), headings: frozenset[int] = frozenset()
    ) -> list[ArticleParts]:
        if "FAULTY" in text:
            raise KeyError("a key the extractor did not expect")
        return extract_pagetext(text, common, headings)

    monkeypatch.setattr(pipeline, "extract_pagetext", failing_on_one_page)
    rejections, rejected = _one_faulty_file(tmp_path)
    assert "KeyError" in rejections[0].reason
    assert rejected == {"builder_fault": 1}


def test_a_fault_of_the_builder_while_reading_a_file_is_quarantined_and_the_run_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same for a fault while a file is read, in the run and in the pre-pass that samples page dumps before
    it: seven such faults, each on one odd file, ended whole runs before they were fixed. Made here as above."""
    from builder.ingest import pipeline

    def failing_on_one_file(source: InputFile, *arguments: Any) -> Iterator[Page | Rejection]:
        if source.path.name == "b.txt":
            raise RecursionError("maximum recursion depth exceeded")
        yield from read_pages(source, *arguments)

    monkeypatch.setattr(pipeline, "read_pages", failing_on_one_file)
    rejections, _ = _one_faulty_file(tmp_path)
    assert "RecursionError" in rejections[0].reason


def _deep_folder(top: Path, depth: int) -> Path:
    """`depth` folders each in the last, made one level at a time (mkdir(parents=True) recurses as deep)."""
    folder = top
    for _ in range(depth):
        folder.mkdir()
        folder /= "d"
    folder.mkdir()
    return folder


def _remove_deep_folder(deepest: Path, stop: Path) -> None:
    """Remove a tree from `deepest` up to `stop`, one level at a time: pytest's clean-up recurses as deep."""
    for entry in deepest.iterdir():
        entry.unlink()
    while deepest != stop:
        deepest.rmdir()
        deepest = deepest.parent


def _nested_binary_plist(depth: int) -> bytes:
    """A binary property list of `depth` arrays each holding the next, then the integer 1, written by hand:
    plistlib writes (and reads) it by recursion, which that depth exhausts."""
    objects = [b"\xa1" + (number + 1).to_bytes(2, "big") for number in range(depth)] + [b"\x10\x01"]
    body, offsets = b"bplist00", []
    for item in objects:
        offsets.append(len(body))
        body += item
    table = len(body)
    body += b"".join(offset.to_bytes(4, "big") for offset in offsets)
    return body + struct.pack(">6xBBQQQ", 4, 2, len(objects), 0, table)


def test_a_pipe_or_device_is_quarantined_not_read(tmp_path: Path) -> None:
    """A named pipe waits for a writer that never comes, and /dev/zero never ends: in a folder or named on their
    own, each is quarantined as no file, rather than skipped without a word or hanging the run."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    os.mkfifo(inputs / "pipe.txt")
    (inputs / "zero.txt").symlink_to("/dev/zero")
    (inputs / "page.txt").write_bytes(SAMPLE_PAGE.read_bytes())

    folder = ingest(str(inputs), "--out", str(tmp_path / "folder"), timeout=HOSTILE_INPUT_SECONDS)
    alone = ingest(str(inputs / "pipe.txt"), "--out", str(tmp_path / "alone"), timeout=HOSTILE_INPUT_SECONDS)

    assert folder.returncode == 0, folder.stderr
    assert len(read_jsonl(tmp_path / "folder" / "documents.jsonl")) == 4
    rejected = {
        Path(item["source"]).name: item["reason_code"] for item in read_jsonl(tmp_path / "folder" / "quarantine.jsonl")
    }
    assert rejected == {"pipe.txt": "not_a_file", "zero.txt": "not_a_file"}
    assert alone.returncode == 1  # nothing could be read
    assert [item["reason_code"] for item in read_jsonl(tmp_path / "alone" / "quarantine.jsonl")] == ["not_a_file"]


def test_the_sample_of_page_dumps_before_a_run_reads_no_other_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pass that finds the lines common to the run's page dumps reads page dumps only: a WARC or a feed read
    there was read twice for nothing. Counted by wrapping the real reader, which still reads every file."""
    from builder.ingest import pipeline

    reads: list[str] = []

    def counted(source: InputFile, *arguments: Any) -> Iterator[Page | Rejection]:
        reads.append(source.path.name)
        yield from read_pages(source, *arguments)

    monkeypatch.setattr(pipeline, "read_pages", counted)
    html = _article_html("Trump, Zelensky discuss weapons", _related_paragraphs())
    (tmp_path / "crawl.warc").write_bytes(_warc_record("https://example.org/a", html, 1))
    (tmp_path / "page.txt").write_bytes(SAMPLE_PAGE.read_bytes())
    items, report = run_ingest([str(tmp_path)], IngestOptions())
    assert len(list(items)) == report.documents == 5
    assert sorted(reads) == ["crawl.warc", "page.txt", "page.txt"]


def test_odd_files_and_folders_are_read_or_quarantined_never_the_end_of_a_run(tmp_path: Path) -> None:
    """Names that are not UTF-8, symbolic links that loop, a tree a thousand folders deep, a charset named
    "undefined", a web archive nested thousands deep and a page that decompresses to gigabytes each ended a run
    (or took its memory). Each is now a document or a quarantine entry with its reason."""
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    page = SAMPLE_PAGE.read_bytes()
    (inputs / os.fsdecode(b"bad\xffname.txt")).write_bytes(page)
    deep = _deep_folder(inputs / "deep", 1100)
    (deep / "page.txt").write_bytes(page)
    (inputs / "loop-a").symlink_to("loop-b")
    (inputs / "loop-b").symlink_to("loop-a")
    html = _article_html("Trump, Zelensky discuss weapons", _related_paragraphs()).replace(b"weapons", b"weap\xf6ns")
    mhtml = (
        b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=XX\r\n\r\n--XX\r\n"
        b'Content-Type: text/html; charset="undefined"\r\nContent-Location: https://example.org/a\r\n\r\n'
        + html
        + b"\r\n--XX--\r\n"
    )
    (inputs / "undefined.mhtml").write_bytes(mhtml)
    (inputs / "nested.webarchive").write_bytes(_nested_binary_plist(5000))
    (inputs / "bomb.txt.gz").write_bytes(gzip.compress(b"\0" * (40 << 20), compresslevel=1))

    try:
        result = ingest(str(inputs), "--out", str(out))
    finally:
        _remove_deep_folder(deep, inputs)

    assert result.returncode == 0, result.stderr
    read = sorted(Path(d["provenance"]["path"]).name for d in read_jsonl(out / "documents.jsonl"))
    assert read == sorted(["bad\\xffname.txt"] * 4 + ["page.txt"] * 4 + ["undefined.mhtml"])
    rejected = {Path(item["source"]).name: item["reason_code"] for item in read_jsonl(out / "quarantine.jsonl")}
    assert rejected == {
        "loop-a": "unreadable",
        "loop-b": "unreadable",
        "nested.webarchive": "broken_webarchive",
        "bomb.txt.gz": "page_too_large",
    }


def test_warc_target_uris_in_angle_brackets_are_read_and_others_quarantined(tmp_path: Path) -> None:
    """Some WARC/1.0 writers put the target URI in angle brackets, as the spec's own examples did: read without
    them. A target that is no web address ("dns:example.com" from a crawler's look-up, a file path) is
    quarantined naming the field, and its page kept without a url rather than rejected whole."""
    html = _article_html("Trump, Zelensky discuss weapons", _related_paragraphs())
    crawl = _warc_record("<https://www.freemalaysiatoday.com/a>", html, 1) + _warc_record(
        "file:///home/crawler/a.html", html.replace(b"weapons", b"air defence"), 2
    )
    (tmp_path / "crawl.warc").write_bytes(crawl)
    out = tmp_path / "out"
    assert ingest(str(tmp_path / "crawl.warc"), "--out", str(out)).returncode == 0
    documents = read_jsonl(out / "documents.jsonl")
    assert [d["url"] for d in documents] == ["https://www.freemalaysiatoday.com/a", None]
    quarantine = read_jsonl(out / "quarantine.jsonl")
    assert [(q["reason_code"], q["field"], q["record"]) for q in quarantine] == [
        ("invalid_url", "url", "<urn:uuid:00000000-0000-0000-0000-000000000002>")
    ]


def test_a_name_printed_as_a_button_inside_a_paragraph_stays_in_the_text() -> None:
    """A site that prints a name as a button opening a side note: trafilatura drops buttons (and elements with such
    classes) as furniture, which left "said MIT Sloan professor the founding director" with no speaker. Buttons
    outside text, a menu's, stay out."""
    from builder.ingest.html import extract_html

    paragraphs = _related_paragraphs()
    quoted = (
        '<p>"Machine learning has become a critical way most parts of AI are done," said MIT Sloan professor'
        '<button class="sidenote-button" title="Thomas W. Malone">Thomas W. Malone,</button> the founding director '
        "of the MIT Center for Collective Intelligence.</p>"
    )
    controls = '<p>More on this story below.<button class="share-button">Share</button> <button>Copy Link</button></p>'
    said = "<p>The board thanked <button>Ann Lee</button>. Her term ends in May.</p>"
    body = quoted + said + controls + "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    page = (
        "<html><head><title>Machine learning, explained</title></head><body><nav><button>Menu</button></nav>"
        f"<article><h1>Machine learning, explained</h1>{body}</article></body></html>"
    )
    article = extract_html(page)
    assert article is not None
    first = article.paragraphs[0][0]
    assert "said MIT Sloan professor Thomas W. Malone, the founding director" in first
    texts = [text for text, _ in article.paragraphs]
    assert "The board thanked Ann Lee. Her term ends in May." in texts
    assert not any(word in text for text in texts for word in ("Menu", "Share", "Copy Link"))


@pytest.mark.parametrize(
    ("head", "site"),
    [
        # A handle alone: the site's name as the <title> prints it after the title, or before it.
        ('<meta name="twitter:site" content="@cartalk"><title>Best EVs of 2026 - Car Talk</title>', "Car Talk"),
        (
            '<meta name="twitter:site" content="@APAPsychiatric"><title>Psychiatry.org - What Are the Latest Trends '
            "in Psychiatry and How Will They Impact Care?</title>",
            "Psychiatry.org",
        ),
        # The rest of a title after a dash, a date, or a long first part in title case is no site either.
        (
            '<meta name="twitter:site" content="@towncrier">'
            "<title>Apple unveils iPhone 17 - here's what's new</title>",
            "@towncrier",
        ),
        (
            '<meta name="twitter:site" content="@towncrier"><title>City budget approved - March 5, 2026</title>',
            "@towncrier",
        ),
        (
            '<meta name="twitter:site" content="@towncrier"><title>10 Free Accounting Tools | CO- by U.S. Chamber of '
            "Commerce, Small Business Resources</title>",
            "@towncrier",
        ),
        # A date after the title is no site: the handle it is.
        (
            '<meta name="twitter:site" content="@forthepeople"><title>Gym Injury Lawsuits | 12/20/2024</title>',
            "@forthepeople",
        ),
        # A name stated anywhere else wins over the handle, the JSON-LD publisher's too.
        (
            '<meta name="twitter:site" content="@glossgenius"><title>Yoga pricing</title><script '
            'type="application/ld+json">{"@type": "Article", "publisher": {"@type": "Organization", "name": '
            '"GlossGenius"}}</script>',
            "GlossGenius",
        ),
    ],
)
def test_an_html_page_s_site_is_a_name_rather_than_its_handle(head: str, site: str) -> None:
    from lxml import html as lxml_html

    from builder.ingest.html_metadata import page_metadata

    page = f"<html><head>{head}</head><body><p>Text of the article.</p></body></html>"
    assert page_metadata(lxml_html.fromstring(page)).site == site


def test_one_stray_nul_byte_in_a_short_text_is_repaired_and_many_mean_binary() -> None:
    from builder.ingest.sources import UnreadableInputError, decode

    assert decode(b"Short note with one stray\x00NUL byte in it.").text == "Short note with one stray NUL byte in it."
    with pytest.raises(UnreadableInputError, match="binary"):
        decode(b"Two\x00stray\x00NULs in a short text look like a binary file's header.")


def test_a_page_dump_without_an_extension_and_with_nul_padding_is_read_as_page_text(tmp_path: Path) -> None:
    """Its format is told from its first bytes, which for a short file padded by an interrupted write end in NULs."""
    (tmp_path / "dump").write_bytes(SAMPLE_PAGE.read_bytes()[:6000] + bytes(3000))
    out = tmp_path / "out"
    assert ingest(str(tmp_path / "dump"), "--out", str(out)).returncode == 0
    documents = read_jsonl(out / "documents.jsonl")
    assert [d["title"] for d in documents][:1] == SAMPLE_TITLES[:1]
    assert {d["provenance"]["format"] for d in documents} == {"pagetext"}


def test_a_record_nested_past_the_recursion_limit_is_one_bad_line_not_a_lost_file(tmp_path: Path) -> None:
    """JSON nested thousands of levels deep is valid, but Python's reader gives up on it with a RecursionError,
    which lost the whole file as a fault of the builder's ("please report it"): now it is that line's bad_json,
    and the file's other records are read."""
    record = json.dumps({"title": "Putin tells Trump", "text": SAMPLE_PAGE.read_text(encoding="utf-8")[:2000]})
    deep = "[" * 100_000 + "]" * 100_000
    (tmp_path / "export.jsonl").write_text(f"{record}\n{deep}\n", encoding="utf-8")
    out = tmp_path / "out"
    assert ingest(str(tmp_path / "export.jsonl"), "--out", str(out)).returncode == 0
    [rejection] = read_jsonl(out / "quarantine.jsonl")
    assert (rejection["reason_code"], rejection["line"]) == ("bad_json", 2)
    assert "nested too deeply" in rejection["reason"]
    assert len(read_jsonl(out / "documents.jsonl")) == 1


def test_a_record_held_twice_under_one_id_is_one_document_and_a_quarantined_repeat(tmp_path: Path) -> None:
    """A scraper that writes a record twice ("id": 42 on two lines, same title and text) made two documents with
    one doc_id, the second marked a duplicate of itself, which `builder validate` rejects. The repeat is now
    quarantined, naming its line and the document written; a record reusing the id for other text is a document
    of its own."""
    sample = SAMPLE_PAGE.read_text(encoding="utf-8")
    first = json.dumps({"id": "42", "title": "Putin tells Trump", "text": sample[:2000]})
    other = json.dumps({"id": "42", "title": "Another story", "text": sample[3000:5000]})
    (tmp_path / "export.jsonl").write_text(f"{first}\n{first}\n{other}\n", encoding="utf-8")
    out = tmp_path / "out"
    assert ingest(str(tmp_path / "export.jsonl"), "--out", str(out)).returncode == 0
    documents = read_jsonl(out / "documents.jsonl")
    assert [(document["title"], document["provenance"]["line"]) for document in documents] == [
        ("Putin tells Trump", 1),
        ("Another story", 3),
    ]
    assert len({document["doc_id"] for document in documents}) == 2
    [repeat] = read_jsonl(out / "quarantine.jsonl")
    assert (repeat["reason_code"], repeat["line"], repeat["record"]) == ("repeated_record", 2, "42")
    assert documents[0]["doc_id"] in repeat["reason"]
    report = json.loads((out / "report.json").read_text())
    [row] = report["files"]
    assert (row["documents"], row["rejected"]) == (2, {"repeated_record": 1})
    assert report["stages"]["dedup"]["repeated"] == 1
    validated = validate(out / "documents.jsonl")
    assert validated.returncode == 0, validated.stdout


def test_ids_do_not_depend_on_the_path_typed_nor_on_the_rest_of_the_export(tmp_path: Path) -> None:
    """Ids hashed the path as typed and the whole file's bytes: the same pages given as `dumps` or as an absolute
    path, or an export read again after its scraper had appended a record, got other ids, and every annotation
    kept under the old ones lost its document. The file's name and the page's own content and id still count."""
    sample = SAMPLE_PAGE.read_text(encoding="utf-8")
    records = [
        json.dumps({"title": "Putin tells Trump", "text": sample[:2000], "url": "https://example.com/a"}),
        json.dumps({"id": 7, "title": "Another story", "text": sample[3000:5000]}),
    ]
    dumps = tmp_path / "dumps"
    dumps.mkdir()
    (dumps / "export.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    (dumps / "page.txt").write_text(sample, encoding="utf-8")

    def ids(out: Path) -> dict[tuple[str, str], tuple[str, str]]:
        documents = read_jsonl(out / "documents.jsonl")
        return {
            (Path(document["provenance"]["path"]).name, document["title"]): (document["doc_id"], document["page_id"])
            for document in documents
        }

    assert ingest(str(dumps.resolve()), "--out", str(tmp_path / "absolute")).returncode == 0
    command = [sys.executable, "-m", "builder.cli", "ingest", "dumps", "--out", "relative"]
    relative = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, check=False)
    assert relative.returncode == 0, relative.stderr
    first = ids(tmp_path / "absolute")
    assert len(first) == 6
    assert len({doc_id for doc_id, _ in first.values()}) == 6
    assert ids(tmp_path / "relative") == first
    with (dumps / "export.jsonl").open("a", encoding="utf-8") as export:
        export.write(json.dumps({"title": "A third story", "text": sample[6000:8000]}) + "\n")
    assert ingest(str(dumps), "--out", str(tmp_path / "grown")).returncode == 0
    grown = ids(tmp_path / "grown")
    assert len(grown) == 7
    assert {key: grown[key] for key in first} == first
    # A copy under another name is another page: its articles are written, marked exact duplicates.
    (dumps / "saved-again.txt").write_text(sample, encoding="utf-8")
    assert ingest(str(dumps), "--out", str(tmp_path / "copied")).returncode == 0
    documents = read_jsonl(tmp_path / "copied" / "documents.jsonl")
    copies = [document for document in documents if document["provenance"]["path"].endswith("saved-again.txt")]
    assert [document["duplicate_of"] for document in copies] == [
        grown[("page.txt", document["title"])][0] for document in copies
    ]
    assert len(copies) == 4


def test_an_output_folder_that_cannot_be_written_is_said_in_one_line(tmp_path: Path) -> None:
    """An --out below a file, or where nothing can be made, ended the run in a Python traceback."""
    (tmp_path / "a-file").write_text("not a folder\n", encoding="utf-8")
    for out in (tmp_path / "a-file" / "out", Path("/proc/no-such-folder/out")):
        result = ingest(str(SAMPLE_PAGE), "--out", str(out))
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        assert f"--out {out}: the run's files cannot be written there" in " ".join(result.stderr.split())


def test_an_input_that_is_not_there_is_quarantined_beside_the_ones_read(tmp_path: Path) -> None:
    """A path named on the command line that does not exist vanished from a run that read the other inputs: it is
    now an unreadable file in the quarantine and the report; so is a pattern that matches no file (a typo in a
    glob vanished as well), and an empty argument, which read the whole current folder, is refused."""
    out = tmp_path / "out"
    missing, pattern = tmp_path / "typo.txt", tmp_path / "*.none"
    assert ingest(str(SAMPLE_PAGE), str(missing), str(pattern), "--out", str(out)).returncode == 0
    rejections = read_jsonl(out / "quarantine.jsonl")
    assert [(rejection["source"], rejection["reason_code"]) for rejection in rejections] == [
        (str(missing), "unreadable"),
        (str(pattern), "unreadable"),
    ]
    assert "No such file" in rejections[0]["reason"]
    assert rejections[1]["reason"] == "no file matches this pattern"
    report = json.loads((out / "report.json").read_text())
    assert [Path(row["path"]).name for row in report["files"]] == ["daily8-putin-trump-call.txt", "typo.txt", "*.none"]
    empty = ingest(str(SAMPLE_PAGE), "", "--out", str(tmp_path / "empty"))
    assert empty.returncode == 2
    assert "an input is empty" in empty.stderr


def test_out_naming_a_file_is_refused_with_a_message_not_a_traceback(tmp_path: Path) -> None:
    taken = tmp_path / "out"
    taken.write_text("notes\n", encoding="utf-8")
    result = ingest(str(SAMPLE_PAGE), "--out", str(taken))
    assert result.returncode == 2
    assert "a file is there" in result.stderr
    assert "Traceback" not in result.stderr
    assert taken.read_text(encoding="utf-8") == "notes\n"


@pytest.mark.parametrize("line_end", ["\n", "\r", "\u2028"])
def test_a_page_dump_of_more_lines_than_any_page_is_page_too_large(tmp_path: Path, line_end: str) -> None:
    """A million one-letter lines took 550 MB, each line measured: a dump past PAGE_MAX_LINES is quarantined
    before any is, whatever ends its lines (a count of newlines let a million carriage returns through)."""
    from builder.ingest.pagetext_lines import PAGE_MAX_LINES

    (tmp_path / "list.txt").write_bytes(("x" + line_end).encode() * (PAGE_MAX_LINES + 1))
    (tmp_path / "page.txt").write_text(SAMPLE_PAGE.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "out"
    assert ingest(str(tmp_path), "--out", str(out)).returncode == 0
    [rejection] = read_jsonl(out / "quarantine.jsonl")
    assert (Path(rejection["source"]).name, rejection["reason_code"]) == ("list.txt", "page_too_large")
    assert f"{PAGE_MAX_LINES + 1:,} lines" in rejection["reason"]
    assert len(read_jsonl(out / "documents.jsonl")) == 4


def test_a_record_longer_than_a_json_lines_line_may_be_is_document_too_large(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 10 MB page made a 75 MB record, which `builder validate` refuses past 64 MB: such an article is quarantined
    rather than written. The limit is lowered here below the main sample article's record (28 KB), as writing a 64
    MB one takes a gigabyte of memory."""
    from builder.ingest import pipeline

    monkeypatch.setattr(pipeline, "LINE_MAX_BYTES", 20_000)
    (tmp_path / "page.txt").write_text(SAMPLE_PAGE.read_text(encoding="utf-8"), encoding="utf-8")
    items, report = run_ingest([str(tmp_path)], IngestOptions())
    written = list(items)
    documents = [item for item in written if isinstance(item, DocumentLine)]
    too_large = [item for item in written if isinstance(item, Rejection) and item.code == "document_too_large"]
    assert documents
    assert too_large
    assert report.rejected == {"document_too_large": len(too_large)}
    assert all(len(document.line.encode()) <= 20_000 for document in documents)
    assert "more than a JSON Lines line may be" in too_large[0].reason


def test_an_article_longer_than_any_article_is_document_too_large_before_it_is_enriched(tmp_path: Path) -> None:
    """A 10 MB page dump read as one article took 450 MB to enrich and made a 45 MB record: an article past
    DOCUMENT_MAX_CHARS is quarantined before its sentences, quotes and claims are found, naming its title and
    length, and the page's other articles are still written."""
    from builder.ingest.build import DOCUMENT_MAX_CHARS

    lines = SAMPLE_PAGE.read_text(encoding="utf-8").splitlines()
    dateline = next(index for index, line in enumerate(lines) if line.startswith("MOSCOW :"))
    # The main article's second paragraph, each copy its own, as a line repeated on a page is read as furniture.
    second = lines[dateline + 1]
    padding = [f"{second} Part {number}." for number in range(DOCUMENT_MAX_CHARS // len(second) + 1)]
    page = [*lines[: dateline + 1], *padding, *lines[dateline + 1 :]]
    (tmp_path / "long.txt").write_text("\n".join(page) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert ingest(str(tmp_path), "--out", str(out)).returncode == 0
    [rejection] = read_jsonl(out / "quarantine.jsonl")
    assert (rejection["reason_code"], rejection["stage"]) == ("document_too_large", "ingest.build")
    assert "the main article \"Putin tells Trump Russia won't ‘give up' aims in Ukraine\" has" in rejection["reason"]
    assert f"more than an article may have ({DOCUMENT_MAX_CHARS:,})" in rejection["reason"]
    assert [document["role"] for document in read_jsonl(out / "documents.jsonl")] == ["related"] * 3
    assert json.loads((out / "report.json").read_text(encoding="utf-8"))["rejected"] == {"document_too_large": 1}


def test_an_html_page_of_more_elements_than_any_article_page_is_page_too_large(tmp_path: Path) -> None:
    """Extraction's time grows with the square of a page's paragraphs (200,000 took 79 s, one page stalling a run):
    a page past HTML_MAX_ELEMENTS closing tags is quarantined before it is parsed."""
    from builder.ingest.pipeline import HTML_MAX_ELEMENTS

    paragraphs = "<p>word</p>" * (HTML_MAX_ELEMENTS + 1)
    (tmp_path / "list.html").write_text(f"<html><body><article><h1>T</h1>{paragraphs}</article></body></html>")
    out = tmp_path / "out"
    ingest(str(tmp_path), "--out", str(out))
    [rejection] = read_jsonl(out / "quarantine.jsonl")
    assert (rejection["reason_code"], rejection["stage"]) == ("page_too_large", "ingest.extract")
    assert "closing tags" in rejection["reason"]


def test_an_html_text_longer_than_the_parser_reads_is_page_too_large_not_dropped(tmp_path: Path) -> None:
    """lxml's HTML parser drops a text between two tags past 10,000,000 bytes, and what follows it, without an
    error: a page holding one became a document of its headline alone. It is quarantined instead; a page whose
    longest text the parser reads is extracted whole."""
    from builder.ingest.pipeline import HTML_MAX_TEXT_BYTES

    story = " ".join(SAMPLE_PAGE.read_text(encoding="utf-8").split()[:300])
    half = "<p>" + "word " * (HTML_MAX_TEXT_BYTES // 10) + "</p>"
    texts = {
        "read.html": half * 2,  # past 10 MB, but every text of it one the parser reads
        "dropped.html": "<p>" + "word " * (HTML_MAX_TEXT_BYTES // 5 + 200) + "</p>",
    }
    for name, text in texts.items():
        page = f"<html><body><article><h1>Putin and Trump spoke</h1><p>{story}</p>{text}</article></body></html>"
        (tmp_path / name).write_text(page, encoding="utf-8")
    out = tmp_path / "out"
    assert ingest(str(tmp_path), "--out", str(out)).returncode == 0
    rejections = {Path(item["source"]).name: item for item in read_jsonl(out / "quarantine.jsonl")}
    assert rejections["dropped.html"]["reason_code"] == "page_too_large"
    assert "more than the HTML parser reads" in rejections["dropped.html"]["reason"]
    # The page the parser reads whole is no page_too_large (its article is, past DOCUMENT_MAX_CHARS).
    assert rejections["read.html"]["reason_code"] == "document_too_large"


CODE_PAGE = [
    "Home",
    "Blog",
    "Why deep pages of a listing get slow",
    "The database reads and throws away every row before the page it returns, so the ten-thousandth page of a "
    "listing costs five hundred times what the first one does, the engineers said on Tuesday.",
    'print("Listing page 500 now takes 4.2 seconds, up 40% since May")',
    "SELECT * FROM orders ORDER BY created_at DESC LIMIT 20 OFFSET 10000;",
    "result = db.execute(query, timeout=30)",
    'log.info("Unemployment rose to 5.2% in March, the ministry said")',
    "Keyset pagination fixes it: the query starts from the last row the reader saw, so every page costs the "
    "same, and the team says the change cut the slowest requests by 90% in the first week.",
]


def test_a_code_block_is_code_in_the_document_and_gives_no_claim_and_no_quote(tmp_path: Path) -> None:
    # A query's figures ("LIMIT 20 OFFSET 10000") scored as check-worthy as a sentence's, and a string in a line of
    # code reads as a quote: code paragraphs are kept as text, of their own kind, and give neither.
    lines = CODE_PAGE
    page = tmp_path / "page.txt"
    page.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = ingest(str(page), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    [document] = read_jsonl(tmp_path / "out" / "documents.jsonl")
    text = document["text"]
    code = [(p["start"], p["end"]) for p in document["paragraphs"] if p["kind"] == "code"]
    assert [text[start:end] for start, end in code] == lines[4:8]
    assert document["claims"], "the prose's claims are still found"
    for found in (*document["claims"], *document["quotes"]):
        assert not any(start <= found["start"] < end for start, end in code), found["text"]


def test_drop_code_leaves_code_blocks_out_of_the_text(tmp_path: Path) -> None:
    # Annotators who read prose only: the same page with --drop-code gives its prose, its spans on the text without
    # the code, and the same claims; an article that is code and nothing else is no article.
    page = tmp_path / "page.txt"
    page.write_text("\n".join(CODE_PAGE) + "\n", encoding="utf-8")
    result = ingest(str(page), "--out", str(tmp_path / "out"), "--drop-code")
    assert result.returncode == 0, result.stderr
    assert "code paragraphs left out (--drop-code)" in result.stderr
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    assert report["stages"]["build"]["code_paragraphs_left_out"] == 4
    assert report["files"][0]["code_paragraphs_left_out"] == 4
    [document] = read_jsonl(tmp_path / "out" / "documents.jsonl")
    text = document["text"]
    assert [text[p["start"] : p["end"]] for p in document["paragraphs"]] == [CODE_PAGE[3], CODE_PAGE[8]]
    assert all(p["kind"] == "body" for p in document["paragraphs"])
    assert not any(line in text for line in CODE_PAGE[4:8])
    assert document["claims"]
    assert all(text[c["start"] : c["end"]] == c["text"] for c in document["claims"])
    code = [(line, ParagraphKind.code) for line in CODE_PAGE[4:8]]
    with pytest.raises(NoArticleError, match="--drop-code"):
        without_code(ArticleParts(DocumentRole.main, "Listing queries", code))


def test_a_format_forced_on_a_file_plainly_of_another_says_so_in_its_rejections(tmp_path: Path) -> None:
    """`--format` is taken at its word (the user may know better), but a page dump read as a WARC was rejected for
    a broken WARC stream, and an HTML page read as JSON Lines line by line as bad JSON, without a word of why: the
    rejections say what the file looks like. A file that fits the format forced is read as before."""
    html = _article_html("Trump, Zelensky discuss weapons", _related_paragraphs())
    (tmp_path / "story.html").write_bytes(html)
    records = [json.dumps({"title": SAMPLE_TITLES[0], "text": "\n\n".join(_related_paragraphs())}), "{not json"]
    (tmp_path / "export.txt").write_text("\n".join(records) + "\n", encoding="utf-8")
    reasons = {}
    for name, forced in (("daily8-putin-trump-call.txt", "warc"), ("story.html", "jsonl"), ("export.txt", "jsonl")):
        out = tmp_path / f"{name}-{forced}"
        path = SAMPLE_PAGE if name == SAMPLE_PAGE.name else tmp_path / name
        result = ingest(str(path), "--out", str(out), "--format", forced)
        assert result.returncode in (0, 1), result.stderr
        reasons[name] = [item["reason"] for item in read_jsonl(out / "quarantine.jsonl")]
        if name == "export.txt":
            assert [d["title"] for d in read_jsonl(out / "documents.jsonl")] == [SAMPLE_TITLES[0]]
    assert all(
        reason.endswith("(read as WARC because of --format warc, but it looks like page text)")
        for reason in reasons["daily8-putin-trump-call.txt"]
    )
    assert reasons["story.html"]
    assert all(
        reason.startswith("not valid JSON")
        and reason.endswith("(read as JSON Lines because of --format jsonl, but it looks like HTML)")
        for reason in reasons["story.html"]
    )
    (bad_line,) = reasons["export.txt"]
    assert "--format" not in bad_line


def test_a_format_forced_on_files_plainly_of_another_is_warned_of_whether_they_are_rejected_or_not(
    tmp_path: Path,
) -> None:
    """A page dump forced as HTML gave a document of whatever trafilatura made of it, and an HTML page forced as page
    text no article, neither with a word of the format: the run warns of both files, names them in their rows of
    report.json, and a rejection of theirs at any stage (no article, past reading) says it. Files that fit the
    format forced are not named, and a run whose files all fit warns of nothing."""
    (tmp_path / "story.html").write_bytes(_article_html("Trump, Zelensky discuss weapons", _related_paragraphs()))
    shutil.copy(SAMPLE_PAGE, tmp_path / SAMPLE_PAGE.name)
    for forced, doubted, looks in (("html", SAMPLE_PAGE.name, "page text"), ("pagetext", "story.html", "HTML")):
        out = tmp_path / f"out-{forced}"
        result = ingest(
            str(tmp_path / "story.html"), str(tmp_path / SAMPLE_PAGE.name), "--out", str(out), "--format", forced
        )
        assert result.returncode == 0, result.stderr
        report = json.loads((out / "report.json").read_text(encoding="utf-8"))
        read_as = "HTML" if forced == "html" else "page text"
        note = f"read as {read_as} because of --format {forced}, but it looks like {looks}"
        assert {Path(row["path"]).name: row.get("format_doubt") for row in report["files"]} == {
            doubted: note,
            ("story.html" if forced == "html" else SAMPLE_PAGE.name): None,
        }
        (warning,) = report["warnings"]
        assert warning.startswith(f"--format {forced}: 1 file looks like another format and was read as ")
        assert str(tmp_path / doubted) in warning
        assert "warning: --format" in result.stderr
        rejections = read_jsonl(out / "quarantine.jsonl")
        assert all(item["reason"].endswith(f"({note})") for item in rejections)
        assert [item["reason_code"] for item in rejections] == ([] if forced == "html" else ["no_article"])
    fitting = tmp_path / "out-fitting"
    assert ingest(str(tmp_path / "story.html"), "--out", str(fitting), "--format", "html").returncode == 0
    report = json.loads((fitting / "report.json").read_text(encoding="utf-8"))
    assert report["warnings"] == []
    assert "format_doubt" not in report["files"][0]
