"""What a claim asserts, read from the parse: who or what it is about, what is said of it,
whether it is affirmed or denied, and how firmly. Claims are compared on these, not on the
words they happen to share.

A claim's main clause gives one proposition: "the war has reached a stalemate" is (war,
stalemate, affirmed); "We do not assess that the conflict is a stalemate" is (conflict,
stalemate, denied), the negation of a verb of belief above it counting for the clause
below, as "no sign that Putin is ready" does for (Putin, ready). A verb that only links its
subject to what is said of it ("is", "reached", "remains") gives way to that: the predicate
is "stalemate", not "reach". A noun said of someone gives one more: "Ukraine's imminent rout"
is (Ukraine, rout, affirmed).
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from sayso.extract.reading import not_only
from sayso.model import Proposition
from sayso.text.words import BELIEVING, NEGATIONS, NOBODY, REPORTING

# Verbs of speech and belief whose clause is what is claimed.
_FRAMING = REPORTING | BELIEVING | frozenset({"know", "understand"})
_DENYING = frozenset({"deny", "dismiss", "refute", "reject"})  # "denied that [it …]"
# What a denial calls what it denies, which says it is false: "dismissed the shelling as [a
# provocation]".
_FALSEHOODS = frozenset(
    """lie provocation fake fabrication hoax propaganda nonsense slander falsehood invention
    myth disinformation staging absurd baseless false""".split()
)
# Verbs that charge their object with a deed: "blamed [Ukraine] for [provoking] …".
_CHARGING = frozenset({"blame", "accuse", "charge", "fault"})
# Nouns for what someone else asserts, whose content a denial denies: "denied [allegations]
# of war crimes", "rejected the [accusation] he was fighting a proxy war".
_CHARGES = frozenset(
    """allegation accusation claim charge report suggestion speculation assertion rumour
    rumor""".split()
)
# Words of concern, hope or certainty whose clause is what is claimed: "concerns that [the war
# has reached a stalemate]".
_ATTITUDES = frozenset(
    """concern concerned worry worried fear afraid belief view assessment conviction convinced
    confident certain sure aware hope hopeful expectation claim""".split()
)
# Nouns whose clause is what is claimed, denied by "no": "no sign [that Putin is ready]".
_EVIDENCE = frozenset("sign indication evidence suggestion proof signal".split())
# What takes a clause that says something: a verb ("said [that …]"), and a noun or an
# adjective ("concerns [that …]", "no sign [that …]").
_SAYING_A_NOUN_CLAUSE = _ATTITUDES | _EVIDENCE
_SAYING_A_CLAUSE = _FRAMING | _DENYING | _SAYING_A_NOUN_CLAUSE
# Nouns of intent, whose clause is what is intended: "any intention [to invade]".
_INTENTS = frozenset({"intention", "intent", "plan", "desire", "aim", "wish"})
# Verbs of wanting, whose object is what is wanted, not what is: "demands [the withdrawal]".
_WANTING = frozenset(
    "demand want seek urge propose request require call push press ask expect fear".split()
)
# Verbs that only link their subject to what is said of it.
_LINKING = frozenset(
    """be become remain reach seem appear enter face turn get look stay prove lock engage
    participate""".split()
)
# Adjectives of readiness, which what one is ready to do is said of the subject: "willing
# [to negotiate]".
_UNREADY = frozenset({"unwilling", "unable", "unprepared"})
_READY = frozenset({"ready", "willing", "prepared", "eager", "able"}) | _UNREADY
# Verbs that say an event happens, which the event is said of, its owner the subject: "the
# attack could [take place]", "[Russia's] invasion began".
_HAPPENING = frozenset(
    """take begin come happen start occur unfold go imminent likely inevitable underway
    possible""".split()
)
# Verbs that say a thing goes on or begins, or is meant, which what goes on or is meant is
# said of the subject: "continued [to grow]", "plans [to invade]".
_GOING_ON = frozenset({"continue", "keep", "begin", "start", "go"})
_INTENDING = frozenset({"plan", "intend", "prepare", "decide", "aim", "threaten"})
# Verbs that bring their subject into a state, which is what is said of it: "devolved
# [into] a stalemate", "are locked [in] a stalemate".
_SINKING = frozenset(
    """devolve descend slide sink settle degenerate lapse drift lock bog mire trap stick
    plunge""".split()
)
# Verbs that only set off what their object names: "launched [an offensive]".
_LAUNCHING = frozenset(
    {"launch", "conduct", "carry", "mount", "stage", "wage", "start", "announce", "order"}
)
# Verbs that say little without their object: "make [a decision]", "have [an impact]", "take
# [territory]" (not "take [their time]").
_LIGHT = frozenset({"make", "have", "give", "do", "pay", "play", "take"})
# Verbs that deny what they carry: "failed [to reply]" is "did not reply".
_FAILING = frozenset({"fail"})
# Deeds done to someone, whose "of" (for a noun) or passive subject (for a verb) names what
# it is done to, not who does it: "the invasion [of Ukraine]", "[eight generals] were
# killed" say nothing Ukraine or the generals do ("[Russia's] invasion" does).
_DONE_TO = frozenset(
    """invasion invade attack assault occupation occupy annexation annex bombardment bomb
    bombing shell shelling seizure seize capture blockade liberation liberate destruction
    destroy killing kill massacre murder torture deportation deport strike""".split()
)
# Nouns of a loss that name the winner when they take "of": "the Soviet Union's [defeat]
# of Nazi Germany".
_WON = frozenset({"defeat", "rout"})
_COMPLEMENTS = frozenset({"attr", "acomp", "oprd", "dobj"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
_MAX_FRAMES = 3  # verbs of speech or belief gone through, one above the other
_MAX_LINKS = 3  # linking words gone through from a clause's head to its predicate

Resolve = Callable[[Token], str | None]  # the actor a word names, if any


def propositions(span: Span, actor_at: Resolve) -> list[Proposition]:
    """The propositions ``span`` asserts: that of each clause it says (its main clause, and
    each clause a verb of speech or belief, or a noun of concern or evidence, says), then
    those of nouns said of someone ("Ukraine's rout"); ``actor_at`` gives the actor a
    subject's word names."""
    found: dict[int, Proposition] = {}
    inside = range(span.start, span.end)
    clauses = [span.root] + [
        t for t in span if t.dep_ in {"ccomp", "acl"} and t.head.i in inside and _says(t.head, t)
    ]
    for root in clauses:
        if any(_says(root, c) for c in root.children if c.i in inside):
            continue  # a frame: what it says is read as a clause of its own
        read = _clause(root, _polarity_above(root, span), actor_at, _framed_by(root, span))
        if read is not None:
            found.setdefault(read.start, read)
    for said in _denied(span, actor_at) + _charged(span, actor_at):
        found.setdefault(said.start, said)
    for noun in span:
        if noun.pos_ != "NOUN":
            continue
        owner = _owner(noun)
        if owner is None or owner.pos_ == "PRON" or noun.idx in found:
            continue
        actor = actor_at(owner)
        if actor is None and owner.dep_ != "poss":
            continue  # "a war [of inches]" says nothing of inches
        if any(c.dep_ == "acl" for c in noun.children):
            continue  # "Zelenskiy's failure [to resist]" is not a defeat
        if noun.dep_ == "dobj" and noun.head.lemma_.lower() in _WANTING:
            continue  # "demanding the withdrawal of NATO" says it has not withdrawn
        if _supposed_noun(noun):
            continue  # "in the event of [Moscow's invasion]": not said to happen
        found[noun.idx] = Proposition(
            subject=owner.lemma_.lower(),
            actor=actor,
            predicate=noun.lemma_.lower(),
            polarity=-1 if _denied_noun(noun) else 1,
            modality=None,
            start=noun.idx,
            end=noun.idx + len(noun.text),
            nominal=True,
        )
    return sorted(found.values(), key=lambda p: p.start)


def _denied_noun(noun: Token) -> bool:
    """Whether a noun is denied: "[no] withdrawal", "no signs of [the withdrawal]"."""
    if any(_negates(c) for c in noun.children):
        return True
    evidence = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else None
    return (
        evidence is not None
        and evidence.lemma_.lower() in _EVIDENCE
        and any(_negates(c) for c in evidence.children)
    )


def _supposed_noun(noun: Token) -> bool:
    """Whether a noun names what is only supposed: "in the event [of] Moscow's invasion", "in
    case [of] an attack"."""
    case = noun.head.head if noun.dep_ == "pobj" and noun.head.lower_ == "of" else None
    return case is not None and case.lemma_.lower() in {"event", "case"}


def _owner(noun: Token) -> Token | None:
    """Whom or what a noun is said of: "[Ukraine's] rout", "the collapse of [the economy]";
    for a deed, only who does it ("[Russia's] invasion")."""
    of = any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)
    if noun.lemma_.lower() in _WON and of:
        return None  # "[the Soviet Union's] defeat of Nazi Germany": the winner's, not a loss
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    if noun.lemma_.lower() in _DONE_TO:
        return None  # "the invasion [of Ukraine]": what is invaded
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _says(word: Token, clause: Token) -> bool:
    """Whether ``clause`` is what ``word`` says: the clause of a verb of speech or belief
    ("said [that …]"), of an adjective or noun of concern ("concerned [that …]", "concerns
    [that …]"), or of a noun of evidence ("no sign [that …]")."""
    lemma = word.lemma_.lower()
    marked = any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
    if clause.dep_ == "ccomp":  # a clause "that …" says something, whatever the parse hangs it on
        return marked or lemma in _SAYING_A_CLAUSE
    if clause.dep_ == "acl":
        return marked and lemma in _SAYING_A_NOUN_CLAUSE
    return False


def _polarity_above(root: Token, span: Span) -> int:
    """Whether what the clause at ``root`` says is affirmed (1) or denied (-1) by the words
    that say it: "we do not assess [that …]", "no sign [that …]", "denied [that …]"."""
    polarity = 1
    clause = root
    for _ in range(_MAX_FRAMES):
        word = clause.head
        if word.i == clause.i or word.i not in range(span.start, span.end):
            break
        if not _says(word, clause):
            break
        lemma = word.lemma_.lower()
        negated = any(_negates(c) for c in word.children)
        holder = word.head if word.dep_ in {"dobj", "attr"} else None  # "[have] no sign"
        if holder is not None and any(_negates(c) for c in holder.children):
            negated = True
        if lemma in _DENYING or (negated and lemma in BELIEVING | _EVIDENCE):
            polarity = -polarity
        clause = holder if holder is not None else word
    return polarity


def _framed_by(root: Token, span: Span) -> Token | None:
    """The subject of the verb of speech or belief whose clause ``root`` heads, for whom a
    pronoun there may stand: "[Russia] denies it plans to invade"; for a noun's clause, the
    subject of the verb that has the noun: "[Russia] has shown no signs that they …"."""
    word = root.head
    if word.i == root.i or word.i not in range(span.start, span.end) or not _says(word, root):
        return None
    if word.pos_ == "NOUN" and word.dep_ in {"dobj", "attr"}:
        word = word.head
    return next((c for c in word.children if c.dep_ in _SUBJECTS), None)


def _denied(span: Span, actor_at: Resolve) -> list[Proposition]:
    """What a denial with an object denies: "Russia has denied [war crimes]", "denied
    allegations of [war crimes]", "rejected the accusation [he was fighting a proxy war]",
    "denies any intention [to invade]", "denies [planning] to invade"."""
    found = []
    for verb in span:
        if verb.lemma_.lower() not in _DENYING:
            continue
        thing = next((c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"), None)
        if _named_otherwise(verb, thing):
            continue  # "dismissed the invasion as a territorial dispute": named, not denied
        subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
        above = _clause_above(verb)
        if subject is None and above is not None:
            # "after repeatedly [denying] plans to invade, [Putin] announced …"
            subject = next((c for c in above.children if c.dep_ in _SUBJECTS), None)
        polarity = -((-1) ** sum(_negates(c) for c in verb.children))
        clause = _what_is_denied(verb, thing)
        if clause is not None:
            read = _clause(clause, polarity, actor_at, subject)
            found.extend([read] if read is not None else [])
            continue
        if thing is not None and thing.lemma_.lower() in _CHARGES:
            of = next((c for c in thing.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            thing = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        if thing is None:
            continue
        found.append(
            Proposition(
                subject=subject.lemma_.lower() if subject is not None else None,
                actor=actor_at(subject) if subject is not None else None,
                predicate=thing.lemma_.lower(),
                polarity=polarity,
                modality=None,
                start=thing.idx,
                end=thing.idx + len(thing.text),
            )
        )
    return found


def _named_otherwise(verb: Token, thing: Token | None) -> bool:
    """Whether a denial only calls its object something else: "dismissed the invasion as a
    territorial dispute"; not "dismissed the allegations as a provocation", which denies."""
    as_ = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"), None)
    called = [c.lemma_.lower() for c in as_.children] if as_ is not None else []
    charged = thing is not None and thing.lemma_.lower() in _CHARGES
    return bool(called) and not charged and not set(called) & _FALSEHOODS


def _charged(span: Span, actor_at: Resolve) -> list[Proposition]:
    """What someone is blamed or accused of doing, said to be done: "blamed [Ukraine] for
    [provoking] the invasion" is (Ukraine, provoke, invasion); "did not blame" denies it."""
    found = []
    for verb in span:
        if verb.lemma_.lower() not in _CHARGING or verb.pos_ != "VERB":
            continue
        accused = next((c for c in verb.children if c.dep_ == "dobj"), None)
        deed = next(
            (
                pcomp
                for prep in verb.children
                if prep.dep_ == "prep" and prep.lower_ in {"for", "of"}
                for pcomp in prep.children
                if pcomp.dep_ == "pcomp" and pcomp.pos_ == "VERB"
            ),
            None,
        )
        if accused is None or deed is None:
            continue
        # "did not blame", "denied accusing": the deed denied
        polarity = (-1) ** sum(_negates(c) for c in verb.children) * _polarity_above(verb, span)
        if verb.head.i != verb.i and verb.head.lemma_.lower() in _DENYING:
            polarity = -polarity
        read = _clause(deed, polarity, actor_at, accused)
        found.extend([read] if read is not None else [])
    return found


def _clause_above(verb: Token) -> Token | None:
    """The verb whose subject does what a participle clause without a subject of its own
    says: "after [denying] plans …, Putin [announced]", "…, [denying] it, he [said]"."""
    if verb.tag_ != "VBG" or any(c.dep_ in _SUBJECTS for c in verb.children):
        return None
    if verb.dep_ == "advcl":
        return verb.head
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.pos_ == "VERB":
        return verb.head.head
    return None


def _what_is_denied(verb: Token, thing: Token | None) -> Token | None:
    """The clause a denial denies, if it has one: a verb it takes ("denies [planning] to
    invade"), or the clause of what someone else asserts or intends ("the accusation [he was
    fighting]", "any intention [to invade]")."""
    taken = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
    if taken is not None:
        return taken
    if thing is None or thing.lemma_.lower() not in _CHARGES | _INTENTS:
        return None
    return next((c for c in thing.children if c.dep_ in {"acl", "relcl"}), None)


def _clause(
    root: Token, polarity: int, actor_at: Resolve, framer: Token | None = None
) -> Proposition | None:
    if root.pos_ not in {"VERB", "AUX", "ADJ", "NOUN"}:
        return None
    chain = _predicate_chain(root)
    predicate = chain[-1]
    subject = next((c for c in root.children if c.dep_ in _SUBJECTS), None)
    patient = None
    passive = subject is not None and subject.dep_ == "nsubjpass"
    if passive and (_lemma(predicate) in _DONE_TO or _agent(predicate) is not None):
        # "[eight generals] were killed" is no deed of theirs; "[aggression] was not provoked
        # by [Ukraine]": Ukraine did not provoke it
        patient, subject = subject, _agent(predicate)
    if subject is None and root.dep_ in {"xcomp", "acl", "pcomp"}:
        subject = framer  # "Russia denies [planning] to invade": Russia plans
    if subject is not None and subject.lower_ in {"there", "it"} and root.lemma_ in _LINKING:
        subject = None  # "there is no stalemate", "it is a stalemate"
    if _happens(predicate, subject) and subject is not None:  # "the invasion could begin"
        predicate = subject  # its doer is its owner ("Russia's"), not what "of" names
        subject = next((c for c in subject.children if c.dep_ == "poss"), None)
    negations = [c for t in chain for c in t.children if _negates(c)]
    negations += [t for t in chain[:-1] if t.lemma_.lower() in _FAILING]
    if subject is not None and subject.lower_ in NOBODY:
        negations.append(subject)
    if predicate.lower_ in _UNREADY:
        negations.append(predicate)
    polarity *= (-1) ** len(negations)
    modal = next((c.lower_ for c in root.children if c.tag_ == "MD"), None)
    if modal is not None and any(c.dep_ == "aux" and c.lower_ == "have" for c in root.children):
        modal = f"{modal} have"  # "would never have occurred": what did not happen
    if any(_supposes(c) for t in chain for c in t.children):
        modal = "if"  # "China will not rise [if they do not play by the rules]": not said to be
    pronoun = subject is not None and subject.pos_ == "PRON"
    if pronoun and framer is not None and _may_stand_for(framer):
        actor = actor_at(framer)  # "Russia denies [it] …": Russia
    else:
        actor = actor_at(subject) if subject is not None else None
    return Proposition(
        subject=subject.lemma_.lower() if subject is not None else None,
        actor=actor,
        predicate=_lemma(predicate),
        polarity=polarity,
        modality=modal,
        start=predicate.idx,
        end=predicate.idx + len(predicate.text),
        object=patient.lemma_.lower() if patient is not None else _object(predicate),
    )


def _supposes(clause: Token) -> bool:
    """Whether ``clause`` is a condition: "[if] they do not play by the rules", "[unless] …"."""
    return clause.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in clause.children
    )


def _agent(verb: Token) -> Token | None:
    """Who does what a passive verb says: "were killed [by Russian forces]"."""
    by = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None


def _may_stand_for(framer: Token) -> bool:
    """Whether a pronoun in a clause said by ``framer`` may stand for it: not for "I", "we"
    or "you" ("we are seeing [it] take territory")."""
    return framer.lower_ not in {"i", "we", "you"}


def _predicate_chain(root: Token) -> list[Token]:
    """The words from a clause's head to what it says of its subject, through linking verbs
    ("is [a stalemate]"), verbs of going on or intent ("plans [to invade]"), readiness
    ("willing [to engage] in [negotiations]"), failing ("failed [to reply]"), launching
    ("launched [an offensive]") and sinking ("devolved [into] a stalemate")."""
    chain = [root]
    for _ in range(_MAX_LINKS):
        word = chain[-1]
        lemma = word.lemma_.lower()
        if lemma in _LINKING:
            following = _complement(word)
        elif lemma in _GOING_ON | _INTENDING | _READY | _FAILING:
            following = next((c for c in word.children if c.dep_ == "xcomp"), None)
        elif lemma in _LAUNCHING:
            following = next((c for c in word.children if c.dep_ == "dobj"), None)
        elif lemma in _SINKING and not any(c.dep_ == "dobj" for c in word.children):
            # not "sank [the Moskva] in the Black Sea", nor "trapped in [Mariupol]"
            following = next(
                (
                    pobj
                    for prep in word.children
                    if prep.dep_ == "prep" and prep.lower_ in {"in", "into"}
                    for pobj in prep.children
                    if pobj.dep_ == "pobj" and pobj.ent_type_ not in {"GPE", "LOC", "FAC"}
                ),
                None,
            )
        else:
            following = None
        if following is None:
            break
        chain.append(following)
    return chain


def _happens(predicate: Token, subject: Token | None) -> bool:
    """Whether the clause only says that its subject, an event, happens: "the attack could
    take place", "an invasion could begin"."""
    if subject is None or subject.pos_ != "NOUN" or predicate.lemma_.lower() not in _HAPPENING:
        return False
    objects = [c for c in predicate.children if c.dep_ == "dobj"]
    return all(o.lower_ == "place" for o in objects) and (
        predicate.lemma_.lower() != "take" or bool(objects)
    )


def _complement(verb: Token) -> Token | None:
    """What a linking verb says of its subject: "is [a stalemate]", "reached [a stalemate]",
    "entered into [talks]"."""
    for child in verb.children:
        if child.dep_ in _COMPLEMENTS:
            return child
    for child in verb.children:
        if child.dep_ == "prep":
            found = next((c for c in child.children if c.dep_ == "pobj"), None)
            if found is not None:
                return found
    return None


def _lemma(token: Token) -> str:
    """A predicate's lemma, with its particle ("rule out", "give up"), or, for a verb that
    says little by itself, its object's ("make a difference": "make difference")."""
    lemma = token.lemma_.lower()
    particle = next((c.lower_ for c in token.children if c.dep_ == "prt"), None)
    if particle:
        return f"{lemma} {particle}"
    thing = next((c for c in token.children if c.dep_ == "dobj"), None)
    if lemma in _LIGHT and thing is not None:
        return f"{lemma} {thing.lemma_.lower()}"
    return lemma


def _object(predicate: Token) -> str | None:
    """What a verb does or is done to: its object's lemma ("rejected [talks]"), else the verb
    it takes ("refused to [condemn]"); none for a pronoun, which may stand for anything, or
    where a light verb's object is part of the predicate ("make difference")."""
    if predicate.pos_ not in {"VERB", "AUX"}:
        return None
    thing = next((c for c in predicate.children if c.dep_ == "dobj"), None)
    if thing is not None:
        light = predicate.lemma_.lower() in _LIGHT
        return None if light or thing.pos_ == "PRON" else thing.lemma_.lower()
    taken = next((c for c in predicate.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)
    return taken.lemma_.lower() if taken is not None else None


def _negates(token: Token) -> bool:
    if not_only(token):
        return False  # "not only supports sanctions but also sends weapons"
    return token.dep_ == "neg" or (token.dep_ == "det" and token.lower_ in NEGATIONS)
