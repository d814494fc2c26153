"""End to end in a real browser: Debian's Chromium driven by Playwright against a live server.

Skipped, saying why, where Chromium or Playwright is missing (``make test`` installs both where
the machine allows it).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from sayso import Settings, Store, ingest
from sayso.present.web import create_app

if TYPE_CHECKING:
    from playwright.sync_api import Page, Route

    from conftest import Serve

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ROOT = Path(__file__).resolve().parent.parent

playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (pip install playwright)"
)
if not Path(CHROMIUM).exists():
    pytest.skip(
        "Chromium is not installed (apt-get install chromium); browser tests skipped",
        allow_module_level=True,
    )


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, serve: Serve) -> Iterator[str]:
    db = tmp_path_factory.mktemp("browser") / "s.db"
    with Store(db) as store:
        list(ingest([str(ROOT / "examples" / "dossier.txt")], store, Settings()))
    with serve(create_app(str(db))) as address:
        yield address


@pytest.fixture(scope="module")
def page(server: str) -> Iterator[Page]:
    with playwright_api.sync_playwright() as driver:
        browser = driver.chromium.launch(
            executable_path=CHROMIUM,
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        opened = browser.new_page()
        yield opened
        browser.close()


def test_search_open_a_document_click_a_quote_and_follow_a_speaker(server: str, page: Page) -> None:
    p = page
    p.goto(server + "/")
    assert "4 document(s)" in p.inner_text("h1")
    p.fill("input[name=q]", "stalemate")
    p.click("button[type=submit]")
    p.wait_for_selector(".hits mark")
    p.click(".hits li a")
    p.wait_for_selector("article.reader")
    landed = p.locator("mark.searched").first  # the reader opens on the words searched for
    assert landed.inner_text().lower() == "stalemate"
    top = landed.evaluate("mark => mark.getBoundingClientRect().top")
    assert 0 <= top <= p.evaluate("window.innerHeight")
    quote = p.locator(".body [data-quote]", has_text="Any decisions about negotiations")
    quote.first.click()
    detail = p.inner_text(".detail")
    assert "Adrienne Watson" in detail and "direct" in detail
    p.click("aside .actors a:text('Joe Biden')")
    p.wait_for_selector("section.actor")
    assert "Joe Biden" in p.inner_text("h1")
    assert "Spellings by document" in p.content()


def test_a_link_to_a_place_in_a_document_scrolls_there(server: str, page: Page) -> None:
    p = page
    p.goto(server + "/timeline?actor=Lavrov")
    p.click("table.timeline a")
    p.wait_for_selector(".flash")
    assert p.inner_text(".detail").strip()


def test_the_newest_events_are_one_click_away(server: str, page: Page) -> None:
    p = page
    p.goto(server + "/timeline?per_page=10")
    oldest = p.inner_text("table.timeline tbody tr td.date")
    p.click("a.newest")
    p.wait_for_url("**order=newest**")
    newest = p.inner_text("table.timeline tbody tr td.date")
    assert newest > oldest
    p.click("nav.pages a[rel=last]")
    p.wait_for_selector("table.timeline")
    assert p.locator("table.timeline tbody tr td.date").last.inner_text() == oldest


def test_quotes_are_searched_and_open_in_the_reader(server: str, page: Page) -> None:
    p = page
    p.goto(server + "/quotes")
    p.fill("input[name=q]", "stalemate")
    p.click("form.filters button[type=submit]")
    p.wait_for_selector("ol.quotes li")
    assert "Jake Sullivan" in p.inner_text("ol.quotes")
    said = p.inner_text("ol.quotes a >> nth=0")
    p.click("ol.quotes a >> nth=0")
    p.wait_for_selector(".flash")  # the reader opens at the quote, its details shown
    assert said.startswith(p.inner_text(".flash").strip())
    assert "stalemate" in p.inner_text(".detail")


def test_no_request_leaves_the_machine_and_the_api_docs_work_offline(
    server: str, page: Page
) -> None:
    p = page
    asked: list[str] = []

    def watch(route: Route) -> None:
        asked.append(route.request.url)
        route.continue_()

    p.route("**/*", watch)
    try:
        for path in ("/", "/quotes?q=talks", "/timeline", "/actors", "/claims", "/docs"):
            p.goto(server + path)
            p.wait_for_load_state("networkidle")
        assert p.inner_text(".swagger-ui .info .title").startswith("sayso")
        assert p.locator(".opblock").count() >= 10  # the API's routes, each documented
    finally:
        p.unroute("**/*")
    assert asked and all(url.startswith(server) for url in asked), asked


def test_every_page_fits_a_phone(server: str, page: Page) -> None:
    """At 390 px no page scrolls sideways: wide tables scroll inside themselves, the
    reader's panel comes below the text."""
    p = page
    document = p.request.get(server + "/api/documents").json()["documents"][0]["id"]
    p.set_viewport_size({"width": 390, "height": 844})
    try:
        for path in (
            "/",
            "/?q=talks",
            f"/documents/{document}",
            "/actors",
            "/actors/Q7747",
            "/quotes",
            "/figures",
            "/figures?about=troops",
            "/timeline",
            "/positions",
            "/positions?by=actor",
            "/forecast",
            "/profiles",
            "/profiles?by=document",
            "/claims",
            "/docs",
        ):
            p.goto(server + path)
            p.wait_for_load_state("networkidle")
            assert p.evaluate("document.documentElement.scrollWidth") <= 390, path
        p.goto(f"{server}/documents/{document}")
        text, panel = (p.locator(s).bounding_box() for s in (".body", "aside"))
        assert text and panel and panel["y"] >= text["y"] + text["height"]
    finally:
        p.set_viewport_size({"width": 1280, "height": 720})


def test_quotes_open_from_the_keyboard_and_speakers_are_numbered(server: str, page: Page) -> None:
    p = page
    document = p.request.get(server + "/api/documents", params={"genre": "report"}).json()
    doc_id = document["documents"][0]["id"]
    quotes = p.request.get(f"{server}/api/documents/{doc_id}").json()["quotes"]
    p.goto(f"{server}/documents/{doc_id}")
    openers = p.locator(".body [data-who][tabindex='0']")
    assert openers.count() == len(quotes)  # every quote opens with a numbered Tab stop
    for _ in range(40):  # Tab from the top of the page to the first quote
        p.keyboard.press("Tab")
        if p.evaluate("document.activeElement.matches('[data-quote]')"):
            break
    else:
        raise AssertionError("no quote reached by Tab")
    p.keyboard.press("Enter")
    detail = p.inner_text(".detail")
    assert "Quote" in detail and "speaker" in detail
    who = p.evaluate("document.activeElement.dataset.who")
    speakers = p.locator("table.speakers tbody tr")
    assert speakers.nth(int(who) - 1).locator(".swatch").inner_text() == who
    actor = p.locator(".body [data-entity][tabindex='0']:not([data-quote])").first
    actor.focus()  # an actor's mark, and a figure's, are Tab stops too
    p.keyboard.press("Enter")
    assert "Actor" in p.inner_text(".detail")
