"""`workshop materials`: facilitator guide, handout, sign-in sheets, badges and table tents."""
from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from ..fileio import check_not_input
from ..model import Participant, Workshop
from ..schedule import build_schedule, require_complete
from .agenda import input_files, pick_language


def write_materials(ws: Workshop, *, outdir: str | os.PathLike | None = None,
                    lang: str | None = None,
                    participants: Sequence[Participant] | None = None,
                    extra_inputs: Sequence[str | os.PathLike] = ()) -> list[Path]:
    """Write guide, handout and sign-in sheets (badges and tents with a roster); return paths.

    ``participants`` is the roster already read (the application layer reads the file);
    ``extra_inputs`` are more files that no output may overwrite (the roster's file).
    """
    if isinstance(participants, (str, os.PathLike)):
        raise TypeError("write_materials takes the roster's Participants, not a file: read "
                        "it with toolkit.app.Session(...).roster()")
    from .pdf.badges import badges_pdf
    from .pdf.guide import guide_pdf
    from .pdf.handout import handout_pdf
    from .pdf.signin import signin_pdf
    from .pdf.tents import tents_pdf
    from .pdf.theme import save_pdf

    main = pick_language(ws, lang)
    langs = (lang,) if lang else (ws.languages or (main,))
    folder = Path(outdir) if outdir else Path("reports") / ws.id / "materials"
    people = tuple(participants) if participants is not None else None
    schedule = build_schedule(ws)
    require_complete(schedule, ws.source or ws.id)  # the guide would say "not scheduled"
    # File names are fixed: never made from participant data.
    jobs = [(f"facilitator-guide-{main}.pdf", lambda: guide_pdf(ws, schedule, main)),
            (f"handout-{main}.pdf", lambda: handout_pdf(ws, main)),
            ("sign-in-sheets.pdf", lambda: signin_pdf(ws, schedule, people or (), langs))]
    if people:
        jobs += [("badges.pdf", lambda: badges_pdf(ws, people, main)),
                 ("table-tents.pdf", lambda: tents_pdf(ws, people, main, langs))]
    inputs = input_files(ws) + [str(x) for x in extra_inputs]
    for name, _ in jobs:
        check_not_input(folder / name, inputs)
    return [save_pdf(make(), folder / name) for name, make in jobs]
