"""Where the organisation stands on every framework at once.

A framework level is reached when every requirement of it and of all lower levels is
met. A requirement on a capability marked not applicable counts as met: the
organisation does not need it, so it cannot hold the organisation back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from ..catalog.model import Catalog, Framework


@dataclass(frozen=True)
class Unmet:
    capability: str
    required: int
    current: int


@dataclass(frozen=True)
class Attainment:
    framework: str
    name: str
    now: int
    now_name: str
    target: int
    target_name: str
    next_level: int | None  # None at the top of the framework
    next_unmet: tuple[Unmet, ...]  # what stands between now and next_level


def reached(framework: Framework, levels: Mapping[str, int | None]) -> int:
    result = framework.levels[0].level
    for fl in framework.levels:
        if all(_met(levels, r.capability, r.level) for r in fl.requires):
            result = fl.level
        else:
            break
    return result


def _met(levels: Mapping[str, int | None], capability: str, required: int) -> bool:
    level = levels.get(capability)
    return level is None or level >= required


def attainment(catalog: Catalog, framework: Framework, now: Mapping[str, int | None],
               target: Mapping[str, int | None]) -> Attainment:
    now_level = reached(framework, now)
    target_level = reached(framework, target)
    names = {fl.level: fl.name for fl in framework.levels}
    higher = [fl for fl in framework.levels if fl.level > now_level]
    unmet: tuple[Unmet, ...] = ()
    if higher:
        required = framework.cumulative_requirements(higher[0].level)
        unmet = tuple(Unmet(cap, level, now[cap]) for cap, level in sorted(required.items())
                      if not _met(now, cap, level))
    return Attainment(framework.id, framework.name, now_level, names[now_level], target_level,
                      names[target_level], higher[0].level if higher else None, unmet)


def crosswalk(catalog: Catalog, now: Mapping[str, int | None],
              target: Mapping[str, int | None]) -> list[Attainment]:
    return [attainment(catalog, fw, now, target) for fw in catalog.frameworks]
