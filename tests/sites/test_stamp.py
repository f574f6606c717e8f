"""A build with nothing changed says so without building (recaps/stamp.py), and
anything that could change the output makes it build: an edited, added or
removed source of any kind, other options, a file touched in the output, a
damaged stamp. After every build the site is what a clean build writes."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from recaps import cache, pipeline, stamp
from recaps.cache import FOLDER
from recaps.cli import main
from tests.serving import ROOT, copy_project, files_of

pytestmark = pytest.mark.slow

FIXTURE = ROOT / "tests" / "fixtures" / "valid" / "config.yaml"
RECAP = "content/articles/club-brugge-atalanta-first-leg.md"
PAGE = "articles/club-brugge-atalanta-first-leg/index.html"


@pytest.fixture
def project(tmp_path):
    config = copy_project(FIXTURE, tmp_path / "project")
    return config, tmp_path / "site"


@pytest.fixture
def builds(monkeypatch):
    """Counts the builds that really ran (rather than being found unchanged)."""
    ran = []
    real = pipeline.build

    def counted(*args, **kwargs):
        ran.append(1)
        return real(*args, **kwargs)
    monkeypatch.setattr(pipeline, "build", counted)
    return ran


def build(config: Path, out: Path, *options: str) -> dict[str, bytes]:
    assert main(["--config", str(config), "--out", str(out), "--quiet", *options]) == 0
    return files_of(out)


def clean(config: Path, tmp_path: Path, *options: str) -> dict[str, bytes]:
    return build(config, tmp_path / f"clean-{len(list(tmp_path.glob('clean-*')))}", "--no-cache", *options)


def identities(site: Path) -> dict[str, int]:
    return {path.relative_to(site).as_posix(): path.stat().st_ino for path in site.rglob("*")}


def test_nothing_changed_builds_nothing_and_touches_nothing(project, builds, capsys):
    config, site = project
    first = build(config, site)
    before = identities(site)
    assert main(["--config", str(config), "--out", str(site), "--verbose"]) == 0
    out = capsys.readouterr().out
    assert len(builds) == 1 and "all unchanged" in out and "nothing changed since the last build" in out
    assert identities(site) == before and files_of(site) == first


def test_the_last_builds_warnings_are_printed_again(project, capsys):
    config, site = project
    recap = config.parent / RECAP
    recap.write_text(recap.read_text(encoding="utf-8").replace("Club Brugge", "Club Bruges", 1), encoding="utf-8")
    assert main(["--config", str(config), "--out", str(site)]) == 0
    first = capsys.readouterr().err
    assert "warning:" in first
    assert main(["--config", str(config), "--out", str(site)]) == 0
    assert capsys.readouterr().err == first


@pytest.mark.parametrize("change", ["edit recap", "add recap", "remove recap", "edit registry", "edit template",
                                    "add template", "edit static", "add static", "edit config"])
def test_any_source_change_builds(project, builds, tmp_path, change):
    config, site = project
    build(config, site)
    root = config.parent
    if change == "edit recap":
        (root / RECAP).write_text((root / RECAP).read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    elif change == "add recap":
        (root / "content/articles/friendly.md").write_text(
            "---\ntitle: A friendly\ndate: 2025-01-05\nmatches:\n  - {home: Atalanta, away: Club Brugge, score: 1-1,"
            " competition: Friendly, season: 2024-25}\n---\nText.\n", encoding="utf-8")
    elif change == "remove recap":
        (root / RECAP).unlink()
    elif change == "edit registry":
        (root / "content/teams.yaml").write_text((root / "content/teams.yaml").read_text(encoding="utf-8") + "\n",
                                                 encoding="utf-8")
    elif change == "edit template":
        (root / "templates/base.html").write_text(
            (root / "templates/base.html").read_text(encoding="utf-8") + "<!-- edited -->\n", encoding="utf-8")
    elif change == "add template":
        (root / "templates/unused.html").write_text("{{ nothing }}\n", encoding="utf-8")
    elif change == "edit static":
        (root / "static/style.css").write_text((root / "static/style.css").read_text(encoding="utf-8") + "\n",
                                               encoding="utf-8")
    elif change == "add static":
        (root / "static/robots-extra.txt").write_text("extra\n", encoding="utf-8")
    elif change == "edit config":
        config.write_text(config.read_text(encoding="utf-8") + "description: Edited.\n", encoding="utf-8")
    built = build(config, site)
    assert len(builds) == 2 and built == clean(config, tmp_path)


def test_an_edit_of_the_same_size_in_the_same_instant_builds(project, builds, tmp_path):
    config, site = project
    build(config, site)
    recap = config.parent / RECAP
    status = recap.stat()
    text = recap.read_text(encoding="utf-8")
    recap.write_text(text.replace("took a 2-1 lead", "took a 1-2 lead", 1), encoding="utf-8")
    os.utime(recap, ns=(status.st_atime_ns, status.st_mtime_ns))  # same size, same time: only the bytes tell
    built = build(config, site)
    assert len(builds) == 2 and built == clean(config, tmp_path)


@pytest.fixture
def reads(monkeypatch):
    """The source files the stamp read (rather than knowing them by their identity), by name."""
    read = []
    real = stamp._read

    def counted(path, identities):
        read.append(os.path.basename(path))
        return real(path, identities)
    monkeypatch.setattr(stamp, "_read", counted)
    return read


def test_a_source_is_read_again_only_when_its_identity_changed(project, builds, reads, monkeypatch, tmp_path):
    """Files saved long enough before a build are known by their identity afterwards: the next
    stamp check reads none of them, and after one edit only the edited file."""
    monkeypatch.setattr(cache, "RACY_NS", -10**12)  # these files were all written a moment ago
    config, site = project
    build(config, site)
    sources = len(reads)
    assert sources > 10
    reads.clear()
    build(config, site)
    assert len(builds) == 1 and reads == []
    recap = config.parent / RECAP
    recap.write_text(recap.read_text(encoding="utf-8").replace("took a 2-1 lead", "took a 1-2 lead", 1),
                     encoding="utf-8")
    built = build(config, site)
    assert len(builds) == 2 and reads == [os.path.basename(RECAP)]
    assert built == clean(config, tmp_path)


def test_a_source_saved_just_before_a_build_is_read_again_by_the_next(project, builds, reads):
    """A file written within cache.RACY_NS of the stamp's reading could still change in the same tick
    of the file system's clock without changing its identity: its digest is not kept."""
    config, site = project
    build(config, site)
    reads.clear()
    build(config, site)  # every file of the project was written a moment ago
    assert len(builds) == 1 and os.path.basename(RECAP) in reads


@pytest.mark.parametrize("options", [["--drafts"], ["--base-url", "/other/"]])
def test_other_options_build(project, builds, tmp_path, options):
    config, site = project
    first = build(config, site)
    built = build(config, site, *options)
    assert len(builds) == 2 and built != first
    assert build(config, site) == first and len(builds) == 3  # and back
    assert built == clean(config, tmp_path, *options)


@pytest.mark.parametrize("damage", ["edit", "remove", "add", "touch", "replace folder"])
def test_a_touched_output_builds_and_is_repaired(project, builds, damage):
    config, site = project
    first = build(config, site)
    page = site / PAGE
    if damage == "edit":
        page.write_bytes(page.read_bytes().replace(b"Atalanta", b"Atalanto"))
    elif damage == "remove":
        page.unlink()
    elif damage == "add":
        (site / "stray.html").write_bytes(b"not ours")
    elif damage == "touch":
        os.utime(page)
    elif damage == "replace folder":
        os.rename(site, site.with_name("moved"))
        os.rename(site.with_name("moved"), site)
        (site / PAGE).write_bytes(b"elsewhere")
    assert build(config, site) == first and len(builds) == 2


def test_a_damaged_stamp_is_not_trusted(project, builds):
    config, site = project
    first = build(config, site)
    for stamp in (config.parent / FOLDER).glob("stamp-*"):
        stamp.write_bytes(stamp.read_bytes()[:-10] + b"0123456789")
    (site / PAGE).write_bytes(b"edited by hand")
    assert build(config, site) == first and len(builds) == 2


def test_after_a_failed_build_the_sources_put_back_need_no_build(project, builds, capsys):
    config, site = project
    first = build(config, site)
    recap = config.parent / RECAP
    good = recap.read_bytes()
    recap.write_bytes(good.replace(b"score:", b"score: [", 1))
    assert main(["--config", str(config), "--out", str(site), "--quiet"]) == 1
    assert files_of(site) == first
    recap.write_bytes(good)
    assert build(config, site) == first and len(builds) == 2  # the site is the one these sources make


def test_no_cache_and_check_always_build(project, builds):
    config, site = project
    build(config, site)
    build(config, site, "--no-cache")
    main(["check", "--config", str(config), "--quiet"])  # (it fails: the fixture links outside the base path)
    assert len(builds) == 3


def test_a_source_saved_while_the_site_is_built_makes_the_next_build_run(project, builds, monkeypatch, tmp_path):
    """The stamp is kept only if the sources after the build are those it was made from: a file saved
    after the stamp read it and before the build did, then put back, must not look unchanged."""
    config, site = project
    recap = config.parent / RECAP
    before = recap.read_bytes()
    counted = pipeline.build

    def save_then_build(*args, **kwargs):
        recap.write_bytes(before.replace(b"took a 2-1 lead", b"took a late lead"))
        return counted(*args, **kwargs)
    monkeypatch.setattr(pipeline, "build", save_then_build)
    assert b"took a late lead" in build(config, site)[PAGE]
    monkeypatch.setattr(pipeline, "build", counted)
    recap.write_bytes(before)  # as it was when the stamp read it
    built = build(config, site)
    assert len(builds) == 2 and built == clean(config, tmp_path)


def test_a_fifo_among_the_sources_does_not_hang_the_stamp(project, tmp_path):
    """The stamp reads every file under the source folders: a FIFO (nothing writes to it) must not block."""
    config, site = project
    os.mkfifo(config.parent / "templates" / "pipe")
    command = [sys.executable, str(ROOT / "build.py"), "--config", str(config), "--out", str(site), "--quiet"]
    for _ in range(2):  # the build, then the stamp's check
        assert subprocess.run(command, timeout=120, capture_output=True).returncode == 0


def test_a_template_cache_that_cannot_be_made_is_skipped(project, tmp_path):
    """Compiled templates are kept in the cache folder when it takes them; when it cannot (here a file
    stands where their folder goes), the build compiles them as without a cache."""
    config, site = project
    (config.parent / FOLDER).mkdir()
    (config.parent / FOLDER / "templates").write_bytes(b"not a folder")
    assert build(config, site) == clean(config, tmp_path)
    assert build(config, site, "--base-url", "/other/") == clean(config, tmp_path, "--base-url", "/other/")
