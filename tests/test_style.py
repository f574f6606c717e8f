"""The stylesheet's colour pairs used for text meet WCAG AA contrast (4.5:1)."""
import re
from pathlib import Path

import pytest

CSS = (Path(__file__).resolve().parent.parent / "static" / "style.css").read_text(encoding="utf-8")
TOKENS = dict(re.findall(r"--([a-z0-9-]+):\s*(#[0-9a-fA-F]{6})\s*;", CSS.split("}")[0]))

# (text, background) as the stylesheet pairs them
PAIRS = [("ink", "paper"), ("ink", "card"), ("ink-soft", "card"), ("muted", "paper"), ("muted", "card"),
         ("accent", "card"), ("accent", "paper"), ("brand-2", "paper"), ("brand-2", "card"), ("live", "card"),
         ("card", "brand"), ("card", "win"), ("card", "draw"), ("card", "loss")]


def _luminance(colour: str) -> float:
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(first: str, second: str) -> float:
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("text, background", PAIRS)
def test_text_contrast_meets_aa(text, background):
    assert contrast(TOKENS[text], TOKENS[background]) >= 4.5
