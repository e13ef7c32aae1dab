"""`roadmap-planner plan ...`: create, score, snapshot, import and export plans."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from . import jsonio


def add_commands(commands) -> None:
    plan = commands.add_parser("plan", help="create and work with plan files (.mlplan)")
    sub = plan.add_subparsers(dest="plan_command", metavar="ACTION", required=True)

    new = sub.add_parser("new", help="create a plan file")
    new.add_argument("path", metavar="PATH")
    new.add_argument("--demo", action="store_true", help="fill it with the demo organisation's plan")
    new.add_argument("--catalog", metavar="DIR", help="catalog directory (default: the bundled catalog)")
    new.set_defaults(run=run_new)

    score = sub.add_parser("score", help="scores and framework attainment")
    score.add_argument("path", metavar="PATH", nargs="?")
    score.add_argument("--demo", action="store_true", help="score a fresh demo plan (no PATH needed)")
    score.add_argument("--assessment", metavar="NAME", help="default: the plan's active assessment")
    score.add_argument("--json", action="store_true")
    score.set_defaults(run=run_score)

    imp = sub.add_parser("import", help="import assessments, evidence and votes (CSV or JSON)")
    imp.add_argument("path", metavar="PATH")
    imp.add_argument("file", metavar="FILE")
    imp.set_defaults(run=run_import)

    exp = sub.add_parser("export", help="export assessments, evidence and votes (.csv or .json)")
    exp.add_argument("path", metavar="PATH")
    exp.add_argument("file", metavar="FILE")
    exp.set_defaults(run=run_export)

    snap = sub.add_parser("snapshot", help="take a named snapshot of an assessment")
    snap.add_argument("path", metavar="PATH")
    snap.add_argument("name", metavar="NAME")
    snap.add_argument("--assessment", metavar="NAME")
    snap.set_defaults(run=run_snapshot)

    target = sub.add_parser("target", help="set a target level for a capability or a framework")
    target.add_argument("path", metavar="PATH")
    target.add_argument("name", metavar="CAPABILITY|FRAMEWORK",
                        help="a capability id, or with --framework a framework id (e.g. google)")
    target.add_argument("level", metavar="LEVEL", nargs="?", type=int, help="omit to clear the target")
    target.add_argument("--framework", action="store_true", help="NAME is a framework")
    target.set_defaults(run=run_target)

    use = sub.add_parser("use", help="choose the assessment that scores, roadmaps and reports use")
    use.add_argument("path", metavar="PATH")
    use.add_argument("assessment", metavar="ASSESSMENT")
    use.set_defaults(run=run_use)

    setting = sub.add_parser("set", help="set a roadmap setting (capacity, budget, start date, ...)",
                             description="Set a roadmap setting to a JSON value, e.g. "
                             "plan set PLAN capacity '{\"ml_engineering\": 3}'; without VALUE the setting "
                             "goes back to its default. Settings are listed in docs/roadmap.md.")
    setting.add_argument("path", metavar="PATH")
    setting.add_argument("key", metavar="KEY")
    setting.add_argument("value", metavar="VALUE", nargs="?", help="a JSON value; plain text is taken as a string")
    setting.set_defaults(run=run_set)

    listing = sub.add_parser("settings", help="list the roadmap settings in force, and where each comes from",
                             description="List every roadmap setting: its value in force, and whether the plan "
                             "(or the scenario) sets it or the default applies.")
    listing.add_argument("path", metavar="PATH")
    listing.add_argument("--scenario", metavar="NAME", help="the settings of a saved scenario")
    listing.add_argument("--json", action="store_true")
    listing.set_defaults(run=run_settings)

    choose = sub.add_parser("choose", help="choose build, adopt or buy (and the option) for a capability")
    choose.add_argument("path", metavar="PATH")
    choose.add_argument("capability", metavar="CAPABILITY")
    choose.add_argument("approach", metavar="APPROACH", nargs="?", choices=("build", "adopt", "buy"),
                        help="omit to go back to the engine's recommendation")
    choose.add_argument("option", metavar="OPTION", nargs="?")
    choose.set_defaults(run=run_choose)

    pin = sub.add_parser("pin", help="pin a roadmap item to a period, exclude it, or free it")
    pin.add_argument("path", metavar="PATH")
    pin.add_argument("item", metavar="ITEM", help="e.g. feature_store:1-2")
    group = pin.add_mutually_exclusive_group(required=True)
    group.add_argument("--period", type=int, help="start it in this period (0 = the first)")
    group.add_argument("--exclude", action="store_true", help="leave it (and what needs it) out")
    group.add_argument("--free", action="store_true", help="remove the pin or exclusion")
    pin.set_defaults(run=run_pin)

    progress = sub.add_parser("progress", help="record that a roadmap step started, is done or was dropped",
                              description="Record what became of a roadmap step. The roadmap then keeps what is "
                              "done where it happened and plans what is left from the plan's status date "
                              "(`plan set PATH status_date YYYY-MM-DD`; today when not set).")
    progress.add_argument("path", metavar="PATH")
    progress.add_argument("item", metavar="STEP", help="the step's id as `roadmap --json` gives it, e.g. cd:1-2")
    progress.add_argument("status", choices=("started", "done", "dropped", "clear"),
                          help="clear forgets what was recorded")
    progress.add_argument("--on", metavar="DATE", default="", help="the day it happened (YYYY-MM-DD; default today)")
    progress.set_defaults(run=run_progress)

    baseline = sub.add_parser("baseline", help="keep the roadmap's dates now as the baseline to track progress against")
    baseline.add_argument("path", metavar="PATH")
    baseline.add_argument("--clear", action="store_true", help="remove the baseline")
    baseline.set_defaults(run=run_baseline)

    deadline = sub.add_parser("deadline", help="set a deadline on a framework milestone")
    deadline.add_argument("path", metavar="PATH")
    deadline.add_argument("framework", metavar="FRAMEWORK", help="e.g. google")
    deadline.add_argument("level", metavar="LEVEL", type=int)
    deadline.add_argument("period", metavar="PERIOD", type=int, nargs="?",
                          help="the period it must be reached by; omit to remove the deadline")
    deadline.set_defaults(run=run_deadline)

    scenario = sub.add_parser("scenario", help="save or delete a named scenario",
                              description="Save a scenario from a JSON file with 'settings', 'decisions' "
                              "and 'pins' laid over the plan's own (see docs/roadmap.md), or delete it.")
    scenario.add_argument("path", metavar="PATH")
    scenario.add_argument("name", metavar="NAME")
    scenario_what = scenario.add_mutually_exclusive_group(required=True)
    scenario_what.add_argument("--from", dest="source", metavar="FILE", help="a JSON file")
    scenario_what.add_argument("--delete", action="store_true")
    scenario.set_defaults(run=run_scenario)

    snaps = sub.add_parser("snapshots", help="list an assessment's snapshots")
    snaps.add_argument("path", metavar="PATH")
    snaps.add_argument("--assessment", metavar="NAME")
    snaps.set_defaults(run=run_snapshots)

    compare = sub.add_parser("compare", help="which capabilities moved between two snapshots")
    compare.add_argument("path", metavar="PATH")
    compare.add_argument("before", metavar="SNAPSHOT")
    compare.add_argument("after", metavar="SNAPSHOT", nargs="?", default="now",
                         help="default: now, the current levels")
    compare.add_argument("--assessment", metavar="NAME")
    compare.add_argument("--json", action="store_true")
    compare.set_defaults(run=run_compare)

    upgrade = sub.add_parser("upgrade", help="move a plan to a newer catalog and report what changed")
    upgrade.add_argument("path", metavar="PATH")
    upgrade.add_argument("--catalog", metavar="DIR", help="the new catalog (default: the bundled one)")
    upgrade.add_argument("--dry-run", action="store_true", help="only report what would change")
    upgrade.set_defaults(run=run_upgrade)


def run_new(args: argparse.Namespace) -> int:
    from .store.demo import build_demo
    from .store.planfile import PlanFile

    plan = build_demo(args.path, args.catalog) if args.demo else PlanFile.create(args.path, args.catalog)
    with plan:
        print(f"created {args.path}: {len(plan.catalog.capabilities)} capabilities, "
              f"{len(plan.state.assessments)} assessment(s)")
    return 0


def run_score(args: argparse.Namespace) -> int:
    import tempfile

    from .assessment.assess import assess
    from .store.demo import build_demo
    from .store.planfile import PlanFile

    if args.demo:
        with tempfile.TemporaryDirectory() as tmp:
            build_demo(Path(tmp) / "demo.mlplan").close()
            args.path, args.demo = str(Path(tmp) / "demo.mlplan"), False
            return run_score(args)
    if not args.path:
        print("roadmap-planner: plan score needs PATH, or --demo")
        return 2
    with PlanFile.open(args.path, read_only=True) as plan:
        catalog, state = plan.catalog, plan.state
        chosen = _assessment(plan, args.assessment)
        scores = assess(catalog, state, chosen.name)
        if args.json:
            print(jsonio.dumps(score_json(catalog, state, scores, chosen), indent=2, ensure_ascii=False))
        else:
            print_scores(catalog, scores)
    return 0


def score_json(catalog, state, scores, chosen) -> dict:
    capabilities = []
    for cap in catalog.capabilities:
        entry = chosen.entries.get(cap.id)
        agreed = scores.consensus.get(cap.id)
        capabilities.append({
            "id": cap.id, "name": cap.name, "dimension": cap.dimension,
            "current": scores.current[cap.id], "target": scores.target(cap.id),
            "target_origin": scores.targets.origin[cap.id],
            "confidence": entry.confidence if entry else None,
            "not_applicable": bool(entry and entry.not_applicable),
            "priority": state.priorities.get(cap.id),
            "votes": None if agreed is None else {"median": agreed.median, "spread": agreed.spread,
                                                  "count": agreed.count, "disagreement": agreed.disagreement},
        })
    return {
        "plan": state.name, "organisation": state.organisation, "assessment": scores.assessment,
        "frameworks": [{"id": a.framework, "name": a.name, "now": a.now, "now_name": a.now_name,
                        "target": a.target, "target_name": a.target_name, "next_level": a.next_level,
                        "next_unmet": [{"capability": u.capability, "required": u.required, "current": u.current}
                                       for u in a.next_unmet]} for a in scores.frameworks],
        "dimensions": [{"id": d.dimension, "name": d.name, "mean_level": d.mean_level, "percent": d.percent,
                        "capabilities": d.capabilities} for d in scores.dimensions],
        "capabilities": capabilities,
        "raises": [{"capability": r.capability, "from": r.from_level, "to": r.to_level, "because": r.because,
                    "reason": r.reason} for r in scores.targets.raises],
    }


def print_scores(catalog, scores) -> None:
    print(f"Assessment: {scores.assessment}")
    print("\nFramework                          now                              target")
    for a in scores.frameworks:
        print(f"  {a.name:<32} {a.now} {a.now_name:<30} {a.target} {a.target_name}")
        if a.next_unmet:
            unmet = ", ".join(f"{catalog.capability(u.capability).name} at {u.required} (now {u.current})"
                              for u in a.next_unmet)  # worded as the app's dashboard says it
            print(f"    next level {a.next_level} needs: {unmet}")
    print("\nDimension                  mean level   % of scale")
    for d in scores.dimensions:
        mean = "n/a" if d.mean_level is None else f"{d.mean_level:.2f}"
        pct = "n/a" if d.percent is None else f"{d.percent:.0f}%"
        print(f"  {d.name:<24} {mean:>10} {pct:>11}")
    flagged = [cap for cap, c in scores.consensus.items() if c.disagreement]
    if flagged:
        print(f"\nDisagreement (votes 2+ levels apart): {', '.join(sorted(flagged))}")


def run_import(args: argparse.Namespace) -> int:
    from .store.commands import Apply
    from .store.exchange import import_rows, read_rows
    from .store.planfile import PlanFile

    with PlanFile.open(args.path) as plan:
        if plan.read_only:
            print(f"roadmap-planner: {plan.read_only_reason}")
            return 1
        changes = import_rows(plan, read_rows(Path(args.file)), args.file)
        Apply(changes, f"Import {Path(args.file).name}").apply(plan)  # one command, as every edit
        print(f"imported {len(changes)} change(s) from {args.file}")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from .store.exchange import write_export
    from .store.paths import output_path
    from .store.planfile import PlanFile, PlanFileError

    target = output_path(args.file, "export")
    with PlanFile.open(args.path, read_only=True) as plan:
        try:
            count = write_export(plan, target)
        except OSError as exc:
            raise PlanFileError(f"{target}: cannot write the export ({exc.strerror})") from None
    print(f"exported {count} row(s) to {args.file}")
    return 0


def run_snapshot(args: argparse.Namespace) -> int:
    from .store.commands import TakeSnapshot
    from .store.planfile import PlanFile

    with PlanFile.open(args.path) as plan:
        name = args.assessment or plan.state.active
        TakeSnapshot(name, args.name).apply(plan)
        print(f"snapshot '{args.name}' of assessment '{name}' taken")
    return 0


def run_upgrade(args: argparse.Namespace) -> int:
    from .store.commands import UpgradeCatalog
    from .store.planfile import PlanFile

    command = UpgradeCatalog(args.catalog)
    with PlanFile.open(args.path, read_only=args.dry_run) as plan:
        if args.dry_run:
            command.changes(plan)  # worked out, not written
        else:
            command.apply(plan)
        for line in command.report:
            print(line)
    print("(dry run: nothing was changed)" if args.dry_run else f"{args.path} now uses the new catalog")
    return 0


def _assessment(plan, name):
    """The named assessment (default: the active one), or a message listing the names."""
    from .store.planfile import PlanFileError

    try:
        return plan.state.assessment(name)
    except KeyError:
        names = ", ".join(a.name for a in plan.state.assessments)
        raise PlanFileError(f"no assessment named '{name}' (the plan has: {names})") from None


def run_snapshots(args: argparse.Namespace) -> int:
    from .store.planfile import PlanFile

    with PlanFile.open(args.path, read_only=True) as plan:
        assessment = _assessment(plan, args.assessment)
        if not assessment.snapshots:
            print(f"assessment '{assessment.name}' has no snapshots; take one with 'plan snapshot'")
        for snap in assessment.snapshots:
            print(f"{snap.taken_at}  {snap.name}")
    return 0


def run_compare(args: argparse.Namespace) -> int:
    from .assessment.scoring import current_levels
    from .assessment.snapshots import compare
    from .store.planfile import PlanFile, PlanFileError

    with PlanFile.open(args.path, read_only=True) as plan:
        assessment = _assessment(plan, args.assessment)
        snaps = {s.name: s.levels for s in assessment.snapshots}
        snaps.setdefault("now", current_levels(plan.catalog, assessment))
        for name in (args.before, args.after):
            if name not in snaps:
                raise PlanFileError(f"assessment '{assessment.name}' has no snapshot '{name}' "
                                    f"(it has: {', '.join(snaps)})")
        moves = compare(snaps[args.before], snaps[args.after])
        names = {c.id: c.name for c in plan.catalog.capabilities}
    if args.json:
        print(jsonio.dumps({"assessment": assessment.name, "before": args.before, "after": args.after,
                          "moved": [{"capability": m.capability, "before": m.before, "after": m.after,
                                     "delta": m.delta} for m in moves]}, indent=2))
        return 0
    print(f"{assessment.name}: {args.before} → {args.after}: {len(moves)} capabilities moved")
    for m in moves:
        show = lambda level: "n/a" if level is None else str(level)  # noqa: E731
        sign = "" if m.delta is None else f" ({m.delta:+d})"
        print(f"  {names.get(m.capability, m.capability):<32} {show(m.before)} → {show(m.after)}{sign}")
    return 0


def run_target(args: argparse.Namespace) -> int:
    from .store.commands import SetFrameworkTarget, SetTarget
    from .store.planfile import PlanFile

    command = (SetFrameworkTarget if args.framework else SetTarget)(args.name, args.level)
    with PlanFile.open(args.path) as plan:
        command.apply(plan)
    print(command.text if args.level is not None else f"target of {args.name} cleared")
    return 0


def _apply(path: str, command) -> int:
    from .store.planfile import PlanFile

    with PlanFile.open(path) as plan:
        if plan.read_only:
            print(f"roadmap-planner: {plan.read_only_reason}")
            return 1
        command.apply(plan)
    print(command.text)
    return 0


def run_use(args: argparse.Namespace) -> int:
    from .store.commands import SetActiveAssessment

    return _apply(args.path, SetActiveAssessment(args.assessment))


def run_set(args: argparse.Namespace) -> int:
    from .store.commands import SetSetting
    from .store.planfile import PlanFileError

    value = None
    if args.value is not None:
        try:
            value = jsonio.loads(args.value)
        except json.JSONDecodeError:
            value = args.value  # plain text, e.g. a date or a time unit
        except ValueError as exc:  # NaN, Infinity
            raise PlanFileError(f"{args.key} {args.value}: {exc}") from None
    return _apply(args.path, SetSetting(args.key, value))


def run_choose(args: argparse.Namespace) -> int:
    from .store.commands import ChooseOption

    return _apply(args.path, ChooseOption(args.capability, args.approach, args.option))


def run_pin(args: argparse.Namespace) -> int:
    from .store.commands import PinItem

    return _apply(args.path, PinItem(args.item, args.period, excluded=args.exclude))


def run_progress(args: argparse.Namespace) -> int:
    from .store.commands import SetProgress

    return _apply(args.path, SetProgress(args.item, None if args.status == "clear" else args.status, args.on))


def run_baseline(args: argparse.Namespace) -> int:
    from .roadmap.engine import plan_roadmap
    from .roadmap.model import InfeasiblePlan
    from .roadmap.progress import baseline_of
    from .store.commands import TakeBaseline
    from .store.planfile import PlanFile, PlanFileError

    if args.clear:
        return _apply(args.path, TakeBaseline(None))
    with PlanFile.open(args.path, read_only=True) as plan:
        catalog, state = plan.catalog, plan.state
    try:
        roadmap = plan_roadmap(catalog, state)
    except InfeasiblePlan as exc:
        raise PlanFileError(f"{args.path}: no roadmap to keep as a baseline: {'; '.join(exc.diagnosis)}") from None
    return _apply(args.path, TakeBaseline(baseline_of(roadmap)))


def run_deadline(args: argparse.Namespace) -> int:
    from .store.commands import SetDeadline

    return _apply(args.path, SetDeadline(args.framework, args.level, args.period))


def run_scenario(args: argparse.Namespace) -> int:
    from .store.commands import SaveScenario
    from .store.planfile import PlanFileError

    data = None
    if args.source:
        try:
            data = jsonio.loads(Path(args.source).read_text(encoding="utf-8-sig"))
        except json.JSONDecodeError as exc:
            raise PlanFileError(f"{args.source}: line {exc.lineno}: not valid JSON ({exc.msg})") from None
        except (OSError, ValueError) as exc:
            raise PlanFileError(f"{args.source}: cannot read the scenario ({exc})") from None
        if not isinstance(data, dict):
            raise PlanFileError(f"{args.source}: a scenario is a JSON object with settings, decisions and pins")
    return _apply(args.path, SaveScenario(args.name, data))


def run_settings(args: argparse.Namespace) -> int:
    from .roadmap.engine import inputs
    from .roadmap.model import InfeasiblePlan
    from .roadmap.settings import DATES, DEFAULTS, SettingsError, read_settings
    from .store.planfile import PlanFile, PlanFileError

    with PlanFile.open(args.path, read_only=True) as plan:
        catalog, state = plan.catalog, plan.state
    try:
        values = inputs(state, args.scenario)[0]
        settings = read_settings(catalog, values)
    except (InfeasiblePlan, SettingsError) as exc:
        raise PlanFileError(f"{args.path}: {'; '.join(getattr(exc, 'diagnosis', [])) or exc}") from None
    own = dict(state.scenarios[args.scenario].get("settings", {})) if args.scenario else {}
    in_force = {
        "start_date": settings.start_date.isoformat(), "time_unit": settings.time_unit,
        "capacity": {role: fte.plain() for role, fte in settings.capacity.items()},
        "budget_per_period": None if settings.budget_per_period is None else settings.budget_per_period.plain(),
        "budget_total": settings.budget_total, "horizon_years": settings.horizon_years,
        "rates": dict(settings.rates.weekly_cost),
        "preferences": {"prefer_open_source": settings.preferences.prefer_open_source,
                        "excluded_licences": sorted(settings.preferences.excluded_licences),
                        "clouds": sorted(settings.preferences.clouds),
                        "allow_unmaintained": settings.preferences.allow_unmaintained},
        "improve_schedules": settings.improve_schedules, "improve_nodes": settings.improve_nodes,
        "time_limit": settings.time_limit,
        "team_cap": dict(settings.team_cap),
        "status_date": None if settings.status_date is None else settings.status_date.isoformat(),
    }
    rows = []
    for key in [*DATES, *DEFAULTS]:
        origin = ("scenario" if key in own else "plan" if key in state.settings
                  else "default (next month)" if key == "start_date"
                  else "default (today, once progress is recorded)" if key == "status_date"
                  else "the catalog's" if key == "team_cap" else "default")
        rows.append({"key": key, "value": in_force[key], "from": origin})
    if args.json:
        print(jsonio.dumps({"scenario": args.scenario, "settings": rows}, indent=2, ensure_ascii=False))
        return 0
    width = max(len(r["key"]) for r in rows)
    for row in rows:
        value = row["value"]
        text = "none" if value is None else value if isinstance(value, str) else jsonio.dumps(value, ensure_ascii=False)
        print(f"{row['key']:<{width}}  {text}  ({row['from']})")
    return 0
