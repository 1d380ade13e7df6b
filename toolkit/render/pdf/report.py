"""The evaluation report PDF: cover and summary page, then the sections and the annex.

Input is the plain ``report data`` dictionary built by :mod:`toolkit.render.report` (or by
:mod:`toolkit.render.portfolio`): workshop facts already in the report's language, the score
contract (``ScoreResult.to_dict()``), the satisfaction summary, counts by sex and country.
"""
from __future__ import annotations

from typing import Any

from reportlab.platypus import PageBreak, Paragraph, Table, TableStyle

from .report_kit import MIN_N_TESTS, Fmt, gap, key_box, safe
from .report_annex import annex_section, portfolio_section, satisfaction_section
from .report_sections import items_section, learning_section
from .report_text import tr
from .theme import SANS, MARGIN, PORTRAIT, RULE, DocInfo, build_story, styles
from ...i18n.typography import set_document_language

WIDTH = PORTRAIT[0] - 2 * MARGIN


def render_report(data: dict[str, Any]) -> bytes:
    """The report's PDF bytes (deterministic)."""
    lang = data["lang"]
    set_document_language(lang)
    st = styles()
    f = Fmt(lang)
    story: list = []
    story += cover(data, st, f)
    if data.get("kind") == "portfolio":
        story += portfolio_section(data, st, f, width=WIDTH)
    else:
        story += [PageBreak()]
        story += learning_section(data, st, f, width=WIDTH)
        story += items_section(data, st, f, width=WIDTH)
        story += satisfaction_section(data, st, f, width=WIDTH)
    story += annex_section(data, st, f, width=WIDTH)
    title = tr("portfolio_title" if data.get("kind") == "portfolio" else "doc_title", lang)
    full = f"{title} – {data['title']}" if data.get("title") else title
    info = DocInfo(title=full, subject=tr("subject", lang), lang=lang,
                   author=", ".join(data.get("organisers") or []) or "workshop-toolkit",
                   header=full, footer=" · ".join(p for p in (data.get("place", ""),
                                                              data.get("dates", "")) if p),
                   page_label=tr("page", lang))
    return build_story(story, info)


def cover(data: dict[str, Any], st, f: Fmt) -> list:
    """Title, facts, participants, the key-figures box and three plain sentences."""
    lang = data["lang"]
    kind = "portfolio_title" if data.get("kind") == "portfolio" else "doc_title"
    out: list = [Paragraph(tr(kind, lang).upper(), st.small)]
    out.append(Paragraph(safe(data.get("title") or tr(kind, lang)), st.title))
    if data.get("project"):
        out.append(Paragraph(safe(data["project"]), st.subtitle))
    sep = tr("semicolon", lang)
    facts = [(tr(k, lang), v) for k, v in (
        ("dates", data.get("dates")), ("place", data.get("place")),
        ("organisers", sep.join(data.get("organisers") or [])),
        ("partners", sep.join(data.get("partners") or [])),
        ("funders", sep.join(data.get("funders") or []))) if v]
    if facts:
        table = Table([[Paragraph(k, st.cell_bold), Paragraph(safe(v), st.cell)]
                       for k, v in facts], colWidths=[32 * 2.8346, WIDTH - 32 * 2.8346],
                      hAlign="LEFT")
        table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), SANS),
                                   ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
                                   ("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        out += [table, gap(8)]
    out += participants_block(data.get("demographics"), st, f)
    figures = key_figures(data, f)
    if figures:
        out += [gap(4), Paragraph(tr("key_figures", lang), st.h2),
                key_box(figures, st, width=WIDTH * 0.8), gap(8)]
    out += [Paragraph(s, st.body) for s in summary_sentences(data, f)]
    return out


def participants_block(demo: dict[str, Any] | None, st, f: Fmt) -> list:
    """Counts by sex and by country, on two lines."""
    lang = f.lang
    if not demo:
        return [Paragraph(tr("no_roster", lang), st.note)]
    from ...i18n import country_name

    # a no-break space keeps each count on the line of its label
    sexes = " · ".join(f"{safe(_sex_label(v, lang))}\u00a0{n}" for v, n in demo["sex"])
    countries = " · ".join(
        f"{safe(country_name(v, lang) if v else tr('not_given', lang))}\u00a0{n}"
        for v, n in demo["country"])
    colon = tr("colon", lang)
    return [Paragraph(f"<b>{tr('participants', lang)}{colon}{demo['n']}</b>", st.body),
            Paragraph(f"{tr('by_sex', lang)}{colon}{sexes}", st.body),
            Paragraph(f"{tr('by_country', lang)}{colon}{countries}", st.body)]


def _sex_label(value: str | None, lang: str) -> str:
    if value in ("F", "M"):
        return tr(f"sex_{value}", lang)
    return value or tr("not_given", lang)


def band(value: str | None, lang: str) -> str:
    return tr(f"band_{value}", lang) if value in ("low", "medium", "high") else "–"


def mark_text(data: dict[str, Any], f: Fmt) -> str:
    """'70 %', or '60–70 %' when a portfolio's workshops set different pass marks."""
    mark = data.get("pass_mark")
    marks = mark if isinstance(mark, list) else [mark if mark is not None else 70.0]
    if min(marks) == max(marks):
        return f.pct(marks[0], 0)
    return f"{f.num(min(marks), 0)}–{f.pct(max(marks), 0)}"


def pass_mark(data: dict[str, Any]) -> float:
    mark = data.get("pass_mark")
    return float(min(mark) if isinstance(mark, list) else mark if mark is not None else 70.0)


def mastery(values: list[float], mark: float) -> float | None:
    return sum(v >= mark for v in values) / len(values) * 100 if values else None


def key_figures(data: dict[str, Any], f: Fmt) -> list[tuple[str, str]]:
    """The rows of the key-figures box (label, value), escaped."""
    lang = f.lang
    score = data.get("score") or {}
    m = score.get("matched")
    mark = mark_text(data, f)
    rows: list[tuple[str, str]] = []
    if m and m.get("n"):
        n = m["n"]
        rows.append((tr("kf_matched", lang), str(n)))
        rows.append((tr("kf_prepost", lang),
                     f"{f.pct(m['pre_mean_pct'])} → {f.pct(m['post_mean_pct'])}"))
        gain = f"{f.signed(m['mean_gain_pct'])} {tr('kf_points', lang)}"
        if n >= MIN_N_TESTS and m.get("gain_ci95"):
            lo, hi = m["gain_ci95"]
            lo, hi = f.ratio(lo, 1), f.ratio(hi, 1)  # a true minus sign, as in the tables
            rows.append((tr("kf_gain", lang), tr("gain_ci", lang, gain=gain, low=lo, high=hi)))
        else:
            rows.append((tr("kf_gain_noci", lang), gain))
        rows.append((tr("kf_ng", lang),
                     f"{f.ratio(m['normalized_gain'])} ({band(m.get('hake_band'), lang)})"))
        rows.append((tr("kf_improved", lang), f.pct(m["improved_pct"])))
        rows.append((tr("kf_pass", lang, mark=mark),
                     f"{f.pct(m.get('mastery_pre_pct'))} → {f.pct(m.get('mastery_post_pct'))}"))
        if n >= MIN_N_TESTS and m.get("p_t") is not None:
            rows.append((tr("kf_p", lang), f"{f.p_eq(m['p_t'])}{tr('semicolon', lang)}"
                                           f"d_z = {f.ratio(m['cohen_dz'])}"))
        else:
            rows.append((tr("kf_p", lang), tr("too_small", lang)))
    else:
        for stage in ("pre", "post"):
            s = score.get(stage) or {}
            if not s.get("n"):
                continue
            test = tr(f"{stage}_test", lang)
            rows.append((tr("kf_test_n", lang, test=test), str(s["n"])))
            rows.append((tr("kf_test_mean", lang, test=test),
                         f"{f.pct(s['mean_pct'])} ({f.pct(s['median_pct'])})"))
            values = stage_scores(score, stage)
            rows.append((tr("kf_pass_one", lang, mark=mark, test=test),
                         f.pct(mastery(values, pass_mark(data)))))
    sat = data.get("satisfaction")
    if sat and sat.get("satisfied_pct") is not None:
        rows.append((tr("kf_satisfied", lang), f.pct(sat["satisfied_pct"])))
    return rows


def stage_scores(score: dict[str, Any], stage: str) -> list[float]:
    key = f"{stage}_pct"
    return [r[key] for r in score.get("per_participant") or [] if r.get(key) is not None]


def summary_sentences(data: dict[str, Any], f: Fmt) -> list[str]:
    """Three plain sentences: what the figures say, and what they do not."""
    lang = f.lang
    score = data.get("score") or {}
    m = score.get("matched")
    mark = mark_text(data, f)
    parts = score.get("participants") or {}
    unmatched = data.get("unmatched_count",
                         len(parts.get("pre_only") or []) + len(parts.get("post_only") or []))
    if m is not None and not m.get("n"):
        return [tr("s_none_matched", lang)]
    if m:
        n = m["n"]
        ci = ""
        lo, hi = m.get("gain_ci95") or (None, None)
        if n >= MIN_N_TESTS and lo is not None:
            ci = tr("s_ci", lang, lo=f.ratio(lo, 1), hi=f.ratio(hi, 1))
        gain = m["mean_gain_pct"] or 0.0
        # a fall is said as such ("3.0 points less", not "-3.0 points more")
        first = tr("s_gain" if gain >= 0 else "s_loss", lang, n=n,
                   pre=f.pct(m["pre_mean_pct"]), post=f.pct(m["post_mean_pct"]),
                   gain=f.num(abs(gain)), ci=ci, g=f.ratio(m["normalized_gain"]),
                   band=band(m.get("hake_band"), lang))
        if ci and lo <= 0 <= hi:  # a donor must not read "+4 points" as a proven gain
            first += " " + tr("s_unclear", lang)
        second = tr("s_share", lang, improved=f.pct(m["improved_pct"]),
                    post_pass=f.pct(m.get("mastery_post_pct")), mark=mark,
                    pre_pass=f.pct(m.get("mastery_pre_pct")))
        if n < MIN_N_TESTS:
            third = tr("s_small", lang, n=n)
        else:
            key = "s_unmatched_1" if unmatched == 1 else "s_unmatched"
            third = tr("s_limits", lang, unmatched=tr(key, lang, k=unmatched)
                       if unmatched else "")
        return [first, second, third]
    out = []
    for stage in ("pre", "post"):
        s = score.get(stage) or {}
        if s.get("n"):
            out.append(tr("s_one_test", lang, test=tr(f"{stage}_test", lang), n=s["n"],
                          mean=f.pct(s["mean_pct"])))
            out.append(tr("s_one_pass", lang, mark=mark, share=f.pct(
                mastery(stage_scores(score, stage), pass_mark(data)))))
    out.append(tr("s_one_limits", lang))
    return out
