"""Every view opens on the demo, and nothing but the main window ever appears on screen."""

from PySide6.QtWidgets import QApplication

from .conftest import improved, settled

VIEWS = ("dashboard", "assessment", "graph", "options", "roadmap")


def visible_windows():
    return [w for w in QApplication.topLevelWidgets() if w.isVisible()]


def test_demo_window_opens_every_view_and_no_stray_window(demo_window, qtbot):
    for name in VIEWS:
        demo_window.show_view(name)
        assert demo_window.workspace.current_name() == name
        settled(qtbot, demo_window.workspace.view(name))
        assert visible_windows() == [demo_window], f"a stray window appeared with the {name} view"
        assert demo_window.isActiveWindow()
    improved(qtbot, demo_window.document)
    assert demo_window.document.roadmap is not None
    assert demo_window.workspace.current_view().charts() is not None
