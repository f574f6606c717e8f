"""`python build.py ingest PATH... [--out DIR] [--force] [--dry-run]`.

Each input (a .txt file, or every .txt in a folder) becomes one draft `.md`
named from its slug; an existing file is never overwritten without --force.
A refused input is reported and the others still go through; the exit code is
1 if any input was refused.
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from ..articles import parse_article
from ..errors import Problems
from ..sources import read_registry, shown_path
from ..yamlfile import dump_front_matter
from .draft import ingest_text
from .site import known_matches
from .source import Refused, read_text


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="a .txt recap, or a folder of them")
    parser.add_argument("--out", type=Path, help="where to write the drafts (default: content/articles/ of the config)")
    parser.add_argument("--config", default="config.yaml", type=Path, help="config file (default: config.yaml)")
    parser.add_argument("--force", action="store_true", help="overwrite a draft that already exists")
    parser.add_argument("--dry-run", action="store_true", help="print what would be written; write nothing")


def inputs(paths: list[Path], problems: Problems) -> list[Path]:
    """The files to ingest, in order; a folder means every .txt in it."""
    files = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.glob("*.txt") if p.is_file() and not p.name.startswith("."))
            if not found:
                problems.error(shown_path(path), 0, "a folder with no .txt files: nothing to ingest")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            problems.error(shown_path(path), 0, "no such file or folder")
    return files


def run(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    from ..config import load_config

    problems = Problems()
    config = load_config(args.config, problems) if args.config.is_file() else None
    if config is None:
        parser.error(f"--config: no usable config file at {args.config} (run where config.yaml is, "
                     "or pass --config FILE)")
    registry = read_registry(config, problems)
    articles = config.root / config.content_dir / "articles"
    out_dir = args.out if args.out is not None else articles
    known = known_matches(articles, registry)
    if args.out is not None and out_dir.resolve() != articles.resolve():
        known += known_matches(out_dir, registry)
    refused = 0
    taken: set[Path] = set()
    files = inputs(args.paths, problems)
    refused += len(problems.errors)
    for path in files:
        shown = shown_path(path)
        try:
            source = read_text(path.read_bytes())
        except Refused as exc:
            problems.error(shown, 0, str(exc))
            refused += 1
            continue
        except OSError as exc:
            problems.error(shown, 0, f"cannot read: {exc.strerror}")
            refused += 1
            continue
        draft = ingest_text(source.text, registry, known, today=dt.date.today(), notes=source.notes)
        text = dump_front_matter(draft.front, draft.body)
        target, kept = _target(out_dir, draft.slug, text, taken, force=args.force)
        taken.add(target)
        _check_reads_back(target, text)
        if kept:
            print(f"{shown}: note: {shown_path(kept)} exists and is not overwritten (--force replaces it)")
        if target.exists() and target.read_bytes() == text.encode("utf-8") and not args.force:
            print(f"{shown}: {shown_path(target)} is already this draft; left as it is")
        elif args.dry_run:
            print(f"--- {shown}: would write {shown_path(target)}")
            print(text)
        else:
            out_dir.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            print(f"{shown}: wrote {shown_path(target)}")
        _print_review(draft)
    for problem in problems.sorted():
        print(problem.format(), file=sys.stderr)
    if refused:
        print(f"ingest: {refused} input{'s' * (refused != 1)} refused", file=sys.stderr)
    return 1 if refused else 0


def _target(out_dir: Path, slug: str, text: str, taken: set[Path], *, force: bool) -> tuple[Path, Path | None]:
    """The draft's file and the existing file it steps aside for, if any.

    The file is named from the slug, with -2, -3 ... when another input of this run
    took the name, or when a different file is there already: an existing file is
    never overwritten without --force (a person may have edited it), and a second
    recap of the same match still gets its own draft.
    """
    first = target = out_dir / f"{slug}.md"
    number = 2
    while target in taken or (not force and target.exists() and target.read_bytes() != text.encode("utf-8")):
        target, number = out_dir / f"{slug}-{number}.md", number + 1
    return target, first if target != first and first.exists() and first not in taken else None


def _check_reads_back(target: Path, text: str) -> None:
    """The build must read every draft without an error: a failure here is our bug."""
    problems = Problems()
    parse_article(str(target), target.stem, text.encode("utf-8"), problems, "en")
    if problems.errors:
        raise AssertionError("ingest wrote front matter the build cannot read: "
                             + "; ".join(p.format() for p in problems.errors))


def _print_review(draft: Draft) -> None:
    matches = draft.front.get("matches", [])
    print(f"  {len(matches)} match{'es' * (len(matches) != 1)}; review {len(draft.review)} "
          f"item{'s' * (len(draft.review) != 1)}:")
    for item in draft.review:
        quoted = f" ({_short(item.text)})" if item.text else ""
        print(f"  - {item.field}: {item.why}{quoted}")


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"
