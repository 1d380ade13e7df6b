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
class AttendanceRates:
    """The attendance sheet as counts: people on it, and how many were present each half-day."""

    n: int  # participants on the sheet
    half_days: tuple[tuple[str, int], ...] = ()  # (label in the report's language, present)


@dataclass(frozen=True)
class CertificateCounts:
    """How many people earned each kind of certificate (what the session decided)."""

    participation: int = 0
    completion: int = 0
    none: int = 0
    threshold_pct: float = 75.0  # attendance share needed, in %
    pass_mark: float | None = None  # post-test % for a certificate of completion


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
    place: str = ""


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
    # the cover: logo image paths (or "") in the order of organisers / partners / funders
    organiser_logos: tuple[str, ...] = ()
    partner_logos: tuple[str, ...] = ()
    funder_logos: tuple[str, ...] = ()
    eu_funded: bool = False  # one of the funders is the European Union
    author: str = ""  # "" = the organisers
    version: str = "1"
    generated: str = ""  # the date of generation, written the local way
    recommendations: tuple[str, ...] = ()  # the organisers', in the report's language
    attendance: AttendanceRates | None = None  # None: no attendance sheet was given
    certificates: CertificateCounts | None = None  # None: no decision could be made
    # satisfaction statements (survey column headers) in the report's language, when known
    statement_texts: Mapping[str, str] = field(default_factory=dict)
    # the language of each quoted comment (normalised text -> "fr"/"en"), when recognised
    comment_languages: Mapping[str, str] = field(default_factory=dict)


def render_report_pdf(data: ReportData) -> bytes:
    """The report's PDF bytes (deterministic: the same data gives the same bytes)."""
    from .pdf.report import render_report

    return render_report(data)


def write_report_pdf(data: ReportData, output: str | os.PathLike[str]) -> Path:
    """Write the report to ``output`` (atomically) and return its path."""
    from .pdf.theme import save_pdf

    return save_pdf(render_report_pdf(data), Path(output))
