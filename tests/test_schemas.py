"""`builder schemas check` passes on the checked-in schemas and fails as soon as a model drifts from them."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import Field

from builder import schemas
from builder.records import RECORD_KINDS, Target
from tests.paths import REPO


def run_builder(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "builder.cli", *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def test_checked_in_schemas_match_the_models() -> None:
    result = run_builder("schemas", "check")
    assert result.returncode == 0, result.stdout + result.stderr


def test_check_fails_with_a_diff_when_a_model_field_changes(monkeypatch: pytest.MonkeyPatch) -> None:
    class TargetWithPriority(Target):
        priority: int = Field(default=0, description="A field added without re-exporting the schemas.")

    monkeypatch.setitem(RECORD_KINDS, "target", TargetWithPriority)
    drifts = schemas.check_schemas(REPO / "schemas")
    assert [drift.path.name for drift in drifts] == ["target.schema.json"]
    assert '+    "priority": {' in drifts[0].diff


def test_check_fails_on_missing_edited_and_stale_files(tmp_path: Path) -> None:
    copy = tmp_path / "schemas"
    shutil.copytree(REPO / "schemas", copy)
    (copy / "task.schema.json").unlink()
    (copy / "target.schema.json").write_text("{}\n", encoding="utf-8")
    (copy / "old_kind.schema.json").write_text("{}\n", encoding="utf-8")
    result = run_builder("schemas", "check", "--dir", str(copy))
    assert result.returncode == 1
    assert "task.schema.json: missing" in result.stdout
    assert "target.schema.json: differs from the model" in result.stdout
    assert "old_kind.schema.json: stale" in result.stdout
    assert run_builder("schemas", "export", "--dir", str(copy)).returncode == 0
    assert run_builder("schemas", "check", "--dir", str(copy)).returncode == 0


def test_check_of_a_folder_not_there_says_so_once(tmp_path: Path) -> None:
    """Run outside the repository, the default `schemas` is not there: one line saying so, not a `missing` per kind."""
    absent = tmp_path / "schemas"
    result = run_builder("schemas", "check", "--dir", str(absent))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        f"{absent}: no such folder; run from the repository root, or pass --dir with the folder of the schemas"
    ]
    assert "export" not in result.stderr
