"""Smoke test of the frozen app: run the built bundle headless and check that it exports
the demo PDF, renders the roadmap view, validates its bundled catalog, prints its version,
and how long it takes from process start to its first painted window.

Run after packaging/build.sh:  python packaging/smoke_test.py [packaging/dist/roadmap-planner]
Not part of the default test run: building the bundle takes minutes.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def run(exe: Path, *args: str, env=None) -> subprocess.CompletedProcess:
    return subprocess.run([str(exe), *args], capture_output=True, text=True, timeout=300, env=env)


def first_window(exe: Path, home: Path) -> float:
    """Seconds from process start to the first painted window (the demo plan opening)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(home), "XDG_DATA_HOME": str(home / "data"),
           "XDG_CONFIG_HOME": str(home / "config")}
    began = time.perf_counter()
    proc = subprocess.Popen([str(exe), "--demo", "--startup-report"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)
    seconds = None
    for line in proc.stdout:
        if line.startswith("first-paint") and seconds is None:
            seconds = time.perf_counter() - began
    proc.wait(timeout=120)
    if seconds is None:
        raise SystemExit(f"no first paint: {proc.stderr.read()[-2000:]}")
    return seconds


def main() -> int:
    bundle = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE / "dist" / "roadmap-planner"
    exe = bundle / ("roadmap-planner.exe" if sys.platform == "win32" else "roadmap-planner")
    if not exe.is_file():
        raise SystemExit(f"{exe}: no bundle here; build it with packaging/build.sh")
    files = [f for f in bundle.rglob("*") if f.is_file() and not f.is_symlink()]  # a link is not a second copy
    size = sum(f.stat().st_size for f in files)
    print(f"bundle: {bundle} ({size / 1e6:.0f} MB unpacked, {len(files)} files)")
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp)}
        checks = [
            ("version", run(exe, "--version", env=env), lambda r: "catalog" in r.stdout),
            ("catalog validate", run(exe, "catalog", "validate", env=env), lambda r: ": OK - " in r.stdout),
            ("demo PDF", run(exe, "report", "--demo", "-o", str(tmp / "case.pdf"), env=env),
             lambda r: (tmp / "case.pdf").stat().st_size > 50_000 and (tmp / "case.pdf").read_bytes()[:5] == b"%PDF-"),
            ("roadmap screenshot", run(exe, "screenshot", "--demo", "--view", "roadmap", "-o", str(tmp / "roadmap.png"),
                                       env=env),
             lambda r: (tmp / "roadmap.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"),
            ("roadmap, improved by HiGHS", run(exe, "roadmap", "--demo", env=env), lambda r: "best possible order" in r.stdout),
        ]
        for name, result, passed in checks:
            try:
                good = result.returncode == 0 and passed(result)
            except OSError:
                good = False
            ok &= good
            first = (result.stdout.strip().splitlines() or [""])[0]
            print(f"{'ok  ' if good else 'FAIL'} {name}: {first[:110]}")
            if not good:
                print(result.stderr[-2000:])
        starts = [first_window(exe, tmp / f"home{i}") for i in range(3)]
        print(f"cold start to first window: median {statistics.median(starts):.2f} s "
              f"(runs: {', '.join(f'{s:.2f}' for s in starts)})")
    print("smoke test passed" if ok else "smoke test FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
