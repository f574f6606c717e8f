"""Slugs, name keys, and the known names an unknown one is near to (for "did you mean" hints)."""
from __future__ import annotations

from functools import lru_cache

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA, Levenshtein
from slugify import slugify as _slugify


MAX_SLUG = 80  # keeps every output file name well inside file system limits
MOST_SLIPS = 2  # letters wrong, missing, extra or swapped in a long name that is still a typo of another


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
    """The display name of the one choice `text` is a typo of (see `is_typo`), compared by name key.

    Stricter than `closest`, which also finds names that merely look alike: this one
    is for deciding that a writer meant another name.

    >>> names = {"tottenham-hotspur": "Tottenham Hotspur", "boca-juniors": "Boca Juniors"}
    >>> typo_of("Tottenham Hotpsur", names), typo_of("Junior", names)
    ('Tottenham Hotspur', None)
    """
    key = name_key(text)
    near = process.extract(key, choices.keys(), scorer=OSA.distance, score_cutoff=MOST_SLIPS, limit=None)
    found = {choices[choice] for choice, _, _ in near if is_typo(key, choice)}
    return found.pop() if len(found) == 1 else None


def is_typo(written: str, known: str) -> bool:
    """Whether the name key `written` misspells `known`: a letter or two missing, extra, swapped
    or slipped (`_slips`), few for the length of the name.

    Names that differ the way real, distinct names do are no typos: a word more or less
    (Inter, Inter Turku; Real Madrid, Real Madrid B), a mark of a word or two letters or
    with digits (Serie A, Serie B; Jong PSV, Jong PSV 2), and letters other than swapped
    ones in a short name (PSV, PSG; Genk, Gent).

    >>> is_typo("atletico-madird", "atletico-madrid"), is_typo("inter", "inter-turku"), is_typo("gent", "genk")
    (True, False, False)
    """
    if written == known:
        return False
    shorter = min(len(written), len(known))
    allowed = 0 if shorter <= 3 else 1 if shorter <= 8 else MOST_SLIPS
    if abs(len(written) - len(known)) > allowed or OSA.distance(written, known, score_cutoff=allowed) > allowed:
        return False
    if shorter <= 5 and sorted(written) != sorted(known):
        return False  # in a short name only swapped letters are surely a slip
    if not _slips(written, known):
        return False
    written_words, known_words = written.split("-"), known.split("-")
    if _within(written_words, known_words) or _within(known_words, written_words):
        return False
    if len(written_words) == len(known_words):
        differing = [(one, other) for one, other in zip(written_words, known_words) if one != other]
        if all(_is_mark(one) or _is_mark(other) for one, other in differing):
            return False
    return True


def _slips(written: str, known: str) -> bool:
    """Whether each letter `written` has in place of one of `known` is a slip of the hand (a key next
    to it) or of the ear (a vowel for a vowel), or one of two letters swapped: Svezia and Spezia,
    Randers and Rangers are other names. A letter missing, extra or swapped is a slip anywhere
    but at the start of the name.

    >>> _slips("bayerm", "bayern"), _slips("arsenel", "arsenal"), _slips("svezia", "spezia")
    (True, True, False)
    """
    edits = Levenshtein.editops(written, known)
    if edits and edits[0].tag != "replace" and edits[0].src_pos == edits[0].dest_pos == 0 \
            and written[:2] != known[1::-1]:
        return False  # a first letter more or less: another name (Angers, Rangers)
    replaced = {(op.src_pos, op.dest_pos) for op in edits if op.tag == "replace"}
    for one, other in replaced:
        swapped = any(written[one] == known[other + step] and written[one + step] == known[other]
                      for step in (-1, 1) if (one + step, other + step) in replaced)
        if not (swapped or written[one] in _NEAR_KEYS.get(known[other], ())
                or written[one] in _VOWELS and known[other] in _VOWELS):
            return False
    return True


def _near_keys() -> dict[str, frozenset[str]]:
    """Each letter's neighbouring keys on a QWERTY keyboard (its rows staggered as they are)."""
    place = {char: (row, column) for row, keys in enumerate(_KEY_ROWS) for column, char in enumerate(keys)}
    near = {}
    for char, (row, column) in place.items():
        spots = {(row, column - 1), (row, column + 1), (row - 1, column), (row - 1, column + 1),
                 (row + 1, column - 1), (row + 1, column)}
        near[char] = frozenset(other for other, spot in place.items() if spot in spots)
    return near


_KEY_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
_NEAR_KEYS = _near_keys()
_VOWELS = frozenset("aeiou")


def _within(words: list[str], others: list[str]) -> bool:
    """Whether `words` are `others` with words left out (in order)."""
    rest = iter(others)
    return len(words) < len(others) and all(word in rest for word in words)


def _is_mark(word: str) -> bool:
    """A word that tells apart teams or competitions of one name: B, II, U19, 2."""
    return len(word) <= 2 or any(char.isdigit() for char in word)


def misspelling(kind: str, written: str, intended: str, registry: str) -> str:
    """What to tell of a name that misspells one in the registry (`is_typo`): an error, so nothing
    is published under a name that does not exist, with the way out for a name truly new."""
    other = "club" if kind == "team" else kind
    return (f'unknown {kind} {written!r}: did you mean "{intended}"? A name this close to one in {registry} is '
            f"taken for a misspelling of it, and nothing is published for it: correct it, or, if {written!r} is "
            f"another {other}, add it to {registry}")
