"""Quoted stretches of text, found from their quotation marks alone.

Straight, curly and angle marks («guillemets») open and close double quotes; single marks
(‘…’, '…') count only where they cannot be apostrophes. A quote may run over several paragraphs
when each of them opens with a mark and only the last one closes. A quote that opens a paragraph
and is never closed ends with the paragraph; a stray mark inside a paragraph opens nothing, so it
never swallows the rest of a text.
"""

from __future__ import annotations

from dataclasses import dataclass

_DOUBLE_OPEN = {"“": "”", "«": "»", "„": "“", '"': '"'}
_DOUBLE_CLOSE = {"”", "»", '"', "“"}
_SINGLE_OPEN = {"‘": "’", "'": "'", "‹": "›"}
_SINGLE_CLOSE = {"’", "'", "›"}


@dataclass(frozen=True)
class Quoted:
    """A quoted stretch: ``start``/``end`` include the marks, ``inner_*`` exclude them."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool  # False for a paragraph that opens with a mark and never closes it
    nested: bool  # a single-quoted stretch inside a double-quoted one


def find_quoted(text: str) -> list[Quoted]:
    """Every quoted stretch of ``text`` in order of its opening mark."""
    found: list[Quoted] = []
    outer: _Open | None = None
    inner: _Open | None = None
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\n":
            inner = None  # a nested quote left open is dropped with its paragraph
            if outer is not None:
                reopened = _reopening(text, i, outer)
                if reopened is not None:
                    i = reopened + 1
                    continue
                if outer.opens_paragraph:
                    found.append(outer.close_unbalanced(text, i))
                outer = None
        elif outer is None:
            if ch in _DOUBLE_OPEN and _can_open(text, i):
                outer = _Open(ch, i, opens_paragraph=_opens_paragraph(text, i))
            elif ch in _SINGLE_OPEN and _can_open_single(text, i):
                outer = _Open(ch, i, single=True, opens_paragraph=_opens_paragraph(text, i))
        elif outer.single:
            if ch in _SINGLE_CLOSE and _can_close_single(text, i):
                found.append(outer.close(i))
                outer = None
        elif inner is not None and ch in _SINGLE_CLOSE and _can_close_single(text, i):
            found.append(inner.close(i, nested=True))
            inner = None
        elif inner is None and ch in _SINGLE_OPEN and _can_open_single(text, i):
            inner = _Open(ch, i, single=True)
        elif ch in _DOUBLE_CLOSE and _can_close(text, i, outer):
            found.append(outer.close(i))
            outer = inner = None
        i += 1
    if outer is not None and outer.opens_paragraph:
        found.append(outer.close_unbalanced(text, n))
    return sorted(found, key=lambda q: (q.start, -q.end))


@dataclass
class _Open:
    mark: str
    position: int
    single: bool = False
    opens_paragraph: bool = False  # only such a quote may run on, or end with its paragraph

    def close(self, at: int, *, nested: bool = False) -> Quoted:
        return Quoted(self.position, at + 1, self.position + 1, at, True, nested)

    def close_unbalanced(self, text: str, at: int) -> Quoted:
        end = at
        while end > self.position + 1 and text[end - 1].isspace():
            end -= 1
        return Quoted(self.position, end, self.position + 1, end, False, self.single)


def _opens_paragraph(text: str, i: int) -> bool:
    line_start = text.rfind("\n", 0, i) + 1
    return not text[line_start:i].strip()


def _reopening(text: str, newline: int, opened: _Open) -> int | None:
    """Where a quote that opened its paragraph runs on: a mark of its kind opening the next."""
    if not opened.opens_paragraph or opened.single:
        return None
    i = newline
    while i < len(text) and text[i].isspace():
        i += 1
    family = "«" if opened.mark == "«" else '“"„'
    return i if i < len(text) and text[i] in family else None


def _can_open(text: str, i: int) -> bool:
    if text[i] != '"':
        return True
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not after.isspace() and (before.isspace() or before in "([{—–-:;,/")


def _can_close(text: str, i: int, opened: _Open) -> bool:
    if i == opened.position + 1:
        return False
    if text[i] == "“":  # some writers close with the opening curly mark
        after = text[i + 1] if i + 1 < len(text) else " "
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
