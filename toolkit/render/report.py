"""`workshop report`: score the tests, read the satisfaction survey, write the evaluation PDF.

The orchestration only: figures come from :func:`toolkit.scoring.run.run_scoring` (its
``to_dict()``, the score contract) and :func:`toolkit.scoring.satisfaction.read_satisfaction`;
the layout lives in :mod:`toolkit.render.pdf.report`. What reaches the PDF is one plain
dictionary (``report data``) holding no names, e-mails or phone numbers: participants appear
by id, the roster only as counts by sex and country.
"""
from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from typing import Any, Callable, Sequence

from ..i18n import country_name, document_language
from ..model import Workshop

DEFAULT_PASS_MARK = 70.0


def write_report(*, workshop: Any = None, key: str | os.PathLike | None = None,
                 form: str | os.PathLike | None = None, pre: str | os.PathLike | None = None,
                 post: str | os.PathLike | None = None,
                 participants: str | os.PathLike | None = None, id_column: str | None = None,
                 match: str = "auto", group_by: Sequence[str] = ("sex",),
                 partial_credit: bool = False, satisfaction: str | os.PathLike | None = None,
                 output: str | os.PathLike | None = None, lang: str | None = None,
                 portfolio: bool = False,
                 progress: Callable[[int, int], None] | None = None) -> Path:
    """Write the evaluation report PDF (one workshop, or a portfolio) and return its path."""
    from ..fileio import check_not_input
    from .pdf.report import render_report

    if portfolio:
        from .portfolio import portfolio_data

        data = portfolio_data(workshop, group_by=group_by, match=match,
                              partial_credit=partial_credit, lang=lang, progress=progress)
        out = Path(output) if output else \
            Path("reports") / "portfolio" / f"evaluation-portfolio-{data['lang']}.pdf"
        inputs: list[Any] = []
    else:
        data, inputs = report_data(
            workshop=workshop, key=key, form=form, pre=pre, post=post,
            participants=participants, id_column=id_column, match=match, group_by=group_by,
            partial_credit=partial_credit, satisfaction=satisfaction, lang=lang)
        out = Path(output) if output else \
            Path("reports") / (data["workshop_id"] or "report") / \
            f"evaluation-report-{data['lang']}.pdf"
    check_not_input(out, inputs)
    from .pdf.theme import save_pdf

    return save_pdf(render_report(data), out)


def load(workshop: Any) -> Workshop | None:
    """A Workshop from None, a model object, a YAML path or an id."""
    if workshop is None or isinstance(workshop, Workshop):
        return workshop
    from ..curriculum import load_workshop

    return load_workshop(workshop)


def report_data(*, workshop: Any = None, key: Any = None, form: Any = None, pre: Any = None,
                post: Any = None, participants: Any = None, id_column: str | None = None,
                match: str = "auto", group_by: Sequence[str] = ("sex",),
                partial_credit: bool = False, satisfaction: Any = None,
                lang: str | None = None) -> tuple[dict[str, Any], list[Any]]:
    """Everything the report shows, as plain data (and the input paths, never overwritten)."""
    from ..scoring.run import run_scoring

    ws = load(workshop)
    if ws is not None:
        files = ws.files
        pre = pre or files.pre or None
        post = post or files.post or None
        participants = participants or files.participants or None
        if satisfaction is None and files.satisfaction and Path(files.satisfaction).exists():
            satisfaction = files.satisfaction
    lang = document_language(ws.languages if ws is not None else (), lang)
    result = run_scoring(workshop=ws, key=key, form=form, pre=pre, post=post,
                         participants=participants, id_column=id_column, match=match,
                         group_by=list(group_by), partial_credit=partial_credit)
    roster = result.linked.participants
    sat = None
    if satisfaction:
        from ..scoring.satisfaction import read_satisfaction

        sat = read_satisfaction(satisfaction, participants=roster or None).to_dict()
    data = {
        "kind": "workshop",
        "lang": lang,
        "workshop_id": ws.id if ws is not None else "",
        **workshop_info(ws, lang),
        "pass_mark": ws.tests.pass_mark if ws is not None else DEFAULT_PASS_MARK,
        "score": result.to_dict(),
        "satisfaction": sat,
        "demographics": demographics(roster.values()) if roster else None,
    }
    return data, [key, form, pre, post, participants, satisfaction]


def workshop_info(ws: Workshop | None, lang: str) -> dict[str, Any]:
    """Title, dates, place, organisers and funders in ``lang`` (empty when no workshop)."""
    if ws is None:
        return {"title": "", "project": "", "dates": "", "place": "", "organisers": [],
                "partners": [], "funders": [], "module_titles": {}, "question_texts": {},
                "session_titles": {}}
    from ..i18n import format_date_range

    fallback = tuple(ws.languages)
    dates = ""
    if ws.days:
        dates = format_date_range(ws.days[0].date, ws.days[-1].date, lang)
    place = ", ".join(p for p in (ws.venue.get(lang, fallback), ws.city.get(lang, fallback),
                                  country_name(ws.country, lang)) if p)
    return {
        "title": ws.title.get(lang, fallback),
        "project": ws.project.get(lang, fallback),
        "dates": dates,
        "place": place,
        "organisers": [o.name.get(lang, fallback) for o in ws.organisers],
        "partners": [o.name.get(lang, fallback) for o in ws.partners],
        "funders": [o.name.get(lang, fallback) for o in ws.funders],
        "module_titles": {m.id: m.title.get(lang, fallback) for m in ws.modules},
        "question_texts": {q.id: q.text.get(lang, fallback) for m in ws.modules
                           for q in m.questions},
        "session_titles": {x.id: x.title.get(lang, fallback) for m in ws.modules
                           for x in m.sessions},
    }


def demographics(people: Any) -> dict[str, Any]:
    """Counts of roster participants by sex and by country (no names)."""
    people = list(people)
    sexes = Counter(p.sex or "" for p in people)
    countries = Counter(p.country.strip() or "" for p in people)
    return {"n": len(people),
            "sex": sorted(sexes.items(), key=lambda kv: (kv[0] == "", kv[0])),
            "country": sorted(countries.items(), key=lambda kv: (kv[0] == "", -kv[1], kv[0]))}


