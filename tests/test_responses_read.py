"""responses/read.py and detect.py: every format read as text, hostile files refused."""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from conftest import DATA
from toolkit.errors import InputFileError
from toolkit.responses import read as read_mod
from toolkit.responses.detect import detect_format, drop_hxl_row, time_column
from toolkit.responses.read import cell_text, read_table

SAMPLES = DATA / "samples"


@pytest.mark.parametrize("name, fmt, sheet, delimiter, encoding, rows", [
    ("kobo/pre_labels_fr.xlsx", "kobo", "Pré-test atelier MM Dakar 2025", None, None, 24),
    ("kobo/pre_labels_fr.csv", "kobo", None, ";", "utf-8", 24),
    ("kobo/post_xml_groups.csv", "kobo", None, ";", "utf-8", 23),
    ("other/kobo_resaved_by_french_excel.csv", "kobo", None, ";", "cp1252", 30),
    ("other/google_forms_quiz_en.csv", "google-forms", None, ",", "utf-8", 8),
    ("other/google_forms_quiz_fr.csv", "google-forms", None, ",", "utf-8", 8),
    ("other/ms_forms_quiz.xlsx", "ms-forms", "Sheet1", None, None, 8),
])
def test_samples_read_and_detected(name, fmt, sheet, delimiter, encoding, rows):
    table = read_table(SAMPLES / name)
    assert (detect_format(table.headers), table.sheet, table.delimiter, table.encoding,
            table.n_rows) == (fmt, sheet, delimiter, encoding, rows)
    assert table.row_numbers[0] == 2


def test_typed_xlsx_cells_become_text():
    table = read_table(SAMPLES / "kobo/pre_labels_fr.xlsx")
    first = table.rows[0]
    assert first[0] == "2025-03-10T08:38:37.521"  # datetime -> ISO text
    assert first[2] == "2025-03-10"  # date -> ISO
    assert first[10] == "1"  # 1.0 -> "1"
    assert first[14] == "15"  # typed number 15.0 -> "15"


@pytest.mark.parametrize("value, text", [
    (None, ""), ("007", "007"), (15.0, "15"), (2.5, "2.5"), (True, "TRUE"),
    (dt.datetime(2025, 3, 10, 9, 0), "2025-03-10T09:00:00"), (dt.datetime(2025, 3, 10), "2025-03-10"),
    (dt.date(2025, 3, 10), "2025-03-10"), (412305001.0, "412305001"),
])
def test_cell_text(value, text):
    assert cell_text(value) == text


def test_csv_quoted_newlines_keep_record_rows():
    table = read_table(SAMPLES / "other/kobo_resaved_by_french_excel.csv")
    codes = table.column(table.headers.index("participant_code"))
    assert codes[:3] == ["DKR-01", "DKR-02", "DKR-03"]
    assert len(codes) == 30 and all(c.startswith("DKR-") for c in codes)
    assert table.row_numbers == list(range(2, 32))


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("data, encoding", [
    ("sep=;\r\ncode;q1\r\n007;Vrai\r\n".encode("cp1252"), "utf-8"),
    ("code;q1\r\n007;Élevé\r\n".encode("cp1252"), "cp1252"),
    ("\ufeffcode;q1\r\n007;Élevé\r\n".encode("utf-8"), "utf-8"),
    ("code\tq1\r\n007\tÉlevé\r\n".encode("utf-16"), "utf-16"),
])
def test_french_excel_csv_variants(tmp_path, data, encoding):
    table = read_table(_write(tmp_path, "f.csv", data))
    assert table.headers == ["code", "q1"]
    assert table.rows[0][0] == "007"
    assert table.encoding == encoding


def test_missing_file():
    with pytest.raises(InputFileError, match="nope.xlsx: file not found"):
        read_table("nope.xlsx")


def test_empty_file(tmp_path):
    with pytest.raises(InputFileError, match=r"empty \(0 bytes\)"):
        read_table(_write(tmp_path, "empty.xlsx", b""))
    with pytest.raises(InputFileError, match="no header row"):
        read_table(_write(tmp_path, "blank.csv", b"\r\n\r\n"))


def test_binary_not_a_spreadsheet(tmp_path):
    with pytest.raises(InputFileError, match="not a spreadsheet or a CSV"):
        read_table(_write(tmp_path, "photo.xlsx", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"))


def test_csv_renamed_xlsx_is_read_as_csv_and_said(tmp_path):
    table = read_table(_write(tmp_path, "export.xlsx", b"code,q1\nA-1,b\n"))
    assert table.rows == [["A-1", "b"]]
    assert table.notes == (f"{tmp_path / 'export.xlsx'} is named .xlsx but is a text (CSV) "
                           "file: it was read as CSV.",)


def test_zip_of_something_else(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("readme.txt", "hello")
    with pytest.raises(InputFileError, match="ZIP archive but not a spreadsheet"):
        read_table(_write(tmp_path, "data.xlsx", buf.getvalue()))


def test_password_protected_xlsx(tmp_path):
    data = read_mod.OLE2 + b"\x00" * 500 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 64
    with pytest.raises(InputFileError, match="password-protected.*Remove the password in Excel"):
        read_table(_write(tmp_path, "locked.xlsx", data))


def _xlsx(tmp_path: Path, rows, name="w.xlsx") -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    path = tmp_path / name
    wb.save(path)
    return path


def test_zip_bomb_ratio_refused(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"\x00" * (4 * 1024 * 1024))
    with pytest.raises(InputFileError, match="compressed more than 100:1"):
        read_table(_write(tmp_path, "bomb.xlsx", buf.getvalue()))


def test_zip_bomb_total_size_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(read_mod, "MAX_UNCOMPRESSED", 1000)
    path = _xlsx(tmp_path, [["code"], ["A"]])
    with pytest.raises(InputFileError, match="over the 0 MB limit"):
        read_table(path)


def test_xml_entity_bomb_refused(tmp_path):
    src = _xlsx(tmp_path, [["code", "q1"], ["A", "lol"]])  # the bomb would go in the sheet XML
    bomb = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
            '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>')
    out = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = bomb.encode() + (data.split(b"?>", 1)[1] if b"?>" in data else data)
            zout.writestr(info, data)
    with pytest.raises(InputFileError, match="declares XML entities"):
        read_table(out)


def test_first_sheet_with_data_and_sheet_choice(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "Notes"
    data = wb.create_sheet("Réponses")
    data.append(["code", "q1"])
    data.append(["007", "b"])
    repeat = wb.create_sheet("repeat")
    repeat.append(["_parent_index", "x"])
    repeat.append(["1", "y"])
    path = tmp_path / "multi.xlsx"
    wb.save(path)
    assert read_table(path).sheet == "Réponses"
    assert read_table(path, sheet="repeat").rows == [["1", "y"]]
    assert read_table(path, sheet=3).sheet == "repeat"
    with pytest.raises(InputFileError, match='no sheet "Data". The sheets are: "Notes", '
                                             '"Réponses", "repeat"'):
        read_table(path, sheet="Data")


def test_kobo_hxl_row_dropped(tmp_path):
    path = _write(tmp_path, "hxl.csv",
                  b'"start";"participant_code";"k1";"_uuid";"_index"\r\n'
                  b'"";"#id";"#q1";"";""\r\n"2025";"A";"b";"u";"1"\r\n')
    table = read_table(path)
    assert drop_hxl_row(table) is True
    assert table.rows == [["2025", "A", "b", "u", "1"]]
    assert table.row_numbers == [3]


@pytest.mark.parametrize("headers, fmt, time", [
    (["SubmissionDate", "meta-instanceID", "grp-k1", "KEY", "SubmitterID"], "odk-central",
     "SubmissionDate"),
    (["start", "end", "code", "k1", "_uuid", "_submission_time"], "kobo", "end"),
    (["Horodateur", "Adresse e-mail", "Score", "Q"], "google-forms", "Horodateur"),
    (["ID", "Start time", "Completion time", "Email", "Name", "Q"], "ms-forms",
     "Completion time"),
    (["Code", "Q1", "Q2"], "plain", None),
])
def test_detect_by_signature(headers, fmt, time):
    assert detect_format(headers) == fmt
    j = time_column(headers, fmt)
    assert (headers[j] if j is not None else None) == time


@pytest.mark.parametrize("suffix", [".xls", ".ods"])
def test_workbook_with_the_wrong_extension(tmp_path, suffix):
    path = _write(tmp_path, f"quiz{suffix}", (SAMPLES / "other/ms_forms_quiz.xlsx").read_bytes())
    assert read_table(path).sheet == "Sheet1"


def test_corrupt_workbook(tmp_path):
    data = (SAMPLES / "other/ms_forms_quiz.xlsx").read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as zin:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as zout:
            for info in zin.infolist():
                if info.filename != "xl/worksheets/sheet1.xml":
                    zout.writestr(info, zin.read(info))
    with pytest.raises(InputFileError, match="cannot be read"):
        read_table(_write(tmp_path, "broken.xlsx", buf.getvalue()))


def test_entity_declaration_after_a_long_comment_refused(tmp_path):
    src = _xlsx(tmp_path, [["code"], ["A"]])
    out = tmp_path / "late.xlsx"
    prolog = b'<?xml version="1.0"?><!--' + b"x" * 10000 + b'--><!DOCTYPE x [<!ENTITY a "b">]>'
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "xl/workbook.xml":
                data = prolog + (data.split(b"?>", 1)[1] if b"?>" in data else data)
            zout.writestr(info, data)
    with pytest.raises(InputFileError, match="declares XML entities"):
        read_table(out)


def _ods(path, formula_cell_has_value: bool):
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    table = Table(name="data")
    for values in (["id", "q1", "q2"], ["P-01", "a", None]):
        row = TableRow()
        for value in values:
            if value is None:  # a formula written by a program, with or without its result
                cell = TableCell(formula="of:=[.B2]", valuetype="string",
                                 **({"stringvalue": "a"} if formula_cell_has_value else {}))
            else:
                cell = TableCell(valuetype="string")
                cell.addElement(P(text=value))
            row.addElement(cell)
        table.addElement(row)
    doc.spreadsheet.addElement(table)
    doc.save(str(path))
    return path


def test_ods_formula_without_saved_value_gets_the_same_note_as_xlsx(tmp_path):
    from toolkit.responses.read import read_table

    unsaved = read_table(_ods(tmp_path / "unsaved.ods", False))
    assert any("formula with no saved result" in note for note in unsaved.notes)
    saved = read_table(_ods(tmp_path / "saved.ods", True))
    assert not any("formula" in note for note in saved.notes)


@pytest.mark.parametrize("where", ["early", "late"])
def test_a_nul_byte_spoils_its_line_wherever_it_is(tmp_path, where):
    from toolkit.responses.read import read_table

    rows = [b"P-%02d,a\n" % i for i in range(1, 900)]
    damaged = b"P-00,a\x00b\n"
    body = [damaged, *rows] if where == "early" else [*rows, damaged]
    path = tmp_path / f"{where}.csv"
    path.write_bytes(b"id,q1\n" + b"".join(body))
    table = read_table(path)
    assert "ab" in table.column(1) and len(table.row_numbers) == 900
    line = 2 if where == "early" else 901
    assert any(f"line(s) {line} hold a NUL character" in note for note in table.notes)
