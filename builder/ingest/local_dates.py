"""Dates printed with month names in other languages than English ("4. Juli 2025, 08:15 Uhr", "4 juillet 2025",
"4 июля 2025", "4 de julio de 2025", "julio 4, 2025"): found in a line and read as a date.

The month names are babel's (the Unicode CLDR's locale data): wide and abbreviated, in the forms a date uses and
the forms a month stands alone in (Russian prints "июля" in a date, "июль" alone), for any language CLDR knows.
Languages that write months as numbers (Chinese and Japanese "7月") are read by the numeric patterns instead.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import datetime

MIN_NAME_CHARS = 3
"""Shorter month names or abbreviations ("V", "mo") would match ordinary words."""
_TIME = r"(?:,?\s+(?:\S{1,6}\s+)?(?P<hour>\d{1,2})[:.h](?P<minute>\d{2}))?"
"""A time after the date, with a word between at most ("um", "à", "в")."""


@dataclass(frozen=True)
class MonthNames:
    """A language's month names and the date patterns they make."""

    numbers: dict[str, int]
    """Month number by name, casefolded, without a trailing full stop."""
    pattern: re.Pattern[str]


@functools.cache
def month_names(language: str) -> MonthNames | None:
    """The month names of a language by its ISO 639 code, or None when CLDR has none in words for it."""
    from babel import Locale, UnknownLocaleError  # only pages in other languages need it: imported on first use

    try:
        locale = Locale.parse(language)
    except (UnknownLocaleError, ValueError):
        return None
    numbers: dict[str, int] = {}
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in locale.months[context][width].items():
                key = name.casefold().rstrip(".")
                if len(key) >= MIN_NAME_CHARS and not any(character.isdigit() for character in key):
                    numbers.setdefault(key, number)
    if not numbers:
        return None
    # Longest first, so that "juillet" is tried before "juil".
    names = "|".join(re.escape(name) for name in sorted(numbers, key=len, reverse=True))
    day_first = rf"(?P<day>\d{{1,2}})\.?\s+(?:de\s+)?(?P<month>{names})\.?(?:,?\s+(?:de\s+)?(?P<year>\d{{4}}))?"
    month_first = rf"(?P<month2>{names})\.?\s+(?P<day2>\d{{1,2}})(?:,?\s+(?P<year2>\d{{4}}))?"
    pattern = re.compile(rf"(?<!\w)(?:{day_first}|{month_first})(?!\w){_TIME}", re.IGNORECASE)
    return MonthNames(numbers, pattern)


def find_local_date(text: str, language: str) -> str | None:
    """The first date with a month name of `language` printed in `text`, as printed."""
    names = month_names(language)
    if names is None:
        return None
    found = names.pattern.search(text)
    return found.group(0).strip() if found else None


def read_local_date(text: str, language: str, year: int | None = None) -> datetime | None:
    """The date (and time, if printed) of a date with a month name of `language`; a date without a year takes
    `year`, and without one is None. None also for a day the month does not have."""
    names = month_names(language)
    found = names.pattern.search(text) if names else None
    if names is None or found is None:
        return None
    month = names.numbers[(found["month"] or found["month2"]).casefold().rstrip(".")]
    day = int(found["day"] or found["day2"])
    printed_year = found["year"] or found["year2"]
    year = int(printed_year) if printed_year else year
    if year is None:
        return None
    hour, minute = (int(found["hour"]), int(found["minute"])) if found["hour"] else (0, 0)
    try:
        return datetime(year, month, day, hour, minute)
    except ValueError:
        return None
