"""A portfolio report: several workshops scored one at a time, pooled over participants.

Each workshop gets its own session, is scored, reduced to a summary row and to running sums
(:class:`toolkit.scoring.pooled.Pool`), then dropped before the next one is read: memory stays
bounded by the number of workshops, not of participants.
"""
from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ToolkitError
from ..i18n import _, document_language
from ..model import DEFAULT_PASS_MARK
from ..resolve import resolve_workshop
from .report import counts, generated_on, workshop_info
from .session import ScoreOptions, WorkshopSession

if TYPE_CHECKING:
    from ..render.report import ReportData


def workshop_paths(items: Any) -> list[Any]:
    """Workshop files from paths, ids and folders (a folder gives its *.yaml, sorted)."""
    if items is None:
        return []
    if isinstance(items, (str, Path)) or not isinstance(items, Iterable):
        items = [items]
    out: list[Any] = []
    for item in items:
        if isinstance(item, (str, Path)) and Path(item).is_dir():
            found = sorted(p for p in Path(item).iterdir() if p.suffix in (".yaml", ".yml"))
            if not found:
                raise ToolkitError(_("{item}: this folder holds no workshop file (*.yaml). Give "
                                     "workshop files or a folder of them.").format(item=item))
            out += found
        else:
            out.append(item)
    return out


def portfolio_data(workshops: Any, *, group_by: Sequence[str] = ("sex",), match: str = "auto",
                   partial_credit: bool = False, lang: str | None = None,
                   progress: Callable[[int, int], None] | None = None) -> ReportData:
    """Report data for several workshops: a row each and figures pooled over participants."""
    from ..render.report import WorkshopRow
    from ..scoring.pooled import Pool

    paths = workshop_paths(workshops)
    if not paths:
        raise ToolkitError(_("A portfolio report needs workshops: give several workshop files, "
                             "ids, or a folder of workshop files."))
    options = ScoreOptions(match=match, group_by=tuple(group_by),
                           partial_credit=partial_credit)
    pool = Pool()
    rows: list[WorkshopRow] = []
    starts, ends = [], []
    cover: dict[str, dict[str, str]] = {"organisers": {}, "partners": {}, "funders": {}}
    eu, recommendations = False, []
    for done, item in enumerate(paths):
        ws = resolve_workshop(item)
        assert ws is not None
        lang = document_language(ws.languages, lang)
        info = workshop_info(ws, lang)
        for key, names in cover.items():  # every workshop's organisations, each once
            logos = info[f"{key[:-1]}_logos"]
            for name, logo in zip(info[key], logos):
                names[name] = names.get(name) or logo
        eu = eu or info["eu_funded"]
        recommendations += [r for r in info["recommendations"] if r not in recommendations]
        if ws.days:
            starts.append(ws.days[0].date)
            ends.append(ws.days[-1].date)
        row = WorkshopRow(ws.id, info["title"], info["dates"], place=info["place"])
        files = ws.files
        if files.pre and files.post and Path(files.pre).exists() and Path(files.post).exists():
            session = WorkshopSession(ws, options)
            result = session.score()
            pool.add(result, options.group_by, session.pass_mark)
            m = result.matched
            if m is not None:
                row = replace(row, n=m.n, pre_mean_pct=m.pre_mean_pct,
                              post_mean_pct=m.post_mean_pct, mean_gain_pct=m.mean_gain_pct,
                              normalized_gain=m.normalized_gain)
            del result, session
        rows.append(row)
        if progress:
            progress(done + 1, len(paths))
    data = _data(pool, rows, starts, ends, options.group_by, document_language((), lang))
    orgs, partners, funders = (cover[k] for k in ("organisers", "partners", "funders"))
    return replace(data, eu_funded=eu, recommendations=tuple(recommendations),
                   organisers=tuple(orgs), organiser_logos=tuple(orgs.values()),
                   partners=tuple(partners), partner_logos=tuple(partners.values()),
                   funders=tuple(funders), funder_logos=tuple(funders.values()))


def _data(pool: Any, rows: list, starts: list, ends: list, group_by: Sequence[str],
          lang: str) -> ReportData:
    from ..i18n import format_date_range, ngettext
    from ..render.report import ReportData
    from ..scoring.result import PooledScores

    dates = format_date_range(min(starts), max(ends), lang) if starts else ""
    count = len(rows)
    title = ngettext("{n} workshop", "{n} workshops", count, lang).format(n=count)
    scores = PooledScores(matched=pool.all.matched(),
                          groups={column: pool.group_rows(column) for column in group_by})
    return ReportData(kind="portfolio", lang=lang, workshop_id="portfolio", title=title,
                      dates=dates, pass_mark=tuple(sorted(pool.marks)) if pool.marks
                      else DEFAULT_PASS_MARK,
                      score=scores,
                      demographics=counts(pool.sex, pool.country, pool.people)
                      if pool.people else None,
                      workshops=tuple(rows), unmatched_count=pool.unmatched,
                      generated=generated_on(lang))


def write_portfolio(workshops: Any, *, output: str | os.PathLike[str] | None = None,
                    lang: str | None = None, group_by: Sequence[str] = ("sex",),
                    match: str = "auto", partial_credit: bool = False,
                    progress: Callable[[int, int], None] | None = None) -> Path:
    """Write the portfolio report; default reports/portfolio/evaluation-portfolio-<lang>.pdf."""
    from ..render.report import write_report_pdf

    data = portfolio_data(workshops, group_by=group_by, match=match,
                          partial_credit=partial_credit, lang=lang, progress=progress)
    out = Path(output) if output else \
        Path("reports") / "portfolio" / f"evaluation-portfolio-{data.lang}.pdf"
    return write_report_pdf(data, out)
