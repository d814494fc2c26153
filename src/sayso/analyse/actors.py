"""Actors across documents: each canonical actor with every spelling used for it and the
documents that name it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sayso.names import fold
from sayso.store import StoredMention


@dataclass
class ActorSummary:
    """One actor over a corpus: its id, canonical name, and how each document spelt it."""

    id: str
    name: str
    type: str
    qid: str | None
    spellings: Counter[str] = field(default_factory=Counter)
    documents: set[str] = field(default_factory=set)

    @property
    def mentions(self) -> int:
        return sum(self.spellings.values())

    def matches(self, query: str) -> bool:
        """Whether ``query`` is this actor's id, or part of its name or of a spelling of it."""
        wanted = query.casefold()
        return query == self.id or any(
            wanted in text.casefold() for text in (self.name, *self.spellings)
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "qid": self.qid,
            "documents": len(self.documents),
            "mentions": self.mentions,
            "spellings": dict(self.spellings.most_common()),
        }


def actors(mentions: Iterable[StoredMention]) -> list[ActorSummary]:
    """The actors of stored mentions (``Store.mentions()``), most documents first. A person a
    document named by surname alone joins the one person of the corpus with that surname and
    a full name."""
    summaries: dict[str, ActorSummary] = {}
    for mention in mentions:
        summary = summaries.get(mention.actor_id)
        if summary is None:
            summary = ActorSummary(mention.actor_id, mention.name, mention.type, mention.qid)
            summaries[mention.actor_id] = summary
        summary.documents.add(mention.document_id)
        summary.spellings[mention.text] += 1
    _join_surnames(summaries)
    return sorted(
        summaries.values(), key=lambda s: (-len(s.documents), -s.mentions, s.name.casefold())
    )


def _join_surnames(summaries: dict[str, ActorSummary]) -> None:
    full: dict[str, list[ActorSummary]] = {}
    for summary in summaries.values():
        words = fold(summary.name).split()
        if summary.type == "person" and len(words) >= 2:
            full.setdefault(words[-1], []).append(summary)
    for key, summary in list(summaries.items()):
        words = fold(summary.name).split()
        if summary.qid is None and summary.type == "person" and len(words) == 1:
            owners = full.get(words[0], [])
            if len(owners) == 1:
                owners[0].spellings.update(summary.spellings)
                owners[0].documents |= summary.documents
                del summaries[key]
