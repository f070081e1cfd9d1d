"""`--engine ray` gives the local engine's records: the same documents (ids, `duplicate_of`, order), the same
quarantine and the same report counts, on a mixed input whose duplicates fall in different Ray partitions, and on
one big export whose runs of pages different Ray tasks build.

One Ray session (2 CPUs, `tests/ray_support.py`) serves the module, and the command joins it with
`--ray-address`. Without Ray installed the module is skipped.
"""

from __future__ import annotations

import gzip
import html
import json
import subprocess
import sys
from pathlib import Path
from typing import Any, NamedTuple

import pyarrow as pa
import pytest

import tests.ray_support  # noqa: F401  (first: skips the module without Ray)

# isort: split
from builder.ingest.pipeline import SPLIT_BYTES, IngestOptions
from builder.ingest.ray_engine import discover_locations, ingest_files, map_rows
from tests.paths import REPO, SAMPLES

SAMPLE_PAGE = SAMPLES / "daily8-putin-trump-call.txt"


def _woven(text: str, token: str) -> str:
    """The long lines (article paragraphs) with a token after every fourth word: a different article."""
    return "\n".join(
        " ".join(f"{word} {token}" if index % 4 == 3 else word for index, word in enumerate(line.split(" ")))
        if len(line) > 200
        else line
        for line in text.splitlines()
    )


def _near_copy(text: str, seed: int) -> str:
    """The page with a few words of each long line changed: every article a near duplicate of the sample's."""
    lines = []
    for line in text.splitlines():
        if len(line) > 200:
            words = line.split(" ")
            words[len(words) // 2] = f"changed{seed}"
            line = " ".join(words)
        lines.append(line)
    return "\n".join(lines)


@pytest.fixture(scope="module")
def mixed_inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Page text (the sample, exact and near copies, different pages), HTML, a scraper JSONL with a bad line, a
    duplicate of the HTML article and a record written twice, a broken gzip and an empty file, in more files than
    Ray partitions."""
    folder = tmp_path_factory.mktemp("mixed")
    sample = SAMPLE_PAGE.read_text(encoding="utf-8")
    (folder / "a-sample.txt").write_text(sample, encoding="utf-8")
    for number in range(6):
        (folder / f"b-other-{number}.txt").write_text(_woven(sample, f"w{number}"), encoding="utf-8")
        (folder / f"c-near-{number}.txt").write_text(_near_copy(sample, number), encoding="utf-8")
    (folder / "d-exact-copy.txt").write_text(sample, encoding="utf-8")
    (folder / "e-other-copy.txt").write_text(_woven(sample, "w3"), encoding="utf-8")
    related = next(line for line in sample.splitlines() if "defend the sky" in line)
    paragraphs = [sentence + "." for sentence in related.split(". ")[2:12]]
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    (folder / "f-page.html").write_text(
        f"<html><head><title>Zelensky and Trump talk</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>Zelensky and Trump talk</h1>{body}</article><footer>Copyright 2025</footer></body></html>",
        encoding="utf-8",
    )
    scraped = [
        json.dumps({"headline": "Zelensky and Trump talk", "content": "\n\n".join(paragraphs)}),
        "{not json",
        json.dumps({"headline": "Zelensky, Trump talk again", "content": "\n\n".join(paragraphs[:-1])}),
        # A record written twice under its id: one document, the repeat quarantined, on either engine.
        *[json.dumps({"id": "7", "headline": "Kyiv hears the call", "content": "\n\n".join(paragraphs[2:])})] * 2,
    ]
    (folder / "g-scraped.jsonl").write_text("\n".join(scraped) + "\n", encoding="utf-8")
    (folder / "h-truncated.txt.gz").write_bytes(gzip.compress(sample.encode())[:300])
    (folder / "i-empty.txt").write_bytes(b"")
    return folder


def _without_timings(report: dict[str, Any]) -> dict[str, Any]:
    files = [{key: value for key, value in row.items() if key != "seconds"} for row in report["files"]]
    return {key: value for key, value in report.items() if key not in {"seconds", "outputs"}} | {"files": files}


def _read_jsonl(paths: list[Path]) -> list[dict[str, Any]]:
    return [json.loads(line) for path in paths for line in path.read_text(encoding="utf-8").splitlines()]


def _builder(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "builder.cli", *args]
    return subprocess.run(command, capture_output=True, text=True, check=False, cwd=REPO)


class EngineRuns(NamedTuple):
    local_out: Path
    ray_out: Path
    local_report: dict[str, Any]
    shards: list[Path]
    ray_stderr: str


def _on_both_engines(inputs: Path, tmp_path: Path, ray_address: str) -> EngineRuns:
    """Ingest `inputs` with the local engine and with Ray: both must succeed and report the same (timings aside)."""
    local_out, ray_out = tmp_path / "local", tmp_path / "ray"
    local = _builder("ingest", str(inputs), "--out", str(local_out))
    assert local.returncode == 0, local.stderr
    on_ray = _builder("ingest", str(inputs), "--out", str(ray_out), "--engine", "ray", "--ray-address", ray_address)
    assert on_ray.returncode == 0, on_ray.stderr
    report = json.loads((ray_out / "report.json").read_text(encoding="utf-8"))
    local_report = json.loads((local_out / "report.json").read_text(encoding="utf-8"))
    assert _without_timings(report) == _without_timings(local_report)
    shards = [Path(path) for path in report["outputs"]["documents"]]
    return EngineRuns(local_out, ray_out, local_report, shards, on_ray.stderr)


def test_ray_engine_gives_the_local_engines_records(ray_address: str, mixed_inputs: Path, tmp_path: Path) -> None:
    local_out, ray_out, local_report, shards, ray_stderr = _on_both_engines(mixed_inputs, tmp_path, ray_address)

    assert len(shards) > 1, "the input should span several Ray blocks"
    assert [shard.name for shard in shards] == [f"documents-{number:05d}.jsonl" for number in range(len(shards))]
    assert sorted(path.name for path in ray_out.glob("documents*.jsonl")) == [shard.name for shard in shards]
    documents, ray_documents = _read_jsonl([local_out / "documents.jsonl"]), _read_jsonl(shards)
    assert [doc["doc_id"] for doc in ray_documents] == [doc["doc_id"] for doc in documents]
    assert [doc["duplicate_of"] for doc in ray_documents] == [doc["duplicate_of"] for doc in documents]
    assert ray_documents == documents
    quarantine = _read_jsonl([local_out / "quarantine.jsonl"])
    assert _read_jsonl([ray_out / "quarantine.jsonl"]) == quarantine
    # The input must exercise what the engine has to get right, or the equalities above prove little.
    assert local_report["duplicates"]["exact"] >= 4
    assert local_report["duplicates"]["near"] >= 6
    assert {item["reason_code"] for item in quarantine} == {"bad_json", "truncated_gzip", "empty", "repeated_record"}
    assert local_report["stages"]["dedup"]["repeated"] == 1
    sample_ids = {doc["doc_id"] for doc in documents if doc["provenance"]["path"].endswith("a-sample.txt")}
    near = [doc for doc in documents if "c-near-" in doc["provenance"]["path"]]
    assert near
    assert all(doc["duplicate_of"] in sample_ids for doc in near)
    validate = _builder("validate", *map(str, shards), str(ray_out / "quarantine.jsonl"))
    assert validate.returncode == 0, validate.stdout
    assert "INFO" not in ray_stderr
    assert "WARNING" not in ray_stderr, "Ray's own logging leaked into the user's terminal"


@pytest.fixture(scope="module")
def big_export(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One JSON Lines export over `SPLIT_BYTES`, as a scraper writes it: each record's text and the HTML of the
    page it was taken from (carried, not read: the text is), so that the file is an export's size while its text
    is a few runs' worth. Exact and near copies of records far apart in it, a line that is no JSON and a record
    without text."""
    folder = tmp_path_factory.mktemp("export")
    sample = SAMPLE_PAGE.read_text(encoding="utf-8")
    sentences = [sentence for line in sample.splitlines() if len(line) > 200 for sentence in line.split(". ")]
    paragraphs = [". ".join(sentences[start : start + 3]) for start in range(0, len(sentences), 3)]
    page_html = (
        "<html><body>" + "".join(f"<p>{html.escape(line)}</p>" for line in sample.splitlines()) + "</body></html>"
    )
    records: list[dict[str, Any]] = []
    for number in range(300):
        chosen = [paragraphs[(number + offset) % len(paragraphs)] for offset in range(4)]
        text = _woven("\n\n".join(chosen), f"r{number}")  # each record's own, not a near copy of another
        records.append(
            {"id": number, "title": f"Record {number}", "text": text, "url": f"https://news.example/{number}"}
        )
    records[260] = records[7] | {"id": 260, "url": "https://news.example/copy"}
    records[280] = records[20] | {"id": 280, "text": _near_copy(records[20]["text"], 280)}
    records[150] = {"id": 150, "title": "No text here"}
    lines = [json.dumps(record | {"html": page_html} if "text" in record else record) for record in records]
    lines.insert(100, "{not json")
    (folder / "export.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_a_big_export_is_split_across_ray_tasks_and_gives_the_local_engines_records(
    ray_address: str, big_export: Path, tmp_path: Path
) -> None:
    """One big export was one map row, built by one CPU while the other waited: its pages are read by the driver
    and built in runs by many Ray tasks (one shard each here), with the local engine's records all the same."""
    assert (big_export / "export.jsonl").stat().st_size > SPLIT_BYTES

    local_out, ray_out, local_report, shards, _ = _on_both_engines(big_export, tmp_path, ray_address)

    assert len(shards) > 1, "the export's runs should have been built by several map tasks, a shard each"
    assert b"".join(shard.read_bytes() for shard in shards) == (local_out / "documents.jsonl").read_bytes()
    assert (ray_out / "quarantine.jsonl").read_bytes() == (local_out / "quarantine.jsonl").read_bytes()
    # What the equalities must cover: a file's rows added up, rejections in place, duplicates across runs.
    [row] = local_report["files"]
    assert (row["pages"], row["documents"], row["rejected"]) == (299, 299, {"bad_json": 1, "no_text": 1})
    assert local_report["duplicates"] == {"exact": 1, "near": 1}
    documents = _read_jsonl(shards)
    first_ids = {documents[7]["doc_id"], documents[20]["doc_id"]}
    assert {doc["duplicate_of"] for doc in documents} == {None} | first_ids


def test_fsspec_urls_are_found_and_read_like_paths(mixed_inputs: Path) -> None:
    url = mixed_inputs.as_uri()
    locations = discover_locations([url])
    local = discover_locations([str(mixed_inputs)])
    assert [location for location, _ in locations] == [f"{url}/{Path(path).name}" for path, _ in local]
    assert all(shown == location for location, shown in locations)

    outcomes = ingest_files(pa.Table.from_pylist(map_rows(locations, IngestOptions())), IngestOptions())

    from_paths = ingest_files(pa.Table.from_pylist(map_rows(local, IngestOptions())), IngestOptions())
    titles = [[json.loads(line)["title"] for line in lines] for lines in outcomes["lines"].to_pylist()]
    assert titles == [[json.loads(line)["title"] for line in lines] for lines in from_paths["lines"].to_pylist()]
    provenance = [json.loads(lines[0])["provenance"]["path"] for lines in outcomes["lines"].to_pylist() if lines]
    assert provenance
    assert all(path.startswith("file://") for path in provenance)


def test_ray_address_without_the_ray_engine_is_refused(tmp_path: Path) -> None:
    result = _builder("ingest", str(SAMPLE_PAGE), "--out", str(tmp_path), "--ray-address", "auto")
    assert result.returncode == 2
    assert "--ray-address needs --engine ray" in result.stderr
