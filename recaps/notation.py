"""Scores and verdicts as words, in the reader's language: '2–2 (a.e.t.)' / '2–2 (d.t.s.)',
'Club Brugge go through on aggregate, 5–2', leg names, and what each side needs from a
second leg. Pure: model values and a language code in, text out. Every word goes through
the language's catalogue (see recaps/i18n.py); scores are written with an en dash."""
from __future__ import annotations

from .i18n import club_in_sentence, translator
from .model import Match, Team, Tie
from .rules import Score, SecondLegNeed, away_goals_apply, second_leg_needs

DASH = "\u2013"


def _dash(first: int, second: int) -> str:
    return f"{first}{DASH}{second}"


def score_text(match: Match, lang: str = "en") -> str:
    """'1–3', '2–2 (a.e.t.)', '1–1 (a.e.t.) (4–3 pen.)': home first."""
    _ = translator(lang).gettext
    final = match.final
    text = _dash(final.home, final.away)
    if match.aet:
        text = _("%(score)s (a.e.t.)") % {"score": text}
    if match.pens:
        text += " " + _("(%(score)s pen.)") % {"score": _dash(match.pens.home, match.pens.away)}
    return text


def aggregate_text(tie: Tie, lang: str = "en") -> str:
    """'5–2 agg.', team 1 first; a single match's own score; '' while in progress."""
    aggregate = tie.result.aggregate
    if aggregate is None:
        return ""
    if tie.legs_needed == 1 and tie.legs[0]:
        return score_text(tie.legs[0], lang)
    return translator(lang).gettext("%(score)s agg.") % {"score": _dash(aggregate.home, aggregate.away)}


def leg_name(number: int, lang: str = "en") -> str:
    """'1st leg' / 'Andata', '2nd leg' / 'Ritorno'."""
    _ = translator(lang).gettext
    return _("1st leg") if number == 1 else _("2nd leg") if number == 2 else _("Leg %(number)s") % {"number": number}


def _for_winner(tie: Tie, score: Score | None) -> str:
    """A team-1-first score, the winner's goals first."""
    if score is None:
        return ""
    first, second = (score.home, score.away) if tie.winner == tie.team1 else (score.away, score.home)
    return _dash(first, second)


def _away_goals(tie: Tie) -> tuple[int, int]:
    """Away goals of the winner and of the loser, over both legs."""
    winner, loser = tie.winner.name, tie.loser.name
    count = {winner: 0, loser: 0}
    for match in tie.legs:
        if match:
            count[match.away.name] += match.as_leg.goals(match.away.name)
    return count[winner], count[loser]


def decided_text(tie: Tie, lang: str = "en", figures: bool = True) -> str:
    """How a decided tie was settled, the winner's figures first:
    'Club Brugge go through on aggregate, 5–2' / 'Il Club Brugge passa il turno ...'; '' while in progress.
    Without `figures` the aggregate is left out (a scoreboard shows it already), but a
    shoot-out's or the away goals' figures stay: 'Club Brugge go through on aggregate'."""
    winner = tie.winner
    if winner is None:
        return ""
    _ = translator(lang).gettext
    single = tie.legs_needed == 1
    last = tie.legs[-1]
    values = {"winner": club_in_sentence(winner, lang), "score": _for_winner(tie, tie.result.aggregate)}
    how = tie.result.decided_by
    if how == "penalties" and last and last.pens:
        first, second = sorted((last.pens.home, last.pens.away), reverse=True)
        values["pens"] = _dash(first, second)
        if not figures:
            text = (_("%(winner)s win on penalties, %(pens)s") if single
                    else _("%(winner)s go through on penalties, %(pens)s"))
        else:
            text = (_("%(winner)s win on penalties, %(pens)s, after a %(score)s draw") if single
                    else _("%(winner)s go through on penalties, %(pens)s, after a %(score)s aggregate"))
    elif how == "away_goals":
        values["away"] = _dash(*_away_goals(tie))
        text = (_("%(winner)s go through on away goals, %(away)s, after a %(score)s aggregate") if figures
                else _("%(winner)s go through on away goals, %(away)s"))
    elif how == "extra_time":
        if not figures:
            text = _("%(winner)s win after extra time") if single else _("%(winner)s go through after extra time")
        else:
            text = (_("%(winner)s win %(score)s after extra time") if single
                    else _("%(winner)s go through after extra time, %(score)s on aggregate"))
    elif not figures:
        text = _("%(winner)s win") if single else _("%(winner)s go through on aggregate")
    else:
        text = _("%(winner)s win %(score)s") if single else _("%(winner)s go through on aggregate, %(score)s")
    return _capital(text % values)


def settled_text(tie: Tie, lang: str = "en") -> str:
    """A bracket's mark for how a decided tie was settled: 'a.e.t.', 'away goals',
    '4–3 pen.' (the shoot-out, the winner's first); '' for goals in normal time."""
    _ = translator(lang).gettext
    how, last = tie.result.decided_by, tie.legs[-1]
    if tie.winner is None or how == "aggregate":
        return ""
    if how == "penalties" and last and last.pens:
        return _("%(score)s pen.") % {"score": _dash(*sorted((last.pens.home, last.pens.away), reverse=True))}
    return _("away goals") if how == "away_goals" else _("a.e.t.")


def table_scores(tie: Tie, lang: str = "en") -> dict:
    """A season table's cells, Wikipedia style: every score team 1 first, the aggregate
    marked (a) for away goals, (a.e.t.) after extra time or (X–Y p) for a shoot-out."""
    _ = translator(lang).gettext

    def from_team1(match: Match | None) -> str:
        if match is None:
            return ""
        flip = match.home != tie.team1
        final, pens = match.final, match.pens
        text = _dash(*((final.away, final.home) if flip else (final.home, final.away)))
        if match.aet:
            text = _("%(score)s (a.e.t.)") % {"score": text}
        if pens:
            text += " " + _("(%(score)s p)") % {"score": _dash(*((pens.away, pens.home) if flip else (pens.home, pens.away)))}
        return text

    result = tie.result
    if result.aggregate is None:
        aggregate = ""
    elif tie.legs_needed == 1:
        aggregate = from_team1(tie.legs[0])
    else:
        aggregate = _dash(result.aggregate.home, result.aggregate.away)
        last = tie.legs[-1]
        if result.decided_by == "away_goals":
            aggregate += " " + _("(a)")
        elif result.decided_by == "penalties" and last and last.pens:
            pens = last.pens
            one, two = (pens.away, pens.home) if last.home != tie.team1 else (pens.home, pens.away)
            aggregate += " " + _("(%(score)s p)") % {"score": _dash(one, two)}
        elif result.decided_by == "extra_time":
            aggregate = _("%(score)s (a.e.t.)") % {"score": aggregate}
    return {"aggregate": aggregate, "legs": [from_team1(match) for match in tie.legs]}


# ---------------------------------------------------------------- what each side needs

def _goals_word(count: int, lang: str) -> str:
    """'two' / 'due' for the small counts a margin takes; digits beyond."""
    _ = translator(lang).gettext
    words = {1: _("one"), 2: _("two"), 3: _("three"), 4: _("four"), 5: _("five"), 6: _("six")}
    return words.get(count, str(count))


def _result_phrase(own: int, other: int, lang: str) -> str:
    """A result from one side's view: 'a 1–0 win', 'a 2–1 defeat', a '1–1 draw' (the larger figure first)."""
    _ = translator(lang).gettext
    if own > other:
        return _("a %(score)s win") % {"score": _dash(own, other)}
    if own < other:
        return _("a %(score)s defeat") % {"score": _dash(other, own)}
    return _("a %(score)s draw") % {"score": _dash(own, other)}


def _need_clause(team: Team, need: SecondLegNeed, at_home: bool, lang: str) -> str:
    _ = translator(lang).gettext
    values = {"team": club_in_sentence(team, lang), "goals": _goals_word(abs(need.win_by), lang)}
    if need.win_by >= 2:
        text = (_("%(team)s need to win by %(goals)s goals at home") if at_home
                else _("%(team)s need to win by %(goals)s goals"))
    elif need.win_by == 1:
        text = _("%(team)s need to win at home") if at_home else _("%(team)s need to win")
    elif need.win_by == 0:
        text = _("%(team)s go through with a draw")
    elif need.win_by == -1:
        text = _("%(team)s go through even if they lose by one goal")
    else:
        text = _("%(team)s go through even if they lose by %(goals)s goals")
    return text % values


def _extra_time_clause(need: SecondLegNeed, lang: str) -> str:
    """What takes the tie to extra time, from the chasing side's view."""
    _ = translator(lang).gettext
    edge = need.away_goals
    if edge is not None:
        if edge.extra_time is None:
            return ""
        return _("%(result)s takes the tie to extra time") % {
            "result": _result_phrase(edge.extra_time.home, edge.extra_time.away, lang)}
    margin = need.win_by - 1
    if margin == 0:
        return _("a draw takes the tie to extra time")
    return _("a %(goals)s-goal win takes the tie to extra time") % {"goals": _goals_word(margin, lang)}


def _away_goals_clause(team: Team, need: SecondLegNeed, lang: str) -> str:
    """What a levelling result brings the side on away goals, or ''."""
    _ = translator(lang).gettext
    edge = need.away_goals
    if edge is None or edge.enough is None:
        return ""
    enough = edge.enough
    values = {"team": club_in_sentence(team, lang), "result": _result_phrase(enough.home, enough.away, lang)}
    if edge.scoring_at_least is not None:  # away: more goals of its own are as good
        return _("%(result)s, or a higher-scoring one, is enough for %(team)s on away goals") % values
    last_conceded = edge.conceding_at_most
    if last_conceded is None or last_conceded == enough.away:
        return _("%(result)s is enough for %(team)s on away goals") % values
    values["last"] = _dash(enough.home + last_conceded - enough.away, last_conceded)
    return _("%(result)s, or anything up to %(last)s, is enough for %(team)s on away goals") % values


def tie_needs(tie: Tie) -> tuple[SecondLegNeed, SecondLegNeed] | None:
    """What each side needs from the second leg of a two-legged tie with only its first leg
    reported (team 1's first), or None for any other tie."""
    if tie.legs_needed != 2 or not tie.legs[0] or tie.legs[1] is not None or tie.result.status != "in_progress":
        return None
    competition = tie.competition
    away_goals = away_goals_apply(tie.season, competition.away_goals_since, competition.away_goals_until)
    return second_leg_needs(tie.legs[0].as_leg, away_goals=away_goals)


def second_leg_text(tie: Tie, lang: str = "en", *, brief: bool = False) -> list[str]:
    """What the second leg must bring each side, as sentences: the side with more to do
    first. `brief` leaves out what away goals change (for a card). [] when not applicable.

    "Milan need to win by two goals at home; a one-goal win takes the tie to extra time.",
    "Feyenoord go through with a draw."
    """
    needs = tie_needs(tie)
    if needs is None:
        return []
    _ = translator(lang).gettext
    neutral = tie.legs[0].neutral
    one, two = needs
    chaser, other = (one, two) if one.win_by > two.win_by else (two, one)
    sentences = []
    for need, first in ((chaser, True), (other, False)):
        team = tie.team1 if need.team == tie.team1.name else tie.team2
        clauses = [_need_clause(team, need, need.at_home and not neutral, lang)]
        if first:
            clause = _extra_time_clause(chaser, lang)
            if clause:
                clauses.append(clause)
        if not brief:
            clause = _away_goals_clause(team, need, lang)
            if clause:
                clauses.append(clause)
        sentences.append(_capital("; ".join(clauses)) + ".")
    if not brief and chaser.away_goals is not None and tie.competition.away_goals_in_extra_time:
        sentences.append(_("Away goals scored in extra time count too."))
    return sentences


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]
