"""The site's Jinja2 templates: read once per build (`TemplateSnapshot`), their
compiled code kept between builds (`TemplateCache`), the environment every
template renders in (filters, globals), and a page rendered with its template,
a template's failure carrying the file and line to show."""
from __future__ import annotations

import functools
import hashlib
import os
import pickle
from pathlib import Path

import jinja2
import jinja2.meta
from markupsafe import Markup

from . import cache, feeds, i18n, structured, urls
from .bodies import MarkdownRenderer
from .config import Config
from .i18n import in_page_language
from .notation import aggregate_text, decided_text, leg_name, score_text, second_leg_text, settled_text, table_scores
from .pages import Page

class TemplateSnapshot(jinja2.BaseLoader):
    """The templates folder as it was read once: rendering and the templates' digests
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
