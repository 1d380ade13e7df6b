"""Answer keys: from a key file (CSV/XLSX), an XLSForm, or a workshop's question bank."""
from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

from ..errors import InputFileError, KeyFileError
from ..i18n import _
from ..model import QUESTION_TYPES, AnswerKey, KeyItem
from .read import read_table
from .text import format_number, norm, parse_number

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from ..model import Workshop

TRUE_WORDS = frozenset({"true", "vrai", "oui", "yes", "1", "v", "t", "o", "y"})
FALSE_WORDS = frozenset({"false", "faux", "non", "no", "0", "f", "n"})
TYPE_ALIASES = {
    "single": "single", "select_one": "single", "one": "single", "unique": "single",
    "multiple": "multiple", "select_multiple": "multiple", "multi": "multiple",
    "true-false": "true-false", "true_false": "true-false", "truefalse": "true-false",
    "vrai-faux": "true-false", "boolean": "true-false",
    "number": "number", "integer": "number", "decimal": "number", "numeric": "number",
    # the words a French-speaking facilitator types
    "choix_unique": "single", "choix_multiple": "multiple", "multiples": "multiple",
    "vrai_faux": "true-false", "vrai/faux": "true-false", "nombre": "number",
    "numérique": "number", "numerique": "number", "entier": "number",
}
KEY_COLUMNS = ("question", "answer", "type", "choices", "points", "id", "module")
_HEADER_ALIASES = {
    "question": "question", "questions": "question", "answer": "answer", "answers": "answer",
    "réponse": "answer", "reponse": "answer", "correct": "answer", "type": "type",
    "choices": "choices", "choix": "choices", "points": "points", "point": "points",
    "id": "id", "module": "module", "tolerance": "tolerance", "tolérance": "tolerance",
}


def true_false(value: str) -> str | None:
    """'Vrai', 'yes', '1' -> 'true'; 'Faux', 'no', '0' -> 'false'; else None."""
    n = norm(value)
    if n in TRUE_WORDS:
        return "true"
    if n in FALSE_WORDS:
        return "false"
    return None


def read_key(path: str | Path) -> AnswerKey:
    """Read an answer key file (CSV or XLSX; columns question, answer, type, choices, ...)."""
    name = str(path)
    try:
        table = read_table(path)
    except InputFileError as exc:
        raise KeyFileError(str(exc)) from exc
    cols: dict[str, int] = {}
    for j, header in enumerate(table.headers):
        canonical = _HEADER_ALIASES.get(norm(header))
        if canonical and canonical not in cols:
            cols[canonical] = j
    missing = [c for c in ("question", "answer") if c not in cols]
    if missing:
        raise KeyFileError(
            _("{name}: the answer key has no column {values} (its columns are: {values2}). The "
              "key needs one row per question with the columns question and answer (optional: "
              "type, choices, points, id, module).").format(
                name=name, values=', '.join(repr(m) for m in missing),
                values2=', '.join(table.headers)))
    values = {c: table.column(j) for c, j in cols.items()}
    items: list[KeyItem] = []
    seen: dict[str, int] = {}
    seen_ids: dict[str, int] = {}
    for i, row in enumerate(table.row_numbers):
        def cell(column: str, i: int = i) -> str:
            return values[column][i].strip() if column in values else ""

        question = cell("question")
        if not question:
            if any(cell(c) for c in cols):
                raise KeyFileError(_("{name}, row {row}: the question cell is empty. Give the "
                                     "XLSForm name or the column header of the question.").format(
                                       name=name, row=row))
            continue
        where = f'{name}, row {row}, question "{question}"'
        if norm(question) in seen:
            raise KeyFileError(_("{where}: the question is already in row {value}. Keep one row "
                                 "per question.").format(
                                   where=where, value=seen[norm(question)]))
        seen[norm(question)] = row
        items.append(_key_item(where, row, question, cell))
        if items[-1].id in seen_ids:
            raise KeyFileError(_("{where}: the id \"{id}\" is already used in row {value}. Give "
                                 "each question its own id.").format(
                                   where=where, id=items[-1].id, value=seen_ids[items[-1].id]))
        seen_ids[items[-1].id] = row
    if not items:
        raise KeyFileError(_("{name}: the answer key has no questions. Add one row per scored "
                             "question.").format(name=name))
    return AnswerKey(tuple(items), source=name)


def _key_item(where: str, row: int, question: str, cell) -> KeyItem:
    answers = [a.strip() for a in cell("answer").split("|") if a.strip()]
    choices = [c.strip() for c in cell("choices").split("|") if c.strip()]
    raw_type = cell("type")
    if raw_type:
        qtype = TYPE_ALIASES.get(norm(raw_type).replace(" ", "_"))
        if qtype is None:
            raise KeyFileError(_("{where}, column \"type\": \"{raw_type}\" is not a question type. "
                                 "Use one of: {values}.").format(
                                   where=where, raw_type=raw_type,
                                   values=', '.join(QUESTION_TYPES)))
    else:
        qtype = "multiple" if len(answers) > 1 else "single"
    if not answers:
        raise KeyFileError(_("{where}, column \"answer\": the correct answer is empty. Give the "
                             "correct choice (several separated by |).").format(where=where))
    points_text = cell("points")
    points = parse_number(points_text) if points_text else 1.0
    if points is None or points < 0:
        raise KeyFileError(_("{where}, column \"points\": \"{points_text}\" is not a number of "
                             "points. Give a positive number (default 1).").format(
                               where=where, points_text=points_text))
    tol_text = cell("tolerance")
    tolerance = parse_number(tol_text) if tol_text else 0.0
    if qtype == "number":
        value = parse_number(answers[0])
        if value is None or len(answers) != 1:
            raise KeyFileError(_("{where}, column "
                                 "\"answer\": \"{cell}\" is not one number. A number "
                                 "question needs a single numeric answer.").format(
                                   where=where, cell=cell("answer")))
        answer_set = frozenset({format_number(value)})
        choice_pairs: tuple[tuple[str, tuple[str, ...]], ...] = ()
    elif qtype == "true-false":
        tf = true_false(answers[0])
        if tf is None or len(answers) != 1:
            raise KeyFileError(_("{where}, column "
                                 "\"answer\": \"{cell}\" is not true or false. Write "
                                 "true/false (or vrai/faux).").format(
                                   where=where, cell=cell("answer")))
        answer_set = frozenset({tf})
        choice_pairs = (("true", ()), ("false", ()))
    else:
        if qtype == "single" and len(answers) > 1:
            raise KeyFileError(_("{where}: a single question has one correct answer, found "
                                 "{count}. Set the type to multiple or keep one answer.").format(
                                   where=where, count=len(answers)))
        if choices:
            known = {norm(c): c for c in choices}
            bad = [a for a in answers if norm(a) not in known]
            if bad:
                raise KeyFileError(
                    _("{where}, column \"answer\": {values} is not among the choices ({values2}). "
                      "Fix the answer or add it to choices.").format(
                        where=where, values=", ".join(repr(b) for b in bad),
                        values2=', '.join(choices)))
            answers = [known[norm(a)] for a in answers]
        answer_set = frozenset(answers)
        choice_pairs = tuple((c, ()) for c in choices)
    return KeyItem(id=cell("id") or question, question=question, type=qtype,
                   answers=answer_set, choices=choice_pairs, points=float(points),
                   module=cell("module"), tolerance=float(tolerance or 0.0), line=row)


def map_headers(key: AnswerKey, mapping: Sequence[str] | Mapping[str, str]) -> AnswerKey:
    """The key with each export header of ``mapping`` taken as a question's column.

    ``mapping``: {header: question id}, or "HEADER=QID" texts (the --map option, repeatable),
    for a question whose header was edited between the pre- and the post-test.
    """
    pairs: dict[str, str] = {}
    if isinstance(mapping, dict):
        pairs = dict(mapping)
    else:
        for text in mapping:
            header, sep, qid = str(text).rpartition("=")
            if not sep or not header.strip() or not qid.strip():
                raise KeyFileError(_('--map "{text}": write it HEADER=QUESTION_ID, e.g. --map '
                                     '"Quelle est la capitale ?=q3" (repeat --map for each '
                                     "header).").format(text=text))
            pairs[header.strip()] = qid.strip()
    ids = {item.id: item for item in key.items}
    by_name = {norm(item.question): item.id for item in key.items}
    extra: dict[str, list[str]] = {}
    for header, qid in pairs.items():
        target = qid if qid in ids else by_name.get(norm(qid))
        if target is None:
            raise KeyFileError(
                _("--map \"{header}={qid}\": the key has no question {qid}. Its questions "
                  "are: {join}.").format(header=header, qid=qid, join=', '.join(ids)))
        extra.setdefault(target, []).append(header)
    items = tuple(dataclasses.replace(item, aliases=(*item.aliases, *extra[item.id]))
                  if item.id in extra else item for item in key.items)
    return dataclasses.replace(key, items=items)


# ---------------------------------------------------------------- XLSForm

_FORM_TYPES = {"select_one": "single", "select_multiple": "multiple", "integer": "number",
               "decimal": "number", "range": "number"}


class FormQuestion(TypedDict):
    """One question of an XLSForm's survey sheet."""

    type: str | None  # the key type ("single", "multiple", "number"), None for other rows
    list: str  # the choice list of a select question, else ""
    labels: tuple[str, ...]  # its label in every language the form has


def read_xlsform(path: str | Path
                 ) -> tuple[dict[str, FormQuestion], dict[str, list[tuple[str, tuple[str, ...]]]]]:
    """Questions {name: {type, list, labels}} and choice lists {list: [(name, labels)]}."""
    name = str(path)
    try:
        survey = read_table(path, sheet="survey")
        choices_sheet = read_table(path, sheet="choices")
    except InputFileError as exc:
        raise InputFileError(_("{name}: not an XLSForm (it needs the sheets survey and choices): "
                               "{exc}").format(name=name, exc=exc)) from exc

    def cols(table, wanted: str) -> list[int]:
        return [j for j, h in enumerate(table.headers)
                if norm(h) == wanted or norm(h).startswith(wanted + "::")]

    questions: dict[str, FormQuestion] = {}
    s_type, s_name = cols(survey, "type"), cols(survey, "name")
    s_labels = cols(survey, "label")
    if not s_type or not s_name:
        raise InputFileError(_('{name}, sheet "survey": the columns type and name are '
                               'needed.').format(
                                 name=name))
    types, names = survey.column(s_type[0]), survey.column(s_name[0])
    for i in range(survey.n_rows):
        parts = types[i].split()
        if not parts or not names[i].strip():
            continue
        qtype = _FORM_TYPES.get(parts[0])
        labels = tuple(survey.column(j)[i].strip() for j in s_labels
                       if survey.column(j)[i].strip())
        questions[names[i].strip()] = {"type": qtype, "list": parts[1] if len(parts) > 1 else "",
                                       "labels": labels}
    lists: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    c_list, c_name = cols(choices_sheet, "list_name"), cols(choices_sheet, "name")
    c_labels = cols(choices_sheet, "label")
    if c_list and c_name:
        for i in range(choices_sheet.n_rows):
            lst, nm = choices_sheet.column(c_list[0])[i].strip(), \
                choices_sheet.column(c_name[0])[i].strip()
            if lst and nm:
                labels = tuple(choices_sheet.column(j)[i].strip() for j in c_labels
                               if choices_sheet.column(j)[i].strip())
                lists.setdefault(lst, []).append((nm, labels))
    return questions, lists


def key_from_form(xlsform_path: str | Path, key: AnswerKey | None = None) -> AnswerKey:
    """Add an XLSForm's labels (every language) and choices to a key whose questions are names."""
    questions, lists = read_xlsform(xlsform_path)
    name = str(xlsform_path)
    form_labels = tuple((qname, q["labels"]) for qname, q in questions.items())
    if key is None:
        items = []
        for form_name, q in questions.items():
            if q["type"] is None:
                continue
            choices = tuple((c, labels) for c, labels in lists.get(q["list"], []))
            qtype = q["type"]
            if qtype == "single" and {c for c, _ in choices} == {"true", "false"}:
                qtype = "true-false"
            items.append(KeyItem(id=form_name, question=form_name, type=qtype, answers=frozenset(),
                                 choices=choices, aliases=q["labels"]))
        return AnswerKey(tuple(items), source=name, form_labels=form_labels)
    by_label = {norm(label): qname for qname, q in questions.items() for label in q["labels"]}
    out = []
    for item in key.items:
        qname = item.question if item.question in questions else by_label.get(norm(item.question))
        if qname is None:
            out.append(item)  # a key row for a question the form lacks: found by its header
            continue
        q = questions[qname]
        qtype = item.type
        if q["type"] == "multiple":
            qtype = "multiple"
        elif q["type"] == "number":
            qtype = "number"
        form_choices = lists.get(q["list"], [])
        answers = item.answers
        choices = item.choices
        if form_choices and qtype in ("single", "multiple", "true-false"):
            choices = tuple((c, labels) for c, labels in form_choices)
            lookup = {norm(c): c for c, _ in form_choices}
            for c, labels in form_choices:
                for label in labels:
                    lookup.setdefault(norm(label), c)
            mapped = []
            for answer in answers:
                hit = lookup.get(norm(answer))
                if hit is None:
                    raise KeyFileError(
                        _("{source}, row {line}, question "
                          "\"{question}\": the answer \"{answer}\" is "
                          "not a choice of {qname} in {name} ({values}). Fix the key.").format(
                            source=key.source, line=item.line, question=item.question,
                            answer=answer, qname=qname, name=name,
                            values=', '.join(c for c, _ in form_choices)))
                mapped.append(hit)
            answers = frozenset(mapped)
            if qtype == "true-false":
                answers = frozenset(true_false(a) or a for a in answers)
        aliases = tuple(dict.fromkeys((*item.aliases, qname, *q["labels"])))
        out.append(dataclasses.replace(item, question=qname, type=qtype, answers=answers,
                                       choices=choices, aliases=aliases))
    return AnswerKey(tuple(out), source=key.source or name,
                     form_labels=form_labels)


# ---------------------------------------------------------------- workshop question bank

def key_from_workshop(workshop: Workshop, stage: str = "pre") -> AnswerKey:
    """The key of a workshop's pre- or post-test, from its modules' question bank."""
    # The same question selection and form names as `workshop test-form`, so the XLSForm it
    # wrote is read back whatever the export options were.
    from ..stages import choice_name, stage_questions, xlsform_names

    questions = stage_questions(workshop, stage)
    names = xlsform_names(questions)
    items = []
    for q in questions:
        texts = tuple(dict.fromkeys(t for _, t in q.text.values if t.strip()))
        choices = tuple((choice_name(c.id),
                         tuple(dict.fromkeys(t for _, t in c.text.values if t.strip())))
                        for c in q.choices)
        if q.type == "number":
            answers = frozenset({format_number(q.answer)}) if q.answer is not None \
                else frozenset()
        elif q.type == "true-false":
            answers = frozenset(true_false(a) or a for a in q.correct_ids)
            if not choices:
                choices = (("true", ()), ("false", ()))
        else:
            answers = frozenset(choice_name(c) for c in q.correct_ids)
        module = q.module or next((m.id for m in workshop.modules
                                   if any(mq.id == q.id for mq in m.questions)), "")
        items.append(KeyItem(id=q.id, question=names[q.id], type=q.type, answers=answers,
                             choices=choices, points=q.points, aliases=texts, module=module,
                             objective=q.objective, tolerance=q.tolerance, line=q.line))
    return AnswerKey(tuple(items), source=workshop.source or workshop.id)
