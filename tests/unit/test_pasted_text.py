"""Text as people paste it: digits from other scripts, YAML merge keys, a title of
10,000 characters. In memory, with the helpers of tests/unit/test_suspect_input.py."""
import pytest

from recaps.yamlfile import YamlSyntaxError, load

from tests.unit.test_suspect_input import league_match, lines, parse, site_problems

ARABIC_3_1 = "\u0663-\u0661"


@pytest.mark.parametrize("score, digits", [(ARABIC_3_1, "Arabic-Indic"), ("\uff13-\uff11", "full-width"),
                                           ("\u09e9-\u09e7", "Bengali")])
def test_a_score_in_other_digits_is_read_with_a_warning(score, digits):
    spec, problems = parse(league_match(score=score))
    assert problems == [f"content/articles/x.md:9: warning: `score` {score!r} is written with digits other than "
                        "0-9: read as '3-1'"]
    assert (spec.matches[0].score.home, spec.matches[0].score.away) == (3, 1)


def test_dates_seasons_and_minutes_in_other_digits_are_read_with_a_warning():
    text = league_match("    goals:", "      - {team: Milan, player: P, minute: \u0664\u0665+\u0662}")
    text = text.replace("date: 2024-10-22", "date: \u0662\u0660\u0662\u0664-\u0661\u0660-\u0662\u0662")
    text = text.replace("season: 2024-25", "season: \u0662\u0660\u0662\u0664-\u0662\u0665")
    spec, problems = parse(text)
    assert [problem.split(": warning: ")[1].split(" is written")[0] for problem in problems] == [
        "`season` '\u0662\u0660\u0662\u0664-\u0662\u0665'",
        "`date` '\u0662\u0660\u0662\u0664-\u0661\u0660-\u0662\u0662'", "`minute` '\u0664\u0665+\u0662'"]
    match = spec.matches[0]
    assert (str(match.date), match.goals[0].minute) == ("2024-10-22", "45+2")


def test_a_superscript_digit_is_no_digit():
    _, problems = parse(league_match(score="\u00b3-1"))
    assert problems == ["content/articles/x.md:9: `score`: a score is written \"H-A\", like \"1-3\"; got '\u00b3-1'"]


def test_a_merge_key_may_be_overridden():
    data = load(lines("base: &base {home: Milan, date: 2024-10-22}", "match:", "  <<: *base", "  date: 2024-10-23"))
    assert data["match"] == {"home": "Milan", "date": "2024-10-23"}
    assert data["match"].line_of("date") == 4


def test_a_key_written_twice_is_still_an_error_beside_a_merge():
    with pytest.raises(YamlSyntaxError) as raised:
        load(lines("base: &base {home: Milan}", "match:", "  <<: *base", "  date: 2024-10-23", "  date: 2024-10-24"))
    assert (raised.value.line, raised.value.message) == (5, "invalid YAML: `date` is given twice (first on line 4): keep one of them")


def test_matches_sharing_facts_through_anchors_build():
    text = lines("---", "title: Two nights", "date: 2025-03-12", "competition: UEFA Champions League",
                 "season: 2024-25", "matches:",
                 "  - &first {home: Milan, away: Feyenoord, score: 1-0, stage: Round of 16, leg: 1, date: 2025-03-05}",
                 "  - {<<: *first, home: Feyenoord, away: Milan, score: 0-2, leg: 2, date: 2025-03-11}", "---", "Body.")
    assert site_problems(text) == []


def test_a_title_of_ten_thousand_characters_is_kept_whole():
    title = ("Atalanta " * 1112)[:10_000].strip()
    spec, problems = parse(league_match().replace("title: T", f"title: {title}"))
    assert problems == [] and spec.title == title


@pytest.mark.parametrize("row", ["colors: [#0a3d91, '#000000']", "colors: [\"#fff\", #000]", "short: #BRU"])
def test_an_unquoted_hash_gets_a_hint_to_quote_it(row):
    try:
        data = load(lines("- name: Club Brugge", f"  {row}", "  country: BEL"))
    except YamlSyntaxError as exc:
        assert (exc.line, exc.message) == (2, "invalid YAML: a # starts a comment in YAML: write a colour in "
                                              "quotes, like '#0a3d91'")
    else:  # `short: #BRU` is valid YAML: an empty value and a comment; the registry then says what is missing
        assert data[0]["short"] is None
