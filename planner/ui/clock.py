"""Today, as the app shows it (the today line, the status date when none is set).

ROADMAP_PLANNER_TODAY (YYYY-MM-DD) fixes it, so that screenshots and the docs' images
are the same whatever day they are made. The roadmap itself never reads this: a plan
that records progress names its own status date, or is planned from the real today."""

from __future__ import annotations

import os
from datetime import date


def today() -> date:
    fixed = os.environ.get("ROADMAP_PLANNER_TODAY", "")
    try:
        return date.fromisoformat(fixed) if fixed else date.today()
    except ValueError:
        return date.today()
