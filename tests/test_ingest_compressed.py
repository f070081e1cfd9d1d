"""Compressed inputs of every format, in each compression `builder.compression` reads (gzip, bzip2, xz,
Zstandard), written by the real compressors; and compressed data cut short, which is quarantined after the lines
read, never read as a shorter file in silence."""

from __future__ import annotations

import bz2
import gzip
import json
import lzma
import struct
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from builder.compression import zstd
from tests.test_ingest import SAMPLE_PAGE, _article_html, _related_paragraphs, _warc_record, ingest, read_jsonl

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
