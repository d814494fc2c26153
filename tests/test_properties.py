"""Property tests: readers, decoder and splitter never crash on arbitrary input, and every
offset they return slices back to the text it claims."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sayso.errors import InputError
from sayso.ingest import cut, split_text
from sayso.ingest.decode import decode_text
from sayso.ingest.readers import read_source
from sayso.settings import Settings
from sayso.text import layout

# Text made of the pieces news dumps are made of, so the cues fire as well as random noise.
FRAGMENTS = st.sampled_from(
    [
        "By Ann Lee, Wire, 11/3/23",
        "WASHINGTON — ",
        "Q ",
        "MS. PSAKI: ",
        "Vladimir Putin: ",
        "3:05 P.M. EST",
        "Ted Snider is a columnist at Antiwar.com.",
        "“",
        "”",
        "«",
        '"',
        "said",
        "\n",
        "\n\n",
        "  \n \n",
        "\r\n",
        "Kyiv",
        ".",
        "?",
        "CONCLUSION",
        "Published March 3, 2024",
    ]
)
NEWSY_TEXT = st.lists(st.one_of(FRAGMENTS, st.text(max_size=40)), max_size=60).map("".join)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NEWSY_TEXT)
def test_split_segments_slice_back_in_order(text: str) -> None:
    segments = split_text(text)
    previous_end = 0
    for segment in segments:
        piece = text[segment.start : segment.end]
        assert piece and piece == piece.strip()
        assert previous_end <= segment.start < segment.end <= len(text)
        previous_end = segment.end
    assert bool(segments) == bool(text.strip())


@settings(max_examples=300)
@given(NEWSY_TEXT)
def test_paragraphs_slice_back(text: str) -> None:
    for paragraph in layout.paragraphs(text):
        assert text[paragraph.start : paragraph.end] == paragraph.text


@settings(max_examples=300)
@given(st.binary(max_size=2000))
def test_decoder_returns_text_or_a_clear_error(data: bytes) -> None:
    try:
        text, _ = decode_text(data, "x.txt")
    except InputError as error:
        assert str(error).startswith("x.txt: ")
    else:
        assert "\r" not in text and text.strip()


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.one_of(
            st.text(max_size=50),
            st.builds(
                json.dumps,
                st.dictionaries(
                    st.sampled_from(["text", "id", "title", "date", "authors"]),
                    st.one_of(
                        st.text(max_size=30),
                        st.integers(),
                        st.none(),
                        st.lists(st.text(max_size=5), max_size=3),
                    ),
                ),
            ),
        ),
        max_size=8,
    )
)
def test_jsonl_reader_keeps_good_records_and_names_bad_lines(
    tmp_path: Path, lines: list[str]
) -> None:
    path = tmp_path / "fuzz.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    try:
        source = read_source(str(path), 1_000_000)
    except InputError as failure:
        assert str(failure).startswith(str(path))
        return
    for doc in source.documents:
        assert doc.text and doc.text == doc.text.strip()
    for error in source.errors:
        assert str(error).startswith(f"{path}:")


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(NEWSY_TEXT)
def test_text_reader_and_cut_give_documents_that_slice_the_source(
    tmp_path: Path, text: str
) -> None:
    path = tmp_path / "fuzz.txt"
    path.write_bytes(text.encode("utf-8"))
    try:
        source = read_source(str(path), 1_000_000)
    except InputError as error:
        assert str(error).startswith(f"{path}: ")
        return
    decoded = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "\ufffd")
    for doc in cut(source, Settings()):
        assert decoded[doc.start : doc.end] == doc.text
