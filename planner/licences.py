"""The third-party notices shown in Help > About and shipped with the bundle as
THIRD-PARTY-LICENSES.txt: every distribution the app depends on, its version and licence,
and the text of its licence files; Qt's LGPL notice, with how to get Qt's source."""

from __future__ import annotations

import importlib.metadata as md
import re
import sys
from pathlib import Path
from typing import Iterable

from .resources import resource

APP = "mlops-roadmap-planner"
BUNDLED_FILE = "THIRD-PARTY-LICENSES.txt"

QT_NOTICE = """\
Qt for Python (PySide6, shiboken6) and the Qt libraries it contains are used under the
GNU Lesser General Public License version 3 (LGPL-3.0-only). The app links to them
dynamically and does not modify them; you may replace the Qt libraries in the bundle
with your own build. The Qt source code is available from https://download.qt.io (Qt)
and https://code.qt.io/cgit/pyside/pyside-setup.git (Qt for Python), and on request
for three years from the date of this release."""


def closure(roots: Iterable[str]) -> dict[str, md.Distribution]:
    """The installed distributions `roots` need, the roots included and optional extras
    left out, by canonical name."""
    seen: dict[str, md.Distribution] = {}
    todo = list(roots)
    while todo:
        name = _canonical(todo.pop())
        if name in seen:
            continue
        try:
            dist = md.distribution(name)
        except md.PackageNotFoundError:
            continue
        seen[name] = dist
        for requirement in dist.requires or ():
            if "extra ==" in requirement or not _applies(requirement):
                continue
            todo.append(re.split(r"[ ;<>=!~\[(]", requirement, maxsplit=1)[0])
    return seen


def dependencies(root: str = APP) -> list[md.Distribution]:
    """The installed distributions `root` needs, without optional extras, by name."""
    found = closure([root])
    return [found[n] for n in sorted(found) if n != _canonical(root)]


def third_party_text() -> str:
    """The notices: the bundled file in a frozen app, else built from what is installed."""
    bundled = Path(getattr(sys, "_MEIPASS", "")) / BUNDLED_FILE
    if getattr(sys, "frozen", False) and bundled.is_file():
        return bundled.read_text(encoding="utf-8")
    parts = ["MLOps Roadmap Planner: third-party software", "", QT_NOTICE, ""]
    for dist in dependencies():
        meta = dist.metadata
        licence = meta.get("License-Expression") or _short(meta.get("License")) or _classifier(meta)
        parts += ["=" * 78, f"{meta['Name']} {dist.version}: {licence or 'see its licence file'}",
                  meta.get("Home-page") or _project_url(meta) or "", ""]
        for file in dist.files or ():
            if re.search(r"(LICEN[CS]E|COPYING|NOTICE)", file.name, re.IGNORECASE) and file.suffix in ("", ".txt", ".md", ".rst"):
                try:
                    parts += [f"--- {file.name}", file.locate().read_text(encoding="utf-8", errors="replace").strip(), ""]
                except OSError:
                    continue
    # The LGPL-3.0 asks that its text (and the GPL-3.0 it builds on) go with the Qt
    # libraries; the PySide6 and shiboken6 wheels carry only a header and a URL.
    for name in ("LGPL-3.0.txt", "GPL-3.0.txt"):
        parts += ["=" * 78, f"The {name.removesuffix('.txt')} licence text, for Qt, PySide6 and shiboken6", "",
                  resource("licenses", name).read_text(encoding="utf-8").strip(), ""]
    return "\n".join(parts).rstrip() + "\n"


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _applies(requirement: str) -> bool:
    """False for requirements whose environment marker excludes this Python."""
    marker = requirement.partition(";")[2].strip()
    if not marker:
        return True
    try:
        from packaging.markers import Marker
    except ImportError:
        return "python_version <" not in marker or sys.version_info[:2] < (3, 12)
    return Marker(marker).evaluate()


def _short(value: str | None) -> str:
    """A License field, unless it holds the whole licence text."""
    return value if value and "\n" not in value and len(value) < 100 else ""


def _classifier(meta) -> str:
    found = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or () if c.startswith("License ::")]
    return ", ".join(found)


def _project_url(meta) -> str:
    for entry in meta.get_all("Project-URL") or ():
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "home", "source", "repository"):
            return url.strip()
    return ""
