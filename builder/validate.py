"""Validate JSONL records against the models, line by line, naming the file, the line and the field; and the
reports written as one JSON document a file (report.json, agreement.json, splits.json), naming the file and the
field.

The fast path hands each raw line straight to pydantic's JSON parser (no `json.loads` first); only a line that
fails is examined again, slowly, to say in words what is wrong with it.
"""

from __future__ import annotations

import json
import operator
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import reduce
from pathlib import Path
from typing import Annotated, Any

from pydantic import Field, TypeAdapter, ValidationError

from builder.compression import SUFFIXES
from builder.jsonl import InputError, iter_lines, iter_raw_lines
from builder.records import FILE_RECORDS, RECORD_KINDS, REPORTS, Record

BOM = b"\xef\xbb\xbf"
MAX_ERRORS_PER_LINE = 5
_FIELD_PREFIX = re.compile(r"^([A-Za-z_][\w.\[\]]*): (.*)$", re.DOTALL)

KINDS_TOLD_BY_THEIR_FIELD = FILE_RECORDS + REPORTS
"""The kinds a line or a document names in its `kind` field, for `builder validate` to tell without `--kind`."""
# A union made of the kinds when the module loads: a type to pydantic, none a static checker can read.
AnyFileRecord: Any = Annotated[reduce(operator.or_, KINDS_TOLD_BY_THEIR_FIELD), Field(discriminator="kind")]


@dataclass(frozen=True)
class LineError:
    path: Path
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else str(self.path)
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


@dataclass
class FileStats:
    """What validating one file found."""

    path: Path
    lines: int = 0
    valid: int = 0
    invalid: int = 0
    bytes_read: int = 0
    unreadable: str | None = None
    kinds: Counter[str] = field(default_factory=Counter)

    @property
    def ok(self) -> bool:
        return self.invalid == 0 and self.unreadable is None


class RecordValidator:
    """Validates raw JSON lines as one record kind, or as any file record told apart by its `kind` field.

    Without a fixed kind, each line is first tried as the kind of the previous valid line: files are nearly
    always of one kind, and a single model validates much faster than the discriminated union. A line that
    fails that guess is validated again through the union, whose answer (and errors) decide.

    Lines are validated in pydantic's strict mode: its lax mode reads `"12"` and `true` as numbers, which the
    checked-in JSON Schemas refuse, and a file `builder validate` passes must pass a standard validator too. Strict
    mode also refuses `3.0` as an integer, which JSON Schema counts one (draft 2020-12: a number with a zero
    fractional part): a line that fails is read again with such numbers written as integers, so that a standard
    validator and `builder validate` give the same verdict (`integral_numbers_as_integers`).
    """

    def __init__(self, kind: str | None = None) -> None:
        self._union: TypeAdapter[Any] | None = None if kind else TypeAdapter(AnyFileRecord)
        self._guess: TypeAdapter[Any] | None = TypeAdapter(RECORD_KINDS[kind]) if kind else None
        self._by_kind = {name: TypeAdapter(model) for name, model in RECORD_KINDS.items()}

    def __call__(self, raw: bytes) -> Record:
        """Return the record, or raise `ValidationError` with the errors of the kind the line claims to be."""
        try:
            return self._validate(raw)
        except ValidationError:
            # Only a line that failed pays for being parsed again: valid lines keep the fast path.
            rewritten = integral_numbers_as_integers(raw)
            if rewritten is None:
                raise
        return self._validate(rewritten)

    def _validate(self, raw: bytes) -> Record:
        if self._guess is not None:
            try:
                return self._guess.validate_json(raw, strict=True)
            except ValidationError:
                if self._union is None:
                    raise
        assert self._union is not None
        record: Record = self._union.validate_json(raw, strict=True)
        self._guess = self._by_kind[record.record_kind]
        return record


def integral_numbers_as_integers(raw: bytes) -> bytes | None:
    """The JSON text with every number that has a zero fractional part (`3.0`, `1e3`, `-0.0`) written as an
    integer, or None when it holds no such number (or is no JSON a rewrite could help).

    Written as integers everywhere, not only in integer fields: a number field reads `3` as it reads `3.0`, and
    every other field refuses a number either way. NaN and Infinity have no integer to be: they stay as they are,
    for the models to refuse (`allow_inf_nan=False`)."""
    try:
        value = _json_value(raw)
    except ValueError:  # UnicodeDecodeError and JSONDecodeError both: `diagnose` says which
        return None
    if not _holds_integral_float(value):
        return None
    return json.dumps(_integers_for_integral_numbers(value)).encode()


def _holds_integral_float(value: Any) -> bool:
    if isinstance(value, float):
        return value.is_integer()
    if isinstance(value, dict):
        return any(_holds_integral_float(item) for item in value.values())
    if isinstance(value, list):
        return any(_holds_integral_float(item) for item in value)
    return False


def _integers_for_integral_numbers(value: Any) -> Any:
    if isinstance(value, float):
        return int(value) if value.is_integer() else value
    if isinstance(value, dict):
        return {key: _integers_for_integral_numbers(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_integers_for_integral_numbers(item) for item in value]
    return value


def _json_value(data: bytes | str) -> Any:
    """`json.loads`, with valid JSON that Python cannot read raising `JSONDecodeError` as bad JSON does: JSON
    nested past Python's recursion limit (about a thousand levels), and an integer longer than Python converts
    (`sys.get_int_max_str_digits()`, 4,300 digits). Neither is a record, and the `RecursionError` or `ValueError`
    each raised ended the whole run with a traceback."""
    try:
        return json.loads(data)
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply to read (over a thousand levels)", "", 0) from None
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise
    except ValueError:
        # Only int() raises a plain ValueError in json: the column is where the first such number starts.
        limit = sys.get_int_max_str_digits()
        text = data if isinstance(data, str) else data.decode("utf-8", "replace")
        number = re.search(f"[0-9]{{{limit + 1},}}", text)
        message = f"a number of more than {limit:,} digits, which no field holds"
        raise json.JSONDecodeError(message, text, number.start() if number else 0) from None


class NotJsonError(ValueError):
    """A line, or a document read whole, that is no JSON value; the message says why and where, in words."""


def read_json(raw: bytes, *, whole_document: bool = False) -> Any:
    """The JSON value of a line (or with `whole_document` of a file read whole), or `NotJsonError` saying what
    makes it none: a byte-order mark, a byte that is no UTF-8, or bad JSON, with its column (and line)."""
    if raw.startswith(BOM):
        raise NotJsonError("starts with a UTF-8 byte-order mark (U+FEFF); save the file without it")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as bad:
        raise NotJsonError(f"not valid UTF-8: byte 0x{raw[bad.start]:02x} at column {bad.start + 1}") from None
    try:
        return _json_value(text)
    except json.JSONDecodeError as bad:
        # json's own message may end in "at" ("Unterminated string starting at"): "at at column 85" read badly.
        at = "" if bad.msg.endswith(" at") else " at"
        where = f"line {bad.lineno} column {bad.colno}" if whole_document else f"column {bad.colno}"
        raise NotJsonError(f"bad JSON: {bad.msg}{at} {where}") from None


def validate_lines(
    path: Path, lines: Iterable[tuple[int, bytes]], validator: RecordValidator, stats: FileStats
) -> Iterator[LineError]:
    """Validate raw lines, counting into `stats` and yielding one error per problem found."""
    for line_number, raw in lines:
        stats.lines += 1
        stats.bytes_read += len(raw) + 1
        yield from _validate_one(path, line_number, raw, validator, stats)


def _validate_one(
    path: Path, line: int | None, raw: bytes, validator: RecordValidator, stats: FileStats
) -> Iterator[LineError]:
    """Validate one line (or with `line` None a whole document), counting it valid or invalid in `stats`."""
    try:
        record = validator(raw)
    except ValidationError as error:
        stats.invalid += 1
        yield from diagnose(path, line, raw, error)
        return
    stats.valid += 1
    stats.kinds[record.record_kind] += 1


def validate_file(path: Path, validator: RecordValidator, stats: FileStats) -> Iterator[LineError]:
    try:
        yield from validate_lines(path, iter_lines(path), validator, stats)
    except InputError as error:
        stats.unreadable = error.message
        yield LineError(path, error.line, None, error.message)


def is_json_document(path: Path, kind: str | None = None) -> bool:
    """Whether the file is one JSON document written over many lines (report.json, agreement.json, splits.json),
    to be validated whole, rather than JSON Lines: named `*.json` (compressed or not) or given `--kind` of a report,
    and its first line no JSON value of its own. A JSON Lines file named `*.json` stays JSON Lines, and a document
    written on one line is validated the same either way."""
    name = path.name.lower()
    for suffix in SUFFIXES:
        name = name.removesuffix(suffix)
    if not (name.endswith(".json") or kind in {model.record_kind for model in REPORTS}):
        return False
    try:
        first = next(iter_lines(path), None)
    except InputError:
        return False  # read as lines, which says where reading stopped
    if first is None:
        return False
    try:
        _json_value(first[1])
    except ValueError:
        return True
    return False


def validate_document(path: Path, validator: RecordValidator, stats: FileStats) -> Iterator[LineError]:
    """Validate a file that is one JSON document (`is_json_document`) as one record of its kind; each problem is
    named by the file and the field's path, such as `files[2].rejected`."""
    try:
        raw = b"".join(line for _, line in iter_raw_lines(path))
    except InputError as error:
        stats.unreadable = error.message
        yield LineError(path, None, None, error.message)
        return
    stats.lines = 1
    stats.bytes_read = len(raw)
    yield from _validate_one(path, None, raw, validator, stats)


def diagnose(path: Path, line: int | None, raw: bytes, error: ValidationError) -> Iterator[LineError]:
    """Explain why a line (or with `line` None a whole document) failed, from the most basic cause (encoding) to
    the most specific (a field)."""
    if not raw.strip():
        blank = "blank line: JSONL has exactly one JSON record on every line" if line else "empty: no JSON document"
        yield LineError(path, line, None, blank)
        return
    try:
        value = read_json(raw, whole_document=line is None)
    except NotJsonError as not_json:
        yield LineError(path, line, None, str(not_json))
        return
    if not isinstance(value, dict):
        yield LineError(path, line, None, f"expected a JSON object, got {type(value).__name__}")
        return
    yield from _field_errors(path, line, error, value)


def _field_errors(path: Path, line: int | None, error: ValidationError, value: dict[str, Any]) -> Iterator[LineError]:
    problems = error_fields(error, value.get("kind"))
    for field_path, message in problems[:MAX_ERRORS_PER_LINE]:
        yield LineError(path, line, field_path, message)
    if len(problems) > MAX_ERRORS_PER_LINE:
        where = "on this line" if line else "in this document"
        yield LineError(path, line, None, f"... and {len(problems) - MAX_ERRORS_PER_LINE} more problems {where}")


def error_fields(error: ValidationError, kind: object = None) -> list[tuple[str | None, str]]:
    """Each problem of a validation error as (field path like `quotes[2].speaker`, message)."""
    found: list[tuple[str | None, str]] = []
    for problem in error.errors(include_url=False):
        if problem["type"] in {"union_tag_not_found", "union_tag_invalid"}:
            kinds = ", ".join(model.record_kind for model in KINDS_TOLD_BY_THEIR_FIELD)
            got = repr(kind) if kind is not None else "missing"
            found.append(("kind", f"{got}; expected one of {kinds} (or pass --kind)"))
            continue
        location = list(problem["loc"])
        if location and isinstance(location[0], str) and location[0] == kind:
            location = location[1:]  # the discriminated union's tag, not a field
        message = str(problem["msg"]).removeprefix("Value error, ")
        if location and location[-1] == "[key]":
            # pydantic places a dict key's error under the key, then `[key]`: the dict is the field, the key its value
            message = f"key {location[-2]!r}: {message}"
            location = location[:-2]
        field_path = _format_location(location)
        if not field_path and (prefixed := _FIELD_PREFIX.match(message)):
            field_path, message = prefixed.groups()
        found.append((field_path or None, message))
    return found


def _format_location(location: list[int | str]) -> str:
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text
