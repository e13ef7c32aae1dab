"""The second loading step: check drafts against each other and build the `Catalog`."""

from __future__ import annotations

from typing import Any, Iterable

from . import licences
from . import model as m
from .fields import Report, Where
from .graph import build_graph, cyclic, find_cycles
from .load import Drafts
from .problems import hint_for, one_of


def build_catalog(drafts: Drafts, report: Report) -> m.Catalog | None:
    if drafts.info is None or drafts.scale is None:
        return None
    scale = drafts.scale[0]
    lists = {key: _unique(key, items, report) for key, items in drafts.lists.items()}
    ids = {key: {obj.id: obj for obj, _ in items} for key, items in lists.items() if key not in KEYED}
    check = Checker(report, scale, ids, drafts.broken)
    # Capabilities with malformed levels stay out of the graph; their problems are reported.
    sound_caps = [(c, w) for c, w in lists["capability"] if check.capability(c, w)]
    for obj, where in lists["dependency"]:
        check.dependency(obj, where)
    for obj, where in lists["framework"]:
        check.framework(obj, where)
    for obj, where in lists["option"]:
        check.option(obj, where)
    for obj, where in lists["estimate"]:
        check.estimate(obj, where)
    # Cycles are looked for even when other problems were found, among the parts that
    # are sound, so that one run reports everything.
    capabilities = ids["capability"]
    sound = [(d, w) for d, w in lists["dependency"]
             if d.capability in capabilities and d.needs in capabilities]
    cycles = []
    if cyclic((c for c, _ in sound_caps), (d for d, _ in sound)):  # networkx only to word a cycle
        cycles = find_cycles(build_graph(sound_caps, sound), sound)
    for cycle, where in cycles:
        path = " needs ".join(f"{cap}@{level}" for cap, level in cycle)
        report.add(where, f"dependency cycle: {path}",
                   "qualify one of these dependencies by level (raise 'level' so it applies "
                   "only to a higher level) or remove it")
    if report.problems:
        return None
    objs = {key: tuple(obj for obj, _ in items) for key, items in lists.items()}
    return m.Catalog(
        info=drafts.info[0],
        scale=scale,
        dimensions=objs["dimension"],
        tags=objs["tag"],
        roles=objs["role"],
        sources=objs["source"],
        risks=objs["risk"],
        capabilities=objs["capability"],
        dependencies=objs["dependency"],
        frameworks=objs["framework"],
        options=objs["option"],
        estimates=objs["estimate"],
    )


# Kinds identified by a compound key rather than an id.
KEYED = {
    "estimate": "capability, to_level and approach",
    "dependency": "capability, level, needs and needs_level",
}


def _unique(kind: str, items: list[tuple[Any, Where]], report: Report) -> list[tuple[Any, Where]]:
    """Drop (and report) items whose id, or key for estimates, was used before."""
    seen: dict[Any, Where] = {}
    kept = []
    for obj, where in items:
        key = obj.key if kind in KEYED else obj.id
        if key in seen:
            first = seen[key]
            shown = "/".join(map(str, key)) if kind in KEYED else key
            report.add(where if kind in KEYED else where.child("id"),
                       f"duplicate {kind} '{shown}'; it is first defined at {first.file.display}:{first.line()}",
                       f"give each {kind} a unique {KEYED.get(kind, 'id')}")
            continue
        seen[key] = where if kind in KEYED else where.child("id")
        kept.append((obj, where))
    return kept


class Checker:
    def __init__(self, report: Report, scale: m.Scale, ids: dict[str, dict[str, Any]],
                 broken: dict[str, set[str]]):
        self.broken = broken
        self.report = report
        self.scale = scale
        self.ids = ids

    # -- shared checks --------------------------------------------------------------

    def ref(self, kind: str, value: str, where: Where, label: str) -> Any:
        """The object `value` names, or None after reporting a dangling reference."""
        known = self.ids[kind]
        if value in known:
            return known[value]
        if value in self.broken[kind]:
            return None  # already reported where it is defined
        self.report.add(where, f"{label}: unknown {kind} '{value}'", hint_for(value, known))
        return None

    def refs(self, kind: str, values: Iterable[str], where: Where, label: str) -> None:
        for index, value in enumerate(values):
            self.ref(kind, value, where.child(index), label)

    def choice(self, value: str, choices: tuple[str, ...], where: Where, what: str) -> bool:
        if value in choices:
            return True
        self.report.add(where, f"{what} '{value}' is not allowed", hint_for(value, choices))
        return False

    def level(self, value: int, where: Where, label: str, cap: m.Capability | None = None) -> bool:
        """Report a level outside the scale, or above what `cap` defines."""
        if value not in self.scale:
            self.report.add(where, f"{label}: level {value} is outside the scale "
                            f"{self.scale.first}-{self.scale.last}",
                            f"use a level from {self.scale.first} to {self.scale.last}")
            return False
        if cap is not None and cap.levels and not cap.min_level <= value <= cap.max_level:
            self.report.add(where, f"{label}: capability '{cap.id}' has no level {value} "
                            f"(it defines levels {cap.min_level}-{cap.max_level})",
                            f"use a level from {cap.min_level} to {cap.max_level}, or add the "
                            f"level to '{cap.id}'")
            return False
        return True

    # -- per kind --------------------------------------------------------------------

    def capability(self, cap: m.Capability, where: Where) -> bool:
        """Check one capability; False when its levels are unusable."""
        label = f"capability '{cap.id}'"
        self.ref("dimension", cap.dimension, where.child("dimension"), label)
        self.refs("tag", cap.tags, where.child("tags"), label)
        self.refs("source", cap.sources, where.child("sources"), label)
        if not cap.levels:
            self.report.add(where, f"{label} defines no levels", "add [[capability.level]] blocks")
            return False
        expected = self.scale.first
        for index, level in enumerate(cap.levels):
            lw = where.child("level", index)
            if level.level != expected:
                self.report.add(lw.child("level"),
                                f"{label}: level {level.level} found where level {expected} was expected",
                                f"list the levels in order from {self.scale.first} without gaps")
                return False
            if not self.level(level.level, lw.child("level"), label):
                return False
            if level.level > self.scale.first and not level.criteria:
                self.report.add(lw, f"{label}: level {level.level} has no criteria",
                                'add criteria = ["an observable yes/no statement", ...]')
            if not level.descriptor.strip():
                self.report.add(lw.child("descriptor"), f"{label}: level {level.level} has an empty descriptor",
                                "describe what this level looks like in one sentence")
            expected += 1
        return True

    def dependency(self, dep: m.Dependency, where: Where) -> None:
        label = f"dependency of '{dep.capability}' on '{dep.needs}'"
        cap = self.ref("capability", dep.capability, where.child("capability"), "dependency")
        needs = self.ref("capability", dep.needs, where.child("needs"), "dependency")
        self.ref("source", dep.source, where.child("source"), label)
        if cap is not None:
            self.level(dep.level, where.child("level"), label, cap)
        if needs is not None:
            self.level(dep.needs_level, where.child("needs_level"), label, needs)
        if dep.capability == dep.needs:
            self.report.add(where.child("needs"), f"{label}: a capability cannot depend on itself",
                            "point 'needs' at another capability")

    def framework(self, fw: m.Framework, where: Where) -> None:
        label = f"framework '{fw.id}'"
        self.ref("source", fw.source, where.child("source"), label)
        numbers = [fl.level for fl in fw.levels]
        if not numbers:
            self.report.add(where, f"{label} defines no levels", "add [[framework.level]] blocks")
        if numbers != sorted(set(numbers)):
            self.report.add(where.child("level"), f"{label}: levels {numbers} must be unique and ascending",
                            "number the framework's levels in order, each once")
        for index, fl in enumerate(fw.levels):
            lw = where.child("level", index)
            for r_index, req in enumerate(fl.requires):
                rw = lw.child("requires", r_index)
                rlabel = f"{label}, level {fl.level}"
                cap = self.ref("capability", req.capability, rw.child("capability"), rlabel)
                if cap is not None:
                    self.level(req.level, rw.child("level"), rlabel, cap)
                if req.source:
                    self.ref("source", req.source, rw.child("source"), rlabel)
        for u_index, item in enumerate(fw.unstated):
            uw = where.child("unstated", u_index)
            cap = self.ref("capability", item.capability, uw.child("capability"), f"{label}, unstated")
            if cap is not None:
                self.level(item.level, uw.child("level"), f"{label}, unstated", cap)
            if not item.why.strip():
                self.report.add(uw.child("why"), f"{label}: an unstated requirement needs its reason",
                                "say in 'why' what the framework takes for granted")

    def option(self, opt: m.Option, where: Where) -> None:
        label = f"option '{opt.id}'"
        self.choice(opt.kind, m.OPTION_KINDS, where.child("kind"), f"{label}: kind")
        self.choice(opt.status, m.STATUSES, where.child("status"), f"{label}: status")
        for index, hosting in enumerate(opt.hosting):
            self.choice(hosting, m.HOSTINGS, where.child("hosting", index), f"{label}: hosting")
        if not opt.hosting:
            self.report.add(where.child("hosting"), f"{label}: 'hosting' is empty",
                            one_of(m.HOSTINGS))
        if opt.licence in licences.SOURCE_AVAILABLE and not opt.use_grant.strip():
            self.report.add(where.child("licence"),
                            f"{label}: licence '{opt.licence}' is source-available; say what it allows in "
                            "production",
                            "add use_grant = \"...\" with the licence's terms for a company's production use, "
                            "and paid_production_use = true when that use needs a paid licence")
        if opt.paid_production_use and not opt.use_grant.strip():
            self.report.add(where.child("paid_production_use"),
                            f"{label}: paid_production_use = true needs the terms in use_grant",
                            "add use_grant = \"...\" saying who may use it in production for free")
        if opt.owner_secondary and not opt.owner.strip():
            self.report.add(where.child("owner_secondary"), f"{label}: owner_secondary without an owner",
                            "add owner = \"...\", or remove owner_secondary")
        if opt.licence not in licences.KNOWN:
            self.report.add(where.child("licence"), f"{label}: unknown licence '{opt.licence}'",
                            hint_for(opt.licence, sorted(licences.KNOWN)) + "; use an SPDX id or 'proprietary'")
        elif opt.open_source != licences.is_open_source(opt.licence):
            if opt.open_source:
                why = ("is source-available, not open source" if opt.licence in licences.SOURCE_AVAILABLE
                       else "is not an open-source licence")
                self.report.add(where.child("open_source"), f"{label}: licence '{opt.licence}' {why}",
                                "set open_source = false")
            else:
                self.report.add(where.child("open_source"),
                                f"{label}: licence '{opt.licence}' is open source but open_source = false",
                                "set open_source = true, or give the licence that applies (e.g. 'proprietary')")
        if not opt.covers:
            self.report.add(where.child("covers"), f"{label} covers no capability",
                            "add covers = { capability_id = level }")
        for cap_id, level in opt.covers.items():
            cap = self.ref("capability", cap_id, where.child("covers", cap_id), label)
            if cap is not None:
                self.level(level, where.child("covers", cap_id), label, cap)

    def estimate(self, est: m.Estimate, where: Where) -> None:
        label = f"estimate for '{est.capability}'"
        cap = self.ref("capability", est.capability, where.child("capability"), "estimate")
        if cap is not None and self.level(est.to_level, where.child("to_level"), label, cap):
            if est.to_level == cap.min_level:
                self.report.add(where.child("to_level"),
                                f"{label}: to_level {est.to_level} is the lowest level; an estimate "
                                "covers the step up to a level",
                                f"use to_level {cap.min_level + 1} or higher")
        self.choice(est.approach, m.APPROACHES, where.child("approach"), f"{label}: approach")
        self.choice(est.confidence, m.CONFIDENCES, where.child("confidence"), f"{label}: confidence")
        for role in est.effort:
            self.ref("role", role, where.child("effort", role), label)
