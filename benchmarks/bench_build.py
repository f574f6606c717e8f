#!/usr/bin/env python3
"""Build a generated corpus and compare with the floor: the same libraries
parsing and rendering the same articles with nothing of ours in between.

    python benchmarks/bench_build.py [N ...]      (default: 1000 10000)

Prints, per corpus size: our build's time by step, the floor's time, and the ratio.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import jinja2
import markdown
import yaml

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT.parent / "shared" / "bench" / "gen_corpus.py"
WORK = ROOT / "benchmarks" / "out"
sys.path.insert(0, str(ROOT))

from recaps.config import load_config  # noqa: E402
from recaps.errors import BuildFailed, Problems  # noqa: E402
from recaps.pipeline import build  # noqa: E402


def make_project(count: int) -> Path:
    project = WORK / f"corpus-{count}"
    if not (project / "content" / "articles").is_dir():
        shutil.rmtree(project, ignore_errors=True)
        subprocess.run([sys.executable, str(GENERATOR), str(project / "content"), str(count)], check=True,
                       stdout=subprocess.DEVNULL)
    for name in ("teams.yaml", "competitions.yaml"):
        shutil.copy(ROOT / "content" / name, project / "content" / name)
    (project / "config.yaml").write_text(
        f"title: Benchmark\nbase_url: https://example.org/\ntemplates_dir: {ROOT / 'templates'}\n"
        f"static_dir: {ROOT / 'static'}\n", encoding="utf-8")
    return project


def ours(project: Path) -> tuple[float, list, int]:
    problems = Problems()
    config = load_config(project / "config.yaml", problems)
    started = time.perf_counter()
    try:
        result = build(config, problems, out_dir=project / "site")
    except BuildFailed:
        for problem in problems.errors[:10]:
            print(problem.format())
        raise SystemExit("benchmark corpus failed to build")
    return time.perf_counter() - started, result.timings.steps, result.pages


FLOOR_TEMPLATE = jinja2.Environment(autoescape=True).from_string(
    "<!DOCTYPE html><html lang='{{ lang }}'><head><title>{{ title }}</title></head>"
    "<body><h1>{{ title }}</h1>{{ body }}</body></html>")


def floor(project: Path) -> float:
    """Read, parse front matter (C YAML), convert Markdown, render one template, write: per article."""
    started = time.perf_counter()
    md = markdown.Markdown(extensions=["tables", "sane_lists"])
    out = project / "floor"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir()
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for path in sorted((project / "content" / "articles").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        _, front, body = text.split("---\n", 2)
        meta = yaml.load(front, Loader=loader)
        md.reset()
        html = FLOOR_TEMPLATE.render(title=meta["title"], lang=meta.get("lang", "en"),
                                     body=jinja2.utils.markupsafe.Markup(md.convert(body)))
        (out / f"{path.stem}.html").write_text(html, encoding="utf-8")
    return time.perf_counter() - started


def main(sizes: list[int]) -> None:
    print(f"{'articles':>8} {'pages':>7} {'ours s':>8} {'floor s':>8} {'ratio':>6}  steps")
    for count in sizes:
        project = make_project(count)
        floor_seconds = floor(project)
        seconds, steps, pages = ours(project)
        detail = ", ".join(f"{name} {value:.2f}" for name, value in steps)
        print(f"{count:>8} {pages:>7} {seconds:>8.2f} {floor_seconds:>8.2f} {seconds / floor_seconds:>6.2f}  {detail}")


if __name__ == "__main__":
    main([int(arg) for arg in sys.argv[1:]] or [1000, 10000])
