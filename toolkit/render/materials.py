"""`workshop materials`: facilitator guide, handout, sign-in sheets, badges and table tents."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence

from ..errors import InputFileError
from ..fileio import check_not_input
from ..i18n import _
from ..model import Participant, Workshop
from ..schedule import build_schedule
from .agenda import input_files, pick_language



def load_participants(ws: Workshop, participants) -> tuple[Participant, ...] | None:
    """The roster: given objects, a file read with read_roster, the workshop's, or None."""
    if participants is not None and not isinstance(participants, (str, os.PathLike)):
        return tuple(participants)
    path = participants or ws.files.participants
    if not path:
        return None
    try:
        from ..responses import read_roster
    except ImportError as exc:
        raise InputFileError(_("{path}: this installation cannot read participant rosters yet; "
                               "leave the roster out to print blank sign-in sheets.").format(
                                 path=path)) from exc
    return tuple(read_roster(path))


def write_materials(ws: Workshop, *, outdir: str | os.PathLike | None = None,
                    lang: str | None = None,
                    participants: str | os.PathLike | Sequence[Participant] | None = None,
                    ) -> list[Path]:
    """Write guide, handout and sign-in sheets (badges and tents with a roster); return paths."""
    from .pdf.badges import badges_pdf
    from .pdf.guide import guide_pdf
    from .pdf.handout import handout_pdf
    from .pdf.signin import signin_pdf
    from .pdf.tents import tents_pdf
    from .pdf.theme import save_pdf

    main = pick_language(ws, lang)
    langs = (lang,) if lang else (ws.languages or (main,))
    folder = Path(outdir) if outdir else Path("reports") / ws.id / "materials"
    people = load_participants(ws, participants)
    schedule = build_schedule(ws)
    # File names are fixed: never made from participant data.
    jobs = [(f"facilitator-guide-{main}.pdf", lambda: guide_pdf(ws, schedule, main)),
            (f"handout-{main}.pdf", lambda: handout_pdf(ws, main)),
            ("sign-in-sheets.pdf", lambda: signin_pdf(ws, schedule, people or (), langs))]
    if people:
        jobs += [("badges.pdf", lambda: badges_pdf(ws, people, main)),
                 ("table-tents.pdf", lambda: tents_pdf(ws, people, main, langs))]
    inputs = input_files(ws) + ([str(participants)] if isinstance(participants, (str, os.PathLike))
                            else [])
    for name, _ in jobs:
        check_not_input(folder / name, inputs)
    return [save_pdf(make(), folder / name) for name, make in jobs]
