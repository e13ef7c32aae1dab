"""`roadmap-planner screenshot`: the real window, rendered offscreen, for every view."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtGui import QImage

from planner.cli import main

VIEWS = ("welcome", "dashboard", "assessment", "graph", "options", "roadmap")


def colours(image: QImage) -> int:
    """How many distinct colours a sample grid of the image holds (a blank image: 1)."""
    return len({image.pixel(x, y) for x in range(0, image.width(), 9) for y in range(0, image.height(), 9)})


@pytest.mark.parametrize("view", VIEWS)
def test_every_view_renders(view, tmp_path, capsys):
    out = tmp_path / f"{view}.png"
    assert main(["screenshot", "--demo", "--view", view, "-o", str(out), "--size", "1024x768"]) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1024, 768)
    assert colours(image) > 20
    assert f"wrote {out}" in capsys.readouterr().out


@pytest.mark.parametrize("view", ["workshop", "wrapup"])
@pytest.mark.parametrize("size, theme", [((1024, 768), "dark"), ((1280, 720), "light"), ((1920, 1080), "dark"),
                                         ((1920, 1080), "light")])
def test_workshop_screens_render_at_projector_sizes_in_the_apps_theme(view, size, theme, tmp_path):
    out = tmp_path / f"{view}.png"
    assert main(["screenshot", "--demo", "--view", view, "-o", str(out), "--size", f"{size[0]}x{size[1]}",
                 "--theme", theme]) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == size
    assert colours(image) > 8
    samples = [image.pixelColor(x, y).lightness() for x in range(0, size[0], 37) for y in range(0, size[1], 37)]
    ground = sum((value < 60) if theme == "dark" else (value > 200) for value in samples)
    assert ground > 0.6 * len(samples)  # the slide follows the theme: mostly dark, or mostly light


@pytest.mark.parametrize("size", [(1024, 768), (1280, 720)])
def test_workshop_text_is_never_clipped_on_small_projectors(size, demo_path, tmp_path):
    from planner.ui.screenshot import copy_plan, settle, show, workshop

    copy = tmp_path / "copy.mlplan"
    copy_plan(demo_path, copy)
    app, window = show(copy, "workshop", size)
    try:
        mode = workshop(window, "workshop", size)
        slide = mode.windows[0]
        clipped = {}
        for index, cap in enumerate(mode.session.agenda):  # every capability's slide
            mode.session.go(index)
            settle(app, slide)
            clipped.update({cap: found for found in [clipped_labels(slide)] if found})
        mode.session.show_screen("summary")
        settle(app, slide)
        assert clipped_labels(slide) == []
        assert clipped == {}
    finally:
        window.close()


def test_a_plan_renders_from_a_copy_and_is_left_untouched(demo_path, tmp_path):
    before = demo_path.read_bytes()
    out = tmp_path / "plan.png"
    assert main(["screenshot", str(demo_path), "--view", "dashboard", "-o", str(out), "--size", "800x600"]) == 0
    assert QImage(str(out)).width() == 800
    assert demo_path.read_bytes() == before
    assert not (demo_path.parent / "demo.mlplan.lock").exists()


def test_scale_and_dark_theme(tmp_path):
    out = tmp_path / "roadmap@2x.png"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run([sys.executable, "-m", "planner", "screenshot", "--demo", "--view", "roadmap", "-o", str(out),
                          "--size", "900x600", "--scale", "2", "--theme", "dark"],
                         capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 0, run.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1800, 1200)
    corner = image.pixelColor(image.width() // 2, image.height() - 4)  # the status bar
    assert corner.lightness() < 100  # dark


@pytest.mark.parametrize("args, message", [
    (["--size", "huge"], "is not a size"),
    (["--scale", "9"], "--scale must be between"),
    (["--view", "nowhere"], "invalid choice"),
])
def test_usage_errors_exit_2(args, message, tmp_path, capsys):
    base = ["screenshot", "--demo", "--view", "dashboard", "-o", str(tmp_path / "x.png")]
    with pytest.raises(SystemExit) as info:
        main(base + args)
    assert info.value.code == 2
    assert message in capsys.readouterr().err


def test_a_bad_plan_is_a_message_not_a_traceback(tmp_path, capsys):
    bad = tmp_path / "bad.mlplan"
    bad.write_text("not a plan")
    assert main(["screenshot", str(bad), "--view", "dashboard", "-o", str(tmp_path / "x.png")]) == 1
    err = capsys.readouterr().err
    assert "not a plan file" in err and "Traceback" not in err
    assert not (tmp_path / "x.png").exists()


def clipped_labels(window) -> list[str]:
    """Visible wrapped labels laid out shorter than their text needs at their width."""
    from PySide6.QtWidgets import QLabel

    return [label.text()[:40] for label in window.findChildren(QLabel)
            if label.isVisible() and label.wordWrap() and label.text()
            and label.height() < label.heightForWidth(label.width())]


def test_the_shot_waits_for_nested_layouts(demo_path, tmp_path):
    """The assessment panel's level descriptors sit three layouts deep; grabbing before
    they settle drew them squashed on top of each other."""
    from planner.ui.screenshot import copy_plan, settle, show

    copy = tmp_path / "copy.mlplan"
    copy_plan(demo_path, copy)
    app, window = show(copy, "assessment", (1920, 1080))
    try:
        settle(app, window)
        view = window.workspace.current_view()
        assert view.detail is not None and view.detail.isVisible()
        assert clipped_labels(view.detail) == []
    finally:
        window.close()
