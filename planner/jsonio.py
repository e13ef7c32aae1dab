"""JSON that is JSON: writers refuse NaN and Infinity (which json.dumps would write as
bare tokens no other JSON reader accepts), and the strict reader refuses them too."""

from __future__ import annotations

import json
import re
from typing import Any

# A string (skipped whole, so a "NaN" inside one is not taken) or a bare constant.
_CONSTANT = re.compile(r'"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)')


class NotANumber(ValueError):
    """NaN or an infinity in JSON text; `lineno` is the line it is on (from 1)."""

    def __init__(self, token: str, lineno: int):
        super().__init__(f"{token} is not a number JSON allows; give a finite number")
        self.token, self.lineno = token, lineno


def dumps(value: Any, **options) -> str:
    """json.dumps that raises ValueError on a NaN or infinite number."""
    return json.dumps(value, allow_nan=False, **options)


def _refuse(token: str):
    raise NotANumber(token, 0)


def loads(text: str) -> Any:
    """json.loads that refuses NaN, Infinity and -Infinity (NotANumber, a ValueError,
    with the line of the first one: the one the parser stopped at). JSON nested deeper
    than the interpreter can follow is a JSONDecodeError, not a RecursionError."""
    try:
        return json.loads(text, parse_constant=_refuse)
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply (arrays or objects inside each other thousands of times)",
                                   text, 0) from None
    except NotANumber as exc:
        found = next((m for m in _CONSTANT.finditer(text) if m.group(1)), None)
        lineno = text.count("\n", 0, found.start(1)) + 1 if found else 1
        raise NotANumber(exc.token, lineno) from None
