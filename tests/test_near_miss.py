"""A name one slip away from a registry name is taken for a misspelling of it; a name that
differs the way real, distinct names do is not (it is a club new to the registry)."""
from __future__ import annotations

import pytest

from recaps.names import is_typo, name_key, typo_of


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
