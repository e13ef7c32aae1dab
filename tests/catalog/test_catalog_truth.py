"""The corrections of 2026-11-24 and the status re-check of 2026-12-01 (see
../shared/reference/mlops-facts.md), licence terms beyond licence names, and rules that
must not contradict each other: criteria across levels, frameworks against dependencies."""

import re
from dataclasses import replace
from datetime import date
from types import SimpleNamespace

from planner.catalog import licences
from planner.catalog.criteria import manual_criteria
from planner.catalog.frameworks import understated
from planner.roadmap import options as opts

RECHECKED = date(2026, 12, 1)
STATUS = {  # "Corrections and additions (checked 2026-11-24)", and the rule in docs/catalog-format.md
    "whylogs": "limited-maintenance", "cml": "limited-maintenance", "aim": "limited-maintenance",
    "pachyderm": "limited-maintenance", "deepchecks": "limited-maintenance", "hopsworks": "limited-maintenance",
    "lime": "inactive", "model_card_toolkit": "inactive", "torchserve": "limited-maintenance",
    "neptune_ai": "discontinued", "whylabs_saas": "discontinued",
}
OWNERS = {  # option: (owner mentions, claim from a secondary source)
    "dvc": ("lakeFS", False), "weights_and_biases": ("CoreWeave", True), "neptune_ai": ("OpenAI", True),
    "tecton": ("Databricks", True), "outerbounds": ("Anaconda", True), "terraform": ("IBM", False),
}


def test_every_option_says_what_its_status_rests_on(bundled):
    for option in bundled.options:
        assert option.status_evidence.strip(), option.id
        if option.licence != "proprietary":  # code with a repository: re-checked there, with a date
            assert option.status_as_of == RECHECKED, option.id
            assert re.search(r"\b20\d\d\b", option.status_evidence), option.id  # a dated release or commit


def test_maintenance_status_follows_the_corrections(bundled):
    for option_id, status in STATUS.items():
        assert bundled.option(option_id).status == status, option_id


def test_owners_after_acquisitions_with_secondary_claims_marked(bundled):
    for option_id, (owner, secondary) in OWNERS.items():
        option = bundled.option(option_id)
        assert owner in option.owner and option.owner_secondary == secondary, option_id


def test_hosting_corrections(bundled):
    assert "self-hosted" in bundled.option("github").hosting  # GitHub Enterprise Server
    assert "customer-cloud" in bundled.option("anyscale").hosting  # bring your own cloud
    assert "MIT" in bundled.option("gitlab").status_note


def test_the_microsoft_source_and_its_level_two_feature_store(bundled):
    source = next(s for s in bundled.sources if s.id == "MS")
    assert "2024-11-06" in source.title
    assert bundled.framework("microsoft").cumulative_requirements(2)["feature_store"] >= 3


def test_every_source_available_licence_states_its_production_terms(bundled):
    for option in bundled.options:
        if option.licence in licences.SOURCE_AVAILABLE:
            assert option.use_grant.strip(), option.id
    for option_id in ("seldon_core_v2", "alibi_detect"):  # BUSL: free production use only for non-profit education
        option = bundled.option(option_id)
        assert option.paid_production_use and option.approach == "buy", option_id
    for option_id in ("terraform", "clearml", "arize_phoenix"):  # free to run for your own use
        assert not bundled.option(option_id).paid_production_use and bundled.option(option_id).approach == "adopt"


def test_a_tool_needing_a_paid_production_licence_is_costed_as_buy_and_says_why(bundled):
    rates = opts.default_rates(bundled)
    choices = opts.candidates(bundled, "model_serving", 1, 3, opts.Preferences(), rates)
    seldon = next(c for c in choices if c.option_id == "seldon_core_v2")
    assert seldon.approach == "buy"
    assert "production use needs a paid licence" in seldon.rationale
    assert seldon.tco.total == opts.tco(bundled, "model_serving", 1, 3, "buy", rates).total
    kserve = next(c for c in choices if c.option_id == "kserve")
    assert kserve.approach == "adopt" and "paid licence" not in kserve.rationale


def test_the_missing_dependencies_are_there_and_the_weak_one_is_gone(bundled):
    edges = {(d.capability, d.needs) for d in bundled.dependencies if not d.optional}
    assert ("prediction_logging", "model_serving") in edges
    assert ("feedback_loop", "prediction_logging") in edges
    assert ("model_monitoring", "model_serving") in edges
    registry4 = [d for d in bundled.dependencies if d.capability == "model_registry" and d.level == 4]
    assert not any(d.needs == "online_experimentation" for d in registry4)  # not in its level-4 criteria


def test_what_frameworks_need_through_dependencies_is_fixed_or_explained(bundled):
    extras = understated(bundled)
    unexplained = [(e.framework, e.level, e.capability, e.closure_level) for e in extras if not e.accepted]
    assert unexplained == []
    needs = {(e.framework, e.level, e.capability): e.closure_level for e in extras}
    assert ("google", 1, "ci") not in needs  # level 1 leaves CI manual
    assert ("google", 1, "infrastructure_as_code") not in needs and ("microsoft", 3, "infrastructure_as_code") not in needs
    validation = next(e for e in extras if (e.framework, e.level, e.capability) == ("microsoft", 2, "data_validation"))
    assert "Google" in validation.accepted  # kept, with the reason


def test_no_criterion_below_the_top_asks_for_a_manual_practice(bundled):
    assert manual_criteria(bundled) == []


def test_the_manual_criterion_rule_catches_the_pattern_and_spares_negations(bundled):
    cd = bundled.capability("cd")
    level2 = next(lv for lv in cd.levels if lv.level == 2)
    bad = replace(level2, criteria=(*level2.criteria, "Training pipeline changes are deployed manually",
                                    "Releases run without manual steps"))
    fake = SimpleNamespace(capabilities=[replace(cd, levels=tuple(bad if lv.level == 2 else lv for lv in cd.levels))])
    assert manual_criteria(fake) == [("cd", 2, "Training pipeline changes are deployed manually")]


def test_operating_effort_stays_within_the_basis_it_cites(bundled):
    """"~20% of a senior engineer" is about 10 person-weeks a year; "1.5-2 FTE" at most 104."""
    totals = {}
    for est in bundled.estimates:
        share = re.search(r"~(\d+)% of a senior engineer", est.basis)
        fte = re.search(r"([\d.]+)-([\d.]+) FTE to run", est.basis)
        limit = int(share.group(1)) / 100 * 52 if share else float(fte.group(2)) * 52 if fte else None
        if limit is not None:
            key = (est.capability, est.approach)
            total, _ = totals.get(key, (0.0, limit))
            totals[key] = (total + est.operating_weeks_per_year, limit)
    assert totals, "no estimate cites a staffing basis"
    for key, (total, limit) in totals.items():
        assert total <= limit, (key, total, limit)


def test_buy_estimates_do_not_cite_a_tool_the_catalog_adopts_as_their_pricing_example(bundled):
    """The Terraform CLI is self-hosted and adopted; a buy estimate may cite HCP Terraform,
    the hosted service, but not "Terraform"."""
    adopted = {o.name for o in bundled.options if o.approach == "adopt"}
    for est in bundled.estimates:
        if est.approach != "buy":
            continue
        for examples in re.findall(r"\(e\.g\. ([^)]*)\)", est.basis):
            cited = {part.strip() for part in re.split(r"[,;]", examples)}
            assert not cited & adopted, (est.key, cited & adopted)


WEEKS_PER_MONTH = 52 / 12


def test_effort_and_lead_time_agree_with_the_months_their_basis_quotes(bundled):
    """"2-4 months to put self-hosted Feast into production", "2-4 weeks to production
    with a vendor", "~4 engineers x 6 months to build": the steps up to production (levels
    2 and 3) must take that long, and a build that much effort."""
    checked = 0
    groups: dict[tuple[str, str], list] = {}
    for est in bundled.estimates:
        groups.setdefault((est.capability, est.approach), []).append(est)
    for (cap, approach), steps in groups.items():
        to_production = [e for e in steps if e.to_level in (2, 3)]
        basis = " ".join(e.basis for e in to_production)
        lead = sum(e.lead_time_weeks for e in to_production)
        effort = sum(sum(e.effort.values()) for e in to_production)
        if match := re.search(r"(\d+)-(\d+) months to put [^;.]* into production", basis):
            low, high = (int(g) * WEEKS_PER_MONTH for g in match.groups())
            assert low <= lead <= high, (cap, approach, lead, low, high)
            checked += 1
        if match := re.search(r"(\d+)-(\d+) weeks to production", basis):
            assert int(match.group(1)) <= lead <= int(match.group(2)), (cap, approach, lead)
            checked += 1
        if match := re.search(r"~(\d+) engineers x (\d+) months to build", basis):
            people, months = int(match.group(1)), int(match.group(2))
            assert abs(lead - months * WEEKS_PER_MONTH) <= 0.15 * months * WEEKS_PER_MONTH, (cap, approach, lead)
            assert abs(effort - people * months * WEEKS_PER_MONTH) <= 0.3 * people * months * WEEKS_PER_MONTH, \
                (cap, approach, effort)
            checked += 1
    assert checked >= 3
