"""read_responses: every export of one test gives one answers table; rows are all accounted for."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from conftest import DATA
from toolkit.errors import ColumnError, MatchError, Problem
from toolkit.model import AnswerKey, KeyItem
from toolkit.responses import key_from_form, read_key, read_responses
from toolkit.responses.read import read_table
from toolkit.responses.table import Duplicate

KOBO = DATA / "samples" / "kobo"
OTHER = DATA / "samples" / "other"
PRE_EXPORTS = ["pre_labels_fr.xlsx", "pre_labels_fr.csv", "pre_labels_en.xlsx",
               "pre_xml_groups.xlsx", "pre_xml_groups.csv", "pre_xml.csv",
               "pre_labels_fr_details.csv"]
POST_EXPORTS = ["post_labels_fr.xlsx", "post_labels_fr.csv", "post_labels_en.xlsx",
                "post_xml_groups.xlsx", "post_xml_groups.csv", "post_xml.csv",
                "post_xml_summary.csv"]


@pytest.fixture(scope="module")
def keys() -> dict[str, AnswerKey]:
    base = read_key(KOBO / "answer-key.csv")
    return {stage: key_from_form(KOBO / f"xlsform_{stage}test.xlsx", base)
            for stage in ("pre", "post")}


def _accounted(result) -> None:
    assert result.rows_read == result.n + len(result.rejected) + len(result.duplicates)


@pytest.mark.parametrize("name", PRE_EXPORTS)
def test_every_pre_export_gives_the_same_answers(keys, name):
    reference = read_responses(KOBO / "pre_xml.csv", keys["pre"])
    result = read_responses(KOBO / name, keys["pre"])
    assert result.answers.equals(reference.answers)
    assert result.rows == reference.rows
    assert (result.format, result.rows_read, result.n, result.rejected, result.duplicates,
            result.warnings, result.match_by, result.time_column) == \
        ("kobo", 24, 24, (), (), (), "id", "end")
    _accounted(result)


@pytest.mark.parametrize("name", POST_EXPORTS)
def test_every_post_export_gives_the_same_answers(keys, name):
    reference = read_responses(KOBO / "post_xml.csv", keys["post"])
    result = read_responses(KOBO / name, keys["post"])
    assert result.answers.equals(reference.answers)
    # 23 submissions: DKR-05 and DKR-18 missed the post-test, "dkr-08" was typed in lower
    # case, DKR-12 submitted twice (rows 12 and 24; row 24 ended later, at 16:33:10 UTC).
    assert (result.rows_read, result.n, result.rejected) == (23, 22, ())
    assert result.duplicates == (Duplicate(str(KOBO / name), 12, "DKR-12", 24),)
    assert "DKR-08" in result.answers.index and result.rows["DKR-08"] == 8
    assert "DKR-05" not in result.answers.index and "DKR-18" not in result.answers.index
    _accounted(result)


def test_pre_answers_checked_by_hand(keys):
    answers = read_responses(KOBO / "pre_labels_fr.xlsx", keys["pre"]).answers
    assert answers.loc["DKR-01"].to_dict() == {
        "k1": "b", "k2": "true", "k3": frozenset({"passport", "debt", "movement"}),
        "k4": 15.0, "k5": "unhcr", "k6": frozenset({"c97", "c143", "icrmw"})}
    assert answers.loc["DKR-04"].to_dict() == {
        "k1": "b", "k2": "true", "k3": frozenset({"passport", "contract"}), "k4": 60.0,
        "k5": "dk", "k6": frozenset({"c97", "c143", "icrmw", "kyoto"})}
    assert list(answers.columns) == ["k1", "k2", "k3", "k4", "k5", "k6"]


def _write_csv(path: Path, headers, rows, *, delimiter=";", encoding="utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as fh:
        writer = csv.writer(fh, delimiter=delimiter)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


def test_label_summary_columns_split_on_known_labels(tmp_path, keys):
    """Labels joined by spaces (no 0/1 columns) are split greedily on the known labels."""
    table = read_table(KOBO / "pre_labels_fr.csv")
    keep = [j for j, h in enumerate(table.headers) if "?/" not in h and ")/" not in h]
    path = _write_csv(tmp_path / "summary.csv", [table.headers[j] for j in keep],
                      [[row[j] for j in keep] for row in table.rows])
    result = read_responses(path, keys["pre"])
    assert result.answers.equals(read_responses(KOBO / "pre_xml.csv", keys["pre"]).answers)


def test_french_excel_resaved_kobo_csv(keys):
    result = read_responses(OTHER / "kobo_resaved_by_french_excel.csv", keys["pre"])
    assert (result.format, result.rows_read, result.n, result.rejected, result.warnings) == \
        ("kobo", 30, 30, (), ())
    assert result.answers.loc["DKR-01"].to_dict() == {
        "k1": "b", "k2": "false", "k3": frozenset({"passport", "contract"}), "k4": 15.0,
        "k5": "police", "k6": frozenset({"c97", "c143", "kyoto"})}


@pytest.fixture(scope="module")
def quiz_key() -> AnswerKey:
    return read_key(DATA / "keys" / "quiz-key.csv")


@pytest.mark.parametrize("name, id_column, time_column", [
    ("google_forms_quiz_en.csv", "Email Address", "Timestamp"),
    ("google_forms_quiz_fr.csv", "Adresse e-mail", "Horodateur"),
])
def test_google_forms(quiz_key, name, id_column, time_column):
    result = read_responses(OTHER / name, quiz_key)
    assert (result.format, result.match_by, result.id_column, result.time_column, result.n,
            result.rejected, result.duplicates, result.warnings) == \
        ("google-forms", "email", id_column, time_column, 8, (), (), ())
    awa = result.answers.loc["awa.coulibaly@example.org"]
    # an option that contains ", " is not cut in two
    assert awa["q2"] == frozenset({"Confiscation of identity documents", "Debt bondage",
                                   "Written contract, signed before departure",
                                   "Restricted freedom of movement"})


def test_ms_forms_anonymous_rows_rejected(quiz_key):
    result = read_responses(OTHER / "ms_forms_quiz.xlsx", quiz_key)
    file = str(OTHER / "ms_forms_quiz.xlsx")
    assert (result.format, result.match_by, result.n) == ("ms-forms", "email", 6)
    assert [(p.row, p.code) for p in result.rejected] == [(3, "anonymous"), (9, "anonymous")]
    assert result.rejected[0].file == file
    assert result.answers.loc["awa@ngo.example", "q2"] == \
        frozenset({"Debt bondage", "Restricted freedom of movement"})
    assert result.answers.loc["awa@ngo.example", "q1"] == "Labour migration only"
    _accounted(result)


def test_unknown_answer_kept_and_warned(tmp_path, keys):
    table = read_table(KOBO / "pre_xml.csv")
    rows = table.rows
    k1 = table.headers.index("k1")
    k4 = table.headers.index("k4")
    rows[2][k1] = "z"
    rows[5][k1] = " z "
    rows[6][k4] = "beaucoup"
    path = _write_csv(tmp_path / "odd.csv", table.headers, rows)
    result = read_responses(path, keys["pre"])
    assert result.answers.loc["DKR-03", "k1"] == "?z"
    assert result.answers.loc["DKR-07", "k4"] == "?beaucoup"
    assert [(w.code, w.row, w.column) for w in result.warnings] == [
        ("unknown-choice", 4, "k1"), ("unknown-choice", 8, "k4")]
    assert result.warnings[0].message == (
        '"z" matches no choice of k1 (a, b, c, dk) in rows 4, 7; it scores 0. Fix the cells '
        "or add the choice to the answer key.")
    # fieldtest: a word in a number question was told to "add the choice to the answer key"
    assert result.warnings[1].message == (
        '"beaucoup" is not a number in row 8; it scores 0. Write the number in digits (e.g. 90).')


def test_key_question_not_in_export(quiz_key):
    # (a header one typo away, "trafficing", is now taken and reported: test_no_silent_import)
    key = AnswerKey((KeyItem("q2", "Which are signs of trafficking?", "multiple",
                             frozenset({"Debt bondage"})),), source="key.csv")
    with pytest.raises(ColumnError) as err:
        read_responses(OTHER / "google_forms_quiz_en.csv", key)
    assert str(err.value) == (
        f'{OTHER / "google_forms_quiz_en.csv"}: the answer-key question "Which are signs '
        'of trafficking?" is not a column of this export (closest headers: "Which are '
        'indicators of trafficking?", "What does “mixed migration” refer to?", "Email '
        'Address"). If the question was edited in the form '
        'between the tests, map its column to the question: --map "Which are indicators of '
        'trafficking?=q2". If the export uses labels and the key uses '
        "XLSForm names, pass the form with --form (or use --workshop); otherwise fix the "
        "question in the key key.csv to match the header exactly.")


def test_names_key_against_label_export_says_use_form():
    with pytest.raises(ColumnError, match="pass the form with --form"):
        read_responses(KOBO / "pre_labels_fr.xlsx", read_key(KOBO / "answer-key.csv"))


def _item(qtype, answers, choices=()):
    return KeyItem("q", "Q", qtype, frozenset(answers),
                   choices=tuple((c, labels) for c, labels in choices))


LETTERS = [("A", ("Alpha",)), ("B", ("Beta",)), ("C", ("Gamma",)), ("D", ("Delta",))]
NAMES = [("passport", ("Confiscation des documents d'identité",)),
         ("debt", ("Servitude pour dettes",)), ("contract", ("Contrat écrit",)),
         ("movement", ("Liberté de mouvement restreinte",))]


@pytest.mark.parametrize("item, cells, expected", [
    (_item("multiple", "AC", LETTERS), ["ABC", "A,B,C", "a; b; c", "A;B;C;", "Alpha, Beta Gamma"],
     frozenset("ABC")),
    (_item("multiple", "AC", LETTERS), ["", "  "], None),
    (_item("multiple", ["debt"], NAMES),
     ["passport debt", "Confiscation des documents d'identité Servitude pour dettes",
      "Confiscation des documents d’identité;Servitude pour dettes;", "debt passport"],
     frozenset({"passport", "debt"})),
    (_item("true-false", ["false"]), ["Vrai", "TRUE", "oui", "Yes", "1", "true"], "true"),
    (_item("true-false", ["false"]), ["Faux", "false", "Non", "no", "0"], "false"),
    (_item("number", ["15"]), ["15", "15,0", "15.0", " 15 "], 15.0),
    (_item("number", ["1500"]), ["1\u202f500", "1\u00a0500", "1500,0"], 1500.0),
    (_item("single", ["b"], [("a", ("Oui",)), ("b", ("Non merci",))]),
     ["b", "B", " non  MERCI "], "b"),
])
def test_answer_normalisation(tmp_path, item, cells, expected):
    path = _write_csv(tmp_path / "t.csv", ["code", "Q"],
                      [[f"P{i}", c] for i, c in enumerate(cells)])
    result = read_responses(path, AnswerKey((item,)), id_column="code")
    if expected is None:
        assert [p.code for p in result.rejected] == ["no-answer"] * len(cells)
    else:
        assert list(result.answers["q"]) == [expected] * len(cells)
        assert result.warnings == ()


def test_rows_rejected_and_duplicates_without_time(tmp_path):
    item = _item("single", ["a"], [("a", ()), ("b", ())])
    path = _write_csv(tmp_path / "t.csv", ["Code participant", "Q"], [
        ["A01", "a"], ["", "b"], ["A02", ""], [" a01 ", "b"], ["A03", "b"]])
    result = read_responses(path, AnswerKey((item,)))
    file = str(path)
    assert result.rejected == (
        Problem(file, 3, "Code participant", "missing-identity",
                "no participant code: the row cannot be linked to a participant. Fill in the "
                "participant code (or remove the row)."),
        Problem(file, 4, None, "no-answer", "no scored question was answered; the row is not "
                                            "scored."))
    # no time column: the row lower in the sheet counts
    assert result.duplicates == (Duplicate(file, 2, "A01", 5),)
    assert result.answers["q"].to_dict() == {"A01": "b", "A03": "b"}
    assert result.identities["A01"] == {"id": "a01", "name": "", "email": ""}
    _accounted(result)


def test_duplicate_kept_by_french_dates(tmp_path):
    item = _item("single", ["a"], [("a", ()), ("b", ())])
    path = _write_csv(tmp_path / "t.csv", ["Code", "Horodateur", "Q"], [
        ["A01", "13/03/2025 09:00:00", "a"], ["A01", "12/03/2025 10:00:00", "b"]])
    result = read_responses(path, AnswerKey((item,)))
    assert result.duplicates == (Duplicate(str(path), 3, "A01", 2),)
    assert result.answers.loc["A01", "q"] == "a"


def test_no_identity_column(tmp_path):
    path = _write_csv(tmp_path / "t.csv", ["Q"], [["a"]])
    with pytest.raises(MatchError, match="no column identifies the participants.*--id-column"):
        read_responses(path, AnswerKey((_item("single", ["a"]),)))


def test_id_column_by_label_and_unknown(tmp_path, keys):
    result = read_responses(KOBO / "pre_labels_en.xlsx", keys["pre"],
                            id_column="Participant code (e.g. DKR-07)")
    assert result.id_column == "Participant code (e.g. DKR-07)"
    with pytest.raises(ColumnError, match='there is no column "Code" \\(given with --id-col'):
        read_responses(KOBO / "pre_xml.csv", keys["pre"], id_column="Code")


def test_odk_central_csv(tmp_path, keys):
    """ODK Central: names only, groups joined with '-', select-multiple split into q/choice."""
    headers = ["SubmissionDate", "start", "end", "participant_code", "connaissances-k1",
               "connaissances-k2", "connaissances-k3", "connaissances-k3/passport",
               "connaissances-k3/debt", "connaissances-k3/contract", "connaissances-k3/movement",
               "connaissances-k4", "connaissances-k5", "connaissances-k6",
               "meta-instanceID", "KEY", "SubmitterID", "SubmitterName", "ReviewState"]
    rows = [["2025-03-10T09:00:00.000Z", "", "", "DKR-01", "b", "true", "passport debt",
             "1", "1", "0", "0", "90", "unhcr", "c97 c143", "uuid:1", "uuid:1", "5", "x", ""],
            ["2025-03-10T09:05:00.000Z", "", "", "DKR-02", "a", "false", "contract",
             "0", "0", "1", "0", "15", "dk", "", "uuid:2", "uuid:2", "5", "x", ""]]
    path = _write_csv(tmp_path / "odk.csv", headers, rows, delimiter=",")
    result = read_responses(path, keys["pre"])
    assert (result.format, result.time_column, result.columns["k3"], result.columns["k1"]) == \
        ("odk-central", "SubmissionDate", "connaissances-k3", "connaissances-k1")
    assert result.answers.loc["DKR-01"].to_dict() == {
        "k1": "b", "k2": "true", "k3": frozenset({"passport", "debt"}), "k4": 90.0,
        "k5": "unhcr", "k6": frozenset({"c97", "c143"})}
    assert result.answers.loc["DKR-02", "k6"] is None


def test_ods_workbook(tmp_path, quiz_key):
    import pandas as pd

    frame = pd.read_csv(OTHER / "google_forms_quiz_en.csv", dtype=str, keep_default_na=False)
    path = tmp_path / "quiz.ods"
    frame.to_excel(path, index=False, engine="odf")
    result = read_responses(path, quiz_key)
    reference = read_responses(OTHER / "google_forms_quiz_en.csv", quiz_key)
    assert result.answers.equals(reference.answers)


def test_key_file_as_xlsx(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Question", "Answer", "Type", "Points"])
    ws.append(["k4", 90, "number", 2])
    wb.save(tmp_path / "key.xlsx")
    item = read_key(tmp_path / "key.xlsx").items[0]
    assert (item.id, item.type, item.answers, item.points) == ("k4", "number", {"90"}, 2.0)


def test_true_false_keeps_a_known_other_choice(tmp_path, keys):
    table = read_table(KOBO / "pre_labels_fr.csv")
    rows = table.rows
    k2 = table.headers.index(
        "Vrai ou faux : des frais de recrutement peuvent être facturés aux travailleurs "
        "migrants.")
    rows[0][k2] = "Je ne sais pas"  # not a choice of true_false: reported
    path = _write_csv(tmp_path / "tf.csv", table.headers, rows)
    result = read_responses(path, keys["pre"])
    assert result.answers.loc["DKR-01", "k2"] == "?Je ne sais pas"
    item = KeyItem("q", "Q", "true-false", frozenset({"true"}),
                   choices=(("true", ("Vrai",)), ("false", ("Faux",)), ("dk", ("Je ne sais pas",))))
    path = _write_csv(tmp_path / "dk.csv", ["code", "Q"], [["A", "Je ne sais pas"], ["B", "Vrai"]])
    result = read_responses(path, AnswerKey((item,)))
    assert list(result.answers["q"]) == ["dk", "true"] and result.warnings == ()


def test_blank_id_column_falls_back_to_email(tmp_path):
    item = _item("single", ["a"], [("a", ()), ("b", ())])
    path = _write_csv(tmp_path / "t.csv", ["Code", "Email", "Q"], [
        ["", "a@example.org", "a"], ["", "b@example.org", "b"]])
    result = read_responses(path, AnswerKey((item,)))
    assert (result.match_by, list(result.answers.index)) == \
        ("email", ["a@example.org", "b@example.org"])


def test_delimiter_sniffed_despite_commas_in_labels(tmp_path):
    path = tmp_path / "labels.csv"
    path.write_text('"Code";"Selon le Protocole, combien de jours, au plus ?"\r\n'
                    '"A1";"90"\r\n"A2";"15"\r\n', encoding="utf-8")
    table = read_table(path)
    assert (table.delimiter, table.headers[1]) == (
        ";", "Selon le Protocole, combien de jours, au plus ?")


def test_csv_named_xlsx_imports_with_a_note(tmp_path, quiz_key):
    path = tmp_path / "quiz.xlsx"
    path.write_bytes((OTHER / "google_forms_quiz_en.csv").read_bytes())
    result = read_responses(path, quiz_key)
    assert result.n == 8
    assert result.notes == (f"{path} is named .xlsx but is a text (CSV) file: it was read as "
                            "CSV.",)


def test_label_headers_with_group_labels(tmp_path, keys):
    """"Include groups in headers" with labels: "Connaissances/<question>[/<choice>]"."""
    table = read_table(KOBO / "pre_labels_fr.csv")
    start = table.headers.index("Que désigne la « migration mixte » ?")
    stop = table.headers.index("Qu'attendez-vous de cet atelier ?")
    headers = [f"Connaissances/{h}" if start <= j < stop else h
               for j, h in enumerate(table.headers)]
    path = _write_csv(tmp_path / "groups.csv", headers, table.rows)
    result = read_responses(path, keys["pre"])
    assert result.answers.equals(read_responses(KOBO / "pre_xml.csv", keys["pre"]).answers)
    assert result.columns["k1"] == "Connaissances/Que désigne la « migration mixte » ?"


def test_a_row_whose_answers_are_no_choice_at_all_is_rejected_not_scored_0(tmp_path):
    """Issue 6 (nothing lost) / issue 10 (two header rows): a labels row under the names row
    was scored as participant 'CODE DU PARTICIPANT' with 0 %, pulling the mean down."""
    item = KeyItem("q", "Q", "single", frozenset({"a"}), choices=(("a", ()), ("b", ())))
    key = AnswerKey((item, KeyItem("r", "R", "single", frozenset({"b"}),
                                   choices=(("a", ()), ("b", ())))))
    path = _write_csv(tmp_path / "t.csv", ["code", "Q", "R"],
                      [["Code du participant", "Question 1", "Question 2"],
                       ["P1", "a", "b"], ["P2", "zz", "b"], ["P3", "zz", ""]])
    result = read_responses(path, key, id_column="code")
    # one odd answer among real ones (P2), or a single odd answer alone (P3), is still scored
    assert list(result.answers.index) == ["P1", "P2", "P3"]
    assert [(p.row, p.code) for p in result.rejected] == [(2, "no-choice")]
    _accounted(result)


@pytest.mark.parametrize("name", PRE_EXPORTS + POST_EXPORTS + ["__blanks__"])
def test_importer_codes_are_pandas_factorize_of_the_answers(tmp_path, keys, name):
    """ImportResult.factorized (reused by scoring) equals pandas.factorize of each column."""
    import numpy as np
    import pandas as pd

    if name == "__blanks__":  # blanks, a number column, dropped duplicate rows
        path = tmp_path / "blanks.csv"
        path.write_text("id,q1,q2\nA,b,\nB,,2\nC,a,2.0\nA,a,x\nD,b,\n", encoding="utf-8")
        key = AnswerKey((KeyItem("q1", "q1", "single", frozenset({"a"}),
                                 choices=(("a", ()), ("b", ()))),
                         KeyItem("q2", "q2", "number", frozenset({"2"}))))
    else:
        path = (KOBO if (KOBO / name).exists() else OTHER) / name
        key = keys["pre" if name.startswith("pre") else "post"]
    result = read_responses(path, key)
    frame, columns = result.factorized
    assert frame is result.answers and columns
    for item in key.items:
        if item.id not in columns:  # a select-multiple split into detail columns
            continue
        codes, distinct = columns[item.id]
        want_codes, want_distinct = pd.factorize(
            result.answers[item.id].to_numpy(dtype=object), use_na_sentinel=True)
        assert codes.tolist() == want_codes.tolist()
        assert list(distinct[:-1]) == list(want_distinct) and distinct[-1] is None
        assert list(distinct[codes]) == list(result.answers[item.id])
        assert np.asarray(codes).dtype == np.intp
