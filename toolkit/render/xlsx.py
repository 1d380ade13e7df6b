"""Scores workbook: Summary, Participants, Items, Groups, Rejected, Duplicates, Unmatched.

Participant-level sheets use participant ids only (no names, e-mails or phones). Text cells
hold the text as it is, typed as strings (never formulas) by fileio.save_workbook, which also
writes the file atomically.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..fileio import save_workbook
from ..i18n import N_, _

if TYPE_CHECKING:
    from ..scoring.result import ItemStats, MatchedStats, ScoreResult

HEADER_FILL = "1F4E79"
PCT = "0.0\" %\""  # percent scores are 0-100 numbers, not fractions: no Excel "%" scaling
DEC = "0.000"
PTS = "+0.0;-0.0;0.0"  # gains are percentage points: "+33.3", not "33.3 %" (a relative rise)


# Values written as words, in the workbook's language (the interface language)
QUESTION_TYPES = {"single": N_("single choice"), "multiple": N_("multiple choice"),
                  "true-false": N_("true or false"), "number": N_("number")}
GROUP_COLUMNS = {"sex": N_("Sex"), "country": N_("Country"), "organisation": N_("Organization"),
                 "function": N_("Function")}


def write_scores_xlsx(result: ScoreResult, path: str | Path) -> Path:
    """Write the scores workbook to ``path`` (atomically) and return the path."""
    from openpyxl import Workbook

    from ..fileio import check_not_input

    # -o pre.csv used to replace the pre-test export with the workbook
    check_not_input(path, [x for stage in (result.pre, result.post) if stage is not None
                           for x in (stage.imported.file, stage.imported.key.source)])
    wb = Workbook()
    wb.remove(wb.active)
    _sheet(wb, _("Summary"), [_("Figure"), _("Pre-test"), _("Post-test")], _summary(result),
           [None, DEC, DEC], widths=[34, 14, 14])
    _summary_formats(wb[_("Summary")])
    _matched(wb[_("Summary")], result.matched)
    files = sorted({str(x) for stage in (result.pre, result.post) if stage is not None
                    for x in (stage.imported.file, stage.imported.key.source) if x},
                   key=len, reverse=True)
    _notes(wb[_("Summary")], [_base_names(note, files) for note in result.notes])
    _sheet(wb, _("Participants"),
           [_("Participant id"), _("Pre %"), _("Post %"), _("Gain (points)")],
           [[p.id, p.pre_pct, p.post_pct, p.gain] for p in result.participant_scores()],
           [None, PCT, PCT, PTS], widths=[22, 10, 10, 14])
    _sheet(wb, _("Items"), [_("Item"), _("Question"), _("Type"), _("Points"), _("Module"),
                            _("Pre n"), _("Pre % correct"), _("Pre discrimination"),
                            _("Post n"), _("Post % correct"), _("Post discrimination"),
                            _("McNemar p"), _("McNemar p (Holm)")],
           [[i.id, i.question, _(QUESTION_TYPES.get(i.type, i.type)), i.points, i.module,
             *_item(i.pre), *_item(i.post),
             i.mcnemar_p, i.mcnemar_p_holm] for i in result.items],
           [None, None, None, "0.##", None, "0", PCT, DEC, "0", PCT, DEC, "0.0000", "0.0000"],
           widths=[12, 40, 11, 8, 12, 7, 13, 17, 7, 13, 17, 12, 16])
    _sheet(wb, _("Groups"), [_("Column"), _("Value"), "n", _("Pre mean %"), _("Post mean %"),
                          _("Mean gain (points)"), _("Improved %"), _("Suppressed (n < 5)")],
           [[_(GROUP_COLUMNS[col]) if col in GROUP_COLUMNS else col,
             row.value if row.value is not None else _("(not given)"), row.n,
             row.pre_mean_pct, row.post_mean_pct, row.mean_gain_pct, row.improved_pct,
             _("yes") if row.suppressed else _("no")]
            for col, rows in result.groups.items() for row in rows],
           [None, None, "0", PCT, PCT, PTS, PCT, None], widths=[14, 20, 7, 12, 12, 18, 12, 18],
           empty=_("No participant list (--participants) given: no groups."))
    left = result.left_out()
    _sheet(wb, _("Rejected"), [_("File"), _("Row"), _("Reason")],
           [[Path(r.file).name, r.row, _base_names(r.reason, files)] for r in left.rejected],
           [None, "0", None], widths=[30, 7, 70], empty=_("No row was rejected."))
    _sheet(wb, _("Duplicates"), [_("File"), _("Row"), _("Participant"), _("Row that counts")],
           [[Path(d.file).name, d.row, d.id, d.kept_row] for d in left.duplicates],
           [None, "0", None, "0"], widths=[30, 7, 22, 16], empty=_("No duplicate submission."))
    _sheet(wb, _("Unmatched"), [_("Participant"), _("Took only")],
           [[p, _("pre-test")] for p in left.pre_only]
           + [[p, _("post-test")] for p in left.post_only],
           [None, None], widths=[22, 14],
           empty=_("Everyone took both tests.") if result.matched else _("Only one test given."))
    return save_workbook(wb, path)


def _base_names(text: str, files: Sequence[str]) -> str:
    """``text`` with each input file's full path cut to its base name (no local folder path
    in a workbook sent to a donor)."""
    for path in files:
        text = text.replace(path, Path(path).name)
    return text


def _item(stats: ItemStats | None) -> list[Any]:
    """n, % correct and discrimination of one test's item (0 and blanks when not given)."""
    if stats is None:
        return [0, None, None]
    return [stats.n, stats.facility, stats.discrimination]


def _summary(result: ScoreResult) -> list[list[Any]]:
    pre, post = result.summary("pre"), result.summary("post")

    def both(name: str, empty: Any = None) -> list[Any]:
        return [getattr(s, name) if s is not None else empty for s in (pre, post)]

    return [[_("Participants scored"), *both("n", 0)],
            [_("Mean score %"), *both("mean_pct")],
            [_("Standard deviation (points of %)"), *both("sd_pct")],
            [_("Median score %"), *both("median_pct")],
            [_("Cronbach’s alpha"), *both("alpha")]]


def _summary_formats(ws) -> None:
    """Counts as integers and scores as percents (not "24.000" and "46.528")."""
    for row, fmt in ((2, "0"), (3, PCT), (4, PCT), (5, PCT)):
        for col in (2, 3):
            ws.cell(row, col).number_format = fmt


def _matched(ws, matched: MatchedStats | None) -> None:
    from openpyxl.styles import Font

    start = ws.max_row + 2
    ws.cell(start, 1, _("Matched participants (pre and post)")).font = Font(bold=True)
    if matched is None:
        ws.cell(start + 1, 1, _("Only one test was given: no gain computed."))
        return
    ci = matched.gain_ci95 or (None, None)
    figures = [("n", matched.n, "0"), (_("Mean pre %"), matched.pre_mean_pct, PCT),
               (_("Mean post %"), matched.post_mean_pct, PCT),
               (_("Mean gain (points)"), matched.mean_gain_pct, PTS),
               (_("95 % CI low"), ci[0], PTS), (_("95 % CI high"), ci[1], PTS),
               (_("Normalized gain (Hake)"), matched.normalized_gain, DEC),
               (_("Improved %"), matched.improved_pct, PCT),
               (_("Unchanged %"), matched.unchanged_pct, PCT),
               (_("Declined %"), matched.declined_pct, PCT),
               (_("Paired t"), matched.t, DEC), (_("p (t-test)"), matched.p_t, "0.0000"),
               (_("p (Wilcoxon)"), matched.p_wilcoxon, "0.0000"),
               (_("Cohen’s d_z"), matched.cohen_dz, DEC)]
    for offset, (label, value, fmt) in enumerate(figures, start=1):
        ws.cell(start + offset, 1, label)
        cell = ws.cell(start + offset, 2, value)
        cell.number_format = fmt


def _notes(ws, notes: Sequence[str]) -> None:
    from openpyxl.styles import Font

    if not notes:
        return
    start = ws.max_row + 2
    ws.cell(start, 1, _("Notes")).font = Font(bold=True)
    for offset, note in enumerate(notes, start=1):
        ws.cell(start + offset, 1, note)


def _sheet(wb, title: str, headers: Sequence[str], rows: Sequence[Sequence[Any]],
           formats: Sequence[str | None], *, widths: Sequence[int], empty: str = "") -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    ws = wb.create_sheet(title)
    ws.append(list(headers))
    bold = Font(bold=True, color="FFFFFF")
    fill = PatternFill("solid", fgColor=HEADER_FILL)
    for cell in ws[1]:
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        ws.append(list(row))
    if not rows and empty:
        ws.append([empty])
        ws["A2"].font = Font(italic=True)
    for col, fmt in enumerate(formats, start=1):
        if fmt:
            for (cell,) in ws.iter_rows(min_row=2, min_col=col, max_col=col):
                cell.number_format = fmt
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "B2"
