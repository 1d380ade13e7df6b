"""The terminal summary of a ScoreResult, in the interface language (toolkit.i18n)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..i18n import _, format_number, get_language

if TYPE_CHECKING:
    from .result import ScoreResult

# whole-question problems found by the importer (not one odd cell)
COLUMN_CODES = frozenset({"no-answers", "no-match"})


def _who(result: ScoreResult, imported, pid: str) -> str:
    """A participant as the terminal shows them: id (or file and row), with the name typed
    when they are in no roster (the terminal is the facilitator's; reports show ids only)."""
    shown = result.public(pid)
    name = imported.identities.get(pid, {}).get("name", "") if imported is not None else ""
    return f'{shown} ("{name}")' if name and pid not in result.linked.participants else shown


def _pct(value: float | None, digits: int = 1) -> str:
    if value is None:
        return _("n/a")
    # TRANSLATORS: a percentage in the terminal summary; French: "{number} %" (thin space).
    return _("{number} %").format(number=format_number(value, get_language(), decimals=digits))


def _num(value: float | None, digits: int = 2) -> str:
    return _("n/a") if value is None else format_number(value, get_language(), decimals=digits)


def _p(value: float | None) -> str:
    """'p = 0.012', 'p < 0.001' or 'p n/a' (never 'p = < 0.001')."""
    if value is None:
        return _("p n/a")
    if value < 0.001:
        return "p < " + format_number(0.001, get_language(), decimals=3)
    return "p = " + format_number(value, get_language(), decimals=3)


def score_text(result: ScoreResult) -> str:
    """A short human summary: counts, means, gain, weakest items, odd rows."""
    stages = {"pre": _("Pre-test"), "post": _("Post-test")}
    lines = []
    for stage in (result.pre, result.post):
        if stage is None:
            continue
        s = stage.summary
        lines.append(_("{stage} ({file}): n = {n}, mean {mean} (sd {sd}), alpha {alpha}").format(
            stage=stages.get(stage.stage, stage.stage), file=stage.imported.file, n=s.n,
            mean=_pct(s.mean_pct), sd=_num(s.sd_pct, 1), alpha=_num(s.alpha)))
    m = result.matched
    if m is not None:
        lines.append(_("Matched: n = {n}, mean {pre} -> {post}").format(
            n=m.n, pre=_pct(m.pre_mean_pct), post=_pct(m.post_mean_pct)))
        ci = (_(" (95% CI {low} to {high})").format(low=_num(m.gain_ci95[0], 1),
                                                    high=_num(m.gain_ci95[1], 1))
              if m.gain_ci95 else "")
        lines.append(_("Gain: {gain} points{ci}, paired t {p_t}, Wilcoxon {p_w}, d_z = {dz}")
                     .format(gain=_num(m.mean_gain_pct, 1), ci=ci, p_t=_p(m.p_t),
                             p_w=_p(m.p_wilcoxon), dz=_num(m.cohen_dz)))
        bands = {"low": _("low"), "medium": _("medium"), "high": _("high")}
        band = f" ({bands.get(m.hake_band, m.hake_band)})" if m.hake_band else ""
        lines.append(_("Normalized gain: {g}{band}; improved {improved}, unchanged {unchanged}, "
                       "declined {declined}").format(
            g=_num(m.normalized_gain), band=band, improved=_pct(m.improved_pct),
            unchanged=_pct(m.unchanged_pct), declined=_pct(m.declined_pct)))
    stage = result.post or result.pre
    if stage is not None and stage.items:
        ranked = sorted(((it.facility, item.id) for item, it in
                         zip(stage.imported.key.items, stage.items) if it.facility is not None))
        weakest = ", ".join(f"{item_id} ({_pct(value, 0)})"
                            for value, item_id in ranked[:3])
        if weakest:
            lines.append(_("Weakest items ({stage}): {items}").format(
                stage=stages.get(stage.stage, stage.stage).lower(), items=weakest))
    for column, rows in result.groups.items():
        if not rows:
            continue
        parts = []
        for row in rows:
            label = row.value or _("not given")
            if row.suppressed:
                parts.append(_("{label}: n = {n} (suppressed, n < 5)").format(label=label,
                                                                             n=row.n))
            elif row.mean_gain_pct is not None:
                parts.append(_("{label}: n = {n}, gain {gain}").format(
                    label=label, n=row.n, gain=_num(row.mean_gain_pct, 1)))
            else:
                parts.append(_("{label}: n = {n}, mean {mean}").format(
                    label=label, n=row.n, mean=_pct(_mean_of(row))))
        lines.append(_("By {column}: {groups}").format(column=column, groups="; ".join(parts)))
    lines.extend(data_notes(result))
    return "\n".join(lines)


def data_notes(result: ScoreResult) -> list[str]:
    """What the data did to the figures: odd answers, rejected rows, duplicates, who was
    linked how, unmatched people and the notes (`score` and `build` print them alike)."""
    lines: list[str] = []
    odd = [p for stage in (result.pre, result.post) if stage is not None
           for p in stage.imported.warnings]
    lines.extend(f"Problem: {p.file}: {p.message}" for p in odd if p.code in COLUMN_CODES)
    odd = [p for p in odd if p.code not in COLUMN_CODES]
    if odd:  # each scored 0: the facilitator must see them, not only in --json
        lines.append(_("Answers that match no choice (scored 0): {count}").format(count=len(odd)))
        lines.extend(_('  {file}, column "{column}": {message}').format(
            file=p.file, column=p.column, message=p.message) for p in odd)
    rejected = result.rejected()
    lines.append(_("Rejected rows: {count}").format(count=len(rejected)))
    lines.extend(_("  {file}, row {row}: {reason}").format(file=r["file"], row=r["row"],
                                                          reason=r["reason"]) for r in rejected)
    duplicates = result.duplicates()
    lines.append(_("Duplicates not counted: {count}").format(count=len(duplicates)))
    lines.extend(_("  {file}, row {row}: {id} (row {kept_row} counts)").format(
        file=d["file"], row=d["row"], id=d["id"], kept_row=d["kept_row"]) for d in duplicates)
    linked = result.linked
    if result.pre is not None and result.post is not None:
        pre, post = result.pre.imported, result.post.imported  # linked.pre and linked.post
        methods: dict[str, int] = {}
        for imported in (pre, post):
            for kind, n in imported.linked_by.items():
                methods[kind] = methods.get(kind, 0) + n
        from ..headers import MATCH_NAMES

        def way(kind: str | None) -> str:  # "participant code", not the key "id"
            return _(MATCH_NAMES.get(kind or "", kind or ""))

        lines.append(_("Participants linked by: {how}").format(how=(
            ", ".join(f"{way(kind)} ({n})" for kind, n in methods.items()) if len(methods) > 1
            else way(next(iter(methods), pre.match_by)))))
        lines.append(_("Pre-test only: {ids}").format(
            ids=", ".join(_who(result, pre, p) for p in linked.pre_only) or _("none")))
        lines.append(_("Post-test only: {ids}").format(
            ids=", ".join(_who(result, post, p) for p in linked.post_only) or _("none")))
        if (linked.pre_only or linked.post_only) and not linked.participants:
            lines.append(_("  (no match in the other test by code, e-mail or name: check how "
                           "they wrote them, or give the participant list with --participants)"))
    if linked.not_in_roster:
        lines.append(_("Not in the participant list (scored under their own id): {count}")
                     .format(count=len(linked.not_in_roster)))
        lines.extend(_("  {file}, row {row}: {message}").format(file=p.file, row=p.row,
                                                               message=p.message)
                     for p in linked.not_in_roster)
    for fuzzy in linked.fuzzy_matches:
        lines.append(_("Approximate name match: {file}, row {row} -> {name} ({score})").format(
            file=fuzzy.file, row=fuzzy.row, name=fuzzy.matched_to,
            score=format_number(fuzzy.score, get_language(), decimals=2)))
    lines.extend(_("Note: {note}").format(note=note) for note in result.notes)
    return lines


def _mean_of(row) -> float | None:
    """A group's post-test mean, else its pre-test mean (one test given)."""
    return row.post_mean_pct if row.post_mean_pct is not None else row.pre_mean_pct
