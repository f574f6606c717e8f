"""Watching the project's sources with `watchfiles` (inotify and its kin).

Saves that arrive together (an editor's write-rename-chmod, a checkout of ten
files) come out as one batch. Only the sources are watched: the content,
templates and static folders, and the config file (through its folder, not
recursively, so an editor that saves by renaming does not end the watch);
never any output.
"""
from __future__ import annotations

import queue
import threading
from pathlib import Path

import watchfiles

from ..config import Config

QUIET_MS = 50  # a batch ends after this long without another change
LONGEST_BATCH_MS = 800  # ... or after this long in all
# What watchfiles leaves out by default, but for what the build reads: a rebuild takes the watcher's
# word for the recaps it did not report (`sources.Saved`), so none may be left out (a recap in
# `node_modules/` or named `flycheck_x.md`); a reader skips hidden folders anyway.
SKIPPED_FOLDERS = tuple(name for name in watchfiles.DefaultFilter.ignore_dirs if name.startswith("."))
SKIPPED_FILES = tuple(pattern for pattern in watchfiles.DefaultFilter.ignore_entity_patterns if pattern != "^flycheck_")


def watched_folders(config: Config) -> list[Path]:
    """The content, templates and static folders the config names that exist, resolved and sorted."""
    folders = (config.root / name for name in (config.content_dir, config.templates_dir, config.static_dir))
    return sorted({folder.resolve() for folder in folders if folder.is_dir()})


class Watcher:
    """Puts each batch of changed paths on `changes`, from threads of its own."""

    def __init__(self, config: Config, config_file: Path, changes: queue.Queue | None = None):
        self.folders = watched_folders(config)
        config_file = config_file.resolve()
        default = watchfiles.DefaultFilter(ignore_dirs=SKIPPED_FOLDERS, ignore_entity_patterns=SKIPPED_FILES)
        self.streams = [
            (self.folders, True, default),
            ([config_file.parent], False, lambda change, path: Path(path).name == config_file.name),
        ]
        self.changes: queue.Queue[list[Path]] = queue.Queue() if changes is None else changes
        self.stop_event = threading.Event()
        self._ready = [threading.Event() for _ in self.streams]

    def start(self, timeout: float = 5.0) -> None:
        """Start watching; returns once the file system is being watched."""
        for stream, ready in zip(self.streams, self._ready):
            if stream[0]:
                threading.Thread(target=self._run, args=(*stream, ready), daemon=True).start()
            else:
                ready.set()
        for ready in self._ready:
            ready.wait(timeout)

    def stop(self) -> None:
        self.stop_event.set()

    def _run(self, paths: list[Path], recursive: bool, watch_filter, ready: threading.Event) -> None:
        batches = watchfiles.watch(*paths, watch_filter=watch_filter, recursive=recursive, debounce=LONGEST_BATCH_MS,
                                   step=QUIET_MS, rust_timeout=100, yield_on_timeout=True,
                                   stop_event=self.stop_event, raise_interrupt=False)
        for batch in batches:  # an empty batch: nothing changed for rust_timeout ms
            ready.set()
            if batch and not self.stop_event.is_set():
                self.changes.put(sorted({Path(path) for _, path in batch}))
