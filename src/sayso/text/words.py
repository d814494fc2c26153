"""Words that several stages read the same way: negations, the words that name no one, verbs
of belief whose negation denies what they take, and hedges."""

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
# Words by which a writer or speaker keeps a distance from what they state.
HEDGES = re.compile(
    r"\b(?:(?-i:may)|might|could|likely|unlikely|possibl[ey]|probabl[ey]|reportedly|allegedly"
    r"|apparently|appears?|seems?|suggests?|fears?|estimated|believed|expected|perhaps"
    r"|unconfirmed|claims?|claimed)\b",
    re.IGNORECASE,
)
