"""The roadmap as JSON (the CLI contract in docs/cli.md) and as plain text."""

from __future__ import annotations

from ..catalog.model import Catalog
from .model import Roadmap


def _round(value: float) -> float:
    return round(value, 2)


def roadmap_json(catalog: Catalog, roadmap: Roadmap) -> dict:
    s = roadmap.settings
    return {
        "ok": True,
        "scenario": roadmap.scenario,
        "time_unit": s.time_unit,
        "start_date": s.start_date.isoformat(),
        "finish_date": roadmap.finish_date().isoformat(),
        "makespan": roadmap.makespan,
        "optimal": roadmap.optimal,
        "gap": round(roadmap.gap, 4),
        "method": roadmap.method,
        "makespan_bound": roadmap.makespan_bound,
        "objective": {"value": _round(roadmap.objective), "lower_bound": _round(roadmap.lower_bound),
                      "definition": "sum over capabilities of business priority x finish period of its last step, "
                                    "plus 20 x the period each milestone with a deadline is reached"},
        "capacity": {role: (list(v) if isinstance(v, tuple) else v) for role, v in s.capacity.items()},
        "budget": {"per_period": list(s.budget_per_period) if isinstance(s.budget_per_period, tuple)
                   else s.budget_per_period, "total": s.budget_total, "currency": roadmap.currency},
        "totals": {"one_time": _round(roadmap.totals.one_time),
                   "licence_per_year": _round(roadmap.totals.licence_per_year),
                   "operating_per_year": _round(roadmap.totals.operating_per_year),
                   "horizon_years": roadmap.totals.horizon_years, "tco": _round(roadmap.totals.total)},
        "items": [{
            "id": i.id, "capability": i.capability, "name": i.name, "from_level": i.from_level,
            "to_level": i.to_level, "approach": i.approach, "option": i.option, "start": i.start,
            "finish": i.finish, "start_quarter": s.quarter(i.start), "demand": {r: _round(f) for r, f in i.demand.items()},
            "cost": _round(i.cost), "licence_per_year": _round(i.licence_per_year),
            "operating_per_year": _round(i.operating_per_year), "confidence": i.confidence,
            "predecessors": list(i.predecessors), "why": list(i.why), "critical": i.critical, "pinned": i.pinned,
            "priority": i.priority,
        } for i in roadmap.items],
        "decisions": [{
            "capability": d.capability, "approach": d.approach, "option": d.option, "chosen_by": d.chosen_by,
            "rationale": d.rationale, "tco": _round(d.tco),
            "alternatives": [{"approach": a, "option": o, "tco": _round(t), "rationale": r}
                             for a, o, t, r in d.alternatives],
            "excluded": [{"option": o, "why": w} for o, w in d.excluded],
        } for d in roadmap.decisions],
        "milestones": [{
            "framework": m.framework, "level": m.level, "name": m.level_name, "reached": m.reached,
            "reached_date": None if m.reached is None else s.period_start(m.reached).isoformat(),
            "deadline": m.deadline, "late": m.late,
        } for m in roadmap.milestones],
        "critical_path": list(roadmap.critical_path),
        "usage": {role: list(v) for role, v in roadmap.usage.items()},
        "spend": [_round(v) for v in roadmap.spend],
        "bundles": [{"option": b.option_id, "capabilities": list(b.capabilities), "bundle_tco": _round(b.bundle_tco.total),
                     "best_of_breed_tco": _round(b.best_of_breed_tco.total), "saving": _round(b.saving)}
                    for b in roadmap.bundles],
        "excluded_items": list(roadmap.excluded_items),
        "warnings": list(roadmap.warnings),
    }


def quality(roadmap: Roadmap) -> str:
    if roadmap.optimal:
        return "proven optimal on the priority-weighted objective"
    if roadmap.gap == 0:
        return "as short as possible"
    return f"at most {roadmap.gap:.0%} longer than the best possible"


def roadmap_text(catalog: Catalog, roadmap: Roadmap) -> str:
    s = roadmap.settings
    cur = roadmap.currency
    lines = [
        f"Roadmap{' (scenario ' + roadmap.scenario + ')' if roadmap.scenario else ''}: {len(roadmap.items)} items, "
        f"{s.start_date.isoformat()} to {roadmap.finish_date().isoformat()} ({roadmap.makespan} {s.time_unit}s); "
        f"{quality(roadmap)}",
        f"One-time cost {roadmap.totals.one_time:,.0f} {cur}; recurring {roadmap.totals.licence_per_year:,.0f} {cur}/year "
        f"licences + {roadmap.totals.operating_per_year:,.0f} {cur}/year operating; "
        f"{roadmap.totals.horizon_years:g}-year TCO {roadmap.totals.total:,.0f} {cur}",
        "",
    ]
    for item in roadmap.items:
        option = catalog.option(item.option).name if item.option else "in-house"
        mark = "*" if item.critical else " "
        lines.append(f"{mark} {s.quarter(item.start):8} {item.start:>3}-{item.finish:<3} {item.name:<46} "
                     f"{item.approach:5} {option}")
        for reason in item.why:
            lines.append(f"      {reason}")
    lines += ["", "Milestones:"]
    for m in roadmap.milestones:
        when = "not reached by these targets" if m.reached is None else s.quarter(m.reached)
        late = "  LATE" if m.late else ""
        lines.append(f"  {m.framework_name} level {m.level} ({m.level_name}): {when}{late}")
    if roadmap.warnings:
        lines += ["", *("Warning: " + w for w in roadmap.warnings)]
    lines.append("\n* on the critical path")
    return "\n".join(lines)


CSV_COLUMNS = ("id", "capability", "name", "dimension", "from_level", "to_level", "approach", "option",
               "start_period", "finish_period", "start_date", "finish_date", "start_quarter", "one_time_cost",
               "licence_per_year", "operating_per_year", "currency", "critical", "pinned", "predecessors", "why")


def _cell(value) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def roadmap_csv(catalog: Catalog, roadmap: Roadmap, handle) -> int:
    """Write the roadmap's steps as CSV rows (one per step, in start order) to an open
    text handle; return the number of rows. Dates are ISO, money in the catalog's currency."""
    import csv

    s = roadmap.settings
    writer = csv.writer(handle)
    writer.writerow(CSV_COLUMNS)
    for i in roadmap.items:
        option = catalog.option(i.option).name if i.option else ""
        writer.writerow([_cell(v) for v in (
            i.id, i.capability, i.name, i.dimension, i.from_level, i.to_level, i.approach, option, i.start, i.finish,
            s.period_start(i.start).isoformat(), s.period_start(i.finish).isoformat(), s.quarter(i.start),
            f"{i.cost:.2f}", f"{i.licence_per_year:.2f}", f"{i.operating_per_year:.2f}", roadmap.currency,
            "yes" if i.critical else "no", "yes" if i.pinned else "no", ";".join(i.predecessors), " ".join(i.why))])
    return len(roadmap.items)
