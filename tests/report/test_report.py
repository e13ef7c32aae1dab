"""The investment-case PDF, read back with pypdf."""

import re
from dataclasses import replace
from datetime import date

import pytest
from pypdf import PdfReader

from planner.assessment.model import Assessment, Entry, Evidence, PlanState
from planner.cli import main
from planner.report.data import gather
from planner.report.document import build_pdf
from planner.store.demo import build_demo

SECTIONS = ["Executive summary", "Current and target maturity", "Gap analysis", "Roadmap", "Capacity and spend",
            "Decisions: build, adopt or buy", "Cost", "Risks and assumptions", "Appendix: capabilities", "Sources"]
HOSTILE = 'Notes with <b>bold</b> & <unclosed and ]]> and "quotes" by Łódź Müller'


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    with build_demo(tmp_path_factory.mktemp("demo") / "demo.mlplan") as plan:
        return plan.catalog, plan.state


@pytest.fixture(scope="module")
def demo_pdf(demo, tmp_path_factory):
    catalog, state = demo
    data = gather(catalog, state, today=date(2026, 11, 23))
    out = tmp_path_factory.mktemp("pdf") / "demo.pdf"
    pages = build_pdf(data, out)
    reader = PdfReader(out)
    return data, reader, pages, "\n".join(p.extract_text() for p in reader.pages)


def outline_titles(reader):
    titles = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)
    walk(reader.outline)
    return titles


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_page_count_outline_and_metadata(demo_pdf):
    data, reader, pages, _ = demo_pdf
    assert len(reader.pages) == pages
    assert 20 <= pages <= 60
    titles = outline_titles(reader)
    for section in SECTIONS:
        assert section in titles
    assert reader.metadata.title == f"{data.state.name} - MLOps investment case"
    assert reader.metadata.author == data.state.organisation
    assert reader.metadata.subject


def test_every_capability_and_every_chosen_tool_is_in_the_text(demo_pdf):
    data, _, _, text = demo_pdf
    body = flat(text)
    for cap in data.catalog.capabilities:
        assert cap.name in body, cap.name
    for item in data.roadmap.items:
        if item.option:
            assert data.catalog.option(item.option).name in body


def test_cost_figures_match_the_roadmap(demo_pdf):
    data, _, _, text = demo_pdf
    body = flat(text)
    totals = data.roadmap.totals
    for figure in (totals.one_time, totals.per_year, totals.total):
        assert f"{figure:,.0f} USD" in body


def test_charts_are_vector_with_text(demo_pdf):
    data, reader, _, _ = demo_pdf
    maturity = next(i for i, p in enumerate(reader.pages) if "Mean level per dimension" in p.extract_text())
    page = flat(reader.pages[maturity].extract_text())
    for dim in data.catalog.dimensions:
        assert dim.name in page  # radar axis labels are text, not pixels
    assert not any("/Image" in str(p.get("/Resources", {}).get("/XObject", {})) for p in reader.pages)


def test_unicode_names_print(demo_pdf):
    _, _, _, text = demo_pdf
    assert "Anja Müller" in text and "Bartosz Łódź-Nowak" in text


def test_hostile_notes_print_literally(demo, tmp_path):
    catalog, state = demo
    pricing = state.assessment("Pricing")
    entry = pricing.entries["continuous_training"]
    evil = replace(entry, evidence=(Evidence("x", HOSTILE, "https://example.org/?a=1&b=<2>"),))
    assessments = tuple(replace(a, entries={**a.entries, "continuous_training": evil}) if a.name == "Pricing" else a
                        for a in state.assessments)
    state = replace(state, name="<i>Plan</i> & Co ]]>", organisation="Łódź <b>Müller</b>", assessments=assessments)
    out = tmp_path / "evil.pdf"
    build_pdf(gather(catalog, state), out)
    text = flat("\n".join(p.extract_text() for p in PdfReader(out).pages))
    assert HOSTILE in text
    assert "<i>Plan</i> & Co ]]>" in text and "Łódź <b>Müller</b>" in text


def test_letter_and_a4(demo, tmp_path):
    catalog, state = demo
    data = gather(catalog, state)
    sizes = {}
    for paper in ("a4", "letter"):
        build_pdf(data, tmp_path / f"{paper}.pdf", paper)
        box = PdfReader(tmp_path / f"{paper}.pdf").pages[0].mediabox
        sizes[paper] = (round(float(box.width)), round(float(box.height)))
    assert sizes == {"a4": (595, 842), "letter": (612, 792)}


def one_capability_plan(catalog):
    cap = catalog.capabilities[0]
    return PlanState("Tiny", "", (Assessment("Only", {cap.id: Entry(cap.id, level=1)}),), "Only",
                     targets={cap.id: 3}, settings={"start_date": "2027-01-01"})


def test_a_plan_with_no_gaps_still_builds(demo, tmp_path):
    catalog, _ = demo
    state = PlanState("Done", "Nobody", (Assessment("All"),), "All", settings={"start_date": "2027-01-01"})
    pages = build_pdf(gather(catalog, state), tmp_path / "none.pdf")
    text = flat("\n".join(p.extract_text() for p in PdfReader(tmp_path / "none.pdf").pages))
    assert pages >= 5 and "No gaps" in text


def test_a_plan_with_one_capability_gap_builds(demo, tmp_path):
    catalog, _ = demo
    state = one_capability_plan(catalog)
    build_pdf(gather(catalog, state), tmp_path / "one.pdf")
    text = flat("\n".join(p.extract_text() for p in PdfReader(tmp_path / "one.pdf").pages))
    assert catalog.capabilities[0].name in text and "Roadmap" in text


def test_infeasible_plan_reports_the_diagnosis(demo, tmp_path):
    catalog, state = demo
    state = replace(state, settings={**state.settings, "budget_total": 1000})
    build_pdf(gather(catalog, state), tmp_path / "stuck.pdf")
    text = flat("\n".join(p.extract_text() for p in PdfReader(tmp_path / "stuck.pdf").pages))
    assert "cannot be met" in text and "above the total budget" in text


def test_cli_report_demo_and_errors(tmp_path, capsys):
    out = tmp_path / "demo.pdf"
    assert main(["report", "--demo", "-o", str(out), "--paper", "letter"]) == 0
    assert "pages" in capsys.readouterr().out and PdfReader(out).pages
    assert main(["report", "--demo", "-o", str(tmp_path / "missing" / "x.pdf")]) == 1
    assert "no such folder" in capsys.readouterr().err
    assert main(["report", "-o", str(out)]) == 1


def with_votes(state, votes, evidence=None):
    """The demo state with the Pricing assessment's votes (and one capability's evidence) replaced."""
    def changed(a):
        if a.name != "Pricing":
            return a
        entries = dict(a.entries)
        if evidence:
            cap, notes = evidence
            entries[cap] = replace(entries[cap], evidence=notes)
        return replace(a, votes=votes, entries=entries)
    return replace(state, assessments=tuple(changed(a) for a in state.assessments))


def test_a_workshop_report_shows_votes_disagreement_teams_and_the_sessions_notes(demo, tmp_path):
    from planner.assessment.model import Vote
    from planner.assessment.workshop import SessionRecord

    catalog, state = demo
    votes = {"feature_store": (Vote("Berlin / Anja", 1), Vote("Berlin / Ben", 1), Vote("Munich / <Cem>", 3),
                               Vote("Munich / Dora", 4)),
             "model_registry": (Vote("Anonymous 1", 2), Vote("Anonymous 2", 2))}
    notes = (Evidence("a", "Old note", added_at="2026-11-30T10:00:00+00:00"),
             Evidence("b", HOSTILE, added_at="2026-12-01T09:30:00+00:00"),
             Evidence("c", "Vote round: 4 votes", added_at="2026-12-01T09:31:00+00:00"))
    state = with_votes(state, votes, ("feature_store", notes))
    record = SessionRecord(date(2026, 12, 1), "2026-12-01T09:00:00+00:00", ("feature_store", "model_registry"),
                           ("data_validation",), 42.0)
    out = tmp_path / "workshop.pdf"
    build_pdf(gather(catalog, state, today=date(2026, 12, 1), workshop=record), out)
    reader = PdfReader(out)
    assert "Workshop results" in outline_titles(reader)
    text = flat("\n".join(p.extract_text() for p in reader.pages))
    assert "Held 2026-12-01; ran 42 minutes; 2 of 32 capabilities scored in the session" in text
    assert "1 left for later (Data validation)" in text
    assert "6 votes on 2 capabilities, 4 participants named" in text
    assert "Feature store 2 at 1, 1 at 3, 1 at 4 2 3 " in text  # votes, median, spread
    assert "Where the room disagreed most: Feature store (votes 3 levels apart)" in text
    assert "Where the teams differ" in text and "Berlin 1, Munich 3.5 2.5 yes" in text
    assert f"Feature store: {HOSTILE}" in text  # escaped, and from this session
    assert "Feature store: Old note" not in text and "Feature store: Vote round" not in text


def test_the_investment_case_alone_has_no_workshop_section(demo_pdf):
    _, reader, _, text = demo_pdf
    assert "Workshop results" not in outline_titles(reader) and "Workshop results" not in text


def test_cli_report_with_a_workshop_day(tmp_path, capsys):
    out = tmp_path / "w.pdf"
    assert main(["report", "--demo", "--workshop", "2026-12-01", "-o", str(out)]) == 0
    text = flat("\n".join(p.extract_text() for p in PdfReader(out).pages))
    assert "Workshop results" in text and "Held 2026-12-01" in text and "scored in the session" not in text
    assert main(["report", "--demo", "--workshop", "1st of May", "-o", str(out)]) == 1
    assert "--workshop 1st of May: not a date" in capsys.readouterr().err


def test_a_plan_with_progress_gets_a_progress_page_and_one_without_does_not(demo, demo_pdf, tmp_path):
    from planner.assessment.model import Progress
    from planner.roadmap.engine import plan_roadmap

    _, reader, _, text = demo_pdf
    assert "Progress since" not in text and "Progress since" not in outline_titles(reader)
    catalog, state = demo
    first = plan_roadmap(catalog, state)
    baseline = {i.id: (i.start_date.isoformat(), i.end_date.isoformat()) for i in first.items}
    state = replace(state, settings={**state.settings, "status_date": "2027-03-10"}, baseline=baseline,
                    baseline_taken="2026-12-01",
                    progress={"data_validation:1-2": Progress("done", "", "2027-01-25"),
                              "explainability:2-3": Progress("dropped", "", "2027-02-01")})
    data = gather(catalog, state, today=date(2027, 3, 10))
    out = tmp_path / "progress.pdf"
    build_pdf(data, out)
    reader = PdfReader(out)
    assert "Progress since 2026-12-01" in outline_titles(reader)
    page = next(p.extract_text() for p in reader.pages if "Progress since 2026-12-01" in p.extract_text()
                and "In the baseline" in p.extract_text())
    late = [i for i in data.roadmap.items if i.slip and i.slip > 0]
    assert late and f"{len(late)} steps finish later than planned" in flat(page)
    assert "1 step done, 0 started, 1 dropped as of 2027-03-10" in flat(page)
    for item in late:
        assert item.name in flat(page)
    assert "Explainability 2→3" in page and "dropped" in page
    assert "on plan" in page  # the step done in January, as the baseline had it


def test_each_evidence_note_is_printed_once_and_milestones_are_labelled_plainly(demo_pdf):
    """The demo keeps each baseline note again later without its "Baseline: " tag: the
    appendix says it once. The Gantt labels No / Low / High MLOps as such, not as "No"."""
    _, _, _, text = demo_pdf
    flat_text = flat(text)
    assert "Evidence: Training extracts are kept in dated folders. Options:" in flat_text
    assert "Baseline: Training extracts" not in flat_text
    assert "No/Low/High L1" in flat_text and "No L1" not in flat_text
