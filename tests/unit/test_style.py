"""The stylesheet's colours meet WCAG AA in the light and the dark theme: every text colour on
the backgrounds the stylesheet puts it on (4.5:1), focus rings against what they sit on (3:1),
and club initials on every club colour of the registry, white and gold included."""
import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CSS = (ROOT / "static" / "style.css").read_text(encoding="utf-8")
TEAMS = yaml.safe_load((ROOT / "content" / "teams.yaml").read_text(encoding="utf-8"))


def _block(start: str) -> str:
    """The declarations of the first rule whose text begins with `start` (up to its first `}`)."""
    return CSS[CSS.index(start):].split("}", 1)[0]


def _tokens(block: str) -> dict[str, str]:
    return dict(re.findall(r"--([a-z0-9-]+):\s*(#[0-9a-fA-F]{6})\s*;", block))


LIGHT = _tokens(_block(":root {"))
DARK = {**LIGHT, **_tokens(_block("@media (prefers-color-scheme: dark) {"))}
THEMES = {"light": LIGHT, "dark": DARK}

# (text, background) as the stylesheet pairs them
TEXT_PAIRS = [
    ("ink", "paper"), ("ink", "card"), ("ink", "chip"), ("ink-soft", "card"), ("ink-soft", "paper"),
    ("ink-soft", "chip"), ("muted", "paper"), ("muted", "card"), ("link", "paper"), ("link", "card"),
    ("link", "chip"), ("accent", "card"), ("accent", "paper"), ("live", "card"),
    ("on-bar", "bar"), ("on-bar", "bar-2"), ("on-bar-soft", "bar"), ("on-score", "score"),
    ("on-score", "win"), ("on-score", "draw"), ("on-score", "loss"), ("live-ink", "live-bg"),
    ("draft-ink", "draft-bg"), ("winner-ink", "winner-bg"), ("on-board", "board"), ("on-board", "board-2"),
    ("on-board-soft", "board-2"), ("board-live-ink", "board-live-bg")]
# (ring, background): focus outlines, and the rings that mark badges and pending scores
RING_PAIRS = [("focus", "paper"), ("focus", "card"), ("focus-on-bar", "bar"), ("focus-on-bar", "bar-2"),
              ("focus-on-bar", "board-2"), ("line-strong", "card"), ("live", "live-bg")]
BLACK, WHITE = "#000000", "#ffffff"
LIGHT_CLUB_COLOURS = ["#ffffff", "#f0bc42", "#ffd200", "#fde100", "#ffe667", "#87d8f7"]


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def initials_colour(face: str) -> str:
    """What CSS contrast-color() gives for text on `face`: black or white, whichever contrasts more."""
    return WHITE if contrast(WHITE, face) >= contrast(BLACK, face) else BLACK


def test_both_themes_define_the_same_colours():
    dark_only = _tokens(_block("@media (prefers-color-scheme: dark) {"))
    assert dark_only, "no dark theme"
    assert set(dark_only) <= set(LIGHT)
    themed = set(LIGHT) - {"board", "board-2", "on-board", "on-board-soft", "board-live-bg", "board-live-ink"}
    assert themed - set(dark_only) == set(), "a light colour without its dark counterpart"


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("text, background", TEXT_PAIRS)
def test_text_contrast_meets_aa(theme, text, background):
    tokens = THEMES[theme]
    assert contrast(tokens[text], tokens[background]) >= 4.5, (theme, tokens[text], tokens[background])


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("ring, background", RING_PAIRS)
def test_focus_and_rings_stand_out(theme, ring, background):
    tokens = THEMES[theme]
    assert contrast(tokens[ring], tokens[background]) >= 3, (theme, tokens[ring], tokens[background])


def test_initials_sit_on_one_club_colour_in_the_contrasting_ink():
    supported = _block("@supports (color: contrast-color(red)) {\n  .crest {")
    assert "background: var(--c1)" in supported and "color: contrast-color(var(--c1))" in supported
    assert "gradient" not in _block(".crest {"), "the initials would straddle two colours"


@pytest.mark.parametrize("face", sorted({team["colors"][0].lower() for team in TEAMS if team.get("colors")}
                                        | set(LIGHT_CLUB_COLOURS)))
def test_initials_meet_aa_on_every_club_colour(face):
    assert contrast(initials_colour(face), face) >= 4.5


@pytest.mark.parametrize("theme", THEMES)
def test_initials_without_contrast_color_are_ink_on_the_card(theme):
    assert "color: var(--ink)" in _block(".crest {") and "background: var(--card)" in _block(".crest {")
    assert contrast(THEMES[theme]["ink"], THEMES[theme]["card"]) >= 4.5
