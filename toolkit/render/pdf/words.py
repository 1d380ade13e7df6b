"""Printed words of the materials' new parts (covers, contents, day at a glance, sign-in
certification, badges' roles), in French and English.

French uses one term for the person who runs a session: « animateur » / « animatrice »
(never « facilitateur »), also for the labels below that override the general table.
"""
from __future__ import annotations

from collections.abc import Callable

from ...i18n import gettext, pgettext

# English msgids looked up in the catalogue; a context tells the translator which of several
# identical English words is meant (French « Participante » for a woman, « animateur »).
_WORDS: dict[str, Callable[[str], str]] = {
    "guide": lambda lang: pgettext("materials", "Facilitator guide", lang),
    "notes": lambda lang: pgettext("materials", "Facilitator notes", lang),
    "facilitators": lambda lang: pgettext("materials", "Facilitators", lang),
    "contents": lambda lang: gettext("Contents", lang),
    "glance": lambda lang: gettext("The programme at a glance", lang),
    "certified": lambda lang: gettext("List certified correct by (name, role, signature)", lang),
    "timeline": lambda lang: gettext("Timeline", lang),
    "year": lambda lang: gettext("Year", lang),
    "event": lambda lang: gettext("Instrument or event", lang),
    "checklist": lambda lang: gettext("Checklist", lang),
    "participant_m": lambda lang: pgettext("man", "Participant", lang),
    "participant_f": lambda lang: pgettext("woman", "Participant", lang),
    "participant": lambda lang: pgettext("man or woman", "Participant", lang),
    "code": lambda lang: gettext("Code", lang),
    "not_taught": lambda lang: gettext("outside training sessions", lang),
}


def word(key: str, lang: str) -> str:
    """A printed word in ``lang`` from the message catalogue."""
    return _WORDS[key](lang)


def words(key: str, langs: tuple[str, ...]) -> str:
    """One word in several languages: 'Sommaire / Contents' (each form once)."""
    return " / ".join(dict.fromkeys(word(key, lang) for lang in langs))
