"""Who a quote is attributed to: the words used, what kind of source they name, and the fullest
name the document gives that source.

A document's speakers are resolved in reading order: a surname to the fullest form of the name
in the document ("Kirby" -> "John Kirby"), a pronoun to the last compatible speaker, a definite
description ("the spokesperson") to whoever was introduced with that role, and a transcript
label ("MS. JEAN-PIERRE") to the person it abbreviates.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import islice

from spacy.tokens import Doc, Span, Token

from sayso.extract.salience import Positions, most_salient
from sayso.gazetteer import Gazetteer
from sayso.model import Speaker, SpeakerType
from sayso.names import (
    HONORIFICS,
    OFFICES,
    PERSONAL_TITLES,
    first_name_sex,
    pronoun_fits,
    sex_of,
    shortens,
    strip_article,
    strip_titles,
)
from sayso.text.layout import PLATFORMS
from sayso.text.words import REPORTING

# Verbs of speech: a cue whose subject is the source of what it reports ("X said"); those
# whose clause is what is said, and more.
CUE_VERBS = REPORTING | frozenset(
    """deny tweet post ask reply respond answer maintain contend emphasize emphasise caution urge
    describe accuse allege concede reveal indicate signal promise pledge vow threaten complain
    boast joke quip observe mention remark comment continue counter retort testify assure agree
    disagree lament bemoan sigh scoff exclaim shout yell whisper muse cite quote sing chant tout
    proclaim charge demand repeat inform advise plead wonder opine posit reason speculate hint
    imply underline underscore highlight confess recount detail outline summarize summarise
    tease taunt chide scold rebuke condemn decry denounce protest object grumble fume rail snap
    cry scream interject interrupt brag gush rave point thank read""".split()
)
# Head nouns of sources that are not named: "a senior U.S. official", "people familiar with".
ANONYMOUS_HEADS = frozenset(
    """official officials source sources person people aide aides diplomat diplomats officer
    officers adviser advisers advisor advisors spokesperson spokesman spokeswoman insider
    insiders staffer staffers individual individuals one someone negotiator negotiators
    representative representatives envoy envoys interviewer reporter moderator questioner
    journalist correspondent minister secretary president chancellor premier ambassador general
    commander chief director leader governor mayor senator lawmaker lawmakers legislator
    prosecutor judge analyst analysts expert experts observer observers witness witnesses
    resident residents soldier soldiers aide""".split()
)
# Head nouns of sources that are texts: "a Gallup poll", "the communiqué", "the report".
DOCUMENT_HEADS = frozenset(
    """poll polls survey surveys report reports study studies statement statements communiqué
    communique document documents letter letters memo memorandum declaration resolution analysis
    assessment filing filings ruling indictment review data figures transcript readout tweet
    tweets post posts article editorial book plan proposal estimate estimates release
    complaint lawsuit order decree law bill draft note video footage""".split()
)
# Head nouns of publications named by what they are: "the newspaper", "the agency".
PUBLICATION_HEADS = frozenset(
    "newspaper paper daily weekly magazine broadcaster channel agency outlet website".split()
)
# Head nouns of institutions named by what they are: "the administration", "the ministry".
ORGANIZATION_HEADS = frozenset(
    """administration government ministry army military council committee agency department
    parliament embassy cabinet office court company commission party campaign police navy
    command headquarters secretariat presidency kremlin regime authorities alliance coalition
    union bank firm organization organisation institute university foundation corporation
    center centre palace assembly staff league""".split()
)
# Heads of a description any firm or institution may take, which "the …" points back to the
# most salient one named before: "HSBC has about 200 staff in Russia … The bank said".
_ANY_BODY = frozenset("bank company firm corporation institute foundation university".split())
# What a place or body the gazetteer knows speaks as, when the tagger took it for a person:
# a capital or a state is its government ("Kiev said"), an outlet a publication.
_SPEAKS_AS: dict[str, SpeakerType] = {
    "country": "organization",
    "place": "organization",
    "organization": "organization",
    "group": "group",
    "outlet": "publication",
}
_PUBLICATION = re.compile(
    r"\b(News|Times|Post|Press|Journal|Guardian|Telegraph|Reuters|AP|AFP|Agency|Agence|Interfax"
    r"|TASS|RIA|Xinhua|Bloomberg|Politico|POLITICO|Axios|Tribune|Herald|Gazette|Daily|Weekly"
    r"|Magazine|Wire|Insider|Observer|Independent|Mail|Express|Chronicle|Economist|Atlantic|CNN"
    r"|BBC|NBC|CBS|ABC|Fox|MSNBC|NPR|TV|Radio|Network|Broadcasting|Breitbart|HuffPost)\b"
    r"|\.(?:com|org|net|ua|ru)\b"
)
# Heads of a description that name a role held by one person, which "the …" points back to:
# the last person named with that role ("the president" after "President Lukashenko"); for
# a role anyone in the story may hold, the last person quoted or named ("the politician").
# An office's words, but not "the official", which keeps a source anonymous.
_ANY_ROLE = frozenset({"leader", "politician", "head"})
_ROLES = (OFFICES - {"official"}) | _ANY_ROLE
# Titles a description by a broader role points back to: "the diplomat" after "Foreign
# Ministry spokesman Oleg Nikolenko".
_SAME_ROLE: dict[str, frozenset[str]] = {
    "diplomat": frozenset({"diplomat", "ambassador", "envoy", "foreign", "consul"})
}
_CUT_AFTER = frozenset({"of", "for", "on", "and", "the"})  # no name ends with these words
_LOOK_BACK = 50  # speakers and names a description may point back to
_QUESTIONER_LABELS = {"q", "question", "questioner"}
QUESTIONER = "a reporter asking a question"  # how a questioner's turns are described
# Pronouns by whom they can stand for (the stances stage reads them too).
HE = frozenset({"he", "him", "his", "she", "her", "hers"})
THEY = frozenset({"they", "them", "their"})
IT = frozenset({"it", "its"})
FIRST_SINGULAR = frozenset({"i", "me", "my", "myself"})
FIRST_PLURAL = frozenset({"we", "us", "our", "ourselves"})
_SELF = FIRST_SINGULAR | FIRST_PLURAL
_YOU = {"you", "your"}
PRONOUNS = HE | THEY | IT | _SELF | _YOU  # every pronoun a speaker may be mentioned by
_SOME = {"some", "others", "many", "several", "most", "few", "both", "all", "another"}


@dataclass(frozen=True)
class Conversation:
    """A transcript turn's speaker and the one they answer: whom "I" and "you" stand for."""

    speaker: Speaker
    addressee: Speaker | None


@dataclass
class Resolver:
    """The speakers of one document, resolved in reading order."""

    people: list[str]  # full names (two words or more), most often written first
    mentions: list[Span]  # named people, organisations and groups, in reading order
    named_in_full: list[tuple[int, str]]  # where each full name of a person ends, and the name
    ents: list[Span]  # the document's entities, read once (spaCy rebuilds them on each access)
    positions: Positions
    gazetteer: Gazetteer
    mention_ends: list[int] = field(default_factory=list)  # where each of ``mentions`` ends
    history: list[Speaker] = field(default_factory=list)
    full_names: dict[str, str | None] = field(default_factory=dict)  # by mention, for pronouns
    heads: dict[tuple[int, int], Token] = field(default_factory=dict)  # of speakers' mentions
    texts: dict[str, list[int]] | None = None  # nouns naming texts, by lemma, once read
    # the quoted stretch a place of the text lies in, if any: a name inside someone's words is
    # spoken of, and no pronoun outside them stands for it
    speech_at: Callable[[int], tuple[int, int] | None] = field(default=lambda _: None)

    @classmethod
    def for_doc(cls, sdoc: Doc, gazetteer: Gazetteer) -> Resolver:
        """The resolver of one parsed document; the ``gazetteer`` says which names are of
        places and bodies, never of people, whatever the tagger says."""
        ents = [_retagged(e, gazetteer) for e in sdoc.ents]
        counts = Counter(strip_titles(e.text) for e in ents if _a_persons_name(e))
        full = [name for name in counts if len(name.split()) >= 2]
        people = sorted(full, key=lambda name: (-counts[name], -len(name)))
        mentions = [
            e
            for e in ents
            if e.label_ in {"PERSON", "ORG", "NORP", "GPE"} and e.text.lower() not in PLATFORMS
        ]
        named_in_full = [
            (e.end_char, strip_titles(e.text))
            for e in mentions
            if _a_persons_name(e) and len(strip_titles(e.text).split()) >= 2
        ]
        return cls(
            people,
            mentions,
            named_in_full,
            ents,
            Positions(sdoc),
            gazetteer,
            [e.end_char for e in mentions],
        )

    def ents_in(self, span: Span) -> list[Span]:
        """The entities inside ``span``: ``span.ents`` without rebuilding the document's."""
        return [e for e in self.ents if span.start <= e.start and e.end <= span.end]

    def remember(self, speaker: Speaker) -> None:
        if speaker.type != "unknown":
            self.history.append(speaker)

    def from_span(
        self,
        span: Span,
        turn: Conversation | None = None,
        refers_to: Span | None = None,
        spoken: tuple[int, int] | None = None,
    ) -> Speaker:
        """The speaker named by a noun phrase (a cue verb's subject, "according to X"); for a
        relative pronoun ("who said"), the one named by the phrase it ``refers_to``. A pronoun
        never stands for someone named in the words it speaks (``spoken``, their span): in
        "“Putin cannot turn back,” he noted", "he" is not Putin."""
        if refers_to is not None:
            named = self.from_span(refers_to, turn)
            return _as_mention(named, span.text, span.start_char, span.end_char)
        head = span.root
        mention = _mention(span)
        text = mention.text
        start, end = mention.start_char, mention.end_char
        lower = head.lower_
        if lower == "one":
            return self._described(span, text, start, end)
        if head.pos_ == "PRON" or lower in HE | THEY | IT | _SELF | _YOU | _SOME:
            return self._pronoun(lower, text, start, end, turn, spoken)
        if lower in PLATFORMS:  # "wrote on Twitter, who said": the parse's error, not a source
            return Speaker(None, text, start, end, span.text, "unknown")
        ents = self.ents_in(span)
        person = next((e for e in ents if e.label_ == "PERSON" and head in e), None)
        if person is None and (head.lemma_.lower() in _ROLES or lower in _ROLES):
            # "the Prime Minister of Great Britain [Boris Johnson]": the name after the title
            person = next((e for e in ents if e.label_ == "PERSON" and _named_after(e, head)), None)
        if person is not None:
            name = self.canonical(person.text, person.start_char)
            if name.lower() in _ROLES:  # a title alone, taken for a name: "Taoiseach said"
                name = self._holder_of(name.lower(), start) or name
            return Speaker(name, text, start, end, _role(span, person), "person")
        lemma = head.lemma_.lower()
        if lemma in DOCUMENT_HEADS or lower in DOCUMENT_HEADS:
            owner = self._owner_of_text(span) if span[0].lower_ in {"the", "this"} else None
            if owner is not None:  # "X said in a joint statement … “…,” the statement said"
                return _as_mention(self.from_span(owner, turn), text, start, end)
            return Speaker(None, text, start, end, span.text, "document")
        org = next((e for e in ents if e.label_ in {"ORG", "GPE", "NORP"} and head in e), None)
        if org is not None and org.label_ == "ORG":
            known = self._known_person(org.text, start)  # a surname the tagger took for an ORG
            if known:
                return Speaker(known, text, start, end, None, "person")
        if org is not None:
            if org.label_ == "NORP" and head.tag_ in {"NNS", "NNPS"}:
                return Speaker(org.text, text, start, end, None, "group")
            kind: SpeakerType = "publication" if _PUBLICATION.search(org.text) else "organization"
            # a name the tagger cut before its last part: "[the Ministry of Foreign Affairs of]
            # Ukraine"
            name = text if org.text.split()[-1].lower() in _CUT_AFTER else org.text
            return Speaker(strip_article(name), text, start, end, None, kind)
        if lemma in PUBLICATION_HEADS and not any(t.pos_ == "PROPN" for t in mention):
            outlet = self._outlet_described(span, start) if span[0].lower_ == "the" else None
            if outlet is not None:
                return _as_mention(self._named(outlet), text, start, end)
            return Speaker(None, text, start, end, span.text, "publication")
        if lemma in ORGANIZATION_HEADS or lower in ORGANIZATION_HEADS:
            if any(t.pos_ == "PROPN" for t in mention):  # "the Biden administration"
                return Speaker(strip_article(text), text, start, end, None, "organization")
            body = self._body_described(span, lemma, start) if span[0].lower_ == "the" else None
            if body is not None:
                return _as_mention(self._named(body), text, start, end)
            return Speaker(None, text, start, end, span.text, "organization")
        if lemma in ANONYMOUS_HEADS or lower in ANONYMOUS_HEADS:
            return self._described(span, text, start, end)
        if head.tag_ in {"NNS", "NNPS"}:
            return Speaker(None, text, start, end, span.text, "group")
        if (lemma in _ROLES or lower in _ROLES) and not any(e.label_ == "PERSON" for e in ents):
            return self._described(span, text, start, end)  # "the politician", "the NATO head"
        speaks_as = speaks_as_body(text, self.gazetteer) if head.pos_ == "PROPN" else None
        if speaks_as is not None:  # "Kiev said", a place the tagger left unnamed
            return Speaker(strip_article(text), text, start, end, None, speaks_as)
        if head.pos_ == "PROPN" and not ents and len(span) <= 5:
            return Speaker(strip_titles(text), text, start, end, None, "person")
        if head.pos_ == "PROPN":
            if _PUBLICATION.search(text):
                return Speaker(strip_article(text), text, start, end, None, "publication")
            known = self._known_person(text)
            if known:
                return Speaker(known, text, start, end, None, "person")
            return Speaker(strip_article(text), text, start, end, None, "organization")
        if _title_cased(mention):  # a name the tagger missed, as in a headline "Zelenskyy: ‘…’"
            return Speaker(self.canonical(text, start), text, start, end, None, "person")
        return Speaker(None, text, start, end, span.text, "unknown")

    def giver_of(self, intro: Span) -> Speaker | None:
        """Whose speech a paragraph that introduces it in full means: the one it names
        ("the President's full address"), else the person named last before it."""
        owner = next((t for t in intro if t.dep_ == "poss" and t.pos_ in {"NOUN", "PROPN"}), None)
        if owner is not None:
            return self.from_span(owner.doc[owner.left_edge.i : owner.i + 1])
        last = bisect_right(self.mention_ends, intro.start_char)
        for entity in reversed(self.mentions[max(0, last - _LOOK_BACK) : last]):
            if _a_persons_name(entity):
                name = self.canonical(entity.text, entity.start_char)
                return Speaker(
                    name, entity.text, entity.start_char, entity.end_char, None, "person"
                )
        return None

    def from_label(self, label: str, start: int, end: int) -> Speaker:
        """The speaker of a transcript turn from its label."""
        words = label.replace("(", " ").replace(")", " ").split()
        lower = label.lower().rstrip(".")
        if lower in _QUESTIONER_LABELS:
            return Speaker(None, label, start, end, QUESTIONER, "anonymous")
        if lower.split()[-1] in ANONYMOUS_HEADS:
            return Speaker(None, label, start, end, label.lower(), "anonymous")
        bare = [w for w in words if w.lower() not in HONORIFICS]
        if not bare:
            return Speaker(None, label, start, end, label.title(), "person")
        name = self._known_person(" ".join(bare)) or " ".join(
            w.title() if w.isupper() else w for w in bare
        )
        return Speaker(name, label, start, end, None, "person")

    def _head_at(self, start: int, end: int) -> Token:
        """The head word of a speaker's mention, found once (a pronoun weighs the last
        ``_LOOK_BACK`` speakers each time)."""
        if (start, end) not in self.heads:
            self.heads[(start, end)] = self.positions.head_at(start, end)
        return self.heads[(start, end)]

    def _full_name(self, mention: str) -> str:
        """The fullest form of a person's name, once per mention's text."""
        return self._known_name(mention) or strip_titles(mention)

    def _known_name(self, mention: str) -> str | None:
        """The full name a mention is short for, read once per mention's text (the people
        of a document are many, its pronouns more)."""
        if mention not in self.full_names:
            self.full_names[mention] = self._known_person(mention)
        return self.full_names[mention]

    def canonical(self, name: str, before: int | None = None) -> str:
        """The fullest form of a person's name in the document ("Kirby" -> "John Kirby")."""
        return self._known_person(name, before) or strip_titles(name)

    def _known_person(self, name: str, before: int | None = None) -> str | None:
        """The full name ``name`` is short for: of two people who share a surname, the one
        named last before ``before``, else the one the document names most."""
        name = strip_titles(name)
        if not name:
            return None

        def fits(full: str) -> bool:
            return shortens(name, full)

        if before is not None:
            for end, full in reversed(self.named_in_full):
                if end <= before and fits(full):
                    return full
        return next((full for full in self.people if fits(full)), None)

    def _pronoun(
        self,
        lower: str,
        text: str,
        start: int,
        end: int,
        turn: Conversation | None,
        spoken: tuple[int, int] | None = None,
    ) -> Speaker:
        """The most salient source before the pronoun that it can stand for (see
        ``salience``): a speaker already met or a name in the text ("Clinton says she …")."""
        if lower in _SELF and turn is not None:
            return _as_mention(turn.speaker, text, start, end)
        if lower in _YOU and turn is not None and turn.addressee is not None:
            return _as_mention(turn.addressee, text, start, end)
        if lower in HE:
            wanted, labels = {"person"}, {"PERSON"}
        elif lower in THEY:
            wanted, labels = {"group", "anonymous", "organization"}, {"NORP", "ORG"}
        elif lower in IT:
            wanted, labels = {"organization", "publication", "document"}, {"ORG", "GPE"}
        elif lower in _SOME:  # "with some saying …": some of the sources just quoted
            wanted, labels = {"group", "anonymous"}, set()
        else:
            return Speaker(None, text, start, end, text, "unknown")
        # the last ``_LOOK_BACK`` speakers and names, of a kind and sex the pronoun fits,
        # the most salient of them
        low, high = spoken if spoken is not None else (0, 0)
        here = self.speech_at(start)
        options: dict[str, Speaker] = {}
        candidates: list[tuple[str, Token]] = []
        for spoke in islice(reversed(self.history), _LOOK_BACK):
            if (
                spoke.type in wanted
                and spoke.start is not None
                and spoke.end is not None
                and spoke.start < start
                and not low <= spoke.start < high
                and pronoun_fits(lower, spoke.name)
            ):
                key = spoke.name or spoke.descriptor or spoke.mention or ""
                options.setdefault(key, spoke)
                candidates.append((key, self._head_at(spoke.start, spoke.end)))
        last = bisect_right(self.mention_ends, start)
        named: dict[str, Span] = {}  # the latest mention of each name, made a speaker if chosen
        for entity in reversed(self.mentions[max(0, last - _LOOK_BACK) : last]):
            if low <= entity.start_char < high:
                continue  # named in the words spoken: spoken of, not speaking
            if self.speech_at(entity.start_char) not in {None, here}:
                continue  # named in someone's words: spoken of, not met in the story
            # a surname the tagger took for an organisation ("Dibb said") is a person
            person = self._known_name(entity.text) if entity.label_ == "ORG" else None
            if person is not None and "PERSON" in labels and pronoun_fits(lower, person):
                key = person
            elif entity.label_ in labels and person is None:
                key = (
                    self._full_name(entity.text)
                    if entity.label_ == "PERSON"
                    else strip_article(entity.text)
                )
                if entity.label_ == "PERSON" and not pronoun_fits(lower, key):
                    continue
            else:
                continue
            named.setdefault(key, entity)
            candidates.append((key, entity.root))
        chosen = most_salient(
            candidates,
            self.positions.head_at(start, end),
            self.positions,
            lambda key: lower in HE and sex_of(key) is not None,  # fits, and surely
        )
        if chosen in options:
            return _as_mention(options[chosen], text, start, end)
        if chosen is not None:
            entity = named[chosen]
            if entity.label_ == "ORG":  # a person's surname, as above
                return Speaker(chosen, text, start, end, None, "person")
            return _as_mention(self._named(entity), text, start, end)
        if lower in _SOME:
            return Speaker(None, text, start, end, text, "anonymous")
        kind: SpeakerType = "person" if lower in HE else "unknown"
        return Speaker(None, text, start, end, None, kind)

    def _named(self, entity: Span) -> Speaker:
        """The source a named entity stands for, as if it were a speaker."""
        if entity.label_ == "PERSON":
            name = self.canonical(entity.text, entity.start_char)
            return Speaker(name, entity.text, None, None, None, "person")
        kind: SpeakerType = "group" if entity.label_ == "NORP" else "organization"
        if _PUBLICATION.search(entity.text):
            kind = "publication"
        return Speaker(strip_article(entity.text), entity.text, None, None, None, kind)

    def _body_described(self, span: Span, head: str, before: int) -> Span | None:
        """The body a definite description points back to: the last organisation named
        with the description's head in its name ("the institute" after "the Institute for
        the Study of War"); for a head any firm may take ("the bank", "the company"), the
        most salient organisation named before it ("HSBC … The bank said")."""
        bodies = self._bodies_before(before)
        for entity in bodies:
            if head in {t.lemma_.lower() for t in entity}:
                return entity
        return self._most_salient_of(bodies, span) if head in _ANY_BODY else None

    def _outlet_described(self, span: Span, before: int) -> Span | None:
        """The publication "the newspaper" or "the agency" points back to: the most salient
        one named before it ("la Repubblica reported … the newspaper wrote")."""
        outlets = [e for e in self._bodies_before(before) if _PUBLICATION.search(e.text)]
        return self._most_salient_of(outlets, span)

    def _bodies_before(self, before: int) -> list[Span]:
        """The organisations of the last ``_LOOK_BACK`` names before ``before``, last first."""
        last = bisect_right(self.mention_ends, before)
        window = self.mentions[max(0, last - _LOOK_BACK) : last]
        return [e for e in reversed(window) if e.label_ == "ORG"]

    def _most_salient_of(self, bodies: list[Span], span: Span) -> Span | None:
        chosen = most_salient(((e.start, e.root) for e in bodies), span.root, self.positions)
        return next((e for e in bodies if e.start == chosen), None)

    def _owner_of_text(self, span: Span) -> Span | None:
        """Whose text "the statement" or "the report" is: the one who issued it, or spoke in
        it, the last time a text of that name was met ("The participants … said this in a
        joint statement", "ISW's report", "a report by the ISW", "the Kremlin released a
        statement"); not who read, rejected or answered it."""
        if self.texts is None:  # every noun naming a text, by lemma, read once per document
            self.texts = {}
            for token in self.positions.sdoc:
                if token.pos_ == "NOUN" and token.lemma_.lower() in DOCUMENT_HEADS:
                    self.texts.setdefault(token.lemma_.lower(), []).append(token.i)
        places = self.texts.get(span.root.lemma_.lower(), [])
        doc = span.doc
        before = bisect_left(places, span.start)
        for i in reversed(places[max(0, before - _LOOK_BACK) : before]):
            owner = _issuer(doc[i])
            if owner is None:
                continue  # "the statement said" before: the same text, its owner further back
            if owner.pos_ == "PRON" or owner.lemma_.lower() in DOCUMENT_HEADS:
                return None
            return doc[owner.left_edge.i : owner.right_edge.i + 1]
        return None

    def _described(self, span: Span, text: str, start: int, end: int) -> Speaker:
        """An unnamed source. "One", "this person" or "the official" may point back to a source
        named or described before with the same words; "the president", "the politician" to
        the person named with that role before."""
        words = [t.lower_ for t in span if t.dep_ != "det" and not t.is_punct]
        bare = not any(t.dep_ == "det" for t in span) and span.root.lemma_.lower() in _ROLES
        pointing = span[0].lower_ in {"the", "this", "that"} or words == ["one"] or bare
        if pointing and span.root.tag_ != "NNS":
            for earlier in islice(reversed(self.history), _LOOK_BACK):
                described = set(re.findall(r"[\w.]+", (earlier.descriptor or "").lower()))
                if words == ["one"] or (
                    span.root.lower_ == "person" and earlier.type == "anonymous"
                ):
                    return _as_mention(earlier, text, start, end)
                head = {span.root.lower_, span.root.lemma_.lower()}
                if head & described and set(words) - head <= described:
                    return _as_mention(earlier, text, start, end)  # "the [senior] official"
            person = self._holder_of(span.root.lemma_.lower(), start)
            if person is not None:
                return Speaker(person, text, start, end, span.text, "person")
        return Speaker(None, text, start, end, span.text, "anonymous")

    def _holder_of(self, role: str, before: int) -> str | None:
        """The person a definite description of ``role`` points back to: the last one quoted
        with that role, or named just after it ("President Lukashenko"); for a role anyone
        may hold ("the politician"), the last person quoted, else the last named. Only the
        last ``_LOOK_BACK`` speakers and names are searched, so that a text of descriptions
        costs time linear in its length."""
        if role not in _ROLES:
            return None
        quoted = [
            s
            for s in islice(reversed(self.history), _LOOK_BACK)
            if s.type == "person" and s.name and (s.start or 0) < before
        ]
        roles = _SAME_ROLE.get(role, frozenset({role}))
        for speaker in quoted:
            if roles & set(re.findall(r"\w+", (speaker.descriptor or "").lower())):
                return speaker.name
        last = bisect_right(self.mention_ends, before)
        named = [
            e
            for e in reversed(self.mentions[max(0, last - _LOOK_BACK) : last])
            if _a_persons_name(e)
        ]
        for entity in named:
            if any(t.lemma_.lower() in roles for t in _titles(entity)):
                return self.canonical(entity.text, entity.start_char)
        if role not in _ANY_ROLE:
            return None
        if quoted:
            return quoted[0].name
        return self.canonical(named[0].text, named[0].start_char) if named else None


_AS_ENTITY = {"organization": "ORG", "publication": "ORG", "group": "NORP"}
# Words that make a title before them part of a body's name, not a person's ("General Motors").
_NOT_SURNAMES = frozenset("motors electric dynamics mills assembly staff league".split())
# Where a name heads its own phrase, so that "the" before it is its article ("the Elysée
# said"), not that of a phrase it is part of ("the Biden administration").
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "pobj", "dobj", "appos", "conj", "ROOT"})


def _retagged(entity: Span, gazetteer: Gazetteer) -> Span:
    """``entity`` with the label its words call for where the tagger's is wrong: a place or
    body the gazetteer knows, or a name after "the" ("the Elysée said"), is no person; a
    rank and a surname ("General Pack") are one."""
    label = entity.label_
    if label == "PERSON":
        speaks_as = speaks_as_body(entity.text, gazetteer)
        before = entity.doc[entity.start - 1] if entity.start > 0 else None
        if speaks_as is not None:
            label = _AS_ENTITY.get(speaks_as, "ORG")
        elif before is not None and before.lower_ == "the" and entity.root.dep_ in _SUBJECTS:
            label = "ORG"
    elif label == "ORG" and (_ranked_name(entity) or _known_person(entity.text, gazetteer)):
        label = "PERSON"
    if label == entity.label_:
        return entity
    return Span(entity.doc, entity.start, entity.end, label=label)


def speaks_as_body(name: str, gazetteer: Gazetteer) -> SpeakerType | None:
    """The kind of speaker a place or body the gazetteer knows by ``name`` is; None for a
    person or a name it does not know."""
    actor = gazetteer.lookup(strip_article(name))
    return _SPEAKS_AS.get(actor.type) if actor is not None else None


def _known_person(name: str, gazetteer: Gazetteer) -> bool:
    """Whether the gazetteer knows ``name`` as a person's ("Lavrov")."""
    actor = gazetteer.lookup(strip_titles(name))
    return actor is not None and actor.type == "person"


def _ranked_name(entity: Span) -> bool:
    """A title of rank and one or two capitalised words: "General Pack", "Col. Smith"."""
    words = list(entity)
    return (
        2 <= len(words) <= 3
        and words[0].lower_ in PERSONAL_TITLES
        and all(w.is_title and w.is_alpha for w in words[1:])
        and not {w.lower_ for w in words[1:]} & (ORGANIZATION_HEADS | _NOT_SURNAMES)
    )


# Verbs whose subject issues the text they take as object ("the Kremlin released a statement").
_ISSUING = frozenset(
    "issue release publish sign adopt post unveil send present draft prepare".split()
)


def _issuer(text: Token) -> Token | None:
    """Who issued the text a noun names: its owner ("ISW's report"), its author ("a report
    by the ISW"), the subject of a verb of issuing it, or of speaking in it ("said this in a
    joint statement")."""
    owner = next((c for c in text.children if c.dep_ == "poss"), None)
    if owner is not None:
        return owner
    by = next((c for c in text.children if c.lower_ == "by"), None)
    author = next((c for c in by.children if c.dep_ == "pobj"), None) if by else None
    if author is not None:
        return author
    if text.dep_ == "dobj" and text.head.lemma_.lower() in _ISSUING:
        verb = text.head
    elif (
        text.dep_ == "pobj"
        and text.head.lower_ == "in"
        and text.head.head.lemma_.lower() in CUE_VERBS | _ISSUING
    ):
        verb = text.head.head
    else:
        return None
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def is_role(word: Token) -> bool:
    """Whether a noun names a role someone holds ("the head", "the minister")."""
    return word.lemma_.lower() in _ROLES or word.lower_ in _ROLES


def _named_after(name: Span, title: Token) -> bool:
    """Whether a name is the one a title gives: its apposition, or the words right after a
    capitalised title ("the Prime Minister of Great Britain [Boris Johnson]"), not the one
    a preposition names ("an adviser to [Volodymyr Zelensky]")."""
    if name.root.head == title:
        return True
    before = name.doc[name.start - 1] if name.start > 0 else None
    return before is not None and before.i > title.i and before.pos_ == "PROPN"


def _a_persons_name(entity: Span) -> bool:
    """A person's name, or one the tagger took for an organisation's that opens with a first
    name ("Oleg Nikolenko"), so that the surname alone later is the person's."""
    if entity.label_ == "PERSON":
        return True
    return (
        entity.label_ == "ORG"
        and 2 <= len(entity) <= 3
        and all(t.is_title and t.is_alpha for t in entity)
        and first_name_sex(entity[0].text) is not None
        and not {t.lower_ for t in entity} & (OFFICES | ORGANIZATION_HEADS)
        and not _PUBLICATION.search(entity.text)
    )


def _titles(name: Span) -> list[Token]:
    """The words of the titles a name is given: the one it follows ("[Minister of Foreign
    Affairs of Belarus] Vladimir Makei"), up to seven words, the name's own included
    ("President Lukashenko"), and an apposition ("John Kirby, [the National Security Council
    spokesman],")."""
    appositions = [
        word
        for child in name.root.children
        if child.dep_ == "appos"
        for word in child.subtree
        if word.i < child.i + 8
    ]
    return _title_before(name) + appositions


def _title_before(name: Span) -> list[Token]:
    """The words of the title a name follows, up to seven, its own included."""
    words = list(name)
    at = name.start - 1
    while at >= 0 and len(words) < len(name) + 7:
        word = name.doc[at]
        if word.is_punct or word.pos_ not in {"PROPN", "NOUN", "ADJ", "ADP", "DET"}:
            break
        words.append(word)
        at -= 1
    return words


def _as_mention(speaker: Speaker, text: str, start: int, end: int) -> Speaker:
    """The same source as ``speaker``, as mentioned here."""
    return Speaker(speaker.name, text, start, end, speaker.descriptor, speaker.type)


def _mention(span: Span) -> Span:
    """The words that name the source, without appositions and relative clauses."""
    cut = {
        t.i
        for child in span.root.children
        if child.dep_ in {"appos", "relcl", "acl"} and child.i > span.root.i
        for t in child.subtree
    }
    tokens = [t for t in span if t.i not in cut]
    while tokens and (tokens[-1].is_punct or tokens[-1].dep_ == "cc"):
        tokens.pop()
    while tokens and tokens[0].is_punct:
        tokens.pop(0)
    if not tokens:
        return span
    return span.doc[tokens[0].i : tokens[-1].i + 1]


def _role(span: Span, person: Span) -> str | None:
    """A person's role as the phrase gives it: an apposition, or the title before the name."""
    for child in person.root.children:
        if child.dep_ == "appos" and not child.like_num:  # "Ben Wallace, 53, a former …"
            return span.doc[child.left_edge.i : child.right_edge.i + 1].text
    before = span.doc[span.start : person.start]
    words = [t.text for t in before if t.pos_ in {"NOUN", "PROPN", "ADJ"} and not t.ent_type_]
    return " ".join(words) or None


def _title_cased(mention: Span) -> bool:
    words = [t for t in mention if t.is_alpha]
    return 0 < len(words) <= 4 and all(t.text[0].isupper() and not t.is_stop for t in words)
