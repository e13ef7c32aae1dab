"""An installed wheel, not the source tree, finds its catalog and resources."""

import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    # Build from a copy: building in place leaves a build/ folder in the checkout that a
    # later `pip install .` could take stale files from.
    source = tmp_path_factory.mktemp("source") / "src"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".git", "build", "*.egg-info", ".ci", "__pycache__"))
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(source)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    (path,) = out.glob("mlops_roadmap_planner-*.whl")
    return path


def test_every_package_is_listed_in_pyproject():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "planner").rglob("__init__.py")}
    assert found <= listed


def test_wheel_ships_catalog_and_resources(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {n for n in names if n.startswith("planner/data/capability_catalog/")}
    source = {f"planner/data/capability_catalog/{p.relative_to(ROOT / 'capability_catalog').as_posix()}"
              for p in (ROOT / "capability_catalog").rglob("*.toml")}
    assert source and source <= shipped
    assert any(n.startswith("planner/data/resources/") for n in names)


def test_installed_wheel_finds_its_catalog_from_another_directory(wheel, tmp_path):
    target = tmp_path / "site"
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    script = (
        "import planner, sys\n"
        "from planner.catalog.load import bundled_catalog_dir\n"
        "from planner.cli import main\n"
        f"assert planner.__file__.startswith({str(target)!r}), planner.__file__\n"
        f"assert str(bundled_catalog_dir()).startswith({str(target)!r}), bundled_catalog_dir()\n"
        "sys.exit(main(['catalog', 'validate']))\n"
    )
    env = {"PYTHONPATH": str(target), "PATH": "/usr/bin:/bin"}
    run = subprocess.run([sys.executable, "-c", script], cwd=elsewhere, env=env,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "OK - 32 capabilities" in run.stdout
