"""WorkshopSession: one workshop, its files read once, scored once, and every output.

See the package docstring (:mod:`toolkit.app`) for the API. The session resolves the workshop
once, keeps what it has read (roster, attendance sheet, satisfaction survey, answer keys,
scores) and hands typed data to the renderers. Options given here win over the workshop's own
files (``files:`` in its YAML), exactly as the command-line options do.
"""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import ToolkitError
from ..i18n import _
from ..model import AnswerKey, Participant, Workshop
from ..resolve import WorkshopRef, resolve_workshop

if TYPE_CHECKING:
    from ..attendance import Attendance
    from ..certificates import IssueResult
    from ..render.report import ReportData
    from ..responses.inspect import Inspection
    from ..scoring.result import ScoreResult
    from ..scoring.satisfaction import SatisfactionResult
    from .builder import BuildResult

Progress = Callable[[int, int], None]


def parse_group_by(text: str | Sequence[str] | None) -> tuple[str, ...]:
    """'sex, country' (as typed after --group-by) or a list -> ('sex', 'country')."""
    if text is None:
        return ()
    items = text.split(",") if isinstance(text, str) else list(text)
    return tuple(g.strip() for g in items if g and g.strip())


@dataclass(frozen=True)
class ScoreOptions:
    """The scoring inputs, as `workshop score` and `workshop report` take them.

    Each file given here wins over the workshop's own (``files:`` in its YAML). ``key``
    defaults to the workshop's question bank; ``pass_mark`` to the workshop's (else 70).
    """

    key: str | os.PathLike[str] | AnswerKey | None = None
    form: str | os.PathLike[str] | None = None
    pre: str | os.PathLike[str] | None = None
    post: str | os.PathLike[str] | None = None
    participants: str | os.PathLike[str] | Sequence[Participant] | None = None
    id_column: str | None = None
    match: str = "auto"
    group_by: tuple[str, ...] = ("sex",)
    partial_credit: bool = False
    pass_mark: float | None = None
    header_map: tuple[str, ...] = ()  # "HEADER=QID": an export header taken as a question

    def __post_init__(self) -> None:
        if isinstance(self.group_by, str) or not isinstance(self.group_by, tuple):
            object.__setattr__(self, "group_by", parse_group_by(self.group_by))


@dataclass
class _Cache:
    roster: Any = None
    roster_read: bool = False
    attendance: Any = None
    satisfaction: Any = None
    satisfaction_read: bool = False
    keys: dict[str, AnswerKey] | None = None
    score: Any = None
    schedule: Any = None
    reports: dict[str, Any] = field(default_factory=dict)


class WorkshopSession:
    """One workshop (or none: a key and exports alone) and everything made from its files."""

    def __init__(self, workshop: WorkshopRef = None, options: ScoreOptions | None = None, *,
                 satisfaction: str | os.PathLike[str] | None = None,
                 attendance: str | os.PathLike[str] | None = None,
                 outdir: str | os.PathLike[str] | None = None) -> None:
        self._ref = workshop
        self._workshop = workshop if isinstance(workshop, Workshop) else None
        self._resolved = workshop is None or isinstance(workshop, Workshop)
        self.options = options or ScoreOptions()
        self._satisfaction = satisfaction
        self._attendance = attendance
        self._outdir = Path(outdir) if outdir else None
        self._cache = _Cache()

    @classmethod
    def open(cls, workshop: WorkshopRef, options: ScoreOptions | None = None,
             **kwargs: Any) -> WorkshopSession:
        """A session on ``workshop`` (a Workshop, a YAML path or an id), loaded now: a wrong
        id or a broken file is reported here rather than at the first output."""
        session = cls(workshop, options, **kwargs)
        session.workshop  # noqa: B018 - resolve (and validate) the workshop now
        return session

    def with_options(self, **changes: Any) -> WorkshopSession:
        """A new session on the same workshop with some options changed (nothing cached)."""
        return WorkshopSession(self._workshop if self._resolved else self._ref,
                               replace(self.options, **changes),
                               satisfaction=self._satisfaction, attendance=self._attendance,
                               outdir=self._outdir)

    # ------------------------------------------------------------ what the session reads

    @property
    def workshop(self) -> Workshop | None:
        """The workshop, resolved (loaded) once, on first use; None without a workshop."""
        if not self._resolved:
            self._workshop = resolve_workshop(self._ref)
            self._resolved = True
        return self._workshop

    @property
    def ws(self) -> Workshop:
        """The workshop; a ToolkitError when the session has none."""
        if self.workshop is None:
            raise ToolkitError(_("This needs a workshop: give a workshop file or its id."))
        return self.workshop

    def _file(self, given: Any, own: str) -> Any:
        if given:
            return given
        if self.workshop is not None:
            return getattr(self.workshop.files, own) or None
        return None

    @property
    def pre(self) -> Any:
        """The pre-test export: the option, else the workshop's file, else None."""
        return self._file(self.options.pre, "pre")

    @property
    def post(self) -> Any:
        return self._file(self.options.post, "post")

    @property
    def participants(self) -> Any:
        """The roster: a file, Participants given as options, or None."""
        return self._file(self.options.participants, "participants")

    @property
    def attendance_file(self) -> Any:
        return self._file(self._attendance, "attendance")

    @property
    def satisfaction_file(self) -> Any:
        """The satisfaction survey: the one given, else the workshop's when it exists."""
        if self._satisfaction:
            return self._satisfaction
        own = self.workshop.files.satisfaction if self.workshop is not None else ""
        return own if own and Path(own).exists() else None

    @property
    def lang(self) -> str:
        """The workshop's first language (French without a workshop)."""
        ws = self.workshop
        return ws.languages[0] if ws is not None and ws.languages else "fr"

    @property
    def outdir(self) -> Path:
        """Where outputs go by default: reports/<workshop id> (or the folder given)."""
        if self._outdir is not None:
            return self._outdir
        return Path("reports") / (self.workshop.id if self.workshop is not None else "report")

    @property
    def pass_mark(self) -> float:
        from ..scoring.run import pass_mark_of

        return pass_mark_of(self.workshop, self.options.pass_mark)

    def missing_roster(self) -> str | None:
        """The workshop's own roster file when it is named but does not exist yet (None
        otherwise): what needs no roster is still made, and what needs it says so."""
        own = self.workshop.files.participants if self.workshop is not None else ""
        if own and not self.options.participants and not Path(own).is_file():
            return own
        return None

    def roster(self) -> tuple[Participant, ...] | None:
        """The participant roster, read once (None when there is none, or when the workshop's
        roster file does not exist yet)."""
        cache = self._cache
        if not cache.roster_read:
            given = self.participants
            if not given or self.missing_roster():
                cache.roster = None
            elif isinstance(given, (tuple, list)):
                cache.roster = tuple(given)
            else:
                from .. import responses

                cache.roster = tuple(responses.read_roster(given))
            cache.roster_read = True
        return cache.roster

    def attendance(self) -> Attendance:
        """The half-day attendance sheet, read once."""
        if self._cache.attendance is None:
            from .. import attendance as sheets
            from ..errors import InputFileError

            path = self.attendance_file
            if not path:
                raise InputFileError(_("No attendance sheet: give --attendance FILE or set "
                                       "files.attendance in the workshop file."))
            self._cache.attendance = sheets.read_attendance(
                path, days=[day.date for day in self.ws.days])
        return self._cache.attendance

    def satisfaction(self) -> SatisfactionResult | None:
        """The satisfaction survey's summary, read once (None without a survey)."""
        cache = self._cache
        if not cache.satisfaction_read:
            path = self.satisfaction_file
            cache.satisfaction = None
            if path:
                from ..scoring import satisfaction as survey

                people = self.score().linked.participants if self._scorable() else \
                    {p.id: p for p in self.roster() or ()}
                cache.satisfaction = survey.read_satisfaction(path, participants=people or None)
            cache.satisfaction_read = True
        return cache.satisfaction

    def _scorable(self) -> bool:
        return bool(self.pre or self.post)

    def keys(self) -> dict[str, AnswerKey]:
        """The answer key of each test (the key file, else the workshop's question bank)."""
        if self._cache.keys is None:
            from ..scoring.run import map_keys, test_keys

            self._cache.keys = map_keys(test_keys(self.workshop, self.options.key,
                                                  self.options.form), self.options.header_map)
        return self._cache.keys

    def schedule(self) -> Any:
        """The workshop's timetable (computed once)."""
        if self._cache.schedule is None:
            from ..schedule import build_schedule

            self._cache.schedule = build_schedule(self.ws)
        return self._cache.schedule

    # ------------------------------------------------------------ scores

    def score(self, progress: Progress | None = None) -> ScoreResult:
        """Score the pre- and/or post-test (once; later calls return the same result)."""
        if self._cache.score is None:
            from ..scoring import run

            o = self.options
            pre, post = self.pre, self.post
            run.check_exports(pre, post)
            self._cache.score = run.score_exports(
                self.keys(), pre=pre, post=post,
                roster=self.roster if self.participants else None, id_column=o.id_column,
                match=o.match, group_by=o.group_by, partial_credit=o.partial_credit,
                pass_mark=self.pass_mark, progress=progress)
        return self._cache.score

    def write_scores(self, path: str | os.PathLike[str] | None = None) -> Path:
        """The scores workbook (XLSX); default reports/<id>/scores.xlsx."""
        from ..render.xlsx import write_scores_xlsx

        return write_scores_xlsx(self.score(), Path(path) if path else
                                 self.outdir / "scores.xlsx")

    def post_scores(self) -> dict[str, float]:
        """Post-test percent score by participant id (for certificates of completion)."""
        from ..certificates import post_scores

        return post_scores(self.score())

    # ------------------------------------------------------------ the evaluation report

    def report_data(self, lang: str | None = None) -> ReportData:
        """What the evaluation report shows, in ``lang`` (no names, e-mails or phones)."""
        lang = lang or self.lang
        if lang not in self._cache.reports:
            from .report import report_data

            self._cache.reports[lang] = report_data(self, lang)
        return self._cache.reports[lang]

    def report_pdf(self, lang: str | None = None) -> bytes:
        """The evaluation report as PDF bytes (for the web: nothing is written)."""
        from ..render.report import render_report_pdf

        return render_report_pdf(self.report_data(lang))

    def report(self, output: str | os.PathLike[str] | None = None,
               lang: str | None = None) -> Path:
        """Write the evaluation report; default reports/<id>/evaluation-report-<lang>.pdf."""
        from ..fileio import check_not_input
        from ..render.report import write_report_pdf

        lang = lang or self.lang
        data = self.report_data(lang)
        out = Path(output) if output else self.outdir / f"evaluation-report-{lang}.pdf"
        check_not_input(out, self.input_files())
        return write_report_pdf(data, out)

    def input_files(self) -> list[Any]:
        """The files this session reads, which no output may overwrite."""
        o = self.options
        return [x for x in (o.key, o.form, self.pre, self.post, self.participants,
                            self.satisfaction_file)
                if isinstance(x, (str, os.PathLike)) and str(x)]

    # ------------------------------------------------------------ before the workshop

    def agenda(self, output: str | os.PathLike[str] | None = None, *, lang: str | None = None,
               ics: str | os.PathLike[str] | None = None,
               xlsx: str | os.PathLike[str] | None = None) -> list[Path]:
        """The agenda PDF (default reports/<id>/agenda-<lang>.pdf), and ICS/XLSX if asked."""
        from ..render.agenda import write_agenda

        return write_agenda(self.ws, output=output, lang=lang, ics=ics, xlsx=xlsx)

    def agenda_warnings(self) -> list[str]:
        """What does not fit in the timetable and free time in a day, as FILE:LINE: sentences
        (as `workshop validate` prints them)."""
        from ..schedule import shown_source

        schedule = self.schedule()
        where = shown_source(self.ws.source or self.ws.id)
        return [f"{where}:{problem.line}: {problem.message}"
                for problem in (*schedule.problems, *schedule.gaps)]

    def materials(self, outdir: str | os.PathLike[str] | None = None, *,
                  lang: str | None = None,
                  skipped: list[tuple[str, str]] | None = None) -> list[Path]:
        """Guide, handout, sign-in sheets (and badges and tents with a roster).

        When the workshop's roster file does not exist yet, the sign-in sheets get blank lines
        and ``skipped`` receives (what, why) for the badges and tents.
        """
        from ..render.materials import write_materials

        participants = self.participants
        extra = [participants] if isinstance(participants, (str, os.PathLike)) else []
        missing = self.missing_roster()
        if missing and skipped is not None:
            skipped.append(("badges.pdf, table-tents.pdf",
                            _("the roster {name} does not exist yet; the sign-in sheets have "
                              "blank lines").format(name=Path(missing).name)))
        return write_materials(self.ws, outdir=outdir, lang=lang, participants=self.roster(),
                               extra_inputs=[] if missing else extra)

    def test_form(self, stage: str, *, xlsform: str | os.PathLike[str] | None = None,
                  pdf: str | os.PathLike[str] | None = None,
                  key: str | os.PathLike[str] | None = None,
                  lang: str | None = None, shuffle: int | None = None) -> list[Path]:
        """The pre- or post-test as XLSForm, paper test and answer key (those asked for);
        ``shuffle`` orders the choices with that seed (default: the workshop's setting)."""
        from ..render.testform import write_test_form

        extra: dict[str, Any] = {} if shuffle is None else {"shuffle": shuffle}
        if xlsform:  # the code question's pattern from the roster (or the code prefix)
            from ..participant_codes import form_code_rule

            people = self.roster()
            extra["code_pattern"], extra["code_example"] = form_code_rule(
                self.ws, codes=None if people is None else [p.id for p in people])
        return write_test_form(self.ws, stage=stage, xlsform=xlsform, pdf=pdf, key=key,
                               lang=lang, **extra)

    def inspect(self, file: str | os.PathLike[str]) -> Inspection:
        """What an import of ``file`` would see, with this session's key and workshop."""
        from ..responses.inspect import inspect_file

        o = self.options
        # the workshop is loaded only if its question bank is needed (no key given)
        return inspect_file(Path(file), key=o.key, form=str(o.form) if o.form else None,
                            workshop=self._workshop if self._resolved else self._ref,
                            id_column=o.id_column)

    # ------------------------------------------------------------ certificates

    def certificates(self, output: str | os.PathLike[str] | None = None, *,
                     split: str | os.PathLike[str] | None = None,
                     registry: str | os.PathLike[str] | None = None, lang: str | None = None,
                     progress: Progress | None = None, date: dt.date | None = None,
                     today: dt.date | None = None,
                     registry_key: str | None = None) -> IssueResult:
        """Decide who earns a certificate, give codes, append the registry, write the PDFs.

        ``registry`` is an SQLite file or a ``postgresql://`` URL; ``date`` the date printed
        (needed before the workshop's last day, see issue_certificates); ``registry_key``
        pins the registry's key (a fingerprint).
        """
        from ..certificates import issue_certificates

        ws = self.ws
        participants = self.participants
        roster = self.roster()
        sheet = self.attendance() if roster is not None and self.attendance_file else None
        return issue_certificates(
            ws, participants=str(participants) if isinstance(participants, (str, os.PathLike))
            else None, attendance=self.attendance_file, post=self.post,
            output=None if output is None else str(output),
            split=None if split is None else str(split),
            registry=None if registry is None else str(registry), lang=lang,
            progress=progress, roster=roster, sheet=sheet,
            post_scores=self.post_scores if self.post else None, date=date, today=today,
            registry_key=registry_key)

    # ------------------------------------------------------------ everything

    def build(self, outdir: str | os.PathLike[str] | None = None,
              progress: Callable[[str], None] | None = None) -> BuildResult:
        """Every output the workshop's files allow (see :func:`toolkit.app.build`)."""
        from .builder import build_session

        return build_session(self, outdir=outdir, progress=progress)


Session = WorkshopSession
