"""Satisfaction surveys: Likert labels (fr/en), missing answers, NPS, comments, by sex."""
from __future__ import annotations

import json

import pytest

from toolkit.model import Participant
from toolkit.scoring.likert import likert_value
from toolkit.scoring.satisfaction import read_satisfaction

KOBO = "samples/kobo"
# Counted by hand in the 24 rows of the Kobo sample (labels and XML exports are the same data)
OVERALL = {"1": 0, "2": 0, "3": 3, "4": 10, "5": 11}
RELEVANCE = {"1": 0, "2": 0, "3": 1, "4": 7, "5": 16}


@pytest.mark.parametrize("name, columns", [
    ("satisfaction_labels_fr.xlsx", ("Satisfaction globale vis-à-vis de l'atelier",
                                     "Pertinence pour votre travail",
                                     "Commentaires / suggestions")),
    ("satisfaction_xml_groups.xlsx", ("overall", "relevance", "comments")),
])
def test_kobo_samples(data_dir, name, columns):
    result = read_satisfaction(data_dir / KOBO / name)
    data = result.to_dict()
    json.dumps(data, allow_nan=False)
    assert result.n_responses == 24
    assert [(i["column"], i["counts"], i["n_valid"]) for i in data["items"]] == [
        (columns[0], OVERALL, 24), (columns[1], RELEVANCE, 24)]
    overall, relevance = result.items
    assert (overall.median, overall.mean, overall.top2_pct) == (4.0, pytest.approx(104 / 24),
                                                               87.5)
    assert (relevance.median, relevance.top2_pct) == (5.0, pytest.approx(2300 / 24))
    assert result.nps is None
    assert {c.column for c in result.comments} == {columns[2]}
    assert [c.row for c in result.comments][:3] == [3, 4, 7]
    assert result.comments[0].text == "Trop court !"


@pytest.mark.parametrize("name, sessions", [
    ("satisfaction_labels_fr.xlsx", ("S1 – Concepts", "S2 – Cadre juridique",
                                     "S3 – Études de cas")),
    ("satisfaction_xml_groups.xlsx", ("s1", "s2", "s3")),
])
def test_session_ratings_from_repeat_sheet(data_dir, name, sessions):
    # 45 rows of the "session_eval" sheet, counted by hand per session and rating
    result = read_satisfaction(data_dir / KOBO / name)
    assert [(s.column, s.counts) for s in result.sessions] == [
        (sessions[0], (0, 6, 3, 2, 2)), (sessions[1], (0, 5, 5, 4, 5)),
        (sessions[2], (0, 5, 3, 4, 1))]


def test_session_names_from_the_form(data_dir):
    result = read_satisfaction(data_dir / KOBO / "satisfaction_xml_groups.xlsx",
                               form=data_dir / KOBO / "xlsform_satisfaction.xlsx")
    assert [s.column for s in result.sessions] == [
        "S1 – Concepts", "S2 – Cadre juridique", "S3 – Études de cas"]


@pytest.mark.parametrize("cell, value", [
    ("Très satisfait(e)", 5), ("Satisfaite", 4), ("Moyennement satisfait(e)", 3),
    ("Peu satisfait(e)", 2), ("Pas du tout satisfait(e)", 1), ("Tout à fait d’accord", 5),
    ("tout a fait d'accord", 5), ("D'ACCORD", 4), ("Ni d'accord ni pas d'accord", 3),
    ("Neutre", 3), ("Pas d’accord", 2), ("Pas du tout d'accord", 1), ("Strongly agree", 5),
    ("Agree", 4), ("Neither agree nor disagree", 3), ("Disagree", 2),
    ("Strongly disagree", 1), ("Très insatisfait", 1), ("Very satisfied", 5),
    ("4", 4), ("5 - Très satisfait", 5), ("Sans objet", None), ("N/A", None), ("", None),
    ("  ", None), ("bof", "?"),
])
def test_likert_labels(cell, value):
    assert likert_value(cell) == value


def _csv(tmp_path, text):
    path = tmp_path / "satisfaction.csv"
    path.write_text(text, encoding="utf-8")
    return path


SURVEY = """Horodateur;Nom complet;Adresse e-mail;Sexe;Code participant;Le contenu était utile;Recommanderiez-vous cet atelier ? (0-10);Ce qui pourrait être amélioré
2025-03-12 10:00;Awa Diop;awa@example.org;F;DKR-01;Tout à fait d'accord;10;Plus de temps pour les cas pratiques
2025-03-12 10:01;Jean Kaboré;jean@example.org;M;DKR-02;D'accord;9;Écrivez-moi à jean@example.org ou au +221 77 123 45 67
2025-03-12 10:02;Fatou Sow;fatou@example.org;F;DKR-03;Sans objet;7;
2025-03-12 10:03;Marie Koné;marie@example.org;F;DKR-04;Pas d'accord;3;Trop court
2025-03-12 10:04;Ali Ba;ali@example.org;M;DKR-05;Neutre;6;
2025-03-12 10:05;Rose Tall;rose@example.org;F;DKR-06;D’accord;8;
2025-03-12 10:06;Aïcha Sy;aicha@example.org;F;DKR-07;Bof;10;
2025-03-12 10:07;Binta Ka;binta@example.org;F;DKR-08;Tout à fait d’accord;9;
"""


def test_plain_french_survey(tmp_path):
    result = read_satisfaction(_csv(tmp_path, SURVEY))
    data = result.to_dict()
    text = json.dumps(data, ensure_ascii=False)
    for private in ("Awa", "Diop", "awa@example.org", "jean@", "77 123"):
        assert private not in text
    (item,) = result.items
    assert (item.column, item.n_valid, item.n_missing) == ("Le contenu était utile", 6, 2)
    assert item.counts == (0, 1, 1, 2, 2)
    assert item.top2_pct == pytest.approx(400 / 6)
    assert item.median == 4.0
    # NPS on 8 answers: promoters 10, 9, 10, 9 (50 %), detractors 3, 6 (25 %)
    assert (result.nps.n_valid, result.nps.promoters_pct, result.nps.detractors_pct,
            result.nps.nps) == (8, 50.0, 25.0, 25.0)
    assert [c.text for c in result.comments] == [
        "Plus de temps pour les cas pratiques",
        "Écrivez-moi à [e-mail] ou au [phone]", "Trop court"]
    assert [(p.row, p.column, p.code) for p in result.problems] == [
        (8, "Le contenu était utile", "unknown-likert-label")]
    # by sex: 6 women, 2 men (suppressed); the women's row is hidden too, since with the
    # overall figure it would give the men's away by subtraction (issue 14.17)
    groups = {g["value"]: g for g in data["groups"]["sex"]}
    assert (groups["F"]["n"], groups["F"]["suppressed"]) == (6, True)
    assert groups["F"]["satisfied_pct"] is None
    assert (groups["M"]["n"], groups["M"]["satisfied_pct"], groups["M"]["suppressed"]) == (
        2, None, True)


def test_roster_join_for_sex(tmp_path):
    path = _csv(tmp_path, "participant_code,overall\n" + "\n".join(
        f"P{i},{v}" for i, v in enumerate([5, 4, 4, 2, 5, 3, 1], start=1)) + "\n")
    roster = {f"P{i}": Participant(f"P{i}", "X", "Y", sex="F" if i <= 5 else "M")
              for i in range(1, 8)}
    result = read_satisfaction(path, participants=roster)
    groups = {g.value: g for g in result.groups["sex"]}
    # 5 women shown beside 2 hidden men would reveal the men by subtraction (issue 14.17)
    assert (groups["F"].n, groups["F"].satisfied_pct, groups["F"].suppressed) == (5, None, True)
    assert groups["M"].suppressed and groups["M"].satisfied_pct is None
    assert result.items[0].median == 4.0


def test_recommend_on_an_agree_scale_is_likert(tmp_path):
    path = _csv(tmp_path, "Je recommanderais cet atelier à un collègue\n"
                          "D'accord\nTout à fait d'accord\nNeutre\n")
    result = read_satisfaction(path)
    assert result.nps is None and result.items[0].counts == (0, 0, 1, 1, 1)


def test_numbers_above_5_without_recommend_are_not_a_scale(tmp_path):
    path = _csv(tmp_path, "Années d'expérience,Overall\n0,5\n8,4\n3,4\n")
    result = read_satisfaction(path)
    assert result.nps is None and [i.column for i in result.items] == ["Overall"]
    assert "Années d'expérience" in result.notes[0]


def test_english_agree_scale_without_sex(tmp_path):
    path = _csv(tmp_path, "Timestamp,The trainers were clear,Any other comments?\n"
                          "1,Strongly agree,\n2,Agree,Great\n3,N/A,\n4,Disagree,\n")
    result = read_satisfaction(path)
    assert result.items[0].counts == (0, 1, 0, 1, 1)
    assert result.groups == {}
    assert [c.text for c in result.comments] == ["Great"]


def test_typeset_form_labels_fold_to_the_statements():
    """The satisfaction XLSForm's labels are typeset for the phones (’, narrow no-break
    spaces); a header that carries them folds to the same text as the statement, so the report
    still finds each module's statement."""
    from toolkit.curriculum import load_workshop
    from toolkit.i18n.typography import typeset
    from toolkit.scoring.likert import fold
    from toolkit.survey_forms import satisfaction_questions

    questions = satisfaction_questions(load_workshop("dakar-2019"))
    labels = [(q.label.get(lang), lang) for q in questions for lang in ("fr", "en")
              if q.label.get(lang)]
    assert len(labels) > 10 and any(typeset(v, lang) != v for v, lang in labels)
    assert [v for v, lang in labels if fold(typeset(v, lang)) != fold(v)] == []
