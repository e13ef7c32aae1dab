"""The exact stage of the default install: the Problem as a time-indexed mixed-integer
programme, solved by HiGHS (highspy).

One binary per activity and possible start period; precedences in their disaggregated
(strong) form; one row per resource and period. Its linear relaxation gives lower bounds
far above the critical-path bound, so a gap reported without a proof still means
something. A resource row whose amounts are all whole multiples of some unit (FTE in
person-weeks per period, money in its smallest step) is written in those units with its
capacity rounded down: the same integer points, and a stronger relaxation.

Weighted problems minimise the weighted sum of finish times (integral when the weights
are, which lets the solver close the gap by rounding its bound up); the makespan, its
tie-break, is left to forward-backward justification of the MIP's schedule (a second MIP
with the sum fixed took half as long again as the proof of the demo). The horizon is kept short; an activity may also finish "beyond" it at a cost of its weight
times the first period after the horizon, which keeps the model a relaxation of the
unbounded problem: a solution that uses no "beyond" is optimal outright, and the bound is
valid either way.

Every run is bounded by a number of branch-and-bound nodes, and HiGHS runs on one
thread with a fixed seed, so the result is the same on every machine. Its time limit is
only the solve's guard.

highspy is imported only inside the functions; `available()` says whether it is installed.
"""

from __future__ import annotations

import math
from typing import Callable, Mapping

from . import core
from .model import Id, Problem, Schedule

EPS = 1e-6
STRONG_PRECEDENCE_COLUMNS = 1500
HORIZON_ROUNDS = 3  # times a weighted model may look further when its relaxation wants later finishes


def available() -> bool:
    try:
        import highspy  # noqa: F401
    except ImportError:
        return False
    return True


class _Model:
    """The time-indexed model over periods 0..horizon-1 (plus "beyond" when weighted)."""

    def __init__(self, c: core.Compiled, horizon: int):
        import highspy
        import numpy as np

        self.hs, self.np, self.c, self.horizon = highspy, np, c, horizon
        self.h = h = _quiet_highs(highspy)
        h.setOptionValue("output_flag", False)
        h.setOptionValue("threads", 1)
        h.setOptionValue("random_seed", 0)
        h.setOptionValue("mip_rel_gap", 0.0)
        h.setOptionValue("mip_abs_gap", 1e-6)
        # Measured on the demo and J30: presolve costs more than it brings on these small,
        # tight models, and so do the primal heuristics on roadmaps (the search supplies
        # the incumbent); on makespan problems they find shorter schedules.
        h.setOptionValue("presolve", "off")
        h.setOptionValue("mip_heuristic_effort", 0.0 if c.weighted else 0.05)
        # Feasibility jump runs before the root and ignores the time limit: 0.3 s past it
        # on J30's hard instances, where it found nothing the search had not. On the demo
        # roadmap it shortens the proof, so weighted models keep it. RINS and RENS, the
        # sub-MIPs at the root, took a third of the demo's proof and found nothing the
        # branching did not.
        h.setOptionValue("mip_heuristic_run_feasibility_jump", c.weighted)
        h.setOptionValue("mip_heuristic_run_rins", not c.weighted)
        h.setOptionValue("mip_heuristic_run_rens", not c.weighted)
        h.setOptionValue("mip_pscost_minreliable", 0)  # less strong branching: about a third faster
        h.setOptionValue("mip_detect_symmetry", False)
        # A small cut pool, aged out soon: the root's cut rounds are most of a small
        # model's time (demo proof 0.33 s against 0.61 s with a pool of 1,000).
        h.setOptionValue("mip_lp_age_limit", 5)
        h.setOptionValue("mip_pool_soft_limit", 300)
        n = len(c.dur)
        base = core.shortest(c)  # windows from the shortest modes hold for every mode
        ef = core.earliest_finish(c, base)
        lf = core.latest_finish(c, horizon, base)
        # One column per activity, mode and start period: `starts[j]` lists (mode, start).
        self.starts: list[list[tuple[int, int]]] = []
        self.col: dict[tuple[int, int, int], int] = {}
        cost: list[float] = []
        for j in range(n):
            window = []
            for k, (d, _) in enumerate(c.modes[j]):
                if c.fixed[j] is not None:
                    window += [(k, c.fixed[j])] if c.fixed[j] + d <= horizon else []
                else:
                    window += [(k, t) for t in range(max(ef[j] - base[j], c.release[j]), lf[j] - d + 1)]
            self.starts.append(sorted(window, key=lambda kt: (kt[1], kt[0])))
            for k, t in self.starts[j]:
                self.col[j, k, t] = len(cost)
                cost.append(c.weight[j] * (t + c.modes[j][k][0]) if c.weighted else 0.0)
        self.beyond: dict[int, int] = {}
        if c.weighted:  # finishing after the horizon: at least weight x (horizon + 1)
            for j in range(n):
                if c.fixed[j] is None or c.fixed[j] + base[j] > horizon:
                    self.beyond[j] = len(cost)
                    cost.append(c.weight[j] * max(horizon + 1, ef[j]))
        self.makespan = len(cost)
        cost.append(0.0 if c.weighted else 1.0)
        count = len(cost)
        h.addVars(count, np.zeros(count), np.ones(count))
        h.changeColBounds(self.makespan, 0.0, float(horizon))
        h.changeColsIntegrality(count, np.arange(count, dtype=np.int32), np.ones(count, dtype=np.uint8))
        h.changeColsCost(count, np.arange(count, dtype=np.int32), np.array(cost, dtype=float))
        self.cost = cost
        # Precedences in their strong (disaggregated) form cost a row per period; on large
        # models the one-row form builds and solves faster.
        self.aggregated = len(cost) > STRONG_PRECEDENCE_COLUMNS
        self._lower, self._upper, self._index, self._value, self._begin = [], [], [], [], [0]
        self._rows(n)
        if not c.weighted:  # a weighted model leaves the makespan, its tie-break, to the scheduler
            self._span_rows()
        self._flush()

    def _row(self, cols: list[int], vals: list[float], lower: float, upper: float) -> None:
        self._lower.append(lower)
        self._upper.append(upper)
        self._index.extend(cols)
        self._value.extend(vals)
        self._begin.append(len(self._index))

    def _flush(self) -> None:
        """Hand the collected rows to HiGHS in one call."""
        np = self.np
        count = len(self._lower)
        if count:
            self.h.addRows(count, np.array(self._lower), np.array(self._upper), len(self._index),
                           np.array(self._begin[:-1], dtype=np.int32), np.array(self._index, dtype=np.int32),
                           np.array(self._value, dtype=float))
        self._lower, self._upper, self._index, self._value, self._begin = [], [], [], [], [0]

    def _span_rows(self) -> None:
        """The makespan is at least every finish."""
        dur = self.c.modes
        for j, starts in enumerate(self.starts):
            cols = [self.col[j, k, t] for k, t in starts]
            self._row(cols + [self.makespan], [-(t + dur[j][k][0]) for k, t in starts] + [1.0], 0.0, self.hs.kHighsInf)

    def _rows(self, n: int) -> None:
        c, inf = self.c, self.hs.kHighsInf
        dur = [[d for d, _ in modes] for modes in c.modes]
        for j in range(n):  # one mode and start (or beyond)
            cols = [self.col[j, k, t] for k, t in self.starts[j]]
            extra = [self.beyond[j]] if j in self.beyond else []
            self._row(cols + extra, [1.0] * (len(cols) + len(extra)), 1.0, 1.0)
        for j in range(n):
            # j's columns by finish period, for "j finished by t"
            by_finish = sorted((t + dur[j][k], self.col[j, k, t]) for k, t in self.starts[j])
            for s in c.succs[j]:
                if j in self.beyond and s in self.beyond:  # j beyond: s beyond too
                    self._row([self.beyond[j], self.beyond[s]], [1.0, -1.0], -inf, 0.0)
                if self.aggregated:  # start of s >= finish of j, in one row
                    self._row([self.col[s, k, t] for k, t in self.starts[s]] + [col for _, col in by_finish],
                              [float(t) for _, t in self.starts[s]] + [-float(f) for f, _ in by_finish], 0.0, inf)
                    continue
                # s started by t needs j finished by t: prefixes of both, by time
                mine, i = [], 0
                theirs: list[int] = []
                for k, t in self.starts[s]:
                    theirs.append(self.col[s, k, t])
                    while i < len(by_finish) and by_finish[i][0] <= t:
                        mine.append(by_finish[i][1])
                        i += 1
                    self._row(theirs + mine, [1.0] * len(theirs) + [-1.0] * len(mine), -inf, 0.0)
        for r in range(len(c.resources)):
            use: dict[int, tuple[list[int], list[float]]] = {}
            for j in range(n):
                for k, t0 in self.starts[j]:
                    d, demand = c.modes[j][k]
                    amount = next((q for rr, q in demand if rr == r), 0.0)
                    if amount <= 0:
                        continue
                    for t in range(t0, min(t0 + d, self.horizon)):
                        cols, vals = use.setdefault(t, ([], []))
                        cols.append(self.col[j, k, t0])
                        vals.append(amount)
            profile = c.profile[r]
            for t, (cols, vals) in sorted(use.items()):
                cap = profile[t] if t < len(profile) else profile[-1]
                if sum(vals) <= cap + EPS:
                    continue
                whole = _whole_units(vals, cap)
                if whole is not None:
                    self._row(cols, whole[0], -inf, whole[1])
                else:  # scaled to capacity 1: budgets in money and FTE alike
                    scale = 1.0 / cap if cap > EPS else 1.0
                    self._row(cols, [v * scale for v in vals], -inf, cap * scale + EPS)

    def warm_start(self, start: list[int], mode: list[int]) -> None:
        np = self.np
        values = np.zeros(len(self.cost))
        for j, (t, k) in enumerate(zip(start, mode)):
            if (j, k, t) in self.col:
                values[self.col[j, k, t]] = 1.0
            elif j in self.beyond:
                values[self.beyond[j]] = 1.0
            else:
                return  # outside the model: no warm start
        span = max((t + self.c.modes[j][k][0] for j, (t, k) in enumerate(zip(start, mode))), default=0)
        values[self.makespan] = min(self.horizon, span)
        self.h.setSolution(_solution(self.hs, values))

    def run(self, nodes: int, seconds: float, stop: Callable[[], bool] | None
            ) -> tuple[str, tuple[list[int], list[int]] | None, float, int]:
        """(status, (starts, modes) or None when the solution uses "beyond" or none was
        found, the solver's lower bound on the objective, the nodes explored), after at
        most `nodes` nodes; `seconds` is the guard."""
        h = self.h
        h.setOptionValue("mip_max_nodes", max(1, int(nodes)))
        h.setOptionValue("time_limit", max(0.01, float(seconds)))
        if stop is not None:  # the app's cancel reaches HiGHS between nodes and LP iterations
            def interrupt(event) -> None:
                if stop():
                    event.interrupt()

            h.cbMipInterrupt.subscribe(interrupt)
        try:
            h.run()
        finally:
            if stop is not None:
                h.cbMipInterrupt.unsubscribe(interrupt)
        status = h.modelStatusToString(h.getModelStatus())
        info = h.getInfo()
        bound, explored = info.mip_dual_bound, int(info.mip_node_count)
        if info.primal_solution_status != 2:  # no feasible solution
            return status, None, bound, explored
        x = h.getSolution().col_value
        if any(x[col] > 0.5 for col in self.beyond.values()):
            return status, None, bound, explored
        chosen = [next(((k, t) for k, t in self.starts[j] if x[self.col[j, k, t]] > 0.5), None)
                  for j in range(len(self.c.dur))]
        if None in chosen:
            return status, None, bound, explored
        return status, ([t for _, t in chosen], [k for k, _ in chosen]), bound, explored



TIME_LIMIT = "Time limit reached"


def _whole_units(amounts: list[float], capacity: float) -> tuple[list[float], float] | None:
    """`amounts` <= `capacity` in whole units (core.whole_unit, then divided by their
    common factor): the amounts in units and the capacity rounded down to a whole number
    of them. None when there is no such unit."""
    unit = core.whole_unit(amounts)
    if unit is None:
        return None
    whole = [round(value * unit) for value in amounts]
    common = 0
    for value in set(whole):
        common = math.gcd(common, value)
    return [float(value // common) for value in whole], float(math.floor(capacity * unit / common + 1e-6))


_BANNER_SHOWN = False


def _quiet_highs(highspy):
    """A Highs instance. The first one in a process prints a banner on standard output,
    where it would corrupt `roadmap --json`; it goes to /dev/null instead."""
    global _BANNER_SHOWN
    if _BANNER_SHOWN:
        return highspy.Highs()
    import os
    import sys

    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with open(os.devnull, "w") as null:
            os.dup2(null.fileno(), 1)
            highs = highspy.Highs()
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    _BANNER_SHOWN = True
    return highs


def _solution(highspy, values):
    solution = highspy.HighsSolution()
    solution.col_value = list(values)
    solution.value_valid = True
    return solution


def solve_mip(problem: Problem, guard, incumbent: Mapping[Id, int], c: core.Compiled | None = None,
              nodes: int = 1000, stop: Callable[[], bool] | None = None, share: float = 1.0) -> tuple[Schedule, float]:
    """Improve on (or prove) `incumbent` (with the modes `c` has in use) in at most
    `nodes` branch-and-bound nodes per run. `guard` (solve.Guard) is the clock: HiGHS
    is asked to end when `share` of it has passed, and sets its `cut` when it does.
    Returns the better schedule (the incumbent when the MIP found none better, with the
    nodes explored), leaving `c` in its modes, and a lower bound on the objective that
    holds for every schedule."""
    c = core.compile_problem(problem) if c is None else c
    start, mode = [incumbent[key] for key in c.ids], list(c.mode)
    best_value, best_span = core.evaluate(c, start)
    # Weighted: later finishes are "beyond", costed at their least. Makespan: only a
    # shorter schedule is of interest, so the model ends a period earlier; if it has no
    # solution, the incumbent is optimal.
    horizon = best_span if c.weighted else best_span - 1
    found, bound, explored = None, -math.inf, 0
    for _ in range(HORIZON_ROUNDS):
        model = _Model(c, horizon)
        model.warm_start(start, mode)
        status, found, model_bound, used = model.run(nodes, guard.left(share), stop)
        explored += used
        if status == TIME_LIMIT:
            guard.cut = True
        if status == "Infeasible" and not c.weighted:
            model_bound = best_span  # nothing finishes by best_span - 1
        bound = max(bound, model_bound)
        if not (c.weighted and status == "Optimal" and found is None):
            break
        horizon += max(2, horizon // 2)  # the relaxation wanted later finishes: look further
    if c.weighted and _integral(c.weight) and math.isfinite(bound):  # no bound when stopped at once
        bound = math.ceil(bound - 1e-6)
    bound = min(bound, best_value)
    if found is None or _value(c, *found) > (best_value, best_span):
        found = (start, mode)
    value, span = _value(c, *found)
    optimal = value <= bound + 1e-9
    for j, k in enumerate(found[1]):
        c.use_mode(j, k)
    value, span = core.evaluate(c, found[0])
    durations = {c.ids[j]: c.dur[j] for j in range(len(c.dur)) if c.mode[j]}
    return Schedule(dict(zip(c.ids, found[0])), span, value, bound, optimal, "mip", 0, c.bounds[1],
                    durations, nodes=explored), bound


def relaxation_bound(problem: Problem, guard, incumbent: Mapping[Id, int], c: core.Compiled, iterations: int,
                     stop: Callable[[], bool] | None = None, share: float = 1.0) -> float:
    """A lower bound on a weighted objective from the time-indexed model's linear
    relaxation, for models too large to branch on in good time: on a 54-step roadmap its
    LP takes a tenth of a second and about 600 simplex iterations, where the MIP's root
    alone takes seconds. At most `iterations` simplex iterations (counted work, the same
    on every machine); -inf when they, the cancel hook or the guard end it before the
    optimum (only the optimum is a bound), and the guard's cut is set when it ends it."""
    start = [incumbent[key] for key in c.ids]
    model = _Model(c, core.evaluate(c, start)[1])
    h, np = model.h, model.np
    count = len(model.cost)
    h.changeColsIntegrality(count, np.arange(count, dtype=np.int32), np.zeros(count, dtype=np.uint8))
    h.setOptionValue("simplex_iteration_limit", max(1, int(iterations)))
    h.setOptionValue("time_limit", max(0.01, float(guard.left(share))))
    if stop is not None and stop():
        return -math.inf
    h.run()
    status = h.modelStatusToString(h.getModelStatus())
    if status == TIME_LIMIT:
        guard.cut = True
    if status != "Optimal":
        return -math.inf
    bound = h.getInfo().objective_function_value
    return math.ceil(bound - 1e-6) if _integral(c.weight) else bound


def _value(c: core.Compiled, start: list[int], mode: list[int]) -> tuple[float, int]:
    """(objective, makespan) of starts in the given modes."""
    finish = [t + c.modes[j][k][0] for j, (t, k) in enumerate(zip(start, mode))]
    span = max(finish, default=0)
    if c.weighted:
        return sum(w * f for w, f in zip(c.weight, finish)), span
    return float(span), span


def _integral(weights: list[float]) -> bool:
    return all(abs(w - round(w)) < 1e-9 for w in weights)
