"""What the whole article says about who was at home, beyond the sentence stating a result.

A result's own sentence comes first (a scoreline, "at home", "in casa del", a ground): see
scores.venue_cues. Then, for the article's one match: venue cues in every sentence about
its two clubs only, and the dateline's city. What settles only what is still open, as it is
weaker: a ground named in a sentence that names neither club ("the Etihad crowd"), "the
hosts" or "the visitors" said to have taken a match with a winner, and the fixture named
home side first at the start of the headline or first sentence ("Torino-Lecce": a preview's
headline names the next leg). In a round-up, the
sentences from a result to the next one tell that result, and count for it alone. A cue from
a sentence about another game, another day, an earlier meeting or the next leg never counts.
"""
from __future__ import annotations

from ..registry import Registry
from . import cues
from .layout import Layout, Sentence
from .scores import SCORE, Findings, Result, fixture_first, grounds_in, mentions_in, venue_cues
from .teams import Names, dateline_clubs, places


def article_cues(layout: Layout, names: Names, result: Result, findings: Findings, registry: Registry, *,
                 only_pair: bool) -> list[tuple[str, str]]:
    """(club at home, how we know) from the article around `result`'s sentence."""
    found = []
    if result.main and only_pair:
        found.extend(_article_venue_cues(layout, names, result, registry))
        if not result.home_cues and not found:  # weaker: settles only what is open
            found.extend(_grounds_named(names, result, layout.sentences))
            found.extend(_sides_that_won(names, result, layout.sentences))
            found.extend(_fixture_named(layout, names, result))  # a preview's headline names the next leg
        city, at_home = dateline_clubs(layout.text, registry)
        if len(at_home & set(result.teams)) == 1:
            found.append(((at_home & set(result.teams)).pop(), f"the dateline's city, {city}"))
    elif not result.home_cues:
        told = _told_after(layout, result, findings)
        found.extend(_grounds_named(names, result, told))
        found.extend(_sides_that_won(names, result, told))
    return found


def _fixture_named(layout: Layout, names: Names, result: Result) -> list[tuple[str, str]]:
    """The match named as a fixture, home side first, at the start of the headline or the first
    sentence ("Torino-Lecce, the return leg ...")."""
    found = []
    for sentence in layout.sentences[:2]:
        home = fixture_first(sentence.text, mentions_in(sentence, names), result.teams)
        if home and sentence is not result.sentence:
            found.append((home, f"the fixture, named home side first, opens “{_short(sentence.text)}”"))
    return found


def _told_after(layout: Layout, result: Result, findings: Findings) -> list[Sentence]:
    """The sentences that tell a round-up's result: from its own to the next result's."""
    starts = sorted(other.sentence.start for other in findings.results if other.sentence.start > result.sentence.start)
    end = starts[0] if starts else len(layout.text)
    return [sentence for sentence in layout.sentences if result.sentence.start < sentence.start < end]


def _grounds_named(names: Names, result: Result, sentences) -> list[tuple[str, str]]:
    """A ground of one of the match's clubs named in `sentences` ("the Etihad crowd", "the
    visitors led at Deepdale"), where the sentence names no other club and is not about another
    game, another day or the next leg."""
    found = []
    for sentence in sentences:
        if sentence is result.sentence or _about_another_game(sentence, names, result.teams):
            continue
        for ground in grounds_in(sentence, names):
            owners = ground.hosts & set(result.teams)
            if len(owners) == 1 and not cues.NEXT_LEG.search(sentence.text[:ground.start]):
                found.append((next(iter(owners)), f"“{ground.text}”, its home ground, in “{_short(sentence.text)}”"))
    return found


def _sides_that_won(names: Names, result: Result, sentences) -> list[tuple[str, str]]:
    """ "Shaqiri secured the three points for the hosts": in a match with a winner, a sentence
    naming no club that says the hosts (or the visitors) took it makes the winner the home (or
    away) side. Not when the sentence negates it or names a club ("Liverpool's goal ... for the
    visitors" says nothing of who won)."""
    final = result.aet or result.goals
    if final[result.teams[0]] == final[result.teams[1]]:
        return []
    winner = max(result.teams, key=final.get)
    loser = next(slug for slug in result.teams if slug != winner)
    found = []
    for sentence in sentences:
        end = sentence.start + len(sentence.text)
        if sentence is result.sentence or any(sentence.start <= m.start < end for m in names.teams) \
                or _about_another_game(sentence, names, result.teams):
            continue
        text = sentence.text
        sides = [("home", m) for m in cues.HOME_SIDE.finditer(text)] + [("away", m) for m in cues.AWAY_SIDE.finditer(text)]
        if len({side for side, _ in sides}) != 1 or cues.NEGATION.search(text) or cues.LOSE.search(text) \
                or cues.DRAW.search(text) or not cues.TOOK_THE_MATCH.search(text):
            continue
        side = sides[0][0]
        found.append((winner if side == "home" else loser, f"“{sides[0][1].group()}” took the match, in “{_short(text)}”"))
    return found


def _about_another_game(sentence: Sentence, names: Names, pair: tuple[str, str]) -> bool:
    end = sentence.start + len(sentence.text)
    if any(m.slug not in pair for m in names.teams if sentence.start <= m.start < end):
        return True  # another club
    if SCORE.search(sentence.text) and not (cues.RUNNING.search(sentence.text) or cues.HALF_TIME.search(sentence.text)):
        return True  # a score of its own that is no running score: a leg, an earlier meeting
    return any(p.search(sentence.text) for p in (cues.FUTURE, cues.PAST_MEETING, cues.OTHER_RESULT, cues.OTHER_DAY,
                                                  cues.HYPOTHETICAL, cues.NEXT_LEG, cues.FIRST_LEG, cues.SECOND_LEG))


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _article_venue_cues(layout: Layout, names: Names, result: Result, registry: Registry) -> list[tuple[str, str]]:
    """Venue cues anywhere in a one-match article, from sentences about these two clubs only
    and not about another leg, another time or another game."""
    found = []
    pair = result.teams
    for sentence in layout.sentences:
        if sentence is result.sentence:
            continue
        end = sentence.start + len(sentence.text)
        mentions = [m for m in names.teams if sentence.start <= m.start < end]
        if any(m.slug not in pair for m in mentions):
            continue
        if any(p.search(sentence.text) for p in (cues.FUTURE, cues.PAST_MEETING, cues.OTHER_RESULT, cues.OTHER_DAY,
                                                  cues.HYPOTHETICAL)):
            continue
        # A ground counts where the sentence names one of the clubs and no leg ("all'andata, al Montjuïc").
        named = mentions and not (cues.FIRST_LEG.search(sentence.text) or cues.SECOND_LEG.search(sentence.text))
        found.extend(venue_cues(sentence.text, mentions_in(sentence, names), pair, places(registry),
                                grounds=grounds_in(sentence, names) if named else []))
    return found
