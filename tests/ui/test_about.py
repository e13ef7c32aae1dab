"""Help > About with the versions and the third-party notices, Help > User guide, and the
welcome page's quick start from a framework target."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from planner import __version__
from planner.licences import dependencies, third_party_text
from planner.ui.about import AboutDialog, UserGuide, user_guide_path
from planner.ui.new_plan import NewPlanWizard


def test_about_shows_the_versions_and_every_dependencys_licence(demo_window, qtbot):
    info = demo_window.document.catalog.info
    dialog = AboutDialog(info, demo_window)
    qtbot.addWidget(dialog)
    text = dialog.summary.text()
    assert __version__ in text and info.version in text and info.facts_as_of.isoformat() in text
    licences = dialog.licences.toPlainText()
    assert "LGPL" in licences and "download.qt.io" in licences  # Qt's notice and where its source is
    names = {d.metadata["Name"].lower().replace("_", "-") for d in dependencies()}
    assert {"pyside6-essentials", "networkx", "reportlab", "highspy", "numpy"} <= names
    for dist in dependencies():
        assert f"{dist.metadata['Name']} {dist.version}" in licences


def test_third_party_text_carries_licence_texts():
    text = third_party_text()
    assert "Permission is hereby granted" in text  # MIT texts, copied from the installed files
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in text.upper()


def test_the_user_guide_opens_with_its_screenshots(window, qtbot):
    assert user_guide_path().is_file()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    guide = window.user_guide
    qtbot.waitExposed(guide)
    document = guide.browser.document()
    assert "The first two minutes" in document.toPlainText()
    images = _image_names(document)
    assert "images/app-roadmap.png" in images
    for name in images:  # every screenshot it names is there, next to the guide
        assert (user_guide_path().parent / name).is_file(), name
    guide.close()


def _image_names(document) -> list[str]:
    import re

    return re.findall(r'<img src="([^"]+)"', document.toHtml())


def test_the_welcome_page_starts_a_plan_aiming_at_a_framework_level(window, qtbot):
    button = next(b for b in window.welcome.target_buttons if b.text() == "Microsoft level 2")
    button.click()
    wizard = next(w for w in QApplication.topLevelWidgets() if isinstance(w, NewPlanWizard) and w.isVisible())
    wizard.next()
    assert wizard.target_page.target() == ("microsoft", 2)
    with qtbot.waitSignal(wizard.destroyed):  # a closed wizard is deleted (the window owns it till then)
        wizard.reject()


def test_a_file_open_event_from_the_system_opens_the_plan(window, demo_path, qtbot):
    """What macOS sends when a .mlplan is double-clicked in the Finder."""
    from PySide6.QtGui import QFileOpenEvent

    from planner.ui.app import open_files_from_the_system

    open_files_from_the_system(QApplication.instance(), window, platform="darwin")
    QApplication.sendEvent(QApplication.instance(), QFileOpenEvent(str(demo_path)))
    qtbot.waitUntil(lambda: window.document is not None and window.document.path == demo_path)
