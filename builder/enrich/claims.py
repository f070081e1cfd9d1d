"""Candidate claims with a transparent check-worthiness score, to pre-fill the annotators' claim spans.

Every sentence of four words or more is a candidate; a sentence with semicolons is split into its clauses when
each has four words or more. Each candidate gets named features (all in [0, 1]) and a score
`sigmoid(BIAS + sum(WEIGHTS[name] * value))`. The features and weights follow what ClaimBuster (Hassan et al.,
2015-2017) found to separate its classes in political speech, and what fact-checkers select:

- check-worthy factual sentences (CFS) carry numbers and quantities (`numbers` +1.6), name people, places and
  organisations (`entities` +1.0), compare or measure change (`comparatives` +0.8: "more than", "doubled",
  "the largest"), state events in the past tense with verbs that report outcomes (`fact_verbs` +0.7:
  "killed", "approved", "rose"), or pin a time (`dates` +0.4);
- a claim attributed to a source ("X said", "according to") is what stance and claim annotation is about,
  so attribution adds a little (`attribution` +0.4), and so does a quoted sentence (`quoted` +0.2);
- non-factual sentences (NFS) are questions (`question` -2.0), opinions in the first person (`first_person`
  -0.8), predictions and obligations (`modal_future` -0.6: "will", "should", "could"), hedged statements
  (`hedges` -0.7: "may", "reportedly", "likely"), sentiment words without facts (`subjective` -0.6), and very
  short sentences (`short` -0.8).

The bias (-1.4) puts a plain sentence with no signal at 0.2: most of a news article is context, not claims.
`suggested` is CFS at a score of 0.6 or more, UFS from 0.3 (a factual sentence nobody would bother to check),
NFS below, and always NFS for questions. The weights are set by hand, not learned: they are a starting point
for annotators to correct, and the corrected labels are what a learned model should later be fitted on.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from builder.records import CheckWorthiness, Claim, Quote, Span

BIAS = -1.4
WEIGHTS: dict[str, float] = {
    "numbers": 1.6,
    "entities": 1.0,
    "comparatives": 0.8,
    "fact_verbs": 0.7,
    "dates": 0.4,
    "attribution": 0.4,
    "quoted": 0.2,
    "question": -2.0,
    "first_person": -0.8,
    "modal_future": -0.6,
    "hedges": -0.7,
    "subjective": -0.6,
    "short": -0.8,
}
CFS_THRESHOLD = 0.6
UFS_THRESHOLD = 0.3
MIN_WORDS = 4

_WORDS = re.compile(r"[\w'’\-]+")
_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundreds?|"
    r"thousands?|millions?|billions?|trillions?|dozens?|half|percent|per cent)\b",
    re.IGNORECASE,
)
_COMPARATIVE = re.compile(
    r"\b(?:more|less|fewer|than|most|least|largest|biggest|smallest|highest|lowest|record|doubled|tripled|halved|"
    r"increased?|decreased?|rose|risen|fell|fallen|grew|grown|dropped|surged|plunged|jumped|declined|"
    r"\w+er than|compared)\b",
    re.IGNORECASE,
)
_FACT_VERB = re.compile(
    r"\b(?:killed|died|wounded|injured|arrested|charged|convicted|sentenced|voted|signed|passed|approved|"
    r"rejected|banned|launched|struck|attacked|seized|captured|invaded|controls?|won|lost|earned|paid|spent|"
    r"cost|raised|cut|fired|hired|sued|ruled|found|showed|reported|announced|confirmed|released|imposed|"
    r"accused|refused|agreed|paused|halted|resumed|delivered|received|sold|bought)\b",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|"
    r"August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|yesterday|"
    r"(?:19|20)\d\d|last (?:week|month|year)|this (?:week|month|year))\b"
)
_ATTRIBUTION = re.compile(
    r"\b(?:said|says|told|according to|stated|announced|claimed|reported|added|noted|wrote|insisted|warned|"
    r"argued|confirmed|denied|accused)\b",
    re.IGNORECASE,
)
_FIRST_PERSON = re.compile(r"\b(?:I|me|my|mine|we|us|our|ours)\b|\bI['’]")
_MODAL_FUTURE = re.compile(
    r"\b(?:will|would|should|shall|must|could|can|going to|plans? to|expects? to|hopes? to|wants? to|"
    r"need to|ought to|let['’]s)\b|['’]ll\b",
    re.IGNORECASE,
)
_HEDGE = re.compile(
    r"\b(?:may|might|perhaps|possibly|probably|likely|unlikely|reportedly|allegedly|apparently|seems?|"
    r"appears? to|suggests?|believed to|thought to|some say|it is unclear|unclear)\b",
    re.IGNORECASE,
)
_SUBJECTIVE = re.compile(
    r"\b(?:great|terrible|wonderful|awful|amazing|beautiful|horrible|best|worst|love|hate|hope|feel|believe|"
    r"think|wish|sad|happy|proud|disappointing|frustrated|fantastic|shameful|outrageous|incredible)\b",
    re.IGNORECASE,
)
_CAPITALISED = re.compile(r"(?<=[\s(])[\"'“‘]?[A-Z][\w'’\-]*")
"""Capitalised words after the first one: names of people, places and organisations, crudely."""


def find_claims(text: str, sentences: Sequence[Span], quotes: Sequence[Quote]) -> list[Claim]:
    """Score every candidate sentence or clause of `text`; the caller picks a threshold, or shows them all."""
    quote_spans = sorted(
        (quote.start, quote.end, quote.speaker is not None or bool(quote.speaker_name)) for quote in quotes
    )
    claims = []
    for sentence in sentences:
        for start, end in _clauses(text, sentence["start"], sentence["end"]):
            claims.append(_claim(text, start, end, quote_spans))
    return claims


def score_features(features: dict[str, float]) -> float:
    """The model: a logistic function of the weighted features."""
    total = BIAS + sum(WEIGHTS[name] * value for name, value in features.items())
    return 1.0 / (1.0 + math.exp(-total))


def suggest(score: float, features: dict[str, float]) -> CheckWorthiness:
    if features.get("question") or score < UFS_THRESHOLD:
        return CheckWorthiness.NFS
    return CheckWorthiness.CFS if score >= CFS_THRESHOLD else CheckWorthiness.UFS


def _clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentence, or its semicolon clauses when each is a claim of its own size; too-short ones are dropped."""
    pieces = []
    piece_start = start
    for match in re.finditer(";", text[start:end]):
        pieces.append((piece_start, start + match.start()))
        piece_start = start + match.end()
    pieces.append((piece_start, end))
    pieces = [_strip(text, piece_start, piece_end) for piece_start, piece_end in pieces]
    if len(pieces) > 1 and all(len(_WORDS.findall(text[a:b])) >= MIN_WORDS for a, b in pieces):
        return pieces
    return [(start, end)] if len(_WORDS.findall(text[start:end])) >= MIN_WORDS else []


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _claim(text: str, start: int, end: int, quote_spans: list[tuple[int, int, bool]]) -> Claim:
    features = _features(text[start:end])
    overlapping = [
        attributed for quote_start, quote_end, attributed in quote_spans if quote_start < end and start < quote_end
    ]
    features["quoted"] = 1.0 if overlapping else 0.0
    if any(overlapping):
        features["attribution"] = 1.0
    score = score_features(features)
    return Claim(
        start=start,
        end=end,
        text=text[start:end],
        score=round(score, 4),
        suggested=suggest(score, features),
        features=features,
    )


def _features(sentence: str) -> dict[str, float]:
    """Named features in [0, 1]; counts saturate (two numbers are as telling as five)."""
    words = len(_WORDS.findall(sentence))
    return {
        "numbers": _saturate(len(_NUMBER.findall(sentence)), 2),
        "entities": _saturate(len(_CAPITALISED.findall(sentence)), 3),
        "comparatives": _saturate(len(_COMPARATIVE.findall(sentence)), 1),
        "fact_verbs": _saturate(len(_FACT_VERB.findall(sentence)), 1),
        "dates": _saturate(len(_DATE.findall(sentence)), 1),
        "attribution": _saturate(len(_ATTRIBUTION.findall(sentence)), 1),
        "question": 1.0 if sentence.rstrip("\"'”’) ").endswith("?") else 0.0,
        "first_person": _saturate(len(_FIRST_PERSON.findall(sentence)), 2),
        "modal_future": _saturate(len(_MODAL_FUTURE.findall(sentence)), 1),
        "hedges": _saturate(len(_HEDGE.findall(sentence)), 1),
        "subjective": _saturate(len(_SUBJECTIVE.findall(sentence)), 2),
        "short": 1.0 if words < 8 else 0.0,
    }


def _saturate(count: int, full: int) -> float:
    return min(count, full) / full
