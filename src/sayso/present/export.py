"""Writing documents out: JSON Lines (the full contract), CSV and Parquet (one row a document);
and any list of records (quotes, events, figures, actors) as CSV or JSON Lines.

In CSV and Parquet the annotation layers and ``meta`` are JSON text in their own columns, so
every export has the same columns whatever the documents hold.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TextIO

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
        row["stages"] = ",".join(row["stages"])
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


def write_records(records: Sequence[Mapping[str, Any]], out: TextIO, format: str) -> int:
    """Write ``records`` (each as the JSON API gives it) as JSON Lines, or as CSV: nested
    records flattened into dotted columns ("speaker.name"), lists as JSON text, the columns
    those of every record, in the order first met."""
    if format == "jsonl":
        for record in records:
            out.write(to_json(record) + "\n")
        return len(records)
    rows = [_flat(record) for record in records]
    columns = list(dict.fromkeys(column for row in rows for column in row))
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    writer.writerows(rows)
    return len(rows)


def _flat(record: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in record.items():
        if isinstance(value, dict):
            flat.update(_flat(value, f"{prefix}{key}."))
        elif isinstance(value, list | tuple):
            flat[prefix + key] = json.dumps(value, ensure_ascii=False, default=str)
        else:
            flat[prefix + key] = value
    return flat
