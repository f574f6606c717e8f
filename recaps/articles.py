"""Article files: front matter and body, validated field by field.

Names (teams, competitions, stages) stay as written here; `assemble` resolves
them through the registries.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .config import LANGUAGE
from .errors import Problems
from .fields import FieldReader, decode  # decode is imported from here by the pipeline too
from .model import ReviewItem, Source, Text
from .names import slugify
from .rules import Score, Season
from .yamlfile import LineDict, LineList, YamlSyntaxError, load, missing_opening_fence, split_front_matter
from .yamlmistakes import quoted

ARTICLE_KEYS = ("title", "date", "lang", "slug", "summary", "author", "source", "tags", "draft",
                "competition", "season", "teams", "matches", "review")
REVIEW_KEYS = ("field", "text", "why")
MATCH_KEYS = ("home", "away", "score", "aet", "pens", "date", "stage", "leg", "legs", "competition", "season",
              "venue", "neutral", "goals", "cards")
EVENT_KEYS = ("team", "player", "minute", "kind")
GOAL_KINDS = (None, "pen", "og")
CARD_KINDS = ("red", "second_yellow", "yellow")
_SLUG = re.compile(r"^(?=.{1,80}$)[a-z0-9]+(?:-[a-z0-9]+)*$")
_MINUTE = re.compile(r"^(\d{1,3})(?:\+(\d{1,2}))?'?$")
LONG_BEFORE = 366  # days between a match and its recap that are worth a second look
STOPPAGE_AFTER = (45, 90, 105, 120)  # the minutes that added time follows
LAST_MINUTE = 120


@dataclass(frozen=True)
class EventSpec:
    team: str
    player: str
    minute: str
    kind: str | None
    line: int


@dataclass(frozen=True)
class MatchSpec:
    """One entry of `matches:`, names unresolved. `lines` maps field -> file line."""

    source: Source
    home: str
    away: str
    score: Score
    date: dt.date | None
    competition: str
    season: Season | None
    date_given: bool = True  # False: inherited from the article's date
    stage: str = ""
    leg: int | None = None
    legs: int | None = None  # the tie's number of legs, where it differs from the stage's usual format
    aet: Score | None = None
    pens: Score | None = None
    venue: str = ""
    neutral: bool = False
    goals: tuple[EventSpec, ...] = ()
    cards: tuple[EventSpec, ...] = ()
    lines: dict = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class ArticleSpec:
    path: str
    slug: str
    title: str
    date: dt.date | None
    lang: str
    body: Text  # Markdown, compressed
    body_line: int
    summary: str = ""
    author: str = ""
    source_name: str = ""
    source_url: str = ""
    tags: tuple[str, ...] = ()
    draft: bool = False
    teams: tuple[tuple[str, int], ...] = ()  # (name as written, line)
    matches: tuple[MatchSpec, ...] = ()
    slug_line: int = 0
    review: tuple[ReviewItem, ...] = ()


MAX_ARTICLE_BYTES = 8_000_000  # a long recap is 20 kB; this is a book, converted in seconds


def parse_article(path: str, stem: str, raw: bytes, problems: Problems, default_lang: str) -> ArticleSpec | None:
    """Parse one article file. Problems go to `problems`; None if it cannot be used."""
    if len(raw) > MAX_ARTICLE_BYTES:
        problems.error(path, 1, f"the file holds {len(raw) / 1e6:.1f} MB; an article may hold at most "
                                f"{MAX_ARTICLE_BYTES / 1e6:.0f} MB: split it into several")
        return None
    text = decode(raw, path, problems)
    if text is None:
        return None
    try:
        front, front_line, body, body_line = split_front_matter(text)
        data = load(front, line_offset=front_line - 1) if front and front.strip() else None
    except YamlSyntaxError as exc:
        problems.error(path, exc.line, exc.message)
        return None
    if front is None:
        closing = missing_opening_fence(text)
        if closing:
            problems.error(path, 1, f"the front matter has no opening '---': add a line '---' above this one "
                                    f"(the one on line {closing} closes it)")
        else:
            problems.error(path, 1, "no front matter: start the file with a line '---', the YAML fields "
                                    "(title, date, ...), and another '---'")
        return None
    reader = FieldReader(path, problems)
    data = reader.mapping(data if data is not None else LineDict(), "the front matter", front_line)
    if data is None:
        return None
    if data is not None and not data:
        data.line = front_line
    reader.unknown_keys(data, ARTICLE_KEYS, "the front matter")
    draft = reader.boolean(data, "draft")
    review = _review(reader, data, draft)
    cut = _cut_by_comments(reader, data)
    title = reader.text(data, "title", required=not draft and "title" not in cut)
    date = reader.date(data, "date", required=not draft)
    if draft and not (title and date):
        problems.warn(path, data.line, "draft without a title or date yet: fine for a draft, which is "
                                       "published only with --drafts and then listed last")
    lang = reader.text(data, "lang", default=default_lang)
    if not LANGUAGE.match(lang):
        reader.error(data, "lang", f"`lang` must be a language code like en or it; got {lang!r}")
        lang = default_lang
    slug = reader.text(data, "slug") or slugify(stem)
    if not _SLUG.match(slug):
        reader.error(data, "slug", f"slug {slug!r} may hold only a-z, 0-9 and single hyphens, at most 80 characters "
                                   f"(try {slugify(slug) or 'a-name'!r})")
    source_name, source_url = _source(reader, data)
    competition = reader.text(data, "competition")
    season = reader.season(data, "season")
    written = {"season": data.get("season") is not None, "date": data.get("date") not in (None, ""),
               "date_line": data.line_of("date"), "season_line": data.line_of("season")}
    matches = tuple(_matches(reader, data, competition, season, date, draft, written))
    teams = reader.text_items(data, "teams")
    for name, line in teams:
        if not slugify(name):
            problems.error(path, line, f"team {name!r} has no letters or digits")
    teams = tuple((name, line) for name, line in teams if slugify(name))
    check_body(body, body_line, path, problems)
    return ArticleSpec(
        path=path, slug=slug, title=title, date=date, lang=lang, body=Text(body), body_line=body_line,
        summary=reader.text(data, "summary"), author=reader.text(data, "author"),
        source_name=source_name, source_url=source_url, tags=reader.text_list(data, "tags"),
        draft=draft, teams=teams, matches=matches, slug_line=data.line_of("slug"), review=review)


MAX_MARKS = 500  # Markdown marks in one paragraph (or table row): far more than a recap needs, few enough to be fast
MAX_BLOCK_LINES = 2000  # lines of one paragraph, list or table, without a blank line
MAX_NESTING = 40  # quotes, list items and indents nested in each other
_NOT_MARKS = str.maketrans(dict.fromkeys("[]()*_`\\<&!"))  # deletes every mark
_NESTING = re.compile(r"^(?:[ \t]*(?:>|[-*+]|\d{1,9}[.)])(?=[ \t>]))*[ \t]*")
_LIST_MARK = re.compile(r"(?:[-*+]|\d{1,9}[.)])")
_INDENT = re.compile(r"[^ \t]")  # all but the indent
_NESTING_STARTS = frozenset(" \t>-*+0123456789")


def check_body(body: str, body_line: int, path: str, problems: Problems) -> bool:
    """Refuse a body that Python-Markdown would take minutes, or too deep a recursion, to convert.

    Its time grows faster than the length of a paragraph full of marks such as `[` or `_`, or
    of a very long list, and it nests quotes and lists by recursion. Returns False (reported)
    when the body is refused.
    """
    start, lines, marks = body_line, 0, 0
    for number, line in enumerate(body.split("\n"), body_line):
        if not line.strip():
            start, lines, marks = number + 1, 0, 0
            continue
        lines += 1
        found = len(line) - len(line.translate(_NOT_MARKS))
        marks = found if line.lstrip().startswith("|") else marks + found  # table rows convert one by one
        prefix = _NESTING.match(line).group() if line[0] in _NESTING_STARTS else ""
        depth = prefix.count(">") + len(_LIST_MARK.findall(prefix)) + len(_INDENT.sub("", prefix).expandtabs(4)) // 4
        if marks > MAX_MARKS:
            why = f"this paragraph holds more than {MAX_MARKS} Markdown marks ([ ] ( ) * _ ` \\ < & !)"
        elif lines > MAX_BLOCK_LINES:
            why = f"this paragraph runs on for more than {MAX_BLOCK_LINES} lines without a blank line"
        elif depth > MAX_NESTING:
            start, why = number, f"quotes, lists or indents nest {depth} deep here (at most {MAX_NESTING})"
        else:
            continue
        problems.error(path, start, f"{why}: converting it would take too long; split it up or write it more simply")
        return False
    return True


PROSE_KEYS = ("title", "summary")  # free text, where a # is likely part of it


def _cut_by_comments(reader: FieldReader, data: LineDict) -> set[str]:
    """The prose fields a `#` cut short (YAML reads ` #` on as a comment), each reported:
    an error when nothing is left, else a warning. Returns those left empty."""
    empty = set()
    for key in PROSE_KEYS:
        comment = data.comments.get(key)
        if not comment:
            continue
        value = data.get(key)
        whole = f"{value} {comment}" if value not in (None, "") else comment
        if value in (None, ""):
            empty.add(key)
            reader.error(data, key, f"the {key} is empty: a # starts a comment in YAML, so {comment!r} is not "
                                    f"read; put the {key} in quotes, like {key}: {quoted(whole)}")
        else:
            reader.warn(data, key, f"the {key} is read as {str(value)!r}: a # after a space starts a comment in "
                                   f"YAML; if {comment!r} belongs to the {key}, put the {key} in quotes, like "
                                   f"{key}: {quoted(whole)}")
    return empty


def _review(reader: FieldReader, data: LineDict, draft: bool) -> tuple[ReviewItem, ...]:
    """`review:` lists what ingest left for a person to check: fine on a draft (and shown on its
    page with --drafts), a warning once published."""
    value = data.get("review")
    if value is None:
        return ()
    if not draft:
        reader.warn(data, "review", "a published recap still carries `review:`: check each item, then delete "
                                    "the list (or keep the recap a draft)")
    if not isinstance(value, LineList):
        reader.warn(data, "review", "`review` is a list of {field, text, why}")
        return ()
    items = []
    for index, item in enumerate(value):
        if not isinstance(item, LineDict):
            reader.problems.warn(reader.path, value.line_of(index), "a `review` item is {field, text, why}")
            continue
        reader.unknown_keys(item, REVIEW_KEYS, "a review item")
        field_, text, why = ("" if item.get(key) is None else str(item[key]).strip() for key in REVIEW_KEYS)
        if field_ or text or why:
            items.append(ReviewItem(field_, text, why))
    return tuple(items) if draft else ()


def safe_url(url: str) -> bool:
    """Only http(s) and relative links may be emitted, never javascript: and friends."""
    parts = urlsplit(url.strip())
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _source(reader: FieldReader, data: LineDict) -> tuple[str, str]:
    value = data.get("source")
    if value is None:
        return "", ""
    if isinstance(value, str):
        return (value.strip(), "") if not safe_url(value) else ("", value.strip())
    source = reader.mapping(value, "`source`", data.line_of("source"))
    if source is None:
        return "", ""
    reader.unknown_keys(source, ("name", "url"), "`source`")
    name, url = reader.text(source, "name"), reader.text(source, "url")
    if url and not safe_url(url):
        reader.error(source, "url", f"`source.url` must be an http(s) address; got {url!r}")
        url = ""
    return name, url


def _matches(reader: FieldReader, data: LineDict, competition: str, season: Season | None,
             date: dt.date | None, draft: bool, written: dict[str, bool]):
    value = data.get("matches")
    if value is None:
        return
    if not isinstance(value, LineList):
        reader.error(data, "matches", "`matches` must be a list of matches (`- home: ...`)")
        return
    for index, item in enumerate(value):
        item = reader.mapping(item, f"match {index + 1}", value.line_of(index))
        if item is None:
            continue
        spec = _match(reader, item, competition, season, date, value.line_of(index), draft, written)
        if spec is not None:
            yield spec


def _match(reader: FieldReader, item: LineDict, competition: str, season: Season | None,
           date: dt.date | None, line: int, draft: bool, written: dict[str, bool]) -> MatchSpec | None:
    """One match; `written` says whether the article gave a season and date (even unusable ones,
    already reported), so a match that inherits them is not told they are missing, and their lines."""
    before = len(reader.problems.errors)
    reader.unknown_keys(item, MATCH_KEYS, "a match")
    home = reader.text(item, "home", required=True)
    away = reader.text(item, "away", required=True)
    score = reader.score(item, "score", required=True)
    aet, pens = reader.score(item, "aet"), reader.score(item, "pens")
    match_date = reader.date(item, "date") or date
    competition = reader.text(item, "competition") or competition
    season = reader.season(item, "season") or season
    date_given = item.get("date") not in (None, "")
    known = {"competition": bool(competition),
             "season": season is not None or item.get("season") is not None or written["season"],
             "date": match_date is not None or date_given or written["date"]}
    missing = [what for what, found in known.items() if not found]
    if missing and draft:  # ingest writes drafts before anyone knows every fact
        reader.problems.warn(reader.path, line, f"this match has no {', '.join(missing)} yet: it is left out "
                                                "of the draft")
        return None
    hints = {"competition": ": give it here or at the top of the front matter",
             "season": " (like 2024-25): give it here or at the top of the front matter",
             "date": ", and the article has none either"}
    for what in missing:
        reader.problems.error(reader.path, line, f"this match has no `{what}`{hints[what]}")
    unusable = match_date is None or season is None or not competition  # reported above or where written
    if match_date and season and not season.start - 1 <= match_date.year <= season.end + 1:
        where = item.line_of("season") if item.get("season") is not None else written["season_line"]
        reader.problems.error(reader.path, item.line_of("date") if date_given else line,
                              f"a match played on {match_date} cannot be part of season {season} (line {where})")
    if date_given and match_date and date and (date - match_date).days > LONG_BEFORE:
        reader.warn(item, "date", f"this match was played on {match_date}, more than a year before the article's "
                                  f"date ({date}, line {written['date_line']}): check both dates")
    if home and away and name_equal(home, away):
        reader.error(item, "away", f"{home!r} cannot play itself")
    for key, name in (("home", home), ("away", away), ("competition", competition)):
        if name and not slugify(name):
            reader.error(item, key, f"{key} {name!r} has no letters or digits")
    stage, venue = reader.text(item, "stage"), reader.text(item, "venue")
    if stage and not slugify(stage):
        reader.error(item, "stage", f"stage {stage!r} has no letters or digits")
    leg, neutral = reader.integer(item, "leg", (1, 2)), reader.boolean(item, "neutral")
    legs = reader.integer(item, "legs", (1, 2))
    if leg == 2 and legs == 1:
        reader.error(item, "legs", "`leg: 2` cannot be part of a tie of `legs: 1`")
    goals = _events(reader, item, "goals", GOAL_KINDS, extra_time=aet is not None)
    cards = _events(reader, item, "cards", CARD_KINDS, extra_time=aet is not None)
    if unusable or len(reader.problems.errors) > before:
        return None
    lines = {key: item.line_of(key) for key in MATCH_KEYS}
    lines["match"] = line
    return MatchSpec(
        source=Source(reader.path, line), home=home, away=away, score=score, date=match_date,
        date_given=date_given,
        competition=competition, season=season, stage=stage, leg=leg, legs=legs, aet=aet, pens=pens, venue=venue,
        neutral=neutral, goals=goals, cards=cards, lines=lines)


def name_equal(first: str, second: str) -> bool:
    return slugify(first) == slugify(second)


def minute_problem(minute: str, extra_time: bool) -> str | None:
    """Why `minute` cannot be a minute of a match (with extra time or without), or None.

    >>> minute_problem("90+3", False), minute_problem("120+1'", True), minute_problem("105", False)
    (None, None, 'minute 105 is in extra time, but the match has no `aet`: add the score after extra time')
    """
    found = _MINUTE.match(minute)
    if not found:
        return f"`minute` is written like 23 or 90+2; got {minute!r}"
    base, added = int(found.group(1)), found.group(2)
    if not 1 <= base <= LAST_MINUTE:
        return f"`minute` {minute!r} is not a minute of a match: from 1 to {LAST_MINUTE}, then added time like 120+1"
    if added is not None and (base not in STOPPAGE_AFTER or int(added) == 0):
        return (f"`minute` {minute!r}: added time follows the end of a half, "
                f"{', '.join(f'{end}+1' for end in STOPPAGE_AFTER)} and so on")
    if base > 90 and not extra_time:
        return f"minute {base} is in extra time, but the match has no `aet`: add the score after extra time"
    return None


def _events(reader: FieldReader, item: LineDict, key: str, kinds: tuple, *,
            extra_time: bool) -> tuple[EventSpec, ...]:
    value = item.get(key)
    if value is None:
        return ()
    if not isinstance(value, LineList):
        reader.error(item, key, f"`{key}` must be a list of {{team, player, minute, kind}}")
        return ()
    events = []
    for index, entry in enumerate(value):
        entry = reader.mapping(entry, f"{key} item {index + 1}", value.line_of(index))
        if entry is None:
            continue
        reader.unknown_keys(entry, EVENT_KEYS, f"a {key[:-1]}")
        minute = reader.ascii_digits(entry, "minute", reader.text(entry, "minute"))
        why = minute_problem(minute, extra_time) if minute else None
        if why:
            reader.error(entry, "minute", why)
            minute = ""
        kind = entry.get("kind")
        if kind not in kinds:
            named = ", ".join(str(k).lower() for k in kinds)
            reader.error(entry, "kind", f"a {key[:-1]} needs its `kind`: one of {named}" if kind is None
                         else f"`kind` must be one of {named}; got {kind!r}")
            kind = None
        events.append(EventSpec(team=reader.text(entry, "team", required=True),
                                player=reader.text(entry, "player", required=True),
                                minute=minute.rstrip("'"), kind=kind, line=value.line_of(index)))
    return tuple(events)
