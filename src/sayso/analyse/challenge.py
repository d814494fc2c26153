"""Bueno de Mesquita's challenge model (the "expected utility" group decision model), as
Scholz, Calbert and Smith reconstructed it ("Unravelling Bueno de Mesquita's group decision
model", Journal of Theoretical Politics 23(4), 2011), round by round.

Each party weighs, against every other, what it expects from challenging it and what the
other expects from challenging back; the weaker gives way. One round:

1. **Win probability.** Party i beats j with the support of every party k that prefers i's
   position, each weighing ``c_k * s_k * (|x_k - x_j| - |x_k - x_i|)`` (capability times
   salience times how much nearer i is), divided by the same weights summed over every pair of
   positions on the table, as in Scholz's own code: a small number, so that a challenge is
   seldom a sure win.
2. **Utilities** on positions scaled by the table's range, with a party's risk exponent r:
   success ``2 - 4 (0.5 - 0.5 d)^r``, failure ``2 - 4 (0.5 + 0.5 d)^r``, status quo
   ``2 - 4 * 0.5^r``.
3. **Expected utility** of i challenging j: j resists with probability ``s_j`` (its
   salience), then i wins with its win probability; a j that does not resist gives i
   success; less the status quo (the parameter Q = 1: without a challenge nothing moves).
4. **Risk.** A party that others gain much from challenging is in danger; the risk
   exponent r (0.5 to 2) follows from its danger against the most and least endangered
   party, the expected utilities are computed again with it.
5. **Offers.** From the receiving party's own view: a challenger that expects to gain more
   than it does from the clash makes it give way to the challenger's position (it *loses a
   challenge*); a challenger that gains where it loses makes it *compromise*, moving toward
   the challenger by its loss over the challenger's gain, or *give way* wholly where its
   loss is the larger. Of the offers it gets, a party takes the one that moves it least.

The forecast after each round is the weighted median of the positions (weights capability
times salience: the position no other beats in a pairwise vote); rounds go on until no
party moves or ``MAX_ROUNDS`` have passed, and the last round's median is the model's forecast.

The rounds turn on small differences, so the parties are taken in one order whatever the
table's (by position, salience, capability, name), capabilities as shares of the largest and
positions to 9 decimals: neither the order of the rows nor the scale of the capabilities
changes a forecast. The arithmetic runs on many tables at once (``challenge_forecasts``: the
draws of a spread) as on one (``challenge_rounds``, with its moves).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from sayso.analyse.forecast import Scenario, Stake

MAX_ROUNDS = 10
KINDS = ("loses a challenge", "compromises", "gives way")
_STILL = 1e-9  # positions (0-100) closer than this are one
_CELLS = 4_000_000  # the most support cells (tables x parties^3) computed at once


@dataclass(frozen=True)
class Move:
    """One party giving way in a round: to whose challenge, how, and from where to where."""

    party: str
    to: str
    kind: str  # one of KINDS
    start: float
    end: float


@dataclass(frozen=True)
class Round:
    """The table after one round: the forecast then, and who moved."""

    number: int
    forecast: float
    moves: tuple[Move, ...]


def challenge_rounds(
    scenario: Scenario, median: Callable[[Scenario], float | None], rounds: int = MAX_ROUNDS
) -> list[Round]:
    """The rounds of the challenge model over ``scenario``, the opening table first (round
    0, no moves); empty when nobody weighs anything. ``median`` is the forecast read from
    each round's table (``forecast.median``)."""
    opening = median(scenario)
    stakes = _in_order([stake for stake in scenario.stakes if stake.weight > 0])
    if opening is None or not stakes:
        return []
    history = [Round(0, opening, ())]
    positions, capability, salience = _arrays([stakes])
    for number, (after, moving, challenger, kind) in enumerate(
        _play(positions, capability, salience, rounds), start=1
    ):
        moves = tuple(
            Move(stakes[i].party, stakes[j].party, KINDS[k], float(positions[0, i]), float(x))
            for i, (moved, j, k, x) in enumerate(
                zip(moving[0], challenger[0], kind[0], after[0], strict=True)
            )
            if moved
        )
        positions = after
        table = replace(
            scenario,
            stakes=tuple(
                replace(stake, position=float(x)) for stake, x in zip(stakes, after[0], strict=True)
            ),
        )
        forecast = median(table)
        if forecast is None:  # not reached: the weights did not change
            break
        history.append(Round(number, forecast, moves))
        if not moves:
            break
    return history


def challenge_forecasts(scenarios: Sequence[Scenario]) -> list[float | None]:
    """The challenge model's forecast of each scenario (the weighted median after the last
    round, as ``challenge_rounds`` gives it), tables of as many parties computed together."""
    found: list[float | None] = [None] * len(scenarios)
    together: dict[int, list[int]] = {}  # parties weighing anything -> the tables of so many
    tables: list[list[Stake]] = []
    for n, scenario in enumerate(scenarios):
        tables.append(_in_order([stake for stake in scenario.stakes if stake.weight > 0]))
        if tables[n]:
            together.setdefault(len(tables[n]), []).append(n)
    for members in together.values():
        size = len(tables[members[0]])
        step = max(1, _CELLS // size**3)
        for first in range(0, len(members), step):
            chunk = members[first : first + step]
            positions, capability, salience = _arrays([tables[n] for n in chunk])
            for after, *_ in _play(positions, capability, salience, MAX_ROUNDS):
                positions = after
            for n, value in zip(
                chunk, _weighted_median(positions, capability * salience), strict=True
            ):
                found[n] = float(value)
    return found


def _in_order(stakes: list[Stake]) -> list[Stake]:
    return sorted(stakes, key=lambda s: (s.position, s.salience, s.capability, s.party))


def _arrays(tables: list[list[Stake]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Positions, capabilities (shares of each table's largest) and saliences (0-1), one row
    a table."""
    positions = np.array([[s.position for s in t] for t in tables], dtype=float)
    capability = np.array([[s.capability for s in t] for t in tables], dtype=float)
    capability /= capability.max(axis=1, keepdims=True)
    salience = np.array([[s.salience for s in t] for t in tables], dtype=float) / 100
    return positions, capability, salience


def _play(
    positions: np.ndarray, capability: np.ndarray, salience: np.ndarray, rounds: int
) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]:
    """The rounds over tables (rows): the positions after each, who moved, to whose offer
    and how (an index into KINDS); until no table moves or ``rounds`` have passed."""
    span = positions.max(axis=1, keepdims=True) - positions.min(axis=1, keepdims=True)
    if not (span > _STILL).any():
        return
    scale = np.where(span > _STILL, span, 1.0)
    weight = capability * salience
    for _ in range(rounds):
        moving, challenger, kind, share = _offers_taken(positions / scale, weight, salience)
        theirs = np.take_along_axis(positions, challenger, axis=1)
        end = np.where(share == 1, theirs, np.round(positions + (theirs - positions) * share, 9))
        moving &= (np.abs(end - positions) > _STILL) & (span > _STILL)
        positions = np.where(moving, end, positions)
        yield positions, moving, challenger, kind
        if not moving.any():
            return


def win_chances(x: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """``chances[..., i, j]``: how likely i is to beat j in a clash, for positions ``x`` and
    weights (capability times salience) of one table or of tables in rows: the weight of
    every party k that prefers i's position, times how much nearer it is (``weight[k] *
    (|x_k - x_j| - |x_k - x_i|)`` where positive), over those weights summed over every pair
    of positions."""
    distance = np.abs(x[..., :, None] - x[..., None, :])
    # support[..., k, i, j]: how much k prefers i's position to j's, weighed
    support = weight[..., :, None, None] * (distance[..., :, None, :] - distance[..., :, :, None])
    total = np.abs(support).sum(axis=(-3, -2, -1))[..., None, None]
    chances: np.ndarray = np.clip(support, 0, None).sum(axis=-3)
    chances = np.divide(chances, total, out=np.zeros_like(chances), where=total > 0)
    n = x.shape[-1]
    chances[..., np.arange(n), np.arange(n)] = 0.0
    return chances


def _offers_taken(
    x: np.ndarray, weight: np.ndarray, salience: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """One round over tables in rows (positions scaled by each table's range): for each
    party, whether it takes an offer, whose, of what kind (an index into KINDS) and the share
    of the way to the challenger's position it moves."""
    n = x.shape[-1]
    distance = np.abs(x[:, :, None] - x[:, None, :])  # distance[b, i, j] = |x_i - x_j|
    win = win_chances(x, weight)
    # each party's expectations of challenging the others (rows), judged with its own risk
    # exponent for both sides; first every r = 1
    neutral = _expected(win, salience[:, None, :], distance, np.ones_like(x))
    neutral[:, np.arange(n), np.arange(n)] = 0.0
    danger = neutral.sum(axis=1)  # what the others expect from challenging each party
    low, high = danger.min(axis=1, keepdims=True), danger.max(axis=1, keepdims=True)
    spread = np.where(high > low, high - low, 1.0)
    acceptance = np.where(high > low, (2 * danger - high - low) / spread, 0.0)
    risk = (1 - acceptance / 3) / (1 + acceptance / 3)
    mine = _expected(win, salience[:, None, :], distance, risk)
    # theirs[b, i, j]: what i thinks j expects from challenging i, through i's own exponent
    theirs = _expected(np.swapaxes(win, 1, 2), salience[:, :, None], distance, risk)
    loses = (theirs > mine) & (mine > 0)
    gives_some = (theirs > 0) & (mine < 0) & (theirs > -mine)
    gives_all = (theirs > 0) & (mine < 0) & ~gives_some
    share = np.ones_like(mine)
    np.divide(-mine, theirs, out=share, where=gives_some)
    offered = (loses | gives_some | gives_all) & (distance > 0)
    end = x[:, :, None] + (x[:, None, :] - x[:, :, None]) * share
    shift = np.where(offered, np.abs(end - x[:, :, None]), np.inf)
    # the offer that moves a party least; a party pulled as little one way as the other
    # stays where it is (else the order of the parties would decide); of equal offers, the
    # keenest challenger's
    least = shift <= shift.min(axis=2, keepdims=True) + _STILL
    one_way = (
        np.where(least, end, -np.inf).max(axis=2) - np.where(least, end, np.inf).min(axis=2)
        <= _STILL
    )
    challenger = np.where(least, theirs, -np.inf).argmax(axis=2)
    pick = challenger[:, :, None]
    kind = np.where(
        np.take_along_axis(loses, pick, axis=2)[:, :, 0],
        0,
        np.where(np.take_along_axis(gives_some, pick, axis=2)[:, :, 0], 1, 2),
    )
    moving = offered.any(axis=2) & one_way
    return moving, challenger, kind, np.take_along_axis(share, pick, axis=2)[:, :, 0]


def _weighted_median(positions: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """Each row's weighted median position, as ``forecast.median`` finds it: the first
    position (in order) past half the weight, midway to the next where the weights split
    exactly in half."""
    order = np.lexsort((weight, positions), axis=1)
    x = np.take_along_axis(positions, order, axis=1)
    cumulative = np.cumsum(np.take_along_axis(weight, order, axis=1), axis=1)
    total = cumulative[:, -1:]
    split = np.isclose(cumulative * 2, total, rtol=1e-9, atol=0.0)
    split[:, -1] = False
    past = cumulative * 2 > total
    first = (split | past).argmax(axis=1)
    rows = np.arange(len(x))
    beyond = np.minimum(first + 1, x.shape[1] - 1)
    middle: np.ndarray = np.where(
        split[rows, first], (x[rows, first] + x[rows, beyond]) / 2, x[rows, first]
    )
    return middle


def _expected(
    win: np.ndarray, resisting: np.ndarray, distance: np.ndarray, risk: np.ndarray
) -> np.ndarray:
    """What the challenger of each cell expects: the challenged resists with probability
    ``resisting`` (its salience) and is then beaten with probability ``win``, else gives
    way; less the status quo. Each row's utilities with that row's risk exponent."""
    r = risk[..., None]
    success = 2 - 4 * np.clip(0.5 - 0.5 * distance, 0, None) ** r  # no -0.0 to a power
    failure = 2 - 4 * (0.5 + 0.5 * distance) ** r
    status_quo = 2 - 4 * 0.5**r
    resisted = win * success + (1 - win) * failure
    expected: np.ndarray = resisting * resisted + (1 - resisting) * success - status_quo
    return expected
