"""A stateful fuzzer of the document: random edits, undo, redo, reopening from disk and
writes the file refuses, on the real PlanDocument, its QUndoStack and the SQLite plan file.

After every step:
- the file on disk reopens to the document's state;
- the roadmap shown is the one computed from that state;
- no exception reached Qt (pytest-qt fails the test on one) and nothing was logged as an
  error.
At the end, undoing everything gives the state the run started from, and redoing
everything gives the state it ended with.

CI runs FUZZ_EXAMPLES examples (default 12) of up to 25 steps; `python benchmarks/soak.py`
runs many more and prints how many steps ran.
"""

from __future__ import annotations

import logging
import os
import shutil

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from planner.result import compute
from planner.store.planfile import PlanFile
from planner.ui import edits
from planner.ui.document import PlanDocument

CAPABILITIES = ("feature_store", "model_registry", "drift_detection", "ci", "data_pipelines")
ROLES = ("ml_engineering", "platform", "data_engineering")
FRAMEWORKS = ("google", "microsoft")
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "12"))
STEPS = int(os.environ.get("FUZZ_STEPS", "25"))


class DocumentMachine(RuleBasedStateMachine):
    template = None  # a demo plan file, made once
    workdir = None
    checks = 0  # states checked, over all runs (benchmarks/soak.py prints it)

    def __init__(self):
        super().__init__()
        self.counter = getattr(DocumentMachine, "_runs", 0) + 1
        DocumentMachine._runs = self.counter
        self.path = self.workdir / f"fuzz-{self.counter}.mlplan"
        shutil.copy(self.template, self.path)
        self.document = PlanDocument.open(self.path, improve=False)
        self.initial = self.document.state
        self.errors: list[str] = []
        self.document.error.connect(self.errors.append)
        self.refusing = False
        self.file_when_held = None  # the file's state when edits began to wait in memory

    # -- edits --------------------------------------------------------------------------

    @rule(cap=st.sampled_from(CAPABILITIES), level=st.integers(0, 4))
    def score(self, cap, level):
        edits.set_level(self.document, cap, level)

    @rule(cap=st.sampled_from(CAPABILITIES), level=st.integers(1, 4), index=st.integers(0, 1), met=st.booleans())
    def criterion(self, cap, level, index, met):
        edits.set_criterion(self.document, cap, level, index, met)

    @rule(cap=st.sampled_from(CAPABILITIES), confidence=st.sampled_from(("low", "medium", "high")))
    def confidence(self, cap, confidence):
        edits.set_confidence(self.document, cap, confidence)

    @rule(cap=st.sampled_from(CAPABILITIES), flag=st.booleans(), reason=st.sampled_from(("", "not used here")))
    def not_applicable(self, cap, flag, reason):
        edits.set_not_applicable(self.document, cap, flag, reason)

    @rule(cap=st.sampled_from(CAPABILITIES), note=st.text(min_size=1, max_size=20))
    def evidence(self, cap, note):
        edits.add_evidence(self.document, cap, note)

    @rule(cap=st.sampled_from(CAPABILITIES), who=st.sampled_from(("Anja", "Ben", "=Cem")),
          level=st.none() | st.integers(0, 4))
    def vote(self, cap, who, level):
        edits.set_vote(self.document, cap, who, level)

    @rule(cap=st.sampled_from(CAPABILITIES), level=st.none() | st.integers(0, 4))
    def target(self, cap, level):
        edits.set_target(self.document, cap, level)

    @rule(framework=st.sampled_from(FRAMEWORKS), level=st.none() | st.integers(0, 2))
    def framework_target(self, framework, level):
        edits.set_framework_target(self.document, framework, level)

    @rule(role=st.sampled_from(ROLES), fte=st.sampled_from((0, 0.5, 1, 2, 3.5)))
    def capacity(self, role, fte):
        edits.set_capacity(self.document, role, fte)

    @rule(budget=st.sampled_from((None, 5_000, 60_000, 250_000)))
    def budget(self, budget):
        edits.set_setting(self.document, "budget_per_period", budget)

    @rule(unit=st.sampled_from(("month", "week")))
    def time_unit(self, unit):
        edits.set_setting(self.document, "time_unit", unit)

    @rule(open_source=st.booleans())
    def preferences(self, open_source):
        edits.set_setting(self.document, "preferences", {"prefer_open_source": open_source})

    @rule(cap=st.sampled_from(CAPABILITIES), approach=st.sampled_from((None, "build", "adopt", "buy")))
    def option(self, cap, approach):
        edits.choose_option(self.document, cap, approach)

    def _step(self, data) -> str | None:
        """A step of the roadmap shown, drawn by Hypothesis; None when there is none."""
        roadmap = self.document.roadmap
        if roadmap is None or not roadmap.items:
            return None
        return data.draw(st.sampled_from([i.id for i in roadmap.items]))

    @rule(data=st.data())
    def pin(self, data):
        item = self._step(data)
        if item is None:
            return
        how = data.draw(st.sampled_from(("period", "exclude", "free")))
        edits.pin_item(self.document, item, data.draw(st.integers(0, 6)) if how == "period" else None,
                       excluded=how == "exclude")

    @rule(data=st.data())
    def progress(self, data):
        item = self._step(data)
        if item is None:
            return
        status = data.draw(st.sampled_from(("started", "done", "dropped", None)))
        if status is None and item not in self.document.state.progress:
            return
        edits.set_progress(self.document, item, status, data.draw(st.sampled_from(("2027-01-15", "2027-02-20"))))

    @rule(day=st.sampled_from((None, "2027-03-10", "2027-06-01")))
    def status_date(self, day):
        edits.set_setting(self.document, "status_date", day)

    @rule(take=st.booleans())
    def baseline(self, take):
        if take:
            edits.take_baseline(self.document)
        elif self.document.state.baseline:
            edits.clear_baseline(self.document)

    @rule(name=st.sampled_from(("Lean", "Fast")), platform=st.sampled_from((1, 3)))
    def scenario(self, name, platform):
        edits.save_scenario(self.document, name, {"settings": {"capacity": {"platform": platform}}})

    @rule(name=st.sampled_from(("Lean", "Fast", "+2 ML engineers")))
    def show_scenario(self, name):
        self.document.set_scenario(name if name in self.document.state.scenarios else None)

    @rule(name=st.sampled_from(("Q1 review", "after workshop")))
    def snapshot(self, name):
        edits.take_snapshot(self.document, name)

    # -- history, disk, failures ------------------------------------------------------------

    @precondition(lambda self: self.document.undo_stack.canUndo())
    @rule()
    def undo(self):
        self.document.undo_stack.undo()
        self.settle()

    @precondition(lambda self: self.document.undo_stack.canRedo())
    @rule()
    def redo(self):
        self.document.undo_stack.redo()
        self.settle()

    @rule(refuse=st.booleans())
    def disk_refuses(self, refuse):
        """The file refuses writes (as a full or read-only disk would), or takes them again;
        edits meanwhile wait in memory."""
        plan = self.document._plan
        (plan._disk or plan.conn).execute(f"PRAGMA query_only = {1 if refuse else 0}")
        self.refusing = refuse

    @rule()
    def save_waiting_edits(self):
        """The retry the document's timer makes: it saves what waits once the file can be written."""
        saved = self.document.retry_save()
        assert saved or self.refusing

    @rule()
    def reopen(self):
        """Close and reopen from disk: the history starts afresh, the state is the file's."""
        self.disk_refuses(False)
        assert self.document.retry_save()
        state = self.document.state
        self.document.close()
        self.document = PlanDocument.open(self.path, improve=False)
        self.document.error.connect(self.errors.append)
        assert self.document.state == state
        self.initial = state

    def settle(self):
        """Let a put-back of a refused undo or redo run (it waits one turn of the loop)."""
        from PySide6.QtCore import QCoreApplication

        QCoreApplication.processEvents()

    # -- invariants ---------------------------------------------------------------------

    @invariant()
    def the_file_holds_the_documents_state(self):
        """Or, while edits wait in memory, the state it had when they began to wait."""
        DocumentMachine.checks += 1  # one per step (and one at the start of each run)
        with PlanFile.open(self.path, read_only=True) as plan:
            on_disk = plan.state
        if self.document.unsaved_reason:
            if self.file_when_held is None:
                self.file_when_held = on_disk
            assert on_disk == self.file_when_held
        else:
            self.file_when_held = None
            assert on_disk == self.document.state

    @invariant()
    def the_roadmap_shown_is_the_one_the_state_gives(self):
        fresh = compute(self.document.catalog, self.document.state, self.document.scenario, improve=False)
        shown = self.document.result
        if fresh.roadmap is None:
            assert shown.roadmap is None and shown.diagnosis == fresh.diagnosis
        else:
            assert shown.roadmap is not None
            assert [(i.id, i.start, i.finish) for i in shown.roadmap.items] == \
                [(i.id, i.start, i.finish) for i in fresh.roadmap.items]

    def teardown(self):
        try:
            self.disk_refuses(False)
            assert self.document.retry_save()
            self.settle()
            stack = self.document.undo_stack
            final, end = self.document.state, stack.index()  # commands undone at the end stay undone
            stack.setIndex(0)
            assert self.document.state == self.initial, "undoing everything returns the start"
            stack.setIndex(end)
            assert self.document.state == final, "redoing everything returns the end"
        finally:
            self.document.close()


@pytest.fixture
def machine(tmp_path_factory, demo_template, qtbot, caplog):
    DocumentMachine.template = demo_template
    DocumentMachine.workdir = tmp_path_factory.mktemp("fuzz")
    caplog.set_level(logging.WARNING, logger="planner")
    yield DocumentMachine
    bad = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert not bad, [r.getMessage() for r in bad]


def test_the_document_under_random_edits_undo_redo_reopen_and_failing_writes(machine):
    test = machine.TestCase
    from hypothesis import Phase

    phases = [p for p in Phase if os.environ.get("FUZZ_SHRINK", "1") == "1" or p is not Phase.shrink]
    test.settings = settings(max_examples=EXAMPLES, stateful_step_count=STEPS, deadline=None,
                             suppress_health_check=list(HealthCheck), derandomize=True, phases=phases)
    test().runTest()
    if os.environ.get("FUZZ_COUNT_FILE"):
        with open(os.environ["FUZZ_COUNT_FILE"], "w") as handle:
            handle.write(f"{machine._runs} {machine.checks}\n")
