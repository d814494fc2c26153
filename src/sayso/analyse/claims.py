"""Claims compared across sources: groups of claims about the same thing, and how each two of
a group stand to each other: they agree, they contradict each other, or they are only related.

No NLI model exists offline, so the comparison is built on what the stages extract: first
on what each claim asserts (its propositions, ``extract/propositions.py``): one subject, and
the same sense (``_SENSES``) affirmed by one and denied by the other, or opposite poles of
it, contradict; claims so opposed are paired however few words they share. Otherwise two
claims are about the same thing when they share rare content words and actors (weighted by
how rare they are among the claims compared, so "Avdiivka" counts for more than "Ukraine");
an optional sentence-embedding model (``sayso[embeddings]``) adds how close their meanings
are. Within a group a pair also contradicts when the two give incompatible figures for the
same measured quantity at one time; it agrees when the figures fit or the claims say nearly
the same thing, neither negating what the other does not; and it is related otherwise.
Every label comes with the reason that decided it.
"""

from __future__ import annotations

import math
import re
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain
from typing import Any, Literal, Protocol

import numpy as np
from scipy import sparse
from typing_extensions import TypedDict

from sayso.isodate import day_number
from sayso.model import Claim, Proposition, Quantity
from sayso.store import StoredClaim
from sayso.text.words import DESCRIBED, FORCES

Relation = Literal["agrees", "contradicts", "related"]
RELATIONS: tuple[Relation, ...] = ("agrees", "contradicts", "related")

MAX_GROUP = 12  # claims in one group; bigger ones are chains of looser and looser likeness
MAX_PAIRS = MAX_GROUP  # the most alike claims of each claim that may join it in a group
MAX_HOLDERS = 500  # claims a feature may be held by and still make pairs by itself
_BLOCK_ROWS = 256  # claims whose similarities to all others are computed at once
_MAX_SHARE = 0.05  # words in more than this share of the claims do not make two claims alike
_MIN_COMMON = 10  # but a word in this few claims always can (a small corpus, a repeated claim)
_ADDED = frozenset({"additional", "another", "more", "extra", "new", "further"})
_FIGURE_TOLERANCE = 0.1  # two figures for one quantity this close, relatively, still agree
_SAME_TIME_DAYS = 14  # figures of documents published this close may be of one time
_NO_DATE = 100_000  # days apart of two claims one of which has no date: after any dated pair

# What claims say of a subject, by sense: the words (lemmas) of one pole of a sense say the
# same thing, and those of its other pole the opposite ("stalemate" and "deadlock"; "advance"
# against "rout"; Russian troops "amassed" against "withdrawn"). A word may have several senses.
_WAR = "war, conflict, fighting, hostility"
_INVADING = "invade, invasion, aggression, attack, operation, offensive, assault, bombard, strike"
_KILLING = "kill, killing, torture, massacre, atrocity, crime, genocide, exterminate"
_DEPLOYING = "amass, gather, deploy, mass, reinforce, build up, increase"
_WITHDRAWING = "withdraw, withdrawal, pull back, pull out, reduce"
_SENSES: tuple[tuple[frozenset[str], frozenset[str]], ...] = tuple(
    (frozenset(one.split(", ")), frozenset(other.split(", ")) - {""})
    for one, other in (
        (_WAR, ""),
        ("stalemate, deadlock, impasse, standstill", ""),
        ("negotiate, negotiation, dialogue, diplomacy, ready, willing", ""),
        (_INVADING, ""),
        (_KILLING, ""),
        (
            "advance, progress, gain, take territory, take ground, take control, retake, "
            "capture, recapture, liberate, push, momentum, win, victory, succeed, success, "
            "successful, repel",
            "rout, collapse, retreat, defeat, failure, fail, lose, unsuccessful",
        ),
        (_DEPLOYING, _WITHDRAWING),
        ("increase, rise, grow, growth", "reduce, decrease, fall, shrink, collapse"),
        ("confirm, admit, acknowledge", "deny, denial"),
        ("decide, decision", ""),
        ("blame, culpability, guilt, fault, responsibility, responsible, guilty", "innocent"),
        ("provoke, trigger, unleash, instigate", ""),
        ("possible", "impossible"),
        ("accept, agree", "reject, refuse"),
        ("open", "close"),
        ("strengthen, strong", "weaken, weak"),
        ("true", "false"),
        ("legal, legitimate", "illegal, illegitimate"),
    )
)


def _word_poles() -> dict[str, frozenset[tuple[int, int]]]:
    """For each word of a sense, the senses and poles (0, 1) it is in."""
    found: dict[str, set[tuple[int, int]]] = {}
    for sense, poles in enumerate(_SENSES):
        for pole, words in enumerate(poles):
            for word in words:
                found.setdefault(word, set()).add((sense, pole))
    return {word: frozenset(at) for word, at in found.items()}


_POLES = _word_poles()
# The war itself: said with no one waging it ("there will be no war", "the war could grind
# on"), it is the war every report is about, not a claim about who wages which.
_AMBIENT = frozenset(_WAR.split(", ")) | {"aggression"}  # "Russia's aggression": the war
# Deeds done to a target, which reports name in many ways ("attack Ukraine", "bombard
# Ukrainian forces"): what they are done to does not tell two claims apart.
_ATTACKS = frozenset(_INVADING.split(", "))
_AIMED = _ATTACKS | frozenset(_KILLING.split(", "))
# What is said of the whole war, true or false whenever it is said: a stalemate, crimes
# (denied before, done after), blame, what is legal, true or possible. Anything
# else ("ready to negotiate", "troops massed", "agreed to send tanks") happens at a time:
# claims that say it oppose only in reports of the same weeks (ready to talk in 2023 is not
# ready in 2022).
_TIMELESS = frozenset(
    word
    for one, other in _SENSES
    if one
    & {"stalemate", "crime", "blame", "provoke", "legal", "true", "possible", "confirm", "war"}
    for word in one | other
)
# The words of troop movements: "deploy" and "withdraw" oppose only said of forces ("the
# United States withdrew [from talks]" moves no troops).
_MOVING = frozenset((_DEPLOYING + ", " + _WITHDRAWING).split(", ")) - {"increase", "reduce"}

# Predicates that say too little to oppose anything: "does not have", "is".
_EMPTY = frozenset({"be", "have", "do", "make", "get", "say", "reason", "way", "thing"})

# Words that point to someone named elsewhere: as subjects, by themselves, they name no one.
_POINTING = frozenset(
    """i we you he she it they this that these those one who which my our your his her its
    their""".split()
)
# Modals that say what ought to be, not what is: "must be stopped" is not "is stopped".
_OUGHT = frozenset({"must", "should", "ought"})

# Modals that only say a thing may be: what a claim with one denies ("may not") is not denied.
_MAYBE = frozenset({"may", "might", "could"})
# And those of what can be: "Russia can lose" opposes no report of a Russian gain.
_ABLE = _MAYBE | {"can"}


class Similarities(Protocol):
    """How alike claims are, by their positions in the list compared, with the thresholds
    that fit this measure: ``group`` to put two claims in one group, ``agree`` for two claims
    with nothing opposing them to say the same thing, ``oppose`` for a negation or an antonym
    to oppose one claim to the other."""

    group: float
    agree: float
    oppose: float

    def __call__(self, i: int, j: int) -> float: ...

    def pairs(self) -> Iterable[tuple[int, int]]:
        """Pairs of claims from different documents at least ``group`` alike (for each claim,
        its most alike ones at least), the most alike first."""
        ...


@dataclass(frozen=True)
class Link:
    """How the claim at ``second`` stands to the one at ``first`` (positions in a group)."""

    first: int
    second: int
    relation: Relation
    reason: str
    similarity: float


class LinkRecord(TypedDict):
    """How two claims of a group relate, as every list gives it: by their places in the
    group's ``claims``."""

    first: int
    second: int
    relation: Relation
    reason: str
    similarity: float


class ClaimGroupRecord(TypedDict):
    """A group of claims as every list gives it (command line, API)."""

    title: str
    about: list[str]
    claims: list[dict[str, Any]]  # each a StoredClaim.to_dict()
    links: list[LinkRecord]


@dataclass(frozen=True)
class ClaimGroup:
    """Claims from several documents about one thing, with how each two of them relate."""

    claims: list[StoredClaim]
    links: list[Link] = field(default_factory=list)
    about: list[str] = field(default_factory=list)  # the words the claims share
    title: str = ""  # what they assert, where they share it ("war: stalemate"), else ``about``
    # how many links of each relation, and the claims' text in one, to filter groups fast
    relations: Counter[str] = field(init=False, repr=False, compare=False)
    folded: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "relations", Counter(link.relation for link in self.links))
        object.__setattr__(self, "folded", "\n".join(c.claim.text.casefold() for c in self.claims))

    def count(self, relation: str) -> int:
        return self.relations[relation]

    def to_dict(self) -> ClaimGroupRecord:
        return {
            "title": self.title,
            "about": self.about,
            "claims": [c.to_dict() for c in self.claims],
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
    a: Claim,
    b: Claim,
    alike: float,
    *,
    agree: float,
    oppose: float,
    published: tuple[str | None, str | None] = (None, None),
) -> tuple[Relation, str]:
    """How claim ``b`` stands to claim ``a``, given how ``alike`` they are, and why; ``agree``
    and ``oppose`` are the thresholds of the similarity measure (see Similarities);
    ``published``, the dates of the two claims' documents, times figures that give none."""
    contradiction = _propositions_opposed(a, b, alike >= oppose, published)
    if contradiction is not None:
        if _different_times(a, b):
            return "related", f"{contradiction}, at different times"
        return "contradicts", contradiction
    if not _same_actors(a, b):
        return "related", "about different actors"
    figures = _figures_compared(a, b)
    if figures is not None:
        fits, x, y = figures
        what = x.counted or x.unit or "the same count"
        if fits:
            return "agrees", f"{x.text} and {y.text} fit, for {what}"
        if _different_times(a, b) or not _same_time(a, b, published):
            return "related", f"{x.text} and {y.text} for {what}, not at one time"
        if _added(x, a) or _added(y, b):
            return "related", f"{x.text} and {y.text} for {what}, one of them an addition"
        if alike >= oppose:
            return "contradicts", f"{x.text} against {y.text}, for {what}"
    if alike >= agree and bool(a.negations) != bool(b.negations):
        negated = (a if a.negations else b).negations[0].text
        return "related", f"alike ({alike:.0%}), but one says “{negated}” where the other does not"
    apart = _figures_apart(a, b)
    if alike >= agree and apart is not None:
        return "related", f"alike ({alike:.0%}), but {apart[0].text} and {apart[1].text} differ"
    if alike >= agree:
        return "agrees", f"they say much the same ({alike:.0%} alike)"
    return "related", f"about the same thing ({alike:.0%} alike)"


def _propositions_opposed(
    a: Claim, b: Claim, alike: bool, published: tuple[str | None, str | None] = (None, None)
) -> str | None:
    """How what the two claims assert is opposed, if it is: the same predicate of one subject
    affirmed by one and denied by the other ("the conflict: not stalemate against
    stalemate"), or opposite predicates of one subject; None where nothing is, or where one
    only says a thing may be. A subject that names no actor ("the conflict", "they") may be
    the other's where the claims are ``alike`` enough."""
    near = _same_time(a, b, published)
    for p in a.propositions:
        for q in b.propositions:
            hedged = any(x.modality in _MAYBE and x.polarity < 0 for x in (p, q)) or any(
                x.modality in _OUGHT or _supposed(x) for x in (p, q)
            )
            said = {p.predicate, q.predicate}
            empty = bool(said & _EMPTY)
            if hedged or empty or not _same_subject(p, q, alike, near):
                continue
            if any(x.nominal and x.predicate in _AMBIENT for x in (p, q)):
                continue  # "Russia's war … poses a challenge" talks of the war, says nothing of it
            if any(x.nominal and x.predicate not in _POLES for x in (p, q)):
                continue  # "the man [of Putin]" says no more of Putin than that he has one
            if not _objects_fit(p, q, a, b):
                continue  # "Putin agreed to continue talks" against "Putin rejected this path"
            if not near and not _timeless(p, q, published):
                continue  # ready to talk in 2023, not in 2022; troops massed, then withdrawn
            if said & _MOVING and not all(_of_forces(x) for x in (a, b)):
                continue  # "the United States withdrew from talks" moves no troops
            if not alike and not said <= _POLES.keys():
                continue  # "uses energy", "does not use social networks": more than a verb
            same = _same_word(p.predicate, q.predicate) and p.polarity != q.polarity
            opposite = _opposite(p.predicate, q.predicate) and p.polarity == q.polarity
            able = any(x.modality in _ABLE for x in (p, q))
            other_word = len(said) > 1 and not said <= _TIMELESS | _ATTACKS
            if able and (opposite or other_word):
                continue  # "Russia can lose", "cannot win" against "Russian troops captured …"
            if same or opposite:
                return f"{p.subject or 'it'}: {_said(p)} against {_said(q)}"
    return None


def _objects_fit(p: Proposition, q: Proposition, a: Claim, b: Claim) -> bool:
    """Whether what the two propositions' verbs do can be one thing: neither says what, they
    are one word or of one sense, the other claim names it ("rejected [talks]" and "agreed to
    continue the talks"), or it is the target of an attack. One verb with an object and one
    without do different things ("lost [influence]" is not "lost"); who is killed tells
    killings apart ("[generals] were killed", "killed [civilians]")."""
    if p.predicate in _ATTACKS or q.predicate in _ATTACKS:
        return True  # "attacked Kyiv", "bombarded Ukrainian forces": one war's attacks
    if p.object is None and q.object is None:
        return True
    if p.object is None or q.object is None:  # the one object, named by the other claim
        return p.object in b.terms if p.object is not None else q.object in a.terms
    return _same_word(p.object, q.object) or p.object in b.terms or q.object in a.terms


def _timeless(p: Proposition, q: Proposition, published: tuple[str | None, str | None]) -> bool:
    """Whether the two may oppose whenever they were said: both are said of the whole war
    (``_TIMELESS``), or an attack denied is reported done later ("Russia denies planning to
    invade", then "Putin announced a special military operation"; not the other way round,
    an offensive of 2022 against "we do not expect Ukraine to launch offensives" in 2024, nor
    where the later claim only names the attack in passing: "Russia's invasion has driven a
    wedge between …")."""
    said = {p.predicate, q.predicate}
    if said <= _TIMELESS:
        return True
    if not said <= _ATTACKS or p.polarity == q.polarity:
        return False
    reported = q if p.polarity < 0 else p
    if reported.nominal:
        return False  # "Russia's invasion" named in passing in 2023 reports no deed of its own
    denied, done = (published[0], published[1]) if p.polarity < 0 else (published[1], published[0])
    return denied is None or done is None or denied <= done


def _of_forces(claim: Claim) -> bool:
    """Whether the claim speaks of an armed force: "[troops] were withdrawn", "withdrew some
    of the [troops]"."""
    said = {word for p in claim.propositions for word in (p.subject, p.object) if word}
    return bool(FORCES & (said | set(claim.terms)))


def _supposed(proposition: Proposition) -> bool:
    """Whether the proposition is said of a world that is not, or may not be: "would never
    have occurred", "will not rise if they do not play by the rules"."""
    modality = proposition.modality or ""
    return modality == "if" or modality.endswith(" have")


def _said(proposition: Proposition) -> str:
    return proposition.predicate if proposition.polarity > 0 else f"not {proposition.predicate}"


def _same_subject(p: Proposition, q: Proposition, alike: bool, near: bool) -> bool:
    """One actor, or subjects of the same meaning (words that name no actor only in claims
    alike enough); or, for claims alike enough, a side described and any other; or an attack
    whose doer is unsaid in claims of the same weeks (``near``), and any other event whose
    doer is unsaid in claims alike."""
    if p.actor is not None and q.actor is not None:
        return p.actor == q.actor
    if p.subject in _POINTING or q.subject in _POINTING:
        return False  # "he" in one report and "he" in another are anyone
    if p.subject is None or q.subject is None:
        # an attack whose doer is not said ("an invasion could begin") may be anyone's, in a
        # claim of the same weeks (``near``: an attack awaited in 2022 is not one denied in
        # 2024); any other event ("the collapse of Ukraine has begun", "there will be no
        # war") is the other's only in claims alike
        said = {p.predicate, q.predicate}
        aimed = near and said <= _AIMED
        return (aimed or alike) and said <= _POLES.keys()
    if _same_word(p.subject, q.subject):
        # "troops" in one report and "troops" in another may be any troops: only in claims
        # alike (the war is the war)
        return alike or p.actor is not None or q.actor is not None or p.subject in _POLES
    # a side described, not named, may be another's ("the opposing side", Ukraine) in claims
    # alike, but not the doer of an attack: two attacks by two are two
    aimed = p.predicate in _AIMED or q.predicate in _AIMED
    described = (p.actor is None and p.subject in DESCRIBED) or (
        q.actor is None and q.subject in DESCRIBED
    )
    return alike and described and not aimed


def _same_word(x: str, y: str) -> bool:
    return x == y or bool(_POLES.get(x, frozenset()) & _POLES.get(y, frozenset()))


def _opposite(x: str, y: str) -> bool:
    return any(
        (sense, 1 - pole) in _POLES.get(y, frozenset())
        for sense, pole in _POLES.get(x, frozenset())
    )


def group_claims(
    claims: Sequence[StoredClaim], similarities: Similarities | None = None
) -> list[ClaimGroup]:
    """Claims from different sources about the same thing, grouped, with every two claims of
    a group from different documents labelled, and two of one document held by different
    people linked where they contradict each other (officials against the adviser in one
    report). ``similarities`` replaces the word-based measure (with an embedding model's,
    for instance). Claims whose propositions oppose are paired first, however few words
    they share; then the most alike. Groups with a contradiction come first, then those
    spanning more documents."""
    weights = TermWeights([c.claim for c in claims])
    alike = similarities or WordSimilarities(claims, weights)
    found = []
    for members in _joined(len(claims), chain(_opposed_pairs(claims), alike.pairs())):
        grouped = [claims[i] for i in members]
        links = []
        for first, second in _other_sources(grouped):
            score = alike(members[first], members[second])
            label, reason = relation(
                grouped[first].claim,
                grouped[second].claim,
                score,
                agree=alike.agree,
                oppose=alike.oppose,
                published=(grouped[first].date, grouped[second].date),
            )
            if label == "contradicts" or grouped[first].document_id != grouped[second].document_id:
                links.append(Link(first, second, label, reason, score))
        about = _shared_words(grouped, weights)
        found.append(ClaimGroup(grouped, links, about, _title(grouped, about)))
    found.sort(
        key=lambda g: (
            -min(1, g.count("contradicts")),
            -len({c.document_id for c in g.claims}),
            -len(g.claims),
        )
    )
    return found


def matching(
    groups: list[ClaimGroup],
    label: str | None = None,
    text: str | None = None,
    actor: tuple[set[str], str] | None = None,
) -> list[ClaimGroup]:
    """The groups with a pair labelled ``label``, a claim that holds ``text``, and a claim
    about or held by ``actor`` (its ids, and a name its holder's may hold), those given."""
    words = (text or "").strip().casefold()
    return [
        g
        for g in groups
        if (label is None or g.count(label))
        and (not words or words in g.folded)
        and (actor is None or any(_names(c.claim, *actor) for c in g.claims))
    ]


def _names(claim: Claim, actor_ids: set[str], name: str) -> bool:
    """Whether ``claim`` names one of ``actor_ids`` or is held by someone called ``name``."""
    held = (claim.holder or "").casefold()
    return bool(actor_ids.intersection(claim.actors)) or (bool(name) and name.casefold() in held)


class WordSimilarities:
    """``similarity`` of claims from different documents that share a telling feature (the
    thresholds tuned on the development half of the gold pairs).

    The claims are rows of a sparse matrix of their weighted features, each row of length 1,
    so that the product of the matrix with its transpose holds every similarity. It is made a
    block of claims at a time, and each claim keeps only its ``MAX_PAIRS`` most alike at least
    ``group`` alike, so memory grows with the number of claims, not of pairs. The pairs are
    those that share a feature held by at most ``MAX_HOLDERS`` claims (in a corpus of fewer
    than 20 times as many claims, every telling feature); the other features they share count
    in their likeness too, but do not make pairs by themselves: that would cost as much as all
    the pairs."""

    group = 0.25
    agree = 0.25
    oppose = 0.1

    def __init__(self, claims: Sequence[StoredClaim], weights: TermWeights) -> None:
        self.weights = weights
        self.norms: list[float] = []
        self.telling: list[frozenset[str]] = []
        for stored in claims:
            found = features(stored.claim)
            self.norms.append(math.sqrt(sum(weights(f) ** 2 for f in found)) or 1.0)
            self.telling.append(frozenset(f for f in found if not weights.common(f)))
        pairing = self._matrix(lambda f: weights.frequency[f] <= MAX_HOLDERS)
        rest = self._matrix(lambda f: weights.frequency[f] > MAX_HOLDERS)
        numbered: dict[str, int] = {}
        documents = np.array(
            [numbered.setdefault(c.document_id, len(numbered)) for c in claims], dtype=np.int64
        )
        transposed = pairing.T.tocsr()
        kept: list[tuple[Any, Any, Any]] = []
        for top in range(0, len(claims), _BLOCK_ROWS):
            block = (pairing[top : top + _BLOCK_ROWS] @ transposed).tocoo()
            i, j, alike = block.row.astype(np.int64) + top, block.col.astype(np.int64), block.data
            keep = (j > i) & (documents[j] != documents[i])
            i, j, alike = i[keep], j[keep], alike[keep]
            alike = alike + np.asarray(rest[i].multiply(rest[j]).sum(axis=1)).ravel()
            keep = alike >= self.group - 1e-9
            i, j, alike = i[keep], j[keep], alike[keep]
            order = np.lexsort((j, -alike, i))  # by claim, the most alike first
            i, j, alike = i[order], j[order], alike[order]
            best = np.arange(len(i)) - np.searchsorted(i, i) < MAX_PAIRS
            kept.append((i[best], j[best], alike[best]))
        self.rows, self.partners, self.scores = (
            np.concatenate([k[n] for k in kept]) if kept else np.zeros(0) for n in range(3)
        )

    def _matrix(self, wanted: Callable[[str], bool]) -> Any:
        """The claims' ``wanted`` telling features, weighted, each row divided by the norm of
        all the claim's features."""
        columns: dict[str, int] = {}
        indptr, indices, values = array("q", [0]), array("q"), array("d")
        for norm, telling in zip(self.norms, self.telling, strict=True):
            for feature in telling:
                if wanted(feature):
                    indices.append(columns.setdefault(feature, len(columns)))
                    values.append(self.weights(feature) / norm)
            indptr.append(len(indices))
        return sparse.csr_matrix(
            (
                np.frombuffer(values),
                np.frombuffer(indices, dtype=np.int64),
                np.frombuffer(indptr, dtype=np.int64),
            ),
            shape=(len(self.norms), max(len(columns), 1)),
        )

    def __call__(self, i: int, j: int) -> float:
        shared = sum(self.weights(f) ** 2 for f in self.telling[i] & self.telling[j])
        return shared / (self.norms[i] * self.norms[j])

    def pairs(self) -> Iterator[tuple[int, int]]:
        """Most alike first, then in claim order."""
        for k in np.lexsort((self.partners, self.rows, -self.scores)).tolist():
            yield int(self.rows[k]), int(self.partners[k])


_Sides = dict[Any, tuple[set[int], set[int]]]  # a key's claims against and for its sense


def _opposed_pairs(claims: Sequence[StoredClaim]) -> list[tuple[int, int]]:
    """Pairs of claims from different sources whose propositions oppose ("the war has
    reached a stalemate", "we do not assess that the conflict is a stalemate"). Only claims
    that share a subject (its actor, else its word) and a predicate's sense, taking its two
    sides, can; or, where one says an attack happened without saying whose, any claim of
    that sense ("an invasion could begin", "Russia will not invade"). So they are looked for
    among those; a key held by more than ``MAX_HOLDERS`` claims a side is too common to pair
    claims by. Pairs of one subject come first: a group holds at most MAX_GROUP claims, and
    events of no one's are the looser match; among each, the pairs of claims closest in
    time, so that a claim joins the group of its own weeks."""
    sides: _Sides = {}  # by (subject, sense)
    attacks: _Sides = {}  # by sense, whatever the subject
    events: list[tuple[int, str, str, int]] = []  # doer unsaid: claim, predicate, sense, side
    for i, stored in enumerate(claims):
        for proposition in stored.claim.propositions:
            for subject, sense, side in _cores(proposition):
                sides.setdefault((subject, sense), (set(), set()))[side > 0].add(i)
                if proposition.predicate in _AIMED:
                    attacks.setdefault(sense, (set(), set()))[side > 0].add(i)
                if subject == "*":
                    events.append((i, proposition.predicate, sense, side))
    of_subject: set[tuple[int, int]] = set()
    for (subject, _), (against, for_) in sides.items():
        if subject != "*":
            of_subject.update(_across(against, for_))
    of_event: set[tuple[int, int]] = set()
    for i, predicate, sense, side in events:
        opposite = 0 if side > 0 else 1
        if predicate in _AIMED:
            of_event.update(_across({i}, attacks[sense][opposite]))
    days = [day_number(stored.date) for stored in claims]

    def apart(pair: tuple[int, int]) -> tuple[int, int, int]:
        """Claims of the same days first: the group a claim joins is that of its own time."""
        first, second = days[pair[0]], days[pair[1]]
        gap = abs(first - second) if first is not None and second is not None else _NO_DATE
        return gap, *pair

    return [
        (i, j)
        for candidates in (of_subject, of_event - of_subject)
        for i, j in sorted(candidates, key=apart)
        if _different_sources(claims[i], claims[j])
        and _propositions_opposed(
            claims[i].claim, claims[j].claim, False, (claims[i].date, claims[j].date)
        )
        is not None
    ]


def _across(these: set[int], those: set[int]) -> set[tuple[int, int]]:
    """Every pair of one of ``these`` and one of ``those``, lower position first (none where
    either side is held by more than MAX_HOLDERS)."""
    if len(these) > MAX_HOLDERS or len(those) > MAX_HOLDERS:
        return set()
    return {(min(i, j), max(i, j)) for i in these for j in those if i != j}


def _cores(proposition: Proposition) -> set[tuple[str, str, int]]:
    """What a proposition is looked up by: each of its subjects with each sense of its
    predicate and the side of that sense it takes (its pole, turned round where it is
    denied). A predicate of no sense opposes only in claims alike in words, so it has none."""
    return {
        (subject, str(sense), (1 if pole == 0 else -1) * proposition.polarity)
        for subject in _subjects(proposition)
        for sense, pole in _POLES.get(proposition.predicate, ())
    }


def _subjects(proposition: Proposition) -> set[str]:
    """Its subject's actor, and its word's senses or the word; "*" for an event whose doer is
    unsaid; none for a pronoun."""
    subject = proposition.subject
    subjects = _senses(subject) if subject is not None and subject not in _POINTING else set()
    if subject is None:
        subjects.add("*")
    if proposition.actor is not None:
        subjects.add(proposition.actor)
    return subjects


def _senses(word: str) -> set[str]:
    """The senses a word has (by number), else the word itself."""
    return {str(sense) for sense, _ in _POLES.get(word, ())} or {word}


def _joined(count: int, pairs: Iterable[tuple[int, int]]) -> list[list[int]]:
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


def _other_sources(claims: Sequence[StoredClaim]) -> list[tuple[int, int]]:
    """The pairs of ``claims`` (positions) from different sources: different documents, or
    one document's claims held by different people."""
    return [
        (x, y)
        for x in range(len(claims))
        for y in range(x + 1, len(claims))
        if _different_sources(claims[x], claims[y])
    ]


def _different_sources(x: StoredClaim, y: StoredClaim) -> bool:
    return x.document_id != y.document_id or (
        x.claim.holder is not None
        and y.claim.holder is not None
        and x.claim.holder != y.claim.holder
    )


def _title(claims: list[StoredClaim], about: list[str]) -> str:
    """What a group's claims assert, where two or more share a proposition's core (its
    subject and the sense of its predicate, whichever side they take): "war: stalemate" for
    "the war has reached a stalemate" and "the conflict is not a stalemate"; else the words
    they share."""
    holders: Counter[tuple[str, str]] = Counter()
    first: dict[tuple[str, str], Proposition] = {}
    for stored in claims:
        cores: set[tuple[str, str]] = set()
        for proposition in stored.claim.propositions:
            if proposition.predicate in _EMPTY:
                continue
            said = {(x, y) for x in _subjects(proposition) for y in _senses(proposition.predicate)}
            for core in said - cores:
                first.setdefault(core, proposition)
                cores.add(core)
        holders.update(cores)
    shared = sorted((-n, core) for core, n in holders.items() if n > 1 and core[0] != "*")
    if not shared:
        return ", ".join(about)
    proposition = first[shared[0][1]]
    return f"{proposition.actor or proposition.subject or 'it'}: {proposition.predicate}"


def _shared_words(claims: list[StoredClaim], weights: TermWeights) -> list[str]:
    """The words most claims of a group use, rarest first among equals: what it is about."""
    counts: Counter[str] = Counter()
    for sourced in claims:
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


def _figures_apart(a: Claim, b: Claim) -> tuple[Quantity, Quantity] | None:
    """Two figures of one unit, one from each claim, that do not fit, where none of the
    claims' figures fit: "5.7 million who fled" and "more than six million people have fled"
    may be alike in words, but are not the same."""
    pairs = [
        (x, y)
        for x in a.figures
        for y in b.figures
        if x.value is not None and y.value is not None and x.unit == y.unit
    ]
    if not pairs or any(_fit(x, y) for x, y in pairs):
        return None
    return pairs[0]


def _added(figure: Quantity, claim: Claim) -> bool:
    """Whether the figure counts what was added ("an additional 30,000 troops", "3,000 more
    troops"), not how many there are: it cannot contradict a total."""
    before = claim.text[: max(0, figure.start - claim.start)].split()[-1:]
    counted = (figure.counted or "").split()[:1]
    return any(word.casefold() in _ADDED for word in before + counted)


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
        return False  # "$26bn" and "$61bn" may be for anything
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


def _same_time(a: Claim, b: Claim, published: tuple[str | None, str | None]) -> bool:
    """Whether two figures may be of one time: both claims are dated (and, checked by the
    caller, their dates meet), or their documents were published within
    ``_SAME_TIME_DAYS`` of each other, or when either was is unknown. Counts grow: a total
    of May is not one of March."""
    if any(d.value for d in a.dates) and any(d.value for d in b.dates):
        return True
    first, second = (day_number(d) for d in published)
    return first is None or second is None or abs(first - second) <= _SAME_TIME_DAYS


def _same_actors(a: Claim, b: Claim) -> bool:
    """Whether the claims can be about the same actors: they name one in common, or one of
    them names none ("BRICS expanded" and "NATO would not expand" are not)."""
    return not a.actors or not b.actors or bool(set(a.actors) & set(b.actors))
