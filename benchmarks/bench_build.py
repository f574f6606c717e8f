#!/usr/bin/env python3
"""Our build against Pelican's and Hugo's on the same generated corpus, side by side.

    python benchmarks/bench_build.py [--runs R] [--jobs N] [--peers] [--install] [--floor] [N ...]
                                                                    (default: 1000 10000)

Per corpus size N, the recaps come from benchmarks/gen_corpus.py (ours, and with `--peers`
the Pelican and Hugo flavors of the same recaps), generated into benchmarks/out/ once; our
project has the repository's registries with every generated club they lack added. Each
round builds, in turn: ours cold (no cache, no previous site), Pelican cold, Hugo cold; ours
with nothing changed, Hugo again; one recap edited, ours, then Hugo. Every build is a whole
process (`python build.py`, `pelican`, `hugo`), timed from start to exit, its peak memory
summed over all its processes (resident set and proportional set, which counts pages that
forked workers share once). Prints medians over the rounds and our time as a share of the
peers' (cold against Pelican; nothing changed and one edit against Hugo).

`--install` installs the peers first, outside the project's environment: Pelican
into benchmarks/out/peers (a virtualenv) and Hugo with apt-get. `--floor` also times
the two-library floor (C YAML + Python-Markdown + one Jinja template per recap).
Not part of the test run.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from gen_corpus import TEAMS_BY_COUNTRY, write_corpus, yaml_scalar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = ROOT / "benchmarks" / "out"
PEERS = WORK / "peers"  # Pelican's virtualenv
EDIT = "\n\nA sentence added for the one-edit benchmark.\n"


def make_project(count: int) -> Path:
    """Our project for `count` generated recaps, built with the project's registries, templates and
    static files, and every generated club registered."""
    project = WORK / f"corpus-{count}"
    if len(list((project / "content" / "articles").glob("*.md"))) != count:
        shutil.rmtree(project, ignore_errors=True)
        write_corpus(project / "content", count)
    for name in ("teams.yaml", "competitions.yaml"):
        shutil.copy(ROOT / "content" / name, project / "content" / name)
    (project / "config.yaml").write_text(
        f"title: Benchmark\nbase_url: https://example.org/\ntemplates_dir: {ROOT / 'templates'}\n"
        f"static_dir: {ROOT / 'static'}\n", encoding="utf-8")
    register_clubs(project)
    return project


def register_clubs(project: Path) -> None:
    """Add to the project's teams.yaml every generated club its registry does not know, as a
    newsroom that publishes their results does: an unknown name close to a registered one (Olimpia
    beside Olimpija Ljubljana) is taken for a misspelling, and fails the build."""
    from recaps.config import load_config
    from recaps.errors import Problems
    from recaps.sources import read_registry

    registry = read_registry(load_config(project / "config.yaml", Problems()), Problems())
    with (project / "content" / "teams.yaml").open("a", encoding="utf-8") as teams:
        for country, names in TEAMS_BY_COUNTRY.items():
            for name in names:
                if registry.team(name) is None:
                    teams.write(f"\n- name: {yaml_scalar(name)}\n  country: {country}\n")


def peer_corpus(count: int, flavor: str) -> Path:
    """The Pelican or Hugo flavor of the same `count` recaps."""
    folder = WORK / f"{flavor}-{count}"
    posts = folder / "content" / "posts" if flavor == "hugo" else folder / "content"
    if len(list(posts.glob("*.md"))) != count:
        shutil.rmtree(folder, ignore_errors=True)
        write_corpus(folder, count, flavor)
    return folder


def install_peers() -> None:
    if not (PEERS / "bin" / "pelican").exists():
        subprocess.run([sys.executable, "-m", "venv", str(PEERS)], check=True)
        subprocess.run([str(PEERS / "bin" / "pip"), "install", "-q", "pelican", "markdown"], check=True)
    if shutil.which("hugo") is None:
        subprocess.run(["apt-get", "update", "-q"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-q", "hugo"], check=True)


def peer_versions() -> str:
    pelican = subprocess.run([str(PEERS / "bin" / "pelican"), "--version"], capture_output=True, text=True)
    hugo = subprocess.run(["hugo", "version"], capture_output=True, text=True)
    return f"Pelican {pelican.stdout.strip()}, {' '.join(hugo.stdout.split()[:2])}"


# ------------------------------------------------------------------ measuring a process tree ----

def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as file:
                found.extend(int(child) for child in file.read().split())
    except OSError:
        pass
    return found


def _memory(pid: int) -> tuple[int, int, int]:
    """(RSS, PSS, RSS of the search indexer) in KiB of `pid` and all its descendants."""
    rss = pss = indexer = 0
    todo = [pid]
    while todo:
        current = todo.pop()
        try:
            with open(f"/proc/{current}/comm") as file:
                is_indexer = file.read().strip() == "pagefind"
            with open(f"/proc/{current}/smaps_rollup") as file:
                for line in file:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1])
                        indexer += int(line.split()[1]) if is_indexer else 0
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1])
        except OSError:
            continue
        todo.extend(_children(current))
    return rss, pss, indexer


def run_sampled(command: list[str], cwd: Path, sample) -> tuple[float, float]:
    """Run `command` to its end, calling `sample(pid)` every 20 ms: (seconds, CPU seconds of it and the
    children it waited for). A failed command ends the benchmark with its error output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    while process.poll() is None:
        sample(process.pid)
        time.sleep(0.02)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{process.stderr.read().decode()[-3000:]}")
    return seconds, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def run(command: list[str], cwd: Path) -> tuple[float, float, float, float, float, float]:
    """Run `command` to its end: (seconds, peak RSS MiB, peak PSS MiB, peak RSS MiB without the search
    indexer (Pagefind), the indexer's peak RSS MiB, CPU seconds) over all its processes. CPU seconds
    (user + system of the process and the children it waited for) say more than wall time on a
    machine shared with other work."""
    peaks = [0, 0, 0, 0]  # RSS, PSS, RSS without the indexer, the indexer's RSS

    def sample(pid: int) -> None:
        rss, pss, indexer = _memory(pid)
        for number, value in enumerate((rss, pss, rss - indexer, indexer)):
            peaks[number] = max(peaks[number], value)
    seconds, cpu = run_sampled(command, cwd, sample)
    return (seconds, *(peak / 1024 for peak in peaks), cpu)


# ------------------------------------------------------------------------------- the builds ----

class Ours:
    name = "ours"

    def __init__(self, count: int, jobs: int | None):
        self.project = make_project(count)
        self.jobs = ["--jobs", str(jobs)] if jobs else []
        self.article = sorted((self.project / "content" / "articles").glob("*.md"))[count // 2]

    def clean(self) -> None:
        shutil.rmtree(self.project / "site", ignore_errors=True)
        shutil.rmtree(self.project / ".site.staging", ignore_errors=True)
        shutil.rmtree(self.project / ".recaps-cache", ignore_errors=True)

    def build(self):
        return run([sys.executable, str(ROOT / "build.py"), "--config", "config.yaml", "--quiet", *self.jobs],
                   self.project)


class Pelican:
    name = "pelican"

    def __init__(self, count: int):
        self.folder = peer_corpus(count, "pelican")

    def clean(self) -> None:
        shutil.rmtree(self.folder / "output", ignore_errors=True)
        shutil.rmtree(self.folder / "cache", ignore_errors=True)

    def build(self):
        return run([str(PEERS / "bin" / "pelican"), "content", "-s", "pelicanconf.py", "-o", "output", "-q"],
                   self.folder)


class Hugo:
    name = "hugo"

    def __init__(self, count: int):
        self.folder = peer_corpus(count, "hugo")
        self.article = sorted((self.folder / "content" / "posts").glob("*.md"))[count // 2]

    def clean(self) -> None:
        shutil.rmtree(self.folder / "public", ignore_errors=True)
        shutil.rmtree(self.folder / "resources", ignore_errors=True)

    def build(self):
        return run(["hugo", "--quiet", "-d", "public"], self.folder)


def edit_once(path: Path, original: bytes, round_number: int) -> None:
    path.write_bytes(original + f"{EDIT.strip()} ({round_number})\n".encode())


def bench(count: int, runs: int, jobs: int | None, peers: bool) -> dict[str, list[tuple]]:
    """Every measurement by kind ("ours cold", "hugo one edit", ...): what `run` measures, per round."""
    ours = Ours(count, jobs)
    pelican, hugo = (Pelican(count), Hugo(count)) if peers else (None, None)
    results: dict[str, list] = {}

    def measure(kind: str, builder) -> None:
        results.setdefault(f"{builder.name} {kind}", []).append(builder.build())

    originals = {ours.article: ours.article.read_bytes()}
    if hugo:
        originals[hugo.article] = hugo.article.read_bytes()
    try:
        for round_number in range(runs):
            for builder in filter(None, (ours, pelican, hugo)):
                builder.clean()
                measure("cold", builder)
            for builder in filter(None, (ours, hugo)):
                measure("no change", builder)
            for builder in filter(None, (ours, hugo)):
                path = builder.article
                edit_once(path, originals[path], round_number)
                measure("one edit", builder)
    finally:
        for path, data in originals.items():
            path.write_bytes(data)
    return results


def floor(project: Path) -> float:
    """Read, parse front matter (C YAML), convert Markdown, render one template, write: per article."""
    import jinja2
    import markdown
    import yaml

    template = jinja2.Environment(autoescape=True).from_string(
        "<!DOCTYPE html><html lang='{{ lang }}'><head><title>{{ title }}</title></head>"
        "<body><h1>{{ title }}</h1>{{ body }}</body></html>")
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
        html = template.render(title=meta["title"], lang=meta.get("lang", "en"),
                               body=jinja2.utils.markupsafe.Markup(md.convert(body)))
        (out / f"{path.stem}.html").write_text(html, encoding="utf-8")
    return time.perf_counter() - started


def report(count: int, results: dict[str, list]) -> None:
    print(f"\n{count:,} recaps, {len(next(iter(results.values())))} rounds (medians; memory: peak over all processes)")
    print(f"  {'build':<20} {'seconds':>8} {'CPU s':>8} {'RSS MiB':>8} {'PSS MiB':>8} {'w/o Pagefind':>12} "
          f"{'Pagefind':>9}")
    medians = {}
    for kind, values in results.items():
        seconds, cpu = statistics.median(v[0] for v in values), statistics.median(v[5] for v in values)
        medians[kind] = seconds
        peaks = (max(v[column] for v in values) for column in (1, 2, 3, 4))
        print(f"  {kind:<20} {seconds:>8.2f} {cpu:>8.2f} " + " ".join(f"{peak:>{width}.0f}" for peak, width
                                                                      in zip(peaks, (8, 8, 12, 9))))
    goals = [("ours cold", "pelican cold", 0.55), ("ours no change", "hugo no change", 0.5),
             ("ours one edit", "hugo one edit", 0.5)]
    for ours, theirs, goal in goals:
        if ours in medians and theirs in medians:
            ratio = medians[ours] / medians[theirs]
            print(f"  {ours} / {theirs}: {ratio:.2f} (goal <= {goal}: {'met' if ratio <= goal else 'NOT met'})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, help="our --jobs (default: ours, the cores)")
    parser.add_argument("--peers", action="store_true", help="build Pelican's and Hugo's corpora too")
    parser.add_argument("--install", action="store_true", help="install Pelican and Hugo first")
    parser.add_argument("--floor", action="store_true", help="time the two-library floor too")
    args = parser.parse_args()
    if args.install:
        install_peers()
    print(f"machine: {os.cpu_count()} cores ({len(os.sched_getaffinity(0))} usable), {load_average()}")
    if args.peers:
        print(f"peers: {peer_versions()}")
    for count in args.sizes:
        results = bench(count, args.runs, args.jobs, args.peers)
        report(count, results)
        if args.floor:
            print(f"  floor (one process): {floor(make_project(count)):.2f} s")
        print(f"  after: {load_average()}")


def load_average() -> str:
    """The machine's load over the last 1, 5 and 15 minutes: how much else was running."""
    return "load average " + " ".join(f"{value:.1f}" for value in os.getloadavg())


if __name__ == "__main__":
    main()
