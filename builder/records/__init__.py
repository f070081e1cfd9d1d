"""The record models: the single source of truth for files, schemas, Label Studio and dataset features."""

from __future__ import annotations

from builder.records.annotation import Annotation
from builder.records.base import SCHEMA_VERSION, Record
from builder.records.document import Caption, Dateline, Document, Provenance
from builder.records.labeling import Attribution, LabeledClaim, Labels
from builder.records.labels import (
    AnnotationStatus,
    AttributionRole,
    CheckWorthiness,
    DocumentRole,
    NoneKind,
    ParagraphKind,
    SourceFormat,
    Stance,
    TargetType,
)
from builder.records.quarantine import QuarantineItem
from builder.records.release import AnnotationRow, ClaimRow, DocumentRow, StanceRow
from builder.records.reports import (
    AgreementFigures,
    AgreementReport,
    AnnotatorAgreement,
    IngestFileRow,
    IngestOutputs,
    IngestReport,
    ReleaseManifest,
    ReviewItem,
    SplitAssignment,
    SplitLedgerFile,
    StanceConfusion,
)
from builder.records.spans import Claim, Paragraph, Quote, Span, TargetMention, TextSpan
from builder.records.target import Target
from builder.records.task import Prediction, Task

FILE_RECORDS: tuple[type[Record], ...] = (Document, Target, Task, Annotation, QuarantineItem, ReviewItem)
"""Kinds written to JSONL files; each carries a `kind` field, so a file's lines can be told apart."""

REPORTS: tuple[type[Record], ...] = (IngestReport, AgreementReport, SplitLedgerFile, ReleaseManifest)
"""Kinds written as one JSON document a file (report.json, agreement.json, splits.json, MANIFEST.json), told apart
by `kind` too."""

RELEASE_ROWS: tuple[type[Record], ...] = (DocumentRow, StanceRow, ClaimRow, AnnotationRow)
"""Rows of the released dataset's configs."""

RECORD_KINDS: dict[str, type[Record]] = {model.record_kind: model for model in FILE_RECORDS + REPORTS + RELEASE_ROWS}

__all__ = [
    "FILE_RECORDS",
    "RECORD_KINDS",
    "RELEASE_ROWS",
    "REPORTS",
    "SCHEMA_VERSION",
    "AgreementFigures",
    "AgreementReport",
    "Annotation",
    "AnnotationRow",
    "AnnotationStatus",
    "AnnotatorAgreement",
    "Attribution",
    "AttributionRole",
    "Caption",
    "CheckWorthiness",
    "Claim",
    "ClaimRow",
    "Dateline",
    "Document",
    "DocumentRole",
    "DocumentRow",
    "IngestFileRow",
    "IngestOutputs",
    "IngestReport",
    "LabeledClaim",
    "Labels",
    "NoneKind",
    "Paragraph",
    "ParagraphKind",
    "Prediction",
    "Provenance",
    "QuarantineItem",
    "Quote",
    "Record",
    "ReleaseManifest",
    "ReviewItem",
    "SourceFormat",
    "Span",
    "SplitAssignment",
    "SplitLedgerFile",
    "Stance",
    "StanceConfusion",
    "StanceRow",
    "Target",
    "TargetMention",
    "TargetType",
    "Task",
    "TextSpan",
]
