"""Forecast benchmark: the bargaining models of ``sayso.analyse.forecast`` against the outcomes
of real negotiations, DEU III ("Decision-making in the European Union", Arregui & Perarnaud
2021; ``../shared/data/bargaining/deu3.csv``: 364 controversial issues of EU legislative
proposals, 353 with an outcome; positions and saliences on 0-100 of the Commission, the
Parliament and the member states).

Each model runs with two sets of capabilities: ``equal`` (every actor 1: the
salience-weighted mean) and ``gdp`` (the file's second line: each actor's GDP, the
Commission's and the Parliament's given there as Germany's). Printed for all issues with an
outcome and for the test split, fixed before any tuning (the issues whose ``isnr``, hashed
with SHA-1, has a first byte below 77, about 30%): the mean absolute error (0-100), its root
mean square, the share of forecasts within 10 and 20 points of the outcome, and for each
model a paired bootstrap 95% interval of its MAE minus the compromise model's with the same
capabilities (2,000 resamples of the issues; an interval below zero means the model does better).

    python bench/forecast.py [--resamples N]
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import math
import random
from dataclasses import dataclass
from pathlib import Path

from sayso.analyse.forecast import MODELS, Scenario, Stake, compromise

DEU = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "bargaining" / "deu3.csv"
_TEST_BYTE = 77  # an issue is in the test split when its id's SHA-1 opens with a byte below this


@dataclass(frozen=True)
class Issue:
    isnr: str
    scenario: Scenario
    outcome: float

    @property
    def test(self) -> bool:
        return hashlib.sha1(self.isnr.encode("utf-8")).digest()[0] < _TEST_BYTE


def _number(value: str) -> float | None:
    """A cell's number; None for a blank or 999 (not known)."""
    value = value.strip()
    if not value or float(value) == 999:
        return None
    return float(value)


def load(capabilities: str) -> list[Issue]:
    """The issues with an outcome, each actor's stake where its position and salience are
    known; ``capabilities``: ``equal`` or ``gdp``."""
    with DEU.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t"))
    header, gdp, records = rows[0], rows[1], rows[2:]
    column = {name: i for i, name in enumerate(header)}
    actors = [name[1:] for name in header if name.startswith("s") and f"p{name[1:]}" in column]
    issues = []
    for record in records:
        outcome = _number(record[column["out"]])
        if outcome is None:
            continue
        stakes = []
        for actor in actors:
            position = _number(record[column[f"p{actor}"]])
            salience = _number(record[column[f"s{actor}"]])
            if position is None or salience is None:
                continue
            weight = 1.0 if capabilities == "equal" else _number(gdp[column[f"p{actor}"]]) or 0.0
            stakes.append(Stake(actor, position, salience, weight))
        isnr = record[column["isnr"]]
        issues.append(Issue(isnr, Scenario.of(isnr, stakes), outcome))
    return issues


@dataclass(frozen=True)
class Score:
    issues: int
    mae: float
    rmse: float
    within_10: float
    within_20: float


def score(errors: list[float]) -> Score:
    n = len(errors)
    return Score(
        n,
        sum(errors) / n,
        math.sqrt(sum(e * e for e in errors) / n),
        sum(e <= 10 for e in errors) / n,
        sum(e <= 20 for e in errors) / n,
    )


def bootstrap(errors: list[float], baseline: list[float], resamples: int) -> tuple[float, float]:
    """A 95% interval of mean(errors) - mean(baseline) over issues drawn with replacement."""
    rng = random.Random(2026)
    n = len(errors)
    differences = []
    for _ in range(resamples):
        drawn = [rng.randrange(n) for _ in range(n)]
        differences.append(sum(errors[i] - baseline[i] for i in drawn) / n)
    differences.sort()
    return differences[int(0.025 * resamples)], differences[int(0.975 * resamples) - 1]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--resamples", type=int, default=2000)
    args = parser.parse_args()
    if not DEU.exists():
        raise SystemExit(f"DEU III not found at {DEU}")
    print(
        f"{'issues':8}{'capability':12}{'model':12}{'n':>5}{'MAE':>8}{'RMSE':>8}"
        f"{'<=10':>7}{'<=20':>7}  MAE - compromise (95%)"
    )
    for capabilities in ("equal", "gdp"):
        issues = load(capabilities)
        for split in ("all", "test"):
            chosen = [i for i in issues if split == "all" or i.test]
            for name, model in MODELS.items():
                paired = [
                    (abs(forecast - i.outcome), abs(base - i.outcome))
                    for i in chosen
                    if (forecast := model(i.scenario)) is not None
                    and (base := compromise(i.scenario)) is not None
                ]
                errors = [error for error, _ in paired]
                s = score(errors)
                low, high = bootstrap(errors, [base for _, base in paired], args.resamples)
                gap = "" if name == "compromise" else f"  [{low:+.2f}, {high:+.2f}]"
                print(
                    f"{split:8}{capabilities:12}{name:12}{s.issues:>5}{s.mae:>8.2f}{s.rmse:>8.2f}"
                    f"{s.within_10:>7.2f}{s.within_20:>7.2f}{gap}"
                )


if __name__ == "__main__":
    main()
