"""`workshop init` and `workshop templates`: a new workshop that validates, templates read back."""
from __future__ import annotations

import datetime as dt
import random

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook
from pyxform.xls2xform import convert

from toolkit.attendance import read_attendance
from toolkit.cli import main
from toolkit.curriculum import load_workshop, validate_paths
from toolkit.errors import ToolkitError
from toolkit.responses import read_roster
from toolkit.scoring.satisfaction import read_satisfaction
from toolkit.stages import choice_name, stage_questions, xlsform_names
from toolkit.starter import NewWorkshop, default_start, init_workshop, write_templates

START = dt.date(2027, 3, 16)  # a Tuesday


def _init(tmp_path, **kw):
    spec = NewWorkshop(id="abidjan-2027", lang=kw.pop("lang", "fr"), country="CI",
                       city="Abidjan", start=START, **kw)
    return init_workshop(tmp_path / "abidjan", spec)


def test_default_start_is_a_monday_four_weeks_ahead():
    day = default_start(dt.date(2026, 12, 3))
    assert day.weekday() == 0 and dt.timedelta(days=28) <= day - dt.date(2026, 12, 3) < \
        dt.timedelta(days=35)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_init_gives_a_workshop_that_validates_clean(tmp_path, lang):
    written = _init(tmp_path, lang=lang)
    root = tmp_path / "abidjan"
    # clean: no error (free time left in a day is listed as a warning, and exits 0)
    assert [p for p in validate_paths([str(root)]) if p.severity != "warning"] == []
    assert CliRunner().invoke(main, ["validate", str(root)]).exit_code == 0
    names = {p.relative_to(root).as_posix() for p in written.paths}
    assert {"workshops/abidjan-2027.yaml", "modules/mixed-migration.yaml",
            "data/participants.xlsx", "data/attendance.xlsx", "data/satisfaction-xlsform.xlsx",
            f"data/satisfaction-paper-{lang}.pdf"} <= names
    ws = load_workshop(str(written.workshop_file))
    assert ws.languages == (lang,) and ws.start == START and ws.country == "CI"
    assert [m.id for m in ws.modules] == ["mixed-migration", "international-recruitment",
                                          "migrant-protection"]
    from toolkit.schedule import build_schedule

    assert build_schedule(ws).problems == ()


def test_init_refuses_to_overwrite_and_bad_ids(tmp_path):
    _init(tmp_path)
    with pytest.raises(ToolkitError, match="already exists; nothing was written"):
        _init(tmp_path)
    with pytest.raises(ToolkitError, match="cannot be a workshop id"):
        init_workshop(tmp_path / "x", NewWorkshop(id="Abidjan 2027"))
    with pytest.raises(ToolkitError, match="Unknown module"):
        init_workshop(tmp_path / "y", NewWorkshop(id="ok-1", modules=("nope",)))


def test_init_command_without_a_terminal_needs_an_id(tmp_path):
    result = CliRunner().invoke(main, ["init", str(tmp_path / "w")])
    assert result.exit_code == 2 and "--id" in result.output
    result = CliRunner().invoke(main, ["init", str(tmp_path / "w"), "--id", "w-2027",
                                       "--start", "2027-02-30"])
    assert result.exit_code == 2 and "does not exist" in result.output
    result = CliRunner().invoke(main, ["init", str(tmp_path / "w"), "--id", "w-2027",
                                       "--lang", "en", "--modules", "gender-advocacy"],
                                catch_exceptions=False)
    assert result.exit_code == 0
    assert (tmp_path / "w" / "workshops" / "w-2027.yaml").is_file()
    assert [p for p in validate_paths([str(tmp_path / "w")]) if p.severity != "warning"] == []


def test_roster_template_has_validation_and_is_read_back(tmp_path):
    _init(tmp_path)
    path = tmp_path / "abidjan" / "data" / "participants.xlsx"
    book = load_workbook(path)
    sheet = book["participants"]
    rules = {str(rule.sqref): rule for rule in sheet.data_validations.dataValidation}
    assert rules["D2:D500"].formula1 == '"F,M"'
    assert "Côte d’Ivoire" in [c.value for c in book["listes"]["A"]] or \
        "Côte d'Ivoire" in [c.value for c in book["listes"]["A"]]
    assert "@" in rules["H2:H500"].formula1
    people = read_roster(path)
    assert [(p.id, p.sex, p.country) for p in people] == [("ABI27-001", "F", "Bénin")]


def _fill_roster(path, n=25):
    book = Workbook()
    sheet = book.active
    sheet.append(["id", "nom", "prénoms", "sexe", "organisation", "fonction", "pays",
                  "e-mail", "téléphone"])
    for i in range(1, n + 1):
        sheet.append([f"ABI27-{i:03d}", f"KOUASSI{i}", f"Awa {i}", "FM"[i % 2],
                      "ONG Espoir", "Chargée de programme", "Côte d’Ivoire",
                      f"p{i}@example.org", ""])
    book.save(path)


def _export(path, ws, stage, rng, good):
    questions = stage_questions(ws, stage)
    names = xlsform_names(questions)
    book = Workbook()
    sheet = book.active
    sheet.append(["participant_code", *(names[q.id] for q in questions)])
    for i in range(1, 26):
        row = [f"ABI27-{i:03d}"]
        for q in questions:
            right = rng.random() < good
            if q.type == "number":
                row.append(q.answer if right else (q.answer or 0) + 1)
                continue
            picks = [c.id for c in q.choices if c.correct == right] or [q.choices[0].id]
            if q.type == "multiple" and right:
                row.append(" ".join(choice_name(c) for c in picks))
            else:
                row.append(choice_name(rng.choice(picks)))
        sheet.append(row)
    book.save(path)


def test_from_init_to_every_output(tmp_path):
    written = _init(tmp_path)
    data = tmp_path / "abidjan" / "data"
    (data / "participants.xlsx").unlink()
    _fill_roster(data / "participants.xlsx")
    ws = load_workshop(str(written.workshop_file))
    again = write_templates(ws, data)
    assert any("participants.xlsx exists: kept" in note for note in again.notes)
    sheet = load_workbook(data / "attendance.xlsx").active
    headers = [c.value for c in sheet[1]]
    assert headers[:4] == ["id", "nom", "16/03/2027 matin", "16/03/2027 après-midi"]
    assert sheet.max_row == 26 and sheet["A2"].value == "ABI27-001"
    for row in range(2, 27):
        for col in range(3, len(headers) + 1):
            sheet.cell(row=row, column=col, value="P" if row != 5 or col < 5 else "A")
    sheet.parent.save(data / "attendance.xlsx")
    attendance = read_attendance(data / "attendance.xlsx", days=[d.date for d in ws.days])
    assert attendance.held == 2 * len(ws.days) and attendance.count("ABI27-004") == 2
    kept = write_templates(ws, data)  # marks present: the sheet is never written over
    assert any("already holds attendance marks" in note for note in kept.notes)
    rng = random.Random(7)
    _export(data / "pre-test.xlsx", ws, "pre", rng, 0.4)
    _export(data / "post-test.xlsx", ws, "post", rng, 0.85)
    result = CliRunner().invoke(main, ["build", str(written.workshop_file), "-o",
                                       str(tmp_path / "out"), "--json"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    import json

    built = json.loads(result.stdout)
    steps = {entry["step"] for entry in built["written"]}
    assert {"agenda", "materials", "test-form", "scores", "report"} <= steps
    assert not [s for s in built["skipped"] if s["step"] in ("scores", "report")]
    # a workshop still to come: certificates wait for its last day, and say so
    (skip,) = [s for s in built["skipped"] if s["step"] == "certificates"]
    assert f"ends on {ws.end.isoformat()}" in skip["reason"]
    made = CliRunner().invoke(main, ["certificates", str(written.workshop_file), "-o",
                                     str(tmp_path / "c.pdf"), "--date", ws.end.isoformat(),
                                     "--registry", str(tmp_path / "r.sqlite")])
    assert made.exit_code == 0, made.output
    assert (tmp_path / "c.pdf").is_file()


def test_satisfaction_template_is_read_back_without_configuration(tmp_path):
    written = _init(tmp_path)
    ws = load_workshop(str(written.workshop_file))
    form = load_workbook(tmp_path / "abidjan" / "data" / "satisfaction-xlsform.xlsx")
    survey = [[c.value for c in row] for row in form["survey"].iter_rows()]
    names = [row[1] for row in survey[1:]]
    labels = {row[1]: row[2] for row in survey[1:]}
    choices = {(r[0].value, r[1].value): r[2].value for r in form["choices"].iter_rows(min_row=2)}
    # a KoboToolbox export with labels as headers and label answers
    book = Workbook()
    sheet = book.active
    headers = [labels[n] if n not in ("start", "end") else n for n in names]
    sheet.append(headers)
    rng = random.Random(3)
    for i in range(12):
        row = []
        for name in names:
            kind = next(r[0] for r in survey[1:] if r[1] == name)
            if kind == "select_one satisfied":
                row.append(choices[("satisfied", str(rng.choice([3, 4, 5])))])
            elif kind == "select_one agree":
                row.append(choices[("agree", str(rng.choice([2, 4, 5])))])
            elif kind == "select_one sex":
                row.append(choices[("sex", "FM"[i % 2])])
            elif kind == "integer":
                row.append(rng.randint(6, 10))
            elif name == "comments":
                row.append("Très utile, merci." if i % 3 == 0 else "")
            else:
                row.append("")
        sheet.append(row)
    book.save(tmp_path / "sat.xlsx")
    result = read_satisfaction(tmp_path / "sat.xlsx")
    assert len(result.items) == 3 + len(ws.modules) and result.nps is not None
    assert all(item.n_valid == 12 for item in result.items)
    assert len(result.comments) == 4 and not result.problems
    assert result.groups["sex"]


def test_satisfaction_xlsform_converts_with_pyxform(tmp_path):
    written = _init(tmp_path, lang="en")

    out = convert(xlsform=str(tmp_path / "abidjan" / "data" / "satisfaction-xlsform.xlsx"))
    assert "recommend" in out.xform and "module_1" in out.xform
    assert written.workshop_file is not None


def test_init_with_a_last_day_takes_exactly_those_days_or_refuses(tmp_path):
    end = START + dt.timedelta(days=4)
    written = _init(tmp_path, end=end, organisers=("OIM Côte d’Ivoire", "Ministère de l’Intérieur"))
    ws = load_workshop(str(written.workshop_file))
    assert ws.start == START and ws.end == end and len(ws.days) == 5
    assert [o.name.get("fr") for o in ws.organisers] == ["OIM Côte d’Ivoire",
                                                          "Ministère de l’Intérieur"]
    assert [p for p in validate_paths([str(tmp_path / "abidjan")])
            if p.severity != "warning"] == []
    # refused before anything is written: the last day before the first, too long, too short
    for end, words in ((START - dt.timedelta(days=1), "is before the first day"),
                       (START + dt.timedelta(days=20), "is more than 10 days"),
                       (START, "do not fit between")):
        with pytest.raises(ToolkitError, match=words):
            init_workshop(tmp_path / "other", NewWorkshop(id="other-1", start=START, end=end))
        assert not [p for p in (tmp_path / "other").rglob("*") if p.is_file()]


def test_init_command_takes_end(tmp_path):
    result = CliRunner().invoke(main, ["init", str(tmp_path / "w"), "--id", "w-2027",
                                       "--start", "2027-03-15", "--end", "2027-03-12"])
    assert result.exit_code == 1 and "nothing was written" in result.output
    assert not (tmp_path / "w").exists()
    result = CliRunner().invoke(main, ["init", str(tmp_path / "w"), "--id", "w-2027",
                                       "--start", "2027-03-15", "--end", "2027-03-32"])
    assert result.exit_code == 2 and "--end" in result.output
    result = CliRunner().invoke(main, ["init", str(tmp_path / "w"), "--id", "w-2027",
                                       "--modules", "gender-advocacy", "--start", "2027-03-15",
                                       "--end", "2027-03-17"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert "end: 2027-03-17" in (tmp_path / "w" / "workshops" / "w-2027.yaml").read_text()
