"""`workshop test-form`: stage questions, the XLSForm, the paper test and the answer keys."""
from __future__ import annotations

import dataclasses
import datetime as dt
import re
import sys
import types
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import yaml
from click.testing import CliRunner
from pypdf import PdfReader
from pyxform.xls2xform import convert

from toolkit.cli import main
from toolkit.errors import CurriculumError, OutputError
from toolkit.model import (Choice, Day, Frame, Module, Objective, ProgrammeItem, Question,
                           Text, Workshop)
from toolkit.model import TestSpec as Spec  # not "Test*": pytest would collect it
from toolkit.render.pdf.papertest import render_paper_test, typeset
from toolkit.render.testform import key_rows, letters_key_path, write_test_form
from toolkit.render.xlsform import (DEFAULT_CODE_PATTERN, language_column_name,
                                    xlsform_sheets)
from toolkit.stages import letters, stage_questions, xlsform_names

DATA = Path(__file__).resolve().parent / "data"
MODULE_YAML = DATA / "modules" / "example-protection.yaml"
WORKSHOP_YAML = DATA / "workshops" / "example.yaml"


def _question(raw: dict, module: str) -> Question:
    return Question(
        id=raw["id"], objective=raw["objective"], type=raw["type"], text=Text.of(raw["text"]),
        choices=tuple(Choice(str(c["id"]), Text.of(c["text"]), bool(c.get("correct")))
                      for c in raw.get("choices", ())),
        answer=raw.get("answer"), tolerance=raw.get("tolerance", 0.0),
        points=raw.get("points", 1.0), module=module)


def example_workshop(**changes) -> Workshop:
    """The example workshop built straight from its YAML files (until the loader lands)."""
    raw_module = yaml.safe_load(MODULE_YAML.read_text(encoding="utf-8"))
    raw = yaml.safe_load(WORKSHOP_YAML.read_text(encoding="utf-8"))
    module = Module(
        id=raw_module["id"], title=Text.of(raw_module["title"]),
        objectives=tuple(Objective(o["id"], Text.of(o["text"]))
                         for o in raw_module["objectives"]),
        questions=tuple(_question(q, raw_module["id"]) for q in raw_module["questions"]))
    frame = Frame(dt.time(9), dt.time(17))
    start, end = raw["dates"]["start"], raw["dates"]["end"]
    days = tuple(Day(start + dt.timedelta(days=i), frame)
                 for i in range((end - start).days + 1))
    workshop = Workshop(
        id=raw["id"], title=Text.of(raw["title"]), languages=tuple(raw["languages"]),
        days=days, programme=(ProgrammeItem("module", ref=module.id),), modules=(module,),
        city=Text.of(raw["city"]),
        tests=Spec(pre=tuple(raw["tests"]["pre"]), post=tuple(raw["tests"]["post"])),
        source=str(WORKSHOP_YAML))
    return dataclasses.replace(workshop, **changes)


def with_questions(ws: Workshop, questions) -> Workshop:
    module = dataclasses.replace(ws.modules[0], questions=tuple(questions))
    return dataclasses.replace(ws, modules=(module,),
                               tests=Spec(pre=tuple(q.id for q in questions)))


@pytest.fixture
def ws() -> Workshop:
    return example_workshop()


# ---------------------------------------------------------------- which questions


@pytest.mark.parametrize("tests, stage, expected", [
    (Spec(pre=("ex-q4", "ex-q1"), post=("ex-q2",)), "pre", ["ex-q4", "ex-q1"]),
    (Spec(pre=("ex-q4", "ex-q1"), post=("ex-q2",)), "post", ["ex-q2"]),
    (Spec(pre=("ex-q4", "ex-q1")), "post", ["ex-q4", "ex-q1"]),  # post defaults to pre
    (Spec(), "pre", ["ex-q1", "ex-q3"]),  # first question of each objective
    (Spec(), "post", ["ex-q1", "ex-q3"]),
])
def test_stage_questions(ws, tests, stage, expected):
    ws = dataclasses.replace(ws, tests=tests)
    assert [q.id for q in stage_questions(ws, stage)] == expected


@pytest.mark.parametrize("tests, message", [
    (Spec(pre=("ex-q1", "ex-qq1")), 'lists question(s) that no module of the programme '
                                        'holds: "ex-qq1" (did you mean "ex-q1"?)'),
    (Spec(pre=("ex-q1", "ex-q1")), "lists ex-q1 more than once"),
])
def test_stage_questions_errors_name_the_file_and_the_fix(ws, tests, message):
    with pytest.raises(CurriculumError, match=re.escape(message)) as info:
        stage_questions(dataclasses.replace(ws, tests=tests), "pre")
    assert str(info.value).startswith(f"{WORKSHOP_YAML}: tests: pre: ")


def test_no_question_bank_is_a_clear_error(ws):
    ws = with_questions(ws, [])
    with pytest.raises(CurriculumError, match="has no question for its pre-test"):
        write_test_form(ws, stage="pre", key="unused.csv")


@pytest.mark.parametrize("ids, expected", [
    (["ex-q1", "mm.q_2", "_x"], ["ex-q1", "mm.q_2", "_x"]),  # valid XML names kept
    (["1.a", "-q", "q 1", "été"], ["q_1.a", "q_-q", "q_1", "_t_"]),
    (["start", "participant_code"], ["start_2", "participant_code_2"]),  # form's own names
    (["a b", "a_b", "a:b"], ["a_b", "a_b_2", "a_b_3"]),  # unique after cleaning
])
def test_xlsform_names(ids, expected):
    questions = [Question(i, "o", "single", Text.of(i)) for i in ids]
    assert list(xlsform_names(questions).values()) == expected


@pytest.mark.parametrize("count, expected", [
    (0, []), (3, ["A", "B", "C"]), (28, [*"ABCDEFGHIJKLMNOPQRSTUVWXYZ", "AA", "AB"]),
])
def test_letters(count, expected):
    assert letters(count) == expected


@pytest.mark.parametrize("code, expected", [
    ("fr", "Français (fr)"), ("en", "English (en)"), ("pt", "Português (pt)"),
    ("xx", "xx (xx)"),
])
def test_language_column_name(code, expected):
    assert language_column_name(code) == expected


# ---------------------------------------------------------------- XLSForm


def _sheet_dicts(path, title):
    rows = list(openpyxl.load_workbook(path)[title].iter_rows(values_only=True))
    return [dict(zip(rows[0], row)) for row in rows[1:]]


@pytest.mark.parametrize("stage", ["pre", "post"])
def test_xlsform_converts_with_pyxform_in_both_languages(ws, tmp_path, stage):
    path = tmp_path / f"{stage}.xlsx"
    assert write_test_form(ws, stage=stage, xlsform=path) == [path]
    warnings: list[str] = []
    xform = convert(xlsform=str(path), warnings=warnings, validate=False).xform
    assert warnings == []
    assert '<translation lang="Français (fr)" default="true()">' in xform
    assert '<translation lang="English (en)">' in xform
    assert f'id="example-2024_{stage}"' in xform
    for name in ("start", "end", "today", "deviceid", "participant_code",
                 "ex-q1", "ex-q2", "ex-q3", "ex-q4"):
        assert f"<{name}/>" in xform
    # typeset as on the paper test: a narrow no-break space before "?"
    assert "Quel élément distingue la traite du trafic illicite de migrants\u202f?" in xform
    assert "Which element distinguishes trafficking from smuggling?" in xform


def test_xlsform_sheets(ws, tmp_path):
    from toolkit.app import Session

    path = tmp_path / "pre.xlsx"
    Session.open(ws).test_form("pre", xlsform=path)  # the code rule comes from the layer
    survey = {row["name"]: row for row in _sheet_dicts(path, "survey")}
    assert list(survey) == ["start", "end", "today", "deviceid", "participant_code",
                            "ex-q1", "ex-q2", "ex-q3", "ex-q4"]
    assert {name: row["type"] for name, row in survey.items()} == {
        "start": "start", "end": "end", "today": "today", "deviceid": "deviceid",
        "participant_code": "text", "ex-q1": "select_one ex-q1_choices",
        "ex-q2": "select_multiple ex-q2_choices", "ex-q3": "select_one tf",
        "ex-q4": "integer"}
    code = survey["participant_code"]
    # issue 14.24: no roster yet, so the workshop's code prefix (EXA24), not "DKR-01" everywhere
    assert (code["required"], code["constraint"]) == (
        "yes", "regex(., '^[Ee][Xx][Aa]24-?[0-9]{1,4}$')")
    assert "EXA24-01" in code["constraint_message::Français (fr)"]
    assert "EXA24-01" in code["constraint_message::English (en)"]
    assert survey["ex-q2"]["hint::English (en)"] == "Select all that apply."
    choices = [(r["list_name"], r["name"], r["label::Français (fr)"], r["label::English (en)"])
               for r in _sheet_dicts(path, "choices")]
    assert choices == [
        ("ex-q1_choices", "a", "Le franchissement d’une frontière", "Crossing a border"),
        ("ex-q1_choices", "b", "Le but d’exploitation", "The purpose of exploitation"),
        ("ex-q1_choices", "c", "Le paiement d’une somme d’argent", "The payment of money"),
        ("ex-q2_choices", "threat", "La menace", "Threat"),
        ("ex-q2_choices", "deception", "La tromperie", "Deception"),
        ("ex-q2_choices", "visa", "La demande de visa", "A visa application"),
        ("tf", "true", "Vrai", "True"),
        ("tf", "false", "Faux", "False"),
    ]
    [settings] = _sheet_dicts(path, "settings")
    title = settings["form_title"]
    assert title == "Atelier d’exemple sur la protection des migrants — Pré-test"
    assert (settings["form_id"], settings["default_language"]) == ("example-2024_pre",
                                                                  "Français (fr)")
    assert re.fullmatch(r"[0-9a-f]{12}", settings["version"])


def test_xlsform_leaks_no_answer(ws, tmp_path):
    path = tmp_path / "pre.xlsx"
    write_test_form(ws, stage="pre", xlsform=path)
    book = openpyxl.load_workbook(path)
    cells = [str(v) for sheet in book for row in sheet.iter_rows(values_only=True)
             for v in row if v is not None]
    assert not [c for c in cells if "1967" in c or "correct" in c.lower()]
    assert not any(row["calculation"] for row in _sheet_dicts(path, "survey"))


def test_xlsform_version_follows_content_and_english_default(ws):
    questions = stage_questions(ws, "pre")
    first = xlsform_sheets(ws, questions, stage="pre")["settings"][1]
    again = xlsform_sheets(ws, questions, stage="pre")["settings"][1]
    fewer = xlsform_sheets(ws, questions[:2], stage="pre")["settings"][1]
    english = xlsform_sheets(ws, questions, stage="post", lang="en")["settings"][1]
    assert first == again and first[2] != fewer[2]
    assert english[0] == "Example workshop on migrant protection — Post-test"
    assert english[3] == "English (en)"


@pytest.mark.parametrize("code, ok", [
    ("DKR-01", True), ("dkr01", True), ("SN-1234", True), ("D-01", False), ("DKR-", False),
    ("DKR 01", False), ("DKR-01x", False),
])
def test_default_code_pattern(code, ok):
    assert bool(re.fullmatch(DEFAULT_CODE_PATTERN, code)) is ok


@pytest.mark.parametrize("pattern, example", [
    ("^[A-Z]{3}'[0-9]{2}$", "DKR'01"),  # a quote would end the XPath string
    ("^[A-Z]{3}-[0-9]{2}$", "DKR-1"),   # the example shown must match
])
def test_bad_code_pattern_is_refused(ws, pattern, example):
    with pytest.raises(ValueError):
        xlsform_sheets(ws, stage_questions(ws, "pre"), stage="pre", code_pattern=pattern,
                       code_example=example)


def test_custom_code_pattern(ws, tmp_path):
    path = tmp_path / "pre.xlsx"
    write_test_form(ws, stage="pre", xlsform=path, code_pattern=r"^BJ[0-9]{3}$",
                    code_example="BJ007")
    code = _sheet_dicts(path, "survey")[4]
    assert code["constraint"] == "regex(., '^BJ[0-9]{3}$')"
    assert code["label::English (en)"] == "Participant code (e.g. BJ007)"


def test_odd_ids_get_safe_names_in_form_and_key(ws, tmp_path):
    odd = Question("1 q", "ex-o1", "multiple", Text.of({"fr": "Q ?", "en": "Q?"}),
                   (Choice("yes sir", Text.of("Oui"), True), Choice("no", Text.of("Non"))))
    ws = with_questions(ws, [odd, *ws.modules[0].questions[2:]])
    form, key, pdf = tmp_path / "f.xlsx", tmp_path / "k.csv", tmp_path / "p.pdf"
    write_test_form(ws, stage="pre", xlsform=form, key=key, pdf=pdf)
    # no internal id in the participant's margin; the key's rows follow the question numbers
    assert "q_1_q" not in _text(pdf.read_bytes()) and "ex-q" not in _text(pdf.read_bytes())
    warnings: list[str] = []
    assert "<q_1_q/>" in convert(xlsform=str(form), warnings=warnings, validate=False).xform
    assert warnings == []
    table = pd.read_csv(key, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert table.iloc[0][["question", "answer", "choices", "id"]].tolist() == [
        "q_1_q", "yes_sir", "yes_sir|no", "1 q"]


@pytest.mark.parametrize("change, message", [
    ({"choices": ()}, "ex-q1 has no choices"),
    ({"choices": (Choice("a", Text.of("A")), Choice("b", Text.of("B")))}, "no correct choice"),
    ({"choices": (Choice("a", Text.of("A"), True), Choice("b", Text.of("B"), True))},
     "ex-q1 (single) has 2 correct choices; it needs exactly one"),
    ({"choices": (Choice("a", Text.of("A"), True), Choice("a", Text.of("B")))},
     "empty or duplicate choice ids"),
    ({"type": "number", "choices": ()}, "ex-q1 (number) has no answer"),
])
def test_unscorable_question_is_refused(ws, tmp_path, change, message):
    questions = list(ws.modules[0].questions)
    questions[0] = dataclasses.replace(questions[0], **change)
    with pytest.raises(CurriculumError, match=re.escape(message)):
        write_test_form(with_questions(ws, questions), stage="pre", key=tmp_path / "k.csv")
    assert list(tmp_path.iterdir()) == []


def test_one_language_workshop_and_decimal_answers(ws, tmp_path):
    questions = list(ws.modules[0].questions)
    questions[3] = dataclasses.replace(questions[3], answer=2.5)
    ws = dataclasses.replace(with_questions(ws, questions), languages=("en",))
    path = tmp_path / "en.xlsx"
    write_test_form(ws, stage="pre", xlsform=path)
    warnings: list[str] = []
    xform = convert(xlsform=str(path), warnings=warnings, validate=False).xform
    assert warnings == [] and "Français" not in xform
    assert 'nodeset="/data/ex-q4" type="decimal"' in xform
    header = next(openpyxl.load_workbook(path)["survey"].iter_rows(values_only=True))
    assert [h for h in header if h.startswith("label")] == ["label::English (en)"]


def test_language_the_workshop_lacks_is_refused(ws, tmp_path):
    ws = dataclasses.replace(ws, languages=("fr",))
    with pytest.raises(CurriculumError, match=r"the workshop is in fr, not in en\. Choose "
                                              r"--lang fr, or add en to its languages:"):
        write_test_form(ws, stage="pre", pdf=tmp_path / "p.pdf", lang="en")


def test_two_outputs_on_one_path_are_refused(ws, tmp_path):
    with pytest.raises(OutputError, match="would go to the same file"):
        write_test_form(ws, stage="pre", xlsform=tmp_path / "x.xlsx", key=tmp_path / "x.xlsx")
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- answer keys

KEY = [
    ["ex-q1", "b", "single", "a|b|c", "1", "ex-q1", "example-protection"],
    ["ex-q2", "threat|deception", "multiple", "threat|deception|visa", "1", "ex-q2",
     "example-protection"],
    ["ex-q3", "true", "true-false", "true|false", "1", "ex-q3", "example-protection"],
    ["ex-q4", "1967", "number", "", "1", "ex-q4", "example-protection"],
]
LETTERS_KEY = [
    ["ex-q1", "B", "single", "A|B|C", "1", "ex-q1", "example-protection"],
    ["ex-q2", "A|B", "multiple", "A|B|C", "1", "ex-q2", "example-protection"],
    ["ex-q3", "A", "single", "A|B", "1", "ex-q3", "example-protection"],
    ["ex-q4", "1967", "number", "", "1", "ex-q4", "example-protection"],
]
COLUMNS = ["question", "answer", "type", "choices", "points", "id", "module"]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_answer_keys_round_trip(ws, tmp_path, suffix):
    key = tmp_path / f"answer-key{suffix}"
    letters_key = tmp_path / f"answer-key-letters{suffix}"
    assert write_test_form(ws, stage="pre", key=key) == [key, letters_key]
    for path, expected in ((key, KEY), (letters_key, LETTERS_KEY)):
        if suffix == ".csv":
            assert path.read_bytes().startswith(b"\xef\xbb\xbfquestion,answer,type,")
            table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        else:
            table = pd.read_excel(path, dtype=str, keep_default_na=False,
                                  engine="calamine")
        assert table.columns.tolist() == COLUMNS
        assert table.to_numpy().tolist() == expected


def test_key_questions_are_the_form_names(ws, tmp_path):
    form, key = tmp_path / "pre.xlsx", tmp_path / "key.csv"
    write_test_form(ws, stage="pre", xlsform=form, key=key)
    names = [row["name"] for row in _sheet_dicts(form, "survey")][5:]
    assert pd.read_csv(key, dtype=str, encoding="utf-8-sig")["question"].tolist() == names


def test_key_tolerance_points_and_neutralised_cells(ws):
    questions = list(ws.modules[0].questions)
    questions[3] = dataclasses.replace(questions[3], answer=2.5, tolerance=0.5, points=2)
    questions[0] = dataclasses.replace(questions[0], module="=HYPERLINK(\"x\")")
    rows = key_rows(tuple(questions))
    assert [r["tolerance"] for r in rows] == ["", "", "", "0.5"]
    assert (rows[3]["answer"], rows[3]["points"]) == ("2.5", "2")
    assert "tolerance" not in key_rows(tuple(ws.modules[0].questions))[0]


def test_key_cells_are_neutralised(ws, tmp_path):
    questions = list(ws.modules[0].questions)
    questions[0] = dataclasses.replace(questions[0], module='=HYPERLINK("http://x")')
    write_test_form(with_questions(ws, questions), stage="pre", key=tmp_path / "k.csv")
    table = pd.read_csv(tmp_path / "k.csv", dtype=str, encoding="utf-8-sig")
    assert table["module"][0] == '\'=HYPERLINK("http://x")'  # CSV: Excel decides, so neutralised
    write_test_form(with_questions(ws, questions), stage="pre", key=tmp_path / "k.xlsx")
    cell = openpyxl.load_workbook(tmp_path / "k.xlsx")["key"]["G2"]
    assert (cell.value, cell.data_type) == ('=HYPERLINK("http://x")', "s")  # XLSX: as typed, text


def test_letters_key_path():
    assert letters_key_path("out/key.xlsx").as_posix() == "out/key-letters.xlsx"


# ---------------------------------------------------------------- paper test


def _text(data: bytes) -> str:
    import io

    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def _fonts(data: bytes) -> list[tuple[str, bool]]:
    import io

    found = []
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            embedded = bool(descriptor and "/FontFile2" in descriptor.get_object())
            found.append((str(font["/BaseFont"]), embedded))
    return found


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " "))


@pytest.mark.parametrize("lang, expected", [
    ("fr", ["Pré-test", "Code participant", "Nom et prénom", "4 mars 2024",
            "Quel élément distingue la traite du trafic illicite de migrants ?",
            "(plusieurs réponses possibles)", "La tromperie", "Vrai", "Faux", "Réponse :",
            "cochez toutes les bonnes réponses",
            "Fin du test. Vérifiez que votre code participant est écrit"]),
    ("en", ["Pre-test", "Participant code", "4 March 2024",
            "Which element distinguishes trafficking from smuggling?",
            "(select all that apply)", "Deception", "True", "False", "Answer:",
            "End of the test."]),
])
def test_paper_test_text(ws, lang, expected):
    text = _flat(_text(render_paper_test(ws, stage_questions(ws, "pre"), stage="pre",
                                         lang=lang)))
    for snippet in expected:
        assert snippet in text
    assert "1967" not in text  # no answers on the paper


def test_paper_test_defaults_to_first_language_and_post_date(ws):
    text = _flat(_text(render_paper_test(ws, stage_questions(ws, "post"), stage="post")))
    assert "Post-test — Dakar, 5 mars 2024 — 4 questions" in text


def test_paper_test_fonts_are_embedded_and_bytes_are_stable(ws, tmp_path):
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    write_test_form(ws, stage="pre", pdf=first)
    write_test_form(ws, stage="pre", pdf=second)
    assert first.read_bytes() == second.read_bytes()
    fonts = _fonts(first.read_bytes())
    assert fonts and all(embedded and ("Noto" in name or "DejaVu" in name) for name, embedded in fonts)
    meta = PdfReader(first).metadata
    assert meta.title == "Atelier d’exemple sur la protection des migrants — Pré-test"


def test_paper_test_escapes_data_and_lays_out_many_questions(ws):
    base = ws.modules[0].questions[0]
    text = "Koffi Mensah & Fils <ONG Espoir> ŋ ɓ ɗ ƴ ɛ ɔ ɲ n°{} ?"
    many = [dataclasses.replace(base, id=f"q{i}", text=Text.of(text.format(i)),
                                points=2 if i == 3 else 1) for i in range(1, 21)]
    data = render_paper_test(with_questions(ws, many), tuple(many), stage="pre")
    text = _flat(_text(data))
    assert "Koffi Mensah & Fils <ONG Espoir> ŋ ɓ ɗ ƴ ɛ ɔ ɲ n°20 ?" in text
    assert "[2 pts]" in text and "[1 pt]" in text
    assert len(PdfReader(__import__("io").BytesIO(data)).pages) > 1


@pytest.mark.parametrize("text, lang, expected", [
    ("Vrai ou faux : « oui » ?", "fr", "Vrai ou faux\u00a0: «\u202foui\u202f»\u202f?"),
    ("True or false: yes ?", "en", "True or false: yes ?"),
])
def test_typeset(text, lang, expected):
    assert typeset(text, lang) == expected


# ---------------------------------------------------------------- command line


@pytest.fixture
def fake_loader(monkeypatch, ws):
    """Stand in for toolkit.curriculum.load_workshop (written in parallel)."""
    module = types.ModuleType("toolkit.curriculum")
    module.load_workshop = lambda ref: ws
    monkeypatch.setitem(sys.modules, "toolkit.curriculum", module)


def test_cli_writes_all_three(fake_loader, tmp_path):
    out = tmp_path / "out"
    result = CliRunner().invoke(main, [
        "test-form", str(WORKSHOP_YAML), "--stage", "post", "--xlsform", str(out / "post.xlsx"),
        "--pdf", str(out / "post.pdf"), "--key", str(out / "key.csv"), "--lang", "en"],
        catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [str(out / n) for n in
                                          ("post.xlsx", "post.pdf", "key.csv",
                                           "key-letters.csv")]
    assert "Post-test" in _text((out / "post.pdf").read_bytes())


def test_cli_needs_an_output(fake_loader):
    result = CliRunner().invoke(main, ["test-form", str(WORKSHOP_YAML), "--stage", "pre"])
    assert result.exit_code == 2
    assert "Give at least one of --xlsform, --pdf, --key." in result.output


def test_cli_refuses_to_overwrite_the_workshop_file(fake_loader):
    result = CliRunner().invoke(main, ["test-form", str(WORKSHOP_YAML), "--stage", "pre",
                                       "--key", str(WORKSHOP_YAML)])
    assert result.exit_code == 1
    assert "is also an input file; it is never overwritten" in result.output


def test_typeset_form_labels_still_match_the_bank():
    """The XLSForm's labels are typeset (’, « », a narrow no-break space before ? in French);
    an export whose headers or answers carry them must still match the bank's texts, so the
    importer's comparison undoes every change the typography makes, for every question and
    choice of the bundled modules in both languages."""
    from toolkit.curriculum import load_workshop
    from toolkit.i18n.typography import typeset
    from toolkit.responses.text import norm

    texts = [text for module in load_workshop("dakar-2019").modules
             for question in module.questions
             for text in (question.text, *(c.text for c in question.choices))]
    pairs = [(t.get(lang), lang) for t in texts for lang in ("fr", "en") if t.get(lang)]
    changed = [(v, lang) for v, lang in pairs if typeset(v, lang) != v]
    assert len(pairs) > 500 and len(changed) > 50  # the typography does change many
    assert [v for v, lang in changed if norm(typeset(v, lang)) != norm(v)] == []
