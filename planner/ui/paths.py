"""Where the desktop app keeps its files, by platform convention.

- settings: Linux `$XDG_CONFIG_HOME/mlops-roadmap-planner/settings.ini` (default
  `~/.config/...`), macOS `~/Library/Preferences/MLOps Roadmap Planner/`, Windows
  `%APPDATA%\\MLOps Roadmap Planner\\`;
- data (the demo plan): Linux `$XDG_DATA_HOME/mlops-roadmap-planner/` (default
  `~/.local/share/...`), macOS `~/Library/Application Support/MLOps Roadmap Planner/`,
  Windows `%LOCALAPPDATA%\\MLOps Roadmap Planner\\`;
- logs: Linux `$XDG_STATE_HOME/mlops-roadmap-planner/log/` (default `~/.local/state/...`),
  macOS `~/Library/Logs/MLOps Roadmap Planner/`, Windows
  `%LOCALAPPDATA%\\MLOps Roadmap Planner\\Logs\\`.

`ROADMAP_PLANNER_HOME`, when set, puts all three in one folder (`config`, `data`, `log`):
for portable installs and for tests, which must never touch the user's own files.
Qt-free, so the CLI and tests can ask where things are without starting Qt.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_ID = "mlops-roadmap-planner"
DESKTOP_ID = "org.mlops_roadmap_planner.RoadmapPlanner"  # the desktop file's and AppStream id
APP_NAME = "MLOps Roadmap Planner"
HOME_OVERRIDE = "ROADMAP_PLANNER_HOME"


def _home(kind: str) -> Path | None:
    root = os.environ.get(HOME_OVERRIDE)
    return Path(root) / kind if root else None


def _xdg(variable: str, default: str) -> Path:
    value = os.environ.get(variable)
    return Path(value) if value and Path(value).is_absolute() else Path.home() / default


def config_dir() -> Path:
    if (home := _home("config")) is not None:
        return home
    if sys.platform == "win32":
        return Path(os.environ.get("APPDATA", Path.home() / "AppData" / "Roaming")) / APP_NAME
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Preferences" / APP_NAME
    return _xdg("XDG_CONFIG_HOME", ".config") / APP_ID


def data_dir() -> Path:
    if (home := _home("data")) is not None:
        return home
    if sys.platform == "win32":
        return Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local")) / APP_NAME
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_NAME
    return _xdg("XDG_DATA_HOME", ".local/share") / APP_ID


def log_dir() -> Path:
    if (home := _home("log")) is not None:
        return home
    if sys.platform == "win32":
        return data_dir() / "Logs"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Logs" / APP_NAME
    return _xdg("XDG_STATE_HOME", ".local/state") / APP_ID / "log"


def settings_file() -> Path:
    return config_dir() / "settings.ini"


def demo_plan_path() -> Path:
    """The demo plan opened by `roadmap-planner --demo`: a real plan file, so edits
    autosave like any other plan."""
    return data_dir() / "demo.mlplan"


def log_file() -> Path:
    return log_dir() / "roadmap-planner.log"


def recovery_path(plan: Path) -> Path:
    """Where a plan's unsaved edits go when its own file cannot be written at close: a copy
    in the data folder, named after the plan and the moment."""
    from datetime import datetime

    folder = data_dir() / "recovered"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y-%m-%d %H-%M-%S")
    return folder / f"{Path(plan).stem} (unsaved edits {stamp}).mlplan"
