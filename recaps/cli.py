"""The command line: `python build.py [build|check|serve|deploy|ingest] [options]`.

Each command is a thin `run(args) -> exit code` over library functions, which
turns our one error type (`BuildFailed`) into printed problems. Commands that
need modules of their own (serve, deploy, ingest) are imported only when asked
for, so a build never loads them.

Exit codes: 0 done, 1 problems in the content, 2 wrong usage.
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from . import stamp
from .cache import FOLDER, Store
from .errors import BuildFailed, Problems

if TYPE_CHECKING:  # the build's modules load only once a build is needed (see _run_build)
    from .config import Config
    from .pipeline import BuildResult

# name -> (module with add_arguments(parser) and run(args), or None for this one; help)
COMMANDS: dict[str, tuple[str | None, str]] = {
    "build": (None, "publish into site/ (the default command)"),
    "check": (None, "validate everything and check the site's links; write nothing"),
    "serve": ("recaps.serve.command", "preview locally, reloading the browser on every save"),
    "deploy": ("recaps.deploy", "build, then publish site/ to a gh-pages branch"),
    "ingest": ("recaps.ingest.command", "turn raw recap text into front-matter Markdown to review"),
}


def add_site_arguments(parser: argparse.ArgumentParser, *, out: bool = True) -> None:
    """The options every command that builds the site shares."""
    parser.add_argument("--config", default="config.yaml", type=Path, help="config file (default: config.yaml)")
    if out:
        parser.add_argument("--out", type=Path, help="output folder, relative to the current folder "
                                                     "(default: output_dir from the config)")
    parser.add_argument("--base-url", help="full URL or path the site is served from, e.g. / or /recaps/")
    parser.add_argument("--drafts", action="store_true", help="include articles marked draft: true")
    if out:
        parser.add_argument("--jobs", type=_jobs, default=_cores(), metavar="N",
                            help="worker processes that render (default: the cores; 1: one plain loop)")
        parser.add_argument("--no-cache", action="store_true",
                            help=f"neither use nor update the build cache ({FOLDER}/ in the project)")
        talk = parser.add_mutually_exclusive_group()
        talk.add_argument("--quiet", "-q", action="store_true", help="print only problems")
        talk.add_argument("--verbose", "-v", action="store_true",
                          help="print every warning, and the time of each step")


def _cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _jobs(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of processes, at least 1, not {text!r}")
    return int(text)


def load_site_config(parser: argparse.ArgumentParser, args: argparse.Namespace,
                     problems: Problems) -> Config | None:
    """The config the options name; wrong usage exits 2 through `parser.error`."""
    from .pipeline import configure
    check_usage(parser, args)
    return configure(args.config, problems, base_url=args.base_url)


def check_usage(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Exit 2 through `parser.error` when the options cannot name a site to build."""
    if args.base_url is not None:
        from .config import check_base_url
        if why := check_base_url(args.base_url):
            parser.error(f"--base-url: {why}")
    if not args.config.is_file():
        parser.error(f"--config: no config file at {args.config} (run where config.yaml is, or pass --config FILE)")


def report(problems: Problems, stream=None) -> None:
    stream = stream or sys.stderr
    for problem in problems.sorted():
        print(problem.format(), file=stream)


def report_failure(problems: Problems, what: str = "build failed",
                   kept: str = "the previous site was left as it was") -> int:
    report(problems)
    errors, warnings = len(problems.errors), len(problems.warnings)
    print(f"{what}: {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}; {kept}",
          file=sys.stderr)
    return 1


def build_site(parser: argparse.ArgumentParser, args: argparse.Namespace) -> tuple[int, BuildResult | None]:
    """Build into the output folder as the options say (`publish.publish`): (exit code, result,
    with the config it was built with); problems are printed."""
    from .publish import Published, publish
    problems = Problems()
    check_usage(parser, args)
    try:
        result = publish(_request(args), problems, jobs=getattr(args, "jobs", 1),
                         use_cache=not getattr(args, "no_cache", False), progress=_progress_bar(args))
    except BuildFailed:
        return report_failure(problems), None
    if isinstance(result, Published):
        result.config = load_site_config(parser, args, Problems())
    report(problems)
    return 0, result


def _request(args: argparse.Namespace) -> stamp.Request:
    out = getattr(args, "out", None)
    return stamp.Request(args.config.absolute(), out.absolute() if out else None, args.base_url, args.drafts)


def _steps(result: BuildResult) -> str:
    return ", ".join(f"{name} {seconds * 1000:.0f} ms" for name, seconds in result.timings.merged())


SHOWN_WARNINGS = 20  # beyond this many, a build prints the first few and a count


def _report(problems: Problems, verbose: bool) -> None:
    """Every error; every warning too, unless there are many and --verbose is off: then a summary."""
    warnings = [problem for problem in problems.sorted() if problem.severity == "warning"]
    if verbose or len(warnings) <= SHOWN_WARNINGS:
        report(problems)
        return
    errors = Problems([problem for problem in problems.items if problem.severity == "error"])
    report(errors)
    for problem in warnings[:SHOWN_WARNINGS]:
        print(problem.format(), file=sys.stderr)
    print(f"... and {len(warnings) - SHOWN_WARNINGS} more warnings ({len(warnings)} in all): "
          "run with --verbose to see them all", file=sys.stderr)


def _progress_bar(args: argparse.Namespace):
    """A progress bar on a terminal (tqdm, on stderr beside the problems), or None."""
    if getattr(args, "quiet", False) or args.command != "build" or not sys.stderr.isatty():
        return None
    from tqdm import tqdm
    bar = None

    def advance(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = tqdm(total=total, unit="page", leave=False, mininterval=0.2)
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    return advance


def _run_build(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    problems = Problems()
    if args.command == "check":
        from . import pipeline
        config = load_site_config(parser, args, problems)
        try:
            if config is None:
                raise BuildFailed(problems)
            cache = pipeline.BuildCache(Store(None if args.no_cache else config.root / FOLDER))
            result = pipeline.build(config, problems, drafts=args.drafts, jobs=args.jobs, cache=cache)
        except BuildFailed:
            return _failed(problems, args.verbose, "check failed", CHECK_WRITES_NOTHING)
        _report(problems, args.verbose)
        return _run_check(args, result)
    check_usage(parser, args)
    from .publish import Published, publish
    try:
        result = publish(_request(args), problems, jobs=args.jobs, use_cache=not args.no_cache,
                         progress=_progress_bar(args))
    except BuildFailed:
        return _failed(problems, args.verbose)
    _report(problems, args.verbose)
    if args.quiet:
        return 0
    out_dir = os.path.relpath(result.out_dir) if not args.out else args.out
    if isinstance(result, Published):
        checked = (f" (nothing changed since the last build: checked the sources and {result.unchanged:,} output "
                   f"files in {result.seconds * 1000:.0f} ms)") if args.verbose else ""
        print(f"built {result.pages} pages ({result.files} files, all unchanged) into {out_dir} in "
              f"{result.seconds:.2f} s{checked}")
    else:
        timings = f" ({_steps(result)})" if args.verbose else ""
        unchanged = f", {result.unchanged} unchanged" if result.unchanged else ""
        print(f"built {result.pages} pages ({result.files} files{unchanged}) into {result.out_dir} "
              f"in {result.timings.total:.2f} s{timings}")
    return 0


def _failed(problems: Problems, verbose: bool, what: str = "build failed",
            kept: str = "the previous site was left as it was") -> int:
    _report(problems, verbose)
    errors, warnings = len(problems.errors), len(problems.warnings)
    print(f"{what}: {errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}; {kept}",
          file=sys.stderr)
    return 1


CHECK_WRITES_NOTHING = "check writes nothing, so no site was changed"


def _run_check(args: argparse.Namespace, result: BuildResult) -> int:
    from .config import warn_if_not_absolute
    from .linkcheck import check_links
    from .write import static_files
    config = result.config
    advice = Problems()
    warn_if_not_absolute(config, advice)  # check is what runs before publishing
    report(advice)
    static_urls = [url for url, _ in static_files(config.root / config.static_dir)]
    broken = Problems(result.timings.run("links", check_links, result.rendered, static_urls, config.base_url))
    if broken.items:
        return report_failure(broken, "check failed: the built site has broken links", CHECK_WRITES_NOTHING)
    if not args.quiet:
        print(f"checked: {result.pages} pages would be written, no errors ({_steps(result)})")
    return 0


def _parser(command: str) -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    """The whole parser and the chosen command's own; only that command's module is imported."""
    parser = argparse.ArgumentParser(prog="build.py", description="Publish football match recaps as a static site.")
    commands = parser.add_subparsers(dest="command", metavar="command")
    chosen = None
    for name, (_, help_text) in COMMANDS.items():
        sub = commands.add_parser(name, help=help_text, description=help_text)
        if name == command:
            chosen = sub
    module_name = COMMANDS[command][0]
    if module_name is None:
        add_site_arguments(chosen)
        chosen.set_defaults(run=_run_build)
    else:
        module = importlib.import_module(module_name)
        module.add_arguments(chosen)
        chosen.set_defaults(run=module.run)
    return parser, chosen


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in COMMANDS and argv[0] not in ("-h", "--help"):
        argv.insert(0, "build")  # `python build.py [options]` builds
    command = argv[0] if argv[0] in COMMANDS else "build"
    parser, chosen = _parser(command)
    args = parser.parse_args(argv)
    return args.run(chosen, args)
