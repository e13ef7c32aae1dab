"""The worker: heavy pure-Python work (improving a roadmap, building the PDF, comparing
scenarios) in a separate process.

Python threads share one interpreter lock, so a search on a thread slows every call the
GUI thread makes into Python, and reportlab cannot be paused at all. A process shares
nothing: the event loop stays free, and the second core does the work. Jobs and results
cross a pipe as pickles (our own objects, between our own processes; nothing is read
from a file). A reader thread waits on the pipe and hands results to the GUI thread
through a queued signal. When a process cannot be started, the same loop runs on a
thread instead.

One worker serves the whole app (`shared_worker`). Each open plan has a slot in shared
memory holding the generation it wants; a newer edit changes it, and the search for the
older generation stops at its next poll.

The GUI thread never waits on the pipe: messages go into a queue that a writer thread
sends (a plan's catalog is some 270 KB, the pipe holds 64 KB, and the worker reads
nothing while it builds a PDF). When the worker process dies, the reader or the writer
notices; the jobs it had fail with a message, a new process starts, and `restarted`
tells the open plans to hand their catalogs over again and re-plan.
"""

from __future__ import annotations

import itertools
import logging
import multiprocessing
import queue
import threading

from PySide6.QtCore import QCoreApplication, QObject, Signal

from ..jobs import CANCELLED, SLOTS, serve

log = logging.getLogger("planner.ui.worker")

LOST = "The background planner stopped unexpectedly and was restarted; the roadmap is being improved again."
_STOP = object()  # tells the writer thread to end


class _Slots:
    """`latest` for the thread fallback: a plain list has the same indexing."""

    def __init__(self):
        self.values = [0] * (SLOTS + 1)

    def __getitem__(self, index: int) -> int:
        return self.values[index]

    def __setitem__(self, index: int, value: int) -> None:
        self.values[index] = value


class Worker(QObject):
    improved = Signal(int, object, object)  # generation, roadmap or None, diagnosis
    done = Signal(int, object)  # job, result
    failed = Signal(int, str, str, bool)  # job or generation, message, details, worded for the user
    restarted = Signal(str)  # the process died and a new one runs: plans attach and re-plan; a message
    _received = Signal(object)
    _lost = Signal(int)  # the process of this epoch died (from the reader or writer thread)

    def __init__(self, parent: QObject | None = None, use_process: bool = True):
        super().__init__(parent)
        self.use_process = use_process
        self.mode = ""  # "process" or "thread" once started
        self._ids = itertools.count(1)
        self._catalogs: dict[str, int] = {}  # plan key -> slot
        self._free = list(range(SLOTS - 1, -1, -1))
        self._conn = None
        self._epoch = 0  # one per process started
        self._pending: set[int] = set()  # jobs sent and not answered
        self._cancelled: set[int] = set()  # jobs nobody waits for: their answers are dropped
        self._stopping = False
        self._received.connect(self._dispatch)
        self._lost.connect(self._on_lost)

    # -- life -------------------------------------------------------------------------------

    def start(self) -> None:
        if self._conn is not None:
            return
        self._epoch += 1
        self._stopping = False
        if self.use_process:
            try:
                context = multiprocessing.get_context("spawn")  # never fork a process that runs Qt
                self._conn, child = context.Pipe()
                self._latest = context.Array("q", SLOTS + 1, lock=False)  # and the cancelled job
                self._process = context.Process(target=serve, args=(child, self._latest), daemon=True,
                                                name="roadmap-planner-worker")
                self._process.start()
                child.close()
                self.mode = "process"
            except (OSError, RuntimeError, ValueError) as exc:
                log.warning("no worker process (%s); planning on a thread instead", exc)
                self._conn = None
        if self._conn is None:
            self._conn, child = multiprocessing.Pipe()
            self._latest = _Slots()
            self._process = threading.Thread(target=serve, args=(child, self._latest), daemon=True,
                                             name="roadmap-planner-worker")
            self._process.start()
            self.mode = "thread"
        self._outbox = queue.SimpleQueue()
        conn, epoch, outbox = self._conn, self._epoch, self._outbox
        self._reader = threading.Thread(target=self._read, args=(conn, epoch), daemon=True,
                                        name="roadmap-planner-results")
        self._reader.start()
        self._writer = threading.Thread(target=self._write, args=(conn, epoch, outbox), daemon=True,
                                        name="roadmap-planner-requests")
        self._writer.start()

    def _read(self, conn, epoch: int) -> None:
        while True:
            try:
                message = conn.recv()
            except (EOFError, OSError):
                self._lost.emit(epoch)  # ignored when the app stopped it on purpose
                return
            self._received.emit(message)

    def _write(self, conn, epoch: int, outbox) -> None:
        while (message := outbox.get()) is not _STOP:
            try:
                conn.send(message)
            except (OSError, ValueError):
                self._lost.emit(epoch)
                return

    def _on_lost(self, epoch: int) -> None:
        """On the GUI thread: the worker of `epoch` died. Its jobs fail, a new one starts."""
        if epoch != self._epoch or self._stopping or self._conn is None:
            return  # noticed twice (reader and writer), or stopped on purpose
        log.warning("the worker process died (exit code %s); starting a new one",
                    getattr(self._process, "exitcode", None))
        self._close_transport()
        self._catalogs.clear()
        self._free = list(range(SLOTS - 1, -1, -1))
        for job in sorted(self._pending):
            self.failed.emit(job, "The background worker stopped unexpectedly before it finished; "
                             "please try again.", "", True)
        self._pending.clear()
        self._cancelled.clear()
        self.start()
        self.restarted.emit(LOST)

    def _close_transport(self) -> None:
        self._outbox.put(_STOP)
        try:
            self._conn.close()
        except OSError:
            pass
        self._conn = None

    def shutdown(self) -> None:
        if self._conn is None:
            return
        self._stopping = True
        self._outbox.put(("quit",))
        self._outbox.put(_STOP)
        self._writer.join(10)
        if self.mode == "process":
            self._process.join(10)  # a PDF being written is finished first
            if self._process.is_alive():
                self._process.terminate()
                self._process.join(3)
        else:
            self._process.join(3)
        self._conn.close()
        self._reader.join(3)
        self._conn = None
        self._pending.clear()

    # -- requests ---------------------------------------------------------------------------

    def next_id(self) -> int:
        return next(self._ids)

    def attach(self, key: str, catalog) -> None:
        """Hand a plan's catalog over once; jobs then name it by `key`."""
        self.start()
        if key not in self._catalogs:
            slot = self._free.pop() if self._free else 0
            self._catalogs[key] = slot
            self._latest[slot] = 0
            self._send(("catalog", key, catalog))

    def detach(self, key: str) -> None:
        slot = self._catalogs.pop(key, None)
        if slot is not None and self._conn is not None:
            self._latest[slot] = 0
            self._free.append(slot)
            self._send(("forget", key))

    def improve(self, key: str, generation: int, state, scenario) -> None:
        slot = self._catalogs[key]
        self._latest[slot] = generation
        self._send(("improve", generation, slot, key, state, scenario))

    def cancel(self, key: str) -> None:
        """Stop the plan's running search: its generation is no longer wanted."""
        if key in self._catalogs and self._conn is not None:
            self._latest[self._catalogs[key]] = 0

    def cancel_job(self, job: int) -> None:
        """Nobody waits for `job` any more: the worker skips it, or stops it if it runs
        (a comparison), and sends no answer."""
        self._pending.discard(job)
        self._cancelled.add(job)  # an answer already on its way is dropped in _dispatch
        if self._conn is not None:
            self._latest[CANCELLED] = job
            self._send(("cancel", job))

    def run(self, kind: str, key: str, *args) -> int:
        """A PDF ("pdf": state, scenario, path, paper, workshop record or None) or a comparison ("compare": state)."""
        job = self.next_id()
        self._pending.add(job)
        self._send((kind, job, key, *args))
        return job

    def _send(self, message) -> None:
        """Queue a message for the writer thread: never waits on the pipe."""
        self.start()
        self._outbox.put(message)

    def _dispatch(self, message) -> None:
        kind = message[0]
        if kind == "improved":
            self.improved.emit(message[1], message[2], message[3])
        elif kind in ("done", "failed"):
            job = message[1]
            self._pending.discard(job)
            if job in self._cancelled:  # cancelled after the worker had finished it
                self._cancelled.discard(job)
            elif kind == "done":
                self.done.emit(job, message[2])
            else:
                self.failed.emit(job, message[2], message[3], message[4])
        elif kind == "improve-failed":  # a generation, not a job
            self.failed.emit(message[1], message[2], message[3], message[4])


def shared_worker() -> Worker:
    """The app's one worker, stopped when the app quits (or the interpreter exits)."""
    app = QCoreApplication.instance()
    worker = getattr(app, "_planner_worker", None)
    if worker is None:
        import atexit

        worker = Worker(app)
        app._planner_worker = worker
        app.aboutToQuit.connect(worker.shutdown)
        atexit.register(worker.shutdown)
    return worker
