"""Stage ``quotes``: for every statement a document attributes to someone, what was said, who
said it, and the cue, with offsets.

Built on spaCy's dependency parse. A *frame* is a cue with its source: a verb of saying and its
subject ("X said", "X told reporters", "X warned"), a noun of saying and its owner ("X's
claim that"), or "according to X". A quoted stretch takes, in this order: the frame of a colon
introduction before it ("X said:"), a frame whose cue governs it in the parse ("X said, “…”",
"“…,” X said", "called it “…”"), the nearest frame in its sentence or just after it ("…,” one
said), a dash and a name ("“…” — X"), or the speaker of the quote before it when it goes on.
A frame with a clause and no quote is reported speech. Transcript turns ("MS. JEAN-PIERRE:",
"Q", "Vladimir Putin:") are quotes of their own, and inside a turn "I" and "we" are its speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import takewhile

from spacy.tokens import Doc, Span, Token

from sayso import gazetteer, nlp
from sayso.extract.confidence import confidence
from sayso.extract.quotemarks import Quoted, find_quoted
from sayso.extract.registry import StageFunction, stage
from sayso.extract.speakers import CUE_VERBS, Conversation, Resolver, is_role
from sayso.gazetteer import Gazetteer
from sayso.model import Document, Quote, QuoteKind, Speaker
from sayso.settings import Settings
from sayso.text import layout

# Verbs of a position rather than of speech, which report the clause they take: "the Kremlin
# backs calls to end the war", "Kyiv refused to cede any territory".
POSITION_VERBS = frozenset(
    """support back oppose reject veto endorse favor favour seek propose welcome refuse
    advocate""".split()
)
# Verbs that attribute only the quote they govern: "called the plan “a disaster”".
NAMING_VERBS = frozenset(
    """call dub label brand term praise criticize criticise refer characterize characterise
    compare mock slam blast hail deride liken rate dismiss""".split()
)
# Nouns of saying with an owner: "Trump's claim that …", "Clinton's remarks".
CUE_NOUNS = frozenset(
    """claim statement remark comment word assertion accusation warning promise pledge argument
    description suggestion prediction assessment characterization contention insistence
    admission denial vow threat call question answer response message tweet post testimony
    speech address reference demand request proposal refusal""".split()
)
# How a quote hangs from the cue that claims it: as its complement, not as its subject.
_COMPLEMENTS = frozenset("ccomp xcomp dobj oprd attr acomp advcl parataxis conj dep acl".split())
_NAMING_PREPOSITIONS = frozenset({"as", "to"})

_MIN_QUOTE_WORDS = 4  # shorter quoted stretches ("the gold standard") need a cue that governs them
_MIN_UNATTRIBUTED_WORDS = 8  # a quote with no cue at all is reported only when it is a statement
_NEAR_CHARS = 150  # how far after a quote its cue may sit ("…,” one said)


@stage("quotes", assigns=("quotes",), requires=("text", "parse"))
def make_quotes(settings: Settings) -> StageFunction:
    nlp.load()

    places = gazetteer.load(settings.gazetteer)

    def run(doc: Document) -> None:
        doc.quotes = find_quotes(doc.text, places, terms=settings.terms, parse=doc.parse)

    return run


def find_quotes(
    text: str, places: Gazetteer | None = None, *, terms: bool = False, parse: Doc | None = None
) -> list[Quote]:
    """All quotes of ``text`` in reading order. The gazetteer (``places``, the bundled one by
    default) says which names are of places and bodies, never people; ``terms`` keeps the
    few words quoted with no cue (kind ``term``), which are otherwise no quotes. ``parse``:
    the text's parse, where it is made already."""
    found = _Reader(text, places or gazetteer.load(), parse).quotes()
    return found if terms else [quote for quote in found if quote.kind != "term"]


class _Stretches:
    """The quoted stretches of a text in order of their start, asked about by sentence and by
    cue: each question answered by bisection, not by a look at every stretch (a text may
    hold thousands)."""

    def __init__(self, stretches: list[Quoted]) -> None:
        self.items = sorted(stretches, key=lambda q: (q.start, -q.end))
        self.starts = [q.start for q in self.items]
        self.reach = [0]  # reach[k]: the furthest end of the first k stretches
        for q in self.items:
            self.reach.append(max(self.reach[-1], q.end))

    def starting_in(self, start: int, end: int) -> list[Quoted]:
        return self.items[bisect_left(self.starts, start) : bisect_left(self.starts, end)]

    def overlapping(self, start: int, end: int) -> bool:
        """Whether a stretch overlaps ``start:end``."""
        before = bisect_left(self.starts, end)
        return before > 0 and self.reach[before] > start

    def containing(self, position: int) -> Iterator[Quoted]:
        """The stretches that hold ``position``, the last to start first."""
        i = bisect_right(self.starts, position) - 1
        while i >= 0 and self.reach[i + 1] > position:
            if self.items[i].end > position:
                yield self.items[i]
            i -= 1


@dataclass(frozen=True)
class Frame:
    """A cue and the source it names, with the clause it reports if any."""

    cue: Token
    cue_start: int
    cue_end: int
    source: Span | None
    clause: tuple[int, int] | None  # character span of the reported clause
    sentence: int  # index of its sentence
    refers_to: Span | None = None  # what a relative pronoun source ("who said") stands for


@dataclass(frozen=True)
class Turn:
    """A transcript turn: the label and the text that follows it, up to the next label."""

    label: str
    label_start: int | None  # None for an opening question the label is inferred for
    label_end: int | None
    start: int
    end: int


class _Reader:
    """One pass over a document, in reading order, so that speakers resolve against the ones
    met before them."""

    def __init__(self, text: str, places: Gazetteer, parse: Doc | None) -> None:
        self.text = text
        self.sdoc = nlp.parse(text) if parse is None else parse
        self.sentences = list(self.sdoc.sents)
        self.frames = [list(_frames(sent, i)) for i, sent in enumerate(self.sentences)]
        self.resolver = Resolver.for_doc(self.sdoc, places)
        self.paragraphs = layout.paragraphs(text)  # read once: turns, speeches, headlines
        turns = [
            _turn_quote(turn, self.resolver, text) for turn in find_turns(text, self.paragraphs)
        ]
        # a label's place, where a quote mark just after it opens no quote of its own
        labelled = {turn.speaker.start for turn in turns if turn.speaker.start is not None}
        self.turns = sorted([*turns, *self._speech_in_full(turns)], key=lambda q: q.start)
        self.turn_starts = [turn.start for turn in self.turns]
        self.conversations = self._conversations()
        marked = [
            q
            for q in find_quoted(text)
            if not q.nested
            and _inner(q, text)
            and not labelled & {q.start + 1, q.start + 2}
            and not _names_a_work(q, text)
            and not _mentions_a_word(q, text)
        ]
        marked += self._headlines(_Stretches(marked), labelled)
        self.quoted = _Stretches([*marked, *self._dashed_speech(_Stretches(marked))])
        self.resolver.speech_at = self._speech_at
        self.last: Quote | None = None

    def _dash_frame(self, start: int, end: int) -> Frame | None:
        """The cue of speech and its source the words after a dash are ("said Lavrov", "the
        chancellor said"), where the parse missed them (it may read "- said Lavrov" as
        anything but a verb and its subject); None if they are none. The source is the words
        from the first after the cue (or before it) to the first preposition or mark."""
        span = self.sdoc.char_span(start, end, alignment_mode="expand")
        if span is None or len(span) > _DASH_ATTRIBUTION_WORDS:
            return None
        cue = next((t for t in span if t.lemma_.lower() in CUE_VERBS), None)
        if cue is None:
            return None
        after = [t for t in span if t.i > cue.i]
        named = list(takewhile(lambda t: not (t.is_punct or t.pos_ == "ADP"), after))
        if not named:
            named = [t for t in span if t.i < cue.i and not t.is_punct]
        if not named or named[0].pos_ not in {"PROPN", "NOUN", "PRON", "DET"}:
            return None
        index = self.resolver.positions.sentence_of(cue)
        source = self.sdoc[named[0].i : named[-1].i + 1]
        return Frame(cue, cue.idx, cue.idx + len(cue), source, None, index)

    def _speech_at(self, position: int) -> tuple[int, int] | None:
        """The quoted stretch ``position`` lies in, if any."""
        inside = next(self.quoted.containing(position), None)
        return None if inside is None else (inside.start, inside.end)

    def _headlines(self, marked: _Stretches, labelled: set[int]) -> list[Quoted]:
        """A headline that gives a person's words after their name and a colon, with no
        quotation marks ("Joe Biden: I am convinced that Putin has made a decision"): the
        words after the colon, a quoted stretch whose speaker the colon introduces. Only in a
        short line of its own, after a person's name (as the tagger reads it) that opens the
        line or follows a heading glued to it, and no transcript's turn."""
        found = []
        for par in self.paragraphs:
            if "\n" in par.text or len(par.text) > _MAX_HEADLINE_CHARS:
                continue
            label = _HEADLINE_LABEL.search(par.text)
            if label is None or par.start in labelled or par.start + label.start(1) in labelled:
                continue
            said_start = par.start + label.end()
            if len(self.text[said_start : par.end].split()) < _MIN_QUOTE_WORDS:
                continue
            if marked.overlapping(par.start, par.end):
                continue  # "Carson: ‘…’": the marks say what is quoted
            name = self.sdoc.char_span(
                par.start + label.start(1), par.start + label.end(1), alignment_mode="expand"
            )
            if name is None or not any(e.label_ == "PERSON" for e in self.resolver.ents_in(name)):
                continue
            found.append(Quoted(said_start, par.end, said_start, par.end, True, False))
        return found

    def _dashed_speech(self, marked: _Stretches) -> list[Quoted]:
        """Speech set off by dashes, as Polish, Russian and Ukrainian news print it (and
        their translations keep): "- We do not want wars - said Lavrov." A stretch opens with
        a dash at a paragraph's or sentence's start and closes at a dash followed by a cue of
        speech and its source ("- he emphasized", "- said the analyst") up to the sentence's
        end; a dash that no cue follows is part of what is said."""
        sources = sorted(
            (f.cue_start, f.source.start_char)
            for frames in self.frames
            for f in frames
            if f.source is not None
        )
        cue_starts = [cue for cue, _ in sources]
        found: list[Quoted] = []
        opened_after = 0
        for closer in _DASH_CLOSER.finditer(self.text):
            dash, after = closer.start("dash"), closer.end("dash")
            if dash < opened_after:
                continue
            # the attribution runs to the sentence's end or the next dash
            stop = _ATTRIBUTION_END.search(self.text, after, after + _DASH_ATTRIBUTION_CHARS)
            end = stop.start() if stop else min(len(self.text), after + _DASH_ATTRIBUTION_CHARS)
            first = bisect_left(cue_starts, after)
            parsed = any(
                cue - after <= _DASH_CUE_CHARS and dash < source < end
                for cue, source in sources[first : first + 3]
                if cue < end
            )
            missed = None if parsed else self._dash_frame(after, end)
            if not parsed and missed is None:
                continue  # no cue of speech and its source just after: a dash in the speech
            # the speech opens with the last opening dash of the closing dash's paragraph
            # since the last speech closed (looking no further back keeps a long line linear)
            paragraph = self.text.rfind("\n", opened_after, dash) + 1
            openers = _DASH_OPENER.finditer(self.text, max(paragraph, opened_after), dash)
            opener = max(openers, key=lambda o: o.start("dash"), default=None)
            opened_after = end
            if opener is None:
                continue
            start = opener.start("dash")
            content = self.text[start + 1 : dash]
            if len(content.split()) < 3 or marked.overlapping(start, dash + 1):
                continue
            if missed is not None:
                self.frames[missed.sentence].append(missed)
            found.append(Quoted(start, dash + 1, start + 1, dash, True, False))
        return found

    def quotes(self) -> list[Quote]:
        found: list[Quote] = []
        claimed: set[int] = set()
        for index, sent in enumerate(self.sentences):
            # a turn's label may open the sentence, so the sentence's last word says whose it is
            context = self._conversation(sent.start_char + len(sent.text.rstrip()) - 1)
            for stretch in self.quoted.starting_in(sent.start_char, sent.end_char):
                quote, frame = self._attribute(stretch, index, context)
                if frame is not None:
                    claimed.add(id(frame))
                if quote is not None:
                    found.append(quote)
                if quote is not None and quote.kind != "term":  # a term is nobody's speech
                    self.resolver.remember(quote.speaker)
                    self.last = quote
            for frame in self.frames[index]:
                if id(frame) in claimed or frame.clause is None or frame.source is None:
                    continue
                if self.quoted.overlapping(*frame.clause):
                    continue
                if self._crosses_a_quote(frame.cue_start, frame.clause):
                    continue
                quote = self._reported(frame, context)
                if quote is not None:
                    found.append(quote)
                    self.resolver.remember(quote.speaker)
                    self.last = quote
        return sorted([*self.turns, *found], key=lambda q: (q.start, q.end))

    # --- direct and mixed quotes ---------------------------------------------------------------

    def _attribute(
        self, stretch: Quoted, index: int, context: Conversation | None
    ) -> tuple[Quote | None, Frame | None]:
        content = _inner(stretch, self.text)
        if content is None:
            return None, None
        start, end = content
        words = len(self.text[start:end].split())
        if any(f.source is not None and _within(stretch, f.source) for f in self.frames[index]):
            return None, None  # the quote names who speaks: “The Wall Street Journal” wrote
        frame, how = self._frame_for(stretch, index, words, inside_turn=context is not None)
        if frame is not None and frame.source is not None:
            speaker = self.resolver.from_span(frame.source, context, frame.refers_to, content)
            kind: QuoteKind = "direct"
            if (
                how == "governed"
                and words < _MIN_UNATTRIBUTED_WORDS
                and not self._named(frame, stretch)
            ):
                kind = "term"  # a few words in the subject's clause, with no cue of speech
            elif frame.clause and _inside_clause((start, end), frame.clause, self.text):
                # the reported clause with the quote in it, closing mark and all
                start, end = min(start, frame.clause[0]), max(stretch.end, frame.clause[1])
                kind, how = "mixed", "mixed"
            return self._quote(
                start, end, kind, frame.cue_start, frame.cue_end, speaker, how
            ), frame
        dashed = self._dash_attribution(stretch)
        if dashed is not None:
            dash_start, dash_end, source = dashed
            speaker = self.resolver.from_span(source, context, spoken=content)
            return self._quote(
                start, end, "direct", dash_start, dash_end, speaker, "introduced"
            ), None
        if words >= _MIN_QUOTE_WORDS and self._continues(stretch):
            assert self.last is not None
            return self._quote(
                start, end, "direct", None, None, self.last.speaker, "continued"
            ), None
        if words < _MIN_UNATTRIBUTED_WORDS or context is not None:
            return None, None  # a scare quote, or a quote inside a turn, which is the turn's
        unknown = Speaker(None, None, None, None, None, "unknown")
        return self._quote(start, end, "direct", None, None, unknown, "unattributed"), None

    def _frame_for(
        self, stretch: Quoted, index: int, words: int, *, inside_turn: bool
    ) -> tuple[Frame | None, str]:
        around = [
            f
            for f in self._frames_around(stretch, index)
            if f.source is not None and not _overlaps(_span(f.source), (stretch.start, stretch.end))
        ]
        exits = _exits(self.sdoc, stretch)
        governing = [f for f in around if any(_claims(f.cue, token) for token in exits)]
        if governing:
            outermost = min(
                governing,
                key=lambda f: (
                    f.cue.pos_ == "NOUN",
                    len(list(f.cue.ancestors)),
                    _distance(f, stretch),
                ),
            )
            return outermost, "claimed"
        introduced = self._introduction(stretch, index)
        if introduced is not None:
            return introduced, "introduced"
        speaking = [f for f in around if f.cue.lemma_.lower() not in NAMING_VERBS]
        after = [f for f in speaking if f.cue_start >= stretch.end and self._just_after(stretch, f)]
        if after:
            return min(after, key=lambda f: _distance(f, stretch)), "claimed"
        if words >= _MIN_QUOTE_WORDS and speaking and not inside_turn:
            return min(speaking, key=lambda f: _distance(f, stretch)), "nearest"
        if not inside_turn and not _title_like(stretch, self.text):
            governed = _governing_subject(exits, index)
            if governed is not None:
                return governed, "governed"
        return None, ""

    def _named(self, frame: Frame, stretch: Quoted) -> bool:
        """Whether the verb a few quoted words hang from presents them as its subject's words:
        a verb of saying or naming ("blasted the media for being “dishonest”", "likened them
        to a “vicious snake”"), words said to be used ("used the phrase “…”"), or "as"
        before them ("has gone after Trump as a “spoiled brat”")."""
        if frame.cue.lemma_.lower() in CUE_VERBS | NAMING_VERBS:
            return True
        before = self.text[max(0, stretch.start - _MENTION_LOOK_BACK) : stretch.start]
        if _USING.search(before):  # "used the phrase “Islamic terrorism”"
            return True
        for token in _exits(self.sdoc, stretch):
            for above in (token, *token.ancestors):
                if above.i == frame.cue.i:
                    break
                if above.dep_ == "prep" and above.lower_ == "as":
                    return True
        return False

    def _frames_around(self, stretch: Quoted, index: int) -> list[Frame]:
        """Frames whose cue lies outside the quote: in a sentence the quote touches, or just
        after it when only a few words lie between ("…,” one said)."""
        result: list[Frame] = []
        for frames in self.frames[index:]:
            for frame in frames:
                sentence = self.sentences[frame.sentence]
                if sentence.start_char > stretch.end + _NEAR_CHARS:
                    return result
                if stretch.start <= frame.cue_start < stretch.end:
                    continue
                touches = sentence.start_char < stretch.end and sentence.end_char > stretch.start
                if touches or self._just_after(stretch, frame):
                    result.append(frame)
        return result

    def _just_after(self, stretch: Quoted, frame: Frame) -> bool:
        between = self.text[stretch.end : frame.cue_start]
        return len(between) <= _NEAR_CHARS and not re.search(r"[.!?]\s|\n|[“\"«]", between)

    def _introduction(self, stretch: Quoted, index: int) -> Frame | None:
        """A quote introduced by the words before it: "Caddell continued:", "X said:", a
        headline's "Ben Carson: ‘…’", or "Clinton released the following statement:"."""
        colon = _last_visible(self.text, stretch.start)
        if colon < 0 or self.text[colon] != ":":
            return None
        for frames in reversed(self.frames[max(0, index - 2) : index + 1]):
            for frame in reversed(frames):
                if (
                    frame.cue_end <= colon
                    and colon - frame.cue_end < 200
                    and frame.source is not None
                ):
                    return frame
        colon_token = self.sdoc.char_span(colon, colon + 1, alignment_mode="expand")
        if colon_token is None:
            return None
        # a label of a few words opens its line: looked for only that far back
        reach = max(0, colon - _MAX_LABEL_CHARS)
        line_start = self.text.rfind("\n", reach, colon) + 1 or (0 if reach == 0 else colon)
        label = _HEADLINE_SPEAKER.match(self.text, line_start, colon + 1)
        glued = max(self.text.rfind(end, line_start, colon) for end in ".!?")
        if label is None and glued >= 0:  # a heading glued to the one before it
            label = _HEADLINE_SPEAKER.match(self.text, glued + 1, colon + 1)
        if label is not None:
            name = self.sdoc.char_span(label.start(1), label.end(1), alignment_mode="expand")
            if name is not None:
                return Frame(colon_token[0], colon, colon + 1, name, None, index)
        subject = _subject_before(colon_token[0])
        if subject is None or subject.lower_ in {"it", "this", "that", "there", "which"}:
            return None
        return Frame(colon_token[0], colon, colon + 1, _phrase(subject), None, index)

    def _dash_attribution(self, stretch: Quoted) -> tuple[int, int, Span] | None:
        """ "“…” — Vladimir Putin": a dash and a name right after the quote, ending its line."""
        match = _DASH_NAME.match(self.text, stretch.end)
        if match is None:
            return None
        name = self.sdoc.char_span(match.start("name"), match.end("name"), alignment_mode="expand")
        if name is None:
            return None
        return match.start("dash"), match.end("dash"), name

    def _continues(self, stretch: Quoted) -> bool:
        """The same speaker goes on: a quote after the last one in its paragraph, or opening
        the next paragraph, with nobody else named in between."""
        if self.last is None or self.last.kind == "turn":
            return False
        between = self.text[self.last.end : stretch.start]
        if len(between) > 400 or re.search(r"\n\s*\S.*\n", between):
            return False
        if "\n" in between and between.rsplit("\n", 1)[1].strip():
            return False  # a new paragraph that does not open with the quote
        attribution_end = self.last.end
        if self.last.cue_start is not None:
            cue = self.sdoc.char_span(
                self.last.cue_start, self.last.cue_start + 1, alignment_mode="expand"
            )
            if cue is not None:
                attribution_end = max(attribution_end, cue.sent.end_char)
        return not any(
            ent.label_ in {"PERSON", "ORG"} and attribution_end <= ent.start_char < stretch.start
            for ent in self.resolver.ents
        )

    # --- reported speech -----------------------------------------------------------------------

    def _reported(self, frame: Frame, context: Conversation | None) -> Quote | None:
        if frame.clause is None or frame.source is None:
            return None
        start, end = frame.clause
        if len(re.findall(r"\w+", self.text[start:end])) < 3:
            return None
        speaker = self.resolver.from_span(frame.source, context, frame.refers_to)
        return self._quote(
            start, end, "indirect", frame.cue_start, frame.cue_end, speaker, "indirect"
        )

    # --- helpers -------------------------------------------------------------------------------

    def _crosses_a_quote(self, cue_start: int, clause: tuple[int, int]) -> bool:
        """A cue inside a quote reports only words inside that quote (a speaker quoting
        someone else); a parse that reaches out of it is wrong."""
        return any(
            not (q.start <= clause[0] and clause[1] <= q.end)
            for q in self.quoted.containing(cue_start)
        )

    def _speech_in_full(self, turns: list[Quote]) -> list[Quote]:
        """An address published in full after a paragraph that says so ("Read the
        President's full address below:"): every paragraph after it, up to the lines that
        close the piece or the first that names the speaker (the report goes on: "Earlier,
        Zelensky said …"), is the speaker's, quote marks or not, but for the page's links
        pasted among them."""
        pars = self.paragraphs
        intro = next((i for i, p in enumerate(pars) if layout.introduces_full_text(p.text)), None)
        if intro is None:
            return []
        body = pars[intro + 1 :]
        while body and layout.closes_piece(body[-1].text):
            body.pop()
        if not body or any(t.start < body[-1].end and body[0].start < t.end for t in turns):
            return []  # a transcript's turns say whose words they are
        introduction = self.sdoc.char_span(
            pars[intro].start, pars[intro].end, alignment_mode="expand"
        )
        speaker = self.resolver.giver_of(introduction) if introduction is not None else None
        if speaker is None:
            return []
        surname = speaker.name.split()[-1] if speaker.name else None
        runs: list[list[layout.Paragraph]] = [[]]
        for par in body:
            if surname is not None and re.search(rf"\b{re.escape(surname)}\b", par.text):
                break  # a speaker does not name themselves: the report goes on
            if layout.page_furniture(par.text):
                runs.append([])
            else:
                runs[-1].append(par)
        return [
            Quote(
                text=self.text[run[0].start : run[-1].end],
                start=run[0].start,
                end=run[-1].end,
                kind="turn",
                cue=None,
                cue_start=None,
                cue_end=None,
                speaker=speaker,
                confidence=confidence("speech", speaker),
                evidence="speech",
            )
            for run in runs
            if run
        ]

    def _conversation(self, position: int) -> Conversation | None:
        """The turn at ``position``, with the speaker it answers (or, for the opening turn, the
        one who answers it)."""
        index = bisect_right(self.turn_starts, position) - 1
        if index < 0 or position >= self.turns[index].end:
            return None
        return self.conversations[index]

    def _conversations(self) -> list[Conversation]:
        """For each turn, its speaker and whom it answers: the nearest turn before it of
        another speaker, else the nearest after it; the turn next to it tells, or else its
        neighbour's answer does (one pass each way, not a search from every turn)."""
        speakers = [(t.speaker.name, t.speaker.descriptor) for t in self.turns]
        count = len(self.turns)
        before: list[int | None] = [None] * count
        for i in range(1, count):
            before[i] = i - 1 if speakers[i - 1] != speakers[i] else before[i - 1]
        after: list[int | None] = [None] * count
        for i in range(count - 2, -1, -1):
            after[i] = i + 1 if speakers[i + 1] != speakers[i] else after[i + 1]
        conversations = []
        for i, turn in enumerate(self.turns):
            other = before[i] if before[i] is not None else after[i]
            addressee = self.turns[other].speaker if other is not None else None
            conversations.append(Conversation(turn.speaker, addressee))
        return conversations

    def _quote(
        self,
        start: int,
        end: int,
        kind: QuoteKind,
        cue_start: int | None,
        cue_end: int | None,
        speaker: Speaker,
        how: str,
    ) -> Quote:
        cue = (
            self.text[cue_start:cue_end] if cue_start is not None and cue_end is not None else None
        )
        return Quote(
            text=self.text[start:end],
            start=start,
            end=end,
            kind=kind,
            cue=cue,
            cue_start=cue_start,
            cue_end=cue_end,
            speaker=speaker,
            confidence=confidence(how, speaker),
            evidence=how,
        )


# --- frames -----------------------------------------------------------------------------------


def _frames(sent: Span, index: int) -> list[Frame]:
    frames = []
    for token in sent:
        lemma = token.lemma_.lower()
        if token.lower_ == "according":
            frame = _according_to(token, sent, index)
            if frame is not None:
                frames.append(frame)
        elif _verb(token) and lemma in CUE_VERBS | NAMING_VERBS | POSITION_VERBS:
            if token.dep_ == "amod":
                continue  # "the so-called ‘special relationship’": the writer's own distance
            clause = _clause(token, sent) if lemma in CUE_VERBS | POSITION_VERBS else None
            source, refers_to = _subject(token)
            end = token.idx + len(token)
            frames.append(Frame(token, token.idx, end, source, clause, index, refers_to))
        elif token.pos_ == "NOUN" and lemma in CUE_NOUNS and not _misparsed_root(token):
            owner = next((c for c in token.children if c.dep_ == "poss"), None) or _by_agent(token)
            if owner is not None:
                said = next((c for c in token.children if c.dep_ in {"acl", "ccomp"}), None)
                clause = (
                    _trimmed_span(token.doc, said.left_edge.i, said.right_edge.i) if said else None
                )
                frames.append(
                    Frame(token, token.idx, token.idx + len(token), _phrase(owner), clause, index)
                )
    return frames


def _verb(token: Token) -> bool:
    """Whether ``token`` is a verb, or a word the tagger took for a noun that has a subject
    ("…,” the ministry [underscores].")."""
    if token.pos_ in {"VERB", "AUX"}:
        return True
    return token.pos_ == "NOUN" and any(c.dep_ == "nsubj" for c in token.children)


def _misparsed_root(noun: Token) -> bool:
    """A noun at the root of a whole sentence (not a headline): the parser has taken the main
    verb for part of the noun phrase ("Watson's refusal to sign autographs upset fans"), so
    what it seems to report cannot be trusted."""
    sentence = noun.sent
    return noun.dep_ == "ROOT" and sentence.text.rstrip().endswith((".", "!", "?"))


def _by_agent(noun: Token) -> Token | None:
    """The X of "a statement by X"."""
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "by":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _subject(verb: Token) -> tuple[Span | None, Span | None]:
    """Who does the saying, and what a relative pronoun there stands for: the verb's subject or
    a passive's agent; for a participle, the noun it describes ("Clinton asking") or the subject
    of the verb it hangs from ("adding that"); for a relative clause ("Obama, who called"),
    the pronoun and the noun it belongs to."""
    current = verb
    for _ in range(4):
        # of two subjects (a dateline's "MOSCOW (Reuters) — Lavrov said"), the nearer one
        subjects = sorted(
            (c for c in current.children if c.dep_ == "nsubj"), key=lambda c: abs(c.i - current.i)
        )
        if subjects:
            child = subjects[0]
            if child.lower_ in {"that", "which", "who"} and current.dep_ == "relcl":
                return _phrase(child), _phrase_without(current.head, current)
            return _phrase(child), None
        for child in current.children:
            if child.dep_ == "agent":
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if objects:
                    return _phrase(objects[0]), None
        inverted = _subject_after_place(current)
        if inverted is not None:
            return _phrase(inverted), None
        if current.dep_ == "acl" and current.head.pos_ in {"NOUN", "PROPN", "PRON"}:
            return _phrase_without(current.head, current), None
        if current.dep_ not in {"advcl", "conj", "xcomp"} or current.head.i == current.i:
            return None, None
        current = current.head
    return None, None


def _subject_after_place(verb: Token) -> Token | None:
    """The speaker a parse hangs from the place of speaking, in translated news' order of
    words: '…,” wrote on Twitter [the head of the British government]': only after a verb
    of a sentence of its own, where the apposition names a role, not a place ("said in Kyiv,
    the capital of Ukraine")."""
    if verb.dep_ not in {"ROOT", "ccomp"} or any(c.dep_ == "auxpass" for c in verb.children):
        return None
    for child in verb.children:
        if child.dep_ != "prep" or child.i < verb.i:
            continue
        for place in (c for c in child.children if c.dep_ == "pobj"):
            for named in (c for c in place.children if c.dep_ == "appos"):
                if is_role(named):
                    return named
    return None


def _phrase(token: Token) -> Span:
    """The noun phrase of ``token``: its words, without clauses hanging from it (a parse may
    hang the quote itself from the speaker's name)."""
    clauses = {"ccomp", "advcl", "parataxis", "csubj", "xcomp"}
    dropped = {t.i for c in token.children if c.dep_ in clauses for t in c.subtree}
    kept = {t.i for t in token.subtree} - dropped
    first = last = token.i
    while first - 1 in kept:
        first -= 1
    while last + 1 in kept:
        last += 1
    doc = token.doc
    while first < token.i and (doc[first].is_punct or doc[first].is_space):
        first += 1
    return doc[first : last + 1]


def _phrase_without(head: Token, clause: Token) -> Span:
    """The noun phrase of ``head`` up to where ``clause`` (which modifies it) begins."""
    end = min(clause.left_edge.i, head.right_edge.i + 1)
    return head.doc[head.left_edge.i : max(end, head.i + 1)]


def _clause(verb: Token, sent: Span) -> tuple[int, int] | None:
    """What a cue verb reports: its clausal complement, or, when the cue is inserted into the
    sentence ("Ukraine, officials said, is short of men"), the rest of the sentence."""
    for child in verb.children:
        if child.dep_ == "ccomp" or (child.dep_ in {"xcomp", "dobj"} and _has_clause(child)):
            # below an object, a clause opened by "that" is what is reported, whatever the parse
            # hung before it ("told NBC’s “Meet the Press” on Sunday that …")
            marks = [t for t in child.subtree if t.dep_ == "mark" and t.lower_ == "that"]
            if child.dep_ != "ccomp" and marks and marks[0].head.dep_ == "ccomp":
                return _trimmed_span(verb.doc, marks[0].i, marks[0].head.right_edge.i)
            return _trimmed_span(verb.doc, child.left_edge.i, child.right_edge.i)
    if verb.dep_ == "parataxis":
        return _rest_of_sentence(sent, {t.i for t in verb.subtree})
    return None


def _rest_of_sentence(sent: Span, cue: set[int]) -> tuple[int, int] | None:
    """The sentence without its attribution: the words before it when it closes the sentence,
    after it when it opens the sentence, or all of them around it when it sits inside. A lone
    connective before it ("Instead, Sullivan said, …") is the writer's, not the source's."""
    words = [t for t in sent if not (t.is_punct or t.is_space) and t.i not in cue]
    before = [t for t in words if t.i < min(cue)]
    after = [t for t in words if t.i > max(cue)]
    if after and len(before) <= 2 and all(t.pos_ in {"ADV", "CCONJ"} for t in before):
        before = []
    kept = before + after if before and after else before or after
    if not kept:
        return None
    return _trimmed_span(sent.doc, kept[0].i, kept[-1].i)


def _has_clause(token: Token) -> bool:
    return any(child.dep_ in {"nsubj", "ccomp"} for child in token.children)


def _according_to(token: Token, sent: Span, index: int) -> Frame | None:
    """'…, according to X.' — X is the source, the rest of the sentence what it said."""
    to = next((c for c in token.children if c.lower_ == "to"), None)
    if to is None:
        return None
    objects = [c for c in to.children if c.dep_ == "pobj"]
    if not objects:
        return None
    clause = _rest_of_sentence(sent, {t.i for t in token.subtree})
    return Frame(token, token.idx, to.idx + len(to), _phrase(objects[0]), clause, index)


def _trimmed_span(doc: Doc, first: int, last: int) -> tuple[int, int] | None:
    """Character span of tokens ``first..last`` without a leading "that" and edge punctuation."""
    while first <= last and (
        doc[first].is_punct or doc[first].is_space or doc[first].lower_ == "that"
    ):
        first += 1
    while last >= first and (
        doc[last].is_space or (doc[last].is_punct and doc[last].text not in "?!.")
    ):
        last -= 1
    if first > last:
        return None
    return doc[first].idx, doc[last].idx + len(doc[last])


# --- how quotes hang from cues ----------------------------------------------------------------


def _exits(sdoc: Doc, stretch: Quoted) -> list[Token]:
    """The tokens of a quote whose heads lie outside it: where it attaches to the sentence."""
    span = sdoc.char_span(stretch.inner_start, stretch.inner_end, alignment_mode="expand")
    if span is None:
        return []
    inside = range(span.start, span.end)
    return [t for t in span if t.head.i not in inside or t.head.i == t.i]


def _claims(cue: Token, token: Token) -> bool:
    """Whether ``cue`` governs ``token`` as (part of) what it reports: the path up from the
    token enters the cue as a complement ("said, “…”", "called it “…”"), or the cue is
    inserted into the quoted sentence ("“…,” X said")."""
    current = token
    for _ in range(12):
        head = current.head
        if head.i == current.i:
            break
        if head.i == cue.i:
            if current.dep_ in _COMPLEMENTS:
                return True
            return current.dep_ == "prep" and current.lower_ in _NAMING_PREPOSITIONS
        current = head
    if cue.dep_ == "parataxis":
        ancestors = {token.i, *(t.i for t in token.ancestors)}
        return cue.head.i in ancestors
    return False


def _subject_before(colon: Token) -> Token | None:
    """The subject of the clause a colon closes ("Lavrov … placed the blame on Europe: “…”"):
    of the highest verb above the word before the colon that still lies before it."""
    if colon.i == colon.sent.start:
        return None
    subject = None
    for token in (colon.nbor(-1), *colon.nbor(-1).ancestors):
        if token.i > colon.i:
            break
        found = next((c for c in token.children if c.dep_ == "nsubj"), None)
        if found is not None and found.i < colon.i:
            subject = found
    return subject


def _governing_subject(exits: list[Token], index: int) -> Frame | None:
    """For a few quoted words with no cue ("pushed his promise of “free college”"), the verb
    they hang from and its subject, who used the words."""
    for token in exits:
        for verb in token.ancestors:
            if verb.pos_ not in {"VERB", "AUX"}:
                continue
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subject is not None and token in subject.subtree:  # "the ‘bump’ … faded"
                return None
            if subject is not None and subject.lower_ not in {"that", "which", "who", "it"}:
                return Frame(verb, verb.idx, verb.idx + len(verb), _phrase(subject), None, index)
            break
    return None


def _title_like(stretch: Quoted, text: str) -> bool:
    """Quoted words in title case name a work or a show ("Fox News Sunday"), not speech."""
    words = re.findall(r"[^\W\d_][\w'’-]*", text[stretch.inner_start : stretch.inner_end])
    return bool(words) and all(w[0].isupper() for w in words if len(w) > 3)


_MAX_TITLE_WORDS = 6
_SHOWN = re.compile(r"(?:['’]s|\bon)$")  # "Fox News’s “…”", "appeared on “…”"


# What introduces a word spoken of ("the word", "references to", "so-called"), or a second
# one after it ("the word “war” [to] “conflict”"), just before its quotation marks.
_MENTIONING = re.compile(
    r"(?:\b(?:the|a|this|that)\s+(?:words?|terms?|phrases?|expressions?|labels?|slogans?)"
    r"|\breferences?\s+to|\bmentions?\s+of|\bso-\s?called"
    r"|\b(?:words?|terms?|phrases?)\s+[\"“][^\"”]{1,40}[\"”]\s+(?:to|or|and|with|for|into))"
    r"\s*$",
    re.IGNORECASE,
)
# But words someone uses are theirs: "Trump has used the phrase “Islamic terrorism”".
_USING = re.compile(
    r"\b(?:us(?:e|es|ed|ing)|utter(?:s|ed|ing)?|sa(?:y|ys|id|ying))\s+(?:the|a|this|that)\s+"
    r"(?:words?|terms?|phrases?|expressions?)"
    r"(?:\s+[\"“][^\"”]{1,40}[\"”]\s+(?:to|or|and|with|for|into))?\s*$",
    re.IGNORECASE,
)
_MENTION_LOOK_BACK = 80
_MAX_MENTIONED_WORDS = 4


def _names_a_work(stretch: Quoted, text: str) -> bool:
    """A show, a book or a slogan in title case ("Meet the Press", “Hannity”), not speech:
    a few capitalised words, or one word, with no punctuation of their own (after a channel
    or "on", the comma a closing mark takes in is not theirs: "on CNN’s “State of the
    Union,” …"); a quote introduced by a colon is a headline or a statement even in title
    case."""
    inner = text[stretch.inner_start : stretch.inner_end].strip().rstrip(".")
    introduced = _last_visible(text, stretch.start)
    if text[introduced : introduced + 1] == ":":
        return False
    # a show's name after its channel or "on" keeps no comma of its own: “Hannity,” is a show
    # there, where “Slava Ukraini,” Zelensky said is speech
    shown = _SHOWN.search(text, max(0, introduced - 3), introduced + 1) is not None
    if shown:
        inner = inner.rstrip(",;:")
    words = inner.split()
    if not words or len(words) > _MAX_TITLE_WORDS:
        return False
    if re.search(r"[,;:!?]", inner) or (len(words) == 1 and not inner.isalpha()):
        return False
    return all(w[0].isupper() or w.lower() in layout.TITLE_SMALL_WORDS for w in words)


def _mentions_a_word(stretch: Quoted, text: str) -> bool:
    """A word spoken of, not speech: a few words in quotation marks after "the word",
    "the term", "references to", "so-called" ("changed the word “war” to “conflict”"); not
    words someone is said to use ("used the phrase “Islamic terrorism”")."""
    words = text[stretch.inner_start : stretch.inner_end].split()
    if not words or len(words) > _MAX_MENTIONED_WORDS:
        return False
    before = text[max(0, stretch.start - _MENTION_LOOK_BACK) : stretch.start]
    return bool(_MENTIONING.search(before)) and not _USING.search(before)


def _last_visible(text: str, end: int) -> int:
    """Where the last character before ``end`` that is not a space is (-1 if none): a walk
    back over spaces, not a copy of all the text before."""
    i = end - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    return i


def _distance(frame: Frame, stretch: Quoted) -> int:
    if frame.cue_start >= stretch.end:
        return frame.cue_start - stretch.end
    return max(0, stretch.start - frame.cue_end)


def _inside_clause(quote: tuple[int, int], clause: tuple[int, int], text: str) -> bool:
    """A quote inside a longer reported clause ("said the army is advancing on a “slow basis”")."""
    if not (clause[0] <= quote[0] and quote[1] <= clause[1] + 2):
        return False
    outside = text[clause[0] : quote[0]] + text[quote[1] : clause[1]]
    return len(re.findall(r"\w+", outside)) >= 2


def _inner(stretch: Quoted, text: str) -> tuple[int, int] | None:
    """What was said, without the marks and the comma before the closing one."""
    start, end = stretch.inner_start, stretch.inner_end
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return (start, end) if end > start else None


_DASH_NAME = re.compile(
    r"[^\S\n]*(?P<dash>[—–―]|--?)[^\S\n]*"
    r"(?P<name>[A-Z][\w.'’-]+(?:[^\S\n]+(?:[A-Z][\w.'’-]+|de|van|von|al|bin)){0,4})[^\S\n]*(?:\n|$)"
)


# A dash that opens speech: at a line's start or after a sentence's end, before a word.
_DASH_OPENER = re.compile(r"(?:^|(?<=[.!?…\"”]))[^\S\n]*(?P<dash>[-–—])[^\S\n]+(?=[\w\"“(])", re.M)
# A dash that may close it: spaced, before a word; it closes the speech where a cue of speech
# and its source follow ("… - he emphasized.", "… - said the analyst.", "… - Kuleba replied.").
_DASH_ATTRIBUTION_WORDS = 8  # "said the head of the European Commission", at most
_DASH_CUE_CHARS = 30  # how far after the closing dash its cue may begin ("the chancellor said")
_DASH_CLOSER = re.compile(r"[^\S\n]+(?P<dash>[-–—])[^\S\n]+(?=\w)")
_ATTRIBUTION_END = re.compile(r"[.!?\n]|[^\S\n][-–—][^\S\n]")
_DASH_ATTRIBUTION_CHARS = 80
_MAX_HEADLINE_CHARS = 160  # a headline that gives someone's words: one short line
# "Name: words" opening the line, or glued to a heading before it as scraped pages give it
# ("Crisis around Ukraine.Joe Biden: I am convinced …")
_HEADLINE_LABEL = re.compile(
    r"(?:^|(?<=[a-z][.!?]))([A-Z][\w'’-]+(?:[^\S\n]+[A-Z][\w.'’-]+){0,3})[^\S\n]*:[^\S\n]+(?=\S)"
)
_MAX_LABEL_CHARS = 200  # a headline's speaker label ("Ben Carson:") is shorter than this
_HEADLINE_SPEAKER = re.compile(r"([A-Z][\w.'’-]+(?:[^\S\n]+[A-Z][\w.'’-]+){0,4})[^\S\n]*:[^\S\n]*$")


def _span(span: Span) -> tuple[int, int]:
    return span.start_char, span.end_char


def _within(stretch: Quoted, span: Span) -> bool:
    return span.start_char <= stretch.start and stretch.end <= span.end_char


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


# --- transcript turns -------------------------------------------------------------------------


_TRANSCRIPT_TURNS = 6  # labelled turns that make a text a transcript, whose turns run on


def find_turns(text: str, pars: list[layout.Paragraph] | None = None) -> list[Turn]:
    """The turns of a transcript or interview. A turn runs to the next label, if that comes
    within ``layout.MAX_TURN_GAP`` paragraphs or the text is a transcript through and through
    (a briefing's opening statement may run on for forty); the last turn, while it reads as
    speech. An unlabelled question before the first turn is given to the interviewer: the
    other of the first two speakers."""
    pars = layout.paragraphs(text) if pars is None else pars
    labels = layout.turn_labels(pars)
    opened = [(i, label) for i, label in enumerate(labels) if label]
    turns: list[Turn] = []
    speakers: set[str | None] = {label for _, label in opened}
    transcript = len(opened) >= _TRANSCRIPT_TURNS and len(speakers) >= 2
    for n, (i, label) in enumerate(opened):
        if n + 1 < len(opened) and (transcript or opened[n + 1][0] - i <= layout.MAX_TURN_GAP + 1):
            last = opened[n + 1][0] - 1
            if not transcript:
                last = layout.turn_told_of(pars, i, last, label)
        else:
            last = layout.last_turn_end(pars, i, speakers)
            if last > i and layout.time_line(pars[last].text):
                last -= 1  # the time a transcript closes with is not speech
        label_start = pars[i].start + pars[i].text.index(label[0])
        body = pars[i].start + layout.label_length(pars[i].text)
        turns.append(Turn(label, label_start, label_start + len(label), body, pars[last].end))
    if len(opened) >= 2 and opened[0][0] > 0:
        first = pars[opened[0][0] - 1]
        asker, answerer = opened[1][1], opened[0][1]
        if first.text.rstrip().endswith("?") and asker != answerer:
            turns.insert(0, Turn(asker, None, None, first.start, first.end))
    return turns


def _turn_quote(turn: Turn, resolver: Resolver, text: str) -> Quote:
    if turn.label_start is None or turn.label_end is None:
        named = resolver.from_label(turn.label, 0, 0)
        speaker = Speaker(named.name, None, None, None, named.descriptor, named.type)
        how = "inferred_turn"
    else:
        speaker = resolver.from_label(turn.label, turn.label_start, turn.label_end)
        how = "turn"
    return Quote(
        text=text[turn.start : turn.end],
        start=turn.start,
        end=turn.end,
        kind="turn",
        cue=None,
        cue_start=None,
        cue_end=None,
        speaker=speaker,
        confidence=confidence(how, speaker),
        evidence=how,
    )
