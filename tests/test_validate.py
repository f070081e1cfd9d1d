"""`builder validate` reports every bad line as `path:line: field: message`, streams, and sets its exit code."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from tests.paths import FIXTURES
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
    for kind in ("annotation 2", "document 2", "quarantine 1", "target 1", "task 1"):
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
        f"{path}:6: kind: 'nope'; expected one of document, target, task, annotation, quarantine (or pass --kind)",
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
