"""The web app through its HTTP interface, and the one-file report."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from pydantic import TypeAdapter, ValidationError

from sayso import Settings, Store, ingest
from sayso.analyse.claims import group_claims
from sayso.present import report, views
from sayso.present.web import api, create_app, schemas

if TYPE_CHECKING:
    from conftest import WebClient

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = '<script>alert("x")</script>'


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("web")
    records = folder / "hostile.jsonl"
    records.write_text(
        json.dumps(
            {
                "title": f"Talks {HOSTILE}",
                "outlet": "Wire",
                "date": "2023-11-03",
                "text": f"“Peace is possible {HOSTILE},” said Dmitry Peskov, the Kremlin "
                "spokesman. Russia has lost 300 tanks, officials said.",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    path = folder / "s.db"
    with Store(path) as store:
        inputs = [str(ROOT / "examples" / "dossier.txt"), str(records)]
        assert all(not r.errors for r in ingest(inputs, store, Settings()))
    return path


@pytest.fixture(scope="module")
def client(db: Path, web_client: WebClient) -> TestClient:
    return web_client(create_app(str(db)))


def _hostile_id(client: TestClient) -> str:
    documents = client.get("/api/documents", params={"outlet": "Wire"}).json()["documents"]
    return str(documents[0]["id"])


def test_corpus_lists_filters_and_searches(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "5 document(s)" in page.text
    assert ">interview (1)</option>" in page.text and ">Wire (1)</option>" in page.text
    interviews = client.get("/api/documents", params={"genre": "interview"}).json()
    assert interviews["total"] == 1 and interviews["documents"][0]["quotes"] > 10
    found = client.get("/", params={"q": "stalemate"})
    assert "<mark>stalemate</mark>" in found.text
    assert 'class="documents"' not in found.text  # the hits alone, not every document below
    hits = client.get("/api/documents", params={"q": "Ukraine"}).json()
    assert hits["matches"] == len(hits["hits"]) == 4 and hits["total"] == 5
    opinions = client.get("/api/documents", params={"q": "Ukraine", "genre": "opinion"}).json()
    assert opinions["matches"] == len(opinions["hits"]) == 2  # a search within the filters
    assert {h["genre"] for h in opinions["hits"]} == {"opinion"}
    assert "4 match(es) for “Ukraine”" in client.get("/", params={"q": "Ukraine"}).text
    assert f"/documents/{hits['hits'][0]['id']}?q=Ukraine" in client.get("/?q=Ukraine").text
    broken = client.get("/", params={"q": '"U.S. officials OR ('})  # not FTS5: plain words
    assert broken.status_code == 200 and "match(es)" in broken.text


def test_document_text_is_escaped_everywhere(client: TestClient) -> None:
    doc_id = _hostile_id(client)
    for path in ("/", f"/documents/{doc_id}", "/figures", "/timeline", "/actors"):
        page = client.get(path)
        assert page.status_code == 200, path
        assert HOSTILE not in page.text, path
    assert "&lt;script&gt;" in client.get(f"/documents/{doc_id}").text


def test_reader_marks_quotes_cues_actors_and_figures(client: TestClient) -> None:
    doc_id = _hostile_id(client)
    page = client.get(f"/documents/{doc_id}").text
    assert 'data-quote="0"' in page and " cue" in page and 'data-figure="0"' in page
    assert "Dmitry Peskov" in page and "Who speaks" in page
    data = client.get(f"/api/documents/{doc_id}").json()
    assert data["quotes"][0]["speaker"]["name"] == "Dmitry Peskov"
    assert client.get("/documents/ffffffffffff").status_code == 404


def test_actor_pages_gather_spellings_and_quotes(client: TestClient) -> None:
    putin = client.get("/api/actors/Q7747").json()
    assert putin["name"] == "Vladimir Putin" and putin["documents"] >= 3
    assert putin["quotes_by"] and all(
        q["speaker"]["name"] == "Vladimir Putin" for q in putin["quotes_by"]
    )
    assert putin["quotes_about"]
    assert all(q["speaker"]["name"] != "Vladimir Putin" for q in putin["quotes_about"])
    said = putin["quotes_by_total"]
    assert said > 5 and len(putin["quotes_by"]) == min(said, 50)
    second = client.get("/api/actors/Q7747", params={"per_page": 5, "by_page": 2}).json()
    assert second["quotes_by"] == putin["quotes_by"][5:10]  # paged, in date order
    assert second["quotes_about_total"] == putin["quotes_about_total"]
    paged = client.get("/actors/Q7747", params={"by_page": 2, "about_page": 1}).text
    assert f"Quotes by Vladimir Putin <small>{said}</small>" in paged
    page = client.get("/actors/Q7747")
    assert page.status_code == 200 and "Quotes by Vladimir Putin" in page.text
    # every place cited by outlet, date and title or opening words, never by a bare hash
    assert "in <code>" not in page.text
    assert "NBC News · 2023-11-03 · [U.S. and European" in page.text
    listed = client.get("/api/actors", params={"q": "Kiev"}).json()
    assert any(a["id"] == "Q1899" for a in listed["actors"]) and listed["total"] >= 1
    assert client.get("/actors/name:nobody-at-all").status_code == 404


def test_figures_sort_and_timeline_filters(client: TestClient) -> None:
    by_value = client.get(
        "/api/figures", params={"order": "value", "desc": "true", "per_page": 500}
    ).json()
    units = [f["unit"] for f in by_value["figures"]]
    for unit in set(units):  # values are compared within their unit, not across units
        values = [f["value"] for f in by_value["figures"] if f["unit"] == unit]
        assert values == sorted(values, reverse=True), unit
    assert by_value["total"] == len(units) and by_value["units"]["count"] == units.count(None)
    dollars = client.get("/api/figures", params={"unit": "USD"}).json()
    assert dollars["total"] == by_value["units"].get("USD", 0)
    counts = client.get("/api/figures", params={"unit": "count", "outlet": "Wire"}).json()
    assert [f["value"] for f in counts["figures"]] == [300]  # the hostile record's 300 tanks
    assert client.get("/api/figures", params={"since": "2024"}).json()["total"] == 0
    page = client.get("/figures", params={"order": "value"}).text
    assert "e+0" not in page and "300</td>" in page
    for link in re.findall(r'<th><a href="\?([^"]+)"', page):  # each column sorts, either way
        assert client.get("/figures?" + html.unescape(link)).status_code == 200, link
    assert client.get("/api/figures", params={"order": "colour"}).status_code == 400
    events = client.get("/api/timeline", params={"actor": "Lavrov"}).json()["events"]
    assert events and all("Sergey Lavrov" in e["actors"] for e in events)
    assert "Timeline" in client.get("/timeline", params={"actor": "Lavrov"}).text


def test_the_timeline_pages_filters_by_date_and_outlet_and_shows_the_newest(
    client: TestClient,
) -> None:
    oldest = client.get("/api/timeline", params={"per_page": 10}).json()
    newest = client.get("/api/timeline", params={"order": "newest", "per_page": 10}).json()
    total = oldest["total"]
    assert total > 20 and oldest["pages"] == newest["pages"] == -(-total // 10)
    dates = [e["date"] for e in oldest["events"]]
    assert dates == sorted(dates) and newest["events"][0]["date"] >= dates[-1]
    last = client.get("/api/timeline", params={"page": oldest["pages"], "per_page": 10}).json()
    assert last["events"][-1] == newest["events"][0]  # the last page ends with the newest
    assert sum(oldest["months"].values()) <= total  # events dated by the year alone aside
    month = max(oldest["months"], key=oldest["months"].get)
    in_month = client.get("/api/timeline", params={"since": month, "until": month}).json()
    assert in_month["total"] == oldest["months"][month]
    assert {e["date"][:7] for e in in_month["events"]} == {month}
    wire = client.get("/api/timeline", params={"outlet": "Wire"}).json()
    assert wire["total"] < total and all(e["outlet"] == "Wire" for e in wire["events"])
    page = client.get("/timeline", params={"since": month, "until": month, "order": "newest"})
    assert f"{oldest['months'][month]} event(s)" in page.text and f"{month} to {month}" in page.text
    everything = client.get("/timeline", params={"per_page": 10}).text
    assert f"1–10 of {total:,}" in everything and 'rel="last"' in everything
    assert f"per_page=10&amp;page={oldest['pages']}" in everything
    assert f"since={month}&amp;until={month}" in everything  # the chart's bars narrow the dates
    wrong = client.get("/timeline", params={"since": "last week"})
    assert wrong.status_code == 422 and "text/html" in wrong.headers["content-type"]
    assert "last week" in wrong.text
    assert client.get("/api/timeline", params={"until": "2022-13-1"}).status_code == 422
    assert client.get("/api/timeline", params={"per_page": 501}).status_code == 422
    assert client.get("/timeline", params={"since": "", "until": ""}).status_code == 200


def test_quotes_are_searched_by_words_speaker_and_facets(client: TestClient) -> None:
    everything = client.get("/api/quotes").json()
    assert everything["total"] > 50 and len(everything["quotes"]) == 50
    found = client.get("/api/quotes", params={"q": "negotiations"}).json()
    assert 0 < found["total"] < everything["total"]
    assert all("negotiation" in q["text"].lower() for q in found["quotes"])
    phrase = client.get("/api/quotes", params={"q": '"up to Ukraine"'}).json()
    assert [q["speaker"]["name"] for q in phrase["quotes"]] == ["Adrienne Watson"]
    types = found["facets"]["speaker_type"]
    assert sum(types.values()) == found["total"]
    anonymous = client.get(
        "/api/quotes", params={"q": "negotiations", "speaker_type": "anonymous"}
    ).json()
    assert anonymous["total"] == types["anonymous"]
    assert all(q["speaker"]["type"] == "anonymous" for q in anonymous["quotes"])
    by = client.get("/api/quotes", params={"speaker": "sullivan"}).json()
    assert by["total"] and all(q["speaker"]["name"] == "Jake Sullivan" for q in by["quotes"])
    in_2023 = client.get("/api/quotes", params={"since": "2023-11", "until": "2023-11"}).json()
    assert 0 < in_2023["total"] < everything["total"]
    page = client.get("/quotes", params={"q": "negotiations"})
    assert f"{found['total']} holding “negotiations”" in page.text
    quote = found["quotes"][0]
    assert f'href="/documents/{quote["document_id"]}#at-{quote["start"]}"' in page.text
    assert "speaker_type=anonymous" in page.text  # a facet narrows the list
    second = client.get("/quotes", params={"speaker": "a", "page": 2}).text
    assert "51–100 of" in second and "speaker=a&amp;page=3" in second  # filters kept
    assert client.get("/api/quotes", params={"q": '"unterminated'}).status_code == 200


def test_every_list_downloads_whole_with_its_filters(client: TestClient) -> None:
    quotes = client.get("/api/quotes", params={"q": "negotiations"}).json()
    got = client.get("/api/quotes", params={"q": "negotiations", "download": "csv"})
    assert got.headers["content-type"].startswith("text/csv")
    assert 'filename="sayso-quotes.csv"' in got.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(got.text)))
    assert len(rows) == quotes["total"] and all("negotiation" in r["text"].lower() for r in rows)
    assert rows[0]["speaker.mention"] == quotes["quotes"][0]["speaker"]["mention"]
    events = client.get("/api/timeline", params={"order": "newest", "per_page": 5}).json()
    lines = client.get("/api/timeline", params={"order": "newest", "download": "jsonl"}).text
    records = [json.loads(line) for line in lines.splitlines()]
    assert len(records) == events["total"] > 5 and records[:5] == events["events"]
    figures = client.get("/api/figures", params={"unit": "count", "download": "csv"}).text
    assert (
        len(list(csv.DictReader(io.StringIO(figures))))
        == client.get("/api/figures", params={"unit": "count"}).json()["total"]
    )
    everyone = client.get("/api/actors", params={"download": "jsonl"}).text.splitlines()
    assert len(everyone) == client.get("/api/actors").json()["total"]
    page = client.get("/quotes", params={"q": "negotiations"}).text
    assert "/api/quotes?q=negotiations&amp;download=csv" in page
    documents = client.get("/api/documents", params={"genre": "opinion", "download": "csv"})
    rows = list(csv.DictReader(io.StringIO(documents.text)))
    assert len(rows) == 2 and {r["genre"] for r in rows} == {"opinion"} and "quotes" in rows[0]
    hits = client.get("/api/documents", params={"q": "Ukraine", "download": "jsonl"}).text
    assert len(hits.splitlines()) == 4  # every match of a search
    positions = client.get("/api/positions", params={"download": "csv"}).text
    assert len(list(csv.DictReader(io.StringIO(positions)))) == len(
        client.get("/api/positions").json()
    )
    assert "/api/documents?download=csv" in client.get("/").text
    profiles = client.get("/api/profiles", params={"by": "document", "download": "csv"}).text
    assert len(list(csv.DictReader(io.StringIO(profiles)))) == 5
    assert client.get("/api/quotes", params={"download": "xml"}).status_code == 422


def test_the_api_docs_are_served_from_here(client: TestClient) -> None:
    docs = client.get("/docs")
    assert (
        docs.status_code == 200 and "default-src 'none'" in docs.headers["content-security-policy"]
    )
    assert 'src="/docs/assets/swagger-ui-bundle.js"' in docs.text and "<script>" not in docs.text
    assert client.get("/docs/assets/swagger-ui-bundle.js").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    assert "/api/quotes" in paths and all(path.startswith("/api/") for path in paths)
    assert client.get("/static/favicon.svg").status_code == 200


def test_the_api_docs_show_what_each_answer_holds(client: TestClient) -> None:
    """Every API answer has its schema, made from the record it gives: the docs list a
    quote's own fields after where it is, and each answer holds exactly its schema's fields."""
    spec = client.get("/openapi.json").json()
    schemas = spec["components"]["schemas"]
    for path, operations in spec["paths"].items():
        answer = operations["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        assert answer.get("$ref") or answer.get("items", {}).get("$ref"), path
    quote = schemas["QuoteRecord"]
    assert list(quote["properties"])[:4] == ["document_id", "outlet", "date", "text"]
    assert quote["properties"]["speaker"]["$ref"].endswith("/Speaker")
    assert set(quote["required"]) == set(quote["properties"])
    assert list(schemas["DocumentRecord"]["properties"])[:2] == ["id", "source"]
    forecast = schemas["Forecast"]["properties"]
    assert {"forecast", "spread", "rounds", "parties", "settled"} <= set(forecast)
    page = client.get("/api/quotes", params={"per_page": 3}).json()
    assert set(page) == set(schemas["QuotesPage"]["properties"])
    assert set(page["quotes"][0]) == set(quote["properties"])
    actor = client.get("/api/actors", params={"per_page": 1}).json()["actors"][0]["id"]
    shown = client.get(f"/api/actors/{actor}").json()
    assert set(shown) == set(schemas["ActorPage"]["properties"])
    for name, address in [
        ("DocumentRecord", f"/api/documents/{_hostile_id(client)}"),
        ("PositionRecord", "/api/positions"),
        ("Profile", "/api/profiles"),
        ("Status", "/api/status"),
    ]:
        answer = client.get(address).json()
        one = answer[0] if isinstance(answer, list) else answer
        assert set(one) == set(schemas[name]["properties"]), name


def test_every_api_answer_holds_to_its_schema(client: TestClient) -> None:
    """Each answer of the API, as served, is an instance of the response model its docs show,
    with no field more (the models forbid any): records and schemas cannot drift apart."""
    actor = client.get("/api/actors", params={"per_page": 1}).json()["actors"][0]["id"]
    filled = {"{document_id}": _hostile_id(client), "{actor_id}": actor}
    routes = [r for r in api.router.routes if isinstance(r, APIRoute)]
    assert len(routes) == 12
    for route in routes:
        address = route.path
        for name, value in filled.items():
            address = address.replace(name, value)
        answer = client.get(address)
        assert answer.status_code == 200, address
        TypeAdapter(route.response_model).validate_python(answer.json())
    with pytest.raises(ValidationError, match="stray"):
        TypeAdapter(schemas.QuotesPage).validate_python(
            {**client.get("/api/quotes").json(), "stray": 1}
        )


def test_a_value_the_data_model_does_not_list_is_still_served(
    db: Path, tmp_path: Path, web_client: WebClient
) -> None:
    """A genre a plug-in stage gave, which the data model does not list, is shown as stored:
    the schema documents the answers, it does not refuse them."""
    copy = tmp_path / "copy.db"
    copy.write_bytes(db.read_bytes())
    with Store(copy) as store:
        store.backend.execute("UPDATE documents SET genre = 'newsletter'")
    served = web_client(create_app(str(copy)))
    document = served.get("/api/documents", params={"outlet": "Wire"}).json()["documents"][0]
    answer = served.get(f"/api/documents/{document['id']}")
    assert answer.status_code == 200 and answer.json()["genre"] == "newsletter"


def test_actors_come_a_page_at_a_time(client: TestClient) -> None:
    first = client.get("/api/actors").json()
    assert first["total"] > 50 and len(first["actors"]) == 50 and first["page"] == 1
    last = client.get("/api/actors", params={"page": first["pages"]}).json()
    assert len(last["actors"]) == first["total"] - 50 * (first["pages"] - 1)
    ids = {a["id"] for a in first["actors"]}
    assert not ids & {a["id"] for a in last["actors"]}
    page = client.get("/actors", params={"page": 2}).text
    assert f"51–100 of {first['total']:,}" in page and 'rel="prev"' in page


def test_uploads_need_the_flag_and_the_token(
    db: Path, tmp_path: Path, web_client: WebClient
) -> None:
    assert web_client(create_app(str(db))).post("/upload").status_code in {404, 405}
    copy = tmp_path / "copy.db"
    copy.write_bytes(db.read_bytes())
    client = web_client(create_app(str(copy), allow_ingest=True, token="let-me-in"))
    upload = {"files": ("note.txt", b"Officials said the talks would resume in Istanbul.")}
    refused = client.post("/upload", files=upload, headers={"Authorization": "Bearer guess"})
    assert refused.status_code == 403
    assert client.post("/upload", files=upload).status_code == 403  # no token at all
    assert "upload token" in client.get("/upload").text  # asks for it first
    assert client.get("/upload", params={"token": "guess"}).status_code == 403
    signed_in = client.get("/upload", params={"token": "let-me-in"})  # the address printed
    assert signed_in.status_code == 200 and 'type="file"' in signed_in.text
    accepted = client.post("/upload", files=upload)  # the token now in the cookie
    assert accepted.status_code == 200 and "note.txt" in accepted.text
    assert client.get("/api/documents").json()["total"] == 6
    (kept,) = (tmp_path / "sayso-uploads").glob("*/note.txt")
    assert kept.read_bytes() == upload["files"][1]


def test_report_is_one_self_contained_file(db: Path, tmp_path: Path) -> None:
    with Store(db) as store:
        path = report.write(store, tmp_path / "report.html")
    html = path.read_text(encoding="utf-8")
    assert "/static/" not in html and "<style>" in html and "addEventListener" in html
    assert HOSTILE not in html and "&lt;script&gt;" in html
    assert 'id="actor-Q7747"' in html and 'href="#actor-Q7747"' in html
    assert html.count('<article class="reader"') == 5
    assert 'id="positions"' in html and 'href="#position-' in html
    # every link inside the file lands (a place in a document is found by the reader's script)
    anchors = set(re.findall(r'id="([^"]+)"', html))
    inside = {link for link in re.findall(r'href="#([^"]+)"', html) if not link.startswith("doc-")}
    assert inside and inside <= anchors
    assert 'id="forecast"' in html and html.count('class="chart forecast-line"') >= 5
    with Store(db) as store:  # complete: every event and claim group, counted right
        events, groups = store.events()[0], group_claims(store.claims())
    assert f"Timeline <small>{events} event(s)" in html and events > 40
    assert html.count('<section class="claim-group">') == len(groups) > 0
    assert "content-visibility: auto" in html  # sections laid out only when seen


def test_uploads_refuse_names_that_are_not_plain_files(
    db: Path, tmp_path: Path, web_client: WebClient
) -> None:
    copy = tmp_path / "copy.db"
    copy.write_bytes(db.read_bytes())
    client = web_client(create_app(str(copy), allow_ingest=True, token="let-me-in"))
    for name in ("..", ".hidden", "a/b.txt"):
        sent = client.post(
            "/upload",
            files={"files": (name, b"Talks resumed.")},
            headers={"Authorization": "Bearer let-me-in"},
        )
        assert sent.status_code in {400, 422}, name
    non_ascii = client.post("/login", data={"token": "Schlüssel"})
    assert non_ascii.status_code == 403


def test_positions_matrix_and_evidence(client: TestClient) -> None:
    matrix = client.get("/positions")
    assert matrix.status_code == 200 and "Russia" in matrix.text and "Ukraine" in matrix.text
    found = client.get("/api/positions", params={"name": "Ukraine"}).json()
    assert found and all(p["name"] == "Ukraine" for p in found)
    cell = found[0]
    evidence = client.get(f"/positions/party/{cell['key']}/{cell['issue']}")
    assert evidence.status_code == 200
    assert cell["evidence"][0]["text"][:40] in evidence.text.replace("&#39;", "'")
    assert "according to" in evidence.text
    actors = client.get("/positions", params={"by": "actor", "party": "Russia"})
    assert actors.status_code == 200 and "Sergey Lavrov" in actors.text
    by_issue = client.get("/positions", params={"sort": "negotiations"})
    assert by_issue.status_code == 200 and 'aria-current="true"' in by_issue.text
    assert client.get("/positions/party/Nowhere/negotiations").status_code == 404
    assert client.get("/positions/planet/Russia/negotiations").status_code == 422


def test_forecasts_page_and_api(client: TestClient) -> None:
    found = client.get("/api/forecast").json()
    positions = client.get("/api/positions").json()
    assert {f["issue"] for f in found} == {p["issue"] for p in positions}
    for forecast in found:
        mine = [p["position"] for p in positions if p["issue"] == forecast["issue"]]
        assert min(mine) <= forecast["forecast"] <= max(mine)
        assert forecast["spread"]["p5"] <= forecast["spread"]["p95"]
    one = client.get("/api/forecast", params={"issue": "negotiations"}).json()
    assert {f["model"] for f in one} == {"compromise", "median", "challenge"}
    page = client.get("/forecast")
    # the challenge model's rounds, each with who moved
    challenged = next(f for f in one if f["model"] == "challenge")
    assert len(challenged["rounds"]) > 1 and 'class="forecast-rounds"' in page.text
    move = challenged["rounds"][1]["moves"][0]
    assert f"{move['party']} {move['kind']}" in page.text
    assert ("unsettled after" in page.text) == (not all(f["settled"] for f in found))
    assert page.status_code == 200 and page.text.count('class="party"') >= len(positions) // 2
    # every party links to the statements its position rests on
    party = one[0]["parties"][0]["party"].replace(" ", "%20")
    assert f'href="/positions/party/{party}/negotiations"' in page.text


def test_source_profiles(client: TestClient) -> None:
    by_outlet = client.get("/api/profiles").json()
    wire = next(p for p in by_outlet if p["name"] == "Wire")
    assert wire["documents"] == 1 and wire["quotes"] >= 1
    page = client.get("/profiles", params={"by": "document"})
    assert page.status_code == 200 and "Source profiles" in page.text
    assert HOSTILE not in page.text
    by_document = client.get("/api/profiles", params={"by": "document"}).json()
    listed = client.get("/api/documents").json()["documents"]
    assert [p["name"] for p in by_document] == [d["id"] for d in listed]  # in date order
    assert "5 document(s)" in page.text and "NBC News · 2023-11-03" in page.text
    outlets = client.get("/profiles").text  # share of voice by type, one colour a type
    assert outlets.count('<rect class="voice-person"') >= 2 and "voice-0" not in outlets
    assert client.get("/profiles", params={"by": "colour"}).status_code == 422


# --- claims compared --------------------------------------------------------------------------

TANKS = "300 against 40, for tanks"


@pytest.fixture(scope="module")
def claims_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two outlets that report the same three things: one figure apart, one negated, one
    with figures that fit; the second's figure claim and title hold a script."""
    folder = tmp_path_factory.mktemp("claims")
    records = [
        {
            "title": "Losses at Avdiivka",
            "outlet": "Wire",
            "date": "2023-11-03",
            "text": "Russia has lost 300 tanks near Avdiivka since October, Ukrainian officials "
            "said. The talks in Geneva may resume next week, diplomats said. Some 9,000 "
            "civilians have been evacuated from Kherson, the regional governor said.",
        },
        {
            "title": f"Tanks {HOSTILE}",
            "outlet": "Courier",
            "date": "2023-11-04",
            "text": f"Russia has lost 40 tanks near Avdiivka since October {HOSTILE}, the "
            "defence ministry said. The talks in Geneva will not resume next week, diplomats "
            "said. About 9,200 civilians have been evacuated from Kherson, aid workers said.",
        },
    ]
    path = folder / "records.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    db = folder / "claims.db"
    with Store(db) as store:
        assert all(not r.errors for r in ingest([str(path)], store, Settings()))
    return db


@pytest.fixture(scope="module")
def claims_client(claims_db: Path, web_client: WebClient) -> TestClient:
    return web_client(create_app(str(claims_db)))


def test_one_measured_quantity_is_charted_source_by_source_over_time(
    claims_client: TestClient,
) -> None:
    page = claims_client.get("/figures?about=tanks")
    assert page.status_code == 200
    assert "Figures of “tanks” <small>2</small>" in page.text
    chart = page.text[page.text.index('<svg class="chart figures"') :]
    chart = chart[: chart.index("</svg>")]
    assert 'aria-label="2 figures (count) against date, by source"' in chart
    assert chart.count("<a href=") == 2  # one point a figure, each a link to its sentence
    for source in ("Ukrainian officials", "defence ministry"):  # who gave each figure
        assert f"tanks, {source}, 2023-11-0" in chart and f"</svg> {source}</li>" in page.text
    assert "2023-11-03" in chart and "2023-11-04" in chart  # the time axis
    api = claims_client.get("/api/figures?about=tanks").json()
    assert sorted(f["value"] for f in api["figures"]) == [40, 300]
    assert claims_client.get("/figures?about=submarines").text.count("<svg") == 0


def test_claims_are_set_side_by_side_with_their_pairs_labelled(claims_client: TestClient) -> None:
    answer = claims_client.get("/api/claims").json()
    assert (answer["total"], answer["page"], answer["pages"]) == (3, 1, 1)
    groups = answer["groups"]
    assert [g["links"][0]["relation"] for g in groups] == ["contradicts", "contradicts", "agrees"]
    tanks = groups[0]
    assert [c["outlet"] for c in tanks["claims"]] == ["Wire", "Courier"]
    (link,) = tanks["links"]
    assert (link["first"], link["second"], link["relation"]) == (0, 1, "contradicts")
    assert link["reason"] == TANKS
    page = claims_client.get("/claims")
    assert page.status_code == 200 and 'href="/claims"' in page.text
    assert f'<li class="relation contradicts">[1] contradicts [2]: {TANKS}</li>' in page.text
    assert page.text.count('<article class="claim">') == 6
    assert "defence ministry <small>(organization)</small>" in page.text
    for claim in tanks["claims"]:  # each claim one click from its place in the reader
        assert f'href="/documents/{claim["document_id"]}#at-{claim["start"]}"' in page.text
    assert '<mark class="figure">300</mark>' in page.text
    assert '<mark class="hedge">may</mark>' in page.text
    assert '<mark class="negation">not</mark>' in page.text


def test_claims_filter_by_relation_and_words(claims_client: TestClient) -> None:
    agreeing = claims_client.get("/api/claims", params={"relation": "agrees"}).json()["groups"]
    assert [g["about"][0] for g in agreeing] == ["civilian"]
    page = claims_client.get("/claims", params={"relation": "agrees"}).text
    assert "9,000 and 9,200 fit, for civilians" in page and TANKS not in page
    assert claims_client.get("/api/claims", params={"relation": "related"}).json()["groups"] == []
    geneva = claims_client.get("/claims", params={"q": "GENEVA"}).text
    assert "talk: resume against not resume" in geneva and TANKS not in geneva
    assert "No claims compared" in claims_client.get("/claims", params={"q": "Mariupol"}).text
    assert claims_client.get("/claims", params={"relation": "colour"}).status_code == 422
    relation = next(
        p
        for p in claims_client.get("/openapi.json").json()["paths"]["/api/claims"]["get"][
            "parameters"
        ]
        if p["name"] == "relation"
    )
    assert "contradicts" in json.dumps(relation["schema"])
    pairs = claims_client.get("/api/claims", params={"q": "GENEVA", "download": "csv"}).text
    rows = list(csv.DictReader(io.StringIO(pairs)))  # a labelled pair a row, both claims in it
    assert rows and rows[0]["relation"] == "contradicts" and rows[0]["first.text"]
    assert rows[0]["reason"] == "talk: resume against not resume" and rows[0]["second.outlet"]


def test_claims_come_a_page_at_a_time(claims_db: Path) -> None:
    with Store(claims_db) as store:
        groups = group_claims(store.claims())
    second = views.claims_page(groups, page=2, per_page=2)
    assert (second.paging.total, second.paging.page, second.paging.pages) == (3, 2, 2)
    assert second.groups == groups[2:] and second.counts["contradicts"] == 2
    assert views.claims_page(groups, page=9, per_page=2).groups == second.groups


def test_claim_text_is_escaped(claims_client: TestClient) -> None:
    page = claims_client.get("/claims").text
    assert HOSTILE not in page and "&lt;script&gt;alert" in page


def test_a_document_page_says_which_layers_were_not_extracted(
    tmp_path: Path, web_client: WebClient
) -> None:
    text = "Kyiv will not talk, Dmitry Peskov said on March 3. Moscow sent 300 troops."
    path = tmp_path / "one.txt"
    path.write_text(text, encoding="utf-8")
    db = tmp_path / "s.db"
    with Store(db) as store:
        list(ingest([str(path)], store, Settings(stages=("metadata", "genre"))))
        doc_id = next(store.documents()).id
    client = web_client(create_app(str(db)))
    page = client.get(f"/documents/{doc_id}").text
    missing = "quotes, entities, quantities, dates, claims, stances"
    assert f"Not extracted: {missing}" in page
    with Store(db) as store:
        list(ingest([str(path)], store))
    assert "Not extracted" not in web_client(create_app(str(db))).get(f"/documents/{doc_id}").text


def test_claims_are_compared_again_when_documents_arrive(
    claims_db: Path, tmp_path: Path, web_client: WebClient
) -> None:
    copy = tmp_path / "copy.db"
    copy.write_bytes(claims_db.read_bytes())
    client = web_client(create_app(str(copy), allow_ingest=True, token="let-me-in"))
    assert client.get("/api/claims", params={"q": "drones"}).json()["groups"] == []
    files = [
        (
            "files",
            (f"{n}.txt", f"Ukraine shot down {n} drones over Odesa, the {who} said.".encode()),
        )
        for n, who in ((12, "air force"), (30, "governor"))
    ]
    sent = client.post("/upload", files=files, headers={"Authorization": "Bearer let-me-in"})
    assert sent.status_code == 200
    (drones,) = client.get("/api/claims", params={"q": "drones"}).json()["groups"]
    assert drones["links"][0]["reason"] == "12 against 30, for drones"


def test_report_compares_claims(claims_db: Path, tmp_path: Path) -> None:
    with Store(claims_db) as store:
        html = report.write(store, tmp_path / "report.html").read_text(encoding="utf-8")
        (tanks, *_) = group_claims(store.claims())
    assert 'id="claims"' in html and 'href="#claims"' in html and TANKS in html
    assert HOSTILE not in html
    for stored in tanks.claims:
        assert f'id="doc-{stored.document_id}"' in html
        assert f'href="#doc-{stored.document_id}-at-{stored.claim.start}"' in html


def test_the_speakers_of_a_document_do_not_share_a_look() -> None:
    """72 speakers, each with a colour and pattern of their own; more are told by number."""
    looks = [views.speaker_look(rank) for rank in range(72)]
    assert len(set(looks)) == 72 and looks[0] == "sp-0 pat-0" and looks[24] == "sp-0 pat-1"
