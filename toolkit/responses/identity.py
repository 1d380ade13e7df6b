"""Who answered: find the id / e-mail / name columns of an export and key each row."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..errors import ColumnError
from ..headers import header_field, header_keys
from ..i18n import _
from .read import RawTable
from .text import name_key, norm

ANONYMOUS = frozenset({"anonymous", "anonyme"})
# header field (toolkit.headers) -> attribute of IdentityColumns
_KIND = {"id": "id", "email": "email", "given_names": "first", "full_name": "name",
         "family_name": "last"}


@dataclass
class IdentityColumns:
    """Column indexes of the participant id, e-mail and name (full, or first + last)."""

    id: int | None = None
    email: int | None = None
    name: int | None = None
    first: int | None = None
    last: int | None = None

    def kinds(self) -> list[str]:
        """The identity kinds this file can be matched on, best first."""
        kinds = []
        if self.id is not None:
            kinds.append("id")
        if self.email is not None:
            kinds.append("email")
        if self.name is not None or (self.first is not None and self.last is not None):
            kinds.append("name")
        return kinds


def find_identity_columns(headers: list[str], fmt: str, *, id_column: str | None = None,
                          file: str = "", skip: set[int] | None = None,
                          aliases: tuple[str, ...] = ()) -> IdentityColumns:
    """Locate the participant id, e-mail and name columns by their header.

    ``aliases``: other names of ``id_column`` (its labels in every language of the XLSForm).
    """
    skip = skip or set()
    cols = IdentityColumns()
    if id_column is not None:
        cols.id = _given_column(headers, id_column, aliases, file)
    for j, header in enumerate(headers):
        if j in skip:
            continue
        kind = _KIND.get(header_field(header) or "")
        if kind is None or getattr(cols, kind) is not None:
            continue
        last = header_keys(header)[-1]
        system = header.startswith("_") or (fmt == "ms-forms" and last == "id") or \
            (fmt in ("kobo", "odk-central") and last == "id")
        if kind != "id" or not system:
            setattr(cols, kind, j)
    if cols.name is None and cols.last is not None and cols.first is None:
        cols.name, cols.last = cols.last, None  # a lone "Nom" column holds the full name
    return cols


def _given_column(headers: list[str], id_column: str, aliases: tuple[str, ...],
                  file: str) -> int:
    """The column --id-column names: by its header, or by a label of that XLSForm field."""
    for names in ((id_column,), aliases):
        wanted = {k for name in names for k in header_keys(name)}
        hits = [j for j, h in enumerate(headers) if wanted & set(header_keys(h))]
        if hits:
            return hits[0]
    labels = _(" nor a column with its labels in the form ({values})").format(
        values=", ".join(repr(a) for a in aliases)) if aliases else ""
    hint = "" if aliases else _(" If it is an XLSForm name and the export has labels as "
                                "headers, give the form with --form.")
    raise ColumnError(
        _("{file}: there is no column \"{id_column}\" (given with --id-column){labels}. The "
          "columns are: {values}. Give one of them exactly.{hint}").format(
            file=file, id_column=id_column, labels=labels, values=", ".join(headers), hint=hint))


def normalise_id(raw: str) -> str:
    """Participant ids compare trimmed, upper-cased, inner spaces collapsed."""
    return " ".join(raw.split()).upper()


def normalise_email(raw: str) -> str:
    """E-mails compare lower-cased; 'anonymous' or no '@' is no e-mail."""
    value = raw.strip().lower()
    return "" if value in ANONYMOUS or "@" not in value else value


def _names(table: RawTable, cols: IdentityColumns) -> list[str]:
    if cols.name is not None:
        return [s.strip() for s in table.column(cols.name)]
    if cols.first is not None and cols.last is not None:
        return [f"{a.strip()} {b.strip()}".strip()
                for a, b in zip(table.column(cols.first), table.column(cols.last))]
    return [""] * table.n_rows


def row_identities(table: RawTable, cols: IdentityColumns,
                   positions: list[int]) -> list[dict[str, str]]:
    """Raw id / name / email of the rows at ``positions`` ('' when absent)."""
    blank = [""] * table.n_rows
    ids = table.column(cols.id) if cols.id is not None else blank
    emails = table.column(cols.email) if cols.email is not None else blank
    names = _names(table, cols)
    return [{"id": ids[i].strip(), "name": names[i], "email": emails[i].strip()}
            for i in positions]


def row_keys(table: RawTable, cols: IdentityColumns, kind: str) -> list[str]:
    """The comparable key of every row for a match kind ('' when the row has none)."""
    if kind in ("id", "email"):
        index = cols.id if kind == "id" else cols.email
        if index is None:  # no such column: no row has this key (choose_kind refuses it first)
            return [""] * table.n_rows
        normalise = normalise_id if kind == "id" else normalise_email
        return [normalise(v) for v in table.column(index)]
    return [identity_key({"name": n}, "name") for n in _names(table, cols)]


def identity_key(identity: dict[str, str], kind: str) -> str:
    """The comparable key of one row for a match kind ('' when the row has none)."""
    if kind == "id":
        return normalise_id(identity["id"])
    if kind == "email":
        return normalise_email(identity["email"])
    name = identity["name"]
    return "" if norm(name) in ANONYMOUS else name_key(name)


# ---------------------------------------------------------------- time order of submissions

_DMY = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{2,4})(?:[ T]+(\d{1,2})[:h](\d{2})"
                  r"(?::(\d{2}))?(?:\s*([AaPp][Mm]))?)?")


def parse_times(values: list[str], *, month_first: bool = False) -> dict[str, dt.datetime]:
    """Parse the distinct time texts of one column (ISO, dd/mm/yyyy or m/d/yyyy)."""
    distinct = {v.strip() for v in values if v.strip()}
    parsed: dict[str, dt.datetime] = {}
    slashed = {}
    for v in distinct:
        try:
            t = dt.datetime.fromisoformat(v.replace("Z", "+00:00"))
        except ValueError:
            m = _DMY.match(v)
            if m:
                slashed[v] = m
            continue
        if t.tzinfo is not None:
            t = t.astimezone(dt.timezone.utc).replace(tzinfo=None)
        parsed[v] = t
    if slashed:
        firsts = [int(m.group(1)) for m in slashed.values()]
        seconds = [int(m.group(2)) for m in slashed.values()]
        if any(f > 12 for f in firsts):
            month_first = False
        elif any(s > 12 for s in seconds):
            month_first = True
        for v, m in slashed.items():
            a, b, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
            month, day = (a, b) if month_first else (b, a)
            hour, minute, second = int(m.group(4) or 0), int(m.group(5) or 0), \
                int(m.group(6) or 0)
            if m.group(7):
                hour = hour % 12 + (12 if m.group(7).lower() == "pm" else 0)
            try:
                parsed[v] = dt.datetime(y + 2000 if y < 100 else y, month, day, hour, minute,
                                        second)
            except ValueError:
                continue
    return parsed
