"""Where a negotiation will end, forecast from a table of who wants what: each party's
position on one issue (0-100), how much the issue matters to it (salience, 0-100) and the
weight it carries (capability). These are the baseline models of the bargaining literature
(Thomson, Stokman, Achen and König, "The European Union Decides", 2006), which every richer
model must beat:

- ``compromise``: the mean of the positions weighted by capability times salience, the
  "compromise model" (van den Bos 1991; Achen 2006): each party pulls the outcome toward it
  as hard as it can and cares to;
- ``median``: the position of the weighted median party, weights capability times salience:
  on one dimension, with single-peaked preferences and these weights as votes, the position
  that no other beats in a pairwise vote (the Condorcet winner; where the weights split
  exactly in half between two positions, the point midway between them).

A party with no salience or no capability weighs nothing; a table in which nobody weighs
anything has no forecast (None), not a made-up one.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

Model = Callable[["Scenario"], float | None]


@dataclass(frozen=True)
class Stake:
    """One party's stake in an issue."""

    party: str
    position: float  # 0-100
    salience: float  # 0-100
    capability: float = 1.0

    @property
    def weight(self) -> float:
        return self.capability * self.salience


@dataclass(frozen=True)
class Scenario:
    """An issue and the stakes of the parties to it."""

    issue: str
    stakes: tuple[Stake, ...]

    @classmethod
    def of(cls, issue: str, stakes: Iterable[Stake]) -> Scenario:
        return cls(issue, tuple(stakes))


def compromise(scenario: Scenario) -> float | None:
    """The mean of the positions weighted by capability times salience."""
    total = sum(stake.weight for stake in scenario.stakes)
    if total <= 0:
        return None
    return sum(stake.weight * stake.position for stake in scenario.stakes) / total


def median(scenario: Scenario) -> float | None:
    """The position of the weighted median party (weights: capability times salience)."""
    weighed = sorted((s.position, s.weight) for s in scenario.stakes if s.weight > 0)
    total = sum(weight for _, weight in weighed)
    if total <= 0:
        return None
    below = 0.0
    for i, (position, weight) in enumerate(weighed):
        below += weight
        if math.isclose(below * 2, total, rel_tol=1e-9) and i + 1 < len(weighed):
            return (position + weighed[i + 1][0]) / 2  # an exact split: the halves tie
        if below * 2 > total:
            return position
    return weighed[-1][0]  # not reached: the weights add up to the total


MODELS: dict[str, Model] = {"compromise": compromise, "median": median}
