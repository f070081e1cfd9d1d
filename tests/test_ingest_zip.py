"""Zip archives of inputs: each file in one is an input of its own, named `dumps.zip/folder/file` in reports and
provenance; an archive that cannot be opened, or a member that cannot be extracted, is quarantined."""

from __future__ import annotations

import gzip
import json
import zipfile
from pathlib import Path

import pytest

from builder.ingest.archives import zipfile as zstd_zipfile
from tests.test_ingest import (
    SAMPLE_PAGE,
    SAMPLE_TITLES,
    _article_html,
    _related_paragraphs,
    ingest,
    read_jsonl,
    titles_by_path,
)


def _export_line() -> bytes:
    text = "\n\n".join(_related_paragraphs())
    return json.dumps({"url": "https://example.com/z", "title": SAMPLE_TITLES[3], "text": text}).encode() + b"\n"


@pytest.mark.parametrize("workers", ["1", "2"])
def test_each_file_in_a_zip_archive_is_an_input(tmp_path: Path, workers: str) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    archive = inputs / "dumps.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as packed:
        packed.writestr("site/page.txt", SAMPLE_PAGE.read_bytes())
        packed.writestr("site/page-again.txt.gz", gzip.compress(SAMPLE_PAGE.read_bytes()))
        packed.writestr("./export.jsonl", _export_line())  # "." is the archive's own folder, not a dotfile
        packed.writestr("site/", b"")
        # What macOS's Archive Utility and editors leave in archives: no inputs.
        packed.writestr("__MACOSX/site/._page.txt", b"\x00\x05\x16\x07")
        packed.writestr("site/.DS_Store", b"\x00\x00\x00\x01Bud1")

    result = ingest(str(inputs), "--out", str(out), "--workers", workers)

    assert result.returncode == 0, result.stderr
    assert read_jsonl(out / "quarantine.jsonl") == []
    titles = titles_by_path(out)
    assert titles == {
        f"{archive}/./export.jsonl": [SAMPLE_TITLES[3]],
        f"{archive}/site/page-again.txt.gz": SAMPLE_TITLES,
        f"{archive}/site/page.txt": SAMPLE_TITLES,
    }
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert sorted(row["path"] for row in report["files"]) == sorted(titles)


def test_members_compressed_with_zstandard_are_read(tmp_path: Path) -> None:
    """Zip's method 93, which 7-Zip, WinZip and Python 3.14 write: read as a deflated member is."""
    archive = tmp_path / "dumps.zip"
    with zstd_zipfile.ZipFile(archive, "w", compression=zstd_zipfile.ZIP_ZSTANDARD) as packed:
        packed.writestr("site/page.txt", SAMPLE_PAGE.read_bytes())
    out = tmp_path / "out"

    result = ingest(str(archive), "--out", str(out))

    assert result.returncode == 0, result.stderr
    assert read_jsonl(out / "quarantine.jsonl") == []
    assert titles_by_path(out) == {f"{archive}/site/page.txt": SAMPLE_TITLES}


def test_a_broken_archive_and_a_damaged_member_are_quarantined(tmp_path: Path) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    (inputs / "cut.zip").write_bytes(b"PK\x03\x04" + b"\x00" * 40)
    damaged = inputs / "damaged.zip"
    with zipfile.ZipFile(damaged, "w", compression=zipfile.ZIP_STORED) as packed:
        packed.writestr("good.txt", SAMPLE_PAGE.read_bytes())
        packed.writestr("bad.txt", SAMPLE_PAGE.read_bytes())
    # Flip a byte of the stored bad.txt: its CRC no longer holds, which the zip reader checks.
    data = bytearray(damaged.read_bytes())
    second = data.index(b"bad.txt") + len(b"bad.txt") + 200
    data[second] ^= 0x20
    damaged.write_bytes(bytes(data))

    result = ingest(str(inputs), "--out", str(out))

    assert result.returncode == 0, result.stderr
    paths = {document["provenance"]["path"] for document in read_jsonl(out / "documents.jsonl")}
    assert paths == {f"{damaged}/good.txt"}
    rejected = {item["source"]: (item["reason_code"], item["reason"]) for item in read_jsonl(out / "quarantine.jsonl")}
    assert rejected[str(inputs / "cut.zip")][0] == "broken_archive"
    assert rejected[str(inputs / "cut.zip")][1].startswith("a zip archive that cannot be read at all: ")
    code, reason = rejected[f"{damaged}/bad.txt"]
    assert code == "unreadable"
    assert reason.startswith("cannot extract the file from its zip archive: Bad CRC-32")


def test_members_with_the_same_name_are_each_read_once(tmp_path: Path) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    archive = inputs / "dumps.zip"
    first = SAMPLE_PAGE.read_text(encoding="utf-8")
    second = first.replace("Putin", "Macron").replace("Trump", "Merkel")
    with zipfile.ZipFile(archive, "w") as packed:
        packed.writestr("site/same.txt", first)
        with pytest.warns(UserWarning, match="Duplicate name"):
            packed.writestr("site/same.txt", second)

    result = ingest(str(inputs), "--out", str(out))

    assert result.returncode == 0, result.stderr
    titles = titles_by_path(out)
    # Opened by name, both were the last entry: the first was never read and the second was read twice.
    assert titles == {
        f"{archive}/site/same.txt": SAMPLE_TITLES,
        f"{archive}/site/same.txt#2": [t.replace("Putin", "Macron").replace("Trump", "Merkel") for t in SAMPLE_TITLES],
    }


def test_a_page_saved_complete_in_a_zip_archive_gives_no_documents_of_its_assets(tmp_path: Path) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    archive = inputs / "saved.zip"
    advert = "<html><body><p>" + " ".join(["Win a free cruise to the Bahamas, click here to claim it."] * 6)
    with zipfile.ZipFile(archive, "w") as packed:
        packed.writestr("Story.html", _article_html(SAMPLE_TITLES[3], _related_paragraphs()))
        packed.writestr("Story_files/saved_resource.html", advert + "</p></body></html>")
        packed.writestr("Story_files/style.css", "p.story-text { margin: 0 }\n")
        # Without its page beside it in the archive, a folder named like one is an ordinary folder of inputs.
        packed.writestr("Other_files/story.html", _article_html(SAMPLE_TITLES[3], _related_paragraphs()))

    result = ingest(str(inputs), "--out", str(out))

    assert result.returncode == 0, result.stderr
    paths = [document["provenance"]["path"] for document in read_jsonl(out / "documents.jsonl")]
    assert paths == [f"{archive}/Other_files/story.html", f"{archive}/Story.html"]
    rejected = {item["source"]: item for item in read_jsonl(out / "quarantine.jsonl")}
    assert sorted(rejected) == [f"{archive}/Story_files/saved_resource.html", f"{archive}/Story_files/style.css"]
    for item in rejected.values():
        assert item["reason_code"] == "saved_page_asset"
        assert "saved as Story.html" in item["reason"]


def test_members_that_climb_out_of_the_archive_are_quarantined_not_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    inputs, out, temporary = tmp_path / "in", tmp_path / "out", tmp_path / "tmp"
    inputs.mkdir()
    temporary.mkdir()
    # Members are extracted under the run's temporary folder: one written by its path would land in tmp_path.
    monkeypatch.setenv("TMPDIR", str(temporary))
    archive = inputs / "dumps.zip"
    climbing = ["../../x.txt", "a/../../../z.txt", "..\\..\\w.txt", "__MACOSX/../../m.txt"]
    with zipfile.ZipFile(archive, "w") as packed:
        for name in climbing:
            packed.writestr(name, SAMPLE_PAGE.read_bytes())
        packed.writestr("ok.txt", SAMPLE_PAGE.read_bytes())

    result = ingest(str(inputs), "--out", str(out))

    assert result.returncode == 0, result.stderr
    paths = {document["provenance"]["path"] for document in read_jsonl(out / "documents.jsonl")}
    assert paths == {f"{archive}/ok.txt"}
    rejected = {item["source"]: (item["reason_code"], item["reason"]) for item in read_jsonl(out / "quarantine.jsonl")}
    assert sorted(rejected) == sorted(f"{archive}/{name}" for name in climbing)
    for name in climbing:
        code, reason = rejected[f"{archive}/{name}"]
        assert code == "path_traversal"
        assert repr(name) in reason
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in", "out", "tmp"]
    assert list(temporary.iterdir()) == []


def test_an_archive_with_nothing_to_read_is_quarantined(tmp_path: Path) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    with zipfile.ZipFile(inputs / "empty.zip", "w"):
        pass
    with zipfile.ZipFile(inputs / "hidden.zip", "w") as packed:
        packed.writestr("site/", b"")
        packed.writestr("site/.DS_Store", b"\x00\x00\x00\x01Bud1")
        packed.writestr("__MACOSX/site/._page.txt", b"\x00\x05\x16\x07")

    result = ingest(str(inputs), "--out", str(out))

    # Both archives were left out without a row: the run ended with "No input files found" and no quarantine.
    assert result.returncode == 1
    assert "Nothing could be read" in result.stderr
    rejected = {item["source"]: (item["reason_code"], item["reason"]) for item in read_jsonl(out / "quarantine.jsonl")}
    assert sorted(rejected) == [str(inputs / "empty.zip"), str(inputs / "hidden.zip")]
    for code, reason in rejected.values():
        assert code == "empty_archive"
        assert reason.startswith("a zip archive with no file to read")
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert sorted(row["path"] for row in report["files"]) == sorted(rejected)


def test_an_archive_inside_an_archive_is_quarantined_as_nested(tmp_path: Path) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    inner = tmp_path / "inner.zip"
    with zipfile.ZipFile(inner, "w") as packed:
        packed.writestr("page.txt", SAMPLE_PAGE.read_bytes())
    archive = inputs / "dumps.zip"
    with zipfile.ZipFile(archive, "w") as packed:
        packed.write(inner, "site/inner.zip")
        packed.writestr("site/page.txt", SAMPLE_PAGE.read_bytes())

    result = ingest(str(inputs), "--out", str(out))

    assert result.returncode == 0, result.stderr
    paths = {document["provenance"]["path"] for document in read_jsonl(out / "documents.jsonl")}
    assert paths == {f"{archive}/site/page.txt"}
    # It was quarantined as archive_at_url, "a zip archive given as a URL", which it is not.
    [item] = read_jsonl(out / "quarantine.jsonl")
    assert (item["source"], item["reason_code"]) == (f"{archive}/site/inner.zip", "nested_archive")
    assert "unpack" in item["reason"]


def test_a_member_that_unpacks_to_a_thousand_times_its_size_is_not_extracted(tmp_path: Path) -> None:
    # 40 MB of one byte packs to 40 KB: a bomb, refused from the sizes the archive states, before it is written out.
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    with zipfile.ZipFile(inputs / "dumps.zip", "w", compression=zipfile.ZIP_DEFLATED) as packed:
        packed.writestr("bomb.txt", b"\0" * (40 << 20))
        packed.writestr("page.txt", SAMPLE_PAGE.read_bytes())

    result = ingest(str(inputs), "--out", str(out))

    assert result.returncode == 0, result.stderr
    assert len(read_jsonl(out / "documents.jsonl")) == 4
    [rejected] = read_jsonl(out / "quarantine.jsonl")
    assert (Path(rejected["source"]).name, rejected["reason_code"]) == ("bomb.txt", "compression_bomb")
