import shutil
from pathlib import Path

import pytest

from planner.catalog.load import bundled_catalog_dir, load_catalog

SMALL = Path(__file__).resolve().parents[2] / "docs" / "examples" / "small_catalog"


@pytest.fixture(scope="session")
def bundled():
    return load_catalog(bundled_catalog_dir())


@pytest.fixture
def small_dir(tmp_path):
    """A writable copy of the small example catalog from the docs."""
    target = tmp_path / "catalog"
    shutil.copytree(SMALL, target)
    return target
