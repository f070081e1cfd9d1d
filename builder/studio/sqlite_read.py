"""Read a project's tasks and annotations straight from the SQLite database of the Label Studio the builder runs.

Why: every API read path makes the server decode and re-encode each stored annotation (the export costs it
38 to 41 s of CPU for 10,000 annotations of the bench's size), while reading the same rows from
`label_studio.sqlite3` takes under a second; listing 5,000 tasks' keys for a push costs the API 10 s or more.
The database layout is Label Studio's private business, so this reader is used only where it is certainly
right, and `pull` and `push` fall back to the API everywhere else:

- the URL is the one `server.start` recorded for the server it runs from its data directory, whose process
  still runs (`server.status`), and that server is the pinned release (`server.LABEL_STUDIO_VERSION`);
- the database has every table and column read here, and the project the API found under its title has that
  id and title in the database (so the file is that server's database, not a stale copy);
- any SQLite error while checking means "not certain": the API path is taken.

Safety while the server runs: the file is opened with `mode=ro`, so SQLite itself refuses any write, and never
`immutable=1` (which would skip locking). In the rollback-journal mode Label Studio leaves SQLite in, a reader
holds a shared lock for the length of its read transaction and a server commit waits for it (the server's busy
timeout is Python's default 5 s), so reads go in short transactions of `READ_CHUNK` tasks (tens of
milliseconds each), and a read that meets the server's commit waits `BUSY_TIMEOUT` and is retried.

What comes back has the shape of Label Studio's JSON export for the fields `pull` reads (task `id`, `data`,
`updated_at`; annotation `id`, `completed_by`, `result`, `was_cancelled`, `lead_time`, `created_at`,
`updated_at`, `parent_prediction`, `prediction`), in the export's order (tasks and annotations by id), so the
ledger a pull writes is the same byte for byte whichever way it read. For a push, `task_metas` gives what the
API's task list gives.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

import msgspec

from builder.studio.server import DATABASE_FILE, LABEL_STUDIO_VERSION, ServerInfo

T = TypeVar("T")

READ_CHUNK = 250
"""Tasks per read transaction: about 500 bench annotations (10 MB), read in a few tens of milliseconds; small
enough that a chunk, once decoded, holds little memory."""
BUSY_TIMEOUT = 10.0
"""Seconds SQLite waits for a server commit to finish before a read gives up (then retried)."""
LOCKED_RETRY_DELAYS = (1.0, 2.0, 4.0)
"""Seconds to wait before each new attempt at a read that stayed locked for `BUSY_TIMEOUT`."""
JOURNAL_MODES = frozenset({"delete", "truncate", "persist", "wal"})
"""Journal modes in which a read-only reader is safe beside a writing server. Label Studio leaves SQLite's
default `delete`; `wal` readers never block the writer. Without a journal (`off`, `memory`) a crash of the
server mid-write could show the reader a half-written page, so those are left to the API."""
REQUIRED_COLUMNS: dict[str, frozenset[str]] = {
    "project": frozenset({"id", "title", "organization_id"}),
    "task": frozenset({"id", "project_id", "data", "updated_at", "meta", "total_predictions"}),
    "task_completion": frozenset(
        {
            "id",
            "task_id",
            "completed_by_id",
            "result",
            "was_cancelled",
            "lead_time",
            "created_at",
            "updated_at",
            "prediction",
            "parent_prediction_id",
        }
    ),
    "htx_user": frozenset({"id", "email", "username"}),
    "organizations_organizationmember": frozenset({"organization_id", "user_id"}),
}
"""Every column this module reads, by table (Label Studio 1.23.2's Django models `Project`, `Task`,
`Annotation`, `User`, `OrganizationMember`)."""

RawChunk = tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]
"""(task rows, annotation rows) of one read transaction."""
SHOWN_TARGET_FIELDS = ("target_text", "target_description")
"""The fields of a task's data that show annotators its target; a push keeps a copy in the task's `meta` too."""


class TaskMeta(NamedTuple):
    """What a push needs to know of a task already in the project, the same whether listed by the API or read
    from the database."""

    task_id: int
    meta: Any
    """As the API gives it: a dict, or None."""
    predictions: int
    annotations: int
    """Submitted annotations (skips not counted), as the API's `total_annotations` counts them."""
    shown_target: tuple[str, str] | None
    """The target's text and description the task shows, for a task a push made (its `meta` has a task key),
    else None. Taken from the meta, or from the data for a task pushed before the meta had them."""


def pushed_by_builder(meta: Any) -> bool:
    """Whether a task's meta is one a push wrote (it holds the task key); the builder leaves other tasks alone."""
    return isinstance(meta, dict) and bool(meta.get("task_key"))


def shown_target(meta: Any, data: dict[str, Any] | None) -> tuple[str, str] | None:
    """`TaskMeta.shown_target` of a task: from its meta when that has them, else from `data` (None when unread)."""
    if not pushed_by_builder(meta):
        return None
    for source in (meta, data):
        if isinstance(source, dict) and all(isinstance(source.get(name), str) for name in SHOWN_TARGET_FIELDS):
            return (source["target_text"], source["target_description"])
    return None


DATABASE_READ_PATH = f"database (read-only, Label Studio {LABEL_STUDIO_VERSION}'s {DATABASE_FILE})"
API_READ_PATH = "API export"


class ReadVia(StrEnum):
    """How a pull reads tasks, and a push lists them: `auto` reads the local server's database when that is
    certainly right (see the module's docstring), the API otherwise; `api` always asks the API. Defined here, not
    in `pull`, so that the CLI gets the choices without importing the HTTP client."""

    auto = "auto"
    api = "api"


class DatabaseReadError(RuntimeError):
    """The database could not be read in the middle of a pull; the message, one sentence for the user, says what
    to do. (Not a `StudioConnectionError`: this module stays free of the HTTP client, see `convert`.)"""


@dataclass(frozen=True)
class Unusable:
    """Why the database is not read for this pull (said in the pull's summary)."""

    reason: str


def local_server_at(local: ServerInfo | None, url: str) -> ServerInfo | Unusable:
    """`local` when it is the server at `url` and the pinned release, the first checks of the module's docstring
    (whose files the builder may then read: its database, its export copies), else why not."""
    if local is None or local.url != url.rstrip("/"):
        return Unusable(f"{url} is not the local server the builder started")
    if local.version != LABEL_STUDIO_VERSION:
        return Unusable(f"the local server is Label Studio {local.version}, not {LABEL_STUDIO_VERSION}")
    return local


class DatabaseReader:
    """One project's users, changed tasks and their rows, read from the local server's database: what `pull`
    (and, for the task list, `push`) otherwise asks a `StudioClient` for."""

    def __init__(self, connection: sqlite3.Connection, path: Path, project_id: int, organization_id: int) -> None:
        self._connection = connection
        self.path = path
        self.project_id = project_id
        self._organization_id = organization_id

    @classmethod
    def choose(
        cls, via: ReadVia, local: ServerInfo | None, url: str, project_id: int, project_title: str
    ) -> DatabaseReader | Unusable:
        """The reader `via` asks for: never with `api`, else `open`'s."""
        if via is ReadVia.api:
            return Unusable("--via api")
        return cls.open(local, url, project_id, project_title)

    @classmethod
    def open(cls, local: ServerInfo | None, url: str, project_id: int, project_title: str) -> DatabaseReader | Unusable:
        """A reader for project `project_id` when every check in the module's docstring passes, else why not."""
        server = local_server_at(local, url)
        if isinstance(server, Unusable):
            return server
        path = server.data_dir / DATABASE_FILE
        if not path.is_file():
            return Unusable(f"no {path}")
        try:
            connection = _connect_read_only(path)
        except sqlite3.Error as error:
            return Unusable(f"cannot open {path} read-only ({error})")
        try:
            problem_or_organization = _check(connection, project_id, project_title)
        except sqlite3.Error as error:
            problem_or_organization = Unusable(f"cannot read {path} ({error})")
        if isinstance(problem_or_organization, Unusable):
            connection.close()
            return problem_or_organization
        return cls(connection, path, project_id, problem_or_organization)

    def close(self) -> None:
        self._connection.close()

    def user_emails(self) -> dict[int, str]:
        """E-mail address by user id for the members of the project's organization: the users the API's user list
        gives the token's owner (`User.objects.filter(organizations=...)`, deleted memberships included)."""
        rows = self._read(
            lambda: self._connection.execute(
                "SELECT DISTINCT u.id, u.email, u.username FROM htx_user u"
                " JOIN organizations_organizationmember m ON m.user_id = u.id WHERE m.organization_id = ?",
                (self._organization_id,),
            ).fetchall()
        )
        return {user_id: email or username or str(user_id) for user_id, email, username in rows}

    def changed_tasks(self, project_id: int, since: dt.datetime | None) -> list[int]:
        """Ids of the project's tasks whose `updated_at` is after `since` (all when None), in id order, as the
        API's filtered task list gives them. Compared as datetimes here: the column holds text without a fraction
        when the microseconds are 0, so a text comparison in SQL could misorder equal instants."""
        rows = self._read(
            lambda: self._connection.execute(
                "SELECT id, updated_at FROM task WHERE project_id = ? ORDER BY id", (project_id,)
            ).fetchall()
        )
        return [task_id for task_id, updated in rows if since is None or _utc(updated) > since]

    def task_metas(self, project_id: int) -> list[TaskMeta]:
        """`TaskMeta` of every task of the project, in id order: what `StudioClient.task_metas` gives through the
        API (the prediction count is the task's own `total_predictions` column there too; the annotations are
        counted as the API's `total_annotations` counts them). One query, a few milliseconds of read lock for
        5,000 tasks, where the API takes seconds. The shown target's fields are picked out of the data by SQLite
        (guarded by `json_valid`: a task of another tool may hold what SQLite does not read as JSON), so that
        the tasks' texts are not decoded."""
        extract = ", ".join(
            f"CASE WHEN json_valid(t.data) THEN json_extract(t.data, '$.{name}') END" for name in SHOWN_TARGET_FIELDS
        )
        rows = self._read(
            lambda: self._connection.execute(
                f"SELECT t.id, t.meta, t.total_predictions, {extract},"
                " (SELECT COUNT(*) FROM task_completion c WHERE c.task_id = t.id AND NOT c.was_cancelled)"
                " FROM task t WHERE t.project_id = ? ORDER BY t.id",
                (project_id,),
            ).fetchall()
        )
        metas = []
        for task_id, stored_meta, predictions, text, description, submitted in rows:
            meta = decode_json(stored_meta) if stored_meta is not None else None
            data = dict(zip(SHOWN_TARGET_FIELDS, (text, description), strict=True))
            metas.append(TaskMeta(task_id, meta, predictions or 0, submitted, shown_target(meta, data)))
        return metas

    def raw_chunks(self, project_id: int, task_ids: Sequence[int]) -> Iterator[RawChunk]:
        """The rows of the given tasks and of all their annotations (skips included), `READ_CHUNK` tasks at a
        time, each chunk from one short read transaction so that a task and its annotations agree. Undecoded:
        `as_export` makes export-shaped tasks of them (see `convert`)."""
        for start in range(0, len(task_ids), READ_CHUNK):
            chunk = list(task_ids[start : start + READ_CHUNK])
            yield self._read(lambda chunk=chunk: self._read_chunk(project_id, chunk))

    def _read_chunk(self, project_id: int, task_ids: list[int]) -> RawChunk:
        marks = ",".join("?" * len(task_ids))
        self._connection.execute("BEGIN")
        try:
            tasks = self._connection.execute(
                f"SELECT id, data, updated_at FROM task WHERE project_id = ? AND id IN ({marks}) ORDER BY id",
                (project_id, *task_ids),
            ).fetchall()
            # The stored prediction copy is about as big as the result; only an annotation started from a
            # prediction uses it (for its model version), so the others do not read it.
            annotations = self._connection.execute(
                "SELECT task_id, id, completed_by_id, result, was_cancelled, lead_time, created_at, updated_at,"
                " parent_prediction_id, CASE WHEN parent_prediction_id IS NULL THEN NULL ELSE prediction END"
                f" FROM task_completion WHERE task_id IN ({marks}) ORDER BY task_id, id",
                task_ids,
            ).fetchall()
        finally:
            self._connection.execute("COMMIT")
        return tasks, annotations

    def _read(self, query: Callable[[], T]) -> T:
        """Run a read, again after `LOCKED_RETRY_DELAYS` while the server keeps the database locked."""
        for delay in (*LOCKED_RETRY_DELAYS, None):
            try:
                return query()
            except sqlite3.OperationalError as error:
                if not _is_busy(error):
                    raise DatabaseReadError(
                        f"could not read Label Studio's database {self.path} ({error}); "
                        "run the pull again with --via api"
                    ) from error
                if delay is None:
                    break
                time.sleep(delay)
        waited = BUSY_TIMEOUT * (len(LOCKED_RETRY_DELAYS) + 1) + sum(LOCKED_RETRY_DELAYS)
        raise DatabaseReadError(
            f"Label Studio's database {self.path} stayed locked by the server for about {waited:.0f} s; "
            "run the pull again, or with --via api"
        )


def _connect_read_only(path: Path) -> sqlite3.Connection:
    # `mode=ro` makes SQLite refuse every write on this connection; autocommit (isolation_level=None) so the
    # module opens and ends each read transaction itself and holds no lock between them.
    return sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT, isolation_level=None)


def _check(connection: sqlite3.Connection, project_id: int, project_title: str) -> int | Unusable:
    """The project's organization id when the database is one this module can read, else why not."""
    [journal_mode] = connection.execute("PRAGMA journal_mode").fetchone()
    if str(journal_mode).lower() not in JOURNAL_MODES:
        return Unusable(f"the database's journal mode is {journal_mode}")
    for table, columns in REQUIRED_COLUMNS.items():
        present = {row[1] for row in connection.execute(f"PRAGMA table_info({table})")}
        missing = sorted(columns - present)
        if missing:
            return Unusable(f"the database's table {table} lacks {', '.join(missing)}")
    row = connection.execute("SELECT title, organization_id FROM project WHERE id = ?", (project_id,)).fetchone()
    if row is None or row[0] != project_title:
        return Unusable(f"project {project_id} in the database is not {project_title!r}")
    return int(row[1])


def _is_busy(error: sqlite3.OperationalError) -> bool:
    message = str(error).lower()
    return "locked" in message or "busy" in message


_JSON_DECODER = msgspec.json.Decoder()


def decode_json(stored: str) -> Any:
    """A JSON column's value, the one Django's JSONField (`json.loads`) gives and the export therefore carries.

    Decoded with msgspec: 1.8 s against 2.7 s of CPU for the results of 10,000 bench annotations (`json.loads`
    was a quarter of a first pull). Where the two could differ, msgspec refuses and `json.loads` decodes: `NaN`
    and `Infinity` (which Python's `json.dumps` writes), lone surrogates. Everything else decodes to the same
    values, integers of any size included (orjson, as fast, would turn integers beyond 64 bits into floats)."""
    try:
        return _JSON_DECODER.decode(stored)
    except msgspec.MsgspecError:
        return json.loads(stored)


def as_export(task_rows: list[tuple[Any, ...]], annotation_rows: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
    """Rows to tasks shaped like the JSON export's (the fields `pull` reads), JSON columns decoded as
    `decode_json` says, so the values are those the export would carry."""
    tasks: dict[int, dict[str, Any]] = {
        task_id: {
            "id": task_id,
            "data": decode_json(data),
            "updated_at": _iso(updated),
            "annotations": [],
        }
        for task_id, data, updated in task_rows
    }
    for (
        task_id,
        annotation_id,
        user_id,
        result,
        cancelled,
        lead_time,
        created,
        updated,
        parent_prediction,
        prediction,
    ) in annotation_rows:
        task = tasks.get(task_id)
        if task is None:  # a task of another project among the ids asked for: the export leaves it out too
            continue
        task["annotations"].append(
            {
                "id": annotation_id,
                "completed_by": user_id,
                "result": decode_json(result) if result is not None else None,
                "was_cancelled": bool(cancelled),
                "lead_time": lead_time,
                "created_at": _iso(created),
                "updated_at": _iso(updated),
                "parent_prediction": parent_prediction,
                "prediction": decode_json(prediction) if prediction is not None else None,
            }
        )
    return list(tasks.values())


def _utc(stored: str) -> dt.datetime:
    """A datetime column's value: Django keeps UTC (USE_TZ, TIME_ZONE 'UTC') as text without an offset."""
    value = dt.datetime.fromisoformat(stored)
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value


def _iso(stored: str) -> str:
    return _utc(stored).isoformat()
