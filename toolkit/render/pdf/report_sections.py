"""Report sections on learning (Kirkpatrick level 2) and on the test's questions."""
from __future__ import annotations

from typing import Any

from reportlab.platypus import Paragraph

from . import charts
from .report_kit import MIN_N_TESTS, Fmt, block, bullet, data_table, gap, mask, safe
from .report_text import _T, tr

CHART_ROWS = 45  # participants per dumbbell chart (one chart per page at most)


def learning_section(data: dict[str, Any], st, f: Fmt, *, width: float) -> list:
    """Pre → post per participant, score distributions, groups and module sub-scores."""
    lang = f.lang
    score = data["score"]
    out: list = [Paragraph(tr("learning", lang), st.h1)]
    people = score.get("per_participant") or []
    matched = [(r["id"], r["pre_pct"], r["post_pct"]) for r in people
               if r.get("pre_pct") is not None and r.get("post_pct") is not None]
    if score.get("matched") is not None:
        matched.sort(key=lambda r: (-(r[2] - r[1]), r[0]))
        if matched:
            for start in range(0, len(matched), CHART_ROWS):
                chunk = matched[start:start + CHART_ROWS]
                drawing = charts.dumbbell(
                    [(mask(pid), a, b) for pid, a, b in chunk], width=width, fmt=f.num,
                    axis_label=tr("score_axis", lang), pre_label=tr("before", lang),
                    post_label=tr("after", lang))
                title = Paragraph(tr("each_participant", lang), st.h2) if start == 0 else gap(2)
                out.append(block(title, drawing))
        else:
            out.append(Paragraph(tr("no_matched_chart", lang), st.note))
    pre = [r["pre_pct"] for r in people if r.get("pre_pct") is not None]
    post = [r["post_pct"] for r in people if r.get("post_pct") is not None]
    if pre or post:
        drawing = charts.histogram(pre or None, post or None, width=width,
                                   pre_label=tr("before", lang), post_label=tr("after", lang),
                                   x_label=tr("score_axis", lang),
                                   y_label=tr("count_axis", lang))
        out.append(block(Paragraph(tr("distribution", lang), st.h2), drawing))
    for column, rows in (score.get("groups") or {}).items():
        out += group_table(column, rows, score, st, f, width=width)
    modules = [m for m in score.get("modules") or [] if m.get("module")]
    if modules:
        out += module_table(modules, st, f, width=width,
                            titles=data.get("module_titles") or {})
    return out


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


def group_table(column: str, rows: list[dict], score: dict, st, f: Fmt, *,
                width: float, title: str | None = None,
                value_label: str | None = None) -> list:
    """One row per group value; groups under 5 people show their count only."""
    if not rows:  # no roster: the score contract keeps the key with no rows
        return []
    lang = f.lang
    both = score.get("matched") is not None
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
        label = safe(group_label(column, r.get("value"), lang))
        if r.get("suppressed"):
            body.append([label, str(r["n"]), sup] + [""] * (len(header) - 3))
        elif both:
            body.append([label, str(r["n"]), f.pct(r.get("pre_mean_pct")),
                         f.pct(r.get("post_mean_pct")), f.signed(r.get("mean_gain_pct")),
                         f.pct(r.get("improved_pct"))])
        else:
            mean = r.get("post_mean_pct") if r.get("post_mean_pct") is not None \
                else r.get("pre_mean_pct")
            body.append([label, str(r["n"]), f.pct(mean)])
    table = data_table(header, body, st, widths=[w * width for w in widths])
    title = title or tr("by_group", lang, group=_column_word(column, lang))
    out = [block(Paragraph(title, st.h2), table)]
    if any(r.get("suppressed") for r in rows):
        out.append(Paragraph(tr("suppressed_note", lang), st.note))
    return out


def module_table(modules: list[dict], st, f: Fmt, *, width: float,
                 titles: dict[str, str]) -> list:
    lang = f.lang
    header = [tr("module", lang), tr("items_n", lang), tr("pre_mean", lang),
              tr("post_mean", lang), tr("gain_pts", lang)]
    body = [[safe(titles.get(m["module"]) or m["module"]), str(len(m.get("items") or [])),
             f.pct(m.get("pre_mean_pct")),
             f.pct(m.get("post_mean_pct")), f.signed(m.get("mean_gain_pct"))] for m in modules]
    table = data_table(header, body, st, widths=[w * width for w in (0.4, 0.12, 0.16, 0.16,
                                                                       0.16)])
    return [block(Paragraph(tr("modules", lang), st.h2), table,
                  Paragraph(tr("modules_note", lang), st.note))]


def facility_band(value: float | None, lang: str) -> str:
    """Interpretation of facility (% correct), METHODS.md bands."""
    if value is None:
        return "–"
    if value <= 5 or value >= 95:
        return tr("fb_suspicious", lang)
    if 35 <= value < 65:
        return tr("fb_right", lang)
    return tr("fb_easy", lang) if value >= 65 else tr("fb_hard", lang)


def flag_lines(items: list[dict], f: Fmt, *, small: bool = False) -> list[str]:
    """One plain-language line per kind of problem, naming the questions concerned.

    Discrimination is judged on the post-test when there is one (the test as it ends the
    workshop), else on the pre-test; "too easy" is judged on the pre-test.
    """
    lang = f.lang
    kinds: dict[str, list[str]] = {"negative": [], "weak": [], "easy": [], "hard": []}
    for item in items:
        stage = "post" if (item.get("post") or {}).get("n") else "pre"
        disc = None if small else (item.get(stage) or {}).get("discrimination")
        name = f"<b>{safe(item['id'])}</b>"
        if disc is not None and disc < 0:
            kinds["negative"].append(f"{name} ({f.ratio(disc)})")
        elif disc is not None and disc < 0.2:
            shown = f.ratio(disc) if round(disc, 2) < 0.2 else f.num(disc, 3)
            kinds["weak"].append(f"{name} ({shown})")
        pre_fac = (item.get("pre") or {}).get("pct_correct")
        if pre_fac is not None and pre_fac >= 95:
            kinds["easy"].append(f"{name} ({f.pct(pre_fac)})")
        post_fac = (item.get("post") or {}).get("pct_correct")
        if post_fac is not None and post_fac <= 5:
            kinds["hard"].append(f"{name} ({f.pct(post_fac)})")
    has_post = any((i.get("post") or {}).get("n") for i in items)
    stage_word = tr("post_test" if has_post else "pre_test", lang)
    sep = tr("colon", lang)
    return [tr(f"flag_{kind}", lang, stage=stage_word) + sep + ", ".join(names) + "."
            for kind, names in kinds.items() if names]


def items_section(data: dict[str, Any], st, f: Fmt, *, width: float) -> list:
    """% correct per question (chart and table), McNemar, discrimination, flags."""
    lang = f.lang
    score = data["score"]
    items = score.get("items") or []
    if not items:
        return []
    texts = data.get("question_texts") or {}
    has_pre = any((i.get("pre") or {}).get("n") for i in items)
    has_post = any((i.get("post") or {}).get("n") for i in items)
    out: list = []
    rows = [(mask(i["id"]), (i.get("pre") or {}).get("pct_correct") if has_pre else None,
             (i.get("post") or {}).get("pct_correct") if has_post else None) for i in items]
    drawing = charts.paired_bars(rows, width=width, fmt=f.pct, axis_label=tr("pct_correct", lang),
                                 pre_label=tr("before", lang), post_label=tr("after", lang))
    out.append(block(Paragraph(tr("items", lang), st.h1),
                     Paragraph(tr("items_chart", lang), st.h2), drawing))
    matched = score.get("matched")
    counts = [(score.get(stage) or {}).get("n") or 0 for stage in ("pre", "post")]
    small = (matched["n"] if matched else max(counts)) < MIN_N_TESTS
    header = [tr("question", lang)]
    widths = [0.34]
    for stage, present in (("pre", has_pre), ("post", has_post)):
        if present:
            header += [tr(f"pct_{stage}", lang)] + ([] if small else [tr(f"disc_{stage}", lang)])
            widths += [0.1] if small else [0.1, 0.1]
    mcnemar = has_pre and has_post and not small
    if mcnemar:
        header.append(tr("mcnemar", lang))
        widths.append(0.12)
    header.append(tr("facility_band", lang))
    widths.append(1 - sum(widths))
    body = []
    for i in items:
        text = str(texts.get(i["id"]) or i.get("question") or "")
        label = f"<b>{safe(i['id'])}</b>" + (f" {safe(_short(text))}" if text != i["id"] else "")
        row = [label]
        for stage, present in (("pre", has_pre), ("post", has_post)):
            if present:
                s = i.get(stage) or {}
                row.append(f.pct(s.get("pct_correct")))
                if not small:
                    row.append(f.ratio(s.get("discrimination")))
        if mcnemar:
            row.append(f.p(i.get("mcnemar_p_holm", i.get("mcnemar_p"))))
        stage = "post" if has_post else "pre"
        row.append(facility_band((i.get(stage) or {}).get("pct_correct"), lang))
        body.append(row)
    table = data_table(header, body, st, widths=[w * width for w in widths])
    note = Paragraph(tr("items_note_small" if small else "items_note", lang), st.note)
    # a short table stays whole with its note; a long one may break (its header repeats)
    out += [block(table, note)] if len(body) <= 25 else [table, note]
    lines = [bullet(line, st) for line in flag_lines(items, f, small=small)]
    out.append(block(Paragraph(tr("flags", lang), st.h2),
                     *(lines[:1] or [Paragraph(tr("no_flags", lang), st.body)])))
    out += lines[1:]
    return out


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
