"""Side-by-side comparison of a plan and its scenarios."""

from __future__ import annotations

from datetime import date

from ..assessment.model import PlanState
from ..catalog.model import Catalog
from .engine import plan_roadmap
from .model import InfeasiblePlan, Roadmap


def compare_scenarios(catalog: Catalog, state: PlanState, base: Roadmap | None = None,
                      today: date | None = None) -> list[dict]:
    """One row per variant (the plan itself first): when it ends, cost, TCO and the day
    each framework milestone is reached; or the diagnosis when the variant is infeasible.
    `base`, when given, is the plan's own roadmap, already computed."""
    rows = []
    for name in [None, *sorted(state.scenarios)]:
        row: dict = {"scenario": name or "(plan)"}
        try:
            roadmap = base if name is None and base is not None else plan_roadmap(catalog, state, name, today=today)
        except InfeasiblePlan as exc:
            rows.append(row | {"feasible": False, "diagnosis": exc.diagnosis})
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
