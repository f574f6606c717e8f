#!/usr/bin/env python3
"""Where a cold build's memory goes: the build process, its render workers and Pagefind, apart.

    python benchmarks/bench_memory.py [--jobs N] [--runs R] [--tree DIR ...] [N ...]   (default: 1000)

Per corpus size N (benchmarks/bench_build.py's project for it), each run is a cold build
(`build.py --no-cache`, no previous site), a whole process, sampled every 20 ms: per role
(the build itself, its forked workers, Pagefind) the peak of the role's summed RSS, PSS
(pages shared between processes counted once) and USS (pages no other process maps), the
peak of all of them together at one moment, and the same without Pagefind (what our
code holds). CPU seconds are user + system of every process of the build. `--tree` builds
with the build.py, templates and static files of other source trees too (an export of an
earlier commit), one after the other per run, so a change is measured side by side with what it changes. Not part of the
test run.
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_build import ROOT, _children, make_project, run_sampled  # noqa: E402

ROLES = ("build", "workers", "pagefind")
OUT = "site-bench-memory"


def _sample(pid: int) -> dict[str, tuple[int, int, int]]:
    """(RSS, PSS, USS) in KiB summed per role over `pid` and its descendants."""
    found = {role: [0, 0, 0] for role in ROLES}
    todo = [(pid, True)]
    while todo:
        current, is_root = todo.pop()
        try:
            with open(f"/proc/{current}/comm") as file:
                role = "build" if is_root else "pagefind" if file.read().strip() == "pagefind" else "workers"
            values = {}
            with open(f"/proc/{current}/smaps_rollup") as file:
                for line in file:
                    name, _, rest = line.partition(":")
                    if name in ("Rss", "Pss", "Private_Clean", "Private_Dirty"):
                        values[name] = int(rest.split()[0])
        except (OSError, ValueError):
            continue
        total = found[role]
        total[0] += values.get("Rss", 0)
        total[1] += values.get("Pss", 0)
        total[2] += values.get("Private_Clean", 0) + values.get("Private_Dirty", 0)
        todo.extend((child, False) for child in _children(current))
    return {role: tuple(values) for role, values in found.items()}


def cold_build(project: Path, jobs: int, tree: Path = ROOT) -> dict:
    """One cold build of `project`, measured: peaks in MiB per role and in all, seconds, CPU seconds."""
    for leftover in (OUT, f".{OUT}.staging"):  # its own output folder: bench_build.py may be building "site"
        shutil.rmtree(project / leftover, ignore_errors=True)
    config = project / "config.bench-memory.yaml"  # the project's, with the tree's templates and static files
    config.write_text((project / "config.yaml").read_text(encoding="utf-8").replace(str(ROOT), str(tree)),
                      encoding="utf-8")
    command = [sys.executable, str(tree / "build.py"), "--config", config.name, "--out", OUT, "--quiet",
               "--no-cache", "--jobs", str(jobs)]
    peaks = {role: [0, 0, 0] for role in (*ROLES, "all", "ours")}

    def sample_once(pid: int) -> None:
        sample = _sample(pid)
        for role, values in sample.items():
            peaks[role] = [max(peak, value) for peak, value in zip(peaks[role], values)]
        every = [sum(values[column] for values in sample.values()) for column in range(3)]
        ours = [every[column] - sample["pagefind"][column] for column in range(3)]
        peaks["all"] = [max(peak, value) for peak, value in zip(peaks["all"], every)]
        peaks["ours"] = [max(peak, value) for peak, value in zip(peaks["ours"], ours)]
    seconds, cpu = run_sampled(command, project, sample_once)
    return {"seconds": seconds, "cpu": cpu, **{role: [value / 1024 for value in values]
                                               for role, values in peaks.items()}}


def report(count: int, tree: Path, runs: list[dict]) -> None:
    print(f"\n{count:,} recaps, cold, {tree}, {len(runs)} run(s); peak MiB as RSS / PSS / USS")
    print(f"  {'run':>3} {'seconds':>8} {'CPU s':>7} " + " ".join(f"{role:>16}" for role in
                                                                (*ROLES, "all", "w/o Pagefind")))
    for number, run in enumerate(runs, 1):
        cells = " ".join(f"{'/'.join(f'{value:.0f}' for value in run[role]):>16}"
                         for role in (*ROLES, "all", "ours"))
        print(f"  {number:>3} {run['seconds']:>8.2f} {run['cpu']:>7.2f} {cells}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--tree", type=Path, action="append", default=[], help="another source tree to build with")
    args = parser.parse_args()
    trees = [ROOT, *(tree.resolve() for tree in args.tree)]
    for count in args.sizes:
        project = make_project(count)
        print(f"load average before: {' '.join(f'{value:.2f}' for value in os.getloadavg())}")
        runs: dict[Path, list[dict]] = {tree: [] for tree in trees}
        for _ in range(args.runs):
            for tree in trees:
                runs[tree].append(cold_build(project, args.jobs, tree))
        for tree in trees:
            report(count, tree, runs[tree])
        print(f"load average after: {' '.join(f'{value:.2f}' for value in os.getloadavg())}")


if __name__ == "__main__":
    main()
