"""Screenshots of each kind of page on a phone and a desktop, light and dark, for a person to
look at: the real content/ built and served under a subpath, one PNG per page, width and scheme,
plus the header's search box open on its results.

    python tools/screenshots.py [FOLDER]

FOLDER (created if missing) defaults to a new temporary folder; the script prints where the
screenshots are. Needs Chromium and Playwright, as the browser tests do.
"""
import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script from anywhere

from tests.sitebrowser import BASE, KINDS, SAMPLE, SCHEMES, built_site, chromium  # noqa: E402

WIDTHS = (390, 1280)


def whole_page(page) -> bool:
    return True


def search_results(page) -> bool:
    """The header's box open on its results: a team, a tie and recaps of both languages, with scores."""
    page.get_by_role("searchbox", name="Search").fill("Brugge")
    page.locator(".search__results li").nth(2).wait_for(timeout=15000)
    return False  # the viewport: the results float over the page


def shoot(browser, shots: dict, width: int, scheme: str, folder: Path) -> None:
    """Open each URL of `shots` (name -> (url, what to do there, returning whether to take the
    whole page)) at that width and scheme, and write it to folder/<name>-<width>-<scheme>.png."""
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    for name, (url, action) in shots.items():
        page.goto(url)
        full_page = action(page)
        page.screenshot(path=str(folder / f"{name}-{width}-{scheme}.png"), full_page=full_page)
    context.close()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, help="where to write the PNGs (default: a new temporary folder)")
    folder = parser.parse_args(argv).folder or Path(tempfile.mkdtemp(prefix="recaps-screenshots-"))
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as served, built_site(Path(served)) as (origin, _), chromium() as browser:
        shots = {kind: (origin + BASE + SAMPLE[kind], whole_page) for kind in KINDS}
        shots["search"] = (origin + BASE, search_results)
        for width in WIDTHS:
            for scheme in SCHEMES:
                shoot(browser, shots, width, scheme, folder)
    print(f"{len(shots) * len(WIDTHS) * len(SCHEMES)} screenshots in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
