"""The workshop's look: high contrast and type sized from the window's height, so a slide
reads the same from the back of a room at 1024x768 as at 1920x1080."""

from __future__ import annotations

BACKGROUND = "#0a0a0a"
PANEL = "#1c1c1c"
TEXT = "#ffffff"
MUTED = "#d0d0d0"  # still 13:1 against the background
ACCENT = "#ffd23f"  # the current level, the open round
TARGET = "#7fdbff"
ALERT = "#ff7b72"
GOOD = "#7ee787"


def base_px(height: int) -> int:
    """Body text in pixels: a 34th of the height, never under 18 px."""
    return max(18, height // 34)


def sheet(height: int) -> str:
    px = base_px(height)
    return f"""
    QWidget#workshop {{ background: {BACKGROUND}; }}
    QWidget#workshop QLabel {{ color: {TEXT}; font-size: {px}px; background: transparent; }}
    QWidget#workshop QLabel[role="title"] {{ font-size: {int(px * 1.75)}px; font-weight: bold; }}
    QWidget#workshop QLabel[role="header"] {{ color: {MUTED}; font-size: {int(px * 0.85)}px; }}
    QWidget#workshop QLabel[role="hint"] {{ color: {MUTED}; font-size: {int(px * 0.72)}px;
        border-top: 1px solid #555; padding-top: {px // 4}px; }}
    QWidget#workshop QLabel[role="panel"] {{ background: {PANEL}; border-radius: {px // 3}px;
        padding: {px // 3}px; font-size: {int(px * 0.8)}px; }}
    QWidget#workshop QLabel[role="board"] {{ background: {PANEL}; border-radius: {px // 3}px;
        padding: {px // 3}px; font-size: {int(px * 0.85)}px; }}
    QWidget#workshop QLabel[compact="true"] {{ font-size: {int(px * 0.9)}px; }}
    QWidget#workshop QLabel[role="big"] {{ font-size: {int(px * 1.3)}px; }}
    QWidget#workshop QLineEdit {{ font-size: {px}px; color: {TEXT}; background: {PANEL};
        border: 2px solid {ACCENT}; padding: {px // 4}px; }}
    """
