"""The preview's incremental build: it renders only what changed, and what it
holds is always what a clean build of the same files writes."""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recaps import sources
from recaps.assemble import LastAssembly
from recaps.cli import main
from recaps.errors import Problems
from recaps.pipeline import Timings, assemble_site, configure
from recaps.serve.builder import PreviewBuilder
from recaps.sources import Saved
from recaps.write import OutputFolder

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "valid"
FIRST_LEG = "/articles/club-brugge-atalanta-first-leg/"
RITORNO = "content/articles/atalanta-club-brugge-ritorno.md"


def make_project(folder: Path) -> Path:
    """The valid fixture site with its own copy of the templates and static files."""
    shutil.copytree(FIXTURE / "content", folder / "content")
    shutil.copytree(ROOT / "templates", folder / "templates")
    shutil.copytree(ROOT / "static", folder / "static")
    (folder / "config.yaml").write_text("title: Fixture Recaps\nbase_url: https://example.org/recaps/\n")
    return folder / "config.yaml"


def files_of(folder: Path) -> dict[str, bytes]:
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file()}


def clean_build(config: Path, out: Path) -> dict[str, bytes] | None:
    """A clean `python build.py` of the project: its files, or None when it fails. The search
    index (pagefind/) is left out: Pagefind indexes published builds, not the live preview."""
    shutil.rmtree(out, ignore_errors=True)
    if main(["--config", str(config), "--out", str(out)]) != 0:
        return None
    return {name: content for name, content in files_of(out).items() if not name.startswith("pagefind/")}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def identities(project: Path) -> dict[Path, tuple]:
    """Each file of the project's watched folders with what a watcher sees change of it."""
    return {path: (path.stat().st_ino, path.stat().st_mtime_ns, path.stat().st_size, path.read_bytes())
            for name in WATCHED for path in (project / name).rglob("*") if path.is_file()}


WATCHED = ("content", "templates", "static")


def watched(project: Path, before: dict, after: dict) -> Saved:
    """What the server's watcher reports between two `identities` of the project: every file
    added, removed or written."""
    return Saved([project / name for name in WATCHED],
                 [path for path in before.keys() | after.keys() if before.get(path) != after.get(path)])


def preview(config: Path, tmp_path: Path) -> PreviewBuilder:
    builder = PreviewBuilder(config, OutputFolder(tmp_path / "preview"))
    assert builder.build().ok
    return builder


def rerendered(builder: PreviewBuilder) -> set[str]:
    before = dict(builder.written)
    outcome = builder.build()
    assert outcome.ok, outcome.problems.sorted()
    return {url for url, key in builder.written.items() if before.get(url) != key} | \
        (before.keys() - builder.written.keys())


def test_nothing_changed_renders_nothing(tmp_path):
    builder = preview(make_project(tmp_path), tmp_path)
    outcome = builder.build()
    assert (outcome.rendered, outcome.copied, outcome.removed) == (0, 0, 0)


def test_a_second_leg_score_re_renders_the_first_legs_recap_and_the_open_data(tmp_path):
    """The first leg's recap shows the tie's aggregate: hand-kept source lists missed it."""
    config = make_project(tmp_path)
    builder = preview(config, tmp_path)
    edit(tmp_path / RITORNO, "score: 1–3", "score: 1–4")
    changed = rerendered(builder)
    assert FIRST_LEG in changed
    assert {"/data/ties.json", "/data/matches.json", "/data/teams.json"} <= changed
    assert files_of(tmp_path / "preview") == clean_build(config, tmp_path / "clean")


def test_a_body_edit_re_renders_its_page_and_the_feeds_that_carry_it_only(tmp_path):
    config = make_project(tmp_path)
    builder = preview(config, tmp_path)
    edit(tmp_path / "content/articles/club-brugge-atalanta-first-leg.md", "took a 2-1 lead", "took a narrow lead")
    assert rerendered(builder) == {FIRST_LEG, "/feed.xml", "/teams/club-brugge/feed.xml", "/teams/atalanta/feed.xml",
                                   "/competitions/uefa-champions-league/feed.xml"}


def test_edits_of_what_assemble_copies_keep_the_warnings_of_the_recap(tmp_path):
    """A body, title or summary edit reports the recap's warnings again, as a clean build does."""
    config = make_project(tmp_path)
    recap = tmp_path / "content/articles/club-brugge-atalanta-first-leg.md"
    edit(recap, "---\n", "---\nteams: [Not A Registered Club]\n")
    builder = preview(config, tmp_path)
    for old, new in (("took a 2-1 lead", "took a narrow lead"), ("title: Late penalty", "title: A late penalty"),
                     ("venue: Jan Breydel Stadium", "venue: Elsewhere")):
        edit(recap, old, new)
        outcome = builder.build()
        assert outcome.ok, outcome.problems.sorted()
        assert any("Not A Registered Club" in problem.message for problem in outcome.problems.warnings)
        assert files_of(tmp_path / "preview") == clean_build(config, tmp_path / "clean")


FIRST_LEG_RECAP = "content/articles/club-brugge-atalanta-first-leg.md"
# (file, text, replacement): a body edit takes the last assembly, the others assemble again
ASSEMBLY_EDITS = [
    pytest.param(FIRST_LEG_RECAP, "took a 2-1 lead", "took a narrow lead", id="body"),
    pytest.param(FIRST_LEG_RECAP, "Another Unregistered Club", "Not A Registered Club", id="mention"),
    pytest.param(FIRST_LEG_RECAP, "summary: A stoppage-time", "summary: A late", id="summary"),
    pytest.param(RITORNO, "score: 1–3", "score: 1–4", id="score"),
    pytest.param("content/teams.yaml", "short: ATA", "short: AT", id="registry"),
]


@pytest.mark.parametrize("path, old, new", ASSEMBLY_EDITS)
def test_the_last_assembly_gives_the_site_and_warnings_of_assembling_again(tmp_path, path, old, new):
    config = configure(make_project(tmp_path), Problems())
    assembly = LastAssembly()
    edit(tmp_path / FIRST_LEG_RECAP, "---\n", "---\nteams: [Another Unregistered Club]\n")
    assemble_site(config, Problems(), Timings(), assembly=assembly)
    edit(tmp_path / path, old, new)
    kept, again = Problems(), Problems()
    assert assemble_site(config, kept, Timings(), assembly=assembly) == assemble_site(config, again, Timings())
    assert kept.sorted() == again.sorted() and kept.warnings


def test_a_title_edit_re_renders_the_lists_that_show_its_card(tmp_path):
    config = make_project(tmp_path)
    builder = preview(config, tmp_path)
    edit(tmp_path / "content/articles/club-brugge-atalanta-first-leg.md",
         "title: Late penalty gives Club Brugge the edge over Atalanta", "title: Brugge edge it late")
    assert {FIRST_LEG, "/", "/articles/", "/teams/club-brugge/", "/teams/atalanta/", "/data/articles.json",
            "/ties/uefa-champions-league/2024-25/knockout-phase-play-offs/club-brugge-vs-atalanta/"} <= \
        rerendered(builder)
    assert files_of(tmp_path / "preview") == clean_build(config, tmp_path / "clean")


def test_a_macro_edit_re_renders_the_pages_whose_templates_import_it(tmp_path):
    config = make_project(tmp_path)
    builder = preview(config, tmp_path)
    edit(tmp_path / "templates/macros.html", "{% macro pager(p, lang) %}", "{% macro pager(p, lang) %}<!-- x -->")
    changed = rerendered(builder)
    assert {"/articles/", "/ties/", "/teams/", FIRST_LEG} <= changed
    assert not changed & {"/404.html", "/competitions/", "/data/ties.json", "/sitemap.xml"}


def test_a_deleted_recap_disappears_and_nothing_links_to_it(tmp_path):
    config = make_project(tmp_path)
    builder = preview(config, tmp_path)
    (tmp_path / "content/articles/club-brugge-atalanta-first-leg.md").unlink()
    outcome = builder.build()
    assert outcome.ok and outcome.removed >= 1
    built = files_of(tmp_path / "preview")
    assert "articles/club-brugge-atalanta-first-leg/index.html" not in built
    assert not any(b"club-brugge-atalanta-first-leg" in content for content in built.values())
    assert built == clean_build(config, tmp_path / "clean")


def test_a_broken_file_fails_and_keeps_the_last_good_preview(tmp_path):
    config = make_project(tmp_path)
    builder = preview(config, tmp_path)
    good = files_of(tmp_path / "preview")
    edit(tmp_path / RITORNO, "leg: 2", "leg: [2")
    outcome = builder.build()
    assert not outcome.ok
    assert any(p.path.endswith("atalanta-club-brugge-ritorno.md") and p.line for p in outcome.problems.errors)
    assert files_of(tmp_path / "preview") == good
    edit(tmp_path / RITORNO, "leg: [2", "leg: 2")
    assert builder.build().ok and files_of(tmp_path / "preview") == good


# The property: after every step of any sequence of edits, the preview equals a clean build.
# More examples: RECAPS_PROPERTY_EXAMPLES=200 python -m pytest tests/sites/test_serve_build.py
ARTICLES = ["atalanta-club-brugge-ritorno", "club-brugge-atalanta-first-leg", "feyenoord-milan-first-leg",
            "final", "milan-club-brugge-league-phase"]
SCORE = re.compile(r"score: (\d+)[-–](\d+)")


def _apply(project: Path, step: tuple) -> None:
    kind, name, number = step
    articles = project / "content" / "articles"
    path = articles / f"{name}.md"
    if kind == "score" and path.exists():
        text = path.read_text(encoding="utf-8")
        path.write_text(SCORE.sub(f"score: {number % 4}-{number // 4 % 3}", text, count=1), encoding="utf-8")
    elif kind == "body" and path.exists():
        path.write_text(path.read_text(encoding="utf-8") + f"\nAnother paragraph, number {number}.\n",
                        encoding="utf-8")
    elif kind == "delete":
        path.unlink(missing_ok=True)
    elif kind == "rename" and path.exists():
        path.rename(articles / f"{name}-{number}.md")
    elif kind == "create":
        source = articles / f"{ARTICLES[number % len(ARTICLES)]}.md"
        if source.exists():
            shutil.copy(source, articles / f"copy-{number}.md")
    elif kind == "break" and path.exists():
        path.write_text(path.read_text(encoding="utf-8").replace("matches:", "matches: [", 1), encoding="utf-8")
    elif kind == "team":
        edit(project / "content/teams.yaml", "short: BRU", f"short: B{number % 10}U") \
            if "short: BRU" in (project / "content/teams.yaml").read_text() else None
    elif kind == "template":
        target = project / "templates" / ["macros.html", "base.html", "tie.html"][number % 3]
        target.write_text(target.read_text(encoding="utf-8") + f"<!-- edit {number} -->\n", encoding="utf-8")
    elif kind == "config":
        (project / "config.yaml").write_text(f"title: Fixture Recaps {number}\n"
                                             "base_url: https://example.org/recaps/\nper_page: 2\n")
    elif kind == "static":
        (project / "static" / f"extra-{number % 2}.css").write_text(f"/* {number} */\n")
    elif kind == "respell":
        _respell(articles, ["Napoli", "NAPOLI", "napoli"][number % 3])
    elif path.exists() and kind in FRONT_MATTER_EDITS:
        text = path.read_text(encoding="utf-8")
        path.write_text(FRONT_MATTER_EDITS[kind](text, number), encoding="utf-8")


def _set_line(text: str, key: str, line: str | None) -> str:
    """The front matter with its `key:` line replaced by `line` (added after the title when
    missing; removed when `line` is None)."""
    head, _, body = text.partition("\n---\n")
    rows = [row for row in head.split("\n") if not row.startswith(key + ":")]
    if line is not None:
        rows.insert(2, line)
    return "\n".join(rows) + "\n---\n" + body


def _toggle_line(text: str, key: str, line: str) -> str:
    present = any(row.startswith(key + ":") for row in text.partition("\n---\n")[0].split("\n"))
    return _set_line(text, key, None if present else line)


# Edits of what cards, lists and team pages show of a recap (kept objects must not hide them).
FRONT_MATTER_EDITS = {
    "title": lambda text, number: _set_line(text, "title", f"title: Retitled {number}"),
    "date": lambda text, number: _set_line(text, "date", f"date: 2025-0{1 + number % 6}-1{number % 10}"),
    "summary": lambda text, number: _set_line(text, "summary", f"summary: Summary {number}."),
    "lang": lambda text, number: _toggle_line(text, "lang", "lang: it"),
    "draft": lambda text, number: _toggle_line(text, "draft", "draft: true"),
    "mention": lambda text, number: _toggle_line(text, "teams",
                                                 f"teams: [{['Napoli', 'Bayern Munich', 'Milan'][number % 3]}]"),
}


NAPOLI_LEG = """---
title: Napoli tie, leg {leg}
date: {date}
competition: UEFA Champions League
season: 2024-25
matches:
  - {{home: {home}, away: {away}, score: {score}, date: {date}, stage: Round of 16, leg: {leg}}}
---
Leg {leg}.
"""


def _respell(articles: Path, spelling: str) -> None:
    """A club the registry lacks takes its first spelling in the site: an article that comes
    first (aa-...) spells it anew, which renames it in a tie whose own files did not change."""
    for leg, home, away, date, score in ((1, "Milan", "Napoli", "2025-03-04", "1-0"),
                                         (2, "Napoli", "Milan", "2025-03-11", "2-0")):
        path = articles / f"napoli-tie-{leg}.md"
        if not path.exists():
            path.write_text(NAPOLI_LEG.format(leg=leg, home=home, away=away, date=date, score=score),
                            encoding="utf-8")
    (articles / "aa-napoli-league.md").write_text(
        "---\ntitle: Napoli in the league phase\ndate: 2024-11-05\ncompetition: UEFA Champions League\n"
        f"season: 2024-25\nmatches:\n  - {{home: Milan, away: {spelling}, score: 2-2, stage: League phase}}\n"
        "---\nA draw.\n", encoding="utf-8")


STEPS = st.tuples(st.sampled_from(["score", "body", "delete", "rename", "create", "break", "team", "template",
                                   "config", "static", "respell", *FRONT_MATTER_EDITS]),
                  st.sampled_from(ARTICLES), st.integers(0, 11))


@settings(max_examples=int(os.environ.get("RECAPS_PROPERTY_EXAMPLES", "10")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(STEPS, min_size=1, max_size=5), st.booleans())
def test_after_any_edits_the_preview_equals_a_clean_build(steps, told):
    """`told`: each rebuild is told what changed, as the server's watcher tells it, and takes the
    other recaps as they were (else it looks at every source); every file then counts as written
    long before it is read, else each is looked at for 2 s after it was written, told or not."""
    settled = (lambda: time.time_ns() + 10**9) if told else sources.settled_since
    with tempfile.TemporaryDirectory(prefix="serve-property-") as temporary, \
            mock.patch.object(sources, "settled_since", settled):
        folder = Path(temporary)
        config = make_project(folder / "project")
        builder = PreviewBuilder(config, OutputFolder(folder / "preview"))
        assert builder.build().ok
        before = identities(folder / "project")
        for step in steps:
            _apply(folder / "project", step)
            after = identities(folder / "project")
            ok = builder.build(watched(folder / "project", before, after) if told else None).ok
            before = after
            clean = clean_build(config, folder / "clean")
            assert ok == (clean is not None), step
            if ok:
                assert files_of(folder / "preview") == clean, step


def test_a_club_respelt_in_another_recap_is_renamed_in_a_tie_whose_files_did_not_change(tmp_path):
    config = make_project(tmp_path)
    builder = preview(config, tmp_path)
    articles = tmp_path / "content" / "articles"
    _respell(articles, "Napoli")
    assert builder.build().ok
    _respell(articles, "NAPOLI")
    assert builder.build().ok
    tie = (tmp_path / "preview" / "ties" / "uefa-champions-league" / "2024-25" / "round-of-16" / "milan-vs-napoli"
           / "index.html").read_text(encoding="utf-8")
    assert "NAPOLI" in tie
    assert files_of(tmp_path / "preview") == clean_build(config, tmp_path / "clean")


def test_a_club_first_spelt_in_a_deleted_recap_takes_the_next_spelling_in_unchanged_recaps(tmp_path):
    """Unchanged recaps keep their matches only while every name in them resolves as before: here
    the stand-in for a club the registry lacks changes although their own files did not."""
    config = make_project(tmp_path)
    builder = preview(config, tmp_path)
    articles = tmp_path / "content" / "articles"
    _respell(articles, "NAPOLI")
    assert builder.build().ok
    (articles / "aa-napoli-league.md").unlink()
    assert builder.build().ok
    built = files_of(tmp_path / "preview")
    assert b"NAPOLI" not in built["data/matches.json"] and b"Napoli" in built["data/matches.json"]
    assert built == clean_build(config, tmp_path / "clean")


def test_a_template_syntax_error_names_the_template_and_line(tmp_path):
    config = make_project(tmp_path)
    builder = preview(config, tmp_path)
    line = (tmp_path / "templates/tie.html").read_text(encoding="utf-8").split("\n").index("{% block main %}") + 1
    edit(tmp_path / "templates/tie.html", "{% block main %}", "{% block main %}{% if %}")
    outcome = builder.build()
    assert [(Path(p.path).name, p.line) for p in outcome.problems.errors] == [("tie.html", line)]
    edit(tmp_path / "templates/tie.html", "{% if %}", "")
    assert builder.build().ok and files_of(tmp_path / "preview") == clean_build(config, tmp_path / "clean")


def test_drafts_are_previewed_marked_as_drafts(tmp_path):
    config = make_project(tmp_path)
    builder = PreviewBuilder(config, OutputFolder(tmp_path / "preview"), drafts=True)
    assert builder.build().ok
    page = (tmp_path / "preview" / "articles" / "draft-notes" / "index.html").read_text(encoding="utf-8")
    assert 'class="badge badge--draft"' in page


FINGERPRINTS = """
import json, sys
from pathlib import Path
from recaps.dependencies import DependencyMap
from recaps.errors import Problems
from recaps.pipeline import Timings, assemble_site, configure, plan_site
from recaps.render import Renderer
problems = Problems()
config = configure(Path(sys.argv[1]), problems)
pages = plan_site(assemble_site(config, problems, Timings()), config, problems, Timings())
renderer = Renderer(config)
print(json.dumps(DependencyMap.of(pages, renderer.inputs()).keys))
"""


def test_output_keys_are_the_same_in_every_process(tmp_path):
    """What a persistent cache needs: no object ids, no hash-ordered sets in an output's key."""
    config = make_project(tmp_path)
    runs = [subprocess.run([sys.executable, "-c", FINGERPRINTS, str(config)], capture_output=True, text=True,
                           cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": seed}, check=True).stdout
            for seed in ("1", "2")]
    assert runs[0] == runs[1] and len(json.loads(runs[0])) > 20


def test_a_first_build_that_fails_still_copies_the_stylesheet_for_the_error_page(tmp_path):
    config = make_project(tmp_path)
    edit(tmp_path / RITORNO, "leg: 2", "leg: [2")
    builder = PreviewBuilder(config, OutputFolder(tmp_path / "preview"))
    assert not builder.build().ok
    copied = sorted(files_of(tmp_path / "preview"))  # the static files only, the stylesheet among them
    assert "static/style.css" in copied and all(name.startswith("static/") for name in copied)
    edit(tmp_path / RITORNO, "leg: [2", "leg: 2")
    assert builder.build().ok and files_of(tmp_path / "preview") == clean_build(config, tmp_path / "clean")


def test_a_first_build_failing_half_way_leaves_no_page_behind(tmp_path):
    """The first build writes pages as it renders them: a template error part of the way through
    must not leave the pages rendered before it."""
    config = make_project(tmp_path)
    edit(tmp_path / "templates/tie.html", "{% block main %}", "{% block main %}{{ 1 // 0 }}")
    builder = PreviewBuilder(config, OutputFolder(tmp_path / "preview"))
    outcome = builder.build()
    assert not outcome.ok and outcome.rendered == 0
    assert all(name.startswith("static/") for name in files_of(tmp_path / "preview"))
    edit(tmp_path / "templates/tie.html", "{{ 1 // 0 }}", "")
    assert builder.build().ok and files_of(tmp_path / "preview") == clean_build(config, tmp_path / "clean")


@pytest.fixture
def settled(monkeypatch):
    """Every file counts as written long before it is read (else a file written within 2 s
    before a read is looked at again by the next, told or not)."""
    monkeypatch.setattr(sources, "settled_since", lambda: time.time_ns() + 10**9)


def test_a_rebuild_told_what_changed_looks_at_no_other_recap_and_a_look_everywhere_finds_what_it_missed(
        tmp_path, settled):
    config = make_project(tmp_path)
    builder = preview(config, tmp_path)
    folders = [tmp_path / name for name in WATCHED]
    first_leg = tmp_path / "content/articles/club-brugge-atalanta-first-leg.md"
    final = tmp_path / "content/articles/final.md"
    edit(first_leg, "to Bergamo.", "to Bergamo, told.")
    edit(final, "\n---\n", "\n---\nNot told.\n")
    assert builder.build(Saved(folders, [first_leg])).ok  # the watcher's word: only the first leg changed
    page = (tmp_path / "preview" / "articles" / "final" / "index.html").read_text(encoding="utf-8")
    assert "Not told." not in page and "told." in (tmp_path / "preview" / FIRST_LEG.strip("/") / "index.html").read_text()
    assert builder.build().ok  # a look at every source (the server's, once saves stop)
    assert files_of(tmp_path / "preview") == clean_build(config, tmp_path / "clean")


def test_what_a_rebuild_that_read_nothing_was_told_is_left_to_the_next(tmp_path, settled):
    config = make_project(tmp_path)
    builder = preview(config, tmp_path)
    folders = [tmp_path / name for name in WATCHED]
    first_leg = tmp_path / "content/articles/club-brugge-atalanta-first-leg.md"
    good = config.read_text()
    edit(first_leg, "to Bergamo.", "to Bergamo, told.")
    config.write_text("title: [unclosed\n")
    assert not builder.build(Saved(folders, [first_leg, config])).ok  # no config: nothing read
    config.write_text(good)
    assert builder.build(Saved(folders, [config])).ok
    assert files_of(tmp_path / "preview") == clean_build(config, tmp_path / "clean")


def test_a_recap_reached_through_a_link_is_looked_at_though_the_watcher_did_not_report_it(tmp_path, settled):
    config = make_project(tmp_path)
    archive = tmp_path / "archive"
    archive.mkdir()
    shutil.move(tmp_path / "content/articles/final.md", archive / "final.md")
    (tmp_path / "content/articles/archive").symlink_to(archive, target_is_directory=True)
    builder = preview(config, tmp_path)
    edit(archive / "final.md", "\n---\n", "\n---\nThrough the link.\n")
    assert builder.build(Saved([tmp_path / name for name in WATCHED], [])).ok  # archive/ is not watched
    assert files_of(tmp_path / "preview") == clean_build(config, tmp_path / "clean")
