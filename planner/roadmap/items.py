"""Work items: one per level step of each capability between its current and target
level, with prerequisites from the level-qualified graph."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from ..catalog.model import Catalog


@dataclass(frozen=True)
class Item:
    id: str  # "feature_store:1-2"
    capability: str
    from_level: int
    to_level: int
    predecessors: tuple[str, ...]
    because: tuple[str, ...]  # for each predecessor, the reason (same order)


def item_id(capability: str, to_level: int) -> str:
    return f"{capability}:{to_level - 1}-{to_level}"


def work_items(catalog: Catalog, current: Mapping[str, int | None], targets: Mapping[str, int]) -> list[Item]:
    """Items in catalog order. `current` None means not applicable: no items."""
    steps: dict[tuple[str, int], None] = {}
    for cap in catalog.capabilities:
        now = current.get(cap.id)
        if now is None:
            continue
        for level in range(now + 1, targets.get(cap.id, now) + 1):
            steps[(cap.id, level)] = None
    needs: dict[tuple[str, int], list[tuple[str, str]]] = {}
    for dep in catalog.dependencies:
        if dep.optional or (dep.capability, dep.level) not in steps:
            continue
        if (dep.needs, dep.needs_level) in steps:
            needs.setdefault((dep.capability, dep.level), []).append(
                (item_id(dep.needs, dep.needs_level), dep.reason))
    items = []
    for cap_id, level in steps:
        preds: list[tuple[str, str]] = []
        if (cap_id, level - 1) in steps:
            preds.append((item_id(cap_id, level - 1), "the level below comes first"))
        preds += needs.get((cap_id, level), [])
        items.append(Item(item_id(cap_id, level), cap_id, level - 1, level,
                          tuple(p for p, _ in preds), tuple(r for _, r in preds)))
    return items
