"""Build/adopt/buy options: TCO arithmetic, preference filters, recommendation, bundles."""

from dataclasses import replace

import pytest

from planner.catalog.load import load_catalog
from planner.catalog.model import Estimate
from planner.roadmap.options import (
    Bundle, Choice, MissingEstimate, Preferences, Rates, Tco, bundles, candidates, default_rates, excluded,
    licence_excluded, licence_family, recommend, step_estimate, step_tco, tco,
)

ROLES = ("data_engineering", "ml_engineering", "platform", "data_science", "governance")


@pytest.fixture(scope="module")
def cat():
    return load_catalog()


@pytest.fixture(scope="module")
def rates(cat):
    return default_rates(cat)


def est(cap, level, approach, effort, licence=0.0, operating=0.0):
    return Estimate(cap, level, approach, effort, licence, operating, 1.0, "test", "high")


def ids(choices):
    return [c.option_id for c in choices]


def excluded_ids(cat, cap, prefs):
    return {o.id: why for o, why in excluded(cat, cap, prefs)}


# -- rates and TCO arithmetic -----------------------------------------------------------

def test_default_rates_cover_every_role(cat, rates):
    assert set(rates.weekly_cost) == {r.id for r in cat.roles} == set(ROLES)
    assert rates.weekly_cost["governance"] == 2500.0
    assert rates.weekly_cost["ml_engineering"] == 3000.0
    assert rates.horizon_years == 3.0


def test_one_catalog_step_from_its_estimate_fields(cat):
    rate = {"data_engineering": 3100.0, "ml_engineering": 3300.0, "platform": 2900.0,
            "data_science": 3500.0, "governance": 2500.0}
    rates = Rates(rate, 3.0)
    e = cat.estimate("feature_store", 2, "buy")
    one_time = sum(weeks * rate[role] for role, weeks in e.effort.items())
    mean_rate = one_time / sum(e.effort.values())
    expected = one_time + 3.0 * (e.licence_per_year + e.operating_weeks_per_year * mean_rate)
    got = tco(cat, "feature_store", 1, 2, "buy", rates)
    assert got.one_time == pytest.approx(one_time)
    assert got.licence_per_year == pytest.approx(e.licence_per_year)
    assert got.operating_per_year == pytest.approx(e.operating_weeks_per_year * mean_rate)
    assert got.total == pytest.approx(expected)
    assert got == step_tco(e, rates)


def test_literal_tco_with_overrides(cat):
    rates = Rates({"data_engineering": 1000.0, "ml_engineering": 2000.0, "platform": 1500.0}, 3.0)
    overrides = {
        ("feature_store", 1, "build"): est("feature_store", 1, "build",
                                           {"data_engineering": 2, "ml_engineering": 1}, 500, 3),
        ("feature_store", 2, "build"): est("feature_store", 2, "build", {"platform": 4}, 1000, 2),
    }
    # step 1: 2*1000 + 1*2000 = 4000 one-time; operating 3 weeks at 4000/3 per week = 4000 a year
    one = tco(cat, "feature_store", 0, 1, "build", rates, overrides)
    assert (one.one_time, one.licence_per_year, one.operating_per_year) == pytest.approx((4000, 500, 4000))
    assert one.total == pytest.approx(4000 + 3 * (500 + 4000))  # 17,500
    # step 2: 4*1500 = 6000 one-time; operating 2 weeks at 1500 = 3000 a year; licence 1000
    both = tco(cat, "feature_store", 0, 2, "build", rates, overrides)
    assert (both.one_time, both.licence_per_year, both.operating_per_year) == pytest.approx((10000, 1500, 7000))
    assert both.total == pytest.approx(35500)
    assert Tco(10000, 1500, 7000, 2.0).total == pytest.approx(27000)  # the horizon is a parameter


def test_step_estimate_prefers_the_override(cat):
    override = est("feature_store", 1, "adopt", {"platform": 1})
    assert step_estimate(cat, "feature_store", 1, "adopt", {override.key: override}) is override
    assert step_estimate(cat, "feature_store", 1, "adopt") is cat.estimate("feature_store", 1, "adopt")
    assert step_estimate(cat, "feature_store", 1, "adopt", {}) is cat.estimate("feature_store", 1, "adopt")


def test_no_gap_costs_nothing(cat, rates):
    assert tco(cat, "feature_store", 2, 2, "build", rates).total == 0
    best, others = recommend(cat, "feature_store", 2, 2, Preferences(), rates)
    assert (best.approach, best.option_id, best.tco.total, others) == ("build", None, 0, [])


def test_missing_estimate_leaves_options_out_but_build_must_exist(cat, rates):
    small = replace(cat, estimates=tuple(e for e in cat.estimates
                                         if not (e.capability == "feature_store" and e.approach == "buy")))
    with pytest.raises(MissingEstimate, match="feature_store to level 1 by buy"):
        step_estimate(small, "feature_store", 1, "buy")
    assert {c.approach for c in candidates(small, "feature_store", 0, 3, Preferences(), rates)} == {"build", "adopt"}
    no_build = replace(cat, estimates=tuple(e for e in cat.estimates if e.key != ("feature_store", 1, "build")))
    with pytest.raises(MissingEstimate):
        candidates(no_build, "feature_store", 0, 3, Preferences(), rates)


# -- preferences -----------------------------------------------------------------------

def test_licence_families():
    assert licence_family("AGPL-3.0-only") == "AGPL"
    assert licence_family("BUSL-1.1") == "BUSL"
    assert licence_family("proprietary") == "proprietary"
    assert licence_excluded("GPL-3.0-only", {"GPL"})
    assert not licence_excluded("AGPL-3.0-only", {"GPL"})
    assert not licence_excluded("LGPL-2.1-only", {"GPL"})
    assert licence_excluded("AGPL-3.0-or-later", {"agpl"})
    assert licence_excluded("BUSL-1.1", {"BUSL-1.1"})
    assert not licence_excluded("BSL-1.0", {"BUSL"})
    assert licence_excluded("PolyForm-Shield-1.0.0", {"PolyForm"})


def test_agpl_excludes_hopsworks_deepchecks_grafana_but_gpl_does_not(cat):
    # unmaintained tools allowed, so that only the licence rules them out
    agpl = Preferences(excluded_licences=frozenset({"AGPL"}), allow_unmaintained=True)
    gpl = Preferences(excluded_licences=frozenset({"GPL"}), allow_unmaintained=True)
    for cap, option in [("feature_store", "hopsworks"), ("data_validation", "deepchecks"),
                        ("infra_monitoring", "grafana")]:
        reasons = excluded_ids(cat, cap, agpl)
        assert reasons[option].startswith(f"licence {cat.option(option).licence} is excluded")
        assert option not in ids(candidates(cat, cap, 0, 3, agpl, default_rates(cat)))
        assert option not in excluded_ids(cat, cap, gpl)
        assert option in ids(candidates(cat, cap, 0, 3, gpl, default_rates(cat)))
    assert excluded_ids(cat, "source_control", gpl) == {"git": "licence GPL-2.0-only is excluded"}


def test_busl_excludes_terraform_seldon_alibi(cat):
    for name in ("BUSL", "BUSL-1.1"):
        busl = Preferences(excluded_licences=frozenset({name}))
        assert "terraform" in excluded_ids(cat, "infrastructure_as_code", busl)
        assert "seldon_core_v2" in excluded_ids(cat, "model_serving", busl)
        assert excluded_ids(cat, "drift_detection", busl)["alibi_detect"].startswith("licence BUSL-1.1 is excluded")
    assert "opentofu" in ids(candidates(cat, "infrastructure_as_code", 0, 3, busl, default_rates(cat)))


def test_aws_keeps_sagemaker_and_self_hosted_drops_vertex(cat, rates):
    aws = Preferences(clouds=frozenset({"aws"}))
    got = ids(candidates(cat, "model_serving", 0, 3, aws, rates))
    assert {"amazon_sagemaker", "kserve", "bentoml"} <= set(got)
    assert not {"google_vertex_ai", "databricks", "azure_machine_learning"} & set(got)
    assert "anyscale" in got  # it also runs in your own AWS account (bring your own cloud)
    reasons = excluded_ids(cat, "model_serving", aws)
    assert reasons["google_vertex_ai"].startswith("hosting managed-gcp not allowed")
    assert excluded_ids(cat, "model_serving", Preferences(clouds=frozenset({"databricks"})))["anyscale"].startswith(
        "hosting saas/customer-cloud not allowed")
    on_prem = Preferences(clouds=frozenset({"on-prem"}))
    got = ids(candidates(cat, "source_control", 0, 3, on_prem, rates))
    assert {"gitlab", "git", "github"} <= set(got)  # GitLab and GitHub (Enterprise Server) also self-host
    assert "github" not in ids(candidates(cat, "source_control", 0, 3, Preferences(clouds=frozenset({"databricks"})), rates))
    saas = ids(candidates(cat, "model_serving", 0, 3, Preferences(clouds=frozenset({"saas"})), rates))
    assert saas == [None, "anyscale"]


def test_unmaintained_excluded_by_default_with_a_reason(cat, rates):
    cases = [("model_serving", "torchserve", "limited-maintenance (as of 2026-12-01)"),
             ("feature_store", "featureform", "limited-maintenance (as of 2026-12-01)"),
             ("explainability", "lime", "inactive (as of 2026-12-01)")]
    allow = Preferences(allow_unmaintained=True)
    for cap, option, reason in cases:
        assert excluded_ids(cat, cap, Preferences())[option] == reason
        assert option not in ids(candidates(cat, cap, 0, 2, Preferences(), rates))
        assert option not in excluded_ids(cat, cap, allow)
        choice = next(c for c in candidates(cat, cap, 0, 2, allow, rates) if c.option_id == option)
        assert cat.option(option).status in choice.rationale


def test_discontinued_is_excluded_even_when_unmaintained_tools_are_allowed(cat, rates):
    allow = Preferences(allow_unmaintained=True)
    for cap, option in (("experiment_tracking", "neptune_ai"), ("drift_detection", "whylabs_saas")):
        assert excluded_ids(cat, cap, allow)[option] == f"discontinued (as of {cat.option(option).status_as_of})"
        assert option not in ids(candidates(cat, cap, 0, 2, allow, rates))


def test_equal_prices_prefer_higher_reach_then_open_source(cat, rates):
    best, others = recommend(cat, "orchestration", 1, 3, Preferences(), rates)
    tied = [c for c in others if round(c.tco.total, 6) == round(best.tco.total, 6)]
    assert tied, "orchestration tools share one adopt estimate"
    for other in tied:
        option = cat.option(other.option_id) if other.option_id else None
        assert best.covers_to >= other.covers_to
        if best.covers_to == other.covers_to and option is not None:
            assert cat.option(best.option_id).open_source >= option.open_source
    assert "tied with" in best.rationale


def test_several_reasons_are_joined(cat):
    prefs = Preferences(excluded_licences=frozenset({"proprietary"}), clouds=frozenset({"aws"}))
    assert excluded_ids(cat, "experiment_tracking", prefs)["neptune_ai"] == (
        "licence proprietary is excluded; hosting saas not allowed (allowed: aws); discontinued (as of 2026-12-01)")


# -- recommendation ---------------------------------------------------------------------

PREFS = [Preferences(), Preferences(prefer_open_source=True),
         Preferences(excluded_licences=frozenset({"AGPL", "BUSL"}), clouds=frozenset({"gcp"})),
         Preferences(excluded_licences=frozenset({"proprietary"}), allow_unmaintained=True)]


@pytest.mark.parametrize("prefs", PREFS)
def test_recommendation_is_deterministic_and_within_the_candidates(cat, rates, prefs):
    for cap in cat.capabilities:
        for low, high in [(0, 4), (1, 3), (2, 3)]:
            best, others = recommend(cat, cap.id, low, high, prefs, rates)
            again = recommend(cat, cap.id, low, high, prefs, rates)
            assert (best, others) == again
            pool = candidates(cat, cap.id, low, high, prefs, rates)
            key = lambda c: (c.approach, c.option_id)  # noqa: E731
            assert sorted(map(key, [best, *others]), key=str) == sorted(map(key, pool), key=str)
            assert [c.tco.total for c in others] == sorted(c.tco.total for c in others)
            if not prefs.prefer_open_source:
                assert best.tco.total == min(c.tco.total for c in pool)
            else:
                assert best.tco.total <= 1.25 * min(c.tco.total for c in pool) + 1e-6
            assert best.rationale and "USD" in best.rationale


def test_rationale_names_the_option_and_the_horizon(cat, rates):
    best, others = recommend(cat, "feature_store", 0, 3, Preferences(), rates)
    n = len(others) + 1
    assert best.option_id == "feast"  # ties with Hopsworks at the same adopt estimate; first by id
    assert best.rationale.startswith("Adopt Feast (Apache-2.0, self-hosted): lowest 3-year TCO of "
                                     f"{n} candidates ({best.tco.total:,.0f} USD)")
    two = recommend(cat, "feature_store", 0, 3, Preferences(), Rates(rates.weekly_cost, 2.0))[0]
    assert "lowest 2-year TCO" in two.rationale


def _race(cat, adopt_weeks):
    """feature_store 0->1 where buy costs 1000, adopt 1000 x adopt_weeks, build 10,000."""
    return {("feature_store", 1, "build"): est("feature_store", 1, "build", {"platform": 10}),
            ("feature_store", 1, "adopt"): est("feature_store", 1, "adopt", {"platform": adopt_weeks}),
            ("feature_store", 1, "buy"): est("feature_store", 1, "buy", {"platform": 0.5}, licence=500)}


def test_prefer_open_source_wins_within_25_percent(cat):
    rates = Rates({"platform": 1000.0}, 1.0)
    prefer = Preferences(prefer_open_source=True, excluded_licences=frozenset({"AGPL"}))
    plain = Preferences(excluded_licences=frozenset({"AGPL"}))
    within = _race(cat, 1.25)  # adopt 1250 against buy 1000: exactly 25% more
    best, _ = recommend(cat, "feature_store", 0, 1, plain, rates, within)
    assert (best.approach, best.option_id, best.tco.total) == ("buy", "amazon_sagemaker", pytest.approx(1000))
    best, others = recommend(cat, "feature_store", 0, 1, prefer, rates, within)
    assert (best.option_id, best.tco.total) == ("feast", pytest.approx(1250))
    assert "open source preferred, within 25%" in best.rationale
    assert "1,000 USD for Buy Amazon SageMaker" in best.rationale
    assert ids(others)[:4] == ["amazon_sagemaker", "databricks", "google_vertex_ai", "tecton"]
    beyond = _race(cat, 1.26)  # 26% more: the cheaper buy wins even when open source is preferred
    best, _ = recommend(cat, "feature_store", 0, 1, prefer, rates, beyond)
    assert best.option_id == "amazon_sagemaker"
    assert "lowest 1-year TCO" in best.rationale


def test_source_available_is_not_open_source_for_the_preference(cat):
    rates = Rates({"platform": 1000.0}, 1.0)
    overrides = {("drift_detection", 1, a): est("drift_detection", 1, a, {"platform": w}, licence=lic)
                 for a, w, lic in [("build", 10, 0), ("adopt", 1.2, 0), ("buy", 0.5, 500)]}
    only = Preferences(prefer_open_source=True, excluded_licences=frozenset({"Apache", "AGPL"}))
    best, _ = recommend(cat, "drift_detection", 0, 1, only, rates, overrides)
    assert best.approach == "buy"  # Alibi Detect (BUSL-1.1) is adoptable but not open source


def test_partial_coverage_builds_the_higher_steps(cat, rates):
    pool = candidates(cat, "model_serving", 0, 4, Preferences(), rates)
    triton = next(c for c in pool if c.option_id == "triton_inference_server")
    assert triton.covers_to == 2
    expected = sum((step_tco(cat.estimate("model_serving", lvl, a), rates)
                    for lvl, a in [(1, "adopt"), (2, "adopt"), (3, "build"), (4, "build")]),
                   Tco(0, 0, 0, 3.0))
    assert triton.tco == expected
    assert "up to level 2, levels 3-4 built in-house" in triton.rationale
    kserve = next(c for c in pool if c.option_id == "kserve")
    assert kserve.covers_to == 3 and "up to level 3, level 4 built in-house" in kserve.rationale
    build = next(c for c in pool if c.option_id is None)
    assert build.covers_to == 4 and build.tco == tco(cat, "model_serving", 0, 4, "build", rates)
    # an option that stops at the current level adds nothing and is not a candidate
    assert "triton_inference_server" not in ids(candidates(cat, "model_serving", 2, 4, Preferences(), rates))


def test_literal_partial_coverage(cat):
    rates = Rates({"platform": 100.0}, 1.0)
    overrides = {("model_serving", 1, "adopt"): est("model_serving", 1, "adopt", {"platform": 1}),
                 ("model_serving", 2, "adopt"): est("model_serving", 2, "adopt", {"platform": 2}),
                 ("model_serving", 3, "build"): est("model_serving", 3, "build", {"platform": 4}, 0, 1)}
    pool = candidates(cat, "model_serving", 0, 3, Preferences(), rates, overrides)
    triton = next(c for c in pool if c.option_id == "triton_inference_server")
    assert (triton.tco.one_time, triton.tco.operating_per_year, triton.tco.total) == (700, 100, 800)


# -- bundles ----------------------------------------------------------------------------

GAPS = {cap: (0, 3) for cap in ("feature_store", "experiment_tracking", "model_registry", "model_serving",
                                "training_compute", "orchestration", "data_versioning")}


def test_platform_bundles_against_best_of_breed(cat, rates):
    prefs = Preferences()
    got = bundles(cat, GAPS, prefs, rates)
    by_id = {b.option_id: b for b in got}
    assert {"databricks", "amazon_sagemaker", "google_vertex_ai"} <= set(by_id)
    assert all(isinstance(b, Bundle) and len(b.capabilities) >= 2 for b in got)
    assert by_id["databricks"].capabilities == ("data_versioning", "feature_store", "experiment_tracking",
                                                 "model_registry", "model_serving", "training_compute")
    for b in got:
        assert set(b.capabilities) <= set(GAPS)
        assert cat.option(b.option_id).kind == "platform"
        own = [next(c for c in candidates(cat, cap, *GAPS[cap], prefs, rates) if c.option_id == b.option_id)
               for cap in b.capabilities]
        best = [recommend(cat, cap, *GAPS[cap], prefs, rates)[0] for cap in b.capabilities]
        assert b.bundle_tco.total == pytest.approx(sum(c.tco.total for c in own))
        assert b.best_of_breed_tco.total == pytest.approx(sum(c.tco.total for c in best))
        assert b.saving == pytest.approx(b.best_of_breed_tco.total - b.bundle_tco.total)
    assert [b.saving for b in got] == sorted((b.saving for b in got), reverse=True)
    assert bundles(cat, GAPS, prefs, rates) == got
    aws = {b.option_id for b in bundles(cat, GAPS, Preferences(clouds=frozenset({"aws"})), rates)}
    assert "amazon_sagemaker" in aws and not {"databricks", "google_vertex_ai"} & aws


def test_a_bundle_needs_two_open_gaps(cat, rates):
    gaps = {"feature_store": (0, 3), "data_versioning": (0, 2), "model_serving": (3, 3), "training_compute": (3, 4)}
    got = {b.option_id: b.capabilities for b in bundles(cat, gaps, Preferences(), rates)}
    assert got == {"databricks": ("data_versioning", "feature_store")}


def test_a_bundle_can_save_when_open_source_is_preferred(cat):
    rates = Rates({"platform": 1000.0}, 1.0)
    overrides = {}
    for cap in ("feature_store", "model_registry"):
        for a, w, lic in [("build", 10, 0), ("adopt", 1.2, 0), ("buy", 0.5, 500)]:
            overrides[(cap, 1, a)] = est(cap, 1, a, {"platform": w}, licence=lic)
    gaps = {"feature_store": (0, 1), "model_registry": (0, 1)}
    got = {b.option_id: b for b in bundles(cat, gaps, Preferences(prefer_open_source=True), rates, overrides)}
    sagemaker = got["amazon_sagemaker"]
    assert sagemaker.bundle_tco.total == pytest.approx(2000)
    assert sagemaker.best_of_breed_tco.total == pytest.approx(2400)
    assert sagemaker.saving == pytest.approx(400)
    plain = {b.option_id: b for b in bundles(cat, gaps, Preferences(), rates, overrides)}
    assert plain["amazon_sagemaker"].saving == pytest.approx(0)


def test_choice_is_a_plain_value(cat, rates):
    best, _ = recommend(cat, "orchestration", 0, 3, Preferences(), rates)
    assert isinstance(best, Choice) and best.capability == "orchestration" and best.covers_to == 3
    with pytest.raises(AttributeError):
        best.approach = "build"


def test_a_tie_on_every_count_is_worded_for_a_sponsor(cat, rates):
    """The PDF used to say "first by id"."""
    build, _ = recommend(cat, "source_control", 0, 2, Preferences(), rates)
    assert build.option_id is None and build.rationale.endswith(
        "tied with 1 other; equal on every count, and building in-house comes first among equals")
    bought, others = recommend(cat, "cd", 0, 4, Preferences(), rates)
    tied = sorted(c.option_id for c in others if round(c.tco.total, 6) == round(bought.tco.total, 6))
    assert bought.option_id < tied[0] and bought.rationale.endswith(
        f"tied with {len(tied)} others; equal on every count, so the first in alphabetical order")


# -- from the survivors of the options mutation run -------------------------------------------

@pytest.fixture(autouse=True)
def _fresh_reasons():
    """Exclusion reasons are cached per process; a test must see the code it tests."""
    from planner.roadmap import options

    options._reasons.cache_clear()
    yield
    options._reasons.cache_clear()


def test_hosting_is_filtered_by_the_clouds_allowed_and_unfiltered_without_any(cat):
    from planner.roadmap.options import allowed_hostings

    codedeploy = cat.option("aws_codedeploy")
    assert allowed_hostings(codedeploy, Preferences()) == codedeploy.hosting == ("managed-aws",)
    assert allowed_hostings(codedeploy, Preferences(clouds=frozenset({"gcp"}))) == ()
    assert allowed_hostings(codedeploy, Preferences(clouds=frozenset({"AWS"}))) == ("managed-aws",)
    assert excluded_ids(cat, "cd", Preferences(clouds=frozenset({"gcp"})))["aws_codedeploy"] == (
        "hosting managed-aws not allowed (allowed: gcp)")


def test_a_step_prices_unrated_roles_at_nothing_and_operating_without_effort_at_the_mean_rate():
    assert step_tco(est("x", 1, "build", {"pilots": 2.0}), Rates({"platform": 3000.0})).one_time == 0.0
    no_effort = est("x", 1, "adopt", {}, operating=2.0)
    assert step_tco(no_effort, Rates({"a": 1000.0, "b": 3000.0})).operating_per_year == 4000.0
    assert step_tco(no_effort, Rates({"a": 1000.0})).operating_per_year == 2000.0
    assert step_tco(no_effort, Rates({})).operating_per_year == 0.0


def test_each_kind_of_label_word_for_word(cat, rates):
    build = candidates(cat, "cd", 1, 2, Preferences(), rates)[0]
    assert build.rationale == f"Build in-house: 3-year TCO {build.tco.total:,.0f} USD."
    best, others = recommend(cat, "cd", 0, 4, Preferences(), rates)
    tied = [c for c in others if round(c.tco.total, 6) == round(best.tco.total, 6)]
    assert best.rationale == (
        "Buy AWS CodeDeploy (proprietary, managed-aws) up to level 3, level 4 built in-house: lowest 3-year TCO of "
        f"{len(others) + 1} candidates ({best.tco.total:,.0f} USD), tied with {len(tied)} others; equal on every "
        "count, so the first in alphabetical order")
    paid = next(c for c in candidates(cat, "model_serving", 2, 3, Preferences(), rates) if c.option_id == "seldon_core_v2")
    assert paid.rationale == (f"Buy Seldon Core v2 (BUSL-1.1, self-hosted; production use needs a paid licence): 3-year "
                              f"TCO {paid.tco.total:,.0f} USD.")
    old = next(c for c in candidates(cat, "data_validation", 1, 3, Preferences(allow_unmaintained=True), rates)
               if c.option_id == "deepchecks")
    assert old.rationale.startswith("Adopt Deepchecks (") and " [limited-maintenance as of 2026-12-01]" in old.rationale
    only, rest = recommend(cat, "source_control", 3, 4, Preferences(), rates)
    assert rest == [] and only.rationale == f"Build in-house: the only candidate (3-year TCO {only.tco.total:,.0f} USD)"


def test_the_rank_key_and_the_tie_reasons(cat, rates):
    from planner.roadmap.options import _rank_key, _tie_reason, is_open_source_choice

    def choice(option, approach, total=100.0, covers=2):
        return Choice("cd", approach, option, "", Tco(total, 0.0, 0.0, 3.0), covers)

    assert _rank_key(cat, choice(None, "build", 0.1234567891)) == (0.123457, -2, 0, 0, "", "build")
    assert _rank_key(cat, choice("aws_codedeploy", "buy"))[2:4] == (1, 0)  # not open source, active
    assert _rank_key(cat, choice("deepchecks", "adopt"))[2:4] == (0, 1)  # open source, not active
    assert not is_open_source_choice(cat, choice("clearml", "adopt"))  # SSPL: source-available, not open source
    assert is_open_source_choice(cat, choice("argo_cd", "adopt"))
    assert not is_open_source_choice(cat, choice(None, "build"))
    base = (100.0, -2, 0, 0, "a", "adopt")
    assert _tie_reason(base, (100.0, -1, 0, 0, "b", "adopt")) == "it reaches a higher level"
    assert _tie_reason(base, (100.0, -2, 1, 0, "b", "buy")) == "it is open source"
    assert _tie_reason(base, (100.0, -2, 0, 1, "b", "adopt")) == "it is actively maintained"


@pytest.mark.parametrize("open_total, preferred", [(125.0, True), (125.5, False)])
def test_open_source_is_preferred_within_a_quarter_of_the_cheapest_and_no_further(cat, open_total, preferred):
    from planner.roadmap.options import rank

    cheap = Choice("cd", "buy", "aws_codedeploy", "", Tco(100.0, 0.0, 0.0, 3.0), 2)
    open_ = Choice("cd", "adopt", "argo_cd", "", Tco(open_total, 0.0, 0.0, 3.0), 2)
    first = rank(cat, [cheap, open_], Preferences(prefer_open_source=True))[0]
    assert (first is open_) == preferred
    assert rank(cat, [cheap, open_], Preferences())[0] is cheap


def test_ties_are_found_on_totals_with_many_decimals(cat):
    """Rates with many decimals make every total fractional; equal estimates still tie."""
    odd = Rates({role: 3000.123456789 for role in ROLES})
    best, others = recommend(cat, "orchestration", 1, 3, Preferences(), odd)
    assert any(round(c.tco.total, 6) == round(best.tco.total, 6) for c in others)
    assert "tied with" in best.rationale


def test_a_closed_gap_adds_nothing_to_a_bundle(cat, rates):
    gaps = {"experiment_tracking": (1, 3), "model_registry": (1, 3), "feature_store": (0, 2)}
    closed = {**gaps, "data_versioning": (2, 2)}
    assert bundles(cat, closed, Preferences(), rates) == bundles(cat, gaps, Preferences(), rates) != []


def test_an_adopted_tool_is_self_hosted_whatever_else_it_offers(cat, rates):
    """Adopting means running the open tool yourself; its SaaS offer would be a purchase."""
    both = replace(cat, options=tuple(replace(o, hosting=("self-hosted", "saas")) if o.id == "argo_cd" else o
                                      for o in cat.options))
    argo = next(c for c in candidates(both, "cd", 1, 2, Preferences(), rates) if c.option_id == "argo_cd")
    assert argo.rationale.startswith("Adopt Argo CD (Apache-2.0, self-hosted): ")


def test_an_open_tool_moved_ahead_of_an_equal_candidate_says_so(cat, rates):
    """Git and building in-house cost the same; with open source preferred Git comes first,
    and the reason used to be the alphabetical tie-break, which puts build first."""
    best, others = recommend(cat, "source_control", 0, 2, Preferences(prefer_open_source=True), rates)
    assert best.option_id == "git" and best.rationale == (
        f"Adopt Git (GPL-2.0-only, self-hosted): lowest 3-year TCO of {len(others) + 1} candidates "
        f"({best.tco.total:,.0f} USD), tied with 1 other; open source preferred")
    build = candidates(cat, "source_control", 0, 2, Preferences(), rates)[0]
    assert (build.capability, build.option_id, build.covers_to) == ("source_control", None, 2)


def test_operating_weeks_of_a_step_of_one_week_are_priced_at_its_roles_rate(rates):
    one_week = est("x", 1, "build", {"governance": 1.0}, operating=2.0)
    assert step_tco(one_week, rates).operating_per_year == 2 * rates.weekly_cost["governance"] == 5000.0


def test_a_bought_service_names_every_place_it_runs(cat, rates):
    anyscale = next(c for c in candidates(cat, "model_serving", 2, 3, Preferences(), rates) if c.option_id == "anyscale")
    assert anyscale.rationale.startswith("Buy Anyscale (proprietary, saas/customer-cloud)")
