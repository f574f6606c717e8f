"""The site's model: frozen dataclasses, no I/O.

Teams, competitions and stages come from the registries (or stand in for a
name the registries do not know). Articles report matches; matches in a
knockout stage form ties. `Site` holds everything, keyed for lookups.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import zlib
from dataclasses import dataclass, field

from .rules import Leg, Score, Season, TieResult


@dataclass(frozen=True)
class Team:
    name: str
    slug: str
    short: str = ""
    country: str = ""
    colors: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    nicknames: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (lang, names) pairs
    definite_articles: tuple[tuple[str, str], ...] = ()  # (lang, article) pairs from teams.yaml `article: {it: la}`
    city: str | None = None  # where the club is at home, for ingest's venue and dateline cues
    city_names: tuple[tuple[str, str], ...] = ()  # (lang, name) pairs: the city in other languages
    grounds: tuple[str, ...] = ()  # its home grounds, current and former, as writers name them
    known: bool = True  # False: named in an article, absent from teams.yaml


@dataclass(frozen=True)
class Stage:
    name: str
    slug: str
    order: int = 999  # position in the competition's season; unknown stages last
    knockout: bool = False
    legs: int | None = None  # for knockout stages: 1 or 2
    aliases: tuple[str, ...] = ()
    known: bool = True
    names: tuple[tuple[str, str], ...] = ()  # (language, name) pairs: the stage's name in other languages


@dataclass(frozen=True)
class Competition:
    name: str
    slug: str
    short: str = ""
    country: str = ""
    aliases: tuple[str, ...] = ()
    stages: tuple[Stage, ...] = ()
    away_goals_since: Season | None = None
    away_goals_until: Season | None = None
    away_goals_in_extra_time: bool = True
    known: bool = True


@dataclass(frozen=True)
class Source:
    """Where a fact was written: for error messages and rebuild dependencies."""

    path: str
    line: int


@dataclass(frozen=True)
class Event:
    """A goal or a card. `team` is a team slug."""

    team: str
    player: str
    minute: str
    kind: str | None = None


@dataclass(frozen=True)
class Match:
    id: str
    competition: Competition
    season: Season
    stage: Stage | None
    home: Team
    away: Team
    score: Score
    date: dt.date
    aet: Score | None = None
    pens: Score | None = None
    leg: int | None = None
    legs: int | None = None  # declared by the article when the stage's usual format does not hold
    venue: str = ""
    neutral: bool = False
    goals: tuple[Event, ...] = ()
    cards: tuple[Event, ...] = ()
    articles: tuple[str, ...] = ()  # slugs of the articles that report it
    sources: tuple[Source, ...] = ()
    tie_id: str | None = None

    @property
    def as_leg(self) -> Leg:
        return Leg(self.home.name, self.away.name, self.score, self.aet, self.pens, self.neutral)

    @property
    def final(self) -> Score:
        return self.aet or self.score


@dataclass(frozen=True)
class Tie:
    id: str  # also the URL path below /ties/
    competition: Competition
    season: Season
    stage: Stage
    team1: Team
    team2: Team
    legs_needed: int
    legs: tuple[Match | None, ...]  # index 0 is leg 1; None: not reported yet
    result: TieResult

    @property
    def winner(self) -> Team | None:
        if self.result.winner is None:
            return None
        return self.team1 if self.result.winner == self.team1.name else self.team2

    @property
    def loser(self) -> Team | None:
        winner = self.winner
        return None if winner is None else (self.team2 if winner is self.team1 else self.team1)

    @property
    def goals_so_far(self) -> Score:
        """Team 1's and team 2's goals over the legs reported so far."""
        legs = [match.as_leg for match in self.legs if match]
        return Score(sum(leg.goals(self.team1.name) for leg in legs), sum(leg.goals(self.team2.name) for leg in legs))

    @property
    def last_date(self) -> dt.date:
        return max(match.date for match in self.legs if match)


class Text:
    """A recap's Markdown body, kept compressed: the bodies are the model's largest part (70 MiB
    as str at 10,000 recaps, most of them holding a character that makes Python store two bytes
    a character), and once converted only their digest is needed (`key`, the converted
    Markdown's key). `str(text)` gives it back; it equals, and hashes as, the same text as a str.

    >>> body = Text("Late *drama* in Bergamo.\\n")
    >>> str(body), body == "Late *drama* in Bergamo.\\n", "Late *drama* in Bergamo.\\n" in {body}
    ('Late *drama* in Bergamo.\\n', True, True)
    """

    __slots__ = ("key", "packed")

    def __init__(self, text: str):
        data = text.encode("utf-8", "surrogatepass")
        self.key = hashlib.blake2b(data, digest_size=16).digest()
        self.packed = zlib.compress(data, 1)

    def __str__(self) -> str:
        return zlib.decompress(self.packed).decode("utf-8", "surrogatepass")

    def __eq__(self, other) -> bool:
        if isinstance(other, Text):
            return self.key == other.key
        if isinstance(other, str):
            return str(self) == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(str(self))

    def __repr__(self) -> str:
        return f"Text({str(self)!r})"

    def __reduce__(self):
        return _text_of, (self.key, self.packed)


def _text_of(key: bytes, packed: bytes) -> Text:
    """A Text from its parts, as pickled (the parse cache keeps them)."""
    text = Text.__new__(Text)
    text.key, text.packed = key, packed
    return text


@dataclass(frozen=True)
class ReviewItem:
    """One thing ingest left for a person to check on a draft: the field it concerns, the
    sentence it came from and what is uncertain."""

    field: str
    text: str
    why: str


@dataclass(frozen=True)
class Article:
    slug: str
    path: str  # source file, as reported in messages
    title: str
    date: dt.date | None
    lang: str
    body: Text  # Markdown
    body_line: int  # first line of the body in the source file
    summary: str = ""
    author: str = ""
    source_name: str = ""
    source_url: str = ""
    tags: tuple[str, ...] = ()
    draft: bool = False
    matches: tuple[str, ...] = ()  # match ids
    teams: tuple[str, ...] = ()  # team slugs: playing or discussed
    review: tuple[ReviewItem, ...] = ()  # a draft's `review:`, shown on its page with --drafts


@dataclass(frozen=True)
class Site:
    """Everything the pages are made from, sorted and keyed."""

    articles: tuple[Article, ...]  # newest first
    teams: dict[str, Team]  # by slug, only teams that appear in content
    competitions: dict[str, Competition]
    matches: dict[str, Match]  # by id
    ties: dict[str, Tie]  # by id
    article_by_slug: dict[str, Article] = field(default_factory=dict)
