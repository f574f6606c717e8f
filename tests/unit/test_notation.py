"""Scores, verdicts and what each side needs, in English and Italian: tables of our own cases."""
import datetime as dt

import pytest

from recaps.model import Competition, Match, Stage, Team, Tie
from recaps.notation import decided_text, leg_name, score_text, second_leg_text, settled_text, table_scores
from recaps.rules import Season, parse_score, settle_tie

FEY, MIL = Team("Feyenoord", "feyenoord"), Team("Milan", "milan")
CUP = Competition("Cup", "cup", away_goals_until=Season(2020, 2021))
STAGE = Stage("Round of 16", "round-of-16", knockout=True, legs=2, names=(("it", "Ottavi di finale"),))


def match(home, away, score, leg=1, aet=None, pens=None, season=Season(2024, 2025), neutral=False):
    return Match(f"{home.slug}-{leg}", CUP, season, STAGE, home, away, parse_score(score), dt.date(2025, 2, 12),
                 aet=aet and parse_score(aet), pens=pens and parse_score(pens), leg=leg, neutral=neutral)


def tie(*legs, season=Season(2024, 2025)):
    played = {number: leg.as_leg for number, leg in enumerate(legs, 1) if leg}
    result = settle_tie(played, 2, away_goals=season <= Season(2020, 2021))
    padded = tuple(legs) + (None,) * (2 - len(legs))
    return Tie("t", CUP, season, STAGE, FEY, MIL, 2, padded, result)


@pytest.mark.parametrize("aet, pens, lang, expected", [
    (None, None, "en", "1–3"), ("2-2", None, "en", "2–2 (a.e.t.)"), ("2-2", None, "it", "2–2 (d.t.s.)"),
    ("1-1", "4-3", "en", "1–1 (a.e.t.) (4–3 pen.)"), ("1-1", "4-3", "it", "1–1 (d.t.s.) (4–3 d.c.r.)"),
])
def test_score_notation(aet, pens, lang, expected):
    assert score_text(match(FEY, MIL, "1-3" if not aet else "1-1", aet=aet, pens=pens), lang) == expected


@pytest.mark.parametrize("first, second, aet, pens, season, lang, verdict, mark", [
    ("2-0", "3-0", None, None, Season(2024, 2025), "en", "Milan go through on aggregate, 3–2", ""),
    ("2-0", "3-0", None, None, Season(2024, 2025), "it", "Il Milan passa il turno con il risultato complessivo di 3–2", ""),
    ("2-1", "1-0", None, None, Season(2018, 2019), "en", "Milan go through on away goals, 1–0, after a 2–2 aggregate",
     "away goals"),
    ("2-0", "2-0", "2-1", None, Season(2024, 2025), "en", "Feyenoord go through after extra time, 3–2 on aggregate",
     "a.e.t."),
    ("2-0", "2-0", "2-0", "4-5", Season(2024, 2025), "it",
     "Il Feyenoord passa il turno ai calci di rigore, 5–4, con il risultato complessivo in parità, 2–2", "5–4 d.c.r."),
])
def test_verdicts_give_the_figures_the_winners_first(first, second, aet, pens, season, lang, verdict, mark):
    settled = tie(match(FEY, MIL, first, season=season),
                  match(MIL, FEY, second, leg=2, aet=aet, pens=pens, season=season), season=season)
    assert decided_text(settled, lang) == verdict
    assert settled_text(settled, lang) == mark


@pytest.mark.parametrize("first, second, aet, pens, season, lang, verdict", [
    ("2-0", "3-0", None, None, Season(2024, 2025), "en", "Milan go through on aggregate"),
    ("2-0", "3-0", None, None, Season(2024, 2025), "it", "Il Milan passa il turno"),
    ("2-1", "1-0", None, None, Season(2018, 2019), "en", "Milan go through on away goals, 1–0"),
    ("2-1", "1-0", None, None, Season(2018, 2019), "it",
     "Il Milan passa il turno per la regola dei gol in trasferta, 1–0"),
    ("2-0", "2-0", "2-1", None, Season(2024, 2025), "en", "Feyenoord go through after extra time"),
    ("2-0", "2-0", "2-1", None, Season(2024, 2025), "it", "Il Feyenoord passa il turno dopo i tempi supplementari"),
    ("2-0", "2-0", "2-0", "4-5", Season(2024, 2025), "en", "Feyenoord go through on penalties, 5–4"),
    ("2-0", "2-0", "2-0", "4-5", Season(2024, 2025), "it", "Il Feyenoord passa il turno ai calci di rigore, 5–4"),
])
def test_a_scoreboard_verdict_leaves_the_aggregate_to_the_figures(first, second, aet, pens, season, lang, verdict):
    settled = tie(match(FEY, MIL, first, season=season),
                  match(MIL, FEY, second, leg=2, aet=aet, pens=pens, season=season), season=season)
    assert decided_text(settled, lang, figures=False) == verdict


@pytest.mark.parametrize("score, aet, pens, lang, verdict", [
    ("2-1", None, None, "en", "Feyenoord win"),
    ("2-1", None, None, "it", "Il Feyenoord vince"),
    ("2-2", "3-2", None, "en", "Feyenoord win after extra time"),
    ("2-2", "3-2", None, "it", "Il Feyenoord vince dopo i tempi supplementari"),
    ("1-1", "1-1", "3-4", "en", "Milan win on penalties, 4–3"),
    ("1-1", "1-1", "3-4", "it", "Il Milan vince ai calci di rigore, 4–3"),
])
def test_a_single_match_verdict_without_figures(score, aet, pens, lang, verdict):
    final = match(FEY, MIL, score, aet=aet, pens=pens)
    single = Tie("t", CUP, final.season, STAGE, FEY, MIL, 1, (final,),
                 settle_tie({1: final.as_leg}, 1, away_goals=False))
    assert decided_text(single, lang, figures=False) == verdict


def test_table_cells_in_italian():
    first, later = match(FEY, MIL, "2-0"), match(MIL, FEY, "2-0", leg=2, aet="2-1")
    assert table_scores(tie(first, later), "it") == {"aggregate": "3–2 (d.t.s.)", "legs": ["2–0", "1–2 (d.t.s.)"]}
    assert [leg_name(1, "it"), leg_name(2, "it"), leg_name(2, "en")] == ["Andata", "Ritorno", "2nd leg"]


@pytest.mark.parametrize("first, season, lang, sentences", [
    pytest.param("1-0", Season(2024, 2025), "en", [
        "Milan need to win by two goals at home; a one-goal win takes the tie to extra time.",
        "Feyenoord go through with a draw."], id="one-goal lead, no away goals"),
    pytest.param("1-0", Season(2024, 2025), "it", [
        "Il Milan deve vincere in casa con due gol di scarto; con una vittoria con un gol di scarto si va ai tempi "
        "supplementari.", "Il Feyenoord passa il turno con un pareggio."], id="the same in Italian"),
    pytest.param("0-0", Season(2024, 2025), "en", [
        "Milan need to win at home; a draw takes the tie to extra time.", "Feyenoord need to win."],
        id="level first leg: team 2, at home, first"),
    pytest.param("0-3", Season(2024, 2025), "en", [
        "Feyenoord need to win by four goals; a three-goal win takes the tie to extra time.",
        "Milan go through even if they lose by two goals."], id="big margin"),
    pytest.param("2-1", Season(2018, 2019), "en", [
        "Milan need to win by two goals at home; a 2–1 win takes the tie to extra time; "
        "a 1–0 win is enough for Milan on away goals.",
        "Feyenoord go through with a draw; a 3–2 defeat, or a higher-scoring one, is enough for Feyenoord on away goals.",
        "Away goals scored in extra time count too."], id="away goals: a 1-0 win is enough"),
    pytest.param("3-3", Season(2018, 2019), "en", [
        "Milan need to win at home; a 3–3 draw takes the tie to extra time; "
        "a 0–0 draw, or anything up to 2–2, is enough for Milan on away goals.",
        "Feyenoord need to win; a 4–4 draw, or a higher-scoring one, is enough for Feyenoord on away goals.",
        "Away goals scored in extra time count too."], id="away goals: any draw up to 2-2"),
    pytest.param("2-1", Season(2018, 2019), "it", [
        "Il Milan deve vincere in casa con due gol di scarto; con una vittoria per 2–1 si va ai tempi supplementari; "
        "per la regola dei gol in trasferta il Milan passa il turno anche con una vittoria per 1–0.",
        "Il Feyenoord passa il turno con un pareggio; per la regola dei gol in trasferta il Feyenoord passa il turno "
        "anche con una sconfitta per 3–2, o con lo stesso scarto e più gol.",
        "Anche nei tempi supplementari valgono i gol in trasferta."], id="away goals in Italian"),
])
def test_what_each_side_needs(first, season, lang, sentences):
    assert second_leg_text(tie(match(FEY, MIL, first, season=season), season=season), lang) == sentences


def test_on_neutral_ground_nobody_is_at_home_and_a_card_leaves_away_goals_out():
    neutral = tie(match(FEY, MIL, "2-1", season=Season(2018, 2019), neutral=True), season=Season(2018, 2019))
    assert second_leg_text(neutral, "en", brief=True) == [
        "Milan need to win by two goals; a 2–1 win takes the tie to extra time.", "Feyenoord go through with a draw."]


def test_nothing_to_say_once_both_legs_are_in():
    assert second_leg_text(tie(match(FEY, MIL, "1-0"), match(MIL, FEY, "2-0", leg=2)), "en") == []
