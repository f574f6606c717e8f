"""Screenshots of each kind of page on a phone and a desktop, light and dark, for a person
to look at: written to screenshots/ (ignored by git), one PNG per page, width and scheme."""
import struct
from pathlib import Path

import pytest

from sitebrowser import BASE, ROOT, SAMPLE, SCHEMES, built_site, chromium

pytestmark = pytest.mark.browser
SHOTS = ROOT / "screenshots"
KINDS = ("home", "recap", "team", "tie", "competition-season")
WIDTHS = (390, 1280)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with built_site(tmp_path_factory.mktemp("screens")) as (origin, _), chromium() as browser:
        yield origin, browser


def _png_width(path: Path) -> int:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">I", header[16:20])[0]


def _shoot(browser, width: int, scheme: str, shots: dict) -> None:
    """Open each URL of `shots` (name -> (url, what to do there)) at that width and scheme, and
    write its screenshot to screenshots/<name>-<width>-<scheme>.png."""
    SHOTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    for name, (url, action) in shots.items():
        page.goto(url)
        full_page = action(page)
        shot = SHOTS / f"{name}-{width}-{scheme}.png"
        page.screenshot(path=str(shot), full_page=full_page)
        assert _png_width(shot) == width, f"{name} is wider than {width} px"
    context.close()


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_screenshots(site, width, scheme):
    origin, browser = site
    _shoot(browser, width, scheme, {kind: (origin + BASE + SAMPLE[kind], lambda page: True) for kind in KINDS})


def _search(page) -> bool:
    """The header's box open on its results: a team, a tie and recaps of both languages, with scores."""
    page.get_by_role("searchbox", name="Search").fill("Brugge")
    page.locator(".search__results li").nth(2).wait_for(timeout=15000)
    return False  # the viewport: the results float over the page


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_screenshot_of_search_results(site, width, scheme):
    origin, browser = site
    _shoot(browser, width, scheme, {"search": (origin + BASE, _search)})
