"""Fixture sites: every folder under tests/fixtures/ is a complete project
(config.yaml + content/), built in-process as `python build.py --config config.yaml`
would build it from inside that folder.

- fixtures/valid/           builds with exit 0 (checked page by page and through data/ties.json)
- fixtures/invalid/<case>/  fails with exit 1; expected.txt holds the exact error lines
                            (a line ending in "…" stands for a library's own explanation)
                            (`path:line: message`, paths as printed with cwd = the case folder)
- fixtures/odd/<case>/      odd but fine: builds with exit 0, at most warnings

A case folder holding `overlay.txt` is not a whole project but the files that differ from
valid/: it is built as a copy of valid/ with its files laid over it (`x.append` is added to
the end of valid/'s x), and the paths that
overlay.txt lists after `remove:` deleted, at valid/'s depth, so its config.yaml, if it
has one, uses `../../../templates` like valid/'s. tests/sites/test_overlay_fixtures.py builds
these cases on top of a site built from valid/ and checks that site is left byte for byte.

Each fixture's config.yaml points at the real templates/ and static/ by relative path
(`../../../templates` for valid/, one more `../` for the nested ones), so a test copies the
fixture to tmp_path at the same depth, beside copies of templates/ and static/.
"""
from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from recaps.cli import main

from tests.promises import all_agree

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
OVERLAY = "overlay.txt"  # marks a case that is valid/ plus its own files
INVALID_CASES = sorted(path.name for path in (FIXTURES / "invalid").iterdir() if path.is_dir())

# `path:line: message`, or `path: message` for a problem about a whole file.
# A path has no spaces here, which keeps out the closing "build failed: ..." summary.
PROBLEM = re.compile(r"^(?P<path>[^\s:]+)(?::(?P<line>\d+))?: (?P<message>.*)$")



# --------------------------------------------------------------------------- helpers


@dataclass
class Build:
    code: int
    stdout: str
    stderr: str

    @property
    def problems(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if PROBLEM.match(line)]

    @property
    def errors(self) -> list[str]:
        return [line for line in self.problems if ": warning: " not in line]

    @property
    def warnings(self) -> list[str]:
        return [line for line in self.problems if ": warning: " in line]

    def content_warnings(self) -> list[str]:
        """Warnings about the content (not the config's base_url note every fixture gets)."""
        return [line for line in self.warnings if line.startswith("content/")]


@pytest.fixture
def copy_fixture(tmp_path):
    """Copy a fixture (e.g. "odd/bom") into tmp_path, keeping its config's relative paths valid."""

    def copy(name: str) -> Path:
        if (FIXTURES / name / OVERLAY).is_file():
            project = tmp_path / "tests" / "fixtures" / name.replace("/", "-")
            shutil.copytree(FIXTURES / "valid", project)
            lay_over(FIXTURES / name, project)
        else:
            project = tmp_path / (FIXTURES / name).relative_to(REPO)
            shutil.copytree(FIXTURES / name, project)
        for folder in ("templates", "static"):
            if not (tmp_path / folder).exists():
                shutil.copytree(REPO / folder, tmp_path / folder)
        return project

    return copy


def lay_over(case: Path, project: Path) -> None:
    """Put an overlay case's files over a copy of valid/ (`x.append` is added to the end of x)
    and delete what its overlay.txt removes."""
    shutil.copytree(case, project, dirs_exist_ok=True, ignore=shutil.ignore_patterns("*.append"))
    for addition in sorted(case.rglob("*.append")):
        target = project / addition.relative_to(case).with_suffix("")
        target.write_bytes(target.read_bytes() + addition.read_bytes())
    for line in (case / OVERLAY).read_text(encoding="utf-8").splitlines():
        if line.startswith("remove:"):
            (project / line.removeprefix("remove:").strip()).unlink()


@pytest.fixture
def run_build(monkeypatch, capsys):
    """Build `project` from inside it, as `python build.py --config config.yaml [options]`."""

    def run(project: Path, *options: str) -> Build:
        monkeypatch.chdir(project)
        code = main(["--config", "config.yaml", *options])
        captured = capsys.readouterr()
        return Build(code, captured.out, captured.err)

    return run


def output_file(site: Path, url: str) -> Path:
    """The built file serving `url` ("/teams/milan/" or "/feed.xml")."""
    return site / (url.lstrip("/") + ("index.html" if url.endswith("/") else ""))


def read(site: Path, url: str) -> str:
    return output_file(site, url).read_text(encoding="utf-8")


def data(site: Path, name: str) -> list:
    return json.loads((site / "data" / f"{name}.json").read_text(encoding="utf-8"))


def article_file(project: Path, name: str) -> Path:
    return project / "content" / "articles" / name


# --------------------------------------------------------------------------- invalid projects


@pytest.mark.parametrize("case", INVALID_CASES)
def test_invalid_project_fails_and_keeps_the_previous_site(case, copy_fixture, run_build):
    project = copy_fixture(f"invalid/{case}")
    keep = project / "site" / "keep.txt"
    keep.parent.mkdir()
    keep.write_text("the previous site\n")

    result = run_build(project)

    assert result.code == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert keep.read_text() == "the previous site\n"
    assert [path.name for path in (project / "site").iterdir()] == ["keep.txt"]


@pytest.mark.parametrize("case", INVALID_CASES)
def test_invalid_project_prints_exactly_the_expected_errors(case, copy_fixture, run_build):
    project = copy_fixture(f"invalid/{case}")
    expected = (project / "expected.txt").read_text(encoding="utf-8").splitlines()
    assert expected, f"{case}/expected.txt is empty"

    result = run_build(project)

    assert result.code == 1
    assert all_agree(result.errors, expected), "\n".join(result.errors)


def test_several_problems_in_several_files_reported_together_sorted(copy_fixture, run_build):
    result = run_build(copy_fixture("invalid/several-problems"))

    places = [PROBLEM.match(line) for line in result.errors]
    keys = [(place["path"], int(place["line"] or 0)) for place in places]
    assert len({path for path, _ in keys}) >= 3
    assert keys == sorted(keys)


def test_fixture_bytes_survived_checkout():
    """Guards for the byte-exact fixtures (see tests/fixtures/.gitattributes)."""
    assert b"\xe8" in (FIXTURES / "invalid/non-utf8/content/articles/recap.md").read_bytes()
    assert (FIXTURES / "odd/bom/content/articles/recap.md").read_bytes().startswith(b"\xef\xbb\xbf---\n")
    crlf = (FIXTURES / "odd/crlf/content/articles/recap.md").read_bytes()
    assert crlf.count(b"\r\n") == crlf.count(b"\n") > 10
    for name in ("odd/config-bom-crlf/config.yaml", "odd/registry-bom-crlf-nul/content/teams.yaml"):
        raw = (FIXTURES / name).read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\r\n") == raw.count(b"\n") > 3, name
    assert b"\x00" in (FIXTURES / "odd/registry-bom-crlf-nul/content/teams.yaml").read_bytes()
    assert (FIXTURES / "invalid/config-utf16/config.yaml").read_bytes().startswith(b"\xff\xfe")


# --------------------------------------------------------------------------- the valid project

BRUGGE_TIE = "uefa-champions-league/2024-25/knockout-phase-play-offs/club-brugge-vs-atalanta"
MILAN_TIE = "uefa-champions-league/2024-25/knockout-phase-play-offs/feyenoord-vs-milan"
FINAL_TIE = "uefa-champions-league/2024-25/final/bayern-munchen-vs-atalanta"
PUBLISHED = ["atalanta-club-brugge-ritorno", "club-brugge-atalanta-first-leg", "feyenoord-milan-first-leg",
             "final", "milan-club-brugge-league-phase"]


@pytest.fixture
def valid_site(copy_fixture, run_build) -> tuple[Path, Build]:
    project = copy_fixture("valid")
    return project / "site", run_build(project)


def test_valid_project_builds_every_page(valid_site):
    site, result = valid_site
    assert result.code == 0
    assert "Traceback" not in result.stdout + result.stderr
    urls = ["/", "/articles/", "/teams/", "/ties/", "/competitions/", "/404.html", "/feed.xml", "/sitemap.xml",
            "/robots.txt", "/competitions/uefa-champions-league/", "/competitions/uefa-champions-league/2024-25/"]
    urls += [f"/articles/{slug}/" for slug in PUBLISHED]
    urls += [f"/teams/{slug}/" for slug in ("atalanta", "bayern-munchen", "club-brugge", "feyenoord", "milan")]
    urls += [f"/ties/{tie}/" for tie in (BRUGGE_TIE, MILAN_TIE, FINAL_TIE)]
    assert [url for url in urls if not output_file(site, url).is_file()] == []
    assert (site / ".nojekyll").is_file()
    assert not (site / "articles" / "draft-notes").exists()
    assert sorted(article["slug"] for article in data(site, "articles")) == PUBLISHED


def test_valid_project_warns_only_about_the_draft(valid_site):
    _, result = valid_site
    assert result.errors == []
    assert result.content_warnings() == [
        "content/articles/draft-notes.md:2: warning: draft without a title or date yet: fine for a draft, "
        "which is published only with --drafts and then listed last"]


def test_valid_ties_json(valid_site):
    site, _ = valid_site
    summary = [{key: tie[key] for key in ("id", "team1", "team2", "aggregate", "winner", "decided_by", "status")}
               for tie in data(site, "ties")]
    assert summary == [
        {"id": FINAL_TIE, "team1": "Bayern München", "team2": "Atalanta", "aggregate": "2-2",
         "winner": "Bayern München", "decided_by": "penalties", "status": "decided"},
        {"id": BRUGGE_TIE, "team1": "Club Brugge", "team2": "Atalanta", "aggregate": "5-2",
         "winner": "Club Brugge", "decided_by": "aggregate", "status": "decided"},
        {"id": MILAN_TIE, "team1": "Feyenoord", "team2": "Milan", "aggregate": None,
         "winner": None, "decided_by": None, "status": "in_progress"},
    ]


def test_valid_ties_json_legs_link_every_report(valid_site):
    site, _ = valid_site
    ties = {tie["id"]: tie for tie in data(site, "ties")}
    legs = [(leg["home"], leg["away"], leg["score"], leg["aet"], leg["pens"], leg["date"], leg["articles"])
            for leg in ties[BRUGGE_TIE]["legs"]]
    assert legs == [
        ("Club Brugge", "Atalanta", "2-1", None, None, "2025-02-12",
         ["/articles/atalanta-club-brugge-ritorno/", "/articles/club-brugge-atalanta-first-leg/"]),
        ("Atalanta", "Club Brugge", "1-3", None, None, "2025-02-18", ["/articles/atalanta-club-brugge-ritorno/"]),
    ]
    final = ties[FINAL_TIE]["legs"]
    assert [(leg["score"], leg["aet"], leg["pens"], leg["neutral"]) for leg in final] == [("1-1", "2-2", "4-3", True)]
    assert [leg["score"] for leg in ties[MILAN_TIE]["legs"]] == ["1-0"]
    assert ties[BRUGGE_TIE]["url"] == f"/ties/{BRUGGE_TIE}/"


def test_valid_league_phase_match_is_a_plain_result(valid_site):
    site, _ = valid_site
    match, = [m for m in data(site, "matches") if m["stage"] == "League phase"]
    assert (match["home"], match["away"], match["score"], match["tie"]) == ("Milan", "Club Brugge", "3-1", None)


def test_valid_italian_article_and_score_notation(valid_site):
    site, _ = valid_site
    assert '<html lang="it">' in read(site, "/articles/atalanta-club-brugge-ritorno/")
    tie_page = read(site, f"/ties/{BRUGGE_TIE}/")
    assert "5\u20132 agg." in tie_page
    final_page = read(site, f"/ties/{FINAL_TIE}/")
    assert "2\u20132 (a.e.t.)" in final_page and "(4\u20133 pen.)" in final_page


def test_valid_project_with_drafts_publishes_the_draft(copy_fixture, run_build):
    project = copy_fixture("valid")
    assert run_build(project, "--drafts").code == 0
    assert (project / "site" / "articles" / "draft-notes" / "index.html").is_file()


# --------------------------------------------------------------------------- odd but fine

UNKNOWN_WEATHER = "content/articles/recap.md:4: warning: unknown key 'weather' in the front matter is ignored"


def test_bom_at_file_start(copy_fixture, run_build):
    project = copy_fixture("odd/bom")
    result = run_build(project)
    assert result.code == 0
    page = read(project / "site", "/articles/recap/")
    assert "\ufeff" not in page and "<h1 class=\"recap__title\">A recap</h1>" in page


def test_bom_does_not_shift_line_numbers(copy_fixture, run_build):
    result = run_build(copy_fixture("odd/bom"))
    assert [line.split(" (expected")[0] for line in result.content_warnings()] == [UNKNOWN_WEATHER]


def test_crlf_line_ends(copy_fixture, run_build):
    project = copy_fixture("odd/crlf")
    result = run_build(project)
    assert result.code == 0
    site = project / "site"
    assert [tie["id"] for tie in data(site, "ties")] == [BRUGGE_TIE]
    page = read(site, "/articles/recap/")
    assert "\r" not in page
    assert "<p>First paragraph.</p>" in page and "<p>Second paragraph.</p>" in page


def test_crlf_keeps_line_numbers(copy_fixture, run_build):
    result = run_build(copy_fixture("odd/crlf"))
    assert [line.split(" (expected")[0] for line in result.content_warnings()] == [UNKNOWN_WEATHER]


def test_unknown_front_matter_key_builds(copy_fixture, run_build):
    assert run_build(copy_fixture("odd/unknown-key")).code == 0


def test_unknown_front_matter_key_warns_with_key_and_line(copy_fixture, run_build):
    result = run_build(copy_fixture("odd/unknown-key"))
    assert result.errors == []
    warning, = result.content_warnings()
    assert warning.startswith(UNKNOWN_WEATHER)


def test_a_club_new_to_the_registry_builds_with_a_warning(copy_fixture, run_build):
    project = copy_fixture("odd/new-club")
    result = run_build(project)
    assert result.code == 0
    assert "content/articles/milan-celje.md:8: warning: unknown team 'Celje': add it to teams.yaml (name or aliases)" \
        in result.content_warnings()
    assert (project / "site" / "teams" / "celje" / "index.html").is_file()


def test_unknown_stage_builds(copy_fixture, run_build):
    project = copy_fixture("odd/unknown-stage")
    assert run_build(project).code == 0
    match, = data(project / "site", "matches")
    assert (match["stage"], match["tie"]) == ("Group stage", None)


def test_unknown_stage_warns_with_the_known_stages(copy_fixture, run_build):
    result = run_build(copy_fixture("odd/unknown-stage"))
    warning, = result.content_warnings()
    assert warning.startswith("content/articles/recap.md:11: warning: unknown stage 'Group stage'")
    assert "League phase" in warning


@pytest.mark.slow
def test_huge_article_builds(copy_fixture, run_build):
    project = copy_fixture("valid")
    paragraph = "Atalanta pressed high and Club Brugge waited on the break. " * 20
    body = "\n\n".join(f"## Minute {minute}\n\n{paragraph}" for minute in range(1, 1700)) + "\n\nTHE-END\n"
    text = "---\ntitle: A very long recap\ndate: 2025-02-20\n---\n" + body
    article_file(project, "huge.md").write_text(text, encoding="utf-8")
    assert len(text.encode()) > 2_000_000

    result = run_build(project)

    assert result.code == 0
    page = read(project / "site", "/articles/huge/")
    assert "<p>THE-END</p>" in page and page.count("<h2") >= 1699


SCRIPT_TITLE = "<script>alert(1)</script> Brugge win"


def assert_no_live_script(html: str) -> None:
    """The only <script> elements are JSON-LD and the site's own search script, and nothing closes them early."""
    opening = re.findall(r"<script\b[^>]*>", html, flags=re.IGNORECASE)
    own = {tag for tag in opening if re.fullmatch(r'<script type="module" src="[^"]*/static/search\.js">', tag)}
    assert set(opening) - own <= {'<script type="application/ld+json">'}
    assert len(re.findall(r"</script", html, flags=re.IGNORECASE)) == len(opening)


def test_script_in_title_and_body_is_escaped(copy_fixture, run_build):
    project = copy_fixture("odd/script-in-text")
    assert run_build(project).code == 0
    site = project / "site"
    escaped_title = "&lt;script&gt;alert(1)&lt;/script&gt; Brugge win"

    article = read(site, "/articles/recap/")
    assert_no_live_script(article)
    assert escaped_title in article
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in article and "&lt;script&gt;alert(4)&lt;/script&gt;" in article

    home = read(site, "/")
    assert_no_live_script(home)
    assert escaped_title in home

    for url in ("/articles/", "/feed.xml"):
        assert "<script>" not in read(site, url)

    article_data, = data(site, "articles")  # JSON keeps the author's text; it is data, not markup
    assert article_data["title"] == SCRIPT_TITLE
    assert article_data["summary"] == "<script>alert(2)</script>"


def test_javascript_links_are_dropped(copy_fixture, run_build):
    project = copy_fixture("odd/javascript-link")
    assert run_build(project).code == 0
    site = project / "site"
    leaks = [path.relative_to(site).as_posix() for path in site.rglob("*")  # pagefind/: Pagefind's own UI code
             if path.is_file() and path.relative_to(site).parts[0] != "pagefind"
             and b"javascript:" in path.read_bytes().lower()]
    assert leaks == []
    page = read(site, "/articles/recap/")
    assert ">x</a>" in page and ">reference</a>" in page and ">upper-case</a>" in page
    assert "alert(" not in page


# --------------------------------------------------------------------------- the command line


def test_unknown_option_exits_2(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["--no-such-option"])
    assert exit_info.value.code == 2
    assert "unrecognized arguments: --no-such-option" in capsys.readouterr().err


# --------------------------------------------------------------------------- impossible input found by these fixtures


def test_leg_3_reports_only_the_leg_error(copy_fixture, run_build):
    result = run_build(copy_fixture("invalid/leg-3"))
    assert result.errors == ["content/articles/recap.md:11: `leg` must be one of 1, 2; got 3"]
    assert result.content_warnings() == []


IMPOSSIBLE_PLAIN_MATCHES = {
    "aet-below-score": "score: 2-1, aet: 1-1",
    "level-shoot-out": "score: 1-1, aet: 1-1, pens: 3-3",
    "shoot-out-after-a-win": "score: 2-1, pens: 5-4",
}


@pytest.mark.parametrize("facts", IMPOSSIBLE_PLAIN_MATCHES.values(), ids=IMPOSSIBLE_PLAIN_MATCHES.keys())
def test_impossible_score_in_a_plain_match_is_an_error(facts, copy_fixture, run_build):
    project = copy_fixture("odd/unknown-key")
    article_file(project, "recap.md").write_text(
        "---\ntitle: A league match\ndate: 2024-10-22\ncompetition: UEFA Champions League\nseason: 2024-25\n"
        f"matches:\n  - {{home: Milan, away: Club Brugge, {facts}, stage: League phase}}\n---\nBody.\n")
    result = run_build(project)
    assert result.code == 1
    assert {line.split(": ")[0] for line in result.errors} == {"content/articles/recap.md:7"}


def test_team_name_without_letters_is_an_error(copy_fixture, run_build):
    project = copy_fixture("odd/unknown-key")
    article_file(project, "recap.md").write_text(
        "---\ntitle: A league match\ndate: 2024-10-22\ncompetition: UEFA Champions League\nseason: 2024-25\n"
        "matches:\n  - home: \"!!!\"\n    away: Milan\n    score: 1-0\n    stage: League phase\n---\nBody.\n")
    result = run_build(project)
    assert result.code == 1
    assert {line.split(": ")[0] for line in result.errors} == {"content/articles/recap.md:7"}
