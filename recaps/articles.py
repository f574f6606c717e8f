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
from .fields import CONTROL, FieldReader
from .model import Source
from .names import slugify
from .rules import Score, Season
from .yamlfile import LineDict, LineList, YamlSyntaxError, load, split_front_matter

ARTICLE_KEYS = ("title", "date", "lang", "slug", "summary", "author", "source", "tags", "draft",
                "competition", "season", "teams", "matches", "review")
REVIEW_KEYS = ("field", "text", "why")
MATCH_KEYS = ("home", "away", "score", "aet", "pens", "date", "stage", "leg", "legs", "competition", "season",
              "venue", "neutral", "goals", "cards")
EVENT_KEYS = ("team", "player", "minute", "kind")
GOAL_KINDS = (None, "pen", "og")
CARD_KINDS = ("red", "second_yellow", "yellow")
_SLUG = re.compile(r"^(?=.{1,80}$)[a-z0-9]+(?:-[a-z0-9]+)*$")
_MINUTE = re.compile(r"^\d{1,3}(?:\+\d{1,2})?'?$")


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
    body: str
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


def decode(raw: bytes, path: str, problems: Problems) -> str | None:
    """UTF-8 text (a BOM is fine) with newline line ends, or None."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        problems.error(path, line, f"not UTF-8 text (byte {exc.start}): save the file as UTF-8")
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    found = CONTROL.search(text)
    if found:
        problems.warn(path, text.count("\n", 0, found.start()) + 1,
                      f"control character U+{ord(found.group()):04X} removed (and any others in the file)")
        text = CONTROL.sub("", text)
    return text


def parse_article(path: str, stem: str, raw: bytes, problems: Problems, default_lang: str) -> ArticleSpec | None:
    """Parse one article file. Problems go to `problems`; None if it cannot be used."""
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
    _review(reader, data, draft)
    title = reader.text(data, "title", required=not draft)
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
    written = {"season": data.get("season") is not None, "date": data.get("date") not in (None, "")}
    matches = tuple(_matches(reader, data, competition, season, date, draft, written))
    teams = reader.text_items(data, "teams")
    for name, line in teams:
        if not slugify(name):
            problems.error(path, line, f"team {name!r} has no letters or digits")
    teams = tuple((name, line) for name, line in teams if slugify(name))
    return ArticleSpec(
        path=path, slug=slug, title=title, date=date, lang=lang, body=body, body_line=body_line,
        summary=reader.text(data, "summary"), author=reader.text(data, "author"),
        source_name=source_name, source_url=source_url, tags=reader.text_list(data, "tags"),
        draft=draft, teams=teams, matches=matches, slug_line=data.line_of("slug"))


def _review(reader: FieldReader, data: LineDict, draft: bool) -> None:
    """`review:` lists what ingest left for a person to check: fine on a draft, a warning once published."""
    value = data.get("review")
    if value is None:
        return
    if not draft:
        reader.warn(data, "review", "a published recap still carries `review:`: check each item, then delete "
                                    "the list (or keep the recap a draft)")
    if not isinstance(value, LineList):
        reader.warn(data, "review", "`review` is a list of {field, text, why}")
        return
    for index, item in enumerate(value):
        if not isinstance(item, LineDict):
            reader.problems.warn(reader.path, value.line_of(index), "a `review` item is {field, text, why}")
            continue
        reader.unknown_keys(item, REVIEW_KEYS, "a review item")


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
    already reported), so a match that inherits them is not told they are missing."""
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
    goals = _events(reader, item, "goals", GOAL_KINDS)
    cards = _events(reader, item, "cards", CARD_KINDS)
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


def _events(reader: FieldReader, item: LineDict, key: str, kinds: tuple) -> tuple[EventSpec, ...]:
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
        minute = reader.text(entry, "minute")
        if minute and not _MINUTE.match(minute):
            reader.error(entry, "minute", f"`minute` is written like 23 or 90+2; got {minute!r}")
            minute = ""
        kind = entry.get("kind")
        if kind not in kinds:
            reader.error(entry, "kind", f"`kind` must be one of {', '.join(str(k).lower() for k in kinds)}; "
                                        f"got {kind!r}")
            kind = None
        events.append(EventSpec(team=reader.text(entry, "team", required=True),
                                player=reader.text(entry, "player", required=True),
                                minute=minute.rstrip("'"), kind=kind, line=value.line_of(index)))
    return tuple(events)
