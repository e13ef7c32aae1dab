"""`roadmap-planner report ...`: the investment-case PDF."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_commands(commands) -> None:
    report = commands.add_parser("report", help="export the investment-case PDF",
                                 description="Export the investment-case PDF of a plan, or of the demo plan.")
    report.add_argument("path", metavar="PLAN", nargs="?")
    report.add_argument("--demo", action="store_true", help="report on a fresh demo plan (no PLAN needed)")
    report.add_argument("-o", "--output", metavar="OUT.pdf", required=True, type=Path)
    report.add_argument("--paper", choices=("a4", "letter"), default="a4")
    report.add_argument("--scenario", metavar="NAME", help="report on a saved scenario")
    report.add_argument("--workshop", metavar="YYYY-MM-DD", nargs="?", const="today",
                        help="add a workshop's results (votes, disagreement, teams, the day's notes); "
                             "the day it was held, today if not given")
    report.set_defaults(run=run_report)


def run_report(args: argparse.Namespace) -> int:
    import tempfile

    from .progress import progress
    from .report.data import gather
    from .report.document import ReportTooLarge, build_pdf
    from .store.demo import build_demo
    from .store.paths import output_path
    from .store.planfile import PlanFile, PlanFileError

    if args.demo:
        with tempfile.TemporaryDirectory() as tmp, build_demo(Path(tmp) / "demo.mlplan") as plan:
            catalog, state = plan.catalog, plan.state
    elif args.path:
        with PlanFile.open(args.path, read_only=True) as plan:
            catalog, state = plan.catalog, plan.state
    else:
        raise PlanFileError("name a plan file, or use --demo")
    if args.scenario is not None and args.scenario not in state.scenarios:
        raise PlanFileError(f"there is no scenario named '{args.scenario}' "
                            f"(scenarios: {', '.join(state.scenarios) or 'none'})")
    output_path(args.output, "report")
    workshop = _workshop(args.workshop)
    variants = len(state.scenarios)
    progress(f"planning the roadmap{f' and its {variants} scenario(s)' if variants else ''}…")
    data = gather(catalog, state, args.scenario, workshop=workshop)
    progress(f"writing {args.output}…")
    try:
        pages = build_pdf(data, args.output, args.paper)
    except OSError as exc:
        raise PlanFileError(f"{args.output}: cannot write the report ({exc.strerror})") from None
    except ReportTooLarge as exc:
        raise PlanFileError(f"{args.output}: not written: {exc}") from None
    print(f"wrote {args.output} ({pages} pages, {args.paper.upper() if args.paper == 'a4' else 'US Letter'})")
    return 0


def _workshop(value: str | None):
    from datetime import date

    from .assessment.workshop import SessionRecord
    from .store.planfile import PlanFileError

    if value is None:
        return None
    try:
        held = date.today() if value == "today" else date.fromisoformat(value)
    except ValueError:
        raise PlanFileError(f"--workshop {value}: not a date; give the day it was held as YYYY-MM-DD") from None
    return SessionRecord(held)
