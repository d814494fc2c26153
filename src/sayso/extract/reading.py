"""What the stages that read sentences after the quotes share: the sentences of a parse with
hard-wrapped lines joined again, and the quote over each stretch of text."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc, Span, Token

from sayso import nlp
from sayso.model import Quote
from sayso.text import layout

# a sentence's stop, or a colon or semicolon that runs it on to the next
_SENTENCE_FINAL = re.compile(rf"(?:{layout.STOP}|[:;]){layout.CLOSED}$")


def sentences(sdoc: Doc) -> Iterator[Span]:
    """spaCy's sentences, with the lines of hard-wrapped text (a transcript wrapped at 72
    characters) joined again: a sentence that does not end in a full stop and is followed by
    one that starts in lower case goes on (up to the length of the longest sentence)."""
    pending: Span | None = None
    for sent in sdoc.sents:
        if pending is not None:
            continues = (
                not _SENTENCE_FINAL.search(_tail(pending))
                and sent.text[:1].islower()
                and len(pending) + len(sent) <= nlp.MAX_SENTENCE_TOKENS
            )
            if continues:
                pending = sdoc[pending.start : sent.end]
                continue
            yield pending
        pending = sent
    if pending is not None:
        yield pending


def _tail(span: Span) -> str:
    """How ``span`` ends: the text of its last few tokens (enough for a full stop and the
    marks that close a quote after it), without spaces."""
    return span.doc[max(span.start, span.end - 6) : span.end].text.rstrip()


class QuoteCover:
    """The quote over each stretch of a document, asked for in reading order: the quotes
    that can overlap it are kept as the stretches move on, so that a transcript of
    thousands of turns is not searched whole for each sentence."""

    def __init__(self, quotes: list[Quote]) -> None:
        self.quotes = sorted(quotes, key=lambda q: (q.start, q.end))
        self.taken = 0  # the quotes starting before the last stretch ended
        self.open: list[Quote] = []  # of those, the ones that may still overlap a stretch

    def over(self, start: int, end: int) -> Quote | None:
        """The quote whose content covers most of ``start:end``, if any does (of equals,
        the first); ``start`` never before that of the stretch asked for before."""
        while self.taken < len(self.quotes) and self.quotes[self.taken].start < end:
            self.open.append(self.quotes[self.taken])
            self.taken += 1
        self.open = [q for q in self.open if q.end > start]
        best, best_overlap = None, 0
        for quote in self.open:
            overlap = min(quote.end, end) - max(quote.start, start)
            if overlap > best_overlap:
                best, best_overlap = quote, overlap
        return best


def not_only(token: Token) -> bool:
    """Whether a "not" opens "not only … but also", which adds rather than denies."""
    following = token.nbor(1).lower_ if token.i + 1 < len(token.doc) else ""
    return token.lower_ == "not" and following in {"only", "just", "merely"}
