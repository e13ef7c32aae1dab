"""The worker process's side (no Qt here): it improves roadmaps, builds PDFs and compares
scenarios, one job at a time, and answers over a pipe.

Messages in (tuples):
    ("catalog", key, catalog)                  keep a catalog for the jobs that name it
    ("forget", key)                            drop it (its plan was closed)
    ("improve", generation, slot, key, state, scenario)
    ("pdf", job, key, state, scenario, path, paper, workshop)
    ("compare", job, key, state)
    ("quit",)
Messages out:
    ("improved", generation, roadmap or None, diagnosis)
    ("done", job, result)
    ("failed", job or generation, message, details, user_error)

Only the newest improve request of each plan is worked on. `latest` (shared memory) holds,
per plan slot, the generation the GUI wants; a search whose generation is no longer
wanted stops at once.
"""

from __future__ import annotations

import traceback


def serve(conn, latest) -> None:
    from .catalog.problems import CatalogError
    from .roadmap.engine import plan_roadmap
    from .roadmap.model import InfeasiblePlan
    from .store.planfile import PlanFileError

    user_errors = (InfeasiblePlan, PlanFileError, CatalogError, OSError)
    catalogs: dict[str, object] = {}
    while True:
        try:
            queue = [conn.recv()]
            while conn.poll():
                queue.append(conn.recv())
        except (EOFError, OSError):
            return  # the app has gone
        newest: dict[str, tuple] = {}  # plan key -> its newest improve request
        for message in queue:
            kind = message[0]
            if kind == "quit":
                return
            if kind == "improve":
                newest[message[3]] = message
            elif kind == "catalog":
                catalogs[message[1]] = message[2]
            elif kind == "forget":
                catalogs.pop(message[1], None)
            else:
                _job(conn, message, catalogs, user_errors)
        for _, generation, slot, key, state, scenario in newest.values():
            if latest[slot] != generation or key not in catalogs:
                continue  # superseded already
            try:
                roadmap = plan_roadmap(catalogs[key], state, scenario, improve=True,
                                       stop=lambda g=generation, s=slot: latest[s] != g)
                reply = ("improved", generation, roadmap, [])
            except InfeasiblePlan as exc:
                reply = ("improved", generation, None, list(exc.diagnosis))
            except Exception as exc:  # reported to the GUI, which shows the crash dialog
                reply = ("failed", generation, str(exc), traceback.format_exc(), False)
            if latest[slot] == generation:
                conn.send(reply)


def _job(conn, message, catalogs, user_errors) -> None:
    kind, job, key = message[0], message[1], message[2]
    try:
        if key not in catalogs:
            raise RuntimeError("the plan of this job was closed")
        if kind == "pdf":
            from .report.data import gather
            from .report.document import build_pdf

            state, scenario, path, paper, workshop = message[3:]
            result = build_pdf(gather(catalogs[key], state, scenario, workshop=workshop), path, paper)
        elif kind == "compare":
            from .roadmap.scenarios import compare_scenarios

            result = compare_scenarios(catalogs[key], message[3])
        else:
            raise ValueError(f"unknown job {kind!r}")
        conn.send(("done", job, result))
    except user_errors as exc:
        text = f"{exc.filename}: {exc.strerror}" if isinstance(exc, OSError) and exc.filename else str(exc)
        conn.send(("failed", job, text, traceback.format_exc(), True))
    except Exception as exc:
        conn.send(("failed", job, str(exc), traceback.format_exc(), False))
