#!/usr/bin/env python3
"""Time ingest: start-up, one article after start-up, and a folder of N raw recaps.

    python benchmarks/bench_ingest.py [N]      (default: 1000)

The raw recaps are the bodies (headline first) of the generated benchmark corpus
(benchmarks/gen_corpus.py), written out as .txt files. The folder is timed as a
user runs it: `python build.py ingest FOLDER --out OUT`, start-up included.
"""
from __future__ import annotations

import datetime as dt
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "benchmarks" / "out"
sys.path.insert(0, str(ROOT))

from gen_corpus import generate  # noqa: E402


def raw_recaps(count: int) -> Path:
    """N plain-text recaps: each generated recap's title, a blank line and its body."""
    folder = WORK / f"ingest-{count}"
    if len(list(folder.glob("*.txt"))) == count:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for recap in generate(count):
        (folder / f"{recap.date.isoformat()}-{recap.slug}.txt").write_text(
            f"{recap.title}\n\n{recap.body.strip()}\n", encoding="utf-8")
    return folder


def main(count: int) -> None:
    folder = raw_recaps(count)
    texts = [path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt"))]

    started = time.perf_counter()
    from recaps.config import load_config
    from recaps.errors import Problems
    from recaps.ingest.draft import ingest_text
    from recaps.ingest.site import known_matches
    from recaps.sources import read_registry

    problems = Problems()
    config = load_config(ROOT / "config.yaml", problems)
    registry = read_registry(config, problems)
    known = known_matches(ROOT / "content" / "articles", registry)
    today = dt.date.today()
    ingest_text(texts[0], registry, known, today=today)  # loads the language model and builds the name tables
    startup = time.perf_counter() - started

    one = []
    for text in texts[1:21]:
        began = time.perf_counter()
        ingest_text(text, registry, known, today=today)
        one.append(time.perf_counter() - began)
    print(f"start-up (imports, registries, language model, first article): {startup:.2f} s")
    print(f"one article after start-up: median {statistics.median(one) * 1000:.1f} ms, "
          f"max {max(one) * 1000:.1f} ms (over {len(one)} articles)")

    out = WORK / f"ingest-{count}-drafts"
    shutil.rmtree(out, ignore_errors=True)
    began = time.perf_counter()
    run = subprocess.run([sys.executable, str(ROOT / "build.py"), "ingest", str(folder), "--out", str(out)],
                         cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - began
    written = len(list(out.glob("*.md")))
    print(f"python build.py ingest on {count} recaps: {elapsed:.1f} s, {written} drafts written, exit {run.returncode}")
    if run.returncode:
        print(run.stderr[-2000:])


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
