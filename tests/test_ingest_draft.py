"""What a draft's front matter looks like: typed dates and minutes, short slugs, and the date
a match content/ already reports."""
import datetime as dt

import pytest
from test_ingest import TODAY, registry  # noqa: F401 (a fixture)

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
