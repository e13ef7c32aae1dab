"""Import and export of assessments, evidence and votes as CSV or JSON.

One row format serves both (documented in docs/cli.md): assessment, capability,
participant, level, criteria, confidence, not_applicable, na_reason, note, link.
A row with a participant is that participant's vote. A row without one is the
assessment's own entry; a second such row for the same capability may carry only a note
and link, which adds evidence. An import is checked whole first: any bad row refuses
the whole file, with one message per bad row, and nothing is written.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from pathlib import Path

from .. import jsonio
from ..csvcells import safe, unsafe

from ..assessment.model import CONFIDENCES
from ..assessment.workshop import TEAM_SEPARATOR
from ..catalog.problems import suggest
from .planfile import Change, PlanFile, PlanFileError, now

COLUMNS = ("assessment", "capability", "participant", "level", "criteria", "confidence", "not_applicable",
           "na_reason", "note", "link")
REQUIRED = ("assessment", "capability")
TRUE = {"yes", "true", "1", "y"}
FALSE = {"no", "false", "0", "n", ""}


class ImportError_(PlanFileError):
    def __init__(self, source: str, errors: list[str]):
        self.errors = errors
        super().__init__(f"{source}: nothing was imported; fix these rows and import again:\n" + "\n".join(errors))


def read_rows(path: Path) -> list[tuple[int, dict]]:
    """(row number, row) pairs. CSV rows are numbered as a spreadsheet shows them (the
    header is row 1); JSON rows from 1."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PlanFileError(f"{path}: the file is not UTF-8 text (byte {exc.start}); save it as UTF-8 CSV") from None
    except OSError as exc:
        raise PlanFileError(f"{path}: cannot read the file ({exc.strerror})") from None
    if path.suffix.lower() == ".json":
        try:
            data = jsonio.loads(text)
        except json.JSONDecodeError as exc:
            raise PlanFileError(f"{path}: line {exc.lineno}: not valid JSON ({exc.msg})") from None
        except jsonio.NotANumber as exc:
            raise PlanFileError(f"{path}: line {exc.lineno}: {exc}") from None

        if not isinstance(data, list) or not all(isinstance(r, dict) for r in data):
            raise PlanFileError(f"{path}: a JSON import must be a list of row objects")
        return [(i, {k: "" if v is None else str(v) if not isinstance(v, bool) else ("yes" if v else "no")
                     for k, v in r.items()}) for i, r in enumerate(data, 1)]
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames:
        raise PlanFileError(f"{path}: the file is empty; it needs a header row: {','.join(COLUMNS)}")
    missing = [c for c in REQUIRED if c not in reader.fieldnames]
    if missing:
        hint = " (the file seems to use ';' between columns: save it with commas)" if ";" in reader.fieldnames[0] else ""
        raise PlanFileError(f"{path}: row 1 (the header) lacks the column(s) {', '.join(missing)}{hint}; "
                            f"the columns are: {','.join(COLUMNS)}")
    return [(i, {k: unsafe((v or "").strip()) for k, v in r.items() if k is not None}) for i, r in enumerate(reader, 2)]


def import_rows(plan: PlanFile, rows: list[tuple[int, dict]], source: str) -> list[Change]:
    """Check every row; return the changes for one transaction, or raise with all errors."""
    errors: list[str] = []
    changes: list[Change] = []
    catalog = plan.catalog
    cap_ids = [c.id for c in catalog.capabilities]
    seen: dict[tuple, int] = {}
    known = {a.name for a in plan.state.assessments}
    notes = {(a.name, cap, e.note, e.link) for a in plan.state.assessments
             for cap, entry in a.entries.items() for e in entry.evidence}
    for number, row in rows:
        def bad(column: str, message: str) -> None:
            errors.append(f"row {number}, column '{column}': {message}")

        for column in row:
            if column not in COLUMNS:
                hint = suggest(column, COLUMNS)
                bad(column, "unknown column" + (f"; {hint}" if hint else f"; columns are {', '.join(COLUMNS)}"))
        for column in REQUIRED:
            if not row.get(column, "").strip():
                bad(column, "missing; every row needs it")
        cap_id = row.get("capability", "")
        assessment = row.get("assessment", "")
        cap = None
        if cap_id and cap_id not in cap_ids:
            hint = suggest(cap_id, cap_ids)
            bad("capability", f"unknown capability '{cap_id}'" + (f"; {hint}" if hint else ""))
        elif cap_id:
            cap = catalog.capability(cap_id)
        level = None
        if row.get("level", ""):
            try:
                level = int(row["level"])
            except ValueError:
                bad("level", f"'{row['level']}' is not a whole number")
            else:
                if cap is not None and not cap.min_level <= level <= cap.max_level:
                    bad("level", f"{level} is out of range for '{cap_id}' (use {cap.min_level} to {cap.max_level})")
        criteria = _criteria(row.get("criteria", ""), cap, bad)
        participant = row.get("participant", "")
        confidence = row.get("confidence", "")
        if confidence and confidence not in CONFIDENCES:
            bad("confidence", f"'{confidence}' is not one of {', '.join(CONFIDENCES)}")
        na_text = row.get("not_applicable", "").lower()
        if na_text not in TRUE | FALSE:
            bad("not_applicable", f"'{row['not_applicable']}' is not yes or no")
        not_applicable = na_text in TRUE
        if participant and level is None and not any(e.startswith(f"row {number}, column 'level'") for e in errors):
            bad("level", "a vote needs a level")
        if not_applicable and not row.get("na_reason", "").strip():
            bad("na_reason", "give a reason when not_applicable is yes")
        if errors and errors[-1].startswith(f"row {number},"):
            continue
        if assessment not in known:
            known.add(assessment)
            changes.append(("assessments", (assessment,), {"created_at": now()}))
        if participant:
            key = (assessment, cap_id, participant)
            if key in seen:
                bad("participant", f"a second vote by '{participant}' on '{cap_id}' (first in row {seen[key]})")
                continue
            seen[key] = number
            changes.append(("votes", key, {"level": level, "note": row.get("note", "")}))
            continue
        has_entry = level is not None or criteria or confidence or not_applicable
        key = (assessment, cap_id)
        if has_entry:
            if key in seen:
                bad("capability", f"'{cap_id}' is assessed twice in '{assessment}' (first in row {seen[key]})")
                continue
            seen[key] = number
            changes.append(("entries", key, {"level": level, "criteria_met": jsonio.dumps(criteria),
                                             "not_applicable": int(not_applicable),
                                             "na_reason": row.get("na_reason", ""), "confidence": confidence or "medium",
                                             "assessed_by": "import", "assessed_at": now()}))
        note_key = (assessment, cap_id, row.get("note", ""), row.get("link", ""))
        if row.get("note", "") and note_key not in notes:  # the same note twice is kept once
            notes.add(note_key)
            changes.append(("evidence", (uuid.uuid4().hex,), {
                "assessment": assessment, "capability": cap_id, "note": row["note"],
                "link": row.get("link", ""), "added_by": "import", "added_at": now()}))
    if errors:
        raise ImportError_(source, errors)
    return changes


def _criteria(text: str, cap, bad) -> list[tuple[int, int]]:
    """Parse "2.1;2.2;3.1" (level.criterion, criteria counted from 1) into (level, index) pairs."""
    met = []
    for item in filter(None, (part.strip() for part in text.split(";"))):
        level_text, _, number_text = item.partition(".")
        try:
            level, number = int(level_text), int(number_text)
        except ValueError:
            bad("criteria", f"'{item}' is not LEVEL.NUMBER, e.g. 2.1 for the first criterion of level 2")
            continue
        if cap is not None and not (cap.min_level < level <= cap.max_level
                                    and 1 <= number <= len(cap.level(level).criteria)):
            bad("criteria", f"'{cap.id}' has no criterion {item}")
            continue
        met.append((level, number - 1))
    return sorted(set(met))


def team_rows(rows: list[tuple[int, dict]], team: str, assessment: str) -> tuple[list[tuple[int, dict]], int]:
    """A team's exported file as votes in `assessment`, each participant named
    "TEAM / participant"; a capability the team scored without votes counts as one vote
    by "TEAM / team score". A file with several assessments gives the one named like
    `assessment`, else its first. Returns the rows to import and how many rows were left
    out (other assessments, evidence, criteria-only entries)."""
    team = team.strip()
    if not team or TEAM_SEPARATOR.strip() in team:
        raise PlanFileError(f"'{team}' cannot name a team: give a name without '{TEAM_SEPARATOR.strip()}'")
    names = list(dict.fromkeys(row.get("assessment", "") for _, row in rows))
    chosen = assessment if assessment in names else (names[0] if names else "")
    skipped = sum(1 for _, row in rows if row.get("assessment", "") != chosen)
    rows = [(number, row) for number, row in rows if row.get("assessment", "") == chosen]
    voted = {row.get("capability", "") for _, row in rows if row.get("participant", "")}
    out = []
    for number, row in rows:
        participant = row.get("participant", "")
        if participant:
            out.append((number, {**row, "assessment": assessment, "participant": f"{team}{TEAM_SEPARATOR}{participant}"}))
        elif row.get("level", "") and row.get("capability", "") not in voted and row.get("not_applicable", "") not in TRUE:
            out.append((number, {"assessment": assessment, "capability": row.get("capability", ""),
                                 "participant": f"{team}{TEAM_SEPARATOR}team score", "level": row["level"],
                                 "note": "the team's own score"}))
        else:
            skipped += 1
    return out, skipped


def export_rows(plan: PlanFile) -> list[dict]:
    """Rows for the capabilities of the plan's catalog (data kept for capabilities a
    catalog upgrade removed stays in the plan but is not exported)."""
    out = []
    known = {c.id for c in plan.catalog.capabilities}
    for assessment in plan.state.assessments:
        for cap_id, entry in sorted(assessment.entries.items()):
            if cap_id not in known:
                continue
            base = {c: "" for c in COLUMNS} | {"assessment": assessment.name, "capability": cap_id}
            out.append(base | {"level": "" if entry.level is None else entry.level,
                               "criteria": ";".join(f"{lv}.{i + 1}" for lv, i in sorted(entry.criteria_met)),
                               "confidence": entry.confidence,
                               "not_applicable": "yes" if entry.not_applicable else "no", "na_reason": entry.na_reason,
                               "note": entry.evidence[0].note if entry.evidence else "",
                               "link": entry.evidence[0].link if entry.evidence else ""})
            out += [base | {"note": e.note, "link": e.link} for e in entry.evidence[1:]]
        for cap_id, votes in sorted(assessment.votes.items()):
            if cap_id not in known:
                continue
            for vote in votes:
                out.append({c: "" for c in COLUMNS} | {"assessment": assessment.name, "capability": cap_id,
                                                       "participant": vote.participant, "level": vote.level,
                                                       "note": vote.note})
    return out


def write_export(plan: PlanFile, path: Path) -> int:
    rows = export_rows(plan)
    tmp = path.with_name(path.name + ".tmp")
    try:
        if path.suffix.lower() == ".json":
            tmp.write_text(jsonio.dumps(rows, indent=2, ensure_ascii=False), encoding="utf-8")
        else:
            with tmp.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.DictWriter(handle, fieldnames=COLUMNS)
                writer.writeheader()
                writer.writerows({key: safe(value) for key, value in row.items()} for row in rows)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)  # nothing half-written is left behind
    return len(rows)
