"""The documents sayso makes of a gold record, shared by the benchmarks that read the gold
sets of ``bench/gold/``: a record of one of the corpora beside the project, or the dossier."""

from __future__ import annotations

import json
from pathlib import Path

from sayso.ingest import cut
from sayso.ingest.readers import read_source, record_document
from sayso.model import Document
from sayso.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT.parent / "shared" / "data" / "corpora"
DOSSIER = ROOT / "examples" / "dossier.txt"


def documents(corpus: str, line: int) -> list[Document]:
    """The documents sayso makes of a record, with their offsets into it (the dossier, line
    0, is cut into its pieces as ingest cuts it)."""
    if corpus == "dossier":
        return cut(read_source(str(DOSSIER), Settings().max_bytes), Settings())
    with (CORPORA / corpus / "articles.jsonl").open(encoding="utf-8") as lines:
        for n, record in enumerate(lines):
            if n == line:
                return [record_document(f"{corpus}:{line}", json.loads(record))]
    raise SystemExit(f"{corpus} has no line {line}")


def lines_of(corpus: str) -> int:
    """How many records a corpus holds (1 for the dossier)."""
    if corpus == "dossier":
        return 1
    with (CORPORA / corpus / "articles.jsonl").open(encoding="utf-8") as lines:
        return sum(1 for _ in lines)
