"""Compare two snapshots of an assessment (or a snapshot with now)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping


@dataclass(frozen=True)
class Move:
    capability: str
    before: int | None  # None: not applicable (or not in that catalog)
    after: int | None

    @property
    def delta(self) -> int | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


def compare(before: Mapping[str, int | None], after: Mapping[str, int | None]) -> list[Move]:
    """The capabilities whose level differs, in the order of `after`, then any only in `before`."""
    keys = list(after) + [k for k in before if k not in after]
    return [Move(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]
