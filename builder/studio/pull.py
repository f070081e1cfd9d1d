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

Two read paths give the same tasks: the API (a task list and the JSON export) and, for the local server the
builder started and pins, a read-only read of that server's SQLite database (`builder.studio.sqlite_read`),
which costs the server nothing where the export costs it about 4 s of CPU per 1,000 bench annotations; `via`
chooses, and the report says which one was used and why.

Label Studio keeps a copy of every export in its data directory's `export/` folder, and no API call removes it
(docs/label-studio-notes.md). When the server is the local one the builder started and pins, a pull through the
API tags its export requests and removes the copies so tagged once it is done; another server keeps them.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from builder.records import Annotation, AnnotationStatus, QuarantineItem
from builder.studio.client import StudioClient
from builder.studio.convert import (
    AnnotationVersion,
    ConvertContext,
    ConvertedChunk,
    convert_rows,
    convert_tasks,
    gc_paused,
    time_of,
)
from builder.studio.ledger import (
    LedgerIndex,
    append_lines,
    fingerprint,
    renumbered,
    repair_tail,
    write_json_atomically,
)
from builder.studio.pseudonyms import Pseudonyms
from builder.studio.server import ServerInfo
from builder.studio.sqlite_read import (
    API_READ_PATH,
    DATABASE_READ_PATH,
    DatabaseReader,
    ReadVia,
    Unusable,
    local_server_at,
)

LEDGER_FILE = "annotations.jsonl"
QUARANTINE_FILE = "annotations.quarantine.jsonl"
STATE_FILE = "annotations.state.json"
EXPORT_DIR = "export"
"""The folder of the server's data directory where Label Studio keeps a copy of every export (its setting
`EXPORT_DIR`): `<name>.json` holds the exported tasks, `<name>-info.json` the request's parameters."""


@dataclass
class PullReport:
    project_id: int = 0
    read_path: str = ""
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
    client: StudioClient,
    project: str,
    out_dir: Path,
    on_progress: Callable[[int, int], None] | None = None,
    *,
    local_server: ServerInfo | None = None,
    via: ReadVia = ReadVia.auto,
) -> PullReport:
    """Append what changed in project `project` since the last pull to the ledger in `out_dir`.

    `local_server`: the server `builder studio serve` runs (`server.status`), whose database may be read
    instead of the API when `client` talks to it."""
    project_id = client.find_project(project)
    if project_id is None:
        raise ProjectNotFoundError(f"Label Studio at {client.url} has no project titled {project!r}")
    reader = DatabaseReader.choose(via, local_server, client.url, project_id, project)
    # Without the collector the results decode faster, and so do the export's JSON (parsed in the client's
    # threads) and the ledger index; see `gc_paused`.
    if isinstance(reader, Unusable):
        export_dir = _own_export_dir(local_server, client.url)
        tag = uuid.uuid4().hex if export_dir is not None else None
        try:
            with gc_paused():
                read_path = f"{API_READ_PATH} ({reader.reason})"
                return _pull(client.url, client, project_id, out_dir, on_progress, read_path, tag)
        finally:
            # Also after a failed pull: each export that completed left its copy.
            if export_dir is not None and tag is not None:
                remove_export_copies(export_dir, project_id, tag)
    with closing(reader), gc_paused():
        return _pull(client.url, reader, project_id, out_dir, on_progress, DATABASE_READ_PATH)


def _pull(
    url: str,
    source: StudioClient | DatabaseReader,
    project_id: int,
    out_dir: Path,
    on_progress: Callable[[int, int], None] | None,
    read_path: str,
    export_tag: str | None = None,
) -> PullReport:
    report = PullReport(project_id=project_id, read_path=read_path)
    out_dir.mkdir(parents=True, exist_ok=True)
    ledger_path = out_dir / LEDGER_FILE
    report.repaired_partial_line = repair_tail(ledger_path)
    repair_tail(out_dir / QUARANTINE_FILE)
    index = LedgerIndex.load(ledger_path)
    state_path = out_dir / STATE_FILE
    state: dict[str, Any] = json.loads(state_path.read_text(encoding="utf-8")) if state_path.exists() else {}
    scope = f"{url} project {project_id}"
    project_state = state.get(scope, {"watermark": None, "annotation_ids": []})
    known_ids: set[str] = set(project_state["annotation_ids"])
    report.watermark_before = project_state["watermark"]
    since = dt.datetime.fromisoformat(report.watermark_before) if report.watermark_before else None

    changed = source.changed_tasks(project_id, since)
    report.tasks_changed = len(changed)
    pseudonyms = Pseudonyms(out_dir)
    context = ConvertContext(url, project_id, source.user_emails() if changed else {}, pseudonyms.salt)
    newest = since
    done = 0
    for chunk in _converted(source, project_id, changed, context, export_tag):
        pseudonyms.remember(chunk.pseudonyms)
        versions: list[AnnotationVersion] = []
        problems: list[QuarantineItem] = []
        for task in chunk.tasks:
            newest = task.updated if newest is None or task.updated > newest else newest
            present: set[str] = set()
            for annotation_id, outcome in task.annotations:
                report.annotations_seen += 1
                present.add(annotation_id)
                if isinstance(outcome, list):
                    problems += outcome
                    report.quarantined.update(item.reason_code for item in outcome)
                else:
                    versions.append(outcome)
            if task.task_key is None:
                # Its annotations were quarantined above (`not_a_builder_task`); no ledger history to keep.
                report.tasks_not_pushed_by_builder += 1
                continue
            versions += _deletions(index, task.task_key, present, known_ids, task.updated)
            known_ids |= present
        lines = []
        for version in versions:
            line = _versioned_line(index, version)
            if line is None:
                report.unchanged += 1
            else:
                lines.append(line)
                report.written[version.entry["status"]] += 1
        append_lines(ledger_path, lines)
        append_lines(out_dir / QUARANTINE_FILE, [item.model_dump_json().encode() + b"\n" for item in problems])
        done += len(chunk.tasks)
        if on_progress is not None:
            on_progress(done, len(changed))
    pseudonyms.save()
    report.watermark_after = newest.isoformat() if newest else None
    state[scope] = {"watermark": report.watermark_after, "annotation_ids": sorted(known_ids)}
    write_json_atomically(state_path, state)
    return report


def _converted(
    source: StudioClient | DatabaseReader,
    project_id: int,
    task_ids: Sequence[int],
    context: ConvertContext,
    export_tag: str | None,
) -> Iterator[ConvertedChunk]:
    """The tasks converted chunk by chunk, in the order of `task_ids`, in this process (see
    `builder.studio.convert` for why): from the API each exported chunk (decoded in the client's threads), from
    the database the raw rows of each read transaction."""
    if isinstance(source, StudioClient):
        for tasks in source.export_tasks(project_id, task_ids, export_tag):
            yield convert_tasks(context, tasks)
        return
    for rows in source.raw_chunks(project_id, task_ids):
        yield convert_rows(context, rows)


def _own_export_dir(local: ServerInfo | None, url: str) -> Path | None:
    """The export folder of the server at `url` when it is the local server the builder started, of the pinned
    release (the rule `DatabaseReader.open` starts with), else None: another server's files are out of reach."""
    server = local_server_at(local, url)
    return None if isinstance(server, Unusable) else server.data_dir / EXPORT_DIR


def remove_export_copies(folder: Path, project_id: int, tag: str) -> None:
    """Remove the copies the server kept of project `project_id`'s exports whose request carried `tag`. The
    server wrote them before answering and needs them for nothing: they are its log of exports, which only
    `/api/projects/{id}/export/files` lists."""
    for info in folder.glob(f"project-{project_id}-at-*-info.json"):
        try:
            if tag not in info.read_text(encoding="utf-8"):
                continue
        except OSError:  # removed meanwhile, or unreadable: not one this pull can tell is its own
            continue
        (folder / f"{info.name.removesuffix('-info.json')}.json").unlink(missing_ok=True)
        info.unlink(missing_ok=True)


def _versioned_line(index: LedgerIndex, version: AnnotationVersion) -> bytes | None:
    """The ledger line for `version` with its version number, or None when the ledger already says the same."""
    print_ = fingerprint(version.body)
    number = index.next_version(version.entry["annotation_id"], print_)
    if number is None:
        return None
    index.add({**version.entry, "version": number}, print_)
    return (version.body if number == version.entry["version"] else renumbered(version.body, number)) + b"\n"


def _deletions(
    index: LedgerIndex, task_key: str, present: set[str], known_ids: set[str], updated: dt.datetime
) -> list[AnnotationVersion]:
    """A `deleted` version for each annotation of this task the ledger holds as live but the server no longer has."""
    gone = []
    for annotation_id in sorted((index.by_task.get(task_key, set()) - present) & known_ids):
        last = index.latest[annotation_id]
        if last["status"] == AnnotationStatus.deleted.value:
            continue
        previous_update = time_of(last["updated_at"])
        gone.append(
            AnnotationVersion.of(
                Annotation.create(
                    **{name: last[name] for name in ("annotation_id", "task_key", "doc_id", "target_id", "annotator")},
                    version=last["version"] + 1,
                    status=AnnotationStatus.deleted,
                    created_at=last["created_at"],
                    updated_at=max(updated, previous_update),
                    prediction_model_version=last.get("prediction_model_version"),
                )
            )
        )
    return gone
