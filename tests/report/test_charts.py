"""The report's charts: real PDFs rendered with reportlab and read back with pypdf."""

import pytest
from pypdf import PdfReader
from reportlab.graphics import renderPDF
from reportlab.graphics.shapes import Drawing, Group, Polygon, String, mmult

from planner.report import charts
from planner.report.charts import _compact, _nice_ticks

WIDTH = 481.9  # A4 with 2 cm margins
LONG = "Automated feature store backfills with point-in-time joins ok"  # 61 characters
UNICODE = "Müller Łódź"
LEVELS = ["Initial", "Repeatable", "Defined and standardised", "Quantitatively managed", "Optimising"]


def quarter(period: int) -> str:
    """Monthly periods from July 2025."""
    month = 6 + period
    return f"{2025 + month // 12} Q{month % 12 // 3 + 1}"


def pdf_text(drawing: Drawing, tmp_path, name: str = "chart") -> str:
    path = tmp_path / f"{name}.pdf"
    renderPDF.drawToFile(drawing, str(path))
    return PdfReader(path).pages[0].extract_text()


def strings(node, transform=(1, 0, 0, 1, 0, 0)):
    """Every String in a drawing with the transform it is drawn under."""
    for shape in getattr(node, "contents", []):
        if isinstance(shape, Group):
            yield from strings(shape, mmult(transform, shape.transform))
        elif isinstance(shape, String):
            yield shape, transform


def assert_legible(drawing: Drawing, width: float):
    """At most ``width`` wide, nothing outside the drawing, text >= 7 pt, no two labels overlapping."""
    assert drawing.width <= width
    x0, y0, x1, y1 = drawing.getBounds()
    assert x0 >= -0.5 and y0 >= -0.5 and x1 <= drawing.width + 0.5 and y1 <= drawing.height + 0.5
    boxes = []
    for s, t in strings(drawing):
        assert s.fontSize >= 7, s.text
        if t[1] == t[2] == 0 and s.text:  # upright text: its box, from descender to cap height
            left, _, right, _ = s.getBounds()
            boxes.append((s.text, left + t[4], s.y + t[5] - 0.2 * s.fontSize, right + t[4],
                          s.y + t[5] + 0.72 * s.fontSize))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            overlap = min(a[3], b[3]) - max(a[1], b[1]) > 0.5 and min(a[4], b[4]) - max(a[2], b[2]) > 0.5
            assert not overlap, f"{a[0]!r} overlaps {b[0]!r}"


# -- radar ----------------------------------------------------------------------------------

AXES = ["Data management", "Model lifecycle", "Code & CI/CD", "Governance", UNICODE, "Infrastructure", LONG]


def test_radar_labels_legend_and_levels_are_pdf_text(tmp_path):
    drawing = charts.radar(AXES, [2.1, 1.5, 3.0, None, 1.2, 2.6, 0.8], [3.5, 3, 4, 2.5, 3, 4, 2], 5, WIDTH, 230)
    assert_legible(drawing, WIDTH)
    assert drawing.height == 230
    text = pdf_text(drawing, tmp_path)
    for label in ("Current", "Target", "Data management", "Code & CI/CD", UNICODE, "Governance (n/a)", "5"):
        assert label in text
    assert LONG not in text and "Automated feature" in text and "…" in text
    assert any(isinstance(s, Polygon) for s in drawing.contents)


@pytest.mark.parametrize("count", [3, 4, 5, 8, 12])
def test_radar_stays_legible_with_many_axes(count):
    axes = [f"{UNICODE} capability area {i}" for i in range(count)]
    drawing = charts.radar(axes, [i % 5 for i in range(count)], [5] * count, 5, WIDTH, 230)
    assert_legible(drawing, WIDTH)


def test_radar_with_two_axes_falls_back_to_paired_bars(tmp_path):
    drawing = charts.radar(["Data", LONG], [2, None], [4, 3], 5, WIDTH, 120)
    assert_legible(drawing, WIDTH)
    assert not any(isinstance(s, Polygon) for s in drawing.contents)
    text = pdf_text(drawing, tmp_path)
    for label in ("Data", "(n/a)", "Current", "Target", "0", "5"):
        assert label in text


def test_radar_without_axes_is_a_small_drawing():
    drawing = charts.radar([], [], [], 5, WIDTH, 230)
    assert drawing.width <= WIDTH and drawing.height < 30


# -- heatmap --------------------------------------------------------------------------------

ROWS = [("Data versioning", "data", 2, 3), ("Feature store", "data", 0, 2), (LONG, "model", 1, 4),
        (f"{UNICODE} review board", "governance", None, None), ("Model registry", "model", 3, 3),
        ("CI for pipelines", "code", 1, None), ("Drift monitoring", "observability", 0, 4)]


def test_heatmap_shows_levels_labels_and_not_applicable(tmp_path):
    drawing = charts.heatmap(ROWS, LEVELS, 0, WIDTH)
    assert_legible(drawing, WIDTH)
    text = pdf_text(drawing, tmp_path)
    for label in ("Initial", "Repeatable", "Optimising", "Quantitatively", "In place", "Planned", "Not applicable",
                  f"{UNICODE} review board", "Drift monitoring", "n/a"):
        assert label in text
    assert LONG not in text and "…" in text
    assert text.count("n/a") == 1  # only the not-applicable row


def test_heatmap_grows_by_one_row_height_per_row():
    one, two = (charts.heatmap(ROWS[:n], LEVELS, 1, WIDTH, row_height=12) for n in (1, 2))
    assert two.height - one.height == pytest.approx(12)


def test_heatmap_abbreviates_headers_in_narrow_columns():
    drawing = charts.heatmap(ROWS, LEVELS + ["Autonomous, self-healing and continuously optimised"] * 5, 0, 300)
    assert_legible(drawing, 300)


def test_heatmap_without_rows_is_a_small_drawing():
    drawing = charts.heatmap([], LEVELS, 0, WIDTH)
    assert drawing.width <= WIDTH and drawing.height < 30


# -- gantt ----------------------------------------------------------------------------------

LANES = [("data", "Data"), ("model", "Model"), ("code", "Code"), ("governance", "Governance"),
         ("ops", f"{UNICODE} operations")]


def make_bars(count: int, lanes=LANES) -> list[dict]:
    per_lane = -(-count // len(lanes))
    return [{"label": LONG if i == 3 else f"Step {i} {name}", "lane": name, "lane_id": lane,
             "start": (i * 3) % 20, "finish": (i * 3) % 20 + 2 + i % 5, "critical": i % 4 == 0}
            for i in range(count) for lane, name in [lanes[i // per_lane]]]


STONES = [{"label": "MLOps L1", "period": 3}, {"label": "Google L1", "period": 3},
          {"label": "Microsoft level 2", "period": 4}, {"label": "MLOps L2", "period": 12},
          {"label": "Google L2", "period": 26}]


def test_gantt_draws_lanes_bars_quarters_and_milestones(tmp_path):
    (drawing,) = charts.gantt(make_bars(30), STONES, 26, quarter, WIDTH)
    assert_legible(drawing, WIDTH)
    text = pdf_text(drawing, tmp_path)
    for label in ("Data", "Governance", f"{UNICODE} operations", "Step 0 Data", "2025 Q3", "2026 Q1",
                  "Critical path", "Milestones", "MLOps L1", "Google L1", "Microsoft level 2", "Google L2"):
        assert label in text
    assert LONG not in text and "Automated" in text and "…" in text


def test_gantt_splits_95_bars_in_5_lanes_into_3_charts_of_at_most_40_rows(tmp_path):
    # Rows are lane bands plus bars: 2 x (1 + 19) = 40, 40, then 1 + 19 = 20.
    drawings = charts.gantt(make_bars(95), STONES, 26, quarter, WIDTH, max_rows_per_chart=40)
    assert len(drawings) == 3
    texts = [pdf_text(d, tmp_path, f"part{i}") for i, d in enumerate(drawings)]
    assert sum(t.count("Step ") for t in texts) + sum(t.count("Automated") for t in texts) == 95
    for drawing, text in zip(drawings, texts):
        assert_legible(drawing, WIDTH)
        assert "2025 Q3" in text and "MLOps L1" in text  # every part has its own axis and milestones
    assert drawings[0].height == drawings[1].height > drawings[2].height


def test_gantt_repeats_a_lane_band_that_runs_on_into_the_next_chart(tmp_path):
    # 3 lanes of 30: [A + 30, B + 8], [B (cont.) + 22, C + 16], [C (cont.) + 14]
    drawings = charts.gantt(make_bars(90, LANES[:3]), [], 26, quarter, WIDTH, max_rows_per_chart=40)
    assert len(drawings) == 3
    texts = [pdf_text(d, tmp_path, f"part{i}") for i, d in enumerate(drawings)]
    assert "Model (cont.)" in texts[1] and "Code (cont.)" in texts[2] and "(cont.)" not in texts[0]


def test_gantt_skips_quarter_labels_that_would_overlap():
    (drawing,) = charts.gantt(make_bars(5), [], 240, quarter, 300)  # 80 quarters on 200 points
    assert_legible(drawing, 300)
    quarters = [s.text for s, _ in strings(drawing) if s.text.startswith("20")]
    assert 0 < len(quarters) < 80


def test_gantt_staggers_milestones_on_at_most_three_lines():
    stones = [{"label": f"Framework {i} level 2", "period": 5} for i in range(6)]
    (drawing,) = charts.gantt(make_bars(4), stones, 26, quarter, WIDTH)
    assert_legible(drawing, WIDTH)


def test_gantt_without_bars_is_a_small_drawing():
    drawings = charts.gantt([], [], 8, quarter, WIDTH)
    assert len(drawings) == 1 and drawings[0].width <= WIDTH and drawings[0].height < 30


# -- bars -----------------------------------------------------------------------------------

QUARTERS = ["2025 Q3", "2025 Q4", "2026 Q1", "2026 Q2", "2026 Q3", "2026 Q4"]
ROLES = {"Data engineer": [1.2, 2, 2.5, 1, 0.5, 0], "ML engineer": [1, 1.5, 2, 2, 1, 0.5],
         "Platform engineer": [0.5, 1, 1, 1.5, 1, 1], f"{UNICODE} governance lead": [0.2, 0.2, 0.5, 0.5, 0.3, 0.1]}


def test_stacked_bars_with_limit_and_unit(tmp_path):
    drawing = charts.bars(QUARTERS, ROLES, WIDTH, 200, limit=[4, 4, 5, 5, 5, 4], unit=" FTE")
    assert_legible(drawing, WIDTH)
    assert drawing.height == 200
    text = pdf_text(drawing, tmp_path)
    for label in ("2025 Q3", "2026 Q4", "Limit", "Data engineer", f"{UNICODE} governance lead", "0 FTE", "6 FTE"):
        assert label in text


def test_bars_rotate_crowded_category_labels_and_abbreviate_money(tmp_path):
    spend = [12000, 250000, 1.3e6, 800000, 50000, 0] * 3
    drawing = charts.bars(QUARTERS * 3, {"One-time spend": spend}, WIDTH, 170, limit=[1.5e6] * 18, unit=" EUR")
    assert_legible(drawing, WIDTH)
    text = pdf_text(drawing, tmp_path)
    for label in ("1.5M EUR", "500k EUR", "2026 Q1", "One-time spend", "Limit"):
        assert label in text
    assert any(t[1] != 0 for _, t in strings(drawing))  # rotated


def test_grouped_bars_shorten_long_categories(tmp_path):
    drawing = charts.bars(["Alpha", "Beta", LONG], ROLES, WIDTH, 170, stacked=False)
    assert_legible(drawing, WIDTH)
    text = pdf_text(drawing, tmp_path)
    assert "Alpha" in text and "Automated" in text and LONG not in text and "Limit" not in text


@pytest.mark.parametrize("categories, series", [([], {}), (["Q1"], {}), ([], {"A": []})])
def test_bars_without_data_is_a_small_drawing(categories, series):
    drawing = charts.bars(categories, series, WIDTH, 200)
    assert drawing.width <= WIDTH and drawing.height < 30


@pytest.mark.parametrize("peak", [0, 0.3, 1, 3, 7, 9.99, 10, 12.5, 47, 99, 1234, 5e5, 2.2e6, 9.1e9])
def test_nice_ticks_are_four_to_six_round_values_covering_the_peak(peak):
    ticks = _nice_ticks(peak)
    assert 4 <= len(ticks) <= 6 and ticks[0] == 0 and ticks[-1] >= peak


def test_compact_numbers():
    assert [_compact(v, " EUR") for v in (0, 2.5, 1250, 3.4e6, 2e9)] == \
        ["0 EUR", "2.5 EUR", "1.25k EUR", "3.4M EUR", "2B EUR"]


def test_the_heatmap_of_a_large_catalog_comes_in_charts_that_fit_a_page():
    """10,000 capabilities made one chart 110,000 points tall (reportlab's LayoutError)."""
    many = [(f"Capability {i}", "data", i % 4, 3) for i in range(10_000)]
    drawings = charts.heatmaps(many, LEVELS, 0, WIDTH)
    assert len(drawings) == 200 and all(d.height < 700 for d in drawings)


def test_a_megabyte_of_text_is_shortened_for_the_pdf_and_says_so():
    from planner.report.components import MAX_TEXT, para

    paragraph = para("word " * 200_000)
    assert "shortened for the PDF: 1,000,000 characters in all" in paragraph.text
    assert len(paragraph.text) < MAX_TEXT + 100
