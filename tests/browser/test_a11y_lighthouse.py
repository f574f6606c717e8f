"""Lighthouse (the npm package, pinned in .ci/, run against Debian's Chromium with its phone
profile) on a page of each kind of the real content/, served under a subpath: 100 for
accessibility, best practices and SEO, at least 95 for performance.

Performance is timed on a shared machine (with the test suite's other work on two cores, one
run of a page scored from 81 to 98), so a page under 95 is measured again, up to RUNS times,
and its best run counts; the other three categories do not depend on timing. The scores of every
run are written to lighthouse.json in pytest's temporary folder (kept for the last few runs)."""
import json
import os
import shutil
import subprocess

import pytest

from tests.sitebrowser import BASE, CHROMIUM, KINDS, LIGHTHOUSE, SAMPLE, built_site, require

pytestmark = pytest.mark.browser
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
RUNS = 3
FLAGS = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-sync"


@pytest.fixture(scope="module")
def origin(tmp_path_factory):
    require(CHROMIUM is not None, "chromium", "apt-get install chromium")
    require(LIGHTHOUSE.is_file() and shutil.which("node") is not None, "lighthouse", "npm ci --prefix .ci")
    with built_site(tmp_path_factory.mktemp("lighthouse")) as (served, _):
        yield served


@pytest.fixture(scope="module")
def record(tmp_path_factory):
    runs = {}
    yield runs
    report = tmp_path_factory.mktemp("lighthouse-scores") / "lighthouse.json"
    report.write_text(json.dumps(runs, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def lighthouse(url: str, report) -> dict:
    """One Lighthouse run on `url`: category -> score (0-100) and the failing audits' ids."""
    completed = subprocess.run(
        ["node", str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={FLAGS}"],
        env={**os.environ, "CHROME_PATH": CHROMIUM}, capture_output=True, text=True, timeout=300)
    assert completed.returncode == 0, completed.stderr[-2000:]
    result = json.loads(report.read_text(encoding="utf-8"))
    scores = {name: round(result["categories"][name]["score"] * 100) for name in CATEGORIES}
    failing = sorted(audit_id for category in CATEGORIES if category != "performance"
                     for ref in result["categories"][category]["auditRefs"] if ref["weight"]
                     for audit_id in [ref["id"]] if (result["audits"][audit_id]["score"] or 0) < 1
                     and result["audits"][audit_id]["scoreDisplayMode"] in ("binary", "numeric"))
    return {**scores, "failing": failing}


@pytest.mark.parametrize("kind", KINDS)
def test_lighthouse_phone_scores(origin, record, tmp_path, kind):
    url = origin + BASE + SAMPLE[kind]
    runs = [lighthouse(url, tmp_path / "run-1.json")]
    while max(run["performance"] for run in runs) < 95 and len(runs) < RUNS:
        runs.append(lighthouse(url, tmp_path / f"run-{len(runs) + 1}.json"))
    record[kind] = runs
    best = max(runs, key=lambda run: run["performance"])
    assert {name: best[name] for name in CATEGORIES[1:]} == {"accessibility": 100, "best-practices": 100, "seo": 100}, best
    assert best["performance"] >= 95, runs
