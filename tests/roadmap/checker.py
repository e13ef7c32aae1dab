"""An independent checker of schedules and roadmaps, written apart from the engine."""


def check_schedule(problem, starts, durations=None):
    """Every precedence, pin, release and per-period capacity holds. `durations` names
    the activities run in another mode than their first (Schedule.durations)."""
    acts = {a.id: a for a in problem.activities}
    assert set(starts) == set(acts)
    run = {}  # id -> (duration, demands) in the mode chosen
    for a in problem.activities:
        chosen = (durations or {}).get(a.id, a.duration)
        mode = next((m for m in a.modes if m.duration == chosen), None) if chosen != a.duration else None
        run[a.id] = (a.duration, a.demands) if mode is None else (mode.duration, mode.demands)
    for a in problem.activities:
        s = starts[a.id]
        assert s >= a.release, (a.id, s)
        if a.fixed_start is not None:
            assert s == a.fixed_start, (a.id, s)
        for succ in a.successors:
            assert s + run[a.id][0] <= starts[succ], f"{a.id} must finish before {succ} starts"
    end = max((starts[a] + run[a][0] for a in acts), default=0)
    for resource in problem.capacities:
        for t in range(end):
            used = sum(demands.get(resource, 0) for a, (d, demands) in run.items() if starts[a] <= t < starts[a] + d)
            assert used <= problem.capacity(resource, t) + 1e-6, (resource, t, used)


def required_before(catalog, current, item, present):
    """What must finish before `item` starts, worked out here from the catalog and the
    current levels, not read from the roadmap: the capability's step below, and for each
    required dependency of the level the item reaches, the step that brings the needed
    capability to the needed level (which must be in the roadmap unless that capability
    is there already or is not applicable). Yields (step id or None, why); None means the
    needed step is missing."""
    if (item.capability, item.from_level) in present:
        yield present[(item.capability, item.from_level)], "the step below"
    for dep in catalog.dependencies:
        if dep.optional or dep.capability != item.capability or dep.level != item.to_level:
            continue
        now = current.get(dep.needs)
        if now is None or now >= dep.needs_level:
            continue  # not applicable, or there already
        yield present.get((dep.needs, dep.needs_level)), f"{dep.needs} at {dep.needs_level}"


def check_roadmap(roadmap, catalog=None, state=None):
    """Precedences, capacity per role per period, budget per period and in total. Given
    the catalog and the plan's state, the precedences are derived from them (see
    required_before), so a dependency the engine dropped shows; without them, the
    roadmap's own predecessors are checked."""
    items = {i.id: i for i in roadmap.items}
    settings = roadmap.settings
    if catalog is not None and state is not None:
        from planner.assessment.assess import assess

        current = assess(catalog, state).current
        present = {(i.capability, i.to_level): i.id for i in roadmap.items}
        for item in roadmap.items:
            for before, why in required_before(catalog, current, item, present):
                assert before is not None, f"{item.id} needs {why}, which no step of the roadmap reaches"
                assert items[before].finish <= item.start, f"{before} ({why}) must finish before {item.id} starts"
    for item in roadmap.items:
        assert item.finish > item.start >= 0
        for p in item.predecessors:
            assert items[p].finish <= item.start, f"{p} must finish before {item.id} starts"
    for t in range(roadmap.makespan):
        active = [i for i in roadmap.items if i.start <= t < i.finish]
        for role, cap in settings.capacity.items():
            limit = cap.values[min(t, len(cap.values) - 1)]  # one per period, the last holding on
            used = sum(i.demand.get(role, 0) for i in active)
            assert used <= limit + 1e-6, (role, t, used, limit)
        if settings.budget_per_period is not None:
            b = settings.budget_per_period.values
            limit = b[min(t, len(b) - 1)]
            spent = sum(i.cost / (i.finish - i.start) for i in active)
            assert spent <= limit + 1e-6, (t, spent, limit)
    if settings.budget_total is not None:
        assert sum(i.cost for i in roadmap.items) <= settings.budget_total + 1e-6
