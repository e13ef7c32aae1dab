"""The app's own settings (not the plan's): typed, versioned, kept in an INI file.

Each value has one typed accessor, so nothing else spells keys or converts types. A
`version` key lets a later release migrate old keys (see `_migrate`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

from . import paths

VERSION = 1
MAX_RECENT = 8
THEMES = ("system", "light", "dark")
VIEWS = ("dashboard", "assessment", "graph", "options", "roadmap")
ZOOM_STEPS = (0.8, 0.9, 1.0, 1.1, 1.25, 1.4, 1.6, 1.8, 2.0)


class AppSettings:
    """`path` None keeps the settings in memory only (screenshots and benchmarks must
    neither read nor change the user's settings)."""

    def __init__(self, path: Path | None = None):
        self._memory: dict[str, object] | None = None if path is not None else {}
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._qs = QSettings(str(path), QSettings.Format.IniFormat)
            self._migrate()

    @classmethod
    def user(cls) -> "AppSettings":
        return cls(paths.settings_file())

    @classmethod
    def in_memory(cls) -> "AppSettings":
        return cls(None)

    # -- raw access ---------------------------------------------------------------------

    def _get(self, key: str, default=None):
        if self._memory is not None:
            return self._memory.get(key, default)
        return self._qs.value(key, default)

    def _set(self, key: str, value) -> None:
        if self._memory is not None:
            self._memory[key] = value
        else:
            self._qs.setValue(key, value)

    def sync(self) -> None:
        if self._memory is None:
            self._qs.sync()

    def _migrate(self) -> None:
        stored = int(self._get("version", 0) or 0)
        if stored > VERSION:
            return  # written by a newer release: read what we know, leave the rest
        # Version 1 is the first layout; later versions add their steps here.
        self._set("version", VERSION)

    # -- typed values -------------------------------------------------------------------

    @property
    def recent_files(self) -> list[str]:
        value = self._get("files/recent", [])
        if isinstance(value, str):  # QSettings returns a one-item list as a string
            value = [value]
        return [str(v) for v in value or [] if v]

    def add_recent(self, path: str | Path) -> None:
        text = str(Path(path).resolve())
        files = [text] + [f for f in self.recent_files if f != text]
        self._set("files/recent", files[:MAX_RECENT])

    def remove_recent(self, path: str) -> None:
        self._set("files/recent", [f for f in self.recent_files if f != path])

    def clear_recent(self) -> None:
        self._set("files/recent", [])

    @property
    def last_plan(self) -> str:
        return str(self._get("files/last", "") or "")

    @last_plan.setter
    def last_plan(self, value: str | Path | None) -> None:
        self._set("files/last", str(value) if value else "")

    @property
    def geometry(self) -> QByteArray | None:
        value = self._get("window/geometry")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._set("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        value = self._get("window/state")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._set("window/state", value)

    @property
    def last_view(self) -> str:
        value = str(self._get("window/view", "dashboard") or "dashboard")
        return value if value in VIEWS else "dashboard"

    @last_view.setter
    def last_view(self, value: str) -> None:
        if value in VIEWS:
            self._set("window/view", value)

    @property
    def workshop_screen(self) -> int:
        """The screen workshop mode opens on (its index); -1: a screen the main window is
        not on, when there is one."""
        try:
            return int(self._get("workshop/screen", -1))
        except (TypeError, ValueError):
            return -1

    @workshop_screen.setter
    def workshop_screen(self, value: int) -> None:
        self._set("workshop/screen", int(value))

    @property
    def workshop_timebox(self) -> tuple[int, int]:
        """Workshop timers in minutes: the session's length and each capability's
        timebox; 0 turns one off."""
        try:
            value = tuple(int(v) for v in str(self._get("workshop/timebox", "120 4")).split())
        except (TypeError, ValueError):
            value = ()
        return value if len(value) == 2 and all(0 <= v <= 24 * 60 for v in value) else (120, 4)

    @workshop_timebox.setter
    def workshop_timebox(self, value: tuple[int, int]) -> None:
        self._set("workshop/timebox", f"{int(value[0])} {int(value[1])}")

    @property
    def theme(self) -> str:
        value = str(self._get("appearance/theme", "system") or "system")
        return value if value in THEMES else "system"

    @theme.setter
    def theme(self, value: str) -> None:
        if value in THEMES:
            self._set("appearance/theme", value)

    @property
    def zoom(self) -> float:
        try:
            value = float(self._get("appearance/zoom", 1.0))
        except (TypeError, ValueError):
            return 1.0
        return min(ZOOM_STEPS, key=lambda step: abs(step - value))

    @zoom.setter
    def zoom(self, value: float) -> None:
        self._set("appearance/zoom", float(value))

    @property
    def export_folder(self) -> str:
        return str(self._get("files/export_folder", "") or "")

    @export_folder.setter
    def export_folder(self, value: str | Path) -> None:
        self._set("files/export_folder", str(value))
