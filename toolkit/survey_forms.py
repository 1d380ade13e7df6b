"""The satisfaction survey of a workshop, declared once for the XLSForm and the paper form.

The questions follow what the satisfaction reader (scoring/satisfaction.py) recognises without
configuration: agree/satisfied scales whose labels (or choice names 1–5) map to 1..5, a 0–10
"recommend" question for the Net Promoter Score, an optional participant code and sex (for
disaggregation), and a free-text comments question.
"""
from __future__ import annotations

from dataclasses import dataclass

from .model import Text, Workshop

SATISFIED = (
    ("1", Text.of({"fr": "Très insatisfait(e)", "en": "Very dissatisfied"})),
    ("2", Text.of({"fr": "Insatisfait(e)", "en": "Dissatisfied"})),
    ("3", Text.of({"fr": "Ni satisfait(e) ni insatisfait(e)",
                   "en": "Neither satisfied nor dissatisfied"})),
    ("4", Text.of({"fr": "Satisfait(e)", "en": "Satisfied"})),
    ("5", Text.of({"fr": "Très satisfait(e)", "en": "Very satisfied"})),
)
AGREE = (
    ("1", Text.of({"fr": "Pas du tout d’accord", "en": "Strongly disagree"})),
    ("2", Text.of({"fr": "Pas d’accord", "en": "Disagree"})),
    ("3", Text.of({"fr": "Ni d’accord ni pas d’accord", "en": "Neither agree nor disagree"})),
    ("4", Text.of({"fr": "D’accord", "en": "Agree"})),
    ("5", Text.of({"fr": "Tout à fait d’accord", "en": "Strongly agree"})),
)
SEXES = (("F", Text.of({"fr": "Femme", "en": "Woman"})),
         ("M", Text.of({"fr": "Homme", "en": "Man"})))


@dataclass(frozen=True)
class SurveyQuestion:
    """One question: ``kind`` is satisfied | agree | recommend | sex | code | comments."""

    name: str  # the XLSForm name, also the export header with "XML values and headers"
    kind: str
    label: Text
    hint: Text = Text()

    @property
    def choices(self) -> tuple[tuple[str, Text], ...]:
        return {"satisfied": SATISFIED, "agree": AGREE, "sex": SEXES}.get(self.kind, ())


def satisfaction_questions(ws: Workshop) -> tuple[SurveyQuestion, ...]:
    """The questions of the workshop's satisfaction survey, in order."""
    questions = [
        SurveyQuestion("participant_code", "code", Text.of(
            {"fr": "Code participant (facultatif)", "en": "Participant code (optional)"}),
            Text.of({"fr": "Laissez vide pour répondre de façon anonyme.",
                     "en": "Leave blank to answer anonymously."})),
        SurveyQuestion("sex", "sex", Text.of({"fr": "Sexe (facultatif)",
                                               "en": "Sex (optional)"})),
        SurveyQuestion("overall", "satisfied", Text.of(
            {"fr": "Satisfaction globale vis-à-vis de l’atelier",
             "en": "Overall satisfaction with the workshop"})),
    ]
    for number, module in enumerate(ws.modules, 1):
        title = module.title
        label = {lang: _module_statement(title.get(lang, fallback=(lang, "fr", "en")), lang)
                 for lang in ws.languages or ("fr",)}
        questions.append(SurveyQuestion(f"module_{number}", "agree", Text.of(label)))
    questions += [
        SurveyQuestion("organisation", "agree", Text.of(
            {"fr": "L’organisation pratique (lieu, horaires, logistique) était satisfaisante",
             "en": "The practical arrangements (venue, timing, logistics) were satisfactory"})),
        SurveyQuestion("facilitation", "agree", Text.of(
            {"fr": "Les méthodes utilisées (études de cas, jeux de rôle, travaux de groupe) "
                   "m’ont aidé(e) à apprendre",
             "en": "The methods used (case studies, role-plays, group work) helped me learn"})),
        SurveyQuestion("recommend", "recommend", Text.of(
            {"fr": "Recommanderiez-vous cet atelier à un(e) collègue ? (0 à 10)",
             "en": "Would you recommend this workshop to a colleague? (0 to 10)"}),
            Text.of({"fr": "0 = certainement pas, 10 = certainement",
                     "en": "0 = certainly not, 10 = certainly"})),
        SurveyQuestion("comments", "comments", Text.of(
            {"fr": "Commentaires et suggestions", "en": "Comments and suggestions"}),
            Text.of({"fr": "N’écrivez ni adresse e-mail ni numéro de téléphone.",
                     "en": "Do not write any e-mail address or phone number."})),
    ]
    return tuple(questions)


_MODULE_STATEMENT = Text.of({"fr": "Le module « {title} » a répondu à mes attentes",
                             "en": "The module “{title}” met my expectations"})


def _module_statement(title: str, lang: str) -> str:
    return _MODULE_STATEMENT.get(lang, fallback=("en",)).format(title=title)
