"""Bytes to text: byte-order marks, encoding detection, and refusing what is not text.

The text returned is the *source text* all offsets refer to: decoded, without a byte-order mark,
with every CRLF or CR line end turned into LF (what Python's ``open()`` gives in text mode).
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from sayso.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Text may hold tabs, newlines and form feeds; much more of the other control characters
# means the bytes were never text, whatever an encoding detector makes of them.
_ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f", "\v"}
# A NUL, which no text means and PostgreSQL cannot store, becomes U+FFFD: one code point for
# one, so offsets still hold.
NO_NUL = {0: "\ufffd"}
_MAX_CONTROL_SHARE = 0.01


def decode_text(data: bytes, source: str) -> str:
    """Decode ``data`` read from ``source``; InputError if it is empty, binary or undecodable."""
    if not data.strip():
        raise InputError(source, "empty file", code="empty")
    text = _decode(data, source)
    if _control_share(text) > _MAX_CONTROL_SHARE:
        raise InputError(source, "binary file, not text", code="binary")
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(NO_NUL)
    if not text.strip():
        raise InputError(source, "empty file (only whitespace)", code="empty")
    return text


def _decode(data: bytes, source: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strictly(data, encoding, source, f"for its {encoding} byte-order mark")
    if b"\x00" in data[:4096]:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise InputError(source, "binary file, not text", code="binary")
        return _strictly(data, utf16, source, f"as {utf16}")
    if _mostly_utf8(data):
        return _strictly(data, "utf-8", source, "in a file that is otherwise UTF-8")
    return _legacy(data, source)


def _strictly(data: bytes, encoding: str, source: str, context: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as err:
        raise InputError(
            source, f"undecodable bytes at offset {err.start} {context}", code="undecodable"
        ) from err


_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


_ASCII = bytes(range(0x80))


def _mostly_utf8(data: bytes) -> bool:
    """ASCII, or bytes above it that nearly all form UTF-8 sequences: UTF-8, perhaps damaged."""
    high = len(data.translate(None, _ASCII))
    in_sequences = sum(len(match) for match in _UTF8_SEQUENCE.findall(data))
    return in_sequences >= 0.8 * high


# Western European news in a legacy code page is most often in Windows-1252; among code pages
# that read a text equally well, that one wins.
_PREFERRED_LEGACY = "cp1252"


def _legacy(data: bytes, source: str) -> str:
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        raise InputError(
            source, "undecodable bytes: not UTF-8 and no other encoding fits", code="undecodable"
        )
    least_chaos = min(m.chaos for m in matches)
    tied = [m for m in matches if m.chaos <= least_chaos + 0.01]
    preferred = [m for m in tied if m.encoding == _PREFERRED_LEGACY]
    return str(preferred[0] if preferred else max(tied, key=lambda m: m.coherence))


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 with no byte-order mark: text in Latin script has a NUL in every other byte."""
    sample = data[:4096]
    half = max(len(sample) // 2, 1)
    even_nuls = sample[0::2].count(0) / half
    odd_nuls = sample[1::2].count(0) / half
    if odd_nuls > 0.6 and even_nuls < 0.1:
        return "utf-16-le"
    if even_nuls > 0.6 and odd_nuls < 0.1:
        return "utf-16-be"
    return None


def _control_share(text: str) -> float:
    sample = text[:20000]
    controls = sum(1 for ch in sample if ch < " " and ch not in _ALLOWED_CONTROLS)
    return controls / max(len(sample), 1)
