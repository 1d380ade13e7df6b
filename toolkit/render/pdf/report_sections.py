"""Report sections on learning (Kirkpatrick level 2) and the questions to revise; the annexes
on the questions (item analysis, full texts) and on each participant's scores."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from reportlab.platypus import Paragraph

from ...i18n.typography import typeset
from ...model import MIN_GROUP
from . import charts
from .report_kit import (
    MIN_N_TESTS,
    Fmt,
    block,
    bullet,
    data_table,
    gap,
    heading,
    mask,
    question_numbers,
    safe,
)
from .report_text import _T, tr

if TYPE_CHECKING:
    from ...scoring.result import GroupRow, ItemRow, ModuleScore
    from ..report import ReportData

CHART_ROWS = 45  # participants per dumbbell chart (one chart per page at most)


def learning_section(data: ReportData, st, f: Fmt, *, width: float,
                     figures: list | None = None) -> list:
    """Key figures, score distributions, groups and module sub-scores (each participant's
    scores are in an annex)."""
    lang = f.lang
    score = data.score
    out: list = heading(tr("learning", lang), st.h1, space_needed=260)
    out += figures or []
    people = score.participant_scores()
    pre = [r.pre_pct for r in people if r.pre_pct is not None]
    post = [r.post_pct for r in people if r.post_pct is not None]
    if pre or post:
        drawing = charts.histogram(
            pre or None, post or None, width=width,
            pre_label=tr("before_n", lang, n=len(pre)), post_label=tr("after_n", lang,
                                                                       n=len(post)),
            x_label=tr("score_axis", lang), y_label=tr("count_axis", lang))
        parts = [Paragraph(tr("distribution", lang), st.h2), drawing]
        m = score.matched
        if m is not None and m.n and (len(pre) != m.n or len(post) != m.n):
            parts.append(Paragraph(tr("distribution_note", lang, pre=len(pre), post=len(post),
                                      n=m.n), st.note))
        out.append(block(*parts))
    for column, rows in score.groups.items():
        out += group_table(column, rows, score.matched is not None, st, f, width=width)
    modules = [m for m in score.modules if m.module]
    if modules:
        out += module_table(modules, st, f, width=width, titles=data.module_titles)
    return out


def participant_annex(data: ReportData, st, f: Fmt, *, width: float) -> list:
    """Each participant's score before and after (chart and table, by id), with the
    reliability caveat beside them."""
    lang = f.lang
    score = data.score
    people = score.participant_scores()
    if not people:
        return []
    out: list = heading(tr("annex_people", lang), st.h1, space_needed=200)
    caveat = Paragraph(reliability_caveat(score, f), st.body)
    matched = [(r.id, r.pre_pct, r.post_pct) for r in people
               if r.pre_pct is not None and r.post_pct is not None]
    matched.sort(key=lambda r: (-(r[2] - r[1]), r[0]))
    for start in range(0, len(matched), CHART_ROWS):
        chunk = matched[start:start + CHART_ROWS]
        drawing = charts.dumbbell(
            [(mask(pid), a, b) for pid, a, b in chunk], width=width, fmt=f.num,
            axis_label=tr("score_axis", lang), pre_label=tr("before", lang),
            post_label=tr("after", lang), gain_label=tr("gain_pts", lang))
        if start == 0:  # the caveat stays beside the scores
            out.append(block(out.pop(), caveat,
                             Paragraph(tr("each_participant", lang, n=len(matched)), st.h2),
                             drawing))
        else:
            out.append(block(gap(2), drawing))
    if not matched:
        out.append(caveat)
    rows = sorted(people, key=lambda r: str(r.id))
    body = [[safe(r.id), f.pct(r.pre_pct), f.pct(r.post_pct),
             f.signed(r.post_pct - r.pre_pct) if r.pre_pct is not None
             and r.post_pct is not None else "–"] for r in rows]
    table = data_table([tr("participant", lang), tr("pct_pre_score", lang),
                        tr("pct_post_score", lang), tr("gain_pts", lang)], body, st,
                       widths=[w * width for w in (0.34, 0.22, 0.22, 0.22)])
    out += heading(tr("people_table", lang, n=len(rows)), st.h2, space_needed=120) + [table]
    return out


def reliability_caveat(score, f: Fmt) -> str:
    """What an individual score is worth, from the tests' alpha."""
    lang = f.lang
    alphas = [(stage, s.alpha) for stage, s in (("pre", score.summary("pre")),
                                                ("post", score.summary("post")))
              if s is not None and s.n >= MIN_N_TESTS and s.alpha is not None]
    if not alphas:
        return tr("caveat_unknown", lang)
    shown = tr("semicolon", lang).join(tr("alpha_in", lang, alpha=f.ratio(a),
                                          test=tr(f"{stage}_test", lang)) for stage, a in alphas)
    verdict = "caveat_ok" if min(a for _, a in alphas) > 0.75 else "caveat_low"
    return tr(verdict, lang, alpha=shown)


def group_label(column: str, value: str | None, lang: str) -> str:
    if value is None or value == "":
        return tr("not_given", lang)
    if column.casefold() == "sex" and value in ("F", "M"):
        return tr(f"sex_{value}", lang)
    if column.casefold() == "country" and len(value) == 2:
        from ...i18n import country_name

        return country_name(value, lang)
    return value


def _column_word(column: str, lang: str) -> str:
    key = f"col_{column.casefold()}"
    return tr(key, lang) if key in _T else column


def group_table(column: str, rows: Sequence[GroupRow], both: bool, st, f: Fmt, *,
                width: float, title: str | None = None,
                value_label: str | None = None) -> list:
    """One row per group value; groups under 5 people show their count only.

    ``both``: pre and post were matched (gain columns), else one mean per group.
    """
    if not rows:  # no roster: the score contract keeps the key with no rows
        return []
    lang = f.lang
    sup = tr("suppressed", lang)
    if both:
        header = [tr("group", lang), tr("n", lang), tr("pre_mean", lang), tr("post_mean", lang),
                  tr("gain_pts", lang), tr("improved", lang)]
        widths = [0.28, 0.1, 0.155, 0.155, 0.155, 0.155]
    else:
        header = [tr("group", lang), tr("n", lang), value_label or tr("mean", lang)]
        widths = [0.4, 0.15, 0.45]
    body = []
    for r in rows:
        label = safe(group_label(column, r.value, lang))
        if r.suppressed:  # a group of 5 or more hidden so that no subtraction reveals
            shown = sup if r.n < MIN_GROUP else tr("suppressed_2", lang)  # a small one
            body.append([label, str(r.n), shown] + [""] * (len(header) - 3))
        elif both:
            body.append([label, str(r.n), f.pct(r.pre_mean_pct), f.pct(r.post_mean_pct),
                         f.signed(r.mean_gain_pct), f.pct(r.improved_pct)])
        else:
            mean = r.post_mean_pct if r.post_mean_pct is not None else r.pre_mean_pct
            body.append([label, str(r.n), f.pct(mean)])
    table = data_table(header, body, st, widths=[w * width for w in widths])
    title = title or tr("by_group", lang, group=_column_word(column, lang))
    out = [block(Paragraph(title, st.h2), table)]
    if any(r.suppressed for r in rows):
        out.append(Paragraph(tr("suppressed_note", lang), st.note))
    return out


def module_table(modules: Sequence[ModuleScore], st, f: Fmt, *, width: float,
                 titles: Mapping[str, str]) -> list:
    lang = f.lang
    header = [tr("module", lang), tr("items_n", lang), tr("pre_mean", lang),
              tr("post_mean", lang), tr("gain_pts", lang)]
    body = [[safe(titles.get(m.module) or m.module), str(len(m.items)), f.pct(m.pre_mean_pct),
             f.pct(m.post_mean_pct), f.signed(m.mean_gain_pct)] for m in modules]
    table = data_table(header, body, st, widths=[w * width for w in (0.4, 0.12, 0.16, 0.16,
                                                                       0.16)])
    return [block(Paragraph(tr("modules", lang), st.h2), table,
                  Paragraph(tr("modules_note", lang), st.note))]


def facility_band(value: float | None, lang: str) -> str:
    """Interpretation of facility (% correct), the bands of docs/statistics.md."""
    if value is None:
        return "–"
    if value <= 5 or value >= 95:
        return tr("fb_suspicious", lang)
    if 35 <= value < 65:
        return tr("fb_right", lang)
    return tr("fb_easy", lang) if value >= 65 else tr("fb_hard", lang)


def _n(stats) -> int:
    return stats.n if stats is not None else 0


def flag_lines(items: Sequence[ItemRow], f: Fmt, *, small: bool = False,
               r_critical: Mapping[int, float | None] | None = None,
               numbers: Mapping[str, int] | None = None,
               found: set[str] | None = None) -> list[str]:
    """One plain-language line per kind of problem, naming the questions concerned (their
    ids are added to ``found`` when given).

    Discrimination is judged on the post-test when there is one (the test as it ends the
    workshop), else on the pre-test; "too easy" is judged on the pre-test. A discrimination
    is called negative only beyond chance (r below −r_crit, the two-sided 5 % critical r for
    the item's n: ±0.37 at n = 29, given by the scoring layer in ``r_critical`` by n); within
    noise it is weak. |r| < 1e-9 is 0 (float noise).
    """
    critical = r_critical or {}
    lang = f.lang
    kinds: dict[str, list[str]] = {"negative": [], "weak": [], "easy": [], "hard": []}
    for item in items:
        stats = item.post if _n(item.post) else item.pre
        disc = None if small or stats is None else stats.discrimination
        if disc is not None and abs(disc) < 1e-9:
            disc = 0.0
        noise = critical.get(_n(stats)) or 1.0
        name = (f"<b>{tr('q_number', lang, q=numbers[item.id])}</b>" if numbers
                and item.id in numbers else f"<b>{safe(item.id)}</b>")
        if disc is not None and disc <= -noise:
            kinds["negative"].append(f"{name} ({f.ratio(disc)})")
        elif disc is not None and round(disc, 2) < 0.2:  # as the table shows it
            kinds["weak"].append(f"{name} ({f.ratio(disc)})")
        pre_fac = item.pre.facility if item.pre is not None else None
        if pre_fac is not None and pre_fac >= 95:
            kinds["easy"].append(f"{name} ({f.pct(pre_fac)})")
        post_fac = item.post.facility if item.post is not None else None
        if post_fac is not None and post_fac <= 5:
            kinds["hard"].append(f"{name} ({f.pct(post_fac)})")
        if found is not None and any(k and k[-1].startswith(name) for k in kinds.values()):
            found.add(item.id)
    has_post = any(_n(i.post) for i in items)
    stage_word = tr("post_test" if has_post else "pre_test", lang)
    sep = tr("colon", lang)
    return [tr(f"flag_{kind}", lang, stage=stage_word) + sep + ", ".join(names) + "."
            for kind, names in kinds.items() if names]


def _facility(stats) -> float | None:
    return stats.facility if stats is not None else None


def revise_section(data: ReportData, st, f: Fmt, *, width: float) -> list:
    """The questions to revise, each kind of problem in plain words, then the texts of the
    questions concerned (every question's figures are in the annex)."""
    lang = f.lang
    items = data.score.items
    if not items:
        return []
    small = _small(data)
    numbers = question_numbers(items)
    found: set[str] = set()
    lines = [bullet(line, st) for line in flag_lines(items, f, small=small,
                                                     r_critical=data.r_critical,
                                                     numbers=numbers, found=found)]
    out: list = heading(tr("flags", lang), st.h1, space_needed=140)
    out.append(block(Paragraph(tr("flags_intro", lang), st.body),
                     *(lines[:1] or [Paragraph(tr("no_flags", lang), st.body)])))
    out += lines[1:]
    flagged = [i for i in items if i.id in found]
    if flagged:  # the questions themselves, so that they can be rewritten from here
        texts = data.question_texts
        body = [[f"<b>{tr('q_number', lang, q=numbers[i.id])}</b>",
                 safe(typeset(" ".join(str(texts.get(i.id) or i.question or i.id).split()),
                              lang)),
                 f"{f.pct(_facility(i.pre))} → {f.pct(_facility(i.post))}"] for i in flagged]
        table = data_table([tr("question", lang), tr("question_text_short", lang),
                            tr("pct_before_after", lang)], body, st,
                           widths=[0.1 * width, 0.7 * width, 0.2 * width], valign="TOP")
        out += heading(tr("flagged_texts", lang), st.h2, space_needed=120) + [table]
    return out


def _small(data: ReportData) -> bool:
    score = data.score
    matched = score.matched
    counts = [_n(score.summary(stage)) for stage in ("pre", "post")]
    return (matched.n if matched is not None else max(counts)) < MIN_N_TESTS


def item_annex(data: ReportData, st, f: Fmt, *, width: float) -> list:
    """% correct per question (chart and table), McNemar, discrimination and ease."""
    lang = f.lang
    score = data.score
    items = score.items
    if not items:
        return []
    numbers = question_numbers(items)
    has_pre = any(_n(i.pre) for i in items)
    has_post = any(_n(i.post) for i in items)
    n_pre, n_post = (max((_n(getattr(i, stage)) for i in items), default=0)
                     for stage in ("pre", "post"))
    out: list = []
    rows = [(tr("q_number", lang, q=numbers[i.id]), _facility(i.pre) if has_pre else None,
             _facility(i.post) if has_post else None) for i in items]
    drawing = charts.paired_bars(rows, width=width, fmt=f.pct, axis_label=tr("pct_correct", lang),
                                 pre_label=tr("before_n", lang, n=n_pre),
                                 post_label=tr("after_n", lang, n=n_post), label_width=40)
    out.append(block(Paragraph(tr("annex_items", lang), st.h1),
                     Paragraph(tr("items_chart", lang), st.h2), drawing))
    small = _small(data)
    header = [tr("question", lang)]
    widths = [0.1]
    for stage, present in (("pre", has_pre), ("post", has_post)):
        if present:
            header += [tr(f"pct_{stage}", lang)] + ([] if small else [tr(f"disc_{stage}", lang)])
            widths += [0.13] if small else [0.13, 0.13]
    mcnemar = has_pre and has_post and not small
    if mcnemar:
        header.append(tr("mcnemar", lang))
        widths.append(0.16)
    header.append(tr("facility_band", lang))
    widths.append(1 - sum(widths))
    body = []
    for i in items:
        row = [f"<b>{tr('q_number', lang, q=numbers[i.id])}</b>"]
        for stats, present in ((i.pre, has_pre), (i.post, has_post)):
            if present:
                row.append(f.pct(_facility(stats)))
                if not small:
                    row.append(f.ratio(stats.discrimination if stats is not None else None))
        if mcnemar:
            row.append(f.p(i.mcnemar_p_holm))
        row.append(facility_band(_facility(i.post if has_post else i.pre), lang))
        body.append(row)
    table = data_table(header, body, st, widths=[w * width for w in widths])
    stage = tr("post_test" if has_post else "pre_test", lang)
    note = Paragraph(tr("items_note_small" if small else "items_note", lang, stage=stage), st.note)
    # a short table stays whole with its note; a long one may break (its header repeats)
    title = Paragraph(tr("items_table", lang), st.h2)
    out += [block(title, table, note)] if len(body) <= 25 else [title, table, note]
    return out


def question_annex(data: ReportData, st, f: Fmt, *, width: float) -> list:
    """Every question's number, full text and module (the charts and tables name numbers)."""
    lang = f.lang
    items = data.score.items
    if not items:
        return []
    numbers = question_numbers(items)
    texts = data.question_texts
    body = []
    for i in items:
        text = str(texts.get(i.id) or i.question or "")
        shown = safe(typeset(" ".join(text.split()), lang)) if text and text != i.id else ""
        ref = f"<font color='#6B7280'>{safe(i.id)}</font>"
        body.append([f"<b>{tr('q_number', lang, q=numbers[i.id])}</b>",
                     f"{shown}<br/>{ref}" if shown else ref])
    table = data_table([tr("question", lang), tr("question_text", lang)], body, st,
                       widths=[0.1 * width, 0.9 * width], valign="TOP")
    return heading(tr("annex_questions", lang), st.h1, space_needed=200) + [table]
