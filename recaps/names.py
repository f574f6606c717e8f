"""Slugs, name keys, and the known names an unknown one is near to (for "did you mean" hints)."""
from __future__ import annotations

from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA
from slugify import slugify as _slugify


MAX_SLUG = 80  # keeps every output file name well inside file system limits


@lru_cache(maxsize=65536)
def slugify(text: str) -> str:
    """A URL-safe, accent-free, lower-case slug.

    >>> slugify("Bodø/Glimt"), slugify("Bayern München"), slugify("Knockout Play-offs")
    ('bodo-glimt', 'bayern-munchen', 'knockout-play-offs')
    """
    return _slugify(str(text), max_length=MAX_SLUG)


def name_key(text: str) -> str:
    """Names compare accent- and case-insensitively: by their slug."""
    return slugify(text)


def closest(text: str, choices: dict[str, str]) -> str | None:
    """The display name of the closest of `choices` (key -> display name), if one is close.

    >>> closest("Tottenham Hotpsur", {"tottenham-hotspur": "Tottenham Hotspur", "chelsea": "Chelsea"})
    'Tottenham Hotspur'
    """
    if not choices:
        return None
    found = process.extractOne(name_key(text), list(choices), scorer=fuzz.WRatio, score_cutoff=75)
    return choices[found[0]] if found else None


def typo_of(text: str, choices: dict[str, str]) -> str | None:
    """The display name of the one choice `text` is a typo of: a letter or two wrong,
    missing, extra or swapped (one for short names), compared by name key.

    Stricter than `closest`, which also finds names that merely look alike: this one
    is for deciding that a writer meant another name.

    >>> names = {"tottenham-hotspur": "Tottenham Hotspur", "boca-juniors": "Boca Juniors"}
    >>> typo_of("Tottenham Hotpsur", names), typo_of("Junior", names)
    ('Tottenham Hotspur', None)
    """
    key = name_key(text)
    allowed = 1 if len(key) <= 8 else 2
    found = {choices[choice] for choice in choices
             if abs(len(choice) - len(key)) <= allowed and OSA.distance(key, choice, score_cutoff=allowed) <= allowed}
    return found.pop() if len(found) == 1 else None
