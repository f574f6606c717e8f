#!/usr/bin/env python3
"""Live preview latency: from saving a recap to its new text visible in
headless Chromium, on the real content and on generated corpora.

    python benchmarks/bench_serve.py [--registered] [real] [N ...]   (default: real 1000)

For each site: start `build.py serve`, open one recap, then save it a few
times with a new sentence and time each save until the sentence shows in the
page (the server's own rebuild time, from its log line, alongside). Prints
medians and the server's peak memory. The edited file is restored afterwards.

The generated corpora name teams that content/teams.yaml does not know, so
every rebuild looks for near misses of thousands of unknown names;
`--registered` adds every corpus team to the corpus's own teams.yaml, as a
newsroom that registers its teams would have it.
"""
from __future__ import annotations

import re
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_build import WORK, make_project  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from recaps.articles import parse_article  # noqa: E402
from recaps.config import load_config  # noqa: E402
from recaps.errors import Problems  # noqa: E402
from recaps.sources import read_registry  # noqa: E402
from tests.serving import Served, copy_project  # noqa: E402

SAVES = 5
REBUILD = re.compile(r"changed: (\d+) pages? rendered.* (\d+) ms")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def real_project() -> Path:
    folder = WORK / "serve-real"
    shutil.rmtree(folder, ignore_errors=True)
    return copy_project(ROOT / "config.yaml", folder)


def corpus_project(count: int, registered: bool) -> Path:
    project = make_project(count)
    if registered:
        sys.path.insert(0, str(ROOT.parent / "shared" / "bench"))
        from gen_corpus import TEAMS_BY_COUNTRY
        registry = read_registry(load_config(project / "config.yaml", Problems()), Problems())
        with (project / "content" / "teams.yaml").open("a", encoding="utf-8") as teams:
            for country, names in TEAMS_BY_COUNTRY.items():
                for name in names:
                    if registry.team(name) is None:
                        teams.write(f"\n- name: {name}\n  country: {country}\n")
    return project / "config.yaml"


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


def main(targets: list[str]) -> None:
    registered = "--registered" in targets
    targets = [target for target in targets if target != "--registered"] or ["real", "1000"]
    print(f"{'site':>10} {'start s':>9} {'visible ms':>10} {'min':>7} {'max':>7} {'rebuild ms':>10} "
          f"{'pages':>8} {'peak MiB':>8}   (medians of {SAVES} saves)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        for target in targets:
            if target == "real":
                measure("real", real_project(), browser)
            else:
                name = f"{int(target):,}" + (" reg." if registered else "")
                measure(name, corpus_project(int(target), registered), browser)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1:])
