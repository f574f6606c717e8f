"""The team registry as data: its `city` and `grounds` fields, and content/teams.yaml itself."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from recaps.errors import Problems
from recaps.ingest.nations import is_national_team
from recaps.names import name_key
from recaps.sources import parse_registries

from tests.unit.test_parsing import TEAMS_PATH, lines, teams_registry
from tests.sites.test_writers import build, match, project, recap

UEFA = {"ALB", "AND", "ARM", "AUT", "AZE", "BLR", "BEL", "BIH", "BUL", "CRO", "CYP", "CZE", "DEN", "ENG", "EST",
        "FRO", "FIN", "FRA", "GEO", "GER", "GIB", "GRE", "HUN", "ISL", "ISR", "ITA", "KAZ", "KVX", "LVA", "LIE",
        "LTU", "LUX", "MLT", "MDA", "MNE", "NED", "MKD", "NIR", "NOR", "POL", "POR", "IRL", "ROU", "RUS", "SMR",
        "SCO", "SRB", "SVK", "SVN", "ESP", "SWE", "SUI", "TUR", "UKR", "WAL"}
TEAMS_YAML = Path(__file__).resolve().parents[2] / "content" / "teams.yaml"


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
    pytest.param(lines("- name: Milan", "  city: {it: Milano}"),
                 ["2: `city` written by language needs its English name too, like `{en: Turin, it: Torino}`"],
                 id="city-without-english"),
    pytest.param(lines("- name: Milan", "  city: {en: Milan, 7: Milano}"),
                 ["2: `city` is keyed by language codes like it or en; got 7"], id="city-language-code"),
    pytest.param(lines("- name: Milan", "  city: {en: [Milan]}"),
                 ["2: `en` must be text; got a list"], id="city-name-not-text"),
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


def test_a_city_named_by_language_keeps_its_english_name_and_the_others():
    registry, problems = teams_registry(lines(
        "- name: Juventus", "  city: {en: Turin, it: Torino}", "- name: Atalanta", "  city: {en: Bergamo}"))
    assert problems == []
    juventus, atalanta = registry.teams.values()
    assert (juventus.city, juventus.city_names) == ("Turin", (("it", "Torino"),))
    assert (atalanta.city, atalanta.city_names) == ("Bergamo", ())


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


def test_every_name_of_a_club_is_its_own(registry):
    """Each name key of every club (name, slug, aliases, as loaded) belongs to that club only."""
    owners: dict[str, set[str]] = {}
    for team in registry.teams.values():
        for name in (team.name, team.slug, *team.aliases):
            owners.setdefault(name_key(name), set()).add(team.slug)
    assert {key: slugs for key, slugs in owners.items() if len(slugs) > 1} == {}


@pytest.mark.parametrize("name, club", [
    ("Bayern Monaco", "Bayern München"), ("Bayern Munich", "Bayern München"), ("Siviglia", "Sevilla"),
    ("Seville", "Sevilla"), ("Barcellona", "Barcelona"), ("Inter Milan", "Inter"), ("Internazionale", "Inter"),
    ("Man Utd", "Manchester United"), ("Spurs", "Tottenham Hotspur"), ("Lipsia", "RB Leipzig"),
    ("Stella Rossa", "Crvena zvezda"), ("Red Star Belgrade", "Crvena zvezda"), ("Dinamo Mosca", "Dynamo Moscow"),
    ("Zurigo", "Zürich"), ("FC Zurich", "Zürich"), ("Anversa", "Royal Antwerp"), ("Cadice", "Cádiz"),
    ("Digione", "Dijon"), ("Wisła Cracovia", "Wisła Kraków"), ("Wisla Krakow", "Wisła Kraków"),
    ("Olimpija Lubiana", "Olimpija Ljubljana"), ("Servette Ginevra", "Servette"), ("Sporting Lisbona", "Sporting CP"),
    ("Glasgow Rangers", "Rangers"), ("Bodo/Glimt", "Bodø/Glimt"), ("PSG", "Paris Saint-Germain"),
    ("Marsiglia", "Marseille"), ("Hannover", "Hannover 96"), ("West Brom", "West Bromwich Albion"),
    ("Östersunds FK", "Östersund"), ("Hapoel Beer Sheva", "Hapoel Be'er Sheva"), ("Ajax Amsterdam", "Ajax"),
    ("Lazio Roma", "Lazio"), ("PAOK Saloniki", "PAOK"), ("Stoke", "Stoke City"), ("Swansea", "Swansea City"),
    ("Benevento", "Benevento"), ("Dnipro-1", "Dnipro-1"), ("Dnipro", "Dnipro"), ("QPR", "Queens Park Rangers"),
    ("Sheff Wed", "Sheffield Wednesday"), ("Delfino Pescara", "Pescara"), ("FC Südtirol", "Südtirol"),
    # names that would also fit another club, or a word of running text, left out on purpose
    ("Cluj", None), ("Metalist", None), ("Wolfsberg", None), ("Dnepr", None), ("Astra", None), ("Derby", None),
    ("Birmingham", None), ("Celje", None),
    ("Athletic", "Athletic Club"), ("MK Dons", "Milton Keynes Dons"), ("Port Vale", "Port Vale"), ("SPAL", "SPAL"),
    ("Wigan", "Wigan Athletic"), ("Peterborough", "Peterborough United"), ("Hearts", "Heart of Midlothian"),
    ("FC Utrecht", "Utrecht"), ("Lecco", "Lecco"), ("Lecce", "Lecce"), ("Norimberga", "Nürnberg"),
    ("Hajduk Spalato", "Hajduk Split"), ("Al-Nassr", "Al Nassr"), ("Nazionale italiana", "Italy"),
])
def test_well_known_clubs_resolve_by_their_english_and_italian_names(registry, name, club):
    found = registry.team(name)
    assert (found.name if found else None) == club


def test_every_club_has_a_country_and_a_city(registry):
    """National teams excepted: named as their country is, they are at home anywhere in it."""
    clubs = [team for team in registry.teams.values() if not is_national_team(team)]
    assert [team.name for team in clubs if not team.country or not team.city] == []
    assert len(clubs) > 350


@pytest.mark.parametrize("name, team", [
    ("Italia", "Italy"), ("Inghilterra", "England"), ("Germania", "Germany"), ("Spagna", "Spain"),
    ("Olanda", "Netherlands"), ("Paesi Bassi", "Netherlands"), ("Holland", "Netherlands"),
    ("Bosnia ed Erzegovina", "Bosnia and Herzegovina"), ("Galles", "Wales"), ("Irlanda del Nord", "Northern Ireland"),
    ("Repubblica Ceca", "Czech Republic"), ("Stati Uniti", "United States"), ("Arabia Saudita", "Saudi Arabia"),
])
def test_national_teams_answer_to_their_english_and_italian_names(registry, name, team):
    found = registry.team(name)
    assert (found.name, is_national_team(found)) == (team, True)


def test_every_uefa_member_has_its_national_team(registry):
    assert len([team for team in registry.teams.values() if is_national_team(team) and team.country in UEFA]) == 55


def test_a_club_named_like_a_country_is_no_national_team(registry):
    assert is_national_team(registry.team("Monaco")) is False  # a club, with a city


@pytest.mark.parametrize("club, city", [
    ("Juventus", "Torino"), ("Genoa", "Genova"), ("Napoli", "Napoli"), ("Bayern München", "Monaco di Baviera"),
    ("Arsenal", "Londra"), ("Sevilla", "Siviglia"), ("Fiorentina", "Firenze"), ("Milan", "Milano"),
])
def test_cities_have_their_italian_names(registry, club, city):
    assert dict(registry.team(club).city_names)["it"] == city


def test_every_italian_club_has_its_article(registry):
    """Italian clubs are named by tradition, not by the rule the build guesses with (header of teams.yaml)."""
    assert [team.name for team in registry.teams.values()
            if team.country == "ITA" and "it" not in dict(team.definite_articles)] == []


def test_a_club_only_in_the_registry_gets_no_page(tmp_path, capsys, monkeypatch):
    root = project(tmp_path, {"a.md": recap("2019-05-01", *match("Omonia", "Lugano", "2-1", "2019-04-30"))})
    code, _ = build(root, capsys, monkeypatch)
    site = root / "site"
    assert code == 0
    assert sorted(path.name for path in (site / "teams").iterdir() if path.is_dir()) == ["lugano", "omonia"]
    assert sorted(team["slug"] for team in json.loads((site / "data" / "teams.json").read_text())) == \
        ["lugano", "omonia"]
    assert sorted(set(re.findall(r"/teams/([^/<]+)/", (site / "sitemap.xml").read_text()))) == ["lugano", "omonia"]
