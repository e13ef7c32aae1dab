"""The docs' images come from one script (docs/render_images.py), so they cannot drift
from what the app shows."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
IMAGES = ROOT / "docs" / "images"


def render_script():
    spec = importlib.util.spec_from_file_location("render_images", ROOT / "docs" / "render_images.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_every_image_has_a_recipe_and_every_recipe_an_image():
    recipes = set(render_script().RECIPES)
    committed = {path.name for path in IMAGES.glob("*.png")}
    assert committed == recipes


def test_every_image_the_docs_show_is_committed():
    shown = set()
    for doc in [ROOT / "README.md", *(ROOT / "docs").glob("*.md")]:
        for part in doc.read_text(encoding="utf-8").split("images/")[1:]:
            name = part.split(")")[0]
            if name.endswith(".png"):
                shown.add(name)
    assert shown and shown <= {path.name for path in IMAGES.glob("*.png")}


APP_IMAGES = sorted(name for name, recipe in render_script().RECIPES.items() if recipe[0] == "app")


@pytest.mark.parametrize("name", APP_IMAGES)
def test_the_committed_image_is_a_fresh_render(name, tmp_path):
    """Every image of the app, rendered now, is the committed one: a change to what a
    view draws fails here until the images are rendered again (the roadmap is the demo's
    proven optimum, the same on every machine, and the today line a fixed day). The PDF
    pages carry the day they were made, so they are not compared."""
    script = render_script()
    fresh = script.render(name, tmp_path, tmp_path)
    share = script.difference(IMAGES / name, fresh)
    assert share <= 0.001, f"{name}: {share:.2%} of pixels differ; run python docs/render_images.py"
