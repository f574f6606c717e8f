"""Faults while writing: a failed swap, a full disk, an unwritable folder, a second
build on the same folder, and builds killed at random moments. Whatever happens, the
previous site stays complete, and the next build cleans up and succeeds."""
from __future__ import annotations

import errno
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from recaps import write
from recaps.cli import main
from recaps.write import StagedSite
from tests.serving import ROOT, copy_project, files_of

pytestmark = pytest.mark.slow

FIXTURE = ROOT / "tests" / "fixtures" / "valid" / "config.yaml"
RECAP = "content/articles/club-brugge-atalanta-first-leg.md"


@pytest.fixture
def built(tmp_path):
    """(config, site folder, its files) of a project built once."""
    config = copy_project(FIXTURE, tmp_path / "project")
    site = tmp_path / "site"
    assert main(["--config", str(config), "--out", str(site), "--quiet", "--jobs", "1"]) == 0
    edit(config)
    return config, site, files_of(site)


def edit(config: Path) -> None:
    """An edit that changes a page, so a new build differs from the previous one."""
    path = config.parent / RECAP
    path.write_text(path.read_text(encoding="utf-8").replace("took a 2-1 lead", "took a narrow lead"),
                    encoding="utf-8")


def rebuild(config: Path, site: Path, *options: str) -> int:
    return main(["--config", str(config), "--out", str(site), "--quiet", "--jobs", "1", *options])


def leftovers(site: Path) -> list[str]:
    return sorted(path.name for path in site.parent.iterdir()
                  if path.name.startswith(f".{site.name}.") and not path.name.endswith((".lock", ".staging")))


def test_a_failed_swap_puts_the_previous_site_back(built, monkeypatch, capsys):
    config, site, before = built
    real_replace = os.replace

    def failing(source, target):
        if Path(source).name.endswith(".staging"):
            raise OSError(errno.EIO, "Input/output error", str(target))
        return real_replace(source, target)

    monkeypatch.setattr(write, "_exchange", lambda first, second: False)  # the two-step swap
    monkeypatch.setattr(write.os, "replace", failing)
    assert rebuild(config, site) == 1
    assert "cannot write the site: Input/output error" in capsys.readouterr().err
    assert files_of(site) == before and leftovers(site) == []


def test_a_failed_exchange_leaves_the_previous_site(built, monkeypatch, capsys):
    config, site, before = built

    def failing(first, second):
        raise OSError(errno.EIO, "Input/output error", str(second))

    monkeypatch.setattr(write, "_exchange", failing)
    assert rebuild(config, site) == 1
    assert "Input/output error" in capsys.readouterr().err
    assert files_of(site) == before
    monkeypatch.undo()
    assert rebuild(config, site) == 0 and files_of(site) != before


@pytest.mark.parametrize("fault", [errno.ENOSPC, errno.EACCES, errno.EROFS])
def test_a_full_disk_or_an_unwritable_folder_is_a_message_and_the_previous_site_stays(built, monkeypatch,
                                                                                        capsys, fault):
    config, site, before = built
    real_write = Path.write_bytes
    written = []

    def write_bytes(path, data):
        if len(written) >= 5:
            raise OSError(fault, os.strerror(fault), str(path))
        written.append(path)
        return real_write(path, data)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)
    assert rebuild(config, site, "--no-cache") == 1  # every page written, none linked
    err = capsys.readouterr().err
    assert f"cannot write the site: {os.strerror(fault)}" in err and "Traceback" not in err
    assert "the previous site was left as it was" in err
    assert files_of(site) == before


def test_an_unwritable_output_parent_is_a_message(built, monkeypatch, capsys):
    config, site, before = built

    def mkdir(path, *args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(Path, "mkdir", mkdir)
    assert rebuild(config, site) == 1
    assert "Permission denied" in capsys.readouterr().err
    assert files_of(site) == before


def test_a_second_build_on_the_same_folder_is_refused_while_the_first_runs(built, capsys):
    config, site, before = built
    with StagedSite(site):  # the first build, mid-way
        assert rebuild(config, site) == 1
    err = capsys.readouterr().err
    assert f"another build is running on this output folder (pid {os.getpid()})" in err
    assert files_of(site) == before
    assert rebuild(config, site) == 0


def test_a_template_error_in_a_worker_names_the_template(built, capsys):
    config, site, before = built
    template = config.parent / "templates" / "article.html"
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace("{% endblock %}", "{{ no_such_value }}{% endblock %}", 1), encoding="utf-8")
    assert rebuild(config, site, "--jobs", "2") == 1
    err = capsys.readouterr().err
    assert "article.html:" in err and "no_such_value" in err and "Traceback" not in err
    assert files_of(site) == before


def test_builds_killed_at_random_moments_leave_a_complete_site(built, tmp_path):
    config, site, before = built
    expected = tmp_path / "expected"
    assert main(["--config", str(config), "--out", str(expected), "--quiet", "--no-cache"]) == 0
    after = files_of(expected)
    assert after != before
    command = [sys.executable, str(ROOT / "build.py"), "--config", str(config), "--out", str(site), "--quiet"]
    started = time.monotonic()
    subprocess.run(command, check=True, cwd=tmp_path)
    duration = time.monotonic() - started
    assert files_of(site) == after
    (config.parent / "templates" / "base.html").write_text(
        (config.parent / "templates" / "base.html").read_text(encoding="utf-8") + "<!-- x -->\n", encoding="utf-8")
    assert main(["--config", str(config), "--out", str(expected), "--quiet", "--no-cache"]) == 0
    newest = files_of(expected)
    chances = random.Random(9)
    for cache in ("--no-cache", ""):
        for _ in range(6):
            process = subprocess.Popen([*command, *filter(None, [cache])], cwd=tmp_path)
            time.sleep(chances.uniform(0, duration))
            process.send_signal(signal.SIGKILL)
            process.wait()
            assert files_of(site) in (after, newest)  # never half of one, never gone
    subprocess.run(command, check=True, cwd=tmp_path)
    assert files_of(site) == newest and leftovers(site) == []
