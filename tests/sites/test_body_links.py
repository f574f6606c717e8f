"""Links and images in recap bodies: a writer's path-absolute link works under a subpath base URL
(GitHub Pages' project sites), and a dangerous target never reaches the page."""
import pytest

from recaps.bodies import MarkdownRenderer


@pytest.mark.parametrize("base, target, href", [
    ("/recaps/", "/teams/atalanta/", "/recaps/teams/atalanta/"),
    ("/recaps/", "/teams/atalanta/#results", "/recaps/teams/atalanta/#results"),
    ("/recaps/", "/static/img/ball.svg", "/recaps/static/img/ball.svg"),
    ("/recaps/", "/recaps/teams/atalanta/", "/recaps/teams/atalanta/"),  # written for the subpath already
    ("/recaps/", "//cdn.example.org/x/", "//cdn.example.org/x/"),  # another host
    ("/recaps/", "https://www.uefa.com/", "https://www.uefa.com/"),
    ("/recaps/", "../atalanta-club-brugge/", "../atalanta-club-brugge/"),  # relative: already right
    ("/recaps/", "#comments", "#comments"),
    ("/recaps/", "javascript:alert(1)", "#"),
    ("/", "/teams/atalanta/", "/teams/atalanta/"),  # a site at the domain root: as written
])
def test_a_link_in_a_body(base, target, href):
    html = MarkdownRenderer(False, base_path=base).convert(f"[Atalanta]({target}) ![ball]({target})")
    assert html == f'<p><a href="{href}">Atalanta</a> <img alt="ball" src="{href}"></p>'


def test_the_converted_html_is_cached_per_base_path():
    """One text, two bases: the cache of converted bodies must not hand one base's HTML to the other."""
    text = "[Atalanta](/teams/atalanta/)"
    at_root, under = MarkdownRenderer(False), MarkdownRenderer(False, base_path="/recaps/")
    assert at_root(text) != under(text)
