"""Real inputs for the release tests: documents from ingesting the shipped sample page, and `Annotation`
records (several pseudonymous annotators, versions, skips and deletions) built with the model over them."""

from __future__ import annotations

import datetime
import hashlib
import random
from collections.abc import Iterable, Sequence
from pathlib import Path

from builder.jsonl import AtomicJsonlWriter
from builder.records import Annotation, AnnotationStatus, Attribution, Document, LabeledClaim, Labels
from builder.records.labels import AttributionRole, CheckWorthiness, NoneKind, Stance
from tests.samples_support import TARGETS, sample_documents

T0 = datetime.datetime(2026, 7, 1, 9, 0, tzinfo=datetime.UTC)


def ingest_samples(out: Path) -> list[Document]:
    """The real `builder ingest` on the shipped sample: 4 documents with quotes, claims and target mentions."""
    documents = sample_documents(out)
    assert len(documents) == 4, "the sample page gives a main article and three related ones"
    return documents


def _hex(*parts: object) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:16]


def annotator_id(name: str) -> str:
    return f"annotator_{_hex('annotator', name)}"


def task_key(doc_id: str, target_id: str | None) -> str:
    return f"task_{_hex(doc_id, target_id)}"


def claim(document: Document, index: int, worthiness: CheckWorthiness, stance: Stance | None = None) -> LabeledClaim:
    """The document's `index`th candidate claim, labelled by a person."""
    span = document.claims[index]
    labelled = LabeledClaim(start=span["start"], end=span["end"], text=span["text"], checkworthiness=worthiness)
    if stance is not None:
        labelled["stance"] = stance
        if stance is Stance.NONE:
            labelled["none_kind"] = NoneKind.neutral
    return labelled


def trimmed(document: Document, index: int, worthiness: CheckWorthiness) -> LabeledClaim:
    """The `index`th candidate claim less its last character: overlaps the claim without matching it exactly."""
    span = document.claims[index]
    end = span["end"] - 1
    text = document.text[span["start"] : end]
    return LabeledClaim(start=span["start"], end=end, text=text, checkworthiness=worthiness)


def speaker_of(document: Document, quote_index: int, claim_index: int) -> Attribution:
    """The speaker of the document's `quote_index`th quote, linked to claim `claim_index` of the answer."""
    speaker = document.quotes[quote_index].get("speaker")
    assert speaker is not None
    return Attribution(
        start=speaker["start"], end=speaker["end"], text=speaker["text"], role=AttributionRole.source, claim=claim_index
    )


def answer(
    document: Document,
    target_id: str | None,
    who: str,
    stance: Stance | None = None,
    *,
    none_kind: NoneKind | None = None,
    claims: Sequence[LabeledClaim] = (),
    attributions: Sequence[Attribution] = (),
    version: int = 1,
    status: AnnotationStatus = AnnotationStatus.submitted,
    lead_time: float = 30.0,
) -> Annotation:
    labels = None
    if status is AnnotationStatus.submitted:
        if stance is Stance.NONE and none_kind is None:
            none_kind = NoneKind.neutral
        labels = Labels(stance=stance, none_kind=none_kind, claims=list(claims), attributions=list(attributions))
    return Annotation.create(
        annotation_id=f"ann_{_hex(document.doc_id, target_id, who)}",  # one id for all versions of an answer
        version=version,
        task_key=task_key(document.doc_id, target_id),
        doc_id=document.doc_id,
        target_id=target_id,
        annotator=annotator_id(who),
        status=status,
        labels=labels,
        created_at=T0,
        updated_at=T0 + datetime.timedelta(minutes=version),
        lead_time_seconds=lead_time,
    )


def write_ledger(directory: Path, answers: Iterable[Annotation], name: str = "ledger.jsonl") -> Path:
    """Write the answers as the ledger `builder studio pull` keeps, plus the targets file beside it."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "targets.yaml").write_text(TARGETS.read_text(encoding="utf-8"), encoding="utf-8")
    with AtomicJsonlWriter(directory / name) as writer:
        for item in answers:
            writer.write(item)
    return directory


def write_documents(path: Path, documents: Iterable[Document]) -> Path:
    with AtomicJsonlWriter(path) as writer:
        for document in documents:
            writer.write(document)
    return path


def panel_answers(documents: Sequence[Document]) -> list[Annotation]:
    """Three annotators over the sample's document x target tasks, with real disagreement:

    - main article x ukraine-ceasefire: ann, bob AGAINST, cem NONE (majority AGAINST, 2/3); all three mark
      claim 0 (CFS, CFS, UFS), ann and bob claim 1 (UFS, NFS: a tie), cem claim 1 less its last character;
      ann and bob link quote 0's speaker to claim 0;
    - main article x us-weapons-ukraine: ann FAVOR, bob AGAINST (a tie with two answers);
    - chips article x ai-chip-export-curbs: all three FAVOR; bob first said AGAINST (version 1), then FAVOR;
    - gaza article x gaza-ceasefire: ann, bob NONE (neutral), cem skipped;
    - zelensky article x us-weapons-ukraine: ann FAVOR alone (cem's answer was deleted): too few annotators.
    """
    main, chips, gaza, zelensky = documents
    cfs, ufs, nfs = CheckWorthiness.CFS, CheckWorthiness.UFS, CheckWorthiness.NFS
    speaker = [speaker_of(main, 0, 0)]
    return [
        answer(
            main,
            "ukraine-ceasefire",
            "ann",
            Stance.AGAINST,
            claims=[claim(main, 0, cfs), claim(main, 1, ufs)],
            attributions=speaker,
        ),
        answer(
            main,
            "ukraine-ceasefire",
            "bob",
            Stance.AGAINST,
            claims=[claim(main, 0, cfs), claim(main, 1, nfs)],
            attributions=speaker,
        ),
        answer(main, "ukraine-ceasefire", "cem", Stance.NONE, claims=[claim(main, 0, ufs), trimmed(main, 1, nfs)]),
        answer(main, "us-weapons-ukraine", "ann", Stance.FAVOR),
        answer(main, "us-weapons-ukraine", "bob", Stance.AGAINST),
        answer(chips, "ai-chip-export-curbs", "ann", Stance.FAVOR, claims=[claim(chips, 0, cfs, Stance.FAVOR)]),
        answer(chips, "ai-chip-export-curbs", "bob", Stance.AGAINST, claims=[claim(chips, 0, cfs)]),
        answer(chips, "ai-chip-export-curbs", "bob", Stance.FAVOR, claims=[claim(chips, 0, cfs)], version=2),
        answer(chips, "ai-chip-export-curbs", "cem", Stance.FAVOR, claims=[claim(chips, 0, ufs, Stance.FAVOR)]),
        answer(gaza, "gaza-ceasefire", "ann", Stance.NONE),
        answer(gaza, "gaza-ceasefire", "bob", Stance.NONE),
        answer(gaza, "gaza-ceasefire", "cem", status=AnnotationStatus.skipped),
        answer(zelensky, "us-weapons-ukraine", "ann", Stance.FAVOR),
        answer(zelensky, "us-weapons-ukraine", "cem", Stance.AGAINST),
        answer(zelensky, "us-weapons-ukraine", "cem", status=AnnotationStatus.deleted, version=2),
    ]


def grown(documents: Sequence[Document], page: int, copies: int, duplicate_of: str | None = None) -> list[Document]:
    """`copies` more documents on a new page `page`, each a real sample document under a new id, its letters
    enciphered for the page and copy (`disguised`: the same text again would be a copy, which a release groups with
    its original), optionally all near-duplicates of an already released document by their link."""
    made = []
    for index in range(copies):
        source = disguised(documents[index % len(documents)], page * 1000 + index + 1)
        made.append(
            source.model_copy(
                update={
                    "doc_id": f"doc_{_hex('grown', page, index)}",
                    "page_id": f"page_{_hex('grown', page)}",
                    "title": f"{source.title} ({page}.{index})",
                    "duplicate_of": duplicate_of,
                }
            )
        )
    return made


def disguised(document: Document, key: int) -> Document:
    """The document with every letter of its title and texts (its text, and the text of each span, caption and
    mention) replaced by a substitution cipher drawn from `key`: lengths, offsets and spans are kept, and the words
    are another story's to near-duplicate detection."""
    lower = "abcdefghijklmnopqrstuvwxyz"
    shuffled = "".join(random.Random(key).sample(lower, len(lower)))
    cipher = str.maketrans(lower + lower.upper(), shuffled + shuffled.upper())

    def enciphered(value: object, key_name: str = "") -> object:
        if isinstance(value, dict):
            return {name: enciphered(item, name) for name, item in value.items()}
        if isinstance(value, list):
            return [enciphered(item, key_name) for item in value]
        return value.translate(cipher) if key_name in ("text", "title") and isinstance(value, str) else value

    data = enciphered(document.model_dump(mode="json"))
    assert isinstance(data, dict)
    return Document.model_validate(data)
