"""The registry's key is pinned outside the database (issue 15 follow-up).

The registry stores its public key, so whoever can write the database can put in their own
key, sign every entry again (here: a revocation deleted, so a withdrawn certificate reads as
valid) and change the registry's id. Each test plays that forger with sqlite3 (or psycopg)
and the registry's own hashing helpers, then checks that the library, `workshop verify`,
`workshop registry check` and the web /verify refuse, whichever of the pins applies: the
key recorded on first use (by id and by location), this computer's signing key, or an
explicit pin (--key, serve --registry-key, WORKSHOP_REGISTRY_KEY).
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import os
import shutil
import sqlite3
import uuid
import warnings
from pathlib import Path

import pytest
from click.testing import CliRunner
from pg_server import postgres_server, postgres_url  # noqa: F401 (fixtures)

from toolkit.certificates import verify_code
from toolkit.cli import main
from toolkit.errors import RegistryError, ToolkitError
from toolkit.registry import (
    _HASHED,
    RegistryKeyNotTrusted,
    Request,
    entry_hash,
    genesis_hash,
    open_registry,
)
from toolkit.signing import fingerprint, keys_file

warnings.filterwarnings("ignore", message=".*httpx2.*")  # Starlette 1.x prefers httpx2
from starlette.testclient import TestClient  # noqa: E402

from toolkit.web import services  # noqa: E402
from toolkit.web.app import create_app  # noqa: E402
from toolkit.web.security import Settings  # noqa: E402
from toolkit.web.server import settings_for  # noqa: E402

NOW = dt.datetime(2024, 3, 5, 16, 0, tzinfo=dt.timezone.utc)
COLUMNS = ("seq", "kind", "code", "participant_id", "name", "workshop", "workshop_title",
           "dates", "type", "at", "reason", "ref", "prev_hash", "hash", "signature")


def _genuine(location) -> tuple[list[str], str]:
    """A registry of three certificates, the second revoked; (codes, its public key)."""
    with open_registry(location) as reg:
        codes = [o.code for o in reg.issue(
            "example-2024", [Request(f"P0{i}", f"Person {i}", "participation")
                             for i in (1, 2, 3)],
            prefix="EX24", dates="2024-03-04/2024-03-05", title="Atelier", now=NOW)]
        reg.revoke(codes[1], "issued in error", now=NOW)
        return codes, reg.public_key


def _forge(location, *, new_id: bool = True) -> str:
    """The forger: a new Ed25519 key in the registry's meta (and a new registry id), the
    revocation deleted, every entry renumbered, chained and signed again with the new key.
    Returns the forged public key."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    key = Ed25519PrivateKey.generate()
    public = key.public_key().public_bytes(serialization.Encoding.Raw,
                                           serialization.PublicFormat.Raw).hex()
    if str(location).startswith("postgresql://"):
        import psycopg

        db = psycopg.connect(str(location), autocommit=True)
        mark = "%s"
        for table in ("registry_entries", "registry_meta"):
            db.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")
    else:
        db = sqlite3.connect(location, isolation_level=None)
        mark = "?"
        _drop_triggers(db)
    try:
        rid = db.execute("SELECT value FROM registry_meta WHERE key = 'registry_id'"
                         ).fetchone()[0]
        rid = str(uuid.uuid4()) if new_id else rid
        db.execute(f"UPDATE registry_meta SET value = {mark} WHERE key = 'public_key'",
                   (public,))
        db.execute(f"UPDATE registry_meta SET value = {mark} WHERE key = 'registry_id'",
                   (rid,))
        rows = [dict(zip(COLUMNS, row)) for row in db.execute(
            f"SELECT {', '.join(COLUMNS)} FROM registry_entries ORDER BY seq").fetchall()]
        rows = [row for row in rows if row["kind"] != "revoke"]
        db.execute("DELETE FROM registry_entries")
        prev = genesis_hash(rid)
        for seq, row in enumerate(rows, 1):
            row["seq"] = seq
            digest = entry_hash({name: row[name] for name in _HASHED}, prev)
            row.update(prev_hash=prev, hash=digest,
                       signature=key.sign(bytes.fromhex(digest)).hex())
            db.execute(f"INSERT INTO registry_entries ({', '.join(COLUMNS)}) VALUES "
                       f"({', '.join([mark] * len(COLUMNS))})", [row[c] for c in COLUMNS])
            prev = digest
    finally:
        db.close()
    return public


def _drop_triggers(db: sqlite3.Connection) -> None:
    for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"
                              ).fetchall():
        db.execute(f"DROP TRIGGER {name}")


def _sql(path, statement: str) -> None:
    """One statement on the SQLite file directly, its append-only triggers dropped first."""
    db = sqlite3.connect(path, isolation_level=None)
    try:
        _drop_triggers(db)
        db.execute(statement)
    finally:
        db.close()


@pytest.fixture(autouse=True)
def organiser(tmp_path, monkeypatch):
    """The organiser's computer: its own configuration folder, where the signing key is made
    with the first registry and the trusted keys are recorded."""
    folder = tmp_path / "organiser-config"
    monkeypatch.setenv("WORKSHOP_SIGNING_KEY", str(folder / "signing-key.pem"))
    monkeypatch.delenv("WORKSHOP_REGISTRY_KEY", raising=False)
    return folder


def _become(monkeypatch, folder: Path) -> Path:
    """Go on to another computer, without the private key (a colleague, a verification
    server): an empty configuration folder."""
    monkeypatch.setenv("WORKSHOP_SIGNING_KEY", str(folder / "signing-key.pem"))
    return folder


def _cli(*argv, input=None):
    return CliRunner().invoke(main, ["--lang", "en", *argv], input=input)


# ---------------------------------------------------------------- the organiser's computer


def test_a_swapped_key_with_a_new_id_is_refused_by_library_and_command_line(tmp_path,
                                                                            monkeypatch):
    path = tmp_path / "registry.sqlite"
    codes, genuine = _genuine(path)
    assert verify_code(codes[1], registry=path).status == "revoked"
    forged = _forge(path)
    expected, found = fingerprint(genuine), fingerprint(forged)

    with open_registry(path, create=False) as reg:
        assert reg.public_key == forged and expected in reg.key_refusal
        for call in (lambda: reg.lookup(codes[1]), reg.verify_chain, reg.records,
                     lambda: list(reg.entries())):
            with pytest.raises(RegistryKeyNotTrusted) as caught:
                call()
            assert found in str(caught.value) and "workshop registry trust" in str(caught.value)
    answer = verify_code(codes[1], registry=path)
    assert answer.status == "altered"
    assert expected in answer.message and found in answer.message

    shown = _cli("verify", codes[1], "--registry", str(path))
    assert shown.exit_code == 1 and "CANNOT BE CHECKED" in shown.output
    assert "VALID" not in shown.output and found in shown.output
    check = _cli("registry", "check", "--registry", str(path))
    assert check.exit_code == 1 and expected in check.output and "intact" not in check.output
    key = _cli("registry", "key", "--registry", str(path))  # still shows what it holds
    assert key.exit_code == 0 and key.stdout.strip() == forged and expected in key.stderr

    # the forgery itself is sound: a computer that never saw the registry (no pin, no key)
    # would take it, with the revoked certificate as valid; only the pin tells
    _become(monkeypatch, tmp_path / "elsewhere")
    assert verify_code(codes[1], registry=path).status == "valid"


def test_the_private_key_refuses_a_swapped_key_even_without_a_record(tmp_path):
    path = tmp_path / "registry.sqlite"
    codes, genuine = _genuine(path)
    forged = _forge(path)
    keys_file().unlink()  # a registry made before keys were recorded: nothing recorded
    answer = verify_code(codes[1], registry=path)
    assert answer.status == "altered" and "is not this computer's signing key" in answer.message
    assert fingerprint(forged) in answer.message and fingerprint(genuine) in answer.message
    assert not keys_file().exists()  # a refused key is never recorded


def test_the_key_is_checked_once_at_open_not_per_lookup(tmp_path, monkeypatch):
    path = tmp_path / "registry.sqlite"
    codes, _public = _genuine(path)
    import toolkit.signing as signing

    with open_registry(path, create=False) as reg:
        def no_file_io(*args, **kwargs):
            raise AssertionError("the pinned keys are read at open only")

        monkeypatch.setattr(signing, "read_keys", no_file_io)
        monkeypatch.setattr(signing, "load_key", no_file_io)
        assert [reg.lookup(code).status for code in codes] == ["valid", "revoked", "valid"]
        # the key and id read at open stay the ones checked: a swap behind the open
        # registry breaks the first entry's link and every signature
        monkeypatch.undo()
        _forge(path)
        with pytest.raises(RegistryError, match="registry altered at entry"):
            reg.lookup(codes[0])


# ---------------------------------------------------------------- a computer without the key


def test_first_use_records_the_key_by_id_and_location(tmp_path, monkeypatch):
    path = tmp_path / "registry.sqlite"
    codes, genuine = _genuine(path)  # made on the organiser's computer
    colleague = _become(monkeypatch, tmp_path / "colleague")
    old = os.umask(0o027)
    try:
        with open_registry(path, create=False) as reg:
            assert len(reg.notes) == 1 and "first use" in reg.notes[0]
            assert fingerprint(genuine) in reg.notes[0] and str(keys_file()) in reg.notes[0]
            rid = reg.registry_id
    finally:
        os.umask(old)
    assert keys_file().parent == colleague
    recorded = json.loads(keys_file().read_text(encoding="utf-8"))
    assert recorded["registries"][rid]["key"] == genuine
    assert recorded["locations"][str(path.resolve())]["key"] == genuine
    assert recorded["registries"][rid]["how"] == "first use"
    assert keys_file().stat().st_mode & 0o777 == 0o640  # 0666 less the umask
    assert not any(p.name.endswith(".part") for p in colleague.iterdir())
    with open_registry(path, create=False) as reg:
        assert reg.notes == [] and reg.key_refusal == ""  # recorded: no note the next time
    assert verify_code(codes[0], registry=path).status == "valid"


def test_a_new_id_is_caught_by_location_and_a_copy_by_id(tmp_path, monkeypatch):
    path = tmp_path / "registry.sqlite"
    codes, genuine = _genuine(path)  # made on the organiser's computer
    _become(monkeypatch, tmp_path / "colleague")
    assert verify_code(codes[1], registry=path).status == "revoked"  # first use: recorded
    copy = tmp_path / "synced" / "registry.sqlite"
    copy.parent.mkdir()
    shutil.copy(path, copy)
    _forge(copy, new_id=False)  # same id, another place: the id's record refuses it
    answer = verify_code(codes[1], registry=copy)
    assert answer.status == "altered" and fingerprint(genuine) in answer.message
    _forge(path)  # a new id in the same place: the location's record refuses it
    answer = verify_code(codes[1], registry=path)
    assert answer.status == "altered" and fingerprint(genuine) in answer.message
    assert f"workshop registry trust --registry {path.resolve()}" in answer.message


def test_an_explicit_pin_on_a_computer_without_the_key(tmp_path, monkeypatch):
    path = tmp_path / "registry.sqlite"
    codes, genuine = _genuine(path)  # made on the organiser's computer
    _become(monkeypatch, tmp_path / "colleague")
    printed = fingerprint(genuine)  # "1a2b 3c4d 5e6f 7a8b", as `workshop registry key` says
    for pin in (printed, printed.replace(" ", "").upper(), genuine):
        shown = _cli("verify", codes[0], "--registry", str(path), "--key", pin)
        assert shown.exit_code == 0 and "VALID" in shown.output, shown.output
    wrong = _cli("verify", codes[0], "--registry", str(path), "--key", "0000 1111 2222 3333")
    assert wrong.exit_code == 1 and "CANNOT BE CHECKED" in wrong.output
    assert "0000 1111 2222 3333" in wrong.output and printed in wrong.output
    bad = _cli("verify", codes[0], "--registry", str(path), "--key", "not-a-key")
    assert bad.exit_code == 1 and "not a registry key" in bad.output
    assert "Traceback" not in bad.output

    forged = _forge(path)  # before this computer recorded anything (the pin is explicit)
    keys_file().unlink()
    monkeypatch.setenv("WORKSHOP_REGISTRY_KEY", printed)
    answer = verify_code(codes[2], registry=path)
    assert answer.status == "altered" and "is not the pinned one" in answer.message
    assert "WORKSHOP_REGISTRY_KEY" in answer.message and fingerprint(forged) in answer.message
    assert not keys_file().exists()  # a refused key is never recorded
    monkeypatch.setenv("WORKSHOP_REGISTRY_KEY", fingerprint(forged))
    assert verify_code(codes[1], registry=path).status == "valid"  # pinned to the new key


def test_registry_trust_re_trusts_a_deliberately_replaced_key(tmp_path, monkeypatch,
                                                              organiser):
    path = tmp_path / "registry.sqlite"
    codes, genuine = _genuine(path)
    # the same folder of records, but no signing key: the old key cannot refuse by itself
    monkeypatch.setenv("WORKSHOP_SIGNING_KEY", str(organiser / "moved-away.pem"))
    forged = _forge(path)  # the organisation really replaced its key (same place)
    refused = _cli("registry", "trust", "--registry", str(path), input="n\n")
    assert refused.exit_code == 1 and "Nothing changed" in refused.output
    assert fingerprint(genuine) in refused.output and fingerprint(forged) in refused.output
    assert verify_code(codes[1], registry=path).status == "altered"
    wrong = _cli("registry", "trust", "--registry", str(path), "--key", fingerprint(genuine))
    assert wrong.exit_code == 1 and "is not the pinned one" in wrong.output
    trusted = _cli("registry", "trust", "--registry", str(path), input="y\n")
    assert trusted.exit_code == 0 and "now trusted" in trusted.output, trusted.output
    assert verify_code(codes[1], registry=path).status == "valid"
    again = _cli("registry", "trust", "--registry", str(path))
    assert again.exit_code == 0 and "is the one this computer trusts" in again.output
    recorded = json.loads(keys_file().read_text(encoding="utf-8"))
    assert recorded["locations"][str(path.resolve())] == dict(
        recorded["locations"][str(path.resolve())], key=forged, how="trust")
    # and with --key, no question: the fingerprint given is compared
    _forge(path)
    pinned = _cli("registry", "trust", "--registry", str(path), "--key",
                  fingerprint(_meta_key(path)))
    assert pinned.exit_code == 0 and verify_code(codes[0], registry=path).status == "valid"


def _meta_key(path) -> str:
    with sqlite3.connect(path) as db:
        return db.execute("SELECT value FROM registry_meta WHERE key = 'public_key'"
                          ).fetchone()[0]


def test_a_key_that_is_not_a_key_is_altered_not_a_traceback(tmp_path):
    path = tmp_path / "registry.sqlite"
    codes, _public = _genuine(path)
    _sql(path, "UPDATE registry_meta SET value = '../../../etc/x' WHERE key = 'registry_id'")
    answer = verify_code(codes[0], registry=path)
    assert answer.status == "altered" and "not one the toolkit writes" in answer.message
    shown = _cli("registry", "trust", "--registry", str(path), "--yes")
    assert shown.exit_code == 1 and "Traceback" not in shown.output


# ---------------------------------------------------------------- the web verification page


def test_web_verify_answers_altered_for_a_swapped_key_and_tells_only_the_log(tmp_path,
                                                                             caplog):
    data = tmp_path / "data"
    data.mkdir()
    path = data / "certificate-registry.sqlite"
    codes, genuine = _genuine(path)
    forged = _forge(path)
    with caplog.at_level(logging.WARNING, logger="toolkit.web"), \
            TestClient(create_app(Settings(data=data))) as client:
        for lang in ("en", "fr"):
            page = client.get(f"/verify/{codes[1]}", headers={"accept-language": lang})
            assert page.status_code == 409 and 'data-status="altered"' in page.text
            assert "Valid" not in page.text and "Person 2" not in page.text
            for secret in (fingerprint(genuine), fingerprint(forged), str(tmp_path), genuine):
                assert secret not in page.text
        assert "not signed with the key this server trusts" in client.get(
            f"/verify/{codes[0]}", headers={"accept-language": "en"}).text
        answer = client.get(f"/api/verify/{codes[1]}")
        assert answer.status_code == 409 and answer.json()["status"] == "altered"
        assert fingerprint(genuine) not in answer.text and answer.json()["name"] is None
    services.close_registries()
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert fingerprint(genuine) in logged and fingerprint(forged) in logged


def test_a_verification_server_pinned_by_registry_key(tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    path = data / "certificate-registry.sqlite"
    codes, genuine = _genuine(path)  # made on the organiser's computer
    _become(monkeypatch, tmp_path / "colleague")
    settings = settings_for(host="127.0.0.1", data=str(data), lang="en", password_file=None,
                            registry_key=fingerprint(genuine).upper())
    with TestClient(create_app(settings)) as client:
        assert client.get(f"/api/verify/{codes[0]}").json()["status"] == "valid"
        assert client.get(f"/api/verify/{codes[1]}").json()["status"] == "revoked"
    services.close_registries()
    _forge(path)
    with TestClient(create_app(settings)) as client:  # restarted on the forged registry
        answer = client.get(f"/api/verify/{codes[1]}")
        assert answer.status_code == 409 and answer.json()["status"] == "altered"
    services.close_registries()
    with pytest.raises(ToolkitError, match="--registry-key"):
        settings_for(host="127.0.0.1", data=str(data), lang="en", password_file=None,
                     registry_key="1234")
    serve_help = _cli("serve", "--help")
    assert "--registry-key" in serve_help.output


# ---------------------------------------------------------------- PostgreSQL


def test_postgres_a_swapped_key_and_id_are_refused_by_the_url(
        postgres_url, tmp_path, monkeypatch):  # noqa: F811 (the fixture)
    from sqlalchemy.engine import make_url

    codes, genuine = _genuine(postgres_url)
    _become(monkeypatch, tmp_path / "colleague")
    assert verify_code(codes[1], registry=postgres_url).status == "revoked"  # first use
    recorded = json.loads(keys_file().read_text(encoding="utf-8"))["locations"]
    [where] = recorded
    url = make_url(postgres_url)
    assert where.startswith("postgresql://") and url.database in where
    assert not url.password or url.password not in where  # never the password
    forged = _forge(postgres_url)
    answer = verify_code(codes[1], registry=postgres_url)
    assert answer.status == "altered" and fingerprint(genuine) in answer.message
    assert fingerprint(forged) in answer.message
    command = answer.message.rpartition("then run: ")[2].split()
    assert command[:4] == ["workshop", "registry", "trust", "--registry"] and "***" not in command[4]
    trusted = _cli(*command[1:], "--yes")  # the command the message gives works as it is
    assert trusted.exit_code == 0 and "now trusted" in trusted.output, trusted.output
    assert verify_code(codes[1], registry=postgres_url).status == "valid"  # the new registry


def test_a_damaged_file_of_trusted_keys_is_an_error_not_an_empty_trust(tmp_path):
    path = tmp_path / "registry.sqlite"
    codes, _public = _genuine(path)
    keys_file().write_text("[]", encoding="utf-8")
    shown = _cli("verify", codes[0], "--registry", str(path))
    assert shown.exit_code == 1 and "damaged" in shown.output and str(keys_file()) in shown.output
    assert "VALID" not in shown.output and "Traceback" not in shown.output
    french = CliRunner().invoke(main, ["--lang", "fr", "verify", codes[0], "--registry",
                                       str(path)])
    assert "endommagé" in french.output and "Erreur\u00a0:" in french.output


def test_web_verify_names_the_altered_entry_in_french_too(tmp_path):
    """The entry number comes from the exception, not from parsing the English message (the
    French page said « entrée ? »)."""
    data = tmp_path / "data"
    data.mkdir()
    path = data / "certificate-registry.sqlite"
    codes, _public = _genuine(path)
    _sql(path, "UPDATE registry_entries SET name = 'Someone Else' WHERE seq = 3")
    with TestClient(create_app(Settings(data=data))) as client:
        for lang, entry in (("fr", "(entrée 3)"), ("en", "(entry 3)")):
            page = client.get(f"/verify/{codes[2]}", headers={"accept-language": lang})
            assert page.status_code == 409 and entry in page.text, lang
            assert "?" not in page.text.split('id="verdict"')[1].split("</section>")[0]
    services.close_registries()
    assert verify_code(codes[2], registry=path).altered_at == 3


RECORD = """
import os, sys, time
from toolkit.signing import record_key
start = float(sys.argv[2])
while time.time() < start:  # every process writes at the same moment
    pass
for round_ in range(20):
    ok = record_key(f"reg-{sys.argv[1]}-{round_}", f"/srv/reg-{sys.argv[1]}-{round_}.sqlite",
                    "ab" * 32, "first use", replace=False)
    assert ok
"""


def test_processes_recording_keys_at_once_lose_no_record(tmp_path):
    """A server and commands opening registries at the same moment each read, change and
    write the file of trusted keys: without a lock one of them lost the others' records."""
    import subprocess
    import sys
    import time

    env = dict(os.environ, WORKSHOP_SIGNING_KEY=str(tmp_path / "cfg" / "signing-key.pem"))
    start = time.time() + 2.0
    procs = [subprocess.Popen([sys.executable, "-c", RECORD, str(n), str(start)], env=env)
             for n in range(6)]
    assert [p.wait(timeout=120) for p in procs] == [0] * 6
    recorded = json.loads((tmp_path / "cfg" / keys_file().name).read_text(encoding="utf-8"))
    expected = {f"reg-{n}-{r}" for n in range(6) for r in range(20)}
    assert set(recorded["registries"]) == expected
    assert len(recorded["locations"]) == 120
