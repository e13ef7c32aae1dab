"""The key line under the presenter's slide: the keys that matter now, on one line in
type a room can read, as many as the width holds, most used first, then "? all keys".
? opens the whole list, laid out in rows; ? again closes it."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from . import style

# (key, what it does), most used first: the line shows a prefix of these.
KEYS = {
    "capability": (("0-4", "level"), ("V", "vote round"), ("E", "note"), ("S", "skip"), ("←/→", "capability"),
                   ("W", "wrap-up"), ("N", "not applicable"), ("B", "back to skipped"),
                   ("PgUp/PgDn", "dimension"), ("T", "pause"), ("M", "timers"), ("P", "PDF"),
                   ("Ctrl+Z", "undo"), ("Esc", "leave")),
    "round": (("0-4", "anonymous vote"), ("A", "named vote"), ("R", "reveal"), ("Backspace", "take back"),
              ("Ctrl+Z", "undo"), ("Esc", "leave")),
    "revealed": (("Enter", "accept the median"), ("0-4", "set the level"), ("V", "new round"),
                 ("←/→", "capability"), ("E", "note"), ("Ctrl+Z", "undo"), ("Esc", "leave")),
    "wrapup": (("←/→", "wrap-up screens"), ("P", "export the PDF"), ("I", "import a team's votes"),
               ("Home", "back to the start"), ("Esc", "leave"), ("T", "pause"), ("M", "timers"), ("Ctrl+Z", "undo")),
}
ALWAYS = (("←/→", "capability"), ("PgUp/PgDn", "dimension"), ("W", "wrap-up"), ("T", "pause"), ("M", "timers"),
          ("P", "PDF"), ("Ctrl+Z", "undo"), ("Esc", "leave"))  # also in a round, in the full list
MORE = ("?", "all keys")
LESS = ("?", "fewer keys")


class KeyLine(QWidget):
    """Painted, not a label: what shows depends on the width it is given, and working
    that out when painting never moves the layout. Each key in the accent colour on a key
    cap of the panel colour, what it does in the text colour on the window's background."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName("Keys")
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self.state = "capability"
        self.expanded = False
        self.px = 0
        self.set_px(16)

    # -- what to show -------------------------------------------------------------------

    def set_state(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self._changed()

    def set_px(self, px: int) -> None:
        if px != self.px:
            self.px = px
            font = QFont(self.font())
            font.setPixelSize(px)
            self.setFont(font)
            self._changed()

    def toggle(self) -> None:
        self.expanded = not self.expanded
        self._changed()

    def _changed(self) -> None:
        self.setAccessibleDescription(" · ".join(f"{k} {what}" for k, what in self.entries()))
        self.updateGeometry()
        self.update()

    def entries(self) -> tuple[tuple[str, str], ...]:
        """Every key for this state: the state's own, then the ones that always work."""
        own = KEYS[self.state]
        if self.state in ("round", "revealed"):
            own += tuple(e for e in ALWAYS if e not in own and e[0] not in {k for k, _ in own})
        return own

    def text(self) -> str:
        return self.accessibleDescription()

    # -- measuring ----------------------------------------------------------------------

    def _fonts(self) -> tuple[QFont, QFont]:
        plain = QFont(self.font())
        plain.setPixelSize(self.px)  # as set_px sets it
        plain.setBold(False)
        bold = QFont(plain)
        bold.setBold(True)
        return plain, bold

    def _widths(self, entry) -> tuple[float, float]:
        """The key cap's width and the whole entry's (cap, space, words)."""
        plain, bold = self._fonts()
        cap = QFontMetricsF(bold).horizontalAdvance(entry[0]) + self.px * 0.6
        return cap, cap + self.px * 0.35 + QFontMetricsF(plain).horizontalAdvance(entry[1])

    def _gap(self) -> float:
        return self.px * 1.1

    def line_height(self) -> float:
        return QFontMetricsF(self._fonts()[1]).height() + self.px * 0.35

    def _margin(self) -> float:
        return self.px * 0.4  # above the rows, under the rule

    def shown(self, width: float | None = None) -> list[list[tuple[str, str]]]:
        """The rows shown at `width`: one row of as many keys as fit (then "? all keys"),
        or, opened, every key in as many rows as it takes (then "? fewer keys")."""
        width = float(self.width() if width is None else width)
        entries = list(self.entries())
        if self.expanded:
            rows, row, used = [], [], 0.0
            for entry in entries + [LESS]:
                needed = self._widths(entry)[1] + (self._gap() if row else 0)
                if row and used + needed > width:
                    rows.append(row)
                    row, used, needed = [], 0.0, self._widths(entry)[1]
                row.append(entry)
                used += needed
            return rows + [row]
        row, used = [], 0.0
        more = self._widths(MORE)[1] + self._gap()
        for index, entry in enumerate(entries):
            needed = self._widths(entry)[1] + (self._gap() if row else 0)
            last = index == len(entries) - 1
            if used + needed + (0 if last else more) > width:
                return [row + [MORE]]
            row.append(entry)
            used += needed
        return [row]

    def row_width(self, row) -> float:
        return sum(self._widths(e)[1] for e in row) + self._gap() * (len(row) - 1)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return int(self._margin() + self.line_height() * len(self.shown(width)) + 0.999)

    def sizeHint(self) -> QSize:
        return QSize(200, self.heightForWidth(max(200, self.width())))

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self.heightForWidth(max(200, self.width())))

    # -- painting -----------------------------------------------------------------------

    def colours(self) -> list[tuple[str, str]]:
        """(text, ground) pairs as painted, for checking their contrast."""
        look = style.of(self)
        return [(look.accent, look.panel), (look.text, look.background)]

    def paintEvent(self, event) -> None:
        look = style.of(self)
        plain, bold = self._fonts()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(look.border), 1))
        painter.drawLine(QPointF(0, 0.5), QPointF(self.width(), 0.5))
        ascent = QFontMetricsF(bold).ascent()
        for number, row in enumerate(self.shown()):
            top = self._margin() + number * self.line_height()
            x = 0.0
            for entry in row:
                cap, whole = self._widths(entry)
                box = QRectF(x, top, cap, self.line_height() - self.px * 0.2)
                painter.setPen(QPen(QColor(look.border), 1))
                painter.setBrush(QColor(look.panel))
                painter.drawRoundedRect(box, self.px * 0.25, self.px * 0.25)
                painter.setFont(bold)
                painter.setPen(QColor(look.accent))
                baseline = top + (box.height() - QFontMetricsF(bold).height()) / 2 + ascent
                painter.drawText(QPointF(x + self.px * 0.3, baseline), entry[0])
                painter.setFont(plain)
                painter.setPen(QColor(look.text))
                painter.drawText(QPointF(x + cap + self.px * 0.35, baseline), entry[1])
                x += whole + self._gap()
        painter.end()
