"""The words the stances stage reads sides and holders by, each list in one place."""

from __future__ import annotations

from sayso.text.words import DESCRIBED, REPORTING

# Words that take the side of what they govern (+1: wanting, demanding, offering, readiness,
# support, and doing it: sending, imposing) or turn it round (-1: refusing, ending,
# condemning, judging it wrong), by part of speech: "sign" a deal takes a side, a "sign" that
# Putin is ready does not.
_VERBS_FOR = """support back endorse favor favour welcome want wish seek demand insist urge propose
    offer push advocate need require agree accept approve pledge promise commit vow
    continue keep maintain extend increase boost expand step ramp provide send supply deliver
    give transfer impose introduce adopt tighten plan intend prepare aim hope strive pursue
    pump funnel channel dispatch
    recognize recognise guarantee ensure join help fund finance
    arm allow permit authorize authorise defend restore respect uphold protect preserve regain
    retake return achieve reach secure conclude sign call ask pass spend allocate announce
    request donate ship present unveil table broker host facilitate initiate launch develop
    elaborate finalize finalise draft design follow choose embrace pressure force encourage
    thank praise commend applaud hail congratulate try attempt cause compel coerce induce
    decide embark engage undertake"""
_VERBS_AGAINST = """oppose reject refuse resist block veto ban prohibit forbid halt stop end cut
    suspend freeze lift ease scrap abandon renounce withdraw quit condemn denounce criticize
    criticise slam blast object accuse blame deny exclude dismiss refute decline delay
    postpone hinder obstruct sabotage undermine derail torpedo thwart prevent avoid limit
    inhibit impede hamper disrupt frustrate stall
    restrict reduce curb drop ignore disregard retaliate punish lash evade circumvent bypass
    dodge abolish question target attack destroy bomb temper soften weaken lessen diminish
    discourage dissuade deter hesitate dither"""
# Verbs of breaking a rule or a border, against what they break; whoever says a thing that is
# no one breaks it upholds it ("any strike would [violate] the ceasefire").
_VIOLATING = "violate breach infringe"
VIOLATING = frozenset(_VIOLATING.split())
# Adjectives that say how their subject stands ("Russia is [ready] to talk"), and those that
# judge what they are said of for whoever says them ("it is [too late] for talks").
_ATTITUDES_FOR = """ready willing prepared open eager keen interested committed determined
    thankful grateful"""
_ATTITUDES_AGAINST = """opposed reluctant unwilling hostile skeptical sceptical wary"""
_JUDGEMENTS_FOR = """necessary essential important vital crucial possible needed effective
    successful right justified reasonable wise appropriate"""
_JUDGEMENTS_AGAINST = """unacceptable impossible illegal illegitimate unlawful pointless futile
    meaningless useless counterproductive premature unrealistic wrong unnecessary ineffective
    provocative escalatory dangerous reckless irresponsible absurd destructive late"""
ATTITUDES = frozenset((_ATTITUDES_FOR + " " + _ATTITUDES_AGAINST).split())
_NOUNS_FOR = """support demand proposal plan offer request appeal commitment readiness willingness
    desire aspiration goal initiative effort endorsement approval pledge promise intention
    insistence supply delivery provision shipment recognition call push bid favor favour
    supporter advocate proponent champion decision attempt move step pressure need importance
    arrival"""
_NOUNS_AGAINST = """opposition rejection refusal veto ban objection halt suspension lifting
    restriction freeze condemnation criticism accusation denial obstacle resistance
    reluctance unwillingness moratorium withdrawal end opponent critic revenge retaliation
    punishment abolition concern fear worry threat provocation aggression mistake escalation
    danger alternative opposite attack assault airstrike hesitation hesitancy delay"""
SIDES: dict[str, dict[str, int]] = {
    pos: {**dict.fromkeys(for_.split(), 1), **dict.fromkeys(against.split(), -1)}
    for pos, for_, against in (
        ("VERB", _VERBS_FOR, f"{_VERBS_AGAINST} {_VIOLATING}"),
        (
            "ADJ",
            f"{_ATTITUDES_FOR} {_JUDGEMENTS_FOR}",
            f"{_ATTITUDES_AGAINST} {_JUDGEMENTS_AGAINST}",
        ),
        ("NOUN", _NOUNS_FOR, _NOUNS_AGAINST),
    )
}
# The small model's wrong lemmas of words above: "hoping" -> "hop".
MISLEMMATISED = {"hop": "hope"}
# Verbs of speech, belief and perception: the stance under them belongs to whom their clause
# names, and the verb's subject is who says so.
FRAMING = REPORTING | frozenset(
    """tweet post reply answer respond emphasize emphasise indicate remind signal believe think
    expect assess see know understand feel""".split()
)
# These frame only with a clause ("insisted that …"); with an object they take a side.
FRAMING_WITH_CLAUSE_ONLY = frozenset(
    {"insist", "warn", "conclude", "announce", "declare", "maintain", "agree"}
)
# Verbs whose side depends on a particle: "rule out", "give up", "call for", "ask for".
PARTICLE_SIDES = {("rule", "out"): -1, ("give", "up"): -1, ("step", "up"): 1, ("ramp", "up"): 1}
PREPOSITION_SIDES = {
    ("call", "for"): 1,
    ("call", "on"): 1,
    ("ask", "for"): 1,
    ("push", "for"): 1,
    ("press", "for"): 1,  # "pressed for talks"; not "press home its advantage"
    ("engage", "with"): 1,  # "engaged with diplomacy"
    ("end", "in"): 0,  # "the war must end in talks", "ended in deadlock": not ended
    ("vote", "for"): 1,
    ("vote", "through"): 1,  # "voted through fresh military aid"
    ("keep", "with"): 0,  # "struggling to keep up with military supplies"
    # a threat [to] territorial integrity is deplored for what it threatens
    **{(harm, "to"): 1 for harm in ("threat", "danger", "risk", "blow", "affront", "menace")},
}
# How a word on the path hangs from the next: only an argument is taken a side on.
ARGUMENTS = frozenset(
    """dobj xcomp ccomp nsubj nsubjpass csubj csubjpass pcomp acomp attr oprd compound nmod
    pobj dative acl""".split()
)
ARGUMENT_PREPOSITIONS = frozenset(
    "for to on of into toward towards against from about in over".split()
)
# Verbs whose object or preposition is only what they are about.
TOPICAL = frozenset({"speak", "comment", "address", "mention", "refer"})
# Nouns whose clause the walk goes on through: "no sign [that Putin is ready]".
EVIDENCE = frozenset("sign indication evidence suggestion hint signal proof".split())
# Verbs that carry what is said of their subject: a negation on them turns it round.
COPULAS = frozenset({"be", "seem", "appear", "remain", "become", "look", "sound"})
# Verbs that say what their subject is through an object, as a copula does: "[support for
# Ukraine] constitutes a threat", "poses a danger".
BEING_AS = frozenset({"constitute", "represent", "pose"})
# Nouns of the means to an end, which an infinitive completes: "ways [to end the war]".
MEANS = frozenset({"way", "means", "path", "route"})
MEANS_PREPOSITIONS = frozenset({"on", "by", "through", "via"})  # "[on] a diplomatic path"
# What "against" a place is no side against: "[against] the background of talks".
BACKDROPS = frozenset({"background", "backdrop"})
# Nouns of a due moment or reason, whose clause says what the speaker holds due: "now is the
# [time] to support Ukraine", "a [reason] to maintain support".
OCCASIONS = frozenset({"time", "moment", "reason"})
# Nouns for someone's urging, whose "of" or "from" names who urges.
URGING = frozenset({"insistence", "pressure", "request", "urging", "behest", "instigation"})
# Verbs of wanting: what they demand, for no one named, is for their subject ("Putin wants
# assurances").
WANTING = frozenset({"demand", "want", "seek", "request", "require", "insist", "need"})
WANTING_NOUNS = frozenset({"demand", "request", "call", "appeal", "bid", "push"})
# Nouns of what a party puts forward for itself to agree: "the Russian [proposals] on
# security guarantees" are guarantees for Russia.
PROPOSING_NOUNS = frozenset({"proposal", "draft"})
PROPOSING_VERBS = frozenset({"propose", "present", "submit", "table"})
# Verbs of giving, whose object named for a state is given to it: "give [Russia] guarantees".
GIVING = frozenset({"give", "offer", "provide", "grant", "extend"})
# Verbs of asking someone for something: "Russia asked [China] for equipment".
ASKING_OF = frozenset({"ask", "appeal", "turn"})
# Verbs by which a party puts its own request: "Moscow [made] a request for drones".
REQUESTING = frozenset({"make", "submit", "file", "lodge", "put"})
# Verbs of giving said in scorn by those against what is given: "pumping weapons into Ukraine".
SCORNING = frozenset({"pump", "flood", "stuff"})
# Verbs by which what is given serves whom they name: "Iranian drones [allow] Russia to …".
ENABLING = frozenset({"allow", "enable", "help", "let"})
# Verbs whose passive says what someone else grants, asks or refuses the subject: "Ukraine was
# not [permitted] to join NATO" is the permitter's stance, whom it does not name.
GRANTING = frozenset(
    """allow permit authorize authorise forbid ban prohibit ask urge force pressure encourage
    promise offer deny refuse invite compel persuade convince""".split()
)
# How what an issue names is given or laid on someone: "aid [to] Ukraine", "sanctions [on]
# Russia" (not "against": "weapons against Russia" are not given to it).
RECIPIENT_PREPOSITIONS = frozenset({"to", "for", "on"})
# What "for" points to that is a purpose, not a recipient: "the weapons we need [for this]".
PURPOSE_POINTERS = frozenset({"this", "that", "it"})
# Nouns of what someone does, whose owner does what they are said to do: "[Russia's] actions
# violate …".
DEEDS = frozenset({"action", "act", "step", "move", "conduct", "policy", "decision"})
# Measures laid on a state, which "against" names too: "sanctions [against] Belarus".
MEASURES = frozenset({"sanction", "embargo", "restriction", "measure", "tariff"})
# Where a clause of its own begins: the walk up stops there.
CLAUSE_EDGES = frozenset({"advcl", "relcl", "acl", "parataxis"})
FIRM_MODALS = frozenset({"must", "should", "will", "shall", "'ll", "wo", "ca", "can"})
# Taking an armed force out of a place ("withdraw its troops from …") gives the place back.
LEAVING = frozenset({"withdraw", "pull", "remove", "move"})
# What someone uses or takes to do something, which they do: "a pretext [to annex]".
PRETEXTS = frozenset({"pretext", "excuse", "opportunity", "chance", "occasion"})
# Prepositions that say where something is: "troops [in] Crimea", "[at] the borders".
LOCATING = frozenset(
    {"on", "in", "inside", "outside", "beyond", "across", "throughout", "at", "near", "along"}
)
# Prepositions of time: what they govern is when something happens ("not willing to sacrifice
# principles [during] negotiations"), not what anyone wants.
DURING = frozenset({"during", "amid", "amidst"})
# Words for places, which a preposition of place makes where something is, not what is wanted.
PLACES = frozenset(
    """territory border borders region land frontier airspace town city village""".split()
)
# Verbs of giving up or taking land, whose object says whose land it is.
CEDING = frozenset({"cede", "annex", "surrender"})
# Nouns for acts of war: talks "about" one are not peace talks.
VIOLENCE = frozenset(
    "attack assault airstrike strike invasion offensive shelling bombing incursion".split()
)
# Nouns for built things, which a place's name before them only names: "the [Zaporizhzhia]
# nuclear plant", "the Crimea bridge" are no stance on the land.
FACILITIES = frozenset(
    """plant station port airport bridge dam base factory refinery pipeline prison hospital
    stadium""".split()
)
# Nouns for acts that take a side only as someone's ("[his] hesitation in providing aid",
# "step up [attacks] on depots"), not by themselves ("every delay in aid costs lives").
ACTS = frozenset({"attack", "assault", "airstrike", "delay", "hesitation", "hesitancy"})
# Verbs that take a side only with someone as their subject: "Moscow [caused] the West to
# stop", not "the war [caused] Finland to join".
CAUSING = frozenset({"cause", "induce"})
# Participles by which a noun is aimed at what follows: "efforts [aimed] at peace".
LEADING_TO = frozenset({"aim", "lead", "design", "intend", "gear", "direct", "conducive"})
# Verbs that say what their object is taken to be: "sees NATO's expansion [as a threat]".
REGARDING = frozenset({"see", "regard", "view", "consider", "describe", "treat", "perceive"})
TOGETHER = frozenset(
    {"together", "along", "cooperation", "coordination", "concert", "conjunction", "partnership"}
)
# Titles that, bare in a speaker's words, are their own state's leader: "the President".
LEADERS = frozenset({"president", "prime minister", "chancellor", "premier"})
# Words that credit or blame someone for a deed, whom they name doing it.
CREDITING = frozenset(
    """thank thankful grateful praise commend applaud hail congratulate blame accuse criticize
    criticise condemn""".split()
)
# Pronouns that may stand for what the sentence before named: an issue's context there counts.
STANDING_FOR = frozenset("them they their it its he him his she her we us our".split())
# Pronouns that may stand for the words that raised an issue just before: "[them]", "[it]".
POINTING_PLURAL = frozenset({"them", "these"})
POINTING_SINGULAR = frozenset({"it", "this"})
POINTING_AT_THINGS = frozenset({"this", "these"})  # never for someone named
# Nouns that name again what someone asked for or offered ("Moscow demands guarantees …
# Washington rejected [the demands]"), each with the verb it names where that differs.
ASKING = {
    **{
        word: word
        for word in """demand plan offer request initiative call appeal pledge promise ultimatum
        condition""".split()
    },
    "proposal": "propose",
    "decision": "decide",
    "suggestion": "suggest",
}
DEFINITE = frozenset({"the", "this", "these", "that", "those", "such"})  # "[the] proposal"
ANYONE = frozenset("everyone everybody someone somebody anyone anybody all many few".split())
SOME = frozenset({"one", "some"})  # "[one] of the leading advocates": whom it describes holds it
OBLIGING = frozenset({"must", "should", "ought"})
SUGGESTING = frozenset({"could", "might"})
# Modals of being able: "Ukraine [cannot] hold the lines without aid".
ABLE = frozenset({"can", "ca", "could"})
CONDITION_MARKS = frozenset({"if", "unless", "provided", "providing", "once", "until"})
CONDITION_NOUNS = frozenset({"condition", "term", "precondition", "basis"})
# Nouns of what must come first: a demand "as a condition for talks" is no side on the talks.
PRECONDITIONS = frozenset({"condition", "precondition", "prerequisite"})
# What a party says or puts forward now, which says what its owner holds: "the [Kremlin]
# summary of the call said …", "[China's] plan calls for …" (not a law or a constitution,
# which may say what its state held long ago).
ISSUED = frozenset(
    """statement summary readout communique declaration plan proposal initiative position
    paper""".split()
)
WESTERN = frozenset(
    """countries partners allies nations governments leaders community colleagues friends
    counterparts""".split()
)
# Nouns for those who can hold a stance without being named: "some lawmakers want …"; a
# subject that is none of these ("the war must end …") leaves the stance to the speaker.
AGENTS = (
    DESCRIBED
    | WESTERN
    | frozenset(
        """people politician politicians lawmaker lawmakers legislator legislators critic critics
    supporter supporters opponent opponents member members republican republicans democrat
    democrats party parties state states country nation ally partner group groups camp
    majority minority voter voters citizen citizens expert experts analyst analysts company
    companies firm firms business businesses bank banks corporation corporations exporter
    exporters oligarch oligarchs individual individuals""".split()
    )
)
# Nouns a possessive makes a state: "[his country] will provide", "[our government] wants".
OWN_STATE = frozenset("country nation government state administration".split())
ALLIED = frozenset({"western", "allied", "democratic", "free"})
# Words for a kind of thing, which, said of something, take the side of what they are a kind
# of ("was an act of aggression", "is a hostile act"); not "cases of support for Kiev".
KINDS = frozenset({"act", "form", "kind", "sort", "type"})
# Nouns of stance whose "of" names who holds it ("the reluctance of great empires to
# negotiate"); the others' "of" names what it is about ("the provision of arms").
HELD_BY_OF = frozenset(
    """reluctance unwillingness willingness readiness desire refusal insistence intention
    determination opposition demand proposal position aspiration decision commitment call
    resistance wish""".split()
)
# Whose allies are the West: "Kiev allies", "Ukraine's partners", "allies of the United States".
BACKERS = frozenset({"allies", "partners", "backers"})
BACKED = frozenset(
    """ukraine ukrainian kyiv kiev europe european eu us u.s. america american washington nato
    uk britain british united""".split()
)
WEST = "West"  # the party of "the West", "Western allies": no one state
