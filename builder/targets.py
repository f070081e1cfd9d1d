"""Loading the user's stance targets from a YAML or JSON file (a list, or a mapping with a `targets` list)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from builder.records import Target
from builder.validate import error_fields


class TargetsFileError(ValueError):
    """The targets file cannot be used; the message names the file, the entry and the field."""


def load_targets(path: Path) -> list[Target]:
    try:
        text = path.read_text(encoding="utf-8")
        data: Any = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, yaml.YAMLError) as error:
        raise TargetsFileError(f"{path}: cannot read targets: {error}") from error
    entries = data.get("targets") if isinstance(data, dict) else data
    if not isinstance(entries, list) or not entries:
        raise TargetsFileError(f"{path}: expected a non-empty list of targets (or `targets:` holding one)")
    targets, seen = [], set()
    for position, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            raise TargetsFileError(f"{path}: target {position}: expected a mapping, got {type(entry).__name__}")
        try:
            target = Target.create(**entry)
        except ValidationError as error:
            field_name, message = error_fields(error)[0]
            raise TargetsFileError(f"{path}: target {position}: {field_name}: {message}") from error
        if target.target_id in seen:
            raise TargetsFileError(f"{path}: target {position}: target_id {target.target_id!r} is used twice")
        seen.add(target.target_id)
        targets.append(target)
    return targets
