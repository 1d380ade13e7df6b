"""The participant roster: who attended, with the fields certificates and reports need."""
from __future__ import annotations

from pathlib import Path

from ..errors import ColumnError, InputFileError
from ..i18n import _
from ..model import Participant
from .read import read_table
from .text import norm, strip_accents, strip_parenthetical

FIELDS = {
    "id": ("id", "code", "participant code", "code participant", "participant id",
           "id participant", "identifiant", "matricule", "participant_code"),
    "family_name": ("nom", "family name", "last name", "surname", "nom de famille", "lastname"),
    "given_names": ("prenom", "prenoms", "prenom(s)", "given names", "given name",
                    "first name", "first names", "firstname"),
    "full_name": ("name", "full name", "nom complet", "nom et prenom", "nom et prenoms",
                  "prenom et nom", "participant", "nom & prenom", "noms et prenoms"),
    "sex": ("sexe", "sex", "gender", "genre"),
    "organisation": ("organisation", "organization", "structure", "institution",
                     "organisme", "employeur", "employer"),
    "function": ("fonction", "function", "position", "role", "rôle", "poste", "title",
                 "job title", "titre"),
    "country": ("pays", "country"),
    "email": ("e-mail", "email", "courriel", "mail", "adresse e-mail", "email address",
              "adresse email"),
    "phone": ("telephone", "téléphone", "phone", "tel", "tél", "mobile", "portable",
              "phone number", "numero de telephone", "whatsapp"),
}
_SEX = {"f": "F", "femme": "F", "female": "F", "feminin": "F", "woman": "F", "fille": "F",
        "m": "M", "h": "M", "homme": "M", "male": "M", "masculin": "M", "man": "M"}
_LOOKUP = {strip_accents(norm(alias)): field for field, aliases in FIELDS.items()
           for alias in aliases}


def normalise_sex(value: str) -> str:
    """'Femme', 'female', 'F' -> 'F'; 'Homme', 'M' -> 'M'; else ''."""
    return _SEX.get(strip_accents(norm(value)).rstrip("."), "")


def read_roster(path: str | Path) -> tuple[Participant, ...]:
    """Read a participant list (XLSX/CSV, French or English headers)."""
    name = str(path)
    table = read_table(path)
    where = name + (f', sheet "{table.sheet}"' if table.sheet else "")
    cols: dict[str, int] = {}
    extra: list[int] = []
    for j, header in enumerate(table.headers):
        key = strip_accents(norm(strip_parenthetical(header) or header))
        field = _LOOKUP.get(key) or _LOOKUP.get(strip_accents(norm(header)))
        if field and field not in cols:
            cols[field] = j
        elif header:
            extra.append(j)
    if "family_name" in cols and "given_names" not in cols and "full_name" not in cols:
        cols["full_name"] = cols.pop("family_name")  # a lone "Nom" column holds full names
    has_name = "full_name" in cols or "family_name" in cols or "given_names" in cols
    if "id" not in cols or not has_name:
        lacking = " and ".join(w for w, ok in (("an id/code column", "id" in cols),
                                                ("a name column", has_name)) if not ok)
        raise ColumnError(
            f"{where}: the participant list needs {lacking} (columns found: "
            f"{', '.join(table.headers)}). Use headers such as id, nom, prénom, sexe, "
            "organisation, fonction, pays, e-mail, téléphone"
            + ("; add a column Code with a unique code per participant (e.g. DKR-01): "
               "reports show codes, never names or e-mails." if "id" not in cols else "."))
    values = {f: table.column(j) for f, j in cols.items()}
    seen: dict[str, int] = {}
    people = []
    for i, row in enumerate(table.row_numbers):
        def get(f: str) -> str:
            return " ".join(values[f][i].split()) if f in values else ""

        pid = get("id")
        if not pid:
            if any(get(f) for f in cols):
                raise InputFileError(_("{where}, row {row}, column \"{value}\": the participant "
                                       "has no id. Give every participant a unique code.").format(
                                         where=where, row=row, value=table.headers[cols["id"]]))
            continue
        key = pid.upper()
        if key in seen:
            raise InputFileError(_("{where}: the id \"{pid}\" is used twice, in rows {value} and "
                                   "{row}. Give every participant a unique code.").format(
                                     where=where, pid=pid, value=seen[key], row=row))
        seen[key] = row
        family, given = get("family_name"), get("given_names")
        if not family and not given:
            family, given = _split_full(get("full_name"))
        people.append(Participant(
            id=pid, family_name=family, given_names=given, sex=normalise_sex(get("sex")),
            organisation=get("organisation"), function=get("function"),
            country=get("country"), email=get("email").lower(), phone=get("phone"),
            extra=tuple((table.headers[j], table.column(j)[i].strip()) for j in extra
                        if table.column(j)[i].strip())))
    return tuple(people)


def _split_full(full: str) -> tuple[str, str]:
    """'DIALLO Aminata' -> ('DIALLO', 'Aminata'); 'Aminata Diallo' -> ('Diallo', 'Aminata')."""
    words = full.split()
    if not words:
        return "", ""
    capitals = [w for w in words if w.isupper() and len(w) > 1]
    if capitals and len(capitals) < len(words):
        return " ".join(capitals), " ".join(w for w in words if w not in capitals)
    return words[-1], " ".join(words[:-1])
