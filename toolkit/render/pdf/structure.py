"""The shape of a handout text: a timeline, a numbered list, a checklist, an enumeration, a
list of terms, or plain prose.

Module files write a session's handout text as one paragraph. Printed as such, a 1951-2018
timeline or a five-question checklist reads as a wall of text; ``blocks`` recognises the
usual shapes so the handout prints them as a table, a list or tick boxes:

* timeline: three or more "YYYY : ..." sentences;
* numbered: "1) ... ; 2) ..." or "1. ... 2. ..." numbered from 1 (tick boxes when the items
  are questions);
* questions: three or more sentences ending in "?" (tick boxes);
* enumeration: "Lead-in : a ; b ; c ; d ; ..." with four or more short items (a list; tick
  boxes when the lead-in announces indicators or things to check or do before);
* terms: three or more "Term : text." sentences (a list of terms).

Text around a recognised shape (a lead-in, a closing sentence) is kept as prose, in order,
so nothing is dropped.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_COLON = r"[ \u00a0\u202f]?:[ \u00a0]"


@dataclass(frozen=True)
class Block:
    kind: str  # prose | timeline | numbered | checklist | list | terms
    items: tuple = ()  # prose: (text,); timeline/terms: ((key, text), ...); lists: (text, ...)


def _sentences(text: str) -> list[str]:
    # a sentence ends with . ? or ! before a capital (or a quote / digit-year start)
    parts = re.split(r"(?<=[.?!])\s+(?=[A-ZÀ-ÖØ-Þ«0-9])", text.strip())
    return [p.strip() for p in parts if p.strip()]


def _prose(text: str) -> list[Block]:
    text = text.strip()
    return [Block("prose", (text,))] if text else []


def _timeline(text: str) -> list[Block] | None:
    pieces = re.split(r"(?:^|(?<=[.)]\s))(\d{4})" + _COLON, text.strip())
    if len(pieces) < 7:  # lead, then (year, text) at least three times
        return None
    lead, rest = pieces[0], pieces[1:]
    rows = tuple((rest[i], rest[i + 1].strip()) for i in range(0, len(rest) - 1, 2))
    return _prose(lead) + [Block("timeline", rows)]


def _numbered(text: str) -> list[Block] | None:
    for marker in (r"(?:^|(?<=[\s;:.]))(\d{1,2})\)\s",
                   r"(?:^|(?<=[\s.?:]))(\d{1,2})\.\s(?=[A-ZÀ-Ý])"):
        pieces = re.split(marker, text.strip())
        numbers = pieces[1::2]
        if len(numbers) < 3 or numbers != [str(n) for n in range(1, len(numbers) + 1)]:
            continue
        lead, items = pieces[0], [p.strip().rstrip(";").strip() for p in pieces[2::2]]
        lead = lead.strip()
        # the last item may run on into a closing sentence
        last = _sentences(items[-1])
        tail = ""
        if len(last) > 1 and not last[0].endswith("?") or len(last) > 1 and len(last[0]) < 200:
            items[-1], tail = last[0], " ".join(last[1:])
        questions = sum(item.rstrip(" )").endswith("?") or "?" in item for item in items)
        kind = "checklist" if questions * 2 > len(items) and lead.endswith(":") else "numbered"
        return _prose(lead) + [Block(kind, tuple(items))] + _prose(tail)
    return None


def _questions(text: str) -> list[Block] | None:
    sentences = _sentences(text)
    asked = [i for i, s in enumerate(sentences) if s.endswith("?")]
    if len(asked) < 3:
        return None
    first, last = asked[0], asked[-1]
    # a lead-in sentence ending with ":" introduces the first question
    lead, body = " ".join(sentences[:first]), sentences[first:last + 1]
    head = re.match(r"^(.{3,80}?)([ \u00a0\u202f]?:)[ \u00a0](.*\?)$", body[0])
    if head and not lead:
        lead, body[0] = head.group(1) + head.group(2), head.group(3)
    return _prose(lead) + [Block("checklist", tuple(body))] + \
        _prose(" ".join(sentences[last + 1:]))


def _enumeration(text: str) -> list[Block] | None:
    match = re.match(r"^(.{3,160}?)([ \u00a0\u202f]?:)[ \u00a0](.*?\.)(\s.*)?$", text.strip(),
                     re.S)
    if not match:
        return None
    items = [i.strip().rstrip(".") for i in re.split(r"[ \u00a0\u202f]?;\s", match.group(3))]
    if len(items) < 4 or any(len(i) > 120 for i in items):
        return None
    lead = match.group(1)
    kind = "checklist" if re.search(_TO_CHECK, lead, re.IGNORECASE) else "list"
    return [Block("prose", (lead + match.group(2),)), Block(kind, tuple(items))] + \
        _prose(match.group(4) or "")


# a lead-in that announces things to look for or do: its items get tick boxes
_TO_CHECK = r"indicat|avant|before|check|vérif|grille|signs"


def _terms(text: str) -> list[Block] | None:
    pieces = re.split(r"(?:^|(?<=[.)]\s))([A-ZÀ-ÖØ-Þ][^:.;?!()0-9]{1,48}?)" + _COLON,
                      text.strip())
    if len(pieces) < 7:
        return None
    lead, rest = pieces[0], pieces[1:]
    rows = tuple((rest[i].strip(), rest[i + 1].strip()) for i in range(0, len(rest) - 1, 2))
    return _prose(lead) + [Block("terms", rows)]


def blocks(text: str) -> list[Block]:
    """The blocks of a handout text, in reading order (prose when no shape is found)."""
    for shape in (_timeline, _numbered, _questions, _enumeration, _terms):
        found = shape(text)
        if found:
            return found
    return _prose(text)


def fold(text: str) -> str:
    """Case, accents and apostrophes aside: for comparing terms."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return "".join(c for c in text if not unicodedata.combining(c)).casefold().strip()


def repeats_definitions(found: list[Block], terms: set[str]) -> bool:
    """True when a handout text is a list of terms the module already defines (at least half
    of its terms): the handout then prints the definitions once, in its definitions list."""
    listed = [key for block in found if block.kind == "terms" for key, _ in block.items]
    return bool(listed) and sum(fold(key) in terms or any(fold(key) in t or t in fold(key)
                                                          for t in terms)
                                for key in listed) * 2 >= len(listed)
