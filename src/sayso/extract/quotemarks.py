"""Quoted stretches of text, found from their quotation marks alone.

Straight, curly and angle marks («guillemets») open and close double quotes; single marks
(‘…’, '…') count only where they cannot be apostrophes. A quote may run over several paragraphs
when each of them opens with a mark and only the last one closes. A quote that opens a paragraph
and is never closed ends with the paragraph, as does one opened inside a paragraph where the
next paragraph opens with a mark (the quote runs on there); any other stray mark opens nothing,
so it never swallows the rest of a text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DOUBLE_OPEN = frozenset('“«„"')
_DOUBLE_CLOSE = frozenset('”»"“')
_SINGLE_OPEN = frozenset("‘'‹")
_SINGLE_CLOSE = frozenset("’'›")
# The marks the scanner stops at; two apostrophes ('') stand for a double mark in some archives.
_MARK = re.compile("''|[“”«»„\"‘’'‹›\n]")


@dataclass(frozen=True)
class Quoted:
    """A quoted stretch: ``start``/``end`` include the marks, ``inner_*`` exclude them."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool  # False for a paragraph that opens with a mark and never closes it
    nested: bool  # a single-quoted stretch inside a double-quoted one


@dataclass
class _Open:
    mark: str
    start: int
    end: int
    single: bool = False
    opens_paragraph: bool = False  # only such a quote may run on, or end with its paragraph

    def close(self, mark: re.Match[str], *, nested: bool = False) -> Quoted:
        return Quoted(self.start, mark.end(), self.end, mark.start(), True, nested)

    def close_unbalanced(self, text: str, at: int) -> Quoted:
        end = at
        while end > self.end and text[end - 1].isspace():
            end -= 1
        return Quoted(self.start, end, self.end, end, False, self.single)


def find_quoted(text: str) -> list[Quoted]:
    """Every quoted stretch of ``text`` in order of its opening mark."""
    found: list[Quoted] = []
    outer: _Open | None = None
    inner: _Open | None = None
    resume = 0  # marks before this offset were taken as the reopening of a running quote
    for mark in _MARK.finditer(text):
        i = mark.start()
        if i < resume:
            continue
        ch = '"' if mark.group() == "''" else mark.group()
        if ch == "\n":
            inner = None  # a nested quote left open is dropped with its paragraph
            if outer is not None:
                reopened = _reopening(text, i, outer)
                if reopened is not None:
                    resume = reopened
                    continue
                if outer.opens_paragraph or _continued(text, i, outer):
                    found.append(outer.close_unbalanced(text, i))
                outer = None
        elif outer is None:
            if ch in _DOUBLE_OPEN and _can_open(text, mark):
                outer = _Open(ch, i, mark.end(), opens_paragraph=_opens_paragraph(text, i))
            elif ch in _SINGLE_OPEN and _can_open_single(text, i):
                outer = _Open(ch, i, i + 1, single=True, opens_paragraph=_opens_paragraph(text, i))
        elif outer.single:
            if ch in _SINGLE_CLOSE and _can_close_single(text, i):
                found.append(outer.close(mark))
                outer = None
        elif inner is not None and ch in _SINGLE_CLOSE and _can_close_single(text, i):
            found.append(inner.close(mark, nested=True))
            inner = None
        elif inner is None and ch in _SINGLE_OPEN and _can_open_single(text, i):
            inner = _Open(ch, i, i + 1, single=True)
        elif ch in _DOUBLE_CLOSE and _can_close(text, mark, outer):
            found.append(outer.close(mark))
            outer = inner = None
    if outer is not None and outer.opens_paragraph:
        found.append(outer.close_unbalanced(text, len(text)))
    return sorted(found, key=lambda q: (q.start, -q.end))


def _opens_paragraph(text: str, i: int) -> bool:
    """Only spaces lie between the line break before ``i`` (or the start) and ``i``: a walk
    back over those spaces, not over the whole line (one line may be a megabyte long)."""
    j = i - 1
    while j >= 0 and text[j] != "\n" and text[j].isspace():
        j -= 1
    return j < 0 or text[j] == "\n"


def _continued(text: str, newline: int, opened: _Open) -> bool:
    """Whether a quote opened inside its paragraph and left open there runs on into the next,
    as news quotes over several paragraphs do ('Biden said. "We should give diplomacy every
    chance …' then '"The United States has …'): the mark opens a sentence (after the end of
    one, before a capital), and the next paragraph opens with its mark; not a scare quote left
    open ('mocked Putin's "special operation in a speech')."""
    return (
        not opened.single
        and _opens_sentence(text, opened)
        and _next_opening(text, newline, opened) is not None
    )


def _opens_sentence(text: str, opened: _Open) -> bool:
    """Whether the mark follows the end of a sentence (or a colon) and precedes a capital."""
    before = text[max(0, opened.start - 3) : opened.start].rstrip()
    return (
        before[-1:] in {".", "!", "?", ":"}
        and opened.end < len(text)
        and text[opened.end].isupper()
    )


def _reopening(text: str, newline: int, opened: _Open) -> int | None:
    """Where a quote that opened its paragraph runs on: just after a mark of its kind that
    opens the next paragraph."""
    if not opened.opens_paragraph or opened.single:
        return None
    return _next_opening(text, newline, opened)


def _next_opening(text: str, newline: int, opened: _Open) -> int | None:
    """Just after a mark of ``opened``'s kind that opens the paragraph after ``newline``."""
    i = newline
    while i < len(text) and text[i].isspace():
        i += 1
    if text.startswith("''", i):
        return i + 2
    family = "«" if opened.mark == "«" else '“"„'
    return i + 1 if i < len(text) and text[i] in family else None


def _can_open(text: str, mark: re.Match[str]) -> bool:
    if mark.group() == "“" or mark.group() in "«„":
        return True
    i = mark.start()
    before = text[i - 1] if i > 0 else " "
    after = text[mark.end()] if mark.end() < len(text) else " "
    if before in ".!?" and after.isupper():  # a space forgotten: 'said Johnson."I am …'
        return True
    following = text[mark.end() + 1] if mark.end() + 1 < len(text) else " "
    if before.isspace() and after == " " and following.isupper():
        return True  # a space too many: 'with Putin. " Putin is far too heavily invested …'
    return not after.isspace() and (before.isspace() or before in "([{—–-:;,/")


def _can_close(text: str, mark: re.Match[str], opened: _Open) -> bool:
    if mark.start() == opened.end:
        return False
    if mark.group() == "“":  # some writers close with the opening curly mark
        after = text[mark.end()] if mark.end() < len(text) else " "
        return after.isspace() or after in ".,;:!?)"
    return True


def _can_open_single(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in '([{—–-:;"“') and after.isalnum()


def _can_close_single(text: str, i: int) -> bool:
    """Not an apostrophe inside a word (don’t, Kyiv’s) nor one opening a word."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not (before.isspace() or after.isalnum())
