"""The capability, evidence and vote models, tested without views."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from planner.ui import edits
from planner.ui.models.capabilities import (CAPABILITY_ROLE, DISAGREEMENT_ROLE, GAP_ROLE, CapabilityFilter,
                                           CapabilityModel)
from planner.ui.models.evidence import EvidenceModel, VotesModel, safe_link

WARN = QAbstractItemModelTester.FailureReportingMode.Warning  # a broken model logs a Qt warning: the test fails


def capabilities(model, parent=QModelIndex()):
    """Capability ids in a (proxy) model, in row order."""
    out = []
    for d in range(model.rowCount(parent)):
        dim = model.index(d, 0, parent)
        out += [model.index(r, 0, dim).data(CAPABILITY_ROLE) for r in range(model.rowCount(dim))]
    return out


def test_capability_model_groups_by_dimension_and_is_consistent(document):
    model = CapabilityModel(document)
    QAbstractItemModelTester(model, WARN)
    catalog = document.catalog
    assert model.rowCount() == len(catalog.dimensions)
    assert capabilities(model) == [c.id for d in catalog.dimensions for c in catalog.capabilities
                                   if c.dimension == d.id]
    index = model.capability_index("feature_store")
    assert index.data() == "Feature store"
    assert model.index(index.row(), 1, index.parent()).data() == "0"
    assert model.index(index.row(), 2, index.parent()).data() == "2"
    assert index.data(GAP_ROLE) == 2
    monitoring = model.capability_index("model_monitoring")
    assert monitoring.data(DISAGREEMENT_ROLE) is True
    assert "⚑" in model.index(monitoring.row(), 4, monitoring.parent()).data()


def test_an_edit_updates_rows_in_place(document, qtbot):
    model = CapabilityModel(document)
    QAbstractItemModelTester(model, WARN)
    index = model.capability_index("feature_store", 1)
    with qtbot.waitSignal(model.dataChanged):
        edits.set_level(document, "feature_store", 2)
    assert index.isValid() and index.data() == "2"
    assert model.capability_index("feature_store").data(GAP_ROLE) == 0


def test_filters_combine_and_keep_dimensions_of_matches(document):
    model = CapabilityModel(document)
    proxy = CapabilityFilter()
    proxy.setSourceModel(model)
    QAbstractItemModelTester(proxy, WARN)
    everything = capabilities(proxy)
    assert len(everything) == 32
    proxy.set_flag("disagreement", True)
    assert set(capabilities(proxy)) == {"model_monitoring", "lineage_audit"}
    proxy.set_flag("low_confidence", True)
    assert set(capabilities(proxy)) == {"model_monitoring", "lineage_audit"}  # both are low confidence too
    proxy.set_flag("gaps", True)
    assert capabilities(proxy) == ["lineage_audit"]  # monitoring has no target above its level
    assert proxy.rowCount() == 1  # only the governance dimension is left
    for flag in ("disagreement", "low_confidence", "gaps"):
        proxy.set_flag(flag, False)
    proxy.set_text("MODEL")
    assert all("model" in document.catalog.capability(c).name.lower() or "model" in c for c in capabilities(proxy))
    assert "model_registry" in capabilities(proxy) and "feature_store" not in capabilities(proxy)


def test_not_applicable_filter_follows_the_plan(document):
    model = CapabilityModel(document)
    proxy = CapabilityFilter()
    proxy.setSourceModel(model)
    proxy.set_flag("not_applicable", True)
    assert capabilities(proxy) == []
    edits.set_not_applicable(document, "automl", True, "No AutoML in a regulated pricing team")
    assert capabilities(proxy) == ["automl"]
    assert model.capability_index("automl", 1).data() == "N/A"


def test_evidence_and_votes_models(document, qtbot):
    evidence = EvidenceModel(document)
    QAbstractItemModelTester(evidence, WARN)
    evidence.set_capability("ci")
    notes = [evidence.index(r, 0).data() for r in range(evidence.rowCount())]
    assert any("GitLab CI" in n for n in notes)
    with qtbot.waitSignal(evidence.modelReset):
        edits.add_evidence(document, "ci", "Pipelines green for 30 days", "https://ci.example/dash")
    assert evidence.rowCount() == len(notes) + 1
    votes = VotesModel(document)
    QAbstractItemModelTester(votes, WARN)
    votes.set_capability("model_monitoring")
    assert votes.rowCount() == 4
    assert {votes.index(r, 0).data() for r in range(4)} >= {"Anja Müller", "Dev Raman"}
    levels = [votes.index(r, 1).data() for r in range(4)]
    assert "3 Automated" in levels
    high = next(r for r in range(4) if votes.index(r, 1).data().startswith("3"))
    assert votes.index(high, 1).data(Qt.ItemDataRole.ForegroundRole) is not None  # flagged as an outlier


def test_only_web_and_mail_links_are_opened():
    assert safe_link("https://wiki.example/page") and safe_link("mailto:a@b.c")
    for link in ("file:///usr/bin/xterm", "javascript:alert(1)", "smb://share/x", "/etc/passwd", ""):
        assert not safe_link(link)
