"""Text comparison helpers shared by the importer: answer, header and name normalisation."""
from __future__ import annotations

import re
import unicodedata

from ..plaintext import strip_accents

_QUOTES = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "\u00b4": "'",
    "`": "'", "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"',
    "\u2039": "'", "\u203a": "'",
})
_SPACE = re.compile(r"\s+")
_BEFORE_PUNCT = re.compile(r"\s+([?!:;])")  # French spacing: "quoi ?" == "quoi?"
_GUILLEMETS = re.compile(r"\u00ab\s*|\s*\u00bb")  # French « x » is English "x"
_NUMBER_SPACES = str.maketrans("", "", " \u00a0\u202f\u2009'")
_NAME_PUNCT = re.compile(r"[^\w\s]|_")


def norm(text: str) -> str:
    """Compare-ready text: NFC, straight quotes, case folded, whitespace collapsed, and the
    rest of the toolkit's typography undone ("1ᵉʳ", "−"), so a form's typeset label matches
    the bank's text."""
    text = _GUILLEMETS.sub('"', unicodedata.normalize("NFC", text)).translate(_QUOTES)
    text = text.replace("\u1d49\u02b3", "er").replace("\u2212", "-")  # typeset "1er", "−"
    return _BEFORE_PUNCT.sub(r"\1", _SPACE.sub(" ", text.casefold())).strip()


def name_key(name: str) -> str:
    """A person's name compared without case, accents, hyphens, punctuation or word order."""
    plain = _NAME_PUNCT.sub(" ", strip_accents(name).casefold())
    return " ".join(sorted(plain.split()))


def parse_number(text: str) -> float | None:
    """'15', '15,0', ' 15.0 ', '1\u202f500' -> float; None when it is not a number."""
    s = text.strip().translate(_NUMBER_SPACES)
    if not s:
        return None
    if "," in s and "." in s:
        # the last separator is the decimal one: 1.500,5 or 1,500.5
        if s.rfind(",") > s.rfind("."):
            s = s.replace(".", "").replace(",", ".")
        else:
            s = s.replace(",", "")
    elif s.count(",") == 1:
        s = s.replace(",", ".")
    try:
        value = float(s)
    except ValueError:
        return None
    return value if value == value and value not in (float("inf"), float("-inf")) else None


def format_number(value: float) -> str:
    """90.0 -> '90', 2.5 -> '2.5'."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def strip_parenthetical(text: str) -> str:
    """'Code participant (ex. DKR-07)' -> 'Code participant'."""
    return re.sub(r"\s*[\(\[][^\)\]]*[\)\]]", "", text).strip()
