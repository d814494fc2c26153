"""Claims benchmark: how sayso compares claims across sources, against the hand-labelled pairs
of ``bench/gold/claim_pairs.jsonl`` (see ``bench/gold/CLAIMS.md``): claims from the Ukraine-war
articles, the White House briefings and the dossier.

Every record of the Ukraine corpus and of the briefings, and the dossier's pieces, go through
the whole pipeline. Printed, for the gold pairs of one half (split by a hash of each pair's
id before any rule was tuned; tune on dev, report test):

- **found as claims**: how many gold spans the claims stage reports (a claim covers at least
  half of the span);
- **labels**: the relation sayso gives each gold pair (agrees / contradicts / related), with the
  two claims read from exactly the gold spans, against the gold label: accuracy, the accuracy of
  always answering the commonest label, and precision and recall per label;
- **grouped**: how many gold pairs end up in one claim group when all the claims are grouped.

    python bench/claims.py [--half dev|test|all] [--misses K] [--cache FILE] [--embeddings]

``--cache`` keeps the extracted documents in a JSON Lines file, so that a second run skips the
extraction (delete it after changing a stage).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import time
from collections import Counter
from pathlib import Path
from typing import Any

from sayso import nlp
from sayso.analyse.claims import (
    RELATIONS,
    ClaimGroup,
    Similarities,
    TermWeights,
    WordSimilarities,
    group_claims,
    relation,
    similarity,
)
from sayso.analyse.embeddings import EmbeddingSimilarities
from sayso.extract import Pipeline
from sayso.extract.claims import claim_at
from sayso.model import Document
from sayso.settings import Settings
from sayso.store import StoredClaim
from sources import CORPORA, documents, lines_of

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "bench" / "gold" / "claim_pairs.jsonl"
SOURCES = ("ukraine_5country", "whitehouse_briefings", "dossier")
SAMPLE_SIZE = 100  # contradictions found in the wild, judged by hand

Span = dict[str, Any]  # a gold span: corpus, line, start, end, text
Key = tuple[str, int]  # a record: (corpus, line)


def half(pair: dict[str, Any]) -> str:
    """The pair's half, from its id (itself a hash of its two spans)."""
    return "dev" if hashlib.sha256(pair["id"].encode()).digest()[0] % 2 == 0 else "test"


def extracted(
    cache: Path | None, records: set[Key] | None = None, parsed: bool = False
) -> dict[Key, list[Document]]:
    """The documents of every record of the sources (or of ``records``), extracted (or read
    back from ``cache``, which holds every record, unparsed), by record; with ``parsed``,
    each keeps its parse (for the few records of a pinned subset: the parses of them all
    would not fit in memory)."""
    if cache is not None and cache.exists():
        found: dict[Key, list[Document]] = {}
        with cache.open(encoding="utf-8") as lines:
            for line in lines:
                row = json.loads(line)
                key = (row["corpus"], row["line"])
                found.setdefault(key, []).append(Document.from_dict(row["document"]))
        return found
    pipeline = Pipeline(Settings())
    started = time.perf_counter()
    every = {(corpus, line) for corpus in SOURCES for line in range(lines_of(corpus))}
    wanted = every if records is None else records
    found = {key: list(documents(*key)) for key in sorted(wanted)}
    for docs in found.values():
        for doc in docs:
            if parsed:
                doc.parse = nlp.parse(doc.text)  # handed to the pipeline, which leaves it
            pipeline(doc)
    count = sum(len(docs) for docs in found.values())
    print(f"extracted {count} documents in {time.perf_counter() - started:.0f} s")
    if cache is not None:
        with cache.open("w", encoding="utf-8") as out:
            for (corpus, number), docs in found.items():
                for doc in docs:
                    row = {"corpus": corpus, "line": number, "document": doc.to_dict()}
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return found


def located(span: Span, docs: dict[Key, list[Document]]) -> tuple[str, Document, int, int]:
    """The document that holds a gold span, its id in the comparison, and the span's offsets
    into its text."""
    for doc in docs[(span["corpus"], span["line"])]:
        if doc.start <= span["start"] < doc.start + len(doc.text):
            start, end = span["start"] - doc.start, span["end"] - doc.start
            return document_id(span["corpus"], span["line"], doc), doc, start, end
    raise SystemExit(f"no document of {span['corpus']}:{span['line']} holds {span['text']!r}")


def document_id(corpus: str, line: int, doc: Document) -> str:
    return f"{corpus}:{line}:{doc.start}"


def sourced_claims(docs: dict[Key, list[Document]]) -> list[StoredClaim]:
    """Every claim of the extracted documents, each with the document it is in."""
    return [
        StoredClaim(document_id(corpus, line, doc), doc.title, doc.outlet, doc.date, claim)
        for (corpus, line), record_docs in docs.items()
        for doc in record_docs
        for claim in doc.claims
    ]


def labelled(
    pairs: list[dict[str, Any]],
    spans: list[tuple[str, Document, int, int]],
    weights: TermWeights,
    alike: Similarities,
    embeddings: bool = False,
) -> tuple[Counter[tuple[str, str]], list[str]]:
    """The relation sayso gives each gold pair, its two claims read from exactly its spans
    (``spans``: two a pair, in order): (gold label, label) counted, and each mislabelled
    pair said."""
    gold_claims = [
        StoredClaim(name, doc.title, doc.outlet, doc.date, claim_at(doc, start, end))
        for name, doc, start, end in spans
    ]
    for _, doc, _, _ in spans:
        doc.parse = None  # parsed for these spans alone: not held for the rest of the run
    embedded = EmbeddingSimilarities(gold_claims) if embeddings else None
    confusion: Counter[tuple[str, str]] = Counter()
    misses = []
    for number, pair in enumerate(pairs):
        first, second = gold_claims[2 * number], gold_claims[2 * number + 1]
        a, b = first.claim, second.claim
        score = embedded(2 * number, 2 * number + 1) if embedded else similarity(a, b, weights)
        label, reason = relation(
            a,
            b,
            score,
            agree=alike.agree,
            oppose=alike.oppose,
            published=(first.date, second.date),
        )
        confusion[(pair["label"], label)] += 1
        if label != pair["label"]:
            misses.append(
                f"gold {pair['label']}, found {label} ({reason}):\n      {a.text!r}\n"
                f"      {b.text!r}"
            )
    return confusion, misses


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--half", choices=["dev", "test", "all"], default="test")
    parser.add_argument("--misses", type=int, default=0, help="print K mislabelled pairs")
    parser.add_argument("--cache", type=Path, help="JSON Lines file of extracted documents")
    parser.add_argument(
        "--embeddings", action="store_true", help="compare with sentence embeddings (the extra)"
    )
    parser.add_argument(
        "--sample",
        type=Path,
        help="write SAMPLE_SIZE of the contradictions found between Ukraine-corpus articles,"
        " drawn at random, to this file for judging by hand (bench/gold/wild.py)",
    )
    args = parser.parse_args()
    if not CORPORA.exists():
        raise SystemExit(f"corpora not found at {CORPORA}")
    pairs = [json.loads(line) for line in GOLD.open(encoding="utf-8")]
    pairs = [p for p in pairs if args.half in {"all", half(p)}]
    docs = extracted(args.cache)
    sourced = sourced_claims(docs)
    weights = TermWeights([s.claim for s in sourced])
    started = time.perf_counter()
    alike: Similarities = (
        EmbeddingSimilarities(sourced) if args.embeddings else WordSimilarities(sourced, weights)
    )
    print(f"similarities of {len(sourced)} claims in {time.perf_counter() - started:.1f} s")

    spans = [located(pair[side], docs) for pair in pairs for side in ("a", "b")]
    found = sum(_found(doc, start, end) is not None for _, doc, start, end in spans)
    confusion, misses = labelled(pairs, spans, weights, alike, args.embeddings)

    started = time.perf_counter()
    groups = group_claims(sourced, alike)
    seconds = time.perf_counter() - started
    group_of = {}
    for number, group in enumerate(groups):
        for member in group.claims:
            group_of[(member.document_id, member.claim.start)] = number
    grouped = 0
    for number in range(len(pairs)):
        (name_a, doc_a, start_a, end_a), (name_b, doc_b, start_b, end_b) = spans[
            2 * number : 2 * number + 2
        ]
        claim_a, claim_b = _found(doc_a, start_a, end_a), _found(doc_b, start_b, end_b)
        if claim_a is None or claim_b is None:
            continue
        group_a = group_of.get((name_a, claim_a))
        grouped += group_a is not None and group_a == group_of.get((name_b, claim_b))

    n = len(pairs)
    right = sum(count for (gold, label), count in confusion.items() if gold == label)
    majority = max(Counter(p["label"] for p in pairs).values()) / n
    print(f"claim pairs: {n} ({args.half} half)")
    print(f"  found as claims  {found / len(spans):.3f}  ({found} of {len(spans)} spans)")
    print(f"  labels accuracy  {right / n:.3f}  (always the commonest label: {majority:.3f})")
    for label in RELATIONS:
        predicted = sum(c for (_, found_label), c in confusion.items() if found_label == label)
        gold = sum(c for (g, _), c in confusion.items() if g == label)
        hit = confusion[(label, label)]
        precision = hit / predicted if predicted else 0.0
        recall = hit / gold if gold else 0.0
        print(
            f"    {label:12} P {precision:.3f}  R {recall:.3f}  ({hit} of {gold}; {predicted} said)"
        )
    print(f"  grouped together {grouped / n:.3f}  ({grouped} of {n} pairs)")
    print(
        f"  all sources: {len(sourced)} claims in {len(docs)} records, {len(groups)} groups"
        f" ({seconds:.1f} s to group)"
    )
    for miss in misses[: args.misses]:
        print("   ", miss)
    if args.sample:
        drawn = sampled(groups, SAMPLE_SIZE)
        with args.sample.open("w", encoding="utf-8") as out:
            for row in drawn:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"  wrote {len(drawn)} contradictions found to {args.sample}")


def sampled(groups: list[ClaimGroup], size: int) -> list[dict[str, Any]]:
    """``size`` of the contradictions found between two Ukraine-corpus articles, drawn at
    random (seeded), each with its two spans (offsets into the records) and sayso's reason."""
    found: list[dict[str, Any]] = []
    for group in groups:
        for link in group.links:
            first, second = group.claims[link.first], group.claims[link.second]
            ends = [c.document_id.split(":") for c in (first, second)]
            if link.relation == "contradicts" and all(e[0] == "ukraine_5country" for e in ends):
                found.append(
                    {
                        "id": hashlib.sha256(
                            f"{first.document_id}:{first.claim.start}|"
                            f"{second.document_id}:{second.claim.start}".encode()
                        ).hexdigest()[:10],
                        "a": _span(first),
                        "b": _span(second),
                        "reason": link.reason,
                    }
                )
    found.sort(key=lambda row: str(row["id"]))
    return random.Random(0).sample(found, min(size, len(found)))


def _span(stored: StoredClaim) -> Span:
    corpus, line, start = stored.document_id.split(":")
    return {
        "corpus": corpus,
        "line": int(line),
        "start": int(start) + stored.claim.start,
        "end": int(start) + stored.claim.end,
        "text": stored.claim.text,
    }


def _found(doc: Document, start: int, end: int) -> int | None:
    """The start of the claim covering at least half of ``start:end``, if the stage found one."""
    for claim in doc.claims:
        overlap = min(claim.end, end) - max(claim.start, start)
        if overlap * 2 >= end - start:
            return claim.start
    return None


if __name__ == "__main__":
    main()
