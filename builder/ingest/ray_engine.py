"""`builder ingest --engine ray`: the local engine's stages, run as Ray Data `map_batches` over the input files,
with deduplication split into a parallel join and a small replay so the records equal the local engine's.

How the run is cut up, and why:

1. map (parallel, one row per input file): `ingest_file`, the very function the local engine runs, gives each
   file's JSON lines, fingerprints, rejections and report row as plain Arrow columns. A big export of records
   (JSON Lines, CSV, Parquet, Arrow, a feed or a WARC over `SPLIT_BYTES`, 4 MB: `read_by_parent`) is read by the
   driver instead, as the local engine's parent reads it, and its pages become rows of their own in runs of about
   256 KB (`page_runs`), each built by `pages_task` on whichever CPU has its block: one such file was one row,
   built by one CPU while the others waited. The driver adds a file's rows up into its report row.
2. candidates (parallel): every document emits its content hash and its LSH band keys; grouping on the key
   finds the keys shared by two or more documents. A document that shares no key cannot be a duplicate nor
   have one: `DuplicateIndex` only ever compares documents that share a content hash or a band key.
3. replay (driver): `DuplicateIndex.check` in input order over only the candidate documents gives exactly the
   local engine's `duplicate_of` values (the first copy in input order is the root), because leaving out
   documents that share nothing changes no comparison the index makes. Its cost is bounded by the number of
   candidates, not of documents.
4. write (parallel): each block of the map's output becomes one shard, its duplicates marked; the driver names
   the shards `documents-00000.jsonl`, ... in input order, so the shards read in name order hold the same lines
   in the same order as the local engine's single `documents.jsonl`. Quarantine and report are small and are
   written by the driver.

Inputs may be local paths (on a cluster: a file system every node mounts) or fsspec URLs (s3://, gs://, hf://,
with the matching fsspec back end installed); a URL's file is copied to a worker-local temporary file for the
length of its `ingest_file` call, and reports and provenance show the URL.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import pickle
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import ray
import ray.data

from builder.ingest.dedup import REPEATED, DuplicateIndex, Fingerprint, band_keys
from builder.ingest.pages import Rejection
from builder.ingest.pipeline import (
    FileOutcome,
    FileTally,
    IngestOptions,
    IngestTally,
    PagesTask,
    common_page_lines,
    ingest_file,
    input_size,
    join_parts,
    mark_duplicate,
    page_runs,
    pages_task,
    read_by_parent,
    repeated_record,
    row_json,
    run_warnings,
)
from builder.ingest.sources import InputFile, discover, is_url
from builder.jsonl import AtomicJsonlWriter

SHARD_NAME = "documents-{:05d}.jsonl"
SHARD_PATTERN = re.compile(r"^documents-\d{5,}\.jsonl$")
MAX_ROWS_PER_BATCH = 16
"""Map rows (input files, or runs of a big export's pages) per batch at most: enough to amortise Ray's per-batch
cost (milliseconds) against files that take tens of milliseconds each; small runs get smaller batches, so that
every CPU has work."""
BLOCKS_PER_CPU = 4
IDLE_WORKER_SECONDS = 60
"""How long a local Ray keeps an idle worker: longer than the driver's work between two Ray Data executions of a
run, bar a replay of millions of candidates, after which a fresh worker's start-up no longer counts."""
EXACT_KEY_PREFIX = b"\xff"
"""Marks content-hash keys apart from band keys, whose first byte is the band number (below 128)."""
POSITION_BITS = 32
"""A document's place in input order as one integer: its map row's index above, its position in the row below."""

OUTCOME_SCHEMA = pa.schema(
    [
        ("row_index", pa.int64()),
        ("lines", pa.list_(pa.large_string())),
        ("doc_ids", pa.list_(pa.string())),
        ("content_hashes", pa.list_(pa.string())),
        ("signatures", pa.list_(pa.binary())),
        # Rejections and the report row are JSON text: their optional fields and per-file reason codes would
        # give each block a different Arrow struct type, which blocks cannot be concatenated across.
        ("rejections", pa.list_(pa.string())),
        ("report", pa.string()),
        ("final", pa.bool_()),  # whether the row ends its file: a big export's runs end it at the last
    ]
)
KEY_SCHEMA = pa.schema([("key", pa.int64()), ("order", pa.int64())])
FINGERPRINT_SCHEMA = pa.schema(
    [("order", pa.int64()), ("doc_id", pa.string()), ("content_hash", pa.string()), ("signature", pa.binary())]
)
SHARD_SCHEMA = pa.schema(
    [("first_row", pa.int64()), ("part", pa.string()), ("documents", pa.int64()), ("repeats", pa.list_(pa.string()))]
)
"""A written shard: its first map row, its file, how many documents it holds, and the rejections (as JSON) of the
repeated records left out of it (`REPEATED`)."""


@dataclasses.dataclass(frozen=True)
class RayIngestResult:
    report: IngestTally
    shards: list[Path]
    quarantine: Path


def discover_locations(inputs: Sequence[str], outputs: Path | None = None) -> list[tuple[str, str]]:
    """(location, shown) of every input file, in the local engine's order (`discover`'s), not those in the run's
    own `outputs` folder."""
    # Local files go to Ray workers as absolute paths: a worker's working directory is not the user's.
    return [
        (source.location if is_url(source.location) else os.path.abspath(source.location), source.shown)
        for source in discover(inputs, outputs)
    ]


def map_rows(locations: Sequence[tuple[str, str]], options: IngestOptions) -> list[dict[str, Any]]:
    """The map stage's rows in input order: an input file each, but a big export of records (`read_by_parent`)
    read here and given as the runs of its pages (`page_runs`), a row each."""
    rows: list[dict[str, Any]] = []
    for location, shown in locations:
        source = InputFile(location, shown)
        if read_by_parent(source, input_size(source), options):
            # Pickled, as the local engine's pool sends a run to a worker: Arrow has no type for a page.
            rows += [
                {"location": location, "shown": shown, "pages": pickle.dumps(run)} for run in page_runs(source, options)
            ]
        else:
            rows.append({"location": location, "shown": shown, "pages": None})
    return [{"row_index": index, **row} for index, row in enumerate(rows)]


def _order(row_index: int, position: int) -> int:
    return row_index << POSITION_BITS | position


def ingest_files(batch: pa.Table, options: IngestOptions) -> pa.Table:
    """Map stage: one output row for each row of the batch: `ingest_file` on an input file, or `pages_task` on a
    run of a big export's pages."""
    columns: dict[str, list[Any]] = {name: [] for name in OUTCOME_SCHEMA.names}
    for row_index, location, shown, pages in zip(
        batch["row_index"].to_pylist(),
        batch["location"].to_pylist(),
        batch["shown"].to_pylist(),
        batch["pages"].to_pylist(),
        strict=True,
    ):
        if pages is None:
            outcome = ingest_file(InputFile(location, shown), options)
        else:
            run: PagesTask = pickle.loads(pages)
            outcome = join_parts(run.path, pages_task(run, options))
        row = outcome.report_row()
        columns["row_index"].append(row_index)
        columns["lines"].append([built.line for built in outcome.documents])
        columns["doc_ids"].append([built.fingerprint.doc_id for built in outcome.documents])
        columns["content_hashes"].append([built.fingerprint.content_hash for built in outcome.documents])
        columns["signatures"].append([built.fingerprint.signature.tobytes() for built in outcome.documents])
        columns["rejections"].append([json.dumps(dataclasses.asdict(item)) for item in outcome.rejections])
        columns["report"].append(json.dumps(row_json(row)))
        columns["final"].append(outcome.final)
    return pa.Table.from_pydict(columns, schema=OUTCOME_SCHEMA)


def document_keys(batch: pa.Table, options: IngestOptions) -> pa.Table:
    """Candidates stage, first half: (key, order) for each document's content hash and each of its band keys.

    Keys are 64-bit hashes, so the shuffle moves 16 bytes a key instead of up to 65. A collision only adds a
    candidate, and candidates are compared by the real `DuplicateIndex`: the result cannot change.
    """
    keys: list[int] = []
    orders: list[int] = []
    for row_index, hashes, signatures in zip(
        batch["row_index"].to_pylist(),
        batch["content_hashes"].to_pylist(),
        batch["signatures"].to_pylist(),
        strict=True,
    ):
        for position, (content_hash, packed) in enumerate(zip(hashes, signatures, strict=True)):
            document_keys = [EXACT_KEY_PREFIX + content_hash.encode()]
            document_keys += band_keys(np.frombuffer(packed, dtype=np.uint32), options.dedup)
            keys += [_key_hash(key) for key in document_keys]
            orders += [_order(row_index, position)] * len(document_keys)
    return pa.Table.from_pydict({"key": keys, "order": orders}, schema=KEY_SCHEMA)


def _key_hash(key: bytes) -> int:
    return int.from_bytes(hashlib.blake2b(key, digest_size=8).digest(), "little", signed=True)


def shared_key_members(group: pa.Table) -> pa.Table:
    """Candidates stage, second half: the documents of a key only when two or more documents have it."""
    if group.num_rows < 2:
        return pa.table({"order": pa.array([], pa.int64())})
    return group.select(["order"])


def candidate_fingerprints(batch: pa.Table, candidates: np.ndarray) -> pa.Table:
    """The fingerprints of the candidate documents, for the driver's replay."""
    columns: dict[str, list[Any]] = {name: [] for name in FINGERPRINT_SCHEMA.names}
    for row_index, doc_ids, hashes, signatures in zip(
        batch["row_index"].to_pylist(),
        batch["doc_ids"].to_pylist(),
        batch["content_hashes"].to_pylist(),
        batch["signatures"].to_pylist(),
        strict=True,
    ):
        orders = np.array([_order(row_index, position) for position in range(len(doc_ids))], dtype=np.int64)
        for position in np.flatnonzero(np.isin(orders, candidates)):
            columns["order"].append(int(orders[position]))
            columns["doc_id"].append(doc_ids[position])
            columns["content_hash"].append(hashes[position])
            columns["signature"].append(signatures[position])
    return pa.Table.from_pydict(columns, schema=FINGERPRINT_SCHEMA)


def write_shard(batch: pa.Table, folder: str, duplicates: dict[int, str], repeats: dict[int, str]) -> pa.Table:
    """Write stage: the batch's documents, in input order and with `duplicate_of` set, as one shard file named
    after its first map row (the driver renames the shards in order once all are written); a repeated record
    (`repeats`, by order: the id of the document it repeats) is left out, its rejection returned."""
    rows = sorted(zip(batch["row_index"].to_pylist(), batch["lines"].to_pylist(), strict=True), key=lambda row: row[0])
    if not any(lines for _, lines in rows):
        return pa.Table.from_pylist([], schema=SHARD_SCHEMA)
    part = Path(folder) / f".documents-from-{rows[0][0]:012d}.jsonl"
    rejected: list[str] = []
    with AtomicJsonlWriter(part) as shard:
        for row_index, lines in rows:
            for position, line in enumerate(lines):
                order = _order(row_index, position)
                if order in repeats:
                    repeat = repeated_record(line, repeats[order])
                    rejected.append(json.dumps({"row_index": row_index, **dataclasses.asdict(repeat)}))
                    continue
                duplicate_of = duplicates.get(order)
                if duplicate_of is not None:
                    line = mark_duplicate(line, duplicate_of)
                shard.write_line(line)
    return pa.Table.from_pylist(
        [{"first_row": rows[0][0], "part": part.name, "documents": shard.count, "repeats": rejected}],
        schema=SHARD_SCHEMA,
    )


@contextmanager
def ray_session(address: str | None = None) -> Iterator[None]:
    """Ray for the length of a run: the caller's session when one is running (tests keep one per module), else
    the cluster at `address`, else a local one on this machine's cores, shut down at the end.

    A local Ray needs no network (usage statistics off, no dashboard); its workers' logs go to its session
    folder instead of the user's terminal, and Ray Data's own progress bars make way for the command's.
    """
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    context.execution_options.preserve_order = True  # shards in input order, so the run is reproducible
    for name in ("ray", "ray.data"):
        logging.getLogger(name).setLevel(logging.ERROR)
    if ray.is_initialized():
        yield
        return
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    # ERROR, not WARNING: Ray warns at every start about token authentication and disabled progress bars.
    settings: dict[str, Any] = {"log_to_driver": False, "logging_level": logging.ERROR, "include_dashboard": False}
    if address:
        ray.init(address=address, **settings)
    else:
        # An idle worker is kept a minute, not Ray's second: Ray keeps idle workers only up to one a CPU, counting
        # Ray Data's own actors, so on a small machine every Ray Data execution of the run (five of them) started
        # fresh workers, which imported the builder and loaded its models again (2 to 3 s each on 2 cores).
        os.environ.setdefault("RAY_idle_worker_killing_time_threshold_ms", str(IDLE_WORKER_SECONDS * 1000))
        ray.init(num_cpus=os.cpu_count() or 2, **settings)
    try:
        yield
    finally:
        ray.shutdown()


def run_ingest_ray(
    inputs: Sequence[str],
    options: IngestOptions,
    out: Path,
    address: str | None = None,
    on_stage: Callable[[str], None] = lambda stage: None,
    locations: list[tuple[str, str]] | None = None,
) -> RayIngestResult:
    """Ingest on Ray: shards, quarantine and the report in `out`, with the local engine's records and counts.
    `locations` are `discover_locations(inputs, out)` when the caller has them already."""
    started = time.perf_counter()
    locations = discover_locations(inputs, out) if locations is None else locations
    options = dataclasses.replace(
        options, common_lines=common_page_lines((InputFile(location, shown) for location, shown in locations), options)
    )
    report = IngestTally(inputs=list(inputs))
    out.mkdir(parents=True, exist_ok=True)
    with ray_session(address):
        on_stage("read, extract and build")
        rows = map_rows(locations, options)
        blocks = max(1, min(len(rows), int(ray.cluster_resources().get("CPU", 1)) * BLOCKS_PER_CPU))
        rows_per_batch = max(1, min(MAX_ROWS_PER_BATCH, len(rows) // blocks))
        outcomes = (
            ray.data.from_items(rows, override_num_blocks=blocks)
            .map_batches(
                ingest_files, fn_kwargs={"options": options}, batch_format="pyarrow", batch_size=rows_per_batch
            )
            .materialize()
        )
        on_stage("find duplicate candidates")
        shared = (
            outcomes.map_batches(document_keys, fn_kwargs={"options": options}, batch_format="pyarrow")
            .groupby("key", num_partitions=blocks)
            .map_groups(shared_key_members, batch_format="pyarrow")
        )
        candidates = np.unique(np.array([row["order"] for row in shared.iter_rows()], dtype=np.int64))
        on_stage(f"deduplicate {len(candidates):,} candidates")
        fingerprints = outcomes.map_batches(
            candidate_fingerprints, fn_kwargs={"candidates": candidates}, batch_format="pyarrow"
        ).take_all()
        duplicates, kinds, repeats = _replay(fingerprints, options)
        on_stage("write shards")
        parts = outcomes.map_batches(
            write_shard,
            fn_kwargs={"folder": str(out.resolve()), "duplicates": duplicates, "repeats": repeats},
            batch_format="pyarrow",
            batch_size=None,
        ).take_all()
        shards = _name_shards(out, parts)
        quarantine = out / "quarantine.jsonl"
        repeated = [json.loads(rejection) for part in parts for rejection in part["repeats"]]
        _write_quarantine_and_report(outcomes, quarantine, report, repeated)
    report.warnings += run_warnings(options, report)
    documents = sum(int(part["documents"]) for part in parts)
    report.documents = documents
    report.duplicates = Counter(kinds)
    # Unary plus drops zero counts, as the local engine's Counter never records them.
    report.stages["dedup"] = dict(
        +Counter({"repeated": len(repeats), "documents": documents, "unique": documents - len(duplicates), **kinds})
    )
    report.seconds = round(time.perf_counter() - started, 3)
    return RayIngestResult(report, shards, quarantine)


def _replay(
    fingerprints: list[dict[str, Any]], options: IngestOptions
) -> tuple[dict[int, str], dict[str, int], dict[int, str]]:
    """`DuplicateIndex` over the candidates in input order: (`duplicate_of` by document order, count per kind, and
    the repeated records by order: the id of the document each repeats)."""
    index = DuplicateIndex(options.dedup)
    duplicates: dict[int, str] = {}
    repeats: dict[int, str] = {}
    kinds: Counter[str] = Counter()
    for row in sorted(fingerprints, key=lambda row: row["order"]):
        signature = np.frombuffer(row["signature"], dtype=np.uint32)
        duplicate_of, kind = index.check(Fingerprint(row["doc_id"], row["content_hash"], signature))
        if kind == REPEATED and duplicate_of is not None:
            repeats[row["order"]] = duplicate_of
        elif duplicate_of is not None and kind is not None:
            duplicates[row["order"]] = duplicate_of
            kinds[kind] += 1
    return duplicates, dict(kinds), repeats


def _name_shards(out: Path, parts: list[dict[str, Any]]) -> list[Path]:
    """Rename the written parts `documents-00000.jsonl`, ... in input order, and remove what an earlier run left:
    shards beyond this run's count, and the local engine's `documents.jsonl`."""
    shards = []
    for number, part in enumerate(sorted(parts, key=lambda part: part["first_row"])):
        shard = out / SHARD_NAME.format(number)
        os.replace(out / part["part"], shard)
        shards.append(shard)
    for stale in out.iterdir():
        if stale.name == "documents.jsonl" or (SHARD_PATTERN.match(stale.name) and stale not in shards):
            stale.unlink()
    return shards


def _write_quarantine_and_report(
    outcomes: Any, quarantine: Path, report: IngestTally, repeated: list[dict[str, Any]]
) -> None:
    """The rejections in input order to quarantine.jsonl, and the per-file rows and stage counts to the report,
    a big export's rows added up as the local engine adds up a file's parts. `repeated` are the rejections of
    repeated records that `write_shard` left out, each with its map row: they follow its row's own."""
    tally = FileTally(report)
    repeats_by_row: dict[int, list[Rejection]] = {}
    for item in repeated:
        repeats_by_row.setdefault(item.pop("row_index"), []).append(Rejection(**item))
    small = outcomes.select_columns(["row_index", "rejections", "report", "final"])
    with AtomicJsonlWriter(quarantine) as writer:
        for row in small.iter_rows():
            repeats = repeats_by_row.get(row["row_index"], [])
            for rejection in [*(Rejection(**json.loads(text)) for text in row["rejections"]), *repeats]:
                writer.write(rejection.to_record())
            part_row = json.loads(row["report"])
            if repeats:
                part_row["documents"] -= len(repeats)
                part_row["rejected"] = dict(Counter(part_row["rejected"]) + Counter({"repeated_record": len(repeats)}))
            part = FileOutcome(
                part_row["path"],
                part_row["format"],
                part_row["pages"],
                part_row["articles"],
                seconds=part_row["seconds"],
                passed_over=Counter(part_row["passed_over"]),
                code_left_out=part_row["code_paragraphs_left_out"],
                records=part_row.get("records", 0),
                fields_found=Counter(part_row.get("fields_found", {})),
                format_doubt=part_row.get("format_doubt"),
                final=row["final"],
            )
            tally.add(part, part_row["documents"], Counter(part_row["rejected"]))
    report.stages = {name: dict(counts) for name, counts in tally.stages.items()}
