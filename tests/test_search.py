"""The search index: one Pagefind bundle for both languages, the same bytes on every
build, and the header's box finding recaps and teams in a real Chromium under a subpath, their
results showing the scores."""
import gzip
import json
import shutil
from pathlib import Path

import pytest

from recaps import search
from recaps.errors import BuildFailed, Problems
from recaps.search import index_site
from sitebrowser import BASE, built_site, chromium


def _bundle(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """(origin, site): the real content/ built under BASE and served on loopback."""
    with built_site(tmp_path_factory.mktemp("search")) as origin_and_site:
        yield origin_and_site


@pytest.fixture(scope="module")
def site(served) -> Path:
    return served[1]


def test_one_index_holds_the_recaps_of_both_languages(site):
    entry = json.loads((site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert list(entry["languages"]) == ["en"]  # config.yaml's language; Italian recaps are in it too
    langs = {path.parent.name: path.read_text(encoding="utf-8").split('lang="', 1)[1][:2]
             for path in (site / "articles").glob("*/index.html")}
    assert sorted(set(langs.values())) == ["en", "it"]
    recaps, teams, ties = (len(list(site.glob(pattern))) for pattern in
                           ("articles/*/index.html", "teams/*/index.html", "ties/*/*/*/*/index.html"))
    assert entry["languages"]["en"]["page_count"] == recaps + teams + ties


def test_indexing_again_gives_the_same_bytes(site, tmp_path):
    again = tmp_path / "recaps"
    shutil.copytree(site, again)
    index_site(again, "en", Problems())
    assert _bundle(again / "pagefind") == _bundle(site / "pagefind")


def test_a_site_without_recaps_teams_or_ties_gets_no_bundle(tmp_path):
    (tmp_path / "index.html").write_text('<html lang="en"><main>Home</main></html>', encoding="utf-8")
    index_site(tmp_path, "en", Problems())
    assert not (tmp_path / "pagefind").exists()


def test_pagefind_that_cannot_run_is_reported_not_raised(site, tmp_path, monkeypatch):
    monkeypatch.setattr(search, "get_executable", lambda: tmp_path / "no-pagefind")
    copy, problems = tmp_path / "recaps", Problems()
    shutil.copytree(site, copy)
    with pytest.raises(BuildFailed):
        index_site(copy, "en", problems)
    [problem] = problems.errors
    assert problem.format() == f"{tmp_path / 'no-pagefind'}: cannot run Pagefind: No such file or directory"


def test_the_earlier_bundle_answers_until_the_new_one_is_complete(site, tmp_path, monkeypatch):
    """The preview re-indexes a site it is serving: while Pagefind runs, and when it fails, the
    earlier bundle stays whole in its place; afterwards no half-made folder is left."""
    copy = tmp_path / "recaps"
    shutil.copytree(site, copy)
    earlier = _bundle(copy / "pagefind")
    run_pagefind = search._run_pagefind
    seen_while_running = []

    def watched(*args):
        seen_while_running.append(_bundle(copy / "pagefind"))
        run_pagefind(*args)

    monkeypatch.setattr(search, "_run_pagefind", watched)
    (copy / "articles" / "atalanta-club-brugge-ritorno" / "index.html").unlink()
    index_site(copy, "en", Problems())
    assert seen_while_running == [earlier]
    assert _bundle(copy / "pagefind") != earlier  # one recap fewer in the new index
    assert not list(copy.glob(".pagefind*"))

    made = _bundle(copy / "pagefind")
    monkeypatch.setattr(search, "get_executable", lambda: tmp_path / "no-pagefind")
    with pytest.raises(BuildFailed):
        index_site(copy, "en", Problems())
    assert _bundle(copy / "pagefind") == made
    assert not list(copy.glob(".pagefind*"))


@pytest.mark.browser
@pytest.mark.parametrize("query, expected", [
    ("Lookman", BASE + "articles/atalanta-club-brugge-ritorno/"),
    ("Brugge", BASE + "teams/club-brugge/"),
    ("rigore", BASE + "articles/atalanta-club-brugge-ritorno/"),  # Italian, searched from the English home page
])
def test_the_header_box_finds_recaps_and_teams(served, query, expected):
    origin, _ = served
    with chromium() as browser:
        page = browser.new_page()
        page.goto(origin + BASE)
        assert page.locator("html").get_attribute("lang") == "en"
        page.get_by_role("searchbox", name="Search").fill(query)
        results = page.locator(".search__results a")
        results.first.wait_for(timeout=15000)
        hrefs = [link.get_attribute("href") for link in results.all()]
        assert expected in hrefs
        assert all(href.startswith(BASE) for href in hrefs)


@pytest.mark.browser
@pytest.mark.parametrize("query, url, scores", [
    ("rigore", "articles/atalanta-club-brugge-ritorno/", "Atalanta 1–3 Club Brugge"),  # a recap: its match
    ("Brugge", "ties/uefa-champions-league/2024-25/knockout-phase-play-offs/club-brugge-vs-atalanta/",
     "5–2 agg."),  # a tie: its aggregate, team 1 first as in its title
])
def test_results_show_the_scores(served, query, url, scores):
    origin, _ = served
    with chromium() as browser:
        page = browser.new_page()
        page.goto(origin + BASE)
        page.get_by_role("searchbox", name="Search").fill(query)
        row = page.locator(".search__results li").filter(has=page.locator(f'a[href="{BASE}{url}"]'))
        row.wait_for(timeout=15000)
        assert row.locator(".search__scores").inner_text() == scores
        # one index for both languages: a result in the other language is marked as such
        assert row.locator("a").get_attribute("lang") == ("it" if url.startswith("articles/") else None)


def test_every_recap_and_tie_carries_its_scores_for_the_results(site):
    """Pagefind reads the scores from inside <main> (metadata outside it is dropped)."""
    fragments = [json.loads(gzip.decompress(path.read_bytes())[len("pagefind_dcd"):])
                 for path in (site / "pagefind" / "fragment").glob("*.pf_fragment")]
    scores = {fragment["url"]: fragment["meta"].get("scores") for fragment in fragments}
    recaps = [url for url in scores if url.startswith("/articles/")]
    ties = [url for url in scores if url.startswith("/ties/")]
    assert recaps and ties
    assert scores["/articles/atalanta-club-brugge-ritorno/"] == "Atalanta 1–3 Club Brugge"
    assert all(scores[url] for url in ties)
    assert not any(scores[url] for url in scores if url.startswith("/teams/"))
    langs = {fragment["url"]: fragment["meta"].get("lang") for fragment in fragments}
    assert langs["/articles/atalanta-club-brugge-ritorno/"] == "it"
    assert {langs[url] for url in recaps} == {"en", "it"} and {langs[url] for url in ties} == {"en"}


def test_the_index_reads_what_a_screen_reader_reads(site):
    """Decoration hidden from assistive technology (a crest's initials before a club's name) is left
    out of the indexed text, so a result's excerpt reads "Club Brugge 2–1 Atalanta", not "BRUClub Brugge"."""
    fragments = [json.loads(gzip.decompress(path.read_bytes())[len("pagefind_dcd"):])
                 for path in (site / "pagefind" / "fragment").glob("*.pf_fragment")]
    tie = next(fragment for fragment in fragments if fragment["url"].startswith("/ties/"))
    assert "Club Brugge" in tie["content"] and "BRUClub" not in tie["content"]
    assert not any("BRUClub" in fragment["content"] or "ATAAtalanta" in fragment["content"] for fragment in fragments)
