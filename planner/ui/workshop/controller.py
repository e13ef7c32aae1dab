"""Workshop mode: opens the workshop window(s) on the chosen screen, turns keys into
session actions, and exports the results. With two screens the audience gets the clean
slide on one and the presenter the controls on the other."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence

from .. import edits
from .session import CAPABILITY, SUMMARY, WorkshopSession
from .window import AUDIENCE, PRESENTER, SINGLE, WorkshopWindow

K = Qt.Key
NAVIGATION = {K.Key_Right: "next", K.Key_Down: "next", K.Key_Space: "next", K.Key_Left: "previous",
              K.Key_Up: "previous", K.Key_PageDown: "page_down", K.Key_PageUp: "page_up"}


class Workshop(QObject):
    closed = Signal()
    pdf_written = Signal(str)

    def __init__(self, document, settings=None, two_screens: bool | None = None, clock=None, parent=None):
        super().__init__(parent)
        self.document = document
        self.settings = settings
        extra = {"clock": clock} if clock else {}
        if settings is not None:
            extra["session_minutes"], extra["capability_minutes"] = settings.workshop_timebox
        self.session = WorkshopSession(document, **extra, parent=self)
        if two_screens is None:
            two_screens = len(QGuiApplication.screens()) > 1
        roles = (AUDIENCE, PRESENTER) if two_screens else (SINGLE,)
        self.windows = [WorkshopWindow(self.session, role) for role in roles]
        for window in self.windows:
            window.key_pressed.connect(lambda event, w=window: self.key(event, w))
            window.prompt_done.connect(self._prompt_done)
        self.control = self.windows[-1]  # where the facilitator types
        self.session.changed.connect(self.refresh)
        document.error.connect(self._error)
        self._clock = QTimer(self)
        self._clock.setInterval(1000)
        self._clock.timeout.connect(lambda: [w.tick() for w in self.windows])
        self._export = None
        self._closing = False

    # -- showing ------------------------------------------------------------------------

    def show(self, screen_index: int = 0, full_screen: bool = True, size=None) -> None:
        """The audience (or single) window on screen `screen_index`; the presenter's on
        another screen."""
        screens = QGuiApplication.screens()
        for number, window in enumerate(self.windows):
            screen = screens[(screen_index + number) % len(screens)] if screens else None
            if screen is not None:
                window.setScreen(screen)
                window.setGeometry(screen.availableGeometry())  # fills the screen even where no window manager
            if size is not None:                                # honours full screen (a bare X server)
                window.resize(*size)
            if full_screen:
                window.showFullScreen()
            else:
                window.show()
        self.refresh()
        self.control.activateWindow()
        self.control.setFocus()
        self._clock.start()

    def refresh(self) -> None:
        for window in self.windows:
            window.show_message("")
            window.refresh()

    def _error(self, message: str) -> None:
        for window in self.windows:
            window.show_message(message)

    def close(self) -> None:
        if self._closing:
            return
        self._closing = True
        self._clock.stop()
        try:
            self.document.error.disconnect(self._error)
        except (RuntimeError, TypeError):  # the document went first (its plan was closed)
            pass
        self.session.changed.disconnect(self.refresh)
        self.session.close()
        for window in self.windows:
            window.close()
            window.deleteLater()
        self.closed.emit()
        self.deleteLater()  # and its session with it: nothing of a closed workshop stays

    # -- keys ---------------------------------------------------------------------------

    def key(self, event, window=None) -> None:
        if event is None:  # a window was closed
            self.close()
            return
        session, key, text = self.session, event.key(), event.text().lower()
        if event.matches(QKeySequence.StandardKey.Undo):
            self.document.undo_stack.undo()
        elif event.matches(QKeySequence.StandardKey.Redo) or (
                key == K.Key_Z and event.modifiers() & Qt.KeyboardModifier.ControlModifier):
            self.document.undo_stack.redo()
        elif key == K.Key_Escape:
            self.close()
        elif key in NAVIGATION:
            {"next": session.next, "previous": session.previous, "page_down": session.next_dimension,
             "page_up": lambda: session.next_dimension(-1)}[NAVIGATION[key]]()
        elif key == K.Key_Home:
            session.go(0)
        elif key == K.Key_End:
            session.go(len(session.agenda) - 1)
        elif text == "w":
            session.show_screen(SUMMARY)
        elif text == "p":
            self.export_pdf()
        elif text == "t":
            session.toggle_pause()
        elif text == "m":
            self.control.ask("timebox", "Minutes for the session and for each capability (0: no timer):",
                             f"now {session.session_minutes} {session.capability_minutes}; type e.g. 90 5")
        elif text == "i":
            self.import_team()
        elif text == "?":
            for shown in self.windows:
                shown.hint.toggle()  # every key, or the line of the keys that matter now
        elif session.screen == CAPABILITY:
            self._capability_key(key, text)

    def _capability_key(self, key, text: str) -> None:
        session = self.session
        open_round = session.round
        if text.isdigit():
            if open_round is not None and not open_round.revealed:
                session.vote(int(text))
            else:
                session.set_level(int(text))
        elif text == "v":
            session.start_round()
        elif text == "r":
            session.reveal()
        elif text == "a" and open_round is not None and not open_round.revealed:
            self.control.ask("name", "Name, then the level's number:", "e.g. Anja")
        elif key == K.Key_Backspace:
            session.take_back_vote()
        elif key in (K.Key_Return, K.Key_Enter):
            session.accept()
        elif text == "n":
            if session.document.scores.current.get(session.capability.id) is None:
                edits.set_not_applicable(self.document, session.capability.id, False)
            else:
                self.control.ask("na", "Not applicable, because:", "say why, then Enter")
        elif text == "e":
            self.control.ask("note", "Evidence note:", "what shows this level? then Enter")
        elif text == "s":
            session.skip()
        elif text == "b":
            session.back_to_skipped()

    def _prompt_done(self, kind: str, text: str) -> None:
        if kind.startswith("name:"):
            if self.session.vote(int(kind[5:]), text):
                self.control.ask("name", "Next name, then the level's number (Esc when done):", "e.g. Ben")
        elif kind == "na" and text:
            self.session.set_not_applicable(text)
        elif kind == "note" and text:
            self.session.add_note(text)
        elif kind == "timebox" and text:
            self.set_timebox(text)

    def set_timebox(self, text: str) -> bool:
        """ "90 5": a 90-minute session, 5 minutes per capability; kept for next time."""
        parts = text.replace(",", " ").split()
        if len(parts) != 2 or not all(p.isdigit() for p in parts):
            self._error(f"'{text}' is not two whole numbers of minutes: type e.g. 90 5 (0 turns a timer off).")
            return False
        minutes = int(parts[0]), int(parts[1])
        if not self.session.set_timebox(*minutes):
            return False
        if self.settings is not None:
            self.settings.workshop_timebox = minutes
        return True

    # -- results ------------------------------------------------------------------------

    def pdf_path(self) -> Path:
        document = self.document
        folder = Path(getattr(self.settings, "export_folder", "") or document.path.parent)
        stem = f"{document.state.name or document.path.stem} - workshop {date.today().isoformat()}"
        path, number = folder / f"{stem}.pdf", 2
        while path.exists():
            path, number = folder / f"{stem} ({number}).pdf", number + 1
        return path

    def export_pdf(self) -> None:
        """One key: the workshop's results and the investment case with the room's scores,
        beside the plan."""
        from ..export import PdfExport

        if self._export is not None:
            return
        path = self.pdf_path()
        for window in self.windows:
            window.show_message(f"Writing {path.name}…")
        self._export = PdfExport(self.document, path, "a4", self.document.scenario, self,
                                 workshop=self.session.record())
        self._export.finished.connect(self._pdf_done)
        self._export.failed.connect(self._pdf_failed)
        self._export.start()

    def _pdf_done(self, path: str, pages: int) -> None:
        self._export = None
        for window in self.windows:
            window.show_message(f"Saved {pages} pages to {path}")
        self.pdf_written.emit(path)

    def _pdf_failed(self, message: str) -> None:
        self._export = None
        self._error(message)

    def import_team(self, path: str | None = None, team: str | None = None) -> bool:
        """Another room's exported votes; then the summary, which shows where teams differ."""
        from .teams import ask_and_import

        done = ask_and_import(self.control, self.document, path, team)
        if done:
            self.session.show_screen(SUMMARY)
        return done
