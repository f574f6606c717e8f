"""The reader's language: message catalogues, dates, numbers and the article before a club's name.

English is the source language: templates mark their words with `{% trans %}` or
`_()`, Python code (recaps/notation.py, structured.py) with `translator(lang).gettext()`, and each
other language has a Babel catalogue, recaps/locale/<lang>/LC_MESSAGES/messages.po.
The catalogues are read as .po files when the build starts (Babel parses them in
milliseconds), so there are no compiled .mo files to keep in step with their sources.

After changing a template's words, refresh the template catalogue and merge it:

    pybabel extract --add-location=file --no-wrap -F recaps/locale/babel.cfg -k lgettext:2 -o /tmp/messages.pot .
    pybabel update --no-wrap -i /tmp/messages.pot -d recaps/locale --no-fuzzy-matching

`check_translations` turns a missing translation into a build warning: a page
never shows an English word in another language without the build saying so.
"""
from __future__ import annotations

import datetime as dt
import gettext as _gettext
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import jinja2
import jinja2.ext
from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.messages.catalog import Catalog
from babel.messages.extract import extract
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from markupsafe import Markup

from .names import name_key
from .registry import team_lines

SOURCE_LANGUAGE = "en"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
# The Python modules whose words are marked for translation, beside the templates.
PYTHON_SOURCES = tuple(Path(__file__).resolve().parent / name for name in ("notation.py", "structured.py"))
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2)}


def base_language(lang: str) -> str:
    """'it' for 'it', 'it-CH' or 'it_CH'."""
    return lang.replace("_", "-").split("-")[0].lower()


def catalogue_path(lang: str) -> Path:
    return LOCALE_DIR / base_language(lang) / "LC_MESSAGES" / "messages.po"


@lru_cache(maxsize=16)
def catalogue(lang: str) -> Catalog | None:
    """The language's catalogue, or None for English (the source) and for a language without one."""
    path = catalogue_path(lang)
    if base_language(lang) == SOURCE_LANGUAGE or not path.is_file():
        return None
    with path.open("rb") as handle:
        return read_po(handle, locale=base_language(lang), ignore_obsolete=True)


class Translator:
    """gettext and ngettext for one language; a message with no translation stays English
    (the build has warned about it: see `check_translations`)."""

    def __init__(self, lang: str):
        self.lang = base_language(lang)
        self._strings: dict[str, str | tuple[str, ...]] = {}
        self._plural = lambda n: int(n != 1)
        found = catalogue(lang)
        if found is not None:
            self._strings = {message.id if isinstance(message.id, str) else message.id[0]: message.string
                             for message in found if message.id and message.string and not message.fuzzy}
            self._plural = _gettext.c2py(found.plural_expr)

    def gettext(self, message: str) -> str:
        found = self._strings.get(message)
        return found if isinstance(found, str) and found else message

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        found = self._strings.get(singular)
        if isinstance(found, tuple):
            index = self._plural(count)
            if index < len(found) and found[index]:
                return found[index]
        return singular if count == 1 else plural


@lru_cache(maxsize=16)
def translator(lang: str) -> Translator:
    return Translator(lang)


def _page_lang(context) -> str:
    return context.get("lang") or SOURCE_LANGUAGE


@jinja2.pass_context
def _jinja_gettext(context, message: str, **variables):
    text = translator(_page_lang(context)).gettext(message)
    return _format(context, text, variables)


@jinja2.pass_context
def _jinja_ngettext(context, singular: str, plural: str, num: int, **variables):
    text = translator(_page_lang(context)).ngettext(singular, plural, num)
    return _format(context, text, {"num": num, **variables})


def _format(context, text: str, variables: dict):
    """Jinja's new-style gettext: escaped when autoescaping, always a %-format."""
    if context.eval_ctx.autoescape:
        text = Markup(text)
    return text % variables


def lgettext(lang: str, message: str) -> str:
    """A word in a given language, for a passage in another language than its page's."""
    return translator(lang).gettext(message)


@jinja2.pass_context
def _jinja_name(context, value, lang: str | None = None) -> str:
    """The `| name` filter: a stage's (or any registry entry's) name in the page's language."""
    return local_name(value, lang or _page_lang(context))


@jinja2.pass_context
def _jinja_stage_name(context, name: str, competition) -> str:
    """The `| stage_name(competition)` filter: a stage known by its name, in the page's language."""
    stage = next((stage for stage in competition.stages if stage.name == name), None)
    return local_name(stage, _page_lang(context)) if stage else name


@jinja2.pass_context
def _jinja_language_name(context, code: str) -> str:
    """The `| language_name` filter: 'Italian' / 'italiano' for 'it', in the page's language."""
    try:
        return Locale.parse(code.replace("-", "_")).get_display_name(_locale(_page_lang(context))) or code
    except (UnknownLocaleError, ValueError):
        return code


def local_name(value, lang: str) -> str:
    """A registry entry's name in `lang` (its `names: {it: ...}`), else its name."""
    if value is None:
        return ""
    names = dict(getattr(value, "names", ()) or ())
    return names.get(base_language(lang)) or value.name


# ---------------------------------------------------------------- a club's name in a sentence

_VOWELS = "aeiou"


def guess_article(name: str, lang: str) -> str:
    """The article `lang` most likely puts before a club it knows nothing else about: in
    Italian a club ("il club") is masculine, so l' before a vowel or h, lo before s and a
    consonant, z, x, y, j, gn, ps or pn, else il. '' for a language without articles.

    >>> [guess_article(n, "it") for n in ("Milan", "Atalanta", "Hoffenheim", "Sporting CP", "Zenit", "Club Brugge")]
    ['il', "l'", "l'", 'lo', 'lo', 'il']
    """
    if base_language(lang) != "it":
        return ""
    word = "".join(c for c in unicodedata.normalize("NFD", name.strip().lower()) if not unicodedata.combining(c))
    if word[:1] in _VOWELS + "h":
        return "l'"
    if word[:1] in "zxyj" or word[:2] in ("gn", "ps", "pn") or (word[:1] == "s" and word[1:2].isalpha()
                                                                 and word[1:2] not in _VOWELS):
        return "lo"
    return "il"


def with_article(name: str, article: str) -> str:
    """'il Milan', "l'Atalanta" (an elided article takes no space), or the bare name."""
    if not article:
        return name
    return article + name if article.endswith(("'", "\u2019")) else f"{article} {name}"


def club_in_sentence(team, lang: str) -> str:
    """A club as a sentence names it in `lang`: teams.yaml's `article` for that language, else
    the guess above. "il Club Brugge", "la Juventus", "l'Atalanta"; "Milan" in English."""
    lang = base_language(lang)
    given = dict(team.definite_articles).get(lang)
    return with_article(team.name, guess_article(team.name, lang) if given is None else given)


def in_page_language(function):
    """A filter `function(value, lang)` whose `lang` defaults to the page's."""
    @jinja2.pass_context
    def filter_(context, value, lang: str | None = None, **options):
        return function(value, lang or _page_lang(context), **options)
    return filter_


def install(env: jinja2.Environment) -> None:
    """Jinja2's i18n extension with gettext in the page's language (the context's `lang`)."""
    env.add_extension("jinja2.ext.i18n")
    env.policies["ext.i18n.trimmed"] = True
    env.newstyle_gettext = True  # type: ignore[attr-defined]
    env.globals.update(gettext=_jinja_gettext, ngettext=_jinja_ngettext, _=_jinja_gettext, lgettext=lgettext)
    env.filters.update(name=_jinja_name, stage_name=_jinja_stage_name, language_name=_jinja_language_name,
                       long_date=long_date, number=number)


@lru_cache(maxsize=64)
def _locale(lang: str) -> Locale:
    try:
        return Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(SOURCE_LANGUAGE)


def long_date(value: dt.date | None, lang: str) -> str:
    """'18 February 2025' / '18 febbraio 2025'.

    >>> long_date(dt.date(2025, 2, 18), "it")
    '18 febbraio 2025'
    """
    if value is None:
        return ""
    return format_date(value, format="d MMMM y", locale=_locale(lang))


def number(value: int, lang: str) -> str:
    """A count in the language's digits grouping: '10,000' / '10.000'.

    >>> number(10000, "en"), number(10000, "it")
    ('10,000', '10.000')
    """
    return format_decimal(value, locale=_locale(lang))


# ---------------------------------------------------------------- what must be translated

@dataclass(frozen=True)
class Marked:
    """A message marked for translation, and where."""

    message: str | tuple[str, str]  # (singular, plural) for ngettext
    path: str
    line: int

    @property
    def msgid(self) -> str:
        return self.message if isinstance(self.message, str) else self.message[0]


_GETTEXT_NAMES = ("_", "gettext", "ngettext", "lgettext")


@lru_cache(maxsize=1)
def _parser() -> jinja2.Environment:
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"])
    env.policies["ext.i18n.trimmed"] = True
    return env


@lru_cache(maxsize=256)
def _template_messages(name: str, source: str) -> tuple[Marked, ...]:
    """The messages a template marks, read from its syntax tree (cached by its source)."""
    try:
        tree = _parser().parse(source)
    except jinja2.TemplateSyntaxError:
        return ()  # rendering reports it, with its line
    found = []
    for line, function, strings in jinja2.ext.extract_from_ast(tree, _GETTEXT_NAMES):
        strings = [text for text in (strings if isinstance(strings, tuple) else (strings,)) if isinstance(text, str)]
        if strings:
            found.append(Marked(strings[0] if function != "ngettext" else tuple(strings[:2]), name, line))
    return tuple(found)


@lru_cache(maxsize=8)
def _python_messages(path: Path) -> tuple[Marked, ...]:
    with path.open("rb") as handle:
        return tuple(Marked(message, f"recaps/{path.name}", line)
                     for line, message, _comments, _context in extract("python", handle, keywords=KEYWORDS))


def template_messages(templates: Iterable[tuple[str, str]]) -> list[Marked]:
    """Every message marked for translation in (template name, source) pairs."""
    return [item for name, source in templates for item in _template_messages(name, source)]


def marked_messages(templates: Iterable[tuple[str, str]]) -> list[Marked]:
    """The templates' messages, and those of recaps' Python (notation)."""
    return template_messages(templates) + [item for path in PYTHON_SOURCES for item in _python_messages(path)]


def read_templates(folder: Path) -> list[tuple[str, str]]:
    """(name, source) of every HTML and XML template in the folder."""
    if not folder.is_dir():
        return []
    return [(path.relative_to(folder).as_posix(), path.read_text(encoding="utf-8", errors="replace"))
            for path in sorted(folder.rglob("*")) if path.is_file() and path.suffix in (".html", ".xml")]


def missing_translations(lang: str, marked: Iterable[Marked]) -> list[Marked]:
    """The marked messages the language's catalogue does not translate (all of them when it has none)."""
    if base_language(lang) == SOURCE_LANGUAGE:
        return []
    strings = translator(lang)._strings
    missing, seen = [], set()
    for item in marked:
        translated = strings.get(item.msgid)
        plural = not isinstance(item.message, str)
        ok = all(translated) if plural and isinstance(translated, tuple) else bool(translated) and not plural
        if not ok and item.msgid not in seen:
            seen.add(item.msgid)
            missing.append(item)
    return missing


def check_translations(site, pages, config, problems) -> None:
    """Warn, once per language, about every word its pages would show in English, and about
    every stage shown on them without a name in that language."""
    languages = sorted({base_language(page.lang or config.language) for page in pages
                        if page.url.endswith(("/", ".html"))} - {SOURCE_LANGUAGE})
    if not languages:
        return
    marked = template_messages(read_templates(config.root / config.templates_dir))  # notation's: tests/unit/test_i18n.py
    for lang in languages:
        where = catalogue_path(lang)
        shown = f"recaps/locale/{lang}/LC_MESSAGES/messages.po"
        if catalogue(lang) is None:
            problems.warn(shown, 0, f"no {lang!r} catalogue: pages in {lang!r} show their labels in English")
            continue
        for item in missing_translations(lang, marked):
            problems.warn(shown if where.is_file() else item.path, 0,
                          f"no translation of {item.msgid!r} (used in {item.path}): {lang!r} pages show it in English")
    _check_articles(site, languages, config, problems)
    stages = {stage.name: (competition, stage) for competition in site.competitions.values()
              for stage in competition.stages}
    used = sorted({match.stage.name for match in site.matches.values() if match.stage and match.stage.known})
    for lang in languages:
        for name in used:
            competition, stage = stages.get(name, (None, None))
            if stage is not None and lang not in dict(stage.names):
                problems.warn(f"{config.content_dir}/competitions.yaml", 0,
                              f"stage {name!r} has no {lang!r} name (`names: {{{lang}: ...}}`): "
                              f"{lang!r} pages show it in English")


# Countries whose clubs a language names by tradition, not by the rule `guess_article` follows
# (la Juventus, la Roma, l'Inter, il Milan): a verdict naming one needs its `article`.
_TRADITIONAL = {"it": ("ITA", "IT")}


def _check_articles(site, languages, config, problems) -> None:
    """Warn about every club a verdict on those languages' pages names with a guessed article
    where the guess is unsure (a club of a country in `_TRADITIONAL`)."""
    named = sorted({team.slug: team for tie in site.ties.values() for team in (tie.team1, tie.team2)}.items())
    unsure = [(lang, team) for lang in languages for _, team in named
              if team.known and team.country in _TRADITIONAL.get(lang, ()) and lang not in dict(team.definite_articles)]
    if not unsure:
        return
    # the entries' lines: teams.yaml read again only when there is something to say
    path = config.root / config.content_dir / "teams.yaml"
    try:
        lines = team_lines(path.read_text(encoding="utf-8-sig", errors="replace"))
    except OSError:
        lines = {}
    for lang, team in unsure:
        shown = with_article(team.name, guess_article(team.name, lang))
        problems.warn(f"{config.content_dir}/teams.yaml", lines.get(name_key(team.name), 0),
                      f"team {team.name!r} has no {lang!r} article: {lang!r} verdicts call it {shown!r}; "
                      f"if that is wrong, give it one (`article: {{{lang}: ...}}`)")
