"""Real knockout ties from the public record, written as a user writes them
(one recap per leg, names as the registries know them), built end to end."""
import json
import shutil
from pathlib import Path

import pytest
import yaml

from recaps.cli import main

ROOT = Path(__file__).resolve().parents[2]
TIES = yaml.safe_load((ROOT / "tests" / "data" / "real_ties.yaml").read_text(encoding="utf-8"))


def _article(tie: dict, number: int, leg: dict) -> str:
    match = {"home": leg["home"], "away": leg["away"], "score": leg["score"], "date": leg["date"],
             "stage": tie["stage"]}
    if len(tie["legs"]) > 1 or tie["stage"] != "Final":
        match["leg"] = number
    for key in ("aet", "pens", "neutral", "venue"):
        if key in leg:
            match[key] = leg[key]
    front = {"title": f"{leg['home']} v {leg['away']}", "date": leg["date"], "competition": tie["competition"],
             "season": tie["season"], "matches": [match]}
    return "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\nRecap.\n"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    project = tmp_path_factory.mktemp("real")
    shutil.copytree(ROOT / "content", project / "content", ignore=shutil.ignore_patterns("articles"))
    articles = project / "content" / "articles"
    articles.mkdir()
    for index, tie in enumerate(TIES):
        for number, leg in enumerate(tie["legs"], 1):
            (articles / f"tie-{index:02d}-leg-{number}.md").write_text(_article(tie, number, leg), encoding="utf-8")
    (project / "config.yaml").write_text(
        f"title: Real ties\nbase_url: /\ntemplates_dir: {ROOT / 'templates'}\nstatic_dir: {ROOT / 'static'}\n",
        encoding="utf-8")
    assert main(["--config", str(project / "config.yaml"), "--out", str(project / "site")]) == 0
    return project / "site"


def _find(ties: list, tie: dict) -> dict:
    first = tie["legs"][0]
    for candidate in ties:
        if (candidate["competition"], candidate["season"], candidate["stage"], candidate["team1"],
                candidate["team2"]) == (tie["competition"], tie["season"], tie["stage"], first["home"],
                                        first["away"]):
            return candidate
    raise AssertionError(f"no tie for {tie.get('note')}")


@pytest.mark.parametrize("tie", TIES, ids=[f"{t['season']}-{t['legs'][0]['home']}-{t['legs'][0]['away']}"
                                           for t in TIES])
def test_real_tie(built, tie):
    ties = json.loads((built / "data" / "ties.json").read_text(encoding="utf-8"))
    found = _find(ties, tie)
    expect = tie["expect"]
    assert (found["aggregate"], found["winner"], found["decided_by"], found["status"]) == \
        (expect["aggregate"], expect["winner"], expect["decided_by"], expect.get("status", "decided"))
    page = built / found["url"].lstrip("/") / "index.html"
    html = page.read_text(encoding="utf-8")
    assert found["team1"] in html and found["team2"] in html
    if found["aggregate"]:
        home, away = found["aggregate"].split("-")
        shown = f"{home}\u2013{away}" + (" agg." if found["legs_total"] == 2 else "")
        assert shown in html
