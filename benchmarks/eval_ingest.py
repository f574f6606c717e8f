#!/usr/bin/env python3
"""How well ingest reads results: precision, recall and language over recaps with known answers.

    python benchmarks/eval_ingest.py [FOLDER...] [--failures]

Default folders: tests/data/ingest/eval (recaps written in the shapes real ones come in)
and tests/data/ingest (the table-driven cases). Each NAME.txt has a NAME.yaml beside it:
`lang`, `matches` (what ingest must write) and `stated` (results the text states whose home
side only knowledge from outside the text gives: counted for recall, accepted if written).

- precision: matches written that are a true result (home, away and score right, and no
  `aet` or `pens` other than the truth's; one left out is counted apart) / matches written;
- recall: true results (`matches` and `stated`) written with the right home side and score /
  true results;
- lang: articles whose detected language is right / articles.

Each text is ingested as `python build.py ingest FILE` does, with the matches content/
already reports; --failures lists every wrong, missed and extra match.
"""
from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT = [ROOT / "tests" / "data" / "ingest" / "eval", ROOT / "tests" / "data" / "ingest"]
RESULT_KEYS = ("home", "away", "score", "aet", "pens")


def truth(entry: dict) -> tuple:
    """A match as (home, away, score, aet, pens), scores as text."""
    return tuple(str(entry[key]) if entry.get(key) is not None else None for key in RESULT_KEYS)


def agrees(got: tuple, true: tuple) -> bool:
    """The same match and score, and no extra time or shoot-out the truth does not have."""
    return got[:3] == true[:3] and all(mine is None or mine == theirs for mine, theirs in zip(got[3:], true[3:]))


def among(got: tuple, truths: list[tuple]) -> bool:
    return any(agrees(got, true) for true in truths)


def cases(folder: Path) -> list[tuple[Path, dict]]:
    return [(path, yaml.safe_load(path.with_suffix(".yaml").read_text(encoding="utf-8")))
            for path in sorted(folder.glob("*.txt"))]


def evaluate(folder: Path, registry, known, failures: bool) -> None:
    from recaps.ingest.draft import ingest_text

    written = right = stated = found = lang_right = articles = short = required = required_found = 0
    for path, expected in cases(folder):
        draft = ingest_text(path.read_text(encoding="utf-8"), registry, known, today=dt.date.today())
        want = [truth(entry) for entry in expected.get("matches") or []]
        may = [truth(entry) for entry in expected.get("stated") or []]
        got = [truth(entry) for entry in draft.front.get("matches", [])]
        articles += 1
        lang_right += draft.front.get("lang") == expected["lang"]
        written += len(got)
        right += sum(among(match, want + may) for match in got)
        stated += len(want) + len(may)
        found += sum(any(match[:3] == true[:3] for match in got) for true in want + may)
        required += len(want)
        required_found += sum(any(match[:3] == true[:3] for match in got) for true in want)
        short += sum(among(match, want + may) and match not in want + may for match in got)
        if failures:
            problems = [f"wrong lang {draft.front.get('lang')}"] if draft.front.get("lang") != expected["lang"] else []
            problems += [f"WRONG {match}" for match in got if not among(match, want + may)]
            problems += [f"aet or pens left out {match}" for match in got if among(match, want + may)
                         and match not in want + may]
            problems += [f"missed {true}" for true in want if not any(match[:3] == true[:3] for match in got)]
            problems += [f"missed (stated) {true}" for true in may if not any(match[:3] == true[:3] for match in got)]
            for problem in problems:
                print(f"  {path.name}: {problem}")
    shown = folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder
    print(f"{shown}: {articles} recaps, {stated} stated results, {written} written")
    print(f"  precision {_ratio(right, written)}  recall {_ratio(found, stated)}  lang {_ratio(lang_right, articles)}"
          f"  (right but missing aet or pens: {short})")
    print(f"  recall of `matches` alone (the results the text itself orients): {_ratio(required_found, required)}")


def _ratio(part: int, whole: int) -> str:
    return f"{part}/{whole} = {part / whole:.3f}" if whole else f"{part}/0"


def main(argv: list[str]) -> int:
    from recaps.config import load_config
    from recaps.errors import Problems
    from recaps.ingest.site import known_matches
    from recaps.sources import read_registry

    failures = "--failures" in argv
    folders = [Path(arg).resolve() for arg in argv if not arg.startswith("--")] or DEFAULT
    problems = Problems()
    registry = read_registry(load_config(ROOT / "config.yaml", problems), problems)
    if problems.errors:
        print("\n".join(problem.format() for problem in problems.errors), file=sys.stderr)
        return 1
    known = known_matches(ROOT / "content" / "articles", registry)
    for folder in folders:
        evaluate(folder, registry, known, failures)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
