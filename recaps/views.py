"""What pages show, derived from the model: per-team records, lookups by team
and competition, and the small values a page's view is made of.

Pure. `SiteIndex` is built once per build and used by the page plan only: a
template never sees it (nor the whole `Site`), so everything a page shows is
in its view, and the inputs the view reads (`dependencies`) say when the page
must be rendered again."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property

from .model import Article, Competition, Match, Site, Team, Tie
from .rules import Season, result_for


@dataclass(frozen=True)
class Record:
    played: int = 0
    won: int = 0
    drawn: int = 0
    lost: int = 0
    goals_for: int = 0
    goals_against: int = 0
    form: tuple[str, ...] = ()  # last five results, oldest first: W, D or L

    @property
    def goal_difference(self) -> int:
        return self.goals_for - self.goals_against


def team_record(team: Team, matches: list[Match], form_length: int = 5) -> Record:
    """P W D L GF GA over `matches`, extra time included; a shoot-out is a draw."""
    results, goals_for, goals_against = [], 0, 0
    for match in sorted(matches, key=lambda m: (m.date, m.id)):
        leg = match.as_leg
        results.append(result_for(team.name, leg))
        goals_for += leg.goals(team.name)
        goals_against += leg.goals(match.away.name if match.home.slug == team.slug else match.home.name)
    return Record(played=len(results), won=results.count("W"), drawn=results.count("D"),
                  lost=results.count("L"), goals_for=goals_for, goals_against=goals_against,
                  form=tuple(results[-form_length:]))


@dataclass(frozen=True)
class ArticleCard:
    """What a list of recaps shows of one recap: never its body."""

    slug: str
    title: str
    date: dt.date | None
    lang: str
    summary: str = ""
    draft: bool = False
    matches: tuple[Match, ...] = ()  # the results it reports, for the card's scores
    teams: tuple[str, ...] = ()  # the slugs of the teams it names: what puts it on their pages and feeds


def card(article: Article, matches: tuple[Match, ...] = ()) -> ArticleCard:
    """The article's card, with the results it reports."""
    return ArticleCard(article.slug, article.title, article.date, article.lang, article.summary, article.draft,
                       matches, article.teams)


def plain_card(card: ArticleCard) -> ArticleCard:
    """The card without scores (beside a leg that shows its own)."""
    return ArticleCard(card.slug, card.title, card.date, card.lang, card.summary, card.draft, (), card.teams)


@dataclass(frozen=True)
class MatchRow:
    """A result as a list shows it, with the tie it belongs to (None: a plain result)."""

    match: Match
    tie: Tie | None = None


@dataclass(frozen=True)
class StageGroup:
    name: str
    ties: tuple[Tie, ...]
    matches: tuple[Match, ...]  # results outside ties (league phase, group stage)


class Results:
    """The site's teams, competitions, matches and ties, with the lookups of them that pages need.
    Never changed once made."""

    def __init__(self, teams: tuple[Team, ...], competitions: tuple[Competition, ...],
                 matches: tuple[Match, ...], ties: tuple[Tie, ...]):
        self.teams = {team.slug: team for team in teams}
        self.competitions = {competition.slug: competition for competition in competitions}
        self.matches = {match.id: match for match in matches}
        self.ties = {tie.id: tie for tie in ties}
        self.team_matches: dict[str, list[Match]] = {}  # newest first
        self.seasons: dict[str, dict[Season, list[Match]]] = {}  # competition slug -> season -> matches
        for match in sorted(matches, key=lambda m: (m.date, m.id), reverse=True):
            self.team_matches.setdefault(match.home.slug, []).append(match)
            self.team_matches.setdefault(match.away.slug, []).append(match)
            self.seasons.setdefault(match.competition.slug, {}).setdefault(match.season, []).append(match)
        self.ties_newest = tuple(sorted(ties, key=lambda t: (t.last_date, t.id), reverse=True))
        self.team_ties: dict[str, list[Tie]] = {}
        for tie in self.ties_newest:
            self.team_ties.setdefault(tie.team1.slug, []).append(tie)
            self.team_ties.setdefault(tie.team2.slug, []).append(tie)

    def reported(self, article: Article) -> tuple[Match, ...]:
        """The matches the article reports."""
        return tuple(self.matches[match_id] for match_id in article.matches if match_id in self.matches)

    def tie_of(self, match: Match) -> Tie | None:
        return self.ties.get(match.tie_id) if match.tie_id else None

    def ties_of(self, matches) -> tuple[Tie | None, ...]:
        """The tie of each match (None: a plain result)."""
        return tuple(self.tie_of(match) for match in matches)

    def stage_groups(self, competition_slug: str, season: Season) -> list[StageGroup]:
        """Ties and other results of one competition season, by stage in the season's order."""
        matches = tuple(self.seasons.get(competition_slug, {}).get(season, ()))
        return stage_groups(matches, self.ties_of(matches))


class Records:
    """Every team's record over its reported matches. Never changed once made."""

    def __init__(self, results: Results):
        self.by_team = {slug: team_record(team, results.team_matches.get(slug, ()))
                        for slug, team in results.teams.items()}

    def record(self, team: Team) -> Record:
        return self.by_team[team.slug]


def final(groups: list[StageGroup]) -> Tie | None:
    """A season's final: the only tie of its last knockout round, when that round has one."""
    rounds = [group for group in groups if group.ties]
    return rounds[-1].ties[0] if rounds and len(rounds[-1].ties) == 1 else None


class Recaps:
    """The cards of the site's recaps, newest first, with the lookups of them pages need. Never
    changed once made."""

    def __init__(self, cards: tuple[ArticleCard, ...]):
        self.cards = cards
        self.by_slug = {card.slug: card for card in cards}
        self.by_team: dict[str, list[ArticleCard]] = {}  # the cards of the recaps that name each team
        for card in cards:
            for slug in card.teams:
                self.by_team.setdefault(slug, []).append(card)

    def of_match(self, match: Match) -> list[ArticleCard]:
        """The cards of the recaps that report `match`."""
        return [self.by_slug[slug] for slug in match.articles if slug in self.by_slug]

    def of_tie(self, tie: Tie) -> list[ArticleCard]:
        """The cards of the recaps that report a leg of `tie`, oldest first."""
        seen = {card.slug: card for match in tie.legs if match for card in self.of_match(match)}
        return sorted(seen.values(), key=lambda c: (c.date is None, c.date, c.slug))


@dataclass
class SiteIndex:
    """What the page plan looks things up in, for one site: its results, its recaps' cards and
    its teams' records."""

    site: Site
    results: Results
    recaps: Recaps

    @classmethod
    def build(cls, site: Site) -> "SiteIndex":
        results = Results(tuple(site.teams.values()), tuple(site.competitions.values()),
                          tuple(site.matches.values()), tuple(site.ties.values()))
        return cls(site, results, Recaps(tuple(card(article, results.reported(article))
                                                for article in site.articles)))

    @cached_property
    def records(self) -> Records:
        return Records(self.results)


def stage_groups(matches: tuple[Match, ...], ties: tuple[Tie | None, ...]) -> list[StageGroup]:
    """The ties and other results of `matches` (with the tie of each), by stage in the season's order."""
    by_stage: dict[tuple, tuple[list, list]] = {}
    placed: set[tuple] = set()  # (stage, tie id) of the ties placed: a tie's id is its own in a site
    for match, tie in sorted(zip(matches, ties), key=lambda pair: (pair[0].date, pair[0].id)):
        stage = match.stage
        key = (stage.order, stage.name) if stage else (-1, "")
        in_ties, plain = by_stage.setdefault(key, ([], []))
        if tie is None:
            plain.append(match)
        elif (key, tie.id) not in placed:
            placed.add((key, tie.id))
            in_ties.append(tie)
    return [StageGroup(name=name, ties=tuple(in_ties), matches=tuple(plain))
            for (_, name), (in_ties, plain) in sorted(by_stage.items())]


def bracket(groups: list[StageGroup]) -> list[StageGroup]:
    """The knockout rounds of a season, each ordered so that a tie sits beside
    the ties of the previous round that fed it: the final's teams decide the
    semi-finals' order, theirs the quarter-finals', and so on."""
    rounds = [group for group in groups if group.ties]
    for later, earlier in zip(reversed(rounds), list(reversed(rounds))[1:]):
        position = {}
        for index, tie in enumerate(later.ties):
            position[tie.team1.slug] = 2 * index
            position[tie.team2.slug] = 2 * index + 1
        fed = sorted(earlier.ties, key=lambda t: (position.get(t.winner.slug if t.winner else "", len(position)),))
        rounds[rounds.index(earlier)] = StageGroup(earlier.name, tuple(fed), earlier.matches)
    return rounds
