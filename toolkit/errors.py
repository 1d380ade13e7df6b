"""Two error channels.

* ``ToolkitError`` and its subclasses: the work cannot go on. The CLI prints
  ``Error: <message>`` on stderr and exits 1. Messages are one paragraph naming the file,
  sheet, row and column, and saying what to do.
* ``Problem``: one bad row or cell in data that is otherwise usable. Readers return them in a
  report (a tuple of Problems) and carry on.
"""
from __future__ import annotations

from dataclasses import dataclass


class ToolkitError(Exception):
    """The work cannot go on; the message says why and what to do."""


class CurriculumError(ToolkitError):
    """A module or workshop file is invalid."""


class InputFileError(ToolkitError):
    """A data file cannot be read (missing, wrong format, corrupt, too large, protected)."""


class ColumnError(ToolkitError):
    """A required column or question is missing from a spreadsheet."""


class MatchError(ToolkitError):
    """Pre- and post-test (or roster) rows cannot be matched to participants."""


class KeyFileError(ToolkitError):
    """An answer key is invalid."""


class RegistryError(ToolkitError):
    """The certificate registry is invalid or inconsistent."""


class OutputError(ToolkitError):
    """An output cannot be written where asked."""


@dataclass(frozen=True)
class Problem:
    """One bad row or cell; ``row`` is the spreadsheet row number (header = row 1)."""

    file: str
    row: int | None
    column: str | None
    code: str  # stable kebab-case, e.g. "missing-identity", "duplicate-submission"
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f'column "{self.column}"')
        return f"{', '.join(where)}: {self.message}"
