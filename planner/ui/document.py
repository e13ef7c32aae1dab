"""One open plan: the only object that touches the plan file, always on the GUI thread.

    edit -> execute(core command) -> plan file (autosave) -> state -> assess() and the
    heuristic roadmap here (milliseconds) -> signals -> views
                                  \\-> improvement stage in the worker process -> roadmap_changed

Every edit is a core command wrapped in a QUndoCommand on `undo_stack`. The views read
`state`, `scores` and `roadmap`, which are immutable values, and listen to the signals.
A result from the worker carries the generation it was asked for; it is dropped when a
newer edit has come since, so a stale roadmap is never shown, and the newer edit stops
the worker's search for the older one.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from .. import words
from ..assessment.assess import Scores, assess
from ..result import PlanResult, compute
from ..roadmap.model import Roadmap
from ..store import commands
from ..store.commands import Command
from ..store.planfile import PlanFile, PlanFileError, now, read_only_uri  # noqa: F401 - read_only_uri for screenshot
from .commands import UndoCommand
from .worker import Worker, shared_worker

log = logging.getLogger("planner.ui.document")

HEURISTIC, IMPROVING, DONE = "heuristic", "improving", "done"
RETRY_SAVE_MS = 3000  # how often edits kept in memory try the file again
IMPROVE_DELAY_MS = 40  # the views refresh and paint first, without competing for the interpreter lock


class PlanDocument(QObject):
    changed = Signal()  # the plan state and its scores changed
    roadmap_changed = Signal()  # a new roadmap, or a new diagnosis of why there is none
    planning_changed = Signal(str)  # HEURISTIC, IMPROVING or DONE
    error = Signal(str)  # an edit was refused or could not be saved; worded for the user
    crashed = Signal(str)  # an unexpected error off the GUI thread (traceback text)
    notice = Signal(str)  # something the status bar should say (the worker was restarted)
    unsaved = Signal(str)  # edits wait in memory because the file cannot be written (why); "" once saved

    def __init__(self, plan: PlanFile, parent: QObject | None = None, improve: bool = True,
                 worker: Worker | None = None):
        super().__init__(parent)
        self._plan = plan
        plan.hold_writes = True  # a full or read-only disk keeps edits in memory (see _check_saved)
        self._retry = QTimer(self)
        self._retry.setInterval(RETRY_SAVE_MS)
        self._retry.timeout.connect(self.retry_save)
        self.undo_stack = QUndoStack(self)
        self._improve = improve
        self._generation = 0
        self._scenario: str | None = None
        self._stage = DONE
        self._result: PlanResult | None = None
        self._worker = worker or shared_worker()
        self._key = f"plan-{id(self)}-{self._worker.next_id()}"
        self._worker.improved.connect(self._improved)
        self._worker.failed.connect(self._worker_failed)
        self._worker.restarted.connect(self._worker_restarted)
        self._attached = False
        self._request: tuple | None = None
        self._start = QTimer(self)
        self._start.setSingleShot(True)
        self._start.setInterval(IMPROVE_DELAY_MS)
        self._start.timeout.connect(self._start_improving)
        self._state = plan.state
        self._scores = assess(plan.catalog, self._state)
        self._replan()

    @classmethod
    def open(cls, path: str | Path, parent: QObject | None = None, improve: bool = True,
             worker: Worker | None = None) -> "PlanDocument":
        """Raises PlanFileError with a message for the user."""
        return cls(PlanFile.open(path), parent, improve, worker)

    # -- what views read ----------------------------------------------------------------

    @property
    def path(self) -> Path:
        return self._plan.path

    @property
    def catalog(self):
        return self._plan.catalog

    @property
    def state(self):
        return self._state

    @property
    def scores(self) -> Scores:
        return self._scores

    @property
    def result(self) -> PlanResult:
        """What every view shows: the scores, and the roadmap on screen (the instant one
        while `stage` is IMPROVING, then the one the counted work gives)."""
        return self._result

    @property
    def roadmap(self) -> Roadmap | None:
        return self._result.roadmap

    @property
    def diagnosis(self) -> list[str]:
        return list(self._result.diagnosis)

    @property
    def stage(self) -> str:
        return self._stage

    @property
    def generation(self) -> int:
        return self._generation

    @property
    def read_only(self) -> bool:
        return self._plan.read_only

    @property
    def read_only_reason(self) -> str:
        return self._plan.read_only_reason

    @staticmethod
    def stamp() -> str:
        """Now, as the plan stamps its notes (UTC, ISO 8601, to the second)."""
        return now()

    @property
    def scenario(self) -> str | None:
        return self._scenario

    def set_scenario(self, name: str | None) -> None:
        """Show the roadmap of a saved scenario (None: the plan itself). A view choice,
        not an edit: it is not undoable and not saved in the plan."""
        if name is not None and name not in self._state.scenarios:
            name = None
        if name != self._scenario:
            self._scenario = name
            self._replan()

    # -- edits --------------------------------------------------------------------------

    def execute(self, command: Command, merge_key: tuple | None = None) -> bool:
        """Apply a core command, save it, and put it on the undo stack. A refused or
        unsaveable edit changes nothing and is reported through `error`."""
        try:
            command.apply(self._plan)
        except PlanFileError as exc:
            self.error.emit(str(exc))
            return False
        self.undo_stack.push(UndoCommand(self, command, merge_key))
        self._refresh()
        return True

    def import_changes(self, rows: list, source: str) -> list:
        """The changes an import of `rows` makes, checked whole against the plan (raises
        PlanFileError naming every bad row); nothing is written."""
        from ..store.exchange import import_rows

        return import_rows(self._plan, rows, source)

    def export_exchange(self, path) -> int | None:
        """Scores, evidence and votes as CSV or JSON (by the suffix); the row count, or
        None when it could not be written (reported through `error`)."""
        from ..store.exchange import write_export

        try:
            return write_export(self._plan, Path(path))
        except PlanFileError as exc:
            self.error.emit(str(exc))
            return None

    def redo_command(self, command: Command) -> bool:
        return self._write(command.apply, "redo")

    def undo_command(self, command: Command) -> bool:
        return self._write(command.undo, "undo")

    def _write(self, action, what: str) -> bool:
        """False when the file refused the change: it is unchanged (one transaction), and
        the undo command puts the history back to match it (commands.UndoCommand)."""
        try:
            action(self._plan)
        except PlanFileError as exc:
            self.error.emit(f"{exc}\nThe {what} was not saved; the plan is as it was, and you can try again.")
            return False
        self._refresh()
        return True

    # -- derived results ----------------------------------------------------------------

    @property
    def unsaved_reason(self) -> str:
        """Why edits wait in memory ("" when everything is saved)."""
        return self._plan.held_reason

    def retry_save(self) -> bool:
        """Try to save the edits kept in memory; True when everything is saved."""
        if not self._plan.held:
            return True
        count = self._plan.held
        if not self._plan.flush():
            return False
        self._retry.stop()
        self.unsaved.emit("")
        self.notice.emit(f"Saved: the plan's file can be written again, and the {count} change(s) kept "
                         "in memory are in it now.")
        return True

    def _check_saved(self) -> None:
        if self._plan.held and not self._retry.isActive():
            self._retry.start()
            self.unsaved.emit(self._plan.held_reason)

    def _refresh(self) -> None:
        self._check_saved()
        self._state = self._plan.state
        self._scores = assess(self._plan.catalog, self._state)
        if self._scenario is not None and self._scenario not in self._state.scenarios:
            self._scenario = None  # deleted, or its creation undone
        self.changed.emit()
        self._replan()

    def _replan(self) -> None:
        """The heuristic roadmap now, and the improvement stage on the planning thread."""
        self._generation = self._worker.next_id()
        self._worker.cancel(self._key)  # whatever it is improving for this plan is stale now
        self._result = compute(self._plan.catalog, self._state, self._scenario, improve=False, scores=self._scores)
        roadmap = self._result.roadmap
        if roadmap is not None and not roadmap.optimal and self._improve:
            self._set_stage(IMPROVING)
            self._request = (self._generation, self._state, self._scenario)
            self._start.start()
        else:
            self._request = None
            self._set_stage(DONE if roadmap is None or roadmap.optimal else HEURISTIC)
        self.roadmap_changed.emit()

    def _start_improving(self) -> None:
        if self._request is not None:
            if not self._attached:
                self._worker.attach(self._key, self._plan.catalog)
                self._attached = True
            self._worker.improve(self._key, *self._request)
            self._request = None

    def _improved(self, generation: int, roadmap: Roadmap | None, diagnosis: list[str]) -> None:
        if generation != self._generation:
            return  # a newer edit came since: this result is stale
        # The improved roadmap is the answer, the same as the CLI's and the PDF's, even in
        # the rare case where the instant heuristic happened to score better.
        self._result = self._result.with_roadmap(roadmap, tuple(diagnosis))
        self._set_stage(DONE)
        self.roadmap_changed.emit()

    def _worker_failed(self, generation: int, message: str, details: str, user_error: bool) -> None:
        if generation != self._generation:
            return  # another plan's, or another job's
        self._set_stage(HEURISTIC)
        self.crashed.emit(details)

    def _worker_restarted(self, message: str) -> None:
        """The worker process died and a new one runs: hand the catalog over again and,
        if an improvement was on its way, ask for it again."""
        self._attached = False
        if self._stage == IMPROVING:
            self._request = (self._generation, self._state, self._scenario)
            self._start.start()
        self.notice.emit(message)

    def _set_stage(self, stage: str) -> None:
        if stage != self._stage:
            self._stage = stage
            self.planning_changed.emit(stage)

    def status_text(self) -> str:
        """The planning state, as the status bar and the roadmap view say it."""
        roadmap = self._result.roadmap
        if roadmap is None:
            return "No roadmap: the constraints cannot be met" if self._result.diagnosis else ""
        if self._stage == IMPROVING:
            return "Improving the roadmap…"
        text = words.proof(roadmap)
        return text[:1].upper() + text[1:]

    # -- background jobs --------------------------------------------------------------------

    def run_job(self, kind: str, *args) -> int:
        """Hand a job on this plan to the worker; its result arrives through the
        worker's done or failed. "pdf" (scenario, path, paper, workshop record or None):
        the result on screen when it is that scenario's, else the worker computes it.
        "compare": the plan and its scenarios, with the plan's own roadmap as shown."""
        if not self._attached:
            self._worker.attach(self._key, self._plan.catalog)
            self._attached = True
        if kind == "pdf":
            scenario, *rest = args
            shown = replace(self._result, catalog=None) if scenario == self._scenario else None
            return self._worker.run(kind, self._key, shown, self._state, scenario, *rest)
        base = self._result.roadmap if self._scenario is None and self._stage == DONE else None
        return self._worker.run(kind, self._key, self._state, base)

    @property
    def worker(self) -> Worker:
        return self._worker

    # -- closing ------------------------------------------------------------------------

    def close(self) -> None:
        """Close the plan. Edits still kept in memory are saved if the file can be written
        by now, else into a recovery copy in the app's data folder (see `recovered`).
        Closing twice does nothing more."""
        if getattr(self, "_closed", False):
            return
        self._closed = True
        self._retry.stop()
        self.recovered = None
        if self._plan.held and not self._plan.flush():
            from .paths import recovery_path

            target = recovery_path(self._plan.path)
            try:
                self._plan.save_copy(target)
                self.recovered = target
                log.warning("%s could not be written; its unsaved edits are in %s", self._plan.path, target)
            except (PlanFileError, OSError) as exc:
                log.error("%s could not be written, and no recovery copy could be made: %s", self._plan.path, exc)
        self._start.stop()
        for signal, slot in ((self._worker.improved, self._improved), (self._worker.failed, self._worker_failed),
                             (self._worker.restarted, self._worker_restarted)):
            try:
                signal.disconnect(slot)
            except (RuntimeError, TypeError):
                pass
        self._worker.cancel(self._key)
        self._worker.detach(self._key)
        self._plan.close()


# -- the plan file for the rest of the UI ---------------------------------------------------
# This module is the UI's one way to the store: `edits` builds its `commands`, and the
# windows and dialogs open, create and check files through these, and catch PlanFileError.

def open_plan(path, **options) -> PlanFile:
    """`PlanFile.open` (raises PlanFileError naming the file and what is wrong)."""
    return PlanFile.open(path, **options)


def create_plan(path, catalog_dir, **details) -> PlanFile:
    """`PlanFile.create`: a new plan file (raises PlanFileError)."""
    return PlanFile.create(path, catalog_dir, **details)


def build_demo(path) -> PlanFile:
    """The demo plan, written to `path`."""
    from ..store.demo import build_demo as build

    return build(path)


def checked_output(path, what: str) -> Path:
    """The output path, or PlanFileError when it is a folder, a plan, or nowhere."""
    from ..store.paths import output_path

    return output_path(path, what)


def team_rows(path, team: str, who: str) -> list:
    """A team's exported votes and levels (CSV or JSON) as rows by "TEAM / participant"."""
    from ..store.exchange import read_rows
    from ..store.exchange import team_rows as rows_of

    return rows_of(read_rows(Path(path)), team, who)[0]
