"""`builder studio pull`: Label Studio annotations to validated `Annotation` records in an append-only ledger.

Files in the output folder:
- `annotations.jsonl`: the ledger, one `Annotation` version per line, appended, never rewritten;
- `annotations.quarantine.jsonl`: annotations that break the schema, one `QuarantineItem` per problem;
- `annotations.state.json`: per server and project, the watermark (the latest task `updated_at` pulled) and
  the annotation ids that project produced (so a deletion there is not confused with another project's task);
- `.private/`: the pseudonym salt and mapping (see `builder.studio.pseudonyms`).

Incremental: only tasks changed since the watermark are exported, and their annotations are taken as the full
current set, so an annotation missing from a changed task was deleted. The watermark moves only at the end of
a pull that completed; an interrupted pull is repeated from the old watermark, and the ledger index makes the
repetition add nothing twice.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from builder.ingest.ids import hashed_id
from builder.records import Annotation, AnnotationStatus, QuarantineItem
from builder.studio.client import StudioClient
from builder.studio.ledger import LedgerIndex, append_lines, fingerprint, repair_tail, write_json_atomically
from builder.studio.pseudonyms import Pseudonyms
from builder.studio.results import Problem, read_labels
from builder.validate import error_fields

LEDGER_FILE = "annotations.jsonl"
QUARANTINE_FILE = "annotations.quarantine.jsonl"
STATE_FILE = "annotations.state.json"


@dataclass
class PullReport:
    project_id: int = 0
    tasks_changed: int = 0
    tasks_not_pushed_by_builder: int = 0
    annotations_seen: int = 0
    unchanged: int = 0
    written: Counter[str] = field(default_factory=Counter)
    quarantined: Counter[str] = field(default_factory=Counter)
    repaired_partial_line: bool = False
    watermark_before: str | None = None
    watermark_after: str | None = None


class ProjectNotFoundError(LookupError):
    pass


def pull(
    client: StudioClient, project: str, out_dir: Path, on_progress: Callable[[int, int], None] | None = None
) -> PullReport:
    """Append what changed in project `project` since the last pull to the ledger in `out_dir`."""
    report = PullReport()
    project_id = client.find_project(project)
    if project_id is None:
        raise ProjectNotFoundError(f"Label Studio at {client.url} has no project titled {project!r}")
    report.project_id = project_id
    out_dir.mkdir(parents=True, exist_ok=True)
    ledger_path = out_dir / LEDGER_FILE
    report.repaired_partial_line = repair_tail(ledger_path)
    repair_tail(out_dir / QUARANTINE_FILE)
    index = LedgerIndex.load(ledger_path)
    state_path = out_dir / STATE_FILE
    state: dict[str, Any] = json.loads(state_path.read_text(encoding="utf-8")) if state_path.exists() else {}
    scope = f"{client.url} project {project_id}"
    project_state = state.get(scope, {"watermark": None, "annotation_ids": []})
    known_ids: set[str] = set(project_state["annotation_ids"])
    report.watermark_before = project_state["watermark"]
    since = dt.datetime.fromisoformat(report.watermark_before) if report.watermark_before else None

    changed = client.changed_tasks(project_id, since)
    report.tasks_changed = len(changed)
    pseudonyms = Pseudonyms(out_dir)
    converter = _Converter(client.url, project_id, client.user_emails() if changed else {}, pseudonyms)
    newest = since
    done = 0
    for tasks in client.export_tasks(project_id, changed):
        versions: list[Annotation] = []
        problems: list[QuarantineItem] = []
        for task in tasks:
            updated = _time(task["updated_at"])
            newest = updated if newest is None or updated > newest else newest
            if not task["data"].get("task_key"):
                report.tasks_not_pushed_by_builder += 1
                continue
            present: set[str] = set()
            for raw in task["annotations"]:
                report.annotations_seen += 1
                outcome = converter.convert(task, raw)
                present.add(converter.annotation_id(task, raw))
                if isinstance(outcome, list):
                    problems += outcome
                    report.quarantined.update(item.reason_code for item in outcome)
                else:
                    versions.append(outcome)
            versions += _deletions(index, task, present, known_ids, updated)
            known_ids |= present
        lines = []
        for version in versions:
            line = _versioned_line(index, version)
            if line is None:
                report.unchanged += 1
            else:
                lines.append(line)
                report.written[version.status.value] += 1
        append_lines(ledger_path, lines)
        append_lines(out_dir / QUARANTINE_FILE, [item.model_dump_json().encode() + b"\n" for item in problems])
        done += len(tasks)
        if on_progress is not None:
            on_progress(done, len(changed))
    pseudonyms.save()
    report.watermark_after = newest.isoformat() if newest else None
    state[scope] = {"watermark": report.watermark_after, "annotation_ids": sorted(known_ids)}
    write_json_atomically(state_path, state)
    return report


def _versioned_line(index: LedgerIndex, annotation: Annotation) -> bytes | None:
    """The ledger line for `annotation` with its version number, or None when the ledger already says the same."""
    body = annotation.model_dump_json().encode()
    print_ = fingerprint(body)
    version = index.next_version(annotation.annotation_id, print_)
    if version is None:
        return None
    if version != annotation.version:
        body = annotation.model_copy(update={"version": version}).model_dump_json().encode()
    index.add(_index_entry(annotation, version), print_)
    return body + b"\n"


def _index_entry(annotation: Annotation, version: int) -> dict[str, Any]:
    """What the ledger index keeps of a version just written (the fields `_deletions` reads), built from the
    record rather than by parsing its line back."""
    return {
        "annotation_id": annotation.annotation_id,
        "task_key": annotation.task_key,
        "doc_id": annotation.doc_id,
        "target_id": annotation.target_id,
        "annotator": annotation.annotator,
        "version": version,
        "status": annotation.status.value,
        "created_at": annotation.created_at.isoformat(),
        "updated_at": annotation.updated_at.isoformat(),
        "prediction_model_version": annotation.prediction_model_version,
    }


def _deletions(
    index: LedgerIndex, task: dict[str, Any], present: set[str], known_ids: set[str], updated: dt.datetime
) -> list[Annotation]:
    """A `deleted` version for each annotation of this task the ledger holds as live but the server no longer has."""
    gone = []
    for annotation_id in sorted(index.by_task.get(task["data"]["task_key"], set()) & known_ids - present):
        last = index.latest[annotation_id]
        if last["status"] == AnnotationStatus.deleted.value:
            continue
        previous_update = _time(last["updated_at"])
        gone.append(
            Annotation.create(
                **{name: last[name] for name in ("annotation_id", "task_key", "doc_id", "target_id", "annotator")},
                version=last["version"] + 1,
                status=AnnotationStatus.deleted,
                created_at=last["created_at"],
                updated_at=max(updated, previous_update),
                prediction_model_version=last.get("prediction_model_version"),
            )
        )
    return gone


class _Converter:
    """One exported Label Studio annotation to an `Annotation` (version 1; the ledger decides the real one)
    or to quarantine items."""

    def __init__(self, url: str, project_id: int, emails: dict[int, str], pseudonyms: Pseudonyms) -> None:
        self.url = url
        self.project_id = project_id
        self.emails = emails
        self.pseudonyms = pseudonyms

    def annotation_id(self, task: dict[str, Any], raw: dict[str, Any]) -> str:
        return hashed_id("ann", self.url, str(task["id"]), str(raw["id"]))

    def convert(self, task: dict[str, Any], raw: dict[str, Any]) -> Annotation | list[QuarantineItem]:
        data = task["data"]
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
            return Annotation.create(
                annotation_id=self.annotation_id(task, raw),
                version=1,
                task_key=data["task_key"],
                doc_id=data["doc_id"],
                target_id=data.get("target_id") or None,
                annotator=self.pseudonyms.of(email or f"user-{user}@{self.url}"),
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


def _time(value: str) -> dt.datetime:
    return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
