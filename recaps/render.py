"""Turning planned outputs into bytes: a format of `output.FORMATS` or a Jinja2
template (`templates`), with the recaps' bodies converted by `bodies`; and the
digests of the config and of each template with those it uses, which the
dependency map keys outputs by."""
from __future__ import annotations

import hashlib
from pathlib import Path

import jinja2

from .bodies import MarkdownRenderer
from .config import Config
from .dependencies import Digested, Inputs, stable_pickle
from .output import FORMATS
from .pages import Page
from .templates import TemplateCache, TemplateSnapshot, make_environment, render_page

class Renderer:
    """Renders planned outputs, and gives the digests of the config and of each template with
    the templates it uses (what `dependencies` keys outputs by)."""

    def __init__(self, config: Config, templates: TemplateSnapshot | None = None,
                 converted: dict[bytes, bytes] | None = None, compiled: Path | None = None):
        """`compiled`: a folder that keeps the templates' compiled code between builds (TemplateCache)."""
        self.config = config
        self.templates = templates or TemplateSnapshot(config.root / config.templates_dir)
        self.markdown = MarkdownRenderer(config.allow_html, converted, config.base_path)
        self.env = make_environment(config, self.templates, self.markdown)
        self.config_digest = hashlib.blake2b(stable_pickle(config), digest_size=16).digest()
        self._references: dict = {}
        if compiled is not None:
            try:
                self.env.bytecode_cache = TemplateCache(compiled, self.config_digest.hex()[:16])
                self._references = self.env.bytecode_cache.references
            except OSError:  # a cache folder that cannot be made or read: compile as without one
                pass
        self._template_digests: dict[str, bytes] = {}

    def prepare(self, pages: list[Page]) -> None:
        """Work out the digest of every template the pages use and compile them, once: forked
        workers inherit both."""
        for name in sorted({page.template for page in pages} - FORMATS.keys()):
            self.template_digest(name)
            for used in sorted(self.templates_used(name)):
                try:
                    self.env.get_template(used)
                except Exception:  # noqa: BLE001 (rendering reports it, naming the page)
                    pass
        if isinstance(self.env.bytecode_cache, TemplateCache):
            self.env.bytecode_cache.save_references()

    def inputs(self, previous: Digested | None = None) -> Inputs:
        """A dependency map's inputs for this renderer's config and templates; `previous`: the
        digests of the build before (`Inputs.digested`)."""
        return Inputs(self.config_digest, self.template_digest, self.templates_used, previous)

    def render(self, page: Page) -> bytes:
        if page.template in FORMATS:
            return FORMATS[page.template](page.view, self.config, self.markdown)
        return render_page(self.env, page, self.config)

    def template_digest(self, name: str) -> bytes:
        """The hash of a template's source and of every template it uses, transitively."""
        if name in FORMATS:
            return name.encode()
        if name not in self._template_digests:
            digest = hashlib.blake2b(digest_size=16)
            for used in sorted(self.templates_used(name)):
                digest.update(used.encode() + b"\0" + self._source(used).encode() + b"\0")
            self._template_digests[name] = digest.digest()
        return self._template_digests[name]

    def templates_used(self, name: str) -> set[str]:
        """`name` and every template it extends, includes or imports, transitively."""
        seen, todo = set(), [name]
        while todo:
            current = todo.pop()
            if current in seen:
                continue
            seen.add(current)
            try:
                references = self.templates.references(self.env, current, self._references)
            except jinja2.TemplateError:
                continue  # rendering reports it, with its line
            for used in references:
                # A name computed at render time could be any template: depend on them all.
                todo.extend(self.env.list_templates() if used is None else [used])
        return seen

    def _source(self, name: str) -> str:
        return self.templates.sources.get(name, "")
