"""The same plan gives the same roadmap on any machine, busy or idle, on one core or
many: every improvement stage is bounded by counted work, and the clock is only a guard
that, when it cuts, says so."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from planner.roadmap.engine import plan_roadmap
from planner.roadmap.render import roadmap_json
from planner.roadmap.scenarios import plan_variants
from planner.store.demo import build_demo

from .load import busy

ROOT = Path(__file__).resolve().parent.parent


def demo_json(prefix: list[str] = ()) -> dict:
    """`roadmap --demo --json` in a fresh process (as a user would run it)."""
    out = subprocess.run([*prefix, sys.executable, "-m", "planner", "roadmap", "--demo", "--json"], cwd=ROOT,
                         capture_output=True, text=True, timeout=120, check=True).stdout
    return json.loads(out)


@pytest.fixture(scope="module")
def quiet():
    data = demo_json()
    assert data["optimal"] and data["complete"] and not data["cut_by_guard"]
    return data


def test_the_demo_is_the_same_with_two_busy_processes(quiet):
    with busy(2):
        loaded = demo_json()
    assert loaded == quiet


@pytest.mark.skipif(shutil.which("taskset") is None, reason="taskset (util-linux) is not installed")
def test_the_demo_is_the_same_on_one_core_beside_a_busy_one(quiet):
    with busy(2):
        pinned = demo_json(["taskset", "-c", "0"])
    assert pinned == quiet


def test_in_process_roadmaps_match_under_load(tmp_path):
    """Every scenario of the demo, planned in this process with the machine busy, gives
    the JSON the quiet plan gives."""
    with build_demo(tmp_path / "demo.mlplan") as plan:
        catalog, state = plan.catalog, plan.state
    names = [None, *sorted(state.scenarios)]
    calm = [roadmap_json(catalog, plan_roadmap(catalog, state, name)) for name in names]
    with busy(2):
        loaded = [roadmap_json(catalog, plan_roadmap(catalog, state, name)) for name in names]
        side_by_side = plan_variants(catalog, state, names)  # on threads, as the report plans them
    assert loaded == calm
    assert [roadmap_json(catalog, side_by_side[name]) for name in names] == calm
    assert all(r["complete"] and r["optimal"] for r in calm)


def test_a_cut_says_so(tmp_path):
    """A guard too short for the work: the roadmap says it was cut, in the JSON and in
    words, and is not called complete."""
    from dataclasses import replace

    from planner.roadmap.render import roadmap_text

    with build_demo(tmp_path / "demo.mlplan") as plan:
        catalog, state = plan.catalog, plan.state
    roadmap = plan_roadmap(catalog, replace(state, settings={**state.settings, "time_limit": 0.000001}))
    data = roadmap_json(catalog, roadmap)
    assert data["cut_by_guard"] and not data["complete"]
    assert "the time guard stopped the search early" in roadmap_text(catalog, roadmap)
    uncut = plan_roadmap(catalog, state)
    assert not uncut.cut and uncut.complete
