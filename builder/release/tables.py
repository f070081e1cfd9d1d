"""The rows of each release config, from documents, adjudicated decisions and raw answers.

Rows are built as plain dicts shaped like the release-row models (`builder/records/release.py`), labels as
enum members; `features.rows_to_table` turns them into Arrow with the features derived from those models, so
the Parquet columns and the `Features` in the card come from one definition. Every row goes to its
document's split: a label can never sit in another split than its text.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple

from datasets import Features

from builder.ingest.dedup import similarity_keys
from builder.records import (
    SCHEMA_VERSION,
    Annotation,
    AnnotationRow,
    CheckWorthiness,
    ClaimRow,
    Document,
    DocumentRow,
    Stance,
    StanceRow,
)
from builder.records.base import Record
from builder.release.adjudication import Adjudication, ClaimDecision, machine_claims
from builder.release.features import model_features
from builder.release.splits import SPLITS

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


LABEL_PANELS: tuple[tuple[str, str, str, type[StrEnum]], ...] = (
    ("document stance", "stance", "label", Stance),
    ("claim check-worthiness", "claims", "checkworthiness", CheckWorthiness),
)
"""(plot title, config, column, labels) of the label distributions shown in the card."""


@dataclass
class WrittenTables:
    """What the card, the plot, the changelog and the manifest need to know of the written tables, so that
    neither engine has to keep the rows once they are in Parquet: each batch of rows written is `add`ed, and
    the summaries of batches written on several machines are `merge`d."""

    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    """config to split to rows; only configs and splits with rows appear (only those are released)."""
    bytes: dict[str, dict[str, int]] = field(default_factory=dict)
    """config to split to Arrow bytes."""
    labels: dict[str, dict[str, dict[str, int]]] = field(default_factory=dict)
    """plot title to split to label to rows."""
    stance: dict[tuple[str, str | None], str] = field(default_factory=dict)
    """(doc_id, target_id) to stance label: the changelog's view of the stance config."""
    claims: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    """claim_id to (check-worthiness, stance): the changelog's view of the claims config."""
    machine_claims: int = 0
    orphan_answers: int = 0

    def add(self, config: str, split: str, rows: Sequence[dict], arrow_bytes: int) -> None:
        counts = self.counts.setdefault(config, {})
        counts[split] = counts.get(split, 0) + len(rows)
        sizes = self.bytes.setdefault(config, {})
        sizes[split] = sizes.get(split, 0) + arrow_bytes
        for title, panel_config, column, labels in LABEL_PANELS:
            if config == panel_config:
                tally = self.labels.setdefault(title, {}).setdefault(split, dict.fromkeys(labels, 0))
                for row in rows:
                    tally[str(row[column])] += 1
        if config == "stance":
            self.stance.update({(row["doc_id"], row["target_id"]): str(row["label"]) for row in rows})
        elif config == "claims":
            self.claims.update({row["claim_id"]: _claim_labels(row) for row in rows})

    def merge(self, other: WrittenTables) -> None:
        for config, splits in other.counts.items():
            counts, sizes = self.counts.setdefault(config, {}), self.bytes.setdefault(config, {})
            for split, count in splits.items():
                counts[split] = counts.get(split, 0) + count
                sizes[split] = sizes.get(split, 0) + other.bytes[config][split]
        for title, by_split in other.labels.items():
            for split, tally in by_split.items():
                mine = self.labels.setdefault(title, {}).setdefault(split, dict.fromkeys(tally, 0))
                for label, count in tally.items():
                    mine[label] += count
        self.stance.update(other.stance)
        self.claims.update(other.claims)
        self.machine_claims += other.machine_claims
        self.orphan_answers += other.orphan_answers

    def distributions(self) -> dict[str, dict[str, dict[str, int]]]:
        """Plot title to split to label to count, splits in release order, labels in ClassLabel order."""
        return {
            title: {split: by_split[split] for split in SPLITS if split in by_split}
            for title, by_split in self.labels.items()
        }


def _claim_labels(row: dict) -> tuple[str, str | None]:
    return str(row["checkworthiness"]), None if row["stance"] is None else str(row["stance"])


def claim_id(doc_id: str, target_id: str | None, start: int, end: int) -> str:
    """`doc_id:target_id:start-end`: stable across releases (so the changelog tells a relabelled claim from a
    new one), readable, and unique, since one task holds one claim per span."""
    return f"{doc_id}:{target_id or ''}:{start}-{end}"


def claims_by_document(claims: Iterable[ClaimDecision]) -> dict[str, list[ClaimDecision]]:
    by_document: dict[str, list[ClaimDecision]] = {}
    for claim in claims:
        by_document.setdefault(claim.doc_id, []).append(claim)
    return by_document


def document_rows(
    document: Document, group: str, human_claims: Sequence[ClaimDecision], with_machine_claims: bool
) -> tuple[dict, list[dict], int]:
    """(the document's row, its claim rows, how many of those are machine labels): the claims people
    adjudicated, then, when asked for, the extractor's own candidates as marked machine labels.

    The one per-document step of a release, run by the local engine in a loop and by the Ray engine in
    parallel over chunks of the documents file."""
    machine = machine_claims(document) if with_machine_claims else []
    claims = [*human_claims, *machine]
    starts = [sentence["start"] for sentence in document.sentences] if claims else []
    return _document_row(document, group), [_claim_row(claim, document, starts) for claim in claims], len(machine)


def answer_rows(
    adjudication: Adjudication, answers: Sequence[Annotation], splits: Mapping[str, str], target_texts: dict[str, str]
) -> ReleaseTables:
    """The stance and annotations configs, which come from people's answers alone (small beside the
    documents: both engines build them in one process). Answers about documents not in `splits` are counted
    as orphans and left out."""
    tables = ReleaseTables({"stance": {}, "annotations": {}})
    for decision in adjudication.stances:
        split = splits.get(decision.doc_id)
        if split is None:
            continue
        tables.rows["stance"].setdefault(split, []).append(
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
            }
        )
    for answer in answers:
        split = splits.get(answer.doc_id)
        if split is None:
            tables.orphan_answers += 1
            continue
        tables.rows["annotations"].setdefault(split, []).append(_annotation_row(answer))
    return tables


def build_tables(
    documents: Sequence[Document],
    splits: Mapping[str, str],
    groups: Mapping[str, str],
    adjudication: Adjudication,
    answers: Sequence[Annotation],
    target_texts: dict[str, str],
    include_machine_labels: bool,
) -> ReleaseTables:
    """Every config's rows in memory: `document_rows` for each document, then `answer_rows`."""
    tables = answer_rows(adjudication, answers, splits, target_texts)
    tables.rows = {"documents": {}, "claims": {}, **tables.rows}
    human = claims_by_document(adjudication.claims)
    annotated = {answer.doc_id for answer in answers}
    for document in documents:
        split = splits[document.doc_id]
        row, claims, machine = document_rows(
            document,
            groups[document.doc_id],
            human.get(document.doc_id, ()),
            include_machine_labels and document.doc_id not in annotated,
        )
        tables.rows["documents"].setdefault(split, []).append(row)
        if claims:
            tables.rows["claims"].setdefault(split, []).extend(claims)
        tables.machine_claims += machine
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
        "updated_at": document.updated_at,
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
        "speaker_name": claim.speaker_name,
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


class DocumentKey(NamedTuple):
    """What a release keeps of a document once its rows are written: enough for splits, the leak check, the
    changelog and the card. The Ray engine holds only these in the driver, a few hundred bytes a document."""

    doc_id: str
    page_id: str
    duplicate_of: str | None
    lang: str
    outlet: str
    similar: Sequence[int] = ()
    """`dedup.similarity_keys`: exact and near duplicates given by separate ingest runs share one."""

    @classmethod
    def of(cls, document: Document) -> DocumentKey:
        outlet = document.source or document.site or "unknown"
        similar = similarity_keys(document.title, document.text)
        return cls(document.doc_id, document.page_id, document.duplicate_of, document.lang, outlet, similar)
