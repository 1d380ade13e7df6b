"""Certificates: who earns one, their verification codes, the registry, and `workshop verify`.

Eligibility: attendance share = half-days present / half-days held. At or above
the workshop's threshold -> a certificate of participation; when the workshop sets a pass
mark and the post-test score reaches it -> a certificate of completion instead.

Codes and the registry (toolkit/registry.py): a participant keeps the code already issued to
them for the same workshop, type and name (running again issues nothing new). A person holds
at most one valid certificate per workshop: moving from participation to completion, or a
corrected name, issues a new code that supersedes the old one (the registry says so, with the
reason; `verify` of the old code says it was replaced). A revoked code is never given out
again; if the person is still eligible they get a new code.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .attendance import Attendance, read_attendance
from .codes import clean_prefix, default_prefix, is_well_formed, normalise_code, split_code
from .console import console_text
from .errors import InputFileError, Problem, RegistryError, ToolkitError
from .i18n import N_, _, format_date_range, format_pct, get_language, gettext, ngettext
from .model import Participant, Workshop
from .registry import (
    DEFAULT_NAME,
    Record,
    Registry,
    RegistryAltered,
    Request,
    is_url,
    legacy_refusal,
    open_registry,
)
from .resolve import WorkshopRef, require_workshop

if TYPE_CHECKING:
    from .scoring.result import ScoreResult

Progress = Callable[[int, int], None]
KINDS = ("participation", "completion")

# the certificate types as the summary table names them
_TYPE_NAMES = {"completion": N_("completion"), "participation": N_("participation")}


@dataclass(frozen=True)
class Decision:
    """What one participant earns, with the reason in French and English when not the most."""

    participant_id: str
    name: str
    type: str  # "participation", "completion" or "none"
    present: int
    held: int
    post_pct: float | None = None
    reason_fr: str = ""
    reason_en: str = ""
    participant: Participant | None = None  # None: on the attendance sheet, not the roster

    @property
    def attendance_pct(self) -> float:
        return 100.0 * self.present / self.held if self.held else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.participant_id, "name": self.name, "type": self.type,
                "present": self.present, "held": self.held,
                "attendance_pct": round(self.attendance_pct, 1),
                "post_pct": None if self.post_pct is None else round(self.post_pct, 1),
                "reason_fr": self.reason_fr, "reason_en": self.reason_en}


def _pct(value: float, lang: str) -> str:
    return format_pct(value, lang, decimals=0)


def _reasons(message: str, **percents: float) -> tuple[str, str]:
    """A reason in French and in English (the registry keeps both), from the catalogue."""
    return tuple(gettext(message, lang).format(**{k: _pct(v, lang) for k, v in percents.items()})
                 for lang in ("fr", "en"))  # type: ignore[return-value]


def _id_key(pid: str) -> str:
    # Ids typed by hand on a sheet differ in case and spaces: "p01 " is "P01".
    return "".join(str(pid).split()).casefold()


def decide(workshop: Workshop, roster: Sequence[Participant], attendance: Attendance,
           post_scores: Mapping[str, float] | None) -> list[Decision]:
    """The certificate each person of the roster (and of the attendance sheet) earns."""
    rules = workshop.certificates
    held = attendance.held
    decisions: list[Decision] = []
    known = {_id_key(p.id) for p in roster}
    on_sheet = {_id_key(pid): pid for pid in attendance.present}
    scores = {_id_key(k): v for k, v in (post_scores or {}).items()}
    for person in roster:
        sheet_id = on_sheet.get(_id_key(person.id), person.id)
        present = attendance.count(sheet_id)
        post = None if post_scores is None else scores.get(_id_key(person.id))
        if not person.full_name:
            decisions.append(Decision(person.id, "", "none", present, held, post,
                                      *_reasons(N_("no name in the roster")), person))
            continue
        if sheet_id not in attendance.present:
            decisions.append(Decision(person.id, person.full_name, "none", 0, held, post,
                                      *_reasons(N_("not on the attendance sheet")), person))
            continue
        share = present / held if held else 0.0
        threshold = rules.attendance_threshold
        if share + 1e-9 < threshold:
            decisions.append(Decision(
                person.id, person.full_name, "none", present, held, post,
                *_reasons(N_("attendance {share} < {threshold}"), share=100 * share,
                          threshold=100 * threshold), person))
            continue
        kind, fr, en = "participation", "", ""
        if rules.pass_mark is not None:
            if post is None:
                fr, en = _reasons(N_("no post-test"))
            elif post + 1e-9 >= rules.pass_mark:
                kind = "completion"
            else:
                fr, en = _reasons(N_("post-test {score} < {mark}"), score=post,
                                  mark=rules.pass_mark)
        decisions.append(Decision(person.id, person.full_name, kind, present, held, post,
                                  fr, en, person))
    for pid in attendance.present:
        if _id_key(pid) not in known:
            decisions.append(Decision(pid, "", "none", attendance.count(pid), held, None,
                                      *_reasons(N_("not in the roster")), None))
    return decisions


def workshop_hours(workshop: Workshop) -> int:
    """Training hours printed on certificates (learning sessions only; see toolkit.hours)."""
    from .hours import learning_hours

    return learning_hours(workshop)


def code_prefix(workshop: Workshop) -> str:
    """The code prefix of a workshop: its rules' ``code_prefix``, else one from its id."""
    return clean_prefix(workshop.certificates.code_prefix) or default_prefix(workshop.id)


def default_registry(workshop: Workshop, *, outdir: str | Path | None = None) -> Path | str:
    """The workshop's registry (a file or a postgresql:// URL), or ``reports/<id>/`` (``outdir``)
    ``certificate-registry.sqlite`` when it names none.

    A bundled example's registry would sit inside the installed package: it goes to the
    output folder instead, so an installed toolkit never writes into itself.
    """
    fallback = (Path(outdir) if outdir else Path("reports") / workshop.id) / DEFAULT_NAME
    named = workshop.files.registry
    if named and is_url(named):
        return named
    if not named or _inside_package(Path(named)):
        return fallback
    return Path(named)


def open_workshop_registry(location: str | Path | Registry, *, create: bool,
                           key: str | None = None) -> Registry:
    """Open a registry; a CSV registry of an earlier version beside it is pointed out.
    ``key`` pins the registry's key (``open_registry``)."""
    if isinstance(location, Registry):
        return location
    if not is_url(location) and not Path(location).exists():
        old = Path(location).with_suffix(".csv")
        if Path(location).name == DEFAULT_NAME and old.is_file():
            raise RegistryError(legacy_refusal(old) or "")
    return open_registry(location, create=create, key=key)


def _inside_package(path: Path) -> bool:
    from importlib import resources

    package = Path(str(resources.files("toolkit"))).resolve()
    return path.resolve().is_relative_to(package)


@dataclass(frozen=True)
class Issued:
    decision: Decision
    code: str
    new: bool
    superseded: tuple[Record, ...] = ()  # the codes this one replaced in this run


@dataclass(frozen=True)
class IssueResult:
    """The outcome of `workshop certificates`: who got what, and where it was written."""

    workshop: str
    decisions: tuple[Decision, ...]
    issued: tuple[Issued, ...]
    output: str
    split: str | None
    registry: str
    problems: tuple[Problem, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def paths(self) -> list[Path]:
        """The files written: the merged PDF, the registry, and with --split the ZIP."""
        from .fileio import safe_filename

        paths = [Path(self.output), Path(self.registry)]
        if self.split:
            stem = safe_filename(Path(self.output).stem, default="certificates")
            paths.append(Path(self.split) / f"{stem}.zip")
        return paths

    def to_text(self) -> str:
        codes = {i.decision.participant_id: i for i in self.issued}
        rows = [(_("id"), _("name"), _("certificate"), _("code / reason"))]
        for d in self.decisions:
            issued = codes.get(d.participant_id)
            detail = issued.code + ("" if issued.new else _(" (already issued)")) if issued else ""
            reason = getattr(d, f"reason_{get_language()}", d.reason_en)
            if reason:
                detail = f"{detail}  {reason}".strip()
            rows.append((console_text(d.participant_id), console_text(d.name) or "-",
                         _(_TYPE_NAMES.get(d.type, d.type)),
                         console_text(detail)))
        widths = [min(40, max(len(r[i]) for r in rows)) for i in range(3)]
        lines = ["  ".join(c[:40].ljust(w) for c, w in zip(r[:3], widths)) + "  " + r[3]
                 for r in rows]
        new = sum(1 for i in self.issued if i.new)
        replaced = [(i, old) for i in self.issued for old in i.superseded]
        for issued, old in replaced:
            lines.append(console_text(
                _("superseded: {old} ({type}, {name}) is replaced by {new} ({reason})").format(
                    old=old.code, type=old.type, name=old.name, new=issued.code,
                    reason=old.reason)))
        lines.append(ngettext("{n} certificate", "{n} certificates", len(self.issued)).format(
            n=len(self.issued)) + ", " + ngettext("{n} new code", "{n} new codes", new).format(
            n=new)
            + (", " + ngettext("{n} superseded", "{n} superseded", len(replaced)).format(
                n=len(replaced)) if replaced else "")
            + _("; PDF: {pdf}; registry: {registry}").format(
                pdf=self.output, registry=self.registry)
            + (_("; one file each in {folder}").format(folder=self.split) if self.split else ""))
        lines.extend(console_text(p) for p in self.problems)
        lines.extend(console_text(n) for n in self.notes)
        return "\n".join(line.rstrip() for line in lines)

    def to_dict(self) -> dict[str, Any]:
        codes = {i.decision.participant_id: i for i in self.issued}
        people = []
        for d in self.decisions:
            item = d.to_dict()
            issued = codes.get(d.participant_id)
            item["code"] = issued.code if issued else None
            item["new_code"] = bool(issued and issued.new)
            item["superseded"] = [{"code": r.code, "type": r.type, "name": r.name,
                                   "reason": r.reason} for r in issued.superseded
                                  ] if issued else []
            people.append(item)
        return {"workshop": self.workshop, "output": self.output, "split": self.split,
                "registry": self.registry, "participants": people,
                "problems": [{"file": p.file, "row": p.row, "column": p.column,
                              "code": p.code, "message": p.message} for p in self.problems],
                "notes": list(self.notes)}


def assign_codes(workshop: Workshop, decisions: Sequence[Decision],
                 registry: str | Path | Registry, *, now: dt.datetime | None = None
                 ) -> tuple[list[Issued], list[str]]:
    """Give each eligible person their code (the one they hold, else a new one), in one
    registry transaction; the codes a new one replaces are superseded there."""
    dates = f"{workshop.start.isoformat()}/{workshop.end.isoformat()}"
    title = workshop.title.get(workshop.languages[0] if workshop.languages else "fr")
    eligible = [d for d in decisions if d.type in KINDS]
    reg = open_workshop_registry(registry, create=True)
    try:
        outcomes = reg.issue(workshop.id, [Request(d.participant_id, d.name, d.type)
                                           for d in eligible],
                             prefix=code_prefix(workshop), dates=dates, title=title, now=now)
        notes = list(reg.notes)
    finally:
        if reg is not registry:
            reg.close()
    issued = [Issued(d, o.code, o.new, o.superseded) for d, o in zip(eligible, outcomes)]
    return issued, notes


def post_scores(result: ScoreResult) -> dict[str, float]:
    """Post-test percent score by the participant id shown (the roster's id)."""
    return {str(row["id"]): float(row["post_pct"])
            for row in result.per_participant() if row.get("post_pct") is not None}


def _post_scores(workshop: Workshop, post: str, participants: str) -> dict[str, float]:
    from .scoring.run import run_scoring

    return post_scores(run_scoring(workshop=workshop, post=post,
                                   participants=participants or None))


def issue_certificates(workshop: WorkshopRef, *, participants: str | None = None,
                       attendance: str | None = None, post: str | None = None,
                       output: str | None = None, split: str | None = None,
                       registry: str | None = None, lang: str | None = None,
                       progress: Progress | None = None,
                       roster: Sequence[Participant] | None = None,
                       post_scores: Mapping[str, float] | Callable[[], Mapping[str, float]]
                       | None = None,
                       sheet: Attendance | None = None,
                       date: dt.date | None = None, today: dt.date | None = None,
                       registry_key: str | None = None) -> IssueResult:
    """Decide, give codes, render the PDF(s) and append the registry; return the outcome.

    The application layer passes what it has read already: ``roster``, the attendance
    ``sheet`` and ``post_scores`` (a mapping, or a function called only when a pass mark
    needs them); anything not passed is read from the files.

    Certificates are dated the workshop's last day; before that day they are refused unless
    ``date`` says which date to print. Every image is checked and one page of each kind drawn
    in memory before the registry is touched, so a broken logo writes no code.
    ``registry_key`` pins the registry's key (a fingerprint, as ``--key``).
    """
    from .render.pdf.certificates import check_renderable, render_certificates

    ws = require_workshop(workshop)
    if roster is None:
        roster_path = participants or ws.files.participants
        if not roster_path:
            raise InputFileError(_("No roster: give --participants FILE or set "
                                   "files.participants in the workshop file."))
        from .responses import read_roster

        roster = read_roster(roster_path)
    sheet_path = attendance or ws.files.attendance
    if not sheet_path:
        raise InputFileError(_("No attendance sheet: give --attendance FILE or set "
                               "files.attendance in the workshop file."))
    if sheet is None:
        sheet = read_attendance(sheet_path, days=[day.date for day in ws.days])
    post_path = post or ws.files.post
    scores: Mapping[str, float] | None = None
    if post_path and ws.certificates.pass_mark is not None:
        if post_scores is None:
            scores = _post_scores(ws, post_path, participants or ws.files.participants)
        else:
            scores = post_scores() if callable(post_scores) else post_scores
    elif post_scores is not None and not callable(post_scores):
        scores = post_scores
    _check_date(ws, date, today)
    decisions = decide(ws, roster, sheet, scores)
    location = registry or default_registry(ws)
    refusal = legacy_refusal(location)
    if refusal:
        raise RegistryError(refusal)
    _check_outputs(location, output, [participants, sheet_path, post_path])
    check_renderable(ws, [d.type for d in decisions if d.type in KINDS], lang=lang, date=date)
    reg = open_workshop_registry(location, create=True, key=registry_key)
    try:
        issued, notes = assign_codes(ws, decisions, reg)
        shown = reg.location
    finally:
        reg.close()
    out = Path(output) if output else Path("reports") / ws.id / "certificates.pdf"
    printed: list[tuple[Participant, str, str]] = []
    for item in issued:
        person = item.decision.participant
        if person is None:  # decide() gives people who are not on the roster no certificate
            raise ToolkitError(_("{id} received a certificate code but is not in the participant "
                                 "list, so no certificate can be printed for them. Add them to "
                                 "the participant list and issue the certificates again.").format(
                                   id=item.decision.participant_id))
        printed.append((person, item.decision.type, item.code))
    render_certificates(ws, printed, output=out, split=split, lang=lang, progress=progress,
                        date=date)
    return IssueResult(ws.id, tuple(decisions), tuple(issued), str(out), split,
                       shown, sheet.problems, tuple(notes))


def _check_date(ws: Workshop, date: dt.date | None, today: dt.date | None) -> None:
    """Refuse to print a date that has not come yet, unless it is given explicitly."""
    today = today or dt.date.today()
    if date is None and today < ws.end:
        from .i18n import format_date

        raise ToolkitError(
            _("The workshop {id} ends on {end}; today is {today}. Certificates "
              "are dated the workshop's last day, so issuing them now would print a date that "
              "has not come yet and give codes to people who may still miss sessions. Run "
              "again after the workshop, or give the date to print with --date YYYY-MM-DD "
              "(for someone who leaves early).").format(
                id=ws.id, end=format_date(ws.end, get_language()),
                today=format_date(today, get_language())))


def _check_outputs(registry: str | Path, output: str | None, inputs: list[str | None]) -> None:
    from .fileio import check_not_input

    given = [i for i in inputs if i]
    if not is_url(registry):
        check_not_input(registry, given)
    if output:
        check_not_input(output, given + ([] if is_url(registry) else [str(registry)]))


@dataclass(frozen=True)
class Verification:
    """The answer to `workshop verify CODE`."""

    code: str
    status: str  # valid | revoked | superseded | unknown | mistyped | altered
    entry: Record | None = None
    suggestion: str = ""
    message: str = ""  # altered: what was found
    altered_at: int = 0  # altered: the entry found changed (0: the registry's key, or unknown)

    def to_text(self) -> str:
        return console_text_lines(self._text())

    def _text(self) -> str:
        if self.status == "altered":
            return _("{code}: CANNOT BE CHECKED. {message}").format(code=self.code,
                                                                  message=self.message)
        if self.status == "mistyped":
            hint = (" " + _("Did you mean {code}?").format(code=self.suggestion)
                    if self.suggestion else "")
            return _("{code}: MISTYPED. A character is wrong, missing or doubled, or two are "
                     "swapped (the code does not pass its check); compare it with the "
                     "certificate and type it again.").format(code=self.code) + hint
        if self.status == "unknown" or self.entry is None:
            return _("{code}: UNKNOWN. The code is well formed but no certificate with it is "
                     "in this registry.").format(code=self.code)
        e = self.entry
        start, _sep, end = e.dates.partition("/")
        try:
            when = format_date_range(dt.date.fromisoformat(start),
                                     dt.date.fromisoformat(end or start), get_language())
        except ValueError:
            when = e.dates
        kind = {"participation": _("Certificate of participation"),
                "completion": _("Certificate of completion")}.get(e.type, e.type)
        verdict = {"valid": _("{code}: VALID"), "revoked": _("{code}: REVOKED"),
                   "superseded": _("{code}: REPLACED")}[self.status]
        lines = [verdict.format(code=e.code),
                 _("  Name: {name}").format(name=e.name),
                 _("  Workshop: {title} ({id})").format(title=e.workshop_title or e.workshop,
                                                       id=e.workshop),
                 _("  Dates: {dates}").format(dates=when),
                 _("  Type: {type}").format(type=kind),
                 _("  Issued: {date}").format(date=e.issued_at)]
        if self.status == "revoked":
            lines.append(_("  Revoked: {date} ({reason})").format(date=e.changed_at,
                                                                  reason=e.reason))
        if self.status == "superseded":
            lines.append(_("  Replaced by: {code} on {date} ({reason}); only the newer "
                           "certificate is valid.").format(code=e.replaced_by or "-",
                                                            date=e.changed_at, reason=e.reason))
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"code": self.code, "status": self.status}
        if self.entry is not None:
            data.update({k: getattr(self.entry, k) for k in (
                "participant_id", "name", "workshop", "workshop_title", "dates", "type",
                "issued_at", "revoked_at", "reason", "replaced_by")})
        if self.suggestion:
            data["suggestion"] = self.suggestion
        if self.message:
            data["message"] = self.message
        return data


def console_text_lines(text: str) -> str:
    """Each line of ``text`` made safe for a terminal (line breaks kept)."""
    return "\n".join(console_text(line) for line in text.split("\n"))


def revoke_code(code: str, *, reason: str, registry: str | Path | None = None,
                workshop: WorkshopRef = None):
    """Revoke a certificate by adding a revocation entry to the registry; return it."""
    reg = open_workshop_registry(_registry_location(registry, workshop), create=False)
    try:
        return reg.revoke(code, reason)
    finally:
        reg.close()


def _registry_location(registry: str | Path | None, workshop) -> str | Path:
    if registry is None:
        if workshop is None:
            raise ToolkitError(_("Say which registry to use: --registry FILE or --workshop ID."))
        registry = default_registry(require_workshop(workshop))
    refusal = legacy_refusal(registry)
    if refusal:
        raise RegistryError(refusal)
    return registry


def verify_code(code: str, *, registry: str | Path | Registry | None = None,
                workshop: WorkshopRef = None,
                suggest: bool = True, key: str | None = None) -> Verification:
    """Check a code against the registry: valid, revoked, superseded, unknown or mistyped.

    ``suggest`` offers the registry code one typo away ("did you mean"): right for the
    organiser at the terminal, wrong on a public page (it would reveal real codes), where it
    must be False; a right code under a wrong prefix is then "unknown" too. ``key`` pins the
    registry's key (a fingerprint; ``open_registry``): a registry whose key is not the
    trusted one answers "altered".
    """
    reg = registry if isinstance(registry, Registry) else open_workshop_registry(
        _registry_location(registry, workshop), create=False, key=key)
    typed = normalise_code(code)
    try:
        try:
            entry = reg.lookup(typed)
        except RegistryAltered as exc:
            return Verification(typed, "altered", None, "", str(exc), exc.entry)
        if entry is not None:
            return Verification(entry.code, entry.status, entry)
        if not is_well_formed(typed):
            return Verification(typed, "mistyped", None,
                                _suggest(typed, reg.codes()) if suggest else "")
        if not suggest:
            return Verification(typed, "unknown")
        body = split_code(typed)[1]
        same_body = [c for c in reg.codes() if split_code(c)[1] == body]
        if len(same_body) == 1:  # a right body under a wrong prefix is a typo too
            return Verification(typed, "mistyped", None, same_body[0])
        return Verification(typed, "unknown")
    finally:
        if reg is not registry:
            reg.close()


def _suggest(typed: str, codes: Sequence[str]) -> str:
    """A registry code one substitution, adjacent swap, dropped or doubled character away
    from ``typed``, if unique."""
    prefix, body = split_code(typed)
    near = []
    for code in codes:
        other_prefix, other = split_code(code)
        if other_prefix != prefix:
            continue
        if abs(len(other) - len(body)) == 1:  # a character dropped or typed twice
            short, long_ = sorted((body, other), key=len)
            if any(long_[:i] + long_[i + 1:] == short for i in range(len(long_))):
                near.append(code)
            continue
        if len(other) != len(body):
            continue
        diff = [i for i, (a, b) in enumerate(zip(body, other)) if a != b]
        if len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                              and body[diff[0]] == other[diff[1]]
                              and body[diff[1]] == other[diff[0]]):
            near.append(code)
    return near[0] if len(near) == 1 else ""


__all__ = ["Decision", "IssueResult", "Verification", "decide", "issue_certificates",
           "verify_code", "revoke_code", "workshop_hours", "assign_codes", "default_registry"]
