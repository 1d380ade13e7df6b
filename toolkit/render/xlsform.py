"""The pre- or post-test as an XLSForm for KoboToolbox / ODK (sheets survey, choices, settings).

No groups, so export headers are the question names whatever the export options; names are
the question ids (see toolkit.stages.xlsform_names) and choice names the choice ids, so an
export maps straight back to the question bank. Correct answers never appear in the form.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

from ..fileio import save_workbook
from ..i18n import N_, _, catalog_text, document_language
from ..i18n.typography import typeset
from ..model import Question, Text, Workshop
from ..stages import (
    STAGE_TITLES,
    TF_CHOICES,
    check_scorable,
    choice_name,
    is_plain_true_false,
    xlsform_names,
)

# Matches codes such as DKR-01, SN12, abc-0007 (the importer trims and upper-cases codes).
DEFAULT_CODE_PATTERN = r"^[A-Za-z]{2,5}-?[0-9]{1,4}$"
DEFAULT_CODE_EXAMPLE = "DKR-01"

TF_LIST = "tf"
_CODE_LABEL = catalog_text(N_("Participant code (e.g. {example})"))
_CODE_HINT = catalog_text(N_("Use the same code for the pre-test and the post-test."))
_CODE_MESSAGE = catalog_text(
    N_("Expected format: letters, an optional hyphen, then digits (e.g. {example})."))
_MULTIPLE_HINT = catalog_text(N_("Select all that apply."))
_NUMBER_HINT = catalog_text(N_("Answer with a number."))

SURVEY_FIELDS = ("type", "name", "label", "hint", "required", "constraint",
                 "constraint_message", "relevant", "calculation", "appearance")
_TRANSLATED = ("label", "hint", "constraint_message")


def language_column_name(code: str) -> str:
    """The XLSForm language name Kobo shows for an ISO 639-1 code: "fr" -> "Français (fr)"."""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(code).get_language_name(code) or code
    except (UnknownLocaleError, ValueError):  # unknown to CLDR: the code alone makes a valid column
        return f"{code} ({code})"
    return f"{name[:1].upper()}{name[1:]} ({code})"


def xlsform_sheets(ws: Workshop, questions: tuple[Question, ...], *, stage: str,
                   lang: str | None = None, code_pattern: str = DEFAULT_CODE_PATTERN,
                   code_example: str = DEFAULT_CODE_EXAMPLE) -> dict[str, list[list]]:
    """The three sheets of the test's XLSForm as lists of rows (header first)."""
    _check_code_pattern(code_pattern, code_example)
    langs = tuple(ws.languages) or ("fr",)
    default = document_language(langs, lang)
    fallback = (default, *langs)

    def texts(text: Text, **fmt) -> list[str]:
        # respondents read these on their phones: the typography of each language, as in
        # the paper test (’, « » in French; the importer folds them back when it matches)
        return [typeset(text.get(code, fallback=fallback).format(**fmt) if fmt else
                        text.get(code, fallback=fallback), code) for code in langs]

    names = xlsform_names(questions)
    survey: list[dict] = [{"type": kind, "name": kind}
                          for kind in ("start", "end", "today", "deviceid")]
    survey.append({"type": "text", "name": "participant_code", "required": "yes",
                   "label": texts(_CODE_LABEL, example=code_example),
                   "hint": texts(_CODE_HINT),
                   "constraint": f"regex(., '{code_pattern}')",
                   "constraint_message": texts(_CODE_MESSAGE, example=code_example)})
    choices: list[list] = []
    tf_used = False
    for question in questions:
        check_scorable(question)
        name = names[question.id]
        row: dict = {"name": name, "label": texts(question.text)}
        if question.type == "number":
            row["type"] = "integer" if _is_whole(question) else "decimal"
            row["hint"] = texts(_NUMBER_HINT)
        elif is_plain_true_false(question):
            row["type"] = f"select_one {TF_LIST}"
            tf_used = True
        else:
            list_name = f"{name}_choices"
            kind = "select_multiple" if question.type == "multiple" else "select_one"
            row["type"] = f"{kind} {list_name}"
            if question.type == "multiple":
                row["hint"] = texts(_MULTIPLE_HINT)
            choices.extend([list_name, choice_name(c.id), *texts(c.text)]
                           for c in question.choices)
        survey.append(row)
    if tf_used:
        choices.extend([TF_LIST, cid, *texts(text)] for cid, text in TF_CHOICES)

    columns = [f"{field}::{language_column_name(code)}" if field in _TRANSLATED else field
               for field in SURVEY_FIELDS for code in (langs if field in _TRANSLATED else ("",))]
    survey_rows = [columns] + [_flatten(row, len(langs)) for row in survey]
    choice_rows = [["list_name", "name", *(f"label::{language_column_name(c)}" for c in langs)]]
    choice_rows += choices
    title = ws.title.get(default, fallback=langs)
    stage_title = STAGE_TITLES[stage].get(default, fallback=langs)
    digest = hashlib.sha256(json.dumps([survey_rows, choice_rows], ensure_ascii=False)
                            .encode("utf-8")).hexdigest()
    settings = [["form_title", "form_id", "version", "default_language"],
                [typeset(f"{title} — {stage_title}", default), _form_id(ws.id, stage),
                 digest[:12],
                 language_column_name(default)]]
    return {"survey": survey_rows, "choices": choice_rows, "settings": settings}


def write_xlsform(ws: Workshop, questions: tuple[Question, ...], path: str | os.PathLike, *,
                  stage: str, lang: str | None = None,
                  code_pattern: str = DEFAULT_CODE_PATTERN,
                  code_example: str = DEFAULT_CODE_EXAMPLE) -> Path:
    """Write the test's XLSForm (.xlsx) atomically and return its path."""
    from openpyxl import Workbook

    sheets = xlsform_sheets(ws, questions, stage=stage, lang=lang, code_pattern=code_pattern,
                            code_example=code_example)
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(list(row))  # labels as typed: no apostrophe respondents would see
        sheet.freeze_panes = "A2"
        # Readable when a trainer opens the form in Excel to check or adapt it.
        for column, header in zip(sheet.iter_cols(max_row=1), rows[0]):
            width = 48 if header.startswith(("label", "hint", "constraint_message")) else 22
            sheet.column_dimensions[column[0].column_letter].width = width
    save_workbook(book, path)
    return Path(path)


def _flatten(row: dict, n_langs: int) -> list:
    out: list = []
    for field in SURVEY_FIELDS:
        value = row.get(field)
        if field in _TRANSLATED:
            out.extend(value if value is not None else [None] * n_langs)
        else:
            out.append(value)
    return out


def _is_whole(question: Question) -> bool:
    """Whether the form takes whole numbers only: the answer and tolerance are whole."""
    if question.answer is None:  # never here: check_scorable refuses it before
        return False
    return float(question.answer).is_integer() and float(question.tolerance).is_integer()


def _form_id(workshop_id: str, stage: str) -> str:
    form_id = re.sub(r"[^A-Za-z0-9_.-]", "_", f"{workshop_id}_{stage}")
    return form_id if re.match(r"[A-Za-z_]", form_id) else f"w_{form_id}"


def _check_code_pattern(pattern: str, example: str) -> None:
    if "'" in pattern:
        raise ValueError(_("the participant-code pattern cannot contain a single quote"))
    if not re.fullmatch(pattern, example):
        raise ValueError(_("the code example {example!r} does not match the pattern "
                           "{pattern!r}").format(
                             example=example, pattern=pattern))
