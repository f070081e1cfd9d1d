"""The language of a document's text, offline.

py3langid (a maintained fork of langid.py) ships its naive Bayes model inside the package
(`py3langid/data/model.npz.xz`), so nothing is downloaded at run time. Loading it takes about a second, so it is
loaded once per process, on first use. Only the first `SAMPLE_CHARACTERS` of a text are classified: an article
does not change language halfway, and this keeps the cost flat for long documents.

The classification is py3langid's own (`LanguageIdentifier.classify` with normalised probabilities), step for
step on the model's public arrays, but with numpy where py3langid loops or converts slowly: the byte walk takes
every byte's step at once (`_LanguageClassifier._states`), and the gathered float16 rows become float32 by their
bits (`_rows_as_float32`). Every result is as it was, bit for bit, and a call costs about a quarter less in the
pipeline (a third alone, where the model's tables stay in the cache). The weights stay the model's float16 array
(28 MB), converted row by row as a call gathers them. A float32 copy of all of them makes a call about a quarter
cheaper again but holds 57 MB more in every process; converting rows on first use, as this module did, held up to
as much, growing with the features a run met.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Sequence

import numpy as np
from py3langid.langid import MODEL_FILE, LanguageIdentifier

from builder.enrich.function_words import STOP_WORDS

UNDETERMINED = "und"
MIN_LETTERS = 20
"""Below this many letters (a caption, a headline fragment) the guess is noise: answer `und`."""
MIN_CONFIDENCE = 0.5
"""Lowest normalised probability accepted; below it the text is mixed or in no language the model knows."""
SAMPLE_CHARACTERS = 400
"""About five sentences: plenty for a character n-gram model (langid.py was built for tweets), and it keeps
language identification to a fraction of a millisecond per document."""

_ENOUGH_LETTERS = re.compile(rf"(?:[\W\d_]*[^\W\d_]){{{MIN_LETTERS}}}")
"""Matches a text with at least `MIN_LETTERS` letters, without building a list of them."""
_CODE = re.compile(r"^[a-z]{2,3}$")
NEGATIVE_NORMAL_HALVES = (0x8400, 0xFBFF)
"""The bits of every negative normal float16 number lie between these, read as unsigned integers: from -2**-14
(sign set, least exponent, no mantissa) to -65504 (sign set, greatest finite exponent, full mantissa)."""
HALF_TO_SINGLE_SHIFT = 13
"""float32 has 13 more mantissa bits than float16."""
NEGATIVE_HALF_TO_SINGLE = np.uint32(0xA8000000)
"""Added to a negative normal float16's bits shifted by 13 (which puts its sign bit at bit 28), makes the float32
bits: the sign moved to bit 31 (-0x10000000 + 0x80000000) and the exponent rebiased from 15 to 127 (+112 << 23)."""


ENGLISH_SHARE = 0.3
"""A text with at least this share of English function words is English: English prose is a third or more
function words, while other languages share few of them (German "in", "was"; French "a", "on"). Of the 1,622
documents of the WCXB pages (page text and HTML), the sample page and the test texts in ten other languages, the
1,344 at or above it were all English to the model too, and no text in another language came above 0.14."""
PLAIN_ENGLISH_MIN_WORDS = 10
"""Fewer words than this are too few to tell a language by its function words."""


def function_word_share_is_english(words: Sequence[str]) -> bool:
    """Whether the lower-cased words hold ENGLISH_SHARE or more English function words (see `ENGLISH_SHARE`)."""
    return sum(map(STOP_WORDS.__contains__, words)) >= ENGLISH_SHARE * len(words)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language (e.g. "en"), or "und" when the text is too short or unclear.

    Most documents are English, and English is told by its function words at a fiftieth of the model's cost; the
    model decides the rest."""
    sample = text[:SAMPLE_CHARACTERS]
    if not _ENOUGH_LETTERS.match(sample):
        return UNDETERMINED
    words = sample.casefold().split()
    if len(words) >= PLAIN_ENGLISH_MIN_WORDS and function_word_share_is_english(words):
        return "en"
    code, confidence = _classifier().classify(sample)
    if confidence < MIN_CONFIDENCE or not _CODE.match(code):
        return UNDETERMINED
    return code


class _LanguageClassifier:
    """py3langid's normalised-probability classifier over its model's arrays (see the module docstring)."""

    def __init__(self, identifier: LanguageIdentifier) -> None:
        # The byte-level automaton that finds the model's n-gram features: the next state by row and byte, the row
        # of each state, pre-shifted to its first entry, and the feature a state completes (or -1). The next-state
        # table (39 MB, read at random) is copied once into numpy, which asks Linux for huge pages for an array
        # that large: on the package's array (4 KB pages) most reads also missed the TLB, a twentieth of a call's
        # time in the pipeline. The package's array goes with the identifier, so the process holds no more.
        self._next_state = np.array(identifier.tk_nextmove)
        self._row_start = np.asarray(identifier.tk_row, dtype=np.intp) << 8
        self._feature_at = np.asarray(identifier.tk_output, dtype=np.int32)
        # The model's float16 weights, not a float32 copy (see the module docstring).
        self._weights = identifier.nb_ptc
        weight_bits = self._weights.view(np.uint16)
        # Should a later model hold other numbers, numpy's own conversion takes over: slower, as exact.
        self._negative_normal = bool(
            weight_bits.min() >= NEGATIVE_NORMAL_HALVES[0] and weight_bits.max() <= NEGATIVE_NORMAL_HALVES[1]
        )
        self._priors = identifier.nb_pc
        self._languages = list(identifier.nb_classes)
        # (first, duplicate) columns of a code listed twice (a script variant): their probabilities are summed.
        first: dict[str, int] = {}
        self._aliases = [
            (first[code], index) for index, code in enumerate(self._languages) if first.setdefault(code, index) != index
        ]

    def classify(self, text: str) -> tuple[str, float]:
        """(language code, normalised probability), as `LanguageIdentifier.classify` with `norm_probs=True`."""
        if text.isupper():
            text = text.lower()
        data = unicodedata.normalize("NFC", text).encode("utf8", errors="surrogatepass")
        found = self._feature_at[self._states(data)]
        found = found[found >= 0]
        if found.size:
            features, counts = _counts_in_first_order(found)
            scores = np.log1p(counts.astype(np.float32)) @ self._rows_as_float32(features) + self._priors
        else:
            scores = np.full(len(self._languages), 0.0, dtype=np.float32)
        # Dividing by sqrt(bytes) keeps the softmax calibrated across text lengths (py3langid's temperature).
        scores *= 1.0 / math.sqrt(len(data) or 1)
        np.exp(scores - scores.max(), out=scores)
        scores /= scores.sum()
        for first, duplicate in self._aliases:
            scores[first] += scores[duplicate]
            scores[duplicate] = 0.0
        best = int(scores.argmax())
        return self._languages[best], float(scores[best])

    def _states(self, data: bytes) -> np.ndarray:
        """The automaton's state after each byte, as py3langid's walk (one byte after another) finds them.

        The walk is sequential, a Python step per byte; this takes every byte's step at once, numpy over the
        whole text, from the states the previous round found for the bytes before. After k rounds a byte's
        state is that of the walk over the k bytes up to it, which is the walk's own once k passes the longest
        n-gram of the model (its automaton is Aho-Corasick's: a state is the longest n-gram prefix the text
        ends with, 6 bytes at most). A round that changes nothing is the proof: every state is then the step
        from the one before it, which is what the walk computes, so the answer is exact for any automaton.
        """
        next_state = self._next_state
        codes = np.frombuffer(data, dtype=np.uint8).astype(np.intp)
        # states[0] is the start state, before the first byte; states[i + 1] the state after byte i.
        states = np.zeros(len(codes) + 1, dtype=np.intp)
        previous = b""
        while True:
            after = next_state[self._row_start[states[:-1]] + codes]
            # Compared as bytes: one memcmp, cheaper than numpy's comparison and reduction for a few hundred.
            current = after.tobytes()
            if current == previous:
                return after
            previous = current
            states[1:] = after

    def _rows_as_float32(self, features: np.ndarray) -> np.ndarray:
        """The features' weight rows as float32, converted exactly by their bits: numpy converts float16 one
        number at a time (a third of a call's time), and every weight is a negative normal float16 (checked
        when the model is loaded; numpy converts them otherwise), whose float32 bits are its own shifted into place
        plus a constant."""
        if not self._negative_normal:
            return self._weights[features].astype(np.float32)
        bits = self._weights.view(np.uint16)[features].astype(np.uint32)
        bits <<= HALF_TO_SINGLE_SHIFT
        bits += NEGATIVE_HALF_TO_SINGLE
        return bits.view(np.float32)


def _counts_in_first_order(found: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct features and how often each occurs, in order of first occurrence (the order the scores are
    summed in, as py3langid's Counter gives them, so it is kept). Sorting a few hundred numbers in numpy costs
    less than counting them in a Counter and copying its keys and values back into arrays."""
    order = found.argsort()
    ordered = found[order]
    # True where a run of equal features starts, and once more past the end.
    edges = np.empty(len(ordered) + 1, dtype=bool)
    edges[0] = edges[-1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=edges[1:-1])
    bounds = np.flatnonzero(edges)
    starts = bounds[:-1]
    # The sort is not stable: a run's first occurrence is the least position in it.
    by_first_occurrence = np.minimum.reduceat(order, starts).argsort()
    return ordered[starts[by_first_occurrence]], np.diff(bounds)[by_first_occurrence]


def load_model() -> None:
    """Load the model now rather than on first use: a parent process that forks workers calls this first, so
    the workers inherit the loaded model instead of each spending a second loading it."""
    _classifier()


@functools.cache
def _classifier() -> _LanguageClassifier:
    return _LanguageClassifier(LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True))
