"""Label Studio results back to `Labels`: the inverse of `tasks.result_items`, and the builder's own check of
what annotators submit (the server accepts any result, even labels its config does not have).

Pure: a result list and the task's text in, `Labels` or the list of problems out. A problem names the field,
a stable reason code and a sentence, ready for a `QuarantineItem`. A region's `meta` (the note a push puts on a
claim without a source span, which the annotator may have kept, edited or deleted) is not read; a source's name
field is (`Attribution.name`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from operator import attrgetter, itemgetter
from typing import Any, TypeVar

from builder.records import Attribution, CheckWorthiness, LabeledClaim, Labels, NoneKind, Stance
from builder.records.labeling import NAMED_ROLE
from builder.studio import config
from builder.studio.offsets import Utf16Offsets

E = TypeVar("E", bound=StrEnum)

# Tuples, not sets: a malformed `from_name` (a list, say) must be an unknown control, not a TypeError.
_PER_REGION = (config.FROM_CHECKWORTHINESS, config.FROM_CLAIM_STANCE, config.FROM_CLAIM_NONE_KIND)
_DOCUMENT_CHOICES = (config.FROM_STANCE, config.FROM_NONE_KIND)
_SPAN_LABELS = frozenset({config.SPAN_CLAIM, *config.SPAN_ROLES})
_ORDER = attrgetter("start", "end", "region_id")
"""Regions in text order; the id breaks ties, so the order never depends on the result list's."""
_ATTRIBUTION_ORDER = itemgetter("claim", "start", "role")
"""By claim, then position, then role (a `StrEnum` sorts as its value)."""


@dataclass(frozen=True)
class Problem:
    field: str
    reason_code: str
    reason: str


@dataclass(slots=True)
class _Region:
    region_id: str
    start: int
    end: int
    text: str
    label: str
    choices: dict[str, str]
    name: str | None = None


def _members(labels: type[E]) -> dict[str, E]:
    return {label.value: label for label in labels}


# A dict lookup instead of calling the enum: `Stance(value)` goes through `EnumMeta.__call__`, several times
# slower, and a pull looks up one for every claim of every annotation (about 30 per bench annotation).
_LOOKUP: dict[type[StrEnum], dict[str, Any]] = {
    labels: _members(labels) for labels in (Stance, NoneKind, CheckWorthiness)
}


class _Reader:
    """Collects the problems of one result list while reading it."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def problem(self, field: str, code: str, reason: str) -> None:
        self.problems.append(Problem(field, code, reason))

    def label(self, labels: type[E], value: str | None, field: str) -> E | None:
        if not value:  # absent, or "" from a control whose problem `_single` already recorded
            return None
        member: E | None = _LOOKUP[labels].get(value)
        if member is None:
            self.problem(field, "unknown_label", f"{value!r} is not one of {[label.value for label in labels]}")
        return member


def read_labels(result: list[dict[str, Any]], text: str) -> Labels | list[Problem]:
    """The labels of one submitted annotation, spans as offsets into `text` (code points), or its problems.

    A pull reads about 80 result items per annotation, so this is written for speed: no work on the path of a
    valid item beyond what reading it needs, and `Labels` is built without validation, since every value put
    into it was checked here (`tests/test_studio_ledger.py` checks that validating it changes nothing)."""
    reader = _Reader()
    offsets = Utf16Offsets(text)
    document_choices: dict[str, str] = {}
    regions: dict[str, _Region] = {}
    relations: list[tuple[str, str]] = []
    region_choices: list[dict[str, Any]] = []
    region_names: list[dict[str, Any]] = []
    for item in result:
        if not isinstance(item, dict):  # the server stores whatever JSON a client sent as a result
            reader.problem("result", "unknown_control", f"a result item that is not an object: {item!r:.80}")
            continue
        kind = item.get("type")
        if kind == "relation":
            relations.append((str(item.get("from_id")), str(item.get("to_id"))))
            continue
        name = item.get("from_name")
        value = _object(item.get("value"))
        if kind == "labels" and name == config.FROM_SPANS:
            region = _region(item, value, text, offsets, reader)
            if region is not None:
                regions[region.region_id] = region
        elif kind == "choices" and name in _DOCUMENT_CHOICES:
            document_choices[name] = _single(value, name, reader)
        elif kind == "choices" and name in _PER_REGION:
            region_choices.append(item)  # read below, once every region is known
        elif kind == "textarea" and name == config.FROM_SOURCE_NAME:
            region_names.append(item)  # likewise
        else:
            reader.problem(
                str(name), "unknown_control", f"a {kind} result from {name!r}, which the config does not have"
            )
    for item in region_choices:
        name = str(item["from_name"])
        region = regions.get(str(item.get("id")))
        if region is None:
            reader.problem(name, "orphan_choice", f"a choice for region {item.get('id')!r}, which is not a span")
        else:
            region.choices[name] = _single(_object(item.get("value")), name, reader)
    for item in region_names:
        region = regions.get(str(item.get("id")))
        if region is None:
            reader.problem(
                config.FROM_SOURCE_NAME, "orphan_name", f"a name for region {item.get('id')!r}, which is not a span"
            )
        else:
            region.name = _name(item.get("value"), region, reader)
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
    ordered = sorted(regions.values(), key=_ORDER)
    claim_regions = [region for region in ordered if region.label == config.SPAN_CLAIM]
    claims: list[LabeledClaim] = []
    for index, region in enumerate(claim_regions):
        choices = region.choices
        checkworthiness = reader.label(CheckWorthiness, choices.get(config.FROM_CHECKWORTHINESS), f"claims[{index}]")
        if checkworthiness is None:
            reader.problem(
                f"claims[{index}]",
                "claim_without_checkworthiness",
                f"claim {_clip(region.text)!r} has no check-worthiness",
            )
            continue
        # Dict displays rather than calls of the typed dicts: a call costs four times as much (0.8 against 0.2 us),
        # and a pull builds about 40 of them per annotation.
        claim: LabeledClaim = {
            "start": region.start,
            "end": region.end,
            "text": region.text,
            "checkworthiness": checkworthiness,
        }
        if config.FROM_CLAIM_STANCE in choices or config.FROM_CLAIM_NONE_KIND in choices:
            _claim_stance(claim, choices, index, reader)
        claims.append(claim)
    position = {region.region_id: index for index, region in enumerate(claim_regions)}
    attributions = _attributions(regions, ordered, relations, position, reader)
    # Unvalidated on purpose (see `read_labels`); with problems the labels are not used at all.
    return Labels.model_construct(stance=stance, none_kind=none_kind, claims=claims, attributions=attributions)


def _claim_stance(claim: LabeledClaim, choices: dict[str, str], index: int, reader: _Reader) -> None:
    """A claim's own stance (and kind of NONE), when the annotator gave one."""
    where = f"claims[{index}]"
    claim_stance = reader.label(Stance, choices.get(config.FROM_CLAIM_STANCE), f"{where}.stance")
    claim_none = reader.label(NoneKind, choices.get(config.FROM_CLAIM_NONE_KIND), f"{where}.none_kind")
    if claim_stance is not None:
        claim["stance"] = claim_stance
        if claim_stance is Stance.NONE:
            if claim_none is None:
                reader.problem(
                    where, "none_without_kind", f"claim {_clip(claim['text'])!r}: NONE needs neutral or unrelated"
                )
            claim["none_kind"] = claim_none


def _attributions(
    regions: dict[str, _Region],
    ordered: list[_Region],
    relations: list[tuple[str, str]],
    position: dict[str, int],
    reader: _Reader,
) -> list[Attribution]:
    """Sources and cues with the claims they are linked to (a relation in either direction; one attribution
    per link, so a speaker of two claims appears twice). `ordered`: the regions in `_ORDER`."""
    linked: dict[str, set[int]] = {}
    for first, second in relations:
        one, other = regions.get(first), regions.get(second)
        if one is None or other is None:
            reader.problem("relations", "dangling_relation", f"a relation from {first!r} to {second!r}, not two spans")
            continue
        one_is_claim = one.region_id in position
        if one_is_claim == (other.region_id in position):
            reader.problem(
                "relations",
                "relation_without_claim",
                f"a relation links {_clip(one.text)!r} and {_clip(other.text)!r}: "
                "it must link one claim to a source or cue",
            )
            continue
        claim, attributed = (one, other) if one_is_claim else (other, one)
        linked.setdefault(attributed.region_id, set()).add(position[claim.region_id])
    attributions: list[Attribution] = []
    for region in ordered:
        role = config.SPAN_ROLES.get(region.label)
        if role is None:
            continue
        claim_indices = linked.get(region.region_id)
        if claim_indices is None:
            reader.problem(
                "attributions", "attribution_unlinked", f"{role.value} {_clip(region.text)!r} is linked to no claim"
            )
            continue
        for claim_index in sorted(claim_indices):
            attribution: Attribution = {
                "start": region.start,
                "end": region.end,
                "text": region.text,
                "role": role,
                "claim": claim_index,
            }
            # A name on a cue is dropped, as `none_kind` without NONE is: the field shows for sources only, so a
            # name there (typed before the span's label was changed, or sent by a client) is one the annotator
            # cannot see to clear, and holding it against the annotation would leave them nothing to fix.
            if region.name is not None and role is NAMED_ROLE:
                attribution["name"] = region.name
            attributions.append(attribution)
    attributions.sort(key=_ATTRIBUTION_ORDER)
    return attributions


def _region(
    item: dict[str, Any], value: dict[str, Any], text: str, offsets: Utf16Offsets, reader: _Reader
) -> _Region | None:
    labels = value.get("labels") or []
    # A label that is not a string (a list, say) would raise TypeError in the set lookup and stop the pull.
    if (
        not isinstance(labels, list)
        or len(labels) != 1
        or not isinstance(labels[0], str)
        or labels[0] not in _SPAN_LABELS
    ):
        reader.problem(
            f"span {item.get('id')!r}",
            "unknown_label",
            f"span labels {labels}: expected exactly one of claim, source, cue",
        )
        return None
    try:
        start, end = offsets.to_py(int(value["start"])), offsets.to_py(int(value["end"]))
    except (KeyError, TypeError, ValueError):
        reader.problem(f"span {item.get('id')!r}", "span_without_offsets", "a span without numeric start and end")
        return None
    covered = text[start:end]
    if not 0 <= start < end <= len(text) or covered != value.get("text"):
        reader.problem(
            f"span {item.get('id')!r}",
            "span_text_mismatch",
            f"text {_clip(str(value.get('text')))!r} differs from the document's "
            f"text[{start}:{end}] {_clip(covered)!r}",
        )
        return None
    return _Region(str(item.get("id")), start, end, covered, labels[0], {})


def _object(value: Any) -> dict[str, Any]:
    """A result item's `value`, or {} when it is missing or not an object: the server stores any JSON, and a list
    there must become a problem of the item (no labels, no choice), not an AttributeError that stops the pull."""
    return value if isinstance(value, dict) else {}


def _single(value: dict[str, Any], field: str, reader: _Reader) -> str:
    choices = value.get("choices") or []
    if len(choices) != 1:
        reader.problem(field, "not_one_choice", f"{len(choices)} choices where one is expected")
        return ""
    return str(choices[0])


def _name(value: Any, region: _Region, reader: _Reader) -> str | None:
    """The name typed in a span's name field: its lines trimmed, with runs of white space as one space; None when
    it is empty. A field holds a list of lines (the UI adds one per Enter; the config allows one), or a string
    from a client that wrote one; two different names for one speaker are a problem, not a guess."""
    lines = value.get("text") if isinstance(value, dict) else value
    if isinstance(value, dict) and (lines is None or isinstance(lines, str)):
        lines = [lines or ""]  # no text is an empty field
    if not (isinstance(value, dict) and isinstance(lines, list) and all(isinstance(line, str) for line in lines)):
        reader.problem(
            config.FROM_SOURCE_NAME, "invalid_name", f"the name of {_clip(region.text)!r} is not text: {lines!r:.80}"
        )
        return None
    names = list(dict.fromkeys(cleaned for line in lines if (cleaned := " ".join(line.split()))))
    if len(names) > 1:
        reader.problem(
            config.FROM_SOURCE_NAME,
            "several_names",
            f"{_clip(region.text)!r} is given {len(names)} names {[_clip(name) for name in names]}: one is expected",
        )
        return None
    return names[0] if names else None


def _clip(value: str, limit: int = 40) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"
