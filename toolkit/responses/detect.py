"""Recognise an export's origin by the signature of its headers (never by column position)."""
from __future__ import annotations

from .read import RawTable, cell_text
from .text import norm

KOBO_SYSTEM = frozenset({"_uuid", "_submission_time", "_index", "meta/rootuuid", "__version__",
                         "_validation_status", "_submitted_by", "_status", "_id", "_notes",
                         "_tags", "meta/instanceid"})
KOBO_META = frozenset({"start", "end", "deviceid", "today"})
ODK_CENTRAL = frozenset({"submissiondate", "meta-instanceid", "key", "submitterid",
                         "submittername", "attachmentspresent", "attachmentsexpected",
                         "reviewstate", "formversion"})
GOOGLE_TIME = frozenset({"timestamp", "horodateur", "marca temporal", "carimbo de data/hora"})
MS_FORMS = frozenset({"id", "start time", "completion time", "email", "name", "total points",
                      "quiz feedback", "last modified time", "heure de début",
                      "heure de fin", "adresse de messagerie", "nom", "total des points"})

# Time columns that order two submissions of one participant, best first, per format.
TIME_COLUMNS = {
    "kobo": ("end", "_submission_time", "start"),
    "odk-central": ("submissiondate", "end", "start"),
    "google-forms": ("timestamp", "horodateur", "marca temporal"),
    "ms-forms": ("completion time", "heure de fin", "last modified time"),
    "plain": ("end", "_submission_time", "submissiondate", "completion time", "timestamp",
              "horodateur", "date", "submitted", "submission time"),
}


def detect_format(headers: list[str]) -> str:
    """One of table.FORMATS, from the header names."""
    names = {norm(h) for h in headers}
    last = {norm(h).rsplit("/", 1)[-1] for h in headers}
    if len(names & ODK_CENTRAL) >= 3:
        return "odk-central"
    if len(names & KOBO_SYSTEM) >= 2 or (len(names & KOBO_SYSTEM) >= 1
                                         and len(last & KOBO_META) >= 2):
        return "kobo"
    if names & GOOGLE_TIME and not names & {"_uuid", "id"}:
        return "google-forms"
    if {"id", "start time", "completion time"} <= names or \
            {"id", "heure de début", "heure de fin"} <= names or \
            (len(names & MS_FORMS) >= 4 and any(h.startswith("points - ") for h in names)):
        return "ms-forms"
    if len(last & KOBO_META) >= 3:
        return "kobo"
    return "plain"


def drop_hxl_row(table: RawTable) -> bool:
    """Drop a Kobo HXL row (the first data row made of #hashtags); True when one was dropped."""
    if not table.n_rows:
        return False
    first = [cell_text(col[0]).strip() for col in table.columns_raw]
    filled = [c for c in first if c]
    if filled and all(c.startswith("#") for c in filled):
        table.drop_rows({0})
        return True
    return False


def time_column(headers: list[str], fmt: str) -> int | None:
    """Index of the column whose time orders duplicate submissions, or None."""
    normed = [norm(h) for h in headers]
    for wanted in TIME_COLUMNS.get(fmt, ()) + TIME_COLUMNS["plain"]:
        for j, h in enumerate(normed):
            if h == wanted or h.rsplit("/", 1)[-1] == wanted and wanted in ("end", "start"):
                return j
    return None
