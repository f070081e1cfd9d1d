"""Push and pull against the real Label Studio that scripts/studio-up.sh starts (see tests/studio_support.py).

Each test pushes the shipped sample page's documents into a project of its own, annotates through the API as
the admin or as annotators signed up through the web forms (each with their own token), and pulls into a
temporary folder.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import datasets
import httpx
import pytest
from label_studio_sdk import LabelStudio
from label_studio_sdk.core.api_error import ApiError

from builder.records import Annotation, AnnotationStatus, Document, QuarantineItem, Target
from builder.studio import server
from builder.studio.client import StudioClient, StudioConnectionError
from builder.studio.config import labeling_config
from builder.studio.guidelines import DEFAULT_GUIDELINES, render_guidelines
from builder.studio.pull import LEDGER_FILE, QUARANTINE_FILE, STATE_FILE, pull
from builder.studio.push import push
from builder.studio.tasks import index_targets, prediction_for, speaker_notes, tasks_for_document, to_studio
from builder.targets import load_targets
from tests import studio_support
from tests.paths import REPO
from tests.samples_support import TARGETS, ingest_samples

studio = studio_support.studio
make_project = studio_support.make_project
INSTRUCTIONS = render_guidelines(DEFAULT_GUIDELINES.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def documents_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ingest_samples(tmp_path_factory.mktemp("ingest"))


@pytest.fixture(scope="module")
def documents(documents_path: Path) -> list[Document]:
    return [Document.model_validate_json(line) for line in documents_path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def client() -> StudioClient:
    url, token = studio_support.require_studio()
    return StudioClient(url, token)


@pytest.fixture
def project(studio: LabelStudio) -> Iterator[str]:
    """A project title of this test's own; every project with that title is deleted afterwards."""
    title = f"test {uuid.uuid4().hex[:10]}"
    yield title
    for found in studio.projects.list(title=title):
        if found.title == title and found.id is not None:
            studio.projects.delete(id=found.id)


def _push(
    client: StudioClient, documents: list[Document], project: str, overlap: int | None = None, **options: Any
) -> Any:
    return push(client, documents, project, load_targets(TARGETS), INSTRUCTIONS, overlap, **options)


def _tasks(studio: LabelStudio, project_id: int) -> list[Any]:
    return list(studio.tasks.list(project=project_id, fields="task_only", include="id,data", page_size=1000))


def _prediction_result(studio: LabelStudio, task_id: int) -> list[dict[str, Any]]:
    [prediction] = studio.predictions.list(task=task_id)
    return prediction.result


def _ledger(folder: Path) -> list[Annotation]:
    path = folder / LEDGER_FILE
    if not path.exists():
        return []
    return [Annotation.model_validate_json(line) for line in path.read_text(encoding="utf-8").splitlines()]


STANCE_AGAINST = {"from_name": "stance", "to_name": "text", "type": "choices", "value": {"choices": ["AGAINST"]}}


def token_for(url: str, email: str, password: str) -> str:
    """Sign the user up (or log in if they exist) through the web forms and return their own API token.

    The token is normally made when the user is (a post_save signal); Label Studio 1.23.2 loses every signal
    receiver of the process when two project deletions overlap (`temporary_disconnect_all_signals` swaps the
    global lists in place), after which new users have none until the server restarts. Resetting the token makes
    one directly, so the tests also run on a server in that state.
    """
    with httpx.Client(base_url=url, timeout=60) as web:
        for page in ("/user/signup/", "/user/login/"):
            web.get(page)
            web.post(
                page,
                data={"email": email, "password": password, "csrfmiddlewaretoken": web.cookies["csrftoken"]},
                headers={"Referer": f"{url}{page}"},
            )
            if web.get("/api/current-user/whoami").status_code != 200:
                continue
            answer = web.get("/api/current-user/token")
            if answer.status_code != 200:
                csrf = {"X-CSRFToken": web.cookies["csrftoken"], "Referer": f"{url}/"}
                answer = web.post("/api/current-user/reset-token/", headers=csrf)
            if answer.status_code in (200, 201):
                return answer.json()["token"]
    raise RuntimeError(f"could neither sign up nor log in {email} at {url}")


def test_config_validates_on_the_server_and_a_broken_variant_is_refused(make_project, studio):
    project_id = make_project(title=f"test config {uuid.uuid4().hex[:8]}", label_config=labeling_config())
    assert studio.projects.get(id=project_id).label_config == labeling_config()
    broken = labeling_config().replace('name="checkworthiness" toName="text"', 'name="checkworthiness" toName="txt"')
    with pytest.raises(ApiError) as refused:
        make_project(title=f"test broken {uuid.uuid4().hex[:8]}", label_config=broken)
    assert refused.value.status_code == 400
    assert "txt" in str(refused.value.body["validation_errors"]["label_config"])


def test_push_creates_the_project_with_guidelines_and_overlap(client, studio, documents, project):
    report = _push(client, documents, project, overlap=2)
    assert report.project_created
    settings = studio.projects.get(id=report.project_id)
    assert settings.maximum_annotations == 2
    assert "<h1>Annotation guidelines" in (settings.expert_instruction or "")
    assert settings.show_instruction
    assert settings.model_version == documents[0].extractor_version
    # 4 documents: the main one mentions two targets, each related one one target.
    assert (report.documents, report.tasks, report.imported, report.without_target) == (4, 5, 5, 0)
    tasks = _tasks(studio, report.project_id)
    assert len({task.data["task_key"] for task in tasks}) == len(tasks) == 5
    assert {task.data["doc_id"] for task in tasks} == {document.doc_id for document in documents}


def test_push_again_or_grown_adds_only_new_tasks(client, studio, documents, project):
    first = _push(client, documents[:2], project)
    assert first.imported == 3
    grown = _push(client, documents, project)
    assert (grown.imported, grown.already_there) == (2, 3)
    again = _push(client, documents, project)
    assert (again.imported, again.already_there, again.refreshed) == (0, 5, 0)
    tasks = _tasks(studio, again.project_id)
    assert len(tasks) == 5
    assert len({task.data["task_key"] for task in tasks}) == 5


def test_push_without_targets_gives_one_task_per_document(client, studio, documents, project):
    report = push(client, documents, project, None, INSTRUCTIONS)
    assert (report.tasks, report.imported) == (4, 4)
    assert {task.data["target_id"] for task in _tasks(studio, report.project_id)} == {""}


def test_documents_that_mention_no_target_are_skipped_and_counted(client, studio, documents, project):
    gaza = [target for target in load_targets(TARGETS) if target.target_id == "gaza-ceasefire"]
    report = push(client, documents, project, gaza, INSTRUCTIONS)
    assert (report.documents, report.without_target, report.tasks, report.imported) == (4, 3, 1, 1)
    [task] = _tasks(studio, report.project_id)
    assert (task.data["target_id"], task.data["outlet"]) == ("gaza-ceasefire", "Malay Mail")


def test_serve_status_names_the_url_and_login_but_not_the_token(tmp_path):
    info = server.status(studio_support.studio_data_dir())
    if info is None:
        pytest.skip("no server started by scripts/studio-up.sh, so no state file for `serve --status` to read")
    url, token = info.url, info.token
    env = {**os.environ, "BUILDER_STUDIO_DATA": str(studio_support.studio_data_dir())}
    command = [sys.executable, "-m", "builder.cli", "studio", "serve", "--status"]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stderr
    assert url in result.stdout
    assert "log in as" in result.stdout
    assert "studio-state.json" in result.stdout
    assert token not in result.stdout + result.stderr
    empty = subprocess.run(
        command,
        cwd=REPO,
        capture_output=True,
        text=True,
        env={**env, "BUILDER_STUDIO_DATA": str(tmp_path)},
        check=False,
    )
    assert empty.returncode == 1
    assert "No Label Studio is running" in empty.stdout


def test_a_newer_extractor_refreshes_predictions_without_new_tasks(client, studio, documents, project):
    report = _push(client, documents, project)
    newer = [document.model_copy(update={"extractor_version": "builder-9.9.9"}) for document in documents]
    refreshed = _push(client, newer, project)
    assert (refreshed.imported, refreshed.refreshed) == (0, 5)
    tasks = _tasks(studio, report.project_id)
    assert len(tasks) == 5
    versions = sorted(p.model_version for p in studio.predictions.list(task=tasks[0].id))
    assert versions == sorted([documents[0].extractor_version, "builder-9.9.9"])
    assert studio.projects.get(id=report.project_id).model_version == "builder-9.9.9"
    assert _push(client, newer, project).refreshed == 0


def _retargeted(text: str | None = None, description: str | None = None) -> list[Target]:
    """The shipped targets with us-weapons-ukraine's text or description changed."""
    return [
        target.model_copy(update={"text": text or target.text, "description": description or target.description})
        if target.target_id == WEAPONS
        else target
        for target in load_targets(TARGETS)
    ]


WEAPONS = "us-weapons-ukraine"
"""The target of two of the sample's tasks (the main article and the Zelensky one)."""


def test_a_changed_target_text_is_shown_where_nobody_answered_and_kept_where_somebody_did(
    client, studio, documents, project
):
    report = _push(client, documents, project)
    old = next(target for target in load_targets(TARGETS) if target.target_id == WEAPONS)
    weapons = sorted((t for t in _tasks(studio, report.project_id) if t.data["target_id"] == WEAPONS), key=_id)
    assert len(weapons) == 2
    studio.annotations.create(id=weapons[0].id, result=[STANCE_AGAINST])

    retargeted = _retargeted("US arms deliveries to Ukraine")
    again = push(client, documents, project, retargeted, INSTRUCTIONS)
    assert (again.imported, again.already_there) == (0, 5)
    assert list(again.target_changes) == [WEAPONS]
    change = again.target_changes[WEAPONS]
    assert (change.updated, change.kept_annotated) == (1, 1)
    assert change.shown_before == (old.text, old.description)
    assert change.shown_now == ("US arms deliveries to Ukraine", old.description)
    shown = {t.id: t.data["target_text"] for t in _tasks(studio, report.project_id)}
    assert shown[weapons[0].id] == old.text  # annotated against it
    assert shown[weapons[1].id] == "US arms deliveries to Ukraine"
    assert sum(text == "US arms deliveries to Ukraine" for text in shown.values()) == 1

    # The task updated is settled; the annotated one is said again, as it still shows the old text.
    settled = push(client, documents, project, retargeted, INSTRUCTIONS)
    assert [(c.updated, c.kept_annotated) for c in settled.target_changes.values()] == [(0, 1)]
    # A newer extractor's refresh writes the task's data again: the annotated task still shows the old text.
    newer = [document.model_copy(update={"extractor_version": "builder-9.9.9"}) for document in documents]
    refreshed = push(client, newer, project, _retargeted(description="Arms for Ukraine."), INSTRUCTIONS)
    assert refreshed.refreshed == 5
    assert [(c.updated, c.kept_annotated) for c in refreshed.target_changes.values()] == [(1, 1)]
    after = {t.id: t.data for t in _tasks(studio, report.project_id)}
    assert (after[weapons[0].id]["target_text"], after[weapons[0].id]["target_description"]) == (
        old.text,
        old.description,
    )
    assert after[weapons[1].id]["target_description"] == "Arms for Ukraine."
    assert after[weapons[0].id]["extractor_version"] == "builder-9.9.9"


def test_a_task_pushed_before_its_meta_held_the_target_is_compared_by_its_data(client, studio, documents, project):
    report = _push(client, documents, project)
    for task in _tasks(studio, report.project_id):
        # As 0.31.0 pushed it: the meta held the task key and extractor version only.
        meta = {"task_key": task.data["task_key"], "extractor_version": task.data["extractor_version"]}
        studio.tasks.update(id=str(task.id), meta=meta)
    again = push(client, documents, project, _retargeted("US arms deliveries to Ukraine"), INSTRUCTIONS)
    assert [(c.updated, c.kept_annotated) for c in again.target_changes.values()] == [(2, 0)]
    assert push(client, documents, project, load_targets(TARGETS), INSTRUCTIONS).target_changes[WEAPONS].updated == 2


def _id(task: Any) -> int:
    return task.id


def test_predictions_pushed_apart_are_the_same_and_a_push_stopped_halfway_is_completed(studio, documents, project):
    url, token = studio_support.require_studio()
    apart = StudioClient(url, token, predictions_apart=True)
    targets = index_targets(load_targets(TARGETS))
    expected = {
        task.task_key: to_studio(task, speaker_notes(document))["predictions"][0]
        for document in documents
        for task in tasks_for_document(document, targets)
    }
    report = _push(apart, documents[:2], project)
    assert report.imported == 3
    # A push stopped after importing the tasks of a batch and before their predictions.
    rest = [
        to_studio(task, speaker_notes(document))
        for document in documents[2:]
        for task in tasks_for_document(document, targets)
    ]
    apart._import(report.project_id, [{key: task[key] for key in ("data", "meta")} for task in rest])
    resumed = _push(apart, documents, project)
    assert (resumed.imported, resumed.already_there, resumed.predictions_restored) == (0, 5, 2)
    tasks = _tasks(studio, report.project_id)
    assert len(tasks) == 5
    for task in tasks:
        [prediction] = studio.predictions.list(task=task.id)
        want = expected[task.data["task_key"]]
        assert (prediction.model_version, prediction.score) == (want["model_version"], want["score"])
        assert prediction.result == want["result"]
    assert studio.projects.get(id=report.project_id).model_version == documents[0].extractor_version
    assert _push(apart, documents, project).predictions_restored == 0


def test_a_first_pull_finds_every_task_also_when_task_ids_have_gaps(client, studio, documents, project, tmp_path):
    report = _push(client, documents, project)
    ids = sorted(task.id for task in _tasks(studio, report.project_id))
    assert client.changed_tasks(report.project_id, None) == ids  # one import: consecutive ids
    for task_id in ids:
        studio.annotations.create(id=task_id, result=[*_prediction_result(studio, task_id), STANCE_AGAINST])
    studio.tasks.delete(id=str(ids[2]))
    assert sorted(client.changed_tasks(report.project_id, None)) == ids[:2] + ids[3:]
    assert pull(client, project, tmp_path).written["submitted"] == 4


def test_push_then_pull_keeps_every_span_exactly(client, studio, documents, project, tmp_path):
    report = _push(client, documents, project)
    by_doc = {document.doc_id: document for document in documents}
    for task in _tasks(studio, report.project_id):
        studio.annotations.create(id=task.id, result=[*_prediction_result(studio, task.id), STANCE_AGAINST])
    pulled = pull(client, project, tmp_path)
    assert pulled.written["submitted"] == 5
    records = _ledger(tmp_path)
    assert len(records) == 5
    for record in records:
        document = by_doc[record.doc_id]
        assert record.labels is not None
        assert record.labels.stance is not None
        spans = [*record.labels.claims, *record.labels.attributions]
        assert spans
        for span in spans:
            assert document.text[span["start"] : span["end"]] == span["text"]
        quotes = {(quote["start"], quote["end"]) for quote in document.quotes}
        candidates = {(claim["start"], claim["end"]): claim["suggested"] for claim in document.claims}
        claims = {(claim["start"], claim["end"]): claim["checkworthiness"] for claim in record.labels.claims}
        assert candidates.items() <= claims.items()
        assert set(claims) <= quotes | set(candidates)
        speakers = {
            (q["speaker"]["start"], q["speaker"]["end"])
            for q in document.quotes
            if q.get("speaker") and (q["start"], q["end"]) in claims
        }
        assert speakers == {(a["start"], a["end"]) for a in record.labels.attributions if a["role"].value == "source"}


def _sources(result: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """A prediction's source regions by their text (the sample's speakers are told apart by it, "He" and "he")."""
    return {item["value"]["text"]: item for item in result if item.get("value", {}).get("labels") == ["source"]}


def _names(result: list[dict[str, Any]]) -> dict[str, list[str]]:
    """The filled-in name fields of a result, by the text of the source span they belong to."""
    spans = {item["id"]: item["value"]["text"] for item in result if item.get("type") == "labels"}
    return {spans[item["id"]]: item["value"]["text"] for item in result if item.get("type") == "textarea"}


def test_a_pronoun_source_comes_with_whom_the_machine_took_it_for_in_its_name_field(client, studio, documents, project):
    """On the server as pushed: each pronoun source's name field holds the extractor's name, on the span's own
    region; a named source has none, and no source carries a note any more (the field replaced it)."""
    report = _push(client, documents, project)
    names: dict[str, list[str]] = {}
    notes = {}
    for task in _tasks(studio, report.project_id):
        result = _prediction_result(studio, task.id)
        names |= _names(result)
        for text, item in _sources(result).items():
            notes[text] = item.get("meta")
    assert names == {"He": ["Volodymyr Zelensky"], "he": ["Donald Trump"], "she": ["Mayar Al Farr"]}
    assert {"Yuri Ushakov", "Vladimir Putin", "Hamas", "Trump", "He", "he", "she"} <= set(notes)
    assert set(notes.values()) == {None}


def test_a_pull_reads_the_same_spans_whether_a_note_was_kept_edited_or_cleared(
    client, studio, documents, project, tmp_path
):
    """An annotation keeps a note in the result items of its region, as the annotator left it: a pull reads the
    spans, links and names as before, and a deleted pronoun source loses its link and name, not the annotation."""
    report = _push(client, documents, project)
    tasks = {(task.data["doc_id"], task.data["target_id"]): task for task in _tasks(studio, report.project_id)}
    kept = tasks[(documents[0].doc_id, "ukraine-ceasefire")]
    edited = tasks[(documents[0].doc_id, WEAPONS)]
    cleared = tasks[(documents[2].doc_id, "gaza-ceasefire")]
    studio.annotations.create(id=kept.id, result=[*_prediction_result(studio, kept.id), STANCE_AGAINST])
    # The labeling UI writes a region's note into each of its result items, the claim's choices too.
    predicted = _prediction_result(studio, edited.id)
    noted = {item["id"] for item in predicted if item.get("meta")}
    assert len(noted) == 1  # the claim of the quote that continues Ushakov's
    rewritten = [
        {**item, "meta": {"text": ["Zelensky, checked"]}} if item.get("id") in noted else item for item in predicted
    ]
    studio.annotations.create(id=edited.id, result=[*rewritten, STANCE_AGAINST])
    predicted = _prediction_result(studio, cleared.id)
    she = _sources(predicted)["she"]["id"]
    without_she = [
        {key: value for key, value in item.items() if key != "meta"}
        for item in predicted
        if she not in (item.get("id"), item.get("from_id"), item.get("to_id"))
    ]
    studio.annotations.create(id=cleared.id, result=[*without_she, STANCE_AGAINST])

    pulled = pull(client, project, tmp_path)
    assert (pulled.written["submitted"], sum(pulled.quarantined.values())) == (3, 0)
    by_task = {record.task_key: record for record in _ledger(tmp_path)}
    for task, document in ((kept, documents[0]), (edited, documents[0]), (cleared, documents[2])):
        labels = by_task[task.data["task_key"]].labels
        assert labels is not None
        prediction = prediction_for(document)
        assert labels.claims == prediction.claims
        expected = [a for a in prediction.attributions if task is not cleared or a["text"] != "she"]
        assert sorted(labels.attributions, key=_attribution_key) == sorted(expected, key=_attribution_key)
        for span in [*labels.claims, *labels.attributions]:
            assert document.text[span["start"] : span["end"]] == span["text"]


def _attribution_key(attribution: Any) -> tuple[int, int, str]:
    return (attribution["claim"], attribution["start"], attribution["role"].value)


def test_a_name_corrected_given_or_cleared_in_the_name_field_reaches_the_ledger_and_the_release(
    client, studio, documents, documents_path, project, tmp_path
):
    """The whole way for a source's name: pushed pre-filled, corrected (and given, and cleared) in an annotation
    submitted through the API as the labeling UI writes it, pulled into the ledger, released, and read back with
    the real `datasets.load_dataset`."""
    report = _push(client, documents, project)
    tasks = {(task.data["doc_id"], task.data["target_id"]): task for task in _tasks(studio, report.project_id)}
    ukraine = tasks[(documents[0].doc_id, "ukraine-ceasefire")]
    gaza = tasks[(documents[2].doc_id, "gaza-ceasefire")]

    predicted = _prediction_result(studio, ukraine.id)
    assert _names(predicted) == {"He": ["Volodymyr Zelensky"]}
    # The annotator types over the machine's guess, sloppily; the pull trims it.
    corrected = [
        {**item, "value": {**item["value"], "text": ["  Volodymyr   Zelenskyy "]}}
        if item["type"] == "textarea"
        else item
        for item in predicted
    ]
    studio.annotations.create(id=ukraine.id, result=[*corrected, STANCE_AGAINST])
    predicted = _prediction_result(studio, gaza.id)
    assert _names(predicted) == {"he": ["Donald Trump"], "she": ["Mayar Al Farr"]}
    statement = _sources(predicted)["the statement"]
    she = _sources(predicted)["she"]["id"]
    given = {
        "id": statement["id"],
        "from_name": "source_name",
        "to_name": "text",
        "type": "textarea",
        "value": {"start": statement["value"]["start"], "end": statement["value"]["end"], "text": ["Hamas"]},
    }
    cleared = [
        {**item, "value": {**item["value"], "text": [""]}} if item["type"] == "textarea" and item["id"] == she else item
        for item in predicted
    ]
    studio.annotations.create(id=gaza.id, result=[*cleared, given, STANCE_AGAINST])

    pulled = pull(client, project, tmp_path / "annotations")
    assert (pulled.written["submitted"], sum(pulled.quarantined.values())) == (2, 0)
    by_task = {record.task_key: record for record in _ledger(tmp_path / "annotations")}
    named = {}
    for task in (ukraine, gaza):
        labels = by_task[task.data["task_key"]].labels
        assert labels is not None
        named |= {a["text"]: a.get("name") for a in labels.attributions if a["role"].value == "source"}
    assert named["He"] == "Volodymyr Zelenskyy"
    assert (named["he"], named["the statement"], named["she"]) == ("Donald Trump", "Hamas", None)
    assert {name for text, name in named.items() if text not in ("He", "he", "the statement")} == {None}

    released = subprocess.run(
        [
            sys.executable,
            "-m",
            "builder.cli",
            "release",
            "--documents",
            str(documents_path),
            "--annotations",
            str(tmp_path / "annotations"),
            "--targets",
            str(TARGETS),
            "--out",
            str(tmp_path / "release"),
            "--version",
            "1.0.0",
            "--min-annotators",
            "1",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert released.returncode == 0, released.stderr
    cache = str(tmp_path / "cache")
    annotations = datasets.load_dataset(str(tmp_path / "release"), "annotations", cache_dir=cache)
    released_names = {
        attribution["text"]: attribution["name"]
        for split in annotations.values()
        for row in split
        for attribution in row["attributions"]
        if attribution["name"] is not None
    }
    assert released_names == {"He": "Volodymyr Zelenskyy", "he": "Donald Trump", "the statement": "Hamas"}
    claims = datasets.load_dataset(str(tmp_path / "release"), "claims", cache_dir=cache)
    speakers = {(row["speaker"], row["speaker_name"]) for split in claims.values() for row in split}
    assert {("He", "Volodymyr Zelenskyy"), ("the statement", "Hamas"), ("she", None)} <= speakers


def test_pull_is_incremental_and_keeps_every_version(client, studio, documents, project, tmp_path):
    report = _push(client, documents, project)
    first, second, _third, *_ = _tasks(studio, report.project_id)
    result = [*_prediction_result(studio, first.id), STANCE_AGAINST]
    made = studio.annotations.create(id=first.id, result=result, lead_time=30.5)
    studio.annotations.create(id=second.id, result=[], was_cancelled=True)

    one = pull(client, project, tmp_path)
    assert dict(one.written) == {"submitted": 1, "skipped": 1}
    again = pull(client, project, tmp_path)
    assert (again.tasks_changed, sum(again.written.values())) == (0, 0)

    favour = {**STANCE_AGAINST, "value": {"choices": ["FAVOR"]}}
    studio.annotations.update(id=made.id, result=[*result[:-1], favour])
    changed = pull(client, project, tmp_path)
    assert (changed.tasks_changed, dict(changed.written)) == (1, {"submitted": 1})
    studio.annotations.delete(id=made.id)
    deleted = pull(client, project, tmp_path)
    assert dict(deleted.written) == {"deleted": 1}

    records = _ledger(tmp_path)
    history = [r for r in records if r.task_key == first.data["task_key"]]
    assert [
        (r.version, r.status, r.labels.stance.value if r.labels and r.labels.stance else None) for r in history
    ] == [
        (1, AnnotationStatus.submitted, "AGAINST"),
        (2, AnnotationStatus.submitted, "FAVOR"),
        (3, AnnotationStatus.deleted, None),
    ]
    assert len({r.annotation_id for r in history}) == 1
    assert history[0].lead_time_seconds == 30.5
    [skip] = [r for r in records if r.task_key == second.data["task_key"]]
    assert (skip.status, skip.labels) == (AnnotationStatus.skipped, None)


def test_two_annotators_give_two_pseudonymous_records(client, studio, documents, project, tmp_path):
    report = _push(client, documents, project, overlap=2)
    task = _tasks(studio, report.project_id)[0]
    result = _prediction_result(studio, task.id)
    emails = [f"annotator-{name}-{uuid.uuid4().hex[:6]}@example.com" for name in ("a", "b")]
    stances = ["FAVOR", "NONE"]
    for email, stance in zip(emails, stances, strict=True):
        annotator = LabelStudio(base_url=client.url, api_key=token_for(client.url, email, "password-123-abc"))
        assert annotator.users.whoami().email == email
        choices = [{**STANCE_AGAINST, "value": {"choices": [stance]}}]
        if stance == "NONE":
            choices.append(
                {"from_name": "none_kind", "to_name": "text", "type": "choices", "value": {"choices": ["neutral"]}}
            )
        annotator.annotations.create(id=task.id, result=[*result, *choices])
    pull(client, project, tmp_path)
    records = _ledger(tmp_path)
    assert len(records) == 2
    assert {r.task_key for r in records} == {task.data["task_key"]}
    assert len({r.annotator for r in records}) == 2
    assert sorted(r.labels.stance.value for r in records if r.labels and r.labels.stance) == sorted(stances)
    ledger_text = (tmp_path / LEDGER_FILE).read_text(encoding="utf-8")
    assert "@" not in ledger_text
    mapping = json.loads((tmp_path / ".private" / "annotators.json").read_text(encoding="utf-8"))
    assert sorted(mapping[r.annotator] for r in records) == sorted(emails)
    assert (tmp_path / ".private" / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert (tmp_path / ".private").stat().st_mode & 0o077 == 0
    # A second pull into another folder with the same salt gives the same pseudonyms.
    other = tmp_path / "again"
    (other / ".private").mkdir(parents=True)
    salt = (tmp_path / ".private" / "annotator-salt").read_text(encoding="utf-8")
    (other / ".private" / "annotator-salt").write_text(salt, encoding="utf-8")
    pull(client, project, other)
    assert {r.annotator for r in _ledger(other)} == {r.annotator for r in records}


def test_annotations_that_break_the_schema_go_to_quarantine(client, studio, documents, project, tmp_path):
    report = _push(client, documents, project)
    first, second, *_ = _tasks(studio, report.project_id)
    text = first.data["text"]
    claim = {"start": 0, "end": 10, "text": text[:10], "labels": ["claim"]}
    source = {"start": 12, "end": 20, "text": text[12:20], "labels": ["source"]}
    span = {"from_name": "spans", "to_name": "text", "type": "labels"}
    no_checkworthiness = [{**span, "id": "c", "value": claim}, STANCE_AGAINST]
    speaker_alone = [
        {**span, "id": "c", "value": claim},
        {
            "id": "c",
            "from_name": "checkworthiness",
            "to_name": "text",
            "type": "choices",
            "value": {**claim, "choices": ["CFS"]},
        },
        {**span, "id": "s", "value": {**source, "text": second.data["text"][12:20]}},
        STANCE_AGAINST,
    ]
    speaker_alone[2]["value"]["text"] = text[12:20]
    studio.annotations.create(id=first.id, result=no_checkworthiness)
    studio.annotations.create(id=second.id, result=speaker_alone)
    report_pull = pull(client, project, tmp_path)
    assert sum(report_pull.written.values()) == 0
    assert dict(report_pull.quarantined) == {"claim_without_checkworthiness": 1, "attribution_unlinked": 1}
    items = [
        QuarantineItem.model_validate_json(line)
        for line in (tmp_path / QUARANTINE_FILE).read_text(encoding="utf-8").splitlines()
    ]
    assert {item.reason_code for item in items} == {"claim_without_checkworthiness", "attribution_unlinked"}
    assert all(item.stage == "studio.pull" and client.url in item.source for item in items)
    assert _ledger(tmp_path) == []


def test_an_interrupted_pull_leaves_no_partial_line_and_resumes(client, studio, documents, project, tmp_path):
    report = _push(client, documents, project)
    for task in _tasks(studio, report.project_id)[:3]:
        studio.annotations.create(id=task.id, result=[*_prediction_result(studio, task.id), STANCE_AGAINST])
    pull(client, project, tmp_path)
    ledger = tmp_path / LEDGER_FILE
    complete = ledger.read_bytes()
    # A pull killed in the middle of its write: half a line on disk, and the watermark never moved.
    ledger.write_bytes(complete + complete.splitlines(keepends=True)[0][:57])
    (tmp_path / STATE_FILE).unlink()
    resumed = pull(client, project, tmp_path)
    assert resumed.repaired_partial_line
    assert (resumed.unchanged, sum(resumed.written.values())) == (3, 0)
    assert ledger.read_bytes() == complete


def test_the_token_is_never_written(client, studio, documents, project, tmp_path):
    report = _push(client, documents, project)
    task = _tasks(studio, report.project_id)[0]
    studio.annotations.create(id=task.id, result=[*_prediction_result(studio, task.id), STANCE_AGAINST])
    _, token = studio_support.require_studio()
    env = {**os.environ, "LABEL_STUDIO_URL": client.url, "LABEL_STUDIO_API_KEY": token}
    command = [sys.executable, "-m", "builder.cli", "studio", "pull", "--project", project, "--out", str(tmp_path)]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, env=env, check=False)
    assert result.returncode == 0, result.stderr
    assert "submitted" in result.stderr
    written = [path.read_text(encoding="utf-8") for path in tmp_path.rglob("*") if path.is_file()]
    assert len(written) >= 4
    for text in [result.stdout, result.stderr, *written]:
        assert token not in text


def _studio_cli(*args: str, url: str, token: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "LABEL_STUDIO_URL": url, "LABEL_STUDIO_API_KEY": token}
    command = [sys.executable, "-m", "builder.cli", "studio", *args]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, env=env, check=False, timeout=120)


def test_push_warns_of_a_changed_target_naming_it_and_its_tasks(documents_path, documents, project, studio, tmp_path):
    url, token = studio_support.require_studio()
    first = _studio_cli(
        "push", str(documents_path), "--project", project, "--targets", str(TARGETS), url=url, token=token
    )
    assert first.returncode == 0, first.stderr
    assert "warning:" not in first.stderr
    assert "note:" not in first.stderr
    # Where the tasks already there were listed from is said below the summary, which stays narrow: as a row its
    # words widened the count column to 64 characters.
    assert "tasks already there listed from: " in first.stderr
    assert len(next(line for line in first.stderr.splitlines() if "documents read" in line)) < 60
    [project_id] = [p.id for p in studio.projects.list(title=project) if p.title == project]
    annotated = min(t.id for t in _tasks(studio, project_id) if t.data["target_id"] == WEAPONS)
    studio.annotations.create(id=annotated, result=[STANCE_AGAINST])
    changed = tmp_path / "targets.yaml"
    changed.write_text(
        TARGETS.read_text(encoding="utf-8").replace("text: US weapons shipments", "text: US arms deliveries"),
        encoding="utf-8",
    )
    again = _studio_cli(
        "push", str(documents_path), "--project", project, "--targets", str(changed), url=url, token=token
    )
    assert again.returncode == 0, again.stderr
    warning = next(line for line in again.stderr.splitlines() if line.startswith("warning:"))
    assert warning.startswith(
        f"warning: target '{WEAPONS}': its text was 'US weapons shipments to Ukraine' when its tasks were pushed and "
        "is now 'US arms deliveries to Ukraine'. 1 task(s) not yet annotated now show the new one. 1 annotated "
        "task(s) keep showing the old one"
    )
    assert "new target_id" in warning
    assert any(
        "changed target shown (not yet annotated)" in line and line.rstrip(" │").endswith("1")
        for line in again.stderr.splitlines()
    )


def test_a_wrong_token_gives_one_sentence(documents_path, tmp_path):
    url, _ = studio_support.require_studio()
    wrong = "not-the-token-0123456789abcdef"
    for args in (
        ["push", str(documents_path), "--project", "never"],
        ["pull", "--project", "never", "--out", str(tmp_path)],
    ):
        result = _studio_cli(*args, url=url, token=wrong)
        assert result.returncode == 1
        assert result.stderr.strip().count("\n") <= 1
        assert f"Label Studio at {url} refuses the API token" in result.stderr
        assert "Traceback" not in result.stderr
        assert wrong not in result.stderr + result.stdout


def test_a_server_that_is_down_is_named_after_retries(documents_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}"
    result = _studio_cli("push", str(documents_path), "--project", "never", url=url, token="some-token-0123456789")
    assert result.returncode == 1
    assert f"Label Studio at {url} does not answer" in result.stderr
    assert "after 4 retries" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_server_that_answers_5xx_is_retried_then_named(client):
    # The task filter answers 500 to a Datetime with a `+00:00` offset: a real server error, caused on purpose.
    project_id = client.create_project(f"test 5xx {uuid.uuid4().hex[:8]}", labeling_config(), "", 1)
    fragile = StudioClient(client.url, studio_support.require_studio()[1], retry_delays=(0.05, 0.05))
    offset = "2025-01-01T00:00:00+00:00"
    item = {"filter": "filter:tasks:updated_at", "operator": "greater", "type": "Datetime", "value": offset}
    query = {"filters": {"conjunction": "and", "items": [item]}}
    try:
        with pytest.raises(StudioConnectionError, match=r"answered HTTP 500 while trying to list .* after 2 retries"):
            fragile.call(
                "list tasks", lambda: list(fragile.sdk.tasks.list(project=project_id, query=json.dumps(query)))
            )
    finally:
        client.sdk.projects.delete(id=project_id)


def test_a_server_too_slow_to_answer_is_retried_then_named():
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen()  # accepts connections, never answers
        url = f"http://127.0.0.1:{silent.getsockname()[1]}"
        slow = StudioClient(url, "some-token-0123456789", retry_delays=(0.05,), timeout=0.5)
        with pytest.raises(StudioConnectionError, match=rf"Label Studio at {url} does not answer \(ReadTimeout"):
            slow.check_access()
        # An import that timed out may have been done: it is not repeated, and the message says to run again.
        started = time.monotonic()
        with pytest.raises(StudioConnectionError, match="was not retried: run the command again"):
            slow.import_tasks(1, [{"data": {"text": "x"}}])
        assert time.monotonic() - started < 2
