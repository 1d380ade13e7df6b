"""Likert labels (French and English) to 1..5, and the column kinds of a satisfaction survey.

Labels are compared after folding case, accents, the apostrophes ' ’ and the "(e)" of
inclusive French ("Satisfait(e)"). "Sans objet", "N/A", "Ne sais pas" and blank are missing.
"""
from __future__ import annotations

import re
import unicodedata

from ..headers import mentions
from ..privacy import mask_contacts

_SCALE = {
    1: ("pas du tout d'accord", "strongly disagree", "tres insatisfait", "very dissatisfied",
        "pas du tout satisfait", "very unsatisfied", "tout a fait en desaccord",
        "fortement en desaccord", "tres mecontent", "tres mauvais", "very poor",
        "totalement en desaccord", "completely disagree"),
    2: ("pas d'accord", "disagree", "insatisfait", "dissatisfied", "peu satisfait",
        "unsatisfied", "plutot pas d'accord", "plutot en desaccord", "en desaccord",
        "plutot insatisfait", "mecontent", "mauvais", "poor", "somewhat disagree"),
    3: ("ni d'accord ni pas d'accord", "neutre", "neither agree nor disagree", "neutral",
        "moyennement satisfait", "ni satisfait ni insatisfait",
        "neither satisfied nor dissatisfied", "moyen", "moyennement d'accord", "average",
        "assez satisfait", "fair", "passable"),
    4: ("d'accord", "agree", "satisfait", "satisfied", "plutot d'accord", "plutot satisfait",
        "somewhat agree", "content", "bon", "good"),
    5: ("tout a fait d'accord", "strongly agree", "tres satisfait", "very satisfied",
        "entierement d'accord", "completely agree", "tres content", "tres bon", "very good",
        "excellent", "totalement d'accord"),
}
MISSING = frozenset({"", "sans objet", "n/a", "na", "n.a.", "not applicable", "non applicable",
                     "ne sais pas", "je ne sais pas", "don't know", "dont know", "nsp", "-",
                     "s/o", "so", "none", "aucun avis", "no opinion", "pas d'avis"})

_INCLUSIVE = re.compile(r"\((e|es|s|x)\)|\.e\b|·e\b")
_NUMBERED = re.compile(r"^([0-9]|10)\s*(?:[-–=.:)/]\s*(.*))?$")


def fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes, no "(e)", single spaces."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = text.replace("’", "'").replace("‘", "'").replace("`", "'")
    text = _INCLUSIVE.sub("", text)
    text = re.sub(r"\s+", " ", text).strip(" .!;,")
    return text


def _with_feminine(label: str) -> set[str]:
    forms = {label}
    for word in ("satisfait", "insatisfait", "mecontent", "content", "mauvais", "bon"):
        fem = {"mauvais": "mauvaise", "bon": "bonne"}.get(word, word + "e")
        if re.search(rf"\b{word}\b", label):
            forms.add(re.sub(rf"\b{word}\b", fem, label))
    return forms


LABELS: dict[str, int] = {form: value for value, labels in _SCALE.items()
                          for label in labels for form in _with_feminine(label)}


def likert_value(cell: str) -> int | None | str:
    """1..5 for a label or number, None for missing, "?" when the text is not on the scale.

    Numbers 0..10 come back as int too (for 0–10 recommendation items).
    """
    text = fold(cell)
    if text in MISSING:
        return None
    if text in LABELS:
        return LABELS[text]
    match = _NUMBERED.match(text)
    if match:
        return int(match.group(1))
    try:
        number = float(text.replace(",", "."))
    except ValueError:
        return "?"
    return int(number) if number.is_integer() and 0 <= number <= 10 else "?"


META_COLUMNS = frozenset({
    "start", "end", "today", "deviceid", "subscriberid", "simserial", "phonenumber", "username",
    "audit", "_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status",
    "_submitted_by", "__version__", "_version_", "_tags", "meta/rootuuid", "meta/instanceid",
    "_index", "instanceid", "submissiondate", "horodateur", "timestamp", "start time",
    "completion time", "heure de debut", "heure de fin", "id", "key", "submitterid",
    "submittername", "attachmentspresent", "attachmentsexpected", "reviewstate", "edits",
    "formversion", "score", "total points", "quiz feedback", "points"})
_COMMENT = re.compile(r"(comment|suggest|remarque|observation|feedback|avis|pourquoi|why|"
                      r"amelior|improve|autre chose|anything else|precis|expliqu|explain)")
_RECOMMEND = re.compile(r"(recommand|recommend)")


def column_role(header: str) -> str:
    """'meta', 'identity', 'id', 'sex', 'comment', 'recommend' or 'other' from a header."""
    h = fold(header)
    last = h.rsplit("/", 1)[-1]
    if h in META_COLUMNS or last in META_COLUMNS or h.startswith("_"):
        return "meta"
    if mentions(last, "sex", at_start=True):
        return "sex"
    if mentions(last, "id") and not _COMMENT.search(last):
        return "id"
    if mentions(last, "personal"):
        return "identity"
    if _RECOMMEND.search(h):
        return "recommend"
    if _COMMENT.search(h):
        return "comment"
    return "other"


def scrub(text: str) -> str:
    """A comment without e-mail addresses or phone numbers in it (also "x at y dot org")."""
    return mask_contacts(text)[0]
