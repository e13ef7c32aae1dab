"""Build, adopt or buy for one capability: every candidate with its licence, hosting,
maintenance, effort and total cost of ownership, from the core's option functions.

`candidate_rows` is Qt-free. Options the preferences rule out are listed too, costed as
if allowed, with the reason, so the user sees what the preferences cost them; a
discontinued option is never costed or choosable. Plan-level estimate overrides are not
applied here (no command writes them yet).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from ...roadmap import options as opts
from .. import theme

CHOICE_ROLE = Qt.ItemDataRole.UserRole + 1  # (approach, option id or None) of the row


@dataclass(frozen=True)
class Candidate:
    approach: str
    option_id: str | None
    name: str
    vendor: str
    licence: str
    openness: str  # "open source (OSI)", "source-available", "proprietary", "in-house"
    hosting: str
    status: str
    as_of: str
    status_note: str
    covers_to: int
    effort: dict[str, float] = field(default_factory=dict)  # role -> person-weeks of the steps
    tco: opts.Tco | None = None  # None: not costed (discontinued, or no estimate)
    recommended: bool = False
    chosen: bool = False  # the user's own choice
    excluded: str = ""  # why the preferences rule it out
    facts: tuple[str, ...] = ()  # owner, licence terms and what the status rests on, for the tooltip

    @property
    def effort_weeks(self) -> float:
        return sum(self.effort.values())

    @property
    def choosable(self) -> bool:
        return self.tco is not None and self.status != "discontinued"


def gap(document, capability: str) -> tuple[int, int] | None:
    """The levels the options are compared over: current to target, or the next level
    when there is no gap; None at the top of the scale or when not applicable."""
    scores = document.scores
    current, target = scores.current.get(capability), scores.target(capability)
    if current is None:
        return None
    if target is not None and target > current:
        return current, target
    cap = document.catalog.capability(capability)
    return (current, current + 1) if current < cap.max_level else None


def _openness(option) -> str:
    if option.open_source:
        return "open source (OSI)"
    return "proprietary" if option.licence == "proprietary" else "source-available"


def _effort(catalog, capability: str, low: int, high: int, approach: str, reach: int) -> dict[str, float]:
    total: dict[str, float] = {}
    for level in range(low + 1, high + 1):
        step = approach if level <= reach else "build"
        try:
            estimate = opts.step_estimate(catalog, capability, level, step)
        except opts.MissingEstimate:
            continue
        for role, weeks in estimate.effort.items():
            total[role] = total.get(role, 0.0) + weeks
    return total


def candidate_rows(document, capability: str) -> list[Candidate]:
    """Build first, then every option covering the capability: eligible ones ranked as
    the engine ranks them, then the ones the preferences rule out."""
    catalog = document.catalog
    levels = gap(document, capability)
    settings = effective_settings(document)
    prefs, rates = settings.preferences, settings.rates
    chosen = chosen_option(document, capability)
    if levels is None:
        return [_uncosted(o, opts.exclusion_reasons(o, prefs), capability) for o in catalog.options_for(capability)]
    low, high = levels
    best, ranked = opts.recommend(catalog, capability, low, high, prefs, rates)
    rows = [_row(catalog, capability, choice, low, high, recommended=(choice is best), chosen=chosen)
            for choice in [best, *ranked]]
    everything = opts.Preferences(allow_unmaintained=True)  # cost the ruled-out options as if allowed
    costed = {c.option_id: c for c in opts.candidates(catalog, capability, low, high, everything, rates)}
    for option, why in opts.excluded(catalog, capability, prefs):
        choice = costed.get(option.id)
        if choice is None or option.status == "discontinued":
            rows.append(_uncosted(option, [why], capability))
        else:
            rows.append(_row(catalog, capability, choice, low, high, recommended=False, chosen=chosen, excluded=why))
    return rows


def chosen_option(document, capability: str) -> tuple[str, str | None] | None:
    """The user's own choice for the capability (the scenario's when one is shown)."""
    from ...roadmap.engine import inputs

    choice = inputs(document.state, document.scenario)[1].get(capability)
    return tuple(choice) if choice is not None else None


def effective_settings(document):
    """The roadmap settings in force (the scenario's when one is shown)."""
    if document.roadmap is not None:
        return document.roadmap.settings
    from ...roadmap.engine import inputs
    from ...roadmap.settings import read_settings

    return read_settings(document.catalog, inputs(document.state, document.scenario)[0])


def _row(catalog, capability, choice, low, high, recommended, chosen, excluded="") -> Candidate:
    effort = _effort(catalog, capability, low, high, choice.approach, choice.covers_to)
    if choice.option_id is None:
        return Candidate("build", None, "Build in-house", "your team", "—", "in-house", "yours", "—", "", "",
                         choice.covers_to, effort, choice.tco, recommended, chosen == ("build", None), excluded)
    option = catalog.option(choice.option_id)
    return Candidate(choice.approach, option.id, option.name, option.vendor, option.licence, _openness(option),
                     ", ".join(option.hosting), option.status, option.status_as_of.isoformat(), option.status_note,
                     choice.covers_to, effort, choice.tco, recommended, chosen == (choice.approach, option.id), excluded,
                     _facts(option))


def _uncosted(option, reasons, capability: str) -> Candidate:
    return Candidate(option.approach, option.id, option.name, option.vendor, option.licence, _openness(option),
                     ", ".join(option.hosting), option.status, option.status_as_of.isoformat(), option.status_note,
                     option.covers.get(capability, 0), {}, None, False, False, "; ".join(reasons), _facts(option))


def _facts(option) -> tuple[str, ...]:
    lines = []
    if option.owner:
        lines.append(f"Owner: {option.owner}" + (" (from press or third-party reports)" if option.owner_secondary else ""))
    if option.use_grant:
        lines.append(f"Licence terms: {option.use_grant}")
    if option.status_evidence:
        lines.append(f"Status evidence: {option.status_evidence}")
    return tuple(lines)


# Headers in words, on two lines where a word is wider than the figures under it; the total
# cost's names its years (total_cost_header).
COLUMNS = ("Option", "Approach", "Total\ncost", "One-time", "Per year", "Person-\nweeks", "Reaches\nlevel", "Licence",
           "Hosting", "Maintenance")
TCO_COLUMN = 2
# Short of room, the option's name, licence, hosting and maintenance are narrowed (to so
# many characters at least), after the one-time and yearly costs give way: the chart
# under the table breaks every option's cost down into the same parts.
TEXT_COLUMNS = {0: 14, 7: 12, 8: 10, 9: 0}
COST_PARTS = (3, 4)
MONEY_COLUMNS = (2, 3, 4, 5, 6)  # right-aligned
TIPS = (
    "The tool or platform, and who makes it",
    "Build in-house, adopt an open tool you run, or buy a product or service",
    "Total cost of ownership over the horizon: the one-time cost plus the yearly cost for each of its years (estimate)",
    "One-time cost of the work at the role rates (estimate)",
    "Licence or subscription plus operating effort per year (estimate)",
    "Person-weeks of work for the steps, all roles together (estimate)",
    "The highest level the option itself reaches; steps above it are built in-house",
    "SPDX licence id; open source means OSI-approved",
    "Where it runs",
    "Maintenance status from the catalog, with the date it was checked",
)


def total_cost_header(years: float, tip: bool = False) -> str:
    """'3-year total cost', and as its tooltip what that is, in words."""
    if not tip:
        return f"{years:g}-year\ntotal cost"
    return (f"{years:g}-year total cost of ownership: the one-time cost plus the yearly cost for "
            f"{years:g} year{'' if years == 1 else 's'} (estimate)")


class OptionsModel(QAbstractTableModel):
    def __init__(self, document, parent=None):
        super().__init__(parent)
        self.document = document
        self.capability: str | None = None
        self.rows: list[Candidate] = []

    def load(self, capability: str | None) -> None:
        self.beginResetModel()
        self.capability = capability
        self.rows = candidate_rows(self.document, capability) if capability else []
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role not in (Qt.ItemDataRole.DisplayRole,
                                                                    Qt.ItemDataRole.ToolTipRole):
            return None
        tip = role == Qt.ItemDataRole.ToolTipRole
        if section == TCO_COLUMN and (years := self._years()) is not None:
            return total_cost_header(years, tip)
        return TIPS[section] if tip else COLUMNS[section]

    def _years(self) -> float | None:
        """The horizon of the total cost in years; None while a setting is broken."""
        try:
            return effective_settings(self.document).horizon_years
        except Exception:  # noqa: BLE001 - a broken setting is shown in the roadmap view
            return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row, column = self.rows[index.row()], index.column()
        if role == CHOICE_ROLE:
            return (row.approach, row.option_id)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in MONEY_COLUMNS:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.FontRole and (row.recommended or row.chosen):
            font = QFont()
            font.setBold(True)
            return font
        c = theme.colours()
        if role == Qt.ItemDataRole.ForegroundRole:
            if row.excluded or not row.choosable:
                return QColor(c.muted)
            if column == 9 and row.approach != "build" and row.status != "active":
                return QColor(c.warning_fg if c.dark else c.critical)
        if role == Qt.ItemDataRole.BackgroundRole and (row.chosen or (row.recommended and not self._any_chosen())):
            fill = QColor(c.accent)
            fill.setAlphaF(0.14)
            return fill
        return None

    def _any_chosen(self) -> bool:
        return any(r.chosen for r in self.rows)

    def _text(self, row: Candidate, column: int) -> str:
        currency = self.document.catalog.info.currency
        money = (lambda v: "—") if row.tco is None else (lambda v: f"{v:,.0f}")
        mark = "★ " if row.chosen else ("✓ " if row.recommended else "")
        name = f"{mark}{row.name}" + ("  (ruled out)" if row.excluded else "")
        values = (
            name, row.approach,
            f"{money(row.tco.total if row.tco else 0)} {currency}" if row.tco else "—",
            money(row.tco.one_time if row.tco else 0),
            money(row.tco.per_year if row.tco else 0),
            f"{row.effort_weeks:.0f}" if row.effort else "—",
            str(row.covers_to) if row.tco is not None else "—",
            row.licence, row.hosting,
            row.status)  # the date it was checked is in the tooltip
        return values[column]

    def _tooltip(self, row: Candidate, column: int) -> str:
        lines = [f"{row.name} ({row.vendor})", f"Licence: {row.licence}, {row.openness}"]
        if row.hosting not in ("", "—"):  # the column may be too narrow to show it whole
            lines.append(f"Hosting: {row.hosting}")
        if row.approach != "build":
            lines.append(f"Maintenance: {row.status} as of {row.as_of}" + (f": {row.status_note}" if row.status_note else ""))
        lines += row.facts
        if row.effort:
            roles = {r.id: r.name for r in self.document.catalog.roles}
            lines.append("Effort: " + ", ".join(f"{roles.get(r, r)} {w:.1f} person-weeks"
                                                for r, w in sorted(row.effort.items())))
        if row.tco is not None:
            lines.append(f"Licence {row.tco.licence_per_year:,.0f}/year, operating {row.tco.operating_per_year:,.0f}/year")
        if row.recommended:
            lines.append("Recommended by the engine.")
        if row.chosen:
            lines.append("Chosen by you.")
        if row.excluded:
            lines.append(f"Ruled out by your preferences: {row.excluded}")
        return "\n".join(lines)
