"""Contrast of the themes' text and marks, computed from their palettes (WCAG AA: 4.5:1)."""

from __future__ import annotations

import pytest

from planner.ui import theme

AA = 4.5
TEXT = ("text", "muted", "accent", "critical", "target", "success", "current")  # drawn as text or thin marks
GROUNDS = ("base", "window", "panel", "alt_base")  # what they are drawn on


@pytest.mark.parametrize("colours", [theme.LIGHT, theme.DARK], ids=["light", "dark"])
def test_every_text_colour_reads_on_every_ground(colours):
    low = [(fg, bg, round(theme.contrast(getattr(colours, fg), getattr(colours, bg)), 2))
           for fg in TEXT for bg in GROUNDS
           if theme.contrast(getattr(colours, fg), getattr(colours, bg)) < AA]
    assert not low
    for fg, bg in (("accent_text", "accent"), ("warning_fg", "warning_bg"), ("error_fg", "error_bg")):
        assert theme.contrast(getattr(colours, fg), getattr(colours, bg)) >= AA, (fg, bg)


@pytest.mark.parametrize("colours", [theme.LIGHT, theme.DARK], ids=["light", "dark"])
def test_every_lane_and_role_swatch_stands_out_and_carries_readable_text(colours):
    swatches = [c for _, c in colours.dimensions] + list(colours.extra)
    for swatch in swatches:
        for ground in ("base", "alt_base"):
            assert theme.contrast(swatch, getattr(colours, ground)) >= AA, (swatch, ground)
        assert theme.contrast(theme.on(swatch), swatch) >= AA, swatch


def test_the_contrast_ratio_is_wcags():
    assert theme.contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert theme.contrast("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert theme.contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # WCAG's own example
    assert theme.on("#ffffff").name() == "#10161c" and theme.on("#10161c").name() == "#ffffff"


@pytest.mark.parametrize("colours", [theme.LIGHT, theme.DARK], ids=["light", "dark"])
def test_level_and_gap_fills_carry_readable_text_inside_a_readable_outline(colours):
    """The level ramp starts almost at the ground's colour (a sequential scale), so a
    node or a key's swatch is drawn inside an outline in the text colour, which reads on
    every ground; the node's words are written in theme.on of its fill."""
    from planner.ui.views.graph import swatch_outline
    from planner.ui.views.graph_scene import gap_colour

    fills = list(colours.levels) + [colours.not_applicable] + [gap_colour(0, gap, colours).name() for gap in (0, 1, 2)]
    for fill in fills:
        assert theme.contrast(theme.on(fill), fill) >= AA, fill
    for ground in GROUNDS:
        assert theme.contrast(swatch_outline(colours), getattr(colours, ground)) >= AA, ground


@pytest.mark.parametrize("colours", [theme.LIGHT, theme.DARK], ids=["light", "dark"])
def test_no_role_is_drawn_in_the_over_limit_red_or_the_budgets_colour(colours):
    """The usage chart marks more than the limit in red and draws the budget in the target
    colour; the bundled catalog's fourth role (data science) was red."""
    from planner.catalog.load import load_catalog

    def apart(one, other) -> int:
        gap = abs(one.hsvHue() - other.hsvHue())
        return min(gap, 360 - gap)

    for index in range(len(load_catalog().roles)):
        role = colours.role(index)
        assert apart(role, colours.q("critical")) >= 30 and apart(role, colours.q("target")) >= 30, (index, role.name())
