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
  exactly in half between two positions, the point midway between them);
- ``challenge``: Bueno de Mesquita's challenge model as Scholz, Calbert and Smith (2011)
  reconstructed it (``analyse.challenge``): parties challenge, compromise and give way round
  by round, and the median of where they end is the forecast; its rounds are kept.

A party with no salience or no capability weighs nothing; a table in which nobody weighs
anything has no forecast (None), not a made-up one.

The table comes from the positions map (``scenarios``: each party's position and salience on
each issue, as ``analyse.positions`` adds them up from the statements, with the statements
kept), with capabilities from the user's file (``load_capabilities``; every party 1 without
one), or from a scenario file of KAPSARC's KTAB (``read_smp``, ``write_smp``), which an
analyst may edit by hand or run in KTAB.
"""

from __future__ import annotations

import csv
import io
import math
import random
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

import yaml
from typing_extensions import TypedDict

from sayso.analyse.challenge import Round, challenge_forecasts, challenge_rounds
from sayso.analyse.positions import Evidence, Position
from sayso.errors import InputError
from sayso.gazetteer import Gazetteer
from sayso.names import fold

Model = Callable[["Scenario"], float | None]
RUNS_SHOWN = 300  # draws of the inputs behind the spread the web app and the report show


@dataclass(frozen=True)
class Stake:
    """One party's stake in an issue, with the statements its position rests on."""

    party: str
    position: float  # 0-100
    salience: float  # 0-100
    capability: float = 1.0
    evidence: tuple[Evidence, ...] = field(default=(), compare=False, repr=False)
    # what the position and salience were counted from, where they were: the weight of the
    # statements for and against, and the party's statements on this issue and on all
    sides: tuple[float, float] | None = field(default=None, compare=False)
    statements: tuple[int, int] | None = field(default=None, compare=False)

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


def challenge(scenario: Scenario) -> float | None:
    """Bueno de Mesquita's challenge model (``analyse.challenge``): the weighted median of
    the positions after its last round of challenges."""
    return challenge_forecasts([scenario])[0]


MODELS: dict[str, Model] = {"compromise": compromise, "median": median, "challenge": challenge}
# models that forecast many tables faster together than one by one (a spread's draws)
_MANY: dict[str, Callable[[list[Scenario]], list[float | None]]] = {
    "challenge": challenge_forecasts
}


def _forecast_all(model: str, tables: list[Scenario]) -> list[float | None]:
    many = _MANY.get(model)
    return many(tables) if many is not None else [MODELS[model](t) for t in tables]


class TornadoRecord(TypedDict):
    """How far one input moves the forecast: where it stands with that input at its 10th
    and its 90th percentile, the others drawn as before."""

    party: str
    input: str
    at_p10: float
    at_p90: float


class SpreadRecord(TypedDict):
    p5: float
    p50: float
    p95: float
    tornado: list[TornadoRecord]


class MoveRecord(TypedDict):
    party: str
    kind: str
    to: str
    from_position: float
    to_position: float


class RoundRecord(TypedDict):
    round: int
    forecast: float
    moves: list[MoveRecord]


class StatementRecord(TypedDict):
    document_id: str
    start: int
    end: int


class StakeRecord(TypedDict):
    party: str
    position: float
    salience: float
    capability: float
    statements: list[StatementRecord]


class ForecastRecord(TypedDict):
    """A forecast as every list gives it (command line, API): the model's value, its spread
    over drawn inputs, the challenge model's rounds and the table it read."""

    issue: str
    model: str
    forecast: float | None
    spread: SpreadRecord | None
    settled: bool
    rounds: list[RoundRecord]
    parties: list[StakeRecord]


@dataclass(frozen=True)
class Forecast:
    """Where one model says an issue ends, and the table it read."""

    issue: str
    model: str
    value: float | None
    stakes: tuple[Stake, ...]
    spread: Spread | None = None
    rounds: tuple[Round, ...] = ()  # the challenge model's, the opening table first

    @property
    def settled(self) -> bool:
        """Whether the model's rounds came to rest (a model without rounds always does):
        the challenge model's parties may still be swapping sides when its rounds run out."""
        return not self.rounds or not self.rounds[-1].moves

    def to_dict(self) -> ForecastRecord:
        spread = self.spread
        return {
            "issue": self.issue,
            "model": self.model,
            "forecast": None if self.value is None else round(self.value, 2),
            "spread": None
            if spread is None
            else {
                "p5": round(spread.low, 2),
                "p50": round(spread.middle, 2),
                "p95": round(spread.high, 2),
                "tornado": [
                    {
                        "party": party,
                        "input": name,
                        "at_p10": round(low, 2),
                        "at_p90": round(high, 2),
                    }
                    for party, name, low, high in spread.tornado
                ],
            },
            "settled": self.settled,
            "rounds": [
                {
                    "round": played.number,
                    "forecast": round(played.forecast, 2),
                    "moves": [
                        {
                            "party": move.party,
                            "kind": move.kind,
                            "to": move.to,
                            "from_position": round(move.start, 2),
                            "to_position": round(move.end, 2),
                        }
                        for move in played.moves
                    ],
                }
                for played in self.rounds
            ],
            "parties": [
                {
                    "party": stake.party,
                    "position": stake.position,
                    "salience": stake.salience,
                    "capability": stake.capability,
                    "statements": [
                        {"document_id": e.document_id, "start": e.start, "end": e.end}
                        for e in stake.evidence
                    ],
                }
                for stake in self.stakes
            ],
        }


def forecasts(
    scenarios: Iterable[Scenario], models: Iterable[str], runs: int = 0
) -> list[Forecast]:
    """Each model's forecast of each scenario (the challenge model's with its rounds); with
    ``runs``, its spread over that many draws of the inputs (``spread``)."""
    chosen = list(models)
    found = []
    for scenario in scenarios:
        for name in chosen:
            drawn = spread(scenario, name, runs) if runs > 0 else None
            history = tuple(challenge_rounds(scenario, median)) if name == "challenge" else ()
            value = MODELS[name](scenario)
            found.append(Forecast(scenario.issue, name, value, scenario.stakes, drawn, history))
    return found


def scenarios(
    positions: Iterable[Position],
    capabilities: Mapping[str, float] | None = None,
    issue: str | None = None,
) -> list[Scenario]:
    """One scenario per issue (or for ``issue`` alone) from the positions map by party, read
    on all issues: each party's capability from ``capabilities`` (keyed by folded name; 1
    for a party it does not list), and what its position and salience were counted from
    (its statements on the issue for and against; on the issue and on all)."""
    found = list(positions)
    statements: dict[str, int] = {}
    for p in found:
        statements[p.key] = statements.get(p.key, 0) + len(p.evidence)
    by_issue: dict[str, list[Stake]] = {}
    for p in found:
        if issue is not None and p.issue != issue:
            continue
        capability = (capabilities or {}).get(fold(p.name), 1.0)
        sides = (
            sum(e.weight for e in p.evidence if e.side == "for"),
            sum(e.weight for e in p.evidence if e.side == "against"),
        )
        counted = (len(p.evidence), statements[p.key])
        stake = Stake(p.name, p.position, p.salience, capability, tuple(p.evidence), sides, counted)
        by_issue.setdefault(p.issue, []).append(stake)
    return [Scenario.of(name, stakes) for name, stakes in by_issue.items()]


def weighed(scenario: Scenario, capabilities: Mapping[str, float] | None) -> Scenario:
    """``scenario`` with each party's capability from ``capabilities`` (keyed by folded
    name) where it gives one: a scenario file's powers, overridden by the user's table."""
    if not capabilities:
        return scenario
    return Scenario.of(
        scenario.issue,
        (
            replace(s, capability=capabilities.get(fold(s.party), s.capability))
            for s in scenario.stakes
        ),
    )


def load_capabilities(path: str, gazetteer: Gazetteer | None = None) -> dict[str, float]:
    """Each party's capability from a CSV file (columns ``party``, ``capability``) or a YAML
    mapping of party to capability, keyed by folded name: the name the ``gazetteer`` gives
    the party where it knows it ("Russian Federation" is Russia). Every capability a finite
    number of 0 or more."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")  # spreadsheets open with a BOM
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(path, f"cannot read the capabilities: {err}", code="capabilities") from err
    pairs: list[tuple[object, object]]
    if path.lower().endswith((".yaml", ".yml")):
        try:
            records = yaml.safe_load(text) or {}
        except yaml.YAMLError as err:
            raise InputError(path, f"invalid YAML: {err}", code="capabilities") from err
        if not isinstance(records, dict) or not all(isinstance(k, str) for k in records):
            raise InputError(
                path, "a YAML capabilities file maps parties to numbers", code="capabilities"
            )
        pairs = list(records.items())
    else:
        reader = csv.DictReader(io.StringIO(text))
        columns = {(name or "").strip().casefold(): name for name in reader.fieldnames or []}
        if not {"party", "capability"} <= set(columns):
            raise InputError(
                path, "a CSV capabilities file has columns party, capability", code="capabilities"
            )
        pairs = [(row[columns["party"]], row[columns["capability"]]) for row in reader]
    found = {}
    for party, value in pairs:
        number = _number(value)
        if number is None or number < 0:
            raise InputError(
                path,
                f"{party}: capability {value!r} is no number of 0 or more",
                code="capabilities",
            )
        actor = gazetteer.lookup(str(party)) if gazetteer is not None else None
        found[fold(actor.name if actor is not None else str(party))] = number
    return found


def _number(value: object) -> float | None:
    """``value`` as a finite number, or None (no bool, no NaN, no infinity)."""
    if isinstance(value, bool):
        return None
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def write_smp(scenarios: list[Scenario], name: str, description: str) -> str:
    """The scenarios as one KTAB SMP file: a line ``name,"description",actors,dimensions``,
    a header ``Actor,Description,Power,Pstn1,Sal1,…``, then a row per party with its
    capability and, for each issue (a dimension), its position and salience; a party with no
    stake in an issue has salience 0 there (and the middle position)."""
    parties: dict[str, float] = {}
    for scenario in scenarios:
        for stake in scenario.stakes:
            parties.setdefault(stake.party, stake.capability)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([name, description, len(parties), len(scenarios)])
    header = ["Actor", "Description", "Power"]
    for n in range(1, len(scenarios) + 1):
        header += [f"Pstn{n}", f"Sal{n}"]
    writer.writerow(header)
    for party, capability in parties.items():
        row: list[object] = [party, party, capability]
        for scenario in scenarios:
            held = next((s for s in scenario.stakes if s.party == party), None)
            row += [held.position, held.salience] if held else [50.0, 0.0]
        writer.writerow(row)
    return out.getvalue()


def read_smp(text: str, source: str) -> list[Scenario]:
    """The scenarios of a KTAB SMP file, one per dimension, named ``dimension N``; every
    number finite, a position from 0 to 100, a power and a salience of 0 or more."""
    rows = []
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff")))
    for row in reader:
        cells = [cell.strip() for cell in row]
        if cells and cells[-1] == "":
            cells.pop()  # KTAB ends its lines with a comma
        if any(cells):
            rows.append((reader.line_num, cells))
    if len(rows) < 2 or len(rows[0][1]) < 4:
        raise InputError(
            source, "an SMP file opens with name, description, actors, dimensions", code="smp"
        )
    try:
        actors, dimensions = int(rows[0][1][2]), int(rows[0][1][3])
    except ValueError as err:
        raise InputError(
            source, "the first line's actors and dimensions are no numbers", code="smp"
        ) from err
    if actors < 1 or dimensions < 1:
        raise InputError(source, "an SMP file needs an actor and a dimension", code="smp")
    body = rows[2:]
    if len(body) != actors:
        raise InputError(source, f"{actors} actors announced, {len(body)} given", code="smp")
    stakes: list[list[Stake]] = [[] for _ in range(dimensions)]
    for line, row in body:
        if len(row) < 3 + 2 * dimensions:
            raise InputError(
                source, f"{len(row)} cells, {3 + 2 * dimensions} wanted", code="smp", line=line
            )
        numbers = [_number(cell) for cell in row[2 : 3 + 2 * dimensions]]
        if any(n is None for n in numbers):
            raise InputError(source, "not a finite number", code="smp", line=line)
        power, *pairs = [n for n in numbers if n is not None]
        positions, saliences = pairs[0::2], pairs[1::2]
        if power < 0 or not all(0 <= x <= 100 for x in (*positions, *saliences)):
            raise InputError(
                source,
                "a power below 0, or a position or salience outside 0-100",
                code="smp",
                line=line,
            )
        for d in range(dimensions):
            stakes[d].append(Stake(row[0], positions[d], saliences[d], power))
    return [Scenario.of(f"dimension {d + 1}", found) for d, found in enumerate(stakes)]


@dataclass(frozen=True)
class Spread:
    """A model's forecasts over inputs drawn within what their evidence allows: the 5th, 50th
    and 95th percentiles, and the inputs that move the forecast most (a tornado chart's
    bars: the forecast with one input at its 10th and at its 90th percentile, the others
    as counted)."""

    low: float
    middle: float
    high: float
    tornado: tuple[
        tuple[str, str, float, float], ...
    ]  # party, "position" or "salience", at 10%, at 90%


def spread(scenario: Scenario, model: str, runs: int, seed: int = 0) -> Spread | None:
    """``runs`` forecasts of ``scenario`` by ``model``, each party's position drawn as 100
    times a Beta of the weight of its statements for and against (plus one each), its
    salience as 100 times a Beta of its statements on this issue and on the others (plus one
    each); a party whose stake was not counted from statements (a file's) keeps its own."""
    rng = random.Random(seed)
    tables = [
        Scenario(scenario.issue, tuple(_drawn(s, rng) for s in scenario.stakes))
        for _ in range(runs)
    ]
    # then the tornado's: one input at a time at its 10th and its 90th percentile
    varied = []
    for n, stake in enumerate(scenario.stakes):
        for name, ends in _inputs(stake).items():
            varied.append((stake.party, name))
            for end in ends:
                if name == "position":
                    changed = replace(stake, position=end)
                else:
                    changed = replace(stake, salience=end)
                tables.append(
                    Scenario(
                        scenario.issue, (*scenario.stakes[:n], changed, *scenario.stakes[n + 1 :])
                    )
                )
    found = _forecast_all(model, tables)
    values = sorted(value for value in found[:runs] if value is not None)
    if not values:
        return None
    bars = []
    for k, (party, name) in enumerate(varied):
        low, high = found[runs + 2 * k], found[runs + 2 * k + 1]
        if low is not None and high is not None and low != high:
            bars.append((party, name, low, high))
    bars.sort(key=lambda bar: -abs(bar[3] - bar[2]))
    return Spread(
        _percentile(values, 0.05), _percentile(values, 0.5), _percentile(values, 0.95), tuple(bars)
    )


def _drawn(stake: Stake, rng: random.Random) -> Stake:
    position, salience = stake.position, stake.salience
    if stake.sides is not None:
        position = 100 * rng.betavariate(1 + stake.sides[0], 1 + stake.sides[1])
    if stake.statements is not None:
        here, everywhere = stake.statements
        salience = 100 * rng.betavariate(1 + here, 1 + max(everywhere - here, 0))
    return replace(stake, position=position, salience=salience)


def _inputs(stake: Stake) -> dict[str, tuple[float, float]]:
    """The 10th and 90th percentiles of a stake's uncertain inputs."""
    found = {}
    if stake.sides is not None:
        found["position"] = _beta_range(1 + stake.sides[0], 1 + stake.sides[1])
    if stake.statements is not None:
        here, everywhere = stake.statements
        found["salience"] = _beta_range(1 + here, 1 + max(everywhere - here, 0))
    return found


@lru_cache(maxsize=4096)
def _beta_range(a: float, b: float) -> tuple[float, float]:
    """100 times the 10th and 90th percentiles of Beta(a, b), from 2,000 fixed draws."""
    rng = random.Random(1)
    draws = sorted(100 * rng.betavariate(a, b) for _ in range(2000))
    return _percentile(draws, 0.1), _percentile(draws, 0.9)


def _percentile(ordered: list[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]
