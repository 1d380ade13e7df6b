"""Shared fixtures: paths to test data and to ../shared (present in CI beside the clone)."""
from __future__ import annotations

import subprocess
import sys
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


@pytest.fixture(scope="session")
def demos(tmp_path_factory) -> dict[str, Path]:
    """The demo built with the interface in each language (``workshop --lang fr demo`` and
    ``--lang en``), and the one-language certificates cert-fr.pdf / cert-en.pdf (into the
    demo's own registry: the codes are the demo's). Built once per run, for
    test_one_language.py and test_english_spelling.py."""
    workshop = ROOT / "curricula" / "workshops" / "dakar-2019.yaml"
    folders = {lang: tmp_path_factory.mktemp(f"demo-{lang}") for lang in ("fr", "en")}
    running = [subprocess.Popen([sys.executable, "-m", "toolkit", "--lang", lang, "demo",
                                 "--output", str(folder)], cwd=ROOT, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
               for lang, folder in folders.items()]
    for process in running:
        _, err = process.communicate(timeout=900)
        assert process.returncode == 0, err[-3000:]
    for lang, folder in folders.items():
        done = subprocess.run(
            [sys.executable, "-m", "toolkit", "--lang", lang, "certificates", str(workshop),
             "-o", str(folder / f"cert-{lang}.pdf"), "--lang", lang,
             "--registry", str(folder / "certificate-registry.sqlite")],
            cwd=ROOT, capture_output=True, text=True)
        assert done.returncode == 0, done.stderr[-3000:]
    return folders
