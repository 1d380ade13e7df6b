"""Certificate verification codes: ``DKR19-7F3K-Q9XM``.

A code is a prefix (from the workshop), then 8 characters of Crockford's base32 alphabet
(no I, L, O, U: nothing to misread) in two groups of four. The first 7 characters are drawn
at random (``secrets``), never derived from personal data; the 8th is a check character.

The check character is Damm's algorithm over GF(32): with the quasigroup x∘y = 2·x + y,
every single-character substitution and every swap of two adjacent characters (check
character included) is detected, so a mistyped code is told apart from an unknown one.
"""
from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Collection

from .i18n import _

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1"})
BODY = 7  # random characters; 32**7 ≈ 3.4e10 codes per prefix
_POLY = 0b100101  # x^5 + x^2 + 1, irreducible: GF(32)


def _times_two(x: int) -> int:
    x <<= 1
    return x ^ _POLY if x & 0b100000 else x


def _damm(values: list[int]) -> int:
    interim = 0
    for value in values:
        interim = _times_two(interim) ^ value
    return interim


def check_character(body: str) -> str:
    """The check character that makes ``body`` + it pass the Damm check."""
    # In characteristic 2, 2·c + d == 0 means d == 2·c.
    return ALPHABET[_times_two(_damm([_VALUE[ch] for ch in body]))]


def default_prefix(workshop_id: str) -> str:
    """A short prefix from a workshop id: 'dakar-2019' -> 'DAK19'."""
    text = re.sub(r"[^A-Za-z0-9]+", " ", workshop_id).upper().split()
    letters = "".join(w for w in text if not w.isdigit())
    letters = re.sub(r"[^A-Z]", "", letters)[:3] or "WS"
    digits = "".join(re.findall(r"\d+", workshop_id))
    return letters + digits[-2:]


def clean_prefix(prefix: str) -> str:
    """A code prefix reduced to capital letters and digits (at most 10)."""
    return re.sub(r"[^A-Z0-9]", "", prefix.upper())[:10]


def new_code(prefix: str, *, taken: Collection[str] = (),
             token: Callable[[int], int] = secrets.randbelow) -> str:
    """A fresh code with ``prefix`` whose body is not in ``taken`` (normalised codes)."""
    bodies = {split_code(code)[1] for code in taken}
    for _attempt in range(1000):
        if token is secrets.randbelow:  # one draw of 35 random bits: 7 characters at once
            bits = secrets.randbits(5 * BODY)
            body = "".join(ALPHABET[(bits >> (5 * i)) & 31] for i in range(BODY))
        else:
            body = "".join(ALPHABET[token(32)] for _ in range(BODY))
        body += check_character(body)
        if body not in bodies:
            return f"{clean_prefix(prefix)}-{body[:4]}-{body[4:]}"
    raise RuntimeError(_("cannot draw an unused code"))  # a broken ``token``, never chance


def split_code(code: str) -> tuple[str, str]:
    """(prefix, 8-character body) of a code as typed; letters read the Crockford way.

    Spaces and case do not matter; O is read as 0, I and L as 1 in the body.
    """
    text = re.sub(r"\s+", "", str(code)).upper().replace("_", "-")
    parts = [p for p in text.split("-") if p]
    if len(parts) >= 3:
        # typed in groups: keep them, even when a character is missing or extra, so a
        # dropped character is shown where it was dropped, not as a shifted prefix
        prefix, body = "".join(parts[:-2]), parts[-2] + parts[-1]
    else:
        joined = "".join(parts)
        prefix, body = joined[:-8], joined[-8:]
    return prefix, body.translate(_READ_AS)


def normalise_code(code: str) -> str:
    """The canonical form 'PREFIX-XXXX-XXXX' of a code as typed."""
    prefix, body = split_code(code)
    return f"{prefix}-{body[:4]}-{body[4:]}" if prefix else f"{body[:4]}-{body[4:]}"


def is_well_formed(code: str) -> bool:
    """True when the body has 8 alphabet characters and its check character is right."""
    _, body = split_code(code)
    if len(body) != BODY + 1 or any(ch not in _VALUE for ch in body):
        return False
    return _damm([_VALUE[ch] for ch in body]) == 0
