"""Label Studio results back to `Labels`: the inverse of `tasks.result_items`, and the builder's own check of
what annotators submit (the server accepts any result, even labels its config does not have).

Pure: a result list and the task's text in, `Labels` or the list of problems out. A problem names the field,
a stable reason code and a sentence, ready for a `QuarantineItem`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from builder.records import Attribution, AttributionRole, CheckWorthiness, LabeledClaim, Labels, NoneKind, Stance
from builder.studio import config
from builder.studio.offsets import Utf16Offsets

E = TypeVar("E", bound=StrEnum)

_PER_REGION = (config.FROM_CHECKWORTHINESS, config.FROM_CLAIM_STANCE, config.FROM_CLAIM_NONE_KIND)


@dataclass(frozen=True)
class Problem:
    field: str
    reason_code: str
    reason: str


@dataclass
class _Region:
    region_id: str
    start: int
    end: int
    text: str
    label: str
    choices: dict[str, str]


class _Reader:
    """Collects the problems of one result list while reading it."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def problem(self, field: str, code: str, reason: str) -> None:
        self.problems.append(Problem(field, code, reason))

    def label(self, labels: type[E], value: str | None, field: str) -> E | None:
        if not value:  # absent, or "" from a control whose problem `_single` already recorded
            return None
        try:
            return labels(value)
        except ValueError:
            self.problem(field, "unknown_label", f"{value!r} is not one of {[label.value for label in labels]}")
            return None


def read_labels(result: list[dict[str, Any]], text: str) -> Labels | list[Problem]:
    """The labels of one submitted annotation, spans as offsets into `text` (code points), or its problems."""
    reader = _Reader()
    offsets = Utf16Offsets(text)
    document_choices: dict[str, str] = {}
    regions: dict[str, _Region] = {}
    relations: list[tuple[str, str]] = []
    for item in result:
        kind, name, value = item.get("type"), item.get("from_name"), item.get("value") or {}
        if kind == "relation":
            relations.append((str(item.get("from_id")), str(item.get("to_id"))))
        elif kind == "labels" and name == config.FROM_SPANS:
            region = _region(item, value, text, offsets, reader)
            if region is not None:
                regions[region.region_id] = region
        elif kind == "choices" and name in (config.FROM_STANCE, config.FROM_NONE_KIND):
            document_choices[name] = _single(value, name, reader)
        elif kind == "choices" and name in _PER_REGION:
            continue  # read below, once every region is known
        else:
            reader.problem(
                str(name), "unknown_control", f"a {kind} result from {name!r}, which the config does not have"
            )
    for item in result:
        if item.get("type") == "choices" and item.get("from_name") in _PER_REGION:
            region = regions.get(str(item.get("id")))
            if region is None:
                reader.problem(
                    str(item.get("from_name")),
                    "orphan_choice",
                    f"a choice for region {item.get('id')!r}, which is not a span",
                )
            else:
                region.choices[str(item["from_name"])] = _single(
                    item.get("value") or {}, str(item["from_name"]), reader
                )
    labels = _labels(document_choices, regions, relations, reader)
    return reader.problems or labels


def _labels(
    document_choices: dict[str, str],
    regions: dict[str, _Region],
    relations: list[tuple[str, str]],
    reader: _Reader,
) -> Labels:
    stance = reader.label(Stance, document_choices.get(config.FROM_STANCE), "stance")
    none_kind = reader.label(NoneKind, document_choices.get(config.FROM_NONE_KIND), "none_kind")
    if stance is None and config.FROM_STANCE not in document_choices:
        reader.problem("stance", "missing_stance", "submitted without the document's stance toward the target")
    if stance is Stance.NONE and none_kind is None:
        reader.problem("none_kind", "none_without_kind", "stance NONE needs neutral or unrelated")
    if stance is not Stance.NONE:
        none_kind = None  # the UI hides none_kind unless NONE is chosen, but keeps an answer given before
    claim_regions = sorted((r for r in regions.values() if r.label == config.SPAN_CLAIM), key=_order)
    claims: list[LabeledClaim] = []
    for index, region in enumerate(claim_regions):
        where = f"claims[{index}]"
        checkworthiness = reader.label(CheckWorthiness, region.choices.get(config.FROM_CHECKWORTHINESS), where)
        if checkworthiness is None:
            reader.problem(
                where, "claim_without_checkworthiness", f"claim {_clip(region.text)!r} has no check-worthiness"
            )
            continue
        claim = LabeledClaim(start=region.start, end=region.end, text=region.text, checkworthiness=checkworthiness)
        claim_stance = reader.label(Stance, region.choices.get(config.FROM_CLAIM_STANCE), f"{where}.stance")
        claim_none = reader.label(NoneKind, region.choices.get(config.FROM_CLAIM_NONE_KIND), f"{where}.none_kind")
        if claim_stance is not None:
            claim["stance"] = claim_stance
            if claim_stance is Stance.NONE:
                if claim_none is None:
                    reader.problem(
                        where, "none_without_kind", f"claim {_clip(region.text)!r}: NONE needs neutral or unrelated"
                    )
                claim["none_kind"] = claim_none
        claims.append(claim)
    position = {region.region_id: index for index, region in enumerate(claim_regions)}
    attributions = _attributions(regions, relations, position, reader)
    return Labels(stance=stance, none_kind=none_kind, claims=claims, attributions=attributions)


def _attributions(
    regions: dict[str, _Region], relations: list[tuple[str, str]], position: dict[str, int], reader: _Reader
) -> list[Attribution]:
    """Sources and cues with the claims they are linked to (a relation in either direction; one attribution
    per link, so a speaker of two claims appears twice)."""
    linked: dict[str, set[int]] = {}
    for first, second in relations:
        ends = [regions.get(first), regions.get(second)]
        if None in ends:
            reader.problem("relations", "dangling_relation", f"a relation from {first!r} to {second!r}, not two spans")
            continue
        claim_end = [end for end in ends if end is not None and end.region_id in position]
        other = [end for end in ends if end is not None and end.region_id not in position]
        if len(claim_end) != 1 or len(other) != 1:
            texts = " and ".join(repr(_clip(end.text)) for end in ends if end is not None)
            reader.problem(
                "relations",
                "relation_without_claim",
                f"a relation links {texts}: it must link one claim to a source or cue",
            )
            continue
        linked.setdefault(other[0].region_id, set()).add(position[claim_end[0].region_id])
    attributions: list[Attribution] = []
    for region in sorted(regions.values(), key=_order):
        role = config.SPAN_ROLES.get(region.label)
        if role is None:
            continue
        if region.region_id not in linked:
            reader.problem(
                "attributions", "attribution_unlinked", f"{role.value} {_clip(region.text)!r} is linked to no claim"
            )
            continue
        for claim in sorted(linked[region.region_id]):
            attributions.append(
                Attribution(
                    start=region.start, end=region.end, text=region.text, role=AttributionRole(role), claim=claim
                )
            )
    attributions.sort(key=lambda attribution: (attribution["claim"], attribution["start"], attribution["role"].value))
    return attributions


def _region(
    item: dict[str, Any], value: dict[str, Any], text: str, offsets: Utf16Offsets, reader: _Reader
) -> _Region | None:
    labels = value.get("labels") or []
    where = f"span {item.get('id')!r}"
    if len(labels) != 1 or (labels[0] != config.SPAN_CLAIM and labels[0] not in config.SPAN_ROLES):
        reader.problem(where, "unknown_label", f"span labels {labels}: expected exactly one of claim, source, cue")
        return None
    try:
        start, end = offsets.to_py(int(value["start"])), offsets.to_py(int(value["end"]))
    except (KeyError, TypeError, ValueError):
        reader.problem(where, "span_without_offsets", "a span without numeric start and end")
        return None
    if not 0 <= start < end <= len(text) or text[start:end] != value.get("text"):
        reader.problem(
            where,
            "span_text_mismatch",
            f"text {_clip(str(value.get('text')))!r} differs from the document's "
            f"text[{start}:{end}] {_clip(text[start:end])!r}",
        )
        return None
    return _Region(str(item.get("id")), start, end, text[start:end], labels[0], {})


def _single(value: dict[str, Any], field: str, reader: _Reader) -> str:
    choices = value.get("choices") or []
    if len(choices) != 1:
        reader.problem(field, "not_one_choice", f"{len(choices)} choices where one is expected")
        return ""
    return str(choices[0])


def _order(region: _Region) -> tuple[int, int, str]:
    return (region.start, region.end, region.region_id)


def _clip(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"
