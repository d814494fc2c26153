"""The one data model: documents, the spans inside them, and what stages annotate on them.

Every stage, the store, the CLI and the exports use these classes. ``Document.to_dict`` is the
output contract of ``sayso extract --format jsonl``; ``Document.from_dict`` reads it back;
``to_row``/``from_row`` are its flat form, one row of a table (CSV, Parquet). All offsets are
code-point offsets: a document's ``start``/``end`` into its source text, and an annotation's
offsets into the document's own ``text``.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any, Literal, get_args

Genre = Literal["report", "interview", "transcript", "opinion", "other"]
GENRES: tuple[str, ...] = get_args(Genre)

SpeakerType = Literal[
    "person", "anonymous", "organization", "publication", "document", "group", "unknown"
]
SPEAKER_TYPES: tuple[str, ...] = get_args(SpeakerType)
# Who holds a claim: a quote's speaker, else the document's own voice (its authors or outlet).
HolderType = SpeakerType | Literal["author", "outlet"]
QuoteKind = Literal["direct", "indirect", "mixed", "turn", "term"]
Granularity = Literal["day", "month", "year"]
ClaimKind = Literal["figure", "prediction", "evaluation", "assertion"]
Side = Literal["for", "against"]
StanceKind = Literal["own words", "reported"]


@dataclass(slots=True)  # a corpus holds hundreds of thousands of them
class Mention:
    """A stretch of a document's text: what was written and where."""

    text: str
    start: int
    end: int


@dataclass(slots=True)  # a corpus holds hundreds of thousands of them
class Speaker:
    """Who a quote is attributed to, as named in the text and as resolved."""

    name: str | None
    mention: str | None
    start: int | None
    end: int | None
    descriptor: str | None
    type: SpeakerType

    @property
    def label(self) -> str | None:
        """How the speaker is shown: the resolved name, else the description, else the words."""
        return self.name or self.descriptor or self.mention


@dataclass(slots=True)  # a corpus holds hundreds of thousands of them
class Quote:
    """What was said, by whom and with which cue."""

    text: str
    start: int
    end: int
    kind: QuoteKind
    cue: str | None
    cue_start: int | None
    cue_end: int | None
    speaker: Speaker
    confidence: float  # the chance the speaker is right (``extract.confidence``)
    evidence: str | None = None  # how the speaker was found: "claimed", "turn", "continued" …

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        return cls(**{**data, "speaker": Speaker(**data["speaker"])})


@dataclass(slots=True)  # a corpus holds hundreds of thousands of them
class Entity:
    """An actor or place, with every mention of it in the document."""

    id: str
    name: str
    type: str
    qid: str | None
    mentions: list[Mention]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        return cls(**{**data, "mentions": [Mention(**m) for m in data["mentions"]]})


@dataclass(slots=True)  # a corpus holds hundreds of thousands of them
class Quantity:
    """A figure with its unit and what it counts (``unit`` a currency code such as "USD",
    "percent", "percentage points", a measure such as "km", or None for a count)."""

    text: str
    start: int
    end: int
    value: float | None
    unit: str | None
    counted: str | None
    qualifier: str | None
    sentence_start: int
    sentence_end: int
    high: float | None = None  # the upper end of a range ("10,000 to 15,000"), with value the lower
    source: str | None = None  # who gave the figure, when it sits inside a quote

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quantity:
        return cls(**data)


@dataclass(slots=True)  # a corpus holds hundreds of thousands of them
class DateMention:
    """A temporal expression normalised to an ISO date of some granularity ("2023-11-03" day,
    "2023-11" month, "2023" year; None where it names no such period: "last week")."""

    text: str
    start: int
    end: int
    value: str | None
    granularity: Granularity | None
    sentence_start: int
    sentence_end: int

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DateMention:
        return cls(**data)


@dataclass(slots=True)  # a corpus holds hundreds of thousands of them
class Proposition:
    """What a claim asserts (see ``extract/propositions.py``): who or what it is about (the
    subject's lemma, and the state, bloc or actor it names), what is said of it, whether it
    is affirmed (1) or denied (-1), how firmly, and where the predicate's word is;
    ``nominal`` for one a noun says ("Ukraine's rout") rather than a clause; ``object``, what
    a verb does or is done to ("rejected [talks]", "agreed to [continue]"), where it says."""

    subject: str | None
    actor: str | None
    predicate: str
    polarity: int
    modality: str | None
    start: int
    end: int
    nominal: bool = False
    object: str | None = None


@dataclass(slots=True)
class Claim:
    """A check-worthy statement: a figure, a prediction, an evaluation or an assertion about
    named actors, with who holds it, the words that hedge or negate it, and what it gives.

    ``holder`` is the speaker of the quote the claim sits in, else the document's authors, else
    its outlet. ``terms`` are the lemmas of its content words and ``actors`` the ids of the
    actors it names: what claims from different documents are compared on.
    """

    text: str
    start: int
    end: int
    kind: ClaimKind
    holder: str | None
    holder_type: HolderType
    hedges: list[Mention]
    negations: list[Mention]
    figures: list[Quantity]
    dates: list[DateMention]
    actors: list[str]
    terms: list[str]
    propositions: list[Proposition] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Claim:
        return cls(
            **{
                **data,
                "hedges": [Mention(**m) for m in data["hedges"]],
                "negations": [Mention(**m) for m in data["negations"]],
                "figures": [Quantity.from_dict(f) for f in data["figures"]],
                "dates": [DateMention.from_dict(d) for d in data["dates"]],
                "propositions": [Proposition(**p) for p in data.get("propositions", [])],
            }
        )


@dataclass(slots=True)  # a corpus holds tens of thousands of them
class Stance:
    """Where someone stands on an issue, as one sentence says it: who holds the stance (whom
    the clause names, not always who speaks), who says so, which side, how firmly, and on
    what condition.

    ``holder`` is named as the text names it and resolved as speakers are; ``holder_id`` is
    its actor id and ``party`` the state or bloc it acts for on the document's date, where
    known. ``source`` is the speaker of the quote the sentence is in, else the document's
    authors or outlet. ``kind`` is "own words" when the holder speaks for itself. ``cue`` is
    the word or phrase that takes the side ("refuses", "ready", "victory on the
    battlefield"); ``modality`` the words that say how firmly ("will never", "must", "ready
    to"); ``condition`` the clause the stance hangs on ("if Russia withdraws").
    """

    text: str
    start: int
    end: int
    issue: str
    side: Side
    holder: Speaker
    holder_id: str | None
    party: str | None
    source: str | None
    source_type: HolderType
    kind: StanceKind
    cue: Mention
    negations: list[Mention]
    modality: str | None
    condition: Mention | None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Stance:
        condition = data.get("condition")
        return cls(
            **{
                **data,
                "holder": Speaker(**data["holder"]),
                "cue": Mention(**data["cue"]),
                "negations": [Mention(**m) for m in data["negations"]],
                "condition": Mention(**condition) if condition else None,
            }
        )


# The annotation layers of a document, in contract order, with the class of their items.
LAYERS: dict[
    str,
    type[Quote] | type[Entity] | type[Quantity] | type[DateMention] | type[Claim] | type[Stance],
] = {
    "quotes": Quote,
    "entities": Entity,
    "quantities": Quantity,
    "dates": DateMention,
    "claims": Claim,
    "stances": Stance,
}


def content_id(text: str) -> str:
    """The key of a document: the same text always gets the same id, in every run."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass
class Document:
    """One article, transcript or op-ed, cut from its source text.

    ``text`` is exactly ``source_text[start:end]``. ``meta`` keeps whatever else the input said
    about the document (a URL, unknown JSON fields) so that nothing given is thrown away.
    """

    text: str
    source: str
    start: int
    end: int
    source_id: str | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    outlet: str | None = None
    date: str | None = None
    genre: Genre = "other"
    # the extraction stages that made this document's annotations, in the order they ran: an
    # empty layer of a stage listed here means it found nothing, of one not listed, that it
    # did not run
    stages: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)
    quotes: list[Quote] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    stances: list[Stance] = field(default_factory=list)
    # the spaCy parse of ``text`` while a pipeline runs over it (``nlp.parse_of``), handed
    # from stage to stage; never stored, written or sent between processes
    parse: Any = field(default=None, init=False, repr=False, compare=False)

    @property
    def id(self) -> str:
        return content_id(self.text)

    def to_dict(self) -> dict[str, Any]:
        """The output contract: id first, then the fields in their documented order."""
        data = asdict(replace(self))  # a copy without the parse, which is no output
        ordered = {"id": self.id}
        for name in CONTRACT_FIELDS[1:]:
            ordered[name] = data[name]
        ordered["meta"] = data["meta"]
        return ordered

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        known = {f.name for f in fields(cls) if f.init}
        values = {k: v for k, v in data.items() if k in known and k not in LAYERS}
        doc = cls(**values)
        for layer, item_class in LAYERS.items():
            setattr(doc, layer, [item_class.from_dict(item) for item in data.get(layer, [])])
        return doc

    def to_row(self) -> dict[str, Any]:
        """One flat row of ``ROW_COLUMNS``, the layers and ``meta`` as JSON text, so that a
        table of documents (CSV, Parquet) has the same columns whatever they hold."""
        row = self.to_dict()
        for name in _JSON_COLUMNS:
            row[name] = to_json(row[name])
        return row

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Document:
        """The document a ``to_row`` row holds; other keys in ``row`` are ignored."""
        data = dict(row)
        for name in _JSON_COLUMNS:
            data[name] = json.loads(row[name])
        return cls.from_dict(data)


CONTRACT_FIELDS: tuple[str, ...] = (
    "id",
    "source",
    "source_id",
    "start",
    "end",
    "title",
    "authors",
    "outlet",
    "date",
    "genre",
    "stages",
    "text",
    "quotes",
    "entities",
    "quantities",
    "dates",
    "claims",
    "stances",
)

# The flat form of a document (``Document.to_row``): one row of a CSV or Parquet table.
_JSON_COLUMNS = (*LAYERS, "meta")
ROW_COLUMNS: tuple[str, ...] = (*(f for f in CONTRACT_FIELDS if f not in LAYERS), *_JSON_COLUMNS)


_C1_CONTROLS = re.compile("[\x80-\x9f]")


def to_json(value: Any, indent: int | None = None) -> str:
    """``value`` as JSON text, as sayso writes it everywhere: characters as they are, but
    the C1 controls escaped (a terminal shown the output may act on them), and a number JSON
    has no way to write (NaN, infinity) as null, so that every JSON reader reads it."""
    try:
        text = json.dumps(value, ensure_ascii=False, allow_nan=False, indent=indent)
    except ValueError:
        text = json.dumps(_finite(value), ensure_ascii=False, allow_nan=False, indent=indent)
    return _C1_CONTROLS.sub(lambda c: f"\\u{ord(c.group()):04x}", text)


def _finite(value: Any) -> Any:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: _finite(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(item) for item in value]
    return value


def row_schema() -> Any:
    """The Arrow schema of ``Document.to_row`` rows (it needs pyarrow, an optional extra)."""
    import pyarrow as pa

    types = {
        "start": pa.int64(),
        "end": pa.int64(),
        "authors": pa.list_(pa.string()),
        "stages": pa.list_(pa.string()),
    }
    return pa.schema([(name, types.get(name, pa.string())) for name in ROW_COLUMNS])
