"""Goals and cards a one-match recap states: who, for which side, in which minute.

A goal needs a scoring word ("scored", "in vantaggio con", "il raddoppio") and a
player's name in the same clause, and is dropped when its sentence says it did
not count ("annulla", "offside") or its clause says it missed ("palo", "saved").
The side is the club named before the word, or "the visitors"/"gli ospiti",
"the hosts"/"i padroni di casa"; a goal left without a side is given one only
when the final score leaves no other choice. A card whose side is not stated is
left for review: the text never says it, so neither do we.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import cues
from .layout import Layout, Sentence
from .dates import calendar_word
from .teams import Names, place_before

_NAME = re.compile(r"[A-ZÀ-ÖØ-Þ][\w'’-]+(?:\s+(?:(?:de|van|der|da|di|dos|el|ten|von|le)\s+)?[A-ZÀ-ÖØ-Þ][\w'’-]+){0,2}")
_CLAUSE = re.compile(r"[;:]|,\s|\s(?:and|but|while|e|ma|mentre|poi)\s", re.IGNORECASE)
_FOR_SIDE = re.compile(r"\s*(?:for|per|in favour of|a favore (?:del|della|dell['’]))\s+(?:the\s+|il\s+|la\s+|l['’])?$",
                       re.IGNORECASE)
_NOT_NAMES = {
    "the", "a", "an", "but", "and", "in", "on", "at", "after", "before", "then", "when", "with", "his", "her",
    "their", "it", "this", "that", "there", "il", "la", "lo", "le", "gli", "i", "un", "una", "uno", "ma", "e", "dopo",
    "prima", "nel", "nella", "al", "alla", "con", "per", "da", "di", "del", "della", "poi", "quando", "anche",
    "var", "uefa", "fifa", "serie",
}
_CARD = re.compile(f"{cues.RED_CARD.pattern}|{cues.SECOND_YELLOW.pattern}", re.IGNORECASE)
_COUNTED = re.compile(r"\b(?:\d+|two|three|four|five|six|seven|due|tre|quattro|cinque|sei|sette)\s+$", re.I)
_MINUTE = re.compile(r"\b(?:al|in the|nel|minute|minuto)?\s*(\d{1,3})(?:\s?(?:st|nd|rd|th|esimo|°|º|'|’|′))"
                     r"(?:\+(\d{1,2}))?(?:[- ]minute)?|\((\d{1,3})(?:\+(\d{1,2}))?['’′]\)|"
                     r"\bafter (\d{1,3}) minutes", re.IGNORECASE)
_ORDINAL_MINUTES = {"primo": 1, "secondo": 2, "terzo": 3, "quarto": 4, "quinto": 5, "sesto": 6, "settimo": 7,
                    "ottavo": 8, "nono": 9, "decimo": 10, "first": 1, "second": 2, "third": 3, "fourth": 4,
                    "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
_WORD_MINUTE = re.compile(r"\b(" + "|".join(_ORDINAL_MINUTES) + r")\s+(?:minuto|minute)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Event:
    side: str | None  # "home", "away" or None (not stated)
    player: str
    minute: str
    kind: str | None
    sentence: Sentence


def find_events(layout: Layout, names: Names, home: str, away: str) -> tuple[list[Event], list[Event]]:
    """(goals, cards) stated in sentences about this match's two clubs only."""
    goals, cards = [], []
    for sentence in layout.sentences:
        if sentence.heading:
            continue
        end = sentence.start + len(sentence.text)
        mentions = [m for m in names.teams if sentence.start <= m.start < end]
        if any(m.slug not in (home, away) for m in mentions):
            continue
        spans = [(m.start - sentence.start, m.end - sentence.start, m.slug) for m in mentions]
        spans += [(at - sentence.start, at - sentence.start + 1, "") for at, _ in names.competitions
                  if sentence.start <= at < end]
        spans += [(low - sentence.start, high - sentence.start, "")  # "the Brazil legend", "San Siro": no player
                  for low, high in [*names.countries, *((g.start, g.end) for g in names.grounds)]
                  if sentence.start <= low < end]
        text = sentence.text
        if not cues.NOT_A_GOAL.search(text):
            goals.extend(_events(sentence, text, spans, cues.GOAL, home, away, goal=True))
        cards.extend(_events(sentence, text, spans, _CARD, home, away, goal=False))
    return goals, cards


def _clauses(text: str) -> list[tuple[int, int]]:
    cuts = [0, *(match.end() for match in _CLAUSE.finditer(text)), len(text)]
    return [(low, high) for low, high in zip(cuts, cuts[1:]) if high > low]


def _events(sentence: Sentence, text: str, spans, pattern: re.Pattern, home: str, away: str, *, goal: bool):
    found, players = [], set()
    clauses = _clauses(text)
    for cue in pattern.finditer(text):
        if len(cues.QUOTE.findall(text, 0, cue.start())) % 2:
            continue  # inside a quotation: someone's words, not the report
        if goal and _COUNTED.search(text, max(0, cue.start() - 12), cue.start()):
            continue  # "three goals in 25 minutes": a tally, not a goal
        low, high = next(((lo, hi) for lo, hi in clauses if lo <= cue.start() < hi), (0, len(text)))
        player, player_at = _player(text, spans, cue, low, high)
        if not player or player in players:
            continue  # one goal per player per sentence: "colpisce ... con il bolide di Jutglà" is one
        if goal and cues.MISSED.search(text, low, high):
            continue
        if goal and cues.OWN_GOAL.search(text, low, high):
            continue  # whose goal an own goal is, the text must say: left to a person
        kind = None
        if goal and cues.PENALTY_GOAL.search(text, low, high):
            kind = "pen"
        elif not goal:
            kind = "second_yellow" if cues.SECOND_YELLOW.search(text, low, high) else "red"
        first = not players
        players.add(player)
        side = _side_after(text, spans, cue.end(), high, home)
        if side is None and player_at < cue.start():  # "Inter's Acerbi scored", not "Barcelona led before Acerbi scored"
            side = _side_of_name(text, spans, player_at, home)
        elif side is None and goal:  # "gli ospiti trovano il raddoppio con Talbi"
            side = _side_in(text, spans, cue.end(), low, home)
            if side is None and first:
                side = _side_in(text, spans, cue.start(), 0, home)
        elif side is None:  # a card's side must be stated for it: "a red card for Milan's ..."
            side = _side_in(text, [], cue.end(), low, home)  # "the visitors' Toloi was sent off"
        minute = _minute(text[low:high]) or (_minute_before(text, clauses, low) if first else "")
        found.append(Event(side, player, minute, kind, sentence))
    return found


def _player(text: str, spans, cue: re.Match, low: int, high: int) -> str:
    """The first name after the cue in its clause, else the last one before it."""
    candidates = []
    for match in _NAME.finditer(text, low, high):
        words = match.group().split()
        while words and words[0].lower() in _NOT_NAMES:
            words.pop(0)
        if not words or any(start < match.end() and match.start() < end for start, end, _ in spans):
            continue
        start = match.end() - len(" ".join(words))
        if len(words) == 1 and place_before(text, start, coming_from=True):
            continue  # "in Bergamo" is a place, not a player
        if any(calendar_word(word) for word in words) or _VENUE.search(" ".join(words)):
            continue  # "on Tuesday", "in March", "at the Etihad Stadium"
        if start == 0 and len(words) == 1:
            continue  # a capital that only starts the sentence
        candidates.append((start, " ".join(words)))
    after = [(name, start) for start, name in candidates if start >= cue.end()]
    before = [(name, start) for start, name in candidates if start < cue.start()]
    if before and _SUBJECT_GAP.match(text[before[-1][1] + len(before[-1][0]):cue.start()]):
        return before[-1]  # "Haaland scored", "Foden then made it 3-1"
    return after[0] if after else before[-1] if before else ("", 0)


_SUBJECT_GAP = re.compile(r"^\s+(?:[a-z]+\s+)?$")
_VENUE = re.compile(r"\b(?:Stadium|Stadio|Stadion|Arena|Park|Ground|Field|Road|Lane)\b")


def _minute_before(text: str, clauses: list[tuple[int, int]], low: int) -> str:
    """A minute in the clause just before, when that clause names nobody ("Al terzo minuto, ...")."""
    previous = [(lo, hi) for lo, hi in clauses if hi == low]
    if not previous:
        return ""
    lo, hi = previous[0]
    named = [m for m in _NAME.finditer(text, lo, hi) if m.start() > 0 and m.group().split()[0].lower() not in _NOT_NAMES]
    return "" if named else _minute(text[lo:hi])


_BEFORE_NAME = re.compile(r"^(?:['’]s)?\s+(?:[a-z]+\s+){0,2}$")


def _side_of_name(text: str, spans, player_at: int, home: str) -> str | None:
    """The club written just before a player's name: "Inter's Acerbi", "Inter defender Acerbi"."""
    for start, end, slug in spans:
        if slug and end <= player_at and _BEFORE_NAME.match(text[end:player_at]):
            return "home" if slug == home else "away"
    return None


def _side_after(text: str, spans, at: int, high: int, home: str) -> str | None:
    """ "scored for Inter": the club after the cue, introduced by "for"."""
    for start, _, slug in spans:
        if at <= start < high and slug and _FOR_SIDE.search(text, at, start):
            return "home" if slug == home else "away"
    return None


def _side_in(text: str, spans, at: int, low: int, home: str) -> str | None:
    nearest = None
    for match in cues.AWAY_SIDE.finditer(text, low, at):
        nearest = (match.start(), "away")
    for match in cues.HOME_SIDE.finditer(text, low, at):
        if nearest is None or match.start() > nearest[0]:
            nearest = (match.start(), "home")
    for start, _, slug in spans:
        if low <= start < at and slug and (nearest is None or start > nearest[0]):
            nearest = (start, "home" if slug == home else "away")
    return nearest[1] if nearest else None


def _minute(clause: str) -> str:
    found = _MINUTE.search(clause)
    if found:
        minute, added = (found.group(1), found.group(2)) if found.group(1) else \
            (found.group(3), found.group(4)) if found.group(3) else (found.group(5), None)
        if minute and 0 < int(minute) <= 130:
            return f"{int(minute)}+{int(added)}" if added else str(int(minute))
    worded = _WORD_MINUTE.search(clause)
    return str(_ORDINAL_MINUTES[worded.group(1).lower()]) if worded else ""


def settle_sides(goals: list[Event], home_goals: int, away_goals: int) -> tuple[list[Event], str]:
    """Goals with a side each, or none and why: more goals than the score allows is a misreading."""
    counted = {"home": sum(g.side == "home" for g in goals), "away": sum(g.side == "away" for g in goals)}
    if counted["home"] > home_goals or counted["away"] > away_goals:
        return [], "more goals found for a side than the score gives it: none written, add them by hand"
    open_sides = [side for side, total in (("home", home_goals), ("away", away_goals)) if counted[side] < total]
    unsided = [g for g in goals if g.side is None]
    if unsided and len(open_sides) == 1:
        room = (home_goals if open_sides[0] == "home" else away_goals) - counted[open_sides[0]]
        if len(unsided) <= room:
            goals = [Event(open_sides[0], g.player, g.minute, g.kind, g.sentence) if g.side is None else g
                     for g in goals]
    sided = [g for g in goals if g.side]
    why = ""
    if len(sided) != home_goals + away_goals:
        why = f"{len(sided)} of the {home_goals + away_goals} goals found with their scorer and side: check them"
    return sided, why
