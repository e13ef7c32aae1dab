"""A line on stderr saying what a long command (report, screenshot) is doing, for a
person at a terminal; scripts that read stderr get nothing extra."""

from __future__ import annotations

import sys


def progress(text: str) -> None:
    if sys.stderr.isatty():
        print(f"roadmap-planner: {text}", file=sys.stderr, flush=True)
