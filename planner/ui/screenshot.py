"""`roadmap-planner screenshot`: the real main window, rendered offscreen to a PNG.

The plan is rendered from a private copy (a screenshot never changes it, and works while
the app has the plan open), the improvement stage is waited for, so the roadmap shown is
the one the app settles on, and the app's own settings are neither read nor written.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

WAIT_MS = 30_000
WORKSHOP_VIEWS = ("workshop", "wrapup")


def screenshot(args) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    if args.scale != 1:
        os.environ["QT_SCALE_FACTOR"] = f"{args.scale:g}"
    from .document import PlanFileError, build_demo, checked_output

    from ..progress import progress

    target = checked_output(args.output, "screenshot")
    progress(f"rendering the {args.view} view…")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "copy.mlplan"
        if args.demo:
            build_demo(path).close()
        elif args.path:
            copy_plan(Path(args.path), path)
        else:
            path = None
        image = render(path, args.view, args.size, args.theme)
        part = target.with_name(target.name + ".part")
        try:
            if not image.save(str(part), "PNG"):
                raise PlanFileError(f"{target}: the image could not be written")
            part.replace(target)
        finally:
            part.unlink(missing_ok=True)
    print(f"wrote {target} ({image.width()}x{image.height()} pixels, {args.view}, {args.theme})")
    return 0


def copy_plan(source: Path, target: Path) -> None:
    """A consistent copy of a plan, even one another process is writing (SQLite's
    backup API reads the committed state, write-ahead log included)."""
    import sqlite3

    from .document import PlanFileError, open_plan, read_only_uri

    open_plan(source, read_only=True).close()  # refuses what is not a readable plan, with a message
    try:
        with sqlite3.connect(read_only_uri(source), uri=True) as src, sqlite3.connect(target) as dst:
            src.backup(dst)
    except sqlite3.Error as exc:
        raise PlanFileError(f"{source}: cannot read the plan ({exc})") from None


def render(path, view: str, size: tuple[int, int], theme_name: str = "light"):
    """The main window showing `view` of the plan at `path` (None: no plan), as a QImage."""
    app, window = show(path, view, size, theme_name)
    shown = window
    if view in WORKSHOP_VIEWS and window.document is not None:
        shown = workshop(window, view, size).windows[0]
    settle(app, shown)
    image = shown.grab().toImage()
    window.close()
    return image


def workshop(window, view: str, size: tuple[int, int]):
    """Workshop mode on one screen, in a window of `size`: the first capability the room
    has voted on, or the wrap-up summary."""
    from .workshop.controller import Workshop
    from .workshop.session import SUMMARY

    mode = Workshop(window.document, two_screens=False, parent=window)
    window.workshop = mode
    session = mode.session
    votes = window.document.state.assessment().votes
    session.go(next((i for i, cap in enumerate(session.agenda) if votes.get(cap)), 0))
    if view == "wrapup":
        session.show_screen(SUMMARY)
    mode.show(full_screen=False, size=size)
    return mode


def show(path, view: str, size: tuple[int, int], theme_name: str = "light"):
    """The application and its main window showing `view`, with the improvement stage done."""
    from PySide6.QtCore import QEventLoop, QTimer

    from . import theme
    from .app import make_app
    from .document import IMPROVING, PlanDocument, open_plan  # the core loads first, as in the app
    from .main_window import MainWindow
    from .settings import AppSettings

    app = make_app()
    settings = AppSettings.in_memory()
    settings.theme = theme_name
    theme.apply_theme(app, theme_name, 1.0, app.property("font_family"))
    window = MainWindow(settings)
    window.resize(*size)
    if path is not None and view != "welcome":
        document = PlanDocument(open_plan(path), window)
        window.set_document(document)
        window.show_view(view if view not in WORKSHOP_VIEWS else "dashboard")
        if document.stage == IMPROVING:
            loop = QEventLoop()
            document.planning_changed.connect(lambda stage: stage != IMPROVING and loop.quit())
            QTimer.singleShot(WAIT_MS, loop.quit)
            loop.exec()
    window.show()
    return app, window

def settle(app, window, most: int = 200) -> None:
    """Run the event loop until no widget of `window` moves or resizes for two turns in a
    row: views refresh a turn late, and each level of nested layouts takes a turn."""
    from PySide6.QtWidgets import QWidget

    def geometry():
        return [(w.isVisible(), w.geometry().getRect()) for w in window.findChildren(QWidget)]

    last, still = None, 0
    for _ in range(most):
        app.processEvents()
        now = geometry()
        still = still + 1 if now == last else 0
        if still == 2:
            return
        last = now
