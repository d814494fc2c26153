"""Bytes to text: encodings, byte-order marks, line ends, and what is not text."""

from __future__ import annotations

import codecs

import pytest

from sayso.errors import InputError
from sayso.ingest.decode import decode_text


def test_utf8_with_bom_and_crlf() -> None:
    data = codecs.BOM_UTF8 + "Kyiv — «peace»\r\nsecond line\rthird".encode()
    assert decode_text(data, "a.txt") == "Kyiv — «peace»\nsecond line\nthird"


def test_utf16_with_bom() -> None:
    data = "Зеленський said “no”.\n".encode("utf-16")
    assert decode_text(data, "a.txt") == "Зеленський said “no”.\n"


def test_utf16_without_bom() -> None:
    data = "Officials said the talks would resume in Geneva next week.\n".encode("utf-16-le")
    assert decode_text(data, "a.txt").startswith("Officials said the talks")


def test_legacy_single_byte_encoding() -> None:
    text = "Le ministre a déclaré que la guerre était «\u00a0inévitable\u00a0». " * 5
    assert "déclaré" in decode_text(text.encode("cp1252"), "a.txt")


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"   \n\t\r\n", "empty"),
        (bytes(range(256)) * 40, "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 50, "binary"),
    ],
)
def test_refuses_what_is_not_text(data: bytes, code: str) -> None:
    with pytest.raises(InputError) as caught:
        decode_text(data, "bad.txt")
    assert caught.value.code == code
    assert str(caught.value).startswith("bad.txt: ")
