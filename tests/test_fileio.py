"""fileio: atomic writes, safe names, neutralised cells, deterministic workbooks."""
from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest
from openpyxl import Workbook

from toolkit.fileio import (atomic_write, neutralise_cell, safe_filename, save_workbook,
                            write_bytes_atomic)


@pytest.mark.parametrize("raw, expected", [
    ("../../x", "x"), ("DKR-01", "DKR-01"), ("Ƴero Ɓaldé", "ero_alde"), ("", "file"),
    ("a/b\\c", "a_b_c"), ("..", "file"), ("con..txt", "_con.txt"),
    # issue 15 point 12: names Windows reserves, with or without an extension
    ("CON", "_CON"), ("nul", "_nul"), ("COM1", "_COM1"), ("lpt9.pdf", "_lpt9.pdf"),
    ("AUX", "_AUX"), ("PRN.x", "_PRN.x"), ("CONSOLE", "CONSOLE"), ("COM10", "COM10"),
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


# ---------------------------------------------------------------- issue 15 points 7 and 8


def test_writing_through_a_symlink_writes_the_target_and_keeps_the_link(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    target = shared / "certificates.pdf"
    target.write_bytes(b"old")
    link = tmp_path / "certificates.pdf"
    link.symlink_to(target)
    write_bytes_atomic(link, b"new")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in shared.iterdir()) == ["certificates.pdf"]


def test_the_umask_is_respected_and_an_existing_mode_is_kept(tmp_path):
    old = os.umask(0o002)
    try:
        write_bytes_atomic(tmp_path / "new.pdf", b"x")
        assert (tmp_path / "new.pdf").stat().st_mode & 0o777 == 0o664  # no forced 0600
        os.umask(0o077)
        write_bytes_atomic(tmp_path / "private.pdf", b"x")
        assert (tmp_path / "private.pdf").stat().st_mode & 0o777 == 0o600
        os.chmod(tmp_path / "new.pdf", 0o640)
        write_bytes_atomic(tmp_path / "new.pdf", b"y")
        assert (tmp_path / "new.pdf").stat().st_mode & 0o777 == 0o640
    finally:
        os.umask(old)


def test_temporary_files_of_an_interrupted_run_are_removed_by_the_next(tmp_path):
    """A run killed while writing (SIGKILL, power cut) leaves its hidden .part file."""
    code = ("import os, sys; sys.path.insert(0, sys.argv[2]); from toolkit.fileio import "
            "atomic_write\nwith atomic_write(sys.argv[1], 'wb') as h:\n h.write(b'half')\n"
            " h.flush(); os._exit(9)")
    target = tmp_path / "registry-export.csv"
    root = str(__import__("pathlib").Path(__file__).resolve().parent.parent)
    done = subprocess.run([sys.executable, "-c", code, str(target), root])
    assert done.returncode == 9
    left = [p.name for p in tmp_path.iterdir()]
    assert len(left) == 1 and left[0].startswith(".registry-export.csv.") and \
        left[0].endswith(".part")
    old_style = tmp_path / ".registry-export.csv.k2j3h4.part"  # an earlier version's name
    old_style.write_bytes(b"names")
    os.utime(old_style, (time.time() - 3600, time.time() - 3600))
    other = tmp_path / ".other.csv.1-abc.part"  # another file's: not ours to remove
    other.write_bytes(b"x")
    write_bytes_atomic(target, b"whole")
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.csv.1-abc.part",
                                                          "registry-export.csv"]
    assert target.read_bytes() == b"whole"


def test_a_running_writers_temporary_file_is_left_alone(tmp_path):
    target = tmp_path / "out.pdf"
    mine = tmp_path / f".out.pdf.{os.getpid()}-abcd.part"  # this process is alive
    mine.write_bytes(b"in progress")
    write_bytes_atomic(target, b"x")
    assert mine.exists()
