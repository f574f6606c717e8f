"""Italian articles before club names: "il Milan", "la Juventus", "l'Atalanta", "il Club Brugge".
The guess for a club teams.yaml says nothing about, the `article` key that overrides it, the
verdicts and second-leg sentences that use it, and the warning where the guess is unsure."""
import datetime as dt
import shutil
from pathlib import Path

import pytest

from recaps.cli import main
from recaps.errors import Problems
from recaps.i18n import club_in_sentence, guess_article, with_article
from recaps.model import Competition, Match, Stage, Team, Tie
from recaps.notation import decided_text, second_leg_text
from recaps.registry import Registry, load_teams
from recaps.rules import Season, parse_score, settle_tie
from recaps.yamlfile import load

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name, article", [
    ("Milan", "il"), ("Club Brugge", "il"), ("Feyenoord", "il"), ("Bayern München", "il"),
    ("Atalanta", "l'"), ("Ajax", "l'"), ("Eintracht Frankfurt", "l'"), ("Újpest", "l'"),  # a vowel, accented too
    ("Hoffenheim", "l'"), ("Hertha BSC", "l'"),  # h is silent in Italian
    ("Sporting CP", "lo"), ("Shakhtar Donetsk", "lo"), ("Stuttgart", "lo"),  # s and a consonant
    ("Zenit", "lo"), ("Young Boys", "lo"), ("Xanthi", "lo"), ("Jagiellonia", "lo"), ("Gnistan", "lo"),
    ("Salzburg", "il"), ("Sevilla", "il"),  # s and a vowel
    ("1. FC Köln", "il"),
])
def test_the_guess_for_a_club_is_masculine_by_its_first_sounds(name, article):
    assert guess_article(name, "it") == article


def test_english_puts_no_article_before_a_club():
    assert guess_article("Atalanta", "en") == ""
    assert club_in_sentence(Team("Juventus", "juventus", definite_articles=(("it", "la"),)), "en") == "Juventus"


@pytest.mark.parametrize("team, expected", [
    (Team("Juventus", "juventus", definite_articles=(("it", "la"),)), "la Juventus"),
    (Team("Atalanta", "atalanta", definite_articles=(("it", "l'"),)), "l'Atalanta"),
    (Team("PSV Eindhoven", "psv", definite_articles=(("it", "il"),)), "il PSV Eindhoven"),  # the guess says lo
    (Team("Club Brugge", "club-brugge"), "il Club Brugge"),  # guessed
    (Team("Inter", "inter", definite_articles=(("it-CH", "x"), ("it", "l'"))), "l'Inter"),
])
def test_a_club_in_an_italian_sentence(team, expected):
    assert club_in_sentence(team, "it") == expected
    assert club_in_sentence(team, "it-IT") == expected


def test_an_elided_article_takes_no_space():
    assert [with_article("Inter", "l'"), with_article("Inter", "l\u2019"), with_article("Inter", "")] == \
        ["l'Inter", "l\u2019Inter", "Inter"]


# ---------------------------------------------------------------- in the verdicts and the second-leg sentences

JUV = Team("Juventus", "juventus", country="ITA", definite_articles=(("it", "la"),))
ATA = Team("Atalanta", "atalanta", country="ITA", definite_articles=(("it", "l'"),))
BRU = Team("Club Brugge", "club-brugge", country="BEL")
CUP = Competition("Cup", "cup", away_goals_until=Season(2020, 2021))
STAGE = Stage("Round of 16", "round-of-16", knockout=True, legs=2)


def _tie(team1, team2, *scores, pens=None):
    legs = [Match(f"m{n}", CUP, Season(2024, 2025), STAGE, home, away, parse_score(score), dt.date(2025, 2, 10 + n),
                  leg=n, pens=pens and n == 2 and parse_score(pens) or None)
            for n, (home, away, score) in enumerate(((team1, team2, scores[0]), (team2, team1, scores[1:] and scores[1])), 1)
            if score]
    result = settle_tie({match.leg: match.as_leg for match in legs}, 2, away_goals=False)
    return Tie("t", CUP, Season(2024, 2025), STAGE, team1, team2, 2, tuple(legs) + (None,) * (2 - len(legs)), result)


@pytest.mark.parametrize("team1, team2, scores, pens, lang, verdict", [
    (BRU, ATA, ("2-1", "1-3"), None, "it", "Il Club Brugge passa il turno con il risultato complessivo di 5–2"),
    (BRU, ATA, ("2-1", "1-3"), None, "en", "Club Brugge go through on aggregate, 5–2"),
    (ATA, BRU, ("2-1", "0-0"), None, "it", "L'Atalanta passa il turno con il risultato complessivo di 2–1"),
    (JUV, BRU, ("1-0", "1-0"), "4-2", "it",
     "Il Club Brugge passa il turno ai calci di rigore, 4–2, con il risultato complessivo in parità, 1–1"),
    (BRU, JUV, ("0-2", "0-0"), None, "it", "La Juventus passa il turno con il risultato complessivo di 2–0"),
])
def test_a_verdict_names_the_winner_with_its_article(team1, team2, scores, pens, lang, verdict):
    assert decided_text(_tie(team1, team2, *scores, pens=pens), lang) == verdict


def test_the_second_leg_sentences_name_both_sides_with_their_articles():
    assert second_leg_text(_tie(JUV, ATA, "1-0"), "it") == [
        "L'Atalanta deve vincere in casa con due gol di scarto; "
        "con una vittoria con un gol di scarto si va ai tempi supplementari.",
        "La Juventus passa il turno con un pareggio."]


# ---------------------------------------------------------------- teams.yaml

def _teams(text: str, tmp_path) -> tuple[Registry, Problems]:
    path = tmp_path / "teams.yaml"
    path.write_text(text, encoding="utf-8")
    problems, registry = Problems(), Registry()
    load_teams(load(path.read_text(encoding="utf-8")), "teams.yaml", problems, registry)
    return registry, problems


def test_teams_yaml_gives_the_article(tmp_path):
    registry, problems = _teams('- {name: Juventus, article: {it: la}}\n- {name: Inter, article: {it: "l\u2019"}}\n', tmp_path)
    assert not problems.errors and not problems.warnings
    assert registry.teams["juventus"].definite_articles == (("it", "la"),)
    assert registry.teams["inter"].definite_articles == (("it", "l'"),)  # the typographic apostrophe too


@pytest.mark.parametrize("entry, message", [
    ("- name: Rangers\n  article: {it: i}\n",
     "teams.yaml:2: the 'it' article must be one of: il, lo, la, l'; got 'i'"),
    ("- name: Roma\n  article: la\n",
     "teams.yaml:2: `article` (a language code for each article, like `it: la`) must be a mapping of "
     "`key: value` lines; got 'la'"),
    ("- name: Roma\n  article: {Italian: la}\n",
     "teams.yaml:2: `article` is keyed by language codes like it or en; got 'Italian'"),
])
def test_a_wrong_article_is_an_error_with_its_line(tmp_path, entry, message):
    _, problems = _teams(entry, tmp_path)
    assert [problem.format() for problem in problems.errors] == [message]


def test_every_italian_club_in_the_real_registry_has_its_article():
    problems, registry = Problems(), Registry()
    text = (ROOT / "content" / "teams.yaml").read_text(encoding="utf-8")
    load_teams(load(text), "teams.yaml", problems, registry)
    assert not problems.errors
    italian = [team for team in registry.teams.values() if team.country == "ITA"]
    assert len(italian) >= 20
    assert [team.name for team in italian if "it" not in dict(team.definite_articles)] == []
    assert club_in_sentence(registry.teams["juventus"], "it") == "la Juventus"
    assert club_in_sentence(registry.teams["psv"], "it") == "il PSV Eindhoven"


def _project(tmp_path, teams_yaml: str) -> Path:
    """The real project in Italian, with another teams.yaml."""
    project = tmp_path / "project"
    for folder in ("content", "templates", "static"):
        shutil.copytree(ROOT / folder, project / folder)
    shutil.copy(ROOT / "config.yaml", project / "config.yaml")
    (project / "config.yaml").write_text((project / "config.yaml").read_text().replace("language: en", "language: it"))
    (project / "content" / "teams.yaml").write_text(teams_yaml, encoding="utf-8")
    return project


def test_an_italian_club_without_its_article_on_italian_pages_is_a_warning(tmp_path, capsys):
    real = (ROOT / "content" / "teams.yaml").read_text(encoding="utf-8")
    project = _project(tmp_path, real.replace('  article: {it: "l\'"}\n  colors: ["#1e71b8"', '  colors: ["#1e71b8"'))
    line = real.splitlines().index("- name: Atalanta") + 1
    assert main(["--config", str(project / "config.yaml"), "--out", str(tmp_path / "site")]) == 0
    err = capsys.readouterr().err
    assert (f"content/teams.yaml:{line}: warning: team 'Atalanta' has no 'it' article: 'it' verdicts call it "
            "\"l'Atalanta\"; if that is wrong, give it one (`article: {it: ...}`)") in err
    assert err.count("has no 'it' article") == 1  # not Milan, Club Brugge, Feyenoord or Bayern: they have theirs or are foreign


def test_the_real_site_in_italian_names_clubs_with_their_articles(tmp_path, capsys):
    project = _project(tmp_path, (ROOT / "content" / "teams.yaml").read_text(encoding="utf-8"))
    assert main(["--config", str(project / "config.yaml"), "--out", str(tmp_path / "site")]) == 0
    assert "article" not in capsys.readouterr().err
    tie = tmp_path / "site" / "ties" / "uefa-champions-league" / "2024-25" / "knockout-phase-play-offs"
    page = (tie / "club-brugge-vs-atalanta" / "index.html").read_text(encoding="utf-8")
    assert "Il Club Brugge passa il turno con il risultato complessivo di 5–2." in page
