"""The parsing layer, table by table: YAML with lines, articles, registries and config.

Everything but load_config runs without a disk. Each expected problem is written
exactly as the build prints it (`Problem.format()`: `path:line: message`).
"""
import datetime as dt

import pytest

from recaps.articles import ArticleSpec, EventSpec, MatchSpec, parse_article
from recaps.assemble import _Resolver, near_stage
from recaps.config import Config, load_config
from recaps.errors import Problems
from recaps.model import Source
from recaps.registry import Registry, find_stage, load_competitions, load_teams
from recaps.rules import Score, Season
from recaps.yamlfile import LineDict, LineList, YamlSyntaxError, load, split_front_matter

from tests.promises import agrees, all_agree

PATH = "content/articles/x.md"


def lines(*rows: str) -> str:
    """Text from rows, one per line: row i is line i + 1, which keeps expected lines countable."""
    return "\n".join(rows) + "\n"


def formatted(problems: Problems) -> list[str]:
    return [problem.format() for problem in problems.items]


def parse(text: str, stem: str = "x", default_lang: str = "en", raw: bytes | None = None):
    problems = Problems()
    spec = parse_article(PATH, stem, text.encode("utf-8") if raw is None else raw, problems, default_lang)
    return spec, formatted(problems)


# --------------------------------------------------------------------------- yamlfile.load

NESTED = lines(
    "title: T",            # 1
    "tags:",               # 2
    "  - a",               # 3
    "  - b",               # 4
    "source: {name: N}",   # 5
    "matches:",            # 6
    "  - home: A",         # 7
    "    away: B",         # 8
)


@pytest.mark.parametrize("offset", [0, 1, 10])
def test_load_remembers_lines_of_keys_and_items(offset):
    data = load(NESTED, line_offset=offset)
    assert isinstance(data, LineDict)
    assert data.line == 1 + offset
    assert data.lines == {"title": 1 + offset, "tags": 2 + offset, "source": 5 + offset, "matches": 6 + offset}
    assert isinstance(data["tags"], LineList)
    assert data["tags"] == ["a", "b"]
    assert data["tags"].line == 3 + offset
    assert data["tags"].lines == [3 + offset, 4 + offset]
    assert data["source"].line == 5 + offset and data["source"].lines == {"name": 5 + offset}
    match = data["matches"][0]
    assert isinstance(match, LineDict)
    assert match.line == 7 + offset
    assert match.lines == {"home": 7 + offset, "away": 8 + offset}
    assert data["matches"].lines == [7 + offset]


@pytest.mark.parametrize("offset", [0, 3])
def test_line_of_falls_back_to_where_the_collection_starts(offset):
    data = load(NESTED, line_offset=offset)
    assert data.line_of("title") == 1 + offset
    assert data.line_of("missing") == 1 + offset
    assert data["tags"].line_of(1) == 4 + offset
    assert data["tags"].line_of(7) == 3 + offset
    assert data["tags"].line_of(-1) == 3 + offset


@pytest.mark.parametrize("text, expected", [
    ("v: 2025-02-18", "2025-02-18"),
    ("v: 2025-02-30", "2025-02-30"),  # PyYAML would raise ValueError here
    ("v: 2025-13-01", "2025-13-01"),
    ("v: 2025-02-18T20:45:00+01:00", "2025-02-18T20:45:00+01:00"),
    ("v: 2025-02-18 20:45", "2025-02-18 20:45"),
    ("v: 2:1", "2:1"),  # YAML 1.1 base-60 would make it 121
    ("v: 1:30:00", "1:30:00"),
    ("v: 12:30", "12:30"),
    ("v: 12", 12),
    ("v: -3", -3),
    ("v: 1.5", 1.5),
    ("v: 1_000", 1000),
    ("v: true", True),
    ("v: null", None),
    ("v: '2:1'", "2:1"),
    ("v: 1–3", "1–3"),
])
def test_load_keeps_dates_and_scores_as_text(text, expected):
    value = load(text)["v"]
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize("text", ["", "# only a comment\n", "\n\n"])
def test_load_of_nothing_is_none(text):
    assert load(text) is None


@pytest.mark.parametrize("text, offset, line, message", [
    (lines("a: 1", "b: 2", "a: 3"), 0, 3, "invalid YAML: `a` is given twice…"),
    (lines("a: 1", "b: 2", "a: 3"), 1, 4, "invalid YAML: `a` is given twice…"),
    (lines("m:", "  x: 1", "  y: 2", "  x: 3"), 0, 4, "invalid YAML: `x` is given twice…"),
    (lines("- {home: A, home: B}"), 5, 6, "invalid YAML: `home` is given twice…"),
    (lines("a: b: c"), 0, 1, "invalid YAML: …"),
    (lines("title: T", "date: a: b"), 1, 3, "invalid YAML: …"),
    (lines("a: 1", "  b: 2"), 0, 2, "invalid YAML: …"),
    (lines("- a", "b: 1"), 0, 1, "invalid YAML: …"),
    (lines("a:", "  b: 1", " c: 2"), 0, 3, "invalid YAML: …"),
    ("\ta: 1", 0, 1, "invalid YAML: …"),
    (lines("a: 1", "b: *nowhere"), 0, 2, "invalid YAML: …"),
    (lines("[a, b]: 1"), 0, 1, "invalid YAML: a field's name must be plain text, not a list or a mapping"),
    ("x: " + "[" * 2000 + "]" * 2000, 0, 1, "invalid YAML: nested too deeply"),
])
def test_load_syntax_errors_carry_the_line(text, offset, line, message):
    with pytest.raises(YamlSyntaxError) as info:
        load(text, line_offset=offset)
    assert info.value.line == line and agrees(info.value.message, message)


def test_load_unclosed_quote_points_at_the_opening_line():
    with pytest.raises(YamlSyntaxError) as info:
        load(lines("a: 1", 'b: "unfinished', "c: 2"))
    assert info.value.line == 2


# --------------------------------------------------------------------------- split_front_matter

@pytest.mark.parametrize("text, expected", [
    (lines("---", "title: T", "---", "body"), ("title: T", 2, "body\n", 4)),
    (lines("---", "title: T", "...", "body"), ("title: T", 2, "body\n", 4)),
    (lines("---  ", "title: T", "date: 2025-02-18", "---\t", "body", "more"),
     ("title: T\ndate: 2025-02-18", 2, "body\nmore\n", 5)),
    (lines("---", "---", "body"), ("", 2, "body\n", 3)),
    ("---\ntitle: T\n---", ("title: T", 2, "", 4)),
    (lines("---", "a: 1", "---", "body", "---", "tail"), ("a: 1", 2, "body\n---\ntail\n", 4)),
    (lines("no front matter", "---"), (None, 0, "no front matter\n---\n", 1)),
    ("", (None, 0, "", 1)),
    (lines(" ---", "a: 1", "---"), (None, 0, " ---\na: 1\n---\n", 1)),
])
def test_split_front_matter(text, expected):
    assert split_front_matter(text) == expected


@pytest.mark.parametrize("text, line, message", [
    (lines("---", "title: T", "body"), 3, "the front matter opened with '---' on line 1 is never closed: add a line "
                                          "'---' after its last field, above this line"),
    (lines("---", "title: T", "", "Brugge went through: 3-1 in Bergamo."), 4,
     "the front matter opened with '---' on line 1 is never closed: add a line '---' after its last field, "
     "above this line"),
    (lines("---", "title: T", "--", "body"), 3, "this line should close the front matter opened on line 1: write it "
                                               "as exactly three hyphens, '---'"),
    ("---", 1, "the front matter opened with '---' on line 1 is never closed: add a line '---' after its last field"),
    ("---\n", 1, "the front matter opened with '---' on line 1 is never closed: add a line '---' after its last "
                 "field"),
])
def test_split_front_matter_never_closed(text, line, message):
    with pytest.raises(YamlSyntaxError) as info:
        split_front_matter(text)
    assert (info.value.line, info.value.message) == (line, message)


# --------------------------------------------------------------------------- parse_article: a full article

FULL = lines(
    "---",                                                                       # 1
    "title: Atalanta out against a ruthless Club Brugge",                        # 2
    "date: 2025-02-19",                                                          # 3
    "lang: it",                                                                  # 4
    "slug: atalanta-club-brugge-ritorno",                                        # 5
    "summary: One-paragraph teaser.",                                            # 6
    "author: Mario Rossi",                                                       # 7
    'source: {name: Gazzetta, url: "https://example.org/a"}',                    # 8
    "tags: [Champions League, Atalanta]",                                        # 9
    "draft: false",                                                              # 10
    "competition: UEFA Champions League",                                        # 11
    "season: 2024-25",                                                           # 12
    "teams:",                                                                    # 13
    "  - Inter",                                                                 # 14
    "  - Bodø/Glimt",                                                            # 15
    "matches:",                                                                  # 16
    "  - home: Atalanta",                                                        # 17
    "    away: Club Brugge",                                                     # 18
    "    score: 1–3",                                                            # 19
    "    aet: null",                                                             # 20
    "    pens: null",                                                            # 21
    "    date: 2025-02-18",                                                      # 22
    "    stage: Knockout phase play-offs",                                       # 23
    "    leg: 2",                                                                # 24
    "    venue: Gewiss Stadium",                                                 # 25
    "    neutral: false",                                                        # 26
    "    goals:",                                                                # 27
    "      - {team: Club Brugge, player: Ferran Jutglà, minute: 3}",             # 28
    "      - {team: Atalanta, player: Ademola Lookman, minute: 45+1, kind: pen}",  # 29
    "    cards:",                                                                # 30
    "      - {team: Atalanta, player: Ederson, minute: 70, kind: second_yellow}",  # 31
    "  - home: Bayern München",                                                  # 32
    "    away: Atalanta",                                                        # 33
    "    score: 1-1",                                                            # 34
    "    aet: 2-2",                                                              # 35
    "    pens: 4-3",                                                             # 36
    "    stage: Final",                                                          # 37
    "    competition: Coppa Italia",                                             # 38
    "    season: 2025",                                                          # 39
    "    neutral: true",                                                         # 40
    "    goals:",                                                                # 41
    "      - {team: Bayern München, player: Kane, minute: 12}",                  # 42
    "      - {team: Atalanta, player: Kolašinac, minute: \"118'\", kind: og}",   # 43
    "    cards:",                                                                # 44
    "      - team: Bayern München",                                              # 45
    "        player: Kimmich",                                                   # 46
    "        minute: 90+3",                                                      # 47
    "        kind: red",                                                         # 48
    "---",                                                                       # 49
    "Non riesce l'impresa all'Atalanta.",                                        # 50
    "---",                                                                       # 51
    "A rule in the body.",                                                       # 52
)

FULL_EXPECTED = ArticleSpec(
    path=PATH, slug="atalanta-club-brugge-ritorno", title="Atalanta out against a ruthless Club Brugge",
    date=dt.date(2025, 2, 19), lang="it",
    body="Non riesce l'impresa all'Atalanta.\n---\nA rule in the body.\n", body_line=50,
    summary="One-paragraph teaser.", author="Mario Rossi", source_name="Gazzetta", source_url="https://example.org/a",
    tags=("Champions League", "Atalanta"), draft=False, teams=(("Inter", 14), ("Bodø/Glimt", 15)),
    slug_line=5,
    matches=(
        MatchSpec(
            source=Source(PATH, 17), home="Atalanta", away="Club Brugge", score=Score(1, 3),
            date=dt.date(2025, 2, 18), date_given=True, competition="UEFA Champions League",
            season=Season(2024, 2025), stage="Knockout phase play-offs", leg=2, legs=None, aet=None, pens=None,
            venue="Gewiss Stadium", neutral=False,
            goals=(EventSpec("Club Brugge", "Ferran Jutglà", "3", None, 28),
                   EventSpec("Atalanta", "Ademola Lookman", "45+1", "pen", 29)),
            cards=(EventSpec("Atalanta", "Ederson", "70", "second_yellow", 31),)),
        MatchSpec(
            source=Source(PATH, 32), home="Bayern München", away="Atalanta", score=Score(1, 1),
            date=dt.date(2025, 2, 19), date_given=False, competition="Coppa Italia",
            season=Season(2025, 2025), stage="Final", leg=None, legs=None, aet=Score(2, 2), pens=Score(4, 3),
            venue="", neutral=True,
            goals=(EventSpec("Bayern München", "Kane", "12", None, 42),
                   EventSpec("Atalanta", "Kolašinac", "118", "og", 43)),
            cards=(EventSpec("Bayern München", "Kimmich", "90+3", "red", 45),)),
    ),
)


def test_full_article_comes_out_with_every_value():
    spec, problems = parse(FULL, stem="ignored-stem", default_lang="en")
    assert problems == []
    assert spec == FULL_EXPECTED


def test_full_article_remembers_the_line_of_every_match_field():
    spec, _ = parse(FULL)
    first, second = spec.matches
    assert {key: first.lines[key] for key in ("match", "home", "away", "score", "aet", "pens", "date", "stage",
                                              "leg", "venue", "neutral", "goals", "cards")} == {
        "match": 17, "home": 17, "away": 18, "score": 19, "aet": 20, "pens": 21, "date": 22, "stage": 23,
        "leg": 24, "venue": 25, "neutral": 26, "goals": 27, "cards": 30}
    assert {key: second.lines[key] for key in ("match", "score", "aet", "pens", "competition", "season")} == {
        "match": 32, "score": 34, "aet": 35, "pens": 36, "competition": 38, "season": 39}
    assert second.lines["date"] == 32  # not given: the match's own line


# --------------------------------------------------------------------------- parse_article: defaults

@pytest.mark.parametrize("stem, slug", [
    ("club-brugge-atalanta", "club-brugge-atalanta"),
    ("Atalanta – Club Brugge, Ritorno", "atalanta-club-brugge-ritorno"),
    ("Bodø Glimt vs Lazio", "bodo-glimt-vs-lazio"),
    ("2025_02_18 recap", "2025-02-18-recap"),
])
def test_default_slug_is_the_slugified_file_stem(stem, slug):
    spec, problems = parse(lines("---", "title: T", "date: 2025-02-18", "---", "body"), stem=stem)
    assert problems == []
    assert (spec.slug, spec.slug_line) == (slug, 2)


@pytest.mark.parametrize("front, default_lang, lang", [
    (["lang: it"], "en", "it"),
    ([], "en", "en"),
    ([], "it", "it"),
    (["lang: pt-BR"], "en", "pt-BR"),
    (["lang:"], "it", "it"),
])
def test_lang_defaults_to_the_configured_language(front, default_lang, lang):
    spec, problems = parse(lines("---", "title: T", "date: 2025-02-18", *front, "---"), default_lang=default_lang)
    assert problems == []
    assert spec.lang == lang


BASE = ["---", "title: T", "date: 2025-02-18", "competition: UCL", "season: 2024-25",
        "matches:", "  - home: A", "    away: B", "    score: 1-0"]   # lines 1-9; extra match fields from 10


def with_match(*extra: str, head=BASE) -> str:
    return lines(*head, *extra, "---", "body")


@pytest.mark.parametrize("extra, competition, season, date, date_given", [
    ([], "UCL", Season(2024, 2025), dt.date(2025, 2, 18), False),
    (["    date: 2025-02-12"], "UCL", Season(2024, 2025), dt.date(2025, 2, 12), True),
    (["    date:"], "UCL", Season(2024, 2025), dt.date(2025, 2, 18), False),
    (["    competition: Europa League"], "Europa League", Season(2024, 2025), dt.date(2025, 2, 18), False),
    (["    season: 2023/24"], "UCL", Season(2023, 2024), dt.date(2025, 2, 18), False),
    (["    date: 2025-02-12T20:45:00+01:00"], "UCL", Season(2024, 2025), dt.date(2025, 2, 12), True),
])
def test_matches_inherit_competition_season_and_date(extra, competition, season, date, date_given):
    spec, problems = parse(with_match(*extra))
    assert problems == []
    (match,) = spec.matches
    assert (match.competition, match.season, match.date, match.date_given) == (competition, season, date, date_given)
    assert (match.home, match.away, match.score, match.source) == ("A", "B", Score(1, 0), Source(PATH, 7))


@pytest.mark.parametrize("front, title, date", [
    (["title:", "date:", "draft: true"], "", None),
    (["draft: true"], "", None),
    (["title: Working title", "draft: true"], "Working title", None),
    (["date: 2025-02-18", "draft: true"], "", dt.date(2025, 2, 18)),
])
def test_draft_without_title_or_date_builds_with_a_warning(front, title, date):
    spec, problems = parse(lines("---", *front, "---", "notes"))
    assert problems == [f"{PATH}:2: warning: draft without a title or date yet: fine for a draft, which is "
                        "published only with --drafts and then listed last"]
    assert spec is not None
    assert (spec.draft, spec.title, spec.date, spec.body, spec.body_line) == (True, title, date, "notes\n",
                                                                             len(front) + 3)


def test_draft_match_missing_facts_is_left_out_with_a_warning():
    spec, problems = parse(lines("---", "title: T", "date: 2025-02-18", "draft: true",
                                 "matches:", "  - home: A", "    away: B", "    score: 1-0", "---"))
    assert problems == [f"{PATH}:6: warning: this match has no competition, season yet: it is left out of the draft"]
    assert spec.matches == ()


@pytest.mark.parametrize("front, expected", [
    ([], [f"{PATH}:2: `title` is required", f"{PATH}:2: `date` is required (YYYY-MM-DD)"]),
    (["date: 2025-02-18"], [f"{PATH}:2: `title` is required"]),
    (["title: T"], [f"{PATH}:2: `date` is required (YYYY-MM-DD)"]),
    (["title: T", "date:"], [f"{PATH}:3: `date` is required (YYYY-MM-DD)"]),
    (["title: ''", "date: 2025-02-18"], [f"{PATH}:2: `title` is required"]),
    (["title: T", "date: 2025-02-18", "draft: false"], []),
])
def test_published_article_needs_title_and_date(front, expected):
    spec, problems = parse(lines("---", *front, "---", "body"))
    assert problems == expected
    assert spec is not None


# --------------------------------------------------------------------------- parse_article: wrong types

ARTICLE_ONLY = ["---", "title: T", "date: 2025-02-18"]  # lines 1-3; extra front matter from 4


@pytest.mark.parametrize("text, expected", [
    pytest.param(lines("---", "title: [a, b]", "date: 2025-02-18", "---"),
                 "2: `title` must be text; got a list", id="title-list"),
    pytest.param(lines("---", "title: {a: 1}", "date: 2025-02-18", "---"),
                 "2: `title` must be text; got a mapping", id="title-mapping"),
    pytest.param(lines(*ARTICLE_ONLY, "tags: {a: 1}", "---"),
                 "4: `tags` must be a list of names; got a mapping", id="tags-mapping"),
    pytest.param(lines(*ARTICLE_ONLY, "tags:", "  - ok", "  - [x]", "---"),
                 "6: `tags` item 2 must be text; got a list", id="tags-item-list"),
    pytest.param(lines(*ARTICLE_ONLY, "tags: [2024, true]", "---"),
                 "4: `tags` item 2 must be text; got the boolean true", id="tags-item-bool"),
    pytest.param(lines("---", "title: T", "date: 2025-02-30", "---"),
                 "3: `date` '2025-02-30' is not a day of the calendar: February 2025 has 28 days",
                 id="impossible-date"),
    pytest.param(lines("---", "title: T", "date: 20250218", "---"),
                 "3: `date` must be a real date written YYYY-MM-DD (or an ISO date-time); got 20250218",
                 id="date-number"),
    pytest.param(lines("---", "title: T", "date: 2025-2-8", "---"),
                 "3: `date` must be a real date written YYYY-MM-DD (or an ISO date-time); got '2025-2-8'",
                 id="date-short"),
    pytest.param(lines(*ARTICLE_ONLY, "draft: 'no'", "---"),
                 "4: `draft` must be true or false; got 'no'", id="draft-text"),
    pytest.param(lines(*ARTICLE_ONLY, "lang: English", "---"),
                 "4: `lang` must be a language code like en or it; got 'English'", id="lang-word"),
    pytest.param(lines(*ARTICLE_ONLY, "slug: ../etc", "---"),
                 "4: slug '../etc' may hold only a-z, 0-9 and single hyphens, at most 80 characters (try 'etc')",
                 id="slug-escape"),
    pytest.param(lines(*ARTICLE_ONLY, "source: {name: X, url: 'javascript:alert(1)'}", "---"),
                 "4: `source.url` must be an http(s) address; got 'javascript:alert(1)'", id="source-javascript"),
    pytest.param(lines(*ARTICLE_ONLY, "source: [a]", "---"),
                 "4: `source` must be a mapping of `key: value` lines; got a list", id="source-list"),
    pytest.param(lines(*ARTICLE_ONLY, "season: 2024-26", "---"),
                 "4: `season`: a season spans one year or two consecutive years; got '2024-26'", id="season-gap"),
    pytest.param(lines(*ARTICLE_ONLY, "teams: [Atalanta, '!!']", "---"),
                 "4: team '!!' has no letters or digits", id="teams-no-letters"),
    pytest.param(lines(*ARTICLE_ONLY, "matches: {home: A}", "---"),
                 "4: `matches` must be a list of matches (`- home: ...`)", id="matches-mapping"),
    pytest.param(lines(*ARTICLE_ONLY, "matches:", "  - x", "---"),
                 "5: match 1 must be a mapping of `key: value` lines; got 'x'", id="match-text"),
    pytest.param(lines(*ARTICLE_ONLY, "matches:", "  -", "---"),
                 "5: match 1 must be a mapping of `key: value` lines; got nothing", id="match-empty"),
])
def test_article_field_of_wrong_type_is_one_error(text, expected):
    spec, problems = parse(text)
    assert problems == [f"{PATH}:{expected}"]
    assert spec is not None


@pytest.mark.parametrize("extra, expected", [
    pytest.param(["    leg: 3"], "10: `leg` must be one of 1, 2; got 3", id="leg-3"),
    pytest.param(["    leg: true"], "10: `leg` must be one of 1, 2; got the boolean true", id="leg-bool"),
    pytest.param(["    leg: '2'"], "10: `leg` must be one of 1, 2; got '2'", id="leg-text"),
    pytest.param(["    legs: 3"], "10: `legs` must be one of 1, 2; got 3", id="legs-3"),
    pytest.param(["    leg: 2", "    legs: 1"], "11: `leg: 2` cannot be part of a tie of `legs: 1`", id="leg2-legs1"),
    pytest.param(["    neutral: maybe"], "10: `neutral` must be true or false; got 'maybe'", id="neutral-maybe"),
    pytest.param(["    aet: x"], '10: `aet`: a score is written "H-A", like "1-3"; got \'x\'', id="aet-text"),
    pytest.param(["    pens: [4, 3]"], '10: `pens`: a score is written "H-A", like "1-3"; got [4, 3]', id="pens-list"),
    pytest.param(["    date: 2025-13-01"],
                 "10: `date` '2025-13-01' is not a day of the calendar: there is no month 13 (months go from 01 to 12)",
                 id="match-date"),
    pytest.param(["    season: season"], "10: `season`: a season is written like \"2024-25\" or \"2025\"; got 'season'",
                 id="match-season"),
    pytest.param(["    goals: 3"], "10: `goals` must be a list of {team, player, minute, kind}", id="goals-number"),
    pytest.param(["    cards: {team: A}"], "10: `cards` must be a list of {team, player, minute, kind}",
                 id="cards-mapping"),
    pytest.param(["    goals:", "      - 3"], "11: goals item 1 must be a mapping of `key: value` lines; got 3",
                 id="goal-number"),
    pytest.param(["    goals:", "      - {team: A, player: P, minute: abc}"],
                 "11: `minute` is written like 23 or 90+2; got 'abc'", id="minute-abc"),
    pytest.param(["    goals:", "      - {team: A, player: P, minute: [3]}"],
                 "11: `minute` must be text; got a list", id="minute-list"),
    pytest.param(["    goals:", "      - {team: A, player: P, minute: 3, kind: PEN}"],
                 "11: `kind` must be one of none, pen, og; got 'PEN'", id="goal-kind"),
    pytest.param(["    goals:", "      - {team: A, minute: 3}"], "11: `player` is required", id="goal-no-player"),
    pytest.param(["    cards:", "      - team: A", "        player: P", "        minute: 10", "        kind: blue"],
                 "14: `kind` must be one of red, second_yellow, yellow; got 'blue'", id="card-blue"),
    pytest.param(["    cards:", "      - {team: A, player: P, minute: 10}"],
                 "11: a card needs its `kind`: one of red, second_yellow, yellow", id="card-without-kind"),
])
def test_match_field_of_wrong_type_is_one_error_and_drops_the_match(extra, expected):
    spec, problems = parse(with_match(*extra))
    assert problems == [f"{PATH}:{expected}"]
    assert spec is not None and spec.matches == ()


@pytest.mark.parametrize("head, expected", [
    pytest.param(["---", "title: T", "date: 2025-02-18", "competition: UCL", "season: 2024-25",
                  "matches:", "  - home: A", "    away: B", "    score: 5"],
                 ['9: `score`: a score is written "H-A", like "1-3"; got 5'], id="score-5"),
    pytest.param(["---", "title: T", "date: 2025-02-18", "competition: UCL", "season: 2024-25",
                  "matches:", "  - home: A", "    away: B", "    score: one-nil"],
                 ['9: `score`: a score is written "H-A", like "1-3"; got \'one-nil\''], id="score-words"),
    pytest.param(["---", "title: T", "date: 2025-02-18", "competition: UCL", "season: 2024-25",
                  "matches:", "  - home: A", "    away: B"],
                 ['7: `score` is required: goals at the end of normal time, home first, like "1-3"'],
                 id="score-missing"),
    pytest.param(["---", "title: T", "date: 2025-02-18", "competition: UCL", "season: 2024-25",
                  "matches:", "  - home: Atalanta", "    away: ATALANTA", "    score: 1-0"],
                 ["8: 'Atalanta' cannot play itself"], id="plays-itself"),
    pytest.param(["---", "title: T", "date: 2025-02-18",
                  "matches:", "  - home: A", "    away: B", "    score: 1-0"],
                 ["5: this match has no `competition`: give it here or at the top of the front matter",
                  "5: this match has no `season` (like 2024-25): give it here or at the top of the front matter"],
                 id="no-competition-no-season"),
])
def test_match_problems(head, expected):
    spec, problems = parse(with_match(head=head))
    assert problems == [f"{PATH}:{item}" for item in expected]
    assert spec.matches == ()


@pytest.mark.parametrize("extra, minute, kind", [
    ("{team: A, player: P, minute: 23}", "23", None),
    ("{team: A, player: P, minute: 90+2}", "90+2", None),
    ("{team: A, player: P, minute: \"90+2'\"}", "90+2", None),
    ("{team: A, player: P, minute: 10, kind: null}", "10", None),
    ("{team: A, player: P, minute: 10, kind: og}", "10", "og"),
    ("{team: A, player: P}", "", None),
])
def test_goal_minutes_and_kinds(extra, minute, kind):
    spec, problems = parse(with_match("    goals:", f"      - {extra}"))
    assert problems == []
    assert spec.matches[0].goals == (EventSpec("A", "P", minute, kind, 11),)


@pytest.mark.parametrize("text, expected", [
    pytest.param(lines("hello", "world"), f"{PATH}:1: no front matter: start the file with a line '---', the YAML "
                                          "fields (title, date, ...), and another '---'", id="no-front-matter"),
    pytest.param(lines("---", "title: T", "body"), f"{PATH}:3: the front matter opened with '---' on line 1 is never "
                                                   "closed: add a line '---' after its last field, above this line",
                 id="unclosed"),
    pytest.param(lines("title: T", "date: 2025-02-18", "---", "body"),
                 f"{PATH}:1: the front matter has no opening '---': add a line '---' above this one (the one on "
                 "line 3 closes it)", id="not-opened"),
    pytest.param(lines("---", "title: T", "date: a: b", "---"),
                 f"{PATH}:3: invalid YAML: …", id="syntax"),
    pytest.param(lines("---", "title: T", "date: 2025-02-18", "title: U", "---"),
                 f"{PATH}:4: invalid YAML: `title` is given twice…", id="duplicate-key"),
    pytest.param(lines("---", "title: T", "date: [2025", "---"),
                 f"{PATH}:3: invalid YAML: …", id="unclosed-flow-on-last-line"),
    pytest.param(lines("---", "- a", "---"),
                 f"{PATH}:2: the front matter must be a mapping of `key: value` lines; got a list", id="list"),
])
def test_article_that_cannot_be_used(text, expected):
    spec, problems = parse(text)
    assert all_agree(problems, [expected])
    assert spec is None


def test_non_utf8_article_names_the_line():
    spec, problems = parse("", raw=b"---\ntitle: caf\xe9\ndate: 2025-02-18\n---\n")
    assert spec is None
    assert problems == [f"{PATH}:2: not UTF-8 text (byte 14): save the file as UTF-8"]


def test_unknown_keys_warn_and_build():
    spec, problems = parse(with_match("    referee: X", head=BASE[:5] + ["mood: happy"] + BASE[5:]))
    assert problems == [
        f"{PATH}:6: warning: unknown key 'mood' in the front matter is ignored (expected one of: author, "
        "competition, date, draft, lang, matches, review, season, slug, source, summary, tags, teams, title)",
        f"{PATH}:11: warning: unknown key 'referee' in a match is ignored (expected one of: aet, away, cards, "
        "competition, date, goals, home, leg, legs, neutral, pens, score, season, stage, venue)",
    ]
    assert len(spec.matches) == 1


# --------------------------------------------------------------------------- parse_article: BOM and line ends

ODD = lines(
    "---",                      # 1
    "title: T",                 # 2
    "date: 2025-02-30",         # 3: error
    "competition: UCL",         # 4
    "season: 2024-25",          # 5
    "mood: happy",              # 6: warning
    "matches:",                 # 7
    "  - home: A",              # 8
    "    away: B",              # 9
    "    score: x",             # 10: error
    "    date: 2025-02-12",     # 11
    "---",                      # 12
    "body",                     # 13
    "",                         # 14
    "more",                     # 15
)
ODD_PROBLEMS = [
    f"{PATH}:6: warning: unknown key 'mood' in the front matter is ignored (expected one of: author, "
    "competition, date, draft, lang, matches, review, season, slug, source, summary, tags, teams, title)",
    f"{PATH}:3: `date` '2025-02-30' is not a day of the calendar: February 2025 has 28 days",
    f"{PATH}:10: `score`: a score is written \"H-A\", like \"1-3\"; got 'x'",
]
LINE_ENDS = {
    "lf": lambda text: text.encode(),
    "crlf": lambda text: text.replace("\n", "\r\n").encode(),
    "cr": lambda text: text.replace("\n", "\r").encode(),
    "bom": lambda text: b"\xef\xbb\xbf" + text.encode(),
    "bom-crlf": lambda text: b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode(),
}


@pytest.mark.parametrize("encode", LINE_ENDS.values(), ids=LINE_ENDS.keys())
def test_bom_and_line_ends_give_the_same_lines(encode):
    spec, problems = parse("", raw=encode(ODD))
    assert problems == ODD_PROBLEMS
    assert (spec.title, spec.body, spec.body_line) == ("T", "body\n\nmore\n", 13)


@pytest.mark.parametrize("encode", LINE_ENDS.values(), ids=LINE_ENDS.keys())
def test_bom_and_line_ends_give_the_same_article(encode):
    spec, problems = parse("", raw=encode(FULL))
    assert problems == []
    assert spec == FULL_EXPECTED
    assert [match.lines["match"] for match in spec.matches] == [17, 32]


@pytest.mark.parametrize("encode", LINE_ENDS.values(), ids=LINE_ENDS.keys())
def test_bom_and_line_ends_give_the_same_syntax_error_line(encode):
    _, problems = parse("", raw=encode(lines("---", "title: T", "date: 2025-02-18", "title: U", "---")))
    assert problems == [f"{PATH}:4: invalid YAML: `title` is given twice (first on line 2): keep one of them"]


# --------------------------------------------------------------------------- parse_article: missing and inherited facts

def test_match_with_empty_season_and_none_in_the_article_is_an_error():
    head = ["---", "title: T", "date: 2025-02-18", "competition: UCL",
            "matches:", "  - home: A", "    away: B", "    score: 1-0"]
    spec, problems = parse(with_match("    season:", head=head))
    assert problems == [f"{PATH}:6: this match has no `season` (like 2024-25): give it here or at the top "
                        "of the front matter"]
    assert spec.matches == ()


def test_draft_match_with_empty_date_is_left_out_like_a_missing_one():
    head = ["---", "draft: true", "competition: UCL", "season: 2024-25",
            "matches:", "  - home: A", "    away: B", "    score: 1-0"]
    spec, problems = parse(with_match("    date:", head=head))
    assert problems == [
        f"{PATH}:2: warning: draft without a title or date yet: fine for a draft, which is published only "
        "with --drafts and then listed last",
        f"{PATH}:6: warning: this match has no date yet: it is left out of the draft",
    ]
    assert spec.matches == ()


def test_match_with_empty_text_date_inherits_with_date_given_false():
    spec, problems = parse(with_match("    date: ''"))
    assert problems == []
    assert (spec.matches[0].date, spec.matches[0].date_given) == (dt.date(2025, 2, 18), False)


def test_teams_keep_their_own_lines_after_a_bad_item():
    spec, problems = parse(lines(*ARTICLE_ONLY, "teams:", "  - [x]", "  - Milan", "---"))
    assert problems == [f"{PATH}:5: `teams` item 1 must be text; got a list"]
    assert spec.teams == (("Milan", 6),)


def test_impossible_article_date_is_one_error_not_two():
    head = ["---", "title: T", "date: 2025-02-30", "competition: UCL", "season: 2024-25",
            "matches:", "  - home: A", "    away: B", "    score: 1-0"]
    _, problems = parse(with_match(head=head))
    assert problems == [f"{PATH}:3: `date` '2025-02-30' is not a day of the calendar: February 2025 has 28 days"]


# --------------------------------------------------------------------------- registry: teams

TEAMS_PATH = "content/teams.yaml"
TEAMS = lines(
    "- name: Club Brugge",                                                  # 1
    "  short: BRU",                                                         # 2
    "  country: BEL",                                                       # 3
    '  colors: ["#0a3d91", "#000"]',                                        # 4
    "  aliases: [Club Brugge KV, Bruges, Brugge, Club Bruges]",             # 5
    "  nicknames: {en: [Blue-Blacks], it: [nerazzurri]}",                   # 6
    "- name: Bodø/Glimt",                                                   # 7
    "- name: Atalanta",                                                     # 8
    "  nicknames: {it: [nerazzurri, La Dea]}",                              # 9
    "- name: Inter",                                                        # 10
    "  nicknames: [nerazzurri]",                                            # 11
    "- name: Bayern München",                                               # 12
    "  slug: bayern",                                                       # 13
)


def teams_registry(text: str, registry: Registry | None = None):
    problems, registry = Problems(), registry or Registry()
    load_teams(load(text), TEAMS_PATH, problems, registry)
    return registry, formatted(problems)


def test_teams_load_without_problems():
    registry, problems = teams_registry(TEAMS)
    assert problems == []
    assert list(registry.teams) == ["club-brugge", "bodo-glimt", "atalanta", "inter", "bayern"]
    brugge = registry.teams["club-brugge"]
    assert (brugge.name, brugge.short, brugge.country, brugge.colors) == ("Club Brugge", "BRU", "BEL",
                                                                          ("#0a3d91", "#000"))
    assert brugge.aliases == ("Club Brugge KV", "Bruges", "Brugge", "Club Bruges")
    assert brugge.nicknames == (("en", ("Blue-Blacks",)), ("it", ("nerazzurri",)))


@pytest.mark.parametrize("name, team", [
    ("Club Brugge", "Club Brugge"), ("club brugge", "Club Brugge"), ("BRUGES", "Club Brugge"),
    ("brugge", "Club Brugge"), ("Club Brugge KV", "Club Brugge"), ("club-brugge", "Club Brugge"),
    ("Bodø/Glimt", "Bodø/Glimt"), ("Bodo/Glimt", "Bodø/Glimt"), ("bodo glimt", "Bodø/Glimt"),
    ("BODØ-GLIMT", "Bodø/Glimt"), ("Bayern Munchen", "Bayern München"), ("bayern", "Bayern München"),
    ("nerazzurri", None), ("Blue-Blacks", None), ("La Dea", None), ("Bruge", None), ("", None),
])
def test_team_names_resolve_accent_and_case_insensitively(name, team):
    registry, _ = teams_registry(TEAMS)
    found = registry.team(name)
    assert (found.name if found else None) == team


def test_nicknames_may_be_shared_and_never_resolve():
    registry, problems = teams_registry(TEAMS)
    assert problems == []
    assert registry.nicknames == {"blue-blacks": {"club-brugge"}, "nerazzurri": {"club-brugge", "atalanta", "inter"},
                                  "la-dea": {"atalanta"}}
    assert registry.team("nerazzurri") is None


@pytest.mark.parametrize("name, intended", [
    ("Atalanat", "Atalanta"),
    ("Brugees", "Club Brugge"),
    ("Bodo Glimpt", "Bodø/Glimt"),
    ("Real Madrid", None),
])
def test_a_near_miss_of_a_team_name_is_the_hint(name, intended):
    registry, _ = teams_registry(TEAMS)
    resolver = _Resolver(registry, Problems())
    for _ in range(2):  # the second time from the lookups kept per name: the same answer
        found = resolver.near_team(name)
        assert (found.name if found else None) == intended


@pytest.mark.parametrize("text, expected", [
    pytest.param(lines("- name: Milan", "  aliases: [AC Milan, Rossoneri]",
                       "- name: Inter", "  aliases: [Internazionale, ac milan]"),
                 ["4: 'ac milan' names both 'Milan' (line 2) and 'Inter': a name or alias may belong to one "
                  "team only"], id="alias-of-two-teams"),
    pytest.param(lines("- name: Milan", "  colors: [red, '#12345', '#abc', '#ABCDEF']"),
                 ["2: colour 'red' must be written #rgb or #rrggbb",
                  "2: colour '#12345' must be written #rgb or #rrggbb"], id="bad-colours"),
    pytest.param(lines("- name: Milan", "  colors: '#zzz'"),
                 ["2: colour '#zzz' must be written #rgb or #rrggbb"], id="bad-colour-text"),
    pytest.param(lines("- name: Milan", "- name: MILAN"),
                 ["2: team slug 'milan' is used by 'Milan' too"], id="same-slug"),
    pytest.param(lines("- name: Milan", "- name: AC Milan", "  slug: milan"),
                 ["3: team slug 'milan' is used by 'Milan' too"], id="same-explicit-slug"),
    pytest.param(lines("- name: Milan", "  slug: Bad Slug"),
                 ["2: slug 'Bad Slug' may hold only a-z, 0-9 and single hyphens, at most 80 characters"],
                 id="bad-slug"),
    pytest.param(lines("- name: Milan", "  aliases: ['!!']"),
                 ["2: team name '!!' has no letters or digits"], id="alias-no-letters"),
    pytest.param(lines("- name: Milan", "  nicknames: 3"),
                 ["2: `nicknames` must be a mapping of `key: value` lines; got 3"], id="nicknames-number"),
    pytest.param(lines("- name: Milan", "- Inter"),
                 ["2: a team must be a mapping of `key: value` lines; got 'Inter'"], id="entry-text"),
    pytest.param(lines("name: Milan"),
                 ["1: teams.yaml must be a YAML list of entries (`- name: ...`)"], id="not-a-list"),
    pytest.param(lines("- aliases: [x]"), ["1: `name` is required"], id="no-name"),
    pytest.param(lines("- name: Milan", "  stadium: San Siro"),
                 ["2: warning: unknown key 'stadium' in a team is ignored (expected one of: aliases, article, city, "
                  "colors, country, grounds, name, nicknames, short, slug)"], id="unknown-key"),
    pytest.param(lines("- name: Milan", "  aliases: [Milan, milan, A.C. Milan, AC Milan]"), [],
                 id="own-name-repeated-is-fine"),
])
def test_team_registry_problems(text, expected):
    _, problems = teams_registry(text)
    assert problems == [f"{TEAMS_PATH}:{item}" for item in expected]


def test_alias_of_two_teams_keeps_the_first_owner():
    registry, _ = teams_registry(lines("- name: Milan", "  aliases: [AC Milan]",
                                       "- name: Inter", "  aliases: [ac milan]"))
    assert registry.team("AC Milan").name == "Milan"
    assert list(registry.teams) == ["milan", "inter"]


def test_alias_clash_points_at_the_alias_line():
    _, problems = teams_registry(lines("- name: Milan", "- name: Inter", "  aliases:",
                                       "    - Internazionale", "    - MILAN"))
    assert problems == [f"{TEAMS_PATH}:5: 'MILAN' names both 'Milan' (line 1) and 'Inter': a name or alias may "
                        "belong to one team only"]


def test_name_claimed_as_another_teams_alias_is_one_error():
    _, problems = teams_registry(lines("- name: Milan", "  aliases: [Inter]", "- name: Inter"))
    assert problems == [f"{TEAMS_PATH}:3: 'Inter' names both 'Milan' (line 2) and 'Inter': a name or alias may "
                        "belong to one team only"]


def test_team_name_without_letters_is_one_error_and_no_team():
    registry, problems = teams_registry(lines("- name: '!!'"))
    assert problems == [f"{TEAMS_PATH}:1: team name '!!' has no letters or digits"]
    assert registry.teams == {}


# --------------------------------------------------------------------------- registry: competitions

COMPETITIONS_PATH = "content/competitions.yaml"
COMPETITIONS = lines(
    "- name: UEFA Champions League",                                                                 # 1
    "  slug: uefa-champions-league",                                                                 # 2
    "  aliases: [Champions League, UCL, Coppa dei Campioni]",                                        # 3
    "  away_goals_until: 2020-21",                                                                   # 4
    "  stages:",                                                                                     # 5
    "    - {name: League phase}",                                                                    # 6
    "    - {name: Knockout phase play-offs, knockout: true, legs: 2, aliases: [play-offs, spareggi]}",  # 7
    "    - {name: Round of 16, knockout: true, aliases: [ottavi di finale, R16]}",                   # 8
    "    - {name: Final, knockout: true, legs: 1, aliases: [finale]}",                               # 9
    "- name: Coppa Italia",                                                                          # 10
    "  away_goals_from: 2000",                                                                       # 11
    "  away_goals_until: 2017-18",                                                                   # 12
    "  away_goals_extra_time: false",                                                                # 13
    "  stages:",                                                                                     # 14
    "    - name: Semi-finals",                                                                       # 15
    "      legs: 2",                                                                                 # 16
    "    - name: Final",                                                                             # 17
    "      legs: 1",                                                                                 # 18
)


def competitions_registry(text: str):
    problems, registry = Problems(), Registry()
    load_competitions(load(text), COMPETITIONS_PATH, problems, registry)
    return registry, formatted(problems)


def test_competitions_load_with_rules_and_stages():
    registry, problems = competitions_registry(COMPETITIONS)
    assert problems == []
    ucl = registry.competitions["uefa-champions-league"]
    assert (ucl.aliases, ucl.away_goals_since, ucl.away_goals_until, ucl.away_goals_in_extra_time) == (
        ("Champions League", "UCL", "Coppa dei Campioni"), None, Season(2020, 2021), True)
    assert [(s.name, s.slug, s.order, s.knockout, s.legs) for s in ucl.stages] == [
        ("League phase", "league-phase", 0, False, None),
        ("Knockout phase play-offs", "knockout-phase-play-offs", 1, True, 2),
        ("Round of 16", "round-of-16", 2, True, 2),  # knockout without legs: two
        ("Final", "final", 3, True, 1),
    ]
    cup = registry.competitions["coppa-italia"]
    assert (cup.away_goals_since, cup.away_goals_until, cup.away_goals_in_extra_time) == (
        Season(2000, 2000), Season(2017, 2018), False)
    assert [(s.name, s.knockout, s.legs) for s in cup.stages] == [("Semi-finals", True, 2), ("Final", True, 1)]


@pytest.mark.parametrize("name, competition", [
    ("UEFA Champions League", "UEFA Champions League"), ("champions league", "UEFA Champions League"),
    ("ucl", "UEFA Champions League"), ("Coppa dei Campioni", "UEFA Champions League"),
    ("COPPA ITALIA", "Coppa Italia"), ("Europa League", None),
])
def test_competition_names_resolve(name, competition):
    registry, _ = competitions_registry(COMPETITIONS)
    found = registry.competition(name)
    assert (found.name if found else None) == competition


@pytest.mark.parametrize("name, stage", [
    ("Knockout phase play-offs", "Knockout phase play-offs"), ("knockout phase play offs", "Knockout phase play-offs"),
    ("spareggi", "Knockout phase play-offs"), ("PLAY-OFFS", "Knockout phase play-offs"),
    ("ottavi di finale", "Round of 16"), ("r16", "Round of 16"), ("round-of-16", "Round of 16"),
    ("finale", "Final"), ("League Phase", "League phase"), ("Quarter-finals", None), ("", None),
])
def test_find_stage_by_name_alias_or_slug(name, stage):
    registry, _ = competitions_registry(COMPETITIONS)
    found = find_stage(registry.competition("UCL"), name)
    assert (found.name if found else None) == stage


@pytest.mark.parametrize("kind, name, intended", [
    ("stage", "Round of 61", "Round of 16"),
    ("stage", "spareggio", "Knockout phase play-offs"),
    ("stage", "Group stage", None),
    ("competition", "Champions Leage", "UEFA Champions League"),
    ("competition", "Copa Italia", "Coppa Italia"),
])
def test_near_misses_of_competitions_and_stages_are_the_hints(kind, name, intended):
    registry, _ = competitions_registry(COMPETITIONS)
    if kind == "stage":
        found = near_stage(registry.competition("UCL"), name)
    else:
        found = _Resolver(registry, Problems()).near_competition(name)
    assert (found.name if found else None) == intended


@pytest.mark.parametrize("text, expected", [
    pytest.param(lines("- name: X", "  away_goals_from: 2021-22", "  away_goals_until: 2020-21"),
                 ["2: away_goals_from (2021-22) is after away_goals_until (2020-21)"], id="from-after-until"),
    pytest.param(lines("- name: X", "  away_goals_until: 2020-22"),
                 ["2: `away_goals_until`: a season spans one year or two consecutive years; got '2020-22'"],
                 id="bad-until"),
    pytest.param(lines("- name: X", "  away_goals_from: soon"),
                 ["2: `away_goals_from`: a season is written like \"2024-25\" or \"2025\"; got 'soon'"],
                 id="bad-from"),
    pytest.param(lines("- name: X", "  stages:", "    - name: Final", "      legs: 1", "    - name: final"),
                 ["5: stage 'final' is listed twice in this competition"], id="stage-twice"),
    pytest.param(lines("- name: X", "  stages:", "    - name: Final", "    - name: Semi", "      aliases: [final]"),
                 ["5: 'final' names both 'Final' (line 3) and 'Semi': a name or alias may belong to one stage only"],
                 id="stage-alias-clash"),
    pytest.param(lines("- name: X", "  stages:", "    - name: Final", "      legs: 3"),
                 ["4: `legs` must be one of 1, 2; got 3"], id="legs-3"),
    pytest.param(lines("- name: X", "  stages:", "    - name: Final", "      knockout: yes please"),
                 ["4: `knockout` must be true or false; got 'yes please'"], id="knockout-text"),
    pytest.param(lines("- name: X", "  stages: {a: 1}"),
                 ["2: `stages` must be a YAML list of entries (`- name: ...`)"], id="stages-mapping"),
    pytest.param(lines("- name: X", "  stages:", "    - Final"),
                 ["3: a stage must be a mapping of `key: value` lines; got 'Final'"], id="stage-text"),
    pytest.param(lines("- name: X", "- name: x"),
                 ["2: competition slug 'x' is used by 'X' too"], id="same-slug"),
    pytest.param(lines("- name: X", "  aliases: [XC]", "- name: Y", "  aliases: [xc]"),
                 ["4: 'xc' names both 'X' (line 2) and 'Y': a name or alias may belong to one competition only"],
                 id="alias-clash"),
])
def test_competition_registry_problems(text, expected):
    _, problems = competitions_registry(text)
    assert problems == [f"{COMPETITIONS_PATH}:{item}" for item in expected]


# --------------------------------------------------------------------------- config

def write_config(tmp_path, text: str | bytes):
    config_file = tmp_path / "config.yaml"
    config_file.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    problems = Problems()
    config = load_config(config_file, problems, display_path="config.yaml")
    return config, formatted(problems)


@pytest.mark.parametrize("text", [
    "", "\n", "title:\nbase_url:\n",
    pytest.param("# title: T\n# base_url: /\n", id="only-comments"),
])
def test_config_defaults_when_keys_are_missing(tmp_path, text):
    config, problems = write_config(tmp_path, text)
    assert problems == []
    assert config == Config(root=tmp_path, path="config.yaml")
    assert (config.title, config.base_url, config.language, config.per_page, config.home_latest) == (
        "Match Recaps", "/", "en", 20, 8)
    assert [p.as_posix() for p in (config.content_dir, config.templates_dir, config.static_dir,
                                   config.output_dir)] == ["content", "templates", "static", "site"]
    assert (config.allow_html, config.cname, config.base_path, config.origin) == (False, "", "/", "")


def test_config_values_are_read(tmp_path):
    for folder in ("src", "../tpl", "assets"):
        (tmp_path / folder).mkdir()
    config, problems = write_config(tmp_path, lines(
        "title: Recaps", "description: D", "base_url: https://u.github.io/repo/", "language: it", "author: A",
        "content_dir: src", "templates_dir: ../tpl", "static_dir: assets", "output_dir: public", "per_page: 5",
        "home_latest: 3", "allow_html: true", "cname: recaps.example.org"))
    assert problems == []
    assert config.root == tmp_path
    assert (config.title, config.description, config.base_url, config.language, config.author) == (
        "Recaps", "D", "https://u.github.io/repo/", "it", "A")
    assert [p.as_posix() for p in (config.content_dir, config.templates_dir, config.static_dir,
                                   config.output_dir)] == ["src", "../tpl", "assets", "public"]
    assert (config.per_page, config.home_latest, config.allow_html, config.cname) == (5, 3, True,
                                                                                     "recaps.example.org")


@pytest.mark.parametrize("base_url, base_path, origin", [
    ("https://u.github.io/repo/", "/repo/", "https://u.github.io"),
    ("https://u.github.io/repo", "/repo/", "https://u.github.io"),
    ("https://u.github.io/", "/", "https://u.github.io"),
    ("https://u.github.io", "/", "https://u.github.io"),
    ("http://localhost:8000/a/b/", "/a/b/", "http://localhost:8000"),
    ("/recaps/", "/recaps/", ""),
    ("/recaps", "/recaps/", ""),
    ("/", "/", ""),
])
def test_base_path_and_origin(tmp_path, base_url, base_path, origin):
    config, problems = write_config(tmp_path, f"base_url: {base_url}\n")
    assert problems == []
    assert (config.base_url, config.base_path, config.origin) == (base_url, base_path, origin)


@pytest.mark.parametrize("value, message", [
    ("'javascript:alert(1)'", "base_url must be an http(s) URL or a path like /recaps/; got 'javascript:alert(1)'"),
    ("ftp://example.org/", "base_url must be an http(s) URL or a path like /recaps/; got 'ftp://example.org/'"),
    ("recaps/", "base_url must start with / or http(s)://; got 'recaps/'"),
    ("example.org", "base_url must start with / or http(s)://; got 'example.org'"),
    ("//evil.example/", "base_url must start with / or http(s)://; got '//evil.example/'"),
    ("'https:///x'", "base_url 'https:///x' has no host"),
    ("https://u.github.io/?x=1", "base_url may not contain a query, fragment, quotes or spaces; "
                                 "got 'https://u.github.io/?x=1'"),
    ("/recaps/?x=1", "base_url may not contain a query, fragment, quotes or spaces; got '/recaps/?x=1'"),
    ("https://u.github.io/#top", "base_url may not contain a query, fragment, quotes or spaces; "
                                 "got 'https://u.github.io/#top'"),
    ("'/a b/'", "base_url may not contain a query, fragment, quotes or spaces; got '/a b/'"),
    ("'/a\"b/'", "base_url may not contain a query, fragment, quotes or spaces; got '/a\"b/'"),
])
def test_bad_base_url_is_an_error_at_its_line(tmp_path, value, message):
    config, problems = write_config(tmp_path, lines("title: T", f"base_url: {value}"))
    assert config is None
    assert problems == [f"config.yaml:2: {message}"]


@pytest.mark.parametrize("text, expected", [
    pytest.param(lines("title: T", "per_page: 0"), "2: per_page must be a whole number from 1 to 1000; got 0", id="per-page-0"),
    pytest.param(lines("per_page: -1"), "1: per_page must be a whole number from 1 to 1000; got -1", id="per-page-negative"),
    pytest.param(lines("per_page: '5'"), "1: per_page must be a whole number from 1 to 1000; got '5'", id="per-page-text"),
    pytest.param(lines("per_page: 2.5"), "1: per_page must be a whole number from 1 to 1000; got 2.5", id="per-page-float"),
    pytest.param(lines("home_latest: 0"), "1: home_latest must be a whole number from 1 to 100; got 0", id="home-latest-0"),
    pytest.param(lines("allow_html: maybe"), "1: `allow_html` must be true or false; got 'maybe'", id="allow-html"),
    pytest.param(lines("cname: https://recaps.example.org"),
                 "1: cname is a bare host name like recaps.example.org; got 'https://recaps.example.org'", id="cname"),
    pytest.param(lines("title: [a, b]"), "1: `title` must be text; got a list", id="title-list"),
    pytest.param(lines("- title: T", "- base_url: /"),
                 "1: config.yaml must be a mapping of `key: value` lines; got a list", id="yaml-list"),
    pytest.param(lines("just text"),
                 "1: config.yaml must be a mapping of `key: value` lines; got 'just text'", id="yaml-text"),
    pytest.param(lines("title: a", "title: b"), "2: invalid YAML: `title` is given twice…", id="duplicate-key"),
    pytest.param(lines("title: T", "base_url: a: b"),
                 "2: invalid YAML: …", id="syntax"),
])
def test_config_errors(tmp_path, text, expected):
    (tmp_path / "site" / "static").mkdir(parents=True)
    config, problems = write_config(tmp_path, text)
    assert config is None
    assert all_agree(problems, [f"config.yaml:{expected}"])


@pytest.mark.parametrize("raw", [
    b"title: T\nsite_name: X\nbase_url: /r/\n",
    b"\xef\xbb\xbftitle: T\r\nsite_name: X\r\nbase_url: /r/\r\n",
])
def test_config_unknown_keys_warn_and_build(tmp_path, raw):
    config, problems = write_config(tmp_path, raw)
    assert problems == [
        "config.yaml:2: warning: unknown key 'site_name' in config.yaml is ignored (expected one of: allow_html, "
        "author, base_url, cname, content_dir, description, home_latest, language, output_dir, per_page, "
        "static_dir, templates_dir, title)"]
    assert (config.title, config.base_url) == ("T", "/r/")


def test_config_not_found_and_not_utf8(tmp_path):
    problems = Problems()
    assert load_config(tmp_path / "missing.yaml", problems, display_path="missing.yaml") is None
    assert formatted(problems) == [
        "missing.yaml: config file not found (pass --config FILE, or run where config.yaml is)"]
    config, problems = write_config(tmp_path, b"title: caf\xe9\n")
    assert config is None
    assert problems == ["config.yaml:1: not UTF-8 text (byte 10): save the file as UTF-8"]
    config, problems = write_config(tmp_path, "title: T\n".encode("utf-16"))
    assert config is None
    assert problems == ["config.yaml:1: UTF-16 text, not UTF-8 text: save the file as UTF-8"]


def test_config_language_must_be_a_language_code(tmp_path):
    config, problems = write_config(tmp_path, lines("title: T", "language: English"))
    assert config is None
    assert len(problems) == 1 and problems[0].startswith("config.yaml:2: ") and "language" in problems[0]
