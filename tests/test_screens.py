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


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_screenshots(site, width, scheme):
    origin, browser = site
    SHOTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    for kind in KINDS:
        page.goto(origin + BASE + SAMPLE[kind])
        shot = SHOTS / f"{kind}-{width}-{scheme}.png"
        page.screenshot(path=str(shot), full_page=True)
        assert _png_width(shot) == width, f"{kind} is wider than {width} px"
    context.close()
