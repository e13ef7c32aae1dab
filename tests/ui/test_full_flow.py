"""One full session: open the demo, change two scores, choose an option, change capacity,
check the roadmap and a milestone, undo twice, export the PDF; then check the file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pypdf import PdfReader

from planner.store.planfile import PlanFile
from planner.ui import export, paths

from .conftest import improved, settled


def test_a_whole_session(window, qtbot, tmp_path):
    # Open the demo from the welcome page.
    with qtbot.waitSignal(window.document_opened):
        qtbot.mouseClick(window.welcome.demo_button, Qt.MouseButton.LeftButton)
    doc = window.document
    assert doc is not None and doc.path == paths.demo_plan_path()
    improved(qtbot, doc)
    first_finish = doc.roadmap.makespan

    # Change two scores in the assessment view.
    qtbot.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assessment = window.workspace.view("assessment")
    for capability, level in (("feature_store", 1), ("drift_detection", 1)):
        assessment.select_capability(capability)
        settled(qtbot, assessment)
        with qtbot.waitSignal(assessment.refreshed):
            qtbot.mouseClick(assessment.detail.level.group.button(level), Qt.MouseButton.LeftButton)
    assert doc.scores.current["feature_store"] == 1 and doc.scores.current["drift_detection"] == 1

    # Choose an option for the feature store.
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    options = window.workspace.view("options")
    options.select_capability("feature_store")
    settled(qtbot, options)
    row = next(i for i, r in enumerate(options.model.rows) if r.option_id == "amazon_sagemaker")
    options.table.selectRow(row)
    with qtbot.waitSignal(options.refreshed):
        qtbot.mouseClick(options.choose_button, Qt.MouseButton.LeftButton)
    assert doc.state.decisions["feature_store"] == ("buy", "amazon_sagemaker")

    # Change capacity in the roadmap view, and check the roadmap and a milestone.
    qtbot.keyClick(window, Qt.Key.Key_5, Qt.KeyboardModifier.ControlModifier)
    roadmap_view = window.workspace.view("roadmap")
    settled(qtbot, roadmap_view)
    with qtbot.waitSignal(roadmap_view.refreshed):
        roadmap_view.constraints.roles["ml_engineering"].setValue(4)
    improved(qtbot, doc)
    settled(qtbot, roadmap_view)
    roadmap = doc.roadmap
    assert roadmap.settings.capacity["ml_engineering"].plain() == 4
    assert set(roadmap_view.gantt.gantt.bars) == {i.id for i in roadmap.items}
    assert not any(i.id == "feature_store:0-1" for i in roadmap.items)  # now at level 1 already
    fs = next(i for i in roadmap.items if i.capability == "feature_store")
    assert (fs.approach, fs.option) == ("buy", "amazon_sagemaker")
    google = next(m for m in roadmap.milestones if m.framework == "google" and m.level == 1)
    assert google.reached is not None and google.reached < roadmap.makespan
    assert roadmap.makespan <= first_finish + 1

    # Undo twice: the capacity, then the choice.
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert doc.state.settings["capacity"]["ml_engineering"] == 2
    assert "feature_store" not in doc.state.decisions
    assert doc.scores.current["drift_detection"] == 1  # the scores stay

    # Export the investment case.
    job = export.start_pdf_export(window, tmp_path / "case.pdf")
    with qtbot.waitSignal(job.finished, timeout=60_000):
        pass
    assert len(PdfReader(tmp_path / "case.pdf").pages) > 10

    # Everything was saved as it was made: the file holds the session.
    window.close()
    with PlanFile.open(paths.demo_plan_path(), read_only=True) as plan:
        entries = plan.state.assessment().entries
        assert entries["feature_store"].level == 1 and entries["drift_detection"].level == 1
        assert "feature_store" not in plan.state.decisions
        assert plan.state.settings["capacity"]["ml_engineering"] == 2
