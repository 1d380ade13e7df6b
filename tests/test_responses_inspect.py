"""inspect_file and `workshop inspect`: report what an import sees, never raise for gaps."""
from __future__ import annotations

import csv
import json

from click.testing import CliRunner

from conftest import DATA
from toolkit.cli import main
from toolkit.responses import inspect_file
from toolkit.responses.read import read_table

KOBO = DATA / "samples" / "kobo"
OTHER = DATA / "samples" / "other"
KEY = KOBO / "answer-key.csv"


def test_inspect_post_with_key():
    report = inspect_file(KOBO / "post_xml.csv", key=str(KEY))
    d = report.to_dict()
    assert (d["format"], d["rows_read"], d["counted"], d["match_by"], d["columns"]) == \
        ("kobo", 23, 22, "id", {"id": "participant_code", "email": None, "name": None,
                                "time": "end"})
    assert [q["header"] for q in d["questions"]] == ["k1", "k2", "k3", "k4", "k5", "k6"]
    assert d["duplicates"] == [{"file": str(KOBO / "post_xml.csv"), "row": 12, "id": "DKR-12",
                                "kept_row": 24}]
    assert d["missing"] == [] and d["answers_known"] is True


def test_inspect_reports_missing_questions_instead_of_raising():
    report = inspect_file(KOBO / "pre_labels_fr.xlsx", key=str(KEY))
    assert [m["id"] for m in report.missing] == ["k1", "k2", "k3", "k4", "k5", "k6"]
    assert all(len(m["closest"]) == 3 for m in report.missing)
    assert report.counted is None
    assert any("--form" in note for note in report.notes)
    assert "k1: NOT FOUND" in report.to_text()


def test_inspect_form_alone_and_unknown_answers(tmp_path):
    table = read_table(KOBO / "pre_xml.csv")
    rows = table.rows
    rows[0][table.headers.index("k5")] = "ministère"
    path = tmp_path / "odd.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter=";").writerows([table.headers, *rows])
    report = inspect_file(path, form=str(KOBO / "xlsform_pretest.xlsx"))
    assert report.answers_known is False
    assert report.unknown_answers == ({"id": "k5", "header": "k5", "value": "ministère",
                                       "count": 1, "rows": [2]},)
    text = report.to_text()
    assert 'k5: "ministère" x1 (row 2)' in text
    assert "Correct answers are unknown" in text


def test_inspect_without_key_lists_identity():
    report = inspect_file(OTHER / "ms_forms_quiz.xlsx")
    assert (report.format, report.match_by, report.columns["time"]) == \
        ("ms-forms", "email", "Completion time")


def test_cli_inspect_json_equals_library():
    result = CliRunner().invoke(main, ["inspect", str(KOBO / "post_xml.csv"), "--key",
                                       str(KEY), "--json"], catch_exceptions=False)
    assert result.exit_code == 0
    expected = inspect_file(KOBO / "post_xml.csv", key=str(KEY)).to_dict()
    assert json.loads(result.output) == json.loads(json.dumps(expected))


def test_cli_inspect_bad_file_is_an_error(tmp_path):
    empty = tmp_path / "empty.xlsx"
    empty.write_bytes(b"")
    result = CliRunner().invoke(main, ["inspect", str(empty)])
    assert result.exit_code == 1
    assert "the file is empty (0 bytes)" in result.output


def test_inspect_with_a_workshop_question_bank(tmp_path):
    from test_responses_key import _workshop

    path = tmp_path / "post.csv"
    path.write_text("Code participant;Quelle est la bonne réponse ?;Vrai ?;Année ?\n"
                    "A1;Celle-ci;Faux;1967\nA2;That one;Vrai;1 967\nA3;Aucune;;\n",
                    encoding="utf-8")
    report = inspect_file(path, workshop=_workshop())
    assert [(q["id"], q["header"]) for q in report.questions] == [("q3", "Année ?")]
    assert report.columns["id"] == "Code participant"
    # the post-test has only q3, which A3 left blank
    assert (report.counted, [(r["row"], r["code"]) for r in report.rejected]) == \
        (2, [(4, "no-answer")])


def test_inspect_workshop_pre_stage(tmp_path):
    from test_responses_key import _workshop

    path = tmp_path / "pre.csv"
    path.write_text("Code participant;Quelle est la bonne réponse ?;Vrai ?;Année ?\n"
                    "A1;Celle-ci;Faux;1967\nA2;That one;Vrai;1 967\nA3;Aucune;;\n",
                    encoding="utf-8")
    report = inspect_file(path, workshop=_workshop())
    assert [q["id"] for q in report.questions] == ["q1", "q2", "q3"]
    assert report.answers_known and report.counted == 3
    assert report.unknown_answers == ({"id": "q1", "header": "Quelle est la bonne réponse ?",
                                       "value": "Aucune", "count": 1, "rows": [4]},)


def test_inspect_wrong_id_column_is_reported():
    report = inspect_file(KOBO / "post_xml.csv", key=str(KEY), id_column="Matricule")
    assert report.notes[0].startswith(f'{KOBO / "post_xml.csv"}: there is no column "Matricule"')
    assert (report.columns["id"], report.counted) == ("participant_code", 22)


def test_duplicate_matched_by_email_does_not_print_the_address(tmp_path):
    # fieldtest: inspect printed "duplicate of aminata.diallo@example.org"
    lines = (OTHER / "google_forms_quiz_en.csv").read_text(encoding="utf-8").splitlines()
    path = tmp_path / "twice.csv"
    path.write_text("\n".join([*lines, "4/1/2025 10:00:00" + lines[1][lines[1].index(","):]])
                    + "\n", encoding="utf-8")
    report = inspect_file(path, key=str(DATA / "keys" / "forms-quiz-key.csv"))
    text = report.to_text()
    assert "  row 2: duplicate of the same e-mail as row 10, row 10 counts" in text
    assert "@" not in text and "@" not in json.dumps(report.to_dict())
