"""Issue 14, everyday friction that hides results (points 11, 19, 20, 22, 23, 24)."""
from __future__ import annotations

import os
import stat

import pytest
from click.testing import CliRunner

from toolkit.cli import main

from conftest import DATA


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


# ---------------------------------------------------------------- 22. umask

@pytest.mark.parametrize("umask, expected", [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_outputs_respect_the_umask(tmp_path, umask, expected):
    from toolkit.fileio import write_bytes_atomic

    old = os.umask(umask)
    try:
        write_bytes_atomic(tmp_path / "a.pdf", b"%PDF")
        result = run("agenda", "dakar-2019", "-o", tmp_path / "agenda.pdf", "--xlsx",
                     tmp_path / "agenda.xlsx")
    finally:
        os.umask(old)
    assert result.exit_code == 0
    for name in ("a.pdf", "agenda.pdf", "agenda.xlsx"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == expected, name


def test_a_replaced_output_keeps_its_mode(tmp_path):
    from toolkit.fileio import write_bytes_atomic

    path = tmp_path / "a.pdf"
    path.write_bytes(b"old")
    path.chmod(0o640)
    write_bytes_atomic(path, b"new")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640 and path.read_bytes() == b"new"


# ---------------------------------------------------------------- 23. plain messages

@pytest.fixture
def tree(tmp_path, monkeypatch):
    import shutil

    shutil.copytree(DATA / "modules", tmp_path / "modules")
    shutil.copytree(DATA / "workshops", tmp_path / "workshops")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _edit(tree, old, new):
    path = tree / "workshops" / "example.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_date_that_does_not_exist_is_called_so(tree):
    _edit(tree, "  start: 2024-03-04 ", "  start: 2027-02-30 ")
    result = run("validate", "workshops")
    assert result.exit_code == 1
    assert ('workshops/example.yaml:23: "start" of dates is 2027-02-30, a date that does not '
            "exist (February 2027 has 28 days); check the day and the month") in result.output
    assert "YYYY-MM-DD" not in result.output


def test_a_wrong_modules_path_says_the_folder_does_not_exist_once(tree):
    _edit(tree, "modules_path: ../modules", "modules_path: ../modulez")
    result = run("validate", "workshops")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines == ['workshops/example.yaml:21: the modules folder "modulez" does not exist; '
                     'modules_path (default "../modules") is relative to the workshop file: '
                     "check it"]


# ---------------------------------------------------------------- 11. base names only

def _email_files(folder):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "key.csv").write_text("question,answer,type\nq1,vrai,true-false\n"
                                    "q2,faux,true-false\n", encoding="utf-8")
    for name, shift in (("pre-test", 0), ("post-test", 1)):
        rows = ["E-mail,q1,q2"] + [f"p{i}@example.org,{'vrai' if (i + shift) % 2 else 'faux'},"
                                   f"{'faux' if shift or i % 3 else 'vrai'}" for i in range(8)]
        rows.append("p3@example.org,vrai,faux")  # a second submission: a duplicate
        rows.append(",vrai,vrai")  # no e-mail: rejected
        (folder / f"{name}.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_pdf_and_xlsx_name_input_files_by_base_name_only(tmp_path, lang):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    from toolkit.app import write_report
    from toolkit.render.xlsx import write_scores_xlsx
    from toolkit.scoring.run import run_scoring

    folder = tmp_path / "Documents" / "Atelier Dakar"
    _email_files(folder)
    inputs = dict(key=folder / "key.csv", pre=folder / "pre-test.csv",
                  post=folder / "post-test.csv")
    pdf = write_report(**inputs, output=tmp_path / "r.pdf", lang=lang)
    text = " ".join(p.extract_text() for p in PdfReader(pdf).pages)
    xlsx = write_scores_xlsx(run_scoring(**inputs), tmp_path / "s.xlsx")
    cells = " ".join(str(c.value) for ws in load_workbook(xlsx) for row in ws.iter_rows()
                     for c in row if c.value is not None)
    assert "pre-test.csv" in text and "post-test.csv" in cells
    for where in (text, cells):
        assert "Documents" not in where and "Atelier Dakar" not in where
        assert str(tmp_path) not in where


# ---------------------------------------------------------------- 19. build prints the notes

def test_build_prints_the_data_notes_of_score_and_writes_notes_txt(tmp_path):
    score = run("score", "dakar-2019")
    assert score.exit_code == 0
    wanted = [line for line in score.stdout.splitlines()
              if line.startswith(("Rejected rows", "Duplicates not counted", "Pre-test only",
                                  "Post-test only", "  "))]
    assert any("row 31" in line for line in wanted)  # the rejected row of the demo
    result = run("build", "dakar-2019", "-o", tmp_path / "out")
    assert result.exit_code == 0
    notes = (tmp_path / "out" / "notes.txt").read_text(encoding="utf-8").splitlines()
    for line in wanted:
        assert line in notes
        assert line.strip() in result.stdout
    assert "Data notes (also in notes.txt):" in result.stdout


# ---------------------------------------------------------------- 20. materials without roster

@pytest.fixture
def dakar_copy(tmp_path):
    import shutil

    from conftest import ROOT

    shutil.copytree(ROOT / "curricula", tmp_path / "curricula")
    shutil.copytree(ROOT / "surveys", tmp_path / "surveys")
    return tmp_path / "curricula" / "workshops" / "dakar-2019.yaml"


def test_materials_without_the_roster_file_makes_what_it_can(dakar_copy, tmp_path):
    (tmp_path / "surveys" / "dakar-2019" / "participants.xlsx").unlink()
    result = run("materials", dakar_copy, "-o", tmp_path / "mat", "--lang", "fr")
    assert result.exit_code == 0, result.output
    made = sorted(p.name for p in (tmp_path / "mat").iterdir())
    assert made == ["facilitator-guide-fr.pdf", "handout-fr.pdf", "sign-in-sheets.pdf"]
    assert ("Skipped badges.pdf, table-tents.pdf: the roster participants.xlsx does not exist "
            "yet") in result.stderr
    built = run("build", dakar_copy, "-o", tmp_path / "out")
    assert built.exit_code == 0, built.output
    assert "skipped materials (fr): badges.pdf, table-tents.pdf" in built.stdout
    assert (tmp_path / "out" / "materials" / "fr" / "facilitator-guide-fr.pdf").is_file()


def test_materials_with_a_mistyped_roster_still_refuses(dakar_copy, tmp_path):
    result = run("materials", dakar_copy, "-o", tmp_path / "mat", "--participants",
                 tmp_path / "nope.xlsx")
    assert result.exit_code == 1 and "nope.xlsx" in result.output


# ---------------------------------------------------------------- 24. participant-code pattern

def _roster(dakar_copy, codes):
    rows = ["Code participant,Nom,Prénom,Sexe,Pays"] + [
        f"{code},Nom{i},Prénom{i},{'F' if i % 2 else 'M'},SN" for i, code in enumerate(codes)]
    roster = dakar_copy.parent / "roster.csv"
    roster.write_text("\n".join(rows) + "\n", encoding="utf-8")
    text = dakar_copy.read_text(encoding="utf-8")
    dakar_copy.write_text(text.replace("participants: ../../surveys/dakar-2019/participants.xlsx",
                                       "participants: roster.csv"), encoding="utf-8")


def _code_row(path):
    from openpyxl import load_workbook

    sheet = load_workbook(path)["survey"]
    rows = list(sheet.iter_rows(values_only=True))
    head = rows[0]
    return next(dict(zip(head, r)) for r in rows if r[head.index("name")] == "participant_code")


def test_xlsform_code_pattern_comes_from_the_roster(dakar_copy, tmp_path):
    import re

    codes = [f"APEM27-{i:03d}" for i in range(1, 25)]
    _roster(dakar_copy, codes)
    result = run("test-form", dakar_copy, "--stage", "pre", "--xlsform", tmp_path / "pre.xlsx")
    assert result.exit_code == 0, result.output
    row = _code_row(tmp_path / "pre.xlsx")
    pattern = re.fullmatch(r"regex\(\., '(.*)'\)", row["constraint"]).group(1)
    assert all(re.search(pattern, c) for c in codes)
    assert all(re.search(pattern, c.lower()) for c in codes)  # typed in lower case
    assert not re.search(pattern, "DKR-01") and not re.search(pattern, "APEM27-1234")
    labels = " ".join(str(v) for k, v in row.items() if k and k.startswith("label"))
    assert "APEM27-001" in labels and "DKR-01" not in labels
    assert run("validate", dakar_copy).exit_code == 0


def test_test_form_and_validate_check_every_roster_code(dakar_copy, tmp_path):
    _roster(dakar_copy, [f"APEM27-{i:03d}" for i in range(1, 9)] + ["APEM27 009"])
    result = run("validate", dakar_copy)
    assert result.exit_code == 1
    assert "1 participant code(s) of roster.csv do not match the test form's pattern" in \
        result.output and "APEM27 009" in result.output
    from toolkit.app import Session
    from toolkit.errors import InputFileError
    from toolkit.participant_codes import form_code_rule

    with pytest.raises(InputFileError, match="APEM27 009"):
        form_code_rule(Session.open(str(dakar_copy)).ws, r"^APEM27-[0-9]{3}$", "APEM27-001")
    with pytest.raises(InputFileError, match="APEM27 009"):  # the form is not written
        Session.open(str(dakar_copy)).test_form("pre", xlsform=tmp_path / "p.xlsx")
    assert not (tmp_path / "p.xlsx").exists()
