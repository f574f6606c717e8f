"""The football rules: scores, seasons and how a tie is settled. Pure functions.

A tie is one or two legs between the same two teams. Team 1 is the home team of
leg 1. The aggregate counts every goal of every leg, extra time included and
shoot-outs never. Level on aggregate, the away-goals rule decides where the
competition applies it that season; otherwise the shoot-out of the last leg.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

DECIDED = "decided"
IN_PROGRESS = "in_progress"

BY_AGGREGATE = "aggregate"
BY_EXTRA_TIME = "extra_time"
BY_AWAY_GOALS = "away_goals"
BY_PENALTIES = "penalties"


class RuleError(ValueError):
    """A score, season or tie that cannot be right; `leg` names the leg at fault, if one is."""

    def __init__(self, message: str, leg: int | None = None):
        super().__init__(message)
        self.leg = leg


@dataclass(frozen=True)
class Score:
    home: int
    away: int

    def __str__(self) -> str:
        return f"{self.home}-{self.away}"

    @property
    def level(self) -> bool:
        return self.home == self.away


_SCORE = re.compile(r"^\s*(\d{1,3})\s*[-\u2013\u2014:]\s*(\d{1,3})\s*$")


def parse_score(value) -> Score:
    """Parse "1-3", "1–3" or "1:3" (home first).

    >>> parse_score("1–3")
    Score(home=1, away=3)
    """
    if isinstance(value, bool):
        raise RuleError(f'a score is written "H-A", like "1-3"; got {str(value).lower()}: `aet` and `pens` hold '
                        f"a score too, not true or false ({_SCORE_FIELDS_ALL})")
    found = _SCORE.match(value) if isinstance(value, str) else None
    if not found:
        more = f" ({_SCORE_FIELDS_ALL})" if isinstance(value, str) and _SCORE_AND_MORE.match(value) else ""
        raise RuleError(f'a score is written "H-A", like "1-3"; got {value!r}{more}')
    return Score(int(found.group(1)), int(found.group(2)))


_SCORE_AND_MORE = re.compile(r"^\s*\d{1,3}\s*[-\u2013\u2014:]\s*\d{1,3}(?:\s+|\s*\()[^\d\s]")  # "1-1 aet", "2-1 (4-3 pens)"
_SCORE_FIELDS_ALL = ('`score` is the score after 90 minutes, `aet` the score after extra time and `pens` the '
                     'shoot-out, each "H-A" with the home team first')


_SEASON = re.compile(r"^\s*(\d{4})(?:\s*[-/\u2013]\s*(\d{2}|\d{4}))?\s*$")


@dataclass(frozen=True, order=True)
class Season:
    """A season such as 2024-25 (two calendar years) or 2025 (one)."""

    start: int
    end: int

    def __str__(self) -> str:
        return str(self.start) if self.start == self.end else f"{self.start}-{self.end % 100:02d}"


def parse_season(value) -> Season:
    """Parse "2024-25", "2024/25", "2024-2025" or "2025".

    >>> str(parse_season("2024/2025")), str(parse_season(2025))
    ('2024-25', '2025')
    """
    found = _SEASON.match(str(value)) if isinstance(value, (str, int)) and not isinstance(value, bool) else None
    if not found:
        raise RuleError(f'a season is written like "2024-25" or "2025"; got {value!r}')
    start = int(found.group(1))
    if found.group(2) is None:
        return Season(start, start)
    tail = found.group(2)
    end = start + 1
    if int(tail) != (end if len(tail) == 4 else end % 100):
        raise RuleError(f"a season spans one year or two consecutive years; got {value!r}")
    return Season(start, end)


def away_goals_apply(season: Season, since: Season | None, until: Season | None) -> bool:
    """Whether the away-goals rule applies in `season`, given the competition's bounds.

    A competition with neither bound never applies it.
    """
    if since is None and until is None:
        return False
    return (since is None or season >= since) and (until is None or season <= until)


@dataclass(frozen=True)
class Leg:
    """One match of a tie, as the rules see it. Teams are opaque keys."""

    home: str
    away: str
    score: Score
    aet: Score | None = None
    pens: Score | None = None
    neutral: bool = False

    @property
    def final(self) -> Score:
        """The score when play ended: after extra time if it was played."""
        return self.aet or self.score

    def goals(self, team: str, *, extra_time: bool = True) -> int:
        score = self.final if extra_time else self.score
        return score.home if team == self.home else score.away if team == self.away else 0


def check_match(leg: Leg) -> list[str]:
    """Problems with one match on its own: extra time that lost goals, drawn shoot-outs.

    Whether extra time or a shoot-out was needed depends on the tie: see settle_tie.
    """
    problems = []
    if leg.home == leg.away:
        problems.append("a team cannot play itself")
    if leg.aet and (leg.aet.home < leg.score.home or leg.aet.away < leg.score.away):
        problems.append(f"the score after extra time ({leg.aet}) is lower than after 90 minutes "
                        f"({leg.score}): `aet` counts every goal after extra time, home first")
    if leg.pens and leg.pens.level:
        problems.append(f"a penalty shoot-out cannot end level ({leg.pens})")
    return problems


def check_result(leg: Leg) -> list[str]:
    """Problems with a match that is not part of a tie: it stands alone, so extra
    time needs a draw after 90 minutes and a shoot-out a draw at the end."""
    problems = check_match(leg)
    if leg.aet and not leg.score.level:
        problems.append(f"extra time was played although the match was not level after 90 minutes ({leg.score}): "
                        f"{SCORE_FIELDS}")
    if leg.pens and not leg.final.level:
        problems.append(f"a shoot-out was held although the match was not level ({leg.final})")
    return problems


def result_for(team: str, leg: Leg) -> str:
    """'W', 'D' or 'L' for `team` in one match; a shoot-out leaves it a draw."""
    ours, theirs = leg.goals(team), leg.goals(leg.away if team == leg.home else leg.home)
    return "W" if ours > theirs else "L" if ours < theirs else "D"


@dataclass(frozen=True)
class TieResult:
    team1: str
    team2: str
    status: str
    aggregate: Score | None  # team 1 first; None while in progress
    winner: str | None
    decided_by: str | None


SCORE_FIELDS = ("`score` is the score after 90 minutes and `aet` the score after extra time "
                "(leave `aet` out when there was none)")


def settle_tie(legs: dict[int, Leg], legs_needed: int, *, away_goals: bool = False,
               away_goals_in_extra_time: bool = True, single: str = "the match") -> TieResult:
    """Settle a tie from its reported legs, keyed by leg number (1 or 2).

    Raises RuleError for a tie that cannot be right: a third leg, legs that do
    not swap home and away, extra time or a shoot-out outside the last leg or
    when it was not needed, or a tie left level without a shoot-out. Messages
    call a single-match tie's match `single` ("the final"), never "leg 1".
    """

    def name(number: int) -> str:
        return single if legs_needed == 1 else f"leg {number}"

    if legs_needed not in (1, 2):
        raise RuleError(f"a tie has one or two legs, not {legs_needed}")
    if not legs:
        raise RuleError("a tie needs at least one match")
    extra = sorted(number for number in legs if not 1 <= number <= legs_needed)
    if extra:
        if legs_needed == 1:
            raise RuleError(f"leg {extra[0]} reported, but {single} is a single match: leave out `leg` "
                            "(or give every match `legs: 2` if the tie had two legs)")
        raise RuleError(f"leg {extra[0]} in a tie of {legs_needed} legs")
    first = legs.get(1)
    team1, team2 = (first.home, first.away) if first else (legs[2].away, legs[2].home)
    for number, leg in sorted(legs.items()):
        if {leg.home, leg.away} != {team1, team2}:
            raise RuleError(f"{name(number)} ({leg.home} v {leg.away}) is not between {team1} and {team2}", number)
        expected_home = team1 if number == 1 else team2
        if leg.home != expected_home and not leg.neutral:
            raise RuleError(f"leg {number} must be played at {expected_home}'s ground: "
                            "home and away swap between legs (or mark the match `neutral: true`)", number)
        for problem in check_match(leg):
            raise RuleError(f"{name(number)}: {problem}", number)
        if number < legs_needed and (leg.aet or leg.pens):
            raise RuleError(f"leg {number} has extra time or a shoot-out, which only the last leg can have", number)
    if len(legs) < legs_needed:
        return TieResult(team1, team2, IN_PROGRESS, None, None, None)

    last = legs[legs_needed]
    ordered = [legs[number] for number in sorted(legs)]

    def total(team: str, *, extra_time: bool) -> int:
        return sum(leg.goals(team, extra_time=extra_time or leg is not last) for leg in ordered)

    def away(team: str, *, extra_time: bool) -> int:
        return sum(leg.goals(team, extra_time=extra_time and away_goals_in_extra_time or leg is not last)
                   for leg in ordered if leg.away == team)

    # Away goals follow the designated home side, as UEFA did for ties moved to neutral
    # grounds in 2020-21; legs that do not swap sides have no away team to favour.
    rule_applies = away_goals and legs_needed == 2 and last.home == team2
    aggregate = Score(total(team1, extra_time=True), total(team2, extra_time=True))

    def leader(first_count: int, second_count: int) -> str | None:
        return team1 if first_count > second_count else team2 if second_count > first_count else None

    after_90 = leader(total(team1, extra_time=False), total(team2, extra_time=False))
    away_after_90 = leader(away(team1, extra_time=False), away(team2, extra_time=False)) if rule_applies else None
    decided_in_90 = after_90 or away_after_90
    after_90_score = Score(total(team1, extra_time=False), total(team2, extra_time=False))
    how = (f"{after_90_score} on aggregate" if legs_needed == 2 else f"{last.score}") if after_90 else "on away goals"
    decided = "the tie was already decided" if legs_needed == 2 else "it was decided"
    if decided_in_90 and last.aet:
        raise RuleError(f"{name(legs_needed)} went to extra time although {decided} after 90 minutes ({how}): "
                        f"{SCORE_FIELDS}", legs_needed)
    if decided_in_90 and last.pens:
        raise RuleError(f"{name(legs_needed)} has a shoot-out although {decided} in normal time ({how})",
                        legs_needed)
    if after_90:
        return TieResult(team1, team2, DECIDED, aggregate, after_90, BY_AGGREGATE)
    if away_after_90:
        return TieResult(team1, team2, DECIDED, aggregate, away_after_90, BY_AWAY_GOALS)

    after_et = leader(aggregate.home, aggregate.away)
    away_after_et = leader(away(team1, extra_time=True), away(team2, extra_time=True)) if rule_applies else None
    if (after_et or away_after_et) and last.pens:
        raise RuleError(f"{name(legs_needed)} has a shoot-out although the tie was not level after extra time "
                        f"({aggregate}{' on aggregate' if legs_needed == 2 else ''})", legs_needed)
    if after_et:
        return TieResult(team1, team2, DECIDED, aggregate, after_et, BY_EXTRA_TIME)
    if away_after_et:
        return TieResult(team1, team2, DECIDED, aggregate, away_after_et, BY_AWAY_GOALS)
    if not last.pens:
        where = f"after leg {legs_needed}" if legs_needed == 2 else f"at the end of {single}"
        extra = "" if last.aet else "; if extra time was played, add `aet: \"H-A\"`, the score after it"
        raise RuleError(f"the tie is level ({aggregate}) {where} but no shoot-out is reported: add "
                        f"`pens: \"H-A\"` to {single if legs_needed == 1 else 'the last leg'}{extra}", legs_needed)
    winner = last.home if last.pens.home > last.pens.away else last.away
    return TieResult(team1, team2, DECIDED, aggregate, winner, BY_PENALTIES)


@dataclass(frozen=True)
class AwayGoalsEdge:
    """With the away-goals rule, what a second-leg result that levels the aggregate brings one side.

    The side goes through with at least `scoring_at_least` goals of its own (when it plays
    away) or conceding at most `conceding_at_most` (at home); exactly one is set, or
    neither when no levelling result can be enough. `enough` is the smallest such result,
    its own goals first; `extra_time` the levelling result that goes to extra time.
    """

    scoring_at_least: int | None
    conceding_at_most: int | None
    enough: Score | None
    extra_time: Score | None


@dataclass(frozen=True)
class SecondLegNeed:
    """What one side needs from the second leg, read from its own side (goals for first).

    `win_by` is the smallest second-leg goal difference that takes it through after 90
    minutes: 2 = win by two goals, 1 = a win, 0 = a draw, -1 = it may lose by one goal.
    A difference of `win_by - 1` levels the aggregate: extra time, or, where the rule
    applies, the away goals of `away_goals` decide first.
    """

    team: str
    at_home: bool
    win_by: int
    away_goals: AwayGoalsEdge | None


def second_leg_needs(first: Leg, *, away_goals: bool = False) -> tuple[SecondLegNeed, SecondLegNeed]:
    """What each side needs from the second leg, given the first (team 1 is its home side).

    The second leg is team 2's home game (its designated home side, at a neutral ground
    too), so team 1's goals there are its away goals, and team 2's in the first leg are its.

    >>> one, two = second_leg_needs(Leg("FEY", "MIL", Score(1, 0)))
    >>> (one.team, one.win_by), (two.team, two.win_by)
    (('FEY', 0), ('MIL', 2))
    """
    lead = first.score.home - first.score.away  # team 1's, after the first leg
    team1, team2 = first.home, first.away
    first_leg_away = first.score.away  # team 2's away goals
    edge1 = edge2 = None
    if away_goals:
        level1 = -lead  # team 1's second-leg difference that levels the aggregate
        # Team 1 plays away: through with more away goals than team 2's first-leg ones.
        need = max(first_leg_away + 1, level1)
        edge1 = AwayGoalsEdge(first_leg_away + 1, None, Score(need, need - level1),
                              _level_score(first_leg_away, level1))
        # Team 2 plays at home: through when team 1 scores fewer than team 2's first-leg away goals.
        level2 = lead
        most = first_leg_away - 1
        lowest = max(0, -level2)  # team 1's fewest goals in a levelling result
        edge2 = AwayGoalsEdge(None, most, Score(lowest + level2, lowest) if most >= lowest else None,
                              _level_score(first_leg_away, -level2, own_first=False))
        if edge2.enough is None:
            edge2 = AwayGoalsEdge(None, None, None, edge2.extra_time)
    return (SecondLegNeed(team1, False, 1 - lead, edge1), SecondLegNeed(team2, True, 1 + lead, edge2))


def _level_score(team1_goals: int, team1_difference: int, *, own_first: bool = True) -> Score | None:
    """The levelling second-leg result in which team 1 scores `team1_goals`, from one side's view."""
    other = team1_goals - team1_difference
    if other < 0:
        return None
    return Score(team1_goals, other) if own_first else Score(other, team1_goals)
