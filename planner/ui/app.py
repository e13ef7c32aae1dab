"""Starting the desktop app: the window is painted first, then the core loads.

`roadmap-planner` opens the last plan (or the welcome page), `roadmap-planner PLAN`
opens that plan, and `roadmap-planner --demo` opens the demo plan in the user's data
folder (see paths.py).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from . import paths

STARTED = time.perf_counter()


def make_app(argv: list[str] | None = None):
    """The QApplication with its names and the bundled font; reused when one exists."""
    from PySide6.QtWidgets import QApplication

    from . import theme

    # The improvement stage runs on a Python thread: a short switch interval keeps the GUI
    # thread's waits for the interpreter lock under a millisecond (see planning.py).
    sys.setswitchinterval(0.001)
    app = QApplication.instance() or QApplication(argv if argv is not None else [sys.argv[0]])
    app.setApplicationName(paths.APP_ID)
    app.setApplicationDisplayName(paths.APP_NAME)
    app.setDesktopFileName(paths.DESKTOP_ID)  # packaging/linux/<DESKTOP_ID>.desktop
    app.setProperty("font_family", theme.register_fonts())
    from PySide6.QtGui import QIcon

    from ..resources import resource

    app.setWindowIcon(QIcon(str(resource("icons", "app.svg"))))
    return app


def choose_target(args, settings) -> str | None:
    """What to open: 'demo', a plan path, the last plan, or None for the welcome page."""
    if getattr(args, "demo", False):
        return "demo"
    if getattr(args, "path", None):
        return str(Path(args.path))
    last = settings.last_plan
    return last if last and Path(last).is_file() else None


def run(args) -> int:
    from PySide6.QtCore import QTimer

    from . import crash, theme
    from .main_window import MainWindow
    from .settings import AppSettings

    report = getattr(args, "startup_report", False)
    app = make_app()
    settings = AppSettings.in_memory() if report else AppSettings.user()
    theme.apply_theme(app, settings.theme, settings.zoom, app.property("font_family"))
    window = MainWindow(settings)
    handler = crash.CrashHandler(lambda: window, crash.setup_logging() if not report else "")
    handler.install()
    window.crash_handler = handler
    window.restore_window()
    target = choose_target(args, settings)
    window.show_loading(target is not None)
    follow_system_theme(app, window)
    if report:
        _report_startup(window, app)
    window.first_painted.connect(lambda: QTimer.singleShot(0, lambda: window.start(target)))
    close_on_signals(window)
    open_files_from_the_system(app, window)
    window.show()
    return app.exec()


def open_files_from_the_system(app, window, platform: str = sys.platform) -> None:
    """macOS hands a double-clicked .mlplan to a running app as a file-open event, not as
    an argument: open it like File > Open. Only there: the filter sees every event of the
    app, a call into Python each."""
    if platform != "darwin":
        return
    from PySide6.QtCore import QEvent, QObject

    class Opener(QObject):
        def eventFilter(self, watched, event) -> bool:
            if event.type() == QEvent.Type.FileOpen and event.file():
                window.open_path(event.file())
                return True
            return False

    window._file_opener = Opener(window)
    app.installEventFilter(window._file_opener)


def close_on_signals(window) -> None:
    """Ctrl+C in the terminal, or SIGTERM, closes the window as the user would (settings
    saved, worker stopped). Python only sees a signal while it runs, so a slow timer
    gives it the chance."""
    import signal

    from PySide6.QtCore import QTimer

    for number in (signal.SIGINT, signal.SIGTERM):
        signal.signal(number, lambda *_: QTimer.singleShot(0, window.close))
    window._signal_timer = QTimer(window)
    window._signal_timer.timeout.connect(lambda: None)
    window._signal_timer.start(250)


def follow_system_theme(app, window) -> None:
    def changed(*_):
        if window.settings.theme == "system":
            window.restyle_later()  # never inside a signal handler, never with a wizard open

    app.styleHints().colorSchemeChanged.connect(changed)


def _report_startup(window, app) -> None:
    """`--startup-report`: print when the window is painted and when the plan is ready,
    then quit. benchmarks/app_bench.py reads these lines."""
    from PySide6.QtCore import QTimer

    def mark(what: str) -> None:
        print(f"{what} {time.perf_counter() - STARTED:.4f}", flush=True)

    window.first_painted.connect(lambda: mark("first-paint"))

    def opened(document) -> None:
        mark("plan-open")
        view = window.workspace.current_view()

        def filled() -> None:
            view.repaint()
            mark("ready")
            QTimer.singleShot(0, lambda: _after_ready(document))

        if view.is_fresh():
            filled()
        else:
            view.refreshed.connect(filled)

    def _after_ready(document) -> None:
        window.show_view("roadmap")
        roadmap = window.workspace.current_view()

        def shown() -> None:
            roadmap.repaint()
            mark("roadmap-view")
            if document.stage != "improving":
                finish()
            else:
                document.planning_changed.connect(lambda stage: stage == "done" and finish())

        if roadmap.is_fresh():
            shown()
        else:
            roadmap.refreshed.connect(shown)

    def finish() -> None:
        mark("improved")
        print(f"peak-rss-mb {peak_rss_mb():.1f}", flush=True)
        print(f"worker-peak-rss-mb {worker_peak_rss_mb():.1f}", flush=True)
        QTimer.singleShot(0, app.quit)

    window.document_opened.connect(opened)


def peak_rss_mb() -> float:
    """The process's peak resident memory so far, in MB."""
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1e6 if sys.platform == "darwin" else peak / 1024


def worker_peak_rss_mb() -> float:
    """The worker process's peak resident memory in MB (Linux; 0 where unknown)."""
    from .worker import shared_worker

    worker = shared_worker()
    pid = getattr(getattr(worker, "_process", None), "pid", None)
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, TypeError):
        pass
    return 0.0
