"""Printed labels of agendas and session materials, in French and English.

Languages without a table fall back to English; names of countries come from Babel's CLDR data.
"""
from __future__ import annotations

from ..i18n import country_name  # noqa: F401  (re-exported for the renderers)
from ..model import Text, Workshop

_LABELS: dict[str, dict[str, str]] = {
    "fr": {
        "presentation": "Présentation", "plenary": "Plénière", "group-work": "Travail de groupe",
        "case-study": "Étude de cas", "role-play": "Jeu de rôle", "energizer": "Dynamisation",
        "field-visit": "Visite de terrain", "test": "Test",
        "agenda": "Programme de l’atelier", "day": "Jour", "time": "Horaire",
        "session": "Séance", "method": "Méthode", "facilitator": "Animation",
        "organisers": "Organisé par", "partners": "Partenaires", "funders": "Avec le soutien de",
        "venue": "Lieu", "module": "Module", "page": "Page",
        "guide": "Guide du facilitateur", "handout": "Document du participant",
        "summary": "Résumé", "audience": "Public", "objectives": "Objectifs",
        "prerequisites": "Prérequis",
        "timing": "Quand", "minutes": "min", "steps": "Déroulement",
        "key_messages": "Messages clés", "notes": "Notes pour le facilitateur",
        "materials": "Matériel", "questions": "Questions de test liées aux objectifs",
        "answer": "Réponse", "explanation": "Explication", "correct": "bonne réponse",
        "true": "Vrai", "false": "Faux", "definitions": "Définitions", "source": "Source",
        "references": "Références", "handout_texts": "À retenir", "not_scheduled":
        "pas au programme", "objective": "Objectif",
        "contents": "Sommaire",
        "signin": "Feuille de présence", "no": "N°", "name": "Nom et prénom", "sex": "Sexe",
        "organisation": "Organisation", "function": "Fonction", "country": "Pays",
        "sign_morning": "Signature matin", "sign_afternoon": "Signature après-midi",
        "project": "Projet", "activity": "Activité", "date": "Date", "city": "Ville",
        "facilitators": "Facilitateurs et facilitatrices", "signature": "Signature",
        "privacy": "Protection des données : ces informations servent uniquement à attester "
                   "la présence et à rendre compte aux bailleurs de fonds ; elles ne sont pas "
                   "partagées. Responsable : {keeper}. N’écrivez ni adresse e-mail ni numéro "
                   "de téléphone sur cette feuille.",
        "badges": "Badges", "tents": "Chevalets", "fold": "Plier ici",
    },
    "en": {
        "presentation": "Presentation", "plenary": "Plenary", "group-work": "Group work",
        "case-study": "Case study", "role-play": "Role play", "energizer": "Energizer",
        "field-visit": "Field visit", "test": "Test",
        "agenda": "Workshop agenda", "day": "Day", "time": "Time", "session": "Session",
        "method": "Method", "facilitator": "Facilitator", "organisers": "Organised by",
        "partners": "Partners", "funders": "With the support of", "venue": "Venue",
        "module": "Module", "page": "Page",
        "guide": "Facilitator guide", "handout": "Participant handout",
        "summary": "Summary", "audience": "Audience", "objectives": "Objectives",
        "prerequisites": "Prerequisites",
        "timing": "When", "minutes": "min", "steps": "Steps", "key_messages": "Key messages",
        "notes": "Facilitator notes", "materials": "Materials",
        "questions": "Test questions on these objectives", "answer": "Answer",
        "explanation": "Explanation", "correct": "correct answer", "true": "True",
        "false": "False", "definitions": "Definitions", "source": "Source",
        "references": "References", "handout_texts": "Key points",
        "not_scheduled": "not scheduled", "objective": "Objective",
        "contents": "Contents",
        "signin": "Attendance sheet", "no": "No.", "name": "Name", "sex": "Sex",
        "organisation": "Organisation", "function": "Function", "country": "Country",
        "sign_morning": "Signature morning", "sign_afternoon": "Signature afternoon",
        "project": "Project", "activity": "Activity", "date": "Date", "city": "City",
        "facilitators": "Facilitators", "signature": "Signature",
        "privacy": "Data protection: this information is collected only to record attendance "
                   "and report to the funders; it is not shared. Kept by: {keeper}. Do not "
                   "write any e-mail address or phone number on this sheet.",
        "badges": "Name badges", "tents": "Table tents", "fold": "Fold here",
    },
}


def label(key: str, lang: str) -> str:
    """A printed label in ``lang`` (English when the language has no table)."""
    table = _LABELS.get(lang, _LABELS["en"])
    return table.get(key) or _LABELS["en"].get(key, key)


def labels(key: str, langs: tuple[str, ...]) -> str:
    """One label in several languages: 'Nom et prénom / Name' (each language once)."""
    seen: list[str] = []
    for lang in langs:
        value = label(key, lang)
        if value not in seen:
            seen.append(value)
    return " / ".join(seen)


def method_label(method: str, lang: str) -> str:
    """'case-study' -> 'Étude de cas' / 'Case study'; an unknown method prints as given."""
    return label(method, lang) if method else ""


def text(value: Text, lang: str, ws: Workshop | None = None) -> str:
    """A Text in ``lang``, falling back along the workshop's languages."""
    return value.get(lang, ws.languages if ws is not None else ())


def names(orgs, lang: str, ws: Workshop) -> str:
    """Organisation names joined for a line of print."""
    return ", ".join(text(o.name, lang, ws) for o in orgs if o.name)
