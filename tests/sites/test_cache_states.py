"""The fast build gives the same bytes as the plain one: whatever the cache holds
(nothing, everything, something damaged) and however many processes render,
and a rebuild leaves the files that did not change alone on disk."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from recaps.cache import FOLDER
from recaps.cli import main
from tests.serving import ROOT, copy_project, files_of

pytestmark = pytest.mark.slow

FIXTURE = ROOT / "tests" / "fixtures" / "valid" / "config.yaml"
RECAP = "content/articles/club-brugge-atalanta-first-leg.md"
PAGE = "articles/club-brugge-atalanta-first-leg/index.html"


def build(config: Path, out: Path, *options: str) -> dict[str, bytes]:
    assert main(["--config", str(config), "--out", str(out), "--quiet", *options]) == 0
    return files_of(out)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_cold_warm_one_job_and_two_jobs_write_the_same_bytes(tmp_path):
    config = copy_project(FIXTURE, tmp_path / "project")
    plain = build(config, tmp_path / "plain", "--no-cache", "--jobs", "1")
    assert not (config.parent / FOLDER).exists()
    assert build(config, tmp_path / "site", "--jobs", "2") == plain  # cold cache
    assert (config.parent / FOLDER).is_dir()
    assert build(config, tmp_path / "site", "--jobs", "2") == plain  # warm
    assert build(config, tmp_path / "site", "--jobs", "1") == plain  # warm, one process
    assert build(config, tmp_path / "other", "--jobs", "2") == plain  # warm cache, new folder
    assert len(plain) > 30 and "feed.xml" in plain and "teams/atalanta/feed.xml" in plain

    edit(config.parent / RECAP, "took a 2-1 lead", "took a narrow lead")
    plain = build(config, tmp_path / "plain", "--no-cache", "--jobs", "1")
    assert b"took a narrow lead" in plain[PAGE]
    assert build(config, tmp_path / "site", "--jobs", "2") == plain
    assert build(config, tmp_path / "site", "--jobs", "1") == plain


def test_a_rebuild_leaves_unchanged_files_alone_and_rewrites_changed_ones(tmp_path, capsys):
    config = copy_project(FIXTURE, tmp_path / "project")
    site = tmp_path / "site"
    build(config, site)
    before = {name: (site / name).stat().st_ino for name in files_of(site)}
    edit(config.parent / RECAP, "took a 2-1 lead", "took a narrow lead")
    assert main(["--config", str(config), "--out", str(site)]) == 0
    assert "unchanged" in capsys.readouterr().out
    after = {name: (site / name).stat().st_ino for name in files_of(site)}
    changed = {name for name in before.keys() & after.keys() if before[name] != after[name]}
    changed |= before.keys() ^ after.keys()
    changed = {name for name in changed if not name.startswith("pagefind/")}  # the search index, made again
    assert changed == {PAGE, "feed.xml", "teams/club-brugge/feed.xml", "teams/atalanta/feed.xml",
                       "competitions/uefa-champions-league/feed.xml"}
    build(config, site)  # nothing changed: every file stays, the search index too
    assert {name: (site / name).stat().st_ino for name in files_of(site)} == after


def test_an_edit_rewrites_only_the_parse_cache_files_of_its_entries(tmp_path):
    """The parse cache is kept in buckets: one edited recap drops its old entry from one and adds
    its new one to another (or the same), and the others stay as they were, equal to a clean build."""
    config = copy_project(FIXTURE, tmp_path / "project")
    cache = config.parent / FOLDER
    build(config, tmp_path / "site")
    before = {path.name: path.stat().st_ino for path in cache.glob("parsed-*")}
    assert len(before) > 2  # the fixture's sources fill several buckets (an empty one has no file)
    edit(config.parent / RECAP, "took a 2-1 lead", "took a narrow lead")
    built = build(config, tmp_path / "site")
    after = {path.name: path.stat().st_ino for path in cache.glob("parsed-*")}
    rewritten = {name for name in before.keys() | after.keys() if before.get(name) != after.get(name)}
    assert 1 <= len(rewritten) <= 2
    assert built == build(config, tmp_path / "plain", "--no-cache")


def test_workers_are_forked_only_when_there_is_much_to_render(tmp_path, monkeypatch):
    """A cold build renders in --jobs processes; a rebuild with a handful of pages to render
    renders them in this process, without the cost of forking; the bytes are the same."""
    from recaps import renderpool
    asked = []
    real = renderpool._pooled

    def pooled(jobs, function, tasks):
        if function is renderpool._render:
            asked.append(jobs)
        return real(jobs, function, tasks)
    monkeypatch.setattr(renderpool, "_pooled", pooled)
    monkeypatch.setattr(renderpool, "IN_PROCESS_BELOW", 8)  # the fixture site is small
    config = copy_project(FIXTURE, tmp_path / "project")
    build(config, tmp_path / "site", "--jobs", "2")
    edit(config.parent / RECAP, "took a 2-1 lead", "took a narrow lead")
    built = build(config, tmp_path / "site", "--jobs", "2")
    assert asked == [2, 1]
    assert built == build(config, tmp_path / "plain", "--no-cache", "--jobs", "1")


def test_a_file_changed_or_removed_in_the_built_site_is_written_again(tmp_path):
    config = copy_project(FIXTURE, tmp_path / "project")
    site = tmp_path / "site"
    clean = build(config, site)
    (site / PAGE).write_bytes(b"edited by hand")
    (site / "teams" / "milan" / "index.html").unlink()
    (site / "stray.html").write_bytes(b"not ours")
    assert build(config, site) == clean


def test_a_template_edit_re_renders_what_uses_it(tmp_path):
    config = copy_project(FIXTURE, tmp_path / "project")
    build(config, tmp_path / "site")
    edit(config.parent / "templates" / "base.html", "</body>", "<!-- edited --></body>")
    plain = build(config, tmp_path / "plain", "--no-cache")
    assert b"<!-- edited -->" in plain["index.html"]
    assert build(config, tmp_path / "site") == plain


def test_a_damaged_cache_is_ignored_and_rebuilt(tmp_path):
    config = copy_project(FIXTURE, tmp_path / "project")
    plain = build(config, tmp_path / "plain", "--no-cache")
    build(config, tmp_path / "site")
    cache = config.parent / FOLDER
    files = sorted(path for path in cache.iterdir() if path.is_file())
    assert len(files) >= 3  # parsed sources, Markdown, the manifest
    for number, path in enumerate(files):  # truncated, a flipped byte, foreign bytes
        data = path.read_bytes()
        path.write_bytes([data[:len(data) // 2], data[:-1] + bytes([data[-1] ^ 1]), b"\x80junk"][number % 3])
    assert build(config, tmp_path / "site") == plain
    assert build(config, tmp_path / "site") == plain
    assert all(path.read_bytes()[:12] == b"recaps-cache" for path in files)


def test_many_warnings_are_summed_up_unless_verbose(tmp_path, capsys):
    config = copy_project(FIXTURE, tmp_path / "project")
    articles = config.parent / "content" / "articles"
    for number in range(30):
        (articles / f"unknown-{number}.md").write_text(
            f"---\ntitle: Unknown {number}\ndate: 2025-01-{number % 28 + 1:02d}\nmatches:\n"
            f"  - {{home: Nowhere {number}, away: Elsewhere {number}, score: 1-0, competition: Friendly,"
            f" season: 2024-25}}\n---\nText.\n", encoding="utf-8")
    assert main(["--config", str(config), "--out", str(tmp_path / "site")]) == 0
    err = capsys.readouterr().err
    total = len(err.splitlines()) - 1
    assert total == 20 and "more warnings" in err and "--verbose" in err
    # --no-cache: a real build (with nothing changed, a build only repeats the last one's warnings)
    assert main(["--config", str(config), "--out", str(tmp_path / "site"), "--verbose", "--no-cache"]) == 0
    out, err = capsys.readouterr()
    assert "more warnings" not in err and len(err.splitlines()) > 60
    assert "render" in out or "write" in out  # the time of each step


def test_jobs_must_be_a_positive_number(tmp_path, capsys):
    config = copy_project(FIXTURE, tmp_path / "project")
    try:
        main(["--config", str(config), "--jobs", "0"])
    except SystemExit as exc:
        assert exc.code == 2
    assert "--jobs" in capsys.readouterr().err
    assert not os.path.exists(config.parent / "site")


def test_the_cache_key_covers_the_translations_and_other_package_data(tmp_path):
    import shutil
    from recaps import cache
    package = tmp_path / "recaps"
    shutil.copytree(Path(cache.__file__).parent, package, ignore=shutil.ignore_patterns("__pycache__"))
    po = package / "locale" / "it" / "LC_MESSAGES" / "messages.po"
    before = cache.package_digest(package)
    (package / "__pycache__").mkdir(exist_ok=True)
    (package / "__pycache__" / "cache.cpython-311.pyc").write_bytes(b"bytecode")
    assert cache.package_digest(package) == before  # bytecode is not a source
    po.write_text(po.read_text(encoding="utf-8").replace('msgstr "Squadre"', 'msgstr "Club"', 1), encoding="utf-8")
    assert 'msgstr "Club"' in po.read_text(encoding="utf-8")
    assert cache.package_digest(package) != before


def test_a_fragment_renders_its_body_with_the_values_it_names():
    import jinja2
    from recaps.templates import fragment
    env = jinja2.Environment(autoescape=True)
    env.globals["fragment"] = fragment
    template = env.from_string("{% call fragment('chip', team, size) %}<b>{{ team }}</b>{{ size }}{% endcall %}")
    assert [template.render(team=team, size=1, lang="en") for team in ("Milan", "Inter", "<Roma>")] == \
        ["<b>Milan</b>1", "<b>Inter</b>1", "<b>&lt;Roma&gt;</b>1"]


def test_a_missing_templates_folder_is_named_and_nothing_is_written(tmp_path, capsys):
    import shutil
    config = copy_project(FIXTURE, tmp_path / "project")
    shutil.rmtree(config.parent / "templates")
    assert main(["--config", str(config), "--out", str(tmp_path / "site"), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert "config.yaml: templates_dir 'templates' does not exist" in err and "not found" not in err
    assert "Traceback" not in err and not (tmp_path / "site").exists()


def test_kept_template_code_gives_the_same_bytes_and_follows_an_edit(tmp_path):
    """Compiled templates kept between builds (TemplateCache): the same pages as compiling afresh,
    an edited template compiled again, damaged files ignored and made again."""
    from recaps.config import load_config
    from recaps.errors import Problems
    from recaps.dependencies import DependencyMap
    from recaps.pipeline import plan_site, Timings, assemble_site
    from recaps.render import Renderer
    config_file = copy_project(FIXTURE, tmp_path / "project")
    problems = Problems()
    config = load_config(config_file, problems)
    pages = [page for page in plan_site(assemble_site(config, problems, Timings()), config, problems, Timings())
             if page.template.endswith(".html")]
    kept = tmp_path / "kept"

    def rendered(compiled):
        renderer = Renderer(config, compiled=compiled)
        renderer.prepare(pages)
        keys = DependencyMap.of(pages, renderer.inputs()).keys
        return list(keys.values()), [renderer.render(page) for page in pages]

    plain = rendered(None)
    assert rendered(kept) == plain and len(list(kept.iterdir())) > 5  # compiled, and kept
    assert rendered(kept) == plain  # from the kept code
    for path in kept.iterdir():
        path.write_bytes(path.read_bytes()[:len(path.read_bytes()) // 2])
    assert rendered(kept) == plain
    edit(config.root / "templates" / "base.html", "</body>", "<!-- edited --></body>")
    keys, pages_now = rendered(kept)
    assert all(b"<!-- edited -->" in page for page in pages_now) and keys != plain[0]
