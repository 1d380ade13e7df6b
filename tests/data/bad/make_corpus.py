"""Generate the small broken and hostile inputs of tests/data/bad/ (deterministic).

    python tests/data/bad/make_corpus.py          # rewrites the files next to this script

Every file is built from fixed bytes or with fixed timestamps, so running the script again
gives byte-identical files (tests/test_hardening_corpus.py checks this). The big inputs
(a 1,000,000-row CSV, a zip bomb) are not committed: the tests build them in tmp_path.
What each file should do is in expected.csv beside it.
"""
from __future__ import annotations

import io
import struct
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

KEY = "question,answer,choices\nQ1,A,A|B|C\nQ2,B,A|B|C\nQ3,C,A|B|C\n"
GOOD = "id,Q1,Q2,Q3\nP01,A,B,C\nP02,A,A,C\nP03,B,B,B\n"
_FIXED = (2000, 1, 1, 0, 0, 0)


# ---------------------------------------------------------------- containers


def _zip(members: dict[str, bytes]) -> bytes:
    """A ZIP with fixed dates, so the bytes never change."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, _FIXED)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o600 << 16
            zf.writestr(info, data)
    return buf.getvalue()


def _cell(ref: str, value) -> str:
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value}</v></c>'
    if isinstance(value, tuple):  # ("f", formula) or ("d", serial date)
        kind, content = value
        if kind == "f":
            return f'<c r="{ref}"><f>{content}</f></c>'
        return f'<c r="{ref}" s="1"><v>{content}</v></c>'
    text = str(value).replace("&", "&amp;").replace("<", "&lt;")
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def _col(n: int) -> str:
    out = ""
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(65 + r) + out
    return out


def sheet_xml(rows: list[list], *, merged: str = "", prolog: str = "") -> bytes:
    """Worksheet XML; ``None`` cells are left out, rows are numbered from 1."""
    body = []
    for r, row in enumerate(rows, 1):
        cells = "".join(_cell(f"{_col(c)}{r}", v) for c, v in enumerate(row, 1) if v is not None)
        if cells:
            body.append(f'<row r="{r}">{cells}</row>')
    merge = f'<mergeCells count="1"><mergeCell ref="{merged}"/></mergeCells>' if merged else ""
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>{prolog}'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<sheetData>{"".join(body)}</sheetData>{merge}</worksheet>').encode()


def xlsx(rows: list[list], **kwargs) -> bytes:
    """A minimal valid XLSX (one sheet "data", a date style) from rows of cells."""
    ns = "http://schemas.openxmlformats.org/"
    return _zip({
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8"?>'
            f'<Types xmlns="{ns}package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>').encode(),
        "_rels/.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}package/2006/'
            f'relationships"><Relationship Id="rId1" Type="{ns}officeDocument/2006/'
            'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ).encode(),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{ns}spreadsheetml/2006/'
            f'main" xmlns:r="{ns}officeDocument/2006/relationships"><sheets><sheet '
            'name="data" sheetId="1" r:id="rId1"/></sheets></workbook>').encode(),
        "xl/_rels/workbook.xml.rels": (
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{ns}package/2006/'
            f'relationships"><Relationship Id="rId1" Type="{ns}officeDocument/2006/'
            'relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" '
            f'Type="{ns}officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            '</Relationships>').encode(),
        "xl/styles.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="{ns}spreadsheetml/2006/'
            'main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
            '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
            '<borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0"/>'
            '</cellStyleXfs><cellXfs count="2"><xf numFmtId="0" xfId="0"/><xf numFmtId="14" '
            'xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>').encode(),
        "xl/worksheets/sheet1.xml": sheet_xml(rows, **kwargs),
    })


def with_cell(workbook: bytes, ref: str, value: str) -> bytes:
    """The XLSX ``workbook`` with one more cell (in a row of its own) at ``ref``."""
    row = "".join(ch for ch in ref if ch.isdigit())
    cell = f'<row r="{row}"><c r="{ref}" t="inlineStr"><is><t>{value}</t></is></c></row>'
    with zipfile.ZipFile(io.BytesIO(workbook)) as src:
        members = {i.filename: src.read(i) for i in src.infolist()}
    sheet = members["xl/worksheets/sheet1.xml"]
    members["xl/worksheets/sheet1.xml"] = sheet.replace(b"</sheetData>",
                                                         cell.encode() + b"</sheetData>")
    return _zip(members)


def cfb(streams: dict[str, bytes]) -> bytes:
    """A minimal OLE2 compound file (version 3, 512-byte sectors) holding ``streams``.

    Streams are padded to 4096 bytes so they live in ordinary sectors (no mini stream).
    Enough for readers (and for Excel's own "is this encrypted?" test) to open it.
    """
    free, end, fat_sect = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD
    names = sorted(streams, key=lambda n: (len(n), n.upper()))
    datas = [streams[n] + b"\x00" * (-len(streams[n]) % 512) for n in names]
    datas = [d + b"\x00" * max(0, 4096 - len(d)) for d in datas]
    fat = [fat_sect, end]  # sector 0: the FAT, sector 1: the directory
    starts = []
    for data in datas:
        count = len(data) // 512
        starts.append(len(fat))
        fat.extend(range(len(fat) + 1, len(fat) + count))
        fat.append(end)
    assert len(fat) <= 128, "one FAT sector is enough for the corpus"
    fat += [free] * (128 - len(fat))

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        raw = name.encode("utf-16-le") + b"\x00\x00" if name else b""
        return (raw.ljust(64, b"\x00") + struct.pack("<HBB", len(raw), kind, 1)
                + struct.pack("<III", free, right, child) + b"\x00" * 16 + b"\x00" * 4
                + b"\x00" * 16 + struct.pack("<II", start, size) + b"\x00" * 4)

    directory = entry("Root Entry", 5, 1, free, end, 0)
    for i, (name, data) in enumerate(zip(names, datas)):
        right = i + 2 if i + 1 < len(names) else free
        directory += entry(name, 2, free, right, starts[i], len(data))
    directory = directory.ljust(512 * ((len(directory) + 511) // 512), b"\x00")
    assert len(directory) == 512, "one directory sector is enough for the corpus"
    header = (bytes.fromhex("D0CF11E0A1B11AE1") + b"\x00" * 16
              + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\x00" * 6
              + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
              + struct.pack("<I", 0) + struct.pack("<I", free) * 108)
    assert len(header) == 512
    return header + struct.pack("<128I", *fat) + directory + b"".join(datas)


def biff8(rows: list[list]) -> bytes:
    """A minimal BIFF8 (Excel 97-2003 .xls) workbook stream with one sheet "data"."""
    def rec(kind: int, data: bytes = b"") -> bytes:
        return struct.pack("<HH", kind, len(data)) + data

    def bof(dt: int) -> bytes:
        return rec(0x0809, struct.pack("<HHHHII", 0x0600, dt, 0x0DBB, 0x07CC, 0, 6))

    name = "data".encode("latin-1")
    boundsheet_len = 4 + 8 + len(name)
    globals_ = bof(0x0005) + rec(0x0042, struct.pack("<H", 1200))
    sheet_offset = len(globals_) + boundsheet_len + 4
    globals_ += rec(0x0085, struct.pack("<IBBBB", sheet_offset, 0, 0, len(name), 0) + name)
    globals_ += rec(0x000A)
    body = bof(0x0010) + rec(0x0200, struct.pack("<IIHHH", 0, len(rows), 0,
                                                  max(len(r) for r in rows), 0))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, (int, float)):
                body += rec(0x0203, struct.pack("<HHHd", r, c, 0, float(value)))
            else:
                text = str(value).encode("latin-1")
                body += rec(0x0204, struct.pack("<HHHHB", r, c, 0, len(text), 0) + text)
    body += rec(0x000A)
    return globals_ + body


# ---------------------------------------------------------------- the corpus


def corpus() -> dict[str, bytes]:
    """File name -> bytes of every committed input."""
    files: dict[str, bytes] = {}
    good_rows = [row.split(",") for row in GOOD.splitlines()]

    # support files the commands need
    files["key.csv"] = KEY.encode()
    files["good.csv"] = GOOD.encode()
    files["roster.csv"] = ("id,nom,prénom,sexe,organisation\nP01,Diallo,Awa,F,ONG A\n"
                           "P02,Sow,Moussa,M,ONG B\n").encode()
    files["attendance.csv"] = ("id,J1 matin,J1 après-midi,J2 matin,J2 après-midi\n"
                               "P01,x,x,x,x\nP02,x,x,x,x\n").encode()

    # not a spreadsheet at all, or an empty one
    files["empty.csv"] = b""
    files["empty.xlsx"] = b""
    files["blank-lines.csv"] = b"\n  \n\r\n"
    files["csv-renamed.xlsx"] = GOOD.encode()
    files["zip-of-text.xlsx"] = _zip({"readme.txt": b"not a workbook"})
    files["truncated.xlsx"] = xlsx(good_rows)[:300]
    files["pdf-renamed.csv"] = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n\x00\x00"
    files["encrypted.xlsx"] = cfb({"EncryptionInfo": b"\x04\x00\x04\x00\x40\x00\x00\x00"
                                   + b"\x00" * 56,
                                   "EncryptedPackage": struct.pack("<Q", 1234) + b"\x5a" * 1234})
    files["legacy.xls"] = cfb({"Workbook": biff8(good_rows)})
    files["ole-without-workbook.xls"] = cfb({"Something": b"hello"})

    # spreadsheets with odd shapes
    files["header-only.csv"] = b"id,Q1,Q2,Q3\n"
    files["header-only.xlsx"] = xlsx([["id", "Q1", "Q2", "Q3"]])
    files["no-data.xlsx"] = xlsx([])
    files["merged-header.xlsx"] = xlsx(
        [["Participant", "Questions", None, None], ["id", "Q1", "Q2", "Q3"],
         ["P01", "A", "B", "C"], ["P02", "A", "A", "C"]], merged="B1:D1")
    files["two-header-rows.csv"] = ("id,Q1,Q2,Q3\nCode du participant,Question 1,Question 2,"
                                    "Question 3\nP01,A,B,C\nP02,A,A,C\n").encode()
    files["blank-rows-and-columns.xlsx"] = xlsx(
        [["id", None, "Q1", "Q2", None, "Q3"], ["P01", None, "A", "B", None, "C"], [], [],
         ["P02", None, "A", "A", None, "C"], [], ["P03", None, "B", "B", None, "B"]])
    files["duplicate-headers.csv"] = b"id,Q1,Q1,Q2,Q3\nP01,A,B,B,C\nP02,A,A,A,C\n"
    files["formulas.xlsx"] = xlsx([["id", "Q1", "Q2", "Q3"],
                                   ["P01", ("f", 'IF(1=1,"A","B")'), "B", "C"],
                                   ["P02", "A", ("f", "HYPERLINK(\"http://x\",\"B\")"), "C"]])
    files["dates-as-answers.xlsx"] = xlsx([["id", "Q1", "Q2", "Q3"],
                                           ["P01", ("d", 43565), "B", "C"],
                                           ["P02", "A", "B", ("d", 43566)]])
    files["ragged.csv"] = b"id,Q1,Q2,Q3\nP01,A\nP02,A,B,C,extra,cells\n"
    files["unclosed-quote.csv"] = b'id,Q1,Q2,Q3\nP01,"A,B,C\nP02,A,B,C\n'
    files["no-identity.csv"] = b"Q1,Q2,Q3\nA,B,C\nA,A,C\n"
    files["missing-question.csv"] = b"id,Q1,Q2\nP01,A,B\n"
    files["unknown-answers.csv"] = b"id,Q1,Q2,Q3\nP01,A,E,C\nP02,=1+1,B,@SUM(A1)\n"
    files["duplicate-submission.csv"] = b"id,Q1,Q2,Q3\nP01,A,B,C\nP02,A,A,C\np01 ,B,B,B\n"
    files["blank-identity.csv"] = b"id,Q1,Q2,Q3\nP01,A,B,C\n,A,A,C\n"

    # encodings
    files["invalid-utf8.csv"] = "id,Q1,Q2,Q3\nP01,A,B,C\nP02,A,B,C\n".encode() \
        .replace(b"P02", b"P\xff\xfe2")
    files["utf16-bom.csv"] = ("id\tQ1\tQ2\tQ3\nP01\tA\tB\tC\nP02\tA\tA\tC\n").encode("utf-16")
    files["utf16-no-bom.csv"] = ("id,Q1,Q2,Q3\nP01,A,B,C\n").encode("utf-16-le")
    files["nul-bytes.csv"] = b"id,Q1,Q2,Q3\nP01,A,B,C\n" + b"P02,A\x00,B,C\n"

    # hostile XML inside an XLSX
    bomb = ('<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;'
            '&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;'
            '&lol2;&lol2;&lol2;&lol2;">]>')
    files["xml-entity-bomb.xlsx"] = xlsx([["id", "Q1"], ["P01", "A"]], prolog=bomb)
    files["xml-entity-bomb-late.xlsx"] = xlsx([["id", "Q1"], ["P01", "A"]],
                                              prolog="<!--" + " " * 8000 + "-->" + bomb)
    files["xml-entity-bomb-comment.xlsx"] = xlsx([["id", "Q1"], ["P01", "A"]],
                                                 prolog="<!-- <a> -->" + bomb)
    files["xml-external-entity.xlsx"] = xlsx(
        [["id", "Q1"], ["P01", "A"]],
        prolog='<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')

    # one far cell: calamine would allocate the whole grid up to it (550 GB for XFD1048576)
    files["far-cell.xlsx"] = with_cell(xlsx(good_rows), "XFD1048576", "oops")
    files["stray-cell.xlsx"] = with_cell(xlsx(good_rows), "AZ40", "note")

    # an ODS row of 16,384 repeated cells, repeated 1,000,000 times (calamine caps the cells)
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table='
          '"urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:'
          'opendocument:xmlns:text:1.0"')
    files["repeated-cells.ods"] = _zip({
        "mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
        "META-INF/manifest.xml": (
            '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
            'opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" '
            'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
            "</manifest:manifest>").encode(),
        "content.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns}><office:body>'
            '<office:spreadsheet><table:table table:name="data"><table:table-row>'
            '<table:table-cell office:value-type="string"><text:p>id</text:p></table:table-cell>'
            '</table:table-row><table:table-row table:number-rows-repeated="1000000">'
            '<table:table-cell table:number-columns-repeated="16384" office:value-type="string">'
            "<text:p>x</text:p></table:table-cell></table:table-row></table:table>"
            "</office:spreadsheet></office:body></office:document-content>").encode()})

    # answer keys and rosters
    files["key-question-twice.csv"] = (KEY + "Q2,C,A|B|C\n").encode()
    files["key-no-answer.csv"] = b"question,answer\nQ1,A\nQ2,\n"
    files["key-bad-type.csv"] = b"question,answer,type\nQ1,A,essay\n"
    files["key-no-columns.csv"] = b"foo,bar\n1,2\n"
    files["roster-duplicate-ids.csv"] = ("id,nom,prénom,sexe\nP01,Diallo,Awa,F\nP02,Sow,Moussa,"
                                         "M\np01,Ndiaye,Fatou,F\n").encode()
    files["roster-no-id.csv"] = "nom,prénom\nDiallo,Awa\n".encode()
    files["roster-blank-id.csv"] = "id,nom,prénom\nP01,Diallo,Awa\n,Sow,Moussa\n".encode()

    # YAML
    files["yaml-syntax-error.yaml"] = b"id: broken\ntitle: [unclosed\nlanguages: [fr]\n"
    files["yaml-tabs.yaml"] = b"id: tabs\ntitle:\n\tfr: Titre\n"
    files["yaml-duplicate-keys.yaml"] = (b"id: dup\ntitle: Un\ntitle: Deux\nlanguages: [fr]\n"
                                         b"objectives: []\nsessions: []\nquestions: []\n")
    files["yaml-billion-laughs.yaml"] = (
        b'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
        b"b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
        b"d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
        b"f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
        b"h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n")
    files["yaml-python-tag.yaml"] = b"id: !!python/object/apply:os.system ['echo pwned']\n"
    files["yaml-not-utf8.yaml"] = "id: été\ntitle: Atelier\n".encode("cp1252")
    files["yaml-empty.yaml"] = b""
    files["yaml-list.yaml"] = b"- a\n- b\n"
    return files


def main(folder: Path = HERE) -> list[Path]:
    written = []
    for name, data in corpus().items():
        path = folder / name
        path.write_bytes(data)
        written.append(path)
    return written


if __name__ == "__main__":
    for path in main(Path(sys.argv[1]) if len(sys.argv) > 1 else HERE):
        print(path)
