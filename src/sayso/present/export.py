"""Writing documents out: JSON Lines (the full contract), CSV and Parquet (one row a document).

In CSV and Parquet the annotation layers and ``meta`` are JSON text in their own columns, so
every export has the same columns whatever the documents hold.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from typing import TextIO

from sayso.errors import SaysoError
from sayso.model import ROW_COLUMNS, Document, row_schema, to_json


def write(documents: Iterable[Document], path: str, format: str) -> int:
    """Write ``documents`` to the file ``path`` as ``format`` (jsonl, csv or parquet)."""
    if format == "parquet":
        return write_parquet(documents, path)
    writer = write_jsonl if format == "jsonl" else write_csv
    with open(path, "w", encoding="utf-8", newline="") as handle:
        return writer(documents, handle)


def write_jsonl(documents: Iterable[Document], out: TextIO) -> int:
    count = 0
    for doc in documents:
        out.write(to_json(doc.to_dict()) + "\n")
        count += 1
    return count


def write_csv(documents: Iterable[Document], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=ROW_COLUMNS)
    writer.writeheader()
    count = 0
    for doc in documents:
        row = doc.to_row()
        row["authors"] = "; ".join(row["authors"])
        writer.writerow(row)
        count += 1
    return count


def write_parquet(documents: Iterable[Document], path: str) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as err:
        raise SaysoError("Parquet export needs pyarrow: pip install 'sayso[parquet]'") from err
    rows = [doc.to_row() for doc in documents]
    pq.write_table(pa.Table.from_pylist(rows, schema=row_schema()), path)
    return len(rows)
