"""The installed Qt binding keeps Python's reference counts right.

PySide6 6.12.0 returns None from void calls (and True/False from signal emits) without
taking a reference. On Python 3.11, where those objects are counted, the app then crashes
with "deallocating None" after enough calls; pyproject.toml excludes that release. This
test catches any binding with the same fault.
"""

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QLabel

CALLS = 2000


class Emitter(QObject):
    fired = Signal()


def test_void_calls_and_signals_keep_none_true_and_false_alive(qtbot):
    label = QLabel("x")
    qtbot.addWidget(label)
    emitter = Emitter()
    app = QApplication.instance()
    before = {name: sys.getrefcount(value) for name, value in (("None", None), ("True", True), ("False", False))}
    for _ in range(CALLS):
        label.update()
        label.setText("y")
        app.processEvents()
        emitter.fired.emit()
    for name, value in (("None", None), ("True", True), ("False", False)):
        lost = before[name] - sys.getrefcount(value)
        assert lost < CALLS // 10, f"the Qt binding dropped {lost} references to {name} in {CALLS} calls"
