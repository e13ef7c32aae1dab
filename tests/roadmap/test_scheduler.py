"""The generic scheduler, checked independently, on hand-made cases and PSPLIB J30."""

from pathlib import Path

import pytest

from planner.roadmap.scheduling import Activity, InfeasibleProblem, Problem, heuristic, solve

from .checker import check_schedule

PSPLIB = Path(__file__).resolve().parents[3] / "shared" / "benchmarks" / "psplib"


def chain_and_parallel():
    return Problem((
        Activity("a", 3, {"r": 2}, ("c",)),
        Activity("b", 2, {"r": 1}, ("c",)),
        Activity("c", 2, {"r": 2}),
        Activity("d", 4, {"r": 1}),
    ), {"r": 2})


def test_hand_checked_optimum():
    # a (3 periods, needs both units) runs alone; c (needs both) runs alone after a and b;
    # d (4 periods) can only overlap b. Best: b and d together for 2 periods, then d's
    # other 2 periods beside nothing: a 0-3 | b,d 3-5 | d 5-7 | c 7-9, or b,d 0-2 ... = 9.
    # The work bound is 16 units over capacity 2 = 8, so the search alone cannot prove 9;
    # the MIP (the default install's exact stage) does.
    searched = solve(chain_and_parallel(), mip=False)
    check_schedule(chain_and_parallel(), searched.starts)
    assert searched.makespan == 9 and searched.lower_bound == 8 and not searched.optimal
    proven = solve(chain_and_parallel())
    check_schedule(chain_and_parallel(), proven.starts)
    assert proven.makespan == 9 and proven.lower_bound == 9 and proven.optimal and proven.method == "mip"


def test_time_varying_capacity_and_releases():
    problem = Problem((Activity("x", 2, {"r": 1}, release=1), Activity("y", 1, {"r": 2})), {"r": [0, 1, 1, 2]})
    schedule = solve(problem)
    check_schedule(problem, schedule.starts)
    assert schedule.starts["x"] == 1 and schedule.starts["y"] == 3


def test_weighted_objective_puts_heavy_work_first():
    problem = Problem((Activity("light", 3, {"r": 1}, weight=1), Activity("heavy", 3, {"r": 1}, weight=5)),
                      {"r": 1}, objective="weighted")
    schedule = solve(problem)
    assert schedule.starts == {"heavy": 0, "light": 3}
    assert schedule.objective == 5 * 3 + 1 * 6


def test_the_instant_heuristic_weighs_weight_against_work():
    """Smith's rule: the short light step first (1 x 1 + 3 x 5 = 16), not the heavy
    long one (3 x 4 + 1 x 5 = 17), and weight reached through a successor counts."""
    problem = Problem((Activity("long", 4, {"r": 1}, weight=3), Activity("short", 1, {"r": 1}, weight=1)),
                      {"r": 1}, objective="weighted")
    assert heuristic(problem).objective == 16
    problem = Problem((Activity("long", 4, {"r": 1}, weight=3), Activity("opener", 1, {"r": 1}, ("short",)),
                       Activity("short", 1, {"r": 1}, weight=3), Activity("idle", 1, weight=0)),
                      {"r": 1}, objective="weighted")
    assert heuristic(problem).starts == {"opener": 0, "short": 1, "long": 2, "idle": 0}


def test_fractional_demands():
    problem = Problem(tuple(Activity(i, 2, {"fte": 0.75}) for i in range(3)), {"fte": 1.5})
    schedule = solve(problem)
    check_schedule(problem, schedule.starts)
    assert schedule.makespan == 4


def test_same_inputs_same_schedule():
    from ..load import busy

    problem = _psplib("j3010_1.sm") if PSPLIB.exists() else chain_and_parallel()
    quiet = solve(problem, budget=500)
    with busy():
        loaded = solve(problem, budget=500)
    assert not quiet.cut and (quiet.starts, quiet.lower_bound, quiet.nodes) == (loaded.starts, loaded.lower_bound,
                                                                             loaded.nodes)


def test_pins_are_honoured_and_impossible_pins_explained():
    pinned = Problem((Activity("a", 2, {"r": 1}, ("b",)), Activity("b", 1, {"r": 1}, fixed_start=4)), {"r": 1})
    schedule = solve(pinned)
    check_schedule(pinned, schedule.starts)
    assert schedule.starts["b"] == 4
    early = Problem((Activity("a", 2, {"r": 1}, ("b",)), Activity("b", 1, {"r": 1}, fixed_start=1)), {"r": 1})
    with pytest.raises(InfeasibleProblem, match="pinned to start at 1, but its predecessor 'a' cannot finish before 2"):
        solve(early)


@pytest.mark.parametrize("problem,message", [
    (Problem((Activity("a", 1, {"r": 3}),), {"r": 2}), "needs 3 of 'r' per period, but its capacity is never above 2"),
    (Problem((Activity("a", 1, {"gpu": 1}),), {"r": 2}), "needs resource 'gpu', which has no capacity defined"),
    (Problem((Activity("a", 1, (), ("b",)), Activity("b", 1, (), ("a",))), {}), "the precedences form a cycle"),
    (Problem((Activity("a", 3, {"r": 2}),), {"r": [2, 2, 0, 1]}), "for 3 periods in a row"),
])
def test_impossible_problems_say_why(problem, message):
    with pytest.raises(InfeasibleProblem, match=message):
        heuristic(problem)


def _psplib(name: str) -> Problem:
    psplib = pytest.importorskip("psplib")
    inst = psplib.parse(str(PSPLIB / "j30" / name), instance_format="psplib")
    acts = tuple(Activity(i, a.modes[0].duration,
                          {f"R{k + 1}": q for k, q in enumerate(a.modes[0].demands) if q}, tuple(a.successors))
                 for i, a in enumerate(inst.activities))
    return Problem(acts, {f"R{k + 1}": r.capacity for k, r in enumerate(inst.resources)})


def _optimum(name: str) -> int:
    param, inst = name[3:-3].split("_")
    for line in (PSPLIB / "j30opt.sm").read_text().splitlines():
        parts = line.split()
        if len(parts) >= 3 and parts[:2] == [param, inst]:
            return int(parts[2])
    raise KeyError(name)


@pytest.mark.skipif(not PSPLIB.exists(), reason="PSPLIB J30 set not present")
def test_psplib_sample_is_checked_and_close_to_optimal():
    """Every 40th J30 instance (12, across all parameter sets): each schedule passes the
    independent check, no bound exceeds the known optimum, and the mean deviation from
    the optima stays under 1% with a small budget (the benchmark measures the full set)."""
    names = sorted(p.name for p in (PSPLIB / "j30").glob("*.sm"))[::40]
    deviations = []
    for name in names:
        problem = _psplib(name)
        schedule = solve(problem, budget=3000, mip=False)  # the exact stages have tests of their own
        check_schedule(problem, schedule.starts)
        best = _optimum(name)
        assert schedule.lower_bound <= best <= schedule.makespan
        assert schedule.optimal == (schedule.makespan == schedule.lower_bound)
        deviations.append((schedule.makespan - best) / best)
    assert sum(deviations) / len(deviations) < 0.01


def test_capacity_that_falls_away_never_hangs():
    """Two activities need the one early period where the capacity is high enough."""
    problem = Problem((Activity("a", 1, {"r": 1}), Activity("b", 1, {"r": 1})), {"r": [1.5, 0.1]})
    with pytest.raises(InfeasibleProblem, match="finds no room"):
        solve(problem, budget=100)


def test_capacity_that_rises_later_is_used():
    problem = Problem((Activity("a", 2, {"r": 2}, ("b",)), Activity("b", 2, {"r": 2})), {"r": [0, 0, 2]})
    schedule = solve(problem, budget=100)
    check_schedule(problem, schedule.starts)
    assert schedule.starts == {"a": 2, "b": 4}


def two_teams() -> Problem:
    """A (3 periods, 2 of 3 units, weight 5) runs from 0. B needs 2 units for 1 period
    (weight 1), so it cannot run beside A and waits until 3. With a smaller team (1 unit
    over 2 periods) it runs beside A and finishes at 2."""
    from planner.roadmap.scheduling import Mode

    return Problem((Activity("A", 3, {"r": 2}, weight=5),
                    Activity("B", 1, {"r": 2}, weight=1, modes=(Mode(2, {"r": 1}),))),
                   {"r": 3}, objective="weighted")


def test_the_scheduler_chooses_a_smaller_team_when_it_finishes_sooner():
    for mip in (False, True):  # the search's mode choice, and the MIP's
        schedule = solve(two_teams(), mip=mip)
        assert schedule.durations == {"B": 2}, mip
        assert schedule.starts == {"A": 0, "B": 0} and schedule.objective == 5 * 3 + 1 * 2
    proven = solve(two_teams())
    assert proven.optimal and proven.lower_bound == 17
    instant = heuristic(two_teams())  # the instant stage keeps every activity's first mode
    assert instant.durations == {} and instant.objective == 5 * 3 + 1 * 4


def _random_integer_problem(seed: int, unit: int = 1) -> Problem:
    """Whole-number demands, a capacity that changes over time, and second modes; with
    `unit`, demands in fractions 1/unit (FTE in person-weeks per month, say) and
    capacities that are not whole numbers of them."""
    import random

    from planner.roadmap.scheduling import Mode

    rng = random.Random(seed)
    n = 25
    acts = []
    for j in range(n):
        demands = {r: rng.randint(1, 6) for r in ("r1", "r2", "r3") if rng.random() < 0.6}
        later = tuple(sorted({rng.randrange(j + 1, n) for _ in range(rng.randint(0, 2)) if j + 1 < n}))
        modes = (Mode(rng.randint(6, 12), {r: max(1, q // 2) for r, q in demands.items()}),) if j % 3 == 0 else ()
        if unit > 1:
            demands = {r: q / unit for r, q in demands.items()}
            modes = tuple(Mode(m.duration, {r: q / unit for r, q in m.demands.items()}) for m in modes)
        acts.append(Activity(j, rng.randint(0, 6), demands, later, release=rng.choice((0, 0, 3)), modes=modes))
    if unit > 1:
        return Problem(tuple(acts), {"r1": [v / unit + 0.4 / unit for v in (4, 6, 9, 9, 7, 10)], "r2": 8 / unit,
                                     "r3": [12 / unit, 6.5 / unit]})
    return Problem(tuple(acts), {"r1": [4, 6, 9, 9, 7, 10], "r2": 8, "r3": [12, 6]})


@pytest.mark.parametrize("seed, unit", [(0, 1), (1, 1), (2, 1), (3, 1), (4, 13), (5, 52 / 12)])
def test_packed_capacities_schedule_exactly_as_the_general_scheme(seed, unit):
    import copy
    import random

    from planner.roadmap.scheduling import core, genetic

    packed = core.compile_problem(_random_integer_problem(seed, unit))
    general = copy.deepcopy(packed)
    general.packed = None
    assert packed.packed is not None
    rng = random.Random(seed)
    for round_ in range(40):
        if round_ % 10 == 9:  # another mode for some activities, in both
            for j in (j for j in range(len(packed.dur)) if len(packed.modes[j]) > 1):
                k = rng.randrange(2)
                packed.use_mode(j, k)
                general.use_mode(j, k)
        order = genetic._random_list(packed, rng)
        start = core.ssgs(packed, order)
        assert start == core.ssgs(general, order)
        assert core.backward_order(packed, start) == core.backward_order(general, start)
        assert core.improve(packed, start) == core.improve(general, start)


def test_only_problems_in_whole_units_without_pins_are_packed():
    from planner.roadmap.scheduling import core

    assert core.compile_problem(chain_and_parallel()).packed is not None
    quarters = Problem((Activity("a", 2, {"fte": 0.75}),), {"fte": 1.5})  # in quarters of an FTE
    odd = Problem((Activity("a", 2, {"fte": 0.123456789012}),), {"fte": 1.5})  # no short fraction
    pinned = Problem((Activity("a", 2, {"r": 1}, fixed_start=1),), {"r": 1})
    assert core.compile_problem(quarters).packed is not None
    assert core.compile_problem(odd).packed is None
    assert core.compile_problem(pinned).packed is None


def test_a_mode_that_needs_more_than_the_capacity_left_for_good_is_left_out():
    # The capacity falls from 3 to 1 for good. A mode needing 3 could run only early on;
    # with the early periods taken, the serial scheme would search for room forever.
    from planner.roadmap.scheduling import Mode, core

    problem = Problem((Activity("early", 2, {"r": 3}, weight=5),
                       Activity("other", 1, {"r": 1}, weight=1, modes=(Mode(3, {"r": 3}),))),
                      {"r": [3, 3, 1]}, objective="weighted")
    assert [len(m) for m in core.compile_problem(problem).modes] == [1, 1]
    schedule = solve(problem)
    check_schedule(problem, schedule.starts)
    assert schedule.starts == {"early": 0, "other": 2} and schedule.durations == {}


def test_every_reason_has_words():
    """Each kind of reason the scheduler gives can be worded, by itself and for a user."""
    from planner.roadmap.diagnose import translate
    from planner.roadmap.scheduling.model import _WORDS, Reason
    from planner.roadmap.settings import read_settings
    from planner.catalog.load import load_catalog

    catalog = load_catalog()
    settings = read_settings(catalog, {"start_date": "2027-01-01"})
    for kind in _WORDS:
        reason = Reason(kind, "cd:1-2", "ci:1-2", "budget", 2.0, 1.0, 3, 4, ("cd:1-2", "ci:1-2"))
        assert str(reason)
        worded = translate(catalog, [reason], settings)[0]
        assert "'" not in worded and "activity" not in worded, worded  # names, not ids


def _demo_problem():
    """The demo roadmap's scheduling problem, as the engine builds it."""
    import tempfile

    from planner.roadmap import engine
    from planner.store.demo import build_demo

    with tempfile.TemporaryDirectory() as tmp, build_demo(Path(tmp) / "demo.mlplan") as plan:
        catalog, state = plan.catalog, plan.state
    seen = []
    real = engine.solve
    try:
        engine.solve = lambda problem, *a, **k: seen.append(problem) or real(problem, *a, **k)
        engine.plan_roadmap(catalog, state)
    finally:
        engine.solve = real
    return seen[0]


def test_the_mip_stops_when_asked():
    """The cancel hook reaches HiGHS between nodes: a stale solve stops at once."""
    problem = _demo_problem()
    full = solve(problem, budget=0)
    assert full.optimal and full.nodes > 20
    polls = []

    def stop():
        polls.append(1)
        return len(polls) > 3

    cut_short = solve(problem, budget=0, stop=stop)
    assert len(polls) > 3 and cut_short.nodes < full.nodes and not cut_short.optimal
    check_schedule(problem, cut_short.starts, cut_short.durations)


def _hard_problem(n: int = 60, seed: int = 3) -> Problem:
    """A ProGen-like instance (as in benchmarks/psplib_bench.py): 60 jobs, four resources
    at tight capacities; no exact solver proves it within the watcher's first poll."""
    import random

    rng = random.Random(seed)
    later: list[set[int]] = [set() for _ in range(n)]
    for j in range(1, n):
        later[rng.randrange(max(0, j - 10), j)].add(j)
    for _ in range(n):
        a = rng.randrange(n - 1)
        later[a].add(rng.randrange(a + 1, min(n, a + 15)))
    acts = tuple(Activity(j, rng.randint(1, 10), {f"R{k}": rng.randint(1, 10) for k in range(4) if rng.random() < 0.5},
                          tuple(sorted(later[j]))) for j in range(n))
    return Problem(acts, {f"R{k}": 12 for k in range(4)})


def test_cp_sat_stops_when_asked():
    """The cancel hook reaches CP-SAT through its watcher thread: a stale solve stops at
    once, keeps the best schedule so far, and is not mistaken for one the guard cut."""
    pytest.importorskip("ortools")
    import threading

    problem = _hard_problem()
    asked = []

    def stop() -> bool:  # a newer edit arrives while CP-SAT runs: the stages before ran on
        if not asked and threading.current_thread() is threading.main_thread():
            return False
        asked.append(1)
        return True

    schedule = solve(problem, budget=0, mip=False, exact=True, exact_work=1000.0, stop=stop)
    assert asked and not schedule.optimal and not schedule.cut  # stopped by the hook, not by the clock
    check_schedule(problem, schedule.starts)


def test_the_linear_relaxation_bounds_the_weighted_objective():
    """The relaxation's bound (for roadmaps too large for the MIP) holds below the demo's
    proven optimum and above the trivial bound; counted simplex iterations end it, and
    ended before its optimum it gives no bound at all (an unfinished LP bounds nothing)."""
    import math

    from planner.roadmap.scheduling import core, mip
    from planner.roadmap.scheduling.solve import Guard

    problem = _demo_problem()
    proven = solve(problem)
    assert proven.optimal
    c = core.compile_problem(problem)
    guard = Guard(0.0, math.inf)
    bound = mip.relaxation_bound(problem, guard, proven.starts, c, iterations=10_000)
    assert c.bounds[0] < bound <= proven.objective and bound == int(bound)  # integral weights: rounded up
    assert mip.relaxation_bound(problem, guard, proven.starts, c, iterations=3) == -math.inf
    assert mip.relaxation_bound(problem, guard, proven.starts, c, 10_000, stop=lambda: True) == -math.inf
    assert not guard.cut
