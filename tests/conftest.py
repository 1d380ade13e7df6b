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


def pytest_terminal_summary(terminalreporter):
    """List what each hostile input did (tests/test_hardening_*.py fill OUTCOMES)."""
    import sys

    for name, module in sorted(sys.modules.items()):
        lines = getattr(module, "OUTCOMES", None) if name.split(".")[-1].startswith(
            "test_hardening") else None
        if lines:
            terminalreporter.section(f"hardening: {name.split('.')[-1]} ({len(lines)} inputs)")
            for line in lines:
                terminalreporter.write_line(line)


@pytest.fixture(autouse=True, scope="session")
def _signing_key_in_a_temporary_folder(tmp_path_factory):
    """The registry's signing key (and what it remembers) never goes to the real home."""
    import os

    folder = tmp_path_factory.mktemp("signing")
    old = os.environ.get("WORKSHOP_SIGNING_KEY")
    os.environ["WORKSHOP_SIGNING_KEY"] = str(folder / "signing-key.pem")
    yield folder
    if old is None:
        os.environ.pop("WORKSHOP_SIGNING_KEY", None)
    else:
        os.environ["WORKSHOP_SIGNING_KEY"] = old
