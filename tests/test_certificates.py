"""Eligibility, verification codes, the registry and `workshop verify`."""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from certificates_fixtures import ROSTER, make_workshop, person
from toolkit.attendance import Attendance, HalfDay
from toolkit.certificates import assign_codes, decide, issue_certificates, verify_code
from toolkit.certificates import workshop_hours
from toolkit.cli import main
from toolkit.codes import (ALPHABET, check_character, default_prefix, is_well_formed, new_code,
                           normalise_code)
from toolkit.errors import RegistryError
from toolkit.registry import open_registry

NOW = dt.datetime(2024, 3, 5, 16, 0, tzinfo=dt.timezone.utc)


# ---------------------------------------------------------------- codes

def test_code_format():
    code = new_code("EX24")
    assert re.fullmatch(r"EX24-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}", code)
    assert is_well_formed(code)


def test_codes_are_unique_against_the_registry():
    draws = iter([0] * 7 + [0] * 7 + [1] * 7)  # the first two draws collide
    taken = {new_code("EX24", token=lambda n: 0)}
    code = new_code("EX24", taken=taken, token=lambda n: next(draws))
    assert code == "EX24-1111-111" + check_character("1111111")


def test_check_character_catches_every_substitution_and_adjacent_swap():
    body = "7F3KQ9X"
    code = body + check_character(body)
    missed = []
    for i in range(len(code)):
        for ch in ALPHABET:
            if ch != code[i]:
                typo = code[:i] + ch + code[i + 1:]
                if is_well_formed("EX24-" + typo):
                    missed.append(typo)
        if i + 1 < len(code) and code[i] != code[i + 1]:
            swapped = code[:i] + code[i + 1] + code[i] + code[i + 2:]
            if is_well_formed("EX24-" + swapped):
                missed.append(swapped)
    assert missed == []


def test_check_character_catches_every_swap_for_all_pairs():
    # Total anti-symmetry: for any state and any pair a != b, "ab" and "ba" differ.
    missed = [(a, b) for a in ALPHABET for b in ALPHABET if a != b
              and is_well_formed("X-" + a + b + "00000" + check_character(b + a + "00000"))]
    assert missed == []


@pytest.mark.parametrize("typed, expected", [
    ("ex24-7f3k-q9xm", "EX24-7F3K-Q9XM"),
    (" EX24 - 7F3K - Q9XM ", "EX24-7F3K-Q9XM"),
    ("EX24-7F3K-Q9XO", "EX24-7F3K-Q9X0"),
    ("EX24-7F3K-QIXL", "EX24-7F3K-Q1X1"),
    ("EX247F3KQ9XM", "EX24-7F3K-Q9XM"),
    ("DOUALA19-ABCD-EFGH", "DOUALA19-ABCD-EFGH"),  # the prefix is not read the Crockford way
])
def test_normalise_code(typed, expected):
    assert normalise_code(typed) == expected


@pytest.mark.parametrize("workshop_id, prefix", [
    ("dakar-2019", "DAK19"), ("example-2024", "EXA24"), ("atelier", "ATE"), ("2019", "WS19")])
def test_default_prefix(workshop_id, prefix):
    assert default_prefix(workshop_id) == prefix


# ---------------------------------------------------------------- eligibility

def _sheet(present: dict[str, int], held: int = 4) -> Attendance:
    halves = tuple(HalfDay(f"day {d:02d}", h, f"J{d} {h}") for d in (1, 2) for h in ("am", "pm"))
    return Attendance("presence.csv", "id", halves[:held],
                      {pid: frozenset(h.header for h in halves[:n]) for pid, n in present.items()},
                      {pid: i + 2 for i, pid in enumerate(present)})


def test_decisions_for_a_hand_counted_roster():
    ws = make_workshop(pass_mark=60)
    roster = ROSTER + (person("P06", "Ibrahim", "Bâ"),)
    # P01 4/4, post 80 -> completion; P02 3/4 = 75 %, post 60 -> completion (limits included);
    # P03 2/4 -> none; P04 4/4 without post-test -> participation; P05 3/4, post 45 ->
    # participation; P06 not on the sheet; X99 on the sheet only.
    sheet = _sheet({"P01": 4, "P02": 3, "P03": 2, "P04": 4, "P05": 3, "X99": 4})
    post = {"P01": 80.0, "P02": 60.0, "P03": 95.0, "P05": 45.0}
    got = [(d.participant_id, d.type, d.present, d.reason_fr, d.reason_en)
           for d in decide(ws, roster, sheet, post)]
    assert got == [
        ("P01", "completion", 4, "", ""),
        ("P02", "completion", 3, "", ""),
        ("P03", "none", 2, "présence 50\u202f% < 75\u202f%", "attendance 50% < 75%"),
        ("P04", "participation", 4, "pas de post-test", "no post-test"),
        ("P05", "participation", 3, "post-test 45\u202f% < 60\u202f%", "post-test 45% < 60%"),
        ("P06", "none", 0, "absent(e) de la feuille de présence", "not on the attendance sheet"),
        ("X99", "none", 4, "absent(e) de la liste des participants", "not in the roster"),
    ]


def test_ids_match_whatever_their_case_and_spaces():
    got = decide(make_workshop(pass_mark=50), ROSTER[:1], _sheet({"p 01": 4}), {" p01": 90.0})
    assert [(d.participant_id, d.type, d.present) for d in got] == [("P01", "completion", 4)]


def test_a_nameless_roster_row_gets_no_certificate():
    got = decide(make_workshop(), (person("P01", " ", ""),), _sheet({"P01": 4}), {"P01": 90.0})
    assert [(d.type, d.reason_en) for d in got] == [("none", "no name in the roster")]


def test_without_pass_mark_everyone_present_enough_gets_participation():
    ws = make_workshop(pass_mark=None)
    got = [(d.participant_id, d.type) for d in decide(ws, ROSTER[:2], _sheet({"P01": 3, "P02": 2}), None)]
    assert got == [("P01", "participation"), ("P02", "none")]


def test_hours_from_rules_or_programme():
    assert workshop_hours(make_workshop(hours=12.4)) == 12
    # the two modules' 150 + 175 minutes = 5.4 hours; the pre- and post-test (30 + 30) are
    # not training (issue 17: hours count learning sessions only)
    assert workshop_hours(make_workshop(hours=None)) == 5


# ---------------------------------------------------------------- registry

def _decisions(ws, post=None):
    sheet = _sheet({p.id: 4 for p in ROSTER[:3]} | {"P04": 1})
    return decide(ws, ROSTER[:4], sheet, post or {"P01": 90.0, "P02": 50.0})


def _entries(registry):
    with open_registry(registry, create=False) as reg:
        return list(reg.entries())


def test_running_twice_issues_no_new_codes_and_an_upgrade_supersedes(tmp_path):
    ws = make_workshop()
    registry = tmp_path / "registry.sqlite"
    first, _ = assign_codes(ws, _decisions(ws), registry, now=NOW)
    assert [(i.decision.participant_id, i.decision.type, i.new) for i in first] == [
        ("P01", "completion", True), ("P02", "participation", True),
        ("P03", "participation", True)]
    before = _entries(registry)
    second, notes = assign_codes(ws, _decisions(ws), registry, now=NOW)
    assert [(i.code, i.new) for i in second] == [(i.code, False) for i in first]
    assert _entries(registry) == before and notes == []
    # Issue 14 point 4: an upgrade to completion gives a new code that supersedes the old one.
    third, _ = assign_codes(ws, _decisions(ws, {"P01": 90.0, "P02": 75.0}), registry, now=NOW)
    after = _entries(registry)
    assert after[:len(before)] == before  # rows only added
    assert [(e.kind, e.code, e.ref) for e in after[len(before):]] == [
        ("issue", third[1].code, ""), ("supersede", first[1].code, third[1].code)]
    assert third[1].new and third[1].decision.type == "completion"
    assert [r.code for r in third[1].superseded] == [first[1].code]
    old = verify_code(first[1].code, registry=registry)
    assert old.status == "superseded" and old.entry.replaced_by == third[1].code
    assert "REPLACED" in old.to_text() and third[1].code in old.to_text()
    assert "certificate of completion instead of participation" in old.to_text()
    assert verify_code(third[1].code, registry=registry).status == "valid"


def test_a_corrected_name_supersedes_and_the_command_lists_it(tmp_path):
    ws = make_workshop()
    sheet = tmp_path / "presence.csv"
    sheet.write_text("id;J1 matin;J1 après-midi;J2 matin;J2 après-midi\nP01;x;x;x;x\n",
                     encoding="utf-8")
    kwargs = dict(attendance=str(sheet), output=str(tmp_path / "c.pdf"),
                  registry=str(tmp_path / "r.sqlite"), post_scores={"P01": 90.0})
    first = issue_certificates(ws, roster=ROSTER[:1], **kwargs)
    fixed = (person("P01", ROSTER[0].given_names, "Corrigé"),)
    second = issue_certificates(ws, roster=fixed, **kwargs)
    old, new = first.issued[0].code, second.issued[0].code
    assert old != new and second.issued[0].new
    text = second.to_text()
    assert f"superseded: {old}" in text and f"replaced by {new}" in text
    assert "name corrected from « " in text and "1 superseded" in text
    assert second.to_dict()["participants"][0]["superseded"][0]["code"] == old
    with open_registry(tmp_path / "r.sqlite", create=False) as reg:
        valid = [r for r in reg.records("example-2024") if r.status == "valid"]
    assert [r.code for r in valid] == [new]  # one valid certificate per person and workshop


def test_registry_rows_keep_text_as_typed_and_the_export_is_formula_safe(tmp_path):
    ws = make_workshop()
    registry = tmp_path / "registry.sqlite"
    roster = (person("=1+1", "Awa", "-Ndiaye"),)
    decisions = decide(ws, roster, _sheet({"=1+1": 4}), {"=1+1": 99.0})
    issued, _ = assign_codes(ws, decisions, registry, now=NOW)
    [entry] = _entries(registry)
    assert (entry.participant_id, entry.name, entry.at) == (
        "=1+1", "Awa -Ndiaye", "2024-03-05T16:00:00+00:00")
    with open_registry(registry) as reg:
        reg.export(tmp_path / "view.csv")
        reg.export(tmp_path / "view.xlsx")
    rows = list(csv.reader(io.StringIO((tmp_path / "view.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0][:8] == ["code", "participant_id", "name", "workshop", "dates", "type",
                           "issued_at", "status"]
    assert rows[1][:8] == [issued[0].code, "'=1+1", "Awa -Ndiaye", "example-2024",
                           "2024-03-04/2024-03-05", "completion", "2024-03-05T16:00:00+00:00",
                           "valid"]
    from openpyxl import load_workbook

    cell = load_workbook(tmp_path / "view.xlsx").active["B2"]
    assert (cell.value, cell.data_type) == ("=1+1", "s")  # as typed, text, never a formula
    again, _ = assign_codes(ws, decisions, registry, now=NOW)  # the id is read back as written
    assert not again[0].new


def test_revoke_adds_an_entry_and_a_new_code_is_issued(tmp_path):
    ws = make_workshop()
    registry = tmp_path / "registry.sqlite"
    first, _ = assign_codes(ws, _decisions(ws), registry, now=NOW)
    before = _entries(registry)
    code = first[0].code
    with open_registry(registry) as reg:
        row = reg.revoke(code.lower(), "nom mal orthographié", now=NOW)
    assert (row.kind, row.reason) == ("revoke", "nom mal orthographié")
    assert _entries(registry)[:3] == before and len(_entries(registry)) == 4
    answer = verify_code(code, registry=registry)
    assert answer.status == "revoked"
    assert "REVOKED" in answer.to_text() and "nom mal orthographié" in answer.to_text()
    with pytest.raises(RegistryError, match="already revoked"), open_registry(registry) as reg:
        reg.revoke(code, "again")
    again, _ = assign_codes(ws, _decisions(ws), registry, now=NOW)
    assert again[0].new and again[0].code != code


def test_the_database_refuses_to_change_or_delete_a_row(tmp_path):
    import sqlite3

    ws = make_workshop()
    registry = tmp_path / "registry.sqlite"
    issued, _ = assign_codes(ws, _decisions(ws), registry, now=NOW)
    with open_registry(registry) as reg:
        reg.record_send(issued[0].code, address="awa@example.org", status="sent")
    db = sqlite3.connect(registry)
    for statement in ("UPDATE registry_entries SET name = 'X'", "DELETE FROM registry_entries",
                      "UPDATE registry_meta SET value = 'x'", "DELETE FROM registry_sends"):
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            db.execute(statement)
    code = _entries(registry)[0].code
    with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):  # codes unique by constraint
        db.execute("INSERT INTO registry_entries (seq, kind, code, participant_id, name, "
                   "workshop, workshop_title, dates, type, at, reason, ref, prev_hash, hash, "
                   "signature) VALUES (99, 'issue', ?, '', '', '', '', '', '', '', '', '', "
                   "'', '', '')", (code,))
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()


def test_an_old_csv_or_xlsx_registry_is_refused_with_the_command_that_converts_it(tmp_path):
    old = tmp_path / "registry.csv"
    old.write_text("code,participant_id,name,workshop,dates,type,issued_at,status,revoked_at,"
                   "reason,workshop_title\r\n"
                   "EX24-7F3K-Q9XM,P01,Awa Ndiaye,example-2024,2024-03-04/2024-03-05,"
                   "completion,2024-03-05T16:00:00+00:00,valid,,,Atelier\r\n"
                   "EX24-7F3K-Q9XM,P01,Awa Ndiaye,example-2024,2024-03-04/2024-03-05,"
                   "completion,2024-03-05T16:00:00+00:00,revoked,2024-03-06T09:00:00+00:00,"
                   "typo,Atelier\r\n", encoding="utf-8-sig")
    refused = CliRunner().invoke(main, ["verify", "EX24-7F3K-Q9XM", "--registry", str(old)])
    assert refused.exit_code == 1
    command = f"workshop registry import {old} --registry {tmp_path / 'registry.sqlite'}"
    assert command in refused.output
    done = CliRunner().invoke(main, command.split()[1:], catch_exceptions=False)
    assert done.exit_code == 0 and "1 certificate(s) imported" in done.output
    answer = verify_code("EX24-7F3K-Q9XM", registry=tmp_path / "registry.sqlite")
    assert (answer.status, answer.entry.reason, answer.entry.issued_at) == (
        "revoked", "typo", "2024-03-05T16:00:00+00:00")
    # an export imports back with its codes and history
    with open_registry(tmp_path / "registry.sqlite") as reg:
        reg.export(tmp_path / "view.xlsx")
    with open_registry(tmp_path / "copy.sqlite") as reg:
        assert reg.import_(tmp_path / "view.xlsx") == (1, 0)
        assert reg.import_(tmp_path / "view.xlsx") == (0, 1)
        assert reg.lookup("EX24-7F3K-Q9XM").status == "revoked"
    new = CliRunner().invoke(main, ["verify", "EX24-7F3K-Q9XM", "--registry",
                                    str(tmp_path / "none.xlsx")])
    assert new.exit_code == 1 and "workshop registry export" in new.output


def test_a_damaged_import_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "registry.csv"
    bad.write_text("code,name\nX,Y\n", encoding="utf-8")
    with pytest.raises(RegistryError, match="row 1: missing column"), \
            open_registry(tmp_path / "r.sqlite") as reg:
        reg.import_(bad)
    with pytest.raises(RegistryError, match="not a certificate registry"):
        open_registry(bad.with_suffix(".sqlite").write_text("hello") and
                      bad.with_suffix(".sqlite"))


def test_a_registry_file_with_only_the_required_columns_imports(tmp_path):
    """The optional columns (workshop_title, revoked_at, reason, ...) may be missing."""
    old = tmp_path / "registry.csv"
    old.write_text("code,participant_id,name,workshop,dates,type,issued_at,status\r\n"
                   "EX24-7F3K-Q9XM,P01,Awa Ndiaye,example-2024,2024-03-04/2024-03-05,"
                   "completion,2024-03-05T16:00:00+00:00,valid\r\n", encoding="utf-8")
    command = f"registry import {old} --registry {tmp_path / 'registry.sqlite'}"
    done = CliRunner().invoke(main, command.split(), catch_exceptions=False)
    assert done.exit_code == 0 and "1 certificate(s) imported" in done.output
    answer = verify_code("EX24-7F3K-Q9XM", registry=tmp_path / "registry.sqlite")
    assert (answer.status, answer.entry.participant_id, answer.entry.reason) == (
        "valid", "P01", "")


# ---------------------------------------------------------------- verify

@pytest.fixture
def issued_registry(tmp_path):
    ws = make_workshop()
    registry = tmp_path / "registry.sqlite"
    issued, _ = assign_codes(ws, _decisions(ws), registry, now=NOW)
    return registry, issued[0].code


def _mistype(code: str) -> str:
    last = code[-1]
    return code[:-1] + ("0" if last != "0" else "1")


def test_verify_valid_unknown_mistyped(issued_registry):
    registry, code = issued_registry
    valid = verify_code(code.lower().replace("-", " "), registry=registry)
    assert valid.status == "valid"
    assert valid.to_text().splitlines() == [
        f"{code}: VALID",
        "  Name: Aminata Diallo",
        "  Workshop: Atelier sur la protection des migrants en Afrique de l'Ouest "
        "(example-2024)",
        "  Dates: 4\u20135 March 2024",
        "  Type: Certificate of completion",
        "  Issued: 2024-03-05T16:00:00+00:00",
    ]
    unknown = new_code("EX24", taken={code})
    assert verify_code(unknown, registry=registry).status == "unknown"
    typo = verify_code(_mistype(code), registry=registry)
    assert typo.status == "mistyped"
    assert typo.suggestion == code and f"Did you mean {code}?" in typo.to_text()
    wrong_prefix = verify_code("EX42" + code[4:], registry=registry)
    assert (wrong_prefix.status, wrong_prefix.suggestion) == ("mistyped", code)


def test_cli_verify_exit_codes(issued_registry):
    registry, code = issued_registry
    runner = CliRunner()
    ok = runner.invoke(main, ["verify", code, "--registry", str(registry)],
                       catch_exceptions=False)
    assert ok.exit_code == 0 and "VALID" in ok.output
    bad = runner.invoke(main, ["verify", _mistype(code), "--registry", str(registry)])
    assert bad.exit_code == 1 and "MISTYPED" in bad.output
    missing = runner.invoke(main, ["verify", code, "--registry", str(registry) + ".nope"])
    assert missing.exit_code == 1 and "registry not found" in missing.output


# ---------------------------------------------------------------- issue (end to end)

def test_issue_certificates_end_to_end(tmp_path):
    ws = make_workshop()
    sheet = tmp_path / "presence.csv"
    sheet.write_text("id;J1 matin;J1 après-midi;J2 matin;J2 après-midi\n"
                     "P01;x;x;x;x\nP02;x;x;x;\nP03;x;;;\n", encoding="utf-8")
    kwargs = dict(attendance=str(sheet), output=str(tmp_path / "out" / "certificates.pdf"),
                  registry=str(tmp_path / "registry.sqlite"), roster=ROSTER[:3],
                  post_scores={"P01": 70.0, "P02": 30.0})
    result = issue_certificates(ws, **kwargs)
    data = result.to_dict()
    assert [(p["id"], p["type"], p["new_code"]) for p in data["participants"]] == [
        ("P01", "completion", True), ("P02", "participation", True), ("P03", "none", False)]
    text = result.to_text()
    assert "P03" in text and "attendance 25% < 75%" in text
    again = issue_certificates(ws, **kwargs)
    assert not any(p["new_code"] for p in again.to_dict()["participants"])
    assert "(already issued)" in again.to_text()
    assert "@" not in text + str(data)  # e-mails never reach the outputs


def test_cli_certificates_json_equals_the_library(tmp_path, monkeypatch):
    # The workshop loader and roster reader are other modules' work: stand in for them here.
    import toolkit.curriculum as curriculum
    import toolkit.responses as responses

    monkeypatch.setattr(curriculum, "load_workshop", lambda _: make_workshop(pass_mark=None))
    monkeypatch.setattr(responses, "read_roster", lambda path: ROSTER[:2], raising=False)
    sheet = tmp_path / "presence.csv"
    sheet.write_text("id,Day 1 AM,Day 1 PM\nP01,x,x\nP02,x,\n", encoding="utf-8")
    args = ["certificates", "example-2024", "--participants", "roster.xlsx", "--attendance",
            str(sheet), "-o", str(tmp_path / "c.pdf"), "--registry", str(tmp_path / "r.sqlite"),
            "--lang", "fr", "--json"]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0
    data = __import__("json").loads(result.stdout)
    assert [(p["id"], p["type"]) for p in data["participants"]] == [
        ("P01", "participation"), ("P02", "none")]
    assert data["participants"][0]["code"].startswith("EX24-")
    again = issue_certificates("example-2024", participants="roster.xlsx", attendance=str(sheet),
                               output=str(tmp_path / "c.pdf"), registry=str(tmp_path / "r.sqlite"),
                               lang="fr")
    assert again.to_dict() | {"participants": None} == data | {"participants": None}
    assert [p["code"] for p in again.to_dict()["participants"]] == [
        p["code"] for p in data["participants"]]


@pytest.mark.parametrize("change", ["drop", "double"])
def test_a_dropped_or_doubled_character_is_mistyped_shown_as_typed(issued_registry, change):
    """Issue 5 (verify: a mistyped code told apart): 'EX24-7F3K-Q9X' was echoed as
    'EX2-47F3-KQ9X' (the prefix shifted) with no suggestion."""
    registry, code = issued_registry
    typed = code[:-1] if change == "drop" else code + code[-1]
    answer = verify_code(typed, registry=registry)
    assert (answer.status, answer.suggestion) == ("mistyped", code)
    assert answer.to_text().startswith(f"{typed}: MISTYPED")


def test_a_bundled_examples_registry_is_never_written_into_the_package(tmp_path):
    """Issues 5/9: with an installed wheel, the Dakar example's registry path points inside
    site-packages; `workshop certificates/build dakar-2019` must write it elsewhere."""
    from dataclasses import replace as with_

    import toolkit
    from toolkit.certificates import default_registry

    ws = make_workshop()
    inside = Path(toolkit.__file__).parent / "data" / "certificate-registry.sqlite"
    bundled = with_(ws, files=with_(ws.files, registry=str(inside)))
    assert default_registry(bundled) == Path("reports") / ws.id / "certificate-registry.sqlite"
    assert default_registry(bundled, outdir=tmp_path) == tmp_path / "certificate-registry.sqlite"
    own = with_(ws, files=with_(ws.files, registry=str(tmp_path / "mine.sqlite")))
    assert default_registry(own, outdir=tmp_path / "out") == tmp_path / "mine.sqlite"
    assert default_registry(ws, outdir=tmp_path) == tmp_path / "certificate-registry.sqlite"
    url = with_(ws, files=with_(ws.files, registry="postgresql://u@db.example.org/registry"))
    assert default_registry(url) == "postgresql://u@db.example.org/registry"
