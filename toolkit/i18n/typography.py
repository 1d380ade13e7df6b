"""Typography by language, applied to every text before it is set in a document.

French (Imprimerie nationale usage): ’ for the apostrophe; « » with narrow no-break spaces
(U+202F) inside, and one before "%", ";", "?" and "!"; a no-break space (U+00A0) before ":";
"1er" with a superscript (a <super> tag one point smaller in reportlab markup, else the modifier
letters "ᵉʳ"); the minus sign "−" before a decimal number written in a text (numbers formatted by
toolkit.i18n have it already). English: ’ for the apostrophe, “curly” double quotes, "−".

Text inside URLs, e-mail-like tokens, markup tags and entities, ``{placeholders}``, ``code``
spans and lines indented by four spaces (command examples) is left as typed. Applying the
helper twice changes nothing. Documents call ``set_document_language``; the PDF theme then
applies ``for_document`` to every data value and every string drawn on a canvas.
"""
from __future__ import annotations

import re
from contextvars import ContextVar

NNBSP = "\u202f"  # narrow no-break space
NBSP = "\u00a0"  # no-break space
MINUS = "\u2212"

# Spans never touched: markup tags, entities, URLs, e-mail-like tokens, placeholders, `code`.
_PROTECTED = re.compile(
    r"(?m)^ {4}\S.*$|</?[A-Za-z][^<>]*>|&#?\w+;|(?:https?://|www\.)[^\s<>\"»“”]+[^\s<>\"»“”.,;:!?)]"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\{[^{}\s]*\}|`[^`]*`")
_APOSTROPHE = re.compile(r"(?<=\w)'|'(?=\w)")
_DOUBLE = re.compile(r'"')
_MINUS = re.compile(r"(?<=[\s(])-(?=\d+[.,]\d)")  # " -5,0": a decimal number, not "-1" typed
_FR_OPEN = re.compile(r"«[ \u00a0\u202f]*")
_FR_CLOSE = re.compile(r"[ \u00a0\u202f]*»")
_FR_HIGH = re.compile(r"(?<=\S)[ \u00a0\u202f]*([;?!])(?=\s|$|[»)\]<\"'’”\ue000]|[;?!])")
_FR_HIGH_SPACED = re.compile(r"[ \u00a0\u202f]+([;?!])")
_FR_COLON = re.compile(r"[ \u00a0\u202f]+:(?=\s|$|<|\ue000)|(?<=[^\s\d]):(?=\s|$|<|\ue000)")
_FR_PERCENT = re.compile(r"(?<=\d)[ \u00a0]?%")
_FR_FIRST = re.compile(r"\b1er\b")


def _quotes(text: str, opening: str, closing: str) -> str:
    """Straight double quotes paired by position: after a space or an opening bracket, open."""
    out, depth = [], 0
    for i, char in enumerate(text):
        if char != '"':
            out.append(char)
            continue
        before = text[i - 1] if i else " "
        is_open = before.isspace() or before in "([{\u2014\u2013/" or not depth and (
            i + 1 < len(text) and not text[i + 1].isspace())
        if is_open and depth == 0:
            out.append(opening)
            depth = 1
        else:
            out.append(closing)
            depth = 0
    return "".join(out)


_MONTHS_FR = ("janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|"
              "décembre")
_FR_FIRST_DATE = re.compile(rf"(?<![\d,.])\b1 (?=(?:{_MONTHS_FR})\b|au \d)")


def _common(text: str) -> str:
    text = _APOSTROPHE.sub("\u2019", text)
    return _MINUS.sub(MINUS, text)


def _french(text: str, markup: bool) -> str:
    text = _quotes(_common(text), "«", "»")
    text = _FR_OPEN.sub("«" + NNBSP, text)
    text = _FR_CLOSE.sub(NNBSP + "»", text)
    text = _FR_HIGH_SPACED.sub(NNBSP + r"\1", text)
    text = _FR_HIGH.sub(NNBSP + r"\1", text)
    text = _FR_COLON.sub(NBSP + ":", text)
    text = _FR_PERCENT.sub(NNBSP + "%", text)
    text = _FR_FIRST_DATE.sub("1er ", text)
    # one point smaller than the text, not reportlab's default two (8.8 pt text would give a
    # 6.8 pt "er", under the 7 pt floor of printed documents)
    return _FR_FIRST.sub('1<super size="-1">er</super>' if markup else "1\u1d49\u02b3", text)


def _english(text: str, markup: bool) -> str:
    return _quotes(_common(text), "\u201c", "\u201d")


def _neutral(text: str, markup: bool) -> str:
    return _common(text)


#: The rules of each language; a language without its own gets the apostrophe and minus only.
RULES = {"fr": _french, "en": _english}


_document: ContextVar[str | None] = ContextVar("document_language", default=None)


def set_document_language(lang: str | None) -> None:
    """The language of the document being rendered: ``for_document`` typesets in it
    (``None``: a document with several languages, which typesets each text itself)."""
    _document.set(lang)


def for_document(text: str, *, markup: bool = False) -> str:
    """``text`` in the typography of the document being rendered (as is when none is set)."""
    lang = _document.get()
    return typeset(text, lang, markup=markup) if lang and text else text


def typeset(text: str, lang: str, *, markup: bool = False) -> str:
    """``text`` with the typography of ``lang``; ``markup``: the text is reportlab Paragraph
    markup (tags are kept, "1er" gets a <super> tag)."""
    if not text:
        return text
    rules = RULES.get(lang, _neutral)
    kept: list[str] = []

    def keep(match: re.Match) -> str:
        kept.append(match.group(0))
        return _MASK  # one private-use character stands for the protected span

    masked = _PROTECTED.sub(keep, text.replace(_MASK, ""))
    done = rules(masked, markup)
    pieces = done.split(_MASK)
    return "".join(piece + (kept[i] if i < len(kept) else "") for i, piece in enumerate(pieces))


_MASK = "\ue000"
