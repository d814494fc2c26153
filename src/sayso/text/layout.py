"""How news text is laid out: paragraphs, bylines, datelines, author bios, headings, speaker
labels, lines of the page around an article.

These recognisers know nothing of any particular article; they encode how news pieces,
transcripts and op-eds are laid out in general. The splitter uses them to find where one piece
ends and the next begins, the metadata and genre stages to describe each piece.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sayso.isodate import find_date
from sayso.names import TITLE_ABBREVIATIONS, TITLES

# --- paragraphs -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of a text: ``text`` is ``source[start:end]`` and may hold wrapped lines."""

    start: int
    end: int
    text: str


_BLOCK_SEPARATOR = re.compile(r"\n[^\S\n]*\n")  # a blank line: spaces, tabs, no-break spaces
_LINE = re.compile(r"[^\n]+")


def paragraphs(text: str) -> list[Paragraph]:
    """Split ``text`` into paragraphs, trimmed, with their offsets.

    Blank lines always separate paragraphs. Inside a block, each line is a paragraph of its own,
    unless the block is hard-wrapped prose (lines of about the same width that break
    mid-sentence, as in plain-text transcripts), which stays one paragraph.
    """
    result: list[Paragraph] = []
    position = 0
    for separator in [*_BLOCK_SEPARATOR.finditer(text), None]:
        block_end = separator.start() if separator else len(text)
        lines = [m for m in _LINE.finditer(text, position, block_end) if m.group().strip()]
        if lines:
            if _hard_wrapped([m.group() for m in lines]):
                result.append(_trimmed(text, lines[0].start(), lines[-1].end()))
            else:
                result.extend(_trimmed(text, m.start(), m.end()) for m in lines)
        position = separator.end() if separator else len(text)
    return result


def _trimmed(text: str, start: int, end: int) -> Paragraph:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Paragraph(start, end, text[start:end])


def _hard_wrapped(lines: list[str]) -> bool:
    if len(lines) < 2:
        return False
    body = [line.rstrip() for line in lines[:-1]]
    widest = max(len(line) for line in body)
    if not 40 <= widest <= 100 or min(len(line) for line in body) < 0.5 * widest:
        return False
    if any(starts_new_paragraph(line) for line in lines[1:]):
        return False
    return any(not ends_sentence(line) for line in body)


def starts_new_paragraph(line: str) -> bool:
    """A line that opens a paragraph whatever precedes it: a speaker label or a byline."""
    return speaker_label(line) is not None or parse_byline(line) is not None


# What ends a sentence, and what may follow its stop: a closing quote mark or bracket. Every
# pattern of a sentence's end is made of these two ("said.”", "war?)").
SENTENCE_STOPS = ".!?…"
CLOSING_MARKS = "\"'”’»)]"
STOP = f"[{re.escape(SENTENCE_STOPS)}]"
CLOSED = f"[{re.escape(CLOSING_MARKS)}]*"
_SENTENCE_END = re.compile(rf"{STOP}{CLOSED}\s*$")


def ends_sentence(text: str) -> bool:
    return _SENTENCE_END.search(text) is not None


# --- headings ---------------------------------------------------------------------------------

_HEADING_MAX_WORDS = 24
_LINK = re.compile(r"https?://|www\.|\(@\w+\)")  # an address or a handle: a post or a link


def is_heading(text: str) -> bool:
    """A title or section heading: a short line, capitalised, that does not end like prose.

    A heading may end in a question mark ("Is Putin ready to negotiate?") but not in a
    full stop, a comma, a colon or a dash (a speaker cut off: "With that, Seung Min —").
    """
    text = text.strip()
    words = text.split()
    if not words or len(words) > _HEADING_MAX_WORDS or len(text) > 180 or "\n" in text:
        return False
    if not (text[0].isupper() or text[0].isdigit() or text[0] in "\"“‘'"):
        return False
    # a quoted sentence ends in a stop inside its quote mark
    if text.rstrip(CLOSING_MARKS)[-1:] in ".,;:—–-" or _CAPTION.match(text) or time_line(text):
        return False
    if _LINK.search(text):
        return False  # an embedded post or a link
    if re.search(r"[.!?][\"'”’)]*\s+[A-Z]", text):
        return False  # two sentences: prose, not a heading
    if speaker_label(text) is not None or parse_byline(text) is not None:
        return False
    return not re.search(r"\b(said|says|told)\b", text)


_CAPTION = re.compile(
    r"^(?:(?:file\s+)?photo(?:graph)?s?|image|picture|video|caption|illustration|credit|source"
    r"|getty images)(?:\s+credit)?\s*(?::|\||—|–|-\s)",
    re.IGNORECASE,
)
_TIME_LINE = re.compile(
    r"^(?:END\s+)?\d{1,2}:\d{2}(?:\s|\xa0)*[AaPp]\.?(?:\s|\xa0)?[Mm]\.?(?:(?:\s|\xa0)+[A-Z]{2,4})?$"
)


# A line that credits a photo or a source to a name or an agency ("Photo: AA", "Source: PAP,
# Reuters", "Photo: Jan Roe/AFP"): no caption ("Photo: Ukrainian soldiers near Avdiivka").
_CREDIT = re.compile(
    r"^(?i:photo(?:graph)?s?|credits?|sources?)(?:\s+(?i:credit))?\s*:\s*"
    r"[A-Z][\w.&'’-]*(?:(?:\s*[,/;]\s*|\s+(?:via\s+|and\s+)?)[A-Z][\w.&'’-]*){0,5}\s*$"
)


def credit_line(text: str) -> bool:
    """A line that credits a photo or a source to a name or an agency ("Photo: AA",
    "Source: PAP, Reuters"), as many pieces end with."""
    return _CREDIT.match(text.strip()) is not None


def time_line(text: str) -> bool:
    """A line giving only a time of day ("3:05 P.M. EST"), as transcripts open and close with."""
    return _TIME_LINE.match(text.strip()) is not None


# --- speaker labels ---------------------------------------------------------------------------

_HONORIFIC = f"(?:{'|'.join((*TITLE_ABBREVIATIONS, *TITLES))})"
# The labels of a questioner's or an answerer's turns, who are no one in particular.
QA_LABELS = ("Q", "QUESTION", "Question", "A", "ANSWER", "Answer")
_QA_LABEL = re.compile(
    rf"^(?P<label>{'|'.join(QA_LABELS)})\s*[:.]\s|^(?P<q>Q)(?:\s{{2,}}|\s(?=[A-Z(\"“'‘]))"
)
_CAPS_LABEL = re.compile(
    rf"^(?P<label>(?:(?:{_HONORIFIC.upper()})\.?\s+)*"
    r"[A-Z][A-Z'’\-.]+(?:\s+[A-Z][A-Z'’\-.]+){0,3}(?:\s+\([^)\n]{1,40}\))?)\s*:\s*(?=\S)"
)
_NAME_LABEL = re.compile(
    rf"^(?P<label>(?:{_HONORIFIC}\.?\s+)?[A-Z][\w'’\-.]*(?:\s+(?:[A-Z][\w'’\-.]*|de|van|von|bin|al|da|di|la|le)){{0,3}}"
    r"(?:\s+\([^)\n]{1,40}\))?)\s*:\s+(?=\S)"
)
_NOT_SPEAKERS = {
    "NOTE",
    "EDITOR'S NOTE",
    "EDITOR’S NOTE",
    "UPDATE",
    "UPDATED",
    "CORRECTION",
    "WATCH",
    "READ",
    "READ MORE",
    "RELATED",
    "PHOTO",
    "VIDEO",
    "BREAKING",
    "SOURCE",
    "SOURCES",
    "WARNING",
    "PS",
    "P.S.",
    "ALSO READ",
    "SEE ALSO",
    "EXCLUSIVE",
    "ANALYSIS",
    "OPINION",
    "COMMENT",
    "LIVE",
    "DISCLAIMER",
    "CAPTION",
    "CREDIT",
    "TAGS",
    "TOPICS",
    "FILE",
    "PUBLISHED",
    "POSTED",
    "BY",
    "WRITTEN BY",
    "AUTHOR",
    "DATE",
    "EDITOR",
    "TRANSCRIPT",
    "SUBJECT",
    "RE",
    "FROM",
    "TO",
    "CC",
}
# Words of a page's furniture that no speaker's label holds: "WATCH BELOW:", "Look:", "READ
# MORE HERE:", "Photos:" (a label holding one is a link or a heading, whatever follows it).
_FURNITURE_WORDS = frozenset(
    """WATCH LOOK LISTEN READ SEE RELATED PHOTO PHOTOS VIDEO VIDEOS BELOW MORE ALSO HERE
    CLICK SHARE SUBSCRIBE ADVERTISEMENT GALLERY PICTURED LATEST TAGS TOPICS""".split()
)


def speaker_label(text: str) -> str | None:
    """The label of a transcript turn at the start of ``text`` ("MS. JEAN-PIERRE", "Vladimir Putin",
    "Q"), or None. A label alone is only a candidate: headings such as "Poll: Voters..." look the
    same, so transcript runs count a label only where it recurs.
    """
    found = _label(text)
    return found[0] if found else None


def label_length(text: str) -> int:
    """How many characters the turn label at the start of ``text`` takes, with its colon and
    the spaces after it; 0 if there is none."""
    found = _label(text)
    return found[1] if found else 0


_QUOTED_TRANSCRIPT = re.compile(r"^[\"“]\s*")  # an article quoting a transcript: "PENCE: …


def _label(text: str) -> tuple[str, int] | None:
    offset = _QUOTED_TRANSCRIPT.match(text)
    skip = offset.end() if offset else 0
    text = text[skip:]
    match = _QA_LABEL.match(text)
    if match:
        return match.group("label") or match.group("q"), skip + match.end()
    for pattern in (_CAPS_LABEL, _NAME_LABEL):
        match = pattern.match(text)
        if match:
            label = re.sub(r"\s+", " ", match.group("label")).strip()
            upper = label.upper().rstrip(".")
            if upper in _NOT_SPEAKERS or len(label) < 2 or _FURNITURE_WORDS & set(upper.split()):
                return None
            if pattern is _NAME_LABEL and (skip or _title_cased(text[match.end() :])):
                return None  # "Istanbul: Could Have Had Peace" is a heading, not a turn
            return label, skip + match.end()
    return None


def turn_labels(pars: Sequence[Paragraph]) -> list[str | None]:
    """For each paragraph, the label of the transcript turn it opens, or None. A label counts
    where it recurs: "Poll: Voters..." once is a heading, "MR. KIRBY:" twice is a speaker; in a
    transcript, a label in capitals ("WHITE HOUSE AIDE:") counts the first time."""
    labels = [speaker_label(p.text) for p in pars]
    counts = Counter(label for label in labels if label)
    transcript = sum(n for n in counts.values() if n >= 2) >= 3
    return [
        label
        if label and (counts[label] >= 2 or (transcript and label.isupper() and len(label) > 2))
        else None
        for label in labels
    ]


_FIRST_SECOND_PERSON = re.compile(
    r"\b(I|I'm|I’m|I've|I’ve|me|my|we|We|our|Our|us|you|You|your|Your)\b"
)
_OPENS = re.compile(r"[\"“]")
_CLOSES = re.compile(r"[\"”]")


def unquoted(text: str) -> str:
    """``text`` with each double-quoted stretch (from an opening mark to the next closing
    one) blanked: the writer's own words. One pass: after a mark that nothing closes, no
    later one is closed either."""
    kept = []
    at = 0
    while (opening := _OPENS.search(text, at)) is not None:
        closing = _CLOSES.search(text, opening.end())
        if closing is None:
            break
        kept += [text[at : opening.start()], " "]
        at = closing.end()
    kept.append(text[at:])
    return "".join(kept)


MAX_TURN_GAP = 30  # unlabelled paragraphs a turn may run on for


def last_turn_end(pars: Sequence[Paragraph], last_turn: int, speakers: set[str | None]) -> int:
    """Where the last turn of a transcript ends: the paragraphs after its label go on while
    they read as speech (first or second person, not naming a speaker in the third), up to the
    time line a transcript closes with."""
    names = _label_words(speakers)
    last = last_turn
    while last + 1 < len(pars) and last + 1 - last_turn <= MAX_TURN_GAP:
        text = pars[last + 1].text
        if time_line(text):
            return last + 1
        own = unquoted(text)
        if names_one_of(own, names) or not _FIRST_SECOND_PERSON.search(own) or closes_piece(text):
            break
        last += 1
    return last


def turn_told_of(pars: Sequence[Paragraph], turn: int, last: int, label: str) -> int:
    """Where a turn of a piece that is no transcript ends, at the latest ``last``: before the
    first paragraph after its label that names its speaker in the writer's words ("Dyner:
    Türkiye has moved …" then "Anna Maria Dyner, commenting on …"), which is the report
    going on, not the speaker."""
    names = _label_words({label})
    for after in range(turn + 1, last + 1):
        if names_one_of(unquoted(pars[after].text), names):
            return after - 1
    return last


def _label_words(labels: set[str | None]) -> set[str]:
    return {word.lower() for label in labels if label for word in words(label) if len(word) > 2}


def names_one_of(text: str, names: set[str]) -> bool:
    """Whether ``text`` holds one of the (lower-case) words ``names``."""
    return any(word.lower() in names for word in words(text))


def _title_cased(text: str) -> bool:
    tokens = text.split()
    if not tokens or len(tokens) > _HEADING_MAX_WORDS or ends_sentence(text):
        return False
    capitalised = sum(1 for token in tokens if token[0].isupper() or token[0].isdigit())
    return capitalised >= 0.6 * len(tokens)


# --- bylines ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Byline:
    """What a byline line says: who wrote the piece, for which outlet, when."""

    authors: tuple[str, ...]
    outlet: str | None
    date: str | None


_BYLINE_START = re.compile(
    r"^(?:(?:written|words|reporting|story|text)\s+)?by\s*:?\s+(?=[A-Z])|^(?:authors?|writer)\s*:\s*(?=[A-Z])",
    re.IGNORECASE,
)
_NAME_TOKEN = (
    r"(?:[A-Z][a-zà-ÿ'’\-]+(?:-[A-Z][a-zà-ÿ'’]+)?|[A-Z]\.(?:\s?[A-Z]\.)*|[A-Z][a-z]?[A-Z][a-z]+)"
)
_PERSON_NAME = re.compile(
    rf"^{_NAME_TOKEN}(?:\s+(?:{_NAME_TOKEN}|de|da|van|von|der|bin|al|le|la|del|di|dos)){{1,4}}(?:,?\s+(?:Jr|Sr|III|II)\.?)?$"
)
_OUTLET_WORDS = re.compile(
    r"\b(News|Times|Post|Press|Journal|Guardian|Telegraph|Reuters|AP|AFP|Agency|Agence|Media|Network"
    r"|TV|Radio|Broadcasting|Tribune|Herald|Gazette|Daily|Weekly|Magazine|Review|Institute|Wire"
    r"|Today|Insider|Politico|Bloomberg|Axios|Observer|Independent|Mail|Express|Standard|Chronicle"
    r"|Examiner|Monitor|Report|Foundation|Center|Centre|Group|Service|Corporation|Online"
    r"|Affairs|Policy|Street|Economist|Atlantic|Nation|Hill|Sun|Star|Mirror)\b"
    r"|\b[\w-]+\.(?:com|org|net|info|co\.uk|ua|ru|by|pl|de|fr|io|news)\b"
)
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")
_LIST_SEPARATOR = re.compile(r"\s*(?:,\s*(?:and\s+)?|[;|•·]|\s[–—-]\s|\s(?:and|&)\s)\s*")
_ROLE_WORDS = re.compile(
    r"\b(correspondent|reporter|writer|editor|columnist|staff|contributor|producer|analyst|bureau"
    r"|chief|senior|special|political|foreign|national|security|desk|team|in|at|for|with)\b",
    re.IGNORECASE,
)


def looks_like_outlet(name: str) -> bool:
    """A name that reads as a news organisation: "NBC News", "Reuters", "kyivpost.com", "AP"."""
    return _OUTLET_WORDS.search(name) is not None or _ACRONYM.match(name) is not None


def parse_byline(text: str) -> Byline | None:
    """``"By Courtney Kube and Carole E. Lee, NBC News, 11/3/23"`` -> authors, outlet and date."""
    text = text.strip()
    start = _BYLINE_START.match(text)
    if start is None or len(text) > 250 or "\n" in text:
        return None
    rest = text[start.end() :]
    found = find_date(rest)
    date = None
    if found:
        date = found[2]
        rest = rest[: found[0]] + rest[found[1] :]
    rest = re.sub(r"\b(?:published|updated|posted|on)\b:?", " ", rest, flags=re.IGNORECASE)
    authors: list[str] = []
    outlet: str | None = None
    for part in _LIST_SEPARATOR.split(rest):
        part = part.strip(" .,:;()[]")
        if part.isupper() and len(part.split()) > 1:
            part = part.title()  # "JOHN SMITH"
        if not part:
            continue
        if looks_like_outlet(part):
            outlet = outlet or part
        elif _PERSON_NAME.match(part):
            authors.append(part)
        elif not (authors and _ROLE_WORDS.search(part)):
            return None
    if not authors and outlet is None:
        return None
    return Byline(tuple(authors), outlet, date)


# --- date lines and datelines ---

_DATE_LINE_WORDS = re.compile(
    r"^(?:(?:published|updated|posted|last updated|first published|date)\s*:?\s*|on\s+)?",
    re.IGNORECASE,
)


def date_line(text: str) -> str | None:
    """The ISO date of a line that only dates a piece ("Published 3:05 PM EST, Nov. 3, 2023");
    not a question, nor a turn of a transcript ("Q — in August 2021?")."""
    if len(text.split()) > 14 or text.rstrip().endswith("?"):
        return None
    found = find_date(text)
    if found is None or _QA_LABEL.match(text) is not None:
        return None
    rest = (text[: found[0]] + text[found[1] :]).strip(" ,.|-–—")
    rest = _DATE_LINE_WORDS.sub("", rest)
    if len(re.findall(r"[A-Za-z]{3,}", rest)) > 4 or re.search(
        r"\b(said|says|is|was|will)\b", rest
    ):
        return None
    return found[2]


@dataclass(frozen=True)
class Dateline:
    """The place (and agency) a report opens with: "KYIV, Ukraine (AP) —"."""

    place: str | None
    outlet: str | None
    end: int


_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’\- ]{2,40}?(?:,\s*[A-Z0-9][\w.'’\- ]{1,30}?){0,2})\s*"
    r"(?:\((?P<outlet>[^)\n]{2,40})\))?(?:\s*[—–]{1,2}\s*|\s+--?(?:\s+|$))"
)
_AGENCY_DATELINE = re.compile(
    r"^\(?(?P<outlet>[A-Z][A-Za-z]{1,10})\)?(?:\s*[—–]{1,2}|\s+--?)(?:\s+|$)"
)


def parse_dateline(text: str) -> Dateline | None:
    """A dateline at the start of a paragraph, or None."""
    match = _DATELINE.match(text)
    if match and _is_caps_place(match.group("place")):
        place = match.group("place").strip()
        return Dateline(place, match.group("outlet"), match.end())
    match = _AGENCY_DATELINE.match(text)
    if match and (_ACRONYM.match(match.group("outlet")) or text.startswith("(")):
        return Dateline(None, match.group("outlet"), match.end())
    return None


# A title's abbreviation with its stop: "MR. SULLIVAN —" is a speaker cut off, where
# "GENERAL SANTOS, Philippines —" is a place.
_TITLED = re.compile(rf"^(?:{'|'.join(TITLE_ABBREVIATIONS)})\.\s", re.IGNORECASE)


def _is_caps_place(place: str) -> bool:
    """A place in capitals, not a speaker's name cut off by a dash ("MR. SULLIVAN —")."""
    head = place.split(",")[0].strip()
    letters = [ch for ch in head if ch.isalpha()]
    return (
        len(letters) >= 3
        and all(ch.isupper() for ch in letters)
        and head.upper() not in _NOT_SPEAKERS
        and not (_TITLED.match(head) and "," not in place)
    )


# --- the head of a piece ---


@dataclass(frozen=True)
class Head:
    """The opening lines of a piece: up to two headings (title, subtitle), then a byline, a date
    line or an editor's note, and the dateline the body may open with."""

    headings: tuple[str, ...]
    byline: Byline | None
    date: str | None
    dateline: Dateline | None
    editor_note: bool


def read_head(pars: Sequence[Paragraph], i: int) -> Head:
    """What the paragraphs from ``i`` on say about a piece opening there."""
    j = i
    headings: list[str] = []
    while j < len(pars) and len(headings) < 2 and piece_title(pars[j].text):
        headings.append(pars[j].text)
        j += 1
    byline: Byline | None = None
    date: str | None = None
    dateline: Dateline | None = None
    editor_note = False
    for k in range(j, min(j + 4, len(pars))):
        text = pars[k].text
        found_byline = parse_byline(text) if byline is None else None
        found_date = date_line(text) if date is None else None
        if found_byline:
            byline = found_byline
            date = date or found_byline.date
        elif found_date:
            date = found_date
        elif k == j and opinion_note(text) and not editor_note:
            editor_note = True
        else:
            dateline = parse_dateline(text)
            break
    return Head(tuple(headings), byline, date, dateline, editor_note)


def is_head_line(text: str) -> bool:
    """A byline or a date line: a line that heads the piece after it."""
    return parse_byline(text) is not None or date_line(text) is not None


def piece_title(text: str) -> bool:
    """A heading that can title a piece: not a date or a dateline, nor a line of the page
    around a piece or one that closes a piece ("Subscribe", "END")."""
    return (
        is_heading(text)
        and date_line(text) is None
        and parse_dateline(text) is None
        and not page_line(text)
        and not closes_piece(text)
    )


# Lines a web page puts around an article besides its links (``page_furniture``): a call to
# listen or watch, a pointer to live coverage, a photo's credit, a dateline alone on its line
# ("Moscow CNN —"). None is a title, nor the opening words a piece is listed by.
_PAGE_LINE = re.compile(
    r"\byou can now listen to\b|\blisten to (?:this|the) article\b"
    r"|^(?:view|watch|see) (?:the )?video\b|\bin our live coverage\b|^live updates?\b",
    re.IGNORECASE,
)
_PHOTO_CREDIT = re.compile(
    r"\((?:[^()]*/)?\s*(?:getty images|reuters|ap(?: photo)?|afp|epa|bloomberg|shutterstock"
    r"|alamy|pa(?: images)?)\b[^()]*\)\s*$",
    re.IGNORECASE,
)
_DATELINE_ALONE = re.compile(r"^[A-Z][\w.,' ]{1,60}\s[—–-]$")


def page_line(text: str) -> bool:
    """A line of the page around an article, not of the article: a link or promotion, a
    photo's credit, a dateline alone."""
    text = text.strip()
    return (
        page_furniture(text)
        or _PAGE_LINE.search(text) is not None
        or _PHOTO_CREDIT.search(text) is not None
        or _DATELINE_ALONE.match(text) is not None
    )


# --- ends of pieces ---------------------------------------------------------------------------

_EDITOR_NOTE = r"Editor['’]s\s+[Nn]ote"
_BIO_SUBJECT = re.compile(
    rf"^(?:[*_—–-]+\s*)?(?:(?:{_EDITOR_NOTE}|About the authors?)\s*[:.—–-]\s*)?"
    r"(?P<names>[A-Z][\w.'’\-]+(?:\s+[A-Z][\w.'’\-]+){1,3}(?:\s+and\s+[A-Z][\w.'’\-]+(?:\s+[A-Z][\w.'’\-]+){1,3})?)"
    r"(?:\s*\(@\w+\))?,?\s+(?:is|are|was|has been|serves as|writes|covers|teaches)\b"
)
_AUTHOR_ROLE = re.compile(
    r"\b(columnist|writer|author of|journalist|correspondent|editor|reporter|contributor"
    r"|commentator"
    r"|blogger|essayist|writes (?:for|about|on)|contributing)\b",
    re.IGNORECASE,
)
_EXPERT_ROLE = re.compile(
    r"\b(professor|fellow|lecturer|scholar|researcher|historian|analyst|director|founder|president"
    r"|chair|ambassador|retired|former)\b",
    re.IGNORECASE,
)


def author_bio(text: str) -> tuple[str, ...] | None:
    """The names in an author's bio ("Ted Snider is a regular columnist at ..."), or None.

    A bio is short, says who someone is, and names a writer's role; an expert's title
    ("a professor at ...") counts only with the usual bio phrasing around it.
    """
    words = text.split()
    if len(words) > 140:
        return None
    match = _BIO_SUBJECT.match(text)
    if match is None:
        return None
    if not (
        _AUTHOR_ROLE.search(text) or (_EXPERT_ROLE.search(text) and _OPINION_NOTE.search(text))
    ):
        return None
    return tuple(name.strip() for name in re.split(r"\s+and\s+", match.group("names")))


_OPINION_NOTE = re.compile(
    r"views expressed|opinions expressed|(?:his|her|their|the author['’]s) own (?:views|opinions)"
    rf"|^{_EDITOR_NOTE}|^Opinion\b|^OPINION\b|^Op-?[Ee]d\b|^COMMENTARY\b",
)
_EDITOR_NOTE_START = re.compile(rf"^{_EDITOR_NOTE}")


def opinion_note(text: str) -> bool:
    """An editor's note or disclaimer that marks a piece as opinion."""
    return _OPINION_NOTE.search(text) is not None


def bio_note(text: str) -> bool:
    """An editor's note that says who the author is ("Editor's Note: Ann Lee is a columnist
    ..."): it heads an opinion piece, where a bio alone closes one."""
    return _EDITOR_NOTE_START.match(text) is not None and author_bio(text) is not None


# Where people post, which never speak themselves ("wrote on Twitter, who said …").
PLATFORMS = frozenset(
    {"twitter", "x", "facebook", "telegram", "instagram", "youtube", "tiktok", "vkontakte"}
)

_END_MARKER = re.compile(
    r"^(?:END\s+\d{1,2}:\d{2}|(?-i:END)\s*$|#{3}\s*$|-{2,}\s*END|\*{3}\s*$"
    r"|\(?(?:Reporting|Additional reporting|Writing) by\b|Copyright\b|©|All rights reserved"
    rf"|Follow (?:\w+ ){{0,3}}on (?:{'|'.join(sorted(PLATFORMS))})\b"
    r"|This (?:article|story|piece) (?:was|first|originally)\b|The views expressed\b)",
    re.IGNORECASE,
)


# "The full text of the speech is provided below:", "Read the President's full address below:"
_FULL_TEXT = re.compile(
    r"\b(?:full (?:text|address|speech|statement|remarks|transcript)|(?:text|transcript) of"
    r" (?:the|his|her|their) (?:speech|address|statement|remarks)|in full)\b[^.!?]{0,60}"
    r"\b(?:below|follows)\b\W*$",
    re.IGNORECASE,
)
_FULL_TEXT_MAX_CHARS = 200


# The small words a title or headline in title case leaves in lower case: "Troop Training
# [in] Ukraine", "The Art [of] the Deal".
TITLE_SMALL_WORDS = frozenset("a an and as at by for from in into of on or the to vs with".split())

# A page's links and promotions, pasted among the paragraphs of a piece.
_PAGE_FURNITURE = re.compile(
    r"^(?:Other Topics of Interest|Read (?:more|also)|Related|Join us on Telegram|Follow our"
    r" coverage|Advertisement|Click here|Subscribe|Skip past newsletter)\b",
    re.IGNORECASE,
)


def page_furniture(text: str) -> bool:
    """A paragraph of links or promotion, which is no part of what the piece says."""
    return _PAGE_FURNITURE.match(text.strip()) is not None


def page_furniture_end(text: str) -> int | None:
    """Where the words of a link or promotion that ``text`` opens with end, or None where
    it opens with none: "Other Topics of Interest| Estonia's PM: …"."""
    found = _PAGE_FURNITURE.match(text)
    return None if found is None else found.end()


def introduces_full_text(text: str) -> bool:
    """A short paragraph that says the words of a speech follow it, unquoted, to the end."""
    return len(text) <= _FULL_TEXT_MAX_CHARS and _FULL_TEXT.search(text.strip()) is not None


def closes_piece(text: str) -> bool:
    """An author bio or an end marker: the last paragraph of a piece."""
    return end_marker(text) or author_bio(text) is not None


def end_marker(text: str) -> bool:
    """A line that closes a piece: "END 4:15 P.M. EST", "(Reporting by ...)", "Copyright ..."."""
    return _END_MARKER.match(text.strip()) is not None


# --- words for cohesion and style -------------------------------------------------------------

_WORD = re.compile(r"[A-Za-zÀ-ÿ][\w'’\-]*")


def words(text: str) -> Iterator[str]:
    for match in _WORD.finditer(text):
        yield match.group()


def title_or_opening(title: str | None, text: str) -> str:
    """What a document is listed and cited by: its title, or its opening words in brackets."""
    return title or f"[{opening(text)}…]"


def opening(text: str, words: int = 10) -> str:
    """The first ``words`` words of the body, after any head lines and dateline: what a
    document without a title is listed by."""
    body = next(
        (p.text for p in paragraphs(text) if not is_head_line(p.text) and not page_line(p.text)),
        text,
    )
    dateline = parse_dateline(body)
    return " ".join(body[dateline.end if dateline else 0 :].split()[:words])
