"""The terminal summary of a ScoreResult (English; the PDF report does the translating)."""
from __future__ import annotations

from typing import TYPE_CHECKING

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


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f} %"


def _num(value: float | None, digits: int = 2) -> str:
    return "n/a" if value is None else f"{value:.{digits}f}"


def _p(value: float | None) -> str:
    """'p = 0.012', 'p < 0.001' or 'p n/a' (never 'p = < 0.001')."""
    if value is None:
        return "p n/a"
    return "p < 0.001" if value < 0.001 else f"p = {value:.3f}"


def score_text(result: ScoreResult) -> str:
    """A short human summary: counts, means, gain, weakest items, odd rows."""
    lines = []
    for stage in (result.pre, result.post):
        if stage is None:
            continue
        s = stage.summary
        lines.append(f"{stage.stage.capitalize()}-test ({stage.imported.file}): n = {s.n}, "
                     f"mean {_pct(s.mean_pct)} (sd {_num(s.sd_pct, 1)}), "
                     f"alpha {_num(s.alpha)}")
    m = result.matched
    if m is not None:
        lines.append(f"Matched: n = {m.n}, mean {_pct(m.pre_mean_pct)} -> "
                     f"{_pct(m.post_mean_pct)}")
        ci = (f" (95 % CI {m.gain_ci95[0]:.1f} to {m.gain_ci95[1]:.1f})"
              if m.gain_ci95 else "")
        lines.append(f"Gain: {_num(m.mean_gain_pct, 1)} points{ci}, paired t {_p(m.p_t)}, "
                     f"Wilcoxon {_p(m.p_wilcoxon)}, d_z = {_num(m.cohen_dz)}")
        lines.append(f"Normalized gain: {_num(m.normalized_gain)}"
                     f"{f' ({m.hake_band})' if m.hake_band else ''}; improved "
                     f"{_pct(m.improved_pct)}, unchanged {_pct(m.unchanged_pct)}, declined "
                     f"{_pct(m.declined_pct)}")
    stage = result.post or result.pre
    if stage is not None and stage.items:
        ranked = sorted(((it.facility, item.id) for item, it in
                         zip(stage.imported.key.items, stage.items) if it.facility is not None))
        weakest = ", ".join(f"{item_id} ({value:.0f} %)" for value, item_id in ranked[:3])
        if weakest:
            lines.append(f"Weakest items ({stage.stage}-test): {weakest}")
    for column, rows in result.groups.items():
        if not rows:
            continue
        parts = []
        for row in rows:
            label = row.value or "not given"
            parts.append(f"{label}: n = {row.n} (suppressed, n < 5)" if row.suppressed
                         else f"{label}: n = {row.n}, gain {_num(row.mean_gain_pct, 1)}"
                         if row.mean_gain_pct is not None else
                         f"{label}: n = {row.n}, mean "
                         f"{_pct(_mean_of(row))}")
        lines.append(f"By {column}: " + "; ".join(parts))
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
        lines.append(f"Answers that match no choice (scored 0): {len(odd)}")
        lines.extend(f"  {p.file}, column \"{p.column}\": {p.message}" for p in odd)
    rejected = result.rejected()
    lines.append(f"Rejected rows: {len(rejected)}")
    lines.extend(f"  {r['file']}, row {r['row']}: {r['reason']}" for r in rejected)
    duplicates = result.duplicates()
    lines.append(f"Duplicates not counted: {len(duplicates)}")
    lines.extend(f"  {d['file']}, row {d['row']}: {d['id']} (row {d['kept_row']} counts)"
                 for d in duplicates)
    linked = result.linked
    if result.pre is not None and result.post is not None:
        methods: dict[str, int] = {}
        for imported in (linked.pre, linked.post):
            for kind, n in imported.linked_by.items():
                methods[kind] = methods.get(kind, 0) + n
        lines.append("Participants linked by: " + (
            ", ".join(f"{kind} ({n})" for kind, n in methods.items()) if len(methods) > 1
            else next(iter(methods), linked.pre.match_by)))
        lines.append("Pre-test only: " + (", ".join(_who(result, linked.pre, p)
                                                    for p in linked.pre_only) or "none"))
        lines.append("Post-test only: " + (", ".join(_who(result, linked.post, p)
                                                     for p in linked.post_only) or "none"))
        if (linked.pre_only or linked.post_only) and not linked.participants:
            lines.append("  (no match in the other test by code, e-mail or name: check how "
                         "they wrote them, or give the participant list with --participants)")
    if linked.not_in_roster:
        lines.append(f"Not in the participant list (scored under their own id): "
                     f"{len(linked.not_in_roster)}")
        lines.extend(f"  {p.file}, row {p.row}: {p.message}" for p in linked.not_in_roster)
    for fuzzy in linked.fuzzy_matches:
        lines.append(f"Approximate name match: {fuzzy.file}, row {fuzzy.row} -> "
                     f"{fuzzy.matched_to} ({fuzzy.score:.2f})")
    lines.extend(f"Note: {note}" for note in result.notes)
    return lines


def _mean_of(row) -> float | None:
    """A group's post-test mean, else its pre-test mean (one test given)."""
    return row.post_mean_pct if row.post_mean_pct is not None else row.pre_mean_pct
