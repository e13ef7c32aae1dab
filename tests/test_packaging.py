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


def test_the_notices_carry_the_lgpl_and_gpl_texts_qt_asks_for():
    from planner.licences import third_party_text

    text = third_party_text()
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in text and "Version 3, 29 June 2007" in text
    assert "GNU GENERAL PUBLIC LICENSE" in text and "TERMS AND CONDITIONS" in text


def test_the_bundle_leaves_out_qt_network_and_the_gtk_theme():
    spec = (Path(__file__).resolve().parent.parent / "packaging" / "roadmap-planner.spec").read_text()
    assert '"PySide6.QtNetwork"' in spec
    for plugin in ("/plugins/tls/", "/plugins/networkinformation/", "/plugins/platformthemes/libqgtk3"):
        assert plugin in spec


def test_the_linux_installer_says_what_it_could_not_set_up(tmp_path):
    """Without xdg-utils (a PATH with none of the desktop tools) the script says so and
    names the package, instead of claiming .mlplan files now open in the app."""
    import os
    import shutil
    import subprocess

    root = Path(__file__).resolve().parent.parent
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    (bundle / "roadmap-planner").write_text("#!/bin/sh\n")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("bash", "mkdir", "ln", "sed", "cp", "basename", "dirname"):  # only the basics
        found = shutil.which(tool)
        if found:
            (bin_dir / tool).symlink_to(found)
    env = {"PATH": str(bin_dir), "HOME": str(tmp_path / "home"), "XDG_DATA_HOME": str(tmp_path / "data")}
    done = subprocess.run([str(bin_dir / "bash"), str(root / "packaging" / "linux" / "install.sh"), str(bundle)],
                          capture_output=True, text=True, env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "now open in" not in done.stdout
    assert "not set up: opening .mlplan files with the app (xdg-mime is not installed)" in done.stderr
    assert "xdg-utils" in done.stderr
