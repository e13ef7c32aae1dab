"""Where the bundled catalog and resources (fonts, icons) are: inside the installed
package, or at the top of a source checkout. Qt-free and cheap to import."""

from __future__ import annotations

from pathlib import Path


def resources_dir() -> Path:
    package = Path(__file__).resolve().parent
    installed = package / "data" / "resources"
    return installed if installed.is_dir() else package.parent / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def bundled_catalog_dir() -> Path:
    """The catalog shipped with the app: inside the installed package, or at the top of
    a source checkout."""
    package = Path(__file__).resolve().parent
    installed = package / "data" / "capability_catalog"
    return installed if installed.is_dir() else package.parent / "capability_catalog"


def docs_dir() -> Path:
    """The user guide and its screenshots: inside the installed package, or docs/ in a
    source checkout."""
    package = Path(__file__).resolve().parent
    installed = package / "data" / "docs"
    return installed if installed.is_dir() else package.parent / "docs"
