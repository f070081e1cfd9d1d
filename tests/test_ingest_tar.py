"""Tar archives of inputs (`.tar`, `.tar.gz`/`.tgz`, `.tar.bz2`, `.tar.xz`, `.tar.zst`), as crawls are often
shipped: each file in one is an input of its own, named `dumps.tar.gz/folder/file` in reports and provenance, as a
zip's are; a tar cut short keeps the files before the cut, and what cannot be read is quarantined."""

from __future__ import annotations

import io
import json
import os
import tarfile
import zipfile
from pathlib import Path

import pytest

from builder.ingest.archives import Member, _tar_cursor, extract_member
from builder.ingest.archives import tarfile as zstd_tarfile
from tests.test_ingest import SAMPLE_PAGE, SAMPLE_TITLES, _related_paragraphs, ingest, read_jsonl, titles_by_path


def _add(packed: tarfile.TarFile, name: str, data: bytes, kind: bytes = tarfile.REGTYPE, link: str = "") -> None:
    info = tarfile.TarInfo(name)
    info.type, info.linkname = kind, link
    info.size = len(data) if kind == tarfile.REGTYPE else 0
    packed.addfile(info, io.BytesIO(data) if kind == tarfile.REGTYPE else None)


def _export_line() -> bytes:
    text = "\n\n".join(_related_paragraphs())
    return json.dumps({"url": "https://example.com/t", "title": SAMPLE_TITLES[3], "text": text}).encode() + b"\n"


@pytest.mark.parametrize(("suffix", "mode", "workers"), [(".tar.gz", "w:gz", "1"), (".tar.gz", "w:gz", "2")])
def test_each_file_in_a_tar_archive_is_an_input(tmp_path: Path, suffix: str, mode: str, workers: str) -> None:
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    archive = inputs / f"crawl{suffix}"
    with tarfile.open(archive, mode) as packed:
        _add(packed, "site", b"", tarfile.DIRTYPE)
        _add(packed, "site/page.txt", SAMPLE_PAGE.read_bytes())
        _add(packed, "./export.jsonl", _export_line())  # "." is the archive's own folder, not a dotfile
        _add(packed, "site/.DS_Store", b"\x00\x00\x00\x01Bud1")
        # Links and devices are no files to read: a link's target is listed on its own when the archive holds it.
        _add(packed, "site/latest.txt", b"", tarfile.SYMTYPE, "page.txt")
        _add(packed, "site/copy.txt", b"", tarfile.LNKTYPE, "site/page.txt")
        _add(packed, "site/fifo", b"", tarfile.FIFOTYPE)

    result = ingest(str(inputs), "--out", str(out), "--workers", workers)

    assert result.returncode == 0, result.stderr
    assert read_jsonl(out / "quarantine.jsonl") == []
    titles = titles_by_path(out)
    assert titles == {f"{archive}/site/page.txt": SAMPLE_TITLES, f"{archive}/./export.jsonl": [SAMPLE_TITLES[3]]}
    report = json.loads((out / "report.json").read_text(encoding="utf-8"))
    assert sorted(row["path"] for row in report["files"]) == sorted(titles)


@pytest.mark.parametrize(
    ("suffix", "mode"),
    [
        (".tar", "w"),
        (".tgz", "w:gz"),
        (".tar.bz2", "w:bz2"),
        (".tar.xz", "w:xz"),
        (".tar.zst", "w:zst"),
        (".tzst", "w:zst"),
    ],
)
def test_every_compression_of_a_tar_is_read(tmp_path: Path, suffix: str, mode: str) -> None:
    archive = tmp_path / f"crawl{suffix}"
    # The tarfile the archives are read with: before Python 3.14, the standard library's writes no Zstandard.
    with zstd_tarfile.open(archive, mode) as packed:
        _add(packed, "page.txt", SAMPLE_PAGE.read_bytes())
    out = tmp_path / "out"
    result = ingest(str(archive), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert [d["title"] for d in read_jsonl(out / "documents.jsonl")] == SAMPLE_TITLES


def test_a_tar_cut_short_keeps_the_files_before_the_cut(tmp_path: Path) -> None:
    """A download or copy that stopped: the files before the cut are read, and the cut is quarantined with how
    many were; an archive that is no tar at all is quarantined as one that cannot be read."""
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    whole = tmp_path / "whole.tar.gz"
    with tarfile.open(whole, "w:gz") as packed:
        _add(packed, "a.txt", SAMPLE_PAGE.read_bytes())
        # Random bytes do not compress: the cut below falls inside this member, well after a.txt.
        _add(packed, "b.bin", os.urandom(200_000))
        _add(packed, "c.txt", SAMPLE_PAGE.read_bytes())
    data = whole.read_bytes()
    (inputs / "cut.tar.gz").write_bytes(data[: len(data) // 2])
    (inputs / "notatar.tar.gz").write_bytes(b"this is no archive at all\n" * 10)

    result = ingest(str(inputs), "--out", str(out))

    assert result.returncode == 0, result.stderr
    paths = {document["provenance"]["path"] for document in read_jsonl(out / "documents.jsonl")}
    assert paths == {f"{inputs / 'cut.tar.gz'}/a.txt"}
    rejected = {Path(q["source"]).name: (q["reason_code"], q["reason"]) for q in read_jsonl(out / "quarantine.jsonl")}
    assert sorted(rejected) == ["b.bin", "cut.tar.gz", "notatar.tar.gz"]
    # b.bin was listed (its header is before the cut) but its data is cut: extracting it fails.
    assert rejected["b.bin"][0] == "unreadable"
    assert rejected["b.bin"][1].startswith("cannot extract the file from its tar archive: ")
    assert rejected["cut.tar.gz"][0] == "broken_archive"
    assert rejected["cut.tar.gz"][1].startswith("a tar archive that cannot be read past its first 2 file(s), which")
    assert rejected["notatar.tar.gz"][0] == "broken_archive"
    assert rejected["notatar.tar.gz"][1].startswith("a tar archive that cannot be read at all: ")


def test_tar_members_are_quarantined_as_zip_members_are(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A path that climbs out of the archive, an archive inside it, a decompression bomb, an empty tar: each is
    quarantined with its reason, and nothing is written outside the run's temporary folder."""
    inputs, out, temporary = tmp_path / "in", tmp_path / "out", tmp_path / "tmp"
    inputs.mkdir()
    temporary.mkdir()
    monkeypatch.setenv("TMPDIR", str(temporary))
    inner = io.BytesIO()
    with zipfile.ZipFile(inner, "w") as packed:
        packed.writestr("page.txt", SAMPLE_PAGE.read_bytes())
    archive = inputs / "dumps.tar.gz"
    with tarfile.open(archive, "w:gz") as packed:
        _add(packed, "../../x.txt", SAMPLE_PAGE.read_bytes())
        _add(packed, "site/inner.zip", inner.getvalue())
        # 40 MB of one byte packs to 40 KB: refused from the sizes, before it is written out.
        _add(packed, "bomb.txt", b"\0" * (40 << 20))
        _add(packed, "ok.txt", SAMPLE_PAGE.read_bytes())
    with tarfile.open(inputs / "empty.tar", "w") as packed:
        _add(packed, "site", b"", tarfile.DIRTYPE)

    result = ingest(str(inputs), "--out", str(out))

    assert result.returncode == 0, result.stderr
    paths = {document["provenance"]["path"] for document in read_jsonl(out / "documents.jsonl")}
    assert paths == {f"{archive}/ok.txt"}
    rejected = {q["source"]: (q["reason_code"], q["reason"]) for q in read_jsonl(out / "quarantine.jsonl")}
    assert {source: code for source, (code, _) in rejected.items()} == {
        f"{archive}/../../x.txt": "path_traversal",
        f"{archive}/site/inner.zip": "nested_archive",
        f"{archive}/bomb.txt": "compression_bomb",
        str(inputs / "empty.tar"): "empty_archive",
    }
    assert rejected[f"{archive}/../../x.txt"][1].startswith("a file whose path in the tar archive climbs out of it")
    assert rejected[str(inputs / "empty.tar")][1].startswith("a tar archive with no file to read")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["in", "out", "tmp"]
    assert list(temporary.iterdir()) == []


def test_members_with_the_same_name_are_each_read_once(tmp_path: Path) -> None:
    """`tar -r` appends a newer copy of a file under the same name: each copy is an input, told apart by its
    ordinal."""
    archive = tmp_path / "dumps.tar"
    export = _export_line()
    with tarfile.open(archive, "w") as packed:
        _add(packed, "export.jsonl", export)
        _add(packed, "export.jsonl", export.replace(b"example.com/t", b"example.com/u"))
    out = tmp_path / "out"
    result = ingest(str(archive), "--out", str(out))
    assert result.returncode == 0, result.stderr
    rows = [(d["provenance"]["path"], d["url"]) for d in read_jsonl(out / "documents.jsonl")]
    assert rows == [
        (f"{archive}/export.jsonl", "https://example.com/t"),
        (f"{archive}/export.jsonl#2", "https://example.com/u"),
    ]


def test_members_read_in_archive_order_read_the_stream_once(tmp_path: Path) -> None:
    """A compressed tar has no index: tarfile's look-up by name reads every header to the archive's end, and going
    back means decompressing from the start. Members asked for in archive order are reached reading forward only:
    after each, no header past it has been read."""
    archive = tmp_path / "many.tar.gz"
    names = [f"page-{number:03d}.txt" for number in range(50)]
    with tarfile.open(archive, "w:gz") as packed:
        for name in names:
            _add(packed, name, name.encode() * 100)
    folder = tmp_path / "x"
    folder.mkdir()
    cursor = _tar_cursor(str(archive), os.getpid())
    for index, name in enumerate(names):
        extracted = extract_member(Member("tar", str(archive), name, None), folder)
        assert extracted.read_bytes() == name.encode() * 100
        assert len(cursor.tar.members) == index + 1


def _header(name: str, size: int, pax: dict[str, str] | None = None) -> bytes:
    info = tarfile.TarInfo(name)
    info.size = size
    if pax is not None:
        info.pax_headers = pax
    return info.tobuf(tarfile.PAX_FORMAT if pax is not None else tarfile.GNU_FORMAT)


@pytest.mark.parametrize("pax", [False, True])
def test_a_header_with_a_negative_size_is_a_break_not_a_loop(tmp_path: Path, pax: bool) -> None:
    """A negative size (base-256 in the header, or a PAX `size`) sends tarfile back to an earlier header, and it read
    the same headers forever, its memory growing (CVE-2025-8194): a 4 KB tar hung the run before it started. It is a
    break: the files before it are read."""
    export = _export_line().ljust(2048)
    head = _header("a.jsonl", len(export)) + export + _header("b.jsonl", len(export)) + export
    # The third header, at 5,120, has its data at 5,632 (PAX: 6,656); its size sends the next header back to b's,
    # at 2,560.
    back = _header("c.txt", 0, {"size": "-4096"}) if pax else _header("c.txt", -3072)
    archive = tmp_path / "loop.tar"
    archive.write_bytes(head + back + b"\0" * 1024)
    out = tmp_path / "out"
    result = ingest(str(archive), "--out", str(out), timeout=60)
    assert result.returncode == 0, result.stderr
    assert [Path(d["provenance"]["path"]).name for d in read_jsonl(out / "documents.jsonl")] == ["a.jsonl", "b.jsonl"]
    [broken] = read_jsonl(out / "quarantine.jsonl")
    assert (broken["source"], broken["reason_code"]) == (str(archive), "broken_archive")
    # tarfile tells of the size as the offset of the next header, before this one's.
    assert broken["reason"].endswith("the header at byte 5,120 is corrupt (invalid offset)")


@pytest.mark.parametrize("damage", ["corrupt", "cut short"])
def test_a_header_past_the_first_that_cannot_be_read_is_a_break(tmp_path: Path, damage: str) -> None:
    """tarfile ends an archive at a header it cannot read as at its end marker: the files after a corrupt header,
    or a header cut short, vanished with no word in quarantine."""
    whole = io.BytesIO()
    with tarfile.open(fileobj=whole, mode="w") as packed:
        _add(packed, "a.jsonl", _export_line())
        _add(packed, "b.jsonl", _export_line())
    data = bytearray(whole.getvalue())
    second = data.find(b"b.jsonl")
    if damage == "corrupt":
        data[second + 200] ^= 0xFF  # in the header's owner name: its checksum fails
    else:
        data = data[: second + 100]
    archive = tmp_path / "damaged.tar"
    archive.write_bytes(bytes(data))
    out = tmp_path / "out"
    result = ingest(str(archive), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert [Path(d["provenance"]["path"]).name for d in read_jsonl(out / "documents.jsonl")] == ["a.jsonl"]
    [broken] = read_jsonl(out / "quarantine.jsonl")
    assert (broken["source"], broken["reason_code"]) == (str(archive), "broken_archive")
    assert broken["reason"].endswith(
        f"the header at byte {second:,} is {'corrupt (bad checksum)' if damage == 'corrupt' else damage}"
    )


@pytest.mark.parametrize("kind", [tarfile.SYMTYPE, tarfile.DIRTYPE, tarfile.FIFOTYPE])
def test_a_file_is_read_whatever_else_has_its_name(tmp_path: Path, kind: bytes) -> None:
    """A link, folder or device of a file's name before it (`tar -r` after the file replaced it) is left out, and
    the file is read: by name, the link was read instead (its target, a dotfile here) and the folder and device
    made the file unreadable."""
    archive = tmp_path / "replaced.tar.gz"
    with tarfile.open(archive, "w:gz") as packed:
        _add(packed, ".hidden.jsonl", _export_line().replace(b"example.com/t", b"example.com/hidden"))
        _add(packed, "export.jsonl", b"", kind, ".hidden.jsonl")
        _add(packed, "export.jsonl", _export_line())
    out = tmp_path / "out"
    result = ingest(str(archive), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert read_jsonl(out / "quarantine.jsonl") == []
    assert [d["url"] for d in read_jsonl(out / "documents.jsonl")] == ["https://example.com/t"]


def test_an_archive_whose_path_holds_double_colons_is_read(tmp_path: Path) -> None:
    """A member's location is `tar://NAME::ARCHIVE`, and either may hold "::": split at the last one, every file of
    an archive in a folder named "a::b" was unreadable ("No such file or directory: 'b/dumps.tar'")."""
    folder = tmp_path / "a::b"
    folder.mkdir()
    archive = folder / "dumps::1.tar"
    with tarfile.open(archive, "w") as packed:
        _add(packed, "x::y.jsonl", _export_line())
        _add(packed, "x::y.jsonl", _export_line().replace(b"example.com/t", b"example.com/u"))
    out = tmp_path / "out"
    result = ingest(str(archive), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert read_jsonl(out / "quarantine.jsonl") == []
    rows = [(d["provenance"]["path"], d["url"]) for d in read_jsonl(out / "documents.jsonl")]
    assert rows == [
        (f"{archive}/x::y.jsonl", "https://example.com/t"),
        (f"{archive}/x::y.jsonl#2", "https://example.com/u"),
    ]
