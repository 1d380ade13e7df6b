"""The certificate issue registry: a CSV (UTF-8 with BOM) or XLSX file, appended, never rewritten.

One row per event. Issuing appends a row with status "valid". Revoking appends a row for the
same code with status "revoked", the date and the reason: nothing is ever deleted or edited,
and the latest row of a code tells its status. A CSV is rewritten atomically with the old
bytes kept as an exact prefix, so an interrupted run never loses an issued code.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, replace
from pathlib import Path

from .errors import InputFileError, RegistryError
from .fileio import atomic_write, neutralise_cell, write_bytes_atomic
from .codes import normalise_code
from .i18n import _

COLUMNS = ("code", "participant_id", "name", "workshop", "dates", "type", "issued_at",
           "status", "revoked_at", "reason", "workshop_title")
REQUIRED = COLUMNS[:8]
TYPES = ("participation", "completion")
STATUSES = ("valid", "revoked")


@dataclass(frozen=True)
class Entry:
    """One row of the registry (the latest row of a code gives its status)."""

    code: str
    participant_id: str
    name: str
    workshop: str
    dates: str  # "2019-04-10/2019-04-13"
    type: str  # participation | completion
    issued_at: str  # ISO date-time, UTC
    status: str = "valid"
    revoked_at: str = ""
    reason: str = ""
    workshop_title: str = ""
    row: int = 0  # row in the file (header = 1), 0 before writing

    def cells(self, columns: tuple[str, ...] = COLUMNS) -> list[str]:
        return [neutralise_cell(getattr(self, name, "")) for name in columns]


@dataclass(frozen=True)
class Registry:
    """The rows of a registry file and the latest state of each code."""

    path: str
    rows: tuple[Entry, ...] = ()

    @property
    def latest(self) -> dict[str, Entry]:
        """Code -> its latest row (revocations come after the issue)."""
        state: dict[str, Entry] = {}
        for entry in self.rows:
            first = state.get(entry.code)
            # A revocation row keeps the details, so verify can show them.
            state[entry.code] = entry if first is None else replace(
                first, status=entry.status, revoked_at=entry.revoked_at, reason=entry.reason,
                row=entry.row)
        return state

    def find(self, code: str) -> Entry | None:
        return self.latest.get(normalise_code(code))

    def holding(self, workshop: str, participant_id: str, kind: str) -> Entry | None:
        """The valid code a participant already holds for a workshop and type, if any."""
        for entry in self.latest.values():
            if (entry.workshop, entry.participant_id, entry.type, entry.status) == (
                    workshop, participant_id, kind, "valid"):
                return entry
        return None


def _restore(value: object) -> str:
    """A cell as written by neutralise_cell, back to the text it stood for."""
    text = "" if value is None else str(value)
    if text.startswith("'") and text[1:2] in ("=", "+", "-", "@", "\t", "\r"):
        return text[1:]
    return text


def read_registry(path: str | Path) -> Registry:
    """Read a registry; a missing file is an empty registry."""
    source = Path(path)
    if not source.exists():
        return Registry(str(path))
    if source.suffix.lower() == ".xlsx":
        raw = _read_xlsx(source)
    else:
        try:
            text = source.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise RegistryError(_("{path}: not UTF-8 text ({reason}). The registry is written by "
                                  "`workshop certificates`; restore it from a backup instead "
                                  "of re-saving it from Excel.").format(
                                    path=path, reason=exc.reason)) from exc
        raw = list(csv.reader(io.StringIO(text, newline="")))
    if not raw:
        return Registry(str(path))
    headers = [str(h or "").strip() for h in raw[0]]
    missing = [c for c in REQUIRED if c not in headers]
    if missing:
        raise RegistryError(_("{path}, row 1: missing column(s) {values}. A registry has the "
                              "columns {values2}.").format(
                                path=path, values=', '.join(missing), values2=', '.join(COLUMNS)))
    index = {name: headers.index(name) for name in COLUMNS if name in headers}
    rows = []
    for number, cells in enumerate(raw[1:], start=2):
        if not any(str(c or "").strip() for c in cells):
            continue
        values = {name: _restore(cells[i]) if i < len(cells) else ""
                  for name, i in index.items()}
        entry = Entry(**values, row=number)
        entry = replace(entry, code=normalise_code(entry.code))
        if entry.status not in STATUSES:
            raise RegistryError(_("{path}, row {number}, column \"status\": \"{status}\" is not "
                                  "{values}. Fix the cell.").format(
                                    path=path, number=number, status=entry.status, values=' or '.join(STATUSES)))
        if entry.type not in TYPES:
            raise RegistryError(_("{path}, row {number}, column \"type\": \"{type}\" is not "
                                  "{values}. Fix the cell.").format(
                                    path=path, number=number, type=entry.type, values=' or '.join(TYPES)))
        rows.append(entry)
    return Registry(str(path), tuple(rows))


def append_entries(path: str | Path, entries: list[Entry]) -> Registry:
    """Append rows to a registry file (created with its header when missing)."""
    target = Path(path)
    if not entries:
        return read_registry(target)
    if target.suffix.lower() == ".xlsx":
        _append_xlsx(target, entries)
    else:
        old = target.read_bytes() if target.exists() else b""
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\r\n")
        columns = COLUMNS
        if not old.strip():
            old = b""
            writer.writerow(COLUMNS)
        else:
            # Write in the file's own column order (an older file may lack a column).
            header = next(csv.reader(io.StringIO(old.decode("utf-8-sig").split("\n", 1)[0])))
            columns = tuple(h.strip() for h in header)
            if not old.endswith((b"\n", b"\r")):
                buffer.write("\r\n")
        for entry in entries:
            writer.writerow(entry.cells(columns))
        prefix = b"\xef\xbb\xbf" if not old else b""
        write_bytes_atomic(target, old + prefix + buffer.getvalue().encode("utf-8"))
    return read_registry(target)


def revoke(registry: str | Path, code: str, reason: str, *,
           when: dt.datetime | None = None) -> Entry:
    """Mark a code as revoked by appending a revocation row; returns that row."""
    book = read_registry(registry)
    entry = book.find(code)
    if entry is None:
        raise RegistryError(_("{registry}: no certificate has the code {normalise_code}. Check "
                              "the code with `workshop verify`.").format(
                                registry=registry, normalise_code=normalise_code(code)))
    if entry.status == "revoked":
        raise RegistryError(_("{registry}: the code {code} was already revoked on {revoked_at} "
                              "(row {row}).").format(
                                registry=registry, code=entry.code, revoked_at=entry.revoked_at, row=entry.row))
    if not reason.strip():
        raise RegistryError(_("Give the reason for revoking the certificate."))
    stamp = (when or dt.datetime.now(dt.timezone.utc)).replace(microsecond=0).isoformat()
    row = replace(entry, status="revoked", revoked_at=stamp, reason=reason.strip(), row=0)
    append_entries(registry, [row])
    return row


def _read_xlsx(source: Path) -> list[tuple]:
    from openpyxl import load_workbook

    from .responses.read import check_workbook

    check_workbook(source)  # a zip bomb would otherwise be inflated by openpyxl
    try:
        book = load_workbook(source, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise InputFileError(_("{source}: cannot be read as an Excel workbook ({exc}). Restore "
                               "the registry from a backup.").format(source=source, exc=exc)) from exc
    try:
        return [tuple(r) for r in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


def _append_xlsx(target: Path, entries: list[Entry]) -> None:
    from openpyxl import Workbook, load_workbook

    if target.exists():
        from .responses.read import check_workbook

        check_workbook(target)
        book = load_workbook(target)
        sheet = book.worksheets[0]
        columns = tuple(str(c.value or "").strip() for c in sheet[1])
    else:
        book = Workbook()
        sheet = book.active
        sheet.title = "registry"
        sheet.append(list(COLUMNS))
        columns = COLUMNS
    for entry in entries:
        sheet.append(entry.cells(columns))
    with atomic_write(target, "wb") as handle:
        book.save(handle)
