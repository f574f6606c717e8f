"""What a draft's front matter looks like: typed dates and minutes, short slugs, and the date
a match content/ already reports."""
import datetime as dt

import pytest
from tests.unit.test_ingest import TODAY, registry  # noqa: F401 (a fixture)

from recaps.ingest.draft import SLUG_MAX, draft_slug, ingest_text
from recaps.ingest.site import KnownMatch
from recaps.rules import Score, Season
from recaps.yamlfile import dump_front_matter


SLUGS = [
    # (title, slug)
    ("Inter 2–1 Roma", "inter-2-1-roma"),
    ("A long evening in the rain at the ground ends with a late winner for the visitors from the north",
     "a-long-evening-in-the-rain-at-the-ground-ends-with-a-late"),
    ("Supercalifragilisticexpialidocious" * 3, ("supercalifragilisticexpialidocious" * 3)[:SLUG_MAX]),
    ("!!!", "recap"),
]


@pytest.mark.parametrize("title, slug", SLUGS)
def test_a_slug_stays_short_and_ends_at_a_word(title, slug):
    assert draft_slug(title) == slug
    assert len(draft_slug(title)) <= SLUG_MAX


def test_dates_and_minutes_are_written_as_yaml_dates_and_numbers(registry):
    text = ("date 2026-03-10 Inter beat Roma 2-1 at home. Lautaro Martínez scored for Inter in the 12th minute "
            "and Paulo Dybala equalised for Roma (55'). Marcus Thuram headed the winner for Inter (90+2').")
    draft = ingest_text(text, registry, [], today=TODAY)
    written = dump_front_matter(draft.front, draft.body)
    assert "\ndate: 2026-03-10\n" in written
    assert "minute: 12\n" in written and "minute: 90+2\n" in written
    assert "'12'" not in written and "'2026-03-10'" not in written


REPORTED = KnownMatch("content/articles/inter-roma.md", "inter", "roma", Score(2, 1), None, "Serie A",
                      Season(2025, 2026), "", None, dt.date(2026, 2, 8))


def test_a_match_content_already_reports_gives_the_draft_its_date(registry):
    text = "Inter beat Roma 2-1 at home on Sunday, March 1.\nThe crowd went home happy.\n"
    draft = ingest_text(text, registry, [REPORTED], today=TODAY)
    assert draft.front["date"] == dt.date(2026, 2, 8)
    assert any("content/ already reports" in item.why for item in draft.review)


def test_a_metadata_date_is_kept_over_a_reported_match(registry):
    text = "date 2026-02-09 Inter beat Roma 2-1 at home.\nThe crowd went home happy.\n"
    draft = ingest_text(text, registry, [REPORTED], today=TODAY)
    assert draft.front["date"] == dt.date(2026, 2, 9)


HEADLINES = [
    # (raw text, the title written, whether the review says the title is ours)
    ("Inter win the derby late\nInter beat Milan 2-1 at home.\n", "Inter win the derby late", False),
    ("© photo: a picture agency\nInter win the derby late\nInter beat Milan 2-1 at home.\n",
     "Inter win the derby late", False),
    ("March 3, 2026 10:15 pm | Updated 11:02 pm\nInter beat Milan 2-1 at home.\nThe crowd sang.\n",
     "Inter 2–1 Milan", True),
    ("By Jane Writer\nInter beat Milan 2-1 at home.\nThe crowd sang.\n", "Inter 2–1 Milan", True),
    ("MILAN, Italy (AP) — Inter beat Milan 2-1 at home, and Genoa beat Lecce 1-0 at home.\nThe crowd sang.\n",
     "Inter beat Milan 2-1 at home, and Genoa beat Lecce 1-0 at home", True),
]


@pytest.mark.parametrize("text, title, ours", HEADLINES)
def test_a_title_is_the_headline_never_a_dateline_byline_or_timestamp(text, title, ours, registry):
    draft = ingest_text(text, registry, [], today=TODAY)
    assert draft.front["title"] == title
    assert any(item.field == "title" for item in draft.review) == ours
    if not ours:  # the headline is the title, not repeated in the body
        assert title not in draft.body
