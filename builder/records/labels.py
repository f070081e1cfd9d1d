"""The label sets. Every other place (Label Studio config, JSON Schemas, dataset features, guidelines
tables) is generated from these enums, so a label is added here or nowhere.

The member order is the class-label order in released datasets: never reorder, only append.
"""

from __future__ import annotations

from enum import StrEnum


class Stance(StrEnum):
    """Stance toward a target, the SemEval-2016 Task 6 set."""

    FAVOR = "FAVOR"
    AGAINST = "AGAINST"
    NONE = "NONE"


class NoneKind(StrEnum):
    """Why a stance is NONE: the text discusses the target without taking a side, or is not about it."""

    neutral = "neutral"
    unrelated = "unrelated"


class CheckWorthiness(StrEnum):
    """ClaimBuster's classes: non-factual, unimportant factual, check-worthy factual sentence."""

    NFS = "NFS"
    UFS = "UFS"
    CFS = "CFS"


class DocumentRole(StrEnum):
    """Whether a document is the page's main article or one shown beside it."""

    main = "main"
    related = "related"


class TargetType(StrEnum):
    entity = "entity"
    topic = "topic"
    claim = "claim"


class ParagraphKind(StrEnum):
    """What a paragraph is: body text, a subheading, or a line of a code block (a technical article's program code,
    console output or query: text, but no claim and no quote)."""

    body = "body"
    heading = "heading"
    code = "code"


class SourceFormat(StrEnum):
    """The kind of raw input a document was extracted from."""

    pagetext = "pagetext"
    html = "html"
    warc = "warc"
    jsonl = "jsonl"
    feed = "feed"
    csv = "csv"
    parquet = "parquet"
    arrow = "arrow"


class AnnotationStatus(StrEnum):
    """What an annotator did with a task; `deleted` records that an earlier version was removed."""

    submitted = "submitted"
    skipped = "skipped"
    deleted = "deleted"


class AttributionRole(StrEnum):
    """The parts of an attribution besides its content, as in PARC 3.0: who says it and the verb saying it."""

    source = "source"
    cue = "cue"


LABEL_DESCRIPTIONS: dict[StrEnum, str] = {
    Stance.FAVOR: "The text supports the target, argues for it or reports it approvingly.",
    Stance.AGAINST: "The text opposes the target, argues against it or reports it disapprovingly.",
    Stance.NONE: "The text takes no side on the target (neutral) or is not about it (unrelated).",
    NoneKind.neutral: "Discusses the target without taking a side.",
    NoneKind.unrelated: "Does not discuss the target.",
    CheckWorthiness.NFS: "Non-factual: opinion, question, prediction or filler; nothing to check.",
    CheckWorthiness.UFS: "Unimportant factual: true or false, but nobody would bother to check it.",
    CheckWorthiness.CFS: "Check-worthy factual: a factual claim the public would want verified.",
}
"""One-line definitions shown next to each label in Label Studio and the dataset card."""
