"""Evidence notes as people read them: each said once. A note kept again later (tagged
"Baseline: " at first, say) is the same note; its newest copy is the one shown."""

from __future__ import annotations

import re
from typing import Iterable

_TAG = re.compile(r"^[\w-]+( [\w-]+){0,2}:\s+")  # "Baseline: ", "Q3 review: "


def same(note: str) -> str:
    """A note as compared for repeats: without a short leading tag, case, spacing or a
    final full stop."""
    return " ".join(_TAG.sub("", note.strip()).split()).rstrip(".").casefold()


def distinct(evidence: Iterable) -> list:
    """The notes, oldest first, each once: the newest copy of each."""
    out, seen = [], set()
    for item in reversed(tuple(evidence)):
        key = same(item.note)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out[::-1]
