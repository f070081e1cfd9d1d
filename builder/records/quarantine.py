"""The `QuarantineItem` record: an input or record a stage rejected, with enough to find and fix it."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field

from builder.records.base import NonEmptyStr, Record, SchemaVersion


class QuarantineItem(Record):
    record_kind: ClassVar[str] = "quarantine"

    kind: Literal["quarantine"]
    schema_version: SchemaVersion
    stage: NonEmptyStr = Field(description="The stage that rejected it, e.g. `ingest.read` or `studio.pull`.")
    source: NonEmptyStr = Field(description="The input file or URL it came from.")
    line: Annotated[int, Field(ge=1)] | None = None
    offset: Annotated[int, Field(ge=0)] | None = Field(default=None, description="Byte offset in the input.")
    record: str | None = Field(default=None, description="Record id or key within the input, if any.")
    field: str | None = Field(default=None, description="The offending field, if one is to blame.")
    reason_code: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$", description="Stable machine-readable reason.")]
    reason: NonEmptyStr = Field(description="What is wrong, in a sentence a person understands.")
    snippet: Annotated[str, Field(max_length=300)] = Field(default="", description="The start of the rejected input.")
