"""PSPLIB J30 and generated larger instances: mean % deviation from the proven optimum (J30)
or from the best known (generated), instances proven optimal, time per instance, and
whether adding an exact stage ever made a result worse.

Run: python benchmarks/psplib_bench.py [--every N] [--time-limit S] [--budget B] [--large N]
Modes, each on the same instances:
  search   heuristic + genetic search only (no exact stage);
  default  what the default install runs: search and the HiGHS MIP;
  cp-sat   default + CP-SAT last (the 'optimize' extra), when OR-Tools is installed.
Targets: default <= 0.05% mean deviation on J30 at 1 s per instance; an exact stage never
gives a longer schedule than the search alone. The stages are bounded by counted work
(schedules, MIP nodes, CP-SAT deterministic time); `--time-limit` is the guard that cuts
them on a slow machine, and a promise: no instance takes more than 5% past it. The report
counts the instances the guard cut (their result may differ on another machine).
The J30 files are parsed with the `psplib` package (a test dependency). The larger
instances are generated the way ProGen made PSPLIB's: random networks of a given
complexity, a resource factor and a resource strength (Kolisch, Sprecher & Drexl, 1995).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from planner.roadmap.scheduling import Activity, Problem, solve  # noqa: E402
from planner.roadmap.scheduling import core, exact, mip  # noqa: E402

ROOT = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "psplib"
MODES = {"search": {"mip": False}, "default": {"mip": True}, "cp-sat": {"mip": True, "exact": True}}


def load(path: Path) -> Problem:
    import psplib

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


def generate(n: int, seed: int, complexity: float = 1.8, factor: float = 0.5, strength: float = 0.3) -> Problem:
    """A ProGen-style instance: n jobs with durations 1-10, about `complexity` arcs per
    job, 4 resources each needed by a job with probability `factor` (1-10 units), and
    capacities `strength` of the way from the largest single demand to the peak demand of
    the earliest-start schedule."""
    rng = random.Random(seed)
    durations = [rng.randint(1, 10) for _ in range(n)]
    succs: list[set[int]] = [set() for _ in range(n)]
    for j in range(1, n):  # every job but the first has a predecessor among the earlier ones
        succs[rng.randrange(max(0, j - 10), j)].add(j)
    for _ in range(int(n * complexity) - (n - 1)):
        a = rng.randrange(n - 1)
        b = rng.randrange(a + 1, min(n, a + 15))
        succs[a].add(b)
    demands = [{f"R{k + 1}": rng.randint(1, 10) for k in range(4) if rng.random() < factor} for _ in range(n)]
    acts = tuple(Activity(j, durations[j], demands[j], tuple(sorted(succs[j]))) for j in range(n))
    c = core.compile_problem(Problem(acts, {f"R{k + 1}": 10_000 for k in range(4)}))
    ef = core.earliest_finish(c)
    capacities = {}
    for k in range(4):
        name = f"R{k + 1}"
        peak_use = [0] * (max(ef) + 1)
        for j in range(n):
            for t in range(ef[j] - durations[j], ef[j]):
                peak_use[t] += demands[j].get(name, 0)
        smallest = max((d.get(name, 0) for d in demands), default=0)
        capacities[name] = max(1, round(smallest + strength * (max(peak_use) - smallest)))
    return Problem(acts, capacities)


def run(problems, mode: str, args) -> list[tuple[int, bool, float, bool]]:
    """(makespan, proven, seconds, cut by the guard) per problem."""
    out = []
    for problem in problems:
        began = time.perf_counter()
        schedule = solve(problem, time_limit=args.time_limit, budget=args.budget, **MODES[mode])
        out.append((schedule.makespan, schedule.optimal, time.perf_counter() - began, schedule.cut))
    return out


def report(name: str, mode: str, results, reference: list[int], search, limit: float) -> None:
    deviations = [100.0 * (r[0] - best) / best for r, best in zip(results, reference)]
    times = [r[2] for r in results]
    promise = "within" if max(times) <= limit * 1.05 else "PAST"
    line = (f"  {mode:<8} mean deviation {statistics.mean(deviations):.3f}% (max {max(deviations):.2f}%), "
            f"at the reference {sum(d == 0 for d in deviations)}/{len(results)}, "
            f"proven {sum(r[1] for r in results)}/{len(results)}, "
            f"time mean {statistics.mean(times) * 1000:.0f} ms, max {max(times) * 1000:.0f} ms "
            f"({promise} {limit * 1.05:g} s), cut by the guard {sum(r[3] for r in results)}")
    if search is not None:
        worse = sum(r[0] > s[0] for r, s in zip(results, search))
        better = sum(r[0] < s[0] for r, s in zip(results, search))
        line += f"; against search only: {better} shorter, {worse} longer"
    print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=int, default=1, help="take every Nth J30 instance (default: all 480)")
    parser.add_argument("--time-limit", type=float, default=1.0)
    parser.add_argument("--budget", type=int, default=12000, help="schedules for the genetic search")
    parser.add_argument("--large", type=int, default=10, help="generated instances of 60 and of 120 jobs")
    parser.add_argument("--root", type=Path, default=ROOT)
    args = parser.parse_args()
    modes = ["search", "default"] + (["cp-sat"] if exact.available() else [])
    print(f"exact stages installed: HiGHS {'yes' if mip.available() else 'no'}, "
          f"CP-SAT {'yes' if exact.available() else 'no'}; limit {args.time_limit:g} s per instance")

    best = optima(args.root)
    files = sorted((args.root / "j30").glob("*.sm"))[:: args.every]
    if files:
        problems = [load(path) for path in files]
        reference = [best[tuple(int(x) for x in path.stem[3:].split("_"))] for path in files]
        print(f"PSPLIB J30, {len(files)} instances (deviation from the proven optimum):")
        search = run(problems, "search", args)
        report("J30", "search", search, reference, None, args.time_limit)
        for mode in modes[1:]:
            report("J30", mode, run(problems, mode, args), reference, search, args.time_limit)
    for size in (60, 120) if args.large else ():
        problems = [generate(size, seed) for seed in range(args.large)]
        results = {mode: run(problems, mode, args) for mode in modes}
        reference = [min(results[m][i][0] for m in modes) for i in range(len(problems))]
        print(f"generated, {size} jobs, {len(problems)} instances (deviation from the best any mode found):")
        for mode in modes:
            report(str(size), mode, results[mode], reference, None if mode == "search" else results["search"],
                   args.time_limit)


if __name__ == "__main__":
    main()
