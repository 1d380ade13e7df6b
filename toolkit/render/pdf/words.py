"""Printed words of the materials' new parts (covers, contents, day at a glance, sign-in
certification, badges' roles), in French and English.

French uses one term for the person who runs a session: « animateur » / « animatrice »
(never « facilitateur »), also for the labels below that override the general table.
"""
from __future__ import annotations

_WORDS: dict[str, dict[str, str]] = {
    "fr": {
        "guide": "Guide de l’animateur",
        "notes": "Notes pour l’animateur",
        "facilitators": "Animateurs et animatrices",
        "contents": "Sommaire",
        "glance": "Le programme en un coup d’œil",
        "certified": "Liste certifiée exacte par (nom, fonction, signature)",
        "timeline": "Repères chronologiques",
        "year": "Année",
        "event": "Texte ou événement",
        "checklist": "À vérifier",
        "participant_m": "Participant",
        "participant_f": "Participante",
        "participant": "Participant(e)",
        "code": "Code",
        "not_taught": "hors séances de formation",
    },
    "en": {
        "guide": "Facilitator guide",
        "notes": "Facilitator notes",
        "facilitators": "Facilitators",
        "contents": "Contents",
        "glance": "The programme at a glance",
        "certified": "List certified correct by (name, role, signature)",
        "timeline": "Timeline",
        "year": "Year",
        "event": "Instrument or event",
        "checklist": "Checklist",
        "participant_m": "Participant",
        "participant_f": "Participant",
        "participant": "Participant",
        "code": "Code",
        "not_taught": "outside training sessions",
    },
}


def word(key: str, lang: str) -> str:
    """A printed word in ``lang`` (English for a language without a table)."""
    return _WORDS.get(lang, _WORDS["en"]).get(key) or _WORDS["en"][key]


def words(key: str, langs: tuple[str, ...]) -> str:
    """One word in several languages: 'Sommaire / Contents' (each form once)."""
    return " / ".join(dict.fromkeys(word(key, lang) for lang in langs))
