"""The team registry as data: its `city` and `grounds` fields, and content/teams.yaml itself."""
from __future__ import annotations

from pathlib import Path

import pytest

from recaps.errors import Problems
from recaps.sources import parse_registries

from test_parsing import TEAMS_PATH, lines, teams_registry

TEAMS_YAML = Path(__file__).resolve().parent.parent / "content" / "teams.yaml"


def test_a_club_keeps_its_city_and_grounds():
    registry, problems = teams_registry(lines(
        "- name: Milan",
        "  city: Milan",
        "  grounds: [San Siro, Giuseppe Meazza, San Siro]",
        "- name: Inter",
        "  grounds: San Siro",
        "- name: Bodø/Glimt"))
    assert problems == []
    milan, inter, bodo = registry.teams.values()
    assert (milan.city, milan.grounds) == ("Milan", ("San Siro", "Giuseppe Meazza"))
    assert (inter.city, inter.grounds) == (None, ("San Siro",))  # a ground two clubs share is fine
    assert (bodo.city, bodo.grounds) == (None, ())


@pytest.mark.parametrize("text, expected", [
    pytest.param(lines("- name: Milan", "  city: [Milan, Milano]"),
                 ["2: `city` must be text; got a list"], id="city-list"),
    pytest.param(lines("- name: Milan", "  city: {en: Milan}"),
                 ["2: `city` must be text; got a mapping"], id="city-mapping"),
    pytest.param(lines("- name: Milan", "  city: true"),
                 ["2: `city` must be text; got the boolean true"], id="city-boolean"),
    pytest.param(lines("- name: Milan", "  grounds: {it: San Siro}"),
                 ["2: `grounds` must be a list of names; got a mapping"], id="grounds-mapping"),
    pytest.param(lines("- name: Milan", "  grounds:", "    - San Siro", "    - [Meazza]", "    -"),
                 ["4: `grounds` item 2 must be text; got a list", "5: `grounds` item 3 must be text; got nothing"],
                 id="ground-not-text"),
    pytest.param(lines("- name: Milan", "  grounds: [San Siro, '...']"),
                 ["2: ground '...' has no letters or digits"], id="ground-without-letters"),
    pytest.param(lines("- name: Milan", "  grounds: []", "  city: ''"), [], id="empty-is-none"),
])
def test_city_and_grounds_problems(text, expected):
    _, problems = teams_registry(text)
    assert problems == [f"{TEAMS_PATH}:{item}" for item in expected]


def test_a_bad_ground_leaves_the_good_ones():
    registry, _ = teams_registry(lines("- name: Milan", "  grounds: [San Siro, 7.5, [x], Meazza]"))
    assert registry.team("Milan").grounds == ("San Siro", "7.5", "Meazza")


# --------------------------------------------------------------------------- content/teams.yaml


@pytest.fixture(scope="module")
def registry():
    problems = Problems()
    loaded = parse_registries([("teams.yaml", TEAMS_PATH, TEAMS_YAML.read_bytes())], problems)
    assert [problem.format() for problem in problems.items] == []
    return loaded


@pytest.mark.parametrize("club, city, ground", [
    ("Inter", "Milan", "San Siro"), ("Milan", "Milan", "San Siro"), ("Napoli", "Naples", "Maradona"),
    ("Liverpool", "Liverpool", "Anfield"), ("Bayern München", "Munich", "Allianz Arena"),
    ("Club Brugge", "Bruges", "Jan Breydel"), ("Bodø/Glimt", "Bodø", "Aspmyra"),
])
def test_well_known_clubs_have_their_city_and_ground(registry, club, city, ground):
    team = registry.team(club)
    assert (team.city, ground in team.grounds) == (city, True)
