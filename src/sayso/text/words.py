"""Words that several stages and analyses read the same way: negations, the words that name
no one, verbs of belief whose negation denies what they take, hedges, the nouns that describe
a party's people, armed forces, and the words of figures."""

from __future__ import annotations

import re

# Words that negate ("not", "never", "no"), and those that name no one ("nobody"): read by
# the claims and the stances stages.
NEGATIONS = frozenset({"not", "n't", "n’t", "never", "no", "neither", "nor"})
NOBODY = frozenset({"nobody", "nothing", "none", "noone"})
# Verbs of belief whose negation denies the clause they take: "we do not think [it is …]".
BELIEVING = frozenset(
    "think believe assess expect see consider suppose imagine anticipate feel".split()
)
# Verbs of speech whose clause is what is said: "[she] warned that …" (read by the quotes'
# cues, the claims' propositions and the stances, each adding verbs of its own).
REPORTING = frozenset(
    """say tell state claim argue insist warn note stress add explain assert declare announce
    report write acknowledge admit confirm suggest predict estimate conclude recall
    reiterate""".split()
)
# Words by which a writer or speaker keeps a distance from what they state.
HEDGES = re.compile(
    r"\b(?:(?-i:may)|might|could|likely|unlikely|possibl[ey]|probabl[ey]|reportedly|allegedly"
    r"|apparently|appears?|seems?|suggests?|fears?|estimated|believed|expected|perhaps"
    r"|unconfirmed|claims?|claimed)\b",
    re.IGNORECASE,
)

# Nouns that describe a party's people, whose owner is the party they stand for: "the
# opposing [side]", "the Russian [leadership]", "Ukraine's [president]" (read by the stances
# stage for holders, by claims compared for who a claim is about).
DESCRIBED = frozenset(
    """side leadership government authorities authority official officials administration
    regime delegation diplomats diplomat ministry leaders leader president minister spokesman
    spokesperson spokeswoman army military forces parliament lawmakers counterpart colleague
    friend head chief""".split()
)
# Armed forces: taking them out of a place gives it back; a claim about them is about their
# state.
FORCES = frozenset({"troop", "troops", "force", "forces", "army", "soldier", "soldiers"})

# The words of figures, read by the quantities stage and written back by the pages: scales
# and currencies.
SCALES = {
    "hundred": 1e2,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "mn": 1e6,
    "bn": 1e9,
    "tn": 1e12,
}
CURRENCY_SIGNS = {
    "$": "USD",
    "US$": "USD",
    "€": "EUR",
    "£": "GBP",
    "₽": "RUB",
    "₴": "UAH",
    "¥": "JPY",
}
CURRENCY_CODES = {"USD", "EUR", "GBP", "RUB", "UAH", "CNY", "JPY"}
