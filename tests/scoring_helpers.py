"""Build ImportResult / Linked objects directly, as the importer would (for scoring tests)."""
from __future__ import annotations

import pandas as pd

from toolkit.errors import Problem
from toolkit.model import AnswerKey, KeyItem, Participant
from toolkit.responses.table import Duplicate, ImportResult, Linked


def binary_key(k: int, *, module_split: int | None = None) -> AnswerKey:
    """k single-choice items q1..qk, correct answer "a" of choices a/b/c."""
    return AnswerKey(tuple(
        KeyItem(f"q{i}", f"Question {i}", "single", frozenset({"a"}),
                choices=(("a", ()), ("b", ()), ("c", ())),
                module="" if module_split is None else ("m1" if i <= module_split else "m2"))
        for i in range(1, k + 1)), source="key.csv")


def answers_from_scores(scores: dict[str, int], k: int) -> pd.DataFrame:
    """Participant -> number right: the first `score` items "a", the rest "b"."""
    rows = {pid: ["a" if j < s else "b" for j in range(k)] for pid, s in scores.items()}
    return pd.DataFrame.from_dict(rows, orient="index", columns=[f"q{i}" for i in range(1, k + 1)],
                                  dtype=object)


def imported(file: str, key: AnswerKey, answers: pd.DataFrame, *, match_by: str = "id",
             rejected: tuple[Problem, ...] = (), duplicates: tuple[Duplicate, ...] = ()
             ) -> ImportResult:
    rows = {pid: i + 2 for i, pid in enumerate(answers.index)}
    return ImportResult(file=file, sheet=None, format="plain", key=key, answers=answers,
                        rows=rows, identities={p: {"id": p, "name": "", "email": ""}
                                               for p in answers.index},
                        columns={item.id: item.question for item in key.items},
                        match_by=match_by, rows_read=len(answers), rejected=rejected,
                        duplicates=duplicates)


def linked(pre: ImportResult | None, post: ImportResult | None,
           roster: dict[str, Participant] | None = None) -> Linked:
    pre_ids = list(pre.answers.index) if pre is not None else []
    post_ids = list(post.answers.index) if post is not None else []
    both = pre is not None and post is not None
    return Linked(pre, post, participants=roster or {},
                  pre_only=tuple(p for p in pre_ids if p not in post_ids) if both else (),
                  post_only=tuple(p for p in post_ids if p not in pre_ids) if both else ())


def person(pid: str, sex: str = "", country: str = "") -> Participant:
    return Participant(pid, f"Family{pid}", "Given", sex=sex, country=country,
                       email=f"{pid.lower()}@example.org")
