"""PSPLIB J30: mean % deviation from the proven optimal makespans, instances solved to
the optimum, and time per instance.

Run: python benchmarks/psplib_bench.py [--exact] [--every N] [--time-limit S] [--budget B]
  default: the pure-Python heuristic + genetic search (no OR-Tools), 1 s per instance;
  --exact: also CP-SAT (the 'optimize' extra), warm-started, within the same 1 s.
Targets: default <= 0.5% mean deviation at <= 1 s per instance; with --exact <= 0.1%.
The instances are parsed with the `psplib` package (a test dependency).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psplib  # noqa: E402

from planner.roadmap.scheduling import Activity, Problem, solve  # noqa: E402

ROOT = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "psplib"


def load(path: Path) -> Problem:
    inst = psplib.parse(str(path), instance_format="psplib")
    activities = tuple(
        Activity(i, a.modes[0].duration, {f"R{k + 1}": q for k, q in enumerate(a.modes[0].demands) if q},
                 tuple(a.successors))
        for i, a in enumerate(inst.activities))
    return Problem(activities, {f"R{k + 1}": r.capacity for k, r in enumerate(inst.resources)})


def optima(root: Path) -> dict[tuple[int, int], int]:
    out = {}
    for line in (root / "j30opt.sm").read_text().splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[0].isdigit() and parts[1].isdigit():
            out[(int(parts[0]), int(parts[1]))] = int(parts[2])
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--exact", action="store_true", help="also run CP-SAT (needs ortools)")
    parser.add_argument("--every", type=int, default=1, help="take every Nth instance (default: all 480)")
    parser.add_argument("--time-limit", type=float, default=1.0)
    parser.add_argument("--budget", type=int, default=12000, help="schedules for the genetic search")
    parser.add_argument("--root", type=Path, default=ROOT)
    args = parser.parse_args()
    best = optima(args.root)
    files = sorted((args.root / "j30").glob("*.sm"))[:: args.every]
    deviations, times, hits, proven = [], [], 0, 0
    for path in files:
        param, instance = (int(x) for x in path.stem[3:].split("_"))
        problem = load(path)
        start = time.perf_counter()
        schedule = solve(problem, time_limit=args.time_limit, budget=args.budget, exact=args.exact)
        times.append(time.perf_counter() - start)
        optimum = best[(param, instance)]
        deviations.append(100.0 * (schedule.makespan - optimum) / optimum)
        hits += schedule.makespan == optimum
        proven += schedule.optimal
    mode = "heuristic + genetic + CP-SAT" if args.exact else "heuristic + genetic (pure Python)"
    print(f"PSPLIB J30, {len(files)} instances, {mode}, limit {args.time_limit:g} s, budget {args.budget} schedules")
    print(f"  mean deviation from optimum: {statistics.mean(deviations):.3f}%  (max {max(deviations):.2f}%)")
    print(f"  optimum reached: {hits}/{len(files)}; proven optimal: {proven}/{len(files)}")
    print(f"  time per instance: mean {statistics.mean(times) * 1000:.0f} ms, "
          f"median {statistics.median(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
