"""Property-based tests: the readers take anything without crashing, the rules keep their invariants.

Hypothesis searches for the input we did not think of; each example must also be quick
(the deadline), so no input makes a reader take super-linear time.
"""
from __future__ import annotations

import datetime as dt
import json

from hypothesis import HealthCheck, given, settings, strategies as st

from recaps.articles import parse_article
from recaps.errors import Problems
from recaps.model import Text
from recaps.output import JsonItem, _json_joined
from recaps.rules import (BY_AWAY_GOALS, BY_PENALTIES, DECIDED, IN_PROGRESS, Leg, RuleError, Score, parse_score,
                          parse_season, settle_tie)
from recaps.yamlfile import YamlSyntaxError, load

QUICK = settings(deadline=dt.timedelta(seconds=1), suppress_health_check=[HealthCheck.too_slow])

# --------------------------------------------------------------------------- readers

YAMLISH = st.lists(st.sampled_from(list("ab01-:[]{},'\"#&*!|>%@` \n\t_.") + ["---\n", "\u2013", "é", "  "]),
                   max_size=120).map("".join)
FIELDS = ["title", "date", "lang", "slug", "competition", "season", "draft", "matches", "home", "away",
          "score", "aet", "pens", "leg", "legs", "stage", "goals", "minute", "tags", "source", "url"]
VALUES = ["", "1-3", "2025-02-30", "2024-25", "true", "[]", "{}", "null", "~", "- a", "javascript:x", "1:0",
          "\u202e", "\x00", "999999999999999999999", "{{ 7*7 }}", "2025-02-18T20:45:00", "&a [*a, *a]"]


@st.composite
def front_matter(draw) -> str:
    """Front matter that looks like ours: known keys, odd values, at odd depths."""
    rows = []
    for _ in range(draw(st.integers(0, 12))):
        indent = "  " * draw(st.integers(0, 3))
        dash = draw(st.sampled_from(["", "- "]))
        rows.append(f"{indent}{dash}{draw(st.sampled_from(FIELDS))}: {draw(st.sampled_from(VALUES))}")
    return "---\n" + "\n".join(rows) + "\n---\n" + draw(st.text(max_size=50))


@QUICK
@given(st.one_of(YAMLISH, st.text(max_size=300)))
def test_yaml_reader_raises_only_our_error(text):
    try:
        load(text)
    except YamlSyntaxError as exc:
        assert exc.line >= 1 and exc.message.startswith("invalid YAML")


@QUICK
@given(st.one_of(front_matter(), st.binary(max_size=300), YAMLISH.map(lambda t: "---\n" + t + "\n---\n")))
def test_front_matter_reader_reports_problems_never_raises(raw):
    problems = Problems()
    raw = raw if isinstance(raw, bytes) else raw.encode("utf-8", "surrogatepass")
    spec = parse_article("content/articles/x.md", "x", raw, problems, "en")
    assert spec is not None or problems.errors, "an unusable article says why"
    for problem in problems.items:
        assert problem.path == "content/articles/x.md" and problem.line >= 0 and problem.message


@QUICK
@given(st.one_of(st.text(max_size=40), st.integers(), st.none(), st.booleans(), st.floats()))
def test_score_and_season_parsers_raise_only_rule_errors(value):
    for parse in (parse_score, parse_season):
        try:
            parse(value)
        except RuleError:
            pass


# --------------------------------------------------------------------------- tie rules

GOALS = st.integers(0, 7)


@st.composite
def scores(draw) -> Score:
    return Score(draw(GOALS), draw(GOALS))


@st.composite
def last_leg(draw, home: str, away: str) -> Leg:
    score = draw(scores())
    aet = draw(st.one_of(st.none(), scores().map(lambda extra: Score(score.home + extra.home,
                                                                       score.away + extra.away))))
    pens = draw(st.one_of(st.none(), scores()))
    return Leg(home, away, score, aet, pens)


@st.composite
def two_legged(draw) -> dict[int, Leg]:
    return {1: Leg("A", "B", draw(scores())), 2: draw(last_leg("B", "A"))}


RULES = st.fixed_dictionaries({"away_goals": st.booleans(), "away_goals_in_extra_time": st.booleans()})


def goals(leg: Leg, team: str) -> int:
    return leg.goals(team)


def renamed(leg: Leg, names: dict[str, str]) -> Leg:
    return Leg(names[leg.home], names[leg.away], leg.score, leg.aet, leg.pens, leg.neutral)


@given(st.one_of(two_legged(), last_leg("A", "B").map(lambda leg: {1: leg})), RULES)
def test_a_settled_tie_keeps_the_invariants(legs, rules):
    needed = len(legs)
    try:
        result = settle_tie(legs, needed, **rules)
    except RuleError:
        return
    assert result.status == DECIDED and (result.team1, result.team2) == ("A", "B")
    total = Score(sum(goals(leg, "A") for leg in legs.values()), sum(goals(leg, "B") for leg in legs.values()))
    assert result.aggregate == total, "the aggregate is the sum of the legs, extra time included"
    winner_goals, loser_goals = (total.home, total.away) if result.winner == "A" else (total.away, total.home)
    if result.decided_by in (BY_AWAY_GOALS, BY_PENALTIES):
        assert winner_goals == loser_goals, "away goals and penalties only decide a level tie"
    else:
        assert winner_goals > loser_goals
    if result.decided_by == BY_PENALTIES:
        shoot_out = legs[needed].pens
        assert shoot_out and result.winner == (legs[needed].home if shoot_out.home > shoot_out.away
                                               else legs[needed].away)
    if not rules["away_goals"] or needed == 1:
        assert result.decided_by != BY_AWAY_GOALS


@given(two_legged(), RULES)
def test_swapping_the_names_mirrors_the_result(legs, rules):
    swap = {"A": "B", "B": "A"}
    try:
        result = settle_tie(legs, 2, **rules)
    except RuleError as exc:
        try:
            settle_tie({n: renamed(leg, swap) for n, leg in legs.items()}, 2, **rules)
        except RuleError as mirrored:
            assert mirrored.leg == exc.leg
            return
        raise AssertionError("a tie is invalid whatever its teams are called") from None
    mirrored = settle_tie({n: renamed(leg, swap) for n, leg in legs.items()}, 2, **rules)
    assert (mirrored.team1, mirrored.team2, mirrored.winner) == (swap[result.team1], swap[result.team2],
                                                                 swap[result.winner])
    assert (mirrored.aggregate, mirrored.decided_by) == (result.aggregate, result.decided_by)


@given(two_legged(), RULES, st.sampled_from([1, 2]))
def test_a_valid_tie_with_a_leg_removed_is_in_progress(legs, rules, removed):
    try:
        settle_tie(legs, 2, **rules)
    except RuleError:
        return
    rest = {n: leg for n, leg in legs.items() if n != removed}
    if removed == 1:  # the second leg alone: its extra time or shoot-out may still be checked later
        rest = {2: Leg(legs[2].home, legs[2].away, legs[2].score)}
    result = settle_tie(rest, 2, **rules)
    assert (result.status, result.aggregate, result.winner, result.team1) == (IN_PROGRESS, None, None, "A")


# --------------------------------------------------------------------------- open data

JSON_VALUES = st.recursive(st.none() | st.booleans() | st.integers() | st.text(),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                                         max_size=3),
                           max_leaves=12)


@QUICK
@given(st.lists(st.dictionaries(st.text(max_size=5), JSON_VALUES, max_size=4), max_size=4))
def test_a_json_list_joined_from_its_encoded_items_is_the_list_encoded_whole(items):
    """The open data files are joined from entries each encoded once (`output.JsonItem`)."""
    whole = json.dumps(items, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    assert _json_joined([JsonItem(item) for item in items]) == whole.encode("utf-8")


@given(st.text())
def test_a_text_equals_and_hashes_as_the_str_it_holds(text):
    body = Text(text)
    assert body == text and text in {body} and body in {text} and body == Text(text)
    assert str(body) == text
