"""Parquet exports (a row an article, as the Hugging Face Hub serves data sets): each row is a scraper record whose
columns are read with the same field names as JSON Lines (and `--field`, into struct columns too); only the
columns that can be used are read; a corrupt row group, a file that is no Parquet or has no text column is
quarantined with what to do, and the rest is read."""

from __future__ import annotations

import datetime
import gzip
import itertools
import tempfile
from pathlib import Path
from typing import Any

import datasets
import pyarrow as pa
import pyarrow.parquet as pq
from pyarrow import feather

from builder.compression import zstd
from builder.ingest.columnar import used_columns
from tests.test_ingest import SAMPLE_TITLES, _article_html, _related_paragraphs, ingest, read_jsonl

TEXT = "\n\n".join(_related_paragraphs())
UTC = datetime.UTC


def _news_table(count: int) -> pa.Table:
    """Rows shaped as the Hub's news data sets (cc_news: title, text, domain, date, url, image_url), with a
    timestamp, news-please's last update and an embedding column beside them."""
    return pa.table(
        {
            "title": [SAMPLE_TITLES[3]] * count,
            "text": [f"{TEXT}\n\nThis is report number {number} of the series." for number in range(count)],
            "domain": ["freemalaysiatoday.com"] * count,
            "date": [datetime.datetime(2025, 7, 5, 8, number, tzinfo=UTC) for number in range(count)],
            "date_modify": [datetime.datetime(2025, 7, 6, 9, 30, tzinfo=UTC)] * count,
            "url": [f"https://www.freemalaysiatoday.com/{number}" for number in range(count)],
            "image_url": ["https://cdn.example/a.jpg"] * count,
            "embedding": [[0.25] * 8] * count,
        }
    )


Records = list[dict[str, Any]]


def _run(tmp_path: Path, *inputs: Path, extra: tuple[str, ...] = ()) -> tuple[Records, Records]:
    out = tmp_path / "out"
    result = ingest(*map(str, inputs), "--out", str(out), *extra)
    assert result.returncode == 0, result.stderr
    return read_jsonl(out / "documents.jsonl"), read_jsonl(out / "quarantine.jsonl")


def test_each_row_of_a_parquet_export_is_a_document_with_its_fields(tmp_path: Path) -> None:
    path = tmp_path / "news.parquet"
    pq.write_table(_news_table(3), path, row_group_size=2)

    documents, quarantined = _run(tmp_path, path)

    assert quarantined == []
    assert [d["provenance"]["record"] for d in documents] == ["row 0", "row 1", "row 2"]
    first = documents[0]
    assert (first["title"], first["url"], first["source"]) == (
        SAMPLE_TITLES[3],
        "https://www.freemalaysiatoday.com/0",
        "freemalaysiatoday.com",
    )
    # A Parquet timestamp is a date the record states: read, not guessed from the text.
    assert (first["published_at"], first["updated_at"]) == ("2025-07-05T08:00:00Z", "2025-07-06T09:30:00Z")
    assert first["provenance"]["format"] == "parquet"
    assert first["text"].startswith(_related_paragraphs()[0])
    assert len(first["paragraphs"]) == len(_related_paragraphs()) + 1


def test_only_the_columns_that_can_be_used_are_read() -> None:
    names = ["ID", "id", "Title", "text", "date", "embedding", "image_url", "meta"]
    assert used_columns(names, {}) == ["id", "Title", "text", "date"]
    assert used_columns(names, {"title": "meta.headline"}) == ["id", "text", "date", "meta"]


def test_struct_columns_are_reached_with_field_paths_and_ids_key_the_records(tmp_path: Path) -> None:
    path = tmp_path / "nested.parquet"
    table = pa.table(
        {
            "id": ["a-1", "a-2"],
            "article": [{"body": TEXT, "headline": SAMPLE_TITLES[3]}, {"body": TEXT + " Two.", "headline": "Two"}],
        }
    )
    pq.write_table(table, path)

    documents, quarantined = _run(
        tmp_path, path, extra=("--field", "text=article.body", "--field", "title=article.headline")
    )

    assert quarantined == []
    assert [(d["provenance"]["record"], d["title"]) for d in documents] == [("a-1", SAMPLE_TITLES[3]), ("a-2", "Two")]


def test_html_stored_as_binary_is_extracted_and_a_parquet_file_is_known_by_its_bytes(tmp_path: Path) -> None:
    """A crawl's HTML column is often binary; a file named without .parquet is told by its magic bytes."""
    path = tmp_path / "crawl-00001"
    html = _article_html(SAMPLE_TITLES[3], _related_paragraphs())
    table = pa.table({"url": ["https://www.freemalaysiatoday.com/a"], "html": pa.array([html], pa.binary())})
    pq.write_table(table, path)

    documents, quarantined = _run(tmp_path, path)

    assert quarantined == []
    assert [d["title"] for d in documents] == [SAMPLE_TITLES[3]]
    assert documents[0]["provenance"]["format"] == "parquet"
    assert _related_paragraphs()[2] in documents[0]["text"]


def test_bad_parquet_inputs_are_quarantined_with_what_to_do_and_the_rest_is_read(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    whole = inputs / "good.parquet"
    pq.write_table(_news_table(2), whole)
    data = whole.read_bytes()
    (inputs / "cut.parquet").write_bytes(data[: len(data) // 2])
    (inputs / "fake.parquet").write_bytes(b"PAR1 and then not Parquet at all")
    pq.write_table(pa.table({"headline": ["a"], "views": [3]}), inputs / "no-text.parquet")
    pq.write_table(_news_table(0), inputs / "empty.parquet")
    # Its first 8 KB, which tell the format, decompress; its end, where Parquet's index is, does not.
    long = tmp_path / "long.parquet"
    pq.write_table(_news_table(40), long, compression="none")
    zipped = gzip.compress(long.read_bytes())
    (inputs / "cut.parquet.gz").write_bytes(zipped[: len(zipped) // 2])
    # One row with an empty text: that row alone is rejected, by its row number.
    blank = _news_table(2).set_column(1, "text", pa.array(["", TEXT]))
    pq.write_table(blank, inputs / "blank-row.parquet")

    documents, quarantined = _run(tmp_path, inputs)

    reasons = {(Path(item["source"]).name, item["reason_code"]): item for item in quarantined}
    assert set(reasons) == {
        ("cut.parquet", "bad_parquet"),
        ("fake.parquet", "bad_parquet"),
        ("no-text.parquet", "no_text"),
        ("empty.parquet", "empty"),
        ("cut.parquet.gz", "truncated_gzip"),
        ("blank-row.parquet", "no_text"),
    }
    assert "a Parquet file is read from its end" in reasons[("cut.parquet.gz", "truncated_gzip")]["reason"]
    no_text = reasons[("no-text.parquet", "no_text")]
    assert "the Parquet file has no text or HTML column" in no_text["reason"]
    assert "its columns are headline, views" in no_text["reason"]
    assert "--field text=" in no_text["reason"]
    assert reasons[("blank-row.parquet", "no_text")]["record"] == "row 0"
    assert sorted(Path(d["provenance"]["path"]).name for d in documents) == [
        "blank-row.parquet",
        "good.parquet",
        "good.parquet",
    ]


def test_a_parquet_or_feather_file_compressed_as_a_whole_is_read_from_a_decompressed_copy(tmp_path: Path) -> None:
    """`.parquet.gz`, `.parquet.zst`, `.feather.gz`: the file's end, where its row index is, can only be reached by
    seeking, so each is read from a decompressed copy, which is gone once it is read."""
    plain = tmp_path / "news.parquet"
    pq.write_table(_news_table(3), plain, row_group_size=2)
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "news.parquet.gz").write_bytes(gzip.compress(plain.read_bytes()))
    (inputs / "news.parquet.zst").write_bytes(zstd.compress(plain.read_bytes()))
    feather.write_feather(_news_table(2), tmp_path / "news.feather")
    (inputs / "news.feather.gz").write_bytes(gzip.compress((tmp_path / "news.feather").read_bytes()))
    copies_before = set(Path(tempfile.gettempdir()).glob("builder-*"))

    documents, quarantined = _run(tmp_path, inputs)

    assert quarantined == []
    rows = [
        (Path(d["provenance"]["path"]).name, d["provenance"]["record"], d["provenance"]["format"]) for d in documents
    ]
    assert rows == [
        *[("news.feather.gz", f"row {number}", "arrow") for number in range(2)],
        *[("news.parquet.gz", f"row {number}", "parquet") for number in range(3)],
        *[("news.parquet.zst", f"row {number}", "parquet") for number in range(3)],
    ]
    assert documents[2]["url"] == "https://www.freemalaysiatoday.com/0"
    assert set(Path(tempfile.gettempdir()).glob("builder-*")) == copies_before


def test_a_corrupt_row_group_loses_its_own_rows_only(tmp_path: Path) -> None:
    path = tmp_path / "news.parquet"
    pq.write_table(_news_table(6), path, row_group_size=2, compression="snappy")
    metadata = pq.ParquetFile(path).metadata
    # Overwrite the middle row group's text column chunk (the largest) with zeros.
    chunk = metadata.row_group(1).column(1)
    data = bytearray(path.read_bytes())
    start = chunk.dictionary_page_offset if chunk.has_dictionary_page else chunk.data_page_offset
    data[start + 16 : start + chunk.total_compressed_size] = bytes(chunk.total_compressed_size - 16)
    path.write_bytes(bytes(data))

    documents, quarantined = _run(tmp_path, path)

    assert [d["provenance"]["record"] for d in documents] == ["row 0", "row 1", "row 4", "row 5"]
    assert [(item["reason_code"], item["record"]) for item in quarantined] == [("broken_parquet", "row 2")]
    assert "row group 1 (rows 2 to 3)" in quarantined[0]["reason"]


def test_a_dataset_saved_to_disk_and_a_feather_file_are_read_row_by_row(tmp_path: Path) -> None:
    """Arrow IPC: the stream format of a Hugging Face `save_to_disk` (read here with the real `datasets`), gzipped
    too, and the file format of Feather (LZ4-compressed columns); not the folder's own JSON files."""
    saved = tmp_path / "saved"
    datasets.Dataset.from_dict(_news_table(3).drop_columns(["date"]).to_pydict()).save_to_disk(str(saved))
    [shard] = saved.glob("*.arrow")
    (tmp_path / "packed.arrow.gz").write_bytes(gzip.compress(shard.read_bytes()))
    feather.write_feather(_news_table(2), tmp_path / "news.feather")

    documents, quarantined = _run(tmp_path, saved, tmp_path / "packed.arrow.gz", tmp_path / "news.feather")

    rows = [
        (Path(d["provenance"]["path"]).name, d["provenance"]["record"], d["provenance"]["format"]) for d in documents
    ]
    assert rows == [
        *[(shard.name, f"row {number}", "arrow") for number in range(3)],
        *[("packed.arrow.gz", f"row {number}", "arrow") for number in range(3)],
        *[("news.feather", f"row {number}", "arrow") for number in range(2)],
    ]
    assert documents[-1]["published_at"] == "2025-07-05T08:01:00Z"
    assert {d["title"] for d in documents} == {SAMPLE_TITLES[3]}
    # save_to_disk's dataset_info.json and state.json, beside the .arrow file, describe it: they are not inputs.
    assert quarantined == []


def test_bad_arrow_inputs_are_quarantined_and_the_rows_before_a_break_kept(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    sink = pa.BufferOutputStream()
    table = _news_table(4)
    with pa.ipc.new_stream(sink, table.schema) as writer:
        for batch in table.to_batches(max_chunksize=2):
            writer.write_batch(batch)
    stream = sink.getvalue().to_pybytes()
    (inputs / "cut.arrow").write_bytes(stream[: len(stream) - 300])
    (inputs / "fake.arrow").write_bytes(b"not Arrow at all, just text in a file named .arrow")
    feather.write_feather(pa.table({"headline": ["a"]}), inputs / "no-text.feather")

    documents, quarantined = _run(tmp_path, inputs)

    assert [d["provenance"]["record"] for d in documents] == ["row 0", "row 1"]
    reasons = {Path(item["source"]).name: (item["reason_code"], item["record"]) for item in quarantined}
    assert reasons == {
        "cut.arrow": ("broken_arrow", "row 2"),
        "fake.arrow": ("bad_arrow", None),
        "no-text.feather": ("no_text", None),
    }


def test_a_string_that_is_not_utf8_is_read_with_its_bad_byte_replaced(tmp_path: Path) -> None:
    """Arrow does not check that a string column holds UTF-8 when it reads a file: one bad byte in one value made
    the whole Parquet or Arrow file a fault of the builder's. The value is now read as page text is, its bad byte
    as U+FFFD, and every row is a document."""
    table = _news_table(3)
    titles = [title.encode() for title in table["title"].to_pylist()]
    titles[1] = titles[1][:5] + b"\xff" + titles[1][6:]
    offsets = pa.array([0, *itertools.accumulate(map(len, titles))], type=pa.int32())
    broken = pa.Array.from_buffers(pa.string(), 3, [None, offsets.buffers()[1], pa.py_buffer(b"".join(titles))])
    table = table.set_column(table.schema.get_field_index("title"), "title", broken)
    pq.write_table(table, tmp_path / "news.parquet")
    feather.write_feather(table, tmp_path / "news.feather")

    documents, rejected = _run(tmp_path, tmp_path / "news.parquet", tmp_path / "news.feather")

    assert rejected == []
    assert len(documents) == 6
    assert [document["title"][5] for document in documents[:3]] == [SAMPLE_TITLES[3][5], "\ufffd", SAMPLE_TITLES[3][5]]


def test_a_date_python_cannot_hold_is_quarantined_and_its_row_read_without_it(tmp_path: Path) -> None:
    """A date32 of -2**31 days, or a timestamp in seconds past the year 9999, is valid Parquet and Arrow, but no
    Python date: converting the batch raised OverflowError, a `builder_fault` that lost the whole file. Each such
    value is now quarantined (`value_out_of_range`, naming its row and column), and its row read without it, as a
    url that is no address is: the article is not the date's fault."""
    table = _news_table(3)
    table = table.set_column(
        table.schema.get_field_index("date"),
        "date",
        pa.array([-(2**31), None, 19_000], type=pa.date32()),
    )
    table = table.set_column(
        table.schema.get_field_index("date_modify"),
        "date_modify",
        pa.array([None, 2**50, 1_700_000_000], type=pa.timestamp("s", tz="UTC")),
    )
    pq.write_table(table, tmp_path / "news.parquet")
    feather.write_feather(table, tmp_path / "news.feather")

    documents, rejected = _run(tmp_path, tmp_path / "news.parquet", tmp_path / "news.feather")

    dates = [
        (Path(d["provenance"]["path"]).name, d["provenance"]["record"], d["published_at"], d["updated_at"])
        for d in documents
    ]
    assert dates == [
        ("news.parquet", "row 0", None, None),
        ("news.parquet", "row 1", None, None),
        ("news.parquet", "row 2", "2022-01-08T00:00:00Z", "2023-11-14T22:13:20Z"),
        ("news.feather", "row 0", None, None),
        ("news.feather", "row 1", None, None),
        ("news.feather", "row 2", "2022-01-08T00:00:00Z", "2023-11-14T22:13:20Z"),
    ]
    assert [(Path(q["source"]).name, q["reason_code"], q["record"], q["field"]) for q in rejected] == [
        ("news.parquet", "value_out_of_range", "row 0", "date"),
        ("news.parquet", "value_out_of_range", "row 1", "date_modify"),
        ("news.feather", "value_out_of_range", "row 0", "date"),
        ("news.feather", "value_out_of_range", "row 1", "date_modify"),
    ]
    assert rejected[0]["reason"].startswith("row 0's 'date' holds a date32[day] value that Python cannot hold")
    assert "stored as -2147483648" in rejected[0]["reason"]
