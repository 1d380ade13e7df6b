"""fileio: atomic writes, safe names, neutralised cells, deterministic workbooks."""
from __future__ import annotations

import pytest
from openpyxl import Workbook

from toolkit.fileio import atomic_write, neutralise_cell, safe_filename, save_workbook


@pytest.mark.parametrize("raw, expected", [
    ("../../x", "x"), ("DKR-01", "DKR-01"), ("Ƴero Ɓaldé", "ero_alde"), ("", "file"),
    ("a/b\\c", "a_b_c"), ("..", "file"), ("con..txt", "con.txt"),
])
def test_safe_filename(raw, expected):
    assert safe_filename(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("=1+1", "'=1+1"), ("+33", "'+33"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("ok", "ok"), (3, 3), (None, None), (-2.5, -2.5),
])
def test_neutralise_cell(raw, expected):
    assert neutralise_cell(raw) == expected


def test_atomic_write_leaves_previous_file_on_error(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old")
    with pytest.raises(RuntimeError):
        with atomic_write(target, "w") as handle:
            handle.write("half")
            raise RuntimeError("interrupted")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_save_workbook_is_deterministic(tmp_path):
    def make(path):
        book = Workbook()
        book.active.append(["id", "score"])
        book.active.append(["DKR-01", 72.5])
        return save_workbook(book, path).read_bytes()

    assert make(tmp_path / "a.xlsx") == make(tmp_path / "b.xlsx")
