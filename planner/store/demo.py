"""A realistic demo plan: a mid-size insurer with two teams, evidence, snapshots and votes.

Everything here is invented for demonstration; the organisation and people are fictional.
"""

from __future__ import annotations

from pathlib import Path

from . import commands as c
from .planfile import PlanFile

ORGANISATION = "Nordlicht Versicherung AG"

# capability -> (level, confidence, evidence note) for the pricing team, a year into MLOps.
PRICING = {
    "source_control": (3, "high", "All pricing repos on GitLab with protected main and mandatory review."),
    "ci": (2, "high", "GitLab CI runs unit tests on merge requests; no data or model tests yet."),
    "cd": (1, "medium", "Models are copied to the scoring server by a runbook, about monthly."),
    "orchestration": (2, "medium", "Airflow DAGs exist for the two main models, started by hand."),
    "containerization": (2, "high", "Training and scoring images built from a shared base image."),
    "infrastructure_as_code": (1, "medium", "Some Terraform for buckets; the scoring VM was built by hand."),
    "environments": (1, "medium", "Dev and prod only; prod differs in Python version."),
    "infra_monitoring": (2, "medium", "Grafana dashboards for the scoring API, alerts to a mailbox."),
    "cost_tracking": (1, "low", "Finance reports cloud spend quarterly, not per model."),
    "data_versioning": (1, "medium", "Training extracts are kept in dated folders."),
    "data_validation": (1, "medium", "Analysts check row counts by eye before training."),
    "feature_store": (0, "high", "Features are recomputed in each notebook."),
    "data_pipelines": (2, "high", "Nightly ingestion from the policy system through Airflow."),
    "drift_detection": (0, "medium", "Nobody compares live inputs with training data."),
    "experiment_tracking": (2, "high", "MLflow tracking server used by most data scientists."),
    "metadata_store": (1, "low", "Run parameters live in MLflow; pipeline runs are not recorded."),
    "model_registry": (2, "medium", "MLflow registry holds versions; stage changes are manual."),
    "model_validation": (1, "medium", "A notebook compares the new model with the old one before release."),
    "continuous_training": (1, "high", "Retraining is done by hand twice a year."),
    "model_serving": (2, "high", "FastAPI scoring service in a container behind the rating engine."),
    "online_experimentation": (0, "medium", "New models replace old ones for all quotes at once."),
    "model_monitoring": (1, "low", "Loss ratio reviewed quarterly; no link to model versions."),
    "prediction_logging": (1, "medium", "Scoring requests are logged for 30 days, outputs are not."),
    "feedback_loop": (1, "low", "Claims outcomes arrive months later and are joined ad hoc."),
    "explainability": (2, "medium", "SHAP reports produced for pricing committee reviews."),
    "automl": (0, "high", "Not used."),
    "training_compute": (1, "medium", "Training runs on a large shared VM."),
    "access_governance": (2, "medium", "Role-based access to data lake and registry; deploys need sign-off."),
    "lineage_audit": (1, "low", "Tracing a price to its model version takes days of digging."),
    "documentation": (2, "medium", "Model documentation template used for regulatory filings."),
    "risk_fairness": (1, "medium", "Actuarial review of rating factors; no automated bias tests."),
    "team_collaboration": (2, "medium", "Data scientists and data engineers share one backlog."),
}

# The claims team is earlier on; only differences from pricing are listed.
CLAIMS = {
    "ci": (1, "medium", "Tests exist but are run by hand."),
    "orchestration": (1, "medium", "Cron jobs on a VM."),
    "experiment_tracking": (1, "medium", "Results kept in spreadsheets."),
    "model_registry": (1, "medium", "Model pickles in a shared bucket."),
    "model_serving": (1, "high", "Batch scoring script run weekly."),
    "explainability": (1, "low", "Ad hoc feature importance plots."),
    "documentation": (1, "medium", "READMEs of varying quality."),
}

PARTICIPANTS = ("Anja Müller", "Bartosz Łódź-Nowak", "Chloé Dubois", "Dev Raman")

# Votes in the pricing workshop: capability -> one vote per participant.
VOTES = {
    "ci": (2, 2, 3, 2),
    "model_registry": (2, 3, 2, 2),
    "model_monitoring": (1, 3, 1, 2),  # disagreement: spread 2
    "data_validation": (1, 1, 2, 1),
    "lineage_audit": (0, 1, 2, 1),  # disagreement
    "team_collaboration": (2, 2, 2, 3),
}

TARGETS = {"model_serving": 3, "explainability": 3, "feature_store": 2}

# Roadmap constraints: monthly plan from January 2027, a small platform team, a budget.
SETTINGS = {
    "start_date": "2027-01-01",
    "time_unit": "month",
    "capacity": {"data_engineering": 2, "ml_engineering": 2, "platform": 1.5, "data_science": 2, "governance": 0.5},
    "budget_per_period": 120000,
    "horizon_years": 3,
    "preferences": {"prefer_open_source": True, "excluded_licences": ["AGPL"], "clouds": ["aws", "on-prem"]},
}

SCENARIOS = {
    "+2 ML engineers": {"description": "Hire two ML engineers from the start.",
                        "settings": {"capacity": {**SETTINGS["capacity"], "ml_engineering": 4}}},
    "Buy the feature store": {"description": "SageMaker Feature Store instead of the recommendation.",
                              "decisions": {"feature_store": ["buy", "amazon_sagemaker"]}},
}
PRIORITIES = {"continuous_training": 5, "model_monitoring": 5, "drift_detection": 4, "feature_store": 3,
              "cd": 4, "data_validation": 4, "lineage_audit": 3, "automl": 1, "explainability": 3}


def _assess(plan: PlanFile, assessment: str, levels: dict, by: str) -> None:
    cmds: list[c.Command] = []
    for cap_id, (level, confidence, note) in levels.items():
        cmds.append(c.SetLevel(assessment, cap_id, level, by=by))
        cmds.append(c.SetConfidence(assessment, cap_id, confidence, by=by))
        cmds.append(c.AddEvidence(assessment, cap_id, note, by=by))
    c.Batch(cmds, f"Assess {assessment}").apply(plan)


def build_demo(path: str | Path, catalog_dir: str | Path | None = None) -> PlanFile:
    plan = PlanFile.create(path, catalog_dir, name="MLOps roadmap 2027", organisation=ORGANISATION,
                           assessment="Pricing")
    early = {cap: (max(level - 1, 0), conf, "Baseline: " + note) for cap, (level, conf, note) in PRICING.items()}
    _assess(plan, "Pricing", early, "Anja Müller")
    c.TakeSnapshot("Pricing", "2026-Q1 baseline").apply(plan)
    _assess(plan, "Pricing", PRICING, "Anja Müller")
    c.TakeSnapshot("Pricing", "2026-Q4 review").apply(plan)
    c.AddAssessment("Claims analytics").apply(plan)
    _assess(plan, "Claims analytics", PRICING | CLAIMS, "Dev Raman")
    c.TakeSnapshot("Claims analytics", "2026-Q4 review").apply(plan)
    c.SetNotApplicable("Claims analytics", "online_experimentation", True,
                       "Claims decisions are not exposed to customers; no live A/B tests allowed.").apply(plan)
    c.Batch([c.SetVote("Pricing", cap_id, who, level)
             for cap_id, levels in VOTES.items() for who, level in zip(PARTICIPANTS, levels)], "Workshop votes").apply(plan)
    c.SetFrameworkTarget("google", 1).apply(plan)
    c.Batch([c.SetTarget(cap, level) for cap, level in TARGETS.items()]
            + [c.SetPriority(cap, p) for cap, p in PRIORITIES.items()], "Targets and priorities").apply(plan)
    c.Batch([c.SetSetting(key, value) for key, value in SETTINGS.items()]
            + [c.SaveScenario(name, data) for name, data in SCENARIOS.items()], "Roadmap constraints").apply(plan)
    return plan
