"""What a clause says on an issue: the side its words take, read up the parse from the
words that raise the issue, with the negations, modality and condition on the way."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from sayso.extract.reading import not_only
from sayso.extract.stances.words import (
    ABLE,
    ACTS,
    AGENTS,
    ANYONE,
    ARGUMENT_PREPOSITIONS,
    ARGUMENTS,
    ATTITUDES,
    BACKDROPS,
    BEING_AS,
    CAUSING,
    CLAUSE_EDGES,
    CONDITION_MARKS,
    CONDITION_NOUNS,
    COPULAS,
    CREDITING,
    DURING,
    EVIDENCE,
    FACILITIES,
    FIRM_MODALS,
    FRAMING,
    FRAMING_WITH_CLAUSE_ONLY,
    KINDS,
    LEADING_TO,
    LEAVING,
    LOCATING,
    MEANS,
    MEANS_PREPOSITIONS,
    MISLEMMATISED,
    OBLIGING,
    OCCASIONS,
    PARTICLE_SIDES,
    PLACES,
    PRECONDITIONS,
    PREPOSITION_SIDES,
    PRETEXTS,
    REGARDING,
    SIDES,
    SOME,
    TOGETHER,
    TOPICAL,
    URGING,
)
from sayso.issues import Anchor
from sayso.text.words import BELIEVING, FORCES, NEGATIONS


@dataclass
class Reading:
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
    # who does it, where the sentence takes a side of its own on it: "Serbia refused to
    # join [Western] sanctions" is the West's doing as well as Serbia's refusal
    done_by: Token | None = None

    def below(self) -> list[Reading]:
        """The readings of ``inner``: each word's own holder and side; and that of who does
        what the issue names, which is for it whatever the sentence says of it."""
        found = [
            Reading(at, self.anchor, token, token, self.frame, self.negations, None, None)
            for token, at in self.inner
        ]
        if self.done_by is not None:
            found.append(
                Reading(1, self.anchor, self.done_by, None, self.frame, [], doer=self.done_by)
            )
        return found


def read_clause(sdoc: Doc, sentence: Span, anchor: Anchor, doing_sides: bool) -> Reading | None:
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
    if root.dep_ in {"compound", "nmod"} and root.head.lemma_.lower() in FACILITIES:
        return None  # "the [Zaporizhzhia] nuclear plant": a name, not the land
    if root.dep_ == "compound" and root.head.pos_ == "PROPN" and _a_day(root.head):
        return None  # "[Victory] Day": the name of a day, not a stance
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
    argued = 1  # the steps up to the first that the next does not govern
    frame = None
    needed: Token | None = None  # the denied verb of "cannot … without"
    token = root
    while token.head.i != token.i and sentence.start <= token.head.i < sentence.end:
        child, token = token, _head(token)
        if _frames(token, child):
            frame = token
            break
        if token.lemma_.lower() in PRECONDITIONS and child.lower_ == "for":
            return None  # "demands a withdrawal [as a condition for talks]": the side is on that
        if token.lemma_.lower() in TOPICAL:
            break  # "want to speak [to] the sham referenda": what is spoken of, not wished
        placed = (
            child.i == root.head.i
            and child.lower_ in LOCATING
            and not _takes_its_preposition(token)
        )
        if child.i == root.head.i and child.lower_ in DURING:
            return None  # "[during] negotiations": when, not what is wanted
        forces = token.lemma_.lower() in FORCES and not _negates_noun(token)
        if placed and (forces or (a_place(root) and not a_place(token))):
            # "forces [on] their territory", "firepower [at] the borders", "[in] the occupied
            # territory there are …": where something is, not what anyone wants
            return None
        if child.dep_ in CLAUSE_EDGES and not _completes(token, child):
            if _supposed(child):
                return None
            break  # a clause of its own ("…, which Russia rejected", "as talks stalled")
        governs = _governs(token, child)
        sign = _sign(token, child) if governs else 0
        if token.lower_ == "without" and token.pos_ == "ADP" and child.i == root.i:
            needed = _denied_above(token)
            sign = -1 if needed is not None else sign
        elif needed is not None and token.i == needed.i:
            governs, sign = True, 1  # "cannot hold the lines [without] help": help is needed
        argued += governs and argued == len(steps)
        steps.append((token, sign))
    path = [t for t, _ in steps]
    if any(_supposed(t) for t in path):
        return None
    unsaid = [c for c in frame.children if _negates(c)] if frame is not None else []
    if unsaid and not _denies(frame):
        return None  # "he did not say that talks were impossible": nothing said
    beside = [  # "negotiations are impossible": a judgement beside the path
        (n, judgement, _sign(judgement, verb))
        for n, verb in enumerate(path)
        for judgement in verb.children
        if (
            judgement.dep_ in {"acomp", "attr", "oprd"}
            or (  # "[support] constitutes a threat"; not "poses a threat [to] integrity"
                judgement.dep_ == "dobj"
                and verb.lemma_.lower() in BEING_AS
                and n > 0
                and path[n - 1].dep_ in {"nsubj", "csubj"}
            )
        )
        and judgement not in path
    ]
    beside = [(n, judgement, sign) for n, judgement, sign in beside if sign]
    predicates = [(n, t, sign) for n, (t, sign) in enumerate(steps) if sign] + beside
    if not predicates:  # "sanctions imposed by the EU", "aid that Congress passed"
        action = next(
            (
                c
                for c in root.children
                if c.dep_ in {"acl", "relcl"} and _sign(c, root) and subject_of(c) is not None
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
    doer = doer_of(root) if doing_sides and not predicates and anchor.sign > 0 else None
    if doer is not None and doer.head.i == root.i and doer.dep_ != "poss" and root.pos_ == "VERB":
        predicates = [(0, root, 1)]  # "the West sanctioned Russia": the verb's subject does it
        doer = None
    top_at = max((n for n, _, _ in predicates), default=0)
    if any(_counterfactual(t) for t in path[: top_at + 1]):
        return None  # "would have been guaranteed"
    # "will" counts on the words that raise the issue and above them ("by liberating Crimea,
    # we will put an end to …"), but a denial of something else does not deny them: not
    # "China can't have it both ways, by [posing] as a force for peace"
    modal = _modality(
        path[: top_at + 1]
        if predicates
        else [t for n, t in enumerate(path) if n < argued or not _denies_else(t, path)]
    )
    if not predicates and not anchor.sides and modal is None and doer is None:
        return None  # the issue is named, no side is taken: "talks were held"
    side = anchor.sign
    negations = [c for c in root.children if c.i not in inside and _negates(c)]
    side *= (-1) ** len(negations)
    inner: list[tuple[Token, int]] = []
    owned_below = False
    for n, (token, _) in enumerate(steps):
        below = steps[n - 1][0] if n > 0 else token
        evidence = {token.lemma_.lower(), below.lemma_.lower()} & EVIDENCE
        # "Russia [is not] ready to negotiate", "[was not] against talks", "[is not] in favour
        # of": the negation hangs on the copula above the stance (and its prepositions)
        copula = (
            token.lemma_ in COPULAS
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
    if needed is not None and top is not None and top.i == needed.i and has_modal(needed, ABLE):
        # "Ukraine cannot hold the lines without aid": who says so judges it needed (but
        # "Putin will not stop without …" is Putin's own condition)
        top, cue = None, next(t for t in path if t.lower_ == "without")
    condition = _condition(path)
    done_by = (
        doer_of(root)
        if doing_sides and predicates and anchor.sign > 0 and root.pos_ != "VERB"
        else None
    )
    if unsaid:  # "we never said we would stop arming Ukraine": the other way
        side, negations = -side, [*negations, *unsaid]
    return Reading(side, words, cue, top, frame, negations, modal, condition, inner, doer, done_by)


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


def doer_of(root: Token) -> Token | None:
    """Who does what an issue's word names: the subject or agent of a verb ("[the West]
    sanctioned"), or the actor a noun is said to be of ("[EU] sanctions", "[Western]
    weapons", "[America's] aid")."""
    if root.pos_ == "VERB":
        agent = next((c for c in root.children if c.dep_ == "agent"), None)
        if agent is not None:  # "Russia has been sanctioned [by the West]"
            return next((c for c in agent.children if c.dep_ == "pobj"), None)
        if any(c.dep_ in {"auxpass", "nsubjpass"} for c in root.children):
            return None  # "the Kremlin being sanctioned": what is done to it, by no one named
        return subject_of(root)
    modifiers = [
        child for child in root.children if child.dep_ in {"amod", "compound", "poss", "nmod"}
    ]
    # a named state before a word the tagger took for a name: "Additional [EU] sanctions"
    named = [c for c in modifiers if c.ent_type_ in {"NORP", "GPE", "ORG"}]
    named += [c for c in modifiers if c.pos_ == "PROPN" or (c.dep_ == "poss" and c.lower_ == "our")]
    named += [c for c in modifiers if c.pos_ == "ADJ" and c.text[:1].isupper()]  # "[Western]"
    return named[0] if named else None


def done_with_no_agent(predicate: Token | None, word: Token) -> bool:
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
    if token.lemma_.lower() in MEANS and infinitive and child.dep_ in {"acl", "relcl"}:
        return True  # "ways [to end this crisis]"
    leads = child.lemma_.lower() in LEADING_TO  # "efforts [aimed] at", "steps [leading] to"
    if child.dep_ == "acl" and child.tag_ in {"VBG", "VBN"} and not infinitive and not leads:
        return False  # "resistance [culminating] in the recapture": what it led to, not refused
    if child.dep_ == "acl":
        return bool(_sign(token, child)) or token.lemma_.lower() in EVIDENCE
    if urged_on(child):
        return True  # "it is important [for Ukraine to join]": what "it" stands for
    return child.dep_ == "advcl" and infinitive and bool(_sign(token, child))


def _a_day(name: Token) -> bool:
    return name.lower_ == "day" or name.ent_type_ in {"DATE", "EVENT"}


def urged_on(clause: Token) -> bool:
    """Whether ``clause`` is "for someone to do something" hanging from "it is …" ("it is
    important for Ukraine to join", "not too late for Russia to choose diplomacy"): what the
    judgement urges, its subject not the one who holds it."""
    marked = any(c.dep_ == "mark" and c.lower_ == "for" for c in clause.children)
    copula = clause.head
    return (
        marked
        and clause.dep_ == "advcl"
        and copula.lemma_ == "be"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
        and any(c.dep_ in {"nsubj", "expl"} and c.lower_ == "it" for c in copula.children)
        and any(  # not "it was [easy] for Hungary to block", "it took months for …"
            c.dep_ in {"acomp", "attr"} and judges(c) for c in copula.children
        )
    )


def judges(word: Token) -> bool:
    """Whether ``word`` is an adjective that judges for whoever says it ("important",
    "too late"), not one that says how its subject stands ("ready")."""
    lemma = word.lemma_.lower()
    return lemma in SIDES["ADJ"] and lemma not in ATTITUDES


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
        listed = (token.lemma_.lower(), child.lower_) in PREPOSITION_SIDES  # "voted [through]"
        return child.lower_ in ARGUMENT_PREPOSITIONS or supplies or listed or _by_means(child)
    if child.dep_ == "advcl":
        return _completes(token, child)
    if child.dep_ in {"nsubj", "csubj"}:
        if any(c.dep_ == "dobj" for c in token.children):
            return False  # "[sanctions] must withdraw the economy …": a doer, not what is judged
        return token.lemma_.lower() == "need" or any(
            c.tag_ == "MD" and c.lower_ in FIRM_MODALS for c in token.children
        )
    if child.dep_ == "nsubjpass":  # "sanctions must be lifted"; not "have been launched"
        auxiliaries = {c.lower_ for c in token.children if c.dep_ in {"aux", "auxpass"}}
        done = bool(auxiliaries & {"have", "has", "had"}) and not auxiliaries & FIRM_MODALS
        return not done or any(c.dep_ == "agent" for c in token.children)
    return child.dep_ in ARGUMENTS


def _counterfactual(token: Token) -> bool:
    """ "would have been guaranteed": what did not happen, not what anyone wants."""
    auxiliaries = {c.lower_ for c in token.children if c.dep_ in {"aux", "auxpass"}}
    return bool(auxiliaries & {"would", "could", "might", "'d"}) and "have" in auxiliaries


def _supposed(token: Token) -> bool:
    """Whether ``token`` heads a clause that supposes ("if …", "unless …") or asks ("asked
    [why] Ukraine had not been permitted to join", "wondered whether …")."""
    if token.dep_ in {"advcl", "ccomp"} and _inverted(token):
        return True  # "should the U.S. and NATO not adhere", "had they implemented": "if"
    if token.dep_ == "ccomp":
        asking = token.head.lemma_.lower() in {"ask", "wonder", "question", "inquire"}
        return any(
            (c.dep_ == "mark" and c.lower_ in {"whether", "if"})
            or (asking and c.dep_ == "advmod" and c.tag_ == "WRB")
            for c in token.children
        )
    return token.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"} for c in token.children
    )


def _inverted(verb: Token) -> bool:
    """Whether a clause opens with its auxiliary before its subject, as a supposition does
    with no "if": "should NATO not adhere", "had they implemented", "were Kyiv to agree"."""
    first = verb.doc[verb.left_edge.i]
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return (
        first.dep_ in {"aux", "auxpass"}
        and first.head.i == verb.i
        and first.lower_ in {"should", "had", "were"}
        and subject is not None
        and first.i < subject.i
    )


def _sign(token: Token, child: Token) -> int:
    """+1 if ``token`` takes the side of ``child``, the word below it ("want [talks]"), -1 if
    it turns it round ("refuse [talks]"), 0 if it does neither."""
    lemma = token.lemma_.lower()
    lemma = MISLEMMATISED.get(lemma, lemma)
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
    if _by_means(child):
        return 1  # "end the war [on a diplomatic path]": the way it is to be done is wanted
    purpose = child.dep_ == "advcl"  # a particle's side is not on "[to end the war]"
    for particle in token.children:
        if particle.dep_ == "prt" and (lemma, particle.lower_) in PARTICLE_SIDES and not purpose:
            return PARTICLE_SIDES[(lemma, particle.lower_)]
    if (lemma, child.lower_) in PREPOSITION_SIDES:
        return PREPOSITION_SIDES[(lemma, child.lower_)]
    if _instead(child):
        return -1  # "continue the war [rather than conclude] the talks": not wanted
    if token.pos_ == "ADP":  # not "[against] the background of talks": where, not a side
        backdrop = any(c.lemma_.lower() in BACKDROPS for c in token.children)
        return -1 if lemma == "against" and not backdrop else 0
    if child.dep_ == "prep" and child.lower_ == "against" and _own_sign(token) < 0:
        return 1  # "aggression [against] its integrity": "against" has turned it round
    pos = "VERB" if token.pos_ == "AUX" else token.pos_
    if lemma in LEAVING and child.lower_ in {"from", "out"} and _troops(token):
        return 1  # "withdraw its troops [from] the occupied territories": gives them back
    if lemma in REGARDING:  # "sees NATO's expansion [as a threat]"; "considers [sanctions]"
        judged = _regarded_as(token) if child.dep_ == "dobj" else 0
        if judged or child.dep_ not in {"dobj", "xcomp"}:
            return judged
    if lemma == "line" and any(c.lower_ == "red" for c in token.children):
        return -1  # "would be a red line"
    sign = _own_sign(token)
    if lemma == "decide" and (
        any(c.lower_ == "whether" for c in child.children)
        or (child.dep_ != "xcomp" and child.lower_ != "against")
    ):
        return 0  # "will decide on new sanctions", "decide whether to": not yet a side
    if lemma == "late" and not (
        child.lower_ == "for" or any(urged_on(c) for c in (child, *child.children))
    ):
        return 0  # "sanctions were too late": a complaint of timing, not against them
    if sign and lemma in ACTS and not _an_act(token, child):
        return 0  # "every [delay] in aid", "[attacks] on Crimea": no one's stance on it
    if sign and lemma in CAUSING:
        causer = subject_of(token)
        if causer is None or not _someone(causer):
            return 0  # "the war [caused] Finland to join": no one's aim
    if not sign and pos == "NOUN" and lemma in KINDS and token.dep_ in {"attr", "oprd"}:
        sign = _kind_of(token)  # "was [an act of aggression]", "is [a hostile act]"
    if not sign and pos == "VERB" and child.dep_ == "prep":
        # a verb with a noun that takes the side: "expressed [support] for talks", "took
        # [revenge] for aiding Ukraine"
        for object_ in (c for c in token.children if c.dep_ == "dobj"):
            sign = SIDES["NOUN"].get(object_.lemma_.lower(), 0)
            if sign:
                break
    return sign


def _by_means(preposition: Token) -> bool:
    """Whether a preposition says how something is done: "[on] a diplomatic path", "[by]
    peaceful means", "[through] talks" is not."""
    return (
        preposition.dep_ == "prep"
        and preposition.lower_ in MEANS_PREPOSITIONS
        and any(c.dep_ == "pobj" and c.lemma_.lower() in MEANS for c in preposition.children)
    )


def a_place(word: Token) -> bool:
    """Whether ``word`` names a place: "the borders", "the occupied territory", "a town",
    "Crimea"."""
    return word.lemma_.lower() in PLACES or word.ent_type_ in {"GPE", "LOC"}


def _an_act(noun: Token, child: Token) -> bool:
    """Whether a noun for an act is someone's ("[his] hesitation", "step up [attacks]") and
    not on a place or one named ("attacks on [Crimea]"), so that it takes a side on what it
    is about."""
    owned = noun.dep_ == "dobj" or _own_subject(noun) is not None
    on_a_place = any(a_place(c) or c.pos_ == "PROPN" for c in child.children if c.dep_ == "pobj")
    return owned and not on_a_place


def _takes_its_preposition(verb: Token) -> bool:
    """Whether a word takes a side on what its preposition names, having no object: "insist
    [on] its borders", not "help our people [in] the occupied territory"."""
    return bool(_own_sign(verb)) and not any(
        c.dep_ == "dobj" or (c.dep_ in {"nsubj", "nsubjpass"} and c.tag_ in {"WDT", "WP"})
        for c in verb.children
    )


def _negates_noun(noun: Token) -> bool:
    """ "[no] Russian troops": a noun its determiner denies."""
    return any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children)


def _own_sign(token: Token) -> int:
    """The side a word takes by itself: +1 for "want", -1 for "refuse", 0 for "say"."""
    lemma = token.lemma_.lower()
    pos = "VERB" if token.pos_ == "AUX" else token.pos_
    return SIDES.get(pos, {}).get(MISLEMMATISED.get(lemma, lemma), 0)


def _kind_of(noun: Token) -> int:
    """The side a word for a kind takes by what it is a kind of: -1 for "an act [of
    aggression]", "a [hostile] act"."""
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    what = [c for c in of.children if c.dep_ == "pobj"] if of is not None else []
    signs = [SIDES["NOUN"].get(w.lemma_.lower(), 0) for w in what]
    signs += [SIDES["ADJ"].get(c.lemma_.lower(), 0) for c in noun.children if c.dep_ == "amod"]
    return next((sign for sign in signs if sign), 0)


def _instead(child: Token) -> bool:
    """Whether ``child`` is what is preferred against: "rather than [conclude]", "instead
    [of] negotiating"."""
    if child.dep_ == "conj":
        return any(c.dep_ == "cc" and c.lower_ == "than" for c in child.head.children)
    return child.dep_ == "prep" and any(c.lower_ == "instead" for c in child.children)


def _troops(verb: Token) -> bool:
    """Whether ``verb``'s object is an armed force: "withdraw [its troops]", "[all of] its
    troops"."""
    for object_ in (c for c in verb.children if c.dep_ == "dobj"):
        of = next((c for c in object_.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        whole = [c for c in of.children if c.dep_ == "pobj"] if of is not None else []
        if any(t.lemma_.lower() in FORCES for t in (object_, *whole)):
            return True
    return False


def _regarded_as(token: Token) -> int:
    """The side "as" takes after a verb of regarding: +1 for "sees talks [as necessary]",
    -1 for "[as an existential threat]", "[as a hostile act]", 0 for none."""
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "as"):
        # "as [a threat]"; "as [illegal]", which the parser may hang as a modifier
        for what in (c for c in prep.children if c.dep_ in {"pobj", "amod", "acomp"}):
            sign = SIDES["NOUN"].get(what.lemma_.lower(), 0) or SIDES["ADJ"].get(
                what.lemma_.lower(), 0
            )
            judged = [SIDES["ADJ"].get(c.lemma_.lower(), 0) for c in what.children]
            return sign or next((j for j in judged if j), 0)
    return 0


def _denies(frame: Token | None) -> bool:
    """Whether a negated verb of speech or belief denies its clause: one of belief ("Kyiv
    does not believe talks are possible"), or said of oneself ("we never said we would stop
    arming Ukraine"); "he did not say that …" says nothing."""
    if frame is None or frame.lemma_.lower() == "see":
        return False  # "we have not seen China evade sanctions": no sign, no denial
    return frame.lemma_.lower() in BELIEVING or any(
        c.dep_ == "nsubj" and c.lower_ in {"i", "we"} for c in frame.children
    )


def _denied_above(without: Token) -> Token | None:
    """The denied verb "without" hangs from, itself or through its object: "will [not stop]
    this war without negotiations", "[cannot] maintain current lines without help"."""
    verb = without.head
    if verb.pos_ in {"NOUN", "PROPN"} and verb.dep_ in {"dobj", "nsubjpass"}:
        verb = verb.head
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    return verb if any(_negates(c) for c in verb.children) else None


def _negates(token: Token) -> bool:
    if not_only(token):
        return False  # "not only supports sanctions but also sends weapons"
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
    if child.dep_ == "dobj" and lemma in REGARDING and _regarded_as(token):
        return False  # "sees [NATO's expansion] as a threat" judges it
    if lemma in FRAMING_WITH_CLAUSE_ONLY:
        return child.dep_ in {"ccomp", "parataxis"}
    return child.dep_ in {"ccomp", "parataxis", "xcomp", "dobj", "advcl", "conj"}


def _denies_else(verb: Token, path: list[Token]) -> bool:
    """Whether ``verb`` is negated and has an object off ``path``: it denies something else."""
    return any(_negates(c) for c in verb.children) and any(
        c.dep_ == "dobj" and c not in path for c in verb.children
    )


def _modality(path: list[Token]) -> str | None:
    """The words that say how firmly: "will never", "must not", "cannot", "ready to"."""
    for token in path:
        words = [c for c in token.children if c.tag_ == "MD" or _negates(c)]
        if any(c.tag_ == "MD" and c.lower_ in FIRM_MODALS for c in words):
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
                marks & CONDITION_MARKS or child.lower_ in {"provided", "providing"}
            )
            on_terms = child.dep_ == "prep" and any(
                c.dep_ == "pobj" and c.lemma_.lower() in CONDITION_NOUNS for c in child.children
            )
            if conditional or on_terms:
                return token.doc[child.left_edge.i : child.right_edge.i + 1]
    return None


def judgement_of(verb: Token) -> Token | None:
    """The adjective a copula says of its subject: "it is [imperative] to push for …"."""
    return next((c for c in verb.children if c.dep_ == "acomp" and c.pos_ == "ADJ"), None)


def extraposes(predicate: Token | None) -> bool:
    """ "it is necessary [to liberate Crimea]": "it" stands for the clause, no one holds."""
    if predicate is None or predicate.pos_ != "ADJ":
        return False
    return any(
        c.dep_ in {"xcomp", "ccomp"} or (c.dep_ == "advcl" and urged_on(c))
        for c in (*predicate.children, *predicate.head.children)
    )


def embedded(token: Token) -> bool:
    """Whether ``token`` stands in a clause that hangs from a noun or is a purpose ("a
    pretext [to impose]"), whose missing subject is not the speaker."""
    current = token
    for _ in range(6):
        if current.dep_ in {"acl", "relcl"} and _due(current.head):
            return False  # "now is the time to support …": the speaker's view of what is due
        if current.dep_ in {"acl", "relcl", "advcl"}:
            return not (_participle(current) or _purpose(current))
        if current.dep_ not in {"xcomp", "conj", "acomp", "ccomp"} or current.head.i == current.i:
            return False
        current = current.head
    return False


def partners_of(predicate: Token) -> list[Token]:
    """Who does it with the subject: "in cooperation [with] the US", "together [with]
    France", "Poland joins [Finland] … in introducing a ban"."""
    found = [
        pobj
        for word in predicate.subtree
        if word.dep_ == "prep" and word.lower_ == "with" and word.head.lemma_.lower() in TOGETHER
        for pobj in word.children
        if pobj.dep_ == "pobj"
    ]
    if predicate.lemma_.lower() == "join":
        found += [c for c in predicate.children if c.dep_ == "dobj"]
    return found


def has_modal(predicate: Token | None, modals: frozenset[str]) -> bool:
    """Whether ``predicate`` has one of ``modals``: what its subject must do ("NATO [must]
    promise") is the demand of whoever says so; what it could do, their suggestion."""
    return predicate is not None and any(
        c.tag_ == "MD" and c.lower_ in modals for c in predicate.children
    )


def obliged(predicate: Token | None) -> bool:
    """Whether ``predicate`` says what its subject must do: "NATO [must] promise", "Ukraine
    will [have to] give up"."""
    if predicate is not None and predicate.dep_ == "xcomp" and predicate.head.lemma_ == "have":
        return any(c.dep_ == "aux" and c.lower_ == "to" for c in predicate.children)
    if predicate is not None and _purpose(predicate):  # "NATO [must] unleash its power to ensure"
        return obliged(predicate.head)
    return has_modal(predicate, OBLIGING)


def _participle(token: Token) -> bool:
    """Whether ``token`` heads a clause of the sentence's own subject: "…, offering to
    mediate", "…, even providing" (not "…, while offering", "when asking", nor a clause with
    a subject of its own)."""
    return (
        token.dep_ == "advcl"
        and token.tag_ == "VBG"
        and not any(
            c.dep_ in {"mark", "nsubj", "nsubjpass"}
            or (c.dep_ == "advmod" and c.tag_ in {"WRB", "IN"})
            for c in token.children
        )
        and token.i > token.head.i
    )


def _subordinate(verb: Token) -> bool:
    """Whether a verb heads a clause of time, cause or concession within another: "[since]
    Russia invaded Ukraine", "[as] talks stalled"."""
    return (
        verb.dep_ == "advcl"
        and verb.i > verb.head.i  # not "[Although] Hungary vetoed it, refusing …, the EU …"
        and any(c.dep_ == "mark" for c in verb.children)
    )


def _purpose(token: Token) -> bool:
    """Whether ``token`` heads the purpose of a verb, done by the verb's subject: "[we] will
    work with our allies to impose costs" (not "a pretext to impose", which hangs from a noun)."""
    return (
        token.dep_ == "advcl"
        and token.head.pos_ in {"VERB", "AUX"}
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
        and not any(c.dep_ in {"mark", "nsubj", "nsubjpass"} for c in token.children)
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
    by_whom = {"of", "from"} if token.lemma_.lower() in URGING else {"by"}
    for by in (c for c in token.children if c.dep_ == "prep" and c.lower_ in by_whom):
        return next((c for c in by.children if c.dep_ == "pobj"), None)
    return None


def owner_of(noun: Token) -> Token | None:
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
        if urging.lemma_.lower() in URGING and urging.pos_ == "NOUN" and _own_subject(urging)
    ]


def _speech_before(participle: Token) -> Token | None:
    """The verb of speech of "“…”, he said, lashing out at …", where the parser hangs the
    participle from the quote's verb rather than from "said"."""
    if participle.tag_ != "VBG" or participle.i == 0 or participle.nbor(-1).lower_ != ",":
        return None
    return next(
        (
            c
            for c in participle.head.children
            if c.dep_ == "parataxis" and c.i < participle.i and c.lemma_.lower() in FRAMING
        ),
        None,
    )


def subject_of(token: Token) -> Token | None:
    """The subject of a word that takes a side: its own, or, for a word inside a clause
    without one ("refused [to negotiate]", "is [ready]"), that of the clause it completes;
    for a noun, its possessor ("Russia's demand") or agent ("a call by Kyiv"); for a clause
    of a verb's object, the verb's ("[Kyiv] issued a decree banning talks")."""
    if token.pos_ == "NOUN" and token.lemma_.lower() in URGING:
        return _own_subject(token)
    current = token
    for _ in range(4):
        # a passive's agent before its subject: "Kyiv's request was rejected [by Germany]"
        for agent in (c for c in current.children if c.dep_ == "agent"):
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
        for child in current.children:
            if child.dep_ in {"nsubj", "nsubjpass", "csubj", "expl", "poss"}:
                return child
            if child.dep_ == "prep" and child.lower_ == "by":  # "a call [by] Kyiv"
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
        owner = owner_of(current.head) if intent else None
        if owner is not None and owner.dep_ == "poss":  # "[its] decision to", "[Kyiv's] bid to"
            return owner
        infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in current.children)
        hangs_from_object = current.head.dep_ == "dobj" and current.pos_ == "VERB"
        if hangs_from_object and (
            current.dep_ == "acl" or (current.dep_ == "relcl" and infinitive)
        ):
            current = current.head.head  # "[Kyiv] issued a decree prohibiting talks"
            continue  # "[we] can find a way to ensure peace"
        if current.dep_ == "acl" and infinitive and _in_order(current.head):
            current = current.head.head.head  # "[China] is ready to … in order to end the war"
            continue
        if _participle(current) or _purpose(current):
            participle, current = _participle(current), current.head
            if participle and _subordinate(current):
                current = current.head  # "[Moldova] …, since Russia invaded, supporting Ukraine"
            continue  # "[Erdogan] called Putin, offering to mediate"
        said = _speech_before(current)
        if said is not None:  # "…,” he said, [lashing] out at the US": the speaker's
            current = said
            continue
        if current.dep_ == "xcomp":  # "prompting [Western countries] to send weapons"
            controller = next(
                (c for c in current.head.children if c.dep_ == "dobj" and c.i < current.i), None
            )
            if controller is not None and _someone(controller):
                return controller  # not "uses [threats] to cause …": what it uses them for
        if current.pos_ == "NOUN" and current.dep_ == "dobj" and current.head.pos_ == "VERB":
            doer = next((c for c in current.head.children if c.dep_ == "nsubj"), None)
            if doer is not None and doer.lower_ in ANYONE:
                return None  # "everyone remembers how the reluctance …": no one's
            current = current.head  # "[Zelensky] set Ukrainian forces a goal of defeating"
            continue
        if current.pos_ == "ADP" and current.dep_ == "prep":
            current = current.head  # "[Russia] warns the United States against the transfer"
            continue
        pretext = current.head if current.dep_ in {"acl", "relcl"} and infinitive else None
        if pretext is not None and pretext.lemma_.lower() in PRETEXTS:
            # "[Russia] will use the referenda as a pretext to annex": whoever uses it
            user = pretext.head.head if pretext.dep_ == "pobj" else pretext.head
            if user.pos_ == "VERB":
                current = user
                continue
        if current.dep_ == "relcl" and infinitive and current.head.dep_ == "attr":
            current = current.head.head  # "[Denmark's] commitment to be the first to donate"
            continue
        if current.dep_ == "appos" and current.head.pos_ in {"PROPN", "NOUN"}:
            return current.head  # "[Macron], a leading advocate for talks"
        if (
            current.dep_ == "pobj"
            and current.head.lower_ == "of"
            and current.head.head.lower_ in SOME
        ):
            current = current.head.head  # "[Macron], one of the leading advocates for talks"
            continue
        if current.dep_ == "pobj" and current.head.head.lemma_ in COPULAS:
            current = current.head.head  # "[Russia] is not in [favour] of talks"
            continue
        if current.dep_ == "pcomp" and current.head.dep_ == "prep":
            current = current.head.head  # "[Serbia] is an outlier for refusing to sanction"
            continue
        if current.dep_ not in {"xcomp", "acomp", "conj", "pcomp", "oprd", "attr"}:
            return None
        current = current.head
    return None


def _due(occasion: Token) -> bool:
    """Whether a noun says that something is due, as the time or a reason that is: "now is
    the [time] to", "there is every [reason] to" (not "gave the West every reason", "no
    reason")."""
    return (
        occasion.lemma_.lower() in OCCASIONS
        and occasion.dep_ in {"attr", "nsubj"}
        and occasion.head.lemma_ == "be"
        and not any(c.lower_ == "no" for c in occasion.children)
    )


def _in_order(order: Token) -> bool:
    """Whether ``order`` is the one of "in order to", which says a verb's purpose."""
    return order.lower_ == "order" and order.dep_ == "pobj" and order.head.lower_ == "in"


def _someone(word: Token) -> bool:
    """Whether ``word`` may name someone who acts: a name, a pronoun, a word for people."""
    return (
        word.pos_ in {"PROPN", "PRON"}
        or bool(word.ent_type_)
        or word.lemma_.lower() in AGENTS
        or any(c.ent_type_ in {"NORP", "GPE"} for c in word.children)  # "[Western] leaders"
    )


def _credited(deed: Token) -> Token | None:
    """Who is thanked, praised or blamed for a deed, and so did it: "thanked [Germany] for
    sending tanks", "grateful [to China] for trying to end the crisis", "accused [Kyiv] of
    sabotaging the talks"."""
    prep = deed.head
    judge = prep.head
    if deed.dep_ != "pcomp" or prep.lower_ not in {"for", "of"}:
        return None
    if judge.lemma_.lower() not in CREDITING:
        return None
    for child in judge.children:
        if child.dep_ == "dobj" and child.i < prep.i:
            return child
        if child.dep_ == "prep" and child.lower_ == "to" and child.i < prep.i:
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None
