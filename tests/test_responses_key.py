"""responses/key.py: answer keys from a file, an XLSForm and a workshop question bank."""
from __future__ import annotations

import datetime as dt

import pytest

from toolkit.errors import CurriculumError

from conftest import DATA
from toolkit.errors import KeyFileError
from toolkit import model
from toolkit.model import (AnswerKey, Choice, Day, Frame, KeyItem, Module, Question, Text,
                           Workshop)
from toolkit.responses import key_from_form, key_from_workshop, read_key
from toolkit.responses.text import name_key, norm, parse_number

KOBO = DATA / "samples" / "kobo"


def test_read_sample_key():
    key = read_key(KOBO / "answer-key.csv")
    assert [(i.id, i.type, i.answers) for i in key.items] == [
        ("k1", "single", frozenset({"b"})),
        ("k2", "true-false", frozenset({"false"})),
        ("k3", "multiple", frozenset({"passport", "debt", "movement"})),
        ("k4", "number", frozenset({"90"})),
        ("k5", "single", frozenset({"unhcr"})),
        ("k6", "multiple", frozenset({"c97", "c143", "icrmw"})),
    ]
    assert key.max_points == 6


def _key(tmp_path, text: str):
    path = tmp_path / "key.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_and_optional_columns(tmp_path):
    key = read_key(_key(tmp_path, "question,answer,choices,points,id,module\n"
                                  "Q1,A|C,A|B|C|D,2,q1,m1\nQ2,Vrai,,,,\n"))
    q1, q2 = key.items
    assert (q1.id, q1.type, q1.answers, q1.points, q1.module, q1.line) == \
        ("q1", "multiple", frozenset({"A", "C"}), 2.0, "m1", 2)
    assert [c for c, _ in q1.choices] == ["A", "B", "C", "D"]
    assert (q2.id, q2.type, q2.answers) == ("Q2", "single", frozenset({"Vrai"}))


@pytest.mark.parametrize("text, message", [
    ("question,type\nQ1,single\n",
     "has no column 'answer'"),
    ("question,answer\nQ1,a\nq1,b\n",
     r'row 3, question "q1": the question is already in row 2'),
    ("question,answer,type\nQ1,a,essay\n",
     r'row 2, question "Q1", column "type": "essay" is not a question type'),
    ("question,answer,choices\nQ1,E,A|B|C|D\n",
     r"row 2, question \"Q1\", column \"answer\": 'E' is not among the choices \(A, B, C, D\)"),
    ("question,answer,type\nQ1,maybe,true-false\n", "is not true or false"),
    ("question,answer,type\nQ1,ninety,number\n", '"ninety" is not one number'),
    ("question,answer,type\nQ1,a|b,single\n", "a single question has one correct answer"),
    ("question,answer\n", "has no questions"),
])
def test_key_errors_name_the_row(tmp_path, text, message):
    with pytest.raises(KeyFileError, match=message):
        read_key(_key(tmp_path, text))


def test_key_from_form_adds_labels_and_choices():
    key = key_from_form(KOBO / "xlsform_pretest.xlsx", read_key(KOBO / "answer-key.csv"))
    k1 = key.item("k1")
    assert k1.aliases == ("k1", "Que désigne la « migration mixte » ?",
                          "What does “mixed migration” refer to?")
    assert dict(k1.choices)["dk"] == ("Je ne sais pas", "I don't know")
    assert key.item("k2").choices[0] == ("true", ("Vrai", "True"))


def test_form_alone_has_no_answers():
    key = key_from_form(KOBO / "xlsform_pretest.xlsx")
    assert [(i.id, i.type) for i in key.items] == [
        ("org_type", "single"), ("k1", "single"), ("k2", "true-false"), ("k3", "multiple"),
        ("k4", "number"), ("k5", "single"), ("k6", "multiple")]
    assert all(not i.answers for i in key.items)


def test_key_answer_not_a_form_choice(tmp_path):
    key = read_key(_key(tmp_path, "question,answer\nk1,z\n"))
    with pytest.raises(KeyFileError, match=r'the answer "z" is not a choice of k1 in .*'
                                           r"xlsform_pretest.xlsx \(a, b, c, dk\)"):
        key_from_form(KOBO / "xlsform_pretest.xlsx", key)


def test_key_answer_by_label_maps_to_name(tmp_path):
    key = read_key(_key(tmp_path, "question,answer\nk5,UNHCR / national asylum commission\n"))
    assert key_from_form(KOBO / "xlsform_pretest.xlsx", key).item("k5").answers == {"unhcr"}


def _workshop() -> Workshop:
    questions = (
        Question("q1", "o1", "single", Text.of({"fr": "Quelle est la bonne réponse ?",
                                                 "en": "Which is right?"}),
                 choices=(Choice("a", Text.of({"fr": "Celle-ci", "en": "This one"}), True),
                          Choice("b", Text.of({"fr": "Celle-là", "en": "That one"})))),
        Question("q2", "o1", "true-false", Text.of({"fr": "Vrai ?", "en": "True?"}),
                 choices=(Choice("true", Text.of({"fr": "Vrai", "en": "True"})),
                          Choice("false", Text.of({"fr": "Faux", "en": "False"}), True))),
        Question("q3", "o2", "number", Text.of({"fr": "Année ?", "en": "Year?"}), answer=1967),
    )
    module = Module("m1", Text.of("Module"), questions=questions)
    frame = Frame(dt.time(9), dt.time(17))
    return Workshop("ws", Text.of("W"), ("fr", "en"), (Day(dt.date(2025, 3, 10), frame),), (),
                    modules=(module,), tests=model.TestSpec(pre=("q1", "q2", "q3"), post=("q3",)))


def test_key_from_workshop():
    pre = key_from_workshop(_workshop(), "pre")
    assert pre.items[0] == KeyItem(
        id="q1", question="q1", type="single", answers=frozenset({"a"}),
        choices=(("a", ("Celle-ci", "This one")), ("b", ("Celle-là", "That one"))),
        aliases=("Quelle est la bonne réponse ?", "Which is right?"), module="m1",
        objective="o1")
    assert pre.item("q2").answers == {"false"}
    assert pre.item("q3").answers == {"1967"}
    assert [i.id for i in key_from_workshop(_workshop(), "post").items] == ["q3"]


def test_workshop_test_lists_unknown_question():
    ws = _workshop()
    bad = Workshop(ws.id, ws.title, ws.languages, ws.days, ws.programme, modules=ws.modules,
                   tests=model.TestSpec(pre=("q9",)))
    # The selection is the one `workshop test-form` uses (toolkit.stages), errors included.
    with pytest.raises(CurriculumError, match='"q9"'):
        key_from_workshop(bad, "pre")


@pytest.mark.parametrize("raw, expected", [
    ("  Que désigne la «\u00a0migration mixte\u00a0» ? ", 'que désigne la "migration mixte"?'),
    ("What does “mixed migration” refer to?", 'what does "mixed migration" refer to?'),
    ("I don’t  know", "i don't know"),
    ("Vers qui l'orienter en priorité ?", "vers qui l'orienter en priorité?"),
    ("E\u0301TAT", "état"),
])
def test_norm(raw, expected):
    assert norm(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("15", 15.0), ("15,0", 15.0), ("15.0", 15.0), (" 15 ", 15.0), ("1\u202f500", 1500.0),
    ("1\u00a0500,5", 1500.5), ("1.500,5", 1500.5), ("1,500.5", 1500.5), ("abc", None), ("", None),
])
def test_parse_number(raw, expected):
    assert parse_number(raw) == expected


def test_name_key_ignores_case_accents_hyphens_order():
    assert name_key("Ouédraogo, Seydou") == name_key("seydou OUEDRAOGO") == \
        name_key("Seydou  Oué-draogo".replace("-", ""))
    assert name_key("Jean-Pierre Kaboré") == name_key("KABORE Jean Pierre")
    assert AnswerKey(()).max_points == 0


@pytest.mark.parametrize("word, qtype", [
    # fieldtest: a key typed in French Excel said "nombre" and was refused
    ("choix unique", "single"), ("choix multiple", "multiple"), ("Vrai/Faux", "true-false"),
    ("vrai faux", "true-false"), ("nombre", "number"), ("Numérique", "number")])
def test_french_type_words(tmp_path, word, qtype):
    answer = {"multiple": "a|b", "true-false": "faux", "number": "90"}.get(qtype, "a")
    key = read_key(_key(tmp_path, f"question;réponse;type\nQ1;{answer};{word}\n"))
    assert key.items[0].type == qtype
