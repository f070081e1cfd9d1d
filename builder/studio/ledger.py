"""The append-only annotation ledger: whole lines are appended, none is ever rewritten.

A pull appends one batch with a single write and an fsync; a pull killed during that write can leave a last
line without its newline, which the next pull cuts off before it reads the ledger (that batch is then pulled
again, since the watermark only moves after a pull completes). What the ledger already holds is indexed by
annotation id, so re-pulling the same annotations adds nothing.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from builder.jsonl import iter_lines

_VERSION = re.compile(rb'"version":[0-9]+,')


def fingerprint(line: bytes) -> bytes:
    """What makes two versions of an annotation the same: their JSON line with the version number left out.
    Lines are `Annotation.model_dump_json()`, whose field order is fixed, so equal content gives equal bytes."""
    return hashlib.sha256(_VERSION.sub(b"", line, count=1)).digest()


def renumbered(line: bytes, version: int) -> bytes:
    """`line` with its version number replaced: the same bytes `model_copy(update={"version": version})` would
    dump, since the number is the only thing that differs."""
    return _VERSION.sub(b'"version":%d,' % version, line, count=1)


@dataclass
class LedgerIndex:
    """The latest version of each annotation in the ledger, as JSON dicts, and their fingerprints."""

    latest: dict[str, dict[str, Any]] = field(default_factory=dict)
    fingerprints: dict[str, bytes] = field(default_factory=dict)
    by_task: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> LedgerIndex:
        index = cls()
        if path.exists():
            for _, raw in iter_lines(path):
                if raw:
                    index.add(json.loads(raw), fingerprint(raw))
        return index

    def add(self, record: dict[str, Any], print_: bytes) -> None:
        annotation_id = record["annotation_id"]
        self.latest[annotation_id] = record
        self.fingerprints[annotation_id] = print_
        self.by_task.setdefault(record["task_key"], set()).add(annotation_id)

    def next_version(self, annotation_id: str, print_: bytes) -> int | None:
        """The version an annotation with this fingerprint gets in the ledger, or None when the ledger's latest
        version of it says the same."""
        if self.fingerprints.get(annotation_id) == print_:
            return None
        previous = self.latest.get(annotation_id)
        return 1 if previous is None else previous["version"] + 1


def repair_tail(path: Path) -> bool:
    """Cut off a last line an interrupted write left without its newline; True if there was one."""
    if not path.exists() or path.stat().st_size == 0:
        return False
    with path.open("rb+") as handle:
        size = handle.seek(0, os.SEEK_END)
        handle.seek(size - 1)
        if handle.read(1) == b"\n":
            return False
        # Walk back to the last newline in blocks, so a large ledger is not read whole.
        position = size
        while position > 0:
            step = min(65536, position)
            position -= step
            handle.seek(position)
            block = handle.read(step)
            newline = block.rfind(b"\n")
            if newline >= 0:
                handle.truncate(position + newline + 1)
                return True
        handle.truncate(0)
        return True


def append_lines(path: Path, lines: Sequence[bytes]) -> None:
    """Append JSON lines (each ending in a newline) in one write, then fsync, so they are on disk before the
    watermark moves."""
    if not lines:
        return
    payload = b"".join(lines)
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    try:
        written = 0
        while written < len(payload):
            written += os.write(descriptor, payload[written:])
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_json_atomically(path: Path, data: Any, mode: int = 0o644) -> None:
    """Replace `path` with `data` as JSON: a reader or a crash sees the old file or the new one, never half."""
    temporary = path.with_name(f".{path.name}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump(data, handle, indent=1, sort_keys=True)
        handle.write("\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)
