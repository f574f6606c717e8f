"""Faults at every step of a write, not only at random moments: a build killed (SIGKILL)
right before each file operation of its write and swap, two builds started at once as
separate processes, and a full disk in a build's worker processes. Each time the
previous site stays complete (or the new one is complete), and the next build cleans
up and succeeds."""
from __future__ import annotations

import errno
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from recaps.cli import main
from tests.serving import ROOT, copy_project, files_of

pytestmark = pytest.mark.slow

FIXTURE = ROOT / "tests" / "fixtures" / "valid" / "config.yaml"
RECAP = "content/articles/club-brugge-atalanta-first-leg.md"

# Run build.py, SIGKILLing itself right before the Nth call of a file operation (N from the
# environment; 0: never, and print how many calls the build made).
KILLER = r"""
import os, shutil, signal, sys
from pathlib import Path
import runpy
target, calls = int(os.environ["KILL_AT"]), [0]
def counted(function):
    def call(*args, **kwargs):
        calls[0] += 1
        if calls[0] == target:
            os.kill(os.getpid(), signal.SIGKILL)
        return function(*args, **kwargs)
    return call
for module, name in ((os, "replace"), (os, "rename"), (os, "unlink"), (os, "rmdir"), (os, "link"),
                     (shutil, "rmtree"), (shutil, "copy2"), (shutil, "copyfile")):
    setattr(module, name, counted(getattr(module, name)))
Path.write_bytes = counted(Path.write_bytes)
from recaps import write
write._exchange = counted(write._exchange)
sys.argv = ["build.py", *sys.argv[1:]]
try:
    runpy.run_path(sys.argv[0] if os.path.isabs(sys.argv[0]) else os.environ["BUILD_PY"], run_name="__main__")
finally:
    if target == 0:
        print("calls", calls[0], file=sys.stderr)
"""


@pytest.fixture
def project(tmp_path):
    """(config, site folder, its files) of a project built once, then edited."""
    config = copy_project(FIXTURE, tmp_path / "project")
    site = tmp_path / "site"
    assert main(["--config", str(config), "--out", str(site), "--quiet", "--jobs", "1"]) == 0
    path = config.parent / RECAP
    path.write_text(path.read_text(encoding="utf-8").replace("took a 2-1 lead", "took a narrow lead"),
                    encoding="utf-8")
    assert "narrow lead" in path.read_text(encoding="utf-8")
    return config, site, files_of(site)


def expected_after(config: Path, tmp_path: Path) -> dict[str, bytes]:
    out = tmp_path / "expected"
    assert main(["--config", str(config), "--out", str(out), "--quiet", "--no-cache"]) == 0
    return files_of(out)


def killed_build(config: Path, site: Path, kill_at: int, *options: str) -> subprocess.CompletedProcess:
    command = [sys.executable, "-c", KILLER, "--config", str(config), "--out", str(site), "--quiet", "--jobs", "1",
               *options]
    env = {**os.environ, "KILL_AT": str(kill_at), "BUILD_PY": str(ROOT / "build.py"),
           "PYTHONPATH": str(ROOT)}
    return subprocess.run(command, cwd=config.parent, env=env, capture_output=True, text=True, timeout=120)


def wait_for_orphans(folder: Path, timeout: float = 30) -> None:
    """Wait until no live process works on `folder`. Pagefind, run by a build, once outlived a
    SIGKILL of that build and wrote on into the staging folder the next build reused; it now
    dies with the build (speed's fix), and this wait covers the moment that takes."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        working = [entry.name for entry in Path("/proc").iterdir() if entry.name.isdigit() and works_on(entry, folder)]
        if not working:
            return
        time.sleep(0.05)
    raise AssertionError(f"processes still working on {folder}: {working}")


def works_on(process: Path, folder: Path) -> bool:
    """Whether a running (not dead, not a zombie) process names `folder` on its command line."""
    try:
        state = (process / "stat").read_text().rsplit(")", 1)[1].split()[0]
        return state not in ("Z", "X") and str(folder).encode() in (process / "cmdline").read_bytes()
    except OSError:
        return False


def differing(files: dict[str, bytes], other: dict[str, bytes]) -> list[str]:
    return sorted(name for name in files.keys() | other.keys() if files.get(name) != other.get(name))


def leftovers(site: Path) -> list[str]:
    return sorted(path.name for path in site.parent.iterdir()
                  if path.name.startswith(f".{site.name}.") and not path.name.endswith((".lock", ".staging")))


@pytest.mark.parametrize("options", [(), ("--no-cache",)], ids=["cached", "no-cache"])
def test_a_build_killed_before_any_of_its_file_operations_leaves_a_complete_site(project, tmp_path, options):
    config, site, before = project
    after = expected_after(config, tmp_path)
    assert after != before
    counting = killed_build(config, site, 0, *options)
    assert counting.returncode == 0, counting.stderr
    total = int(counting.stderr.split("calls ")[-1])
    assert files_of(site) == after
    # back to the previous site, then kill the same build at spread-out steps and at each of the last ones
    assert main(["--config", str(config), "--out", str(site), "--quiet"]) == 0
    moments = sorted({*range(1, total + 1, max(1, total // 8)), *range(max(1, total - 6), total + 1)})
    for moment in moments:
        result = killed_build(config, site, moment, *options)
        assert result.returncode in (-9, 0), result.stderr
        wait_for_orphans(site.parent)
        now = files_of(site)
        assert now in (before, after), (f"killed at file operation {moment} of {total}: unlike either site: "
                                        f"{differing(now, before)} / {differing(now, after)}")
    assert main(["--config", str(config), "--out", str(site), "--quiet"]) == 0
    assert files_of(site) == after and leftovers(site) == []


def test_two_builds_started_at_once_never_mix_their_sites(project, tmp_path):
    config, site, before = project
    after = expected_after(config, tmp_path)
    command = [sys.executable, str(ROOT / "build.py"), "--config", str(config), "--out", str(site), "--jobs", "1"]
    for _ in range(3):
        runs = [subprocess.Popen(command, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                for _ in range(2)]
        results = [(run.wait(timeout=120), run.stderr.read()) for run in runs]
        for code, err in results:
            assert "Traceback" not in err
            assert code == 0 or (code == 1 and "another build is running on this output folder" in err), err
        assert any(code == 0 for code, _ in results)
        assert files_of(site) == after
    assert leftovers(site) == []


def test_a_full_disk_in_the_workers_is_a_message_and_the_previous_site_stays(project, monkeypatch, capsys):
    config, site, before = project
    real_write = Path.write_bytes

    def write_bytes(path, data):
        if path.suffix == ".html" and "teams" in path.parts:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        return real_write(path, data)

    monkeypatch.setattr(Path, "write_bytes", write_bytes)  # inherited by the forked workers
    code = main(["--config", str(config), "--out", str(site), "--quiet", "--jobs", "2", "--no-cache"])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err
    assert os.strerror(errno.ENOSPC) in err and "the previous site was left as it was" in err
    assert files_of(site) == before
    monkeypatch.undo()
    assert main(["--config", str(config), "--out", str(site), "--quiet"]) == 0


def test_a_full_disk_while_copying_static_files_is_a_message(project, monkeypatch, capsys):
    config, site, before = project
    (config.parent / "static" / "extra.css").write_text("p { margin: 0 }\n")
    import shutil

    def copy(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(args[-1]))

    monkeypatch.setattr(shutil, "copy2", copy)
    monkeypatch.setattr(shutil, "copyfile", copy)
    monkeypatch.setattr(os, "link", copy)
    code = main(["--config", str(config), "--out", str(site), "--quiet", "--jobs", "1", "--no-cache"])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err and os.strerror(errno.ENOSPC) in err
    assert files_of(site) == before
