"""Edits are saved as they are made: killing the app loses nothing, and a terminated
app closes as the user would."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest

from planner.store.planfile import PlanFile

SESSION = textwrap.dedent("""
    import os, signal, sys
    from planner.ui.app import make_app
    from planner.ui.main_window import MainWindow
    from planner.ui.settings import AppSettings
    from planner.ui import edits
    app = make_app()
    window = MainWindow(AppSettings.in_memory())
    window.show()
    window.open_path(sys.argv[1])
    def edit():
        edits.set_level(window.document, "feature_store", 3)
        edits.add_evidence(window.document, "feature_store", "Feast in production since May")
        print("edited", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)  # no chance to save anything more
    window.document_opened.connect(edit)
    app.exec()
""")


def test_killing_the_app_right_after_an_edit_loses_nothing(demo_path, tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "ROADMAP_PLANNER_HOME": str(tmp_path / "home")}
    run = subprocess.run([sys.executable, "-c", SESSION, str(demo_path)], capture_output=True, text=True, env=env,
                         timeout=120)
    assert run.returncode == -signal.SIGKILL, run.stderr
    assert "edited" in run.stdout
    with PlanFile.open(demo_path) as plan:  # writable again: the dead process's lock went with it
        entry = plan.state.assessment().entries["feature_store"]
        assert entry.level == 3
        assert "Feast in production since May" in [e.note for e in entry.evidence]


WAITING = textwrap.dedent("""
    import sys
    from pathlib import Path
    from planner.ui.app import close_on_signals, make_app
    from planner.ui.main_window import MainWindow
    from planner.ui.settings import AppSettings
    app = make_app()
    window = MainWindow(AppSettings(Path(sys.argv[2])))
    close_on_signals(window)
    window.show()
    window.open_path(sys.argv[1])
    window.document_opened.connect(lambda _: print("ready", flush=True))
    sys.exit(app.exec())
""")


def test_sigterm_closes_the_app_as_the_user_would(demo_path, tmp_path):
    from planner.ui.settings import AppSettings

    settings = tmp_path / "settings.ini"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    process = subprocess.Popen([sys.executable, "-c", WAITING, str(demo_path), str(settings)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        assert process.stdout.readline().strip() == "ready"  # it waits for us from here on
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=60) == 0
    finally:
        process.kill()
        process.stdout.close()
        process.stderr.close()
    saved = AppSettings(settings)
    assert saved.geometry is not None  # the close handler ran
    assert saved.last_plan == str(demo_path.resolve())


def test_a_full_disk_during_autosave_keeps_the_edits_and_saves_them_when_there_is_room(window, demo_template,
                                                                                      qtbot, tmp_path):
    """A real full disk (a small tmpfs filled to the last byte) under an open plan: a
    banner says the edits are kept, they and their undo work, nothing crashes, the file
    stays intact; once there is room again they are saved."""
    import shutil

    from planner.ui import edits

    from ..mounts import fill, tmpfs
    from .conftest import open_plan

    with tmpfs(tmp_path / "small", "size=2m") as folder:
        path = folder / "plan.mlplan"
        shutil.copy(demo_template, path)
        assert open_plan(qtbot, window, path)
        document = window.document
        filler = folder / "filler"
        fill(filler)
        for n in range(60):  # until the write-ahead log needs a page it cannot have
            assert edits.add_evidence(document, "feature_store", f"note {n} " + "x" * 500)
            if document.unsaved_reason:
                break
        else:
            pytest.skip("the disk never filled up under the write-ahead log")
        assert "full" in document.unsaved_reason
        banner = window.workspace.error_banner
        assert banner.isVisible() and "kept here" in banner.text()
        assert edits.set_level(document, "drift_detection", 2)  # later edits wait behind it
        state = document.state
        with PlanFile.open(path, read_only=True) as plan:
            assert plan.state != state
        filler.unlink()
        with qtbot.waitSignal(document.unsaved, check_params_cb=lambda reason: reason == "", timeout=10_000):
            pass
        assert not banner.isVisible()
        with PlanFile.open(path, read_only=True) as plan:
            assert plan.state == state
        window.close_plan()
