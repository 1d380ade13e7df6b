"""Benchmark: 2,000 certificates into one PDF against a bare reportlab script (targets: docs/performance.md).

The floor is a plain reportlab canvas drawing the same text, the same QR code (the stock
QrCodeWidget) and the same logo on every page. Each measurement runs in its own process so
that ru_maxrss (peak resident memory) belongs to it alone.

    python benchmarks/bench_certificates.py           # 2,000 certificates (and 500 for memory)
    python benchmarks/bench_certificates.py --small   # 200 and 50, a quick check
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _logo(folder: Path) -> str:
    from PIL import Image, ImageDraw

    path = folder / "logo.png"
    image = Image.new("RGB", (600, 200), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((10, 10, 190, 190), fill=(11, 79, 138))
    draw.ellipse((220, 30, 360, 170), fill=(217, 142, 4))
    image.save(path)
    return str(path)


def _workshop(logo: str):
    from toolkit.model import (CertificateRules, Day, Frame, Organisation, Signatory, Text,
                               Workshop)

    frame = Frame(dt.time(9), dt.time(17))
    return Workshop(
        id="bench-2019", title=Text.of({"fr": "Atelier de référence sur la protection",
                                        "en": "Benchmark workshop on protection"}),
        languages=("fr", "en"),
        days=(Day(dt.date(2019, 4, 10), frame), Day(dt.date(2019, 4, 13), frame)),
        programme=(), organisers=(Organisation(Text.of("OIM"), logo=logo),),
        funders=(Organisation(Text.of("Union européenne")),), city=Text.of("Dakar"),
        country="SN",
        certificates=CertificateRules(hours=24, verify_url="https://verify.example.org/{code}",
                                      signatories=(Signatory("Awa Ndiaye", Text.of("Formatrice")),)))


def _people(n: int):
    from toolkit.model import Participant

    return [Participant(f"P{i:05d}", f"Famille{i}", f"Prénom{i} Ƴero") for i in range(n)]


def _codes(n: int) -> list[str]:
    from toolkit.codes import check_character

    alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    out = []
    for i in range(n):
        body = "".join(alphabet[(i >> (5 * k)) % 32] for k in range(7))
        out.append(f"BEN19-{body[:4]}-{body[4:]}{check_character(body)}")
    return out


def run_ours(n: int, folder: Path) -> None:
    from toolkit.render.pdf.certificates import render_certificates

    ws = _workshop(_logo(folder))
    items = [(p, "participation", c) for p, c in zip(_people(n), _codes(n))]
    render_certificates(ws, items, output=folder / "ours.pdf", lang="both")


def run_bare(n: int, folder: Path) -> None:
    """What a competent script would do: a canvas, drawString, the QR widget, drawImage."""
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    from toolkit.render.pdf.theme import SANS, SANS_BOLD, SERIF_BOLD, register_fonts

    register_fonts()
    logo = _logo(folder)
    width, height = landscape(A4)
    c = Canvas(str(folder / "bare.pdf"), pagesize=(width, height), invariant=1,
               initialFontName=SANS, pageCompression=1)
    lines = ["ATTESTATION DE PARTICIPATION", "CERTIFICATE OF PARTICIPATION", "est décernée à",
             "is awarded to", "pour sa participation à l’atelier",
             "Atelier de référence sur la protection", "Dakar (Sénégal), du 10 au 13 avril 2019",
             "24 heures de formation", "Avec le soutien financier de : Union européenne",
             "Awa Ndiaye", "Formatrice", "Fait à Dakar, le 13 avril 2019"]
    for person, code in zip(_people(n), _codes(n)):
        c.drawImage(logo, 30 * mm, height - 40 * mm, 45 * mm, 15 * mm, mask="auto")
        for i, line in enumerate(lines):
            c.setFont(SANS, 11)
            c.drawCentredString(width / 2, height - (55 + 9 * i) * mm, line)
        c.setFont(SERIF_BOLD, 30)
        c.drawCentredString(width / 2, height - 98 * mm, person.full_name)
        c.setFont(SANS_BOLD, 9)
        c.drawString(width - 50 * mm, 16 * mm, code)
        widget = QrCodeWidget(f"https://verify.example.org/{code}", barLevel="M")
        drawing = Drawing(27 * mm, 27 * mm)
        drawing.add(widget)
        renderPDF.draw(drawing, c, width - 50 * mm, 20 * mm)
        c.showPage()
    c.save()


def worker(kind: str, n: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        tracemalloc.start()
        start = time.perf_counter()
        (run_ours if kind == "ours" else run_bare)(n, folder)
        seconds = time.perf_counter() - start
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        size = (folder / f"{kind}.pdf").stat().st_size
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux -> MiB
    return {"kind": kind, "n": n, "seconds": seconds, "traced_peak_mb": peak / 2**20,
            "maxrss_mb": rss, "pdf_mb": size / 2**20}


def _timed_run(kind: str, n: int, trace: bool) -> dict:
    args = [sys.executable, __file__, "--worker", kind, "--n", str(n)]
    if not trace:
        args.append("--no-trace")
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="200 and 50 certificates.")
    parser.add_argument("--worker", choices=["ours", "bare"], help=argparse.SUPPRESS)
    parser.add_argument("--n", type=int, default=2000, help=argparse.SUPPRESS)
    parser.add_argument("--no-trace", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--json", action="store_true",
                        help="end with one JSON line of ratio rows (for benchmarks/run.py)")
    args = parser.parse_args()
    if args.worker:
        if args.no_trace:  # tracemalloc slows Python down; time without it
            with tempfile.TemporaryDirectory() as tmp:
                start = time.perf_counter()
                (run_ours if args.worker == "ours" else run_bare)(args.n, Path(tmp))
                seconds = time.perf_counter() - start
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(json.dumps({"seconds": seconds, "maxrss_mb": rss}))
        else:
            print(json.dumps(worker(args.worker, args.n)))
        return
    big, small = (200, 50) if args.small else (2000, 500)
    times = {k: min(_timed_run(k, big, False)["seconds"] for _ in range(2))
             for k in ("bare", "ours")}
    print(f"{big} certificates, one PDF (best of 2, no tracing):")
    print(f"  bare reportlab script  {times['bare']:7.2f} s")
    print(f"  workshop-toolkit       {times['ours']:7.2f} s")
    print(f"  ratio                  {times['ours'] / times['bare']:7.2f} x   (target <= 2 x)")
    print("memory (tracemalloc peak / ru_maxrss / PDF size):")
    growths = {}
    for kind in ("ours", "bare"):
        runs = [_timed_run(kind, n, True) for n in (small, big)]
        for r in runs:
            print(f"  {kind:5} {r['n']:6d}: {r['traced_peak_mb']:7.1f} MB traced, "
                  f"{r['maxrss_mb']:7.1f} MB rss, PDF {r['pdf_mb']:6.2f} MB")
        growth = (runs[1]["traced_peak_mb"] - runs[0]["traced_peak_mb"]) * 1024 / (big - small)
        growths[kind] = (growth, runs[1]["traced_peak_mb"] / runs[0]["traced_peak_mb"])
        print(f"  {kind:5} growth: {growth:.1f} KB per extra certificate "
              f"(peak {big} / peak {small} = "
              f"{runs[1]['traced_peak_mb'] / runs[0]['traced_peak_mb']:.2f})")
    if args.json:
        ratio = times["ours"] / times["bare"]
        print(json.dumps([
            {"benchmark": f"{big} certificates", "measure": "time / bare reportlab",
             "ratio": ratio, "target": "<= 2", "ok": ratio <= 2},
            {"benchmark": f"{big} certificates", "measure": f"peak mem {big} / {small} (ours)",
             "ratio": growths["ours"][1], "target": "flat", "ok": growths["ours"][1] < 1.5},
            {"benchmark": f"{big} certificates", "measure": "KB per extra certificate (ours)",
             "ratio": growths["ours"][0], "target": "0", "ok": growths["ours"][0] < 1},
        ]))


if __name__ == "__main__":
    main()
