"""The commands that change a roadmap's inputs: settings, options, pins and exclusions,
and scenarios (a milestone's deadline is set with the framework targets, in commands.py). Like every command (commands.py), each computes its row changes,
records the rows it replaces and writes both through the plan file at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import jsonio
from ..catalog.problems import suggest
from .commands_base import Command, CommandError, capability_of
from .planfile import Change

@dataclass
class SetSetting(Command):
    """One roadmap setting (see planner/roadmap/settings.py); None removes it."""

    key: str
    value: object

    def changes(self, plan):
        from ..roadmap.settings import DATES, DEFAULTS, SettingsError, read_settings

        known = sorted([*DEFAULTS, *DATES])
        if self.key not in known:
            raise CommandError(f"unknown roadmap setting '{self.key}'; "
                               + (suggest(self.key, known) or "settings are: " + ", ".join(known)))
        if self.value is not None:
            try:
                read_settings(plan.catalog, {**plan.state.settings, self.key: self.value})
            except SettingsError as exc:
                raise CommandError(str(exc)) from None
        self.text = f"Set {self.key} to {jsonio.dumps(self.value)}" if self.value is not None else f"Reset {self.key}"
        changes = [("settings", (self.key,), None if self.value is None else {"value": jsonio.dumps(self.value)})]
        if self.key == "time_unit":
            changes += self._unit_switch(plan, DEFAULTS["time_unit"] if self.value is None else self.value)
        return changes

    def _unit_switch(self, plan, new: str) -> list[Change]:
        """A new time unit keeps the plan's meaning: the budget per period is scaled to the
        new period's length, and capacity per period, pins and deadlines are moved to the
        periods that hold the same dates (settings.convert_period)."""
        from ..roadmap.settings import convert_period, convert_pins, read_settings, unit_switch

        state = plan.state
        current = read_settings(plan.catalog, state.settings)
        old, start = current.time_unit, current.start_date
        if old == new:
            return []
        switched = unit_switch(state.settings, old, new, start)
        pins = {item: period for item, period in convert_pins(state.pins, old, new, start).items()
                if period is not None}
        changes: list[Change] = [("settings", (key,), {"value": jsonio.dumps(value)}) for key, value in switched.items()]
        changes += [("pins", (item,), {"period": period, "excluded": 0}) for item, period in pins.items()]
        changes += [("deadlines", key, {"period": convert_period(period, old, new, start, deadline=True)})
                    for key, period in state.deadlines.items()]
        moved = [what for what, present in (("the budget per period", "budget_per_period" in switched),
                                            ("capacity per period", "capacity" in switched), ("pins", pins),
                                            ("deadlines", state.deadlines)) if present]
        if moved:
            self.text += f"; {', '.join(moved)} converted to {new}s"
        return changes


@dataclass
class ChooseOption(Command):
    """Build, adopt or buy for a capability, with a named option; approach None clears
    the choice so the engine's recommendation applies."""

    capability: str
    approach: str | None
    option: str | None = None

    def changes(self, plan):
        from ..catalog.model import APPROACHES

        capability_of(plan, self.capability)
        if self.approach is not None and self.approach not in APPROACHES:
            raise CommandError(f"approach '{self.approach}' is not one of {', '.join(APPROACHES)}")
        if self.option is not None:
            try:
                option = plan.catalog.option(self.option)
            except KeyError:
                ids = [o.id for o in plan.catalog.options]
                raise CommandError(f"unknown option '{self.option}'. {suggest(self.option, ids)}".strip()) from None
            if self.capability not in option.covers:
                raise CommandError(f"{option.name} does not cover '{self.capability}'")
            if option.approach != self.approach:
                raise CommandError(f"{option.name} is an option to {option.approach}, not to {self.approach}")
        elif self.approach in ("adopt", "buy"):
            raise CommandError(f"name the option to {self.approach} for '{self.capability}'")
        self.text = (f"Back to the engine's recommendation for {self.capability}" if self.approach is None
                     else f"Choose {self.approach} {self.option or 'in-house'} for {self.capability}")
        row = None if self.approach is None else {"approach": self.approach, "option": self.option}
        return [("decisions", (self.capability,), row)]


def check_step(plan, item: str) -> None:
    """Refuse what is not a step of one of the catalog's capabilities, saying how to
    write one."""
    from ..roadmap.items import StepError, StepId

    try:
        step = StepId.parse(item)
        cap_id = step.capability
    except StepError as exc:
        step, cap_id = None, exc.capability
    cap = capability_of(plan, cap_id)
    if step is None or not cap.min_level <= step.from_level < cap.max_level:
        raise CommandError(f"'{item}' is not a step of '{cap_id}'; write a step as capability:from-to "
                           f"with to = from + 1, e.g. {StepId.of(cap_id, cap.min_level + 1)}")


@dataclass
class PinItem(Command):
    """Pin a work item ("feature_store:1-2") to start in a period, exclude it
    (excluded=True), or free it (period None, excluded False)."""

    item: str
    period: int | None
    excluded: bool = False

    def changes(self, plan):
        check_step(plan, self.item)
        if self.period is not None and (not isinstance(self.period, int) or self.period < 0):
            raise CommandError(f"pin {self.item} to a period of 0 or more (0 is the first)")
        free = self.period is None and not self.excluded
        self.text = (f"Free {self.item}" if free else f"Exclude {self.item}" if self.excluded
                     else f"Pin {self.item} to period {self.period}")
        return [("pins", (self.item,), None if free else {"period": self.period, "excluded": int(self.excluded)})]


@dataclass
class SaveScenario(Command):
    """A named variant: `data` holds "settings", "decisions" and "pins" laid over the
    plan's own. None deletes the scenario."""

    name: str
    data: dict | None
    label: str = ""  # what the undo history calls it (an edit made in the scenario), if not "Save scenario"

    def changes(self, plan):
        if not self.name.strip():
            raise CommandError("a scenario needs a name")
        if self.data is None:
            if plan.get("scenarios", (self.name,)) is None:
                raise CommandError(f"there is no scenario named '{self.name}'")
            self.text = f"Delete scenario {self.name}"
            return [("scenarios", (self.name,), None)]
        self._check(plan, self.data)
        self.text = self.label or f"Save scenario {self.name}"
        return [("scenarios", (self.name,), {"data": jsonio.dumps(self.data)})]

    @staticmethod
    def _check(plan, data) -> None:
        """Refuse what the plan's own commands would refuse, naming the scenario part."""
        from ..roadmap.settings import SettingsError, read_settings

        if not isinstance(data, dict):
            raise CommandError("a scenario is an object with settings, decisions, pins and description")
        unknown = set(data) - {"settings", "decisions", "pins", "description"}
        if unknown:
            raise CommandError(f"a scenario holds settings, decisions, pins and description, not {sorted(unknown)}")
        settings, decisions, pins = data.get("settings", {}), data.get("decisions", {}), data.get("pins", {})
        if not all(isinstance(part, dict) for part in (settings, decisions, pins)):
            raise CommandError("a scenario's settings, decisions and pins are each an object")
        try:
            read_settings(plan.catalog, {**plan.state.settings, **settings})
        except SettingsError as exc:
            raise CommandError(f"scenario settings: {exc}") from None
        for capability, choice in decisions.items():
            if not (isinstance(choice, list) and len(choice) == 2):
                raise CommandError(f'scenario decision for \'{capability}\' must be [approach, option], '
                                   f'e.g. ["buy", "amazon_sagemaker"] or ["build", null]')
            try:
                ChooseOption(capability, *choice).changes(plan)
            except CommandError as exc:
                raise CommandError(f"scenario decision: {exc}") from None
        for item, period in pins.items():
            try:
                PinItem(item, period, excluded=period is None).changes(plan)
            except CommandError as exc:
                raise CommandError(f"scenario pin: {exc}") from None


@dataclass
class SetProgress(Command):
    """Record what became of a step: "started", "done" or "dropped" on a day (ISO date;
    '' for today), or None to forget it. A step done or dropped after it started keeps
    the day it started."""

    item: str
    status: str | None
    on: str = ""

    def changes(self, plan):
        from datetime import date

        from ..assessment.model import PROGRESS

        check_step(plan, self.item)
        if self.status is None:
            if self.item not in plan.state.progress:
                raise CommandError(f"no progress is recorded for {self.item}")
            self.text = f"Forget the progress of {self.item}"
            return [("progress", (self.item,), None)]
        if self.status not in PROGRESS:
            raise CommandError(f"'{self.status}' is not a step's progress; write one of {', '.join(PROGRESS)}")
        try:
            day = date.fromisoformat(self.on) if self.on else date.today()
        except (TypeError, ValueError):
            raise CommandError(f"'{self.on}' is not a date; write it as YYYY-MM-DD") from None
        if not 1970 <= day.year <= 2200:
            raise CommandError(f"{day.isoformat()} is out of range; use a year from 1970 to 2200")
        before = plan.state.progress.get(self.item)
        started = before.started_on if before is not None else ""
        if self.status == "started":
            row = {"status": "started", "started_on": day.isoformat(), "finished_on": ""}
        else:
            if started and day.isoformat() < started:
                raise CommandError(f"{self.item} started on {started}: it cannot be {self.status} before "
                                   "that day; give a later day, or record its start again")
            row = {"status": self.status, "started_on": started, "finished_on": day.isoformat()}
        self.text = f"Mark {self.item} {self.status} on {day.isoformat()}"
        return [("progress", (self.item,), row)]


@dataclass
class TakeBaseline(Command):
    """Keep the roadmap's dates as the baseline to compare progress with: `steps` maps
    each step id to its (first day, last day), ISO dates. None clears the baseline."""

    steps: dict[str, tuple[str, str]] | None

    def changes(self, plan):
        from datetime import date

        old = [("baseline", (item,), None) for item in plan.state.baseline if item not in (self.steps or {})]
        if self.steps is None:
            if not plan.state.baseline:
                raise CommandError("this plan has no baseline to clear")
            self.text = "Clear the baseline"
            return old
        if not self.steps:
            raise CommandError("the roadmap has no steps to keep as a baseline")
        today = date.today().isoformat()
        self.text = f"Take the roadmap of {today} as the baseline"
        return old + [("baseline", (item,), {"start_date": first, "end_date": last, "taken_at": today})
                      for item, (first, last) in sorted(self.steps.items())]
