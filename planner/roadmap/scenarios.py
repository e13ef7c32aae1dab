"""Side-by-side comparison of a plan and its scenarios."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from datetime import date

from ..assessment.model import PlanState
from ..catalog.model import Catalog
from .engine import plan_roadmap
from .model import InfeasiblePlan, Roadmap


def plan_variants(catalog: Catalog, state: PlanState, names, today: date | None = None, stop=None) -> dict:
    """The roadmap of each named variant (None: the plan itself), or the InfeasiblePlan
    that says why there is none. The variants are planned side by side on threads: the
    MIP solver lets go of the interpreter while it works, so on two cores three variants
    take the time of two. Each one's work is counted, so the roadmaps are the same as
    when planned one by one. `stop()` ends them early (the comparison is no longer
    wanted)."""
    names = list(names)

    def one(name):
        try:
            return plan_roadmap(catalog, state, name, today=today, stop=stop)
        except InfeasiblePlan as exc:
            return exc

    if len(names) < 2:
        return {name: one(name) for name in names}
    with ThreadPoolExecutor(max_workers=min(len(names), os.cpu_count() or 1),
                            thread_name_prefix="roadmap-variant") as pool:
        return dict(zip(names, pool.map(one, names)))


def compare_scenarios(catalog: Catalog, state: PlanState, base: Roadmap | None = None,
                      today: date | None = None, planned: dict | None = None, stop=None) -> list[dict]:
    """One row per variant (the plan itself first): when it ends, cost, TCO and the day
    each framework milestone is reached; or the diagnosis when the variant is infeasible.
    `base`, when given, is the plan's own roadmap, already computed; `planned` holds
    variants already planned (see plan_variants)."""
    names = [None, *sorted(state.scenarios)]
    done = dict(planned or {})
    if base is not None:
        done[None] = base
    done |= plan_variants(catalog, state, [n for n in names if n not in done], today, stop)
    rows = []
    for name in names:
        row: dict = {"scenario": name or "(plan)"}
        roadmap = done[name]
        if isinstance(roadmap, InfeasiblePlan):
            rows.append(row | {"feasible": False, "diagnosis": roadmap.diagnosis})
            continue
        row |= {
            "feasible": True,
            "end_date": roadmap.end_date.isoformat(),
            "makespan": roadmap.makespan,
            "mean_completion": round(roadmap.mean_completion, 2),
            "one_time": round(roadmap.totals.one_time, 2),
            "recurring_per_year": round(roadmap.totals.licence_per_year + roadmap.totals.operating_per_year, 2),
            "tco": round(roadmap.totals.total, 2),
            "milestones": {f"{m.framework} {m.level}": (None if m.date is None else m.date.isoformat())
                           for m in roadmap.milestones},
            "milestone_quarters": {f"{m.framework} {m.level}": m.quarter for m in roadmap.milestones},
            "complete": roadmap.complete,
        }
        rows.append(row)
    return rows


def comparison_text(rows: list[dict], currency: str) -> str:
    lines = [f"{'scenario':<24} {'ends':<11} {'mean done':>9} {'one-time':>12} {'per year':>11} {'TCO':>12}"]
    for row in rows:
        if not row["feasible"]:
            lines.append(f"{row['scenario']:<24} infeasible: {row['diagnosis'][0]}")
            continue
        lines.append(f"{row['scenario']:<24} {row['end_date']:<11} {row['mean_completion']:>9.1f} "
                     f"{row['one_time']:>12,.0f} {row['recurring_per_year']:>11,.0f} {row['tco']:>12,.0f}")
    keys = sorted({k for row in rows if row["feasible"] for k in row["milestones"]})
    if keys:
        lines += ["", "milestone reached".ljust(24) + "".join(f"{r['scenario'][:22]:>23}" for r in rows if r["feasible"])]
        for key in keys:
            cells = "".join(f"{(r['milestones'].get(key) or 'not reached'):>23}" for r in rows if r["feasible"])
            lines.append(f"{key:<24}{cells}")
    lines.append(f"(money in {currency}; mean done: the priority-weighted mean period in which capabilities "
                 "reach their targets)")
    return "\n".join(lines)
