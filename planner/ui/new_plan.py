"""New plan: a name, an organisation and a catalog (the bundled one or a folder), then
a framework target ("get us to Google level 1"), then where to save it.

A catalog folder is checked as soon as it is chosen; its problems are listed with file
and line, and the wizard will not go on until the catalog is usable.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QButtonGroup, QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget,
                               QListWidgetItem, QMessageBox, QPlainTextEdit, QPushButton, QRadioButton, QVBoxLayout, QWizard,
                               QWizardPage)

DEFAULT_TARGET = ("google", 1)


def create_plan(path: str | Path, name: str, organisation: str, catalog_dir: str | Path | None,
                target: tuple[str, int] | None) -> Path:
    """Create the plan file, with its framework target. Raises PlanFileError."""
    from . import document

    path = Path(path)
    if path.suffix != ".mlplan":
        path = path.with_name(path.name + ".mlplan")
    with document.create_plan(path, catalog_dir, name=name.strip(), organisation=organisation.strip()) as plan:
        if target is not None:
            document.commands.SetFrameworkTarget(*target).apply(plan)
    return path


class PlanPage(QWizardPage):
    def __init__(self, wizard: "NewPlanWizard"):
        super().__init__()
        self.wizard_ = wizard
        self.setTitle("Your plan")
        self.setSubTitle("Name the plan and choose the capability catalog it assesses against.")
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.name.setPlaceholderText("e.g. MLOps roadmap 2027")
        self.name.setAccessibleName("Plan name")
        self.name.textChanged.connect(self.completeChanged)
        form.addRow("Plan &name:", self.name)
        self.organisation = QLineEdit()
        self.organisation.setAccessibleName("Organisation")
        form.addRow("&Organisation:", self.organisation)
        self.bundled = QRadioButton("The bundled MLOps catalog")
        self.bundled.setChecked(True)
        self.folder_choice = QRadioButton("A catalog &folder:")
        group = QButtonGroup(self)
        group.addButton(self.bundled)
        group.addButton(self.folder_choice)
        self.folder = QLineEdit()
        self.folder.setAccessibleName("Catalog folder")
        self.folder.editingFinished.connect(lambda: self.check_folder(self.folder.text()))
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.folder_choice)
        row.addWidget(self.folder, 1)
        row.addWidget(browse)
        form.addRow("&Catalog:", self.bundled)
        form.addRow("", row)
        self.problems = QPlainTextEdit()
        self.problems.setReadOnly(True)
        self.problems.setAccessibleName("Catalog problems")
        self.problems.hide()
        form.addRow(self.problems)
        self.bundled.toggled.connect(self._choice_changed)

    def _browse(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Choose a catalog folder", self.folder.text() or str(Path.home()))
        if folder:
            self.folder.setText(folder)
            self.check_folder(folder)

    def _choice_changed(self) -> None:
        if self.bundled.isChecked():
            self.problems.hide()
            self.wizard_.load_catalog(None)
        elif self.folder.text():
            self.check_folder(self.folder.text())
        self.completeChanged.emit()

    def check_folder(self, folder: str) -> None:
        self.folder_choice.setChecked(True)
        problems = self.wizard_.load_catalog(folder)
        self.problems.setPlainText("\n".join(problems))
        self.problems.setVisible(bool(problems))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return bool(self.name.text().strip()) and self.wizard_.catalog is not None


class TargetPage(QWizardPage):
    def __init__(self, wizard: "NewPlanWizard"):
        super().__init__()
        self.wizard_ = wizard
        self.setTitle("Where do you want to get to?")
        self.setSubTitle("A framework target sets every capability the framework level needs. You can change "
                         "it, and set targets per capability, at any time.")
        layout = QVBoxLayout(self)
        self.choices = QListWidget()
        self.choices.setAccessibleName("Framework target")
        layout.addWidget(self.choices)
        note = QLabel("Next, you choose where to save the plan file.")
        note.setProperty("muted", "true")
        layout.addWidget(note)

    def initializePage(self) -> None:
        self.choices.clear()
        none = QListWidgetItem("No framework target: I will set targets per capability")
        none.setData(Qt.ItemDataRole.UserRole, None)
        self.choices.addItem(none)
        selected = none
        for fw in self.wizard_.catalog.frameworks:
            for fl in fw.levels[1:]:
                item = QListWidgetItem(f"{fw.name}, level {fl.level}: {fl.name}")
                item.setToolTip(fl.summary)
                item.setData(Qt.ItemDataRole.UserRole, (fw.id, fl.level))
                self.choices.addItem(item)
                if (fw.id, fl.level) == (self.wizard_.preset or DEFAULT_TARGET):
                    selected = item
        self.choices.setCurrentItem(selected)

    def target(self) -> tuple[str, int] | None:
        item = self.choices.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else None


class NewPlanWizard(QWizard):
    plan_created = Signal(str)

    def __init__(self, parent=None, preset: tuple[str, int] | None = None):
        super().__init__(parent)
        self.preset = preset  # the framework target chosen on the welcome page
        self.setWindowTitle("New plan")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.catalog = None
        self.catalog_dir: str | None = None
        self.save_path: str | None = None  # set to skip the save dialog (tests)
        self.error: str = ""
        self.load_catalog(None)
        self.plan_page = PlanPage(self)
        self.target_page = TargetPage(self)
        self.addPage(self.plan_page)
        self.addPage(self.target_page)
        self.setButtonText(QWizard.WizardButton.FinishButton, "Create plan…")

    def load_catalog(self, folder: str | None) -> list[str]:
        """Load and check the catalog; return its problems (empty when usable)."""
        from ..catalog.load import load_catalog
        from ..catalog.problems import CatalogError

        self.catalog, self.catalog_dir = None, folder
        if folder is not None and not Path(folder).is_dir():
            return [f"{folder}: no such folder"]
        try:
            self.catalog = load_catalog(folder)
        except CatalogError as exc:
            return [f"This catalog cannot be used; fix these {len(exc.problems)} problem(s) in its files:",
                    *map(str, exc.problems)]
        return []

    def accept(self) -> None:
        from .document import PlanFileError

        path = self.save_path
        if path is None:
            name = self.plan_page.name.text().strip() or "plan"
            path, _ = QFileDialog.getSaveFileName(self, "Save the new plan", str(Path.home() / f"{name}.mlplan"),
                                                  "Plans (*.mlplan)")
            if not path:
                return
        try:
            created = create_plan(path, self.plan_page.name.text(), self.plan_page.organisation.text(),
                                  self.catalog_dir, self.target_page.target())
        except PlanFileError as exc:
            self.error = str(exc)
            box = QMessageBox(QMessageBox.Icon.Warning, "Cannot create the plan", str(exc),
                              QMessageBox.StandardButton.Ok, self)
            box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            box.open()
            return
        super().accept()
        self.plan_created.emit(str(created))
