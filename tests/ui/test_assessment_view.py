"""The assessment view, driven with the mouse and keyboard."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from planner.store.planfile import PlanFile
from planner.ui import edits

from planner.ui.views.assessment_level import DERIVED

from .conftest import settled


@pytest.fixture
def view(demo_window, qtbot):
    demo_window.show_view("assessment")
    view = demo_window.workspace.view("assessment")
    view.select_capability("feature_store")
    assert view.detail.cap.id == "feature_store"
    settled(qtbot, view)
    return view


def entry(document, capability):
    return document.state.assessment().entries[capability]


def test_clicking_a_level_sets_it_and_undo_restores(view, qtbot):
    doc = view.document
    button = view.detail.level.group.button(2)
    with qtbot.waitSignal(view.refreshed):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert entry(doc, "feature_store").level == 2
    assert doc.scores.current["feature_store"] == 2
    assert view.detail.level.levels_box.title() == "Level now: 2"
    with qtbot.waitSignal(view.refreshed):
        qtbot.keyClick(view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert entry(doc, "feature_store").level == 0
    assert view.detail.level.group.button(0).isChecked()


def test_the_criteria_derive_the_level(view, qtbot):
    doc = view.document
    qtbot.mouseClick(view.detail.level.group.button(DERIVED), Qt.MouseButton.LeftButton)  # from the criteria
    assert entry(doc, "feature_store").level is None
    cap = doc.catalog.capability("feature_store")
    for index in range(len(cap.level(1).criteria)):
        qtbot.mouseClick(view.detail.level.checks[(1, index)], Qt.MouseButton.LeftButton)
    assert doc.scores.current["feature_store"] == 1
    settled(qtbot, view)
    assert "give level 1" in view.detail.level.derived.text()
    view.detail.level.checks[(1, 0)].click()
    assert doc.scores.current["feature_store"] == 0


def test_digit_keys_in_the_list_set_the_level(view, qtbot):
    view.tree.setFocus()
    qtbot.keyClick(view.tree, Qt.Key.Key_3)
    assert view.document.scores.current["feature_store"] == 3
    qtbot.keyClick(view.tree, Qt.Key.Key_9)  # above the scale: ignored
    assert view.document.scores.current["feature_store"] == 3


def test_not_applicable_needs_a_reason(view, qtbot):
    doc = view.document
    view.detail.not_applicable.click()
    assert not entry(doc, "feature_store").not_applicable  # waits for the reason
    assert view.detail.reason.hasFocus() or not view.isActiveWindow()
    qtbot.keyClicks(view.detail.reason, "Features are computed in the rating engine")
    qtbot.keyClick(view.detail.reason, Qt.Key.Key_Return)
    assert entry(doc, "feature_store").not_applicable
    assert entry(doc, "feature_store").na_reason == "Features are computed in the rating engine"
    assert doc.scores.current["feature_store"] is None
    assert not any(i.capability == "feature_store" for i in doc.roadmap.items)
    view.detail.not_applicable.click()
    assert not entry(doc, "feature_store").not_applicable


def test_evidence_is_added_and_removed(view, qtbot):
    doc = view.document
    section = view.detail.evidence
    qtbot.keyClicks(section.note, "Feast PoC notebook reviewed")
    qtbot.keyClicks(section.link, "https://wiki.example/feast")
    qtbot.mouseClick(section.add_button, Qt.MouseButton.LeftButton)
    notes = [e.note for e in entry(doc, "feature_store").evidence]
    assert "Feast PoC notebook reviewed" in notes
    assert section.note.text() == ""
    row = notes.index("Feast PoC notebook reviewed")
    section.table.setCurrentIndex(section.model.index(row, 0))
    qtbot.mouseClick(section.remove_button, Qt.MouseButton.LeftButton)
    assert "Feast PoC notebook reviewed" not in [e.note for e in entry(doc, "feature_store").evidence]


def test_votes_show_disagreement_and_the_median_can_be_accepted(view, qtbot):
    doc = view.document
    votes = view.detail.votes
    for who, level in (("Ana", 0), ("Ben", 2), ("Cem", 2)):
        votes.participant.setCurrentText(who)
        votes.level.setCurrentIndex(votes.level.findData(level))
        qtbot.mouseClick(votes.add_button, Qt.MouseButton.LeftButton)
    assert {v.participant: v.level for v in doc.state.assessment().votes["feature_store"]} == {"Ana": 0, "Ben": 2,
                                                                                               "Cem": 2}
    settled(qtbot, view)
    assert "Median 2" in votes.summary.text() and "Disagreement" in votes.summary.text()
    qtbot.mouseClick(votes.accept_button, Qt.MouseButton.LeftButton)
    assert entry(doc, "feature_store").level == 2
    with PlanFile.open(doc.path, read_only=True) as plan:  # the votes are kept in the file as evidence
        assert len(plan.state.assessment().votes["feature_store"]) == 3


def test_the_votes_column_has_a_key(view, qtbot):
    """"1.5 (4) ⚑" explained: in the column header's tooltip, and in a key under the list
    while the assessment has votes."""
    header = view.tree.header()
    assert header.model().headerData(4, Qt.Orientation.Horizontal) == "Votes"
    tip = header.model().headerData(4, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "the median level they voted (the room's consensus), how many voted in brackets" in tip
    assert "⚑ when the votes are 2 or more levels apart (the room disagrees)" in tip
    flagged = view.model.capability_index("model_monitoring", 4)
    assert flagged.data() == "1.5 (4) ⚑" and flagged.data(Qt.ItemDataRole.ToolTipRole).count("4 votes") == 1
    key = view.votes_key
    assert key.isVisible() and key.text() == "Votes: median level (number of votes); ⚑ votes 2 or more levels apart"
    assert key.parentWidget() is view.tree.parentWidget() and key.y() >= view.tree.geometry().bottom()  # under the list
    assert key.geometry().right() <= view.tree.geometry().right() + 1  # read whole: it wraps, it is not cut
    with qtbot.waitSignal(view.refreshed):
        edits.set_active_assessment(view.document, "Claims analytics")  # no votes: nothing to explain
    assert not view.document.scores.consensus and not key.isVisible()
    with qtbot.waitSignal(view.refreshed):
        view.document.undo_stack.undo()
    assert key.isVisible()


def test_filters_and_search_narrow_the_list(view, qtbot):
    view.filters["disagreement"].click()
    assert view.count.text() == "2 of 32 capabilities shown"
    view.filters["disagreement"].click()
    qtbot.keyClicks(view.search, "drift")
    assert view.count.text() == "1 of 32 capabilities shown"
    view.select_capability("ci")  # hidden by the search: the filters are cleared to show it
    assert view.search.text() == "" and view.detail.cap.id == "ci"


def test_target_and_priority(view, qtbot):
    doc = view.document
    section = view.detail.level
    section.target.setCurrentIndex(section.target.findData(3))
    section.target.activated.emit(section.target.currentIndex())
    assert doc.state.targets["feature_store"] == 3
    assert doc.scores.target("feature_store") == 3
    settled(qtbot, view)
    assert "your target" in section.origin.text()
    section.priority.setCurrentIndex(section.priority.findData(5))
    section.priority.activated.emit(section.priority.currentIndex())
    assert doc.state.priorities["feature_store"] == 5


def test_a_long_name_keeps_its_end_in_view_and_whole_in_its_tooltip_and_the_list_widens(view, qtbot):
    from PySide6.QtWidgets import QSplitter

    tree = view.tree
    assert tree.textElideMode() == Qt.TextElideMode.ElideMiddle
    index = view.proxy.mapFromSource(view.model.capability_index("cd"))
    name = view.document.catalog.capability("cd").name
    assert len(name) > 40 and f"<b>{name}</b>" in index.data(Qt.ItemDataRole.ToolTipRole)
    splitter = next(w for w in view.findChildren(QSplitter) if w.indexOf(tree.parentWidget()) == 0)
    narrow = tree.width()
    sizes = splitter.sizes()
    splitter.setSizes([sizes[0] + 200, sizes[1] - 200])
    qtbot.waitUntil(lambda: tree.width() > narrow + 150)


def test_at_1024_the_list_shows_most_names_whole(demo_window, qtbot):
    """At 1024x768 the detail panel took five ninths of the width and the list's names
    were cut to a word or two ("Exper…cking"); the two halves now share it evenly."""
    demo_window.resize(1024, 768)
    demo_window.show_view("assessment")
    view = demo_window.workspace.view("assessment")
    view.select_capability("feature_store")
    settled(qtbot, view)
    tree, metrics = view.tree, view.tree.fontMetrics()
    room = tree.columnWidth(0) - 2 * tree.indentation()
    names = [cap.name for cap in view.document.catalog.capabilities]
    whole = [name for name in names if metrics.horizontalAdvance(name) <= room]
    assert len(whole) >= 0.6 * len(names), (room, len(whole), len(names))
