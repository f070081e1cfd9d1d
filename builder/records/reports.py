"""What the runs write beside the records: ingest's `report.json`, the agreement figures (`agreement.json`), a
release's split ledger (`splits.json`), its review list (a `ReviewItem` a line) and its manifest (`MANIFEST.json`).

The code that writes each file builds these models and dumps them, so the files and the schemas generated from
them (`schemas/`) cannot drift. Like the records, each carries `kind` (which schema reads it, and how `builder
validate` tells a file's kind) and `schema_version` (the shape a dashboard reading reports of many runs reads).
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal

from pydantic import Field

from builder.records.base import (
    AnnotatorId,
    DocId,
    PageId,
    Record,
    SchemaVersion,
    Sha256,
    StrictModel,
    TargetId,
    TaskKey,
    Timestamp,
)
from builder.records.labels import SourceFormat, Stance
from builder.records.release import Probability
from builder.records.spans import Offset

Count = Annotated[int, Field(ge=0)]
Seconds = Annotated[float, Field(ge=0.0, description="Wall-clock seconds.")]
ReasonCode = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
ONLY_KEYS_OF_THE_PATTERN: dict[str, Any] = {"additionalProperties": False}
"""For a dict whose keys have a pattern: pydantic writes it as `patternProperties`, which a key of another form
passes in JSON Schema, while the model refuses it."""
CountsByCode = Annotated[
    dict[ReasonCode, Count],
    Field(
        description='Count per reason code (docs/ingest.md, "Quarantine reason codes"); codes never met are absent.',
        json_schema_extra=ONLY_KEYS_OF_THE_PATTERN,
    ),
]


class IngestFileRow(StrictModel):
    """What one input file gave: a row of `files` in report.json."""

    path: str = Field(
        description="The input file as the run shows it: its path or URL (an archive's member as its own)."
    )
    format: SourceFormat | None = Field(description="The format it was read as; null when no page was read from it.")
    pages: Count = Field(
        description="Pages read from it (a page dump, an HTML page, a WARC response, a record, a feed item)."
    )
    articles: Count = Field(
        description="Articles found on those pages (a page may hold a main article and related ones)."
    )
    documents: Count = Field(description="Documents written from it, duplicates marked `duplicate_of` included.")
    rejected: CountsByCode = Field(description="Its items quarantined (quarantine.jsonl), by reason code.")
    passed_over: CountsByCode = Field(
        description="Its records that hold no page and are no fault (a crawl's images, redirects), by code."
    )
    code_paragraphs_left_out: Count = Field(description="Code paragraphs left out of its documents (`--drop-code`).")
    seconds: Seconds
    records: Count | None = Field(
        default=None, description="Scraper records read from it; only under `--field`, absent otherwise."
    )
    fields_found: dict[str, Count] | None = Field(
        default=None,
        description="Under `--field` only: for each override's NAME, the records whose PATH held a value.",
    )
    format_doubt: str | None = Field(
        default=None,
        description="Why the format `--format` forced looks wrong for this file, if it does; absent otherwise.",
    )


class ReadStage(StrictModel):
    files: Count = Field(description="Input files read (an archive's members each count).")
    pages: Count
    passed_over: Count = Field(description="Records holding no page, passed over (see `passed_over`).")


class ExtractStage(StrictModel):
    pages: Count
    articles: Count


class BuildStage(StrictModel):
    articles: Count
    documents: Count = Field(description="Documents built, before deduplication.")
    code_paragraphs_left_out: Count = Field(default=0, description="Code paragraphs left out (`--drop-code`).")


class DedupStage(StrictModel):
    documents: Count = Field(default=0, description="Documents written: unique, exact and near duplicates.")
    unique: Count = Field(default=0, description="Documents that duplicate no earlier one.")
    exact: Count = Field(default=0, description="Exact duplicates of an earlier document (kept, marked).")
    near: Count = Field(default=0, description="Near duplicates of an earlier document (kept, marked).")
    repeated: Count = Field(
        default=0, description="The same page again in the same input (quarantined as `repeated_record`)."
    )


class IngestStages(StrictModel):
    """Counts in and out of each stage of the run."""

    read: ReadStage
    extract: ExtractStage
    build: BuildStage
    dedup: DedupStage


class Duplicates(StrictModel):
    exact: Count = 0
    near: Count = 0


class IngestOutputs(StrictModel):
    documents: str | list[str] = Field(
        description="documents.jsonl's path, or with `--engine ray` the shards' paths in input order."
    )
    quarantine: str = Field(description="quarantine.jsonl's path.")


class IngestReport(Record):
    """`builder ingest`'s report.json: what the run read, wrote and rejected, and a row for every input file.

    The rows are written one by one as the run ends (a run over 100,000 files holds none of them in memory), each
    validated as an `IngestFileRow`; this model of the whole file is what the schema is made of."""

    record_kind: ClassVar[str] = "ingest_report"

    kind: Literal["ingest_report"]
    schema_version: SchemaVersion
    inputs: list[str] = Field(description="The inputs as given: files, folders, globs or URLs.")
    documents: Count = Field(description="Documents written, duplicates marked `duplicate_of` included.")
    rejected: CountsByCode = Field(description="Items quarantined (quarantine.jsonl), by reason code.")
    passed_over: CountsByCode = Field(description="Records holding no page and no fault, by code.")
    warnings: list[str] = Field(
        description="What the run did not refuse but the user should hear of: a `--field` that matched no record, "
        "a `--format` that does not fit some files."
    )
    duplicates: Duplicates = Field(description="Documents written as duplicates of an earlier one, by kind.")
    stages: IngestStages
    seconds: Seconds
    outputs: IngestOutputs
    files: list[IngestFileRow] = Field(description="A row for every input file, in input order.")


AlphaValue = Annotated[
    float,
    Field(
        le=1.0,
        description="Krippendorff's alpha: 1 is perfect agreement, 0 agreement at chance, below 0 systematic "
        "disagreement; null when undefined (no task with two answers, or no variation at all).",
    ),
]
PairShare = Annotated[float, Field(ge=0.0, le=1.0, description="A share of pairs; null when there was no pair.")]


class AgreementFigures(StrictModel):
    """Agreement over one slice of the latest submitted answers: all of them, or a target's."""

    tasks: Count = Field(description="Tasks (document x target) with at least one answer.")
    multiply_annotated_tasks: Count = Field(description="Tasks answered by two or more annotators: the pairable ones.")
    answers: Count = Field(description="Answers counted: each annotator's latest submitted answer to a task.")
    annotators: Count
    stance_alpha: AlphaValue | None = Field(description="Alpha (nominal) of the document stance.")
    stance_pairwise_agreement: PairShare | None = Field(
        description="Share of pairs of answers to the same task that give the same stance."
    )
    checkworthiness_alpha: AlphaValue | None = Field(
        description="Alpha (ordinal, NFS < UFS < CFS) of the check-worthiness of claim spans marked at the same "
        "offsets by two or more annotators."
    )
    claim_f1_exact: PairShare | None = Field(
        description="Claim span F1 over pairs of answers: twice the spans matched at equal offsets over all spans."
    )
    claim_f1_overlap: PairShare | None = Field(
        description="As `claim_f1_exact`, spans matched one to one when they share a character."
    )
    speaker_link_agreement: PairShare | None = Field(
        description="Of the claim spans matched exactly, the share whose two annotators linked the same speaker "
        "spans (or none)."
    )
    compared_pairs: Count = Field(description="Pairs of answers to the same task compared.")


class AnnotatorAgreement(StrictModel):
    """How one annotator agrees with the others on the tasks they shared (pairwise figures only: alpha is a
    property of a group of coders, not of one)."""

    answers: Count
    shared_tasks: Count = Field(description="Tasks this annotator answered that another annotator answered too.")
    stance_pairwise_agreement: PairShare | None
    claim_f1_exact: PairShare | None
    claim_f1_overlap: PairShare | None
    speaker_link_agreement: PairShare | None


class StanceConfusion(StrictModel):
    labels: list[Stance] = Field(description="The stance labels, in the order of the matrix's rows and columns.")
    matrix: list[list[Count]] = Field(
        description="Ordered pairs of answers to a shared task, by the one's label (row) and the other's (column): "
        "symmetric; the diagonal is agreement, a cell off it two labels annotators confuse."
    )


class AgreementReport(Record):
    """agreement.json, from `builder agreement` and in every release: inter-annotator agreement."""

    record_kind: ClassVar[str] = "agreement"

    kind: Literal["agreement"]
    schema_version: SchemaVersion
    overall: AgreementFigures
    by_target: dict[str, AgreementFigures] = Field(
        description="The figures per target id; answers to a task without a target under `(no target)`."
    )
    by_annotator: dict[AnnotatorId, AnnotatorAgreement] = Field(
        description="The figures per pseudonymous annotator.", json_schema_extra=ONLY_KEYS_OF_THE_PATTERN
    )
    stance_confusion: StanceConfusion


SplitName = Literal["train", "validation", "test"]


class SplitAssignment(StrictModel):
    split: SplitName
    group: PageId = Field(
        description="The document's split group, named by the smallest page id among the documents linked to it "
        "(by page, `duplicate_of` or a shared similarity key): a group lies in one split, so copies never straddle."
    )


class SplitLedgerFile(Record):
    """splits.json in a release: the split of every document ever released; entries are never removed, so a
    released document keeps its split whatever is released after it."""

    record_kind: ClassVar[str] = "splits"

    kind: Literal["splits"]
    schema_version: SchemaVersion
    salt: str = Field(description="Salt of the hash that gives a new group its split: the first release's, kept.")
    ratios: tuple[Probability, Probability, Probability] = Field(
        description="The shares of train, validation and test the hash aims at."
    )
    documents: dict[DocId, SplitAssignment] = Field(
        description="Every document released, by id.", json_schema_extra=ONLY_KEYS_OF_THE_PATTERN
    )


ReviewReason = Literal[
    "too_few_annotators",
    "tie",
    "no_majority",
    "low_agreement",
    "none_kind_tie",
    "span_tie",
    "checkworthiness_tie",
    "stance_tie",
    "speaker_name_tie",
]
ReviewTopic = Literal["task", "stance", "claim"]


class ReviewItem(Record):
    """A line of a release's review list: an item a person should look at again, with the votes that sent it
    there. Its labels were not released (`too_few_annotators`, ties) or were released on a low majority."""

    record_kind: ClassVar[str] = "review"

    kind: Literal["review"]
    schema_version: SchemaVersion
    task_key: TaskKey
    doc_id: DocId
    target_id: TargetId | None
    what: ReviewTopic = Field(
        description="What to look at again: the whole task, its document stance, or a claim span (`span`)."
    )
    reason: ReviewReason = Field(
        description="`too_few_annotators`: fewer answers than `--min-annotators`, nothing released; `tie`, "
        "`no_majority`, `span_tie`, `checkworthiness_tie`, `stance_tie`, `none_kind_tie`, `speaker_name_tie`: no "
        "strict majority, that label (for `speaker_name_tie`, the name a claim's source stands for) not released; "
        "`low_agreement`: released, on a majority share below the review threshold."
    )
    votes: dict[str, Count] = Field(
        description="The votes, most given first: label to count, or for `span_tie` the annotators who marked the "
        "span, each to 1."
    )
    annotators: list[AnnotatorId] = Field(description="Every annotator who answered the task.")
    span: Annotated[list[Offset], Field(min_length=2, max_length=2)] | None = Field(
        default=None, description="`[start, end)` of the claim span in the document's text, for a `claim` item."
    )


class FileDigest(StrictModel):
    sha256: Sha256
    bytes: Count


class InputDigest(FileDigest):
    path: str = Field(description="The input file as the release command was given it.")


class AdjudicationSettings(StrictModel):
    min_annotators: Annotated[int, Field(ge=1)] = Field(
        description="Fewer answers than this and a task's labels were not released but sent to review."
    )
    review_below: Probability = Field(
        description="A majority label whose share of the votes was below this was released and sent to review."
    )


ConfigName = Annotated[str, Field(pattern=r"^[a-z][a-z_]*$", description="A dataset config (`documents`, `claims`).")]


class ReleaseManifest(Record):
    """MANIFEST.json in a release: what it was built from and with, and the sha256 of every file it holds, so a
    user can check a copy and tell which inputs and which builder made it."""

    record_kind: ClassVar[str] = "manifest"

    kind: Literal["manifest"]
    schema_version: SchemaVersion = Field(description="The records' schema version the release was built with.")
    name: str = Field(description="The dataset's name.")
    version: str = Field(pattern=r"^\d+\.\d+\.\d+$", description="The release's version (a git tag `v` + it).")
    builder_version: str = Field(description="The version of the builder that made the release.")
    created: Timestamp
    machine_labels_included: bool = Field(
        description="Whether claims only the extractors labelled are released too (marked `machine_label`)."
    )
    machine_labels: Count = Field(description="Claims released with machine labels only.")
    counts: dict[ConfigName, dict[SplitName, Count]] = Field(
        description="Rows per config and split.", json_schema_extra=ONLY_KEYS_OF_THE_PATTERN
    )
    documents: Count = Field(description="Documents released.")
    human_answers: Count = Field(description="Submitted human answers the labels were adjudicated from.")
    adjudication: AdjudicationSettings
    inputs: list[InputDigest] = Field(description="Every input file: the documents, then the annotation ledger's.")
    files: dict[str, FileDigest] = Field(description="Every file of the release but this one, by its path in it.")
