"""The bundled MLOps catalog: complete, acyclic and true to the checked facts."""

import networkx as nx
import pytest

from planner.catalog import licences
from planner.catalog.model import APPROACHES

FACT_IDS = {
    "data_versioning", "data_validation", "feature_store", "data_pipelines", "drift_detection",
    "experiment_tracking", "metadata_store", "model_registry", "model_validation",
    "continuous_training", "model_serving", "online_experimentation", "model_monitoring",
    "prediction_logging", "feedback_loop", "explainability", "automl", "training_compute",
    "source_control", "ci", "cd", "orchestration", "containerization", "infrastructure_as_code",
    "environments", "infra_monitoring", "cost_tracking", "access_governance", "lineage_audit",
    "documentation", "risk_fairness", "team_collaboration",
}

# Licences exactly as ../shared/reference/mlops-facts.md gives them.
FACT_LICENCES = {
    "DVC": "Apache-2.0", "lakeFS": "Apache-2.0", "Pachyderm": "Apache-2.0",
    "Great Expectations": "Apache-2.0", "Deepchecks": "AGPL-3.0-or-later", "Evidently": "Apache-2.0",
    "Feast": "Apache-2.0", "Hopsworks": "AGPL-3.0-or-later", "Featureform": "MPL-2.0",
    "Airflow": "Apache-2.0", "Dagster": "Apache-2.0", "Prefect": "Apache-2.0",
    "NannyML": "Apache-2.0", "whylogs": "Apache-2.0", "Alibi Detect": "BUSL-1.1",
    "MLflow": "Apache-2.0", "Aim": "Apache-2.0", "ClearML": "SSPL-1.0",
    "Kubeflow Pipelines": "Apache-2.0", "Argo Workflows": "Apache-2.0", "ZenML": "Apache-2.0",
    "Flyte": "Apache-2.0", "Metaflow": "Apache-2.0", "KServe": "Apache-2.0", "BentoML": "Apache-2.0",
    "Ray Serve": "Apache-2.0", "Triton": "BSD-3-Clause", "TorchServe": "Apache-2.0",
    "Seldon Core": "BUSL-1.1", "Argo Rollouts": "Apache-2.0", "GrowthBook": "MIT", "SHAP": "MIT",
    "LIME": "BSD-2-Clause", "InterpretML": "MIT", "Captum": "BSD-3-Clause", "AutoGluon": "Apache-2.0",
    "FLAML": "MIT", "H2O-3": "Apache-2.0", "Git": "GPL-2.0-only", "Jenkins": "MIT", "CML": "Apache-2.0",
    "Argo CD": "Apache-2.0", "OpenTofu": "MPL-2.0", "Pulumi": "Apache-2.0", "Terraform": "BUSL-1.1",
    "Prometheus": "Apache-2.0", "Grafana": "AGPL-3.0-only", "OpenCost": "Apache-2.0",
    "Model Card Toolkit": "Apache-2.0", "Arize Phoenix": "Elastic-2.0", "Kubernetes": "Apache-2.0",
}

LIMITED_OR_GONE = {"TorchServe": "limited-maintenance", "Neptune": "discontinued", "WhyLabs": "discontinued"}


def test_has_every_capability_in_the_facts(bundled):
    assert FACT_IDS <= {c.id for c in bundled.capabilities}
    assert {c.dimension for c in bundled.capabilities} == {"data", "model", "code", "governance"}


def test_every_level_has_a_descriptor_and_two_criteria_above_zero(bundled):
    for cap in bundled.capabilities:
        assert [lv.level for lv in cap.levels] == list(bundled.scale.levels), cap.id
        for level in cap.levels:
            assert level.descriptor.strip(), (cap.id, level.level)
            if level.level > bundled.scale.first:
                assert len(level.criteria) >= 2, (cap.id, level.level)


def test_dependencies_are_many_sourced_and_acyclic(bundled):
    assert len(bundled.dependencies) >= 55
    source_ids = {s.id for s in bundled.sources}
    for dep in bundled.dependencies:
        assert dep.source in source_ids and dep.reason
        assert dep.inferred == (dep.source == "CAT"), dep
    assert nx.is_directed_acyclic_graph(bundled.graph)


def test_level_qualification_is_what_breaks_the_known_cycles(bundled):
    """Collapsing levels brings back the cycles the facts warn about (C3-C7-C6-C3, ...)."""
    flat = nx.DiGraph((d.needs, d.capability) for d in bundled.dependencies)
    cycles = {frozenset(c) for c in nx.simple_cycles(flat)}
    assert frozenset({"cd", "environments", "infrastructure_as_code"}) in cycles


def test_all_four_frameworks_with_their_levels(bundled):
    levels = {f.id: [lv.level for lv in f.levels] for f in bundled.frameworks}
    assert levels == {"google": [0, 1, 2], "microsoft": [0, 1, 2, 3, 4],
                      "stages": [1, 2, 3, 4, 5], "nlh": [0, 1, 2]}
    stages = [lv.name for lv in bundled.framework("stages").levels]
    assert stages == ["Ad hoc", "Repeatable", "Defined", "Managed", "Optimized"]
    google1 = bundled.framework("google").cumulative_requirements(1)
    assert google1["continuous_training"] == 3 and google1["orchestration"] == 3
    assert "feature_store" not in google1  # optional at level 1
    assert bundled.framework("microsoft").cumulative_requirements(4)["continuous_training"] == 4


def _option_named(bundled, name):
    exact = [o for o in bundled.options if o.name.lower() == name.lower()]
    matches = exact or [o for o in bundled.options if name.lower() in o.name.lower()]
    assert matches, f"no option named {name}"
    return matches[0]


@pytest.mark.parametrize("name,licence", sorted(FACT_LICENCES.items()))
def test_licences_are_exactly_the_facts(bundled, name, licence):
    option = _option_named(bundled, name)
    assert option.licence == licence
    assert option.open_source == licences.is_open_source(licence)


def test_source_available_is_never_open_source(bundled):
    for option in bundled.options:
        if option.licence in licences.SOURCE_AVAILABLE or option.licence == "proprietary":
            assert not option.open_source, option.id


@pytest.mark.parametrize("name,status", sorted(LIMITED_OR_GONE.items()))
def test_statuses_from_the_facts(bundled, name, status):
    assert _option_named(bundled, name).status == status


def test_options_per_capability(bundled):
    for cap in bundled.capabilities:
        options = bundled.options_for(cap.id)
        if cap.id in ("team_collaboration", "risk_fairness"):
            continue  # the facts list no tool: built in-house
        assert options, cap.id
        kinds = {o.open_source for o in options}
        if cap.id not in ("environments",):
            assert kinds == {True, False}, cap.id
    # Where the facts list three or more tools, at least three are offered.
    for cap_id in ("feature_store", "model_serving", "orchestration", "drift_detection", "experiment_tracking"):
        assert len(bundled.options_for(cap_id)) >= 3


def test_platforms_cover_several_capabilities(bundled):
    platforms = [o for o in bundled.options if o.kind == "platform"]
    assert platforms and all(len(o.covers) >= 2 for o in platforms)


def test_estimates_for_every_step_and_approach(bundled):
    for cap in bundled.capabilities:
        for to_level in range(cap.min_level + 1, cap.max_level + 1):
            for approach in APPROACHES:
                estimate = bundled.estimate(cap.id, to_level, approach)
                assert estimate is not None, (cap.id, to_level, approach)
                assert estimate.basis.startswith("Estimate:")
                assert estimate.confidence in ("low", "medium")
                assert estimate.person_weeks > 0 or estimate.licence_per_year > 0
