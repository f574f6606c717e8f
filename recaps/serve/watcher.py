"""Watching the project's sources with `watchfiles` (inotify and its kin).

Saves that arrive together (an editor's write-rename-chmod, a checkout of ten
files) come out as one batch. Only the sources are watched: content, templates,
static files and the config file; never any output.
"""
from __future__ import annotations

import threading
from pathlib import Path

import watchfiles

from ..config import Config

QUIET_MS = 50  # a batch ends after this long without another change
LONGEST_BATCH_MS = 800  # ... or after this long in all


def watched_paths(config: Config, config_file: Path) -> list[Path]:
    """The sources a preview depends on: the folders that exist, and the config file's folder's config."""
    folders = [config.root / config.content_dir, config.root / config.templates_dir, config.root / config.static_dir]
    return sorted({folder.resolve() for folder in folders if folder.is_dir()}) + [config_file.resolve()]


class Watcher:
    """Calls `on_change(paths)` in its own thread, once per batch of changes."""

    def __init__(self, paths: list[Path], on_change):
        self.paths = paths
        self.on_change = on_change
        self.stop_event = threading.Event()
        self.ready = threading.Event()  # set once the file system is being watched
        self.thread = threading.Thread(target=self._run, name="preview-watcher", daemon=True)

    def start(self, timeout: float = 5.0) -> None:
        self.thread.start()
        self.ready.wait(timeout)

    def stop(self) -> None:
        self.stop_event.set()

    def _run(self) -> None:
        batches = watchfiles.watch(*self.paths, debounce=LONGEST_BATCH_MS, step=QUIET_MS, rust_timeout=100,
                                   yield_on_timeout=True, stop_event=self.stop_event, raise_interrupt=False)
        for changes in batches:  # an empty batch: nothing changed for rust_timeout ms
            self.ready.set()
            if changes and not self.stop_event.is_set():
                self.on_change(sorted({Path(path) for _, path in changes}))
