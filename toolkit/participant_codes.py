"""The participant-code question of a test form: its example and pattern, from the workshop.

A fixed example ("DKR-01") and pattern (2-5 letters, digits) rejected rosters such as
``APEM27-001``, so participants could not type their own code on Kobo. Both now come from the
workshop's roster when it exists: the codes' common prefix followed by digits
(``^[Aa][Pp][Ee][Mm]27-[0-9]{3}$``), or, when the codes share no such prefix, the shape of the
codes (letters, digits and separators). Without a roster, the workshop's code prefix gives the
example (``DKR19-01``) and the pattern (that prefix, an optional hyphen, 1-4 digits).

Letters match in either case (the importer upper-cases codes). Patterns use only ``[...]``,
``{m,n}``, ``-?`` and anchors, which ODK/Kobo's ``regex()`` understands.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .i18n import _

GENERIC_PATTERN = r"^[A-Za-z]{2,5}-?[0-9]{1,4}$"
GENERIC_EXAMPLE = "DKR-01"


@dataclass(frozen=True)
class CodeRule:
    pattern: str
    example: str
    source: str  # "roster", "prefix" or "default": where the rule comes from


def _literal(text: str) -> str:
    """Text as a pattern matching it in either case: 'Ab-1' -> '[Aa][Bb]-1'."""
    out = []
    for ch in text:
        if ch.isalpha() and ch.isascii():
            out.append(f"[{ch.upper()}{ch.lower()}]")
        else:
            out.append(_escape(ch))
    return "".join(out)


def _escape(ch: str) -> str:
    """Escape only what regex() treats as special (no "\\-": simpler for form builders)."""
    return "\\" + ch if ch in ".^$*+?{}[]\\|()" else ch


def _count(low: int, high: int) -> str:
    return f"{{{low}}}" if low == high else f"{{{low},{high}}}"


def _shape(code: str) -> list[tuple[str, int]]:
    """Runs of letters ('a'), digits ('9') and each other character, with their lengths."""
    runs: list[tuple[str, int]] = []
    for ch in code:
        kind = "a" if ch.isalpha() else "9" if ch.isdigit() else ch
        if runs and runs[-1][0] == kind and kind in "a9":
            runs[-1] = (kind, runs[-1][1] + 1)
        else:
            runs.append((kind, 1))
    return runs


def rule_from_codes(codes: Sequence[str]) -> CodeRule | None:
    """A pattern that every code matches, as tight as the codes allow; None without codes."""
    codes = [c.strip() for c in codes if c and c.strip()]
    if not codes:
        return None
    upper = [c.upper() for c in codes]
    prefix = upper[0]
    for code in upper[1:]:
        while not code.startswith(prefix):
            prefix = prefix[:-1]
    prefix = prefix.rstrip("0123456789")
    tails = [c[len(prefix):] for c in upper]
    if prefix and all(t.isdigit() for t in tails):
        lengths = [len(t) for t in tails]
        pattern = f"^{_literal(prefix)}[0-9]{_count(min(lengths), max(lengths))}$"
        return CodeRule(pattern, codes[0], "roster")
    shapes = [_shape(c) for c in upper]
    kinds = {tuple(k for k, _ in s) for s in shapes}
    if len(kinds) == 1:  # one shape: each run's length range
        parts = []
        for index, (kind, _) in enumerate(shapes[0]):
            low = min(s[index][1] for s in shapes)
            high = max(s[index][1] for s in shapes)
            parts.append("[A-Za-z]" + _count(low, high) if kind == "a" else
                         "[0-9]" + _count(low, high) if kind == "9" else _escape(kind))
        return CodeRule("^" + "".join(parts) + "$", codes[0], "roster")
    longest = max(len(c) for c in codes)
    return CodeRule(f"^[A-Za-z0-9][A-Za-z0-9_./-]{{0,{max(longest - 1, 1)}}}$", codes[0],
                    "roster")


def rule_from_prefix(prefix: str) -> CodeRule | None:
    """``PREFIX-01`` and ``^PREFIX-?[0-9]{1,4}$`` from a workshop's code prefix."""
    prefix = re.sub(r"[^A-Za-z0-9]", "", prefix or "")
    if not prefix:
        return None
    return CodeRule(f"^{_literal(prefix)}-?[0-9]{{1,4}}$", f"{prefix}-01", "prefix")


def code_rule(roster_codes: Sequence[str] | None, prefix: str = "") -> CodeRule:
    """The rule for a workshop: from its roster, else its code prefix, else the generic one."""
    return (rule_from_codes(roster_codes or ()) or rule_from_prefix(prefix)
            or CodeRule(GENERIC_PATTERN, GENERIC_EXAMPLE, "default"))


def mismatched(codes: Sequence[str], pattern: str) -> list[str]:
    """The codes (as written) that the pattern rejects once trimmed."""
    rx = re.compile(pattern)
    return [c for c in codes if c and c.strip() and not rx.search(c.strip())]


def workshop_code_rule(ws, codes: Sequence[str] | None = None
                       ) -> tuple[CodeRule, list[str], str]:
    """(rule, roster codes, roster file) for a workshop; no codes when it has no roster yet.

    ``codes``: the roster's codes when the caller has read it already (not read again)."""
    from pathlib import Path

    from .codes import clean_prefix, default_prefix  # the certificates' code prefix

    roster = ws.files.participants
    if codes is None:
        codes = []
        if roster and Path(roster).is_file():
            from .responses import read_roster

            codes = [p.id for p in read_roster(roster)]
    prefix = clean_prefix(ws.certificates.code_prefix) or default_prefix(ws.id)
    return code_rule(codes, prefix), list(codes), roster or ""


def form_code_rule(ws, pattern: str | None = None, example: str | None = None, *,
                   codes: Sequence[str] | None = None) -> tuple[str, str]:
    """The participant-code pattern and example of a workshop's XLSForm (given ones win);
    refuse roster codes the pattern rejects, since those people could not submit the form."""
    from pathlib import Path

    from .errors import InputFileError

    rule, codes, roster = workshop_code_rule(ws, codes)
    pattern = pattern or rule.pattern
    example = example or (rule.example if pattern == rule.pattern else GENERIC_EXAMPLE)
    bad = mismatched(codes, pattern)
    if bad:
        raise InputFileError(
            _("{name}: {count} participant code(s) do not match the form's pattern {pattern}, "
              "so these participants could not submit the form: {codes}. Correct the "
              "codes in the roster, or give a pattern that accepts them.").format(
                name=Path(roster).name, count=len(bad), pattern=pattern,
                codes=", ".join(bad[:10]) + (" …" if len(bad) > 10 else "")))
    return pattern, example
