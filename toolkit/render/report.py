"""The evaluation report: report data in, PDF bytes or one file out.

The data (workshop facts in the report's language, the scores, the satisfaction summary,
counts by sex and country) is gathered by the application layer (:mod:`toolkit.app.report`,
:mod:`toolkit.app.portfolio`); the layout lives in :mod:`toolkit.render.pdf.report`. Nothing
here reads a file or computes a statistic.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..scoring.result import PooledScores, ScoreResult

Scores = ScoreResult | PooledScores


@dataclass(frozen=True)
class Demographics:
    """Roster counts by sex and by country (blanks last): never a name."""

    n: int
    sex: tuple[tuple[str, int], ...] = ()
    country: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True)
class WorkshopRow:
    """One workshop of a portfolio: its facts and its matched figures."""

    id: str
    title: str
    dates: str = ""
    n: int = 0
    pre_mean_pct: float | None = None
    post_mean_pct: float | None = None
    mean_gain_pct: float | None = None
    normalized_gain: float | None = None


@dataclass(frozen=True)
class ReportData:
    """Everything the evaluation report shows, already in its language.

    ``score`` is a workshop's :class:`~toolkit.scoring.result.ScoreResult`, or the pooled
    figures of a portfolio; ``satisfaction`` is the survey summary (its ``to_dict()``).
    """

    kind: str = "workshop"  # "workshop" or "portfolio"
    lang: str = "fr"
    workshop_id: str = ""
    title: str = ""
    project: str = ""
    dates: str = ""
    place: str = ""
    organisers: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()
    funders: tuple[str, ...] = ()
    module_titles: Mapping[str, str] = field(default_factory=dict)
    question_texts: Mapping[str, str] = field(default_factory=dict)
    session_titles: Mapping[str, str] = field(default_factory=dict)
    pass_mark: float | tuple[float, ...] = 70.0  # a portfolio may hold several
    score: Scores = field(default_factory=PooledScores)
    satisfaction: Mapping[str, Any] | None = None
    demographics: Demographics | None = None
    workshops: tuple[WorkshopRow, ...] = ()
    unmatched_count: int | None = None  # portfolio: participants who took one test only
    # the two-sided 5 % critical item-rest correlation by item n (below it: noise)
    r_critical: Mapping[int, float | None] = field(default_factory=dict)


def render_report_pdf(data: ReportData) -> bytes:
    """The report's PDF bytes (deterministic: the same data gives the same bytes)."""
    from .pdf.report import render_report

    return render_report(data)


def write_report_pdf(data: ReportData, output: str | os.PathLike[str]) -> Path:
    """Write the report to ``output`` (atomically) and return its path."""
    from .pdf.theme import save_pdf

    return save_pdf(render_report_pdf(data), Path(output))
