"""Parts of the options view: the preferences editor, the options table and the TCO
comparison chart."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPainter
from PySide6.QtWidgets import (QCheckBox, QGridLayout, QGroupBox, QHeaderView, QLabel, QStyledItemDelegate,
                               QTableView, QVBoxLayout)

from ...roadmap import options as opts
from .. import edits
from ..widgets.chart import ChartWidget

CLOUD_NAMES = {"aws": "AWS", "gcp": "Google Cloud", "azure": "Azure", "databricks": "Databricks",
               "on-prem": "On premises", "saas": "SaaS"}


class PreferencesPanel(QGroupBox):
    """Prefer open source, licence families to exclude, where things may run, and whether
    unmaintained tools are offered. Each change is its own undoable edit."""

    def __init__(self, document, parent=None):
        super().__init__("Preferences", parent)
        self.document = document
        self.setToolTip("What the engine may recommend. Ruled-out options stay listed, greyed, with the reason.")
        layout = QVBoxLayout(self)
        self.open_source = QCheckBox("Prefer open source")
        self.open_source.setToolTip("Recommend the cheapest OSI open-source option when its TCO is within 25% of "
                                    "the cheapest candidate's")
        self.unmaintained = QCheckBox("Allow unmaintained tools")
        self.unmaintained.setToolTip("Offer tools in limited maintenance; discontinued ones are never offered")
        layout.addWidget(self.open_source)
        layout.addWidget(self.unmaintained)
        layout.addWidget(_caption("Exclude licences:", "Licence families never to adopt or buy (AGPL covers "
                                  "AGPL-3.0-only and -or-later, and so on)"))
        families = sorted({opts.licence_family(o.licence) for o in document.catalog.options} - {"proprietary"})
        self.licences = self._grid(layout, [*families, "proprietary"])
        layout.addWidget(_caption("Run on (none ticked: anywhere):", "Clouds and places the options may run; "
                                  "self-hosted tools run on any cloud or on premises"))
        self.clouds = self._grid(layout, list(opts.CLOUDS), CLOUD_NAMES)
        for box in (self.open_source, self.unmaintained, *self.licences.values(), *self.clouds.values()):
            box.toggled.connect(self._changed)

    @staticmethod
    def _grid(layout, names: list[str], labels: dict | None = None) -> dict[str, QCheckBox]:
        grid = QGridLayout()
        boxes = {}
        for i, name in enumerate(names):
            box = QCheckBox((labels or {}).get(name, name))
            box.setAccessibleName(f"{name}")
            grid.addWidget(box, i // 2, i % 2)
            boxes[name] = box
        layout.addLayout(grid)
        return boxes

    def show_preferences(self, prefs: opts.Preferences) -> None:
        checks = [(self.open_source, prefs.prefer_open_source), (self.unmaintained, prefs.allow_unmaintained)]
        excluded = {e.casefold() for e in prefs.excluded_licences}
        checks += [(box, name.casefold() in excluded) for name, box in self.licences.items()]
        clouds = {c.casefold() for c in prefs.clouds}
        checks += [(box, name in clouds) for name, box in self.clouds.items()]
        for box, on in checks:
            box.blockSignals(True)
            box.setChecked(on)
            box.setEnabled(not self.document.read_only)
            box.blockSignals(False)

    def _changed(self) -> None:
        value = {
            "prefer_open_source": self.open_source.isChecked(),
            "excluded_licences": [n for n, b in self.licences.items() if b.isChecked()],
            "clouds": [n for n, b in self.clouds.items() if b.isChecked()],
            "allow_unmaintained": self.unmaintained.isChecked(),
        }
        edits.set_setting(self.document, "preferences", value, merge=False)


def _caption(text: str, tip: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("muted", "true")
    label.setToolTip(tip)
    return label


class TcoChart(ChartWidget):
    """One bar per costed candidate: one-time cost, then licences and operating effort
    over the horizon."""

    title = "Total cost of ownership"

    def __init__(self, parent=None):
        super().__init__(parent)
        self.rows = []
        self.currency = ""
        self.years = 3.0
        self.setAccessibleName("Total cost of ownership of each option")
        self.setMinimumHeight(120)

    def set_rows(self, rows, currency: str, years: float) -> None:
        self.rows = [r for r in rows if r.tco is not None]
        self.currency, self.years = currency, years
        self.updateGeometry()
        self.update()

    def sizeHint(self) -> QSize:
        fm = QFontMetricsF(self.font())
        return QSize(520, int(fm.height() * (1.6 * len(self.rows) + 3.5)))

    def paint_chart(self, painter: QPainter, rect: QRectF, c) -> None:
        fm = QFontMetricsF(painter.font())
        if not self.rows:
            painter.setPen(c.q("muted"))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, "No costed options")
            return
        label_w = min(rect.width() * 0.34, max(fm.horizontalAdvance(r.name) for r in self.rows) + 12)
        value_w = fm.horizontalAdvance(f"{max(r.tco.total for r in self.rows):,.0f} {self.currency}") + 10
        top = max(r.tco.total for r in self.rows) or 1.0
        room = rect.width() - label_w - value_w - 8
        row_h = fm.height() * 1.6
        parts = (("One-time", c.q("current")), ("Licences", c.q("target")), ("Operating", c.role(2)))
        y = rect.top() + 4
        for row in self.rows:
            name = fm.elidedText(row.name, Qt.TextElideMode.ElideRight, label_w - 8)
            painter.setPen(c.q("text"))
            font = painter.font()
            font.setBold(row.recommended or row.chosen)
            painter.setFont(font)
            painter.drawText(QRectF(rect.left(), y, label_w - 6, row_h), Qt.AlignmentFlag.AlignVCenter, name)
            font.setBold(False)
            painter.setFont(font)
            x = rect.left() + label_w
            values = (row.tco.one_time, row.tco.licence_per_year * self.years, row.tco.operating_per_year * self.years)
            for value, (_, colour) in zip(values, parts):
                width = room * value / top
                fill = QColor(colour)
                if row.excluded:
                    fill.setAlphaF(0.35)
                painter.fillRect(QRectF(x, y + row_h * 0.2, width, row_h * 0.6), fill)
                x += width
            painter.setPen(c.q("muted") if row.excluded else c.q("text"))
            painter.drawText(QPointF(x + 6, y + row_h / 2 + fm.ascent() / 2 - 1),
                             f"{row.tco.total:,.0f} {self.currency}")
            y += row_h
        x = rect.left() + label_w
        for name, colour in parts:
            painter.fillRect(QRectF(x, y + 6, fm.height() * 0.9, fm.height() * 0.7), colour)
            painter.setPen(c.q("text"))
            painter.drawText(QPointF(x + fm.height() * 1.1, y + 6 + fm.ascent() * 0.8), name)
            x += fm.height() * 1.6 + fm.horizontalAdvance(name)
        painter.setPen(c.q("muted"))
        painter.drawText(QPointF(x + 8, y + 6 + fm.ascent() * 0.8),
                         f"{self.years:g} years · estimates · faded: ruled out")


class FittedTable(QTableView):
    """A table whose columns fit their contents, with no sideways scrolling. Short of room,
    first the `optional` columns give way (in order), then the `narrow` text columns give
    up room, down to `narrow`'s number of characters or their header's width, their text
    elided in the middle and whole in its tooltip. Beside the capability list at 1024
    pixels the options table used to scroll its licence, hosting and maintenance out of
    sight. With room to spare, the first text column takes it."""

    def __init__(self, narrow: dict[int, int], optional: tuple[int, ...] = (), parent=None):
        super().__init__(parent)
        self.narrow, self.optional = narrow, optional
        self.setTextElideMode(Qt.TextElideMode.ElideMiddle)  # "managed-aws" keeps its cloud
        self.names = _ElidedRight(self)  # a name keeps its start
        self.setItemDelegateForColumn(0, self.names)

    def fit(self) -> None:
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for i in self.optional:
            self.setColumnHidden(i, False)
        self.resizeColumnsToContents()
        wanted = {i: header.sectionSize(i) for i in range(header.count())}
        width, fm = self.viewport().width(), header.fontMetrics()
        floor = {i: min(wanted[i], max(self._header_width(i, fm), chars * fm.averageCharWidth()))
                 for i, chars in self.narrow.items() if i in wanted}
        for i in self.optional:  # hidden before any text is elided
            if sum(wanted.values()) <= width:
                break
            self.setColumnHidden(i, True)
            del wanted[i]
        excess = sum(wanted.values()) - width
        room = sum(wanted[i] - floor[i] for i in floor)
        if excess < 0 and floor:  # room to spare: the first text column (the name) takes it, as it changes
            header.setSectionResizeMode(min(floor), QHeaderView.ResizeMode.Stretch)
            return
        if excess <= 0 or room <= 0:
            return
        share = min(1.0, (excess + len(floor)) / room)  # a pixel more each: widths are whole pixels
        for i in floor:
            header.resizeSection(i, max(floor[i], int(wanted[i] - (wanted[i] - floor[i]) * share)))

    def _header_width(self, section: int, fm) -> int:
        text = str(self.model().headerData(section, Qt.Orientation.Horizontal) or "")
        return max(fm.horizontalAdvance(line) for line in text.splitlines() or [""]) + fm.height()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.model() is not None and event.size().width() != event.oldSize().width():
            self.fit()


class _ElidedRight(QStyledItemDelegate):
    def initStyleOption(self, option, index) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideRight
