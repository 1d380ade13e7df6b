"""Benchmark: handout rendering time against the length of one session's handout text.

Renders the example workshop's French handout with one session text of 200 KB, 400 KB and
800 KB (2.2 MB without --small) and prints the CPU seconds and the ratio of each doubling
(linear: about 2; the text used to be one Paragraph that reportlab re-wrapped at every page,
4.8 per doubling, 162 s for 1.1 MB). Run: python benchmarks/bench_handout.py
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))


def main() -> None:
    from test_handout_scale import _prose, _workshop  # the workshop the scaling test renders

    from toolkit.render.pdf.handout import handout_pdf

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", action="store_true", help="200, 400 and 800 KB only")
    parser.add_argument("--json", action="store_true",
                        help="end with one JSON line of rows (for benchmarks/run.py)")
    args = parser.parse_args()
    sizes = [200, 400, 800] + ([] if args.small else [2200])
    seconds = {}
    with tempfile.TemporaryDirectory() as tmp:
        for kb in sizes:
            folder = Path(tmp) / str(kb)
            ws = _workshop(folder, _prose(kb * 1000))
            if kb == sizes[0]:
                handout_pdf(ws, "fr")  # fonts and imports loaded before anything is timed
            start = time.process_time()
            pdf = handout_pdf(ws, "fr")
            seconds[kb] = time.process_time() - start
            shutil.rmtree(folder)
            print(f"{kb:>5} KB of handout text: {seconds[kb]:.2f} s CPU, "
                  f"{len(pdf) // 1000:,} KB of PDF")
    ratio = seconds[400] / seconds[200]
    print(f"400 KB / 200 KB: {ratio:.2f} (linear: 2; the test requires < 3)")
    if args.json:
        print(json.dumps([{"benchmark": "handout: 400 KB vs 200 KB text",
                           "measure": "CPU time ratio", "ratio": ratio, "target": "< 3",
                           "ok": ratio < 3}]))


if __name__ == "__main__":
    main()
