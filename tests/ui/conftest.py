"""Fixtures for the desktop app's tests: a fresh demo plan file per test, app settings
in memory, and a home folder of the test's own (never the developer's config)."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtWidgets import QWidget

from planner.store.demo import build_demo


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    """Settings, the demo plan and logs go under the test's own folder."""
    home = tmp_path / "home"
    monkeypatch.setenv("ROADMAP_PLANNER_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def app_theme(qapp):
    """Every test starts in the app's light theme at 100%, as the app would show it."""
    from planner.ui import theme
    from planner.ui.app import make_app

    make_app()
    theme.apply_theme(qapp, "light", 1.0)
    yield


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory):
    """The demo plan, built once; tests get their own copies."""
    path = tmp_path_factory.mktemp("demo-template") / "demo.mlplan"
    build_demo(path).close()
    return path


@pytest.fixture
def demo_path(tmp_path, demo_template):
    """A writable copy of the demo plan."""
    path = tmp_path / "demo.mlplan"
    shutil.copy(demo_template, path)
    return path


@pytest.fixture
def document(qtbot, demo_path):
    """The demo plan opened as a document. The improvement stage runs on its thread, as
    in the app; wait on `improved(document)` when a test needs its result."""
    from planner.ui.document import PlanDocument

    doc = PlanDocument.open(demo_path)
    yield doc
    doc.close()


@pytest.fixture
def window(qtbot):
    """The main window with in-memory settings, shown offscreen, no plan open."""
    from planner.ui.main_window import MainWindow
    from planner.ui.settings import AppSettings

    win = MainWindow(AppSettings.in_memory())
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    qtbot.waitExposed(win)
    win.activateWindow()
    qtbot.waitUntil(win.isActiveWindow)  # window shortcuts (Ctrl+Z, ...) need an active window
    return win


@pytest.fixture
def demo_window(window, demo_path, qtbot):
    """The main window with a copy of the demo plan open."""
    assert open_plan(qtbot, window, demo_path)
    return window


def open_plan(qtbot, window, path) -> bool:
    """Open a plan and wait for its views (they are built on the next turn of the event loop)."""
    if not window.open_path(path):
        return False
    qtbot.waitUntil(lambda: window.workspace is not None and window.document is not None
                    and window.workspace.document is window.document)
    return True


def improved(qtbot, document, timeout=20_000):
    """Wait until the document's improvement stage has finished (if it is running)."""
    from planner.ui.document import IMPROVING

    if document.stage == IMPROVING:
        with qtbot.waitSignal(document.planning_changed, timeout=timeout,
                              check_params_cb=lambda stage: stage != IMPROVING):
            pass


def shown(qtbot, window, name: str, improve: bool = False):
    """Show the view `name` of `window` and wait until it is filled and laid out; with
    `improve`, first until the improvement stage is done."""
    window.show_view(name)
    view = window.workspace.view(name)
    if improve:
        improved(qtbot, window.document)
    settled(qtbot, view)
    return view


def settled(qtbot, view):
    """Wait until the view has run its deferred refresh, shown its new widgets and laid
    them out (layout requests are posted events: they are delivered here, not waited for)."""
    from PySide6.QtCore import QCoreApplication

    qtbot.waitUntil(lambda: not view.pending() and view.isVisible())
    qtbot.waitUntil(lambda: all(w.isVisible() for w in view.findChildren(QWidget) if not w.isHidden()
                                and w.parentWidget() is not None and w.parentWidget().isVisible()))
    QCoreApplication.sendPostedEvents()
