"""Build, adopt or buy: the options for a capability, what each costs, and a recommendation.

For each capability gap (from one level to a higher one) the candidates are: build
in-house (always), and every catalog option that covers the capability and passes the
user's preferences (licence, hosting, maintenance status). Each candidate is costed as
a total cost of ownership over a horizon from the catalog's per-step estimates:

    one-time effort  = person-weeks by role x the weekly rate of the role
    licence          = recurring licence or subscription per year
    operating effort = recurring person-weeks per year x the effort-weighted rate of
                       the roles doing the step

Estimates are per capability, level step and approach, not per option, so every option
of one approach costs the same for the levels it covers; options differ in how far they
reach. Steps above an option's reach are costed as build.

Pure functions on frozen dataclasses: no I/O, no Qt. Money is kept as floats and only
rounded for display, in the catalog's currency.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Mapping, Sequence

from ..catalog.model import Catalog, Estimate, Option
from ..words import money

CLOUDS = ("aws", "gcp", "azure", "databricks", "on-prem", "saas")
# Which allowed clouds each hosting passes under. Self-hosted runs on any cloud or on-prem.
HOSTING_CLOUDS: dict[str, frozenset[str]] = {
    "self-hosted": frozenset({"aws", "gcp", "azure", "on-prem"}),
    "saas": frozenset({"saas"}),
    "managed-aws": frozenset({"aws"}),
    "managed-gcp": frozenset({"gcp"}),
    "managed-azure": frozenset({"azure"}),
    "managed-databricks": frozenset({"databricks"}),
    "customer-cloud": frozenset({"aws", "gcp", "azure", "on-prem"}),
}
UNMAINTAINED = ("limited-maintenance", "inactive", "discontinued")
OPEN_SOURCE_MARGIN = 0.25  # with prefer_open_source, open source wins within 25% of the cheapest
ENGINEERING_WEEKLY_COST = 3000.0
GOVERNANCE_WEEKLY_COST = 2500.0

Overrides = Mapping[tuple[str, int, str], Estimate]


class MissingEstimate(LookupError):
    """The catalog has no estimate for a (capability, to_level, approach) step."""


@dataclass(frozen=True)
class Preferences:
    """`excluded_licences` holds SPDX ids or licence families ("AGPL", "BUSL", "GPL",
    "SSPL", "Elastic", "proprietary"); a family is the id's part before the version, so
    "GPL" excludes GPL-3.0-only but not AGPL or LGPL. `clouds` are the allowed places to
    run (see CLOUDS); empty allows anything."""

    prefer_open_source: bool = False
    excluded_licences: frozenset[str] = frozenset()
    clouds: frozenset[str] = frozenset()
    allow_unmaintained: bool = False


@dataclass(frozen=True)
class Rates:
    """Cost of one person-week per role, and the TCO horizon in years."""

    weekly_cost: Mapping[str, float]
    horizon_years: float = 3.0


def default_rates(catalog: Catalog) -> Rates:
    """A weekly cost for every catalog role: 3,000 per week for engineering and data
    roles, 2,500 for governance, in the catalog currency, over 3 years. These are
    editable estimates written here, loaded from nowhere; no fact backs them."""
    return Rates({r.id: GOVERNANCE_WEEKLY_COST if r.id == "governance" else ENGINEERING_WEEKLY_COST
                  for r in catalog.roles})


@dataclass(frozen=True)
class Tco:
    """Total cost of ownership, in money: `total` = one-time + horizon x recurring."""

    one_time: float
    licence_per_year: float
    operating_per_year: float
    horizon_years: float

    @property
    def per_year(self) -> float:
        return self.licence_per_year + self.operating_per_year

    @property
    def total(self) -> float:
        return self.one_time + self.horizon_years * self.per_year

    def __add__(self, other: Tco) -> Tco:
        return Tco(self.one_time + other.one_time, self.licence_per_year + other.licence_per_year,
                   self.operating_per_year + other.operating_per_year, self.horizon_years)


@dataclass(frozen=True)
class Choice:
    """One way to close a capability gap. `option_id` is None for build; `covers_to` is
    the level the approach (or option) itself reaches; steps above it are built."""

    capability: str
    approach: str
    option_id: str | None
    rationale: str
    tco: Tco
    covers_to: int


@dataclass(frozen=True)
class Bundle:
    """A platform over several capability gaps against the best-of-breed choices for the
    same gaps. `saving` = best-of-breed total - bundle total (negative: the bundle costs more)."""

    option_id: str
    capabilities: tuple[str, ...]
    bundle_tco: Tco
    best_of_breed_tco: Tco
    saving: float


# -- preferences ------------------------------------------------------------------------

def licence_family(licence: str) -> str:
    """The SPDX id's part before its version: "AGPL-3.0-only" -> "AGPL", "BUSL-1.1" -> "BUSL"."""
    match = re.match(r"(.+?)-\d", licence)
    return match.group(1) if match else licence


def licence_excluded(licence: str, excluded: frozenset[str] | set[str]) -> bool:
    family = licence_family(licence)
    names = {licence.casefold(), family.casefold(), family.split("-")[0].casefold()}
    return any(e.casefold() in names for e in excluded)


def allowed_hostings(option: Option, prefs: Preferences) -> tuple[str, ...]:
    return _allowed(option.hosting, prefs.clouds)


def _allowed(hosting: tuple[str, ...], clouds: frozenset[str]) -> tuple[str, ...]:
    if not clouds:
        return hosting
    wanted = {c.casefold() for c in clouds}
    return tuple(h for h in hosting if HOSTING_CLOUDS.get(h, frozenset({h})) & wanted)


def exclusion_reasons(option: Option, prefs: Preferences) -> list[str]:
    """Why the preferences rule `option` out; empty when it is eligible."""
    return list(_reasons(option.licence, option.hosting, option.status, option.status_as_of, prefs))


@lru_cache(maxsize=4096)
def _reasons(licence: str, hosting: tuple[str, ...], status: str, as_of, prefs: Preferences) -> tuple[str, ...]:
    """Asked for every option of every gap at every re-plan, with the same few answers."""
    reasons = []
    if licence_excluded(licence, prefs.excluded_licences):
        reasons.append(f"licence {licence} is excluded")
    if not _allowed(hosting, prefs.clouds):
        reasons.append(f"hosting {'/'.join(hosting)} not allowed (allowed: {', '.join(sorted(prefs.clouds))})")
    if status == "discontinued":  # whatever the preferences: it cannot be had
        reasons.append(f"discontinued (as of {as_of.isoformat()})")
    elif status in UNMAINTAINED and not prefs.allow_unmaintained:
        reasons.append(f"{status} (as of {as_of.isoformat()})")
    return tuple(reasons)


def excluded(catalog: Catalog, capability: str, prefs: Preferences) -> list[tuple[Option, str]]:
    """Options covering `capability` that the preferences rule out, each with its reasons
    joined by "; ", in catalog order."""
    out = []
    for option in catalog.options_for(capability):
        reasons = exclusion_reasons(option, prefs)
        if reasons:
            out.append((option, "; ".join(reasons)))
    return out


# -- cost ------------------------------------------------------------------------------

def step_estimate(catalog: Catalog, capability: str, to_level: int, approach: str,
                  overrides: Overrides | None = None) -> Estimate:
    """The estimate of one level step: the plan's override if it has one, else the
    catalog's. Raises MissingEstimate when neither exists."""
    key = (capability, to_level, approach)
    if overrides and key in overrides:
        return overrides[key]
    estimate = catalog.estimate(*key)
    if estimate is None:
        raise MissingEstimate(f"no estimate for {capability} to level {to_level} by {approach}")
    return estimate


def step_tco(estimate: Estimate, rates: Rates) -> Tco:
    """One step's cost. Operating weeks are priced at the average rate of the roles that
    do the step, weighted by their effort (all roles' mean when the step has no effort).
    A role without a rate costs 0."""
    rate = rates.weekly_cost
    one_time = sum(weeks * rate.get(role, 0.0) for role, weeks in estimate.effort.items())
    weeks = sum(estimate.effort.values())
    mean = one_time / weeks if weeks > 0 else sum(rate.values()) / max(1, len(rate))
    return Tco(one_time, float(estimate.licence_per_year), estimate.operating_weeks_per_year * mean,
               rates.horizon_years)


def _zero(rates: Rates) -> Tco:
    return Tco(0.0, 0.0, 0.0, rates.horizon_years)


def _steps_tco(catalog: Catalog, capability: str, from_level: int, to_level: int, approach: str,
               reach: int, rates: Rates, overrides: Overrides | None) -> Tco:
    total = _zero(rates)
    for level in range(from_level + 1, to_level + 1):
        step = approach if level <= reach else "build"
        total = total + step_tco(step_estimate(catalog, capability, level, step, overrides), rates)
    return total


def tco(catalog: Catalog, capability: str, from_level: int, to_level: int, approach: str, rates: Rates,
        overrides: Overrides | None = None) -> Tco:
    """TCO of the steps from_level+1 .. to_level, all by `approach`."""
    return _steps_tco(catalog, capability, from_level, to_level, approach, to_level, rates, overrides)


# -- candidates and recommendation ------------------------------------------------------

def _money(catalog: Catalog, amount: float) -> str:
    return money(amount, catalog.info.currency)


def _years(rates: Rates) -> str:
    return f"{rates.horizon_years:g}-year"


def _label(catalog: Catalog, choice: Choice, to_level: int, prefs: Preferences) -> str:
    """"Build in-house" or "Adopt Feast (Apache-2.0, self-hosted)", with partial coverage."""
    if choice.option_id is None:
        return "Build in-house"
    option = catalog.option(choice.option_id)
    hosting = ("self-hosted",) if choice.approach == "adopt" else allowed_hostings(option, prefs)
    terms = "; production use needs a paid licence" if option.paid_production_use else ""
    label = f"{choice.approach.capitalize()} {option.name} ({option.licence}, {'/'.join(hosting)}{terms})"
    if option.status != "active":
        label += f" [{option.status} as of {option.status_as_of.isoformat()}]"
    if choice.covers_to < to_level:
        above = (f"level {to_level}" if choice.covers_to + 1 == to_level
                 else f"levels {choice.covers_to + 1}-{to_level}")
        label += f" up to level {choice.covers_to}, {above} built in-house"
    return label


def _option_choice(catalog: Catalog, capability: str, option: Option, from_level: int, to_level: int,
                   prefs: Preferences, rates: Rates, overrides: Overrides | None) -> Choice | None:
    reach = min(option.covers.get(capability, 0), to_level)
    if reach <= from_level:
        return None  # the option adds nothing to this gap
    cost = _steps_tco(catalog, capability, from_level, to_level, option.approach, reach, rates, overrides)
    choice = Choice(capability, option.approach, option.id, "", cost, reach)
    text = f"{_label(catalog, choice, to_level, prefs)}: {_years(rates)} TCO {_money(catalog, cost.total)}."
    return replace(choice, rationale=text)


def candidates(catalog: Catalog, capability: str, from_level: int, to_level: int, prefs: Preferences,
               rates: Rates, overrides: Overrides | None = None) -> list[Choice]:
    """Build, then every eligible option that reaches above `from_level`, in catalog order.
    An option covering only up to L < to_level has the steps above L costed as build.
    An option whose approach lacks an estimate for a step it covers is left out; see
    `excluded` for the options the preferences rule out."""
    cost = tco(catalog, capability, from_level, to_level, "build", rates, overrides)
    build = Choice(capability, "build", None, "", cost, to_level)
    out = [replace(build, rationale=f"Build in-house: {_years(rates)} TCO {_money(catalog, cost.total)}.")]
    for option in catalog.options_for(capability):
        if exclusion_reasons(option, prefs):
            continue
        try:
            choice = _option_choice(catalog, capability, option, from_level, to_level, prefs, rates, overrides)
        except MissingEstimate:
            continue
        if choice is not None:
            out.append(choice)
    return out


def _rank_key(catalog: Catalog, choice: Choice) -> tuple:
    """Cheapest first. Estimates are per approach, so options of one approach often tie;
    then: the one reaching the higher level, OSI open source, actively maintained, and
    finally the option id (build, with no id, first), so the result never depends on
    catalog order."""
    option = catalog.option(choice.option_id) if choice.option_id else None
    return (round(choice.tco.total, 6), -choice.covers_to,
            0 if option is None or option.open_source else 1,
            0 if option is None or option.status == "active" else 1,
            choice.option_id or "", choice.approach)


def is_open_source_choice(catalog: Catalog, choice: Choice) -> bool:
    """Adopting an OSI-approved option; source-available licences (BUSL, SSPL, ...) are not."""
    return choice.approach == "adopt" and choice.option_id is not None and catalog.option(choice.option_id).open_source


def rank(catalog: Catalog, choices: Sequence[Choice], prefs: Preferences) -> list[Choice]:
    """Cheapest TCO first, ties as in `_rank_key`. With prefer_open_source the
    cheapest open-source candidate moves to the front if its total is at most 25% above
    the cheapest candidate's."""
    ranked = sorted(choices, key=lambda choice: _rank_key(catalog, choice))
    if prefs.prefer_open_source and ranked and not is_open_source_choice(catalog, ranked[0]):
        limit = ranked[0].tco.total * (1 + OPEN_SOURCE_MARGIN)
        best_open = next((c for c in ranked if is_open_source_choice(catalog, c)), None)
        if best_open is not None and best_open.tco.total <= limit + 1e-6:
            ranked.remove(best_open)
            ranked.insert(0, best_open)
    return ranked


def recommend(catalog: Catalog, capability: str, from_level: int, to_level: int, prefs: Preferences,
              rates: Rates, overrides: Overrides | None = None) -> tuple[Choice, list[Choice]]:
    """The recommended choice and the other candidates, ranked.

    Ranking is by TCO total over the horizon; ties as in `_rank_key`. With `prefs.prefer_open_source`, the cheapest open-source (adopt, OSI
    licence) candidate is recommended over a cheaper non-open one (build or buy or a
    source-available tool) when its TCO is within 25% of that cheaper one's."""
    ranked = rank(catalog, candidates(catalog, capability, from_level, to_level, prefs, rates, overrides), prefs)
    best, others = ranked[0], ranked[1:]
    head = _label(catalog, best, to_level, prefs)
    years, money = _years(rates), _money(catalog, best.tco.total)
    cheapest = min(ranked, key=lambda choice: _rank_key(catalog, choice))
    if len(ranked) == 1:
        why = f"the only candidate ({years} TCO {money})"
    elif cheapest is not best and cheapest.tco.total < best.tco.total - 1e-6:
        why = (f"open source preferred, within {OPEN_SOURCE_MARGIN:.0%} of the lowest {years} TCO "
               f"of {len(ranked)} candidates ({money} against {_money(catalog, cheapest.tco.total)} "
               f"for {_label(catalog, cheapest, to_level, prefs)})")
    else:
        why = f"lowest {years} TCO of {len(ranked)} candidates ({money})"
        tied = [c for c in others if round(c.tco.total, 6) == round(best.tco.total, 6)]
        if tied:  # moved ahead of an equal candidate by the preference, or by the tie-breakers
            reason = ("open source preferred" if cheapest is not best
                      else _tie_reason(_rank_key(catalog, best), _rank_key(catalog, tied[0])))
            why += f", tied with {len(tied)} other{'s' if len(tied) > 1 else ''}; {reason}"
    return replace(best, rationale=f"{head}: {why}"), others


def _tie_reason(best: tuple, runner_up: tuple) -> str:
    """Which tie-breaker of `_rank_key` separated two equally priced candidates."""
    reasons = {1: "it reaches a higher level", 2: "it is open source", 3: "it is actively maintained"}
    for position in (1, 2, 3):
        if best[position] != runner_up[position]:
            return reasons[position]
    if not best[4]:  # build has no option id: it sorts first
        return "equal on every count, and building in-house comes first among equals"
    return "equal on every count, so the first in alphabetical order"


# -- bundles -----------------------------------------------------------------------------

def bundles(catalog: Catalog, gaps: Mapping[str, tuple[int, int]], prefs: Preferences, rates: Rates,
            overrides: Overrides | None = None, recommended: Mapping[str, Tco] | None = None) -> list[Bundle]:
    """Each eligible platform option that reaches into at least two of the open `gaps`
    (capability -> (from_level, to_level)), against best-of-breed for the same gaps.

    The bundle's TCO is, per capability, the platform's covered steps by its approach
    (adopt or buy) plus the steps above its reach built in-house; best-of-breed is the
    sum of `recommend` over the same gaps, so both sides close the whole gaps. Note: a
    platform subscription is still estimated per capability from the per-step estimates;
    the catalog holds no bundle price, so no bundle discount or shared integration
    saving is modelled. Sorted by saving (largest first), then option id. `recommended`:
    the TCO of `recommend` for some of the gaps, already worked out."""
    open_gaps = {cap: gap for cap, gap in gaps.items() if gap[1] > gap[0]}
    best: dict[str, Tco] = dict(recommended or {})
    out = []
    for option in catalog.options:
        if option.kind != "platform" or exclusion_reasons(option, prefs):
            continue
        caps = [c.id for c in catalog.capabilities
                if c.id in open_gaps and option.covers.get(c.id, 0) > open_gaps[c.id][0]]
        if len(caps) < 2:
            continue
        try:
            parts = [_option_choice(catalog, cap, option, *open_gaps[cap], prefs, rates, overrides) for cap in caps]
        except MissingEstimate:
            continue
        bundle_tco = bob_tco = _zero(rates)
        for cap, part in zip(caps, parts):  # every part exists: each cap was filtered on reach
            if cap not in best:
                best[cap] = recommend(catalog, cap, *open_gaps[cap], prefs, rates, overrides)[0].tco
            bundle_tco, bob_tco = bundle_tco + part.tco, bob_tco + best[cap]
        out.append(Bundle(option.id, tuple(caps), bundle_tco, bob_tco, bob_tco.total - bundle_tco.total))
    return sorted(out, key=lambda b: (-round(b.saving, 6), b.option_id))
