"""Workshop mode as a room sees it (issue 19): one meaning of "scored" on the header and
the slide, level cards that use the screen's height, each note once, the app's theme, and
a key line that reads on one line at projector sizes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPalette

from planner.cli import main
from planner.ui import theme
from planner.ui.workshop import style
from planner.ui.workshop.controller import Workshop

K = Qt.Key
SIZES = [(1920, 1080), (1280, 720), (1024, 768)]


def open_workshop(demo_window, qtbot, size=(1024, 768), capability=None) -> Workshop:
    mode = Workshop(demo_window.document, demo_window.settings, two_screens=False, parent=demo_window)
    mode.show(full_screen=False, size=size)
    window = mode.control
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.size().toTuple() == size and bool(window.styleSheet()), timeout=5000)
    if capability is not None:
        mode.session.go(mode.session.agenda.index(capability))
    qtbot.waitUntil(lambda: settled(window), timeout=5000)
    return mode


def settled(window) -> bool:
    """Laid out for the present text and style: the wrapped labels and the key line have
    the height their text needs at their width."""
    slide = window.slide
    return all(w.height() == w.heightForWidth(w.width()) for w in (slide.title, slide.summary, window.hint))


@pytest.fixture
def workshops(demo_window, qtbot):
    opened = []

    def make(size=(1024, 768), capability=None):
        opened.append(open_workshop(demo_window, qtbot, size, capability))
        return opened[-1]

    yield make
    for mode in opened:
        mode.close()


def scored_number(header: str) -> int:
    words = header.split(" scored in this session")[0].split()
    return int(words[-1])


def test_the_header_and_the_slide_say_scored_in_the_same_sense(workshops, demo_window, qtbot):
    """ "0 scored" on the header beside "now 1" on the slide read as a contradiction: the
    header counts what the room scored in this session, so the slide says whether its
    level is from this session or from before, in the same words."""
    mode = workshops(capability="data_validation")
    window, session = mode.control, mode.session
    slide = window.slide
    assert "0 scored in this session" in window.header.text()
    assert "level 1 (set before this session)" in slide.summary.text().lower()
    qtbot.keyClicks(window, "2")
    assert scored_number(window.header.text()) == 1
    assert "level 2 (scored in this session)" in slide.summary.text().lower()
    qtbot.keyClick(window, K.Key_Right)
    qtbot.keyClicks(window, "n")
    qtbot.keyClicks(window.prompt, "Not for this team")
    qtbot.keyClick(window.prompt, K.Key_Return)
    assert "not applicable (scored in this session)" in slide.summary.text().lower()
    said = 0  # every slide that says "scored in this session" is counted by the header, and no other
    for index in range(len(session.agenda)):
        session.go(index)
        said += "(scored in this session)" in slide.summary.text()
    assert said == scored_number(window.header.text()) == 2


def ink_bottom(image: QImage, left: int, top: int, right: int, bottom: int, ground: str) -> int:
    """The lowest row in the box holding a pixel that is not the ground colour."""
    ground = QColor(ground).rgb() & 0xFFFFFF
    for y in range(bottom - 1, top - 1, -1):
        if any(image.pixel(x, y) & 0xFFFFFF != ground for x in range(left, right, 3)):
            return y
    return top


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_levels_use_the_height_of_the_slide(workshops, qtbot, size):
    """The bottom third of a 1920x1080 slide was empty under the levels: the level cards
    now reach the bottom of their column, their text as large as fits (no smaller than
    the body text on a large screen), and never clipped."""
    mode = workshops(size, "data_validation")
    window = mode.control
    levels = window.slide.levels
    box = levels.geometry().translated(levels.parentWidget().mapTo(window, levels.geometry().topLeft())
                                       - levels.geometry().topLeft())
    image = window.grab().toImage()
    ground = window.palette().color(QPalette.ColorRole.Window).name()
    lowest = ink_bottom(image, box.left(), box.top(), box.right(), box.bottom() + 1, ground)
    assert lowest >= box.top() + 0.9 * box.height(), (lowest, box)
    assert levels.used_height() <= levels.height()
    if size[1] >= 900:
        assert levels.text_px() >= style.base_px(size[1])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_no_capabilitys_slide_is_clipped(workshops, qtbot, size):
    mode = workshops(size)
    window = mode.control
    levels = window.slide.levels
    for index, cap in enumerate(mode.session.agenda):
        mode.session.go(index)
        qtbot.waitUntil(steady(window), timeout=5000)
        assert clipped(window) == [], cap
        assert levels.used_height() <= levels.height(), cap
        assert levels.text_px() >= 0.8 * style.base_px(size[1]), cap


def test_each_note_shows_once(workshops, demo_window, qtbot):
    """The demo's data validation had "Baseline: Analysts check row counts by eye before
    training." and the same note kept again a year later: both showed. And a revealed
    round's note repeated what the votes panel shows."""
    mode = workshops((1920, 1080), "data_validation")
    window = mode.control
    notes = window.slide.notes
    assert notes.text().count("Analysts check row counts by eye") == 1
    assert "Baseline:" not in notes.text()  # the newest copy
    qtbot.keyClicks(window, "v22r")
    assert "Revealed" in window.slide.votes.text()
    assert "Vote round" not in notes.text()
    qtbot.keyClicks(window, "e")
    qtbot.keyClicks(window.prompt, "Checks run in CI since May")
    qtbot.keyClick(window.prompt, K.Key_Return)
    assert notes.text().count("Checks run in CI since May") == 1
    assert notes.text().count("Analysts check row counts by eye") == 1


def lightness(widget) -> float:
    """The share of light pixels in a sample of the widget's image."""
    image = widget.grab().toImage()
    points = [(x, y) for x in range(0, image.width(), 23) for y in range(0, image.height(), 23)]
    return sum(image.pixelColor(x, y).lightness() > 180 for x, y in points) / len(points)


def test_the_workshop_follows_the_apps_theme_also_while_open(workshops, qapp, qtbot):
    mode = workshops()
    window = mode.control
    assert lightness(window) > 0.6 and window.look is style.LIGHT  # the tests run in the light theme
    theme.apply_theme(qapp, "dark")
    qtbot.waitUntil(lambda: window.look is style.DARK and window.styleSheet() == style.sheet(window.height(),
                                                                                          style.DARK))
    assert lightness(window) < 0.2
    assert theme.colours(window.summary.radar).dark  # the chart is drawn in the dark theme's colours
    theme.apply_theme(qapp, "light")
    qtbot.waitUntil(lambda: window.look is style.LIGHT)
    assert lightness(window) > 0.6 and not theme.colours(window.summary.radar).dark


@pytest.mark.parametrize("name, light", [("light", True), ("dark", False)])
def test_the_screenshot_command_renders_the_workshop_in_the_theme_asked(name, light, tmp_path):
    out = tmp_path / f"{name}.png"
    assert main(["screenshot", "--demo", "--view", "workshop", "--theme", name, "--size", "1024x768",
                 "-o", str(out)]) == 0
    image = QImage(str(out))
    points = [(x, y) for x in range(0, image.width(), 29) for y in range(0, image.height(), 29)]
    share = sum(image.pixelColor(x, y).lightness() > 180 for x, y in points) / len(points)
    assert share > 0.6 if light else share < 0.2


@pytest.mark.parametrize("name", ["LIGHT", "DARK"])
def test_every_workshop_text_colour_reads_on_its_grounds(name):
    look = getattr(style, name)
    for name in style.TEXT_COLOURS:
        for ground in (look.background, look.panel):
            assert theme.contrast(getattr(look, name), ground) >= 4.5, (name, ground)


STATES = {"capability": "", "round": "v", "revealed": "v2r", "wrapup": "w"}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_key_line_reads_on_one_line_at_projector_sizes(workshops, qtbot, size):
    """It was small grey text wrapping onto a second line at every size."""
    mode = workshops(size)
    window = mode.control
    hint = window.hint
    line = QFontMetricsF(hint.font()).lineSpacing()
    assert hint.height() < 2 * line  # one line, not two
    assert hint.font().pixelSize() >= max(16, 0.8 * style.base_px(size[1]))  # was 0.72 of the body text
    for fg, bg in hint.colours():
        assert theme.contrast(fg, bg) >= 4.5
    for state, keys in STATES.items():
        qtbot.keyClicks(window, keys)
        assert hint.state == state
        rows = hint.shown()
        assert len(rows) == 1, state
        assert hint.row_width(rows[0]) <= hint.width(), state
        assert hint.height() < 2 * hint.line_height(), state
        shown = [key for key, _ in rows[0]]
        assert shown[0] == hint.entries()[0][0]  # the most used key always shows
        assert shown[-1] == "?" or len(shown) == len(hint.entries())
        mode.session.rounds.clear()
        mode.session.go(0)


def test_question_mark_opens_every_key_and_closes_again(workshops, qtbot):
    mode = workshops((1024, 768))
    window = mode.control
    hint = window.hint
    one_line = hint.height()
    assert one_line < 2 * hint.line_height() and hint.shown()[0][-1] == ("?", "all keys")
    qtbot.keyClicks(window, "?")
    rows = hint.shown()
    listed = [entry for row in rows for entry in row]
    assert set(hint.entries()) <= set(listed) and len(rows) > 1
    assert all(hint.row_width(row) <= hint.width() for row in rows)
    qtbot.waitUntil(lambda: hint.height() >= len(rows) * hint.line_height())
    assert "Esc leave" in hint.text() and "PgUp/PgDn dimension" in hint.text()
    qtbot.keyClicks(window, "?")
    qtbot.waitUntil(lambda: hint.height() == one_line)


def steady(window):
    """A condition for waitUntil: no widget of the window moved or resized since the last
    time it was asked (each level of nested layouts takes a turn of the event loop)."""
    from PySide6.QtWidgets import QWidget

    last = [None]

    def check() -> bool:
        now = [(w.isVisible(), w.geometry().getRect()) for w in window.findChildren(QWidget)]
        same, last[0] = now == last[0], now
        return same

    return check


def clipped(window) -> list[str]:
    """Visible wrapped labels laid out shorter than their text needs at their width."""
    from PySide6.QtWidgets import QLabel

    return [label.text()[:40] for label in window.findChildren(QLabel)
            if label.isVisible() and label.wordWrap() and label.text()
            and label.height() < label.heightForWidth(label.width())]


def test_the_wrap_up_gives_a_large_screen_to_the_radar_and_longer_lists(workshops, qtbot):
    mode = workshops((1920, 1080))
    window = mode.control
    summary = window.summary
    qtbot.keyClicks(window, "w")
    qtbot.waitUntil(lambda: summary.isVisible() and summary.radar.width() > 1.3 * summary.gaps.width())
    assert summary.gaps.text().count("<br>") == 6  # the title and six gaps
    assert summary.split.text().count("<br>") == 6


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_wrap_up_with_teams_is_never_clipped(workshops, qtbot, tmp_path, size):
    rows = {"Berlin": [(cap, who, 1) for cap in ("feature_store", "model_registry", "ci", "cd", "drift_detection")
                       for who in ("Anja", "Ben")],
            "Munich": [(cap, who, 3) for cap in ("feature_store", "model_registry", "ci", "cd", "drift_detection")
                       for who in ("Cem", "Dora")]}
    mode = workshops(size)
    for team, votes in rows.items():
        path = tmp_path / f"{team}.csv"
        path.write_text("\n".join(["assessment,capability,participant,level"]
                                  + [f"Baseline,{cap},{who},{level}" for cap, who, level in votes]) + "\n",
                        encoding="utf-8")
        assert mode.import_team(str(path), team)
    window = mode.control
    assert "Where the teams disagree" in window.summary.split.text()
    qtbot.waitUntil(steady(window), timeout=5000)
    assert window.summary.isVisible() and clipped(window) == []
    assert window.size().toTuple() == size


@pytest.mark.parametrize("look, colours", [(style.LIGHT, theme.LIGHT), (style.DARK, theme.DARK)], ids=["light", "dark"])
def test_the_workshop_marks_current_and_target_in_the_apps_colours(look, colours):
    """In the dark theme the workshop drew the current level in yellow and the target in
    blue, the other way round from the dashboard and the wrap-up in the same theme."""

    def hue(colour: str) -> int:
        return QColor(colour).hsvHue()

    for mine, apps in ((look.accent, colours.current), (look.target, colours.target)):
        assert min(abs(hue(mine) - hue(apps)), 360 - abs(hue(mine) - hue(apps))) <= 20, (mine, apps)
