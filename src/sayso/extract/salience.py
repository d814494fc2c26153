"""How prominent an earlier mention is where a pronoun stands, after Lappin and Leass (1994):
a subject outweighs an object, an object a name inside another noun phrase ("President
Putin's invasion"), and every sentence back halves the weight; the mentions of one actor add
up. A pronoun stands for the most prominent candidate that fits it, so that "She said …"
after two sentences about Ms Truss is Ms Truss, whoever was named in passing since.

The quotes stage (a speaker "he") and the stances stage (a holder "they") both choose so.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

from spacy.tokens import Doc, Token

_RECENCY = 100  # every mention in the sentence read
_ROLE = {"nsubj": 80, "nsubjpass": 80, "expl": 70, "dobj": 50, "dative": 40, "pobj": 40}
_HEAD = 80  # a noun phrase of its own, not a word inside another ("[Putin's] invasion")
_NOT_ADVERBIAL = 50  # not in a circumstance ("[in Kyiv]")
_INSIDE = frozenset({"poss", "compound", "nmod", "amod"})
_NOUNS = frozenset({"NOUN", "PROPN", "PRON"})
K = TypeVar("K", bound=Hashable)


class Positions:
    """Which sentence each token of a parse is in, and which word heads the words at a place
    of the text, read once and found by bisection."""

    def __init__(self, sdoc: Doc) -> None:
        self.sdoc = sdoc
        self.sentence_starts = [sentence.start for sentence in sdoc.sents]
        self.token_starts: list[int] = sdoc.to_array("IDX").tolist()  # no Token made

    def sentence_of(self, token: Token) -> int:
        return bisect_right(self.sentence_starts, token.i) - 1

    def head_at(self, start: int, end: int) -> Token:
        """The head word of the words from ``start`` to ``end``."""
        first = max(bisect_right(self.token_starts, start) - 1, 0)
        last = max(bisect_right(self.token_starts, max(end - 1, start)) - 1, first)
        words = self.sdoc[first : last + 1]
        return next(
            (t for t in words if t.head.i == t.i or not first <= t.head.i <= last), words[-1]
        )


def weight(token: Token) -> int:
    """The weight of a mention by its role in its sentence, read at the head of its name."""
    while token.dep_ in {"compound", "flat"} and token.head.i != token.i:
        token = token.head  # "Liz [Truss]"
    role = token
    while role.dep_ in {"appos", "conj"} and role.head.i != role.i:
        role = role.head  # "the Foreign Secretary, [Liz Truss], said", "Kyiv and [Warsaw]"
    inside = role.dep_ in _INSIDE or (role.dep_ == "pobj" and role.head.head.pos_ in _NOUNS)
    adverbial = role.dep_ == "pobj" and role.head.head.pos_ in {"VERB", "AUX"}
    return (
        _RECENCY
        + _ROLE.get(role.dep_, 0)
        + (0 if inside else _HEAD)
        + (0 if adverbial else _NOT_ADVERBIAL)
    )


def most_salient(
    candidates: Iterable[tuple[K, Token]],
    at: Token,
    positions: Positions,
    surely: Callable[[K], bool] = lambda _: False,
) -> K | None:
    """The candidate whose mentions before ``at`` weigh most, each halved for every
    sentence between it and ``at``, and doubled where the candidate ``surely`` fits (a name
    known to be a woman's for "she", where another name says nothing); of equal weights, the
    one mentioned last."""
    here = positions.sentence_of(at)
    totals: dict[K, float] = {}
    last: dict[K, int] = {}
    seen: set[int] = set()
    for key, token in candidates:
        if token.i >= at.i or token.i in seen:
            continue
        seen.add(token.i)  # a speaker's mention is also a name: count it once
        distance = here - positions.sentence_of(token)
        totals[key] = totals.get(key, 0.0) + weight(token) / 2**distance
        last[key] = max(last.get(key, -1), token.i)
    if not totals:
        return None
    return max(totals, key=lambda key: (totals[key] * (2 if surely(key) else 1), last[key]))
