"""The agenda as an editable spreadsheet (one row per slot, breaks included)."""
from __future__ import annotations

import os
from pathlib import Path

from ..fileio import save_workbook
from ..i18n import N_, format_date, format_time, gettext
from ..model import Workshop
from ..schedule import Schedule
from .labels import label, method_label, text

_HEAD = (N_("Day"), N_("Date"), N_("Start"), N_("End"), N_("Title"), N_("Method"),
         N_("Facilitator"), N_("Module"))
_WIDTHS = (7, 26, 8, 8, 60, 20, 28, 40)


def write_agenda_xlsx(ws: Workshop, schedule: Schedule, lang: str,
                      path: str | os.PathLike) -> Path:
    """Write the timetable as an XLSX sheet (formatted header, frozen panes) atomically."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook()
    sheet = book.active
    sheet.title = label("agenda", lang)[:31]
    sheet.append([gettext(head, lang) for head in _HEAD])
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="0B4F8A")
        cell.alignment = Alignment(vertical="center")
    modules = {m.id: m for m in ws.modules}
    shade = PatternFill("solid", fgColor="E8EEF3")
    for slot in schedule.slots:
        module = modules.get(slot.module_id)
        row = [slot.day_index + 1, format_date(slot.date, lang, weekday=True),
               format_time(slot.start, lang), format_time(slot.end, lang),
               text(slot.title, lang, ws), method_label(slot.method, lang), slot.facilitator,
               text(module.title, lang, ws) if module else ""]
        sheet.append(row)  # text as typed; save_workbook keeps it text
        if slot.kind in ("break", "free"):
            for cell in sheet[sheet.max_row]:
                cell.fill = shade
    for index, width in enumerate(_WIDTHS):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    return save_workbook(book, path)
