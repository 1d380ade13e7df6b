"""The evaluation report's data: a session's scores, satisfaction and roster counts.

What reaches the PDF holds no names, e-mails or phone numbers: participants appear by id, the
roster only as counts by sex and by country. The layout lives in :mod:`toolkit.render.report`.
"""
from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..i18n import country_name
from ..model import Participant, Workshop

if TYPE_CHECKING:
    from ..attendance import Attendance
    from ..render.report import AttendanceRates, CertificateCounts, Demographics, ReportData
    from .session import WorkshopSession


def report_data(session: WorkshopSession, lang: str) -> ReportData:
    """Everything the report of one workshop (or one key and its exports) shows."""
    from ..render.report import ReportData

    ws = session.workshop
    result = session.score()
    roster = result.linked.participants
    sat = session.satisfaction()
    survey = sat.to_dict() if sat is not None else None
    # a sheet named in the workshop file but not there yet counts as not given
    given = session.attendance_file
    sheet = session.attendance() if ws is not None and given and (
        not isinstance(given, (str, os.PathLike)) or Path(given).is_file()) else None
    return ReportData(kind="workshop", lang=lang, workshop_id=ws.id if ws is not None else "",
                      **workshop_info(ws, lang), pass_mark=session.pass_mark, score=result,
                      satisfaction=survey,
                      demographics=demographics(roster.values()) if roster else None,
                      r_critical=critical_r(result.items),
                      attendance=attendance_rates(sheet, lang) if sheet is not None else None,
                      certificates=certificate_counts(session, sheet),
                      statement_texts=statement_texts(ws, survey, lang),
                      comment_languages=comment_languages(survey))


def generated_on(lang: str) -> str:
    """Today written the local way ("3 décembre 2026"); SOURCE_DATE_EPOCH, when set, fixes
    the day (reproducible builds)."""
    import datetime as dt
    import os

    from ..i18n import format_date

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    day = (dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).date() if epoch.isdigit()
           else dt.date.today())
    return format_date(day, lang)


def attendance_rates(sheet: Attendance, lang: str) -> AttendanceRates:
    """People on the attendance sheet and how many were present at each half-day."""
    import datetime as dt

    from ..i18n import N_, format_date, gettext
    from ..render.report import AttendanceRates

    halves = {"am": gettext(N_("morning"), lang), "pm": gettext(N_("afternoon"), lang)}
    rows = []
    for half in sheet.half_days:
        try:
            day = format_date(dt.date.fromisoformat(half.day), lang, weekday=True)
        except ValueError:  # "day 01", a weekday: the sheet's own header
            day = ""
        label = f"{day}, {halves[half.half]}" if day else half.label()
        rows.append((label, sum(half.header in present for present in sheet.present.values())))
    return AttendanceRates(len(sheet.present), tuple(rows))


def certificate_counts(session: WorkshopSession, sheet: Attendance | None
                       ) -> CertificateCounts | None:
    """How many people of the roster earn each kind of certificate (None without a roster
    and an attendance sheet, which the decision needs)."""
    ws = session.workshop
    roster = session.roster() if ws is not None else None
    if ws is None or sheet is None or not roster:
        return None
    from ..certificates import decide
    from ..render.report import CertificateCounts

    rules = ws.certificates
    kinds = Counter(d.type for d in decide(ws, roster, sheet,
                                           session.post_scores() if session.post else None))
    return CertificateCounts(kinds["participation"], kinds["completion"], kinds["none"],
                             100 * rules.attendance_threshold, rules.pass_mark)


def _plain(text: str) -> str:
    """Letters and digits only, lower case, no accents: to compare a header with a label."""
    import unicodedata

    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    return " ".join("".join(c if c.isalnum() else " " for c in text).split())


def statement_texts(ws: Workshop | None, survey: Mapping[str, Any] | None,
                    lang: str) -> dict[str, str]:
    """Each survey column that is one of the workshop survey's questions, in ``lang``.

    A header is recognised when it is close (85 % alike, ignoring accents, case and
    punctuation) to the question's label in any of the workshop's languages."""
    if ws is None or not survey:
        return {}
    from difflib import SequenceMatcher

    from ..survey_forms import satisfaction_questions

    labels = [(q.label, [_plain(text) for _, text in q.label.values])
              for q in satisfaction_questions(ws)]
    columns = [str(i["column"]) for key in ("items", "sessions") for i in survey.get(key) or []]
    columns += [str(x["column"]) for x in (survey.get("overall"), survey.get("nps")) if x]
    out: dict[str, str] = {}
    for column in columns:
        plain = _plain(column)
        best, score = None, 0.0
        for label, texts in labels:
            ratio = max(SequenceMatcher(None, plain, t).ratio() for t in texts)
            if ratio > score:
                best, score = label, ratio
        if best is not None and score >= 0.85:
            out[column] = best.get(lang, tuple(ws.languages))
    return out


_FRENCH = ("le la les des du un une et est sont pour dans sur avec pas plus tres nous vous je "
           "il elle etait etaient merci trop aux ces cette mais entre tous toutes")
_ENGLISH = ("the a an and is are for in on with not more very we you i it was thanks thank too "
            "to of please would like this that but")
_WORDS = {"fr": frozenset(_FRENCH.split()), "en": frozenset(_ENGLISH.split())}  # no accents


def comment_languages(survey: Mapping[str, Any] | None) -> dict[str, str]:
    """The language of each comment (its normalised text -> "fr" or "en") when its common
    words say so clearly; comments in no recognised language are left out."""
    out: dict[str, str] = {}
    for comment in (survey or {}).get("comments") or []:
        text = " ".join(str(comment.get("text", "")).split())
        words = _plain(text).split()
        hits = {lang: sum(w in common for w in words) for lang, common in _WORDS.items()}
        ranked = sorted(hits.items(), key=lambda kv: -kv[1])
        if ranked[0][1] >= 2 and ranked[0][1] >= 2 * ranked[1][1]:
            out[text] = ranked[0][0]
    return out


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
                "session_titles": {}, "generated": generated_on(lang)}
    from ..i18n import format_date_range
    from ..render.pdf.visibility import has_logo, is_eu

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
        "organiser_logos": tuple(o.logo if has_logo(o) else "" for o in ws.organisers),
        "partner_logos": tuple(o.logo if has_logo(o) else "" for o in ws.partners),
        "funder_logos": tuple(o.logo if has_logo(o) else "" for o in ws.funders),
        "eu_funded": any(is_eu(o) for o in ws.funders),
        "author": ws.report.author.get(lang, fallback),
        "version": ws.report.version or "1",
        "generated": generated_on(lang),
        "recommendations": tuple(r.get(lang, fallback) for r in ws.recommendations),
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
