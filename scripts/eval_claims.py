"""Score the claim candidates' check-worthiness (`builder.enrich.claims`) against sentences labelled by hand.

Gold: tests/fixtures/claims_gold.jsonl, one article a line: the sample page's four articles and 18 news articles
of the WCXB dev set (news outlets, university and hospital newsrooms), each read from where it lives (the text is
not copied into the repository; its sha256 is checked). Every claim candidate of an article, up to its first 40,
was labelled with ClaimBuster's classes (Hassan et al.): CFS, a check-worthy factual sentence; UFS, a factual
sentence nobody would bother to check; NFS, an opinion, prediction, question or advice. The labels were given
by two helper sessions that saw the sentences and the articles but no score, each on 13 articles; four
articles were labelled by both (`second_labels`), for their agreement. The candidates were cut as `find_claims`
cut them on 2026-12-01; a gold span that no candidate has any more counts as missed.

Figures, for the dev half (the sample and the WCXB articles whose salted hash is even), the test half and all:

- AUC: the chance that a CFS sentence scores above a sentence of another class (0.5 is chance, 1.0 perfect);
  the score is meant to rank what annotators look at first.
- top 20%: the share of CFS among the fifth of sentences that score highest, against the share of CFS overall.
- `suggested` against the label: accuracy, and precision and recall of CFS.
- mean score of each gold class.

`--fit` fits the weights and bias by logistic regression (CFS against the rest) on the dev half, prints them
beside the current ones, and scores both halves with them: the current weights were set by hand from
ClaimBuster's findings, and these labels are what a fit can start from.

    .venv/bin/python scripts/eval_claims.py [--data ../shared/data] [--fit]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from eval_quotes import DEFAULT_DATA, paragraph_spans, sample_text

from builder.enrich.claims import BIAS, WEIGHTS, find_claims, suggest
from builder.enrich.quotes import find_quotes
from builder.enrich.sentences import split_sentences
from builder.records.labels import CheckWorthiness

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "tests" / "fixtures" / "claims_gold.jsonl"
SPLIT_SALT = b"claims-gold"
TOP_SHARE = 0.2
LABELS = tuple(reversed(CheckWorthiness))
"""The labels from the most check-worthy down, as the report lists them."""


@dataclass(frozen=True, slots=True)
class Scored:
    """One labelled sentence: its gold class, the machine's score, class and features."""

    article: str
    split: str
    label: str
    score: float
    suggested: str
    features: dict[str, float]


def article_text(record: dict, data: Path) -> str | None:
    """The article's text as labelled, or None when its file is absent."""
    if record["source"] == "sample":
        text = sample_text(REPO / record["path"], record["lines"], record["strip_through"])
    else:
        path = data / record["path"]
        if not path.is_file():
            return None
        text = json.loads(path.read_text(encoding="utf-8"))["ground_truth"]["main_content"]
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != record["sha256"]:
        raise SystemExit(f"{GOLD}: article {record['article']}: its text changed since it was labelled")
    return text


def split_of(record: dict) -> str:
    if record["source"] == "sample":
        return "dev"
    return "dev" if hashlib.sha256(SPLIT_SALT + record["article"].encode()).digest()[0] % 2 == 0 else "test"


def score_articles(data: Path) -> tuple[list[Scored], int, int, list[tuple[list[str], list[str]]]]:
    """The labelled sentences with their machine scores; how many gold spans no candidate has; how many articles
    were skipped for want of their text; and the pairs of label lists of the doubly labelled articles."""
    scored: list[Scored] = []
    missed = skipped = 0
    doubles: list[tuple[list[str], list[str]]] = []
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        text = article_text(record, data)
        if text is None:
            skipped += 1
            continue
        paragraphs = paragraph_spans(text)
        sentences = split_sentences(text, paragraphs)
        claims = {
            (claim["start"], claim["end"]): claim
            for claim in find_claims(text, sentences, find_quotes(text, paragraphs, sentences))
        }
        split = split_of(record)
        for gold in record["labels"]:
            claim = claims.get((gold["start"], gold["end"]))
            if claim is None:
                missed += 1
                continue
            features = dict(claim.get("features") or {})
            scored.append(Scored(record["article"], split, gold["label"], claim["score"], claim["suggested"], features))
        if "second_labels" in record:
            first = {(gold["start"], gold["end"]): gold["label"] for gold in record["labels"]}
            second = {(gold["start"], gold["end"]): gold["label"] for gold in record["second_labels"]}
            both = sorted(first.keys() & second.keys())
            doubles.append(([first[span] for span in both], [second[span] for span in both]))
    return scored, missed, skipped, doubles


def auc(positive: list[float], negative: list[float]) -> float:
    """The chance that a positive scores above a negative (ties count half): the area under the ROC curve."""
    if not positive or not negative:
        return float("nan")
    negatives = np.sort(np.asarray(negative))
    above = sum(np.searchsorted(negatives, value, side="left") for value in positive)
    ties = sum(
        np.searchsorted(negatives, value, side="right") - np.searchsorted(negatives, value, side="left")
        for value in positive
    )
    return float(above + ties / 2) / (len(positive) * len(negative))


def figures(name: str, rows: list[Scored], scores: list[float] | None = None) -> str:
    """One line of figures for a set of sentences, with the machine's scores or with `scores` in their place."""
    if not rows:
        return f"{name:<5} (no sentences)"
    values = scores if scores is not None else [row.score for row in rows]
    is_cfs = [row.label == "CFS" for row in rows]
    cfs_scores = [value for value, cfs in zip(values, is_cfs, strict=True) if cfs]
    other_scores = [value for value, cfs in zip(values, is_cfs, strict=True) if not cfs]
    ranked = sorted(zip(values, is_cfs, strict=True), key=lambda pair: -pair[0])
    top = ranked[: max(1, round(TOP_SHARE * len(ranked)))]
    suggested = [
        row.suggested if scores is None else suggest(value, row.features).value
        for value, row in zip(values, rows, strict=True)
    ]
    right = sum(guess == row.label for guess, row in zip(suggested, rows, strict=True))
    guessed_cfs = [row.label == "CFS" for guess, row in zip(suggested, rows, strict=True) if guess == "CFS"]
    precision = sum(guessed_cfs) / len(guessed_cfs) if guessed_cfs else float("nan")
    recall = sum(guessed_cfs) / sum(is_cfs) if any(is_cfs) else float("nan")
    counts = Counter(row.label for row in rows)
    means = " ".join(
        f"{label} {np.mean([value for value, row in zip(values, rows, strict=True) if row.label == label]):.2f}"
        for label in LABELS
        if counts[label]
    )
    return (
        f"{name:<5} {len(rows):>4} sentences ({', '.join(f'{label} {counts[label]}' for label in LABELS)})"
        f"  AUC {auc(cfs_scores, other_scores):.3f}"
        f"  top {TOP_SHARE:.0%}: CFS {sum(cfs for _, cfs in top) / len(top):.1%}"
        f" (overall {sum(is_cfs) / len(rows):.1%})"
        f"  suggested: accuracy {right / len(rows):.1%}, CFS precision {precision:.1%} recall {recall:.1%}"
        f"  mean score {means}"
    )


def kappa(first: list[str], second: list[str]) -> float:
    """Cohen's kappa of two label lists."""
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / len(first)
    one, two = Counter(first), Counter(second)
    expected = sum(one[label] * two[label] for label in one.keys() | two.keys()) / len(first) ** 2
    return (observed - expected) / (1 - expected) if expected < 1 else 1.0


def fit(
    rows: list[Scored], ridge: float = 0.01, steps: int = 4000, rate: float = 0.5
) -> tuple[float, dict[str, float]]:
    """Bias and weights of a logistic regression of CFS against the rest on the features, by gradient descent."""
    names = list(WEIGHTS)
    features = np.array([[row.features.get(name, 0.0) for name in names] for row in rows])
    target = np.array([row.label == "CFS" for row in rows], dtype=float)
    weights, bias = np.zeros(len(names)), 0.0
    for _ in range(steps):
        predicted = 1.0 / (1.0 + np.exp(-(features @ weights + bias)))
        error = predicted - target
        weights -= rate * (features.T @ error / len(rows) + ridge * weights)
        bias -= rate * float(error.mean())
    return bias, dict(zip(names, weights.round(2).tolist(), strict=True))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the shared data folder")
    parser.add_argument("--fit", action="store_true", help="fit the weights on dev, print them and their figures")
    args = parser.parse_args(argv[1:])
    scored, missed, skipped, doubles = score_articles(args.data)
    articles = len({row.article for row in scored})
    print(f"articles: {articles} (skipped {skipped} whose text is absent); gold spans no candidate has: {missed}")
    halves = {split: [row for row in scored if row.split == split] for split in ("dev", "test")}
    for name, rows in [*halves.items(), ("all", scored)]:
        print(figures(name, rows))
    if doubles:
        first = [label for pair in doubles for label in pair[0]]
        second = [label for pair in doubles for label in pair[1]]
        agreed = sum(a == b for a, b in zip(first, second, strict=True)) / len(first)
        binary = kappa(*([label if label == "CFS" else "other" for label in labels] for labels in (first, second)))
        print(
            f"agreement of the two labellers on {len(doubles)} articles, {len(first)} sentences: {agreed:.1%},"
            f" Cohen's kappa {kappa(first, second):.2f}; on CFS against the rest, kappa {binary:.2f}"
        )
    if args.fit:
        bias, weights = fit(halves["dev"])
        print(f"weights fitted on dev (current in brackets): bias {bias:+.2f} ({BIAS:+.2f})")
        for name, weight in weights.items():
            print(f"  {name:<13} {weight:+.2f}  ({WEIGHTS[name]:+.2f})")
        for name, rows in [*halves.items(), ("all", scored)]:
            refitted = [
                1.0 / (1.0 + np.exp(-(bias + sum(weights[key] * value for key, value in row.features.items()))))
                for row in rows
            ]
            print(figures(name, rows, [float(value) for value in refitted]) + "  (fitted weights)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
