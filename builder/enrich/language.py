"""The language of a document's text, offline.

py3langid (a maintained fork of langid.py) ships its naive Bayes model inside the package
(`py3langid/data/model.npz.xz`), so nothing is downloaded at run time. Loading it takes about a second, so it is
loaded once per process, on first use. Only the first `SAMPLE_CHARACTERS` of a text are classified: an article
does not change language halfway, and this keeps the cost flat for long documents.

The classification is py3langid's own (`LanguageIdentifier.classify` with normalised probabilities), step for
step on the model's public arrays, except that the byte walk reads compact arrays, which is faster and leaves every
result as it was. The weights stay the model's float16 array (28 MB), which numpy converts to float32 row by row as
a call gathers them, as py3langid does. A float32 copy of all of them makes a call about a quarter cheaper (some
50 µs of CPU, 1% of the 5 ms a document takes to ingest) but holds 57 MB more in every process; converting rows on
first use, as this module did, held up to as much, growing with the features a run met.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from array import array
from collections import Counter

import numpy as np
from py3langid.langid import MODEL_FILE, LanguageIdentifier

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


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language (e.g. "en"), or "und" when the text is too short or unclear."""
    sample = text[:SAMPLE_CHARACTERS]
    if not _ENOUGH_LETTERS.match(sample):
        return UNDETERMINED
    code, confidence = _classifier().classify(sample)
    if confidence < MIN_CONFIDENCE or not _CODE.match(code):
        return UNDETERMINED
    return code


class _LanguageClassifier:
    """py3langid's normalised-probability classifier over its model's arrays (see the module docstring)."""

    def __init__(self, identifier: LanguageIdentifier) -> None:
        # The byte-level automaton that finds the model's n-gram features: the next state by row and byte, and
        # the feature a state completes (or -1). The two per-state tables are compact int32 arrays rather than
        # lists of int objects: the walk reads them at random states, once per byte, and fewer cache lines to
        # miss make it a third faster.
        self._next_state = identifier.tk_nextmove
        self._row_start = array("i", (row << 8 for row in identifier.tk_row))
        self._feature_at = array("i", identifier.tk_output)
        # The model's float16 weights, not a float32 copy (see the module docstring).
        self._weights = identifier.nb_ptc
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
        visits = self._features(data)
        if visits:
            features = np.fromiter(visits.keys(), dtype=np.intp, count=len(visits))
            counts = np.fromiter(visits.values(), dtype=np.float32, count=len(visits))
            # The gathered float16 rows are converted to float32 before the product rather than inside it: the
            # sums came out bit for bit the same on every WCXB page, and the product took half the time.
            scores = np.log1p(counts) @ self._weights[features].astype(np.float32) + self._priors
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

    def _features(self, data: bytes) -> Counter[int]:
        """How often each model feature occurs in the bytes, in order of first occurrence (the order the scores
        are summed in, so it is kept)."""
        next_state, row_start, feature_at = self._next_state, self._row_start, self._feature_at
        state = 0
        found = []
        for byte in data:
            state = next_state[row_start[state] + byte]
            feature = feature_at[state]
            if feature >= 0:
                found.append(feature)
        return Counter(found)


def load_model() -> None:
    """Load the model now rather than on first use: a parent process that forks workers calls this first, so
    the workers inherit the loaded model instead of each spending a second loading it."""
    _classifier()


@functools.cache
def _classifier() -> _LanguageClassifier:
    return _LanguageClassifier(LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True))
