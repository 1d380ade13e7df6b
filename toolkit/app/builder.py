"""`workshop build` and `workshop demo`: every output a workshop's files allow, in order.

One session does it all: the roster, attendance sheet, exports and satisfaction survey are
read once, and the tests scored once, whatever the number of languages and outputs.

Each step says what it needs; a step whose inputs are missing is skipped with a one-line
reason (e.g. no post-test file yet: no report, no completion certificates) instead of failing
the whole build. A step that fails on bad input stops the build with its ToolkitError, since a
half-built folder that looks complete would mislead.
"""
from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ToolkitError
from ..i18n import N_, _, get_language

if TYPE_CHECKING:
    from .session import WorkshopSession

Progress = Callable[[str], None]


@dataclass
class BuildResult:
    outdir: Path
    written: list[tuple[str, Path]] = field(default_factory=list)  # (step, path)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (step, reason)
    notes: list[str] = field(default_factory=list)  # the data notes of `workshop score`

    def to_dict(self) -> dict:
        return {
            "outdir": str(self.outdir),
            "written": [{"step": step, "path": str(path)} for step, path in self.written],
            "skipped": [{"step": step, "reason": reason} for step, reason in self.skipped],
            "notes": list(self.notes),
        }

    def to_text(self) -> str:
        lines = [_("Written into {outdir}:").format(outdir=self.outdir)]
        for step, path in self.written:
            try:
                shown = path.relative_to(self.outdir)
            except ValueError:
                shown = path
            lines.append(f"  {step:<13} {shown}")
        for step, reason in self.skipped:
            lines.append(_("  skipped {step}: {reason}").format(step=step, reason=_(reason)))
        if self.notes:
            lines.append(_("Data notes (also in notes.txt):"))
            lines.extend(f"  {line}" for line in self.notes)
        return "\n".join(lines)


def _exists(path: str) -> bool:
    return bool(path) and Path(path).is_file()


def build_session(session: WorkshopSession, *, outdir: str | os.PathLike | None = None,
                  progress: Progress | None = None) -> BuildResult:
    """Every output a session's workshop files allow (what it has read is not read again)."""
    ws = session.ws
    out = Path(outdir) if outdir else session.outdir
    out.mkdir(parents=True, exist_ok=True)
    result = BuildResult(outdir=out)
    say = progress or (lambda message: None)
    files = ws.files

    def record(step: str, paths) -> None:
        for path in paths:
            result.written.append((step, Path(path)))

    # the files without a language in their name (like scores.xlsx and notes.txt) are in the
    # interface language when the workshop has it, else in the workshop's first language
    single = get_language() if get_language() in ws.languages else ws.languages[0]
    for lang in ws.languages:
        say(_("agenda ({lang})").format(lang=lang))
        ics = out / "agenda.ics" if lang == single else None
        xlsx = out / "agenda.xlsx" if lang == single else None
        record("agenda", session.agenda(out / f"agenda-{lang}.pdf", lang=lang, ics=ics,
                                        xlsx=xlsx))

    for lang in ws.languages:
        say(_("materials ({lang})").format(lang=lang))
        left_out: list[tuple[str, str]] = []
        record("materials", session.materials(out / "materials" / lang, lang=lang,
                                              skipped=left_out))
        result.skipped += [(f"materials ({lang})", f"{what}: {why}") for what, why in left_out
                           if (f"materials ({lang})", f"{what}: {why}") not in result.skipped]

    for stage in ("pre", "post"):
        say(_("test form ({stage})").format(stage=stage))
        forms = out / "test-forms"
        record("test-form", session.test_form(
            stage, xlsform=forms / f"{stage}-test-xlsform.xlsx",
            pdf=forms / f"{stage}-test-paper-{ws.languages[0]}.pdf",
            key=forms / f"{stage}-test-key.csv", lang=ws.languages[0]))
        for lang in ws.languages[1:]:  # the paper test in every language of the workshop
            record("test-form", session.test_form(
                stage, pdf=forms / f"{stage}-test-paper-{lang}.pdf", lang=lang))

    have_pre, have_post = _exists(files.pre), _exists(files.post)
    if have_pre or have_post:
        say(_("scores"))
        missing = session.missing_roster()
        if missing:  # scored without it: no breakdown by sex
            result.skipped.append(("groups", _("the roster {name} does not exist yet: scores "
                                               "are not broken down by sex").format(
                                                 name=Path(missing).name)))
        record("scores", [session.write_scores(out / "scores.xlsx")])
        from ..fileio import write_bytes_atomic
        from ..scoring.text import data_notes

        result.notes = data_notes(session.score())  # as `workshop score` prints them
        write_bytes_atomic(out / "notes.txt", ("\n".join(result.notes) + "\n").encode("utf-8"))
        record("notes", [out / "notes.txt"])
        for lang in ws.languages:
            say(_("report ({lang})").format(lang=lang))
            record("report", [session.report(out / f"evaluation-report-{lang}.pdf",
                                             lang=lang)])
        if not have_post:
            result.skipped.append(("report", N_("no post-test file yet: the report shows the "
                                                "pre-test only")))
    else:
        result.skipped.append(("scores", N_("no pre- or post-test file in the workshop's "
                                            "files")))
        result.skipped.append(("report", N_("no test results yet")))

    import datetime as dt

    if _exists(files.participants) and _exists(files.attendance) and dt.date.today() < ws.end:
        result.skipped.append(("certificates", _("the workshop ends on {date}: certificates "
                                                 "are issued after it (or with `workshop "
                                                 "certificates --date`)").format(
                                                   date=ws.end.isoformat())))
    elif _exists(files.participants) and _exists(files.attendance):
        from ..certificates import default_registry

        say(_("certificates"))
        issued = session.certificates(out / "certificates.pdf", split=out / "certificates",
                                      registry=default_registry(ws, outdir=out))
        record("certificates", issued.paths)
        if not have_post and ws.certificates.pass_mark is not None:
            result.skipped.append(("completion", N_("no post-test file yet: certificates of "
                                                    "participation only")))
    else:
        result.skipped.append(("certificates", N_("needs the participant roster and the "
                                                  "attendance sheet in the workshop's files")))
    return result


def demo_source() -> Path:
    """The bundled Dakar 2019 example (package data, so it works from an installed wheel)."""
    root = Path(str(resources.files("toolkit") / "data"))
    workshop = root / "curricula" / "workshops" / "dakar-2019.yaml"
    if not workshop.is_file():
        raise ToolkitError(_("The bundled example is missing ({workshop}). Reinstall "
                             "workshop-toolkit: python -m pip install -e .").format(
                               workshop=workshop))
    return workshop
