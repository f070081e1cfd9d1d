"""`builder studio push`: documents to tasks with pre-annotations in a Label Studio project, idempotently.

The server is the record of what was pushed: each task carries its task key (in its data, and in its meta,
which is cheaper to list), and a push first lists the keys already in the project. A task already there is
left alone unless the document comes from a newer extractor, in which case its new prediction is added and
the project's model version moved to it. Tasks are imported in batches, so an interrupted push leaves whole
batches behind and the next run goes on from there; when predictions are imported apart from their tasks
(`StudioClient.predictions_apart`), a task left without its prediction gets it on the next run.

The keys already there are listed, like a pull reads, from the local server's database when that is certainly
right (`builder.studio.sqlite_read`: milliseconds where the API's task list takes seconds), else from the API.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import closing
from dataclasses import dataclass
from typing import Any

from builder.records import Document, Target
from builder.studio.client import StudioClient
from builder.studio.config import labeling_config
from builder.studio.server import ServerInfo
from builder.studio.sqlite_read import DATABASE_READ_PATH, DatabaseReader, ReadVia, TaskMeta, Unusable
from builder.studio.tasks import index_targets, tasks_for_document, to_studio

BATCH_SIZE = 1000
"""Tasks per import call: about 22 MB with the sample page's predictions (80 result items a task), 4 to 8 s on
the local server, which keeps the progress bar moving and an interrupted push cheap to redo."""


@dataclass(frozen=True)
class ExistingTask:
    task_id: int
    extractor_version: str
    has_prediction: bool = True


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
        for task in tasks:
            if task.task_key in seen:
                continue
            seen.add(task.task_key)
            report.tasks += 1
            studio_task = to_studio(task)
            newest_version = document.extractor_version
            there = existing.get(task.task_key)
            if there is None:
                new.append(studio_task)
            elif there.extractor_version != document.extractor_version:
                client.refresh_prediction(there.task_id, studio_task)
                report.refreshed += 1
            elif not there.has_prediction:
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
    for task_id, meta, predictions in metas:
        if isinstance(meta, dict) and meta.get("task_key"):
            found[meta["task_key"]] = ExistingTask(task_id, str(meta.get("extractor_version", "")), bool(predictions))
    return found
