"""The builder's only link to a Label Studio server: the few calls push and pull make, with retries and with
errors turned into one sentence that names the server (and never shows the token).

Everything here is I/O; what to send and how to read what comes back lives in the pure modules beside it.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

import httpx
from label_studio_sdk import LabelStudio
from label_studio_sdk.core.api_error import ApiError

from builder.studio.server import mask_token
from builder.studio.sqlite_read import TaskMeta, pushed_by_builder, shown_target

T = TypeVar("T")

RETRY_DELAYS = (0.5, 1.0, 2.0, 4.0)
"""Seconds to wait before each retry of a call that met a dead, slow or failing (5xx) server: 7.5 s in all,
enough for a restart of the local development server, short enough that a typo'd URL fails fast."""
TIMEOUT = 120.0
"""Seconds for one request. Importing 5,000 tasks took 12 s on a 2-core machine; the default 60 s would cut
off a large batch on a loaded one."""
EXPORT_CHUNK = 500
"""Task ids per export request: 500 ids in one URL were checked to work."""
EXPORT_WORKERS = 2
EXPORT_TAG_PARAMETER = "builder_pull"
"""An export request's query parameter the server ignores but records in the copy it keeps (its `-info.json`
lists the request's parameters), so that a pull can tell its own copies apart and remove them."""
WATERMARK_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"
"""The only form the task filter takes for a Datetime (an `+00:00` offset gives a 500)."""


class StudioConnectionError(RuntimeError):
    """The server cannot be used; the message is one sentence for the user, naming the URL."""


class StudioClient:
    """A connection to one Label Studio server as one user."""

    def __init__(
        self,
        url: str,
        token: str,
        *,
        retry_delays: Sequence[float] = RETRY_DELAYS,
        timeout: float = TIMEOUT,
        predictions_apart: bool = False,
    ) -> None:
        """`predictions_apart`: import tasks and their predictions in two calls, which is twice as fast on a
        server started with the feature flag `server.FAST_PREDICTION_IMPORT_FLAG` (the local one is) and slower
        on any other: there the predictions import re-counts every task of the project."""
        self.url = url.rstrip("/")
        self.predictions_apart = predictions_apart
        self._masked = mask_token(token)
        self._retry_delays = tuple(retry_delays)
        self._http = httpx.Client(timeout=timeout)
        # The SDK's own retries are off so that every call gets the same backoff and the same message.
        self.sdk = LabelStudio(
            base_url=self.url, api_key=token, timeout=timeout, max_retries=0, httpx_client=self._http
        )

    def call(self, what: str, request: Callable[[], T], *, idempotent: bool = True) -> T:
        """Run `request`, retrying on connection faults, timeouts and 5xx; raise StudioConnectionError otherwise.

        A request that is not idempotent (an import) is retried only when it never reached the server: after a
        timeout or a 5xx the server may have done the work, and doing it twice would duplicate tasks.
        """
        for attempt in range(len(self._retry_delays) + 1):
            try:
                return request()
            except httpx.TransportError as error:
                fault = f"does not answer ({type(error).__name__}: {error or 'no details'})"
                unsent = isinstance(error, httpx.ConnectError | httpx.ConnectTimeout)
            except ApiError as error:
                if error.status_code is None or error.status_code < 500:
                    raise StudioConnectionError(self.explain(error, what)) from None
                fault = f"answered HTTP {error.status_code}"
                unsent = False
            if not (idempotent or unsent):
                raise StudioConnectionError(
                    f"Label Studio at {self.url} {fault} while trying to {what}; it may have done part of it, so "
                    "this was not retried: run the command again, it sends only what is not there yet"
                )
            if attempt == len(self._retry_delays):
                break
            time.sleep(self._retry_delays[attempt])
        raise StudioConnectionError(
            f"Label Studio at {self.url} {fault} while trying to {what}, also after {len(self._retry_delays)} "
            "retries: is it running? (`builder studio serve` or scripts/studio-up.sh starts it)"
        )

    def explain(self, error: ApiError, what: str) -> str:
        body = error.body if isinstance(error.body, dict) else {"detail": str(error.body)[:200]}
        detail = str(body.get("detail") or "").rstrip(".")
        if error.status_code == 401:
            return (
                f"Label Studio at {self.url} refuses the API token {self._masked} ({detail}): "
                "check LABEL_STUDIO_API_KEY or --token."
            )
        problems = body.get("validation_errors")
        return f"Label Studio at {self.url} answered HTTP {error.status_code} while trying to {what}: {detail}" + (
            f" {problems}" if problems else ""
        )

    def check_access(self) -> str:
        """The e-mail of the user the token belongs to; fails early and clearly on a wrong token or URL."""
        me = self.call("check the API token", self.sdk.users.whoami)
        return me.email or me.username or "?"

    def user_emails(self) -> dict[int, str]:
        """E-mail address by user id, for turning `completed_by` into a pseudonym."""
        users = self.call("list users", self.sdk.users.list)
        return {user.id: user.email or user.username or str(user.id) for user in users if user.id is not None}

    def find_project(self, title: str) -> int | None:
        """The id of the project titled `title`; the lowest id when there are several, so the choice is stable."""
        projects = self.call("list projects", lambda: list(self.sdk.projects.list(title=title, page_size=100)))
        ids = sorted(project.id for project in projects if project.title == title and project.id is not None)
        return ids[0] if ids else None

    def create_project(self, title: str, label_config: str, instructions: str, overlap: int) -> int:
        project = self.call(
            "create the project",
            lambda: self.sdk.projects.create(
                title=title,
                label_config=label_config,
                expert_instruction=instructions,
                show_instruction=True,
                maximum_annotations=overlap,
            ),
        )
        assert project.id is not None
        return project.id

    def update_project(self, project_id: int, **settings: Any) -> None:
        self.call("update the project", lambda: self.sdk.projects.update(id=project_id, **settings))

    def task_metas(self, project_id: int) -> list[TaskMeta]:
        """`TaskMeta` of every task of the project, in id order, for `push.existing_tasks`. (Listing `meta` rather
        than `data` leaves out every task's text: half the time on 300 tasks.) Only when a task pushed before its
        meta held the shown target is there are the tasks' data listed too, for that."""
        tasks = self.call(
            "list the project's tasks",
            lambda: list(
                self.sdk.tasks.list(
                    project=project_id,
                    fields="task_only",
                    include="id,meta,total_predictions,total_annotations",
                    page_size=1000,
                )
            ),
        )
        listed = [task for task in tasks if task.id is not None]
        data: dict[int, dict[str, Any]] = {}
        if any(pushed_by_builder(task.meta) and shown_target(task.meta, None) is None for task in listed):
            data = self._task_data(project_id)
        return [
            TaskMeta(
                task.id,
                task.meta,
                task.total_predictions or 0,
                task.total_annotations or 0,
                shown_target(task.meta, data.get(task.id)),
            )
            for task in listed
        ]

    def _task_data(self, project_id: int) -> dict[int, dict[str, Any]]:
        tasks = self.call(
            "list the project's task data",
            lambda: list(
                self.sdk.tasks.list(project=project_id, fields="task_only", include="id,data", page_size=1000)
            ),
        )
        return {task.id: task.data for task in tasks if task.id is not None and isinstance(task.data, dict)}

    def import_tasks(self, project_id: int, tasks: list[dict[str, Any]]) -> list[int]:
        """Import tasks with their predictions (in one call, or two with `predictions_apart`); the new task ids in
        the order given.

        The body is serialised here with `json.dumps` rather than by `projects.import_tasks`: the SDK walks every
        value of the request through its own Python encoder first, which took more time than the server's whole
        import for tasks with predictions (9.6 of 16.8 s for 500 sample tasks, profiled).
        """
        if not self.predictions_apart:
            return self._import(project_id, tasks)
        bare = [{key: value for key, value in task.items() if key != "predictions"} for task in tasks]
        task_ids = self._import(project_id, bare)
        self.import_predictions(project_id, list(zip(task_ids, tasks, strict=True)))
        return task_ids

    def import_predictions(self, project_id: int, tasks: list[tuple[int, dict[str, Any]]]) -> None:
        """Add the predictions of tasks already in the project: (task id, task in the import format) pairs.

        Through `/import/predictions`, which on a server with `FAST_PREDICTION_IMPORT_FLAG` skips the check of
        every result item against the config that the task import makes (half its time, profiled, and in this
        release it only logs what it finds: `fflag_feat_utc_210_prediction_validation_15082025` is off).
        """
        predictions = [{"task": task_id, **prediction} for task_id, task in tasks for prediction in task["predictions"]]
        if not predictions:
            return
        body = json.dumps(predictions, ensure_ascii=False).encode("utf-8")
        path = f"/api/projects/{project_id}/import/predictions"
        self.call("import predictions", lambda: self._post_json(path, body, {}), idempotent=False)

    def _import(self, project_id: int, tasks: list[dict[str, Any]]) -> list[int]:
        body = json.dumps(tasks, ensure_ascii=False).encode("utf-8")
        path = f"/api/projects/{project_id}/import"
        answer = self.call(
            "import tasks", lambda: self._post_json(path, body, {"return_task_ids": "true"}), idempotent=False
        )
        return list(answer.get("task_ids") or [])

    def _post_json(self, path: str, body: bytes, params: dict[str, str]) -> Any:
        # The SDK's headers carry the authorisation in whichever form the key needs (legacy token or JWT).
        headers = {**self.sdk._client_wrapper.get_headers(), "Content-Type": "application/json"}
        return _answer(self._http.post(f"{self.url}{path}", content=body, params=params, headers=headers))

    def refresh_prediction(self, task_id: int, task: dict[str, Any]) -> None:
        """Add a newer extractor's prediction to a task and record its version in the task's data and meta."""
        prediction = task["predictions"][0]
        self.call(
            "add a prediction",
            lambda: self.sdk.predictions.create(
                task=task_id,
                result=prediction["result"],
                model_version=prediction["model_version"],
                score=prediction["score"],
            ),
            idempotent=False,
        )
        self.update_task(task_id, task)

    def update_task(self, task_id: int, task: dict[str, Any]) -> None:
        """Replace a task's data and meta with those of `task` (in the import format); its annotations and
        predictions stay as they are."""
        self.call("update a task", lambda: self.sdk.tasks.update(id=str(task_id), data=task["data"], meta=task["meta"]))

    def changed_tasks(self, project_id: int, since: dt.datetime | None) -> list[int]:
        """Ids of the tasks changed after `since` (all tasks when None): an annotation created, updated or
        deleted moves its task's `updated_at`.

        Listing ids is not cheap: the task list loads and decodes every listed task's annotations and
        predictions whatever fields are asked for (27 s for the ids of 5,000 tasks holding 10,000 annotations,
        a third of a first pull). All of a project's tasks usually have consecutive ids (each import takes a
        block), so when None asks for all of them the count and the lowest and highest id (three cheap
        requests) give the ids exactly; only a project with gaps is listed.
        """
        if since is None:
            span = self._id_span(project_id)
            if span is not None:
                return span
        query = None
        if since is not None:
            stamp = since.astimezone(dt.UTC).strftime(WATERMARK_FORMAT)
            item = {"filter": "filter:tasks:updated_at", "operator": "greater", "type": "Datetime", "value": stamp}
            query = json.dumps({"filters": {"conjunction": "and", "items": [item]}})
        return self.call(
            "list changed tasks",
            lambda: [
                task.id
                for task in self.sdk.tasks.list(
                    project=project_id, query=query, fields="task_only", include="id", page_size=1000
                )
                if task.id is not None
            ],
        )

    def _id_span(self, project_id: int) -> list[int] | None:
        """All task ids of the project when they are consecutive (the count equals highest - lowest + 1), else
        None. Asks for one task in id order each way: the server then decodes one task's annotations, not all."""
        ends = []
        total = 0
        for ordering in ("tasks:id", "-tasks:id"):
            params = {
                "project": str(project_id),
                "page_size": "1",
                "fields": "task_only",
                "include": "id",
                "query": json.dumps({"ordering": [ordering]}),
            }
            page = self.call("list tasks", lambda params=params: self._get_json("/api/tasks/", params))
            tasks = page.get("tasks") or []
            total = int(page.get("total") or 0)
            if not tasks:
                return [] if total == 0 else None
            ends.append(int(tasks[0]["id"]))
        low, high = min(ends), max(ends)
        return list(range(low, high + 1)) if high - low + 1 == total else None

    def _get_json(self, path: str, params: dict[str, str]) -> Any:
        headers = self.sdk._client_wrapper.get_headers()
        return _answer(self._http.get(f"{self.url}{path}", params=params, headers=headers))

    def export_tasks(
        self, project_id: int, task_ids: Sequence[int], tag: str | None = None
    ) -> Iterator[list[dict[str, Any]]]:
        """The given tasks with all their annotations, skips included, in chunks of `EXPORT_CHUNK` tasks.

        `EXPORT_WORKERS` requests run at once: the server spends most of an export serialising, and the threaded
        development server does that for two requests side by side. At most that many chunks are held at once.
        The export is the fastest way to get annotations with their results (1.6x `tasks.list(fields="all")` on
        1,000 sample annotations), but Label Studio keeps a copy of every export in its data directory's
        `export/` folder, which no API call removes (see docs/label-studio-notes.md), so only changed tasks are
        ever exported, and `tag`, sent as `EXPORT_TAG_PARAMETER`, marks the copies for whoever can remove them.
        """
        chunks = [task_ids[start : start + EXPORT_CHUNK] for start in range(0, len(task_ids), EXPORT_CHUNK)]
        with ThreadPoolExecutor(max_workers=EXPORT_WORKERS) as pool:
            pending: deque[Future[list[dict[str, Any]]]] = deque()
            for chunk in chunks:
                pending.append(pool.submit(self._export_chunk, project_id, chunk, tag))
                if len(pending) == EXPORT_WORKERS:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()

    def _export_chunk(self, project_id: int, task_ids: Sequence[int], tag: str | None) -> list[dict[str, Any]]:
        # `download_sync(ids=...)` sends `ids=`, which the server ignores (it reads `ids[]`) and exports everything;
        # the ids go in by hand, and never an empty list, which would also mean everything.
        parameters: dict[str, Any] = {"ids[]": [str(task_id) for task_id in task_ids]}
        if tag is not None:
            parameters[EXPORT_TAG_PARAMETER] = tag
        raw = self.call(
            "export annotations",
            lambda: b"".join(
                self.sdk.projects.exports.download_sync(
                    id=project_id,
                    export_type="JSON",
                    download_all_tasks=True,
                    request_options={"additional_query_parameters": parameters},
                )
            ),
        )
        return json.loads(raw)


def _answer(response: httpx.Response) -> Any:
    """The response's JSON (or the start of its text), raised as the SDK's `ApiError` on an error status, so
    that the retry and explanation in `StudioClient.call` treat direct requests as they treat the SDK's."""
    try:
        answer = response.json()
    except ValueError:
        answer = response.text[:300]
    if response.status_code >= 400:
        raise ApiError(status_code=response.status_code, headers=dict(response.headers), body=answer)
    return answer
