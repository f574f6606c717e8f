"""The link checker over rendered files: what resolves, what does not, and how it is said."""
import pytest

from recaps.linkcheck import check_links, scan

BASE = "https://example.github.io/recaps/"
STATIC = ["/static/style.css", "/static/img/ball.svg"]


def site(**pages: str) -> dict[str, bytes]:
    """Pages by URL; keyword names stand for URLs: home -> "/", teams_a -> "/teams/a/"."""
    files = {"/": b"<h1 id=top>Home</h1>", "/teams/a/": b'<h1 id="record">A</h1>', "/feed.xml": b"<feed/>"}
    for name, html in pages.items():
        url = "/" if name == "home" else "/" + name.replace("_", "/") + "/"
        files[url] = html.encode()
    return files


def messages(files, base=BASE, static=STATIC) -> list[str]:
    return [problem.format() for problem in check_links(files, static, base)]


@pytest.mark.parametrize("link", [
    "/recaps/", "/recaps", "/recaps/teams/a/", "/recaps/teams/a", "/recaps/teams/a/index.html",
    "/recaps/teams/a/#record", "#top", "#", "/recaps/feed.xml", "/recaps/static/style.css",
    "https://example.github.io/recaps/teams/a/", "//example.github.io/recaps/teams/a/",
    "teams/a/", "./teams/a/#record", "https://www.uefa.com/nope/", "mailto:desk@example.org",
    "/recaps/teams/a/?page=2",
])
def test_links_that_resolve(link):
    assert messages(site(home=f'<h1 id=top>Home</h1><a href="{link}">x</a>')) == []


def test_broken_link_names_the_page_and_the_link():
    files = site(articles_x='<p><a href="/recaps/teams/zz/">Z</a></p>')
    assert messages(files) == ["/articles/x/: broken link /recaps/teams/zz/: the site has no page or file at /teams/zz/"]


def test_missing_fragment_on_another_page_and_on_the_same_page():
    files = site(articles_x='<a href="/recaps/teams/a/#results">r</a> <a href="#comments">c</a>')
    assert messages(files) == [
        '/articles/x/: broken fragment /recaps/teams/a/#results: no element with id="results" on /teams/a/',
        '/articles/x/: broken fragment #comments: no element with id="comments" on /articles/x/',
    ]


def test_missing_asset_stylesheet_and_image():
    files = site(home='<link rel="stylesheet" href="/recaps/static/site.css"><img src="/recaps/static/img/ball.svg">'
                      '<img src="/recaps/static/img/logo.png" alt="">')
    assert messages(files) == [
        "/: broken link /recaps/static/site.css: the site has no page or file at /static/site.css",
        "/: broken link /recaps/static/img/logo.png: the site has no page or file at /static/img/logo.png",
    ]


@pytest.mark.parametrize("link", ["/teams/a/", "/recapsx/teams/a/", "/recaps/../teams/a/", "../../../elsewhere/",
                                  "https://example.github.io/teams/a/"])
def test_link_outside_the_base_path(link):
    files = site(teams_b=f'<a href="{link}">a</a>')
    assert messages(files) == [f"/teams/b/: link {link} leaves the site: it is outside the base path /recaps/"]


def test_at_a_domain_root_every_path_is_inside_the_base():
    files = site(home='<a href="/teams/a/">a</a> <a href="/recaps/teams/a/">b</a>')
    assert messages(files, base="/") == ["/: broken link /recaps/teams/a/: the site has no page or file at /recaps/teams/a/"]


def test_a_link_on_many_pages_is_reported_on_each_once():
    nav = '<a href="/recaps/nope/">n</a><a href="/recaps/nope/">again</a>'
    files = site(home=nav, teams_b=nav)
    assert messages(files) == ["/: broken link /recaps/nope/: the site has no page or file at /nope/",
                               "/teams/b/: broken link /recaps/nope/: the site has no page or file at /nope/"]


def test_text_that_looks_like_links_is_not_a_link():
    files = site(home='<p>write href="/recaps/nope/" in text</p><!-- <a href="/recaps/gone/"> -->'
                      '<script>let a = "<a href=\'/recaps/js/\'>";</script>'
                      '<a title="id=x href=/recaps/zz/" href="/recaps/teams/a/">ok</a>')
    assert messages(files) == []


def test_entities_in_links_are_decoded_as_a_browser_does():
    files = site(home='<a href="/recaps/teams/a/?x=1&amp;y=2#record">a</a> <a href="/recaps/te&#97;ms/a/">b</a>')
    assert messages(files) == []


def test_scan_reads_quoted_bare_and_uppercase_attributes():
    found = scan("<A HREF='/one/'>1</A><img src=/two.png><section ID=\"s\"><a name=old></a>")
    assert found.links == ("/one/", "/two.png") and found.ids == {"s", "old"}


def test_the_404_page_may_not_use_relative_links():
    files = site()
    files["/404.html"] = b'<a href="teams/a/">a</a> <a href="#top">t</a> <a href="/recaps/teams/a/">b</a> <h1 id=top></h1>'
    assert messages(files) == ["/404.html: relative link teams/a/ on the 404 page, which is served at every missing "
                               "URL, so it breaks at other depths: make it start with /recaps/"]
