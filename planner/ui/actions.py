"""The main window's actions, menus and toolbar, in one table-like place."""

from __future__ import annotations

from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

from . import theme

VIEW_KEYS = (("dashboard", "&Dashboard", "Ctrl+1"), ("assessment", "&Assessment", "Ctrl+2"),
             ("graph", "De&pendencies", "Ctrl+3"), ("options", "&Options", "Ctrl+4"),
             ("roadmap", "&Roadmap", "Ctrl+5"))

ICONS = {"new": "new", "open": "open", "demo": "demo", "undo": "undo", "redo": "redo", "export_pdf": "pdf",
         "export_chart": "image", "export_csv": "csv", "zoom_in": "zoom-in", "zoom_out": "zoom-out",
         "history": "history", "view_dashboard": "dashboard", "view_assessment": "assessment",
         "view_graph": "graph", "view_options": "options", "view_roadmap": "roadmap"}


def _action(window, text: str, slot=None, keys=(), tip: str = "", checkable: bool = False) -> QAction:
    action = QAction(text, window)
    if keys:
        action.setShortcuts([QKeySequence(k) for k in keys])
    if tip:
        shown = f"{tip} ({QKeySequence(keys[0]).toString(QKeySequence.SequenceFormat.NativeText)})" if keys else tip
        action.setToolTip(shown)
        action.setStatusTip(tip)
    action.setCheckable(checkable)
    if slot is not None:
        action.triggered.connect(slot)
    return action


def build_actions(window) -> dict:
    from . import export

    a: dict = {}
    a["new"] = _action(window, "&New plan…", window.new_plan, ["Ctrl+N"], "Create a plan from a framework target")
    a["open"] = _action(window, "&Open…", window.open_dialog, ["Ctrl+O"], "Open a plan file")
    a["demo"] = _action(window, "Open the &demo", window.open_demo, ["Ctrl+Shift+D"],
                        "Open the demo plan (a fictional insurer); your edits to it are kept")
    a["reset_demo"] = _action(window, "Reset the demo plan", window.reset_demo,
                              tip="Throw away your edits to the demo plan and build it afresh")
    a["close"] = _action(window, "&Close plan", window.close_plan, ["Ctrl+W"], "Close the plan (it is already saved)")
    a["export_pdf"] = _action(window, "Export investment case (&PDF)…", lambda: export.export_pdf(window),
                              ["Ctrl+E"], "Write the investment-case PDF for sponsors")
    a["export_chart"] = _action(window, "Export c&hart (PNG or SVG)…", lambda: export.export_chart(window),
                                ["Ctrl+Shift+E"], "Save a chart of this view as a PNG or SVG image")
    a["export_csv"] = _action(window, "Export roadmap (&CSV)…", lambda: export.export_roadmap_csv(window),
                              tip="Save the roadmap's steps as a CSV table")
    a["quit"] = _action(window, "&Quit", window.close, ["Ctrl+Q"], "Close the app (everything is saved)")

    a["undo"] = window.undo_group.createUndoAction(window, "&Undo")
    a["undo"].setShortcuts([QKeySequence("Ctrl+Z")])
    a["redo"] = window.undo_group.createRedoAction(window, "&Redo")
    a["redo"].setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    a["undo"].setToolTip("Undo the last edit (Ctrl+Z)")
    a["redo"].setToolTip("Redo (Ctrl+Shift+Z)")
    a["history"] = _action(window, "Undo &history", lambda on: window.undo_dock.setVisible(on), ["Ctrl+H"],
                           "Show every edit of this session; click one to go back to it", checkable=True)

    for name, text, key in VIEW_KEYS:
        a[f"view_{name}"] = _action(window, text, lambda _=False, n=name: window.show_view(n), [key])
    a["workshop"] = _action(window, "&Workshop", window.start_workshop, ["F5"],
                            "Score capabilities with a room, full screen on a projector (Esc leaves)")
    a["workshop_screens"] = QMenu("Workshop &screen", window)
    a["workshop_screens"].aboutToShow.connect(lambda: _fill_screens(window, a["workshop_screens"]))
    a["import_team"] = _action(window, "&Import a team's votes…", lambda: _import_team(window),
                               tip="Add the votes another room exported, to compare the teams")
    a["export_votes"] = _action(window, "Export scores and &votes…", lambda: export.export_votes(window),
                                tip="Save this plan's scores, evidence and votes as CSV or JSON, "
                                    "for another plan to import")
    a["zoom_in"] = _action(window, "Zoom &in", lambda: window.zoom(1), ["Ctrl++", "Ctrl+="], "Larger text everywhere")
    a["zoom_out"] = _action(window, "Zoom &out", lambda: window.zoom(-1), ["Ctrl+-"], "Smaller text everywhere")
    a["zoom_reset"] = _action(window, "&Actual size", lambda: window.zoom(0), ["Ctrl+0"], "Zoom back to 100%")
    a["zoom_projector"] = _action(window, "&Projector size", window.projector, ["Ctrl+Shift+P"],
                                  "Text large enough to read from the back of a room: at least 18 pixels")
    themes = QActionGroup(window)
    for name, text in (("system", "Follow the &system"), ("light", "&Light"), ("dark", "&Dark")):
        action = _action(window, text, lambda _=False, n=name: window.set_theme(n), checkable=True)
        action.setChecked(window.settings.theme == name)
        themes.addAction(action)
        a[f"theme_{name}"] = action
    a["about"] = _action(window, "&About MLOps Roadmap Planner", lambda: _about(window))
    a["guide"] = _action(window, "&User guide", lambda: _guide(window), ("F1",), "Open the user guide")

    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    for name in ("new", "open", "demo"):
        file_menu.addAction(a[name])
    a["recent_menu"] = QMenu("Open &recent", window)
    file_menu.addMenu(a["recent_menu"])
    file_menu.addAction(a["reset_demo"])
    file_menu.addAction(a["close"])
    file_menu.addSeparator()
    for name in ("export_pdf", "export_chart", "export_csv", "export_votes", "import_team"):
        file_menu.addAction(a[name])
    file_menu.addSeparator()
    file_menu.addAction(a["quit"])
    edit_menu = bar.addMenu("&Edit")
    for name in ("undo", "redo", "history"):
        edit_menu.addAction(a[name])
    view_menu = bar.addMenu("&View")
    for name, _, _ in VIEW_KEYS:
        view_menu.addAction(a[f"view_{name}"])
    view_menu.addSeparator()
    view_menu.addAction(a["workshop"])
    view_menu.addMenu(a["workshop_screens"])
    view_menu.addSeparator()
    for name in ("zoom_in", "zoom_out", "zoom_reset", "zoom_projector"):
        view_menu.addAction(a[name])
    theme_menu = view_menu.addMenu("&Theme")
    for name in ("system", "light", "dark"):
        theme_menu.addAction(a[f"theme_{name}"])
    help_menu = bar.addMenu("&Help")
    help_menu.addAction(a["guide"])
    help_menu.addAction(a["about"])

    toolbar = QToolBar("Main toolbar", window)
    toolbar.setObjectName("main_toolbar")
    toolbar.setMovable(False)
    for name in ("new", "open", "demo", None, "undo", "redo", "history", None, "export_pdf", "export_chart", None,
                 "zoom_out", "zoom_in"):
        if name is None:
            toolbar.addSeparator()
        else:
            toolbar.addAction(a[name])
    window.addToolBar(toolbar)
    a["toolbar"] = toolbar
    refresh_icons(window, a)
    return a


def _import_team(window) -> None:
    from .workshop.teams import ask_and_import

    if window.document is not None:
        ask_and_import(window, window.document)


def _fill_screens(window, menu: QMenu) -> None:
    from PySide6.QtGui import QGuiApplication

    menu.clear()
    group = QActionGroup(menu)
    chosen = window.settings.workshop_screen
    choices = [(-1, "&Automatic (another screen when there is one)")]
    choices += [(i, f"&{i + 1}  {s.name() or 'Screen'} ({s.size().width()}x{s.size().height()})")
                for i, s in enumerate(QGuiApplication.screens())]
    for index, text in choices:
        action = menu.addAction(text)
        action.setCheckable(True)
        action.setChecked(index == chosen)
        group.addAction(action)
        action.triggered.connect(lambda _=False, i=index: setattr(window.settings, "workshop_screen", i))


def refresh_icons(window, actions: dict | None = None) -> None:
    """(Re)draw the icons in the theme's colours."""
    actions = actions or window.actions
    c = theme.colours(window)
    for name, icon in ICONS.items():
        actions[name].setIcon(theme.icon(icon, c))
    workspace = getattr(window, "workspace", None)
    if workspace is not None:
        from .workspace import VIEWS

        for index, view in enumerate(VIEWS):
            workspace.tabs.setTabIcon(index, theme.icon(view[2], c))


def _about(window) -> None:
    from .about import AboutDialog

    document = getattr(window, "document", None)
    AboutDialog(document.catalog.info if document is not None else None, window).exec()


def _guide(window) -> None:
    from .about import UserGuide

    window.user_guide = UserGuide(window)
    window.user_guide.show()