"""Compressed inputs of every format, in each compression `builder.compression` reads (gzip, bzip2, xz,
Zstandard), written by the real compressors; and compressed data cut short, which is quarantined after the lines
read, never read as a shorter file in silence."""

from __future__ import annotations

import bz2
import gzip
import json
import lzma
import struct
import zlib
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from builder.compression import zstd
from tests.test_ingest import (
    SAMPLE_PAGE,
    SAMPLE_TITLES,
    _article_html,
    _related_paragraphs,
    _warc_record,
    ingest,
    read_jsonl,
)

COMPRESSORS: dict[str, tuple[str, Callable[[bytes], bytes]]] = {
    "gzip": (".gz", gzip.compress),
    # Blocks of 100 KB, not 900: data cut short has whole blocks before the cut to read.
    "bzip2": (".bz2", lambda data: bz2.compress(data, compresslevel=1)),
    "xz": (".xz", lzma.compress),
    "zstd": (".zst", zstd.compress),
    # pzstd opens with a skippable frame that notes the sizes of the frames after it.
    "zstd-skippable": (".zst", lambda data: struct.pack("<II", 0x184D2A50, 4) + b"\0\0\0\0" + zstd.compress(data)),
}


def _scraper_lines(count: int) -> bytes:
    text = "\n\n".join(_related_paragraphs())
    return b"".join(
        json.dumps({"url": f"https://example.com/{n}", "title": f"Story number {n}", "text": f"{text} {n}"}).encode()
        + b"\n"
        for n in range(count)
    )


@pytest.mark.parametrize("compression", list(COMPRESSORS))
def test_every_format_is_read_in_every_compression(tmp_path: Path, compression: str) -> None:
    suffix, compress = COMPRESSORS[compression]
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    (inputs / f"page.txt{suffix}").write_bytes(compress(SAMPLE_PAGE.read_bytes()))
    (inputs / f"export.jsonl{suffix}").write_bytes(compress(_scraper_lines(3)))
    html = _article_html("Trump, Zelensky discuss weapons", _related_paragraphs())
    (inputs / f"crawl.warc{suffix}").write_bytes(compress(_warc_record("https://example.com/a", html, 1)))
    # Without a suffix to go by, the compression and the format inside are told from the bytes.
    (inputs / "page-unnamed").write_bytes(compress(SAMPLE_PAGE.read_bytes()))

    result = ingest(str(inputs), "--out", str(out))

    assert result.returncode == 0, result.stderr
    assert read_jsonl(out / "quarantine.jsonl") == []
    by_file: dict[str, list[str]] = {}
    for document in read_jsonl(out / "documents.jsonl"):
        by_file.setdefault(Path(document["provenance"]["path"]).name, []).append(document["provenance"]["format"])
    assert by_file == {
        f"crawl.warc{suffix}": ["warc"],
        f"export.jsonl{suffix}": ["jsonl"] * 3,
        f"page.txt{suffix}": ["pagetext"] * 4,
        "page-unnamed": ["pagetext"] * 4,
    }


@pytest.mark.parametrize("compression", ["bzip2", "xz", "zstd"])
def test_compressed_data_cut_short_is_quarantined_after_what_was_read(tmp_path: Path, compression: str) -> None:
    suffix, compress = COMPRESSORS[compression]
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    whole = compress(_scraper_lines(400))
    (inputs / f"export.jsonl{suffix}").write_bytes(whole[: len(whole) // 2])
    page = compress(SAMPLE_PAGE.read_bytes())
    (inputs / f"page.txt{suffix}").write_bytes(page[: len(page) // 2])
    # A crawl's records, each its own story; a WARC's break used to be a fault of the builder's for xz and zstd.
    paragraphs = _related_paragraphs()
    crawl = compress(
        b"".join(
            _warc_record(f"https://example.org/{n}", _article_html(f"Story {n}", [f"{p} {n}" for p in paragraphs]), n)
            for n in range(1, 121)
        )
    )
    # Cut near its end: the records compress so well that half the data holds less than fastwarc reads at once.
    (inputs / f"crawl.warc{suffix}").write_bytes(crawl[: len(crawl) * 9 // 10])

    result = ingest(str(inputs), "--out", str(out))

    assert result.returncode == 0, result.stderr
    documents = read_jsonl(out / "documents.jsonl")
    by_file = Counter(Path(d["provenance"]["path"]).name for d in documents)
    # The export's lines and the crawl's records before the break.
    assert sorted(by_file) == [f"crawl.warc{suffix}", f"export.jsonl{suffix}"]
    rejected = {Path(item["source"]).name: item for item in read_jsonl(out / "quarantine.jsonl")}
    assert sorted(rejected) == [f"crawl.warc{suffix}", f"export.jsonl{suffix}", f"page.txt{suffix}"]
    for item in rejected.values():
        assert item["reason_code"] == "truncated_compressed"
        assert f"the {compression} data" in item["reason"]
    assert rejected[f"export.jsonl{suffix}"]["line"] == by_file[f"export.jsonl{suffix}"] + 1


PREFIX_DECOMPRESSORS: dict[str, Callable[[bytes], bytes]] = {
    "gzip": lambda data: zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data),
    "xz": lambda data: lzma.LZMADecompressor().decompress(data),
}
"""What the start of compressed data decompresses to, without an error for its missing end. bzip2 and Zstandard
decompress a block (100 KB, 128 KB) at once or nothing of it: a small file of theirs cut short has nothing to give."""


def _cut_after(compressed: bytes, compression: str, end: bytes, count: int) -> bytes:
    """The longest start of `compressed` that decompresses to `count` times `end` (of a line, of an item), no more."""
    decompress = PREFIX_DECOMPRESSORS[compression]
    return next(
        compressed[:size]
        for size in range(len(compressed) - 1, 0, -1)
        if decompress(compressed[:size]).count(end) == count
    )


@pytest.mark.parametrize("compression", list(PREFIX_DECOMPRESSORS))
def test_a_small_file_cut_short_keeps_what_came_before_the_cut(tmp_path: Path, compression: str) -> None:
    """A file cut short within its first 8 KB, whose format is told from them, was refused whole: reading them
    met the cut and dropped what it had decompressed. Its lines and items before the cut are read, as a larger
    file's are, and the cut quarantined where it lies."""
    from tests.test_ingest_feeds import _rss

    suffix, compress = COMPRESSORS[compression]
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    lines = _scraper_lines(3)
    feed = _rss(3).encode()
    assert max(len(lines), len(feed)) < 8192
    (inputs / f"export.jsonl{suffix}").write_bytes(_cut_after(compress(lines), compression, b"\n", 2))
    (inputs / f"news.rss{suffix}").write_bytes(_cut_after(compress(feed), compression, b"</item>", 2))

    result = ingest(str(inputs), "--out", str(out))

    assert result.returncode == 0, result.stderr
    by_file = Counter(Path(d["provenance"]["path"]).name for d in read_jsonl(out / "documents.jsonl"))
    assert by_file == {f"export.jsonl{suffix}": 2, f"news.rss{suffix}": 2}
    rejected = {Path(item["source"]).name: item for item in read_jsonl(out / "quarantine.jsonl")}
    assert sorted(rejected) == [f"export.jsonl{suffix}", f"news.rss{suffix}"]
    code = "truncated_gzip" if compression == "gzip" else "truncated_compressed"
    # The line cut short: its number, and the byte of the decompressed data it starts at.
    third_line = len(b"".join(lines.splitlines(keepends=True)[:2]))
    assert [rejected[f"export.jsonl{suffix}"][key] for key in ("reason_code", "line", "offset")] == [
        code,
        3,
        third_line,
    ]
    assert rejected[f"news.rss{suffix}"]["reason_code"] == code
    assert rejected[f"news.rss{suffix}"]["reason"].endswith("after 2 item(s)")


APPENDED = b"<html><body><h1>404 Not Found</h1></body></html>\n"
"""What a download may leave after a file's end: a server's error page, appended by a retry."""


def test_bytes_after_whole_gzip_data_are_noted_and_the_file_read_whole(tmp_path: Path) -> None:
    """gzip data followed by bytes that start no member was refused whole ("Not a gzipped file"): the file is
    read whole, its members one after another, and the bytes after them quarantined with where they start in the
    file. NUL bytes padding a file (as tape blocks and `dd` leave them) are passed over, as gzip does."""
    from tests.test_ingest_feeds import _rss

    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    warc_records = [
        _warc_record(f"https://news.example/{n}", _article_html(title, _related_paragraphs()), n)
        for n, title in enumerate(SAMPLE_TITLES[:2])
    ]
    stored = {
        "page.txt.gz": gzip.compress(SAMPLE_PAGE.read_bytes()),
        # Two members, as `cat a.gz b.gz` and parallel compressors write them.
        "export.jsonl.gz": b"".join(gzip.compress(line) for line in _scraper_lines(3).splitlines(keepends=True)),
        "news.rss.gz": gzip.compress(_rss(2).encode()),
        # A member a record, as crawlers write them: fastwarc reads them itself, and said only "broken past the last
        # record's byte".
        "crawl.warc.gz": b"".join(map(gzip.compress, warc_records)),
        # A WARC gzipped whole, one member: its records' positions fall inside it.
        "whole.warc.gz": gzip.compress(b"".join(warc_records)),
    }
    for name, data in stored.items():
        (inputs / name).write_bytes(data + APPENDED)
    (inputs / "padded.jsonl.gz").write_bytes(gzip.compress(_scraper_lines(2)) + bytes(512))
    (inputs / "padded.warc.gz").write_bytes(stored["crawl.warc.gz"] + bytes(512))
    (inputs / "padded-whole.warc.gz").write_bytes(stored["whole.warc.gz"] + bytes(512))

    result = ingest(str(inputs), "--out", str(out))

    assert result.returncode == 0, result.stderr
    by_file = Counter(Path(d["provenance"]["path"]).name for d in read_jsonl(out / "documents.jsonl"))
    assert by_file == {
        "page.txt.gz": 4,
        "export.jsonl.gz": 3,
        "news.rss.gz": 2,
        "padded.jsonl.gz": 2,
        "crawl.warc.gz": 2,
        "padded.warc.gz": 2,
        "whole.warc.gz": 2,
        "padded-whole.warc.gz": 2,
    }
    rejected = _trailing_data_rejections(out, stored, "gzip")
    assert rejected["export.jsonl.gz"]["reason"].startswith("after line 3: ")
    assert json.loads((out / "report.json").read_text())["rejected"] == {"trailing_data": 5}


STREAMED = ["bzip2", "xz", "zstd", "zstd-skippable"]
"""The compressions read through the standard library's files before: bz2's and lzma's dropped bytes after the
last stream in silence, Zstandard's called them broken data ("Unknown frame descriptor")."""


def _records(count: int) -> list[bytes]:
    return [
        _warc_record(f"https://news.example/{n}", _article_html(title, _related_paragraphs()), n)
        for n, title in enumerate(SAMPLE_TITLES[:count])
    ]


@pytest.mark.parametrize("compression", STREAMED)
def test_bytes_after_whole_compressed_data_are_noted_and_the_file_read_whole(tmp_path: Path, compression: str) -> None:
    """As with gzip: a file's streams are read one after another, and the bytes after the last, which start no
    other, quarantined with where they start in the file; NUL bytes padding it are passed over."""
    from tests.test_ingest_feeds import _rss

    suffix, compress = COMPRESSORS[compression]
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    stored = {
        f"page.txt{suffix}": compress(SAMPLE_PAGE.read_bytes()),
        # A stream a line, as parallel compressors write them.
        f"export.jsonl{suffix}": b"".join(compress(line) for line in _scraper_lines(3).splitlines(keepends=True)),
        f"news.rss{suffix}": compress(_rss(2).encode()),
        f"crawl.warc{suffix}": b"".join(compress(record) for record in _records(2)),
    }
    for name, data in stored.items():
        (inputs / name).write_bytes(data + APPENDED)
    (inputs / f"padded.jsonl{suffix}").write_bytes(compress(_scraper_lines(2)) + bytes(512))
    (inputs / f"padded.warc{suffix}").write_bytes(stored[f"crawl.warc{suffix}"] + bytes(512))

    result = ingest(str(inputs), "--out", str(out))

    assert result.returncode == 0, result.stderr
    by_file = Counter(Path(d["provenance"]["path"]).name for d in read_jsonl(out / "documents.jsonl"))
    assert by_file == {
        f"page.txt{suffix}": 4,
        f"export.jsonl{suffix}": 3,
        f"news.rss{suffix}": 2,
        f"padded.jsonl{suffix}": 2,
        f"crawl.warc{suffix}": 2,
        f"padded.warc{suffix}": 2,
    }
    rejected = _trailing_data_rejections(out, stored, compression.split("-")[0])
    assert rejected[f"export.jsonl{suffix}"]["reason"].startswith("after line 3: ")


@pytest.mark.parametrize("compression", STREAMED)
def test_a_file_cut_short_in_a_later_stream_keeps_the_streams_before(tmp_path: Path, compression: str) -> None:
    """A stream a line or a record, the last cut short: what the streams before it hold is read (bzip2 gives
    nothing of a block before its end, so only whole streams or blocks are), and the cut quarantined. A WARC's
    records were all lost: fastwarc reads many records' bytes at once, and the cut dropped them."""
    suffix, compress = COMPRESSORS[compression]
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    lines = _scraper_lines(3).splitlines(keepends=True)
    cut_line = compress(lines[2])
    (inputs / f"export.jsonl{suffix}").write_bytes(
        b"".join(compress(line) for line in lines[:2]) + cut_line[: len(cut_line) // 2]
    )
    records = _records(3)
    cut_record = compress(records[2])
    (inputs / f"crawl.warc{suffix}").write_bytes(
        b"".join(compress(record) for record in records[:2]) + cut_record[: len(cut_record) // 2]
    )

    result = ingest(str(inputs), "--out", str(out))

    assert result.returncode == 0, result.stderr
    by_file = Counter(Path(d["provenance"]["path"]).name for d in read_jsonl(out / "documents.jsonl"))
    assert by_file == {f"export.jsonl{suffix}": 2, f"crawl.warc{suffix}": 2}
    rejected = {Path(item["source"]).name: item for item in read_jsonl(out / "quarantine.jsonl")}
    assert [rejected[f"export.jsonl{suffix}"][key] for key in ("reason_code", "line", "offset")] == [
        "truncated_compressed",
        3,
        len(lines[0] + lines[1]),
    ]
    assert rejected[f"crawl.warc{suffix}"]["reason_code"] == "truncated_compressed"
    assert rejected[f"crawl.warc{suffix}"]["reason"].endswith("the records before it are kept")


def _trailing_data_rejections(out: Path, stored: dict[str, bytes], name: str) -> dict[str, dict[str, Any]]:
    """The run's rejections by file name, after checking that each stored file gave one: its bytes after the
    `name` data, at the byte the data ends."""
    rejected = {Path(item["source"]).name: item for item in read_jsonl(out / "quarantine.jsonl")}
    assert sorted(rejected) == sorted(stored)
    for file, item in rejected.items():
        assert (item["reason_code"], item["offset"]) == ("trailing_data", len(stored[file]))
        assert (
            f"{len(APPENDED)} bytes of non-{name} data after the end of the compressed data, at byte"
            f" {len(stored[file]):,} of the file, ignored"
        ) in item["reason"]
    return rejected
