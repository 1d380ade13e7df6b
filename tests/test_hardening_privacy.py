"""Personal data: e-mails and phone numbers never leave the roster (DESIGN.md §10).

The whole Dakar 2019 demo is built (`workshop build`) from a copy of curricula/ and surveys/,
then every output is scanned: PDF text (pypdf), XLSX cells (openpyxl), ICS, CSV, ZIP entry
names and file names. The scanner is first shown to find the roster's own e-mails and phones,
so a pass means "none there", not "could not see".
"""
from __future__ import annotations

import hashlib
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pypdf
import pytest
from click.testing import CliRunner

from toolkit.cli import main
from toolkit.responses import read_roster

ROOT = Path(__file__).resolve().parent.parent
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# +221 77 123 45 67, 0022177..., 77 123 45 67, or 8 to 15 digits in a row; not decimals
# (0.0009765625), dates (2019-04-10) or times (09:00).
PHONE = re.compile(r"\+\d{1,3}(?:[ .-]?\d){7,12}"
                   r"|(?<![\d.,:/-])\d{2,3}(?:[ .-]\d{2,3}){3,5}(?![\d.,:])"
                   r"|(?<![\d.,:/-])\d{8,15}(?![\d.,:])")


def texts(path: Path):
    """Every piece of text a person (or a program) can read in ``path``, with its file name."""
    yield path.name
    if path.suffix == ".pdf":
        reader = pypdf.PdfReader(path)
        yield " ".join(str(v) for v in (reader.metadata or {}).values())
        for page in reader.pages:
            yield page.extract_text() or ""
    elif path.suffix == ".xlsx":
        for ws in openpyxl.load_workbook(path, read_only=True).worksheets:
            yield ws.title
            for row in ws.iter_rows(values_only=True):
                yield " | ".join(str(c) for c in row if c is not None)
    elif path.suffix == ".zip":
        with zipfile.ZipFile(path) as zf:
            yield " ".join(zf.namelist())
    elif path.suffix == ".sqlite":  # the certificate registry: every text cell of every table
        import sqlite3

        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = [t for (t,) in db.execute("SELECT name FROM sqlite_master "
                                               "WHERE type = 'table'")]
            for table in tables:
                cursor = db.execute(f'SELECT * FROM "{table}"')
                names = [d[0] for d in cursor.description]
                for row in cursor:
                    # hashes, signatures and keys are hex digests, not text anyone typed:
                    # their digit runs would read as phone numbers
                    yield " | ".join(str(v) for n, v in zip(names, row) if v is not None and
                                     n not in ("prev_hash", "hash", "signature",
                                               "address_hash", "value"))
                    if table == "registry_meta" and row[0] not in ("public_key", "registry_id"):
                        yield str(row[1])
        finally:
            db.close()
    else:
        yield path.read_text(encoding="utf-8", errors="replace")


def findings(path: Path, secrets: set[str]) -> list[str]:
    found = []
    for text in texts(path):
        flat = re.sub(r"\s+", "", text)
        found += [f"{path.name}: e-mail {m.group(0)!r}" for m in EMAIL.finditer(text)]
        found += [f"{path.name}: phone {m.group(0)!r}" for m in PHONE.finditer(text)]
        found += [f"{path.name}: roster value {s!r}" for s in secrets if s in flat]
    return found


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    root = tmp_path_factory.mktemp("dakar")
    shutil.copytree(ROOT / "curricula", root / "curricula")
    shutil.copytree(ROOT / "surveys" / "dakar-2019", root / "surveys" / "dakar-2019")
    inputs = sorted((root / "surveys" / "dakar-2019").glob("*.xlsx"))
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in inputs}
    out = root / "out"
    result = CliRunner().invoke(main, ["build", str(root / "curricula" / "workshops" /
                                                 "dakar-2019.yaml"), "-o", str(out)],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    roster = read_roster(root / "surveys" / "dakar-2019" / "participants.xlsx")
    return root, out, roster, before, result.output


def _secrets(roster) -> set[str]:
    values = set()
    for person in roster:
        if person.email:
            values.add(person.email)
        if person.phone:
            values.add(re.sub(r"\s+", "", person.phone))
    return values


def test_the_scanner_sees_what_it_looks_for(demo):
    root, _, roster, _, _ = demo
    roster_file = root / "surveys" / "dakar-2019" / "participants.xlsx"
    found = findings(roster_file, _secrets(roster))
    assert sum("e-mail" in f for f in found) >= len(roster) > 20
    assert sum("phone" in f for f in found) >= len(roster)


def test_no_output_holds_an_email_or_a_phone_number(demo):
    _, out, roster, _, _ = demo
    outputs = sorted(p for p in out.rglob("*") if p.is_file())
    kinds = {p.suffix for p in outputs}
    assert {".pdf", ".xlsx", ".ics", ".csv", ".zip"} <= kinds
    assert len(outputs) > 25
    leaks = [f for p in outputs for f in findings(p, _secrets(roster))]
    assert leaks == []


def test_the_build_output_and_file_names_hold_no_personal_data(demo):
    _, out, roster, _, said = demo
    names = " ".join(str(p.relative_to(out)) for p in out.rglob("*"))
    assert not EMAIL.search(names) and not EMAIL.search(said)
    assert not any(s in names for s in _secrets(roster))


def test_the_build_never_modifies_its_inputs(demo):
    _, _, _, before, _ = demo
    for path, digest in before.items():
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, path


@pytest.mark.parametrize("text, leaks", [
    ("Contact: awa.diallo@example.org", 1), ("Tél. +221 77 123 45 67", 1),
    ("appelez le 77 123 45 67", 1), ("whatsapp 0022177123456", 1),
    ("score 55.00000000000001, p = 0.0009765625, 2019-04-10 09:00, DKR-08", 0),
])
def test_the_scanner_patterns(tmp_path, text, leaks):
    path = tmp_path / "out.txt"
    path.write_text(text, encoding="utf-8")
    assert len(findings(path, set())) == leaks
