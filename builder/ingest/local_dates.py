"""Dates printed with month names in other languages than English ("4. Juli 2025, 08:15 Uhr", "4 juillet 2025",
"4 июля 2025", "4 de julio de 2025", "julio 4, 2025"), and relative times ("vor 3 Stunden", "il y a 2 h",
"3 часа назад", "3小时前"): found in a line and read as a date.

The month names are babel's (the Unicode CLDR's locale data): wide and abbreviated, in the forms a date uses and
the forms a month stands alone in (Russian prints "июля" in a date, "июль" alone), for any language CLDR knows.
Languages that write months as numbers (Chinese and Japanese "7月") are read by the numeric patterns instead.
The relative times are CLDR's too: its patterns for "{0} hours ago" in every plural form and width, and its word
for yesterday. A relative time is metadata as a date is: between a headline and its story, and between a related
article's title and its excerpt, where it keeps the excerpt out of the article above.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from builder.enrich.cldr_names import calendar_names

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
    numbers = calendar_names(language, "months")
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


UNIT_SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 604800}
"""The units of a relative time that can date an article (a month or a year ago dates nothing precisely)."""


@functools.cache
def _date_fields(language: str) -> Mapping[str, Any]:
    """CLDR's date fields of a language (how it says "3 hours ago", "yesterday"), or none when CLDR lacks it."""
    from babel.localedata import LocaleDataDict, exists, load  # only pages in other languages need them

    return LocaleDataDict(load(language)).get("date_fields", {}) if exists(language) else {}


@functools.cache
def relative_times(language: str) -> tuple[tuple[re.Pattern[str], int], ...]:
    """The language's relative times in the past ("vor 3 Stunden"), a pattern per phrase with the count in group
    `count`, each with its unit's seconds. Empty when CLDR has none."""
    fields = _date_fields(language)
    found = []
    for unit, seconds in UNIT_SECONDS.items():
        phrases = set()
        for width in ("", "-short", "-narrow"):
            past = fields.get(unit + width, {}).get("past", {})
            phrases.update(str(phrase) for phrase in past.values() if "{0}" in str(phrase))
        alternatives = [
            _spaced(re.escape(phrase)).replace(re.escape("{0}"), r"(?P<count>\d+)", 1) for phrase in phrases
        ]
        # Longest first, so that "vor 3 Stunden" is tried before "vor 3 Std".
        alternatives.sort(key=len, reverse=True)
        found.extend(
            (re.compile(rf"(?<!\w){alternative}(?!\w)", re.IGNORECASE), seconds) for alternative in alternatives
        )
    return tuple(found)


@functools.cache
def yesterday(language: str) -> re.Pattern[str] | None:
    """The language's word for yesterday ("gestern", "hier", "вчера"), from CLDR, or None."""
    word = _date_fields(language).get("day", {}).get("relative", {}).get(-1)
    return re.compile(rf"(?<!\w){_spaced(re.escape(str(word)))}(?!\w)", re.IGNORECASE) if word else None


def _spaced(escaped: str) -> str:
    """An escaped CLDR phrase with its spaces, plain or no-break as CLDR writes them, matching any white space:
    pages print either."""
    return re.sub(r"(?:\\ |[\u00a0\u202f])+", r"\\s+", escaped)


def find_relative_time(text: str, language: str) -> str | None:
    """The first relative time in the past of `language` printed in `text` ("vor 3 Stunden", "gestern"), as
    printed."""
    found = _relative_time(text, language)
    return found[0] if found else None


def relative_time_before(text: str, language: str) -> timedelta | None:
    """How long before the reading a relative time of `language` says ("vor 3 Stunden": 3 hours), or None."""
    found = _relative_time(text, language)
    return found[1] if found else None


def _relative_time(text: str, language: str) -> tuple[str, timedelta] | None:
    """The first relative time of `language` in `text`, as printed and as a time before the reading."""
    if any(character.isdigit() for character in text):
        for pattern, seconds in relative_times(language):
            if found := pattern.search(text):
                return found.group(0), timedelta(seconds=int(found.group("count")) * seconds)
    word = yesterday(language)
    found = word.search(text) if word else None
    return (found.group(0), timedelta(days=1)) if found else None
