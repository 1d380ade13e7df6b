"""Shared fixtures: paths to test data and to ../shared (present in CI beside the clone)."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def data_dir() -> Path:
    return DATA


@pytest.fixture
def example_workshop_path() -> Path:
    return DATA / "workshops" / "example.yaml"
