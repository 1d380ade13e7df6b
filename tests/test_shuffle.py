"""Shuffled test forms (issue 18, point 3): one order per seed and stage, shared by the XLSForm,
the paper test and both keys; choice names never change, so a shuffled form scores the same
answers the same way (end to end: XLSForm -> simulated Kobo export -> `workshop score`)."""
from __future__ import annotations

import csv
import dataclasses
import random

import openpyxl
import pandas as pd
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from conftest import ROOT
from toolkit.cli import main
from toolkit.curriculum import load_workshop
from toolkit.model import TestSpec as Spec  # not "Test*": pytest would collect it
from toolkit.render.testform import key_rows, write_test_form
from toolkit.scoring.run import run_scoring
from toolkit import curriculum_bank as bank
from toolkit.stages import choice_order, letters, shuffle_test, shuffled, stage_questions

WORKSHOP = ROOT / "curricula" / "workshops" / "dakar-2019.yaml"
SEED = 7


@pytest.fixture(scope="module")
def ws():
    return load_workshop(WORKSHOP)


def test_choice_order_is_fixed_by_seed_stage_and_question():
    assert choice_order(4, 7, "pre", "mm-q1") == choice_order(4, 7, "pre", "mm-q1")
    assert sorted(choice_order(5, 7, "pre", "x")) == list(range(5))
    orders = {tuple(choice_order(4, seed, stage, "mm-q1"))
              for seed in range(6) for stage in ("pre", "post")}
    assert len(orders) > 3  # seeds and stages really give different orders


def test_shuffled_keeps_ids_keys_and_true_false_order(ws):
    for question in ws.questions.values():
        moved = shuffled(question, SEED, "pre")
        assert moved.correct_ids == question.correct_ids
        assert sorted(c.id for c in moved.choices) == sorted(c.id for c in question.choices)
        if question.type == "true-false":
            assert moved.choices == question.choices
    default = stage_questions(ws, "pre", None)
    moved = stage_questions(ws, "pre", SEED)
    assert [q.id for q in moved] == [q.id for q in default]
    assert any(a.choices != b.choices for a, b in zip(default, moved))


def test_workshop_setting_is_the_default_and_the_option_overrides_it(ws):
    set_ws = dataclasses.replace(ws, tests=dataclasses.replace(ws.tests, shuffle=SEED))
    assert stage_questions(set_ws, "post") == stage_questions(ws, "post", SEED)
    assert stage_questions(set_ws, "post", None) == stage_questions(ws, "post", None)
    assert stage_questions(ws, "pre", SEED) != stage_questions(ws, "post", SEED)


def _form(path):
    book = openpyxl.load_workbook(path, read_only=True)
    survey = [row for row in book["survey"].iter_rows(values_only=True)]
    choices = [row for row in book["choices"].iter_rows(values_only=True)][1:]
    by_list: dict[str, list[tuple[str, str]]] = {}
    for row in choices:
        by_list.setdefault(row[0], []).append((row[1], row[2]))  # name, French label
    questions = []
    for row in survey[1:]:
        kind = str(row[0])
        if kind.startswith("select_"):
            questions.append((row[1], kind.split()[0], by_list[kind.split()[1]]))
        elif kind in ("integer", "decimal"):
            questions.append((row[1], "number", []))
    return questions


def test_form_paper_and_keys_agree(ws, tmp_path):
    form, pdf, key = tmp_path / "post.xlsx", tmp_path / "post.pdf", tmp_path / "key.csv"
    write_test_form(ws, stage="post", xlsform=form, pdf=pdf, key=key, shuffle=SEED)
    plain = {r["question"]: r for r in key_rows(stage_questions(ws, "post", None))}
    with open(key, encoding="utf-8-sig", newline="") as handle:
        named = {r["question"]: r for r in csv.DictReader(handle)}
    with open(tmp_path / "key-letters.csv", encoding="utf-8-sig", newline="") as handle:
        lettered = {r["question"]: r for r in csv.DictReader(handle)}
    def plain_typography(value: str) -> str:  # the paper is typeset (’, no-break spaces)
        return " ".join(value.replace("\u2019", "'").replace("\u202f", " ")
                        .replace("\u00a0", " ").split())

    text = " ".join(plain_typography(page.extract_text()) for page in PdfReader(pdf).pages)
    moved = 0
    for name, kind, choices in _form(form):
        names = [c for c, _ in choices]
        if kind == "number":
            assert named[name]["answer"] == lettered[name]["answer"] == plain[name]["answer"]
            continue
        # the key's correct names do not depend on the order ...
        assert set(named[name]["answer"].split("|")) == set(plain[name]["answer"].split("|"))
        assert named[name]["choices"] == "|".join(names)
        # ... and its letters are the positions the form (and the paper) shows
        correct = set(plain[name]["answer"].split("|"))
        expected = "|".join(letter for letter, c in zip(letters(len(names)), names)
                            if c in correct)
        assert lettered[name]["answer"] == expected
        if kind == "select_one" and names != ["true", "false"]:
            moved += names != sorted(names)
            # the paper prints the options in the form's order
            spots = [text.find(plain_typography(label)[:30]) for _, label in choices]
            assert -1 not in spots and spots == sorted(spots), name
    assert moved >= 3


def _export(path, form_questions, answers, *, labels: bool) -> None:
    """A Kobo-like export of ``answers`` ({code: {question: set of names}}) from a form."""
    header = ["participant_code"] + [name for name, _, _ in form_questions]
    rows = []
    for code, given in answers.items():
        row = [code]
        for name, _, choices in form_questions:
            label_of = dict(choices)
            if not choices:
                row.append(next(iter(given[name])))
                continue
            picked = [c for c, _ in choices if c in given[name]]  # in the form's order
            row.append(" ".join(label_of[c] if labels else c for c in picked)
                       if not labels or len(picked) == 1 else " ".join(picked))
        rows.append(row)
    pd.DataFrame(rows, columns=header).to_csv(path, index=False, encoding="utf-8")


def test_a_shuffled_form_scores_the_same_answers_the_same_way(ws, tmp_path):
    plain_form, shuffled_form = tmp_path / "plain.xlsx", tmp_path / "shuffled.xlsx"
    write_test_form(ws, stage="post", xlsform=plain_form, shuffle=None)
    write_test_form(ws, stage="post", xlsform=shuffled_form, shuffle=SEED)
    plain_q, moved_q = _form(plain_form), _form(shuffled_form)
    assert [q[0] for q in plain_q] == [q[0] for q in moved_q]
    assert any(a[2] != b[2] for a, b in zip(plain_q, moved_q))
    rng = random.Random(18)
    bank = {q.id: q for q in stage_questions(ws, "post", None)}
    answers = {}
    for i in range(1, 13):
        given = {}
        for name, kind, choices in plain_q:
            names = [c for c, _ in choices]
            if kind == "number":
                given[name] = {rng.choice([int(bank[name].answer), int(bank[name].answer) + 2])}
            elif kind == "select_multiple":
                given[name] = set(rng.sample(names, rng.randint(1, len(names))))
            else:
                given[name] = {rng.choice(names)}
        answers[f"DKR-{i:02d}"] = given
    _export(tmp_path / "pre.csv", plain_q, answers, labels=False)
    _export(tmp_path / "post.csv", moved_q, answers, labels=True)
    result = run_scoring(workshop=ws, pre=tmp_path / "pre.csv", post=tmp_path / "post.csv")
    rows = result.per_participant()
    assert len(rows) == 12
    assert all(r["pre_pct"] == r["post_pct"] for r in rows)
    # and the score is the bank's: count by hand from the questions
    for row in rows:
        given = answers[row["id"]]
        right = sum(bank[name].points for name in given
                    if given[name] == (set(bank[name].correct_ids) if bank[name].choices
                                       else {int(bank[name].answer)}))
        total = sum(q.points for q in bank.values())
        assert row["pre_pct"] == pytest.approx(100 * right / total)
    assert len({r["pre_pct"] for r in rows}) > 2


def test_paper_letters_score_with_the_letters_key_of_the_same_seed(ws, tmp_path):
    key = tmp_path / "key.csv"
    write_test_form(ws, stage="pre", key=key, shuffle=SEED)
    shown = stage_questions(ws, "pre", SEED)
    rng = random.Random(5)
    rows, expected = [], {}
    bank_total = sum(q.points for q in shown)
    for i in range(1, 9):
        code, row, right = f"DKR-{i:02d}", [f"DKR-{i:02d}"], 0.0
        for q in shown:
            if q.type == "number":
                row.append(str(int(q.answer)))
                right += q.points
                continue
            marks = letters(len(q.choices))
            picked = ([rng.randrange(len(q.choices))] if q.type != "multiple"
                      else sorted(rng.sample(range(len(q.choices)), 2)))
            row.append("".join(marks[p] for p in picked))
            if {q.choices[p].id for p in picked} == set(q.correct_ids):
                right += q.points
        rows.append(row)
        expected[code] = 100 * right / bank_total
    names = [r["question"] for r in key_rows(shown)]
    pd.DataFrame(rows, columns=["participant_code", *names]).to_csv(tmp_path / "typed.csv",
                                                                     index=False)
    result = run_scoring(key=tmp_path / "key-letters.csv", pre=tmp_path / "typed.csv",
                         participants=ws.files.participants)
    got = {r["id"]: r["pre_pct"] for r in result.per_participant()}
    assert got == pytest.approx(expected)


def test_cli_shuffle_option_and_workshop_setting(tmp_path):
    text = WORKSHOP.read_text(encoding="utf-8")
    out = tmp_path / "a.csv"
    result = CliRunner().invoke(main, ["test-form", str(WORKSHOP), "--stage", "pre", "--key",
                                       str(out), "--shuffle", str(SEED)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    ws = load_workshop(WORKSHOP)
    expected = key_rows(stage_questions(ws, "pre", SEED), by_letter=True)
    with open(tmp_path / "a-letters.csv", encoding="utf-8-sig", newline="") as handle:
        assert [r["answer"] for r in csv.DictReader(handle)] == [r["answer"] for r in expected]
    bad = CliRunner().invoke(main, ["test-form", str(WORKSHOP), "--stage", "pre", "--key",
                                    str(out), "--shuffle", "-3"])
    assert bad.exit_code == 2
    # the workshop-file setting: tests: shuffle: SEED
    copy = tmp_path / "w.yaml"
    copy.write_text(text.replace("tests:\n", f"tests:\n  shuffle: {SEED}\n", 1)
                    .replace("modules_path: ../modules",
                             f"modules_path: {ROOT / 'curricula' / 'modules'}"),
                    encoding="utf-8")
    shuffled_ws = load_workshop(copy)
    assert shuffled_ws.tests.shuffle == SEED
    assert stage_questions(shuffled_ws, "pre") == stage_questions(ws, "pre", SEED)
    assert Spec().shuffle is None


def test_shuffled_tests_deal_single_choice_keys_round_the_positions(ws):
    """Independent shuffles can bunch keys on one letter; the test-level deal cannot."""
    for seed in range(20):
        for stage in ("pre", "post"):
            test = stage_questions(ws, stage, seed)
            single = [q for q in test if q.type == "single"]
            keys = [next(i for i, c in enumerate(q.choices) if c.correct) for q in single]
            counts = [keys.count(p) for p in range(4)]
            assert max(counts) - min(counts) <= 1, (seed, stage, counts)
            assert max(bank.blind_score(list(test), lang)[0] for lang in ws.languages) <= 40
    again = shuffle_test(stage_questions(ws, "pre", None), 3, "pre")
    assert again == stage_questions(ws, "pre", 3)
    assert {q.id: q.correct_ids for q in again} == {
        q.id: q.correct_ids for q in stage_questions(ws, "pre", None)}
