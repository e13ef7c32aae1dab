"""Plan figures: scoring + crosswalk of the demo plan, opening a plan, one durable edit.

Run: python benchmarks/plan_bench.py
Targets: scoring <= 5 ms; opening <= 100 ms; one edit's durable commit <= 5 ms.
"""

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from planner.assessment.assess import assess  # noqa: E402
from planner.store import commands as c  # noqa: E402
from planner.store.demo import build_demo  # noqa: E402
from planner.store.planfile import PlanFile  # noqa: E402


def timed(fn, runs):
    times = []
    for i in range(runs):
        start = time.perf_counter()
        fn(i)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


with tempfile.TemporaryDirectory() as tmp:
    path = Path(tmp) / "demo.mlplan"
    build_demo(path).close()
    with PlanFile.open(path) as plan:
        catalog, state = plan.catalog, plan.state
        print(f"scoring + crosswalk (demo plan): median {timed(lambda i: assess(catalog, state), 200):.2f} ms"
              "  (target <= 5 ms)")
        edit = timed(lambda i: c.SetVote("Pricing", "ci", "bench", i % 5).apply(plan), 200)
        print(f"one edit's durable commit (WAL, synchronous=FULL): median {edit:.2f} ms  (target <= 5 ms)")

    def open_plan(i):
        with PlanFile.open(path) as p:
            p.state  # noqa: B018
    print(f"opening the demo plan (catalog copy + state): median {timed(open_plan, 20):.1f} ms  (target <= 100 ms)")
