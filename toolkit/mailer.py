"""`workshop send-certificates`: one e-mail per certificate holder, with their PDF attached.

By default the messages are written as ``.eml`` files into an outbox folder, to open and check
in any mail program; with SMTP settings they are sent. Every SMTP send is recorded in the
certificate registry (code, time, a salted hash of the address, status), so a run that stops
halfway sends nothing twice when it is started again. A refusal by the server is recorded and
listed with its reason; participants without an address, and certificates whose PDF is
missing, are listed too. Outbox files are named by participant id, never by address.

Only valid certificates are sent: a revoked or superseded code never leaves the registry.
"""
from __future__ import annotations

import os
import smtplib
import ssl
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
from pathlib import Path
from typing import Any, Protocol

from .errors import ToolkitError
from .fileio import safe_filename, write_bytes_atomic
from .i18n import _, ngettext
from .model import Participant, Text, Workshop

SUBJECT = Text.of({
    "fr": "Votre attestation : {workshop}",
    "en": "Your certificate: {workshop}",
})
BODY = Text.of({
    "fr": "Bonjour {name},\n\n"
          "Veuillez trouver ci-joint votre attestation de {kind} à l’atelier « {workshop} » "
          "({dates}, {place}).\n\n"
          "Son code de vérification est {code}.{verify}\n\n"
          "Avec nos remerciements pour votre participation,\n{organisers}\n",
    "en": "Dear {name},\n\n"
          "Please find attached your certificate of {kind} for the workshop “{workshop}” "
          "({dates}, {place}).\n\n"
          "Its verification code is {code}.{verify}\n\n"
          "With our thanks for your participation,\n{organisers}\n",
})
VERIFY = Text.of({"fr": " Toute personne peut la vérifier à l’adresse {url}",
                  "en": " Anyone can check it at {url}"})
KINDS = {"completion": Text.of({"fr": "réussite", "en": "completion"}),
         "participation": Text.of({"fr": "participation", "en": "participation"})}


class SendLog(Protocol):
    """What the mailer needs of the registry."""

    def records(self, workshop: str | None = None) -> list[Any]: ...

    def record_send(self, code: str, *, address: str, status: str,
                    detail: str = "") -> None: ...

    def sent_codes(self, status: str = "sent") -> set[str]: ...


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to send: ``host:port``, STARTTLS, and an optional login."""

    host: str
    port: int = 25
    starttls: bool = False
    user: str = ""
    password: str = ""
    sender: str = ""
    timeout: float = 30.0


@dataclass
class SendReport:
    """What happened to each certificate holder (by participant id; no address here)."""

    sent: list[str] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    already_sent: list[str] = field(default_factory=list)
    no_address: list[str] = field(default_factory=list)
    no_pdf: list[str] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (participant id, reason)

    def to_text(self) -> str:
        lines = []
        if self.written:
            lines.append(ngettext(
                "{count} message written to the outbox; open it to check, then send it with "
                "--smtp.", "{count} messages written to the outbox; open them to check, then "
                "send them with --smtp.", len(self.written)).format(count=len(self.written)))
        if self.sent:
            lines.append(ngettext("{count} message sent.", "{count} messages sent.",
                                  len(self.sent)).format(count=len(self.sent)))
        if self.already_sent:
            lines.append(ngettext(
                "{count} certificate already sent earlier: not sent again.",
                "{count} certificates already sent earlier: not sent again.",
                len(self.already_sent)).format(count=len(self.already_sent)))
        if self.no_address:
            lines.append(_("No e-mail address in the roster for: {ids}. Add the address, or "
                           "hand the certificate over in person.").format(
                               ids=", ".join(self.no_address)))
        if self.no_pdf:
            lines.append(_("No certificate PDF found for: {ids}. Run `workshop certificates "
                           "WORKSHOP --split DIR` first.").format(ids=", ".join(self.no_pdf)))
        for pid, reason in self.refused:
            lines.append(_("Refused by the mail server for {id}: {reason}").format(
                id=pid, reason=reason))
        return "\n".join(lines) or _("Nothing to send: no valid certificate in the registry.")

    def to_dict(self) -> dict[str, Any]:
        return {"sent": self.sent, "written": [str(p) for p in self.written],
                "already_sent": self.already_sent, "no_address": self.no_address,
                "no_pdf": self.no_pdf,
                "refused": [{"id": pid, "reason": reason} for pid, reason in self.refused]}


def compose(ws: Workshop, record: Any, person: Participant, pdf: bytes, *, lang: str,
            sender: str, subject: Text | None = None, body: Text | None = None,
            dates: str = "") -> EmailMessage:
    """The e-mail for one certificate holder, in ``lang``, with the PDF attached."""
    fallback = (lang, *ws.languages, "en", "fr")
    title = ws.title.get(lang, fallback=fallback)
    organisers = ", ".join(o.name.get(lang, fallback=fallback) for o in ws.organisers)
    url = ws.certificates.verify_url.format(code=record.code) if ws.certificates.verify_url \
        else ""
    values = {
        "name": person.full_name or record.name, "workshop": title, "code": record.code,
        "dates": dates, "place": ws.city.get(lang, fallback=fallback),
        "kind": KINDS.get(record.type, Text.of(record.type)).get(lang, fallback=fallback),
        "organisers": organisers,
        "verify": VERIFY.get(lang, fallback=fallback).format(url=url) if url else "",
    }
    message = EmailMessage()
    message["Subject"] = (subject or SUBJECT).get(lang, fallback=fallback).format(**values)
    message["From"] = sender
    message["To"] = formataddr((values["name"], person.email))
    message["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2] or None)
    message.set_content((body or BODY).get(lang, fallback=fallback).format(**values))
    filename = f"{safe_filename(record.code, default='certificate')}.pdf"
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename=filename)
    return message


def send_certificates(ws: Workshop, *, registry: SendLog, roster: Sequence[Participant],
                      certificates_dir: str | os.PathLike, lang: str | None = None,
                      outbox: str | os.PathLike | None = None, smtp: SmtpSettings | None = None,
                      sender: str = "", dates: str = "",
                      progress: Callable[[int, int], None] | None = None) -> SendReport:
    """Write (outbox) or send (smtp) one message per valid certificate of the workshop."""
    if (outbox is None) == (smtp is None):
        raise ToolkitError(_("Give either an outbox folder or SMTP settings, not both."))
    lang = lang or (ws.languages or ("fr",))[0]
    sender = sender or (smtp.sender if smtp else "") or (smtp.user if smtp else "")
    if not sender or "@" not in sender:
        raise ToolkitError(_("No sender address: give --from ADDRESS (the address participants "
                           "will reply to)."))
    people = {_key(p.id): p for p in roster}
    folder = Path(certificates_dir)
    records = [r for r in registry.records(ws.id) if r.status == "valid"]
    done = registry.sent_codes() if smtp else set()
    report = SendReport()
    todo: list[tuple[Any, Participant, bytes]] = []
    for record in records:
        person = people.get(_key(record.participant_id))
        if record.code in done:
            report.already_sent.append(record.participant_id)
            continue
        if person is None or not person.email or "@" not in person.email:
            report.no_address.append(record.participant_id)
            continue
        pdf = folder / f"{safe_filename(record.participant_id, default='participant')}.pdf"
        if not pdf.is_file():
            report.no_pdf.append(record.participant_id)
            continue
        todo.append((record, person, pdf.read_bytes()))
    messages = [(record, person, compose(ws, record, person, data, lang=lang, sender=sender,
                                         dates=dates))
                for record, person, data in todo]
    if outbox is not None:
        out = Path(outbox)
        out.mkdir(parents=True, exist_ok=True)
        for index, (record, _person, message) in enumerate(messages, 1):
            path = out / f"{safe_filename(record.participant_id, default='participant')}.eml"
            write_bytes_atomic(path, bytes(message))
            report.written.append(path)
            if progress:
                progress(index, len(messages))
        return report
    assert smtp is not None
    _send_all(smtp, messages, registry, report, progress)
    return report


def _send_all(smtp: SmtpSettings, messages: Iterable[tuple[Any, Participant, EmailMessage]],
              registry: SendLog, report: SendReport,
              progress: Callable[[int, int], None] | None) -> None:
    pending = list(messages)
    if not pending:
        return
    try:
        server = smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout)
    except OSError as exc:
        raise ToolkitError(_("Cannot reach the mail server {host}:{port} ({value}). Check "
                             "--smtp HOST:PORT and the network; nothing was sent.").format(
                               host=smtp.host, port=smtp.port, value=exc.strerror or exc)) from exc
    try:
        server.ehlo()
        if smtp.starttls:
            server.starttls(context=ssl.create_default_context())
            server.ehlo()
        if smtp.user:
            try:
                server.login(smtp.user, smtp.password)
            except smtplib.SMTPException as exc:
                raise ToolkitError(_("The mail server refused the login of {user}: {reason}. "
                                     "Check --user and --password-file; nothing was sent.").format(
                                       user=smtp.user, reason=_reason(exc))) from exc
        for index, (record, person, message) in enumerate(pending, 1):
            try:
                server.send_message(message)
            except smtplib.SMTPRecipientsRefused as exc:
                reason = "; ".join(_reason(err) for err in exc.recipients.values())
                registry.record_send(record.code, address=person.email, status="refused",
                                     detail=reason)
                report.refused.append((record.participant_id, reason))
            except smtplib.SMTPResponseException as exc:
                if 500 <= exc.smtp_code < 600:  # permanent: this message will never go
                    registry.record_send(record.code, address=person.email, status="refused",
                                         detail=_reason(exc))
                    report.refused.append((record.participant_id, _reason(exc)))
                else:  # temporary: stop; a later run resumes from here
                    raise ToolkitError(
                        _("The mail server answered {reason} after {count} message(s). Run "
                          "the same command again later: what was sent is recorded and will "
                          "not be sent twice.").format(reason=_reason(exc),
                                                       count=len(report.sent))) from exc
            else:
                registry.record_send(record.code, address=person.email, status="sent")
                report.sent.append(record.participant_id)
            if progress:
                progress(index, len(pending))
    except (smtplib.SMTPServerDisconnected, OSError) as exc:
        raise ToolkitError(
            _("The connection to {host}:{port} was lost after {count} message(s). Run the "
              "same command again: what was sent is recorded and will not be sent twice.").format(
                host=smtp.host, port=smtp.port, count=len(report.sent))) from exc
    finally:
        try:
            server.quit()
        except (smtplib.SMTPException, OSError):
            server.close()


def _reason(exc: Any) -> str:
    if isinstance(exc, tuple) and len(exc) == 2:
        code, text = exc
    else:
        code, text = getattr(exc, "smtp_code", ""), getattr(exc, "smtp_error", exc)
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return f"{code} {text}".strip()


def _key(pid: str) -> str:
    return "".join(str(pid).split()).casefold()


def parse_smtp(value: str) -> tuple[str, int]:
    """"HOST:PORT" (or "HOST", port 25) -> (host, port)."""
    host, _colon, port = value.rpartition(":") if ":" in value else (value, "", "25")
    if not host or not port.isdigit():
        raise ToolkitError(_("\"{value}\" is not HOST:PORT (e.g. smtp.example.org:587).").format(
                               value=value))
    return host, int(port)


def read_password(path: str | os.PathLike | None, env: Mapping[str, str]) -> str:
    """The SMTP password from a file (first line) or WORKSHOP_SMTP_PASSWORD; never an option."""
    if path:
        try:
            return Path(path).read_text(encoding="utf-8").splitlines()[0].strip()
        except (OSError, IndexError) as exc:
            raise ToolkitError(_("{path}: cannot read the password from this file. Put the "
                                 "password alone on its first line.").format(path=path)) from exc
    return env.get("WORKSHOP_SMTP_PASSWORD", "")


def send_for_workshop(workshop: Any, *, registry: Any = None, participants: Any = None,
                      certificates_dir: str | os.PathLike | None = None,
                      outbox: str | os.PathLike | None = None, smtp: SmtpSettings | None = None,
                      sender: str = "", lang: str | None = None,
                      progress: Callable[[int, int], None] | None = None) -> SendReport:
    """Load what ``send_certificates`` needs from a workshop (path, id or Workshop)."""
    from .certificates import _registry_location, open_workshop_registry
    from .curriculum import load_workshop
    from .i18n import format_date_range
    from .responses import read_roster

    ws = workshop if isinstance(workshop, Workshop) else load_workshop(workshop)
    roster_file = participants or ws.files.participants
    if not roster_file:
        raise ToolkitError(_("No roster: give --participants FILE or set files.participants in "
                           "the workshop file (the e-mail addresses come from it)."))
    roster = read_roster(roster_file)
    folder = Path(certificates_dir) if certificates_dir else Path("reports") / ws.id / \
        "certificates"
    if not folder.is_dir():
        raise ToolkitError(_("{folder}: no such folder of certificates. Run `workshop "
                             "certificates {id} --split {folder}` first, or give --from "
                             "DIR.").format(folder=folder, id=ws.id))
    if smtp is None and outbox is None:
        outbox = Path("reports") / ws.id / "outbox"
    lang = lang or (ws.languages or ("fr",))[0]
    with open_workshop_registry(_registry_location(registry, ws), create=False) as reg:
        return send_certificates(ws, registry=reg, roster=roster, certificates_dir=folder,
                                 lang=lang, outbox=outbox, smtp=smtp, sender=sender,
                                 dates=format_date_range(ws.start, ws.end, lang),
                                 progress=progress)
