"""The preview's incremental build: the whole pipeline on every change, with
the expensive parts skipped where nothing they depend on changed.

Each rebuild re-reads the sources (a file whose bytes did not change is not
parsed again), re-assembles the site (keeping the objects of what did not
change), re-plans it (making again only the pages of values that changed:
`views.Made`), fingerprints only the pages it made again, renders only the
outputs whose fingerprint changed, copies only changed static files, and
removes the files of URLs that disappeared. What it holds is what a clean build
of the same files writes: every source is looked at, except the recaps a
watcher vouches for (`sources.Saved`: below the folders it watched, and not
reported changed), which are taken as the last read found them.
"""
from __future__ import annotations

import gc
import hashlib
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from .. import urls
from ..assemble import Lookups, assemble, reassembled
from ..config import Config
from ..errors import BuildFailed, Problems
from ..model import Site
from ..pages import Page
from ..pipeline import Timings, configure, plan_site, template_failed
from ..sources import ParseCache, Saved, read_articles, read_registry
from ..render import Renderer, TemplateFailed, TemplateSnapshot
from ..views import Made
from ..write import OutputFolder
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
    planned: int = 0  # values the plan made anew (pages, cards, records, ...), of `plan_calls` asked for
    plan_calls: int = 0
    fingerprinted: int = 0  # pages whose fingerprint was worked out anew (not kept with the page)
    timings: Timings = field(default_factory=Timings)  # the rebuild's steps: see `STEPS`

    @property
    def ok(self) -> bool:
        return not self.problems.errors

    @property
    def changed(self) -> bool:
        return bool(self.rendered or self.copied or self.removed)


@dataclass
class PreviewBuilder:
    """Keeps a preview folder equal to a clean build of the project."""

    config_file: Path
    folder: OutputFolder
    base_url: str | None = None
    drafts: bool = False
    lock: threading.Lock = field(default_factory=threading.Lock)  # held while the folder changes
    fingerprints: dict[str, str] = field(default_factory=dict)  # URL -> fingerprint, as written
    cache: ParseCache = field(default_factory=ParseCache)
    _renderer: Renderer | None = None
    _lookups: Lookups | None = None  # name resolutions in the registry, kept while it is unchanged
    _assembled: tuple | None = None  # (registry, specs, site, assemble's problems) of the last good assemble
    _digests: dict = field(default_factory=dict)  # the fingerprints' memo of the last rebuild (see CarriedMemo)
    _made: Made = field(default_factory=Made)  # what the last plan made, by what it was made from
    _planned_for: Config | None = None  # the config of that plan
    _plan_of: tuple | None = None  # the last plan: (site, templates' digest, pages, the problems it reported)
    _printed: "KeptFingerprints" = field(default_factory=lambda: KeptFingerprints())
    _rebuilds: int = 0
    _unread: list = field(default_factory=list)  # what the builds since the last read were told (`Saved`)

    def build(self, saved: Saved | None = None) -> Outcome:
        """Bring the folder up to date; `saved`: what a watcher saw change since the last build
        (None: look at every source)."""
        started = time.perf_counter()
        self._unread.append(saved)  # a build that stops before reading leaves it to the next
        outcome = Outcome(Problems())
        renderer = self._renderer
        try:
            outputs = self._build(outcome)
        except BuildFailed:
            outputs = None
        with self.lock:
            if outputs is not None:
                outcome.timings.run("write", self._apply, outputs, outcome)
            elif outcome.config is not None:  # the error page is styled with the site's own stylesheet
                self._apply_static(self._static(outcome.config), outcome)
        self._rebuilds += 1
        outcome.timings.run("heap", self._settle_heap, self._renderer is not renderer)
        outcome.milliseconds = (time.perf_counter() - started) * 1000
        return outcome

    def _settle_heap(self, renewed: bool) -> None:
        """Leave what the preview keeps between rebuilds out of the garbage collector's full
        collections (`gc.freeze`): at 10,000 recaps one of them took 0.25-0.35 CPU s of every
        rebuild, scanning the kept model, plan and fingerprints, which hold no garbage. A cycle
        among frozen objects that becomes garbage is never collected, so everything is collected
        once in a while: when the renderer is made anew (its templates or the config changed:
        the old one's cycles are garbage) and every `FULL_COLLECTION_EVERY` rebuilds."""
        if renewed or self._rebuilds % FULL_COLLECTION_EVERY == 0:
            gc.unfreeze()
            gc.collect()
        gc.freeze()

    def _build(self, outcome: Outcome) -> dict[str, tuple[str, bytes | None]]:
        """Every output and static file: URL -> (fingerprint, bytes, or None when the folder has them)."""
        problems, timings = outcome.problems, outcome.timings
        config = timings.run("config", configure, self.config_file, problems, base_url=self.base_url)
        if config is None:
            raise BuildFailed(problems)
        outcome.config = config
        site = self._assemble(config, problems, timings)
        renderer = timings.run("templates", self._renderer_for, config)
        last = self._plan_of
        pages = self._plan(site, config, renderer.templates.digest, problems, timings)
        if self._plan_of is not last:  # planned again, not the last plan kept whole
            outcome.planned, outcome.plan_calls = self._made.made, self._made.calls
        outputs: dict[str, tuple[str, bytes | None]] = {}
        memo = CarriedMemo(self._digests)
        self._printed.start(renderer)
        # Nothing written yet, so nothing is served from the folder: write each page as it is
        # rendered instead of holding the whole site in memory until the end.
        direct = not self.fingerprints
        try:
            for page in pages:
                fingerprint = timings.run("fingerprint", self._printed, page, memo)
                content = None
                if self.fingerprints.get(page.url) != fingerprint:
                    content = timings.run("render", renderer.render, page)
                if direct:
                    with self.lock:
                        timings.run("write", self._write, page.url, content, outcome)
                    content = None
                outputs[page.url] = (fingerprint, content)
            outcome.fingerprinted = len(self._printed.worked_out)
        except TemplateFailed as exc:
            if direct:  # leave the folder as empty of pages as it was
                with self.lock:
                    for url in outputs:
                        self.folder.remove(url)
                outcome.rendered = 0
            raise template_failed(exc, problems) from None
        self._digests = memo.carried()
        outputs.update(timings.run("static", self._static, config))
        return outputs

    def _assemble(self, config: Config, problems: Problems, timings: Timings) -> Site:
        """The site, as `pipeline.assemble_site` makes it, with what the last rebuild learnt about
        the registry's names kept; raises BuildFailed when there are errors."""
        saved, self._unread = Saved.joined(self._unread), []
        self.cache.start()
        registry = timings.run("read", read_registry, config, problems, self.cache)
        specs = timings.run("read", read_articles, config, problems, self.cache, saved)
        if self._lookups is None or self._lookups.registry is not registry:
            self._lookups = Lookups(registry)
        site = timings.run("assemble", self._reassembled, specs, registry, problems)
        if site is None:
            reported = len(problems.items)
            site = timings.run("assemble", assemble, specs, registry, problems, include_drafts=self.drafts,
                               lookups=self._lookups)
            self._assembled = None if problems.errors else (registry, specs, site, problems.items[reported:])
        if problems.errors:
            raise BuildFailed(problems)
        return site

    def _reassembled(self, specs: list, registry, problems: Problems) -> Site | None:
        """The last site with the recaps whose saves changed only what assemble copies (a body,
        a title) made again, and the problems assemble found in it; None: assemble again."""
        if self._assembled is None or self._assembled[0] is not registry or problems.errors:
            return None
        _, before, site, found = self._assembled
        site = reassembled(site, before, specs, self._lookups, include_drafts=self.drafts)
        if site is not None:
            problems.items.extend(found)
            self._assembled = (registry, specs, site, found)
        return site

    def _plan(self, site: Site, config: Config, templates: str, problems: Problems, timings: Timings) -> list[Page]:
        """`pipeline.plan_site`, keeping what the last plan made from values that did not change;
        the very last plan when made of this very site with the same templates (whose labels it
        checks for translations): a save that changed nothing."""
        if config != self._planned_for:
            self._made, self._planned_for, self._plan_of = Made(), config, None
        if self._plan_of is not None and self._plan_of[0] is site and self._plan_of[1] == templates:
            problems.items.extend(self._plan_of[3])  # what planning it reported (a missing translation)
            return self._plan_of[2]
        reported = len(problems.items)
        pages = plan_site(site, config, problems, timings, self._made)
        self._plan_of = (site, templates, pages, problems.items[reported:])
        return pages

    def _static(self, config: Config) -> dict[str, tuple[str, bytes | None]]:
        outputs = {}
        for url, content in static_files(config).items():
            fingerprint = "static:" + hashlib.blake2b(content, digest_size=16).hexdigest()
            outputs[url] = (fingerprint, None if self.fingerprints.get(url) == fingerprint else content)
        return outputs

    def _apply_static(self, outputs: dict[str, tuple[str, bytes | None]], outcome: Outcome) -> None:
        """Bring the static files up to date alone, leaving the pages as they are."""
        for url in [url for url, fingerprint in self.fingerprints.items()
                    if fingerprint.startswith("static:") and url not in outputs]:
            self.folder.remove(url)
            del self.fingerprints[url]
            outcome.removed += 1
        for url, (fingerprint, content) in outputs.items():
            if content is not None:
                self.folder.write(url, content)
                self.fingerprints[url] = fingerprint
                outcome.copied += 1

    def _write(self, url: str, content: bytes, outcome: Outcome) -> None:
        """Write a rendered output and count it."""
        self.folder.write(url, content)
        outcome.rendered += 1
        outcome.search_pages_changed = outcome.search_pages_changed or indexed(url)

    def _apply(self, outputs: dict[str, tuple[str, bytes | None]], outcome: Outcome) -> None:
        for url, (fingerprint, content) in outputs.items():
            if content is None:
                continue
            if fingerprint.startswith("static:"):
                self.folder.write(url, content)
                outcome.copied += 1
            else:
                self._write(url, content, outcome)
        for url in self.fingerprints.keys() - outputs.keys():
            self.folder.remove(url)
            outcome.removed += 1
            outcome.search_pages_changed = outcome.search_pages_changed or indexed(url)
        self.fingerprints = {url: fingerprint for url, (fingerprint, _) in outputs.items()}

    def _renderer_for(self, config: Config) -> Renderer:
        """The last renderer while config and templates are unchanged: it knows its templates' digests."""
        templates = TemplateSnapshot(config.root / config.templates_dir)
        renderer = self._renderer
        if renderer is None or renderer.config != config or renderer.templates.digest != templates.digest:
            renderer = self._renderer = Renderer(config, templates)
        return renderer


class KeptFingerprints:
    """Fingerprints of planned pages, kept with the very `Page` objects: a page the plan kept
    (`views.Made`: made from the same values) has the same view, and with the same renderer
    (config and templates) the same fingerprint, which is then not worked out again."""

    def __init__(self):
        self._previous: dict[int, tuple[Page, str]] = {}
        self._used: dict[int, tuple[Page, str]] = {}
        self._renderer: Renderer | None = None
        self.worked_out: list[str] = []  # the URLs of the pages whose fingerprint the latest rebuild worked out

    def start(self, renderer: Renderer) -> None:
        """Begin a rebuild: what the last one did not use is dropped, and all with another renderer."""
        self._previous = self._used if renderer is self._renderer else {}
        self._used, self._renderer, self.worked_out = {}, renderer, []

    def __call__(self, page: Page, memo: dict) -> str:
        found = self._used.get(id(page)) or self._previous.pop(id(page), None)
        if found is None or found[0] is not page:  # each entry holds its page: no other has its id
            found = (page, self._renderer.fingerprint(page, memo))
            self.worked_out.append(page.url)
        self._used[id(page)] = found
        return found[1]


class CarriedMemo(dict):
    """The memo of `Renderer.fingerprint` (id of a model value -> the value and its digest),
    with the digests of the previous rebuild at hand: a value that assemble kept from one
    rebuild to the next (`assemble.Lookups`) is the same object, so it is not hashed again.

    Sound because model values are frozen and each entry holds its value, so no other
    object can take its id while the entry exists. Entries the rebuild did not use are
    dropped with the previous memo (`carried`)."""

    def __init__(self, previous: dict):
        super().__init__()
        self.previous = previous

    def get(self, key, default=None):
        found = dict.get(self, key)
        if found is None:
            found = self.previous.get(key)
            if found is None:
                return default
            self[key] = found
        return found

    def carried(self) -> dict:
        """What the next rebuild starts from: the entries this one used."""
        self.previous = {}
        return self


def static_files(config: Config) -> dict[str, bytes]:
    """The static folder's files by URL, as a build copies them."""
    folder = config.root / config.static_dir
    if not folder.is_dir():
        return {}
    return {urls.STATIC + path.relative_to(folder).as_posix(): path.read_bytes()
            for path in sorted(folder.rglob("*")) if path.is_file()}
