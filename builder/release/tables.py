"""The rows of each release config, from documents, adjudicated decisions and raw answers.

Rows are built as plain dicts shaped like the release-row models (`builder/records/release.py`), labels as
enum members; `features.rows_to_table` turns them into Arrow with the features derived from those models, so
the Parquet columns and the `Features` in the card come from one definition. Every row goes to its
document's split: a label can never sit in another split than its text.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from datasets import Features

from builder.records import SCHEMA_VERSION, Annotation, AnnotationRow, ClaimRow, Document, DocumentRow, StanceRow
from builder.records.base import Record
from builder.release.adjudication import Adjudication, ClaimDecision, machine_claims
from builder.release.features import model_features

CONFIGS: dict[str, type[Record]] = {
    "documents": DocumentRow,
    "claims": ClaimRow,
    "stance": StanceRow,
    "annotations": AnnotationRow,
}
"""Config name to its row model; the order is the order in the card."""

Rows = dict[str, dict[str, list[dict]]]
"""config to split to rows."""


@dataclass
class ReleaseTables:
    rows: Rows
    machine_claims: int = 0
    orphan_answers: int = 0
    """Answers about documents missing from the documents file: neither they nor their labels are released."""

    def counts(self) -> dict[str, dict[str, int]]:
        """Rows per config and split, for the configs that have any (only those are released)."""
        return {
            config: {split: len(rows) for split, rows in splits.items() if rows}
            for config, splits in self.rows.items()
            if any(splits.values())
        }


def claim_id(doc_id: str, target_id: str | None, start: int, end: int) -> str:
    """`doc_id:target_id:start-end`: stable across releases (so the changelog tells a relabelled claim from a
    new one), readable, and unique, since one task holds one claim per span."""
    return f"{doc_id}:{target_id or ''}:{start}-{end}"


def build_tables(
    documents: Sequence[Document],
    splits: dict[str, str],
    groups: dict[str, str],
    adjudication: Adjudication,
    answers: Sequence[Annotation],
    target_texts: dict[str, str],
    include_machine_labels: bool,
) -> ReleaseTables:
    tables = ReleaseTables({config: {} for config in CONFIGS})
    by_id = {document.doc_id: document for document in documents}

    def add(config: str, doc_id: str, row: dict) -> None:
        tables.rows[config].setdefault(splits[doc_id], []).append(row)

    for document in documents:
        add("documents", document.doc_id, _document_row(document, groups[document.doc_id]))
    for decision in adjudication.stances:
        if decision.doc_id not in by_id:
            continue
        add(
            "stance",
            decision.doc_id,
            {
                "schema_version": SCHEMA_VERSION,
                "doc_id": decision.doc_id,
                "target_id": decision.target_id,
                "target_text": target_texts.get(decision.target_id or "", decision.target_id),
                "label": decision.label,
                "none_kind": decision.none_kind,
                "label_soft": decision.soft,
                "num_annotators": decision.annotators,
                "agreement": decision.agreement,
                "machine_label": False,
            },
        )
    claims = list(adjudication.claims)
    if include_machine_labels:
        annotated = {answer.doc_id for answer in answers}
        machine = [
            claim for document in documents if document.doc_id not in annotated for claim in machine_claims(document)
        ]
        tables.machine_claims = len(machine)
        claims += machine
    sentence_starts: dict[str, list[int]] = {}
    for claim in claims:
        document = by_id.get(claim.doc_id)
        if document is None:
            continue
        starts = sentence_starts.get(document.doc_id)
        if starts is None:
            starts = sentence_starts[document.doc_id] = [sentence["start"] for sentence in document.sentences]
        add("claims", claim.doc_id, _claim_row(claim, document, starts))
    for answer in answers:
        if answer.doc_id not in by_id:
            tables.orphan_answers += 1
            continue
        add("annotations", answer.doc_id, _annotation_row(answer))
    return tables


def _document_row(document: Document, group: str) -> dict:
    return {
        "schema_version": SCHEMA_VERSION,
        "doc_id": document.doc_id,
        "page_id": document.page_id,
        "group_id": group,
        "duplicate_of": document.duplicate_of,
        "role": document.role,
        "title": document.title,
        "text": document.text,
        "paragraphs": document.paragraphs,
        "sentences": document.sentences,
        "source": document.source,
        "site": document.site,
        "url": document.url,
        "dateline": document.dateline.raw if document.dateline else None,
        "credit": document.credit,
        "published_at": document.published_at,
        "lang": document.lang,
    }


def _claim_row(claim: ClaimDecision, document: Document, sentence_starts: list[int]) -> dict:
    return {
        "schema_version": SCHEMA_VERSION,
        "claim_id": claim_id(claim.doc_id, claim.target_id, claim.start, claim.end),
        "doc_id": claim.doc_id,
        "target_id": claim.target_id,
        "start": claim.start,
        "end": claim.end,
        "text": claim.text,
        "sentence": _sentence(document, sentence_starts, claim.start) or claim.text,
        "checkworthiness": claim.checkworthiness,
        "checkworthiness_soft": claim.checkworthiness_soft,
        "stance": claim.stance,
        "stance_soft": claim.stance_soft,
        "speaker": claim.speaker,
        "cue": claim.cue,
        "num_annotators": claim.annotators,
        "machine_label": claim.machine,
    }


def _sentence(document: Document, starts: list[int], offset: int) -> str | None:
    """The sentence holding `offset`, found by bisection over the (sorted, disjoint) sentence spans."""
    sentences = document.sentences
    position = bisect_right(starts, offset) - 1
    if position >= 0 and offset < sentences[position]["end"]:
        return document.text[sentences[position]["start"] : sentences[position]["end"]]
    return None


def _annotation_row(answer: Annotation) -> dict:
    labels = answer.labels
    assert labels is not None
    return {
        "schema_version": SCHEMA_VERSION,
        "annotation_id": answer.annotation_id,
        "doc_id": answer.doc_id,
        "target_id": answer.target_id,
        "annotator": answer.annotator,
        "stance": labels.stance,
        "none_kind": labels.none_kind,
        "claims": labels.claims,
        "attributions": labels.attributions,
        "lead_time_seconds": answer.lead_time_seconds,
        "prediction_model_version": answer.prediction_model_version,
    }


def config_features() -> dict[str, Features]:
    """The Hugging Face features of every config, derived from its row model."""
    return {config: model_features(model) for config, model in CONFIGS.items()}
