"""Actors across documents: each canonical actor with the documents that name it and every
spelling used for it, counted in the store so that a corpus of thousands stays quick."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from typing_extensions import TypedDict

from sayso.names import fold
from sayso.store import Store, StoredMention


class ActorRecord(TypedDict):
    """An actor as every list gives it (command line, API, downloads)."""

    id: str
    name: str
    type: str
    qid: str | None
    documents: int
    mentions: int
    spellings: dict[str, int]  # most used first


@dataclass
class ActorSummary:
    """One actor over a corpus. ``ids`` are the actor's own id and those of the surname-only
    actors joined to it, ``spellings`` the words used for all of them, each with its count."""

    id: str
    name: str
    type: str
    qid: str | None
    documents: int = 0
    mentions: int = 0
    ids: list[str] = field(default_factory=list)
    spellings: Counter[str] = field(default_factory=Counter)

    def to_dict(self) -> ActorRecord:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "qid": self.qid,
            "documents": self.documents,
            "mentions": self.mentions,
            "spellings": dict(self.spellings.most_common()),
        }


def actors(
    store: Store,
    *,
    query: str | None = None,
    type_: str | None = None,
    everyone: list[ActorSummary] | None = None,
) -> list[ActorSummary]:
    """The actors of the corpus with every spelling counted, most documents first; with
    ``query``, those whose id it is or whose name or a spelling holds it (ignoring case); with
    ``type_``, those of that type. A person a document named by surname alone joins the one
    person of the corpus with that surname and a full name. ``everyone``: all the actors, as
    this function gives them unfiltered, counted before (it takes a pass over every mention)."""
    if everyone is None:
        everyone = _everyone(store)
    folded = query.casefold() if query else None
    return [
        s
        for s in everyone
        if (folded is None or _answers_to(s, query or "", folded))
        and (type_ is None or s.type == type_)
    ]


def _everyone(store: Store) -> list[ActorSummary]:
    summaries = {
        actor_id: ActorSummary(actor_id, name, kind, qid, documents, mentions, [actor_id])
        for actor_id, name, kind, qid, documents, mentions in store.actor_counts()
    }
    _join_surnames(summaries)
    spellings = store.spellings()
    for summary in summaries.values():
        for actor_id in summary.ids:
            summary.spellings.update(spellings.get(actor_id, {}))
    return sorted(summaries.values(), key=lambda s: (-s.documents, -s.mentions, s.name.casefold()))


def _answers_to(summary: ActorSummary, query: str, folded: str) -> bool:
    return (
        query in summary.ids
        or folded in summary.name.casefold()
        or any(folded in spelling.casefold() for spelling in summary.spellings)
    )


def summarise(mentions: Iterable[StoredMention]) -> ActorSummary | None:
    """One actor from its mentions (all of one id), spellings and all."""
    summary = None
    documents = set()
    for m in mentions:
        summary = summary or ActorSummary(m.actor_id, m.name, m.type, m.qid, ids=[m.actor_id])
        documents.add(m.document_id)
        summary.spellings[m.text] += 1
    if summary is not None:
        summary.documents, summary.mentions = len(documents), sum(summary.spellings.values())
    return summary


def joined_ids(store: Store, actor_id: str, name: str, type_: str) -> list[str]:
    """The ids of the people named by surname alone that ``actors()`` joins to this one: those
    of its surname when it is the only person of the corpus with that surname in full."""
    words = name.split()
    if type_ != "person" or len(words) < 2:
        return []
    rows = store.people_named(words[-1])
    surname = fold(words[-1])
    owners = {i for i, n, _ in rows if len(n.split()) >= 2 and fold(n).split()[-1] == surname}
    if owners != {actor_id}:
        return []
    return [i for i, n, qid in rows if qid is None and fold(n) == surname]


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
                owner = owners[0]
                # a document naming someone by surname only does not name them in full too
                owner.documents += summary.documents
                owner.mentions += summary.mentions
                owner.ids.append(key)
                del summaries[key]
