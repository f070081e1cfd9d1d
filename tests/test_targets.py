"""The targets file: every mistake in it is said at once, each naming the file, the line, the entry and the field,
by the loader and by each command that takes `--targets`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from builder.targets import TargetsFileError, load_targets
from tests.paths import REPO, SAMPLES
from tests.samples_support import TARGETS

MISTAKES = """\
# three entries with mistakes, one good
targets:
  - target_id: Bad Id
    text: the US-proposed ceasefire in Ukraine
    type: topic
    description: A halt to the fighting.
  - target_id: gaza-ceasefire
    text: ""
    type: topics
    aliases: [Gaza ceasefire, ceasefire deal, gaza CEASEFIRE]
    description: The proposal for a ceasefire in Gaza.
  - target_id: gaza-ceasefire
    text: curbs on AI chip exports
    type: topic
    descripton: US restrictions on exporting AI chips.
  - target_id: us-weapons-ukraine
    text: US weapons shipments to Ukraine
    type: topic
    description: The United States supplying arms to Ukraine.
"""

EXPECTED = [
    (3, "target 1 (Bad Id): target_id: String should match pattern"),
    (8, "target 2 (gaza-ceasefire): text: String should have at least 1 character"),
    (9, "target 2 (gaza-ceasefire): type: Input should be 'entity', 'topic' or 'claim'"),
    (10, "target 2 (gaza-ceasefire): aliases: alias 'gaza CEASEFIRE' is listed twice"),
    (12, "target 3 (gaza-ceasefire): target_id: 'gaza-ceasefire' is used twice (first by target 2, line 7)"),
    (12, "target 3 (gaza-ceasefire): description: Field required"),
    (15, "target 3 (gaza-ceasefire): descripton: Extra inputs are not permitted"),
]
"""(line, what) of each problem of MISTAKES, in the order they are said."""


def test_every_mistake_is_named_with_its_line_entry_and_field(tmp_path: Path) -> None:
    path = tmp_path / "targets.yaml"
    path.write_text(MISTAKES, encoding="utf-8")
    with pytest.raises(TargetsFileError) as refused:
        load_targets(path)
    assert len(refused.value.problems) == len(EXPECTED)
    for problem, (line, what) in zip(refused.value.problems, EXPECTED, strict=True):
        assert problem.startswith(f"{path}:{line}: {what}"), problem
    assert str(refused.value).splitlines() == [f"{path}: {len(EXPECTED)} problems:", *refused.value.problems]


def test_a_json_file_gets_its_lines_too(tmp_path: Path) -> None:
    path = tmp_path / "targets.json"
    path.write_text(json.dumps(yaml.safe_load(MISTAKES), indent=2), encoding="utf-8")
    lines = path.read_text(encoding="utf-8").splitlines()
    with pytest.raises(TargetsFileError) as refused:
        load_targets(path)
    [typo] = [problem for problem in refused.value.problems if "descripton" in problem]
    line = int(typo.removeprefix(f"{path}:").split(":")[0])
    assert '"descripton"' in lines[line - 1]
    assert len(refused.value.problems) == len(EXPECTED)


def test_an_entry_that_is_no_mapping_is_one_problem_among_others(tmp_path: Path) -> None:
    path = tmp_path / "targets.yaml"
    path.write_text("- just a string\n- target_id: x\n  text: t\n  type: topic\n", encoding="utf-8")
    with pytest.raises(TargetsFileError) as refused:
        load_targets(path)
    assert refused.value.problems == [
        f"{path}:1: target 1: expected a mapping, got str",
        f"{path}:2: target 2 (x): description: Field required",
    ]


def test_one_mistake_is_said_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "targets.yaml"
    path.write_text("- target_id: x\n  text: t\n  type: topic\n", encoding="utf-8")
    with pytest.raises(TargetsFileError) as refused:
        load_targets(path)
    assert str(refused.value) == f"{path}:1: target 1 (x): description: Field required"


@pytest.mark.parametrize("name", ["targets.json", "targets.yaml"])
def test_a_file_nested_past_the_recursion_limit_is_refused_in_words(tmp_path: Path, name: str) -> None:
    """The JSON and YAML parsers raise RecursionError on lists nested a hundred thousand deep: it ended the command
    with a traceback."""
    path = tmp_path / name
    path.write_text("[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    with pytest.raises(TargetsFileError) as refused:
        load_targets(path)
    assert str(refused.value) == f"{path}: cannot read targets: nested too deeply to read (over a thousand levels)"


@pytest.mark.parametrize("name", ["targets.json", "targets.yaml"])
def test_an_integer_longer_than_python_reads_is_refused_with_its_line(tmp_path: Path, name: str) -> None:
    """int() refuses integers of over 4,300 digits with a ValueError neither parser words as its own: the JSON
    one was said without the file, and the YAML one ended `builder release` with a traceback."""
    path = tmp_path / name
    number = "1" * 5_000
    if name.endswith(".json"):
        path.write_text(f'[\n  {{"target_id": "x", "text": "x", "type": "topic", "aliases": [{number}]}}\n]\n')
    else:
        path.write_text(f"- target_id: x\n  text: x\n  type: topic\n  aliases: [{number}]\n", encoding="utf-8")
    with pytest.raises(TargetsFileError) as refused:
        load_targets(path)
    line = 2 if name.endswith(".json") else 4
    said = "cannot read targets: a number of more than 4,300 digits, which no field holds"
    assert str(refused.value) == f"{path}:{line}: {said}"


def test_a_field_named_by_a_number_or_a_date_is_a_field_the_target_lacks(tmp_path: Path) -> None:
    """YAML keys may be numbers or dates: `Target.create(**entry)` raised TypeError (keywords must be strings),
    which ended the command with a traceback."""
    path = tmp_path / "targets.yaml"
    path.write_text(
        "- target_id: x\n  text: x\n  type: topic\n  description: d\n  1: one\n  2025-07-01: a date\n", encoding="utf-8"
    )
    with pytest.raises(TargetsFileError) as refused:
        load_targets(path)
    assert refused.value.problems == [
        f"{path}:5: target 1 (x): 1: Extra inputs are not permitted",
        f"{path}:6: target 1 (x): 2025-07-01: Extra inputs are not permitted",
    ]


def test_the_shipped_targets_load() -> None:
    assert [target.target_id for target in load_targets(TARGETS)] == [
        "ukraine-ceasefire",
        "us-weapons-ukraine",
        "gaza-ceasefire",
        "ai-chip-export-curbs",
    ]


@pytest.mark.parametrize(
    ("command", "exit_code"),
    [
        (["ingest", str(SAMPLES), "--out", "{tmp}/out"], 2),
        (["studio", "push", "{documents}", "--project", "never-made"], 2),
        (["release", "--documents", "{documents}", "--annotations", "{tmp}", "--out", "{tmp}/r", "--bump", "minor"], 1),
    ],
    ids=["ingest", "studio push", "release"],
)
def test_each_command_says_every_mistake_and_fails(tmp_path: Path, command: list[str], exit_code: int) -> None:
    path = tmp_path / "targets.yaml"
    path.write_text(MISTAKES, encoding="utf-8")
    documents = tmp_path / "documents.jsonl"
    documents.write_text("", encoding="utf-8")
    arguments = [part.format(tmp=tmp_path, documents=documents) for part in command]
    result = subprocess.run(
        [sys.executable, "-m", "builder.cli", *arguments, "--targets", str(path)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        # No server is needed: the targets are read before any connection (a stray one must not be used).
        env={**os.environ, "LABEL_STUDIO_URL": "http://127.0.0.1:9", "LABEL_STUDIO_API_KEY": "unused"},
    )
    assert result.returncode == exit_code, result.stderr
    for line, what in EXPECTED:
        assert f"{path}:{line}: {what}" in result.stderr
