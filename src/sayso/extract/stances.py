"""The stances stage: who wants or rejects what, on which issue, read from the parse.

Each sentence that raises an issue (``sayso.issues``) is read from the words that raise it up
through the dependency tree: every word on that path that supports ("want", "ready",
"impose") or rejects ("refuse", "unacceptable", "against") what it governs, and every
negation on it ("not", "never", "no"), turns the side round or keeps it, so that "does not
want to enter into any negotiations" is against negotiating and "condemned the supply of
weapons" against arming. The walk stops at a verb of speech or belief ("said", "believes",
"see"): what lies under it is the view of whoever that verb's clause names.

The **holder** is the subject of the highest such word: "Kyiv refuses", "the opposing side
does not want", "Russia's demand that". "I" is the speaker; "we", said by someone who holds
an office, the state or bloc they speak for; a clause with no subject, or one whose subject
is the issue itself ("negotiations are impossible"), is the speaker's own. The **source** is
who says so: the quote's speaker, else the subject of the verb of speech the walk stopped at,
else the document's authors or outlet. A news report's own narration takes no side, so a
stance there needs a holder other than the report; an opinion piece's author holds the
stances it argues.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from sayso import likeness, nlp
from sayso.cues import NEGATIONS, NOBODY
from sayso.extract.issue_words import IssueMatcher
from sayso.extract.reading import QuoteCover, sentences
from sayso.extract.registry import StageFunction, stage
from sayso.extract.speakers import (
    FIRST_PLURAL,
    FIRST_SINGULAR,
    HE,
    IT,
    QUESTIONER,
    THEY,
)
from sayso.gazetteer import Gazetteer, load
from sayso.issues import Anchor, Issue, load_issues
from sayso.likeness import Kind
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
from sayso.names import OFFICES, STATE_BODIES, fold, shortens, strip_article
from sayso.settings import Settings

# Words that take the side of what they govern (+1: wanting, demanding, offering, readiness,
# support, and doing it: sending, imposing) or turn it round (-1: refusing, ending,
# condemning, judging it wrong), by part of speech: "sign" a deal takes a side, a "sign" that
# Putin is ready does not.
_VERBS_FOR = """support back endorse favor favour welcome want wish seek demand insist urge propose
    offer push advocate need require agree accept approve pledge promise commit vow
    continue keep maintain extend increase boost expand step ramp provide send supply deliver
    give transfer impose introduce adopt tighten plan intend prepare aim hope strive pursue
    recognize recognise guarantee ensure join help fund finance
    arm allow permit authorize authorise defend restore respect uphold protect preserve regain
    retake return achieve reach secure conclude sign call ask pass spend allocate announce
    request donate ship present unveil table broker host facilitate initiate launch develop
    elaborate finalize finalise draft design follow choose embrace pressure force encourage
    thank praise commend applaud hail congratulate"""
_VERBS_AGAINST = """oppose reject refuse resist block veto ban prohibit forbid halt stop end cut
    suspend freeze lift ease scrap abandon renounce withdraw quit condemn denounce criticize
    criticise slam blast object accuse blame deny exclude dismiss refute decline delay
    postpone hinder obstruct sabotage undermine derail torpedo thwart prevent avoid limit
    restrict reduce curb drop ignore disregard retaliate punish lash evade circumvent bypass
    dodge abolish question target attack destroy bomb"""
_ADJECTIVES_FOR = """ready willing prepared open eager keen interested committed determined
    necessary essential important vital crucial possible needed thankful grateful effective
    successful"""
_ADJECTIVES_AGAINST = """unacceptable impossible illegal illegitimate unlawful pointless futile
    meaningless useless counterproductive premature unrealistic wrong opposed reluctant
    unwilling hostile skeptical sceptical wary unnecessary ineffective provocative"""
_NOUNS_FOR = """support demand proposal plan offer request appeal commitment readiness willingness
    desire aspiration goal initiative effort endorsement approval pledge promise intention
    insistence supply delivery provision shipment recognition call push bid favor favour
    supporter advocate proponent champion decision attempt move step pressure need"""
_NOUNS_AGAINST = """opposition rejection refusal veto ban objection halt suspension lifting
    restriction freeze condemnation criticism accusation denial obstacle resistance
    reluctance unwillingness moratorium withdrawal end opponent critic revenge retaliation
    punishment abolition concern fear worry threat provocation aggression mistake escalation
    danger alternative"""
SIDES: dict[str, dict[str, int]] = {
    pos: {**dict.fromkeys(for_.split(), 1), **dict.fromkeys(against.split(), -1)}
    for pos, for_, against in (
        ("VERB", _VERBS_FOR, _VERBS_AGAINST),
        ("ADJ", _ADJECTIVES_FOR, _ADJECTIVES_AGAINST),
        ("NOUN", _NOUNS_FOR, _NOUNS_AGAINST),
    )
}
# The small model's wrong lemmas of words above: "hoping" -> "hop".
_MISLEMMATISED = {"hop": "hope"}
# Verbs of speech, belief and perception: the stance under them belongs to whom their clause
# names, and the verb's subject is who says so.
FRAMING = frozenset(
    """say tell state announce declare add note stress emphasize emphasise explain claim assert
    write tweet post report reply answer respond argue believe think expect assess see know
    understand feel suggest acknowledge admit confirm indicate recall remind reiterate insist
    warn predict signal estimate conclude""".split()
)
# These frame only with a clause ("insisted that …"); with an object they take a side.
_FRAMING_WITH_CLAUSE_ONLY = frozenset(
    {"insist", "warn", "conclude", "announce", "declare", "maintain", "agree"}
)
# Verbs whose side depends on a particle: "rule out", "give up", "call for", "ask for".
_PARTICLE_SIDES = {("rule", "out"): -1, ("give", "up"): -1, ("step", "up"): 1, ("ramp", "up"): 1}
_PREPOSITION_SIDES = {
    ("call", "for"): 1,
    ("call", "on"): 1,
    ("ask", "for"): 1,
    ("push", "for"): 1,
    ("press", "for"): 1,  # "pressed for talks"; not "press home its advantage"
    ("keep", "with"): 0,  # "struggling to keep up with military supplies"
}
# How a word on the path hangs from the next: only an argument is taken a side on.
_ARGUMENTS = frozenset(
    """dobj xcomp ccomp nsubj nsubjpass csubj csubjpass pcomp acomp attr oprd compound nmod
    pobj dative acl""".split()
)
_ARGUMENT_PREPOSITIONS = frozenset(
    "for to on of into toward towards against from about in over".split()
)
# Verbs whose object or preposition is only what they are about.
_TOPICAL = frozenset({"speak", "comment", "address", "mention", "refer"})
# Nouns whose clause the walk goes on through: "no sign [that Putin is ready]".
_EVIDENCE = frozenset("sign indication evidence suggestion hint signal proof".split())
# Verbs that carry what is said of their subject: a negation on them turns it round.
_COPULAS = frozenset({"be", "seem", "appear", "remain", "become", "look", "sound"})
# Nouns of the means to an end, which an infinitive completes: "ways [to end the war]".
_MEANS = frozenset({"way", "means", "path", "route"})
# Nouns for someone's urging, whose "of" or "from" names who urges.
_URGING = frozenset({"insistence", "pressure", "request", "urging", "behest", "instigation"})
# How what an issue names is given or laid on someone: "aid [to] Ukraine", "sanctions [on]
# Russia" (not "against": "weapons against Russia" are not given to it).
_RECIPIENT_PREPOSITIONS = frozenset({"to", "for", "on"})
# Where a clause of its own begins: the walk up stops there.
_CLAUSE_EDGES = frozenset({"advcl", "relcl", "acl", "parataxis"})
_FIRM_MODALS = frozenset({"must", "should", "will", "shall", "'ll", "wo", "ca", "can"})
# Taking an armed force out of a place ("withdraw its troops from …") gives the place back.
_LEAVING = frozenset({"withdraw", "pull", "remove", "move"})
_FORCES = frozenset({"troop", "troops", "force", "forces", "army", "soldier", "soldiers"})
# Verbs that say what their object is taken to be: "sees NATO's expansion [as a threat]".
_REGARDING = frozenset({"see", "regard", "view", "consider", "describe", "treat", "perceive"})
_TOGETHER = frozenset(
    {"together", "along", "cooperation", "coordination", "concert", "conjunction", "partnership"}
)
# Titles that, bare in a speaker's words, are their own state's leader: "the President".
_LEADERS = frozenset({"president", "prime minister", "chancellor", "premier"})
# Words that credit or blame someone for a deed, whom they name doing it.
_CREDITING = frozenset(
    """thank thankful grateful praise commend applaud hail congratulate blame accuse criticize
    criticise condemn""".split()
)
# Pronouns that may stand for what the sentence before named: an issue's context there counts.
_STANDING_FOR = frozenset("them they their it its he him his she her we us our".split())
_ANYONE = frozenset("everyone everybody someone somebody anyone anybody all many few".split())
_OBLIGING = frozenset({"must", "should", "ought"})
_SUGGESTING = frozenset({"could", "might"})
_CONDITION_MARKS = frozenset({"if", "unless", "provided", "providing", "once", "until"})
_CONDITION_NOUNS = frozenset({"condition", "term", "precondition", "basis"})
# Nouns of what must come first: a demand "as a condition for talks" is no side on the talks.
_PRECONDITIONS = frozenset({"condition", "precondition", "prerequisite"})
_DESCRIBED = frozenset(
    """side leadership government authorities authority official officials administration
    regime delegation diplomats diplomat ministry leaders leader president minister spokesman
    spokesperson spokeswoman army military forces parliament lawmakers counterpart colleague
    friend head chief""".split()
)
# What a party says or puts forward now, which says what its owner holds: "the [Kremlin]
# summary of the call said …", "[China's] plan calls for …" (not a law or a constitution,
# which may say what its state held long ago).
_ISSUED = frozenset(
    """statement summary readout communique declaration plan proposal initiative position
    paper""".split()
)
_WESTERN = frozenset(
    """countries partners allies nations governments leaders community colleagues friends
    counterparts""".split()
)
# Nouns for those who can hold a stance without being named: "some lawmakers want …"; a
# subject that is none of these ("the war must end …") leaves the stance to the speaker.
AGENTS = (
    _DESCRIBED
    | _WESTERN
    | frozenset(
        """people politician politicians lawmaker lawmakers legislator legislators critic critics
    supporter supporters opponent opponents member members republican republicans democrat
    democrats party parties state states country nation ally partner group groups camp
    majority minority voter voters citizen citizens expert experts analyst analysts company
    companies firm firms business businesses bank banks corporation corporations exporter
    exporters oligarch oligarchs individual individuals""".split()
    )
)
_TITLED_MENTIONS = 3  # of each name, where titles are looked for
_BEFORE_TO = re.compile(r"\bto\b.*")  # "ambassador to the U.S.": not the envoy's state
_PARENTHESIS = re.compile(r"\([^)]*\)")  # "The White House (press briefing transcript)"
_ALLIED = frozenset({"western", "allied", "democratic", "free"})
WEST = "West"  # the party of "the West", "Western allies": no one state
# An actor's type as a holder's: a state or a capital is an organisation that speaks.
_SPEAKER_TYPES: dict[str, SpeakerType] = {
    "person": "person",
    "organization": "organization",
    "country": "organization",
    "place": "organization",
    "outlet": "publication",
    "group": "group",
}


@stage(
    "stances",
    assigns=("stances",),
    requires=("text", "date", "genre", "authors", "outlet", "quotes", "entities"),
)
def make_stances(settings: Settings) -> StageFunction:
    issues = load_issues(settings.issues)
    gazetteer = load(settings.gazetteer)
    nlp.load()
    matcher = issue_matcher(issues, settings.likeness)

    def run(doc: Document) -> None:
        doc.stances = find_stances(doc, issues, gazetteer, matcher)

    return run


def issue_matcher(
    issues: list[Issue], kind: Kind | None, thresholds: tuple[float, float] | None = None
) -> IssueMatcher | None:
    """What finds the sentences that raise those of ``issues`` that list no words of their
    own, by likeness to their examples (None: where there are none, or ``kind`` is None)."""
    unlisted = [issue for issue in issues if not issue.lists_words]
    if kind is None or not unlisted:
        return None
    sides = {lemma: sign for lexicon in SIDES.values() for lemma, sign in lexicon.items()}
    stop = FRAMING | AGENTS | frozenset(SIDES["ADJ"])  # no judgement is an issue's word
    return IssueMatcher(unlisted, likeness.load(kind), _side, sides, stop, thresholds)


def _side(sdoc: Doc, sentence: Span, anchor: Anchor) -> int | None:
    reading = _read(sdoc, sentence, anchor, doing_sides=False)
    return None if reading is None else reading.side


def find_stances(
    doc: Document, issues: list[Issue], gazetteer: Gazetteer, matcher: IssueMatcher | None = None
) -> list[Stance]:
    """The stances ``doc`` states on ``issues``, in reading order, one per (sentence, issue,
    holder); needs its quotes and entities. With a ``matcher``, sentences like the examples
    of an issue that lists no words raise it."""
    sdoc = nlp.parse(doc.text)
    cover = QuoteCover(doc.quotes)
    holders = _Holders(doc, sdoc, gazetteer)
    found: list[Stance] = []
    parsed = list(sentences(sdoc))
    alike = matcher.likeness_to_issues(parsed) if matcher is not None else {}
    sentence_words = [_words(sentence) for sentence in parsed]
    for n, sentence in enumerate(parsed):
        quote = cover.over(sentence.start_char, sentence.end_char)
        if _asks(sentence) or (quote is not None and quote.speaker.descriptor == QUESTIONER):
            continue  # a question takes no side
        words = sentence_words[n]
        before = sentence_words[n - 1] if n and _has_pronoun(sentence) else []
        for issue in issues:
            seen: set[tuple[str | None, str | None]] = set()
            likened = (
                matcher.anchors(issue, sentence, float(alike[issue.id][n]))
                if matcher is not None and issue.id in alike
                else []
            )
            for anchor in _anchors(issue, doc.text, sentence, words, before, likened):
                reading = _read(sdoc, sentence, anchor, issue.doing_sides)
                if reading is None:
                    continue
                inside = quote if quote is not None and _within(quote, anchor) else None
                found_here = holders.stances(reading, issue, inside, sentence)
                for below in reading.below():
                    found_here += holders.stances(below, issue, inside, sentence, named=True)
                for stance in found_here:
                    key = (stance.holder.label, stance.party)
                    if key not in seen:
                        seen.add(key)
                        found.append(stance)
    return found


@dataclass(frozen=True)
class _Word:
    lower: str
    lemma: str
    start: int
    end: int


def _words(tokens: Iterable[Token]) -> list[_Word]:
    return [_Word(t.lower_, t.lemma_.lower(), t.idx, t.idx + len(t.text)) for t in tokens]


def _clause_words(sentence: Span, anchor: Anchor) -> list[_Word]:
    """The words of the clause an anchor stands in: the subtree of the verb above it (so
    that "tanks" beside "send … to Ukraine" is aid, and "all the weapons we need" in a clause
    of its own is not, whatever else the sentence names)."""
    words = sentence.doc.char_span(anchor.start, anchor.end, alignment_mode="expand")
    if words is None:
        return []
    verb = words.root
    while verb.pos_ not in {"VERB", "AUX"} and verb.head.i != verb.i:
        verb = verb.head
    if verb.dep_ in {"xcomp", "conj", "ccomp"} and verb.head.i != verb.i:
        verb = verb.head  # "sent tanks and [pledged] to keep arming Ukraine"
    return _words(verb.subtree)


def _phrase_words(sentence: Span, anchor: Anchor) -> list[_Word]:
    """The words of the phrase an anchor heads: "providers of [humanitarian assistance in
    Ukraine]"."""
    words = sentence.doc.char_span(anchor.start, anchor.end, alignment_mode="expand")
    return [] if words is None else _words(words.root.subtree)


def _modifiers(sentence: Span, anchor: Anchor) -> list[_Word]:
    """The words that modify an anchor's head from outside it: "[accession] negotiations"."""
    words = sentence.doc.char_span(anchor.start, anchor.end, alignment_mode="expand")
    if words is None:
        return []
    return _words(
        c
        for c in words.root.children
        if c.dep_ in {"compound", "amod", "nmod"} and not anchor.start <= c.idx < anchor.end
    )


def _within(quote: Quote, anchor: Anchor) -> bool:
    return quote.start <= anchor.start < quote.end


def _asks(sentence: Span) -> bool:
    return sentence.text.rstrip(" \n\"'”’»)").endswith("?")


def _has_pronoun(sentence: Span) -> bool:
    """Whether a sentence has a pronoun that may stand for a state or people named before:
    "we can get [them] the weapons [they] need"."""
    return any(t.lower_ in _STANDING_FOR for t in sentence)


def _anchors(
    issue: Issue,
    text: str,
    sentence: Span,
    words: list[_Word],
    before: list[_Word],
    likened: list[Anchor],
) -> list[Anchor]:
    """Where a sentence raises ``issue``: its patterns, its terms (their context words
    also met by the words ``before``) and the words ``likened`` to its examples, a phrase
    that takes a side before one that only names the issue, and a listed word before a
    likened one, where they overlap."""
    found = issue.anchors(text, sentence.start_char, sentence.end_char) + [
        anchor
        for anchor in issue.term_anchors(words, before)
        if not anchor.needs_context
        or (
            issue.in_context(_clause_words(sentence, anchor), before)
            and not issue.vetoed(_phrase_words(sentence, anchor))
        )
    ]
    found = [a for a in found if a.needs_context or not issue.vetoed(_modifiers(sentence, a))]
    found += likened
    kept: list[Anchor] = []
    for anchor in sorted(found, key=lambda a: (not a.sides, a.start - a.end)):
        if not any(k.overlaps(anchor.start, anchor.end) for k in kept):
            kept.append(anchor)
    return sorted(kept, key=lambda a: a.start)


@dataclass
class _Reading:
    """What the path from an issue's words up the parse says: the side, the words that gave
    it, and whose it is."""

    side: int
    anchor: Span  # the words that raise the issue
    cue: Token | Span
    predicate: Token | None  # the highest word that takes a side, whose subject holds it
    frame: Token | None  # the verb of speech or belief the walk stopped at
    negations: list[Token] = field(default_factory=list)
    modality: str | None = None
    condition: Span | None = None
    # words below the top that name a holder of their own, with the side up to them:
    # "the US rejected [Russia's demand] that NATO not expand" is Russia's stance too
    inner: list[tuple[Token, int]] = field(default_factory=list)
    doer: Token | None = None  # who does what the issue names: "[EU] sanctions"

    def below(self) -> list[_Reading]:
        """The readings of ``inner``: each word's own holder and side."""
        return [
            _Reading(at, self.anchor, token, token, self.frame, self.negations, None, None)
            for token, at in self.inner
        ]


def _read(sdoc: Doc, sentence: Span, anchor: Anchor, doing_sides: bool) -> _Reading | None:
    """The side the sentence takes on the issue ``anchor`` raises, read from the anchor's
    words up to the top of their clause (or to a verb of speech), or None where it takes
    none, or only in a clause that supposes ("if they were willing to talk", "would have").
    With ``doing_sides``, whoever does what the issue names takes its side ("the West
    sanctioned Russia", "EU sanctions")."""
    words = sdoc.char_span(anchor.start, anchor.end, alignment_mode="expand")
    if words is None:
        return None
    root = words.root
    if root.dep_ == "amod" and root.tag_ in {"VBN", "VBD"}:
        return None  # "the sanctioned nation", "US-supplied missiles": a description
    inside = range(words.start, words.end)
    judged = [  # "illegal sanctions": the speaker's judgement, the side where nothing else is
        child
        for child in root.children
        if child.dep_ == "amod"
        and child.tag_ == "JJ"
        and child.i not in inside
        and _sign(child, root)
    ]
    # the words from the anchor up, each with the side it takes on the one below (or 0)
    steps: list[tuple[Token, int]] = [(root, 0)]
    frame = None
    token = root
    while token.head.i != token.i and sentence.start <= token.head.i < sentence.end:
        child, token = token, _head(token)
        if _frames(token, child):
            frame = token
            break
        if token.lemma_.lower() in _PRECONDITIONS and child.lower_ == "for":
            return None  # "demands a withdrawal [as a condition for talks]": the side is on that
        if token.lemma_.lower() in _TOPICAL:
            break  # "want to speak [to] the sham referenda": what is spoken of, not wished
        if child.dep_ in _CLAUSE_EDGES and not _completes(token, child):
            if _supposed(child):
                return None
            break  # a clause of its own ("…, which Russia rejected", "as talks stalled")
        steps.append((token, _sign(token, child) if _governs(token, child) else 0))
    path = [t for t, _ in steps]
    if any(_supposed(t) for t in path):
        return None
    beside = [  # "negotiations are impossible": a judgement beside the path
        (n, judgement, _sign(judgement, verb))
        for n, verb in enumerate(path)
        for judgement in verb.children
        if judgement.dep_ in {"acomp", "attr", "oprd"} and judgement not in path
    ]
    beside = [(n, judgement, sign) for n, judgement, sign in beside if sign]
    predicates = [(n, t, sign) for n, (t, sign) in enumerate(steps) if sign] + beside
    if not predicates:  # "sanctions imposed by the EU", "aid that Congress passed"
        action = next(
            (
                c
                for c in root.children
                if c.dep_ in {"acl", "relcl"} and _sign(c, root) and _subject(c) is not None
            ),
            None,
        )
        if action is not None:
            predicates = [(0, action, _sign(action, root))]
    if not predicates and judged:
        predicates = [(0, judged[0], _sign(judged[0], root))]
    made_by = root.dep_ == "dobj" and any(c.dep_ == "agent" for c in root.head.children)
    if not predicates and root.pos_ == "NOUN" and (_own_subject(root) is not None or made_by):
        sign = SIDES["NOUN"].get(root.lemma_.lower(), 0)
        if sign:  # "peace initiatives [by China]", "initiatives voiced [by China]": its maker's
            predicates = [(0, root, sign)]
    doer = _doer(root) if doing_sides and not predicates and anchor.sign > 0 else None
    if doer is not None and doer.head.i == root.i and doer.dep_ != "poss" and root.pos_ == "VERB":
        predicates = [(0, root, 1)]  # "the West sanctioned Russia": the verb's subject does it
        doer = None
    top_at = max((n for n, _, _ in predicates), default=0)
    if any(_counterfactual(t) for t in path[: top_at + 1]):
        return None  # "would have been guaranteed"
    modal = _modality(path[: top_at + 1] if predicates else path)
    if not predicates and not anchor.sides and modal is None and doer is None:
        return None  # the issue is named, no side is taken: "talks were held"
    side = anchor.sign
    negations = [c for c in root.children if c.i not in inside and _negates(c)]
    side *= (-1) ** len(negations)
    inner: list[tuple[Token, int]] = []
    owned_below = False
    for n, (token, _) in enumerate(steps):
        below = steps[n - 1][0] if n > 0 else token
        evidence = {token.lemma_.lower(), below.lemma_.lower()} & _EVIDENCE
        # "Russia [is not] ready to negotiate", "[was not] against talks", "[is not] in favour
        # of": the negation hangs on the copula above the stance (and its prepositions)
        copula = (
            token.lemma_ in _COPULAS
            and n > top_at
            and all(t.pos_ == "ADP" for t, _ in steps[top_at + 1 : n])
        )
        if n > 0 and (n <= top_at or evidence or copula):
            # above the stance, a negation counts only on "no sign", "does not see any sign"
            own = [c for c in token.children if c.i != below.i and _negates(c)]
            negations += own
            side *= (-1) ** len(own)
        for at, predicate, sign in predicates:
            if at == n:
                side *= sign
                if predicate.pos_ == "NOUN" and at < top_at and _own_subject(predicate):
                    inner.append((predicate, side))  # "[Russia's demand] that NATO not …"
        if n <= top_at:  # "abandoned the talks [at the insistence of the US]"
            inner += [(urging, side) for urging in _urged_by(token)]
        if n < top_at and not owned_below and _credited(token) is not None:
            inner.append((token, side))  # "thanked Germany for [sending] tanks"
        # past someone else's noun ("[Russia's demands] to block"), no deed is credited
        owned_below = owned_below or (token.pos_ == "NOUN" and _own_subject(token) is not None)
    top = next((p for n, p, _ in sorted(predicates, key=lambda p: -p[0]) if n == top_at), None)
    clause = top if top is not None else path[-1]
    inner += [(verb, side * sign) for verb, sign in _answered(clause, words)]
    cue: Token | Span = top if top is not None else words
    condition = _condition(path)
    return _Reading(side, words, cue, top, frame, negations, modal, condition, inner, doer)


def _answered(clause: Token, anchor: Span) -> list[tuple[Token, int]]:
    """The verbs of a clause ", which X rejected" that end the clause a stance is read in
    and answer what it says (not the issue's own words, which "which" may stand for), with
    the side each takes on it: "NATO must promise not to let Ukraine join, among other
    demands, [which] the United States [rejected]" is the United States' stance too, turned
    round."""
    answers = []
    last = max(t.i for t in clause.subtree if not t.is_punct)
    for verb in clause.subtree:
        if verb.dep_ != "relcl" or verb.i < anchor.end or verb.right_edge.i < last:
            continue
        if anchor.start <= verb.head.i < anchor.end:
            continue  # "Kyiv wants security guarantees, which …": of the guarantees or the want?
        for which in verb.children:
            if which.dep_ in {"dobj", "nsubjpass"} and which.lower_ == "which":
                sign = _sign(verb, which)
                if sign:
                    answers.append((verb, sign))
    return answers


def _head(token: Token) -> Token:
    """The word ``token`` hangs from, where the parser hung an infinitive on the verb of the
    sentence rather than on the word of a noun's clause that it completes: "issued a decree
    [prohibiting] everyone [to conduct] any negotiations"."""
    head = token.head
    if token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        for object_ in (c for c in head.children if c.dep_ == "dobj" and c.i < token.i):
            for clause in object_.children:
                if clause.dep_ == "acl" and clause.i < token.i and _sign(clause, token):
                    return clause
    return head


def _doer(root: Token) -> Token | None:
    """Who does what an issue's word names: the subject or agent of a verb ("[the West]
    sanctioned"), or the actor a noun is said to be of ("[EU] sanctions", "[Western]
    weapons", "[America's] aid")."""
    if root.pos_ == "VERB":
        agent = next((c for c in root.children if c.dep_ == "agent"), None)
        if agent is not None:  # "Russia has been sanctioned [by the West]"
            return next((c for c in agent.children if c.dep_ == "pobj"), None)
        return _subject(root)
    modifiers = [
        child for child in root.children if child.dep_ in {"amod", "compound", "poss", "nmod"}
    ]
    # a named state before a word the tagger took for a name: "Additional [EU] sanctions"
    named = [c for c in modifiers if c.ent_type_ in {"NORP", "GPE", "ORG"}]
    named += [c for c in modifiers if c.pos_ == "PROPN" or (c.dep_ == "poss" and c.lower_ == "our")]
    named += [c for c in modifiers if c.pos_ == "ADJ" and c.text[:1].isupper()]  # "[Western]"
    return named[0] if named else None


def _bare_leader(subject: Token) -> bool:
    """Whether a subject is a head of state's or government's title and nothing more: "the
    President", "the Prime Minister" (not "President Putin", "Russia's president")."""
    words = [t for t in subject.subtree if t.dep_ != "det"]
    return " ".join(t.lower_ for t in words) in _LEADERS


def _done_with_no_agent(predicate: Token | None, word: Token) -> bool:
    """Whether ``predicate`` is a passive verb that says, of ``word`` as its subject, that
    it is done, and names no one doing it: "sanctions … were expanded"."""
    return (
        predicate is not None
        and predicate.pos_ == "VERB"
        and word.dep_ == "nsubjpass"
        and word.head.i == predicate.i
        and SIDES["VERB"].get(predicate.lemma_.lower(), 0) > 0
        and not any(c.dep_ == "agent" for c in predicate.children)
    )


def _completes(token: Token, child: Token) -> bool:
    """Whether the clause ``child`` completes ``token`` rather than standing beside it:
    "[Russia's] demand [that NATO not expand]", "no sign [that Putin is ready]", "pressed
    lawmakers [to approve funding]" (a clause of a word that takes a side, or of "sign")."""
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
    if token.lemma_.lower() in _MEANS and infinitive and child.dep_ in {"acl", "relcl"}:
        return True  # "ways [to end this crisis]"
    if child.dep_ == "acl":
        return bool(_sign(token, child)) or token.lemma_.lower() in _EVIDENCE
    return child.dep_ == "advcl" and infinitive and bool(_sign(token, child))


def _governs(token: Token, child: Token) -> bool:
    """Whether ``child`` is what ``token`` is about (its object, complement, subject), so
    that ``token`` takes a side on it: "refuse [talks]", "call [for] talks", "ready [to
    negotiate]", "[talks] must resume"; not a circumstance ("began [in] 2014"), a word
    coordinated with it ("wants peace [and] rejects sanctions"), or a subject that does
    something rather than being judged ("[the talks] ended")."""
    if _instead(child):
        return True
    suffered = any(c.dep_ == "auxpass" for c in token.children) and _sign(token, child) < 0
    if suffered and (child.dep_ == "agent" or child.lower_ in {"in", "by", "with"}):
        return False  # "Belarus was targeted [in] Western sanctions": no one's stance on them
    if child.dep_ == "prep":  # "backed Ukraine [with] weapons and sanctions" gives them
        supplies = child.lower_ == "with" and SIDES["VERB"].get(token.lemma_.lower(), 0) > 0
        return child.lower_ in _ARGUMENT_PREPOSITIONS or supplies
    if child.dep_ == "advcl":
        return _completes(token, child)
    if child.dep_ in {"nsubj", "csubj"}:
        return token.lemma_.lower() == "need" or any(
            c.tag_ == "MD" and c.lower_ in _FIRM_MODALS for c in token.children
        )
    if child.dep_ == "nsubjpass":  # "sanctions must be lifted"; not "have been launched"
        auxiliaries = {c.lower_ for c in token.children if c.dep_ in {"aux", "auxpass"}}
        done = bool(auxiliaries & {"have", "has", "had"}) and not auxiliaries & _FIRM_MODALS
        return not done or any(c.dep_ == "agent" for c in token.children)
    return child.dep_ in _ARGUMENTS


def _counterfactual(token: Token) -> bool:
    """ "would have been guaranteed": what did not happen, not what anyone wants."""
    auxiliaries = {c.lower_ for c in token.children if c.dep_ in {"aux", "auxpass"}}
    return bool(auxiliaries & {"would", "could", "might", "'d"}) and "have" in auxiliaries


def _supposed(token: Token) -> bool:
    """Whether ``token`` heads a clause that supposes: "if …", "unless …"."""
    return token.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"} for c in token.children
    )


def _sign(token: Token, child: Token) -> int:
    """+1 if ``token`` takes the side of ``child``, the word below it ("want [talks]"), -1 if
    it turns it round ("refuse [talks]"), 0 if it does neither."""
    lemma = token.lemma_.lower()
    lemma = _MISLEMMATISED.get(lemma, lemma)
    if (
        child.dep_ == "prep"
        and child.lower_ == "in"
        and any(
            c.dep_ == "pobj"
            and c.lemma_.lower() in {"return", "exchange"}
            and any(g.lower_ == "for" for g in c.children)
            for c in child.children
        )
    ):
        return 1  # "give up its ambitions [in return for] guarantees": wants the guarantees
    purpose = child.dep_ == "advcl"  # a particle's side is not on "[to end the war]"
    for particle in token.children:
        if particle.dep_ == "prt" and (lemma, particle.lower_) in _PARTICLE_SIDES and not purpose:
            return _PARTICLE_SIDES[(lemma, particle.lower_)]
    if (lemma, child.lower_) in _PREPOSITION_SIDES:
        return _PREPOSITION_SIDES[(lemma, child.lower_)]
    if _instead(child):
        return -1  # "continue the war [rather than conclude] the talks": not wanted
    if token.pos_ == "ADP":
        return -1 if lemma == "against" else 0
    pos = "VERB" if token.pos_ == "AUX" else token.pos_
    if lemma in _LEAVING and child.lower_ in {"from", "out"} and _troops(token):
        return 1  # "withdraw its troops [from] the occupied territories": gives them back
    if lemma in _REGARDING:  # "sees NATO's expansion [as a threat]"; "considers [sanctions]"
        judged = _regarded_as(token) if child.dep_ == "dobj" else 0
        if judged or child.dep_ not in {"dobj", "xcomp"}:
            return judged
    if lemma == "line" and any(c.lower_ == "red" for c in token.children):
        return -1  # "would be a red line"
    sign = SIDES.get(pos, {}).get(lemma, 0)
    if not sign and pos == "VERB" and child.dep_ == "prep":
        # a verb with a noun that takes the side: "expressed [support] for talks", "took
        # [revenge] for aiding Ukraine"
        for object_ in (c for c in token.children if c.dep_ == "dobj"):
            sign = SIDES["NOUN"].get(object_.lemma_.lower(), 0)
            if sign:
                break
    return sign


def _instead(child: Token) -> bool:
    """Whether ``child`` is what is preferred against: "rather than [conclude]", "instead
    [of] negotiating"."""
    if child.dep_ == "conj":
        return any(c.dep_ == "cc" and c.lower_ == "than" for c in child.head.children)
    return child.dep_ == "prep" and any(c.lower_ == "instead" for c in child.children)


def _troops(verb: Token) -> bool:
    """Whether ``verb``'s object is an armed force: "withdraw [its troops]"."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() in _FORCES for c in verb.children)


def _regarded_as(token: Token) -> int:
    """The side "as" takes after a verb of regarding: +1 for "sees talks [as necessary]",
    -1 for "[as an existential threat]", "[as a hostile act]", 0 for none."""
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "as"):
        for what in (c for c in prep.children if c.dep_ == "pobj"):
            sign = SIDES["NOUN"].get(what.lemma_.lower(), 0) or SIDES["ADJ"].get(
                what.lemma_.lower(), 0
            )
            judged = [SIDES["ADJ"].get(c.lemma_.lower(), 0) for c in what.children]
            return sign or next((j for j in judged if j), 0)
    return 0


def _negates(token: Token) -> bool:
    if token.dep_ == "neg" or (
        token.dep_ in {"det", "advmod", "preconj"} and token.lower_ in NEGATIONS
    ):
        return True
    # "no longer supports"
    return token.lower_ == "longer" and any(c.lower_ == "no" for c in token.children)


def _frames(token: Token, child: Token) -> bool:
    """Whether ``token`` reports speech or belief about the clause ``child`` heads."""
    lemma = token.lemma_.lower()
    if token.pos_ not in {"VERB", "AUX"} or lemma not in FRAMING:
        return False
    if child.dep_ == "dobj" and lemma in _REGARDING and _regarded_as(token):
        return False  # "sees [NATO's expansion] as a threat" judges it
    if lemma in _FRAMING_WITH_CLAUSE_ONLY:
        return child.dep_ in {"ccomp", "parataxis"}
    return child.dep_ in {"ccomp", "parataxis", "xcomp", "dobj", "advcl", "conj"}


def _modality(path: list[Token]) -> str | None:
    """The words that say how firmly: "will never", "must not", "cannot", "ready to"."""
    for token in path:
        words = [c for c in token.children if c.tag_ == "MD" or _negates(c)]
        if any(c.tag_ == "MD" and c.lower_ in _FIRM_MODALS for c in words):
            return " ".join(c.lower_ for c in sorted(words, key=lambda c: c.i))
        if token.lemma_.lower() in {"ready", "willing", "prepared"}:
            return f"{token.lower_} to"
        if token.lemma_.lower() in {"need", "have"} and any(
            c.dep_ == "xcomp" for c in token.children
        ):
            return f"{token.lemma_.lower()} to"
    return None


def _condition(path: list[Token]) -> Span | None:
    """The clause a stance hangs on: "if Russia withdraws", "on those conditions"."""
    for token in path:
        for child in token.children:
            marks = {c.lower_ for c in child.children if c.dep_ in {"mark", "advmod"}}
            conditional = child.dep_ == "advcl" and (
                marks & _CONDITION_MARKS or child.lower_ in {"provided", "providing"}
            )
            on_terms = child.dep_ == "prep" and any(
                c.dep_ == "pobj" and c.lemma_.lower() in _CONDITION_NOUNS for c in child.children
            )
            if conditional or on_terms:
                return token.doc[child.left_edge.i : child.right_edge.i + 1]
    return None


@dataclass(frozen=True)
class _Holder:
    speaker: Speaker
    actor_id: str | None
    party: str | None
    own: bool  # the source speaking for itself ("I", "we", no subject)


class _Holders:
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
        self.by_name = {e.name: e for e in reversed(doc.entities)}  # the first of each name

    def stances(
        self,
        reading: _Reading,
        issue: Issue,
        quote: Quote | None,
        sentence: Span,
        named: bool = False,
    ) -> list[Stance]:
        """The stances ``reading`` gives, one per holder (with ``named``, only holders the
        text names or describes as of a state)."""
        if issue.target is not None and self._done_to_another(reading.anchor.root, issue.target):
            return []  # "aid to Russia", "sanctions on Iran": not this issue
        source, source_type = self._source(reading, quote)
        holders = self._holders(reading, source, quote)
        if issue.target is not None:
            giver = self._given_by(reading.anchor.root)
            if giver not in {None, issue.target}:  # "Moscow demands guarantees [from the West]"
                holders = [h for h in holders if h.party in {issue.target, giver}]
            named_for = None if issue.doing_sides else self._named_for(reading.anchor.root)
            if named_for not in {None, issue.target}:  # Russia: "offer [Moscow] guarantees"
                holders = [h for h in holders if h.party != named_for]
        if reading.predicate is not None and holders and not any(h.own for h in holders):
            holders += [h for word in _partners(reading.predicate) for h in self._named(word)]
        reported = quote is not None or reading.frame is not None
        if reported and _modal(reading.predicate, _SUGGESTING) and not any(h.own for h in holders):
            # "NATO could offer Kyiv guarantees, officials said": the officials' idea too
            holders.append(self._speaker_holder(source, own=True))
        if reading.doer is not None or (reading.predicate is reading.anchor.root):
            holders = [h for h in holders if h.party is None or h.party != issue.target]
        if named:
            holders = [h for h in holders if not h.own and (h.speaker.name or h.party)]
        if not holders:
            return []
        if quote is None and reading.frame is None and self.doc.genre != "opinion":
            holders = [h for h in holders if not h.own]  # a report's narration takes no side
        start, end = sentence.start_char, sentence.end_char
        cue = reading.cue
        return [
            Stance(
                text=self.doc.text[start:end],
                start=start,
                end=end,
                issue=issue.id,
                side="for" if reading.side > 0 else "against",
                holder=holder.speaker,
                holder_id=holder.actor_id,
                party=holder.party,
                source=source.label,
                source_type=source_type,
                kind="own words" if holder.own or self._same(holder, source) else "reported",
                cue=Mention(cue.text, _start(cue), _end(cue)),
                negations=[Mention(t.text, t.idx, t.idx + len(t.text)) for t in reading.negations],
                modality=reading.modality,
                condition=_mention(reading.condition),
            )
            for holder in holders
        ]

    def _source(self, reading: _Reading, quote: Quote | None) -> tuple[Speaker, HolderType]:
        if quote is not None:
            return quote.speaker, quote.speaker.type
        if reading.frame is not None:
            subject = _subject(reading.frame)
            if subject is not None:
                named = self._named(subject)
                if named:
                    return named[0].speaker, named[0].speaker.type
        if self.doc.authors:
            name = ", ".join(self.doc.authors)
            return Speaker(name, None, None, None, None, "person"), "author"
        outlet = self.doc.outlet
        return Speaker(outlet, None, None, None, None, "publication"), "outlet"

    def _holders(self, reading: _Reading, source: Speaker, quote: Quote | None) -> list[_Holder]:
        if reading.doer is not None:
            if reading.doer.lower_ in FIRST_PLURAL:  # "[our] sanctions"
                return [self._party_of(source)]
            return self._named_or_demonym(reading.doer)
        subject = _subject(reading.predicate) if reading.predicate is not None else None
        issue_words = range(reading.anchor.start, reading.anchor.end)
        predicate = reading.predicate
        if subject is not None and subject.tag_ in {"WDT", "WP"} and subject.head.dep_ == "relcl":
            # "companies [that] impose a price cap": the companies, if they are someone known
            antecedent = subject.head.head
            return self._named(antecedent) or [_Holder(_unresolved(antecedent), None, None, False)]
        if (
            subject is None
            and predicate is not None
            and (predicate.pos_ == "NOUN" or _embedded(predicate))
        ):  # "attempts to …", "a pretext to impose sanctions": someone's, not the speaker's
            return [_Holder(_unresolved(predicate), None, None, own=False)]
        expletive = (
            subject is not None
            and subject.lower_ in {"there", "it"}
            and (
                subject.lower_ == "there"
                or _extraposes(predicate)
                or _extraposes(_judgement(subject.head))
            )
        )
        if (subject is None or subject.i in issue_words) and _done_with_no_agent(
            predicate, reading.anchor.root
        ):
            # "[U.S.] sanctions on Russia were expanded": whose they are, where they are someone's
            doer = _doer(reading.anchor.root)
            named = [] if doer is None else self._named_or_demonym(doer)
            if named:
                return named
        if subject is None or expletive or subject.i in issue_words:
            believer = self._believer(reading, source)
            return believer or [self._speaker_holder(source, own=True)]
        if subject.lower_ in NOBODY:
            reading.side = -reading.side
            return [self._speaker_holder(source, own=True)]
        lower = subject.lower_ if subject.pos_ == "PRON" else ""  # not "US"
        if lower in FIRST_SINGULAR:
            return [self._speaker_holder(source, own=True)]
        if lower in FIRST_PLURAL:
            return [self._party_of(source)]
        if _obliged(predicate):
            # "NATO must promise not to …", says Moscow: Moscow's demand, not NATO's stance
            return [self._speaker_holder(source, own=True)]
        if lower in HE | THEY | IT:
            return self._pronoun(subject, reading)
        if self._mere_place(subject):  # "[Crimea] will return to Ukraine"
            return [self._speaker_holder(source, own=True)]
        if any(c.dep_ in {"preconj", "det"} and c.lower_ == "neither" for c in subject.children):
            reading.side = -reading.side  # "[Neither] the US nor NATO proposed …": each did not
        if quote is not None and _bare_leader(subject):
            leader = self._own_leader(subject, source)
            if leader is not None:  # a White House spokesperson's "the President"
                return [leader]
        named = self._named_or_demonym(subject)
        if named:
            return named
        if subject.pos_ == "PROPN" or subject.lemma_.lower() in AGENTS:
            return [_Holder(_unresolved(subject), None, None, own=False)]
        return [self._speaker_holder(source, own=True)]  # "the war must end in talks"

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

    def _believer(self, reading: _Reading, source: Speaker) -> list[_Holder]:
        """Who the verb of belief or speech above a stance names, where it is not the
        source: "[Western leaders] believe that sanctions must be tightened, Ratas said"."""
        frame = reading.frame
        if frame is None:
            return []
        clause = next((c for c in frame.children if c.dep_ == "ccomp"), None)
        if clause is None or not frame.i < clause.left_edge.i <= reading.anchor.root.i:
            return []  # only a clause the frame goes on to say: "X believes that …"
        believer = _subject(frame)
        if believer is None or (
            source.start is not None and source.start <= believer.idx < (source.end or 0)
        ):
            return []
        lower = believer.lower_ if believer.pos_ == "PRON" else ""
        if lower in FIRST_SINGULAR:
            return [self._speaker_holder(source, own=True)]
        if lower in FIRST_PLURAL:
            return [self._party_of(source)]
        if lower in HE | THEY | IT:
            return self._pronoun(believer, reading)
        return self._named_or_demonym(believer)

    def _given_by(self, word: Token) -> str | None:
        """The state that what ``word`` names is asked "from": "guarantees [from the West]"."""
        for prep in (c for c in word.children if c.dep_ == "prep" and c.lower_ == "from"):
            for whom in (c for c in prep.children if c.dep_ == "pobj"):
                if _names_the_west(whom, whom.doc[whom.left_edge.i : whom.i + 1]):
                    return WEST
                return self._state_at(whom)
        return None

    def _done_to_another(self, word: Token, target: str) -> bool:
        """Whether what ``word`` names is given to, or laid on, states other than the
        issue's target only: "sending lethal aid [to Russia]", "sanctions [on Iran]" (but
        "aid to Israel and Ukraine" is Ukraine's too)."""
        doing = [word, word.head] if word.dep_ in {"dobj", "nsubjpass"} else [word]
        recipients = [
            next((c for c in child.children if c.dep_ == "pobj"), child)
            if child.dep_ == "prep"
            else child
            for token in doing
            for child in token.children
            if child.dep_ == "dative"
            or (child.dep_ == "prep" and child.lower_ in _RECIPIENT_PREPOSITIONS)
        ]
        if word.dep_ == "pobj" and word.head.lower_ == "with":  # "providing [Russia] with aid"
            recipients += [c for c in word.head.head.children if c.dep_ == "dobj"]
        for whom in recipients:
            parties = {self._state_at(w) for w in [whom, *whom.conjuncts]} - {None}
            if parties and target not in parties:
                return True
        return False

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

    def _pronoun(self, subject: Token, reading: _Reading) -> list[_Holder]:
        """ "he", "they", "its": the subject of the verb of speech ("Putin said he would …"),
        or, for a possessive, of the clause ("China presented its plan"); else the person
        ("he", "she") or the state or body ("it", "they") last named in the sentence or the
        one before (or further back, while the sentences before have the same pronoun as
        their subject)."""
        governing = [reading.frame] if reading.frame is not None else []
        if subject.dep_ == "poss":  # "its": the subject of the verb the noun hangs from
            governing.insert(0, subject.head.head)
        person = subject.lower_ in HE
        for verb in governing:
            named_by = _subject(verb)
            if named_by is not None and named_by.i != subject.i and named_by.pos_ != "PRON":
                found = [h for h in self._named(named_by) if (h.speaker.type == "person") == person]
                if found:  # "Zelensky said they …" is not Zelensky
                    return [_as_mention(h, subject) for h in found]
        wanted = {"person"} if person else {"country", "organization", "place"}
        since, until, chained = _since(subject)
        plural = _plural_subject_before(subject) if subject.lower_ == "they" else None
        if plural is not None:  # "[NATO countries] warned they would …", "the co-authors …"
            named = [h for word in (plural, *plural.children) for h in self._named(word)]
            return [_as_mention(h, subject) for h in named[:1]] or [
                _Holder(_unresolved(subject), None, None, own=False)
            ]
        for low, high in ((subject.sent.start_char, subject.idx), (since, until)):
            nearby = self.mentioned[bisect_left(self.starts, low) : bisect_left(self.starts, high)]
            before = [(start, e) for start, e in nearby if e.type in wanted]
            if before:  # the last subject named, else the last named: "[Ukraine] has to be
                # armed to deter Russian incursions. It is also hoping for guarantees."
                subjects = [e for start, e in before if self._is_subject(start)]
                chosen = subjects[-1] if subjects else before[0 if chained else -1][1]
                return [_as_mention(self._entity_holder(chosen), subject)]
        return [_Holder(_unresolved(subject), None, None, own=False)]

    def _mere_place(self, word: Token) -> bool:
        """Whether ``word`` names a place the gazetteer knows that speaks for no one (a region,
        not a capital), which can hold no stance."""
        entity = self.at.get(word.idx)
        known = self.gazetteer.lookup(entity.name) if entity is not None else None
        return known is not None and known.type == "place" and not known.acts_for

    def _is_subject(self, start: int) -> bool:
        """Whether the mention at ``start`` is the subject of its clause."""
        words = self.sdoc.char_span(start, start + 1, alignment_mode="expand")
        if words is None:
            return False
        token = words.root
        while token.dep_ == "compound" and token.head.i != token.i:
            token = token.head
        return token.dep_ in {"nsubj", "nsubjpass"}

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
            if entity is not None and entity.type != "group":
                found.append(self._entity_holder(entity, head))
                continue
            if head.lemma_.lower() in _ISSUED and (owner := _owner(head)) is not None:
                found += self._named_or_demonym(owner)
                continue
            led = self._led_by(head)
            if head.lemma_.lower() in _DESCRIBED or led is not None:
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
        if words is None or words.root.lemma_.lower() not in _DESCRIBED:
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
                if lemma in _DESCRIBED and (party := self._described_party(token)) is not None:
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


def _since(pronoun: Token) -> tuple[int, int, bool]:
    """Which sentence before names what ``pronoun`` stands for where its own does not, from
    and until, and whether it is further back than the one before: while the sentences
    before have the same pronoun as their subject, the first of them that does not
    ("[Britain] is coming to Ukraine's aid. It's threatening sanctions on Russia. It's
    providing weapons.")."""
    sentence = pronoun.sent
    chained = False
    for _ in range(3):
        if sentence.start == 0:
            break
        sentence = pronoun.doc[sentence.start - 1].sent
        if not any(t.dep_ == "nsubj" and t.lower_ == pronoun.lower_ for t in sentence):
            return sentence.start_char, sentence.end_char, chained
        chained = True
    if not chained:  # the first sentence: nothing before it
        return sentence.start_char, sentence.start_char, False
    return sentence.start_char, sentence.end_char, True


def _names_the_west(head: Token, phrase: Span) -> bool:
    """Whether a noun phrase names the West: "the (collective) West", "Western allies",
    "allied countries", "the democratic world"."""
    words = {t.lower_ for t in phrase}
    groups = head.lower_ in _WESTERN or head.lower_ == "world"
    return head.lower_ in {"west", "western"} or (groups and bool(words & _ALLIED))


def _judgement(verb: Token) -> Token | None:
    """The adjective a copula says of its subject: "it is [imperative] to push for …"."""
    return next((c for c in verb.children if c.dep_ == "acomp" and c.pos_ == "ADJ"), None)


def _extraposes(predicate: Token | None) -> bool:
    """ "it is necessary [to liberate Crimea]": "it" stands for the clause, no one holds."""
    if predicate is None or predicate.pos_ != "ADJ":
        return False
    return any(
        c.dep_ in {"xcomp", "ccomp"} for c in (*predicate.children, *predicate.head.children)
    )


def _embedded(token: Token) -> bool:
    """Whether ``token`` stands in a clause that hangs from a noun or is a purpose ("a
    pretext [to impose]"), whose missing subject is not the speaker."""
    current = token
    for _ in range(6):
        if current.dep_ in {"acl", "relcl", "advcl"}:
            return not _participle(current)
        if current.dep_ not in {"xcomp", "conj", "acomp", "ccomp"} or current.head.i == current.i:
            return False
        current = current.head
    return False


def _partners(predicate: Token) -> list[Token]:
    """Who does it with the subject: "in cooperation [with] the US", "together [with]
    France", "Poland joins [Finland] … in introducing a ban"."""
    found = [
        pobj
        for word in predicate.subtree
        if word.dep_ == "prep" and word.lower_ == "with" and word.head.lemma_.lower() in _TOGETHER
        for pobj in word.children
        if pobj.dep_ == "pobj"
    ]
    if predicate.lemma_.lower() == "join":
        found += [c for c in predicate.children if c.dep_ == "dobj"]
    return found


def _modal(predicate: Token | None, modals: frozenset[str]) -> bool:
    """Whether ``predicate`` has one of ``modals``: what its subject must do ("NATO [must]
    promise") is the demand of whoever says so; what it could do, their suggestion."""
    return predicate is not None and any(
        c.tag_ == "MD" and c.lower_ in modals for c in predicate.children
    )


def _obliged(predicate: Token | None) -> bool:
    """Whether ``predicate`` says what its subject must do: "NATO [must] promise", "Ukraine
    will [have to] give up"."""
    if predicate is not None and predicate.dep_ == "xcomp" and predicate.head.lemma_ == "have":
        return any(c.dep_ == "aux" and c.lower_ == "to" for c in predicate.children)
    return _modal(predicate, _OBLIGING)


def _participle(token: Token) -> bool:
    """Whether ``token`` heads a clause of the sentence's own subject: "…, offering to
    mediate" (not "…, while offering", nor a clause with a subject of its own)."""
    return (
        token.dep_ == "advcl"
        and token.tag_ == "VBG"
        and not any(c.dep_ in {"mark", "nsubj", "nsubjpass", "advmod"} for c in token.children)
        and token.i > token.head.i
    )


def _own_subject(token: Token) -> Token | None:
    """The holder a noun names itself: its possessor ("[Russia's] demand"), or whoever
    urges ("the insistence [of] Washington", "pressure [from] the West")."""
    possessor = next((c for c in token.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
    if possessor is not None:
        return possessor
    described = next(  # "[Italian] and French proposals"
        (
            c
            for c in token.children
            if c.dep_ in {"amod", "compound"} and c.i < token.i and c.ent_type_ in {"NORP", "GPE"}
        ),
        None,
    )
    if described is not None:
        return described
    by_whom = {"of", "from"} if token.lemma_.lower() in _URGING else {"by"}
    for by in (c for c in token.children if c.dep_ == "prep" and c.lower_ in by_whom):
        return next((c for c in by.children if c.dep_ == "pobj"), None)
    return None


def _owner(noun: Token) -> Token | None:
    """Whoever a noun names as its owner before it: "[Ukraine's] constitution", "the
    [Kremlin] summary", "a [Chinese] readout"."""
    return next(
        (
            c
            for c in noun.children
            if c.i < noun.i
            and (c.dep_ == "poss" or (c.dep_ in {"amod", "compound"} and c.ent_type_))
        ),
        None,
    )


def _urged_by(token: Token) -> list[Token]:
    """The words for someone's urging that what ``token`` says was done at: "[at the
    insistence] of the US", "[under pressure] from the West", "[at Washington's request]"."""
    return [
        urging
        for prep in token.children
        if prep.dep_ == "prep" and prep.lower_ in {"at", "under", "because", "after", "on"}
        for urging in prep.subtree
        if urging.lemma_.lower() in _URGING and urging.pos_ == "NOUN" and _own_subject(urging)
    ]


def _subject(token: Token) -> Token | None:
    """The subject of a word that takes a side: its own, or, for a word inside a clause
    without one ("refused [to negotiate]", "is [ready]"), that of the clause it completes;
    for a noun, its possessor ("Russia's demand") or agent ("a call by Kyiv"); for a clause
    of a verb's object, the verb's ("[Kyiv] issued a decree banning talks")."""
    if token.pos_ == "NOUN" and token.lemma_.lower() in _URGING:
        return _own_subject(token)
    current = token
    for _ in range(4):
        for child in current.children:
            if child.dep_ in {"nsubj", "nsubjpass", "csubj", "expl", "poss"}:
                return child
            if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
        credited = _credited(current)
        if credited is not None:  # "thanked [Germany] for sending tanks"
            return credited
        if current.pos_ in {"NOUN", "PROPN"}:
            described = [
                c for c in current.children if c.dep_ in {"amod", "compound"} and c.i < current.i
            ]
            if described and (described[0].ent_type_ or described[0].pos_ == "PROPN"):
                return described[0]
        intent = current.dep_ == "acl" and current.head.lemma_.lower() in SIDES["NOUN"]
        owner = _owner(current.head) if intent else None
        if owner is not None and owner.dep_ == "poss":  # "[its] decision to", "[Kyiv's] bid to"
            return owner
        if current.dep_ == "acl" and current.head.dep_ == "dobj" and current.pos_ == "VERB":
            current = current.head.head  # "[Kyiv] issued a decree prohibiting talks"
            continue
        if _participle(current):
            current = current.head  # "[Erdogan] called Putin, offering to mediate"
            continue
        if current.dep_ == "xcomp":  # "prompting [Western countries] to send weapons"
            controller = next(
                (c for c in current.head.children if c.dep_ == "dobj" and c.i < current.i), None
            )
            if controller is not None:
                return controller
        if current.pos_ == "NOUN" and current.dep_ == "dobj" and current.head.pos_ == "VERB":
            doer = next((c for c in current.head.children if c.dep_ == "nsubj"), None)
            if doer is not None and doer.lower_ in _ANYONE:
                return None  # "everyone remembers how the reluctance …": no one's
            current = current.head  # "[Zelensky] set Ukrainian forces a goal of defeating"
            continue
        if current.pos_ == "ADP" and current.dep_ == "prep":
            current = current.head  # "[Russia] warns the United States against the transfer"
            continue
        if current.dep_ == "pobj" and current.head.head.lemma_ in _COPULAS:
            current = current.head.head  # "[Russia] is not in [favour] of talks"
            continue
        if current.dep_ == "pcomp" and current.head.dep_ == "prep":
            current = current.head.head  # "[Serbia] is an outlier for refusing to sanction"
            continue
        if current.dep_ not in {"xcomp", "acomp", "conj", "pcomp", "oprd", "attr"}:
            return None
        current = current.head
    return None


def _credited(deed: Token) -> Token | None:
    """Who is thanked, praised or blamed for a deed, and so did it: "thanked [Germany] for
    sending tanks", "grateful [to China] for trying to end the crisis", "accused [Kyiv] of
    sabotaging the talks"."""
    prep = deed.head
    judge = prep.head
    if deed.dep_ != "pcomp" or prep.lower_ not in {"for", "of"}:
        return None
    if judge.lemma_.lower() not in _CREDITING:
        return None
    for child in judge.children:
        if child.dep_ == "dobj" and child.i < prep.i:
            return child
        if child.dep_ == "prep" and child.lower_ == "to" and child.i < prep.i:
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


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
