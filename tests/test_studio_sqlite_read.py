"""The pull's fast read path: the local server's SQLite database, read-only, against the API export.

Each test that pulls does so both ways into two folders sharing one pseudonym salt, and the files must agree
byte for byte. The fallback tests point the reader at a small copy of the real database's schema (the real file
is hundreds of MB) with one thing changed.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
import subprocess
import sys
import threading
import uuid
from contextlib import closing
from pathlib import Path

import pytest
from label_studio_sdk import LabelStudio

from builder.ingest.build import EXTRACTOR_VERSION
from builder.studio import server, sqlite_read
from builder.studio.client import StudioClient
from builder.studio.pseudonyms import PRIVATE_DIR, SALT_FILE
from builder.studio.pull import (
    EXPORT_DIR,
    LEDGER_FILE,
    QUARANTINE_FILE,
    STATE_FILE,
    PullReport,
    ReadVia,
    pull,
    remove_export_copies,
)
from builder.studio.push import existing_tasks
from builder.studio.sqlite_read import DatabaseReader, DatabaseReadError, Unusable, decode_json
from builder.studio.tasks import index_targets, speaker_notes, tasks_for_document, to_studio
from builder.targets import load_targets
from tests import studio_support
from tests import test_studio_push_pull as push_pull
from tests.paths import REPO
from tests.samples_support import TARGETS
from tests.test_studio_push_pull import STANCE_AGAINST, _prediction_result, _push, _tasks, token_for

studio = studio_support.studio
client = push_pull.client
documents = push_pull.documents
documents_path = push_pull.documents_path
project = push_pull.project
PULLED_FILES = (LEDGER_FILE, QUARANTINE_FILE, STATE_FILE)


@pytest.fixture
def local() -> server.ServerInfo:
    """The server scripts/studio-up.sh started: the only one whose database a pull may read."""
    studio_support.require_studio()
    info = server.status(studio_support.studio_data_dir())
    if info is None:
        pytest.skip("the server was named by LABEL_STUDIO_URL, not started from a data directory here")
    return info


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    """Two ledger folders, through the API and through the database, with the same pseudonym salt."""
    pair = (tmp_path / "api", tmp_path / "database")
    for folder in pair:
        (folder / PRIVATE_DIR).mkdir(parents=True)
        (folder / PRIVATE_DIR / SALT_FILE).write_text("salt-shared-by-both-folders\n", encoding="utf-8")
    return pair


def _pull_both_ways(
    client: StudioClient, project: str, folders: tuple[Path, Path], local: server.ServerInfo
) -> PullReport:
    """Pull through the API and through the database; the database's report, after checking the files agree."""
    through_api = pull(client, project, folders[0], local_server=local, via=ReadVia.api)
    through_database = pull(client, project, folders[1], local_server=local)
    assert through_api.read_path.startswith(sqlite_read.API_READ_PATH)
    assert through_database.read_path == sqlite_read.DATABASE_READ_PATH
    for name in PULLED_FILES:
        api_file, database_file = folders[0] / name, folders[1] / name
        assert api_file.exists() == database_file.exists(), name
        if api_file.exists():
            assert api_file.read_bytes() == database_file.read_bytes(), name
    assert dataclasses.replace(through_api, read_path="") == dataclasses.replace(through_database, read_path="")
    return through_database


def test_both_read_paths_write_the_same_ledger_through_every_kind_of_change(
    client, studio, documents, project, folders, local
):
    report = _push(client, documents, project)
    first, second, third, fourth, fifth = _tasks(studio, report.project_id)
    result = [*_prediction_result(studio, first.id), STANCE_AGAINST]
    made = studio.annotations.create(id=first.id, result=result, lead_time=30.5)
    studio.annotations.create(id=second.id, result=[], was_cancelled=True)
    email = f"annotator-db-{uuid.uuid4().hex[:6]}@example.com"
    annotator = LabelStudio(base_url=client.url, api_key=token_for(client.url, email, "password-db-123"))
    [prediction] = studio.predictions.list(task=third.id)
    started_from_prediction = annotator.annotations.create(
        id=third.id, result=[*prediction.result, STANCE_AGAINST], parent_prediction=prediction.id, lead_time=4.0
    )
    studio.annotations.create(id=fourth.id, result=[STANCE_AGAINST, {**STANCE_AGAINST, "from_name": "nope"}])
    studio.annotations.create(id=fifth.id, result=[*_prediction_result(studio, fifth.id), STANCE_AGAINST])

    full = _pull_both_ways(client, project, folders, local)
    assert (full.tasks_changed, dict(full.written)) == (5, {"submitted": 3, "skipped": 1})
    assert sum(full.quarantined.values()) >= 1
    assert _pull_both_ways(client, project, folders, local).tasks_changed == 0

    favour = {**STANCE_AGAINST, "value": {"choices": ["FAVOR"]}}
    studio.annotations.update(id=made.id, result=[*result[:-1], favour])
    changed = _pull_both_ways(client, project, folders, local)
    assert (changed.tasks_changed, dict(changed.written)) == (1, {"submitted": 1})

    studio.annotations.delete(id=started_from_prediction.id)
    studio.annotations.create(id=fourth.id, result=[], was_cancelled=True)
    studio.tasks.delete(id=str(fifth.id))
    mixed = _pull_both_ways(client, project, folders, local)
    assert (mixed.tasks_changed, dict(mixed.written)) == (2, {"deleted": 1, "skipped": 1})
    assert "prediction_model_version" in (folders[1] / LEDGER_FILE).read_text(encoding="utf-8")


def _schema_copy(target: Path, project_id: int, change: str | None = None) -> Path:
    """A data directory whose database has the real one's tables (schema only) and the one project row, then
    `change` (SQL) applied to it."""
    target.mkdir()
    # URI names (for the real database's `mode=ro`) work in ATTACH only on a connection opened by URI.
    copy = sqlite3.connect((target / server.DATABASE_FILE).as_uri(), uri=True)
    real = (studio_support.studio_data_dir().absolute() / server.DATABASE_FILE).as_uri()
    copy.execute("ATTACH DATABASE ? AS real", (f"{real}?mode=ro",))
    for table in sqlite_read.REQUIRED_COLUMNS:
        [create] = copy.execute("SELECT sql FROM real.sqlite_master WHERE type = 'table' AND name = ?", (table,))
        copy.execute(create[0])
    copy.execute("INSERT INTO project SELECT * FROM real.project WHERE id = ?", (project_id,))
    copy.commit()
    copy.execute("DETACH DATABASE real")
    if change:
        copy.execute(change)
    copy.commit()
    copy.close()
    return target


def test_the_api_is_read_when_the_database_is_not_certainly_the_expected_one(
    client, studio, documents, project, local, tmp_path
):
    report = _push(client, documents, project)
    matching = dataclasses.replace(local, data_dir=_schema_copy(tmp_path / "same", report.project_id))
    opened = DatabaseReader.open(matching, client.url, report.project_id, project)
    assert isinstance(opened, DatabaseReader)
    opened.close()

    dropped = _schema_copy(tmp_path / "dropped", report.project_id, "ALTER TABLE task_completion DROP COLUMN lead_time")
    without_column = dataclasses.replace(local, data_dir=dropped)
    assert DatabaseReader.open(without_column, client.url, report.project_id, project) == Unusable(
        "the database's table task_completion lacks lead_time"
    )
    pulled = pull(client, project, tmp_path / "out", local_server=without_column)
    assert pulled.read_path == f"{sqlite_read.API_READ_PATH} (the database's table task_completion lacks lead_time)"

    renamed = _schema_copy(tmp_path / "renamed", report.project_id, "UPDATE project SET title = 'another'")
    for info, url, reason in (
        (dataclasses.replace(local, data_dir=renamed), client.url, f"is not {project!r}"),
        (dataclasses.replace(local, version="1.20.0"), client.url, "is Label Studio 1.20.0, not"),
        (local, "http://127.0.0.1:9", "is not the local server"),
        (None, client.url, "is not the local server"),
        (dataclasses.replace(local, data_dir=tmp_path / "empty"), client.url, "no "),
    ):
        unusable = DatabaseReader.open(info, url, report.project_id, project)
        assert isinstance(unusable, Unusable), reason
        assert reason in unusable.reason


def test_the_reader_never_writes_and_waits_out_a_lock(client, documents, project, local, tmp_path, monkeypatch):
    report = _push(client, documents, project)
    data_dir = _schema_copy(tmp_path / "copy", report.project_id)
    reader = DatabaseReader.open(dataclasses.replace(local, data_dir=data_dir), client.url, report.project_id, project)
    assert isinstance(reader, DatabaseReader)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        reader._connection.execute("CREATE TABLE scribble (x)")

    monkeypatch.setattr(sqlite_read, "LOCKED_RETRY_DELAYS", (0.2, 0.2))
    reader._connection.execute("PRAGMA busy_timeout = 100")
    writer = sqlite3.connect(data_dir / server.DATABASE_FILE, check_same_thread=False)
    writer.execute("BEGIN EXCLUSIVE")
    with pytest.raises(DatabaseReadError, match="stayed locked by the server"):
        reader.changed_tasks(report.project_id, None)
    released = threading.Timer(0.15, writer.rollback)
    released.start()
    assert reader.changed_tasks(report.project_id, None) == []  # the copy holds no tasks
    released.join()
    writer.close()
    reader.close()


def test_a_pull_through_the_api_leaves_no_export_copy_on_the_local_server(
    client, studio, documents, project, local, tmp_path
):
    report = _push(client, documents, project)
    tasks = _tasks(studio, report.project_id)
    for task in tasks:
        studio.annotations.create(id=task.id, result=[*_prediction_result(studio, task.id), STANCE_AGAINST])
    export_dir = local.data_dir / EXPORT_DIR
    before = sorted(export_dir.iterdir())

    pulled = pull(client, project, tmp_path, local_server=local, via=ReadVia.api)
    assert pulled.read_path.startswith(sqlite_read.API_READ_PATH)
    assert pulled.written["submitted"] == len(tasks)
    assert sorted(export_dir.iterdir()) == before
    # The list the web page's export dialog shows (the folder's files of this project) stays empty too.
    headers = client.sdk._client_wrapper.get_headers()
    files = client._http.get(f"{client.url}/api/projects/{report.project_id}/export/files", headers=headers)
    assert files.json() == {"export_files": []}

    # Without the removal the copies stay: an export tagged by hand leaves its two files until removed.
    tag = "a-tag-of-this-test"
    assert [task["id"] for chunk in client.export_tasks(report.project_id, [tasks[0].id], tag) for task in chunk] == [
        tasks[0].id
    ]
    left = sorted(set(export_dir.iterdir()) - set(before))
    assert [path.name.endswith("-info.json") for path in left] == [True, False]  # `<name>-info.json`, `<name>.json`
    remove_export_copies(export_dir, report.project_id, "another-tag")
    assert sorted(set(export_dir.iterdir()) - set(before)) == left
    remove_export_copies(export_dir, report.project_id, tag)
    assert sorted(export_dir.iterdir()) == before


def test_push_lists_the_same_tasks_from_the_database_as_from_the_api(client, studio, documents, project, local):
    """Tasks with a prediction, without one (a push stopped halfway, and before the meta held the shown target),
    refreshed by a newer extractor, annotated or skipped, and one the builder did not push: both listings agree,
    and so do the pushes that follow them."""
    report = _push(client, documents[:2], project)
    targets = index_targets(load_targets(TARGETS))
    rest = [
        to_studio(task, speaker_notes(document))
        for document in documents[2:]
        for task in tasks_for_document(document, targets)
    ]
    legacy = [
        {"data": rest[0]["data"], "meta": {key: rest[0]["meta"][key] for key in ("task_key", "extractor_version")}}
    ]
    client._import(report.project_id, legacy + [{key: task[key] for key in ("data", "meta")} for task in rest[1:]])
    client._import(report.project_id, [{"data": {**rest[0]["data"], "task_key": ""}}])  # no meta: not ours
    newer = [document.model_copy(update={"extractor_version": "builder-9.9.9"}) for document in documents[:1]]
    assert _push(client, newer, project).refreshed == 2
    first, second, *_ = sorted(task.id for task in _tasks(studio, report.project_id))
    studio.annotations.create(id=first, result=[STANCE_AGAINST])
    studio.annotations.create(id=second, result=[STANCE_AGAINST])
    studio.annotations.create(id=second, result=[], was_cancelled=True)

    reader = DatabaseReader.open(local, client.url, report.project_id, project)
    assert isinstance(reader, DatabaseReader)
    with closing(reader):
        from_database = reader.task_metas(report.project_id)
    from_api = client.task_metas(report.project_id)
    assert from_database == from_api
    assert len(from_api) == 6
    assert [listed.annotations for listed in from_api] == [1, 1, 0, 0, 0, 0]  # a skip is not counted
    shown = {(task["data"]["target_text"], task["data"]["target_description"]) for task in rest}
    assert {listed.shown_target for listed in from_api[3:]} == {*shown, None}  # None: the task not ours
    listed = existing_tasks(from_api)
    assert sorted((task.extractor_version, task.has_prediction) for task in listed.values()) == [
        (EXTRACTOR_VERSION, False),
        (EXTRACTOR_VERSION, False),
        (EXTRACTOR_VERSION, True),
        ("builder-9.9.9", True),
        ("builder-9.9.9", True),
    ]

    completed = _push(client, documents, project, local_server=local)
    assert completed.listed_via == sqlite_read.DATABASE_READ_PATH
    counts = (completed.imported, completed.already_there, completed.refreshed, completed.predictions_restored)
    assert counts == (0, 3, 2, 2)
    through_api = _push(client, documents, project, local_server=local, via=ReadVia.api)
    assert through_api.listed_via == "API task list (--via api)"
    through_database = _push(client, documents, project, local_server=local)
    assert dataclasses.replace(through_api, listed_via="") == dataclasses.replace(through_database, listed_via="")
    assert through_database.already_there == 5


def test_the_command_says_which_way_it_read(client, studio, documents, documents_path, project, local, tmp_path):
    report = _push(client, documents, project)
    task = _tasks(studio, report.project_id)[0]
    studio.annotations.create(id=task.id, result=[*_prediction_result(studio, task.id), STANCE_AGAINST])
    env = {**os.environ, "LABEL_STUDIO_URL": client.url, "LABEL_STUDIO_API_KEY": local.token, "COLUMNS": "200"}
    env["BUILDER_STUDIO_DATA"] = str(local.data_dir)
    for extra, shown in (([], sqlite_read.DATABASE_READ_PATH), (["--via", "api"], "API export (--via api)")):
        command = [sys.executable, "-m", "builder.cli", "studio", "pull", "--project", project]
        command += ["--out", str(tmp_path / (extra[-1] if extra else "auto")), *extra]
        result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, env=env, check=False, timeout=120)
        assert result.returncode == 0, result.stderr
        assert shown in result.stderr
    for extra, shown in (([], sqlite_read.DATABASE_READ_PATH), (["--via", "api"], "API task list (--via api)")):
        command = [sys.executable, "-m", "builder.cli", "studio", "push", str(documents_path), "--project", project]
        command += ["--targets", str(TARGETS), *extra]
        result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, env=env, check=False, timeout=120)
        assert result.returncode == 0, result.stderr
        assert shown in result.stderr


@pytest.mark.parametrize(
    "stored",
    [
        '[{"id": "c0", "value": {"start": 0, "end": 7, "text": "caf\\u00e9 \\ud83d\\udd4a", "labels": ["claim"]}}]',
        '{"text": "caf\u00e9 \U0001f54a", "n": 1.5e-7, "x": [true, false, null], "a": 1, "a": 2}',
        json.dumps({"lead": float("nan"), "far": float("inf"), "near": float("-inf")}),  # Python writes these
        '{"big": 123456789012345678901234567890, "negative": -9223372036854775809, "float": 1e308}',
        '"\\ud800 a lone surrogate"',
        "[" * 100 + "]" * 100,
    ],
)
def test_json_columns_decode_to_what_djangos_json_loads_gives(stored):
    decoded = decode_json(stored)
    expected = json.loads(stored)
    # NaN is not equal to itself, so compare the values' JSON text as Python writes it, types included.
    assert json.dumps(decoded) == json.dumps(expected)
    assert repr(decoded) == repr(expected)


def test_an_annotated_task_not_pushed_by_the_builder_is_quarantined_by_both_read_paths(
    client, studio, documents, project, local, folders
):
    """Someone imports a task of their own into the project and annotates it: both read paths set that
    annotation aside with its reason (it used to vanish, the task only counted) and bring back the others."""
    report = _push(client, documents, project, local_server=local)
    first, *_ = _tasks(studio, report.project_id)
    # The fields the labeling config shows, but none of the builder's keys.
    by_hand = {key: value for key, value in first.data.items() if key not in {"task_key", "doc_id"}}
    studio.projects.import_tasks(id=report.project_id, request=[{**by_hand, "text": "A task added by hand."}])
    [foreign] = [task for task in _tasks(studio, report.project_id) if "task_key" not in task.data]
    studio.annotations.create(id=foreign.id, result=[STANCE_AGAINST])
    studio.annotations.create(id=first.id, result=[STANCE_AGAINST])
    pulled = _pull_both_ways(client, project, folders, local)
    assert dict(pulled.quarantined) == {"not_a_builder_task": 1}
    assert pulled.tasks_not_pushed_by_builder == 1
    assert [json.loads(line)["task_key"] for line in (folders[1] / LEDGER_FILE).read_text().splitlines()] == [
        first.data["task_key"]
    ]
    [item] = [json.loads(line) for line in (folders[1] / QUARANTINE_FILE).read_text().splitlines()]
    assert (item["field"], item["reason_code"]) == ("data", "not_a_builder_task")
    assert "not pushed by the builder" in item["reason"]
