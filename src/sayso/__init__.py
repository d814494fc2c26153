"""sayso: who said what in conflict coverage, every item linked to its source span.

The Python API mirrors the command line::

    from sayso import Settings, Store, extract, ingest

    for doc in extract(["examples/dossier.txt"]):
        print(doc.genre, doc.title, doc.authors)
"""

from sayso.batch import FileReport, extract, ingest
from sayso.errors import InputError, InputWarning, PipelineError, SaysoError, StoreError
from sayso.model import Document
from sayso.settings import Settings
from sayso.store import Store

__version__ = "0.22.4"

__all__ = [
    "Document",
    "FileReport",
    "InputError",
    "InputWarning",
    "PipelineError",
    "SaysoError",
    "Settings",
    "Store",
    "StoreError",
    "__version__",
    "extract",
    "ingest",
]
