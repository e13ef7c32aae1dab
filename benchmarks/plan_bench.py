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


def import_figures() -> None:
    """`plan import` of 20,000 and 200,000 votes (a CSV of the exchange format), from
    reading the file to the one durable commit. Target: 20,000 well under a second."""
    from planner.store.exchange import import_rows, read_rows

    caps = ("ci", "cd", "feature_store", "model_registry", "experiment_tracking")
    for count in (20_000, 200_000):
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            rows = [f"Organisation,{caps[i % 5]},Participant {i},{i % 4}" for i in range(count)]
            (tmp / "votes.csv").write_text("assessment,capability,participant,level\n" + "\n".join(rows) + "\n")
            with PlanFile.create(tmp / "p.mlplan") as plan:
                start = time.perf_counter()
                plan.write(import_rows(plan, read_rows(tmp / "votes.csv"), "votes.csv"))
                seconds = time.perf_counter() - start
                assert len(plan.state.assessment().votes["ci"]) == count // 5
        print(f"import of {count:,} votes in one transaction: {seconds:.2f} s ({seconds / count * 1e6:.0f} us a row)")


import_figures()
