"""The optional exact solver (OR-Tools CP-SAT) on hand-checked instances and PSPLIB j30."""

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("ortools")

from planner.roadmap.scheduling.exact import available, solve_exact  # noqa: E402
from planner.roadmap.scheduling.model import Activity, InfeasibleProblem, Problem  # noqa: E402

PSPLIB = Path(__file__).resolve().parents[3] / "shared" / "benchmarks" / "psplib"
ROOT = Path(__file__).resolve().parents[2]


def check(problem, schedule):
    """Independent check: precedence, release, pins and per-period capacity."""
    acts = {a.id: a for a in problem.activities}
    starts = schedule.starts
    assert set(starts) == set(acts)
    for a in problem.activities:
        assert starts[a.id] >= max(0, a.release)
        if a.fixed_start is not None:
            assert starts[a.id] == a.fixed_start
        for s in a.successors:
            assert starts[a.id] + a.duration <= starts[s], (a.id, s)
    finish = max((starts[a.id] + a.duration for a in problem.activities), default=0)
    assert schedule.makespan == finish
    for resource in problem.capacities:
        for t in range(finish):
            use = sum(a.demands.get(resource, 0) for a in problem.activities
                      if starts[a.id] <= t < starts[a.id] + a.duration)
            assert use <= problem.capacity(resource, t) + 1e-9, (resource, t, use)


def test_available():
    assert available()


def test_hand_checked_instance():
    # Capacity 2. A takes the whole resource for 3 periods; B, C, D take half for 2, and
    # D follows B. Total work 12 = 2 x 6, so 6 would need the resource full throughout:
    # A at 0 or 3 leaves one 3-period block, too short for B then D; A at 1 or 2 splits
    # the free periods so only two of B, C, D fit. So the optimum is 7 (e.g. B, C at 0,
    # D at 2, A at 4).
    problem = Problem((
        Activity("A", 3, {"R": 2}),
        Activity("B", 2, {"R": 1}, successors=("D",)),
        Activity("C", 2, {"R": 1}),
        Activity("D", 2, {"R": 1}),
    ), {"R": 2})
    schedule = solve_exact(problem)
    assert schedule.optimal
    assert schedule.makespan == 7
    assert schedule.objective == 7
    assert schedule.lower_bound == 7
    assert schedule.method == "cp-sat"
    assert schedule.schedules_evaluated == 0
    check(problem, schedule)


def test_time_varying_capacity():
    problem = Problem((
        Activity("uses R", 2, {"R": 1}),
        Activity("free", 1),
    ), {"R": [0, 0, 2]})
    schedule = solve_exact(problem)
    assert schedule.starts["uses R"] == 2
    assert schedule.makespan == 4
    assert schedule.optimal
    check(problem, schedule)


def test_capacity_that_drops_for_good():
    # Two units in periods 0-1, then one for ever. Both jobs are released at 1, so they
    # cannot run side by side (period 2 has room for one): one at 1, the other at 3.
    problem = Problem((Activity("x", 2, {"R": 1}, release=1), Activity("y", 2, {"R": 1}, release=1)),
                      {"R": [2, 2, 1]})
    schedule = solve_exact(problem)
    assert schedule.makespan == 5  # with a flat capacity of 2 it would be 3
    assert schedule.optimal
    check(problem, schedule)


def test_fractional_demands_never_exceed_capacity():
    acts = tuple(Activity(i, 2, {"FTE": 0.75}) for i in range(3))
    problem = Problem(acts, {"FTE": 1.5})
    schedule = solve_exact(problem)
    assert schedule.makespan == 4  # two at a time
    assert schedule.optimal
    check(problem, schedule)


def test_fixed_start_and_release():
    problem = Problem((
        Activity("A", 1, release=3, successors=("C",)),
        Activity("B", 2, fixed_start=5),
        Activity("C", 1),
    ), {})
    schedule = solve_exact(problem)
    assert schedule.starts["A"] >= 3
    assert schedule.starts["B"] == 5
    assert schedule.makespan == 7
    assert schedule.optimal
    check(problem, schedule)


def test_weighted_finishes_the_heavy_activity_first():
    problem = Problem((
        Activity("light", 2, {"R": 1}, weight=0.5),
        Activity("heavy", 2, {"R": 1}, weight=2.5),
    ), {"R": 1}, objective="weighted")
    schedule = solve_exact(problem)
    assert schedule.starts == {"heavy": 0, "light": 2}
    assert schedule.objective == pytest.approx(2.5 * 2 + 0.5 * 4)
    assert schedule.lower_bound == pytest.approx(schedule.objective)
    assert schedule.optimal
    assert schedule.makespan == 4
    check(problem, schedule)


def test_weighted_breaks_ties_by_makespan():
    # Only "w" carries weight; the unweighted chain must still finish as early as it can.
    problem = Problem((
        Activity("w", 1, weight=1.0),
        Activity("a", 2, successors=("b",)),
        Activity("b", 3),
    ), {}, objective="weighted")
    schedule = solve_exact(problem)
    assert schedule.objective == 1.0
    assert schedule.makespan == 5
    assert schedule.optimal


def test_zero_duration_and_hint():
    problem = Problem((
        Activity("start", 0, successors=("a", "b")),
        Activity("a", 2, {"R": 1}, successors=("end",)),
        Activity("b", 3, {"R": 1}, successors=("end",)),
        Activity("end", 0),
    ), {"R": 1})
    schedule = solve_exact(problem, hint={"start": 0, "a": 0, "b": 2, "end": 5})
    assert schedule.makespan == 5
    assert schedule.starts["end"] == 5
    assert schedule.optimal
    check(problem, schedule)


def test_pinned_before_predecessor_is_infeasible():
    problem = Problem((
        Activity("first", 3, successors=("second",)),
        Activity("second", 1, fixed_start=1),
    ), {})
    with pytest.raises(InfeasibleProblem) as err:
        solve_exact(problem)
    assert [str(r) for r in err.value.reasons] == [
        "the exact solver proved that no schedule meets the pins, releases and capacities"]


def test_module_imports_without_ortools():
    script = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('ortools', 'PySide6'):
            raise ImportError('blocked: ' + name)
sys.meta_path.insert(0, Block())
from planner.roadmap.scheduling import exact
print(exact.available())
"""
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def j30_optimum(parameter: int, instance: int) -> int:
    for line in (PSPLIB / "j30opt.sm").read_text().splitlines():
        fields = line.split()
        if len(fields) == 4 and fields[0].isdigit() and fields[1].isdigit():
            if (int(fields[0]), int(fields[1])) == (parameter, instance):
                return int(fields[2])
    raise LookupError(f"no optimum for j30 {parameter} {instance}")


def test_psplib_j301_1_is_solved_to_optimality():
    psplib = pytest.importorskip("psplib")
    path = PSPLIB / "j30" / "j301_1.sm"
    if not path.exists():
        pytest.skip(f"{path} is missing")
    data = psplib.parse(str(path), instance_format="psplib")
    resources = [f"R{k + 1}" for k in range(len(data.resources))]
    activities = tuple(
        Activity(i, a.modes[0].duration,
                 {r: q for r, q in zip(resources, a.modes[0].demands) if q},
                 successors=tuple(a.successors))
        for i, a in enumerate(data.activities))
    problem = Problem(activities, {r: res.capacity for r, res in zip(resources, data.resources)})
    schedule = solve_exact(problem, time_limit=10)
    assert schedule.makespan == j30_optimum(1, 1)
    assert schedule.optimal
    assert schedule.lower_bound == schedule.makespan
    check(problem, schedule)
