"""Every label in the reader's language: the catalogues, the templates' marked words,
Italian pages with no English label, per-language stage names, and the build's warnings."""
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import pytest

from recaps import i18n
from recaps.cli import main
from recaps.errors import Problems
from recaps.registry import Registry, find_stage, load_competitions
from recaps.yamlfile import load

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
CATALOGUES = sorted(path.parent.parent.name for path in (ROOT / "recaps" / "locale").glob("*/LC_MESSAGES/messages.po"))


def test_there_is_an_italian_catalogue():
    assert "it" in CATALOGUES


@pytest.mark.parametrize("lang", CATALOGUES)
def test_every_marked_message_is_translated_in_every_catalogue(lang):
    marked = i18n.marked_messages(i18n.read_templates(TEMPLATES))
    assert len({item.msgid for item in marked}) > 100
    assert [item.msgid for item in i18n.missing_translations(lang, marked)] == []


@pytest.mark.parametrize("lang", CATALOGUES)
def test_every_translation_keeps_the_placeholders(lang):
    for message in i18n.catalogue(lang):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(re.findall(r"%\((\w+)\)s", ids[-1]))
        for string in strings:
            assert set(re.findall(r"%\((\w+)\)s", string)) <= wanted | {"count", "total"}, (message.id, string)


# Literal text a template may hold outside {% trans %}: punctuation, arrows, the score dash.
_NOT_WORDS = re.compile(r"[\s·›→←–—:,.()′|/]+")
_WORDY_ATTRIBUTES = ("aria-label", "title", "alt", "placeholder")


class _Words(HTMLParser):
    def __init__(self):
        super().__init__()
        self.words: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.words += [value for name, value in attrs if name in _WORDY_ATTRIBUTES and value]

    def handle_data(self, data):
        self.words.append(data)


@pytest.mark.parametrize("name", [name for name, _ in i18n.read_templates(TEMPLATES) if name.endswith(".html")])
def test_no_template_holds_a_bare_word(name):
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"])
    tree = env.parse((TEMPLATES / name).read_text(encoding="utf-8"))
    parser = _Words()
    for data in tree.find_all(jinja2.nodes.TemplateData):
        parser.feed(data.data)
    bare = [word for text in parser.words for word in [_NOT_WORDS.sub(" ", text).strip()] if word]
    assert bare == [], f"{name}: words outside {{% trans %}}: {bare}"


# ---------------------------------------------------------------- Italian pages say nothing in English

class _Text(HTMLParser):
    """The text of a page outside passages marked with another language, and outside the recap body."""

    VOID = {"meta", "link", "br", "img", "input", "hr", "source", "wbr"}

    def __init__(self, lang):
        super().__init__()
        self.lang, self.stack, self.parts = lang, [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        other = (attrs.get("lang") not in (None, self.lang)) or "recap__body" in (attrs.get("class") or "")
        if tag not in self.VOID:
            self.stack.append(other or (bool(self.stack) and self.stack[-1]))
        if not (self.stack and self.stack[-1]):
            self.parts += [attrs[name] for name in _WORDY_ATTRIBUTES if attrs.get(name)]

    def handle_endtag(self, tag):
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data):
        if not (self.stack and self.stack[-1]) and self.lasttag not in ("script", "style"):
            self.parts.append(data)


def _english_fragments(lang: str) -> set[str]:
    """Pieces of English labels (3+ letters) that the language's catalogue says differently."""
    fragments = set()
    for message in i18n.catalogue(lang):
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = " ".join(message.string if isinstance(message.string, tuple) else (message.string,))
        for text in ids:
            for piece in re.split(r"%\(\w+\)s|<[^>]+>|[().,;:!?]", text):
                piece = piece.strip()
                if re.search(r"[A-Za-z]{3}", piece) and piece not in strings and " " in piece:
                    fragments.add(piece)
    return fragments


def _english_labels_on(site: Path, lang: str) -> dict[str, list[str]]:
    fragments = _english_fragments(lang)
    found = {}
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        if f'<html lang="{lang}">' not in html:
            continue
        parser = _Text(lang)
        parser.feed(html)
        text = re.sub(r"\s+", " ", " ".join(parser.parts))
        hits = sorted(fragment for fragment in fragments if fragment in text)
        if hits:
            found[path.relative_to(site).as_posix()] = hits
    return found


@pytest.fixture(scope="module")
def italian_site(tmp_path_factory) -> Path:
    """The valid fixture site with `language: it`."""
    folder = tmp_path_factory.mktemp("italian")
    shutil.copytree(ROOT / "tests" / "fixtures" / "valid", folder / "project")
    config = folder / "project" / "config.yaml"
    text = config.read_text(encoding="utf-8").replace("language: en", "language: it")
    config.write_text(text.replace("../../../", str(ROOT) + "/"), encoding="utf-8")
    assert main(["--config", str(config), "--out", str(folder / "site")]) == 0
    return folder / "site"


def test_an_italian_site_shows_no_english_label(italian_site):
    pages = [p for p in italian_site.rglob("*.html") if '<html lang="it">' in p.read_text(encoding="utf-8")]
    assert len(pages) > 15
    assert _english_labels_on(italian_site, "it") == {}


def test_the_check_finds_english_labels_on_english_pages(italian_site, tmp_path):
    """The check itself: an English build's pages, read as if Italian, are full of English labels."""
    out = tmp_path / "site"
    assert main(["--config", str(ROOT / "tests" / "fixtures" / "valid" / "config.yaml"), "--out", str(out)]) == 0
    for path in out.rglob("*.html"):
        path.write_text(path.read_text(encoding="utf-8").replace('<html lang="en">', '<html lang="it">'), "utf-8")
    assert "Skip to content" in _english_labels_on(out, "it")["index.html"]


def test_italian_recaps_on_an_english_site_show_no_english_label(tmp_path):
    out = tmp_path / "site"
    assert main(["--config", str(ROOT / "config.yaml"), "--out", str(out)]) == 0
    recap = (out / "articles" / "atalanta-club-brugge-ritorno" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="it">' in recap
    assert "Spareggi della fase a eliminazione diretta" in recap and "Ritorno" in recap
    assert "Club Brugge passa il turno con il risultato complessivo di 5–2" in re.sub(r"<[^>]+>", "", recap)
    assert _english_labels_on(out, "it") == {}


def test_an_italian_tie_page_is_italian_all_the_way(italian_site):
    tie = (italian_site / "ties" / "uefa-champions-league" / "2024-25" / "knockout-phase-play-offs" /
           "club-brugge-vs-atalanta" / "index.html").read_text(encoding="utf-8")
    for words in ("5–2 tot.", "nel totale", "Club Brugge passa il turno con il risultato complessivo di 5–2",
                  "Andata", "Ritorno", "12 febbraio 2025", "Spareggi della fase a eliminazione diretta"):
        assert words in re.sub(r"<[^>]+>", "", tie)
    needs = (italian_site / "ties" / "uefa-champions-league" / "2024-25" / "knockout-phase-play-offs" /
             "feyenoord-vs-milan" / "index.html").read_text(encoding="utf-8")
    assert "Milan deve vincere in casa con due gol di scarto" in needs


# ---------------------------------------------------------------- stage names per language

def _competitions(text: str, tmp_path: Path):
    path = tmp_path / "competitions.yaml"
    path.write_text(text, encoding="utf-8")
    problems, registry = Problems(), Registry()
    load_competitions(load(path.read_text(encoding="utf-8")), str(path), problems, registry)
    return registry, problems


def test_a_stage_has_names_in_other_languages(tmp_path):
    registry, problems = _competitions(
        "- name: Cup\n  stages:\n    - {name: Round of 16, names: {it: Ottavi di finale}, knockout: true}\n"
        "    - {name: Final, knockout: true, legs: 1}\n", tmp_path)
    assert problems.items == []
    cup = registry.competitions["cup"]
    assert cup.stages[0].names == (("it", "Ottavi di finale"),)
    assert cup.stages[1].names == ()
    assert i18n.local_name(cup.stages[0], "it") == "Ottavi di finale"
    assert i18n.local_name(cup.stages[0], "it-CH") == "Ottavi di finale"
    assert i18n.local_name(cup.stages[0], "en") == "Round of 16"
    assert i18n.local_name(cup.stages[1], "it") == "Final"
    assert find_stage(cup, "ottavi di finale") is cup.stages[0]


def test_bad_stage_names_are_reported_with_their_line(tmp_path):
    _, problems = _competitions(
        "- name: Cup\n  stages:\n    - {name: Round of 16, names: [Ottavi]}\n"
        "    - {name: Final, aliases: [finale], names: {Italian: Finale}}\n"
        "    - {name: Semi-finals, names: {it: Finale}}\n", tmp_path)
    messages = [problem.format() for problem in problems.errors]
    assert len(messages) == 3, messages
    assert ":3: " in messages[0] and "`names`" in messages[0]
    assert ":4: " in messages[1] and "language codes" in messages[1]
    assert ":5: " in messages[2] and "'Finale' names both 'Final'" in messages[2]


def test_the_real_registry_names_every_stage_in_italian():
    problems, registry = Problems(), Registry()
    path = ROOT / "content" / "competitions.yaml"
    load_competitions(load(path.read_text(encoding="utf-8")), str(path), problems, registry)
    assert problems.errors == []
    unnamed = [(c.name, s.name) for c in registry.competitions.values() for s in c.stages if "it" not in dict(s.names)]
    assert unnamed == []


# ---------------------------------------------------------------- a missing translation is a warning

def test_missing_translations_are_listed():
    marked = [i18n.Marked("Skip to content", "base.html", 1), i18n.Marked("A phrase nobody translated", "x.html", 2)]
    assert [item.msgid for item in i18n.missing_translations("it", marked)] == ["A phrase nobody translated"]
    assert i18n.missing_translations("en", marked) == []
    assert len(i18n.missing_translations("de", marked)) == 2
    assert i18n.translator("it").gettext("A phrase nobody translated") == "A phrase nobody translated"


def test_a_new_word_in_a_template_is_a_build_warning(tmp_path, capsys):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "tests" / "fixtures" / "valid", project)
    shutil.copytree(TEMPLATES, project / "templates")
    config = project / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("../../../templates", "templates")
                      .replace("../../../static", str(ROOT / "static")), encoding="utf-8")
    base = project / "templates" / "base.html"
    base.write_text(base.read_text(encoding="utf-8").replace(
        "<main", "<p>{% trans %}Offside trap{% endtrans %}</p>\n<main"), encoding="utf-8")
    assert main(["--config", str(config), "--out", str(tmp_path / "site")]) == 0
    err = capsys.readouterr().err
    assert "warning: no translation of 'Offside trap' (used in base.html): 'it' pages show it in English" in err
    recap = (tmp_path / "site" / "articles" / "atalanta-club-brugge-ritorno" / "index.html").read_text("utf-8")
    assert "<p>Offside trap</p>" in recap


def test_dates_and_numbers_in_the_readers_language():
    import datetime as dt
    assert i18n.long_date(dt.date(2025, 2, 18), "it") == "18 febbraio 2025"
    assert (i18n.number(10000, "en"), i18n.number(10000, "it")) == ("10,000", "10.000")


def test_json_ld_is_unchanged_by_the_language(italian_site):
    """Structured data stays parseable on Italian pages."""
    recap = (italian_site / "articles" / "atalanta-club-brugge-ritorno" / "index.html").read_text("utf-8")
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', recap, re.S).group(1)
    assert json.loads(block)["@type"] == "NewsArticle"
