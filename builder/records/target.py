"""The `Target` record: something annotators judge stance toward, configured by the user in a file."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import Field, field_validator

from builder.records.base import NonEmptyStr, Record, SchemaVersion, TargetId
from builder.records.labels import TargetType


class Target(Record):
    """Something annotators judge stance toward, from the user's targets file.

    Invariant beyond types (checked by the model and `builder validate`; JSON Schema cannot express it): no alias
    is listed twice, whatever its case.
    """

    record_kind: ClassVar[str] = "target"

    kind: Literal["target"]
    schema_version: SchemaVersion
    target_id: TargetId
    text: NonEmptyStr = Field(description='Short statement of the target, e.g. "the US-proposed ceasefire in Ukraine".')
    type: TargetType
    aliases: list[NonEmptyStr] = Field(default_factory=list, description="Other ways texts mention it.")
    description: NonEmptyStr = Field(description="One line shown to annotators: what the target covers.")

    @field_validator("aliases")
    @classmethod
    def _aliases_unique(cls, aliases: list[str]) -> list[str]:
        seen: set[str] = set()
        for alias in aliases:
            folded = alias.casefold()
            if folded in seen:
                raise ValueError(f"alias {alias!r} is listed twice")
            seen.add(folded)
        return aliases
