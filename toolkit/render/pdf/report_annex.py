"""Report sections on satisfaction (Kirkpatrick level 1), the method and data annex, portfolios."""
from __future__ import annotations

from collections import Counter
from typing import Any

from reportlab.platypus import Paragraph

from . import charts
from .report_kit import (MIN_N_TESTS, Fmt, block, data_table, has_contact, heading,
                         mask, safe, text_bullet)
from .report_sections import group_table
from .report_text import REFERENCES, code_word, tr

MAX_COMMENTS = 12


def satisfaction_section(data: dict[str, Any], st, f: Fmt, *, width: float) -> list:
    """Diverging stacked bars, top-2-box and n valid per item, NPS, % satisfied by sex, comments."""
    lang = f.lang
    sat = data.get("satisfaction")
    out: list = heading(tr("satisfaction", lang), st.h1, space_needed=220)
    if not sat:
        return out + [Paragraph(tr("no_satisfaction", lang), st.body)]
    items = sat.get("items") or []
    out.append(Paragraph(tr("respondents", lang, n=sat.get("n_responses", 0),
                            pct=f.pct(sat.get("satisfied_pct"))), st.body))
    if items:
        rows = [(mask(i["column"]), [int(i["counts"].get(str(k), 0)) for k in range(1, 6)])
                for i in items]
        out.append(charts.diverging_likert(rows, width=width, scale_labels=tr("scale", lang),
                                           fmt=lambda v: f.pct(v, 0),
                                           axis_label=tr("likert_axis", lang)))
        header = [tr("item", lang), tr("n_valid", lang), tr("median", lang), tr("top2", lang)]
        body = [[safe(i["column"]), str(i["n_valid"]), f.num(i.get("median")),
                 f.pct(i.get("top2_pct"))] for i in items]
        out.append(data_table(header, body, st,
                              widths=[w * width for w in (0.55, 0.12, 0.13, 0.2)]))
    sessions = sat.get("sessions") or []
    if sessions:
        titles = data.get("session_titles") or {}
        rows = [(mask(titles.get(str(i["column"])) or i["column"]),
                 [int(i["counts"].get(str(k), 0)) for k in range(1, 6)]) for i in sessions]
        body = [[safe(titles.get(str(i["column"])) or i["column"]), str(i["n_valid"]),
                 f.num(i.get("median")), f.pct(i.get("top2_pct"))] for i in sessions]
        out.append(block(Paragraph(tr("sessions", lang), st.h2),
                         charts.diverging_likert(rows, width=width,
                                                 scale_labels=tr("scale", lang),
                                                 fmt=lambda v: f.pct(v, 0),
                                                 axis_label=tr("likert_axis", lang))))
        out.append(data_table([tr("session", lang), tr("n_valid", lang), tr("median", lang),
                               tr("top2", lang)], body, st,
                              widths=[w * width for w in (0.55, 0.12, 0.13, 0.2)]))
    nps = sat.get("nps")
    if nps and nps.get("n_valid"):
        out.append(Paragraph(tr("nps", lang, item=safe(nps["column"]), nps=f.num(nps["nps"], 0),
                                pro=f.pct(nps.get("promoters_pct")),
                                det=f.pct(nps.get("detractors_pct")), n=nps["n_valid"]),
                             st.body))
    for column, rows in (sat.get("groups") or {}).items():
        fake = [{"value": r.get("value"), "n": r["n"], "suppressed": r.get("suppressed"),
                 "post_mean_pct": r.get("satisfied_pct")} for r in rows]
        out += group_table(column, fake, {"matched": None}, st, f, width=width,
                           title=tr("satisfied_by_sex", lang) if column == "sex" else None,
                           value_label=tr("satisfied", lang))
    out += comments_block(sat.get("comments") or [], st, f)
    return out


def comments_block(comments: list[dict], st, f: Fmt) -> list:
    """Distinct comments, most frequent first; any with contact details is left out."""
    lang = f.lang
    kept = Counter(" ".join(str(c.get("text", "")).split()) for c in comments
                   if not has_contact(str(c.get("text", ""))))
    kept.pop("", None)
    if not comments:
        return [block(Paragraph(tr("comments", lang), st.h2),
                      Paragraph(tr("no_comments", lang), st.body))]
    chosen = sorted(kept.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_COMMENTS]
    lines = [text_bullet(mask(_quote(text, lang)) + (f" (×{n})" if n > 1 else ""), st)
             for text, n in chosen]
    note = Paragraph(tr("comments_note", lang, shown=sum(n for _, n in chosen),
                        total=len(comments)), st.note)
    return [block(Paragraph(tr("comments", lang), st.h2), *lines[:2])] + lines[2:] + [note]


def _quote(text: str, lang: str) -> str:
    from ...i18n import quote

    return quote(text if len(text) <= 300 else text[:299] + "…", lang)


def annex_section(data: dict[str, Any], st, f: Fmt, *, width: float) -> list:
    """How figures are computed, reliability, rows left out (ids only), limits, references."""
    lang = f.lang
    score = data.get("score") or {}
    m = score.get("matched") or {}
    out: list = heading(tr("annex", lang), st.h1, space_needed=250)
    out.append(Paragraph(tr("method", lang), st.h2))
    out.append(Paragraph(tr("m_scores", lang), st.body))
    if m.get("n"):
        out.append(Paragraph(tr("m_gain", lang), st.body))
        if m.get("marx_cummings_c") is not None and m["n"] >= MIN_N_TESTS:
            out.append(Paragraph(tr("m_extra", lang, c=f.ratio(m["marx_cummings_c"]),
                                    rci=f.pct(m.get("rci_improved_pct"))), st.body))
    if data.get("kind") != "portfolio":
        if m.get("n"):
            out.append(Paragraph(tr("m_items", lang), st.body))
        out += reliability_block(score, st, f)
        out += data_block(score, st, f)
    out.append(block(Paragraph(tr("limits", lang), st.h2),
                     Paragraph(tr("limits_text", lang), st.body)))
    out.append(Paragraph(tr("references", lang), st.h2))
    out += [Paragraph(safe(ref), st.small) for ref in REFERENCES]
    return out


def reliability_block(score: dict, st, f: Fmt) -> list:
    lang = f.lang
    lines, alphas = [], []
    for stage in ("pre", "post"):
        s = score.get(stage) or {}
        if not s.get("n"):
            continue
        if s["n"] < MIN_N_TESTS:
            lines.append(Paragraph(tr("alpha_small", lang), st.body))
            break
        alphas.append(s.get("alpha"))
        lines.append(Paragraph(tr("alpha_line", lang, test=tr(f"{stage}_test", lang).capitalize(),
                                  alpha=f.ratio(s.get("alpha")), sem=f.num(s.get("sem_pct"))),
                               st.body))
    if not lines:
        return []
    known = [a for a in alphas if a is not None]
    if not alphas:
        return [block(Paragraph(tr("reliability", lang), st.h2), *lines)]
    verdict = "alpha_ok" if known and min(known) > 0.75 else "alpha_low"
    return [block(Paragraph(tr("reliability", lang), st.h2), *lines,
                  Paragraph(tr(verdict, lang), st.body))]


def data_block(score: dict, st, f: Fmt) -> list:
    """Counts and ids (or file and row) of rows left out or unmatched; never names."""
    lang = f.lang
    parts = score.get("participants") or {}
    row = tr("row", lang)

    def where(r: dict) -> str:
        from pathlib import PurePath

        return f"{PurePath(str(r.get('file', ''))).name} {row} {r.get('row')}"

    entries = [
        ("rejected", [f"{where(r)} ({code_word(r.get('code'), lang)})" for r in parts.get("rejected", [])]),
        ("duplicates", [f"{d.get('id')} ({where(d)})" for d in parts.get("duplicates", [])]),
        ("pre_only", [str(i) for i in parts.get("pre_only", [])]),
        ("post_only", [str(i) for i in parts.get("post_only", [])]),
        ("not_in_roster", [where(r) for r in parts.get("not_in_roster", [])]),
        ("fuzzy", [str(z.get("matched_to", "")) for z in parts.get("fuzzy_matches", [])]),
    ]
    out = [Paragraph(tr("data", lang), st.h2)]
    for key, ids in entries:
        listed = ", ".join(safe(i) for i in ids) if ids else tr("none", lang)
        sep = tr("colon", lang)
        out.append(Paragraph(f"<b>{tr(key, lang)}</b> ({len(ids)}){sep}{listed}", st.body))
    return [block(*out[:3])] + out[3:]


def portfolio_section(data: dict[str, Any], st, f: Fmt, *, width: float) -> list:
    """A row per workshop and the pooled figures, with the pooled table by sex."""
    lang = f.lang
    out: list = heading(tr("workshops", lang), st.h1)
    rows = data.get("workshops") or []
    header = [tr("workshop", lang), tr("n", lang), tr("pre_mean", lang), tr("post_mean", lang),
              tr("gain_pts", lang), tr("ng", lang)]
    body = [[safe(r["title"]) + (f"<br/><font size=7>{safe(r['dates'])}</font>"
                                 if r.get("dates") else ""),
             str(r.get("n") or 0), f.pct(r.get("pre_mean_pct")), f.pct(r.get("post_mean_pct")),
             f.signed(r.get("mean_gain_pct")), f.ratio(r.get("normalized_gain"))] for r in rows]
    pooled = (data.get("score") or {}).get("matched") or {}
    body.append([f"<b>{tr('pooled', lang)}</b>", str(pooled.get("n") or 0),
                 f.pct(pooled.get("pre_mean_pct")), f.pct(pooled.get("post_mean_pct")),
                 f.signed(pooled.get("mean_gain_pct")), f.ratio(pooled.get("normalized_gain"))])
    out.append(data_table(header, body, st, widths=[w * width for w in
                                                     (0.4, 0.08, 0.13, 0.13, 0.13, 0.13)],
                          bold_last=True))
    out.append(Paragraph(tr("pooled_note", lang), st.note))
    chart_rows = [(mask(r.get("id") or r["title"]), r.get("pre_mean_pct"), r.get("post_mean_pct"))
                  for r in rows if r.get("n")]
    if chart_rows:
        out.append(block(Paragraph(tr("portfolio_chart", lang), st.h2),
                         charts.paired_bars(chart_rows, width=width, fmt=f.pct,
                                            axis_label=tr("score_axis", lang),
                                            pre_label=tr("before", lang),
                                            post_label=tr("after", lang), label_width=90)))
    for column, groups in ((data.get("score") or {}).get("groups") or {}).items():
        out += group_table(column, groups, data["score"], st, f, width=width)
    return out
