"""The Linux desktop integration in packaging/linux: valid files that agree with each
other and with the app (its desktop id, the .mlplan type, the icon)."""

import configparser
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINUX = ROOT / "packaging" / "linux"
DESKTOP_ID = "org.mlops_roadmap_planner.RoadmapPlanner"


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(LINUX / f"{DESKTOP_ID}.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


def test_the_desktop_file_opens_plans_and_matches_the_app():
    from planner.ui.paths import APP_ID, DESKTOP_ID as app_desktop_id

    entry = desktop_entry()
    assert app_desktop_id == DESKTOP_ID and entry["Icon"] == DESKTOP_ID
    assert entry["Exec"] == "roadmap-planner %f"  # the file manager passes the plan's path
    assert "application/x-mlplan" in entry["MimeType"].split(";")
    assert entry["StartupWMClass"] == APP_ID
    mime = (LINUX / "mlplan-mime.xml").read_text(encoding="utf-8")
    assert 'type="application/x-mlplan"' in mime and 'pattern="*.mlplan"' in mime
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    metainfo = (LINUX / f"{DESKTOP_ID}.metainfo.xml").read_text(encoding="utf-8")
    assert f'<release version="{project["version"]}"' in metainfo
    assert re.search(r"<binary>(.*)</binary>", metainfo).group(1) in project["scripts"]
    for size in (16, 32, 48, 128, 256, 512):
        assert (ROOT / "packaging" / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{DESKTOP_ID}.png").is_file()


@pytest.mark.parametrize("tool, args, name", [
    ("desktop-file-validate", [], f"{DESKTOP_ID}.desktop"),
    ("appstreamcli", ["validate", "--no-net"], f"{DESKTOP_ID}.metainfo.xml"),
])
def test_the_freedesktop_validators_pass(tool, args, name):
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed (Debian: desktop-file-utils, appstream)")
    done = subprocess.run([tool, *args, str(LINUX / name)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
