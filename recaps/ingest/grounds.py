"""Home grounds: "at Anfield", "al Maradona", "all'Olimpico" say who was at home.

A ground names the clubs that play there (San Siro: Milan and Inter); it is a venue
cue for a match only when exactly one of the match's two clubs plays there. Names
compare accent- and case-insensitively, word by word. A ground named after a person
("Franchi", "Maradona") counts only after a word that makes it a place ("al", "at the",
"stadio"), so the player Maradona is no venue.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..names import name_key
from ..registry import Registry

# Club (the registry's canonical name) -> its home grounds, current and former, as writers name them.
GROUNDS = {
    "Milan": ["San Siro", "Giuseppe Meazza", "Meazza"],
    "Inter": ["San Siro", "Giuseppe Meazza", "Meazza"],
    "Juventus": ["Allianz Stadium", "Juventus Stadium", "Stadium di Torino"],
    "Atalanta": ["Gewiss Stadium", "Gewiss", "Atleti Azzurri d'Italia", "New Balance Arena"],
    "Napoli": ["Diego Armando Maradona", "Maradona", "San Paolo"],
    "Roma": ["Olimpico", "Stadio Olimpico"],
    "Lazio": ["Olimpico", "Stadio Olimpico"],
    "Fiorentina": ["Artemio Franchi", "Franchi"],
    "Bologna": ["Renato Dall'Ara", "Dall'Ara"],
    "Udinese": ["Friuli", "Bluenergy Stadium", "Dacia Arena"],
    "Parma": ["Ennio Tardini", "Tardini"],
    "Sampdoria": ["Luigi Ferraris", "Ferraris", "Marassi"],
    "Genoa": ["Luigi Ferraris", "Ferraris", "Marassi"],
    "Torino": ["Olimpico Grande Torino", "Grande Torino"],
    "Empoli": ["Carlo Castellani", "Castellani"],
    "Cagliari": ["Unipol Domus"],
    "Como": ["Giuseppe Sinigaglia", "Sinigaglia"],
    "Cremonese": ["Giovanni Zini", "Zini"],
    "Hellas Verona": ["Marcantonio Bentegodi", "Bentegodi"],
    "Chievo": ["Marcantonio Bentegodi", "Bentegodi"],
    "Lecce": ["Via del Mare"],
    "Monza": ["U-Power Stadium", "Brianteo"],
    "Pisa": ["Arena Garibaldi", "Romeo Anconetani"],
    "Sassuolo": ["Mapei Stadium", "Città del Tricolore"],
    "Venezia": ["Pier Luigi Penzo", "Penzo"],
    "Salernitana": ["Arechi"],
    "Frosinone": ["Benito Stirpe", "Stirpe"],
    "Spezia": ["Alberto Picco", "Picco"],
    "Palermo": ["Renzo Barbera", "Barbera"],
    "Brescia": ["Mario Rigamonti", "Rigamonti"],
    "Manchester United": ["Old Trafford"],
    "Manchester City": ["Etihad", "Etihad Stadium", "City of Manchester Stadium"],
    "Liverpool": ["Anfield"],
    "Chelsea": ["Stamford Bridge"],
    "Arsenal": ["Emirates", "Emirates Stadium", "Highbury"],
    "Tottenham Hotspur": ["Tottenham Hotspur Stadium", "White Hart Lane"],
    "Aston Villa": ["Villa Park"],
    "Newcastle United": ["St James' Park", "St. James' Park", "St James Park"],
    "West Ham United": ["London Stadium", "Upton Park", "Boleyn Ground"],
    "Leicester City": ["King Power", "King Power Stadium"],
    "Everton": ["Goodison Park", "Goodison", "Hill Dickinson Stadium"],
    "Fulham": ["Craven Cottage"],
    "Middlesbrough": ["Riverside Stadium"],
    "Leeds United": ["Elland Road"],
    "Brighton & Hove Albion": ["Amex", "Amex Stadium", "Falmer Stadium"],
    "Wolverhampton Wanderers": ["Molineux"],
    "Nottingham Forest": ["City Ground"],
    "Crystal Palace": ["Selhurst Park"],
    "Bournemouth": ["Vitality Stadium", "Dean Court"],
    "Brentford": ["Gtech Community Stadium", "Brentford Community Stadium", "Griffin Park"],
    "Southampton": ["St Mary's", "St Mary's Stadium"],
    "Ipswich Town": ["Portman Road"],
    "Burnley": ["Turf Moor"],
    "Sunderland": ["Stadium of Light"],
    "Real Madrid": ["Santiago Bernabéu", "Bernabéu"],
    "Barcelona": ["Camp Nou", "Spotify Camp Nou", "Montjuïc", "Lluís Companys"],
    "Atlético Madrid": ["Metropolitano", "Wanda Metropolitano", "Riyadh Air Metropolitano", "Vicente Calderón"],
    "Sevilla": ["Ramón Sánchez-Pizjuán", "Sánchez-Pizjuán"],
    "Valencia": ["Mestalla"],
    "Villarreal": ["Estadio de la Cerámica", "La Cerámica", "El Madrigal"],
    "Athletic Club": ["San Mamés"],
    "Real Sociedad": ["Anoeta", "Reale Arena"],
    "Real Betis": ["Benito Villamarín", "Villamarín"],
    "Bayern München": ["Allianz Arena"],
    "Borussia Dortmund": ["Signal Iduna Park", "Westfalenstadion"],
    "Bayer Leverkusen": ["BayArena"],
    "RB Leipzig": ["Red Bull Arena"],
    "Red Bull Salzburg": ["Red Bull Arena"],
    "Eintracht Frankfurt": ["Deutsche Bank Park", "Waldstadion"],
    "Stuttgart": ["MHPArena", "Mercedes-Benz Arena"],
    "Schalke 04": ["Veltins-Arena"],
    "Borussia Mönchengladbach": ["Borussia-Park"],
    "Paris Saint-Germain": ["Parc des Princes"],
    "Marseille": ["Vélodrome", "Stade Vélodrome", "Orange Vélodrome"],
    "Lyon": ["Groupama Stadium"],
    "Lille": ["Pierre-Mauroy", "Stade Pierre-Mauroy"],
    "Monaco": ["Louis II", "Stade Louis II"],
    "Porto": ["Estádio do Dragão", "Dragão"],
    "Benfica": ["Estádio da Luz", "da Luz"],
    "Sporting CP": ["José Alvalade", "Alvalade"],
    "Ajax": ["Johan Cruijff ArenA", "Johan Cruyff Arena", "Amsterdam ArenA"],
    "PSV Eindhoven": ["Philips Stadion"],
    "Feyenoord": ["De Kuip"],
    "Club Brugge": ["Jan Breydel"],
    "Celtic": ["Celtic Park", "Parkhead"],
    "Rangers": ["Ibrox"],
    "Galatasaray": ["RAMS Park", "Ali Sami Yen", "Türk Telekom Stadium"],
    "Fenerbahçe": ["Şükrü Saracoğlu"],
    "Beşiktaş": ["Vodafone Park", "Tüpraş Stadium"],
    "Olympiacos": ["Georgios Karaiskakis", "Karaiskakis"],
    "Bodø/Glimt": ["Aspmyra"],
    "Young Boys": ["Wankdorf"],
    "Basel": ["St. Jakob-Park", "St Jakob-Park"],
    "Boca Juniors": ["Bombonera", "La Bombonera"],
    "River Plate": ["Monumental", "Más Monumental"],
}
# A ground named alone (not "... Stadium", "... Park") counts after one of these words.
_PLACE_WORDS = {"at", "in", "to", "the", "al", "allo", "all", "a", "ad", "dal", "dallo", "dall", "nel", "nello", "sul",
                "il", "lo", "l", "stadio", "stadium", "del", "dello", "dell", "estadio", "stade"}
_MADE_PLACE = {"stadium", "park", "arena", "road", "ground", "stadion", "lane", "cottage", "bridge", "trafford"}
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Ground:
    start: int
    end: int
    text: str
    slugs: frozenset[str]  # the registry's clubs that play there


_TABLES: dict[int, tuple[dict[tuple[str, ...], frozenset[str]], int, frozenset[str]]] = {}


def _table(registry: Registry) -> tuple[dict[tuple[str, ...], frozenset[str]], int, frozenset[str]]:
    """Word keys of every ground -> the slugs of the registry's clubs that play there; the longest
    name in words; the words, lower-case as written and keyed, that a ground's name starts with."""
    if id(registry) not in _TABLES:
        grounds: dict[tuple[str, ...], set[str]] = {}
        for club, names in GROUNDS.items():
            team = registry.team(club)
            if team is None:
                continue
            for ground in names:
                key = tuple(name_key(word) for word in _WORD.findall(ground))
                grounds.setdefault(key, set()).add(team.slug)
        table = {key: frozenset(slugs) for key, slugs in grounds.items()}
        firsts = {_WORD.findall(ground)[0].lower() for names in GROUNDS.values() for ground in names}
        _TABLES.clear()
        _TABLES[id(registry)] = (table, max(map(len, table), default=0), frozenset(firsts | {key[0] for key in table}))
    return _TABLES[id(registry)]


def find_grounds(text: str, registry: Registry) -> list[Ground]:
    """The home grounds `text` names as places, longest name first."""
    table, longest, firsts = _table(registry)
    words = _WORD.findall(text)
    found, index = [], 0
    spans = [found.span() for found in _WORD.finditer(text)] if any(word.lower() in firsts for word in words) else []
    while index < len(spans):
        if words[index].lower() not in firsts:  # most words: no need to key them
            index += 1
            continue
        for size in range(min(longest, len(words) - index), 0, -1):
            key = tuple(name_key(word) for word in words[index:index + size])
            if key in table and (key[-1] in _MADE_PLACE or index and name_key(words[index - 1]) in _PLACE_WORDS):
                start, end = spans[index][0], spans[index + size - 1][1]
                found.append(Ground(start, end, text[start:end], table[key]))
                index += size
                break
        else:
            index += 1
    return found
