"""A generic resource-constrained project scheduler (RCPSP), with no catalog in sight.

    from planner.roadmap.scheduling import Activity, Problem, solve
    schedule = solve(Problem(activities, capacities), time_limit=1.0)

An instant heuristic (priority rules with the serial scheme and forward-backward
improvement), then a genetic search over activity lists within a budget of schedules and a
time limit, a choice among each activity's modes, and the time-indexed MIP (HiGHS), which
can prove optimality. With the optional `optimize` extra (OR-Tools CP-SAT) installed,
`solve(..., exact=True)` also runs CP-SAT. See docs/scheduling.md.
"""

from .model import Activity, InfeasibleProblem, Mode, Problem, Reason, Schedule
from .profile import Profile
from .solve import heuristic, solve

__all__ = ["Activity", "InfeasibleProblem", "Mode", "Problem", "Profile", "Reason", "Schedule", "heuristic", "solve"]
