"""Input templates a trainer fills in: roster, attendance sheet, satisfaction XLSForm.

Pure writers: the headers and rows come in as data and one workbook goes out. The headers are
the ones the readers recognise (responses/roster.py, attendance.py, scoring/satisfaction.py), so
a filled template is read back without any configuration.
"""
from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from ..fileio import save_workbook
from ..i18n.typography import typeset
from ..model import Text, Workshop
from ..survey_forms import SurveyQuestion
from .xlsform import language_column_name

ROSTER_HEADERS = Text.of({
    "fr": "id|nom|prénoms|sexe|organisation|fonction|pays|e-mail|téléphone",
    "en": "id|family name|given names|sex|organisation|function|country|e-mail|phone",
})
_EXAMPLE = Text.of({
    "fr": "{code}|EXEMPLE|À supprimer|F|ONG Exemple|Chargée de programme|{country}||",
    "en": "{code}|EXAMPLE|Delete this row|F|Example NGO|Programme officer|{country}||",
})
_LISTS = Text.of({"fr": "listes", "en": "lists"})
_SEX_PROMPT = Text.of({"fr": "F (femme) ou M (homme)", "en": "F (woman) or M (man)"})
_EMAIL_PROMPT = Text.of({"fr": "Une adresse e-mail, ou vide. Elle ne sera imprimée nulle part.",
                         "en": "An e-mail address, or blank. It is never printed."})
_PRESENCE_PROMPT = Text.of({"fr": "P (présent·e) ou A (absent·e)",
                            "en": "P (present) or A (absent)"})
_NAME = Text.of({"fr": "nom", "en": "name"})
_ATTENDANCE_SHEET = Text.of({"fr": "présence", "en": "attendance"})


def _fallback(lang: str) -> tuple[str, ...]:
    return (lang, "en", "fr")


def write_roster_template(path: str | os.PathLike, *, lang: str, code: str,
                          countries: Sequence[str]) -> Path:
    """participants.xlsx: roster headers, one example row to delete, validated cells."""
    from openpyxl import Workbook
    from openpyxl.worksheet.datavalidation import DataValidation

    headers = ROSTER_HEADERS.get(lang, fallback=_fallback(lang)).split("|")
    example = _EXAMPLE.get(lang, fallback=_fallback(lang)).format(
        code=code, country=countries[0] if countries else "").split("|")
    book = Workbook()
    sheet = book.active
    sheet.title = "participants"
    sheet.append(headers)
    sheet.append([value or None for value in example])
    lists = book.create_sheet(_LISTS.get(lang, fallback=_fallback(lang)))
    for row, country in enumerate(countries, 1):
        lists.cell(row=row, column=1, value=country)
    lists.sheet_state = "hidden"
    last = 500
    sex = DataValidation(type="list", formula1='"F,M"', allow_blank=True,
                         prompt=_SEX_PROMPT.get(lang, fallback=_fallback(lang)))
    sex.add(f"D2:D{last}")
    country_list = DataValidation(type="list", allow_blank=True,
                                  formula1=f"'{lists.title}'!$A$1:$A${max(1, len(countries))}")
    country_list.add(f"G2:G{last}")
    email = DataValidation(type="custom", allow_blank=True,
                           formula1='OR(H2="",AND(ISNUMBER(SEARCH("@",H2)),'
                                    'ISNUMBER(SEARCH(".",H2))))',
                           prompt=_EMAIL_PROMPT.get(lang, fallback=_fallback(lang)),
                           showErrorMessage=True)
    email.add(f"H2:H{last}")
    for rule in (sex, country_list, email):
        rule.showInputMessage = True
        sheet.add_data_validation(rule)
    widths = (12, 22, 22, 8, 34, 28, 18, 30, 20)
    for column, width in zip("ABCDEFGHI", widths, strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "B2"
    return save_workbook(book, path)


def write_attendance_template(path: str | os.PathLike, *, lang: str,
                              half_days: Sequence[str],
                              people: Sequence[tuple[str, str]]) -> Path:
    """attendance.xlsx: one row per participant (id, name), one P/A column per half-day."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = _ATTENDANCE_SHEET.get(lang, fallback=_fallback(lang))
    sheet.append(["id", _NAME.get(lang, fallback=_fallback(lang)), *half_days])
    for pid, name in people:
        sheet.append([pid, name])
    last_row = max(len(people) + 1, 200)
    last_col = get_column_letter(2 + len(half_days))
    presence = DataValidation(type="list", formula1='"P,A"', allow_blank=True,
                              prompt=_PRESENCE_PROMPT.get(lang, fallback=_fallback(lang)))
    presence.showInputMessage = True
    presence.add(f"C2:{last_col}{last_row}")
    sheet.add_data_validation(presence)
    sheet.column_dimensions["A"].width = 12
    sheet.column_dimensions["B"].width = 30
    for index in range(len(half_days)):
        sheet.column_dimensions[get_column_letter(3 + index)].width = 17
    sheet.freeze_panes = "C2"
    return save_workbook(book, path)


def write_satisfaction_xlsform(ws: Workshop, questions: Sequence[SurveyQuestion],
                               path: str | os.PathLike, *, lang: str) -> Path:
    """The satisfaction survey as an XLSForm (KoboToolbox / ODK), every workshop language."""
    from openpyxl import Workbook

    langs = tuple(ws.languages) or (lang,)
    columns = [language_column_name(code) for code in langs]
    survey: list[list] = [["type", "name", *(f"label::{c}" for c in columns),
                           *(f"hint::{c}" for c in columns), "required", "constraint",
                           "appearance"]]
    survey += [["start", "start"] + [""] * (2 * len(langs) + 3),
               ["end", "end"] + [""] * (2 * len(langs) + 3)]
    choices: list[list] = [["list_name", "name", *(f"label::{c}" for c in columns)]]
    seen_lists: set[str] = set()
    for question in questions:
        kind = {"satisfied": "select_one satisfied", "agree": "select_one agree",
                "sex": "select_one sex", "recommend": "integer", "code": "text",
                "comments": "text"}[question.kind]
        constraint = ". >= 0 and . <= 10" if question.kind == "recommend" else ""
        appearance = "multiline" if question.kind == "comments" else (
            "likert" if question.kind in ("satisfied", "agree") else "")
        required = "yes" if question.kind in ("satisfied", "agree") else "no"
        # read on phones: each language's typography, as on the paper form
        survey.append([kind, question.name,
                       *(typeset(question.label.get(code, fallback=_fallback(code)), code)
                         for code in langs),
                       *(typeset(question.hint.get(code, fallback=_fallback(code)), code)
                         if question.hint else "" for code in langs),
                       required, constraint, appearance])
        list_name = kind.split(" ")[1] if kind.startswith("select_one") else ""
        if list_name and list_name not in seen_lists:
            seen_lists.add(list_name)
            choices += [[list_name, name,
                         *(typeset(label.get(code, fallback=_fallback(code)), code)
                           for code in langs)]
                        for name, label in question.choices]
    settings = [["form_title", "form_id", "default_language"],
                [f"{ws.title.get(lang, fallback=_fallback(lang))} — satisfaction",
                 f"{ws.id}-satisfaction", language_column_name(lang)]]
    book = Workbook()
    book.remove(book.active)
    for title, rows in (("survey", survey), ("choices", choices), ("settings", settings)):
        sheet = book.create_sheet(title)
        for row in rows:
            # XLSForm cells are read as strings by pyxform: written as they are (no quote)
            sheet.append(list(row))
        sheet.freeze_panes = "A2"
    return save_workbook(book, path)
