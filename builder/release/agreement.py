"""Inter-annotator agreement: Krippendorff's alpha, pairwise span F1 and speaker-link agreement.

A source's name (`Attribution.name`) takes no part: it is free text ("Zelensky", "Volodymyr Zelensky",
"Zelenskyy" are one person), so comparing strings would count spelling as disagreement, and it is asked only where
the span does not name the speaker. Speaker links are compared by span; adjudication votes on names apart.

Alpha is computed from the coincidence matrix as in Krippendorff, "Computing Krippendorff's Alpha-Reliability"
(2011): it handles any number of coders per unit and missing answers, which is what a Label Studio project with
overlapping assignments produces. Units coded by a single person are not pairable and do not count.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Literal

import numpy as np

from builder.records import (
    AgreementFigures,
    AgreementReport,
    Annotation,
    AnnotatorAgreement,
    AttributionRole,
    CheckWorthiness,
    Stance,
    StanceConfusion,
)

Metric = Literal["nominal", "ordinal"]
NO_TARGET = "(no target)"


def krippendorff_alpha(
    units: Iterable[Sequence[Hashable]], metric: Metric = "nominal", order: Sequence[Hashable] | None = None
) -> float | None:
    """Alpha over units, each the list of values its coders gave (missing answers simply absent).

    `order` lists the possible values (required to be complete and ordered for `ordinal`); by default the
    values in order of appearance. None when alpha is undefined: fewer than two pairable values, or no
    variation at all (every coder gave every unit the same value, so expected disagreement is zero).
    """
    pairable = [list(unit) for unit in units if len(unit) >= 2]
    values = list(order) if order is not None else list(dict.fromkeys(v for unit in pairable for v in unit))
    index = {value: position for position, value in enumerate(values)}
    size = len(values)
    coincidences = np.zeros((size, size))
    for unit in pairable:
        counts = np.bincount([index[value] for value in unit], minlength=size).astype(float)
        coincidences += (np.outer(counts, counts) - np.diag(counts)) / (len(unit) - 1)
    marginals = coincidences.sum(axis=1)
    total = marginals.sum()
    if total < 2:
        return None
    delta = _distances(marginals, metric)
    expected = (np.outer(marginals, marginals) * delta).sum()
    if expected == 0:
        return None
    return float(1.0 - (total - 1.0) * (coincidences * delta).sum() / expected)


def _distances(marginals: np.ndarray, metric: Metric) -> np.ndarray:
    """Squared distance between values: 0/1 for nominal; for ordinal, Krippendorff's rank-based metric
    (sum of the marginals from c to k, less half of the two ends), so distance reflects how many answers lie
    between two ranks rather than the ranks' numeric gap."""
    size = len(marginals)
    if metric == "nominal":
        return 1.0 - np.eye(size)
    cumulative = np.concatenate([[0.0], np.cumsum(marginals)])
    delta = np.zeros((size, size))
    for low in range(size):
        for high in range(low + 1, size):
            between = cumulative[high + 1] - cumulative[low] - (marginals[low] + marginals[high]) / 2.0
            delta[low, high] = delta[high, low] = between**2
    return delta


Span = tuple[int, int]


def matched_spans(left: Sequence[Span], right: Sequence[Span], overlap: bool) -> list[tuple[Span, Span]]:
    """One-to-one matches between two annotators' spans: equal offsets, or (with `overlap`) any shared
    character, matched greedily in document order so one long span cannot absorb several short ones."""
    if not overlap:
        common = set(left) & set(right)
        return [(span, span) for span in sorted(common)]
    taken: set[Span] = set()
    matches = []
    for span in sorted(left):
        for other in sorted(right):
            if other not in taken and span[0] < other[1] and other[0] < span[1]:
                taken.add(other)
                matches.append((span, other))
                break
    return matches


@dataclass
class _Pairs:
    """Running sums of pairwise comparisons, for one slice (all, a target or an annotator)."""

    stance_pairs: int = 0
    stance_agreeing: int = 0
    spans: int = 0
    exact: int = 0
    overlapping: int = 0
    linked: int = 0
    links_agreeing: int = 0

    def add(self, left: Annotation, right: Annotation) -> None:
        assert left.labels is not None
        assert right.labels is not None
        self.stance_pairs += 1
        self.stance_agreeing += left.labels.stance == right.labels.stance
        left_spans, right_spans = _claim_spans(left), _claim_spans(right)
        self.spans += len(left_spans) + len(right_spans)
        exact = matched_spans(left_spans, right_spans, overlap=False)
        self.exact += len(exact)
        self.overlapping += len(matched_spans(left_spans, right_spans, overlap=True))
        left_links, right_links = _speakers(left), _speakers(right)
        for span, _ in exact:
            self.linked += 1
            self.links_agreeing += left_links.get(span, frozenset()) == right_links.get(span, frozenset())


def _claim_spans(annotation: Annotation) -> list[Span]:
    assert annotation.labels is not None
    return [(claim["start"], claim["end"]) for claim in annotation.labels.claims]


def _speakers(annotation: Annotation) -> dict[Span, frozenset[Span]]:
    """Claim span to the set of source spans linked to it (empty when the annotator named no speaker)."""
    assert annotation.labels is not None
    claims = annotation.labels.claims
    linked: dict[Span, set[Span]] = defaultdict(set)
    for attribution in annotation.labels.attributions:
        if attribution["role"] is AttributionRole.source:
            claim = claims[attribution["claim"]]
            linked[(claim["start"], claim["end"])].add((attribution["start"], attribution["end"]))
    return {span: frozenset(sources) for span, sources in linked.items()}


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def agreement_json(report: AgreementReport) -> str:
    """agreement.json's text, as `builder agreement` and a release write it."""
    return json.dumps(report.model_dump(mode="json"), indent=2) + "\n"


def agreement_report(answers: Sequence[Annotation]) -> AgreementReport:
    """Every figure of the report from the latest submitted answers (see `inputs.latest_answers`)."""
    by_target: dict[str, list[Annotation]] = defaultdict(list)
    for answer in answers:
        by_target[answer.target_id or NO_TARGET].append(answer)
    return AgreementReport.create(
        overall=figures(answers),
        by_target={target: figures(group) for target, group in sorted(by_target.items())},
        by_annotator=_annotator_figures(answers),
        stance_confusion=stance_confusion(answers),
    )


def _by_task(answers: Iterable[Annotation]) -> dict[str, list[Annotation]]:
    tasks: dict[str, list[Annotation]] = defaultdict(list)
    for answer in answers:
        tasks[answer.task_key].append(answer)
    return tasks


def figures(answers: Sequence[Annotation]) -> AgreementFigures:
    tasks = _by_task(answers)
    pairs = _Pairs()
    for group in tasks.values():
        for left, right in combinations(group, 2):
            pairs.add(left, right)
    stance_units = [[a.labels.stance for a in group if a.labels] for group in tasks.values()]
    checkworthiness_units: dict[tuple[str, int, int], list[CheckWorthiness]] = defaultdict(list)
    for answer in answers:
        assert answer.labels is not None
        for claim in answer.labels.claims:
            checkworthiness_units[(answer.task_key, claim["start"], claim["end"])].append(claim["checkworthiness"])
    return AgreementFigures(
        tasks=len(tasks),
        multiply_annotated_tasks=sum(len(group) >= 2 for group in tasks.values()),
        answers=len(answers),
        annotators=len({a.annotator for a in answers}),
        stance_alpha=krippendorff_alpha(stance_units, "nominal", list(Stance)),
        stance_pairwise_agreement=_share(pairs.stance_agreeing, pairs.stance_pairs),
        checkworthiness_alpha=krippendorff_alpha(checkworthiness_units.values(), "ordinal", list(CheckWorthiness)),
        claim_f1_exact=_share(2 * pairs.exact, pairs.spans),
        claim_f1_overlap=_share(2 * pairs.overlapping, pairs.spans),
        speaker_link_agreement=_share(pairs.links_agreeing, pairs.linked),
        compared_pairs=pairs.stance_pairs,
    )


def _annotator_figures(answers: Sequence[Annotation]) -> dict[str, AnnotatorAgreement]:
    pairs: dict[str, _Pairs] = defaultdict(_Pairs)
    shared: Counter[str] = Counter()
    for group in _by_task(answers).values():
        for left, right in combinations(group, 2):
            pairs[left.annotator].add(left, right)
            pairs[right.annotator].add(right, left)
        if len(group) >= 2:
            shared.update(a.annotator for a in group)
    counts = Counter(a.annotator for a in answers)
    return {
        annotator: AnnotatorAgreement(
            answers=counts[annotator],
            shared_tasks=shared[annotator],
            stance_pairwise_agreement=_share(pairs[annotator].stance_agreeing, pairs[annotator].stance_pairs),
            claim_f1_exact=_share(2 * pairs[annotator].exact, pairs[annotator].spans),
            claim_f1_overlap=_share(2 * pairs[annotator].overlapping, pairs[annotator].spans),
            speaker_link_agreement=_share(pairs[annotator].links_agreeing, pairs[annotator].linked),
        )
        for annotator in sorted(counts)
    }


def stance_confusion(answers: Sequence[Annotation]) -> StanceConfusion:
    """Counts of ordered annotator pairs per (label, label) on shared tasks: symmetric, the diagonal is
    agreement, and an off-diagonal cell says which two labels annotators confuse."""
    labels = list(Stance)
    position = {label: index for index, label in enumerate(labels)}
    matrix = [[0] * len(labels) for _ in labels]
    for group in _by_task(answers).values():
        for left, right in combinations(group, 2):
            assert left.labels is not None
            assert right.labels is not None
            a, b = position[left.labels.stance], position[right.labels.stance]  # type: ignore[index]
            matrix[a][b] += 1
            matrix[b][a] += 1
    return StanceConfusion(labels=labels, matrix=matrix)
