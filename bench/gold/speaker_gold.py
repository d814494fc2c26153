"""Merge the two annotators' labels of the speakers gold set into ``speakers.jsonl``.

    python bench/gold/speaker_gold.py

A unit is kept where both annotators agree on whether it is a quote and, for a quote, on
how its speaker is mentioned and on who the speaker is (the same words, or the same last
word once a parenthesis is taken off: "Crimea Platform participants (joint statement)");
any other unit is dropped. Prints the agreement.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
LABELS = HERE / "speaker_labels"


def _read(name: str) -> dict[tuple[int, str], dict[str, object]]:
    with (LABELS / name).open(encoding="utf-8") as handle:
        return {(r["line"], r["unit"]): r for r in map(json.loads, handle)}


def _bare(speaker: object) -> str:
    text = re.sub(r"\([^)]*\)", "", str(speaker or "")).lower().replace("’", "'")
    return " ".join(text.split())


def same_speaker(a: object, b: object) -> bool:
    return _bare(a) == _bare(b) or (
        bool(_bare(a)) and _bare(a).split()[-1] == (_bare(b).split() or [""])[-1]
    )


def main() -> None:
    first, second = _read("annotator_a.jsonl"), _read("annotator_b.jsonl")
    sample = subprocess.run(
        [sys.executable, str(HERE / "quote_sample.py")], capture_output=True, text=True, check=True
    )
    units = {(u["line"], u["unit"]): u for u in map(json.loads, sample.stdout.splitlines())}
    assert set(first) == set(second) == set(units), "the labels do not cover the sample"
    n = len(units)
    agreed = sum(first[k]["quote"] == second[k]["quote"] for k in units)
    p_a = sum(bool(first[k]["quote"]) for k in units) / n
    p_b = sum(bool(second[k]["quote"]) for k in units) / n
    chance = p_a * p_b + (1 - p_a) * (1 - p_b)
    both = [k for k in units if first[k]["quote"] and second[k]["quote"]]
    speakers = sum(same_speaker(first[k]["speaker"], second[k]["speaker"]) for k in both)
    mentions = sum(first[k]["mention"] == second[k]["mention"] for k in both)
    kappa = (agreed / n - chance) / (1 - chance)
    print(
        f"{n} units; quote or not: {agreed} agree (kappa {kappa:.2f});"
        f" of {len(both)} quotes for both, speaker agrees on {speakers}, mention on {mentions}"
    )
    kept = 0
    with (HERE / "speakers.jsonl").open("w", encoding="utf-8") as out:
        for key in sorted(units):
            a, b = first[key], second[key]
            if a["quote"] != b["quote"]:
                continue
            if a["quote"] and (
                a["mention"] != b["mention"] or not same_speaker(a["speaker"], b["speaker"])
            ):
                continue
            speaker = a["speaker"] if "(" not in str(a["speaker"]) else b["speaker"]
            record = {
                **units[key],
                "quote": a["quote"],
                "speaker": speaker if a["quote"] else None,
                "mention": a["mention"] if a["quote"] else None,
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            kept += 1
    print(f"kept {kept} units in speakers.jsonl")


if __name__ == "__main__":
    main()
