"""Command line: `roadmap-planner [gui|catalog ...]`.

With no arguments the desktop app opens. Subcommands do the headless work and print
user-facing errors with an exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Sequence

EXIT_OK = 0
EXIT_PROBLEMS = 1
EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="roadmap-planner",
        description="Assess MLOps maturity, sequence a roadmap and export an investment case.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    commands.add_parser("gui", help="open the desktop app (the default)")

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
        print(json.dumps({
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
    return EXIT_PROBLEMS if problems else EXIT_OK


def run_gui(args: argparse.Namespace) -> int:
    print("The desktop app is not built yet. Use the subcommands for now; "
          "run 'roadmap-planner --help' to list them.")
    return EXIT_OK


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    run = getattr(args, "run", run_gui)
    from .catalog.problems import CatalogError
    from .roadmap.model import InfeasiblePlan
    from .store.planfile import PlanFileError

    try:
        return run(args)
    except (PlanFileError, CatalogError, InfeasiblePlan) as exc:
        print(f"roadmap-planner: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
