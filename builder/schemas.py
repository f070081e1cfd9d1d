"""JSON Schemas of the record kinds, generated from the models and checked in under `schemas/`.

Non-Python consumers (CI pipelines, other languages) validate records against these files, so they must
never drift from the models: `builder schemas check` compares them byte for byte.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from builder.records import RECORD_KINDS, SCHEMA_VERSION, Record
from builder.records.base import SCHEMA_MAJOR

DRAFT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_SUFFIX = ".schema.json"


def schema_id(kind: str) -> str:
    """The `$id` of a kind's schema: stable within a major version, so consumers can pin it."""
    return f"urn:news-stance-builder:schema:{kind}:v{SCHEMA_MAJOR}"


def json_schema(model: type[Record]) -> dict[str, Any]:
    generated = model.model_json_schema(mode="validation")
    return {"$schema": DRAFT, "$id": schema_id(model.record_kind), "version": SCHEMA_VERSION, **generated}


def render_schemas() -> dict[str, str]:
    """File name to file text, for every record kind."""
    return {
        f"{kind}{SCHEMA_SUFFIX}": json.dumps(json_schema(model), indent=2, ensure_ascii=False) + "\n"
        for kind, model in RECORD_KINDS.items()
    }


def export_schemas(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render_schemas().items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    for stale in _stale_files(directory, render_schemas()):
        stale.unlink()
    return written


@dataclass(frozen=True)
class SchemaDrift:
    path: Path
    problem: str
    diff: str = ""


def check_schemas(directory: Path) -> list[SchemaDrift]:
    """Every difference between the checked-in schemas and the models; empty when they agree."""
    if not directory.is_dir():
        # Said once: the default `schemas` is relative, and from another folder every kind was `missing`, as if
        # the schemas had been deleted.
        problem = "no such folder; run from the repository root, or pass --dir with the folder of the schemas"
        return [SchemaDrift(directory, problem)]
    expected = render_schemas()
    drifts = []
    for name, text in expected.items():
        path = directory / name
        if not path.exists():
            drifts.append(SchemaDrift(path, "missing: the model has no checked-in schema"))
            continue
        actual = path.read_text(encoding="utf-8")
        if actual != text:
            diff = "".join(
                difflib.unified_diff(
                    actual.splitlines(keepends=True),
                    text.splitlines(keepends=True),
                    fromfile=f"{path} (checked in)",
                    tofile=f"{path} (from the models)",
                )
            )
            drifts.append(SchemaDrift(path, "differs from the model", diff))
    drifts.extend(SchemaDrift(path, "stale: no model has this kind") for path in _stale_files(directory, expected))
    return drifts


def _stale_files(directory: Path, expected: dict[str, str]) -> list[Path]:
    return sorted(path for path in directory.glob(f"*{SCHEMA_SUFFIX}") if path.name not in expected)
