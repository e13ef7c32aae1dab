"""Criteria that contradict the levels above them. A level counts only when the criteria
of every lower level are met too, so a lower level's criterion must stay true as practice
improves: "pipeline changes are deployed manually" at level 2 would make level 3 (which
automates that deployment) unreachable for an honest assessor."""

from __future__ import annotations

import re

from .model import Catalog

MANUAL = re.compile(r"\b(manually|by hand|manual)\b", re.IGNORECASE)
NEGATED = re.compile(r"\b(without|no|not|never|rather than|instead of)\b", re.IGNORECASE)


def manual_criteria(catalog: Catalog) -> list[tuple[str, int, str]]:
    """(capability, level, criterion) for criteria below a capability's top level that
    ask for a manual practice (not negated: "without manual steps" is fine)."""
    found = []
    for cap in catalog.capabilities:
        for level in cap.levels:
            if level.level == cap.max_level:
                continue
            for criterion in level.criteria:
                match = MANUAL.search(criterion)
                if match and not NEGATED.search(criterion[:match.start()]):
                    found.append((cap.id, level.level, criterion))
    return found
