"""A name one slip away from a registry name is taken for a misspelling of it; a name that
differs the way real, distinct names do is not (it is a club new to the registry)."""
from __future__ import annotations

import pytest

from recaps.articles import parse_article
from recaps.assemble import assemble
from recaps.errors import Problems
from recaps.names import is_typo, name_key, typo_of
from recaps.registry import Registry, load_competitions, load_teams
from recaps.yamlfile import load


@pytest.mark.parametrize("written, known", [
    ("Atletico Madird", "Atlético Madrid"),      # two letters swapped
    ("Tottenham Hotpsur", "Tottenham Hotspur"),
    ("Barcelna", "Barcelona"),                   # a letter missing
    ("Barcellona", "Barcelona"),                 # a letter extra
    ("Feyenord", "Feyenoord"),
    ("Borussia Dortmnud", "Borussia Dortmund"),
    ("Manchester Untied", "Manchester United"),
    ("Paris Saint-Germian", "Paris Saint-Germain"),
    ("Manchestr Citty", "Manchester City"),      # two slips in a long name
    ("Rmoa", "Roma"),                            # swapped letters in a short name
    ("Bayerm Munich", "Bayern Munich"),          # a neighbouring key
    ("Arsenel", "Arsenal"),                      # a vowel for a vowel
    ("Champions Leage", "Champions League"),
])
def test_a_slip_is_a_typo(written, known):
    assert is_typo(name_key(written), name_key(known))


@pytest.mark.parametrize("written, known", [
    ("Inter Turku", "Inter"),                    # a word more: another club
    ("Inter", "Inter Turku"),
    ("Sporting Gijón", "Sporting CP"),
    ("Real Sociedad", "Real Betis"),
    ("Real Madrid B", "Real Madrid"),            # a reserve side
    ("Jong PSV", "PSV"),
    ("Serie B", "Serie A"),                      # a mark, not a spelling
    ("Liga 2", "Liga 1"),
    ("Vitória FC", "Vitória SC"),
    ("2. Bundesliga", "Bundesliga"),
    ("PSG", "PSV"),                              # three letters: any change is another name
    ("HSV", "PSV"),
    ("Genk", "Gent"),                            # short names a letter apart
    ("Bodø", "Boro"),
    ("Lille", "Villa"),
    ("Celje", "Celta"),
    ("Svezia", "Spezia"),                        # a letter for one far from it on the keyboard
    ("Randers", "Rangers"),
    ("Internacional", "Internazionale"),
    ("Angers", "Rangers"),                       # a first letter more
    ("Milan", "Milan"),                          # the name itself
])
def test_a_distinct_name_is_no_typo(written, known):
    assert not is_typo(name_key(written), name_key(known))


REGISTRY = {name_key(name): name for name in (
    "Atlético Madrid", "Inter", "Inter Turku", "Internacional", "Sporting CP", "Real Betis", "Real Sociedad",
    "Real Madrid", "Rangers", "Randers", "PSV Eindhoven", "Gent", "Genk")}


@pytest.mark.parametrize("written, intended", [
    ("Atletico Madird", "Atlético Madrid"),
    ("Real Sociedda", "Real Sociedad"),
    ("Sporting Gijón", None),        # new to the registry: built with a warning
    ("Inter Milan", None),
    ("Real Madrid Castilla", None),
    ("Rnagers", "Rangers"),
    ("Randres", "Randers"),
    ("Rander", "Randers"),
    ("Randgers", None),              # one slip from Rangers and Randers alike: no one name meant
])
def test_typo_of_names_the_one_name_meant(written, intended):
    assert typo_of(written, REGISTRY) == intended


TEAMS_YAML = """
- name: Atlético Madrid
  aliases: [Atletico Madrid]
- name: Barcelona
- name: Inter
"""
COMPETITIONS_YAML = """
- name: UEFA Champions League
  stages:
    - {name: League phase}
"""


def assembled(*matches: str, teams: str = "", competition: str = "UEFA Champions League",
              stage: str = "League phase") -> list[str]:
    """The problems of one recap of `matches` ("Home v Away") assembled with the registries above."""
    problems = Problems()
    registry = Registry()
    load_teams(load(TEAMS_YAML), "content/teams.yaml", problems, registry)
    load_competitions(load(COMPETITIONS_YAML), "content/competitions.yaml", problems, registry)
    rows = ["---", "title: T", "date: 2025-01-22", f"competition: {competition}", "season: 2024-25",
            f"teams: [{teams}]" if teams else "tags: []", "matches:"]
    for match in matches:
        home, away = match.split(" v ")
        rows += [f"  - home: {home}", f"    away: {away}", "    score: 1-0", "    date: 2025-01-21"]
        rows += [f"    stage: {stage}"] if stage else []
    spec = parse_article("content/articles/a.md", "a", "\n".join(rows + ["---", "Body."]).encode(), problems, "en")
    assemble([spec], registry, problems)
    return [problem.format() for problem in problems.sorted()]


def misspelt(line: int, written: str, intended: str) -> str:
    return (f'content/articles/a.md:{line}: unknown team {written!r}: did you mean "{intended}"? A name this close '
            f"to one in teams.yaml is taken for a misspelling of it, and nothing is published for it: correct it, "
            f"or, if {written!r} is another club, add it to teams.yaml")


@pytest.mark.parametrize("matches, teams, expected", [
    pytest.param(("Atletico Madird v Barcelona",), "", [misspelt(8, "Atletico Madird", "Atlético Madrid")],
                 id="home"),
    pytest.param(("Atletico Madird v Barcelona", "Barcelona v Atletico Madird"), "",
                 [misspelt(8, "Atletico Madird", "Atlético Madrid")], id="the-same-typo-twice-once-a-file"),
    pytest.param(("Inter v Barcelona",), "Atletico Madird", [misspelt(6, "Atletico Madird", "Atlético Madrid")],
                 id="only-mentioned"),
    pytest.param(("Inter Turku v Barcelona",), "",
                 ['content/articles/a.md:8: warning: unknown team \'Inter Turku\': did you mean "Inter"? If not, '
                  "add it to teams.yaml (name or aliases)"], id="a-new-club-with-a-hint"),
    pytest.param(("Celje v Barcelona",), "",
                 ["content/articles/a.md:8: warning: unknown team 'Celje': add it to teams.yaml (name or aliases)"],
                 id="a-new-club"),
])
def test_a_misspelling_is_an_error_wherever_it_is(matches, teams, expected):
    assert assembled(*matches, teams=teams) == expected


@pytest.mark.parametrize("competition, expected", [
    ("UEFA Champions Laegue", ['content/articles/a.md:8: unknown competition \'UEFA Champions Laegue\': did you mean '
                               '"UEFA Champions League"? A name this close to one in competitions.yaml is taken for a '
                               "misspelling of it, and nothing is published for it: correct it, or, if 'UEFA Champions "
                               "Laegue' is another competition, add it to competitions.yaml"]),
    ("UEFA Youth League", ["content/articles/a.md:8: warning: unknown competition 'UEFA Youth League': add it to "
                           "competitions.yaml"]),
])
def test_a_misspelt_competition_is_an_error_a_new_one_a_warning(competition, expected):
    problems = assembled("Inter v Barcelona", competition=competition, stage="")
    assert [problem for problem in problems if "competition" in problem] == expected
