"""Results lists and score sheets: one match a line, home side first.

    Sassuolo-Roma 1-3
    Inter - Milan 2-1 d.t.s. (1-1)
    Porto 1–1 Roma (3–4 pens)
    Chelsea v Arsenal 2-0 (HT 1-0)

A line is a list line when it is nothing but two clubs, a score and what qualifies it:
extra time ("d.t.s.", "aet", "after extra time"), a shoot-out ("d.c.r.", "pens", "ai rigori")
and brackets. A list writes the home side first, whatever the language. Brackets hold the
half-time, the first-leg or the 90-minute score depending on the list's habit, so a bracket
changes nothing unless the line says extra time was played: then a level bracket no higher
than the final score is the score after 90 minutes, unless the list says its brackets are
half-time scores. What does not fit (a shoot-out written as the score, extra time without a
score after 90 minutes) is not guessed: the line goes to review.

A return fixture without a score of its own but with one in brackets ("Arsenal-Porto (andata
0-1)", or "(0-1)" under a heading of return legs) gives the first leg, played at the other
side's, its score in the fixture's order; it is written with a note to check it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .teams import TeamMention

# What a list line may hold besides the clubs and the score, keyed by what it says.
EXTRA_TIME = r"d\.?\s?t\.?\s?s\.?|a\.?\s?e\.?\s?t\.?|after extra[- ]time|dopo i (?:tempi )?supplementari|ai supplementari|supp\.?"
SHOOTOUT = (r"d\.?\s?c\.?\s?r\.?|pens?\.?|penalties|on penalties|p\.?s\.?o\.?|ai rigori|dopo i (?:calci di )?rigori|"
            r"rig\.?")
HALF_TIME = r"h\.?t\.?|half[- ]time|halftime|p\.?t\.?|primo tempo|intervallo"
_SCORE = r"(\d{1,2})\s?[-–—:]\s?(\d{1,2})"
_SEPARATOR = re.compile(r"\s*(?:[-–—]|\bv\.?|\bvs\.?|\bcontro)\s*", re.IGNORECASE)
_MAIN = re.compile(rf"^\s*:?\s*{_SCORE}(?![\d])")
_BETWEEN = re.compile(rf"^\s*{_SCORE}\s*$")
_NOTE = re.compile(rf"\s*(?:(?P<aet>{EXTRA_TIME})|(?P<pens>{SHOOTOUT})|\((?P<bracket>[^()]*)\)|[,;.])(?![\w])",
                   re.IGNORECASE)
_BRACKET_PART = re.compile(rf"(?:(?P<what>{EXTRA_TIME}|{SHOOTOUT}|{HALF_TIME})\s*)?{_SCORE}"
                           rf"(?:\s*(?P<after>{EXTRA_TIME}|{SHOOTOUT}|{HALF_TIME}))?", re.IGNORECASE)
_AET = re.compile(rf"^(?:{EXTRA_TIME})$", re.IGNORECASE)
_EXTRA_TIME_WORD = re.compile(rf"(?<!\w)(?:{EXTRA_TIME})(?!\w)", re.IGNORECASE)
_SHOOTOUT_WORD = re.compile(rf"(?<!\w)(?:{SHOOTOUT})(?!\w)", re.IGNORECASE)
_PENS = re.compile(rf"^(?:{SHOOTOUT})$", re.IGNORECASE)
_HALF = re.compile(rf"^(?:{HALF_TIME})$", re.IGNORECASE)
# Before a list line: a bullet, or a label saying it is a final score ("FT:", "Risultato finale:").
_LABEL = r"(?:[-–•*·]|FT|F\.T\.|full[- ]time|final(?: score)?|result|risultato(?: finale)?|finale)\s*:?"
# Around a club's name in a score sheet: quotes, its country in brackets ("Porto (Portugal)").
_DECORATION = re.compile(rf"^\s*(?:{_LABEL})?[\s\"“”'‘’«»]*(?:\([^()\d]{{2,30}}\))?[\s\"“”'‘’«»]*$", re.IGNORECASE)
# A youth side written after its club's name: "Palermo U19", "Inter Under-19".
YOUTH = re.compile(r"\s*(?:U-?(\d{2})|Under[- ]?(\d{2}))\b", re.IGNORECASE)
# A list whose header says its brackets are half-time scores ("half-time scores in brackets",
# "tra parentesi il primo tempo").
HALF_TIME_HEADER = re.compile(rf"(?<!\w)(?:(?:{HALF_TIME})\W+(?:\w+\W+){{0,4}}(?:brackets?|parentes\w*)|"
                              rf"(?:brackets?|parentes\w*)\W+(?:\w+\W+){{0,4}}(?:{HALF_TIME}))(?!\w)", re.IGNORECASE)


@dataclass(frozen=True)
class ListLine:
    home: TeamMention
    away: TeamMention
    score: tuple[int, int]  # after 90 minutes, home first; None when only the final score is known
    aet: tuple[int, int] | None
    pens: tuple[int, int] | None
    youth: str  # "U19" when both sides are youth sides, else ""
    why_not: str  # why the line is not taken as it stands ("" when it is)
    first_leg: bool = False  # the first leg, read from a return fixture's bracket


# A return fixture with the first leg's score in brackets, written in the fixture's order:
# "Arsenal-Porto (andata 0-1)" is Porto 1-0 Arsenal; under a heading of return legs the word
# may be left out ("Ritorno degli ottavi: Arsenal-Porto (0-1)").
FIRST_LEG_WORDS = r"andata|and\.|first[- ]leg|1st leg|1st|first"
_FIRST_LEG_BRACKET = re.compile(rf"^\(\s*(?P<said>(?:{FIRST_LEG_WORDS})\s*:?\s*)?{_SCORE}\s*\)$", re.IGNORECASE)


def _first_leg(home: TeamMention, away: TeamMention, rest: str, youth: str, *, return_fixtures: bool):
    found = _FIRST_LEG_BRACKET.match(rest.strip())
    if found is None or not (found.group("said") or return_fixtures):
        return None
    first = (int(found.group(2)), int(found.group(3)))
    if max(first) > MAX_GOALS:
        return None
    return ListLine(away, home, (first[1], first[0]), None, None, youth, "", first_leg=True)


def read_line(text: str, mentions: list[TeamMention], *, half_time_brackets: bool,
              return_fixtures: bool = False) -> ListLine | None:
    """The match a list line states, or None when `text` is not a list line. A club the registry
    does not know is taken as written ("Pro Patria-Arzachena 1-0"), as a mention whose slug
    starts with UNKNOWN; whether to write it is the caller's business."""
    clubs = _two_clubs(text, mentions) or _two_clubs(text, sorted([*mentions, *_unknown_names(text, mentions)],
                                                                  key=lambda mention: mention.start))
    if clubs is None:
        return None
    home, away, rest, youth = clubs
    rest = rest.rstrip()
    main = _MAIN.match(rest)
    if main is None:
        return _first_leg(home, away, rest, youth, return_fixtures=return_fixtures)
    first = (int(main.group(1)), int(main.group(2)))
    if max(first) > MAX_GOALS or (":" in main.group() and max(len(main.group(1)), len(main.group(2))) > 1) \
            or any(len(part) > 1 and part.startswith("0") for part in main.groups()):
        return None  # a kick-off time ("20:45", "15:00") or a date ("12-03"), not a score
    aet_marked = pens_marked = False
    brackets = []
    at = main.end()
    while at < len(rest):
        note = _NOTE.match(rest, at)
        if note is None or note.end() == at:
            return None  # more words: a sentence, not a list line
        aet_marked |= bool(note.group("aet"))
        pens_marked |= bool(note.group("pens"))
        if note.group("bracket") is not None:
            brackets.append(note.group("bracket"))
        at = note.end()
    return _settle(home, away, first, aet_marked, pens_marked, brackets, youth, half_time_brackets)


def _two_clubs(text: str, mentions: list[TeamMention]):
    """(home, away, the text after the clubs, youth mark) of "A - B 1-0" or "A 1-0 B", else None."""
    ours = [m for m in mentions if m.how == "name"]
    if len(ours) != 2 or ours[0].slug == ours[1].slug:
        return None
    home, away = ours
    youth_home, after_home = _youth_after(text, home.end)
    youth_away, after_away = _youth_after(text, away.end)
    if youth_home != youth_away:
        return None
    if not _DECORATION.match(text[:home.start]):
        return None
    between = text[after_home:away.start]
    separator = _SEPARATOR.fullmatch(_undecorated(between))
    if separator:  # "A - B 1-0"
        return home, away, _undecorated_start(text[after_away:]), youth_home
    score = _BETWEEN.match(_undecorated(between))
    if score:  # "A 1-0 B (notes)"
        rest = f"{score.group(1)}-{score.group(2)} " + _undecorated_start(text[after_away:])
        return home, away, rest, youth_home
    return None


MAX_GOALS = 15
UNKNOWN = "?"  # the slug of a club the registry does not know starts with this
_NAME_WORD = r"(?:[A-ZÀ-ÖØ-Þ0-9][\w.'’&/]*|de|di|del|della|da|do|dos|la|le|el|van|von|of|and|y)"
_NAME = re.compile(rf"[A-ZÀ-ÖØ-Þ][\w.'’&/]*(?:[ ]{_NAME_WORD}){{0,4}}")
_LINE_SCORE = re.compile(r"(?<![\d(])\d{1,2}\s?[-–—:]\s?\d{1,2}(?![\d)])")


def _unknown_names(text: str, mentions: list[TeamMention]) -> list[TeamMention]:
    """The clubs of a list line that the registry does not know, as written: "A - B 1-0",
    "A-B 1-0" (one dash), "A 1-0 B"; none when the line has another shape."""
    score = _LINE_SCORE.search(text)
    if score is None:
        return []
    label = re.match(rf"\s*(?:{_LABEL})?\s*", text, re.IGNORECASE)
    start = label.end() if label else 0
    before, after = text[start:score.start()], text[score.end():]
    if _NAME.fullmatch(_undecorated(before)) and _NAME.match(_undecorated_start(after).strip()):
        spans = [(start, score.start()), (score.end(), score.end() + len(after))]  # "A 1-0 B"
        after_name = _NAME.match(_undecorated_start(after).strip()).group()
        spans[1] = (text.index(after_name, score.end()), text.index(after_name, score.end()) + len(after_name))
    else:
        parts = re.split(r"\s+(?:[-–—]|v\.?|vs\.?)\s+", before.strip())
        if len(parts) != 2:
            parts = before.strip().split("-") if before.count("-") == 1 else []
        if len(parts) != 2 or not all(_NAME.fullmatch(_undecorated(part)) for part in parts):
            return []
        first = text.index(parts[0], start)
        second = text.index(parts[1], first + len(parts[0]))
        spans = [(first, first + len(parts[0])), (second, second + len(parts[1]))]
    found = []
    for low, high in spans:
        name = _undecorated(text[low:high])
        at = text.index(name, low)
        known = [m for m in mentions if at <= m.start < at + len(name)]
        if known:
            continue  # the registry's mention stands
        found.append(TeamMention(at, at + len(name), name, UNKNOWN + name, "name"))
    return found


def _youth_after(text: str, end: int) -> tuple[str, int]:
    found = YOUTH.match(text, end)
    if not found:
        return "", end
    return f"U{found.group(1) or found.group(2)}", found.end()


# A club's country in brackets, "(Portugal)": words in brackets that are no note of the score ("(aet)").
_COUNTRY = rf"\((?!\s*(?:{EXTRA_TIME}|{SHOOTOUT}|{HALF_TIME})\s*\))[^()\d]{{2,30}}\)"


def _undecorated(text: str) -> str:
    """`text` without quotes and a country in brackets."""
    return re.sub(rf"[\"“”«»]|{_COUNTRY}", " ", text, flags=re.IGNORECASE).strip()


def _undecorated_start(text: str) -> str:
    return re.sub(rf"^[\s\"“”«»]*(?:{_COUNTRY})?[\s\"“”«»]*", "", text, flags=re.IGNORECASE)


def _settle(home: TeamMention, away: TeamMention, main: tuple[int, int], aet_marked: bool, pens_marked: bool,
            brackets: list[str], youth: str, half_time_brackets: bool) -> ListLine:
    """What each score of a list line is."""
    line = {"home": home, "away": away, "youth": youth}
    aet = pens = None
    plain = []  # bracket scores with no word saying what they are
    for bracket in brackets:
        for part in _BRACKET_PART.finditer(bracket):
            score = (int(part.group(2)), int(part.group(3)))
            what = (part.group("what") or part.group("after") or "").strip()
            if _AET.match(what):
                aet = score
            elif _PENS.match(what):
                pens = score
            elif _HALF.match(what):
                continue
            else:
                plain.append(score)
    # "3-1 (aet, 1-1 after 90 minutes)", "1-1 (pens)": a bracket's word, without its own score, is the line's
    aet_marked |= aet is None and any(_EXTRA_TIME_WORD.search(bracket) for bracket in brackets)
    pens_marked |= pens is None and any(_SHOOTOUT_WORD.search(bracket) for bracket in brackets)
    if pens_marked and pens is None:  # "4-5 d.c.r. (1-1)": the line's score is the shoot-out, the bracket the match's
        level = [score for score in plain if score[0] == score[1]]
        if len(level) == 1 and main[0] != main[1] and not aet_marked:
            return ListLine(**line, score=level[0], aet=None, pens=main, why_not="")
        return ListLine(**line, score=main, aet=None, pens=None,
                        why_not="a list line whose score is marked as a shoot-out: which score is the match's?")
    if aet is not None:  # "2-0 (aet 1-1, pens 2-3)": the bracket's extra time, the line's 90 minutes
        if not all(late >= early for late, early in zip(aet, main)):
            return ListLine(**line, score=main, aet=None, pens=pens,
                            why_not="a score after extra time lower than the score before it: not taken")
        return ListLine(**line, score=main, aet=aet, pens=pens, why_not="")
    if aet_marked:  # "2-1 d.t.s. (1-1)": the line's score is after extra time
        ninety = [score for score in plain if score[0] == score[1] and all(a <= b for a, b in zip(score, main))]
        if len(ninety) != 1 or half_time_brackets:
            return ListLine(**line, score=main, aet=None, pens=pens,
                            why_not="a score after extra time whose score after 90 minutes the line does not give")
        return ListLine(**line, score=ninety[0], aet=main, pens=pens, why_not="")
    if pens is not None and main[0] != main[1]:
        return ListLine(**line, score=main, aet=None, pens=None,
                        why_not="a shoot-out after a match that was not level: is the score the aggregate's?")
    return ListLine(**line, score=main, aet=None, pens=pens, why_not="")
