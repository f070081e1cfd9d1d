"""Push and pull speed against the local Label Studio, each beside a bare SDK baseline in the same run.

Push: `builder.studio.push.push` (tasks built from documents, the project's existing keys listed, imports in
batches) against one bare `projects.import_tasks` call with the very same task payloads, each into a new
project. Pull: a first `builder.studio.pull.pull` of a project holding 2 annotations on each of N/2 tasks,
against a bare export of the same project (`projects.exports.download_sync`, the one call a pull through the
API cannot do without). On the local server the pull reads its database (read-only); `--api-pull` also times
a first pull through the API (`--via api`). Documents are the shipped sample page's, copied under new ids:
real text, quotes and claims.

    .venv/bin/python scripts/bench_studio.py [--tasks 5000] [--annotations 10000] [--api-pull] [--no-push]
                                             [--pull-runs 3]

Needs the server scripts/studio-up.sh starts (or LABEL_STUDIO_URL and LABEL_STUDIO_API_KEY). Prints figures;
the projects it makes are deleted at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from benchlib import Figure, report  # noqa: E402

from builder.ingest.ids import hashed_id  # noqa: E402
from builder.records import Document  # noqa: E402
from builder.studio import server  # noqa: E402
from builder.studio.client import StudioClient  # noqa: E402
from builder.studio.config import labeling_config  # noqa: E402
from builder.studio.pull import PullReport, ReadVia, pull  # noqa: E402
from builder.studio.push import push  # noqa: E402
from builder.studio.tasks import index_targets, speaker_notes, tasks_for_document, to_studio  # noqa: E402
from builder.targets import load_targets  # noqa: E402

TARGETS = REPO / "annotations" / "targets.yaml"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tasks", type=int, default=5000, help="Tasks to push (each way).")
    parser.add_argument("--annotations", type=int, default=10000, help="Annotations to pull (2 per task).")
    parser.add_argument("--quick", action="store_true", help="500 tasks and 1,000 annotations.")
    parser.add_argument("--json", type=Path, help="Also write the figures here, for scripts/bench.py.")
    parser.add_argument("--api-pull", action="store_true", help="Also time a first pull through the API.")
    parser.add_argument("--no-push", action="store_true", help="Time the pull only (the push takes minutes).")
    parser.add_argument("--pull-runs", type=int, default=1, help="First pulls to time; the median is reported.")
    args = parser.parse_args()
    if args.quick:
        args.tasks, args.annotations = 500, 1000
    url, token, apart = _server()
    client = StudioClient(url, token, predictions_apart=apart)
    targets = load_targets(TARGETS)
    print(f"server {url}; load average {_load()}")
    made: list[int] = []
    try:
        figures = [] if args.no_push else _bench_push(client, targets, args.tasks, made)
        figures += _bench_pull(client, targets, args.annotations, made, args.api_pull, args.pull_runs)
    finally:
        for project_id in made:
            client.sdk.projects.delete(id=project_id)
    report("studio", figures, args.json)


def _bench_push(client: StudioClient, targets: list, tasks: int, made: list[int]) -> list[Figure]:
    documents = _documents(tasks, targets)
    payloads = [
        to_studio(task, speaker_notes(document))
        for document in documents
        for task in tasks_for_document(document, index_targets(targets))
    ]
    size = len(json.dumps(payloads).encode()) / len(payloads)
    print(f"push: {len(payloads):,} tasks from {len(documents):,} documents, {size / 1024:.1f} KB per task")
    bare_id = client.create_project(f"bench bare {uuid.uuid4().hex[:6]}", labeling_config(), "", 1)
    made.append(bare_id)
    started = time.perf_counter()
    client.sdk.projects.import_tasks(id=bare_id, request=payloads, return_task_ids=True)
    bare = time.perf_counter() - started
    # What the server alone takes for the same tasks: the same import as one plain HTTP call (no SDK encoder),
    # and the tasks without their predictions (the floor of any push that keeps the predictions).
    floors = {}
    for name, body in (("tasks with predictions", payloads), ("tasks without predictions", _bare_tasks(payloads))):
        floor_id = client.create_project(f"bench floor {uuid.uuid4().hex[:6]}", labeling_config(), "", 1)
        made.append(floor_id)
        started = time.perf_counter()
        client._import(floor_id, body)
        floors[name] = time.perf_counter() - started

    title = f"bench push {uuid.uuid4().hex[:6]}"
    # As `builder studio push` does: the tasks already there are listed from the local server's database.
    local = _local_server()
    started = time.perf_counter()
    report = push(client, documents, title, targets, "<p>bench</p>", local_server=local)
    pushed = time.perf_counter() - started
    made.append(report.project_id)
    assert report.imported == len(payloads), report

    started = time.perf_counter()
    again = push(client, documents, title, targets, "<p>bench</p>", local_server=local)
    repeat = time.perf_counter() - started
    assert again.imported == 0, again
    count = len(payloads)
    print(f"push, bare projects.import_tasks (1 call):   {count / bare:8,.0f} tasks/s ({bare:.1f} s)")
    for name, seconds in floors.items():
        print(f"push, one plain POST /import, {name}: {count / seconds:8,.0f} tasks/s ({seconds:.1f} s)")
    way = "predictions in a second call" if client.predictions_apart else "predictions with their tasks"
    print(f"push uses: {way}")
    print(
        f"push, builder studio push ({report.batches} batches): {count / pushed:8,.0f} tasks/s ({pushed:.1f} s), "
        f"{bare / pushed:.2f}x bare"
    )
    print(f"push again, nothing new ({count:,} tasks listed {again.listed_via}): {repeat:.1f} s")
    rate = count / pushed
    return [
        Figure(
            "builder studio push",
            rate,
            "tasks/s",
            "bare projects.import_tasks",
            count / bare,
            ">= 2,000 tasks/s and >= 0.8x bare",
            rate >= 2000 and bare / pushed >= 0.8,
        ),
    ]


def _bench_pull(
    client: StudioClient, targets: list, annotations: int, made: list[int], api_pull: bool, pull_runs: int
) -> list[Figure]:
    tasks_needed = annotations // 2
    documents = _documents(tasks_needed, targets)
    payloads = [
        to_studio(task, speaker_notes(document))
        for document in documents
        for task in tasks_for_document(document, index_targets(targets))
    ]
    payloads = payloads[:tasks_needed]
    stance = {"from_name": "stance", "to_name": "text", "type": "choices", "value": {"choices": ["AGAINST"]}}
    for payload in payloads:
        result = [*payload["predictions"][0]["result"], stance]
        payload["annotations"] = [{"result": result, "lead_time": 12.0}, {"result": result, "lead_time": 20.0}]
    title = f"bench pull {uuid.uuid4().hex[:6]}"
    project_id = client.create_project(title, labeling_config(), "", 2)
    made.append(project_id)
    for start in range(0, len(payloads), 1000):
        client.sdk.projects.import_tasks(id=project_id, request=payloads[start : start + 1000])
    count = 2 * len(payloads)

    started, cpu = time.perf_counter(), _server_cpu()
    raw = b"".join(
        client.sdk.projects.exports.download_sync(id=project_id, export_type="JSON", download_all_tasks=True)
    )
    bare, bare_cpu = time.perf_counter() - started, _server_cpu() - cpu
    started = time.process_time()
    assert sum(len(task["annotations"]) for task in json.loads(raw)) == count
    parse = time.process_time() - started
    started, cpu = time.perf_counter(), _server_cpu()
    listed = len(list(client.sdk.tasks.list(project=project_id, fields="task_only", include="id", page_size=1000)))
    listing, listing_cpu = time.perf_counter() - started, _server_cpu() - cpu

    local = _local_server()
    runs = []
    for _ in range(pull_runs):
        with tempfile.TemporaryDirectory() as folder:
            load_before = _load()
            first, first_cpu, own, report = _first_pull(client, title, Path(folder), local, ReadVia.auto)
            assert report.written["submitted"] == count, report
            print(
                f"pull, first: {first:.1f} s, own CPU {own:.1f} s, server CPU {first_cpu:.1f} s; "
                f"load average {load_before} before, {_load()} after"
            )
            runs.append((first, first_cpu, own))
            started = time.perf_counter()
            pull(client, title, Path(folder), local_server=local)
            nothing = time.perf_counter() - started
    first, first_cpu, own = sorted(runs)[len(runs) // 2]  # the median run (by wall time)
    print(
        f"pull, bare export of the project (1 call):  {count / bare:8,.0f} annotations/s ({bare:.1f} s for {count:,}; "
        f"server CPU {bare_cpu:.1f} s; {len(raw) / 1e6:.0f} MB, json.loads {parse:.1f} s)"
    )
    print(
        f"pull, builder studio pull (first, all):     {count / first:8,.0f} annotations/s "
        f"({first:.1f} s for {count:,}), {bare / first:.2f}x bare; server CPU {first_cpu:.1f} s, "
        f"pull's own CPU {own:.1f} s (median of {len(runs)}); read from: {report.read_path}"
    )
    if api_pull:
        with tempfile.TemporaryDirectory() as folder:
            through_api, api_cpu, api_own, _ = _first_pull(client, title, Path(folder), local, ReadVia.api)
        print(
            f"pull, builder studio pull --via api:        {count / through_api:8,.0f} annotations/s "
            f"({through_api:.1f} s), {bare / through_api:.2f}x bare; server CPU {api_cpu:.1f} s, "
            f"pull's own CPU {api_own:.1f} s"
        )
    print(
        f"pull, listing every task id (task list):    {listing:.1f} s for {listed:,} tasks, "
        f"server CPU {listing_cpu:.1f} s "
        "(a first pull no longer does this when the ids are consecutive)"
    )
    print(f"pull again, nothing changed:                {nothing:.1f} s")
    seconds_per_10k = first * 10_000 / count
    return [
        Figure(
            "builder studio pull, first full pull",
            count / first,
            "annotations/s",
            "bare export",
            count / bare,
            "10,000 annotations in < 10 s",
            seconds_per_10k < 10,
        ),
    ]


def _first_pull(
    client: StudioClient, title: str, folder: Path, local: server.ServerInfo | None, via: ReadVia
) -> tuple[float, float, float, PullReport]:
    """A first pull into the empty `folder`: wall seconds, server CPU seconds, the pull's own CPU seconds (this
    process, all its threads), and its report."""
    started, cpu, own = time.perf_counter(), _server_cpu(), time.process_time()
    report = pull(client, title, folder, local_server=local, via=via)
    return time.perf_counter() - started, _server_cpu() - cpu, time.process_time() - own, report


def _load() -> str:
    """The 1-minute load average: on 2 shared cores, how much a wall time says about this code rather than the
    other jobs."""
    return f"{os.getloadavg()[0]:.1f}"


def _local_server() -> server.ServerInfo | None:
    return server.status(REPO / (os.environ.get("BUILDER_STUDIO_DATA") or ".studio/data"))


def _server_cpu() -> float:
    """CPU seconds the local server's processes used so far (user + system), 0 when it is not local."""
    info = _local_server()
    if info is None:
        return 0.0
    try:
        fields = Path(f"/proc/{info.pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _bare_tasks(payloads: list[dict]) -> list[dict]:
    return [{key: value for key, value in payload.items() if key != "predictions"} for payload in payloads]


def _documents(tasks: int, targets: list) -> list[Document]:
    """Copies of the sample page's documents under new ids, enough for `tasks` tasks."""
    with tempfile.TemporaryDirectory() as folder:
        command = [sys.executable, "-m", "builder.cli", "ingest", str(REPO / "samples"), "--out", folder]
        subprocess.run([*command, "--targets", str(TARGETS)], cwd=REPO, check=True, capture_output=True)
        originals = [
            Document.model_validate_json(line) for line in Path(folder, "documents.jsonl").read_text().splitlines()
        ]
    per_round = sum(len(tasks_for_document(document, index_targets(targets))) for document in originals)
    documents = []
    for copy in range(-(-tasks // per_round)):
        for document in originals:
            documents.append(document.model_copy(update={"doc_id": hashed_id("doc", document.doc_id, str(copy))}))
    return documents


def _server() -> tuple[str, str, bool]:
    """URL, token, and whether predictions go in apart from their tasks (the local server, as the CLI does)."""
    info = _local_server()
    url, token = os.environ.get("LABEL_STUDIO_URL"), os.environ.get("LABEL_STUDIO_API_KEY")
    if url and token:
        return url, token, info is not None and info.fast_prediction_import and info.url == url.rstrip("/")
    if info is None:
        sys.exit("no Label Studio: run scripts/studio-up.sh or set LABEL_STUDIO_URL and LABEL_STUDIO_API_KEY")
    return info.url, info.token, info.fast_prediction_import


if __name__ == "__main__":
    main()
