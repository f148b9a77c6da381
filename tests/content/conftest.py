from __future__ import annotations

from pathlib import Path

import pytest

from app.content import load
from app.domain.knowledge import Knowledge

CONTENT = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture(scope="session")
def loaded() -> tuple[Knowledge, list]:
    return load(CONTENT)


@pytest.fixture(scope="session")
def knowledge(loaded: tuple[Knowledge, list]) -> Knowledge:
    return loaded[0]
