"""The improvement stage: a steady-state genetic algorithm over activity lists, in the
manner of Hartmann (1998), with every child decoded by the serial scheme and improved by
forward-backward justification.

It is deterministic: the random generator is seeded and the stopping rule is a budget
of generated schedules. A wall-clock limit also stops it, as a guard; when the limit
rather than the budget ends the search, the result may differ between runs.
"""

from __future__ import annotations

import random
import time
from typing import Callable

from .core import Compiled, evaluate, order_by_start, schedule_list

POPULATION = 40
MUTATION = 0.05
SHIFT = 0.5  # chance that a child also has one activity moved elsewhere in its list
# Stop after a third of the budget without a better schedule, but after at least 1,000
# and at most 2,000: the solver then restarts the search, and on J30's hard instances
# restarting after 2,000 found shorter schedules than after 1,000, 3,000 or 4,000.
STALL_MIN, STALL_MAX = 1000, 2000


def search(c: Compiled, seeds: list[list[int]], budget: int, deadline: float, target: float,
           seed: int = 0, stop: Callable[[], bool] | None = None) -> tuple[list[int], int]:
    """Improve on the seed activity lists. Stops at `budget` schedules, after a third of
    the budget (1,000 to 2,000 schedules) without improvement, at the `deadline` (a
    time.perf_counter value), on reaching `target` (a lower bound), or when `stop()`
    says so (the desktop app's cancel: a newer edit made this search stale).
    Returns the best starts found and the number of schedules generated."""
    rng = random.Random(seed)
    n = len(c.dur)
    pred_sets = [set(p) for p in c.preds]
    succ_sets = [set(s) for s in c.succs]
    made = 0
    population: list[tuple[tuple[float, int], list[int], list[int]]] = []
    seen: set[tuple[int, ...]] = set()

    def decode(order: list[int]) -> None:
        nonlocal made
        decoded = schedule_list(c, order)
        if decoded is None:  # no room for some activity in this order: not a schedule
            made += 1
            return
        start, extra = decoded
        made += extra
        starts = tuple(start)
        if starts in seen:
            return
        seen.add(starts)
        population.append((evaluate(c, start), order_by_start(c, start), start))

    for order in seeds:
        decode(order)
    def running() -> bool:
        return time.perf_counter() < deadline and not (stop is not None and stop())

    while len(population) < POPULATION and made < budget and running():
        decode(_random_list(c, rng))
    population.sort(key=lambda item: item[0])
    del population[POPULATION:]
    best, last_gain = population[0][0], made
    stall = min(STALL_MAX, max(STALL_MIN, budget // 3))
    while made < budget and made - last_gain < stall and population[0][0][0] > target and running():
        mother = _pick(population, rng)
        father = _pick(population, rng)
        child = _crossover(mother, father, n, rng)
        _mutate(child, pred_sets, rng)
        if rng.random() < SHIFT:
            _shift(child, pred_sets, succ_sets, rng)
        before = len(population)
        decode(child)
        if len(population) > before:
            population.sort(key=lambda item: item[0])
            population.pop()
            if population[0][0] < best:
                best, last_gain = population[0][0], made
    return population[0][2], made


def _pick(population, rng: random.Random) -> list[int]:
    a, b = rng.randrange(len(population)), rng.randrange(len(population))
    return population[min(a, b)][1]  # the population is sorted: lower index is fitter


def _crossover(mother: list[int], father: list[int], n: int, rng: random.Random) -> list[int]:
    """Two-point crossover that keeps the list precedence-feasible: the mother's head,
    then the father's next activities in his order, then the rest in the mother's."""
    q1 = rng.randrange(n)
    q2 = rng.randrange(q1, n + 1)
    child = mother[:q1]
    taken = set(child)
    for j in father:
        if len(child) >= q2:
            break
        if j not in taken:
            child.append(j)
            taken.add(j)
    child.extend(j for j in mother if j not in taken)
    return child


def _mutate(order: list[int], pred_sets: list[set[int]], rng: random.Random) -> None:
    for i in range(len(order) - 1):
        if rng.random() < MUTATION and order[i] not in pred_sets[order[i + 1]]:
            order[i], order[i + 1] = order[i + 1], order[i]


def _shift(order: list[int], pred_sets: list[set[int]], succ_sets: list[set[int]], rng: random.Random) -> None:
    """Move one activity to a random place between its last predecessor and its first
    successor in the list, which keeps the list precedence-feasible."""
    i = rng.randrange(len(order))
    j = order.pop(i)
    low = max((k + 1 for k, a in enumerate(order) if a in pred_sets[j]), default=0)
    high = min((k for k, a in enumerate(order) if a in succ_sets[j]), default=len(order))
    order.insert(rng.randint(low, high), j)


def _random_list(c: Compiled, rng: random.Random) -> list[int]:
    """A random precedence-feasible list, biased towards activities that must start early."""
    from .core import latest_finish

    lf = latest_finish(c, c.horizon)
    remaining = [len(p) for p in c.preds]
    eligible = [j for j in range(len(remaining)) if remaining[j] == 0]
    order = []
    while eligible:
        worst = max(lf[j] for j in eligible)
        weights = [worst - lf[j] + 1 for j in eligible]
        j = rng.choices(eligible, weights)[0]
        eligible.remove(j)
        order.append(j)
        for s in c.succs[j]:
            remaining[s] -= 1
            if remaining[s] == 0:
                eligible.append(s)
    return order
