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
from toolkit.registry import read_registry, revoke

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
    # 30 + (150 + 175) + 30 minutes = 385 minutes = 6.4 hours
    assert workshop_hours(make_workshop(hours=None)) == 6


# ---------------------------------------------------------------- registry

def _decisions(ws, post=None):
    sheet = _sheet({p.id: 4 for p in ROSTER[:3]} | {"P04": 1})
    return decide(ws, ROSTER[:4], sheet, post or {"P01": 90.0, "P02": 50.0})


def test_running_twice_issues_no_new_codes_and_keeps_old_bytes(tmp_path):
    ws = make_workshop()
    registry = tmp_path / "registry.csv"
    first, _ = assign_codes(ws, _decisions(ws), registry, now=NOW)
    before = registry.read_bytes()
    assert before.startswith(b"\xef\xbb\xbf")
    assert [(i.decision.participant_id, i.decision.type, i.new) for i in first] == [
        ("P01", "completion", True), ("P02", "participation", True),
        ("P03", "participation", True)]
    second, notes = assign_codes(ws, _decisions(ws), registry, now=NOW)
    assert [(i.code, i.new) for i in second] == [(i.code, False) for i in first]
    assert registry.read_bytes() == before and notes == []
    # An upgrade to completion adds a code and keeps the participation code valid.
    third, _ = assign_codes(ws, _decisions(ws, {"P01": 90.0, "P02": 75.0}), registry, now=NOW)
    after = registry.read_bytes()
    assert after.startswith(before) and len(after) > len(before)
    assert third[1].new and third[1].decision.type == "completion"
    assert verify_code(first[1].code, registry=registry).status == "valid"


def test_registry_rows_and_neutralised_cells(tmp_path):
    ws = make_workshop()
    registry = tmp_path / "registry.csv"
    roster = (person("=1+1", "Awa", "-Ndiaye"),)
    decisions = decide(ws, roster, _sheet({"=1+1": 4}), {"=1+1": 99.0})
    issued, _ = assign_codes(ws, decisions, registry, now=NOW)
    rows = list(csv.reader(io.StringIO(registry.read_text(encoding="utf-8-sig"))))
    assert rows == [
        ["code", "participant_id", "name", "workshop", "dates", "type", "issued_at", "status",
         "revoked_at", "reason", "workshop_title"],
        [issued[0].code, "'=1+1", "Awa -Ndiaye", "example-2024", "2024-03-04/2024-03-05",
         "completion", "2024-03-05T16:00:00+00:00", "valid", "", "",
         "Atelier sur la protection des migrants en Afrique de l'Ouest"],
    ]
    again, _ = assign_codes(ws, decisions, registry, now=NOW)  # the id is read back as written
    assert not again[0].new


def test_revoke_appends_a_row_and_a_new_code_is_issued(tmp_path):
    ws = make_workshop()
    registry = tmp_path / "registry.csv"
    first, _ = assign_codes(ws, _decisions(ws), registry, now=NOW)
    before = registry.read_bytes()
    code = first[0].code
    row = revoke(registry, code.lower(), "nom mal orthographié", when=NOW)
    assert (row.status, row.reason) == ("revoked", "nom mal orthographié")
    assert registry.read_bytes().startswith(before)
    assert len(read_registry(registry).rows) == 4
    answer = verify_code(code, registry=registry)
    assert answer.status == "revoked"
    assert "REVOKED" in answer.to_text() and "nom mal orthographié" in answer.to_text()
    with pytest.raises(RegistryError, match="already revoked"):
        revoke(registry, code, "again")
    again, _ = assign_codes(ws, _decisions(ws), registry, now=NOW)
    assert again[0].new and again[0].code != code


def test_xlsx_registry(tmp_path):
    ws = make_workshop()
    registry = tmp_path / "registry.xlsx"
    first, _ = assign_codes(ws, _decisions(ws), registry, now=NOW)
    second, _ = assign_codes(ws, _decisions(ws), registry, now=NOW)
    assert [i.code for i in second] == [i.code for i in first] and not any(i.new for i in second)
    revoke(registry, first[0].code, "test", when=NOW)
    assert verify_code(first[0].code, registry=registry).status == "revoked"
    assert verify_code(first[1].code, registry=registry).status == "valid"


def test_a_damaged_registry_is_a_clear_error(tmp_path):
    registry = tmp_path / "registry.csv"
    registry.write_text("code,name\nX,Y\n", encoding="utf-8")
    with pytest.raises(RegistryError, match="row 1: missing column"):
        read_registry(registry)


# ---------------------------------------------------------------- verify

@pytest.fixture
def issued_registry(tmp_path):
    ws = make_workshop()
    registry = tmp_path / "registry.csv"
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
                  registry=str(tmp_path / "registry.csv"), roster=ROSTER[:3],
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
    import toolkit.certificates as certificates
    import toolkit.responses as responses

    monkeypatch.setattr(certificates, "_load_workshop", lambda _: make_workshop(pass_mark=None))
    monkeypatch.setattr(responses, "read_roster", lambda path: ROSTER[:2], raising=False)
    sheet = tmp_path / "presence.csv"
    sheet.write_text("id,Day 1 AM,Day 1 PM\nP01,x,x\nP02,x,\n", encoding="utf-8")
    args = ["certificates", "example-2024", "--participants", "roster.xlsx", "--attendance",
            str(sheet), "-o", str(tmp_path / "c.pdf"), "--registry", str(tmp_path / "r.csv"),
            "--lang", "fr", "--json"]
    result = CliRunner().invoke(main, args, catch_exceptions=False)
    assert result.exit_code == 0
    data = __import__("json").loads(result.stdout)
    assert [(p["id"], p["type"]) for p in data["participants"]] == [
        ("P01", "participation"), ("P02", "none")]
    assert data["participants"][0]["code"].startswith("EX24-")
    again = issue_certificates("example-2024", participants="roster.xlsx", attendance=str(sheet),
                               output=str(tmp_path / "c.pdf"), registry=str(tmp_path / "r.csv"),
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
    inside = Path(toolkit.__file__).parent / "data" / "certificate-registry.csv"
    bundled = with_(ws, files=with_(ws.files, registry=str(inside)))
    assert default_registry(bundled) == Path("reports") / ws.id / "certificate-registry.csv"
    assert default_registry(bundled, outdir=tmp_path) == tmp_path / "certificate-registry.csv"
    own = with_(ws, files=with_(ws.files, registry=str(tmp_path / "mine.csv")))
    assert default_registry(own, outdir=tmp_path / "out") == tmp_path / "mine.csv"
    assert default_registry(ws, outdir=tmp_path) == tmp_path / "certificate-registry.csv"
