"""``sayso report``: the web app's views in one self-contained HTML file to send to a colleague:
the corpus, every document in the reader, the actors, the figures, the timeline, the source
profiles, the positions, the forecasts and the claims compared, with the style and the
reader's script inlined and every link an anchor inside the file."""

from __future__ import annotations

from pathlib import Path

from sayso.analyse import actors
from sayso.analyse.claims import group_claims
from sayso.analyse.forecast import MODELS, RUNS_SHOWN, forecasts
from sayso.analyse.forecast import scenarios as forecast_scenarios
from sayso.analyse.positions import positions, stored_stances
from sayso.analyse.profiles import load_lexicon, profiles
from sayso.issues import load_issues
from sayso.present import views
from sayso.present.pages import STATIC, environment, report_links
from sayso.store import Store

ACTOR_PAGES = 100  # actors with a section of their own, the most named first
ACTOR_QUOTES = 200  # the quotes by and about each shown in its section, the first in date order


def render(store: Store, issues_file: str | None = None, lexicon_file: str | None = None) -> str:
    """The report of everything in ``store`` as one HTML page; positions on the issues of
    ``issues_file``, profiles with the loaded terms of ``lexicon_file`` (else the bundled
    ones)."""
    corpus = views.corpus(store, per_page=max(store.count(), 1))
    everyone = actors(store)
    found, actor_paging = views.actor_list(store, per_page=max(len(everyone), 1), everyone=everyone)
    actor_pages = [
        views.actor_page(store, a.id, per_page=ACTOR_QUOTES) for a in found[:ACTOR_PAGES]
    ]
    documents = list(store.documents())  # every document, read once, in the corpus's order
    readers = [views.reader(doc) for doc in documents]
    figures = views.figures(store, per_page=max(store.quantities(limit=0)[0], 1))
    issues = load_issues(issues_file)
    stances = (
        [(d.id, s) for d in documents for s in d.stances]
        if issues_file is None
        else list(stored_stances(store, issues_file))
    )
    by_party = positions(stances, issues)
    table = views.positions_table(by_party, issues)
    predicted = forecasts(forecast_scenarios(by_party), list(MODELS), runs=RUNS_SHOWN)
    by_id = {issue.id: issue for issue in issues}
    decided = [(cell, by_id[cell.issue]) for cell in table.cells.values()]
    groups = group_claims(store.claims())  # every one, those with a contradiction first
    timeline = views.timeline_page(store, per_page=max(store.events(limit=0)[0], 1))
    env = environment()
    env.globals.update(
        link=report_links({p.actor.id for p in actor_pages if p is not None}),
        static=True,
        inline_css=(STATIC / "sayso.css").read_text(encoding="utf-8"),
        inline_js=(STATIC / "reader.js").read_text(encoding="utf-8"),
    )
    return env.get_template("report.html").render(
        corpus=corpus,
        chart=views.months_chart(corpus.months),
        readers=readers,
        actors=found,
        paging=actor_paging,
        actor_pages=[p for p in actor_pages if p is not None],
        figures=figures,
        timeline=timeline,
        timeline_chart=views.months_chart(timeline.months, "events"),
        table=table,
        decided=decided,
        forecasts=views.issue_forecasts(predicted, issues),
        runs=RUNS_SHOWN,
        found=profiles(documents, load_lexicon(lexicon_file)),
        citations=store.citations([d.id for d in documents]),
        by="outlet",
        claims=views.claims_page(groups, per_page=max(len(groups), 1)),
        relation=None,
        genre=None,
        outlet=None,
        q="",
    )


def write(
    store: Store,
    path: str | Path,
    issues_file: str | None = None,
    lexicon_file: str | None = None,
) -> Path:
    """Write the report to ``path``."""
    target = Path(path)
    target.write_text(render(store, issues_file, lexicon_file), encoding="utf-8")
    return target
