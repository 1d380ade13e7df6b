"""The report's first pages: the cover, the executive summary, participation and certificates.

Written for the reader who funds the next workshop: the cover names who organised and who
paid (their logos, or a deliberate line of text), the executive summary gives the findings
with their uncertainty and the organisers' recommendations on one page, then participation
(attendance per half-day) and the certificates issued.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table, TableStyle

from ...i18n import ngettext
from ...i18n.typography import typeset
from .report_kit import MIN_N_TESTS, Fmt, block, bullet, data_table, gap, mark_text, safe
from .report_text import tr
from .theme import RULE, SANS

if TYPE_CHECKING:
    from ..report import Demographics, ReportData

LOGO_H = 14 * mm


def cover_page(data: ReportData, st, f: Fmt, *, width: float) -> list:
    """Title, dates, place, organisers' and funders' logos (or their names), author, date,
    version; then a page break."""
    from .visibility import EUFundingMark, Logo, eu_disclaimer, logo_strip

    lang = data.lang
    kind = "portfolio_title" if data.kind == "portfolio" else "doc_title"
    out: list = [Spacer(1, 18 * mm), Paragraph(tr(kind, lang).upper(), st.small),
                 Paragraph(safe(typeset(data.title or tr(kind, lang), lang)), st.title)]
    if data.project:
        out.append(Paragraph(safe(typeset(data.project, lang)), st.subtitle))
    facts = [(tr(k, lang), v) for k, v in (("dates", data.dates), ("place", data.place)) if v]
    if data.kind == "portfolio":  # which workshops the figures pool
        label = ngettext("Workshop", "Workshops", len(data.workshops), lang)
        facts += [(label if i == 0 else "",
                   ", ".join(x for x in (r.title, r.place, r.dates) if x))
                  for i, r in enumerate(data.workshops)]
    if facts:
        out += [gap(6), facts_table(facts, st, width=width), gap(14)]
    sep = tr("semicolon", lang)
    for key, names, logos in (("organised_by", data.organisers, data.organiser_logos),
                              ("with_partners", data.partners, data.partner_logos),
                              ("funded_by", data.funders, data.funder_logos)):
        if not names:
            continue
        paths = [logos[i] if i < len(logos) else "" for i in range(len(names))]
        marks: list = [Logo(p, 45 * mm, LOGO_H) for p in paths if p]
        if key == "funded_by" and data.eu_funded and not any(paths):
            marks.insert(0, EUFundingMark(lang, 11 * mm))
        out.append(Paragraph(f"<b>{tr(key, lang)}</b>", st.body))
        if marks:
            out += [logo_strip(marks, width), gap(3)]
        # the names are written out too: a logo alone does not say who paid
        out += [Paragraph(safe(typeset(sep.join(names), lang)), st.body), gap(8)]
    if data.eu_funded:
        out.append(Paragraph(safe(eu_disclaimer(lang)), st.small))
    author = data.author or sep.join(data.organisers) or "workshop-toolkit"
    meta = [(tr("author", lang), author), (tr("report_date", lang), data.generated),
            (tr("version", lang), data.version or "1")]
    out += [gap(24), AtBottom(facts_table([(k, v) for k, v in meta if v], st, width=width)),
            PageBreak()]
    return out


class AtBottom(Flowable):
    """A flowable drawn at the bottom of the frame (the cover's author, date and version),
    taking the room left above it."""

    def __init__(self, inner: Flowable):
        super().__init__()
        self.inner = inner

    def wrap(self, availWidth, availHeight):
        width, height = self.inner.wrap(availWidth, availHeight)
        self.inner_height = height
        self.width, self.height = availWidth, max(height, availHeight - 1)
        return self.width, self.height

    def draw(self) -> None:
        self.inner.drawOn(self.canv, 0, 0)


def facts_table(rows: list[tuple[str, str]], st, *, width: float) -> Table:
    """Label / value lines under thin rules (the cover's facts)."""
    label_w = 34 * mm
    table = Table([[Paragraph(k, st.cell_bold), Paragraph(safe(v), st.cell)] for k, v in rows],
                  colWidths=[label_w, width - label_w], hAlign="LEFT")
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), SANS),
                               ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
    return table


# ------------------------------------------------------------------ executive summary


def executive_summary(data: ReportData, st, f: Fmt, *, width: float,
                      extra: list | None = None) -> list:
    """One page: 3 to 5 findings written from the figures, each with its n and uncertainty,
    then the organisers' recommendations (or what to write there); a page break after."""
    lang = f.lang
    out: list = [Paragraph(tr("exec_summary", lang), st.h1),
                 Paragraph(tr("findings", lang), st.h2)]
    out += [bullet(_lead(line), st) for line in findings(data, f)]
    m = data.score.matched
    with_ci = m is not None and m.n >= MIN_N_TESTS
    out.append(Paragraph(tr("findings_note" if with_ci else "findings_note_noci", lang),
                         st.note))
    out += extra or []
    out.append(Paragraph(tr("recommendations", lang), st.h2))
    if data.recommendations:
        out += [bullet(safe(typeset(r, lang)), st) for r in data.recommendations]
    else:
        out.append(Paragraph(tr("no_recommendations", lang), st.body))
    return out + [PageBreak()]


def _lead(text: str) -> str:
    """The finding's first words, up to its colon ("Learning:"), in bold."""
    i = text.find(":")
    return f"<b>{text[:i + 1]}</b>{text[i + 1:]}" if 0 < i < 40 else text


def findings(data: ReportData, f: Fmt) -> list[str]:
    """The executive summary's findings (markup), from the figures only."""
    out = [line for line in (portfolio_finding(data, f), learning_finding(data, f),
                             pass_finding(data, f),
                             satisfaction_finding(data, f), attendance_finding(data, f),
                             weakest_finding(data, f)) if line]
    return out


def portfolio_finding(data: ReportData, f: Fmt) -> str:
    """A portfolio's spread: how many workshops, and the lowest and highest mean gains."""
    rows = [r for r in data.workshops if r.n and r.mean_gain_pct is not None]
    if data.kind != "portfolio" or not rows:
        return ""
    low = min(rows, key=lambda r: r.mean_gain_pct or 0.0)
    high = max(rows, key=lambda r: r.mean_gain_pct or 0.0)

    def name(r) -> str:
        return safe(", ".join(x for x in (r.place or r.title, r.dates) if x))

    count = ngettext("{n} workshop", "{n} workshops", len(data.workshops),
                     f.lang).format(n=len(data.workshops))
    return tr("f_workshops", f.lang, count=count, low=f.signed(low.mean_gain_pct),
              low_w=name(low), high=f.signed(high.mean_gain_pct), high_w=name(high))


def learning_finding(data: ReportData, f: Fmt) -> str:
    lang = f.lang
    score = data.score
    m = score.matched
    if m is not None and m.n:
        gain = m.mean_gain_pct or 0.0
        values = {"pre": f.pct(m.pre_mean_pct), "post": f.pct(m.post_mean_pct),
                  "gain": f.signed(gain), "n": m.n}
        lo, hi = m.gain_ci95 or (None, None)
        if m.n >= MIN_N_TESTS and lo is not None and hi is not None:
            text = tr("f_gain" if gain >= 0 else "f_loss", lang, lo=f.signed(lo),
                      hi=f.signed(hi), **values)
            if lo <= 0 <= hi:
                text += " " + tr("s_unclear", lang)
            return text
        return tr("f_gain_small" if gain >= 0 else "f_loss_small", lang, **values)
    if m is not None:
        return tr("s_none_matched", lang)
    for stage in ("post", "pre"):
        s = score.summary(stage)
        if s is not None and s.n:
            return tr("f_one_test", lang, test=tr(f"{stage}_test", lang), n=s.n,
                      mean=f.pct(s.mean_pct))
    return ""


def pass_finding(data: ReportData, f: Fmt) -> str:
    m = data.score.matched
    if m is None or not m.n:
        return ""
    iv = (data.score.intervals or {}).get("mastery_post_pct_ci95") if m.n >= MIN_N_TESTS \
        else None
    ci = tr("f_ci", f.lang, lo=f.num(iv[0]), hi=f.num(iv[1])) if iv else ""
    return tr("f_pass", f.lang, post=f.pct(m.mastery_post_pct), mark=mark_text(data, f), ci=ci,
              pre=f.pct(m.mastery_pre_pct), n=m.n)


def satisfaction_finding(data: ReportData, f: Fmt) -> str:
    lang = f.lang
    sat = data.satisfaction
    if not sat:
        return tr("f_no_satisfaction", lang) if data.kind == "workshop" else ""
    overall = sat.get("overall")
    if overall and overall.get("top2_pct") is not None:
        return tr("f_overall", lang, pct=f.pct(overall["top2_pct"]), n=overall["n_valid"])
    if sat.get("satisfied_pct") is not None:
        return tr("f_satisfied", lang, pct=f.pct(sat["satisfied_pct"]),
                  answers=sat.get("n_pooled_answers", 0), k=len(sat.get("items") or []),
                  n=sat.get("n_responses", 0))
    return ""


def attendance_finding(data: ReportData, f: Fmt) -> str:
    lang = f.lang
    if data.kind != "workshop":
        return ""
    att = data.attendance
    if att is None or not att.n or not att.half_days:
        text = tr("f_no_attendance", lang)
    else:
        rates = [present / att.n * 100 for _, present in att.half_days]
        low = min(range(len(rates)), key=lambda i: (rates[i], i))
        text = tr("f_attendance", lang, rate=f.pct(sum(rates) / len(rates)),
                  k=len(rates), n=att.n, low=safe(att.half_days[low][0]),
                  low_pct=f.pct(rates[low]))
    cert = data.certificates
    if cert is not None:
        text += " " + certificates_sentence(cert, lang)
    return text


def certificates_sentence(cert, lang: str) -> str:
    none = ngettext("{n} person earned none", "{n} people earned none", cert.none,
                    lang).format(n=cert.none)
    return tr("f_certificates", lang, completion=cert.completion,
              participation=cert.participation, none=none)


def weakest_finding(data: ReportData, f: Fmt, count: int = 3) -> str:
    """The questions least often answered correctly at the end (post-test, else pre-test)."""
    from .report_kit import question_numbers

    items = data.score.items
    if not items:
        return ""
    has_post = any(i.post is not None and i.post.n for i in items)
    numbers = question_numbers(items)
    shown = []
    for item in items:
        stats = item.post if has_post else item.pre
        if stats is not None and stats.n and stats.facility is not None:
            shown.append((stats.facility, numbers[item.id], stats.n))
    if not shown:
        return ""
    shown.sort()
    lowest = shown[:count]
    listed = ", ".join(tr("f_question_pct", f.lang, q=q, pct=f.pct(v)) for v, q, _ in lowest)
    test = tr("post_test" if has_post else "pre_test", f.lang)
    return tr("f_weakest", f.lang, test=test, listed=listed, n=max(n for *_, n in lowest))


# ------------------------------------------------------------------ participation


def participation_section(data: ReportData, st, f: Fmt, *, width: float) -> list:
    """Who came (counts by sex and country, who took which test), attendance per half-day,
    then the certificates by kind."""
    lang = f.lang
    out: list = [Paragraph(tr("participation", lang), st.h1)]
    out += participants_block(data.demographics, st, f)
    tests = tests_taken(data, f)
    if tests:
        out.append(Paragraph(tests, st.body))
    att = data.attendance
    if att is None or not att.half_days:
        out.append(block(Paragraph(tr("attendance", lang), st.h2),
                         Paragraph(tr("no_attendance", lang), st.body)))
    else:
        rows = [[safe(label), str(present), f.pct(present / att.n * 100 if att.n else None)]
                for label, present in att.half_days]
        total = sum(p for _, p in att.half_days)
        mean = total / len(att.half_days)
        rows.append([f"<b>{tr('mean_half_day', lang)}</b>", f.num(mean),
                     f.pct(mean / att.n * 100 if att.n else None)])
        header = [tr("half_day", lang), tr("present_of", lang, n=att.n), tr("rate", lang)]
        table = data_table(header, rows, st, widths=[w * width for w in (0.6, 0.2, 0.2)],
                           bold_last=True)
        out.append(block(Paragraph(tr("attendance_title", lang, n=att.n), st.h2), table,
                         Paragraph(tr("attendance_note", lang), st.note)))
    out += certificates_block(data, st, f, width=width)
    return out


def tests_taken(data: ReportData, f: Fmt) -> str:
    score = data.score
    counts = [s.n if s is not None else 0 for s in (score.summary("pre"), score.summary("post"))]
    m = score.matched
    if not any(counts):
        return ""
    return tr("tests_taken", f.lang, pre=counts[0], post=counts[1],
              both=m.n if m is not None else 0)


def certificates_block(data: ReportData, st, f: Fmt, *, width: float) -> list:
    lang = f.lang
    cert = data.certificates
    title = Paragraph(tr("certificates", lang), st.h2)
    if cert is None:
        return [block(title, Paragraph(tr("no_certificates", lang), st.body))]
    threshold = f.pct(cert.threshold_pct, 0)
    rows = []
    if cert.pass_mark is not None:
        rows.append([tr("cert_completion", lang, mark=f.pct(cert.pass_mark, 0),
                        threshold=threshold), str(cert.completion)])
    rows.append([tr("cert_participation", lang, threshold=threshold), str(cert.participation)])
    rows.append([tr("cert_none", lang, threshold=threshold), str(cert.none)])
    total = cert.completion + cert.participation + cert.none
    rows.append([f"<b>{tr('total', lang)}</b>", str(total)])
    table = data_table([tr("cert_kind", lang), tr("cert_count", lang)], rows, st,
                       widths=[0.8 * width, 0.2 * width], bold_last=True)
    return [block(title, table, Paragraph(tr("certificates_note", lang), st.note))]


def participants_block(demo: Demographics | None, st, f: Fmt) -> list:
    """Counts by sex and by country, on two lines."""
    lang = f.lang
    if not demo:
        return [Paragraph(tr("no_roster", lang), st.note)]
    from ...i18n import country_name

    # a no-break space keeps each count on the line of its label
    sexes = " · ".join(f"{safe(_sex_label(v, lang))}\u00a0{n}" for v, n in demo.sex)
    countries = " · ".join(
        f"{safe(country_name(v, lang) if v else tr('not_given', lang))}\u00a0{n}"
        for v, n in demo.country)
    colon = tr("colon", lang)
    return [Paragraph(f"<b>{tr('participants', lang)}{colon}{demo.n}</b>", st.body),
            Paragraph(f"{tr('by_sex', lang)}{colon}{sexes}", st.body),
            Paragraph(f"{tr('by_country', lang)}{colon}{countries}", st.body)]


def _sex_label(value: str | None, lang: str) -> str:
    if value in ("F", "M"):
        return tr(f"sex_{value}", lang)
    return value or tr("not_given", lang)
