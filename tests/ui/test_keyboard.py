"""Keyboard first: every view and the main edits are reachable without a mouse, and every
control has a name a screen reader can say."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QLabel, QLineEdit,
                               QWidget)

from .conftest import settled, shown

VIEWS = ("dashboard", "assessment", "graph", "options", "roadmap")
CTRL = Qt.KeyboardModifier.ControlModifier


def test_views_switch_with_ctrl_and_a_number(demo_window, qtbot):
    for number, name in enumerate(VIEWS, start=1):
        qtbot.keyClick(demo_window, getattr(Qt.Key, f"Key_{number}"), CTRL)
        assert demo_window.workspace.current_name() == name


def test_scoring_by_keyboard_alone(demo_window, qtbot):
    qtbot.keyClick(demo_window, Qt.Key.Key_2, CTRL)
    view = demo_window.workspace.view("assessment")
    settled(qtbot, view)
    qtbot.keyClick(view, Qt.Key.Key_F, CTRL)
    assert view.search.hasFocus()
    qtbot.keyClicks(view.search, "drift")
    view.tree.setFocus()  # Tab order: the search, the filters, then the list
    assert demo_window.focusWidget() is view.tree
    qtbot.keyClick(view.tree, Qt.Key.Key_Down)
    qtbot.keyClick(view.tree, Qt.Key.Key_Down)
    assert view.current_capability().id == "drift_detection"
    qtbot.keyClick(view.tree, Qt.Key.Key_2)
    assert demo_window.document.scores.current["drift_detection"] == 2
    qtbot.keyClick(demo_window, Qt.Key.Key_Z, CTRL)
    assert demo_window.document.scores.current["drift_detection"] == 0


@pytest.mark.parametrize("name, field", [("assessment", "search"), ("graph", "search"), ("options", "filter")])
def test_ctrl_f_finds_a_capability_in_each_view_with_a_list(demo_window, qtbot, name, field):
    view = shown(qtbot, demo_window, name)
    search = getattr(view, field)
    search.setText("feature")
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_F, CTRL)
    assert search.hasFocus() and search.selectedText() == "feature"
    assert "Ctrl+F" in search.placeholderText()


def _named(widget: QWidget) -> bool:
    if widget.accessibleName().strip():
        return True
    if isinstance(widget, QAbstractButton) and widget.text().replace("&", "").strip():
        return True
    labels = [label for label in widget.window().findChildren(QLabel) if label.buddy() is widget]
    return bool(labels)


@pytest.mark.parametrize("name", VIEWS)
def test_every_control_has_a_name(demo_window, qtbot, name):
    demo_window.show_view(name)
    view = demo_window.workspace.view(name)
    settled(qtbot, view)
    controls = [w for w in view.findChildren(QWidget)
                if isinstance(w, (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView))
                and w.isVisibleTo(view) and w.focusPolicy() != Qt.FocusPolicy.NoFocus
                and not isinstance(w.parent(), (QComboBox, QAbstractSpinBox))]
    assert controls
    unnamed = [f"{type(w).__name__} {w.objectName() or w.toolTip()[:40]!r}" for w in controls if not _named(w)]
    assert not unnamed, f"controls without an accessible name in the {name} view: {unnamed}"
