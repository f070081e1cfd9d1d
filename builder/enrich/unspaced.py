"""Languages written without spaces between words (Chinese, Japanese, Thai, ...): which they are, and how their
words are counted, for the page-text extractor's prose test and for claims."""

from __future__ import annotations

import re

UNSPACED_LANGUAGES = frozenset({"zh", "ja", "th", "lo", "km", "my", "bo", "dz", "wuu", "yue"})
"""Languages written without spaces between words."""
CHARACTERS_PER_WORD = 2
"""About how many characters a word of those languages takes (Chinese words are mostly of one or two)."""
UNSPACED_LETTERS = (
    r"\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u0f00-\u0fff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
)
"""A regex character class body: the letters of the scripts written without spaces (Thai, Lao, Burmese, Khmer,
Tibetan, kana and CJK ideographs)."""
UNSPACED_CHARACTER = re.compile(f"[{UNSPACED_LETTERS}]")


def unspaced_words(text: str) -> int:
    """Words of a text in a language written without spaces: its letters of those scripts in words of
    `CHARACTERS_PER_WORD`, and its runs of other letters or digits (names, numbers in Latin script) one each."""
    letters = len(UNSPACED_CHARACTER.findall(text))
    return -(-letters // CHARACTERS_PER_WORD) + len(UNSPACED_CHARACTER.sub(" ", text).split())
