"""Desktop app figures, printed; these are not timed tests.

    python benchmarks/app_bench.py [--runs N]

Measured in one run, on the offscreen platform:
- the floor: a bare PySide6 window, process start to first paint;
- the app: process start to first paint, to ready (demo plan open, dashboard painted,
  heuristic roadmap), to the roadmap view painted, to the improvement done; peak memory;
- score change to roadmap view updated (in process): idle, and while the previous
  edit's improvement stage is still running;
- the longest event-loop stall during the full-flow scenario (open the demo, change two
  scores, choose an option, change capacity, look at the roadmap, undo twice, export
  the PDF), from a 1 ms timer that records the gaps between its ticks; peak memory.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ["QT_QPA_PLATFORM"] = "offscreen"
ROOT = Path(__file__).resolve().parent.parent
BARE = """
import sys
from PySide6.QtWidgets import QApplication, QMainWindow
from PySide6.QtCore import QTimer
app = QApplication(sys.argv)
class Window(QMainWindow):
    def paintEvent(self, event):
        super().paintEvent(event)
        print("first-paint", flush=True)
        QTimer.singleShot(0, app.quit)
window = Window()
window.resize(1280, 800)
window.show()
app.exec()
"""


def markers(command: list[str], env: dict) -> dict[str, float]:
    """Seconds from process start to each marker line the process prints."""
    began = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    found: dict[str, float] = {}
    for line in process.stdout:
        name, _, value = line.strip().partition(" ")
        found[name] = time.perf_counter() - began
        if name in ("peak-rss-mb", "worker-peak-rss-mb"):
            found[name] = float(value)
    process.wait()
    if process.returncode:
        raise SystemExit(f"{command} failed:\n{process.stderr.read()}")
    return found


def compiled() -> None:
    """Byte-compile the app as `pip install` does: an editable checkout, or a machine with
    PYTHONDONTWRITEBYTECODE set, would otherwise compile every module on every start."""
    import compileall

    import planner

    compileall.compile_dir(Path(planner.__file__).parent, quiet=1)


def startup(runs: int) -> None:
    """Each app run is paired with a floor run just before it, and the ratio is taken
    pair by pair: a machine that slows down for a while slows both."""
    compiled()
    env = dict(os.environ)
    command = [sys.executable, "-m", "planner", "--demo", "--startup-report"]
    floor, warm = [], []
    with tempfile.TemporaryDirectory() as home:
        env["ROADMAP_PLANNER_HOME"] = home
        first = markers(command, env)  # builds the demo plan in the fresh data folder
        for _ in range(runs):
            floor.append(markers([sys.executable, "-c", BARE], env)["first-paint"])
            warm.append(markers(command, env))
    base = statistics.median(floor)
    print(f"bare PySide6 window, process start to first paint: median {base * 1000:.0f} ms "
          f"(min {min(floor) * 1000:.0f}): the floor")
    targets = {"first-paint": 2.0, "ready": 4.0}
    for label, key in (("first window painted", "first-paint"), ("ready: demo open, dashboard painted", "ready"),
                       ("roadmap view painted", "roadmap-view"), ("improvement stage done", "improved")):
        values = [w[key] for w in warm]
        ratios = [w[key] / f for w, f in zip(warm, floor)]
        target = f" (target at most {targets[key]:.0f}x)" if key in targets else ""
        print(f"app, process start to {label}: median {statistics.median(values) * 1000:.0f} ms, "
              f"{statistics.median(ratios):.2f}x the floor{target}, ratios {min(ratios):.2f}-{max(ratios):.2f}; "
              f"first run, which builds the demo plan: {first[key] * 1000:.0f} ms")
    gui, worker = max(w["peak-rss-mb"] for w in warm), max(w.get("worker-peak-rss-mb", 0) for w in warm)
    print(f"app, peak memory with the demo open: {gui:.0f} MB in the app's process + {worker:.0f} MB in its "
          f"worker process = {gui + worker:.0f} MB")


def in_process() -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    from planner.store.demo import build_demo
    from planner.ui import edits, export, theme
    from planner.ui.app import make_app, peak_rss_mb
    from planner.ui.document import IMPROVING
    from planner.ui.main_window import MainWindow
    from planner.ui.settings import AppSettings

    app = make_app()
    theme.apply_theme(app, "light", 1.0)
    tmp = Path(tempfile.mkdtemp())
    build_demo(tmp / "template.mlplan").close()

    def wait(signal, until=lambda *a: True, limit_ms: int = 30_000) -> None:
        loop = QEventLoop()
        signal.connect(lambda *a: until(*a) and loop.quit())
        QTimer.singleShot(limit_ms, loop.quit)
        loop.exec()

    def settle(document) -> None:
        if document.stage == IMPROVING:
            wait(document.planning_changed, lambda stage: stage != IMPROVING)

    # -- score change to roadmap view updated -------------------------------------------
    if os.environ.get("FLOW_ONLY"):
        return full_flow(app, tmp, wait, settle)
    shutil.copy(tmp / "template.mlplan", tmp / "edits.mlplan")
    window = MainWindow(AppSettings.in_memory())
    window.resize(1280, 800)
    window.show()
    window.open_path(tmp / "edits.mlplan")
    wait(window.document_opened)
    window.show_view("roadmap")
    view = window.workspace.view("roadmap")
    document = window.document
    settle(document)
    app.processEvents()
    results: dict[str, list[float]] = {"idle": [], "busy": []}
    for i in range(24):
        mode = "idle" if i % 2 == 0 else "busy"
        if mode == "idle":
            settle(document)
            app.processEvents()
        began = time.perf_counter()
        edits.set_level(document, "feature_store", 1 if i % 4 < 2 else 0)
        wait(view.refreshed)
        view.repaint()
        results[mode].append(time.perf_counter() - began)
    settle(document)
    for mode, label in (("idle", "idle"), ("busy", "while the previous edit's improvement runs")):
        values = results[mode]
        print(f"score change to roadmap view updated ({label}): median {statistics.median(values) * 1000:.1f} ms, "
              f"max {max(values) * 1000:.1f} ms over {len(values)} edits")
    window.close()

    full_flow(app, tmp, wait, settle)


def full_flow(app, tmp: Path, wait, settle) -> None:
    """The full-flow scenario, with a 1 ms timer recording event-loop stalls."""
    from PySide6.QtCore import QEventLoop, QTimer

    from planner.ui import edits, export
    from planner.ui.app import peak_rss_mb
    from planner.ui.main_window import MainWindow
    from planner.ui.settings import AppSettings

    shutil.copy(tmp / "template.mlplan", tmp / "flow.mlplan")
    window = MainWindow(AppSettings.in_memory())
    window.resize(1280, 800)
    window.show()
    gaps: list[tuple[float, str]] = []
    step_name = ["start"]
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append((now - last[0], step_name[0]))
        last[0] = now

    timer = QTimer()
    timer.setTimerType(timer.timerType().PreciseTimer)
    timer.timeout.connect(tick)
    timer.start(1)
    loop = QEventLoop()
    pdf = tmp / "case.pdf"

    def job_done(*_):
        QTimer.singleShot(300, loop.quit)

    steps = [
        ("open the demo", lambda: window.open_path(tmp / "flow.mlplan")),
        ("assessment view", lambda: window.show_view("assessment")),
        ("score 1", lambda: edits.set_level(window.document, "feature_store", 1)),
        ("score 2", lambda: edits.set_level(window.document, "drift_detection", 1)),
        ("options view", lambda: window.show_view("options")),
        ("choose an option", lambda: edits.choose_option(window.document, "feature_store", "buy", "amazon_sagemaker")),
        ("roadmap view", lambda: window.show_view("roadmap")),
        ("change capacity", lambda: edits.set_capacity(window.document, "ml_engineering", 3)),
        ("dependency graph", lambda: window.show_view("graph")),
        ("dashboard", lambda: window.show_view("dashboard")),
        ("undo", lambda: window.document.undo_stack.undo()),
        ("undo", lambda: window.document.undo_stack.undo()),
        ("export the PDF", lambda: export.start_pdf_export(window, pdf).finished.connect(job_done)),
    ]

    costs: list[tuple[str, float]] = []

    def run(index: int) -> None:
        name, action = steps[index]
        step_name[0] = name
        began = time.perf_counter()
        action()
        costs.append((name, time.perf_counter() - began))
        if index + 1 < len(steps):
            QTimer.singleShot(250, lambda: run(index + 1))  # a user's pace, while the planner works

    began_flow = time.perf_counter()
    QTimer.singleShot(100, lambda: run(0))
    QTimer.singleShot(60_000, loop.quit)
    loop.exec()
    timer.stop()
    worst = sorted(gaps, reverse=True)
    if os.environ.get("TIMELINE"):  # the events around the longest stall (see /tmp/timeline.py)
        import __main__

        stamps, t = [], last[0]
        for gap, name in reversed(gaps):
            stamps.append((t, gap, name))
            t -= gap
        end, gap, name = max(stamps, key=lambda x: x[1])
        print(f"longest gap {gap * 1000:.0f} ms ending at +{(end - began_flow) * 1000:.0f} ms ({name})")
        for when, label in getattr(__main__, "events", []):
            if end - gap - 0.05 <= when <= end + 0.01:
                print(f"   +{(when - began_flow) * 1000:7.1f} ms  {label}")
    print(f"full flow: longest event-loop stall {worst[0][0] * 1000:.0f} ms (during '{worst[0][1]}'); "
          "next: " + ", ".join(f"{g * 1000:.0f} ms ({name})" for g, name in worst[1:5]))
    print("full flow, each step's own work on the GUI thread: "
          + ", ".join(f"{name} {cost * 1000:.0f} ms" for name, cost in costs))
    after_open = [g for g, name in gaps if name != "open the demo"]
    print(f"full flow without opening the plan: longest stall {max(after_open) * 1000:.0f} ms; "
          f"PDF written: {pdf.exists()}")
    print(f"full flow: peak memory {peak_rss_mb():.0f} MB")
    window.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    startup(args.runs)
    in_process()


if __name__ == "__main__":
    main()
