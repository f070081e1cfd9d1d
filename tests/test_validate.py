"""`builder validate` reports every bad line as `path:line: field: message`, streams, and sets its exit code."""

from __future__ import annotations

import copy
import gzip
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

from builder.records import Annotation
from tests.paths import FIXTURES, REPO
from tests.samples_support import ingest_samples
from tests.test_records import schema_validator
from tests.test_schemas import run_builder

VALID = FIXTURES / "v1"


def _valid_lines(kind: str) -> list[str]:
    return (VALID / f"{kind}.valid.jsonl").read_text(encoding="utf-8").splitlines()


def _documents(count: int) -> list[str]:
    template = json.loads(_valid_lines("document")[0])
    lines = []
    for index in range(count):
        template["doc_id"] = f"doc_{index:016x}"
        lines.append(json.dumps(template, ensure_ascii=False))
    return lines


def test_thousand_lines_with_three_bad_prints_exactly_those_three(tmp_path: Path) -> None:
    lines = _documents(1000)
    broken_span = json.loads(lines[499])
    broken_span["quotes"][0]["start"] += 2
    lines[16] = lines[16].replace('"role": "main"', '"role": "sidebar"')
    lines[499] = json.dumps(broken_span)
    lines[998] = lines[998][:-40]
    path = tmp_path / "documents.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = run_builder("validate", str(path))

    assert result.returncode == 1
    printed = result.stdout.splitlines()
    assert [line.split(": ", 1)[0] for line in printed] == [f"{path}:17", f"{path}:500", f"{path}:999"]
    assert printed[0] == f"{path}:17: role: Input should be 'main' or 'related'"
    assert printed[1].startswith(f"{path}:500: quotes[0]: text ")
    assert printed[2].startswith(f"{path}:999: bad JSON: ")
    assert "1,000" in result.stderr
    assert "997" in result.stderr


def test_valid_files_of_every_kind_pass_with_kind_inferred(tmp_path: Path) -> None:
    mixed = tmp_path / "mixed.jsonl.gz"
    with gzip.open(mixed, "wt", encoding="utf-8") as handle:
        for kind in ("document", "target", "task", "annotation", "quarantine"):
            handle.writelines(line + "\n" for line in _valid_lines(kind))
    result = run_builder("validate", str(mixed))
    assert result.returncode == 0, result.stdout
    assert result.stdout == ""
    for kind in ("annotation 3", "document 2", "quarantine 1", "target 1", "task 1"):
        assert kind in result.stderr


def test_encoding_and_framing_problems_are_named(tmp_path: Path) -> None:
    target = _valid_lines("target")[0].encode("utf-8")
    path = tmp_path / "targets.jsonl"
    path.write_bytes(
        b"\xef\xbb\xbf"
        + target
        + b"\n"  # 1: byte-order mark
        + target
        + b"\n"  # 2: fine
        + b"\n"  # 3: blank
        + target.replace(b"the US", b"the \xff US")
        + b"\n"  # 4: undecodable
        + b"[1, 2]\n"  # 5: not an object
        + b'{"kind": "nope"}\n'  # 6: unknown kind
        + target.replace(b'"topic"', b'"opinion"')
        + b"\r\n"  # 7: wrong enum, CRLF line end
    )
    result = run_builder("validate", str(path))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{path}:1: starts with a UTF-8 byte-order mark (U+FEFF); save the file without it",
        f"{path}:3: blank line: JSONL has exactly one JSON record on every line",
        f"{path}:4: not valid UTF-8: byte 0xff at column {target.index(b'the US') + 5}",
        f"{path}:5: expected a JSON object, got list",
        f"{path}:6: kind: 'nope'; expected one of document, target, task, annotation, quarantine, review, "
        "ingest_report, agreement, splits, manifest (or pass --kind)",
        f"{path}:7: type: Input should be 'entity', 'topic' or 'claim'",
    ]


def test_explicit_kind_rejects_other_kinds(tmp_path: Path) -> None:
    path = tmp_path / "targets.jsonl"
    path.write_text(_valid_lines("target")[0] + "\n" + _valid_lines("quarantine")[0] + "\n", encoding="utf-8")
    result = run_builder("validate", str(path), "--kind", "target")
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == f"{path}:2: kind: Input should be 'target'"


def test_truncated_gzip_is_reported_after_the_lines_read(tmp_path: Path) -> None:
    whole = gzip.compress(("\n".join(_documents(200)) + "\n").encode("utf-8"))
    path = tmp_path / "documents.jsonl.gz"
    path.write_bytes(whole[: len(whole) // 2])
    result = run_builder("validate", str(path))
    assert result.returncode == 1
    (message,) = result.stdout.splitlines()
    assert "the gzip data ends or breaks here" in message
    assert "unreadable" in result.stderr


def test_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    result = run_builder("validate", str(tmp_path / "absent.jsonl"))
    assert result.returncode == 2
    assert "does not exist" in result.stderr


def test_a_string_left_open_is_said_once_where_it_starts(tmp_path: Path) -> None:
    """json's message for a string left open ends in "starting at", and "at column" after it read "at at"."""
    path = tmp_path / "documents.jsonl"
    path.write_text('{"kind": "document", "title": "cut\n', encoding="utf-8")
    result = run_builder("validate", str(path))
    assert result.returncode == 1
    assert result.stdout.splitlines()[0] == f"{path}:1: bad JSON: Unterminated string starting at column 31"


def test_json_nested_past_the_recursion_limit_is_a_bad_line_not_a_crash(tmp_path: Path) -> None:
    """Valid JSON nested a hundred thousand levels deep: `json.loads` raised RecursionError, which ended the command
    with a traceback, on a line of JSON Lines and on a report read whole; now a bad line like any other."""
    deep = '{"kind": "document", "title": ' + "[" * 100_000 + "1.0" + "]" * 100_000 + "}"
    lines, report = tmp_path / "documents.jsonl", tmp_path / "report.json"
    lines.write_text(_documents(1)[0] + "\n" + deep + "\n", encoding="utf-8")
    report.write_text(deep + "\n", encoding="utf-8")

    result = run_builder("validate", str(lines), str(report))

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stdout.splitlines() == [
        f"{lines}:2: bad JSON: nested too deeply to read (over a thousand levels) at column 1",
        f"{report}: bad JSON: nested too deeply to read (over a thousand levels) at line 1 column 1",
    ]


def test_an_integer_longer_than_python_reads_is_a_bad_line_not_a_crash(tmp_path: Path) -> None:
    """An integer of 5,000 digits is valid JSON, but `json.loads` refuses integers of over 4,300 digits with a
    ValueError, which ended the command with a traceback when a line (or a report read whole) that pydantic had
    refused was read again to say why; now it is bad JSON, said with the column where the number starts."""
    record = json.loads(_documents(1)[0])
    record["provenance"]["offset"] = 0
    huge = json.dumps(record).replace('"offset": 0', '"offset": ' + "1" * 5_000)
    lines, report = tmp_path / "documents.jsonl", tmp_path / "report.json"
    lines.write_text(_documents(1)[0] + "\n" + huge + "\n", encoding="utf-8")
    report.write_text('{\n  "kind": "ingest_report",\n  "documents": ' + "9" * 5_000 + "\n}\n", encoding="utf-8")

    result = run_builder("validate", str(lines), str(report))

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    column = huge.index("1" * 5_000) + 1
    assert result.stdout.splitlines() == [
        f"{lines}:2: bad JSON: a number of more than 4,300 digits, which no field holds at column {column}",
        f"{report}: bad JSON: a number of more than 4,300 digits, which no field holds at line 3 column 16",
    ]


# What pydantic's lax mode reads from JSON although the checked-in schema refuses it: a CI that runs a standard
# JSON Schema validator beside `builder validate` failed files that `builder validate` passed.
SCHEMA_REFUSES: list[tuple[str, list[str | int], object]] = [
    ("provenance.offset", ["provenance", "offset"], "0"),
    ("provenance.line", ["provenance", "line"], True),
    ("claims[0].score", ["claims", 0, "score"], "0.5"),
    ("claims[0].features.attribution", ["claims", 0, "features", "attribution"], "1"),
    ("published_at", ["published_at"], 1751621400),
    ("published_at", ["published_at"], "1751621400"),
    ("published_at", ["published_at"], "2025-07-04 09:30:00Z"),
    ("published_at", ["published_at"], "2025-07-04T09:30Z"),
    ("published_at", ["published_at"], "2025-07-04T09:30:00+0000"),
    ("provenance.crawled_at", ["provenance", "crawled_at"], "2025-07-04_09:30:00Z"),
]


def _edited(record: dict[str, Any], path: list[str | int], value: object) -> dict[str, Any]:
    edited = copy.deepcopy(record)
    inner: Any = edited
    for key in path[:-1]:
        inner = inner[key]
    inner[path[-1]] = value
    return edited


def test_what_the_schema_refuses_validate_refuses_too(tmp_path: Path) -> None:
    record = json.loads(_valid_lines("document")[0])
    edited = [_edited(record, path, value) for _, path, value in SCHEMA_REFUSES]
    schema = schema_validator("document")
    for case, (field, _, value) in zip(edited, SCHEMA_REFUSES, strict=True):
        assert list(schema.iter_errors(case)), f"the schema accepts {field} = {value!r}"
    path = tmp_path / "documents.jsonl"
    path.write_text("".join(json.dumps(case) + "\n" for case in edited), encoding="utf-8")

    result = run_builder("validate", str(path))

    assert result.returncode == 1
    printed = [line.split(": ")[:2] for line in result.stdout.splitlines()]
    assert printed == [[f"{path}:{line}", field] for line, (field, _, _) in enumerate(SCHEMA_REFUSES, 1)]


def test_every_rfc_3339_time_passes_and_code_may_give_times_as_python_reads_them(tmp_path: Path) -> None:
    record = json.loads(_valid_lines("document")[0])
    times = ["2025-07-04t09:30:00z", "2025-07-04T09:30:00.1234567+05:30", "2025-07-04T09:30:00-00:00"]
    path = tmp_path / "documents.jsonl"
    path.write_text("".join(json.dumps(record | {"published_at": time}) + "\n" for time in times), encoding="utf-8")
    result = run_builder("validate", str(path))
    assert result.returncode == 0, result.stdout
    # Python callers (a Label Studio export's times) keep pydantic's own reading; only JSON is held to the schema.
    annotation = json.loads(_valid_lines("annotation")[0])
    Annotation.model_validate(annotation | {"created_at": "2025-07-04 09:30:00+00:00"})


def test_the_ci_recipe_in_the_docs_validates_jsonl_with_the_schemas(tmp_path: Path) -> None:
    """docs/schema-versioning.md shows a pipeline without this project how to validate; the recipe must work."""
    docs = (REPO / "docs" / "schema-versioning.md").read_text(encoding="utf-8")
    (recipe,) = re.findall(r"```python\n(.*?)```", docs, re.DOTALL)
    script = tmp_path / "validate_jsonl.py"
    script.write_text(recipe, encoding="utf-8")
    record = json.loads(_valid_lines("document")[0])
    path = tmp_path / "documents.jsonl"
    path.write_text(
        json.dumps(record) + "\n" + json.dumps(record | {"published_at": "2025-07-04T09:30:00"}) + "\n",
        encoding="utf-8",
    )

    def run(jsonl: Path) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, str(script), "schemas/document.schema.json", str(jsonl)]
        return subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)

    assert run(VALID / "document.valid.jsonl").returncode == 0
    refused = run(path)
    assert refused.returncode == 1
    assert refused.stdout.startswith(f"{path}:2: $.published_at: ")
    assert refused.stdout.count("\n") == 1


def test_the_summary_shows_a_long_path_whole(tmp_path: Path) -> None:
    """CI runners' paths are long: cut to the table's width, files in one folder all read `/builds/…`."""
    path = tmp_path / ("a-folder-as-deep-as-a-ci-runner-makes-them-" * 2) / "shard-00001.jsonl"
    path.parent.mkdir()
    path.write_text(_valid_lines("target")[0] + "\n", encoding="utf-8")
    result = run_builder("validate", str(path))
    assert result.returncode == 0
    first_cells = [line.split("│")[1].strip() for line in result.stderr.splitlines() if line.startswith("│")]
    assert "".join(first_cells) == str(path)


# A number in an integer field, as a JSON text may write it, with the verdict the checked-in schema gives (JSON
# Schema draft 2020-12 counts a number with a zero fractional part an integer).
INTEGER_FIELD_EDGES: list[tuple[str, bool]] = [
    ("3", True),
    ("3.0", True),
    ("3e0", True),
    ("3.5", False),
    ('"3"', False),
    ("true", False),
    ("NaN", False),
    ("Infinity", False),
]


def _with_raw_value(line: str, path: list[str | int], raw_value: str) -> str:
    """The JSON line with the value at `path` written as `raw_value` verbatim (NaN is no JSON: json.dumps would
    only write it as Python reads it, and the point is what the text says)."""
    placeholder = "__value_under_test__"
    return json.dumps(_edited(json.loads(line), path, placeholder)).replace(json.dumps(placeholder), raw_value)


def test_validate_and_the_schema_agree_on_numbers_in_integer_fields(tmp_path: Path) -> None:
    """`{"offset": 3.0}` passed jsonschema and check-jsonschema (an integer to JSON Schema) and not `builder
    validate`, whose strict mode took it for a float: a CI running both failed on one and passed on the other."""
    written = ingest_samples(tmp_path / "ingest").read_text(encoding="utf-8").splitlines()[0]
    lines = [_with_raw_value(written, ["provenance", "offset"], raw) for raw, _ in INTEGER_FIELD_EDGES]
    schema = schema_validator("document")
    schema_verdicts = [not list(schema.iter_errors(json.loads(line))) for line in lines]
    assert schema_verdicts == [accepted for _, accepted in INTEGER_FIELD_EDGES]
    path = tmp_path / "documents.jsonl"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")

    result = run_builder("validate", str(path))

    refused = {int(line.split(":")[1]) for line in result.stdout.splitlines()}
    validate_verdicts = [number not in refused for number in range(1, len(lines) + 1)]
    assert validate_verdicts == schema_verdicts, result.stdout
    assert f"{path}:4: provenance.offset: Input should be a valid integer" in result.stdout.splitlines()


def test_nan_and_infinity_are_refused_in_every_number_field(tmp_path: Path) -> None:
    """NaN and Infinity are no JSON numbers (RFC 8259), but Python's json reads them, and so a schema validator
    in Python passes them in a number field (`type: number`, and NaN is neither below a minimum nor above a
    maximum); `builder validate` refused them only where a range did, and passed them in a claim's features."""
    written = ingest_samples(tmp_path / "ingest").read_text(encoding="utf-8").splitlines()[0]
    lines = [
        _with_raw_value(written, ["claims", 0, "features", "attribution"], raw)
        for raw in ("NaN", "Infinity", "-Infinity")
    ]
    schema = schema_validator("document")
    assert all(not list(schema.iter_errors(json.loads(line))) for line in lines), "jsonschema refuses them now"
    path = tmp_path / "documents.jsonl"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")

    result = run_builder("validate", str(path))

    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{path}:{number}: claims[0].features.attribution: Input should be a finite number" for number in (1, 2, 3)
    ]
