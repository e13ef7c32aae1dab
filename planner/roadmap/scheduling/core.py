"""The fast parts of the scheduler: a compiled problem, the serial schedule-generation
scheme (SSGS), forward-backward improvement and lower bounds.

Activities are indexed 0..n-1 here. The SSGS takes an activity list in which every
activity comes after its predecessors and starts each one at the earliest period where
its predecessors have finished and every resource it needs has room for its whole
duration.

When every demand is a whole number of some small unit (PSPLIB's whole numbers; FTE
in fractions of a person-month; money), nothing is pinned and no capacity falls for good
below a demand, the SSGS works on `Packed` capacities: all resources of a period in one
integer, tested and reserved with one operation each instead of one per resource, which
makes it about three times faster in CPython.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from .model import InfeasibleProblem, Problem, Reason

EPS = 1e-9


@dataclass
class Compiled:
    problem: Problem
    ids: list
    dur: list[int]
    preds: list[list[int]]
    succs: list[list[int]]
    demand: list[list[tuple[int, float]]]  # per activity: (resource index, amount), non-zero only
    release: list[int]
    fixed: list[int | None]
    weight: list[float]
    resources: list[str]
    profile: list[list[float]]  # resource -> capacity per period, up to `horizon`
    horizon: int
    topo: list[int]  # a topological order
    weighted: bool
    # Per activity, the last start at which it still fits, when it needs more of some
    # resource than that resource's capacity after its profile ends; else None.
    latest: list[int | None]
    # Per activity, its modes as (duration, demand): the first is the activity's own (and
    # the shortest). `dur` and `demand` hold the mode in use; `use_mode` switches.
    modes: list[list[tuple[int, list[tuple[int, float]]]]] | None = None
    mode: list[int] | None = None  # the mode in use per activity
    bounds: tuple[float, int] = (0.0, 0)  # lower bound and makespan bound, from the first modes
    rank: list[int] | None = None  # each activity's place in `topo`
    packed: Packed | None = None  # the capacities packed, when the problem allows it

    @property
    def multi_mode(self) -> bool:
        return self.modes is not None and any(len(m) > 1 for m in self.modes)

    def use_mode(self, j: int, k: int) -> None:
        self.dur[j], self.demand[j] = self.modes[j][k][0], self.modes[j][k][1]
        self.mode[j] = k
        if self.packed is not None:
            self.packed.use(j, self.packed.modes[j][k])


@dataclass
class Packed:
    """Whole-number capacities with one integer per period: a field of `width` bits per
    resource, its top bit a guard kept clear. Adding an activity's margin (guard bits
    minus its packed demand) to a period's remaining capacity keeps every guard bit set
    exactly when every resource has room; no borrow crosses a field, because a field
    never holds more than the resource's peak. SIMD within a register, in plain ints."""

    guard: int  # the guard bits of all fields
    profile: list[int]  # per period, padded past the horizon so no schedule runs off it
    peak: int  # every resource at its peak (the backward pass's capacity past the makespan)
    modes: list[list[int]]  # per activity and mode: the packed demand
    need: list[int]  # per activity: the packed demand of the mode in use
    margin: list[int]  # per activity: guard - need

    def use(self, j: int, need: int) -> None:
        self.need[j], self.margin[j] = need, self.guard - need


def whole_unit(amounts) -> int | None:
    """The smallest whole number that makes every amount whole (0.25 FTE and 0.5 FTE: 4),
    or None when there is none up to a million (an amount with no short fraction).
    Demands in these units are whole, and a capacity becomes its whole part in them: the
    same schedules fit, and sums are exact."""
    unit = 1
    for value in set(amounts):
        denominator = _denominator(value)
        if denominator is None:
            return None
        unit = unit * denominator // math.gcd(unit, denominator)
        if unit > 10**6:
            return None
    return unit


@lru_cache(maxsize=65536)
def _denominator(value: float) -> int | None:
    """The denominator of `value` as a short fraction (up to 10,000), or None. A plan's
    few distinct amounts come back at every re-plan, so the answers are kept."""
    if float(value).is_integer():
        return 1
    exact = Fraction(value).limit_denominator(10_000)
    return exact.denominator if abs(float(exact) - value) <= 1e-9 * max(1.0, abs(value)) else None


def _pack(c: Compiled) -> Packed | None:
    """`c`'s capacities packed, or None when a demand has no whole unit (see
    `whole_unit`), a capacity is negative, or a pin or a falling capacity needs the
    general scheme's checks. Each resource is counted in its own whole unit, so FTE in
    fractions of a person-month pack as well as whole numbers."""
    if any(f is not None for f in c.fixed) or any(x is not None for x in c.latest) or \
            any(v < 0 for row in c.profile for v in row):
        return None
    units = []
    for k in range(len(c.profile)):
        unit = whole_unit(q for options in c.modes for _, need in options for kk, q in need if kk == k)
        if unit is None:
            return None
        units.append(unit)
    rows = []
    for row, unit in zip(c.profile, units):
        whole = {v: math.floor(v * unit + 1e-6) for v in set(row)}
        rows.append([whole[v] for v in row])
    width = max((max(row) for row in rows), default=0).bit_length() + 1
    shift = [k * width for k in range(len(rows))]
    guard = sum(1 << (s + width - 1) for s in shift)
    pad = c.horizon + max((d for options in c.modes for d, _ in options), default=0) + 1
    rows = [row[:pad] + [row[-1]] * (pad - len(row)) for row in rows]
    packed: dict[tuple, int] = {}  # most periods look alike
    profile = [packed.get(column) or packed.setdefault(column, sum(v << s for v, s in zip(column, shift)))
               for column in zip(*rows)] if rows else [0] * pad
    peak = sum(max(row) << s for row, s in zip(rows, shift))
    modes = [[sum(round(q * units[k]) << shift[k] for k, q in need) for _, need in options] for options in c.modes]
    need = [options[0] for options in modes]
    return Packed(guard, profile, peak, modes, need, [guard - q for q in need])


def compile_problem(problem: Problem) -> Compiled:
    acts = problem.activities
    index = {a.id: i for i, a in enumerate(acts)}
    if len(index) != len(acts):
        seen: set = set()
        twice = next(a.id for a in acts if a.id in seen or seen.add(a.id))
        raise InfeasibleProblem([Reason("duplicate_id", twice)])
    resources = sorted(problem.capacities)
    r_index = {r: k for k, r in enumerate(resources)}
    reasons: list[Reason] = []
    succs = [[] for _ in acts]
    preds = [[] for _ in acts]
    for i, a in enumerate(acts):
        for s in a.successors:
            if s not in index:
                reasons.append(Reason("unknown_successor", a.id, s))
                continue
            succs[i].append(index[s])
            preds[index[s]].append(i)
        for r in a.demands:
            if r not in r_index:
                reasons.append(Reason("unknown_resource", a.id, resource=r))
    if reasons:
        raise InfeasibleProblem(reasons)
    topo = _topological(preds, succs, [a.id for a in acts])
    longest_profile = max((c.given for c in problem.capacities.values()), default=0) or 1
    horizon = (sum(max([a.duration] + [m.duration for m in a.modes]) for a in acts)
               + max((a.release for a in acts), default=0)
               + max((a.fixed_start or 0 for a in acts), default=0) + longest_profile + 1)
    profile = [problem.capacities[r].first(horizon) for r in resources]
    demand = [[(r_index[r], float(q)) for r, q in sorted(a.demands.items()) if q > 0] for a in acts]
    peak = [max(row) for row in profile]
    for i, a in enumerate(acts):
        for k, q in demand[i]:
            tail = profile[k][-1]
            if a.duration > 0 and q > peak[k] + EPS:
                reasons.append(Reason("above_peak", a.id, resource=resources[k], amount=q, capacity=peak[k]))
            elif a.duration > 0 and q > tail + EPS:
                _check_window(a, q, profile[k], resources[k], reasons)
    if reasons:
        raise InfeasibleProblem(reasons)
    given = [problem.capacities[r].given for r in resources]
    latest: list[int | None] = []
    for i, a in enumerate(acts):
        ends = [given[k] - a.duration for k, q in demand[i] if q > profile[k][-1] + EPS]
        latest.append(min(ends) if ends else None)
    modes = []
    for i, a in enumerate(acts):
        options = [(a.duration, demand[i])]
        # Other modes must fit the capacity that holds for good after the profile ends:
        # one that does not could find no room once the early capacity is taken (the
        # serial scheme would search for it forever). They are left out.
        for m in a.modes:
            need = [(r_index[r], float(q)) for r, q in sorted(m.demands.items()) if q > 0 and r in r_index]
            if m.duration >= a.duration and all(q <= profile[k][-1] + EPS for k, q in need):
                options.append((m.duration, need))
        modes.append(options)
    c = Compiled(problem, [a.id for a in acts], [a.duration for a in acts], preds, succs, list(demand),
                 [a.release for a in acts], [a.fixed_start for a in acts], [a.weight for a in acts],
                 resources, profile, horizon, topo, problem.objective == "weighted", latest,
                 modes, [0] * len(acts))
    c.bounds = (lower_bound(c), makespan_bound(c))  # valid for every mode: the first is the shortest
    c.rank = [0] * len(acts)
    for r, j in enumerate(topo):
        c.rank[j] = r
    c.packed = _pack(c)
    return c


def _check_window(activity, q: float, row: list[float], resource: str, reasons: list[Reason]) -> None:
    """With a capacity that drops for good, an activity needs a window early enough."""
    run = 0
    for cap in row:
        run = run + 1 if cap + EPS >= q else 0
        if run >= activity.duration:
            return
    reasons.append(Reason("no_window", activity.id, resource=resource, amount=q, periods=activity.duration))


def _topological(preds: list[list[int]], succs: list[list[int]], ids: list) -> list[int]:
    remaining = [len(p) for p in preds]
    ready = [i for i, c in enumerate(remaining) if c == 0]
    order = []
    while ready:
        i = ready.pop()
        order.append(i)
        for s in succs[i]:
            remaining[s] -= 1
            if remaining[s] == 0:
                ready.append(s)
    if len(order) != len(preds):
        stuck = tuple(ids[i] for i, c in enumerate(remaining) if c > 0)[:5]
        raise InfeasibleProblem([Reason("cycle", activities=stuck)])
    return order


def ssgs(c: Compiled, order: list[int]) -> list[int]:
    """Serial schedule-generation scheme: starts, one per activity."""
    if c.packed is not None:
        finish = _packed_finishes(c.packed, c.dur, order, c.packed.profile[:], c.release, c.preds)
        return [f - d for f, d in zip(finish, c.dur)]
    rem = [row[:] for row in c.profile]
    start = [0] * len(c.dur)
    finish = [0] * len(c.dur)
    for j in _pinned_first(c, order):
        d = c.dur[j]
        t = c.release[j]
        for p in c.preds[j]:
            if finish[p] > t:
                t = finish[p]
        if c.fixed[j] is not None:
            t = c.fixed[j]  # a pin wins; precedence and capacity are checked by the caller
            if rem and t + d > len(rem[0]):
                _grow(rem, t + d)
        elif d:
            t = _earliest_fit(rem, c.demand[j], t, d, c.latest[j])
            if t < 0:
                raise InfeasibleProblem([Reason("no_room", c.ids[j])])
        _reserve(rem, c.demand[j], t, d)
        start[j] = t
        finish[j] = t + d
    return start


def _packed_finishes(pk: Packed, dur: list[int], order: list[int], rem: list[int], release: list[int],
                     preds: list[list[int]]) -> list[int]:
    """The serial scheme on packed capacities `rem` (long enough for any schedule), with
    `release` and `preds` (the backward pass passes none and the successors): finishes,
    one per activity."""
    guard, margin, need = pk.guard, pk.margin, pk.need
    finish = [0] * len(dur)
    for j in order:
        t = release[j]
        for p in preds[j]:
            if finish[p] > t:
                t = finish[p]
        end = t + dur[j]
        if end > t:
            m = margin[j]
            x = t
            while x < end:
                if (rem[x] + m) & guard != guard:  # some resource lacks room at x
                    t = x + 1
                    end = t + dur[j]
                x += 1
            q = need[j]
            for x in range(t, end):
                rem[x] -= q
        finish[j] = end
    return finish


def _pinned_first(c: Compiled, order: list[int]) -> list[int]:
    pinned = [j for j in order if c.fixed[j] is not None]
    if not pinned:
        return order
    return pinned + [j for j in order if c.fixed[j] is None]


def _earliest_fit(rem: list[list[float]], needs: list[tuple[int, float]], t: int, d: int,
                  latest: int | None = None) -> int:
    """The first start from `t` where every need fits for `d` periods; -1 when none can
    come after `latest`."""
    while True:
        if latest is not None and t > latest:
            return -1
        for k, q in needs:
            row = rem[k]
            if t + d > len(row):
                _grow(rem, t + d)
                row = rem[k]
            window = row[t:t + d]
            if min(window) < q - EPS:
                last = d - 1
                while window[last] >= q - EPS:
                    last -= 1
                t += last + 1
                break
        else:
            return t


def _reserve(rem: list[list[float]], needs: list[tuple[int, float]], t: int, d: int) -> None:
    """Take an activity's demands out of the remaining capacity for periods t..t+d-1."""
    for k, q in needs:
        row = rem[k]
        for x in range(t, t + d):
            row[x] -= q


def _grow(rem: list[list[float]], size: int) -> None:
    for row in rem:
        row.extend([row[-1]] * (size - len(row)))


def evaluate(c: Compiled, start: list[int]) -> tuple[float, int]:
    """(objective, makespan) of a schedule."""
    makespan = max((s + d for s, d in zip(start, c.dur)), default=0)
    if c.weighted:
        return sum(w * (s + d) for w, s, d in zip(c.weight, start, c.dur)), makespan
    return float(makespan), makespan


def order_by_start(c: Compiled, start: list[int]) -> list[int]:
    return sorted(range(len(start)), key=list(zip(start, c.rank)).__getitem__)


def backward_order(c: Compiled, start: list[int]) -> list[int]:
    """Right-justify the schedule (a backward SSGS on the reversed problem, taking
    activities by latest finish first) and return the resulting start order."""
    rank = c.rank
    finish = [s + d for s, d in zip(start, c.dur)]
    makespan = max(finish, default=0)
    order = sorted(range(len(start)), key=[(-f, -r) for f, r in zip(finish, rank)].__getitem__)
    # Mirrored capacity over the makespan; past it (growing backwards in time) the peak
    # capacity, so every activity fits somewhere: this pass only yields an order.
    if c.packed is not None:
        rem = c.packed.profile[:makespan][::-1] + [c.packed.peak] * (len(c.packed.profile) + 1)
        rev_finish = _packed_finishes(c.packed, c.dur, order, rem, [0] * len(start), c.succs)
    else:
        rem = [row[:makespan][::-1] + [max(row)] for row in c.profile]
        rev_finish = [0] * len(start)
        for j in order:
            d = c.dur[j]
            t = 0
            for s in c.succs[j]:
                if rev_finish[s] > t:
                    t = rev_finish[s]
            if d:
                t = _earliest_fit(rem, c.demand[j], t, d)
            _reserve(rem, c.demand[j], t, d)
            rev_finish[j] = t + d
    latest = max(rev_finish, default=0)
    late_start = [latest - f for f in rev_finish]
    return sorted(range(len(start)), key=list(zip(late_start, rank)).__getitem__)


def schedule_list(c: Compiled, order: list[int]) -> tuple[list[int], int] | None:
    """The list decoded by the serial scheme and improved, with the schedules generated;
    None when the list leaves some activity no room (where a capacity falls for good,
    an order that takes the early room first can)."""
    try:
        start = ssgs(c, order)
    except InfeasibleProblem:
        return None
    start, made = improve(c, start)
    return start, made + 1


def improve(c: Compiled, start: list[int], rounds: int = 3) -> tuple[list[int], int]:
    """Forward-backward improvement: alternate right- and left-justification while it
    helps. Returns the best starts and the number of schedules generated."""
    best, best_key = start, evaluate(c, start)
    made = 0
    for _ in range(rounds):
        try:
            candidate = ssgs(c, backward_order(c, best))
        except InfeasibleProblem:  # the justified order finds no room (a capacity that falls for good)
            break
        made += 2
        cand_key = evaluate(c, candidate)
        if cand_key < best_key:
            best, best_key = candidate, cand_key
        else:
            break
    return best, made


# -- priority rules and bounds ------------------------------------------------------------

def earliest_finish(c: Compiled, dur: list[int] | None = None) -> list[int]:
    dur = c.dur if dur is None else dur
    ef = [0] * len(dur)
    for j in c.topo:
        if c.fixed[j] is not None:
            es = c.fixed[j]
        else:
            es = max([c.release[j]] + [ef[p] for p in c.preds[j]])
        ef[j] = es + dur[j]
    return ef


def latest_finish(c: Compiled, horizon: int, dur: list[int] | None = None) -> list[int]:
    dur = c.dur if dur is None else dur
    lf = [horizon] * len(dur)
    for j in reversed(c.topo):
        for s in c.succs[j]:
            lf[j] = min(lf[j], lf[s] - dur[s])
    return lf


def shortest(c: Compiled) -> list[int]:
    """Each activity's shortest duration over its modes (its first mode's)."""
    return [m[0][0] for m in c.modes] if c.modes else list(c.dur)


def priority_order(c: Compiled, priority: list[float]) -> list[int]:
    """The precedence-feasible list that always takes the eligible activity with the
    lowest priority value (ties by index)."""
    import heapq

    remaining = [len(p) for p in c.preds]
    heap = [(priority[j], j) for j in range(len(remaining)) if remaining[j] == 0]
    heapq.heapify(heap)
    order = []
    while heap:
        _, j = heapq.heappop(heap)
        order.append(j)
        for s in c.succs[j]:
            remaining[s] -= 1
            if remaining[s] == 0:
                heapq.heappush(heap, (priority[s], s))
    return order


def lower_bound(c: Compiled) -> float:
    """A bound no schedule can beat on the problem's objective: for "weighted", each
    weighted finish at its critical-path earliest; for "makespan", `makespan_bound`."""
    if c.weighted:
        return float(sum(w * f for w, f in zip(c.weight, earliest_finish(c))))
    return float(makespan_bound(c))


def makespan_bound(c: Compiled) -> int:
    """No schedule finishes earlier: the critical path (with releases and pins), and the
    first period by which each resource's capacity can absorb all the work it must do."""
    bound = max(earliest_finish(c), default=0)
    for k, row in enumerate(c.profile):
        work = sum(q * c.dur[j] for j in range(len(c.dur)) for kk, q in c.demand[j] if kk == k)
        if work <= EPS:
            continue
        total, t = 0.0, 0
        while total + EPS < work:
            total += row[t] if t < len(row) else row[-1]
            t += 1
            if t > c.horizon * 4 and row[-1] <= EPS:
                break
        bound = max(bound, t)
    return bound

