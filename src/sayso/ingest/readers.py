"""Readers: paths (files, directories, ``-`` for stdin) to whole source texts as Documents.

Each reader returns a ``Source``: the input's digest (for versioning in the store), the documents
it holds before any splitting (one for a text file or an HTML page, one per JSON record), and the
records that could not be read. A problem with the whole input raises InputError instead.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import stat
import sys
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import trafilatura
import trafilatura.settings

from sayso.errors import InputError
from sayso.ingest.decode import NO_NUL, decode_text, visible
from sayso.isodate import to_iso_date
from sayso.model import Document

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".jsonl", ".ndjson", ".json"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES
STDIN = "-"


@dataclass
class Source:
    """What one input gave: whole texts to split (or not) and the records that failed.

    ``lines`` gives, for JSON Lines, the line each document came from, so that a problem met
    later with one of them can name it.
    """

    path: str
    digest: str
    documents: list[Document]
    splittable: bool
    errors: list[InputError] = field(default_factory=list)
    lines: list[int | None] = field(default_factory=list)

    def record(self, index: int) -> int:
        """Which record of the input the ``index``-th document was: its line in JSON Lines,
        its place (from 1) among the records read from a JSON array; 0 for an input that is
        not records (the pieces of a text are told apart by where they start)."""
        if index < len(self.lines):
            return self.lines[index] or index + 1
        return 0


def expand_paths(
    paths: list[str], suffixes: Collection[str] = KNOWN_SUFFIXES
) -> Iterator[str | InputError]:
    """Input paths in order, directories walked recursively (hidden entries and files without
    one of ``suffixes`` skipped, sorted for a stable order); a missing path yields an
    InputError."""
    for path in paths:
        if path == STDIN:
            yield path
        elif os.path.isdir(path):
            found = False
            seen: set[str] = set()
            for root, dirs, files in os.walk(path, followlinks=True):
                real = os.path.realpath(root)
                if real in seen:  # a link back to a folder already walked
                    dirs[:] = []
                    continue
                seen.add(real)
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith(".") and Path(name).suffix.lower() in suffixes:
                        found = True
                        yield os.path.join(root, name)
            if not found:
                yield InputError(
                    path, "directory holds no .txt, .md, .html or .json(l) files", code="empty"
                )
        elif os.path.exists(path):
            yield path
        else:
            yield InputError(path, "no such file or directory", code="not-found")


def read_source(path: str, max_bytes: int) -> Source:
    """Read one file (or stdin) into a Source; raise InputError if it cannot be read at all.
    A warning about how it was read (an encoding mixed with another) comes first among the
    source's errors."""
    data = _read_bytes(path, max_bytes)
    digest = hashlib.sha256(data).hexdigest()
    text, warning = decode_text(data, path)
    warned: list[InputError] = [warning] if warning else []
    kind = _kind(path, text)
    if kind == "json":
        documents, errors, lines = _json_documents(path, text)
        return Source(
            path, digest, documents, splittable=False, errors=warned + errors, lines=lines
        )
    if kind == "html":
        return Source(path, digest, [_html_document(path, text)], splittable=False, errors=warned)
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    whole = Document(text=text[start:end], source=path, start=start, end=end)
    return Source(path, digest, [whole], splittable=True, errors=warned)


def _read_bytes(path: str, max_bytes: int) -> bytes:
    """At most ``max_bytes`` of a regular file or stdin; more is an error, not a long wait."""
    limit = f"over the {max_bytes / 1e6:g} MB limit (raise it with --max-size)"
    if path == STDIN:
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError(path, f"standard input is {limit}", code="too-large")
        return data
    try:
        status = os.stat(path)
        if stat.S_ISDIR(status.st_mode):
            raise InputError(path, "is a directory", code="unreadable")
        if not stat.S_ISREG(status.st_mode):
            raise InputError(
                path, "not a regular file (a device, pipe or socket)", code="unreadable"
            )
        if status.st_size > max_bytes:
            raise InputError(
                path, f"file is {status.st_size / 1e6:.1f} MB, {limit}", code="too-large"
            )
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as err:
        raise InputError(path, f"cannot read: {err.strerror or err}", code="unreadable") from err
    if len(data) > max_bytes:
        raise InputError(path, f"file grew while read, {limit}", code="too-large")
    return data


_HTML_TAG = re.compile(
    r"<(?:html|head|body|article|p|div|h[1-6]|section|main)\b[^>]*>", re.IGNORECASE
)


def _kind(path: str, text: str) -> str:
    """By suffix; stdin and unknown suffixes are sniffed from their text."""
    suffix = Path(path).suffix.lower()
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    head = text[:4096].lstrip()
    if head.startswith("<") and (
        head.lower().startswith(("<!doctype html", "<html")) or _HTML_TAG.search(head)
    ):
        return "html"
    if head.startswith(("{", "[")) and (
        isinstance(_loads(text.split("\n", 1)[0]), (dict, list)) or _loads(text) is not _INVALID
    ):
        return "json"
    return "text"


# --- HTML -------------------------------------------------------------------------------------


_MIN_ARTICLE_WORDS = 8  # fewer is a menu or a stray link, not an article


def _html_document(path: str, html: str) -> Document:
    """The main text and metadata of a web page, via trafilatura."""
    try:
        page = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, favor_precision=True
        )
    except Exception as err:  # trafilatura raises assorted lxml and parser errors
        raise InputError(path, f"HTML could not be parsed: {err}", code="bad-html") from err
    if not isinstance(page, trafilatura.settings.Document):
        raise InputError(path, "HTML page has no article text", code="no-article")
    text = (page.text or "").strip()
    if len(text.split()) < _MIN_ARTICLE_WORDS:
        raise InputError(path, "HTML page has no article text", code="no-article")
    meta = {"url": page.url} if page.url else {}
    if page.description:
        meta["description"] = page.description
    authors = [a.strip() for a in (page.author or "").split(";") if a.strip()]
    return Document(
        text=text,
        source=path,
        start=0,
        end=len(text),
        title=page.title or None,
        authors=authors,
        outlet=page.sitename or None,
        date=to_iso_date(page.date) if page.date else None,
        meta=meta,
    )


# --- JSON -------------------------------------------------------------------------------------

_RECORD_FIELDS = {"text", "id", "title", "outlet", "date", "url", "authors"}


_INVALID = object()
_MAX_INTEGER_DIGITS = 4000  # Python refuses to read longer integers (sys.int_info)
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def parse_json(text: str) -> Any:
    """A JSON value as sayso keeps it: what JSON cannot say exactly is kept as the text it was
    written as (an integer of thousands of digits, a number too large for a float, NaN and
    Infinity, which are not JSON), and a lone surrogate escape ("\\ud800", half of a
    character) is read as U+FFFD, one code point for one. Raises ValueError (JSONDecodeError
    among them) for what is not JSON, or is nested too deeply to read."""
    try:
        value = json.loads(text, parse_int=_integer, parse_float=_real, parse_constant=str)
    except RecursionError as err:
        raise ValueError("nested too deeply") from err
    return _without_lone_surrogates(value)


def _integer(digits: str) -> int | str:
    return int(digits) if len(digits) <= _MAX_INTEGER_DIGITS else digits


def _real(digits: str) -> float | str:
    value = float(digits)
    return value if math.isfinite(value) else digits


def _without_lone_surrogates(value: Any) -> Any:
    """``value`` with each lone surrogate in its strings (keys too) made U+FFFD; walked with
    a stack of its own, since it may be nested as deep as JSON allows."""
    if isinstance(value, str):
        return _LONE_SURROGATE.sub("\ufffd", value)
    stack = [value] if isinstance(value, (dict, list)) else []
    while stack:
        container = stack.pop()
        if isinstance(container, list):
            for index, item in enumerate(container):
                container[index] = _without_in(item, stack)
            continue
        for key in list(container):
            item = _without_in(container.pop(key), stack)
            container[_LONE_SURROGATE.sub("\ufffd", key)] = item
    return value


def _without_in(item: Any, stack: list[Any]) -> Any:
    """One item of a container: a string mended, a container left for the stack."""
    if isinstance(item, str):
        return _LONE_SURROGATE.sub("\ufffd", item)
    if isinstance(item, (dict, list)):
        stack.append(item)
    return item


def _loads(text: str) -> Any:
    """A JSON value, or ``_INVALID``."""
    try:
        return parse_json(text)
    except ValueError:
        return _INVALID


def _json_documents(
    path: str, text: str
) -> tuple[list[Document], list[InputError], list[int | None]]:
    """Records from a JSON array, a single JSON object or JSON Lines; bad records are errors
    that name their line (JSON Lines) or their place in the array."""
    try:
        value = parse_json(text)
    except ValueError as err:
        first_line = text.lstrip().split("\n", 1)[0]
        if _loads(first_line) is _INVALID:
            raise InputError(
                path, f"invalid JSON: {_problem(err)}", code="bad-json", line=_line(err)
            ) from err
        return _json_lines(path, text)
    records = value if isinstance(value, list) else [value]
    if not records:
        raise InputError(path, "the JSON array holds no records", code="empty")
    documents: list[Document] = []
    errors: list[InputError] = []
    for position, record in enumerate(records, start=1):
        try:
            documents.append(record_document(path, record))
        except InputError as err:
            errors.append(InputError(path, f"record {position}: {err.problem}", code=err.code))
    return documents, errors, [None] * len(documents)


def _json_lines(path: str, text: str) -> tuple[list[Document], list[InputError], list[int | None]]:
    documents: list[Document] = []
    errors: list[InputError] = []
    lines: list[int | None] = []
    for number, item in json_lines(path, text.split("\n")):
        if isinstance(item, InputError):
            errors.append(item)
        else:
            documents.append(item)
            lines.append(number)
    return documents, errors, lines


def json_lines(path: str, lines: Iterable[str]) -> Iterator[tuple[int, Document | InputError]]:
    """The record on each line that is not blank, with its line number, or the error that
    names the line; lazily, so that a file can be read a line at a time."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = parse_json(line)
        except ValueError as err:
            column = f" (column {err.colno})" if isinstance(err, json.JSONDecodeError) else ""
            problem = f"invalid JSON: {_problem(err)}{column}"
            yield number, InputError(path, problem, code="bad-json", line=number)
            continue
        try:
            yield number, record_document(path, record)
        except InputError as err:
            yield number, InputError(path, err.problem, code=err.code, line=number)


def _problem(err: ValueError) -> str:
    return err.msg if isinstance(err, json.JSONDecodeError) else str(err)


def _line(err: ValueError) -> int | None:
    return err.lineno if isinstance(err, json.JSONDecodeError) else None


_JSON_TYPES = {dict: "an object", list: "an array", str: "a string", int: "a number"}
_JSON_TYPES.update({float: "a number", bool: "true or false", type(None): "null"})


def record_document(path: str, record: Any) -> Document:
    """The document of one JSON record (an object with a "text" field); InputError if the
    record has none."""
    if not isinstance(record, dict):
        kind = _JSON_TYPES.get(type(record), "not an object")
        raise InputError(path, f"record is {kind}, not an object", code="bad-record")
    text = record.get("text")
    if not isinstance(text, str):
        problem = (
            'record has no "text" field' if text is None else 'record\'s "text" is not a string'
        )
        raise InputError(path, problem, code="bad-record")
    if not text.strip():
        raise InputError(path, 'record\'s "text" is empty', code="empty")
    if not visible(text):
        raise InputError(path, 'record\'s "text" holds only invisible characters', code="empty")
    text = text.translate(NO_NUL)
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    meta = {key: value for key, value in record.items() if key not in _RECORD_FIELDS}
    date = _string(record.get("date"))
    iso = to_iso_date(date) if date else None
    if date and iso is None:
        meta["date_given"] = date
    if record.get("url"):
        meta["url"] = record["url"]
    record_id = record.get("id")
    return Document(
        text=text[start:end],
        source=path,
        start=start,
        end=end,
        source_id=str(record_id).translate(NO_NUL) if record_id is not None else None,
        title=_string(record.get("title")),
        authors=_authors(record.get("authors")),
        outlet=_string(record.get("outlet")),
        date=iso,
        meta=meta,
    )


def _string(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).translate(NO_NUL).strip()
    return text or None


def _authors(value: Any) -> list[str]:
    names = value.replace(";", ",").split(",") if isinstance(value, str) else value
    if not isinstance(names, list):
        return []
    return [name for name in (_string(name) for name in names) if name]
