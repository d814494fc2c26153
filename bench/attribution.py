"""Attribution benchmark: sayso's quotes stage against PolNeAR's gold, beside textacy.

PolNeAR (Newell, Margolin & Ruths, LREC 2018) annotates attribution relations in 1,008 news
articles: a source, a cue and one or more content spans. A predicted quote is *right* when it
overlaps a gold content (at least half of the prediction lies inside it, or it covers at least
half of it) and its source is right: the predicted mention overlaps the gold source, or the
resolved name shares its last word with it. Gold relations without a source are left out, and
so are predictions that match only them.

Scores printed for each system: *quoted* (recall over gold contents holding a quotation
mark, precision over predicted direct and mixed quotes and turns of a quoted transcript),
*quoted, strict* (the same, where a prediction must cover at least half of the gold content)
and *all* (every relation and every prediction). A prediction is right if it matches any gold
relation. For sayso also: how often the source is right where the gold source is a pronoun
("he said"), of the gold quotes found, and a reliability table of its ``confidence`` (bins of
confidence against the share of predictions in them that are right). textacy's
``direct_quotations`` runs on the same spaCy model in the same run; throughput counts the parse.

    python bench/attribution.py [--split test|dev|train] [--limit N] [--misses K]
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

from sayso import nlp
from sayso.extract.quotes import find_quotes
from sayso.extract.speakers import PRONOUNS
from sayso.model import Quote

ROOT = Path(__file__).resolve().parent.parent
POLNEAR = ROOT.parent / "shared" / "data" / "polnear"
QUOTE_MARK = re.compile(r"[\"“”«»]")
Span = tuple[int, int]


@dataclass(frozen=True)
class Gold:
    contents: tuple[Span, ...]
    source: Span | None
    source_text: str
    quoted: bool


@dataclass(frozen=True)
class Predicted:
    start: int
    end: int
    mention: Span | None
    name: str | None
    quoted: bool
    confidence: float = 1.0


def load(split: str, limit: int | None) -> list[tuple[str, list[Gold]]]:
    articles = []
    with (POLNEAR / f"polnear_{split}.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            golds = []
            for relation in record["quotes"]:
                contents = tuple((c["start"], c["end"]) for c in relation["contents"])
                sources = relation["sources"]
                source = (sources[0]["start"], sources[0]["end"]) if sources else None
                golds.append(
                    Gold(
                        contents,
                        source,
                        sources[0]["text"] if sources else "",
                        any(QUOTE_MARK.search(c["text"]) for c in relation["contents"]),
                    )
                )
            articles.append((record["text"], golds))
            if limit and len(articles) >= limit:
                break
    return articles


def predicted(quote: Quote, text: str) -> Predicted:
    """A quote of sayso's as the benchmark scores it."""
    speaker = quote.speaker
    mention = (
        (speaker.start, speaker.end)
        if speaker.start is not None and speaker.end is not None
        else None
    )
    line_start = text.rfind("\n", 0, quote.start) + 1
    quoted = quote.kind in {"direct", "mixed"} or bool(QUOTE_MARK.match(text[line_start:]))
    return Predicted(quote.start, quote.end, mention, speaker.name, quoted, quote.confidence)


def sayso_predictions(text: str) -> list[Predicted]:
    return [predicted(quote, text) for quote in find_quotes(text)]


def textacy_predictions(text: str) -> list[Predicted]:
    from textacy.extract.triples import direct_quotations

    doc = nlp.load()(text)
    result = []
    try:
        triples = list(direct_quotations(doc))
    except Exception:  # textacy raises on unbalanced quotation marks; count it as no output
        return []
    for triple in triples:
        content = triple.content
        speaker = triple.speaker
        mention = (speaker[0].idx, speaker[-1].idx + len(speaker[-1])) if speaker else None
        name = " ".join(t.text for t in speaker) if speaker else None
        result.append(Predicted(content.start_char, content.end_char, mention, name, True))
    return result


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def content_match(pred: Predicted, gold: Gold, strict: bool = False) -> bool:
    """Whether a prediction is about a gold content: at least half of it lies inside the
    content, or it covers at least half of the content (``strict``: only the latter)."""
    length = max(pred.end - pred.start, 1)
    for content in gold.contents:
        shared = _overlap((pred.start, pred.end), content)
        covers = shared / max(content[1] - content[0], 1) >= 0.5
        if covers or (not strict and shared / length >= 0.5):
            return True
    return False


def judged(pred: Predicted, golds: list[Gold], strict: bool = False) -> bool | None:
    """Whether a prediction is right (it matches a gold relation's content and source);
    None when it matches only relations without a source, which are not scored."""
    matching = [g for g in golds if content_match(pred, g, strict)]
    if matching and all(g.source is None for g in matching):
        return None
    return any(source_match(pred, g) for g in matching)


def source_match(pred: Predicted, gold: Gold) -> bool:
    if gold.source is None:
        return False
    if pred.mention and _overlap(pred.mention, gold.source) > 0:
        return True
    if pred.name:
        last = pred.name.split()[-1].lower()
        return last in re.findall(r"[\w'’-]+", gold.source_text.lower())
    return False


@dataclass
class Score:
    strict: bool = False
    right_predictions: int = 0
    predictions: int = 0
    found_golds: int = 0
    golds: int = 0
    judged: list[tuple[float, bool]] = field(default_factory=list)  # confidence, right

    def add(self, predictions: list[Predicted], golds: list[Gold], every_gold: list[Gold]) -> None:
        """Score ``predictions`` against all relations (a prediction is right if it matches any)
        and find ``golds``, the relations being scored for recall."""
        for pred in predictions:
            right = judged(pred, every_gold, self.strict)
            if right is None:
                continue  # matches only relations without a source: not scored
            self.predictions += 1
            self.right_predictions += right
            self.judged.append((pred.confidence, right))
        for gold in golds:
            if gold.source is None:
                continue
            self.golds += 1
            self.found_golds += any(
                content_match(p, gold, self.strict) and source_match(p, gold) for p in predictions
            )

    @property
    def precision(self) -> float:
        return self.right_predictions / self.predictions if self.predictions else 0.0

    @property
    def recall(self) -> float:
        return self.found_golds / self.golds if self.golds else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Pronouns:
    """Gold quotes whose source is a pronoun: how many were found, and with the right source."""

    found: int = 0
    right: int = 0

    def add(self, predictions: list[Predicted], golds: list[Gold]) -> None:
        for gold in golds:
            if not gold.quoted or gold.source_text.strip().lower() not in PRONOUNS:
                continue
            content = [p for p in predictions if p.quoted and content_match(p, gold)]
            if content:
                self.found += 1
                self.right += any(source_match(p, gold) for p in content)


@dataclass
class Evaluation:
    quoted: Score
    strict: Score
    everything: Score
    pronouns: Pronouns
    rate: float


def evaluate(
    system: Callable[[str], list[Predicted]], articles: Iterable[tuple[str, list[Gold]]]
) -> Evaluation:
    quoted, strict, everything = Score(), Score(strict=True), Score()
    pronouns = Pronouns()
    seconds = 0.0
    count = 0
    for text, golds in articles:
        started = time.perf_counter()
        predictions = system(text)
        seconds += time.perf_counter() - started
        count += 1
        said = [p for p in predictions if p.quoted]
        quoted_golds = [g for g in golds if g.quoted]
        quoted.add(said, quoted_golds, golds)
        strict.add(said, quoted_golds, golds)
        everything.add(predictions, golds, golds)
        pronouns.add(predictions, golds)
    return Evaluation(quoted, strict, everything, pronouns, count / seconds if seconds else 0.0)


def reliability(judged: list[tuple[float, bool]]) -> list[str]:
    """Lines of a reliability table: for each bin of confidence, how many predictions fall in
    it, their mean confidence and the share of them that are right; then the expected
    calibration error (the gap between the two, weighted by the bins' sizes)."""
    edges = [0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01]
    lines = [f"    {'confidence':12}{'quotes':>8}{'mean':>8}{'right':>8}"]
    gap = 0.0
    for low, high in pairwise(edges):
        inside = [(c, r) for c, r in judged if low <= c < high]
        if not inside:
            continue
        mean = sum(c for c, _ in inside) / len(inside)
        share = sum(r for _, r in inside) / len(inside)
        gap += len(inside) * abs(mean - share)
        label = f"{low:.1f}-{min(high, 1.0):.1f}"
        lines.append(f"    {label:12}{len(inside):>8}{mean:>8.3f}{share:>8.3f}")
    lines.append(f"    expected calibration error {gap / max(len(judged), 1):.3f}")
    return lines


def misses(articles: list[tuple[str, list[Gold]]], shown: int) -> None:
    """The most common ways sayso goes wrong on quoted contents, with examples."""
    kinds: Counter[str] = Counter()
    examples: dict[str, list[str]] = {}
    for text, golds in articles:
        predictions = [p for p in sayso_predictions(text) if p.quoted]
        for gold in golds:
            if not gold.quoted or gold.source is None:
                continue
            content = [p for p in predictions if content_match(p, gold)]
            if not content:
                kind = "quote not found"
            elif not any(source_match(p, gold) for p in content):
                kind = "wrong source"
            else:
                continue
            kinds[kind] += 1
            start, end = gold.contents[0]
            detail = (
                f"{text[max(0, start - 80) : end + 80]!r}\n      gold source: {gold.source_text!r}"
            )
            if content:
                named = content[0].name or text[slice(*(content[0].mention or (0, 0)))]
                detail += f"; predicted: {named!r}"
            examples.setdefault(kind, []).append(detail)
        for pred in predictions:
            if not any(content_match(pred, g) for g in golds):
                kinds["quote not in the gold"] += 1
                examples.setdefault("quote not in the gold", []).append(
                    repr(text[pred.start : pred.end][:160])
                )
    for kind, count in kinds.most_common():
        print(f"\n{kind}: {count}")
        for example in examples[kind][:shown]:
            print("   ", example)


def _row(name: str, score: Score) -> str:
    counts = f"{score.right_predictions}/{score.predictions} right"
    counts += f", {score.found_golds}/{score.golds} found"
    return (
        f"  {name:30} P {score.precision:.3f}  R {score.recall:.3f}  F1 {score.f1:.3f}  ({counts})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--split", choices=["train", "dev", "test"], default="test")
    parser.add_argument("--limit", type=int, default=None, help="only the first N articles")
    parser.add_argument(
        "--misses", type=int, default=0, help="show K examples of each kind of miss"
    )
    parser.add_argument("--no-textacy", action="store_true", help="skip the textacy baseline")
    args = parser.parse_args()
    if not POLNEAR.exists():
        raise SystemExit(f"PolNeAR not found at {POLNEAR}")
    articles = load(args.split, args.limit)
    nlp.load()
    systems: dict[str, Callable[[str], list[Predicted]]] = {"sayso": sayso_predictions}
    if not args.no_textacy:
        systems["textacy direct_quotations"] = textacy_predictions
    print(f"PolNeAR {args.split}: {len(articles)} articles, spaCy model {nlp.MODEL}")
    for name, system in systems.items():
        result = evaluate(system, articles)
        print(f"{name}  ({result.rate:.1f} articles/s, parse included)")
        print(_row("quoted contents, right source", result.quoted))
        print(_row("quoted, covering half the gold", result.strict))
        print(_row("all attributions, right source", result.everything))
        if system is sayso_predictions:
            found, right = result.pronouns.found, result.pronouns.right
            print(
                f"  pronoun sources ('he said'), of the gold quotes found: {right}/{found} right"
                f" ({right / max(found, 1):.3f})"
            )
            print("  reliability of confidence, every prediction scored:")
            print("\n".join(reliability(result.everything.judged)))
    if args.misses:
        misses(articles, args.misses)


if __name__ == "__main__":
    main()
