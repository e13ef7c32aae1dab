"""`plan_roadmap(catalog, state)`: a pure function from a plan to its roadmap.

Steps: targets (from the assessment) -> work items -> a build/adopt/buy decision per
capability -> durations, demands and costs per item -> checks that name impossible
constraints -> the schedule -> explanations, milestones and the critical path.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Callable, Mapping

from .. import words
from ..assessment.assess import Scores, assess
from ..assessment.model import PlanState
from ..catalog.model import Catalog, Estimate
from ..limits import LIMITS, amount_problem
from . import options as opts
from . import progress
from .diagnose import MAX_YEARS, check_pins, precheck, translate
from .explain import critical_path, explain, milestones
from .items import Item, StepId, work_items
from .model import Decision, InfeasiblePlan, Roadmap, WorkItem
from .scheduling import Activity, InfeasibleProblem, Mode, Problem, heuristic, solve
from .settings import BUDGET, Settings, SettingsError, read_settings

DEFAULT_PRIORITY = 3
DEADLINE_WEIGHT = 20.0  # weight of a milestone's date, when it has a deadline, in the objective


@dataclass(frozen=True)
class Sized:
    """An item with the numbers the scheduler needs."""

    item: Item
    approach: str
    option: str | None
    duration: int
    demand: dict[str, float]  # role -> FTE
    cost: float
    licence_per_year: float
    operating_per_year: float
    confidence: str
    stretched_by: str = ""  # the role or budget that made it longer than its lead time
    team_bound: str = ""  # the role whose team cap made it longer than its lead time
    lead: int = 0  # its lead time in periods
    shortest: int = 0  # its duration with the largest team (set when the scheduler chose a smaller one)


def inputs(state: PlanState, scenario: str | None) -> tuple[dict, dict, dict]:
    """Settings, decisions and pins, with a scenario's variations laid over the plan's."""
    settings, decisions, pins = dict(state.settings), dict(state.decisions), dict(state.pins)
    if scenario is not None:
        if scenario not in state.scenarios:
            names = ", ".join(state.scenarios) or "none"
            raise InfeasiblePlan([f"there is no scenario named '{scenario}' (scenarios: {names})"])
        variant = state.scenarios[scenario]
        settings.update(variant.get("settings", {}))
        decisions.update({k: tuple(v) if isinstance(v, list) else v for k, v in variant.get("decisions", {}).items()})
        pins.update(variant.get("pins", {}))
    return settings, decisions, pins


def _check_decisions(catalog: Catalog, decisions: dict) -> None:
    """Decisions that no longer make sense (a scenario saved by hand, a changed catalog)."""
    problems = []
    options = {o.id: o for o in catalog.options}
    capabilities = {c.id for c in catalog.capabilities}
    for cap_id, choice in decisions.items():
        if not (isinstance(choice, tuple) and len(choice) == 2):
            problems.append(f"the decision for '{cap_id}' must be an approach and an option, not {choice!r}")
            continue
        approach, option = choice
        if cap_id not in capabilities:
            problems.append(f"a decision names the unknown capability '{cap_id}'")
        elif approach not in ("build", "adopt", "buy"):
            problems.append(f"the decision for '{cap_id}' has the unknown approach {approach!r}")
        elif option is not None and (option not in options or cap_id not in options[option].covers
                                     or options[option].approach != approach):
            problems.append(f"the decision for '{cap_id}' names {option!r}, which is not an option to {approach} "
                            f"for it in this catalog; choose again with 'plan choose'")
    if problems:
        raise InfeasiblePlan(problems)


def plan_roadmap(catalog: Catalog, state: PlanState, scenario: str | None = None, *, improve: bool = True,
                 exact: bool = False, today: date | None = None, stop: Callable[[], bool] | None = None,
                 guard: float | None = None, scores: Scores | None = None) -> Roadmap:
    """The roadmap of the plan (or of one of its scenarios). `improve` runs the
    improvement stage after the instant heuristic, bounded by the settings' counted work
    (`improve_schedules`, `improve_nodes`), so the roadmap is the same on every machine;
    their `time_limit` is only a guard (`guard`, when given, replaces it), and a roadmap
    it cut has `cut` set. `stop`,
    polled during that stage, cuts it short (the result is still a valid roadmap, just
    less improved)."""
    raw_settings, chosen, pins = inputs(state, scenario)
    _check_decisions(catalog, chosen)
    try:
        settings = read_settings(catalog, raw_settings, today)
    except SettingsError as exc:
        raise InfeasiblePlan([f"roadmap setting: {exc}"]) from None
    scores = assess(catalog, state) if scores is None else scores  # the caller's, when it has them
    items = work_items(catalog, scores.current, scores.targets.levels)
    dropped_ids = {item for item, record in state.progress.items() if record.status == "dropped"}
    items, excluded = _drop_excluded(items, {**pins, **dict.fromkeys(dropped_ids)})
    dropped = tuple(item for item in excluded if item in dropped_ids)
    excluded = [item for item in excluded if item not in dropped_ids]
    overrides = _overrides(catalog, state.estimate_overrides)
    _check_estimates(catalog, items, overrides)
    decisions, recommended = _decide(catalog, items, scores.current, chosen, settings, overrides)
    try:
        sized = [_size(catalog, item, decisions[item.capability], settings, overrides) for item in items]
    except opts.MissingEstimate as exc:  # a chosen approach the catalog has no estimate for
        raise InfeasiblePlan([f"{exc}: choose another approach, or add the estimate to the catalog"]) from None
    sized = precheck(catalog, sized, settings)
    history = progress.frame(state.progress, settings, {s.item.id: s.duration for s in sized}, today)
    sized = [_as_recorded(s, history) for s in sized]
    pins = {item_id: period for item_id, period in pins.items() if period is not None}
    check_pins(catalog, [s for s in sized if history is None or not history.history(s.item.id)], pins, settings)
    weights = _weights(sized, state.priorities)
    problem = _problem(sized, settings, pins, weights, _deadline_markers(catalog, sized, state.deadlines), history)
    try:
        schedule = (solve(problem, guard or settings.time_limit, settings.improve_schedules, exact=exact, stop=stop,
                          nodes=settings.improve_nodes)
                    if improve else heuristic(problem))
    except InfeasibleProblem as exc:
        raise InfeasiblePlan(translate(catalog, exc.reasons, settings)) from None
    longest = int(MAX_YEARS * 52 / settings.weeks_per_period)
    if schedule.makespan > longest:
        raise InfeasiblePlan([
            f"the roadmap would take {words.periods(schedule.makespan, settings.time_unit)}, over {MAX_YEARS} years: "
            "raise capacity or the budget per period, or lower some targets"])
    starts = schedule.starts
    sized = [_in_mode(s, schedule.durations.get(s.item.id)) for s in sized]
    shown = {s.item.id: history.started.get(s.item.id, starts[s.item.id]) if history else starts[s.item.id]
             for s in sized}  # a started step is shown from the period it started
    status = {s.item.id: history.status(s.item.id) if history else "" for s in sized}
    base = progress.baseline_periods(state.baseline, settings)
    usage, spend = _usage(sized, starts, settings, schedule.makespan)
    path = critical_path(sized, starts, settings)
    why = explain(catalog, sized, starts, pins, settings, usage, spend, history.status_period if history else 0)
    work = tuple(
        WorkItem(
            id=s.item.id, capability=s.item.capability,
            name=f"{catalog.capability(s.item.capability).name} {s.item.id.words()}",
            dimension=catalog.capability(s.item.capability).dimension,
            from_level=s.item.from_level, to_level=s.item.to_level, approach=s.approach, option=s.option,
            start=shown[s.item.id], finish=starts[s.item.id] + s.duration, demand=s.demand, cost=s.cost,
            licence_per_year=s.licence_per_year, operating_per_year=s.operating_per_year,
            confidence=s.confidence, predecessors=s.item.predecessors,
            why=progress.status_words(s.item.id, history, settings)
            + (() if status[s.item.id] == "done" else tuple(why[s.item.id])),
            pinned=pins.get(s.item.id) is not None, critical=s.item.id in path,
            priority=state.priorities.get(s.item.capability, DEFAULT_PRIORITY),
            status=status[s.item.id], baseline=base.get(s.item.id),
            start_date=words.first_day(settings, shown[s.item.id]),
            end_date=words.last_day(settings, words.last_period(starts[s.item.id] + s.duration)))
        for s in sized)
    work = tuple(sorted(work, key=lambda w: (w.start, w.finish, w.id)))
    stones = milestones(catalog, scores.current, {w.id: w.finish for w in work}, state.deadlines, settings)
    totals = opts.Tco(sum(w.cost for w in work), sum(w.licence_per_year for w in work),
                      sum(w.operating_per_year for w in work), settings.horizon_years)
    warnings = [f"milestone {words.framework_level(m.framework_name, m.level)} ({m.level_name}) misses its deadline "
                f"({words.period_label(settings, m.deadline)}, {words.quarter(settings, m.deadline)})"
                for m in stones if m.late]
    stretched = [s for s in sized if s.stretched_by]
    if stretched:
        causes = sorted({s.stretched_by for s in stretched})
        warnings.append(f"{len(stretched)} item(s) take longer than their lead time because {' and '.join(causes)} "
                        "cannot supply them faster; add capacity or budget to shorten the roadmap")
    for d in decisions.values():
        against = dict(d.excluded).get(d.option) if d.chosen_by == "you" and d.option else None
        if against:
            warnings.append(f"your choice of {catalog.option(d.option).name} for "
                            f"{catalog.capability(d.capability).name} goes against your preferences: {against}")
    gaps = {cap: (scores.current[cap], scores.targets.levels[cap]) for cap in decisions}
    return Roadmap(
        settings=settings, currency=catalog.info.currency, items=work,
        decisions=tuple(decisions[cap] for cap in sorted(decisions)), milestones=stones,
        critical_path=path, makespan=schedule.makespan, objective=schedule.objective,
        lower_bound=schedule.lower_bound, makespan_bound=schedule.makespan_bound, optimal=schedule.optimal,
        method=schedule.method, cut=schedule.cut, improved=improve, schedules=schedule.schedules_evaluated,
        nodes=schedule.nodes,
        totals=totals, usage=usage, spend=spend, warnings=tuple(warnings), excluded_items=tuple(excluded),
        scenario=scenario, status_date=history.status_date if history else None,
        status_period=history.status_period if history else 0, dropped_items=dropped,
        baseline_taken=state.baseline_taken if state.baseline else "",
        bundles=tuple(opts.bundles(catalog, gaps, settings.preferences, settings.rates, overrides,
                                   {cap: tco for cap, (levels, tco) in recommended.items() if gaps[cap] == levels})),
    )


def _check_estimates(catalog: Catalog, items: list[Item], overrides) -> None:
    """Building in-house is always a candidate, so every step needs a build estimate."""
    missing = [i for i in items if (i.capability, i.to_level, "build") not in overrides
               and catalog.estimate(i.capability, i.to_level, "build") is None]
    if missing:
        raise InfeasiblePlan([
            f"the catalog has no build estimate for {catalog.capability(i.capability).name} "
            f"{i.id.words()}: add an [[estimate]] with capability = \"{i.capability}\", "
            f"to_level = {i.to_level}, approach = \"build\" to the catalog" for i in missing])


def _drop_excluded(items: list[Item], pins: Mapping[str, int | None]) -> tuple[list[Item], list[str]]:
    """Items the user excluded, and everything that needs them, leave the roadmap."""
    gone = {item_id for item_id, period in pins.items() if period is None}
    changed = True
    while changed:  # items are in catalog order, not dependency order: repeat until stable
        changed = False
        for item in items:
            if item.id not in gone and any(p in gone for p in item.predecessors):
                gone.add(item.id)
                changed = True
    return [i for i in items if i.id not in gone], [i.id for i in items if i.id in gone]


def _overrides(catalog: Catalog, raw: Mapping[tuple[str, int, str], Mapping[str, Any]]) -> dict:
    out, problems = {}, []
    for key, fields in raw.items():
        base = catalog.estimate(*key)
        if base is None:
            continue
        label = f"the estimate override for {key[0]} to level {key[1]} ({key[2]})"
        for name in ("licence_per_year", "operating_weeks_per_year", "lead_time_weeks"):
            if name in fields and (problem := amount_problem(fields[name], LIMITS[name])):
                problems.append(f"{label}: {name} {problem}; give {LIMITS[name].hint}")
        effort = fields.get("effort", {})
        for role, weeks in (effort.items() if isinstance(effort, Mapping) else [("?", effort)]):
            if problem := amount_problem(weeks, LIMITS["effort"]):
                problems.append(f"{label}: effort of '{role}' {problem}; give {LIMITS['effort'].hint}")
        out[key] = replace(base, **{k: v for k, v in fields.items() if k in Estimate.__dataclass_fields__})
    if problems:
        raise InfeasiblePlan(problems)
    return out


def _decide(catalog: Catalog, items: list[Item], current, chosen, settings: Settings, overrides
            ) -> tuple[dict[str, Decision], dict[str, tuple[tuple[int, int], opts.Tco]]]:
    """A decision per capability with steps, and the recommendation's TCO for its levels
    (the platform bundles compare against it)."""
    decisions: dict[str, Decision] = {}
    recommended: dict[str, tuple[tuple[int, int], opts.Tco]] = {}
    steps: dict[str, list[Item]] = {}
    for item in items:
        steps.setdefault(item.capability, []).append(item)
    for cap_id, own in steps.items():
        low, high = own[0].from_level, own[-1].to_level
        best, ranked = opts.recommend(catalog, cap_id, low, high, settings.preferences, settings.rates, overrides)
        recommended[cap_id] = ((low, high), best.tco)
        alternatives = tuple((c.approach, c.option_id, c.tco.total, c.rationale) for c in ranked)
        excluded = tuple((o.id, why) for o, why in opts.excluded(catalog, cap_id, settings.preferences))
        if cap_id in chosen:
            approach, option = chosen[cap_id]
            match = next((c for c in [best, *ranked] if c.approach == approach and c.option_id == option), None)
            cost = match.tco.total if match else opts.tco(catalog, cap_id, low, high, approach, settings.rates,
                                                         overrides).total
            against = dict(excluded).get(option) if option else None
            note = f" Note: your preferences rule it out ({against})." if against else ""
            decisions[cap_id] = Decision(cap_id, approach, option, "Chosen by you." + note
                                         + " The engine recommends: " + best.rationale, "you", cost,
                                         alternatives, excluded)
        else:
            decisions[cap_id] = Decision(cap_id, best.approach, best.option_id, best.rationale, "engine",
                                         best.tco.total, alternatives, excluded)
    return decisions, recommended


def _size(catalog: Catalog, item: Item, decision: Decision, settings: Settings, overrides) -> Sized:
    approach = decision.approach
    if decision.option is not None:
        covers = catalog.option(decision.option).covers.get(item.capability, 0)
        if item.to_level > covers:
            approach = "build"  # the option stops below this level
    estimate = opts.step_estimate(catalog, item.capability, item.to_level, approach, overrides)
    wpp = settings.weeks_per_period
    lead = max(1, math.ceil(estimate.lead_time_weeks / wpp - 1e-9))
    # Effort-driven: no more of a role than its team cap works on the step at once, so
    # the work takes at least effort / (cap x weeks per period) periods.
    duration, team_bound = lead, ""
    for role, weeks in sorted(estimate.effort.items()):
        cap = settings.team_cap.get(role)
        if cap and weeks > 0:
            needed = math.ceil(weeks / (cap * wpp) - 1e-9)
            if needed > duration:
                duration, team_bound = needed, role
    demand = {role: weeks / (duration * wpp) for role, weeks in estimate.effort.items() if weeks > 0}
    cost = opts.step_tco(estimate, settings.rates)
    option = decision.option if approach == decision.approach else None
    return Sized(item, approach, option, duration, demand, cost.one_time, cost.licence_per_year,
                 cost.operating_per_year, estimate.confidence, team_bound=team_bound, lead=lead)


def _weights(sized: list[Sized], priorities) -> dict[str, float]:
    """The objective weighs the finish of each capability's last step by its business
    priority (1-5, default 3)."""
    last: dict[str, str] = {}
    for s in sized:
        last[s.item.capability] = s.item.id
    return {item_id: float(priorities.get(cap, DEFAULT_PRIORITY)) for cap, item_id in last.items()}


def _deadline_markers(catalog: Catalog, sized: list[Sized], deadlines) -> dict[str, list[str]]:
    """For each milestone with a deadline, a zero-length marker activity that follows
    the steps the milestone needs: its finish is the milestone's date, and the objective
    weighs it by DEADLINE_WEIGHT."""
    ids = {s.item.id for s in sized}
    markers: dict[str, list[str]] = {}
    frameworks = {f.id: f for f in catalog.frameworks}
    for fw_id, level in sorted(deadlines):
        if fw_id not in frameworks:
            continue
        needed = [StepId.of(cap, lvl) for cap, lvl in frameworks[fw_id].cumulative_requirements(level).items()]
        markers[f"milestone {fw_id} {level}"] = [i for i in needed if i in ids]
    return markers


def _problem(sized: list[Sized], settings: Settings, pins, weights, markers: dict[str, list[str]],
             history: progress.Frame | None = None) -> Problem:
    successors: dict[str, list[str]] = {s.item.id: [] for s in sized}
    for s in sized:
        if history is not None and history.history(s.item.id):
            continue  # it has begun: what it needed no longer binds it
        for p in s.item.predecessors:
            successors[p].append(s.item.id)
    for marker, needs in markers.items():
        for item_id in needs:
            successors[item_id].append(marker)
    capacities: dict[str, Any] = dict(settings.capacity)  # Profiles
    if settings.budget_per_period is not None:
        capacities[BUDGET] = settings.budget_per_period
    activities = []
    for s in sized:
        demands = dict(s.demand)
        if settings.budget_per_period is not None and s.cost > 0:
            demands[BUDGET] = s.cost / s.duration
        item_id = s.item.id
        fixed, release, modes = pins.get(item_id), 0, _modes(s, settings)
        if history is not None:
            release = history.status_period
            if item_id in history.done:  # history: in place, using nothing; a pin no longer applies
                demands, modes, release, fixed = {}, (), 0, history.done[item_id][0]
            elif item_id in history.started:  # what is left, from the status period; nor here
                modes, fixed = (), None
        activities.append(Activity(item_id, s.duration, demands, tuple(successors[item_id]), release=release,
                                   fixed_start=fixed, weight=weights.get(item_id, 0.0), modes=modes))
    activities += [Activity(marker, 0, weight=DEADLINE_WEIGHT) for marker in markers]
    return Problem(tuple(activities), capacities, objective="weighted")


SMALLER_TEAMS = 1  # modes per step besides the largest team: one period longer
BULKY = 0.5  # steps that take at least this share of some role's (or the budget's) capacity get modes


def _share(s: Sized, settings: Settings) -> list[float]:
    """The step's demand as a share of each capacity it uses, at its largest team."""
    shares = []
    for role, fte in s.demand.items():
        peak = settings.capacity[role].peak if role in settings.capacity else 0.0
        shares.append(fte / peak if peak > 0 else 1.0)
    if settings.budget_per_period is not None and s.cost > 0:
        peak = settings.budget_per_period.peak
        shares.append(s.cost / s.duration / peak if peak > 0 else 1.0)
    return shares


def _modes(s: Sized, settings: Settings) -> tuple[Mode, ...]:
    """The same work by a smaller team over more periods: the scheduler may choose one
    when it fits the capacity (or the budget) better."""
    if not s.demand or max(_share(s, settings)) < BULKY:
        return ()  # a small step fits anyway: a smaller team would only make it longer
    out = []
    for extra in range(1, SMALLER_TEAMS + 1):
        longer = s.duration + extra
        demands = {role: fte * s.duration / longer for role, fte in s.demand.items()}
        if settings.budget_per_period is not None and s.cost > 0:
            demands[BUDGET] = s.cost / longer
        out.append(Mode(longer, demands))
    return tuple(out)


def _as_recorded(s: Sized, history: progress.Frame | None) -> Sized:
    """A step as its progress leaves it: a step done runs as long as it took; of a
    step started, what is left is planned."""
    if history is None:
        return s
    if s.item.id in history.done:
        start, finish = history.done[s.item.id]
        return replace(s, duration=finish - start)
    if s.item.id in history.started:
        return replace(s, duration=progress.left(s.duration, history.started[s.item.id], history.status_period))
    return s


def _in_mode(s: Sized, duration: int | None) -> Sized:
    """The step as scheduled: with a smaller team over `duration` periods, if chosen."""
    if duration is None or duration == s.duration:
        return s
    return replace(s, duration=duration, shortest=s.duration,
                   demand={role: fte * s.duration / duration for role, fte in s.demand.items()})


def _usage(sized: list[Sized], starts, settings: Settings, makespan: int):
    usage = {role: [0.0] * makespan for role in settings.capacity}
    spend = [0.0] * makespan
    for s in sized:
        start = starts[s.item.id]
        for t in range(start, start + s.duration):
            for role, fte in s.demand.items():
                usage[role][t] += fte
            spend[t] += s.cost / s.duration
    return {role: tuple(round(v, 6) for v in values) for role, values in usage.items()}, tuple(spend)
