"""The evaluation report: report data in, PDF bytes or one file out.

The data (workshop facts in the report's language, the scores, the satisfaction summary,
counts by sex and country) is gathered by the application layer (:mod:`toolkit.app.report`,
:mod:`toolkit.app.portfolio`); the layout lives in :mod:`toolkit.render.pdf.report`. Nothing
here reads a file or computes a statistic.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any


def render_report_pdf(data: dict[str, Any]) -> bytes:
    """The report's PDF bytes (deterministic: the same data gives the same bytes)."""
    from .pdf.report import render_report

    return render_report(data)


def write_report_pdf(data: dict[str, Any], output: str | os.PathLike[str]) -> Path:
    """Write the report to ``output`` (atomically) and return its path."""
    from .pdf.theme import save_pdf

    return save_pdf(render_report_pdf(data), Path(output))
