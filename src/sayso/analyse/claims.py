"""Claims compared across sources: groups of claims about the same thing, and how each two of
a group stand to each other: they agree, they contradict each other, or they are only related.

No NLI model exists offline, so the comparison is built on what the stages extract. Two claims
are about the same thing when they share rare content words and actors (weighted by how rare
they are among the claims compared, so "Avdiivka" counts for more than "Ukraine"); an optional
sentence-embedding model (``sayso[embeddings]``) adds how close their meanings are. Within a
group a pair contradicts when the two give incompatible figures for the same quantity at the
same time, when one negates or denies what the other asserts, or when they use words of
opposite meaning; it agrees when the figures fit or the claims say nearly the same thing; and
it is related otherwise. Every label comes with the reason that decided it.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Literal, Protocol

from sayso.model import Claim, Quantity
from sayso.store import StoredClaim

Relation = Literal["agrees", "contradicts", "related"]
RELATIONS: tuple[Relation, ...] = ("agrees", "contradicts", "related")

MAX_GROUP = 12  # claims in one group; bigger ones are chains of looser and looser likeness
_MAX_SHARE = 0.05  # words in more than this share of the claims do not make two claims alike
_MIN_COMMON = 10  # but a word in this few claims always can (a small corpus, a repeated claim)
_FIGURE_TOLERANCE = 0.1  # two figures for one quantity this close, relatively, still agree

# Words (lemmas) that say opposite things of the same subject.
_OPPOSITES: tuple[tuple[str, str], ...] = (
    ("increase", "decrease"),
    ("rise", "fall"),
    ("grow", "shrink"),
    ("grow", "collapse"),
    ("growth", "collapse"),
    ("win", "lose"),
    ("victory", "defeat"),
    ("succeed", "fail"),
    ("success", "failure"),
    ("successful", "unsuccessful"),
    ("capture", "repel"),
    ("advance", "retreat"),
    ("confirm", "deny"),
    ("possible", "impossible"),
    ("accept", "reject"),
    ("agree", "refuse"),
    ("open", "close"),
    ("strengthen", "weaken"),
    ("strong", "weak"),
    ("true", "false"),
    ("legal", "illegal"),
    ("legitimate", "illegitimate"),
    ("peace", "war"),
)


class Similarities(Protocol):
    """How alike claims are, by their positions in the list compared, with the thresholds
    that fit this measure: ``group`` to put two claims in one group, ``agree`` for two claims
    with nothing opposing them to say the same thing, ``oppose`` for a negation or an antonym
    to oppose one claim to the other."""

    group: float
    agree: float
    oppose: float

    def __call__(self, i: int, j: int) -> float: ...

    def pairs(self) -> list[tuple[float, int, int]]:
        """Every pair of claims from different documents at least ``group`` alike."""
        ...


@dataclass(frozen=True)
class Link:
    """How the claim at ``second`` stands to the one at ``first`` (positions in a group)."""

    first: int
    second: int
    relation: Relation
    reason: str
    similarity: float


@dataclass
class ClaimGroup:
    """Claims from several documents about one thing, with how each two of them relate."""

    claims: list[StoredClaim]
    links: list[Link] = field(default_factory=list)
    about: list[str] = field(default_factory=list)  # the words the claims share

    def count(self, relation: str) -> int:
        return sum(link.relation == relation for link in self.links)

    def to_dict(self) -> dict[str, Any]:
        return {
            "about": self.about,
            "claims": [
                {
                    "document_id": c.document_id,
                    "title": c.title,
                    "outlet": c.outlet,
                    "date": c.date,
                    **asdict(c.claim),
                }
                for c in self.claims
            ],
            "links": [
                {
                    "first": link.first,
                    "second": link.second,
                    "relation": link.relation,
                    "reason": link.reason,
                    "similarity": round(link.similarity, 3),
                }
                for link in self.links
            ],
        }


class TermWeights:
    """How much sharing a word or an actor says about two claims: the rarer among the claims
    compared, the more (inverse document frequency, over claims)."""

    def __init__(self, claims: Sequence[Claim]) -> None:
        self.claims = len(claims)
        self.frequency: Counter[str] = Counter()
        for claim in claims:
            self.frequency.update(features(claim))

    def __call__(self, feature: str) -> float:
        return math.log((self.claims + 1) / (self.frequency[feature] + 1)) + 1.0

    def common(self, feature: str) -> bool:
        """Too frequent to tell claims apart ("say", "Ukraine" in a corpus about Ukraine)."""
        return self.frequency[feature] > max(_MIN_COMMON, _MAX_SHARE * self.claims)


def features(claim: Claim) -> set[str]:
    """What a claim is compared on: its content words and the actors it names."""
    return set(claim.terms) | {f"@{actor}" for actor in claim.actors}


def similarity(a: Claim, b: Claim, weights: TermWeights) -> float:
    """Cosine of the two claims' weighted features, counting only telling features as shared
    (what WordSimilarities computes for many claims at once): 1 when they share every word."""
    fa, fb = features(a), features(b)
    shared = sum(weights(f) ** 2 for f in fa & fb if not weights.common(f))
    if not shared:
        return 0.0
    norm_a = math.sqrt(sum(weights(f) ** 2 for f in fa))
    norm_b = math.sqrt(sum(weights(f) ** 2 for f in fb))
    return shared / (norm_a * norm_b)


def relation(
    a: Claim, b: Claim, alike: float, *, agree: float, oppose: float
) -> tuple[Relation, str]:
    """How claim ``b`` stands to claim ``a``, given how ``alike`` they are, and why; ``agree``
    and ``oppose`` are the thresholds of the similarity measure (see Similarities)."""
    if not _same_actors(a, b):
        return "related", "about different actors"
    figures = _figures_compared(a, b)
    if figures is not None:
        fits, x, y = figures
        what = x.counted or x.unit or "the same count"
        if fits:
            return "agrees", f"{x.text} and {y.text} fit, for {what}"
        if _different_times(a, b):
            return "related", f"{x.text} and {y.text} for {what}, at different times"
        if alike >= oppose:
            return "contradicts", f"{x.text} against {y.text}, for {what}"
    if alike >= oppose and set(a.terms) & set(b.terms):  # a shared word, not only a name
        opposite = _opposite_words(a, b)
        if opposite is not None:
            return "contradicts", f"“{opposite[0]}” against “{opposite[1]}”"
        if bool(a.negations) != bool(b.negations):
            negated = a if a.negations else b
            return "contradicts", f"one says “{negated.negations[0].text}” to what the other says"
    if alike >= agree:
        return "agrees", f"they say much the same ({alike:.0%} alike)"
    return "related", f"about the same thing ({alike:.0%} alike)"


def group_claims(
    claims: Sequence[StoredClaim], similarities: Similarities | None = None
) -> list[ClaimGroup]:
    """Claims from different documents about the same thing, grouped, with every two claims of
    a group from different documents labelled. ``similarities`` replaces the word-based
    measure (with an embedding model's, for instance). Groups with a contradiction come
    first, then those spanning more documents."""
    weights = TermWeights([c.claim for c in claims])
    alike = similarities or WordSimilarities(claims, weights)
    pairs = sorted(alike.pairs(), reverse=True)
    found = []
    for members in _joined(len(claims), [(i, j) for _, i, j in pairs]):
        group = ClaimGroup([claims[i] for i in members])
        for first, second in _cross_document(members, claims):
            score = alike(members[first], members[second])
            label, reason = relation(
                group.claims[first].claim,
                group.claims[second].claim,
                score,
                agree=alike.agree,
                oppose=alike.oppose,
            )
            group.links.append(Link(first, second, label, reason, score))
        group.about = _shared_words(group, weights)
        found.append(group)
    found.sort(
        key=lambda g: (
            -min(1, g.count("contradicts")),
            -len({c.document_id for c in g.claims}),
            -len(g.claims),
        )
    )
    return found


def matching(
    groups: list[ClaimGroup], label: str | None = None, text: str | None = None
) -> list[ClaimGroup]:
    """The groups with a pair labelled ``label`` and a claim that holds ``text``, if given."""
    words = (text or "").strip().casefold()
    return [
        g
        for g in groups
        if (label is None or g.count(label))
        and (not words or any(words in c.claim.text.casefold() for c in g.claims))
    ]


class WordSimilarities:
    """``similarity`` of every two claims from different documents that share a telling
    feature, summed feature by feature rather than pair by pair (thresholds tuned on the
    development half of the gold pairs)."""

    group = 0.25
    agree = 0.25
    oppose = 0.1

    def __init__(self, claims: Sequence[StoredClaim], weights: TermWeights) -> None:
        holding: dict[str, list[int]] = defaultdict(list)
        norms = []
        for i, stored in enumerate(claims):
            found = features(stored.claim)
            norms.append(math.sqrt(sum(weights(f) ** 2 for f in found)) or 1.0)
            for feature in found:
                if not weights.common(feature):
                    holding[feature].append(i)
        dots: dict[tuple[int, int], float] = defaultdict(float)
        for feature, members in holding.items():
            weight = weights(feature) ** 2
            for x, i in enumerate(members):
                document = claims[i].document_id
                for j in members[x + 1 :]:
                    if claims[j].document_id != document:
                        dots[(i, j)] += weight
        self.scores = {pair: dot / (norms[pair[0]] * norms[pair[1]]) for pair, dot in dots.items()}

    def __call__(self, i: int, j: int) -> float:
        return self.scores.get((min(i, j), max(i, j)), 0.0)

    def pairs(self) -> list[tuple[float, int, int]]:
        return [(score, i, j) for (i, j), score in self.scores.items() if score >= self.group]


def _joined(count: int, pairs: list[tuple[int, int]]) -> list[list[int]]:
    """Groups made by joining the most alike pairs first, never past MAX_GROUP claims."""
    group_of = list(range(count))
    members: dict[int, list[int]] = {i: [i] for i in range(count)}
    for i, j in pairs:
        gi, gj = group_of[i], group_of[j]
        if gi == gj or len(members[gi]) + len(members[gj]) > MAX_GROUP:
            continue
        for k in members[gj]:
            group_of[k] = gi
        members[gi].extend(members.pop(gj))
    return [sorted(m) for m in members.values() if len(m) > 1]


def _cross_document(members: list[int], claims: Sequence[StoredClaim]) -> list[tuple[int, int]]:
    return [
        (x, y)
        for x in range(len(members))
        for y in range(x + 1, len(members))
        if claims[members[x]].document_id != claims[members[y]].document_id
    ]


def _shared_words(group: ClaimGroup, weights: TermWeights) -> list[str]:
    """The words most claims of the group use, rarest first among equals: what it is about."""
    counts: Counter[str] = Counter()
    for sourced in group.claims:
        counts.update(set(sourced.claim.terms))
    shared = [term for term, n in counts.items() if n > 1]
    shared.sort(key=lambda t: (-counts[t], -weights(t), t))
    return shared[:5]


def _figures_compared(a: Claim, b: Claim) -> tuple[bool, Quantity, Quantity] | None:
    """Two figures the claims give for one quantity, and whether they fit (their ranges,
    widened by their qualifiers, overlap); a fitting pair is preferred. Two sums in one
    currency that fit are taken for the same sum even when they are described differently
    ("$95bn in wartime aid", "a $95 billion war aid measure"): equal sums are seldom chance."""
    differing = None
    for x in a.figures:
        for y in b.figures:
            if x.value is None or y.value is None or x.unit != y.unit:
                continue  # not the same kind of quantity
            same = _same_quantity(x, y)
            if _fit(x, y) and (same or _same_sum(x, y)):
                return True, x, y
            if same:
                differing = differing or (False, x, y)
    return differing


def _same_sum(x: Quantity, y: Quantity) -> bool:
    """Exactly the same sum of money, stated without a qualifier by both."""
    currency = x.unit is not None and len(x.unit) == 3 and x.unit.isupper()
    return (
        currency
        and (x.value, x.high) == (y.value, y.high)
        and x.qualifier is None
        and y.qualifier is None
    )


def _same_quantity(x: Quantity, y: Quantity) -> bool:
    """Of one unit (checked by the caller), and what they count has the same head word
    ("Russian troops", "troops on the border"); "Ukraine's grain" is not "grain storage
    capacity"."""
    if x.counted is None or y.counted is None:
        return x.unit is not None and x.counted is None and y.counted is None
    return _head_word(x.counted) == _head_word(y.counted)


def _head_word(counted: str) -> str:
    """The noun a counted phrase is about: the last word before "of", "in", "per" and the like
    ("rounds of ammunition" → "round")."""
    words = re.split(r"\s+(?:of|in|per|every|a|an|for|from|to|on|at|near)\s+", counted.lower())[0]
    return words.split()[-1].rstrip("s") if words.split() else ""


def _bounds(figure: Quantity) -> tuple[float, float]:
    """The values a figure allows: "more than 130,000" has no top, "up to 5" no bottom."""
    low = figure.value or 0.0
    high = figure.high if figure.high is not None else low
    low, high = low * (1 - _FIGURE_TOLERANCE), high * (1 + _FIGURE_TOLERANCE)
    if figure.qualifier in {"more than", "at least"}:
        high = math.inf
    if figure.qualifier in {"less than", "up to", "at most"}:
        low = 0.0
    return low, high


def _fit(x: Quantity, y: Quantity) -> bool:
    low_x, high_x = _bounds(x)
    low_y, high_y = _bounds(y)
    return low_x <= high_y and low_y <= high_x


def _different_times(a: Claim, b: Claim) -> bool:
    """Both claims are dated, and no date of one falls in the period of a date of the other."""
    days_a = [d.value for d in a.dates if d.value]
    days_b = [d.value for d in b.dates if d.value]
    if not days_a or not days_b:
        return False
    return not any(x.startswith(y) or y.startswith(x) for x in days_a for y in days_b)


def _same_actors(a: Claim, b: Claim) -> bool:
    """Whether the claims can be about the same actors: they name one in common, or one of
    them names none ("BRICS expanded" and "NATO would not expand" are not)."""
    return not a.actors or not b.actors or bool(set(a.actors) & set(b.actors))


def _opposite_words(a: Claim, b: Claim) -> tuple[str, str] | None:
    terms_a, terms_b = set(a.terms), set(b.terms)
    for x, y in _OPPOSITES:
        for one, other in ((x, y), (y, x)):
            if one in terms_a and other in terms_b and other not in terms_a and one not in terms_b:
                return one, other
    return None
