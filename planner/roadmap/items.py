"""Work items: one per level step of each capability between its current and target
level, with prerequisites from the level-qualified graph."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from ..catalog.model import Catalog


class StepError(ValueError):
    """Text that is not a step id; `capability` is what stands before its colon."""

    def __init__(self, text: str, capability: str):
        super().__init__(f"'{text}' is not a step; write a step as capability:from-to with to = from + 1, "
                         "e.g. feature_store:1-2")
        self.capability = capability


class StepId(str):
    """A work item's id: one level step of one capability, written "capability:from-to"
    with to = from + 1 ("feature_store:1-2"). It is a string (dictionary keys, JSON, the
    plan file's pins), built by `of` and read by `parse`, here and nowhere else."""

    __slots__ = ()

    @classmethod
    def of(cls, capability: str, to_level: int) -> "StepId":
        return str.__new__(cls, f"{capability}:{to_level - 1}-{to_level}")

    @classmethod
    def parse(cls, text: str) -> "StepId":
        """The id in `text`; StepError (a ValueError naming what is wrong) when it is not one."""
        capability, colon, step = str(text).partition(":")
        low, dash, high = step.partition("-")
        if not (capability and colon and dash and low.isdigit() and high.isdigit() and int(high) == int(low) + 1):
            raise StepError(text, capability)
        return cls.of(capability, int(high))

    @property
    def capability(self) -> str:
        return self.partition(":")[0]

    @property
    def to_level(self) -> int:
        return int(self.rpartition("-")[2])

    @property
    def from_level(self) -> int:
        return self.to_level - 1

    def words(self) -> str:
        """'1→2', as the views and the PDF write a step."""
        return f"{self.from_level}→{self.to_level}"


@dataclass(frozen=True)
class Item:
    id: StepId  # "feature_store:1-2"
    capability: str
    from_level: int
    to_level: int
    predecessors: tuple[str, ...]
    because: tuple[str, ...]  # for each predecessor, the reason (same order)




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
                (StepId.of(dep.needs, dep.needs_level), dep.reason))
    items = []
    for cap_id, level in steps:
        preds: list[tuple[str, str]] = []
        if (cap_id, level - 1) in steps:
            preds.append((StepId.of(cap_id, level - 1), "the level below comes first"))
        preds += needs.get((cap_id, level), [])
        items.append(Item(StepId.of(cap_id, level), cap_id, level - 1, level,
                          tuple(p for p, _ in preds), tuple(r for _, r in preds)))
    return items
