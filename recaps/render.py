"""Turning planned outputs into bytes: Jinja2 templates, Markdown bodies, score notation,
and each output's fingerprint."""
from __future__ import annotations

import functools
import hashlib
import html
import os
import pickle
import re
import zlib
from pathlib import Path
from xml.etree.ElementTree import Element

import jinja2
import jinja2.meta
import markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from . import cache, urls
from .config import Config
from . import feeds, i18n, structured
from .i18n import in_page_language
from .notation import aggregate_text, decided_text, leg_name, score_text, second_leg_text, settled_text, table_scores  # noqa: F401
from .model import Text
from .dependencies import Inputs, stable_pickle
from .output import FORMATS
from .pages import Page
from .sanitize import clean_html

_SAFE_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


def safe_link(url: str) -> bool:
    """Whether a link target is harmless: relative, or http(s)/mailto.

    Judged as a browser reads it: entities decoded, whitespace and control
    characters dropped (`&#106;avascript:`, `java\tscript:`).

    >>> safe_link("https://uefa.com"), safe_link("/teams/"), safe_link("&#106;avascript:alert(1)")
    (True, True, False)
    """
    decoded = _INVISIBLE.sub("", html.unescape(html.unescape(url))).lower()
    scheme = _SCHEME.match(decoded)
    return scheme is None or scheme.group(1) in _SAFE_SCHEMES


class _SafeLinks(Treeprocessor):
    """Drops link and image targets with a scheme such as javascript: or data:, and puts a site
    served under a subpath ('/repo/') before a path-absolute target: a writer's `/teams/atalanta/`
    then works on GitHub Pages' project sites as at a domain root (one already under it stays)."""

    def __init__(self, md, base_path: str):
        super().__init__(md)
        self.base_path = base_path

    def run(self, root: Element) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is None:
                    continue
                if not safe_link(value):
                    element.set(attribute, "#")
                elif (self.base_path != "/" and value.startswith("/") and not value.startswith("//")
                      and not value.startswith(self.base_path)):
                    element.set(attribute, urls.link(self.base_path, value))


class MarkdownRenderer:
    """One Markdown converter, reused; raw HTML is escaped unless allowed.

    Each text is converted once: the HTML is kept by the text's hash in
    `converted`, which a build fills from its cache and saves for the next one
    (the settings that change the HTML, `allow_html`, the base path and the code
    version, key the cache file). It is kept packed (`pack`): zlib'd UTF-8 is a
    sixth of the str (a recap with an en dash is two bytes a character), and the
    build and every worker it forks hold all of it (75 MiB as str at 10,000 recaps)."""

    def __init__(self, allow_html: bool, converted: dict[bytes, bytes] | None = None, base_path: str = "/"):
        self.allow_html = allow_html
        self.converted: dict[bytes, bytes] = {} if converted is None else converted
        self._md = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")
        if not allow_html:
            self._md.preprocessors.deregister("html_block")
            self._md.inlinePatterns.deregister("html")
        self._md.treeprocessors.register(_SafeLinks(self._md, base_path), "safe_links", 0)

    def __call__(self, text: str | Text) -> Markup:
        key = text_key(text)
        packed = self.converted.get(key)
        if packed is None:
            packed = self.converted[key] = self.pack(text)
        return Markup(unpack(packed))

    def convert(self, text: str | Text) -> str:
        """The text's HTML, converted now (no lookup)."""
        self._md.reset()
        html = self._md.convert(str(text))
        return clean_html(html) if self.allow_html else html

    def pack(self, text: str | Text) -> bytes:
        """The text's HTML, converted now, as `converted` keeps it."""
        return zlib.compress(self.convert(text).encode("utf-8", "surrogatepass"), 1)


def unpack(packed: bytes) -> str:
    return zlib.decompress(packed).decode("utf-8", "surrogatepass")


def text_key(text: str | Text) -> bytes:
    """The key a Markdown text's HTML is kept by: a digest of its bytes (a Text carries its own)."""
    if type(text) is Text:
        return text.key
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


class TemplateSnapshot(jinja2.BaseLoader):
    """The templates folder as it was read once: rendering and fingerprints
    see the same sources even if a file is saved meanwhile."""

    def __init__(self, templates_dir: Path):
        self.folder = templates_dir
        self.sources: dict[str, str] = {}
        self.undecodable: dict[str, tuple[int, int]] = {}  # name -> (line, byte) of the first non-UTF-8 byte
        self._trees: dict[str, jinja2.nodes.Template] = {}
        if templates_dir.is_dir():
            for path in sorted(templates_dir.rglob("*")):
                name = path.relative_to(templates_dir).as_posix()
                if path.is_file() and not any(part.startswith(".") for part in name.split("/")):
                    raw = path.read_bytes()
                    try:
                        self.sources[name] = raw.decode("utf-8")
                    except UnicodeDecodeError as exc:  # reported when a page uses it, at its line
                        self.sources[name] = raw.decode("utf-8", errors="replace")
                        self.undecodable[name] = (raw[:exc.start].count(b"\n") + 1, exc.start)
        self.digest = hashlib.blake2b(pickle.dumps(sorted(self.sources.items())), digest_size=16).hexdigest()

    def get_source(self, environment, template):
        if template not in self.sources:
            raise jinja2.TemplateNotFound(template)
        if template in self.undecodable:
            line, byte = self.undecodable[template]
            raise jinja2.TemplateSyntaxError(f"not UTF-8 text (byte {byte}): save the file as UTF-8", line,
                                             template, str(self.folder / template))
        return self.sources[template], str(self.folder / template), lambda: True

    def list_templates(self):
        return sorted(self.sources)

    def load(self, environment, name, globals=None):
        """The template compiled from its one parse (see `parsed`), or its code as the environment's
        bytecode cache kept it from an earlier build (checked against the source)."""
        source, filename, uptodate = self.get_source(environment, name)
        kept, bucket, code = environment.bytecode_cache, None, None
        if kept is not None:
            try:
                bucket = kept.get_bucket(environment, name, filename, source)
                code = bucket.code
            except Exception:  # noqa: BLE001 (a damaged file: compile again)
                bucket = None
        if code is None:
            code = environment.compile(self.parsed(environment, name), name, filename)
            if bucket is not None:
                bucket.code = code
                try:
                    kept.set_bucket(bucket)
                except OSError:
                    pass  # a cache that cannot be written costs time, never the build
        return environment.template_class.from_code(environment, code, environment.make_globals(globals), uptodate)

    def references(self, environment, name: str, known: dict) -> tuple[str | None, ...]:
        """The templates `name` extends, includes or imports (None: a name computed at render time),
        from `known` (source hash -> references) or from its parse. Raises as `parsed` does."""
        source, _, _ = self.get_source(environment, name)
        key = hashlib.blake2b(source.encode("utf-8", "surrogatepass"), digest_size=16).digest()
        if key not in known:
            known[key] = tuple(jinja2.meta.find_referenced_templates(self.parsed(environment, name)))
        return known[key]

    def parsed(self, environment, name: str) -> jinja2.nodes.Template:
        """A template's syntax tree, parsed once: compiling it and finding what it uses share it.
        Raises TemplateNotFound or TemplateSyntaxError as loading would."""
        if name not in self._trees:
            source, filename, _ = self.get_source(environment, name)
            self._trees[name] = environment.parse(source, name, filename)
        return self._trees[name]


class TemplateCache(jinja2.FileSystemBytecodeCache):
    """What one build learnt of its templates, kept in a folder for the next: each template's
    compiled code (Jinja's bytecode cache, checked against the template's source) and which
    templates each one uses (by the hash of its source). A build whose templates did not change
    then neither parses nor compiles them: 0.72 s of a one-recap edit at 1,000 recaps was that.
    Compiled code is named for this code's version and for the config: the environment's settings
    shape the code, and Jinja folds a filter over a constant (`'/static/style.css' | url`) into
    it at compile time, base path and all. Files of other code versions are removed."""

    def __init__(self, folder: Path, config_digest: str):
        folder.mkdir(parents=True, exist_ok=True)
        version = cache.code_version()[:16]
        for stale in folder.iterdir():
            if version not in stale.name:
                stale.unlink(missing_ok=True)
        super().__init__(str(folder), f"%s-{version}-{config_digest}.code")
        self.references_path = folder / f"references-{version}.pickle"
        try:
            self.references = pickle.loads(self.references_path.read_bytes())
            if type(self.references) is not dict:
                self.references = {}
        except Exception:  # noqa: BLE001 (missing or damaged: found again)
            self.references = {}
        self._saved = len(self.references)

    def dump_bytecode(self, bucket) -> None:
        """Keep the compiled code if the folder takes it; a cache that cannot be written is skipped."""
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass

    def save_references(self) -> None:
        if len(self.references) == self._saved:
            return
        temporary = self.references_path.with_name(f".{self.references_path.name}.{os.getpid()}")
        try:
            temporary.write_bytes(pickle.dumps(self.references))
            os.replace(temporary, self.references_path)
            self._saved = len(self.references)
        except OSError:
            temporary.unlink(missing_ok=True)


@jinja2.pass_context
def fragment(context, name: str, *values, caller) -> Markup:
    """`{% call fragment(name, value, ...) %}...{% endcall %}`: a piece of markup that many pages
    show (a team's chip, a tie's card), named with the values it shows; rendered as it stands."""
    return Markup(caller())


def make_environment(config: Config, loader: jinja2.BaseLoader,
                     markdown_renderer: MarkdownRenderer | None = None) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=loader,
        autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    markdown_renderer = markdown_renderer or MarkdownRenderer(config.allow_html, base_path=config.base_path)
    i18n.install(env)
    # Pure, and asked for the same few hundred dates and counts thousands of times (Babel: 8 us a call).
    env.filters.update(long_date=functools.lru_cache(maxsize=4096)(i18n.long_date),
                       number=functools.lru_cache(maxsize=4096)(i18n.number))
    env.globals.update(config=config, urls=urls, structured=structured, feeds=feeds, fragment=fragment)
    env.filters.update(
        url=lambda url: urls.link(config.base_path, url),
        abs_url=lambda url: urls.absolute(config.origin, config.base_path, url),
        score=in_page_language(score_text),
        aggregate=in_page_language(aggregate_text),
        decided=in_page_language(decided_text),
        table_scores=in_page_language(table_scores),
        settled=in_page_language(settled_text),
        leg_name=in_page_language(leg_name),
        second_leg=in_page_language(second_leg_text),
        markdown=markdown_renderer,
        script_json=lambda value: Markup(structured.script_json(value)),
        meta_html=lambda meta: Markup(structured.meta_html(meta)),
        iso=lambda value: value.isoformat() if value else "",
    )
    return env


class TemplateFailed(Exception):
    """A template that does not parse or render; carries where and why."""

    def __init__(self, path: str, line: int, message: str):
        super().__init__(message)
        self.path, self.line, self.message = path, line, message


def _template_location(exc: BaseException) -> tuple[str, int]:
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return exc.filename or exc.name or "templates", exc.lineno
    traceback, found = exc.__traceback__, ("templates", 0)
    while traceback is not None:  # the innermost frame that is a template
        filename = traceback.tb_frame.f_code.co_filename
        if filename.endswith((".html", ".xml")):
            found = (filename, traceback.tb_lineno)
        traceback = traceback.tb_next
    return found


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
        self.template_digests: dict[str, bytes] = {}

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

    def inputs(self) -> Inputs:
        """A dependency map's inputs for this renderer's config and templates."""
        return Inputs(self.config_digest, self.template_digest, self.templates_used)

    def render(self, page: Page) -> bytes:
        if page.template in FORMATS:
            return FORMATS[page.template](page.view, self.config, self.markdown)
        return render_page(self.env, page, self.config)

    def template_digest(self, name: str) -> bytes:
        """The hash of a template's source and of every template it uses, transitively."""
        if name in FORMATS:
            return name.encode()
        if name not in self.template_digests:
            digest = hashlib.blake2b(digest_size=16)
            for used in sorted(self.templates_used(name)):
                digest.update(used.encode() + b"\0" + self._source(used).encode() + b"\0")
            self.template_digests[name] = digest.digest()
        return self.template_digests[name]

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


def render_page(env: jinja2.Environment, page: Page, config: Config) -> bytes:
    try:
        return _render(env, page, config)
    except jinja2.TemplateNotFound as exc:
        path, line = _template_location(exc)
        if line == 0:  # the page's own template: name the file that is missing
            path = str(config.root / config.templates_dir / exc.name)
        raise TemplateFailed(path, line, f"template error while rendering {page.url}: template {exc.name!r} "
                                         "not found") from None
    except jinja2.TemplateError as exc:
        path, line = _template_location(exc)
        raise TemplateFailed(path, line, f"template error while rendering {page.url}: {exc.message or exc}") \
            from None
    except Exception as exc:  # a user's template may divide by zero, include itself, ...: still a message
        path, line = _template_location(exc)
        raise TemplateFailed(path, line, f"template error while rendering {page.url}: "
                                         f"{type(exc).__name__}: {exc}") from None


def _render(env: jinja2.Environment, page: Page, config: Config) -> bytes:
    template = env.get_template(page.template)
    html = template.render(page=page, lang=page.lang or config.language, **page.view)
    return html.encode("utf-8")
