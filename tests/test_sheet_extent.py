"""Issue 15 point 13: a sheet's extent is found in its XML before calamine builds its grid.

calamine holds a sheet as one dense grid from A1 to its farthest cell (46-48 bytes a cell), and
its <dimension> tag is never what decides that extent. These tests build hostile sheets that
hide a far cell in every way calamine accepts (no <dimension>, a false one, cells without
r="...", a prefix, lower-case letters, single quotes, a row number that disagrees with its
<row>), check each is refused with a message naming the file, the sheet and the extent, and
that ordinary sheets (cells with or without r="...") read exactly as calamine reads them.
Memory is measured in a subprocess (ru_maxrss), work by counting, never by the clock.
"""
from __future__ import annotations

import io
import random
import re
import string
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.errors import InputFileError
from toolkit.responses import read as read_mod
from toolkit.responses.read import read_table

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "data" / "bad"))
import make_corpus  # noqa: E402

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
WHAT_TO_DO = "save the sheet again in Excel or LibreOffice, or export it as CSV"


def workbook(path: Path, sheet_data: bytes, *, dimension: str = "", sheet: str = "Réponses",
             compresslevel: int = 6) -> Path:
    """An XLSX whose one sheet (named ``sheet``) holds ``sheet_data`` as its <sheetData>."""
    with zipfile.ZipFile(io.BytesIO(make_corpus.xlsx([["id"]]))) as src:
        members = {i.filename: src.read(i) for i in src.infolist()}
    members["xl/workbook.xml"] = members["xl/workbook.xml"].replace(
        b'name="data"', f'name="{sheet}"'.encode())
    dim = f'<dimension ref="{dimension}"/>'.encode() if dimension else b""
    members["xl/worksheets/sheet1.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="' + MAIN.encode() + b'">'
        + dim + b"<sheetData>" + sheet_data + b"</sheetData></worksheet>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=compresslevel) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def text_cell(value: str, ref: str | None = None) -> str:
    at = f' r="{ref}"' if ref else ""
    return f'<c{at} t="inlineStr"><is><t>{value}</t></is></c>'


def export_rows(rows: int, cols: int = 3) -> str:
    """An ordinary export: a header and ``rows`` answers, every cell written <c r="...">."""
    header = "".join(text_cell(f"Q{c}", f"{make_corpus._col(c)}1") for c in range(1, cols + 1))
    body = [f'<row r="1">{header}</row>']
    for r in range(2, rows + 2):
        cells = "".join(text_cell(f"réponse {(r + c) % 5}", f"{make_corpus._col(c)}{r}")
                        for c in range(1, cols + 1))
        body.append(f'<row r="{r}">{cells}</row>')
    return "".join(body)


HOSTILE = {
    # a far cell after 16,383 cells without r="...": calamine counts them (XFD60000)
    "cells without r": (
        export_rows(20) + '<row r="60000">' + "<c/>" * 16_383 + text_cell("x") + "</row>",
        "row 60,000 and column 16,384"),
    # a row numbered far down, its one cell without r="..." (A1048576)
    "row far, cell without r": (
        export_rows(20) + '<row r="1048576">' + text_cell("x") + "</row>",
        "row 1,048,576 and column 3"),
    "rows without r": (
        export_rows(5) + "<row/>" * 150_000 + "<row>" + "<c></c>" * 40 + text_cell("x")
        + "</row>", "row 150,007 and column 41"),
    "prefixed cell": (
        export_rows(20) + f'<x:row xmlns:x="{MAIN}" r="300"><x:c r="XFD300" t="inlineStr">'
        "<x:is><x:t>x</x:t></x:is></x:c></x:row>", "row 300 and column 16,384"),
    "lower-case reference": (
        export_rows(20) + '<row r="300">' + text_cell("x", "xfd300") + "</row>",
        "row 300 and column 16,384"),
    "single quotes": (
        export_rows(20) + "<row r='9000'><c r='XFD9000' t='inlineStr'><is><t>x</t></is></c>"
        "</row>", "row 9,000 and column 16,384"),
    "reference that disagrees with its row": (
        export_rows(20) + '<row r="22">' + text_cell("x", "C1048576") + "</row>",
        "row 1,048,576 and column 3"),
    "far cell first, then the data": (
        '<row r="1">' + text_cell("x", "XFD1") + export_rows(100)[len('<row r="1">'):],
        "row 101 and column 16,384"),
    # calamine takes the last r attribute, however it is spelled
    "a second r attribute": (
        export_rows(20) + '<row r="300"><c r="A300" r="XFD300" t="inlineStr"><is><t>x</t></is>'
        "</c></row>", "row 300 and column 16,384"),
    "a second r, no space, single quotes": (
        export_rows(20) + '<row r="300"><c r="A300" t="inlineStr"r=\'XFD300\'><is><t>x</t>'
        "</is></c></row>", "row 300 and column 16,384"),
    "a > inside an attribute": (
        export_rows(20) + '<row r="300"><c s="1" x=">" r="XFD300" t="inlineStr"><is><t>x</t>'
        "</is></c></row>", "row 300 and column 16,384"),
    "leading zeros": (
        export_rows(20) + '<row r="22">' + text_cell("x", "C0001048576") + "</row>",
        "row 1,048,576 and column 3"),
}


@pytest.mark.parametrize("label", list(HOSTILE))
def test_a_far_cell_hidden_any_way_is_refused_before_calamine_reads_it(tmp_path, label,
                                                                       monkeypatch):
    sheet_data, extent = HOSTILE[label]
    path = workbook(tmp_path / "hostile.xlsx", sheet_data.encode(), dimension="A1:C21")
    read = []
    monkeypatch.setattr(read_mod, "_read_workbook", lambda *a, **k: read.append(a) or ())
    with pytest.raises(InputFileError) as caught:
        read_table(path)
    message = str(caught.value)
    assert not read, "calamine was given the file"
    assert message.startswith(f'{path}, sheet "Réponses": its cells reach {extent}'), message
    assert WHAT_TO_DO in message and "MB of memory" in message


@pytest.mark.parametrize("full_scan_size", [0, 16 * 1024 * 1024])
def test_a_sheet_without_dimension_is_judged_by_its_cells(tmp_path, monkeypatch,
                                                           full_scan_size):
    """Gap (b): above FULL_SCAN_SIZE, a sheet with no <dimension> was not checked at all."""
    monkeypatch.setattr(read_mod, "FULL_SCAN_SIZE", full_scan_size)
    far = export_rows(200) + '<row r="5000">' + text_cell("x", "AAA5000") + "</row>"
    with pytest.raises(InputFileError, match="reach row 5,000 and column 703"):
        read_table(workbook(tmp_path / "far.xlsx", far.encode()))
    table = read_table(workbook(tmp_path / "ok.xlsx", export_rows(200).encode()))
    assert table.n_rows == 200 and table.headers == ["Q1", "Q2", "Q3"]


ORDINARY = {
    "every cell with r": export_rows(30, 5),
    "cells without r": '<row r="1">' + "".join(text_cell(f"Q{c}") for c in range(4)) + "</row>"
                       + "".join(f'<row r="{r}">' + "".join(
                           text_cell(f"v{r}{c}") for c in range(4)) + "</row>"
                                 for r in range(2, 40)),
    "rows and cells without r": "".join(
        "<row>" + "".join(text_cell(f"v{r}{c}") for c in range(3)) + "</row>"
        for r in range(1, 30)),
    "blank rows and gaps": export_rows(10) + '<row r="15">' + text_cell("x", "B15")
                           + "</row>" + "<row/>" * 4 + "<row>" + "<c/>" + text_cell("y")
                           + "</row>",
    "styled empty cells": export_rows(10, 2) + '<row r="12"><c r="A12" s="1"/>'
                          + text_cell("z", "B12") + "</row>",
}


@pytest.mark.parametrize("label", list(ORDINARY))
def test_ordinary_sheets_read_as_calamine_reads_them(tmp_path, label):
    """Sheets within the limit, whatever their writer, are read, cell for cell as calamine
    reads them (the walk places cells the way calamine does)."""
    import python_calamine as pc

    path = workbook(tmp_path / "ok.xlsx", ORDINARY[label].encode())
    table = read_table(path)
    grid = pc.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python(
        skip_empty_area=False)
    cells = [[read_mod.cell_text(v) for v in row] for row in grid]
    cells = [row for row in cells if any(row)]
    assert [table.headers, *table.rows] == [row[:len(table.headers)] for row in cells]


def test_the_walk_finds_the_extent_calamine_finds(tmp_path):
    """The tag-by-tag walk and calamine agree on the farthest cell of sheets without r="..."."""
    import python_calamine as pc

    rng = random.Random(15)
    for case in range(12):
        rows = []
        for r in range(rng.randint(1, 12)):
            attr = f' r="{rng.randint(r + 1, 40)}"' if rng.random() < 0.3 else ""
            cells = "".join(rng.choice(["<c/>", "<c></c>", text_cell("v")])
                            if rng.random() < 0.7 else
                            text_cell("w", f"{make_corpus._col(rng.randint(1, 30))}"
                                           f"{rng.randint(1, 40)}")
                            for _ in range(rng.randint(0, 8)))
            rows.append(f"<row{attr}>{cells}</row>")
        data = "".join(rows) + "<row>" + text_cell("last") + "</row>"
        path = workbook(tmp_path / f"walk{case}.xlsx", data.encode())
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo("xl/worksheets/sheet1.xml")
            height, width, _ = read_mod._walk_extent(zf, info, "walk", 10**9)
        ws = pc.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
        # calamine's extent counts cells with a value; the walk counts every cell tag
        assert height >= ws.end[0] + 1 and width >= ws.end[1] + 1, (data, ws.end)
        valued = [(m.start(), m.group()) for m in re.finditer(r"<c[^/]*?<t>", data)]
        if valued and "<c/>" not in data and "<c></c>" not in data:
            assert (height, width) == (ws.end[0] + 1, ws.end[1] + 1), data


def test_walking_a_sheet_of_empty_tags_is_bounded(tmp_path, monkeypatch):
    """Work is bounded by counting, not timing: more row and cell tags than twice the limit
    (no ordinary sheet has that many) is refused as soon as they are counted."""
    monkeypatch.setattr(read_mod, "GRID_FLOOR", 1_000)
    path = workbook(tmp_path / "tags.xlsx", b'<row r="1"><c/></row>' * 5_000)
    counted = []
    tag = read_mod._TAG

    class Counting:
        def finditer(self, piece):
            for match in tag.finditer(piece):
                counted.append(1)
                yield match

    monkeypatch.setattr(read_mod, "_TAG", Counting())
    with zipfile.ZipFile(path) as zf:
        limit = read_mod._grid_limit(zf.getinfo("xl/worksheets/sheet1.xml"))
    with pytest.raises(InputFileError, match=f"more than {2 * limit:,} rows and cells"):
        read_table(path)
    assert len(counted) == 2 * limit + 1 < 15_000  # stopped there, not at the end


def test_a_tag_that_never_closes_is_refused(tmp_path):
    """A tag runs for 2 MB (random letters: not a zip bomb): refused, not carried over."""
    junk = random.Random(13).randbytes(2 * 1024 * 1024).translate(
        (string.ascii_uppercase * 10).encode()[:256])
    path = workbook(tmp_path / "open.xlsx", export_rows(3).encode() + b'<row r="9" x="' + junk
                    + b'"/>')
    with pytest.raises(InputFileError, match="more than 1,024 kB without closing a tag"):
        read_table(path)


def col_number(letters: str) -> int:
    return read_mod._column(letters)


@settings(max_examples=300, deadline=None)
@given(rows=st.integers(0, 2_000_000), cols=st.integers(1, 16_384),
       ref_col=st.integers(1, 18_278), ref_row=st.integers(1, 9_999_999),
       lower=st.booleans(), zeros=st.integers(0, 2))
def test_the_box_regex_flags_exactly_the_references_outside_it(rows, cols, ref_col, ref_row,
                                                                lower, zeros):
    letters = read_mod._letters(ref_col)
    ref = (letters.lower() if lower else letters) + "0" * zeros + str(ref_row)
    flagged = read_mod._beyond(rows, cols).search(f'<c r="{ref}" t="s">'.encode()) is not None
    assert flagged == (ref_col > cols or ref_row > rows
                       or zeros + len(str(ref_row)) > len(str(rows)))


# --------------------------------------------------------------- memory, in a subprocess

PEAK = """
import resource, sys
from toolkit.responses.read import read_table

def peak():
    # VmHWM, reset below: ru_maxrss also keeps the peak of the process that started this one
    # (Linux carries it over exec), which would hide this one's if the parent was bigger
    try:
        status = open("/proc/self/status").read()
        return int(status.split("VmHWM:")[1].split()[0])
    except (OSError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

try:  # reset the peak, so that neither the imports nor the parent can hide the reading's
    with open("/proc/self/clear_refs", "w") as handle:
        handle.write("5")
except OSError:
    pass
base = peak()
try:
    print(read_table(sys.argv[1]).n_rows)
except Exception as exc:
    print("refused:", str(exc).replace(chr(10), " "))
print((peak() - base) * 1024)  # kB
"""


def peak_of_reading(path: Path) -> tuple[str, int]:
    """(first line printed, bytes the process grew by) when ``path`` is read in a subprocess."""
    out = subprocess.run([sys.executable, "-c", PEAK, str(path)], capture_output=True,
                         text=True, check=True, cwd=ROOT).stdout.splitlines()
    return out[0], int(out[1])


def big_sheet(path: Path, rows: int, far: str | None) -> int:
    """A sheet XML over 16 MB with no <dimension> (as openpyxl's write-only mode writes it),
    ``rows`` rows of 20 answers, and maybe one more cell at ``far``; returns its XML size."""
    parts = [export_rows(rows, 20)]
    if far:
        row = "".join(ch for ch in far if ch.isdigit())
        parts.append(f'<row r="{row}">' + text_cell("x", far) + "</row>")
    workbook(path, "".join(parts).encode(), compresslevel=1)
    with zipfile.ZipFile(path) as zf:
        return zf.getinfo("xl/worksheets/sheet1.xml").file_size


def test_a_big_sheet_without_dimension_and_a_far_cell_is_refused_in_bounded_memory(tmp_path):
    """Gap (b): 18 MB of sheet XML, no <dimension>, one cell at XFD1048576: calamine asked for
    800 GB and the process aborted. Refused after one pass over the XML (+14 MB measured)."""
    path = tmp_path / "hostile.xlsx"
    size = big_sheet(path, 16_000, "XFD1048576")
    assert size > 16 * 1024 * 1024
    message, grown = peak_of_reading(path)
    assert message.startswith("refused:") and "row 1,048,576 and column 16,384" in message
    assert WHAT_TO_DO in message
    assert grown < 40 * 1024 * 1024, grown


def test_the_same_big_sheet_without_the_far_cell_reads_in_bounded_memory(tmp_path):
    """The ordinary 18 MB export still reads: 16,000 answers, grown by less than 3 times its
    XML (the dense grid and the values; measured 2.2 times)."""
    path = tmp_path / "export.xlsx"
    size = big_sheet(path, 16_000, None)
    message, grown = peak_of_reading(path)
    assert message == "16000", message
    assert grown < 3 * size, (grown, size)


# ------------------------------------------------ rows streamed into columns (point 13 (a))

VALUES = st.sampled_from(["", None, "A", "B", "réponse", 0.0, 1.0, 1, True, False, 15.5])


@settings(max_examples=200, deadline=None)
@given(rows=st.lists(st.lists(VALUES, min_size=0, max_size=5), min_size=1, max_size=40),
       chunk=st.integers(1, 7), pad=st.integers(0, 2))
def test_columns_do_not_depend_on_the_chunk_size(rows, chunk, pad):
    """Rows turned into columns a few at a time give the table that all at once gives: the
    same headers, cells (same types: True is never 1.0), row numbers, blank rows, notes."""
    def table(size):
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(read_mod, "ROW_CHUNK", size)
            t = read_mod._from_rows(iter([list(r) for r in rows]), "f", first_row=1, pad=pad)
        return t and (t.headers, [[(type(v), v) for v in c] for c in t.columns_raw],
                      t.row_numbers, t.empty_rows, t.notes)

    assert table(chunk) == table(10**6)


def test_shared_values_keep_their_types_and_rows_keep_their_numbers(tmp_path):
    """A column holding True, 1.0 and 1 keeps each (TRUE, 1, 1); blank rows between data rows
    across chunks are listed; a table that starts at C3 is numbered from row 3."""
    rows = [["id", "ok"]] + [[f"P{i}", [True, 1.0, 1, "oui"][i % 4]] for i in range(10)]
    rows[5] = ["", ""]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(read_mod, "ROW_CHUNK", 3)
        table = read_mod._from_rows(iter(rows), "f", first_row=1)
    assert table.column(1) == ["TRUE", "1", "1", "oui", "1", "1", "oui", "TRUE", "1"]
    assert table.empty_rows == (6,) and table.row_numbers[3:5] == [5, 7]
    path = workbook(tmp_path / "c3.xlsx", (
        '<row r="3">' + text_cell("id", "C3") + text_cell("Q1", "D3") + "</row>"
        '<row r="4">' + text_cell("P01", "C4") + text_cell("A", "D4") + "</row>").encode())
    sheet = read_table(path)
    assert sheet.row_numbers == [4] and sheet.headers[2:] == ["id", "Q1"]


def test_a_dense_export_peaks_under_2_2_times_its_xml(tmp_path):
    """Gap (a): 40,000 answers to 30 questions (a 70 MB sheet). The rows stream from
    calamine's grid into shared column values: measured 1.8 times the XML (3.1 times, 221 MB,
    when the sheet was turned into Python lists whole)."""
    path = tmp_path / "dense.xlsx"
    workbook(path, export_rows(40_000, 30).encode(), compresslevel=1)
    with zipfile.ZipFile(path) as zf:
        size = zf.getinfo("xl/worksheets/sheet1.xml").file_size
    message, grown = peak_of_reading(path)
    assert message == "40000", message
    assert grown < 2.2 * size, (grown, size)


# ------------------------------------------------------------------ OpenDocument (.ods)

ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')


def ods(path: Path, rows: str, name: str = "Feuille1") -> Path:
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODS_NS} '
               'office:version="1.2"><office:body><office:spreadsheet>'
               f'<table:table table:name="{name}">{rows}</table:table>'
               "</office:spreadsheet></office:body></office:document-content>")
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet",
                    compress_type=zipfile.ZIP_STORED)
        zf.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        zf.writestr("META-INF/manifest.xml", '<?xml version="1.0"?><manifest:manifest xmlns:'
                    'manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:'
                    'file-entry manifest:full-path="/" manifest:media-type="application/vnd.'
                    'oasis.opendocument.spreadsheet"/></manifest:manifest>')
    return path


def ods_cell(value: str, repeat: int = 1) -> str:
    again = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    return (f'<table:table-cell{again} office:value-type="string"><text:p>{value}</text:p>'
            "</table:table-cell>")


def test_an_ods_of_repeated_cells_is_refused_in_bounded_memory(tmp_path):
    """A 1 kB ODS repeating a cell 5,000 times in 10,000 repeated rows: calamine grew the
    process by 3 GB expanding it. Refused, naming the table, before calamine reads it."""
    path = ods(tmp_path / "repeated.ods", "<table:table-row>" + ods_cell("id") + "</table:table-row>"
               '<table:table-row table:number-rows-repeated="10000">' + ods_cell("x", 5_000)
               + "</table:table-row>", name="Réponses")
    assert path.stat().st_size < 2_000
    message, grown = peak_of_reading(path)
    assert message.startswith(f'refused: {path}, sheet "Réponses": its cells reach row 10,001 '
                              "and column 5,000"), message
    assert grown < 40 * 1024 * 1024, grown


def test_an_ods_saved_by_libreoffice_reads_as_before(tmp_path):
    """LibreOffice repeats empty cells to the 1,024th column and empty rows to the end of the
    sheet: those are not cells, and the table reads as it always did."""
    pad = '<table:table-cell table:number-columns-repeated="1020"/>'
    rows = "".join(f"<table:table-row>{''.join(ods_cell(v) for v in row)}{pad}</table:table-row>"
                   for row in (["id", "Q1", "Q2"], ["P01", "A", "B"], ["P02", "C", "D"]))
    rows += ('<table:table-row table:number-rows-repeated="1048573">'
             '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>')
    table = read_table(ods(tmp_path / "libreoffice.ods", rows))
    assert table.headers == ["id", "Q1", "Q2"]
    assert table.rows == [["P01", "A", "B"], ["P02", "C", "D"]]
