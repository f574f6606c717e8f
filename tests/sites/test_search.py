"""The search index: one index for both languages in shards (Pagefind bundles merged at search
time), the same bytes on every build, a shard made again only when its pages changed, and the
header's box finding recaps and teams of every shard in a real Chromium under a subpath, their
results showing the scores.

The real content/ has 21 searchable pages; built here with shards of at most 4 pages it gets 7
shards (of 8 planned: one is empty), so every browser test searches merged shards."""
import gzip
import json
import os
import shutil
import threading
from pathlib import Path

import pytest

from recaps import search
from recaps.cli import main
from recaps.errors import BuildFailed, Problems
from recaps.search import index_site
from tests.sitebrowser import BASE, built_site, chromium
from tests.serving import ROOT, copy_project

pytestmark = pytest.mark.slow


SMALL_SHARDS = 4


def _bundle(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _fragments(site: Path) -> list[dict]:
    """Every page in the bundle, as Pagefind stores it (gzipped JSON after a signature)."""
    return [json.loads(gzip.decompress(path.read_bytes())[len("pagefind_dcd"):])
            for path in sorted((site / "pagefind").glob("*/fragment/*.pf_fragment"))]


def _shards(site: Path) -> list[str]:
    return json.loads((site / "pagefind" / "shards.json").read_text(encoding="utf-8"))["shards"]


def _files(shard: Path) -> dict[str, int]:
    """Each file of a shard folder and its inode: a shard linked from the earlier bundle keeps them."""
    return {path.relative_to(shard).as_posix(): path.stat().st_ino for path in shard.rglob("*") if path.is_file()}


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """(origin, site): the real content/ built under BASE, in shards of SMALL_SHARDS pages, and served on
    loopback."""
    patch = pytest.MonkeyPatch()
    patch.setattr(search, "SHARD_PAGES", SMALL_SHARDS)
    try:
        with built_site(tmp_path_factory.mktemp("search")) as origin_and_site:
            patch.undo()  # for the build only
            yield origin_and_site
    finally:
        patch.undo()


@pytest.fixture
def small_shards(monkeypatch):
    monkeypatch.setattr(search, "SHARD_PAGES", SMALL_SHARDS)


@pytest.fixture
def remade(monkeypatch) -> list[int]:
    """The numbers of the shards Pagefind is run for, in order, while the test runs."""
    numbers: list[int] = []
    make_shard = search._make_shard

    def recorded(out_dir, into, shard, problems):
        numbers.append(shard.number)
        return make_shard(out_dir, into, shard, problems)

    monkeypatch.setattr(search, "_make_shard", recorded)
    return numbers


def _number(folder: str) -> int:
    """The number of the shard in a folder of the bundle (named `<number>-<digest of its key>`)."""
    return int(folder.split("-")[0])


@pytest.fixture(scope="module")
def site(served) -> Path:
    return served[1]


def test_one_index_holds_the_recaps_of_both_languages(site):
    entries = [json.loads((site / "pagefind" / shard / "pagefind-entry.json").read_text(encoding="utf-8"))
               for shard in _shards(site)]
    assert all(list(entry["languages"]) == ["en"] for entry in entries)  # config.yaml's; Italian recaps too
    langs = {path.parent.name: path.read_text(encoding="utf-8").split('lang="', 1)[1][:2]
             for path in (site / "articles").glob("*/index.html")}
    assert sorted(set(langs.values())) == ["en", "it"]
    recaps, teams, ties = (len(list(site.glob(pattern))) for pattern in
                           ("articles/*/index.html", "teams/*/index.html", "ties/*/*/*/*/index.html"))
    assert sum(entry["languages"]["en"]["page_count"] for entry in entries) == recaps + teams + ties


def test_indexing_again_gives_the_same_bytes(site, tmp_path, small_shards):
    again = tmp_path / "recaps"
    shutil.copytree(site, again)
    index_site(again, "en", Problems())
    assert _bundle(again / "pagefind") == _bundle(site / "pagefind")


@pytest.mark.parametrize("pages, shards", [(1, 1), (512, 1), (513, 2), (1024, 2), (1025, 4), (1794, 4),
                                           (16334, 32), (16385, 64)])
def test_shards_are_a_power_of_two_of_at_most_about_shard_pages(pages, shards):
    assert search.SHARD_PAGES == 512
    assert search.shard_count(pages) == shards


def test_a_page_stays_in_its_shard_as_pages_are_added():
    earlier = {f"articles/recap-{number}/index.html": "d" for number in range(600)}
    later = earlier | {f"teams/team-{number}/index.html": "d" for number in range(400)}
    assert search.shard_count(len(earlier)) == search.shard_count(len(later)) == 2

    def shard_by_page(digests):
        return {page: shard.number for shard in search.plan_shards(digests, "en") for page, _ in shard.pages}

    assert shard_by_page(later).items() >= shard_by_page(earlier).items()


def test_the_test_site_is_searched_in_merged_shards(site, small_shards):
    """The premise of the browser tests: several shards, and the results they look for outside the first
    (the one loaded; the others are merged into it)."""
    shards = _shards(site)
    assert len(shards) == 7 and shards == sorted(shards, key=_number)
    count = search.shard_count(len(search.indexed_pages(site)))
    for page in ("articles/atalanta-club-brugge-ritorno/index.html", "teams/club-brugge/index.html"):
        assert search.shard_of(page, count) in [_number(folder) for folder in shards[1:]]


def test_each_shard_holds_what_the_search_api_needs_and_not_pagefinds_own_ui(site):
    for shard in _shards(site):
        names = {path.name for path in (site / "pagefind" / shard).iterdir()}
        assert {"pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "wasm.en.pagefind", "index", "fragment",
                search.KEY_FILE} <= names
        assert not names & set(search.UNUSED)
        recorded = json.loads((site / "pagefind" / shard / search.KEY_FILE).read_text(encoding="utf-8"))
        assert set(recorded["files"]) == set(_files(site / "pagefind" / shard)) - {search.KEY_FILE}


EDITED = "articles/atalanta-club-brugge-ritorno/index.html"


def _edit(site: Path, page: str) -> None:
    """Change a page as a build does: a new file in its place (the old one may be linked elsewhere)."""
    content = (site / page).read_bytes().replace(b"</main>", b"<p>Quizzically late winner.</p></main>")
    (site / page).unlink()
    (site / page).write_bytes(content)


def _cold(site: Path, tmp_path: Path) -> dict[str, bytes]:
    """The bundle a build with nothing to reuse makes of the pages of `site`."""
    cold = tmp_path / "cold"
    shutil.copytree(site, cold, ignore=shutil.ignore_patterns("pagefind"))
    index_site(cold, "en", Problems())
    return _bundle(cold / "pagefind")


def _shard_of(page: str, site: Path) -> int:
    return search.shard_of(page, search.shard_count(len(search.indexed_pages(site))))


def test_an_edited_page_remakes_only_its_shard(site, tmp_path, small_shards, remade):
    """As the preview does (`previous` is the folder itself): the other shards stay as they are."""
    copy = tmp_path / "recaps"
    shutil.copytree(site, copy)
    earlier = {_number(folder): (folder, _files(copy / "pagefind" / folder)) for folder in _shards(copy)}
    _edit(copy, EDITED)
    assert index_site(copy, "en", Problems(), previous=copy) == search.Indexed(made=1, shards=7)
    edited = _shard_of(EDITED, copy)
    assert remade == [edited]
    for folder in _shards(copy):
        if _number(folder) == edited:
            assert folder != earlier[edited][0]  # another key, another folder
        else:
            assert (folder, _files(copy / "pagefind" / folder)) == earlier[_number(folder)]  # the very files
    assert sorted(os.listdir(copy / "pagefind")) == sorted([search.LISTING, *_shards(copy)])  # the old one gone
    assert "Quizzically" in json.dumps([fragment["content"] for fragment in _fragments(copy)])
    assert _bundle(copy / "pagefind") == _cold(copy, tmp_path)


def test_a_build_keeps_the_shards_it_has_links_the_live_ones_and_makes_the_rest(site, tmp_path, small_shards,
                                                                                remade):
    """As a build does: the staging folder holds the site of two builds ago, `previous` is the live site."""
    live, staging = tmp_path / "live", tmp_path / "staging"
    shutil.copytree(site, live)
    shutil.copytree(site, staging)
    edited_before = _shard_of(EDITED, site)
    other = next(page for page in search.indexed_pages(site) if _shard_of(page, site) != edited_before)
    _edit(live, EDITED)
    index_site(live, "en", Problems(), previous=live)  # the last build
    (staging / EDITED).unlink()
    shutil.copyfile(live / EDITED, staging / EDITED)  # this build renders it as the last one did
    _edit(staging, other)  # and this build's own edit
    in_staging = {folder: _files(staging / "pagefind" / folder) for folder in _shards(staging)}
    in_live = {folder: _files(live / "pagefind" / folder) for folder in _shards(live)}
    remade.clear()
    index_site(staging, "en", Problems(), previous=live)
    assert remade == [_shard_of(other, staging)]
    for folder in _shards(staging):
        files = _files(staging / "pagefind" / folder)
        if _number(folder) == edited_before:
            assert files == in_live[folder]  # linked from the live site
        elif _number(folder) != _shard_of(other, staging):
            assert files == in_staging[folder]  # kept where it was
    assert _bundle(staging / "pagefind") == _cold(staging, tmp_path)


def test_a_build_after_one_recap_edit_runs_pagefind_for_the_shards_of_changed_pages_alone(tmp_path, small_shards,
                                                                                         remade):
    config = copy_project(ROOT / "tests" / "fixtures" / "valid" / "config.yaml", tmp_path / "project")
    out = tmp_path / "site"
    assert main(["--config", str(config), "--out", str(out), "--quiet"]) == 0
    assert sorted(remade) == [_number(folder) for folder in _shards(out)] and len(remade) > 2
    before = {page: (out / page).read_bytes() for page in search.indexed_pages(out)}
    recap = config.parent / "content" / "articles" / "final.md"
    recap.write_text(recap.read_text(encoding="utf-8") + "\nQuizzically late winner.\n", encoding="utf-8")
    remade.clear()
    assert main(["--config", str(config), "--out", str(out), "--quiet"]) == 0
    changed = [page for page in search.indexed_pages(out) if (out / page).read_bytes() != before.get(page)]
    assert "articles/final/index.html" in changed
    assert sorted(remade) == sorted({_shard_of(page, out) for page in changed})
    assert _bundle(out / "pagefind") == _cold(out, tmp_path)


def test_shards_made_side_by_side_give_the_bytes_of_one_at_a_time(site, tmp_path, small_shards, monkeypatch):
    """jobs=2: two Pagefind runs at once (seen overlapping), the bundle the same whatever order they end in."""
    copy = tmp_path / "recaps"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("pagefind"))
    lock, at_once, most = threading.Lock(), [0], [0]
    make_shard = search._make_shard

    def counted(*args):
        with lock:
            at_once[0] += 1
            most[0] = max(most[0], at_once[0])
        try:
            return make_shard(*args)
        finally:
            with lock:
                at_once[0] -= 1

    monkeypatch.setattr(search, "_make_shard", counted)
    assert index_site(copy, "en", Problems(), jobs=2) == search.Indexed(made=7, shards=7)
    assert most[0] == 2
    assert _bundle(copy / "pagefind") == _bundle(site / "pagefind")  # the site was indexed one at a time


def test_failed_runs_side_by_side_keep_the_earlier_bundle(site, tmp_path, small_shards, monkeypatch):
    copy = tmp_path / "recaps"
    shutil.copytree(site, copy)
    earlier = _bundle(copy / "pagefind")
    for page in search.indexed_pages(copy):
        _edit(copy, page)  # every shard to be made again
    monkeypatch.setattr(search, "get_executable", lambda: tmp_path / "no-pagefind")
    problems = Problems()
    with pytest.raises(BuildFailed):
        index_site(copy, "en", problems, previous=copy, jobs=2)
    assert problems.errors and all("cannot run Pagefind" in problem.format() for problem in problems.errors)
    assert _bundle(copy / "pagefind") == earlier
    assert not list(copy.glob(".pagefind*")) and not list((copy / "pagefind").glob(".*"))


def _garbled(shard: Path) -> None:
    (shard / search.KEY_FILE).write_bytes(b'{"key": {"pagefind": ')


def _other_digest(shard: Path) -> None:
    recorded = json.loads((shard / search.KEY_FILE).read_text(encoding="utf-8"))
    page = next(iter(recorded["key"]["pages"]))
    recorded["key"]["pages"][page] = "0" * 32
    (shard / search.KEY_FILE).write_text(json.dumps(recorded), encoding="utf-8")


def _truncated_fragment(shard: Path) -> None:
    fragment = next((shard / "fragment").iterdir())
    fragment.write_bytes(fragment.read_bytes()[:10])


@pytest.mark.parametrize("spoil", [
    lambda shard: (shard / search.KEY_FILE).unlink(),
    _garbled,
    lambda shard: (shard / search.KEY_FILE).write_text('{"key": [], "files": 3}', encoding="utf-8"),
    _other_digest,
    lambda shard: next((shard / "fragment").iterdir()).unlink(),
    _truncated_fragment,
    lambda shard: shutil.rmtree(shard),
], ids=["key missing", "key garbled", "key of another shape", "a digest changed", "a fragment missing",
        "a fragment cut short", "shard missing"])
def test_a_shard_whose_key_or_files_are_spoilt_is_made_again_never_trusted(site, tmp_path, small_shards, remade,
                                                                          spoil):
    copy = tmp_path / "recaps"
    shutil.copytree(site, copy)
    spoilt = _shards(copy)[2]
    spoil(copy / "pagefind" / spoilt)
    index_site(copy, "en", Problems(), previous=copy)
    assert remade == [_number(spoilt)]
    remade.clear()
    assert _bundle(copy / "pagefind") == _cold(copy, tmp_path)


def test_a_shard_is_reused_only_from_a_bundle_of_the_same_options(site, tmp_path, small_shards, remade):
    copy = tmp_path / "recaps"
    shutil.copytree(site, copy)
    index_site(copy, "it", Problems(), previous=copy)  # another --force-language
    assert remade == [_number(folder) for folder in _shards(copy)]


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
    assert seen_while_running == [earlier]  # one shard: SHARD_PAGES is not made small here
    assert _bundle(copy / "pagefind") != earlier  # one recap fewer in the new index
    assert not list(copy.glob(".pagefind*")) and not list((copy / "pagefind").glob(".*"))

    made = _bundle(copy / "pagefind")
    monkeypatch.setattr(search, "get_executable", lambda: tmp_path / "no-pagefind")
    with pytest.raises(BuildFailed):
        index_site(copy, "en", Problems())
    assert _bundle(copy / "pagefind") == made
    assert not list(copy.glob(".pagefind*")) and not list((copy / "pagefind").glob(".*"))


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


@pytest.mark.browser
def test_a_search_ranks_the_results_of_every_shard_together(served, small_shards):
    """The box's Pagefind, the first shard with the others merged in, answers from every shard: each
    page that holds the word, best score first (Pagefind sorts the shards' results together)."""
    origin, site = served
    with chromium() as browser:
        page = browser.new_page()
        page.goto(origin + BASE)
        page.get_by_role("searchbox", name="Search").fill("Atalanta")
        page.locator(".search__results a").first.wait_for(timeout=15000)
        found = page.evaluate("""async (base) => {
            const { shards } = await (await fetch(`${base}pagefind/shards.json`)).json();
            const pagefind = await import(`${base}pagefind/${shards[0]}/pagefind.js`);  // the box's own
            const search = await pagefind.search("Atalanta");
            return Promise.all(search.results.map(async (result) => [(await result.data()).url, result.score]));
        }""", BASE)
    scores = [score for _, score in found]
    assert scores == sorted(scores, reverse=True)
    pages = [url.removeprefix(BASE) + "index.html" for url, _ in found]
    holding = {fragment["url"].lstrip("/") + "index.html" for fragment in _fragments(site)
               if "atalanta" in fragment["content"].lower()}
    assert sorted(pages) == sorted(holding)
    count = search.shard_count(len(search.indexed_pages(site)))
    assert len({search.shard_of(page, count) for page in pages}) >= 3


def test_every_recap_and_tie_carries_its_scores_for_the_results(site):
    """Pagefind reads the scores from inside <main> (metadata outside it is dropped)."""
    fragments = _fragments(site)
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
    fragments = _fragments(site)
    tie = next(fragment for fragment in fragments if fragment["url"].startswith("/ties/"))
    assert "Club Brugge" in tie["content"] and "BRUClub" not in tie["content"]
    assert not any("BRUClub" in fragment["content"] or "ATAAtalanta" in fragment["content"] for fragment in fragments)
