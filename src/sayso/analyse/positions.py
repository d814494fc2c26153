"""Positions: where each party (or actor) stands on each issue, added up from the stances the
``stances`` stage read, with every statement as evidence.

A party is the state or bloc an actor acts for (``Stance.party``): Lavrov, Peskov, the Kremlin
and "Moscow" all count for Russia; ``by="actor"`` keeps each actor apart. Each (party, issue)
gets:

- a **stance**: ``for`` or ``against`` when two thirds of the weight of its statements lie on
  one side, ``mixed`` otherwise; ``conditional`` when every statement on the winning side is
  tied to a condition (the conditions are kept);
- a **position** from 0 (the issue's "against" pole) to 100 (its "for" pole): the weighted
  share of its statements for;
- a **salience** from 0 to 100: the share of the party's stance statements, on all issues,
  that are on this one;
- the count of statements and a **confidence** that grows with their weight and agreement.

A party's own words ("we will never …", a spokesperson's statement) weigh more than what
others say of it ("Kyiv refuses …", according to Moscow).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

from sayso.gazetteer import load as load_gazetteer
from sayso.issues import Issue, load_issues
from sayso.likeness import Kind
from sayso.model import Side, Stance
from sayso.settings import DEFAULT_LIKENESS
from sayso.store import Store

Verdict = Literal["for", "against", "mixed", "conditional"]
By = Literal["party", "actor"]
OWN_WORDS = 1.0
REPORTED = 0.6  # "Kyiv refuses …" said by someone else: an account of the party's stance
_DECIDED = 2 / 3  # the share of the weight one side needs for the stance to be that side's


@dataclass(frozen=True)
class Evidence:
    """One statement of a stance: where it is, who holds it and who says so."""

    document_id: str
    start: int
    end: int
    text: str
    side: Side
    holder: str | None
    source: str | None
    kind: str
    weight: float
    modality: str | None
    condition: str | None


@dataclass
class Position:
    """A party's (or an actor's) stance on an issue, and the statements behind it."""

    key: str  # the party's name, or the actor's id
    name: str
    party: str | None  # the party, or the one the actor's statements most often give
    issue: str
    stance: Verdict
    position: float  # 0 = the issue's "against" pole, 100 = its "for" pole
    salience: float  # the share (0-100) of the party's stance statements that are on this issue
    confidence: float
    actors: list[str] = field(default_factory=list)  # who inside a party, most statements first
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def positions(
    stances: Iterable[tuple[str, Stance]], issues: list[Issue], by: By = "party"
) -> list[Position]:
    """Every party's (or actor's) positions on ``issues`` from ``(document id, stance)``
    pairs (``Store.stances()``, or a document's own), sorted by name and issue."""
    wanted = {issue.id for issue in issues}
    cells: dict[tuple[str, str], list[tuple[Stance, Evidence]]] = {}
    names: dict[str, str] = {}
    for document_id, stance in stances:
        key = _key(stance, by)
        if key is None or stance.issue not in wanted:
            continue
        names.setdefault(key, (stance.party if by == "party" else stance.holder.name) or key)
        cells.setdefault((key, stance.issue), []).append((stance, _evidence(document_id, stance)))
    statements: Counter[str] = Counter()
    for (key, _), items in cells.items():
        statements[key] += len(items)
    found = []
    for (key, issue), items in cells.items():
        evidence = [e for _, e in items]
        verdict, position, confidence = _weigh(evidence)
        holders = Counter(s.holder.name or s.holder.label or "" for s, _ in items)
        parties = Counter(s.party for s, _ in items if s.party)
        found.append(
            Position(
                key=key,
                name=names[key],
                party=parties.most_common(1)[0][0] if parties else None,
                issue=issue,
                stance=verdict,
                position=position,
                salience=round(100 * len(items) / statements[key], 1),
                confidence=confidence,
                actors=[name for name, _ in holders.most_common() if name],
                evidence=evidence,
            )
        )
    order = {issue.id: n for n, issue in enumerate(issues)}
    return sorted(found, key=lambda p: (p.name.casefold(), order[p.issue]))


def stored_stances(
    store: Store,
    issues_file: str | None = None,
    gazetteer_file: str | None = None,
    likeness_kind: Kind | None = DEFAULT_LIKENESS,
) -> Iterator[tuple[str, Stance]]:
    """The stances of every stored document: those read when it was stored, or, on the
    issues of ``issues_file``, read again from each document (which parses it again)."""
    if issues_file is None:
        yield from store.stances()
        return
    # the parse, only when it is needed
    from sayso.extract.stances import find_stances, issue_matcher

    issues = load_issues(issues_file)
    gazetteer = load_gazetteer(gazetteer_file)
    matcher = issue_matcher(issues, likeness_kind)
    for doc in store.documents():
        for stance in find_stances(doc, issues, gazetteer, matcher):
            yield doc.id, stance


def _key(stance: Stance, by: By) -> str | None:
    """What a stance counts for: its party, or its actor (things that are no known actor,
    "they", "some lawmakers", never get a row)."""
    if by == "party":
        return stance.party
    if stance.holder_id is not None:
        return stance.holder_id
    return None


def _evidence(document_id: str, stance: Stance) -> Evidence:
    return Evidence(
        document_id=document_id,
        start=stance.start,
        end=stance.end,
        text=" ".join(stance.text.split()),
        side=stance.side,
        holder=stance.holder.label,
        source=stance.source,
        kind=stance.kind,
        weight=OWN_WORDS if stance.kind == "own words" else REPORTED,
        modality=stance.modality,
        condition=stance.condition.text if stance.condition else None,
    )


def _weigh(evidence: list[Evidence]) -> tuple[Verdict, float, float]:
    """The stance the statements add up to, the position (0-100), and how sure: the winning
    side's share of the weight, discounted when there is little of it."""
    for_weight = sum(e.weight for e in evidence if e.side == "for")
    total = sum(e.weight for e in evidence)
    share_for = for_weight / total
    position = round(100 * share_for, 1)
    share = max(share_for, 1 - share_for)
    amount = min(1.0, total / 2)
    if share < _DECIDED:
        return "mixed", position, round(amount * (1 - share), 2)
    side: Side = "for" if share_for > 0.5 else "against"
    winning = [e for e in evidence if e.side == side]
    verdict: Verdict = "conditional" if all(e.condition for e in winning) else side
    return verdict, position, round(share * amount, 2)
