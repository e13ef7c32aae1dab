"""Load-and-validate time for the bundled catalog and for a generated 1,000-capability one.

Run: python benchmarks/catalog_load.py
Targets on the 2-core reference machine: bundled <= 50 ms; 1,000 capabilities <= 1 s.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from planner.catalog.load import bundled_catalog_dir, load_catalog  # noqa: E402

ROLES = ("data_engineering", "ml_engineering", "platform", "data_science", "governance")


def generate(directory: Path, count: int) -> None:
    """A catalog shaped like the bundled one, `count` capabilities on a 0-4 scale, with
    dependencies, one framework, options and an estimate for every step and approach."""
    out = ['format = 1\n[catalog]\nid = "gen"\ntitle = "Generated"\nversion = "1"\nfacts_as_of = 2026-11-01\n',
           '[scale]\nfirst = 0\nnames = ["Absent", "Initial", "Repeatable", "Automated", "Optimized"]\n',
           '[[dimension]]\nid = "d"\nname = "D"\n[[source]]\nid = "S"\ntitle = "S"\n']
    out += [f'[[role]]\nid = "{r}"\nname = "{r}"\n' for r in ROLES]
    for i in range(count):
        out.append(f'[[capability]]\nid = "cap_{i}"\nname = "Capability {i}"\ndimension = "d"\n'
                   f'summary = "Generated capability number {i} for the load benchmark."\n')
        for level in range(5):
            criteria = "" if level == 0 else (
                f'criteria = ["Criterion A of level {level} is observably met", '
                f'"Criterion B of level {level} is observably met"]\n')
            out.append(f'[[capability.level]]\nlevel = {level}\n'
                       f'descriptor = "What level {level} of capability {i} looks like in one sentence."\n{criteria}')
    for i in range(1, count):
        for j in {i // 2, i // 3}:
            out.append(f'[[dependency]]\ncapability = "cap_{i}"\nlevel = {1 + i % 4}\nneeds = "cap_{j}"\n'
                       f'needs_level = {1 + j % 4}\nreason = "generated"\nsource = "S"\n')
    reqs = ", ".join(f'{{ capability = "cap_{i}", level = 3 }}' for i in range(0, count, 10))
    out.append(f'[[framework]]\nid = "f"\nname = "F"\nsource = "S"\n[[framework.level]]\nlevel = 0\nname = "zero"\n'
               f'[[framework.level]]\nlevel = 1\nname = "one"\nrequires = [{reqs}]\n')
    for i in range(0, count, 3):
        out.append(f'[[option]]\nid = "opt_{i}"\nname = "Option {i}"\nvendor = "V"\nlicence = "Apache-2.0"\n'
                   f'open_source = true\nhosting = ["self-hosted"]\nstatus = "active"\nstatus_as_of = 2026-11-01\n'
                   f'covers = {{ cap_{i} = 3, cap_{(i + 1) % count} = 2 }}\n')
    (directory / "catalog.toml").write_text("".join(out))
    est = []
    for i in range(count):
        for level in range(1, 5):
            for approach in ("build", "adopt", "buy"):
                est.append(f'[[estimate]]\ncapability = "cap_{i}"\nto_level = {level}\napproach = "{approach}"\n'
                           f'effort = {{ ml_engineering = {level * 2}, platform = {level} }}\n'
                           f'licence_per_year = {10000 if approach == "buy" else 0}\nlead_time_weeks = {level * 3}\n'
                           f'basis = "Estimate: generated"\nconfidence = "low"\n')
    (directory / "estimates.toml").write_text("".join(est))


def measure(directory: Path, runs: int) -> tuple[float, float, dict]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        catalog = load_catalog(directory)
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times), catalog.counts()


def main() -> None:
    median, best, counts = measure(bundled_catalog_dir(), 15)
    print(f"bundled catalog ({counts['capabilities']} capabilities, {counts['dependencies']} dependencies, "
          f"{counts['options']} options, {counts['estimates']} estimates): "
          f"median {median * 1000:.1f} ms, best {best * 1000:.1f} ms  (target <= 50 ms)")
    with tempfile.TemporaryDirectory() as tmp:
        generate(Path(tmp), 1000)
        size = sum(p.stat().st_size for p in Path(tmp).glob("*.toml"))
        median, best, counts = measure(Path(tmp), 5)
        print(f"generated catalog ({counts['capabilities']} capabilities, {counts['dependencies']} dependencies, "
              f"{counts['estimates']} estimates, {size / 1e6:.1f} MB of TOML): "
              f"median {median * 1000:.0f} ms, best {best * 1000:.0f} ms  (target <= 1000 ms)")


if __name__ == "__main__":
    main()
