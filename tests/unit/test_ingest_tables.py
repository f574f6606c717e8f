"""Grounds and cities come from the registry's data, and the tables ingest derives from a
registry follow its content, not the object."""
from dataclasses import replace

from tests.unit.test_ingest import registry  # noqa: F401 (a fixture)

from recaps.ingest.grounds import find_grounds
from recaps.ingest.teams import places


def with_team(registry, name: str, **fields):
    team = registry.team(name)
    return replace(registry, teams={**registry.teams, team.slug: replace(team, **fields)})


def test_a_ground_added_to_the_registry_is_found_without_code(registry):
    text = "They won at the Quarry Meadow Arena."
    assert find_grounds(text, registry) == []
    edited = with_team(registry, "Empoli", grounds=("Quarry Meadow Arena",))
    (ground,) = find_grounds(text, edited)
    assert ground.text == "Quarry Meadow Arena" and ground.slugs == {registry.team("Empoli").slug}
    assert find_grounds(text, registry) == []  # the first registry keeps its own table


def test_a_city_two_clubs_share_names_both(registry):
    milan, inter = registry.team("Milan").slug, registry.team("Inter").slug
    edited = with_team(with_team(registry, "Milan", city="Lakeside"), "Inter", city="Lakeside")
    assert places(edited)["lakeside"] == {milan, inter, registry.team("Italy").slug}  # and their country's team


def test_a_city_is_a_place_in_every_language_teams_yaml_names_it(registry):
    edited = with_team(registry, "Empoli", city="Lakeside", city_names=(("it", "Lagoriva"),))
    assert registry.team("Empoli").slug in places(edited)["lagoriva"]


def test_a_city_that_is_also_a_club_name_is_no_place(registry):
    edited = with_team(registry, "Empoli", city="Valencia")
    assert "valencia" not in places(edited) or registry.team("Empoli").slug not in places(edited)["valencia"]
