"""Load a catalog directory: parse every TOML file, then build frozen objects.

Loading happens in two steps, in the manner of orange-canvas-core's readwrite: first
each file is parsed and each table read into a draft object with its place in the file;
then `validate` checks the drafts against each other and builds the `Catalog`. Every
problem from both steps is collected, and `CatalogError` carries all of them.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

try:  # the compiled build of the standard library's parser: about 3x faster
    import tomli as tomllib
except ImportError:  # pragma: no cover - tomli is a declared dependency
    import tomllib

from ..limits import LIMITS, amount_problem
from . import model as m
from .fields import (
    BOOL,
    DATE,
    INT,
    INT_MAP,
    NUMBER,
    NUMBER_MAP,
    STR,
    STR_LIST,
    TABLE,
    TABLES,
    Fields,
    Report,
    SourceFile,
    Where,
)
from .problems import CatalogError, Problem

FORMAT_VERSION = 1

# Top-level keys a catalog file may hold: arrays of tables, and two single tables.
ARRAYS = (
    "dimension",
    "tag",
    "role",
    "source",
    "risk",
    "capability",
    "dependency",
    "framework",
    "option",
    "estimate",
)
SINGLE = ("catalog", "scale")


@dataclass
class Drafts:
    """Objects read from the files, each paired with where it was written."""

    info: tuple[m.CatalogInfo, Where] | None = None
    scale: tuple[m.Scale, Where] | None = None
    lists: dict[str, list[tuple[Any, Where]]] = field(
        default_factory=lambda: {name: [] for name in ARRAYS}
    )
    # Ids of tables that had problems of their own: references to them are not
    # reported again as dangling.
    broken: dict[str, set[str]] = field(default_factory=lambda: {name: set() for name in ARRAYS})


def bundled_catalog_dir() -> Path:
    """The catalog shipped with the app: inside the installed package, or at the top of
    a source checkout."""
    from ..resources import bundled_catalog_dir as located

    return located()


def load_catalog(directory: str | os.PathLike | None = None) -> m.Catalog:
    """Read and validate a catalog directory. Raises `CatalogError` with every problem."""
    from .validate import build_catalog  # the second step

    directory = Path(directory) if directory is not None else bundled_catalog_dir()
    report = Report()
    drafts = read_directory(directory, report)
    if drafts is None:
        raise CatalogError(report.problems)
    catalog = build_catalog(drafts, report)
    if report.problems:
        raise CatalogError(report.problems)
    assert catalog is not None
    return catalog


def read_directory(directory: Path, report: Report) -> Drafts | None:
    shown = _display(directory)
    if not directory.is_dir():
        report.add_at(shown, 0, f"catalog directory '{shown}' does not exist",
                      "pass the folder that holds catalog.toml")
        return None
    paths = sorted(p for p in directory.rglob("*.toml") if p.is_file())
    if not paths:
        report.add_at(shown, 0, f"catalog directory '{shown}' holds no .toml files",
                      "a catalog needs at least catalog.toml; see docs/catalog-format.md")
        return None
    files = []
    for path in paths:
        try:
            files.append((path, _display(path), path.read_bytes()))
        except OSError as exc:
            report.add_at(_display(path), 0, f"cannot read the file: {exc.strerror}", "check its permissions")
            return None
    return read_files(files, _display(directory / "catalog.toml"), report)


def read_files(files: list[tuple[Path, str, bytes]], main_file: str, report: Report) -> Drafts:
    """Read (path, display name, content) triples into drafts."""
    drafts = Drafts()
    unreadable = sum(not read_file(path, shown, raw, drafts, report) for path, shown, raw in files)
    if (drafts.info is None or drafts.scale is None) and not unreadable:
        missing = " and ".join(k for k, v in (("[catalog]", drafts.info), ("[scale]", drafts.scale)) if v is None)
        report.add_at(main_file, 1, f"the catalog has no {missing} table",
                      "put [catalog] and [scale] in catalog.toml; see docs/catalog-format.md")
    return drafts


def load_catalog_files(files: dict[str, bytes], label: str) -> m.Catalog:
    """Load a catalog kept as {relative path: content}, e.g. the copy inside a plan file.
    Problems name files as 'LABEL:relative/path'."""
    from .validate import build_catalog

    report = Report()
    triples = [(Path(name), f"{label}:{name}", raw) for name, raw in sorted(files.items())]
    drafts = read_files(triples, f"{label}:catalog.toml", report)
    catalog = build_catalog(drafts, report)
    if report.problems or catalog is None:
        raise CatalogError(report.problems)
    return catalog


def catalog_files(directory: str | os.PathLike | None = None) -> dict[str, bytes]:
    """The catalog's TOML files as {relative path: content}, to store a copy."""
    directory = Path(directory) if directory is not None else bundled_catalog_dir()
    return {p.relative_to(directory).as_posix(): p.read_bytes()
            for p in sorted(directory.rglob("*.toml")) if p.is_file()}


def _display(path: Path) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel


_TOML_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")


def read_file(path: Path, shown: str, raw: bytes, drafts: Drafts, report: Report) -> bool:
    """Read one file's tables into `drafts`. False when the file could not be parsed."""
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark, as Windows editors write it, is fine
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        report.add_at(shown, line, f"the file is not UTF-8 text (byte {exc.start})",
                      "save the file as UTF-8")
        return False
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _TOML_POSITION.search(message)
        line = int(match.group(1)) if match else 0
        detail = _TOML_POSITION.sub("", message)
        column = f", column {match.group(2)}" if match else ""
        report.add_at(shown, line, f"TOML syntax error{column}: {detail}",
                      "fix the syntax; a common cause is a missing quote, bracket or '='")
        return False
    source = SourceFile(path, shown, text)
    top = Fields(report, Where(source, ()), data, f"file '{shown}'")
    version = top.take("format", INT, FORMAT_VERSION)
    if version is not None and version != FORMAT_VERSION:
        report.add(Where(source, ("format",)),
                   f"catalog format {version} is not supported (this version reads format {FORMAT_VERSION})",
                   "upgrade MLOps Roadmap Planner, or convert the file")
        return False
    for key in SINGLE:
        table = top.take(key, TABLE, None)
        if table is not None:
            _read_single(key, table, Where(source, (key,)), drafts, report)
    for key in ARRAYS:
        tables = top.take(key, TABLES, None)
        for index, table in enumerate(tables or ()):
            where = Where(source, (key, index))
            obj = READERS[key](Fields(report, where, table, _label(key, table, index)))
            if obj is not None:
                drafts.lists[key].append((obj, where))
            elif isinstance(table.get("id"), str):
                drafts.broken[key].add(table["id"])
    top.close()
    return True


def _label(kind: str, table: dict, index: int) -> str:
    ident = table.get("id")
    if isinstance(ident, str):
        return f"{kind} '{ident}'"
    if kind in ("dependency", "estimate") and isinstance(table.get("capability"), str):
        return f"{kind} #{index + 1} (of '{table['capability']}')"
    return f"{kind} #{index + 1}"


def _read_single(key: str, table: dict, where: Where, drafts: Drafts, report: Report) -> None:
    previous = drafts.info if key == "catalog" else drafts.scale
    if previous is not None:
        other = previous[1]
        report.add(where, f"a second [{key}] table; the first is in {other.file.display}:{other.line()}",
                   f"keep one [{key}] table, in catalog.toml")
        return
    f = Fields(report, where, table, f"[{key}]")
    if key == "catalog":
        obj = m.CatalogInfo(
            id=f.take("id", STR),
            title=f.take("title", STR),
            version=f.take("version", STR),
            facts_as_of=f.take("facts_as_of", DATE),
            currency=f.take("currency", STR, "USD"),
            description=f.take("description", STR, ""),
        )
        f.close()
        if f.ok:
            drafts.info = (obj, where)
        return
    first = f.take("first", INT, 0)
    names = f.take("names", STR_LIST)
    f.close()
    if names is not None and len(names) < 2:
        report.add(where.child("names"), "[scale]: 'names' must name at least 2 levels",
                   'for example names = ["Absent", "Initial", "Repeatable"]')
        return
    if f.ok:
        drafts.scale = (m.Scale(first=first, names=tuple(names)), where)


def _named(f: Fields) -> m.Named | None:
    obj = m.Named(f.take("id", STR), f.take("name", STR), f.take("description", STR, ""))
    f.close()
    return obj if f.ok else None


def _role(f: Fields) -> m.Role | None:
    obj = m.Role(f.take("id", STR), f.take("name", STR), f.take("description", STR, ""),
                 f.take("team_cap", NUMBER, None))
    if obj.team_cap is not None:
        _check_amount(f, obj.team_cap, "capacity", ("team_cap",), f"role '{obj.id}': 'team_cap'")
        if obj.team_cap == 0:
            f.ok = False
            f.report.add(f.where.child("team_cap"), f"role '{obj.id}': 'team_cap' is 0, so no step could use it",
                         "give the most FTE that can work on one step at once, e.g. team_cap = 2")
    f.close()
    return obj if f.ok else None


def _source(f: Fields) -> m.Source | None:
    obj = m.Source(f.take("id", STR), f.take("title", STR), f.take("url", STR, ""))
    f.close()
    return obj if f.ok else None


def _capability(f: Fields) -> m.Capability | None:
    cap_id = f.take("id", STR)
    name = f.take("name", STR)
    dimension = f.take("dimension", STR)
    summary = f.take("summary", STR)
    tags = f.take("tags", STR_LIST, [])
    sources = f.take("sources", STR_LIST, [])
    levels = []
    for index, table in enumerate(f.take("level", TABLES) or ()):
        lf = Fields(f.report, f.where.child("level", index), table, f"{f.label}, level #{index + 1}")
        level = m.Level(lf.take("level", INT), lf.take("descriptor", STR),
                        tuple(lf.take("criteria", STR_LIST, [])))
        lf.close()
        if lf.ok:
            levels.append(level)
        else:
            f.ok = False
    f.close()
    if not f.ok:
        return None
    return m.Capability(cap_id, name, dimension, summary, tuple(levels), tuple(tags), tuple(sources))


def _dependency(f: Fields) -> m.Dependency | None:
    obj = m.Dependency(
        capability=f.take("capability", STR),
        level=f.take("level", INT),
        needs=f.take("needs", STR),
        needs_level=f.take("needs_level", INT),
        reason=f.take("reason", STR),
        source=f.take("source", STR),
        inferred=f.take("inferred", BOOL, False),
        optional=f.take("optional", BOOL, False),
    )
    f.close()
    return obj if f.ok else None


def _framework(f: Fields) -> m.Framework | None:
    fw_id = f.take("id", STR)
    name = f.take("name", STR)
    source = f.take("source", STR)
    description = f.take("description", STR, "")
    levels = []
    for index, table in enumerate(f.take("level", TABLES) or ()):
        lw = f.where.child("level", index)
        lf = Fields(f.report, lw, table, f"{f.label}, level #{index + 1}")
        number = lf.take("level", INT)
        lname = lf.take("name", STR)
        summary = lf.take("summary", STR, "")
        requires = []
        for r_index, r_table in enumerate(lf.take("requires", TABLES, [])):
            rf = Fields(f.report, lw.child("requires", r_index), r_table,
                        f"{f.label}, level {number}, requirement #{r_index + 1}")
            req = m.Requirement(rf.take("capability", STR), rf.take("level", INT),
                                rf.take("source", STR, ""), rf.take("note", STR, ""))
            rf.close()
            if rf.ok:
                requires.append(req)
            else:
                lf.ok = False
        lf.close()
        if lf.ok:
            levels.append(m.FrameworkLevel(number, lname, summary, tuple(requires)))
        else:
            f.ok = False
    unstated = []
    for u_index, u_table in enumerate(f.take("unstated", TABLES, [])):
        uf = Fields(f.report, f.where.child("unstated", u_index), u_table, f"{f.label}, unstated #{u_index + 1}")
        item = m.Unstated(uf.take("capability", STR), uf.take("level", INT), uf.take("why", STR))
        uf.close()
        if uf.ok:
            unstated.append(item)
        else:
            f.ok = False
    f.close()
    if not f.ok:
        return None
    return m.Framework(fw_id, name, source, description, tuple(levels), tuple(unstated))


def _option(f: Fields) -> m.Option | None:
    obj = m.Option(
        id=f.take("id", STR),
        name=f.take("name", STR),
        vendor=f.take("vendor", STR),
        kind=f.take("kind", STR, "tool"),
        licence=f.take("licence", STR),
        open_source=f.take("open_source", BOOL),
        hosting=tuple(f.take("hosting", STR_LIST) or ()),
        status=f.take("status", STR),
        status_as_of=f.take("status_as_of", DATE),
        summary=f.take("summary", STR, ""),
        covers=f.take("covers", INT_MAP),
        status_note=f.take("status_note", STR, ""),
        status_evidence=f.take("status_evidence", STR, ""),
        owner=f.take("owner", STR, ""),
        owner_secondary=f.take("owner_secondary", BOOL, False),
        paid_production_use=f.take("paid_production_use", BOOL, False),
        use_grant=f.take("use_grant", STR, ""),
    )
    f.close()
    return obj if f.ok else None


def _estimate(f: Fields) -> m.Estimate | None:
    obj = m.Estimate(
        capability=f.take("capability", STR),
        to_level=f.take("to_level", INT),
        approach=f.take("approach", STR),
        effort=f.take("effort", NUMBER_MAP),
        licence_per_year=f.take("licence_per_year", NUMBER, 0),
        operating_weeks_per_year=f.take("operating_weeks_per_year", NUMBER, 0),
        lead_time_weeks=f.take("lead_time_weeks", NUMBER),
        basis=f.take("basis", STR),
        confidence=f.take("confidence", STR),
    )
    # Figures are checked here, not in the validator, so that a bad figure is reported in
    # the same run as a missing key of the same estimate.
    label = f"estimate for '{obj.capability}'" if isinstance(obj.capability, str) else "estimate"
    for role, weeks in (obj.effort or {}).items():
        _check_amount(f, weeks, "effort", ("effort", role), f"{label}: effort of '{role}'")
    for key in ("licence_per_year", "operating_weeks_per_year", "lead_time_weeks"):
        if getattr(obj, key) is not None:
            _check_amount(f, getattr(obj, key), key, (key,), f"{label}: '{key}'")
    f.close()
    return obj if f.ok else None


def _check_amount(f: Fields, value, kind: str, keys: tuple, label: str) -> None:
    """A figure that is a finite number from 0 to a plausible most (nan, inf and 1e308
    pass TOML but would poison every total)."""
    problem = amount_problem(value, LIMITS[kind])
    if problem:
        f.ok = False
        f.report.add(f.where.child(*keys), f"{label} {problem}", f"give {LIMITS[kind].hint}")


READERS = {
    "dimension": _named,
    "tag": _named,
    "role": _role,
    "risk": _named,
    "source": _source,
    "capability": _capability,
    "dependency": _dependency,
    "framework": _framework,
    "option": _option,
    "estimate": _estimate,
}


def problems_of(directory: str | os.PathLike | None) -> list[Problem]:
    """Every problem in a catalog directory; an empty list when it is valid."""
    try:
        load_catalog(directory)
    except CatalogError as exc:
        return exc.problems
    return []
