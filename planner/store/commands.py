"""Every change to a plan is a small command that applies and undoes itself.

A command computes the row changes it makes, records the rows it replaces, and writes
both through the plan file at once. The desktop app wraps these same objects in
QUndoCommands; the CLI and the tests call them directly.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from .. import jsonio, words

from ..assessment.model import CONFIDENCES
from ..assessment.scoring import current_levels
from .commands_base import ENTRY_DEFAULTS, Command, CommandError, capability_of as _capability
from .commands_base import strip_keys as _strip
from .planfile import Change, PlanFile, now


# -- validation helpers ---------------------------------------------------------------

def _level(plan: PlanFile, cap_id: str, level: int) -> int:
    cap = _capability(plan, cap_id)
    if not isinstance(level, int) or not cap.min_level <= level <= cap.max_level:
        raise CommandError(f"level {level!r} is out of range for '{cap_id}' "
                           f"(use {cap.min_level} to {cap.max_level})")
    return level


def _assessment(plan: PlanFile, name: str) -> str:
    if plan.get("assessments", (name,)) is None:
        names = [a.name for a in plan.state.assessments]
        raise CommandError(f"unknown assessment '{name}' (the plan has: {', '.join(names)})")
    return name


def _entry(plan: PlanFile, assessment: str, cap_id: str, by: str, **values) -> Change:
    _assessment(plan, assessment)
    _capability(plan, cap_id)
    row = _strip(plan.get("entries", (assessment, cap_id)), "entries") or dict(ENTRY_DEFAULTS)
    row.update(values, assessed_at=now())
    if by:
        row["assessed_by"] = by
    return ("entries", (assessment, cap_id), row)


# -- assessment commands --------------------------------------------------------------

@dataclass
class SetLevel(Command):
    assessment: str
    capability: str
    level: int | None  # None: derive from criteria
    by: str = ""

    def changes(self, plan):
        if self.level is not None:
            _level(plan, self.capability, self.level)
        self.text = f"Set {self.capability} to level {self.level}"
        return [_entry(plan, self.assessment, self.capability, self.by, level=self.level)]


@dataclass
class SetCriterion(Command):
    assessment: str
    capability: str
    level: int
    index: int
    met: bool
    by: str = ""

    def changes(self, plan):
        cap = _capability(plan, self.capability)
        _level(plan, self.capability, self.level)
        if not 0 <= self.index < len(cap.level(self.level).criteria):
            raise CommandError(f"'{self.capability}' level {self.level} has no criterion {self.index + 1}")
        row = plan.get("entries", (self.assessment, self.capability))
        met = {tuple(x) for x in json.loads(row["criteria_met"])} if row else set()
        (met.add if self.met else met.discard)((self.level, self.index))
        self.text = f"{'Tick' if self.met else 'Untick'} a criterion of {self.capability}"
        return [_entry(plan, self.assessment, self.capability, self.by, criteria_met=jsonio.dumps(sorted(met)))]


@dataclass
class SetNotApplicable(Command):
    assessment: str
    capability: str
    not_applicable: bool
    reason: str = ""
    by: str = ""

    def changes(self, plan):
        if self.not_applicable and not self.reason.strip():
            raise CommandError(f"give a reason why '{self.capability}' is not applicable")
        self.text = f"Mark {self.capability} {'not ' if self.not_applicable else ''}applicable"
        return [_entry(plan, self.assessment, self.capability, self.by,
                       not_applicable=int(self.not_applicable), na_reason=self.reason if self.not_applicable else "")]


@dataclass
class SetConfidence(Command):
    assessment: str
    capability: str
    confidence: str
    by: str = ""

    def changes(self, plan):
        if self.confidence not in CONFIDENCES:
            raise CommandError(f"confidence '{self.confidence}' is not one of {', '.join(CONFIDENCES)}")
        self.text = f"Set confidence of {self.capability} to {self.confidence}"
        return [_entry(plan, self.assessment, self.capability, self.by, confidence=self.confidence)]


@dataclass
class AddEvidence(Command):
    assessment: str
    capability: str
    note: str
    link: str = ""
    by: str = ""
    id: str = field(default_factory=lambda: uuid.uuid4().hex)

    def changes(self, plan):
        _assessment(plan, self.assessment)
        _capability(plan, self.capability)
        self.text = f"Add evidence to {self.capability}"
        return [("evidence", (self.id,), {"assessment": self.assessment, "capability": self.capability,
                                          "note": self.note, "link": self.link, "added_by": self.by,
                                          "added_at": now()})]


@dataclass
class RemoveEvidence(Command):
    id: str

    def changes(self, plan):
        self.text = "Remove evidence"
        return [("evidence", (self.id,), None)]


@dataclass
class SetVote(Command):
    assessment: str
    capability: str
    participant: str
    level: int | None  # None removes the vote
    note: str = ""

    def changes(self, plan):
        _assessment(plan, self.assessment)
        if self.level is not None:
            _level(plan, self.capability, self.level)
        if not self.participant.strip():
            raise CommandError("a vote needs the participant's name")
        self.text = f"{self.participant} votes {self.level} on {self.capability}"
        row = None if self.level is None else {"level": self.level, "note": self.note}
        return [("votes", (self.assessment, self.capability, self.participant), row)]


@dataclass
class AddAssessment(Command):
    name: str

    def changes(self, plan):
        if not self.name.strip():
            raise CommandError("an assessment needs a name")
        if plan.get("assessments", (self.name,)) is not None:
            raise CommandError(f"the plan already has an assessment named '{self.name}'")
        self.text = f"Add assessment {self.name}"
        return [("assessments", (self.name,), {"created_at": now()})]


@dataclass
class SetActiveAssessment(Command):
    name: str

    def changes(self, plan):
        _assessment(plan, self.name)
        self.text = f"Work on assessment {self.name}"
        return [("meta", ("active_assessment",), {"value": self.name})]


@dataclass
class TakeSnapshot(Command):
    assessment: str
    name: str

    def changes(self, plan):
        _assessment(plan, self.assessment)
        if not self.name.strip():
            raise CommandError("a snapshot needs a name")
        if plan.get("snapshots", (self.assessment, self.name)) is not None:
            raise CommandError(f"assessment '{self.assessment}' already has a snapshot named '{self.name}'")
        levels = current_levels(plan.catalog, plan.state.assessment(self.assessment))
        self.text = f"Take snapshot {self.name}"
        return [("snapshots", (self.assessment, self.name), {"taken_at": now(), "levels": jsonio.dumps(levels)})]


# -- targets and priorities -----------------------------------------------------------

@dataclass
class SetTarget(Command):
    capability: str
    level: int | None  # None clears the target

    def changes(self, plan):
        if self.level is not None:
            _level(plan, self.capability, self.level)
        self.text = f"Set target of {self.capability} to {self.level}"
        return [("targets", (self.capability,), None if self.level is None else {"level": self.level})]


@dataclass
class SetFrameworkTarget(Command):
    framework: str
    level: int | None

    def changes(self, plan):
        try:
            fw = plan.catalog.framework(self.framework)
        except KeyError:
            ids = ", ".join(f.id for f in plan.catalog.frameworks)
            raise CommandError(f"unknown framework '{self.framework}' (use one of: {ids})") from None
        if self.level is not None and self.level not in [fl.level for fl in fw.levels]:
            raise CommandError(f"{fw.name} has no level {self.level}")
        self.text = f"Target {words.framework_level(fw.name, self.level)}"
        return [("framework_targets", (self.framework,), None if self.level is None else {"level": self.level})]


@dataclass
class SetPriority(Command):
    capability: str
    priority: int | None

    def changes(self, plan):
        _capability(plan, self.capability)
        if self.priority is not None and self.priority not in range(1, 6):
            raise CommandError(f"priority {self.priority!r} must be 1 (lowest) to 5 (highest)")
        self.text = f"Set priority of {self.capability} to {self.priority}"
        return [("priorities", (self.capability,), None if self.priority is None else {"priority": self.priority})]


@dataclass
class Apply(Command):
    """Changes worked out and checked elsewhere (an import), applied and undone as one."""

    rows: list[Change]
    label: str = "Import"

    def changes(self, plan):
        self.text = self.label
        return list(self.rows)


@dataclass
class UpgradeCatalog(Command):
    """Move the plan to the catalog in `directory` (default: the bundled one): its copy of
    the catalog's files, and what the plan holds that the new catalog no longer allows
    (levels above a capability's new highest, targets on removed frameworks). `report`
    says what changed in the catalog and what that means for this plan. Undoing it puts
    the old catalog back."""

    directory: str | Path | None = None
    report: list[str] = field(init=False, default_factory=list)

    def changes(self, plan):
        from ..catalog.diff import diff_catalogs
        from ..catalog.load import catalog_files, load_catalog

        files = catalog_files(self.directory)
        new = load_catalog(self.directory)  # refuses a broken catalog, naming every problem
        report = diff_catalogs(plan.catalog, new).lines()
        changes: list[Change] = []
        caps = {c.id: c for c in new.capabilities}
        for row in plan.query("SELECT * FROM entries ORDER BY assessment, capability"):
            assessment, cap_id = row["assessment"], row["capability"]
            if cap_id not in caps:
                report.append(f"plan: the assessment of '{cap_id}' in '{assessment}' is kept in the file "
                              "but no longer shown (the capability was removed)")
            elif row["level"] is not None and row["level"] > caps[cap_id].max_level:
                report.append(f"plan: '{cap_id}' in '{assessment}' lowered from level {row['level']} "
                              f"to {caps[cap_id].max_level}, the new highest level")
                changes.append(("entries", (assessment, cap_id), {"level": caps[cap_id].max_level}))
        frameworks = {f.id for f in new.frameworks}
        for fw_id in plan.state.framework_targets:
            if fw_id not in frameworks:
                report.append(f"plan: the target on framework '{fw_id}' is dropped (the framework was removed)")
                changes.append(("framework_targets", (fw_id,), None))
        old = [row["path"] for row in plan.query("SELECT path FROM catalog_files")]
        changes += [("catalog_files", (path,), None) for path in old if path not in files]
        changes += [("catalog_files", (path,), {"content": content}) for path, content in files.items()]
        changes.append(("meta", ("catalog_version",), {"value": new.info.version}))
        self.report = report
        self.text = f"Upgrade the catalog to {new.info.version}"
        return changes


@dataclass
class Batch(Command):
    """Several commands applied and undone as one, in one transaction. Each command sees
    everything the earlier ones change, through every read of the plan (a snapshot after
    a new level holds the new level); changes to the same row are folded into one."""

    commands: list[Command]
    label: str = "Several changes"

    def changes(self, plan):
        self.text = self.label
        folded: dict[tuple[str, tuple], dict | None] = {}
        with plan.trial() as apply:
            for command in self.commands:
                changes = command.changes(plan)
                apply(changes)
                for table, key, row in changes:
                    folded[(table, tuple(key))] = row
        return [(table, key, row) for (table, key), row in folded.items()]


@dataclass
class SetDeadline(Command):
    framework: str
    level: int
    period: int | None

    def changes(self, plan):
        SetFrameworkTarget(self.framework, self.level).changes(plan)  # validates framework and level
        if self.period is not None and (not isinstance(self.period, int) or self.period < 0):
            raise CommandError("a deadline is a period of 0 or more (0 is the first)")
        self.text = (f"Deadline for {self.framework} level {self.level}: period {self.period}" if self.period is not None
                     else f"No deadline for {self.framework} level {self.level}")
        return [("deadlines", (self.framework, self.level), None if self.period is None else {"period": self.period})]


# The roadmap's commands live beside these; every command is importable from here.
from .roadmap_commands import (ChooseOption, PinItem, SaveScenario, SetProgress, SetSetting,  # noqa: E402, F401
                               TakeBaseline)
