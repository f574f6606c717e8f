"""The real content/ built under a project subpath, served on loopback, and the tools that
look at it: Debian's Chromium through Playwright, axe-core, the Nu HTML checker, Lighthouse.

A missing tool skips the tests that need it, except on CI (RECAPS_REQUIRE_BROWSER=1), where
.ci/run installs every one of them and a missing one is a failure."""
from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import threading
from pathlib import Path

import pytest

from recaps.cli import main

ROOT = Path(__file__).resolve().parent.parent
BASE = "/recaps/"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
REQUIRED = os.environ.get("RECAPS_REQUIRE_BROWSER") == "1"
NODE_TOOLS = ROOT / ".ci" / "node_modules"
AXE = NODE_TOOLS / "axe-core" / "axe.min.js"
LIGHTHOUSE = NODE_TOOLS / "lighthouse" / "cli" / "index.js"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# One page of each kind the site has, as a reader reaches it (paths below the base URL).
SAMPLE = {
    "home": "",
    "recap": "articles/atalanta-club-brugge-ritorno/",
    "team": "teams/atalanta/",
    "tie": "ties/uefa-champions-league/2024-25/knockout-phase-play-offs/club-brugge-vs-atalanta/",
    "competition-season": "competitions/uefa-champions-league/2024-25/",
    "competition": "competitions/uefa-champions-league/",
    "articles": "articles/",
    "teams": "teams/",
    "ties": "ties/",
    "competitions": "competitions/",
    "not-found": "404.html",
}
SCHEMES = ("light", "dark")
# The kinds of page a reader lands on most, measured (Lighthouse) and photographed (tools/screenshots.py).
KINDS = ("home", "recap", "team", "tie", "competition-season")


def require(found: bool, what: str, install: str) -> None:
    """Skip (or, on CI, fail) when a tool the test needs is missing."""
    if found:
        return
    if REQUIRED:
        raise RuntimeError(f"RECAPS_REQUIRE_BROWSER=1 but {what} is missing ({install})")
    pytest.skip(f"{what} is missing ({install})")


def playwright_api():
    """playwright.sync_api, with Chromium on PATH, or a skip."""
    require(CHROMIUM is not None, "chromium", "apt-get install chromium")
    if REQUIRED:
        import playwright.sync_api as api
        return api
    return pytest.importorskip("playwright.sync_api")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def built_site(folder: Path, config: Path = ROOT / "config.yaml"):
    """Serve `folder` on loopback and build a project (the real content/ unless told) into it,
    under BASE, with the server's own address as the base URL (as a deployed site has its own);
    yields (origin, site)."""
    site = folder / BASE.strip("/")
    site.mkdir(parents=True)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(folder)))
    origin = f"http://127.0.0.1:{httpd.server_address[1]}"
    assert main(["--config", str(config), "--out", str(site), "--base-url", origin + BASE]) == 0
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        yield origin, site
    finally:
        httpd.shutdown()
        httpd.server_close()


@contextlib.contextmanager
def chromium():
    """A headless Debian Chromium driven by Playwright."""
    api = playwright_api()
    with api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()


def axe_violations(page, impacts=("serious", "critical")) -> list[str]:
    """axe-core's violations of the given impacts on the open page, one line per rule and node."""
    page.add_script_tag(path=str(AXE))
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [f"{rule['id']} ({rule['impact']}): {node['target']} {node['failureSummary']}".replace("\n", " ")
            for rule in results["violations"] if rule["impact"] in impacts for node in rule["nodes"]]


def used_fonts(page, selector: str) -> set[str]:
    """The faces Chromium drew the first `selector` element's text with."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    cdp.detach()
    return {font["familyName"] for font in fonts}
