#!/usr/bin/env python3
"""Live preview latency: from saving a recap to its new text visible in
headless Chromium, on the real content and on generated corpora.

    python benchmarks/bench_serve.py [--steps] [real] [N ...]   (default: real 1000)

For each site: start `build.py serve`, open one recap, then save it a few
times with a new sentence and time each save until the sentence shows in the
page (the server's own rebuild time, from its log line, alongside). Prints
medians and the server's peak memory. The edited file is restored afterwards.

`--steps`: no server and no browser; the preview's builder in this process, on a
copy of the site, after each of a few saves of one recap (its body, a score, its
title, nothing): CPU and wall time of the rebuild, its steps, how many outputs
it rendered again, and the process's peak memory. Each rebuild is told what
changed, as the server's watcher tells it (the row "look" is a save that changed
nothing with no such word: the server's look at every source once saves stop).

The generated corpora are bench_build.py's projects, with every generated club
registered.
"""
from __future__ import annotations

import re
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_build import WORK, make_project  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from recaps.articles import parse_article  # noqa: E402
from recaps.errors import Problems  # noqa: E402
from recaps.serve.builder import PreviewBuilder  # noqa: E402
from recaps.sources import Saved  # noqa: E402
from recaps.write import OutputFolder  # noqa: E402
from tests.serving import Served, copy_project  # noqa: E402

SAVES = 5
REBUILD = re.compile(r"changed: (\d+) pages? rendered.* (\d+) ms")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def real_project() -> Path:
    folder = WORK / "serve-real"
    shutil.rmtree(folder, ignore_errors=True)
    return copy_project(ROOT / "config.yaml", folder)


def corpus_project(count: int) -> Path:
    return make_project(count) / "config.yaml"


def peak_memory_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure(name: str, config: Path, browser) -> None:
    recap = sorted((config.parent / "content" / "articles").glob("*.md"))[0]
    original = recap.read_bytes()
    spec = parse_article(str(recap), recap.stem, original, Problems(), "en")
    started = time.perf_counter()
    server = Served(config, startup_timeout=1800)
    startup = time.perf_counter() - started
    visible, rebuilt, rendered = [], [], []
    try:
        page = browser.new_page()
        page.goto(f"{server.url}articles/{spec.slug}/")
        page.wait_for_function("() => window.LiveReload && window.LiveReload.connector.protocol > 0")
        for number in range(SAVES):
            sentence = f"Benchmark sentence number {number}."
            text = original.decode("utf-8")
            head, _, body = text.partition("\n---\n")
            saved = time.perf_counter()
            recap.write_text(f"{head}\n---\n{sentence}\n{body}", encoding="utf-8")
            page.wait_for_function("text => document.body && document.body.innerText.includes(text)",
                                   arg=sentence, timeout=600_000)
            visible.append((time.perf_counter() - saved) * 1000)
            line = server.wait_for(REBUILD, timeout=60)
            rendered.append(int(line.group(1)))
            rebuilt.append(int(line.group(2)))
            page.wait_for_timeout(300)
        memory = peak_memory_mib(server.process.pid)
    finally:
        recap.write_bytes(original)
        server.stop()
    print(f"{name:>10} {startup:>9.1f} {statistics.median(visible):>10.0f} {min(visible):>7.0f} "
          f"{max(visible):>7.0f} {statistics.median(rebuilt):>10.0f} {statistics.median(rendered):>8.0f} "
          f"{memory:>8.0f}", flush=True)


ROUNDS = 3
FIRST_SCORE = re.compile(r'score: "?(\d+)[-–](\d+)"?')


def edited(text: str, kind: str, number: int) -> str:
    """The recap's `text` after one save of `kind`: a sentence more in its body, a goal more for each
    side of its first match (the tie stays as decided as it was), another title, or as it was."""
    head, _, body = text.partition("\n---\n")
    if kind == "body":
        return f"{head}\n---\nBenchmark sentence number {number}.\n{body}"
    if kind == "score":
        return FIRST_SCORE.sub(lambda found: f'score: "{int(found.group(1)) + 1}-{int(found.group(2)) + 1}"',
                               text, count=1)
    if kind == "title":
        return re.sub(r"(?m)^title: .*$", f"title: Benchmark title {number}", text, count=1)
    return text


def measure_steps(name: str, config: Path) -> None:
    """Rebuilds in this process after saves of one recap (see the module's docstring)."""
    with tempfile.TemporaryDirectory(prefix="bench-serve-steps-") as temporary:
        config = copy_project(config, Path(temporary) / "project", "https://example.org/")
        recaps = sorted((config.parent / "content" / "articles").glob("*.md"))
        recap = next((path for path in recaps if "leg: 1" in path.read_text(encoding="utf-8")), recaps[0])
        original = recap.read_text(encoding="utf-8")
        builder = PreviewBuilder(config, OutputFolder(Path(temporary) / "preview"))
        watched = [config.parent / name for name in ("content", "templates", "static")]
        started = time.process_time()
        first = builder.build()
        print(f"{name:>10} first build: {first.rendered} outputs, {time.process_time() - started:.1f} CPU s", flush=True)
        rows: dict[str, list] = {}
        text = original
        for number in range(ROUNDS):
            for kind in ("body", "score", "title", "none", "look"):
                text = edited(text, kind, number)  # each save changes one thing of the last
                recap.write_text(text, encoding="utf-8")
                cpu, wall = time.process_time(), time.perf_counter()
                outcome = builder.build(None if kind == "look" else Saved(watched, [recap]))
                cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
                assert outcome.ok, outcome.problems.sorted()
                rows.setdefault(kind, []).append((cpu, wall, outcome))
        recap.write_text(original, encoding="utf-8")
    for kind, runs in rows.items():
        median = statistics.median
        steps: dict[str, list[float]] = {}
        for _, _, outcome in runs:
            for step, seconds in outcome.timings.merged():
                steps.setdefault(step, []).append(seconds * 1000)
        last = runs[-1][2]
        print(f"{name:>10} {kind:>6} {median(run[0] for run in runs) * 1000:>7.0f} "
              f"{median(run[1] for run in runs) * 1000:>8.0f} {last.rendered:>7}   "
              + " ".join(f"{step} {median(values + [0.0] * (len(runs) - len(values))):.0f}"
                         for step, values in steps.items()), flush=True)
    print(f"{name:>10} peak memory of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB",
          flush=True)


def main_steps(targets: list[str]) -> None:
    print(f"{'site':>10} {'edit':>6} {'CPU ms':>7} {'wall ms':>8} {'written':>7}   median ms per step "
          f"(medians of {ROUNDS} saves; written: outputs rendered again)")
    for target in targets:
        if target == "real":
            measure_steps("real", ROOT / "config.yaml")
        else:
            measure_steps(f"{int(target):,}", corpus_project(int(target)))


def main(targets: list[str]) -> None:
    steps = "--steps" in targets
    targets = [target for target in targets if target != "--steps"] or ["real", "1000"]
    if steps:
        return main_steps(targets)
    print(f"{'site':>10} {'start s':>9} {'visible ms':>10} {'min':>7} {'max':>7} {'rebuild ms':>10} "
          f"{'pages':>8} {'peak MiB':>8}   (medians of {SAVES} saves)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        for target in targets:
            if target == "real":
                measure("real", real_project(), browser)
            else:
                measure(f"{int(target):,}", corpus_project(int(target)), browser)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1:])
