"""A capacity over time: one number for every period, or one number per period with the
last holding for every later period. The one place that reads "a number, or one number
per period"; the scheduler, the roadmap, its explanations, the views and the PDF all use
`Profile`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence, Union

Amounts = Union[float, int, Sequence[float]]


@dataclass(frozen=True)
class Profile:
    values: tuple[float, ...]  # one per period given; the last holds for every later period
    varying: bool = False  # given as one number per period (even if they happen to be equal)

    @classmethod
    def of(cls, value: "Amounts | Profile") -> "Profile":
        if isinstance(value, Profile):
            return value
        if isinstance(value, (int, float)):
            return cls((float(value),))
        values = tuple(float(v) for v in value)
        return cls(values or (0.0,), True)

    def at(self, period: int) -> float:
        """The capacity in `period` (0 is the first)."""
        values = self.values
        return values[period] if period < len(values) else values[-1]

    @property
    def peak(self) -> float:
        return max(self.values)

    @property
    def tail(self) -> float:
        """What holds for good, after the periods given."""
        return self.values[-1]

    @property
    def given(self) -> int:
        """How many periods are given one by one (0 for a single number)."""
        return len(self.values) if self.varying else 0

    def first(self, periods: int) -> list[float]:
        """The capacity of periods 0 .. periods-1."""
        values = list(self.values[:periods])
        return values + [self.values[-1]] * (periods - len(values))

    def plain(self) -> float | list[float]:
        """As written in a plan's settings and the JSON: a number, or a list."""
        return list(self.values) if self.varying else self.values[0]

    def words(self, unit: str = "") -> str:
        """'2 FTE', or 'varying (1 to 3 FTE)'."""
        suffix = f" {unit}" if unit else ""
        if not self.varying:
            return f"{self.values[0]:g}{suffix}"
        return f"varying ({min(self.values):g} to {self.peak:g}{suffix})"
