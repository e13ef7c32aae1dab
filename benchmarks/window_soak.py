"""A real-window soak: the app in real X windows (Xvfb, two screens, a window manager),
driven by random key presses, clicks, drags and view switches, workshop mode on both
screens included (SOAK_WORKSHOP=0 leaves it out; SOAK_ZOOMS=1 adds zoom steps). Prints crashes, Python exceptions, Qt warnings, event-loop stalls over
200 ms and memory growth.

    python benchmarks/window_soak.py [--minutes 10] [--seed 1]

Needs Xvfb and, for a window manager, openbox (Debian: xvfb openbox, and Qt's xcb
libraries libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1). Targets: 0 crashes, 0 exceptions,
memory flat within 30 MB after the first minute.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DISPLAY = ":97"
WORKSHOP = os.environ.get("SOAK_WORKSHOP", "1") == "1"  # SOAK_WORKSHOP=0 leaves workshop mode out
ZOOMS = os.environ.get("SOAK_ZOOMS", "0") == "1"  # SOAK_ZOOMS=1 zooms in or out at one action in ten


def start_x() -> list[subprocess.Popen]:
    if shutil.which("Xvfb") is None:
        raise SystemExit("window_soak: Xvfb is not installed (Debian: apt-get install xvfb openbox)")
    xvfb = subprocess.Popen(["Xvfb", DISPLAY, "-screen", "0", "1920x1080x24", "-screen", "1", "1024x768x24",
                             "-nolisten", "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(100):  # wait for the server's socket, not for a time
        if Path(f"/tmp/.X11-unix/X{DISPLAY[1:]}").exists():
            break
        xvfb.wait(timeout=0.05) if xvfb.poll() is not None else time.sleep(0.05)
    procs = [xvfb]
    if shutil.which("openbox"):
        procs.append(subprocess.Popen(["openbox"], env={**os.environ, "DISPLAY": DISPLAY},
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
    return procs


def child(minutes: float, seed: int, log_path: str = "") -> int:
    """The soak itself, in a process whose Qt talks to the Xvfb display."""
    import faulthandler
    import resource

    faulthandler.enable()
    from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, qInstallMessageHandler
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

    from planner.store.demo import build_demo
    from planner.ui import theme
    from planner.ui.app import make_app
    from planner.ui.main_window import MainWindow
    from planner.ui.settings import AppSettings

    warnings: list[str] = []
    exceptions: list[str] = []
    qInstallMessageHandler(lambda kind, context, text: warnings.append(text) if "propagateSizeHints" not in text
                           else None)
    sys.excepthook = lambda kind, value, tb: exceptions.append(f"{kind.__name__}: {value}")
    app = make_app()
    theme.apply_theme(app, "light", 1.0)
    tmp = Path(tempfile.mkdtemp())
    build_demo(tmp / "soak.mlplan").close()
    window = MainWindow(AppSettings.in_memory())
    window.crash_handler = None
    window.resize(1600, 1000)
    window.show()
    window.open_path(tmp / "soak.mlplan")
    rng = random.Random(seed)
    keys = [Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_Tab, Qt.Key.Key_Return, Qt.Key.Key_Escape, Qt.Key.Key_1,
            Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_Space, Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_PageDown]
    views = ["dashboard", "assessment", "graph", "options", "roadmap"]
    stalls, last, actions = [], [time.perf_counter()], [0]
    rss: list[tuple[float, float]] = []
    began = time.perf_counter()
    log = open(log_path, "w", buffering=1) if log_path else None  # line-buffered: it survives a crash

    def note(what: str) -> None:
        if log is not None:
            log.write(f"{time.perf_counter() - began:8.3f} {what}\n")

    restyle = window.apply_appearance

    def logged_restyle() -> None:
        note(f"restyle: zoom {window.settings.zoom}, theme {window.settings.theme}, "
             f"{len(QApplication.topLevelWidgets())} top-level widgets")
        restyle()

    window.apply_appearance = logged_restyle

    def tick() -> None:
        now = time.perf_counter()
        if now - last[0] > 0.2:
            stalls.append(now - last[0])
        last[0] = now

    def target() -> QWidget:
        shown = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.width() > 50]
        top = rng.choice(shown) if shown else window
        inner = top.childAt(QPoint(rng.randrange(max(1, top.width())), rng.randrange(max(1, top.height()))))
        return inner or top

    def act() -> None:
        actions[0] += 1
        roll = rng.random()
        try:
            if ZOOMS and rng.random() < 0.1:
                step = rng.choice([-1, 1])
                note(f"zoom {step:+d}")
                window.zoom(step)
            elif roll < 0.06:
                view = rng.choice(views)
                note(f"view {view}")
                window.show_view(view)
            elif roll < 0.08 and window.document is not None and window.workshop is None and WORKSHOP:
                note("workshop")
                window.start_workshop()
            elif roll < 0.10 and window.workshop is not None:
                note("workshop closed")
                QTest.keyClick(window.workshop.control, Qt.Key.Key_Escape)
            elif roll < 0.13 and window.document is not None and window.document.undo_stack.canUndo():
                window.document.undo_stack.undo()
            elif roll < 0.5:
                widget = target()
                key = rng.choice(keys)
                note(f"key {key.name} on {type(widget).__name__} {widget.objectName()!r} in {type(widget.window()).__name__}")
                QTest.keyClick(widget, key)
            elif roll < 0.85:
                widget = target()
                label = widget.text() if isinstance(widget, (QLabel, QAbstractButton)) else ""
                note(f"click on {type(widget).__name__} {widget.objectName()!r} {label!r:.40} "
                     f"in {type(widget.window()).__name__}")
                QTest.mouseClick(widget, Qt.MouseButton.LeftButton, pos=QPoint(rng.randrange(max(1, widget.width())),
                                                                               rng.randrange(max(1, widget.height()))))
            else:
                widget = target()
                note(f"drag on {type(widget).__name__} in {type(widget.window()).__name__}")
                start = QPoint(rng.randrange(max(1, widget.width())), rng.randrange(max(1, widget.height())))
                QTest.mousePress(widget, Qt.MouseButton.LeftButton, pos=start)
                QTest.mouseMove(widget, start + QPoint(rng.randint(-80, 80), rng.randint(-40, 40)))
                QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=start + QPoint(rng.randint(-80, 80), 0))
        except RuntimeError as exc:  # a widget deleted between picking and acting
            if "already deleted" not in str(exc):
                exceptions.append(f"RuntimeError: {exc}")

    def close_modal() -> None:
        """A dialog opened by an action runs its own event loop inside `act`, and a timer
        whose slot is still running does not fire again: this other timer closes it."""
        modal = QApplication.activeModalWidget()
        if modal is not None:
            note(f"close modal {type(modal).__name__}")
            modal.reject() if hasattr(modal, "reject") else modal.close()
        if time.perf_counter() - began > minutes * 60:
            app.quit()

    def memory() -> None:
        rss.append((time.perf_counter() - began, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))

    ticker, actor, meter, closer = QTimer(), QTimer(), QTimer(), QTimer()
    closer.timeout.connect(close_modal)
    closer.start(300)
    ticker.timeout.connect(tick)
    ticker.start(10)
    actor.timeout.connect(act)
    actor.start(25)
    meter.timeout.connect(memory)
    meter.start(5000)
    app.exec()
    memory()
    after_first = [m for t, m in rss if t >= 60] or [m for _, m in rss]
    growth = after_first[-1] - after_first[0]
    print(f"window soak: {minutes:g} min, {actions[0]} actions on {len(QGuiApplication.screens())} screens; "
          f"0 crashes (the process ran to the end); {len(exceptions)} Python exceptions; {len(warnings)} Qt warnings; "
          f"{len(stalls)} stalls over 200 ms (longest {max(stalls, default=0) * 1000:.0f} ms); peak memory "
          f"{rss[0][1]:.0f} -> {rss[-1][1]:.0f} MB, growth after the first minute {growth:.0f} MB")
    for text in (exceptions + warnings)[:20]:
        print("   ", text)
    return 1 if exceptions else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--log", default="", help="write every action to this file (for replaying a crash)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.minutes, args.seed, args.log)
    procs = start_x()
    try:
        env = {**os.environ, "DISPLAY": DISPLAY, "QT_QPA_PLATFORM": "xcb", "ROADMAP_PLANNER_HOME": tempfile.mkdtemp()}
        done = subprocess.run([sys.executable, __file__, "--child", "--minutes", str(args.minutes),
                               "--seed", str(args.seed), "--log", args.log], env=env, cwd=ROOT)
        if done.returncode < 0:
            print(f"window soak: the app CRASHED (signal {-done.returncode})")
        return done.returncode
    finally:
        for proc in reversed(procs):
            proc.terminate()
            proc.wait(10)


if __name__ == "__main__":
    sys.exit(main())
