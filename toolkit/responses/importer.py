"""read_responses: one survey export -> an ImportResult (see table.py for the contract)."""
from __future__ import annotations

import gc
from collections.abc import Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputFileError, MatchError, Problem
from ..i18n import _, ngettext
from ..model import AnswerKey
from .detect import detect_format, drop_hxl_row, time_column
from .identity import IdentityColumns, find_identity_columns, parse_times, row_identities, row_keys
from .normalise import Location, Normalised, edited_note, locate, missing_error, normalise_item
from .read import RawTable, read_table
from .table import UNKNOWN_PREFIX, Duplicate, ImportResult

MATCH_KINDS = ("auto", "id", "email", "name")


@dataclass
class Scan:
    """Everything an import (or an inspection) learns about a file, before raising."""

    table: RawTable
    format: str
    hxl_dropped: bool
    found: dict[str, Location]
    missing: list
    answers: dict[str, Normalised]
    identity: IdentityColumns
    time_index: int | None


def scan(path: str | Path, key: AnswerKey, *, id_column: str | None = None,
         sheet: str | int | None = None, factorize: bool = False) -> Scan:
    """Read, detect, locate key items and normalise their answers (no errors for gaps)."""
    table = read_table(path, sheet=sheet)
    fmt = detect_format(table.headers)
    hxl = drop_hxl_row(table)
    if not table.n_rows:  # an XLSX sheet like this is already refused by read_table
        where = str(path) + (_(', sheet "{sheet}"').format(sheet=table.sheet)
                             if table.sheet else "")
        raise InputFileError(_("{where}: the file has a header row but no data rows (no "
                               "submissions). Check that you exported the submissions, not an "
                               "empty form.").format(where=where))
    found, missing = locate(table, key)
    answers = {item_id: normalise_item(table, loc, factorize=factorize)
               for item_id, loc in found.items()}
    used = {loc.index for loc in found.values() if loc.index is not None}
    used |= {j for loc in found.values() for j in loc.details.values()}
    identity = find_identity_columns(table.headers, fmt, id_column=id_column, file=str(path),
                                     skip=used, aliases=key.labels_of(id_column or ""))
    return Scan(table, fmt, hxl, found, missing, answers, identity,
                time_column(table.headers, fmt))


def choose_kind(identity: IdentityColumns, match: str, file: str,
                headers: list[str]) -> str:
    """The identity kind used for a file: the asked one, or id > e-mail > name."""
    if match not in MATCH_KINDS:
        raise MatchError(_("--match must be one of {values}, not {match!r}.").format(
                             values=', '.join(MATCH_KINDS), match=match))
    kinds = identity.kinds()
    if match != "auto":
        if match not in kinds:
            raise MatchError(
                _("{file}: cannot match by {match}: no {match} column was found (columns: "
                  "{values}). Name the column with --id-column, or choose another --match.").format(
                    file=file, match=match, values=', '.join(headers)))
        return match
    if not kinds:
        raise MatchError(
            _("{file}: no column identifies the participants (no participant code/id, e-mail or "
              "name column among: {values}). Name the column holding the participant code with "
              "--id-column.").format(file=file, values=', '.join(headers)))
    return kinds[0]


@contextmanager
def _gc_paused():
    """Pause the cyclic GC while building large acyclic lists of cells.

    Reading a 20,000-row sheet allocates about a million objects, which triggers repeated
    full collections that find nothing (cells hold no reference cycles): ~10% of import time.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_responses(path: str | Path, key: AnswerKey, *, id_column: str | None = None,
                   match: str = "auto", sheet: str | int | None = None,
                   anonymous: bool = False) -> ImportResult:
    """Import one survey export: answers normalised against ``key``, one row per participant.

    With ``anonymous`` (one test scored alone, nothing to link) a row without identity is
    scored under the key "#row N" instead of being rejected.
    """
    with _gc_paused():
        return _read_responses(path, key, id_column=id_column, match=match, sheet=sheet,
                               anonymous=anonymous)


def _no_choice_rows(columns: list[list]) -> set[int]:
    """Rows none of whose answers (two or more) is a choice of its question: a second header
    row (labels under names) or a row of notes, not a participant who scores 0."""
    def odd(value) -> bool:
        return value is None or (isinstance(value, str) and value.startswith(UNKNOWN_PREFIX))

    if len(columns) < 2:
        return set()
    # only rows whose first answer is odd or blank can qualify: cheap on 20,000 rows
    out = set()
    for i in [i for i, v in enumerate(columns[0]) if odd(v)]:
        values = [column[i] for column in columns]
        if len(values) - values.count(None) >= 2 and all(odd(v) for v in values):
            out.add(i)
    return out


def _read_responses(path: str | Path, key: AnswerKey, *, id_column: str | None,
                    match: str, sheet: str | int | None, anonymous: bool = False
                    ) -> ImportResult:
    file = str(path)
    s = scan(path, key, id_column=id_column, sheet=sheet, factorize=True)
    table = s.table
    if s.missing:
        raise missing_error(file, table.sheet, s.missing[0], table.headers, key)
    kind = choose_kind(s.identity, match, file, table.headers)
    keys = row_keys(table, s.identity, kind)
    if match == "auto" and not any(keys):
        # an identity column nobody filled in: fall back to the next kind that has values
        for other in s.identity.kinds():
            other_keys = row_keys(table, s.identity, other)
            if any(other_keys):
                kind, keys = other, other_keys
                break
    by_other: list[int] = []
    if match == "auto" and not all(keys):
        # a row whose code (or e-mail) is blank is still someone: key it by what it has
        for other in s.identity.kinds():
            if other == kind:
                continue
            other_keys = row_keys(table, s.identity, other)
            for i, value in enumerate(other_keys):
                if value and not keys[i]:
                    keys[i] = value
                    by_other.append(i)
    rows = table.row_numbers
    n = table.n_rows
    items = [item.id for item in key.items]
    columns = [s.answers[i].values for i in items]
    id_header = _identity_header(s.identity, kind, table.headers)
    unanswered = _unanswered(columns, n)
    no_choice = _no_choice_rows(columns)
    rejected: list[Problem] = []
    duplicates: list[Duplicate] = []
    if not unanswered and not no_choice and all(keys) and len(set(keys)) == n:
        # the usual export: every row identified, answered, and only once; kept in row order
        kept = dict(zip(keys, range(n)))
        order = list(kept)
    else:
        kept = _select_rows(s, keys, kind, id_header, unanswered, no_choice, rejected,
                            duplicates, file=file, id_column=id_column, anonymous=anonymous)
        order = sorted(kept, key=kept.__getitem__)
    positions = [kept[pid] for pid in order]
    import numpy as np
    import pandas as pd

    # codes computed while normalising (most columns): the kept rows' codes pick their
    # answers, and scoring reuses them instead of factorizing each column again. Other
    # columns: object arrays (fromiter: strictly 1-D, a frozenset stays one cell) spare
    # pandas its own slower per-column conversion of lists
    factorized = {i: pair for i in items
                  if (pair := s.answers[i].factorized) is not None}
    every = positions == list(range(n))
    if not every and factorized:
        kept_at = np.asarray(positions, dtype=np.intp)
        factorized = {i: _kept_codes(codes[kept_at], distinct, np, pd)
                      for i, (codes, distinct) in factorized.items()}
    data = {}
    for item, col in zip(items, columns):
        if item in factorized:
            codes, distinct = factorized[item]
            data[item] = distinct[codes]
        elif every:
            data[item] = np.fromiter(col, dtype=object, count=n)
        else:
            data[item] = np.fromiter(map(col.__getitem__, positions), dtype=object,
                                     count=len(positions))
    answers = pd.DataFrame(data, index=pd.Index(order, dtype=object, name="participant"),
                           columns=items, dtype=object)
    counted = set(positions)
    warnings = []
    for key_item in key.items:
        for raw, where in s.answers[key_item.id].unknown.items():
            hit = [rows[i] for i in where if i in counted]
            if hit:
                warnings.append(unknown_problem(file, s.found[key_item.id], raw, hit))
    warnings.extend(column_problems(file, s, rows[0] if rows else None))
    return ImportResult(
        file=file, sheet=table.sheet, format=s.format, key=key, answers=answers,
        rows={pid: rows[kept[pid]] for pid in order},
        identities=dict(zip(order, row_identities(table, s.identity, positions))),
        columns={i: s.found[i].shown_header for i in items}, match_by=kind,
        id_column=id_header,
        time_column=table.headers[s.time_index] if s.time_index is not None else None,
        rows_read=n, rejected=tuple(rejected),
        factorized=(answers, factorized) if factorized else None,
        duplicates=tuple(sorted(duplicates, key=lambda d: d.row)), warnings=tuple(warnings),
        notes=table.notes + ((_("a KoboToolbox HXL hashtag row (row 2) was skipped"),)
                             if s.hxl_dropped else ()) + _empty_note(table)
        + tuple(edited_note(file, loc) for loc in s.found.values() if loc.edited),
        keyed_by_other=tuple(sorted(table.row_numbers[i] for i in by_other
                                    if i in counted)),
        identity_columns={k: h for k in s.identity.kinds()
                          if (h := _identity_header(s.identity, k, table.headers))})


def _empty_note(table: RawTable) -> tuple[str, ...]:
    empty = table.empty_rows
    if not empty:
        return ()
    shown = ", ".join(str(r) for r in empty[:10]) + (" ..." if len(empty) > 10 else "")
    return (ngettext("{file}: {count} empty row between the answers skipped (row {shown}).",
                     "{file}: {count} empty rows between the answers skipped (rows {shown}).",
                     len(empty)).format(file=table.file, count=len(empty), shown=shown),)


def _kept_codes(codes, distinct, np, pd) -> tuple[Any, Any]:
    """Codes of the kept rows renumbered over the answers they hold, in order of first
    appearance (as pandas.factorize of the kept answers gives them)."""
    first = pd.unique(codes)
    used = first[first >= 0]
    # distinct's last slot is the blank: code -1 reads it and stays -1
    remap = np.full(len(distinct), -1, dtype=np.intp)
    remap[used] = np.arange(len(used), dtype=np.intp)
    kept = np.empty(len(used) + 1, dtype=object)
    kept[:-1] = distinct[used]
    return remap[codes], kept


def _select_rows(s: Scan, keys: list[str], kind: str, id_header: str | None,
                 unanswered: set[int], no_choice: set[int], rejected: list[Problem],
                 duplicates: list[Duplicate],
                 *, file: str, id_column: str | None, anonymous: bool) -> dict[str, int]:
    """The row counted for each participant key; rejected rows and duplicates appended."""
    table = s.table
    rows = table.row_numbers
    n = table.n_rows
    candidates: dict[str, list[int]] = {}
    for i in range(n):
        if not keys[i] and anonymous and i not in unanswered:
            candidates[f"#row {rows[i]}"] = [i]
        elif not keys[i]:
            anon = s.format == "ms-forms" and kind != "id"
            code = "anonymous" if anon else "missing-identity"
            # the reason is written into notes.txt and scores.xlsx: in the interface language
            msg = (_("anonymous response (no e-mail or name): it cannot be linked to a "
                     "participant") if anon else {
                "id": _("no participant code: the row cannot be linked to a participant. "
                        "Fill in the participant code (or remove the row)."),
                "email": _("no e-mail: the row cannot be linked to a participant. Fill in "
                           "the e-mail (or remove the row)."),
                "name": _("no name: the row cannot be linked to a participant. Fill in the "
                          "name (or remove the row).")}[kind])
            rejected.append(Problem(file, rows[i], id_header, code, msg))
        elif i in unanswered:
            rejected.append(Problem(file, rows[i], None, "no-answer",
                                    _("no scored question was answered; the row is not "
                                      "scored.")))
        elif i in no_choice:
            rejected.append(Problem(
                file, rows[i], None, "no-choice",
                _("none of the answers is a choice of its question (a second header row, or "
                  "labels in another language?); the row is not scored. Delete the row if it "
                  "is not a participant's, or fix its answers.")))
        else:
            candidates.setdefault(keys[i], []).append(i)
    identified = sum(len(v) for v in candidates.values())
    if id_column and kind == "id" and identified >= 4 and len(candidates) * 2 < identified:
        # a column that repeats its values is no participant code (e.g. organisation type):
        # scoring it would drop most rows as "duplicates"
        raise MatchError(
            _("{file}: the column \"{id_header}\" given with --id-column holds only {count} "
              "different values in {identified} rows ({values}{value}), so it is not a "
              "participant code. Give the column that holds one code per participant, or leave "
              "out --id-column to let the import find it.").format(
                file=file, id_header=id_header, count=len(candidates), identified=identified,
                values=', '.join(sorted(candidates)[:5]),
                value=', ...' if len(candidates) > 5 else ''))
    times = {}
    time_values = None
    if s.time_index is not None and any(len(v) > 1 for v in candidates.values()):
        time_values = table.column(s.time_index)
        times = parse_times(time_values, month_first=s.format == "google-forms"
                            and table.headers[s.time_index].strip().lower() == "timestamp")
    kept: dict[str, int] = {}
    for pid, positions in candidates.items():
        if len(positions) == 1:
            kept[pid] = positions[0]
            continue
        if time_values is not None:
            best = max(positions, key=lambda i: (times.get(time_values[i].strip()) is not None,
                                                 times.get(time_values[i].strip()) or 0, i))
        else:
            best = max(positions)  # no time: the row lower in the sheet was sent later
        kept[pid] = best
        duplicates.extend(Duplicate(file, rows[i], pid, rows[best]) for i in positions
                          if i != best)
    return kept


def _unanswered(columns: list[list], n: int) -> set[int]:
    """Positions of the rows with no answer to any key item.

    Narrowed column by column: after the first column only its few blank rows are looked at,
    instead of building a tuple of every row.
    """
    blank: Sequence[int] = range(n)
    for column in columns:
        blank = [i for i in blank if column[i] is None]
        if not blank:
            break
    return set(blank)


def unknown_problem(file: str, loc: Location, raw: str, rows: list[int]) -> Problem:
    """The 'unknown-choice' warning for one odd value of one question."""
    item = loc.item
    shown = ", ".join(str(r) for r in rows[:10]) + (" ..." if len(rows) > 10 else "")
    if item.type == "number":
        what = _("is not a number")
    else:
        names = ", ".join(name for name, _c in item.choices)
        what = _("matches no choice of {id} ({names})").format(id=item.id, names=names)
    fix = (_("Write the number in digits (e.g. 90).") if item.type == "number" else
           _("Fix the cells or add the choice to the answer key."))
    return Problem(file, rows[0], loc.shown_header, "unknown-choice",
                   ngettext('"{raw}" {what} in row {rows}; it scores 0. {fix}',
                            '"{raw}" {what} in rows {rows}; it scores 0. {fix}',
                            len(rows)).format(raw=raw, what=what, rows=shown, fix=fix))


def column_problems(file: str, s: Scan, first_row: int | None) -> list[Problem]:
    """A question nobody answered, or whose answers never match the key: it lowers every
    score, so it is named, never scored 0 in silence."""
    out = []
    for item_id, loc in s.found.items():
        normalised, item = s.answers[item_id], loc.item
        header = loc.shown_header
        if not normalised.answered:
            out.append(Problem(
                file, first_row, header, "no-answers",
                _('nobody answered {id} ("{question}", column "{header}"): it scores 0 for '
                  "everyone and lowers every score. Check that this column holds the answers "
                  "to that question, or remove the question from the key.").format(
                      id=item_id, question=_short(item.question), header=header)))
        elif not normalised.matched:
            known = " | ".join(name for name, _ in item.choices) or " | ".join(
                sorted(item.answers))
            out.append(Problem(
                file, first_row, header, "no-match",
                _('no answer to {id} in column "{header}" matches a choice or an answer of '
                  "the key ({known}): every row would score 0 on it. Write the key's answers "
                  "as the export writes them (or add the choices to the key), or check that "
                  "this column holds that question.").format(
                      id=item_id, header=header, known=known)))
    return out


def _short(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _identity_header(cols: IdentityColumns, kind: str, headers: list[str]) -> str | None:
    index = {"id": cols.id, "email": cols.email, "name": cols.name}[kind]
    if index is None and kind == "name" and cols.first is not None and cols.last is not None:
        return f"{headers[cols.first]} + {headers[cols.last]}"
    return headers[index] if index is not None else None
