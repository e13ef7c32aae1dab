"""Command line: `roadmap-planner [PLAN | --demo | COMMAND ...]`.

Without a command the desktop app opens (on PLAN, the demo, or the last plan).
Subcommands do the headless work and print user-facing errors with an exit code, never
a traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

from . import jsonio, words

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2


# Every command's name; tests/test_cli.py checks it against the parser. The app's start
# builds only the parser it needs (the full one takes some 10 ms).
COMMANDS = ("gui", "screenshot", "catalog", "plan", "roadmap", "scenarios", "report")


def build_parser(gui_only: bool = False) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="roadmap-planner",
        description="Assess MLOps maturity, sequence a roadmap and export an investment case. "
        "Without a COMMAND the desktop app opens: on PLAN, on the demo plan (--demo), or on the last plan.",
        usage="roadmap-planner [PLAN.mlplan | --demo]\n       roadmap-planner COMMAND ...",
    )
    parser.add_argument("--version", action=VersionAction)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", prog="roadmap-planner")

    from . import cli_gui

    cli_gui.add_commands(commands)
    if gui_only:
        return parser

    catalog = commands.add_parser("catalog", help="work with capability catalogs")
    catalog_commands = catalog.add_subparsers(dest="catalog_command", metavar="ACTION", required=True)
    validate = catalog_commands.add_parser(
        "validate",
        help="check a catalog directory and report every problem",
        description="Check a catalog directory. Prints every problem as FILE:LINE: message "
        "and exits 1, or prints a one-line summary and exits 0.",
    )
    validate.add_argument("directory", nargs="?", metavar="DIR",
                          help="catalog directory (default: the bundled MLOps catalog)")
    validate.add_argument("--json", action="store_true", help="print the result as JSON")
    validate.add_argument("--explain-frameworks", action="store_true",
                          help="also show, per framework level, what the dependencies add to what the "
                               "framework states, and why the catalog accepts it")
    validate.set_defaults(run=run_catalog_validate)

    from . import cli_plan

    cli_plan.add_commands(commands)

    from . import cli_roadmap

    cli_roadmap.add_commands(commands)

    from . import cli_report

    cli_report.add_commands(commands)
    return parser


def run_catalog_validate(args: argparse.Namespace) -> int:
    from .catalog.load import bundled_catalog_dir, load_catalog
    from .catalog.problems import CatalogError

    directory = args.directory or bundled_catalog_dir()
    try:
        catalog = load_catalog(directory)
    except CatalogError as exc:
        problems = exc.problems
        counts = None
    else:
        problems = []
        counts = catalog.counts()
    if args.json:
        print(jsonio.dumps({
            "ok": not problems,
            "directory": str(directory),
            "problems": [p.as_dict() for p in problems],
            "counts": counts or {key: 0 for key in ("capabilities", "dependencies", "frameworks", "options", "estimates")},
        }, indent=2))
    elif problems:
        for problem in problems:
            print(problem)
        sys.stdout.flush()
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {directory}", file=sys.stderr)
    else:
        assert counts is not None
        print(f"{catalog.info.title} {catalog.info.version}: OK - {counts['capabilities']} capabilities, "
              f"{counts['dependencies']} dependencies, {counts['frameworks']} frameworks, "
              f"{counts['options']} options, {counts['estimates']} estimates")
        if args.explain_frameworks and not args.json:
            print(explain_frameworks(catalog))
    return EXIT_PROBLEMS if problems else EXIT_OK


def explain_frameworks(catalog) -> str:
    """Each framework level: what it states, and what following the required dependencies
    adds, with the chain that adds it and the catalog's reason for accepting it."""
    from .catalog.frameworks import stated_levels, understated

    extras = understated(catalog)
    names = {c.id: c.name for c in catalog.capabilities}
    lines = []
    for framework, fl, stated in stated_levels(catalog):
        lines += ["", f"{words.framework_level(framework.name, fl.level)} ({fl.name}): states {len(stated)} capability levels"]
        here = [e for e in extras if (e.framework, e.level) == (framework.id, fl.level)]
        if not here:
            lines.append("  the dependencies add nothing")
        for extra in here:
            was = "not stated" if extra.stated is None else f"stated {extra.stated}"
            lines.append(f"  + {names[extra.capability]} at {extra.closure_level} ({was}): "
                         + " ".join(extra.because))
            lines.append(f"    accepted: {extra.accepted}" if extra.accepted else
                         "    NOT EXPLAINED: fix the edge (qualify it by level or make it optional), or add a "
                         "[[framework.unstated]] entry saying why the framework understates it")
    unexplained = sum(1 for e in extras if not e.accepted)
    lines += ["", f"{len(extras)} additions, {unexplained} not explained"]
    return "\n".join(lines)


class VersionAction(argparse.Action):
    """`--version`, worked out only when asked for (it reads the catalog's header)."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
        super().__init__(option_strings, dest, nargs=0, default=default,
                         help="print the app's and the bundled catalog's versions")

    def __call__(self, parser, namespace, values, option_string=None):
        print(version_text())
        parser.exit()


def version_text() -> str:
    """The app's version and the bundled catalog's, read without loading the catalog."""
    import tomllib

    from . import __version__
    from .resources import bundled_catalog_dir

    try:
        with open(bundled_catalog_dir() / "catalog.toml", "rb") as handle:
            info = tomllib.load(handle).get("catalog", {})
        catalog = f"catalog {info.get('version', '?')}, facts as of {info.get('facts_as_of', '?')}"
    except (OSError, tomllib.TOMLDecodeError):
        catalog = "bundled catalog not found"
    return f"roadmap-planner {__version__} ({catalog})"


class UnknownCommand(Exception):
    """The first word is neither a command nor a plan file: a typo, most likely."""


def gui_argv(argv: Sequence[str], commands: Sequence[str]) -> list[str]:
    """`roadmap-planner`, `roadmap-planner PLAN` and `roadmap-planner --demo` open the
    app: they are the `gui` command with its arguments. A first word that is no command,
    no option and no plan (`roadmp`) is refused by name, rather than opening the app."""
    argv = list(argv)
    if not argv or (argv[0] not in commands and argv[0] not in ("-h", "--help", "--version")):
        first = argv[0] if argv else ""
        if first and not first.startswith("-") and not first.endswith(".mlplan") and not Path(first).exists():
            import difflib

            close = difflib.get_close_matches(first, [c for c in commands if c != "gui"], n=1)
            hint = f"did you mean '{close[0]}'? " if close else ""
            raise UnknownCommand(f"'{first}' is not a command or a plan file; {hint}the commands are: "
                                 f"{', '.join(c for c in commands if c != 'gui')} (see roadmap-planner --help)")
        return ["gui", *argv]
    return argv


def main(argv: Sequence[str] | None = None) -> int:
    try:
        argv = gui_argv(sys.argv[1:] if argv is None else argv, COMMANDS)
    except UnknownCommand as exc:
        print(f"roadmap-planner: {exc}", file=sys.stderr)
        return EXIT_USAGE
    parser = build_parser(gui_only=argv[0] == "gui")
    args = parser.parse_args(argv)
    run = args.run
    try:
        return run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:
        if not is_user_error(exc):
            raise
        print(f"roadmap-planner: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS


def is_user_error(exc: Exception) -> bool:
    """Errors worded for the user. The classes are imported only when something failed,
    so that starting the desktop app does not wait for the core's imports."""
    from .catalog.problems import CatalogError
    from .roadmap.model import InfeasiblePlan
    from .store.planfile import PlanFileError

    return isinstance(exc, (PlanFileError, CatalogError, InfeasiblePlan))


if __name__ == "__main__":
    sys.exit(main())
