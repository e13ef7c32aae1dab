"""Problems found in a catalog, worded for the person who has to fix the file."""

from __future__ import annotations

import difflib
from dataclasses import asdict, dataclass
from typing import Iterable


@dataclass(frozen=True)
class Problem:
    file: str
    line: int
    message: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}: {self.message}"
        return f"{text} ({self.hint})" if self.hint else text

    def as_dict(self) -> dict:
        return asdict(self)


class CatalogError(Exception):
    """The catalog cannot be used. `problems` lists every problem found, in file order."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.line, p.message))
        count = len(self.problems)
        head = f"the catalog has {count} problem{'s' if count != 1 else ''}"
        super().__init__("\n".join([head, *map(str, self.problems)]))


def suggest(value: object, choices: Iterable[str]) -> str:
    """A 'did you mean' hint for a mistyped name, or '' when nothing is close."""
    if not isinstance(value, str):
        return ""
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""


def one_of(choices: Iterable[str]) -> str:
    return "use one of: " + ", ".join(f"'{c}'" for c in choices)


def hint_for(value: object, choices: Iterable[str]) -> str:
    """'did you mean' when a choice is close, else the list of valid choices."""
    choices = list(choices)
    close = suggest(value, choices)
    if close:
        return close
    if len(choices) <= 8:
        return one_of(choices)
    return f"it must be one of the {len(choices)} ids defined in the catalog"
