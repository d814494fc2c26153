"""Claims benchmark: how sayso compares claims across sources, against the hand-annotated pairs
of ``bench/gold/claim_pairs.jsonl`` (see its README), on the Ukraine-war articles.

Every article of the corpus goes through the whole pipeline. Printed, for the gold pairs of one
half (split by a hash of each pair; the rules were tuned on the development half):

- **found as claims**: how many gold spans the claims stage reports (a claim covers at least
  half of the span);
- **labels**: the relation sayso gives each gold pair (agrees / contradicts / related), with the
  two claims read from exactly the gold spans, against the gold label: accuracy, the accuracy of
  always answering the commonest label, and precision and recall per label;
- **grouped**: how many gold pairs end up in one claim group when the whole corpus is grouped.

    python bench/claims.py [--half dev|test|all] [--misses K] [--cache FILE]

``--cache`` keeps the extracted documents in a JSON Lines file, so that a second run skips the
extraction (delete it after changing a stage).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import time
from collections import Counter
from pathlib import Path

from sayso.analyse.claims import (
    RELATIONS,
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

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "bench" / "gold" / "claim_pairs.jsonl"
CORPUS = ROOT.parent / "shared" / "data" / "corpora" / "ukraine_5country" / "articles.jsonl"


def half(pair: dict[str, dict[str, int]]) -> str:
    key = f"{pair['a']['line']}:{pair['a']['start']}:{pair['b']['line']}:{pair['b']['start']}"
    return "dev" if hashlib.sha256(key.encode()).digest()[0] % 2 == 0 else "test"


def documents(cache: Path | None) -> list[Document]:
    """Every article of the corpus, extracted (or read back from ``cache``)."""
    if cache is not None and cache.exists():
        with cache.open(encoding="utf-8") as lines:
            return [Document.from_dict(json.loads(line)) for line in lines]
    pipeline = Pipeline(Settings())
    found = []
    started = time.perf_counter()
    with CORPUS.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines):
            record = json.loads(line)
            text = record["text"]
            doc = Document(text=text, source=f"line {number}", start=0, end=len(text))
            doc.date = (record.get("date") or "")[:10] or None
            doc.outlet = record.get("outlet")
            found.append(pipeline(doc))
    print(f"extracted {len(found)} articles in {time.perf_counter() - started:.0f} s")
    if cache is not None:
        with cache.open("w", encoding="utf-8") as out:
            for doc in found:
                out.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--half", choices=["dev", "test", "all"], default="test")
    parser.add_argument("--misses", type=int, default=0, help="print K mislabelled pairs")
    parser.add_argument("--cache", type=Path, help="JSON Lines file of extracted articles")
    parser.add_argument(
        "--embeddings", action="store_true", help="compare with sentence embeddings (the extra)"
    )
    args = parser.parse_args()
    if not CORPUS.exists():
        raise SystemExit(f"corpus not found at {CORPUS}")
    pairs = [json.loads(line) for line in GOLD.open(encoding="utf-8")]
    pairs = [p for p in pairs if args.half in {"all", half(p)}]
    docs = documents(args.cache)
    sourced = [
        StoredClaim(str(number), doc.title, doc.outlet, doc.date, claim)
        for number, doc in enumerate(docs)
        for claim in doc.claims
    ]
    weights = TermWeights([s.claim for s in sourced])
    started = time.perf_counter()
    alike: Similarities = (
        EmbeddingSimilarities(sourced) if args.embeddings else WordSimilarities(sourced, weights)
    )
    print(f"similarities of {len(sourced)} claims in {time.perf_counter() - started:.1f} s")

    spans = [pair[side] for pair in pairs for side in ("a", "b")]
    found = sum(_found(docs[s["line"]], s) is not None for s in spans)

    confusion: Counter[tuple[str, str]] = Counter()
    misses = []
    gold_claims = [
        StoredClaim(
            str(pair[side]["line"]),
            None,
            None,
            None,
            claim_at(docs[pair[side]["line"]], pair[side]["start"], pair[side]["end"]),
        )
        for pair in pairs
        for side in ("a", "b")
    ]
    embedded = EmbeddingSimilarities(gold_claims) if args.embeddings else None
    for number, pair in enumerate(pairs):
        a, b = gold_claims[2 * number].claim, gold_claims[2 * number + 1].claim
        score = embedded(2 * number, 2 * number + 1) if embedded else similarity(a, b, weights)
        label, reason = relation(a, b, score, agree=alike.agree, oppose=alike.oppose)
        confusion[(pair["label"], label)] += 1
        if label != pair["label"]:
            misses.append(f"gold {pair['label']}, found {label} ({reason}): {pair['about']}")

    started = time.perf_counter()
    groups = group_claims(sourced, alike)
    seconds = time.perf_counter() - started
    group_of = {}
    for number, group in enumerate(groups):
        for member in group.claims:
            group_of[(member.document_id, member.claim.start)] = number
    grouped = 0
    for pair in pairs:
        start_a = _found(docs[pair["a"]["line"]], pair["a"])
        start_b = _found(docs[pair["b"]["line"]], pair["b"])
        if start_a is None or start_b is None:
            continue
        group_a = group_of.get((str(pair["a"]["line"]), start_a))
        grouped += group_a is not None and group_a == group_of.get(
            (str(pair["b"]["line"]), start_b)
        )

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
        f"  corpus: {len(sourced)} claims in {len(docs)} articles, {len(groups)} groups"
        f" ({seconds:.1f} s to group)"
    )
    for miss in misses[: args.misses]:
        print("   ", miss)


def _found(doc: Document, span: dict[str, int]) -> int | None:
    """The start of the claim covering at least half of ``span``, if the stage found one."""
    for claim in doc.claims:
        overlap = min(claim.end, span["end"]) - max(claim.start, span["start"])
        if overlap * 2 >= span["end"] - span["start"]:
            return claim.start
    return None


if __name__ == "__main__":
    main()
