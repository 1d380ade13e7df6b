"""Field test: Google Forms and Microsoft Forms exports scored with a hand-written key."""
from __future__ import annotations

import json

from click.testing import CliRunner

from toolkit.cli import main

KEY = "keys/forms-quiz-key.csv"  # question = header text, answer = label, as typed by hand
OTHER = "samples/other"


def _score(data_dir, *args):
    return CliRunner().invoke(main, ["score", "--key", str(data_dir / KEY), *map(str, args)],
                              catch_exceptions=False)


def test_google_en_fr_pair_scores_every_row(data_dir):
    result = _score(data_dir, "--pre", data_dir / OTHER / "google_forms_quiz_en.csv",
                    "--post", data_dir / OTHER / "google_forms_quiz_fr.csv", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["pre"]["n"], data["post"]["n"], data["matched"]["n"]) == (8, 8, 8)
    assert "@" not in result.stdout.replace("workshop-toolkit", "")


def test_auto_match_falls_back_to_names_when_emails_differ(data_dir):
    # The same people answered Google Forms with one address and MS Forms with another:
    # --match auto used to pick e-mail, link nobody and print "Matched: n = 0" with no reason.
    result = _score(data_dir, "--pre", data_dir / OTHER / "google_forms_quiz_en.csv",
                    "--post", data_dir / OTHER / "ms_forms_quiz.xlsx")
    assert result.exit_code == 0, result.output
    assert "Matched: n = 6, mean 72.2 % -> 77.8 %" in result.stdout
    assert "Participants linked by: name\n" in result.stdout
    assert "row 3: anonymous response" in result.stdout


def test_summary_says_why_figures_are_missing(data_dir, tmp_path):
    post = tmp_path / "post.csv"
    post.write_text("Timestamp,Email Address,Score,Name / Nom,What does “mixed migration” "
                    "refer to?,Which are indicators of trafficking?,Recruitment fees may be "
                    "charged to migrant workers.\n3/11/2025 09:02:39,someone@example.org,1 / 3,"
                    "Someone Else,Labour migration only,Debt bondage,False\n", encoding="utf-8")
    result = _score(data_dir, "--pre", data_dir / OTHER / "google_forms_quiz_en.csv",
                    "--post", post)
    assert result.exit_code == 0, result.output
    assert "Note: matched: No participant took both tests: no gain computed." in result.stdout


def test_key_written_in_french_reads_an_english_true_false_column(data_dir, tmp_path):
    # fieldtest: a Bamako facilitator wrote "Faux" (no type) for an English form whose export
    # says "False": the question scored 0 for everyone, without a word
    english = (data_dir / KEY).read_text(encoding="utf-8")
    french = tmp_path / "clé.csv"
    french.write_text(english.replace(",False\n", ",Faux\n"), encoding="utf-8")
    args = ["--pre", data_dir / OTHER / "google_forms_quiz_en.csv",
            "--post", data_dir / OTHER / "google_forms_quiz_fr.csv", "--json"]
    same = CliRunner().invoke(main, ["score", "--key", str(french), *map(str, args)],
                              catch_exceptions=False)
    reference = _score(data_dir, *args)
    assert json.loads(same.stdout)["items"][2]["pre"]["pct_correct"] == \
        json.loads(reference.stdout)["items"][2]["pre"]["pct_correct"] == 87.5


def test_anonymous_quiz_scored_alone_counts_every_row(data_dir, tmp_path):
    # fieldtest: an anonymous MS Forms quiz given once scored n = 0 (every row "rejected");
    # DESIGN §5 rejects a row without identity only when it must be linked to another file
    from openpyxl import load_workbook

    wb = load_workbook(data_dir / OTHER / "ms_forms_quiz.xlsx")
    ws = wb.active
    for row in range(2, ws.max_row + 1):
        ws.cell(row, 4).value, ws.cell(row, 5).value = "anonymous", None
    quiz = tmp_path / "quiz.xlsx"
    wb.save(quiz)
    alone = json.loads(_score(data_dir, "--post", quiz, "--json").stdout)
    assert (alone["post"]["n"], alone["participants"]["rejected"]) == (8, [])
    assert [p["id"] for p in alone["per_participant"]][:2] == ["quiz.xlsx row 2",
                                                              "quiz.xlsx row 3"]
    paired = json.loads(_score(data_dir, "--pre", data_dir / OTHER / "google_forms_quiz_en.csv",
                               "--post", quiz, "--json").stdout)
    assert paired["post"]["n"] == 0 and len(paired["participants"]["rejected"]) == 8


def test_empty_code_column_falls_back_to_email_for_a_single_test(data_dir, tmp_path):
    # fieldtest: a "Code participant" column nobody filled in: the importer used the e-mails,
    # but linking switched back to the empty codes and rejected every row ("no id ... the
    # other file", with no other file given)
    lines = (data_dir / OTHER / "google_forms_quiz_en.csv").read_text(encoding="utf-8").splitlines()
    pre = tmp_path / "pre.csv"
    pre.write_text("\n".join([lines[0] + ",Code participant"]
                             + [line + "," for line in lines[1:]]) + "\n", encoding="utf-8")
    data = json.loads(_score(data_dir, "--pre", pre, "--json").stdout)
    assert (data["pre"]["n"], data["participants"]["rejected"]) == (8, [])


def test_a_correct_answer_nobody_chose_is_pointed_out(data_dir, tmp_path):
    # fieldtest: "Debt bondag" typed in the key made the question 0 % for everyone, silently
    key = tmp_path / "key.csv"
    key.write_text((data_dir / KEY).read_text(encoding="utf-8").replace(
        "Debt bondage", "Debt bondag"), encoding="utf-8")
    result = CliRunner().invoke(main, ["score", "--key", str(key), "--post",
                                       str(data_dir / OTHER / "google_forms_quiz_fr.csv")],
                                catch_exceptions=False)
    assert (f'Note: post-test: nobody chose "Debt bondag", a correct answer of "Which are '
            f'indicators of trafficking?": check its spelling ({key}, row 3) against the '
            'answers in column "Which are indicators of trafficking?".') in result.stdout
    clean = _score(data_dir, "--post", data_dir / OTHER / "google_forms_quiz_fr.csv")
    assert "nobody chose" not in clean.stdout
