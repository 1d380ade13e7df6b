"""Remake the README's preview images from the bundled demo.

    python docs/make_previews.py                      # every image
    python docs/make_previews.py preview-report.png   # only the ones named

Builds the Dakar 2019 demo into a temporary folder and renders one page of the agenda, a
certificate, the evaluation report, the facilitator guide, the handout, the sign-in sheets,
the badges and the paper test to PNG with poppler's pdftoppm (apt install
poppler-utils). A development script: the product itself never needs poppler.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from toolkit.app import demo as build_demo  # noqa: E402

PAGES = [  # (output image, PDF inside the demo folder, page number)
    ("preview-agenda.png", "agenda-en.pdf", 1),
    ("preview-certificate.png", "certificates.pdf", 1),
    ("preview-report.png", "evaluation-report-en.pdf", 1),  # the cover
    ("preview-report-summary.png", "evaluation-report-en.pdf", 2),  # executive summary
    ("preview-report-learning.png", "evaluation-report-en.pdf", 5),
    ("preview-guide-cover.png", "materials/fr/facilitator-guide-fr.pdf", 1),
    ("preview-guide-glance.png", "materials/fr/facilitator-guide-fr.pdf", 3),
    ("preview-handout.png", "materials/en/handout-en.pdf", 3),
    ("preview-sign-in.png", "materials/fr/sign-in-sheets.pdf", 1),
    ("preview-badges.png", "materials/fr/badges.pdf", 1),
    ("preview-paper-test.png", "test-forms/pre-test-paper-fr.pdf", 1),
]


def main(only: list[str] | None = None) -> None:
    """Remake every preview, or only the images named in ``only`` (command-line names)."""
    if shutil.which("pdftoppm") is None:
        sys.exit("pdftoppm not found: apt install poppler-utils")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "demo"
        build_demo(outdir=out)
        for image, pdf, page in PAGES:
            if only and image not in only:
                continue
            stem = Path(tmp) / "page"
            subprocess.run(["pdftoppm", "-png", "-r", "45", "-f", str(page), "-l", str(page),
                            "-singlefile", str(out / pdf), str(stem)], check=True)
            shutil.copyfile(f"{stem}.png", HERE / image)
            print(HERE / image)


if __name__ == "__main__":
    main(sys.argv[1:])
