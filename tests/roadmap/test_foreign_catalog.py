"""Roadmaps on a catalog other than the bundled one: the small example on a 1-4 scale."""

import shutil
from pathlib import Path

import pytest

from planner.roadmap.engine import plan_roadmap
from planner.roadmap.model import InfeasiblePlan
from planner.store import commands as c
from planner.store.planfile import PlanFile

from .checker import check_roadmap

SMALL = Path(__file__).resolve().parents[2] / "docs" / "examples" / "small_catalog"


@pytest.fixture
def small(tmp_path):
    target = tmp_path / "catalog"
    shutil.copytree(SMALL, target)
    return target


def test_missing_build_estimates_are_named(small, tmp_path):
    with PlanFile.create(tmp_path / "p.mlplan", small) as plan:
        c.SetTarget("continuous_training", 3).apply(plan)
        with pytest.raises(InfeasiblePlan) as info:
            plan_roadmap(plan.catalog, plan.state)
    assert any("no build estimate for Continuous training 1→2" in d and 'approach = "build"' in d
               for d in info.value.diagnosis)


def test_roadmap_with_the_catalog_s_own_roles(small, tmp_path):
    estimates = "".join(
        f'\n[[estimate]]\ncapability = "{cap}"\nto_level = {level}\napproach = "build"\n'
        f'effort = {{ ml_engineering = 3, platform = 1 }}\nlead_time_weeks = 6\nbasis = "Estimate: test"\n'
        'confidence = "low"\n'
        for cap in ("data_validation", "orchestration", "continuous_training") for level in (2, 3))
    (small / "estimates.toml").write_text(estimates)
    with PlanFile.create(tmp_path / "p.mlplan", small) as plan:
        c.SetTarget("continuous_training", 3).apply(plan)
        roadmap = plan_roadmap(plan.catalog, plan.state)
    check_roadmap(roadmap)
    assert set(roadmap.settings.capacity) == {"ml_engineering", "platform"}
    assert roadmap.item("continuous_training:2-3").start >= roadmap.item("orchestration:2-3").finish
    google = next(m for m in roadmap.milestones if m.framework == "google")
    assert google.reached == roadmap.makespan - 1  # in the last period
