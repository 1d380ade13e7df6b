"""`workshop send-certificates`: outbox files, real SMTP (aiosmtpd), resume without doubles."""
from __future__ import annotations

import email
import email.policy
import socket

import pytest
from aiosmtpd.controller import Controller

from toolkit.curriculum import load_workshop
from toolkit.errors import ToolkitError
from toolkit.mailer import SmtpSettings, send_certificates
from toolkit.model import Participant
from toolkit.registry import Request, open_registry

PEOPLE = [
    Participant("DKR-01", "Ndiaye", "Aïssatou", "F", email="aissatou@example.org"),
    Participant("DKR-02", "Traoré", "Moussa", "M", email="moussa@example.org"),
    Participant("DKR-03", "Diallo", "Fatou", "F"),  # no address
    Participant("DKR-04", "Koné", "Issa", "M", email="refuse-me@example.org"),
]


class Inbox:
    """An aiosmtpd handler that keeps messages and can refuse or fail on purpose."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.refuse = {"refuse-me@example.org"}
        self.fail_after: int | None = None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.fail_after is not None and len(self.messages) >= self.fail_after:
            return "451 4.3.0 try again later"
        self.messages.append(email.message_from_bytes(envelope.content,
                                                      policy=email.policy.default))
        return "250 Message accepted"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    try:
        yield inbox, SmtpSettings("127.0.0.1", controller.port, sender="formation@example.org")
    finally:
        controller.stop()


@pytest.fixture
def issued(tmp_path):
    ws = load_workshop("dakar-2019")
    registry = open_registry(tmp_path / "registry.sqlite")
    registry.issue(ws.id, [Request(p.id, p.full_name, "completion") for p in PEOPLE],
                   prefix="DKR19", dates="2019-04-10/2019-04-13")
    folder = tmp_path / "certificates"
    folder.mkdir()
    for person in PEOPLE:
        (folder / f"{person.id}.pdf").write_bytes(b"%PDF-1.4 certificate of " +
                                                  person.id.encode())
    yield ws, registry, folder
    registry.close()


def test_outbox_writes_one_message_per_holder_named_by_id(issued, tmp_path):
    ws, registry, folder = issued
    report = send_certificates(ws, registry=registry, roster=PEOPLE, certificates_dir=folder,
                               outbox=tmp_path / "outbox", sender="formation@example.org")
    assert sorted(p.name for p in report.written) == ["DKR-01.eml", "DKR-02.eml", "DKR-04.eml"]
    assert report.no_address == ["DKR-03"]
    message = email.message_from_bytes((tmp_path / "outbox" / "DKR-01.eml").read_bytes(),
                                       policy=email.policy.default)
    assert message["To"] == "Aïssatou Ndiaye <aissatou@example.org>"
    assert message["Subject"].startswith("Votre attestation")
    body = message.get_body(("plain",)).get_content()
    assert "Bonjour Aïssatou Ndiaye" in body and "DKR19-" in body
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_content_type() == "application/pdf"
    assert attachment.get_content() == b"%PDF-1.4 certificate of DKR-01"
    assert registry.sent_codes() == set()  # an outbox is not a send


def test_smtp_sends_each_certificate_once_and_lists_refusals(issued, smtp_server):
    ws, registry, folder = issued
    inbox, settings = smtp_server
    report = send_certificates(ws, registry=registry, roster=PEOPLE, certificates_dir=folder,
                               smtp=settings, lang="en")
    assert sorted(report.sent) == ["DKR-01", "DKR-02"]
    assert report.refused and report.refused[0][0] == "DKR-04"
    assert "550" in report.refused[0][1]
    assert sorted(m["To"].addresses[0].addr_spec for m in inbox.messages) == [
        "aissatou@example.org", "moussa@example.org"]
    attachments = [list(m.iter_attachments())[0].get_content() for m in inbox.messages]
    assert sorted(attachments) == [b"%PDF-1.4 certificate of DKR-01",
                                   b"%PDF-1.4 certificate of DKR-02"]
    again = send_certificates(ws, registry=registry, roster=PEOPLE, certificates_dir=folder,
                              smtp=settings)
    assert again.sent == [] and sorted(again.already_sent) == ["DKR-01", "DKR-02"]
    assert len(inbox.messages) == 2


def test_a_run_that_stops_halfway_resumes_without_sending_twice(issued, smtp_server):
    ws, registry, folder = issued
    inbox, settings = smtp_server
    inbox.refuse = set()
    inbox.fail_after = 1
    with pytest.raises(ToolkitError, match="will not be sent twice"):
        send_certificates(ws, registry=registry, roster=PEOPLE, certificates_dir=folder,
                          smtp=settings)
    assert len(inbox.messages) == 1 and len(registry.sent_codes()) == 1
    inbox.fail_after = None
    report = send_certificates(ws, registry=registry, roster=PEOPLE, certificates_dir=folder,
                               smtp=settings)
    assert len(report.sent) == 2 and len(report.already_sent) == 1
    recipients = [m["To"].addresses[0].addr_spec for m in inbox.messages]
    assert len(recipients) == len(set(recipients)) == 3


def test_revoked_certificates_are_never_sent(issued, tmp_path):
    ws, registry, folder = issued
    code = next(r.code for r in registry.records(ws.id) if r.participant_id == "DKR-02")
    registry.revoke(code, "issued in error")
    report = send_certificates(ws, registry=registry, roster=PEOPLE, certificates_dir=folder,
                               outbox=tmp_path / "outbox", sender="formation@example.org")
    assert "DKR-02.eml" not in [p.name for p in report.written]


def test_unreachable_server_is_a_clear_error(issued):
    ws, registry, folder = issued
    settings = SmtpSettings("127.0.0.1", _free_port(), sender="formation@example.org",
                            timeout=2)
    with pytest.raises(ToolkitError, match="Cannot reach the mail server.*nothing was sent"):
        send_certificates(ws, registry=registry, roster=PEOPLE, certificates_dir=folder,
                          smtp=settings)


def test_send_certificates_command_writes_the_outbox(tmp_path):
    import json

    from click.testing import CliRunner

    from toolkit.cli import main

    registry = tmp_path / "registry.sqlite"
    made = CliRunner().invoke(main, ["certificates", "dakar-2019", "-o",
                                     str(tmp_path / "c.pdf"), "--split",
                                     str(tmp_path / "certs"), "--registry", str(registry),
                                     "--date", "2019-04-13"])
    assert made.exit_code == 0, made.output
    result = CliRunner().invoke(main, ["send-certificates", "dakar-2019", "--from",
                                       "formation@example.org", "--from-dir",
                                       str(tmp_path / "certs"), "--registry", str(registry),
                                       "--outbox", str(tmp_path / "outbox"), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    written = sorted((tmp_path / "outbox").glob("*.eml"))
    assert len(written) == len(report["written"]) >= 20
    assert not any("@" in path.name for path in written)
    assert f"{len(written)} messages written to the outbox" in result.stderr
