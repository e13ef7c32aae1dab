"""The main window: menus, toolbar, status bar, and either the welcome page or the open
plan's workspace. It owns at most one `PlanDocument` at a time.

It is shown before anything heavy is imported: the core (and the document) load after
the first paint, in `start()`.
"""

from __future__ import annotations

import gc
import logging
from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QUndoGroup
from PySide6.QtWidgets import (QApplication, QDockWidget, QFileDialog, QLabel, QMainWindow, QMessageBox,
                               QStackedWidget, QUndoView, QWizard)

from . import paths, theme
from .actions import build_actions
from .settings import ZOOM_STEPS, AppSettings
from .views.welcome import WelcomePage

log = logging.getLogger("planner.ui.main_window")

PLAN_FILTER = "Plans (*.mlplan);;All files (*)"


def settle_garbage() -> None:
    """Move what is alive now (catalog, plan, widgets) out of the garbage collector's
    reach: a full collection then scans only new objects, and takes a few milliseconds
    instead of tens in the middle of an interaction. Start-up runs with the collector
    off (cli_gui.run_gui: importing makes objects by the hundred thousand, none of them
    garbage); it is switched on here, once the first plan is shown."""
    gc.collect()
    gc.freeze()
    gc.enable()


class MainWindow(QMainWindow):
    first_painted = Signal()
    document_opened = Signal(object)  # the PlanDocument
    document_closed = Signal()

    def __init__(self, settings: AppSettings, improve: bool = True):
        super().__init__()
        self.settings = settings
        self.improve = improve
        self.document = None
        self.workspace = None
        self.workshop = None
        self.crash_handler = None
        self.last_message: QMessageBox | None = None
        self._painted = False
        self._opening = None  # a plan file between opening and its document
        self.setWindowTitle(paths.APP_NAME)
        self.setObjectName("main_window")
        self.resize(1280, 800)
        self.setMinimumSize(800, 560)

        self.undo_group = QUndoGroup(self)
        self.stack = QStackedWidget()
        self.welcome = WelcomePage()
        self.welcome.new_requested.connect(self.new_plan)
        self.welcome.target_requested.connect(lambda framework, level: self.new_plan((framework, level)))
        self.welcome.guide_requested.connect(lambda: self.actions["guide"].trigger())
        self.welcome.open_requested.connect(self.open_dialog)
        self.welcome.demo_requested.connect(self.open_demo)
        self.welcome.recent_requested.connect(self.open_path)
        self.loading = QLabel("Opening the plan…")
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.welcome)
        self.stack.addWidget(self.loading)
        self.setCentralWidget(self.stack)

        self.actions = build_actions(self)
        self.undo_dock = QDockWidget("Undo history", self)
        self.undo_dock.setObjectName("undo_history")
        self.undo_view = QUndoView(self.undo_group)
        self.undo_view.setEmptyLabel("Plan as opened")
        self.undo_view.setAccessibleName("Undo history")
        self.undo_dock.setWidget(self.undo_view)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.undo_dock)
        self.undo_dock.hide()
        self.actions["history"].setChecked(False)
        self.undo_dock.visibilityChanged.connect(self.actions["history"].setChecked)

        self.planning_label = QLabel()
        self.planning_label.setAccessibleName("Roadmap planning state")
        self.zoom_label = QLabel()
        self.zoom_label.setToolTip("Zoom (Ctrl+plus, Ctrl+minus, Ctrl+0)")
        self.statusBar().addPermanentWidget(self.planning_label)
        self.statusBar().addPermanentWidget(self.zoom_label)
        self._show_zoom()
        self._update_actions()
        self.refresh_recent()

    # -- start-up -------------------------------------------------------------------------

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    def restore_window(self) -> None:
        """Last run's geometry, or on first run most of the screen, centred."""
        if self.settings.geometry is not None:
            self.restoreGeometry(self.settings.geometry)
        elif (screen := self.screen()) is not None:
            area = screen.availableGeometry()
            width = min(1600, max(self.minimumWidth(), int(area.width() * 0.85)), area.width())
            height = min(1000, max(self.minimumHeight(), int(area.height() * 0.85)), area.height())
            self.resize(width, height)
            self.move(area.x() + (area.width() - width) // 2, area.y() + (area.height() - height) // 2)
        if self.settings.window_state is not None:
            self.restoreState(self.settings.window_state)

    def show_loading(self, loading: bool) -> None:
        self.stack.setCurrentWidget(self.loading if loading else self.welcome)
        if not loading and not gc.isenabled():
            QTimer.singleShot(0, settle_garbage)  # start-up ends on the welcome page

    def start(self, target: str | None) -> None:
        """After the first paint: open the demo ('demo'), a plan path, or stay welcome.
        The worker process starts first, so that its imports overlap with the opening."""
        from .worker import shared_worker

        if self.improve:
            shared_worker().start()
        if target == "demo":
            self.open_demo()
        elif target:
            self.open_path(target)
        else:
            self.show_loading(False)

    # -- plans ----------------------------------------------------------------------------

    def open_dialog(self) -> None:
        start = str(Path(self.settings.last_plan).parent) if self.settings.last_plan else str(Path.home())
        path, _ = QFileDialog.getOpenFileName(self, "Open plan", start, PLAN_FILTER)
        if path:
            self.open_path(path)

    def open_path(self, path: str | Path) -> bool:
        """Open a plan: the file now (so a refusal is reported at once), the document on
        the next turn of the event loop and its views on the one after, so that no step
        holds the loop for long. `document_opened` says when all is there."""
        from .document import PlanFileError, open_plan

        path = Path(path)
        if self.document is not None and self.document.path.resolve() == path.resolve():
            return True
        self.close_plan(show_welcome=False)
        try:
            plan = open_plan(path, defer_catalog=True)
        except PlanFileError as exc:
            self._refused(path, exc)
            return False
        self.show_loading(True)
        self._opening = plan
        QTimer.singleShot(0, lambda: self._make_document(plan))
        return True

    def _refused(self, path: Path, exc: Exception) -> None:
        self.show_loading(False)
        if not path.exists():
            self.settings.remove_recent(str(path.resolve()))
            self.refresh_recent()
        self.show_message("Cannot open the plan", str(exc))

    def _make_document(self, plan) -> None:
        from .document import PlanDocument, PlanFileError

        if self._opening is not plan:
            return  # closed, or another plan asked for, meanwhile
        self._opening = None
        try:
            plan.catalog  # noqa: B018 - the plan's own catalog copy, read on this turn
        except PlanFileError as exc:
            plan.close()
            self._refused(plan.path, exc)
            return
        document = PlanDocument(plan, self, improve=self.improve)
        self.document = document
        QTimer.singleShot(0, lambda: self.document is document and self.set_document(document))

    def open_demo(self) -> bool:
        """The demo plan in the user's data folder, built on first use."""
        from .document import PlanFileError, build_demo

        path = paths.demo_plan_path()
        if not path.exists():
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                build_demo(path).close()
            except (OSError, PlanFileError) as exc:
                self.show_message("Cannot create the demo plan", f"{path}: {exc}")
                return False
        return self.open_path(path)

    def reset_demo(self) -> None:
        """Throw away the demo plan's edits and build it afresh."""
        path = paths.demo_plan_path()
        if self.document is not None and self.document.path.resolve() == path.resolve():
            self.close_plan(show_welcome=False)
        for suffix in ("", "-wal", "-shm", ".lock"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        self.open_demo()

    def new_plan(self, target: tuple[str, int] | None = None) -> None:
        from .new_plan import NewPlanWizard

        wizard = NewPlanWizard(self, target)
        # Gone once closed: a QWizard that lives on, even hidden, can crash Qt at the next
        # app-wide restyle (see _restyle); before, every wizard opened stayed for good.
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.plan_created.connect(self.open_path)
        wizard.open()

    def close_plan(self, show_welcome: bool = True) -> None:
        if self._opening is not None:
            self._opening.close()
            self._opening = None
        if self.workshop is not None:
            self.workshop.close()
        if self.document is not None:
            if self.document.undo_stack in self.undo_group.stacks():
                self.undo_group.removeStack(self.document.undo_stack)
            self.document.close()
            if self.document.recovered is not None:  # its file could not be written to the end
                self.show_message("Unsaved edits kept in a copy",
                                  f"{self.document.path} could not be written, so your last edits are saved in a "
                                  f"copy:\n{self.document.recovered}\nOpen it to go on, or copy it over the plan.")
            self.document.deleteLater()
            self.document = None
        if self.workspace is not None:
            self.stack.removeWidget(self.workspace)
            self.workspace.deleteLater()
            self.workspace = None
            self.document_closed.emit()
        self.planning_label.clear()
        self.setWindowTitle(paths.APP_NAME)
        if show_welcome:
            self.settings.last_plan = None
            self.refresh_recent()
            self.stack.setCurrentWidget(self.welcome)
        self._update_actions()

    def set_document(self, document) -> None:
        from .workspace import Workspace

        self.document = document
        self.undo_group.addStack(document.undo_stack)
        self.undo_group.setActiveStack(document.undo_stack)
        self.workspace = Workspace(document)
        self.stack.addWidget(self.workspace)
        self.stack.setCurrentWidget(self.workspace)
        document.planning_changed.connect(self._show_planning)
        document.roadmap_changed.connect(self._show_planning)
        document.changed.connect(self._update_title)
        document.crashed.connect(self._report_crash)
        document.notice.connect(lambda text: self.statusBar().showMessage(text, 15_000))
        self.workspace.view_changed.connect(self._view_changed)
        self.workspace.show_view(self.settings.last_view)
        self.settings.add_recent(document.path)
        self.settings.last_plan = document.path.resolve()
        self.refresh_recent()
        self._update_title()
        self._show_planning()
        self._update_actions()
        view = self.workspace.current_view()
        if view is None or view.is_fresh():
            QTimer.singleShot(0, settle_garbage)
        else:  # after the view is filled and painted, not before
            view.refreshed.connect(lambda: QTimer.singleShot(0, settle_garbage), Qt.ConnectionType.SingleShotConnection)
        self.document_opened.emit(document)

    def _update_title(self) -> None:
        if self.document is None:
            return
        flag = " [read-only]" if self.document.read_only else ""
        self.setWindowTitle(f"{self.document.state.name} — {self.document.path.name}{flag} — {paths.APP_NAME}")

    def _show_planning(self, *_) -> None:
        self.planning_label.setText(self.document.status_text() if self.document else "")

    def _view_changed(self, name: str) -> None:
        self.settings.last_view = name
        self._update_actions()

    def show_view(self, name: str) -> None:
        if self.workspace is not None:
            self.workspace.show_view(name)

    def _update_actions(self) -> None:
        has_plan = self.document is not None
        views = (f"view_{n}" for n in ("dashboard", "assessment", "graph", "options", "roadmap"))
        for name in ("close", "export_pdf", "export_csv", "workshop", "import_team", "export_votes", *views):
            self.actions[name].setEnabled(has_plan)
        charts = bool(has_plan and self.workspace and self.workspace.current_view().charts())
        self.actions["export_chart"].setEnabled(charts)

    # -- workshop -------------------------------------------------------------------------

    def start_workshop(self) -> None:
        from PySide6.QtGui import QGuiApplication

        from .workshop.controller import Workshop

        if self.document is None or self.workshop is not None:
            return
        screens = QGuiApplication.screens()
        index = self.settings.workshop_screen
        if not 0 <= index < len(screens):
            mine = self.screen()
            index = next((i for i, s in enumerate(screens) if s is not mine), 0)
        self.workshop = Workshop(self.document, self.settings, parent=self)
        self.workshop.closed.connect(self._workshop_closed)
        self.workshop.show(index)

    def _workshop_closed(self) -> None:
        self.workshop = None
        self.activateWindow()

    # -- recent files ---------------------------------------------------------------------

    def refresh_recent(self) -> None:
        files = self.settings.recent_files
        self.welcome.set_recent(files)
        menu = self.actions["recent_menu"]
        menu.clear()
        for index, path in enumerate(files):
            action = menu.addAction(f"&{index + 1}  {Path(path).name}")
            action.setToolTip(path)
            action.setEnabled(Path(path).is_file())
            action.triggered.connect(lambda _=False, p=path: self.open_path(p))
        if files:
            menu.addSeparator()
            menu.addAction("Clear recent plans", self._clear_recent)
        menu.setEnabled(bool(files))

    def _clear_recent(self) -> None:
        self.settings.clear_recent()
        self.refresh_recent()

    # -- messages -------------------------------------------------------------------------

    def show_message(self, title: str, text: str, icon=QMessageBox.Icon.Warning) -> QMessageBox:
        """A window-modal message that does not block the event loop."""
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self)
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.last_message = box
        box.open()
        return box

    def _report_crash(self, details: str) -> None:
        if self.crash_handler is not None:
            self.crash_handler.report_details(details)
        else:
            log.error("unexpected error:\n%s", details)

    # -- appearance -----------------------------------------------------------------------

    def zoom(self, step: int) -> None:
        """Zoom the whole UI one step in (+1) or out (-1), or back to 100% (0)."""
        if step == 0:
            self.settings.zoom = 1.0
        else:
            index = ZOOM_STEPS.index(self.settings.zoom) + step
            self.settings.zoom = ZOOM_STEPS[max(0, min(len(ZOOM_STEPS) - 1, index))]
        self.restyle_later()

    def projector(self) -> None:
        """The projector preset: the smallest zoom step at which body text is at least
        theme.PROJECTOR_PIXELS high on this screen."""
        self.settings.zoom = theme.projector_zoom(ZOOM_STEPS, self.logicalDpiY())
        self.restyle_later()

    def set_theme(self, name: str) -> None:
        self.settings.theme = name
        self.restyle_later()

    def restyle_later(self) -> None:
        """Restyle on the next turn of the event loop, never inside the click or key that
        asked: a new style sheet re-polishes every widget, the one still handling that
        event included (a real-window soak crashed in setStyleSheet from a toolbar click).
        Several steps in one turn restyle once."""
        if not getattr(self, "_restyle_queued", False):
            self._restyle_queued = True
            QTimer.singleShot(0, self._restyle)

    def _restyle(self) -> None:
        """Restyle now, or once an open wizard is gone: Qt's QWizard rebuilds parts of
        itself on a style change, inside the loop in which QApplication.setStyleSheet
        re-polishes every widget, and the loop then touches a deleted widget (a
        segmentation fault; found by the real-window soak, reproduced offscreen by a
        second zoom with a wizard open or left hidden)."""
        self._restyle_queued = False
        wizard = next((w for w in QApplication.topLevelWidgets() if isinstance(w, QWizard)), None)
        if wizard is not None:
            wizard.destroyed.connect(self.restyle_later)
            return
        self.apply_appearance()

    def apply_appearance(self) -> None:
        app = QApplication.instance()
        theme.apply_theme(app, self.settings.theme, self.settings.zoom)
        for name, action in self.actions.items():
            if name.startswith("theme_"):
                action.setChecked(name == f"theme_{self.settings.theme}")
        self._show_zoom()

    def _show_zoom(self) -> None:
        self.zoom_label.setText(f"Zoom {self.settings.zoom:.0%}")  # not to be read as a score beside the proof

    def changeEvent(self, event) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            QTimer.singleShot(0, self._repaint_icons)

    def _repaint_icons(self) -> None:
        from .actions import refresh_icons

        refresh_icons(self)

    # -- closing --------------------------------------------------------------------------

    def closeEvent(self, event) -> None:
        self.settings.geometry = self.saveGeometry()
        self.settings.window_state = self.saveState()
        if self.document is not None:
            self.settings.last_plan = self.document.path.resolve()
        self.close_plan(show_welcome=False)
        self.settings.sync()
        super().closeEvent(event)
