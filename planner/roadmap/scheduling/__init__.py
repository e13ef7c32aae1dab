"""A generic resource-constrained project scheduler (RCPSP), with no catalog in sight.

    from planner.roadmap.scheduling import Activity, Problem, solve
    schedule = solve(Problem(activities, capacities), time_limit=1.0)

Two stages: an instant heuristic (priority rules with the serial scheme and
forward-backward improvement), then a genetic search over activity lists within a budget
of schedules and a time limit. With the optional `optimize` extra (OR-Tools CP-SAT)
installed, `solve(..., exact=True)` also runs the exact solver, warm-started from the
heuristic, which can prove optimality. See docs/scheduling.md.
"""

from .model import Activity, InfeasibleProblem, Problem, Schedule
from .solve import heuristic, solve

__all__ = ["Activity", "InfeasibleProblem", "Problem", "Schedule", "heuristic", "solve"]
