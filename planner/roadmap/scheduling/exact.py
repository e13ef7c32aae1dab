"""The optional exact solver: the same Problem as a CP-SAT model (OR-Tools).

One interval per activity; precedences, releases and pins as linear constraints; one
cumulative constraint per resource. Amounts may be fractional (0.75 FTE), so demands and
capacities are scaled by SCALE, demands rounded up and capacities down: a schedule found
here is never over capacity. A capacity that changes over time becomes its maximum, minus
fixed dummy intervals that take away the difference, period by period (merged into runs).

OR-Tools is imported only inside the functions, so this module imports without it;
`available()` says whether it is installed.
"""

from __future__ import annotations

import math
from typing import Callable, Mapping

from .model import Id, InfeasibleProblem, Problem, Reason, Schedule

SCALE = 1000  # fractional demands, capacities and weights are counted in thousandths


def available() -> bool:
    """Whether OR-Tools (CP-SAT) can be imported."""
    try:
        from ortools.sat.python import cp_model  # noqa: F401
    except ImportError:
        return False
    return True


def default_horizon(problem: Problem) -> int:
    """A period by which some optimal schedule (if any) has finished everything."""
    acts = problem.activities
    return (sum(a.duration for a in acts) + max((a.release for a in acts), default=0)
            + max((a.fixed_start or 0 for a in acts), default=0)
            + max((c.given for c in problem.capacities.values()), default=0))


def solve_exact(problem: Problem, time_limit: float = 10.0, hint: Mapping[Id, int] | None = None,
                horizon: int | None = None, workers: int = 1, work: float = 2.0,
                stop: Callable[[], bool] | None = None) -> Schedule:
    """Solve `problem` with CP-SAT for `work` units of its deterministic time, starting
    from `hint` (id -> start) if given. With one worker (the default) CP-SAT is
    deterministic, so the result is the same on every machine; `time_limit` (seconds)
    is only a guard, and the schedule has `cut` set when it ended the search. `stop()`
    is polled while it runs and ends the search. Raises InfeasibleProblem if CP-SAT
    proves there is no schedule within the horizon, TimeoutError if it finds none."""
    from ortools.sat.python import cp_model

    acts = problem.activities
    horizon = default_horizon(problem) if horizon is None else horizon
    ids = {a.id for a in acts}
    reasons = [Reason("unknown_successor", a.id, s) for a in acts for s in a.successors if s not in ids]
    reasons += [Reason("unknown_resource", a.id, resource=r) for a in acts for r in a.demands
                if r not in problem.capacities]
    if reasons:
        raise InfeasibleProblem(reasons)

    model = cp_model.CpModel()
    start, end, interval = {}, {}, {}
    for a in acts:
        start[a.id] = model.new_int_var(0, max(0, horizon - a.duration), f"start {a.id}")
        end[a.id] = start[a.id] + a.duration
        interval[a.id] = model.new_fixed_size_interval_var(start[a.id], a.duration, f"run {a.id}")
        model.add(start[a.id] >= a.release)
        if a.fixed_start is not None:
            model.add(start[a.id] == a.fixed_start)
    for a in acts:
        for s in a.successors:
            model.add(end[a.id] <= start[s])
    for resource in problem.capacities:
        _add_resource(model, problem, resource, interval, horizon)

    makespan = model.new_int_var(0, max(0, horizon), "makespan")
    for a in acts:
        model.add(makespan >= end[a.id])
    weighted = problem.objective == "weighted"
    big = horizon + 1  # above any makespan, so the weighted sum always comes first
    if weighted:
        scaled = {a.id: round(a.weight * SCALE) for a in acts}
        model.minimize(sum(scaled[a.id] * end[a.id] for a in acts) * big + makespan)
    else:
        model.minimize(makespan)
    for key, value in (hint or {}).items():
        if key in start:
            model.add_hint(start[key], int(value))

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = float(time_limit)
    solver.parameters.max_deterministic_time = float(work)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = 0
    status = _solve(solver, model, stop)
    if status == cp_model.INFEASIBLE:
        raise InfeasibleProblem([Reason("exact_infeasible")])
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        if status == cp_model.MODEL_INVALID:
            raise ValueError(f"invalid CP-SAT model: {model.validate()}")
        raise TimeoutError(f"the exact solver found no schedule within {time_limit:g} s")
    # Ended by the clock rather than by its deterministic work or a proof.
    cut = status != cp_model.OPTIMAL and solver.deterministic_time < work * 0.999

    starts = {a.id: solver.value(start[a.id]) for a in acts}
    span = max((starts[a.id] + a.duration for a in acts), default=0)
    bound = solver.best_objective_bound
    if weighted:
        value = sum(a.weight * (starts[a.id] + a.duration) for a in acts)
        # The weighted sum in thousandths is at least floor(bound / big); weights with more
        # than three decimals were rounded, which can shift the sum by this much at most.
        rounding = sum(abs(a.weight - scaled[a.id] / SCALE) for a in acts) * horizon
        lower = math.floor(bound / big + 1e-9) / SCALE - rounding
        optimal = status == cp_model.OPTIMAL and rounding < 1e-9
    else:
        value = float(span)
        lower = float(math.ceil(bound - 1e-9))
        optimal = status == cp_model.OPTIMAL
    return Schedule(starts, span, value, min(lower, value), optimal, "cp-sat", 0, cut=cut and not _stopped(stop))


def _stopped(stop) -> bool:
    return stop is not None and stop()


def _solve(solver, model, stop) -> int:
    """`solver.solve(model)`, ended early when `stop()` says so: a watcher thread polls
    it every 20 ms while CP-SAT runs."""
    if stop is None:
        return solver.solve(model)
    import threading

    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.02):
            if stop():
                solver.stop_search()
                return

    watcher = threading.Thread(target=watch, daemon=True, name="cp-sat-cancel")
    watcher.start()
    try:
        return solver.solve(model)
    finally:
        done.set()
        watcher.join()


def _add_resource(model, problem: Problem, resource: str, interval: dict, horizon: int) -> None:
    """One cumulative constraint: the activities that use `resource`, and dummy intervals
    that bring its maximum capacity down to the capacity of each period."""
    caps = [max(0, math.floor(round(v * SCALE, 6))) for v in problem.capacities[resource].first(horizon)]
    top = max(caps, default=0)
    intervals, demands = [], []
    for a in problem.activities:
        need = math.ceil(round(a.demands.get(resource, 0) * SCALE, 6))
        if need > 0 and a.duration > 0:
            intervals.append(interval[a.id])
            demands.append(need)
    if not intervals:
        return
    t = 0
    while t < horizon:  # one fixed interval per run of periods with the same reduction
        run = t
        while run < horizon and caps[run] == caps[t]:
            run += 1
        if caps[t] < top:
            intervals.append(model.new_fixed_size_interval_var(t, run - t, f"{resource} down at {t}"))
            demands.append(top - caps[t])
        t = run
    model.add_cumulative(intervals, demands, top)
