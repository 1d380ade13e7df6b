"""Report sections on satisfaction (Kirkpatrick level 1), the method and data annex, portfolios."""
from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import TYPE_CHECKING

from reportlab.platypus import Paragraph

from ...i18n import ngettext
from ...i18n.typography import typeset
from ...scoring.result import GroupRow
from . import charts
from .report_kit import (
    MIN_N_TESTS,
    Fmt,
    block,
    data_table,
    has_contact,
    heading,
    mask,
    safe,
    text_bullet,
)
from .report_sections import group_table
from .report_text import _T, REFERENCES, code_word, tr

if TYPE_CHECKING:
    from ..report import ReportData, Scores

MAX_COMMENTS = 12


def satisfaction_section(data: ReportData, st, f: Fmt, *, width: float) -> list:
    """Diverging stacked bars, top-2-box and n valid per item, NPS, % satisfied by sex, comments."""
    lang = f.lang
    sat = data.satisfaction
    out: list = heading(tr("satisfaction", lang), st.h1, space_needed=220)
    if not sat:
        return out + [Paragraph(tr("no_satisfaction", lang), st.body)]
    items = sat.get("items") or []
    said = data.statement_texts

    def statement(column: object) -> str:  # in the report's language when known
        return typeset(said.get(str(column)) or str(column), lang)

    out.append(Paragraph(tr("respondents", lang, n=sat.get("n_responses", 0),
                            pct=f.pct(sat.get("satisfied_pct")),
                            answers=sat.get("n_pooled_answers", "?"), k=len(items)), st.body))
    overall = sat.get("overall")
    if overall and overall.get("top2_pct") is not None:
        out.append(Paragraph(tr("overall_line", lang, pct=f.pct(overall["top2_pct"]),
                                n=overall["n_valid"], item=safe(statement(overall["column"]))),
                             st.body))
    if items:
        rows = [(mask(tr("with_n", lang, text=statement(i["column"]), n=i["n_valid"])),
                 [int(i["counts"].get(str(k), 0)) for k in range(1, 6)]) for i in items]
        chart = charts.diverging_likert(rows, width=width, scale_labels=tr("scale", lang),
                                        fmt=lambda v: f.pct(v, 0),
                                        axis_label=tr("likert_axis", lang))
        # the section's heading and first lines stay with the chart
        start = next(i for i, x in enumerate(out) if isinstance(x, Paragraph))
        out[start:] = [block(*out[start:], chart)]
        header = [tr("item", lang), tr("n_valid", lang), tr("median", lang), tr("top2", lang)]
        body = [[safe(statement(i["column"])), str(i["n_valid"]), f.num(i.get("median")),
                 f.pct(i.get("top2_pct"))] for i in items]
        out.append(data_table(header, body, st,
                              widths=[w * width for w in (0.55, 0.12, 0.13, 0.2)]))
    sessions = sat.get("sessions") or []
    if sessions:
        titles = data.session_titles
        rows = [(mask(tr("with_n", lang, text=titles.get(str(i["column"])) or i["column"],
                            n=i["n_valid"])),
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
        out.append(Paragraph(tr("nps", lang, item=safe(statement(nps["column"])),
                                nps=f.num(nps["nps"], 0),
                                pro=f.pct(nps.get("promoters_pct")),
                                det=f.pct(nps.get("detractors_pct")), n=nps["n_valid"]),
                             st.body))
    for column, rows in (sat.get("groups") or {}).items():
        # one figure per group (% satisfied), shown as the table's single mean column
        shown = [GroupRow(column, r.get("value"), r["n"], r["n"], r["n"], None,
                          r.get("satisfied_pct"), None, None, bool(r.get("suppressed")))
                 for r in rows]
        out += group_table(column, shown, False, st, f, width=width,
                           title=tr("satisfied_by_sex", lang) if column == "sex" else None,
                           value_label=tr("satisfied", lang))
    out += comments_block(sat.get("comments") or [], st, f, languages=data.comment_languages)
    return out


def comments_block(comments: list[dict], st, f: Fmt, *,
                   languages: Mapping[str, str] | None = None) -> list:
    """Distinct comments, most frequent first; any with contact details is left out."""
    lang = f.lang
    kept = Counter(" ".join(str(c.get("text", "")).split()) for c in comments
                   if not has_contact(str(c.get("text", ""))))
    kept.pop("", None)
    if not comments:
        return [block(Paragraph(tr("comments", lang), st.h2),
                      Paragraph(tr("no_comments", lang), st.body))]
    chosen = sorted(kept.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_COMMENTS]
    said = languages or {}

    def marks(text: str, n: int) -> str:  # a comment quoted as written, its language named
        other = said.get(text)
        told = f" ({tr('in_' + other, lang)})" if other and other != lang \
            and f"in_{other}" in _T else ""
        return told + (f" (×{n})" if n > 1 else "")

    lines = [text_bullet(mask(_quote(text, lang)) + marks(text, n), st) for text, n in chosen]
    note = Paragraph(tr("comments_note", lang, shown=sum(n for _, n in chosen),
                        total=len(comments)), st.note)
    return [block(Paragraph(tr("comments", lang), st.h2), *lines[:2])] + lines[2:] + [note]


def _quote(text: str, lang: str) -> str:
    from ...i18n import quote

    if len(text) > 300:  # cut after a whole word, never inside one
        text = text[:300].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
    return quote(text, lang)


def annex_section(data: ReportData, st, f: Fmt, *, width: float) -> list:
    """How figures are computed, reliability, rows left out (ids only), limits, references."""
    lang = f.lang
    score = data.score
    m = score.matched
    n = m.n if m is not None else 0
    out: list = heading(tr("annex", lang), st.h1, space_needed=250)
    out.append(Paragraph(tr("method", lang), st.h2))
    out.append(Paragraph(tr("m_scores", lang), st.body))
    matching = [tr("m_match_file", lang, file=safe(x["file"]), by=tr(f"by_{x['by']}", lang))
                + (f" ({tr('m_fuzzy', lang, n=x['fuzzy_matches'])})"
                   if x.get("fuzzy_matches") else "")
                for x in score.matching() if x.get("by") in ("id", "email", "name")]
    if matching:  # per file, the method actually used (a code, an e-mail or a name)
        out.append(Paragraph(tr("m_matching", lang, files=tr("semicolon", lang).join(matching)),
                             st.body))
    if m is not None and n:
        out.append(Paragraph(tr("m_gain", lang), st.body))
        if m.marx_cummings_c is not None and n >= MIN_N_TESTS:
            out.append(Paragraph(tr("m_extra", lang, c=f.ratio(m.marx_cummings_c),
                                    rci=f.pct(m.rci_improved_pct)), st.body))
    if data.kind != "portfolio":
        if n:
            out.append(Paragraph(tr("m_items", lang), st.body))
        out += reliability_block(score, st, f)
        out += data_block(score, st, f)
    out.append(block(Paragraph(tr("limits", lang), st.h2),
                     Paragraph(tr("limits_text", lang), st.body)))
    cited = [ref for ref in REFERENCES if cites(out, ref.split(",")[0])]
    if cited:  # only the works the text cites
        refs = [Paragraph(safe(ref), st.small) for ref in cited]
        out.append(block(Paragraph(tr("references", lang), st.h2), *refs[:2]))
        out += refs[2:]
    return out


def cites(story: list, author: str) -> bool:
    """True when a paragraph of ``story`` (or of a block in it) names ``author``."""
    for item in story:
        inner = getattr(item, "_content", None)
        if inner is not None and cites(inner, author):
            return True
        if author in str(getattr(item, "text", "")):
            return True
    return False


def reliability_block(score: Scores, st, f: Fmt) -> list:
    lang = f.lang
    lines, alphas = [], []
    for stage in ("pre", "post"):
        s = score.summary(stage)
        if s is None or not s.n:
            continue
        if s.n < MIN_N_TESTS:
            lines.append(Paragraph(tr("alpha_small", lang), st.body))
            break
        alphas.append(s.alpha)
        iv = (score.intervals or {}).get(f"alpha_{stage}_ci95")
        ci = tr("alpha_ci", lang, lo=f.ratio(iv[0]), hi=f.ratio(iv[1])) if iv else ""
        test = tr(f"{stage}_test", lang).capitalize()
        if s.alpha is not None and s.alpha <= 0:
            # SEM = SD·√(1 − alpha) would exceed the SD itself: not a measurement error
            lines.append(Paragraph(tr("alpha_line_nosem", lang, test=test,
                                      alpha=f.ratio(s.alpha), ci=ci,
                                      sd=f.num(s.sd_pct)), st.body))
            continue
        lines.append(Paragraph(tr("alpha_line", lang, test=test, alpha=f.ratio(s.alpha),
                                  ci=ci, sem=f.num(s.sem_pct)), st.body))
    if not lines:
        return []
    known = [a for a in alphas if a is not None]
    if not alphas:
        return [block(Paragraph(tr("reliability", lang), st.h2), *lines)]
    verdict = "alpha_ok" if known and min(known) > 0.75 else "alpha_low"
    return [block(Paragraph(tr("reliability", lang), st.h2), *lines,
                  Paragraph(tr(verdict, lang), st.body))]


def data_block(score: Scores, st, f: Fmt) -> list:
    """Counts and ids (or file and row) of rows left out or unmatched; never names."""
    lang = f.lang
    left = score.left_out()
    row = tr("row", lang)

    def where(r) -> str:
        from pathlib import PurePath

        return f"{PurePath(str(r.file)).name} {row} {r.row}"

    entries = [
        ("rejected", [f"{where(r)} ({code_word(r.code, lang) if r.code else '?'})"
                      for r in left.rejected]),
        ("duplicates", [f"{d.id} ({where(d)})" for d in left.duplicates]),
        ("pre_only", [str(i) for i in left.pre_only]),
        ("post_only", [str(i) for i in left.post_only]),
        ("not_in_roster", [where(r) for r in left.not_in_roster]),
        ("fuzzy", list(left.fuzzy)),
    ]
    out = [Paragraph(tr("data", lang), st.h2)]
    for key, ids in entries:
        listed = ", ".join(safe(i) for i in ids) if ids else tr("none", lang)
        sep = tr("colon", lang)
        out.append(Paragraph(f"<b>{tr(key, lang)}</b> ({len(ids)}){sep}{listed}", st.body))
    return [block(*out[:3])] + out[3:]


def portfolio_section(data: ReportData, st, f: Fmt, *, width: float) -> list:
    """A row per workshop and the pooled figures, with the pooled table by sex."""
    lang = f.lang
    rows = data.workshops
    out: list = heading(ngettext("The workshop", "The {n} workshops", len(rows),
                                 lang).format(n=len(rows)), st.h1)
    header = [tr("workshop", lang), tr("n", lang), tr("pre_mean", lang), tr("post_mean", lang),
              tr("gain_pts", lang), tr("ng", lang)]
    body = [[safe(r.title) + (f"<br/><font size=7>{safe(r.dates)}</font>" if r.dates else ""),
             str(r.n or 0), f.pct(r.pre_mean_pct), f.pct(r.post_mean_pct),
             f.signed(r.mean_gain_pct), f.ratio(r.normalized_gain)] for r in rows]
    pooled = data.score.matched
    if pooled is None:
        from ...scoring.result import MatchedStats

        pooled = MatchedStats(0)
    body.append([f"<b>{tr('pooled', lang)}</b>", str(pooled.n or 0),
                 f.pct(pooled.pre_mean_pct), f.pct(pooled.post_mean_pct),
                 f.signed(pooled.mean_gain_pct), f.ratio(pooled.normalized_gain)])
    out.append(data_table(header, body, st, widths=[w * width for w in
                                                     (0.4, 0.08, 0.13, 0.13, 0.13, 0.13)],
                          bold_last=True))
    out.append(Paragraph(tr("pooled_note", lang), st.note))
    # named by place and dates (or title), never by the file's id
    chart_rows = [(mask(tr("with_n", lang, n=r.n, text=", ".join(
        x for x in (r.place or r.title, r.dates) if x) or r.id)),
                   r.pre_mean_pct, r.post_mean_pct) for r in rows if r.n]
    if chart_rows:
        out.append(block(Paragraph(tr("portfolio_chart", lang), st.h2),
                         charts.paired_bars(chart_rows, width=width, fmt=f.pct,
                                            axis_label=tr("score_axis", lang),
                                            pre_label=tr("before", lang),
                                            post_label=tr("after", lang), label_width=150)))
    for column, groups in data.score.groups.items():
        out += group_table(column, groups, data.score.matched is not None, st, f, width=width)
    return out
