"""The HTML pages' shared set-up: one Jinja2 environment (autoescaped) for the web app and the
report, and how each links to documents, actors and lists."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from sayso import __version__
from sayso.isodate import ISO_PREFIX
from sayso.model import GENRES, Document
from sayso.present.views import amount, claim_pieces, voice_bar
from sayso.store import MARK
from sayso.text import layout

HERE = Path(__file__).parent
STATIC = HERE / "static"

Link = Callable[..., str]


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["marked"] = marked
    env.filters["title_or_opening"] = title_or_opening
    env.filters["claim_pieces"] = claim_pieces
    env.filters["amount"] = amount
    env.filters["voice_bar"] = voice_bar
    env.globals.update(
        genres=GENRES,
        version=__version__,
        static=False,
        allow_ingest=False,
        iso_prefix=ISO_PREFIX,
    )
    return env


def title_or_opening(doc: Document) -> str:
    """A document's title, or the opening words of its body in brackets."""
    return layout.title_or_opening(doc.title, doc.text)


def marked(snippet: str) -> Markup:
    """A search snippet, escaped, with its matches in ``<mark>``."""
    return Markup(str(escape(snippet)).replace(MARK[0], "<mark>").replace(MARK[1], "</mark>"))


def server_link(kind: str, key: str | None = None, at: int | None = None) -> str:
    """Where a page lives in the web app."""
    if kind == "document":
        return f"/documents/{key}" + (f"#at-{at}" if at is not None else "")
    if kind == "actor":
        return f"/actors/{quote(str(key), safe='')}"
    if kind == "position":
        return f"/positions/{quote(str(key), safe='/')}"
    return f"/{kind}" if kind != "corpus" else "/"


def report_links(actor_sections: set[str]) -> Link:
    """Where sections live in the one-file report; an actor without a section of its own
    links to the table of actors."""

    def link(kind: str, key: str | None = None, at: int | None = None) -> str:
        if kind == "document":
            return f"#doc-{key}" + (f"-at-{at}" if at is not None else "")
        if kind == "actor":
            return f"#actor-{key}" if key in actor_sections else "#actors"
        if kind == "position":  # "party/Russia/negotiations": the report shows parties
            return f"#position-{str(key).partition('/')[2]}"
        return f"#{kind}"

    return link
