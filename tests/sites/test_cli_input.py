"""Command line and input edge cases, each as a user would meet it."""
import json
from pathlib import Path

import pytest

from recaps.cli import main

ROOT = Path(__file__).resolve().parents[2]
TEAMS = """\
- {name: Atalanta, aliases: [La Dea]}
- {name: Club Brugge, aliases: [Bruges, Brugge]}
- {name: Chelsea}
- {name: Atlético Madrid}
"""
COMPETITIONS = """\
- name: UEFA Champions League
  aliases: [Champions League]
  away_goals_until: "2020-21"
  stages:
    - {name: League phase}
    - {name: Round of 16, knockout: true, legs: 2}
    - {name: Quarter-finals, knockout: true, legs: 2}
    - {name: Final, knockout: true, legs: 1}
"""


def project(tmp_path: Path, articles: dict[str, str], competitions: str = COMPETITIONS) -> Path:
    (tmp_path / "content" / "articles").mkdir(parents=True)
    (tmp_path / "content" / "teams.yaml").write_text(TEAMS, encoding="utf-8")
    (tmp_path / "content" / "competitions.yaml").write_text(competitions, encoding="utf-8")
    for name, text in articles.items():
        (tmp_path / "content" / "articles" / name).write_text(text, encoding="utf-8")
    (tmp_path / "config.yaml").write_text(
        f"title: T\nbase_url: https://example.org/\ntemplates_dir: {ROOT / 'templates'}\n"
        f"static_dir: {ROOT / 'static'}\n", encoding="utf-8")
    return tmp_path


def article(*matches: str, extra: str = "") -> str:
    lines = "".join(f"  - {{{m}}}\n" for m in matches)
    return (f"---\ntitle: A recap\ndate: 2021-02-24\ncompetition: UEFA Champions League\nseason: 2020-21\n"
            f"{extra}matches:\n{lines}---\nBody.\n")


def run(root: Path, capsys, *args: str):
    code = main(["--config", str(root / "config.yaml"), "--out", str(root / "site"), *args])
    captured = capsys.readouterr()
    return code, captured.err


def ties(root: Path) -> list:
    return json.loads((root / "site" / "data" / "ties.json").read_text(encoding="utf-8"))


def test_usage_errors_exit_2(tmp_path, capsys):
    root = project(tmp_path, {})
    with pytest.raises(SystemExit) as exit_info:
        main(["--config", str(root / "config.yaml"), "--base-url", "javascript:alert(1)"])
    assert exit_info.value.code == 2
    with pytest.raises(SystemExit) as exit_info:
        main(["--config", str(root / "nowhere.yaml")])
    assert exit_info.value.code == 2
    assert "no config file" in capsys.readouterr().err


def test_out_pointing_at_a_file_is_refused(tmp_path, capsys):
    root = project(tmp_path, {"a.md": article("home: Atalanta, away: Chelsea, score: 1-0, stage: League phase")})
    code = main(["--config", str(root / "config.yaml"), "--out", str(root / "config.yaml")])
    assert code == 1 and "the output folder is a file" in capsys.readouterr().err
    assert (root / "config.yaml").is_file()


def test_single_match_declared_with_legs_1(tmp_path, capsys):
    root = project(tmp_path, {"a.md": article(
        "home: Atalanta, away: Chelsea, score: 1-2, stage: Quarter-finals, legs: 1, date: 2020-08-12")})
    code, err = run(root, capsys)
    assert code == 0 and "warning" not in err.replace("base_url", "")
    [tie] = ties(root)
    assert (tie["status"], tie["winner"], tie["decided_by"], tie["legs_total"]) == \
        ("decided", "Chelsea", "aggregate", 1)


def test_lone_neutral_match_in_two_legged_stage_is_a_guess_that_warns(tmp_path, capsys):
    root = project(tmp_path, {"a.md": article(
        "home: Atlético Madrid, away: Chelsea, score: 0-1, stage: Round of 16, neutral: true")})
    code, err = run(root, capsys)
    assert code == 0 and "is taken as a single match" in err and "add `legs: 1`" in err


def test_two_legs_without_leg_numbers_go_by_date(tmp_path, capsys):
    root = project(tmp_path, {"a.md": article(
        "home: Atlético Madrid, away: Chelsea, score: 0-1, stage: Round of 16, neutral: true, date: 2021-02-23",
        "home: Chelsea, away: Atlético Madrid, score: 2-0, stage: Round of 16, date: 2021-03-17")})
    code, err = run(root, capsys)
    assert code == 0
    [tie] = ties(root)
    assert (tie["team1"], tie["aggregate"], tie["winner"]) == ("Atlético Madrid", "0-3", "Chelsea")


def test_same_match_with_and_without_leg_names_both_reports(tmp_path, capsys):
    root = project(tmp_path, {
        "a.md": article("home: Atalanta, away: Chelsea, score: 1-0, stage: Round of 16, leg: 1"),
        "b.md": article("home: Atalanta, away: Chelsea, score: 1-0, stage: Round of 16")})
    code, err = run(root, capsys)
    assert code == 1
    assert "reported as leg 1 in" in err and "a.md:7" in err and "b.md:7" in err


def test_duplicate_stage_is_a_registry_error(tmp_path, capsys):
    root = project(tmp_path, {}, COMPETITIONS + "    - {name: Final, knockout: true, legs: 2}\n")
    code, err = run(root, capsys)
    assert code == 1 and "competitions.yaml:9: stage 'Final' is listed twice" in err


def test_control_characters_never_reach_the_feed(tmp_path, capsys):
    root = project(tmp_path, {"a.md": '---\ntitle: "a\\x01b"\ndate: 2021-02-24\n---\nBody \x02 text.\n'})
    code, err = run(root, capsys)
    assert code == 0 and "control character U+0002 removed" in err
    import xml.dom.minidom
    xml.dom.minidom.parse(str(root / "site" / "feed.xml"))


def test_overlong_slug_is_an_error_not_a_crash(tmp_path, capsys):
    root = project(tmp_path, {"a.md": f"---\ntitle: T\ndate: 2021-02-24\nslug: {'a' * 300}\n---\n"})
    code, err = run(root, capsys)
    assert code == 1 and "at most 80 characters" in err and "Traceback" not in err


def test_deeply_nested_yaml_is_an_error_not_a_crash(tmp_path, capsys):
    root = project(tmp_path, {"a.md": "---\ntitle: " + "[" * 3000 + "]" * 3000 + "\n---\n"})
    code, err = run(root, capsys)
    assert code == 1 and "a.md:" in err


def test_draft_without_date_builds(tmp_path, capsys):
    root = project(tmp_path, {"d.md": "---\ndraft: true\ntitle:\ndate:\nmatches:\n"
                                      "  - {home: Atalanta, away: Chelsea, score: 1-0}\n---\n"})
    code, err = run(root, capsys)
    assert code == 0 and "left out of the draft" in err


@pytest.mark.parametrize("target", ["&#106;avascript:alert(1)", "java&#x73;cript:alert(1)",
                                    "javascript&colon;alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x"])
def test_no_script_link_from_markdown(tmp_path, capsys, target):
    root = project(tmp_path, {"a.md": f"---\ntitle: T\ndate: 2021-02-24\n---\n[x]({target}) and ![i]({target})\n"})
    assert run(root, capsys)[0] == 0
    html = (root / "site" / "articles" / "a" / "index.html").read_text(encoding="utf-8")
    body = html.split('class="recap__body prose">')[1].split("</div>")[0]
    assert body.count('"#"') == 2 and "alert" not in body and "text/html" not in body


def test_a_date_inherited_from_the_article_never_conflicts(tmp_path, capsys):
    root = project(tmp_path, {
        "preview.md": article("home: Atalanta, away: Chelsea, score: 1-0, stage: Round of 16, leg: 1"),
        "report.md": article("home: Atalanta, away: Chelsea, score: 1-0, stage: Round of 16, leg: 1, "
                             "date: 2021-02-23")})
    code, err = run(root, capsys)
    assert code == 0
    [tie] = ties(root)
    assert tie["legs"][0]["date"] == "2021-02-23"
    assert tie["legs"][0]["articles"] == ["/articles/preview/", "/articles/report/"]


def test_written_dates_that_differ_conflict(tmp_path, capsys):
    root = project(tmp_path, {
        "a.md": article("home: Atalanta, away: Chelsea, score: 1-0, stage: Round of 16, leg: 1, date: 2021-02-23"),
        "b.md": article("home: Atalanta, away: Chelsea, score: 1-0, stage: Round of 16, leg: 1, date: 2021-02-24")})
    code, err = run(root, capsys)
    assert code == 1 and "`date` is 2021-02-24 here but 2021-02-23 in" in err


def test_a_machine_without_the_libraries_is_told_what_to_install(tmp_path):
    """`python -S` leaves out site-packages, as a fresh machine without the requirements would: the
    build's libraries load lazily, inside the command, and the message must still be the install hint."""
    import subprocess
    import sys
    done = subprocess.run([sys.executable, "-S", str(ROOT / "build.py"), "--out", str(tmp_path / "site")],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "build.py needs the package" in done.stderr and "pip install -r requirements.txt" in done.stderr


@pytest.mark.parametrize("command, ending", [
    ("check", "check failed: 1 error, 0 warnings; check writes nothing, so no site was changed"),
    ("build", "build failed: 1 error, 0 warnings; the previous site was left as it was"),
])
def test_a_failure_says_what_became_of_the_site(tmp_path, capsys, command, ending):
    root = project(tmp_path, {"a.md": "---\ntitle: Brugge win: 3-1\ndate: 2021-02-24\n---\nBody.\n"})
    code = main([command, "--config", str(root / "config.yaml")])
    err = capsys.readouterr().err
    assert code == 1 and err.splitlines()[-1] == ending
    assert "a.md:2: invalid YAML: the title holds" in err
