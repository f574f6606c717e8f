"""Assemble parsed articles into the site model: resolve names, merge reports
of the same match, group knockout matches into ties and settle them.

Pure: takes specs and a registry, returns a `Site` and reports problems.
"""
from __future__ import annotations

import dataclasses
import hashlib
import operator
from collections import defaultdict
from dataclasses import replace

from .articles import ArticleSpec, EventSpec, MatchSpec
from .errors import Problems
from .model import Article, Competition, Event, Match, Site, Stage, Team, Tie
from .names import closest, misspelling, name_key, slugify, typo_of
from .registry import Registry, find_stage
from .rules import RuleError, Season, TieResult, away_goals_apply, check_result, settle_tie

_FACTS = ("score", "aet", "pens", "date")


def _where(sources) -> str:
    return ", ".join(f"{source.path}:{source.line}" for source in sources)


# (digest of the registry's names of a kind, a name as written, finder) -> the registry name it is near, or None
NEARBY: dict[tuple[bytes, str, str], str | None] = {}
NEARBY_SIZE = 100_000


class _Resolver:
    """Resolves names, standing in for unknown ones.

    An unknown name is reported once per file, at its first place, after the
    site is assembled (`flush`): a warning, or an error when it misspells a
    registry name (`typo_of`), said more precisely where it would form a tie
    wrongly (see `_check_near_misses`).
    """

    def __init__(self, registry: Registry, problems: Problems):
        self.registry = registry
        self.problems = problems
        self.unknown_teams: dict[str, Team] = {}
        self.unknown_competitions: dict[str, Competition] = {}
        self.unknown_stages: dict[tuple[str, str], Stage] = {}
        self._pending: dict[tuple[str, str, str], tuple[int, str, str]] = {}  # (path, kind, key) -> first line,
        # text, severity
        # Names recur in thousands of matches: each is looked up once.
        self._team_choices = {key: registry.teams[slug].name for key, slug in registry.team_names.items()}
        self._competition_choices = {key: registry.competitions[slug].name
                                     for key, slug in registry.competition_names.items()}
        self._choices_digest = {kind: hashlib.blake2b(repr(sorted(choices.items())).encode(), digest_size=16).digest()
                                for kind, choices in (("team", self._team_choices),
                                                      ("competition", self._competition_choices))}
        self._teams: dict[str, Team | None] = {}  # name as written -> the registry's team
        self._competitions: dict[str, Competition | None] = {}
        self._stages: dict[tuple[str, str], Stage | None] = {}  # (known competition's slug, name) -> stage

    def _unknown(self, path: str, line: int, kind: str, name: str, message, severity: str = "warning") -> None:
        """Note an unknown name at its first place in a file; `message()` says what to tell."""
        key = (path, kind, name_key(name))
        if key not in self._pending or line < self._pending[key][0]:
            self._pending[key] = (line, message(), severity)

    def excuse(self, path: str, kind: str, name: str) -> None:
        """Drop the warning for a name that is reported as an error instead."""
        self._pending.pop((path, kind, name_key(name)), None)

    def flush(self) -> None:
        for (path, _, _), (line, message, severity) in sorted(self._pending.items()):
            report = self.problems.error if severity == "error" else self.problems.warn
            report(path, line, message)
        self._pending.clear()

    def near_team(self, name: str) -> Team | None:
        """The known team an unknown name looks like (for a hint)."""
        return self._near("team", name, closest)

    def typo_team(self, name: str) -> Team | None:
        """The known team an unknown name is a misspelling of (to refuse a wrong tie)."""
        return self._near("team", name, typo_of)

    def near_competition(self, name: str) -> Competition | None:
        return self._near("competition", name, closest)

    def typo_competition(self, name: str) -> Competition | None:
        return self._near("competition", name, typo_of)

    def _near(self, kind: str, name: str, finder):
        """Computed once per name and registry names (`NEARBY`): unknown names recur in thousands
        of matches, and in every assemble of the preview."""
        choices = self._team_choices if kind == "team" else self._competition_choices
        key = (self._choices_digest[kind], name, finder.__name__)
        if key not in NEARBY:
            if len(NEARBY) > NEARBY_SIZE:
                NEARBY.clear()
            NEARBY[key] = finder(name, choices)
        intended = NEARBY[key]
        lookup = self.registry.team if kind == "team" else self.registry.competition
        return lookup(intended) if intended else None

    def known_team(self, name: str) -> Team | None:
        """The registry's team of that name, looked up once per name."""
        teams = self._teams
        if name not in teams:
            teams[name] = self.registry.team(name)
        return teams[name]

    def known_competition(self, name: str) -> Competition | None:
        competitions = self._competitions
        if name not in competitions:
            competitions[name] = self.registry.competition(name)
        return competitions[name]

    def team(self, name: str, path: str, line: int) -> Team:
        team = self.known_team(name)
        if team:
            return team
        intended = self.typo_team(name)  # a misspelling is an error wherever it is: that club does not exist
        if intended:
            self._unknown(path, line, "team", name, lambda: misspelling("team", name, intended.name, "teams.yaml"),
                          "error")
        else:
            self._unknown(path, line, "team", name, lambda: f"unknown team {name!r}{_hint(self.near_team(name))}"
                                                            "add it to teams.yaml (name or aliases)")
        slug = slugify(name)
        if slug not in self.unknown_teams:
            self.unknown_teams[slug] = Team(name=name, slug=slug, known=False)
        return self.unknown_teams[slug]

    def competition(self, name: str, path: str, line: int) -> Competition:
        competition = self.known_competition(name)
        if competition:
            return competition
        intended = self.typo_competition(name)
        if intended:
            self._unknown(path, line, "competition", name,
                          lambda: misspelling("competition", name, intended.name, "competitions.yaml"), "error")
        else:
            self._unknown(path, line, "competition", name,
                          lambda: f"unknown competition {name!r}{_hint(self.near_competition(name))}"
                                  "add it to competitions.yaml")
        slug = slugify(name)
        if slug not in self.unknown_competitions:
            self.unknown_competitions[slug] = Competition(name=name, slug=slug, known=False)
        return self.unknown_competitions[slug]

    def stage(self, competition: Competition, name: str, path: str, line: int) -> Stage:
        stages = self._stages  # a known competition is this registry's, so its slug says which
        key = (competition.slug, name)
        if not competition.known:
            stage = find_stage(competition, name)
        elif key in stages:
            stage = stages[key]
        else:
            stage = stages[key] = find_stage(competition, name)
        if stage:
            return stage
        if competition.known:
            names = ", ".join(stage.name for stage in competition.stages) or "none listed"
            self._unknown(path, line, "stage", name, lambda: f"unknown stage {name!r} in {competition.name}"
                                                             f"{_hint(near_stage(competition, name))}"
                                                             f"add it to the competition's stages (its stages: "
                                                             f"{names})")
        key = (competition.slug, name_key(name))
        if key not in self.unknown_stages:
            self.unknown_stages[key] = Stage(name=name, slug=slugify(name), known=False)
        return self.unknown_stages[key]


def _hint(intended) -> str:
    """The likely intended name first, the registry entry to add only second."""
    return f': did you mean "{intended.name}"? If not, ' if intended else ": "


def near_stage(competition: Competition, name: str, finder=closest) -> Stage | None:
    """The competition's stage an unknown stage name looks like (`closest`) or misspells (`typo_of`)."""
    choices = {name_key(alias): stage.name for stage in competition.stages for alias in (stage.name, *stage.aliases)}
    intended = finder(name, choices)
    return find_stage(competition, intended) if intended else None


def assemble(specs: list[ArticleSpec], registry: Registry, problems: Problems, *,
             include_drafts: bool = False) -> Site:
    """The site of these articles."""
    specs = sorted((spec for spec in specs if include_drafts or not spec.draft), key=lambda spec: spec.path)
    resolve = _Resolver(registry, problems)
    _check_unique_slugs(specs, problems)

    reports: dict[tuple, list[tuple[Match, MatchSpec]]] = defaultdict(list)
    article_matches: dict[str, list[str]] = defaultdict(list)
    for spec in specs:
        for match_spec in spec.matches:
            match = _resolve_match(match_spec, spec, resolve, problems)
            if match is not None:
                reports[match.id].append((match, match_spec))
                if match.id not in article_matches[spec.slug]:
                    article_matches[spec.slug].append(match.id)

    matches = {match_id: _merge_reports(found, problems)
               for match_id, found in sorted(reports.items())}
    misled = _check_near_misses(reports, matches, resolve, problems)
    _check_season_forms(reports, problems)
    _note_inherited_dates(reports, problems)
    ties, matches = _make_ties(matches, problems, skip=misled)
    for match in matches.values():
        if _tie_key(match) is None:  # a result standing alone; tie legs are checked with their tie
            for why in check_result(match.as_leg):
                source = match.sources[0]
                problems.error(source.path, source.line, f"{match.home.name} v {match.away.name}: {why}")

    articles, teams_by_slug = [], {}
    for spec in specs:
        teams = [resolve.team(name, spec.path, line) for name, line in spec.teams]
        for match_id in article_matches[spec.slug]:
            match = matches[match_id]
            teams += [match.home, match.away]
        teams_by_slug.update((team.slug, team) for team in teams)
        reported, named = tuple(article_matches[spec.slug]), tuple(dict.fromkeys(team.slug for team in teams))
        articles.append(article_of(spec, reported, named))
    articles.sort(key=lambda a: (a.date is None, -(a.date.toordinal() if a.date else 0), a.slug))

    resolve.flush()
    competitions = {match.competition.slug: match.competition for match in matches.values()}
    return Site(
        articles=tuple(articles),
        teams=dict(sorted(teams_by_slug.items())),
        competitions=dict(sorted(competitions.items())),
        matches=matches,
        ties=dict(sorted(ties.items())),
        article_by_slug={article.slug: article for article in articles},
    )


# A recap's fields that its assembly reads: all but its body, which goes to its Article as it is.
_ASSEMBLED_FIELDS = operator.attrgetter(*(field.name for field in dataclasses.fields(ArticleSpec)
                                          if field.name != "body"))


class LastAssembly:
    """The last site assembled, kept by what it was assembled from: the registry's digest, the
    drafts choice, and each recap's fields but its body. Assembling the same again (a recap's
    body edited, or nothing) gives that site with each recap's body as read now, and reports
    the problems the assembly reported then."""

    def __init__(self):
        self._last: tuple[tuple, Site, tuple] | None = None  # (what it was made from, site, problems)

    def assemble(self, specs: list[ArticleSpec], registry: Registry, registry_digest: bytes, problems: Problems,
                 *, include_drafts: bool = False) -> Site:
        specs = sorted(specs, key=operator.attrgetter("path"))
        made_from = (registry_digest, include_drafts, [_ASSEMBLED_FIELDS(spec) for spec in specs])
        if self._last is not None and self._last[0] == made_from:
            site = _with_bodies(self._last[1], {spec.path: spec.body for spec in specs})
            reported = self._last[2]
            problems.items.extend(reported)
        else:
            before = len(problems.items)
            site = assemble(specs, registry, problems, include_drafts=include_drafts)
            reported = tuple(problems.items[before:])
        self._last = (made_from, site, reported)
        return site


def _with_bodies(site: Site, bodies: dict) -> Site:
    """`site` with each article's body the one of `bodies` (by source path)."""
    articles = tuple(article if article.body == bodies[article.path] else replace(article, body=bodies[article.path])
                     for article in site.articles)
    return replace(site, articles=articles, article_by_slug={article.slug: article for article in articles})


def article_of(spec: ArticleSpec, matches: tuple[str, ...], teams: tuple[str, ...]) -> Article:
    """The recap's Article: its spec's fields as they are, with the ids of the matches it reports
    and the slugs of the teams it names."""
    return Article(slug=spec.slug, path=spec.path, title=spec.title, date=spec.date, lang=spec.lang,
                   body=spec.body, body_line=spec.body_line, summary=spec.summary, author=spec.author,
                   source_name=spec.source_name, source_url=spec.source_url, tags=spec.tags, draft=spec.draft,
                   matches=matches, teams=teams, review=spec.review)


def _check_unique_slugs(specs: list[ArticleSpec], problems: Problems) -> None:
    seen: dict[str, ArticleSpec] = {}
    for spec in specs:
        if spec.slug in seen:
            other = seen[spec.slug]
            problems.error(spec.path, spec.slug_line or 1,
                           f"slug {spec.slug!r} is already used by {other.path}:{other.slug_line or 1}: "
                           "two articles would write the same page; give one a different `slug`")
        else:
            seen[spec.slug] = spec


def _resolve_match(spec: MatchSpec, article: ArticleSpec, resolve: _Resolver,
                   problems: Problems) -> Match | None:
    path, lines = spec.source.path, spec.lines
    competition = resolve.competition(spec.competition, path, lines.get("competition") or spec.source.line)
    home = resolve.team(spec.home, path, lines["home"])
    away = resolve.team(spec.away, path, lines["away"])
    stage = resolve.stage(competition, spec.stage, path, lines["stage"]) if spec.stage else None
    if home.slug == away.slug:
        problems.error(path, lines["away"], f"{spec.home!r} and {spec.away!r} are the same team")
        return None
    if spec.leg is not None and stage is None:
        problems.error(path, lines["leg"], "a match with a `leg` needs a `stage` (like Round of 16)")
        return None
    events = []
    for kind, event_specs in (("goals", spec.goals), ("cards", spec.cards)):
        events.append(tuple(_event(event, home, away, resolve, path) for event in event_specs))
    if not _check_goals(spec, events[0], home, away, problems):
        return None
    placement = f"leg-{spec.leg}" if spec.leg else spec.date.isoformat()
    match_id = "/".join((competition.slug, str(spec.season), stage.slug if stage else "matches",
                         f"{home.slug}-vs-{away.slug}", placement))
    return Match(
        id=match_id, competition=competition, season=spec.season, stage=stage, home=home, away=away,
        score=spec.score, date=spec.date, aet=spec.aet, pens=spec.pens, leg=spec.leg, legs=spec.legs,
        venue=spec.venue,
        neutral=spec.neutral, goals=events[0], cards=events[1], articles=(article.slug,),
        sources=(spec.source,))


def _event(event: EventSpec, home: Team, away: Team, resolve: _Resolver, path: str) -> Event:
    team = resolve.known_team(event.team)
    if team is None and name_key(event.team) in (home.slug, name_key(home.name)):
        team = home
    if team is None and name_key(event.team) in (away.slug, name_key(away.name)):
        team = away
    if team is None or team.slug not in (home.slug, away.slug):
        # Certain only when the registry knows all three teams: an unknown name may be one of theirs.
        report = resolve.problems.error if team and home.known and away.known else resolve.problems.warn
        report(path, event.line, f"{event.team!r} is not {home.name} or {away.name}, who played this match")
        return Event(slugify(event.team), event.player, event.minute, event.kind)
    return Event(team.slug, event.player, event.minute, event.kind)


def _check_goals(spec: MatchSpec, goals: tuple[Event, ...], home: Team, away: Team, problems: Problems) -> bool:
    """A side cannot have more goals listed than it scored (a shoot-out's kicks are no goals)."""
    final = spec.aet or spec.score
    fine = True
    for team, scored in ((home, final.home), (away, final.away)):
        listed = sum(goal.team == team.slug for goal in goals)
        if listed > scored:
            problems.error(spec.source.path, spec.lines.get("goals") or spec.source.line,
                           f"{listed} goals are listed for {team.name}, who scored {scored}"
                           f"{' after extra time' if spec.aet else ''}")
            fine = False
    return fine


def _merge_reports(found: list[tuple[Match, MatchSpec]], problems: Problems) -> Match:
    """One match from every article that reports it; disagreeing facts are errors.

    A date the match inherits from its article's date is weaker than one written
    on the match: it never conflicts, and the written date wins.
    """
    found = sorted(found, key=lambda report: not report[1].date_given)  # stable: written dates first
    first, first_spec = found[0]
    merged = first
    for match, spec in found[1:]:
        for fact in _FACTS:
            if fact == "date" and not (spec.date_given and first_spec.date_given):
                continue
            if getattr(match, fact) != getattr(first, fact):
                problems.error(
                    spec.source.path, spec.lines.get(fact) or spec.source.line,
                    f"{match.home.name} v {match.away.name}: `{fact}` is {_shown(getattr(match, fact))} here "
                    f"but {_shown(getattr(first, fact))} in {first_spec.source.path}:"
                    f"{first_spec.lines.get(fact) or first_spec.source.line}; the two reports must agree")
        merged = replace(
            merged, articles=tuple(sorted(set(merged.articles + match.articles))),
            sources=merged.sources + match.sources, venue=merged.venue or match.venue,
            neutral=merged.neutral or match.neutral, goals=merged.goals or match.goals,
            cards=merged.cards or match.cards,
            date=merged.date if first_spec.date_given else min(merged.date, match.date))
    return merged


def _check_near_misses(reports: dict[str, list[tuple[Match, MatchSpec]]], matches: dict[str, Match],
                       resolve: _Resolver, problems: Problems) -> set[str]:
    """A misspelt name must not publish a wrong tie.

    An unknown name that misspells a known one is an error where it changes how a tie
    is formed: the corrected match would be a leg of a tie that other matches
    already form (the tie would split), a misspelt knockout stage would make a
    tie's match a plain result, or a misspelt competition would lose its rules
    (stages, away goals) for a match in a stage. This error says why, in place
    of the resolver's (a misspelt club or competition is an error anywhere; a
    misspelt stage only here).

    Returns the matches whose competition is misspelt: settling their ties
    without its rules would only add misleading errors.
    """
    misled = set()
    by_tie: dict[tuple, list[Match]] = defaultdict(list)
    for match in matches.values():
        if key := _tie_key(match):
            by_tie[key].append(match)
    for match_id, found in reports.items():
        for match, spec in found:
            if not _check_match_names(match, spec, by_tie, resolve, problems):
                misled.add(match_id)
    return misled


def _check_match_names(match: Match, spec: MatchSpec, by_tie: dict[tuple, list[Match]],
                       resolve: _Resolver, problems: Problems) -> bool:
    """False when the match's competition is misspelt (reported here)."""
    path, lines = spec.source.path, spec.lines
    label = f"{match.home.name} v {match.away.name}"
    competition = match.competition
    if not competition.known and (spec.stage or spec.leg or spec.legs):
        intended = resolve.typo_competition(competition.name)
        if intended:
            resolve.excuse(path, "competition", competition.name)
            problems.error(path, lines.get("competition") or spec.source.line,
                           f"unknown competition {competition.name!r}: did you mean \"{intended.name}\"? Written "
                           f"this way, {label} loses that competition's rules (its stages, away goals) and its "
                           "tie is formed without them. If it is another competition, add it to competitions.yaml")
            return False
    fixes: dict[str, tuple[str, Team | Stage]] = {}  # field -> (as written, intended)
    for side in ("home", "away"):
        team = getattr(match, side)
        intended = None if team.known else resolve.typo_team(team.name)
        if intended and intended.slug not in (match.home.slug, match.away.slug):
            fixes[side] = (team.name, intended)
    if match.stage and not match.stage.known and competition.known:
        intended = near_stage(competition, match.stage.name, typo_of)
        if intended:
            fixes["stage"] = (match.stage.name, intended)
    if not fixes or ("home" in fixes and "away" in fixes):  # two clubs both misspelt: more likely another tie
        return True
    corrected = replace(match, **{field: intended for field, (_, intended) in fixes.items()})
    partners = [other for other in by_tie.get(_tie_key(corrected), ()) if other.id != match.id]
    if partners:
        where = _where(source for other in partners for source in other.sources)
        why = f"the other leg ({where}) names it that way, so as written the tie would split in two"
    elif "stage" in fixes and _tie_key(corrected) and not _tie_key(match):
        why = f"as written, {label} would be a plain result instead of a {fixes['stage'][1].name} tie"
    else:
        return True
    for field, (written, intended) in fixes.items():
        kind = "stage" if field == "stage" else "team"
        resolve.excuse(path, kind, written)
        add = "add it to the competition's stages" if kind == "stage" else "add it to teams.yaml"
        problems.error(path, lines.get(field) or spec.source.line,
                       f"unknown {kind} {written!r}: did you mean \"{intended.name}\"? {why[0].upper()}{why[1:]}. "
                       f"If it is another {'stage' if kind == 'stage' else 'club'}, {add}")
    return True


def _note_inherited_dates(reports: dict[str, list[tuple[Match, MatchSpec]]], problems: Problems) -> None:
    """A match that no report dates takes its article's date: say so, once, with the line to add."""
    for found in reports.values():
        if any(spec.date_given for _, spec in found):
            continue
        match, spec = found[0]
        problems.warn(spec.source.path, spec.source.line,
                      f"{match.home.name} v {match.away.name} has no `date`, so it takes the article's date "
                      f"({match.date}); if it was played on another day, add `date: YYYY-MM-DD` to the match")


def _check_season_forms(reports: dict[str, list[tuple[Match, MatchSpec]]], problems: Problems) -> None:
    """A season written in the other form than its competition's (2019 for a 2018-19 competition).

    A competition's form is that of its away-goals seasons in the registry, else that of
    most of its matches; with neither, any form is fine.
    """
    forms: dict[str, list[bool]] = defaultdict(list)  # competition slug -> spans two years, per match
    for found in reports.values():
        match = found[0][0]
        forms[match.competition.slug].append(match.season.start != match.season.end)
    warned = set()
    for found in reports.values():
        for match, spec in found:
            competition = match.competition
            bounds = [season for season in (competition.away_goals_since, competition.away_goals_until) if season]
            if bounds:
                two_years = bounds[0].start != bounds[0].end
            else:
                seen = forms[competition.slug]
                if 2 * seen.count(True) == len(seen):
                    continue
                two_years = 2 * seen.count(True) > len(seen)
            season = match.season
            if (season.start != season.end) == two_years or (spec.source.path, competition.slug, season) in warned:
                continue
            warned.add((spec.source.path, competition.slug, season))
            start = match.date.year if match.date.month >= 7 else match.date.year - 1
            right = Season(start, start + 1) if two_years else Season(match.date.year, match.date.year)
            span = "span two years, like" if two_years else "are single years, like"
            problems.warn(spec.source.path, spec.lines.get("season") or spec.source.line,
                          f"season {season} for {competition.name}: its seasons {span} {right} "
                          f"(the season of a match on {match.date}); write `season: {right}` so the match "
                          "joins that season's page")


def _shown(value) -> str:
    return "not given" if value is None else str(value)


def _tie_key(match: Match) -> tuple | None:
    if match.stage is None or not (match.leg or match.legs or match.stage.knockout):
        return None
    pair = tuple(sorted((match.home.slug, match.away.slug)))
    return (match.competition.slug, str(match.season), match.stage.slug, pair)


def _make_ties(matches: dict[str, Match], problems: Problems, *,
               skip: set[str] = frozenset()) -> tuple[dict[str, Tie], dict[str, Match]]:
    """The ties the matches form, and the matches with their tie."""
    groups: dict[tuple, list[Match]] = defaultdict(list)
    for match in matches.values():
        key = _tie_key(match)
        if key and match.id not in skip:
            groups[key].append(match)
    ties: dict[str, Tie] = {}
    for key, group in sorted(groups.items()):
        tie = _settled(sorted(group, key=lambda m: (m.date, m.leg or 0, m.id)), problems)
        if tie is not None:
            ties[tie.id] = tie
            matches.update((match.id, match) for match in tie.legs if match)
    return ties, matches


def _settled(group: list[Match], problems: Problems) -> Tie | None:
    """The tie of `group` (sorted) with its legs knowing their tie, or None (reported)."""
    tie = _make_tie(group, problems)
    if tie is None:
        return None
    legs = {match.id: replace(match, tie_id=tie.id) for match in tie.legs if match}
    return replace(tie, legs=tuple(legs[m.id] if m else None for m in tie.legs))


def _legs_needed(stage: Stage, group: list[Match], problems: Problems) -> int:
    """How many legs a tie has: what its matches declare (`legs`, or a `leg`
    number, which means two), else the registry's stage; a match standing alone
    in a two-legged stage is taken as a single match when it cannot be a first
    leg (a neutral venue, extra time, a shoot-out), and the guess is reported."""
    declared = sorted({match.legs for match in group if match.legs})
    if len(declared) > 1:
        source = group[0].sources[0]
        problems.error(source.path, source.line, f"the matches of {group[0].home.name} v {group[0].away.name} "
                                                 "disagree on `legs`: give every leg the same number")
    if declared:
        return declared[-1]
    if any(match.leg for match in group) or len(group) > 1:
        return 2
    usual = stage.legs if stage.knockout and stage.legs else 1
    match = group[0]
    if usual == 2 and (match.neutral or match.aet or match.pens):
        problems.warn(match.sources[0].path, match.sources[0].line,
                      f"{match.home.name} v {match.away.name} is taken as a single match, though {stage.name} "
                      "is usually two-legged: add `legs: 1` to say so, or `leg:` if it was one leg of two")
        return 1
    return usual


def _make_tie(group: list[Match], problems: Problems) -> Tie | None:
    stage, competition, season = group[0].stage, group[0].competition, group[0].season
    legs_needed = _legs_needed(stage, group, problems)
    sources = [source for match in group for source in match.sources]
    label = f"{group[0].home.name} v {group[0].away.name} ({competition.name} {season}, {stage.name})"

    def fail(why: str, at: Match | None = None) -> None:
        where = at.sources[0] if at else sources[0]
        others = f" (reported in {_where(sources)})" if len(sources) > 1 else ""
        problems.error(where.path, where.line, f"invalid tie {label}: {why}{others}")

    by_leg: dict[int, Match] = {}
    unnumbered = [match for match in group if match.leg is None]
    for match in group:
        if match.leg is None:
            continue
        if match.leg in by_leg:
            other = by_leg[match.leg]
            where = match.sources[0]
            problems.error(where.path, where.line,
                           f"invalid tie {label}: two matches are leg {match.leg}: {other.home.name} v "
                           f"{other.away.name} ({_where(other.sources)}) and {match.home.name} v "
                           f"{match.away.name} ({_where(match.sources)})")
            return None
        by_leg[match.leg] = match
    for match in unnumbered:
        twin = next((other for other in by_leg.values() if (other.home.slug, other.away.slug, other.date) ==
                     (match.home.slug, match.away.slug, match.date)), None)
        if twin:
            where = match.sources[0]
            problems.error(where.path, where.line,
                           f"{match.home.name} v {match.away.name} on {match.date} is reported as leg {twin.leg} in "
                           f"{_where(twin.sources)} but without `leg` here: give both reports the same `leg`")
            return None
    for match in unnumbered:  # a knockout stage's matches without `leg`: in date order
        free = [number for number in range(1, legs_needed + 1) if number not in by_leg]
        if not free:
            break
        by_leg[free[0]] = match
        if legs_needed > 1:
            problems.warn(match.sources[0].path, match.sources[0].line,
                          f"{match.home.name} v {match.away.name} is taken as leg {free[0]} of a two-legged "
                          "tie: add `leg:` to say so (or `legs: 1` if it was a single match)")
    if 1 in by_leg and 2 in by_leg and by_leg[2].date < by_leg[1].date:
        first, second = by_leg[1], by_leg[2]
        problems.warn(second.sources[0].path, second.sources[0].line,
                      f"{second.home.name} v {second.away.name}, leg 2, is dated {second.date}, before leg 1 "
                      f"({first.date}, {_where(first.sources)}): check the dates and the `leg` numbers")
    if len(group) > legs_needed:
        fail(f"{len(group)} matches reported for a tie of {legs_needed} leg{'s' if legs_needed > 1 else ''}")
        return None
    rule = away_goals_apply(season, competition.away_goals_since, competition.away_goals_until)
    try:
        result: TieResult = settle_tie({number: match.as_leg for number, match in by_leg.items()}, legs_needed,
                                       away_goals=rule,
                                       away_goals_in_extra_time=competition.away_goals_in_extra_time,
                                       single="the final" if stage.slug == "final" else "the match")
    except RuleError as exc:
        fail(str(exc), by_leg.get(exc.leg) if exc.leg else None)
        return None
    teams = {match.home.name: match.home for match in group} | {match.away.name: match.away for match in group}
    team1, team2 = teams[result.team1], teams[result.team2]
    tie_id = "/".join((competition.slug, str(season), stage.slug, f"{team1.slug}-vs-{team2.slug}"))
    return Tie(id=tie_id, competition=competition, season=season, stage=stage, team1=team1, team2=team2,
               legs_needed=legs_needed, legs=tuple(by_leg.get(n) for n in range(1, legs_needed + 1)),
               result=result)
