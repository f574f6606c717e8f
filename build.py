#!/usr/bin/env python3
"""Publish the recaps: `python build.py [build|check|serve|deploy|ingest] [options]`; see --help."""
import sys

try:
    from recaps.cli import main
except ModuleNotFoundError as missing:  # a fresh machine: say what to run, not a traceback
    sys.exit(f"build.py needs the package {missing.name!r}: run  pip install -r requirements.txt")

if __name__ == "__main__":
    sys.exit(main())
