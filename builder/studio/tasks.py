"""Documents to annotation tasks: one `Task` per (document, target it mentions), with ingest's pre-annotations.

Pure functions: `tasks_for_document` decides which tasks a document gives and what the extractors suggest for
them (a pronoun source's name among it), `speaker_notes` whom the extractors credit a quote without a source span
to, and `to_studio` writes a task in Label Studio's import format (the task key goes into the data so that a later
push can recognise what is already there).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from statistics import fmean
from typing import Any

from builder.ingest.ids import hashed_id
from builder.records import (
    Attribution,
    AttributionRole,
    CheckWorthiness,
    Document,
    LabeledClaim,
    Prediction,
    Target,
    Task,
)
from builder.records.labeling import NAMED_ROLE
from builder.records.spans import Claim, Quote, TextSpan
from builder.studio import config
from builder.studio.offsets import Utf16Offsets
from builder.studio.sqlite_read import SHOWN_TARGET_FIELDS

RegionKey = tuple[int, int, str]
"""A region of a prediction by its offsets into the text (code points) and its span label (claim, source, cue)."""

NO_TARGET_DESCRIPTION = (
    "No target was configured: judge the text's stance toward its own headline (as in FNC-1), and mark claims, "
    "sources and cues as usual."
)


def task_key(doc_id: str, target_id: str | None) -> str:
    """The task's stable key: the same document and target give the same key on every push."""
    return hashed_id("task", doc_id, target_id or "")


def tasks_for_document(document: Document, targets: Mapping[str, Target] | None) -> list[Task]:
    """One task per configured target the document mentions, in order of first mention; without targets
    (`None`), one task without a target. An empty list means the document mentions none of the targets."""
    prediction = prediction_for(document)
    if targets is None:
        return [_task(document, None, prediction)]
    mentioned = dict.fromkeys(mention["target_id"] for mention in document.targets if mention["target_id"] in targets)
    return [_task(document, targets[target_id], prediction) for target_id in mentioned]


def prediction_for(document: Document) -> Prediction:
    """Ingest's suggestions as one pre-annotation: each attributed quote becomes a claim with its source and cue
    spans linked to it, each candidate claim a claim with its suggested check-worthiness. A quote takes the
    check-worthiness suggested for the candidate claim it overlaps most (a quote is part of a sentence that is
    a candidate). A source span that does not name the speaker (a pronoun) carries the name the extractor
    resolved (`speaker_name`) as its `name`, for the annotator to check. The score is the mean machine
    check-worthiness of the candidates, so Label Studio can sort tasks by how much there is to check."""
    by_span: dict[tuple[int, int], LabeledClaim] = {}
    for candidate in document.claims:
        by_span[(candidate["start"], candidate["end"])] = _claim(candidate, candidate["suggested"])
    for quote in document.quotes:
        best = max(document.claims, key=lambda candidate: _overlap(quote, candidate), default=None)
        if best is not None and _overlap(quote, best) > 0:
            by_span.setdefault((quote["start"], quote["end"]), _claim(quote, best["suggested"]))
    claims = [by_span[span] for span in sorted(by_span)]
    index = {span: position for position, span in enumerate(sorted(by_span))}
    names = _speaker_names(document)
    attributions: list[Attribution] = []
    for quote in document.quotes:
        position = index.get((quote["start"], quote["end"]))
        if position is None:
            continue
        for role, part in ((AttributionRole.source, quote.get("speaker")), (AttributionRole.cue, quote.get("cue"))):
            if part is None:
                continue
            attribution = Attribution(
                start=part["start"], end=part["end"], text=part["text"], role=role, claim=position
            )
            name = names.get((part["start"], part["end"])) if role is NAMED_ROLE else None
            if name is not None:  # absent rather than None, as a pull reads back a source nobody named
                attribution["name"] = name
            attributions.append(attribution)
    scores = [candidate["score"] for candidate in document.claims]
    return Prediction(
        claims=claims,
        attributions=attributions,
        model_version=document.extractor_version,
        score=round(fmean(scores), 4) if scores else 0.0,
    )


def speaker_notes(document: Document) -> dict[RegionKey, str]:
    """Whom the quote extractor credits a quote without a source span of its own to (a continuation, a verb whose
    subject is left out), as notes on the claims of the document's tasks. Label Studio shows a region's note in
    the region panel when the region is selected, so the annotator checks the guess there. A claim has no name of
    its own in the records (the name belongs to the source span the annotator links), and a pull does not read
    the note back, so an annotator may keep, edit or delete it.

    A pronoun source gets no note: its name is the prediction's (`prediction_for`), pre-filled in the source's
    name field, which the annotator corrects and a pull reads. A note repeating it would be a second copy that
    looks editable and is thrown away."""
    notes: dict[RegionKey, str] = {}
    for quote in document.quotes:
        name = quote.get("speaker_name")
        if name is not None and quote.get("speaker") is None:
            where = (quote["start"], quote["end"], config.SPAN_CLAIM)
            notes.setdefault(where, f"Said by {name} (the machine's guess: if right, link the source that names them)")
    return notes


def _speaker_names(document: Document) -> dict[tuple[int, int], str]:
    """The extractor's name for each speaker span it resolved (a pronoun's), by the span's offsets. A span several
    quotes share is one region with one name field, so it keeps its first quote's name on every link."""
    names: dict[tuple[int, int], str] = {}
    for quote in document.quotes:
        speaker, name = quote.get("speaker"), quote.get("speaker_name")
        if speaker is not None and name is not None:
            names.setdefault((speaker["start"], speaker["end"]), name)
    return names


def shown_date(task: Task) -> str:
    """The article's date as annotators read it by the title: its publication's, with its last update's when the
    page gives one ("2025-06-01, updated 2025-06-18"), the update's alone when that is all the page prints."""
    published = task.published_at.date().isoformat() if task.published_at else None
    updated = task.updated_at.date().isoformat() if task.updated_at else None
    if published and updated and updated != published:
        return f"{published}, updated {updated}"
    if published or updated:
        return published or f"updated {updated}"
    return "date unknown"


def to_studio(task: Task, notes: Mapping[RegionKey, str]) -> dict[str, Any]:
    """The task in Label Studio's import format: the fields the config shows, the keys a push matches by, and
    the predictions as result items (offsets in UTF-16 units, which is how the labeling UI counts), with `notes`
    (`speaker_notes` of the task's document) on their regions."""
    target = task.target
    data = {
        "text": task.text,
        "title": task.title,
        "outlet": task.source or "outlet unknown",
        "date": shown_date(task),
        "target_text": target.text if target else task.title,
        "target_description": target.description if target else NO_TARGET_DESCRIPTION,
        "task_key": task.task_key,
        "doc_id": task.doc_id,
        "target_id": target.target_id if target else "",
        "extractor_version": task.predictions[0].model_version if task.predictions else "",
        "url": task.url or "",
    }
    offsets = Utf16Offsets(task.text)
    predictions = [
        {
            "model_version": prediction.model_version,
            "score": prediction.score,
            "result": result_items(prediction, offsets, notes),
        }
        for prediction in task.predictions
    ]
    # The keys again in `meta`, and what the task shows of its target: a push lists them for every task in the
    # project (to tell what is there, and whose target text changed since), and listing `meta` skips the text.
    meta = {
        "task_key": task.task_key,
        "extractor_version": data["extractor_version"],
        **{name: data[name] for name in SHOWN_TARGET_FIELDS},
    }
    return {"data": data, "meta": meta, "predictions": predictions}


def result_items(
    prediction: Prediction, offsets: Utf16Offsets, notes: Mapping[RegionKey, str] | None = None
) -> list[dict[str, Any]]:
    """Label Studio result items for a prediction: regions, their per-region choices and source names, and
    relations. A region in `notes` carries its note as the region's meta, which Label Studio reads from the
    region's first item (so the region's own item comes first)."""
    notes = notes or {}
    items: list[dict[str, Any]] = []
    if prediction.stance is not None:
        items.append(_choice(config.FROM_STANCE, prediction.stance.value))
        if prediction.none_kind is not None:
            items.append(_choice(config.FROM_NONE_KIND, prediction.none_kind.value))
    for position, claim in enumerate(prediction.claims):
        region = f"claim{position}"
        value = _value(claim, offsets)
        note = notes.get((claim["start"], claim["end"], config.SPAN_CLAIM))
        items.append(_region(region, value, config.SPAN_CLAIM, note))
        per_region = [(config.FROM_CHECKWORTHINESS, claim["checkworthiness"])]
        per_region += [
            (config.FROM_CLAIM_STANCE, claim.get("stance")),
            (config.FROM_CLAIM_NONE_KIND, claim.get("none_kind")),
        ]
        for name, label in per_region:
            if label is not None:
                items.append(_choice(name, label.value, region=region, value=value))
    regions: dict[tuple[int, int, str], str] = {}
    for attribution in prediction.attributions:
        role = attribution["role"].value
        span = (attribution["start"], attribution["end"], role)
        if span not in regions:
            regions[span] = f"{role}{len(regions)}"
            value = _value(attribution, offsets)
            items.append(_region(regions[span], value, role, notes.get(span)))
            name = attribution.get("name")
            if name is not None:
                items.append(_source_name(regions[span], value, name))
        items.append(
            {
                "type": "relation",
                "from_id": regions[span],
                "to_id": f"claim{attribution['claim']}",
                "direction": "right",
                "labels": ["says"],
            }
        )
    return items


def index_targets(targets: Iterable[Target] | None) -> dict[str, Target] | None:
    return None if targets is None else {target.target_id: target for target in targets}


def _task(document: Document, target: Target | None, prediction: Prediction) -> Task:
    return Task.create(
        task_key=task_key(document.doc_id, target.target_id if target else None),
        doc_id=document.doc_id,
        target=target,
        title=document.title,
        text=document.text,
        source=document.source,
        url=document.url,
        published_at=document.published_at,
        updated_at=document.updated_at,
        predictions=[prediction],
    )


def _claim(span: Quote | Claim, suggested: CheckWorthiness) -> LabeledClaim:
    return LabeledClaim(start=span["start"], end=span["end"], text=span["text"], checkworthiness=suggested)


def _overlap(first: TextSpan, second: TextSpan) -> int:
    return max(0, min(first["end"], second["end"]) - max(first["start"], second["start"]))


def _value(span: TextSpan, offsets: Utf16Offsets) -> dict[str, Any]:
    return {"start": offsets.to_js(span["start"]), "end": offsets.to_js(span["end"]), "text": span["text"]}


def _region(region: str, value: dict[str, Any], label: str, note: str | None) -> dict[str, Any]:
    item: dict[str, Any] = {
        "id": region,
        "from_name": config.FROM_SPANS,
        "to_name": config.TEXT,
        "type": "labels",
        "value": {**value, "labels": [label]},
    }
    if note is not None:
        item["meta"] = {"text": [note]}  # the shape of the note an annotator writes in the region panel
    return item


def _source_name(region: str, value: dict[str, Any], name: str) -> dict[str, Any]:
    """The region's name field filled in, as the labeling UI writes it: the span's offsets, with `text` the list of
    the field's lines (in place of the span's text, which its labels item holds)."""
    return {
        "id": region,
        "from_name": config.FROM_SOURCE_NAME,
        "to_name": config.TEXT,
        "type": "textarea",
        "value": {**value, "text": [name]},
    }


def _choice(name: str, label: str, region: str | None = None, value: dict[str, Any] | None = None) -> dict[str, Any]:
    item: dict[str, Any] = {
        "from_name": name,
        "to_name": config.TEXT,
        "type": "choices",
        "value": {**(value or {}), "choices": [label]},
    }
    if region is not None:
        item["id"] = region
    return item
