"""The preview's rebuilds: the one build (`pipeline.build`) after every change,
handing its outputs to `PreviewWriter`, which writes into the preview's folder
only the outputs whose key (`dependencies`) is not the one written there,
copies the static files that changed, and removes the files of outputs that
are gone. What the folder holds is what a clean build of the same files writes.

Between rebuilds the builder keeps what the build keeps by content
(`pipeline.BuildCache`: parsed sources, converted Markdown, the renderer) and
the key of every file it wrote. A rebuild looks at every source, except the
recaps a watcher vouches for (`sources.Saved`: below the folders it watched,
and not reported changed), which are taken as the last read found them.
"""
from __future__ import annotations

import gc
import hashlib
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..cache import Store
from ..config import Config
from ..errors import BuildFailed, Problems
from ..pipeline import BuildCache, BuildResult, Outputs, Timings, build, configure
from ..templates import TemplateFailed
from ..sources import Saved
from ..write import OutputFolder, static_files
from .indexer import indexed

FULL_COLLECTION_EVERY = 25  # rebuilds (see `PreviewBuilder._settle_heap`)


@dataclass
class Outcome:
    """What one rebuild did."""

    problems: Problems
    rendered: int = 0  # outputs rendered and written
    copied: int = 0  # static files copied
    removed: int = 0  # files of URLs that disappeared
    search_pages_changed: bool = False  # whether a page that search reads was written or removed
    milliseconds: float = 0.0
    config: Config | None = None
    timings: Timings = field(default_factory=Timings)  # the rebuild's steps

    @property
    def ok(self) -> bool:
        return not self.problems.errors

    @property
    def changed(self) -> bool:
        return bool(self.rendered or self.copied or self.removed)


class PreviewWriter:
    """Writes a build's outputs into the preview's folder, one file at a time, each atomically,
    holding `lock` while the folder changes: the outputs whose key is not that of the file there,
    the static files whose bytes changed; removes the files of outputs no longer planned."""

    def __init__(self, folder: OutputFolder, lock: threading.Lock):
        self.folder, self.lock = folder, lock
        self.written: dict[str, str] = {}  # URL -> key of the file there (a static file's: "static:" + digest)

    def check(self, config: Config, problems: Problems) -> None:
        """Nothing to refuse: the preview's folder is its own."""

    def write(self, outputs: Outputs, result: BuildResult) -> None:
        by_url = {page.url: page for page in outputs.pages}
        changed = outputs.dependencies.changed(self.written)
        if not self.written:  # nothing served yet: write each output as it is rendered, not all at the end
            self._write_as_rendered(outputs, changed, by_url, result)
        else:
            rendered = {url: outputs.renderer.render(by_url[url]) for url in changed}
            with self.lock:
                for url, content in rendered.items():
                    self._write(url, content, outputs.dependencies.keys[url], result)
        with self.lock:
            static = self.write_static(outputs.static, result)
            for url in [url for url in self.written if url not in by_url and url not in static]:
                self.folder.remove(url)
                del self.written[url]
                result.removed.append(url)
        result.unchanged = len(by_url) - len(changed)
        result.files = len(by_url) + len(static)

    def _write_as_rendered(self, outputs: Outputs, changed: list[str], by_url: dict, result: BuildResult) -> None:
        """Write each output as it is rendered; a template that fails leaves the folder as it was."""
        try:
            for url in changed:
                content = outputs.renderer.render(by_url[url])
                with self.lock:
                    self._write(url, content, outputs.dependencies.keys[url], result)
        except TemplateFailed:
            with self.lock:
                for url in result.written:
                    self.folder.remove(url)
                    del self.written[url]
            result.written.clear()
            raise

    def _write(self, url: str, content: bytes, key: str, result: BuildResult) -> None:
        self.folder.write(url, content)
        self.written[url] = key
        result.written.append(url)

    def write_static(self, files: list[tuple[str, Path]], result: BuildResult) -> set[str]:
        """Bring the static files up to date (the caller holds the lock); returns their URLs."""
        for url in [url for url, key in self.written.items() if key.startswith("static:")]:
            if url not in dict(files):
                self.folder.remove(url)
                del self.written[url]
                result.removed.append(url)
        for url, path in files:
            content = path.read_bytes()
            key = "static:" + hashlib.blake2b(content, digest_size=16).hexdigest()
            if self.written.get(url) != key:
                self.folder.write(url, content)
                self.written[url] = key
                result.copied += 1
        return {url for url, _ in files}


@dataclass
class PreviewBuilder:
    """Keeps a preview folder equal to a clean build of the project."""

    config_file: Path
    folder: OutputFolder
    base_url: str | None = None
    drafts: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)  # held while the folder changes
    cache: BuildCache = field(default_factory=lambda: BuildCache(Store(None)))
    _unread: list = field(default_factory=list)  # what the watcher said since the last read (`Saved`)
    _rebuilds: int = 0

    def __post_init__(self):
        self.writer = PreviewWriter(self.folder, self.lock)

    @property
    def written(self) -> dict[str, str]:
        """URL -> key of each file in the folder."""
        return self.writer.written

    def build(self, saved: Saved | None = None) -> Outcome:
        """Bring the folder up to date; `saved`: what a watcher saw change since the last build
        (None: look at every source)."""
        started = time.perf_counter()
        self._unread.append(saved)  # a build that stops before reading leaves it to the next
        outcome = Outcome(Problems())
        problems = outcome.problems
        config = outcome.config = configure(self.config_file, problems, base_url=self.base_url)
        if config is not None:
            told, self._unread = Saved.joined(self._unread), []
            try:
                result = build(config, problems, self.writer, drafts=self.drafts, cache=self.cache, saved=told)
            except BuildFailed:  # the error page is styled with the site's own stylesheet
                result = BuildResult(problems, outcome.timings)
                with self.lock:
                    self.writer.write_static(static_files(config.root / config.static_dir), result)
            outcome.timings = result.timings
            outcome.rendered, outcome.copied, outcome.removed = len(result.written), result.copied, len(result.removed)
            outcome.search_pages_changed = any(map(indexed, result.written + result.removed))
        self._rebuilds += 1
        outcome.timings.run("heap", self._settle_heap)
        outcome.milliseconds = (time.perf_counter() - started) * 1000
        return outcome

    def _settle_heap(self) -> None:
        """Leave what the preview keeps between rebuilds (the parsed sources, the renderer) out of
        the garbage collector's full collections (`gc.freeze`), which would scan it again on
        every rebuild; a cycle among frozen objects that becomes garbage is collected only when
        they are given back, every `FULL_COLLECTION_EVERY` rebuilds."""
        if self._rebuilds % FULL_COLLECTION_EVERY == 0:
            gc.unfreeze()
            gc.collect()
        gc.freeze()
