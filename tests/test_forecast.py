"""Bargaining forecasts from a table of positions, saliences and capabilities."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sayso.analyse.challenge import (
    KINDS,
    MAX_ROUNDS,
    _offers_taken,
    challenge_forecasts,
    challenge_rounds,
    win_chances,
)
from sayso.analyse.forecast import (
    MODELS,
    Scenario,
    Stake,
    compromise,
    forecasts,
    load_capabilities,
    median,
    read_smp,
    scenarios,
    spread,
    write_smp,
)
from sayso.analyse.positions import Evidence, Position
from sayso.errors import InputError
from sayso.gazetteer import load as load_gazetteer

# The textbook case of Bueno de Mesquita's model (EC car-emission standards, from his 1994
# chapter as Scholz, Calbert and Smith 2011 give it; ../shared/data/bargaining has it as a
# file): state, capability, position (years to the standard), salience.
EMISSIONS = Scenario.of(
    "emission standards",
    [
        Stake(state, position, 100 * salience, capability)
        for state, capability, position, salience in (
            ("Netherlands", 0.08, 4, 0.8),
            ("Belgium", 0.08, 7, 0.4),
            ("Luxembourg", 0.03, 4, 0.2),
            ("Germany", 0.16, 4, 0.8),
            ("France", 0.16, 10, 0.6),
            ("Italy", 0.16, 10, 0.6),
            ("UK", 0.16, 10, 0.9),
            ("Ireland", 0.05, 7, 0.1),
            ("Denmark", 0.05, 4, 1.0),
            ("Greece", 0.08, 7, 0.7),
        )
    ],
)

STAKES = st.lists(
    st.builds(
        Stake,
        party=st.text(min_size=1, max_size=5),
        # figures as tables give them (no weights of 1e-300, whose products underflow)
        position=st.floats(0, 100).map(lambda x: round(x, 2)),
        salience=st.floats(0, 100).map(lambda x: round(x, 2)),
        capability=st.floats(0, 10).map(lambda x: round(x, 3)),
    ),
    min_size=1,
    max_size=12,
)


def test_the_compromise_is_the_mean_weighted_by_capability_and_salience() -> None:
    scenario = Scenario.of(
        "aid",
        [Stake("A", 0, 100, 1.0), Stake("B", 100, 50, 1.0), Stake("C", 40, 100, 0.5)],
    )
    # weights 100, 50, 50: (0 * 100 + 100 * 50 + 40 * 50) / 200
    assert compromise(scenario) == pytest.approx(35.0)


def test_the_median_is_the_weighted_median_partys_position() -> None:
    heavy = Scenario.of(
        "x", [Stake("A", 10, 100, 3), Stake("B", 50, 100, 1), Stake("C", 90, 100, 1)]
    )
    assert median(heavy) == 10  # A alone holds 3 of 5
    even = Scenario.of("x", [Stake("A", 20, 50), Stake("B", 60, 50)])
    assert median(even) == 40  # an exact split: midway


def test_nobody_who_weighs_anything_gives_no_forecast() -> None:
    scenario = Scenario.of("x", [Stake("A", 20, 0), Stake("B", 60, 50, 0.0)])
    assert all(model(scenario) is None for model in MODELS.values())


@given(STAKES)
def test_every_forecast_lies_among_the_positions_of_the_parties_that_weigh(
    stakes: list[Stake],
) -> None:
    weighing = [s.position for s in stakes if s.weight > 0]
    for model in MODELS.values():
        forecast = model(Scenario.of("x", stakes))
        if not weighing:
            assert forecast is None
        else:
            assert forecast is not None
            assert min(weighing) - 1e-6 <= forecast <= max(weighing) + 1e-6


@given(STAKES, st.floats(0.01, 100))
def test_forecasts_do_not_change_with_the_scale_of_capabilities_or_the_order_of_parties(
    stakes: list[Stake], scale: float
) -> None:
    scaled = [Stake(s.party, s.position, s.salience, s.capability * scale) for s in stakes]
    for model in MODELS.values():
        forecast = model(Scenario.of("x", stakes))
        for other in (scaled, list(reversed(stakes))):
            again = model(Scenario.of("x", other))
            assert (forecast is None) == (again is None)
            if forecast is not None and again is not None:
                assert again == pytest.approx(forecast, abs=1e-6)


def test_the_textbook_case_of_car_emission_standards() -> None:
    # the outcome was 8.83 years, Bueno de Mesquita's model said 8.35; the baselines fall
    # short of both: sum(c * s * x) / sum(c * s) = 5.003 / 0.677 = 7.39 years, and the states
    # at 4 and 7 years together hold just over half the weight (0.341 of 0.677)
    assert compromise(EMISSIONS) == pytest.approx(7.39, abs=0.01)
    assert median(EMISSIONS) == 7


def test_the_challenge_model_on_the_textbook_case_moves_the_pivot_toward_the_outcome() -> None:
    rounds = challenge_rounds(EMISSIONS, median)
    forecasts = [played.forecast for played in rounds]
    # published: 8.35 after the first round, rising to 9.05 (the outcome was 8.83). Here
    # Belgium, the pivot at 7 years, meets France's challenge halfway: 8.43 after round
    # one; it then goes on rising to 10, faster than Scholz et al.'s 9.05
    assert forecasts[0] == 7
    assert forecasts[1] == pytest.approx(8.35, abs=0.1)
    assert forecasts[2] > forecasts[1] and 9 <= forecasts[-1] <= 10
    first = {move.party: move for move in rounds[1].moves}
    assert first["Belgium"].to == "France" and first["Belgium"].kind == "compromises"
    assert 7 < first["Belgium"].end < 10
    # the heavy states at 4 and 10 years hold firm
    assert not {"Germany", "Netherlands", "France", "UK"} & set(first)
    assert MODELS["challenge"](EMISSIONS) == forecasts[-1]


def _reference_round(
    table: list[tuple[float, float, float]],
) -> list[tuple[int, str, float] | None]:
    """One round of the challenge model written plainly from its description (positions,
    saliences 0-1, capabilities), to hold the module's array arithmetic to: for each party,
    (challenger, kind, share of the way) of the offer it takes, or None."""
    x = [p for p, _, _ in table]
    span = max(x) - min(x)
    x = [p / span for p in x]
    s = [sal for _, sal, _ in table]
    w = [cap * sal for _, sal, cap in table]
    n = len(table)

    def vote(k: int, a: int, b: int) -> float:  # k's weighed preference for a over b
        return w[k] * (abs(x[k] - x[b]) - abs(x[k] - x[a]))

    everything = sum(abs(vote(k, a, b)) for k in range(n) for a in range(n) for b in range(n))

    def beats(a: int, b: int) -> float:
        return sum(max(0.0, vote(k, a, b)) for k in range(n)) / everything

    def expects(a: int, b: int, r: float) -> float:  # a challenging b, with exponent r
        d = abs(x[a] - x[b])
        won, lost = 2 - 4 * max(0.0, 0.5 - 0.5 * d) ** r, 2 - 4 * (0.5 + 0.5 * d) ** r
        p = beats(a, b)
        return float(s[b] * (p * won + (1 - p) * lost) + (1 - s[b]) * won - (2 - 4 * 0.5**r))

    danger = [sum(expects(j, i, 1.0) for j in range(n) if j != i) for i in range(n)]
    low, high = min(danger), max(danger)
    risk = []
    for i in range(n):
        acceptance = (2 * danger[i] - high - low) / (high - low) if high > low else 0.0
        risk.append((1 - acceptance / 3) / (1 + acceptance / 3))
    taken: list[tuple[int, str, float] | None] = []
    for i in range(n):
        offers = []
        for j in range(n):
            if j == i or x[i] == x[j]:
                continue
            mine, theirs = expects(i, j, risk[i]), expects(j, i, risk[i])
            if theirs > mine > 0:
                offers.append((abs(x[j] - x[i]), j, "loses a challenge", 1.0))
            elif theirs > 0 > mine:
                share = -mine / theirs if theirs > -mine else 1.0
                kind = "compromises" if theirs > -mine else "gives way"
                offers.append((share * abs(x[j] - x[i]), j, kind, share))
        if not offers:
            taken.append(None)
            continue
        least = min(o[0] for o in offers)
        tied = [o for o in offers if o[0] <= least + 1e-9]
        ends = {round(x[i] + (x[o[1]] - x[i]) * o[3], 9) for o in tied}
        taken.append(tied[0][1:] if len(ends) == 1 else None)
    return taken


TABLES = st.lists(
    st.tuples(
        st.integers(0, 100).map(float),
        st.integers(1, 100).map(lambda v: v / 100),
        st.integers(1, 10).map(float),
    ),
    min_size=2,
    max_size=7,
).filter(lambda t: len({p for p, _, _ in t}) > 1)


@given(TABLES)
def test_the_challenge_models_arrays_do_what_its_description_says(
    table: list[tuple[float, float, float]],
) -> None:
    x = np.array([p for p, _, _ in table])
    x = x / (x.max() - x.min())
    moving, challenger, kind, share = (
        found[0]
        for found in _offers_taken(
            x[None, :],
            np.array([[c * s for _, s, c in table]]),
            np.array([[s for _, s, _ in table]]),
        )
    )
    for i, offer in enumerate(_reference_round(table)):
        assert bool(moving[i]) == (offer is not None)
        if offer is not None:
            j = challenger[i]
            # among equal offers the module takes the keenest challenger: the same end
            assert KINDS[kind[i]] == offer[1] or x[j] == x[offer[0]]
            assert x[i] + (x[j] - x[i]) * share[i] == pytest.approx(
                x[i] + (x[offer[0]] - x[i]) * offer[2], abs=1e-9
            )


@given(st.lists(STAKES, min_size=1, max_size=4))
def test_many_tables_at_once_are_forecast_as_each_alone(tables: list[list[Stake]]) -> None:
    scenarios = [Scenario.of("x", stakes) for stakes in tables]
    # and the first table's parties at other places: computed in one batch with it
    scenarios += [
        Scenario.of("x", [replace(s, position=(s.position + 7 * k) % 101) for s in tables[0]])
        for k in range(1, 4)
    ]
    together = challenge_forecasts(scenarios)
    for scenario, value in zip(scenarios, together, strict=True):
        rounds = challenge_rounds(scenario, median)
        assert (value is None) == (not rounds)
        if rounds:
            assert value == pytest.approx(rounds[-1].forecast, abs=1e-9)


def test_a_party_nearer_the_weight_is_likelier_to_win() -> None:
    chances = win_chances(np.array([0.0, 0.4, 1.0]), np.array([5.0, 1.0, 1.0]))
    # the heavy party at 0 prefers 0.4 to 1.0: the party at 0.4 beats the one at 1.0 more
    # often than the other way round, and the heavy party beats both
    assert chances[1, 2] > chances[2, 1] and chances[0, 1] > chances[1, 0]
    assert chances[0, 0] == 0 and (chances >= 0).all()


def test_a_party_pulled_equally_both_ways_stays() -> None:
    both_ways = [Stake("L", 40, 90, 3), Stake("M", 50, 20, 1), Stake("R", 60, 90, 3)]
    forward = challenge_rounds(Scenario.of("x", both_ways), median)
    backward = challenge_rounds(Scenario.of("x", both_ways[::-1]), median)
    assert [r.forecast for r in forward] == [r.forecast for r in backward]
    assert all(m.party != "M" for r in forward for m in r.moves)


def test_the_challenge_model_on_tables_with_nothing_to_bargain() -> None:
    agreed = Scenario.of("x", [Stake("A", 40, 80), Stake("B", 40, 30, 2)])
    assert [(r.number, r.forecast, r.moves) for r in challenge_rounds(agreed, median)] == [
        (0, 40, ())
    ]
    assert challenge_rounds(Scenario.of("x", [Stake("A", 40, 0)]), median) == []
    # a lone heavy party that cares wholly faces a light one that barely does: the light
    # one gives way, and then nothing moves
    lopsided = Scenario.of("x", [Stake("A", 0, 100, 10), Stake("B", 100, 10, 1)])
    rounds = challenge_rounds(lopsided, median)
    assert rounds[1].moves and rounds[1].moves[0].party == "B"
    assert rounds[-1].moves == () and rounds[-1].forecast == 0


def test_a_challenge_forecast_keeps_its_rounds() -> None:
    [found] = forecasts([EMISSIONS], ["challenge"])
    assert found.rounds[0].number == 0 and len(found.rounds) <= MAX_ROUNDS + 1
    record = found.to_dict()
    assert record["rounds"][1]["forecast"] == pytest.approx(8.43, abs=0.01)
    belgium = [m for m in record["rounds"][1]["moves"] if m["party"] == "Belgium"]
    assert belgium[0]["kind"] == "compromises" and belgium[0]["from_position"] == 7
    # Belgium and Luxembourg are still moving when the rounds run out
    assert len(found.rounds) == MAX_ROUNDS + 1 and found.rounds[-1].moves
    assert not found.settled and record["settled"] is False
    [plain] = forecasts([EMISSIONS], ["compromise"])
    assert plain.rounds == () and plain.settled and plain.to_dict()["rounds"] == []


def test_a_ktab_scenario_file_round_trip() -> None:
    tables = [
        Scenario.of("aid", [Stake("A", 10, 80, 2.0), Stake("B", 90, 40, 1.0)]),
        Scenario.of("talks", [Stake("B", 30, 60, 1.0)]),
    ]
    text = write_smp(tables, "test", "two issues")
    lines = text.splitlines()
    assert lines[0] == "test,two issues,2,2"
    assert lines[1] == "Actor,Description,Power,Pstn1,Sal1,Pstn2,Sal2"
    back = read_smp(text, "test.csv")
    # A has no stake in the talks: salience 0, so it weighs nothing there
    assert [compromise(t) for t in back] == [compromise(t) for t in tables]
    assert back[1].stakes[0] == Stake("A", 50.0, 0.0, 2.0)


def test_a_broken_ktab_file_says_where(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"x\.csv:3: not a finite number"):
        read_smp("s,d,1,1\nActor,Description,Power,Pstn1,Sal1\nA,a,strong,10,20\n", "x.csv")
    with pytest.raises(InputError, match=r"x\.csv:3: .*a position or salience outside 0-100"):
        read_smp("s,d,1,1\nActor,Description,Power,Pstn1,Sal1\nA,a,1,10,-20\n", "x.csv")
    with pytest.raises(InputError, match=r"x\.csv:3: .*a position or salience outside 0-100"):
        read_smp("s,d,1,1\nActor,Description,Power,Pstn1,Sal1\nA,a,1,10,150\n", "x.csv")
    with pytest.raises(InputError, match=r"x\.csv:3: a power below 0"):
        read_smp("s,d,1,1\nActor,Description,Power,Pstn1,Sal1\nA,a,-1,10,20\n", "x.csv")
    with pytest.raises(InputError, match="2 actors announced, 1 given"):
        read_smp("s,d,2,1\nActor,Description,Power,Pstn1,Sal1\nA,a,1,10,20\n", "x.csv")


def test_a_broken_ktab_file_says_what_and_where() -> None:
    header = "s,d,1,1\n\nActor,Description,Power,Pstn1,Sal1\n\n"
    for row, problem in (
        ("A,a,nan,10,20", r"x\.csv:5: not a finite number"),
        ("A,a,1,250,20", r"x\.csv:5: .*a position or salience outside 0-100"),
    ):
        with pytest.raises(InputError, match=problem):
            read_smp(header + row + "\n", "x.csv")
    with pytest.raises(InputError, match="needs an actor and a dimension"):
        read_smp("s,d,1,0\nActor,Description,Power\nA,a,1\n", "x.csv")
    # a BOM and KTAB's closing commas are no part of the table
    (scenario,) = read_smp(
        "\ufeffs,d,1,1,\nActor,Description,Power,Pstn1,Sal1,\nA,a,2,10,20,\n", "x"
    )
    assert scenario.stakes == (Stake("A", 10.0, 20.0, 2.0),)


def _evidence(side: str = "for") -> Evidence:
    return Evidence("d", 0, 1, "x", side, "A", "A", "own words", 1.0, None, None)  # type: ignore[arg-type]


def test_the_statements_a_stake_was_counted_from() -> None:
    def position(issue: str, statements: int) -> Position:
        return Position(
            "A",
            "A",
            "A",
            issue,
            "for",
            100.0,
            round(100 * statements / 3000, 1),
            0.5,
            evidence=[_evidence()] * statements,
        )

    # one statement on this issue of 3,000 in all: a salience that rounds to 0
    found = [position("talks", 1), position("aid", 2999)]
    (talks,) = scenarios(found, issue="talks")
    assert talks.stakes[0].statements == (1, 3000) and talks.stakes[0].sides == (1.0, 0.0)
    drawn = spread(Scenario.of("talks", [*talks.stakes, Stake("B", 0, 50)]), "compromise", 500)
    assert drawn is not None and drawn.high < 1  # A's salience stays near 0 in every draw


def test_capabilities_from_csv_or_yaml(tmp_path: Path) -> None:
    table = tmp_path / "power.csv"
    table.write_text("party,capability\nRussian Federation,3\nUkraine,1.5\n", encoding="utf-8")
    mapping = tmp_path / "power.yaml"
    mapping.write_text("Russian Federation: 3\nUkraine: 1.5\n", encoding="utf-8")
    assert (
        load_capabilities(str(table))
        == load_capabilities(str(mapping))
        == {
            "russian federation": 3.0,
            "ukraine": 1.5,
        }
    )
    # a spreadsheet's BOM and header in capitals; the gazetteer's name for the party
    excel = tmp_path / "excel.csv"
    excel.write_text("\ufeffParty, Capability\nRussian Federation,3\n", encoding="utf-8")
    assert load_capabilities(str(excel), load_gazetteer()) == {"russia": 3.0}
    for bad in ("Russia: -1\n", "Russia: .nan\n", "Russia: yes\n", "1: 3\n"):
        mapping.write_text(bad, encoding="utf-8")
        with pytest.raises(InputError, match="capabilit"):
            load_capabilities(str(mapping))


def test_a_spread_over_inputs_drawn_within_their_statements() -> None:
    counted = Scenario.of(
        "talks",
        [
            # ten statements, nine for: a position known to lie high
            Stake("A", 90, 50, 1.0, sides=(9.0, 1.0), statements=(10, 20)),
            # one statement against: a position that could lie almost anywhere
            Stake("B", 0, 50, 1.0, sides=(0.0, 1.0), statements=(1, 2)),
        ],
    )
    drawn = spread(counted, "compromise", 2000, seed=3)
    assert drawn is not None
    assert 0 <= drawn.low <= drawn.middle <= drawn.high <= 100
    assert drawn == spread(counted, "compromise", 2000, seed=3)  # the same draws each time
    # B's position, on one statement, moves the forecast most
    party, name, low, high = drawn.tornado[0]
    assert (party, name) == ("B", "position") and low < high
    fixed = Scenario.of("talks", [Stake("A", 90, 50), Stake("B", 0, 50)])
    still = spread(fixed, "compromise", 200)
    assert still is not None and still.low == still.high == compromise(fixed) == 45
    assert still.tornado == ()
