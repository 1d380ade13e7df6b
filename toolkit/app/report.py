"""The evaluation report's data: a session's scores, satisfaction and roster counts.

What reaches the PDF holds no names, e-mails or phone numbers: participants appear by id, the
roster only as counts by sex and by country. The layout lives in :mod:`toolkit.render.report`.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from ..i18n import country_name
from ..model import Participant, Workshop

if TYPE_CHECKING:
    from ..render.report import Demographics, ReportData
    from .session import WorkshopSession


def report_data(session: WorkshopSession, lang: str) -> ReportData:
    """Everything the report of one workshop (or one key and its exports) shows."""
    from ..render.report import ReportData

    ws = session.workshop
    result = session.score()
    roster = result.linked.participants
    sat = session.satisfaction()
    return ReportData(kind="workshop", lang=lang, workshop_id=ws.id if ws is not None else "",
                      **workshop_info(ws, lang), pass_mark=session.pass_mark, score=result,
                      satisfaction=sat.to_dict() if sat is not None else None,
                      demographics=demographics(roster.values()) if roster else None,
                      r_critical=critical_r(result.items))


def critical_r(items: Iterable[Any]) -> dict[int, float | None]:
    """The two-sided 5 % critical correlation for each item n (the report's noise line)."""
    from ..scoring.stats import r_critical

    sizes = {stats.n for item in items for stats in (item.pre, item.post) if stats is not None}
    return {n: r_critical(n) for n in sorted(sizes)}


def workshop_info(ws: Workshop | None, lang: str) -> dict[str, Any]:
    """Title, dates, place, organisers and funders in ``lang`` (empty when no workshop)."""
    if ws is None:
        return {"title": "", "project": "", "dates": "", "place": "", "organisers": (),
                "partners": (), "funders": (), "module_titles": {}, "question_texts": {},
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
        "organisers": tuple(o.name.get(lang, fallback) for o in ws.organisers),
        "partners": tuple(o.name.get(lang, fallback) for o in ws.partners),
        "funders": tuple(o.name.get(lang, fallback) for o in ws.funders),
        "module_titles": {m.id: m.title.get(lang, fallback) for m in ws.modules},
        "question_texts": {q.id: q.text.get(lang, fallback) for m in ws.modules
                           for q in m.questions},
        "session_titles": {x.id: x.title.get(lang, fallback) for m in ws.modules
                           for x in m.sessions},
    }


def demographics(people: Iterable[Participant]) -> Demographics:
    """Counts of roster participants by sex and by country (no names)."""
    people = list(people)
    return counts(Counter(p.sex or "" for p in people),
                  Counter(p.country.strip() or "" for p in people), len(people))


def counts(sexes: Counter, countries: Counter, n: int) -> Demographics:
    """n, and (value, count) pairs by sex and by country, blanks last."""
    from ..render.report import Demographics

    return Demographics(
        n, tuple(sorted(sexes.items(), key=lambda kv: (kv[0] == "", kv[0]))),
        tuple(sorted(countries.items(), key=lambda kv: (kv[0] == "", -kv[1], kv[0]))))
