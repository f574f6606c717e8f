"""Structured data in the page's language: a search engine shows a tie's JSON-LD name and
description as they are, so an Italian page's are Italian (and an English page's stay English)."""
from dataclasses import replace
from pathlib import Path

import pytest

from recaps.errors import Problems
from recaps.pipeline import Timings, assemble_site, configure
from recaps.structured import article_ld, tie_ld

ROOT = Path(__file__).resolve().parents[2]
BRUGGE = "uefa-champions-league/2024-25/knockout-phase-play-offs/club-brugge-vs-atalanta"
FEYENOORD = "uefa-champions-league/2024-25/knockout-phase-play-offs/feyenoord-vs-milan"


@pytest.fixture(scope="module")
def real():
    problems = Problems()
    config = configure(ROOT / "config.yaml", problems, base_url="https://example.org/recaps/")
    return config, assemble_site(config, problems, Timings())


def test_an_italian_sites_tie_is_described_in_italian(real):
    config, site = real
    italian = replace(config, language="it")
    decided = tie_ld(site.ties[BRUGGE], italian)
    assert decided["name"] == "Club Brugge – Atalanta: UEFA Champions League 2024-25, Spareggi della fase a eliminazione diretta"
    assert decided["description"] == ("Club Brugge 5–2 tot. Atalanta. "
                                      "Il Club Brugge passa il turno con il risultato complessivo di 5–2.")
    assert decided["subEvent"][1]["description"] == \
        "Atalanta 1–3 Club Brugge (UEFA Champions League 2024-25, Spareggi della fase a eliminazione diretta, gara 2)"
    assert tie_ld(site.ties[FEYENOORD], italian)["description"] == \
        "In corso: Feyenoord 1–0 Milan, gare giocate: 1 su 2."


def test_an_english_sites_tie_stays_english(real):
    config, site = real
    assert tie_ld(site.ties[FEYENOORD], config)["description"] == "In progress: Feyenoord 1–0 Milan after 1 of 2 legs."


def test_a_recap_describes_its_matches_in_its_own_language(real):
    config, site = real
    article = site.article_by_slug["atalanta-club-brugge-ritorno"]  # lang: it, on the English site
    matches = [site.matches[match_id] for match_id in article.matches]
    [about] = article_ld(article, matches, config, ties=site.ties)["about"]
    assert about["name"] == "Atalanta – Club Brugge"
    assert about["superEvent"]["name"].endswith("Spareggi della fase a eliminazione diretta")
