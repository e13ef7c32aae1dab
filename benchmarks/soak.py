"""The document fuzzer (tests/ui/test_document_fuzz.py) with a larger budget than CI's,
printing how many runs and steps it made and how long it took.

    python benchmarks/soak.py [--examples N] [--steps N]

Each example is a run of up to --steps random edits, undos, redos, reopenings and refused
writes on the real document and plan file; after each step the file must hold the
document's state and the roadmap shown must be the state's.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=200)
    parser.add_argument("--steps", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        count = Path(tmp) / "count"
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FUZZ_EXAMPLES": str(args.examples),
               "FUZZ_STEPS": str(args.steps), "FUZZ_COUNT_FILE": str(count)}
        began = time.perf_counter()
        done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "timeout=0",
                               "tests/ui/test_document_fuzz.py"], cwd=ROOT, env=env, capture_output=True, text=True)
        seconds = time.perf_counter() - began
        runs, checks = (count.read_text().split() if count.exists() else ("?", "?"))
    print(done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-2000:])
    print(f"document fuzzer: {runs} runs, {checks} states checked after steps, in {seconds:.0f} s; "
          f"{'no failure' if done.returncode == 0 else 'FAILED (see above)'}")
    if done.returncode:
        print(done.stdout[-5000:])
    return done.returncode


if __name__ == "__main__":
    sys.exit(main())
