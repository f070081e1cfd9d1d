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

The word lists are English's. A document in a language with a speech lexicon (de, fr, es, it, pt, ru, nl, pl,
uk) counts that language's words as well (`LanguageWords`): its speech verbs for `attribution`, CLDR's month and
weekday names for `dates`, and its own lists (`builder.enrich.claim_lexicons`) for every other counted feature:
number words, comparatives, fact verbs, "yesterday", first-person pronouns, modals, hedges ("angeblich", "якобы")
and subjective words. The two-word cues (`_PHRASES`) stay English's only: what they need two words for is one
word in those languages ("voraussichtlich", "verluidt"). A language's first-person words match in any case,
English's as written ("I", but not "i").

The bias (-1.4) puts a plain sentence with no signal at 0.2: most of a news article is context, not claims.
`suggested` is CFS at a score of 0.45 or more, UFS from 0.35 (a factual sentence nobody would bother to check),
NFS below, and always NFS for questions. The weights are set by hand, not learned: they are a starting point
for annotators to correct, and the corrected labels are what a learned model should later be fitted on.

Measured against 721 sentences of 22 news articles labelled by hand (`scripts/eval_claims.py`): with the first word
lists, the score ranked a check-worthy sentence above another with a chance of 0.70 (AUC), and a fit of the weights
on the dev half did worse on the test half than these hand weights (0.65 against 0.69). The thresholds were chosen
on the dev half for CFS's F1 (from 0.6 and 0.3: CFS recall was a third on dev and a fifth on test); on the test
half, scored after, CFS F1 went from 0.34 to 0.43 and the accuracy of the three classes from 48% to 51%. Then, on
the dev half, findings of cause and association became fact verbs ("linked", "reduces") and forecasts modals
("expect", "forecast"): AUC 0.719 to 0.742 on dev, 0.688 to 0.700 on test. A flag for a sentence that ends with no
full stop (a heading or a list item) raised dev to 0.762 but lowered test to 0.691, and was left out: such lines are
mostly UFS, seldom NFS, which one check-worthiness score cannot use.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from builder.enrich.claim_lexicons import CLAIM_LEXICONS
from builder.enrich.cldr_names import calendar_names
from builder.enrich.quote_lexicons import ENGLISH, LEXICONS
from builder.enrich.unspaced import CHARACTERS_PER_WORD, UNSPACED_CHARACTER, UNSPACED_LANGUAGES
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
CFS_THRESHOLD = 0.45
UFS_THRESHOLD = 0.35
MIN_WORDS = 4


def _words(spaced: str) -> frozenset[str]:
    return frozenset(spaced.split())


_NUMBER_WORDS = _words(
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred hundreds "
    "thousand thousands million millions billion billions trillion trillions dozen dozens half percent"
)
_COMPARATIVES = _words(
    "more less fewer than most least largest biggest smallest highest lowest record doubled tripled halved increase "
    "increased decrease decreased rose risen fell fallen grew grown dropped surged plunged jumped declined compared"
)
_FACT_VERBS = _words(
    "killed died wounded injured arrested charged convicted sentenced voted signed passed approved rejected banned "
    "launched struck attacked seized captured invaded controls control won lost earned paid spent cost raised cut "
    "fired hired sued ruled found showed reported announced confirmed released imposed accused refused agreed "
    "paused halted resumed delivered received sold bought "
    # Findings of cause and association, which studies and health reporting state as facts ("coffee is linked
    # with a lower risk of liver cancer"; see the module's docstring for what they changed).
    "linked associated connected causes caused leads led reduces reduced lowers lowered boosts boosted improves "
    "improved prevents prevented contributes contributed results resulted increases decreases"
)
_DATE_WORDS = _words(
    "monday tuesday wednesday thursday friday saturday sunday january february april june july august september "
    "october november december jan feb apr jun jul aug sep sept oct nov dec yesterday"
)
_ATTRIBUTION_WORDS = _words(
    "said says told stated announced claimed reported added noted wrote insisted warned argued confirmed denied accused"
)
_FIRST_PERSON = _words("I me my mine we We us our Our ours My Me")
_MODALS = _words(
    "will would should shall must could can ll "
    # Forecasts ("We expect the median price to rise 1%"): a prediction, however many numbers it holds.
    "expect expects forecast forecasts predict predicts predicted projected anticipate anticipates outlook prediction"
)
_HEDGES = _words(
    "may might perhaps possibly probably likely unlikely reportedly allegedly apparently seem seems appear appears "
    "suggest suggests unclear"
)
_SUBJECTIVE = _words(
    "great terrible wonderful awful amazing beautiful horrible best worst love hate hope feel believe think wish sad "
    "happy proud disappointing frustrated fantastic shameful outrageous incredible"
)
_SATURATION: dict[str, int] = {
    "numbers": 2,
    "entities": 3,
    "comparatives": 1,
    "fact_verbs": 1,
    "dates": 1,
    "attribution": 1,
    "first_person": 2,
    "modal_future": 1,
    "hedges": 1,
    "subjective": 2,
}
"""The count at which each counted feature reaches 1.0."""
_COUNTED = tuple(_SATURATION)
"""The counted features, in the order they appear in a claim's `features`."""
_FULL = tuple(_SATURATION.values())
_FIELD_BITS = 32
"""A clause's counts are packed into one int, a field of this many bits per counted feature, so that adding two
words' counts is one addition (see `_counts`). No count comes near 2**32: it is at most the clause's word count."""
_FIELD_MASK = (1 << _FIELD_BITS) - 1
_SHIFTS = tuple(_FIELD_BITS * index for index in range(len(_COUNTED)))
_ONE = {name: 1 << shift for name, shift in zip(_COUNTED, _SHIFTS, strict=True)}
"""A count of one of each feature, packed."""
_PHRASE_START = 1 << (_FIELD_BITS * len(_COUNTED))
"""A field after the counted ones: the number of words that may start a two-word cue (see `_PHRASES`)."""
_LEXICON: dict[str, int] = {}
for _name, _lexicon in (
    ("numbers", _NUMBER_WORDS),
    ("comparatives", _COMPARATIVES),
    ("fact_verbs", _FACT_VERBS),
    ("dates", _DATE_WORDS),
    ("attribution", _ATTRIBUTION_WORDS),
    ("modal_future", _MODALS),
    ("hedges", _HEDGES),
    ("subjective", _SUBJECTIVE),
):
    for _word in _lexicon:
        _LEXICON[_word] = _LEXICON.get(_word, 0) + _ONE[_name]
"""Each lower-case word to the packed counts of the features it counts for ("reported" is both a fact verb and an
attribution)."""
_PUNCTUATION = "\"'“”‘’«»()[]{}.,;:!?…—–-/$£€%*"
"""Punctuation becomes space before splitting into words ("Ukraine's" gives "Ukraine" and "s", "you'll" gives
"ll"), once for the whole document (see `_Words`)."""
_ASCII_PUNCTUATION_AS_SPACE = bytes(0x20 if byte < 0x80 and chr(byte) in _PUNCTUATION else byte for byte in range(256))
"""Each byte that is ASCII punctuation as a space, every other byte (UTF-8's multi-byte sequences among them) as is."""
_NON_ASCII_PUNCTUATION = tuple(char for char in _PUNCTUATION if not char.isascii())
_WONT = re.compile(r"\b([Ww])on['’]t\b")
""""won't" is read as "will " (as long, so offsets hold): split at its apostrophe it left "won", which counted as
the fact verb of "X won the vote", and that "won" counted as a modal."""
_DIGITS = frozenset("0123456789")
_LETTERS_OR_DIGITS = re.compile(r"[^\W\d_]+|\d+")
"""The tokens of a language written without spaces, once its own letters are blanked: Latin names and numbers."""
_PHRASES: dict[str, str] = {
    "per cent": "numbers",
    "last week": "dates",
    "last month": "dates",
    "last year": "dates",
    "this week": "dates",
    "this year": "dates",
    "according to": "attribution",
    "going to": "modal_future",
    "plans to": "modal_future",
    "plan to": "modal_future",
    "expects to": "modal_future",
    "expected to": "modal_future",
    "wants to": "modal_future",
    "need to": "modal_future",
    "believed to": "hedges",
    "thought to": "hedges",
}
"""Two-word cues. A sentence counts one when it has both words, an approximation that saves pairing every word."""
_PHRASE_STARTS: dict[str, list[tuple[str, int]]] = {}
"""Each first word of a two-word cue to its second words, each with a packed count of one for the cue's feature."""
for _phrase, _name in _PHRASES.items():
    _first, _second = _phrase.split()
    _PHRASE_STARTS.setdefault(_first, []).append((_second, _ONE[_name]))
_CLAIM_LEXICON_FEATURES: dict[str, str] = {
    "number_words": "numbers",
    "comparatives": "comparatives",
    "fact_verbs": "fact_verbs",
    "date_words": "dates",
    "first_person": "first_person",
    "modals": "modal_future",
    "hedges": "hedges",
    "subjective": "subjective",
}
"""Each field of a `ClaimLexicon` to the feature its words count for."""
_MAX_CACHED_WORDS = 100_000
"""How many words' counts a `_WordCounts` keeps (some ten megabytes) before it starts over."""


def find_claims(text: str, sentences: Sequence[Span], quotes: Sequence[Quote], language: str = "en") -> list[Claim]:
    """Score every candidate sentence or clause of `text`; the caller picks a threshold, or shows them all.

    In a language written without spaces (`UNSPACED_LANGUAGES`: Chinese, Japanese, Thai...) words are counted in
    characters (`unspaced_words`), and the features are read from what is written in other scripts: numbers in
    digits, names in Latin capitals; a sentence there would otherwise be one word, too short to be a claim."""
    quoted = _QuoteReach(quotes)
    words = _UnspacedWords(text) if language in UNSPACED_LANGUAGES else _Words(text)
    word_counts = _word_counts_of(language)
    claims = []
    for sentence in sentences:
        for start, end, tokens, count in _clauses(words, sentence["start"], sentence["end"]):
            claims.append(_claim(words, start, end, tokens, count, quoted, word_counts))
    return claims


def score_features(features: dict[str, float]) -> float:
    """The model: a logistic function of the weighted features."""
    total = BIAS + sum(WEIGHTS[name] * value for name, value in features.items())
    return 1.0 / (1.0 + math.exp(-total))


def suggest(score: float, features: dict[str, float]) -> CheckWorthiness:
    """The ClaimBuster class for a score; a question is never a factual claim, whatever else it holds."""
    if features.get("question") or score < UFS_THRESHOLD:
        return CheckWorthiness.NFS
    return CheckWorthiness.CFS if score >= CFS_THRESHOLD else CheckWorthiness.UFS


class _QuoteReach:
    """Which quotes a clause overlaps, by a binary search rather than a test of every quote for every clause.

    The quotes that start before a clause ends are the first ones in order of start; the clause overlaps one of
    them exactly when the furthest end among them lies past its start. So the furthest end of the first i quotes
    (and that of the attributed ones among them) is all a clause needs.
    """

    def __init__(self, quotes: Sequence[Quote]) -> None:
        spans = sorted(
            (quote["start"], quote["end"], quote.get("speaker") is not None or bool(quote.get("speaker_name")))
            for quote in quotes
        )
        self._starts = [start for start, _, _ in spans]
        # -1 for none: a clause's start is never below 0.
        self._reach = list(itertools.accumulate((end for _, end, _ in spans), max, initial=-1))
        self._attributed_reach = list(
            itertools.accumulate((end if attributed else -1 for _, end, attributed in spans), max, initial=-1)
        )

    def overlap(self, start: int, end: int) -> tuple[bool, bool]:
        """(whether any quote overlaps `[start, end)`, whether an attributed one does)."""
        before_end = bisect.bisect_left(self._starts, end)
        return self._reach[before_end] > start, self._attributed_reach[before_end] > start


class _Words:
    """A document with its punctuation turned to spaces, computed once: a clause's words are then a slice and a
    split, instead of a substitution per clause."""

    def __init__(self, text: str) -> None:
        self.text = text
        # Most documents have no "won't": two substring tests cost a fiftieth of the regex's scan of every word.
        wont_free = "on't" not in text and "on’t" not in text
        self.spaced = _spaced(text if wont_free else _WONT.sub(r"\1ill ", text))

    def tokens(self, start: int, end: int) -> list[str]:
        return self.spaced[start:end].split()

    def count(self, start: int, end: int, tokens: list[str]) -> int:
        """How many words `text[start:end]`, split into `tokens`, has."""
        return len(tokens)


class _UnspacedWords(_Words):
    """A document in a language written without spaces: its letters of those scripts are counted in words of
    `CHARACTERS_PER_WORD`, its other runs of letters or digits are the tokens that features are counted on."""

    def __init__(self, text: str) -> None:
        self.text = text
        # One space for each such letter: offsets hold.
        self.spaced = UNSPACED_CHARACTER.sub(" ", text)

    def tokens(self, start: int, end: int) -> list[str]:
        return _LETTERS_OR_DIGITS.findall(self.spaced, start, end)

    def count(self, start: int, end: int, tokens: list[str]) -> int:
        letters = len(UNSPACED_CHARACTER.findall(self.text, start, end))
        return -(-letters // CHARACTERS_PER_WORD) + len(tokens)


def _spaced(text: str) -> str:
    """The text with every `_PUNCTUATION` character replaced by a space, at the same offsets.

    A quarter of the time of a regex substitution, and str.translate is slower still on text with curly quotes
    (off its ASCII fast path): in UTF-8, an ASCII byte only ever stands for itself, so one `bytes.translate`
    spaces the ASCII punctuation without touching any other character, and the few non-ASCII marks are replaced
    one by one, each by a single space, which keeps every offset.
    """
    spaced = text.encode(errors="surrogatepass").translate(_ASCII_PUNCTUATION_AS_SPACE).decode(errors="surrogatepass")
    if not spaced.isascii():
        for mark in _NON_ASCII_PUNCTUATION:
            if mark in spaced:
                spaced = spaced.replace(mark, " ")
    return spaced


def _clauses(words: _Words, start: int, end: int) -> list[tuple[int, int, list[str], int]]:
    """The sentence, or its semicolon clauses when each is a claim of its own size; too-short ones are dropped.
    Each comes with its tokens and its number of words, which the claim is then scored on rather than finding
    them again."""
    text = words.text
    semicolon = text.find(";", start, end)
    if semicolon != -1:
        pieces, piece_start = [], start
        while semicolon != -1:
            pieces.append(_strip(text, piece_start, semicolon))
            piece_start = semicolon + 1
            semicolon = text.find(";", piece_start, end)
        pieces.append(_strip(text, piece_start, end))
        clauses = [_clause(words, a, b) for a, b in pieces]
        if all(count >= MIN_WORDS for *_, count in clauses):
            return clauses
    whole = _clause(words, start, end)
    return [whole] if whole[3] >= MIN_WORDS else []


def _clause(words: _Words, start: int, end: int) -> tuple[int, int, list[str], int]:
    tokens = words.tokens(start, end)
    return start, end, tokens, words.count(start, end, tokens)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _claim(
    words: _Words, start: int, end: int, tokens: list[str], count: int, quoted: _QuoteReach, word_counts: _WordCounts
) -> Claim:
    sentence = words.text[start:end]
    counts = _counts(tokens, word_counts) if tokens else 0
    # Most sentences hold no question mark at all; finding that is cheaper than stripping their closing marks.
    question = ("?" in sentence or "？" in sentence) and sentence.rstrip("\"'”’)」』 ").endswith(("?", "？"))
    in_quote, attributed = quoted.overlap(start, end)
    features, score, suggested = _scored(counts, question, count < 8, in_quote, attributed)
    # A dict display rather than `Claim(...)`: calling a TypedDict with keywords takes three times as long.
    claim: Claim = {
        "start": start,
        "end": end,
        "text": sentence,
        "score": score,
        "suggested": suggested,
        "features": dict(features),
    }
    return claim


def _counts(tokens: list[str], word_counts: _WordCounts) -> int:
    """The packed counts of the features of a clause with these words: the sum of the words' counts, found by
    dictionary look-ups and added in C (this runs on every clause); the two-word cues are then looked for only in
    the clauses (one in seven) that hold a word starting one."""
    counts = sum(map(word_counts.__getitem__, tokens))
    # The first word is capitalised because it opens the clause, not because it names something.
    counts -= word_counts[tokens[0]] & _ONE["entities"]
    if counts >= _PHRASE_START:
        lower = set(map(str.casefold, tokens))
        for first in _PHRASE_STARTS.keys() & lower:
            for second, one in _PHRASE_STARTS[first]:
                if second in lower:
                    counts += one
        counts &= _PHRASE_START - 1
    return counts


def _word_counts(word: str, language: LanguageWords | None = None) -> int:
    """The packed counts of one word of a clause, as the punctuation-free split writes it; with the words of the
    document's language when it is not English (see `LanguageWords`)."""
    folded = word.casefold()
    counts = _LEXICON.get(folded, 0)
    if word in _FIRST_PERSON:
        counts += _ONE["first_person"]
    if language is not None:
        # Every field of a word's counts is 0 or 1, so OR adds what the language counts and English does not
        # (Spanish and French "me" is English's first person too, and counts once).
        counts |= language.counts.get(folded, 0)
    if word[0] in _DIGITS:
        counts += _ONE["numbers"]
        if len(word) == 4 and word[:2] in ("19", "20"):
            counts += _ONE["dates"]
    # Capitalised words name entities, except the pronoun "I"; where every noun is capitalised, only acronyms.
    if word[0].isupper() and word != "I" and (language is None or not language.nouns_capitalised or word.isupper()):
        counts += _ONE["entities"]
    if folded in _PHRASE_STARTS:
        counts += _PHRASE_START
    return counts


class _WordCounts(dict[str, int]):
    """Each word's packed counts, worked out on its first appearance. Kept across documents, whose words are much
    the same, and emptied when it reaches `_MAX_CACHED_WORDS` words, so that a long run does not keep them all."""

    def __init__(self, language: LanguageWords | None = None) -> None:
        super().__init__()
        self.language = language

    def __missing__(self, word: str) -> int:
        if len(self) >= _MAX_CACHED_WORDS:
            self.clear()
        counts = self[word] = _word_counts(word, self.language)
        return counts


@dataclass(frozen=True)
class LanguageWords:
    """What a language other than English adds to the English words the features count: its speech verbs (and
    the participles of its compound ones) and "according to" words for `attribution`, as quote attribution reads
    them (`SpeechLexicon`), its month and weekday names for `dates`, from CLDR (babel), and its `ClaimLexicon`:
    number words, comparatives, fact verbs, "yesterday", first-person words, modals, hedges and subjective words.
    Digits, capitals and two-word cues stay as English counts them."""

    counts: dict[str, int]
    """Each casefolded word to the packed counts it adds."""
    nouns_capitalised: bool
    """Every noun starts with a capital (German), so a capital names nothing by itself: only acronyms count."""


_ENGLISH_WORD_COUNTS = _WordCounts()
"""The one cache of English's counts, shared by every language read with them ("en", "und", ...)."""
NOUNS_CAPITALISED = frozenset({"de", "lb"})
"""Languages that capitalise every noun: German and Luxembourgish."""


@functools.cache
def _word_counts_of(language: str) -> _WordCounts:
    """The word counts for documents in `language` (one cache per language; English's for a language without
    a speech lexicon). A word may count for several features ("bestätigte" is a speech verb and a fact verb)."""
    lexicon = LEXICONS.get(language)
    if lexicon is None or lexicon is ENGLISH:
        return _ENGLISH_WORD_COUNTS
    counts: dict[str, int] = {}
    speech = [*lexicon.cues.split("|"), *lexicon.participles.split("|"), *lexicon.according_to.split("|")]
    for word in speech:
        if word and " " not in word:
            counts[word.casefold()] = _ONE["attribution"]
    for word in (*calendar_names(language, "months"), *calendar_names(language, "days")):
        counts[word] = counts.get(word, 0) | _ONE["dates"]
    claim_lexicon = CLAIM_LEXICONS.get(language)
    if claim_lexicon is not None:
        # Over the dataclass's fields, so that a field without a feature fails here rather than being ignored.
        for field in dataclasses.fields(claim_lexicon):
            one = _ONE[_CLAIM_LEXICON_FEATURES[field.name]]
            for word in getattr(claim_lexicon, field.name).split():
                folded = word.casefold()
                counts[folded] = counts.get(folded, 0) | one
    return _WordCounts(LanguageWords(counts, language in NOUNS_CAPITALISED))


@functools.lru_cache(maxsize=4096)
def _scored(
    counts: int, question: bool, short: bool, quoted: bool, attributed: bool
) -> tuple[dict[str, float], float, CheckWorthiness]:
    """Features, score and class of a sentence with these (packed) counts and flags. Cached (callers copy the features):
    sentences repeat the same few small counts, and saturating, weighting and rounding them again on every
    sentence cost more than counting them. Counts saturate, as two numbers are as telling as five."""
    features = {
        name: min(counts >> shift & _FIELD_MASK, full) / full
        for name, shift, full in zip(_COUNTED, _SHIFTS, _FULL, strict=True)
    }
    features["question"] = 1.0 if question else 0.0
    features["short"] = 1.0 if short else 0.0
    features["quoted"] = 1.0 if quoted else 0.0
    if attributed:
        features["attribution"] = 1.0
    score = score_features(features)
    return features, round(score, 4), suggest(score, features)
