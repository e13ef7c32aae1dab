"""The report's sections, in their fixed order. Each takes the gathered data and the
frame width and returns flowables. Every user or catalog string is escaped (components.text)."""

from __future__ import annotations

from collections import defaultdict

from reportlab.platypus import CondPageBreak, KeepTogether, PageBreak, Paragraph

from .. import words
from ..assessment.gaps import top_gaps
from ..assessment.notes import distinct
from ..roadmap.items import StepId
from . import charts
from .components import fraction_widths, gap, heading, money, pairs, para, table, text
from .data import ReportData
from .workshop import workshop_results

NA = "n/a"


def _level(data: ReportData, level: int | None) -> str:
    if level is None:
        return NA
    return f"{level} {data.catalog.scale.name(level)}"


def _gaps(data: ReportData) -> list:
    """Capabilities with a gap, in the order every output lists them (assessment/gaps.py)."""
    return [(data.catalog.capability(cap), now, target, priority)
            for cap, now, target, priority in top_gaps(data.catalog, data.scores, data.state.priorities)]


def _option_name(data: ReportData, option_id: str | None) -> str:
    return data.catalog.option(option_id).name if option_id else "in-house"


def _decision_label(data: ReportData, decision) -> str:
    return f"{decision.approach.capitalize()}: {_option_name(data, decision.option)}"


# -- cover and summary ----------------------------------------------------------------------

def cover(data: ReportData, width: float) -> list:
    state, info = data.state, data.catalog.info
    rows = [["Plan", state.name], ["Organisation", state.organisation or "-"],
            ["Assessment", data.scores.assessment], ["Date", data.generated.isoformat()],
            ["Catalog", f"{info.title} {info.version} (facts as of {info.facts_as_of.isoformat()})"]]
    if data.scenario:
        rows.append(["Scenario", data.scenario])
    if data.workshop is not None:
        rows.append(["Workshop", f"held {data.workshop.held.isoformat()}; its results follow the summary"])
    return [gap(40), para("MLOps investment case", "title"), gap(4),
            para(f"{state.name} · {state.organisation}" if state.organisation else state.name, "subtitle"), gap(14),
            pairs(rows, fraction_widths(width, [1, 3])), gap(10),
            para("Where the organisation stands on every MLOps maturity scale, what to build, adopt or buy next "
                 "and in what order, and what it will cost. All effort and cost figures are estimates.", "muted")]


def executive_summary(data: ReportData, width: float, toc, st) -> list:
    out = [heading("Executive summary")]
    rows = [[f.name, f"{f.now} {f.now_name}", f"{f.target} {f.target_name}"] for f in data.scores.frameworks]
    out += [heading("Where we stand", 2), table(["Maturity scale", "Now", "At target"], rows,
                                                 fraction_widths(width, [2.2, 2, 2]), bold_first=True)]
    roadmap = data.roadmap
    cur = data.catalog.info.currency
    if roadmap is None:
        out += [heading("The targets cannot be met under the constraints", 2)]
        out += [para(d) for d in data.diagnosis]
    else:
        t = roadmap.totals
        s = roadmap.settings
        out += [heading("The plan", 2), para(
            f"{len(roadmap.items)} steps across {len({i.capability for i in roadmap.items})} capabilities, from "
            f"{s.start_date.isoformat()} to {roadmap.end_date.isoformat()} "
            f"({words.periods(roadmap.makespan, s.time_unit)}). "
            f"One-time cost {money(t.one_time, cur)}; recurring {money(t.per_year, cur)} a year; "
            f"{t.horizon_years:g}-year total cost of ownership {money(t.total, cur)}.")]
        reached = [m for m in roadmap.milestones if m.reached is not None]
        if reached:
            out.append(para("Milestones: " + "; ".join(
                f"{words.framework_level(m.framework_name, m.level)} ({m.level_name}) in {m.quarter}"
                for m in reached) + "."))
    top = _gaps(data)[:5]
    if top:
        decisions = {d.capability: d for d in roadmap.decisions} if roadmap else {}
        rows = [[cap.name, f"{now} → {target}", str(prio),
                 _decision_label(data, decisions[cap.id]) if cap.id in decisions else "-"]
                for cap, now, target, prio in top]
        out += [heading("Top gaps by priority", 2),
                table(["Capability", "Level", "Priority", "Decision"], rows, fraction_widths(width, [3, 1.2, 1, 3]),
                      bold_first=True)]
    else:
        out += [heading("Top gaps by priority", 2), para("No gaps: every capability is at or above its target.")]
    return out


def contents(data: ReportData, width: float, toc, st) -> list:
    return [PageBreak(), Paragraph("Contents", st["title"].clone("toc_title", fontSize=18, leading=24)), gap(4), toc]


# -- maturity -------------------------------------------------------------------------------

def maturity(data: ReportData, width: float, toc, st) -> list:
    scale = data.catalog.scale
    dims = [d for d in data.scores.dimensions if d.dimension != "overall"]
    targets = {d.dimension: d for d in data.scores.target_dimensions}
    radar = charts.radar([d.name for d in dims], [d.mean_level for d in dims],
                         [targets[d.dimension].mean_level for d in dims], scale.last, width, 230)
    out = [PageBreak(), heading("Current and target maturity"),
           KeepTogether([heading("Maturity by dimension", 2), radar, para(f"Mean level per dimension on the {scale.first}-{scale.last} scale, "
                                     "not-applicable capabilities left out.", "figure")])]
    rows = [(cap.name, cap.dimension, data.scores.current[cap.id], data.scores.target(cap.id))
            for cap in data.catalog.capabilities]
    first, *more = charts.heatmaps(rows, list(scale.names), scale.first, width)
    out.append(KeepTogether([heading("Capabilities by level", 2), first]))
    out += more
    out.append(para("Filled: in place now. Light: planned by the target. Grey: not applicable.", "figure"))
    names = {c.id: c.name for c in data.catalog.capabilities}
    cross = []
    for f in data.scores.frameworks:
        unmet = ", ".join(f"{names.get(u.capability, u.capability)} {u.current}→{u.required}" for u in f.next_unmet)
        nxt = "top level reached" if f.next_level is None else f"{f.next_level}: {unmet or '-'}"
        cross.append([f.name, f"{f.now} {f.now_name}", f"{f.target} {f.target_name}", nxt])
    out += [CondPageBreak(150), heading("Maturity on every framework", 2),
            para("A framework level is reached when every capability it requires is at the required level; "
                 "capabilities marked not applicable count as met."),
            table(["Framework", "Now", "At target", "Next level needs"], cross,
                  fraction_widths(width, [1.6, 1.6, 1.6, 4]), bold_first=True)]
    return out


def gap_analysis(data: ReportData, width: float, toc, st) -> list:
    out = [PageBreak(), heading("Gap analysis")]
    gaps = _gaps(data)
    if not gaps:
        return out + [para("No gaps: every capability is at or above its target.")]
    assessment = data.state.assessment(data.scores.assessment)
    rows = []
    for cap, now, target, prio in gaps:
        entry = assessment.entries.get(cap.id)
        notes = distinct(entry.evidence) if entry else ()  # a note kept again later is said once
        evidence = notes[-1].note if notes else "no evidence recorded"
        if len(evidence) > 220:
            evidence = evidence[:219] + "…"
        if len(notes) > 1:
            evidence += f" (+{len(notes) - 1} more)"
        rows.append([cap.name, _level(data, now), _level(data, target), str(prio),
                     entry.confidence if entry else "-", evidence])
    out.append(para(f"{len(gaps)} capabilities have a gap between where they are and the target (typed targets, "
                    "framework targets and the prerequisites they need), highest priority first."))
    out.append(table(["Capability", "Current", "Target", "Priority", "Confidence", "Evidence"], rows,
                     fraction_widths(width, [2.2, 1.5, 1.5, 0.9, 1.3, 4.0]), bold_first=True))
    return out


# -- roadmap --------------------------------------------------------------------------------

def roadmap_section(data: ReportData, width: float, toc, st) -> list:
    out = [PageBreak(), heading("Roadmap")]
    roadmap = data.roadmap
    if roadmap is None:
        return out + [para("No roadmap meets the constraints. What stands in the way:")] + [
            para(f"• {d}") for d in data.diagnosis]
    s = roadmap.settings
    out.append(para(f"{len(roadmap.items)} steps from {s.start_date.isoformat()} to {roadmap.end_date.isoformat()}, "
                    f"sequenced under team capacity and budget; {words.proof(roadmap)}. Critical-path steps are "
                    "outlined in red."))
    dims = {d.id: d.name for d in data.catalog.dimensions}
    bars = [{"label": i.name, "lane": dims.get(i.dimension, i.dimension), "lane_id": i.dimension,
             "start": i.start, "finish": i.finish, "critical": i.critical}
            for i in sorted(roadmap.items, key=lambda i: (list(dims).index(i.dimension) if i.dimension in dims else 99,
                                                          i.start, i.id))]
    stones = [{"label": f"{words.short_framework(m.framework_name)} L{m.level}", "period": m.reached + 1}  # at its end
              for m in roadmap.milestones if m.reached is not None]
    for drawing in charts.gantt(bars, stones, max(roadmap.makespan, 1), lambda t: words.quarter(s, t), width):
        out += [drawing, gap(2)]
    out.append(para("Bars by dimension and quarter; diamonds mark the framework levels reached.", "figure"))
    rows = [[words.framework_level(m.framework_name, m.level), m.level_name,
             "not reached by these targets" if m.reached is None else f"{m.quarter} ({m.date.isoformat()})",
             "-" if m.deadline is None else words.quarter(s, m.deadline) + (" (missed)" if m.late else "")]
            for m in roadmap.milestones]
    out += [heading("Milestones", 2), table(["Milestone", "Level", "Reached in", "Deadline"], rows,
                                            fraction_widths(width, [2.5, 2.5, 2, 1.6]), bold_first=True)]
    path = [roadmap.item(i).name for i in roadmap.critical_path]
    out += [heading("Critical path", 2), para(" → ".join(path) if path else "No items.")]
    rows = [[i.name, words.span(s, i.start, i.finish), _item_decision(data, i),
             money(i.cost, roadmap.currency), " ".join(i.why)] for i in roadmap.items]
    out += [heading("Why each step sits where it does", 2),
            table(["Step", "When", "How", "One-time", "Why here"], rows,
                  fraction_widths(width, [2.3, 1.6, 1.8, 1.2, 4.5]), bold_first=True)]
    for warning in roadmap.warnings:
        out.append(para(f"Warning: {warning}", "muted"))
    return out


def progress_section(data: ReportData, width: float, toc, st) -> list:
    """What became of the steps since the baseline (or up to the status date): shown
    only when the plan records progress or has a baseline."""
    roadmap = data.roadmap
    if roadmap is None or (roadmap.status_date is None and not roadmap.baseline_taken):
        return []
    s = roadmap.settings
    since = roadmap.baseline_taken or roadmap.settings.start_date.isoformat()
    out = [PageBreak(), heading(f"Progress since {since}")]
    counts = {status: sum(1 for i in roadmap.items if i.status == status) for status in ("done", "started")}
    slipped = [i for i in roadmap.items if i.slip and i.slip > 0]
    parts = [f"{counts['done']} step{'s' * (counts['done'] != 1)} done", f"{counts['started']} started",
             f"{len(roadmap.dropped_items)} dropped"]
    status = f" as of {roadmap.status_date.isoformat()}" if roadmap.status_date else ""
    out.append(para(f"{', '.join(parts)}{status}; what is left is planned from the status date on. "
                    + (f"Against the baseline of {roadmap.baseline_taken}, {len(slipped)} step"
                       f"{'s finish' if len(slipped) != 1 else ' finishes'} later than planned."
                       if roadmap.baseline_taken else "No baseline was taken: take one to track slips.")))
    rows = []
    for i in roadmap.items:
        if not i.status and not i.slip:
            continue
        planned = "-" if i.baseline is None else words.span(s, *i.baseline)
        slip = "-" if i.slip is None else "on plan" if i.slip == 0 else \
            f"{words.periods(abs(i.slip), s.time_unit)} {'late' if i.slip > 0 else 'early'}"
        rows.append([i.name, i.status or "planned", planned, words.span(s, i.start, i.finish), slip])
    for item in roadmap.dropped_items:
        step = StepId.parse(item)
        rows.append([f"{data.catalog.capability(step.capability).name} {step.words()}", "dropped", "-", "-", "-"])
    if rows:
        out.append(table(["Step", "Status", "In the baseline", "Now", "Slip"], rows,
                         fraction_widths(width, [3, 1.2, 2, 2, 1.6]), bold_first=True))
    return out


def _item_decision(data: ReportData, item) -> str:
    return f"{item.approach.capitalize()}: {_option_name(data, item.option)}"


def _quarters(roadmap) -> tuple[list[str], dict[str, list[int]]]:
    s = roadmap.settings
    groups: dict[str, list[int]] = defaultdict(list)
    for t in range(roadmap.makespan):
        groups[words.quarter(s, t)].append(t)
    return list(groups), groups


def capacity_section(data: ReportData, width: float, toc, st) -> list:
    roadmap = data.roadmap
    if roadmap is None or not roadmap.items:
        return []
    s = roadmap.settings
    quarters, groups = _quarters(roadmap)
    roles = {r.id: r.name for r in data.catalog.roles}
    series = {roles.get(role, role): [sum(roadmap.usage[role][t] for t in groups[q]) / len(groups[q]) for q in quarters]
              for role in roadmap.usage if any(roadmap.usage[role])}
    capacity = [sum(cap.at(groups[q][0]) for cap in s.capacity.values()) for q in quarters]
    out = [PageBreak(), heading("Capacity and spend"),
           KeepTogether([heading("Capacity use per role", 2),
                         charts.bars(quarters, series, width, 200, limit=capacity, unit=" FTE"),
                         para("Average FTE used per quarter, by role, against the total capacity for roadmap work.",
                              "figure")])]
    rows = [[roles.get(role, role)] + [f"{sum(roadmap.usage[role][t] for t in groups[q]) / len(groups[q]):.1f} / "
                                       f"{s.capacity[role].at(groups[q][0]):g}" for q in quarters]
            for role in s.capacity]
    shown = quarters[:8]
    out.append(table(["Role (used / capacity FTE)"] + shown, [r[: len(shown) + 1] for r in rows],
                     fraction_widths(width, [2.2] + [1] * len(shown)), bold_first=True))
    if len(quarters) > len(shown):
        out.append(para(f"First {len(shown)} quarters shown; the chart covers all {len(quarters)}.", "muted"))
    spend = [sum(roadmap.spend[t] for t in groups[q]) for q in quarters]
    limit = ([sum(s.budget_per_period.at(t) for t in groups[q]) for q in quarters]
             if s.budget_per_period is not None else None)
    out.append(KeepTogether([heading("Spend per quarter", 2),
                             charts.bars(quarters, {"One-time spend": spend}, width, 170, limit=limit,
                                         unit=f" {roadmap.currency}"),
                             para("One-time effort spent per quarter" + (", against the budget." if limit else "."),
                                  "figure")]))
    return out


# -- decisions and cost ---------------------------------------------------------------------

def decisions_section(data: ReportData, width: float, toc, st) -> list:
    roadmap = data.roadmap
    if roadmap is None or not roadmap.decisions:
        return []
    cur = roadmap.currency
    rows = []
    for d in roadmap.decisions:
        cap = data.catalog.capability(d.capability)
        if d.option:
            o = data.catalog.option(d.option)
            facts = (f"{o.licence}; {'open source' if o.open_source else 'not open source'}; "
                     f"{', '.join(o.hosting)}; {o.status}")
        else:
            facts = "built in-house"
        alternatives = "; ".join(f"{a.capitalize()} {_option_name(data, o)} ({money(t, cur)})"
                                 for a, o, t, _ in d.alternatives[:3]) or "-"
        rows.append([cap.name, _decision_label(data, d) + (" (your choice)" if d.chosen_by == "you" else ""),
                     facts, d.rationale, alternatives])
    out = [PageBreak(), heading("Decisions: build, adopt or buy"),
           para("For each capability with a gap: the chosen approach and tool, its licence, whether it is open source, "
                "its hosting and maintenance status, why, and the alternatives considered with their "
                f"{roadmap.totals.horizon_years:g}-year total cost of ownership."),
           table(["Capability", "Decision", "Licence · hosting · status", "Rationale", "Alternatives (TCO)"], rows,
                 fraction_widths(width, [1.8, 1.8, 2, 3.2, 2.8]), bold_first=True)]
    if roadmap.bundles:
        rows = [[_option_name(data, b.option_id), ", ".join(data.catalog.capability(x).name for x in b.capabilities),
                 money(b.bundle_tco.total, cur), money(b.best_of_breed_tco.total, cur),
                 money(b.saving, cur)] for b in roadmap.bundles]
        out += [heading("Platform bundles against best-of-breed", 2),
                para("A platform covering several gaps, costed from the same per-capability estimates; the catalog "
                     "holds no bundle prices, so no bundle discount is assumed. A negative saving means the "
                     "bundle costs more."),
                table(["Platform", "Covers", "Bundle TCO", "Best-of-breed TCO", "Saving"], rows,
                      fraction_widths(width, [2, 4, 1.5, 1.6, 1.4]), bold_first=True)]
    return out


def cost_section(data: ReportData, width: float, toc, st) -> list:
    roadmap = data.roadmap
    if roadmap is None:
        return []
    cur = roadmap.currency
    per_cap: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for i in roadmap.items:
        row = per_cap[i.capability]
        row[0] += i.cost
        row[1] += i.licence_per_year
        row[2] += i.operating_per_year
    years = roadmap.totals.horizon_years
    rows = [[data.catalog.capability(cap).name, money(a, cur), money(b, cur), money(c_, cur),
             money(a + years * (b + c_), cur)] for cap, (a, b, c_) in sorted(per_cap.items(),
                                                                             key=lambda kv: -sum(kv[1]))]
    t = roadmap.totals
    rows.append(["Total", money(t.one_time, cur), money(t.licence_per_year, cur), money(t.operating_per_year, cur),
                 money(t.total, cur)])
    out = [PageBreak(), heading("Cost"),
           para(f"One-time effort is person-weeks times a rate per role; recurring cost is licences or subscriptions "
                f"plus the effort to operate what is built or self-hosted. Total cost of ownership over {years:g} "
                "years = one-time + years × recurring. All figures are estimates."),
           table(["Capability", "One-time", "Licences / year", "Operating / year", f"{years:g}-year TCO"], rows,
                 fraction_widths(width, [2.6, 1.5, 1.5, 1.5, 1.6]), bold_first=True)]
    if data.scenarios:
        rows = []
        for r in data.scenarios:
            if r["feasible"]:
                rows.append([r["scenario"], r["end_date"], f"{r['mean_completion']:.1f}", money(r["one_time"], cur),
                             money(r["recurring_per_year"], cur), money(r["tco"], cur)])
            else:
                rows.append([r["scenario"], "infeasible", "", r["diagnosis"][0], "", ""])
        unit = data.roadmap.settings.time_unit
        out += [heading("Scenarios", 2),
                para(f"Mean done: the priority-weighted mean {unit} in which capabilities reach their targets "
                     "(what the sequencing minimises)."),
                table(["Scenario", "Ends", f"Mean done ({unit})", "One-time", "Recurring / year", "TCO"], rows,
                      fraction_widths(width, [2.4, 1.3, 1.2, 1.5, 1.5, 1.5]), bold_first=True)]
    return out


# -- risks, appendix, sources ---------------------------------------------------------------

def risks_section(data: ReportData, width: float, toc, st) -> list:
    out = [PageBreak(), heading("Risks and assumptions")]
    roadmap = data.roadmap
    if roadmap is not None:
        low = [i for i in roadmap.items if i.confidence == "low"]
        out += [heading("Low-confidence estimates", 2),
                para(f"{len(low)} of {len(roadmap.items)} steps rest on low-confidence estimates: "
                     + (", ".join(i.name for i in low) if low else "none") + ".")]
        used = {(p, i.id) for i in roadmap.items for p in i.predecessors}
        inferred = [d for d in data.catalog.dependencies if d.inferred and
                    (StepId.of(d.needs, d.needs_level), StepId.of(d.capability, d.level)) in used]
        out.append(heading("Inferred dependencies", 2))
        if inferred:
            names = {c.id: c.name for c in data.catalog.capabilities}
            rows = [[f"{names[d.capability]} {d.level}", f"{names[d.needs]} {d.needs_level}", d.reason] for d in inferred]
            out += [para("These sequencing constraints are the catalog's reasoning, not a framework's statement:"),
                    table(["Step", "Waits for", "Reason"], rows, fraction_widths(width, [2, 2, 5]))]
        else:
            out.append(para("The roadmap relies on no inferred dependency."))
    out.append(heading("Disagreements between participants", 2))
    flagged = {cap: c_ for cap, c_ in data.scores.consensus.items() if c_.disagreement}
    if flagged:
        votes = data.state.assessment(data.scores.assessment).votes
        rows = [[data.catalog.capability(cap).name, f"{c_.median:g}", str(c_.spread),
                 ", ".join(f"{v.participant}: {v.level}" for v in votes.get(cap, ()))] for cap, c_ in flagged.items()]
        out.append(table(["Capability", "Median", "Spread", "Votes"], rows, fraction_widths(width, [2.2, 1, 1, 5])))
    else:
        out.append(para("No capability has votes two or more levels apart."))
    if data.catalog.risks:
        out += [heading("Model risks", 2),
                table(["Risk", "What it means"], [[r.name, r.description] for r in data.catalog.risks],
                      fraction_widths(width, [2, 6]), bold_first=True)]
    if roadmap is not None:
        s = roadmap.settings
        roles = {r.id: r.name for r in data.catalog.roles}
        out += [heading("Assumptions", 2), para(
            f"Periods are {s.time_unit}s from {s.start_date.isoformat()}. Capacity for roadmap work: "
            + ", ".join(f"{roles.get(r, r)} {v.words('FTE')}" for r, v in s.capacity.items())
            + ". Rates per person-week: " + ", ".join(f"{roles.get(r, r)} {money(v, roadmap.currency)}"
                                                      for r, v in s.rates.weekly_cost.items())
            + ". Estimates come from the catalog unless the plan overrides them.")]
    return out


def appendix(data: ReportData, width: float, toc, st) -> list:
    out = [PageBreak(), heading("Appendix: capabilities")]
    assessment = data.state.assessment(data.scores.assessment)
    scale = data.catalog.scale
    for cap in data.catalog.capabilities:
        now, target = data.scores.current[cap.id], data.scores.target(cap.id)
        rows = []
        for lv in cap.levels:
            mark = ("now" if lv.level == now else "") + (" target" if target is not None and lv.level == target
                                                          and target != now else "")
            rows.append([f"{lv.level} {scale.name(lv.level)}", lv.descriptor, mark.strip()])
        entry = assessment.entries.get(cap.id)
        block = [heading(cap.name, 2, in_contents=False), para(cap.summary),
                 para(f"Now: {_level(data, now)} · Target: {_level(data, target)}"
                      + (f" · Not applicable: {entry.na_reason}" if entry and entry.not_applicable else ""), "muted"),
                 table(["Level", "What it looks like", ""], rows, fraction_widths(width, [1.5, 6.5, 0.9]))]
        notes = distinct(entry.evidence) if entry else ()  # a note kept again later is said once
        if notes:
            block.append(para("Evidence: " + " | ".join(
                n.note + (f" ({n.link})" if n.link else "") for n in notes[-4:]), "small"))
        options = data.catalog.options_for(cap.id)
        if options:
            block.append(para("Options: " + "; ".join(
                f"{o.name} ({o.licence}, {'/'.join(o.hosting)}, {o.status})" for o in options), "small"))
        out += [CondPageBreak(200), *block, gap(3)]
    return out


def sources(data: ReportData, width: float, toc, st) -> list:
    info = data.catalog.info
    rows = [[s.id, s.title + (f" ({s.url})" if s.url else "")] for s in data.catalog.sources]
    return [PageBreak(), heading("Sources"),
            para(f"{info.title} {info.version}; its facts (tools, licences, statuses) are as of "
                 f"{info.facts_as_of.isoformat()}. Effort and cost figures are estimates with a stated basis and "
                 "confidence, not facts."),
            table(["Tag", "Source"], rows, fraction_widths(width, [1, 8]), bold_first=True)]


SECTIONS = (executive_summary, contents, workshop_results, maturity, gap_analysis, roadmap_section, progress_section,
            capacity_section,
            decisions_section, cost_section, risks_section, appendix, sources)

__all__ = ["SECTIONS", "cover", "text"]
