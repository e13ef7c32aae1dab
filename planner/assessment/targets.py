"""Effective targets: typed targets and framework targets, raised to what the
dependency graph requires, with the reason for each raise."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from ..catalog.model import Catalog


@dataclass(frozen=True)
class Raise:
    capability: str
    from_level: int
    to_level: int
    because: str  # the capability and level that need it
    reason: str  # the catalog's reason for the dependency


@dataclass(frozen=True)
class Targets:
    levels: dict[str, int]  # capability -> effective target (never below current)
    origin: dict[str, str]  # capability -> "current", "target", "framework:<id> <level>" or "prerequisite"
    raises: tuple[Raise, ...]


def effective_targets(catalog: Catalog, current: Mapping[str, int | None], typed: Mapping[str, int],
                      framework_targets: Mapping[str, int]) -> Targets:
    levels: dict[str, int] = {}
    origin: dict[str, str] = {}
    not_applicable = {cap for cap, level in current.items() if level is None}
    for cap in catalog.capabilities:
        levels[cap.id] = current.get(cap.id) if current.get(cap.id) is not None else cap.min_level
        origin[cap.id] = "current"
    frameworks = {f.id: f for f in catalog.frameworks}
    for fw_id, fw_level in framework_targets.items():
        if fw_id not in frameworks:
            continue  # a framework the catalog no longer has
        for cap_id, level in frameworks[fw_id].cumulative_requirements(fw_level).items():
            if cap_id not in not_applicable and level > levels[cap_id]:
                levels[cap_id] = level
                origin[cap_id] = f"framework:{fw_id} {fw_level}"
    for cap_id, level in typed.items():
        if cap_id in levels and cap_id not in not_applicable and level > levels[cap_id]:
            levels[cap_id] = min(level, catalog.capability(cap_id).max_level)
            origin[cap_id] = "target"
    raises: list[Raise] = []
    changed = True
    while changed:  # fixpoint over the level-qualified dependencies
        changed = False
        for dep in catalog.dependencies:
            if dep.optional or dep.needs in not_applicable or dep.capability in not_applicable:
                continue
            if levels[dep.capability] >= dep.level and levels[dep.needs] < dep.needs_level:
                raises.append(Raise(dep.needs, levels[dep.needs], dep.needs_level,
                                    f"{dep.capability}@{dep.level}", dep.reason))
                levels[dep.needs] = dep.needs_level
                origin[dep.needs] = "prerequisite"
                changed = True
    return Targets(levels, origin, tuple(raises))
