"""New plan: name, organisation and catalog, then a framework target, then the file."""

from __future__ import annotations

import shutil

from PySide6.QtWidgets import QWizard

from planner.catalog.load import bundled_catalog_dir
from planner.store.planfile import PlanFile
from planner.ui.new_plan import NewPlanWizard

from ..catalog.conftest import SMALL


def test_new_plan_from_a_framework_target(window, tmp_path, qtbot):
    wizard = NewPlanWizard(window)
    qtbot.addWidget(wizard)
    created = []
    wizard.plan_created.connect(window.open_path)
    wizard.plan_created.connect(created.append)
    wizard.show()
    page = wizard.plan_page
    assert not page.isComplete()  # a name is needed
    qtbot.keyClicks(page.name, "Fraud MLOps 2027")
    qtbot.keyClicks(page.organisation, "Example Bank")
    assert page.isComplete()
    wizard.next()
    target = wizard.target_page
    assert target.target() == ("google", 1)  # offered first: "get us to Google level 1"
    items = [target.choices.item(i).text() for i in range(target.choices.count())]
    assert any(text.startswith("Microsoft MLOps maturity model, level 3") for text in items)
    wizard.save_path = str(tmp_path / "fraud")  # instead of the save dialog
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert created == [str(tmp_path / "fraud.mlplan")]
    with PlanFile.open(tmp_path / "fraud.mlplan", read_only=True) as plan:
        assert plan.state.name == "Fraud MLOps 2027"
        assert plan.state.organisation == "Example Bank"
        assert plan.state.framework_targets == {"google": 1}
    qtbot.waitUntil(lambda: window.workspace is not None)
    assert window.document.path == tmp_path / "fraud.mlplan"
    assert window.document.roadmap is not None and window.document.roadmap.items


def test_a_broken_catalog_folder_is_explained_and_blocks_the_wizard(window, tmp_path, qtbot):
    folder = tmp_path / "catalog"
    folder.mkdir()
    (folder / "catalog.toml").write_text((SMALL / "catalog.toml").read_text().replace(
        "covers = { orchestration = 3,", "covers = { orchestraton = 3,"))
    wizard = NewPlanWizard(window)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.keyClicks(wizard.plan_page.name, "Plan")
    wizard.plan_page.folder.setText(str(folder))
    wizard.plan_page.check_folder(str(folder))
    assert not wizard.plan_page.isComplete()
    text = wizard.plan_page.problems.toPlainText()
    assert "catalog.toml:" in text and "did you mean 'orchestration'?" in text
    shutil.copy(SMALL / "catalog.toml", folder / "catalog.toml")  # fixed
    wizard.plan_page.check_folder(str(folder))
    assert wizard.plan_page.isComplete() and wizard.plan_page.problems.isHidden()
    wizard.plan_page.bundled.setChecked(True)
    assert wizard.catalog_dir is None and len(wizard.catalog.capabilities) == 32
    assert bundled_catalog_dir().is_dir()


def test_creating_over_an_existing_file_is_refused(window, tmp_path, demo_path, qtbot):
    wizard = NewPlanWizard(window)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.keyClicks(wizard.plan_page.name, "Again")
    wizard.next()
    wizard.save_path = str(demo_path)
    before = demo_path.read_bytes()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert "exists already" in wizard.error
    assert wizard.isVisible()
    assert demo_path.read_bytes() == before
