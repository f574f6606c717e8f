"""Every kind of card the writer's guide lists is published as what it is, in every language
the site speaks: a booking among the booked, a red card and a second yellow among the sent off."""
import html
import re
import shutil
from pathlib import Path

import pytest

from recaps.articles import CARD_KINDS
from recaps.cli import main

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "valid"

# kind -> the player who got it, and the side he plays for
PLAYERS = {"yellow": ("Ruben Loftus-Cheek", "Milan"), "red": ("Marten de Roon", "Atalanta"),
           "second_yellow": ("Theo Hernández", "Milan")}
# (language, kind) -> (the label of the list the card is in, the card's own label)
EXPECTED = {
    ("en", "yellow"): ("Booked for Milan", "yellow card"),
    ("en", "red"): ("Sent off for Atalanta", "red card"),
    ("en", "second_yellow"): ("Sent off for Milan", "second yellow card"),
    ("it", "yellow"): ("Ammoniti: Milan", "cartellino giallo"),
    ("it", "red"): ("Espulsi: Atalanta", "cartellino rosso"),
    ("it", "second_yellow"): ("Espulsi: Milan", "doppia ammonizione"),
}
LANGUAGES = sorted({lang for lang, _ in EXPECTED})
CARD_LIST = re.compile(r'<ul class="events events--cards" aria-label="([^"]*)">(.*?)</ul>', re.S)


def test_the_table_covers_every_kind_the_guide_lists():
    guide = (ROOT / "docs" / "writing.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `(\w+)` \| a card \|", guide, re.M))
    assert listed == set(CARD_KINDS) == set(PLAYERS)
    assert set(EXPECTED) == {(lang, kind) for lang in LANGUAGES for kind in CARD_KINDS}


def recap(lang: str) -> str:
    cards = "\n".join(f"      - {{team: {team}, player: {player}, minute: {minute}, kind: {kind}}}"
                      for minute, (kind, (player, team)) in enumerate(PLAYERS.items(), start=30))
    return f"""---
title: Cards at San Siro ({lang})
date: 2024-10-22
lang: {lang}
competition: UEFA Champions League
season: 2024-25
matches:
  - home: Milan
    away: Atalanta
    score: 1-1
    stage: League phase
    cards:
{cards}
---
A bad-tempered draw.
"""


@pytest.fixture(scope="module")
def card_lists(tmp_path_factory) -> dict[str, dict[str, str]]:
    """language -> player -> the label of the list his card is in, then the card's line."""
    folder = tmp_path_factory.mktemp("cards")
    project = folder / "project"
    shutil.copytree(FIXTURE, project, ignore=shutil.ignore_patterns(".recaps-cache"))
    config = project / "config.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("../../../", str(ROOT) + "/"), encoding="utf-8")
    for lang in LANGUAGES:
        (project / "content" / "articles" / f"cards-{lang}.md").write_text(recap(lang), encoding="utf-8")
    assert main(["--config", str(config), "--out", str(folder / "site")]) == 0
    found = {}
    for lang in LANGUAGES:
        page = (folder / "site" / "articles" / f"cards-{lang}" / "index.html").read_text(encoding="utf-8")
        found[lang] = {player: (html.unescape(label), html.unescape(re.sub(r"<[^>]+>", "", item)))
                       for label, items in CARD_LIST.findall(page)
                       for item in re.findall(r"<li>(.*?)</li>", items, re.S)
                       for player, _ in PLAYERS.values() if player in item}
    return found


@pytest.mark.parametrize(("lang", "kind"), sorted(EXPECTED))
def test_a_card_is_labelled_as_what_it_is(card_lists, lang, kind):
    player, _ = PLAYERS[kind]
    list_label, card_label = EXPECTED[lang, kind]
    label, line = card_lists[lang][player]
    assert label == list_label
    minute = 30 + list(PLAYERS).index(kind)
    assert line.strip() == f"{player} {minute}′ ({card_label})"

