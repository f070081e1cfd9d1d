"""`builder studio push`: documents to tasks with pre-annotations in a Label Studio project, idempotently.

The server is the record of what was pushed: each task carries its task key (in its data, and in its meta,
which is cheaper to list), and a push first lists the keys already in the project. A task already there is
left alone unless the document comes from a newer extractor, in which case its new prediction is added and
the project's model version moved to it. Tasks are imported in batches, so an interrupted push leaves whole
batches behind and the next run goes on from there; when predictions are imported apart from their tasks
(`StudioClient.predictions_apart`), a task left without its prediction gets it on the next run.

A task also keeps in its meta the target text and description it shows. When the targets file changed them
since, a task nobody has annotated yet is updated to show the new ones; a task with annotations keeps the old
(its annotations judged them), and the summary says, per target, how many tasks are in each case. (An annotation
submitted between the listing and the update is not seen: the update is one request per task, right after.)

The keys already there are listed, like a pull reads, from the local server's database when that is certainly
right (`builder.studio.sqlite_read`: milliseconds where the API's task list takes seconds), else from the API.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import closing
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from builder.records import Document, Target
from builder.studio.client import StudioClient
from builder.studio.config import labeling_config
from builder.studio.server import ServerInfo
from builder.studio.sqlite_read import (
    DATABASE_READ_PATH,
    SHOWN_TARGET_FIELDS,
    DatabaseReader,
    ReadVia,
    TaskMeta,
    Unusable,
    pushed_by_builder,
)
from builder.studio.tasks import index_targets, speaker_notes, tasks_for_document, to_studio

BATCH_SIZE = 1000
"""Tasks per import call: about 22 MB with the sample page's predictions (80 result items a task), 4 to 8 s on
the local server, which keeps the progress bar moving and an interrupted push cheap to redo."""


@dataclass(frozen=True)
class ExistingTask:
    task_id: int
    extractor_version: str
    has_prediction: bool = True
    annotations: int = 0
    shown_target: tuple[str, str] | None = None
    """The target's (text, description) the task shows, None when not known."""


@dataclass
class TargetChange:
    """A target whose text or description differs from what its tasks already in the project show."""

    shown_before: tuple[str, str]
    """What (the first of) its tasks showed: (text, description)."""
    shown_now: tuple[str, str]
    updated: int = 0
    """Tasks without an annotation, now showing the new text."""
    kept_annotated: int = 0
    """Tasks with annotations, left showing the old text their annotations were given against."""


@dataclass
class PushReport:
    project_id: int = 0
    listed_via: str = ""
    project_created: bool = False
    documents: int = 0
    duplicates_skipped: int = 0
    without_target: int = 0
    tasks: int = 0
    already_there: int = 0
    imported: int = 0
    refreshed: int = 0
    predictions_restored: int = 0
    batches: int = 0
    target_changes: dict[str, TargetChange] = field(default_factory=dict)
    """By target id, the targets whose shown text or description changed since their tasks were pushed."""


def push(
    client: StudioClient,
    documents: Iterable[Document],
    project: str,
    targets: Iterable[Target] | None,
    instructions: str,
    overlap: int | None = None,
    batch_size: int = BATCH_SIZE,
    on_batch: Callable[[int, int], None] | None = None,
    *,
    local_server: ServerInfo | None = None,
    via: ReadVia = ReadVia.auto,
) -> PushReport:
    """Push one task per (document, target it mentions) to `project`, creating it if needed.

    `on_batch(done, total)` is called after each import call with the counts of new tasks. `local_server` and
    `via` choose where the tasks already there are listed from, as for `pull`.
    """
    report = PushReport()
    config = labeling_config()
    project_id = client.find_project(project)
    if project_id is None:
        project_id = client.create_project(project, config, instructions, overlap or 1)
        report.project_created = True
    else:
        settings: dict[str, object] = {"label_config": config, "expert_instruction": instructions}
        if overlap is not None:
            settings["maximum_annotations"] = overlap
        client.update_project(project_id, **settings)
    report.project_id = project_id
    metas, report.listed_via = _task_metas(client, project_id, project, local_server, via)
    existing = existing_tasks(metas)

    by_target = index_targets(targets)
    new: list[dict[str, Any]] = []
    without_prediction: list[tuple[int, dict[str, Any]]] = []
    seen: set[str] = set()
    newest_version = None
    for document in documents:
        report.documents += 1
        if document.duplicate_of is not None:
            report.duplicates_skipped += 1  # annotators would label the same text twice
            continue
        tasks = tasks_for_document(document, by_target)
        if not tasks:
            report.without_target += 1
        notes = speaker_notes(document)
        for task in tasks:
            if task.task_key in seen:
                continue
            seen.add(task.task_key)
            report.tasks += 1
            studio_task = to_studio(task, notes)
            newest_version = document.extractor_version
            there = existing.get(task.task_key)
            if there is None:
                new.append(studio_task)
                continue
            retarget = _target_change(report, there, studio_task)
            if retarget is Retarget.keep:
                studio_task = _showing(studio_task, there.shown_target)
            if there.extractor_version != document.extractor_version:
                client.refresh_prediction(there.task_id, studio_task)  # also writes the task's data and meta
                report.refreshed += 1
                continue
            if retarget is Retarget.update:
                client.update_task(there.task_id, studio_task)
            if not there.has_prediction:
                # A push that imports predictions apart from their tasks was stopped between the two calls.
                without_prediction.append((there.task_id, studio_task))
            else:
                report.already_there += 1

    for start in range(0, len(without_prediction), batch_size):
        client.import_predictions(project_id, without_prediction[start : start + batch_size])
    report.predictions_restored = len(without_prediction)
    report.already_there += len(without_prediction)

    for start in range(0, len(new), batch_size):
        batch = new[start : start + batch_size]
        client.import_tasks(project_id, batch)
        report.imported += len(batch)
        report.batches += 1
        if on_batch is not None:
            on_batch(report.imported, len(new))
    if newest_version is not None and (report.imported or report.refreshed or report.predictions_restored):
        # The project's model version picks the prediction an annotation records as the one it started from;
        # the server keeps the first version ever imported unless told otherwise.
        client.update_project(project_id, model_version=newest_version)
    return report


def _task_metas(
    client: StudioClient, project_id: int, project: str, local_server: ServerInfo | None, via: ReadVia
) -> tuple[list[TaskMeta], str]:
    """Every task's (id, meta, prediction count), and where they were read: by the rule and with the fallback of
    `pull` (see `builder.studio.sqlite_read`)."""
    reader = DatabaseReader.choose(via, local_server, client.url, project_id, project)
    if isinstance(reader, Unusable):
        return client.task_metas(project_id), f"API task list ({reader.reason})"
    with closing(reader):
        return reader.task_metas(project_id), DATABASE_READ_PATH


def existing_tasks(metas: Iterable[TaskMeta]) -> dict[str, ExistingTask]:
    """The tasks by the task key a push stored in their `meta`; tasks without one are not ours. Of two tasks with
    the same key (two pushes that ran at once), the later one counts."""
    found = {}
    for listed in metas:
        meta = listed.meta
        if pushed_by_builder(meta):
            found[meta["task_key"]] = ExistingTask(
                listed.task_id,
                str(meta.get("extractor_version", "")),
                bool(listed.predictions),
                listed.annotations,
                listed.shown_target,
            )
    return found


class Retarget(Enum):
    """What a push does about a task already there whose target's text or description changed since."""

    none = "unchanged"
    update = "show the new text"
    keep = "keep the old text"


def _target_change(report: PushReport, there: ExistingTask, task: dict[str, Any]) -> Retarget:
    """Whether the task's shown target changed, and what to do: a task nobody has answered yet shows the new text;
    one with annotations keeps the old, since its annotations judged that (and its other annotators should see
    what the first ones saw). Either way the change is counted in `report.target_changes` for the summary."""
    now = (task["data"]["target_text"], task["data"]["target_description"])
    if there.shown_target is None or there.shown_target == now:
        return Retarget.none
    change = report.target_changes.setdefault(task["data"]["target_id"], TargetChange(there.shown_target, now))
    if there.annotations:
        change.kept_annotated += 1
        return Retarget.keep
    change.updated += 1
    return Retarget.update


def _showing(task: dict[str, Any], shown: tuple[str, str] | None) -> dict[str, Any]:
    """The task in the import format, still showing the target as `shown` (its data and meta alike)."""
    if shown is None:
        return task
    fields = dict(zip(SHOWN_TARGET_FIELDS, shown, strict=True))
    return {**task, "data": {**task["data"], **fields}, "meta": {**task["meta"], **fields}}
