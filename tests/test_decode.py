"""Bytes to text: encodings, byte-order marks, line ends, and what is not text."""

from __future__ import annotations

import codecs

import pytest

from sayso.errors import InputError
from sayso.ingest.decode import decode_text


def test_utf8_with_bom_and_crlf() -> None:
    data = codecs.BOM_UTF8 + "Kyiv — «peace»\r\nsecond line\rthird".encode()
    assert decode_text(data, "a.txt") == ("Kyiv — «peace»\nsecond line\nthird", None)


def test_utf16_with_bom() -> None:
    data = "Зеленський said “no”.\n".encode("utf-16")
    assert decode_text(data, "a.txt") == ("Зеленський said “no”.\n", None)


def test_utf16_without_bom() -> None:
    data = "Officials said the talks would resume in Geneva next week.\n".encode("utf-16-le")
    assert decode_text(data, "a.txt")[0].startswith("Officials said the talks")


def test_legacy_single_byte_encoding() -> None:
    text = "Le ministre a déclaré que la guerre était «\u00a0inévitable\u00a0». " * 5
    assert "déclaré" in decode_text(text.encode("cp1252"), "a.txt")[0]


def test_a_file_mixing_utf8_and_latin1_is_read_as_both_and_says_so() -> None:
    pieces = [
        "Zelensky a déclaré: “non”.\n".encode(),
        "Le ministre a déclaré: «non».\n".encode("cp1252"),
    ]
    text, warning = decode_text(b"".join(pieces * 3), "mixed.txt")
    assert text == "Zelensky a déclaré: “non”.\nLe ministre a déclaré: «non».\n" * 3
    assert warning is not None and warning.code == "mixed-encoding"
    assert str(warning).startswith("mixed.txt: mixes UTF-8 with another encoding (from byte ")


def test_a_legacy_text_with_a_pair_that_reads_as_utf8_is_still_legacy() -> None:
    text = "Заявление НАТО» было сделано в понедельник, сказал министр. " * 4
    assert decode_text(text.encode("cp1251"), "ru.txt")[0] == text


def test_a_stray_nul_in_a_short_text_is_no_binary_file() -> None:
    assert decode_text(b"Talks resume\x00 today.", "a.txt") == ("Talks resume\ufffd today.", None)


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "empty"),
        (b"   \n\t\r\n", "empty"),
        ("\u200b\u200d\ufeff \u2060\n\u200e".encode(), "empty"),
        (bytes(range(256)) * 40, "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 50, "binary"),
    ],
)
def test_refuses_what_is_not_text(data: bytes, code: str) -> None:
    with pytest.raises(InputError) as caught:
        decode_text(data, "bad.txt")
    assert caught.value.code == code
    assert str(caught.value).startswith("bad.txt: ")
