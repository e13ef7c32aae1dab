"""The worker process's side (no Qt here): it improves roadmaps, builds PDFs and compares
scenarios, one job at a time, and answers over a pipe.

Messages in (tuples):
    ("catalog", key, catalog)                  keep a catalog for the jobs that name it
    ("forget", key)                            drop it (its plan was closed)
    ("improve", generation, slot, key, state, scenario)
    ("pdf", job, key, result or None, state, scenario, path, paper, workshop)
    ("compare", job, key, state, roadmap or None)
    ("cancel", job)                            nobody waits for this job: skip it, send nothing
    ("quit",)
Messages out:
    ("improved", generation, roadmap or None, diagnosis)
    ("done", job, result)
    ("failed", job, message, details, user_error)
    ("improve-failed", generation, message, details, user_error)

Only the newest improve request of each plan is worked on. `latest` (shared memory) holds,
per plan slot, the generation the GUI wants; a search whose generation is no longer
wanted stops at once. A roadmap whose improvement the clock guard cut is not the answer:
the worker goes on with the guard lifted (LONG_GUARD) and answers with the roadmap the
counted work gives, the same as on any other machine.

A PDF job prints the result the app shows (`result`, sent without its catalog, which the
worker holds already). Without one (the PDF of a scenario not on screen) it computes the
result itself, as the CLI would.
"""

from __future__ import annotations

import traceback
from dataclasses import replace

LONG_GUARD = 600.0  # seconds: the guard once the regular one has cut an improvement
SLOTS = 64  # plans that can be improving at the same time: latest[0 .. SLOTS-1]
CANCELLED = SLOTS  # latest[CANCELLED]: the job last cancelled (a running comparison polls it)


def serve(conn, latest) -> None:
    from .catalog.problems import CatalogError
    from .roadmap.model import InfeasiblePlan
    from .store.planfile import PlanFileError

    from .report.document import ReportTooLarge

    user_errors = (InfeasiblePlan, PlanFileError, CatalogError, OSError, ReportTooLarge)
    catalogs: dict[str, object] = {}
    while True:
        try:
            queue = [conn.recv()]
            while conn.poll():
                queue.append(conn.recv())
        except (EOFError, OSError):
            return  # the app has gone
        newest: dict[str, tuple] = {}  # plan key -> its newest improve request
        cancelled = {m[1] for m in queue if m[0] == "cancel"}
        for message in queue:
            kind = message[0]
            if kind == "quit":
                return
            if kind == "cancel" or (kind in ("pdf", "compare") and message[1] in cancelled):
                continue
            if kind == "improve":
                newest[message[3]] = message
            elif kind == "catalog":
                catalogs[message[1]] = message[2]
            elif kind == "forget":
                catalogs.pop(message[1], None)
            else:
                _job(conn, message, catalogs, user_errors, lambda j=message[1]: latest[CANCELLED] == j)
        for _, generation, slot, key, state, scenario in newest.values():
            if latest[slot] != generation or key not in catalogs:
                continue  # superseded already
            reply = improve(catalogs[key], state, scenario, lambda g=generation, s=slot: latest[s] != g)
            if latest[slot] == generation:
                conn.send((reply[0], generation, *reply[1:]))


def improve(catalog, state, scenario, stop) -> tuple:
    """("improved", roadmap or None, diagnosis), or ("improve-failed", message, details, False)."""
    from .roadmap.engine import plan_roadmap
    from .roadmap.model import InfeasiblePlan

    try:
        roadmap = plan_roadmap(catalog, state, scenario, improve=True, stop=stop)
        if roadmap.cut and not stop():
            roadmap = plan_roadmap(catalog, state, scenario, improve=True, stop=stop, guard=LONG_GUARD)
        return ("improved", roadmap, [])
    except InfeasiblePlan as exc:
        return ("improved", None, list(exc.diagnosis))
    except Exception as exc:  # reported to the GUI, which shows the crash dialog
        return ("improve-failed", str(exc), traceback.format_exc(), False)


def _job(conn, message, catalogs, user_errors, cancelled) -> None:
    kind, job, key = message[0], message[1], message[2]
    try:
        if key not in catalogs:
            raise RuntimeError("the plan of this job was closed")
        catalog = catalogs[key]
        if kind == "pdf":
            from .report.data import report_data
            from .report.document import build_pdf
            from .result import compute

            shown, state, scenario, path, paper, workshop = message[3:]
            result = compute(catalog, state, scenario) if shown is None else replace(shown, catalog=catalog)
            result = build_pdf(report_data(result, workshop), path, paper)
        elif kind == "compare":
            from .roadmap.scenarios import compare_scenarios

            state, base = message[3:]
            result = compare_scenarios(catalog, state, base, stop=cancelled)
            if cancelled():
                return  # nobody waits for it
        else:
            raise ValueError(f"unknown job {kind!r}")
        conn.send(("done", job, result))
    except user_errors as exc:
        text = f"{exc.filename}: {exc.strerror}" if isinstance(exc, OSError) and exc.filename else str(exc)
        conn.send(("failed", job, text, traceback.format_exc(), True))
    except Exception as exc:
        conn.send(("failed", job, str(exc), traceback.format_exc(), False))
