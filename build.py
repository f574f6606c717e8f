#!/usr/bin/env python3
"""Publish the recaps: `python build.py [build|check] [--config FILE] [--out DIR] [--base-url URL] [--drafts]`."""
import sys

from recaps.cli import main

if __name__ == "__main__":
    sys.exit(main())
