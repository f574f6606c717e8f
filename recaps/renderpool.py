"""Rendering the page plan into a staging folder: in a plain loop (`jobs=1`,
easy to debug) or in this process and forked workers, each writing its own files.

Every page's key (from the dependency map) is worked out first, in this
process. Workers are forked then, so they inherit the pages, their keys, the
renderer and
the converted Markdown instead of receiving them, and hash nothing: what
travels between processes is a range of page numbers one way and, per page,
its URL and what was written (key, digest, file identity) the other.
A page whose key and file are those of the previous build is
hard-linked from the previous site instead of being rendered again; when
fewer than IN_PROCESS_BELOW pages are left to render, no worker is forked.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from .pages import Page
from .bodies import text_key
from .render import Renderer
from .templates import TemplateFailed
from .write import UnsafeOutput, digest_of, fresh_target, target_file

CHUNK = 24  # pages per task: small enough to keep both cores busy to the end
IN_PROCESS_BELOW = 64  # pages to render under which no worker is forked (a rebuild after one edit)


@dataclass(frozen=True)
class Written:
    """A file a build wrote, as the next build checks it before leaving it alone."""

    key: str  # the output's key (`dependencies`)
    digest: str
    size: int
    mtime_ns: int
    inode: int


@dataclass
class Job:
    pages: list[Page]
    renderer: Renderer
    root: Path  # the staging folder
    previous: dict[str, Written] = field(default_factory=dict)  # URL -> file of the previous build
    previous_root: Path | None = None  # the previous build's folder
    bodies: list[tuple[bytes, str]] = field(default_factory=list)  # Markdown still to convert
    keys: list[str] = field(default_factory=list)  # each page's key (`dependencies`), in page order


class Failed(Exception):
    """A page that could not be rendered or written; carries a TemplateFailed's fields or a message."""

    def __init__(self, template: tuple[str, int, str] | None = None, message: str = ""):
        super().__init__(template, message)
        self.template, self.message = template, message


_job: Job | None = None  # the job a forked worker inherits
_folders: set[Path] = set()  # folders this process made


def _convert(bounds: tuple[int, int]) -> list[tuple[bytes, bytes]]:
    markdown = _job.renderer.markdown
    return [(key, markdown.pack(text)) for key, text in _job.bodies[bounds[0]:bounds[1]]]


def _render(bounds: tuple[int, int]) -> list[tuple[str, Written, bool]]:
    """Render and write pages [start, end): (URL, file written, whether linked from the previous site)."""
    job, done = _job, []
    try:
        for number in range(*bounds):
            done.append(_render_page(job, job.pages[number], job.keys[number]))
    except TemplateFailed as exc:
        raise Failed((exc.path, exc.line, exc.message)) from None
    except UnsafeOutput as exc:
        raise Failed(None, str(exc)) from None
    return done


def _render_page(job: Job, page: Page, key: str) -> tuple[str, Written, bool]:
    old = job.previous.get(page.url)
    if old is not None and old.key == key:
        if _is_written(target_file(str(job.root), page.url), old):
            return page.url, old, True  # staged already: unchanged for two builds or more
        target = fresh_target(job.root, page.url, _folders)
        if _link(job, page.url, old, target):
            return page.url, old, True
    else:
        target = fresh_target(job.root, page.url, _folders)
    content = job.renderer.render(page)
    target.write_bytes(content)
    status = os.stat(target)
    return page.url, Written(key, digest_of(content), status.st_size, status.st_mtime_ns, status.st_ino), False


def _is_written(path: str, old: Written) -> bool:
    """Whether `path` is the very file a build wrote (same file, size and time), unchanged since."""
    try:
        status = os.stat(path)
    except OSError:
        return False
    return (status.st_ino, status.st_size, status.st_mtime_ns) == (old.inode, old.size, old.mtime_ns)


def _link(job: Job, url: str, old: Written, target: Path) -> bool:
    """Link the previous build's file into the staging folder if it is still the file that build wrote."""
    source = target_file(str(job.previous_root), url)
    if not _is_written(source, old):
        return False
    try:
        os.link(source, target)
        return True
    except OSError:
        return False


def _chunks(count: int, size: int) -> list[tuple[int, int]]:
    return [(start, min(start + size, count)) for start in range(0, count, size)]


def can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods()


def _pooled(jobs: int, function, tasks: list) -> Iterator:
    """`function` over `tasks`, results as they finish: in this process for one job, else in this
    process and `jobs - 1` forked workers. This process takes its share instead of waiting: one
    process fewer holding (and, by reference counts, copying) what the workers inherit."""
    if jobs <= 1 or len(tasks) <= 1 or not can_fork():
        for task in tasks:
            yield function(task)
        return
    frozen = gc.get_freeze_count() > 0  # by the build: it unfreezes
    gc.freeze()  # what the workers inherit stays shared: their collections never touch (and so copy) it
    try:
        workers = min(jobs, len(tasks)) - 1
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            todo, sent = deque(tasks), deque()
            while todo or sent:
                while todo and len(sent) < 3 * workers:  # a few tasks queued, so no worker waits on us
                    sent.append(pool.apply_async(function, (todo.popleft(),)))
                while sent and sent[0].ready():
                    yield sent.popleft().get()
                if todo:  # from the other end: what the workers touch, this process mostly does not
                    yield function(todo.pop())
                elif sent:
                    yield sent.popleft().get()
    finally:
        if not frozen:
            gc.unfreeze()


def convert_bodies(renderer: Renderer, texts, jobs: int) -> int:
    """Convert every Markdown text not yet in the renderer's cache, in parallel; returns how many."""
    global _job
    converted = renderer.markdown.converted
    todo = {}
    for text in texts:
        key = text_key(text)
        if key not in converted:
            todo.setdefault(key, text)
    _job = Job([], renderer, Path(), bodies=list(todo.items()))
    try:
        for pairs in _pooled(jobs, _convert, _chunks(len(_job.bodies), 16)):
            converted.update(pairs)
    finally:
        _job = None
    return len(todo)


def render_into(job: Job, jobs: int, progress: Callable[[int], None] | None = None
                ) -> Iterator[tuple[str, Written, bool]]:
    """Render every page of `job` into its folder; yields (URL, file written, linked) as pages are done."""
    global _job
    _job = job
    _folders.clear()
    job.renderer.prepare(job.pages)
    changed = sum(1 for page, key in zip(job.pages, job.keys) if getattr(job.previous.get(page.url), "key", None) != key)
    if changed < IN_PROCESS_BELOW:  # a few pages to render: forking would cost more than it saves
        jobs = 1
    try:
        for done in _pooled(jobs, _render, _chunks(len(job.pages), CHUNK)):
            if progress is not None:
                progress(len(done))
            yield from done
    finally:
        _job = None
