"""Dates stated in a recap, in any of the languages the detector knows.

Month and weekday names come from Babel's locale data. A date needs its day,
month and year, or its day, month and weekday (the weekday fixes the year: the
latest year, up to the reference year, in which that day fell on that weekday).
A weekday alone, or "last night" / "ieri sera", is never turned into a date.
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .language import LANGUAGES

YEARS_BACK = 28  # a day and month fall on the same weekday at least once in 11 years


@dataclass(frozen=True)
class FoundDate:
    date: dt.date
    text: str  # as written
    start: int
    year_from_weekday: bool = False


def _plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c)).strip(".")


@lru_cache(maxsize=1)
def _names() -> tuple[dict[str, int], dict[str, int]]:
    """Month name -> 1..12 and weekday name -> 0..6 (Monday 0), every language, wide and abbreviated."""
    from babel.dates import get_day_names, get_month_names

    months, days = {}, {}
    for code in LANGUAGES:
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, locale=code).items():
                months.setdefault(_plain(name), number)
            for number, name in get_day_names(width, locale=code).items():
                days.setdefault(_plain(name), number)
    for short in ("sept",):
        months.setdefault(short, 9)
    return months, days


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    months, days = _names()
    month = "|".join(sorted(map(re.escape, months), key=len, reverse=True))
    day = "|".join(sorted(map(re.escape, days), key=len, reverse=True))
    number = r"(?P<{0}>[0-3]?\d)(?:st|nd|rd|th|º|°)?"
    return re.compile(
        rf"\b(?:(?P<weekday>{day})\.?,?\s+(?:the\s+)?)?"
        rf"(?:{number.format('day')}\s+(?:of\s+)?(?P<month>{month})\.?|(?P<month2>{month})\.?\s+{number.format('day2')})"
        rf"(?:,?\s+(?P<year>(?:19|20)\d\d))?\b"
        rf"|\b(?P<iso>(?:19|20)\d\d-[01]\d-[0-3]\d)\b"
        rf"|\b(?P<n1>[0-3]?\d)[./](?P<n2>[01]?\d)[./](?P<n3>(?:19|20)\d\d)\b",
        re.IGNORECASE)


def _plain_text(text: str) -> str:
    """Accents dropped one character for one, so offsets stay those of `text`."""
    return "".join(map(_plain_char, text))


@lru_cache(maxsize=4096)
def _plain_char(char: str) -> str:
    plain = _plain(char) if not char.isspace() else char
    return plain if len(plain) == 1 else char


def calendar_word(word: str) -> bool:
    """A month or weekday name, in any of the detector's languages ("Tuesday", "febbraio")."""
    months, days = _names()
    key = _plain(word)
    return len(key) > 3 and (key in months or key in days)


def find_dates(text: str, reference_year: int, *, day_first: bool = True) -> list[FoundDate]:
    """Every stated date in `text`, in order.

    >>> [str(found.date) for found in find_dates("martedì 18 febbraio; April 18, 2024; ieri sera; 19/02/2025", 2026)]
    ['2025-02-18', '2024-04-18', '2025-02-19']
    """
    months, days = _names()
    plain = _plain_text(text)
    found_dates = []
    for found in _matches(plain):
        written = text[found.start():found.end()]
        if found.group("n1"):  # 18/02/2025 or 18.02.2025; 02/18/2025 only where it cannot be day first
            first, second, year = int(found.group("n1")), int(found.group("n2")), int(found.group("n3"))
            if not day_first and first <= 12 and second <= 12:
                continue  # 02/03/2025 in an English text: February or March?
            day, month = (second, first) if second > 12 or not day_first and first <= 12 else (first, second)
            date = _date(year, month, day)
            if date:
                found_dates.append(FoundDate(date, written, found.start()))
            continue
        if found.group("iso"):
            try:
                found_dates.append(FoundDate(dt.date.fromisoformat(found.group("iso")), written, found.start()))
            except ValueError:
                pass
            continue
        day = int(found.group("day") or found.group("day2"))
        month = months[_plain(found.group("month") or found.group("month2"))]
        weekday = found.group("weekday")
        if found.group("year"):
            date = _date(int(found.group("year")), month, day)
            if date:
                found_dates.append(FoundDate(date, written, found.start()))
        elif weekday:
            date = _year_from_weekday(month, day, days[_plain(weekday)], reference_year)
            if date:
                found_dates.append(FoundDate(date, written, found.start(), year_from_weekday=True))
    return found_dates


_DIGITS = re.compile(r"\d+")
REACH = 45  # characters a date stretches either side of a digit it has ("Wednesday, the 18th of September 2024")


def _matches(plain: str) -> list[re.Match]:
    """The date pattern's matches, looked for only near digits (every date has one): much faster
    than trying every month and weekday name at every word of the text."""
    windows: list[list[int]] = []
    for digits in _DIGITS.finditer(plain):
        start, end = max(0, digits.start() - REACH), min(len(plain), digits.end() + REACH)
        if windows and start <= windows[-1][1]:
            windows[-1][1] = end
        else:
            windows.append([start, end])
    found, reached = [], 0
    for start, end in windows:
        for match in _pattern().finditer(plain, max(start, reached), end):
            found.append(match)
            reached = match.end()
    return found


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _year_from_weekday(month: int, day: int, weekday: int, reference_year: int) -> dt.date | None:
    for year in range(reference_year, reference_year - YEARS_BACK, -1):
        date = _date(year, month, day)
        if date and date.weekday() == weekday:
            return date
    return None
