"""What an annotator (or a pre-annotating model) says about a task: stance, claims, and attributions.

The same structure serves Label Studio predictions and human annotations, so a prediction an annotator
accepts unchanged becomes an annotation with the same fields.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Annotated, NotRequired

from pydantic import ConfigDict, Field, with_config

from builder.records.base import StrictModel
from builder.records.labels import AttributionRole, CheckWorthiness, NoneKind, Stance
from builder.records.spans import TextSpan, check_span


@with_config(ConfigDict(extra="forbid"))
class LabeledClaim(TextSpan):
    """A claim span with its check-worthiness and its own stance toward the task's target."""

    checkworthiness: CheckWorthiness
    stance: NotRequired[Stance | None]
    none_kind: NotRequired[NoneKind | None]


@with_config(ConfigDict(extra="forbid"))
class Attribution(TextSpan):
    """A source (speaker) or cue span, linked to the claim it attributes by the claim's index."""

    role: AttributionRole
    claim: Annotated[int, Field(ge=0, description="Index into `claims` of the claim this span attributes.")]


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
    _check_links(where, labels.claims, labels.attributions)


def _check_none_kind(field: str, stance: Stance | None, none_kind: NoneKind | None) -> None:
    if stance is Stance.NONE and none_kind is None:
        raise ValueError(f"{field}: NONE needs none_kind (neutral or unrelated)")
    if stance is not Stance.NONE and none_kind is not None:
        raise ValueError(f"{field}: none_kind {none_kind.value!r} is only allowed with stance NONE")


def _check_links(where: str, claims: Sequence[LabeledClaim], attributions: Sequence[Attribution]) -> None:
    for index, attribution in enumerate(attributions):
        if attribution["claim"] >= len(claims):
            raise ValueError(
                f"{where}attributions[{index}].claim: {attribution['role'].value} span {attribution['text']!r} is "
                f"linked to claim {attribution['claim']}, but there are {len(claims)} claims"
            )
