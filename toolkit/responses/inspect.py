"""inspect_file: what an import would see, reported instead of raised."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import ColumnError, ToolkitError
from ..i18n import _, ngettext
from ..model import AnswerKey
from .importer import column_problems, read_responses, scan
from .match import KIND_NAMES
from .normalise import closest_headers, edited_note
from .table import Duplicate


@dataclass(frozen=True)
class Inspection:
    """What `workshop inspect` shows about one export (see inspect_file)."""

    file: str
    format: str
    sheet: str | None
    sheets: tuple[str, ...]
    encoding: str | None
    delimiter: str | None
    rows_read: int
    hxl_row_dropped: bool
    columns: dict[str, str | None]  # "id", "email", "name", "time" -> header or None
    match_by: str | None
    answers_known: bool
    questions: tuple[dict[str, Any], ...]  # {id, question, header}
    missing: tuple[dict[str, Any], ...]  # {id, question, closest}
    unknown_answers: tuple[dict[str, Any], ...]  # {id, header, value, count, rows}
    counted: int | None
    rejected: tuple[dict[str, Any], ...]
    duplicates: tuple[dict[str, Any], ...]
    notes: tuple[str, ...] = field(default=())
    empty_rows: tuple[int, ...] = ()  # blank rows between data rows: skipped, not scored
    problems: tuple[str, ...] = ()  # questions nobody answered or whose answers match nothing

    def to_dict(self) -> dict[str, Any]:
        """The inspection as JSON-ready data."""
        return _plain(dataclasses.asdict(self))

    def to_text(self) -> str:
        """The inspection for people, one fact a line."""
        lines = [_("File: {file}").format(file=self.file),
                 _("Format: {format}").format(format=self.format)]
        if self.sheet:
            lines.append(_('Sheet: "{sheet}" (sheets: {values})').format(
                             sheet=self.sheet, values=", ".join(self.sheets)))
        if self.delimiter:
            lines.append(_("CSV: encoding {encoding}, delimiter {delimiter!r}").format(
                             encoding=self.encoding, delimiter=self.delimiter))
        empty = len(self.empty_rows)
        lines.append(_("Rows read: {rows_read}").format(rows_read=self.rows_read)
                     + (_(" (HXL hashtag row dropped)") if self.hxl_row_dropped else "")
                     + (ngettext("; empty rows skipped: {n} (row {rows})",
                                 "; empty rows skipped: {n} (rows {rows})", empty).format(
                                   n=empty, rows=_rows(self.empty_rows)) if empty else ""))
        for kind, label in (("id", _("Participant id")), ("email", _("E-mail")),
                            ("name", _("Name")), ("time", _("Time"))):
            lines.append(_("{label} column: {value}").format(
                             label=label, value=self.columns.get(kind) or '-'))
        if self.match_by:
            lines.append(_("Participants matched by: {match_by}").format(
                match_by=_(KIND_NAMES.get(self.match_by, self.match_by))))
        if self.questions or self.missing:
            lines.append("")
            lines.append(_("Questions:"))
            for q in self.questions:
                lines.append(_('  {id}: "{header}"').format(id=q["id"], header=q["header"]))
            for q in self.missing:
                close = ", ".join(f'"{h}"' for h in q["closest"])
                lines.append(_("  {id}: NOT FOUND (question \"{question}\"; closest headers: "
                               "{close})").format(
                                 id=q["id"], question=q["question"], close=close))
            if not self.answers_known:
                lines.append(_("  Correct answers are unknown (form without key): give --key to "
                               "score."))
        for problem in self.problems:
            lines.append(_("Problem: {problem}").format(problem=problem))
        if self.unknown_answers:
            lines.append("")
            lines.append(_("Answers that match no choice (they score 0; fix the cells, or add "
                           "the choice to the key or the form):"))
            for u in self.unknown_answers:
                rows = ", ".join(str(r) for r in u["rows"][:10])
                lines.append(ngettext('  {id}: "{value}" x{count} (row {rows}{more})',
                                      '  {id}: "{value}" x{count} (rows {rows}{more})',
                                      len(u["rows"])).format(
                    id=u["id"], value=u["value"], count=u["count"], rows=rows,
                    more=" ..." if len(u["rows"]) > 10 else ""))
        if self.counted is not None:
            lines.append("")
            lines.append(_("Counted: {counted}, rejected: {rejected}, duplicates: {duplicates}")
                         .format(counted=self.counted, rejected=len(self.rejected),
                                 duplicates=len(self.duplicates))
                         + (_(", empty rows skipped: {n}").format(n=len(self.empty_rows))
                            if self.empty_rows else ""))
        for r in self.rejected:
            lines.append(_("  row {row}: rejected ({code}): {message}").format(
                             row=r["row"], code=r["code"], message=r["message"]))
        for d in self.duplicates:
            same = {"email": _("e-mail"), "name": _("name"), "id": _("id")}.get(
                self.match_by or "", self.match_by)
            of = d["id"] or _("the same {same} as row {row}").format(same=same,
                                                                     row=d["kept_row"])
            lines.append(_("  row {row}: duplicate of {of}, row {kept_row} counts").format(
                             row=d["row"], of=of, kept_row=d["kept_row"]))
        for note in self.notes:
            lines.append(_("Note: {note}").format(note=note))
        return "\n".join(lines)


def _rows(rows: tuple[int, ...]) -> str:
    return ", ".join(str(r) for r in rows[:10]) + (" ..." if len(rows) > 10 else "")


def _plain(value: Any) -> Any:
    """Tuples as lists, so to_dict() is what its JSON reads back as."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _load_key(file: str, key: Any, form: str | None, workshop: Any) -> AnswerKey | None:
    from .key import key_from_form, key_from_workshop, read_key

    answer_key = read_key(key) if isinstance(key, (str, Path)) else key
    if answer_key is None and workshop is not None:
        from ..resolve import require_workshop

        ws = require_workshop(workshop)
        stage = "post" if "post" in Path(file).name.lower() else "pre"
        answer_key = key_from_workshop(ws, stage)
    if form is not None:
        answer_key = key_from_form(form, answer_key)
    return answer_key


def inspect_file(path: str | Path, *, key: Any = None, form: str | None = None,
                 workshop: Any = None, id_column: str | None = None,
                 header_map: Any = ()) -> Inspection:
    """Report format, columns, questions found or not, odd answers, rejected and duplicate rows.

    ``header_map``: "HEADER=QID" texts (or a dict), an export header taken as a question.
    """
    file = str(path)
    answer_key = _load_key(file, key, form, workshop)
    if header_map and answer_key is not None:
        from .key import map_headers

        answer_key = map_headers(answer_key, header_map)
    notes: list[str] = []
    try:
        s = scan(path, answer_key or AnswerKey(()), id_column=id_column)
    except ColumnError as exc:  # a wrong --id-column: report it and look at the rest
        notes.append(str(exc))
        id_column = None
        s = scan(path, answer_key or AnswerKey(()))
    table = s.table
    headers = table.headers
    cols = s.identity

    def header(j: int | None) -> str | None:
        return headers[j] if j is not None else None

    name_header = header(cols.name) or (f"{headers[cols.first]} + {headers[cols.last]}"
                                        if cols.first is not None and cols.last is not None
                                        else None)
    columns = {"id": header(cols.id), "email": header(cols.email), "name": name_header,
               "time": header(s.time_index)}
    questions = tuple({"id": i, "question": loc.item.question, "header": loc.shown_header}
                      for i, loc in s.found.items())
    missing = tuple({"id": item.id, "question": item.question,
                     "closest": closest_headers(item, headers)} for item in s.missing)
    unknown = []
    for item_id, normalised in s.answers.items():
        for value, where in normalised.unknown.items():
            rows = [table.row_numbers[i] for i in where]
            unknown.append({"id": item_id, "header": s.found[item_id].shown_header,
                            "value": value, "count": len(rows), "rows": rows})
    answers_known = bool(answer_key and answer_key.items
                         and all(item.answers for item in answer_key.items))
    notes[:0] = table.notes
    notes.extend(edited_note(file, loc) for loc in s.found.values() if loc.edited)
    if missing and form is None and all(" " not in item.question for item in s.missing):
        notes.append(_("the missing questions look like XLSForm names: if this export has "
                     "labels as headers, give the form with --form (or use --workshop)."))
    problems = [p.message for p in column_problems(
        file, s, table.row_numbers[0] if table.row_numbers else None)]
    counted = None
    rejected: tuple = ()
    duplicates: tuple = ()
    match_by = None
    if answer_key is not None and s.found:
        found_key = AnswerKey(tuple(loc.item for loc in s.found.values()),
                              source=answer_key.source, form_labels=answer_key.form_labels)
        try:
            result = read_responses(path, found_key, id_column=id_column,
                                    sheet=table.sheet if table.sheet else None)
        except ToolkitError as exc:
            notes.append(str(exc))
        else:
            counted, match_by = result.n, result.match_by
            if result.keyed_by_other:
                what = {"id": "participant code", "email": "e-mail", "name": "name"}[match_by]
                notes.append(_("row(s) {rows} have no {what}: they are linked by their e-mail "
                               "or name instead.").format(
                                 rows=_rows(result.keyed_by_other), what=what))
            rejected = tuple(dataclasses.asdict(p) for p in result.rejected)
            # an e-mail or a name is no id to print: say which row it repeats instead
            duplicates = tuple({**Duplicate.to_dict(d), "id": d.id if match_by == "id" else ""}
                               for d in result.duplicates)
    elif cols.kinds():
        match_by = cols.kinds()[0]
    return Inspection(
        file=file, format=s.format, sheet=table.sheet, sheets=table.sheets,
        encoding=table.encoding, delimiter=table.delimiter, rows_read=table.n_rows,
        hxl_row_dropped=s.hxl_dropped, columns=columns, match_by=match_by,
        answers_known=answers_known, questions=questions, missing=missing,
        unknown_answers=tuple(unknown), counted=counted, rejected=rejected,
        duplicates=duplicates, notes=tuple(notes), empty_rows=table.empty_rows,
        problems=tuple(problems))
