"""Every edit the views can make, as one function each. Each builds the core command
and hands it to the document, which saves it and puts it on the undo stack; each
returns False when the edit was refused (the document has reported why).

Views import this module, never the store. Roadmap inputs (settings, option choices,
pins) go to the scenario on show when there is one, so that editing a scenario never
changes the plan underneath it.
"""

from __future__ import annotations

import copy
from typing import Any

from .document import commands as c


def _who(document) -> str:
    return document.state.active


# -- assessment -------------------------------------------------------------------------

def set_level(document, capability: str, level: int | None) -> bool:
    """Pick a level directly; None goes back to the level the criteria give."""
    return document.execute(c.SetLevel(_who(document), capability, level))


def set_criterion(document, capability: str, level: int, index: int, met: bool) -> bool:
    return document.execute(c.SetCriterion(_who(document), capability, level, index, met))


def set_not_applicable(document, capability: str, not_applicable: bool, reason: str = "") -> bool:
    return document.execute(c.SetNotApplicable(_who(document), capability, not_applicable, reason))


def set_confidence(document, capability: str, confidence: str) -> bool:
    return document.execute(c.SetConfidence(_who(document), capability, confidence))


def add_evidence(document, capability: str, note: str, link: str = "") -> bool:
    if not note.strip():
        document.error.emit("Write the evidence note first.")
        return False
    return document.execute(c.AddEvidence(_who(document), capability, note.strip(), link.strip()))


def remove_evidence(document, evidence_id: str) -> bool:
    return document.execute(c.RemoveEvidence(evidence_id))


def set_vote(document, capability: str, participant: str, level: int | None, note: str = "") -> bool:
    return document.execute(c.SetVote(_who(document), capability, participant.strip(), level, note))


def vote_round(document, capability: str, round_) -> bool:
    """A revealed vote round: its votes (replacing an earlier round's anonymous votes
    that it does not cover) and a note of the result as evidence, undone as one."""
    from ..assessment.workshop import stale_anonymous

    who = _who(document)
    votes = round_.votes()
    if not votes:
        document.error.emit("The round has no votes yet: press a level's number for each vote.")
        return False
    existing = document.state.assessment().votes.get(capability, ())
    commands = [c.SetVote(who, capability, name, None) for name in stale_anonymous(existing, votes)]
    commands += [c.SetVote(who, capability, v.participant, v.level, v.note) for v in votes]
    commands.append(c.AddEvidence(who, capability, round_.summary(), by="workshop"))
    name = document.catalog.capability(capability).name
    return document.execute(c.Batch(commands, f"Vote round on {name} ({round_.size} votes)"))


def import_team_votes(document, path, team: str) -> bool:
    """Another room's exported votes (CSV or JSON), as votes by "TEAM / participant"."""
    from .document import PlanFileError, team_rows

    try:
        rows = team_rows(path, team, _who(document))
        if not rows:
            raise PlanFileError(f"{path}: no votes or levels to import (export the team's plan with "
                                f"'roadmap-planner plan export' or File > Export votes)")
        changes = document.import_changes(rows, str(path))
    except PlanFileError as exc:
        document.error.emit(str(exc))
        return False
    return document.execute(c.Apply(changes, f"Import {team.strip()}'s votes ({len(rows)})"))


def set_active_assessment(document, name: str) -> bool:
    return document.execute(c.SetActiveAssessment(name))


def take_snapshot(document, name: str) -> bool:
    return document.execute(c.TakeSnapshot(_who(document), name.strip()))


# -- targets ----------------------------------------------------------------------------

def set_target(document, capability: str, level: int | None) -> bool:
    return document.execute(c.SetTarget(capability, level))


def set_framework_target(document, framework: str, level: int | None) -> bool:
    return document.execute(c.SetFrameworkTarget(framework, level))


def set_priority(document, capability: str, priority: int | None) -> bool:
    return document.execute(c.SetPriority(capability, priority))


def set_deadline(document, framework: str, level: int, period: int | None) -> bool:
    return document.execute(c.SetDeadline(framework, level, period))


# -- roadmap inputs (scenario-aware) ------------------------------------------------------

def _scenario_data(document) -> dict:
    return copy.deepcopy(dict(document.state.scenarios[document.scenario]))


def _save_scenario(document, data: dict, text: str, merge_key: tuple | None = None) -> bool:
    return document.execute(c.SaveScenario(document.scenario, data, label=f"{text} in scenario {document.scenario}"),
                            merge_key)


def set_setting(document, key: str, value: Any, merge: bool = True) -> bool:
    """A roadmap setting (see planner/roadmap/settings.py); None resets it. Repeated
    changes of one setting merge into one undo step."""
    merge_key = ("setting", document.scenario, key) if merge else None
    if document.scenario is None:
        return document.execute(c.SetSetting(key, value), merge_key)
    data = _scenario_data(document)
    settings = data.setdefault("settings", {})
    if key == "time_unit" and value is not None:
        _switch_scenario_unit(document, data, value)
    if value is None:
        settings.pop(key, None)
    else:
        settings[key] = value
    return _save_scenario(document, data, f"Set {key}", merge_key)


def _switch_scenario_unit(document, data: dict, new: str) -> None:
    """A scenario's own budget, capacity per period and pins, moved to the new unit as
    the plan's are (see SetSetting)."""
    from ..roadmap.engine import inputs
    from ..roadmap.settings import SettingsError, convert_pins, read_settings, unit_switch

    try:
        current = read_settings(document.catalog, inputs(document.state, document.scenario)[0])
    except SettingsError:
        return
    old, start = current.time_unit, current.start_date
    if old == new:
        return
    merged = {**document.state.settings, **data["settings"]}
    data["settings"].update(unit_switch(merged, old, new, start))
    data["pins"] = convert_pins(data.get("pins", {}), old, new, start)


def set_capacity(document, role: str, fte: float) -> bool:
    """One role's FTE; the other roles keep the capacity in force (the scenario's when
    one is shown), whether or not the plan has a roadmap just now."""
    from ..roadmap.engine import inputs
    from ..roadmap.settings import DEFAULTS, SettingsError, read_settings

    raw = inputs(document.state, document.scenario)[0]
    try:
        capacity = {r: value.plain() for r, value in read_settings(document.catalog, raw).capacity.items()}
    except SettingsError:  # another setting is unusable just now: keep the capacity as written
        capacity = {**DEFAULTS["capacity"], **raw.get("capacity", {})}
    capacity[role] = fte
    return set_setting(document, "capacity", capacity)


def choose_option(document, capability: str, approach: str | None, option: str | None = None) -> bool:
    """Choose build, adopt or buy with a named option; approach None goes back to the
    engine's recommendation."""
    if document.scenario is None:
        return document.execute(c.ChooseOption(capability, approach, option))
    data = _scenario_data(document)  # SaveScenario checks the choice as ChooseOption would
    decisions = data.setdefault("decisions", {})
    if approach is None:
        decisions.pop(capability, None)
    else:
        decisions[capability] = [approach, option]
    return _save_scenario(document, data, f"Choose for {capability}")


def pin_item(document, item: str, period: int | None, excluded: bool = False) -> bool:
    """Pin a step to start in `period`, exclude it, or free it (period None)."""
    if document.scenario is None:
        return document.execute(c.PinItem(item, period, excluded))
    data = _scenario_data(document)
    pins = data.setdefault("pins", {})
    if period is None and not excluded:
        pins.pop(item, None)
    else:
        pins[item] = None if excluded else period
    verb = "Free" if period is None and not excluded else "Exclude" if excluded else f"Pin to period {period}:"
    return _save_scenario(document, data, f"{verb} {item}")


def save_scenario(document, name: str, data: dict) -> bool:
    return document.execute(c.SaveScenario(name.strip(), data))


def delete_scenario(document, name: str) -> bool:
    return document.execute(c.SaveScenario(name, None))


def set_progress(document, item: str, status: str | None, on: str = "") -> bool:
    """Mark a step started, done or dropped (today when `on` is ''), or forget it (None).
    Progress belongs to the plan, whichever scenario is shown."""
    return document.execute(c.SetProgress(item, status, on))


def take_baseline(document) -> bool:
    """Keep the roadmap on screen as the baseline to compare progress with."""
    from ..roadmap.progress import baseline_of

    roadmap = document.roadmap
    if roadmap is None or not roadmap.items:
        return False
    return document.execute(c.TakeBaseline(baseline_of(roadmap)))


def clear_baseline(document) -> bool:
    return document.execute(c.TakeBaseline(None))
