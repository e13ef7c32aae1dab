"""Options: candidates from the core, the table model, choosing and going back, and
preferences."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from planner.roadmap import options as opts
from planner.ui import edits
from planner.ui.models.options_model import CHOICE_ROLE, OptionsModel, candidate_rows, effective_settings, gap

from .conftest import improved, settled, shown


def test_rows_agree_with_the_engine(document, qtbot):
    improved(qtbot, document)
    rows = candidate_rows(document, "feature_store")
    decision = next(d for d in document.roadmap.decisions if d.capability == "feature_store")
    best = next(r for r in rows if r.recommended)
    assert (best.approach, best.option_id) == (decision.approach, decision.option)
    settings = effective_settings(document)
    expected, _ = opts.recommend(document.catalog, "feature_store", 0, 2, settings.preferences, settings.rates)
    assert best.tco.total == pytest.approx(expected.tco.total)
    assert best.tco.total == pytest.approx(decision.tco)
    assert rows[0] is best  # ranked first, as the engine ranks
    build = next(r for r in rows if r.approach == "build")
    assert build.effort_weeks > 0 and build.tco.one_time > 0


def test_ruled_out_options_are_listed_with_the_reason_and_discontinued_never_choosable(document):
    rows = candidate_rows(document, "cd")
    ruled_out = [r for r in rows if r.excluded]
    assert ruled_out and all("not allowed" in r.excluded or "excluded" in r.excluded or "maint" in r.excluded
                             for r in ruled_out)
    for cap in (c.id for c in document.catalog.capabilities):
        for row in candidate_rows(document, cap):
            if row.status == "discontinued":
                assert not row.choosable and row.tco is None


def test_no_gap_compares_the_next_level(document):
    assert gap(document, "source_control") == (3, 4)
    edits.set_level(document, "source_control", 4)
    assert gap(document, "source_control") is None
    assert all(r.tco is None for r in candidate_rows(document, "source_control"))


def test_the_model_is_consistent(document):
    model = OptionsModel(document)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Warning)
    model.load("experiment_tracking")
    assert model.rowCount() == len(model.rows) > 2
    header = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert header[2] == "3-year\ntotal cost" and header[5:7] == ["Person-\nweeks", "Reaches\nlevel"]
    assert model.headerData(2, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole) == (
        "3-year total cost of ownership: the one-time cost plus the yearly cost for 3 years (estimate)")
    build = next(r for r, row in enumerate(model.rows) if row.approach == "build")
    assert model.index(build, 5).data() == f"{model.rows[build].effort_weeks:.0f}"  # the unit is in the header
    assert " person-weeks" in model.index(build, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert not any(" pw" in (model.index(r, c).data(role) or "") for r in range(model.rowCount())
                   for c in range(model.columnCount())
                   for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole))
    first = model.index(0, 0)
    assert first.data().startswith("✓ ")  # the recommendation
    assert model.index(0, 2).data().endswith("USD")
    assert model.index(0, 7).data() == model.rows[0].licence
    assert model.data(first, CHOICE_ROLE) == (model.rows[0].approach, model.rows[0].option_id)


def test_the_total_cost_header_names_its_years(document, monkeypatch):
    model = OptionsModel(document)
    model.load("experiment_tracking")
    edits.set_setting(document, "horizon_years", 1)
    assert model.headerData(2, Qt.Orientation.Horizontal) == "1-year\ntotal cost"
    assert model.headerData(2, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole).endswith(
        "the yearly cost for 1 year (estimate)")

    def broken(_):
        raise ValueError("a broken setting")

    monkeypatch.setattr("planner.ui.models.options_model.effective_settings", broken)
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Total\ncost"
    assert model.headerData(2, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole).startswith(
        "Total cost of ownership over the horizon")


@pytest.fixture
def view(demo_window, qtbot):
    view = shown(qtbot, demo_window, "options", improve=True)
    view.select_capability("feature_store")
    return view


def test_the_table_fits_a_1366_pixel_screen(demo_window, qtbot):
    """Headers in words (two lines where a word is wider than its figures) take no more
    room than the abbreviations did: no column is scrolled out of sight at 1366x768."""
    demo_window.resize(1366, 768)
    view = shown(qtbot, demo_window, "options")
    view.select_capability("cd")
    settled(qtbot, view)
    assert view.table.width() >= 900 and view.model.rowCount() >= 6
    assert not view.table.horizontalScrollBar().isVisible()


def test_choosing_an_option_in_the_table_and_going_back(view, qtbot):
    doc = view.document
    assert view.capability == "feature_store"
    row = next(i for i, r in enumerate(view.model.rows) if r.approach == "buy" and r.choosable)
    wanted = (view.model.rows[row].approach, view.model.rows[row].option_id)
    view.table.selectRow(row)
    with qtbot.waitSignal(view.refreshed):
        qtbot.mouseClick(view.choose_button, Qt.MouseButton.LeftButton)
    assert doc.state.decisions["feature_store"] == wanted
    assert view.effect.text().endswith(f"3-year total cost {doc.roadmap.totals.total:,.0f} USD")
    decision = next(d for d in doc.roadmap.decisions if d.capability == "feature_store")
    assert decision.chosen_by == "you" and (decision.approach, decision.option) == wanted
    assert "Chosen by you" in view.decision.text()
    assert next(r for r in view.model.rows if r.chosen).option_id == wanted[1]
    with qtbot.waitSignal(view.refreshed):
        qtbot.mouseClick(view.back_button, Qt.MouseButton.LeftButton)
    assert "feature_store" not in doc.state.decisions
    with qtbot.waitSignal(view.refreshed):
        doc.undo_stack.undo()
    assert doc.state.decisions["feature_store"] == wanted


def test_a_preference_changes_what_is_offered_and_undo_restores(view, qtbot):
    doc = view.document
    before = {r.option_id for r in view.model.rows if not r.excluded}
    with qtbot.waitSignal(view.refreshed):
        view.preferences.licences["proprietary"].click()
    assert "proprietary" in doc.state.settings["preferences"]["excluded_licences"]
    offered = {r.option_id for r in view.model.rows if not r.excluded}
    assert offered < before
    assert all(doc.catalog.option(o).licence != "proprietary" for o in offered if o)
    with qtbot.waitSignal(view.refreshed):
        doc.undo_stack.undo()
    assert not view.preferences.licences["proprietary"].isChecked()
    assert {r.option_id for r in view.model.rows if not r.excluded} == before


def test_the_list_puts_roadmap_capabilities_first(view):
    group = view.list.topLevelItem(0)
    ids = {group.child(i).data(0, Qt.ItemDataRole.UserRole) for i in range(group.childCount())}
    assert ids == {d.capability for d in view.document.roadmap.decisions}
    view.select_capability("automl")
    assert view.capability == "automl"
    assert view.list.currentItem().parent() is view.list.topLevelItem(1)


def test_the_tooltip_gives_licence_terms_owner_and_status_evidence(document):
    model = OptionsModel(document)
    model.load("model_serving")
    row = next(i for i, r in enumerate(model.rows) if r.option_id == "seldon_core_v2")
    assert model.rows[row].approach == "buy"  # production use needs a paid licence
    tip = model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "Licence terms: BUSL-1.1" in tip and "paid licence" in tip
    assert "Status evidence: " in tip
    model.load("experiment_tracking")
    row = next(i for i, r in enumerate(model.rows) if r.option_id == "weights_and_biases")
    assert "Owner: CoreWeave" in model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)
    assert "third-party" in model.index(row, 0).data(Qt.ItemDataRole.ToolTipRole)


def test_the_capability_list_elides_in_the_middle_keeping_the_decision_in_sight(view):
    from PySide6.QtCore import Qt

    assert view.list.textElideMode() == Qt.TextElideMode.ElideMiddle
    items = [view.list.topLevelItem(0).child(i) for i in range(view.list.topLevelItem(0).childCount())]
    longest = max(items, key=lambda i: len(i.text(0)))
    name = view.document.catalog.capability(longest.data(0, Qt.ItemDataRole.UserRole)).name
    assert longest.toolTip(0).startswith(f"{name}: from level")
    first, second = longest.text(0).split("\n")  # the name, then the steps and the decision: each line elides alone
    assert first == name and "→" in second and " · " in second


def test_the_roadmap_line_names_its_currency_and_stays_inside_the_window_at_1024(demo_window, qtbot):
    demo_window.resize(1024, 768)
    view = shown(qtbot, demo_window, "options", improve=True)
    settled(qtbot, view)
    roadmap = view.document.roadmap
    text = view.effect.text()
    assert f"one-time {roadmap.totals.one_time:,.0f} {roadmap.currency}," in text
    assert text.endswith(f"total cost {roadmap.totals.total:,.0f} {roadmap.currency}")
    right = view.effect.mapTo(view, view.effect.rect().topRight()).x()
    assert right <= view.width()


def test_nothing_scrolls_sideways_at_1024_and_every_column_is_back_at_1920(demo_window, qtbot):
    """At 1024x768 the table used to scroll sideways, hiding the licence, hosting and
    maintenance. Now the one-time and yearly costs give way to the chart under the table,
    which breaks each option's cost into the same parts, and the text columns give up
    room, elided, with the text in the tooltip."""
    from planner.ui.models.options_model import COST_PARTS, TEXT_COLUMNS

    demo_window.resize(1024, 768)
    view = shown(qtbot, demo_window, "options")
    view.select_capability("cd")
    settled(qtbot, view)
    table, header = view.table, view.table.horizontalHeader()
    assert table.horizontalScrollBar().maximum() == 0
    assert sum(header.sectionSize(i) for i in range(header.count()) if not header.isSectionHidden(i)) \
        <= table.viewport().width()
    hidden = [i for i in range(header.count()) if header.isSectionHidden(i)]
    assert hidden and hidden == list(COST_PARTS[:len(hidden)])  # in order, and only as many as needed
    fm = header.fontMetrics()
    for column, chars in TEXT_COLUMNS.items():  # narrowed, but each still as wide as its header
        title = str(view.model.headerData(column, Qt.Orientation.Horizontal))
        assert header.sectionSize(column) >= max(fm.horizontalAdvance(line) for line in title.splitlines())
        assert header.sectionSize(column) >= chars * fm.averageCharWidth()
    aws = next(r for r in range(view.model.rowCount()) if view.model.rows[r].name == "AWS CodeDeploy")
    tip = view.model.index(aws, 8).data(Qt.ItemDataRole.ToolTipRole)
    assert "Hosting: managed-aws" in tip and "Licence: proprietary" in tip and "Maintenance: active as of 20" in tip
    demo_window.resize(1920, 1080)  # room again: every column, each at its contents' width
    qtbot.waitUntil(lambda: not any(header.isSectionHidden(i) for i in range(header.count())))
    assert table.horizontalScrollBar().maximum() == 0
    assert header.sectionSize(0) >= fm.horizontalAdvance("Google Cloud Deploy")
    total = sum(header.sectionSize(i) for i in range(header.count()))
    assert table.viewport().width() - 2 <= total <= table.viewport().width()  # no empty strip on the right
