"""Issue 14, the import and matching points: no silent wrong result, a clear message instead.

Each test reproduces what a new user met (it failed before the fix).
"""
from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from toolkit.cli import main
from toolkit.responses import inspect_file, read_key, read_responses


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _run(*argv: str):
    result = CliRunner().invoke(main, [str(a) for a in argv], catch_exceptions=False)
    return result


# ---------------------------------------------------------------- 21: empty CSV rows

def test_empty_csv_row_is_counted_as_skipped(tmp_path):
    key = _write(tmp_path / "key.csv", "question,answer\nQ1,a\nQ2,b\n")
    lines = ["Code,Q1,Q2", "A1,a,b", "A2,a,a", "", "A3,b,b", "A4,a,b", ""]
    export = _write(tmp_path / "pre.csv", "\n".join(lines) + "\n")
    report = inspect_file(export, key=key)
    assert report.rows_read == 4 and report.empty_rows == (4,)
    text = report.to_text()
    assert "Rows read: 4; empty rows skipped: 1 (row 4)" in text
    assert "Counted: 4, rejected: 0, duplicates: 0, empty rows skipped: 1" in text
    assert report.to_dict()["empty_rows"] == [4]
    # the trailing blank line is the end of the file, not a skipped row
    imported = read_responses(export, read_key(key))
    assert any("1 empty row between the answers skipped (row 4)" in n for n in imported.notes)


# ---------------------------------------------------------------- 10: an item nobody answered

def test_item_nobody_answered_is_named(tmp_path):
    key = _write(tmp_path / "key.csv", "id,question,answer\nq1,Q1,a\nq2,Q2,b\nq3,Q3,c\n")
    pre = _write(tmp_path / "pre.csv", "Code,Q1,Q2,Q3\nA1,a,b,\nA2,a,a,\nA3,b,b,\n")
    result = _run("score", "--key", key, "--pre", pre, "--json")
    data = json.loads(result.stdout)
    warnings = [w for w in data["participants"]["warnings"] if w["code"] == "no-answers"]
    assert len(warnings) == 1 and warnings[0]["column"] == "Q3"
    assert 'nobody answered q3 ("Q3", column "Q3")' in warnings[0]["message"]
    assert "lowers every score" in warnings[0]["message"]
    text = _run("score", "--key", key, "--pre", pre).stdout
    assert "Problem: " in text and "nobody answered q3" in text
    assert "nobody answered q3" in inspect_file(pre, key=key).to_text()


# ---------------------------------------------------------------- 6: letters on a paper test

def test_letters_are_read_as_letters_when_the_key_answers_are_letters(tmp_path):
    key = _write(tmp_path / "key.csv", "id,question,answer,type\n"
                                       "m1,Q1,A|B|C,multiple\ns1,Q2,B,single\n")
    pre = _write(tmp_path / "pre.csv", "Code,Q1,Q2\nA1,ABC,B\nA2,A C,b\nA3,abd,C\nA4,C B A,B\n")
    imported = read_responses(pre, read_key(key))
    assert imported.answers["m1"].tolist() == [
        frozenset("ABC"), frozenset("AC"), frozenset("ABD"), frozenset("ABC")]
    data = json.loads(_run("score", "--key", key, "--pre", pre, "--json").stdout)
    scores = {row["id"]: row["pre_pct"] for row in data["per_participant"]}
    assert scores == {"A1": 100.0, "A2": 50.0, "A3": 0.0, "A4": 100.0}
    assert not [w for w in data["participants"]["warnings"] if w["code"] == "no-match"]


def test_a_question_whose_answers_never_match_is_a_problem(tmp_path):
    # the key's answers are full texts, the export holds letters: nothing can match
    key = _write(tmp_path / "key.csv", "id,question,answer,type\n"
                 "m1,Q1,Movements of people|Labour only,multiple\ns1,Q2,B,single\n")
    pre = _write(tmp_path / "pre.csv", "Code,Q1,Q2\nA1,AB,B\nA2,A,B\nA3,B,C\n")
    message = ('no answer to m1 in column "Q1" matches a choice or an answer of the key '
               "(Labour only | Movements of people): every row would score 0 on it")
    report = inspect_file(pre, key=key)
    assert [p for p in report.problems if message in p]
    assert f"Problem: {message}" in report.to_text()
    result = _run("score", "--key", key, "--pre", pre, "--json")
    codes = [(w["column"], w["code"]) for w in json.loads(result.stdout)["participants"]
             ["warnings"]]
    assert codes == [("Q1", "no-match")]
    assert message in _run("score", "--key", key, "--pre", pre).stdout


# ---------------------------------------------------------------- 7: --id-column as a form name

KOBO = Path(__file__).resolve().parent / "data" / "samples" / "kobo"


def test_id_column_given_as_the_xlsform_name_finds_the_french_label():
    args = ["score", "--key", KOBO / "answer-key.csv", "--form", KOBO / "xlsform_pretest.xlsx",
            "--id-column", "participant_code", "--json"]
    for export in ("pre_labels_fr.xlsx", "pre_labels_en.xlsx"):
        result = _run(*args, "--pre", KOBO / export)
        assert result.exit_code == 0, result.output
        ids = [row["id"] for row in json.loads(result.stdout)["per_participant"]]
        assert len(ids) == 24 and "DKR-07" in ids
    report = inspect_file(KOBO / "pre_labels_fr.xlsx", key=KOBO / "answer-key.csv",
                          form=str(KOBO / "xlsform_pretest.xlsx"), id_column="participant_code")
    assert report.columns["id"] == "Code participant (ex. DKR-07)" and not report.notes[1:]


def _form(path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    survey = book.active
    survey.title = "survey"
    survey.append(["type", "name", "label::Français (fr)", "label::English (en)",
                   "label::Wolof (wo)"])
    survey.append(["text", "badge", "Numéro du badge", "Badge number", "Nimero badge bi"])
    survey.append(["select_one yn", "q1", "Question un", "Question one", "Laaj bu njëkk"])
    choices = book.create_sheet("choices")
    choices.append(["list_name", "name", "label::Français (fr)", "label::English (en)"])
    choices.append(["yn", "yes", "Oui", "Yes"])
    choices.append(["yn", "no", "Non", "No"])
    book.save(path)
    return path


def test_id_column_resolves_through_the_labels_in_every_language(tmp_path):
    form = _form(tmp_path / "form.xlsx")
    key = _write(tmp_path / "key.csv", "question,answer\nq1,yes\n")
    for header, question in (("Numéro du badge", "Question un"), ("Badge number", "Question one"),
                             ("Nimero badge bi", "Laaj bu njëkk")):
        export = _write(tmp_path / "pre.csv", f"{header};{question}\nB-7;Oui\nB-8;No\n")
        result = _run("score", "--key", key, "--form", form, "--pre", export,
                      "--id-column", "badge", "--json")
        assert result.exit_code == 0, result.output
        assert [r["id"] for r in json.loads(result.stdout)["per_participant"]] == ["B-7", "B-8"]
    result = _run("score", "--key", key, "--form", form, "--pre", export, "--id-column", "code")
    assert result.exit_code == 1
    assert 'there is no column "code" (given with --id-column)' in result.stderr
    without_form = _run("score", "--key", key, "--pre", export, "--id-column", "badge")
    assert "give the form with --form" in without_form.stderr


# ---------------------------------------------------------------- 9: a header edited between tests

QUESTION = "Combien de jours un citoyen peut-il séjourner sans visa ?"


def test_a_header_edited_between_pre_and_post_is_matched_and_reported(tmp_path):
    key = _write(tmp_path / "key.csv", f"id,question,answer,type\nq1,{QUESTION},90,number\n"
                                       "q2,Le Protocole date de quelle année ?,1979,number\n")
    pre = _write(tmp_path / "pre.csv", f"Code;{QUESTION};Le Protocole date de quelle année ?\n"
                                       "A1;30;1979\nA2;90;1980\n")
    fixed = QUESTION.replace("séjourner", "séjourner au maximum")  # the form was edited
    post = _write(tmp_path / "post.csv", f"Code;{fixed};Le Protocole date de quelle année ?\n"
                                         "A1;90;1979\nA2;90;1979\n")
    result = _run("score", "--key", key, "--pre", pre, "--post", post, "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert {r["id"]: r["post_pct"] for r in data["per_participant"]} == {"A1": 100.0,
                                                                           "A2": 100.0}
    note = [n for n in data["notes"] if "was taken as question q1" in n]
    assert len(note) == 1 and note[0].startswith(f"post-test: {post}: the column \"{fixed}\"")
    assert "--map" in note[0]
    assert any("was taken as question q1" in n for n in inspect_file(post, key=key).notes)


def test_an_ambiguous_edited_header_says_which_and_how_to_map(tmp_path):
    key = _write(tmp_path / "key.csv", f"id,question,answer,type\nq1,{QUESTION},90,number\n")
    one = QUESTION.replace("un citoyen", "une citoyenne")
    two = QUESTION.replace("un citoyen", "un citoyen ")[:-1] + "?!"
    post = _write(tmp_path / "post.csv", f"Code;{one};{two}\nA1;90;3\nA2;90;4\n")
    result = _run("score", "--key", key, "--post", post)
    assert result.exit_code == 1
    message = result.stderr
    assert f'the answer-key question "{QUESTION}" is not a column of this export' in message
    assert "map its column to the question: --map" in message and "=q1" in message
    mapped = _run("score", "--key", key, "--post", post, "--map", f"{one}=q1", "--json")
    assert mapped.exit_code == 0, mapped.output
    scores = {r["id"]: r["post_pct"] for r in json.loads(mapped.stdout)["per_participant"]}
    assert scores == {"A1": 100.0, "A2": 100.0}
    assert inspect_file(post, key=key, header_map=[f"{one}=q1"]).questions[0]["header"] == one
    wrong = _run("score", "--key", key, "--post", post, "--map", f"{one}=q9")
    assert wrong.exit_code == 1 and "the key has no question q9" in wrong.stderr
    assert "HEADER=QUESTION_ID" in _run("score", "--key", key, "--post", post,
                                        "--map", "nothing").stderr


def test_short_or_numbered_headers_are_never_matched_approximately(tmp_path):
    key = _write(tmp_path / "key.csv", "id,question,answer\nq3,Question numéro 3 du test,a\n")
    post = _write(tmp_path / "post.csv", "Code;Question numéro 13 du test\nA1;a\n")
    result = _run("score", "--key", key, "--post", post)
    assert result.exit_code == 1 and "is not a column of this export" in result.stderr


# ---------------------------------------------------------------- 3: per-person matching

WORKSHOP = Path(__file__).resolve().parent / "data" / "workshops" / "example.yaml"
RIGHT = "b;threat, deception;true;1967"  # ex-q1..ex-q4 of the example workshop, all right


def _people(tmp_path: Path) -> dict[str, Path]:
    roster = _write(tmp_path / "participants.csv",
                    "Code;Nom;Prénom;Sexe;Courriel\n"
                    "EX-01;Diallo;Aminata;F;aminata.diallo@ong-a.org\n"
                    "EX-02;Traoré;Moussa;M;moussa.traore@police.gouv.sn\n"
                    "EX-03;Ndiaye;Awa;F;awa.ndiaye@oim.int\n"
                    "EX-04;Sow;Fatou;F;fatou.sow@ong-a.org\n"
                    "EX-05;Kaboré;Jean-Baptiste;M;jb.kabore@oim.int\n")
    pre = _write(tmp_path / "pre-test.csv",
                 "Code participant;ex-q1;ex-q2;ex-q3;ex-q4\n"
                 "EX-01;a;threat;false;1951\nEX-02;b;visa;true;1951\n"
                 "EX-03;c;threat;true;1967\nex-05;a;deception;false;2000\n")
    # a Google Form without a code: three people typed a personal address
    post = _write(tmp_path / "post-test.csv",
                  "Horodateur;Adresse e-mail;Nom complet;ex-q1;ex-q2;ex-q3;ex-q4\n"
                  f"2024-03-05 16:01;aminata.diallo@ong-a.org;Aminata Diallo;{RIGHT}\n"
                  f"2024-03-05 16:02;moussa.t1985@gmail.com;Moussa TRAORE;{RIGHT}\n"
                  f"2024-03-05 16:03;awa.ndiaye@oim.int;Awa Ndiaye;{RIGHT}\n"
                  f"2024-03-05 16:04;kabore.jb@yahoo.fr;Jean Baptiste Kabore;{RIGHT}\n"
                  f"2024-03-05 16:05;isarr@hotmail.com;Ibrahima Sarr;{RIGHT}\n")
    attendance = _write(tmp_path / "presence.csv",
                        "Code;J1 matin;J1 après-midi;J2 matin;J2 après-midi\n"
                        + "".join(f"EX-0{i};x;x;x;x\n" for i in range(1, 6)))
    return {"roster": roster, "pre": pre, "post": post, "attendance": attendance}


def test_each_person_is_linked_by_id_then_email_then_name(tmp_path):
    f = _people(tmp_path)
    result = _run("score", WORKSHOP, "--pre", f["pre"], "--post", f["post"],
                  "--participants", f["roster"], "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    post = {r["id"]: r["post_pct"] for r in data["per_participant"]}
    assert post["EX-02"] == 100.0 and post["EX-05"] == 100.0  # personal e-mail: by name
    assert data["matched"]["n"] == 4
    people = data["participants"]
    assert (people["pre_only"], len(people["post_only"])) == ([], 1)
    [stranger] = people["not_in_roster"]
    assert stranger["row"] == 6
    assert stranger["reason"].startswith('"Ibrahima Sarr" is not in the participant list; '
                                         "scored under no code (shown as post-test.csv row "
                                         "6). Add them to the participant list, or correct "
                                         "the name in this row")
    assert "isarr@" not in result.stdout  # never an e-mail in the contract
    neither = [n for n in data["notes"] if "took neither test" in n]
    assert neither == ["1 of the 5 people of the participant list took neither test: EX-04. "
                       "If some did, check their code, e-mail and name in the test files and "
                       "in the list."]
    text = _run("score", WORKSHOP, "--pre", f["pre"], "--post", f["post"],
                "--participants", f["roster"]).stdout
    assert "Participants linked by: participant code (4), e-mail (2), name (2)" in text
    assert 'row 6: "Ibrahima Sarr" is not in the participant list' in text


def test_a_personal_email_does_not_cost_a_certificate(tmp_path):
    """Moussa passed the post-test with a personal address: completion, not 'no post-test'."""
    f = _people(tmp_path)
    result = _run("certificates", WORKSHOP, "--participants", f["roster"], "--attendance",
                  f["attendance"], "--post", f["post"], "-o", tmp_path / "c.pdf",
                  "--registry", tmp_path / "registry.sqlite", "--json")
    assert result.exit_code == 0, result.output
    kinds = {p["id"]: p["type"] for p in json.loads(result.stdout)["participants"]}
    assert kinds == {"EX-01": "completion", "EX-02": "completion", "EX-03": "completion",
                     "EX-04": "participation", "EX-05": "completion"}


def test_a_blank_code_is_linked_by_the_rest_of_the_row(tmp_path):
    f = _people(tmp_path)
    pre = _write(tmp_path / "pre2.csv", "Code;Nom complet;ex-q1;ex-q2;ex-q3;ex-q4\n"
                                        "EX-01;Aminata Diallo;a;threat;false;1951\n"
                                        ";Awa Ndiaye;c;threat;true;1967\n")
    data = json.loads(_run("score", WORKSHOP, "--pre", pre, "--participants", f["roster"],
                           "--json").stdout)
    assert sorted(r["id"] for r in data["per_participant"]) == ["EX-01", "EX-03"]
    assert data["participants"]["rejected"] == []


def test_two_people_with_one_name_are_not_guessed(tmp_path):
    roster = _write(tmp_path / "r.csv", "Code;Nom complet\nA1;Awa Ndiaye\nA2;Awa Ndiaye\n")
    post = _write(tmp_path / "post.csv",
                  f"Nom complet;ex-q1;ex-q2;ex-q3;ex-q4\nAwa Ndiaye;{RIGHT}\n")
    data = json.loads(_run("score", WORKSHOP, "--post", post, "--participants", roster,
                           "--json").stdout)
    assert [r["id"] for r in data["per_participant"]] == ["post.csv row 2"]
    assert data["participants"]["not_in_roster"][0]["reason"].startswith('"Awa Ndiaye" is not')


def test_unlinked_rows_without_a_roster_are_named_in_the_terminal(tmp_path):
    pre = _write(tmp_path / "pre.csv", "Nom complet;Adresse e-mail;ex-q1;ex-q2;ex-q3;ex-q4\n"
                                       "Awa Keita;awa@ong.org;a;visa;false;1951\n"
                                       "Ali Ba;ali@ong.org;a;visa;false;1951\n")
    post = _write(tmp_path / "post.csv", "Nom complet;Adresse e-mail;ex-q1;ex-q2;ex-q3;ex-q4\n"
                                         f"Ali Ba;ali.ba@gmail.com;{RIGHT}\n"
                                         f"Awa Kéïta;keita.awa@gmail.com;{RIGHT}\n"
                                         f"Moussa Sy;;{RIGHT}\n")
    result = _run("score", WORKSHOP, "--pre", pre, "--post", post)
    assert result.exit_code == 0, result.output
    assert "Matched: n = 2" in result.stdout  # by name, although the e-mails differ
    assert 'Post-test only: post.csv row 4 ("Moussa Sy")' in result.stdout
    assert "no match in the other test by code, e-mail or name" in result.stdout
    assert "@" not in result.stdout
    coded = _write(tmp_path / "coded.csv", "Code;Nom complet;ex-q1;ex-q2;ex-q3;ex-q4\n"
                                           f"A1;Ali Ba;{RIGHT}\n;Moussa Sy;{RIGHT}\n")
    notes = inspect_file(coded, workshop=str(WORKSHOP)).notes
    assert "row(s) 3 have no participant code: they are linked by their e-mail or name " \
        "instead." in notes
