"""Positions benchmark: the stances sayso reads against the stance gold set
(``bench/gold/stances.jsonl``, made as ``bench/gold/README.md`` says), on its dev or test
half.

Each gold passage's record (the whole article or briefing, or the example dossier cut into
its pieces) goes through the whole pipeline as ``sayso ingest`` reads it; the stances found
in the passage are then compared with the gold items, each a (passage, holder, issue) with a
side (``for``, ``against`` or ``mixed``):

- **actors**: a gold item is *covered* when sayso finds a stance of the same holder on the
  same issue in the passage (the holder's name, or the gazetteer actor it spells, or the
  state it is); its found side is the side of those stances (``mixed`` when they go both
  ways);
- **parties**: the same, for (passage, party, issue), the gold items of one party joined
  (holders acting for no state left out);
- **coverage** is covered / gold, **precision** right / covered, **accuracy** right / gold;
  **reversed** counts gold ``for`` found ``against`` and the other way round; **found, not in
  the gold** counts the (passage, party, issue) sayso finds that the annotators, who read the
  passages whole, did not give: how much it invents;
- the **dossier**'s parties, found against gold, stance by stance.

    python bench/positions.py [--half dev|test|all] [--round N] [--misses K] [--cache FILE]
        [--likeness none|words|vectors|embeddings] [--thresholds S,W] [--examples-only]

``--cache`` keeps the parsed passages in a file, so that a second run reads only stances
(the same result, faster while the stance rules are tuned).
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, cast

from spacy.tokens import DocBin

from sayso import nlp
from sayso.extract import Pipeline
from sayso.extract.issue_words import IssueMatcher
from sayso.extract.stances import find_stances, issue_matcher
from sayso.gazetteer import Gazetteer
from sayso.gazetteer import load as load_gazetteer
from sayso.issues import Issue, load_issues
from sayso.likeness import KINDS, Kind
from sayso.model import Document, Stance
from sayso.names import fold
from sayso.settings import Settings
from sources import CORPORA, documents

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "bench" / "gold" / "stances.jsonl"

Key = tuple[str, int, str, str]  # (corpus, line, holder or party, issue)
AUTHORS = {"author", "outlet"}  # the gold's holder "author": an op-ed's own voice


def read_all(
    needed: set[tuple[str, int]], cache: Path | None
) -> dict[tuple[str, int], list[Document]]:
    """Every needed record through the pipeline (without stances), each document with its
    parse, which the stances stage then reads."""
    if cache is not None and cache.exists():
        stored = pickle.loads(cache.read_bytes())
        if set(stored["docs"]) >= needed:
            parses = DocBin().from_bytes(stored["parses"]).get_docs(nlp.load().vocab)
            for docs in stored["docs"].values():  # in the order their parses were kept
                for doc in docs:
                    doc.parse = next(parses)
            return {k: v for k, v in stored["docs"].items() if k in needed}
    stages = tuple(s for s in Settings().stages if s != "stances")
    pipeline = Pipeline(Settings(stages=stages))
    read: dict[tuple[str, int], list[Document]] = {}
    for key in sorted(needed):
        read[key] = list(documents(*key))
        for doc in read[key]:
            doc.parse = nlp.parse(doc.text)  # handed to the pipeline, which leaves it there
            pipeline(doc)
    if cache is not None:
        bin_ = DocBin(store_user_data=False)
        for docs in read.values():
            for doc in docs:
                bin_.add(doc.parse)
        # the documents without their parses (``replace`` leaves them out): those are kept
        # in the DocBin
        plain = {key: [replace(doc) for doc in docs] for key, docs in read.items()}
        cache.write_bytes(pickle.dumps({"docs": plain, "parses": bin_.to_bytes()}))
    return read


def side_of(sides: Iterable[str]) -> str:
    found = set(sides)
    return found.pop() if len(found) == 1 else "mixed"  # "mixed" and "for" are mixed too


def holder_names(gold_holder: str, gazetteer: Gazetteer) -> set[str]:
    known = gazetteer.lookup(gold_holder)
    return {fold(gold_holder)} | ({fold(known.name)} if known else set())


def same_holder(said: str | None, names: set[str]) -> bool:
    """The gold holder's name, or a person's surname alone ("Vučić" for Aleksandar Vučić),
    as the attribution benchmark matches speakers."""
    if not said:
        return False
    key = fold(said)
    return key in names or any(
        len(name.split()) >= 2 and key.split()[-1:] == name.split()[-1:] for name in names
    )


def score(
    gold: dict[Key, str], found: dict[Key, str], label: str, misses: list[str]
) -> dict[str, float]:
    covered = [k for k in gold if k in found]
    right = [k for k in covered if found[k] == gold[k]]
    reversed_ = [k for k in covered if {found[k], gold[k]} == {"for", "against"}]
    n = len(gold) or 1
    for key in sorted(set(gold) - set(right)):
        misses.append(f"{label} {key}: gold {gold[key]}, found {found.get(key, '-')}")
    if label == "party":  # an actor the gold names otherwise cannot be told from an invented one
        for key in sorted(set(found) - set(gold)):
            misses.append(f"{label} {key}: not in the gold, found {found[key]}")
    return {
        "gold": len(gold),
        "coverage": len(covered) / n,
        "precision": len(right) / len(covered) if covered else 0.0,
        "accuracy": len(right) / n,
        "reversed": len(reversed_),
        "invented": len(set(found) - set(gold)),
        "found": len(found),
    }


@dataclass
class Compared:
    """The stances read in the gold passages, and the sides found and given, by actor and by
    party."""

    stances: dict[tuple[str, int], list[Stance]]
    actor_gold: dict[Key, str]
    actor_found: dict[Key, str]
    party_gold: dict[Key, str]
    party_found: dict[Key, str]


def compare(
    gold_items: list[dict[str, Any]],
    read: dict[tuple[str, int], list[Document]],
    passages: dict[tuple[str, int], tuple[int, int]],
    issues: list[Issue],
    matcher: IssueMatcher | None,
    gazetteer: Gazetteer,
) -> Compared:
    """Read the stances of each passage and set them beside the gold items."""
    stances: dict[tuple[str, int], list[Stance]] = defaultdict(list)
    for key, docs in read.items():
        low, high = passages[key]
        for doc in docs:
            for stance in find_stances(doc, issues, gazetteer, matcher):
                if low <= doc.start + stance.start < high:
                    stances[key].append(stance)
    actor_gold = {
        (g["corpus"], g["line"], g["holder"], g["issue"]): g["stance"] for g in gold_items
    }
    actor_found: dict[Key, str] = {}
    for corpus, line, holder, issue in actor_gold:
        names = holder_names(holder, gazetteer)
        sides = [
            s.side
            for s in stances[(corpus, line)]
            if s.issue == issue
            and (
                any(same_holder(said, names) for said in (s.holder.name, s.holder.mention))
                or (holder == "author" and s.kind == "own words" and s.source_type in AUTHORS)
            )
        ]
        if sides:
            actor_found[(corpus, line, holder, issue)] = side_of(sides)
    party_sides: dict[Key, list[str]] = defaultdict(list)
    for g in gold_items:
        if g["party"] != "none":
            party_sides[(g["corpus"], g["line"], g["party"], g["issue"])].append(g["stance"])
    party_gold = {k: side_of(v) for k, v in party_sides.items()}
    found_sides: dict[Key, list[str]] = defaultdict(list)
    for (corpus, line), found in stances.items():
        for s in found:
            if s.party is not None:
                found_sides[(corpus, line, s.party, s.issue)].append(s.side)
    party_found = {k: side_of(v) for k, v in found_sides.items()}
    return Compared(stances, actor_gold, actor_found, party_gold, party_found)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--half", choices=["dev", "test", "all"], default="test")
    parser.add_argument(
        "--round",
        type=int,
        help="only the passages of this round (bench/gold/stance_passages.py; 3: the fresh ones)",
    )
    parser.add_argument("--misses", type=int, default=0, help="print K misses of each kind")
    parser.add_argument("--cache", type=Path, help="keep the parsed passages in this file")
    parser.add_argument(
        "--likeness",
        choices=["none", *KINDS],
        default=Settings().likeness or "none",
        help="how sentences like an issue's examples raise it (none: its listed words alone)",
    )
    parser.add_argument(
        "--thresholds", help="the likeness thresholds SENTENCE,WORD (default: the tuned ones)"
    )
    parser.add_argument(
        "--examples-only",
        action="store_true",
        help="read the bundled issues without their listed words: poles and examples alone",
    )
    args = parser.parse_args()
    if not CORPORA.exists():
        raise SystemExit(f"corpora not found at {CORPORA}")
    gold_items = [json.loads(line) for line in GOLD.open(encoding="utf-8")]
    gold_items = [
        g
        for g in gold_items
        if args.half in {"all", g["half"]} and args.round in {None, g["round"]}
    ]
    passages = {(g["corpus"], g["line"]): tuple(g["passage"]) for g in gold_items}
    started = time.perf_counter()
    read = read_all(set(passages), args.cache)
    issues = load_issues()
    if args.examples_only:
        issues = [replace(i, triggers=(), for_cues=(), against_cues=(), terms=()) for i in issues]
    thresholds = (
        cast(tuple[float, float], tuple(float(t) for t in args.thresholds.split(",")))
        if args.thresholds
        else None
    )
    kind = None if args.likeness == "none" else cast(Kind, args.likeness)
    matcher = issue_matcher(issues, kind, thresholds)
    gazetteer = load_gazetteer()
    began = time.perf_counter()
    compared = compare(gold_items, read, passages, issues, matcher, gazetteer)
    stance_seconds = time.perf_counter() - began
    seconds = time.perf_counter() - started
    stances = compared.stances
    actor_gold, actor_found = compared.actor_gold, compared.actor_found
    party_gold, party_found = compared.party_gold, compared.party_found

    actor_misses: list[str] = []
    party_misses: list[str] = []
    results = {
        "actors": score(actor_gold, actor_found, "actor", actor_misses),
        "parties": score(party_gold, party_found, "party", party_misses),
    }
    print(
        f"stances, {args.half} half{f', round {args.round}' if args.round else ''},"
        f" likeness {args.likeness}"
        f"{' (examples alone)' if args.examples_only else ''}: {len(gold_items)} gold items"
        f" over {len(passages)} passages; "
        f"{sum(map(len, stances.values()))} stances found in them"
    )
    print(
        f"{'':10}{'gold':>6}{'coverage':>10}{'precision':>11}{'accuracy':>10}{'reversed':>10}"
        f"{'found, not in the gold':>24}"
    )
    for name, r in results.items():
        # only parties are compared whole: an actor found that the gold names otherwise
        # cannot be told from one the gold lacks
        invented = f"{r['invented']:>14} of {r['found']}" if name == "parties" else f"{'-':>14}"
        print(
            f"{name:10}{r['gold']:>6}{r['coverage']:>10.3f}{r['precision']:>11.3f}"
            f"{r['accuracy']:>10.3f}{r['reversed']:>10}{invented}"
        )
    print("per issue (parties): gold, coverage, precision")
    for shown in issues:
        gold_i = {k: v for k, v in party_gold.items() if k[3] == shown.id}
        found_i = {k: v for k, v in party_found.items() if k[3] == shown.id}
        r = score(gold_i, found_i, "", [])
        print(f"  {shown.id:26}{r['gold']:>5}{r['coverage']:>8.3f}{r['precision']:>8.3f}")
    whole_gold: dict[tuple[str, str], list[str]] = defaultdict(list)
    whole_found: dict[tuple[str, str], list[str]] = defaultdict(list)
    for (corpus, _, party, issue), side in party_gold.items():
        if corpus == "dossier":
            whole_gold[(party, issue)].append(side)
    for (corpus, _, party, issue), side in party_found.items():
        if corpus == "dossier":
            whole_found[(party, issue)].append(side)
    if whole_gold:
        print("the dossier's parties, all its pieces together (gold -> found):")
        for party, issue in sorted(whole_gold):
            gold_side = side_of(whole_gold[(party, issue)])
            found_side = (
                side_of(whole_found[(party, issue)]) if (party, issue) in whole_found else "-"
            )
            print(f"  {party:16}{issue:26}{gold_side:>8} -> {found_side}")
    records = sum(len(d) for d in read.values())
    print(f"{records} documents; stances read in {stance_seconds:.1f} s; all in {seconds:.0f} s")
    if args.misses:
        for line in actor_misses[: args.misses] + party_misses[: args.misses]:
            print("   ", line)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
