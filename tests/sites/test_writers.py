"""A writer's honest mistakes, built as a writer would: with the shipped registries.

A typo that would publish a wrong tie is an error naming the file, the line and the
intended name first; a name that is simply new still builds, with a warning.
"""
import json
from pathlib import Path

import pytest

from recaps.cli import main

ROOT = Path(__file__).resolve().parents[2]


def project(tmp_path: Path, articles: dict[str, str]) -> Path:
    content = tmp_path / "content"
    (content / "articles").mkdir(parents=True)
    for registry in ("teams.yaml", "competitions.yaml"):
        (content / registry).write_text((ROOT / "content" / registry).read_text(encoding="utf-8"), encoding="utf-8")
    for name, text in articles.items():
        (content / "articles" / name).write_text(text, encoding="utf-8")
    (tmp_path / "config.yaml").write_text(
        f"title: T\nbase_url: https://example.org/\ntemplates_dir: {ROOT / 'templates'}\n"
        f"static_dir: {ROOT / 'static'}\n", encoding="utf-8")
    return tmp_path


def recap(date: str, *match_lines: str, season: str = "2018-19",
          competition: str = "UEFA Champions League") -> str:
    """An article reporting one match; line 8 is the match's first line (`- home:`)."""
    return "\n".join(["---", f"title: Recap of {date}", f"date: {date}", f"competition: {competition}",
                      f"season: {season}", "lang: en", "matches:", *match_lines, "---", "Body.", ""])


def match(home: str, away: str, score: str, date: str, stage: str = "Semi-finals", leg: int | None = None,
          **extra: str) -> list[str]:
    rows = [f"  - home: {home}", f"    away: {away}", f"    score: {score}", f"    date: {date}",
            f"    stage: {stage}"]
    if leg is not None:
        rows.append(f"    leg: {leg}")
    return rows + [f"    {key}: {value}" for key, value in extra.items()]


def build(root: Path, capsys, monkeypatch) -> tuple[int, str]:
    monkeypatch.chdir(root)  # messages name files relative to the current folder, as for a writer
    code = main(["--config", "config.yaml", "--out", "site"])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return code, captured.err


def ties(root: Path) -> list[dict]:
    return json.loads((root / "site" / "data" / "ties.json").read_text(encoding="utf-8"))


AJAX_SPURS = recap("2019-05-01", *match("Tottenham Hotspur", "Ajax", "0-1", "2019-04-30", leg=1))


@pytest.mark.parametrize("second_leg, line, intended", [
    pytest.param(match("Ajax", "Tottenham Hotpsur", "2-3", "2019-05-08", leg=2), 9, "Tottenham Hotspur",
                 id="misspelt-team"),
    pytest.param(match("Ajax", "Tottenham Hotspur", "2-3", "2019-05-08", stage="Semi-fnals", leg=2), 12,
                 "Semi-finals", id="misspelt-stage"),
])
def test_a_typo_that_would_split_a_tie_is_an_error(tmp_path, capsys, monkeypatch, second_leg, line, intended):
    root = project(tmp_path, {"a.md": AJAX_SPURS, "b.md": recap("2019-05-09", *second_leg)})
    code, err = build(root, capsys, monkeypatch)
    assert code == 1
    errors = [row for row in err.splitlines() if row.startswith("content/articles/b.md")]
    assert len(errors) == 1 and f"content/articles/b.md:{line}: unknown " in errors[0]
    assert f'did you mean "{intended}"?' in errors[0]
    assert errors[0].index("did you mean") < errors[0].index("add it to"), "the intended name comes first"
    assert "content/articles/a.md:8" in errors[0], "names the leg the tie would lose"
    assert not (root / "site").exists()


def test_a_common_short_name_is_an_alias(tmp_path, capsys, monkeypatch):
    second = recap("2019-05-09", *match("Ajax", "Spurs", "2-3", "2019-05-08", leg=2))
    root = project(tmp_path, {"a.md": AJAX_SPURS, "b.md": second})
    code, err = build(root, capsys, monkeypatch)
    assert code == 0 and "warning" not in err
    [tie] = ties(root)
    assert (tie["team1"], tie["team2"], tie["aggregate"], tie["winner"], tie["decided_by"]) == \
        ("Tottenham Hotspur", "Ajax", "3-3", "Tottenham Hotspur", "away_goals")


def test_a_misspelt_competition_is_named_as_the_cause(tmp_path, capsys, monkeypatch):
    first = recap("2019-05-01", *match("Tottenham Hotspur", "Ajax", "0-1", "2019-04-30", leg=1),
                  competition="Champions Leage")
    second = recap("2019-05-09", *match("Ajax", "Tottenham Hotspur", "2-3", "2019-05-08", leg=2),
                   competition="Champions Leage")
    root = project(tmp_path, {"a.md": first, "b.md": second})
    code, err = build(root, capsys, monkeypatch)
    assert code == 1
    assert "content/articles/a.md:8: unknown competition 'Champions Leage': did you mean " \
           '"UEFA Champions League"?' in err
    assert "away goals" in err and "no shoot-out" not in err


@pytest.mark.parametrize("extra, expected", [
    pytest.param({"aet": "4-1"}, "the final went to extra time although it was decided after 90 minutes (4-1): "
                                 "`score` is the score after 90 minutes and `aet` the score after extra time",
                 id="aet-equal-to-score"),
    pytest.param({}, 'the tie is level (1-1) at the end of the final but no shoot-out is reported: add '
                     '`pens: "H-A"` to the final; if extra time was played, add `aet: "H-A"`', id="level"),
])
def test_a_final_is_spoken_of_as_the_final(tmp_path, capsys, monkeypatch, extra, expected):
    score = "4-1" if extra else "1-1"
    root = project(tmp_path, {"f.md": recap("2019-06-02", *match("Tottenham Hotspur", "Liverpool", score,
                                                                   "2019-06-01", stage="Final", **extra))})
    code, err = build(root, capsys, monkeypatch)
    assert code == 1 and expected in err and "leg 1" not in err


def test_a_misspelt_name_elsewhere_is_an_error_with_the_hint_first(tmp_path, capsys, monkeypatch):
    lone = recap("2019-05-01", *match("Tottenham Hotpsur", "Ajax", "0-1", "2019-04-30", leg=1))
    root = project(tmp_path, {"a.md": lone})
    code, err = build(root, capsys, monkeypatch)
    assert code == 1
    assert "content/articles/a.md:8: unknown team 'Tottenham Hotpsur': did you mean " \
           '"Tottenham Hotspur"? A name this close to one in teams.yaml is taken for a misspelling' in err


def test_a_club_new_to_the_registry_is_never_blocked(tmp_path, capsys, monkeypatch):
    new = recap("2019-05-01", *match("Ajax", "Celje", "2-0", "2019-04-30", stage="Round of 16", leg=1))
    root = project(tmp_path, {"a.md": new})
    code, err = build(root, capsys, monkeypatch)
    assert code == 0 and "unknown team 'Celje': add it to teams.yaml" in err


@pytest.mark.parametrize("season, date, right", [
    ("2019", "2019-03-05", "2018-19"),
    ("2019", "2019-09-18", "2019-20"),
])
def test_a_season_in_the_wrong_form_is_a_warning_with_the_right_one(tmp_path, capsys, monkeypatch, season, date,
                                                                   right):
    article = recap(date, *match("Ajax", "Real Madrid", "1-2", date, stage="Round of 16", leg=1), season=season)
    root = project(tmp_path, {"a.md": article})
    code, err = build(root, capsys, monkeypatch)
    assert code == 0
    assert f"content/articles/a.md:8: warning: season {season} for UEFA Champions League: its seasons span two " \
           f"years, like {right}" in err and f"`season: {right}`" in err


def test_an_inherited_match_date_is_noted_once_with_the_line_to_add(tmp_path, capsys, monkeypatch):
    rows = [row for row in match("Ajax", "Real Madrid", "1-2", "x", stage="Round of 16", leg=1)
            if "date:" not in row]
    report = recap("2019-02-14", *rows)
    root = project(tmp_path, {"a.md": report, "b.md": report.replace("Recap of", "More on")})
    code, err = build(root, capsys, monkeypatch)
    assert code == 0
    notes = [row for row in err.splitlines() if "takes the article's date" in row]
    assert notes == ["content/articles/a.md:8: warning: Ajax v Real Madrid has no `date`, so it takes the "
                     "article's date (2019-02-14); if it was played on another day, add `date: YYYY-MM-DD` "
                     "to the match"]


@pytest.mark.parametrize("written, partner", [
    ("Junior", "Boca Juniors"),  # a name inside another is a different club, not a typo
    ("Nacional", "Internacional"),
    ("Al-Sadd", "Al Hilal"),
])
def test_a_new_club_that_merely_looks_like_a_known_one_builds(tmp_path, capsys, monkeypatch, written, partner):
    first = recap("2023-04-01", *match(partner, "Ajax", "1-0", "2023-03-30", stage="Round of 16", leg=1),
                  season="2022-23")
    other = recap("2023-04-02", *match(written, "Ajax", "2-0", "2023-03-31", stage="Round of 16", leg=1),
                  season="2022-23")
    root = project(tmp_path, {"a.md": first, "b.md": other})
    code, err = build(root, capsys, monkeypatch)
    assert code == 0, err
    assert f"unknown team {written!r}" in err


def test_the_first_build_of_the_shipped_project_is_quiet(tmp_path):
    """A newcomer's `python build.py`, as README gives it: no warning when nothing is wrong."""
    import subprocess
    import sys
    out = subprocess.run([sys.executable, str(ROOT / "build.py"), "--out", str(tmp_path / "site")],
                         cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stderr == "" and "warning" not in out.stdout


def test_check_gives_the_absolute_url_advice_where_it_matters(tmp_path, capsys, monkeypatch):
    root = project(tmp_path, {"a.md": AJAX_SPURS})
    (root / "config.yaml").write_text((root / "config.yaml").read_text().replace("https://example.org/", "/"))
    monkeypatch.chdir(root)
    assert main(["--config", "config.yaml", "--out", "site"]) == 0
    assert "is a path" not in capsys.readouterr().err
    assert main(["check", "--config", "config.yaml"]) == 0
    assert "config.yaml: warning: base_url '/' is a path" in capsys.readouterr().err
