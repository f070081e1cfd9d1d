"""Reading the release's inputs: documents, the annotation ledger and the targets, with their fingerprints.

The ledger is append-only (every change in Label Studio adds a version), so what a release uses is the latest
version per annotator and task; a later `deleted` or `skipped` version withdraws the earlier answer.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from builder.jsonl import InputError, iter_lines
from builder.records import Annotation, AnnotationStatus, Document, Target
from builder.targets import load_targets
from builder.validate import NotJsonError, error_fields, read_json

TARGETS_FILES = ("targets.yaml", "targets.yml", "targets.json")


class ReleaseInputError(ValueError):
    """An input line or file the release cannot use; the message names the file and line."""


def document_files(path: Path) -> list[Path]:
    """The documents file, or the shards in a folder (`documents.jsonl`, or `documents-00000.jsonl` ... as
    `builder ingest --engine ray` writes them) in name order, which is the order ingest wrote them in."""
    if not path.is_dir():
        return [path]
    shards = sorted(p for p in path.glob("documents*.jsonl*") if p.name.endswith((".jsonl", ".jsonl.gz")))
    if not shards:
        raise ReleaseInputError(f"{path}: no documents*.jsonl file in this folder")
    return shards


def read_documents(path: Path) -> Iterator[Document]:
    for file in document_files(path):
        for number, raw in input_lines(file):
            if raw.strip():
                yield parse_document(raw, file, number)


def input_lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """The file's lines, as `iter_lines` gives them; a file that cannot be read on (a gzip cut short, a line
    without end) is a ReleaseInputError naming the file and the line, which the commands report: the `InputError`
    ended them with a traceback."""
    try:
        yield from iter_lines(path)
    except InputError as error:
        raise ReleaseInputError(str(error)) from error


def parse_document(raw: bytes, path: Path | str, number: int) -> Document:
    """The document of one line, or ReleaseInputError naming the line and its first problem's field, as
    `builder validate` names it (pydantic's own text dumped the whole input and a link to its error pages)."""
    try:
        return Document.model_validate_json(raw)
    except ValidationError as error:
        raise ReleaseInputError(f"{path}:{number}: not a valid document: {_first_problem(error, path)}") from error
    except ValueError as error:
        raise ReleaseInputError(f"{path}:{number}: not a valid document: {error}") from error


def _first_problem(error: ValidationError, path: Path | str) -> str:
    """The error's first problem as `field: message`, as `builder validate` words it, and how many more."""
    problems = error_fields(error)
    field_name, message = problems[0]
    where = f"{field_name}: " if field_name else ""
    more = f" (and {len(problems) - 1} more; `builder validate {path}` lists them)" if len(problems) > 1 else ""
    return f"{where}{message}{more}"


def ledger_files(directory: Path) -> list[Path]:
    """Every JSONL file under the annotations folder, in a stable order, hidden folders left out: `studio
    pull` keeps the pseudonym salt and mapping in `.private/`, which no release may read or fingerprint."""
    return sorted(
        path
        for path in directory.rglob("*")
        if path.is_file()
        and path.name.endswith((".jsonl", ".jsonl.gz"))
        and not any(part.startswith(".") for part in path.relative_to(directory).parts)
    )


def read_annotations(directory: Path) -> Iterator[Annotation]:
    """Every `annotation` line of the ledger; lines of other kinds (tasks, say) are not the release's business."""
    for path in ledger_files(directory):
        for number, raw in input_lines(path):
            if not raw.strip():
                continue
            try:
                # Read as `builder validate` reads a line: json.loads took UTF-16 for JSON, and raised a traceback's
                # UnicodeDecodeError, RecursionError or ValueError on bytes that are no UTF-8, deep nesting and
                # an integer of thousands of digits.
                data = read_json(raw)
            except NotJsonError as error:
                raise ReleaseInputError(f"{path}:{number}: {error}") from error
            if isinstance(data, dict) and data.get("kind") == "annotation":
                try:
                    yield Annotation.model_validate(data)
                except ValidationError as error:
                    problem = _first_problem(error, path)
                    raise ReleaseInputError(f"{path}:{number}: not a valid annotation: {problem}") from error


def read_targets(directory: Path) -> list[Target]:
    """The targets file kept beside the ledger, if any: it gives each stance row its target's text."""
    for name in TARGETS_FILES:
        if (directory / name).is_file():
            return load_targets(directory / name)
    return []


def latest_answers(annotations: Iterable[Annotation]) -> list[Annotation]:
    """The latest version per (annotator, task), keeping only submitted ones, in a stable order."""
    latest: dict[tuple[str, str], Annotation] = {}
    for annotation in annotations:
        key = (annotation.annotator, annotation.task_key)
        current = latest.get(key)
        if current is None or annotation.version > current.version:
            latest[key] = annotation
    kept = [a for a in latest.values() if a.status is AnnotationStatus.submitted]
    return sorted(kept, key=lambda a: (a.task_key, a.annotator))


@dataclass(frozen=True)
class Fingerprint:
    path: str
    sha256: str
    bytes: int


def fingerprint(paths: Iterable[Path]) -> list[Fingerprint]:
    """sha256 per input file, so a release says exactly which inputs it was built from."""
    prints = []
    for path in paths:
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        prints.append(Fingerprint(str(path), digest.hexdigest(), path.stat().st_size))
    return prints
