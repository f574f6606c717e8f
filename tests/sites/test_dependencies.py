"""The dependency map: what each output reads, and which outputs an edit names for rendering again."""
from __future__ import annotations


import pytest

from recaps.dependencies import DependencyMap, Digested, Inputs, input_key
from recaps.errors import Problems
from recaps.model import Team
from recaps.pipeline import Timings, assemble_site, configure, plan_site
from recaps.render import Renderer
from tests.serving import ROOT, copy_project

FIXTURE = ROOT / "tests" / "fixtures" / "valid"
FIRST_LEG = "/articles/club-brugge-atalanta-first-leg/"
TIE = "/ties/uefa-champions-league/2024-25/knockout-phase-play-offs/club-brugge-vs-atalanta/"
FEEDS = {"/feed.xml", "/teams/club-brugge/feed.xml", "/teams/atalanta/feed.xml",
         "/competitions/uefa-champions-league/feed.xml"}


def mapped(config_file, previous: Digested | None = None) -> DependencyMap:
    return mapped_with(config_file, previous)[0]


def mapped_with(config_file, previous: Digested | None = None) -> tuple[DependencyMap, Digested]:
    """The map of the project, and what its inputs worked out (`previous`: the build before's)."""
    problems = Problems()
    config = configure(config_file, problems)
    pages = plan_site(assemble_site(config, problems, Timings()), config, problems, Timings())
    inputs = Renderer(config).inputs(previous)
    return DependencyMap.of(pages, inputs), inputs.digested


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


RECAP = "content/articles/club-brugge-atalanta-first-leg.md"
RITORNO = "content/articles/atalanta-club-brugge-ritorno.md"

# (file, text, replacement) -> outputs whose key must change; outputs whose key must not
EDITS = [
    pytest.param(RECAP, "took a 2-1 lead", "took a narrow lead", {FIRST_LEG} | FEEDS,
                 {"/", "/articles/", "/data/articles.json", TIE, "/teams/atalanta/", "/sitemap.xml"}, id="body"),
    pytest.param(RECAP, "title: Late penalty gives Club Brugge the edge over Atalanta", "title: Brugge edge it",
                 {FIRST_LEG, "/", "/articles/", TIE, "/teams/atalanta/", "/data/articles.json"} | FEEDS,
                 {"/data/matches.json", "/competitions/"}, id="title"),
    pytest.param(RITORNO, "score: 1–3", "score: 1–4",
                 {FIRST_LEG, TIE, "/data/ties.json", "/data/matches.json", "/data/teams.json", "/teams/atalanta/"},
                 {"/404.html", "/robots.txt"}, id="second-leg score"),
    pytest.param("templates/macros.html", "{% macro pager(p, lang) %}", "{% macro pager(p, lang) %}<!-- x -->",
                 {"/articles/", "/ties/", "/teams/", FIRST_LEG},
                 {"/404.html", "/competitions/", "/data/ties.json", "/sitemap.xml"}, id="macro"),
]


@pytest.mark.parametrize("path, old, new, changed, unchanged", EDITS)
def test_an_edit_changes_the_keys_of_the_outputs_that_read_it_alone(tmp_path, path, old, new, changed, unchanged):
    config = copy_project(FIXTURE / "config.yaml", tmp_path)
    before = mapped(config)
    edit(tmp_path / path, old, new)
    after = mapped(config)
    named = set(after.changed(before.keys))
    assert changed <= named and not unchanged & named


@pytest.mark.parametrize("path, old, new, changed, unchanged", EDITS)
def test_a_map_taking_keys_and_digests_from_the_build_before_is_the_map_made_afresh(
        tmp_path, path, old, new, changed, unchanged):
    config = copy_project(FIXTURE / "config.yaml", tmp_path)
    _, digested = mapped_with(config)
    edit(tmp_path / path, old, new)
    carried, fresh = mapped(config, digested), mapped(config)
    assert carried.keys == fresh.keys and carried.reads == fresh.reads


# input -> outputs that must read it; outputs that must not
READS = [
    ("recap:club-brugge-atalanta-first-leg", {FIRST_LEG, "/feed.xml", "/teams/atalanta/feed.xml", TIE,
                                              "/teams/atalanta/", "/articles/"}, {"/404.html", "/competitions/"}),
    ("team:atalanta", {FIRST_LEG, TIE, "/teams/atalanta/", "/teams/"}, {"/404.html", "/robots.txt"}),
    ("template:macros.html", {FIRST_LEG, "/articles/"}, {"/data/ties.json", "/sitemap.xml"}),
    ("config", {FIRST_LEG, "/sitemap.xml", "/data/ties.json"}, set()),
]


@pytest.mark.parametrize("key, reading, not_reading", READS)
def test_the_map_names_the_outputs_that_read_an_input(key, reading, not_reading):
    dependencies = mapped(FIXTURE / "config.yaml")
    named = dependencies.reading([key])
    assert reading <= named and not not_reading & named


def test_an_input_is_known_by_its_content_not_by_its_object():
    inputs = Inputs(b"config", lambda name: name.encode())
    first, again, other = (Team(name="Atalanta", slug="atalanta"), Team(name="Atalanta", slug="atalanta"),
                           Team(name="Atalanta BC", slug="atalanta"))
    assert input_key(first) == "team:atalanta"
    assert inputs.digest(first)[0] == inputs.digest(again)[0] != inputs.digest(other)[0]


# (the value the build before digested, the value of this build under the same name)
CARRIED = [
    (Team(name="Atalanta", slug="atalanta"), Team(name="Atalanta", slug="atalanta")),
    (Team(name="Atalanta", slug="atalanta"), Team(name="Atalanta BC", slug="atalanta")),
    (Team(name="Atalanta", slug="atalanta", grounds=("Gewiss Stadium",)), Team(name="Atalanta", slug="atalanta")),
]


@pytest.mark.parametrize("before, now", CARRIED)
def test_a_digest_of_the_build_before_stands_for_an_equal_value_alone(before, now):
    earlier = Inputs(b"config", lambda name: name.encode())
    earlier.digest(before)
    carried = Inputs(b"config", lambda name: name.encode(), previous=earlier.digested)
    fresh = Inputs(b"config", lambda name: name.encode())
    assert carried.digest(now) == fresh.digest(now)
    assert (carried.digest(now)[0] == earlier.digest(before)[0]) == (now == before)
