"""`workshop build` and `workshop demo`: every output a workshop's files allow, in order.

Each step says what it needs; a step whose inputs are missing is skipped with a one-line
reason (e.g. no post-test file yet: no report, no completion certificates) instead of failing
the whole build. A step that fails on bad input stops the build with its ToolkitError, since a
half-built folder that looks complete would mislead.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Callable

from .errors import ToolkitError
from .i18n import N_, _
from .model import Workshop

Progress = Callable[[str], None]


@dataclass
class BuildResult:
    outdir: Path
    written: list[tuple[str, Path]] = field(default_factory=list)  # (step, path)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (step, reason)

    def to_dict(self) -> dict:
        return {
            "outdir": str(self.outdir),
            "written": [{"step": step, "path": str(path)} for step, path in self.written],
            "skipped": [{"step": step, "reason": reason} for step, reason in self.skipped],
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
        return "\n".join(lines)


def _exists(path: str) -> bool:
    return bool(path) and Path(path).is_file()


def build_workshop(workshop: str | Workshop, *, outdir: str | os.PathLike | None = None,
                   progress: Progress | None = None) -> BuildResult:
    """Build agenda, materials, test forms, scores, reports and certificates for a workshop."""
    from .curriculum import load_workshop

    ws = workshop if isinstance(workshop, Workshop) else load_workshop(workshop)
    out = Path(outdir) if outdir else Path("reports") / ws.id
    out.mkdir(parents=True, exist_ok=True)
    result = BuildResult(outdir=out)
    say = progress or (lambda message: None)
    files = ws.files

    def record(step: str, paths) -> None:
        for path in paths:
            result.written.append((step, Path(path)))

    from .render.agenda import write_agenda

    for lang in ws.languages:
        say(f"agenda ({lang})")
        ics = out / "agenda.ics" if lang == ws.languages[0] else None
        xlsx = out / "agenda.xlsx" if lang == ws.languages[0] else None
        record("agenda", write_agenda(ws, output=out / f"agenda-{lang}.pdf", lang=lang,
                                      ics=ics, xlsx=xlsx))

    from .render.materials import write_materials

    for lang in ws.languages:
        say(f"materials ({lang})")
        record("materials", write_materials(ws, outdir=out / "materials" / lang, lang=lang,
                                            participants=files.participants or None))

    from .render.testform import write_test_form

    for stage in ("pre", "post"):
        say(f"test form ({stage})")
        forms = out / "test-forms"
        record("test-form", write_test_form(
            ws, stage=stage, xlsform=forms / f"{stage}-test-xlsform.xlsx",
            pdf=forms / f"{stage}-test-paper-{ws.languages[0]}.pdf",
            key=forms / f"{stage}-test-key.csv", lang=ws.languages[0]))

    have_pre, have_post = _exists(files.pre), _exists(files.post)
    if have_pre or have_post:
        from .render.xlsx import write_scores_xlsx
        from .scoring.run import run_scoring

        say("scores")
        scores = run_scoring(workshop=ws, pre=files.pre or None, post=files.post or None,
                             participants=files.participants or None)
        record("scores", [write_scores_xlsx(scores, out / "scores.xlsx")])
        from .render.report import write_report

        for lang in ws.languages:
            say(f"report ({lang})")
            record("report", [write_report(
                workshop=ws, pre=files.pre or None, post=files.post or None,
                participants=files.participants or None,
                satisfaction=files.satisfaction if _exists(files.satisfaction) else None,
                output=out / f"evaluation-report-{lang}.pdf", lang=lang)])
        if not have_post:
            result.skipped.append(("report", N_("no post-test file yet: the report shows the "
                                                "pre-test only")))
    else:
        result.skipped.append(("scores", N_("no pre- or post-test file in the workshop's "
                                            "files")))
        result.skipped.append(("report", N_("no test results yet")))

    if _exists(files.participants) and _exists(files.attendance):
        from .certificates import default_registry, issue_certificates

        say("certificates")
        registry = default_registry(ws, outdir=out)
        issued = issue_certificates(ws, participants=files.participants,
                                    attendance=files.attendance,
                                    post=files.post if have_post else None,
                                    output=out / "certificates.pdf",
                                    split=out / "certificates", registry=registry)
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


def build_demo(*, outdir: str | os.PathLike = "reports/demo",
               progress: Progress | None = None) -> BuildResult:
    """Build the bundled Dakar 2019 example into ``outdir``.

    The example names no registry, so the certificate registry is kept in ``outdir``: the demo
    never writes into the installed package, and running it again reuses the codes issued.
    """
    from .curriculum import load_workshop

    return build_workshop(load_workshop(str(demo_source())), outdir=outdir, progress=progress)
