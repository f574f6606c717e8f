"""Hardening, round two: facts that cannot be right, text that hides itself, files as they
come and bodies that would take Markdown too long. Table-driven, in memory; the fixture
sites under tests/fixtures/invalid/ and odd/ build the same cases end to end.
"""
import time

import pytest

from recaps.articles import MAX_ARTICLE_BYTES, check_body, minute_problem, parse_article
from recaps.errors import Problems
from recaps.fields import decode

PATH = "content/articles/x.md"


def lines(*rows: str) -> str:
    return "\n".join(rows) + "\n"


def parse(text: str | bytes):
    problems = Problems()
    raw = text if isinstance(text, bytes) else text.encode("utf-8")
    spec = parse_article(PATH, "x", raw, problems, "en")
    return spec, [problem.format() for problem in problems.items]


def recap(*match_lines: str, title: str = "T") -> str:
    """An article whose one match is lines 7.. (line 6 is `matches:`)."""
    return lines("---", f"title: {title}", "date: 2025-02-20", "competition: UEFA Champions League",
                 "season: 2024-25", "matches:", "  - {home: Milan, away: Club Brugge, score: 3-1, "
                 "stage: League phase}" if not match_lines else "  - home: Milan", *match_lines, "---", "Body.")


MATCH = ("    away: Club Brugge", "    stage: League phase")


def with_goal(minute: str, *facts: str) -> str:
    return recap(*MATCH, "    score: 3-1", *facts, "    goals:", f"      - {{team: Milan, player: P, minute: {minute}}}")


# --------------------------------------------------------------------------- minutes

@pytest.mark.parametrize("minute", ["1", "23", "45+2", "90", "90+3", "90+3'", "45'"])
def test_a_minute_of_normal_time_is_fine(minute):
    assert minute_problem(minute, extra_time=False) is None


@pytest.mark.parametrize("minute", ["91", "105", "105+1", "120", "120+1'"])
def test_a_minute_of_extra_time_is_fine_after_extra_time(minute):
    assert minute_problem(minute, extra_time=True) is None


@pytest.mark.parametrize("minute, why", [
    ("abc", "`minute` is written like 23 or 90+2; got 'abc'"),
    ("-5", "`minute` is written like 23 or 90+2; got '-5'"),
    ("45.5", "`minute` is written like 23 or 90+2; got '45.5'"),
    ("0", "`minute` '0' is not a minute of a match: from 1 to 120, then added time like 120+1"),
    ("999", "`minute` '999' is not a minute of a match: from 1 to 120, then added time like 120+1"),
    ("30+5", "`minute` '30+5': added time follows the end of a half, 45+1, 90+1, 105+1, 120+1 and so on"),
    ("90+0", "`minute` '90+0': added time follows the end of a half, 45+1, 90+1, 105+1, 120+1 and so on"),
    ("105", "minute 105 is in extra time, but the match has no `aet`: add the score after extra time"),
])
def test_what_is_not_a_minute(minute, why):
    assert minute_problem(minute, extra_time=False) == why


def test_a_wrong_minute_is_an_error_at_its_line():
    spec, problems = parse(with_goal("abc"))
    assert spec is not None and spec.matches == ()
    assert problems == [f"{PATH}:12: `minute` is written like 23 or 90+2; got 'abc'"]


def test_an_extra_time_minute_needs_aet():
    _, problems = parse(with_goal("120+1'"))
    assert problems == [f"{PATH}:12: minute 120 is in extra time, but the match has no `aet`: add the score "
                        "after extra time"]
    spec, problems = parse(with_goal("120+1'", "    aet: 3-1"))
    assert problems == [] and spec.matches[0].goals[0].minute == "120+1"


# --------------------------------------------------------------------------- text that hides itself

@pytest.mark.parametrize("char", ["\u202e", "\u202a", "\u2066", "\u2069", "\u200b", "\u200d", "\u2060", "\ufeff",
                                  "\u200f"])
def test_bidi_and_zero_width_characters_are_removed_from_titles_with_a_warning(char):
    spec, problems = parse(recap(title=f'"Milan {char}beat Brugge"'))
    assert spec.title == "Milan beat Brugge"
    assert problems == [f"{PATH}:2: warning: invisible character U+{ord(char):04X} removed from `title` "
                        "(it could reorder or hide the text)"]


def test_invisible_characters_are_removed_from_names_and_lists_too():
    text = recap().replace("season: 2024-25", "season: 2024-25\ntags: [\"a\u200bb\"]\nauthor: \"R\u202eS\"")
    spec, problems = parse(text)
    assert (spec.tags, spec.author) == (("ab",), "RS")
    assert [problem.split(": warning: ")[0] for problem in problems] == [f"{PATH}:7", f"{PATH}:6"]


def test_a_slug_loses_its_invisible_characters_too():
    spec, problems = parse(recap().replace("date: 2025-02-20", 'date: 2025-02-20\nslug: "a\u200bb"'))
    assert spec.slug == "ab"
    assert problems == [f"{PATH}:4: warning: invisible character U+200B removed from `slug` (it could reorder "
                        "or hide the text)"]


def test_nul_bytes_are_removed_with_a_warning():
    spec, problems = parse(recap(title="Milan\x00 win"))
    assert spec.title == "Milan win"
    assert problems == [f"{PATH}:2: warning: control character U+0000 removed (and any others in the file)"]


# --------------------------------------------------------------------------- files as they come

@pytest.mark.parametrize("raw, message", [
    (recap().encode("utf-16"), "1: UTF-16 text, not UTF-8 text: save the file as UTF-8"),
    (recap().encode("utf-16-le"), "1: UTF-16 text, not UTF-8 text: save the file as UTF-8"),
    (recap().encode("utf-16-be"), "1: UTF-16 text, not UTF-8 text: save the file as UTF-8"),
    (b"\x00" * 1000, "1: a binary file, not UTF-8 text: save the file as UTF-8"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "1: a binary file, not UTF-8 text: save the file as UTF-8"),
    (b"---\ntitle: caf\xe9\n", "2: not UTF-8 text (byte 14): save the file as UTF-8"),
])
def test_binary_and_utf16_files_are_refused(raw, message):
    problems = Problems()
    assert decode(raw, PATH, problems) is None
    assert [problem.format() for problem in problems.items] == [f"{PATH}:{message}"]


def test_an_article_too_big_is_refused_before_it_is_read():
    raw = b"---\ntitle: T\ndate: 2025-01-01\n---\n" + b"word " * (MAX_ARTICLE_BYTES // 5)
    started = time.perf_counter()
    spec, problems = parse(raw)
    assert spec is None and time.perf_counter() - started < 1
    assert problems == [f"{PATH}:1: the file holds 8.0 MB; an article may hold at most 8 MB: split it into several"]


# --------------------------------------------------------------------------- bodies Markdown would choke on

SLOW = ": converting it would take too long; split it up or write it more simply"


@pytest.mark.parametrize("body, line, why", [
    ("[" * 50_000, 5, "this paragraph holds more than 500 Markdown marks ([ ] ( ) * _ ` \\ < & !)"),
    ("Intro.\n\n" + "![" * 300, 7, "this paragraph holds more than 500 Markdown marks ([ ] ( ) * _ ` \\ < & !)"),
    ("_a__ " * 200, 5, "this paragraph holds more than 500 Markdown marks ([ ] ( ) * _ ` \\ < & !)"),
    ("- a\n" * 2001, 5, "this paragraph runs on for more than 2000 lines without a blank line"),
    ("\n".join("  " * depth + "- a" for depth in range(100)), 85,
     "quotes, lists or indents nest 41 deep here (at most 40)"),
    (">" * 5000 + " deep", 5, "quotes, lists or indents nest 5000 deep here (at most 40)"),
])
def test_a_body_markdown_would_take_too_long_on_is_refused(body, line, why):
    problems = Problems()
    started = time.perf_counter()
    assert check_body(body, 5, PATH, problems) is False
    assert time.perf_counter() - started < 1
    assert [problem.format() for problem in problems.items] == [f"{PATH}:{line}: {why}{SLOW}"]


@pytest.mark.parametrize("body", [
    "A [link](https://uefa.com), *emphasis*, `code` & more!\n\n> a quote\n> > nested\n\n- a\n  - b\n    - c",
    "|a|b|\n|-|-|\n" + "|[x](https://x.org)|*y*|\n" * 1000,  # each row is converted alone
    ("Atalanta pressed high and Club Brugge waited on the break. " * 20 + "\n\n") * 1000,
])
def test_ordinary_bodies_pass(body):
    problems = Problems()
    assert check_body(body, 5, PATH, problems) is True and problems.items == []


# --------------------------------------------------------------------------- registries

from recaps.assemble import assemble  # noqa: E402
from recaps.registry import Registry, load_competitions, load_teams  # noqa: E402
from recaps.yamlfile import load  # noqa: E402

TEAMS = lines("- name: Milan", "  aliases: [AC Milan]", "- name: Club Brugge", "  aliases: [Bruges]",
              "- name: Feyenoord")
COMPETITIONS = lines("- name: UEFA Champions League", "  stages:", "    - {name: League phase}",
                     "    - {name: Round of 16, knockout: true, legs: 2}")


def registry_problems(teams: str = TEAMS, competitions: str = COMPETITIONS) -> tuple[Registry, list[str]]:
    problems, registry = Problems(), Registry()
    load_teams(load(teams) if teams.strip() else None, "teams.yaml", problems, registry)
    load_competitions(load(competitions) if competitions.strip() else None, "competitions.yaml", problems, registry)
    return registry, [problem.format() for problem in problems.items]


@pytest.mark.parametrize("teams, competitions, expected", [
    (TEAMS + lines("- name: Milan", "  slug: milan-2"), COMPETITIONS,
     "teams.yaml:6: 'Milan' names the team at line 1: a name or alias may belong to one team only"),
    (TEAMS + lines("- name: Milano", "  aliases: [AC Milan]"), COMPETITIONS,
     "teams.yaml:7: 'AC Milan' names both 'Milan' (line 2) and 'Milano': a name or alias may belong to one team only"),
    (TEAMS, COMPETITIONS + lines("- name: UEFA Champions League", "  slug: ucl-2"),
     "competitions.yaml:5: 'UEFA Champions League' names the competition at line 1: a name or alias may belong "
     "to one competition only"),
    (TEAMS, COMPETITIONS.replace("{name: League phase}", "{name: League phase, knockout: false, legs: 2}"),
     "competitions.yaml:3: `legs` is for knockout stages, and this one says `knockout: false`"),
    (TEAMS, COMPETITIONS.replace("legs: 2}", "legs: 3}"), "competitions.yaml:4: `legs` must be one of 1, 2; got 3"),
    (TEAMS + lines("  colors: ['#12345g']"), COMPETITIONS, "teams.yaml:6: colour '#12345g' must be written #rgb or #rrggbb"),
])
def test_impossible_registry_facts_are_errors_at_their_line(teams, competitions, expected):
    _, problems = registry_problems(teams, competitions)
    assert problems == [expected]


@pytest.mark.parametrize("teams", ["", "# nothing yet\n", "[]\n"])
def test_an_empty_registry_is_a_warning(teams):
    registry, problems = registry_problems(teams=teams)
    assert problems == ["teams.yaml: warning: teams.yaml is empty: every name will be reported as unknown"]
    assert registry.teams == {}


# --------------------------------------------------------------------------- facts across a match or a tie

def site_problems(*articles: str) -> list[str]:
    registry, problems = registry_problems()
    found = Problems()
    specs = [parse_article(f"content/articles/a{index}.md", f"a{index}", text.encode(), found, "en")
             for index, text in enumerate(articles)]
    assemble([spec for spec in specs if spec], registry, found)
    return [problem.format() for problem in found.items]


def league_match(*facts: str, home: str = "Milan", away: str = "Club Brugge", score: str = "3-1") -> str:
    return lines("---", "title: T", "date: 2024-10-23", "competition: UEFA Champions League", "season: 2024-25",
                 "matches:", f"  - home: {home}", f"    away: {away}", f"    score: {score}", "    date: 2024-10-22",
                 "    stage: League phase", *facts, "---", "Body.")


@pytest.mark.parametrize("facts, expected", [
    (("    goals:", "      - {team: Bruges, player: A, minute: 10}", "      - {team: Club Brugge, player: B, minute: 20}"),
     "content/articles/a0.md:12: 2 goals are listed for Club Brugge, who scored 1"),
    (("    goals:", "      - {team: Feyenoord, player: A, minute: 10}"),
     "content/articles/a0.md:13: 'Feyenoord' is not Milan or Club Brugge, who played this match"),
    (("    cards:", "      - {team: Feyenoord, player: A, minute: 10, kind: red}"),
     "content/articles/a0.md:13: 'Feyenoord' is not Milan or Club Brugge, who played this match"),
])
def test_impossible_goals_and_cards_are_errors(facts, expected):
    assert site_problems(league_match(*facts)) == [expected]


def test_goals_up_to_the_score_after_extra_time_are_fine():
    text = lines("---", "title: T", "date: 2025-03-12", "competition: UEFA Champions League", "season: 2024-25",
                 "matches:", "  - {home: Milan, away: Feyenoord, score: 1-1, aet: 2-1, stage: Round of 16, "
                 "legs: 1, neutral: true, date: 2025-03-11,", "     goals: [{team: AC Milan, player: A, minute: 9},",
                 "             {team: Milan, player: B, minute: 120+1'}, {team: Feyenoord, player: C, minute: 90+3}]}",
                 "---", "Body.")
    assert site_problems(text) == []


def test_a_goal_for_a_team_the_registry_does_not_know_is_only_a_warning():
    # "Rossoneri" may be a name of Milan's that teams.yaml does not list yet
    problems = site_problems(league_match("    goals:", "      - {team: Rossoneri, player: A, minute: 10}"))
    assert problems == ["content/articles/a0.md:13: warning: 'Rossoneri' is not Milan or Club Brugge, who played "
                        "this match"]


@pytest.mark.parametrize("season, expected", [
    ("2010-11", "content/articles/a0.md:10: a match played on 2024-10-22 cannot be part of season 2010-11 (line 5)"),
    ("9999", "content/articles/a0.md:5: `season` 9999 is no season of football: its year must be from 1860 to 2100"),
    ("1066", "content/articles/a0.md:5: `season` 1066 is no season of football: its year must be from 1860 to 2100"),
])
def test_a_season_that_is_not_a_season(season, expected):
    assert site_problems(league_match().replace("season: 2024-25", f"season: {season}")) == [expected]


def test_a_date_that_is_no_date_of_football():
    assert site_problems(league_match().replace("date: 2024-10-23", "date: 0001-01-01")) == [
        "content/articles/a0.md:3: `date` '0001-01-01' is no date of a football match: the year must be from "
        "1860 to 2100"]


def test_a_match_long_before_its_article_is_a_warning_naming_both_lines():
    text = league_match().replace("date: 2024-10-23", "date: 2026-01-10")
    assert site_problems(text) == [
        "content/articles/a0.md:10: warning: this match was played on 2024-10-22, more than a year before the "
        "article's date (2026-01-10, line 3): check both dates"]


def round_of_16(*matches: str) -> str:
    """An article of 2025-03-20 whose matches (flow mappings, one a line) start at line 7."""
    return lines("---", "title: T", "date: 2025-03-20", "competition: UEFA Champions League", "season: 2024-25",
                 "matches:", *(f"  - {{{match}, stage: Round of 16}}" for match in matches), "---", "Body.")


def test_a_second_leg_dated_before_the_first_is_a_warning_naming_both():
    text = round_of_16("home: Feyenoord, away: Milan, score: 0-2, date: 2025-03-18, leg: 1",
                       "home: Milan, away: Feyenoord, score: 1-0, date: 2025-03-11, leg: 2")
    assert site_problems(text) == [
        "content/articles/a0.md:8: warning: Milan v Feyenoord, leg 2, is dated 2025-03-11, before leg 1 "
        "(2025-03-18, content/articles/a0.md:7): check the dates and the `leg` numbers"]


def test_a_shoot_out_in_a_first_leg_is_an_error():
    text = round_of_16("home: Feyenoord, away: Milan, score: 1-1, pens: 4-3, date: 2025-03-11, leg: 1")
    assert site_problems(text) == [
        "content/articles/a0.md:7: invalid tie Feyenoord v Milan (UEFA Champions League 2024-25, Round of 16): "
        "leg 1 has extra time or a shoot-out, which only the last leg can have"]
