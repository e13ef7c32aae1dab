"""Roadmap figures: the demo plan's heuristic re-plan and its improvement to a proof
(time and the counted work it used), plans of up to about 60 steps made from the demo,
a heuristic plan of a generated 1,000-capability catalog, and the import time and
installed size of the default install against the one with the `optimize` extra.

Run: python benchmarks/roadmap_bench.py
Targets: heuristic re-plan of the demo <= 10 ms; the demo improved and proven optimal in
<= 0.5 s; 1,000 capabilities heuristic <= 0.5 s. The improvement's time is also given
as a ratio to the heuristic re-plan measured in the same run (machines differ by 2x).
"""

from __future__ import annotations

import importlib.metadata as md
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

from catalog_load import generate  # noqa: E402

from planner.assessment.model import Assessment, PlanState  # noqa: E402
from planner.catalog.load import load_catalog  # noqa: E402
from planner.licences import APP, closure  # noqa: E402
from planner.roadmap.engine import plan_roadmap  # noqa: E402
from planner.words import proof as quality  # noqa: E402
from planner.store.demo import build_demo  # noqa: E402


def timed(fn, runs: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def demo_figures() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        with build_demo(Path(tmp) / "demo.mlplan") as plan:
            catalog, state = plan.catalog, plan.state
    quick, roadmap = timed(lambda: plan_roadmap(catalog, state, improve=False), 20)
    print(f"demo plan, heuristic re-plan: median {quick * 1000:.1f} ms (target <= 10 ms); "
          f"{len(roadmap.items)} steps, {roadmap.makespan} months, objective {roadmap.objective:g}")
    slow, roadmap = timed(lambda: plan_roadmap(catalog, state), 5)
    print(f"demo plan, improved: median {slow * 1000:.0f} ms = {slow / quick:.0f}x the heuristic "
          f"(target <= 500 ms), {quality(roadmap)}; objective {roadmap.objective:g} (bound "
          f"{roadmap.lower_bound:g}); work: {roadmap.schedules} schedules, {roadmap.nodes} MIP nodes; "
          f"cut by the guard: {'yes' if roadmap.cut else 'no'}")
    larger_plans(catalog, state)
    try:
        import ortools  # noqa: F401
    except ImportError:
        print("demo plan, with CP-SAT: OR-Tools not installed (pip install 'mlops-roadmap-planner[optimize]')")
        return
    exact, roadmap = timed(lambda: plan_roadmap(catalog, state, exact=True), 3)
    print(f"demo plan, improved + CP-SAT: median {exact * 1000:.0f} ms; {roadmap.makespan} months, "
          f"{quality(roadmap)} (method {roadmap.method}); "
          f"objective {roadmap.objective:g} (bound {roadmap.lower_bound:g})")


def larger_plans(catalog, state) -> None:
    """The demo's catalog and teams with every capability's target raised to a level
    (more steps), at the demo's capacity and at twice it."""
    from dataclasses import replace

    from planner.roadmap.settings import read_settings

    print("larger plans from the demo (every target raised to a level; default install, counted work):")
    base = read_settings(catalog, state.settings)
    for level in (2, 3):
        for factor in (1, 2):
            capacity = {role: ([v * factor for v in p.values] if p.varying else p.values[0] * factor)
                        for role, p in base.capacity.items()}
            targets = {c.id: min(level, c.max_level) for c in catalog.capabilities}
            bigger = replace(state, targets=targets, framework_targets={},
                             settings={**state.settings, "capacity": capacity, "budget_per_period": None})
            seconds, roadmap = timed(lambda: plan_roadmap(catalog, bigger), 1)
            print(f"  targets at {level}, capacity x{factor}: {len(roadmap.items)} steps, {seconds * 1000:.0f} ms, "
                  f"{quality(roadmap)}; objective {roadmap.objective:g} (bound {roadmap.lower_bound:g}); "
                  f"work {roadmap.schedules} schedules, {roadmap.nodes} nodes"
                  f"{'; cut by the guard' if roadmap.cut else ''}")


def large_figures() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp), 1000)
        catalog = load_catalog(tmp)
    state = PlanState("large", "", (Assessment("all"),), "all", targets={c.id: 3 for c in catalog.capabilities},
                      settings={"start_date": "2027-01-01", "capacity": {r.id: 20 for r in catalog.roles}})
    seconds, roadmap = timed(lambda: plan_roadmap(catalog, state, improve=False), 3)
    print(f"generated 1,000 capabilities: heuristic plan of {len(roadmap.items)} items: median {seconds:.2f} s "
          f"(target <= 0.5 s); {roadmap.makespan} months, {quality(roadmap)}")


def import_seconds() -> float:
    """Cold import of what the roadmap command loads, in a fresh interpreter."""
    code = ("import time\nt = time.perf_counter()\nimport planner.cli, planner.roadmap.engine, "
            "planner.store.planfile\nprint(time.perf_counter() - t)")
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                                 cwd=HERE.parent).stdout) for _ in range(5)]
    return statistics.median(runs)


def size_mb(names: set[str]) -> float:
    total = 0
    for name in names:
        for file in md.distribution(name).files or ():
            path = file.locate()
            if path.is_file():
                total += path.stat().st_size
    return total / 1e6


def install_figures() -> None:
    default = set(closure([APP])) - {APP}  # every default dependency (the list used to omit highspy and tomli)
    extra = set(closure(["ortools"])) - default
    print(f"installed size, default dependencies: {size_mb(default):.0f} MB ({len(default)} distributions)")
    if extra:
        print(f"installed size added by the optimize extra (OR-Tools and what it brings): {size_mb(extra):.0f} MB "
              f"({', '.join(sorted(extra))})")
    print(f"cold import of the CLI, store and roadmap engine: {import_seconds() * 1000:.0f} ms")


if __name__ == "__main__":
    demo_figures()
    large_figures()
    install_figures()
