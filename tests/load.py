"""Load for the tests that must not depend on it: processes that keep every core busy
while a test runs (CI machines are busy machines)."""

from __future__ import annotations

import os
import subprocess
import sys
from contextlib import contextmanager

SPIN = "while True: pass"


@contextmanager
def busy(processes: int | None = None):
    """Start `processes` (default: one per core) processes that spin on the CPU, and stop
    them when the block ends. They spin from the moment they start: nothing waits."""
    count = processes or os.cpu_count() or 2
    spinners = [subprocess.Popen([sys.executable, "-c", SPIN]) for _ in range(count)]
    try:
        yield spinners
    finally:
        for spinner in spinners:
            spinner.kill()
        for spinner in spinners:
            spinner.wait()
