"""Load: 200 workshops' pre/post files pooled in one portfolio run without unbounded memory.

Each workshop is small (a two-question module, six participants) so the run stays fast; what
is measured is that memory does not grow with the number of workshops: `report --portfolio`
scores them one at a time and keeps running sums (toolkit/app/portfolio.py, toolkit/scoring/pooled.py). tracemalloc
gives the Python peak and the memory still held after 20 and after 200 workshops.
"""
from __future__ import annotations

import random
import time
import tracemalloc
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner

from toolkit.cli import main

WORKSHOPS = 200
PEOPLE = 6

MODULE = """\
id: mini
title: {fr: Mini, en: Mini}
summary: {fr: Court., en: Short.}
audience: {fr: Tous., en: All.}
prerequisites: {fr: Aucun., en: None.}
objectives:
  - id: mi-o1
    text: {fr: Savoir., en: Know.}
sessions:
  - id: mi-s1
    title: {fr: Séance, en: Session}
    minutes: 60
    method: presentation
    objectives: [mi-o1]
questions:
  - id: mi-q1
    objective: mi-o1
    type: single
    text: {fr: "Question ?", en: "Question?"}
    choices:
      - {id: a, text: {fr: Oui, en: "Yes"}, correct: true}
      - {id: b, text: {fr: Non, en: "No"}}
  - id: mi-q2
    objective: mi-o1
    type: true-false
    text: {fr: "Vrai ?", en: "True?"}
    choices:
      - {id: "true", text: {fr: Vrai, en: "True"}, correct: true}
      - {id: "false", text: {fr: Faux, en: "False"}}
"""

WORKSHOP = """\
id: {id}
title: {{fr: Atelier {n}, en: Workshop {n}}}
languages: [fr]
city: Dakar
country: SN
timezone: Africa/Dakar
dates: {{start: 2024-03-04, end: 2024-03-04}}
frame: {{start: "09:00", end: "17:00", breaks: []}}
programme:
  - module: mini
tests:
  pre: [mi-q1, mi-q2]
files:
  participants: ../files/{id}/roster.csv
  pre: ../files/{id}/pre.csv
  post: ../files/{id}/post.csv
"""


@pytest.fixture(scope="module")
def portfolio(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("portfolio")
    (root / "modules").mkdir()
    (root / "workshops").mkdir()
    (root / "modules" / "mini.yaml").write_text(MODULE, encoding="utf-8")
    rng = random.Random(2019)
    for n in range(WORKSHOPS):
        wid = f"w{n:03d}"
        files = root / "files" / wid
        files.mkdir(parents=True)
        ids = [f"{wid.upper()}-{i}" for i in range(PEOPLE)]
        (files / "roster.csv").write_text(
            "id,nom,prénom,sexe\n" + "".join(f"{p},Nom{i},Awa,{'FM'[i % 2]}\n"
                                             for i, p in enumerate(ids)), encoding="utf-8")
        for stage in ("pre", "post"):
            (files / f"{stage}.csv").write_text("id,mi-q1,mi-q2\n" + "".join(
                f"{p},{rng.choice('ab')},{rng.choice(['true', 'false'])}\n" for p in ids),
                encoding="utf-8")
        (root / "workshops" / f"{wid}.yaml").write_text(WORKSHOP.format(id=wid, n=n),
                                                         encoding="utf-8")
    return root


def test_200_workshops_pool_in_bounded_memory(portfolio):
    from toolkit.app import portfolio_data

    held: dict[int, int] = {}

    def progress(done: int, total: int) -> None:
        if done in (20, total):
            held[done] = tracemalloc.get_traced_memory()[0]

    tracemalloc.start()
    started = time.perf_counter()
    try:
        data = portfolio_data(portfolio / "workshops", progress=progress)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    seconds = time.perf_counter() - started
    assert len(data.workshops) == WORKSHOPS
    assert data.score.matched.n == WORKSHOPS * PEOPLE
    # Measured: peak ~75 MB (pandas/scipy imports included), ~0.3 MB more held after 200
    # workshops than after 20 (a summary row each; participants are not kept); ~20 s under
    # tracemalloc, ~10 s without.
    assert peak < 150 * 1024 * 1024
    assert held[WORKSHOPS] - held[20] < 5 * 1024 * 1024
    print(f"portfolio of {WORKSHOPS}: {seconds:.1f} s, peak {peak / 1e6:.1f} MB, held "
          f"{held[20] / 1e6:.1f} MB after 20, {held[WORKSHOPS] / 1e6:.1f} MB after {WORKSHOPS}")


def test_report_portfolio_command_writes_one_pdf(portfolio, tmp_path):
    paths = sorted((portfolio / "workshops").glob("*.yaml"))[:20]
    out = tmp_path / "portfolio.pdf"
    result = CliRunner().invoke(main, ["report", "--portfolio", *map(str, paths), "-o",
                                       str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert len(pypdf.PdfReader(out).pages) >= 1


_PEAK = """
import resource, sys
from toolkit.responses.read import read_table
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
table = read_table(sys.argv[1])
print(len(table.row_numbers), base, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def test_a_large_csv_peaks_under_4x_its_size(tmp_path):
    """A 189 MB CSV used to peak at 1.47 GB: the bytes, the text and a copy of it were held."""
    import subprocess
    import sys

    path = tmp_path / "large.csv"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("id," + ",".join(f"q{i}" for i in range(40)) + ",comment\n")
        line = ",".join("abcd"[i % 4] for i in range(40)) + "," + "é" * 700 + "\n"
        for row in range(30_000):
            handle.write(f"P-{row}," + line)
    decoded = len(path.read_text(encoding="utf-8"))
    out = subprocess.run([sys.executable, "-c", _PEAK, str(path)], capture_output=True,
                         text=True, check=True).stdout.split()
    rows, base, peak = int(out[0]), int(out[1]), int(out[2])
    grown = (peak - base) * 1024  # ru_maxrss is in kB on Linux
    assert rows == 30_000
    assert grown < 4 * decoded and grown < 600 * 1024 * 1024, (grown, decoded)


def _peak_of_reading(path: Path) -> tuple[str, int]:
    """(first line printed, bytes the process grew by) when ``path`` is read in a subprocess."""
    import subprocess
    import sys

    script = _PEAK.replace("table = read_table(sys.argv[1])", """try:
    table = read_table(sys.argv[1])
except Exception as exc:
    print("refused:_" + str(exc).replace(" ", "_"), base,
          resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    raise SystemExit(0)""")
    out = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True,
                         text=True, check=True, cwd=Path(__file__).resolve().parent.parent)
    first, base, peak = out.stdout.split()[-3:]
    return first.replace("_", " "), (int(peak) - int(base)) * 1024  # ru_maxrss is in kB


def _workbook(path: Path, rows: int, width: int, far: int) -> int:
    """An export of ``rows`` answers to ``width`` columns, one header cell at column ``far``;
    returns the workbook's decoded (uncompressed) size."""
    import sys
    import zipfile

    sys.path.insert(0, str(Path(__file__).resolve().parent / "data" / "bad"))
    import make_corpus

    header = ["id"] + [f"q{i}" for i in range(1, width)] + [None] * (far - width - 1) + ["x"]
    data = [header] + [[f"P-{r}"] + [f"réponse {r % 7} {c}" for c in range(1, width)]
                       for r in range(rows)]
    path.write_bytes(make_corpus.xlsx(data))
    with zipfile.ZipFile(path) as book:
        return sum(info.file_size for info in book.infolist())


def test_a_sparse_xlsx_16384_columns_wide_is_refused_before_it_is_read(tmp_path):
    """Issue 15 point 13: a 21 kB XLSX, 1,500 rows and one cell at XFD1, grew by 1.13 GB."""
    path = tmp_path / "wide.xlsx"
    _workbook(path, 1_500, 3, 16_384)
    assert path.stat().st_size < 100_000
    message, grown = _peak_of_reading(path)
    assert message.startswith("refused:"), message
    assert "column 16,384 (cells XFD1 and A1501)" in message and "over the limit of 1,000,000" in message
    assert "delete those rows and columns" in message
    assert grown < 50 * 1024 * 1024, grown


def test_an_accepted_xlsx_with_stray_columns_peaks_under_4x_its_decoded_size(tmp_path):
    """30,000 answers, 8 columns and a stray header 3 columns to the right: read, and the
    process grows by less than 4 times the workbook's decoded size (measured 3.5x)."""
    path = tmp_path / "export.xlsx"
    decoded = _workbook(path, 30_000, 8, 11)
    message, grown = _peak_of_reading(path)
    assert message == "30000", message
    assert grown < 4 * decoded and grown < 600 * 1024 * 1024, (grown, decoded)
