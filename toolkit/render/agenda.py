"""`workshop agenda`: the timetable as PDF, and optionally as ICS and XLSX."""
from __future__ import annotations

import os
from pathlib import Path

from ..errors import OutputError
from ..fileio import check_not_input
from ..i18n import _
from ..model import Workshop
from ..schedule import build_schedule, require_complete


def pick_language(ws: Workshop, lang: str | None) -> str:
    """The language to print in: ``lang``, else the interface language when the workshop has
    it, else the workshop's first language."""
    from ..i18n import document_language

    return document_language(ws.languages, lang)


def input_files(ws: Workshop) -> list[str]:
    """The workshop's own files, which an output must never overwrite."""
    files = ws.files
    return [ws.source, files.participants, files.attendance, files.pre, files.post,
            files.satisfaction, files.registry]


def write_agenda(ws: Workshop, *, output: str | os.PathLike | None = None,
                 lang: str | None = None, ics: str | os.PathLike | None = None,
                 xlsx: str | os.PathLike | None = None) -> list[Path]:
    """Write the agenda PDF (and ICS/XLSX when asked); return the paths written."""
    from .agenda_xlsx import write_agenda_xlsx
    from .ics import check_timezone, write_agenda_ics
    from .pdf.agenda import agenda_pdf
    from .pdf.theme import save_pdf

    lang = pick_language(ws, lang)
    if not ws.days:
        raise OutputError(_("{value}: the workshop has no days, so there is no agenda to write; "
                            "give it dates (start and end).").format(value=ws.source or ws.id))
    pdf_path = Path(output) if output else Path("reports") / ws.id / f"agenda-{lang}.pdf"
    targets = [p for p in (pdf_path, ics, xlsx) if p]
    for target in targets:
        check_not_input(target, input_files(ws))
    if ics:
        check_timezone(ws)  # before anything is written
    schedule = build_schedule(ws)
    require_complete(schedule, ws.source or ws.id)  # never an agenda without a session
    written = [save_pdf(agenda_pdf(ws, schedule, lang), pdf_path)]
    if ics:
        written.append(write_agenda_ics(ws, schedule, lang, ics))
    if xlsx:
        written.append(write_agenda_xlsx(ws, schedule, lang, xlsx))
    return written
