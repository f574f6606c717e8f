"""What a running preview must survive: a server killed outright before it (its
folder is cleaned on the next start), and config.yaml naming another content
folder while it runs."""
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from recaps.serve.command import PREVIEW_PREFIX, remove_abandoned_previews
from tests.serving import ROOT, Served, copy_project
from tests.sites.test_serve import request

pytestmark = pytest.mark.slow

FIXTURE_CONFIG = ROOT / "tests" / "fixtures" / "valid" / "config.yaml"
FINAL = "content/articles/final.md"


def dead_pid() -> int:
    """The id of a process that has ended."""
    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def test_folders_of_servers_no_longer_running_are_removed_and_others_kept(tmp_path):
    abandoned = tmp_path / f"{PREVIEW_PREFIX}{dead_pid()}-x1y2"
    running = tmp_path / f"{PREVIEW_PREFIX}{os.getpid()}-a3b4"
    unnamed = tmp_path / f"{PREVIEW_PREFIX}q7w8"  # not ours to judge: no process id in the name
    for folder in (abandoned, running, unnamed):
        (folder / "articles").mkdir(parents=True)
        (folder / "articles" / "index.html").write_text("<p>old preview</p>", encoding="utf-8")
    assert remove_abandoned_previews(tmp_path) == [abandoned]
    assert not abandoned.exists() and running.is_dir() and unnamed.is_dir()


def test_a_server_killed_outright_leaves_nothing_after_the_next_start(tmp_path):
    config = copy_project(FIXTURE_CONFIG, tmp_path / "project")
    before = set(Path(tempfile.gettempdir()).glob(PREVIEW_PREFIX + "*"))
    killed = Served(config)
    left = set(Path(tempfile.gettempdir()).glob(f"{PREVIEW_PREFIX}{killed.process.pid}-*"))
    killed.process.send_signal(signal.SIGKILL)
    killed.process.wait(5)
    assert left and all(folder.is_dir() for folder in left)  # SIGKILL: no chance to clean up
    again = Served(config)
    try:
        assert not any(folder.exists() for folder in left)
        ours = set(Path(tempfile.gettempdir()).glob(f"{PREVIEW_PREFIX}{again.process.pid}-*"))
        assert len(ours) == 1 and ours.isdisjoint(before)
    finally:
        again.stop()
    assert not any(folder.exists() for folder in ours)


def shown_within(server: Served, path: str, text: bytes, seconds: float) -> bool:
    """Whether the served page at `path` shows `text` within `seconds`."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in request(server.url, path)[2]:
            return True
        time.sleep(0.1)
    return False


def test_config_naming_another_content_folder_is_followed_and_watched(tmp_path):
    config = copy_project(FIXTURE_CONFIG, tmp_path / "project")
    project = config.parent
    shutil.copytree(project / "content", project / "other")
    other_final = project / "other" / "articles" / "final.md"
    other_final.write_text(other_final.read_text(encoding="utf-8").replace(
        "\n---\n", "\n---\nFrom the other folder.\n", 1), encoding="utf-8")
    server = Served(config)
    try:
        config.write_text(config.read_text(encoding="utf-8") + "content_dir: other\n", encoding="utf-8")
        assert shown_within(server, "/recaps/articles/final/", b"From the other folder.", 30)
        other_final.write_text(other_final.read_text(encoding="utf-8").replace(
            "From the other folder.", "Saved in the other folder."), encoding="utf-8")
        assert shown_within(server, "/recaps/articles/final/", b"Saved in the other folder.", 30)
        (project / FINAL).write_text("no longer a source\n", encoding="utf-8")  # the old folder is not watched
        time.sleep(1.5)
    finally:
        server.stop()
    while not server.lines.empty():
        server.output.append(server.lines.get())
    assert not any("content/articles/final.md changed" in line for line in server.output), server.output
