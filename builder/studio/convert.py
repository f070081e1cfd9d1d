"""Exported Label Studio tasks to ledger-ready annotation versions: each version's JSON line and the fields the
ledger index keeps of it.

Decoding and checking 10,000 annotations of the bench's size costs about 4 to 5 s of CPU (JSON decoding of the
results a quarter, `read_labels` a third, the `Annotation` record a fifth), far more than the database read of
a pull. It runs in the pull's own process. Worker processes were measured and dropped: `multiprocessing`'s
`spawn` imports the parent's main module in each child (the CLI's, with the HTTP client: 2 s of CPU each); fresh
interpreters importing only this module (0.4 s each) were no faster either on 2 cores shared with other jobs
(10 to 13.5 s against 7.5 to 10.4 s in-process for 10,000 bench annotations, at a load average of 4), since
the cores were busy anyway and the workers add start-up and copying.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from builder.ingest.ids import hashed_id
from builder.records import Annotation, AnnotationStatus, QuarantineItem
from builder.studio.pseudonyms import pseudonym_of
from builder.studio.results import Problem, read_labels
from builder.studio.sqlite_read import RawChunk, as_export
from builder.validate import error_fields


@dataclass(frozen=True)
class ConvertContext:
    """What converting one project's annotations needs."""

    url: str
    project_id: int
    emails: dict[int, str]
    salt: str


BUILDER_TASK_FIELDS = ("task_key", "doc_id", "text")
"""The task data fields an annotation needs to become a ledger record; every pushed task has them."""


@dataclass(frozen=True)
class AnnotationVersion:
    """An annotation as the ledger takes it: its JSON line, numbered `entry["version"]` until the ledger numbers
    it, and the fields the ledger index keeps of it (those `pull._deletions` reads)."""

    body: bytes
    entry: dict[str, Any]

    @classmethod
    def of(cls, annotation: Annotation) -> AnnotationVersion:
        return cls(
            annotation.model_dump_json().encode(),
            {
                "annotation_id": annotation.annotation_id,
                "task_key": annotation.task_key,
                "doc_id": annotation.doc_id,
                "target_id": annotation.target_id,
                "annotator": annotation.annotator,
                "version": annotation.version,
                "status": annotation.status.value,
                "created_at": annotation.created_at.isoformat(),
                "updated_at": annotation.updated_at.isoformat(),
                "prediction_model_version": annotation.prediction_model_version,
            },
        )


@dataclass
class ConvertedTask:
    """One exported task: its annotations by annotation id, each a version or the quarantine items it gave."""

    task_id: int
    updated: dt.datetime
    task_key: str | None
    """None for a task the builder did not push (it has no task key), whose annotations are not read."""
    annotations: list[tuple[str, AnnotationVersion | list[QuarantineItem]]] = field(default_factory=list)


@dataclass
class ConvertedChunk:
    tasks: list[ConvertedTask]
    pseudonyms: dict[str, str]
    """Pseudonym to normalised e-mail for every annotator met, in the order met, for the private mapping."""


def convert_rows(context: ConvertContext, rows: RawChunk) -> ConvertedChunk:
    """One chunk of database rows (`DatabaseReader.raw_chunks`) decoded and converted."""
    return convert_tasks(context, as_export(*rows))


def convert_tasks(context: ConvertContext, tasks: list[dict[str, Any]]) -> ConvertedChunk:
    converter = _Converter(context)
    converted = []
    for task in tasks:
        key = task["data"].get("task_key") or None
        outcome = ConvertedTask(task["id"], time_of(task["updated_at"]), key)
        # Also the annotations of a task the builder did not push: `convert` quarantines them with the reason.
        for raw in task["annotations"]:
            annotation_id = converter.annotation_id(task, raw)
            outcome.annotations.append((annotation_id, converter.convert(task, raw, annotation_id)))
        converted.append(outcome)
    return ConvertedChunk(converted, converter.pseudonyms)


class _Converter:
    """One exported Label Studio annotation to an `AnnotationVersion` (version 1; the ledger decides the real
    one) or to quarantine items."""

    def __init__(self, context: ConvertContext) -> None:
        self.url = context.url
        self.project_id = context.project_id
        self.emails = context.emails
        self.salt = context.salt
        self.pseudonyms: dict[str, str] = {}

    def annotation_id(self, task: dict[str, Any], raw: dict[str, Any]) -> str:
        return hashed_id("ann", self.url, str(task["id"]), str(raw["id"]))

    def annotator(self, email: str) -> str:
        pseudonym, normalised = pseudonym_of(self.salt, email)
        self.pseudonyms.setdefault(pseudonym, normalised)
        return pseudonym

    def convert(
        self, task: dict[str, Any], raw: dict[str, Any], annotation_id: str
    ) -> AnnotationVersion | list[QuarantineItem]:
        data = task["data"]
        missing = [name for name in BUILDER_TASK_FIELDS if not isinstance(data.get(name), str)]
        if missing:
            # A task imported into the project by hand, not by `builder studio push`: nothing ties its
            # annotations to a document, so they are set aside rather than stopping the pull.
            reason = f"the task was not pushed by the builder: its data has no {', '.join(missing)}"
            return [self._quarantine(task, raw, Problem("data", "not_a_builder_task", reason))]
        skipped = bool(raw.get("was_cancelled"))
        labels = None
        if not skipped:
            read = read_labels(raw.get("result") or [], data["text"])
            if isinstance(read, list):
                return [self._quarantine(task, raw, problem) for problem in read]
            labels = read
        completed_by = raw.get("completed_by")
        user = completed_by.get("id") if isinstance(completed_by, dict) else completed_by
        email = self.emails.get(user) if isinstance(user, int) else None
        lead_time = raw.get("lead_time")
        prediction = raw.get("prediction") or {}
        try:
            annotation = Annotation.create(
                annotation_id=annotation_id,
                version=1,
                task_key=data["task_key"],
                doc_id=data["doc_id"],
                target_id=data.get("target_id") or None,
                annotator=self.annotator(email or f"user-{user}@{self.url}"),
                status=AnnotationStatus.skipped if skipped else AnnotationStatus.submitted,
                labels=labels,
                created_at=raw["created_at"],
                updated_at=raw["updated_at"],
                lead_time_seconds=lead_time if isinstance(lead_time, int | float) and lead_time >= 0 else None,
                # The server copies the current prediction into every annotation; it was shown only when the
                # annotator started from it, which the editor records as `parent_prediction`.
                prediction_model_version=prediction.get("model_version") if raw.get("parent_prediction") else None,
            )
        except ValidationError as error:
            return [
                self._quarantine(task, raw, Problem(name or "annotation", "invalid_annotation", message))
                for name, message in error_fields(error)
            ]
        return AnnotationVersion.of(annotation)

    def _quarantine(self, task: dict[str, Any], raw: dict[str, Any], problem: Problem) -> QuarantineItem:
        return QuarantineItem.create(
            stage="studio.pull",
            source=f"{self.url}/projects/{self.project_id}/data?task={task['id']}",
            record=f"task {task['id']} annotation {raw['id']} ({task['data'].get('task_key')})",
            field=problem.field,
            reason_code=problem.reason_code,
            reason=problem.reason,
            snippet=json.dumps(raw.get("result") or [], ensure_ascii=False)[:300],
        )


@contextmanager
def gc_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for a bulk conversion. Decoding annotations allocates millions of
    containers, which keep triggering collections that walk every object still alive: with it on, `json.loads`
    of 2,000 stored bench results took 0.87 s, without it 0.44 s. Decoded JSON holds no reference cycles, so
    reference counting frees it all the same; the collector runs again afterwards for anything else."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def time_of(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
