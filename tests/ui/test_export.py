"""Exports: the PDF built off the GUI thread, charts as PNG and SVG, the roadmap as CSV."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QImage
from pypdf import PdfReader

from planner.ui import export

from .conftest import improved, shown


def test_the_pdf_is_built_in_the_background(demo_window, tmp_path, qtbot):
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(5)
    target = tmp_path / "case.pdf"
    job = export.start_pdf_export(demo_window, target, "letter", "+2 ML engineers")
    assert job is not None and job.progress.isVisible()
    with qtbot.waitSignal(job.finished, timeout=60_000) as blocker:
        pass
    timer.stop()
    assert len(ticks) > 5  # the event loop kept running while the PDF was built
    assert blocker.args[0] == str(target)
    reader = PdfReader(target)
    assert len(reader.pages) == blocker.args[1] > 10
    width, height = (float(v) for v in reader.pages[0].mediabox.upper_right)
    assert (round(width), round(height)) == (612, 792)  # US Letter
    text = "".join(page.extract_text() for page in reader.pages[:3])
    assert "Nordlicht Versicherung AG" in text
    assert not job.progress.isVisible()
    assert "ready" in demo_window.last_message.text()
    assert not list(tmp_path.glob("*.part"))


def test_the_pdf_is_never_written_over_a_plan(demo_window, demo_path):
    before = demo_path.read_bytes()
    assert export.start_pdf_export(demo_window, demo_path) is None
    assert "is a plan file" in demo_window.last_message.text()
    assert demo_path.read_bytes() == before


@pytest.mark.parametrize("suffix", ["png", "svg"])
def test_charts_export_as_png_and_svg(demo_window, tmp_path, qtbot, suffix):
    view = shown(qtbot, demo_window, "dashboard")
    radar, heatmap = view.charts()
    for chart in (radar, heatmap):
        path = export.save_chart(demo_window, chart, tmp_path / f"{chart.title}.{suffix}")
        assert path is not None and path.stat().st_size > 1000
        if suffix == "png":
            image = QImage(str(path))
            size = chart.export_size()
            assert (image.width(), image.height()) == (size.width() * 2, size.height() * 2)
            assert len({image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}) > 4
        else:
            svg = path.read_text()
            assert svg.startswith("<?xml") and "<svg" in svg
            assert ("Governance" in svg) if chart is radar else ("Feature store" in svg)


def test_the_roadmap_exports_as_csv(demo_window, tmp_path, qtbot):
    improved(qtbot, demo_window.document)
    path = export.save_roadmap_csv(demo_window, tmp_path / "roadmap.csv")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    roadmap = demo_window.document.roadmap
    assert [r["id"] for r in rows] == [i.id for i in roadmap.items]
    first = rows[0]
    assert first["start_date"] == "2027-01-01" and first["currency"] == "USD"
    assert float(first["one_time_cost"]) == pytest.approx(roadmap.items[0].cost, abs=0.01)
    assert all(r["why"] for r in rows)
    assert {r["critical"] for r in rows} <= {"yes", "no"}


def test_csv_cells_never_start_a_formula():
    from planner.csvcells import safe, unsafe

    assert safe("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert safe("@SUM(A1)") == "'@SUM(A1)" and safe("plain") == "plain" and safe(None) == ""
    for text in ("=1+1", "+Ben", "-2", "@x", "\tx", "plain", "'quoted"):
        assert unsafe(safe(text)) == text
