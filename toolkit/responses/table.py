"""The tidy response table: what the importer hands to scoring (the contract between them).

One ``ImportResult`` per survey file. ``answers`` is a pandas DataFrame:

* index: the participant key (str) the file's rows were matched on (normalised id, e-mail or
  name key, see ``match_by``); one row per *counted* submission (duplicates removed);
* columns: the ``KeyItem.id`` of every key item, in key order (a question absent from the file
  is a ColumnError, never a silent column of blanks);
* cells, normalised against the key: ``None`` for blank; for single and true-false questions
  the choice name (``str``, true/false as "true"/"false"); for multiple questions a
  ``frozenset[str]`` of choice names; for number questions a ``float``. An answer that matches
  no choice is kept as the raw text prefixed with ``"?"`` (it scores 0 and is listed in
  ``warnings`` with code "unknown-choice").

``link_results`` (responses/match.py) puts a pre- and a post-test ``ImportResult`` (and
optionally a roster) on common participant ids.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import Problem
from ..model import AnswerKey, Participant

if TYPE_CHECKING:  # pandas only for type checkers; importing this module stays cheap
    import pandas as pd

UNKNOWN_PREFIX = "?"

FORMATS = ("kobo", "odk-central", "google-forms", "ms-forms", "plain")


@dataclass(frozen=True)
class Duplicate:
    """A submission not counted because the same participant submitted again."""

    file: str
    row: int  # spreadsheet row of the discarded submission (header = row 1)
    id: str  # participant key
    kept_row: int  # spreadsheet row of the submission that counts

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "row": self.row, "id": self.id, "kept_row": self.kept_row}


@dataclass(frozen=True)
class ImportResult:
    """One survey file imported: normalised answers plus everything not counted, and why."""

    file: str  # the path as the user gave it (shown in messages)
    sheet: str | None  # sheet read, None for CSV
    format: str  # one of FORMATS
    key: AnswerKey
    answers: pd.DataFrame
    rows: dict[str, int]  # participant key -> spreadsheet row of the counted submission
    identities: dict[str, dict[str, str]]  # key -> {"id", "name", "email"} raw values ("" if none)
    columns: dict[str, str]  # KeyItem.id -> header it was found under
    match_by: str  # "id", "email" or "name"
    id_column: str | None = None  # header of the identity column used
    time_column: str | None = None  # header of the time column used to order duplicates
    rows_read: int = 0  # data rows in the file (after a dropped HXL row)
    rejected: tuple[Problem, ...] = ()  # rows not scored, each with its reason
    duplicates: tuple[Duplicate, ...] = ()
    warnings: tuple[Problem, ...] = ()  # odd cells in rows that were scored
    # every identity column found, kind ("id", "email", "name") -> header; lets link_results
    # switch both files to a kind they share and explain when there is none
    identity_columns: dict[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()  # how the file was read, e.g. a CSV named .xlsx read as CSV
    # spreadsheet rows keyed by another kind than match_by (their match_by cell was blank)
    keyed_by_other: tuple[int, ...] = ()
    # after link_results: how many rows were linked by "id", "email", "name" (empty before)
    linked_by: dict[str, int] = field(default_factory=dict)
    # optional, for speed: (the answers frame, {KeyItem.id: (codes, distinct)}) as
    # pandas.factorize would give them for that frame's columns (code -1 = blank; distinct
    # ends with one extra None). Valid only while ``answers`` is that very frame: scoring
    # checks identity and factorizes again otherwise (e.g. after dataclasses.replace).
    factorized: tuple[Any, dict[str, tuple[Any, Any]]] | None = field(
        default=None, repr=False, compare=False)

    @property
    def n(self) -> int:
        return len(self.answers)


@dataclass(frozen=True)
class FuzzyMatch:
    """A name matched approximately (unique and very close); always reported."""

    file: str
    row: int
    name: str  # as written in the file
    matched_to: str  # participant id (or key) it was taken as
    score: float  # similarity 0..1

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "row": self.row, "name": self.name,
                "matched_to": self.matched_to, "score": self.score}


@dataclass(frozen=True)
class Linked:
    """Pre, post and roster on common participant ids.

    ``pre`` and ``post`` are the ImportResults re-indexed on participant ids (the roster id when
    a roster is given, else the shared key); either may be None when only one test was given.
    """

    pre: ImportResult | None
    post: ImportResult | None
    participants: dict[str, Participant] = field(default_factory=dict)  # id -> roster entry
    pre_only: tuple[str, ...] = ()
    post_only: tuple[str, ...] = ()
    fuzzy_matches: tuple[FuzzyMatch, ...] = ()
    not_in_roster: tuple[Problem, ...] = ()  # test rows whose participant the roster lacks
    neither: tuple[str, ...] = ()  # roster ids found in no test given
    notes: tuple[str, ...] = ()  # how rows were linked when it needs a look

    @property
    def matched_ids(self) -> list[str]:
        if self.pre is None or self.post is None:
            return []
        post = set(self.post.answers.index)
        return [pid for pid in self.pre.answers.index if pid in post]
