"""The `Annotation` record: one annotator's answer to one task, as one version in an append-only ledger."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field, model_validator

from builder.records.base import AnnotationId, AnnotatorId, DocId, Record, SchemaVersion, TargetId, TaskKey, Timestamp
from builder.records.labeling import Labels, check_labels
from builder.records.labels import AnnotationStatus


class Annotation(Record):
    """Spans are offsets into the document's `text` (the record does not repeat the text; `builder studio pull`
    checks them against the document before writing).

    Invariants beyond types (checked by the model and `builder validate`; JSON Schema cannot express them): a
    `submitted` annotation has `labels` with a `stance`, a `skipped` or `deleted` one has no `labels`;
    `none_kind` is given with stance `NONE` and only with it (the document's and each claim's); every span has
    `start < end`; an attribution's `claim` is the index of one of the claims; `updated_at` is not before
    `created_at`.
    """

    record_kind: ClassVar[str] = "annotation"

    kind: Literal["annotation"]
    schema_version: SchemaVersion
    annotation_id: AnnotationId
    version: Annotated[int, Field(ge=1, description="1 for the first pull; each change in Label Studio adds one.")]
    task_key: TaskKey
    doc_id: DocId
    target_id: TargetId | None = None
    annotator: AnnotatorId
    status: AnnotationStatus
    labels: Labels | None = Field(default=None, description="Required when submitted; absent when skipped or deleted.")
    created_at: Timestamp
    updated_at: Timestamp
    lead_time_seconds: Annotated[float, Field(ge=0.0)] | None = Field(
        default=None, description="Time the annotator spent on the task, as Label Studio measured it."
    )
    prediction_model_version: str | None = Field(
        default=None, description="Model version of the pre-annotation shown to the annotator, if one was."
    )

    @model_validator(mode="after")
    def _labels_fit_status(self) -> Annotation:
        if self.status is AnnotationStatus.submitted:
            if self.labels is None or self.labels.stance is None:
                raise ValueError("labels.stance: a submitted annotation needs a document stance")
            check_labels(self.labels, "labels.")
        elif self.labels is not None:
            raise ValueError(f"labels: a {self.status.value} annotation carries no labels")
        if self.updated_at < self.created_at:
            raise ValueError("updated_at: earlier than created_at")
        return self
