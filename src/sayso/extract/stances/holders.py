"""Who holds a stance a clause states, and who says so: the actors a subject names or
describes, pronouns, the speaker's own state, resolved to the parties they act for."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Span, Token

from sayso.extract.salience import Positions, most_salient
from sayso.extract.speakers import (
    FIRST_PLURAL,
    FIRST_SINGULAR,
    HE,
    IT,
    THEY,
)
from sayso.extract.stances.reading import (
    Reading,
    a_place,
    doer_of,
    done_with_no_agent,
    embedded,
    extraposes,
    has_modal,
    judgement_of,
    judges,
    obliged,
    owner_of,
    partners_of,
    subject_of,
    urged_on,
)
from sayso.extract.stances.words import (
    AGENTS,
    ALLIED,
    ASKING_OF,
    BACKED,
    BACKERS,
    CEDING,
    DEEDS,
    ENABLING,
    GIVING,
    GRANTING,
    HELD_BY_OF,
    ISSUED,
    LEADERS,
    MEASURES,
    OBLIGING,
    OWN_STATE,
    PLACES,
    PROPOSING_NOUNS,
    PROPOSING_VERBS,
    PURPOSE_POINTERS,
    RECIPIENT_PREPOSITIONS,
    REQUESTING,
    SCORNING,
    SIDES,
    SUGGESTING,
    VIOLATING,
    VIOLENCE,
    WANTING,
    WANTING_NOUNS,
    WEST,
    WESTERN,
)
from sayso.gazetteer import Gazetteer
from sayso.issues import Issue
from sayso.model import (
    Document,
    Entity,
    HolderType,
    Mention,
    Quote,
    Speaker,
    SpeakerType,
    Stance,
)
from sayso.names import OFFICES, STATE_BODIES, fold, pronoun_fits, shortens, strip_article
from sayso.text.words import DESCRIBED, NOBODY

_TITLED_MENTIONS = 3  # of each name, where titles are looked for
_LOOK_BACK = 50  # mentions a short name ("the Union") may point back to
_BEFORE_TO = re.compile(r"\bto\b.*")  # "ambassador to the U.S.": not the envoy's state
_PARENTHESIS = re.compile(r"\([^)]*\)")  # "The White House (press briefing transcript)"
# An actor's type as a holder's: a state or a capital is an organisation that speaks.
_SPEAKER_TYPES: dict[str, SpeakerType] = {
    "person": "person",
    "organization": "organization",
    "country": "organization",
    "place": "organization",
    "outlet": "publication",
    "group": "group",
}


@dataclass(frozen=True)
class _Holder:
    speaker: Speaker
    actor_id: str | None
    party: str | None
    own: bool  # the source speaking for itself ("I", "we", no subject)


class Holders:
    """Who holds a stance and who says so, in one document."""

    def __init__(self, doc: Document, sdoc: Doc, gazetteer: Gazetteer) -> None:
        self.doc = doc
        self.sdoc = sdoc
        self.gazetteer = gazetteer
        self.described: dict[str, str | None] = {}  # a person's party from their titles
        # for each noun of a description, where it names a state: (token index, state)
        self.descriptions: defaultdict[str, list[tuple[int, str]]] | None = None
        self.by_surname: defaultdict[str, list[Entity]] | None = None  # people, by last word
        self.at: dict[int, Entity] = {}  # the actor each character of a mention belongs to
        self.mention_at: dict[int, Mention] = {}  # and the mention itself
        for entity in doc.entities:
            for mention in entity.mentions:
                for i in range(mention.start, mention.end):
                    self.at.setdefault(i, entity)
                    self.mention_at.setdefault(i, mention)
        self.mentioned = sorted(
            ((m.start, e) for e in doc.entities for m in e.mentions), key=lambda pair: pair[0]
        )
        self.starts = [start for start, _ in self.mentioned]  # for finding mentions by place
        self.positions = Positions(sdoc)
        self.by_name = {e.name: e for e in reversed(doc.entities)}  # the first of each name

    def stances(
        self,
        reading: Reading,
        issue: Issue,
        quote: Quote | None,
        sentence: Span,
        named: bool = False,
    ) -> list[Stance]:
        """The stances ``reading`` gives, one per holder (with ``named``, only holders the
        text names or describes as of a state)."""
        source, source_type = self._source(reading, quote)
        if issue.target is not None and (
            self._done_to_another(reading.anchor.root, issue.target, source, reading)
            or self._of_another(reading.anchor.root, issue.target, reading, source)
        ):
            return []  # "aid to Russia", "sanctions on Iran", "Russian territory": not this issue
        holders = self._holders(reading, source, quote)
        if issue.target is not None:
            giver = self._given_by(reading.anchor.root)
            if giver not in {None, issue.target}:  # "Moscow demands guarantees [from the West]"
                holders = [h for h in holders if h.party in {issue.target, giver}]
            named_for = None if issue.doing_sides else self._named_for(reading.anchor.root)
            if named_for not in {None, issue.target}:  # Russia: "[Moscow] guarantees"
                holders = [h for h in holders if h.party != named_for]
            if not issue.doing_sides and _wanted_for_oneself(reading):
                # "the Kremlin is demanding legal guarantees": its own, not the target's
                holders = [h for h in holders if h.party in {None, issue.target}]
            asker = _asker(reading) or _put_forward_by(reading)
            asked_by = (
                {h.party for h in self._holders_named_by(asker, source, reading)} - {None}
                if asker is not None
                else set()
            )
            if asked_by and issue.target not in asked_by:
                return []  # "Russia asked China for military equipment": for Russia
        if reading.predicate is not None and holders and not any(h.own for h in holders):
            holders += [h for word in partners_of(reading.predicate) for h in self._named(word)]
        reported = quote is not None or reading.frame is not None
        if (
            reported
            and has_modal(reading.predicate, SUGGESTING)
            and not any(h.own for h in holders)
        ):
            # "NATO could offer Kyiv guarantees, officials said": the officials' idea too
            holders.append(self._speaker_holder(source, own=True))
        if reading.doer is not None or (reading.predicate is reading.anchor.root):
            holders = [h for h in holders if h.party is None or h.party != issue.target]
        if named:
            holders = [h for h in holders if not h.own and (h.speaker.name or h.party)]
        if not holders:
            return []
        narrated = quote is None and reading.frame is None and self.doc.genre != "opinion"
        if narrated:
            holders = [h for h in holders if not h.own]  # a report's narration takes no side
        sided = [(holder, reading.side) for holder in holders]
        critic = None if narrated else self._critic(reading, source, holders, issue)
        if critic is not None:
            sided.append((critic, -reading.side))
        start, end = sentence.start_char, sentence.end_char
        cue = reading.cue
        return [
            Stance(
                text=self.doc.text[start:end],
                start=start,
                end=end,
                issue=issue.id,
                side="for" if side > 0 else "against",
                holder=holder.speaker,
                holder_id=holder.actor_id,
                party=holder.party,
                # a piece that names neither author nor outlet: its title, else its file
                source=source.label or self.doc.title or self.doc.source,
                source_type=source_type,
                kind="own words" if holder.own or self._same(holder, source) else "reported",
                cue=Mention(cue.text, _start(cue), _end(cue)),
                negations=[Mention(t.text, t.idx, t.idx + len(t.text)) for t in reading.negations],
                modality=reading.modality,
                condition=_mention(reading.condition),
            )
            for holder, side in sided
        ]

    def _critic(
        self, reading: Reading, source: Speaker, holders: list[_Holder], issue: Issue
    ) -> _Holder | None:
        """Who says, in words of scorn, that others do what the issue names, and so is
        against it: "We see how America is pumping weapons into Ukraine," Lavrov said (not
        Zelensky, of whom it is done for, nor the doers themselves)."""
        words = [*reading.anchor, *([reading.predicate] if reading.predicate else [])]
        if reading.side < 0 or not any(t.lemma_.lower() in SCORNING for t in words):
            return None
        critic = self._speaker_holder(source, own=True)
        if critic.party in {None, issue.target} or critic.party in {h.party for h in holders}:
            return None
        return critic

    def _source(self, reading: Reading, quote: Quote | None) -> tuple[Speaker, HolderType]:
        """Who says so: whom the verb of speech over the clause names ("[Erdogan]
        emphasized that …"), else the speaker of the quote it is in, else the author."""
        subject = subject_of(reading.frame) if reading.frame is not None else None
        named = self._named(subject) if subject is not None else []
        # a name beside the quote's speaker: "[Erdogan] emphasized that …"
        if (named and subject is not None) and (
            quote is None or (subject.pos_ == "PROPN" and not self._same(named[0], quote.speaker))
        ):
            return named[0].speaker, named[0].speaker.type
        if quote is not None:
            return quote.speaker, quote.speaker.type
        if self.doc.authors:
            name = ", ".join(self.doc.authors)
            return Speaker(name, None, None, None, None, "person"), "author"
        outlet = self.doc.outlet
        return Speaker(outlet, None, None, None, None, "publication"), "outlet"

    def _holders(self, reading: Reading, source: Speaker, quote: Quote | None) -> list[_Holder]:
        if reading.doer is not None:
            if reading.doer.lower_ in FIRST_PLURAL:  # "[our] sanctions"
                return [self._party_of(source)]
            return self._named_or_demonym(reading.doer)
        subject = subject_of(reading.predicate) if reading.predicate is not None else None
        issue_words = range(reading.anchor.start, reading.anchor.end)
        predicate = reading.predicate
        if subject is not None and subject.tag_ in {"WDT", "WP"} and subject.head.dep_ == "relcl":
            # "companies [that] impose a price cap": the companies, if they are someone known
            antecedent = subject.head.head
            return self._named(antecedent) or [_Holder(_unresolved(antecedent), None, None, False)]
        if subject is None and predicate is not None and embedded(predicate):
            # "attempts to …", "a pretext to impose sanctions": someone's, not the speaker's
            return [_Holder(_unnamed(), None, None, own=False)]
        whose = _of_whom(predicate, issue_words) if subject is None else None
        if whose is not None:  # "the reluctance [of great empires] to negotiate"
            return self._named(whose) or [_Holder(_unresolved(whose), None, None, own=False)]
        expletive = (
            subject is not None
            and subject.lower_ in {"there", "it"}
            and (
                subject.lower_ == "there"
                or extraposes(predicate)
                or _judged(predicate)
                or extraposes(judgement_of(subject.head))
            )
        )
        if (subject is None or subject.i in issue_words) and done_with_no_agent(
            predicate, reading.anchor.root
        ):
            # "[U.S.] sanctions on Russia were expanded": whose they are, where they are someone's
            doer = doer_of(reading.anchor.root)
            named = [] if doer is None else self._named_or_demonym(doer)
            if named:
                return named
        if predicate is not None and _granted(predicate, subject):
            # "Ukraine was not permitted to join": by whom, it does not say
            return [_Holder(_unnamed(), None, None, own=False)]
        owner = _whose_aim(reading.predicate or reading.anchor.root)
        if owner is not None:  # "[Kyiv's] demands are the withdrawal of Russian troops"
            return self._holders_named_by(owner, source, reading)
        if (
            subject is not None
            and subject.dep_ == "nsubj"
            and subject.head.lemma_ == "be"
            and predicate is not None
            and predicate.pos_ == "VERB"  # not "Russia's demand … is [unacceptable]"
        ):
            owner = _aim_owner(subject)
            if owner is not None:  # "[America's] goal was to impose sanctions"
                return self._holders_named_by(owner, source, reading)
        if subject is None or expletive or subject.i in issue_words or urged_on(subject.head):
            believer = self._believer(reading, source)
            return believer or [self._speaker_holder(source, own=True)]
        if subject.lower_ in NOBODY:
            reading.side = -reading.side
            return [self._speaker_holder(source, own=True)]
        first_person = self._first_person(subject, source)
        if first_person is not None:
            return [first_person]
        own_state = self._own_state(subject, source, reading, quote)
        if own_state:
            return own_state
        if obliged(predicate):
            # "NATO must promise not to …", says Moscow: Moscow's demand, not NATO's stance
            return [self._speaker_holder(source, own=True)]
        if (
            quote is not None
            and quote.speaker.name is not None
            and _says_of_oneself(subject, reading.frame)
        ):
            return [self._speaker_holder(source, own=True)]  # "He said he remained engaged"
        if _pronoun_of(subject) in HE | THEY | IT:
            # in someone's own words, "he", "him" and "they" are never who speaks them
            speaking = (
                quote.speaker if quote is not None and quote.kind in {"direct", "turn"} else None
            )
            return self._pronoun(subject, reading, speaking)
        if self._mere_place(subject):  # "[Crimea] will return to Ukraine"
            return [self._speaker_holder(source, own=True)]
        if any(c.dep_ in {"preconj", "det"} and c.lower_ == "neither" for c in subject.children):
            reading.side = -reading.side  # "[Neither] the US nor NATO proposed …": each did not
        if quote is not None and _bare_leader(subject):
            leader = self._own_leader(subject, source)
            if leader is not None:  # a White House spokesperson's "the President"
                return [leader]
        named = self._named_or_demonym(subject)
        named += [  # "President Putin and [I] agreed": the speaker too
            holder
            for word in _conjuncts(subject)
            if (holder := self._first_person(word, source)) is not None
        ]
        if named:
            return named
        if subject.pos_ == "PROPN" or subject.lemma_.lower() in AGENTS:
            return [_Holder(_unresolved(subject), None, None, own=False)]
        owner = next((c for c in subject.children if c.dep_ == "poss"), None)
        deed = subject.lemma_.lower() in DEEDS
        if owner is not None and deed and predicate is not None and predicate.pos_ == "VERB":
            # "[Russia's] actions violate the principle of inviolable borders": its deeds
            named = self._holders_named_by(owner, source, reading)
            if named:
                return named
        if predicate is not None and predicate.lemma_.lower() in VIOLATING:
            reading.side = -reading.side  # "any strike would violate the ceasefire": upheld
        return [self._speaker_holder(source, own=True)]  # "the war must end in talks"

    def _holders_named_by(self, word: Token, source: Speaker, reading: Reading) -> list[_Holder]:
        """Whom a word names: "we" and "I" the source's, a pronoun what it stands for."""
        first_person = self._first_person(word, source)
        if first_person is not None:
            return [first_person]
        if _pronoun_of(word) in HE | THEY | IT:
            return self._pronoun(word, reading)
        return self._named_or_demonym(word)

    def _own_leader(self, title: Token, source: Speaker) -> _Holder | None:
        """The leader a speaker means by a bare title ("the President"): their own state's,
        as the gazetteer knows who held the office on the document's date."""
        party = self._speaker_holder(source, own=True).party
        if party is None:
            return None
        office = " ".join(t.lower_ for t in title.subtree if t.dep_ != "det")
        actor = self.gazetteer.holder(f"{office} of {party}", self.doc.date)
        words = title.doc[title.left_edge.i : title.i + 1]
        name = actor.name if actor is not None else None
        speaker = Speaker(name, words.text, words.start_char, words.end_char, None, "person")
        return _Holder(speaker, actor.id if actor is not None else None, party, own=False)

    def _believer(self, reading: Reading, source: Speaker) -> list[_Holder]:
        """Who the verb of belief or speech above a stance names, where it is not the
        source: "[Western leaders] believe that sanctions must be tightened, Ratas said"."""
        frame = reading.frame
        if frame is None:
            return []
        clause = next((c for c in frame.children if c.dep_ == "ccomp"), None)
        if clause is None or not frame.i < clause.left_edge.i <= reading.anchor.root.i:
            return []  # only a clause the frame goes on to say: "X believes that …"
        believer = subject_of(frame)
        if believer is None or (
            source.start is not None and source.start <= believer.idx < (source.end or 0)
        ):
            return []
        return self._holders_named_by(believer, source, reading)

    def _first_person(self, word: Token, source: Speaker) -> _Holder | None:
        """ "I": the source; "we": the source's state or bloc; None for any other word."""
        if _pronoun_of(word) in FIRST_SINGULAR:
            return self._speaker_holder(source, own=True)
        if _pronoun_of(word) in FIRST_PLURAL:
            return self._party_of(source)
        return None

    def _own_state(
        self, subject: Token, source: Speaker, reading: Reading, quote: Quote | None = None
    ) -> list[_Holder]:
        """The state a possessive says is someone's: "[our] country" the source's, "Sunak
        said [his] country would …" Sunak's."""
        if subject.lemma_.lower() not in OWN_STATE:
            return []
        whose = next((c for c in subject.children if c.dep_ == "poss"), None)
        if _the_government(subject) and quote is not None and quote.kind == "indirect":
            own = self._party_of(source)  # a minister's "the government": their own
            return [_as_mention(own, subject)] if own.party is not None else []
        if whose is None or whose.pos_ != "PRON":
            return []
        first_person = self._first_person(whose, source)
        if first_person is not None:
            holders = [first_person]
        elif _pronoun_of(whose) in HE | THEY:
            holders = self._pronoun(whose, reading)
        else:
            return []
        words = subject.doc[subject.left_edge.i : subject.i + 1]
        found = []
        for party in {h.party for h in holders if h.party is not None}:
            state = self.gazetteer.lookup(party)
            speaker = Speaker(
                party, words.text, words.start_char, words.end_char, None, "organization"
            )
            found.append(_Holder(speaker, state.id if state else None, party, own=False))
        return found

    def _given_by(self, word: Token) -> str | None:
        """The state that what ``word`` names is asked "from": "guarantees [from the West]"."""
        for prep in (c for c in word.children if c.dep_ == "prep" and c.lower_ == "from"):
            for whom in (c for c in prep.children if c.dep_ == "pobj"):
                if _names_the_west(whom, whom.doc[whom.left_edge.i : whom.i + 1]):
                    return WEST
                return self._state_at(whom)
        return None

    def _done_to_another(self, word: Token, target: str, source: Speaker, reading: Reading) -> bool:
        """Whether what ``word`` names is given to, or laid on, states other than the
        issue's target only: "sending lethal aid [to Russia]", "sanctions [on Iran]" (but
        "aid to Israel and Ukraine" is Ukraine's too)."""
        doing = [word, word.head] if word.dep_ in {"dobj", "nsubjpass"} else [word]
        laid = word.lemma_.lower() in MEASURES  # "sanctions [against] Belarus" are on it
        recipients = [
            next((c for c in child.children if c.dep_ == "pobj"), child)
            if child.pos_ == "ADP"  # "to Russia", as a preposition or a dative
            else child
            for token in doing
            for child in token.children
            if child.dep_ == "dative"
            or (child.dep_ == "prep" and child.lower_ in RECIPIENT_PREPOSITIONS)
            or (laid and child.dep_ == "prep" and child.lower_ == "against")
        ]
        if word.dep_ == "pobj" and word.head.lower_ == "with":  # "providing [Russia] with aid"
            recipients += [c for c in word.head.head.children if c.dep_ == "dobj"]
        if word.dep_ == "dobj" and word.head.lemma_.lower() in GIVING:
            # "no one gives [Russia] security guarantees", the dative parsed as a compound
            recipients += [c for c in word.children if c.dep_ == "compound"]
        recipients += _served(word)
        for whom in recipients:
            parties = {self._state_at(w) for w in [whom, *whom.conjuncts]} - {None}
            if whom.pos_ == "PRON":  # "sanctions against [us]", said by Belarus
                parties |= {h.party for h in self._holders_named_by(whom, source, reading)}
                parties -= {None}
            if parties and target not in parties:
                return True
        return any(self._attacks(attack, target) for attack in _for_attacks(doing))

    def _attacks(self, attack: Token, target: str) -> bool:
        """Whether an attack is said to be on the target by another: "the invasion [of
        Ukraine]", not "Ukraine's offensive"."""
        doers = {
            self._state_at(c) for c in attack.children if c.dep_ in {"poss", "amod", "compound"}
        }
        attacked = {
            self._state_at(whom)
            for prep in attack.children
            if prep.dep_ == "prep" and prep.lower_ in {"of", "against", "on"}
            for whom in prep.children
            if whom.dep_ == "pobj"
        }
        return target in attacked and target not in doers

    def _of_another(self, word: Token, target: str, reading: Reading, source: Speaker) -> bool:
        """Whether a place an issue names is said to be another state's than the issue's
        target: "attacked from within [Russian] territory", "[Belarus's] borders"; or what
        its verb gives up is."""
        objects = [c for c in word.children if c.dep_ in {"dobj", "dative", "npadvmod", "attr"}]
        objects += [a for c in objects for a in c.children if a.dep_ == "appos"]
        if word.lemma_.lower() in CEDING and len(objects) == 1:
            # "Russia [ceded] Poland … to Germany"; not "cede Russia any land"
            ceded = [w for c in objects if c.dep_ == "dobj" for w in (c, *c.conjuncts)]
            states = {self._state_at(w) for w in ceded} - {None}
            return bool(states) and target not in states
        if not a_place(word):
            return False
        owners = [c for c in word.children if c.dep_ in {"amod", "compound", "poss", "nmod"}]
        owners += [  # "the territory [of Belarus]"
            o
            for c in word.children
            if c.dep_ == "prep" and c.lower_ == "of" and word.lemma_.lower() in PLACES
            for o in c.children
            if o.dep_ == "pobj"
        ]
        states = {self._state_at(owner) for owner in owners}
        for owner in owners:  # "Belarus has allowed [its] territory to be used"
            if owner.dep_ == "poss" and owner.pos_ == "PRON" and word.lemma_.lower() in PLACES:
                whose = owner if owner.lower_ in {"our", "my"} else _possessor(word)
                if whose is not None:
                    states |= {h.party for h in self._holders_named_by(whose, source, reading)}
        states -= {None}
        return bool(states) and target not in states

    def _named_for(self, word: Token) -> str | None:
        """The state a noun an issue names is said to be for, by a name before it, where the
        issue's words do not name who does it: "offer [Moscow] security guarantees"."""
        return next(
            (
                party
                for child in word.children
                if child.dep_ == "compound" and (party := self._state_at(child)) is not None
            ),
            None,
        )

    def _state_at(self, word: Token) -> str | None:
        entity = self.at.get(word.idx)
        return self._party(entity) if entity is not None else None

    def _speaker_holder(self, speaker: Speaker, own: bool) -> _Holder:
        """The speaker as the holder, under the actor's full name where it is a known one."""
        entity = self._entity_named(speaker)
        if entity is None:  # "the Turkish foreign ministry": the state its words name
            words = speaker.descriptor or speaker.mention or ""
            party = self._named_state(_BEFORE_TO.sub("", words)) or self._description_at(speaker)
            if party is None and speaker.name is None:
                party = self._publisher_state()  # "a senior administration official" briefing
            return _Holder(speaker, None, party, own)
        if entity.type == "place":  # "Kyiv believes": the state a capital stands for
            held = self._entity_holder(entity)
            where = replace(
                held.speaker, mention=speaker.mention, start=speaker.start, end=speaker.end
            )
            return _Holder(where, held.actor_id, held.party, own)
        named = Speaker(
            entity.name,
            speaker.mention,
            speaker.start,
            speaker.end,
            speaker.descriptor,
            speaker.type,
        )
        return _Holder(named, entity.id, self._party(entity), own)

    def _party_of(self, speaker: Speaker) -> _Holder:
        """The holder "we" stands for: the state or bloc the speaker acts for, else the
        speaker."""
        holder = self._speaker_holder(speaker, own=True)
        if holder.party is None:
            return holder
        actor = self.gazetteer.lookup(holder.party)
        party = Speaker(
            holder.party, speaker.mention, speaker.start, speaker.end, None, "organization"
        )
        return _Holder(party, actor.id if actor else None, holder.party, own=True)

    def _pronoun(
        self, subject: Token, reading: Reading, speaking: Speaker | None = None
    ) -> list[_Holder]:
        """ "he", "they", "its": the subject of the verb of speech ("Putin said he would …"),
        or, for a possessive, of the clause ("China presented its plan"); else the most
        salient person ("he", "she") or state or body ("it", "they") named in the sentence or
        the one before (or further back, while the sentences before have the same pronoun as
        their subject): see ``salience``."""
        governing = [reading.frame] if reading.frame is not None and speaking is None else []
        if subject.dep_ == "poss":  # "its": the subject of the verb the noun hangs from
            governing.insert(0, subject.head.head)
        person = subject.lower_ in HE
        for verb in governing:
            named_by = subject_of(verb)
            if named_by is not None and named_by.i != subject.i and named_by.pos_ != "PRON":
                found = [
                    h
                    for h in self._named(named_by)
                    if (h.speaker.type == "person") == person
                    and (not person or pronoun_fits(subject.lower_, h.speaker.name))
                ]
                if found:  # "Zelensky said they …" is not Zelensky
                    return [_as_mention(h, subject) for h in found]
        wanted = {"person"} if person else {"country", "organization", "place"}
        since, until = _since(subject)
        plural = _plural_subject_before(subject) if subject.lower_ == "they" else None
        if plural is not None:  # "[NATO countries] warned they would …", "the co-authors …"
            named = [h for word in (plural, *plural.children) for h in self._named(word)]
            return [_as_mention(h, subject) for h in named[:1]] or [
                _Holder(_unresolved(subject), None, None, own=False)
            ]
        # the most salient fit named in the sentence or in the one before (the first of a
        # run with the same pronoun as subject): "[Ukraine] has to be armed to deter
        # Russian incursions. It is also hoping for guarantees."
        entities: dict[str, Entity] = {}
        candidates: list[tuple[str, Token]] = []
        for low, high in ((since, until), (subject.sent.start_char, subject.idx)):
            nearby = self.mentioned[bisect_left(self.starts, low) : bisect_left(self.starts, high)]
            for start, entity in nearby:
                if entity.type in wanted and (
                    not person or pronoun_fits(subject.lower_, entity.name)
                ):
                    entities[entity.id] = entity
                    head = self.positions.head_at(start, self.mention_at[start].end)
                    candidates.append((entity.id, head))
        speaker = self._entity_named(speaking) if speaking is not None else None
        if speaker is not None:
            candidates = [(key, head) for key, head in candidates if key != speaker.id]
        chosen = most_salient(candidates, subject, self.positions)
        if chosen is not None:
            return [_as_mention(self._entity_holder(entities[chosen]), subject)]
        return [_Holder(_unresolved(subject), None, None, own=False)]

    def _mere_place(self, word: Token) -> bool:
        """Whether ``word`` names a place the gazetteer knows that speaks for no one (a region,
        not a capital), which can hold no stance."""
        entity = self.at.get(word.idx)
        known = self.gazetteer.lookup(entity.name) if entity is not None else None
        return known is not None and known.type == "place" and not known.acts_for

    def _named(self, subject: Token) -> list[_Holder]:
        """The actors a noun phrase names, one for each of "the U.S. and Britain"; a
        description ("the Ukrainian side", "U.S. officials") stands for its state."""
        found = []
        for head in [subject, *_conjuncts(subject)]:
            phrase = head.doc[head.left_edge.i : head.i + 1]
            if _names_the_west(head, phrase):
                speaker = Speaker(
                    "the West", phrase.text, phrase.start_char, phrase.end_char, None, "group"
                )
                found.append(_Holder(speaker, None, WEST, own=False))
                continue
            entity = self.at.get(head.idx)
            if entity is None or self._party(entity) is None:
                entity = self._short_for(head) or entity
            if entity is not None and entity.type != "group":
                found.append(self._entity_holder(entity, head))
                continue
            if head.lemma_.lower() in ISSUED and (owner := owner_of(head)) is not None:
                found += self._named_or_demonym(owner)
                continue
            led = self._led_by(head)
            if head.lemma_.lower() in DESCRIBED or led is not None:
                party = led or self._described_state(head)
                kind: SpeakerType = "anonymous" if head.tag_ == "NNS" else "organization"
                speaker = Speaker(
                    None,
                    phrase.text,
                    phrase.start_char,
                    phrase.end_char,
                    strip_article(phrase.text),
                    kind,
                )
                found.append(_Holder(speaker, None, party, own=False))
        return found

    def _short_for(self, head: Token) -> Entity | None:
        """The body "the Union", "the Commission" stands for: the last one named before
        whose name ends with that word ("the European Union")."""
        if not head.text[:1].isupper() or not any(
            c.dep_ == "det" and c.lower_ == "the" for c in head.children
        ):
            return None
        at = bisect_left(self.starts, head.idx)
        return next(  # among the last ``_LOOK_BACK`` mentions: linear in the text
            (
                entity
                for _, entity in reversed(self.mentioned[max(0, at - _LOOK_BACK) : at])
                if entity.type == "organization"
                and len(entity.name.split()) > 1
                and entity.name.split()[-1] == head.text
            ),
            None,
        )

    def _led_by(self, head: Token) -> str | None:
        """The state that leads what ``head`` names: "a [Czech]-led initiative", "the
        [US]-led coalition"."""
        for led in (c for c in head.children if c.dep_ == "amod" and c.lower_ == "led"):
            for leader in (c for c in led.children if c.dep_ in {"npadvmod", "compound"}):
                country = self.gazetteer.demonym(leader.text) or self.gazetteer.lookup(leader.text)
                if country is not None and country.type == "country":
                    return country.name
        return None

    def _publisher_state(self) -> str | None:
        """The state whose body publishes a transcript ("The White House (press briefing
        transcript)"), whose unnamed officials speak for it."""
        if self.doc.genre != "transcript" or not self.doc.outlet:
            return None
        actor = self.gazetteer.lookup(_PARENTHESIS.sub("", self.doc.outlet).strip())
        if actor is None or actor.type != "organization" or not actor.acts_for:
            return None
        return self.gazetteer.party(actor, self.doc.date)

    def _description_at(self, speaker: Speaker) -> str | None:
        """The state a speaker described where they are named ("officials said", after "U.S.
        officials" earlier)."""
        if speaker.start is None or speaker.end is None:
            return None
        words = self.sdoc.char_span(speaker.start, speaker.end, alignment_mode="expand")
        if words is None or words.root.lemma_.lower() not in DESCRIBED:
            return None
        return self._described_state(words.root)

    def _described_state(self, head: Token) -> str | None:
        """The state a description names, or, bare, the one the last like it named."""
        return self._described_party(head) or self._described_before(head)

    def _described_before(self, head: Token) -> str | None:
        """The state of the last description with the same noun before ``head`` that named
        one, for one that names none: "U.S. officials say … officials said", "the Ukrainian
        side … the opposing side" (not "[his] officials", "[security] officials")."""
        if any(c.dep_ in {"poss", "compound", "nmod"} for c in head.children):
            return None
        if self.descriptions is None:  # one pass over the document, on first need
            self.descriptions = defaultdict(list)
            for token in self.sdoc:
                lemma = token.lemma_.lower()
                if lemma in DESCRIBED and (party := self._described_party(token)) is not None:
                    self.descriptions[lemma].append((token.i, party))
        earlier = self.descriptions[head.lemma_.lower()]
        at = bisect_left(earlier, (head.i, ""))
        return earlier[at - 1][1] if at > 0 else None

    def _described_party(self, head: Token) -> str | None:
        """The state a description names: "the Ukrainian side", "Russia's leadership",
        "U.S. officials", "the leaders of Russia", "the Biden administration"."""
        for child in head.children:
            words = child
            if child.dep_ == "prep" and child.lower_ in {"of", "in"}:  # "the government in Kyiv"
                words = next((c for c in child.children if c.dep_ == "pobj"), child)
            elif child.dep_ not in {"amod", "compound", "poss", "nmod"}:
                continue
            entity = self.at.get(words.idx)
            # a person only before the noun: "the Biden administration", "Putin's regime"
            leader = entity is not None and entity.type == "person" and child.dep_ != "prep"
            if entity is not None and (
                entity.type in {"country", "organization", "place"} or leader
            ):
                return self._party(entity)
            country = self.gazetteer.demonym(words.text)
            if country is not None:
                return country.name
        return None

    def _named_or_demonym(self, word: Token) -> list[_Holder]:
        """The actors a noun phrase names, else the state an adjective is of ("[Western]
        supplies", "[American] weapons")."""
        return self._named(word) or (self._demonym(word) if word.pos_ == "ADJ" else [])

    def _demonym(self, word: Token) -> list[_Holder]:
        """ "Western", "American": the West, or the state of the adjective."""
        if word.lower_ == "western":
            speaker = Speaker(
                "the West", word.text, word.idx, word.idx + len(word.text), None, "group"
            )
            return [_Holder(speaker, None, WEST, own=False)]
        state = self.gazetteer.demonym(word.text)
        if state is None:
            return []
        end = word.idx + len(word.text)
        speaker = Speaker(state.name, word.text, word.idx, end, None, "organization")
        return [_Holder(speaker, state.id, state.name, own=False)]

    def _named_state(self, words: str) -> str | None:
        """The one state a description names by its adjective or name ("U.S. officials")."""
        states = {
            actor.name
            for word in words.split()
            for actor in (self.gazetteer.demonym(word), self.gazetteer.lookup(word))
            if actor is not None and actor.type == "country"
        }
        return states.pop() if len(states) == 1 else None

    def _entity_holder(self, entity: Entity, head: Token | None = None) -> _Holder:
        """The actor ``entity`` as a holder; a capital ("Washington insisted") as the state
        it stands for."""
        party = self._party(entity)
        if entity.type == "place" and party is not None:
            state = self.gazetteer.lookup(party)
            if state is not None:
                entity = Entity(state.id, state.name, state.type, state.qid, entity.mentions)
        start: int | None = None
        end: int | None = None
        text = entity.name
        mention = self.mention_at.get(head.idx) if head is not None else None
        if mention is not None:
            start, end, text = mention.start, mention.end, mention.text
        speaker = Speaker(entity.name, text, start, end, None, _SPEAKER_TYPES[entity.type])
        return _Holder(speaker, entity.id, party, own=False)

    def _entity_named(self, speaker: Speaker) -> Entity | None:
        """The actor a speaker is: the one mentioned where the speaker is, else the one of
        that name, or of the name the gazetteer knows it by ("MS. PSAKI:" is Jen Psaki)."""
        if speaker.start is not None and speaker.start in self.at:
            return self.at[speaker.start]
        if not speaker.name:
            return None
        entity = self.by_name.get(speaker.name)
        actor = self.gazetteer.lookup(speaker.name) if entity is None else None
        return self.by_name.get(actor.name) if actor is not None else entity

    def _party(self, entity: Entity | None) -> str | None:
        """The state or bloc an actor acts for: as the gazetteer knows it, else, for a
        person it does not know (or a name spaCy took for an organisation), the one state
        their titles name ("Ukrainian Foreign Ministry spokesman Oleg Nikolenko",
        "Markarova, Ukraine's ambassador to the U.S.")."""
        if entity is None:
            return None
        if entity.name.lower() in {"west", "the west"}:  # "it was the West that …, its"
            return WEST
        actor = self.gazetteer.lookup(entity.name)
        if actor is not None:
            party = self.gazetteer.party(actor, self.doc.date)
            if party is not None or actor.type != "person":
                return party
        if entity.type == "organization" and {w.lower() for w in entity.name.split()} & (
            OFFICES | STATE_BODIES
        ):
            return self._named_state(entity.name)  # "Ministry of Foreign Affairs of Ukraine"
        if not _maybe_person(entity):
            return None
        if entity.id not in self.described:
            self.described[entity.id] = self._titled_state(entity)
        return self.described[entity.id]

    def _titled_state(self, entity: Entity) -> str | None:
        """The one state the titles around a person's mentions name, where they hold an
        office ("President", "spokesman", "ambassador") and the state is not where it is
        held ("envoy [to Ukraine]"); a surname alone ("Nikolenko") has the titles of the full
        name it shortens."""
        states: set[str] = set()
        if self.by_surname is None:
            self.by_surname = defaultdict(list)
            for other in self.doc.entities:
                if _maybe_person(other):
                    self.by_surname[_surname(other.name)].append(other)
        same = [
            e
            for e in self.by_surname[_surname(entity.name)]
            if e is entity or shortens(entity.name, e.name)
        ]
        # titles come with the first mentions: "Foreign Ministry spokesperson Oleg Nikolenko"
        for mention in (m for e in same for m in e.mentions[:_TITLED_MENTIONS]):
            name = self.sdoc.char_span(mention.start, mention.end, alignment_mode="expand")
            if name is None:
                continue
            titles = _titles(name)
            if not any(t.lower_ in OFFICES for t in titles):
                continue
            for word in titles:
                named = self.at.get(word.idx)
                if named is not None and named.type in {"country", "organization", "place"}:
                    known = self.gazetteer.lookup(named.name)
                    party = self.gazetteer.party(known, self.doc.date) if known else None
                else:
                    country = self.gazetteer.demonym(word.text)
                    party = country.name if country is not None else None
                if party is not None:
                    states.add(party)
        return states.pop() if len(states) == 1 else None

    def _same(self, holder: _Holder, source: Speaker) -> bool:
        """Whether the holder is the source: one actor, or one name."""
        if holder.speaker.name is not None and holder.speaker.name == source.name:
            return True
        entity = self._entity_named(source)
        return entity is not None and holder.actor_id == entity.id


def _possessor(place: Token) -> Token | None:
    """Whom "its" or "their" before a place stands for: the subject of the clause the place
    is in ("Belarus has allowed [its] territory to be used", "Ukrainians [who] want all their
    territory back": the Ukrainians)."""
    verb = place.head
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    subject = subject_of(verb)
    if subject is not None and subject.tag_ in {"WP", "WDT"} and subject.head.dep_ == "relcl":
        return subject.head.head
    return subject


def _asker(reading: Reading) -> Token | None:
    """Who asks for what the issue's words name, for no one named, and so asks it for
    themselves: "[Russia] asked China for military equipment", "ignoring [its] requests for
    security guarantees", "the [Russian] proposals on security guarantees" (not "asked allies
    for weapons for Ukraine")."""
    root = reading.anchor.root
    asking = root.head.head
    if root.dep_ != "pobj" or root.head.lower_ not in {"for", "on"}:
        return None
    if _names_whom_for(root):
        return None
    if asking.pos_ == "NOUN":
        if asking.lemma_.lower() not in WANTING_NOUNS | PROPOSING_NOUNS:
            return None
        # "[Russia's] demand", "the [Russian] proposals" (not "the [written] proposals")
        owner = next(
            (
                c
                for c in asking.children
                if c.dep_ == "poss" or (c.dep_ in {"amod", "compound"} and c.text[:1].isupper())
            ),
            None,
        )
        return owner if owner is not None else _requester(asking)
    if root.head.lower_ != "for":
        return None
    asked = any(
        c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ == "to") for c in asking.children
    )
    return subject_of(asking) if asked and asking.lemma_.lower() in ASKING_OF else None


def _requester(request: Token) -> Token | None:
    """Who puts a request that names no owner, by the verb it hangs from: "[Russia] asked
    China with a request for …", "[Moscow] made a request for …" (not "the US approved a
    request for …", someone else's, nor one put to someone)."""
    verb = request.head
    if request.dep_ == "pobj" and verb.lower_ == "with":
        verb = verb.head
        putting = verb.lemma_.lower() in ASKING_OF
    else:  # not "submitted a request for aid [to Congress]", which asks for another
        putting = request.dep_ == "dobj" and verb.lemma_.lower() in REQUESTING
        putting = putting and not _names_whom_for(verb)
    return subject_of(verb) if putting else None


def _served(given: Token) -> list[Token]:
    """Whom what is given lets act, where it is the subject of a verb of enabling: "the supply
    of Iranian drones allows [Russia] to pursue …"."""
    if given.dep_ == "pobj" and given.head.lower_ == "of" and given.head.head.pos_ == "NOUN":
        given = given.head.head  # "the supply [of] drones"
    verb = given.head
    if given.dep_ != "nsubj" or verb.lemma_.lower() not in ENABLING:
        return []
    return [c for c in verb.children if c.dep_ == "dobj"] + [
        s
        for c in verb.children
        if c.dep_ in {"ccomp", "xcomp"}
        for s in c.children
        if s.dep_ == "nsubj"
    ]


def _for_attacks(doing: list[Token]) -> list[Token]:
    """The attacks what is given is said to be given in or for: "military support [in the
    invasion] of Ukraine"."""
    return [
        attack
        for token in doing
        for prep in token.children
        if prep.dep_ == "prep" and prep.lower_ in {"in", "for"}
        for attack in prep.children
        if attack.dep_ == "pobj" and attack.lemma_.lower() in VIOLENCE
    ]


def _put_forward_by(reading: Reading) -> Token | None:
    """Who demands or proposes what the issue's words name in a relative clause, for no one
    named: "security guarantees, [which the Kremlin demands] from the west", "proposals for
    guarantees [that the United States presented]" (not "guarantees that we propose for
    Ukraine")."""
    root = reading.anchor.root
    named = [root]
    if root.dep_ == "pobj" and root.head.lower_ in {"for", "on"}:
        named.append(root.head.head)  # the proposals the guarantees are in
    for word in named:
        if _given_to_someone(word):
            return None  # "give Ukraine all the weapons [it needs]": the recipient's need
        for clause in (c for c in word.children if c.dep_ in {"relcl", "acl"}):
            if clause.lemma_.lower() not in WANTING | PROPOSING_VERBS:
                continue
            if _names_whom_for(clause):
                return None
            return subject_of(clause)
    return None


def _given_to_someone(word: Token) -> bool:
    """Whether what a word names is given to someone the verb names: "give [Ukraine] the
    weapons", "send them [to Kyiv]", "provide [Ukraine] with weapons"."""
    if word.dep_ == "pobj" and word.head.lower_ == "with":
        return any(c.dep_ == "dobj" for c in word.head.head.children)
    return word.dep_ == "dobj" and _names_whom_for(word.head)


def _wanted_for_oneself(reading: Reading) -> bool:
    """Whether what the issue's words name is demanded as the object of a verb of wanting,
    for no one named ("Putin wants [assurances]", not "wants guarantees [for Ukraine]")."""
    root, predicate = reading.anchor.root, reading.predicate
    if predicate is None or root.head.i != predicate.i or root.dep_ != "dobj":
        return False
    if predicate.lemma_.lower() not in WANTING:
        return False
    return not (_names_whom_for(root) or _names_whom_for(predicate))


def _names_whom_for(word: Token) -> bool:
    """Whether a word names whom it is for: a dative, "for" or "to" someone ("propose [for
    Ukraine]"; not "the weapons we need [for this]")."""
    return any(
        c.dep_ == "dative"
        or (
            c.dep_ == "prep"
            and c.lower_ in {"for", "to"}
            and not any(o.dep_ == "pobj" and o.lower_ in PURPOSE_POINTERS for o in c.children)
        )
        for c in word.children
    )


def _the_government(subject: Token) -> bool:
    """ "[the government] does not undertake to …", with nothing to say whose."""
    return subject.lemma_.lower() in {"government", "administration"} and [
        c.lower_ for c in subject.children
    ] == ["the"]


def _says_of_oneself(subject: Token, frame: Token | None) -> bool:
    """ "He said [he] remained engaged": the same pronoun as the subject of the verb of
    speech is who speaks, whom the quote already names."""
    framer = subject_of(frame) if frame is not None else None
    return (
        framer is not None
        and framer.i < subject.i
        and subject.lower_ in {"he", "she"}
        and framer.lower_ == subject.lower_
        # not "He said that if [Putin] were serious, he would agree"
        and not any(t.ent_type_ == "PERSON" for t in subject.doc[framer.i + 1 : subject.i])
    )


def _judged(predicate: Token | None) -> bool:
    """ "it is [too late] for talks": a judgement of no one's that "it" stands for, not an
    attitude ("it is ready")."""
    return (
        predicate is not None
        and predicate.pos_ == "ADJ"
        and predicate.dep_ == "acomp"
        and judges(predicate)
    )


def _granted(predicate: Token, subject: Token | None) -> bool:
    """Whether ``predicate`` is a passive verb of granting or refusing whose subject is whom
    it is granted, naming no one granting it: "Ukraine [was not permitted] to join"."""
    return (
        subject is not None
        and subject.dep_ == "nsubjpass"
        and subject.head.i == predicate.i
        and predicate.lemma_.lower() in GRANTING
        and not any(c.dep_ == "agent" for c in predicate.children)
        and not has_modal(predicate, OBLIGING)
    )  # "Ukraine [must be allowed] to join" is who says so's demand; "will be forced" is not


def _whose_aim(word: Token) -> Token | None:
    """The owner of the aims a word is said to be, or listed as: "[Kyiv's] demands are the
    withdrawal of Russian troops and the restoration of its territorial integrity", "three of
    [Ukraine's] key goals: peace, territorial integrity and sovereignty"."""
    current = word
    for _ in range(6):
        if current.dep_ in {"attr", "ccomp"} and current.head.lemma_ == "be":
            aim = next((c for c in current.head.children if c.dep_ == "nsubj"), None)
            return _aim_owner(aim) if aim is not None else None
        if current.dep_ not in {"pobj", "prep", "conj", "appos", "compound", "amod"}:
            return None
        current = current.head
        of = next((c for c in current.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        aims = [current, *(c for c in (of.children if of else ()) if c.dep_ == "pobj")]
        owner = next((o for o in map(_aim_owner, aims) if o is not None), None)
        if owner is not None:
            return owner
    return None


def _aim_owner(noun: Token) -> Token | None:
    """Whose aim a noun of aim is: "[Russia's] demand", "one of [his] core demands"."""
    if noun.lower_ == "one":
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        noun = next((c for c in of.children if c.dep_ == "pobj"), noun) if of else noun
    if SIDES["NOUN"].get(noun.lemma_.lower(), 0) <= 0:
        return None
    return next((c for c in noun.children if c.dep_ == "poss"), None)


def _of_whom(noun: Token | None, issue_words: range) -> Token | None:
    """Who a noun of stance says holds it with "of", when that is not what the stance is
    about: "the reluctance [of great empires] to negotiate", not "the provision of arms"."""
    if noun is None or noun.pos_ != "NOUN" or noun.lemma_.lower() not in HELD_BY_OF:
        return None
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    whom = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
    return None if whom is None or whom.i in issue_words else whom


def _plural_subject_before(pronoun: Token) -> Token | None:
    """The last subject before ``pronoun`` (in its sentence or the one before) where it is a
    plural common noun ("Putin's [co-authors] admitted they had deceived him … they are to
    blame"): "they" is most likely them, not a state named on the way."""
    start = pronoun.sent.start
    if start > 0:
        start = pronoun.doc[start - 1].sent.start
    subjects = [
        t
        for t in pronoun.doc[start : pronoun.i]
        if t.dep_ in {"nsubj", "nsubjpass"} and t.pos_ in {"NOUN", "PROPN"}
    ]
    if subjects and subjects[-1].tag_ == "NNS" and not subjects[-1].ent_type_:
        return subjects[-1]
    return None


def _since(pronoun: Token) -> tuple[int, int]:
    """Which sentence before names what ``pronoun`` stands for where its own does not, from
    and until: while the sentences before have the same pronoun as their subject, the first
    of them that does not ("[Britain] is coming to Ukraine's aid. It's threatening sanctions
    on Russia. It's providing weapons."); none before the first sentence."""
    sentence = pronoun.sent
    chained = False
    for _ in range(3):
        if sentence.start == 0:
            break
        sentence = pronoun.doc[sentence.start - 1].sent
        if not any(t.dep_ == "nsubj" and t.lower_ == pronoun.lower_ for t in sentence):
            return sentence.start_char, sentence.end_char
        chained = True
    if not chained:  # the first sentence: nothing before it
        return sentence.start_char, sentence.start_char
    return sentence.start_char, sentence.end_char


def _names_the_west(head: Token, phrase: Span) -> bool:
    """Whether a noun phrase names the West: "the (collective) West", "Western allies",
    "allied countries", "the democratic world", "the leaders [of allied countries]", the allies
    of Ukraine or the United States."""
    words = {t.lower_ for t in phrase}
    groups = head.lower_ in WESTERN or head.lower_ == "world"
    if head.lower_ in {"west", "western"} or (groups and bool(words & ALLIED)):
        return True
    owner = next((c for c in head.children if c.dep_ == "poss"), None)
    if head.lower_ in BACKERS and words & BACKED and (owner is None or owner.lower_ in BACKED):
        return True  # "Kiev allies", "Ukraine's European partners"; not "Russia's partners"
    of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    whose = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
    if whose is None or head.lower_ not in WESTERN:
        return False
    whose_words = whose.doc[whose.left_edge.i : whose.i + 1]
    if head.lower_ in BACKERS and {t.lower_ for t in whose_words} & BACKED:
        return True  # "the allies of the United States"
    return _names_the_west(whose, whose_words)


def _maybe_person(entity: Entity) -> bool:
    """A person, or a name spaCy took for an organisation ("Oleg Nikolenko"), not one named
    by its office ("the Foreign Ministry")."""
    return entity.type == "person" or (
        entity.type == "organization" and not set(fold(entity.name).split()) & OFFICES
    )


def _surname(name: str) -> str:
    """The last word of a name, folded: "Oleg Nikolenko" -> "nikolenko"."""
    words = fold(name).split()
    return words[-1] if words else ""


def _titles(name: Span) -> list[Token]:
    """The words that describe a named person: the titles before the name ("Ukrainian
    Foreign Ministry spokesman"), an apposition after it (", Ukraine's ambassador") or the
    noun it stands in apposition to, all without what comes after "to" ("envoy to Kyiv")."""
    head = name.root
    phrases = [c for c in head.children if c.dep_ == "appos"]
    if head.dep_ == "appos":
        phrases.append(head.head)
    words = [t for t in head.subtree if t.i < name.start]
    for phrase in phrases:
        words += [t for t in phrase.subtree if t.i < head.i or t.i >= name.end]
    above = {a.i for a in head.ancestors}
    return [
        w
        for w in words
        if not any(a.lower_ == "to" and a.dep_ == "prep" and a.i not in above for a in w.ancestors)
    ]


def _unnamed() -> Speaker:
    """Someone a clause implies and does not name: who attempts, who grants or forces."""
    return Speaker(None, None, None, None, None, "unknown")


def _unresolved(subject: Token) -> Speaker:
    """A holder the text names in words that point to no one known: "they", "some
    lawmakers"."""
    phrase = subject.doc[subject.left_edge.i : subject.i + 1]
    return Speaker(None, phrase.text, phrase.start_char, phrase.end_char, None, "unknown")


def _conjuncts(token: Token) -> list[Token]:
    return [t for t in token.conjuncts if t.i > token.i]


def _as_mention(holder: _Holder, token: Token) -> _Holder:
    """The same holder, as mentioned by the pronoun ``token``."""
    speaker = holder.speaker
    named = Speaker(
        speaker.name,
        token.text,
        token.idx,
        token.idx + len(token.text),
        speaker.descriptor,
        speaker.type,
    )
    return _Holder(named, holder.actor_id, holder.party, holder.own)


def _start(words: Token | Span) -> int:
    return words.idx if isinstance(words, Token) else words.start_char


def _end(words: Token | Span) -> int:
    return words.idx + len(words.text) if isinstance(words, Token) else words.end_char


def _mention(span: Span | None) -> Mention | None:
    return None if span is None else Mention(span.text, span.start_char, span.end_char)


def _bare_leader(subject: Token) -> bool:
    """Whether a subject is a head of state's or government's title and nothing more: "the
    President", "the Prime Minister" (not "President Putin", "Russia's president")."""
    words = [t for t in subject.subtree if t.dep_ != "det"]
    return " ".join(t.lower_ for t in words) in LEADERS


def _pronoun_of(word: Token) -> str:
    """The pronoun ``word`` is, in lower case, or "" for any other word (not "US")."""
    return word.lower_ if word.pos_ == "PRON" else ""
