"""The build, the one every command runs, as a flat list of named steps:
load config -> read sources -> parse -> assemble -> plan -> key each output by
what it reads (`dependencies`) -> hand the outputs to a writer, which renders
those whose key changed.

Two writers: `SiteWriter` stages a whole site beside the output folder and
swaps it in (`build`, `deploy`); the preview's writes single files of its own
folder (`serve.builder`). `check` renders without a writer. Reading and writing
are the only I/O; everything between is pure. Every problem is collected; any
error stops the build before anything is written.
"""
from __future__ import annotations

import gc
import hashlib
import os
import time
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Protocol

from . import cache, renderpool, search, urls
from .assemble import LastAssembly
from .cache import Store
from .config import Config, check_base_url, load_config
from .dependencies import DependencyMap, Digested
from .errors import BuildFailed, Problems
from .i18n import check_translations
from .model import Site
from .pages import Page, plan
from .bodies import text_key
from .render import Renderer
from .templates import TemplateFailed, TemplateSnapshot
from .sources import ParseCache, Saved, read_articles, read_registry_keyed, shown_path
from .views import SiteIndex
from .write import OutputBusy, StagedSite, UnsafeOutput, copy_static, mirror_links, static_files


@dataclass
class Timings:
    """How long each named step took; steps may run inside others (search runs inside write)."""

    steps: list[tuple[str, float]] = field(default_factory=list)
    started: float = field(default_factory=time.perf_counter)
    finished: float | None = None

    def run(self, name: str, function, *args, **kwargs):
        started = time.perf_counter()
        result = function(*args, **kwargs)
        self.steps.append((name, time.perf_counter() - started))
        return result

    @property
    def total(self) -> float:
        """Seconds from the start to `finish()` (or to now): nested steps are not counted twice."""
        return (self.finished or time.perf_counter()) - self.started

    def finish(self) -> None:
        self.finished = time.perf_counter()

    def merged(self) -> list[tuple[str, float]]:
        """The steps with the times of repeated ones added up, in first-run order."""
        totals: dict[str, float] = {}
        for name, seconds in self.steps:
            totals[name] = totals.get(name, 0.0) + seconds
        return list(totals.items())


SITE_MARKS = (".nojekyll", "index.html")  # a folder holding either was built before


def check_output_dir(config: Config, out_dir: Path, problems: Problems) -> None:
    """Refuse an output folder whose replacement would destroy the project."""
    out = out_dir.resolve()
    root = config.root.resolve()
    protected = [root / config.content_dir, root / config.templates_dir, root / config.static_dir]
    if out == root or root.is_relative_to(out) or any(out.is_relative_to(p.resolve()) for p in protected):
        problems.error(shown_path(out_dir), 0, "the output folder would replace the project or its sources: "
                                               "choose another --out or output_dir")
    elif out.exists() and not out.is_dir():
        problems.error(shown_path(out_dir), 0, "the output folder is a file: choose another --out or output_dir")
    elif out.is_dir() and any(out.iterdir()) and not any((out / mark).exists() for mark in SITE_MARKS):
        problems.error(shown_path(out_dir), 0, "the output folder holds files that are not a built site, and "
                                               "a build replaces the whole folder: empty it or choose another")


def check_templates_dir(config: Config, problems: Problems) -> None:
    """A templates folder that is not there is named as such, not as its first missing template."""
    if not (config.root / config.templates_dir).is_dir():
        problems.error(config.path, 0, f"templates_dir {config.templates_dir.as_posix()!r} does not exist (paths "
                                       "are relative to config.yaml's folder): set templates_dir to your templates "
                                       "folder")


@dataclass
class BuildResult:
    problems: Problems
    timings: Timings
    files: int = 0
    pages: int = 0
    out_dir: Path | None = None
    rendered: dict[str, bytes] = field(default_factory=dict)  # URL -> bytes, static files aside (no writer)
    config: Config | None = None  # the config as built (with --base-url applied)
    unchanged: int = 0  # outputs left as the previous build wrote them
    written: list[str] = field(default_factory=list)  # the URLs of the outputs rendered and written
    copied: int = 0  # static files copied
    removed: list[str] = field(default_factory=list)  # the URLs of the outputs whose files were removed


def configure(config_file: Path, problems: Problems, *, base_url: str | None = None) -> Config | None:
    config = load_config(config_file, problems, display_path=shown_path(config_file))
    if config is not None and base_url is not None:
        why = check_base_url(base_url)
        if why:
            problems.error("--base-url", 0, why)
            return None
        config = replace(config, base_url=base_url)
    return config


def assemble_site(config: Config, problems: Problems, timings: Timings, *, drafts: bool = False,
                  cache: ParseCache | None = None, saved: Saved | None = None,
                  assembly: LastAssembly | None = None) -> Site:
    """Read and check everything; raises BuildFailed when there are errors. `saved`: what a
    watcher saw change since the last read with `cache` (see `sources.read_articles`);
    `assembly`: the last assembly (see `assemble.LastAssembly`)."""
    registry, registry_digest = timings.run("registries", read_registry_keyed, config, problems, cache)
    specs = timings.run("articles", read_articles, config, problems, cache, saved)
    site = timings.run("assemble", (assembly or LastAssembly()).assemble, specs, registry, registry_digest, problems,
                       include_drafts=drafts)
    if problems.errors:
        raise BuildFailed(problems)
    return site


@dataclass
class Outputs:
    """What a build hands its writer: every planned output with its key, the renderer that
    renders those whose key changed, and the static files."""

    pages: list[Page]
    dependencies: DependencyMap
    renderer: Renderer
    static: list[tuple[str, Path]]  # (URL, file) of each static file
    jobs: int = 1
    progress: Callable[[int, int], None] | None = None


class BuildCache:
    """What a build keeps for the next, all by content: parsed sources, converted Markdown, the
    renderer (its templates compiled), the last assembly and the inputs' digests, in memory between the builds of one process (the
    preview) and in `store` between processes (`Store(None)`: in memory alone)."""

    def __init__(self, store: Store):
        self.store = store
        self.parsed: ParseCache | None = None
        self.converted: dict[bytes, bytes] = {}
        self._markdown_key: str | None = None
        self._renderer: Renderer | None = None
        self.digested: Digested | None = None  # what the last build's `dependencies.Inputs` worked out
        self.assembly = LastAssembly()

    def start(self) -> ParseCache:
        """The parse cache, loaded once, started for a new read."""
        if self.parsed is None:
            key, entries = cache.key_of("parsed"), {}
            for bucket in range(PARSED_BUCKETS):
                entries.update(self.store.load(f"parsed-{bucket:02d}", key) or {})
            self.parsed = ParseCache(entries, self.store.load("parsed-identities", key))
        self.parsed.start()
        return self.parsed

    def renderer(self, config: Config) -> Renderer:
        """The renderer of this config and templates: the last one while they are the same."""
        templates = TemplateSnapshot(config.root / config.templates_dir)
        renderer = self._renderer
        if renderer is None or renderer.config != config or renderer.templates.digest != templates.digest:
            markdown_key = cache.key_of("markdown", config.allow_html, config.base_path)
            if markdown_key != self._markdown_key:
                self.converted, self._markdown_key = self.store.load("markdown", markdown_key) or {}, markdown_key
            renderer = self._renderer = Renderer(
                config, templates, converted=self.converted,
                compiled=self.store.folder / "templates" if self.store.enabled else None)
        return renderer

    def save(self, bodies: list, new: int) -> None:
        """Keep in the store what the latest build used (and only that)."""
        if not self.store.enabled:
            return
        parsed, key = self.parsed, cache.key_of("parsed")
        if parsed.changed:  # each bucket whose entries are not those it was loaded with
            used: list[dict] = [{} for _ in range(PARSED_BUCKETS)]
            loaded: list[set] = [set() for _ in range(PARSED_BUCKETS)]
            for digest, entry in parsed.used.items():
                used[digest[0] % PARSED_BUCKETS][digest] = entry
            for digest in parsed.previous:
                loaded[digest[0] % PARSED_BUCKETS].add(digest)
            for bucket in range(PARSED_BUCKETS):
                if used[bucket].keys() != loaded[bucket]:
                    self.store.save(f"parsed-{bucket:02d}", key, used[bucket])
        if parsed.identities != parsed.known_identities:
            self.store.save("parsed-identities", key, parsed.identities)
        keys = {text_key(body) for body in bodies}
        if new or len(keys) != len(self.converted):
            self.store.save("markdown", self._markdown_key, {key: self.converted[key] for key in keys})


PARSED_BUCKETS = 16  # files the parse cache is kept in: an edit rewrites one (at 10,000 recaps 22 MB took 0.3 s)


class Writer(Protocol):
    """Where a build's outputs go: `SiteWriter`, or the preview's `serve.builder.PreviewWriter`."""

    def check(self, config: Config, problems: Problems) -> None:
        """Report what makes writing impossible, before anything is read."""

    def write(self, outputs: Outputs, result: BuildResult) -> None:
        """Render the outputs whose key changed and write them; count what was done in `result`."""


def build(config: Config, problems: Problems, writer: Writer | None = None, *, drafts: bool = False, jobs: int = 1,
          cache: BuildCache | None = None, saved: Saved | None = None,
          progress: Callable[[int, int], None] | None = None) -> BuildResult:
    """The build: read, assemble, plan, key each output by what it reads, and hand the outputs to
    `writer` (`SiteWriter`: a staged folder swapped in; the preview's folder), which renders
    those whose key changed; with no writer, render every output into `BuildResult.rendered`.
    Raises BuildFailed, with every problem in `problems`.

    `jobs` worker processes render (1: a plain loop in this process); `cache` keeps what the
    next build can use (see `BuildCache`; None: nothing); `saved`: what a watcher saw change
    since the last build with `cache`. Output is the same bytes either way. `progress(done,
    total)` is called as outputs are written."""
    timings = Timings()
    cache = cache or BuildCache(Store(None))
    check_templates_dir(config, problems)
    if writer is not None:
        writer.check(config, problems)
    heap = ExitStack()
    with collection_paused():
        parsed = timings.run("cache", cache.start)
        site = assemble_site(config, problems, timings, drafts=drafts, cache=parsed, saved=saved,
                             assembly=cache.assembly)
        pages = plan_site(site, config, problems, timings)
        renderer = timings.run("templates", cache.renderer, config)
        # what the steps above made lives to the end: frozen before collection resumes, the first
        # collection then need not scan it (about 0.1 s of a rebuild at 10,000 recaps)
        heap.enter_context(frozen_heap())
    with heap:
        result = BuildResult(problems, timings, 0, sum(p.url.endswith(HTML_ENDINGS) for p in pages), None, {}, config)
        bodies = [article.body for article in site.articles]
        try:
            new = timings.run("markdown", renderpool.convert_bodies, renderer, bodies, jobs)
            if writer is None:
                result.rendered = timings.run("render", lambda: {page.url: renderer.render(page) for page in pages})
            else:
                inputs = renderer.inputs(cache.digested)
                dependencies = timings.run("dependencies", DependencyMap.of, pages, inputs)
                cache.digested = inputs.digested
                outputs = Outputs(pages, dependencies, renderer, static_files(config.root / config.static_dir),
                                  jobs, progress)
                timings.run("write", writer.write, outputs, result)
        except TemplateFailed as exc:
            raise template_failed(exc, problems) from None
        except renderpool.Failed as exc:
            if exc.template:
                raise template_failed(TemplateFailed(*exc.template), problems) from None
            problems.error(shown_path(result.out_dir or config.root), 0, exc.message)
            raise BuildFailed(problems) from None
        except (UnsafeOutput, OutputBusy) as exc:
            problems.error(shown_path(result.out_dir or config.root), 0, str(exc))
            raise BuildFailed(problems) from None
        except OSError as exc:
            where = shown_path(Path(exc.filename)) if exc.filename else shown_path(result.out_dir or config.root)
            problems.error(where, 0, f"cannot write the site: {exc.strerror or exc}")
            raise BuildFailed(problems) from None
        timings.run("cache", cache.save, bodies, new)
    timings.finish()
    return result


@contextmanager
def collection_paused():
    """No cyclic garbage collection inside: loading the caches, assembling and planning make
    hundreds of thousands of objects that live to the end of the build, and full collections
    scanning them again and again took 3 of the 7 CPU seconds of those steps at 10,000 recaps.
    They make almost no cycles; rendering, which does (Jinja), runs with collection on."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@contextmanager
def frozen_heap():
    """Everything alive on entering is left out of garbage collections inside (`gc.freeze`): each
    full collection would scan the whole model and plan again (most of the 0.8 s a 3 MB
    manifest took to load at 10,000 recaps). Given back to the collector on leaving, unless it
    was frozen already by whoever called."""
    frozen = gc.get_freeze_count() > 0
    gc.freeze()
    try:
        yield
    finally:
        if not frozen:
            gc.unfreeze()


MEMORY_BUDGET_MIB = 400  # what a build may hold with its Pagefind runs beside it (issue 10, at 10,000 recaps)
SHARD_MIB = 110  # one Pagefind run over a full shard of about 512 pages, measured at 10,000 recaps


def search_jobs(jobs: int, resident_mib: float | None) -> int:
    """How many Pagefind runs may go at once: up to `jobs`, while they fit in the memory budget
    beside this process (`resident_mib`; None when it cannot be known: then `jobs`), and at least one.

    >>> search_jobs(2, 82), search_jobs(2, 243), search_jobs(1, 82), search_jobs(2, None)
    (2, 1, 1, 2)
    """
    if resident_mib is None:
        return jobs
    return max(1, min(jobs, int((MEMORY_BUDGET_MIB - resident_mib) // SHARD_MIB)))


def _resident_mib() -> float | None:
    """This process's resident memory now, where /proc tells it."""
    try:
        with open("/proc/self/statm") as file:
            return int(file.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except (OSError, ValueError, IndexError):
        return None


def _search_index(staging: Path, previous_site: Path | None, config: Config, unchanged: bool,
                  problems: Problems, jobs: int, written: dict[str, renderpool.Written]) -> None:
    """The search bundle, made in the staging folder so it is swapped in with the pages it indexes:
    linked from the previous site when no page changed, else made again, each shard whose pages did
    not change linked from the previous site's bundle; up to `jobs` Pagefind runs at once, as many
    as fit in the memory budget beside this process."""
    bundle = previous_site / search.BUNDLE if previous_site is not None else None
    if unchanged and bundle is not None and bundle.is_dir() and not bundle.is_symlink():
        mirror_links(bundle, staging / search.BUNDLE)
    else:
        files = {urls.output_file(url): file.digest for url, file in written.items()}  # the pages: all indexed
        search.index_site(staging, config.language, problems, previous=previous_site,
                          jobs=search_jobs(jobs, _resident_mib()), files=files)


class SiteWriter:
    """The writer of a published site: every output into a staging folder beside `out_dir` (an
    output whose key and file are those of the previous build linked from it, the others
    rendered), with the static files and the search bundle, then swapped in whole. What was
    written (`renderpool.Written`, by URL) is kept in `store` for the next build."""

    def __init__(self, out_dir: Path, store: Store):
        self.out_dir, self.store = out_dir, store
        where = str(out_dir.resolve())  # one manifest per output folder
        self._manifest = f"manifest-{hashlib.blake2b(where.encode(), digest_size=8).hexdigest()}"
        self._key = cache.key_of("manifest", where)

    def check(self, config: Config, problems: Problems) -> None:
        check_output_dir(config, self.out_dir, problems)

    def write(self, outputs: Outputs, result: BuildResult) -> None:
        result.out_dir = self.out_dir
        pages = outputs.pages
        previous = self.store.load(self._manifest, self._key) or {}
        with StagedSite(self.out_dir) as staged:
            staged.clear_except({urls.output_file(url) for url in outputs.dependencies.keys} |
                                {urls.output_file(url) for url, _ in outputs.static}, (search.BUNDLE,))
            job = renderpool.Job(pages, outputs.renderer, staged.staging, previous, staged.out_dir,
                                 keys=[outputs.dependencies.keys[page.url] for page in pages])
            written: dict[str, renderpool.Written] = {}

            def advance(count: int) -> None:
                if outputs.progress is not None:
                    outputs.progress(len(written) + count, len(pages))

            for url, file, linked in renderpool.render_into(job, outputs.jobs, advance):
                written[url] = file
                if linked:
                    result.unchanged += 1
                else:
                    result.written.append(url)
            previous_site = staged.out_dir if staged.out_dir.is_dir() else None
            result.copied = copy_static(outputs.static, staged.staging, previous_site)
            result.files = len(pages) + result.copied
            result.timings.run("search", _search_index, staged.staging, previous_site, result.config,
                               result.unchanged == len(pages), result.problems, outputs.jobs, written)
            staged.commit()
        self.store.save(self._manifest, self._key, written)


HTML_ENDINGS = ("/", ".html")


def plan_site(site: Site, config: Config, problems: Problems, timings: Timings) -> list[Page]:
    """Every planned output; raises BuildFailed when two would share a URL."""
    index = timings.run("index", SiteIndex.build, site)
    pages = timings.run("plan", plan, site, config, index)
    _check_unique_urls(pages, problems)
    check_translations(site, pages, config, problems)
    if problems.errors:
        raise BuildFailed(problems)
    return pages


def template_failed(exc: TemplateFailed, problems: Problems) -> BuildFailed:
    problems.error(shown_path(Path(exc.path)), exc.line, exc.message)
    return BuildFailed(problems)


def _check_unique_urls(pages: list[Page], problems: Problems) -> None:
    seen: dict[str, Page] = {}
    for page in pages:
        if page.url in seen:
            problems.error(urls.output_file(page.url), 0,
                           f"two pages would be written to {page.url} ({seen[page.url].template} and {page.template})")
        seen.setdefault(page.url, page)
