"""Mutation testing of the core, outside CI: mutmut changes the code one small mutation
at a time (an operator, a constant, a comparison) and runs the tests that reach the
changed function; a mutant the tests do not notice "survives". Prints the kill rate per
package (target: at least 85%) and lists the survivors, so each can be killed by a test
or explained.

    pip install mutmut==3.8.1
    python benchmarks/mutation.py [assessment] [roadmap] [commands] [--max-children 2] [--keep] [--files GLOB ...]

It works on a copy of the repository in a temporary folder (mutmut writes `mutants/`
and its cache there), with the core's tests only: the Qt tests and those that start
subprocesses run the unmutated code, so they would only make the run longer.

Survivors kept, and why (each is an equivalent mutant: no input tells it apart):
- A column name or an SQL keyword in another case (`{"VALUE": ...}`, `select ... from`):
  SQLite ignores the case of identifiers, so the same column is written and read.
- StepId.parse with rpartition for partition: text with two dashes fails either way, as
  one side then holds a dash, which is no digit.
- work_items' steps dictionary holding "" for None: it is an ordered set; values are
  never read.
- SaveScenario._check without PinItem's `excluded`: the check keeps only PinItem's
  refusals, and none of them depends on `excluded`.
- agenda's place for a capability whose dimension the catalog lacks: the catalog's
  validator refuses such a capability, so the default is never used.
- effective_targets' `changed = None` for False, and current_levels' `votes.get(cap, None)`
  for `()`: both are falsy or "no votes" alike (consensus of nothing is None).
- crosswalk passing None for the catalog: attainment takes the catalog but does not read it.
- diagnose.precheck: `stretched_by` starting as another text (it is read only after a
  stretch sets it); `needed >= duration` (it re-sets the same duration; only which of two
  equally short roles a step names can change); `break` after a role with no capacity
  (the plan is refused for that role either way). diagnose._words with another text for
  no resource: the kinds without a resource do not use it.
- steps (items and diagnose), 14 of 425 against their tests (411 killed, 97%; two by tests
  written after the run, each checked by hand): the total budget's check a millionth from
  the limit (`<`); a role's rate defaulting to 1 or nothing (every role has a rate: the
  defaults cover the catalog's roles and a plan's rates are laid over them); the cheapest
  approach of a step with no estimate at all (every step has one: the catalog's validator
  asks for build); and the diagnose and items survivors above.
- outputs (render, progress, scenarios, model), 13 of 786 against their tests (773 killed,
  98%, after a rerun of the survivors with the tests they prompted): the thread pool of
  plan_variants (below); "late" for a slip of 0 (never worded: no slip, no words); a step
  done in the first period without a start day (`max(1, ...)` is undone by the `min` with
  its last period); no slip written as None in the CSV (a cell of None is empty too).
- explain, 17 of 363 against its fast tests (345 killed, 95%): the horizon of the room
  left (finish +- the longest step, + 25 or 26: any horizon past the last start serves);
  the room of a role the usage lacks (the engine's usage holds every role); waiting counted
  for 24 or 25 periods (at most three are named); a prerequisite done in period 0 (none
  is: a step lasts a period or more); the budget need of a step that costs nothing (0,
  which never overflows); `<` against `<=` at a hair's breadth (EPS) from the capacity; a
  step's own period `end` (past its last) counted as its own; the budget on the critical
  path without a budget (only steps that cost money carry it) or for costs under 1; a
  milestone's `when` starting at 1 (every level above today's has a step to wait for); a
  reason stripped of trailing X as well as full stops.
- settings, 9 of 550 against its tests (541 killed, 98%): comparisons of the time units
  as `<=` for `<` (equal units return before they are compared); the end of a list
  computed without its unit (start_of falls back to months) or with at least two periods
  (both only add repeats of the last value, which are folded); per_period=None for False;
  a scaled amount snapped at exactly a millionth (`<=`); the rates' horizon in the rates
  branch (None or left out: the horizon setting replaces it on the next line); getattr
  without a default for a role's team_cap (every Role has one).
- options, 17 of 640 against its tests (623 killed, 97%; the last 4 by tests written after the
  rerun, each checked to fail on its mutant by hand): the default of a hosting's
  clouds, of an option's reach and of a first rationale (every hosting is a key of
  HOSTING_CLOUDS, options_for yields only options that cover the capability, and each
  rationale is replaced before it is returned); `<` for `<=` a millionth from a limit
  (open source's 25%, a cheaper candidate); a cheaper candidate by less than one unit of
  money (totals differ by whole units of the rates); the bundles' saving rounded to 7
  places or none (savings are whole or half units); `break` for the `continue` after a
  platform without an estimate (none lacks one).
- plan_variants' thread pool (its size, its threads' names, planning two variants side
  by side or one by one): each variant's work is counted, so its roadmap is the same
  either way (tests/test_reproducible.py); only the time differs.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# What each target mutates and the tests that guard it.
TARGETS = {
    "assessment": (["planner/assessment/*"], ["tests/assessment"]),
    # Leaves out the PSPLIB and foreign-catalog tests (minutes) and the two slowest core
    # tests (the 30 s constraint fuzzer and the 54-step proof): every surviving mutant runs
    # every test that reaches it, so they would make the run hours longer.
    "roadmap": (["planner/roadmap/*.py"],
                ["tests/roadmap", "-k", "not psplib and not foreign_catalog and not random_constraints"
                 " and not 54_steps"]),
    # One file of the roadmap target against its fast core tests (word-for-word reasons, the
    # outputs, progress, diagnoses): a lower bound on what the whole roadmap suite kills, in
    # a fraction of its time (each mutant of explain() otherwise reruns every roadmap test).
    "explain": (["planner/roadmap/explain.py"],
                ["tests/roadmap/test_explain.py", "tests/roadmap/test_outputs.py", "tests/roadmap/test_progress.py",
                 "tests/roadmap/test_diagnosis_words.py"]),
    # The same for the roadmap's settings (reading, checking, converting between units),
    # against the tests that read, write and convert them.
    "settings": (["planner/roadmap/settings.py"],
                 ["tests/roadmap/test_settings.py", "tests/roadmap/test_cli_inputs.py", "tests/store/test_commands.py",
                  "tests/roadmap/test_outputs.py", "tests/roadmap/test_diagnosis_words.py",
                  "tests/roadmap/test_progress.py"]),
    # The options (build, adopt or buy, their cost, the recommendation and bundles) against
    # their own tests, the catalog's facts and the outputs that print them.
    "options": (["planner/roadmap/options.py"],
                ["tests/roadmap/test_options.py", "tests/catalog/test_catalog_truth.py",
                 "tests/roadmap/test_outputs.py"]),
    # The roadmap's outputs (JSON, text, CSV), progress, scenarios and the result types
    # against the tests that read those outputs back.
    "outputs": (["planner/roadmap/render.py", "planner/roadmap/progress.py", "planner/roadmap/scenarios.py",
                 "planner/roadmap/model.py"],
                ["tests/roadmap/test_outputs.py", "tests/roadmap/test_progress.py", "tests/roadmap/test_explain.py",
                 "tests/roadmap/test_cli_inputs.py", "tests/roadmap/test_diagnosis_words.py"]),
    # A roadmap's steps from the catalog and the plan (items) and the diagnosis of a plan
    # that cannot be met, against their own tests and the command line's.
    "steps": (["planner/roadmap/items.py", "planner/roadmap/diagnose.py"],
              ["tests/roadmap/test_items.py", "tests/roadmap/test_diagnosis_words.py", "tests/roadmap/test_explain.py",
               "tests/roadmap/test_cli_inputs.py"]),
    # The engine (catalog and plan state to a roadmap) against the core tests that plan
    # roadmaps, less the slow ones left out of the roadmap target.
    "engine": (["planner/roadmap/engine.py"],
               ["tests/roadmap/test_outputs.py", "tests/roadmap/test_progress.py", "tests/roadmap/test_explain.py",
                "tests/roadmap/test_roadmap.py", "tests/roadmap/test_diagnosis_words.py", "tests/roadmap/test_items.py",
                "-k", "not 54_steps"]),
    # Leaves out the tests that start and kill processes of their own: mutmut waits for
    # its children with os.wait, which reaps theirs too (KeyError in its runner).
    "commands": (["planner/store/commands.py", "planner/store/commands_base.py", "planner/store/roadmap_commands.py"],
                 ["tests/store", "--ignore=tests/store/test_crash_safety.py", "tests/roadmap/test_cli_inputs.py"]),
}


def config(only: list[str], tests: list[str]) -> str:
    quoted = ", ".join(json.dumps(t) for t in tests)
    return "\n".join([
        "[tool.mutmut]",
        'source_paths = ["planner"]',
        'also_copy = ["capability_catalog", "resources", "docs", "packaging", "README.md"]',
        f"only_mutate = [{', '.join(json.dumps(o) for o in only)}]",
        f"pytest_add_cli_args_test_selection = [{quoted}]",
        'pytest_add_cli_args = ["-q", "-p", "no:cacheprovider", "-x"]',
        "mutate_only_covered_lines = true",
        "",
    ])


def run(name: str, children: int, keep: bool, files: list[str]) -> tuple[int, int, list[str]]:
    only, tests = TARGETS[name]
    only = files or only
    with _folder(f"mutation-{name}-", keep) as tmp:
        work = Path(tmp) / "repo"
        shutil.copytree(ROOT, work, ignore=shutil.ignore_patterns(".git", ".venv", "mutants", "__pycache__", "build",
                                                                  "dist", "*.egg-info"))
        pyproject = work / "pyproject.toml"
        pyproject.write_text(pyproject.read_text() + "\n" + config(only, tests))
        env = {"QT_QPA_PLATFORM": "offscreen", "PYTHONDONTWRITEBYTECODE": "1", "PATH": os.environ.get("PATH", ""),
               "HOME": tmp, "ROADMAP_PLANNER_HOME": str(Path(tmp) / "home")}
        subprocess.run([sys.executable, "-m", "mutmut", "run", "--max-children", str(children)], cwd=work, env=env,
                       stdout=subprocess.DEVNULL)
        listing = subprocess.run([sys.executable, "-m", "mutmut", "results", "--all", "true"], cwd=work, env=env,
                                 capture_output=True, text=True).stdout
        if keep:
            print(f"{name}: mutants kept in {work} (`python -m mutmut show NAME` there)")
    return _count(listing)


@contextlib.contextmanager
def _folder(prefix: str, keep: bool):
    """A temporary folder, left in place when `keep`."""
    if keep:
        yield tempfile.mkdtemp(prefix=prefix)
    else:
        with tempfile.TemporaryDirectory(prefix=prefix) as tmp:
            yield tmp


def _count(listing: str) -> tuple[int, int, list[str]]:
    """(killed, total, survivors) from `mutmut results --all true`: one `name: status` a line."""
    killed, total, survivors = 0, 0, []
    for line in listing.splitlines():
        if ":" not in line:
            continue
        mutant, status = (part.strip() for part in line.rsplit(":", 1))
        if status in ("not checked", "skipped"):
            continue
        total += 1
        if status in ("killed", "timeout", "segfault"):
            killed += 1
        elif status in ("survived", "no tests", "suspicious"):
            survivors.append(f"{mutant} ({status})")
    return killed, total, survivors


def package(target: str) -> str:
    """The package a target's files belong to: the per-file roadmap targets add up to it."""
    return target if target in ("assessment", "roadmap", "commands") else "roadmap"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("targets", nargs="*", default=list(TARGETS), choices=list(TARGETS))
    parser.add_argument("--max-children", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep the copy, to show or rerun mutants")
    parser.add_argument("--files", nargs="+", default=[], metavar="GLOB",
                        help="mutate only these files of the target (planner/roadmap/items.py): a full roadmap run "
                             "makes about 2,800 mutants and takes about half a day on 2 cores")
    args = parser.parse_args()
    worst = 1.0
    packages: dict[str, tuple[int, int]] = {}
    for name in args.targets:
        killed, total, survivors = run(name, args.max_children, args.keep, args.files)
        rate = killed / total if total else 0.0
        worst = min(worst, rate)
        print(f"{name}: {killed} of {total} mutants killed ({rate:.0%}; target at least 85%)", flush=True)
        for survivor in survivors:
            print(f"    survived: {survivor}")
        done = packages.get(package(name), (0, 0))
        packages[package(name)] = (done[0] + killed, done[1] + total)
    for name, (killed, total) in packages.items():
        print(f"package {name} (the targets run): {killed} of {total} killed "
              f"({killed / total if total else 0.0:.0%})")
    return 0 if worst >= 0.85 else 1


if __name__ == "__main__":
    sys.exit(main())
