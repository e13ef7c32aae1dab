"""What every command shares: the base class that applies and undoes a command's row
changes, its error, and the check that names an unknown capability."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..catalog.problems import suggest
from .planfile import Change, PlanFile, PlanFileError
from .schema import KEYS


class CommandError(PlanFileError):
    """A command was given a value the plan cannot hold."""


ENTRY_DEFAULTS = {"level": None, "criteria_met": "[]", "not_applicable": 0, "na_reason": "",
                  "confidence": "medium", "assessed_by": "", "assessed_at": ""}


@dataclass
class Command:
    text: str = field(init=False, default="")
    _before: list[Change] = field(init=False, default_factory=list, repr=False)
    _after: list[Change] = field(init=False, default_factory=list, repr=False)

    def changes(self, plan: PlanFile) -> list[Change]:
        raise NotImplementedError

    def apply(self, plan: PlanFile) -> None:
        if not self._after:
            self._after = self.changes(plan)
            self._before = [(t, k, strip_keys(plan.get(t, k), t)) for t, k, _ in self._after]
        plan.write(self._after)

    def undo(self, plan: PlanFile) -> None:
        plan.write(reversed(self._before))


def strip_keys(row: dict | None, table: str) -> dict | None:
    """A row without its key columns (the key is the change's own)."""
    return None if row is None else {k: v for k, v in row.items() if k not in KEYS[table]}


def capability_of(plan: PlanFile, cap_id: str):
    try:
        return plan.catalog.capability(cap_id)
    except KeyError:
        ids = [c.id for c in plan.catalog.capabilities]
        raise CommandError(f"unknown capability '{cap_id}'. {suggest(cap_id, ids)}".strip()) from None
