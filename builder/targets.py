"""Loading the user's stance targets from a YAML or JSON file (a list, or a mapping with a `targets` list).

Every entry is checked before any is refused, so a file with several mistakes is mended in one go: the error
lists each problem on a line of its own, naming the file, the line, the entry and the field.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from builder.records import Target
from builder.validate import error_fields


class TargetsFileError(ValueError):
    """The targets file cannot be used; each of `problems` names the file, the line, the entry and the field."""

    def __init__(self, path: Path, problems: Sequence[str]) -> None:
        self.path = path
        self.problems = list(problems)
        head = [f"{path}: {len(self.problems)} problems:"] if len(self.problems) > 1 else []
        super().__init__("\n".join([*head, *self.problems]))


def load_targets(path: Path) -> list[Target]:
    try:
        text = path.read_text(encoding="utf-8")
        data: Any = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, yaml.YAMLError) as error:
        raise TargetsFileError(path, [f"{path}: cannot read targets: {error}"]) from error
    except RecursionError:
        # Lists or maps nested past Python's recursion limit: the parsers raise it, and it ended the run untold.
        nested = "nested too deeply to read (over a thousand levels)"
        raise TargetsFileError(path, [f"{path}: cannot read targets: {nested}"]) from None
    except ValueError:
        # int() refuses an integer of over 4,300 digits (sys.get_int_max_str_digits), which JSON and YAML let a
        # file hold: neither parser says so as its own error, and the ValueError ended the run untold.
        raise TargetsFileError(path, [_long_number(path, text)]) from None
    entries = data.get("targets") if isinstance(data, dict) else data
    if not isinstance(entries, list) or not entries:
        raise TargetsFileError(path, [f"{path}: expected a non-empty list of targets (or `targets:` holding one)"])
    nodes = _entry_nodes(text, len(entries))
    targets: list[Target] = []
    problems: list[str] = []
    first_use: dict[str, str] = {}
    for position, entry in enumerate(entries, start=1):
        node = nodes[position - 1] if nodes else None
        target_id = entry.get("target_id") if isinstance(entry, dict) else None
        entry_name = f"target {position}" + (f" ({target_id})" if isinstance(target_id, str) else "")
        if not isinstance(entry, dict):
            problems.append(f"{_at(path, node)}: {entry_name}: expected a mapping, got {type(entry).__name__}")
            continue
        if isinstance(target_id, str):
            # Before the other checks, so that an entry with a mistake is still known to repeat an id.
            id_node = _node_at(node, ("target_id",))
            if target_id in first_use:
                problems.append(
                    f"{_at(path, id_node)}: {entry_name}: target_id: {target_id!r} is used twice (first by "
                    f"{first_use[target_id]}); each target needs its own id"
                )
            else:
                first_use[target_id] = f"target {position}" + ("" if id_node is None else f", line {_line(id_node)}")
        try:
            # YAML keys may be numbers, dates or null (`1: x`), which are no keyword: as text, each is a field the
            # model names as one it does not know, where `**entry` raised a TypeError traceback.
            targets.append(Target.create(**{str(key): value for key, value in entry.items()}))
        except ValidationError as error:
            # error_fields words each of the error's problems, in the same order: the raw ones give the location.
            for problem, (field_name, message) in zip(
                error.errors(include_url=False), error_fields(error), strict=True
            ):
                where = _at(path, _node_at(node, problem["loc"]))
                problems.append(f"{where}: {entry_name}: {field_name or 'entry'}: {message}")
    if problems:
        raise TargetsFileError(path, problems)
    return targets


def _long_number(path: Path, text: str) -> str:
    """The problem of a file holding an integer longer than Python reads, with the line of the first such."""
    limit = sys.get_int_max_str_digits()
    number = re.search(f"[0-9]{{{limit + 1},}}", text)
    line = text.count("\n", 0, number.start()) + 1 if number else None
    where = f"{path}:{line}" if line else str(path)
    return f"{where}: cannot read targets: a number of more than {limit:,} digits, which no field holds"


def _entry_nodes(text: str, count: int) -> list[yaml.Node] | None:
    """The YAML nodes of the file's entries, which know their lines; JSON is read as YAML for this (JSON is, but
    for rare escapes, YAML). None when the file does not read so, or not into the same `count` entries."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return None
    if isinstance(root, yaml.MappingNode):
        root = next((value for key, value in root.value if key.value == "targets"), None)
    if not isinstance(root, yaml.SequenceNode) or len(root.value) != count:
        return None
    return list(root.value)


def _node_at(node: yaml.Node | None, location: Sequence[int | str]) -> yaml.Node | None:
    """The node of a field's location in the entry (the key's node for a field, so a mistyped field's own line), or
    the deepest node found on the way (the entry's, for a field it lacks)."""
    for depth, part in enumerate(location, start=1):
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            found = next(((key, value) for key, value in node.value if key.value == part), None)
            if found is None:
                return node
            key, value = found
            node = key if depth == len(location) else value
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
        else:
            return node
    return node


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _at(path: Path, node: yaml.Node | None) -> str:
    return f"{path}:{_line(node)}" if node is not None else str(path)
