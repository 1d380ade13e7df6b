"""Outputs are safe: no formula runs, no markup is obeyed, no file escapes, no half-written file.

A hostile workshop (titles, questions and choices that start with = + - @ and hold <b>, <font
size=40>, &amp;) and a hostile roster (the same in names and organisations, ids like
"../../x") go through every command that writes a file. Then:

* no cell of any XLSX written is a formula (text is kept as typed, typed as a string), and
  every field of every CSV written is neutralised;
* every PDF shows the markup literally (text extracted with pypdf);
* `certificates --split` writes nothing outside its folder;
* an interrupted certificate run leaves the previous PDF (or none) and no temporary file;
* input files are byte-identical after the run.
"""
from __future__ import annotations

import csv
import hashlib
import re
import zipfile
from pathlib import Path

import openpyxl
import pypdf
import pytest
from click.testing import CliRunner

from toolkit.cli import main
from toolkit.fileio import neutralise_cell

DATA = Path(__file__).resolve().parent / "data"
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# Each starts with a formula character and carries markup reportlab would obey if unescaped.
TITLE = "@SUM(1) Atelier <b>gras</b> & Co"
SESSION = "=1+2 <b>Traite</b> & trafic"
QUESTION = "+33 <i>Quel</i> &amp; élément ?"
CHOICE = "-1 <font size=40>Frontière</font>"
FAMILY = "=HYPERLINK(1) <b>Koffi</b>"
GIVEN = "+Mensah & Fils"
ORG = "@ONG <font size=40>Espoir</font> &amp; Cie"
FUNCTION = "-Chef &lt;b&gt;"
IDS = ("../../evil", "=cmd|' /C calc'!A0", "P03")


def _hostile_workshop(root: Path) -> Path:
    (root / "modules").mkdir()
    (root / "workshops").mkdir()
    module = (DATA / "modules" / "example-protection.yaml").read_text(encoding="utf-8")
    for old, new in (("Traite ou trafic ?", SESSION), ("Trafficking or smuggling?", SESSION),
                     ("Quel élément distingue la traite du trafic illicite de migrants ?",
                      QUESTION),
                     ("Which element distinguishes trafficking from smuggling?", QUESTION),
                     ("Le franchissement d'une frontière", CHOICE),
                     ("Crossing a border", CHOICE)):
        assert old in module
        module = module.replace(old, f"'{new}'")
    (root / "modules" / "example-protection.yaml").write_text(module, encoding="utf-8")
    workshop = (DATA / "workshops" / "example.yaml").read_text(encoding="utf-8")
    for old in ("Atelier d'exemple sur la protection des migrants",
                "Example workshop on migrant protection"):
        workshop = workshop.replace(old, f"'{TITLE}'")
    path = root / "workshops" / "hostile.yaml"
    path.write_text(workshop, encoding="utf-8")
    return path


def _write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Run every writing command on the hostile inputs once; return (inputs, outputs)."""
    root = tmp_path_factory.mktemp("hostile")
    ws = _hostile_workshop(root)
    roster = _write_csv(root / "roster.csv", [
        ["id", "nom", "prénom", "sexe", "organisation", "fonction", "pays", "e-mail"],
        *[[pid, FAMILY, GIVEN, sex, ORG, FUNCTION, "SN", f"p{i}@example.org"]
          for i, (pid, sex) in enumerate(zip(IDS, "FMF"))]])
    attendance = _write_csv(root / "attendance.csv", [
        ["id", "J1 matin", "J1 après-midi", "J2 matin", "J2 après-midi"],
        *[[pid, "x", "x", "x", "x"] for pid in IDS]])
    key = _write_csv(root / "key.csv", [["question", "answer", "choices"],
                                        [QUESTION, "A", "A|B|C"], ["Q2", "B", "A|B|C"]])
    pre = _write_csv(root / "pre.csv", [["id", QUESTION, "Q2"], [IDS[0], "A", "=1+1"],
                                        [IDS[1], "@SUM(A1)", "B"], [IDS[2], "B", "B"],
                                        ["", "A", "B"]])
    post = _write_csv(root / "post.csv", [["id", QUESTION, "Q2"], [IDS[0], "A", "B"],
                                          [IDS[1], "A", "B"], [IDS[2], "A", "-2"]])
    inputs = [ws, ws.parent.parent / "modules" / "example-protection.yaml", roster,
              attendance, key, pre, post]
    before = {p: hashlib.sha256(p.read_bytes()).hexdigest() for p in inputs}
    out = root / "out"
    commands = [
        ["agenda", str(ws), "-o", str(out / "agenda.pdf"), "--xlsx", str(out / "agenda.xlsx"),
         "--ics", str(out / "agenda.ics")],
        ["materials", str(ws), "--participants", str(roster), "-o", str(out / "materials")],
        ["test-form", str(ws), "--stage", "pre", "--xlsform", str(out / "form.xlsx"),
         "--key", str(out / "form-key.csv"), "--pdf", str(out / "paper-test.pdf")],
        ["certificates", str(ws), "--participants", str(roster), "--attendance",
         str(attendance), "-o", str(out / "certificates.pdf"), "--split",
         str(out / "split"), "--registry", str(out / "registry.sqlite")],
        ["certificates", str(ws), "--participants", str(roster), "--attendance",
         str(attendance), "-o", str(out / "certificates2.pdf"), "--registry",
         str(out / "registry2.sqlite")],
        ["registry", "export", str(out / "registry.csv"), "--registry",
         str(out / "registry.sqlite")],
        ["registry", "export", str(out / "registry.xlsx"), "--registry",
         str(out / "registry2.sqlite")],
        ["score", "--key", str(key), "--pre", str(pre), "--post", str(post),
         "--participants", str(roster), "-o", str(out / "scores.xlsx")],
        ["report", "--key", str(key), "--pre", str(pre), "--post", str(post),
         "--participants", str(roster), "-o", str(out / "report.pdf")],
    ]
    for argv in commands:
        result = CliRunner().invoke(main, argv, catch_exceptions=False)
        assert result.exit_code == 0, (argv, result.output)
    return root, before, out


def _files(out: Path, suffix: str) -> list[Path]:
    return sorted(p for p in out.rglob(f"*{suffix}") if p.is_file())


def test_every_output_was_written(built):
    _, _, out = built
    names = {p.name for p in out.rglob("*") if p.is_file()}
    for expected in ("agenda.pdf", "agenda.xlsx", "agenda.ics", "form.xlsx", "form-key.csv",
                     "paper-test.pdf", "certificates.pdf", "registry.csv", "registry.xlsx",
                     "scores.xlsx", "report.pdf", "badges.pdf", "table-tents.pdf"):
        assert expected in names


def _formulas_in_xml(path: Path) -> list[str]:
    """Every <f> element (a formula) in the sheets of an XLSX, read from the XML itself."""
    with zipfile.ZipFile(path) as book:
        return [f"{name}: {m.group(0)[:80]!r}" for name in book.namelist()
                if name.startswith("xl/worksheets/") and name.endswith(".xml")
                for m in re.finditer(rb"<(?:\w+:)?f[ >/][^<]*", book.read(name))]


def test_no_spreadsheet_cell_can_run(built):
    """XLSX: no formula anywhere, every text cell a string. CSV: every field neutralised."""
    _, _, out = built
    checked = hostile = 0
    for path in _files(out, ".xlsx"):
        assert _formulas_in_xml(path) == [], path.name
        wb = openpyxl.load_workbook(path)
        for ws in wb.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str):
                        checked += 1
                        assert cell.data_type == "s", f"{path.name} {cell.coordinate}"
                        hostile += cell.value.startswith(FORMULA_START)
    for path in _files(out, ".csv"):
        with path.open(newline="", encoding="utf-8-sig") as handle:
            for n, row in enumerate(csv.reader(handle), 1):
                for value in row:
                    checked += 1
                    assert not value.startswith(FORMULA_START), f"{path.name}:{n}: {value!r}"
    assert checked > 100 and hostile > 10  # the hostile text is in the workbooks, as text


def _xlsx_cells(out: Path) -> set[str]:
    return {c for path in _files(out, ".xlsx") for ws in openpyxl.load_workbook(path).worksheets
            for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, str)}


@pytest.mark.parametrize("value", [SESSION, TITLE, QUESTION, CHOICE, FAMILY, GIVEN])
def test_hostile_text_reaches_the_workbooks_as_typed_and_the_csv_neutralised(built, value):
    """XLSX cells hold the text exactly (no apostrophe respondents or readers would see)."""
    _, _, out = built
    cells = _xlsx_cells(out)
    assert any(value in c for c in cells)
    assert not any("'" + value in c for c in cells)
    fields = {v for path in _files(out, ".csv")
              for row in csv.reader(path.open(encoding="utf-8-sig")) for v in row}
    assert not any(f.startswith(value) for f in fields)


def test_xlsform_labels_are_written_as_typed(built):
    """Issue 15 point 9: a label starting with - + = @ carries no apostrophe in the form."""
    _, _, out = built
    book = openpyxl.load_workbook(out / "form.xlsx")
    labels = {c for ws in (book["survey"], book["choices"])
              for row in ws.iter_rows(values_only=True) for c in row if isinstance(c, str)}
    assert QUESTION in labels and CHOICE in labels
    assert not any(label.startswith("'") for label in labels)


def test_the_csv_neutralises_what_the_xlsx_keeps_as_text(built):
    _, _, out = built
    fields = {v for row in csv.reader((out / "registry.csv").open(encoding="utf-8-sig"))
              for v in row}
    assert any(f.startswith(neutralise_cell(GIVEN)) for f in fields)
    assert any(c.startswith(GIVEN) for c in _xlsx_cells(out))


def _pdf_text(path: Path) -> str:
    text = "".join(page.extract_text() or "" for page in pypdf.PdfReader(path).pages)
    return re.sub(r"\s+", "", text)


# which hostile strings each PDF must show literally
PDFS = {
    "agenda.pdf": [TITLE, SESSION],
    "materials/facilitator-guide-fr.pdf": [SESSION],
    "materials/handout-fr.pdf": [SESSION],
    "materials/sign-in-sheets.pdf": ["<b>Koffi</b>", ORG, FUNCTION],
    "materials/badges.pdf": ["<b>Koffi</b>", GIVEN],
    "materials/table-tents.pdf": ["<b>Koffi</b>"],
    "paper-test.pdf": [QUESTION, CHOICE],
    "certificates.pdf": ["<b>Koffi</b>", GIVEN],
    "report.pdf": [QUESTION],
}


@pytest.mark.parametrize("name", sorted(PDFS))
def test_markup_prints_literally_in_every_pdf(built, name):
    _, _, out = built
    path = out / name
    if not path.exists():  # materials file names carry the language in some layouts
        path = next(out.rglob(Path(name).name.replace("-fr", "*")))
    text = _pdf_text(path).casefold()  # badges, tents and lists write family names in capitals
    for value in PDFS[name]:
        assert re.sub(r"\s+", "", value).casefold() in text, \
            f"{value!r} not printed literally in {name}"


def test_split_certificates_stay_in_their_folder(built):
    root, before, out = built
    split = out / "split"
    # "../../evil" from out/split would land in root; nothing but the inputs may be there
    beside = {p for p in root.rglob("*") if p.is_file() and out not in p.parents}
    assert beside == set(before)
    assert not list(root.parent.glob("evil*"))
    names = sorted(p.name for p in split.iterdir())
    assert all(re.fullmatch(r"[A-Za-z0-9._-]+", n) for n in names), names
    # no hidden file but the list of the files a run wrote (to clean up after an interrupted one)
    assert all(not n.startswith(".") or n == ".workshop-split.json" for n in names)
    archive = next(split.glob("*.zip"))
    with zipfile.ZipFile(archive) as zf:
        assert all("/" not in n and ".." not in n for n in zf.namelist())
        assert len(zf.namelist()) == len(IDS)


def test_inputs_are_never_modified(built):
    _, before, _ = built
    for path, digest in before.items():
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest, path


def test_no_temporary_file_is_left(built):
    root, _, _ = built
    assert [p for p in root.rglob("*") if p.name.endswith(".part")] == []


class _Stop(KeyboardInterrupt):
    """Raised by the progress callback to simulate Ctrl-C in the middle of a run."""


@pytest.mark.parametrize("after", [1, 2, 4])
def test_interrupted_certificates_leave_the_previous_pdf_or_none(built, tmp_path, after):
    from toolkit.certificates import issue_certificates

    root, _, _ = built
    ws, roster = root / "workshops" / "hostile.yaml", root / "roster.csv"
    attendance = root / "attendance.csv"
    output, split = tmp_path / "certificates.pdf", tmp_path / "split"

    def interrupt(done: int, total: int) -> None:
        if done >= after:
            raise _Stop

    with pytest.raises(_Stop):
        issue_certificates(str(ws), participants=str(roster), attendance=str(attendance),
                           output=str(output), split=str(split),
                           registry=str(tmp_path / "r.sqlite"), progress=interrupt)
    # stopped while drawing the merged PDF: none; stopped later, in --split: the whole PDF
    if after <= len(IDS):
        assert not output.exists()
    else:
        assert len(pypdf.PdfReader(output).pages) == len(IDS)
    issue_certificates(str(ws), participants=str(roster), attendance=str(attendance),
                       output=str(output), registry=str(tmp_path / "r.sqlite"))
    previous = output.read_bytes()
    with pytest.raises(_Stop):
        issue_certificates(str(ws), participants=str(roster), attendance=str(attendance),
                           output=str(output), split=str(split),
                           registry=str(tmp_path / "r.sqlite"), progress=interrupt)
    assert output.read_bytes() == previous  # the old PDF, whole
    assert len(pypdf.PdfReader(output).pages) == len(IDS)
    for pdf in split.glob("*.pdf") if split.exists() else []:
        assert len(pypdf.PdfReader(pdf).pages) == 1  # each split file complete, or absent
    assert [p.name for p in tmp_path.rglob("*") if p.name.endswith(".part")] == []
