"""Benchmark: the bounds on a sheet's grid (issue 15 point 13), as ratios.

    python benchmarks/bench_sheet_bounds.py            # 100,000 × 38 dense sheet (194 MB XML)
    python benchmarks/bench_sheet_bounds.py --small    # 20,000 × 20 (a quick check)

Prints, for sheets written without a <dimension> tag (as openpyxl's write-only mode writes
them) and with one:

  * the CPU time of the extent check (one pass over the sheet's XML, before calamine reads
    it) as a ratio of the CPU time of calamine reading the same sheet (the floor);
  * the peak memory of ``read_table`` on the dense sheet, in a fresh process (VmHWM after
    the imports), as a ratio of the sheet's XML size;
  * the peak of refusing a hostile copy with one cell at XFD1048576 (in MB: one pass over
    the XML in 1 MB pieces, whatever its size).

Generating the files (in a temporary folder) is not timed. CPU time, best of REPEAT, so a
busy machine skews it less than wall time would.
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPEAT = 3
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
PEAK = """
import sys
from toolkit.responses.read import read_table
def peak():
    return int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]) * 1024
with open("/proc/self/clear_refs", "w") as handle:
    handle.write("5")
base = peak()
try:
    print(read_table(sys.argv[1]).n_rows)
except Exception as exc:
    print("refused")
print(peak() - base)
"""


def write(path: Path, rows: int, cols: int, *, dimension: bool, far: str = "") -> int:
    """A dense export (text answers, one number column in three), streamed into the zip;
    returns the sheet XML's size."""
    from toolkit.responses.read import _letters

    names = [_letters(c) for c in range(1, cols + 1)]
    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxml'
        'formats.org/package/2006/content-types"><Default Extension="rels" ContentType="'
        'application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml"'
        ' ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType='
        '"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
        'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxml'
        'formats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
        'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0"?><workbook xmlns="{MAIN}" xmlns:r="http://'
        'schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet '
        'name="data" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://'
        'schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
        for name, text in parts.items():
            zf.writestr(name, text)
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as out:
            out.write(f'<?xml version="1.0"?><worksheet xmlns="{MAIN}">'.encode())
            if dimension:
                out.write(f'<dimension ref="A1:{names[-1]}{rows + 1}"/>'.encode())
            out.write(b"<sheetData>")
            out.write(('<row r="1">' + "".join(
                f'<c r="{n}1" t="inlineStr"><is><t>q{i}</t></is></c>'
                for i, n in enumerate(names)) + "</row>").encode())
            for r in range(2, rows + 2):
                cells = [f'<c r="{n}{r}"><v>{(r * 7 + i) % 97}</v></c>' if i % 3 == 2 else
                         f'<c r="{n}{r}" t="inlineStr"><is><t>réponse {(r + i) % 13}</t></is></c>'
                         for i, n in enumerate(names)]
                out.write(f'<row r="{r}">{"".join(cells)}</row>'.encode())
            if far:
                row = "".join(ch for ch in far if ch.isdigit())
                out.write(f'<row r="{row}"><c r="{far}" t="inlineStr"><is><t>x</t></is></c>'
                          "</row>".encode())
            out.write(b"</sheetData></worksheet>")
    with zipfile.ZipFile(path) as zf:
        return zf.getinfo("xl/worksheets/sheet1.xml").file_size


def cpu(func) -> float:
    best = float("inf")
    for _ in range(REPEAT):
        start = time.process_time()
        func()
        best = min(best, time.process_time() - start)
    return best


def peak(path: Path) -> tuple[str, int]:
    out = subprocess.run([sys.executable, "-c", PEAK, str(path)], capture_output=True,
                         text=True, check=True, cwd=ROOT).stdout.split()
    return out[0], int(out[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="20,000 × 20")
    parser.add_argument("--json", action="store_true",
                        help="end with one JSON line of ratio rows (for benchmarks/run.py)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    import python_calamine as pc

    from toolkit.responses.read import _check_zip

    rows, cols = (20_000, 20) if args.small else (100_000, 38)
    out: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="bench-sheet-") as tmp:
        for dimension in (False, True):
            path = Path(tmp) / f"export-{dimension}.xlsx"
            size = write(path, rows, cols, dimension=dimension)
            check = cpu(lambda p=path: _check_zip(p, str(p)))
            floor = cpu(lambda p=path: pc.CalamineWorkbook.from_path(str(p))
                        .get_sheet_by_index(0).to_python(skip_empty_area=False))
            label = "with <dimension>" if dimension else "no <dimension>"
            print(f"{rows:,} × {cols} ({size / 1e6:.0f} MB XML, {label}): extent check "
                  f"{check:.2f} s CPU, calamine read {floor:.2f} s, ratio {check / floor:.2f}")
            out.append({"benchmark": f"sheet {rows:,} × {cols}, {label}",
                        "measure": "extent check / calamine read", "ratio": check / floor,
                        "target": "<= 0.4", "ok": check / floor <= 0.4})
        first, grown = peak(path)
        print(f"read_table of it: {first} rows, peak +{grown / 1e6:.0f} MB, "
              f"{grown / size:.2f} × its XML")
        out.append({"benchmark": f"sheet {rows:,} × {cols}", "measure": "read peak / XML size",
                    "ratio": grown / size, "target": "<= 2.2", "ok": grown / size <= 2.2})
        hostile = Path(tmp) / "hostile.xlsx"
        size = write(hostile, rows, cols, dimension=False, far="XFD1048576")
        first, grown = peak(hostile)
        print(f"with one cell at XFD1048576 ({size / 1e6:.0f} MB XML): {first}, peak "
              f"+{grown / 1e6:.0f} MB (calamine would ask for 800 GB)")
        out.append({"benchmark": "same sheet, a cell at XFD1048576",
                    "measure": "refusal peak MB", "ratio": grown / 1e6,
                    "target": "<= 40", "ok": first == "refused" and grown <= 40e6})
    if args.json:
        print(json.dumps(out))


if __name__ == "__main__":
    main()
