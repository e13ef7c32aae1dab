"""A workshop window: the slide, a header with progress and the timebox, a prompt line
for quick notes and names, and the key line. With two screens there are two: the
audience's clean slide and the presenter's, with the keys, the live tally and the prompt.
The window follows the app's theme (see style), also when it changes while open."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QStackedWidget, QVBoxLayout, QWidget

from . import style
from .keys import KeyLine
from .session import CAPABILITY, MEANING, SUMMARY
from .slide import COMPACT_BELOW, CapabilitySlide, label
from .wrapup import MeaningSlide, SummarySlide

SINGLE, AUDIENCE, PRESENTER = "single", "audience", "presenter"

class WorkshopWindow(QWidget):
    key_pressed = Signal(object)  # QKeyEvent, for the controller
    prompt_done = Signal(str, str)  # (kind, text); empty text: cancelled

    def __init__(self, session, role: str = SINGLE, parent=None):
        super().__init__(parent)
        self.session = session
        self.role = role
        self.setObjectName("workshop")
        self.setWindowTitle("Workshop" + (" (presenter)" if role == PRESENTER else ""))
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAutoFillBackground(True)
        self.look = style.for_app()
        self.setPalette(style.palette(self.look))
        self._styled: tuple | None = None  # (body px, look) the style sheet was made for
        self._restyle_queued = False

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.header = label("header")
        self.header.setAccessibleName("Progress")
        self.clock = label("header", wrap=False)
        self.clock.setAccessibleName("Time on this capability")
        self.clock.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.header, 1)
        top.addWidget(self.clock)
        layout.addLayout(top)
        self.stack = QStackedWidget()
        self.slide = CapabilitySlide(session, presenter=role == PRESENTER)
        self.summary = SummarySlide(session)  # its chart picks its colours from the palette
        self.meaning = MeaningSlide(session)
        for widget in (self.slide, self.summary, self.meaning):
            self.stack.addWidget(widget)
        layout.addWidget(self.stack, 1)
        self.message = label()
        self.message.setVisible(False)
        layout.addWidget(self.message)
        prompt_row = QHBoxLayout()
        self.prompt_label = label(wrap=False)
        self.prompt = QLineEdit()
        self.prompt.setAccessibleName("Workshop input")
        self.prompt.installEventFilter(self)
        prompt_row.addWidget(self.prompt_label)
        prompt_row.addWidget(self.prompt, 1)
        layout.addLayout(prompt_row)
        self.prompt_kind = ""
        self._show_prompt(False)
        self.hint = KeyLine()
        self.hint.setVisible(role != AUDIENCE)
        layout.addWidget(self.hint)

    # -- look ---------------------------------------------------------------------------

    def resizeEvent(self, event) -> None:
        """Restyle for the new height on the next turn of the event loop, never inside the
        resize: it can come from an application-wide style change, and a style sheet or
        new widgets set while Qt re-polishes every widget can crash it."""
        super().resizeEvent(event)
        self._restyle_later()

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ApplicationPaletteChange:  # the app's theme changed
            self._restyle_later()
        return super().event(event)

    def _wanted(self) -> tuple:
        return style.base_px(self.height()), style.for_app()

    def _restyle_later(self) -> None:
        if self._wanted() != self._styled and not self._restyle_queued:
            self._restyle_queued = True
            QTimer.singleShot(0, self, self._restyle)

    def _restyle(self) -> None:
        self._restyle_queued = False
        if self._wanted() == self._styled:
            return
        self._styled = self._wanted()
        px, self.look = self._styled
        self.setPalette(style.palette(self.look))
        self.setStyleSheet(style.sheet(self.height(), self.look))
        font = self.summary.radar.font()
        font.setPixelSize(int(px * 0.8))
        self.summary.radar.setFont(font)
        self.slide.set_compact(self.height() < COMPACT_BELOW, px)
        self.summary.set_compact(self.height() < COMPACT_BELOW)
        self.hint.set_px(style.hint_px(self.height()))
        if self.session is not None and self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        session = self.session
        screen = session.screen
        cap = session.capability
        dim = next((d.name for d in session.document.catalog.dimensions if d.id == cap.dimension), cap.dimension)
        where = escape(dim.upper()) + " · " if screen == CAPABILITY else "WRAP-UP · "
        self.header.setText(where + escape(session.progress_text()))
        self.stack.setCurrentWidget({CAPABILITY: self.slide, SUMMARY: self.summary, MEANING: self.meaning}[screen])
        self.stack.currentWidget().refresh()
        open_round = session.round
        self.hint.set_state("wrapup" if screen != CAPABILITY else "capability" if open_round is None
                            else "revealed" if open_round.revealed else "round")
        self.tick()

    def tick(self) -> None:
        session = self.session
        upcoming = session.next_up() if self.role == PRESENTER else ""
        after = f"<br><span style='color:{self.look.muted}'>Next: {escape(upcoming)}</span>" if upcoming else ""
        if session.screen != CAPABILITY:
            self.clock.setText(after[4:])
            return
        text, over = session.capability_clock()
        colour = self.look.alert if over else self.look.muted
        self.clock.setText(f"<span style='color:{colour}'>{escape(text)}</span>{after}")

    def show_message(self, text: str) -> None:
        self.message.setText(f"<span style='color:{self.look.alert}'>{escape(text)}</span>" if text else "")
        self.message.setVisible(bool(text))

    # -- the prompt line ----------------------------------------------------------------

    def ask(self, kind: str, question: str, placeholder: str = "") -> None:
        self.prompt_kind = kind
        self.prompt_label.setText(escape(question))
        self.prompt.setPlaceholderText(placeholder)
        self.prompt.clear()
        self._show_prompt(True)
        self.prompt.setFocus()

    def _show_prompt(self, on: bool) -> None:
        self.prompt.setVisible(on)
        self.prompt_label.setVisible(on)

    def _finish_prompt(self, text: str) -> None:
        kind = self.prompt_kind
        self.prompt_kind = ""
        self._show_prompt(False)
        self.setFocus()
        self.prompt_done.emit(kind, text.strip())

    def eventFilter(self, watched, event) -> bool:
        if watched is self.prompt and event.type() == QEvent.Type.KeyPress:
            if event.key() == Qt.Key.Key_Escape:
                self._finish_prompt("")
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):  # consumed: Enter also accepts a round
                self._finish_prompt(self.prompt.text())
                return True
            if self.prompt_kind == "name" and event.text().isdigit():  # the name, then the level
                self.prompt_done.emit("name:" + event.text(), self.prompt.text().strip())
                self.prompt.clear()
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event) -> None:
        self.key_pressed.emit(event)

    def closeEvent(self, event) -> None:
        self.key_pressed.emit(None)  # the window was closed: leave the mode
        super().closeEvent(event)
