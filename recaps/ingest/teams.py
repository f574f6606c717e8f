"""Teams and competitions named in a recap, through the registries.

Names and aliases count when written as names (a capital, or several words):
"inter" in "inter alia" is not Inter. Nicknames count in any case ("i
nerazzurri"); one that several clubs share is resolved by the clubs the article
names, or flagged. A capitalised word close to a club's name ("Atalana") is
matched with rapidfuzz and flagged, never used for a result.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..names import name_key
from ..registry import COMPETITION, NICKNAME, TEAM, Registry
from . import cues
from .grounds import Ground, find_grounds
from .layout import DATELINE_CITY
from .nations import HOME_NATIONS, TERRITORIES, is_national_team, national_teams
from .tables import derived

FUZZY_CUTOFF = 88
FUZZY_MIN_LENGTH = 5
_CAPITALISED = re.compile(r"\b[A-ZÀ-ÖØ-Þ][\w'’-]{3,}(?:\s+[A-ZÀ-ÖØ-Þ][\w'’-]+)?")
_PART_OF_TOWN = r"(?:(?:north|south|east|west|central)(?:[- ](?:east|west))?\s+)?"  # "in north London"
_AT_PLACE = re.compile(rf"\b(?:in|at|a|ad)\s+{_PART_OF_TOWN}$", re.IGNORECASE)
_FROM_PLACE = re.compile(rf"\b(?:in|at|a|ad|from|espugna(?:to|no)?|sbanca(?:to|no)?)\s+{_PART_OF_TOWN}$", re.IGNORECASE)



@dataclass(frozen=True)
class TeamMention:
    start: int
    end: int
    text: str
    slug: str
    how: str  # "name" (a name or alias) or "nickname"


@dataclass
class Names:
    """What the registry recognises in one text."""

    teams: list[TeamMention] = field(default_factory=list)  # in text order; used for results
    competitions: list[tuple[int, str]] = field(default_factory=list)  # (offset, slug)
    named: list[str] = field(default_factory=list)  # team slugs in order of first mention
    review: list[tuple[int, str, str]] = field(default_factory=list)  # (offset, field, why)
    fuzzy: list[str] = field(default_factory=list)  # team slugs matched only by a misspelling
    grounds: list[Ground] = field(default_factory=list)  # home grounds named as places
    countries: list[tuple[int, int]] = field(default_factory=list)  # a country named as a place or label, no side

    def count(self, slug: str) -> int:
        return sum(mention.slug == slug for mention in self.teams)


def find_names(text: str, registry: Registry, lang: str = "") -> Names:
    names = Names()
    datelines = [found.span(1) for found in _DATELINE.finditer(text)]
    country_lines = [found.span() for found in _DATELINE.finditer(text)]  # "SEOUL, South Korea (AP) —"
    found = _split_pairs(text, registry.find_names(text), registry)
    countries = [m for m in found if m.kind == TEAM and is_national_team(registry.teams[m.slugs[0]])
                 and _country_not_side(text, m.start, m.end, country_lines)]
    names.countries = [(m.start, m.end) for m in countries]
    mentions = [m for m in found if m not in countries and not any(start <= m.start < end for start, end in datelines)]
    as_names = [m for m in mentions if m.kind != NICKNAME and (len(m.text.split()) > 1 or _capitalised(m.text))]
    named = {m.slugs[0] for m in as_names if m.kind == TEAM}
    covered = [(m.start, m.end) for m in found] + datelines  # a dateline's city is no misspelt club
    for mention in mentions:
        if mention.kind == COMPETITION and mention in as_names:
            names.competitions.append((mention.start, mention.slugs[0]))
        elif mention.kind == TEAM and mention in as_names:
            longer = _longer_name(text, mention.start, mention.end)
            if longer:
                names.review.append((mention.start, "teams", f"{mention.text!r} is part of the longer name "
                                                             f"{longer!r}: not taken for {registry.teams[mention.slugs[0]].name}"))
                continue
            names.teams.append(TeamMention(mention.start, mention.end, mention.text, mention.slugs[0], "name"))
        elif mention.kind == NICKNAME and _written_as_nickname(mention, lang, registry) \
                and not _longer_name(text, mention.start, mention.end):  # "Salford City" is not City
            _nickname(text, mention, _in_language(mention, lang, registry), names.teams, named, registry, names)
    names.grounds = find_grounds(text, registry)
    names.teams = [m for m in names.teams if not _ground_city(text, m, names.grounds, registry)]
    for mention in names.teams:
        if mention.slug not in names.named:
            names.named.append(mention.slug)
    _misspellings(text, covered, registry, names)
    return names


# A country's name that is not its national team: a club's country ("Athletic (Spain)"), a place
# ("in Spain", "from Italy", "in Spagna"), a player's or coach's country ("the England striker").
_COUNTRY_AS_PLACE = re.compile(r"(?:\b(?:in|at|from|of|a|di|nella|nell['’])\s+(?:the\s+|la\s+|il\s+|l['’])?|\(\s*|"
                               r"\bd['’]\s*)$",
                               re.IGNORECASE)
_COUNTRY_AS_LABEL = re.compile(r"\s*\)|['’]s?\s+(?:top flight|league|la liga|serie a|bundesliga|ligue 1|premier league|"
                               r"government|president|capital)|"
                               r"\s+(?:international|internationals|striker|forward|midfielder|defender|goalkeeper|keeper|"
                               r"winger|full-back|centre-back|captain|manager|boss|coach|head coach|team-mate|teammate|"
                               r"call-up|duty|duties|star|youngster|born|legend|great|icon|ct|commissario tecnico)\b", re.IGNORECASE)


def _country_not_side(text: str, start: int, end: int, datelines: list[tuple[int, int]]) -> bool:
    """Whether a country's name at text[start:end] is a place or a label, not the national team."""
    return (any(low <= start < high for low, high in datelines)
            or bool(_COUNTRY_AS_PLACE.search(text[max(0, start - 12):start]))
            or bool(_COUNTRY_AS_LABEL.match(text, end)))


# A wire report's dateline: "LONDON, Nov 9 (Reuters) -", "MADRID (AP) —", "(ANSA) - ROMA, 12 GEN -".
_DATELINE = re.compile(rf"(?:^|\n)(?:\([A-Za-z]+\)\s*[-–—]\s*)?({DATELINE_CITY})"
                       r"(?:,\s*[^\n()–—-]{1,25}?)?\s*(?:\([A-Za-z]+\)\s*)?[-–—]\s")
_DASH = re.compile(r"\s*[-–—]\s*")


_GROUND_TO_CITY = re.compile(r"\s+(?:di|of|in)\s+")


def _ground_city(text: str, mention: TeamMention, grounds: list[Ground], registry: Registry) -> bool:
    """Whether a club's name is the city of the ground named just before it ("allo Stadio Olimpico
    di Roma"): a place, not the club."""
    return name_key(mention.text) in city_keys(registry.teams[mention.slug]) and any(
        _GROUND_TO_CITY.fullmatch(text, ground.end, mention.start) for ground in grounds
        if 0 < mention.start - ground.end <= 5)


def _split_pairs(text: str, mentions: list, registry: Registry) -> list:
    """ "Inter-Milan" is the derby, not the alias "Inter Milan": a name read across a dash that
    none of the club's names has is read again, part by part."""
    found = []
    for mention in mentions:
        dashes = list(_DASH.finditer(mention.text))
        spelled = mention.kind == TEAM and any(_DASH.search(name) for slug in mention.slugs
                                               for name in (registry.teams[slug].name, *registry.teams[slug].aliases))
        if mention.kind != TEAM or not dashes or spelled:
            found.append(mention)
            continue
        parts, start = [], 0
        for cut in [*dashes, None]:
            end = cut.start() if cut else len(mention.text)
            for part in registry.find_names(mention.text[start:end]):
                parts.append(replace(part, start=part.start + mention.start + start, end=part.end + mention.start + start))
            start = cut.end() if cut else end
        if {part.slugs for part in parts} == {mention.slugs}:
            parts = [mention]  # "Bodo-Glimt": both halves name the one club
        found.extend(parts)
    return found


_WORD_BEFORE = re.compile(r"([^\W\d_][\w’'-]*) $")
_WORD_AFTER = re.compile(r"^ ([^\W\d_][\w’'-]*)")
_CLUB_AFFIX = re.compile(r"^(?:[A-Z0-9.]{1,5}|Under|Women|Ladies|Femminile|Frauen|Calcio|Club|Football|Futbol|Fútbol|"
                         r"de|di|del|da|do|"
                         r"The|Il|La|Lo|Le|Gli|El|Los|Die|Der|Con|Contro|Against|Versus|And|E|Ed|Vs|Tra|Fra)$")


def _longer_name(text: str, start: int, end: int) -> str:
    """The longer proper name a registry name sits inside ("Queens Park Rangers", "Milan Škriniar"),
    or "": capitalised words next to it that are not a club's affix (FC, AC, Calcio) or a possessive."""
    before = _WORD_BEFORE.search(text, max(0, start - 40), start)
    after = _WORD_AFTER.search(text[end:end + 40])
    words = []
    if before and before.group(1)[0].isupper() and not _CLUB_AFFIX.match(before.group(1)) \
            and not _headline_word(before.group(1)) \
            and not before.group(1).endswith(("'s", "’s")) and not _starts_sentence(text, before.start(1)):
        words.append(before.group(1))
    words.append(text[start:end])
    next_word = after.group(1).split("-")[0] if after else ""  # "Palermo U19-Cagliari U19": U19 ends the name
    if next_word[:1].isupper() and not _CLUB_AFFIX.match(next_word) and not _headline_word(next_word):
        words.append(after.group(1))
    return " ".join(words) if len(words) > 1 else ""


def _headline_word(word: str) -> bool:
    return any(pattern.fullmatch(word) for pattern in (cues.WIN, cues.LOSE, cues.DRAW, cues.HEADLINE_WORDS))


def _starts_sentence(text: str, at: int) -> bool:
    head = text[max(0, at - 10):at]
    stripped = head.rstrip()
    return at < 10 and not stripped or "\n" in head[len(stripped):] or bool(stripped) and stripped[-1] in ".!?:;\"“«"


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def _written_as_nickname(mention, lang: str, registry: Registry) -> bool:
    """A capitalised nickname counts; a lower-case one ("i nerazzurri") only when a club has it in the
    article's language and it is no short common word ("real" in English prose)."""
    if any(_capitalised(word) for word in mention.text.split()):  # "la Dea", "The Reds"
        return True
    key = name_key(mention.text)
    return len(key) >= 5 and any(code == lang and key in map(name_key, nicks)
                                 for slug in mention.slugs for code, nicks in registry.teams[slug].nicknames)


def _in_language(mention, lang: str, registry: Registry) -> tuple[str, ...]:
    """The clubs whose nickname it is in the article's language (all of them if none is)."""
    key = name_key(mention.text)
    own = tuple(slug for slug in mention.slugs
                if any(code in (lang, "") and key in map(name_key, nicks)
                       for code, nicks in registry.teams[slug].nicknames))
    return own or mention.slugs


def _nickname(text: str, mention, candidates: tuple[str, ...], earlier: list[TeamMention], named: set[str],
              registry: Registry, names: Names) -> None:
    """A nickname names the one candidate the article names, or the one named last
    before it in the same paragraph; otherwise it is flagged."""
    chosen = [slug for slug in candidates if slug in named]
    if len(chosen) > 1:
        paragraph_start = text.rfind("\n\n", 0, mention.start)
        before = [m for m in earlier if m.slug in chosen and m.start > paragraph_start and m.how == "name"]
        if before:
            chosen = [before[-1].slug]
    if len(chosen) == 1:
        names.teams.append(TeamMention(mention.start, mention.end, mention.text, chosen[0], "nickname"))
        return
    clubs = " or ".join(registry.teams[slug].name for slug in (chosen or candidates))
    if len(candidates) == 1:
        why = (f"{mention.text!r} is a nickname of {clubs}, which the text never names: "
               "check that it means that club")
        names.review.append((mention.start, "teams", why))
    else:
        names.review.append((mention.start, "teams", f"{mention.text!r} may be {clubs}: "
                                                     "the nickname is shared and the text does not settle it"))


def _misspellings(text: str, covered: list[tuple[int, int]], registry: Registry, names: Names) -> None:
    choices, known = _team_keys(registry)
    for found in _CAPITALISED.finditer(text):
        if any(start < found.end() and found.start() < end for start, end in covered):
            continue
        key = name_key(found.group())
        if len(key) < FUZZY_MIN_LENGTH or place_before(text, found.start(), coming_from=True):
            continue  # "a Genova", "in Munchen": a place, not a misspelt club
        match = _closest(key, choices, known)
        if match is None:
            continue
        slug = registry.team_names[match]
        team = registry.teams[slug].name
        names.review.append((found.start(), "teams", f"{found.group()!r} looks like a misspelling of {team!r}: "
                                                     "added to teams, but not used for any result"))
        if slug not in names.named and slug not in names.fuzzy:
            names.fuzzy.append(slug)


def _closest(key: str, choices: tuple[str, ...], known: dict[str, str | None]) -> str | None:
    from rapidfuzz import fuzz, process

    if key not in known:  # the same words (players, places) recur from recap to recap
        found = process.extractOne(key, choices, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
        known[key] = found[0] if found else None
    return known[key]


def closest_team_key(key: str, registry: Registry) -> str | None:
    """The registry's name key closest to `key`, if it is close enough to be a misspelling."""
    return _closest(key, *_team_keys(registry))


def _team_keys(registry: Registry) -> tuple[tuple[str, ...], dict[str, str | None]]:
    """The name keys a misspelling may be close to, and the closest found so far of each word."""
    return derived(registry, "team keys", lambda registry: (
        tuple(key for key in registry.team_names if len(key) >= FUZZY_MIN_LENGTH), {}))


def places(registry: Registry) -> dict[str, set[str]]:
    """Place name key -> the slugs of the teams at home there: each club's city in every language
    teams.yaml names it (`city:`), with its country's national team; the cities in clubs' aliases
    ("Atalanta Bergamo", "Bayern Munich"); and country names in every language the detector knows."""
    return derived(registry, "places", _places)


def _places(registry: Registry) -> dict[str, set[str]]:
    from babel import Locale

    from .language import LANGUAGES

    owners: dict[str, set[str]] = {}
    for key, slug in registry.team_names.items():
        words = key.split("-")
        if len(words) > 1:
            for word in words:
                if len(word) >= 4 and word not in registry.team_names:
                    owners.setdefault(word, set()).add(slug)
    found = {word: slugs for word, slugs in owners.items() if len(slugs) == 1}
    for slug, team in registry.teams.items():
        # A city two clubs share settles a match of one of them against a third; one that is
        # also a club's name ("from Valencia") is not taken for a place.
        # A national team is at home in its clubs' cities, those spelt like a club ("a Torino") too.
        nation = national_teams(registry).get(team.country)
        for city in city_keys(team):
            hosts = {nation} if city in registry.team_names else {slug, nation}
            found.setdefault(city, set()).update(hosts - {None})
    locales = [Locale(code) for code in LANGUAGES]
    for slug, team in registry.teams.items():
        territory = TERRITORIES.get(team.country)
        if not territory:
            continue
        country_names = list(HOME_NATIONS.get(team.country, ()))
        if team.country not in HOME_NATIONS:
            country_names += [locale.territories.get(territory, "") for locale in locales]
        for country in country_names:
            if country:
                found.setdefault(name_key(country), set()).add(slug)
    return found


def dateline_clubs(text: str, registry: Registry) -> tuple[str, set[str]]:
    """The city of the text's dateline ("ROMA -", "LIVERPOOL, England (AP) —") and the clubs at
    home there: those whose `city:` it is, and, when the city is spelt like a club ("ROMA"),
    every club of that club's city."""
    found = _DATELINE.match(text.lstrip())
    if not found:
        return "", set()
    city = found.group(1).strip()
    key = name_key(city)
    cities = {key}
    namesake = registry.teams.get(registry.team_names.get(key, ""))
    if namesake:
        cities.update(city_keys(namesake))
    return city, {slug for slug, team in registry.teams.items() if cities & city_keys(team)}


def city_keys(team) -> set[str]:
    """The keys of the club's city in every language teams.yaml names it ("turin", "torino")."""
    return {name_key(city) for city in (team.city, *(name for _, name in team.city_names)) if city}


def place_before(text: str, start: int, *, coming_from: bool = False) -> bool:
    """Whether the word before `start` makes what follows a place: "in", "at", "a"
    (and "from", for a country or city: "returns from Belgium")."""
    pattern = _FROM_PLACE if coming_from else _AT_PLACE
    return bool(pattern.search(text[max(0, start - 25):start]))
