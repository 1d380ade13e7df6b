"""Which questions make up the pre- or post-test, and the names they carry in forms and keys.

Pure functions shared by the writers (render/xlsform.py, render/testform.py) and the readers
that map an export back to the question bank: a question's XLSForm name is its id when the id
is a valid XML name (``ex-q1`` stays ``ex-q1``), else the id with every other character made
``_`` (``1.a`` becomes ``q_1.a``); choice names are choice ids with blanks made ``_``
(select_multiple answers are space-separated).
"""
from __future__ import annotations

import collections
import dataclasses
import difflib
import enum
import random
import re

from .errors import CurriculumError
from .i18n import N_, _, catalog_text
from .model import Question, Workshop

STAGES = ("pre", "post")
STAGE_TITLES = {
    "pre": catalog_text(N_("Pre-test")),
    "post": catalog_text(N_("Post-test")),
}
# A true-false question whose choice ids are "true" and "false" uses these labels everywhere.
TF_CHOICES = (("true", catalog_text(N_("True"))),
              ("false", catalog_text(N_("False"))))

# Names the XLSForm itself uses; a question id equal to one of them gets a suffix.
RESERVED_NAMES = frozenset({"start", "end", "today", "deviceid", "participant_code", "meta",
                            "instanceID", "data"})

_XML_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_.-]*$")


class _Default(enum.Enum):
    """A one-member enum, so type checkers tell the sentinel from an int seed or None."""
    FROM_WORKSHOP = "from-workshop"


FROM_WORKSHOP = _Default.FROM_WORKSHOP
Shuffle = int | None | _Default
"""A ``shuffle`` argument: a seed, None (the bank's order) or FROM_WORKSHOP."""


def stage_questions(ws: Workshop, stage: str,
                    shuffle: Shuffle = FROM_WORKSHOP) -> tuple[Question, ...]:
    """The questions of the ``pre`` or ``post`` test, in test order.

    An empty post-test list means "the same as the pre-test"; an empty list for both means one
    question per objective (the first question of each objective of the programme's modules).
    ``shuffle``: a seed that orders each question's choices (see ``shuffled``); by default the
    workshop's ``tests: shuffle:``; None keeps the bank's order.
    """
    seed = ws.tests.shuffle if shuffle is _Default.FROM_WORKSHOP else shuffle
    questions = _stage_questions(ws, stage)
    return questions if seed is None else shuffle_test(questions, seed, stage)


def choice_order(count: int, seed: int, stage: str, question_id: str) -> list[int]:
    """Positions 0..count-1 in the order a form shuffled with ``seed`` shows them.

    The same seed, stage and question always give the same order (a string-seeded
    random.Random), so the XLSForm, the paper test and both keys written at different times
    agree; the pre- and post-test of one seed differ.
    """
    order = list(range(count))
    random.Random(f"{seed}:{stage}:{question_id}").shuffle(order)
    return order


def shuffled(question: Question, seed: int, stage: str) -> Question:
    """The question with its choices in the order of ``choice_order``.

    True/false questions keep Vrai before Faux (readers expect that order on paper); choice
    ids, hence XLSForm names and scoring, never change.
    """
    if question.type == "true-false" or len(question.choices) < 2:
        return question
    order = choice_order(len(question.choices), seed, stage, question.id)
    return dataclasses.replace(question, choices=tuple(question.choices[i] for i in order))


def shuffle_test(questions, seed: int, stage: str) -> tuple[Question, ...]:
    """A test's questions with their choices shuffled so the single-choice keys are spread.

    Each question's choices follow ``choice_order``; then, for single-choice questions, the
    correct option is swapped to the next position of a seeded round (every position once
    before any comes back, per number of choices), so no letter collects the keys by chance
    the way independent shuffles can. The same seed, stage and questions always give the
    same forms.
    """
    rng = random.Random(f"{seed}:{stage}:positions")
    rounds: dict[int, list[int]] = {}
    out = []
    for question in questions:
        moved = shuffled(question, seed, stage)
        keyed = [i for i, c in enumerate(moved.choices) if c.correct]
        if moved.type == "single" and len(keyed) == 1 and len(moved.choices) > 1:
            width = len(moved.choices)
            queue = rounds.setdefault(width, [])
            if not queue:
                queue.extend(rng.sample(range(width), width))
            target = queue.pop()
            choices = list(moved.choices)
            choices[keyed[0]], choices[target] = choices[target], choices[keyed[0]]
            moved = dataclasses.replace(moved, choices=tuple(choices))
        out.append(moved)
    return tuple(out)


def _stage_questions(ws: Workshop, stage: str) -> tuple[Question, ...]:
    if stage not in STAGES:
        raise ValueError(_("stage must be one of {STAGES}, not {stage!r}").format(
                             STAGES=STAGES, stage=stage))
    bank = ws.questions
    ids = ws.tests.pre if stage == "pre" else (ws.tests.post or ws.tests.pre)
    where = ws.source or ws.id
    if not ids:
        ids = tuple(_one_per_objective(ws))
        if not ids:
            raise CurriculumError(
                _("{where}: the workshop has no question for its {stage}-test: its modules hold "
                  "no question bank. Add questions to the modules, or list question ids under "
                  "tests: {stage}: in the workshop file.").format(where=where, stage=stage))
    missing = [qid for qid in ids if qid not in bank]
    if missing:
        hints = []
        for qid in missing:
            close = difflib.get_close_matches(qid, list(bank), n=1)
            hints.append(f'"{qid}"' + (f' (did you mean "{close[0]}"?)' if close else ""))
        raise CurriculumError(
            _("{where}: tests: {stage}: lists question(s) that no module of the programme holds: "
              "{values}. Fix the ids or add the modules to the programme.").format(
                where=where, stage=stage, values=', '.join(hints)))
    counts = collections.Counter(ids)
    duplicates = [qid for qid in ids if counts[qid] > 1]
    if duplicates:
        raise CurriculumError(
            _("{where}: tests: {stage}: lists {values} more than once. Keep each question "
              "once.").format(
                where=where, stage=stage, values=', '.join(sorted(set(duplicates)))))
    return tuple(bank[qid] for qid in ids)


def _one_per_objective(ws: Workshop):
    for module in ws.modules:
        for objective in module.objectives:
            for question in module.questions:
                if question.objective == objective.id:
                    yield question.id
                    break


def xlsform_names(questions: tuple[Question, ...] | list[Question]) -> dict[str, str]:
    """Question id -> XLSForm name: the id itself when it is a valid, free XML name."""
    names: dict[str, str] = {}
    taken = set(RESERVED_NAMES)
    for question in questions:
        name = question.id
        if not _XML_NAME.match(name):
            name = re.sub(r"[^A-Za-z0-9_.-]", "_", name)
            if not re.match(r"[A-Za-z_]", name):
                name = "q_" + name
        base, n = name, 2
        while name in taken:
            name = f"{base}_{n}"
            n += 1
        taken.add(name)
        names[question.id] = name
    return names


def choice_name(choice_id: str) -> str:
    """A choice id as an XLSForm choice name (no blanks: select_multiple joins with spaces)."""
    return re.sub(r"\s+", "_", choice_id.strip())


def is_plain_true_false(question: Question) -> bool:
    """True for a true-false question whose choice ids are exactly "true" and "false"."""
    return (question.type == "true-false"
            and sorted(choice_name(c.id) for c in question.choices) == ["false", "true"])


def letters(count: int) -> list[str]:
    """Paper-test letters for ``count`` choices: A, B, ..., Z, AA, AB, ..."""
    out = []
    for i in range(count):
        label, n = "", i
        while True:
            label = chr(ord("A") + n % 26) + label
            n = n // 26 - 1
            if n < 0:
                break
        out.append(label)
    return out


def check_scorable(question: Question, where: str = "") -> None:
    """Raise CurriculumError when a question cannot be scored from its bank entry."""
    place = where or question.module or "question bank"
    if question.type == "number":
        if question.answer is None:
            raise CurriculumError(_("{place}: question {id} (number) has no answer. Add answer: "
                                    "to the question.").format(place=place, id=question.id))
        return
    if not question.choices and question.type != "true-false":
        raise CurriculumError(_("{place}: question {id} has no choices. Add choices: to the "
                                "question.").format(place=place, id=question.id))
    ids = [choice_name(c.id) for c in question.choices]
    if any(not i for i in ids) or len(set(ids)) != len(ids):
        raise CurriculumError(_("{place}: question {id} has empty or duplicate choice ids. Give "
                                "each choice a distinct id.").format(
                                  place=place, id=question.id))
    correct = question.correct_ids
    if not correct:
        raise CurriculumError(_("{place}: question {id} has no correct choice. Mark the right "
                                "choice(s) with correct: true.").format(
                                  place=place, id=question.id))
    if question.type in ("single", "true-false") and len(correct) != 1:
        raise CurriculumError(_("{place}: question {id} ({type}) has {count} correct choices; it "
                                "needs exactly one.").format(
                                  place=place, id=question.id, type=question.type,
                                  count=len(correct)))
