"""What an annotator (or a pre-annotating model) says about a task: stance, claims, and attributions.

The same structure serves Label Studio predictions and human annotations, so a prediction an annotator
accepts unchanged becomes an annotation with the same fields.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Annotated, Any, NotRequired

from pydantic import ConfigDict, Field, with_config

from builder.records.base import STRICT_DICT_CONFIG, StrictModel
from builder.records.labels import AttributionRole, CheckWorthiness, NoneKind, Stance
from builder.records.spans import TextSpan, check_span

NAMED_ROLE = AttributionRole.source
"""The one attribution role whose span may carry a `name`: a cue is the saying word, not a speaker."""

SourceName = Annotated[
    str | None,
    Field(
        pattern=r"^\S(?:.*\S)?$",
        description=(
            "Who the source span stands for where it does not name them: the person or body a pronoun, a role or a"
            ' description refers to ("He" = "Volodymyr Zelensky", "the minister" = "Sergei Lavrov"), as'
            " the annotator gave it or, in a prediction, the quote extractor guessed it. Trimmed, on one line, never"
            " empty; absent when nobody gave one. Only a `source` span has one."
        ),
    ),
]


@with_config(STRICT_DICT_CONFIG)
class LabeledClaim(TextSpan):
    """A claim span with its check-worthiness and its own stance toward the task's target."""

    checkworthiness: CheckWorthiness
    stance: NotRequired[Stance | None]
    none_kind: NotRequired[NoneKind | None]


def _only_a_source_is_named(schema: dict[str, Any]) -> None:
    # Stated in the schema too, so a CI that validates with the schemas alone refuses a named cue as
    # `check_labels` does.
    schema["if"] = {"properties": {"role": {"not": {"const": NAMED_ROLE.value}}}, "required": ["role"]}
    schema["then"] = {"properties": {"name": {"type": "null"}}}


@with_config(ConfigDict(**STRICT_DICT_CONFIG, json_schema_extra=_only_a_source_is_named))
class Attribution(TextSpan):
    """A source (speaker) or cue span linked to the claim it attributes (by index); a source may name whom it means."""

    role: AttributionRole
    claim: Annotated[int, Field(ge=0, description="Index into `claims` of the claim this span attributes.")]
    name: NotRequired[SourceName]


class Labels(StrictModel):
    stance: Stance | None = None
    none_kind: NoneKind | None = Field(default=None, description="Required with stance NONE, forbidden otherwise.")
    claims: list[LabeledClaim] = Field(default_factory=list)
    attributions: list[Attribution] = Field(default_factory=list)


def check_labels(labels: Labels, where: str = "") -> None:
    """Raise ValueError when the labels contradict each other; `where` prefixes the field names.

    Spans are only checked for order here: their fit to the text is checked where the text is known.
    """
    _check_none_kind(f"{where}stance", labels.stance, labels.none_kind)
    for index, claim in enumerate(labels.claims):
        check_span(f"{where}claims[{index}]", claim["start"], claim["end"], sys.maxsize)
        _check_none_kind(f"{where}claims[{index}].stance", claim.get("stance"), claim.get("none_kind"))
    for index, attribution in enumerate(labels.attributions):
        check_span(f"{where}attributions[{index}]", attribution["start"], attribution["end"], sys.maxsize)
        _check_name(f"{where}attributions[{index}]", attribution)
    _check_links(where, labels.claims, labels.attributions)


def _check_none_kind(field: str, stance: Stance | None, none_kind: NoneKind | None) -> None:
    if stance is Stance.NONE and none_kind is None:
        raise ValueError(f"{field}: NONE needs none_kind (neutral or unrelated)")
    if stance is not Stance.NONE and none_kind is not None:
        raise ValueError(f"{field}: none_kind {none_kind.value!r} is only allowed with stance NONE")


def _check_name(field: str, attribution: Attribution) -> None:
    # Refused rather than dropped: a record that names a cue was written by something confused about the roles,
    # and dropping the name would hide it. `builder studio pull` drops the UI's leftover (see `results`) first.
    name = attribution.get("name")
    if name is not None and attribution["role"] is not NAMED_ROLE:
        raise ValueError(
            f"{field}.name: a {attribution['role'].value} span ({attribution['text']!r}) names nobody; only a"
            f" {NAMED_ROLE.value} span carries a name (got {name!r})"
        )


def _check_links(where: str, claims: Sequence[LabeledClaim], attributions: Sequence[Attribution]) -> None:
    for index, attribution in enumerate(attributions):
        if attribution["claim"] >= len(claims):
            raise ValueError(
                f"{where}attributions[{index}].claim: {attribution['role'].value} span {attribution['text']!r} is "
                f"linked to claim {attribution['claim']}, but there are {len(claims)} claims"
            )
