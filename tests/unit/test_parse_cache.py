"""The parse cache: a source is parsed again only when its bytes changed, and read again only
when its identity changed or it was written too close to its last reading to be sure."""
from __future__ import annotations

import os

import pytest

from recaps import cache
from recaps.errors import Problems
from recaps.sources import ParseCache


class Source:
    """A file and the reads and parses the cache asked for."""

    def __init__(self, path):
        self.path, self.reads, self.parses = str(path), 0, 0

    def read(self):
        self.reads += 1
        try:
            with open(self.path, "rb") as file:
                return file.read()
        except OSError:
            return None

    def parse(self, raw, problems):
        self.parses += 1
        problems.warn(self.path, 1, "noted")
        return raw.decode()

    def through(self, parsed: ParseCache, problems: Problems | None = None):
        parsed.start()
        return parsed.get_file(("article", self.path), self.path, self.read, self.parse, problems or Problems())


@pytest.fixture
def settled(monkeypatch):
    """Files count as settled at once (they were all written a moment ago)."""
    monkeypatch.setattr(cache, "RACY_NS", -10**12)


def test_a_file_whose_identity_did_not_change_is_neither_read_nor_parsed_again(tmp_path, settled):
    source, parsed = Source(tmp_path / "a.md"), ParseCache()
    (tmp_path / "a.md").write_text("one", encoding="utf-8")
    assert source.through(parsed) == "one"
    problems = Problems()
    assert source.through(parsed, problems) == "one"
    assert (source.reads, source.parses) == (1, 1)
    assert [problem.message for problem in problems.items] == ["noted"]  # its problems are told again


def test_an_edit_is_read_and_parsed_even_with_the_same_size_and_time(tmp_path, settled):
    path = tmp_path / "a.md"
    source, parsed = Source(path), ParseCache()
    path.write_text("one", encoding="utf-8")
    status = path.stat()
    source.through(parsed)
    path.write_text("two", encoding="utf-8")
    os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))  # its change time still moves
    assert source.through(parsed) == "two"
    assert (source.reads, source.parses) == (2, 2)


def test_the_same_bytes_again_are_read_but_not_parsed(tmp_path, settled):
    path = tmp_path / "a.md"
    source, parsed = Source(path), ParseCache()
    path.write_text("one", encoding="utf-8")
    source.through(parsed)
    path.write_text("one", encoding="utf-8")
    assert source.through(parsed) == "one"
    assert (source.reads, source.parses) == (2, 1)


def test_a_file_written_just_before_it_was_read_is_read_again(tmp_path):
    path = tmp_path / "a.md"
    source, parsed = Source(path), ParseCache()
    path.write_text("one", encoding="utf-8")
    source.through(parsed)
    assert source.through(parsed) == "one"
    assert (source.reads, source.parses) == (2, 1)


def test_identities_kept_by_a_build_are_used_by_the_next_one(tmp_path, settled):
    """What a persistent cache keeps (entries and identities) is enough for the next process."""
    path = tmp_path / "a.md"
    path.write_text("one", encoding="utf-8")
    first = ParseCache()
    Source(path).through(first)
    again = Source(path)
    assert again.through(ParseCache(dict(first.used), dict(first.identities))) == "one"
    assert (again.reads, again.parses) == (0, 0)
    lost = Source(path)  # the entry is gone (a damaged cache file): the identity alone is not trusted
    assert lost.through(ParseCache({}, dict(first.identities))) == "one"
    assert (lost.reads, lost.parses) == (1, 1)


def test_a_file_that_cannot_be_read_gives_nothing_and_is_not_remembered(tmp_path, settled):
    source, parsed = Source(tmp_path / "missing.md"), ParseCache()
    assert source.through(parsed) is None
    assert parsed.identities == {} and source.reads == 1
