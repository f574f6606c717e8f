#!/usr/bin/env python3
"""How well ingest reads results: precision, recall and language over recaps with known answers.

    python benchmarks/eval_ingest.py [FOLDER...] [--failures] [--half odd|even|both]

A folder is read in one of two formats.

A set with a `truth.yaml` (a development set of real recaps, texts in `articles/`): one entry
per file with `lang`, `matches` (home, away, score, aet, pens, basis) and `not_final`. Scores are
"HOME-AWAY" of the match's home side; `score` includes extra time when `aet` is true. A match's
`basis` is `stated` (the text writes the score), `implied` (only goal by goal) or `derived` (an
aggregate minus the other leg). The figures, by file shape (the README's table, if any), by
language and by half (odd- or even-numbered files: --half picks one, default both):

- precision: matches written that are a true match of the file, whatever its basis (home, away
  and final score right, and no `pens` other than the truth's) / matches written. A match the
  truth lists as `not_final` (a score at 90 minutes or at half-time), one with home and away
  reversed and one the truth does not have are all wrong;
- recall: `stated` matches written with the right home side and final score / `stated` matches.
  `implied` ones are counted apart (found/all), as a bonus; `derived` ones are not counted;
- lang: articles whose detected language is right / articles.

Without a `truth.yaml`, each NAME.txt has a NAME.yaml beside it (our own texts, default
tests/data/ingest/eval and tests/data/ingest): `lang`, `matches` (what ingest must write) and
`stated` (results whose home side only knowledge from outside the text gives: counted for
recall, accepted if written).

Each text is ingested as `python build.py ingest FILE --out DIR` does (the file's bytes read
as the command reads them, the matches content/ already reports); --failures lists every
wrong, missed and extra match with the sentence it came from.
"""
from __future__ import annotations

import datetime as dt
import re
import sys
import time
from dataclasses import dataclass, field
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


def ingest_file(path: Path, registry, known):
    """The draft `python build.py ingest FILE` writes for `path`."""
    from recaps.ingest.draft import ingest_text
    from recaps.ingest.source import Refused, read_text

    try:
        source = read_text(path.read_bytes())
    except Refused:
        return None
    return ingest_text(source.text, registry, known, today=dt.date.today(), notes=source.notes)


def evaluate(folder: Path, registry, known, failures: bool) -> None:
    written = right = stated = found = lang_right = articles = short = required = required_found = 0
    for path, expected in cases(folder):
        draft = ingest_file(path, registry, known)
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


# --- a development set with truth.yaml -------------------------------------------------------------


@dataclass
class Tally:
    """Counts over some files of a truth.yaml set."""

    files: int = 0
    lang_right: int = 0
    written: int = 0
    right: int = 0
    stated: int = 0
    stated_found: int = 0
    implied: int = 0
    implied_found: int = 0
    seconds: float = 0.0

    def add(self, other: "Tally") -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def line(self) -> str:
        return (f"precision {_ratio(self.right, self.written)}  recall {_ratio(self.stated_found, self.stated)}  "
                f"lang {_ratio(self.lang_right, self.files)}  implied found {self.implied_found}/{self.implied}")


@dataclass
class FileResult:
    tally: Tally
    problems: list[str] = field(default_factory=list)


def final(match: dict) -> tuple:
    """(home, away, final score, pens) of a truth.yaml match: its score includes extra time. A
    women's match, which truth.yaml writes under the clubs' names with a note, is between the
    clubs' women's teams, as ingest writes them ("Juventus Women")."""
    mark = " Women" if "women's match" in str(match.get("note") or "") else ""
    return (match["home"] + mark, match["away"] + mark, str(match["score"]), match.get("pens") and str(match["pens"]))


def written_final(match: dict) -> tuple:
    """(home, away, final score, pens) of a match ingest wrote: `aet` is the score after 120 minutes."""
    return (match["home"], match["away"], str(match.get("aet") or match["score"]),
            match.get("pens") and str(match["pens"]))


def score_file(path: Path, entry: dict, registry, known) -> FileResult:
    started = time.perf_counter()
    draft = ingest_file(path, registry, known)
    seconds = time.perf_counter() - started
    front = draft.front if draft else {}
    same = _same_team(registry)
    truths = [(m, final(m)) for m in entry.get("matches") or []]
    tally = Tally(files=1, seconds=seconds, lang_right=front.get("lang") == entry["lang"])
    problems = [f"lang {front.get('lang')!r}, truth {entry['lang']!r}"] if not tally.lang_right else []
    got = [(m, written_final(m)) for m in front.get("matches") or []]
    tally.written = len(got)

    def fits(mine: tuple, true: tuple) -> bool:
        return (same(mine[0], true[0]) and same(mine[1], true[1]) and mine[2] == true[2]
                and (mine[3] is None or mine[3] == true[3]))

    for match, mine in got:
        if any(fits(mine, true) for _, true in truths):
            tally.right += 1
            continue
        problems.append(f"WRONG {_shown(mine)}: {_wrong(mine, truths, entry, same)}{_from(draft, match)}")
    for true_match, true in truths:
        basis = true_match.get("basis", "stated")
        hit = any(fits(mine, true) or (fits((*mine[:3], None), true)) for _, mine in got)
        if basis == "stated":
            tally.stated += 1
            tally.stated_found += hit
        elif basis == "implied":
            tally.implied += 1
            tally.implied_found += hit
        if not hit and basis != "derived":
            problems.append(f"missed ({basis}) {_shown(true)}{_missed_why(draft, true_match)}")
    return FileResult(tally, problems)


def _wrong(mine: tuple, truths: list, entry: dict, same) -> str:
    """Why a written match is wrong: home and away reversed, a wrong score, a score that is not
    final, or a match the truth does not have (in that order of preference)."""
    def flipped(score: str) -> str:
        return "-".join(reversed(score.split("-")))

    swapped = [true for _, true in truths if same(mine[0], true[1]) and same(mine[1], true[0])]
    ordered = [true for _, true in truths if same(mine[0], true[0]) and same(mine[1], true[1])]
    if any(flipped(true[2]) == mine[2] for true in swapped):
        return f"home and away reversed (truth {_shown(next(t for t in swapped if flipped(t[2]) == mine[2]))})"
    if ordered or swapped:
        return f"wrong score (truth {_shown((ordered or swapped)[0])})"
    if any(same(mine[0], partial["home"]) and same(mine[1], partial["away"]) or
           same(mine[1], partial["home"]) and same(mine[0], partial["away"]) for partial in entry.get("not_final") or []):
        return "a score that is not final (truth: not_final)"
    return "not in the truth"


def _same_team(registry):
    """Whether two names are one club: the registry's slugs, else the names as written."""
    def key(name: str) -> str:
        team = registry.team(name)
        return team.slug if team else name.casefold()

    return lambda first, second: key(first) == key(second)


def _shown(match: tuple) -> str:
    return f"{match[0]} {match[2]} {match[1]}" + (f" (pens {match[3]})" if match[3] else "")


def _from(draft, match: dict) -> str:
    at = draft.front["matches"].index(match)
    return f"\n      from: {_cut(draft.stated_in[at])}"


def _missed_why(draft, true_match: dict) -> str:
    """The review items of the draft that name one of the match's clubs: why it was left out."""
    if draft is None:
        return ": the input was refused"
    names = {true_match["home"].split()[0].casefold(), true_match["away"].split()[0].casefold()}
    items = [item for item in draft.review if item.field == "matches"
             and any(name in (item.text + item.why).casefold() for name in names)]
    return "".join(f"\n      review: {item.why} | {_cut(item.text)}" for item in items[:3])


def _cut(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _shapes(folder: Path) -> dict[str, list[str]]:
    """The README's table of shapes: shape -> two-digit file numbers."""
    readme = folder / "README.md"
    if not readme.is_file():
        return {}
    shapes = {}
    for line in readme.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 2 and re.fullmatch(r"\d\d(?:,\s*\d\d)*(?:\s*\(.*\))?(?:,\s*\d\d(?:\s*\(.*?\))?)*", cells[1]):
            shapes[cells[0]] = re.findall(r"\b\d\d\b", re.sub(r"\(.*?\)", "", cells[1]))
    return shapes


def evaluate_truth(folder: Path, registry, known, failures: bool, halves: list[str]) -> None:
    entries = yaml.safe_load((folder / "truth.yaml").read_text(encoding="utf-8"))
    shapes = _shapes(folder)
    results = {}
    for entry in entries:
        number = int(re.match(r"\d+", entry["file"]).group())
        half = "odd" if number % 2 else "even"
        if half not in halves:
            continue
        results[entry["file"]] = (half, entry, score_file(folder / "articles" / entry["file"], entry, registry, known))
    print(f"{folder}: {len(results)} files ({' and '.join(halves)}-numbered)")
    for half in halves:
        overall = Tally()
        by_lang: dict[str, Tally] = {}
        for name, (where, entry, result) in results.items():
            if where == half:
                overall.add(result.tally)
                by_lang.setdefault(entry["lang"], Tally()).add(result.tally)
        print(f"{half} half: {overall.line()}  ({overall.seconds / max(overall.files, 1) * 1000:.0f} ms a file)")
        for lang, tally in sorted(by_lang.items()):
            print(f"  {lang}: {tally.line()}")
    if shapes:
        print("by shape (all the files counted):")
        for shape, numbers in shapes.items():
            tally = Tally()
            for name, (_, _, result) in results.items():
                if name[:2] in numbers:
                    tally.add(result.tally)
            if tally.files:
                print(f"  {shape[:60]:<60} {tally.line()}")
    if failures:
        for name, (_, _, result) in results.items():
            for problem in result.problems:
                print(f"  {name}: {problem}")


def _ratio(part: int, whole: int) -> str:
    return f"{part}/{whole} = {part / whole:.3f}" if whole else f"{part}/0"


def main(argv: list[str]) -> int:
    from recaps.config import load_config
    from recaps.errors import Problems
    from recaps.ingest.site import known_matches
    from recaps.sources import read_registry

    failures = "--failures" in argv
    half = argv[argv.index("--half") + 1] if "--half" in argv else "both"
    if half not in ("odd", "even", "both"):
        print("--half: odd, even or both", file=sys.stderr)
        return 2
    halves = ["odd", "even"] if half == "both" else [half]
    skip = {argv.index("--half") + 1} if "--half" in argv else set()
    folders = [Path(arg).resolve() for at, arg in enumerate(argv) if not arg.startswith("--") and at not in skip]
    problems = Problems()
    registry = read_registry(load_config(ROOT / "config.yaml", problems), problems)
    if problems.errors:
        print("\n".join(problem.format() for problem in problems.errors), file=sys.stderr)
        return 1
    known = known_matches(ROOT / "content" / "articles", registry)
    for folder in folders or DEFAULT:
        if (folder / "truth.yaml").is_file():
            evaluate_truth(folder, registry, known, failures, halves)
        else:
            evaluate(folder, registry, known, failures)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
