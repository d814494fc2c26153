"""Stage ``metadata``: title, authors, outlet and date from a piece's own head and tail.

Values the input already gave (JSON fields, HTML metadata) are kept; the text fills the gaps:
a leading heading is the title (not a line of the page around it: "Moscow CNN —", "You can
now listen to …"), a byline gives authors, outlet and date, a date line or an
agency dateline ("KYIV (AP) —") what the byline lacks, and an author bio at the end (or an
editor's note at the start) names the author of an op-ed.
"""

from __future__ import annotations

from sayso.extract.registry import StageFunction, stage
from sayso.model import Document
from sayso.settings import Settings
from sayso.text import layout


@stage("metadata", assigns=("title", "authors", "outlet", "date"))
def make_metadata(settings: Settings) -> StageFunction:
    return describe


def describe(doc: Document) -> None:
    pars = layout.paragraphs(doc.text)
    if not pars:
        return
    head = layout.read_head(pars, 0)
    if doc.title is None:  # a heading that is the page's, not the piece's, is no title
        doc.title = next((h for h in head.headings if not layout.page_line(h)), None)
    if not doc.authors:
        doc.authors = list(head.byline.authors) if head.byline else _bio_authors(pars)
    if doc.outlet is None:
        doc.outlet = (head.byline.outlet if head.byline else None) or (
            head.dateline.outlet if head.dateline else None
        )
    if doc.date is None:
        doc.date = head.date


def _bio_authors(pars: list[layout.Paragraph]) -> list[str]:
    """Authors named in a bio among the last two paragraphs or in an opening editor's note."""
    tail = pars[-2:][::-1]
    notes = [p for p in pars[:2] if layout.opinion_note(p.text)]
    for paragraph in [*tail, *notes]:
        names = layout.author_bio(paragraph.text)
        if names:
            return list(names)
    return []
