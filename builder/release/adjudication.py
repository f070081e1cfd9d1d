"""Adjudication: from several annotators' answers to one released label per item, plus a review list.

A label is released when a strict majority of the task's annotators gave it and at least `min_annotators`
answered; every released label keeps its distribution (soft label, in enum order) and the number of people
behind it, so disagreement-aware training can use what a hard vote throws away. Ties, too few annotators and
low item agreement go to the review list instead of being decided silently.

A claim's speaker is the source text most of its supporters linked, and whom it stands for (`speaker_name`) the
name most of them gave that source, decided apart: annotators who agree on the span "He" may still differ on
who "he" is, and that disagreement goes to review (`speaker_name_tie`) rather than into the release.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cache
from typing import Any, TypeVar

from builder.records import Annotation, AttributionRole, CheckWorthiness, Document, NoneKind, ReviewItem, Stance
from builder.records.reports import ReviewReason, ReviewTopic

Label = TypeVar("Label", bound=StrEnum)


@dataclass(frozen=True)
class AdjudicationConfig:
    min_annotators: int = 2
    """Fewer answers than this and a task's labels are not released but sent to review."""
    review_below: float = 0.6
    """A majority label whose share of votes is below this is released and also sent to review."""


@dataclass(slots=True)
class StanceDecision:
    task_key: str
    doc_id: str
    target_id: str | None
    label: Stance
    none_kind: NoneKind | None
    soft: list[float]
    annotators: int
    agreement: float


@dataclass(slots=True)
class ClaimDecision:
    doc_id: str
    target_id: str | None
    start: int
    end: int
    text: str
    checkworthiness: CheckWorthiness
    checkworthiness_soft: list[float]
    stance: Stance | None
    stance_soft: list[float]
    speaker: str | None
    speaker_name: str | None
    cue: str | None
    annotators: int
    machine: bool = False


@dataclass
class Adjudication:
    stances: list[StanceDecision] = field(default_factory=list)
    claims: list[ClaimDecision] = field(default_factory=list)
    review: list[ReviewItem] = field(default_factory=list)


@cache
def _members(labels: type[Label]) -> tuple[Label, ...]:
    """The enum's members in order, computed once: iterating an enum class is slow, and a release of
    machine labels computes a soft label for every one of hundreds of thousands of claims."""
    return tuple(labels)


def soft_label(votes: Iterable[Label], labels: type[Label]) -> list[float]:
    """Share of votes per label in the enum's member order (the ClassLabel order); all zeros without votes."""
    members = _members(labels)
    counts = dict.fromkeys(members, 0)
    for vote in votes:
        counts[vote] += 1
    total = sum(counts.values())
    return [counts[label] / total if total else 0.0 for label in members]


def majority(votes: Sequence[Label]) -> Label | None:
    """The label more than half the votes gave, else None (a tie or a plurality is not a majority)."""
    if not votes:
        return None
    label, count = Counter(votes).most_common(1)[0]
    return label if 2 * count > len(votes) else None


def adjudicate(answers: Sequence[Annotation], config: AdjudicationConfig) -> Adjudication:
    """Decide every task's stance and claims from the latest submitted answers (`inputs.latest_answers`)."""
    result = Adjudication()
    tasks: dict[str, list[Annotation]] = defaultdict(list)
    for answer in answers:
        tasks[answer.task_key].append(answer)
    for task_key in sorted(tasks):
        _Task(tasks[task_key], config, result).decide()
    return result


class _Task:
    """The answers to one task and where its decisions and review items go."""

    def __init__(self, group: list[Annotation], config: AdjudicationConfig, result: Adjudication) -> None:
        self.group = group
        self.config = config
        self.result = result
        self.first = group[0]

    def review(
        self, what: ReviewTopic, reason: ReviewReason, votes: Iterable[str], span: list[int] | None = None
    ) -> None:
        first = self.first
        self.result.review.append(
            ReviewItem.create(
                task_key=first.task_key,
                doc_id=first.doc_id,
                target_id=first.target_id,
                what=what,
                reason=reason,
                votes={str(vote): count for vote, count in Counter(votes).most_common()},
                annotators=[a.annotator for a in self.group],
                span=span,
            )
        )

    def decide(self) -> None:
        stances = [a.labels.stance for a in self.group if a.labels and a.labels.stance]
        if len(self.group) < self.config.min_annotators:
            self.review("task", "too_few_annotators", stances)
            return
        self.decide_stance(stances)
        self.decide_claims()

    def decide_stance(self, stances: list[Stance]) -> None:
        label = majority(stances)
        if label is None:
            self.review("stance", "tie" if len(Counter(stances)) > 1 else "no_majority", stances)
            return
        share = stances.count(label) / len(stances)
        if share < self.config.review_below:
            self.review("stance", "low_agreement", stances)
        none_kind = None
        if label is Stance.NONE:
            kinds = [
                a.labels.none_kind
                for a in self.group
                if a.labels and a.labels.stance is Stance.NONE and a.labels.none_kind
            ]
            none_kind = majority(kinds)
            if none_kind is None:
                self.review("stance", "none_kind_tie", kinds)
        first = self.first
        self.result.stances.append(
            StanceDecision(
                first.task_key,
                first.doc_id,
                first.target_id,
                label,
                none_kind,
                soft_label(stances, Stance),
                len(stances),
                share,
            )
        )

    def decide_claims(self) -> None:
        """A claim span is released when a majority of the task's annotators marked exactly those offsets;
        its check-worthiness, stance, speaker and cue are then decided among the people who marked it."""
        marked: dict[tuple[int, int], list[tuple[Annotation, int]]] = defaultdict(list)
        for answer in self.group:
            assert answer.labels is not None
            spans_of_answer: set[tuple[int, int]] = set()
            for index, claim in enumerate(answer.labels.claims):
                span = (claim["start"], claim["end"])
                # One voice per annotator: the same span marked twice by one person (the editor allows it) must
                # not make a majority on its own. Their first marking is the one counted.
                if span not in spans_of_answer:
                    spans_of_answer.add(span)
                    marked[span].append((answer, index))
        for (start, end), supporters in sorted(marked.items()):
            span = [start, end]
            if 2 * len(supporters) <= len(self.group):
                if 2 * len(supporters) == len(self.group):
                    self.review("claim", "span_tie", [a.annotator for a, _ in supporters], span)
                continue
            claims = [a.labels.claims[i] for a, i in supporters if a.labels]
            worthiness = [claim["checkworthiness"] for claim in claims]
            decided = majority(worthiness)
            if decided is None:
                self.review("claim", "checkworthiness_tie", worthiness, span)
                continue
            if worthiness.count(decided) / len(worthiness) < self.config.review_below:
                self.review("claim", "low_agreement", worthiness, span)
            claim_stances = [stance for claim in claims if (stance := claim.get("stance"))]
            claim_stance = majority(claim_stances)
            if claim_stances and claim_stance is None:
                self.review("claim", "stance_tie", claim_stances, span)
            names = [_linked_name(answer, index) for answer, index in supporters]
            name, votes = Counter(names).most_common(1)[0]
            if 2 * votes <= len(names):  # no majority, not even for giving no name
                self.review("claim", "speaker_name_tie", [given or "(no name)" for given in names], span)
                name = None
            self.result.claims.append(
                ClaimDecision(
                    self.first.doc_id,
                    self.first.target_id,
                    start,
                    end,
                    claims[0]["text"],
                    decided,
                    soft_label(worthiness, CheckWorthiness),
                    claim_stance,
                    soft_label(claim_stances, Stance),
                    _linked_text(supporters, AttributionRole.source),
                    name,
                    _linked_text(supporters, AttributionRole.cue),
                    len(supporters),
                )
            )


def _linked_text(supporters: list[tuple[Annotation, int]], role: AttributionRole) -> str | None:
    """The speaker (or cue) text a majority of the claim's supporters linked to it, if they agree."""
    texts = []
    for answer, index in supporters:
        assert answer.labels is not None
        linked = [a["text"] for a in answer.labels.attributions if a["role"] is role and a["claim"] == index]
        texts.append(linked[0] if linked else None)
    return _majority_of(texts)


def _linked_name(answer: Annotation, index: int) -> str | None:
    """The name the annotator gave the (first) source linked to their claim `index`, if any."""
    assert answer.labels is not None
    for attribution in answer.labels.attributions:
        if attribution["role"] is AttributionRole.source and attribution["claim"] == index:
            return attribution.get("name")
    return None


def _majority_of(values: list[str | None]) -> str | None:
    """The value (None included: no speaker, no name) more than half of `values` are, else None."""
    chosen, count = Counter(values).most_common(1)[0]
    return chosen if 2 * count > len(values) else None


_ONE_HOT = {label: soft_label([label], CheckWorthiness) for label in CheckWorthiness}
_NO_STANCE = soft_label([], Stance)


def machine_claims(document: Document) -> list[ClaimDecision]:
    """The document's own candidate claims as unconfirmed labels: the extractor's check-worthiness, the
    target mentioned inside the claim and the speaker, whom the extractor took it for, and cue of a quote inside
    it. Nobody confirmed these, so they are released only on request and marked as machine labels."""
    decisions = []
    for claim in document.claims:
        start, end = claim["start"], claim["end"]
        mention = _first_inside(document.targets, start, end)
        target = mention["target_id"] if mention else None
        quote = _first_inside(document.quotes, start, end)
        speaker = speaker_name = cue = None
        if quote is not None:
            speaker_span, cue_span = quote.get("speaker"), quote.get("cue")
            # As in people's claims: the span's text ("He") and whom it stands for apart, where the speaker column
            # held the name in its place before there was a column for it.
            speaker = speaker_span["text"] if speaker_span else None
            speaker_name = quote.get("speaker_name")
            cue = cue_span["text"] if cue_span else None
        decisions.append(
            ClaimDecision(
                document.doc_id,
                target,
                start,
                end,
                claim["text"],
                claim["suggested"],
                list(_ONE_HOT[claim["suggested"]]),
                None,
                list(_NO_STANCE),
                speaker,
                speaker_name,
                cue,
                0,
                machine=True,
            )
        )
    return decisions


SpanT = TypeVar("SpanT", bound=Mapping[str, Any])


def _first_inside(spans: Sequence[SpanT], start: int, end: int) -> SpanT | None:
    """The first of `spans` lying within `[start, end)` (a plain scan: a document has a few dozen)."""
    for span in spans:
        if start <= span["start"] and span["end"] <= end:
            return span
    return None
