"""The reports the runs write beside their records (ingest's report.json, agreement.json, a release's splits.json,
review list and MANIFEST.json) are what the checked-in schemas say: a standard validator and `builder validate` pass
them as written, and refuse a broken one naming the file and the field."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from builder.records import SplitLedgerFile
from builder.release.build import MANIFEST_FILE, ReleaseOptions, make_release
from builder.release.splits import LEDGER_FILE, SplitLedger
from tests.release_support import ingest_samples, panel_answers, write_documents, write_ledger
from tests.test_ingest import SAMPLE_PAGE, SAMPLE_TITLES, _related_paragraphs, ingest
from tests.test_records import schema_validator
from tests.test_schemas import run_builder


def schema_errors(kind: str, value: Any) -> list[str]:
    """Where the checked-in schema of `kind` finds `value` wrong, as JSON paths (`$.files[0].documents`)."""
    return sorted(error.json_path for error in schema_validator(kind).iter_errors(value))


@pytest.fixture(scope="module")
def ingest_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real `builder ingest` whose report has every kind of row: a page dump, its copy (an exact duplicate), and
    a scraper export read under `--field` with a line that is no JSON."""
    inputs, out = tmp_path_factory.mktemp("inputs"), tmp_path_factory.mktemp("ingest")
    shutil.copy(SAMPLE_PAGE, inputs / "page.txt")
    shutil.copy(SAMPLE_PAGE, inputs / "page-copy.txt")
    text = "\n\n".join(_related_paragraphs())
    records = [
        json.dumps({"meta": {"headline": title}, "body": f"{text} {n}"}) for n, title in enumerate(SAMPLE_TITLES)
    ]
    (inputs / "export.jsonl").write_text("\n".join([*records[:2], "{not json", *records[2:]]) + "\n", encoding="utf-8")
    result = ingest(str(inputs), "--out", str(out), "--field", "title=meta.headline", "--field", "text=body")
    assert result.returncode == 0, result.stderr
    return out


def test_an_ingest_report_is_what_its_schema_says(ingest_run: Path) -> None:
    report_path = ingest_run / "report.json"
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert schema_errors("ingest_report", report) == []
    assert (report["kind"], report["rejected"], report["duplicates"]["exact"]) == ("ingest_report", {"bad_json": 1}, 4)
    export = next(row for row in report["files"] if row["path"].endswith("export.jsonl"))
    assert (export["records"], export["fields_found"]) == (4, {"title": 4, "text": 4})
    page = next(row for row in report["files"] if row["path"].endswith("page.txt"))
    assert "records" not in page, "a file read without --field has no records count"

    result = run_builder("validate", str(report_path), str(ingest_run / "documents.jsonl"))

    assert result.returncode == 0, result.stdout
    assert "ingest_report 1" in result.stderr
    assert "document 12" in result.stderr


def test_a_broken_ingest_report_is_refused_naming_the_file_and_the_field(ingest_run: Path, tmp_path: Path) -> None:
    report = json.loads((ingest_run / "report.json").read_text(encoding="utf-8"))
    report["stages"]["dedup"]["unique"] = -1
    report["files"][0]["documents"] = "4"
    report["files"][1]["rejected"]["Bad Code"] = 1
    broken = tmp_path / "report.json"
    broken.write_text(json.dumps(report, indent=2), encoding="utf-8")
    assert schema_errors("ingest_report", report) == [
        "$.files[0].documents",
        "$.files[1].rejected",
        "$.stages.dedup.unique",
    ]

    result = run_builder("validate", str(broken))

    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{broken}: stages.dedup.unique: Input should be greater than or equal to 0",
        f"{broken}: files[0].documents: Input should be a valid integer",
        f"{broken}: files[1].rejected: key 'Bad Code': String should match pattern '^[a-z][a-z0-9_]*$'",
    ]
    # A report cut short is bad JSON, said with its line: a document spans many.
    cut = tmp_path / "cut" / "report.json"
    cut.parent.mkdir()
    cut.write_text((ingest_run / "report.json").read_text(encoding="utf-8")[:-20], encoding="utf-8")
    cut_result = run_builder("validate", str(cut))
    assert cut_result.stdout.startswith(f"{cut}: bad JSON: ")
    assert " line " in cut_result.stdout
    # Only a document spread over lines is read whole: JSON Lines a scraper named `.json` keep their lines.
    named_json = tmp_path / "documents.json"
    lines = (ingest_run / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    named_json.write_text("\n".join([*lines[:2], lines[2][:-1], *lines[3:]]) + "\n", encoding="utf-8")
    lines_result = run_builder("validate", str(named_json))
    assert lines_result.stdout.startswith(f"{named_json}:3: bad JSON: ")
    assert "document 11" in lines_result.stderr


@pytest.fixture(scope="module")
def release_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real release of the sample documents with the annotator panel's answers, its review list beside it, and
    `builder agreement` over the same ledger."""
    tmp = tmp_path_factory.mktemp("release")
    documents = ingest_samples(tmp / "ingest")
    ledger = write_ledger(tmp / "annotations", panel_answers(documents))
    options = ReleaseOptions(
        documents=write_documents(tmp / "documents.jsonl", documents),
        annotations=ledger,
        out=tmp / "release",
        version="1.0.0",
        review=tmp / "release-review.jsonl",
    )
    assert make_release(options).made
    result = run_builder("agreement", "--annotations", str(ledger), "--out", str(tmp / "agreement"))
    assert result.returncode == 0, result.stderr
    return tmp


def test_the_release_s_reports_are_what_their_schemas_say(release_run: Path) -> None:
    agreement_files = [release_run / "release" / "agreement.json", release_run / "agreement" / "agreement.json"]
    splits = release_run / "release" / LEDGER_FILE
    review = release_run / "release-review.jsonl"
    for path in agreement_files:
        assert schema_errors("agreement", json.loads(path.read_text(encoding="utf-8"))) == [], path
    ledger_text = splits.read_text(encoding="utf-8")
    assert schema_errors("splits", json.loads(ledger_text)) == []
    # The ledger is formatted by hand, a document a line, for its git diff: it must say what the model says.
    assert json.loads(ledger_text) == SplitLedgerFile.model_validate_json(ledger_text).model_dump(mode="json")
    items = [json.loads(line) for line in review.read_text(encoding="utf-8").splitlines()]
    assert [schema_errors("review", item) for item in items] == [[]] * 3
    assert sorted(item["reason"] for item in items) == ["checkworthiness_tie", "tie", "too_few_annotators"]
    # The manifest too: `builder validate out/release/*.json` called it invalid, a file without a kind.
    manifest = release_run / "release" / MANIFEST_FILE
    assert schema_errors("manifest", json.loads(manifest.read_text(encoding="utf-8"))) == []

    result = run_builder("validate", *map(str, [*agreement_files, splits, review, manifest]))

    assert result.returncode == 0, result.stdout
    for kind in ("agreement 1", "splits 1", "review 3", "manifest 1"):
        assert kind in result.stderr


def test_a_broken_agreement_report_is_refused_by_both(release_run: Path, tmp_path: Path) -> None:
    report = json.loads((release_run / "agreement" / "agreement.json").read_text(encoding="utf-8"))
    report["overall"]["stance_pairwise_agreement"] = 1.5
    report["stance_confusion"]["labels"][0] = "PRO"
    broken = tmp_path / "agreement.json"
    broken.write_text(json.dumps(report, indent=2), encoding="utf-8")
    assert schema_errors("agreement", report) == ["$.overall.stance_pairwise_agreement", "$.stance_confusion.labels[0]"]

    result = run_builder("validate", str(broken))

    assert result.returncode == 1
    assert [line.split(": ")[:2] for line in result.stdout.splitlines()] == [
        [str(broken), "overall.stance_pairwise_agreement"],
        [str(broken), "stance_confusion.labels[0]"],
    ]


def test_a_ledger_written_before_reports_had_a_kind_still_gives_its_splits(tmp_path: Path) -> None:
    """Releases made before 0.33.0 hold a splits.json without `kind` and `schema_version`: the next release reads
    its splits and writes it anew with them."""
    old = {
        "salt": "news-stance",
        "ratios": [0.8, 0.1, 0.1],
        "documents": {"doc_0123456789abcdef": {"split": "test", "group": "page_0123456789abcdef"}},
    }
    (tmp_path / LEDGER_FILE).write_text(json.dumps(old), encoding="utf-8")

    ledger = SplitLedger.load(tmp_path, salt="unused")
    ledger.save(tmp_path)

    written = json.loads((tmp_path / LEDGER_FILE).read_text(encoding="utf-8"))
    assert written == {"kind": "splits", "schema_version": written["schema_version"], **old}
    assert schema_errors("splits", written) == []
