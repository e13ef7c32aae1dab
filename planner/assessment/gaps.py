"""The gaps between where each capability stands and its target, in the one order every
output lists them: the highest business priority first, then the largest gap, then the
catalog's order. The dashboard, the workshop wrap-up and the PDF all take it from here."""

from __future__ import annotations

from typing import Mapping

from ..catalog.model import Catalog

DEFAULT_PRIORITY = 3


def top_gaps(catalog: Catalog, scores, priorities: Mapping[str, int]) -> list[tuple[str, int, int, int]]:
    """(capability, now, target, priority) for every capability below its target."""
    out = []
    for index, cap in enumerate(catalog.capabilities):
        now, target = scores.current.get(cap.id), scores.target(cap.id)
        if now is not None and target is not None and target > now:
            out.append((index, cap.id, now, target, priorities.get(cap.id, DEFAULT_PRIORITY)))
    out.sort(key=lambda g: (-g[4], -(g[3] - g[2]), g[0]))
    return [(cap, now, target, priority) for _, cap, now, target, priority in out]
