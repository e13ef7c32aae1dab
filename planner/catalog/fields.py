"""Typed reading of parsed TOML tables, collecting problems instead of raising.

A `Fields` reader wraps one table. Each `take` checks a key's presence and type, and
`close` reports the keys nobody took (typos, mostly) with a 'did you mean' hint.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from .locate import LineIndex
from .problems import Problem, suggest

FORMAT_DOC = "see docs/catalog-format.md"


class SourceFile:
    """One catalog file: its name as shown to the user and, lazily, its line index."""

    def __init__(self, path: Path, display: str, text: str):
        self.path = path
        self.display = display
        self.text = text
        self._index: LineIndex | None = None

    def line(self, path: tuple) -> int:
        if self._index is None:
            self._index = LineIndex(self.text)
        return self._index.line_of(path)


class Report:
    """Collects problems from every file so they can all be shown at once."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def add(self, where: "Where", message: str, hint: str = "") -> None:
        self.problems.append(Problem(where.file.display, where.line(), message, hint))

    def add_at(self, file: str, line: int, message: str, hint: str = "") -> None:
        self.problems.append(Problem(file, line, message, hint))


@dataclass(frozen=True)
class Where:
    """A place in a catalog file: the file and the TOML path inside it."""

    file: SourceFile
    path: tuple

    def line(self) -> int:
        return self.file.line(self.path)

    def child(self, *keys: Any) -> "Where":
        return Where(self.file, self.path + keys)


def describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, str):
        return f"the string '{value}'"
    if isinstance(value, int):
        return f"the integer {value}"
    if isinstance(value, float):
        return f"the number {value}"
    if isinstance(value, dt.datetime):
        return "a date-time"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _is_date(v: Any) -> bool:
    return isinstance(v, dt.date) and not isinstance(v, dt.datetime)


@dataclass(frozen=True)
class Kind:
    name: str  # as in "must be <name>"
    check: Callable[[Any], bool]
    example: str


STR = Kind("a string", lambda v: isinstance(v, str), '"text"')
INT = Kind("an integer", _is_int, "2")
NUMBER = Kind("a number", _is_number, "4.5")
BOOL = Kind("true or false", lambda v: isinstance(v, bool), "true")
DATE = Kind("a date", _is_date, "2026-11-01")
STR_LIST = Kind(
    "an array of strings",
    lambda v: isinstance(v, list) and all(isinstance(i, str) for i in v),
    '["a", "b"]',
)
INT_MAP = Kind(
    "a table of integers",
    lambda v: isinstance(v, dict) and all(_is_int(i) for i in v.values()),
    "{ feature_store = 3 }",
)
NUMBER_MAP = Kind(
    "a table of numbers",
    lambda v: isinstance(v, dict) and all(_is_number(i) for i in v.values()),
    "{ ml_engineering = 4 }",
)
TABLES = Kind(
    "an array of tables",
    lambda v: isinstance(v, list) and all(isinstance(i, dict) for i in v),
    "[[name]] blocks",
)
TABLE = Kind("a table", lambda v: isinstance(v, dict), "[name]")

_MISSING = object()


class Fields:
    """Reads one table. `label` names it in messages, e.g. "capability 'feature_store'"."""

    def __init__(self, report: Report, where: Where, data: dict, label: str):
        self.report = report
        self.where = where
        self.data = data
        self.label = label
        self.ok = True
        self._taken: set[str] = set()

    def take(self, key: str, kind: Kind, default: Any = _MISSING) -> Any:
        self._taken.add(key)
        if key not in self.data:
            if default is _MISSING:
                self.ok = False
                self.report.add(
                    self.where,
                    f"{self.label} lacks the required key '{key}'",
                    f"add {key} = {kind.example}; {FORMAT_DOC}",
                )
                return None
            return default
        value = self.data[key]
        if not kind.check(value):
            self.ok = False
            self.report.add(
                self.where.child(key),
                f"{self.label}: '{key}' must be {kind.name}, not {describe(value)}",
                self._type_hint(key, value, kind),
            )
            return None if default is _MISSING else default
        return value

    def close(self) -> None:
        allowed = sorted(self._taken)
        for key in self.data:
            if key not in self._taken:
                close = suggest(key, allowed)
                self.report.add(
                    self.where.child(key),
                    f"{self.label}: unknown key '{key}'",
                    close or "allowed keys: " + ", ".join(allowed),
                )

    @staticmethod
    def _type_hint(key: str, value: Any, kind: Kind) -> str:
        if isinstance(value, str) and kind in (INT, NUMBER) and value.strip().lstrip("-").replace(".", "", 1).isdigit():
            return f"write the number without quotes: {key} = {value.strip()}"
        if isinstance(value, str) and kind is DATE:
            return f"write the date without quotes, as {key} = {kind.example}"
        if isinstance(value, str) and kind is STR_LIST:
            return f'put the string in an array: {key} = ["{value}"]'
        return f"for example {key} = {kind.example}"
