"""What a test may pin about a message that quotes a library.

PyYAML explains its syntax errors in its own words, which a release may change
(6.0.4 did). We promise the file, the line and our prefix, not those words: an
expected line ending in "…" matches any actual line that starts with the rest.
"""
ANY = "…"


def agrees(actual: str, expected: str) -> bool:
    if expected.endswith(ANY):
        return actual.startswith(expected[:-len(ANY)])
    return actual == expected


def all_agree(actual: list[str], expected: list[str]) -> bool:
    return len(actual) == len(expected) and all(map(agrees, actual, expected))
