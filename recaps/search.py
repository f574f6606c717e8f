"""The client-side search index: Pagefind run over the written site.

Pagefind splits its index by each page's `<html lang>`, and a search loads the
index of the page it starts from, so an English page would never find an
Italian recap. We index the whole site as one language instead (the site's
`language`), which Pagefind allows through `--force-language`: one index, every
recap found from every page, stemmed by the site language's rules.
"""
from __future__ import annotations

import ctypes
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from pagefind_bin import get_executable

from .errors import BuildFailed, Problems
from .write import replace_folder

BUNDLE = "pagefind"  # the folder inside the site, served at <base>/pagefind/
# What a reader looks for: recaps, teams and ties (not the indexes listing them, nor their later pages).
PAGES = ("articles/*/index.html", "teams/*/index.html", "ties/*/*/*/*/index.html")


def index_site(out_dir: Path, language: str, problems: Problems) -> None:
    """Write the search bundle to `out_dir/pagefind/`, replacing any earlier one.

    The new bundle is made beside the old one and swapped in when complete, so a site being
    served (the preview) keeps answering searches while Pagefind runs. A site with none of
    those pages gets no bundle (Pagefind refuses to index nothing). Raises BuildFailed (the
    reason in `problems`) when Pagefind cannot run or fails; the earlier bundle then stays.
    """
    bundle = out_dir / BUNDLE
    if not any(next(out_dir.glob(pattern), None) for pattern in PAGES):
        if bundle.is_dir() and not bundle.is_symlink():
            shutil.rmtree(bundle)
        elif bundle.exists() or bundle.is_symlink():
            bundle.unlink()
        return
    making = out_dir / f".{BUNDLE}.new-{os.getpid()}"
    shutil.rmtree(making, ignore_errors=True)
    try:
        _run_pagefind(out_dir, making, language, problems)
        replace_folder(making, bundle)
    finally:
        shutil.rmtree(making, ignore_errors=True)


def _run_pagefind(out_dir: Path, making: Path, language: str, problems: Problems) -> None:
    command = [str(get_executable()), "--site", str(out_dir), "--output-subdir", making.name,
               "--glob", "{" + ",".join(PAGES) + "}", "--root-selector", "main",
               "--exclude-selectors", '[aria-hidden="true"]', "--force-language", language, "--silent"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False,
                              preexec_fn=_dies_with(os.getpid()))
    except OSError as exc:
        problems.error(command[0], 0, f"cannot run Pagefind: {exc.strerror or exc}")
        raise BuildFailed(problems) from None
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip() or f"exit status {done.returncode}"
        problems.error(out_dir, 0, f"Pagefind could not index the site: {detail}")
        raise BuildFailed(problems)


_PR_SET_PDEATHSIG = 1


def _dies_with(parent: int):
    """For Popen's preexec_fn: on Linux, the indexer is killed when the build dies (even by SIGKILL),
    so it can never go on writing into a staging folder that the next build takes over."""
    if not sys.platform.startswith("linux"):
        return None
    prctl = ctypes.CDLL(None).prctl  # looked up here: the forked child only calls it

    def arrange() -> None:
        prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if os.getppid() != parent:  # the build died before the line above: do not outlive it
            os._exit(1)
    return arrange

