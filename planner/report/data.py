"""What the report shows: a computed plan (`PlanResult`), the plan and its scenarios side
by side, and a workshop's results. The report never reads the plan file and plans
nothing of its own: the app hands it the result on screen, the CLI the one it computed."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date

from ..assessment.workshop import SessionRecord
from ..result import PlanResult, compute
from ..roadmap.scenarios import compare_scenarios, plan_variants


@dataclass(frozen=True)
class ReportData:
    result: PlanResult
    scenarios: tuple[dict, ...] = ()  # the plan and its scenarios side by side (empty without scenarios)
    workshop: SessionRecord | None = None  # a workshop's results section, when set

    @property
    def catalog(self):
        return self.result.catalog

    @property
    def state(self):
        return self.result.state

    @property
    def scores(self):
        return self.result.scores

    @property
    def roadmap(self):
        return self.result.roadmap

    @property
    def diagnosis(self) -> tuple[str, ...]:
        return self.result.diagnosis

    @property
    def scenario(self) -> str | None:
        return self.result.scenario

    @property
    def generated(self) -> date:
        return self.result.today or date.today()


def report_data(result: PlanResult, workshop: SessionRecord | None = None, planned: dict | None = None) -> ReportData:
    """The report of `result`: the scenarios are compared with the plan's own roadmap as
    `result` holds it (planned again only for the other variants, unless `planned` has
    them)."""
    state = result.state
    rows = ()
    if state.scenarios:
        known = dict(planned or {})
        if result.roadmap is not None:
            known[result.scenario] = result.roadmap
        rows = tuple(compare_scenarios(result.catalog, state, today=result.today, planned=known))
    return ReportData(result, rows, workshop)


def gather(catalog, state, scenario: str | None = None, today: date | None = None,
           workshop: SessionRecord | None = None) -> ReportData:
    """Compute the plan's result and, meanwhile on a thread, the other variants its
    comparison needs; then its report."""
    others = [name for name in [None, *sorted(state.scenarios)] if name != scenario] if state.scenarios else []
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="report-variants") as pool:
        planned = pool.submit(plan_variants, catalog, state, others, today)
        result = compute(catalog, state, scenario, today=today)
        return report_data(result, workshop, planned.result())
