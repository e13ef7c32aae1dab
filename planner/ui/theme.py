"""Light and dark themes, the bundled font, and whole-UI zoom.

A theme is a `Colours` value. `apply_theme` turns it into the application's QPalette
(Fusion style, so both themes look the same on every platform) and a small style sheet
built from ordered fragments. Widgets that paint themselves call `colours(widget)`,
which picks the theme from the widget's palette: no global theme object.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from ..resources import resource

FONT_FAMILY = "DejaVu Sans"
BASE_POINT_SIZE = 10.0


@dataclass(frozen=True)
class Colours:
    dark: bool
    window: str
    panel: str  # cards and side panels
    base: str  # inputs, tables, chart backgrounds
    alt_base: str
    text: str
    muted: str
    border: str
    grid: str
    accent: str
    accent_text: str
    current: str  # where the organisation stands
    target: str  # where it is going
    critical: str
    warning_bg: str
    warning_fg: str
    error_bg: str
    error_fg: str
    success: str
    not_applicable: str
    levels: tuple[str, ...]  # a sequential ramp, lowest level first
    dimensions: tuple[tuple[str, str], ...]  # dimension id -> lane colour
    extra: tuple[str, ...]  # colours for further dimensions and for roles

    def q(self, name: str) -> QColor:
        return QColor(getattr(self, name))

    def dimension(self, dimension: str, index: int = 0) -> QColor:
        return QColor(dict(self.dimensions).get(dimension, self.extra[index % len(self.extra)]))

    def role(self, index: int) -> QColor:
        return QColor(self.extra[index % len(self.extra)])

    def level(self, level: int | None, first: int, last: int) -> QColor:
        """A colour for a level on the first..last scale; not applicable is grey."""
        if level is None:
            return QColor(self.not_applicable)
        span = max(1, last - first)
        index = round((level - first) / span * (len(self.levels) - 1))
        return QColor(self.levels[max(0, min(len(self.levels) - 1, index))])


LIGHT = Colours(
    dark=False, window="#f3f5f8", panel="#ffffff", base="#ffffff", alt_base="#f5f7fa", text="#1f2933",
    muted="#5b6775", border="#cbd2d9", grid="#e4e7eb", accent="#1d4e89", accent_text="#ffffff",
    current="#1d4e89", target="#9c6102", critical="#c0392b", warning_bg="#fff4d6", warning_fg="#6b4a00",
    error_bg="#fde2e0", error_fg="#8a1c13", success="#2d7d46", not_applicable="#d5dae0",
    levels=("#eef2f7", "#c6dbef", "#6baed6", "#2f79b9", "#0f3d73"),
    dimensions=(("data", "#217b70"), ("model", "#1d4e89"), ("code", "#7b5ea7"), ("governance", "#a15e1a")),
    # roles take these in order: none red (the usage chart's over-limit mark) or brown (its budget)
    extra=("#217b70", "#1d4e89", "#7b5ea7", "#4b7a29", "#517290", "#86685e", "#a15e1a", "#c83e1c"),
)

DARK = Colours(
    dark=True, window="#1b1f24", panel="#242a31", base="#161a1e", alt_base="#1f242a", text="#e6e9ed",
    muted="#9aa5b1", border="#3b444f", grid="#2e353d", accent="#5b9bd5", accent_text="#0b1320",
    current="#6aaee8", target="#f0b43c", critical="#ff6b5b", warning_bg="#3d3214", warning_fg="#f5d88a",
    error_bg="#4a1f1b", error_fg="#ffb4aa", success="#5cc17a", not_applicable="#3a424c",
    levels=("#2a313a", "#284a6b", "#2f6ea8", "#4f9ad8", "#9dcbf5"),
    dimensions=(("data", "#3cc2b2"), ("model", "#6aaee8"), ("code", "#a98ad6"), ("governance", "#f0a04b")),
    extra=("#3cc2b2", "#6aaee8", "#a98ad6", "#8cc265", "#8fb0cf", "#b89a8e", "#f0a04b", "#f28b6e"),
)


PROJECTOR_PIXELS = 18  # body text at the projector preset, read from the back of a room


def projector_zoom(steps: tuple[float, ...], dpi: float) -> float:
    """The smallest zoom step that makes the body text PROJECTOR_PIXELS high at `dpi`."""
    return next((z for z in steps if BASE_POINT_SIZE * z * dpi / 72 >= PROJECTOR_PIXELS - 1e-9), steps[-1])


def contrast(one: str | QColor, other: str | QColor) -> float:
    """The WCAG contrast ratio of two colours, 1 to 21 (AA asks 4.5 for text)."""
    def luminance(colour) -> float:
        colour = QColor(colour)

        def channel(value: float) -> float:
            return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

        return 0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())

    high, low = sorted((luminance(one), luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


ON_LIGHT, ON_DARK = "#10161c", "#ffffff"


def on(fill: str | QColor) -> QColor:
    """The text colour that reads best on `fill`: near-black or white."""
    return QColor(ON_DARK if contrast(ON_DARK, fill) >= contrast(ON_LIGHT, fill) else ON_LIGHT)


def colours(widget: QWidget | None = None) -> Colours:
    """The theme a widget is painted in, read from its palette."""
    palette = widget.palette() if widget is not None else QGuiApplication.palette()
    return DARK if palette.color(QPalette.ColorRole.Window).lightness() < 128 else LIGHT


def system_is_dark() -> bool:
    hints = QGuiApplication.styleHints()
    return hints.colorScheme() == Qt.ColorScheme.Dark


def resolve(theme: str) -> Colours:
    if theme == "dark":
        return DARK
    if theme == "light":
        return LIGHT
    return DARK if system_is_dark() else LIGHT


def register_fonts() -> str:
    """Register the bundled DejaVu Sans so text renders the same everywhere."""
    family = FONT_FAMILY
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf"):
        font_id = QFontDatabase.addApplicationFont(str(resource("fonts", name)))
        if font_id >= 0:
            family = QFontDatabase.applicationFontFamilies(font_id)[0]
    return family


def palette_for(c: Colours) -> QPalette:
    p = QPalette()
    role, group = QPalette.ColorRole, QPalette.ColorGroup
    for r, value in ((role.Window, c.window), (role.WindowText, c.text), (role.Base, c.base),
                     (role.AlternateBase, c.alt_base), (role.Text, c.text), (role.Button, c.panel),
                     (role.ButtonText, c.text), (role.ToolTipBase, c.panel), (role.ToolTipText, c.text),
                     (role.Highlight, c.accent), (role.HighlightedText, c.accent_text), (role.Link, c.accent),
                     (role.PlaceholderText, c.muted), (role.Mid, c.border), (role.Midlight, c.grid),
                     (role.Dark, c.border), (role.Light, c.panel), (role.Shadow, c.border)):
        p.setColor(r, QColor(value))
    for r in (role.WindowText, role.Text, role.ButtonText):
        p.setColor(group.Disabled, r, QColor(c.muted))
    return p


def _indicators(c: Colours) -> list[str]:
    """Check boxes and radio buttons drawn from the palette: Fusion derives their outline
    by darkening the window colour, which vanishes on a dark window."""
    check = resource("icons", f"check-{'dark' if c.dark else 'light'}.svg").as_posix()
    box = "QCheckBox::indicator, QGroupBox::indicator, QTreeView::indicator, QListView::indicator, " \
          "QTableView::indicator"
    return [
        f"{box}, QRadioButton::indicator {{ width: 0.95em; height: 0.95em; border: 1px solid {c.muted}; "
        f"background: {c.base}; }}",
        f"{box} {{ border-radius: 2px; }}",
        f"QRadioButton::indicator {{ border-radius: 0.5em; }}",
        f"QCheckBox::indicator:disabled, QRadioButton::indicator:disabled {{ border-color: {c.border}; "
        f"background: {c.window}; }}",
        f"{box.replace(',', ':checked,')}:checked {{ background: {c.accent}; border-color: {c.accent}; "
        f"image: url({check}); }}",
        f"QRadioButton::indicator:checked {{ border-color: {c.accent}; {_dot(c.accent, c.base)} }}",
        f"QCheckBox::indicator:checked:disabled {{ background: {c.muted}; border-color: {c.muted}; }}",
        f"QRadioButton::indicator:checked:disabled {{ border-color: {c.muted}; {_dot(c.muted, c.window)} }}",
        f"QCheckBox::indicator:focus, QRadioButton::indicator:focus {{ border: 2px solid {c.accent}; }}",
    ]


def _dot(dot: str, ring: str) -> str:
    return (f"background: qradialgradient(cx:0.5, cy:0.5, radius:0.5, fx:0.5, fy:0.5, stop:0 {dot}, "
            f"stop:0.5 {dot}, stop:0.6 {ring}, stop:1 {ring});")


def _inputs(c: Colours) -> list[str]:
    if not c.dark:
        return []
    # Spin boxes keep Fusion's frame: styling it would also restyle (and lose) their arrows.
    return [f"QLineEdit, QPlainTextEdit, QTextEdit {{ border: 1px solid {c.border}; "
            f"border-radius: 3px; background: {c.base}; padding: 2px; }}",
            f"QLineEdit:focus {{ border-color: {c.accent}; }}"]


def style_sheet(c: Colours, point_size: float) -> str:
    """Ordered fragments: base, cards, banners, headings, the view switcher, inputs."""
    big, small = point_size * 1.5, point_size * 0.9
    return "\n".join([
        f"QToolTip {{ color: {c.text}; background: {c.panel}; border: 1px solid {c.border}; padding: 4px; }}",
        f"QFrame[card=\"true\"] {{ background: {c.panel}; border: 1px solid {c.border}; border-radius: 6px; }}",
        f"QFrame[banner=\"warning\"] {{ background: {c.warning_bg}; border-bottom: 1px solid {c.border}; }}",
        f"QFrame[banner=\"warning\"] QLabel {{ color: {c.warning_fg}; }}",
        f"QFrame[banner=\"error\"] {{ background: {c.error_bg}; border-bottom: 1px solid {c.border}; }}",
        f"QFrame[banner=\"error\"] QLabel {{ color: {c.error_fg}; }}",
        f"QLabel[heading=\"1\"] {{ font-size: {big:.1f}pt; font-weight: bold; }}",
        f"QLabel[heading=\"2\"] {{ font-size: {point_size * 1.15:.1f}pt; font-weight: bold; }}",
        f"QLabel[muted=\"true\"] {{ color: {c.muted}; font-size: {small:.1f}pt; }}",
        f"QTabBar::tab {{ padding: 6px 14px; }}",
        f"QTabBar::tab:selected {{ color: {c.accent}; font-weight: bold; }}",
        f"QPushButton[primary=\"true\"] {{ background: {c.accent}; color: {c.accent_text}; border: none; "
        f"border-radius: 4px; padding: 6px 14px; font-weight: bold; }}",
        f"QPushButton[primary=\"true\"]:focus {{ border: 2px solid {c.text}; }}",
        *_indicators(c),
        *_inputs(c),
    ])


def apply_theme(app: QApplication, theme: str, zoom: float = 1.0, family: str = FONT_FAMILY) -> Colours:
    c = resolve(theme)
    if app.style().name().lower() != "fusion":
        app.setStyle("Fusion")
    app.setPalette(palette_for(c))
    font = QFont(family)
    font.setPointSizeF(BASE_POINT_SIZE * zoom)
    app.setFont(font)
    app.setStyleSheet(style_sheet(c, BASE_POINT_SIZE * zoom))
    return c


_ICON_SIZES = (16, 24, 32, 48)
_icons: dict[tuple[str, str, str], object] = {}  # (name, text colour, muted colour) -> QIcon


def icon(name: str, c: Colours | None = None):
    """A toolbar icon drawn in the theme's text colour (muted when disabled). Drawn once
    per name and colours: a view's tab and its toolbar action share one."""
    c = c or colours()
    key = (name, c.text, c.border)
    if key not in _icons:
        _icons[key] = _draw_icon(name, c)
    return _icons[key]


def _draw_icon(name: str, c: Colours):
    from PySide6.QtCore import QByteArray
    from PySide6.QtGui import QIcon, QPainter, QPixmap
    from PySide6.QtSvg import QSvgRenderer

    source = resource("icons", f"{name}.svg").read_text(encoding="utf-8")
    result = QIcon()
    for mode, colour in ((QIcon.Mode.Normal, c.text), (QIcon.Mode.Disabled, c.border)):
        renderer = QSvgRenderer(QByteArray(source.replace("currentColor", colour).encode()))
        for size in _ICON_SIZES:
            pixmap = QPixmap(size, size)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            renderer.render(painter)
            painter.end()
            result.addPixmap(pixmap, mode)
    return result
