"""Readers: text, HTML, JSON Lines, directories, stdin, and the errors they report."""

from __future__ import annotations

import io
import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from sayso.errors import InputError
from sayso.ingest import read
from sayso.ingest.readers import Source, expand_paths, read_source
from sayso.settings import Settings

LIMIT = 10_000_000


def test_text_file_is_one_trimmed_splittable_document(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text("\n\n  # Heading\nBody text here.\n\n", encoding="utf-8")
    source = read_source(str(path), LIMIT)
    (doc,) = source.documents
    assert source.splittable
    assert doc.text == "# Heading\nBody text here."
    assert "\n\n  # Heading\nBody text here.\n\n"[doc.start : doc.end] == doc.text
    assert len(source.digest) == 64


def test_html_gives_main_text_and_metadata(fixtures: Path) -> None:
    source = read_source(str(fixtures / "article.html"), LIMIT)
    (doc,) = source.documents
    assert not source.splittable
    assert "failed on Tuesday to agree" in doc.text
    assert "Subscribe" not in doc.text and "All rights reserved" not in doc.text
    assert doc.title == "Grain corridor talks stall in Istanbul"
    assert doc.authors == ["Mira Sandoval"]
    assert doc.outlet == "Harbour Gazette"
    assert doc.date == "2023-07-18"
    assert doc.meta["url"] == "https://gazette.example/2023/07/18/grain-corridor"


def test_html_without_an_article_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    with pytest.raises(InputError, match="no article text") as caught:
        read_source(str(path), LIMIT)
    assert caught.value.code == "no-article"


def test_jsonl_records_fields_and_unknown_metadata(tmp_path: Path) -> None:
    path = tmp_path / "export.jsonl"
    records: list[dict[str, Any]] = [
        {
            "id": 7,
            "text": "  Moscow said the talks were over.  ",
            "title": "Talks over",
            "outlet": "Wire",
            "date": "2022-01-25T09:00:00Z",
            "url": "https://wire.example/1",
            "authors": "Ann Lee; Bo Chen",
            "category": "world",
        },
        {"text": "Second record."},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    source = read_source(str(path), LIMIT)
    first, second = source.documents
    assert not source.splittable and not source.errors
    assert first.source_id == "7"
    assert first.text == "Moscow said the talks were over."
    assert records[0]["text"][first.start : first.end] == first.text
    assert (first.title, first.outlet, first.date) == ("Talks over", "Wire", "2022-01-25")
    assert first.authors == ["Ann Lee", "Bo Chen"]
    assert first.meta == {"category": "world", "url": "https://wire.example/1"}
    assert second.source_id is None and second.title is None


def test_a_nul_becomes_a_replacement_character_and_offsets_hold(tmp_path: Path) -> None:
    path = tmp_path / "nul.jsonl"
    record = {
        "text": "Kyiv\u0000 said no. ",
        "title": "A\u0000B",
        "authors": ["Ann\u0000 Lee", None],
    }
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    (doc,) = read_source(str(path), LIMIT).documents
    assert (doc.text, doc.title, doc.authors) == (
        "Kyiv\ufffd said no.",
        "A\ufffdB",
        ["Ann\ufffd Lee"],
    )
    assert (doc.start, doc.end) == (0, len("Kyiv\u0000 said no."))
    text_file = tmp_path / "nul.txt"
    text_file.write_bytes(b"Kyiv said no." + b" " * 5000 + b"\x00 Moscow said yes.")
    (whole,) = read_source(str(text_file), LIMIT).documents
    assert "\x00" not in whole.text and whole.text.endswith("\ufffd Moscow said yes.")


def test_bad_json_lines_are_reported_by_line_and_the_rest_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    lines = ['{"text": "Good one."}', '{"text": "broken', "", '{"title": "no text"}', "[1, 2]"]
    path.write_text("\n".join([*lines, '{"text": "Good two."}']) + "\n", encoding="utf-8")
    source = read_source(str(path), LIMIT)
    assert [d.text for d in source.documents] == ["Good one.", "Good two."]
    messages = [str(e) for e in source.errors]
    assert messages[0].startswith(f"{path}:2: invalid JSON")
    assert messages[1] == f'{path}:4: record has no "text" field'
    assert messages[2] == f"{path}:5: record is an array, not an object"


def test_json_array_and_single_object(tmp_path: Path) -> None:
    array = tmp_path / "many.json"
    array.write_text(json.dumps([{"text": "One."}, {"text": 5}, {"text": "Three."}]))
    source = read_source(str(array), LIMIT)
    assert [d.text for d in source.documents] == ["One.", "Three."]
    assert str(source.errors[0]) == f'{array}: record 2: record\'s "text" is not a string'
    single = tmp_path / "one.json"
    single.write_text(json.dumps({"text": "Only.", "title": "T"}))
    assert read_source(str(single), LIMIT).documents[0].title == "T"


def test_invalid_json_file_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('[\n{"text": "a"},\n{"text": }\n]')
    with pytest.raises(InputError, match=r"broken.json:3: invalid JSON"):
        read_source(str(path), LIMIT)
    pretty = tmp_path / "pretty.json"
    pretty.write_text('{\n  "title": "A",\n  "text": "B"\n  "date": "2023-01-01"\n}\n')
    with pytest.raises(InputError, match=r"pretty.json:4: invalid JSON"):
        read_source(str(pretty), LIMIT)


def test_an_empty_array_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "none.json"
    path.write_text("[]")
    with pytest.raises(InputError, match="holds no records"):
        read_source(str(path), LIMIT)


def test_devices_and_pipes_are_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read_source(str(fifo), LIMIT)
    with pytest.raises(InputError, match="not a regular file"):
        read_source("/dev/zero", LIMIT)


def test_directories_are_walked_in_order_skipping_hidden_and_unknown(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    for name in ["b/z.txt", "a.html", ".git/x.txt", ".hidden.txt", "photo.jpg", "b/c.jsonl"]:
        (tmp_path / name).write_text("x")
    found = list(expand_paths([str(tmp_path)]))
    assert found == [
        str(tmp_path / "a.html"),
        str(tmp_path / "b" / "c.jsonl"),
        str(tmp_path / "b" / "z.txt"),
    ]


def test_missing_path_and_empty_directory_are_errors(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    errors = list(expand_paths([str(tmp_path / "nope.txt"), str(tmp_path / "empty")]))
    assert [e.code for e in errors if isinstance(e, InputError)] == ["not-found", "empty"]
    assert str(errors[0]) == f"{tmp_path / 'nope.txt'}: no such file or directory"


def test_large_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(100_000_000)
    with pytest.raises(InputError, match=r"file is 100.0 MB, over the 50 MB limit") as caught:
        read_source(str(path), 50_000_000)
    assert caught.value.code == "too-large"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b'{"text": "From a pipe.", "id": "p1"}\n', "json"),
        (b'{\n  "text": "Pretty printed.",\n  "id": "p1"\n}\n', "json"),
        (b"<p>An article without its html tag, pasted from a page that was long.</p>", "html"),
        (b"{curly} but plain text", "text"),
    ],
)
def test_stdin_is_sniffed(monkeypatch: pytest.MonkeyPatch, data: bytes, kind: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    source = read_source("-", LIMIT)
    assert source.path == "-"
    if kind == "json":
        assert source.documents[0].source_id == "p1"
    elif kind == "html":
        assert source.documents[0].text.startswith("An article without")
    else:
        assert source.documents[0].text == "{curly} but plain text"


def test_unknown_suffix_sniffs_html(tmp_path: Path, fixtures: Path) -> None:
    path = tmp_path / "page.download"
    path.write_bytes((fixtures / "article.html").read_bytes())
    assert "grain shipments" in read_source(str(path), LIMIT).documents[0].text


def test_read_goes_on_after_a_bad_input(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Fine text.")
    binary = tmp_path / "bad.txt"
    binary.write_bytes(bytes(range(256)) * 10)
    results = list(read([str(binary), str(tmp_path / "missing.txt"), str(good)], Settings()))
    assert [type(r) for r in results] == [InputError, InputError, Source]
