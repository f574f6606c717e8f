"""Turning planned pages into bytes: Jinja2 templates, Markdown bodies, score notation."""
from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urlsplit
from xml.etree.ElementTree import Element

import jinja2
import markdown
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup, escape

from . import urls
from .config import Config
from .i18n import label, long_date
from .model import Match, Tie
from .pages import Page

_SAFE_SCHEMES = ("", "http", "https", "mailto")


class _SafeLinks(Treeprocessor):
    """Drops link and image targets with a scheme such as javascript: or data:."""

    def run(self, root: Element) -> None:
        for element in root.iter():
            for attribute in ("href", "src"):
                value = element.get(attribute)
                if value is not None and urlsplit(value.strip()).scheme.lower() not in _SAFE_SCHEMES:
                    element.set(attribute, "#")


class MarkdownRenderer:
    """One Markdown converter, reused; raw HTML is escaped unless allowed."""

    def __init__(self, allow_html: bool):
        self._md = markdown.Markdown(extensions=["tables", "sane_lists"], output_format="html")
        if not allow_html:
            self._md.preprocessors.deregister("html_block")
            self._md.inlinePatterns.deregister("html")
        self._md.treeprocessors.register(_SafeLinks(self._md), "safe_links", 0)

    def __call__(self, text: str) -> Markup:
        self._md.reset()
        return Markup(self._md.convert(text))


def score_text(match: Match, lang: str = "en") -> str:
    """'1–3', '2–2 (a.e.t.)', '1–1 (a.e.t.) (4–3 pen.)': home first, en dash."""
    text = f"{match.final.home}\u2013{match.final.away}"
    if match.aet:
        text += f" ({label('aet', lang)})"
    if match.pens:
        text += f" ({match.pens.home}\u2013{match.pens.away} {label('pen', lang)})"
    return text


def aggregate_text(tie: Tie, lang: str = "en") -> str:
    """'5–2 agg.', team 1 first; a single match's own score; '' while in progress."""
    if tie.result.aggregate is None:
        return ""
    if tie.legs_needed == 1 and tie.legs[0]:
        return score_text(tie.legs[0], lang)
    return f"{tie.result.aggregate.home}\u2013{tie.result.aggregate.away} {label('agg', lang)}"


def decided_text(tie: Tie) -> str:
    winner = tie.winner
    if winner is None:
        return ""
    last = tie.legs[-1]
    how = {
        "aggregate": "on aggregate" if tie.legs_needed > 1 else "in normal time",
        "extra_time": "after extra time",
        "away_goals": "on away goals",
        "penalties": f"{last.pens.home if last and last.pens else ''}\u2013"
                     f"{last.pens.away if last and last.pens else ''} on penalties",
    }[tie.result.decided_by]
    return f"{winner.name} win {how}" if tie.legs_needed == 1 else f"{winner.name} go through {how}"


def _json_ld(value) -> Markup:
    """JSON for a <script type="application/ld+json">, safe against '</script>'."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def make_environment(config: Config, templates_dir: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(templates_dir)),
        autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
    )
    markdown_renderer = MarkdownRenderer(config.allow_html)
    env.globals.update(config=config, urls=urls, label=label)
    env.filters.update(
        url=lambda url: urls.link(config.base_path, url),
        abs_url=lambda url: urls.absolute(config.origin, config.base_path, url),
        long_date=long_date,
        score=score_text,
        aggregate=aggregate_text,
        decided=decided_text,
        markdown=markdown_renderer,
        json_ld=_json_ld,
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
    except jinja2.TemplateError as exc:
        path, line = _template_location(exc)
        raise TemplateFailed(path, line, f"template error while rendering {page.url}: {exc.message or exc}") \
            from None


def _render(env: jinja2.Environment, page: Page, config: Config) -> bytes:
    template = env.get_template(page.template)
    html = template.render(page=page, lang=page.lang or config.language, **page.context)
    return html.encode("utf-8")
