"""The main window: files, recent plans, the demo, errors, settings kept between runs,
zoom, themes and the undo history."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from planner.store import schema
from planner.ui import edits, paths
from planner.ui.app import choose_target
from planner.ui.main_window import MainWindow
from planner.ui.settings import ZOOM_STEPS, AppSettings

from .conftest import open_plan


def test_starts_on_the_welcome_page(window):
    assert window.stack.currentWidget() is window.welcome
    assert not window.actions["export_pdf"].isEnabled()
    assert window.welcome.no_recent.isVisible()


def test_opening_a_plan_lists_it_in_recent_files(window, demo_path, qtbot):
    assert open_plan(qtbot, window, demo_path)
    assert window.stack.currentWidget() is window.workspace
    assert window.settings.recent_files == [str(demo_path.resolve())]
    assert window.settings.last_plan == str(demo_path.resolve())
    assert "MLOps roadmap 2027" in window.windowTitle()
    assert window.actions["recent_menu"].actions()[0].text().endswith("demo.mlplan")
    window.close_plan()
    assert window.stack.currentWidget() is window.welcome
    assert window.welcome.recent.count() == 1


def test_the_demo_is_a_real_plan_in_the_data_folder_and_edits_are_kept(window, isolated_home, qtbot):
    assert window.open_demo()
    qtbot.waitUntil(lambda: window.workspace is not None)
    path = paths.demo_plan_path()
    assert path.is_file() and path.is_relative_to(isolated_home)
    assert not window.document.read_only
    edits.set_level(window.document, "feature_store", 2)
    window.close_plan()
    assert window.open_demo()  # opened again, not rebuilt
    qtbot.waitUntil(lambda: window.workspace is not None)
    assert window.document.scores.current["feature_store"] == 2
    window.reset_demo()
    qtbot.waitUntil(lambda: window.workspace is not None and window.workspace.document is window.document)
    assert window.document.scores.current["feature_store"] == 0


@pytest.mark.parametrize("content, message", [
    (b"", "it is empty"),
    (b"this is a text file, not a plan" * 10, "not an SQLite database"),
])
def test_a_file_that_is_not_a_plan_is_refused_with_a_message(window, tmp_path, content, message):
    path = tmp_path / "broken.mlplan"
    path.write_bytes(content)
    assert not window.open_path(path)
    assert message in window.last_message.text()
    assert window.stack.currentWidget() is window.welcome
    assert path.read_bytes() == content  # left as it was


def test_a_newer_or_foreign_plan_is_refused_with_a_message(window, demo_path, tmp_path):
    with sqlite3.connect(demo_path) as conn:
        conn.execute(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 1}")
    assert not window.open_path(demo_path)
    assert "newer version" in window.last_message.text() and "upgrade the app" in window.last_message.text()
    foreign = tmp_path / "other.mlplan"
    with sqlite3.connect(foreign) as conn:
        conn.execute("CREATE TABLE t (x)")
    assert not window.open_path(foreign)
    assert "another application" in window.last_message.text()


def test_a_plan_open_in_another_process_opens_read_only_with_a_banner(window, demo_path, qtbot):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys; from planner.store.planfile import PlanFile\n"
         f"plan = PlanFile.open({str(demo_path)!r}); print('locked', flush=True); sys.stdin.read()"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        assert open_plan(qtbot, window, demo_path)
        assert window.document.read_only
        banner = window.workspace.read_only_banner
        assert banner.isVisible() and "another process" in banner.text() and str(holder.pid) in banner.text()
        assert "[read-only]" in window.windowTitle()
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
        holder.stdout.close()


def test_window_geometry_view_and_last_plan_are_kept_between_runs(qtbot, tmp_path, demo_path):
    settings_file = tmp_path / "settings.ini"
    first = MainWindow(AppSettings(settings_file))
    qtbot.addWidget(first)
    first.resize(800, 650)  # the offscreen screen is 800x800: a restored window is kept on it
    first.show()
    open_plan(qtbot, first, demo_path)
    first.show_view("roadmap")
    first.close()
    settings = AppSettings(settings_file)
    assert settings.last_view == "roadmap"
    assert settings.last_plan == str(demo_path.resolve())
    assert choose_target(type("Args", (), {"demo": False, "path": None})(), settings) == str(demo_path.resolve())
    second = MainWindow(settings)
    qtbot.addWidget(second)
    second.restore_window()
    assert (second.width(), second.height()) == (800, 650)
    second.show()
    second.start(choose_target(type("Args", (), {"demo": False, "path": None})(), settings))
    qtbot.waitUntil(lambda: second.workspace is not None)
    assert second.workspace.current_name() == "roadmap"
    second.close()


def test_zoom_and_theme_change_the_whole_ui(demo_window, qtbot):
    app = QApplication.instance()
    size = app.font().pointSizeF()
    qtbot.keyClick(demo_window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert app.font().pointSizeF() == pytest.approx(size)  # restyled on the next turn, not inside the key press
    qtbot.waitUntil(lambda: app.font().pointSizeF() > size)
    assert demo_window.zoom_label.text() == "Zoom 110%"
    qtbot.keyClick(demo_window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: app.font().pointSizeF() == pytest.approx(size))
    demo_window.actions["theme_dark"].trigger()
    qtbot.waitUntil(lambda: app.palette().window().color().lightness() < 128)
    assert demo_window.settings.theme == "dark"
    demo_window.actions["theme_light"].trigger()
    qtbot.waitUntil(lambda: app.palette().window().color().lightness() > 128)


def test_the_projector_preset_makes_body_text_at_least_18_pixels(demo_window, qtbot):
    from PySide6.QtGui import QFontInfo

    from planner.ui import theme

    app = QApplication.instance()
    assert QFontInfo(app.font()).pixelSize() < theme.PROJECTOR_PIXELS
    qtbot.keyClick(demo_window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: QFontInfo(app.font()).pixelSize() >= theme.PROJECTOR_PIXELS)
    roadmap = demo_window.workspace.view("roadmap")
    assert QFontInfo(roadmap.font()).pixelSize() >= theme.PROJECTOR_PIXELS
    # the smallest step that does it: one step less is below 18 pixels
    steps = list(ZOOM_STEPS)
    below = steps[steps.index(demo_window.settings.zoom) - 1]
    assert theme.BASE_POINT_SIZE * below * demo_window.logicalDpiY() / 72 < theme.PROJECTOR_PIXELS
    assert demo_window.zoom_label.text() == f"Zoom {demo_window.settings.zoom:.0%}"
    demo_window.zoom(0)
    qtbot.waitUntil(lambda: QFontInfo(app.font()).pixelSize() < theme.PROJECTOR_PIXELS)


def test_a_zoom_waits_for_an_open_wizard_and_a_closed_wizard_is_gone(demo_window, qtbot):
    """Qt's QWizard crashes an app-wide restyle (see the next test): the zoom waits
    until the wizard is closed, and a closed wizard no longer lives on hidden."""
    from PySide6.QtWidgets import QWizard

    app = QApplication.instance()
    size = app.font().pointSizeF()
    restyles, restyle = [], demo_window.apply_appearance

    def recorded():  # a restyle with a wizard open is recorded, not run: it would crash the suite
        wizard_open = any(isinstance(w, QWizard) for w in app.topLevelWidgets())
        restyles.append(wizard_open)
        if not wizard_open:
            restyle()

    demo_window.apply_appearance = recorded
    demo_window.new_plan()
    wizard = next(w for w in app.topLevelWidgets() if isinstance(w, QWizard))
    qtbot.waitExposed(wizard)
    demo_window.zoom(+1)
    qtbot.waitUntil(lambda: not demo_window._restyle_queued)  # the turn in which it would have restyled
    assert restyles == [] and app.font().pointSizeF() == pytest.approx(size), "restyled with a wizard open"
    with qtbot.waitSignal(wizard.destroyed):
        wizard.reject()
    qtbot.waitUntil(lambda: app.font().pointSizeF() > size)
    assert restyles == [False]
    assert not any(isinstance(w, QWizard) for w in app.topLevelWidgets())


ZOOM_AFTER_WIZARD = """
import sys, tempfile
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWizard
from planner.store.demo import build_demo
from planner.ui import theme
from planner.ui.app import make_app
from planner.ui.main_window import MainWindow
from planner.ui.settings import ZOOM_STEPS, AppSettings

app = make_app()
theme.apply_theme(app, "light", 1.0)
path = Path(tempfile.mkdtemp()) / "demo.mlplan"
build_demo(path).close()
window = MainWindow(AppSettings.in_memory())
window.show()
window.open_path(path)

def turns(n):
    for _ in range(n):
        done = []
        QTimer.singleShot(0, lambda: done.append(1))
        while not done:
            app.processEvents()

for _ in range(3):
    window.new_plan()
    turns(5)
    next(w for w in app.topLevelWidgets() if isinstance(w, QWizard)).reject()
    for step in (-1, -1, 1, 1):
        window.zoom(step)
        turns(5)
print("survived")
"""


def test_zooming_after_the_new_plan_wizard_does_not_crash(tmp_path):
    """The real-window soak's segmentation fault in QApplication.setStyleSheet: a
    wizard left hidden after New plan, then two zoom steps. In its own process, so a
    crash is a failure here and not the end of the suite."""
    import os

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ROADMAP_PLANNER_HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", ZOOM_AFTER_WIZARD], env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0 and "survived" in done.stdout, done.stderr[-2000:]


def test_undo_history_lists_every_edit(demo_window, qtbot):
    doc = demo_window.document
    edits.set_level(doc, "feature_store", 1)
    edits.set_confidence(doc, "feature_store", "high")
    qtbot.keyClick(demo_window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert demo_window.undo_dock.isVisible()
    model = demo_window.undo_view.model()
    assert model.rowCount() == 3  # "Plan as opened" and two edits
    assert "confidence" in model.index(2, 0).data()
    demo_window.undo_view.setCurrentIndex(model.index(0, 0))  # click back to the start
    assert doc.undo_stack.index() == 0
    assert doc.scores.current["feature_store"] == 0
    qtbot.keyClick(demo_window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert doc.undo_stack.index() == 1


def test_a_damaged_catalog_copy_inside_the_plan_is_reported(window, demo_path, qtbot):
    with sqlite3.connect(demo_path) as conn:
        conn.execute("UPDATE catalog_files SET content = ? WHERE path = 'catalog.toml'", (b"format = [broken",))
    window.open_path(demo_path)  # the file opens; its catalog copy is read on the next turn
    qtbot.waitUntil(lambda: window.last_message is not None)
    assert "catalog copy inside the plan is damaged" in window.last_message.text()
    assert window.document is None and window.stack.currentWidget() is window.welcome
    assert window.open_path(demo_path.parent / "nothing.mlplan") is False
