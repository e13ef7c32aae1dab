import json
import shutil

import pytest

from planner.catalog.load import bundled_catalog_dir
from planner.cli import main
from planner.store import commands as c
from planner.store.exchange import ImportError_, import_rows, read_rows, write_export
from planner.store.planfile import PlanFile


@pytest.fixture
def catalog_copy(tmp_path):
    target = tmp_path / "catalog"
    shutil.copytree(bundled_catalog_dir(), target)
    return target


def _edit(path, old, new):
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_plan_reopens_identically_after_its_catalog_changes_then_upgrades(tmp_path, catalog_copy):
    path = tmp_path / "p.mlplan"
    with PlanFile.create(path, catalog_copy) as plan:
        c.SetLevel("Organisation", "ci", 4).apply(plan)
        c.SetFrameworkTarget("nlh", 2).apply(plan)
        before = plan.catalog
    # The catalog on disk moves on: new version, a renamed scale level, ci loses level 4,
    # a dependency and the No/Low/High framework go.
    _edit(catalog_copy / "catalog.toml", 'version = "2026.11"', 'version = "2027.01"')
    _edit(catalog_copy / "catalog.toml", '"Repeatable", "Automated"', '"Defined", "Automated"')
    code = catalog_copy / "capabilities" / "code.toml"
    text = code.read_text()
    start = text.index("level = 4", text.index('id = "ci"'))
    end = text.index("[[capability]]", start)
    code.write_text(text[: text.rindex("[[capability.level]]", 0, start)] + text[end:])
    for folder in ("estimates",):
        est = catalog_copy / folder / "code.toml"
        blocks = est.read_text().split("[[estimate]]")
        est.write_text("[[estimate]]".join(b for b in blocks if not ('capability = "ci"' in b and "to_level = 4" in b)))
    frameworks = catalog_copy / "frameworks.toml"
    frameworks.write_text(frameworks.read_text().split('[[framework]]\nid = "nlh"')[0])
    with PlanFile.open(path) as plan:
        assert plan.catalog.info.version == "2026.11"
        assert plan.catalog.capabilities == before.capabilities
        dry = c.UpgradeCatalog(catalog_copy)
        dry.changes(plan)
        report = dry.report
        assert plan.catalog.info.version == "2026.11"  # working out the changes changes nothing
        upgrade = c.UpgradeCatalog(catalog_copy)
        upgrade.apply(plan)
        assert report == upgrade.report and plan.catalog.info.version == "2027.01"
        upgrade.undo(plan)  # an upgrade is a command like any other
        assert plan.catalog.info.version == "2026.11" and plan.state.assessment().entries["ci"].level == 4
        upgrade.apply(plan)
    assert report[0] == "catalog 2026.11 → 2027.01"
    assert "scale levels renamed (1): 2 'Repeatable' → 'Defined'" in report
    assert any(line.startswith("estimates changed (") and "ci 3→4 build" in line for line in report)
    assert not any("->" in line for line in report)
    assert "levels removed (1): ci@4" in report
    assert "frameworks changed (1): nlh" in report
    assert "plan: 'ci' in 'Organisation' lowered from level 4 to 3, the new highest level" in report
    assert "plan: the target on framework 'nlh' is dropped (the framework was removed)" in report
    with PlanFile.open(path) as plan:
        assert plan.catalog.info.version == "2027.01"
        assert plan.state.assessment().entries["ci"].level == 3
        assert plan.state.framework_targets == {}


def test_upgrade_refuses_a_broken_catalog_and_changes_nothing(tmp_path, catalog_copy, capsys):
    path = tmp_path / "p.mlplan"
    PlanFile.create(path, catalog_copy).close()
    with PlanFile.open(path) as plan:
        before = plan.catalog.dependencies
    _edit(catalog_copy / "dependencies.toml", 'needs = "orchestration"', 'needs = "orchestraton"')
    assert main(["plan", "upgrade", str(path), "--catalog", str(catalog_copy)]) == 1
    assert "did you mean 'orchestration'" in capsys.readouterr().err
    with PlanFile.open(path) as plan:
        assert plan.catalog.dependencies == before


def test_compare_snapshots(tmp_path, capsys):
    path = tmp_path / "demo.mlplan"
    assert main(["plan", "new", "--demo", str(path)]) == 0
    assert main(["plan", "snapshots", str(path)]) == 0
    assert "2026-Q1 baseline" in capsys.readouterr().out
    assert main(["plan", "compare", str(path), "2026-Q1 baseline", "2026-Q4 review", "--json"]) == 0
    moved = {m["capability"]: m for m in json.loads(capsys.readouterr().out)["moved"]}
    assert moved["ci"] == {"capability": "ci", "before": 1, "after": 2, "delta": 1}
    assert "feature_store" not in moved  # 0 in both
    assert main(["plan", "compare", str(path), "2026-Q1 baseline", "2026-Q4 review"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0] == f"Pricing: 2026-Q1 baseline → 2026-Q4 review: {len(moved)} capabilities moved"
    assert "  Continuous integration for ML    1 → 2 (+1)" in lines and "->" not in out
    assert main(["plan", "compare", str(path), "2026-Q4 review"]) == 0  # against now
    assert "0 capabilities moved" in capsys.readouterr().out
    assert main(["plan", "compare", str(path), "nope"]) == 1
    assert "no snapshot 'nope'" in capsys.readouterr().err


def test_criteria_round_trip_and_bad_criteria(tmp_path):
    with PlanFile.create(tmp_path / "a.mlplan") as plan:
        for level, index in ((1, 0), (1, 1), (2, 0)):
            c.SetCriterion("Organisation", "ci", level, index, True).apply(plan)
        assert plan.state.assessment().entries["ci"].level is None
        out = tmp_path / "x.csv"
        write_export(plan, out)
    with PlanFile.create(tmp_path / "b.mlplan") as other:
        other.write(import_rows(other, read_rows(out), str(out)))
        assert other.state.assessment().entries["ci"].criteria_met == {(1, 0), (1, 1), (2, 0)}
        bad = tmp_path / "bad.csv"
        bad.write_text("assessment,capability,criteria\nOrganisation,ci,2.9\nOrganisation,cd,two\n")
        with pytest.raises(ImportError_) as info:
            import_rows(other, read_rows(bad), str(bad))
        assert info.value.errors == [
            "row 2, column 'criteria': 'ci' has no criterion 2.9",
            "row 3, column 'criteria': 'two' is not LEVEL.NUMBER, e.g. 2.1 for the first criterion of level 2",
        ]


@pytest.mark.parametrize("file, old, new, says", [
    ("capabilities/code.toml", 'summary = "Every piece of ML code', 'summary = "All ML code',
     "capabilities reworded or moved (1)"),
    ("catalog.toml", 'description = "Getting, checking', 'description = "Fetching, checking',
     "other details changed"),
])
def test_upgrade_reports_a_change_of_wording_not_no_changes(tmp_path, catalog_copy, capsys, file, old, new, says):
    path = tmp_path / "p.mlplan"
    PlanFile.create(path, catalog_copy).close()
    _edit(catalog_copy / file, old, new)
    capsys.readouterr()
    assert main(["plan", "upgrade", str(path), "--catalog", str(catalog_copy)]) == 0
    out = capsys.readouterr().out
    assert says in out and "no changes" not in out


def test_an_upgrade_drops_the_files_the_new_catalog_lacks_and_records_its_version(tmp_path, catalog_copy):
    (catalog_copy / "options" / "extra.toml").write_text("# tools the organisation is still reviewing\n")
    path = tmp_path / "p.mlplan"
    with PlanFile.create(path, catalog_copy) as plan:
        c.SetConfidence("Organisation", "cd", "low").apply(plan)  # an entry with no level
        c.SetLevel("Organisation", "ci", 4).apply(plan)  # at its highest level, which stays
        assert plan.get("catalog_files", ("options/extra.toml",)) is not None
    (catalog_copy / "options" / "extra.toml").unlink()
    _edit(catalog_copy / "catalog.toml", 'version = "2026.11"', 'version = "2027.01"')
    with PlanFile.open(path) as plan:
        upgrade = c.UpgradeCatalog(catalog_copy)
        upgrade.apply(plan)
        assert not [line for line in upgrade.report if line.startswith("plan:")]  # nothing lowered
        assert upgrade.text == "Upgrade the catalog to 2027.01"
    with PlanFile.open(path) as plan:
        assert plan.get("catalog_files", ("options/extra.toml",)) is None
        assert plan.get("meta", ("catalog_version",))["value"] == "2027.01"
        assert plan.state.assessment("Organisation").entries["ci"].level == 4
