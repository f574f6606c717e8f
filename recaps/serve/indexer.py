"""The preview's search bundle: made again (`recaps.search`) in a thread of its
own after a rebuild that changed a page search reads, so a reload never waits
for it; skipped when no such page changed. It starts once no rebuild asked for
SETTLE_SECONDS, so Pagefind does not take the cores from the browser reloading
the page just rebuilt, and a run of saves costs one run. Only the shards
holding changed pages are run through Pagefind again; the others are linked
from the bundle being served.

Saves that come while Pagefind runs are not lost: the bundle is made once
more after it, from the folder as it is then. The new bundle is made beside
the one being served and swapped in whole, so searches keep using the earlier
one until then; the pages themselves are never touched.
"""
from __future__ import annotations

import threading
import time
from pathlib import Path, PurePosixPath
from typing import Callable

from .. import search, urls
from ..errors import BuildFailed, Problems


def indexed(url: str) -> bool:
    """Whether the output at `url` is one that search reads (a recap, team or tie page)."""
    path = PurePosixPath(urls.output_file(url))  # `*` is one path segment, as in Pagefind's globs
    return any(len(path.parts) == pattern.count("/") + 1 and path.match(pattern) for pattern in search.PAGES)


SETTLE_SECONDS = 1.0  # Pagefind starts this long after the last request: the browser's reload comes first


class SearchIndexer:
    """Makes the search bundle of `folder` again whenever `request` says its pages changed."""

    def __init__(self, folder: Path, report: Callable[[str, Problems], None]):
        self.folder = folder
        self.report = report  # report(line, problems) after each run
        self._wanted = threading.Condition()
        self._language: str | None = None  # the language of the latest request; None: nothing wanted
        self._asked = 0  # requests so far
        self._stopped = False
        self.runs = 0  # bundles made so far
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def request(self, language: str) -> None:
        with self._wanted:
            self._language = language
            self._asked += 1
            self._wanted.notify()

    def stop(self, timeout: float = 1.0) -> None:
        """Stop after the bundle being made, if any, waiting for it up to `timeout` seconds."""
        with self._wanted:
            self._stopped = True
            self._wanted.notify()
        self._thread.join(timeout)

    def _run(self) -> None:
        while True:
            with self._wanted:
                while self._language is None and not self._stopped:
                    self._wanted.wait()
                while not self._stopped:  # the reload after a rebuild gets the cores; saves in a row, one run
                    asked = self._asked
                    self._wanted.wait(SETTLE_SECONDS)
                    if self._asked == asked:
                        break
                if self._stopped:
                    return
                language, self._language = self._language, None
            problems = Problems()
            started = time.perf_counter()
            indexed = search.Indexed(0, 0)
            try:
                indexed = search.index_site(self.folder, language, problems, previous=self.folder)
            except BuildFailed:
                pass
            self.runs += 1
            milliseconds = (time.perf_counter() - started) * 1000
            shards = f"{indexed.shards} shard" + ("" if indexed.shards == 1 else "s")
            self.report(f"search index made again, {milliseconds:.0f} ms (Pagefind ran for {indexed.made} of {shards})",
                        problems)
