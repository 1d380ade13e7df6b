"""`workshop test-form`: one test stage as an XLSForm, a paper test and its answer keys.

The answer key follows the format in the README ("What it reads") (columns question, answer, type,
choices, points, id,
module; ``tolerance`` is added only when a number question has one):

* ``question`` is the question's XLSForm name (= the question id when that is a valid XML
  name, see toolkit.stages.xlsform_names) and ``id`` the question id, so a Kobo/ODK export
  of the form scores with it whatever the export options;
* ``answer`` and ``choices`` are choice names (= choice ids), ``|``-separated.

With a key ``K.csv`` (or ``K.xlsx``) a second key ``K-letters.csv`` (``.xlsx``) is written for
paper results typed into a spreadsheet: the same rows, but ``answer`` and ``choices`` are the
letters printed on the paper test (A|B|C), numbers unchanged; a true-false question is
written there as type ``single`` with choices A|B (the paper prints "A Vrai", "B Faux"),
since a typed letter is not a true/false word. The typed sheet has one column per question,
headed by the name printed in grey beside each question on the paper (the key's
``question``).

CSV keys are UTF-8 with a BOM so Excel shows accents; every field is neutralised. XLSX keys
hold the text as typed, in cells typed as text (fileio.save_workbook).
"""
from __future__ import annotations

import csv
import os
from pathlib import Path

from ..errors import CurriculumError, OutputError
from ..fileio import atomic_write, check_not_input, neutralise_cell, save_workbook
from ..i18n import _
from ..model import Question, Workshop
from ..stages import (
    FROM_WORKSHOP,
    STAGES,
    Shuffle,
    check_scorable,
    choice_name,
    letters,
    stage_questions,
    xlsform_names,
)
from .xlsform import DEFAULT_CODE_EXAMPLE, DEFAULT_CODE_PATTERN, write_xlsform

KEY_COLUMNS = ("question", "answer", "type", "choices", "points", "id", "module")


def write_test_form(ws: Workshop, *, stage: str, xlsform: str | os.PathLike | None = None,
                    pdf: str | os.PathLike | None = None, key: str | os.PathLike | None = None,
                    lang: str | None = None, code_pattern: str | None = None,
                    code_example: str | None = None,
                    shuffle: Shuffle = FROM_WORKSHOP) -> list[Path]:
    """Write the XLSForm, paper-test PDF and answer keys asked for; return the paths written.

    The participant-code question's pattern and example are given by the caller (the
    application layer derives them from the roster or the code prefix, see
    toolkit.participant_codes.form_code_rule); the generic ones otherwise.

    ``shuffle``: a seed that orders each question's choices (default: the workshop's
    ``tests: shuffle:``; None: the bank's order). The three outputs take the same order, so
    the letters key matches the paper; choice names do not change, so an export of a
    shuffled XLSForm scores exactly as one of the unshuffled form. Paper answers typed as
    letters must be scored with the letters key of the same seed.
    """
    if stage not in STAGES:
        raise ValueError(_("stage must be one of {STAGES}, not {stage!r}").format(
                             STAGES=STAGES, stage=stage))
    if lang and ws.languages and lang not in ws.languages:
        raise CurriculumError(
            _("{value}: the workshop is in {values}, not in {lang}. Choose --lang {value2}, or "
              "add {lang} to its languages: and translate its questions.").format(
                value=ws.source or ws.id, values=', '.join(ws.languages), lang=lang,
                value2=ws.languages[0]))
    questions = stage_questions(ws, stage, shuffle)
    for question in questions:
        check_scorable(question)
    inputs = [ws.source] if ws.source else []
    outputs = [Path(p).resolve() for p in (xlsform, pdf, key) if p]
    if key:
        outputs.append(letters_key_path(key).resolve())
    if len(set(outputs)) != len(outputs):
        raise OutputError(_("Two outputs of test-form would go to the same file. Give --xlsform, "
                            "--pdf and --key different paths."))
    written: list[Path] = []
    if xlsform:
        check_not_input(xlsform, inputs)
        code_pattern = code_pattern or DEFAULT_CODE_PATTERN
        code_example = code_example or DEFAULT_CODE_EXAMPLE
        written.append(write_xlsform(ws, questions, xlsform, stage=stage, lang=lang,
                                     code_pattern=code_pattern, code_example=code_example))
    if pdf:
        from .pdf.papertest import render_paper_test
        from .pdf.theme import save_pdf

        check_not_input(pdf, inputs)
        written.append(save_pdf(render_paper_test(ws, questions, stage=stage, lang=lang), pdf))
    if key:
        check_not_input(key, inputs)
        check_not_input(letters_key_path(key), inputs)
        written.extend(write_answer_keys(questions, key))
    return written


def letters_key_path(key: str | os.PathLike) -> Path:
    """Where the letters key of ``key`` goes: answer-key.csv -> answer-key-letters.csv."""
    path = Path(key)
    return path.with_name(f"{path.stem}-letters{path.suffix}")


def key_rows(questions: tuple[Question, ...], *, by_letter: bool = False) -> list[dict]:
    """The answer-key rows of the questions (choice names, or paper letters with by_letter)."""
    names = xlsform_names(questions)
    with_tolerance = any(q.type == "number" and q.tolerance for q in questions)
    rows = []
    for question in questions:
        if question.type == "number":
            answer, choices = _number(question.answer), ""
        else:
            ids = [choice_name(c.id) for c in question.choices]
            shown = letters(len(ids)) if by_letter else ids
            by_id = dict(zip(ids, shown))
            correct = {choice_name(c) for c in question.correct_ids}
            answer = "|".join(by_id[i] for i in ids if i in correct)
            choices = "|".join(shown)
        # Paper prints "A Vrai / B Faux": a letter answer is a single choice, not true/false.
        kind = "single" if by_letter and question.type == "true-false" else question.type
        row = {"question": names[question.id], "answer": answer, "type": kind,
               "choices": choices, "points": _number(question.points), "id": question.id,
               "module": question.module}
        if with_tolerance:
            row["tolerance"] = _number(question.tolerance) if question.type == "number" else ""
        rows.append(row)
    return rows


def write_answer_keys(questions: tuple[Question, ...], key: str | os.PathLike) -> list[Path]:
    """Write the answer key and its letters twin (CSV with BOM, or XLSX by extension)."""
    written = []
    for path, by_letter in ((Path(key), False), (letters_key_path(key), True)):
        rows = key_rows(questions, by_letter=by_letter)
        columns = list(rows[0]) if rows else list(KEY_COLUMNS)
        table = [columns] + [[row[c] for c in columns] for row in rows]
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            _write_xlsx(path, table)  # text as typed; save_workbook keeps it text
        else:
            table = [[neutralise_cell(value) for value in line] for line in table]
            with atomic_write(path, "w", encoding="utf-8-sig", newline="") as handle:
                csv.writer(handle, lineterminator="\r\n").writerows(table)
        written.append(path)
    return written


def _write_xlsx(path: Path, table: list[list]) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "key"
    for row in table:
        sheet.append(row)
    # Text cells stay text: "1967" must not become a number nor "true" a boolean.
    for row in sheet.iter_rows():
        for cell in row:
            cell.number_format = "@"
    save_workbook(book, path)


def _number(value: float | None) -> str:
    if value is None:
        return ""
    number = float(value)
    return str(int(number)) if number.is_integer() else repr(number)
