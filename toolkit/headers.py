"""The words a spreadsheet header uses for a person's id, e-mail, names, sex, country, organisation.

One vocabulary for every reader (exports, rosters, attendance sheets, satisfaction surveys):
a header matches a field when, compared without case, accents, underscores or extra spaces,
it is one of the field's aliases, either whole, without a trailing "(ex. DKR-07)", or as the
last part of a group path ("grp/participant_code"). ``mentions`` finds the same words inside a
question ("Votre code participant ?") for the survey readers that must never read personal
data.
"""
from __future__ import annotations

import re
import unicodedata

from .i18n import N_

# How a row is matched to a participant, in words (translate with _() at use)
MATCH_NAMES = {"id": N_("participant code"), "email": N_("e-mail"), "name": N_("name")}

FIELDS: dict[str, tuple[str, ...]] = {
    "id": ("id", "code", "participant code", "code participant", "code du participant",
           "participant id", "id participant", "id du participant", "identifiant",
           "identifiant du participant", "identifiant participant", "matricule",
           "participant number", "numero participant", "numero du participant",
           "n° participant", "participant no", "code stagiaire", "code apprenant",
           "student id", "respondent id"),
    "email": ("e-mail", "email", "courriel", "mail", "adresse e-mail", "adresse email",
              "adresse mail", "adresse electronique", "adresse de messagerie", "email address",
              "e-mail address", "your email", "votre e-mail", "votre email",
              "votre adresse e-mail"),
    "full_name": ("name", "full name", "nom complet", "name / nom", "nom / name",
                  "nom et prenom", "nom et prenoms", "nom et prenom(s)", "prenom et nom",
                  "prenoms et nom", "nom & prenom", "nom & prenoms", "noms et prenoms",
                  "participant", "participant name", "nom du participant",
                  "nom du/de la participant(e)", "your name", "votre nom"),
    "given_names": ("prenom", "prenoms", "prenom(s)", "given name", "given names",
                    "given name(s)", "first name", "first names", "firstname"),
    "family_name": ("nom", "family name", "last name", "surname", "nom de famille",
                    "lastname"),
    "sex": ("sexe", "sex", "gender", "genre"),
    "organisation": ("organisation", "organization", "structure", "institution", "organisme",
                     "employeur", "employer"),
    "function": ("fonction", "function", "position", "role", "poste", "title", "job title",
                 "titre"),
    "country": ("pays", "country"),
    "phone": ("telephone", "phone", "tel", "mobile", "portable", "phone number",
              "numero de telephone", "whatsapp"),
}
# Words that make a survey question personal data even when no field is named exactly.
PERSONAL_WORDS = ("nom", "name", "prenom", "given", "family", "surname", "e-mail", "email",
                  "courriel", "mail", "phone", "telephone", "tel", "whatsapp", "mobile",
                  "contact", "adresse", "address")
SEX_WORDS: dict[str, tuple[str, ...]] = {
    "F": ("f", "femme", "female", "feminin", "woman", "w", "fille"),
    "M": ("m", "h", "homme", "male", "masculin", "man"),
}

_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})


def _plain(text: object) -> str:
    decomposed = unicodedata.normalize("NFKD", str(text))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().translate(_QUOTES).split())


def header_key(text: object) -> str:
    """Compare-ready header text: no accents or case, '_' as a space, single spaces."""
    return " ".join(_plain(text).replace("_", " ").split())


def _without_parenthetical(text: str) -> str:
    return re.sub(r"\s*[\(\[][^\)\]]*[\)\]]", "", text).strip()


_LOOKUP = {header_key(alias): field for field, aliases in FIELDS.items() for alias in aliases}
_SEX = {header_key(word): sex for sex, words in SEX_WORDS.items() for word in words}


def header_keys(header: str) -> list[str]:
    """The forms a header is compared in: whole, without "(...)", last part of a group path."""
    keys = [header_key(header), header_key(_without_parenthetical(header))]
    if "/" in header:
        last = header.rsplit("/", 1)[-1]
        keys += [header_key(last), header_key(_without_parenthetical(last))]
    return [k for i, k in enumerate(keys) if k and k not in keys[:i]]


def header_field(header: str) -> str | None:
    """The field a header names ('Code participant (ex. DKR-07)' -> 'id'), or None."""
    for key in header_keys(header):
        if key in _LOOKUP:
            return _LOOKUP[key]
    return None


def _words(aliases: tuple[str, ...]) -> re.Pattern[str]:
    """Whole words of the aliases; in an XML name ("participant_code") '_' joins the words."""
    keys = sorted({header_key(a) for a in aliases}, key=len, reverse=True)
    spelled = "|".join(re.escape(k).replace(r"\ ", "[ _]") for k in keys)
    return re.compile(r"(?<![\w-])(?:" + spelled + r")(?![\w-])")


_MENTIONS = {field: _words(aliases) for field, aliases in FIELDS.items()}
_PERSONAL = _words(PERSONAL_WORDS + FIELDS["email"] + FIELDS["phone"] + FIELDS["full_name"]
                   + FIELDS["given_names"] + FIELDS["family_name"])


def mentions(text: str, field: str, *, at_start: bool = False) -> bool:
    """True when a question names the field ('Quel est votre sexe ?' mentions 'sex')."""
    pattern = _PERSONAL if field == "personal" else _MENTIONS[field]
    found = pattern.search(_plain(text))
    return found is not None and (not at_start or found.start() == 0)


def sex_of(value: object) -> str:
    """'Femme', 'female', 'F.' -> 'F'; 'Homme', 'M' -> 'M'; anything else ''."""
    return _SEX.get(header_key(value).rstrip("."), "")
