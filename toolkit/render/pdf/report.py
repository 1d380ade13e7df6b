"""The evaluation report PDF: cover, executive summary, the sections in Kirkpatrick's order
(participation, satisfaction, learning, questions to revise), then the annexes.

Input is :class:`toolkit.render.report.ReportData`, gathered by the application layer:
workshop facts already in the report's language, the typed scores (a ScoreResult, or the
pooled figures of a portfolio), the satisfaction summary, counts by sex and country.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from reportlab.platypus import Paragraph

from ...i18n.typography import set_document_language
from .report_annex import annex_section, portfolio_section, satisfaction_section
from .report_front import cover_page, executive_summary, participation_section
from .report_kit import MIN_N_TESTS, Fmt, block, gap, key_box, mark_text
from .report_sections import (
    item_annex,
    learning_section,
    participant_annex,
    question_annex,
    revise_section,
)
from .report_text import tr
from .theme import MARGIN, PORTRAIT, DocInfo, build_story, styles

if TYPE_CHECKING:
    from ..report import ReportData, Scores

WIDTH = PORTRAIT[0] - 2 * MARGIN


def render_report(data: ReportData) -> bytes:
    """The report's PDF bytes (deterministic)."""
    lang = data.lang
    set_document_language(lang)
    st = styles()
    f = Fmt(lang)
    story: list = cover_page(data, st, f, width=WIDTH)
    if data.kind == "portfolio":  # the pooled key figures go on the summary page
        story += executive_summary(data, st, f, width=WIDTH,
                                   extra=learning_summary(data, st, f, width=WIDTH))
        story += portfolio_section(data, st, f, width=WIDTH)
    else:
        story += executive_summary(data, st, f, width=WIDTH)
        # Kirkpatrick's order: who came, what they thought, what they learned
        story += participation_section(data, st, f, width=WIDTH)
        story += satisfaction_section(data, st, f, width=WIDTH)
        story += learning_section(data, st, f, width=WIDTH, figures=learning_summary(
            data, st, f, width=WIDTH, title=False))
        story += revise_section(data, st, f, width=WIDTH)
        story += item_annex(data, st, f, width=WIDTH)
        story += participant_annex(data, st, f, width=WIDTH)
        story += question_annex(data, st, f, width=WIDTH)
    story += annex_section(data, st, f, width=WIDTH)
    title = tr("portfolio_title" if data.kind == "portfolio" else "doc_title", lang)
    full = f"{title} – {data.title}" if data.title else title
    info = DocInfo(title=full, subject=tr("subject", lang), lang=lang,
                   author=", ".join(data.organisers) or "workshop-toolkit",
                   header=full, footer=" · ".join(p for p in (data.place, data.dates) if p),
                   page_label=tr("page", lang), cover=True)
    return build_story(story, info)


def learning_summary(data: ReportData, st, f: Fmt, *, width: float, title: bool = True) -> list:
    """The key-figures box (as wide as the tables) and three plain sentences."""
    out: list = []
    figures = key_figures(data, f)
    if figures:
        head = Paragraph(tr("key_figures", f.lang), st.h2 if title else st.h3)
        out += [block(head, key_box(figures, st, width=width)), gap(6)]
    out += [Paragraph(s, st.body) for s in summary_sentences(data, f)]
    return out


def band(value: str | None, lang: str) -> str:
    return tr(f"band_{value}", lang) if value in ("low", "medium", "high", "loss") else "–"


def ci_text(pair: list[float] | None, f: Fmt, *, decimals: int = 1) -> str:
    """' (lo ; hi)' / ' (lo to hi)' with true minus signs; '' when there is no interval."""
    if not pair:
        return ""
    lo, hi = (f.ratio(v, decimals) for v in pair)
    return " " + tr("ci_pair", f.lang, lo=lo, hi=hi)


def reliable_text(score: Scores, f: Fmt) -> str:
    """The reliable-change share with its interval, or why it is not computed."""
    m = score.matched
    if m is not None and m.rci_improved_pct is not None:
        iv = (score.intervals or {}).get("rci_improved_pct_ci95")
        return f.pct(m.rci_improved_pct) + ci_text(iv, f)
    pre = score.summary("pre")
    alpha = pre.alpha if pre is not None else None
    why = "why_alpha" if alpha is not None and alpha <= 0 else "why_no_alpha"
    return tr("kf_no_reliable", f.lang, why=tr(why, f.lang))


def pass_mark(data: ReportData) -> float:
    mark = data.pass_mark
    return float(min(mark) if isinstance(mark, (tuple, list)) else mark)


def mastery(values: list[float], mark: float) -> float | None:
    return sum(v >= mark for v in values) / len(values) * 100 if values else None


def key_figures(data: ReportData, f: Fmt) -> list[tuple[str, str]]:
    """The rows of the key-figures box (label, value), escaped."""
    lang = f.lang
    score = data.score
    m = score.matched
    mark = mark_text(data, f)
    rows: list[tuple[str, str]] = []
    if m is not None and m.n:
        n = m.n
        rows.append((tr("kf_matched", lang), str(n)))
        rows.append((tr("kf_prepost", lang),
                     f"{f.pct(m.pre_mean_pct)} → {f.pct(m.post_mean_pct)}"))
        gain = f"{f.signed(m.mean_gain_pct)} {tr('kf_points', lang)}"
        if n >= MIN_N_TESTS and m.gain_ci95:
            low, high = (f.ratio(v, 1) for v in m.gain_ci95)  # a true minus sign
            rows.append((tr("kf_gain", lang), tr("gain_ci", lang, gain=gain, low=low, high=high)))
        else:
            rows.append((tr("kf_gain_noci", lang), gain))
        rows.append((tr("kf_ng", lang),
                     f"{f.ratio(m.normalized_gain)} ({band(m.hake_band, lang)})"))
        iv = score.intervals or {} if n >= MIN_N_TESTS else {}
        rows.append((tr("kf_improved" if iv else "kf_improved_noci", lang),
                     f.pct(m.improved_pct) + ci_text(iv.get("improved_pct_ci95"), f)))
        if n >= MIN_N_TESTS:  # beside "improved": how many improved beyond measurement error
            rows.append((tr("kf_reliable", lang), reliable_text(score, f)))
        rows.append((tr("kf_pass", lang, mark=mark),
                     f"{f.pct(m.mastery_pre_pct)} → {f.pct(m.mastery_post_pct)}"
                     + ci_text(iv.get("mastery_post_pct_ci95"), f)))
        if n >= MIN_N_TESTS and m.p_t is not None:
            dz = f"d = {f.ratio(m.cohen_dz)}" + ci_text(iv.get("cohen_dz_ci95"), f,
                                                          decimals=2)
            rows.append((tr("kf_p", lang), f"{f.p_eq(m.p_t)}{tr('semicolon', lang)}{dz}"))
        else:
            rows.append((tr("kf_p_noci", lang), tr("too_small", lang)))
    else:
        for stage in ("pre", "post"):
            s = score.summary(stage)
            if s is None or not s.n:
                continue
            test = tr(f"{stage}_test", lang)
            rows.append((tr("kf_test_n", lang, test=test), str(s.n)))
            rows.append((tr("kf_test_mean", lang, test=test),
                         f"{f.pct(s.mean_pct)} ({f.pct(s.median_pct)})"))
            values = stage_scores(score, stage)
            rows.append((tr("kf_pass_one", lang, mark=mark, test=test),
                         f.pct(mastery(values, pass_mark(data)))))
    return rows


def stage_scores(score: Scores, stage: str) -> list[float]:
    """Every participant's percent score on one test (None left out)."""
    key = f"{stage}_pct"
    values = (getattr(r, key) for r in score.participant_scores())
    return [v for v in values if v is not None]


def summary_sentences(data: ReportData, f: Fmt) -> list[str]:
    """Three plain sentences: what the figures say, and what they do not."""
    lang = f.lang
    score = data.score
    m = score.matched
    mark = mark_text(data, f)
    unmatched = data.unmatched_count
    if unmatched is None:
        left = score.left_out()
        unmatched = len(left.pre_only) + len(left.post_only)
    if m is not None and not m.n:
        return [tr("s_none_matched", lang)]
    if m is not None:
        n = m.n
        ci = ""
        lo, hi = m.gain_ci95 or (None, None)
        if n >= MIN_N_TESTS and lo is not None:
            ci = tr("s_ci", lang, lo=f.ratio(lo, 1), hi=f.ratio(hi, 1))
        gain = m.mean_gain_pct or 0.0
        # a fall is said as such ("3.0 points less", not "-3.0 points more")
        hake = m.hake_band
        first = tr("s_gain" if gain >= 0 else "s_loss", lang, n=n,
                   pre=f.pct(m.pre_mean_pct), post=f.pct(m.post_mean_pct),
                   gain=f.num(abs(gain)), ci=ci, g=f.ratio(m.normalized_gain),
                   band=tr("band_loss_s", lang) if hake == "loss" else band(hake, lang))
        # a donor must not read "+4 points" as a proven gain
        if ci and lo is not None and hi is not None and lo <= 0 <= hi:
            first += " " + tr("s_unclear", lang)
        reliable = ""
        if n >= MIN_N_TESTS and m.rci_improved_pct is not None:
            reliable = tr("s_reliable", lang, rci=f.pct(m.rci_improved_pct))
        second = tr("s_share", lang, improved=f.pct(m.improved_pct), reliable=reliable,
                    post_pass=f.pct(m.mastery_post_pct), mark=mark,
                    pre_pass=f.pct(m.mastery_pre_pct))
        if n < MIN_N_TESTS:
            third = tr("s_small", lang, n=n)
        else:
            key = "s_unmatched_1" if unmatched == 1 else "s_unmatched"
            third = tr("s_limits", lang, unmatched=tr(key, lang, k=unmatched)
                       if unmatched else "")
        return [first, second, third]
    out = []
    for stage in ("pre", "post"):
        s = score.summary(stage)
        if s is not None and s.n:
            out.append(tr("s_one_test", lang, test=tr(f"{stage}_test", lang), n=s.n,
                          mean=f.pct(s.mean_pct)))
            out.append(tr("s_one_pass", lang, mark=mark, share=f.pct(
                mastery(stage_scores(score, stage), pass_mark(data)))))
    out.append(tr("s_one_limits", lang))
    return out
