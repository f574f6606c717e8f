"""The test suite's layout, and the fixtures more than one module uses.

- tests/unit/: one module of recaps/ at a time, mostly in memory (test_rules.py for recaps/rules.py).
- tests/sites/: whole projects built, checked, served and deployed as a user runs them: the
  fixture sites under tests/fixtures/, the golden output in tests/golden/, the command line.
- tests/browser/: the built or served site in a headless Chromium (marked `browser`).
- tests/serving.py, sitecheck.py, sitebrowser.py, promises.py: helpers, imported as `tests.<name>`.

Markers (pyproject.toml): `browser` needs Chromium, `slow` takes seconds to minutes (faults,
servers, long property runs). `python -m pytest -m "not browser and not slow"` is the quick loop;
`python -m pytest` runs everything.
"""
import pytest

from tests.sitebrowser import chromium


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for a module's tests (skipped when Chromium or Playwright is missing)."""
    with chromium() as running:
        yield running

