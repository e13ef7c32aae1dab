"""Workshop mode, driven by keystrokes on real windows: vote rounds hidden until revealed,
levels, skips, notes, undo, the wrap-up and its PDF; teams' votes imported and compared."""

from __future__ import annotations

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from planner.store.planfile import PlanFile
from planner.ui import edits
from planner.ui.workshop.controller import Workshop
from planner.ui.workshop.session import MEANING, SUMMARY

K = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


class Clock:
    """A clock the test moves by hand, so the timebox is checked without waiting."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def workshop(demo_window, qtbot, clock):
    mode = Workshop(demo_window.document, demo_window.settings, two_screens=False, clock=clock, parent=demo_window)
    mode.show(full_screen=False, size=(1024, 768))
    qtbot.waitExposed(mode.control)
    yield mode
    mode.close()


def press(qtbot, workshop, *keys) -> None:
    for key in keys:
        if isinstance(key, str):
            qtbot.keyClicks(workshop.control, key)
        else:
            qtbot.keyClick(workshop.control, key)


def saved(path):
    with PlanFile.open(path, read_only=True) as plan:
        return plan.state.assessment()


def test_a_whole_session_by_keystrokes(workshop, demo_window, qtbot, clock):
    session, window, path = workshop.session, workshop.control, demo_window.document.path
    first, second, third = session.agenda[:3]
    assert session.capability.id == first

    press(qtbot, workshop, "v", "1", "2", "2")  # three anonymous votes
    assert "3 votes in, hidden until revealed" in window.slide.votes.text()
    assert "median" not in window.slide.votes.text()
    assert not saved(path).votes.get(first)  # nothing reaches the plan before the reveal
    press(qtbot, workshop, "r")
    assert "median <b>2</b>" in window.slide.votes.text()
    press(qtbot, workshop, K.Key_Return)  # accept the median
    assert demo_window.document.scores.current[first] == 2

    press(qtbot, workshop, K.Key_Right, "s")  # skip the second
    assert session.capability.id == third and session.skipped == {second}
    assert "1 skipped" in window.header.text()
    press(qtbot, workshop, "3")
    press(qtbot, workshop, "b")  # back to the skipped one
    assert session.capability.id == second
    press(qtbot, workshop, "2", "e")
    assert window.prompt.isVisible() and window.prompt.hasFocus()
    qtbot.keyClicks(window.prompt, "Great Expectations runs in CI")
    qtbot.keyClick(window.prompt, K.Key_Return)
    assert not window.prompt.isVisible()
    press(qtbot, workshop, "n")
    qtbot.keyClicks(window.prompt, "No such data here")
    qtbot.keyClick(window.prompt, K.Key_Return)
    assert demo_window.document.scores.current[second] is None
    qtbot.keyClick(window, K.Key_Z, CTRL)  # undo the not applicable
    assert demo_window.document.scores.current[second] == 2
    assert session.skipped == set() and {first, second, third} <= session.done

    clock.now += 5 * 60  # the timebox shows in the progress line and the clock
    session.changed.emit()
    assert "115 min left" in window.header.text()
    assert "over" not in window.header.text()

    press(qtbot, workshop, "w")
    assert session.screen == SUMMARY and "Where we stand" in window.summary.title.text()
    press(qtbot, workshop, K.Key_Right)
    assert session.screen == MEANING and "First wave" in window.meaning.wave.text()
    with qtbot.waitSignal(workshop.pdf_written, timeout=60_000) as written:
        press(qtbot, workshop, "p")
    text = " ".join(" ".join(page.extract_text() for page in PdfReader(written.args[0]).pages).split())
    assert "MLOps investment case" in text and "Workshop results" in text
    assert f"ran 5 minutes; 3 of {len(session.agenda)} capabilities scored in the session" in text
    name = demo_window.document.catalog.capability
    assert f"{name(first).name} 1 at 1, 2 at 2 2 1 2 " in text  # votes, median, spread, level set
    assert f"{name(second).name}: Great Expectations runs in CI" in text  # the session's notes
    with qtbot.waitSignal(workshop.closed):
        press(qtbot, workshop, K.Key_Escape)

    assessment = saved(path)  # what the file on disk holds
    assert sorted(v.level for v in assessment.votes[first]) == [1, 2, 2]
    assert assessment.entries[first].level == 2
    assert assessment.entries[third].level == 3
    assert assessment.entries[second].level == 2 and not assessment.entries[second].not_applicable
    notes = [e.note for e in assessment.entries[first].evidence]
    assert any(n.startswith("Vote round: 3 votes, 1 at 1, 2 at 2") for n in notes)
    assert "Great Expectations runs in CI" in [e.note for e in assessment.entries[second].evidence]


def test_named_votes_and_taking_one_back(workshop, demo_window, qtbot):
    session, window = workshop.session, workshop.control
    cap = session.capability.id
    press(qtbot, workshop, "v", "a")
    qtbot.keyClicks(window.prompt, "Anja")
    qtbot.keyClick(window.prompt, K.Key_3)  # the name, then the level
    qtbot.keyClicks(window.prompt, "Ben")
    qtbot.keyClick(window.prompt, K.Key_1)
    qtbot.keyClick(window.prompt, K.Key_Escape)
    press(qtbot, workshop, "4", K.Key_Backspace)  # an anonymous 4, taken back
    assert session.round.named == {"Anja": 3, "Ben": 1} and session.round.counts == {}
    press(qtbot, workshop, "r")
    votes = {v.participant: v.level for v in demo_window.document.state.assessment().votes[cap]}
    assert votes["Anja"] == 3 and votes["Ben"] == 1
    assert "⚑ disagreement" in window.slide.votes.text()  # 1 and 3 are two levels apart
    press(qtbot, workshop, "1")  # the level after discussion
    assert demo_window.document.scores.current[cap] == 1


def test_a_later_round_replaces_the_anonymous_votes_of_an_earlier_one(workshop, demo_window, qtbot):
    cap = workshop.session.capability.id
    press(qtbot, workshop, "v", "1", "1", "1", "r", "v", "2", "r")
    votes = [v for v in demo_window.document.state.assessment().votes[cap] if v.participant.startswith("Anonymous")]
    assert [(v.participant, v.level) for v in votes] == [("Anonymous 1", 2)]
    demo_window.document.undo_stack.undo()  # the second round, undone as one
    votes = [v for v in demo_window.document.state.assessment().votes[cap] if v.participant.startswith("Anonymous")]
    assert len(votes) == 3


def test_presenter_sees_the_tally_the_audience_does_not(demo_window, qtbot):
    mode = Workshop(demo_window.document, two_screens=True, parent=demo_window)
    mode.show(full_screen=False, size=(1024, 768))
    audience, presenter = mode.windows
    assert mode.control is presenter and not audience.hint.isVisible() and presenter.hint.isVisible()
    for key in ("v", "2", "3"):
        qtbot.keyClicks(presenter, key)
    assert "●" in presenter.slide.votes.text() and "●" not in audience.slide.votes.text()
    qtbot.keyClicks(presenter, "r")
    assert "●" in audience.slide.votes.text()
    mode.close()


def test_levels_out_of_range_and_empty_rounds_are_refused_on_screen(workshop, demo_window, qtbot):
    cap = workshop.session.capability.id
    before = demo_window.document.scores.current[cap]
    press(qtbot, workshop, "9")
    assert "has levels 0 to 4" in workshop.control.message.text()
    assert demo_window.document.scores.current[cap] == before
    press(qtbot, workshop, "v", "r")
    assert "no votes yet" in workshop.control.message.text()


def test_page_keys_move_by_dimension(workshop, demo_window, qtbot):
    session = workshop.session
    catalog = demo_window.document.catalog
    press(qtbot, workshop, K.Key_PageDown)
    assert catalog.capability(session.capability.id).dimension != catalog.capability(session.agenda[0]).dimension
    press(qtbot, workshop, K.Key_PageUp)
    assert session.index == 0


def test_timers_are_set_by_key_kept_for_next_time_and_can_be_off(workshop, demo_window, qtbot, clock):
    window, session = workshop.control, workshop.session
    press(qtbot, workshop, "m")
    assert window.prompt.isVisible() and "now 120 4" in window.prompt.placeholderText()
    qtbot.keyClicks(window.prompt, "90 5")
    qtbot.keyClick(window.prompt, K.Key_Return)
    clock.now += 6 * 60
    session.changed.emit()
    assert "84 min left" in window.header.text()
    assert "This capability 6:00 of 5:00" in window.clock.text() and "#" in window.clock.text()  # over: alert colour
    assert demo_window.settings.workshop_timebox == (90, 5)

    press(qtbot, workshop, "m")
    qtbot.keyClicks(window.prompt, "0 0")
    qtbot.keyClick(window.prompt, K.Key_Return)
    assert "6 min so far" in window.header.text() and "left" not in window.header.text()
    assert "6:00" in window.clock.text() and " of " not in window.clock.text()

    for bad in ("ninety", "90", "-5 4", "2000 4"):
        press(qtbot, workshop, "m")
        qtbot.keyClicks(window.prompt, bad)
        qtbot.keyClick(window.prompt, K.Key_Return)
        assert window.message.isVisible() and "minutes" in window.message.text(), bad
        assert (session.session_minutes, session.capability_minutes) == (0, 0)
    again = Workshop(demo_window.document, demo_window.settings, two_screens=False, parent=demo_window)
    assert (again.session.session_minutes, again.session.capability_minutes) == (0, 0)
    again.close()


def test_enter_that_ends_a_note_does_not_also_accept_the_round(workshop, demo_window, qtbot):
    window, cap = workshop.control, workshop.session.capability.id
    before = demo_window.document.scores.current[cap]
    press(qtbot, workshop, "v", "0", "4", "r", "e")
    qtbot.keyClicks(window.prompt, "We argued about notebooks")
    qtbot.keyClick(window.prompt, K.Key_Return)
    assert demo_window.document.scores.current[cap] == before  # the median (2) was not taken
    assert not window.message.isVisible()
    assert "We argued about notebooks" in window.slide.notes.text()


def test_the_presenter_sees_what_comes_next(demo_window, qtbot):
    mode = Workshop(demo_window.document, demo_window.settings, two_screens=True, parent=demo_window)
    mode.show(full_screen=False, size=(1024, 768))
    audience, presenter = mode.windows
    session, name = mode.session, demo_window.document.catalog.capability
    assert f"Next: {name(session.agenda[1]).name}" in presenter.clock.text()
    assert "Next" not in audience.clock.text()
    session.go(len(session.agenda) - 1)
    assert "Next: Wrap-up" in presenter.clock.text()
    session.show_screen(SUMMARY)
    assert "Next: What this means" in presenter.clock.text()
    mode.close()


def write_team(path, rows) -> None:
    lines = ["assessment,capability,participant,level"] + [f"Baseline,{cap},{who},{level}" for cap, who, level in rows]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_two_teams_votes_are_imported_and_their_disagreement_shown(workshop, demo_window, qtbot, tmp_path):
    berlin, munich = tmp_path / "berlin.csv", tmp_path / "munich.csv"
    write_team(berlin, [("feature_store", "Anja", 1), ("feature_store", "Ben", 1), ("model_registry", "Anja", 2)])
    write_team(munich, [("feature_store", "Cem", 3), ("feature_store", "Dora", 4), ("model_registry", "Cem", 2)])
    assert workshop.import_team(str(berlin), "Berlin")
    assert workshop.import_team(str(munich), "Munich")
    votes = demo_window.document.state.assessment().votes["feature_store"]
    assert {v.participant for v in votes} >= {"Berlin / Anja", "Berlin / Ben", "Munich / Cem", "Munich / Dora"}
    assert workshop.session.screen == SUMMARY
    text = workshop.control.summary.split.text()
    assert "Where the teams disagree" in text
    assert "Feature store: Berlin 1, Munich 3.5" in text and "⚑" in text
    assert "Model registry" not in text.split("Where the teams disagree")[1]  # they agree on it
    demo_window.document.undo_stack.undo()  # an import is one undoable step
    votes = demo_window.document.state.assessment().votes["feature_store"]
    assert not any(v.participant.startswith("Munich") for v in votes)


def test_a_bad_team_file_is_refused_whole_naming_the_row(workshop, demo_window, qtbot, tmp_path):
    bad = tmp_path / "bad.csv"
    write_team(bad, [("feature_store", "Anja", 1), ("feture_store", "Ben", 2), ("model_registry", "Cem", 9)])
    before = demo_window.document.state.assessment().votes
    assert not workshop.import_team(str(bad), "Team X")
    message = workshop.control.message.text()
    assert "row 3" in message and "feture_store" in message and "row 4" in message
    assert demo_window.document.state.assessment().votes == before
    assert not workshop.import_team(str(bad), "A / B")
    assert "cannot name a team" in workshop.control.message.text()


def test_f5_opens_workshop_mode_and_esc_leaves(demo_window, qtbot):
    qtbot.keyClick(demo_window, K.Key_F5)
    assert demo_window.workshop is not None
    control = demo_window.workshop.control
    qtbot.waitExposed(control)
    with qtbot.waitSignal(demo_window.workshop.closed):
        qtbot.keyClick(control, K.Key_Escape)
    assert demo_window.workshop is None


def test_a_rooms_export_imports_as_a_team(workshop, demo_window, tmp_path):
    exported = tmp_path / "room b.csv"
    assert demo_window.document.export_exchange(exported) > 0
    assert workshop.import_team(str(exported), "Room B")
    votes = demo_window.document.state.assessment().votes
    assert any(v.participant == "Room B / team score" for cap_votes in votes.values() for v in cap_votes)
    assert any(v.participant.startswith("Room B / ") and v.participant != "Room B / team score"
               for cap_votes in votes.values() for v in cap_votes)


def test_a_closed_workshop_no_longer_listens_to_edits(demo_window, qtbot):
    """Its windows are gone; an edit after closing used to reach them (RuntimeError:
    Internal C++ object already deleted), and each workshop opened leaked a session."""
    from PySide6.QtCore import QCoreApplication, QEvent

    from planner.ui import edits

    qtbot.keyClick(demo_window, K.Key_F5)
    mode = demo_window.workshop
    qtbot.waitExposed(mode.control)
    with qtbot.waitSignal(mode.destroyed):
        qtbot.keyClick(mode.control, K.Key_Escape)
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    with qtbot.waitSignal(demo_window.document.changed):
        assert edits.set_level(demo_window.document, "feature_store", 2)
    QCoreApplication.processEvents()


def test_a_resized_workshop_restyles_on_the_next_turn_never_inside_the_resize(workshop, qtbot):
    """A resize can come from an application-wide style change (a zoom in the main
    window); a style sheet set while Qt re-polishes every widget can crash it."""
    from planner.ui.workshop import style

    window = workshop.control
    before = window.styleSheet()
    window.resize(window.width(), window.height() * 2)  # delivered at once: the window is shown
    assert style.base_px(window.height()) != style.base_px(768)
    assert window.styleSheet() == before, "restyled inside the resize"
    qtbot.waitUntil(lambda: window.styleSheet() == style.sheet(window.height(), window.look), timeout=5000)


def test_an_undone_score_no_longer_counts_as_scored_and_a_redo_counts_it_again(workshop, demo_window):
    session, stack = workshop.session, demo_window.document.undo_stack
    cap = session.capability.id
    level = session.capability.max_level
    assert session.set_level(level)
    assert session.done == {cap} and "1 scored in this session" in session.progress_text()
    assert session.scored_here(cap) == "scored in this session"
    stack.undo()
    assert session.done == set() and "0 scored in this session" in session.progress_text()
    assert session.scored_here(cap) == "set before this session"
    stack.redo()
    assert session.done == {cap}
    stack.undo()
    edits.set_setting(demo_window.document, "budget_per_period", 50_000)  # another edit replaces the score's redo
    assert session.done == set()
    assert "0 scored in this session" in workshop.control.header.text()  # the screen follows the undo
