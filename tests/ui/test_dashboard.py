"""The dashboard: crosswalk cards, radar, heatmap and top gaps follow the plan."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, Qt

from planner.ui import edits
from planner.ui.views.dashboard import top_gaps

from .conftest import settled, shown


@pytest.fixture
def view(demo_window, qtbot):
    view = shown(qtbot, demo_window, "dashboard")
    return view


def test_cards_show_now_target_and_what_the_next_level_needs(view):
    google = view.cards["google"]
    assert "level 0, Manual process" in google.now.text()
    assert "level 1, ML pipeline automation" in google.now.text()
    assert "Level 1 still needs" in google.next.text()
    assert "Continuous training at 3 (now 1)" in google.next.toolTip()
    assert google.steps.now == 0 and google.steps.target == 1


def test_an_edit_updates_the_cards_and_the_gaps(view, qtbot):
    doc = view.document
    assert ("feature_store", 0, 2, 3) in top_gaps(doc)
    names = [view.gaps.topLevelItem(i).text(0) for i in range(view.gaps.topLevelItemCount())]
    assert "Feature store" in names
    with qtbot.waitSignal(view.refreshed):
        edits.set_level(doc, "feature_store", 2)
    names = [view.gaps.topLevelItem(i).text(0) for i in range(view.gaps.topLevelItemCount())]
    assert "Feature store" not in names
    attainment = {a.framework: a for a in doc.scores.frameworks}["stages"]
    assert f"level {attainment.now}," in view.cards["stages"].now.text()
    with qtbot.waitSignal(view.refreshed):
        doc.undo_stack.undo()
    assert "Feature store" in [view.gaps.topLevelItem(i).text(0) for i in range(view.gaps.topLevelItemCount())]


def test_top_gaps_are_ordered_by_priority_then_gap_as_in_the_pdf(document):
    """One order everywhere (assessment/gaps.py): the dashboard used to rank by the size
    of the gap first, the PDF by priority first."""
    from datetime import date

    from planner.report.data import gather
    from planner.report.sections import _gaps

    gaps = top_gaps(document, 32)
    keys = [(-p, -(t - n)) for _, n, t, p in gaps]
    assert keys == sorted(keys)
    assert [g[0] for g in gaps[:3]] == ["continuous_training", "data_validation", "cd"]  # priorities 5, 4, 4
    report = gather(document.catalog, document.state, today=date(2027, 1, 1))
    assert [(c.id, n, t, p) for c, n, t, p in _gaps(report)] == gaps


def test_clicking_a_heatmap_row_opens_the_assessment(view, demo_window, qtbot):
    heatmap = view.heatmap
    row, cap_id = next((r, c) for r, c in heatmap._rows if c == "drift_detection")
    assert heatmap.capability_at(QPointF(row.center()))[0] == "drift_detection"
    qtbot.mouseClick(heatmap, Qt.MouseButton.LeftButton, pos=row.center().toPoint())
    assert demo_window.workspace.current_name() == "assessment"
    assert demo_window.workspace.view("assessment").detail.cap.id == "drift_detection"


def test_switching_the_assessment_rescores(view, qtbot):
    doc = view.document
    index = view.assessment.findText("Claims analytics")
    with qtbot.waitSignal(view.refreshed):
        view.assessment.activated.emit(index)
    assert doc.state.active == "Claims analytics"
    assert doc.scores.assessment == "Claims analytics"
    assert doc.scores.current["online_experimentation"] is None  # not applicable for claims
    assert view.assessment.currentText() == "Claims analytics"


def test_roadmap_at_a_glance(view, qtbot):
    from .conftest import improved

    improved(qtbot, view.document)
    settled(qtbot, view)
    text = view.glance.summary.text()
    roadmap = view.document.roadmap
    assert f"{len(roadmap.items)} steps" in text
    assert f"{roadmap.totals.one_time:,.0f} USD" in text
    assert f"3-year total cost of ownership <b>{roadmap.totals.total:,.0f} USD</b>" in text and "TCO" not in text


@pytest.mark.parametrize("width", [420, 460, 560, 620])
def test_the_heatmap_names_every_level_and_shows_its_key_first(view, width):
    """At 1366 pixels the grid is about 560 wide: the level names used to show only at
    1920, and the key only below the last row. At 1024 it is about 440 wide, where the
    names used to end in "…" (they now take turns on two lines)."""
    from PySide6.QtGui import QImage

    heatmap = view.heatmap
    heatmap.resize(width, heatmap.sizeHint().height())
    image = QImage(heatmap.size(), QImage.Format.Format_ARGB32)
    heatmap.render(image)
    scale = view.document.catalog.scale
    assert heatmap.level_names == [scale.name(level) for level in scale.levels], (heatmap.width(), heatmap.font().pointSizeF())
    first_row = min(row.top() for row, _ in heatmap._rows)
    assert first_row < heatmap.fontMetrics().height() * 6  # the key sits above the rows, not under them


@pytest.mark.parametrize("size", [(260, 240), (440, 380), (620, 420), (420, 900)])
def test_the_radars_level_numbers_sit_clear_of_the_labels_and_over_the_shapes(view, size):
    """The top number used to touch the first axis's label, and the numbers were drawn
    under the current level's fill."""
    from PySide6.QtGui import QColor, QImage

    from planner.ui import theme

    radar = view.radar
    radar.resize(*size)
    image = QImage(radar.size(), QImage.Format.Format_ARGB32)
    radar.render(image)
    scale = view.document.catalog.scale
    assert len(radar.number_boxes) == len(scale.levels) and len(radar.label_boxes) == 4
    for number in radar.number_boxes:
        assert not any(number.intersects(label) for label in radar.label_boxes), (number, radar.label_boxes)
        edge = image.pixelColor(int(number.left()) + 1, int(number.center().y()))
        assert edge == QColor(theme.colours(radar).base), (number, edge.name())
    lowest = max(label.bottom() for label in radar.label_boxes)  # the key sits under the chart, not far below
    assert lowest <= radar.legend_top <= lowest + radar.fontMetrics().height() * 1.5, (lowest, radar.legend_top)
