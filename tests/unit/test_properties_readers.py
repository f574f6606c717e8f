"""Property-based tests for the config and registry readers: whatever a person (or a
careless tool) writes into config.yaml, teams.yaml or competitions.yaml, the reader
reports problems at a line of that file and never raises, each input within a second."""
from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from recaps.config import KEYS, load_config
from recaps.errors import Problems
from recaps.registry import TEAM_KEYS
from recaps.sources import parse_registries

from tests.unit.test_properties import QUICK, YAMLISH

VALUES = ["", "~", "true", "0", "-1", "2.5", "1e400", "99999999999999999999999", "[]", "{}", "[a, [b]]",
          "{a: 1}", "/", "..", "../..", "site", "content", "templates", "'\x00'", "javascript:alert(1)",
          "https://x.example/r/", "//x.example", "/recaps/", "'#ggg'", "'#0a3d91'", "2024-25", "2025-02-30",
          "&a [*a, *a]", "*a", "'\u202e'", "{{ 7*7 }}", "\u0663-\u0661", "it", "xx", "[en, it]", "yes", "!!binary x"]


def rows(keys, draw, most: int = 10) -> list[str]:
    lines = []
    for _ in range(draw(st.integers(0, most))):
        indent = "  " * draw(st.integers(0, 2))
        dash = draw(st.sampled_from(["", "", "- "]))
        key = draw(st.sampled_from(list(keys) + ["stages", "legs", "knockout", "name", "names", "aliases"]))
        lines.append(f"{indent}{dash}{key}: {draw(st.sampled_from(VALUES))}")
    return lines


@st.composite
def config_text(draw) -> str:
    return "\n".join(rows(KEYS, draw)) + "\n"


@st.composite
def registry_text(draw) -> str:
    """Entries that look like teams.yaml's or competitions.yaml's, with odd values at odd depths."""
    entries = []
    for _ in range(draw(st.integers(0, 4))):
        entries.append("- name: " + draw(st.sampled_from(VALUES + ["Milan", "Milan", "Club Brugge"])))
        entries.extend(rows(TEAM_KEYS, draw, most=6))
    return "\n".join(entries) + "\n"


@pytest.fixture(scope="module")
def folder():
    with tempfile.TemporaryDirectory() as name:
        root = Path(name)
        for sub in ("content", "templates", "static"):
            (root / sub).mkdir()
        yield root


@QUICK
@given(text=st.one_of(config_text(), YAMLISH, st.text(max_size=200)), raw=st.binary(max_size=100))
def test_config_reader_reports_problems_never_raises(folder, text, raw):
    for data in (text.encode("utf-8", "surrogatepass"), raw):
        (folder / "config.yaml").write_bytes(data)
        problems = Problems()
        config = load_config(folder / "config.yaml", problems, display_path="config.yaml")
        assert config is not None or problems.errors, "a config that cannot be used says why"
        for problem in problems.items:
            assert problem.path == "config.yaml" and problem.line >= 0 and problem.message


@QUICK
@given(teams=st.one_of(registry_text(), YAMLISH, st.binary(max_size=100)),
       competitions=st.one_of(registry_text(), YAMLISH, st.none()))
def test_registry_readers_report_problems_never_raise(teams, competitions):
    files = [("teams.yaml", "content/teams.yaml", teams if isinstance(teams, bytes) else teams.encode()),
             ("competitions.yaml", "content/competitions.yaml",
              None if competitions is None else competitions.encode("utf-8", "surrogatepass"))]
    problems = Problems()
    registry = parse_registries(files, problems)
    for problem in problems.items:
        assert problem.path in ("content/teams.yaml", "content/competitions.yaml") and problem.line >= 0
    for team in registry.teams.values():
        assert team.name and team.slug
