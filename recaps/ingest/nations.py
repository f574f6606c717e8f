"""National teams: a country's name in the registry, at home anywhere in its country.

A national team is a team named as a country is (Italy, Bosnia and Herzegovina) that has no
`city:` in teams.yaml. Its home is its country: every city and ground of that country's clubs.
"""
from __future__ import annotations

import functools

from ..names import name_key
from ..registry import Registry
from .tables import derived

# Registry country codes (FIFA's) -> ISO territory codes, for country names in any language.
TERRITORIES = {
    "ALB": "AL", "ALG": "DZ", "AND": "AD", "ARG": "AR", "ARM": "AM", "AUS": "AU", "AUT": "AT", "AZE": "AZ",
    "BEL": "BE", "BIH": "BA", "BLR": "BY", "BOL": "BO", "BRA": "BR", "BUL": "BG", "CAN": "CA", "CHI": "CL",
    "CHN": "CN", "CIV": "CI", "CMR": "CM", "COL": "CO", "CRC": "CR", "CRO": "HR", "CYP": "CY", "CZE": "CZ",
    "DEN": "DK", "ECU": "EC", "EGY": "EG", "ENG": "GB", "ESP": "ES", "EST": "EE", "FIN": "FI", "FRA": "FR",
    "FRO": "FO", "GEO": "GE", "GER": "DE", "GHA": "GH", "GIB": "GI", "GRE": "GR", "HON": "HN", "HUN": "HU",
    "IRL": "IE", "IRN": "IR", "IRQ": "IQ", "ISL": "IS", "ISR": "IL", "ITA": "IT", "JAM": "JM", "JPN": "JP",
    "KAZ": "KZ", "KOR": "KR", "KSA": "SA", "KVX": "XK", "LIE": "LI", "LTU": "LT", "LUX": "LU", "LVA": "LV",
    "MAR": "MA", "MDA": "MD", "MEX": "MX", "MKD": "MK", "MLI": "ML", "MLT": "MT", "MNE": "ME", "MNG": "MN",
    "NED": "NL", "NGA": "NG", "NIR": "GB", "NOR": "NO", "NZL": "NZ", "PAN": "PA", "PAR": "PY", "PER": "PE",
    "PLE": "PS", "POL": "PL", "POR": "PT", "QAT": "QA", "ROU": "RO", "RSA": "ZA", "RUS": "RU", "SCO": "GB",
    "SEN": "SN", "SMR": "SM", "SRB": "RS", "SUI": "CH", "SVK": "SK", "SVN": "SI", "SWE": "SE", "TUN": "TN",
    "TUR": "TR", "UAE": "AE", "UKR": "UA", "URU": "UY", "USA": "US", "UZB": "UZ", "VEN": "VE", "WAL": "GB",
}
HOME_NATIONS = {"ENG": ("England", "Inghilterra"), "SCO": ("Scotland", "Scozia"), "WAL": ("Wales", "Galles"),
                "NIR": ("Northern Ireland", "Irlanda del Nord")}

# Common names of a country that CLDR gives in another form ("Palestinian Territories").
_NAMES_BABEL_LACKS = ("Palestine", "Palestina", "Holland", "Olanda", "Bosnia", "Ireland", "Republic of Ireland")


def is_national_team(team) -> bool:
    """A national team: named as a country is, and at home in no one city."""
    return not team.city and any(name_key(name) in country_keys() for name in (team.name, *team.aliases))


@functools.cache
def country_keys() -> frozenset[str]:
    """Country names in every language the detector knows, and the home nations', keyed."""
    from babel import Locale

    from .language import LANGUAGES

    names = [name for code in LANGUAGES for name in Locale(code).territories.values()]
    names += [name for pair in HOME_NATIONS.values() for name in pair] + list(_NAMES_BABEL_LACKS)
    return frozenset(name_key(spelling) for name in names for spelling in (name, name.replace("’", "'")))


def national_teams(registry: Registry) -> dict[str, str]:
    """Country code -> the slug of its national team, for the countries teams.yaml has one of."""
    return derived(registry, "national teams", lambda registry: {
        team.country: slug for slug, team in registry.teams.items() if team.country and is_national_team(team)})


def nation_of(registry: Registry, slugs) -> str | None:
    """The national team at home where these clubs are: their one country's, if it has one."""
    countries = {registry.teams[slug].country for slug in slugs}
    return national_teams(registry).get(countries.pop()) if len(countries) == 1 else None
