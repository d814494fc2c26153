"""Readers: paths (files, directories, ``-`` for stdin) to whole source texts as Documents.

Each reader returns a ``Source``: the input's digest (for versioning in the store), the documents
it holds before any splitting (one for a text file or an HTML page, one per JSON record), and the
records that could not be read. A problem with the whole input raises InputError instead.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import trafilatura
import trafilatura.settings

from sayso.errors import InputError
from sayso.ingest.decode import decode_text
from sayso.isodate import to_iso_date
from sayso.model import Document

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".jsonl", ".ndjson", ".json"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES
STDIN = "-"


@dataclass
class Source:
    """What one input gave: whole texts to split (or not) and the records that failed."""

    path: str
    digest: str
    documents: list[Document]
    splittable: bool
    errors: list[InputError] = field(default_factory=list)


def expand_paths(paths: list[str]) -> Iterator[str | InputError]:
    """Input paths in order, directories walked recursively (hidden entries and files of unknown
    type skipped, sorted for a stable order); a missing path yields an InputError."""
    for path in paths:
        if path == STDIN:
            yield path
        elif os.path.isdir(path):
            found = False
            for root, dirs, files in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if not name.startswith(".") and Path(name).suffix.lower() in KNOWN_SUFFIXES:
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
    """Read one file (or stdin) into a Source; raise InputError if it cannot be read at all."""
    data = _read_bytes(path, max_bytes)
    digest = hashlib.sha256(data).hexdigest()
    kind = _kind(path, data)
    if kind == "json":
        documents, errors = _json_documents(path, decode_text(data, path))
        return Source(path, digest, documents, splittable=False, errors=errors)
    if kind == "html":
        return Source(
            path, digest, [_html_document(path, decode_text(data, path))], splittable=False
        )
    text = decode_text(data, path)
    start = len(text) - len(text.lstrip())
    end = len(text.rstrip())
    whole = Document(text=text[start:end], source=path, start=start, end=end)
    return Source(path, digest, [whole], splittable=True)


def _read_bytes(path: str, max_bytes: int) -> bytes:
    limit = f"over the {max_bytes / 1e6:g} MB limit (raise it with --max-size)"
    if path == STDIN:
        data = sys.stdin.buffer.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError(path, f"standard input is {limit}", code="too-large")
        return data
    try:
        size = os.path.getsize(path)
        if size > max_bytes:
            raise InputError(path, f"file is {size / 1e6:.1f} MB, {limit}", code="too-large")
        with open(path, "rb") as handle:
            return handle.read()
    except IsADirectoryError as err:
        raise InputError(path, "is a directory", code="unreadable") from err
    except OSError as err:
        raise InputError(path, f"cannot read: {err.strerror or err}", code="unreadable") from err


def _kind(path: str, data: bytes) -> str:
    """By suffix; stdin and unknown suffixes are sniffed from their first bytes."""
    suffix = Path(path).suffix.lower()
    if suffix in JSON_SUFFIXES:
        return "json"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in TEXT_SUFFIXES:
        return "text"
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")) or (
        head.startswith(b"<") and b"<body" in head
    ):
        return "html"
    if head.startswith((b"{", b"[")):
        first_line = data.split(b"\n", 1)[0]
        try:
            json.loads(first_line if head.startswith(b"{") else data)
            return "json"
        except ValueError:
            pass
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


def _json_documents(path: str, text: str) -> tuple[list[Document], list[InputError]]:
    """Records from JSON Lines, a JSON array or a single JSON object; bad records are errors.

    A bad record's error names its line (JSON Lines) or its position (an array).
    """
    stripped = text.lstrip()
    numbered: list[tuple[int | None, Any]] = []
    errors: list[InputError] = []
    if stripped.startswith("[") or (stripped.startswith("{") and _is_one_json_value(text)):
        try:
            value = json.loads(text)
        except json.JSONDecodeError as err:
            raise InputError(
                path, f"invalid JSON: {err.msg}", code="bad-json", line=err.lineno
            ) from err
        records = value if isinstance(value, list) else [value]
        numbered = [(None, record) for record in records]
    else:
        for number, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            try:
                numbered.append((number, json.loads(line)))
            except json.JSONDecodeError as err:
                problem = f"invalid JSON: {err.msg} (column {err.colno})"
                errors.append(InputError(path, problem, code="bad-json", line=number))
    documents = []
    for position, (line_number, record) in enumerate(numbered, start=1):
        try:
            documents.append(_record_document(path, record))
        except InputError as err:
            if line_number is None:
                err.problem = f"record {position}: {err.problem}"
            err.line = line_number
            errors.append(err)
    return documents, errors


def _is_one_json_value(text: str) -> bool:
    try:
        json.loads(text)
    except json.JSONDecodeError:
        return False
    return True


def _record_document(path: str, record: Any) -> Document:
    if not isinstance(record, dict):
        raise InputError(
            path, f"record is a JSON {type(record).__name__}, not an object", code="bad-record"
        )
    text = record.get("text")
    if not isinstance(text, str):
        problem = (
            'record has no "text" field' if text is None else 'record\'s "text" is not a string'
        )
        raise InputError(path, problem, code="bad-record")
    if not text.strip():
        raise InputError(path, 'record\'s "text" is empty', code="empty")
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
        source_id=str(record_id) if record_id is not None else None,
        title=_string(record.get("title")),
        authors=_authors(record.get("authors")),
        outlet=_string(record.get("outlet")),
        date=iso,
        meta=meta,
    )


def _string(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _authors(value: Any) -> list[str]:
    if isinstance(value, str):
        return [name.strip() for name in value.replace(";", ",").split(",") if name.strip()]
    if isinstance(value, list):
        return [str(name).strip() for name in value if str(name).strip()]
    return []
