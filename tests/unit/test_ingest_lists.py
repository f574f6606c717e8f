"""Results lists and score sheets, English and Italian: home side first, and what brackets,
extra time and shoot-out marks say. The lines are our own."""
import pytest
from tests.unit.test_ingest import TODAY, registry  # noqa: F401 (a fixture)

from recaps.ingest.draft import ingest_text

LINES = [
    # (language, list text, matches written as (home, away, score, aet, pens))
    ("it", "Risultati della giornata:\nTorino-Lecce 2-0\nUdinese-Empoli 1-1\n",
     [("Torino", "Lecce", "2-0", None, None), ("Udinese", "Empoli", "1-1", None, None)]),
    ("en", "Last night's results (home side first):\nEverton 0-3 Arsenal\nFulham v Chelsea 2-2\n",
     [("Everton", "Arsenal", "0-3", None, None), ("Fulham", "Chelsea", "2-2", None, None)]),
    # a bracket alone (first leg, half-time) leaves the score as it is
    ("it", "Ritorno degli ottavi:\nBologna-Genoa 1-0 (0-0)\nLazio-Parma 3-1 (1-1)\n",
     [("Bologna", "Genoa", "1-0", None, None), ("Lazio", "Parma", "3-1", None, None)]),
    # d.t.s.: the line's score is after extra time, the level bracket the one after 90 minutes
    ("it", "Coppa, i risultati:\nTorino-Monza 3-2 d.t.s. (2-2)\nCagliari-Lecce 1-0 dts (0-0)\n",
     [("Torino", "Monza", "2-2", "3-2", None), ("Cagliari", "Lecce", "0-0", "1-0", None)]),
    # extra time and a shoot-out written in the bracket
    ("en", "Cup results:\nEverton 1-1 Fulham (aet 2-2, pens 4-5)\nBrentford 0-0 Burnley (Burnley won 4-3 on pens)\n",
     [("Everton", "Fulham", "1-1", "2-2", "4-5"), ("Brentford", "Burnley", "0-0", None, "3-4")]),
    ("it", "Coppa Italia:\nNapoli-Genoa 1-1 (4-2 d.c.r.)\n",
     [("Napoli", "Genoa", "1-1", None, "4-2")]),
    # the shoot-out as the line's score, the match's score in the bracket
    ("it", "Coppa Italia, ottavi:\nLazio-Genoa 4-5 dcr (1-1)\n", [("Lazio", "Genoa", "1-1", None, "4-5")]),
    # a label before the line, a colon before the score
    ("en", "Round-up:\nFT: Arsenal 2-1 Chelsea\nAston Villa vs Everton: 3-0\n",
     [("Arsenal", "Chelsea", "2-1", None, None), ("Aston Villa", "Everton", "3-0", None, None)]),
    # a score beside each club, the comma spaced as a scores page writes it; after extra time alone, not taken
    ("en", "Full time\nEverton 2 , Fulham 3 After extra time\nChelsea 1 , Arsenal 1\n",
     [("Chelsea", "Arsenal", "1-1", None, None)]),
    # return fixtures with the first leg's score in brackets, in the fixture's order
    ("it", "Stasera in campo:\nTorino-Lecce (andata 0-2)\n", [("Lecce", "Torino", "2-0", None, None)]),
    ("en", "Second legs tonight:\nEverton v Fulham (1-1)\nChelsea v Arsenal (0-3)\n",
     [("Fulham", "Everton", "1-1", None, None), ("Arsenal", "Chelsea", "3-0", None, None)]),
    # a score sheet: quotes and the country after each club
    ("en", "Semi-finals, first legs\n\"Porto\" (Portugal) - \"Celtic\" (Scotland) 2:1\n",
     [("Porto", "Celtic", "2-1", None, None)]),
    # the score after 90 minutes in a bracket that says the line's score is after extra time
    ("en", "Cup results:\nEverton 3-1 Fulham (aet, 1-1 after 90 minutes)\n", [("Everton", "Fulham", "1-1", "3-1", None)]),
    # a score beside each club, several in one line of prose
    ("en", "Results: Everton 2 Fulham 0; Brentford 1 Wolves 1.",
     [("Everton", "Fulham", "2-0", None, None), ("Brentford", "Wolverhampton Wanderers", "1-1", None, None)]),
    # national teams, named as teams.yaml names them, English or Italian
    ("it", "Qualificazioni:\nItalia-Grecia 2-0\nGermania - Paesi Bassi 1-1\n",
     [("Italy", "Greece", "2-0", None, None), ("Germany", "Netherlands", "1-1", None, None)]),
    # youth sides keep their mark
    ("it", "Campionato Primavera, i risultati:\nLecce U19-Torino U19 0-1\nGenoa Under-19 - Empoli Under-19 2-2\n",
     [("Lecce U19", "Torino U19", "0-1", None, None), ("Genoa U19", "Empoli U19", "2-2", None, None)]),
]


def written(draft) -> list[tuple]:
    return [(m["home"], m["away"], m["score"], m.get("aet"), m.get("pens")) for m in draft.front.get("matches", [])]


@pytest.mark.parametrize("lang, text, matches", LINES)
def test_list_lines_are_read_home_first(lang, text, matches, registry):
    assert written(ingest_text(text, registry, [], today=TODAY)) == matches


UNKNOWN_CLUBS = [
    # (list text, matches written, why a line is not written)
    ("Serie D, i risultati:\nBorgo Alto-Valle Nuova 1-0 (0-0)\nSampdoria-Lecce 1-3\n",
     [("Borgo Alto", "Valle Nuova", "1-0", None, None), ("Sampdoria", "Lecce", "1-3", None, None)], ""),
    ("Non-league results:\nKingsmead Rovers 2-2 Ashford Vale\n", [("Kingsmead Rovers", "Ashford Vale", "2-2", None, None)], ""),
    # a country teams.yaml holds no national team of
    ("Qualificazioni:\nTonga-Samoa 1-0\n", [], "a country"),
    # a short or misspelt form of a registry club is not a new club
    ("Results:\nHotspur - Fulham 2-1\n", [], "may be Tottenham Hotspur"),
    ("Results:\nEvertton 2-1 Fulham\n", [], "misspelling of Everton"),
    ("Results:\nEastfield Utd 2-1 Fulham\n", [], "shortened"),
]


@pytest.mark.parametrize("text, matches, why", UNKNOWN_CLUBS)
def test_clubs_the_registry_lacks_are_written_as_the_list_writes_them(text, matches, why, registry):
    draft = ingest_text(text, registry, [], today=TODAY)
    assert written(draft) == matches
    if why:
        assert any(why in item.why for item in draft.review)
    else:
        assert any("is not in teams.yaml" in item.why for item in draft.review)


NOT_A_LIST_LINE = [
    "Stasera in campo:\nTorino-Lecce 20:45\nGenoa-Parma 15:00\n",
    "Kick-off times:\nEverton v Fulham 17:30\n",
    "Il calendario:\nTorino-Lecce 12-03\n",
]


@pytest.mark.parametrize("text", NOT_A_LIST_LINE)
def test_a_kick_off_time_is_no_score(text, registry):
    assert written(ingest_text(text, registry, [], today=TODAY)) == []


NOT_TAKEN = [
    # (list text, why, in the review)
    ("Coppa, i risultati:\nTorino-Monza 7-6 d.c.r.\n", "marked as a shoot-out"),
    ("Cup results:\nEverton 3-2 Fulham aet (1-0)\n", "after 90 minutes"),
    ("Half-time scores in brackets:\nEverton 3-2 Fulham aet (1-1)\n", "after 90 minutes"),
    ("If the favourites win, the scores:\nEverton 3-2 Fulham\n", "may not be results"),
    # a bracket that says extra time or a shoot-out without its own score speaks of the line's score
    ("Cup results:\nEverton 3-2 Fulham (after extra time)\n", "after 90 minutes"),
    ("Cup results:\nEverton 1-1 Fulham (pens)\n", "marked as a shoot-out"),
]


@pytest.mark.parametrize("text, why", NOT_TAKEN)
def test_a_list_line_that_does_not_fit_goes_to_review(text, why, registry):
    draft = ingest_text(text, registry, [], today=TODAY)
    assert "matches" not in draft.front
    assert any(why in item.why for item in draft.review)



def test_a_youth_list_does_not_list_the_senior_clubs_as_mentioned(registry):
    text = "Campionato Primavera, i risultati:\nLecce U19-Torino U19 0-1\nIl Torino vola in classifica.\n"
    draft = ingest_text(text, registry, [], today=TODAY)
    assert written(draft) == [("Lecce U19", "Torino U19", "0-1", None, None)]
    assert "teams" not in draft.front


def test_a_womens_report_lists_no_senior_clubs(registry):
    text = "Juventus Women beat Roma Women 2-1 at home.\nThe Roma players were disappointed.\n"
    draft = ingest_text(text, registry, [], today=TODAY)
    assert written(draft) == [("Juventus Women", "Roma Women", "2-1", None, None)]
    assert "teams" not in draft.front


@pytest.mark.parametrize("text", [
    "Serie A femminile, i risultati:\nJuventus-Roma 2-1\n",
    "La Juventus batte la Roma 2-1 in casa: le bianconere restano prime.\n",  # players told in the feminine
    "Women's Super League results:\nArsenal 2-1 Chelsea\n",
])
def test_a_womens_list_writes_the_clubs_women_teams(text, registry):
    home, away, score, _, _ = written(ingest_text(text, registry, [], today=TODAY))[0]
    assert (home.endswith(" Women"), away.endswith(" Women"), score) == (True, True, "2-1")


def test_a_clubs_country_in_brackets_is_no_misspelt_club(registry):
    draft = ingest_text("Results:\nLazio (Italy) - Benfica (Portugal) 2-1\n", registry, [], today=TODAY)
    assert written(draft) == [("Lazio", "Benfica", "2-1", None, None)]
    assert not any("misspelling" in item.why for item in draft.review)


def test_a_clubs_nickname_in_the_masculine_tells_of_no_womens_side(registry):
    draft = ingest_text("La Juventus batte la Roma 2-1 in casa: i bianconeri restano primi.\n", registry, [],
                        today=TODAY)
    assert written(draft) == [("Juventus", "Roma", "2-1", None, None)]


def test_a_womens_competition_named_after_the_result_makes_no_womens_match(registry):
    text = "Arsenal beat Chelsea 2-1 at the Emirates Stadium, a week after a Women's Super League game there.\n"
    draft = ingest_text(text, registry, [], today=TODAY)
    assert not any(name.endswith(" Women") for match in written(draft) for name in match[:2])
