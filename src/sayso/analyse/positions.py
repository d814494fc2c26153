"""Positions: where each actor stands on each issue, from what it says and what it is
reported to say, with every piece of evidence.

An issue (``data/issues.yaml``, or the user's own file) names the words that bring it up and
its two poles. Each sentence of a quote whose speaker is an actor and that brings an issue up
is a piece of evidence; its stance comes from the words around the issue: support ("we are
ready for talks", "must join NATO"), rejection ("will never", "rule out", "unacceptable"),
negation turning either round, and phrases that take a side on that issue alone ("victory on
the battlefield"). An actor's own words (a direct quote, a transcript turn) weigh more than
speech reported about it ("Russia demands that …"). No model is involved: every stance can be
traced to the words that made it.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import cached_property
from importlib.resources import files
from pathlib import Path
from typing import Any, Literal

import yaml

from sayso.errors import InputError
from sayso.model import Entity, Quote, Statements

Stance = Literal["for", "against", "mixed", "unclear"]
OWN_WORDS = 1.0
REPORTED = 0.6  # "Russia demands that …": someone's account of the actor's position
_DECIDED = 2 / 3  # the share of the weight one side needs for the stance to be that side's

_WORD = re.compile(r"[\w’']+")
_SUPPORT = re.compile(
    r"\b(?:support(?:s|ed|ing)?|back(?:s|ed|ing)?|welcome[sd]?|favou?r(?:s|ed)?|call(?:s|ed)? for"
    r"|demand(?:s|ed)?|insist(?:s|ed)? on|ready (?:for|to)|open to"
    r"|seek(?:s|ing)?|want(?:s|ed)?|agree(?:s|d)? to|propos(?:e|es|ed)|committed to|in favou?r"
    r"|continue[sd]?|essential|right to|deserves?|urge[sd]?|call(?:s|ed)? on|speed(?:s|ed)? up"
    r"|step(?:s|ped)? up|increase[sd]?|boost(?:s|ed)?|ramp(?:s|ed)? up|press(?:es|ed)? for"
    r"|accept(?:s|ed)?)\b",
    re.IGNORECASE,
)
_REJECT = re.compile(
    r"\b(?:oppose[sd]?|reject(?:s|ed)?|rule[sd]? out|refuse[sd]?|unacceptable|lift(?:ed|ing)?"
    r"|ease[sd]?|impossible|illegal|illegitimate|halt|block(?:s|ed)?|veto(?:es|ed)?|red line"
    r"|stop(?:ped)?|cut(?:s)? off|no longer|abandon(?:s|ed)?|renounce[sd]?|give up"
    r"|withdraw(?:s|n)?)\b",
    re.IGNORECASE,
)
_NEGATION = re.compile(
    r"\b(?:not(?! only)|never|no|cannot|can't|can’t|won't|won’t|don't|don’t|doesn't|doesn’t"
    r"|isn't|isn’t|aren't|aren’t|wouldn't|wouldn’t|nobody|nothing|neither|nor)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“‘(]?[A-Z])|\n\s*\n")
# Words ending in a full stop that do not end a sentence ("the U.S. President", "Mr. Kirby").
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]\.)+$|\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Sen|Rep|Gov|St|Jr|Sr|No|vs|etc|Jan|Feb|Mar"
    r"|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.$"
)
_MODAL = re.compile(r"\b(?:must|should|need(?:s|ed)? to|ought to|has to|have to)\b", re.I)
_CLAUSE_BREAK = re.compile(r"[,;:]\s|\s(?:and|but|while|whereas|although|though)\s", re.I)
_NEGATION_REACH = 3  # words before a verb or phrase that a negation turns round


@dataclass(frozen=True, eq=False)
class Issue:
    """What positions are taken on: the words that bring it up and its two poles."""

    id: str
    name: str
    description: str
    for_: str
    against: str
    triggers: tuple[re.Pattern[str], ...]
    for_cues: tuple[re.Pattern[str], ...] = ()
    against_cues: tuple[re.Pattern[str], ...] = ()

    def raised_in(self, sentence: str) -> bool:
        """Whether the sentence is about this issue: a trigger, or a phrase that sides on it
        ("victory on the battlefield" is about negotiating, whether or not talks are named)."""
        return self.raising.search(sentence) is not None

    @cached_property
    def raising(self) -> re.Pattern[str]:
        """Every trigger and cue as one pattern: one search per sentence, not dozens."""
        return _one_pattern((*self.triggers, *self.for_cues, *self.against_cues))


def _one_pattern(patterns: Iterable[re.Pattern[str]]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns), re.IGNORECASE)


@dataclass(frozen=True)
class Evidence:
    """One sentence that shows (or only raises) an actor's position on an issue."""

    document_id: str
    start: int  # of the sentence, in the document's text
    end: int
    text: str
    stance: Stance  # "for", "against", or "unclear" when it raises the issue without a side
    kind: Literal["own words", "reported"]
    weight: float


@dataclass
class Position:
    """An actor's stance on an issue, its confidence, and the evidence for it."""

    actor_id: str
    actor: str
    issue: str
    stance: Stance = "unclear"
    confidence: float = 0.0
    evidence: list[Evidence] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def load_issues(path: str | None = None) -> list[Issue]:
    """The bundled issues, or those of the user's YAML file ``path``."""
    if path is None:
        text = files("sayso").joinpath("data", "issues.yaml").read_text(encoding="utf-8")
        source = "issues.yaml"
    else:
        source = path
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise InputError(path, f"cannot read the issues: {err}", code="issues") from err
    try:
        records = yaml.safe_load(text)
    except yaml.YAMLError as err:
        raise InputError(source, f"invalid YAML: {err}", code="issues") from err
    if not isinstance(records, list) or not all(isinstance(r, dict) for r in records):
        raise InputError(source, "an issues file is a list of issues", code="issues")
    return [_issue(record, source) for record in records]


def _issue(record: dict[str, Any], source: str) -> Issue:
    def patterns(key: str) -> tuple[re.Pattern[str], ...]:
        values = record.get(key) or []
        if not isinstance(values, list):
            raise InputError(source, f"issue {record.get('id')!r}: {key} is a list", code="issues")
        try:
            return tuple(re.compile(str(v), re.IGNORECASE) for v in values)
        except re.error as err:
            raise InputError(
                source, f"issue {record.get('id')!r}: bad pattern in {key}: {err}", code="issues"
            ) from err

    missing = [key for key in ("id", "name", "triggers", "for", "against") if not record.get(key)]
    if missing:
        raise InputError(
            source, f"issue {record.get('id')!r} lacks {', '.join(missing)}", code="issues"
        )
    triggers, for_cues, against_cues = (
        patterns("triggers"),
        patterns("for_cues"),
        patterns("against_cues"),
    )
    try:
        _one_pattern((*triggers, *for_cues, *against_cues))
    except re.error as err:  # each compiles alone but not together: a global flag mid-way
        raise InputError(
            source, f"issue {record.get('id')!r}: patterns do not combine: {err}", code="issues"
        ) from err
    return Issue(
        id=str(record["id"]),
        name=str(record["name"]),
        description=str(record.get("description", "")),
        for_=str(record["for"]),
        against=str(record["against"]),
        triggers=triggers,
        for_cues=for_cues,
        against_cues=against_cues,
    )


def stance_of(sentence: str, issue: Issue) -> Stance:
    """The side a sentence that raises ``issue`` takes on it, read from the clause that raises
    it: phrases that side on this issue alone first, else verbs of support and of rejection,
    else a modal ("must join NATO"), each turned round by a negation just before it ("do not
    oppose talks" is for, "will not join NATO" against); else a negation of the issue itself
    ("no negotiations")."""
    raised = [m.start() for m in issue.raising.finditer(sentence)]
    if not raised:
        return "unclear"
    bounds = [0, *(m.end() for m in _CLAUSE_BREAK.finditer(sentence)), len(sentence)]
    clauses = [(a, b) for a, b in itertools.pairwise(bounds) if any(a <= r < b for r in raised)]

    def signed(
        matches: Iterable[re.Match[str]], sign: int, reach: int, anywhere: bool = False
    ) -> int:
        return sum(
            -sign if _negated(sentence, m.start(), reach) else sign
            for m in matches
            if anywhere or any(a <= m.start() < b for a, b in clauses)
        )

    # an issue's own phrases side on it wherever they stand in the sentence, turned round only
    # by a negation right before them ("no military solution")
    cues = signed(
        (m for c in issue.for_cues for m in c.finditer(sentence)), 1, 1, anywhere=True
    ) + signed((m for c in issue.against_cues for m in c.finditer(sentence)), -1, 1, True)
    verbs = signed(_SUPPORT.finditer(sentence), 1, _NEGATION_REACH) + signed(
        _REJECT.finditer(sentence), -1, _NEGATION_REACH
    )
    modals = sum(  # "must join" is for; "must not join", "should never join" against
        -1 if _NEGATION.match(sentence, m.end() + 1) else 1
        for m in _MODAL.finditer(sentence)
        if any(a <= m.start() < b for a, b in clauses)
    )
    denied = -1 if any(_negated(sentence, r, 1) for r in raised) else 0  # "no negotiations"
    score = cues or verbs or modals or denied
    return "for" if score > 0 else "against" if score < 0 else "unclear"


def _negated(sentence: str, position: int, reach: int) -> bool:
    """Whether a negation stands among the ``reach`` words before ``position``."""
    before = _WORD.findall(sentence[:position])[-reach:]
    return _NEGATION.search(" ".join(before)) is not None


def evidence_in(document_id: str, quote: Quote, issues: list[Issue]) -> list[tuple[str, Evidence]]:
    """The evidence a quote gives on each issue it raises: ``(issue id, evidence)``."""
    kind: Literal["own words", "reported"] = "reported" if quote.kind == "indirect" else "own words"
    weight = REPORTED if kind == "reported" else OWN_WORDS
    found = []
    for start, end in _sentences(quote.text, 0, len(quote.text)):
        sentence = quote.text[start:end]
        for issue in issues:
            if issue.raised_in(sentence):
                stance = stance_of(sentence, issue)
                text = " ".join(sentence.split())
                at, to = quote.start + start, quote.start + end
                found.append((issue.id, Evidence(document_id, at, to, text, stance, kind, weight)))
    return found


def positions(statements: Iterable[Statements], issues: list[Issue]) -> list[Position]:
    """Every actor's positions on the issues, from the quotes of each document whose speaker
    is one of the document's actors (``doc.statements()``, or ``Store.statements()``)."""
    table: dict[tuple[str, str], Position] = {}
    seen: set[tuple[str, str, str, int, int]] = set()  # a sentence in two quotes counts once
    for said in statements:
        for quote in said.quotes:
            found = evidence_in(said.document_id, quote, issues)
            actor = speaker_actor(said.entities, quote) if found else None
            if actor is None:
                continue
            for issue_id, evidence in found:
                key = (actor.id, issue_id)
                where = (*key, said.document_id, evidence.start, evidence.end)
                if where in seen:
                    continue
                seen.add(where)
                position = table.setdefault(key, Position(actor.id, actor.name, issue_id))
                position.evidence.append(evidence)
    for position in table.values():
        position.stance, position.confidence = _weigh(position.evidence)
    return sorted(table.values(), key=lambda p: (p.actor, p.issue))


def _weigh(evidence: list[Evidence]) -> tuple[Stance, float]:
    """The stance the evidence adds up to, and how sure: the winning side's share of the
    weight, discounted when there is little of it."""
    for_weight = sum(e.weight for e in evidence if e.stance == "for")
    against = sum(e.weight for e in evidence if e.stance == "against")
    total = for_weight + against
    if not total:
        return "unclear", 0.0
    share = max(for_weight, against) / total
    amount = min(1.0, total / 2)
    if share < _DECIDED:
        return "mixed", round(amount * (1 - share), 2)
    return ("for" if for_weight > against else "against"), round(share * amount, 2)


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The sentences of ``text[start:end]`` as spans of ``text``: split after a full stop,
    question or exclamation mark before a capital (not after an abbreviation), or at a blank
    line; a single line break, as in hard-wrapped transcripts, is not an end."""
    spans = []
    cursor = start
    for match in _SENTENCE_END.finditer(text, start, end):
        if _ABBREVIATION.search(text[cursor : match.start()]):
            continue
        if match.start() > cursor:
            spans.append((cursor, match.start()))
        cursor = match.end()
    if cursor < end:
        spans.append((cursor, end))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def speaker_actor(entities: list[Entity], quote: Quote) -> Entity | None:
    """The actor among a document's ``entities`` that speaks ``quote``: the one of the same
    name, else the one mentioned in exactly the words of the speaker's mention, else, for a
    speaker that is an organisation, publication or group, the actor of that kind named
    inside them ("the Russian Foreign Ministry")."""
    speaker = quote.speaker
    named = next((e for e in entities if speaker.name and e.name == speaker.name), None)
    if named is not None or speaker.start is None or speaker.end is None:
        return named
    span = (speaker.start, speaker.end)
    same = next((e for e in entities if any((m.start, m.end) == span for m in e.mentions)), None)
    if same is not None or speaker.type not in {"organization", "publication", "group"}:
        return same
    inside = [
        e
        for e in entities
        if e.type in {"organization", "outlet", "country", "group"}
        and any(span[0] <= m.start and m.end <= span[1] for m in e.mentions)
    ]
    return inside[0] if len(inside) == 1 else None  # "the U.S. and Britain" is not one actor
