"""Character offsets as Python counts them (code points) and as Label Studio does (JavaScript's UTF-16 units).

The labeling UI measures spans with JavaScript string indices, so every character outside the Basic
Multilingual Plane (emoji, some CJK, mathematical letters) counts twice there and once in Python. Text without
such characters, almost all news, takes the fast path: both offsets are the same number.
"""

from __future__ import annotations

from bisect import bisect_left


class Utf16Offsets:
    """Convert offsets into one text between code points and UTF-16 code units, both ways."""

    def __init__(self, text: str) -> None:
        # Positions (in code points) of the characters that take two UTF-16 units; empty for almost all text.
        # `max` scans in C: news text is rarely ASCII (curly quotes, dashes) but almost never beyond the BMP, and
        # the comprehension alone took a third of reading a pulled annotation's labels.
        wide = not text.isascii() and max(text) > "\uffff"
        self._wide = [index for index, char in enumerate(text) if ord(char) > 0xFFFF] if wide else []
        self._wide_js = [position + count for count, position in enumerate(self._wide)]

    def to_js(self, offset: int) -> int:
        """The UTF-16 offset of code point `offset`."""
        if not self._wide:
            return offset
        return offset + bisect_left(self._wide, offset)

    def to_py(self, offset: int) -> int:
        """The code point offset of UTF-16 `offset`; an offset inside a surrogate pair snaps to its character."""
        if not self._wide:
            return offset
        return offset - bisect_left(self._wide_js, offset)
