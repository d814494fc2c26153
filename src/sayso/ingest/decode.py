"""Bytes to text: byte-order marks, encoding detection, and refusing what is not text.

The text returned is the *source text* all offsets refer to: decoded, without a byte-order mark,
with every CRLF or CR line end turned into LF (what Python's ``open()`` gives in text mode).
"""

from __future__ import annotations

import codecs
import re
import unicodedata

import charset_normalizer

from sayso.errors import InputError, InputWarning

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
_MIN_CONTROLS = 3  # fewer stray control characters than this do not make a file binary


def decode_text(data: bytes, source: str) -> tuple[str, InputWarning | None]:
    """Decode ``data`` read from ``source``, with a warning if it could not be read exactly
    as one encoding; InputError if it is empty, binary or undecodable."""
    if not data.strip():
        raise InputError(source, "empty file", code="empty")
    text, warning = _decode(data, source)
    if _binary(text):
        raise InputError(source, "binary file, not text", code="binary")
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(NO_NUL)
    if not text.strip():
        raise InputError(source, "empty file (only whitespace)", code="empty")
    if not visible(text):
        raise InputError(source, "empty file (only invisible characters)", code="empty")
    return text, warning


def visible(text: str) -> bool:
    """Whether ``text`` holds a character that shows: not a space, a control or a format
    character (a zero-width space, a direction mark, a byte-order mark)."""
    return any(unicodedata.category(ch)[0] not in "ZC" for ch in text)


def _decode(data: bytes, source: str) -> tuple[str, InputWarning | None]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strictly(data, encoding, source, f"for its {encoding} byte-order mark"), None
    if b"\x00" in data[:4096]:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return _strictly(data, utf16, source, f"as {utf16}"), None
        if data[:4096].count(0) >= _MIN_CONTROLS:  # a stray NUL or two is text's (U+FFFD)
            raise InputError(source, "binary file, not text", code="binary")
    if _mostly_utf8(data):
        return _utf8_mixed(data, source)
    return _legacy(data, source), None


def _utf8_mixed(data: bytes, source: str) -> tuple[str, InputWarning | None]:
    """UTF-8; where some bytes are not, they are read as Windows-1252 (a file pasted together
    from UTF-8 and Latin-1 pieces), and a warning says so."""
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as err:
        first = err.start
    text = data.decode("utf-8", errors=_AS_CP1252)
    warning = InputWarning(
        source,
        f"mixes UTF-8 with another encoding (from byte {first}); bytes that are not UTF-8"
        " were read as Windows-1252",
        code="mixed-encoding",
    )
    return text, warning


def _as_cp1252(err: UnicodeError) -> tuple[str, int]:
    assert isinstance(err, UnicodeDecodeError)
    stray = err.object[err.start : err.end]
    return bytes(stray).decode("cp1252", errors="replace"), err.end


_AS_CP1252 = "sayso-as-cp1252"
codecs.register_error(_AS_CP1252, _as_cp1252)


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
    """ASCII, or bytes above it that mostly form UTF-8 sequences: UTF-8, or UTF-8 pasted
    together with pieces in a legacy encoding (a legacy text seldom holds even a few byte
    pairs that read as UTF-8: a capital and a "»" in Windows-1251)."""
    high = len(data.translate(None, _ASCII))
    in_sequences = sum(len(match) for match in _UTF8_SEQUENCE.findall(data))
    return in_sequences >= 0.5 * high


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


def _binary(text: str) -> bool:
    """Control characters that text never holds, more than a stray one or two."""
    sample = text[:20000]
    controls = sum(1 for ch in sample if ch < " " and ch not in _ALLOWED_CONTROLS)
    return controls >= _MIN_CONTROLS and controls / max(len(sample), 1) > _MAX_CONTROL_SHARE
