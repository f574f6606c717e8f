"""One raw recap in, one draft out: front matter, body and what a person must review.

Pure: text, registry and the matches content/ already reports in; no disk.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..model import ReviewItem
from ..names import name_key, slugify
from ..registry import Registry
from ..rules import Score, Season, parse_score
from . import cues
from .dates import find_dates
from .events import find_events, settle_sides
from .evidence import article_cues
from .language import MIN_CONFIDENCE, detect
from .layout import DATELINE_START, Layout, Sentence, markdown_body, not_a_headline, read_layout
from .scores import SCORE, Findings, Result, compose, find_results
from .site import KnownMatch, other_leg
from .lists import UNKNOWN
from .nations import country_keys, is_national_team
from .tables import derived
from .teams import Names, closest_team_key, find_names, places

TITLE_MAX = 90
SLUG_MAX = 60  # a draft's file name: the title's first words, cut at a word boundary
# Leagues of these countries run from summer to summer, like UEFA's competitions.
SUMMER_SEASONS = {"ITA", "ESP", "ENG", "GER", "FRA", "BEL", "TUR", "POR", "NED", "GRE", "CZE", "AUT", "UKR", "SUI",
                  "SRB", "SCO", "ISR", "DEN", "SVK", "ROU", "POL", "HUN", "CYP", "CRO", "BUL", "AZE", "MDA", "RUS"}
_NAMED_BEFORE = re.compile(r"(?:[A-Z][\w'’-]*\s+){1,4}$")  # a competition's name before its stage
_FINAL_NOT_A_STAGE = re.compile(r"^\s*(?:\d|minutes?|minuti|whistle|score|stages?|third|moments|seconds|secondi|"
                                r"phase|quarter|day|touch|pass|ball|di gara|del match|della partita|fischio)", re.I)


@dataclass
class Draft:
    slug: str
    front: dict  # in the order it is written
    body: str
    review: list[ReviewItem] = field(default_factory=list)
    stated_in: list[str] = field(default_factory=list)  # the sentence each written match was read from


def ingest_text(text: str, registry: Registry, known: list[KnownMatch], *, today: dt.date,
                notes: tuple[str, ...] = ()) -> Draft:
    layout = read_layout(text)
    review: list[ReviewItem] = [ReviewItem("body", "", note) for note in notes]
    first = _first_sentence(layout)
    lang, confidence = detect(layout.text)
    if confidence < MIN_CONFIDENCE:
        review.append(ReviewItem("lang", first, f"the language detector is unsure ({lang or 'none'}, "
                                                f"{confidence:.0%})"))
    names = find_names(layout.text, registry, lang)
    review.extend(ReviewItem(field_name, _sentence_at(layout, at), why) for at, field_name, why in names.review)
    date, date_item = _date(layout, today, lang)
    if date_item:
        review.append(date_item)
    findings = find_results(layout, names, places(registry))
    _unknown_clubs(findings, registry, review)
    focus = _focus(layout, names, findings)
    if focus:
        compose(findings, focus, places(registry))
    review.extend(ReviewItem("matches", sentence.text, why) for sentence, why in findings.review)
    review.extend(_unknown_sides(findings))
    results = _article_results(findings, names, layout, review)
    side = _youth_or_women(layout, names) or _women_told(layout.text, registry)
    if side and (_womens_side(layout.text, names) or side == _women_told(layout.text, registry)):
        for result in results:  # a women's side is a team of its own, never the club's men's team
            result.youth = result.youth or WOMEN_MARK
            review.append(ReviewItem("matches", result.sentence.text, f"a women's match ({side!r}): its sides are "
                                                                      f"written as the clubs' {WOMEN_MARK!r} teams"))
    elif side:
        review.extend(ReviewItem("matches", result.sentence.text, f"a youth or women's side ({side!r}): the registry's "
                                                                  "clubs are the senior men's teams, so no match is "
                                                                  "taken") for result in results if not result.youth)
        results = [result for result in results if result.youth]
    competition = _competition(layout, names, registry, results)
    matches, stated_in = [], []
    for result in results:
        match = _match(result, layout, names, registry, competition, known, date, findings, review)
        if match and len(results) == 1:
            _add_events(match, result, layout, names, registry, review)
        if match:
            matches.append(match)
            stated_in.append(result.sentence.text)
    if not matches:
        review.extend(ReviewItem("matches", item.sentence.text, f"an aggregate ({item.high}-{item.low}) is never a "
                                                                "match's score, and no leg's score is stated")
                      for item in findings.aggregates)
    competitions = {m.pop("_competition") for m in matches}
    season = {m.pop("_season") for m in matches}
    top_competition = competitions.pop() if len(competitions) == 1 else (competition.name if competition else "")
    top_season = season.pop() if len(season) == 1 else None
    if top_season is None and top_competition and date:
        top_season = season_of(registry.competition(top_competition), date)
    if top_competition and top_season is None:
        review.append(ReviewItem("season", "", "no season: it comes from a date and a competition whose season "
                                               "runs summer to summer; add it"))
    for match in matches:
        if match.get("competition") == top_competition:
            match.pop("competition", None)
        if match.get("season") == (str(top_season) if top_season else None):
            match.pop("season", None)
    title = layout.headline
    if not title:
        title = _title(matches, first)
        review.append(ReviewItem("title", first, "the text has no headline: this title is ours, not the writer's"))
    _unstated(layout, names, registry, results, review)
    playing = {m["home"] for m in matches} | {m["away"] for m in matches}
    youth = {f" {result.youth}" for result in results if result.youth}
    playing |= {name.removesuffix(mark) for name in playing for mark in youth}  # nor their senior sides
    teams = [registry.teams[slug].name for slug in names.named + names.fuzzy
             if registry.teams[slug].name not in playing]
    if side and teams:  # the clubs named are a youth or women's side's seniors: not this article's teams
        review.append(ReviewItem("teams", "", f"a youth or women's side ({side!r}): the senior clubs it names "
                                              f"({', '.join(teams)}) are not listed under teams"))
        teams = []
    date = _date_of_reported(matches, known, registry, date, layout, review)
    front = {"title": title, "date": date, "lang": lang or None, "draft": True,
             "competition": top_competition or None, "season": str(top_season) if top_season else None,
             "teams": teams or None, "matches": matches or None,
             "review": [item.__dict__ for item in _unique(review)] or None}
    front = {key: value for key, value in front.items() if value is not None}
    return Draft(draft_slug(title), front, markdown_body(layout, skip_headline=bool(layout.headline)),
                 _unique(review), stated_in)


_NAMED_SCORE = re.compile(r"[A-ZÀ-Ý][\w'’.]*[\s-]+\d{1,2}\s?[-–]\s?\d{1,2}[\s-]+[A-ZÀ-Ý]")


def team_name(registry: Registry, slug: str) -> str:
    """The registry's name of a club, or the name as written of one it does not know."""
    return slug[len(UNKNOWN):] if slug.startswith(UNKNOWN) else registry.teams[slug].name


def _unknown_clubs(findings: Findings, registry: Registry, review: list[ReviewItem]) -> None:
    """Results of clubs the registry does not know, taken as a list writes them ("Pro Patria-
    Arzachena 1-0"): kept, and flagged, when the name is no country (a national team) and no
    short or misspelt form of a registry club ("Athletic" for Athletic Club); else reviewed."""
    kept = []
    for result in findings.results:
        problems = [why for why in (_unknown_name_problem(slug[len(UNKNOWN):], registry)
                                    for slug in result.teams if slug.startswith(UNKNOWN)) if why]
        if problems:
            review.append(ReviewItem("matches", result.sentence.text, "; ".join(problems) + ": not written"))
            continue
        for slug in result.teams:
            if slug.startswith(UNKNOWN):
                review.append(ReviewItem("teams", result.sentence.text,
                                         f"{slug[len(UNKNOWN):]!r} is not in teams.yaml: written as the list writes "
                                         "it; check the name, and add the club to teams.yaml"))
        kept.append(result)
    findings.results[:] = kept


# Words that shorten a club's name in results lists ("Sheff Wed", "Nott'm Forest", "West Brom"):
# such a name is not the club's, so it is not written as one.
ABBREVIATED_WORDS = {"utd", "wed", "sheff", "nottm", "nott-m", "brom", "ath", "rov", "wdrs", "wand", "cty", "alb", "bor",
                     "dyn", "atl"}


def _unknown_name_problem(name: str, registry: Registry) -> str:
    key = name_key(name)
    if any(word in ABBREVIATED_WORDS for word in [name_key(part) for part in name.split()]):
        return f"{name!r} is a club's name shortened: which club is it?"
    if key in country_keys():
        return f"{name!r} is a country: a national team teams.yaml does not hold"
    clubs = sorted(registry.teams[slug].name for slug in places(registry).get(key, ())
                   if not is_national_team(registry.teams[slug]))
    if clubs:  # a city of clubs, or a word of a club's name ("Hotspur")
        return f"{name!r} may be {' or '.join(clubs)}, which teams.yaml names otherwise"
    for known in registry.team_names:
        if known.startswith(key + "-") or known.endswith("-" + key) or f"-{key}-" in known:
            return f"{name!r} may be {registry.teams[registry.team_names[known]].name}, which teams.yaml names otherwise"
    close = closest_team_key(key, registry)
    if close:
        return f"{name!r} looks like a misspelling of {registry.teams[registry.team_names[close]].name}"
    return ""


def draft_slug(title: str) -> str:
    """The draft's slug: the title's, cut at the last word boundary within SLUG_MAX characters."""
    slug = slugify(title)
    if len(slug) > SLUG_MAX:
        window = slug[:SLUG_MAX + 1]
        slug = window.rsplit("-", 1)[0] if "-" in window.strip("-") else slug[:SLUG_MAX]
    return slug.strip("-") or "recap"


def _date_of_reported(matches: list[dict], known: list[KnownMatch], registry: Registry, date: dt.date | None,
                      layout: Layout, review: list[ReviewItem]) -> dt.date | None:
    """A match content/ already reports, with its date, gives the draft that date (the text's own
    metadata date stays): the recap is about that match, whatever dates its text mentions."""
    if layout.metadata_date:
        return date
    def slug(name: str) -> str | None:
        team = registry.team(name)
        return team.slug if team else None

    dates = {reported.date for match in matches for reported in known
             if reported.date and (reported.home, reported.away) == (slug(match["home"]), slug(match["away"]))
             and (reported.score, reported.aet) == (_score(match["score"]), _score(match.get("aet")))}
    if len(dates) != 1:
        return date
    reported = dates.pop()
    review[:] = [item for item in review if item.field != "date"]
    if date != reported:
        review.append(ReviewItem("date", "", f"date {reported.isoformat()} from the match content/ already reports"
                                             + (f" (the text suggests {date.isoformat()})" if date else "")))
    return reported


def _score(text: str | None) -> Score | None:
    return parse_score(text) if text else None


def _unknown_sides(findings: Findings) -> list[ReviewItem]:
    """Results stated with a result word or as a scoreline ("Celje 2-1 Lugano") whose sentence
    names fewer than two registry clubs: national teams or clubs the registry lacks. Ingest
    writes no team it does not know (a name as written may be a player, a city or a rival
    spelling), so a person adds the match."""
    used = {result.sentence for result in findings.results}
    items = []
    for partial in findings.partial:
        text = partial.sentence.text
        if partial.main is None or partial.sentence in used or partial.mentions:
            continue
        if cues.WIN.search(text) or cues.LOSE.search(text) or cues.DRAW.search(text) or _NAMED_SCORE.search(text):
            items.append(ReviewItem("matches", text, "a result between sides the registry does not know (national "
                                                     "teams, or clubs it lacks): add the match by hand if it is "
                                                     "this article's"))
    return items


def _unique(items: list[ReviewItem]) -> list[ReviewItem]:
    return list(dict.fromkeys(items))


def _sentence_at(layout: Layout, offset: int) -> str:
    for sentence in layout.sentences:
        if sentence.start <= offset < sentence.start + len(sentence.text):
            return sentence.text
    return ""


def _date(layout: Layout, today: dt.date, lang: str) -> tuple[dt.date | None, ReviewItem | None]:
    if layout.metadata_date:
        try:
            return dt.date.fromisoformat(layout.metadata_date), None
        except ValueError:
            return None, ReviewItem("date", f"date {layout.metadata_date}", "the metadata date is not a real date")
    found = [item for item in find_dates(layout.text, today.year, day_first=lang != "en") if item.date <= today]
    if not found:
        return None, ReviewItem("date", "", "the text states no date: add the publication date")
    chosen = found[0]
    why = f"date read from {chosen.text!r}: check that it is the publication (or match) date"
    if chosen.year_from_weekday:
        why += "; the year comes from the weekday"
    if len({item.date for item in found}) > 1:
        why += f"; the text states {len({item.date for item in found})} different dates"
    return chosen.date, ReviewItem("date", _sentence_at(layout, chosen.start), why)


def _focus(layout: Layout, names: Names, findings: Findings) -> tuple[str, str] | None:
    """The one pair of clubs the article is about: the only pair with a result, else the two
    clubs its opening (headline and first sentence) names, if it names exactly two."""
    pairs = list(dict.fromkeys(result.teams for result in findings.results))
    if len({frozenset(pair) for pair in pairs}) == 1:
        return pairs[0]
    if pairs:
        return None
    body = [s for s in layout.sentences if not s.heading]
    for opening in body[:2]:  # the headline and first sentence, else the first two sentences
        end = opening.start + len(opening.text)
        clubs = list(dict.fromkeys(m.slug for m in names.teams if m.start < end))
        if len(clubs) >= 2:
            return (clubs[0], clubs[1]) if len(clubs) == 2 else None
    return None


def _womens_side(text: str, names: Names) -> bool:
    """Whether a women's marker names the article's side: joined to a club's name ("Arsenal
    Women"), or before any club ("Serie A Femminile: la Juventus ..."); not "a week after the
    Women's Super League game there" in a men's report."""
    first = min((m.start for m in names.teams), default=len(text))
    return any(found.start() < first or any(0 <= found.start() - m.end <= 3 for m in names.teams)
               for found in cues.WOMEN.finditer(text))


def _women_told(text: str, registry: Registry) -> str:
    """Words that tell of women players where no word marks the side: a club's Italian nickname
    in the feminine ("le giallorosse", "delle bianconere"), "calciatrici"."""
    found = _feminine_nicknames(registry).search(text)
    return found.group() if found else ""


def _feminine_nicknames(registry: Registry) -> re.Pattern:
    return derived(registry, "feminine nicknames", lambda registry: re.compile(
        r"\b(?:(?:le|delle|alle|dalle|sulle|nelle|per le|tra le)\s+(?:" + "|".join(sorted(
            re.escape(nick[:-1] + "e") for team in registry.teams.values() for lang, nicks in team.nicknames
            if lang == "it" for nick in nicks if nick.islower() and nick.endswith("i") and len(nick) > 5)) +
        r")|calciatrici|giocatrici)\b", re.IGNORECASE))


WOMEN_MARK = "Women"  # after a club's name, its women's team: one name in every language ("Juventus Women")


def _youth_or_women(layout: Layout, names: Names) -> str:
    """What says the article is about a youth or women's side: "Primavera" or "Women's Super League"
    in its opening, or a word joined to a club's name ("Arsenal Women", "Inter's Under-19s")."""
    body = [s for s in layout.sentences if not s.heading]
    opening_end = body[0].start + len(body[0].text) if body else len(layout.text)
    for found in cues.NOT_SENIOR.finditer(layout.text):
        if found.start() < opening_end:
            return found.group()
        for mention in names.teams:
            if 0 <= found.start() - mention.end <= 3 or 0 <= mention.start - found.end() <= 6:
                return found.group()
    return ""


def _article_results(findings: Findings, names: Names, layout: Layout, review: list[ReviewItem]) -> list[Result]:
    """This article's results: one per pair of clubs. A result of clubs the article is about
    (named twice, or in its opening) is its own; another game of the round or night counts
    too, unless its own sentence is unsure who was at home; the sentences telling it may still
    settle that (evidence.article_cues)."""
    by_pair: dict[frozenset, list[Result]] = {}
    for result in findings.results:
        by_pair.setdefault(frozenset(result.teams), []).append(result)
    chosen = []
    for pair, results in by_pair.items():
        first = results[0]
        if any(other.goals != first.goals for other in results[1:]):
            review.extend(ReviewItem("matches", r.sentence.text, "two different scores for one match") for r in results)
            continue
        prominent = min(names.count(slug) for slug in pair) >= 2 or _opening(layout, first.sentence)
        if not prominent and len({home for home, _ in first.home_cues}) > 1:
            review.append(ReviewItem("matches", first.sentence.text,
                                     "another result, of clubs the article barely mentions, whose sentence is unsure "
                                     "who was at home: left out"))
            continue
        first.main = prominent
        for other in results[1:]:
            first.home_cues.extend(other.home_cues)
            first.also.append(other.sentence)
        chosen.append(first)
    return chosen


def _opening(layout: Layout, sentence: Sentence) -> bool:
    """The headline or the first two sentences: where a recap states its own result."""
    body = [s for s in layout.sentences if not s.heading]
    return sentence in body[:2] or (sentence.heading and sentence is layout.sentences[0])


def _competition(layout: Layout, names: Names, registry: Registry, results: list[Result]):
    """The competition named beside the first result, else the one named most (multi-word names first)."""
    if results:
        sentence = results[0].sentence
        inside = [slug for at, slug in names.competitions
                  if sentence.start <= at < sentence.start + len(sentence.text)]
        if inside:
            return registry.competitions[inside[0]]
    if not names.competitions:
        return None
    counts: dict[str, int] = {}
    for _, slug in names.competitions:
        counts[slug] = counts.get(slug, 0) + 1
    best = max(counts.values())
    slug = next(slug for _, slug in names.competitions if counts[slug] == best)
    return registry.competitions[slug]


def season_of(competition, date: dt.date) -> Season | None:
    """The season a date falls in: summer to summer for UEFA's and European competitions."""
    if competition is None:
        return None
    if competition.slug.startswith("uefa-") or competition.country in SUMMER_SEASONS:
        start = date.year if date.month >= 7 else date.year - 1
        return Season(start, start + 1)
    return None


def _match(result: Result, layout: Layout, names: Names, registry: Registry, competition, known: list[KnownMatch],
           date: dt.date | None, findings: Findings, review: list[ReviewItem]) -> dict | None:
    sentence = result.sentence
    team_names = [team_name(registry, slug) for slug in result.teams]
    label = " v ".join(team_names)
    # Stage and leg: from the sentences stating the result, body before headline
    # (a headline often names where the winner goes next).
    stating = sorted([sentence, *result.also], key=lambda s: (s.heading, s.start))
    stage = _stage(layout, stating, competition)
    leg = _leg(stating, result)
    if stage is not None and stage.legs == 1 and leg:
        leg = None
    only_pair = len([pair for pair in _pairs(findings) if pair != frozenset(result.teams)]) == 0
    result.home_cues.extend(article_cues(layout, names, result, findings, registry, only_pair=only_pair))

    def adds_up(match: KnownMatch) -> bool:
        final = result.aet or result.goals
        totals = sorted((final[slug] + match.goals(slug) for slug in result.teams), reverse=True)
        return any(totals == [item.high, item.low] for item in findings.aggregates)

    other, why_other = other_leg(known, result.teams, leg, date, adds_up)
    match_competition = competition.name if competition else ""
    season = season_of(competition, date) if date else None
    if other:
        if match_competition and other.competition and match_competition != other.competition:
            review.append(ReviewItem("matches", sentence.text, f"{label}: the other leg ({other.path}) is in "
                                                               f"{other.competition}, this text says {match_competition}"))
        match_competition = other.competition or match_competition
        season = other.season or season
        if stage is None and other.stage:
            stage = _stage_named(registry, match_competition, other.stage)
        leg = leg or 3 - other.leg
        result.home_cues.append((other.away, f"the other leg, {why_other}, was at {registry.teams[other.home].name}'s"))
    homes = {home for home, _ in result.home_cues}
    if len(homes) > 1:
        cues_text = "; ".join(f"{team_name(registry, h)} at home by {how}" for h, how in result.home_cues)
        review.append(ReviewItem("matches", sentence.text, f"{label}: the text disagrees on who was at home ({cues_text})"))
        return None
    if not homes:
        review.append(ReviewItem("matches", sentence.text, f"{label}: the text never says who was at home"))
        return None
    result.home = homes.pop()
    if other and result.home != other.away:
        review.append(ReviewItem("matches", sentence.text, f"{label}: the home side of the other leg must be the away "
                                                           f"side of this one"))
        return None
    for note in result.notes:
        review.append(ReviewItem("matches", sentence.text, f"{label}: {note}"))
    if not _aggregate_agrees(result, other, findings, registry, review):
        return None
    youth = f" {result.youth}" if result.youth else ""
    match = {"home": team_name(registry, result.home) + youth, "away": team_name(registry, result.away) + youth,
             "score": str(result.score(result.goals))}
    if result.aet:
        match["aet"] = str(result.score(result.aet))
    if result.pens:
        match["pens"] = str(result.score(result.pens))
    if stage is None and leg:  # the build reads a leg only with its stage
        review.append(ReviewItem("matches", sentence.text, f"{label}: leg {leg} of a tie whose stage the text does "
                                                           "not name: add `stage` and `leg` to the match"))
        leg = None
    if stage is not None:
        match["stage"] = stage.name
    if leg:
        match["leg"] = leg
    match["_competition"] = match_competition
    match["_season"] = season
    match["competition"] = match_competition or None
    match["season"] = str(season) if season else None
    return {key: value for key, value in match.items() if value is not None or key.startswith("_")}


def _add_events(match: dict, result: Result, layout: Layout, names: Names, registry: Registry,
                review: list[ReviewItem]) -> None:
    """The goals and cards of the article's one match, each with its side."""
    goals, cards = find_events(layout, names, result.home, result.away)
    final = result.score(result.aet or result.goals)
    goals, why = settle_sides(goals, final.home, final.away)
    label = f"{match['home']} v {match['away']}"
    if why and (goals or final.home + final.away):
        review.append(ReviewItem("matches", "", f"{label}: {why}"))
    team = {"home": match["home"], "away": match["away"]}
    if goals:
        match["goals"] = [_event(team[g.side], g) for g in goals]
    sided = [card for card in cards if card.side]
    for card in cards:
        if not card.side:
            review.append(ReviewItem("matches", card.sentence.text,
                                     f"{label}: a {card.kind.replace('_', ' ')} card for {card.player}, "
                                     "but the text does not say for which side"))
    if sided:
        match["cards"] = [_event(team[c.side], c) for c in sided]


def _event(team: str, event) -> dict:
    entry = {"team": team, "player": event.player}
    if event.minute:
        entry["minute"] = int(event.minute) if event.minute.isdigit() else event.minute
    if event.kind:
        entry["kind"] = event.kind
    return entry


def _pairs(findings: Findings) -> set[frozenset]:
    return {frozenset(result.teams) for result in findings.results}


def _stage(layout: Layout, stating: list[Sentence], competition):
    """The stage named where the result is stated, else the only one the article names
    (never as the next round: "volare agli ottavi")."""
    if competition is None:
        return None
    for sentence in stating:
        inside = _stages_in(sentence.text, competition)
        if inside:
            return inside[0]
    found = []
    for other in layout.sentences:
        if not cues.FUTURE.search(other.text):
            found.extend(_stages_in(other.text, competition))
    distinct = list(dict.fromkeys(found))
    return distinct[0] if len(distinct) == 1 else None


def _stages_in(text: str, competition) -> list:
    key_text = " " + " ".join(_words(text)) + " "
    found = []
    for stage in competition.stages:
        for alias in (stage.name, *stage.aliases):
            words = name_key(alias).replace("-", " ")
            if len(words) <= 3:  # "QF", "R16": too short to find in running text
                continue
            for match in re.finditer(rf"(?<= ){re.escape(words)}(?= )", key_text):
                before = _original_before(text, key_text, match.start())
                after = _original_after(text, key_text, match.end())
                if cues.NEXT_ROUND.search(before) or cues.NEXT_ROUND.search(_NAMED_BEFORE.sub("", before)):
                    continue  # "volare agli ottavi", "to reach the Champions League final"
                if name_key(alias) in ("final", "finale") and (_FINAL_NOT_A_STAGE.match(after)
                                                                or re.search(r"\b(?:nel|il|del|al)\s+$", before, re.I)):
                    continue
                found.append((match.start(), match.end(), stage))
    kept, reached = [], -1
    for start, end, stage in sorted(found, key=lambda item: (item[0], -item[1])):
        if start >= reached:  # "semi-final" is not also "final"
            kept.append(stage)
            reached = end
    return kept


def _words(text: str) -> list[str]:
    return [name_key(word) for word in re.findall(r"[^\W_]+", text) if name_key(word)]


def _original_before(text: str, key_text: str, at: int) -> str:
    """The original words before a match in the keyed text (same word count)."""
    count = len(key_text[:at].split())
    words = list(re.finditer(r"[^\W_]+", text))
    if count == 0 or count > len(words):
        return ""
    return text[max(0, words[count - 1].end() - 40):words[count - 1].end()] + " "


def _original_after(text: str, key_text: str, at: int) -> str:
    count = len(key_text[:at].split())
    words = list(re.finditer(r"[^\W_]+", text))
    if count >= len(words):
        return ""
    return text[words[count - 1].end():words[count - 1].end() + 30]


def _stage_named(registry: Registry, competition_name: str, stage_name: str):
    from ..registry import find_stage

    competition = registry.competition(competition_name)
    return find_stage(competition, stage_name) if competition else None


def _leg(stating: list[Sentence], result: Result) -> int | None:
    """Leg 1 or 2 from "first leg"/"andata" and "return leg"/"ritorno" where the result is stated;
    of both, the one nearest the score ("won 2-1 in the first leg, and the return leg ...")."""
    for sentence in stating:
        at = result.at if sentence is result.sentence else 0
        found = [(abs(match.start() - at), leg) for leg, pattern in ((1, cues.FIRST_LEG), (2, cues.SECOND_LEG))
                 for match in pattern.finditer(sentence.text)]
        if found:
            return min(found)[1]
    return None


def _aggregate_agrees(result: Result, other: KnownMatch | None, findings: Findings, registry: Registry,
                      review: list[ReviewItem]) -> bool:
    pair = set(result.teams)
    label = " v ".join(team_name(registry, slug) for slug in result.teams)
    for aggregate in findings.aggregates:
        if other is None:
            review.append(ReviewItem("matches", aggregate.sentence.text, _derived_leg(result, aggregate, registry)))
            continue
        final = result.aet or result.goals
        totals = {slug: final[slug] + other.goals(slug) for slug in pair}
        high, low = max(totals.values()), min(totals.values())
        leader = max(totals, key=totals.get) if high != low else None
        agrees = (high, low) == (aggregate.high, aggregate.low) and (aggregate.leader in (None, leader))
        if not agrees:
            review.append(ReviewItem("matches", aggregate.sentence.text,
                                     f"the aggregate stated ({aggregate.high}-{aggregate.low}) does not add up with "
                                     f"this match and the other leg in {other.path}"))
            return False
    return True


def _first_sentence(layout: Layout) -> str:
    """The text's first sentence of prose: not a photo credit, byline or timestamp line, and
    without its dateline ("ROMA - ")."""
    for sentence in layout.sentences:
        if not not_a_headline(sentence.text):
            return sentence.text
        without = DATELINE_START.sub("", sentence.text, count=1)
        if without != sentence.text and len(without.split()) > 3:
            return without
    return layout.sentences[0].text if layout.sentences else ""


def _derived_leg(result: Result, aggregate, registry: Registry) -> str:
    """What an aggregate says of the tie's other leg, with its arithmetic: never written as a
    match, since the text does not state it."""
    name = {slug: team_name(registry, slug) for slug in result.teams}
    final = result.aet or result.goals
    if aggregate.leader is None and aggregate.high != aggregate.low:
        return (f"an aggregate ({aggregate.high}-{aggregate.low}) whose leader the text does not make clear, and "
                f"content/ has no other leg of {' v '.join(name.values())} to check against")
    trailer = next(slug for slug in result.teams if slug != aggregate.leader) if aggregate.leader else result.away
    leader = aggregate.leader or result.home
    totals = {leader: aggregate.high, trailer: aggregate.low}
    other = {slug: totals[slug] - final[slug] for slug in result.teams}
    this = f"{name[result.home]} {final[result.home]}-{final[result.away]} {name[result.away]}"
    if min(other.values()) < 0:
        return f"the aggregate ({aggregate.high}-{aggregate.low}) is less than this match's score ({this})"
    return (f"the other leg, derived: {name[result.away]} {other[result.away]}-{other[result.home]} "
            f"{name[result.home]} (aggregate {aggregate.high}-{aggregate.low} minus this match, {this}; at "
            f"{name[result.away]}'s as the other leg): not written, as content/ has no other leg to check it "
            "against; add it if it is right")


def _title(matches: list[dict], first_sentence: str) -> str:
    if len(matches) == 1:
        match = matches[0]
        return f"{match['home']} {match['score'].replace('-', '–')} {match['away']}"
    sentence = first_sentence.strip()
    if len(sentence) <= TITLE_MAX:
        return sentence.rstrip(".")
    cut = sentence[:TITLE_MAX].rsplit(" ", 1)[0].rstrip(",;:—–-")
    return cut + "…"


def _unstated(layout: Layout, names: Names, registry: Registry, results: list[Result],
              review: list[ReviewItem]) -> None:
    """Ties and matches named with their stage or leg but no score: a person may want to add them."""
    reported = {frozenset(result.teams) for result in results}
    for sentence in layout.sentences:
        if not (cues.FIRST_LEG.search(sentence.text) or cues.SECOND_LEG.search(sentence.text)
                or cues.WIN.search(sentence.text) or cues.LOSE.search(sentence.text)
                or re.search(r"\b(?:knocked out|eliminat[oiae]|playoffs?|play-offs?|spareggi|tie|sfida)\b",
                             sentence.text, re.I)):
            continue
        end = sentence.start + len(sentence.text)
        clubs = list(dict.fromkeys(m.slug for m in names.teams if sentence.start <= m.start < end))
        if len(clubs) < 2 or any(frozenset(pair) <= frozenset(clubs) for pair in reported):
            continue
        if SCORE.search(sentence.text):
            continue
        named = ", ".join(registry.teams[slug].name for slug in clubs)
        review.append(ReviewItem("matches", sentence.text,
                                 f"{named}: named with a result, tie or leg but no score, so no match is taken"))
