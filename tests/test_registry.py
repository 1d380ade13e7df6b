"""The certificate registry as a database (issue 15 points 1-4, 7, 8, 11, 12, 15; issue 14
points 4-5): SQLite and a real, throwaway PostgreSQL server."""
from __future__ import annotations

import datetime as dt
import io
import json
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner

from certificates_fixtures import ROSTER, make_workshop, person
from pg_server import postgres_server, postgres_url  # noqa: F401 (fixtures)
from toolkit.certificates import issue_certificates, verify_code
from toolkit.cli import main
from toolkit.codes import check_character
from toolkit.errors import RegistryError, ToolkitError
from toolkit.registry import (RegistryAltered, Request, entry_hash, open_registry)

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
NOW = dt.datetime(2024, 3, 5, 16, 0, tzinfo=dt.timezone.utc)
DATES = "2024-03-04/2024-03-05"


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "registry.sqlite")
    return request.getfixturevalue("postgres_url")


def _issue(reg, people, workshop="example-2024", kind="participation"):
    return reg.issue(workshop, [Request(pid, name, kind) for pid, name in people],
                     prefix="EX24", dates=DATES, title="Atelier", now=NOW)


# ---------------------------------------------------------------- the same code on both


def test_issue_supersede_revoke_export_import_and_sends(location, tmp_path):
    with open_registry(location) as reg:
        first = _issue(reg, [("P01", "Awa Ndiaye"), ("P02", "Moussa Sow")])
        assert [o.new for o in first] == [True, True]
        assert [o.code for o in _issue(reg, [("P01", "Awa Ndiaye")])] == [first[0].code]
        upgraded = _issue(reg, [("P01", "Awa Ndiaye")], kind="completion")[0]
        assert upgraded.new and [r.code for r in upgraded.superseded] == [first[0].code]
        old = reg.lookup(first[0].code)
        assert (old.status, old.replaced_by) == ("superseded", upgraded.code)
        assert reg.revoke(first[1].code, "issued in error").kind == "revoke"
        with pytest.raises(RegistryError, match="already revoked"):
            reg.revoke(first[1].code, "again")
        with pytest.raises(RegistryError, match="already replaced by"):
            reg.revoke(first[0].code, "late")
        manual = reg.supersede(upgraded.code, "duplicate of a paper certificate")
        assert reg.lookup(upgraded.code).status == "superseded" and manual.ref == ""
        kinds = [(e.seq, e.kind) for e in reg.entries()]
        assert kinds == [(1, "issue"), (2, "issue"), (3, "issue"), (4, "supersede"),
                         (5, "revoke"), (6, "supersede")]
        assert reg.verify_chain().entries == 6
        reg.record_send(upgraded.code, address="Awa.Ndiaye@example.org", status="failed",
                        detail="mailbox full")
        reg.record_send(upgraded.code, address="awa.ndiaye@example.org", status="sent")
        reg.record_send(first[1].code, address="moussa@example.org", status="failed")
        assert reg.sent_codes() == {upgraded.code}
        assert reg.sent_codes("failed") == {first[1].code}
        reg.export(tmp_path / "view.csv")
        reg.export(tmp_path / "view.xlsx")
    export = (tmp_path / "view.csv").read_text(encoding="utf-8-sig")
    assert "example.org" not in export and "@" not in export  # addresses only hashed
    with open_registry(tmp_path / "copy.sqlite") as copy:
        assert copy.import_(tmp_path / "view.xlsx") == (3, 0)
        states = {r.code: (r.status, r.replaced_by, r.reason) for r in copy.records()}
    assert states == {
        first[0].code: ("superseded", upgraded.code,
                        "certificate of completion instead of participation"),
        first[1].code: ("revoked", "", "issued in error"),
        upgraded.code: ("superseded", "", "duplicate of a paper certificate")}


def test_the_registry_url_can_come_from_the_workshop_file(postgres_url, tmp_path):
    """`registry:` in the workshop file names the PostgreSQL database (issue 15 point 1)."""
    ws = _workshop_file(tmp_path, registry=postgres_url)
    roster, sheet = _roster_and_sheet(tmp_path, 3)
    done = CliRunner().invoke(main, ["certificates", str(ws), "--participants", str(roster),
                                     "--attendance", str(sheet), "-o",
                                     str(tmp_path / "c.pdf"), "--json"],
                              catch_exceptions=False)
    assert done.exit_code == 0, done.output
    code = json.loads(done.stdout)["participants"][0]["code"]
    answer = CliRunner().invoke(main, ["verify", code, "--workshop", str(ws)])
    assert answer.exit_code == 0 and "VALID" in answer.output
    assert "postgresql://workshop@127.0.0.1" in done.stderr  # where it went, no password


def test_postgres_refuses_to_change_or_delete_rows(postgres_url):
    import psycopg

    with open_registry(postgres_url) as reg:
        _issue(reg, [("P01", "Awa Ndiaye")])
    with psycopg.connect(postgres_url) as conn:
        for statement in ("UPDATE registry_entries SET name = 'X'",
                          "DELETE FROM registry_entries", "TRUNCATE registry_entries"):
            with pytest.raises(psycopg.errors.RaiseException, match="append-only"):
                conn.execute(statement)
            conn.rollback()


# ---------------------------------------------------------------- tamper evidence


def _tampered(tmp_path, change: str):
    """A registry of 3 issues and a revocation (entry 4), changed with sqlite3 directly."""
    path = tmp_path / "registry.sqlite"
    with open_registry(path) as reg:
        codes = [o.code for o in _issue(reg, [("P01", "Awa Ndiaye"), ("P02", "Moussa Sow"),
                                              ("P03", "Fatou Ba")])]
        reg.revoke(codes[0], "fraud")
        if change == "delete-middle":
            _issue(reg, [("P04", "Ibrahima Fall")])  # the revocation is no longer the last
    db = sqlite3.connect(path)
    for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"):
        db.execute(f"DROP TRIGGER {name}")
    if change == "edit":
        db.execute("UPDATE registry_entries SET name = 'Someone Else' WHERE seq = 2")
    elif change in ("delete-middle", "delete-last"):
        db.execute("DELETE FROM registry_entries WHERE seq = 4")
    elif change == "insert":
        body = "7F3KQ9X"
        forged = f"EX24-{body[:4]}-{body[4:]}{check_character(body)}"
        last = db.execute("SELECT seq, hash FROM registry_entries ORDER BY seq DESC").fetchone()
        values = {"seq": last[0] + 1, "kind": "issue", "code": forged, "participant_id": "X",
                  "name": "Forger", "workshop": "example-2024", "workshop_title": "Atelier",
                  "dates": DATES, "type": "completion", "at": "2024-03-05T16:00:00+00:00",
                  "reason": "", "ref": ""}
        digest = entry_hash(values, last[1])  # the hash is public; the key is not
        db.execute("INSERT INTO registry_entries (seq, kind, code, participant_id, name, "
                   "workshop, workshop_title, dates, type, at, reason, ref, prev_hash, hash, "
                   "signature) VALUES (:seq, :kind, :code, :participant_id, :name, :workshop, "
                   ":workshop_title, :dates, :type, :at, :reason, :ref, :prev, :hash, :sig)",
                   values | {"prev": last[1], "hash": digest, "sig": "00" * 64})
        codes.append(forged)
    db.commit()
    db.close()
    return path, codes


@pytest.mark.parametrize("change, entry, code_index", [
    ("edit", 2, 1),            # a holder renamed
    ("insert", 5, 3),          # a VALID row for a code made offline
    ("delete-middle", 4, 0),   # a revocation deleted: the revoked code would answer VALID
    ("delete-last", 4, 0),     # the newest row deleted: caught by what this computer saw
])
def test_tampering_is_caught(tmp_path, change, entry, code_index):
    path, codes = _tampered(tmp_path, change)
    with open_registry(path, create=False) as reg:
        with pytest.raises(RegistryAltered, match=f"registry altered at entry {entry}\\b"):
            reg.verify_chain()
    answer = verify_code(codes[code_index], registry=path)
    assert answer.status == "altered"
    assert f"registry altered at entry {entry}" in answer.message
    cli = CliRunner().invoke(main, ["verify", codes[code_index], "--registry", str(path)])
    assert cli.exit_code == 1 and f"registry altered at entry {entry}" in cli.output
    assert "VALID / VALIDE" not in cli.output
    check = CliRunner().invoke(main, ["registry", "check", "--registry", str(path)])
    assert check.exit_code == 1 and f"registry altered at entry {entry}" in check.output


def test_an_untouched_registry_checks_clean(tmp_path):
    path = tmp_path / "registry.sqlite"
    with open_registry(path) as reg:
        _issue(reg, [("P01", "Awa Ndiaye"), ("P02", "Moussa Sow")])
    check = CliRunner().invoke(main, ["registry", "check", "--registry", str(path)])
    assert check.exit_code == 0 and "2 entries: chain and signatures intact" in check.output


def test_the_key_is_made_once_outside_the_registry_and_another_key_cannot_write(
        tmp_path, monkeypatch):
    key = tmp_path / "config" / "signing-key.pem"
    monkeypatch.setenv("WORKSHOP_SIGNING_KEY", str(key))
    path = tmp_path / "registry.sqlite"
    with open_registry(path) as reg:
        _issue(reg, [("P01", "Awa Ndiaye")])
        assert len(reg.notes) == 1 and str(key) in reg.notes[0] and "Back it up" in reg.notes[0]
        public = reg.public_key
    assert key.stat().st_mode & 0o777 == 0o600
    assert b"PRIVATE KEY" in key.read_bytes() and b"PRIVATE" not in path.read_bytes()
    with open_registry(path) as reg:
        _issue(reg, [("P02", "Moussa Sow")])
        assert reg.notes == []  # the key exists: no note the second time
    shown = CliRunner().invoke(main, ["registry", "key", "--registry", str(path)])
    assert shown.exit_code == 0 and shown.stdout.strip() == public
    first_code = _codes(path)[0]
    other = tmp_path / "other" / "key.pem"
    monkeypatch.setenv("WORKSHOP_SIGNING_KEY", str(other))
    with open_registry(path) as reg, pytest.raises(RegistryError, match="No signing key at"):
        reg.revoke(_codes(path)[0], "no key here")  # no new key is made for an old registry
    assert not other.exists()
    from toolkit.signing import load_key

    load_key(create=True)  # another organisation's key: this computer trusts that one
    with open_registry(path) as reg, pytest.raises(RegistryError,
                                                   match="is not this computer's signing key"):
        _issue(reg, [("P03", "Fatou Ba")])
    assert verify_code(first_code, registry=path).status == "altered"
    trusted = CliRunner().invoke(main, ["registry", "trust", "--registry", str(path), "--yes"])
    assert trusted.exit_code == 0, trusted.output
    with open_registry(path) as reg, pytest.raises(RegistryError, match="is signed with the key"):
        _issue(reg, [("P03", "Fatou Ba")])  # trusted for reading, but this key cannot sign
    assert len(list(open_registry(path, create=False).entries())) == 2  # nothing written
    assert verify_code(first_code, registry=path).status == "valid"  # reading needs no key


def _codes(path):
    with open_registry(path, create=False) as reg:
        return [e.code for e in reg.entries() if e.kind == "issue"]


# ---------------------------------------------------------------- concurrency (point 3)


def _workshop_file(folder: Path, registry: str = "") -> Path:
    text = (DATA / "workshops" / "example.yaml").read_text(encoding="utf-8")
    text = text.replace('  registry: ""', f'  registry: "{registry}"')
    target = folder / "workshops" / "example.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    shutil.copytree(DATA / "modules", folder / "modules", dirs_exist_ok=True)
    return target


def _roster_and_sheet(folder: Path, n: int) -> tuple[Path, Path]:
    roster = folder / "roster.csv"
    roster.write_text("id,nom,prénom,sexe\n" + "".join(
        f"P{i:02d},Famille{i},Prénom{i},F\n" for i in range(1, n + 1)), encoding="utf-8")
    sheet = folder / "attendance.csv"
    sheet.write_text("id,J1 matin,J1 après-midi,J2 matin,J2 après-midi\n" + "".join(
        f"P{i:02d},x,x,x,x\n" for i in range(1, n + 1)), encoding="utf-8")
    return roster, sheet


LAUNCHER = """
import json, os, sys
sys.path.insert(0, sys.argv[1])
from toolkit.cli import main
import toolkit.certificates, toolkit.registry, toolkit.render.pdf.certificates, sqlalchemy
commands = json.loads(open(sys.argv[2], encoding="utf-8").read())
gate_read, gate_write = os.pipe()
children = []
for n, argv in enumerate(commands):
    pid = os.fork()
    if pid == 0:
        os.close(gate_write)
        os.read(gate_read, 1)  # blocks until the launcher closes the gate: all start at once
        out = os.open(f"{sys.argv[3]}/{n}.out", os.O_WRONLY | os.O_CREAT, 0o644)
        err = os.open(f"{sys.argv[3]}/{n}.err", os.O_WRONLY | os.O_CREAT, 0o644)
        os.dup2(out, 1)
        os.dup2(err, 2)
        try:
            main(argv, prog_name="workshop")
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        except BaseException:
            import traceback
            traceback.print_exc()
            code = 99
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    children.append(pid)
import time
started = time.time()
os.close(gate_read)
os.close(gate_write)
codes = [os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in children]
print(f"{len(children)} processes ran in {time.time() - started:.1f} s", file=sys.stderr)
print(json.dumps(codes))
"""


def _run_at_once(tmp_path: Path, commands: list[list[str]]) -> list[tuple[int, str, str]]:
    """Run CLI commands in separate processes that all start together.

    One launcher imports the toolkit once and forks a process per command (so the test does
    not spend a minute starting 40 interpreters); each waits on a shared gate and runs the
    same `main` the `workshop` command runs, with its own database connection.
    """
    launcher, listing, outputs = tmp_path / "launcher.py", tmp_path / "commands.json", \
        tmp_path / "outputs"
    outputs.mkdir()
    launcher.write_text(LAUNCHER, encoding="utf-8")
    listing.write_text(json.dumps(commands), encoding="utf-8")
    done = subprocess.run([sys.executable, str(launcher), str(ROOT), str(listing),
                           str(outputs)], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    codes = json.loads(done.stdout.strip().splitlines()[-1])
    print(done.stderr.strip().splitlines()[-1])  # "40 processes ran in ... s" (pytest -s)
    return [(code, (outputs / f"{n}.out").read_text(encoding="utf-8"),
             (outputs / f"{n}.err").read_text(encoding="utf-8"))
            for n, code in enumerate(codes)]


def test_parallel_certificates_and_revocations_lose_nothing(location, tmp_path):
    """20 `workshop certificates` and 20 `workshop revoke` processes start together."""
    people = 8
    ws = _workshop_file(tmp_path)
    roster, sheet = _roster_and_sheet(tmp_path, people)
    with open_registry(location) as reg:  # 20 certificates of another workshop to revoke
        doomed = [o.code for o in _issue(reg, [(f"Q{i:02d}", f"Ancien {i}")
                                               for i in range(20)], workshop="old-2023")]
    commands = []
    for i in range(20):
        commands.append(["certificates", str(ws), "--participants", str(roster),
                         "--attendance", str(sheet), "-o", str(tmp_path / f"c{i}.pdf"),
                         "--registry", location, "--lang", "fr", "--json"])
        commands.append(["revoke", doomed[i], "--reason", f"revocation {i}", "--registry",
                         location])
    results = _run_at_once(tmp_path, commands)
    for argv, (code, out, err) in zip(commands, results):
        assert code == 0, (argv, err[-2000:])
    issued = [json.loads(out) for argv, (_, out, _) in zip(commands, results)
              if argv[0] == "certificates"]
    assert len(issued) == 20
    codes_by_person = {}
    for run in issued:
        for row in run["participants"]:
            codes_by_person.setdefault(row["id"], set()).add(row["code"])
    assert len(codes_by_person) == people
    assert all(len(codes) == 1 for codes in codes_by_person.values())  # every person one code
    assert sum(p["new_code"] for run in issued for p in run["participants"]) == people
    revoked = [out for argv, (_, out, _) in zip(commands, results) if argv[0] == "revoke"]
    assert all("now answers revoked" in out for out in revoked)
    with open_registry(location, create=False) as reg:
        entries = list(reg.entries())
        assert reg.verify_chain().entries == len(entries) == 20 + people + 20
        current = reg.records("example-2024")
        assert sorted(r.participant_id for r in current) == [f"P{i:02d}" for i in
                                                             range(1, people + 1)]
        assert {r.code for r in current} == {c for s in codes_by_person.values() for c in s}
        assert all(r.status == "valid" for r in current)
        assert [reg.lookup(code).status for code in doomed] == ["revoked"] * 20
    assert sorted(e.reason for e in entries if e.kind == "revoke") == sorted(
        f"revocation {i}" for i in range(20))


# ---------------------------------------------------------------- points 7, 8, 11, 12, 15


def test_a_symlinked_registry_stays_a_link(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    real = shared / "registry.sqlite"
    link = tmp_path / "registry.sqlite"
    link.symlink_to(real)
    with open_registry(link) as reg:
        code = _issue(reg, [("P01", "Awa Ndiaye")])[0].code
        reg.revoke(code, "test")
    assert link.is_symlink() and real.is_file()
    assert verify_code(code, registry=real).status == "revoked"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("registry.sqlite-")]


def test_the_did_you_mean_suggestion_can_be_switched_off(tmp_path):
    path = tmp_path / "registry.sqlite"
    with open_registry(path) as reg:
        code = _issue(reg, [("P01", "Awa Ndiaye")])[0].code
    typo = code[:-1] + ("0" if code[-1] != "0" else "1")
    assert verify_code(typo, registry=path).suggestion == code
    public = verify_code(typo, registry=path, suggest=False)
    assert (public.status, public.suggestion) == ("mistyped", "")
    assert code not in public.to_text() and code not in json.dumps(public.to_dict())
    other_prefix = "ZZ99" + code[4:]
    assert verify_code(other_prefix, registry=path).suggestion == code
    assert verify_code(other_prefix, registry=path, suggest=False).status == "unknown"


def test_terminal_escapes_in_names_are_not_printed(tmp_path):
    ws = make_workshop()
    hostile = person("P01", "Awa\x1b[2J\x1b]0;owned\x07", "Nd\u202eiaye\x1b[31m")
    sheet = tmp_path / "presence.csv"
    sheet.write_text("id;J1 matin;J1 après-midi;J2 matin;J2 après-midi\nP01;x;x;x;x\n",
                     encoding="utf-8")
    result = issue_certificates(ws, roster=(hostile,), attendance=str(sheet),
                                output=str(tmp_path / "c.pdf"),
                                registry=str(tmp_path / "r.sqlite"),
                                post_scores={"P01": 90.0})
    text = result.to_text()
    assert "\x1b" not in text and "\x07" not in text and "\u202e" not in text
    assert "Awa Ndiaye" in text.replace("Awa ", "Awa ")
    answer = CliRunner().invoke(main, ["verify", result.issued[0].code, "--registry",
                                       str(tmp_path / "r.sqlite")])
    assert answer.exit_code == 0 and "\x1b" not in answer.output
    assert "Name: Awa Ndiaye" in answer.output


def _broken_images(folder: Path) -> dict[str, Path]:
    from PIL import Image

    text = folder / "logo-as-text.png"
    text.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    whole = io.BytesIO()
    Image.new("RGB", (300, 100), (11, 79, 138)).save(whole, "PNG")
    truncated = folder / "truncated.png"
    truncated.write_bytes(whole.getvalue()[:len(whole.getvalue()) // 2])
    return {"text": text, "truncated": truncated}


@pytest.mark.parametrize("kind", ["text", "truncated"])
def test_a_broken_logo_issues_no_code(tmp_path, kind):
    image = _broken_images(tmp_path)[kind]
    ws = _workshop_file(tmp_path)
    ws.write_text(ws.read_text(encoding="utf-8").replace(
        '    logo: ""          # optional image path, relative to this file',
        f'    logo: "{image}"', 1), encoding="utf-8")
    roster, sheet = _roster_and_sheet(tmp_path, 2)
    registry = tmp_path / "registry.sqlite"
    done = CliRunner().invoke(main, ["certificates", str(ws), "--participants", str(roster),
                                     "--attendance", str(sheet), "-o",
                                     str(tmp_path / "c.pdf"), "--registry", str(registry)])
    assert done.exit_code == 1 and "Traceback" not in done.output
    assert done.output.startswith("Error:") and str(image) in done.output
    assert not registry.exists() and not (tmp_path / "c.pdf").exists()
    checked = CliRunner().invoke(main, ["validate", str(ws)])
    assert checked.exit_code == 1 and "logo image" in checked.output
    # a workshop built in code (not validated) is stopped before the registry too
    from dataclasses import replace

    from toolkit.model import Organisation, Signatory, Text

    built = make_workshop()
    broken = [replace(built, organisers=(Organisation(Text.of("OIM"), str(image)),)),
              replace(built, certificates=replace(built.certificates, signatories=(
                  Signatory("Awa Ndiaye", Text.of("Formatrice"), "OIM", str(image)),)))]
    sheet = tmp_path / "presence.csv"
    sheet.write_text("id;J1 matin;J1 après-midi;J2 matin;J2 après-midi\nP01;x;x;x;x\n",
                     encoding="utf-8")
    for workshop in broken:
        with pytest.raises(ToolkitError, match="No certificate was issued") as refused:
            issue_certificates(workshop, roster=ROSTER[:1], attendance=str(sheet),
                               output=str(tmp_path / "c.pdf"), registry=str(registry),
                               post_scores={"P01": 90.0})
        assert str(image) in str(refused.value)
        assert not registry.exists() and not (tmp_path / "c.pdf").exists()


def test_certificates_before_the_workshop_ends_need_a_date(tmp_path):
    ws = make_workshop()  # 4-5 March 2024
    sheet = tmp_path / "presence.csv"
    sheet.write_text("id;J1 matin;J1 après-midi;J2 matin;J2 après-midi\nP01;x;x;x;x\n",
                     encoding="utf-8")
    kwargs = dict(roster=ROSTER[:1], attendance=str(sheet), output=str(tmp_path / "c.pdf"),
                  registry=str(tmp_path / "r.sqlite"), post_scores={"P01": 90.0}, lang="fr")
    with pytest.raises(ToolkitError, match="--date YYYY-MM-DD") as refused:
        issue_certificates(ws, today=dt.date(2024, 3, 4), **kwargs)
    assert "5 March 2024" in str(refused.value)
    assert not (tmp_path / "r.sqlite").exists()
    issue_certificates(ws, today=dt.date(2024, 3, 4), date=dt.date(2024, 3, 4), **kwargs)
    text = pypdf.PdfReader(tmp_path / "c.pdf").pages[0].extract_text()
    assert "le 4 mars 2024" in text
    issue_certificates(ws, today=dt.date(2024, 3, 5), **kwargs)  # the last day is fine
    assert "le 5 mars 2024" in pypdf.PdfReader(tmp_path / "c.pdf").pages[0].extract_text()


class _Stop(Exception):
    pass


def _zip_codes(archive: Path) -> dict[str, str]:
    with zipfile.ZipFile(archive) as zf:
        return {name: pypdf.PdfReader(io.BytesIO(zf.read(name))).pages[0].extract_text()
                for name in zf.namelist()}


def test_an_interrupted_split_rerun_leaves_no_zip_with_a_revoked_certificate(tmp_path):
    ws = make_workshop()
    sheet = tmp_path / "presence.csv"
    rows = "".join(f"P0{i};x;x;x;x\n" for i in range(1, 4))
    sheet.write_text("id;J1 matin;J1 après-midi;J2 matin;J2 après-midi\n" + rows,
                     encoding="utf-8")
    split, registry = tmp_path / "split", tmp_path / "r.sqlite"
    kwargs = dict(roster=ROSTER[:3], attendance=str(sheet), output=str(tmp_path / "c.pdf"),
                  split=str(split), registry=str(registry), lang="fr",
                  post_scores={"P01": 90.0, "P02": 90.0, "P03": 90.0})
    first = issue_certificates(ws, **kwargs)
    archive = split / "c.zip"
    assert sorted(_zip_codes(archive)) == ["P01.pdf", "P02.pdf", "P03.pdf"]
    revoked = first.issued[1].code
    with open_registry(registry) as reg:
        reg.revoke(revoked, "signed by the wrong person")

    def interrupt(done: int, total: int) -> None:
        if done == 4:  # the merged PDF done, one split file written
            raise _Stop

    with pytest.raises(_Stop):
        issue_certificates(ws, progress=interrupt, **kwargs)
    assert not archive.exists()  # never a ZIP of an unfinished set
    # P02 leaves (attendance corrected): the next run removes P02.pdf too
    sheet.write_text("id;J1 matin;J1 après-midi;J2 matin;J2 après-midi\nP01;x;x;x;x\n"
                     "P03;x;x;x;x\n", encoding="utf-8")
    issue_certificates(ws, **kwargs)
    contents = _zip_codes(archive)
    assert sorted(contents) == ["P01.pdf", "P03.pdf"]
    assert not (split / "P02.pdf").exists()
    assert all(revoked not in text for text in contents.values())
    assert not [p for p in tmp_path.rglob("*.part")]


def test_cli_date_option_and_an_unreachable_database(tmp_path):
    """`--date` reaches the certificates; a database that cannot be reached is one Error
    paragraph naming it, without its password."""
    ws = _workshop_file(tmp_path)
    roster, sheet = _roster_and_sheet(tmp_path, 1)
    args = ["certificates", str(ws), "--participants", str(roster), "--attendance", str(sheet),
            "-o", str(tmp_path / "c.pdf"), "--registry", str(tmp_path / "r.sqlite"),
            "--lang", "fr", "--date", "2024-03-05"]
    done = CliRunner().invoke(main, args, catch_exceptions=False)
    assert done.exit_code == 0, done.output
    assert "le 5 mars 2024" in pypdf.PdfReader(tmp_path / "c.pdf").pages[0].extract_text()
    port = __import__("pg_server")._free_port()  # nothing listens there
    url = f"postgresql://certs:s3cret@127.0.0.1:{port}/registry"
    down = CliRunner().invoke(main, ["verify", "EX24-7F3K-Q9XM", "--registry", url])
    assert down.exit_code == 1 and down.output.startswith("Error:")
    assert "cannot be reached" in down.output and "s3cret" not in down.output
    assert "Traceback" not in down.output
