"""What each page shows, computed from the store: shared by the web app, its JSON API and the
one-file report, so that all three show the same thing.

Each function returns plain data (dataclasses and dicts); templates lay it out. Nothing here
writes HTML except the small SVG charts, which are data too: numbers turned into shapes.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Callable, Mapping
from contextlib import nullcontext
from dataclasses import asdict, dataclass, field
from datetime import date
from html import escape
from typing import Any

from sayso.analyse import (
    ActorSummary,
    Event,
    actors,
    joined_ids,
    summarise,
)
from sayso.analyse.claims import RELATIONS, ClaimGroup, Relation, matching
from sayso.analyse.forecast import Forecast
from sayso.analyse.positions import By, Position
from sayso.isodate import day_number
from sayso.issues import Issue
from sayso.model import SPEAKER_TYPES, Claim, Document, Quote
from sayso.settings import DEFAULT_STAGES
from sayso.store import (
    Citation,
    EventFilter,
    FigureFilter,
    Hit,
    QuoteFilter,
    Store,
    StoredQuantity,
    StoredQuote,
)
from sayso.text.words import CURRENCY_CODES, CURRENCY_SIGNS, SCALES

PAGE_SIZE = 50
SPEAKER_COLOURS = 24  # speakers' colours in the reader, each plain, striped or underlined:
SPEAKER_PATTERNS = 3  # 72 speakers of one document told apart by look (past them, by number)


@dataclass(frozen=True)
class Paging:
    """Where a page lies in its list, shown as "51–100 of 1,998" with links to the others;
    ``params`` are the list's filters, which every link to another page keeps."""

    total: int
    page: int
    pages: int
    per_page: int
    params: dict[str, str] = field(default_factory=dict)

    @property
    def first(self) -> int:
        return min(self.total, (self.page - 1) * self.per_page + 1)

    @property
    def last(self) -> int:
        return min(self.total, self.page * self.per_page)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per_page


def paging(
    total: int, page: int, per_page: int = PAGE_SIZE, params: dict[str, str | None] | None = None
) -> Paging:
    """The page ``page`` of a list of ``total`` items (the last one, if past it); a page size
    other than ``PAGE_SIZE`` is one of the ``params`` the links keep."""
    pages = max(1, math.ceil(total / per_page))
    kept = {key: value for key, value in (params or {}).items() if value}
    if per_page != PAGE_SIZE:
        kept["per_page"] = str(per_page)
    return Paging(total, min(max(page, 1), pages), pages, per_page, kept)


# --- corpus -----------------------------------------------------------------------------------


@dataclass
class CorpusRow:
    document: Document
    quotes: int
    actors: int
    figures: int


@dataclass
class Corpus:
    rows: list[CorpusRow]  # the page's documents (none when searching)
    total: int  # documents of the genre and outlet asked for
    paging: Paging  # of the documents, or of the search's hits
    hits: list[Hit]
    matches: int  # how many documents the search (if any) found
    months: list[tuple[str, int]]
    facets: dict[str, list[tuple[str, int]]]  # documents by outlet and by genre


def corpus(
    store: Store,
    *,
    page: int = 1,
    genre: str | None = None,
    outlet: str | None = None,
    query: str | None = None,
    per_page: int = PAGE_SIZE,
    search_seconds: float | None = None,
    months: list[tuple[str, int]] | None = None,
) -> Corpus:
    """A page of the documents (of ``genre`` and ``outlet``, if given), newest last, with
    their counts; or, for ``query``, a page of its search hits among them, best first, and
    how many documents match (searched for at most ``search_seconds``, if given); and quotes
    per month for the chart (``months``, if counted before: it takes a pass over every
    quote)."""
    if months is None:
        months = store.quotes_by_month()
    total = store.count(genre=genre, outlet=outlet)
    facets = store.document_facets()
    params = {"q": query, "genre": genre, "outlet": outlet}
    if query:
        with store.time_limit(search_seconds) if search_seconds else nullcontext():
            kept = {"genre": genre, "outlet": outlet}
            found = store.lenient_search(query, per_page, (page - 1) * per_page, **kept)
            at = paging(found[1], page, per_page, params)
            if at.page != page:  # past the last page: the last one
                found = store.lenient_search(query, per_page, at.offset, **kept)
        return Corpus([], total, at, found[0], found[1], months, facets)
    at = paging(total, page, per_page, params)
    documents = list(
        store.documents(limit=per_page, offset=at.offset, genre=genre, outlet=outlet, layers=())
    )
    counts = store.layer_counts([d.id for d in documents])
    rows = [
        CorpusRow(
            d,
            counts[d.id].get("quotes", 0),
            counts[d.id].get("entities", 0),
            counts[d.id].get("quantities", 0),
        )
        for d in documents
    ]
    return Corpus(rows, total, at, [], 0, months, facets)


# --- the document reader ----------------------------------------------------------------------


@dataclass
class Segment:
    """A stretch of a document's text with everything extracted over it."""

    text: str
    start: int
    quote: int | None = None  # index into the document's quotes: the innermost one
    cue_of: int | None = None  # the quote whose cue this is
    title: str = ""  # what hovering shows
    entity: int | None = None  # index into the document's entities
    figure: int | None = None  # index into the document's quantities
    look: str | None = None  # the speaker's colour and pattern (CSS classes), for a quote
    opens: int | None = None  # the speaker's number, where the segment begins its quote
    starts_mark: bool = False  # it begins a quote, an actor's mention or a figure: a Tab stop


@dataclass
class SpeakerShare:
    name: str
    type: str
    quotes: int
    characters: int
    look: str  # the CSS classes of its colour and pattern
    number: int  # 1 for who speaks most: shown on each of their quotes, beside the colour


@dataclass
class Reader:
    document: Document
    segments: list[Segment]
    speakers: list[SpeakerShare]
    details: dict[str, Any]  # what a click on a segment shows: quotes, entities, figures
    voice_chart: str  # SVG: share of voice by speaker type
    # sayso's own stages that did not make it: their layers are empty for want of reading
    not_extracted: list[str] = field(default_factory=list)


def speaker_label(quote: Quote) -> str:
    """How a quote's speaker is shown: the resolved name, else the description or the words."""
    return quote.speaker.label or "unknown speaker"


def reader(doc: Document) -> Reader:
    """The document cut into segments at every edge of a quote, cue, actor or figure."""
    speakers = _speakers(doc)
    by_name = {s.name: s for s in speakers}
    spans: list[tuple[int, int, str, int]] = []
    for i, q in enumerate(doc.quotes):
        spans.append((q.start, q.end, "quote", i))
        if q.cue_start is not None and q.cue_end is not None:
            spans.append((q.cue_start, q.cue_end, "cue", i))
    for i, e in enumerate(doc.entities):
        spans.extend((m.start, m.end, "entity", i) for m in e.mentions)
    spans.extend((f.start, f.end, "figure", i) for i, f in enumerate(doc.quantities))
    edges = sorted({0, len(doc.text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    spans.sort()
    segments = []
    active: list[tuple[int, int, str, int]] = []  # spans open at the current segment
    opened = 0
    for start, end in itertools.pairwise(edges):
        while opened < len(spans) and spans[opened][0] <= start:
            active.append(spans[opened])
            opened += 1
        active = [s for s in active if s[1] > start]
        covering = [s for s in active if end <= s[1]]
        segment = Segment(doc.text[start:end], start)
        quotes = [s for s in covering if s[2] == "quote"]
        if quotes:
            inner = min(quotes, key=lambda s: s[1] - s[0])
            segment.quote = inner[3]
            speaker = by_name[speaker_label(doc.quotes[inner[3]])]
            segment.look = speaker.look
            if start == inner[0]:
                segment.opens = speaker.number
        segment.starts_mark = any(s[0] == start and s[2] != "cue" for s in covering)
        segment.cue_of = next((s[3] for s in covering if s[2] == "cue"), None)
        segment.entity = next((s[3] for s in covering if s[2] == "entity"), None)
        segment.figure = next((s[3] for s in covering if s[2] == "figure"), None)
        segment.title = _title(doc, segment)
        segments.append(segment)
    details = {
        "quotes": [
            {
                "kind": q.kind,
                "text": q.text,
                "cue": q.cue,
                "speaker": speaker_label(q),
                "speaker_type": q.speaker.type,
                "mention": q.speaker.mention,
                "confidence": q.confidence,
            }
            for q in doc.quotes
        ],
        "entities": [
            {"id": e.id, "name": e.name, "type": e.type, "qid": e.qid} for e in doc.entities
        ],
        "figures": [
            {
                "text": f.text,
                "value": f.value,
                "high": f.high,
                "unit": f.unit,
                "counted": f.counted,
                "qualifier": f.qualifier,
                "source": f.source,
            }
            for f in doc.quantities
        ],
    }
    not_extracted = [name for name in DEFAULT_STAGES if name not in doc.stages]
    return Reader(doc, segments, speakers, details, voice_chart(speakers), not_extracted)


def _title(doc: Document, segment: Segment) -> str:
    parts = []
    said = segment.quote if segment.quote is not None else segment.cue_of
    if said is not None:
        quote = doc.quotes[said]
        role = "cue of a quote by" if segment.quote is None else f"{quote.kind} quote by"
        parts.append(f"{role} {speaker_label(quote)}")
    if segment.entity is not None:
        parts.append(f"{doc.entities[segment.entity].name} ({doc.entities[segment.entity].type})")
    if segment.figure is not None:
        figure = doc.quantities[segment.figure]
        parts.append(f"figure: {figure.value:g} {figure.unit or ''}".rstrip())
    return "; ".join(parts)


def _speakers(doc: Document) -> list[SpeakerShare]:
    """Who speaks in the document and how much, most first; each with its look."""
    quotes: Counter[str] = Counter()
    characters: Counter[str] = Counter()
    types: dict[str, str] = {}
    for q in doc.quotes:
        label = speaker_label(q)
        quotes[label] += 1
        characters[label] += q.end - q.start
        types.setdefault(label, q.speaker.type)
    ranked = sorted(characters, key=lambda label: -characters[label])
    return [
        SpeakerShare(label, types[label], quotes[label], characters[label], speaker_look(i), i + 1)
        for i, label in enumerate(ranked)
    ]


def speaker_look(rank: int) -> str:
    """The colour and pattern of the ``rank``-th speaker (0 = who speaks most)."""
    pattern = (rank // SPEAKER_COLOURS) % SPEAKER_PATTERNS
    return f"sp-{rank % SPEAKER_COLOURS} pat-{pattern}"


def voice_chart(speakers: list[SpeakerShare]) -> str:
    """The share of the characters quoted from each type of speaker in a document."""
    by_type: Counter[str] = Counter()
    for s in speakers:
        by_type[s.type] += s.characters
    return voice_bar(by_type)


def voice_bar(shares: Mapping[str, float]) -> str:
    """Shares of quoted text by type of speaker as one bar of inline SVG, each type in its
    own colour wherever it is drawn (so that bars of several outlets compare), with a legend
    in words."""
    total = sum(shares.values())
    if not total:
        return ""
    kinds = [kind for kind in SPEAKER_TYPES if shares.get(kind)]
    x = 0.0
    parts = []
    for kind in kinds:
        width = 300 * shares[kind] / total
        parts.append(
            f'<rect class="voice-{kind}" x="{x:.1f}" y="0" width="{width:.1f}" height="18">'
            f"<title>{kind}: {100 * shares[kind] / total:.0f}% of quoted text</title></rect>"
        )
        x += width
    legend = ", ".join(f"{kind} {100 * shares[kind] / total:.0f}%" for kind in kinds)
    return (
        '<svg class="chart" viewBox="0 0 300 18" width="300" height="18" role="img" '
        f'aria-label="share of voice: {legend}">{"".join(parts)}</svg>'
        f'<p class="legend">{legend}</p>'
    )


MONTHS_CHARTED = 120  # past this many months, the chart has a bar per year


def months_chart(
    months: list[tuple[str, int]], what: str = "quotes", link: Callable[[str], str] | None = None
) -> str:
    """Counts per month ("2022-02") as inline SVG bars on a time axis: every month from the
    first to the last, empty ones too (a bar per year over a longer span), with the count's
    axis and the years marked; with ``link``, each bar links to its period ("2022-02" or
    "2022")."""
    if not months:
        return ""
    periods = _periods(months)
    most = max(count for _, count in periods) or 1
    width, left, top, plot, bottom = 640, 44, 14, 80, 18
    step = (width - left - 4) / len(periods)
    base = top + plot
    bars: list[str] = []
    ticks: list[tuple[float, str]] = []
    for i, (period, count) in enumerate(periods):
        x = left + i * step
        height = plot * count / most
        bar = (
            f'<rect x="{x:.2f}" y="{base - height:.2f}" width="{max(step * 0.8, 0.6):.2f}" '
            f'height="{height:.2f}"><title>{escape(period)}: {count} {escape(what)}</title></rect>'
        )
        bars.append(f'<a href="{escape(link(period))}">{bar}</a>' if link and count else bar)
        if not ticks or ticks[-1][1] != period[:4]:
            ticks.append((x, period[:4]))
    every = max(1, math.ceil(len(ticks) * 40 / (width - left)))  # a year label per 40 px
    axis = (
        f'<line x1="{left - 2}" y1="{base}" x2="{width}" y2="{base}" stroke="currentColor"/>'
        f'<line x1="{left - 2}" y1="{top}" x2="{left - 2}" y2="{base}" stroke="currentColor"/>'
        f'<text x="{left - 6}" y="{top + 4}" text-anchor="end">{most:,}</text>'
        f'<text x="{left - 6}" y="{base}" text-anchor="end">0</text>'
        + "".join(
            f'<text x="{x:.1f}" y="{base + bottom - 4}">{escape(label)}</text>'
            for x, label in ticks[::every]
        )
    )
    unit = "year" if len(periods[0][0]) == 4 else "month"
    return (
        f'<svg class="chart months" viewBox="0 0 {width} {base + bottom}" width="{width}" '
        f'height="{base + bottom}" role="img" aria-label="{escape(what)} per {unit}, '
        f'{escape(periods[0][0])} to {escape(periods[-1][0])}, at most {most:,}">'
        f"{axis}{''.join(bars)}</svg>"
    )


def _periods(months: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Every month from the first of ``months`` to the last with its count (0 where none),
    or every year, when that is more than ``MONTHS_CHARTED`` months."""
    counts = dict(months)
    first, last = _month_number(months[0][0]), _month_number(months[-1][0])
    if last - first < MONTHS_CHARTED:
        every = (f"{n // 12:04d}-{n % 12 + 1:02d}" for n in range(first, last + 1))
        return [(month, counts.get(month, 0)) for month in every]
    years: Counter[str] = Counter()
    for month, count in months:
        years[month[:4]] += count
    return [(f"{y:04d}", years[f"{y:04d}"]) for y in range(first // 12, last // 12 + 1)]


def _month_number(month: str) -> int:
    return int(month[:4]) * 12 + int(month[5:7]) - 1


# --- actors -----------------------------------------------------------------------------------


@dataclass
class ActorPage:
    actor: ActorSummary
    spellings_by_document: dict[str, Counter[str]]
    quotes_by: list[StoredQuote]  # a page of the quotes the actor gave
    by_paging: Paging
    quotes_about: list[StoredQuote]  # a page of the quotes others gave that name the actor
    about_paging: Paging
    citations: dict[str, Citation]  # how each document shown is named


def actor_list(
    store: Store,
    query: str | None = None,
    *,
    page: int = 1,
    per_page: int = PAGE_SIZE,
    everyone: list[ActorSummary] | None = None,
) -> tuple[list[ActorSummary], Paging]:
    """A page of the actors, most named first, and where it lies among all of them.
    ``everyone``: all the actors, counted before (see ``actors``)."""
    found = actors(store, query=query, everyone=everyone)
    at = paging(len(found), page, per_page, {"q": query})
    return found[at.offset : at.offset + per_page], at


def actor_page(
    store: Store,
    actor_id: str,
    *,
    by_page: int = 1,
    about_page: int = 1,
    per_page: int = PAGE_SIZE,
) -> ActorPage | None:
    """An actor's spellings by document, a page of the quotes it gave and one of the quotes
    others gave that name it, each in date order, with how many there are."""
    mentions = list(store.mentions(actor=actor_id))
    if not mentions:
        return None
    first = mentions[0]
    ids = (actor_id, *joined_ids(store, actor_id, first.name, first.type))
    for other in ids[1:]:  # "Watson" in documents that never give her full name
        mentions += store.mentions(actor=other)
    summary = summarise(mentions)
    if summary is None:
        return None
    summary.ids = list(ids)
    by_document: dict[str, Counter[str]] = {}
    for m in mentions:
        by_document.setdefault(m.document_id, Counter())[m.text] += 1
    names = tuple(dict.fromkeys(m.name for m in mentions))  # the full name, the surname's
    said = QuoteFilter(said_by=names)
    naming = QuoteFilter(naming=ids, not_said_by=names)
    by_at = paging(store.count_quotes(said), by_page, per_page, {"about_page": str(about_page)})
    about_at = paging(store.count_quotes(naming), about_page, per_page, {"by_page": str(by_page)})
    quotes_by = list(store.quotes(said, limit=per_page, offset=by_at.offset))
    about = list(store.quotes(naming, limit=per_page, offset=about_at.offset))
    shown = {*by_document, *(q.document_id for q in quotes_by + about)}
    citations = store.citations(shown)
    return ActorPage(summary, by_document, quotes_by, by_at, about, about_at, citations)


# --- figures and the timeline -----------------------------------------------------------------


@dataclass
class FiguresPage:
    figures: list[StoredQuantity]
    paging: Paging
    order: str
    descending: bool
    units: list[tuple[str, int]]  # how many figures of each unit the other filters keep
    outlets: list[str]
    citations: dict[str, Citation]  # how each document shown is named


def figures(
    store: Store,
    where: FigureFilter | None = None,
    *,
    order: str = "document",
    descending: bool = False,
    page: int = 1,
    per_page: int = PAGE_SIZE,
) -> FiguresPage:
    """A page of the figures ``where`` keeps, sorted by ``order``, with the units they come
    in."""
    where = where or FigureFilter()

    def rows_from(offset: int) -> tuple[int, list[StoredQuantity]]:
        return store.quantities(
            where, order=order, descending=descending, limit=per_page, offset=offset
        )

    total, rows = rows_from((page - 1) * per_page)
    params = {**asdict(where), "order": order, "desc": "true" if descending else None}
    at = paging(total, page, per_page, params)
    if at.page != page:  # past the last page: the last one
        _, rows = rows_from(at.offset)
    citations = store.citations({row.document_id for row in rows})
    units = store.figure_units(where)
    return FiguresPage(rows, at, order, descending, units, store.outlets(), citations)


# a currency's sign, where it has one ("USD": "$"), and the words of large numbers, largest
# first: both from the figures' own stage
_SIGNS = {code: sign for sign, code in reversed(CURRENCY_SIGNS.items())}
_LARGE = sorted(((v, k) for k, v in SCALES.items() if v >= 1e6 and len(k) > 3), reverse=True)


def amount(value: float | None, unit: str | None = None) -> str:
    """A figure's value as people write it, with its unit: "100,000", "$6.8 billion",
    "12.5%", "1,288 km"; never "1e+05"."""
    if value is None:
        return ""
    number = _number(value)
    if unit == "percent":
        return f"{number}%"
    if unit in CURRENCY_CODES:
        for scale, word in _LARGE:
            if abs(value) >= scale:
                number = f"{_number(value / scale)} {word}"
                break
        sign = _SIGNS.get(unit)
        return f"{sign}{number}" if sign else f"{number} {unit}"
    return f"{number} {unit}" if unit else number


def _number(value: float) -> str:
    """Thousands separated; at most three decimals, none when whole."""
    if value == int(value):
        return f"{int(value):,}"
    return f"{value:,.3f}".rstrip("0").rstrip(".")


_CHART_COLOURS = ("#0072b2", "#e69f00", "#009e73", "#cc79a7", "#d55e00", "#56b4e9", "#000000")
_SHAPES = ("circle", "square", "diamond")


def figures_chart(rows: list[StoredQuantity], link: Callable[..., str]) -> str:
    """One measured quantity as each source gave it over time, as inline SVG: each figure a
    point (value against its document's date) linking to its sentence, one colour and shape
    per source, so that figures that disagree show at a glance. Only the commonest unit's
    dated figures are drawn (a count and a sum do not share an axis)."""
    units = Counter(r.quantity.unit for r in rows if r.quantity.value is not None)
    if not units:
        return ""
    unit = units.most_common(1)[0][0]
    points = [
        (day, r)
        for r in rows
        if r.quantity.unit == unit and r.quantity.value is not None and (day := day_number(r.date))
    ]
    if not points:
        return ""
    sources = sorted({r.quantity.source or r.outlet or "unknown" for _, r in points})
    first, last = min(d for d, _ in points), max(d for d, _ in points)
    top = max(r.quantity.high or r.quantity.value or 0 for _, r in points) or 1
    width, height, left, bottom = 600, 240, 60, 30
    marks = []
    for day, r in points:
        q = r.quantity
        x = left + (width - left - 10) * ((day - first) / (last - first) if last > first else 0.5)
        y = height - bottom - (height - bottom - 10) * (q.value or 0) / top
        source = q.source or r.outlet or "unknown"
        number = sources.index(source)
        label = f"{q.text} {q.counted or ''}, {source}, {(r.date or '')[:10]}"
        marks.append(
            f'<a href="{escape(link("document", r.document_id, q.start))}">'
            f"{_mark(number, x, y)}<title>{escape(label)}</title></a>"
        )
    legend = "".join(
        f'<li><svg width="12" height="12" aria-hidden="true">{_mark(i, 6, 6)}</svg> '
        f"{escape(source)}</li>"
        for i, source in enumerate(sources)
    )
    axis = (
        f'<line x1="{left}" y1="{height - bottom}" x2="{width}" y2="{height - bottom}" '
        'stroke="currentColor"/>'
        f'<line x1="{left}" y1="0" x2="{left}" y2="{height - bottom}" stroke="currentColor"/>'
        f'<text x="{left - 4}" y="14" text-anchor="end">{top:,.4g}</text>'
        f'<text x="{left - 4}" y="{height - bottom}" text-anchor="end">0</text>'
        f'<text x="{left}" y="{height - 8}">{date.fromordinal(first).isoformat()}</text>'
        f'<text x="{width}" y="{height - 8}" text-anchor="end">'
        f"{date.fromordinal(last).isoformat()}</text>"
    )
    what = escape(unit or "count")
    return (
        f'<svg class="chart figures" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="{len(points)} figures ({what}) against '
        f'date, by source">{axis}{"".join(marks)}</svg><ul class="legend">{legend}</ul>'
    )


def _mark(number: int, x: float, y: float) -> str:
    """The point of the ``number``-th source: its own colour and shape."""
    colour = _CHART_COLOURS[number % len(_CHART_COLOURS)]
    shape = _SHAPES[(number // len(_CHART_COLOURS)) % len(_SHAPES)]
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{colour}"/>'
    if shape == "square":
        return f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}"/>'
    return f'<path d="M{x:.1f} {y - 6:.1f}l6 6-6 6-6-6z" fill="{colour}"/>'


@dataclass
class TimelinePage:
    events: list[Event]
    paging: Paging
    months: list[tuple[str, int]]  # how many of the events each month holds
    outlets: list[str]
    newest_first: bool


def timeline_page(
    store: Store,
    where: EventFilter | None = None,
    *,
    params: dict[str, str | None] | None = None,
    newest_first: bool = False,
    page: int = 1,
    per_page: int = PAGE_SIZE,
) -> TimelinePage:
    """A page of the events ``where`` keeps (see ``event_filter``), oldest or newest first;
    and the events per month, for the chart that narrows the dates. ``params``: the filters
    as the address gives them, which links to other pages keep."""
    where = where or EventFilter()
    total, found = store.events(where, per_page, (page - 1) * per_page, newest_first=newest_first)
    kept = {**(params or {}), "order": "newest" if newest_first else None}
    at = paging(total, page, per_page, kept)
    if at.page != page:  # past the last page: the last one
        _, found = store.events(where, per_page, at.offset, newest_first=newest_first)
    return TimelinePage(found, at, store.events_by_month(where), store.outlets(), newest_first)


# --- quotes -----------------------------------------------------------------------------------


@dataclass
class QuotesPage:
    quotes: list[StoredQuote]
    paging: Paging
    facets: dict[str, list[tuple[str, int]]]  # what the quotes found can be narrowed by
    where: QuoteFilter
    citations: dict[str, Citation]  # how each document shown is named


def quotes_page(
    store: Store,
    where: QuoteFilter,
    *,
    page: int = 1,
    per_page: int = PAGE_SIZE,
) -> QuotesPage:
    """A page of the quotes ``where`` keeps, in date order, with how many there are and how
    many of them each speaker type, outlet and kind has."""
    params = {("q" if key == "text" else key): value for key, value in asdict(where).items()}
    at = paging(store.count_quotes(where), page, per_page, params)
    found = list(store.quotes(where, limit=per_page, offset=at.offset))
    citations = store.citations({q.document_id for q in found})
    return QuotesPage(found, at, store.quote_facets(where), where, citations)


# --- positions --------------------------------------------------------------------------------


@dataclass
class PositionsTable:
    issues: list[Issue]
    by: By
    rows: list[tuple[str, str]]  # (key, name) of each party or actor with a stance
    cells: dict[tuple[str, str], Position]  # (key, issue id) -> position
    sort: str  # "name", "statements", or the id of the issue rows are sorted by


def positions_table(
    found: list[Position],
    issues: list[Issue],
    by: By = "party",
    sort: str = "name",
    party: str | None = None,
) -> PositionsTable:
    """The party (or actor) × issue matrix of the positions found; rows by name, by their
    number of statements, or by their position on one issue (most for first); with
    ``party``, only the actors of that party."""
    if party is not None:
        found = [p for p in found if p.party == party]
    cells = {(p.key, p.issue): p for p in found}
    rows = sorted({(p.key, p.name) for p in found}, key=lambda row: row[1].casefold())
    if sort == "statements":
        counts = Counter({key: 0 for key, _ in rows})
        for p in found:
            counts[p.key] += len(p.evidence)
        rows.sort(key=lambda row: -counts[row[0]])
    elif sort in {issue.id for issue in issues}:
        rows.sort(
            key=lambda row: -(cells[(row[0], sort)].position if (row[0], sort) in cells else -1)
        )
    else:
        sort = "name"
    return PositionsTable(issues, by, rows, cells, sort)


# --- claims compared --------------------------------------------------------------------------

CLAIM_GROUPS_PER_PAGE = 20


@dataclass
class ClaimsPage:
    groups: list[ClaimGroup]
    paging: Paging  # of the groups that pass the filters
    counts: dict[Relation, int]  # of all groups, how many have a pair of each relation


def claims_page(
    groups: list[ClaimGroup],
    *,
    relation: Relation | None = None,
    query: str | None = None,
    page: int = 1,
    per_page: int = CLAIM_GROUPS_PER_PAGE,
) -> ClaimsPage:
    """A page of the claim groups that ``matching`` keeps, in the order given."""
    found = matching(groups, relation, query)
    at = paging(len(found), page, per_page, {"relation": relation, "q": query})
    counts = {r: sum(1 for g in groups if g.count(r)) for r in RELATIONS}
    return ClaimsPage(found[at.offset : at.offset + per_page], at, counts)


def claim_pieces(claim: Claim) -> list[tuple[str, str | None]]:
    """A claim's text cut at its hedges, negations and figures, each piece with what it is
    (None for plain text), so that a template can mark them and still escape every piece."""
    marks = sorted(
        [(m.start, m.end, "hedge") for m in claim.hedges]
        + [(m.start, m.end, "negation") for m in claim.negations]
        + [(f.start, f.end, "figure") for f in claim.figures]
    )
    pieces: list[tuple[str, str | None]] = []
    at = claim.start  # document offsets, like the marks'
    for start, end, kind in marks:
        if start < at or end > claim.end:  # overlaps the mark before, or runs past the claim
            continue
        pieces.append((claim.text[at - claim.start : start - claim.start], None))
        pieces.append((claim.text[start - claim.start : end - claim.start], kind))
        at = end
    pieces.append((claim.text[at - claim.start :], None))
    return [(text, kind) for text, kind in pieces if text]


@dataclass(frozen=True)
class IssueForecast:
    """One issue's forecasts, for the forecast page: its models' forecasts, the parties
    heaviest first, and the line that draws them."""

    issue: Issue
    forecasts: list[Forecast]
    chart: str


def issue_forecasts(found: list[Forecast], issues: list[Issue]) -> list[IssueForecast]:
    """The forecasts of each issue that has any, in the issues' order."""
    shown = []
    for issue in issues:
        mine = [f for f in found if f.issue == issue.id]
        if mine:
            shown.append(IssueForecast(issue, mine, forecast_line(mine)))
    return shown


_MODEL_ROW = {
    "compromise": 62,
    "median": 76,
    "challenge": 90,
}  # where each model's mark sits on the line


def forecast_line(forecasts: list[Forecast]) -> str:
    """The issue's 0-100 line: each party a circle at its position, its area its weight
    (capability times salience), and each model's forecast a mark under the line with the
    5-95% range of its draws as a bar."""
    stakes = forecasts[0].stakes
    heaviest = max((s.weight for s in stakes), default=0) or 1
    parts = [
        '<line class="axis" x1="20" y1="40" x2="620" y2="40"/>',
        '<text x="20" y="16">0 against</text>',
        '<text x="620" y="16" text-anchor="end">for 100</text>',
    ]
    for stake in sorted(stakes, key=lambda s: -s.weight):
        x = 20 + 6 * stake.position
        r = 3 + 12 * math.sqrt(stake.weight / heaviest)
        parts.append(
            f'<circle class="party" cx="{x:.1f}" cy="40" r="{r:.1f}"><title>'
            f"{escape(stake.party)}: position {stake.position:.0f}, salience"
            f" {stake.salience:.0f}, capability {stake.capability:g}</title></circle>"
        )
    for forecast in forecasts:
        if forecast.value is None:
            continue
        y = _MODEL_ROW[forecast.model]
        if forecast.spread is not None:
            low, high = (20 + 6 * v for v in (forecast.spread.low, forecast.spread.high))
            parts.append(
                f'<rect class="spread {forecast.model}" x="{low:.1f}" y="{y - 3}"'
                f' width="{max(high - low, 1):.1f}" height="6"><title>{forecast.model}: 5-95%'
                f" of the draws {forecast.spread.low:.0f}-{forecast.spread.high:.0f}</title></rect>"
            )
        x = 20 + 6 * forecast.value
        # the label on the side of the mark with room for it
        label_x, anchor = (x - 8, "end") if forecast.value > 70 else (x + 8, "start")
        parts.append(
            f'<path class="forecast {forecast.model}" d="M{x:.1f} {y - 7} l-5 -7 h10 z">'
            f"<title>{forecast.model}: {forecast.value:.0f}</title></path>"
            f'<text x="{label_x:.1f}" y="{y - 8}" text-anchor="{anchor}">'
            f"{forecast.model} {forecast.value:.0f}</text>"
        )
    return (
        '<svg class="chart forecast-line" viewBox="0 0 640 112" width="640" height="112"'
        ' role="img" aria-label="parties and forecasts on the line from 0 to 100">'
        + "".join(parts)
        + "</svg>"
    )
