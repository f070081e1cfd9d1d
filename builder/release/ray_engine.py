"""`builder release --engine ray`: the release's heavy steps (reading and validating every document, the join
of documents with their splits, groups and adjudicated claims, and writing the documents and claims Parquet
files) as Ray Data tasks over chunks of the documents file, with the local engine's stage functions.

How the run is cut up, and why:

1. chunks (driver): the documents file(s) cut at line ends into pieces of about `chunk_bytes` (a gzip file is
   one piece), each knowing its first line number, so that an invalid document is reported as `file:line`
   exactly as the local engine reports it.
2. keys (parallel): each chunk's documents validated and reduced to a `DocumentKey` (ids, page, duplicate
   link, language, outlet), a few hundred bytes each: the driver never holds a document's text.
3. plan (driver): `plan_release`, the local engine's function: version, agreement, splits over the duplicate
   groups, the leak check and adjudication. Every refusal happens here, before a Parquet file is written.
4. join and write (parallel): each chunk gets the split, group and adjudicated claims of its own documents,
   reads and validates them again (on purpose: keeping the parsed documents of step 2 in Ray's object store
   would cost memory the size of the corpus, a second parse costs a fraction of a millisecond a document),
   builds its rows with `tables.document_rows` and writes its Parquet parts; the driver names the parts in
   document order (`train-00000-of-00012.parquet`, ...), so the same input gives the same files.
5. answers (driver): the stance and annotations configs come from people's answers, small beside the
   documents, and are written as the local engine writes them; then the card, manifest and tag.
"""

from __future__ import annotations

import pickle
import shutil
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import ray
import ray.data

from builder.compression import compression_of_file
from builder.ingest.ray_engine import ray_session
from builder.release.build import (
    ReleaseOptions,
    ReleaseResult,
    finish_release,
    plan_release,
    read_answers,
)
from builder.release.inputs import ReleaseInputError, document_files, input_lines, parse_document
from builder.release.parquet import clear_configs, name_parts, write_config, write_part
from builder.release.tables import (
    DocumentKey,
    WrittenTables,
    answer_rows,
    claims_by_document,
    config_features,
    document_rows,
)

KEY_SCHEMA = pa.schema(
    [
        ("chunk", pa.int64()),
        ("doc_id", pa.string()),
        ("page_id", pa.string()),
        ("duplicate_of", pa.string()),
        ("lang", pa.string()),
        ("outlet", pa.string()),
        ("similar", pa.list_(pa.int64())),
        ("error", pa.string()),
    ]
)
PART_SCHEMA = pa.schema([("chunk", pa.int64()), ("parts", pa.list_(pa.list_(pa.string()))), ("written", pa.binary())])
WRITTEN_BY_WORKERS = ("documents", "claims")


@dataclass(frozen=True)
class Chunk:
    """A piece of a documents file: bytes `[start, end)` (`end` -1: the whole file), from line `first_line`."""

    index: int
    path: str
    start: int
    end: int
    first_line: int

    def row(self) -> dict[str, Any]:
        return {"index": self.index, "path": self.path, "start": self.start, "end": self.end, "line": self.first_line}

    @classmethod
    def from_batch(cls, batch: dict[str, np.ndarray], position: int) -> Chunk:
        return cls(
            int(batch["index"][position]),
            str(batch["path"][position]),
            int(batch["start"][position]),
            int(batch["end"][position]),
            int(batch["line"][position]),
        )


def document_chunks(paths: Sequence[Path], chunk_bytes: int) -> list[Chunk]:
    """The files cut at line ends into chunks of about `chunk_bytes`, in file order (one read of each file)."""
    chunks: list[Chunk] = []
    for path in paths:
        location = str(path.resolve())  # workers do not share the driver's working directory
        if compression_of_file(path):
            chunks.append(Chunk(len(chunks), location, 0, -1, 1))
            continue
        with path.open("rb") as handle:
            start, line = 0, 1
            while block := handle.read(chunk_bytes):
                block += handle.readline()  # finish the line the block cuts
                chunks.append(Chunk(len(chunks), location, start, start + len(block), line))
                start += len(block)
                line += block.count(b"\n")
    return chunks


def chunk_lines(chunk: Chunk) -> Iterator[tuple[int, bytes]]:
    """`(line number, raw line)` of the chunk's non-blank lines."""
    if chunk.end < 0:
        # A compressed file read whole: one cut short is a ReleaseInputError naming the line, which `chunk_keys`
        # reports; the InputError escaped it and ended the release in a Ray task's traceback.
        lines: Iterator[tuple[int, bytes]] = input_lines(Path(chunk.path))
    else:
        with open(chunk.path, "rb") as handle:
            handle.seek(chunk.start)
            data = handle.read(chunk.end - chunk.start)
        lines = enumerate((raw.rstrip(b"\r") for raw in data.split(b"\n")), start=chunk.first_line)
    for number, raw in lines:
        if raw.strip():
            yield number, raw


def chunk_keys(batch: dict[str, np.ndarray]) -> pa.Table:
    """Every document of the batch's chunks as a `DocumentKey` row; an invalid document as one error row
    (raised by the driver, naming the file and line), since an exception in a Ray task arrives wrapped."""
    rows: list[dict[str, Any]] = []
    for position in range(len(batch["index"])):
        chunk = Chunk.from_batch(batch, position)
        try:
            for number, raw in chunk_lines(chunk):
                rows.append({"chunk": chunk.index, **DocumentKey.of(parse_document(raw, chunk.path, number))._asdict()})
        except (ReleaseInputError, OSError, EOFError) as error:
            rows.append({"chunk": chunk.index, "error": str(error)})
    return pa.Table.from_pylist(rows, schema=KEY_SCHEMA)


def write_chunk_parts(batch: dict[str, np.ndarray], staging: str) -> pa.Table:
    """The documents and claims rows of the batch's chunks, each chunk's written as Parquet parts under
    `staging`; returns the parts and a `WrittenTables` summary per chunk."""
    features = config_features()
    results: list[dict[str, Any]] = []
    for position in range(len(batch["index"])):
        chunk = Chunk.from_batch(batch, position)
        placements, human = pickle.loads(batch["placements"][position])
        rows: dict[str, dict[str, list[dict]]] = {config: {} for config in WRITTEN_BY_WORKERS}
        written = WrittenTables()
        for number, raw in chunk_lines(chunk):
            document = parse_document(raw, chunk.path, number)
            split, group, with_machine_claims = placements[document.doc_id]
            row, claims, machine = document_rows(document, group, human.get(document.doc_id, ()), with_machine_claims)
            rows["documents"].setdefault(split, []).append(row)
            if claims:
                rows["claims"].setdefault(split, []).extend(claims)
            written.machine_claims += machine
        parts = []
        for config, by_split in rows.items():
            for split, split_rows in by_split.items():
                path = Path(staging) / f"{config}-{split}-{chunk.index:06d}.parquet"
                written.add(config, split, split_rows, write_part(path, split_rows, features[config]))
                parts.append([config, split, str(path)])
        results.append({"chunk": chunk.index, "parts": parts, "written": pickle.dumps(written)})
    return pa.Table.from_pylist(results, schema=PART_SCHEMA)


def release_on_ray(options: ReleaseOptions, step: Callable[[str], None] = lambda _: None) -> ReleaseResult:
    """`make_release` with the documents read, joined and written by Ray tasks (see the module's docstring)."""
    with ray_session(options.ray_address):
        chunks = document_chunks(document_files(options.documents), options.chunk_bytes)
        step(f"reading documents ({len(chunks)} chunks on Ray)")
        keyed = ray.data.from_items([chunk.row() for chunk in chunks], override_num_blocks=max(1, len(chunks)))
        key_rows = keyed.map_batches(chunk_keys, batch_size=1).take_all()
        errors = [row["error"] for row in key_rows if row["error"] is not None]
        if errors:
            raise ReleaseInputError(errors[0])
        key_rows.sort(key=lambda row: row["chunk"])  # stable: keeps each chunk's documents in line order
        keys = [DocumentKey(*(row[name] for name in DocumentKey._fields)) for row in key_rows]
        answers, targets = read_answers(options)
        plan = plan_release(keys, answers, options, step)
        step("joining and writing documents and claims on Ray")
        human = claims_by_document(plan.decided.claims)
        annotated = {answer.doc_id for answer in answers}
        work = []
        for chunk, members in zip(chunks, _members_by_chunk(key_rows, len(chunks)), strict=True):
            placements = {
                doc_id: (
                    plan.splits[doc_id],
                    plan.groups[doc_id],
                    options.include_machine_labels and doc_id not in annotated,
                )
                for doc_id in members
            }
            chunk_human = {doc_id: human[doc_id] for doc_id in members if doc_id in human}
            work.append({**chunk.row(), "placements": pickle.dumps((placements, chunk_human))})
        staging = options.out / f".parts-{uuid.uuid4().hex}"
        staging.mkdir(parents=True)
        try:
            results = (
                ray.data.from_items(work, override_num_blocks=max(1, len(work)))
                .map_batches(write_chunk_parts, fn_kwargs={"staging": str(staging.resolve())}, batch_size=1)
                .take_all()
            )
            results.sort(key=lambda result: result["chunk"])
            written = WrittenTables()
            clear_configs(options.out)
            for result in results:
                written.merge(pickle.loads(result["written"]))
            for config in WRITTEN_BY_WORKERS:
                parts = [(split, Path(path)) for r in results for kind, split, path in r["parts"] if kind == config]
                name_parts(options.out, config, parts)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    answered = answer_rows(plan.decided, answers, plan.splits, targets)
    written.orphan_answers += answered.orphan_answers
    features = config_features()
    for config, rows_by_split in answered.rows.items():
        write_config(options.out, config, rows_by_split, features[config], written)
    return finish_release(plan, written, keys, answers, targets, options, step)


def _members_by_chunk(key_rows: list[dict[str, Any]], chunks: int) -> list[list[str]]:
    members: list[list[str]] = [[] for _ in range(chunks)]
    for row in key_rows:
        members[row["chunk"]].append(row["doc_id"])
    return members
