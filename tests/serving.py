"""Copies of a project to build and serve, and running `python build.py serve` on one:
for the serve, speed and write tests."""
from __future__ import annotations

import os
import queue
import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
URL = re.compile(r"serving the preview at (http://\S+)")


def copy_project(source_config: Path, folder: Path, base_url: str = "https://example.org/recaps/") -> Path:
    """A project of its own (content, templates, static, config) to edit freely; returns its config file."""
    config_root = source_config.parent
    shutil.copytree(config_root / "content", folder / "content")
    shutil.copytree(ROOT / "templates", folder / "templates")
    shutil.copytree(ROOT / "static", folder / "static")
    (folder / "config.yaml").write_text(f"title: Served Recaps\nbase_url: {base_url}\n", encoding="utf-8")
    return folder / "config.yaml"


def files_of(folder: Path) -> dict[str, bytes]:
    """Every file below `folder`, by its POSIX path relative to it."""
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file()}


class Served:
    """A running `build.py serve`; its output lines are collected as they come."""

    def __init__(self, config: Path, *extra: str, startup_timeout: float = 60):
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "build.py"), "serve", "--config", str(config), "--port", "0", *extra],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=config.parent,
            env={**os.environ, "PYTHONUNBUFFERED": "1"})
        self.lines: queue.Queue[str] = queue.Queue()
        self.output: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        self.url = self.wait_for(URL, timeout=startup_timeout).group(1)

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line)

    def wait_for(self, pattern: re.Pattern | str, timeout: float = 20) -> re.Match:
        """The first line from now on that matches `pattern`."""
        pattern = re.compile(pattern) if isinstance(pattern, str) else pattern
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.05)
            except queue.Empty:
                if self.process.poll() is not None and self.lines.empty():
                    break
                continue
            self.output.append(line)
            if found := pattern.search(line):
                return found
        raise AssertionError(f"no line matching {pattern.pattern!r}; output so far:\n{''.join(self.output)}")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
