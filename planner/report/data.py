"""What the report shows, gathered from the core's pure functions. The report never
reads the plan file: callers pass the catalog and the plan's state."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..assessment.assess import Scores, assess
from ..assessment.model import PlanState
from ..assessment.workshop import SessionRecord
from ..catalog.model import Catalog
from ..roadmap.engine import plan_roadmap
from ..roadmap.model import InfeasiblePlan, Roadmap
from ..roadmap.scenarios import compare_scenarios


@dataclass(frozen=True)
class ReportData:
    catalog: Catalog
    state: PlanState
    scores: Scores
    roadmap: Roadmap | None  # None when the constraints make the targets impossible
    diagnosis: tuple[str, ...]  # why there is no roadmap
    scenarios: tuple[dict, ...]  # the plan and its scenarios side by side (empty without scenarios)
    generated: date
    scenario: str | None = None
    workshop: SessionRecord | None = None  # a workshop's results section, when set


def gather(catalog: Catalog, state: PlanState, scenario: str | None = None, today: date | None = None,
           workshop: SessionRecord | None = None) -> ReportData:
    today = today or date.today()
    scores = assess(catalog, state)
    try:
        roadmap, diagnosis = plan_roadmap(catalog, state, scenario, today=today), ()
    except InfeasiblePlan as exc:
        roadmap, diagnosis = None, tuple(exc.diagnosis)
    rows = tuple(compare_scenarios(catalog, state, roadmap if scenario is None else None)) if state.scenarios else ()
    return ReportData(catalog, state, scores, roadmap, diagnosis, rows, today, scenario, workshop)
