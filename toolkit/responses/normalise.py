"""Map an export's headers to answer-key items and normalise answers against the key.

Work is column-wise: each distinct raw value of a column is normalised once (a test column
holds a handful of distinct answers however many rows it has).
"""
from __future__ import annotations

import difflib
import math
import re
from dataclasses import dataclass, field
from typing import Any

from ..errors import ColumnError
from ..i18n import _
from ..model import AnswerKey, KeyItem
from .key import FALSE_WORDS, TRUE_WORDS, true_false
from .read import RawTable, cell_text
from .table import UNKNOWN_PREFIX
from .text import norm, parse_number

SEPARATORS = frozenset(" ,;|\n\t")
_SPLIT_LIST = re.compile(r"\s*(?:,|;|\||\n)\s*")
_CHECKED = frozenset({"1", "true", "vrai", "yes", "oui", "x", "checked", "selected"})
_UNCHECKED = frozenset({"0", "false", "faux", "no", "non", ""})
_SAME_TRUTH = (frozenset({"true", "vrai"}), frozenset({"false", "faux"}))


@dataclass
class Location:
    """Where one key item was found: its own column and/or one 0/1 column per choice."""

    item: KeyItem
    index: int | None = None  # summary / answer column
    header: str | None = None
    details: dict[str, int] = field(default_factory=dict)  # choice name -> 0/1 column index
    details_header: str = ""  # the question part of the 0/1 columns' headers
    # choice names seen as <question>/<choice> 0/1 headers when the key lists no choices, so
    # that "contract movement" (Kobo XML) splits even though "contract" is no key answer
    seen_choices: tuple[str, ...] = ()
    edited: float | None = None  # similarity when the header differs slightly from the key

    @property
    def shown_header(self) -> str:
        """The header to name in messages: the question column, else its 0/1 columns' stem."""
        return self.header or self.details_header


def _candidates(item: KeyItem) -> set[str]:
    return {c for c in (norm(item.question), norm(item.id), *(norm(a) for a in item.aliases))
            if c}


def _choice_lookup(item: KeyItem) -> dict[str, str]:
    lookup: dict[str, str] = {}
    for name, _labels in item.choices:
        lookup.setdefault(norm(name), name)
    for name, labels in item.choices:
        for label in labels:
            lookup.setdefault(norm(label), name)
    if not item.choices:
        for answer in item.answers:
            lookup.setdefault(norm(answer), answer)
            # a key written "Faux" read against an English form's "False" (and the reverse)
            for words in _SAME_TRUTH:
                if norm(answer) in words:
                    for word in words:
                        lookup.setdefault(word, answer)
    return lookup


def locate(table: RawTable, key: AnswerKey) -> tuple[dict[str, Location], list[KeyItem]]:
    """Find every key item's column(s); returns (found by item id, items not found)."""
    owner: dict[str, str] = {}
    for item in key.items:
        for c in _candidates(item):
            owner.setdefault(c, item.id)
    lookups = {item.id: _choice_lookup(item) for item in key.items if item.type == "multiple"}
    exact: dict[str, int] = {}
    suffix: dict[str, int] = {}
    details: dict[str, dict[str, int]] = {}
    details_header: dict[str, str] = {}
    seen: dict[str, list[str]] = {}
    for j, header in enumerate(table.headers):
        h = norm(header)
        if not h:
            continue
        if h in owner:
            first = exact.setdefault(owner[h], j)
            if first != j and norm(table.headers[first]) == h:
                raise _twice_error(table, owner[h], first, j)
            continue
        cuts = [k for k, ch in enumerate(h) if ch == "/"]
        done = False
        for k in cuts:  # a select-multiple 0/1 column: <question>/<choice>
            prefix, choice = h[:k], h[k + 1:]
            qid = _owner_of(prefix, owner)
            if qid in lookups and choice in lookups[qid]:
                details.setdefault(qid, {}).setdefault(lookups[qid][choice], j)
                details_header.setdefault(qid, header.rsplit("/", choice.count("/") + 1)[0])
                done = True
                break
            if qid in lookups and "/" not in choice and " " not in choice:
                seen.setdefault(qid, []).append(header.rsplit("/", 1)[1].strip())
                done = True
                break
        if done:
            continue
        for k in cuts:  # a group path: <group>/<sub>/<question>
            if h[k + 1:] in owner:
                suffix.setdefault(owner[h[k + 1:]], j)
                break
        else:
            if "-" in h and " " not in h:  # ODK Central joins groups with "-"
                for k in [k for k, ch in enumerate(h) if ch == "-"]:
                    if h[k + 1:] in owner:
                        suffix.setdefault(owner[h[k + 1:]], j)
                        break
    found: dict[str, Location] = {}
    missing: list[KeyItem] = []
    for item in key.items:
        column = exact.get(item.id, suffix.get(item.id))
        loc = Location(item, column, table.headers[column] if column is not None else None,
                       seen_choices=tuple(seen.get(item.id, ())) if not item.choices else ())
        choice_names = [name for name, _ in item.choices]
        got = details.get(item.id, {})
        if item.type == "multiple" and choice_names and set(got) >= set(choice_names):
            loc.details = {name: got[name] for name in choice_names}
            loc.details_header = details_header[item.id]
        if loc.index is None and not loc.details:
            missing.append(item)
        else:
            found[item.id] = loc
    if missing:
        missing = _edited_headers(table, found, missing)
    return found, missing


EDITED_MIN = 0.9  # similarity of an edited header to its question (difflib ratio)
EDITED_MARGIN = 0.05  # over the next best header or question
EDITED_MIN_LENGTH = 15  # shorter headers ("Question 3") are never matched approximately
_DIGITS = re.compile(r"\d+")


def _similar(a: str, b: str) -> float:
    if min(len(a), len(b)) < EDITED_MIN_LENGTH or _DIGITS.findall(a) != _DIGITS.findall(b):
        return 0.0  # "Question 3" vs "Question 13", "Article 12" vs "Article 13": not a typo
    return difflib.SequenceMatcher(None, a, b).ratio()


def _edited_headers(table: RawTable, found: dict[str, Location],
                    missing: list[KeyItem]) -> list[KeyItem]:
    """Take a header that differs slightly from one missing question (a typo fixed in the form
    between the tests) as that question's column, when nothing else is as close."""
    used = {loc.index for loc in found.values()} | \
        {j for loc in found.values() for j in loc.details.values()}
    free = [(j, norm(h)) for j, h in enumerate(table.headers)
            if j not in used and h.strip() and not h.startswith("_")]
    scores = {(item.id, j): max((_similar(c, h) for c in _candidates(item)), default=0.0)
              for item in missing for j, h in free}
    still = []
    for item in missing:
        ranked = sorted(((scores[item.id, j], j) for j, _ in free), reverse=True)
        if not ranked or ranked[0][0] < EDITED_MIN:
            still.append(item)
            continue
        best, j = ranked[0]
        rivals = [scores[other.id, j] for other in missing if other is not item]
        if (len(ranked) > 1 and best - ranked[1][0] < EDITED_MARGIN) or \
                any(best - r < EDITED_MARGIN for r in rivals):
            still.append(item)  # two headers (or two questions) as close: never guessed
            continue
        found[item.id] = Location(item, j, table.headers[j], edited=round(best, 3))
    return still


def edited_note(file: str, loc: Location) -> str:
    """The note that reports a header taken approximately for a question."""
    return (_("{file}: the column \"{header}\" was taken as question {id} (\"{question}\"), "
              "although its header differs slightly (similarity {edited:.2f}; edited in the "
              "form between the tests?). If that is wrong, map the right column with --map "
              "\"HEADER={id}\".").format(
                file=file, header=loc.header, id=loc.item.id, question=loc.item.question,
                edited=loc.edited))


def _twice_error(table: RawTable, item_id: str, first: int, second: int) -> ColumnError:
    """Two columns with one header: either could hold the answers, so neither is guessed."""
    def letter(j: int) -> str:
        out, n = "", j + 1
        while n:
            n, r = divmod(n - 1, 26)
            out = chr(65 + r) + out
        return out

    where = table.file + (_(', sheet "{sheet}"').format(sheet=table.sheet) if table.sheet else "")
    return ColumnError(
        _("{where}: the question \"{item_id}\" is the header of two columns ({letter} and "
          "{letter2}, \"{header}\"), so its answers could come from either. Delete or rename "
          "one of the two columns and try again.").format(
            where=where, item_id=item_id, letter=letter(first), letter2=letter(second),
            header=table.headers[first]))


def _owner_of(text: str, owner: dict[str, str]) -> str | None:
    if text in owner:
        return owner[text]
    odk = " " not in text  # ODK Central: group-sub-question
    for k, ch in enumerate(text):
        if (ch == "/" or (odk and ch == "-")) and text[k + 1:] in owner:
            return owner[text[k + 1:]]
    return None


def closest_headers(item: KeyItem, headers: list[str], n: int = 3) -> list[str]:
    """The n headers most like the item's question text, name or labels."""
    scored = []
    for header in headers:
        h = norm(header)
        best = max((difflib.SequenceMatcher(None, c, h).ratio() for c in _candidates(item)),
                   default=0.0)
        scored.append((best, header))
    scored.sort(key=lambda t: -t[0])
    return [h for _, h in scored[:n]]


def missing_error(file: str, sheet: str | None, item: KeyItem, headers: list[str],
                  key: AnswerKey) -> ColumnError:
    """A ColumnError for a key question the export lacks, with the closest headers."""
    where = file + (_(', sheet "{sheet}"').format(sheet=sheet) if sheet else "")
    closest = closest_headers(item, headers)
    close = ", ".join(f'"{h}"' for h in closest)
    mapping = (_(" If the question was edited in the form between the tests, map its column "
                 "to the question: --map \"{header}={id}\".").format(
                     header=closest[0], id=item.id)) if closest else ""
    return ColumnError(
        _("{where}: the answer-key question \"{question}\" is not a column of this export "
          "(closest headers: {close}).{mapping} If the export uses labels and the key uses "
          "XLSForm names, pass the form with --form (or use --workshop); otherwise fix the "
          "question in the key {key} to match the header exactly.").format(
            where=where, question=item.question, close=close, mapping=mapping,
            key=key.source or "").replace("  ", " "))


# ---------------------------------------------------------------- answers

@dataclass
class Normalised:
    """One key item's normalised cells, and the raw values that matched nothing."""

    values: list  # one normalised cell per data row
    unknown: dict[str, list[int]]  # raw value -> row positions (0-based) that matched nothing
    # (codes, distinct) as pandas.factorize gives them: numpy intp codes per row (-1 = blank),
    # and an object array of the distinct answers in order of first appearance, plus a final
    # None that code -1 picks; None when not computed
    factorized: tuple[Any, Any] | None = None
    answered: bool = False  # some row holds a (non-blank) answer
    matched: bool = False  # some answer is a choice or a key value (a number for numbers)


def _matches(item: KeyItem, out: object, known: set[str]) -> bool:
    """Whether a normalised answer names something the key knows (a choice or an answer)."""
    if out is None or (isinstance(out, str) and out.startswith(UNKNOWN_PREFIX)):
        return False
    if item.type in ("number", "true-false") or item.choices:
        return True
    if isinstance(out, frozenset):
        return bool(out & known)
    return out in known


def normalise_item(table: RawTable, loc: Location, *, factorize: bool = False) -> Normalised:
    """Every row's answer to one key item, normalised (see table.py for the cell types).

    ``factorize`` also gives the answers' codes (Normalised.factorized) for scoring; it
    imports pandas, so the importer asks for it and inspect does not.
    """
    item = loc.item
    if loc.details:
        return _from_details(table, loc)
    if loc.index is None:
        raise ValueError(f"{item.id}: no column to read (the importer locates it first)")
    raw = table.columns_raw[loc.index]  # reader cells: converted once per distinct value
    convert = _converter(item, loc.seen_choices)
    fast = _factorized(raw, convert) if factorize else None
    if fast is None:
        memo = {value: convert(cell_text(value)) for value in set(raw)}
        values, factorized = list(map(memo.__getitem__, raw)), None
    else:
        memo, values, factorized = fast
    unknown: dict[str, list[int]] = {}
    reported = bool(item.choices) or item.type in ("number", "true-false")
    bad = {v for v, out in memo.items()
           if reported and isinstance(out, str) and out.startswith(UNKNOWN_PREFIX)}
    if bad:
        for i, v in enumerate(raw):
            if v in bad:
                unknown.setdefault(cell_text(v).strip(), []).append(i)
    known = set(_choice_lookup(item).values())
    outs = [out for out in memo.values() if out is not None]
    return Normalised(values, unknown, factorized, answered=bool(outs),
                      matched=any(_matches(item, out, known) for out in outs))


def _factorized(raw: tuple, convert) -> tuple[dict, list, tuple[Any, Any]] | None:
    """(memo, row values, (codes, distinct)) from one pandas.factorize of the reader cells.

    The distinct reader cells come in order of first appearance, so the normalised answers
    get their codes in the order pandas.factorize of the answers would give them, and scoring
    reuses them instead of hashing every answer again. None (use the plain path) for the rare
    columns where that order or a blank could differ: a NaN cell, or a blank cell whose
    normalised answer is not blank.
    """
    import numpy as np
    import pandas as pd

    cells = np.fromiter(raw, dtype=object, count=len(raw))
    raw_codes, raw_distinct = pd.factorize(cells, use_na_sentinel=True)
    memo = {value: convert(cell_text(value)) for value in raw_distinct}
    blank = raw_codes < 0
    if blank.any():
        if not all(cells[i] is None for i in np.flatnonzero(blank)):
            return None  # a NaN cell
        memo[None] = convert(cell_text(None))
        if memo[None] is not None:
            return None
    code_of_answer: dict = {}
    # one extra slot at the end: raw code -1 (a None cell) reads it, and it stays -1
    remap = np.full(len(raw_distinct) + 1, -1, dtype=np.intp)
    for k, value in enumerate(raw_distinct):
        out = memo[value]
        if out is None:
            continue
        if isinstance(out, float) and math.isnan(out):
            return None
        remap[k] = code_of_answer.setdefault(out, len(code_of_answer))
    distinct = np.empty(len(code_of_answer) + 1, dtype=object)
    for answer, j in code_of_answer.items():
        distinct[j] = answer  # one by one: a frozenset stays one cell
    codes = remap[raw_codes]
    return memo, distinct[codes].tolist(), (codes, distinct)


def _from_details(table: RawTable, loc: Location) -> Normalised:
    names = list(loc.details)
    cols = [table.columns_raw[loc.details[name]] for name in names]
    rows = list(zip(*cols))
    unknown: dict[str, list[int]] = {}
    memo: dict[tuple[Any, ...], Any] = {}
    for combo in set(rows):
        cells = [norm(cell_text(c)) for c in combo]
        if all(c == "" for c in cells):
            memo[combo] = None
        elif all(c in _CHECKED or c in _UNCHECKED for c in cells):
            memo[combo] = frozenset(n for n, c in zip(names, cells) if c in _CHECKED)
        else:
            memo[combo] = UNKNOWN_PREFIX + " ".join(cell_text(c) for c in combo)
    values = [memo[r] for r in rows]
    for i, v in enumerate(values):
        if isinstance(v, str):
            unknown.setdefault(v[1:], []).append(i)
    outs = [out for out in memo.values() if out is not None]
    return Normalised(values, unknown, answered=bool(outs),
                      matched=any(isinstance(out, frozenset) for out in outs))


def _converter(item: KeyItem, seen_choices: tuple[str, ...] = ()):
    if item.type == "number":
        def number(raw: str):
            if not raw.strip():
                return None
            value = parse_number(raw)
            return value if value is not None else UNKNOWN_PREFIX + raw.strip()
        return number
    lookup = _choice_lookup(item)
    has_choices = bool(item.choices)
    if item.type == "true-false":
        def tf(raw: str):
            n = norm(raw)
            if not n:
                return None
            hit = lookup.get(n)
            result = true_false(hit) if hit is not None else None
            if result is None and hit is not None and n not in TRUE_WORDS | FALSE_WORDS:
                return hit  # a known choice that is neither, e.g. "I don't know"
            if result is None:
                result = "true" if n in TRUE_WORDS else "false" if n in FALSE_WORDS else None
            return result if result is not None else UNKNOWN_PREFIX + raw.strip()
        return tf
    if item.type == "single":
        def single(raw: str):
            n = norm(raw)
            if not n:
                return None
            hit = lookup.get(n)
            if hit is not None:
                return hit
            return UNKNOWN_PREFIX + raw.strip() if has_choices else raw.strip()
        return single
    for name in seen_choices:
        lookup.setdefault(norm(name), name)
    tokens = sorted(lookup.items(), key=lambda kv: -len(kv[0]))
    letters = bool(item.choices) and all(len(name) == 1 for name, _ in item.choices)
    letter_map = {norm(name): name for name, _ in item.choices} if letters else {}
    if not item.choices and item.answers and \
            all(len(a) == 1 and a.isalpha() for a in item.answers):
        # a paper test's key written "A|B|C" without choices: "ABC", "a c" are letters too,
        # and a letter the key does not name (a wrong choice) is written like its answers
        upper = all(a.isupper() for a in item.answers)
        letters = True
        letter_map = {ch: (ch.upper() if upper else ch) for ch in "abcdefghijklmnopqrstuvwxyz"}
        letter_map.update({norm(a): a for a in item.answers})

    def multiple(raw: str):
        n = norm(raw)
        if not n:
            return None
        names, rest = split_known(n, tokens)
        if rest and letters:
            compact = "".join(ch for ch in n if ch not in SEPARATORS)
            if compact and all(ch in letter_map for ch in compact):
                return frozenset(letter_map[ch] for ch in compact)
        if rest:
            if has_choices:
                return UNKNOWN_PREFIX + raw.strip()
            return frozenset(names) | frozenset(rest)
        return frozenset(names)
    return multiple


def split_known(text: str, tokens: list[tuple[str, str]]) -> tuple[list[str], list[str]]:
    """Split a joined multi-select answer greedily on known choice texts (longest first).

    Returns the choice names found and the leftover fragments (cut at , ; | or newline).
    """
    names: list[str] = []
    rest: list[str] = []
    pos, end = 0, len(text)
    while pos < end:
        while pos < end and text[pos] in SEPARATORS:
            pos += 1
        if pos >= end:
            break
        for token, name in tokens:
            stop = pos + len(token)
            if text.startswith(token, pos) and (stop == end or text[stop] in SEPARATORS):
                names.append(name)
                pos = stop
                break
        else:
            match = _SPLIT_LIST.search(text, pos)
            stop = match.start() if match else end
            rest.append(text[pos:stop].strip())
            pos = match.end() if match else end
    return names, [r for r in rest if r]
