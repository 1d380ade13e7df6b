"""Text safe to print on a terminal: names from a roster can hold escape sequences."""
from __future__ import annotations

import re
import unicodedata

# CSI (ESC [ ... final byte), OSC (ESC ] ... BEL or ESC \), and any other two-byte ESC sequence
_ESCAPES = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-_]?"
                      r"|\x9b[0-?]*[ -/]*[@-~]")
_BIDI = dict.fromkeys(map(ord, "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def console_text(text: object) -> str:
    """``text`` without terminal escape sequences, control characters or bidi overrides.

    A tab or line break inside a value becomes a space; letters of every script are kept.
    """
    value = _ESCAPES.sub("", str(text)).translate(_BIDI)
    return "".join(" " if ch in "\t\n\r" else ch for ch in value
                   if ch in "\t\n\r" or unicodedata.category(ch) != "Cc")
