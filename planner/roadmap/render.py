"""The roadmap as JSON (the CLI contract in docs/cli.md) and as plain text."""

from __future__ import annotations

from .. import words
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
        "end_date": roadmap.end_date.isoformat(),
        "makespan": roadmap.makespan,
        "optimal": roadmap.optimal,
        "gap": round(roadmap.gap, 4),
        "method": roadmap.method,
        "quality": words.proof(roadmap),
        "complete": roadmap.complete,
        "cut_by_guard": roadmap.cut,
        "work": {"schedules": roadmap.schedules, "nodes": roadmap.nodes},
        "makespan_bound": roadmap.makespan_bound,
        "objective": {"value": _round(roadmap.objective), "lower_bound": _round(roadmap.lower_bound),
                      "definition": "sum over capabilities of business priority x finish period of its last step, "
                                    "plus 20 x the period each milestone with a deadline is reached"},
        "capacity": {role: v.plain() for role, v in s.capacity.items()},
        "budget": {"per_period": None if s.budget_per_period is None else s.budget_per_period.plain(),
                   "total": s.budget_total, "currency": roadmap.currency},
        "totals": {"one_time": _round(roadmap.totals.one_time),
                   "licence_per_year": _round(roadmap.totals.licence_per_year),
                   "operating_per_year": _round(roadmap.totals.operating_per_year),
                   "horizon_years": roadmap.totals.horizon_years, "tco": _round(roadmap.totals.total)},
        "items": [{
            "id": i.id, "capability": i.capability, "name": i.name, "from_level": i.from_level,
            "to_level": i.to_level, "approach": i.approach, "option": i.option, "start": i.start,
            "finish": i.finish, "start_date": i.start_date.isoformat(), "end_date": i.end_date.isoformat(),
            "start_quarter": words.quarter(s, i.start), "end_quarter": words.quarter(s, words.last_period(i.finish)),
            "demand": {r: _round(f) for r, f in i.demand.items()},
            "cost": _round(i.cost), "licence_per_year": _round(i.licence_per_year),
            "operating_per_year": _round(i.operating_per_year), "confidence": i.confidence,
            "predecessors": list(i.predecessors), "why": list(i.why), "critical": i.critical, "pinned": i.pinned,
            "priority": i.priority, "status": i.status or None,
            "baseline_start": None if i.baseline is None else i.baseline[0],
            "baseline_finish": None if i.baseline is None else i.baseline[1], "slip": i.slip,
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
            "reached_date": None if m.date is None else m.date.isoformat(), "reached_quarter": m.quarter,
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
        "status_date": None if roadmap.status_date is None else roadmap.status_date.isoformat(),
        "dropped_items": list(roadmap.dropped_items),
        "baseline_taken": roadmap.baseline_taken or None,
    }


def roadmap_text(catalog: Catalog, roadmap: Roadmap) -> str:
    s = roadmap.settings
    cur = roadmap.currency
    lines = [
        f"Roadmap{' (scenario ' + roadmap.scenario + ')' if roadmap.scenario else ''}: {len(roadmap.items)} items, "
        f"{s.start_date.isoformat()} to {roadmap.end_date.isoformat()} "
        f"({words.periods(roadmap.makespan, s.time_unit)}); {words.proof(roadmap)}",
        f"One-time cost {roadmap.totals.one_time:,.0f} {cur}; recurring {roadmap.totals.licence_per_year:,.0f} {cur}/year "
        f"licences + {roadmap.totals.operating_per_year:,.0f} {cur}/year operating; "
        f"{roadmap.totals.horizon_years:g}-year TCO {roadmap.totals.total:,.0f} {cur}",
        "",
    ]
    if roadmap.status_date is not None:
        lines[1:1] = [f"Status date {roadmap.status_date.isoformat()}: what is done is kept, what is left is planned "
                      f"from {words.period_label(s, roadmap.status_period)} on"
                      + (f"; dropped: {', '.join(roadmap.dropped_items)}" if roadmap.dropped_items else "")]
    for item in roadmap.items:
        option = catalog.option(item.option).name if item.option else "in-house"
        mark = "*" if item.critical else " "
        lines.append(f"{mark} {words.quarter(s, item.start):8} {words.span(s, item.start, item.finish):19} "
                     f"{item.name:<46} {item.approach:5} {option}{_progress(roadmap, item)}")
        for reason in item.why:
            lines.append(f"      {reason}")
    lines += ["", "Milestones:"]
    for m in roadmap.milestones:
        when = "not reached by these targets" if m.reached is None else f"{m.quarter} ({m.date.isoformat()})"
        late = "  LATE" if m.late else ""
        lines.append(f"  {words.framework_level(m.framework_name, m.level)} ({m.level_name}): {when}{late}")
    if roadmap.warnings:
        lines += ["", *("Warning: " + w for w in roadmap.warnings)]
    lines.append("\n* on the critical path")
    return "\n".join(lines)


def _progress(roadmap: Roadmap, item) -> str:
    """"  [done]", "  [started; 2 months late against the baseline]"."""
    parts = [item.status] if item.status else []
    if item.slip:
        unit = roadmap.settings.time_unit
        parts.append(f"{words.periods(abs(item.slip), unit)} {'late' if item.slip > 0 else 'early'} "
                     "against the baseline")
    return f"  [{'; '.join(parts)}]" if parts else ""


CSV_COLUMNS = ("id", "capability", "name", "dimension", "from_level", "to_level", "approach", "option",
               "start_period", "finish_period", "start_date", "end_date", "start_quarter", "one_time_cost",
               "licence_per_year", "operating_per_year", "currency", "critical", "pinned", "predecessors", "why",
               "status", "baseline_end_date", "slip_periods")




def roadmap_csv(catalog: Catalog, roadmap: Roadmap, handle) -> int:
    """Write the roadmap's steps as CSV rows (one per step, in start order) to an open
    text handle; return the number of rows. Dates are ISO, money in the catalog's currency."""
    import csv

    from ..csvcells import safe

    s = roadmap.settings
    writer = csv.writer(handle)
    writer.writerow(CSV_COLUMNS)
    for i in roadmap.items:
        option = catalog.option(i.option).name if i.option else ""
        writer.writerow([safe(v) for v in (
            i.id, i.capability, i.name, i.dimension, i.from_level, i.to_level, i.approach, option, i.start, i.finish,
            i.start_date.isoformat(), i.end_date.isoformat(), words.quarter(s, i.start),
            f"{i.cost:.2f}", f"{i.licence_per_year:.2f}", f"{i.operating_per_year:.2f}", roadmap.currency,
            "yes" if i.critical else "no", "yes" if i.pinned else "no", ";".join(i.predecessors), " ".join(i.why),
            i.status, "" if i.baseline is None else words.last_day(s, words.last_period(i.baseline[1])).isoformat(),
            "" if i.slip is None else i.slip)])
    return len(roadmap.items)
