"""One answer everywhere: for the demo plan and each of its scenarios, at two start dates,
the CLI's text, its JSON, the dashboard, the roadmap view and the PDF give every
milestone the same quarter and day, and every step the same months and days."""

from __future__ import annotations

import json
import re

import pytest
from pypdf import PdfReader

from planner.cli import main

from .conftest import improved, open_plan, settled, shown


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _cli(capsys, *argv) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def _around(text: str, needle: str, width: int = 120) -> list[str]:
    """Every place `needle` occurs in `text`, with some context: what a failure shows."""
    return [text[max(0, m.start() - width):m.end() + width] for m in re.finditer(re.escape(needle), text)]


def _pdf_text(path) -> str:
    return _flat(" ".join(page.extract_text() for page in PdfReader(str(path)).pages))


@pytest.mark.parametrize("start", ["2027-01-01", "2027-03-01"])
def test_every_output_gives_the_same_dates(window, demo_path, qtbot, capsys, tmp_path, start):
    path = str(demo_path)
    assert main(["plan", "set", path, "start_date", f'"{start}"']) == 0
    capsys.readouterr()
    assert open_plan(qtbot, window, demo_path)
    document = window.document
    checked = 0
    for scenario in [None, *sorted(document.state.scenarios)]:
        args = [] if scenario is None else ["--scenario", scenario]
        data = json.loads(_cli(capsys, "roadmap", path, "--json", *args))
        text = _flat(_cli(capsys, "roadmap", path, *args))
        pdf = tmp_path / f"{scenario or 'plan'}-{start}.pdf"
        _cli(capsys, "report", path, "-o", str(pdf), *args)
        pdf_text = _pdf_text(pdf)

        document.set_scenario(scenario)
        improved(qtbot, document)
        roadmap = document.roadmap
        assert data["objective"]["value"] == roadmap.objective and data["complete"] and roadmap.complete
        dashboard = shown(qtbot, window, "dashboard")
        glance = _flat(dashboard.glance.summary.text())
        view = shown(qtbot, window, "roadmap")
        settled(qtbot, view)
        tips = " ".join(_flat(item.toolTip()) for item in view.gantt.gantt.items() if "reached in" in item.toolTip())

        for m in data["milestones"]:
            if m["reached"] is None:
                continue
            fw = next(x for x in roadmap.milestones if (x.framework, x.level) == (m["framework"], m["level"]))
            when = f"{m['reached_quarter']} ({m['reached_date']})"
            assert (fw.quarter, fw.date.isoformat()) == (m["reached_quarter"], m["reached_date"])
            assert f"({fw.level_name}): {when}" in text, (scenario, when)
            assert when in pdf_text, (scenario, when, _around(pdf_text, fw.level_name))
            assert f"({fw.level_name}) in {fw.quarter}" in pdf_text  # the executive summary
            assert f"({m['reached_quarter']}, by {m['reached_date']})" in tips
            if f"{fw.framework_name} level {fw.level} " in glance:
                assert f"{fw.framework_name} level {fw.level} ({fw.level_name}): {fw.quarter}" in glance
            checked += 1
        assert "◆" in glance

        for item in data["items"]:
            step = roadmap.item(item["id"])
            assert (step.start_date.isoformat(), step.end_date.isoformat()) == (item["start_date"], item["end_date"])
            view.gantt.select_step(item["id"])
            panel = _flat(view.step_panel.text.text())
            assert f"{item['start_date']} to {item['end_date']}" in panel
            span = panel.split("<br>")[1].split(" (")[0]  # "Jan 2027 – Mar 2027"
            assert f"{item['start_quarter']} {span} {step.name}" in text
            assert f"{step.name} {span}" in pdf_text, (scenario, step.name, span)
    assert checked >= 6


def test_a_milestone_done_at_the_end_of_march_is_q1_everywhere(window, demo_path, qtbot, capsys, tmp_path):
    """The boundary: Microsoft level 1 is done in the second month; from February that is March."""
    path = str(demo_path)
    assert main(["plan", "set", path, "start_date", '"2027-02-01"']) == 0
    capsys.readouterr()
    data = json.loads(_cli(capsys, "roadmap", path, "--json"))
    ms1 = next(m for m in data["milestones"] if (m["framework"], m["level"]) == ("microsoft", 1))
    assert (ms1["reached"], ms1["reached_date"], ms1["reached_quarter"]) == (1, "2027-03-31", "Q1 2027")
    assert "(DevOps but no MLOps): Q1 2027 (2027-03-31)" in _flat(_cli(capsys, "roadmap", path))
    _cli(capsys, "report", path, "-o", str(tmp_path / "r.pdf"))
    assert "(DevOps but no MLOps) in Q1 2027" in _pdf_text(tmp_path / "r.pdf")
    assert open_plan(qtbot, window, demo_path)
    improved(qtbot, window.document)
    glance = _flat(shown(qtbot, window, "dashboard").glance.summary.text())
    assert "Microsoft MLOps maturity model level 1 (DevOps but no MLOps): Q1 2027" in glance


def test_every_output_says_how_good_the_roadmap_is_in_the_same_words(window, demo_path, qtbot, capsys, tmp_path):
    """One sentence for the proof state (planner/words.py): the demo's roadmap is proven,
    so the CLI, its JSON, the PDF and every view say "best possible order", capitalised
    where a view shows it alone."""
    path = str(demo_path)
    data = json.loads(_cli(capsys, "roadmap", path, "--json"))
    assert data["optimal"] and data["quality"] == "best possible order"
    assert _cli(capsys, "roadmap", path).splitlines()[0].endswith("; best possible order")
    _cli(capsys, "report", path, "-o", str(tmp_path / "r.pdf"))
    assert "sequenced under team capacity and budget; best possible order. Critical-path" in _pdf_text(tmp_path / "r.pdf")
    assert open_plan(qtbot, window, demo_path)
    improved(qtbot, window.document)
    assert window.planning_label.text() == "Best possible order"
    assert _flat(shown(qtbot, window, "dashboard").glance.summary.text()).count("; best possible order") == 1
    view = shown(qtbot, window, "roadmap")
    settled(qtbot, view)
    assert "Best possible order" in view.status.text()
