"""Report figures: the full demo report in a warm process, and `roadmap-planner report
--demo` as a cold process.

Run: python benchmarks/report_bench.py
Targets: warm <= 0.5 s; cold process <= 2 s.
"""

from __future__ import annotations

import io
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from planner.report.data import gather  # noqa: E402
from planner.report.document import build_pdf  # noqa: E402
from planner.store.demo import build_demo  # noqa: E402


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        with build_demo(Path(tmp) / "demo.mlplan") as plan:
            catalog, state = plan.catalog, plan.state
        build_pdf(gather(catalog, state), io.BytesIO())  # warm up: fonts, imports
        pdf, total, pages = [], [], 0
        for _ in range(5):
            start = time.perf_counter()
            data = gather(catalog, state)
            mid = time.perf_counter()
            pages = build_pdf(data, io.BytesIO())
            end = time.perf_counter()
            pdf.append(end - mid)
            total.append(end - start)
        print(f"demo report, warm process: PDF build median {statistics.median(pdf) * 1000:.0f} ms ({pages} pages); "
              f"with planning the roadmap and its {len(state.scenarios)} scenarios "
              f"{statistics.median(total) * 1000:.0f} ms  (target <= 500 ms)")
        cold = []
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "planner", "report", "--demo", "-o", str(Path(tmp) / "cold.pdf")],
                           check=True, capture_output=True, cwd=HERE.parent)
            cold.append(time.perf_counter() - start)
        print(f"roadmap-planner report --demo, cold process: median {statistics.median(cold):.2f} s  (target <= 2 s)")


if __name__ == "__main__":
    main()
