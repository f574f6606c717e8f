"""The writer's guide, docs/writing.md, against the code: truth is code.

- Every key the code accepts is the first cell of a row in the guide's table for
  it, and every key such a table documents is one the code accepts.
- Every complete recap the guide shows (a ```yaml block starting with `---`)
  builds with the shipped registries and templates, without a warning. An
  example is the recaps of one section up to a line
  **In `site/data/ties.json`:** `"aggregate": "1-1"`, `"winner": ...`, `"decided_by": ...`
  and its one tie comes out exactly as that line says.
- README points writers to the guide, and neither links outside the repository.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from recaps.articles import ARTICLE_KEYS, CARD_KINDS, EVENT_KEYS, GOAL_KINDS, MATCH_KEYS, parse_article
from recaps.cli import main
from recaps.config import KEYS as CONFIG_KEYS
from recaps.errors import Problems
from recaps.registry import COMPETITION_KEYS, STAGE_KEYS, TEAM_KEYS
from recaps.yamlfile import load, split_front_matter

from tests.sites.test_writers import project

ROOT = Path(__file__).resolve().parents[2]
GUIDE = ROOT / "docs" / "writing.md"

_HEADING = re.compile(r"^#{1,6} (.+)$")
_FENCE = re.compile(r"^```(\w*)\s*$")
_ROW_KEY = re.compile(r"^\|\s*`([^`]+)`\s*\|")
_RESULT = re.compile(r'^\*\*In `site/data/ties\.json`:\*\* `"aggregate": "(?P<aggregate>[^"]*)"`, '
                     r'`"winner": "(?P<winner>[^"]*)"`, `"decided_by": "(?P<decided_by>[^"]*)"`\s*$')
_LINK = re.compile(r"\]\(([^)\s]+)\)")


@dataclass
class Example:
    """The complete recaps of one section up to a result line (or the next heading)."""

    heading: str
    recaps: list[str] = field(default_factory=list)
    result: dict | None = None


@dataclass
class Guide:
    sections: dict[str, list[str]]  # heading, numbering dropped -> its lines outside code blocks
    blocks: list[tuple[str, str]]  # (language, text) of every fenced block
    examples: list[Example]


def read_guide(text: str) -> Guide:
    sections: dict[str, list[str]] = {}
    blocks, examples = [], []
    heading, fence, block = "", None, []
    example = Example(heading)
    for line in text.splitlines():
        fenced = _FENCE.match(line)
        if fence is not None:
            if fenced and not fenced.group(1):
                blocks.append((fence, "\n".join(block) + "\n"))
                if fence == "yaml" and block and block[0] == "---":
                    example.recaps.append(blocks[-1][1])
                fence = None
            else:
                block.append(line)
            continue
        if fenced:
            fence, block = fenced.group(1), []
        elif found := _HEADING.match(line):
            examples.append(example)
            heading = re.sub(r"^\d+\.\s+", "", found.group(1).strip())
            assert heading not in sections, f"two sections of the guide are called {heading!r}"
            sections[heading] = []
            example = Example(heading)
        elif found := _RESULT.match(line):
            example.result = found.groupdict()
            examples.append(example)
            example = Example(heading)
        else:
            sections.setdefault(heading, []).append(line)
    assert fence is None, "a code block of the guide is never closed"
    examples.append(example)
    return Guide(sections, blocks, [example for example in examples if example.recaps])


GUIDE_TEXT = GUIDE.read_text(encoding="utf-8")
THE_GUIDE = read_guide(GUIDE_TEXT)


def source_keys() -> tuple[str, ...]:
    """The keys `source` accepts, as the build lists them when it meets one it does not know."""
    problems = Problems()
    parse_article("probe.md", "probe", b"---\ntitle: T\ndate: 2025-01-01\nsource: {unheard-of: x}\n---\n",
                  problems, "en")
    [warning] = problems.warnings
    return tuple(re.search(r"expected one of: ([^)]*)\)", warning.message).group(1).split(", "))


KINDS = tuple(kind for kind in GOAL_KINDS + CARD_KINDS if kind is not None)  # a goal may leave `kind` out

# The guide's section (its heading, numbering dropped) -> the keys its tables document.
TABLES = {
    "Article fields": ARTICLE_KEYS,
    "`source`": source_keys(),
    "Match fields": MATCH_KEYS,
    "Goals and cards": EVENT_KEYS + KINDS,
    "`teams.yaml`": TEAM_KEYS,
    "`competitions.yaml`": COMPETITION_KEYS,
    "Stages": STAGE_KEYS,
    "`config.yaml`": CONFIG_KEYS,
}


def documented(heading: str) -> set[str]:
    assert heading in THE_GUIDE.sections, f"the guide has no section {heading!r}"
    return {found.group(1) for line in THE_GUIDE.sections[heading] if (found := _ROW_KEY.match(line))}


@pytest.mark.parametrize("heading", TABLES)
def test_every_key_the_code_accepts_is_a_row_of_its_table(heading):
    missing = [key for key in TABLES[heading] if key not in documented(heading)]
    assert not missing, f"{GUIDE.name}, section {heading!r}: no table row for {missing}"


_REVIEW_PENDING = pytest.mark.xfail("review" not in ARTICLE_KEYS, strict=True,
                                    reason="ingest is adding `review` to ARTICLE_KEYS; the guide documents it already")


@pytest.mark.parametrize("heading", [pytest.param(heading, marks=_REVIEW_PENDING) if heading == "Article fields"
                                     else heading for heading in TABLES])
def test_every_key_the_guide_documents_is_accepted(heading):
    unknown = sorted(documented(heading) - set(TABLES[heading]))
    assert not unknown, f"{GUIDE.name}, section {heading!r} documents keys the code does not accept: {unknown}"


def test_the_worked_examples_show_every_way_a_tie_is_decided():
    shown = {example.result["decided_by"] for example in THE_GUIDE.examples if example.result}
    assert shown == {"aggregate", "extra_time", "away_goals", "penalties"}


@pytest.mark.parametrize("example", THE_GUIDE.examples,
                         ids=[f"{index}-{example.heading}" for index, example in enumerate(THE_GUIDE.examples)])
def test_every_complete_recap_builds_as_the_guide_says(tmp_path, capsys, monkeypatch, example):
    drafts = any(load(split_front_matter(text)[0]).get("draft") for text in example.recaps)
    root = project(tmp_path, {f"example-{number}.md": text for number, text in enumerate(example.recaps, 1)})
    monkeypatch.chdir(root)
    code = main(["--config", "config.yaml", "--out", "site", *(["--drafts"] if drafts else [])])
    err = capsys.readouterr().err
    assert code == 0 and "Traceback" not in err, err
    assert drafts or ": warning: " not in err, f"a published example should build quietly:\n{err}"
    if example.result:
        ties = json.loads((root / "site" / "data" / "ties.json").read_text(encoding="utf-8"))
        assert len(ties) == 1, f"the example under {example.heading!r} should form one tie"
        assert {key: ties[0][key] for key in example.result} == example.result


@pytest.mark.parametrize("index", [index for index, (language, text) in enumerate(THE_GUIDE.blocks)
                                   if language == "yaml" and not text.startswith("---\n")])
def test_every_yaml_snippet_is_valid_yaml(index):
    load(THE_GUIDE.blocks[index][1])


def _anchor(heading: str) -> str:
    """The fragment GitHub gives a heading."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


@pytest.mark.parametrize("document", [GUIDE, ROOT / "README.md"], ids=lambda path: path.name)
def test_links_stay_inside_the_repository(document):
    text = document.read_text(encoding="utf-8")
    anchors = {_anchor(found.group(1)) for line in text.splitlines() if (found := _HEADING.match(line))}
    prose = re.sub(r"`[^`\n]*`", "", re.sub(r"^```.*?^```", "", text, flags=re.S | re.M))  # code shows, never links
    for link in _LINK.findall(prose):
        if re.match(r"^[a-z]+://", link):
            continue
        target, _, fragment = link.partition("#")
        if not target:
            assert fragment in anchors, f"{document.name}: no heading for the link {link!r}"
            continue
        path = (document.parent / target).resolve()
        assert path.is_relative_to(ROOT) and path.exists(), f"{document.name}: {link!r} leads outside the repository"


def test_readme_points_writers_to_the_guide():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "](docs/writing.md)" in readme
    assert "../shared/DESIGN.md" not in readme
