"""What changed between two catalogs: shown before a plan moves to a newer catalog."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .model import Catalog


@dataclass(frozen=True)
class CatalogDiff:
    old_version: str
    new_version: str
    capabilities_added: tuple[str, ...]
    capabilities_removed: tuple[str, ...]
    scale_renamed: tuple[tuple[int, str, str], ...]  # level, old name, new name
    levels_added: tuple[tuple[str, int], ...]  # capability, level
    levels_removed: tuple[tuple[str, int], ...]
    descriptors_changed: tuple[tuple[str, int], ...]
    criteria_changed: tuple[tuple[str, int], ...]
    dependencies_added: tuple[str, ...]  # "a@2 needs b@3"
    dependencies_removed: tuple[str, ...]
    frameworks_changed: tuple[str, ...]
    options_added: tuple[str, ...]
    options_removed: tuple[str, ...]
    capabilities_changed: tuple[str, ...] = ()  # name, summary, description, dimension or tags
    options_changed: tuple[str, ...] = ()  # the same option with other facts (licence, status, ...)
    estimates_changed: tuple[str, ...] = ()  # "capability 1→2 build", added, removed or changed
    other_changed: bool = False  # anything else (the catalog's own details, roles, sources, ...)

    @property
    def empty(self) -> bool:
        return not any(getattr(self, name) for name in self.__dataclass_fields__
                       if name not in ("old_version", "new_version"))

    def lines(self) -> list[str]:
        """The change report, one line per kind of change."""
        out = [f"catalog {self.old_version} → {self.new_version}"]
        if self.empty:
            return out + ["no changes"]

        def add(label: str, items) -> None:
            if items:
                out.append(f"{label} ({len(items)}): " + ", ".join(map(_show, items)))

        add("capabilities added", self.capabilities_added)
        add("capabilities removed", self.capabilities_removed)
        add("scale levels renamed", [f"{lv} '{a}' → '{b}'" for lv, a, b in self.scale_renamed])
        add("levels added", self.levels_added)
        add("levels removed", self.levels_removed)
        add("level descriptors changed", self.descriptors_changed)
        add("level criteria changed", self.criteria_changed)
        add("dependencies added", self.dependencies_added)
        add("dependencies removed", self.dependencies_removed)
        add("frameworks changed", self.frameworks_changed)
        add("options added", self.options_added)
        add("options removed", self.options_removed)
        add("capabilities reworded or moved", self.capabilities_changed)
        add("option facts changed", self.options_changed)
        add("estimates changed", self.estimates_changed)
        if self.other_changed:
            out.append("other details changed (the catalog's description, roles, sources, tags or risks)")
        return out


def _show(item) -> str:
    return f"{item[0]}@{item[1]}" if isinstance(item, tuple) else str(item)


def _dep(d) -> str:
    return f"{d.capability}@{d.level} needs {d.needs}@{d.needs_level}"


def diff_catalogs(old: Catalog, new: Catalog) -> CatalogDiff:
    old_caps = {c.id: c for c in old.capabilities}
    new_caps = {c.id: c for c in new.capabilities}
    both = [cid for cid in old_caps if cid in new_caps]
    old_levels = {(cid, lv.level): lv for cid in both for lv in old_caps[cid].levels}
    new_levels = {(cid, lv.level): lv for cid in both for lv in new_caps[cid].levels}
    shared = [k for k in old_levels if k in new_levels]
    old_deps = {_dep(d) for d in old.dependencies}
    new_deps = {_dep(d) for d in new.dependencies}
    old_fw = {f.id: f for f in old.frameworks}
    new_fw = {f.id: f for f in new.frameworks}
    old_opts = {o.id for o in old.options}
    new_opts = {o.id for o in new.options}
    return CatalogDiff(
        old_version=old.info.version,
        new_version=new.info.version,
        capabilities_added=tuple(cid for cid in new_caps if cid not in old_caps),
        capabilities_removed=tuple(cid for cid in old_caps if cid not in new_caps),
        scale_renamed=tuple((lv, old.scale.name(lv), new.scale.name(lv)) for lv in old.scale.levels
                            if lv in new.scale and old.scale.name(lv) != new.scale.name(lv)),
        levels_added=tuple(k for k in new_levels if k not in old_levels),
        levels_removed=tuple(k for k in old_levels if k not in new_levels),
        descriptors_changed=tuple(k for k in shared if old_levels[k].descriptor != new_levels[k].descriptor),
        criteria_changed=tuple(k for k in shared if old_levels[k].criteria != new_levels[k].criteria),
        dependencies_added=tuple(sorted(new_deps - old_deps)),
        dependencies_removed=tuple(sorted(old_deps - new_deps)),
        frameworks_changed=tuple(sorted(
            {fid for fid in old_fw.keys() ^ new_fw.keys()}
            | {fid for fid in old_fw.keys() & new_fw.keys() if old_fw[fid] != new_fw[fid]})),
        options_added=tuple(sorted(new_opts - old_opts)),
        options_removed=tuple(sorted(old_opts - new_opts)),
        capabilities_changed=tuple(cid for cid in both
                                   if replace(old_caps[cid], levels=()) != replace(new_caps[cid], levels=())),
        options_changed=tuple(sorted(o.id for o in new.options if o.id in old_opts and o != old.option(o.id))),
        estimates_changed=_estimates_changed(old, new),
        other_changed=(replace(old.info, version="") != replace(new.info, version="")  # the version is line 1
                       or any(getattr(old, name) != getattr(new, name)
                              for name in ("dimensions", "tags", "roles", "sources", "risks"))),
    )


def _estimates_changed(old: Catalog, new: Catalog) -> tuple[str, ...]:
    before = {e.key: e for e in old.estimates}
    after = {e.key: e for e in new.estimates}
    return tuple(f"{cap} {level - 1}→{level} {approach}" for cap, level, approach in sorted(before.keys() | after.keys())
                 if before.get((cap, level, approach)) != after.get((cap, level, approach)))
