"""JSON that is JSON: writers refuse NaN and Infinity (which json.dumps would write as
bare tokens no other JSON reader accepts), and the strict reader refuses them too."""

from __future__ import annotations

import json
from typing import Any


def dumps(value: Any, **options) -> str:
    """json.dumps that raises ValueError on a NaN or infinite number."""
    return json.dumps(value, allow_nan=False, **options)


def _refuse(token: str):
    raise ValueError(f"{token} is not a number JSON allows; give a finite number")


def loads(text: str) -> Any:
    """json.loads that refuses NaN, Infinity and -Infinity (ValueError)."""
    return json.loads(text, parse_constant=_refuse)
