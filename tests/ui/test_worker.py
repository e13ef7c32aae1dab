"""The worker: jobs in a separate process (or, when none can start, on a thread), stale
searches stopped, failures reported."""

from __future__ import annotations

from dataclasses import replace

import pytest

from planner.roadmap.engine import plan_roadmap
from planner.ui import edits
from planner.ui.document import PlanDocument
from planner.ui.worker import Worker, shared_worker

from .conftest import improved


@pytest.fixture(params=["process", "thread"])
def worker(request, qtbot):
    if request.param == "process":
        yield shared_worker()
        return
    own = Worker(use_process=False)
    yield own
    own.shutdown()


def test_a_plan_is_improved_by_the_worker(worker, demo_path, qtbot):
    doc = PlanDocument.open(demo_path, worker=worker)
    try:
        improved(qtbot, doc)
        assert worker.mode in ("process", "thread") and (worker.mode == "thread") == (not worker.use_process)
        assert doc.roadmap.objective == plan_roadmap(doc.catalog, doc.state).objective
        edits.set_target(doc, "model_monitoring", 3)
        improved(qtbot, doc)
        assert any(i.capability == "model_monitoring" for i in doc.roadmap.items)
    finally:
        doc.close()


def test_a_failing_job_is_reported_not_lost(worker, document, qtbot):
    worker.attach("broken", document.catalog)
    try:
        with qtbot.waitSignal(worker.failed) as blocker:
            job = worker.run("no such job", "broken", document.state)
        assert blocker.args[0] == job and "unknown job" in blocker.args[1] and blocker.args[3] is False
        bad = replace(document.state, active="no such assessment")
        generation = worker.next_id()
        with qtbot.waitSignal(worker.failed, check_params_cb=lambda g, *_: g == generation) as blocker:
            worker.improve("broken", generation, bad, None)
        assert "Traceback" in blocker.args[2]
    finally:
        worker.detach("broken")


def test_an_unexpected_planning_failure_reaches_the_crash_signal(document, qtbot):
    with qtbot.waitSignal(document.crashed) as blocker:
        document._state = replace(document.state, active="no such assessment")  # as a corrupted state would
        document._request = (document.generation, document._state, None)
        document._start_improving()
    assert "KeyError" in blocker.args[0]


def test_a_killed_worker_is_noticed_restarted_and_the_plan_replanned(demo_window, qtbot):
    """SIGKILL the worker process: the app says so, starts a new one, and the plan is
    improved again; a PDF job it had is reported failed, not left waiting for ever."""
    import os
    import signal

    document = demo_window.document
    improved(qtbot, document)
    worker = document.worker
    old = worker._process
    edits.set_target(document, "model_monitoring", 3)  # an improvement on its way
    job = worker.run("pdf", document._key, None, document.state, None, str(demo_window.document.path) + ".pdf",
                     "a4", None)
    with qtbot.waitSignal(worker.restarted, timeout=20_000), \
            qtbot.waitSignal(worker.failed, check_params_cb=lambda j, *_: j == job, timeout=20_000):
        os.kill(old.pid, signal.SIGKILL)
    assert worker._process is not old and worker._process.is_alive()
    assert "restarted" in demo_window.statusBar().currentMessage()
    improved(qtbot, document)
    assert any(i.capability == "model_monitoring" for i in document.roadmap.items)
    assert document.roadmap.objective == plan_roadmap(document.catalog, document.state).objective


def test_sending_never_waits_on_the_pipe(document, qtbot, tmp_path):
    """While the worker builds a PDF it reads nothing; a catalog (about 270 KB) is more
    than the pipe holds. Sending it used to block the GUI thread until the PDF was done."""
    worker = document.worker
    pdf = tmp_path / "case.pdf"
    job = document.run_job("pdf", None, pdf, "a4", None)
    for n in range(4):
        worker.attach(f"another plan {n}", document.catalog)  # each returns at once
    assert not pdf.exists()  # the PDF is still being built: nothing waited for it
    with qtbot.waitSignal(worker.done, check_params_cb=lambda j, _: j == job, timeout=30_000):
        pass
    assert pdf.exists()
    for n in range(4):
        worker.detach(f"another plan {n}")
