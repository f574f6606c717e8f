"""The football rules, table by table: every way a tie can end, and every way it can be wrong."""
import pytest

from recaps.rules import (Leg, RuleError, Score, Season, away_goals_apply, parse_score, parse_season, result_for,
                          second_leg_needs, settle_tie)


def leg(home, away, score, aet=None, pens=None, neutral=False):
    return Leg(home, away, parse_score(score), aet and parse_score(aet), pens and parse_score(pens), neutral)


@pytest.mark.parametrize("text, expected", [
    ("1-3", Score(1, 3)), ("1–3", Score(1, 3)), (" 10 - 0 ", Score(10, 0)), ("2:1", Score(2, 1)), ("0—0", Score(0, 0)),
])
def test_parse_score(text, expected):
    assert parse_score(text) == expected


@pytest.mark.parametrize("value", ["3", "a-b", "1-", "-1-2", "1-2-3", 12, None, True, "1000-1", ""])
def test_parse_score_rejects(value):
    with pytest.raises(RuleError, match="H-A"):
        parse_score(value)


@pytest.mark.parametrize("value, explains", [
    ("1-1 aet", True), ("2-1 (4-3 pens)", True), ("1-1 a.e.t.", True), (True, True), (False, True),
    ("abc", False), (12, False), ("2:1:0", False), ("1-1 2-2", False),
])
def test_a_score_with_extra_time_or_pens_inside_says_which_field_holds_what(value, explains):
    with pytest.raises(RuleError) as info:
        parse_score(value)
    said = "`score` is the score after 90 minutes, `aet` the score after extra time and `pens` the shoot-out"
    assert (said in str(info.value)) == explains


@pytest.mark.parametrize("text, expected", [
    ("2024-25", Season(2024, 2025)), ("2024/25", Season(2024, 2025)), ("2024-2025", Season(2024, 2025)),
    ("1999-00", Season(1999, 2000)), ("2025", Season(2025, 2025)), (2025, Season(2025, 2025)),
])
def test_parse_season(text, expected):
    assert parse_season(text) == expected


@pytest.mark.parametrize("value", ["2024-26", "24-25", "season", "2024-2026", None, 2024.5])
def test_parse_season_rejects(value):
    with pytest.raises(RuleError):
        parse_season(value)


UNTIL_2021 = dict(since=None, until=parse_season("2020-21"))


@pytest.mark.parametrize("season, since, until, applies", [
    ("2020-21", None, "2020-21", True),
    ("2021-22", None, "2020-21", False),
    ("1964-65", "1965-66", "2020-21", False),
    ("1965-66", "1965-66", "2020-21", True),
    ("2024-25", None, None, False),
    ("2024-25", "2023-24", None, True),
])
def test_away_goals_apply(season, since, until, applies):
    bound = lambda s: s and parse_season(s)  # noqa: E731
    assert away_goals_apply(parse_season(season), bound(since), bound(until)) is applies


# legs, legs needed, away goals rule -> status, aggregate (team 1 first), winner, decided_by
DECIDED_TIES = [
    pytest.param({1: leg("BRU", "ATA", "2-1"), 2: leg("ATA", "BRU", "1-3")}, 2, False,
                 ("5-2", "BRU", "aggregate"), id="aggregate-in-normal-time"),
    pytest.param({1: leg("PSG", "BAR", "4-0"), 2: leg("BAR", "PSG", "6-1")}, 2, False,
                 ("5-6", "BAR", "aggregate"), id="comeback-on-aggregate"),
    pytest.param({1: leg("TOT", "AJA", "0-1"), 2: leg("AJA", "TOT", "2-3")}, 2, True,
                 ("3-3", "TOT", "away_goals"), id="away-goals-in-normal-time"),
    pytest.param({1: leg("TOT", "AJA", "0-1"), 2: leg("AJA", "TOT", "2-3", aet="2-3", pens="5-4")}, 2, True,
                 None, id="away-goals-rule-means-no-extra-time"),
    pytest.param({1: leg("ROM", "POR", "2-1"), 2: leg("POR", "ROM", "2-1", aet="3-1")}, 2, True,
                 ("3-4", "POR", "extra_time"), id="extra-time-goal"),
    pytest.param({1: leg("POR", "JUV", "2-1"), 2: leg("JUV", "POR", "2-1", aet="3-2")}, 2, True,
                 ("4-4", "POR", "away_goals"), id="away-goal-in-extra-time-counts"),
    pytest.param({1: leg("POR", "JUV", "2-1"), 2: leg("JUV", "POR", "2-1", aet="3-2", pens="4-3")}, 2, True,
                 None, id="shoot-out-after-away-goals-already-decided"),
    pytest.param({1: leg("POR", "JUV", "2-1"), 2: leg("JUV", "POR", "2-1", aet="3-2", pens="4-3")}, 2, False,
                 ("4-4", "JUV", "penalties"), id="same-tie-without-away-goals-rule-goes-to-penalties"),
    pytest.param({1: leg("PSG", "LIV", "0-1"), 2: leg("LIV", "PSG", "0-1", aet="0-1", pens="1-4")}, 2, False,
                 ("1-1", "PSG", "penalties"), id="shoot-out-after-two-legs"),
    pytest.param({1: leg("PSV", "ATM", "0-0"), 2: leg("ATM", "PSV", "0-0", aet="0-0", pens="8-7")}, 2, True,
                 ("0-0", "ATM", "penalties"), id="goalless-both-legs-under-away-goals"),
    pytest.param({1: leg("LIV", "CHE", "0-0", aet="0-0", pens="11-10")}, 1, False,
                 ("0-0", "LIV", "penalties"), id="single-match-final-penalties"),
    pytest.param({1: leg("RMA", "ATM", "1-1", aet="4-1", neutral=True)}, 1, False,
                 ("4-1", "RMA", "extra_time"), id="single-match-final-extra-time"),
    pytest.param({1: leg("WHU", "FIO", "2-1", neutral=True)}, 1, True,
                 ("2-1", "WHU", "aggregate"), id="single-match-final-normal-time"),
    pytest.param({1: leg("EFL", "EFR", "1-1", pens="4-2")}, 1, False,
                 ("1-1", "EFL", "penalties"), id="shoot-out-straight-after-90-minutes"),
    pytest.param({1: leg("A", "B", "1-0", neutral=True), 2: leg("A", "B", "0-1", aet="0-1", pens="3-5",
                                                                 neutral=True)}, 2, True,
                 ("1-1", "B", "penalties"), id="neutral-legs-without-swapped-sides-have-no-away-goals"),
    pytest.param({1: leg("ATM", "CHE", "0-1", neutral=True), 2: leg("CHE", "ATM", "2-0")}, 2, True,
                 ("0-3", "CHE", "aggregate"), id="designated-home-at-neutral-ground"),
    pytest.param({1: leg("RBL", "LIV", "1-1", neutral=True), 2: leg("LIV", "RBL", "0-0", neutral=True)}, 2, True,
                 ("1-1", "LIV", "away_goals"), id="away-goals-by-designation-at-neutral-grounds"),
]


@pytest.mark.parametrize("legs, needed, away_rule, expected", DECIDED_TIES)
def test_settle_tie(legs, needed, away_rule, expected):
    if expected is None:
        with pytest.raises(RuleError):
            settle_tie(legs, needed, away_goals=away_rule)
        return
    aggregate, winner, decided_by = expected
    result = settle_tie(legs, needed, away_goals=away_rule)
    assert (str(result.aggregate), result.winner, result.decided_by, result.status) == \
        (aggregate, winner, decided_by, "decided")
    first = legs.get(1) or legs[2]
    assert result.team1 == first.home


def test_away_goals_in_extra_time_can_be_switched_off():
    legs = {1: leg("POR", "JUV", "2-1"), 2: leg("JUV", "POR", "2-1", aet="3-2", pens="3-4")}
    result = settle_tie(legs, 2, away_goals=True, away_goals_in_extra_time=False)
    assert (result.winner, result.decided_by) == ("POR", "penalties")


@pytest.mark.parametrize("legs, team1", [
    ({1: leg("FEY", "MIL", "1-0")}, "FEY"),
    ({2: leg("MIL", "FEY", "1-1")}, "FEY"),  # only the second leg reported: team 1 is its away side
])
def test_in_progress(legs, team1):
    result = settle_tie(legs, 2)
    assert (result.status, result.aggregate, result.winner, result.decided_by, result.team1) == \
        ("in_progress", None, None, None, team1)


INVALID_TIES = [
    pytest.param({1: leg("A", "B", "1-0"), 2: leg("B", "A", "1-0")}, 2, "level (1-1) after leg 2 but no shoot-out",
                 id="level-without-shoot-out"),
    pytest.param({1: leg("A", "B", "2-0"), 2: leg("B", "A", "1-0", pens="5-4")}, 2, "shoot-out although",
                 id="shoot-out-when-not-level"),
    pytest.param({1: leg("A", "B", "1-0"), 2: leg("A", "B", "0-1", aet="0-1", pens="4-3")}, 2, "must be played at B",
                 id="home-away-not-swapped"),
    pytest.param({1: leg("A", "B", "1-1", aet="2-1"), 2: leg("B", "A", "0-0")}, 2, "only the last leg",
                 id="extra-time-in-first-leg"),
    pytest.param({1: leg("A", "B", "1-1", pens="4-3"), 2: leg("B", "A", "0-1")}, 2, "only the last leg",
                 id="shoot-out-in-first-leg"),
    pytest.param({1: leg("A", "B", "1-0"), 2: leg("B", "A", "0-2", aet="0-3")}, 2,
                 "leg 2 went to extra time although the tie was already decided after 90 minutes (3-0 on aggregate): "
                 "`score` is the score after 90 minutes and `aet` the score after extra time",
                 id="extra-time-when-decided-in-90"),
    pytest.param({1: leg("A", "B", "1-1", aet="1-0")}, 1, "lower than after 90 minutes", id="aet-below-score"),
    pytest.param({1: leg("A", "B", "1-1", aet="1-1", pens="3-3")}, 1, "cannot end level", id="drawn-shoot-out"),
    pytest.param({1: leg("A", "B", "2-1", aet="3-1")}, 1,
                 "the match went to extra time although it was decided after 90 minutes (2-1): "
                 "`score` is the score after 90 minutes and `aet` the score after extra time",
                 id="final-extra-time-when-not-level"),
    pytest.param({1: leg("A", "B", "4-1", aet="4-1")}, 1, "the match went to extra time although it was decided",
                 id="final-aet-equal-to-score"),
    pytest.param({1: leg("A", "B", "1-1")}, 1, "level (1-1) at the end of the match but no shoot-out is reported: "
                 'add `pens: "H-A"` to the match; if extra time was played, add `aet: "H-A"`',
                 id="final-level-without-shoot-out"),
    pytest.param({1: leg("A", "B", "1-0"), 2: leg("B", "C", "1-0")}, 2, "not between A and B", id="other-team"),
    pytest.param({1: leg("A", "B", "1-0"), 3: leg("B", "A", "1-0")}, 2, "leg 3", id="third-leg"),
    pytest.param({2: leg("A", "B", "1-0")}, 1, "leg 2 reported, but the match is a single match",
                 id="second-leg-of-a-final"),
    pytest.param({1: leg("A", "A", "1-0")}, 1, "cannot play itself", id="team-plays-itself"),
]


@pytest.mark.parametrize("legs, needed, message", INVALID_TIES)
def test_invalid_ties(legs, needed, message):
    with pytest.raises(RuleError) as info:
        settle_tie(legs, needed, away_goals=True)
    assert message in str(info.value)


@pytest.mark.parametrize("legs", [case.values[0] for case in INVALID_TIES if case.values[1] == 1])
def test_a_single_match_is_named_as_one_never_leg_1(legs):
    with pytest.raises(RuleError) as info:
        settle_tie(legs, 1, single="the final")
    assert "leg 1" not in str(info.value)
    assert "the final" in str(info.value) or "cannot play itself" in str(info.value)


@pytest.mark.parametrize("match, team, expected", [
    (leg("A", "B", "2-1"), "A", "W"), (leg("A", "B", "2-1"), "B", "L"),
    (leg("A", "B", "1-1", aet="1-2"), "B", "W"), (leg("A", "B", "1-1", aet="1-1", pens="5-4"), "A", "D"),
])
def test_result_for(match, team, expected):
    assert result_for(team, match) == expected


# --------------------------------------------------------------------------- what the second leg must bring

def needs(first: str, away_goals: bool = False):
    return second_leg_needs(leg("A", "B", first), away_goals=away_goals)


@pytest.mark.parametrize("first, win_by_a, win_by_b", [
    pytest.param("1-0", 0, 2, id="one-goal-lead: a draw for A, B must win by two"),
    pytest.param("0-0", 1, 1, id="goalless: both must win"),
    pytest.param("2-2", 1, 1, id="level, goals: both must win"),
    pytest.param("0-3", 4, -2, id="big margin: B may lose by two"),
    pytest.param("6-1", -4, 6, id="rout"),
])
def test_what_each_side_needs_without_away_goals(first, win_by_a, win_by_b):
    one, two = needs(first)
    assert (one.team, one.at_home, one.win_by, one.away_goals) == ("A", False, win_by_a, None)
    assert (two.team, two.at_home, two.win_by, two.away_goals) == ("B", True, win_by_b, None)


@pytest.mark.parametrize("first, a_edge, b_edge", [
    # Each edge: (scoring at least, conceding at most, smallest result enough, result going to extra time),
    # results from that side's view. A plays the second leg away, B at home.
    pytest.param("1-0", (1, None, "1-2", "0-1"), (None, None, None, "1-0"),
                 id="A lost 1-2 goes through, B's 1-0 win only takes it to extra time"),
    pytest.param("2-1", (2, None, "2-3", "1-2"), (None, 0, "1-0", "2-1"),
                 id="a 1-0 win is enough for B on away goals"),
    pytest.param("0-0", (1, None, "1-1", "0-0"), (None, None, None, "0-0"), id="a scoring draw for A"),
    pytest.param("3-3", (4, None, "4-4", "3-3"), (None, 2, "0-0", "3-3"), id="B through with any draw up to 2-2"),
    pytest.param("1-3", (4, None, "4-2", "3-1"), (None, 2, "0-2", "1-3"), id="B may lose 0-2 at home"),
    pytest.param("0-2", (3, None, "3-1", "2-0"), (None, None, None, "0-2"), id="B cannot lose by two at home"),
])
def test_what_away_goals_change(first, a_edge, b_edge):
    one, two = needs(first, away_goals=True)
    for need, (at_least, at_most, enough, extra) in ((one, a_edge), (two, b_edge)):
        edge = need.away_goals
        assert (edge.scoring_at_least, edge.conceding_at_most) == (at_least, at_most)
        assert (str(edge.enough) if edge.enough else None, str(edge.extra_time) if edge.extra_time else None) == \
            (enough, extra)


@pytest.mark.parametrize("first", ["0-0", "1-0", "2-1", "0-3", "3-3", "4-4", "1-5"])
@pytest.mark.parametrize("away_goals", [False, True])
def test_the_needs_agree_with_settling_the_tie(first, away_goals):
    """Every second leg up to 5-5: the side the needs send through is the one settle_tie does."""
    one, two = needs(first, away_goals)
    for home_goals in range(6):
        for away_goals_scored in range(6):
            second = Leg("B", "A", Score(home_goals, away_goals_scored))
            difference_a = away_goals_scored - home_goals
            try:
                result = settle_tie({1: leg("A", "B", first), 2: second}, 2, away_goals=away_goals)
                winner = result.winner
            except RuleError:  # level with no shoot-out: extra time was due
                winner = None
            expected = "A" if difference_a >= one.win_by else "B" if -difference_a >= two.win_by else None
            if expected is None and away_goals:
                a_edge, b_edge = one.away_goals, two.away_goals
                if away_goals_scored >= a_edge.scoring_at_least:
                    expected = "A"
                elif b_edge.conceding_at_most is not None and away_goals_scored <= b_edge.conceding_at_most:
                    expected = "B"
            assert winner == expected, (first, str(second.score))
