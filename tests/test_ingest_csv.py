"""CSV and TSV exports (a row an article): each row is a scraper record whose columns the header names, read with
the same field names as JSON Lines (and `--field`); a bad row is quarantined with its line, the rest are read."""

from __future__ import annotations

import bz2
import csv
import gzip
import io
from collections.abc import Callable
from pathlib import Path

import pytest

from builder import jsonl
from builder.ingest import csv_export
from builder.ingest.pages import Page, Rejection
from builder.ingest.readers import read_pages
from builder.ingest.sources import InputFile
from tests.test_ingest import SAMPLE_TITLES, _related_paragraphs, ingest, read_jsonl

TEXT = "\n\n".join(_related_paragraphs())


def _export(rows: list[dict[str, str]], delimiter: str = ",") -> str:
    written = io.StringIO()
    writer = csv.DictWriter(written, fieldnames=list(rows[0]), delimiter=delimiter, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return written.getvalue()


def test_each_row_of_a_csv_export_is_a_document_with_its_fields(tmp_path: Path) -> None:
    """Field names as exports spell them (headline, body, link, pubDate, publisher), a text of several paragraphs
    quoted over several lines, a byte-order mark; each document points at its row's first line and byte."""
    rows = [
        {
            "headline": SAMPLE_TITLES[3],
            "body": TEXT,
            "link": f"https://example.com/{number}",
            "pubDate": "2025-07-05",
            "publisher": "Free Malaysia Today",
            "id": f"row-{number}",
        }
        for number in range(3)
    ]
    rows[1]["body"] = TEXT.replace("Trump", "the president")
    data = _export(rows).encode("utf-8-sig")
    (tmp_path / "export.csv").write_bytes(data)
    out = tmp_path / "out"

    result = ingest(str(tmp_path / "export.csv"), "--out", str(out))

    assert result.returncode == 0, result.stderr
    assert read_jsonl(out / "quarantine.jsonl") == []
    documents = read_jsonl(out / "documents.jsonl")
    assert [d["provenance"]["record"] for d in documents] == ["row-0", "row-1", "row-2"]
    first = documents[0]
    assert (first["title"], first["url"], first["source"]) == (
        SAMPLE_TITLES[3],
        "https://example.com/0",
        "Free Malaysia Today",
    )
    assert first["published_at"].startswith("2025-07-05")
    assert len(first["paragraphs"]) == len(_related_paragraphs())
    assert first["provenance"]["format"] == "csv"
    for document in documents:
        provenance = document["provenance"]
        assert data[provenance["offset"] :].startswith(f'"{SAMPLE_TITLES[3]}",'.encode())  # quoted: it has a comma
        assert provenance["line"] == data[: provenance["offset"]].count(b"\n") + 1
    assert documents[2]["duplicate_of"] == documents[0]["doc_id"]


@pytest.mark.parametrize(
    ("columns", "source"),
    [
        # All the News (Kaggle): id, title, publication, author, date, year, month, url, content.
        ({"title": SAMPLE_TITLES[0], "publication": "Breitbart", "date": "2017-01-05", "content": TEXT}, "Breitbart"),
        # Media Cloud's story list, with the text a scraper added to it.
        (
            {"title": SAMPLE_TITLES[0], "media_name": "nytimes.com", "publish_date": "2017-01-05", "text": TEXT},
            "nytimes.com",
        ),
    ],
)
def test_a_news_corpus_names_its_outlet_as_its_own_columns_say(
    tmp_path: Path, columns: dict[str, str], source: str
) -> None:
    (tmp_path / "corpus.csv").write_text(_export([columns]), encoding="utf-8")

    assert ingest(str(tmp_path / "corpus.csv"), "--out", str(tmp_path / "out")).returncode == 0
    [document] = read_jsonl(tmp_path / "out" / "documents.jsonl")
    assert (document["source"], document["published_at"][:10]) == (source, "2017-01-05")


def test_spreadsheet_exports_in_their_charsets_and_delimiters_are_read(tmp_path: Path) -> None:
    """Spreadsheets in French export Windows-1252 with semicolons; TSV has tabs; exports come gzipped too. A `.tsv`
    whose header holds no tab is read by the delimiter it holds (it was one column, and no text column found)."""
    french = "Le conseil municipal a voté mardi la prolongation du service d’autobus de nuit à tous les quartiers."
    row = {"title": "Les bus de nuit prolongés", "text": f"{french} {french}", "url": "https://example.fr/a"}
    (tmp_path / "excel.csv").write_bytes(_export([row], ";").encode("cp1252"))
    (tmp_path / "tabs.tsv").write_text(_export([row], "\t"), encoding="utf-8")
    (tmp_path / "packed.csv.gz").write_bytes(gzip.compress(_export([row]).encode()))
    (tmp_path / "commas.tsv").write_text(_export([row], ","), encoding="utf-8")
    out = tmp_path / "out"

    result = ingest(str(tmp_path), "--out", str(out))

    assert result.returncode == 0, result.stderr
    assert read_jsonl(out / "quarantine.jsonl") == []
    read = {
        Path(d["provenance"]["path"]).name: (d["title"], " ".join(d["text"].split()))
        for d in read_jsonl(out / "documents.jsonl")
    }
    assert read == dict.fromkeys(["commas.tsv", "excel.csv", "packed.csv.gz", "tabs.tsv"], (row["title"], row["text"]))


def test_bad_rows_are_quarantined_with_their_line_and_the_rest_read(tmp_path: Path) -> None:
    """A row with more fields than the header names (a comma in a field left unquoted), a row without text, a
    carriage return in a field left unquoted, and a file in UTF-16 (which splits into no lines), a binary one, an
    empty one and one holding only its header: each is quarantined with why; the good rows are read, `--field`
    naming the text column no field name tells."""
    good = {"title": SAMPLE_TITLES[3], "article_body": TEXT, "url": "https://example.com/a"}
    export = _export([good, {**good, "article_body": ""}])
    export += "Night buses,The council voted on Tuesday to extend them,https://example.com/b,extra\r\n"
    (tmp_path / "rows.csv").write_text(export, encoding="utf-8")
    (tmp_path / "wide.csv").write_bytes(_export([good]).encode("utf-16"))
    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "image.csv").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "return.csv").write_bytes(b"title,article_body\r\nA,The council\rvoted on Tuesday\r\n")
    (tmp_path / "header.csv").write_text("title,article_body,url\r\n", encoding="utf-8")
    out = tmp_path / "out"

    result = ingest(str(tmp_path), "--out", str(out), "--field", "text=article_body")

    assert result.returncode == 0, result.stderr
    assert [d["provenance"]["line"] for d in read_jsonl(out / "documents.jsonl")] == [2]
    rejected = [
        (Path(q["source"]).name, q["reason_code"], q["line"], q["field"]) for q in read_jsonl(out / "quarantine.jsonl")
    ]
    second_row = 2 + TEXT.count("\n") + 1
    assert rejected == [
        ("empty.csv", "empty", None, None),
        ("header.csv", "empty", None, None),
        ("image.csv", "binary", None, None),
        ("return.csv", "bad_csv", 2, None),
        ("rows.csv", "no_text", second_row, "text"),
        ("rows.csv", "bad_csv_row", second_row + 1, None),
        ("wide.csv", "not_utf8", None, None),
    ]
    reasons = {q["reason_code"]: q["reason"] for q in read_jsonl(out / "quarantine.jsonl")}
    assert reasons["bad_csv_row"] == "4 fields where the header names 3: a comma inside a field that is not quoted?"
    assert "convert it" in reasons["not_utf8"]
    assert reasons["bad_csv"] == "not valid CSV: a line break (a carriage return) inside a field that is not quoted"


def test_the_delimiter_is_told_outside_quoted_names_and_a_compressed_tsv_is_tab_separated(tmp_path: Path) -> None:
    """A semicolon export whose quoted column names hold commas is read by its semicolons, and a `.tsv.bz2` whose
    header holds as many commas as tabs by its tabs (only `.tsv.gz` was)."""
    named = f'"title";"text (body, cleaned, full)";"url"\r\n"{SAMPLE_TITLES[0]}";"{TEXT}";https://example.com/a\r\n'
    (tmp_path / "named.csv").write_text(named)
    tabs = f"title\ttext\turl, link, or href\n{SAMPLE_TITLES[1]}\t{TEXT.replace(chr(10), ' ')}\thttps://example.com/b\n"
    (tmp_path / "tabs.tsv.bz2").write_bytes(bz2.compress(tabs.encode()))

    for name, title, field in (
        ("named.csv", SAMPLE_TITLES[0], "text=text (body, cleaned, full)"),
        ("tabs.tsv.bz2", SAMPLE_TITLES[1], "text=text"),
    ):
        out = tmp_path / f"out-{name}"
        result = ingest(str(tmp_path / name), "--out", str(out), "--field", field)
        assert result.returncode == 0, result.stderr
        assert [d["title"] for d in read_jsonl(out / "documents.jsonl")] == [title]


def test_a_name_given_to_several_columns_is_its_first_value_not_empty_and_field_reads_each_alone(
    tmp_path: Path,
) -> None:
    """Two `text` columns and a `Title` and a `title` (recognised alike): a row's text and title are the first of
    them that is not empty, not the last column's whatever it holds; the file's quarantine says so once a name, at
    the header, and `--field text=text.1` reads the second text column alone."""
    paragraphs = _related_paragraphs()
    summary, full = paragraphs[0], "\n\n".join(paragraphs[1:])
    export = "Title,text,title,text,url\r\n"
    export += f'First,"{summary}",Second,"{full}",https://example.com/a\r\n'
    export += f',,Only second,"{full}",https://example.com/b\r\n'
    (tmp_path / "doubled.csv").write_text(export, encoding="utf-8")

    read = {}
    for override in ((), ("--field", "text=text.1")):
        out = tmp_path / f"out{len(override)}"
        result = ingest(str(tmp_path / "doubled.csv"), "--out", str(out), *override)
        assert result.returncode == 0, result.stderr
        read[override] = [
            (d["title"], d["text"][: d["paragraphs"][0]["end"]]) for d in read_jsonl(out / "documents.jsonl")
        ]
        notices = read_jsonl(out / "quarantine.jsonl")
        assert [(q["reason_code"], q["line"], q["offset"], q["field"]) for q in notices] == [
            ("duplicate_column", 1, 0, "Title"),
            ("duplicate_column", 1, 0, "text"),
        ]
        assert notices[1]["reason"] == (
            "columns 2 and 4 are named 'text': a row's 'text' is the first of them that is not empty; --field"
            " reads column 4 alone as 'text.1'"
        )
        assert "columns 1 and 3 are named 'Title' or 'title'" in notices[0]["reason"]

    assert read[()] == [("First", summary), ("Only second", paragraphs[1])]
    assert read[("--field", "text=text.1")] == [("First", paragraphs[1]), ("Only second", paragraphs[1])]


def test_a_header_naming_a_column_as_a_repeated_one_would_be_named_keeps_each_column(tmp_path: Path) -> None:
    """`text,text.1,text`: the third column is `text.2`, not a second `text.1` over the header's own."""
    path = tmp_path / "named.csv"
    path.write_text(f'text,text.1,text,title\n,"{TEXT}",third,Night buses\n', encoding="utf-8")

    pages = list(csv_export.csv_pages(InputFile(path, "named.csv"), path.read_bytes(), "digest", {"text": "text.1"}))

    assert [page.reason for page in pages if isinstance(page, Rejection)] == [
        "columns 1 and 3 are named 'text': a row's 'text' is the first of them that is not empty; --field reads"
        " column 3 alone as 'text.2'"
    ]
    [page] = [page for page in pages if isinstance(page, Page)]
    assert (page.content, page.fields["title"]) == (TEXT, "Night buses")


def test_an_excel_sep_line_states_the_delimiter_and_the_header_is_the_line_after_it(tmp_path: Path) -> None:
    """Excel's `sep=;` first line, after a byte-order mark or not, quoted as a CSV writer writes it, stating a tab
    in a `.csv`: the rows are split by it (texts holding commas and semicolons, quoted over several lines) and
    the header is the line after it; each document points at its row's first line and byte, past the line."""
    rows = [
        {"title": SAMPLE_TITLES[number], "text": f"{TEXT}; and, {number}", "url": f"https://example.com/{number}"}
        for number in range(2)
    ]
    exports = {
        "semicolons.csv": ("sep=;\r\n", ";", "utf-8"),
        "bom.csv": ("sep=,\r\n", ",", "utf-8-sig"),
        "quoted.csv": ('"sep=;"\n', ";", "utf-8"),
        "tabs.csv": ("sep=\t\r\n", "\t", "cp1252"),
    }
    files = {}
    for name, (line, delimiter, encoding) in exports.items():
        files[name] = (line + _export(rows, delimiter)).encode(encoding)
        (tmp_path / name).write_bytes(files[name])
    out = tmp_path / "out"

    result = ingest(str(tmp_path), "--out", str(out))

    assert result.returncode == 0, result.stderr
    assert read_jsonl(out / "quarantine.jsonl") == []
    read = _titles_at_their_rows(out, files, lambda name: exports[name][2])
    assert read == dict.fromkeys(exports, SAMPLE_TITLES[:2])
    assert all(document["provenance"]["line"] > 2 for document in read_jsonl(out / "documents.jsonl"))


def _titles_at_their_rows(out: Path, files: dict[str, bytes], encoding: Callable[[str], str]) -> dict[str, list[str]]:
    """The titles of the run's documents by file, each checked to start its row at the document's byte offset
    (quoted where it holds the delimiter), on the line the document names (counted at CR, LF or CRLF)."""
    read: dict[str, list[str]] = {}
    for document in read_jsonl(out / "documents.jsonl"):
        provenance = document["provenance"]
        name = Path(provenance["path"]).name
        data = gzip.decompress(files[name]) if name.endswith(".gz") else files[name]
        read.setdefault(name, []).append(document["title"])
        row = data[provenance["offset"] :].decode(encoding(name), errors="replace")
        assert row.removeprefix('"').startswith(document["title"])
        before = data[: provenance["offset"]]
        assert provenance["line"] == before.count(b"\r") + before.count(b"\n") - before.count(b"\r\n") + 1
    return read


def test_an_export_whose_lines_end_in_a_carriage_return_is_read_row_by_row(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Excel for Mac writes CSV with a bare carriage return ending each line (and a line feed where a cell breaks
    a line): read by line feeds, the file was one row, rejected. Each row is read, gzipped or stating its
    delimiter too, pointing at its first line (as an editor counts them, at either break) and byte; and each line
    is read on its own, not the file whole up to LINE_MAX_BYTES."""
    rows = [
        {"title": SAMPLE_TITLES[number], "text": TEXT, "url": f"https://example.com/{number}"} for number in range(3)
    ]
    files = {
        "mac.csv": _export(rows).replace("\r\n", "\r").encode(),
        "mac.csv.gz": gzip.compress(_export(rows).replace("\r\n", "\r").encode()),
        "stated.csv": ("sep=;\r" + _export(rows, ";").replace("\r\n", "\r")).encode("cp1252"),
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    out = tmp_path / "out"

    result = ingest(str(tmp_path), "--out", str(out))

    assert result.returncode == 0, result.stderr
    assert read_jsonl(out / "quarantine.jsonl") == []
    read = _titles_at_their_rows(out, files, lambda name: "cp1252" if name == "stated.csv" else "utf-8")
    assert read == dict.fromkeys(files, SAMPLE_TITLES[:3])

    monkeypatch.setattr(jsonl, "LINE_MAX_BYTES", len(TEXT) + 100)
    pages = list(read_pages(InputFile(tmp_path / "mac.csv", "mac.csv")))
    assert [page.line for page in pages if isinstance(page, Page)] == [
        2,
        3 + TEXT.count("\n"),
        4 + 2 * TEXT.count("\n"),
    ]


def test_a_quoted_field_over_the_limit_is_one_rejection_not_rows_of_its_pieces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A quoted field over the field limit that runs over many lines is rejected once, at its row's first line;
    the reader goes on after its closing quote, rather than reading each of its lines as a row (the rejected
    article's paragraphs became documents), and the next row keeps its own line and byte offset."""
    monkeypatch.setattr(csv_export, "FIELD_MAX_CHARS", len(TEXT) + 100)
    paragraph = "word " * 100
    lines = len(TEXT) // len(paragraph) + 5
    big = "\n".join([paragraph] * lines)
    export = f'text,title\n"{big}",Too long\n"{TEXT}",After\n'
    path = tmp_path / "big.csv"
    path.write_text(export)
    pages = list(csv_export.csv_pages(InputFile(path, "big.csv"), export.encode()[:8192], "digest", None))

    assert [(type(page).__name__, page.line) for page in pages] == [("Rejection", 2), ("Page", 2 + lines)]
    after = export.index(f'"{TEXT}"')
    assert pages[1].offset == after
    assert export[:after].count("\n") + 1 == 2 + lines


def test_a_line_longer_than_any_record_ends_the_reading_without_taking_memory_for_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A JSON Lines file whose lines end in a bare carriage return (a CSV export's are read by them), or binary
    data, is one line: read whole, it took memory without bound. Past LINE_MAX_BYTES (lowered here) the reading
    stops with the rows before it kept, for CSV and JSON Lines alike."""
    monkeypatch.setattr(jsonl, "LINE_MAX_BYTES", 1000)
    row = {"title": SAMPLE_TITLES[3], "text": "The council voted on Tuesday to extend the night bus service."}
    export = tmp_path / "export.csv"
    export.write_text(_export([row]) + "A," + "x" * 2000 + "\r\n" + _export([row]), encoding="utf-8")
    with pytest.raises(jsonl.InputError) as raised:
        list(jsonl.iter_raw_lines(export))
    assert (raised.value.code, raised.value.line) == ("line_too_long", 3)

    items = list(read_pages(InputFile(export, str(export))))

    assert [item.line for item in items if isinstance(item, Page)] == [2]
    [rejected] = [item for item in items if isinstance(item, Rejection)]
    assert (rejected.code, rejected.line) == ("line_too_long", 3)


def test_a_header_without_a_text_column_is_one_rejection_not_one_a_row(tmp_path: Path) -> None:
    """Known from the header, a file with no column to hold an article is rejected once, naming its columns and
    the --field that would read one; with that --field, its rows are read."""
    rows = [{"headline": SAMPLE_TITLES[number], "story": TEXT, "link": "https://example.com/a"} for number in range(3)]
    (tmp_path / "export.csv").write_text(_export(rows), encoding="utf-8")

    result = ingest(str(tmp_path / "export.csv"), "--out", str(tmp_path / "out"))

    assert result.returncode == 1, result.stderr  # nothing could be read
    [rejected] = read_jsonl(tmp_path / "out" / "quarantine.jsonl")
    assert (rejected["reason_code"], rejected["line"], rejected["offset"]) == ("no_text", 1, 0)
    assert "its columns are headline, story, link" in rejected["reason"]
    assert read_jsonl(tmp_path / "out" / "documents.jsonl") == []

    result = ingest(str(tmp_path / "export.csv"), "--out", str(tmp_path / "fixed"), "--field", "text=story")

    assert result.returncode == 0, result.stderr
    assert [d["title"] for d in read_jsonl(tmp_path / "fixed" / "documents.jsonl")] == SAMPLE_TITLES[:3]


def test_an_export_with_a_space_after_each_delimiter_is_read_field_by_field(tmp_path: Path) -> None:
    """`title, "text", url`, as a person writes a CSV file: the spaces are no part of the fields, and a quote after
    them opens a quoted field (read as they were, the header named a column '"text"' and no row had text)."""
    body = TEXT.replace('"', '""')
    for name, (first, delimiter) in {"typed.csv": ("", ","), "stated.csv": ("sep=;\r\n", ";")}.items():
        export = f'title{delimiter} "text"{delimiter} url\r\nNight buses{delimiter} "{body}"{delimiter} https://example.com/a\r\n'
        (tmp_path / name).write_text(first + export, encoding="utf-8")
    out = tmp_path / "out"

    result = ingest(str(tmp_path), "--out", str(out))

    assert result.returncode == 0, result.stderr
    assert read_jsonl(out / "quarantine.jsonl") == []
    documents = read_jsonl(out / "documents.jsonl")
    assert [(d["title"], d["url"]) for d in documents] == [("Night buses", "https://example.com/a")] * 2
    assert all(d["text"] == documents[0]["text"] for d in documents)
    assert documents[0]["text"].startswith(_related_paragraphs()[0])


def test_data_rows_ending_in_a_delimiter_the_header_lacks_are_read(tmp_path: Path) -> None:
    """`title,text,url` above rows that each end in a comma (or in a tab in a TSV file), as some exporters write
    them: the empty field past the header's holds nothing, so the row is read; a filled one is still quarantined."""
    body = TEXT.replace('"', '""')
    for name, delimiter in {"comma.csv": ",", "tab.tsv": "\t"}.items():
        header = delimiter.join(["title", "text", "url"])
        row = delimiter.join(["Night buses", f'"{body}"', "https://example.com/a", ""])
        filled = delimiter.join(["Night buses", f'"{body}"', "https://example.com/b", "extra"])
        (tmp_path / name).write_text(f"{header}\r\n{row}\r\n{filled}\r\n", encoding="utf-8")
    out = tmp_path / "out"

    result = ingest(str(tmp_path), "--out", str(out))

    assert result.returncode == 0, result.stderr
    documents = read_jsonl(out / "documents.jsonl")
    assert [(d["title"], d["url"]) for d in documents] == [("Night buses", "https://example.com/a")] * 2
    assert documents[0]["text"].startswith(_related_paragraphs()[0])
    assert [(Path(q["source"]).name, q["reason_code"]) for q in read_jsonl(out / "quarantine.jsonl")] == [
        ("comma.csv", "bad_csv_row"),
        ("tab.tsv", "bad_csv_row"),
    ]


def test_a_tsv_written_without_quoting_keeps_its_quote_marks_and_a_quoted_one_is_read_as_quoted(
    tmp_path: Path,
) -> None:
    """A TSV export written as the IANA format has it, no field quoted: a text that opens with a quote keeps it, and
    one whose quote is never closed ends at its line (read as quoted, the marks went and the next row was swallowed
    into the text). A TSV file that quotes its fields, as pandas writes one, is still read as quoted."""
    paragraph = _related_paragraphs()[0]
    opening = f'"We will win," the mayor said. {paragraph}'
    unclosed = f'"Night buses will run, {paragraph}'
    rows = [("A", opening), ("B", unclosed), ('The "rough cut"', paragraph)]
    plain = "title\ttext\n" + "".join(f"{title}\t{text}\n" for title, text in rows)
    (tmp_path / "plain.tsv").write_text(plain, encoding="utf-8")
    quoted = io.StringIO()
    writer = csv.writer(quoted, delimiter="\t", lineterminator="\n")
    writer.writerows([("title", "text"), *rows])
    (tmp_path / "quoted.tsv").write_text(quoted.getvalue(), encoding="utf-8")
    out = tmp_path / "out"

    result = ingest(str(tmp_path), "--out", str(out))

    assert result.returncode == 0, result.stderr
    assert read_jsonl(out / "quarantine.jsonl") == []
    documents = read_jsonl(out / "documents.jsonl")
    assert [(d["provenance"]["path"].rsplit("/", 1)[1], d["title"]) for d in documents] == [
        (name, title) for name in ("plain.tsv", "quoted.tsv") for title, _ in rows
    ]
    assert [d["text"] for d in documents[:3]] == [d["text"] for d in documents[3:]]
    assert documents[0]["text"].startswith('"We will win," the mayor said.')
    assert documents[1]["text"].startswith('"Night buses will run,')
