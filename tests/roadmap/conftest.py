import pytest

from planner.store.demo import build_demo


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    """The demo plan's catalog and state (read once per module)."""
    plan = build_demo(tmp_path_factory.mktemp("demo") / "demo.mlplan")
    catalog, state = plan.catalog, plan.state
    plan.close()
    return catalog, state


@pytest.fixture
def demo_plan(tmp_path):
    """A writable demo plan file."""
    with build_demo(tmp_path / "demo.mlplan") as plan:
        yield plan
