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
    from playwright.sync_api import Page

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
