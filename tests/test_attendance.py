"""Half-day attendance sheets: headers, presence spellings, problems."""
from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import Workbook

from toolkit.attendance import HalfDay, parse_half_day, parse_presence, read_attendance
from toolkit.errors import ColumnError, InputFileError


@pytest.mark.parametrize("header, day, half", [
    ("2019-04-10 AM", "2019-04-10", "am"),
    ("2019-04-10 PM", "2019-04-10", "pm"),
    ("2019-4-9 matin", "2019-04-09", "am"),
    ("10/04/2019 après-midi", "2019-04-10", "pm"),
    ("J1 matin", "day 01", "am"),
    ("J1 après-midi", "day 01", "pm"),
    ("Jour 1 après-midi", "day 01", "pm"),
    ("Jour 2 Apres midi", "day 02", "pm"),
    ("Day 1 AM", "day 01", "am"),
    ("Day 3 afternoon", "day 03", "pm"),
    ("D1 PM", "day 01", "pm"),
    ("d2 am", "day 02", "am"),
])
def test_half_day_headers(header, day, half):
    assert parse_half_day(header) == HalfDay(day, half, header)


@pytest.mark.parametrize("header", ["name", "Nom", "id", "Organisation", "2019-13-45 AM",
                                    "Day one AM", "Jour 1", "signature"])
def test_other_headers_are_not_half_days(header):
    assert parse_half_day(header) is None


@pytest.mark.parametrize("value, expected", [
    (1, True), (1.0, True), ("1", True), ("1.0", True), ("x", True), ("X", True), ("P", True),
    ("p", True), ("oui", True), ("Oui", True), ("yes", True), ("présent", True),
    ("présente", True), ("Present", True), ("✓", True), ("✔", True), ("v", True), (True, True),
    (None, False), ("", False), ("  ", False), (0, False), ("0", False), ("A", False),
    ("absent", False), ("Absente", False), ("non", False), ("no", False), ("-", False),
    (False, False),
    ("2", None), ("peut-être", None), ("?", None), ("★", None), (0.5, None), ("late", None),
])
def test_presence_spellings(value, expected):
    assert parse_presence(value) is expected


def _csv(tmp_path, text, name="attendance.csv", encoding="utf-8-sig"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_read_csv_counts_present_half_days_and_lists_bad_cells(tmp_path):
    path = _csv(tmp_path, "Code participant;Nom;J1 matin;J1 après-midi;J2 matin;J2 après-midi\n"
                          "P01;Diallo;x;x;x;x\n"
                          "P02;Mensah;1;0;oui;peut-être\n"
                          ";Sans id;x;;;\n"
                          "P01;Diallo bis;;;;x\n")
    sheet = read_attendance(path)
    assert sheet.id_column == "Code participant"
    assert sheet.held == 4
    assert [h.header for h in sheet.half_days] == ["J1 matin", "J1 après-midi", "J2 matin",
                                                   "J2 après-midi"]
    assert (sheet.count("P01"), sheet.count("P02"), sheet.count("P99")) == (4, 2, 0)
    assert [(p.row, p.column, p.code) for p in sheet.problems] == [
        (3, "J2 après-midi", "unknown-presence"),
        (4, "Code participant", "missing-id"),
        (5, "Code participant", "duplicate-id"),
    ]


def test_read_cp1252_csv_with_commas(tmp_path):
    path = _csv(tmp_path, "id,name,Day 1 AM,Day 1 PM\nP01,Zoé,présent,absent\n",
                encoding="cp1252")
    sheet = read_attendance(path)
    assert sheet.count("P01") == 1


def test_read_xlsx_with_numbers_as_ids(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["participant_code", "2024-03-04 AM", "2024-03-04 PM", "2024-03-05 AM"])
    sheet.append([101, 1, None, "✓"])
    sheet.append([102.0, "A", "A", "A"])
    path = tmp_path / "presence.xlsx"
    book.save(path)
    result = read_attendance(path)
    assert result.present == {"101": frozenset({"2024-03-04 AM", "2024-03-05 AM"}),
                              "102": frozenset()}
    assert [(p.column, p.code) for p in result.problems] == [("2024-03-04 PM", "empty-half-day")]


@pytest.mark.parametrize("text, error, words", [
    ("nom,J1 matin\nA,x\n", ColumnError, "no participant id column"),
    ("id,nom\nP01,A\n", ColumnError, "no half-day column"),
    ("id,J1 matin,Day 1 AM\nP01,x,x\n", ColumnError, "name the same half-day"),
])
def test_unusable_sheets(tmp_path, text, error, words):
    with pytest.raises(error, match=words):
        read_attendance(_csv(tmp_path, text))


def test_missing_and_unknown_files(tmp_path):
    with pytest.raises(InputFileError, match="file not found"):
        read_attendance(tmp_path / "nope.csv")
    (tmp_path / "a.pdf").write_bytes(b"%PDF")
    with pytest.raises(InputFileError, match="unknown file type .pdf"):
        read_attendance(tmp_path / "a.pdf")


ABIDJAN_DAYS = [dt.date(2027, 3, 16), dt.date(2027, 3, 17), dt.date(2027, 3, 18)]  # Tue-Thu


@pytest.mark.parametrize("header, day, half", [
    ("16/03 matin", "2027-03-16", "am"),
    ("16/03/2027 matin", "2027-03-16", "am"),
    ("17.03.27 après-midi", "2027-03-17", "pm"),
    ("17-03-2027 PM", "2027-03-17", "pm"),
    ("16 mars après-midi", "2027-03-16", "pm"),
    ("18 Mars 2027 matin", "2027-03-18", "am"),
    ("March 17 AM", "2027-03-17", "am"),
    ("Mardi matin", "2027-03-16", "am"),
    ("mercredi après-midi", "2027-03-17", "pm"),
    ("Tue PM", "2027-03-16", "pm"),
    ("Thursday morning", "2027-03-18", "am"),
    ("Mardi 16 mars matin", "2027-03-16", "am"),
    ("J1 matin", "day 01", "am"),
    ("Jour 1 AM", "day 01", "am"),
    ("Tue, 16/03 - PM", "2027-03-16", "pm"),
])
def test_half_day_headers_people_write(header, day, half):
    assert parse_half_day(header, ABIDJAN_DAYS) == HalfDay(day, half, header)


def test_dates_without_workshop_days_keep_a_partial_key():
    assert parse_half_day("16/03 matin").day == "--03-16"
    assert parse_half_day("mardi matin").day == "weekday 1"
    assert parse_half_day("31/02 matin") is None  # no such day


def test_attendance_headers_in_several_forms(tmp_path):
    path = _csv(tmp_path, "Code participant;16/03 matin;16/03 après-midi;Mercredi matin;"
                          "Wed PM;18 mars matin;J3 après-midi\n"
                          "ABJ-01;P;P;P;A;x;oui\n")
    sheet = read_attendance(path, days=ABIDJAN_DAYS)
    assert sheet.held == 6
    assert sheet.count("ABJ-01") == 5
    assert [h.day for h in sheet.half_days][:5] == ["2027-03-16", "2027-03-16", "2027-03-17",
                                                    "2027-03-17", "2027-03-18"]


def test_a_half_day_header_outside_the_workshop_is_an_error_not_ignored(tmp_path):
    path = _csv(tmp_path, "id,Mardi matin,Lundi matin\nABJ-01,P,P\n")
    with pytest.raises(ColumnError, match='"Lundi matin" looks like a half-day'):
        read_attendance(path, days=ABIDJAN_DAYS)
