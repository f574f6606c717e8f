"""Home grounds: "at Anfield", "al Maradona", "all'Olimpico" say who was at home.

The grounds are the registry's (teams.yaml `grounds:` of each club). A ground names the
clubs that play there (San Siro: Milan and Inter); it is a venue cue for a match only when
exactly one of the match's two clubs plays there, or, for a national team, when it is in
its country (the Olimpico: Italy). Names
compare accent- and case-insensitively, word by word. A ground named after a person
("Franchi", "Maradona") counts only after a word that makes it a place ("al", "at the",
"stadio"), so the player Maradona is no venue.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..names import name_key
from ..registry import Registry
from .nations import nation_of
from .tables import derived

# A ground named alone (not "... Stadium", "... Park") counts after one of these words.
_PLACE_WORDS = {"at", "in", "to", "the", "al", "allo", "all", "a", "ad", "dal", "dallo", "dall", "nel", "nello", "sul",
                "il", "lo", "l", "stadio", "stadium", "del", "dello", "dell", "estadio", "stade",
                "espugna", "espugnato", "espugnano", "sbanca", "sbancato", "sbancano"}  # "il Cagliari espugna Marassi"
_MADE_PLACE = {"stadium", "park", "arena", "road", "ground", "stadion", "lane", "cottage", "bridge", "trafford"}
_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Ground:
    start: int
    end: int
    text: str
    slugs: frozenset[str]  # the registry's clubs that play there
    nation: str | None = None  # the national team at home there: its clubs' country's

    @property
    def hosts(self) -> frozenset[str]:
        """Who is at home there: its clubs and its country's national team."""
        return self.slugs | {self.nation} if self.nation else self.slugs


_Table = tuple[dict[tuple[str, ...], tuple[frozenset[str], str | None]], int, frozenset[str]]


def _table(registry: Registry) -> _Table:
    return derived(registry, "grounds", _grounds_table)


def _grounds_table(registry: Registry) -> _Table:
    """Word keys of every club's ground (teams.yaml `grounds:`) -> the slugs of the clubs that
    play there and the national team at home there; the longest name in words; the words, lower-case as written and keyed, that a
    ground's name starts with."""
    grounds: dict[tuple[str, ...], set[str]] = {}
    firsts = set()
    for team in registry.teams.values():
        for ground in team.grounds:
            words = _WORD.findall(ground)
            if not words:
                continue
            grounds.setdefault(tuple(name_key(word) for word in words), set()).add(team.slug)
            firsts.add(words[0].lower())
    table = {key: (frozenset(slugs), nation_of(registry, slugs)) for key, slugs in grounds.items()}
    return table, max(map(len, table), default=0), frozenset(firsts | {key[0] for key in table})


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
                found.append(Ground(start, end, text[start:end], *table[key]))
                index += size
                break
        else:
            index += 1
    return found
