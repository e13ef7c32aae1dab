"""Roadmap figures: heuristic and improved plans of the demo plan, a heuristic plan of a
generated 1,000-capability catalog, and the import time and installed size of the
default install against the one with the `optimize` extra.

Run: python benchmarks/roadmap_bench.py
Targets: heuristic re-plan of the demo <= 20 ms; improved plan <= 1 s (with its gap);
1,000 capabilities heuristic <= 0.5 s.
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
    print(f"demo plan, heuristic re-plan: median {quick * 1000:.1f} ms  (target <= 20 ms); "
          f"{len(roadmap.items)} items, {roadmap.makespan} months, {quality(roadmap)}")
    slow, roadmap = timed(lambda: plan_roadmap(catalog, state), 5)
    print(f"demo plan, improved: median {slow * 1000:.0f} ms  (target <= 1000 ms); {roadmap.makespan} months "
          f"(bound {roadmap.makespan_bound}), {quality(roadmap)}; objective {roadmap.objective:g} "
          f"(bound {roadmap.lower_bound:g})")
    try:
        import ortools  # noqa: F401
    except ImportError:
        print("demo plan, with CP-SAT: OR-Tools not installed (pip install 'mlops-roadmap-planner[optimize]')")
        return
    exact, roadmap = timed(lambda: plan_roadmap(catalog, state, exact=True), 3)
    print(f"demo plan, improved + CP-SAT: median {exact * 1000:.0f} ms; {roadmap.makespan} months, "
          f"{'proven optimal' if roadmap.optimal else 'not proven optimal'} (method {roadmap.method}); "
          f"objective {roadmap.objective:g} (bound {roadmap.lower_bound:g})")


def large_figures() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp), 1000)
        catalog = load_catalog(tmp)
    state = PlanState("large", "", (Assessment("all"),), "all", targets={c.id: 3 for c in catalog.capabilities},
                      settings={"start_date": "2027-01-01", "capacity": {r.id: 20 for r in catalog.roles}})
    seconds, roadmap = timed(lambda: plan_roadmap(catalog, state, improve=False), 3)
    print(f"generated 1,000 capabilities: heuristic plan of {len(roadmap.items)} items: median {seconds:.2f} s "
          f"(target <= 0.5 s); {roadmap.makespan} months, {quality(roadmap)}")


def import_seconds(block_pandas: bool) -> float:
    """Cold import of what the roadmap command loads, in a fresh interpreter. Blocking
    pandas shows the default install, where pandas is absent."""
    block = ("import sys\nclass B:\n def find_spec(self, n, p=None, t=None):\n"
             "  if n.split('.')[0] == 'pandas': raise ImportError(n)\nsys.meta_path.insert(0, B())\n"
             if block_pandas else "")
    code = block + ("import time\nt = time.perf_counter()\nimport sqlite_utils, planner.cli, planner.roadmap.engine, "
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
        print(f"cold import of the CLI, store and roadmap engine: {import_seconds(True) * 1000:.0f} ms without pandas, "
              f"{import_seconds(False) * 1000:.0f} ms with pandas installed (sqlite-utils imports it when present)")
    else:
        print(f"cold import of the CLI, store and roadmap engine: {import_seconds(False) * 1000:.0f} ms "
              "(optimize extra not installed)")


if __name__ == "__main__":
    demo_figures()
    large_figures()
    install_figures()
