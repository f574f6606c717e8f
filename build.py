#!/usr/bin/env python3
"""Publish the recaps: `python build.py [build|check|serve|deploy|ingest] [options]`; see --help."""
import sys


def run() -> int:
    """The command line, or on a fresh machine what to install: the build's modules (and the
    libraries they need) load only once a command needs them, so a missing one shows up there."""
    try:
        from recaps.cli import main
        return main()
    except ModuleNotFoundError as missing:
        if (missing.name or "").partition(".")[0] in ("", "recaps"):
            raise  # our own code is broken: that is a bug to see, not an install to advise
        sys.exit(f"build.py needs the package {missing.name!r}: run  pip install -r requirements.txt")


if __name__ == "__main__":
    sys.exit(run())
