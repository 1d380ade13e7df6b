"""The participant roster: who attended, with the fields certificates and reports need."""
from __future__ import annotations

from pathlib import Path

from ..errors import ColumnError, InputFileError
from ..headers import header_field, sex_of
from ..i18n import _
from ..model import Participant
from ..privacy import mask_contacts
from .read import read_table


class Roster(tuple):
    """The participants of a roster (a tuple), with ``notes`` on what was changed on reading."""

    notes: tuple[str, ...] = ()


_PRINTED = ("family_name", "given_names", "full_name", "organisation", "function", "country")


def read_roster(path: str | Path) -> tuple[Participant, ...]:
    """Read a participant list (XLSX/CSV, French or English headers).

    E-mail addresses and phone numbers typed into a printed field (name, organisation,
    function, country) are masked, and each masked cell is named in the roster's ``notes``:
    only the e-mail and phone columns may hold them, and those are never printed.
    """
    name = str(path)
    table = read_table(path)
    where = name + (_(', sheet "{sheet}"').format(sheet=table.sheet) if table.sheet else "")
    cols: dict[str, int] = {}
    extra: list[int] = []
    for j, header in enumerate(table.headers):
        field = header_field(header)
        if field and field not in cols:
            cols[field] = j
        elif header:
            extra.append(j)
    if "family_name" in cols and "given_names" not in cols and "full_name" not in cols:
        cols["full_name"] = cols.pop("family_name")  # a lone "Nom" column holds full names
    has_name = "full_name" in cols or "family_name" in cols or "given_names" in cols
    if "id" not in cols or not has_name:
        lacking = _(" and ").join(w for w, ok in ((_("an id/code column"), "id" in cols),
                                                   (_("a name column"), has_name)) if not ok)
        raise ColumnError(
            _("{where}: the participant list needs {lacking} (columns found: {columns}). Use "
              "headers such as id, nom, prénom, sexe, organisation, fonction, pays, e-mail, "
              "téléphone").format(where=where, lacking=lacking,
                                  columns=", ".join(table.headers))
            + (_("; add a column Code with a unique code per participant (e.g. DKR-01): "
               "reports show codes, never names or e-mails.") if "id" not in cols else "."))
    values = {f: table.column(j) for f, j in cols.items()}
    seen: dict[str, int] = {}
    people = []
    notes: list[str] = []
    for i, row in enumerate(table.row_numbers):
        def get(f: str, i: int = i, row: int = row) -> str:
            text = " ".join(values[f][i].split()) if f in values else ""
            if f in _PRINTED and text:
                text, masked = mask_contacts(text)
                if masked:
                    notes.append(_("{name}, row {row}, column \"{column}\": an e-mail address "
                                   "or phone number was masked, since it would be printed; "
                                   "keep them in the e-mail and phone columns.").format(
                                     name=Path(name).name, row=row,
                                     column=table.headers[cols[f]]))
            return text

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
            id=pid, family_name=family, given_names=given, sex=sex_of(get("sex")),
            organisation=get("organisation"), function=get("function"),
            country=get("country"), email=get("email").lower(), phone=get("phone"),
            extra=tuple((table.headers[j], mask_contacts(table.column(j)[i].strip())[0])
                        for j in extra if table.column(j)[i].strip())))
    roster = Roster(people)
    roster.notes = tuple(notes)
    return roster


def _split_full(full: str) -> tuple[str, str]:
    """'DIALLO Aminata' -> ('DIALLO', 'Aminata'); 'Aminata Diallo' -> ('Diallo', 'Aminata')."""
    words = full.split()
    if not words:
        return "", ""
    capitals = [w for w in words if w.isupper() and len(w) > 1]
    if capitals and len(capitals) < len(words):
        return " ".join(capitals), " ".join(w for w in words if w not in capitals)
    return words[-1], " ".join(words[:-1])
