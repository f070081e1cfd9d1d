"""Reading a published date or time as a page prints it ("Jul 5, 2025 10:00 AM EST", "4. Juli 2025", "2 hours
ago") into an aware datetime. Below both the page-text extractor, which compares dates it finds, and the document
builder, which records them."""

from __future__ import annotations

import re
import warnings
from datetime import UTC, datetime, timedelta

from dateutil import parser as date_parser

from builder.ingest.local_dates import UNIT_SECONDS, read_local_date, relative_time_before

_CJK_DATE = re.compile(r"(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日")
"""A date as Chinese and Japanese print it ("2025年7月4日"), which dateutil reads once written 2025-7-4."""
_DOTTED_DATE = re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{4}\b")
"""A date in numbers with dots ("04.07.2025"): day first wherever dates are dotted."""
_AT_TIME = re.compile(r"@\s*(?=\d)|(?<=\d)UTC(?=\d)")
""""@" before a time ("December 19, 2025 @08:00PM", Slashdot) and "UTC" between a date and its time
("2025-12-17UTC07:30:00+00:00"), which dateutil reads as no date at all."""
_BRACKETED_ZONE = re.compile(r"(?:(?<=[+-]\d\d:\d\d)|(?<=Z))\[[A-Za-z][\w/+-]*\]$")
"""The zone's name in brackets after a time's offset, as Java's `ZonedDateTime` writes a time
("2025-09-04T12:50:36-04:00[America/New_York]", "2025-09-04T16:50:36Z[UTC]"), which dateutil reads as no date at
all: the offset says the time. Without an offset before it, the name is left, and the time unread."""
RELATIVE_TIME = re.compile(r"^(?P<count>\d+|an?|one)\s+(?P<unit>second|minute|hour|day|week)s?\s+ago$", re.I)
"""A time before the crawl, in English ("2 hours ago", "a day ago"): read against the crawl's time."""
LEAP_YEAR = 2000
"""A year to read a day and month without one in, 29 February included."""
ZONE_OFFSETS: dict[str, int] = {
    name: hours * 3600
    for names, hours in [
        ("UTC GMT Z", 0),
        ("BST CET WAT", 1),
        ("CEST EET CAT SAST", 2),
        ("EEST MSK EAT", 3),
        ("PKT", 5),
        ("WIB ICT", 7),
        ("MYT SGT HKT PHT AWST", 8),
        ("JST KST", 9),
        ("AEST", 10),
        ("AEDT", 11),
        ("EDT", -4),
        ("EST CDT", -5),
        ("CST MDT", -6),
        ("MST PDT", -7),
        ("PST", -8),
    ]
    for name in names.split()
}
"""Zone abbreviations news pages print, as UTC offsets in seconds (dateutil knows only UTC by itself, and read
"10:00 AM EST" as 10:00 UTC). Ambiguous ones (IST: India or Ireland) are left out, and read as UTC."""
UNPRINTED_DEFAULTS = (datetime(2000, 1, 1, tzinfo=UTC), datetime(2001, 2, 2, tzinfo=UTC))
"""Two defaults that differ in every part of a date (29 February without a year fails against the second, so
it is left unknown)."""


def parse_published(
    raw: str | None, reference: datetime | None, language: str = "en", day_first: bool | None = None
) -> datetime | None:
    """An absolute date or time as printed, or a relative one ("2 hours ago") against the crawl time; in a
    document in another language than English, also with that language's month names ("4. Juli 2025") and
    relative times ("vor 2 Stunden"), and a dotted date day first ("04.07.2025" is 4 July, as wherever dates are
    dotted; English pages print them month first as often, and dateutil's month-first reading stays theirs).
    `day_first`, when the page told it (see `ArticleParts.day_first`), decides instead how a date in numbers is
    read.

    A date without a time zone is taken as UTC: the records require an aware datetime, and the raw text is
    kept beside it in `published_text` for anyone who needs to know what was printed. None for a time a record
    cannot hold (`_recordable`).
    """
    try:
        moment = _read_moment(raw, reference, language, day_first)
    except OverflowError:  # a relative time before the year 1 ("99999999 days ago")
        return None
    return moment if moment is None or _recordable(moment) else None


OFFSET_LIMIT = timedelta(days=1)
"""Python's own time zones hold an offset of less than this, and so do ISO 8601's."""


def _recordable(moment: datetime) -> bool:
    """Whether a record can hold `moment` and read it back as the same time. dateutil reads any two digits as an
    offset's hours and minutes ("-99:99", "+25:00") into a `tzoffset` without checking them, where Python's own
    time zones refuse an offset of a day or more: its `isoformat` wrote "2024-01-01T00:00:00-:0:39", which no
    reader takes back, and `builder validate` rejected the document. A time whose instant in UTC falls outside
    the years 1 to 9999 ("9999-12-31T23:59:59-05:00") cannot be converted to UTC by a reader either."""
    offset = moment.tzinfo.utcoffset(moment) if moment.tzinfo is not None else None
    if offset is None or abs(offset) >= OFFSET_LIMIT:
        return False
    try:
        moment.astimezone(UTC)
        return datetime.fromisoformat(moment.isoformat()) == moment
    except (ValueError, OverflowError):
        return False


def _read_moment(raw: str | None, reference: datetime | None, language: str, day_first: bool | None) -> datetime | None:
    """`parse_published` before the check that a record can hold its time."""
    if not raw:
        return None
    if "[" in raw:
        raw = _BRACKETED_ZONE.sub("", raw.strip())
    raw = _CJK_DATE.sub(r"\g<year>-\g<month>-\g<day> ", raw).replace("時", ":").replace("分", "")
    if "@" in raw or "UTC" in raw:
        raw = _AT_TIME.sub(lambda at: " " if at.group() != "UTC" else "T", raw)
    other_language = language not in ("en", "und")
    if other_language:
        before = relative_time_before(raw, language)
        if before is not None:
            return reference - before if reference is not None else None
        local = read_local_date(raw, language)
        undated = read_local_date(raw, language, LEAP_YEAR) if local is None else None
        if undated is not None:
            local = _latest_on_or_before(undated, reference)
        if local is not None:
            return local.replace(tzinfo=UTC)
    relative = RELATIVE_TIME.match(raw.strip())
    if relative:
        if reference is None:
            return None
        count = relative["count"].lower()
        amount = 1 if count in {"a", "an", "one"} else int(count)
        return reference - timedelta(seconds=amount * UNIT_SECONDS[relative["unit"].lower()])
    # dateutil fills what the text leaves out from its default: parsed against two defaults that differ in year,
    # month and day, a part that comes out different was not printed ("Monday, 12:30 PM" named no date at all
    # and came out as 3 January 2000).
    try:
        with warnings.catch_warnings():
            # A zone name dateutil does not know is read as no zone (UTC, as documented above), not shouted.
            warnings.simplefilter("ignore", date_parser.UnknownTimezoneWarning)
            if day_first is None:
                day_first = other_language and _DOTTED_DATE.search(raw) is not None
            first, second = (
                date_parser.parse(raw, default=default, tzinfos=ZONE_OFFSETS, dayfirst=day_first)
                for default in UNPRINTED_DEFAULTS
            )
    except (ValueError, OverflowError):
        return None
    if first.month != second.month or first.day != second.day:
        return None
    parsed = first if first.year == second.year else _latest_on_or_before(first, reference)
    if parsed is None:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _latest_on_or_before(moment: datetime, reference: datetime | None) -> datetime | None:
    """A day and month printed without a year ("July 5"): the latest such day on or before the crawl, if known."""
    if reference is None:
        return None
    parsed = _in_year(moment, reference.year)
    if parsed is None or parsed.date() > reference.date():
        parsed = _in_year(moment, reference.year - 1)
    return parsed


def _in_year(moment: datetime, year: int) -> datetime | None:
    try:
        return moment.replace(year=year)
    except ValueError:  # 29 February in a year that has none
        return None
