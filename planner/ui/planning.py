"""Work off the GUI thread: the roadmap's improvement stage, and one-off tasks.

`PlanningThread` is one long-lived thread with a mailbox of one: a newer request
replaces a waiting one, and `cancel()` or a newer request stops the running one (the
core search polls `stop`), so a stale search is cut short and none queues up. It gets
only immutable inputs (the frozen catalog and plan state) and never touches the plan file.

Python threads share one interpreter lock: while the search runs, every call from Qt
into Python on the GUI thread (paint, events, size hints) waits for the lock. So the
search yields to the GUI: `pause()` while the GUI thread's event loop is awake,
`resume()` when it is about to wait for events (see `follow_event_loop`). The search
polls `stop`, which blocks while paused, so it gives the lock up within one generation.
`make_app` also lowers the switch interval to 1 ms.

`Task` runs one function on a pool thread and reports back through signals; the PDF
export and the scenario comparison use it.
"""

from __future__ import annotations

import logging
import threading

PAUSE_LIMIT = 0.5  # seconds: a GUI thread that never rests slows the search, but never stops it
from dataclasses import dataclass
from typing import Any, Callable

from PySide6.QtCore import QObject, QRunnable, QThread, QThreadPool, Signal

log = logging.getLogger("planner.ui.planning")


@dataclass(frozen=True)
class Request:
    generation: int
    catalog: Any
    state: Any
    scenario: str | None


class PlanningThread(QThread):
    # generation, Roadmap or None, diagnosis (list of str) when the plan is infeasible
    planned = Signal(int, object, object)
    failed = Signal(int, str)  # generation, traceback text of an unexpected error

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._cond = threading.Condition()
        self._pending: Request | None = None
        self._cancelled = False
        self._closing = False
        self._may_run = threading.Event()
        self._may_run.set()

    def request(self, request: Request) -> None:
        with self._cond:
            self._pending = request
            self._cond.notify()
        if not self.isRunning():
            self.start(QThread.Priority.LowPriority)

    def cancel(self) -> None:
        """Stop the running search soon (its result will be stale anyway)."""
        self._cancelled = True

    def pause(self) -> None:
        """The GUI thread is busy: the search waits (without the interpreter lock)."""
        self._may_run.clear()

    def resume(self) -> None:
        self._may_run.set()

    def follow_event_loop(self) -> None:
        """Run the search only while the GUI thread waits for events."""
        from PySide6.QtCore import QAbstractEventDispatcher

        dispatcher = QAbstractEventDispatcher.instance()
        if dispatcher is not None:
            dispatcher.awake.connect(self.pause)
            dispatcher.aboutToBlock.connect(self.resume)

    def _stale(self) -> bool:
        self._may_run.wait(PAUSE_LIMIT)
        return self._pending is not None or self._cancelled or self._closing

    def run(self) -> None:
        from ..roadmap.engine import plan_roadmap
        from ..roadmap.model import InfeasiblePlan

        while True:
            with self._cond:
                while self._pending is None and not self._closing:
                    self._cond.wait()
                if self._closing:
                    return
                job, self._pending = self._pending, None
                self._cancelled = False
            try:
                roadmap = plan_roadmap(job.catalog, job.state, job.scenario, improve=True, stop=self._stale)
            except InfeasiblePlan as exc:
                self.planned.emit(job.generation, None, list(exc.diagnosis))
            except Exception:  # reported to the GUI thread, which shows the crash dialog
                import traceback

                log.exception("planning failed")
                self.failed.emit(job.generation, traceback.format_exc())
            else:
                if not self._stale():
                    self.planned.emit(job.generation, roadmap, [])

    def shutdown(self) -> None:
        with self._cond:
            self._closing = True
            self._cond.notify()
        self._may_run.set()
        self.wait()
        from PySide6.QtCore import QAbstractEventDispatcher

        dispatcher = QAbstractEventDispatcher.instance()
        if dispatcher is not None:
            for signal, slot in ((dispatcher.awake, self.pause), (dispatcher.aboutToBlock, self.resume)):
                try:
                    signal.disconnect(slot)
                except (RuntimeError, TypeError):
                    pass  # never connected


class _TaskSignals(QObject):
    done = Signal(object)
    failed = Signal(object)  # the exception


class _Runnable(QRunnable):
    def __init__(self, function: Callable[[], Any], signals: _TaskSignals):
        super().__init__()
        self._function = function
        self._signals = signals

    def run(self) -> None:
        try:
            result = self._function()
        except Exception as exc:  # handed to the GUI thread, which decides how to show it
            log.exception("background task failed")
            self._signals.failed.emit(exc)
        else:
            self._signals.done.emit(result)


class Task(QObject):
    """Run `function()` on a pool thread. `done(result)` or `failed(exception)` arrive on
    the thread that created the task. Keep a reference until one of them arrives."""

    done = Signal(object)
    failed = Signal(object)

    def __init__(self, function: Callable[[], Any], parent: QObject | None = None):
        super().__init__(parent)
        self._signals = _TaskSignals(self)
        self._signals.done.connect(self.done)
        self._signals.failed.connect(self.failed)
        self._runnable = _Runnable(function, self._signals)
        self._runnable.setAutoDelete(False)

    def start(self) -> "Task":
        QThreadPool.globalInstance().start(self._runnable)
        return self
