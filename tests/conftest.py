"""Shared fixtures: the example dossier, the test fixtures folder, a fresh database."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sayso.store import Store

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DOSSIER = ROOT / "examples" / "dossier.txt"


@pytest.fixture
def dossier_text() -> str:
    return DOSSIER.read_text(encoding="utf-8")


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "test.db") as opened:
        yield opened
