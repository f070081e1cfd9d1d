"""What every record shares: the schema version, the id formats and the strict model configuration.

Records are read from files that other tools write, so unknown fields are refused (a misspelt field is a bug,
not an extension) and `kind` plus `schema_version` are required in the data. Code that builds records need not
repeat them: `Record.create(...)` fills both in, while the constructor and `model_validate*` (the paths external
data takes) require them.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Any, ClassVar, Self

from pydantic import AwareDatetime, BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo

SCHEMA_VERSION = "1.7"
"""Current `major.minor` of every record schema. See docs/schema-versioning.md for the policy."""

SCHEMA_MAJOR = SCHEMA_VERSION.split(".")[0]

SchemaVersion = Annotated[
    str,
    Field(
        pattern=rf"^{SCHEMA_MAJOR}\.[0-9]+$",
        description=f"Record schema version `major.minor`; this schema reads major {SCHEMA_MAJOR}.",
        examples=[SCHEMA_VERSION],
    ),
]


def _hex_id(prefix: str, what: str) -> Any:
    return Annotated[
        str,
        Field(
            pattern=rf"^{prefix}_[0-9a-f]{{16}}$",
            description=f"{what}: `{prefix}_` followed by 16 lowercase hex digits of a sha256.",
            examples=[f"{prefix}_0123456789abcdef"],
        ),
    ]


DocId = _hex_id(
    "doc", "Document id, a hash of the document's normalised title and text, its page and its place on the page"
)
PageId = _hex_id(
    "page",
    "Page id, a hash of the file's name (not its folder), the page's content, address and stated metadata, and"
    " the id its input gives it (a WARC record's, a feed item's guid, a scraper record's id), if any",
)
TaskKey = _hex_id("task", "Task key, a hash of the document id and the target id")
AnnotationId = _hex_id("ann", "Annotation id, a hash of the server, the task and the annotation")
AnnotatorId = _hex_id("annotator", "Pseudonymous annotator id, a salted hash of the Label Studio user")
TargetId = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$",
        description="Target id chosen by the user: a lowercase slug of letters, digits, `-` and `_`.",
        examples=["ukraine-ceasefire"],
    ),
]
NonEmptyStr = Annotated[str, Field(min_length=1)]

_RFC3339 = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})"
)


def _rfc3339_in_json(value: Any, info: ValidationInfo) -> Any:
    """From JSON, an RFC 3339 date-time read into a `datetime`; from Python, the value as given, for pydantic.

    The schemas say `format: date-time`, which is RFC 3339; from JSON, pydantic alone also reads a space for the
    `T`, minutes without seconds, `+0000` and unix times (numbers or strings), so `builder validate` passed times
    that a standard validator refuses. Python callers (times from a Label Studio export) keep pydantic's reading.
    The JSON string is parsed here, not handed on: pydantic passes a validator's result on as a Python value, and
    a strict datetime (`builder validate` is strict) refuses a Python string."""
    if info.mode != "json":
        return value
    if not (isinstance(value, str) and _RFC3339.fullmatch(value)):
        raise ValueError(f"{value!r} is not an RFC 3339 date-time (like 2025-07-04T09:30:00Z) as the schema says")
    try:
        return datetime.fromisoformat(value.upper())
    except ValueError as error:
        raise ValueError(f"{value!r} is no date-time: {error}") from None


Timestamp = Annotated[AwareDatetime, BeforeValidator(_rfc3339_in_json)]
"""A time with its offset; given as JSON text, an RFC 3339 date-time (the schemas' `format: date-time`)."""
Sha256 = Annotated[str, Field(pattern=r"^[0-9a-f]{64}$", description="sha256 as 64 lowercase hex digits.")]


STRICT_DICT_CONFIG = ConfigDict(extra="forbid", allow_inf_nan=False)
"""The configuration of the typed dicts inside records (spans, labelled claims): unknown keys refused, and NaN and
Infinity, which are no JSON numbers (Python's json reads and writes them, pydantic's parser reads them), refused in
every number."""


class StrictModel(BaseModel):
    """A nested value of a record: strict about unknown fields and numbers that are no JSON, immutable once
    validated."""

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Record(StrictModel):
    """A top-level record kind with its own JSON Schema in `schemas/`."""

    record_kind: ClassVar[str]
    """The `kind` value carried in the data, and the schema file's stem."""

    @classmethod
    def create(cls, **fields: Any) -> Self:
        """Build a record of the current schema version in code, without spelling out `kind` and the version."""
        if "kind" in cls.model_fields:
            fields.setdefault("kind", cls.record_kind)
        fields.setdefault("schema_version", SCHEMA_VERSION)
        return cls(**fields)
