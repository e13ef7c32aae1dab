"""The workshop's look: high contrast and type sized from the window's height, so a slide
reads the same from the back of a room at 1024x768 as at 1920x1080. It follows the app's
theme: a light slide in the light theme, a dark one (for a dim room) in the dark theme.
Every text colour reads at 4.5:1 or better on the background and on a panel."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QGuiApplication, QPalette


@dataclass(frozen=True)
class Look:
    dark: bool
    background: str
    panel: str  # side panels, level cards, the input line
    text: str
    muted: str
    accent: str  # the current level, the open round, key names
    target: str
    alert: str
    good: str
    border: str  # lines and outlines only, never text


DARK = Look(dark=True, background="#0a0a0a", panel="#1c1c1c", text="#ffffff", muted="#d0d0d0", accent="#6aaee8",
            target="#f0b43c", alert="#ff7b72", good="#7ee787", border="#555555")
LIGHT = Look(dark=False, background="#ffffff", panel="#edf0f4", text="#10161c", muted="#3d4752", accent="#1d4e89",
             target="#8f5500", alert="#b42318", good="#1f6f3a", border="#9aa5b1")
TEXT_COLOURS = ("text", "muted", "accent", "target", "alert", "good")


def _is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def for_app() -> Look:
    """The look of the app's theme, read from the application's palette."""
    return DARK if _is_dark(QGuiApplication.palette()) else LIGHT


def of(widget) -> Look:
    """The look a workshop widget is drawn in, read from its palette (the window sets it)."""
    return DARK if _is_dark(widget.palette()) else LIGHT


def palette(look: Look) -> QPalette:
    """The app's palette with the look's ground and text colours."""
    result = QPalette(QGuiApplication.palette())
    for role, colour in ((QPalette.ColorRole.Window, look.background), (QPalette.ColorRole.Base, look.panel),
                         (QPalette.ColorRole.WindowText, look.text), (QPalette.ColorRole.Text, look.text),
                         (QPalette.ColorRole.PlaceholderText, look.muted)):
        result.setColor(role, QColor(colour))
    return result


def base_px(height: int) -> int:
    """Body text in pixels: a 34th of the height, never under 18 px."""
    return max(18, height // 34)


def hint_px(height: int) -> int:
    """The key line's text: most of the body size, never under 16 px."""
    return max(16, round(base_px(height) * 0.8))


def sheet(height: int, look: Look) -> str:
    px = base_px(height)
    return f"""
    QWidget#workshop {{ background: {look.background}; }}
    QWidget#workshop QLabel {{ color: {look.text}; font-size: {px}px; background: transparent; }}
    QWidget#workshop QLabel[role="title"] {{ font-size: {int(px * 1.75)}px; font-weight: bold; }}
    QWidget#workshop QLabel[role="header"] {{ color: {look.muted}; font-size: {int(px * 0.85)}px; }}
    QWidget#workshop QLabel[role="panel"] {{ background: {look.panel}; border-radius: {px // 3}px;
        padding: {px // 3}px; font-size: {int(px * 0.8)}px; }}
    QWidget#workshop QLabel[role="board"] {{ background: {look.panel}; border-radius: {px // 3}px;
        padding: {px // 3}px; font-size: {int(px * 0.85)}px; }}
    QWidget#workshop QLabel[role="big"] {{ font-size: {int(px * 1.3)}px; }}
    QWidget#workshop QLineEdit {{ font-size: {px}px; color: {look.text}; background: {look.panel};
        border: 2px solid {look.accent}; padding: {px // 4}px; }}
    """
