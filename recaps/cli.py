"""The command line: `python build.py [build|check] [options]`.

Exit codes: 0 built, 1 problems in the content, 2 wrong usage.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .errors import BuildFailed, Problems
from .config import check_base_url
from .pipeline import build, configure


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="build.py", description="Publish football match recaps as a static site.")
    parser.add_argument("command", nargs="?", default="build", choices=("build", "check"),
                        help="build (default): publish into site/; check: validate only, write nothing")
    parser.add_argument("--config", default="config.yaml", type=Path, help="config file (default: config.yaml)")
    parser.add_argument("--out", type=Path, help="output folder, relative to the current folder "
                                                 "(default: output_dir from the config)")
    parser.add_argument("--base-url", help="full URL or path the site is served from, e.g. / or /recaps/")
    parser.add_argument("--drafts", action="store_true", help="include articles marked draft: true")
    return parser


def report(problems: Problems, stream=None) -> None:
    stream = stream or sys.stderr
    for problem in problems.sorted():
        print(problem.format(), file=stream)


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.base_url is not None and (why := check_base_url(args.base_url)):
        parser.error(f"--base-url: {why}")
    if not args.config.is_file():
        parser.error(f"--config: no config file at {args.config} (run where config.yaml is, or pass --config FILE)")
    problems = Problems()
    config = configure(args.config, problems, base_url=args.base_url)
    try:
        if config is None:
            raise BuildFailed(problems)
        result = build(config, problems, out_dir=args.out, drafts=args.drafts, write=args.command == "build")
    except BuildFailed:
        report(problems)
        errors, warnings = len(problems.errors), len(problems.warnings)
        print(f"build failed: {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}; "
              "the previous site was left as it was", file=sys.stderr)
        return 1
    report(problems)
    steps = ", ".join(f"{name} {seconds * 1000:.0f} ms" for name, seconds in result.timings.steps)
    if args.command == "check":
        print(f"checked: {result.pages} pages would be written, no errors ({steps})")
    else:
        print(f"built {result.pages} pages ({result.files} files) into {result.out_dir} "
              f"in {result.timings.total:.2f} s ({steps})")
    return 0
