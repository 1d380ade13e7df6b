"""Printed labels of agendas and session materials: English msgids looked up in the message
catalogue (a language without a catalogue raises ``toolkit.i18n.LanguageError``); names of
countries come from Babel's CLDR data.
"""
from __future__ import annotations

from ..i18n import (
    N_,
    country_name,  # noqa: F401  (re-exported for the renderers)
    gettext,
)
from ..model import Text, Workshop

_LABELS: dict[str, str] = {
    "presentation": N_("Presentation"),
    "plenary": N_("Plenary"),
    "group-work": N_("Group work"),
    "case-study": N_("Case study"),
    "role-play": N_("Role play"),
    "energizer": N_("Energizer"),
    "field-visit": N_("Field visit"),
    "test": N_("Test"),
    "agenda": N_("Workshop agenda"),
    "day": N_("Day"),
    "time": N_("Time"),
    "session": N_("Session"),
    "method": N_("Method"),
    "facilitator": N_("Facilitator"),
    "organisers": N_("Organized by"),
    "partners": N_("Partners"),
    "funders": N_("With the support of"),
    "venue": N_("Venue"),
    "module": N_("Module"),
    "page": N_("Page"),
    "guide": N_("Facilitator guide"),
    "handout": N_("Participant handout"),
    "summary": N_("Summary"),
    "audience": N_("Audience"),
    "objectives": N_("Objectives"),
    "prerequisites": N_("Prerequisites"),
    "timing": N_("When"),
    "minutes": N_("min"),
    "steps": N_("Steps"),
    "key_messages": N_("Key messages"),
    "notes": N_("Facilitator notes"),
    "materials": N_("Materials"),
    "questions": N_("Test questions on these objectives"),
    "answer": N_("Answer"),
    "explanation": N_("Explanation"),
    "correct": N_("correct answer"),
    "true": N_("True"),
    "false": N_("False"),
    "definitions": N_("Definitions"),
    "source": N_("Source"),
    "references": N_("References"),
    "handout_texts": N_("Key points"),
    "not_scheduled": N_("not scheduled"),
    "objective": N_("Objective"),
    "contents": N_("Contents"),
    "signin": N_("Attendance sheet"),
    "no": N_("No."),
    "name": N_("Name"),
    "sex": N_("Sex"),
    "organisation": N_("Organization"),
    "function": N_("Function"),
    "country": N_("Country"),
    "sign_morning": N_("Signature morning"),
    "sign_afternoon": N_("Signature afternoon"),
    "project": N_("Project"),
    "activity": N_("Activity"),
    "date": N_("Date"),
    "city": N_("City"),
    "facilitators": N_("Facilitators"),
    "signature": N_("Signature"),
    "privacy": N_("Data protection: this information is collected only to record attendance "
                  "and report to the funders; it is not shared. Kept by: {keeper}. Do not "
                  "write any e-mail address or phone number on this sheet."),
    "badges": N_("Name badges"),
    "tents": N_("Table tents"),
    "fold": N_("Fold here"),
}


def label(key: str, lang: str) -> str:
    """A printed label in ``lang`` from the catalogue; an unknown key prints as given."""
    msgid = _LABELS.get(key)
    return gettext(msgid, lang) if msgid else key


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


def text(value: Text | str, lang: str, ws: Workshop | None = None) -> str:
    """A Text (or a plain string) in ``lang``, falling back along the workshop's languages."""
    return Text.of(value).get(lang, ws.languages if ws is not None else ())


def names(orgs, lang: str, ws: Workshop) -> str:
    """Organisation names joined for a line of print."""
    return ", ".join(text(o.name, lang, ws) for o in orgs if o.name)
