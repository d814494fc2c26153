"""Robustness benchmark: odd inputs against prose of the same size (the target: each odd
input within 2x the time of prose, and under 1 GB of memory at 1 MB).

Each input is a text file of about 10 KB, 100 KB and 1 MB, read, cut and extracted as
``sayso extract`` does it, in a fresh process of its own (so that its peak memory is its
own); the time is that of the work, after the model is loaded. Prose is the articles of the
Ukraine-war corpus (``../shared/data``) pasted one after another; the odd inputs are what
hostile or broken files hold: runs of one punctuation mark, labels on every line, one-line
paragraphs, a cue word repeated, quote marks with nothing inside; and random two-letter words,
the densest text in tokens that is still parsed (a run of a few words said again and again is
given sentences but no parse: see ``sayso.nlp``).

    python bench/robustness.py [--sizes 10000,100000,1000000] [--limit SECONDS] [--only NAME]
"""

from __future__ import annotations

import argparse
import json
import random
import string
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT.parent / "shared" / "data" / "corpora" / "ukraine_5country" / "articles.jsonl"


def _repeat(piece: str) -> Callable[[int], str]:
    return lambda size: (piece * (size // len(piece) + 1))[:size]


def _short_words(size: int) -> str:
    """Two-letter words drawn at random: as dense in tokens as text gets while still varied
    enough to be parsed (no run of a few words said again and again)."""
    rng = random.Random(7)
    letters = string.ascii_lowercase
    words = [rng.choice(letters) + rng.choice(letters) for _ in range(size // 3 + 1)]
    return " ".join(words)[:size]


def _dashed_speech(size: int) -> str:
    """Speech set off by dashes, one line of it, each of random two-letter words and given
    to a cue and a name after its closing dash ("- ab cd ef - said Gh."): each closing dash
    makes the quotes stage look back for the dash that opened it."""
    rng = random.Random(11)
    letters = string.ascii_lowercase

    def word() -> str:
        return rng.choice(letters) + rng.choice(letters)

    pieces: list[str] = []
    while sum(map(len, pieces)) <= size:
        said = " ".join(word() for _ in range(rng.randint(3, 9)))
        pieces.append(f"- {said} - said {word().title()}. ")
    return "".join(pieces)[:size]


def _statements(size: int) -> str:
    """Quotes of random words each given to "the statement", which sends the quotes stage
    back through the text for the statement's issuer."""
    rng = random.Random(13)
    letters = string.ascii_lowercase
    pieces: list[str] = []
    while sum(map(len, pieces)) <= size:
        said = " ".join(rng.choice(letters) + rng.choice(letters) for _ in range(6))
        pieces.append(f"“{said},” the statement said. ")
    return "".join(pieces)[:size]


def _prose(size: int) -> str:
    """Articles of the Ukraine-war corpus, one after another as in a pasted dump, none twice
    (a text seen before would be parsed from the cache)."""
    texts = []
    with ARTICLES.open(encoding="utf-8") as lines:
        for line in lines:
            texts.append(json.loads(line)["text"].strip())
            if sum(map(len, texts)) > size:
                break
    return "\n\n".join(texts)[:size]


INPUTS: dict[str, Callable[[int], str]] = {
    "prose": _prose,
    "colons": _repeat(":"),
    "parentheses": _repeat("("),
    "quote marks": _repeat('" '),
    "dashes": _repeat("— "),
    "honorifics": _repeat("MR. "),
    "said": _repeat("said "),
    "open quotes": _repeat("“He said "),
    "labels": _repeat("Spokesman: yes.\n"),
    "one-line paragraphs": _repeat("Talks resumed.\n\n"),
    "curly quotes": _repeat("“ ” "),
    "short quotes": _repeat("“No,” he said: “never.” "),
    "short words": _short_words,
    "dashed speech": _dashed_speech,
    "statements": _statements,
    "newlines": _repeat("\n"),
}

# Run in a fresh process: the work on one file, its time and the process's peak memory.
_ONE = """
import json, sys, time
from sayso import nlp
from sayso.batch import extract
from sayso.settings import Settings
nlp.load()
started = time.perf_counter()
found = list(extract([sys.argv[1]], Settings(), workers=0))
seconds = time.perf_counter() - started
status = dict(line.split(":", 1) for line in open("/proc/self/status"))
peak = int(status["VmHWM"].split()[0]) / 1024
errors = [str(item) for item in found if not hasattr(item, "quotes")]
print(json.dumps({"seconds": seconds, "peak_mb": peak, "errors": errors}))
"""


def measure(text: str, limit: float) -> dict[str, object]:
    with tempfile.NamedTemporaryFile("w", suffix=".txt", encoding="utf-8", delete=False) as f:
        f.write(text)
    try:
        done = subprocess.run(
            [sys.executable, "-c", _ONE, f.name], capture_output=True, text=True, timeout=limit
        )
    except subprocess.TimeoutExpired:
        return {"seconds": None, "peak_mb": None, "errors": [f"over {limit:.0f} s"]}
    finally:
        Path(f.name).unlink()
    if done.returncode != 0:
        return {"seconds": None, "peak_mb": None, "errors": [f"exit {done.returncode}"]}
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--limit", type=float, default=300.0, help="seconds per input at most")
    parser.add_argument("--only", help="only this input (and prose)")
    args = parser.parse_args()
    if not ARTICLES.exists():
        raise SystemExit(f"{ARTICLES} not found: the prose to compare with is read from it")
    sizes = [int(size) for size in args.sizes.split(",")]
    names = [name for name in INPUTS if args.only in (None, name) or name == "prose"]
    print(f"{'input':22}" + "".join(f"{size // 1000:>9} KB        " for size in sizes))
    prose: dict[int, float] = {}
    worst = 0.0
    heaviest = 0.0
    for name in names:
        cells = []
        for size in sizes:
            result = measure(INPUTS[name](size), args.limit)
            seconds, peak = result["seconds"], result["peak_mb"]
            if not isinstance(seconds, float) or not isinstance(peak, float):
                problems = result["errors"]
                assert isinstance(problems, list)
                cells.append(f"{'; '.join(str(p) for p in problems):>22}")
                worst = float("inf")
                continue
            if name == "prose":
                prose[size] = max(seconds, 0.01)
            ratio = seconds / prose[size]
            worst = max(worst, ratio)
            if size >= 1_000_000:
                heaviest = max(heaviest, peak)
            failed = " !" if result["errors"] else ""
            cells.append(f"{seconds:7.1f} s {ratio:4.1f}x {peak:5.0f} MB{failed}")
        print(f"{name:22}" + "  ".join(cells), flush=True)
    print(f"worst time against prose: {worst:.1f}x (target 2x)")
    if heaviest:
        print(f"most memory at 1 MB: {heaviest:.0f} MB (target under 1,024 MB)")
    print("! marks inputs with a document that failed (refused, or over a limit)")


if __name__ == "__main__":
    main()
