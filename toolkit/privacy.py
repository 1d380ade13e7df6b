"""Contact details out of everything printed: e-mail addresses and phone numbers, masked.

E-mail and phone belong in the roster's own columns and nowhere else. People type them into
other fields too: an organisation "ONG Jeunesse (aissatou.ndiaye@example.org)", a function
"Coordinateur, tél. +221 70 000 02 06", a comment "écrivez-moi : awa[at]example[dot]org". Every
such text is masked before it can reach a badge, a sign-in sheet, a certificate, the registry
or a report, and whoever reads it is told that something was masked.

Recognised: plain addresses, addresses with spaces around "@" or with the "@" and dots spelt
out ("at"/"arobase", "dot"/"point", in brackets or not), and phone numbers of 8 or more digits
with the usual separators and an optional "+" country code.
"""
from __future__ import annotations

import re

EMAIL_MASK = "[e-mail]"
PHONE_MASK = "[phone]"

_AT = r"(?:\s*@\s*|\s*[\[(<{]\s*(?:at|arobase|@)\s*[\])>}]\s*|\s+(?:at|arobase)\s+)"
_DOT = r"(?:\.|\s*[\[(<{]\s*(?:dot|point)\s*[\])>}]\s*|\s+(?:dot|point)\s+)"
_EMAIL = re.compile(
    rf"[\w.+-]+{_AT}[\w-]+(?:{_DOT}[\w-]+)*{_DOT}(?:[a-z]{{2,24}})\b", re.IGNORECASE)
# 8+ digits, separated by spaces, dots, dashes or slashes, optionally "+cc" or "(0)"
_PHONE = re.compile(r"(?<![\w+])\+?\(?\d[\d\s./()-]{6,}\d(?![\w])")


def _is_phone(match: re.Match[str]) -> bool:
    digits = sum(ch.isdigit() for ch in match.group(0))
    text = match.group(0)
    if re.fullmatch(r"\d{4}\s*[-/–]\s*\d{4}", text.strip()):  # a range of years: 1951-1967
        return False
    if re.fullmatch(r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}", text.strip()):  # a date
        return False
    return digits >= 8


def mask_contacts(text: str) -> tuple[str, bool]:
    """``text`` with e-mail addresses and phone numbers masked, and whether any were."""
    if not text:
        return text, False
    masked = _EMAIL.sub(EMAIL_MASK, text)
    masked = _PHONE.sub(lambda m: PHONE_MASK if _is_phone(m) else m.group(0), masked)
    return masked, masked != text


def scrub(text: str) -> str:
    """``text`` without e-mail addresses or phone numbers."""
    return mask_contacts(text)[0]
