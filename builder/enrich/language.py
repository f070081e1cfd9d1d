"""The language of a document's text, offline.

py3langid (a maintained fork of langid.py) ships its naive Bayes model inside the package
(`py3langid/data/model.npz.xz`), so nothing is downloaded at run time. Loading it takes a second or two, so it is
loaded once per process, on first use. Its byte-level walk is a Python loop, so only the first
`SAMPLE_CHARACTERS` of a text are classified: an article does not change language halfway, and this keeps the
cost flat for long documents.
"""

from __future__ import annotations

import functools
import re

from py3langid.langid import MODEL_FILE, LanguageIdentifier

UNDETERMINED = "und"
MIN_LETTERS = 20
"""Below this many letters (a caption, a headline fragment) the guess is noise: answer `und`."""
MIN_CONFIDENCE = 0.5
"""Lowest normalised probability accepted; below it the text is mixed or in no language the model knows."""
SAMPLE_CHARACTERS = 400
"""About five sentences: plenty for a character n-gram model (langid.py was built for tweets), and it keeps
language identification to a fraction of a millisecond per document."""

_LETTER = re.compile(r"[^\W\d_]")
_CODE = re.compile(r"^[a-z]{2,3}$")


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language (e.g. "en"), or "und" when the text is too short or unclear."""
    sample = text[:SAMPLE_CHARACTERS]
    if len(_LETTER.findall(sample)) < MIN_LETTERS:
        return UNDETERMINED
    code, confidence = _identifier().classify(sample)
    if confidence < MIN_CONFIDENCE or not _CODE.match(code):
        return UNDETERMINED
    return code


@functools.cache
def _identifier() -> LanguageIdentifier:
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
