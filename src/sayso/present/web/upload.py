"""Uploads, only where the app is started with ``allow_ingest``: a form that takes files into
the database, behind a token (the ``Guard`` checks it on every request to ``/upload``)."""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import threading
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, File, Form, HTTPException, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from sayso.batch import FileReport, WorkerPool, ingest
from sayso.errors import StoreError
from sayso.present.guard import TOKEN_COOKIE, same_token
from sayso.present.web.state import render
from sayso.settings import Settings
from sayso.store import Store

_SAFE_NAME = re.compile(r"[\w-][\w .-]{0,200}")  # a plain file name: no folders, not hidden


@dataclass
class Uploads:
    """Where uploads go and how they are ingested. Uploaded files are kept in ``folder``,
    each under a folder named for its content, so that every offset stays checkable against
    the bytes it points into. They are extracted in one worker process, started with the
    first and then kept, so that a file that crashes the pipeline costs that file alone, not
    the server; one upload is ingested at a time, the others wait."""

    db: str
    token: str
    folder: Path
    settings: Settings
    lock: threading.Lock = field(default_factory=threading.Lock)
    extractor: WorkerPool | None = None

    def close(self) -> None:
        if self.extractor is not None:
            self.extractor.close()

    def ingest(self, contents: list[tuple[str, bytes]]) -> list[FileReport]:
        """Each (name, content) kept and ingested; the reports in the same order."""
        with self.lock:
            paths = [_keep(self.folder, name, content) for name, content in contents]
            if self.extractor is None:
                self.extractor = WorkerPool(self.settings, 1)
            try:
                with Store(self.db) as writable:
                    inputs = [str(p) for p in paths]
                    reports = list(ingest(inputs, writable, self.settings, workers=self.extractor))
            except StoreError as error:
                raise HTTPException(503, str(error)) from error
            for path, report in zip(paths, reports, strict=True):
                _drop_if_unused(path, report)
        return reports


def _uploads(request: Request) -> Uploads:
    uploads: Uploads = request.app.state.uploads
    return uploads


Allowed = Annotated[Uploads, Depends(_uploads)]
router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@router.get("/upload", response_model=None)
def upload_form(request: Request, uploads: Allowed, token: str | None = None) -> Response:
    """With ``?token=`` (the address ``sayso serve`` prints), sign in and come back."""
    if token is not None and same_token(token, uploads.token):
        return _signed_in_now(uploads)
    if token is not None:
        return render(request, "upload.html", 403, signed_in=False, refused=True)
    signed_in = same_token(request.cookies.get(TOKEN_COOKIE, ""), uploads.token)
    return render(request, "upload.html", signed_in=signed_in)


@router.post("/login", response_model=None)
def login(request: Request, uploads: Allowed, token: Annotated[str, Form()]) -> Response:
    if same_token(token, uploads.token):
        return _signed_in_now(uploads)
    return render(request, "upload.html", 403, signed_in=False, refused=True)


@router.post("/upload")
def upload(
    request: Request, uploads: Allowed, files: Annotated[list[UploadFile], File()]
) -> HTMLResponse:
    """Files already past the Guard: the token was right and the body not too large."""
    contents = []
    for upload_file in files:
        name = upload_file.filename or ""
        if not _SAFE_NAME.fullmatch(name):
            raise HTTPException(400, f"{name!r} is not a file name sayso accepts")
        contents.append((name, upload_file.file.read()))
    reports = uploads.ingest(contents)
    return render(request, "upload.html", signed_in=True, reports=reports)


def _signed_in_now(uploads: Uploads) -> RedirectResponse:
    """The token is kept in a cookie that this site's own pages alone send back."""
    response = RedirectResponse("/upload", status_code=303)
    response.set_cookie(TOKEN_COOKIE, uploads.token, httponly=True, samesite="strict", path="/")
    return response


def _keep(uploads: Path, name: str, content: bytes) -> Path:
    """Where an upload is kept: in a folder named for its content, so that a file is never
    overwritten (another upload of the same name is another file); written whole or not at
    all."""
    folder = uploads / hashlib.sha256(content).hexdigest()[:16]
    path = folder / name
    if not path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        partial = folder / f".{name}.{secrets.token_hex(4)}.part"
        partial.write_bytes(content)
        os.replace(partial, path)
    return path


def _drop_if_unused(path: Path, report: FileReport) -> None:
    """An upload nothing was stored from (it could not be read) is not kept."""
    if report.unchanged or report.documents:
        return
    path.unlink(missing_ok=True)
    with suppress(OSError):  # the folder still holds another upload of the same content
        path.parent.rmdir()
