"""The built site in a real headless Chromium, used like a reader uses it:
open the home page, follow links to a tie, check what the page says, on a
phone-sized screen too, and with JavaScript switched off."""
import functools
import http.server
import threading
from pathlib import Path

import pytest

from recaps.cli import main
from tests.sitebrowser import used_fonts

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.browser
BASE = "/recaps/"


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The real content/, built under a project subpath and served on localhost."""
    root = tmp_path_factory.mktemp("served")
    assert main(["--config", str(ROOT / "config.yaml"), "--out", str(root / "recaps"), "--base-url", BASE]) == 0
    handler = functools.partial(_Quiet, directory=str(root))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_reader_follows_links_from_home_to_a_tie(server, browser):
    page = browser.new_page()
    page.goto(server + BASE)
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_role("link", name="Club Brugge 5 Atalanta 2 on aggregate").click()
    page.wait_for_url("**/ties/uefa-champions-league/2024-25/knockout-phase-play-offs/club-brugge-vs-atalanta/")
    assert page.locator(".scoreboard__agg").text_content() == "on aggregate"
    assert "Club Brugge go through on aggregate" in page.locator(".scoreboard__verdict").inner_text()
    page.get_by_role("link", name="L'Atalanta non ribalta il Brugge", exact=False).first.click()
    page.wait_for_url("**/articles/atalanta-club-brugge-ritorno/")
    assert page.locator("html").get_attribute("lang") == "it"
    assert "18 febbraio 2025" in page.content()
    page.get_by_role("link", name="Atalanta").first.click()
    page.wait_for_url("**/teams/atalanta/")
    assert page.get_by_role("heading", name="Atalanta", level=1).is_visible()
    page.close()


def test_pages_have_landmarks_and_work_without_javascript(server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    for path in ("", "ties/", "teams/atalanta/", "competitions/uefa-champions-league/2024-25/", "404.html"):
        assert page.goto(server + BASE + path).ok
        assert page.locator("header").count() >= 1 and page.locator("main").count() == 1
        assert page.locator("nav").count() >= 1 and page.locator("footer").count() >= 1
        assert page.locator("h1").count() == 1
        assert page.locator("img:not([alt])").count() == 0
    context.close()


def test_phone_width_has_no_horizontal_scroll(server, browser):
    page = browser.new_page(viewport={"width": 375, "height": 800})
    for path in ("", "ties/uefa-champions-league/2024-25/knockout-phase-play-offs/club-brugge-vs-atalanta/",
                 "articles/atalanta-club-brugge-ritorno/", "teams/atalanta/"):
        page.goto(server + BASE + path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375, path
    page.close()


def test_a_first_visit_shows_the_headline_face(server, browser):
    """The face is preloaded with the stylesheet, once (the preload is the request the stylesheet
    uses: same URL, same CORS mode), so `font-display: optional` has it for the first paint."""
    css = (ROOT / "static" / "style.css").read_text(encoding="utf-8")
    latin = css[css.index("@font-face"):].split("}", 1)[0]
    face_url = BASE + "static/" + latin.split("url(", 1)[1].split(")", 1)[0]
    context = browser.new_context()  # an empty cache
    page = context.new_page()
    fonts, warnings = [], []
    page.on("request", lambda request: fonts.append(request.url) if request.resource_type == "font" else None)
    page.on("console", lambda message: warnings.append(message.text) if message.type == "warning" else None)
    page.goto(server + BASE)
    preload = page.locator('link[rel="preload"][as="font"]')
    assert preload.get_attribute("href") == face_url and preload.get_attribute("crossorigin") == ""
    assert "Barlow Condensed" in used_fonts(page, ".brand")
    page.wait_for_timeout(3500)  # Chromium warns about a preload left unused after 3 s
    context.close()
    assert fonts == [server + face_url]
    assert not [text for text in warnings if "preload" in text], warnings
