"""The common YAML mistakes, each reported at its line with its fix in a writer's words.

Front matter, the registries and config.yaml share one loader, so the same mistake gets
the same message in each; the parser's own terms ("mapping values are not allowed",
"expected <block end>") are never all a writer is told.
"""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from recaps.articles import parse_article
from recaps.config import load_config
from recaps.errors import Problems
from recaps.sources import parse_registries
from recaps.yamlfile import YamlSyntaxError, load

PATH = "content/articles/x.md"
JARGON = ("mapping values", "block end", "block mapping", "expected key", "scalar", "token", "indicator",
          "flow sequence", "flow mapping", "document")


def lines(*rows: str) -> str:
    return "\n".join(rows) + "\n"


def front(*rows: str) -> str:
    """An article whose front matter is `rows` (line 2 on), with a body."""
    return lines("---", *rows, "---", "Body.")


def problems_of(text: str) -> list[str]:
    problems = Problems()
    parse_article(PATH, "x", text.encode(), problems, "en")
    return [problem.format() for problem in problems.sorted()]


# The ten commonest first, then others seen in real files.
MISTAKES = [
    pytest.param(front('title: Atalanta 1-3 Club Brugge: the Dea are out', "date: 2025-02-18"), 2,
                 'invalid YAML: the title holds ": ", which YAML reads as the start of another field: put the title '
                 'in quotes, like title: "Atalanta 1-3 Club Brugge: the Dea are out"', id="colon-in-title"),
    pytest.param(front("title: T", "\tdate: 2025-02-18"), 3,
                 "invalid YAML: this line is indented with a tab: indent with spaces, not tabs", id="tab"),
    pytest.param(front("title: T", "teams: [Atalanta, Club Brugge", "date: 2025-02-18"), 3,
                 "invalid YAML: the [ that opens a list here is never closed: end the list with ] on this line (or, "
                 "if the [ is part of the text, put the text in quotes)", id="unclosed-bracket"),
    pytest.param(front("title: T", "date: 2025-02-18", "matches:", "  - {home: Atalanta, away: Club Brugge",
                       "  - {home: Milan, away: Feyenoord}"), 5,
                 "invalid YAML: the { that opens a mapping here is never closed: end the mapping with } on this line "
                 "(or, if the { is part of the text, put the text in quotes)", id="unclosed-brace"),
    pytest.param(front('title: "Brugge through', "date: 2025-02-18", "summary: S"), 2,
                 "invalid YAML: the \" that opens the title is never closed: end it with \" on this line (or, if "
                 "the \" is part of the text, put the text in ' quotes)", id="unclosed-quote"),
    pytest.param(front('title: "Brugge through', "date: 2025-02-18", 'summary: "Three goals"'), 2,
                 "invalid YAML: the \" that opens the title is never closed: end it with \" on this line (or, if "
                 "the \" is part of the text, put the text in ' quotes)", id="unclosed-quote-closed-lines-below"),
    pytest.param(lines("---", "title: T", "date: 2025-02-18", "", "Brugge went through: 3-1 in Bergamo."), 5,
                 "the front matter opened with '---' on line 1 is never closed: add a line '---' after its last "
                 "field, above this line", id="closing-fence-missing"),
    pytest.param(lines("title: T", "date: 2025-02-18", "---", "Body."), 1,
                 "the front matter has no opening '---': add a line '---' above this one (the one on line 3 closes "
                 "it)", id="opening-fence-missing"),
    pytest.param(front("title: T", "date: 2025-02-18", "matches:", "  - home: Atalanta", "    away: Club Brugge",
                       "   score: 1-3"), 7,
                 "invalid YAML: `score` is not lined up with `away` on line 6: indent it by 4 spaces, like `away`",
                 id="field-misaligned"),
    pytest.param(front("title: T", "date: 2025-02-18", "teams:", "  - Atalanta", "   - Club Brugge"), 6,
                 "invalid YAML: this list item is not lined up with the one on line 5, so it is read as more of "
                 "that item's text: indent its '-' by 2 spaces, like that one's", id="list-item-misaligned"),
    pytest.param(front("title: T", "date: 2025-02-18", "matches:", "  - home: Atalanta", "    away: Club Brugge",
                       " - home: Milan", "   away: Feyenoord"), 7,
                 "invalid YAML: this list item is not lined up with the one on line 5: indent its '-' by 2 spaces, "
                 "like that one's", id="list-item-dedented"),
    pytest.param(front("title: T", "date: 2025-02-18", "title: U"), 4,
                 "invalid YAML: `title` is given twice (first on line 2): keep one of them", id="duplicated-key"),
    pytest.param(front("title: T", "date: 2025-02-18", "teams:", "  -Atalanta"), 5,
                 "invalid YAML: a space is missing after the '-' of a list item: write '- Atalanta'",
                 id="dash-without-space"),
    pytest.param(front("title: *Stunning* Brugge", "date: 2025-02-18"), 2,
                 "invalid YAML: the title starts with *, which YAML reads as a reference to another value: put the "
                 'title in quotes, like title: "*Stunning* Brugge"', id="starts-with-star"),
    pytest.param(front("title: @Atalanta_BC on a sad night", "date: 2025-02-18"), 2,
                 "invalid YAML: the title starts with @, which YAML keeps for itself: put the title in quotes, like "
                 'title: "@Atalanta_BC on a sad night"', id="starts-with-at"),
    pytest.param(front("title: `Dea` out", "date: 2025-02-18"), 2,
                 "invalid YAML: the title starts with `, which YAML keeps for itself: put the title in quotes, like "
                 'title: "`Dea` out"', id="starts-with-backtick"),
    pytest.param(front("title: [Preview] Atalanta v Club Brugge", "date: 2025-02-18"), 2,
                 "invalid YAML: the title starts with [, which YAML reads as the start of a list, and goes on after "
                 'the ] that ends it: if it is text, put all of it in quotes, like title: "[Preview] Atalanta v Club '
                 'Brugge"; if it is a list, keep all of it inside the [ ]', id="starts-with-bracket"),
    pytest.param(front("title: T", "date: 2025-02-18", "teams: [Atalanta, Club: Brugge, Milan]"), 4,
                 "`teams` item 2 must be text; got a mapping", id="colon-inside-a-list"),
    pytest.param(front("title: T", "date: 2025-02-18", "teams: [Atalanta, Club Brugge}, Milan]"), 4,
                 "invalid YAML: the list that starts at column 8 cannot be read at column 30: put any item holding "
                 ": # [ ] { } or quotes in quotes, and separate the items with one comma", id="stray-brace-in-a-list"),
    pytest.param(front("title: 'Dea's last night'", "date: 2025-02-18"), 2,
                 "invalid YAML: the ' inside the title ends its quotes early: inside '...' write a ' as '', or put "
                 "the title in double quotes, like title: \"Dea's last night\"", id="quote-inside-quotes"),
    pytest.param(front("title: #3 for Brugge", "date: 2025-02-18"), 2,
                 "the title is empty: a # starts a comment in YAML, so '#3 for Brugge' is not read; put the title "
                 'in quotes, like title: "#3 for Brugge"', id="hash-starts-title"),
    pytest.param(front("title: Brugge win #3", "date: 2025-02-18"), 2,
                 "warning: the title is read as 'Brugge win': a # after a space starts a comment in YAML; if '#3' "
                 'belongs to the title, put the title in quotes, like title: "Brugge win #3"', id="hash-mid-title"),
    pytest.param(front("title:Brugge through", "date: 2025-02-18"), 2,
                 "invalid YAML: a space is missing after `title:`: write 'title: Brugge through'",
                 id="colon-without-space"),
    pytest.param(front("title: T", " date: 2025-02-18"), 3,
                 "invalid YAML: `date` is not lined up with `title` on line 2: indent it by 0 spaces, like `title`",
                 id="key-indented"),
    pytest.param(front("title: T", "date: 2025-02-30"), 3,
                 "`date` '2025-02-30' is not a day of the calendar: February 2025 has 28 days", id="no-such-day"),
    pytest.param(front("title: T", "date: 2025-02-18", "teams:", "  - Atalanta", "  name: Club Brugge"), 6,
                 "invalid YAML: `name` is lined up with the '-' of the list item on line 5: start it with '- ' to "
                 "make it an item of its own", id="list-and-mapping-mixed"),
    pytest.param(front("title: &Atalanta out in Bergamo", "date: 2025-02-18"), 2,
                 "invalid YAML: the title starts with &Atalanta, which YAML reads as a name for the value, not as "
                 "text, and keeps only what follows it: put the title in quotes, like "
                 'title: "&Atalanta out in Bergamo"', id="ampersand-label-eats-a-word"),
    pytest.param(front("- title Atalanta out in Bergamo", "date: 2025-02-18"), 2,
                 "invalid YAML: this line starts with '- ', which makes the fields a list: remove the '- ' and write "
                 "the field as `name: value`", id="stray-dash-before-a-field"),
]


@pytest.mark.parametrize("text, line, message", MISTAKES)
def test_a_mistake_is_reported_at_its_line_with_its_fix(text, line, message):
    assert problems_of(text) == [f"{PATH}:{line}: {message}"]
    assert not any(word in message for word in JARGON)


@pytest.mark.parametrize("rows, line, message", [
    (("- name: Atalanta", "  short: ATA", "  aliases: [Atalanta BC, La Dea", "- name: Milan"), 3,
     "invalid YAML: the [ that opens a list here is never closed: end the list with ] on this line (or, if the [ is "
     "part of the text, put the text in quotes)"),
    (("- name: Atalanta", "  short: ATA", "- name: Milan", "short: MIL"), 4,
     "invalid YAML: `short` is lined up with the '-' of the list item on line 3: indent it like `name` (2 spaces) "
     "to give it to that item, or start it with '- ' to make it an item of its own"),
    (("- name: Inter: the Nerazzurri",), 1,
     'invalid YAML: the name holds ": ", which YAML reads as the start of another field: put the name in quotes, '
     'like - name: "Inter: the Nerazzurri"'),
])
def test_the_registries_get_the_same_messages(rows, line, message):
    problems = Problems()
    parse_registries([("teams.yaml", "content/teams.yaml", lines(*rows).encode())], problems)
    assert [problem.format() for problem in problems.errors] == [f"content/teams.yaml:{line}: {message}"]


def test_config_gets_the_same_messages(tmp_path):
    config = tmp_path / "config.yaml"
    config.write_text(lines("title: Recaps: every match", "base_url: /"))
    problems = Problems()
    load_config(config, problems)
    assert [problem.format() for problem in problems.errors] == [
        f'{config}:1: invalid YAML: the title holds ": ", which YAML reads as the start of another field: put the '
        'title in quotes, like title: "Recaps: every match"']


FRONT = lines("title: Atalanta 1-3 Club Brugge", "date: 2025-02-18", "tags: [Champions League, Serie A]",
              "competition: UEFA Champions League", "season: 2024-25", "matches:", "  - home: Atalanta",
              "    away: Club Brugge", "    score: 1-3", "    stage: Knockout phase play-offs", "    leg: 2")
EDITS = st.lists(st.tuples(st.integers(0, len(FRONT)), st.booleans(),
                           st.sampled_from([":", " ", "\t", "-", "- ", "[", "]", "{", "}", "'", '"', "#", "*", "&", "!",
                                            "|", ">", "\n", "?", "@", "`", "%", ","])), min_size=1, max_size=3)


@settings(max_examples=300, deadline=None)
@given(EDITS)
def test_an_edited_front_matter_is_read_or_told_at_a_line_of_it_with_a_fix(edits):
    text = FRONT
    for position, insert, piece in edits:
        position = min(position, len(text))
        text = text[:position] + piece + text[position:] if insert else text[:position] + text[position + 1:]
    try:
        load(text, line_offset=1)
    except YamlSyntaxError as exc:
        assert 2 <= exc.line <= text.count("\n") + 2
        assert any(fix in exc.message for fix in ("put ", "write", "indent", "remove", "add ", "keep", "join",
                                                   "end it", "end the", "check this line")), exc.message


def test_a_label_that_is_referred_to_is_meant():
    assert load(lines("home: &club Atalanta", "teams: [*club, Milan]")) == {"home": "Atalanta",
                                                                            "teams": ["Atalanta", "Milan"]}
