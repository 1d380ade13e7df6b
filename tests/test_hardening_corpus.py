"""Broken and hostile inputs: each gives one clear `Error:` (exit 1) or a usable result.

The committed inputs and what each must do are in tests/data/bad/ (expected.csv, built by
make_corpus.py). The big ones (a 1,000,000-row CSV and XLSX, a 1 GB zip bomb) are built in
tmp_path here, and must be refused fast and within a memory bound. Every outcome is listed in
the pytest summary ("hardening: ...").
"""
from __future__ import annotations

import csv
import io
import re
import shlex
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from toolkit.cli import main

DATA = Path(__file__).resolve().parent / "data"
BAD = DATA / "bad"
sys.path.insert(0, str(BAD))
import make_corpus  # noqa: E402

OUTCOMES: list[str] = []  # printed by conftest's terminal summary
SUPPORT = {"key.csv", "good.csv", "roster.csv", "attendance.csv"}


def _cases() -> list[dict[str, str]]:
    with (BAD / "expected.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


CASES = _cases()


def run(argv: list[str]):
    """Invoke the CLI the way a user would; never let an exception escape unseen."""
    result = CliRunner().invoke(main, argv, catch_exceptions=True)
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        f"{argv}: {result.exception!r}"
    assert "Traceback" not in result.output
    return result


def check_refusal(result, file: str, fragments: list[str], command: str) -> None:
    """Exit 1 and one `Error:` paragraph on stderr that names the file and says enough."""
    assert result.exit_code == 1, result.output
    out = result.stderr if command != "validate" else result.stdout
    if command == "validate":  # FILE:LINE: message, one per problem, nothing else
        assert all(re.match(rf".*{re.escape(file)}:\d+: \S", line) for line in out.splitlines())
    else:
        assert out.count("Error:") == 1 and out.startswith("Error: "), out
        assert file in out.splitlines()[0]
        assert result.stdout == ""
    for fragment in fragments:
        assert fragment in out, f"{fragment!r} not in {out!r}"


def test_corpus_is_regenerated_byte_for_byte(tmp_path):
    written = make_corpus.main(tmp_path)
    for path in written:
        assert path.read_bytes() == (BAD / path.name).read_bytes(), \
            f"{path.name} differs: run `python tests/data/bad/make_corpus.py`"


def test_every_committed_input_has_an_expected_outcome():
    committed = {p.name for p in BAD.iterdir()} - {"make_corpus.py", "expected.csv",
                                                    "__pycache__"}
    assert committed == set(make_corpus.corpus())
    listed = {case["file"] for case in CASES}
    assert committed - SUPPORT <= listed
    assert len(listed - SUPPORT) >= 30


@pytest.mark.parametrize("case", CASES, ids=[f'{c["file"]}:{c["command"].split()[0]}'
                                              for c in CASES])
def test_bad_input(case, tmp_path):
    argv = [part.format(file=BAD / case["file"], bad=BAD, data=DATA, out=tmp_path)
            for part in shlex.split(case["command"])]
    started = time.process_time()  # CPU time: a loaded CI machine does not inflate it
    result = run(argv)
    seconds = time.process_time() - started
    fragments = [f for f in case["expect"].split(";") if f]
    if case["exit"] == "1":
        check_refusal(result, case["file"], fragments, argv[0])
        said = (result.stderr or result.stdout).strip().splitlines()[0]
    else:
        assert result.exit_code == 0, result.output
        assert fragments[0] == "ok"
        for fragment in fragments[1:]:
            assert fragment in result.output, f"{fragment!r} not in {result.output!r}"
        said = "ok: " + "; ".join(fragments[1:])
    assert seconds < 10  # no bad file makes the reader work long (they take well under 1 s)
    OUTCOMES.append(f"{case['file']:<28} {argv[0]:<12} exit {result.exit_code}  {said[:150]}")


# ---------------------------------------------------------------- big inputs, built here


def _big_csv(path: Path, rows: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write("id,Q1,Q2,Q3\n")
        block = 50_000
        for start in range(0, rows, block):
            handle.write("".join(f"P{i:07d},A,B,C\n"
                                 for i in range(start, min(start + block, rows))))
    return path


def _big_xlsx(path: Path, rows: int) -> Path:
    """A real XLSX with ``rows`` data rows, its sheet XML streamed into the zip."""
    base = make_corpus.xlsx([["id", "Q1"], ["P1", "A"]])
    with zipfile.ZipFile(io.BytesIO(base)) as src, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst:
        for info in src.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                dst.writestr(info.filename, src.read(info))
                continue
            with dst.open(info.filename, "w", force_zip64=True) as out:
                out.write(make_corpus.sheet_xml([["id", "Q1"]]).split(b"</sheetData>")[0])
                for start in range(2, rows + 2, 20_000):
                    out.write("".join(
                        f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}" t="inlineStr">'
                        f"<is><t>A</t></is></c></row>"
                        for r in range(start, min(start + 20_000, rows + 2))).encode())
                out.write(b"</sheetData></worksheet>")
    return path


def _zip_bomb(path: Path, megabytes: int = 1024) -> Path:
    """An XLSX whose sheet XML expands to ``megabytes`` of zeros (a few MB on disk)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zeros = b"0" * (4 << 20)
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as out:
            for _ in range(megabytes // 4):
                out.write(zeros)
    return path


SCORE = "score --key {bad}/key.csv --pre {file}"
BOMB = "the workbook would expand to 1024 MB, over the 200 MB limit"
BIG = [
    ("1,000,000-row CSV", "big.csv", lambda p: _big_csv(p, 1_000_000),
     "more than 100,000 data rows, over the limit of 100,000", SCORE),
    ("1,000,000-row XLSX", "big.xlsx", lambda p: _big_xlsx(p, 1_000_000),
     '1,000,000 data rows, over the limit of 100,000', SCORE),
    ("1 GB XLSX zip bomb", "bomb.xlsx", _zip_bomb, BOMB, SCORE),
    ("1 GB zip bomb as attendance", "bomb.xlsx", _zip_bomb, BOMB,
     "certificates {data}/workshops/example.yaml --participants {bad}/roster.csv "
     "--attendance {file} -o {out}/c.pdf --registry {out}/r.sqlite"),
    ("1 GB zip bomb as a registry to import", "bomb.xlsx", _zip_bomb, BOMB,
     "registry import {file} --registry {out}/r.sqlite"),
]


@pytest.mark.parametrize("label, name, make, message, command", BIG,
                         ids=[b[0].replace(" ", "-") for b in BIG])
def test_big_inputs_are_refused_fast_within_a_memory_bound(tmp_path, monkeypatch, label, name,
                                                           make, message, command):
    from toolkit.responses import read as read_mod

    path = make(tmp_path / name)
    # What "fast" means, counted rather than timed: CSV lines parsed and sheets turned into
    # Python rows before the refusal (the whole file would be 1,000,000 lines / 1 sheet)
    parsed: dict = {"lines": [], "sheets": []}  # lines of each CSV; names of sheets read
    lines, from_rows = read_mod._lines, read_mod._from_rows

    def counted_lines(text):
        parsed["lines"].append(0)
        for line in lines(text):
            parsed["lines"][-1] += 1
            yield line

    def counted_rows(data, name, **kwargs):
        parsed["sheets"].append(name)
        return from_rows(data, name, **kwargs)

    monkeypatch.setattr(read_mod, "_lines", counted_lines)
    monkeypatch.setattr(read_mod, "_from_rows", counted_rows)
    argv = [part.format(file=path, bad=BAD, data=DATA, out=tmp_path)
            for part in shlex.split(command)]
    baseline = _reset_peak_rss()
    tracemalloc.start()
    started = time.process_time()
    try:
        result = run(argv)
        seconds = time.process_time() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    check_refusal(result, name, [message, "split it into smaller files"], argv[0])
    # Measured here: CSV ~1 s, ~110 MB Python peak (it stops at the row limit; before the
    # limit, scoring it whole took 22 s and 900 MB); XLSX ~1-2 s, +40-200 MB resident
    # (calamine parses in Rust; the height is checked before anything becomes Python);
    # bomb: refused from the zip directory in milliseconds.
    rss = _peak_rss("VmHWM")
    grown = max(0, rss - baseline) if rss and baseline else None
    # CPU seconds, not wall-clock (19.9 s against 15 s was measured under load): the refusal
    # comes before the file is parsed whole, which took 22 s of CPU before the row limit
    assert seconds < 12, f"{seconds:.1f} s of CPU: was the file read whole?"
    assert max(parsed["lines"], default=0) <= read_mod.MAX_ROWS + 2, "CSV parsed whole"
    assert not any(Path(n).name == name for n in parsed["sheets"]), "sheet turned into Python"
    assert peak < 200 * 1024 * 1024
    assert grown is None or grown < 400 * 1024 * 1024  # whole process, Rust reader included
    shown = f"+{grown / 1e6:.0f} MB" if grown is not None else "n/a"
    OUTCOMES.append(f"{label:<28} {argv[0]:<12} exit 1  {seconds:.1f} s CPU, Python peak "
                    f"{peak / 1e6:.0f} MB, process peak {shown}: "
                    f"{result.stderr.splitlines()[0][:90]}")


def _reset_peak_rss() -> int | None:
    """Reset the process's peak resident size (Linux); return the resident size now."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return None
    return _peak_rss("VmRSS")


def _peak_rss(field: str) -> int | None:
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return None
    found = re.search(rf"{field}:\s+(\d+) kB", status)
    return int(found.group(1)) * 1024 if found else None


def test_a_row_below_the_limit_still_reads(tmp_path):
    """The limit refuses the wrong file, not a big workshop: 20,000 rows score fine."""
    path = _big_csv(tmp_path / "twenty-thousand.csv", 20_000)
    result = run(["score", "--key", str(BAD / "key.csv"), "--pre", str(path)])
    assert result.exit_code == 0 and "n = 20000" in result.output


@pytest.mark.parametrize("full_scan_size", [0, 16 * 1024 * 1024])
def test_the_dimension_tag_is_a_hint_never_trusted(tmp_path, monkeypatch, full_scan_size):
    """Issue 15 point 13 (b): a sheet's extent is read from its cells, big or small sheet,
    whatever its <dimension> says (calamine does not use it either)."""
    from toolkit.errors import InputFileError
    from toolkit.responses import read as read_mod

    monkeypatch.setattr(read_mod, "FULL_SCAN_SIZE", full_scan_size)
    path = tmp_path / "wide.xlsx"
    rows = [["id", "Q1"], ["P01", "A"]]
    path.write_bytes(make_corpus.xlsx(rows, prolog='<dimension ref="A1:XFD1048576"/>'))
    assert read_mod.read_table(path).n_rows == 1  # a false, huge dimension: read
    for prolog in ('<dimension ref="A1:B2"/>', ""):  # a false, small one, or none
        path.write_bytes(make_corpus.with_cell(make_corpus.xlsx(rows, prolog=prolog),
                                               "XFD1048576", "x"))
        with pytest.raises(InputFileError, match="reach row 1,048,576 and column 16,384"):
            read_mod.read_table(path)
