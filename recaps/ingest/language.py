"""The language of a text, from a statistical detector (lingua), not a word list.

The detector knows a handful of languages only, in its low-accuracy (trigram)
mode: it loads in milliseconds and is reliable on paragraphs, which recaps are.
"""
from __future__ import annotations

from functools import lru_cache

# ISO 639-1 codes of the languages told apart; recaps come in the first two.
LANGUAGES = ("en", "it", "es", "fr", "de", "pt")
MIN_CONFIDENCE = 0.6


@lru_cache(maxsize=1)
def _detector():
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in LANGUAGES]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def detect(text: str) -> tuple[str, float]:
    """(language code, confidence between 0 and 1); ("", 0.0) when undecidable.

    >>> detect("Il Club Brugge gioca con una autorità invidiabile e trova il raddoppio.")[0]
    'it'
    """
    values = _detector().compute_language_confidence_values(text)
    if not values or values[0].value == 0:
        return "", 0.0
    return values[0].language.iso_code_639_1.name.lower(), values[0].value
