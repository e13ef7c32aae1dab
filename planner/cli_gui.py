"""`roadmap-planner [PLAN | --demo]` and `roadmap-planner screenshot ...`: the desktop app.

Nothing here imports Qt at module level, so the other commands stay fast and work
where Qt cannot load.
"""

from __future__ import annotations

import argparse
from pathlib import Path

VIEWS = ("welcome", "dashboard", "assessment", "graph", "options", "roadmap", "workshop", "wrapup")


def add_commands(commands) -> None:
    gui = commands.add_parser("gui", help="open the desktop app (the default: 'roadmap-planner [PLAN] [--demo]')",
                              description="Open the desktop app on PLAN, on the demo plan, or on the last plan "
                              "(the welcome page when there is none).")
    add_gui_arguments(gui)
    gui.set_defaults(run=run_gui)

    shot = commands.add_parser(
        "screenshot", help="render a view of the app to a PNG, without a screen",
        description="Render the real main window showing VIEW, offscreen, and write it as a PNG. "
        "--size is the window size in logical pixels; --scale multiplies the pixels (2 for a "
        "high-DPI image). --demo renders a fresh copy of the demo plan.")
    shot.add_argument("path", metavar="PLAN", nargs="?")
    shot.add_argument("--demo", action="store_true", help="render a fresh demo plan (no PLAN needed)")
    shot.add_argument("--view", required=True, choices=VIEWS)
    shot.add_argument("-o", "--output", metavar="FILE.png", required=True, type=Path)
    shot.add_argument("--size", default="1280x800", type=_size, metavar="WxH", help="default 1280x800")
    shot.add_argument("--theme", choices=("light", "dark"), default="light")
    shot.add_argument("--scale", type=_scale, default=1.0, metavar="N", help="device pixel ratio (default 1)")
    shot.set_defaults(run=run_screenshot)


def add_gui_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="PLAN", nargs="?", help="a .mlplan file to open")
    parser.add_argument("--demo", action="store_true",
                        help="open the demo plan (kept in your data folder, so your edits are saved)")
    parser.add_argument("--startup-report", action="store_true", help=argparse.SUPPRESS)


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a size; write it as WIDTHxHEIGHT, e.g. 1920x1080") from None
    if not (320 <= width <= 8000 and 240 <= height <= 8000):
        raise argparse.ArgumentTypeError(f"{text} is out of range; use 320x240 to 8000x8000")
    return width, height


def _scale(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not 0.5 <= value <= 4:
        raise argparse.ArgumentTypeError("--scale must be between 0.5 and 4")
    return value


def no_display() -> bool:
    """True on Linux without a screen to open a window on (and no Qt platform named)."""
    import os
    import sys

    return (sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM")
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"))


def run_gui(args: argparse.Namespace) -> int:
    import sys

    if no_display():
        print("roadmap-planner: there is no screen to open the app on (neither DISPLAY nor WAYLAND_DISPLAY is "
              "set). The headless commands work anywhere: 'roadmap-planner report --demo -o case.pdf', "
              "'roadmap-planner screenshot --demo --view roadmap -o roadmap.png'; "
              "see 'roadmap-planner --help'.", file=sys.stderr)
        return 1
    import gc

    gc.disable()  # until the first plan is shown (main_window.settle_garbage), or the welcome page
    from .ui.app import run

    return run(args)


def run_screenshot(args: argparse.Namespace) -> int:
    from .store.planfile import PlanFileError

    if not args.demo and not args.path and args.view != "welcome":
        raise PlanFileError("name a plan file, or use --demo")
    from .ui.screenshot import screenshot

    return screenshot(args)
