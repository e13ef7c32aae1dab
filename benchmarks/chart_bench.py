"""Chart export: the app's native QPainter charts against matplotlib, and what
matplotlib would cost to ship. Prints figures; not a timed test.

    python benchmarks/chart_bench.py

The app draws its charts with QPainter (one routine for the screen, PNG and SVG).
matplotlib is measured only when it is installed (it is no longer a dependency).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def timed(function, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        function()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def native(tmp: Path) -> None:
    from planner.store.demo import build_demo
    from planner.ui.app import make_app
    from planner.ui.document import PlanDocument
    from planner.ui.export import save_png, save_svg
    from planner.ui.widgets.maturity_charts import Heatmap, RadarChart

    make_app()
    build_demo(tmp / "demo.mlplan").close()
    document = PlanDocument.open(tmp / "demo.mlplan", improve=False)
    for chart in (RadarChart(document), Heatmap(document)):
        chart.resize(chart.sizeHint())
        png = timed(lambda: save_png(chart, tmp / "chart.png"))
        svg = timed(lambda: save_svg(chart, tmp / "chart.svg"))
        print(f"  native {chart.title:<24} PNG (2x) {png * 1000:6.1f} ms   SVG {svg * 1000:6.1f} ms")
    document.close()


def matplotlib_figures(tmp: Path) -> None:
    code = (
        "import time; t=time.perf_counter(); import matplotlib; matplotlib.use('Agg'); "
        "import matplotlib.pyplot as plt; print(time.perf_counter()-t)")
    imports = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
               for _ in range(3)]
    print(f"  matplotlib: import pyplot (cold process) {statistics.median(imports) * 1000:6.0f} ms")
    import math

    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    def radar(suffix: str) -> None:
        names, now, target = ["Data", "Model", "Code", "Governance"], [1.2, 1.5, 1.8, 1.4], [2.2, 2.5, 2.6, 1.8]
        angles = [2 * math.pi * i / len(names) for i in range(len(names))] + [0]
        fig = plt.figure(figsize=(4.2, 3.4))
        ax = fig.add_subplot(polar=True)
        ax.plot(angles, now + now[:1])
        ax.fill(angles, now + now[:1], alpha=0.2)
        ax.plot(angles, target + target[:1], linestyle="--")
        ax.set_xticks(angles[:-1], names)
        fig.savefig(tmp / f"radar.{suffix}", dpi=200)
        plt.close(fig)

    print(f"  matplotlib radar                 PNG (2x) {timed(lambda: radar('png')) * 1000:6.1f} ms   "
          f"SVG {timed(lambda: radar('svg')) * 1000:6.1f} ms")


def installed_size(names: list[str]) -> float:
    total = 0
    for name in names:
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        total += sum(f.locate().stat().st_size for f in dist.files or () if f.locate().is_file())
    return total / 1e6


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        print("Chart export (median of 5):")
        native(Path(tmp))
        try:
            import matplotlib  # noqa: F401
        except ImportError:
            print("  matplotlib: not installed (not a dependency of the app)")
        else:
            matplotlib_figures(Path(tmp))
    own = ["matplotlib", "contourpy", "cycler", "fonttools", "kiwisolver", "pillow", "pyparsing", "python-dateutil"]
    print(f"Installed size of matplotlib and the packages only it brings: {installed_size(own):.0f} MB, "
          f"plus numpy {installed_size(['numpy']):.0f} MB (0 MB when not installed)")


if __name__ == "__main__":
    main()
