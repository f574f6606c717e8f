"""Results stated in a recap: which score belongs to which match, home side first.

Precision over recall. A score becomes a result only when its sentence says it
was a final result (won, lost, drew, ended; or a scoreline "A 1-3 B"), names the
two clubs, and nothing says otherwise: a shoot-out, an aggregate, a half-time or
running score, a hypothesis, a past meeting or another game of the night. Goals
go to the clubs by who won; the home side comes from the scoreline, from a
score written home first against the winner ("Brugge capace di imporsi 1-3"),
or from venue cues ("at home", "in trasferta", "in Bergamo"). What is left
uncertain goes to review with its sentence, never into the results.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..names import name_key
from ..rules import Score
from . import cues, lists
from .layout import Layout, Sentence
from .grounds import Ground
from .teams import Names, TeamMention, place_before

# Goals for each side: 1-0, 3–1, 2:2; not a formation (4-3-3), a season (2024-25) or a time (20:45).
SCORE = re.compile(r"(?<![\d.,:/–-])(\d{1,2})(?:\s?[-–—:]\s?|\s(?=a\s\d)a\s)(\d{1,2})(?![\d]|[-–—:/.,]\d)")
MAX_GOALS = lists.MAX_GOALS  # more goals than this is no football score
_CLAUSE_BREAK = re.compile(r"[;,]\s+|\s+(?:and|while|whereas|but|e|mentre|ma)\s+", re.IGNORECASE)
_WORD = re.compile(r"[^\W_]+")
_RELATIVE = re.compile(r",\s+(?:who|which|that|che|il quale|la quale|i quali)\b", re.IGNORECASE)
_STRONG_BREAK = re.compile(r"[;:—]\s*|\s+(?:but|while|whereas|ma|mentre|però)\s+", re.IGNORECASE)
# Whose win or defeat a result noun is: "win for Inter", "vittoria del Napoli", "sconfitta per la Roma".
_OWNER_BEFORE = re.compile(r"\b(?:for|per|del|della|dello|dell['’]|dei|degli)\s*(?:the\s+|il\s+|la\s+|lo\s+|l['’])?$",
                           re.IGNORECASE)
_PRONOUN = re.compile(r"\b(?:whom|they|we|he|she|it)\b", re.IGNORECASE)
_SUBJECT_OF_CLAUSE = re.compile(r",?\s*(?:who|which|che|i quali|la quale|il quale)\b", re.IGNORECASE)
_AFTER = re.compile(r"\b(?:after|following|dopo|in seguito)\b", re.IGNORECASE)
NEAR = 40  # characters around a score in which its qualifiers ("on penalties") are looked for


@dataclass
class Result:
    """A match the text reports, once `home` is known."""

    sentence: Sentence
    teams: tuple[str, str]  # the two clubs, in text order
    goals: dict[str, int]  # club -> goals at the end of normal time
    home: str | None = None
    home_cues: list[tuple[str, str]] = field(default_factory=list)  # (club at home, how we know)
    aet: dict[str, int] | None = None
    pens: dict[str, int] | None = None
    notes: list[str] = field(default_factory=list)  # what a person should check
    also: list[Sentence] = field(default_factory=list)  # other sentences stating the same result
    at: int = 0  # where the score is in its sentence
    main: bool = True  # about clubs the article is about, not another game of the round
    youth: str = ""  # "U19": both sides are the clubs' youth sides, named so

    @property
    def away(self) -> str | None:
        if self.home is None:
            return None
        return self.teams[1] if self.home == self.teams[0] else self.teams[0]

    def score(self, goals: dict[str, int] | None) -> Score | None:
        if goals is None or self.home is None:
            return None
        return Score(goals[self.home], goals[self.away])


@dataclass(frozen=True)
class Aggregate:
    sentence: Sentence
    high: int
    low: int
    leader: str | None  # the club ahead on aggregate, when the sentence says


@dataclass(frozen=True)
class _Partial:
    """A score whose sentence names fewer than two clubs: it may complete the article's match."""

    sentence: Sentence
    main: "_Scored | None"
    others: tuple["_Scored", ...]
    mentions: tuple[TeamMention, ...]
    grounds: tuple[Ground, ...]


@dataclass
class Findings:
    results: list[Result] = field(default_factory=list)
    aggregates: list[Aggregate] = field(default_factory=list)
    review: list[tuple[Sentence, str]] = field(default_factory=list)  # (sentence, why)
    partial: list[_Partial] = field(default_factory=list)


@dataclass(frozen=True)
class _Scored:
    start: int  # offset in the sentence
    end: int
    first: int
    second: int
    kind: str  # "score", "normal", "aet", "pens", "aggregate", "half"


def find_results(layout: Layout, names: Names, places: dict[str, set[str]]) -> Findings:
    findings = Findings()
    listed = _list_lines(layout, names, findings)
    for sentence in layout.sentences:
        if sentence.block in listed:
            continue
        scored = _scores(sentence.text)
        if scored and _live(layout.blocks[sentence.block].text, sentence.text):
            findings.review.append((sentence, "a score while the game was still going (a live report's line), "
                                              "not a final score"))
        elif scored:
            _sentence_results(sentence, scored, mentions_in(sentence, names), grounds_in(sentence, names), places,
                              findings)
        else:
            _split_scoreline(sentence, mentions_in(sentence, names), grounds_in(sentence, names), places, findings)
    findings.results.sort(key=lambda result: result.sentence.start)  # in the text's order
    return findings


def _list_lines(layout: Layout, names: Names, findings: Findings) -> set[int]:
    """The results of the text's list lines ("Sassuolo-Roma 1-3", "Inter - Milan 2-1 d.t.s. (1-1)"),
    home side first; the blocks that are list lines."""
    half_time_brackets = any(lists.HALF_TIME_HEADER.search(block.text) and not SCORE.search(block.text)
                             for block in layout.blocks)
    listed, header = set(), ""
    for index, block in enumerate(layout.blocks):
        end = block.start + len(block.text)
        mentions = [TeamMention(m.start - block.start, m.end - block.start, m.text, m.slug, m.how)
                    for m in names.teams if block.start <= m.start < end]
        line = lists.read_line(block.text, mentions, half_time_brackets=half_time_brackets,
                               return_fixtures=bool(cues.SECOND_LEG.search(header)))
        if line is None:
            header = block.text
            continue
        listed.add(index)
        sentence = Sentence(block.text, block.start, index, block.heading)
        if any(pattern.search(header) for pattern in (cues.HYPOTHETICAL, cues.UNFINISHED)):
            findings.review.append((sentence, "a list under a heading that says its scores may not be results "
                                              f"({header!r})"))
            continue
        if line.why_not:
            findings.review.append((sentence, line.why_not))
            continue
        home, away = line.home.slug, line.away.slug
        result = Result(sentence, (home, away), {home: line.score[0], away: line.score[1]}, at=line.home.start,
                        youth=line.youth)
        if line.first_leg:
            result.home_cues.append((home, "a return fixture's bracket gives the first leg, at the other side's"))
            result.notes.append("the first leg, read from the bracket of the return fixture (its score in the "
                                "fixture's order): check it")
        else:
            result.home_cues.append((home, "a results list names the home side first"))
        if line.aet:
            result.aet = {home: line.aet[0], away: line.aet[1]}
        if line.pens:
            result.pens = {home: line.pens[0], away: line.pens[1]}
            if not line.aet:
                result.notes.append("a shoot-out: if extra time was played, add `aet` (the list does not say)")
        findings.results.append(result)
    return listed


def mentions_in(sentence: Sentence, names: Names) -> list[TeamMention]:
    end = sentence.start + len(sentence.text)
    return [TeamMention(m.start - sentence.start, m.end - sentence.start, m.text, m.slug, m.how)
            for m in names.teams if sentence.start <= m.start < end]


def _live(block: str, sentence: str) -> bool:
    """A line of a live report ("78 min: GOAL! Newcastle 1-1 Everton"), unless it says the game ended."""
    return bool(cues.LIVE_LINE.search(block)) and not cues.ENDED.search(sentence) and not cues.HALF_TIME.search(sentence)


def grounds_in(sentence: Sentence, names: Names) -> list[Ground]:
    end = sentence.start + len(sentence.text)
    return [Ground(g.start - sentence.start, g.end - sentence.start, g.text, g.slugs, g.nation)
            for g in names.grounds if sentence.start <= g.start < end]


def _scores(text: str) -> list[_Scored]:
    found = [_Scored(match.start(), match.end(), *goals, _kind(text, match.start(), match.end()))
             for match, goals in _word_scores(text)]
    for match in SCORE.finditer(text):
        first, second = int(match.group(1)), int(match.group(2))
        if first > MAX_GOALS or second > MAX_GOALS or _quoted(text, match.start()):
            continue
        if ":" in match.group() and (len(match.group(1)) > 1 or len(match.group(2)) > 1):
            continue  # a time of day (15:00, 2:15), not a score
        if any(len(part) > 1 and part.startswith("0") for part in match.groups()):
            continue  # a date (12-03), not a score
        found.append(_Scored(match.start(), match.end(), first, second, _kind(text, match.start(), match.end())))
    return found


def _word_scores(text: str) -> list[tuple[re.Match, tuple[int, int]]]:
    """Scores in words: "a goalless draw", "a reti bianche" (0-0), "a two-nil win", "per due a zero"."""
    found = [(match, (0, 0)) for match in cues.NIL_NIL.finditer(text) if not SCORE.search(match.group())]
    for match in cues.WORD_SCORE.finditer(text):
        first, second = [cues.NUMBER_WORDS[word.lower()] for word in match.groups() if word]
        if "nil" in match.group().lower() or match.group(3):  # "one-two" alone is a pass, not a score
            found.append((match, (first, second)))
    return found


def _quoted(text: str, at: int) -> bool:
    return len(cues.QUOTE.findall(text[:at])) % 2 == 1


def _kind(text: str, start: int, end: int) -> str:
    """What a score is, from the qualifiers beside it; those after it count up to the next score."""
    following = SCORE.search(text, end)
    if following:  # up to the next score, or to the clause break before it ("2-1 at home, but 3-3 on aggregate")
        breaks = list(_CLAUSE_BREAK.finditer(text, end, following.start()))
        text = text[:breaks[0].start() if breaks else following.start()]
    previous = [found.end() for found in SCORE.finditer(text, 0, start)]
    if previous:  # "won 4-3 on penalties after a 1-1 draw": the cue between them is the nearer one's
        text = " " * ((previous[-1] + start) // 2) + text[(previous[-1] + start) // 2:]
    for kind, pattern, reach in (("pens", cues.SHOOTOUT, 50), ("aggregate", cues.AGGREGATE, NEAR),
                                 ("aet", cues.EXTRA_TIME, 25), ("normal", cues.NORMAL_TIME, 25)):
        # a shoot-out's score is written next to it: "2-2, eliminati ai rigori" is the match's score
        if _near(pattern, text, start, end, reach, 25, across_commas=kind != "pens"):
            return kind
    if _near(cues.HALF_TIME, text, start, end, NEAR, 25):
        return "half"
    return "score"


def _near(pattern: re.Pattern, text: str, start: int, end: int, before: int, after: int, *,
          across_commas: bool = True) -> bool:
    """Whether `pattern` matches within `before` characters before text[start:end] or `after` after
    it (after it and past a comma or semicolon only when `across_commas`)."""
    for match in pattern.finditer(text, max(0, start - before - 30), min(len(text), end + after + 30)):
        if match.end() <= start and start - match.start() <= before and not _AFTER.search(text, match.end(), start):
            return True  # not "ai calci di rigore dopo l'1-1": that is the score before the shoot-out
        if match.start() >= end and match.start() - end <= after \
                and (across_commas or not re.search(r"[,;]", text[end:match.start()])):
            return True
    return False


def _sentence_results(sentence: Sentence, scored: list[_Scored], mentions: list[TeamMention], grounds: list[Ground],
                      places: dict[str, set[str]], findings: Findings) -> None:
    text = sentence.text
    for item in scored:
        if item.kind == "aggregate":
            findings.aggregates.append(Aggregate(sentence, max(item.first, item.second), min(item.first, item.second),
                                                 _aggregate_leader(text, item, mentions)))
    mains = [item for item in scored if item.kind in ("score", "normal")]
    if not mains:
        extras = tuple(item for item in scored if item.kind in ("aet", "pens"))
        if extras and not _not_a_result(text, extras[0], 0, len(text)):
            findings.partial.append(_Partial(sentence, None, extras, tuple(mentions), tuple(grounds)))
        return
    bounds = _segments(text, mains, mentions)
    whys = [_not_a_result(text, item, low, high) for item, (low, high) in zip(mains, bounds)]
    for item, (low, high), why in zip(mains, bounds, whys):
        if len(mains) > 1 and sum(not w for w in whys) == 1 and not why:
            low, high = 0, len(text)  # the only final score: "came from 2-0 down to win 3-2 at home to Benfica"
        if len({m.slug for m in mentions if low <= m.start < high}) > 2:
            low, high = _clause(text, item, low, high)
        segment_mentions = [m for m in mentions if low <= m.start < high]
        others = [other for other in scored if low <= other.start < high and other.kind in ("aet", "pens")]
        if why:
            if segment_mentions:
                findings.review.append((sentence, why))
            continue
        host = _host_by_ground(text, segment_mentions, grounds, low, high)
        if host is not None:  # "Arsenal won 2-1 at Villa Park": the opponent is the ground's club
            segment_mentions = sorted([*segment_mentions, host], key=lambda m: m.start)
        if len(set(m.slug for m in segment_mentions)) < 2 and sum(not w for w in whys) == 1:
            findings.partial.append(_Partial(sentence, item, tuple(others), tuple(segment_mentions), tuple(grounds)))
            continue
        result, why = _result(text, item, others, segment_mentions, grounds, places, low, high)
        if result is None:
            if why:
                findings.review.append((sentence, why))
            continue
        result.sentence, result.at = sentence, item.start
        findings.results.append(result)


_NEUTRAL = re.compile(r"\b(?:final|finals|semi|finale|semifinale|neutral|neutro|play-?off)", re.IGNORECASE)


def _host_by_ground(text: str, mentions: list[TeamMention], grounds: list[Ground], low: int, high: int):
    """The club whose ground a result names when the sentence names only the other club ("Arsenal
    won 2-1 at Villa Park"), as a mention at the ground; None when the ground is shared, is the
    named club's own, or the game may have been at a neutral venue (a final, a semi-final)."""
    clubs = {m.slug for m in mentions}
    if len(clubs) != 1 or _NEUTRAL.search(text):
        return None
    for ground in grounds:
        if low <= ground.start < high and len(ground.slugs) == 1 and not ground.slugs & clubs \
                and ground.nation not in ground.slugs:  # a national stadium hosts cup finals too
            return TeamMention(ground.start, ground.end, ground.text, next(iter(ground.slugs)), "ground")
    return None


def _split_scoreline(sentence: Sentence, mentions: list[TeamMention], grounds: list[Ground],
                     places: dict[str, set[str]], findings: Findings) -> None:
    """A score written beside each club, home side first: "Arsenal 2 Chelsea 1", "Milan 3, Lecce 0";
    several in one sentence ("Everton 2 Fulham 0; Brentford 1 Wolves 1")."""
    text = sentence.text
    if len({m.slug for m in mentions}) < 2:
        return
    taken = -1
    for first, second in zip(mentions, mentions[1:]):
        if first.start <= taken:
            continue  # the second club of the scoreline before
        between = _GOALS_BETWEEN.fullmatch(text, first.end, second.start)
        after = _GOALS_AFTER.match(text, second.end)
        if first.slug == second.slug or not between or not after:
            continue
        goals = (int(between.group(1)), int(after.group(1)))
        if max(goals) > MAX_GOALS:
            return
        if cues.HYPOTHETICAL.search(text) or cues.FUTURE.search(text):
            findings.review.append((sentence, "a scoreline in a sentence that says what would happen, not what did"))
            return
        if cues.EXTRA_TIME.search(text, after.end(), after.end() + 30) or cues.HALF_TIME.search(text):
            findings.review.append((sentence, "a scoreline after extra time, or at half-time, without the score "
                                              "after 90 minutes: not taken as a result"))
            return
        result = Result(sentence, (first.slug, second.slug), dict(zip((first.slug, second.slug), goals)),
                        at=first.end)
        result.home_cues.append((first.slug, "the scoreline names the home side first"))
        # venue words up to the next scoreline's club: "Everton 2 Fulham 0 at Goodison; Brentford 1 Wolves 1"
        upto = next((m.start for m in mentions if m.start > second.end), len(text))
        result.home_cues.extend(venue_cues(text, mentions, result.teams, places, max(taken, 0), upto, grounds))
        findings.results.append(result)
        taken = second.start


_GOALS_BETWEEN = re.compile(r"\s+(\d{1,2})\s?,?\s+")  # "Arsenal 2 Chelsea 1", "Arsenal 2, Chelsea 1", "Arsenal 2 , Chelsea 1"
_GOALS_AFTER = re.compile(r"\s+(\d{1,2})(?![\w'’]|[-–—:/.,]\d|\s*(?:pts|points|punti))", re.IGNORECASE)
# Where a clause ends, for a score in a sentence naming more than its two clubs.
# The next game a result leads to ("to set up a tie against Forest", "e affronterà l'Empoli") ends it too.
_CLAUSE_END = re.compile(r",\s+(?:e|ed|and|ma|but|mentre|while|where|dove|before|prima di)\s+|;\s+|\s+[—–]\s+|"
                         r",?\s+(?:to set up|setting up|and (?:will|now) (?:face|meet|play)|to book|booking|"
                         r"e (?:ora )?(?:affronterà|affronteranno|sfiderà|sfideranno|troverà|troveranno)|per (?:affrontare|sfidare))\s+",
                         re.IGNORECASE)


def _clause(text: str, item: _Scored, low: int, high: int) -> tuple[int, int]:
    """The clause of text[low:high] the score is in ("elimina il Cagliari 1-1 ..., e affronterà l'Empoli")."""
    ends = list(_CLAUSE_END.finditer(text, low, high))
    start = max((found.end() for found in ends if found.end() <= item.start), default=low)
    end = min((found.start() for found in ends if found.start() >= item.end), default=high)
    return start, end


def _segments(text: str, mains: list[_Scored], mentions: list[TeamMention]) -> list[tuple[int, int]]:
    """Each main score's stretch of the sentence: split between scores at the last clause break
    after which the next score still has its two clubs ("3-0 at St James' Park, | while West Ham
    and Everton drew 0-0"; "won 5-4 at Benfica and | Aston Villa beat Monaco 3-2")."""
    cuts = [0]
    for before, after in zip(mains, mains[1:]):
        breaks = list(_CLAUSE_BREAK.finditer(text, before.end, after.start))
        paired = [found for found in breaks
                  if len({m.slug for m in mentions if found.end() <= m.start < after.start}) >= 2]
        chosen = (paired or breaks)[-1:]
        cuts.append(chosen[0].end() if chosen else before.end)  # "came back from 2-0 | down to win 3-2"
    cuts.append(len(text))
    return list(zip(cuts, cuts[1:]))


def _not_a_result(text: str, item: _Scored, low: int, high: int) -> str:
    segment = text[low:high]
    if any(found.start() <= item.start < found.end() for found in cues.COMEBACK.finditer(text)):
        return "a score while the game was still going, not a final score"  # "came from 2-0 down"
    told = _without(_without(text, cues.WIN), cues.COMEBACK)
    verbs = [found.end() for pattern in (cues.WIN, cues.LOSE, cues.DRAW, cues.ENDED)
             for found in pattern.finditer(text, max(low, item.start - NEAR), item.start)]
    # A running cue before a result word ("2-0 down at half-time, they won 3-2") is the story, not this score.
    window = told[max(low, item.start - NEAR, max(verbs, default=0)):min(high, item.end + NEAR)]
    if item.kind == "half" or cues.HALF_TIME.search(text[max(low, item.start - NEAR):item.start]):
        return ""
    if cues.UNFINISHED.search(text[max(low, item.start - 60):min(high, item.end + NEAR)]):
        return "a match that was not played to its end (abandoned, suspended, postponed): no result"
    if cues.RUNNING.search(window) and item.kind != "normal" or cues.LIVE.search(segment):
        return "a score while the game was still going, not a final score"
    if any(not re.search(r"[:;]", text[found.end():item.start])  # not "sogna lo scudetto: battuta l'Inter 2-1"
           for found in cues.HYPOTHETICAL.finditer(text, max(low, item.start - NEAR), item.start)):
        return "a score in a sentence that says what would happen, not what did"
    if cues.REPEATED.search(text, item.end, min(high, item.end + NEAR)):
        return "a score repeated over several games, not one match's"
    if cues.PAST_MEETING.search(_without(segment, cues.DAY_FRAME) if low == 0 else segment):
        return "a score from an earlier meeting, not this article's match"
    if cues.OTHER_DAY.search(text):
        return "a result of another day or competition, not this article's match"
    return ""


def _without(text: str, pattern: re.Pattern) -> str:
    """`text` with what `pattern` matches blanked out ("came from behind to beat" is no running score)."""
    return pattern.sub(lambda found: " " * len(found.group()), text)


def compose(findings: Findings, focus: tuple[str, str], places: dict[str, set[str]]) -> None:
    """Complete the article's own match from sentences that name one club or none
    ("the game finished 1-1 after 90 minutes"; "Fernández won it for Chelsea, 2-1 after
    extra time"): only in an article about one pair of clubs, from sentences naming
    no other club."""
    existing = next((r for r in findings.results if set(r.teams) == set(focus)), None)
    # Scores first, then what extra time and a shoot-out add to them, wherever each is stated.
    for partial in sorted(findings.partial, key=lambda partial: partial.main is None):
        if any(m.slug not in focus for m in partial.mentions):
            continue
        text = partial.sentence.text
        if partial.main is not None and existing is None:
            if partial.main.kind != "normal" and not cues.ENDED.search(text) and not _won_by(text, partial.main):
                continue  # "Inter have won 3-0 in each of their last home games": not this match
            result, why = _result(text, partial.main, list(partial.others), list(partial.mentions),
                                  list(partial.grounds), places,
                                  0, len(text), pair_hint=focus)
            if result is None:
                findings.review.append((partial.sentence, why))
                continue
            result.sentence, result.at = partial.sentence, partial.main.start
            findings.results.append(result)
            existing = result
        elif partial.main is None and existing is not None and existing.goals:
            before = (existing.aet, existing.pens)
            _extra(existing, text, None, list(partial.others), None, list(partial.mentions), existing.teams)
            if (existing.aet, existing.pens) == before:
                findings.review.append((partial.sentence, "a score after extra time or a shoot-out that does not "
                                                          "fit the match: not taken"))
        elif partial.main is None:
            findings.review.append((partial.sentence, "a score after extra time or a shoot-out, without the score "
                                                      "after 90 minutes: not taken as a result"))


def _won_by(text: str, item: _Scored) -> bool:
    """A result word right beside the score, and nothing saying it happened again and again
    ("Liverpool won the derby 2-1"; not "won 3-0 in each of their last home games")."""
    verb = _verb(text, item, max(0, item.start - 30), min(len(text), item.end + 30))
    return verb is not None and verb[1] != "end" and not cues.HABITUAL.search(text)


def _result(text: str, item: _Scored, others: list[_Scored], mentions: list[TeamMention], grounds: list[Ground],
            places: dict[str, set[str]], low: int, high: int,
            pair_hint: tuple[str, str] | None = None) -> tuple[Result | None, str]:
    scoreline = _scoreline(text, item, mentions)
    clubs = list(dict.fromkeys(m.slug for m in mentions))
    verb = _verb(text, item, low, high)
    if scoreline is None and verb is None and item.kind != "normal":
        return None, "a score without a word that makes it a final result (won, lost, drew, ended)"
    if scoreline:
        pair = scoreline
    elif pair_hint and set(clubs) <= set(pair_hint):
        pair = pair_hint
    elif len(clubs) == 2:
        pair = (clubs[0], clubs[1])
    elif len(clubs) < 2:
        return None, "a result that names fewer than two clubs: which match is it?"
    elif len(_this_games_clubs(text, mentions)) == 2:
        pair = _this_games_clubs(text, mentions)
    elif _verb_pair(text, item, mentions):
        pair = _verb_pair(text, item, mentions)
    else:
        return None, "a result in a sentence naming several clubs: which two played?"
    level = item.first == item.second
    result = Result(sentence=None, teams=pair, goals={})
    if scoreline:
        result.goals = {pair[0]: item.first, pair[1]: item.second}
        result.home_cues.append((pair[0], "the scoreline names the home side first"))
    if not level:
        winner = (_winner(text, verb, mentions, pair) if verb else None) or _score_to(text, item, mentions, pair)
        if winner is None and verb and verb[1] == "end":  # "Roma-Bologna finisce 0-2", "lost at home: it ended 0-2"
            told = _verb(text, item, low, verb[0], _RESULT_WORDS[:2])
            winner = _winner(text, told, mentions, pair) if told else None
            fixture = fixture_first(text, mentions, pair)
            if winner is None and fixture:
                winner = fixture if item.first > item.second else (pair[1] if fixture == pair[0] else pair[0])
        if winner is None and not scoreline:
            return None, "a result whose winner the sentence does not make clear"
        if winner is not None:
            loser = pair[1] if winner == pair[0] else pair[0]
            goals = {winner: max(item.first, item.second), loser: min(item.first, item.second)}
            if result.goals and result.goals != goals:
                return None, "the scoreline and the words disagree on who won"
            result.goals = goals
            if not scoreline and verb[1] == "win" and item.first < item.second:
                result.home_cues.append((loser, "the score is written home first, the winner second"))
    elif not result.goals:
        result.goals = {pair[0]: item.first, pair[1]: item.second}
    _extra(result, text, item, others, verb, mentions, pair)
    if level and result.pens is None and cues.SHOOTOUT.search(text):
        result.notes.append("a shoot-out the sentence tells without its score: add `pens`, and `aet` if extra "
                            "time was played")
    result.home_cues.extend(venue_cues(text, mentions, pair, places, low, high, grounds))
    fixture = fixture_first(text, mentions, pair)
    if fixture and not scoreline:
        result.home_cues.append((fixture, "the fixture, named home side first, opens the sentence"))
    return result, ""


# What may stand between a result word and its score or the club it governs: "beat Sweden 2-1",
# "batte 3-1 la Norvegia", "ha battuto per 2 a 0 la Grecia", "defeated Palestine 5-0".
_VERB_TO_CLUB = re.compile(r"\s*[^\W\d]+(?:\s+[^\W\d]+){0,2}?(?:\s+(?:per\s+)?\d{1,2}\s?(?:[-–—:]|a)\s?\d{1,2})?"
                           r"(?:\s+(?:the|il|la|lo|l['’]|i|gli|le|over|against|contro|by|su[il]?|sulla|sull['’]))?\s*",
                           re.IGNORECASE)


def _this_games_clubs(text: str, mentions: list[TeamMention]) -> tuple[str, ...]:
    """The clubs a sentence names, but the one a result leads to next ("Brentford will host
    Burnley after winning 3-2 at Wolves": Brentford and Wolves)."""
    return tuple(dict.fromkeys(m.slug for m in mentions
                               if not cues.NEXT_OPPONENT.search(text[max(0, m.start - 50):m.start])))


def _verb_pair(text: str, item: _Scored, mentions: list[TeamMention]) -> tuple[str, str] | None:
    """In a sentence naming more clubs, the two a result word joins with its score: "Spain beat
    Sweden 2-1 in Seville", "L'Italia batte 3-1 la Norvegia a Torino"."""
    for first, second in zip(mentions, mentions[1:]):
        between = text[first.end:second.start]
        if first.slug == second.slug or not _VERB_TO_CLUB.fullmatch(between) \
                or not any(pattern.search(between) for _, pattern in _RESULT_WORDS[:3]):
            continue
        if first.end <= item.start < second.start or 0 <= item.start - second.end <= 4:
            return first.slug, second.slug
    return None


# "Inter-Milan finisce 1-1", "Everton v Fulham: 1-2 the final score": a fixture that opens a sentence.
_FIXTURE_JOIN = re.compile(r"\s*(?:(?:Women|Ladies|Femminile|U-?\d{2}|Under[- ]?\d{2})\s*)?(?:[-–—]|v\.?|vs\.?)\s*",
                           re.IGNORECASE)


def fixture_first(text: str, mentions: list[TeamMention], pair: tuple[str, str]) -> str | None:
    """The home club of a fixture written home first ("A-B", "A v B") at the start of the sentence."""
    ours = [m for m in mentions if m.slug in pair]
    if len(ours) < 2 or ours[0].slug == ours[1].slug or re.search(r"\w", text[:ours[0].start]):
        return None
    return ours[0].slug if _FIXTURE_JOIN.fullmatch(text, ours[0].end, ours[1].start) else None


def _scoreline(text: str, item: _Scored, mentions: list[TeamMention]) -> tuple[str, str] | None:
    """ "Atalanta 1-3 Club Brugge" or "Atalanta-Club Brugge 1-3": the home club first."""
    before = [m for m in mentions if m.end <= item.start]
    after = [m for m in mentions if m.start >= item.end and _gap(text[item.end:m.start])
             and m.how == "name" and not re.search(r"[,;:.]", text[item.end:m.start])]  # not "2-2, bianconeri out"
    if not before or not _gap(text[before[-1].end:item.start]):
        return None
    if after and before[-1].slug != after[0].slug:
        return before[-1].slug, after[0].slug
    if len(before) >= 2:
        first, second = before[-2], before[-1]
        if first.slug != second.slug and _FIXTURE_JOIN.fullmatch(text, first.end, second.start):
            return first.slug, second.slug
    return None


def _gap(between: str) -> bool:
    """Nothing but spaces or a dash between a club and a score: a score in brackets after two
    clubs ("Arsenal-Porto (0-1)") is a first leg's or a half-time score, not theirs."""
    return len(between) <= 3 and not re.search(r"[\w(\[]", between)


_RESULT_WORDS = (("win", cues.WIN), ("lose", cues.LOSE), ("draw", cues.DRAW), ("end", cues.ENDED))


def _verb(text: str, item: _Scored, low: int, high: int, words=_RESULT_WORDS) -> tuple[int, str] | None:
    """The result word nearest the score in its segment: (offset, "win" | "lose" | "draw" | "end")."""
    found = []
    for polarity, pattern in words:
        for match in pattern.finditer(text, low, high):
            found.append((abs(match.start() - item.start), match.start(), polarity))
    if not found:
        return None
    _, offset, polarity = min(found)
    if polarity == "win" and cues.PASSIVE.match(text, offset):
        polarity = "lose"
    elif polarity == "win" and cues.DEFEATED_PARTICIPLE.match(text, offset) \
            and cues.LOSER_BEFORE.search(text[max(0, offset - 30):offset]):
        polarity = "lose"  # "Genoa battuto 1-0", "è stato battuto": the club before lost
    elif polarity == "win" and any(not re.search(r"[,;]|\band\b", text[found.end():offset])
                                   for found in cues.SUFFERED.finditer(text, max(0, offset - 40), offset)):
        polarity = "lose"  # "il Genoa subisce il tris": the club before lost
    return offset, polarity


# "2-1 to Liverpool", "3-0 in favour of Inter", "2-1 a favore del Napoli": the club the score goes to won.
_SCORE_TO = re.compile(r"\s+(?:to|in favour of|a favore d(?:i|el|ella|ello|ell['’]|ei|egli))\s*(?:the\s+)?",
                       re.IGNORECASE)


def _score_to(text: str, item: _Scored, mentions: list[TeamMention], pair: tuple[str, str]) -> str | None:
    after = _SCORE_TO.match(text, item.end)
    if after is None:
        return None
    return next((m.slug for m in mentions if m.start == after.end() and m.slug in pair), None)


_DEFEAT_OF = re.compile(r"defeats?\s+of\s+(?:the\s+)?", re.IGNORECASE)
# A result given to a club: "gave Everton a 4-0 thrashing", "inflicted a 3-0 defeat on United",
# "infligge al Milan una sconfitta", "regala alla Lazio una vittoria".
_GIVE = re.compile(r"\b(?:gave|give[sn]?|handed|hands?|dealt|deals?|inflict(?:ed|s)?|infligg(?:e|ono)|inflitt[oa]|"
                   r"regal(?:a|ano|ato)|consegn(?:a|ano|ato))\b", re.IGNORECASE)


def _given(text: str, offset: int, polarity: str, mentions: list[TeamMention], pair: tuple[str, str]) -> str | None:
    """The winner of a result told as given to a club: the club it is given to loses a defeat or
    a thrashing, and wins a win."""
    gives = list(_GIVE.finditer(text, max(0, offset - 45), offset))
    if not gives:
        return None
    recipient = next((m.slug for m in mentions if m.start >= gives[-1].end() and m.slug in pair), None)
    if recipient is None:
        return None
    giver = pair[1] if recipient == pair[0] else pair[0]
    inflicted = polarity == "lose" or text[offset:offset + 20].split(" ")[0].lower().endswith("ing")
    return giver if inflicted else recipient


# A result noun the sentence's subject owns: "Bournemouth stunned City with a 2-1 win", "PSG beat
# Liverpool on penalties after a 1-0 win at Anfield", "con un 2-1".
_SUBJECTS_NOUN = re.compile(r"\b(?:with|after|following|thanks to|con|dopo|grazie a)\s+"
                            r"(?:an?|the|un[ao]?|il|la|lo|l['’])\s*(?:[\w-]+\s+){0,2}$", re.IGNORECASE)


def _subjects(text: str, offset: int, mentions: list[TeamMention], pair: tuple[str, str]) -> str | None:
    """The club whose win or defeat a result noun after "with a", "after a" is: the sentence's
    subject, or the agent of a passive verb ("City were stunned by Bournemouth with a 2-1 win")."""
    noun = _SUBJECTS_NOUN.search(text, max(0, offset - 30), offset)
    ours = [m for m in mentions if m.slug in pair and noun and m.end <= noun.start()]
    if not ours:
        return None
    passive = cues.PASSIVE.search(text, ours[0].end, noun.start())
    agent = next((m.slug for m in ours if passive and m.start >= passive.end()), None)
    return agent or ours[0].slug


def _winner(text: str, verb: tuple[int, str], mentions: list[TeamMention], pair: tuple[str, str]) -> str | None:
    """The club before the result word won ("Bayern beat", "Brugge capace di imporsi") or lost
    ("Atalanta's 6-1 defeat", "Milan, beaten by")."""
    offset, polarity = verb
    if polarity not in ("win", "lose"):
        return None
    given = _given(text, offset, polarity, mentions, pair)
    if given:
        return given
    beaten = _DEFEAT_OF.match(text, offset)  # "Chelsea's 3-0 defeat of Tottenham": Tottenham lost
    loser = beaten and next((m.slug for m in mentions if m.start == beaten.end() and m.slug in pair), None)
    if loser:
        return pair[1] if loser == pair[0] else pair[0]
    owner = _subjects(text, offset, mentions, pair)
    if owner:
        return owner if polarity == "win" else (pair[1] if owner == pair[0] else pair[0])
    before = [m for m in mentions if m.end <= offset and m.slug in pair
              and (not cues.OPPONENT_BEFORE.search(text[max(0, m.start - 25):m.start])
                   or _SUBJECT_OF_CLAUSE.match(text, m.end))]  # "against Brugge, who go through"
    if not before:
        after = [m for m in mentions if m.start > offset and m.slug in pair
                 and _OWNER_BEFORE.search(text[max(0, m.start - 12):m.start])]
        if not after:
            return None
        return after[0].slug if polarity == "win" else (pair[1] if after[0].slug == pair[0] else pair[0])
    subject = before[-1].slug
    if _PRONOUN.search(text, before[-1].end, offset):
        return None  # "PSV, whom they beat 5-1": the one who won is not the club named
    if polarity == "win":
        return subject
    return pair[1] if subject == pair[0] else pair[0]


def _aggregate_leader(text: str, item: _Scored, mentions: list[TeamMention]) -> str | None:
    """The club ahead on aggregate: the one that goes through or out of the tie ("Inter drew 1-1
    with Porto to go through 3-2": the sentence's subject; "lost to Brugge, who go through": the
    club the clause hangs on), else the one that wins or loses it."""
    clubs = list(dict.fromkeys(m.slug for m in mentions))
    if len(clubs) != 2:
        return None
    through = _verb(text, item, 0, len(text), (("win", cues.ADVANCE), ("lose", cues.KNOCKED_OUT)))
    if through and abs(through[0] - item.start) <= NEAR:
        offset, polarity = through
        before = [m for m in mentions if m.end <= offset]
        hanging = [m for m in before if _SUBJECT_OF_CLAUSE.match(text, m.end)]
        subject = hanging[-1] if hanging and hanging[-1] is before[-1] else (before[0] if before else None)
        if subject is None:
            return None
        return subject.slug if polarity == "win" else next(slug for slug in clubs if slug != subject.slug)
    verb = _verb(text, item, 0, len(text))
    return _winner(text, verb, mentions, (clubs[0], clubs[1])) if verb else None


def _extra(result: Result, text: str, item: _Scored, others: list[_Scored], verb, mentions, pair) -> None:
    """Extra time and a shoot-out stated beside the score."""
    for other in others:
        high, low = max(other.first, other.second), min(other.first, other.second)
        line = _scoreline(text, other, mentions)
        if line is not None and set(line) == set(pair) and result.goals:  # "Lazio-Bologna 3-2 d.t.s."
            extra = {line[0]: other.first, line[1]: other.second}
            if other.kind == "aet" and all(extra[c] >= result.goals[c] for c in pair):
                result.aet = extra
            elif other.kind == "pens" and high != low:
                result.pens = extra
            else:
                continue
            result.home_cues.append((line[0], "the scoreline names the home side first"))
            continue
        if other.kind == "aet":
            if high == low:
                result.aet = {pair[0]: high, pair[1]: high}
            elif result.goals and all(result.goals[c] <= g for c, g in zip(pair, (high, high))):
                leader = _winner(text, _verb(text, other, 0, len(text)) or (0, ""), mentions, pair)
                if leader:
                    result.aet = {leader: high, (pair[1] if leader == pair[0] else pair[0]): low}
            if result.aet is None:
                result.notes.append("extra time: whose goals are which is not clear")
            elif any(result.aet[c] < result.goals[c] for c in pair):
                result.notes.append("the score after extra time is lower than the score after 90 minutes")
                result.aet = None
        elif other.kind == "pens":
            # "won the shoot-out 4-3 after a 1-1 draw": who won it, not the draw before
            leader = _winner(text, _verb(text, other, 0, len(text), _RESULT_WORDS[:2]) or (0, ""), mentions, pair)
            if leader and high != low:
                result.pens = {leader: high, (pair[1] if leader == pair[0] else pair[0]): low}
            else:
                result.notes.append("a shoot-out whose winner is not clear")
    if result.pens and not result.aet and cues.EXTRA_TIME.search(text):
        result.notes.append("extra time was played: add `aet` with the score after 120 minutes")


def _verb_before(text: str, start: int, end: int) -> bool:
    """Whether a result word comes first in text[start:end]: then the club after it is its object
    ("battuto il Milan in casa": Milan is not the one at home)."""
    return any(pattern.search(text, start, end) for pattern in (cues.WIN, cues.LOSE, cues.DRAW))


def _next_leg_before(text: str, at: int) -> bool:
    """Whether the place at `at` is where the next leg or game is played ("the return leg in Porto")."""
    return any(0 <= at - found.end() <= 12 for found in cues.NEXT_LEG.finditer(text, max(0, at - 80), at))


def venue_cues(text: str, mentions: list[TeamMention], pair: tuple[str, str], places: dict[str, set[str]],
               low: int = 0, high: int | None = None, grounds: list[Ground] = ()) -> list[tuple[str, str]]:
    """(club at home, the words that say so) for the two clubs of a match, within text[low:high]."""
    high = len(text) if high is None else high
    ours = [m for m in mentions if m.slug in pair]
    found = []

    def other(slug: str) -> str:
        return pair[1] if slug == pair[0] else pair[0]

    for pattern, at_home in ((cues.HOME_OF_SUBJECT, True), (cues.AWAY_OF_SUBJECT, False)):
        for match in pattern.finditer(text, low, high):
            if cues.HOME_OF_NEXT.search(text[max(low, match.start() - 20):match.end() + 1] + " "):
                continue  # "away to X": X is the one at home
            if cues.NEXT_OPPONENT.search(text[max(low, match.start() - 20):match.end()]):
                continue  # "will host Burnley after winning at Wolves": the next game's home
            clause = max((b.end() for b in _STRONG_BREAK.finditer(text, low, match.start())), default=low)
            relative = [r for r in _RELATIVE.finditer(text, clause, match.start())]
            if relative:  # "beaten by Inter, who were at home": the club the clause hangs on
                antecedent = [m for m in ours if 0 <= relative[-1].start() - m.end <= 1]
                if antecedent:
                    found.append((antecedent[0].slug if at_home else other(antecedent[0].slug),
                                  f"“{match.group()}”"))
                continue
            before = [m for m in ours if clause <= m.start and m.end <= match.start()]
            if before and not _verb_before(text, clause, before[0].start):
                subject = before[0].slug
                found.append((subject if at_home else other(subject), f"“{match.group()}”"))
    for mention in ours:
        if _next_leg_before(text, mention.start):
            continue
        if cues.HOME_OF_NEXT.search(text[max(low, mention.start - 25):mention.start]):
            found.append((mention.slug, f"“{text[max(low, mention.start - 12):mention.end].strip()}”"))
        elif place_before(text, mention.start) and mention.how == "name":
            found.append((mention.slug, f"“{text[max(low, mention.start - 3):mention.end].strip()}”"))
    for word in _WORD.finditer(text, low, high):
        owners = places.get(name_key(word.group()), set()) & set(pair)
        if len(owners) == 1 and word.group()[0].isupper() and place_before(text, word.start(), coming_from=True) \
                and not _next_leg_before(text, word.start()):
            found.append((owners.pop(), f"“{text[max(low, word.start() - 3):word.end()].strip()}”"))
    for ground in grounds:
        owners = ground.hosts & set(pair)
        if low <= ground.start < high and len(owners) == 1 and not _next_leg_before(text, ground.start):
            found.append((next(iter(owners)), f"“{ground.text}”, its home ground"))
    return found
