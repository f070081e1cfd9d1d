"""The `Task` record: what is pushed to Label Studio for one (document, target) pair."""

from __future__ import annotations

from typing import Annotated, ClassVar, Literal

from pydantic import Field, model_validator

from builder.records.base import DocId, NonEmptyStr, Record, SchemaVersion, TaskKey, Timestamp
from builder.records.labeling import Labels, check_labels
from builder.records.spans import check_text_span
from builder.records.target import Target


class Prediction(Labels):
    """A pre-annotation shown to annotators, from the ingest extractors."""

    model_version: NonEmptyStr = Field(description="Extractor version that produced it.")
    score: Annotated[float, Field(ge=0.0, le=1.0)]


class Task(Record):
    """One unit of annotation work. Spans in predictions are offsets into `text`, which is the document's text.

    Invariants beyond types (checked by the model and `builder validate`; JSON Schema cannot express them): every
    span of a prediction satisfies `0 <= start < end <= len(text)` and its `text` equals `text[start:end]`;
    `none_kind` is given with stance `NONE` and only with it (a prediction's and each claim's); an attribution's
    `claim` is the index of one of its prediction's claims.
    """

    record_kind: ClassVar[str] = "task"

    kind: Literal["task"]
    schema_version: SchemaVersion
    task_key: TaskKey
    doc_id: DocId
    target: Target | None = Field(default=None, description="None when the project was pushed without targets.")
    title: NonEmptyStr
    text: NonEmptyStr
    source: str | None = None
    url: str | None = None
    published_at: Timestamp | None = None
    updated_at: Timestamp | None = Field(default=None, description="When the article was last updated.")
    predictions: list[Prediction] = Field(default_factory=list)

    @model_validator(mode="after")
    def _predictions_match_text(self) -> Task:
        size = len(self.text)
        for index, prediction in enumerate(self.predictions):
            where = f"predictions[{index}]."
            check_labels(prediction, where)
            for field, spans in (("claims", prediction.claims), ("attributions", prediction.attributions)):
                for span_index, span in enumerate(spans):
                    check_text_span(f"{where}{field}[{span_index}]", span, self.text, size)
        return self
