"""`roadmap-planner roadmap ...`: generate, explain and compare roadmaps."""

from __future__ import annotations

import argparse

from . import jsonio


def add_commands(commands) -> None:
    roadmap = commands.add_parser("roadmap", help="generate the sequenced roadmap of a plan",
                                  description="Generate the roadmap of a plan. 'roadmap compare PLAN' "
                                  "compares the plan with its scenarios.")
    roadmap.add_argument("path", metavar="PLAN", nargs="?")
    roadmap.add_argument("--demo", action="store_true", help="plan a fresh demo plan (no PLAN needed)")
    roadmap.add_argument("--json", action="store_true")
    roadmap.add_argument("--scenario", metavar="NAME", help="apply a saved scenario")
    roadmap.add_argument("--heuristic", action="store_true", help="instant heuristic only, no improvement stage")
    roadmap.add_argument("--exact", action="store_true",
                         help="also run OR-Tools CP-SAT (needs the 'optimize' extra) to prove optimality")
    roadmap.set_defaults(run=run_roadmap)

    scenarios = commands.add_parser("scenarios", help="compare a plan's scenarios side by side")
    scenarios.add_argument("path", metavar="PLAN")
    scenarios.add_argument("--json", action="store_true")
    scenarios.set_defaults(run=run_scenarios)


def _plan(args, path):
    """The catalog and state of PLAN, or of a fresh demo plan with --demo."""
    import tempfile
    from pathlib import Path

    from .store.demo import build_demo
    from .store.planfile import PlanFile, PlanFileError

    if getattr(args, "demo", False):
        with tempfile.TemporaryDirectory() as tmp, build_demo(Path(tmp) / "demo.mlplan") as plan:
            return plan.catalog, plan.state
    if not path:
        raise PlanFileError("name a plan file, or use --demo")
    with PlanFile.open(path, read_only=True) as plan:
        return plan.catalog, plan.state


def run_roadmap(args: argparse.Namespace) -> int:
    from .roadmap.render import roadmap_json, roadmap_text

    import sys

    from .result import compute
    from .roadmap.model import InfeasiblePlan
    from .roadmap.scheduling.exact import available

    if not args.demo and not args.path:
        print("roadmap-planner: name a plan file, or use --demo", file=sys.stderr)
        return 2
    if args.exact and not available():
        print("roadmap-planner: --exact needs OR-Tools (pip install 'mlops-roadmap-planner[optimize]'); "
              "planning without it", file=sys.stderr)
    catalog, state = _plan(args, args.path)
    result = compute(catalog, state, args.scenario, improve=not args.heuristic, exact=args.exact)
    if result.roadmap is None:
        if not args.json:
            raise InfeasiblePlan(list(result.diagnosis))
        print(jsonio.dumps({"ok": False, "diagnosis": list(result.diagnosis)}, indent=2, ensure_ascii=False))
        return 1
    if args.json:
        print(jsonio.dumps(roadmap_json(catalog, result.roadmap), indent=2, ensure_ascii=False))
    else:
        print(roadmap_text(catalog, result.roadmap))
    return 0


def run_scenarios(args: argparse.Namespace) -> int:
    from .roadmap.scenarios import compare_scenarios, comparison_text

    catalog, state = _plan(args, args.path)
    rows = compare_scenarios(catalog, state)
    if args.json:
        print(jsonio.dumps(rows, indent=2, ensure_ascii=False))
    else:
        print(comparison_text(rows, catalog.info.currency))
    return 0
