"""A language's month and weekday names, from babel's copy of the Unicode CLDR locale data (shipped inside the
package: nothing is downloaded). Dates printed in other languages are read with the month names
(`builder.ingest.local_dates`), and claims count both as dates (`builder.enrich.claims`)."""

from __future__ import annotations

import functools
from typing import Literal

MIN_NAME_CHARS = 3
"""Shorter names or abbreviations ("V", "mo") would match ordinary words."""


@functools.cache
def calendar_names(language: str, table: Literal["months", "days"]) -> dict[str, int]:
    """The names of the months or the weekdays of a language by its ISO 639 code, each with its number: wide and
    abbreviated, in the forms a date uses and the forms a name stands alone in (Russian prints "июля" in a date,
    "июль" alone); casefolded, without a trailing full stop, of MIN_NAME_CHARS letters or more and without digits
    (Chinese and Japanese "7月" are numbers). Empty when CLDR does not know the language."""
    from babel import Locale, UnknownLocaleError  # only documents in other languages need it: imported on first use

    try:
        locale = Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return {}
    names: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in getattr(locale, table)[context][width].items():
                key = name.casefold().rstrip(".")
                if len(key) >= MIN_NAME_CHARS and not any(character.isdigit() for character in key):
                    names.setdefault(key, number)
    return names
