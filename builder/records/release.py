"""Rows of the released dataset's configs (`documents`, `stance`, `claims`, `annotations`).

Their fields become the Hugging Face features: enums become `ClassLabel`s with the enum's member order, and
`*_soft` fields hold the annotators' label distribution in that same order.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import ConfigDict, Field, model_validator

from builder.records.base import (
    AnnotationId,
    AnnotatorId,
    DocId,
    NonEmptyStr,
    PageId,
    Record,
    SchemaVersion,
    TargetId,
    Timestamp,
)
from builder.records.labeling import Attribution, LabeledClaim
from builder.records.labels import CheckWorthiness, DocumentRole, NoneKind, Stance
from builder.records.spans import Paragraph, Span

Count = Annotated[int, Field(ge=0)]
Probability = Annotated[float, Field(ge=0.0, le=1.0)]


# One share per label, in the enum's order: a length the schemas state (minItems = maxItems), not only the models.
StanceShares = Annotated[
    list[Probability],
    Field(
        min_length=len(Stance),
        max_length=len(Stance),
        description="Share of annotators per stance label, in label order.",
    ),
]
CheckWorthinessShares = Annotated[
    list[Probability],
    Field(
        min_length=len(CheckWorthiness),
        max_length=len(CheckWorthiness),
        description="Share of annotators per check-worthiness label, in label order.",
    ),
]


LABELS_STORED_AS_INDEXES = (
    "In the released Parquet files every label is stored as its ClassLabel index, its place in the enum; this schema"
    " reads a row with the label names, as `dataset.features[column].int2str` gives them back."
)


def _say_labels_are_stored_as_indexes(schema: dict[str, Any]) -> None:
    # A CI that checks released rows against these schemas reads the Parquet files, where a label is a number.
    schema["description"] = "\n\n".join(filter(None, (schema.get("description"), LABELS_STORED_AS_INDEXES)))


class ReleaseRow(Record):
    """A row of a released config, whose schema says how the Parquet files store its labels."""

    model_config = ConfigDict(json_schema_extra=_say_labels_are_stored_as_indexes)


class DocumentRow(ReleaseRow):
    """One released document: its text and structure, without the machine enrichment (claims are a config)."""

    record_kind: ClassVar[str] = "document_row"

    schema_version: SchemaVersion
    doc_id: DocId
    page_id: PageId
    group_id: NonEmptyStr = Field(description="Near-duplicate cluster or page: the unit assigned to one split.")
    duplicate_of: DocId | None = Field(description="The document this one (nearly) duplicates, if any.")
    role: DocumentRole
    title: NonEmptyStr
    text: NonEmptyStr
    paragraphs: list[Paragraph]
    sentences: list[Span]
    source: str | None
    site: str | None
    url: str | None
    dateline: str | None
    credit: str | None
    published_at: Timestamp | None
    updated_at: Timestamp | None = Field(default=None, description="When the article was last updated.")
    lang: str


class StanceRow(ReleaseRow):
    """The adjudicated stance of one document toward one target.

    Invariant beyond types (checked by the model and `builder validate`; JSON Schema cannot express it):
    `label_soft` sums to 1, or is all zeros when nobody answered.
    """

    record_kind: ClassVar[str] = "stance_row"

    schema_version: SchemaVersion
    doc_id: DocId
    target_id: TargetId | None = Field(description="None when the tasks were pushed without targets.")
    target_text: NonEmptyStr | None
    label: Stance
    none_kind: NoneKind | None
    label_soft: StanceShares
    num_annotators: Count
    agreement: Probability | None = Field(description="Share of annotators who gave the released label.")
    machine_label: bool = Field(description="True when no person confirmed the label (a pre-annotation).")

    @model_validator(mode="after")
    def _soft_label_shape(self) -> StanceRow:
        _check_sum("label_soft", self.label_soft)
        return self


class ClaimRow(ReleaseRow):
    """One adjudicated claim span with its check-worthiness, stance and attribution.

    Invariants beyond types (checked by the model and `builder validate`; JSON Schema cannot express them):
    `start < end`; `checkworthiness_soft` and `stance_soft` each sum to 1, or are all zeros when nobody answered.
    """

    record_kind: ClassVar[str] = "claim_row"

    schema_version: SchemaVersion
    claim_id: NonEmptyStr = Field(description="`doc_id:target_id:start-end`: stable across versions.")
    doc_id: DocId
    target_id: TargetId | None
    start: Count
    end: Count
    text: NonEmptyStr
    sentence: NonEmptyStr = Field(description="The sentence the claim lies in.")
    checkworthiness: CheckWorthiness
    checkworthiness_soft: CheckWorthinessShares
    stance: Stance | None
    stance_soft: StanceShares
    speaker: str | None = Field(description='The source span\'s text, as the article writes it ("He").')
    speaker_name: str | None = Field(
        default=None,
        description=(
            'Whom the source stands for where its span does not name them ("Volodymyr Zelensky" for "He"):'
            " the name most of the claim's annotators gave, or the quote extractor's guess in a machine label."
        ),
    )
    cue: str | None
    num_annotators: Count
    machine_label: bool

    @model_validator(mode="after")
    def _shape(self) -> ClaimRow:
        if self.start >= self.end:
            raise ValueError(f"start: {self.start} must be less than end {self.end}")
        _check_sum("checkworthiness_soft", self.checkworthiness_soft)
        _check_sum("stance_soft", self.stance_soft)
        return self


class AnnotationRow(ReleaseRow):
    """One annotator's raw answer, pseudonymous, for disagreement-aware training."""

    record_kind: ClassVar[str] = "annotation_row"

    schema_version: SchemaVersion
    annotation_id: AnnotationId
    doc_id: DocId
    target_id: TargetId | None
    annotator: AnnotatorId
    stance: Stance | None
    none_kind: NoneKind | None
    claims: list[LabeledClaim]
    attributions: list[Attribution]
    lead_time_seconds: Annotated[float, Field(ge=0.0)] | None
    prediction_model_version: str | None = Field(description="Pre-annotation shown to the annotator, if one was.")


def _check_sum(field: str, values: list[float]) -> None:
    if values and abs(sum(values) - 1.0) > 1e-6 and any(values):
        raise ValueError(f"{field}: values sum to {sum(values):.6f}, not 1")
