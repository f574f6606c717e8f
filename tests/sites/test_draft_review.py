"""A draft's `review:` list is on its page when built with --drafts, so the person checking it
sees what ingest was unsure of beside the text; a published recap never shows one."""
import pytest

from recaps.cli import main
from tests.serving import ROOT, copy_project

DRAFT = """---
draft: true
title: Milan held at home
lang: {lang}
competition: Serie A
season: 2024-25
review:
  - field: matches
    text: "Milan and Napoli shared the points <b>again</b>"
    why: the score is not stated
  - field: date
    text: ""
    why: the article names the weekday, not the date
---
Milan and Napoli shared the points again.
"""


@pytest.mark.parametrize("lang, heading", [("en", "To check before publishing"),
                                           ("it", "Da controllare prima di pubblicare")])
def test_a_draft_built_with_drafts_shows_what_to_check(tmp_path, lang, heading):
    config = copy_project(ROOT / "tests" / "fixtures" / "valid" / "config.yaml", tmp_path / "project", "/")
    (tmp_path / "project" / "content" / "articles" / "held.md").write_text(DRAFT.format(lang=lang), encoding="utf-8")
    assert main(["--config", str(config), "--out", str(tmp_path / "site"), "--drafts", "-q"]) == 0
    page = (tmp_path / "site" / "articles" / "held" / "index.html").read_text(encoding="utf-8")
    section = page[page.index('<section class="review"'):page.index("</section>", page.index('class="review"'))]
    assert f">{heading}</h2>" in section
    assert "<code>matches</code>: the score is not stated" in section
    assert "Milan and Napoli shared the points &lt;b&gt;again&lt;/b&gt;" in section  # escaped, never markup
    assert "<code>date</code>: the article names the weekday, not the date" in section
    assert section.count("<blockquote") == 1  # an empty sentence is not quoted


def test_a_published_recap_never_shows_a_review_list(tmp_path):
    config = copy_project(ROOT / "tests" / "fixtures" / "valid" / "config.yaml", tmp_path / "project", "/")
    published = DRAFT.format(lang="en").replace("draft: true\n", "date: 2025-03-02\n")
    (tmp_path / "project" / "content" / "articles" / "held.md").write_text(published, encoding="utf-8")
    assert main(["--config", str(config), "--out", str(tmp_path / "site"), "-q"]) == 0
    page = (tmp_path / "site" / "articles" / "held" / "index.html").read_text(encoding="utf-8")
    assert 'class="review"' not in page and "the score is not stated" not in page
