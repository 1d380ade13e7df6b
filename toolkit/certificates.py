"""Certificates: who earns one, their verification codes, the registry, and `workshop verify`.

Eligibility (DESIGN.md §8): attendance share = half-days present / half-days held. At or above
the workshop's threshold -> a certificate of participation; when the workshop sets a pass
mark and the post-test score reaches it -> a certificate of completion instead.

Codes and the registry: a participant keeps the code already issued to them for the same
workshop and type (running again issues nothing new). Moving from participation to completion
issues a completion code and leaves the participation code valid: both statements stay true.
A revoked code is never given out again; if the person is still eligible they get a new code.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from .attendance import Attendance, read_attendance
from .codes import (clean_prefix, default_prefix, is_well_formed, new_code, normalise_code,
                    split_code)
from .errors import InputFileError, Problem, ToolkitError
from .i18n import N_, _, format_date_range, format_pct, get_language, gettext, ngettext
from .model import Participant, Workshop
from .registry import Entry, append_entries, read_registry

Progress = Callable[[int, int], None]
KINDS = ("participation", "completion")


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
    """Training hours: the certificate rules' ``hours``, else the programme's minutes, rounded."""
    if workshop.certificates.hours is not None:
        return int(round(workshop.certificates.hours))
    minutes = 0
    sessions = {s.id: s for m in workshop.modules for s in m.sessions}
    for item in workshop.programme:
        if item.kind == "module":
            try:
                minutes += workshop.module(item.ref).minutes
            except KeyError:
                continue
        elif item.kind == "session" and item.ref in sessions:
            minutes += sessions[item.ref].minutes
        else:
            minutes += item.minutes
    return int((minutes + 30) // 60)


def code_prefix(workshop: Workshop) -> str:
    """The code prefix of a workshop: its rules' ``code_prefix``, else one from its id."""
    return clean_prefix(workshop.certificates.code_prefix) or default_prefix(workshop.id)


def default_registry(workshop: Workshop, *, outdir: str | Path | None = None) -> Path:
    """The workshop's registry file, or ``reports/<id>/`` (``outdir``) when it names none.

    A bundled example's registry would sit inside the installed package: it goes to the
    output folder instead, so an installed toolkit never writes into itself.
    """
    fallback = (Path(outdir) if outdir else Path("reports") / workshop.id) / \
        "certificate-registry.csv"
    named = workshop.files.registry
    if not named or _inside_package(Path(named)):
        return fallback
    return Path(named)


def _inside_package(path: Path) -> bool:
    from importlib import resources

    package = Path(str(resources.files("toolkit"))).resolve()
    return path.resolve().is_relative_to(package)


@dataclass(frozen=True)
class Issued:
    decision: Decision
    code: str
    new: bool


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
            rows.append((d.participant_id, d.name or "-", d.type, detail))
        widths = [min(40, max(len(r[i]) for r in rows)) for i in range(3)]
        lines = ["  ".join(c[:40].ljust(w) for c, w in zip(r[:3], widths)) + "  " + r[3]
                 for r in rows]
        new = sum(1 for i in self.issued if i.new)
        lines.append(ngettext("{n} certificate", "{n} certificates", len(self.issued)).format(
            n=len(self.issued)) + "; " + ngettext("{n} new code", "{n} new codes", new).format(
            n=new) + "; " + _("PDF: {pdf}; registry: {registry}").format(
            pdf=self.output, registry=self.registry)
            + (_("; one file each in {folder}").format(folder=self.split) if self.split else ""))
        lines.extend(str(p) for p in self.problems)
        lines.extend(self.notes)
        return "\n".join(line.rstrip() for line in lines)

    def to_dict(self) -> dict[str, Any]:
        codes = {i.decision.participant_id: i for i in self.issued}
        people = []
        for d in self.decisions:
            item = d.to_dict()
            issued = codes.get(d.participant_id)
            item["code"] = issued.code if issued else None
            item["new_code"] = bool(issued and issued.new)
            people.append(item)
        return {"workshop": self.workshop, "output": self.output, "split": self.split,
                "registry": self.registry, "participants": people,
                "problems": [{"file": p.file, "row": p.row, "column": p.column,
                              "code": p.code, "message": p.message} for p in self.problems],
                "notes": list(self.notes)}


def assign_codes(workshop: Workshop, decisions: Sequence[Decision], registry: str | Path, *,
                 now: dt.datetime | None = None) -> tuple[list[Issued], list[str]]:
    """Give each eligible person their code: the one they hold, else a new one (appended)."""
    book = read_registry(registry)
    taken = set(book.latest)
    prefix = code_prefix(workshop)
    stamp = (now or dt.datetime.now(dt.timezone.utc)).replace(microsecond=0).isoformat()
    dates = f"{workshop.start.isoformat()}/{workshop.end.isoformat()}"
    title = workshop.title.get(workshop.languages[0] if workshop.languages else "fr")
    issued, fresh, notes = [], [], []
    for decision in decisions:
        if decision.type not in KINDS:
            continue
        held = book.holding(workshop.id, decision.participant_id, decision.type)
        if held is not None:
            issued.append(Issued(decision, held.code, False))
            if held.name != decision.name:
                notes.append(f"{decision.participant_id}: the registry has the name "
                             f'"{held.name}" for code {held.code}, the roster "{decision.name}"'
                             "; the certificate shows the roster's. To record the new name, "
                             "revoke the code and run again.")
            continue
        code = new_code(prefix, taken=taken)
        taken.add(code)
        fresh.append(Entry(code, decision.participant_id, decision.name, workshop.id, dates,
                           decision.type, stamp, workshop_title=title))
        issued.append(Issued(decision, code, True))
    append_entries(registry, fresh)
    return issued, notes


def _load_workshop(workshop: "Workshop | str | Path") -> Workshop:
    if isinstance(workshop, Workshop):
        return workshop
    from .curriculum import load_workshop  # written in parallel; imported when needed

    return load_workshop(workshop)


def _post_scores(workshop: Workshop, post: str, participants: str) -> dict[str, float]:
    from .scoring.run import run_scoring  # written in parallel; imported when needed

    result = run_scoring(workshop=workshop, post=post, participants=participants or None)
    return {str(row["id"]): float(row["post_pct"])
            for row in result.to_dict()["per_participant"] if row.get("post_pct") is not None}


def issue_certificates(workshop: "Workshop | str | Path", *, participants: str | None = None,
                       attendance: str | None = None, post: str | None = None,
                       output: str | None = None, split: str | None = None,
                       registry: str | None = None, lang: str | None = None,
                       progress: Progress | None = None,
                       roster: Sequence[Participant] | None = None,
                       post_scores: Mapping[str, float] | None = None) -> IssueResult:
    """Decide, give codes, render the PDF(s) and append the registry; return the outcome."""
    from .render.pdf.certificates import render_certificates

    ws = _load_workshop(workshop)
    if roster is None:
        roster_path = participants or ws.files.participants
        if not roster_path:
            raise InputFileError(_("No roster: give --participants FILE or set "
                                   "files.participants in the workshop file."))
        from .responses import read_roster  # written in parallel; imported when needed

        roster = read_roster(roster_path)
    sheet_path = attendance or ws.files.attendance
    if not sheet_path:
        raise InputFileError(_("No attendance sheet: give --attendance FILE or set "
                               "files.attendance in the workshop file."))
    sheet = read_attendance(sheet_path)
    post_path = post or ws.files.post
    if post_scores is None and post_path and ws.certificates.pass_mark is not None:
        post_scores = _post_scores(ws, post_path, participants or ws.files.participants)
    decisions = decide(ws, roster, sheet, post_scores)
    registry_path = Path(registry) if registry else default_registry(ws)
    _check_outputs(registry_path, output, [participants, sheet_path, post_path])
    issued, notes = assign_codes(ws, decisions, registry_path)
    out = Path(output) if output else Path("reports") / ws.id / "certificates.pdf"
    render_certificates(ws, [(i.decision.participant, i.decision.type, i.code) for i in issued],
                        output=out, split=split, lang=lang, progress=progress)
    return IssueResult(ws.id, tuple(decisions), tuple(issued), str(out), split,
                       str(registry_path), sheet.problems, tuple(notes))


def _check_outputs(registry: Path, output: str | None, inputs: list[str | None]) -> None:
    from .fileio import check_not_input

    check_not_input(registry, [i for i in inputs if i])
    if output:
        check_not_input(output, [i for i in inputs if i] + [str(registry)])


@dataclass(frozen=True)
class Verification:
    """The answer to `workshop verify CODE`."""

    code: str
    status: str  # valid | revoked | unknown | mistyped
    entry: Entry | None = None
    suggestion: str = ""

    def to_text(self) -> str:
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
        lines = [_("{code}: VALID").format(code=e.code) if self.status == "valid" else
                 _("{code}: REVOKED").format(code=e.code),
                 _("  Name: {name}").format(name=e.name),
                 _("  Workshop: {title} ({id})").format(title=e.workshop_title or e.workshop,
                                                       id=e.workshop),
                 _("  Dates: {dates}").format(dates=when),
                 _("  Type: {type}").format(type=kind),
                 _("  Issued: {date}").format(date=e.issued_at)]
        if self.status == "revoked":
            lines.append(_("  Revoked: {date} ({reason})").format(date=e.revoked_at,
                                                                  reason=e.reason))
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"code": self.code, "status": self.status}
        if self.entry is not None:
            data.update({k: getattr(self.entry, k) for k in (
                "participant_id", "name", "workshop", "workshop_title", "dates", "type",
                "issued_at", "revoked_at", "reason")})
        return data


def revoke_code(code: str, *, reason: str, registry: str | Path | None = None,
                workshop: "Workshop | str | Path | None" = None):
    """Revoke a certificate by appending a revocation row to the registry; return that row."""
    from .registry import revoke

    return revoke(_registry_path(registry, workshop), code, reason)


def _registry_path(registry: str | Path | None, workshop) -> Path:
    if registry is None:
        if workshop is None:
            raise ToolkitError(_("Say which registry to use: --registry FILE or --workshop ID."))
        registry = default_registry(_load_workshop(workshop))
    if not Path(registry).exists():
        raise InputFileError(_("{registry}: registry not found. Give the registry written by "
                               "`workshop certificates` with --registry FILE.").format(
                                 registry=registry))
    return Path(registry)


def verify_code(code: str, *, registry: str | Path | None = None,
                workshop: "Workshop | str | Path | None" = None) -> Verification:
    """Check a code against the registry: valid, revoked, unknown or mistyped."""
    registry = _registry_path(registry, workshop)
    typed = normalise_code(code)
    book = read_registry(registry)
    entry = book.find(typed)
    if entry is not None:
        return Verification(entry.code, entry.status, entry)
    if not is_well_formed(typed):
        return Verification(typed, "mistyped", None, _suggest(typed, book.latest))
    body = split_code(typed)[1]
    same_body = [c for c in book.latest if split_code(c)[1] == body]
    if len(same_body) == 1:  # a right body under a wrong prefix is a typo too
        return Verification(typed, "mistyped", None, same_body[0])
    return Verification(typed, "unknown")


def _suggest(typed: str, codes: Mapping[str, Entry]) -> str:
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
           "verify_code", "workshop_hours", "assign_codes"]
