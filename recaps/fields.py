"""Reading typed fields out of loaded YAML, reporting every mistake with its line."""
from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from collections.abc import Iterable

from .errors import Problems
from .rules import RuleError, Score, Season, parse_score, parse_season
from .yamlfile import LineDict, LineList

_MISSING = object()
FIRST_YEAR, LAST_YEAR = 1860, 2100  # the years a football match can be dated in
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # never valid in HTML, XML or a feed
# Invisible characters that reorder or hide text (bidirectional overrides and isolates, zero-width
# characters): in a title, a name or a slug they can only mislead, so they are removed.
INVISIBLE = re.compile("[\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def decode(raw: bytes, path: str, problems: Problems) -> str | None:
    """A source file's UTF-8 text (a BOM is fine) with newline line ends, or None (reported).

    Control characters are removed with a warning; UTF-16 and binary files are refused.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _utf16_like(raw):
        problems.error(path, 1, "UTF-16 text, not UTF-8 text: save the file as UTF-8")
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if b"\x00" in raw[:8192]:
            problems.error(path, 1, "a binary file, not UTF-8 text: save the file as UTF-8")
            return None
        line = raw[:exc.start].count(b"\n") + 1
        problems.error(path, line, f"not UTF-8 text (byte {exc.start}): save the file as UTF-8")
        return None
    if text.count("\x00") * 8 > len(text):
        problems.error(path, 1, "a binary file, not UTF-8 text: save the file as UTF-8")
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    found = CONTROL.search(text)
    if found:
        problems.warn(path, text.count("\n", 0, found.start()) + 1,
                      f"control character U+{ord(found.group()):04X} removed (and any others in the file)")
        text = CONTROL.sub("", text)
    return text


def _utf16_like(raw: bytes) -> bool:
    """Whether NUL bytes fill every other place (and only those), as in ASCII text saved as UTF-16
    without a BOM."""
    sample = raw[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    return half > 0 and (even > half * 3 // 4 and odd < half // 4 or odd > half * 3 // 4 and even < half // 4)


def type_name(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, (dict, LineDict)):
        return "a mapping"
    if isinstance(value, (list, LineList)):
        return "a list"
    return f"{value!r}"


class FieldReader:
    """Reads fields from one mapping of one file; problems go to `problems`."""

    def __init__(self, path: str, problems: Problems):
        self.path = path
        self.problems = problems

    def line(self, data, key) -> int:
        return data.line_of(key) if isinstance(data, (LineDict, LineList)) else 0

    def error(self, data, key, message: str) -> None:
        self.problems.error(self.path, self.line(data, key), message)

    def warn(self, data, key, message: str) -> None:
        self.problems.warn(self.path, self.line(data, key), message)

    def mapping(self, value, where: str, line: int) -> LineDict | None:
        if isinstance(value, LineDict):
            return value
        self.problems.error(self.path, line, f"{where} must be a mapping of `key: value` lines; got {type_name(value)}")
        return None

    def unknown_keys(self, data: LineDict, allowed: Iterable[str], where: str) -> None:
        allowed = set(allowed)
        for key in data:
            if key not in allowed:
                self.warn(data, key, f"unknown key {key!r} in {where} is ignored "
                                     f"(expected one of: {', '.join(sorted(allowed))})")

    def text(self, data: LineDict, key: str, *, required: bool = False, default: str = "") -> str:
        value = data.get(key, _MISSING)
        if value is _MISSING or value is None or value == "":
            if required:
                self.error(data, key, f"`{key}` is required")
            return default
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            self.error(data, key, f"`{key}` must be text; got {type_name(value)}")
            return default
        return self.clean(str(value), key, self.line(data, key))

    def clean(self, value: str, key: str, line: int) -> str:
        """`value` without control characters and, with a warning, without invisible ones."""
        value = CONTROL.sub("", value)
        found = INVISIBLE.search(value)
        if found:
            self.problems.warn(self.path, line, f"invisible character U+{ord(found.group()):04X} removed from "
                                                f"`{key}` (it could reorder or hide the text)")
            value = INVISIBLE.sub("", value)
        return value.strip()

    def boolean(self, data: LineDict, key: str, default: bool = False) -> bool:
        value = data.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            self.error(data, key, f"`{key}` must be true or false; got {type_name(value)}")
            return default
        return value

    def integer(self, data: LineDict, key: str, choices: tuple[int, ...]) -> int | None:
        value = data.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value not in choices:
            self.error(data, key, f"`{key}` must be one of {', '.join(map(str, choices))}; got {type_name(value)}")
            return None
        return value

    def text_list(self, data: LineDict, key: str) -> tuple[str, ...]:
        return tuple(text for text, _ in self.text_items(data, key))

    def text_items(self, data: LineDict, key: str) -> tuple[tuple[str, int], ...]:
        """A list of names with the line of each; a single name counts as a list of one."""
        value = data.get(key)
        if value is None:
            return ()
        if isinstance(value, (str, int)) and not isinstance(value, bool):
            return ((self.clean(str(value), key, self.line(data, key)), self.line(data, key)),)
        if not isinstance(value, list):
            self.error(data, key, f"`{key}` must be a list of names; got {type_name(value)}")
            return ()
        items = []
        for index, item in enumerate(value):
            line = value.line_of(index) if isinstance(value, LineList) else self.line(data, key)
            if isinstance(item, bool) or not isinstance(item, (str, int, float)) or str(item).strip() == "":
                self.problems.error(self.path, line, f"`{key}` item {index + 1} must be text; got {type_name(item)}")
                continue
            items.append((self.clean(str(item), key, line), line))
        return tuple(items)

    def ascii_digits(self, data: LineDict, key: str, value):
        """`value` with the digits of other scripts (٣, ３) written 0-9, with a warning."""
        if not isinstance(value, str) or value.isascii():
            return value
        written = "".join(str(unicodedata.decimal(char)) if char.isdecimal() and not char.isascii() else char
                          for char in value)
        if written != value:
            self.warn(data, key, f"`{key}` {value!r} is written with digits other than 0-9: read as {written!r}")
        return written

    def date(self, data: LineDict, key: str, *, required: bool = False) -> dt.date | None:
        value = self.ascii_digits(data, key, data.get(key))
        if value is None or value == "":
            if required:
                self.error(data, key, f"`{key}` is required (YYYY-MM-DD)")
            return None
        parsed = parse_date(value)
        if parsed is None:
            why = _no_such_day(value)
            self.error(data, key, f"`{key}` {value!r} is not a day of the calendar: {why}" if why else
                       f"`{key}` must be a real date written YYYY-MM-DD (or an ISO date-time); got {value!r}")
        elif not FIRST_YEAR <= parsed.year <= LAST_YEAR:
            self.error(data, key, f"`{key}` {value!r} is no date of a football match: the year must be from "
                                  f"{FIRST_YEAR} to {LAST_YEAR}")
            return None
        return parsed

    def score(self, data: LineDict, key: str, *, required: bool = False) -> Score | None:
        value = self.ascii_digits(data, key, data.get(key))
        if value is None:
            if required:
                self.error(data, key, f'`{key}` is required: goals at the end of normal time, home first, like "1-3"')
            return None
        try:
            return parse_score(value)
        except RuleError as exc:
            self.error(data, key, f"`{key}`: {exc}")
            return None

    def season(self, data: LineDict, key: str) -> Season | None:
        value = self.ascii_digits(data, key, data.get(key))
        if value is None:
            return None
        try:
            season = parse_season(value)
        except RuleError as exc:
            self.error(data, key, f"`{key}`: {exc}")
            return None
        if not FIRST_YEAR <= season.start <= LAST_YEAR:
            self.error(data, key, f"`{key}` {value!r} is no season of football: its year must be from "
                                  f"{FIRST_YEAR} to {LAST_YEAR}")
            return None
        return season


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")  # not calendar.month_name, which follows the machine's locale
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:$|[T ])")


def _no_such_day(value) -> str | None:
    """Why a YYYY-MM-DD date is no day of the calendar, or None.

    >>> _no_such_day("2025-02-29"), _no_such_day("2025-13-01"), _no_such_day("2024-02-29")
    ('February 2025 has 28 days', 'there is no month 13 (months go from 01 to 12)', None)
    """
    found = _DAY.match(value.strip()) if isinstance(value, str) else None
    if not found:
        return None
    year, month, day = (int(part) for part in found.groups())
    if not 1 <= month <= 12:
        return f"there is no month {month} (months go from 01 to 12)"
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        return f"{_MONTHS[month - 1]} {year} has {days} days"
    return None


def parse_date(value) -> dt.date | None:
    """A date from YYYY-MM-DD or an ISO date-time; None if it is not a real date.

    >>> parse_date("2025-02-18T20:45:00+01:00"), parse_date("2025-02-30")
    (datetime.date(2025, 2, 18), None)
    """
    if isinstance(value, dt.date):
        return value if not isinstance(value, dt.datetime) else value.date()
    if not isinstance(value, str) or not _DATE.match(value.strip()):
        return None
    text = value.strip()
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace(" ", "T", 1)).date()
    except ValueError:
        return None
