"""link_results and read_roster: pre, post and roster on common participant ids."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from conftest import DATA
from toolkit.errors import ColumnError, InputFileError, MatchError
from toolkit.model import AnswerKey, KeyItem, Participant
from toolkit.responses import key_from_form, link_results, read_key, read_responses, read_roster
from toolkit.responses.table import FuzzyMatch

KOBO = DATA / "samples" / "kobo"
OTHER = DATA / "samples" / "other"


@pytest.fixture(scope="module")
def kobo_pair():
    base = read_key(KOBO / "answer-key.csv")
    pre = read_responses(KOBO / "pre_labels_fr.xlsx",
                         key_from_form(KOBO / "xlsform_pretest.xlsx", base))
    post = read_responses(KOBO / "post_xml.csv",
                          key_from_form(KOBO / "xlsform_posttest.xlsx", base))
    return pre, post


def test_kobo_pre_post_linked_on_codes(kobo_pair):
    linked = link_results(*kobo_pair)
    assert (linked.pre_only, linked.post_only) == (("DKR-05", "DKR-18"), ())
    assert len(linked.matched_ids) == 22
    assert "DKR-08" in linked.matched_ids  # typed "dkr-08" in the post-test
    assert linked.post.answers.loc["DKR-08"].to_dict()["k1"] == "b"


def _write_csv(path: Path, headers, rows) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


@pytest.fixture(scope="module")
def quiz_key() -> AnswerKey:
    return read_key(DATA / "keys" / "quiz-key.csv")


def test_google_forms_by_email_get_pseudonymous_ids(quiz_key):
    pre = read_responses(OTHER / "google_forms_quiz_en.csv", quiz_key)
    post = read_responses(OTHER / "google_forms_quiz_fr.csv", quiz_key)
    linked = link_results(pre, post)
    ids = [f"P{i:03d}" for i in range(1, 9)]
    assert list(linked.pre.answers.index) == ids
    assert list(linked.post.answers.index) == ids
    assert linked.pre.identities["P004"]["email"] == "ibrahima.sow@example.org"
    assert linked.post.answers.loc["P004", "q3"] == "true"  # Ibrahima's post answer
    assert not any("@" in pid for pid in linked.matched_ids)


def _roster(tmp_path: Path) -> Path:
    return _write_csv(tmp_path / "participants.csv",
                      ["Code", "Nom", "Prénom(s)", "Sexe", "Structure", "Fonction", "Pays",
                       "Courriel", "Téléphone"],
                      [["SN-01", "DIALLO", "Aminata", "Femme", "ONG A", "Juriste", "SN",
                        "Aminata.Diallo@example.org", "+221 1"],
                       ["SN-02", "Traoré", "Moussa", "H", "Police", "Commissaire", "ML", "", ""],
                       ["SN-03", "Ouédraogo", "Seydou", "male", "OIM", "", "BF", "", ""]])


def test_read_roster(tmp_path):
    people = read_roster(_roster(tmp_path))
    assert people[0] == Participant(
        id="SN-01", family_name="DIALLO", given_names="Aminata", sex="F", organisation="ONG A",
        function="Juriste", country="SN", email="aminata.diallo@example.org", phone="+221 1")
    assert [p.sex for p in people] == ["F", "M", "M"]


def test_roster_full_name_column_and_errors(tmp_path):
    people = read_roster(_write_csv(tmp_path / "r.csv", ["ID", "Full name", "Gender"],
                                    [["1", "KABORE Jean Pierre", "Male"]]))
    assert (people[0].family_name, people[0].given_names, people[0].sex) == \
        ("KABORE", "Jean Pierre", "M")
    with pytest.raises(InputFileError, match='the id "1" is used twice, in rows 2 and 3'):
        read_roster(_write_csv(tmp_path / "d.csv", ["id", "nom"], [["1", "A"], ["1", "B"]]))
    with pytest.raises(ColumnError, match="needs an id/code column"):
        read_roster(_write_csv(tmp_path / "n.csv", ["nom", "prénom"], [["A", "B"]]))


def test_roster_by_email_and_fuzzy_name(tmp_path):
    item = KeyItem("q", "Q", "single", frozenset({"a"}), choices=(("a", ()), ("b", ())))
    key = AnswerKey((item,))
    pre = read_responses(_write_csv(tmp_path / "pre.csv", ["Name", "Q"], [
        ["Aminata Diallo", "a"], ["Moussa Traore", "b"], ["Seydou Ouedrago", "a"],
        ["Awa Keita", "b"]]), key)
    post = read_responses(_write_csv(tmp_path / "post.csv", ["Nom", "Prénom", "Q"], [
        ["Diallo", "Aminata", "a"], ["TRAORÉ", "Moussa", "a"]]), key)
    linked = link_results(pre, post, roster=read_roster(_roster(tmp_path)))
    assert list(linked.pre.answers.index) == ["SN-01", "SN-02", "SN-03", "P001"]
    assert linked.fuzzy_matches == (
        FuzzyMatch(str(tmp_path / "pre.csv"), 4, "Seydou Ouedrago", "SN-03", 0.968),)
    assert [(p.row, p.code) for p in linked.not_in_roster] == [(5, "not-in-roster")]
    assert (linked.pre_only, linked.post_only) == (("SN-03", "P001"), ())
    assert set(linked.participants) == {"SN-01", "SN-02", "SN-03"}


def test_pre_post_with_no_common_way_to_match(tmp_path, quiz_key):
    item = KeyItem("q", "Q", "single", frozenset({"a"}))
    key = AnswerKey((item,))
    pre = read_responses(_write_csv(tmp_path / "pre.csv", ["Code", "Q"], [["A1", "a"]]), key)
    post = read_responses(_write_csv(tmp_path / "post.csv", ["E-mail", "Q"],
                                     [["x@example.org", "a"]]), key)
    with pytest.raises(MatchError) as err:
        link_results(pre, post)
    assert str(err.value) == (
        f'the files have no common way to identify participants. {tmp_path / "pre.csv"} has id '
        f'in "Code"; {tmp_path / "post.csv"} has email in "E-mail". Name the '
        "participant-code column of each file with --id-column, choose what to match on with "
        "--match id|email|name, or give the participant list with --participants.")


def test_switch_to_a_shared_kind(tmp_path):
    """Pre has code and e-mail, post only e-mail: each person is linked on what they share
    (issue 14 point 3: before, the whole pre-test was re-keyed by e-mail and A2, who typed no
    e-mail, was rejected)."""
    key = AnswerKey((KeyItem("q", "Q", "single", frozenset({"a"})),))
    pre = read_responses(_write_csv(tmp_path / "pre.csv", ["Code", "Email", "Q"], [
        ["A1", "x@example.org", "a"], ["A2", "", "b"]]), key)
    post = read_responses(_write_csv(tmp_path / "post.csv", ["Email", "Q"], [
        ["X@Example.org", "b"]]), key)
    linked = link_results(pre, post)
    assert linked.matched_ids == ["A1"]
    assert linked.pre_only == ("A2",) and linked.pre.rejected == ()
    assert linked.post.linked_by == {"email": 1}
    assert linked.pre.rows_read == linked.pre.n + len(linked.pre.rejected) + \
        len(linked.pre.duplicates)


def test_roster_with_a_title_row(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Liste des participants - atelier de Dakar"])
    ws.append([])
    ws.append(["N°", "Code", "NOM", "Prénoms", "Sexe"])
    ws.append([1, "DKR-01", "DIALLO", "Aminata", "F"])
    wb.save(tmp_path / "liste.xlsx")
    people = read_roster(tmp_path / "liste.xlsx")
    assert [(p.id, p.family_name, p.given_names, p.sex) for p in people] == \
        [("DKR-01", "DIALLO", "Aminata", "F")]
    from toolkit.responses.read import read_table

    assert read_table(tmp_path / "liste.xlsx").row_numbers == [4]


def test_roster_without_the_shared_kind(tmp_path, quiz_key):
    pre = read_responses(OTHER / "google_forms_quiz_en.csv", quiz_key)
    post = read_responses(OTHER / "ms_forms_quiz.xlsx", quiz_key)
    roster = (Participant("A1", "Diallo", "Aminata"),)
    # both files have e-mail and name; the roster has no e-mail: matched by name
    linked = link_results(pre, post, roster=roster)
    assert linked.pre.answers.index[0] == "A1" and linked.post.answers.index[0] == "A1"
    key = AnswerKey((KeyItem("q", "Q", "single", frozenset({"a"})),))
    only_email = [read_responses(_write_csv(tmp_path / f"{n}.csv", ["Email", "Q"],
                                            [["x@example.org", "a"]]), key)
                  for n in ("pre", "post")]
    with pytest.raises(MatchError, match="can only be matched by email, which the participant "
                                         "list lacks"):
        link_results(*only_email, roster=roster)


def test_row_keys_of_a_kind_without_its_column_are_blank():
    """A kind whose column the file lacks keys no row (choose_kind refuses to match on it)."""
    from toolkit.responses.identity import IdentityColumns, row_keys
    from toolkit.responses.read import RawTable

    # one tuple per column: Code holds " ab 1 " and "", E-mail "A@X.ORG" and "none"
    table = RawTable("f.csv", ["Code", "E-mail"], [(" ab 1 ", ""), ("A@X.ORG", "none")], [2, 3])
    assert row_keys(table, IdentityColumns(), "id") == ["", ""]
    assert row_keys(table, IdentityColumns(), "email") == ["", ""]
    assert row_keys(table, IdentityColumns(id=0, email=1), "id") == ["AB 1", ""]
    assert row_keys(table, IdentityColumns(id=0, email=1), "email") == ["a@x.org", ""]
