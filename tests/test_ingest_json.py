"""Scraper exports as JSON documents rather than JSON Lines: Scrapy's `-o items.json` (an array written one
object a line), any other array, one article per file (news-please), and an API response holding the list
(NewsAPI); and what cannot be read of them, quarantined with its position."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from builder.ingest import pipeline
from builder.ingest.pipeline import IngestOptions
from builder.ingest.sources import InputFile
from tests.test_ingest import (
    SAMPLE_PAGE,
    SAMPLE_TITLES,
    _article_html,
    _related_paragraphs,
    ingest,
    read_jsonl,
    validate,
)

TEXT = "\n\n".join(_related_paragraphs())


def _items(count: int) -> list[dict[str, Any]]:
    return [{"url": f"https://example.com/{n}", "title": SAMPLE_TITLES[n], "text": f"{TEXT} {n}"} for n in range(count)]


def test_json_documents_of_every_common_layout_give_their_articles(tmp_path: Path) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    scrapy = "[\n" + ",\n".join(json.dumps(item) for item in _items(3)) + "\n]"
    (inputs / "scrapy.json").write_text(scrapy, encoding="utf-8")
    (inputs / "pretty.json").write_text(json.dumps(_items(2), indent=2), encoding="utf-8")
    (inputs / "items.jl").write_text("".join(json.dumps(item) + "\n" for item in _items(2)), encoding="utf-8")
    news_please = {"title": SAMPLE_TITLES[3], "maintext": TEXT, "url": "https://example.com/np", "source_domain": "fmt"}
    (inputs / "article.json").write_text(json.dumps(news_please, indent=4), encoding="utf-8")
    api = {
        "status": "ok",
        "totalResults": 1,
        "articles": [
            {
                "source": {"id": "reuters", "name": "Reuters"},
                "title": SAMPLE_TITLES[0],
                "url": "https://example.com/api",
                "publishedAt": "2025-07-05T10:00:00Z",
                "content": TEXT,
            }
        ],
    }
    (inputs / "newsapi.json").write_text(json.dumps(api), encoding="utf-8")

    result = ingest(str(inputs), "--out", str(out))

    assert result.returncode == 0, result.stderr
    assert read_jsonl(out / "quarantine.jsonl") == []
    found = [
        (Path(d["provenance"]["path"]).name, d["provenance"]["line"], d["provenance"]["record"], d["title"])
        for d in read_jsonl(out / "documents.jsonl")
    ]
    assert found == [
        ("article.json", None, None, SAMPLE_TITLES[3]),
        ("items.jl", 1, None, SAMPLE_TITLES[0]),
        ("items.jl", 2, None, SAMPLE_TITLES[1]),
        ("newsapi.json", None, "[0]", SAMPLE_TITLES[0]),
        ("pretty.json", None, "[0]", SAMPLE_TITLES[0]),
        ("pretty.json", None, "[1]", SAMPLE_TITLES[1]),
        # Scrapy's lines: the objects on lines 2 to 4, each at the byte its line starts at.
        ("scrapy.json", 2, None, SAMPLE_TITLES[0]),
        ("scrapy.json", 3, None, SAMPLE_TITLES[1]),
        ("scrapy.json", 4, None, SAMPLE_TITLES[2]),
    ]
    documents = {
        Path(d["provenance"]["path"]).name + str(d["provenance"]["line"]): d
        for d in read_jsonl(out / "documents.jsonl")
    }
    assert scrapy.encode()[documents["scrapy.json3"]["provenance"]["offset"] :].startswith(
        b'{"url": "https://example.com/1"'
    )
    assert documents["newsapi.jsonNone"]["source"] == "Reuters"
    assert documents["newsapi.jsonNone"]["published_at"] == "2025-07-05T10:00:00Z"
    assert documents["article.jsonNone"]["source"] == "fmt"


def test_json_documents_that_cannot_be_read_are_quarantined_with_their_position(tmp_path: Path) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    (inputs / "cut.json").write_text('[\n  {"title": "A story",\n  "text": ', encoding="utf-8")
    (inputs / "error.json").write_text(json.dumps({"status": "error", "message": "rate limited"}), encoding="utf-8")
    mixed = [*_items(1), "not an article"]
    (inputs / "mixed.json").write_text(json.dumps(mixed, indent=1), encoding="utf-8")
    # More than can be read whole, though small compressed: the run says how to convert it.
    huge = b"[" + b" " * (256 << 20) + b"]"
    (inputs / "huge.json.gz").write_bytes(gzip.compress(huge, compresslevel=1))

    result = ingest(str(inputs), "--out", str(out))

    assert result.returncode == 0, result.stderr
    assert [Path(d["provenance"]["path"]).name for d in read_jsonl(out / "documents.jsonl")] == ["mixed.json"]
    rejected = {Path(item["source"]).name: item for item in read_jsonl(out / "quarantine.jsonl")}
    assert (rejected["cut.json"]["reason_code"], rejected["cut.json"]["line"]) == ("bad_json", 3)
    assert rejected["error.json"]["reason_code"] == "no_text"
    assert (rejected["mixed.json"]["reason_code"], rejected["mixed.json"]["record"]) == ("not_an_object", "[1]")
    # The item as the export writes it, not as Python's repr ('not an article').
    assert rejected["mixed.json"]["snippet"] == '"not an article"'
    assert rejected["huge.json.gz"]["reason_code"] == "json_too_large"
    assert "jq -c '.[]' huge.json.gz" in rejected["huge.json.gz"]["reason"]


def test_json_lines_whose_first_line_is_an_array_read_every_other_line(tmp_path: Path) -> None:
    # A first line that is a whole JSON value with lines after it is JSON Lines, not an array document that breaks
    # off: read whole, the file was one rejection and the records after it were lost.
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    for name, first in (("empty-array.jsonl", "[]"), ("numbers.json", "[1, 2]")):
        (inputs / name).write_text(first + "\n" + "".join(json.dumps(item) + "\n" for item in _items(2)), "utf-8")

    result = ingest(str(inputs), "--out", str(out))

    assert result.returncode == 0, result.stderr
    found = [(Path(d["provenance"]["path"]).name, d["provenance"]["line"]) for d in read_jsonl(out / "documents.jsonl")]
    assert found == [("empty-array.jsonl", 2), ("empty-array.jsonl", 3), ("numbers.json", 2), ("numbers.json", 3)]
    rejected = [
        (Path(item["source"]).name, item["line"], item["reason_code"]) for item in read_jsonl(out / "quarantine.jsonl")
    ]
    assert rejected == [("empty-array.jsonl", 1, "not_an_object"), ("numbers.json", 1, "not_an_object")]


def test_damaged_characters_in_a_scraper_record_are_repaired_not_fatal(tmp_path: Path) -> None:
    """A JavaScript scraper that cuts an emoji in two writes a lone surrogate, as a JSON escape or as its three
    bytes; another writes a Windows-1252 quote byte into UTF-8. JSON reads the surrogates, but no UTF-8 output
    can hold them: one used to end the whole run when its document was written. Each now reads as U+FFFD (a
    pair written as six bytes joins into its emoji), and a line with a bad byte is no longer rejected."""
    records = [
        b'{"title": "Cut emoji \\ud83d", "source": "\\udc00", "text": ' + json.dumps(TEXT + " \\ud83d").encode() + b"}",
        '{"title": "Bytes \ud800 and \ud83d\ude00", "text": '.encode("utf-8", "surrogatepass")
        + json.dumps(TEXT + " 2").encode()
        + b"}",
        b'{"title": "A \x93quoted\x94 word", "text": ' + json.dumps(TEXT + " 3").encode() + b"}",
    ]
    (tmp_path / "damaged.jsonl").write_bytes(b"\n".join(records) + b"\n")
    out = tmp_path / "out"
    result = ingest(str(tmp_path / "damaged.jsonl"), "--out", str(out))
    assert result.returncode == 0, result.stderr
    documents = read_jsonl(out / "documents.jsonl")
    assert [(d["title"], d["source"]) for d in documents] == [
        ("Cut emoji \ufffd", "\ufffd"),
        ("Bytes \ufffd and \U0001f600", None),
        ("A \ufffdquoted\ufffd word", None),
    ]
    assert documents[0]["text"].endswith("\\ud83d")  # a backslash the scraper escaped is text, not a surrogate
    assert read_jsonl(out / "quarantine.jsonl") == []


def test_a_url_that_is_no_web_address_is_quarantined_and_the_article_kept(tmp_path: Path) -> None:
    """Scrapers keep relative links and placeholders in their url field; the article used to be rejected whole
    for it. Now the article is kept without a url, and the value goes to quarantine naming the field."""
    items = [
        {"url": "/2025/07/05/zelensky-trump", "title": SAMPLE_TITLES[0], "text": TEXT},
        {"url": 404, "title": SAMPLE_TITLES[1], "text": f"{TEXT} 1"},
        {"url": "  https://example.com/kept  ", "title": SAMPLE_TITLES[2], "text": f"{TEXT} 2"},
    ]
    (tmp_path / "links.jsonl").write_text("".join(json.dumps(item) + "\n" for item in items), encoding="utf-8")
    out = tmp_path / "out"
    result = ingest(str(tmp_path / "links.jsonl"), "--out", str(out))
    assert result.returncode == 0
    assert "invalid_url (value dropped, article kept)" in " ".join(result.stderr.split())
    documents = read_jsonl(out / "documents.jsonl")
    assert [(d["title"], d["url"]) for d in documents] == [
        (SAMPLE_TITLES[0], None),
        (SAMPLE_TITLES[1], None),
        (SAMPLE_TITLES[2], "https://example.com/kept"),
    ]
    quarantine = read_jsonl(out / "quarantine.jsonl")
    assert [(q["reason_code"], q["field"], q["line"], q["snippet"]) for q in quarantine] == [
        ("invalid_url", "url", 1, "/2025/07/05/zelensky-trump"),
        ("invalid_url", "url", 2, "404"),
    ]
    assert "kept without one" in quarantine[0]["reason"]
    assert json.loads((out / "report.json").read_text())["rejected"] == {"invalid_url": 2}


def test_a_bad_byte_in_a_first_line_after_a_byte_order_mark_is_repaired(tmp_path: Path) -> None:
    record = b'{"title": "A \x93quoted\x94 word", "text": ' + json.dumps(TEXT).encode() + b"}\n"
    (tmp_path / "bom.jsonl").write_bytes(b"\xef\xbb\xbf" + record)
    out = tmp_path / "out"
    assert ingest(str(tmp_path / "bom.jsonl"), "--out", str(out)).returncode == 0
    assert [d["title"] for d in read_jsonl(out / "documents.jsonl")] == ["A \ufffdquoted\ufffd word"]


def test_a_scraped_text_without_a_date_takes_the_day_its_url_files_it_under(tmp_path: Path) -> None:
    """A scraper that kept the URL and the text but no date: the day in the URL's path is the article's date,
    as written there; a stated date wins, and a URL without a valid day gives none."""
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    records = [
        {"url": "https://example.com/world/2025/07/05/talks", "title": SAMPLE_TITLES[0], "text": f"{TEXT} 0"},
        {"url": "https://example.com/2025-07-04-talks.html", "title": SAMPLE_TITLES[1], "text": f"{TEXT} 1"},
        {
            "url": "https://example.com/2025/07/03/talks",
            "title": SAMPLE_TITLES[2],
            "text": f"{TEXT} 2",
            "date": "July 1, 2025",
        },
        {"url": "https://example.com/2025/13/40/talks", "title": SAMPLE_TITLES[3], "text": f"{TEXT} 3"},
        # A numbered list filed under a month, an event's future day, a URL urlsplit cannot read: none gives the
        # URL's day; a date the record states as a Unix time is that date, not the URL's day.
        {"url": "https://example.com/2025/07/10-best-laptops/", "title": "Best laptops", "text": f"{TEXT} 4"},
        {"url": "https://example.com/events/2091/05/20/summit", "title": "Summit", "text": f"{TEXT} 5"},
        {"url": "https://example.com[0]/2025/07/05/library", "title": "Library", "text": f"{TEXT} 6"},
        {"url": "https://example.com/2025/07/05/epoch", "title": "Epoch", "text": f"{TEXT} 7", "published": 1577836800},
    ]
    (inputs / "items.jsonl").write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")

    result = ingest(str(inputs), "--out", str(out))

    assert result.returncode == 0, result.stderr
    dates = [(d["published_text"], d["published_at"]) for d in read_jsonl(out / "documents.jsonl")]
    assert dates == [
        ("2025-07-05", "2025-07-05T00:00:00Z"),
        ("2025-07-04", "2025-07-04T00:00:00Z"),
        ("July 1, 2025", "2025-07-01T00:00:00Z"),
        (None, None),
        (None, None),
        (None, None),
        (None, None),
        ("2020-01-01T00:00:00Z", "2020-01-01T00:00:00Z"),
    ]


def _ingested(tmp_path: Path, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The documents `builder ingest` writes for the records, given as one scraper export."""
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    (inputs / "items.jsonl").write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    assert ingest(str(inputs), "--out", str(out)).returncode == 0
    return read_jsonl(out / "documents.jsonl")


def test_a_date_in_numbers_that_reads_both_ways_is_read_as_its_url_files_it(tmp_path: Path) -> None:
    """ "03/10/2023" is 10 March month first, as dateutil reads it, and 3 October day first: the URL's
    "/2023/october/03/" or "/2023/10/03/" tells which. A URL that files it under neither day, or none, leaves the
    reading month first; a date that reads one way only is read that way whatever the URL."""
    filed = [
        ("https://example.com/blog/2023/october/03/wine", "03/10/2023"),
        ("https://example.com/2023/10/03/wine", "03/10/2023"),
        ("https://example.com/2023/03/10/wine", "03/10/2023"),
        ("https://example.com/2023/05/05/wine", "03/10/2023"),
        ("https://example.com/wine", "03/10/2023"),
        ("https://example.com/2023/10/03/wine", "13/10/2023"),
    ]
    records = [
        {"url": url, "date": date, "title": f"{SAMPLE_TITLES[index % 4]} {index}", "text": f"{TEXT} {index}"}
        for index, (url, date) in enumerate(filed)
    ]
    documents = _ingested(tmp_path, records)
    assert [d["published_at"][:10] for d in documents] == [
        "2023-10-03",
        "2023-10-03",
        "2023-03-10",
        "2023-03-10",
        "2023-03-10",
        "2023-10-13",
    ]


def test_a_wire_story_s_staff_credit_is_its_credit_not_its_text(tmp_path: Path) -> None:
    """Reuters closes a story with who reported, wrote and edited it, in brackets after the last paragraph, or run
    onto it when a scraper flattened the story; a last sentence that opens so but reads on is text."""
    body = "The Federal Reserve held rates steady on Wednesday, citing sticky inflation and a strong labour market."
    endings = [
        "\n\n(Reporting by Howard Schneider in Washington; Editing by Andrea Ricci)",
        " Writing by Jane Doe; editing by John Smith",
        " Research by Harvard shows that such pauses calm markets.",
        "\n\n(Additional reporting by Ann Maria Shibu in Bengaluru) — Reuters",
    ]
    records = [
        {"title": f"{SAMPLE_TITLES[index]} {index}", "text": f"WASHINGTON (Reuters) - {body[:-1]} {index}.{ending}"}
        for index, ending in enumerate(endings)
    ]
    documents = _ingested(tmp_path, records)
    assert [d["credit"] for d in documents] == [
        "Reporting by Howard Schneider in Washington; Editing by Andrea Ricci",
        "Writing by Jane Doe; editing by John Smith",
        None,
        "Reuters; Additional reporting by Ann Maria Shibu in Bengaluru",
    ]
    ends = ["labour market 0.", "labour market 1.", "such pauses calm markets.", "labour market 3."]
    assert [d["text"].endswith(end) for d, end in zip(documents, ends, strict=True)] == [True] * 4


def test_a_copyright_notice_below_a_story_is_no_text(tmp_path: Path) -> None:
    """An agency's or a site's notice kept below the story by the scraper goes, above the credits or alone; a
    paragraph that speaks of copyright, or a notice inside the story (an image's), stays."""
    body = "A strong earthquake struck off northern Japan on Monday, prompting a tsunami advisory for the coast."
    endings = [
        "\n\nCopyright 2025 The Associated Press. All rights reserved. This material may not be published.",
        "\n\n(Reporting by Jane Doe; Editing by John Smith)\n\n© 2025 Reuters. All rights reserved.",
        "\n\nCopyright law protects the agency's photos of the quake, its lawyers said on Tuesday.",
        "\n\n© A.M. Best Company, Inc. — used by permission\n\nThe agency said more tremors may follow.",
    ]
    records = [{"title": f"{SAMPLE_TITLES[i]} {i}", "text": f"{body} {i}.{end}"} for i, end in enumerate(endings)]
    documents = _ingested(tmp_path, records)
    assert [d["text"].count("\n\n") + 1 for d in documents] == [1, 1, 2, 3]
    assert documents[1]["credit"] == "Reporting by Jane Doe; Editing by John Smith"


def test_the_dateline_opens_the_paragraph_after_an_editor_s_note(tmp_path: Path) -> None:
    """The note stays text (WCXB's truth keeps it); the dateline under it is read as on a story without one."""
    note = "Editor's note: This story has been updated with the latest forecast."
    body = "A strong storm neared Florida's Gulf coast on Tuesday, as residents boarded up their homes and left."
    record = {
        "title": SAMPLE_TITLES[0],
        "text": f"{note}\n\nMIAMI (AP) — {body}\n\nThe storm may land late on Wednesday.",
    }
    [document] = _ingested(tmp_path, [record])
    assert document["dateline"]["raw"] == "MIAMI (AP) —"
    assert document["text"].startswith(f"{note}\n\n{body}")


def test_ad_labels_share_buttons_and_calls_to_follow_between_paragraphs_are_no_text(tmp_path: Path) -> None:
    story = [
        "The city council voted on Tuesday to extend the night bus network to four more districts.",
        "The plan will cost about 4 million dollars a year, according to the transport department.",
        "Critics said the money would be better spent on daytime routes, which often run late.",
        "The new routes start in September, the council said, and may share the stops of the day buses.",
    ]
    widgets = ["Advertisement", "Story continues below advertisement", "ADVERTISEMENT - SCROLL TO CONTINUE"]
    widgets += ["Share this article", "Follow us on Instagram for the latest news."]
    text = "\n\n".join([story[0], *widgets[:2], story[1], *widgets[2:], story[2], story[3]])
    [document] = _ingested(tmp_path, [{"title": SAMPLE_TITLES[0], "text": text}])
    assert document["text"] == "\n\n".join(story)


def test_a_german_site_s_sign_up_is_no_text_of_its_german_article(tmp_path: Path) -> None:
    """The language is read from the text first; then the sign-ups of that language go, as English ones always do."""
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    paragraphs = [
        "Der Bundestag hat nach monatelangem Streit das umstrittene Heizungsgesetz verabschiedet. Für den Entwurf "
        "stimmten 345 Abgeordnete, 280 votierten dagegen.",
        "Jetzt Newsletter abonnieren und nichts mehr verpassen!",
        "Die Opposition kündigte an, das Gesetz vor dem Bundesverfassungsgericht prüfen zu lassen. Die Regelung gilt "
        "ab Januar 2026 für Neubauten, für alle anderen Gebäude erst später.",
        "Subscribe to our newsletter",
    ]
    record = {"url": "https://example.de/politik/heizung", "title": "Heizungsgesetz beschlossen"}
    (inputs / "items.jsonl").write_text(json.dumps(record | {"text": "\n\n".join(paragraphs)}) + "\n", encoding="utf-8")

    result = ingest(str(inputs), "--out", str(out))

    assert result.returncode == 0, result.stderr
    [document] = read_jsonl(out / "documents.jsonl")
    assert document["lang"] == "de"
    assert document["text"] == "\n\n".join([paragraphs[0], paragraphs[2]])


def test_a_record_of_nothing_but_a_sign_up_has_no_article(tmp_path: Path) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    record = {"title": "Newsletter", "text": "Sign up for our newsletter to get the latest stories in your inbox."}
    (inputs / "items.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")

    result = ingest(str(inputs), "--out", str(out))

    assert result.returncode == 0, result.stderr
    assert read_jsonl(out / "documents.jsonl") == []
    [rejected] = read_jsonl(out / "quarantine.jsonl")
    assert (rejected["reason_code"], rejected["line"]) == ("no_article", 1)
    assert "promotion" in rejected["reason"]


def test_a_big_export_is_handed_on_in_parts_not_held_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file's documents were held until its end: a JSON Lines export of millions of records made memory grow
    with the file. They come in parts of PART_DOCUMENTS (lowered here), the file's report row still counting them
    all, and a worker's whole outcome (`ingest_file`) is the parts joined."""
    monkeypatch.setattr(pipeline, "PART_DOCUMENTS", 10)
    records = [
        {"title": f"Story {number}", "text": f"{_related_paragraphs()[0]} Story {number}.", "url": None}
        for number in range(25)
    ]
    records[7] = {"title": "no text here"}
    export = tmp_path / "export.jsonl"
    export.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    source = InputFile(export, str(export))
    options = IngestOptions()

    parts = list(pipeline.ingest_file_parts(source, options))

    assert [(len(part.documents), len(part.rejections), part.final) for part in parts] == [
        (10, 1, False),
        (10, 0, False),
        (4, 0, True),
    ]
    assert [(part.pages, part.articles) for part in parts] == [(10, 10), (10, 10), (4, 4)]
    whole = pipeline.ingest_file(source, options)
    assert [built.line for built in whole.documents] == [built.line for part in parts for built in part.documents]
    items, report = pipeline.run_ingest([str(export)], options)
    assert sum(isinstance(item, pipeline.DocumentLine) for item in items) == 24
    [row] = list(report.files)
    assert (row["pages"], row["documents"], row["rejected"]) == (24, 24, {"no_text": 1})


def test_a_big_export_is_built_by_every_worker_and_gives_what_one_worker_gives(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A big export of records, as one worker's task, kept the other workers idle and its documents in memory
    until its end: the parent reads it and hands its pages to the workers in runs. The documents, rejections
    and report rows are those of one worker, page files before and after it included."""
    monkeypatch.setattr(pipeline, "SPLIT_BYTES", 2000)
    monkeypatch.setattr(pipeline, "TASK_BYTES", 1500)
    paragraphs = _related_paragraphs()
    records: list[Any] = [
        {"title": f"Story {number}", "text": f"{paragraphs[number % 5]} Story {number}.", "id": number}
        for number in range(40)
    ]
    records[17] = {"title": "no text here"}
    records[30] = records[29] | {"id": 30}  # a duplicate, marked against the first copy whatever the worker
    lines = [json.dumps(record) for record in records]
    lines.insert(25, "{not json")
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "a-page.txt").write_text(SAMPLE_PAGE.read_text(encoding="utf-8"), encoding="utf-8")
    (inputs / "b-export.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (inputs / "c-page.txt").write_text(SAMPLE_PAGE.read_text(encoding="utf-8"), encoding="utf-8")
    export = InputFile(inputs / "b-export.jsonl", str(inputs / "b-export.jsonl"))
    assert pipeline.read_by_parent(export, 1 << 20, IngestOptions())
    ends = [run.ends_file for run in pipeline.page_runs(export, IngestOptions())]
    assert len(ends) > 2
    assert ends == [False] * (len(ends) - 1) + [True]

    runs = {}
    for workers in (1, 2):
        items, report = pipeline.run_ingest([str(inputs)], IngestOptions(), workers)
        # Each to its own file: documents.jsonl and quarantine.jsonl.
        written = ([], [])
        for item in items:
            if isinstance(item, pipeline.DocumentLine):
                written[0].append(item.line)
            else:
                written[1].append(item.to_record())
        rows = [{key: value for key, value in row.items() if key != "seconds"} for row in report.files]
        runs[workers] = (written, rows, report.stages, dict(report.duplicates))

    for one, two in zip(runs[1], runs[2], strict=True):
        assert two == one
    written, rows, _, duplicates = runs[2]
    assert [row["documents"] for row in rows] == [4, 39, 4]
    assert rows[1]["rejected"] == {"no_text": 1, "bad_json": 1}
    assert duplicates["exact"] == 5  # the second page's four articles, and the copied record


def test_keys_that_differ_only_in_case_give_the_first_value_present(tmp_path: Path) -> None:
    """A record with "Title" and "title" (a scraper that merged two sources): names are recognised whatever their
    case, and the first value present is taken, as among the names tried; an empty one does not hide the other."""
    text = _related_paragraphs()[0]
    records = [
        {"Title": SAMPLE_TITLES[3], "title": "Home | Site", "text": text},
        {"Text": "", "TITLE": SAMPLE_TITLES[2], "text": text},
    ]
    export = tmp_path / "export.jsonl"
    export.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")

    result = ingest(str(export), "--out", str(tmp_path / "out"))

    assert result.returncode == 0, result.stderr
    documents = read_jsonl(tmp_path / "out" / "documents.jsonl")
    assert [(d["title"], d["text"]) for d in documents] == [(SAMPLE_TITLES[3], text), (SAMPLE_TITLES[2], text)]


def test_a_record_whose_text_only_restates_its_title_is_no_article(tmp_path: Path) -> None:
    """A scraper that kept the link and not the article: its text is the title again, maybe with the outlet's name.
    A short text of its own is kept, and so is a record without a title, whose title is its text's start."""
    short = "The council voted on Tuesday to extend night buses to the airport."
    records = [
        {"title": SAMPLE_TITLES[3], "text": SAMPLE_TITLES[3].upper(), "source": "Reuters"},
        {"title": SAMPLE_TITLES[2], "text": f"{SAMPLE_TITLES[2]} - Reuters", "source": "Reuters"},
        {"title": "Night buses extended", "text": short},
        {"text": short},
    ]
    export = tmp_path / "export.jsonl"
    export.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")

    result = ingest(str(export), "--out", str(tmp_path / "out"))

    assert result.returncode == 0, result.stderr
    rejected = [(item["reason_code"], item["line"]) for item in read_jsonl(tmp_path / "out" / "quarantine.jsonl")]
    assert rejected == [("no_article", 1), ("no_article", 2)]
    documents = read_jsonl(tmp_path / "out" / "documents.jsonl")
    assert [(d["title"], d["text"]) for d in documents] == [("Night buses extended", short), (short, short)]


def test_a_text_a_news_api_cut_short_is_quarantined_and_a_title_s_outlet_taken_off(tmp_path: Path) -> None:
    """NewsAPI gives the first 200 characters of an article and "… [+2345 chars]", GNews "... [1234 chars]": no
    article to annotate, quarantined with what to do; with the page's HTML beside it, the HTML is read instead.
    Headlines from such services end in their outlet's name ("Story - Reuters"), which the title leaves off, and
    only that: a part that names no outlet stays ("- Live"), and so does a word the outlet's name holds ("US -").
    A record with no content but its description (NewsAPI's `content: null`) is told why that is not read."""
    cut = TEXT[:200]
    records = [
        {"source": {"id": "reuters", "name": "Reuters"}, "title": "A - Reuters", "content": f"{cut}… [+2345 chars]"},
        {"title": "B", "content": f"{cut}... [1,234 chars]"},
        {"title": SAMPLE_TITLES[3], "content": f"{cut}… [+99 chars]", "html": _article_html("C", [TEXT]).decode()},
        {"source": {"id": None, "name": "Reuters"}, "title": f"{SAMPLE_TITLES[0]} - Reuters", "content": TEXT},
        {"source": "BBC News", "title": f"{SAMPLE_TITLES[1]} | BBC News", "content": TEXT},
        {"source": "Reuters", "title": "Clashes in Kyiv - Live", "content": TEXT},
        {"source": "US News", "title": "US - China talks stall - US News", "content": TEXT},
        {"title": "D", "description": "A summary of the story.", "content": None},
    ]
    export = tmp_path / "export.jsonl"
    export.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")

    result = ingest(str(export), "--out", str(tmp_path / "out"))

    assert result.returncode == 0, result.stderr
    rejected = read_jsonl(tmp_path / "out" / "quarantine.jsonl")
    assert [(item["reason_code"], item["line"], item["field"]) for item in rejected] == [
        ("cut_text", 1, "text"),
        ("cut_text", 2, "text"),
        ("no_text", 8, "text"),
    ]
    assert "2,345 characters of the article left out" in rejected[0]["reason"]
    assert rejected[2]["reason"].startswith("its 'content' field is empty (None)")
    assert "its 'description' is a summary of the article, not its text" in rejected[2]["reason"]
    documents = read_jsonl(tmp_path / "out" / "documents.jsonl")
    titles = [SAMPLE_TITLES[3], SAMPLE_TITLES[0], SAMPLE_TITLES[1], "Clashes in Kyiv - Live", "US - China talks stall"]
    assert [d["title"] for d in documents] == titles
    assert documents[0]["text"].startswith(TEXT[:100])
    assert "chars]" not in documents[0]["text"]


def test_a_scraped_title_loses_the_name_of_the_site_its_url_is_on(tmp_path: Path) -> None:
    """A scraper that kept the page's <title> gives "Story – The Guardian" with no outlet field: the URL's site
    names it (theguardian.com, bbc.co.uk for "BBC News", getdianahr.com for "DianaHR"). A last part that names no
    site of the URL stays."""
    records = [
        {"title": f"{SAMPLE_TITLES[0]} – The Guardian", "text": TEXT, "url": "https://www.theguardian.com/world/a"},
        {"title": f"{SAMPLE_TITLES[1]} - BBC News", "text": TEXT + " B", "url": "https://www.bbc.co.uk/news/b"},
        {"title": "Clashes in Kyiv - Live", "text": TEXT + " C", "url": "https://www.theguardian.com/world/c"},
        # A name its host spells run together, or word by word.
        {"title": f"{SAMPLE_TITLES[2]} | DianaHR", "text": TEXT + " D", "url": "https://www.getdianahr.com/blog/d"},
        {
            "title": f"{SAMPLE_TITLES[3]} | Bridgestone Tires",
            "text": TEXT + " E",
            "url": "https://tires.bridgestone.com/e",
        },
    ]
    titles = [document["title"] for document in _ingested(tmp_path, records)]
    assert titles == [SAMPLE_TITLES[0], SAMPLE_TITLES[1], "Clashes in Kyiv - Live", SAMPLE_TITLES[2], SAMPLE_TITLES[3]]


def test_a_records_text_in_html_or_as_a_list_of_paragraphs_is_read_as_its_paragraphs(tmp_path: Path) -> None:
    """A CMS export's content with its <p> tags (which were left in the text), and a text given as a list of its
    paragraphs (which was no text at all): both are the same paragraphs as plain text. A name in angle brackets
    is no HTML."""
    paragraphs = _related_paragraphs()[:5]
    html = "<h2>Air defence</h2>" + "".join(f"<p>{p.replace('Trump', '<b>Trump</b>')}</p>" for p in paragraphs)
    records = [
        {"title": "In HTML", "content": html + "<script>track()</script>"},
        {"title": "As a list", "paragraphs": paragraphs},
        {"title": "Plain", "text": "\n\n".join(paragraphs) + "\n\nWrite to <news@example.com> with tips."},
    ]
    export = tmp_path / "export.jsonl"
    export.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")

    result = ingest(str(export), "--out", str(tmp_path / "out"))

    assert result.returncode == 0, result.stderr
    in_html, as_list, plain = read_jsonl(tmp_path / "out" / "documents.jsonl")
    text = "\n\n".join(paragraphs)
    assert in_html["text"] == f"Air defence\n\n{text}"
    assert [p["kind"] for p in in_html["paragraphs"]] == ["heading"] + ["body"] * len(paragraphs)
    assert as_list["text"] == text
    assert plain["text"].endswith("Write to <news@example.com> with tips.")


def test_a_wordpress_rest_api_export_is_read_by_its_rendered_fields(tmp_path: Path) -> None:
    """WordPress's REST API (`/wp-json/wp/v2/posts`) gives each text field as an object, `{"rendered": ...}`: the
    content in HTML, the title with character references; the post's time in UTC as `date_gmt`, beside `date` in
    the site's zone, unmarked. A members-only post's content is rendered empty, and the record says so."""
    paragraphs = _related_paragraphs()[:3]
    posts = [
        {
            "id": 101,
            "date": "2025-07-05T09:00:00",
            "date_gmt": "2025-07-05T01:00:00",
            "link": "https://news.example/2025/07/05/air-defence/",
            "title": {"rendered": "Trump &#8211; and Zelensky &#8211; discuss air defence"},
            "content": {"rendered": "<h2>Air defence</h2>" + "".join(f"<p>{p}</p>" for p in paragraphs)},
            "excerpt": {"rendered": f"<p>{paragraphs[0][:80]}</p>"},
        },
        {"id": 102, "title": {"rendered": "Members only"}, "content": {"rendered": "", "protected": True}},
    ]
    export = tmp_path / "posts.json"
    export.write_text(json.dumps(posts), encoding="utf-8")

    result = ingest(str(export), "--out", str(tmp_path / "out"))

    assert result.returncode == 0, result.stderr
    [post] = read_jsonl(tmp_path / "out" / "documents.jsonl")
    assert post["title"] == "Trump – and Zelensky – discuss air defence"
    assert post["text"] == "Air defence\n\n" + "\n\n".join(paragraphs)
    assert (post["url"], post["published_at"]) == (posts[0]["link"], "2025-07-05T01:00:00Z")
    [members_only] = read_jsonl(tmp_path / "out" / "quarantine.jsonl")
    assert (members_only["record"], members_only["reason_code"]) == ("[1]", "no_text")
    assert members_only["reason"].startswith("its 'content' field is empty ('')")


def test_a_news_article_in_schema_org_json_ld_is_read_by_its_own_names(tmp_path: Path) -> None:
    """A page's JSON-LD, as scrapers keep it: `headline`, `articleBody`, `datePublished`, the publisher an object
    with its name."""
    article = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": SAMPLE_TITLES[0],
        "articleBody": TEXT,
        "datePublished": "2025-07-05T10:00:00+08:00",
        "publisher": {"@type": "Organization", "name": "Free Malaysia Today"},
        "url": "https://example.com/ld",
    }
    (tmp_path / "ld.jsonl").write_text(json.dumps(article) + "\n", encoding="utf-8")

    assert ingest(str(tmp_path / "ld.jsonl"), "--out", str(tmp_path / "out")).returncode == 0
    [document] = read_jsonl(tmp_path / "out" / "documents.jsonl")
    assert (document["title"], document["source"], document["published_at"]) == (
        SAMPLE_TITLES[0],
        "Free Malaysia Today",
        "2025-07-05T10:00:00+08:00",
    )
    assert document["text"] == TEXT


def test_a_text_field_that_holds_no_text_is_named_in_its_rejection(tmp_path: Path) -> None:
    records = [
        {"title": "A", "body": 42},
        {"title": "B", "content": {"blocks": []}},
        {"title": "C", "content": None},
        {"title": SAMPLE_TITLES[0], "text": TEXT},
    ]
    export = tmp_path / "export.jsonl"
    export.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")

    assert ingest(str(export), "--out", str(tmp_path / "out")).returncode == 0
    assert [item["reason"] for item in read_jsonl(tmp_path / "out" / "quarantine.jsonl")] == [
        "its 'body' field holds a number, not text: no text or HTML to read",
        "its 'content' field holds an object, not text: no text or HTML to read",
        "its 'content' field is empty (None): no text or HTML to read",
    ]


def test_character_references_a_scraper_left_in_a_record_are_read(tmp_path: Path) -> None:
    """Scrapers that take a title or text out of HTML or a feed often leave "&amp;" and "&#8217;" in it: read, as
    a page would show them. A bare ampersand ("AT&T", "R&D") is text."""
    record = {
        "title": "Tom &amp; Jerry&#8217;s feud ends",
        "text": "The feud between Tom &amp; Jerry ended on Tuesday &mdash; AT&T and R&D labs watched the chase.",
        "source": "Cartoon &amp; Co",
    }
    export = tmp_path / "export.jsonl"
    export.write_text(json.dumps(record) + "\n", encoding="utf-8")

    result = ingest(str(export), "--out", str(tmp_path / "out"))

    assert result.returncode == 0, result.stderr
    [document] = read_jsonl(tmp_path / "out" / "documents.jsonl")
    assert (document["title"], document["source"]) == ("Tom & Jerry’s feud ends", "Cartoon & Co")
    assert document["text"] == "The feud between Tom & Jerry ended on Tuesday — AT&T and R&D labs watched the chase."


@pytest.mark.parametrize(
    ("value", "date"),
    [
        (1577836800, "2020-01-01T00:00:00Z"),
        (1577836800500, "2020-01-01T00:00:00.500000Z"),
        ("1577836800", "2020-01-01T00:00:00Z"),
        (1577836800.25, "2020-01-01T00:00:00.250000Z"),
        (2025, None),  # a year, not a time
        (20250705, None),  # a day written as digits
        (True, None),
        ("July 1, 2025", None),  # read as text, not here
    ],
)
def test_a_unix_time_is_a_date_and_other_numbers_are_not(value: object, date: str | None) -> None:
    from builder.ingest.scraper import epoch_date

    assert epoch_date(value) == date


def test_a_scraped_text_s_headline_byline_and_date_above_its_body_are_no_text(tmp_path: Path) -> None:
    """Scrapers that keep an article element's text keep its header: the headline again, "By Jane Doe", "July 5,
    2025". Each is taken off the text; the printed date stands in where the record states none, and a stated one
    wins. A text of nothing but its header is no article; a body's first paragraph stays, however it opens."""
    paragraphs = _related_paragraphs()
    body = "\n\n".join(paragraphs)
    header = f"{SAMPLE_TITLES[3]}\n\nBy Jane Doe\n\nJuly 5, 2025\n\n"
    records = [
        {"title": SAMPLE_TITLES[3], "text": header + body},
        {"title": SAMPLE_TITLES[3], "text": header + body + " Again.", "published": "2025-07-06T09:00:00Z"},
        {"title": SAMPLE_TITLES[3], "text": header.strip()},
        {"title": "Night buses", "text": f"By the numbers, the council's vote was close.\n\n{body}"},
    ]
    export = tmp_path / "export.jsonl"
    export.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")

    result = ingest(str(export), "--out", str(tmp_path / "out"))

    assert result.returncode == 0, result.stderr
    rejected = [(item["reason_code"], item["line"]) for item in read_jsonl(tmp_path / "out" / "quarantine.jsonl")]
    assert rejected == [("no_article", 3)]
    documents = read_jsonl(tmp_path / "out" / "documents.jsonl")
    assert [d["text"].split("\n\n")[0] for d in documents] == [
        paragraphs[0],
        paragraphs[0],
        "By the numbers, the council's vote was close.",
    ]
    assert [(d["published_text"], d["published_at"]) for d in documents[:2]] == [
        ("July 5, 2025", "2025-07-05T00:00:00Z"),
        ("2025-07-06T09:00:00Z", "2025-07-06T09:00:00Z"),
    ]


def test_an_export_of_an_empty_array_is_quarantined_as_empty(tmp_path: Path) -> None:
    """`[]` (a scraper run that found nothing) gave no document and no rejection: a file the report could not
    explain. It is now `empty`, as an empty file is."""
    (tmp_path / "items.json").write_text("[]\n", encoding="utf-8")
    (tmp_path / "lines.jsonl").write_text("[]\n", encoding="utf-8")
    out = tmp_path / "out"
    ingest(str(tmp_path), "--out", str(out))
    rejected = {Path(item["source"]).name: item["reason_code"] for item in read_jsonl(out / "quarantine.jsonl")}
    assert rejected == {"items.json": "empty", "lines.jsonl": "empty"}


def test_a_json_export_that_is_not_utf8_is_rejected_at_its_first_bad_byte(tmp_path: Path) -> None:
    """More bad bytes than a few is no damaged UTF-8 but another encoding: the rejection names the line and byte
    of the first, not only a character position inside its reason."""
    records = [
        {"title": "Council extends night buses", "text": "The council voted on Tuesday."},
        {"title": "Café", "text": "Déjà vu à l'école. " * 20},
    ]
    # Pretty-printed: one JSON document, not a record a line.
    raw = json.dumps(records, indent=2, ensure_ascii=False).encode("latin-1")
    (tmp_path / "items.json").write_bytes(raw)
    out = tmp_path / "out"
    ingest(str(tmp_path / "items.json"), "--out", str(out))
    [rejection] = read_jsonl(out / "quarantine.jsonl")
    assert rejection["reason_code"] == "bad_json"
    assert (rejection["line"], rejection["offset"]) == (7, raw.index(b"\xe9"))


def test_a_record_holding_unicode_line_separators_is_written_on_one_line(tmp_path: Path) -> None:
    """JSON lets U+2028, U+2029 and NEL stand unescaped in a string, and a scraper's text can hold them; written so,
    `str.splitlines` (and many a reader of lines) cut the record in two. They are written escaped."""
    text = "\n\n".join(_related_paragraphs())
    record = {"title": "Putin tells\u2028Trump", "text": text.replace(". ", ".\u2029 ", 1) + "\x85"}
    (tmp_path / "items.jsonl").write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    ingest(str(tmp_path / "items.jsonl"), "--out", str(out))
    written = (out / "documents.jsonl").read_text(encoding="utf-8")
    assert len(written.splitlines()) == 1
    assert "\u2028" not in written
    assert "\\u2028" in written
    [document] = read_jsonl(out / "documents.jsonl")
    assert document["title"] == "Putin tells\u2028Trump"


def _records_published(stated: list[str]) -> list[dict[str, str]]:
    """A record of its own for each published time stated, each a sample title and text numbered apart."""
    return [
        {"title": f"{SAMPLE_TITLES[index % 4]} {index}", "text": f"{TEXT} {index}", "published": published}
        for index, published in enumerate(stated)
    ]


def test_an_integer_too_long_to_read_loses_its_record_not_the_file(tmp_path: Path) -> None:
    """Python reads no integer of more than 4,300 digits, and `json.loads` raised a bare ValueError for a record
    holding one in any field (`"views": 999…`): not JSON's own error, so it was a `builder_fault` of the whole
    file, and every record after it was lost (97 of 99), or the file was not even laid out when it was on the first
    line. It is valid JSON that one record made unreadable: that record is `bad_json` at its line (an item of an
    array at its index), naming the field, and the others are read. A document that is that one record is the
    file's `bad_json`, at the integer's line."""
    huge = "9" * 4400
    items = _items(3)
    lines = [json.dumps(items[0]).replace("{", '{"views": ' + huge + ", ", 1), json.dumps(items[1])]
    lines += ['{"title": "x", "stats": {"views": ' + huge + "}}", json.dumps(items[2])]
    (tmp_path / "lines.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    in_array = [{**item, "text": f"{item['text']} (array)"} for item in items]
    array = json.dumps(in_array, indent=1).replace('"url"', '"views": -' + huge + ', "url"', 1)
    (tmp_path / "array.json").write_text(array, encoding="utf-8")
    one = json.dumps(items[0], indent=1).replace('"title"', '"n": ' + huge + ', "title"')
    (tmp_path / "one.json").write_text(one, encoding="utf-8")
    out = tmp_path / "out"

    result = ingest(str(tmp_path), "--out", str(out))

    assert result.returncode == 0, result.stderr
    found = [
        (Path(d["provenance"]["path"]).name, d["provenance"]["line"], d["provenance"]["record"], d["title"])
        for d in read_jsonl(out / "documents.jsonl")
    ]
    assert found == [
        ("array.json", None, "[1]", SAMPLE_TITLES[1]),
        ("array.json", None, "[2]", SAMPLE_TITLES[2]),
        ("lines.jsonl", 2, None, SAMPLE_TITLES[1]),
        ("lines.jsonl", 4, None, SAMPLE_TITLES[2]),
    ]
    rejected = [
        (Path(q["source"]).name, q["reason_code"], q["line"], q["record"], q["field"])
        for q in read_jsonl(out / "quarantine.jsonl")
    ]
    assert rejected == [
        ("array.json", "bad_json", None, "[0]", "views"),
        ("lines.jsonl", "bad_json", 1, None, "views"),
        ("lines.jsonl", "bad_json", 3, None, "stats.views"),
        ("one.json", "bad_json", 3, None, "n"),
    ]
    reasons = [q["reason"] for q in read_jsonl(out / "quarantine.jsonl")]
    assert reasons[0].startswith("JSON that cannot be read: item [0] holds an integer of 4,400 digits in 'views'")
    assert reasons[2].startswith("JSON that cannot be read: an integer of 4,400 digits in 'stats.views'")
    assert json.loads((out / "report.json").read_text())["rejected"] == {"bad_json": 4}


def test_a_stated_time_with_an_offset_no_zone_has_gives_no_time_not_a_broken_record(tmp_path: Path) -> None:
    """dateutil reads any two digits as an offset's hours and minutes into a time zone it does not check, where
    Python's own refuse an offset of a day or more: "2024-01-01T00:00:00-99:99" was written as published_at
    "2024-01-01T00:00:00-:0:39", and `builder validate` rejected the document the run had written. No such time is
    one: the document has no published_at (nor a crawled_at from a capture time so stated, which is quarantined as
    no time), the text stated is kept, and every record written is valid. So for a time whose instant in UTC is
    past the year 9999, which no reader can convert."""
    stated = [
        "2024-01-01T00:00:00-99:99",
        "2024-01-01T00:00:00+25:00",
        "2024-01-01T00:00:00+24:00",
        "9999-12-31T23:59:59+99:00",
        "9999-12-31T23:59:59-05:00",
        "Jan 1 2024 10:00 GMT+25",
        "2024-01-01T00:00:00+23:59",
    ]
    records = _records_published(stated)
    records[0]["crawled_at"] = "2025-01-01T00:00:00+99:00"
    out = tmp_path / "out"
    (tmp_path / "items.jsonl").write_text("".join(json.dumps(record) + "\n" for record in records), "utf-8")

    result = ingest(str(tmp_path / "items.jsonl"), "--out", str(out))

    assert result.returncode == 0, result.stderr
    documents = read_jsonl(out / "documents.jsonl")
    assert [(d["published_text"], d["published_at"]) for d in documents] == [
        *((published, None) for published in stated[:-1]),
        ("2024-01-01T00:00:00+23:59", "2024-01-01T00:00:00+23:59"),
    ]
    assert documents[0]["provenance"]["crawled_at"] is None
    assert [(q["reason_code"], q["line"], q["field"]) for q in read_jsonl(out / "quarantine.jsonl")] == [
        ("invalid_crawl_time", 1, "crawled")
    ]
    validated = validate(out / "documents.jsonl")
    assert validated.returncode == 0, validated.stdout


def test_a_java_time_with_its_zone_in_brackets_is_read_at_its_offset(tmp_path: Path) -> None:
    """Java's `ZonedDateTime` writes a time with its zone's name in brackets after the offset
    ("2025-09-04T12:50:36-04:00[America/New_York]"), which dateutil reads as no date at all: the document had no
    published_at. The offset says the time, so the name is dropped; without an offset before it, the name would be
    all that says the zone, and the time is left unread rather than read as UTC."""
    stated = [
        "2025-09-04T12:50:36-04:00[America/New_York]",
        "2025-09-04T16:50:36Z[UTC]",
        "2025-09-04T12:50:36[America/New_York]",
    ]
    records = _records_published(stated)
    documents = _ingested(tmp_path, records)
    assert [(d["published_text"], d["published_at"]) for d in documents] == [
        (stated[0], "2025-09-04T12:50:36-04:00"),
        (stated[1], "2025-09-04T16:50:36Z"),
        (stated[2], None),
    ]


def test_a_whole_html_page_under_a_text_field_is_read_as_the_record_s_page(tmp_path: Path) -> None:
    """Crawlers give a page's whole HTML under a text field's name (`content`, `body`, `text`). It was read as a
    text written in HTML, a CMS's fragment, all its text kept: the menus and footer were the article and "Skip to
    main content" its title. A value that is a whole page (a doctype or `<html>` first, or a `<head>` or `<body>`
    tag) is the record's HTML page, its article extracted as under `html`, in a CSV export as in JSON Lines; a
    CMS's fragment under `content` is read as before."""
    paragraphs = _related_paragraphs()
    article = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    page = (
        "<!DOCTYPE html><html><head><title>Zelensky asks for air defence | City News</title></head><body>"
        "<a href='#main'>Skip to main content</a><nav><ul><li><a href='/'>Home</a></li><li><a href='/world'>World"
        "</a></li><li><a href='/sport'>Sport</a></li></ul></nav>"
        f"<main id='main'><article><h1>Zelensky asks for air defence</h1>{article}</article></main>"
        "<footer><p>About us</p><p>Contact</p><p>© 2025 City News. All rights reserved.</p></footer></body></html>"
    )
    records = [
        {"id": "html", "html": page},
        {"id": "content", "content": page},
        {"id": "body", "body": "\n  " + page.removeprefix("<!DOCTYPE html>")},
        {"id": "text", "text": page.removeprefix("<!DOCTYPE html><html>")},
        {"id": "fragment", "content": "<h2>Air defence</h2>" + article},
    ]
    (tmp_path / "pages.jsonl").write_text("".join(json.dumps(record) + "\n" for record in records), "utf-8")
    (tmp_path / "pages.csv").write_text(f'id,body\ncsv,"{page.replace(chr(34), chr(34) * 2)}"\n', "utf-8")
    out = tmp_path / "out"

    result = ingest(str(tmp_path / "pages.csv"), str(tmp_path / "pages.jsonl"), "--out", str(out))

    assert result.returncode == 0, result.stderr
    assert read_jsonl(out / "quarantine.jsonl") == []
    documents = {d["provenance"]["record"]: d for d in read_jsonl(out / "documents.jsonl")}
    assert list(documents) == ["csv", "html", "content", "body", "text", "fragment"]
    text = "\n\n".join(paragraphs)
    for record in ("csv", "html", "content", "body", "text"):
        assert (documents[record]["title"], documents[record]["text"]) == ("Zelensky asks for air defence", text)
    assert documents["fragment"]["text"] == f"Air defence\n\n{text}"


def test_an_export_of_no_record_is_quarantined_as_empty(tmp_path: Path) -> None:
    """An empty JSON Lines file, or one of blank lines, gave neither a document nor a rejection: the run said every
    input was rejected over an empty quarantine, as other formats' empty files are not."""
    (tmp_path / "empty.jsonl").write_bytes(b"")
    (tmp_path / "blank.jsonl").write_bytes(b"\n  \n\r\n")
    out = tmp_path / "out"
    assert ingest(str(tmp_path), "--out", str(out)).returncode == 1
    assert [(Path(item["source"]).name, item["reason_code"]) for item in read_jsonl(out / "quarantine.jsonl")] == [
        ("blank.jsonl", "empty"),
        ("empty.jsonl", "empty"),
    ]


def test_a_record_of_far_more_text_than_an_article_is_refused_before_it_is_read(tmp_path: Path) -> None:
    """A record of 50 MB of text was read into paragraphs, 1.1 GB of memory, before its document was found too
    long (`document_too_large`): past PLAIN_TEXT_MAX_SHARE times an article's most characters it is refused
    first, naming its line, and the next record is read."""
    from builder.ingest.build import DOCUMENT_MAX_CHARS
    from builder.ingest.pipeline import PLAIN_TEXT_MAX_SHARE

    sentence = "The council voted on Tuesday to extend the night bus service to every district. "
    huge = sentence * (PLAIN_TEXT_MAX_SHARE * DOCUMENT_MAX_CHARS // len(sentence) + 1)
    records = [{"title": "Huge", "text": huge}, {"title": "Small", "text": sentence * 5}]
    (tmp_path / "export.jsonl").write_text("".join(json.dumps(record) + "\n" for record in records))
    out = tmp_path / "out"
    assert ingest(str(tmp_path / "export.jsonl"), "--out", str(out)).returncode == 0
    [refused] = read_jsonl(out / "quarantine.jsonl")
    assert (refused["reason_code"], refused["line"]) == ("page_too_large", 1)
    assert [document["title"] for document in read_jsonl(out / "documents.jsonl")] == ["Small"]


def test_a_field_path_that_matches_no_record_of_the_run_is_warned_of(tmp_path: Path) -> None:
    """`--field` with a typo in its path read every record without that field, and said nothing: the report and
    the summary warn of it, counting the records over every file, read by any worker. A path some record holds
    is no typo; nor is any record rejected for a warning."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    records = [{"meta": {"headline": item["title"]}, "body": item["text"]} for item in _items(4)]
    records[3]["meta"]["link"] = "https://example.com/3"
    (inputs / "a.jsonl").write_text("".join(json.dumps(record) + "\n" for record in records[:2]), encoding="utf-8")
    (inputs / "b.json").write_text(json.dumps(records[2:]), encoding="utf-8")
    fields = ["--field", "text=body", "--field", "url=meta.link"]
    runs = {}
    for title in ("meta.headline", "meta.headlines"):
        out = tmp_path / title
        result = ingest(str(inputs), "--out", str(out), "--workers", "2", *fields, "--field", f"title={title}")
        assert result.returncode == 0, result.stderr
        assert read_jsonl(out / "quarantine.jsonl") == []
        assert len(read_jsonl(out / "documents.jsonl")) == 4
        runs[title] = (json.loads((out / "report.json").read_text())["warnings"], " ".join(result.stderr.split()))
    assert runs["meta.headline"][0] == []
    warning = "--field title=meta.headlines matched no record in 4 records (a typo in the path?)"
    assert runs["meta.headlines"][0] == [warning]
    assert f"warning: {warning}" in runs["meta.headlines"][1]
